/* replay.c — runs a libFuzzer target's corpus as an ordinary test: every
 * file in the directory given as argv[1] goes through LLVMFuzzerTestOneInput
 * once. A missing corpus is a failure, not a skip.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        fprintf(stderr, "%s: corpus directory missing\n", argv[1]);
        return 1;
    }
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
        size_t got = buf && len > 0 ? fread(buf, 1, (size_t)len, f) : 0;
        fclose(f);
        if (buf) LLVMFuzzerTestOneInput(buf, got);
        free(buf);
        n++;
    }
    closedir(d);
    if (n == 0) {
        fprintf(stderr, "%s: corpus is empty\n", argv[1]);
        return 1;
    }
    printf("%zu inputs replayed\n", n);
    return 0;
}
