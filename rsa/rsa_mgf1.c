/*
 * rsa/rsa_mgf1.c -- MGF1, the mask generation function of RFC 8017 §B.2.1.
 *
 *   T = Hash(mgfSeed || C(0)) || Hash(mgfSeed || C(1)) || ...
 *   with C(i) = I2OSP(i, 4); output the leading maskLen octets of T.
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/bytes.h"
#include "common/ct.h"

cl_status rsa_mgf1(const cl_hash *hash, const uint8_t *seed, size_t seed_len,
                   uint8_t *mask, size_t mask_len)
{
    cl_hash_ctx ctx;
    uint8_t C[4], digest[CL_HASH_MAX_DIGEST];
    size_t hLen, done = 0;
    uint32_t counter = 0;
    cl_status st = CL_OK;

    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((seed == NULL && seed_len > 0) || (mask == NULL && mask_len > 0))
        return CL_ERR_NULL_POINTER;
    hLen = hash->digest_len;
    /* 1. If maskLen > 2^32 hLen, output "mask too long" and stop. */
    if ((uint64_t)mask_len > ((uint64_t)1 << 32) * hLen)
        return CL_ERR_BAD_ARGUMENT;
    /* 3. For counter from 0 to ceil(maskLen / hLen) - 1: */
    while (done < mask_len) {
        size_t take = mask_len - done < hLen ? mask_len - done : hLen;
        store32_be(C, counter);                         /* A. C = I2OSP(counter, 4) */
        if ((st = hash->init(&ctx)) != CL_OK ||         /* B. T = T || Hash(mgfSeed || C) */
            (st = hash->update(&ctx, seed, seed_len)) != CL_OK ||
            (st = hash->update(&ctx, C, 4)) != CL_OK ||
            (st = hash->final(&ctx, digest)) != CL_OK)
            break;
        memcpy(mask + done, digest, take);              /* 4. leading maskLen octets */
        done += take;
        counter++;
    }
    cl_wipe(&ctx, sizeof ctx);
    cl_wipe(digest, sizeof digest);
    return st;
}
