/*
 * rsa/asn1.h -- a small, strict ASN.1 DER reader and writer (ITU-T X.690),
 * just enough for RSA keys and X.509 (rsa/x509/): BOOLEAN, INTEGER,
 * SEQUENCE, SET, OCTET STRING, BIT STRING, NULL, OBJECT IDENTIFIER, the
 * character-string and time types, and context-specific tags.
 *
 * Strict means DER (X.690 §10), not BER:
 *   - definite lengths only, in the fewest octets (§10.1, §8.1.3.5 Note 2);
 *   - INTEGERs in the fewest octets (§8.3.2): the first nine bits are never
 *     all zero or all one;
 *   - BIT STRING unused-bit count 0..7, and 0 for an empty string (§8.6.2);
 *   - BOOLEAN is one octet, 0x00 or 0xFF (§11.1);
 *   - NULL has no contents (§8.8.2);
 *   - OBJECT IDENTIFIER sub-identifiers in the fewest octets (§8.19.2);
 *   - nothing may follow the outermost value, and no element may claim more
 *     octets than its parent holds.
 * Every rejection returns CL_ERR_ASN1 (CL_ERR_ASN1_OID for a well-formed but
 * unexpected algorithm) and, when the caller passes a der_error, a short
 * English reason and the octet offset where it was found.
 *
 * The reader never copies or allocates: it hands out pointers into the
 * caller's buffer.  The writer appends to a caller-owned buffer.
 * CT: no -- DER parsing branches on lengths and tags, which are public in
 * every format used here; the INTEGER values are copied into GMP numbers
 * without inspecting their bits beyond the sign and minimality checks.
 */
#ifndef CRYPTOLAB_RSA_ASN1_H
#define CRYPTOLAB_RSA_ASN1_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "common/status.h"

/* X.690 §8.1.2 identifier octets of the universal types we use. */
#define DER_BOOLEAN      0x01u
#define DER_INTEGER      0x02u
#define DER_BIT_STRING   0x03u
#define DER_OCTET_STRING 0x04u
#define DER_NULL         0x05u
#define DER_OID          0x06u
#define DER_UTF8_STRING  0x0Cu
#define DER_NUMERIC_STRING   0x12u
#define DER_PRINTABLE_STRING 0x13u
#define DER_T61_STRING   0x14u   /* TeletexString */
#define DER_IA5_STRING   0x16u
#define DER_UTC_TIME     0x17u
#define DER_GENERALIZED_TIME 0x18u
#define DER_VISIBLE_STRING   0x1Au
#define DER_UNIVERSAL_STRING 0x1Cu
#define DER_BMP_STRING   0x1Eu
#define DER_SEQUENCE     0x30u   /* universal 16, constructed */
#define DER_SET          0x31u   /* universal 17, constructed */
#define DER_CONTEXT(n)   (0xA0u | (n))   /* [n] constructed, context-specific */
#define DER_CONTEXT_PRIM(n) (0x80u | (n))   /* [n] primitive (IMPLICIT), context-specific */

/* Why a parse failed: a static string and the offset (from the start of the
 * outermost buffer) of the element at fault. */
typedef struct der_error {
    const char *reason;
    size_t offset;
    char oid[64];              /* dotted OID found, for CL_ERR_ASN1_OID; "" otherwise */
} der_error;

/* A window [pos, end) into buf.  Sub-readers share buf (so offsets in
 * errors are always from the start of the whole input) and err. */
typedef struct der_reader {
    const uint8_t *buf;
    size_t pos, end;
    der_error *err;            /* may be NULL */
} der_reader;

/* Starts reading len bytes; err (optional) receives the reason of a failure. */
void der_reader_init(der_reader *r, const uint8_t *buf, size_t len, der_error *err);

/* 1 if no bytes are left in the window. */
int der_at_end(const der_reader *r);

/* CL_OK if the window is exhausted, CL_ERR_ASN1 ("trailing data") otherwise. */
cl_status der_finish(der_reader *r, const char *what);

/* Identifier of the next element without consuming it; -1 at the end. */
int der_peek_tag(const der_reader *r);

/* Reads one element with identifier `tag` (X.690 §8.1): *contents points
 * into the buffer, *len is its length.  Only single-octet identifiers are
 * accepted (tag numbers below 31 cover everything in these formats). */
cl_status der_read_tlv(der_reader *r, unsigned tag, const uint8_t **contents, size_t *len);

/* The next element whatever its identifier (for CHOICE types such as
 * GeneralName): *tag gets the identifier octet. */
cl_status der_read_any(der_reader *r, unsigned *tag, const uint8_t **contents, size_t *len);

/* A reader over contents (len octets) that lie inside parent's buffer, e.g.
 * the contents of an OCTET STRING or BIT STRING that hold DER themselves;
 * offsets in errors stay those of the whole input. */
void der_reader_sub(const der_reader *parent, const uint8_t *contents, size_t len, der_reader *sub);

/* SEQUENCE (or any constructed tag): *sub reads its contents. */
cl_status der_read_constructed(der_reader *r, unsigned tag, der_reader *sub);
cl_status der_read_sequence(der_reader *r, der_reader *sub);

/* INTEGER (§8.3) into a GMP number.  nonneg != 0 rejects negative values
 * (moduli, exponents and primes are positive). */
cl_status der_read_integer_mpz(der_reader *r, mpz_t x, int nonneg, const char *what);

/* INTEGER contents as they are encoded (two's complement, big-endian),
 * checked to be in the shortest form (§8.3.2); serial numbers use this. */
cl_status der_read_integer(der_reader *r, const uint8_t **p, size_t *len);

/* Small non-negative INTEGER (versions, iteration counts): must be <= max. */
cl_status der_read_uint(der_reader *r, uint64_t max, uint64_t *v, const char *what);

cl_status der_read_octet_string(der_reader *r, const uint8_t **p, size_t *len);

/* BIT STRING (§8.6) holding whole octets (unused bits = 0), as SPKI's
 * subjectPublicKey does. */
cl_status der_read_bit_string_octets(der_reader *r, const uint8_t **p, size_t *len);

/* BIT STRING (§8.6) in general: *p, *len the octets after the initial
 * octet, *unused (0..7) the unused bits in the last one, which DER wants
 * zero (§11.2.1). */
cl_status der_read_bit_string(der_reader *r, const uint8_t **p, size_t *len, unsigned *unused);

/* BOOLEAN (§8.2), DER form (§11.1): FALSE 0x00, TRUE 0xFF. */
cl_status der_read_boolean(der_reader *r, int *v);

cl_status der_read_null(der_reader *r);

/* OBJECT IDENTIFIER (§8.19): checks the encoding, returns the contents. */
cl_status der_read_oid(der_reader *r, const uint8_t **oid, size_t *len);

/* Records a well-formed but unexpected OID (contents oid/len, element at
 * offset `at`) in r's der_error and returns CL_ERR_ASN1_OID. */
cl_status der_fail_oid(der_reader *r, size_t at, const char *reason, const uint8_t *oid, size_t len);

/* Records a structural problem found by a caller (a value out of range,
 * a wrong version...) and returns CL_ERR_ASN1. */
cl_status der_fail(der_reader *r, size_t at, const char *reason);

/* Writes the dotted form ("1.2.840.113549.1.1.1") of OID contents into out
 * (cap bytes, NUL-terminated, truncated with "..." if too long). */
void der_oid_to_text(const uint8_t *oid, size_t len, char *out, size_t cap);

/* --- writer -------------------------------------------------------------- */

#define DER_MAX_DEPTH 16

/* Appends to buf[0..cap).  On overflow `overflow` is set and later calls do
 * nothing; der_writer_result() then reports CL_ERR_OUTPUT_SPACE. */
typedef struct der_writer {
    uint8_t *buf;
    size_t cap, len;
    int overflow;
    size_t open[DER_MAX_DEPTH];   /* start offsets of unfinished elements */
    size_t depth;
} der_writer;

void der_writer_init(der_writer *w, uint8_t *buf, size_t cap);
/* Starts a constructed element (SEQUENCE, [n]) or a BIT/OCTET STRING whose
 * contents are written next; der_end() fills in the length. */
void der_begin(der_writer *w, unsigned tag);
/* For BIT STRING: begins it and writes the unused-bits octet 0. */
void der_begin_bit_string(der_writer *w);
void der_end(der_writer *w);
void der_write_tlv(der_writer *w, unsigned tag, const uint8_t *contents, size_t len);
/* INTEGER of a non-negative GMP number (a 0x00 octet is prefixed when the
 * top bit is set, §8.3.2). */
void der_write_integer_mpz(der_writer *w, const mpz_t x);
void der_write_uint(der_writer *w, uint64_t v);
void der_write_null(der_writer *w);
/* BOOLEAN, DER form (0xFF for TRUE). */
void der_write_boolean(der_writer *w, int v);
/* Copies an element that is already DER-encoded (a Name taken from another
 * certificate, a signed TBSCertificate). */
void der_write_raw(der_writer *w, const uint8_t *der, size_t len);
/* CL_OK, CL_ERR_OUTPUT_SPACE, or CL_ERR_STATE if begin/end do not pair. */
cl_status der_writer_result(const der_writer *w, size_t *len);

/* --- object identifiers used by the key formats (contents octets) --------- */
extern const uint8_t DER_OID_RSA_ENCRYPTION[9];   /* 1.2.840.113549.1.1.1  PKCS#1 */
extern const uint8_t DER_OID_PBES2[9];            /* 1.2.840.113549.1.5.13 RFC 8018 A.4 */
extern const uint8_t DER_OID_PBKDF2[9];           /* 1.2.840.113549.1.5.12 RFC 8018 A.2 */
extern const uint8_t DER_OID_HMAC_SHA1[8];        /* 1.2.840.113549.2.7    RFC 8018 B.1.1 */
extern const uint8_t DER_OID_HMAC_SHA256[8];      /* 1.2.840.113549.2.9    RFC 8018 B.1.2 */
extern const uint8_t DER_OID_AES256_CBC[9];       /* 2.16.840.1.101.3.4.1.42 RFC 8018 B.2.5 */
extern const uint8_t DER_OID_RSASSA_PSS[9];       /* 1.2.840.113549.1.1.10 RFC 4055 §3.1 / RFC 8017 A.2.3 */
extern const uint8_t DER_OID_MGF1[9];             /* 1.2.840.113549.1.1.8  RFC 8017 B.2.1 */
extern const uint8_t DER_OID_SHA256_WITH_RSA[9];  /* 1.2.840.113549.1.1.11 RFC 4055 §5 */
extern const uint8_t DER_OID_SHA256[9];           /* 2.16.840.1.101.3.4.2.1 RFC 4055 §2.1 */
extern const uint8_t DER_OID_SHA1[5];             /* 1.3.14.3.2.26         RFC 4055 §2.1 */

/* 1 if (oid, len) equals the expected contents. */
int der_oid_eq(const uint8_t *oid, size_t len, const uint8_t *want, size_t want_len);

#endif
