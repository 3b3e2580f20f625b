/*
 * rsa/x509/x509.h -- X.509 v3 certificates (RFC 5280) on the project's own
 * DER reader (rsa/asn1.h), RSA (rsa/rsa.h) and SHA-256: parsing, loading
 * chains and trust anchors, path validation (§6) and host names (RFC 6125).
 * Writing is in rsa/x509/x509_write.h, printing in rsa/x509/x509_print.h.
 *
 * ======================================================================
 * FOR TLS (the contract of COORDINATION.md "x509 -> tls")
 * ======================================================================
 *   load the server's chain file (PEM, several certificates, or one DER):
 *       x509_certs chain;  x509_certs_init(&chain);
 *       x509_certs_load_file(&chain, "server.pem", &lerr);
 *       -> chain.cert[i].der.p / .der.len : the DER to send, leaf first
 *   load trust anchors from a CA file (PEM, any number of certificates):
 *       x509_certs anchors;  x509_certs_init(&anchors);
 *       x509_certs_load_file(&anchors, "ca.pem", &lerr);
 *   verify what the peer sent (DER blobs, leaf first, as TLS Certificate
 *   carries them) for a host name or IP literal, at a time, for a purpose:
 *       x509_verify_params vp;
 *       x509_verify_params_init(&vp, (int64_t)time(NULL));
 *       x509_verify_params_set_peer(&vp, "www.example.com");  // or "127.0.0.1", "::1"
 *       vp.purpose   = X509_PURPOSE_SERVER_AUTH;   // or X509_PURPOSE_CLIENT_AUTH
 *       vp.key_usage = X509_KU_KEY_ENCIPHERMENT;   // RSA key exchange; X509_KU_DIGITAL_SIGNATURE
 *                                                  // for (EC)DHE_RSA / TLS 1.3; 0 = any TLS use
 *       x509_verify_result res;
 *       cl_status st = x509_verify_chain(blobs, n, &anchors, &vp, &res);
 *       -> CL_OK, or one CL_ERR_X509_* status (common/status.h) per kind of
 *          failure, with res.message one line saying what and where, e.g.
 *          "certificate has expired: depth 0 (CN = www.example.com): notAfter Dec 31 23:44:13 2026 GMT"
 *   the leaf's RSA public key (rsaEncryption or id-RSASSA-PSS SPKI):
 *       rsa_key key; rsa_key_init(&key);  rsa_key_alg alg;
 *       x509_leaf_public_key(blobs[0].p, blobs[0].len, &key, &alg);
 *       -> alg.pss == 1: the key may only be used for RSASSA-PSS
 *   free:  x509_certs_free(&chain); x509_certs_free(&anchors);
 * A parsed x509_cert points into the DER it was parsed from (no copies, no
 * malloc, as BearSSL's x509_minimal): keep that buffer alive while the
 * x509_cert is used.  Only the x509_certs loaders allocate (a file of any
 * size); x509_certs_free() releases everything they made.
 * ======================================================================
 *
 * Files (one concept each, named after the RFC's sections):
 *   x509_oid.c      object identifiers and their names (attribute types,
 *                   extensions, algorithms, key purposes)
 *   x509_time.c     Validity: UTCTime / GeneralizedTime (§4.1.2.5)
 *   x509_name.c     Name (§4.1.2.4): walking, comparison (§7.1)
 *   x509_algid.c    signature AlgorithmIdentifier (§4.1.1.2; RFC 4055 for PSS)
 *                   and signature verification with the issuer's key
 *   x509_ext.c      the extensions (§4.2.1.1-4.2.1.12 that we implement)
 *   x509_gn.c       GeneralName (§4.2.1.6)
 *   x509_cert.c     Certificate and TBSCertificate (§4.1)
 *   x509_certs.c    loading certificate files (PEM bundles or DER)
 *   x509_pubkey.c   SubjectPublicKeyInfo -> rsa_key (RFC 3279 §2.3.1, RFC 4055 §1.2)
 *   x509_path.c     path building and the checks of §6.1 (one function per step)
 *   x509_host.c     host names and IP addresses (RFC 6125 §6.4, §6.2.1)
 *   x509_verify.c   x509_verify_chain(): the steps in order, messages
 *   x509_csr.c      PKCS#10 certification requests (RFC 2986 §4)
 *
 * Strict means: DER only (rsa/asn1.h), nothing after the Certificate,
 * version and fields as §4.1 orders them, DEFAULT values never written out
 * (X.690 §11.5), no extension twice (§4.2), the TBSCertificate's signature
 * algorithm identical to the outer one (§4.1.1.2), serial numbers of at most
 * 20 octets (§4.1.2.2), times in the exact forms of §4.1.2.5.1/§4.1.2.5.2,
 * extensions only in v3, unique identifiers only in v2/v3 (§4.1.2.8).
 * CT: no -- certificates are public; the RSA operations are verifications.
 */
#ifndef CRYPTOLAB_RSA_X509_X509_H
#define CRYPTOLAB_RSA_X509_X509_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/asn1.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/rsa_pss_params.h"

/* A range of octets inside the caller's DER. */
typedef struct x509_bytes {
    const uint8_t *p;
    size_t len;
} x509_bytes;

/* Most certificates in one path: leaf, intermediates and trust anchor. */
#define X509_MAX_CHAIN 10

/* ------------------------------------------------------------ algorithms */

/* Signature algorithms we can verify; others are parsed and printed but
 * fail verification with CL_ERR_X509_UNSUPPORTED_ALG. */
enum x509_sig_kind {
    X509_SIG_UNKNOWN = 0,
    X509_SIG_RSA_PKCS1_SHA256,   /* sha256WithRSAEncryption (RFC 4055 §5), parameters NULL */
    X509_SIG_RSA_PSS             /* id-RSASSA-PSS (RFC 4055 §3.1) */
};

typedef struct x509_sigalg {
    x509_bytes der;              /* the whole AlgorithmIdentifier */
    x509_bytes oid;              /* algorithm OID contents */
    x509_bytes params;           /* parameters element (whole TLV), empty if absent */
    int kind;                    /* enum x509_sig_kind */
    rsa_pss_params pss;          /* kind == X509_SIG_RSA_PSS */
} x509_sigalg;

/* ------------------------------------------------------------ extensions */

/* keyUsage (§4.2.1.3): bit n of the BIT STRING is (1u << n). */
#define X509_KU_DIGITAL_SIGNATURE (1u << 0)
#define X509_KU_NON_REPUDIATION   (1u << 1)   /* contentCommitment */
#define X509_KU_KEY_ENCIPHERMENT  (1u << 2)
#define X509_KU_DATA_ENCIPHERMENT (1u << 3)
#define X509_KU_KEY_AGREEMENT     (1u << 4)
#define X509_KU_KEY_CERT_SIGN     (1u << 5)
#define X509_KU_CRL_SIGN          (1u << 6)
#define X509_KU_ENCIPHER_ONLY     (1u << 7)
#define X509_KU_DECIPHER_ONLY     (1u << 8)

/* extendedKeyUsage (§4.2.1.12) purposes we name. */
#define X509_EKU_SERVER_AUTH   (1u << 0)   /* id-kp-serverAuth */
#define X509_EKU_CLIENT_AUTH   (1u << 1)   /* id-kp-clientAuth */
#define X509_EKU_CODE_SIGNING  (1u << 2)
#define X509_EKU_EMAIL         (1u << 3)   /* id-kp-emailProtection */
#define X509_EKU_TIME_STAMPING (1u << 4)
#define X509_EKU_OCSP_SIGNING  (1u << 5)
#define X509_EKU_ANY           (1u << 6)   /* anyExtendedKeyUsage */
#define X509_EKU_OTHER         (1u << 7)   /* some other OID */

/* The extensions we understand (the others are listed in exts.all). */
#define X509_EXT_BASIC_CONSTRAINTS (1u << 0)   /* §4.2.1.9  */
#define X509_EXT_KEY_USAGE         (1u << 1)   /* §4.2.1.3  */
#define X509_EXT_EXT_KEY_USAGE     (1u << 2)   /* §4.2.1.12 */
#define X509_EXT_SUBJECT_ALT_NAME  (1u << 3)   /* §4.2.1.6  */
#define X509_EXT_SUBJECT_KEY_ID    (1u << 4)   /* §4.2.1.2  */
#define X509_EXT_AUTHORITY_KEY_ID  (1u << 5)   /* §4.2.1.1  */

typedef struct x509_exts {
    x509_bytes all;              /* contents of the Extensions SEQUENCE (empty: none) */
    unsigned present;            /* X509_EXT_* found */
    unsigned critical;           /* X509_EXT_* marked critical */
    int ca;                      /* basicConstraints cA */
    int path_len;                /* pathLenConstraint, -1 if absent */
    unsigned key_usage;          /* X509_KU_* */
    unsigned ext_key_usage;      /* X509_EKU_* */
    x509_bytes san;              /* subjectAltName GeneralNames contents */
    x509_bytes ski;              /* subjectKeyIdentifier octets */
    x509_bytes aki_key_id;       /* authorityKeyIdentifier keyIdentifier [0] */
    x509_bytes aki_issuer;       /* authorityCertIssuer [1] GeneralNames contents */
    x509_bytes aki_serial;       /* authorityCertSerialNumber [2] INTEGER contents */
    x509_bytes unknown_critical; /* OID of the first critical extension we do not process */
} x509_exts;

/* ------------------------------------------------------------ certificate */

typedef struct x509_cert {
    x509_bytes der;              /* the whole Certificate */
    x509_bytes tbs;              /* tbsCertificate, as signed (§4.1.1.1) */
    unsigned version;            /* 1, 2 or 3 (§4.1.2.1: the field holds version - 1) */
    x509_bytes serial;           /* serialNumber INTEGER contents (§4.1.2.2) */
    x509_sigalg tbs_sig;         /* signature (§4.1.2.3) */
    x509_bytes issuer;           /* Name, whole element (§4.1.2.4) */
    int64_t not_before;          /* seconds since 1970-01-01T00:00:00Z (§4.1.2.5) */
    int64_t not_after;
    x509_bytes subject;          /* Name, whole element (§4.1.2.6) */
    x509_bytes spki;             /* SubjectPublicKeyInfo, whole element (§4.1.2.7) */
    x509_bytes spki_alg;         /* its AlgorithmIdentifier, whole element */
    x509_bytes spki_alg_oid;     /* the algorithm OID contents */
    x509_bytes spki_key;         /* subjectPublicKey octets (BIT STRING without the unused-bits octet) */
    x509_exts ext;               /* extensions (§4.1.2.9) */
    x509_sigalg sig_alg;         /* signatureAlgorithm (§4.1.1.2) */
    x509_bytes signature;        /* signatureValue octets (§4.1.1.3) */
} x509_cert;

/* Parses one DER certificate strictly (see above); *c points into der.
 * CL_ERR_X509_BAD_CERT with err->reason / err->offset (err may be NULL). */
cl_status x509_cert_parse(x509_cert *c, const uint8_t *der, size_t len, der_error *err);

/* 1 if the certificate's issuer and subject names are equal (§6.1: "self-issued"). */
int x509_cert_self_issued(const x509_cert *c);

/* The subject's RSA key (rsaEncryption or id-RSASSA-PSS; *alg may be NULL).
 * CL_ERR_X509_UNSUPPORTED_ALG for other key types; the key is checked with
 * rsa_public_check(). */
cl_status x509_cert_public_key(const x509_cert *c, rsa_key *key, rsa_key_alg *alg);

/* For TLS: parses the leaf's DER and returns its public key. */
cl_status x509_leaf_public_key(const uint8_t *der, size_t len, rsa_key *key, rsa_key_alg *alg);

/* Verifies that `signature` over `data` was made by the key in issuer_spki
 * (a SubjectPublicKeyInfo) with algorithm alg.  CL_ERR_X509_BAD_SIGNATURE,
 * or CL_ERR_X509_UNSUPPORTED_ALG (algorithm, key type, or PSS parameters we
 * do not implement, or a PSS key whose restrictions the signature breaks). */
cl_status x509_signature_verify(const x509_sigalg *alg, const uint8_t *data, size_t len,
                                const x509_bytes *signature, const x509_bytes *issuer_spki);

/* SHA-256 of the whole DER certificate (`openssl x509 -fingerprint -sha256`). */
cl_status x509_cert_fingerprint(const x509_cert *c, const cl_hash *hash, uint8_t *out);

/* ------------------------------------------------------------ names and times */

/* One AttributeTypeAndValue of a Name, in certificate order. */
typedef struct x509_ava {
    x509_bytes type;             /* attribute type OID contents */
    unsigned tag;                /* the value's tag (DER_UTF8_STRING, DER_PRINTABLE_STRING, ...) */
    x509_bytes value;            /* the value's contents */
    x509_bytes value_der;        /* the whole value element */
    int same_rdn;                /* 1: belongs to the same RelativeDistinguishedName as the previous one */
} x509_ava;

typedef struct x509_name_iter {
    der_reader rdns, set;
    int in_set, first;
} x509_name_iter;

/* Walks the attributes of a Name element (already checked by the parser). */
void x509_name_iter_init(x509_name_iter *it, const x509_bytes *name);
int x509_name_next(x509_name_iter *it, x509_ava *ava);   /* 1: *ava filled, 0: end */

/* §7.1 comparison, as OpenSSL does it: attribute by attribute, string values
 * compared after conversion to UTF-8, ASCII case folded, leading/trailing
 * white space removed and inner runs of white space made one space. */
int x509_name_equal(const x509_bytes *a, const x509_bytes *b);

/* Checks that a Name element is a well-formed RDNSequence (§4.1.2.4) with
 * DER-sorted SETs; used by the certificate and request parsers. */
cl_status x509_name_read(der_reader *r, x509_bytes *name);

/* Validity times (§4.1.2.5): UTCTime YYMMDDHHMMSSZ (YY >= 50 is 19YY) or
 * GeneralizedTime YYYYMMDDHHMMSSZ, exactly those forms. */
cl_status x509_time_read(der_reader *r, int64_t *t);
/* "Dec  1 23:44:13 2026 GMT" (OpenSSL's ASN1_TIME_print); out has 32 octets. */
void x509_time_format(int64_t t, char out[32]);
/* Seconds since the epoch of a UTC calendar date (proleptic Gregorian). */
int64_t x509_time_from_civil(int year, int month, int day, int hour, int minute, int second);

/* ------------------------------------------------------------ loading files */

/* Certificates loaded from a file: parsed, in file order, pointing into
 * storage the loader allocated (certificate files can be any size). */
typedef struct x509_certs {
    x509_cert *cert;             /* cert[0 .. count-1] */
    size_t count;
    uint8_t **blocks;            /* the DER storage (internal) */
    size_t nblocks;
} x509_certs;

/* Why a load failed: status, which certificate (1-based, 0: the file as a
 * whole) and one complete sentence. */
typedef struct x509_load_error {
    cl_status status;
    size_t index;
    char detail[240];
} x509_load_error;

void x509_certs_init(x509_certs *s);
/* Appends the certificates of a file's bytes: one or more PEM
 * "CERTIFICATE" blocks (text around them and other blocks, such as keys,
 * are skipped, as OpenSSL does), or exactly one DER certificate.
 * CL_ERR_X509_NO_CERT if there is none; CL_ERR_X509_BAD_CERT or
 * CL_ERR_PEM for a malformed one (nothing is appended then). */
cl_status x509_certs_load(x509_certs *s, const uint8_t *data, size_t len, x509_load_error *err);
cl_status x509_certs_load_file(x509_certs *s, const char *path, x509_load_error *err);
void x509_certs_free(x509_certs *s);

/* ------------------------------------------------------------ path validation */

enum x509_purpose {
    X509_PURPOSE_ANY = 0,        /* no extendedKeyUsage / keyUsage check */
    X509_PURPOSE_SERVER_AUTH,    /* TLS server (OpenSSL -purpose sslserver) */
    X509_PURPOSE_CLIENT_AUTH     /* TLS client (OpenSSL -purpose sslclient) */
};

/* Flags of x509_verify_params. */
#define X509_VERIFY_PARTIAL_CHAIN 1u   /* a trust anchor need not be self-signed (OpenSSL -partial_chain) */
#define X509_VERIFY_NO_TIME       2u   /* skip the validity check (OpenSSL -no_check_time) */

/* The check that failed (§6.1 step), for callers that report like another tool. */
enum x509_step {
    X509_STEP_BUILD = 1,         /* finding the issuers: §6.1.3 (a)(4) name chaining */
    X509_STEP_CRITICAL,          /* §6.1.4 (o), §6.1.5 (f): unrecognised critical extension */
    X509_STEP_CA,                /* §6.1.4 (k) basicConstraints and (n) keyUsage of an issuer */
    X509_STEP_PURPOSE,           /* §4.2.1.12 extendedKeyUsage, §4.2.1.3 keyUsage of the leaf */
    X509_STEP_PATH_LENGTH,       /* §6.1.4 (l), (m) */
    X509_STEP_NAME,              /* RFC 6125 host name / IP address */
    X509_STEP_SIGNING_ALLOWED,   /* §6.1.4 (n) keyCertSign, checked again before the signature */
    X509_STEP_SIGNATURE,         /* §6.1.3 (a)(1) */
    X509_STEP_VALIDITY           /* §6.1.3 (a)(2) */
};

typedef struct x509_verify_failure {
    cl_status status;
    int step;                    /* enum x509_step */
    size_t depth;                /* 0 = leaf */
    const x509_cert *cert;       /* the certificate at fault (valid during the call) */
    int top_trusted;             /* the path found so far ends in a trust anchor */
} x509_verify_failure;

/* Called for each failure; return 1 to go on with the remaining checks
 * (to list them all, as `cryptolab verify` does), 0 to stop. */
typedef int (*x509_verify_cb)(void *arg, const x509_verify_failure *f);

typedef struct x509_verify_params {
    int64_t time;                /* seconds since the epoch (UTC) */
    const char *host;            /* DNS name to match (RFC 6125 §6.4), or NULL */
    const char *ip;              /* IP literal to match (RFC 6125 §6.2.1), or NULL */
    int purpose;                 /* enum x509_purpose */
    unsigned key_usage;          /* X509_KU_* the leaf must allow (if it has keyUsage); 0:
                                    any of the TLS ones for the purpose, as OpenSSL */
    unsigned flags;              /* X509_VERIFY_* */
    x509_verify_cb cb;           /* NULL: stop at the first failure */
    void *cb_arg;
} x509_verify_params;

typedef struct x509_verify_result {
    cl_status status;            /* the first failure, or CL_OK */
    int step;                    /* enum x509_step of the first failure */
    size_t depth;                /* its depth (0 = leaf) */
    x509_bytes subject;          /* subject Name of the certificate at fault (in the caller's DER) */
    char message[320];           /* one line: what failed, where, why */
    size_t path_len;             /* certificates in the path found (anchor included) */
    size_t anchor;               /* index in anchors->cert of the trust anchor used (if trusted) */
    int trusted;                 /* the path ends in a trust anchor */
} x509_verify_result;

/* time as given, no host, no IP, X509_PURPOSE_ANY, no flags, no callback. */
void x509_verify_params_init(x509_verify_params *p, int64_t time);
/* Sets p->ip if name is an IPv4 or IPv6 literal, p->host otherwise (the
 * string must outlive p).  CL_ERR_BAD_ARGUMENT for an empty name. */
cl_status x509_verify_params_set_peer(x509_verify_params *p, const char *name);

/* Verifies a chain as a TLS peer sends it: chain[0] the leaf, chain[1..n-1]
 * intermediates in any order (untrusted), against the trust anchors.  The
 * path is built by name chaining (and authorityKeyIdentifier/
 * subjectKeyIdentifier when both are present), preferring trust anchors,
 * and must end in a self-signed anchor (or any anchor with
 * X509_VERIFY_PARTIAL_CHAIN).  Then, in OpenSSL's order so that `cryptolab
 * verify` reports what `openssl verify` reports:
 *   for each certificate, leaf first: critical extensions, CA-ness of the
 *   issuers, purpose, path length;  host name / IP address of the leaf;
 *   from the anchor down: keyCertSign of the issuer, signature, validity.
 * The trust anchor's own validity, basicConstraints and extendedKeyUsage
 * are checked too (as OpenSSL does; RFC 5280 leaves that to the
 * application), its self-signature is not.
 * Validity: notBefore <= time <= notAfter (both inclusive, §4.1.2.5).
 * Returns res->status (res must not be NULL). */
cl_status x509_verify_chain(const x509_bytes *chain, size_t n, const x509_certs *anchors,
                            const x509_verify_params *p, x509_verify_result *res);

/* The same for certificates already parsed (chain[0] the leaf). */
cl_status x509_verify_parsed(const x509_cert *const *chain, size_t n, const x509_certs *anchors,
                             const x509_verify_params *p, x509_verify_result *res);

/* ------------------------------------------------------------ host names (RFC 6125) */

/* §6.4.1-§6.4.3: 1 if the reference identifier host (a DNS name) matches the
 * presented identifier pres (a dNSName): ASCII case-insensitive; a wildcard
 * only as the whole left-most label ("*.example.com"), standing for exactly
 * one non-empty label, and only with at least two labels after it. */
int x509_dns_name_matches(const char *host, const uint8_t *pres, size_t pres_len);
/* §6.4: some subjectAltName dNSName matches host (the CN is never used:
 * §6.4.4's fallback is not implemented).  CL_ERR_X509_HOST_MISMATCH otherwise. */
cl_status x509_check_host(const x509_cert *c, const char *host);
/* §6.2.1: some subjectAltName iPAddress equals ip.  CL_ERR_X509_IP_MISMATCH
 * otherwise, CL_ERR_BAD_ARGUMENT if ip is not an IP literal. */
cl_status x509_check_ip(const x509_cert *c, const char *ip);
/* Parses an IPv4 (dotted quad) or IPv6 literal: 4 or 16 octets; 0 if not one. */
size_t x509_parse_ip(const char *s, uint8_t out[16]);

/* ------------------------------------------------------------ general names (§4.2.1.6) */

#define X509_GN_OTHER_NAME 0u
#define X509_GN_EMAIL      1u   /* rfc822Name */
#define X509_GN_DNS        2u   /* dNSName */
#define X509_GN_X400       3u
#define X509_GN_DIRNAME    4u   /* directoryName */
#define X509_GN_EDI_PARTY  5u
#define X509_GN_URI        6u   /* uniformResourceIdentifier */
#define X509_GN_IP         7u   /* iPAddress */
#define X509_GN_RID        8u   /* registeredID */

typedef struct x509_general_name {
    unsigned type;               /* X509_GN_* (the context tag number) */
    x509_bytes value;            /* contents; for a directoryName, the Name element */
} x509_general_name;

/* Walks GeneralNames contents (exts.san, exts.aki_issuer): *r starts over them. */
void x509_gn_iter_init(der_reader *r, const x509_bytes *names);
int x509_gn_next(der_reader *r, x509_general_name *gn);   /* 1: *gn filled, 0: end */

/* ------------------------------------------------------------ certification requests (RFC 2986) */

typedef struct x509_csr {
    x509_bytes der;              /* the whole CertificationRequest */
    x509_bytes info;             /* certificationRequestInfo, as signed */
    unsigned version;            /* 0 (v1) */
    x509_bytes subject;          /* Name element */
    x509_bytes spki, spki_alg, spki_alg_oid, spki_key;
    x509_bytes attributes;       /* contents of attributes [0] */
    int has_ext_request;         /* an extensionRequest attribute (PKCS#9, RFC 2985 §5.4.2) */
    x509_exts ext;               /* its extensions */
    x509_sigalg sig_alg;
    x509_bytes signature;
} x509_csr;

/* Parses a DER request strictly.  CL_ERR_X509_BAD_CSR with err. */
cl_status x509_csr_parse(x509_csr *r, const uint8_t *der, size_t len, der_error *err);
/* A request file's bytes (PEM "CERTIFICATE REQUEST", or DER): *der gets a
 * malloc'ed copy of the DER (free it after q), q points into it.
 * CL_ERR_PEM (with *why) or CL_ERR_X509_BAD_CSR (with err). */
cl_status x509_csr_load(x509_csr *q, const uint8_t *data, size_t len, uint8_t **der, size_t *der_len,
                        der_error *err, const char **why);
/* The request's self-signature with its own key (`openssl req -verify`). */
cl_status x509_csr_verify(const x509_csr *r);

/* ------------------------------------------------------------ extensions, for the writers and printers */

/* Reads the Extensions SEQUENCE (§4.1.2.9) at r into *e.
 */
cl_status x509_exts_read(der_reader *r, x509_exts *e);

/* One Extension of exts.all: walk them with x509_ext_next. */
typedef struct x509_extension {
    x509_bytes der;              /* the whole Extension */
    x509_bytes oid;
    int critical;
    x509_bytes value;            /* extnValue OCTET STRING contents */
} x509_extension;
void x509_ext_iter_init(der_reader *r, const x509_bytes *all);
int x509_ext_next(der_reader *r, x509_extension *e);

#endif
