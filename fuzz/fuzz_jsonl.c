/* fuzz_jsonl.c — the JSON-lines reader over arbitrary bytes: every record
 * is read or rejected on its own, and iteration always ends. */
#include "fuzz.h"
#include "read_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/reel-fuzz-jsonl-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) return 0;
    /* make it a JSON-lines stream whatever the bytes */
    fputc('{', f);
    fwrite(data, 1, size, f);
    fclose(f);
    fuzz_read_all(path);
    unlink(path);
    return 0;
}
