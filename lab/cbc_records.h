/*
 * lab/cbc_records.h -- two ways to protect a message with AES-128-CBC and
 * HMAC-SHA256, for the padding-oracle lab (docs/labs/padding-oracle.md).
 *
 *   lab_mte_*  MAC-then-encrypt, as SSL 3.0 / TLS 1.0 CBC suites did:
 *              C = IV || CBC(enc_key, IV, M || HMAC(mac_key, M) || PKCS#7 pad).
 *              LAB ONLY -- DELIBERATELY VULNERABLE: lab_mte_open() decrypts
 *              first and reports a bad padding (CL_ERR_BAD_PADDING) apart from
 *              a bad MAC (CL_ERR_AUTH).  Whoever sees the difference has a
 *              padding oracle (Vaudenay 2002) and decrypts any record.
 *   lab_etm_*  encrypt-then-MAC (RFC 7366's order, and net/record.c's):
 *              C = IV || CBC(enc_key, IV, M || pad) || HMAC(mac_key, IV || CBC...).
 *              lab_etm_open() checks the tag in constant time BEFORE it
 *              decrypts; every failure is the one CL_ERR_DECRYPT.  The
 *              padding is never looked at for a forged record: no oracle.
 *
 * Keys: enc_key 16 bytes, mac_key 32 bytes.  out must hold in_len + 64 bytes
 * (seal) or in_len bytes (open).  IVs come from cl_random_bytes (seal).
 * Nothing outside lab/ and the lab commands may include this header.
 */
#ifndef CRYPTOLAB_LAB_CBC_RECORDS_H
#define CRYPTOLAB_LAB_CBC_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define LAB_MAC_LEN 32

cl_status lab_mte_seal(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *m, size_t m_len,
                       uint8_t *out, size_t out_cap, size_t *out_len);
/* VULNERABLE: CL_ERR_BAD_PADDING and CL_ERR_AUTH are told apart. */
cl_status lab_mte_open(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *c, size_t c_len,
                       uint8_t *out, size_t out_cap, size_t *out_len);

cl_status lab_etm_seal(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *m, size_t m_len,
                       uint8_t *out, size_t out_cap, size_t *out_len);
/* One error for everything: CL_ERR_DECRYPT. */
cl_status lab_etm_open(const uint8_t enc_key[16], const uint8_t mac_key[32], const uint8_t *c, size_t c_len,
                       uint8_t *out, size_t out_cap, size_t *out_len);

#endif
