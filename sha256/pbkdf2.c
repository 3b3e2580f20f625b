/*
 * sha256/pbkdf2.c -- PBKDF2, RFC 8018 §5.2.  See sha256/pbkdf2.h.
 */
#include <string.h>
#include "common/bytes.h"
#include "common/ct.h"
#include "sha256/hmac.h"
#include "sha256/pbkdf2.h"

/* §5.2 step 3: F(P, S, c, i) = U_1 XOR ... XOR U_c.  `keyed` is the HMAC
 * context right after hmac_init(P): copying it saves re-keying for every U_j. */
static cl_status pbkdf2_F(const hmac_ctx *keyed, const uint8_t *salt, size_t salt_len,
                          uint32_t c, uint32_t i, uint8_t T[CL_HASH_MAX_DIGEST])
{
    size_t hlen = keyed->hash->digest_len;
    uint8_t U[CL_HASH_MAX_DIGEST], INT_i[4];
    hmac_ctx ctx;
    cl_status st;

    store32_be(INT_i, i);                       /* INT(i): 4 octets, big-endian */
    ctx = *keyed;                               /* U_1 = PRF(P, S || INT(i)) */
    if ((st = hmac_update(&ctx, salt, salt_len)) != CL_OK ||
        (st = hmac_update(&ctx, INT_i, 4)) != CL_OK ||
        (st = hmac_final(&ctx, U)) != CL_OK)
        goto out;
    memcpy(T, U, hlen);
    for (uint32_t j = 2; j <= c; j++) {         /* U_j = PRF(P, U_{j-1}) */
        ctx = *keyed;
        if ((st = hmac_update(&ctx, U, hlen)) != CL_OK ||
            (st = hmac_final(&ctx, U)) != CL_OK)
            goto out;
        for (size_t b = 0; b < hlen; b++)
            T[b] ^= U[b];
    }
out:
    cl_wipe(U, sizeof U);
    cl_wipe(&ctx, sizeof ctx);
    return st;
}

cl_status pbkdf2_hmac(const cl_hash *hash, const uint8_t *password, size_t password_len,
                      const uint8_t *salt, size_t salt_len, uint32_t c,
                      uint8_t *dk, size_t dk_len)
{
    if ((password == NULL && password_len != 0) || (salt == NULL && salt_len != 0) || dk == NULL)
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    size_t hlen = hash->digest_len;
    if (c == 0 || dk_len == 0)
        return CL_ERR_BAD_ARGUMENT;
    /* §5.2 step 1: dkLen > (2^32 - 1) * hLen -> "derived key too long". */
    if ((uint64_t)dk_len / hlen > 0xFFFFFFFFull ||
        ((uint64_t)dk_len / hlen == 0xFFFFFFFFull && dk_len % hlen != 0))
        return CL_ERR_BAD_ARGUMENT;

    hmac_ctx keyed;
    uint8_t T[CL_HASH_MAX_DIGEST];
    cl_status st = hmac_init(&keyed, hash, password, password_len);
    if (st != CL_OK)
        return st;
    /* §5.2 steps 2-5: l = ceil(dkLen / hLen) blocks, the last one cut to r octets. */
    size_t l = (dk_len + hlen - 1) / hlen;
    for (size_t i = 1; i <= l && st == CL_OK; i++) {
        st = pbkdf2_F(&keyed, salt, salt_len, c, (uint32_t)i, T);
        size_t off = (i - 1) * hlen;
        size_t n = dk_len - off < hlen ? dk_len - off : hlen;
        if (st == CL_OK)
            memcpy(dk + off, T, n);
    }
    cl_wipe(T, sizeof T);
    cl_wipe(&keyed, sizeof keyed);
    if (st != CL_OK)
        cl_wipe(dk, dk_len);
    return st;
}
