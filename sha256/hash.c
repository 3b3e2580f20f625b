/*
 * sha256/hash.c -- the hash descriptors of hash.h: SHA-256 (the default
 * everywhere) and SHA-1 (only for the PKCS#1 v2.1 example vectors).
 */
#include "common/ct.h"
#include "sha256/hash.h"

static cl_status d_sha256_init(cl_hash_ctx *ctx)
{
    return ctx ? sha256_init(&ctx->sha256) : CL_ERR_NULL_POINTER;
}

static cl_status d_sha256_update(cl_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    return ctx ? sha256_update(&ctx->sha256, data, len) : CL_ERR_NULL_POINTER;
}

static cl_status d_sha256_final(cl_hash_ctx *ctx, uint8_t *digest)
{
    return ctx ? sha256_final(&ctx->sha256, digest) : CL_ERR_NULL_POINTER;
}

static cl_status d_sha1_init(cl_hash_ctx *ctx)
{
    return ctx ? sha1_init(&ctx->sha1) : CL_ERR_NULL_POINTER;
}

static cl_status d_sha1_update(cl_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    return ctx ? sha1_update(&ctx->sha1, data, len) : CL_ERR_NULL_POINTER;
}

static cl_status d_sha1_final(cl_hash_ctx *ctx, uint8_t *digest)
{
    return ctx ? sha1_final(&ctx->sha1, digest) : CL_ERR_NULL_POINTER;
}

const cl_hash cl_hash_sha256 = {
    "SHA256", SHA256_DIGEST_SIZE, SHA256_BLOCK_SIZE,
    d_sha256_init, d_sha256_update, d_sha256_final,
};

const cl_hash cl_hash_sha1 = {
    "SHA1", SHA1_DIGEST_SIZE, SHA1_BLOCK_SIZE,
    d_sha1_init, d_sha1_update, d_sha1_final,
};

cl_status cl_hash_digest(const cl_hash *h, const uint8_t *data, size_t len, uint8_t *digest)
{
    if (h == NULL || digest == NULL || (data == NULL && len > 0))
        return CL_ERR_NULL_POINTER;
    cl_hash_ctx ctx;
    cl_status st = h->init(&ctx);
    if (st == CL_OK)
        st = h->update(&ctx, data, len);
    if (st == CL_OK)
        st = h->final(&ctx, digest);
    cl_wipe(&ctx, sizeof ctx);
    return st;
}
