/*
 * rsa/rsa_keyfile.h -- RSA keys in the formats OpenSSL uses (contract header;
 * the DER/PEM work in rsa/ fills in the rest: asn1, pem, pkcs8, pbes2).
 *
 *   private: PKCS#1 RSAPrivateKey, PKCS#8 PrivateKeyInfo, encrypted PKCS#8
 *            (PBES2 / PBKDF2-HMAC-SHA256 / AES-256-CBC); PEM or DER.
 *   public:  X.509 SubjectPublicKeyInfo, PKCS#1 RSAPublicKey; PEM or DER.
 */
#ifndef CRYPTOLAB_RSA_RSA_KEYFILE_H
#define CRYPTOLAB_RSA_RSA_KEYFILE_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

/* Loads a private key from PEM or DER bytes (any of the private formats).
 * password may be NULL for unencrypted keys; CL_ERR_PASSWORD if it is
 * needed or wrong.  The loaded key is checked with rsa_key_check(). */
cl_status rsa_key_load_private(rsa_key *key, const uint8_t *data, size_t len,
                               const char *password);

/* Loads a public key (SubjectPublicKeyInfo or RSAPublicKey, PEM or DER). */
cl_status rsa_key_load_public(rsa_key *key, const uint8_t *data, size_t len);

/* Writes the private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), or
 * encrypted PKCS#8 PEM when password != NULL.  *pem is malloc'ed (caller
 * wipes and frees it), NUL-terminated; *len excludes the NUL. */
cl_status rsa_key_save_private_pem(const rsa_key *key, const char *password,
                                   char **pem, size_t *len);

/* SubjectPublicKeyInfo DER of the public key (what the protocol sends and
 * what fingerprints hash).  CL_ERR_OUTPUT_SPACE if cap is too small
 * (4096-bit keys need about 550 bytes). */
cl_status rsa_spki_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len);

/* Parses SubjectPublicKeyInfo DER strictly (no trailing data). */
cl_status rsa_spki_from_der(rsa_key *key, const uint8_t *der, size_t len);

#endif
