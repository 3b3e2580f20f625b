/*
 * lab/pkcs1_leaky.h -- LAB ONLY, DELIBERATELY VULNERABLE: an RSAES-PKCS1-v1_5
 * decryption (RFC 8017 §7.2.2) that says WHY a ciphertext was rejected, as
 * SSL servers did before 1998: CL_ERR_LAB_PAD_0002 when EM does not start
 * with 00 02, CL_ERR_LAB_PAD_FORMAT when it does but the padding string or
 * the zero separator is wrong.  The first answer alone is Bleichenbacher's
 * oracle (lab/bleichenbacher.h).  The project's rsa_pkcs1v15_decrypt()
 * (rsa/rsa_pkcs1v15.c) scans the whole EM and returns one CL_ERR_DECRYPT
 * after the same work.  Used only by `cryptolab bleichenbacher serve
 * --vulnerable-padding-errors`.
 */
#ifndef CRYPTOLAB_LAB_PKCS1_LEAKY_H
#define CRYPTOLAB_LAB_PKCS1_LEAKY_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

cl_status lab_pkcs1v15_decrypt_leaky(const rsa_key *priv, const uint8_t *c, size_t c_len,
                                     uint8_t *m, size_t m_cap, size_t *m_len);

#endif
