/*
 * net/tls/messages.h -- handshake messages of TLS 1.2 and 1.3: their
 * numbers, the parsed forms, and one encode/parse pair per message.
 *
 *   struct { HandshakeType msg_type; uint24 length; body } Handshake;
 *
 * Parsers read with net/tls/codec.h (a length check before every byte),
 * keep pointers into the message instead of copying, refuse trailing bytes,
 * and return CL_ERR_PROTOCOL with the alert the RFC asks for in *alert
 * (decode_error for a malformed message, illegal_parameter for a value
 * that parses but is not allowed).  Files:
 *   msg_hello.c       ClientHello, ServerHello, HelloRetryRequest (§4.1)
 *   extensions.c      the extensions inside them (§4.2, RFC 5746, 7627, 6066)
 *   msg_cert.c        Certificate (1.2 §7.4.2, 1.3 §4.4.2), CertificateVerify (§4.4.3)
 *   msg_kex.c         ServerKeyExchange, ClientKeyExchange, ServerHelloDone (1.2 §7.4.3-8)
 *   msg_finished.c    Finished, EncryptedExtensions, KeyUpdate, NewSessionTicket
 */
#ifndef CRYPTOLAB_NET_TLS_MESSAGES_H
#define CRYPTOLAB_NET_TLS_MESSAGES_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "net/tls/codec.h"

/* HandshakeType (RFC 8446 §4, RFC 5246 §7.4) */
enum tls_hs_type {
    TLS_HS_HELLO_REQUEST = 0,
    TLS_HS_CLIENT_HELLO = 1,
    TLS_HS_SERVER_HELLO = 2,
    TLS_HS_NEW_SESSION_TICKET = 4,
    TLS_HS_END_OF_EARLY_DATA = 5,
    TLS_HS_ENCRYPTED_EXTENSIONS = 8,
    TLS_HS_CERTIFICATE = 11,
    TLS_HS_SERVER_KEY_EXCHANGE = 12,
    TLS_HS_CERTIFICATE_REQUEST = 13,
    TLS_HS_SERVER_HELLO_DONE = 14,
    TLS_HS_CERTIFICATE_VERIFY = 15,
    TLS_HS_CLIENT_KEY_EXCHANGE = 16,
    TLS_HS_FINISHED = 20,
    TLS_HS_KEY_UPDATE = 24,
    TLS_HS_MESSAGE_HASH = 254
};
/* A pseudo message for the state tables: a ChangeCipherSpec record. */
#define TLS_MSG_CHANGE_CIPHER_SPEC 0x100

const char *tls_hs_name(int type);

/* ExtensionType (RFC 8446 §4.2 and others) */
#define TLS_EXT_SERVER_NAME            0      /* RFC 6066 §3 */
#define TLS_EXT_SUPPORTED_GROUPS       10     /* RFC 7919, RFC 8446 §4.2.7 */
#define TLS_EXT_EC_POINT_FORMATS       11
#define TLS_EXT_SIGNATURE_ALGORITHMS   13     /* RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3 */
#define TLS_EXT_ENCRYPT_THEN_MAC       22
#define TLS_EXT_EXTENDED_MASTER_SECRET 23     /* RFC 7627 */
#define TLS_EXT_SESSION_TICKET         35
#define TLS_EXT_PRE_SHARED_KEY         41
#define TLS_EXT_EARLY_DATA             42
#define TLS_EXT_SUPPORTED_VERSIONS     43     /* RFC 8446 §4.2.1 */
#define TLS_EXT_COOKIE                 44     /* RFC 8446 §4.2.2 */
#define TLS_EXT_PSK_KEY_EXCHANGE_MODES 45
#define TLS_EXT_CERTIFICATE_AUTHORITIES 47    /* RFC 8446 §4.2.4 */
#define TLS_EXT_KEY_SHARE              51     /* RFC 8446 §4.2.8 */
#define TLS_EXT_RENEGOTIATION_INFO     0xff01 /* RFC 5746 */

/* Cipher-suite signalling values */
#define TLS_EMPTY_RENEGOTIATION_INFO_SCSV 0x00FF   /* RFC 5746 §3.3 */
#define TLS_FALLBACK_SCSV                 0x5600   /* RFC 7507 */

/* SignatureScheme (RFC 8446 §4.2.3): rsa_pss_rsae_* for keys whose
 * SubjectPublicKeyInfo is rsaEncryption, rsa_pss_pss_* for keys that the
 * certificate restricts to RSASSA-PSS (id-RSASSA-PSS, RFC 4055 §1.2);
 * rsa_pkcs1_* only in TLS 1.2 and only with rsaEncryption keys. */
#define TLS_SIG_RSA_PKCS1_SHA256    0x0401
#define TLS_SIG_RSA_PSS_RSAE_SHA256 0x0804
#define TLS_SIG_RSA_PSS_PSS_SHA256  0x0809
/* ClientCertificateType (RFC 5246 §7.4.4) */
#define TLS_CERT_TYPE_RSA_SIGN 1

#define TLS_MAX_LIST    64
#define TLS_MAX_SHARES  8

typedef struct tls_key_share_entry {
    uint16_t group;
    const uint8_t *key;
    size_t len;
} tls_key_share_entry;

/* What both hellos may carry, parsed. */
typedef struct tls_hello_ext {
    int seen_sni, seen_groups, seen_sigalgs, seen_key_share, seen_versions;
    int seen_reneg, seen_ems, seen_cookie, seen_psk, seen_early_data;
    char sni[256];                          /* host_name, NUL-terminated */
    uint16_t groups[TLS_MAX_LIST];     size_t n_groups;
    uint16_t sigalgs[TLS_MAX_LIST];    size_t n_sigalgs;
    uint16_t versions[TLS_MAX_LIST];   size_t n_versions;   /* ClientHello */
    uint16_t selected_version;                              /* ServerHello */
    tls_key_share_entry shares[TLS_MAX_SHARES]; size_t n_shares;  /* ClientHello */
    tls_key_share_entry server_share;       /* ServerHello (len 0 for HRR) */
    const uint8_t *reneg;  size_t reneg_len;   /* renegotiated_connection */
    const uint8_t *cookie; size_t cookie_len;
} tls_hello_ext;

typedef struct tls_client_hello {
    uint16_t legacy_version;
    const uint8_t *random;                  /* 32 bytes */
    uint8_t session_id[32]; size_t session_id_len;
    uint16_t suites[TLS_MAX_LIST]; size_t n_suites;   /* those we know, in order */
    int scsv_reneg, scsv_fallback;
    tls_hello_ext ext;
} tls_client_hello;

typedef struct tls_server_hello {
    uint16_t legacy_version;
    const uint8_t *random;
    uint8_t session_id[32]; size_t session_id_len;
    uint16_t suite;
    int is_hrr;                             /* random == SHA-256("HelloRetryRequest") */
    tls_hello_ext ext;
} tls_server_hello;

/* RFC 8446 §4.1.3: the special ServerHello.random of a HelloRetryRequest,
 * and the downgrade sentinels in the last 8 bytes of ServerHello.random. */
extern const uint8_t tls_hrr_random[32];
extern const uint8_t tls_downgrade_tls12[8];   /* 44 4F 57 4E 47 52 44 01 "DOWNGRD\1" */
extern const uint8_t tls_downgrade_tls11[8];   /* ... 00 */

/* --- hellos (msg_hello.c) --- bodies without the 4-byte header */
cl_status tls_parse_client_hello(const uint8_t *body, size_t len, tls_client_hello *ch, int *alert);
cl_status tls_parse_server_hello(const uint8_t *body, size_t len, tls_server_hello *sh, int *alert);

/* What our ClientHello offers. */
typedef struct tls_ch_params {
    const uint8_t *random;
    const uint8_t *session_id; size_t session_id_len;
    const uint16_t *suites; size_t n_suites;     /* SCSV included by the writer */
    const uint16_t *versions; size_t n_versions; /* supported_versions (0: none) */
    const uint16_t *groups; size_t n_groups;
    const tls_key_share_entry *shares; size_t n_shares;
    const char *sni;
    const uint8_t *cookie; size_t cookie_len;
    int offer12;                                 /* EMS, renegotiation_info */
    const uint16_t *sigalgs; size_t n_sigalgs;   /* signature_algorithms */
} tls_ch_params;
/* Writes the whole message (header included) to w. */
void tls_write_client_hello(tls_wr *w, const tls_ch_params *p);

typedef struct tls_sh_params {
    const uint8_t *random;
    const uint8_t *session_id; size_t session_id_len;
    uint16_t suite;
    uint16_t version;                 /* 0x0304: supported_versions; 0x0303: none */
    uint16_t share_group;             /* 1.3 key_share (HRR: selected_group) */
    const uint8_t *share; size_t share_len;   /* NULL for HRR */
    const uint8_t *cookie; size_t cookie_len; /* HRR */
    int reneg, ems;                   /* 1.2: echo renegotiation_info / EMS */
} tls_sh_params;
void tls_write_server_hello(tls_wr *w, const tls_sh_params *p);

/* --- extensions (extensions.c) --- */
/* Parses an extensions block of a ClientHello (is_server_hello 0) or a
 * (HelloRetry)ServerHello; unknown extensions are skipped, duplicates refused. */
cl_status tls_parse_extensions(tls_rd *r, int in_server_hello, int is_hrr, tls_hello_ext *e, int *alert);
/* EncryptedExtensions: only server_name (empty) and supported_groups may appear. */
cl_status tls_parse_encrypted_extensions(const uint8_t *body, size_t len, int *alert);
void tls_write_encrypted_extensions(tls_wr *w, int ack_sni);

/* --- certificates (msg_cert.c) --- */
typedef struct tls_chain_view {
    size_t n;
    const uint8_t *der[8];
    size_t len[8];
} tls_chain_view;
/* v13: RFC 8446 §4.4.2 (request context, per-entry extensions), else
 * RFC 5246 §7.4.2.  A server's: an empty chain is decode_error, the
 * context must be empty. */
cl_status tls_parse_certificate(const uint8_t *body, size_t len, int v13, tls_chain_view *chain, int *alert);
/* A client's Certificate (the answer to our CertificateRequest): the chain
 * may be empty (chain->n == 0); in 1.3 the context must be ours (ctx). */
cl_status tls_parse_client_certificate(const uint8_t *body, size_t len, int v13, const uint8_t *ctx,
                                       size_t ctx_len, tls_chain_view *chain, int *alert);
void tls_write_certificate(tls_wr *w, int v13, const uint8_t *const *der, const size_t *der_len, size_t n);
/* The same with a 1.3 certificate_request_context (a client's answer). */
void tls_write_certificate_ctx(tls_wr *w, int v13, const uint8_t *ctx, size_t ctx_len,
                               const uint8_t *const *der, const size_t *der_len, size_t n);
/* Certificate with no certificate (the answer to a CertificateRequest when
 * we have none); 1.3 echoes the request's context. */
void tls_write_empty_certificate(tls_wr *w, int v13, const uint8_t *ctx, size_t ctx_len);
/* CertificateRequest (1.3 §4.3.2, 1.2 RFC 5246 §7.4.4): the context (1.3)
 * and the signature schemes the server accepts (1.3: the required
 * signature_algorithms extension; 1.2: supported_signature_algorithms);
 * certificate_authorities is checked for shape and not used. */
cl_status tls_parse_certificate_request(const uint8_t *body, size_t len, int v13,
                                        const uint8_t **ctx, size_t *ctx_len,
                                        uint16_t *sigalgs, size_t *n_sigalgs, int *alert);
/* Writes one: 1.3 with an empty context, signature_algorithms and, when
 * n_ca > 0, certificate_authorities (§4.2.4); 1.2 with certificate_types
 * rsa_sign.  ca_dn: DER DistinguishedNames (the CA file's subjects). */
void tls_write_certificate_request(tls_wr *w, int v13, const uint16_t *sigalgs, size_t n_sigalgs,
                                   const uint8_t *const *ca_dn, const size_t *ca_dn_len, size_t n_ca);
cl_status tls_parse_certificate_verify(const uint8_t *body, size_t len, uint16_t *scheme,
                                       const uint8_t **sig, size_t *sig_len, int *alert);
void tls_write_certificate_verify(tls_wr *w, uint16_t scheme, const uint8_t *sig, size_t sig_len);

/* --- TLS 1.2 key exchange (msg_kex.c) --- */
typedef struct tls_ske_dhe {
    const uint8_t *p; size_t p_len;
    const uint8_t *g; size_t g_len;
    const uint8_t *Ys; size_t ys_len;
    const uint8_t *params; size_t params_len;    /* the ServerDHParams bytes (signed) */
    uint16_t scheme;
    const uint8_t *sig; size_t sig_len;
} tls_ske_dhe;
cl_status tls_parse_server_key_exchange_dhe(const uint8_t *body, size_t len, tls_ske_dhe *ske, int *alert);
/* ServerDHParams then the signature; params_len returned for signing first. */
void tls_write_dh_params(tls_wr *w, const uint8_t *p, size_t p_len, const uint8_t *Ys, size_t ys_len);
cl_status tls_parse_client_key_exchange(const uint8_t *body, size_t len, const uint8_t **v, size_t *v_len, int *alert);
void tls_write_client_key_exchange(tls_wr *w, const uint8_t *v, size_t len);   /* opaque<..2^16-1> */
void tls_write_empty(tls_wr *w, int type);                                    /* ServerHelloDone */

/* --- Finished, KeyUpdate, NewSessionTicket (msg_finished.c) --- */
void tls_write_finished(tls_wr *w, const uint8_t *verify, size_t len);
cl_status tls_parse_finished(const uint8_t *body, size_t len, size_t want, int *alert);
/* RFC 5246 §7.4.9 / RFC 8446 §4.4.4: 1 if the peer's verify_data equals
 * ours.  CT: yes (cl_ct_memeq); only the verdict is public (the handshake
 * ends on it), tests/ctgrind/ct_finished.c. */
int tls_finished_matches(const uint8_t *ours, const uint8_t *peers, size_t len);
void tls_write_key_update(tls_wr *w, int request_update);
cl_status tls_parse_key_update(const uint8_t *body, size_t len, int *request_update, int *alert);
cl_status tls_parse_new_session_ticket(const uint8_t *body, size_t len, int *alert);

/* Handshake header helpers: opens a message of type t; close fills the length. */
static inline size_t tls_wr_msg_open(tls_wr *w, int type)
{
    tls_wr_u8(w, (uint8_t)type);
    return tls_wr_open(w, 3);
}
static inline void tls_wr_msg_close(tls_wr *w, size_t mark)
{
    tls_wr_close(w, mark, 3);
}

#endif
