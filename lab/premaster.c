/*
 * lab/premaster.c -- RFC 5246 §7.4.7.1, the TLS 1.2 server's treatment of
 * the RSA-encrypted premaster secret (lab/premaster.h):
 *   1. Generate a string R of 48 random bytes
 *   2. Decrypt the message to recover the plaintext M
 *   3. If the PKCS#1 padding is not correct, or the length of message M is
 *      not exactly 48 bytes: pre_master_secret = R
 *      Else if ClientHello.client_version <= TLS 1.0 (and the version check
 *      is disabled): pre_master_secret = M
 *      Else: pre_master_secret = ClientHello.client_version || M[2..47]
 * Here the version is always checked (the strict form); the choice between R
 * and M is made with masks, not branches.
 */
#include <string.h>
#include "lab/premaster.h"
#include "common/ct.h"
#include "common/random.h"

cl_status lab_tls_premaster(const rsa_key *priv, const uint8_t *c, size_t c_len, const uint8_t version[2],
                            uint8_t pms[LAB_PREMASTER_LEN])
{
    uint8_t R[LAB_PREMASTER_LEN], M[RSA_MAX_BYTES];
    size_t m_len = 0;
    cl_status st = cl_random_bytes(R, sizeof R);                            /* step 1 */
    if (st != CL_OK)
        return st;
    memset(M, 0, sizeof M);
    cl_status d = rsa_pkcs1v15_decrypt(priv, c, c_len, M, sizeof M, &m_len); /* step 2 */
    /* step 3: good = 1 only for a correct padding, 48 bytes and the version */
    unsigned good = (unsigned)(d == CL_OK) & (unsigned)(m_len == LAB_PREMASTER_LEN) &
                    (unsigned)(M[0] == version[0]) & (unsigned)(M[1] == version[1]);
    uint8_t mask = (uint8_t)(0u - good);                                     /* ff or 00 */
    for (size_t i = 0; i < LAB_PREMASTER_LEN; i++)
        pms[i] = (uint8_t)((M[i] & mask) | (R[i] & (uint8_t)~mask));
    cl_wipe(R, sizeof R);
    cl_wipe(M, sizeof M);
    return CL_OK;
}
