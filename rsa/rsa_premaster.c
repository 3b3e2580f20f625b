/*
 * rsa/rsa_premaster.c -- RFC 5246 §7.4.7.1 premaster decryption in
 * constant time (see rsa/rsa_premaster.h).
 */
#include <string.h>
#include "rsa/rsa_premaster.h"
#include "common/ct.h"
#include "common/random.h"

/* 0xFF if x == 0, else 0x00; no branch. */
static inline uint8_t ct_zero8(uint32_t x)
{
    return (uint8_t)ct_mask_eq_u32(x, 0);
}

cl_status rsa_tls_premaster_decrypt(const rsa_key *priv, const uint8_t *C, size_t c_len,
                                    uint16_t client_version, uint8_t pms[TLS_PREMASTER_LEN],
                                    int *valid)
{
    uint8_t EM[RSA_MAX_BYTES], R[TLS_PREMASTER_LEN];
    size_t k, i;
    uint8_t good = 0;
    mpz_t c, m;
    cl_status st;
    if (priv == NULL || C == NULL || pms == NULL)
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    /* Step 1: R, drawn whatever happens next. */
    st = cl_random_bytes(R, sizeof R);
    if (st != CL_OK)
        return st;
    R[0] = (uint8_t)(client_version >> 8);
    R[1] = (uint8_t)client_version;
    k = rsa_key_bytes(priv);
    memset(EM, 0, sizeof EM);
    /* Step 2: RSADP (RFC 8017 §7.2.2 steps 1-2).  The ciphertext's length
     * and its range (c < n) are public facts about the message. */
    if (c_len == k && k >= TLS_PREMASTER_LEN + 11 && k <= RSA_MAX_BYTES) {
        mpz_inits(c, m, NULL);
        rsa_os2ip(c, C, k);
        st = rsa_rsadp(priv, m, c);
        if (st == CL_OK)
            st = rsa_i2osp(m, k, EM);
        mpz_set_ui(m, 0);
        mpz_clears(c, m, NULL);
        if (st == CL_ERR_RANDOM) {
            cl_wipe(R, sizeof R);
            return st;
        }
        if (st == CL_OK)
            good = 0xFF;
        else
            memset(EM, 0, sizeof EM);
        /* Step 3: EM = 0x00 || 0x02 || PS || 0x00 || M with |M| = 48, so PS
         * fills EM[2 .. k-50] (at least 8 octets: k >= 59) and every PS
         * octet is nonzero; then the version in M[0..1]. */
        good &= ct_zero8(EM[0]);
        good &= ct_zero8((uint32_t)EM[1] ^ 0x02u);
        for (i = 2; i < k - TLS_PREMASTER_LEN - 1; i++)
            good &= (uint8_t)~ct_zero8(EM[i]);
        good &= ct_zero8(EM[k - TLS_PREMASTER_LEN - 1]);
        good &= ct_zero8((uint32_t)EM[k - TLS_PREMASTER_LEN] ^ (uint32_t)(client_version >> 8));
        good &= ct_zero8((uint32_t)EM[k - TLS_PREMASTER_LEN + 1] ^ (uint32_t)(client_version & 0xFF));
        for (i = 0; i < TLS_PREMASTER_LEN; i++)
            pms[i] = (uint8_t)((EM[k - TLS_PREMASTER_LEN + i] & good) | (R[i] & (uint8_t)~good));
    } else {
        memcpy(pms, R, sizeof R);
    }
    if (valid != NULL)
        *valid = good != 0;
    cl_wipe(EM, sizeof EM);
    cl_wipe(R, sizeof R);
    return CL_OK;
}
