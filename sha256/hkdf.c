/*
 * sha256/hkdf.c -- HKDF with HMAC-SHA256, RFC 5869.
 *
 *   §2.2 Extract:  PRK = HMAC-Hash(salt, IKM)
 *   §2.3 Expand:   T(0) = empty string
 *                  T(i) = HMAC-Hash(PRK, T(i-1) | info | i)   (i one octet)
 *                  OKM  = first L octets of T(1) | T(2) | ... | T(N),
 *                  N = ceil(L / HashLen), L <= 255 * HashLen.
 *
 * CT: yes (time depends on the lengths only).  Every intermediate value is
 * wiped before returning.
 */
#include <string.h>
#include "common/ct.h"
#include "sha256/hkdf.h"
#include "sha256/hmac.h"

#define HASH_LEN SHA256_DIGEST_SIZE

cl_status hkdf_sha256_extract(const uint8_t *salt, size_t salt_len,
                              const uint8_t *ikm, size_t ikm_len, uint8_t prk[32])
{
    if (prk == NULL || (ikm == NULL && ikm_len > 0) || (salt == NULL && salt_len > 0))
        return CL_ERR_NULL_POINTER;
    /* "if not provided, [salt] is set to a string of HashLen zeros" */
    static const uint8_t zeros[HASH_LEN];
    if (salt_len == 0) {
        salt = zeros;
        salt_len = HASH_LEN;
    }
    return hmac_sha256(salt, salt_len, ikm, ikm_len, prk);
}

cl_status hkdf_sha256_expand(const uint8_t *prk, size_t prk_len,
                             const uint8_t *info, size_t info_len,
                             uint8_t *okm, size_t L)
{
    if (prk == NULL || (info == NULL && info_len > 0) || (okm == NULL && L > 0))
        return CL_ERR_NULL_POINTER;
    if (L > 255 * HASH_LEN)
        return CL_ERR_HKDF_LENGTH;            /* "L <= 255*HashLen" */
    if (prk_len < HASH_LEN)
        return CL_ERR_BAD_ARGUMENT;           /* "PRK ... of at least HashLen octets" */

    uint8_t T[HASH_LEN];                      /* T(i-1), then T(i) */
    size_t T_len = 0;                         /* T(0) is the empty string */
    size_t done = 0;
    cl_status st = CL_OK;
    for (unsigned i = 1; done < L && st == CL_OK; i++) {
        uint8_t counter = (uint8_t)i;         /* i <= 255 by the check above */
        hmac_ctx ctx;
        st = hmac_init(&ctx, &cl_hash_sha256, prk, prk_len);
        if (st == CL_OK)
            st = hmac_update(&ctx, T, T_len);
        if (st == CL_OK)
            st = hmac_update(&ctx, info, info_len);
        if (st == CL_OK)
            st = hmac_update(&ctx, &counter, 1);
        if (st == CL_OK)
            st = hmac_final(&ctx, T);
        cl_wipe(&ctx, sizeof ctx);
        if (st != CL_OK)
            break;
        T_len = HASH_LEN;
        size_t take = (L - done < HASH_LEN) ? L - done : HASH_LEN;
        memcpy(okm + done, T, take);
        done += take;
    }
    cl_wipe(T, sizeof T);
    if (st != CL_OK && okm != NULL)
        cl_wipe(okm, L);
    return st;
}

cl_status hkdf_sha256(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                      const uint8_t *info, size_t info_len, uint8_t *okm, size_t L)
{
    if (L > 255 * HASH_LEN)
        return CL_ERR_HKDF_LENGTH;
    uint8_t prk[HASH_LEN];
    cl_status st = hkdf_sha256_extract(salt, salt_len, ikm, ikm_len, prk);
    if (st == CL_OK)
        st = hkdf_sha256_expand(prk, sizeof prk, info, info_len, okm, L);
    cl_wipe(prk, sizeof prk);
    return st;
}
