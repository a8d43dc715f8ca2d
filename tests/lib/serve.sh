# serve.sh — sourced by the shell tests that start `reel serve --listen
# HOST:0` (a port the kernel picks) with its standard output in a file.
#   serve_port FILE  wait until FILE says where the server listens, up to
#                    60 s (the sanitizers on a slow machine) and no longer
#                    than it takes; print the port (nothing if it never did)
serve_port() {
  for _ in $(seq 1 600); do grep -q serving "$1" 2> /dev/null && break; sleep 0.1; done
  sed -n 's|.* on http://[^ ]*:\([0-9]*\)/ .*|\1|p' "$1"
}
