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
#include "rsa/asn1.h"
#include "rsa/rsa_pss_params.h"

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

/* ------------------------------------------------------------------------
 * The rest of the module (added by the DER/PEM work).
 *
 * Formats (RFC 8017 §A.1, RFC 5208/5958, RFC 5280 §4.1.2.7, RFC 8018 §A.4):
 *   RSAPrivateKey        SEQUENCE { version 0, n, e, d, p, q, dP, dQ, qInv }
 *   RSAPublicKey         SEQUENCE { n, e }
 *   PrivateKeyInfo       SEQUENCE { version 0, AlgorithmIdentifier
 *                                   { rsaEncryption, NULL }, OCTET STRING
 *                                   (RSAPrivateKey) }
 *   EncryptedPrivateKeyInfo SEQUENCE { AlgorithmIdentifier (PBES2, see
 *                                   rsa/pbes2.h), OCTET STRING (encrypted
 *                                   PrivateKeyInfo) }
 *   SubjectPublicKeyInfo SEQUENCE { AlgorithmIdentifier { rsaEncryption,
 *                                   NULL }, BIT STRING (RSAPublicKey) }
 * On reading, the AlgorithmIdentifier of a SubjectPublicKeyInfo or a
 * PrivateKeyInfo may also be { id-RSASSA-PSS, absent | RSASSA-PSS-params }
 * (RFC 4055 §1.2: an RSA key meant for PSS signatures only, as `openssl
 * genpkey -algorithm RSA-PSS` makes).  The key loads as an ordinary
 * rsa_key; rsa_spki_from_der_alg() tells which it was.  Writing always uses
 * rsaEncryption.
 * PEM labels: "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
 * "PUBLIC KEY", "RSA PUBLIC KEY".
 *
 * CT: no for the parsing (lengths and tags are public); the private
 * numbers are moved between DER and GMP without branching on their value,
 * and every temporary buffer holding them is wiped.
 * ------------------------------------------------------------------------ */

typedef enum rsa_key_format {
    RSA_KEY_PKCS8 = 1,          /* PrivateKeyInfo           "PRIVATE KEY" */
    RSA_KEY_PKCS8_ENCRYPTED,    /* EncryptedPrivateKeyInfo  "ENCRYPTED PRIVATE KEY" */
    RSA_KEY_PKCS1,              /* RSAPrivateKey            "RSA PRIVATE KEY" */
    RSA_KEY_SPKI,               /* SubjectPublicKeyInfo     "PUBLIC KEY" */
    RSA_KEY_PKCS1_PUBLIC        /* RSAPublicKey             "RSA PUBLIC KEY" */
} rsa_key_format;

/* Why a load failed, for one clear error line: status is the cl_status
 * returned, detail a complete sentence ("malformed DER (ASN.1) data:
 * INTEGER not in the shortest form (not DER) at offset 26"). */
typedef struct rsa_keyfile_error {
    cl_status status;
    char detail[200];
} rsa_keyfile_error;

/* Same as rsa_key_load_private / rsa_key_load_public, with the reason of a
 * failure in *err (may be NULL) and the format found in *fmt (may be NULL).
 * A public key given to the private loader: CL_ERR_NOT_PRIVATE. */
cl_status rsa_key_load_private_ex(rsa_key *key, const uint8_t *data, size_t len,
                                  const char *password, rsa_key_format *fmt,
                                  rsa_keyfile_error *err);
cl_status rsa_key_load_public_ex(rsa_key *key, const uint8_t *data, size_t len,
                                 rsa_key_format *fmt, rsa_keyfile_error *err);

/* Loads a private key, or failing that a public key, from the same bytes
 * (for commands that accept either, such as pkeyutl -encrypt -inkey).
 * key->is_private tells which was found. */
cl_status rsa_key_load_any(rsa_key *key, const uint8_t *data, size_t len,
                           const char *password, rsa_key_format *fmt,
                           rsa_keyfile_error *err);

/* 1 if data holds an encrypted private key (PEM label or DER structure). */
int rsa_key_is_encrypted(const uint8_t *data, size_t len);

/* Encodes the key in fmt, as DER (pem == 0) or PEM (pem == 1).  password is
 * used (and required) only for RSA_KEY_PKCS8_ENCRYPTED.  Private formats
 * need key->is_private (CL_ERR_NOT_PRIVATE otherwise).  *out is malloc'ed;
 * the caller wipes and frees it (PEM output is NUL-terminated, *len
 * excluding the NUL). */
cl_status rsa_key_encode(const rsa_key *key, rsa_key_format fmt, int pem,
                         const char *password, uint8_t **out, size_t *len);

/* DER encoders into a caller buffer (CL_ERR_OUTPUT_SPACE if too small;
 * rsa_key_der_bound() bytes are always enough). */
size_t rsa_key_der_bound(const rsa_key *key);
cl_status rsa_private_pkcs1_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len);
cl_status rsa_private_pkcs8_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len);
cl_status rsa_public_pkcs1_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len);

/* Strict DER decoders of one structure each (no trailing data). They fill
 * the numbers only; the loaders above add the consistency checks. */
cl_status rsa_private_pkcs1_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err);
cl_status rsa_private_pkcs8_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err);
cl_status rsa_public_pkcs1_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err);
cl_status rsa_spki_from_der_ex(rsa_key *key, const uint8_t *der, size_t len, der_error *err);

/* What the AlgorithmIdentifier of a key said (RFC 4055 §1.2). */
typedef struct rsa_key_alg {
    int pss;                    /* 1: id-RSASSA-PSS, 0: rsaEncryption */
    int restricted;             /* 1: PSS parameters present (the key may sign only with them) */
    rsa_pss_params params;      /* the parameters (defaults when !restricted); point into the DER */
} rsa_key_alg;

/* As rsa_spki_from_der_ex, and *alg says which algorithm the key is for. */
cl_status rsa_spki_from_der_alg(rsa_key *key, const uint8_t *der, size_t len,
                                rsa_key_alg *alg, der_error *err);

/* Checks a public key: n odd with RSA_MIN_BITS..RSA_MAX_BITS bits, e odd
 * with 3 <= e < n (RFC 8017 §3.1).  CL_ERR_KEY_INVALID or CL_ERR_KEY_SIZE
 * otherwise.  (rsa_key_check() does the same and, for a private key, the
 * consistency of the private values.) */
cl_status rsa_public_check(const rsa_key *key);

#endif
