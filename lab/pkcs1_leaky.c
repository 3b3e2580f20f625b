/*
 * lab/pkcs1_leaky.c -- LAB ONLY, DELIBERATELY VULNERABLE (lab/pkcs1_leaky.h):
 * EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2 step 3) with an early return and
 * a distinct status for each failure.  Compare rsa/rsa_pkcs1v15.c.
 */
#include <gmp.h>
#include <string.h>
#include "lab/pkcs1_leaky.h"
#include "common/ct.h"

cl_status lab_pkcs1v15_decrypt_leaky(const rsa_key *priv, const uint8_t *c, size_t c_len,
                                     uint8_t *m, size_t m_cap, size_t *m_len)
{
    uint8_t em[RSA_MAX_BYTES];
    size_t k = rsa_key_bytes(priv), i;
    mpz_t ci, mi;
    *m_len = 0;
    if (c_len != k || k < 11 || k > sizeof em)
        return CL_ERR_INPUT_LENGTH;
    mpz_inits(ci, mi, NULL);
    rsa_os2ip(ci, c, c_len);                              /* §7.2.2 step 2: RSADP */
    cl_status st = rsa_rsadp(priv, mi, ci);
    if (st == CL_OK)
        st = rsa_i2osp(mi, k, em);
    mpz_clears(ci, mi, NULL);
    if (st != CL_OK)
        return st;
    /* Step 3, the leaky way: each check returns at once, with its own status. */
    if (em[0] != 0x00 || em[1] != 0x02) {
        st = CL_ERR_LAB_PAD_0002;                         /* THE ORACLE: "not 00 02" */
        goto out;
    }
    for (i = 2; i < k && em[i] != 0x00; i++)              /* PS: nonzero octets up to the separator */
        ;
    if (i == k || i - 2 < 8) {
        st = CL_ERR_LAB_PAD_FORMAT;                       /* 00 02 but no separator or PS < 8 */
        goto out;
    }
    if (k - i - 1 > m_cap) {
        st = CL_ERR_OUTPUT_SPACE;
        goto out;
    }
    memcpy(m, em + i + 1, k - i - 1);
    *m_len = k - i - 1;
out:
    cl_wipe(em, sizeof em);
    return st;
}
