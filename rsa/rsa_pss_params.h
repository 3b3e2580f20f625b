/*
 * rsa/rsa_pss_params.h -- RSASSA-PSS-params (RFC 4055 §3.1, the same as
 * RFC 8017 §A.2.3): the parameters of the id-RSASSA-PSS AlgorithmIdentifier,
 * found in a signature algorithm (X.509 certificates, CSRs) and in a
 * SubjectPublicKeyInfo, where they restrict what the key may sign with
 * (RFC 4055 §3.1, last paragraphs).
 *
 *   RSASSA-PSS-params ::= SEQUENCE {
 *       hashAlgorithm     [0] HashAlgorithm    DEFAULT sha1,
 *       maskGenAlgorithm  [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
 *       saltLength        [2] INTEGER          DEFAULT 20,
 *       trailerField      [3] TrailerField     DEFAULT trailerFieldBC }
 *
 * DER (X.690 §11.5) leaves out a field equal to its DEFAULT; reading is
 * strict about it.  A hash this project does not implement (SHA-384, ...)
 * is kept as its OID (hash == NULL) so a certificate that uses it can
 * still be read and printed; only verifying with it fails.
 */
#ifndef CRYPTOLAB_RSA_RSA_PSS_PARAMS_H
#define CRYPTOLAB_RSA_RSA_PSS_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/asn1.h"
#include "sha256/hash.h"

/* Which fields were present in the encoding (the others have their DEFAULT). */
#define RSA_PSS_HAS_HASH    1u
#define RSA_PSS_HAS_MGF     2u
#define RSA_PSS_HAS_SALT    4u
#define RSA_PSS_HAS_TRAILER 8u

typedef struct rsa_pss_params {
    const uint8_t *hash_oid;       /* hashAlgorithm OID contents (points into the DER, or a constant) */
    size_t hash_oid_len;
    const uint8_t *mgf_oid;        /* maskGenAlgorithm OID (id-mgf1 unless someone invents another) */
    size_t mgf_oid_len;
    const uint8_t *mgf_hash_oid;   /* the hash MGF1 uses */
    size_t mgf_hash_oid_len;
    const cl_hash *hash;           /* NULL when not implemented here */
    const cl_hash *mgf1_hash;      /* NULL when not implemented (or the MGF is not MGF1) */
    uint64_t salt_len;
    uint64_t trailer;              /* always 1 (0xBC) in practice */
    unsigned present;              /* RSA_PSS_HAS_* */
} rsa_pss_params;

/* The DEFAULT values: SHA-1, MGF1 with SHA-1, 20 octets of salt, trailer 1. */
void rsa_pss_params_default(rsa_pss_params *p);

/* SHA-256, MGF1 with SHA-256, salt_len octets of salt: what this project signs with. */
void rsa_pss_params_sha256(rsa_pss_params *p, uint64_t salt_len);

/* Reads the RSASSA-PSS-params SEQUENCE at r (pointers into r's buffer).
 * CL_ERR_ASN1 for malformed or non-DER encodings (a DEFAULT value written
 * out, trailerField other than 1, NULL parameters where a hash is expected
 * to have none or NULL...). */
cl_status rsa_pss_params_read(der_reader *r, rsa_pss_params *p);

/* Writes the SEQUENCE, leaving out the fields that equal their DEFAULT;
 * hash AlgorithmIdentifiers carry NULL parameters, as OpenSSL writes them. */
void rsa_pss_params_write(der_writer *w, const rsa_pss_params *p);

/* The hash AlgorithmIdentifier OID of h (SHA-1 or SHA-256), NULL otherwise. */
const uint8_t *rsa_pss_hash_oid(const cl_hash *h, size_t *len);

/* 1 if the parameters are ones this project can verify with: hash and
 * MGF1 hash both implemented and equal (rsa_pss_* use one hash for both),
 * trailer 1. */
int rsa_pss_params_usable(const rsa_pss_params *p);

#endif
