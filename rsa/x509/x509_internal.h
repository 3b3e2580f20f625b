/*
 * rsa/x509/x509_internal.h -- helpers shared by the files of rsa/x509/
 * (not installed, not for users of the library).
 */
#ifndef CRYPTOLAB_RSA_X509_X509_INTERNAL_H
#define CRYPTOLAB_RSA_X509_X509_INTERNAL_H

#include <stdio.h>
#include "rsa/x509/x509.h"

/* --- object identifiers (x509_oid.c) ---------------------------------- */

/* OpenSSL's short name ("CN", "RSA-SHA256") and long name ("commonName",
 * "sha256WithRSAEncryption", "X509v3 Key Usage") of an OID; NULL if we do
 * not know it. */
const char *x509_oid_sn(const uint8_t *oid, size_t len);
const char *x509_oid_ln(const uint8_t *oid, size_t len);

/* OID contents of the ones the code tests for. */
extern const uint8_t X509_OID_SUBJECT_KEY_ID[3];      /* 2.5.29.14 */
extern const uint8_t X509_OID_KEY_USAGE[3];           /* 2.5.29.15 */
extern const uint8_t X509_OID_SUBJECT_ALT_NAME[3];    /* 2.5.29.17 */
extern const uint8_t X509_OID_BASIC_CONSTRAINTS[3];   /* 2.5.29.19 */
extern const uint8_t X509_OID_AUTHORITY_KEY_ID[3];    /* 2.5.29.35 */
extern const uint8_t X509_OID_EXT_KEY_USAGE[3];       /* 2.5.29.37 */
extern const uint8_t X509_OID_ANY_EKU[4];             /* 2.5.29.37.0 */
extern const uint8_t X509_OID_EXTENSION_REQUEST[9];   /* 1.2.840.113549.1.9.14 */
extern const uint8_t X509_OID_CHALLENGE_PASSWORD[9];  /* 1.2.840.113549.1.9.7 */

/* X.690 §8.19 contents of a dotted OID ("1.2.3.4"); 0 if it is not one. */
size_t x509_oid_from_text(const char *dotted, size_t dlen, uint8_t *out, size_t cap);

/* X509_EKU_* bit of an id-kp OID (X509_EKU_OTHER if unknown). */
unsigned x509_eku_bit(const uint8_t *oid, size_t len);
/* OID contents of an X509_EKU_* bit (NULL for OTHER). */
const uint8_t *x509_eku_oid(unsigned bit, size_t *len);

#define X509_OID_MAX 32

/* The attribute type OID (into out, returns its length; 0 if unknown) of a
 * short or long name ("CN", "commonName", "emailAddress"...), and in *tag
 * the string type OpenSSL's req encodes its values with. */
size_t x509_attr_oid(const char *sn, size_t sn_len, uint8_t out[X509_OID_MAX], unsigned *tag);

/* --- text output: a FILE or a fixed buffer (x509_text.c) --------------- */

typedef struct x509_text {
    FILE *fp;                    /* non-NULL: write there */
    char *buf;                   /* else: into buf[0..cap), always NUL-terminated */
    size_t cap;
    size_t len;                  /* octets produced (may exceed cap - 1: truncated) */
} x509_text;

void x509_text_file(x509_text *t, FILE *fp);
void x509_text_buf(x509_text *t, char *buf, size_t cap);
void x509_text_put(x509_text *t, const void *s, size_t n);
void x509_text_puts(x509_text *t, const char *s);
void x509_text_printf(x509_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "aa:bb:cc" (lower) or "AA:BB:CC" (upper). */
void x509_text_hex_colons(x509_text *t, const uint8_t *p, size_t n, int upper);

/* Name in OpenSSL's "oneline" form, and in its X509_NAME_oneline() "/C=../CN=.." form (x509_name.c). */
void x509_name_text(x509_text *t, const x509_bytes *name);
void x509_name_text_slash(x509_text *t, const x509_bytes *name);

/* --- signature (x509_algid.c) ------------------------------------------ */

/* Reads an AlgorithmIdentifier used as a signature algorithm. */
cl_status x509_sigalg_read(der_reader *r, x509_sigalg *alg);

/* SubjectPublicKeyInfo (§4.1.2.7): the element, its AlgorithmIdentifier,
 * the algorithm OID and the subjectPublicKey octets (x509_cert.c). */
cl_status x509_spki_read(der_reader *r, x509_bytes *spki, x509_bytes *alg, x509_bytes *alg_oid,
                         x509_bytes *key);

/* Decodes one extension we know into *e (only that one's fields);
 * CL_ERR_UNSUPPORTED for one we do not know (x509_ext.c). */
cl_status x509_ext_decode(const x509_extension *x, x509_exts *e);

/* --- GeneralNames (x509_gn.c) ------------------------------------------ */

/* Checks GeneralNames contents (SIZE (1..MAX) OF GeneralName). */
cl_status x509_gn_check(der_reader *r, const x509_bytes *names);

#endif
