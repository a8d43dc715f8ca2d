/* cmd_completion.c — `reel completion bash`: the bash completion script,
 * made from the command table of main.c (names, option lines, synopses),
 * so a new command or option completes without anyone editing a script.
 * Completes commands, options, the values listed in a synopsis
 * ("--sort title|score|reviews"), a literal first word ("catalog import")
 * and file names where an option takes a FILE (or a command takes paths).
 */
#include "cli.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    char name[40]; /* "--db" */
    char meta[40]; /* "FILE|URL", or "" for a flag */
} opt;

/* The options of a command's option lines ("  -q, --quiet   ..." or
 * "  --db FILE|URL  ..."), at most `cap`. */
static size_t options_of(const char *table, opt *out, size_t cap)
{
    size_t n = 0;
    for (const char *l = table; l && *l && n < cap;) {
        const char *end = l + strcspn(l, "\n");
        const char *p = l + strspn(l, " ");
        if (p[0] == '-' && p[1] != '-' && p[1] && p[2] == ',')
            p += 3 + strspn(p + 3, " ");
        if (p < end && !strncmp(p, "--", 2)) {
            size_t k = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");
            opt *o = &out[n];
            memset(o, 0, sizeof *o);
            snprintf(o->name, sizeof o->name, "%.*s", (int)k, p);
            p += k;
            if (p < end && p[0] == ' ' && p[1] != ' ' && p + 1 < end) {
                size_t m = strcspn(p + 1, " \n");
                snprintf(o->meta, sizeof o->meta, "%.*s", (int)m, p + 1);
            }
            n++;
        }
        l = *end ? end + 1 : end;
    }
    return n;
}

/* The options anywhere in a usage text ("[--out models/x] --cv a|b --json"):
 * a value follows one space when it does not open with '-', '[' or '('. */
static size_t options_in_text(const char *text, opt *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = text; p && (p = strstr(p, "--")) && n < cap;) {
        size_t k = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyzC0123456789-");
        if (k == 2 || (p > text && !strchr(" [", p[-1]))) {
            p += k;
            continue;
        }
        opt o;
        memset(&o, 0, sizeof o);
        snprintf(o.name, sizeof o.name, "%.*s", (int)k, p);
        p += k;
        if (p[0] == ' ' && p[1] && !strchr(" -[(\n", p[1])) {
            size_t m = strcspn(p + 1, " ]\n");
            snprintf(o.meta, sizeof o.meta, "%.*s", (int)m, p + 1);
        }
        size_t j = 0;
        while (j < n && strcmp(out[j].name, o.name))
            j++;
        if (j == n) out[n++] = o;
    }
    return n;
}

/* The values a synopsis lists for `name` ("--sort title|score|reviews"),
 * space-separated into `out`; 0 when it lists none. */
static int values_of(const char *synopsis, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = synopsis ? strstr(synopsis, name) : NULL; p;
         p = strstr(p + 1, name)) {
        if (p[nl] != ' ') continue;
        const char *v = p + nl + 1;
        size_t m = strcspn(v, " ]\n");
        if (!memchr(v, '|', m) ||
            strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789-|") < m || m >= cap)
            return 0;
        for (size_t i = 0; i < m; i++)
            out[i] = v[i] == '|' ? ' ' : v[i];
        out[m] = 0;
        return 1;
    }
    return 0;
}

static int takes_files(const char *meta)
{
    return strstr(meta, "FILE") || strstr(meta, "DIR") || strstr(meta, "PATH") ||
           strchr(meta, '/');
}

static void print_bash(void)
{
    size_t n = 0;
    const cli_command *cmds = cli_commands(&n);
    printf("# bash completion for reel(1), made by `reel completion bash` (reel %s)\n"
           "# from the command's own tables. Install it as\n"
           "# /usr/share/bash-completion/completions/reel (make install does), or\n"
           "# put `source <(reel completion bash)` in ~/.bashrc.\n"
           "_reel() {\n"
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
           "    local cword=$COMP_CWORD\n"
           "    # --opt=VALUE: bash splits it into --opt, =, VALUE\n"
           "    if [ \"$cur\" = = ]; then cur=''; elif [ \"$prev\" = = ] && [ \"$cword\" "
           "-ge 3 ]; then\n"
           "        prev=${COMP_WORDS[COMP_CWORD-2]}\n"
           "    fi\n"
           "    if [ \"$cword\" -le 1 ]; then\n"
           "        COMPREPLY=($(compgen -W '",
           REEL_VERSION);
    for (size_t i = 0; i < n; i++)
        printf("%s ", cmds[i].name);
    printf("help --help --version' -- \"$cur\"))\n"
           "        return\n"
           "    fi\n"
           "    local opts='' words=''\n"
           "    case ${COMP_WORDS[1]} in\n"
           "    help)\n"
           "        [ \"$cword\" -eq 2 ] && COMPREPLY=($(compgen -W '");
    for (size_t i = 0; i < n; i++)
        printf("%s%s", i ? " " : "", cmds[i].name);
    printf("' -- \"$cur\"))\n"
           "        return ;;\n");
    for (size_t i = 0; i < n; i++) {
        opt o[48];
        size_t k = cmds[i].synopsis
                       ? options_of(cmds[i].options, o, sizeof o / sizeof *o)
                       : options_in_text(cmds[i].options, o, sizeof o / sizeof *o);
        printf("    %s)\n        opts='", cmds[i].name);
        for (size_t j = 0; j < k; j++)
            printf("%s ", o[j].name);
        printf("--help'\n");
        /* a literal first word: "catalog import", "completion bash", or a
         * usage text's "reel train names ..." */
        const char *syn = cmds[i].synopsis ? cmds[i].synopsis : cmds[i].options;
        size_t w = cmds[i].synopsis ? strspn(syn, "abcdefghijklmnopqrstuvwxyz") : 0;
        if (w && (syn[w] == ' ' || !syn[w]))
            printf("        words='%.*s'\n", (int)w, syn);
        char lead[48];
        snprintf(lead, sizeof lead, "reel %s ", cmds[i].name);
        for (const char *p = cmds[i].synopsis ? NULL : strstr(syn, lead); p;
             p = strstr(p + 1, lead)) {
            const char *v = p + strlen(lead);
            size_t m = strspn(v, "abcdefghijklmnopqrstuvwxyz");
            if (m && v[m] == ' ') printf("        words='%.*s'\n", (int)m, v);
        }
        /* what follows an option that takes a value */
        int any = 0;
        for (size_t j = 0; j < k; j++) {
            if (!o[j].meta[0]) continue;
            char vals[128];
            if (!any++) printf("        case $prev in\n");
            if (values_of(syn, o[j].name, vals, sizeof vals))
                printf(
                    "        %s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return ;;\n",
                    o[j].name, vals);
            else if (takes_files(o[j].meta))
                printf("        %s) compopt -o filenames 2>/dev/null; "
                       "COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n",
                       o[j].name);
            else /* a number, a name, an address: nothing to offer */
                printf("        %s) return ;;\n", o[j].name);
        }
        if (any) printf("        esac\n");
        printf("        ;;\n");
    }
    printf("    esac\n"
           "    if [[ $cur == -* ]]; then\n"
           "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
           "    elif [ \"$cword\" -eq 2 ] && [ -n \"$words\" ]; then\n"
           "        COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
           "    else\n"
           "        compopt -o filenames 2>/dev/null\n"
           "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
           "    fi\n"
           "}\n"
           "complete -F _reel reel\n");
}

int cmd_completion(int argc, char **argv)
{
    if (argc != 2 || strcmp(argv[1], "bash") != 0) {
        fprintf(stderr, "usage: reel completion bash%s%s%s\n",
                argc == 2 ? "   (no completion for '" : "",
                argc == 2 ? cli_safe(argv[1]) : "",
                argc == 2 ? "' yet; zsh can load the bash one with bashcompinit)" : "");
        return EXIT_USAGE;
    }
    print_bash();
    return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OKAY : EXIT_FAIL;
}
