/* cmd_serve.c — `reel serve`: the JSON API and web pages of a store until
 * SIGINT or SIGTERM, then a graceful stop. Loopback unless told otherwise;
 * writes (POST /api/articles) only with a token, from --token or
 * $REEL_TOKEN (the environment keeps it out of `ps`). Prints the URL it
 * serves on stdout, so scripts can start it on port 0 and read the port.
 */
#include "render.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = (unsigned)v;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    cli_common c;
    cli_common_defaults(&c);
    const char *pos[1];
    int npos, rc;
    json_t *opts = json_object();
    static const char *const valued[] = {
        "listen", "token", "threads", "max-body", "request-timeout", "cors", NULL};
    static const char *const flags[] = {"no-cache", NULL};
    reel_ctx *ctx = NULL;
    reel_server *srv = NULL;
    if ((rc = cli_parse(argc, argv, &c, pos, 0, &npos, valued, flags, opts))) goto out;
    reel_server_opts so;
    memset(&so, 0, sizeof so);
    const char *listen = json_string_value(json_object_get(opts, "listen"));
    const char *threads = json_string_value(json_object_get(opts, "threads"));
    const char *max_body = json_string_value(json_object_get(opts, "max-body"));
    const char *limit = json_string_value(json_object_get(opts, "request-timeout"));
    so.token = json_string_value(json_object_get(opts, "token"));
    so.cors_origin = json_string_value(json_object_get(opts, "cors"));
    if (!so.token) so.token = getenv("REEL_TOKEN");
    unsigned mb = 0;
    if ((threads && parse_uint(threads, 1, 64, &so.threads)) ||
        (max_body && parse_uint(max_body, 1, 1024, &mb)) ||
        (limit && parse_uint(limit, 10, 3600000, &so.request_ms))) {
        fprintf(stderr, "usage: reel serve [--db FILE] [--listen HOST:PORT] [--token T] "
                        "[--threads 1-64] [--max-body MiB 1-1024] "
                        "[--request-timeout MS 10-3600000] [--cors ORIGIN] "
                        "[--no-cache]\n");
        rc = EXIT_USAGE;
        goto out;
    }
    so.max_body = (size_t)mb << 20;
    if (json_object_get(opts, "no-cache")) so.cache_ms = -1;
    rc = EXIT_FAIL;
    if (!(ctx = cli_ctx(&c, CLI_MODEL_WANT))) goto out;
    /* SIGINT/SIGTERM are waited for, not handled: block them before the
     * server's threads start so that they inherit the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (reel_server_start(&srv, ctx, c.db, listen ? listen : "127.0.0.1:8080", &so)) {
        fprintf(stderr, "reel serve: %s\n", reel_errmsg(ctx));
        goto out;
    }
    const char *host = listen ? listen : "127.0.0.1";
    char hostpart[300];
    snprintf(hostpart, sizeof hostpart, "%s", host);
    char *colon = strrchr(hostpart, ':');
    if (colon && (hostpart[0] != '[' || colon > strchr(hostpart, ']'))) *colon = 0;
    if (!hostpart[0] || strspn(hostpart, "0123456789") == strlen(hostpart))
        snprintf(hostpart, sizeof hostpart, "127.0.0.1");
    printf("reel: serving %s on http://%s:%d/ (writes %s)\n", c.db, hostpart,
           reel_server_port(srv), so.token && *so.token ? "need the token" : "off");
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "reel serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    rc = EXIT_OKAY;
out:
    reel_server_stop(srv);
    reel_ctx_free(ctx);
    json_decref(opts);
    return rc;
}
