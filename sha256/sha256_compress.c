/*
 * sha256/sha256_compress.c -- FIPS 180-4 §6.2.2 SHA-256 hash computation:
 * the message schedule and the 64 rounds that turn H(i-1) into H(i).
 *
 * Written to be read beside the standard and stepped through in gdb:
 * W[], the working variables a..h and H[] are named as in §6.2.2.
 * CT: yes (no secret-dependent branches or memory indices).
 */
#include "common/bytes.h"
#include "common/ct.h"
#include "sha256/sha256_functions.h"
#include "sha256/sha256_internal.h"

/* §6.2.2 step 1: prepare the message schedule {W_t}:
 *     W_t = M(i)_t                                              0 <= t <= 15
 *     W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}     16 <= t <= 63
 * M(i)_t is word t of the block, read big-endian (§3.1). */
void sha256_message_schedule(uint32_t W[64], const uint8_t block[SHA256_BLOCK_SIZE])
{
    for (unsigned t = 0; t < 16; t++)
        W[t] = load32_be(block + 4 * t);
    for (unsigned t = 16; t < 64; t++)
        W[t] = sigma1(W[t - 2]) + W[t - 7] + sigma0(W[t - 15]) + W[t - 16];
}

static void trace_round(const struct sha256_trace *trace, uint64_t i, unsigned t,
                        uint32_t a, uint32_t b, uint32_t c, uint32_t d,
                        uint32_t e, uint32_t f, uint32_t g, uint32_t h)
{
    const uint32_t v[8] = { a, b, c, d, e, f, g, h };
    trace->on_round(trace->arg, i, t, v);
}

void sha256_compress(uint32_t H[8], const uint8_t block[SHA256_BLOCK_SIZE],
                     const struct sha256_trace *trace, uint64_t i)
{
    uint32_t W[64];

    /* Step 1: the message schedule. */
    sha256_message_schedule(W, block);
    if (trace && trace->on_block) {
        uint32_t M[16];
        for (unsigned t = 0; t < 16; t++)
            M[t] = W[t];
        trace->on_block(trace->arg, i, M);
    }
    if (trace && trace->on_schedule)
        trace->on_schedule(trace->arg, i, W);

    /* Step 2: initialise the eight working variables with H(i-1). */
    uint32_t a = H[0], b = H[1], c = H[2], d = H[3];
    uint32_t e = H[4], f = H[5], g = H[6], h = H[7];

    /* Step 3: for t = 0 to 63. */
    for (unsigned t = 0; t < 64; t++) {
        uint32_t T1 = h + Sigma1(e) + Ch(e, f, g) + SHA256_K[t] + W[t];
        uint32_t T2 = Sigma0(a) + Maj(a, b, c);
        h = g;
        g = f;
        f = e;
        e = d + T1;
        d = c;
        c = b;
        b = a;
        a = T1 + T2;
        if (trace && trace->on_round)
            trace_round(trace, i, t, a, b, c, d, e, f, g, h);
    }

    /* Step 4: the i-th intermediate hash value H(i). */
    H[0] += a;
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    H[5] += f;
    H[6] += g;
    H[7] += h;
    if (trace && trace->on_hash)
        trace->on_hash(trace->arg, i, H);

    /* The schedule is derived from the message (which may be a key, as in
     * HMAC): do not leave it on the stack. */
    cl_wipe(W, sizeof W);
}
