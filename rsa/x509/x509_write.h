/*
 * rsa/x509/x509_write.h -- writing X.509: certificates (RFC 5280 §4.1),
 * certification requests (RFC 2986 §4), their extensions (§4.2.1), names
 * from OpenSSL's "/CN=.../O=..." syntax and extension values from its
 * configuration syntax ("basicConstraints = critical,CA:TRUE,pathlen:0").
 *
 * Files:
 *   x509_write.c       TBSCertificate / Certificate, CertificationRequest,
 *                      serial numbers, signing
 *   x509_ext_write.c   the Extensions SEQUENCE from an x509_ext_spec
 *   x509_conf.c        OpenSSL's -subj, -addext, -extfile syntaxes
 * Everything is written into caller buffers (no malloc).
 */
#ifndef CRYPTOLAB_RSA_X509_X509_WRITE_H
#define CRYPTOLAB_RSA_X509_X509_WRITE_H

#include "rsa/x509/x509.h"

/* Validity time (§4.1.2.5): UTCTime through 2049, GeneralizedTime from
 * 2050.  CL_ERR_BAD_ARGUMENT outside 1950..9999. */
cl_status x509_time_write(der_writer *w, int64_t t);

/* ------------------------------------------------------------ extensions to write */

#define X509_SPEC_MAX_SAN   64
#define X509_SPEC_MAX_EKU   16
#define X509_SPEC_MAX_RAW   16
#define X509_SPEC_STORE     4096

/* AuthorityKeyIdentifier choices (OpenSSL's keyid / keyid:always / issuer / issuer:always). */
#define X509_AKI_KEYID         1u   /* the issuer's key identifier if it has one */
#define X509_AKI_KEYID_ALWAYS  2u   /* ... or computed from its key */
#define X509_AKI_ISSUER        4u   /* issuer name and serial if there is no key identifier */
#define X509_AKI_ISSUER_ALWAYS 8u   /* ... always */

typedef struct x509_ext_spec {
    unsigned set;                /* X509_EXT_* to write */
    unsigned critical;           /* X509_EXT_* marked critical */
    int ca, path_len;            /* basicConstraints (path_len -1: none) */
    unsigned key_usage;          /* X509_KU_* */
    x509_bytes eku[X509_SPEC_MAX_EKU];    /* KeyPurposeId OIDs, in order */
    size_t neku;
    x509_general_name san[X509_SPEC_MAX_SAN];
    size_t nsan;
    int ski_hash;                /* subjectKeyIdentifier: SHA-1 of the subjectPublicKey (§4.2.1.2 (1)) */
    x509_bytes ski;              /* ... or this value */
    unsigned aki;                /* X509_AKI_* */
    x509_bytes raw[X509_SPEC_MAX_RAW];    /* whole Extension elements written as they are */
    size_t nraw;
    unsigned order_all[8 + X509_SPEC_MAX_RAW];   /* writing order: X509_EXT_* bits, or 0x100 + raw index */
    size_t nall;
    uint8_t store[X509_SPEC_STORE];       /* octets the spec owns (names, OIDs, addresses) */
    size_t used;
} x509_ext_spec;

void x509_ext_spec_init(x509_ext_spec *s);

/* One extension in OpenSSL's configuration syntax: name (short name as in
 * openssl.cnf: basicConstraints, keyUsage, extendedKeyUsage, subjectAltName,
 * subjectKeyIdentifier, authorityKeyIdentifier, or a dotted OID) and value
 * ("critical,CA:TRUE,pathlen:0", "DNS:www.example.com,IP:127.0.0.1",
 * "keyid:always", "critical,DER:0500"...).  A later setting of the same
 * extension replaces the earlier one.  section_lookup (may be NULL)
 * resolves "@section" in subjectAltName (the [alt_names] idiom): it is
 * given the section name and returns its text.  *why gets a reason on
 * CL_ERR_PARSE. */
typedef const char *(*x509_conf_lookup)(void *arg, const char *section, size_t len, size_t *text_len);
cl_status x509_ext_spec_add(x509_ext_spec *s, const char *name, size_t name_len, const char *value,
                            size_t value_len, x509_conf_lookup lookup, void *arg, const char **why);
/* "name = value" (-addext). */
cl_status x509_ext_spec_add_line(x509_ext_spec *s, const char *line, const char **why);
/* The extensions of section `section` of an OpenSSL configuration file
 * (text[0..len)): "[section]" headers, "name = value" lines, '#' comments;
 * section NULL: the lines before the first header (what `openssl x509
 * -extfile` reads without -extensions).  CL_ERR_PARSE with *why, and
 * *line the line number, for a line we cannot use. */
cl_status x509_ext_spec_from_conf(x509_ext_spec *s, const char *text, size_t len, const char *section,
                                  const char **why, size_t *line);
/* Adds the extensions of a request (-copy_extensions copy) that s does not set. */
cl_status x509_ext_spec_copy(x509_ext_spec *s, const x509_exts *from);

/* What the authorityKeyIdentifier (§4.2.1.1) is made from: the issuer
 * certificate's key, key identifier, issuer name and serial number (for a
 * self-signed certificate: the certificate's own). */
typedef struct x509_issuer_ref {
    x509_bytes key;              /* the issuer's subjectPublicKey octets */
    x509_bytes ski;              /* its subjectKeyIdentifier (len 0: none) */
    x509_bytes name;             /* the issuer certificate's issuer Name element */
    x509_bytes serial;           /* the issuer certificate's serialNumber INTEGER contents */
} x509_issuer_ref;

/* Writes the Extensions SEQUENCE (nothing if s sets none).  subject_key:
 * the subjectPublicKey octets (for a hashed subjectKeyIdentifier); issuer
 * NULL in a request (no authorityKeyIdentifier there). */
cl_status x509_exts_write(der_writer *w, const x509_ext_spec *s, const x509_bytes *subject_key,
                          const x509_issuer_ref *issuer);

/* ------------------------------------------------------------ names */

/* OpenSSL's -subj syntax: "/type0=value0/type1=value1+type2=value2...",
 * '\' escaping the next character, '+' joining attributes into one
 * multi-valued RDN.  Types: the short or long names of x509_oid.c or a
 * dotted OID; values encoded as `openssl req` does (C, serialNumber,
 * dnQualifier PrintableString; emailAddress, DC IA5String; the others
 * UTF8String) with its length limits (C two characters, CN at most 64...).
 * utf8 == 0 reads the octets as Latin-1 (OpenSSL's default MBSTRING_ASC),
 * 1 as UTF-8 (-utf8).  The Name element goes to out. */
cl_status x509_name_from_subj(const char *subj, int utf8, uint8_t *out, size_t cap, size_t *len,
                              const char **why);

/* ------------------------------------------------------------ signing */

enum x509_sig_choice { X509_SIGN_PKCS1_SHA256 = 0, X509_SIGN_PSS_SHA256 = 1 };

typedef struct x509_sign_alg {
    int kind;                    /* enum x509_sig_choice */
    size_t pss_salt;             /* salt octets for PSS (default 32) or RSA_PSS_SALT_MAX */
} x509_sign_alg;

/* OpenSSL -sigopt: "rsa_padding_mode:pss|pkcs1", "rsa_pss_saltlen:N|digest|max". */
cl_status x509_sigopt_parse(x509_sign_alg *a, const char *opt);

/* The AlgorithmIdentifier for a signature with key (salt "max" resolved). */
cl_status x509_sign_algid_write(der_writer *w, const x509_sign_alg *a, const rsa_key *key);

/* Signs data with key: into sig (cap octets), *sig_len. */
cl_status x509_sign(const x509_sign_alg *a, const rsa_key *key, const uint8_t *data, size_t len,
                    uint8_t *sig, size_t cap, size_t *sig_len);

/* A random positive serial of 159 bits (20 octets, top bit clear), as
 * OpenSSL makes them: RFC 5280 §4.1.2.2 allows at most 20 octets, and CAs
 * use at least 64 bits of randomness. */
cl_status x509_serial_random(uint8_t serial[20], size_t *len);

/* A serial number given as text: decimal, or hexadecimal after "0x" (or
 * always hexadecimal when hex != 0, as in OpenSSL's .srl files); positive,
 * at most 159 bits.  out gets the big-endian magnitude. */
cl_status x509_serial_from_text(const char *text, int hex, uint8_t out[20], size_t *len);
/* serial + 1 (for the .srl file of -CAcreateserial). */
cl_status x509_serial_increment(uint8_t serial[20], size_t *len);

typedef struct x509_cert_spec {
    x509_bytes serial;           /* positive INTEGER magnitude (big-endian) */
    x509_bytes subject;          /* Name element */
    x509_bytes spki;             /* the subject's SubjectPublicKeyInfo element */
    int64_t not_before, not_after;
    const x509_ext_spec *ext;    /* NULL or nothing set: a v1 certificate */
    x509_sign_alg alg;
} x509_cert_spec;

/* Writes and signs a certificate: issued by issuer (its subject becomes
 * our issuer) with issuer_key, or self-signed (issuer NULL: issuer name =
 * subject, and issuer_key must be the subject's key).  The DER goes to out. */
cl_status x509_cert_write(const x509_cert_spec *spec, const x509_cert *issuer, const rsa_key *issuer_key,
                          uint8_t *out, size_t cap, size_t *len);

/* A PKCS#10 request for subject (Name element) and key, with the
 * extensions of ext (NULL: none) in an extensionRequest attribute. */
cl_status x509_csr_write(const x509_bytes *subject, const rsa_key *key, const x509_ext_spec *ext,
                         const x509_sign_alg *alg, uint8_t *out, size_t cap, size_t *len);

#endif
