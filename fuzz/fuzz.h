/* fuzz.h — the entry point every fuzz target defines (libFuzzer's), declared
 * once for the targets and for replay.c, which drives them over a corpus
 * as an ordinary test. */
#ifndef REEL_FUZZ_H
#define REEL_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
