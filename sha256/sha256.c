/*
 * sha256/sha256.c -- SHA-256 streaming interface (FIPS 180-4 §6.2).
 *
 * The standard describes the hash of a whole message: pad it (§5.1.1),
 * parse it into 512-bit blocks M(1)..M(N) (§5.2.1), set H(0) (§5.3.3) and
 * compress block after block (§6.2.2).  A streaming interface does the same
 * thing as the bytes arrive: it keeps at most one partial block in the
 * context, compresses every block as soon as it is complete, and appends
 * the padding in sha256_final() once the length l is known.
 */
#include <string.h>
#include "common/bytes.h"
#include "common/ct.h"
#include "sha256/sha256.h"
#include "sha256/sha256_internal.h"
#include "sha256/sha256_fast_internal.h"

#define SHA256_READY 1u

cl_status sha256_init(sha256_ctx *ctx)
{
    if (ctx == NULL)
        return CL_ERR_NULL_POINTER;
    memset(ctx, 0, sizeof *ctx);
    for (unsigned j = 0; j < 8; j++)
        ctx->H[j] = SHA256_H0[j];             /* §5.3.3 H(0) */
    ctx->ready = SHA256_READY;
    return CL_OK;
}

cl_status sha256_set_trace(sha256_ctx *ctx, const struct sha256_trace *trace)
{
    if (ctx == NULL)
        return CL_ERR_NULL_POINTER;
    if (ctx->ready != SHA256_READY)
        return CL_ERR_STATE;
    ctx->trace = trace;
    return CL_OK;
}

cl_status sha256_resume(sha256_ctx *ctx, const uint8_t digest[SHA256_DIGEST_SIZE],
                        uint64_t processed_len)
{
    if (ctx == NULL || digest == NULL)
        return CL_ERR_NULL_POINTER;
    if (processed_len % SHA256_BLOCK_SIZE != 0 || processed_len > SHA256_MAX_MESSAGE_BYTES)
        return CL_ERR_BAD_ARGUMENT;
    memset(ctx, 0, sizeof *ctx);
    for (unsigned j = 0; j < 8; j++)
        ctx->H[j] = load32_be(digest + 4 * j); /* the digest is H(N), word by word */
    ctx->total_len = processed_len;
    ctx->blocks = processed_len / SHA256_BLOCK_SIZE;
    ctx->ready = SHA256_READY;
    return CL_OK;
}

/* Feeds bytes into the block buffer, compressing each full block (§6.2.2).
 * Used for the message and, from sha256_final(), for the padding. */
static void absorb(sha256_ctx *ctx, const uint8_t *data, size_t len)
{
    while (len > 0) {
        if (ctx->block_len == 0 && len >= SHA256_BLOCK_SIZE && ctx->trace == NULL) {
            /* untraced: all whole blocks at once with the fastest compression
             * function (sha256_fast_internal.h: SHA-NI or tuned C) */
            size_t n = len / SHA256_BLOCK_SIZE;
            sha256_blocks(SHA256_IMPL_DEFAULT, ctx->H, data, n);
            ctx->blocks += n;
            data += n * SHA256_BLOCK_SIZE;
            len -= n * SHA256_BLOCK_SIZE;
            continue;
        }
        if (ctx->block_len == 0 && len >= SHA256_BLOCK_SIZE) {
            /* a whole block straight from the caller's buffer */
            ctx->blocks++;
            sha256_compress(ctx->H, data, ctx->trace, ctx->blocks);
            data += SHA256_BLOCK_SIZE;
            len -= SHA256_BLOCK_SIZE;
            continue;
        }
        size_t take = SHA256_BLOCK_SIZE - ctx->block_len;
        if (take > len)
            take = len;
        memcpy(ctx->block + ctx->block_len, data, take);
        ctx->block_len += take;
        data += take;
        len -= take;
        if (ctx->block_len == SHA256_BLOCK_SIZE) {
            ctx->blocks++;
            if (ctx->trace == NULL)
                sha256_blocks(SHA256_IMPL_DEFAULT, ctx->H, ctx->block, 1);
            else
                sha256_compress(ctx->H, ctx->block, ctx->trace, ctx->blocks);
            ctx->block_len = 0;
        }
    }
}

cl_status sha256_update(sha256_ctx *ctx, const uint8_t *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len > 0))
        return CL_ERR_NULL_POINTER;
    if (ctx->ready != SHA256_READY || ctx->block_len >= SHA256_BLOCK_SIZE)
        return CL_ERR_STATE;
    if (len > SHA256_MAX_MESSAGE_BYTES - ctx->total_len)
        return CL_ERR_MESSAGE_TOO_LONG;       /* l must stay below 2^64 bits */
    ctx->total_len += len;
    absorb(ctx, data, len);
    return CL_OK;
}

cl_status sha256_final(sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
    if (ctx == NULL || digest == NULL)
        return CL_ERR_NULL_POINTER;
    if (ctx->ready != SHA256_READY || ctx->block_len >= SHA256_BLOCK_SIZE)
        return CL_ERR_STATE;

    uint8_t pad[SHA256_MAX_PAD];
    size_t n = sha256_padding(ctx->total_len, pad);   /* §5.1.1 */
    absorb(ctx, pad, n);                              /* the last block(s) */

    /* §6.2.2: the digest is H(N)_0 || H(N)_1 || ... || H(N)_7, big-endian. */
    for (unsigned j = 0; j < 8; j++)
        store32_be(digest + 4 * j, ctx->H[j]);
    cl_wipe(ctx, sizeof *ctx);                        /* ready = 0 */
    return CL_OK;
}

cl_status sha256_digest(const uint8_t *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE])
{
    sha256_ctx ctx;
    cl_status st = sha256_init(&ctx);
    if (st == CL_OK)
        st = sha256_update(&ctx, data, len);
    if (st == CL_OK)
        st = sha256_final(&ctx, digest);
    cl_wipe(&ctx, sizeof ctx);
    return st;
}
