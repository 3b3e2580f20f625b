/*
 * sha256/hmac.c -- HMAC, RFC 2104 §2 (the same construction as FIPS 198-1):
 *
 *     HMAC(K, text) = H(K0 XOR opad, H(K0 XOR ipad, text))
 *
 * with B = the hash's block length (64 for SHA-256), ipad = 0x36 repeated
 * B times, opad = 0x5c repeated B times, and K0 the key made B bytes long:
 * a key longer than B is first hashed ("applications that use keys longer
 * than B bytes will first hash the key using H"), then zeros are appended.
 *
 * Streaming: hmac_init() starts the inner hash with K0 XOR ipad and keeps
 * K0 XOR opad for hmac_final().  CT: yes -- the running time depends on the
 * key length and the data length only, never on their values.
 */
#include <string.h>
#include "common/ct.h"
#include "sha256/hmac.h"

#define HMAC_IPAD 0x36
#define HMAC_OPAD 0x5c

/* RFC 2104 §2 steps (1)-(2): K0 = K padded with zeros to B bytes, or
 * H(K) padded with zeros when K is longer than B. */
static cl_status hmac_key_block(const cl_hash *hash, const uint8_t *key, size_t key_len,
                                uint8_t K0[CL_HASH_MAX_BLOCK])
{
    memset(K0, 0, CL_HASH_MAX_BLOCK);
    if (key_len > hash->block_len)
        return cl_hash_digest(hash, key, key_len, K0);
    if (key_len > 0)
        memcpy(K0, key, key_len);
    return CL_OK;
}

cl_status hmac_init(hmac_ctx *ctx, const cl_hash *hash, const uint8_t *key, size_t key_len)
{
    if (ctx == NULL || (key == NULL && key_len > 0))
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if (hash->block_len > CL_HASH_MAX_BLOCK || hash->digest_len > CL_HASH_MAX_DIGEST)
        return CL_ERR_BAD_ARGUMENT;

    memset(ctx, 0, sizeof *ctx);
    ctx->hash = hash;
    uint8_t K0[CL_HASH_MAX_BLOCK];
    uint8_t ipad_key[CL_HASH_MAX_BLOCK];
    cl_status st = hmac_key_block(hash, key, key_len, K0);
    if (st == CL_OK) {
        for (size_t j = 0; j < hash->block_len; j++) {
            ipad_key[j] = K0[j] ^ HMAC_IPAD;          /* step (3): K0 XOR ipad */
            ctx->opad_key[j] = K0[j] ^ HMAC_OPAD;     /* step (6): K0 XOR opad */
        }
        st = hash->init(&ctx->inner);                 /* step (4): H((K0^ipad) || ... */
        if (st == CL_OK)
            st = hash->update(&ctx->inner, ipad_key, hash->block_len);
    }
    cl_wipe(K0, sizeof K0);
    cl_wipe(ipad_key, sizeof ipad_key);
    if (st != CL_OK)
        cl_wipe(ctx, sizeof *ctx);
    return st;
}

cl_status hmac_update(hmac_ctx *ctx, const uint8_t *data, size_t len)
{
    if (ctx == NULL || (data == NULL && len > 0))
        return CL_ERR_NULL_POINTER;
    if (ctx->hash == NULL)
        return CL_ERR_STATE;                          /* not initialised, or finalised */
    return ctx->hash->update(&ctx->inner, data, len); /* ... || text) */
}

cl_status hmac_final(hmac_ctx *ctx, uint8_t *mac)
{
    if (ctx == NULL || mac == NULL)
        return CL_ERR_NULL_POINTER;
    const cl_hash *hash = ctx->hash;
    if (hash == NULL)
        return CL_ERR_STATE;

    uint8_t inner[CL_HASH_MAX_DIGEST];
    cl_hash_ctx outer;
    cl_status st = hash->final(&ctx->inner, inner);   /* step (4) result */
    if (st == CL_OK)                                  /* steps (7)-(9) */
        st = hash->init(&outer);
    if (st == CL_OK)
        st = hash->update(&outer, ctx->opad_key, hash->block_len);
    if (st == CL_OK)
        st = hash->update(&outer, inner, hash->digest_len);
    if (st == CL_OK)
        st = hash->final(&outer, mac);
    cl_wipe(inner, sizeof inner);
    cl_wipe(&outer, sizeof outer);
    cl_wipe(ctx, sizeof *ctx);
    return st;
}

cl_status hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                      uint8_t mac[32])
{
    if (mac == NULL)
        return CL_ERR_NULL_POINTER;
    hmac_ctx ctx;
    cl_status st = hmac_init(&ctx, &cl_hash_sha256, key, key_len);
    if (st == CL_OK)
        st = hmac_update(&ctx, data, len);
    if (st == CL_OK)
        st = hmac_final(&ctx, mac);
    cl_wipe(&ctx, sizeof ctx);
    return st;
}

cl_status hmac_sha256_verify_min(const uint8_t *key, size_t key_len,
                                 const uint8_t *data, size_t len,
                                 const uint8_t *tag, size_t tag_len, size_t min_tag_len)
{
    if (tag == NULL)
        return CL_ERR_NULL_POINTER;
    if (min_tag_len < 1 || min_tag_len > SHA256_DIGEST_SIZE || tag_len > SHA256_DIGEST_SIZE)
        return CL_ERR_BAD_ARGUMENT;
    if (tag_len < min_tag_len)
        return CL_ERR_TAG_LENGTH;           /* RFC 2104 §5: see hmac.h */
    uint8_t mac[SHA256_DIGEST_SIZE];
    cl_status st = hmac_sha256(key, key_len, data, len, mac);
    if (st == CL_OK)
        st = cl_ct_memeq_public(mac, tag, tag_len) ? CL_OK : CL_ERR_AUTH;   /* constant time */
    cl_wipe(mac, sizeof mac);
    return st;
}

cl_status hmac_sha256_verify(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                             const uint8_t *tag, size_t tag_len)
{
    return hmac_sha256_verify_min(key, key_len, data, len, tag, tag_len, HMAC_SHA256_MIN_TAG);
}
