/*
 * lab/cbc_etm.c -- encrypt-then-MAC CBC records (lab/cbc_records.h): the
 * order RFC 7366 fixed for TLS and that the project's own records use
 * (net/record.c, docs/protocol.md §5.1).  The receiver checks the tag over
 * IV || ciphertext first, in constant time, and decrypts only an authentic
 * record; every failure is the same CL_ERR_DECRYPT.  A forged ciphertext
 * never reaches the padding check, so there is nothing to learn from it.
 */
#include <string.h>
#include "lab/cbc_records.h"
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "common/random.h"
#include "sha256/hmac.h"

cl_status lab_etm_seal(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *m, size_t m_len,
                       uint8_t *out, size_t out_cap, size_t *out_len)
{
    aes_mode_ctx ctx;
    size_t n = 0, f = 0;
    *out_len = 0;
    if (out_cap < 16 + m_len + 16 + LAB_MAC_LEN)
        return CL_ERR_OUTPUT_SPACE;
    cl_status st = cl_random_bytes(out, 16);
    if (st == CL_OK)
        st = aes_mode_init(&ctx, AES_MODE_CBC, 1, enc_key, 16, out, 16, 1);
    if (st == CL_OK)                                           /* encrypt ... */
        st = aes_mode_update(&ctx, m, m_len, out + 16, out_cap - 16 - LAB_MAC_LEN, &n);
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + 16 + n, out_cap - 16 - n - LAB_MAC_LEN, &f);
    aes_mode_clear(&ctx);
    if (st == CL_OK)                                           /* ... then MAC IV || ciphertext */
        st = hmac_sha256(mac_key, 32, out, 16 + n + f, out + 16 + n + f);
    if (st == CL_OK)
        *out_len = 16 + n + f + LAB_MAC_LEN;
    return st;
}

cl_status lab_etm_open(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *c, size_t c_len,
                       uint8_t *out, size_t out_cap, size_t *out_len)
{
    aes_mode_ctx ctx;
    size_t n = 0, f = 0;
    *out_len = 0;
    if (c_len < 32 + LAB_MAC_LEN || (c_len - LAB_MAC_LEN) % 16 != 0 || out_cap < c_len)
        return CL_ERR_DECRYPT;
    /* 1. The tag, first, in constant time: a forged record stops here. */
    if (hmac_sha256_verify(mac_key, 32, c, c_len - LAB_MAC_LEN, c + c_len - LAB_MAC_LEN, LAB_MAC_LEN) != CL_OK)
        return CL_ERR_DECRYPT;
    /* 2. Decrypt an authentic record (its padding was made by the sender). */
    cl_status st = aes_mode_init(&ctx, AES_MODE_CBC, 0, enc_key, 16, c, 16, 1);
    if (st == CL_OK)
        st = aes_mode_update(&ctx, c + 16, c_len - 16 - LAB_MAC_LEN, out, out_cap, &n);
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + n, out_cap - n, &f);
    aes_mode_clear(&ctx);
    if (st != CL_OK) {
        cl_wipe(out, out_cap);
        return CL_ERR_DECRYPT;
    }
    *out_len = n + f;
    return CL_OK;
}
