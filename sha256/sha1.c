/*
 * sha256/sha1.c -- SHA-1, FIPS 180-4 §6.1 (see sha1.h for why it exists:
 * only the RSA Laboratories PKCS#1 v2.1 example vectors need it).
 *
 * Kept in one file, since SHA-1 is not studied here; it shares the
 * padding of §5.1.1 with SHA-256 (sha256_padding()).
 */
#include <string.h>
#include "common/bytes.h"
#include "common/ct.h"
#include "sha256/sha1.h"
#include "sha256/sha256_internal.h"

#define SHA1_READY 1u

/* §3.2 (5): ROTL^n(x) = (x << n) OR (x >> (w - n)). */
static inline uint32_t ROTL(unsigned n, uint32_t x)
{
    return (x << n) | (x >> (32u - n));
}

/* §4.1.1: f_t(x, y, z) -- Ch for 0..19, Parity for 20..39 and 60..79,
 * Maj for 40..59. */
static inline uint32_t sha1_f(unsigned t, uint32_t x, uint32_t y, uint32_t z)
{
    if (t < 20)
        return (x & y) ^ (~x & z);            /* Ch */
    if (t < 40)
        return x ^ y ^ z;                     /* Parity */
    if (t < 60)
        return (x & y) ^ (x & z) ^ (y & z);   /* Maj */
    return x ^ y ^ z;                         /* Parity */
}

/* §4.2.1: K_t (depends only on the public round number t). */
static inline uint32_t sha1_K(unsigned t)
{
    if (t < 20)
        return 0x5a827999;
    if (t < 40)
        return 0x6ed9eba1;
    if (t < 60)
        return 0x8f1bbcdc;
    return 0xca62c1d6;
}

/* §5.3.1: H(0) for SHA-1. */
static const uint32_t SHA1_H0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };

/* §6.1.2 steps 1-4 for one block. */
static void sha1_compress(uint32_t H[5], const uint8_t block[SHA1_BLOCK_SIZE])
{
    uint32_t W[80];
    for (unsigned t = 0; t < 16; t++)                 /* step 1 */
        W[t] = load32_be(block + 4 * t);
    for (unsigned t = 16; t < 80; t++)
        W[t] = ROTL(1, W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16]);

    uint32_t a = H[0], b = H[1], c = H[2], d = H[3], e = H[4];   /* step 2 */
    for (unsigned t = 0; t < 80; t++) {               /* step 3 */
        uint32_t T = ROTL(5, a) + sha1_f(t, b, c, d) + e + sha1_K(t) + W[t];
        e = d;
        d = c;
        c = ROTL(30, b);
        b = a;
        a = T;
    }
    H[0] += a;                                        /* step 4 */
    H[1] += b;
    H[2] += c;
    H[3] += d;
    H[4] += e;
    cl_wipe(W, sizeof W);
}

cl_status sha1_init(sha1_ctx *ctx)
{
    if (ctx == NULL)
        return CL_ERR_NULL_POINTER;
    memset(ctx, 0, sizeof *ctx);
    for (unsigned j = 0; j < 5; j++)
        ctx->H[j] = SHA1_H0[j];
    ctx->ready = SHA1_READY;
    return CL_OK;
}

static void absorb(sha1_ctx *ctx, const uint8_t *data, size_t len)
{
    while (len > 0) {
        size_t take = SHA1_BLOCK_SIZE - ctx->block_len;
        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->block_len, data, take);
        ctx->block_len += take;
        data += take;
        len -= take;
        if (ctx->block_len == SHA1_BLOCK_SIZE) {
            sha1_compress(ctx->H, ctx->block);
            ctx->block_len = 0;
        }
    }
}

cl_status sha1_update(sha1_ctx *ctx, const uint8_t *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len > 0))
        return CL_ERR_NULL_POINTER;
    if (ctx->ready != SHA1_READY || ctx->block_len >= SHA1_BLOCK_SIZE)
        return CL_ERR_STATE;
    if (len > SHA256_MAX_MESSAGE_BYTES - ctx->total_len)
        return CL_ERR_MESSAGE_TOO_LONG;
    ctx->total_len += len;
    absorb(ctx, data, len);
    return CL_OK;
}

cl_status sha1_final(sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE])
{
    if (ctx == NULL || digest == NULL)
        return CL_ERR_NULL_POINTER;
    if (ctx->ready != SHA1_READY || ctx->block_len >= SHA1_BLOCK_SIZE)
        return CL_ERR_STATE;
    uint8_t pad[SHA256_MAX_PAD];
    size_t n = sha256_padding(ctx->total_len, pad);   /* §5.1.1, same as SHA-256 */
    absorb(ctx, pad, n);
    for (unsigned j = 0; j < 5; j++)
        store32_be(digest + 4 * j, ctx->H[j]);
    cl_wipe(ctx, sizeof *ctx);
    return CL_OK;
}

cl_status sha1_digest(const uint8_t *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE])
{
    sha1_ctx ctx;
    cl_status st = sha1_init(&ctx);
    if (st == CL_OK)
        st = sha1_update(&ctx, data, len);
    if (st == CL_OK)
        st = sha1_final(&ctx, digest);
    cl_wipe(&ctx, sizeof ctx);
    return st;
}
