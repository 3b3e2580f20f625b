/*
 * sha256/sha256_internal.h -- the pieces of FIPS 180-4 SHA-256 that
 * sha256.c puts together.  Internal to the library (not installed), but
 * the unit tests and the trace use them to show each step on its own.
 */
#ifndef CRYPTOLAB_SHA256_INTERNAL_H
#define CRYPTOLAB_SHA256_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "sha256/sha256.h"
#include "common/internal.h"

/* §4.2.2: the sixty-four constant words K{256}_0 .. K{256}_63.
 * (CL_INTERNAL: the standard's names, not exported; common/internal.h.) */
CL_INTERNAL extern const uint32_t SHA256_K[64];

/* §5.3.3: the initial hash value H(0). */
CL_INTERNAL extern const uint32_t SHA256_H0[8];

/* §5.1.1: the padding for a message of msg_len bytes: the bit "1" (byte
 * 0x80), k zero bits with l + 1 + k = 448 mod 512, then the 64-bit length l
 * in bits, big-endian.  Writes it to pad (at most 72 bytes: 1 + 63 + 8) and
 * returns its length; msg_len + returned length is a multiple of 64.
 * Requires msg_len < 2^61 (l < 2^64, checked by the caller). */
#define SHA256_MAX_PAD 72
size_t sha256_padding(uint64_t msg_len, uint8_t pad[SHA256_MAX_PAD]);

/* §6.2.2 step 1: prepare the message schedule W_0 .. W_63 from block M(i). */
void sha256_message_schedule(uint32_t W[64], const uint8_t block[SHA256_BLOCK_SIZE]);

/* §6.2.2 steps 1-4: process block M(i) into the intermediate hash value
 * H (H(i-1) in, H(i) out).  i is the block number (from 1), used only for
 * the trace; trace may be NULL.  CT: yes. */
void sha256_compress(uint32_t H[8], const uint8_t block[SHA256_BLOCK_SIZE],
                     const struct sha256_trace *trace, uint64_t i);

#endif
