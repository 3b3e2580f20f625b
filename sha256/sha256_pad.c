/*
 * sha256/sha256_pad.c -- FIPS 180-4 §5.1.1 padding the message (SHA-1,
 * SHA-224 and SHA-256 share it).
 *
 * "Suppose that the length of the message, M, is l bits.  Append the bit
 * '1' to the end of the message, followed by k zero bits, where k is the
 * smallest, non-negative solution to the equation l + 1 + k = 448 mod 512.
 * Then append the 64-bit block that is equal to the number l expressed
 * using a binary representation."
 *
 * cryptolab hashes whole bytes, so the '1' bit and the first seven of the
 * k zero bits form the byte 0x80.  CT: yes with respect to the message
 * (only its public length is used).
 */
#include "common/bytes.h"
#include "sha256/sha256_internal.h"

size_t sha256_padding(uint64_t msg_len, uint8_t pad[SHA256_MAX_PAD])
{
    uint64_t l = msg_len * 8;                 /* length in bits (< 2^64) */
    size_t used = (size_t)(msg_len % 64);     /* bytes in the last block */
    /* bytes of 0x80 + zeros so that (used + n) = 56 mod 64 */
    size_t n = (used < 56) ? 56 - used : 120 - used;

    pad[0] = 0x80;                            /* the bit "1", then 7 zero bits */
    for (size_t j = 1; j < n; j++)
        pad[j] = 0x00;                        /* the remaining k zero bits */
    store64_be(pad + n, l);                   /* the 64-bit length l */
    return n + 8;
}
