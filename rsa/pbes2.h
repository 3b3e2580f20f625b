/*
 * rsa/pbes2.h -- PBES2 (RFC 8018 §6.2): password-based encryption of a
 * PKCS#8 private key, with PBKDF2 (§5.2) as the key derivation function and
 * AES-256-CBC (§B.2.5, PKCS#7-style padding of §6.1.1 step 4) as the
 * encryption scheme -- what `openssl pkey -aes-256-cbc -passout ...` writes.
 *
 * The parameters travel in an AlgorithmIdentifier (RFC 8018 §A.4):
 *   SEQUENCE { id-PBES2, PBES2-params SEQUENCE {
 *       keyDerivationFunc SEQUENCE { id-PBKDF2, PBKDF2-params SEQUENCE {
 *           salt OCTET STRING, iterationCount INTEGER,
 *           keyLength INTEGER OPTIONAL,
 *           prf AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 } },
 *       encryptionScheme SEQUENCE { aes256-CBC, iv OCTET STRING (16) } } }
 * Reading accepts the prf field absent (then HMAC-SHA1, §A.2), hmacWithSHA1
 * or hmacWithSHA256 (parameters NULL or absent), and a keyLength of 32 if
 * present.  Writing uses hmacWithSHA256 with NULL parameters, as OpenSSL 3.
 *
 * Defaults for writing: OpenSSL 3.0 writes 2048 iterations and an 8-octet
 * salt; we write the same 2048 iterations and a 16-octet salt (NIST SP
 * 800-132 §5.1 asks for at least 128 bits; later OpenSSL versions use 16).
 *
 * CT: the password, the derived key and the plaintext are handled by
 * constant-time primitives; the padding check after decryption reports a
 * wrong password (CL_ERR_PASSWORD), which is the one thing a caller learns.
 */
#ifndef CRYPTOLAB_RSA_PBES2_H
#define CRYPTOLAB_RSA_PBES2_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "sha256/hash.h"
#include "rsa/asn1.h"

#define PBES2_DEFAULT_ITERATIONS 2048u
#define PBES2_DEFAULT_SALT_LEN   16u
#define PBES2_MAX_SALT_LEN       64u
/* Refuse iteration counts that would stall a program reading a hostile
 * file (a denial of service): at most 1,000,000 (about 0.3 s of PBKDF2-
 * HMAC-SHA256 here; OWASP's 2023 advice, 600,000, fits), else CL_ERR_ASN1
 * "PBKDF2 iteration count out of range (1 to 1000000)".  The fuzzing build
 * (CL_FUZZING, make fuzz) lowers it to 10,000 so that one input stays fast.
 * docs/security.md lists every such cap. */
#ifndef PBES2_MAX_ITERATIONS
#ifdef CL_FUZZING
#define PBES2_MAX_ITERATIONS     10000
#else
#define PBES2_MAX_ITERATIONS     1000000
#endif
#endif
#define PBES2_STR_(x) #x
#define PBES2_STR(x)  PBES2_STR_(x)

typedef struct pbes2_params {
    const cl_hash *prf_hash;                /* HMAC-SHA256 (or SHA-1 on reading) */
    uint8_t salt[PBES2_MAX_SALT_LEN];
    size_t salt_len;
    uint32_t iterations;
    uint8_t iv[16];                         /* AES-256-CBC IV */
} pbes2_params;

/* Fresh parameters for writing: random salt and IV, defaults above. */
cl_status pbes2_params_new(pbes2_params *p);

/* Writes the AlgorithmIdentifier shown above. */
void pbes2_write_algid(der_writer *w, const pbes2_params *p);

/* Reads it (the reader is positioned at the AlgorithmIdentifier SEQUENCE).
 * CL_ERR_ASN1_OID for another scheme, KDF, PRF or cipher (with the
 * reason in r's der_error). */
cl_status pbes2_read_algid(der_reader *r, pbes2_params *p);

/* §6.2.1: DK = PBKDF2(P, S, c, 32); C = AES-256-CBC(DK, IV, M || PS).
 * c_cap >= m_len + 16. */
cl_status pbes2_encrypt(const pbes2_params *p, const uint8_t *password, size_t password_len,
                        const uint8_t *m, size_t m_len, uint8_t *c, size_t c_cap, size_t *c_len);

/* §6.2.2: decrypts and removes the padding; CL_ERR_PASSWORD when the
 * padding is wrong (wrong password or damaged data).  m_cap >= c_len. */
cl_status pbes2_decrypt(const pbes2_params *p, const uint8_t *password, size_t password_len,
                        const uint8_t *c, size_t c_len, uint8_t *m, size_t m_cap, size_t *m_len);

#endif
