/*
 * lab/cbc_mte.c -- LAB ONLY, DELIBERATELY VULNERABLE: MAC-then-encrypt CBC
 * records (lab/cbc_records.h), the construction of SSL 3.0 and TLS 1.0's CBC
 * suites, with the mistake that made them famous: the receiver decrypts,
 * checks the padding, and says so when the padding is wrong -- before the
 * MAC is even computed.  Used only by `cryptolab padding-oracle serve
 * --vulnerable-mac-then-encrypt`.
 */
#include <string.h>
#include "lab/cbc_records.h"
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "common/random.h"
#include "sha256/hmac.h"

static cl_status cbc(int encrypt, const uint8_t key[16], const uint8_t iv[16], int pad, const uint8_t *in,
                     size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    aes_mode_ctx ctx;
    size_t n = 0, m = 0;
    cl_status st = aes_mode_init(&ctx, AES_MODE_CBC, encrypt, key, 16, iv, 16, pad);
    if (st == CL_OK)
        st = aes_mode_update(&ctx, in, len, out, cap, &n);
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + n, cap - n, &m);
    aes_mode_clear(&ctx);
    *out_len = n + m;
    return st;
}

cl_status lab_mte_seal(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *m, size_t m_len,
                       uint8_t *out, size_t out_cap, size_t *out_len)
{
    uint8_t buf[4096 + LAB_MAC_LEN];
    size_t n;
    if (m_len > 4096 || out_cap < 16 + m_len + LAB_MAC_LEN + 16)
        return CL_ERR_OUTPUT_SPACE;
    memcpy(buf, m, m_len);
    cl_status st = hmac_sha256(mac_key, 32, m, m_len, buf + m_len);   /* MAC first ... */
    if (st == CL_OK)
        st = cl_random_bytes(out, 16);
    if (st == CL_OK)                                                    /* ... then encrypt it all */
        st = cbc(1, enc_key, out, 1, buf, m_len + LAB_MAC_LEN, out + 16, out_cap - 16, &n);
    cl_wipe(buf, sizeof buf);
    *out_len = st == CL_OK ? 16 + n : 0;
    return st;
}

cl_status lab_mte_open(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *c, size_t c_len,
                       uint8_t *out, size_t out_cap, size_t *out_len)
{
    uint8_t buf[4096 + 2 * LAB_MAC_LEN], mac[LAB_MAC_LEN];
    size_t n = 0;
    *out_len = 0;
    if (c_len < 32 || c_len % 16 != 0 || c_len > sizeof buf)
        return CL_ERR_INPUT_LENGTH;
    /* 1. Decrypt and remove the padding.  THE LEAK: a wrong padding returns
     *    here, with its own status -- the attacker learns "padding valid or
     *    not" for any ciphertext he sends. */
    cl_status st = cbc(0, enc_key, c, 1, c + 16, c_len - 16, buf, sizeof buf, &n);
    if (st != CL_OK)
        return st;                                   /* CL_ERR_BAD_PADDING */
    /* 2. Only now the MAC: a different answer (CL_ERR_AUTH). */
    if (n < LAB_MAC_LEN) {
        cl_wipe(buf, sizeof buf);
        return CL_ERR_AUTH;
    }
    st = hmac_sha256(mac_key, 32, buf, n - LAB_MAC_LEN, mac);
    if (st == CL_OK && !cl_ct_memeq(mac, buf + n - LAB_MAC_LEN, LAB_MAC_LEN))
        st = CL_ERR_AUTH;
    if (st == CL_OK && n - LAB_MAC_LEN > out_cap)
        st = CL_ERR_OUTPUT_SPACE;
    if (st == CL_OK) {
        memcpy(out, buf, n - LAB_MAC_LEN);
        *out_len = n - LAB_MAC_LEN;
    }
    cl_wipe(buf, sizeof buf);
    return st;
}
