/* hash.c — the hashes reel computes, each written once (the small ones
 * inline in hash.h): FNV-1a for hash
 * tables, feature ids and ETags, SplitMix64 for mixing and for seeded
 * shuffles that repeat from run to run, and SHA-256 (OpenSSL EVP) for
 * content identity and the model file's trailer.
 */
#include "internal.h"

#include <openssl/err.h>
#include <openssl/evp.h>

uint64_t hash_bytes(const char *s, size_t n)
{
    return fnv1a(HASH_BASIS, s, n);
}

uint64_t splitmix64_next(uint64_t *state)
{
    *state += SPLITMIX64_GAMMA;
    return splitmix64_mix(*state);
}

int sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    out[0] = 0;
    if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32) {
        ERR_clear_error();
        return REEL_ENOMEM;
    }
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = 0;
    return 0;
}
