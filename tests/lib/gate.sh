# gate.sh — sourced by the shell tests that must catch a `reel` run at a
# known point on any machine (fast, slow, loaded, under the sanitizers),
# never after a fixed sleep: a gate is a FIFO named among the run's inputs.
# The run blocks when it gets there, every input before it read and handled;
# the test sees that (gate_reached), does what it must while the run waits
# (kill it, restart its server, run another writer), then lets it go on.
#   gate PATH              make PATH a FIFO with a writer waiting in the background
#   gate_reached PATH [S]  0 once the run has opened PATH; 1 after S s (120)
#   gate_open PATH [FILE]  the writer writes FILE (if given) into it and closes it
#   gate_cleanup           end the writers still waiting, remove their marks
#                          (call it from the EXIT trap too)
#   wait_until S CMD...    run CMD every 0.05 s until it succeeds (0) or S s pass (1)
# The marks live in a directory of their own, so a gate among a directory's
# files leaves nothing else there; two gates need two base names.
gate_pids=()
gate_dir=""
gate() {
  local m
  [ -n "$gate_dir" ] || gate_dir=$(mktemp -d) || return 1
  m="$gate_dir/$(basename "$1")"
  rm -f "$1" "$m.reached" "$m.go"
  mkfifo "$1" || return 1
  # the redirection blocks until the run opens the FIFO for reading
  ( exec > "$1"
    : > "$m.reached"
    until [ -e "$m.go" ]; do sleep 0.05; done
    f=$(cat "$m.go")
    [ -z "$f" ] || cat "$f" ) 2> /dev/null &
  gate_pids+=($!)
}
wait_until() {
  local limit=$1 start=$SECONDS
  shift
  until "$@"; do
    [ $((SECONDS - start)) -ge "$limit" ] && return 1
    sleep 0.05
  done
}
gate_reached() { wait_until "${2:-120}" test -e "$gate_dir/$(basename "$1").reached"; }
gate_open() { # written whole, then named: the writer never reads half of it
  local m
  m="$gate_dir/$(basename "$1")"
  printf '%s' "${2:-}" > "$m.go.new" && mv "$m.go.new" "$m.go"
}
gate_cleanup() {
  local p
  for p in "${gate_pids[@]}"; do kill "$p" 2> /dev/null; done
  gate_pids=()
  [ -z "$gate_dir" ] || rm -rf "$gate_dir"
  gate_dir=""
}
