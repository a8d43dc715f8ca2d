/* hash.h — the hashes of hash.c, for the library, the command, the tests
 * and the benchmarks alike: one FNV-1a, one SplitMix64, one SHA-256, so a
 * value computed in two places is computed the same way.
 */
#ifndef REEL_HASH_H
#define REEL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's 64-bit offset basis and prime. */
#define FNV1A_BASIS 0xcbf29ce484222325ULL
#define FNV1A_PRIME 0x100000001b3ULL
/* The basis hash_bytes starts from: the standard one short of its last
 * digit, as reel has always hashed. Table slots and the server's ETags
 * follow from it, so it stays. */
#define HASH_BASIS 1469598103934665603ULL

/* One more value folded into an FNV-1a hash (a byte, or any small
 * number a digest wants to mark). Inline, as the next two: the feature
 * extractor hashes every word with them. */
static inline uint64_t fnv1a_step(uint64_t h, uint64_t v)
{
    return (h ^ v) * FNV1A_PRIME;
}
/* FNV-1a over data[0..n), continuing from h (FNV1A_BASIS or HASH_BASIS to
 * start, or an earlier result to hash on). */
static inline uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = fnv1a_step(h, p[i]);
    return h;
}
/* FNV-1a over s[0..n) from HASH_BASIS: the hash tables of the analyzers,
 * the store and the server. */
uint64_t hash_bytes(const char *s, size_t n);

/* SplitMix64's increment (the golden ratio in 64 bits). */
#define SPLITMIX64_GAMMA 0x9e3779b97f4a7c15ULL
/* SplitMix64's finaliser: a strong 64-bit mix (every input bit moves every
 * output bit). */
static inline uint64_t splitmix64_mix(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
/* The next number of the SplitMix64 sequence from *state (advanced). */
uint64_t splitmix64_next(uint64_t *state);

/* SHA-256 of data as 64 hex digits: 0, or REEL_ENOMEM (OpenSSL allocates). */
int sha256_hex(const void *data, size_t len, char out[65]);

#endif
