/* fuzz_warc.c — the WARC reader over arbitrary bytes, plain or gzipped:
 * every record is read, skipped or rejected on its own, memory stays within
 * the limit and iteration always ends. The first byte picks the layout: 0
 * plain (a WARC line is put in front unless there is one), 1 the rest
 * gzipped with a member per record, 2 the bytes as they are (a corrupt
 * .warc.gz when they start with the gzip magic). */
#include "fuzz.h"
#include "read_all.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

/* One gzip member of data[0..len) onto f. */
static void gz_member(FILE *f, const uint8_t *data, size_t len)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return;
    unsigned char out[16384];
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    int zr;
    do {
        z.next_out = out;
        z.avail_out = sizeof out;
        zr = deflate(&z, Z_FINISH);
        fwrite(out, 1, sizeof out - z.avail_out, f);
    } while (zr == Z_OK);
    deflateEnd(&z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    int mode = data[0] % 3;
    data++;
    size--;
    char path[] = "/tmp/reel-fuzz-warc-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) return 0;
    int gz_magic = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (mode == 1) {
        /* a member per record: cut before each "WARC/" after the first */
        size_t start = 0;
        for (size_t i = 1; i + 5 <= size; i++)
            if (!memcmp(data + i, "WARC/", 5)) {
                gz_member(f, data + start, i - start);
                start = i;
            }
        gz_member(f, data + start, size - start);
    } else {
        if (!(mode == 2 && gz_magic) && (size < 5 || memcmp(data, "WARC/", 5)))
            fputs("WARC/1.0\r\n", f);
        fwrite(data, 1, size, f);
    }
    fclose(f);
    fuzz_read_all(path);
    unlink(path);
    return 0;
}
