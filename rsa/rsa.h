/*
 * rsa/rsa.h -- RSA (RFC 8017) on GMP bignums: the key, key generation and
 * the schemes.  (Contract header: the implementation fills in the details
 * and the remaining declarations -- primitives I2OSP/OS2IP/RSAEP/RSADP/
 * RSASP1/RSAVP1/MGF1, PSS, PKCS#1 v1.5, textbook RSA -- in rsa/.)
 */
#ifndef CRYPTOLAB_RSA_RSA_H
#define CRYPTOLAB_RSA_RSA_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "common/status.h"
#include "sha256/hash.h"

/* RFC 8017 §3.1/§3.2: public key (n, e); private key in CRT form. */
typedef struct rsa_key {
    mpz_t n, e;                       /* public */
    mpz_t d, p, q, dP, dQ, qInv;      /* private (valid when is_private) */
    int is_private;
} rsa_key;

void rsa_key_init(rsa_key *key);
/* Clears and wipes the private values. */
void rsa_key_clear(rsa_key *key);
/* k: length of the modulus in octets. */
size_t rsa_key_bytes(const rsa_key *key);
/* Consistency: n = p*q, e*d = 1 mod lambda(n), CRT values; CL_ERR_KEY_INVALID otherwise. */
cl_status rsa_key_check(const rsa_key *key);

/* Key generation (FIPS 186-5 B.3 style), randomness from getrandom(2).
 * bits: 2048, 3072, 4096 (512/1024 allowed for labs); e odd >= 3. */
cl_status rsa_generate(rsa_key *key, unsigned bits, unsigned long e);

/* RSAES-OAEP (RFC 8017 §7.1).  hash NULL = SHA-256 (and MGF1 with the same
 * hash).  c_cap >= k.  Decryption failures of any kind return CL_ERR_DECRYPT
 * after the same amount of work. */
cl_status rsa_oaep_encrypt(const rsa_key *pub, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *m, size_t m_len,
                           uint8_t *c, size_t c_cap, size_t *c_len);
/* Same with a caller-chosen seed of hLen bytes: for known-answer tests and
 * protocol transcripts only. */
cl_status rsa_oaep_encrypt_seeded(const rsa_key *pub, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *m, size_t m_len, const uint8_t *seed,
                                  uint8_t *c, size_t c_cap, size_t *c_len);
cl_status rsa_oaep_decrypt(const rsa_key *priv, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *c, size_t c_len,
                           uint8_t *m, size_t m_cap, size_t *m_len);

#endif
