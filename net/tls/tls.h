/*
 * net/tls/tls.h -- TLS 1.2 (RFC 5246) and TLS 1.3 (RFC 8446), client and
 * server, on the project's AES-GCM, SHA-256/HMAC/HKDF, RSA and GMP.
 *
 * What is built (docs/tls.md says why, and what is not):
 *   TLS 1.3  TLS_AES_128_GCM_SHA256 (0x1301); key exchange ffdhe2048 /
 *            ffdhe3072 (RFC 7919) with HelloRetryRequest when the client's
 *            first key_share is a group we lack; RSA certificates with
 *            CertificateVerify rsa_pss_rsae_sha256 (rsa_pss_pss_sha256 for
 *            keys restricted to RSASSA-PSS); KeyUpdate both ways;
 *            middlebox-compatibility ChangeCipherSpec; the downgrade
 *            sentinel (§4.1.3) set and checked.
 *   TLS 1.2  TLS_RSA_WITH_AES_128_GCM_SHA256 (0x009C, RSA key transport:
 *            the founding document's four steps) and
 *            TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 (0x009E, forward secrecy,
 *            RFC 7919 groups via supported_groups); extended master secret
 *            (RFC 7627); renegotiation_info (RFC 5746) with renegotiation
 *            refused.
 *   Both     client certificates: the server sends a CertificateRequest
 *            (cfg.verify_client) and verifies the chain for clientAuth;
 *            the client answers with cfg.chain / cfg.key and a
 *            CertificateVerify.  Keys restricted to RSA-PSS (id-RSASSA-PSS,
 *            RFC 4055) sign with rsa_pss_pss_sha256 only and never do RSA
 *            key transport.
 *   NOT built: PSK, session resumption, session tickets, 0-RTT, elliptic
 *   curves, any other suite.
 *
 * Usage (blocking, one thread per connection; the caller owns fd):
 *     tls_conn *c = tls_conn_new(fd, is_server, &cfg);
 *     tls_handshake(c);                      // full handshake, both checks
 *     tls_write(c, buf, n); tls_read(c, buf, cap, &got);
 *     tls_close(c);                          // close_notify
 *     tls_conn_free(c);
 * Every function returns a cl_status; after a failure tls_conn_error(c) is
 * one line saying what went wrong and which alert was sent or received.
 */
#ifndef CRYPTOLAB_NET_TLS_TLS_H
#define CRYPTOLAB_NET_TLS_TLS_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/rsa.h"
#include "net/tls/key_schedule.h"

#define TLS_VERSION_12 0x0303
#define TLS_VERSION_13 0x0304

/* CipherSuite codepoints */
#define TLS_AES_128_GCM_SHA256               0x1301
#define TLS_RSA_WITH_AES_128_GCM_SHA256      0x009C
#define TLS_DHE_RSA_WITH_AES_128_GCM_SHA256  0x009E

#define TLS_MAX_CHAIN 8

/* A certificate chain as the Certificate message carries it: DER blobs,
 * leaf first. */
typedef struct tls_cert_chain {
    size_t n;
    const uint8_t *der[TLS_MAX_CHAIN];
    size_t len[TLS_MAX_CHAIN];
} tls_cert_chain;

/* The check of the peer's chain (X.509: rsa/x509/): the client's of the
 * server's (host: the name to match), the server's of a client's (host
 * NULL).  Returns CL_OK, or a failure with a one-line reason in why and the
 * alert to send in *alert (bad_certificate, unknown_ca, certificate_expired ...). */
typedef cl_status (*tls_verify_fn)(void *arg, const tls_cert_chain *chain, const char *host,
                                   int *alert, char *why, size_t why_len);

/* Things a program may want to watch (all optional). */
typedef struct tls_hooks {
    void *arg;
    /* every handshake message (and ChangeCipherSpec, alert) sent/received: -msg */
    void (*on_message)(void *arg, int sent, uint16_t version, uint8_t content_type,
                       const uint8_t *msg, size_t len);
    /* one narration line (the four steps, each secret's name and section): -v */
    void (*narrate)(void *arg, const char *line);
    /* every derived value (TLS 1.3 schedule and TLS 1.2 secrets): -trace-keys */
    tls13_trace_fn trace;
    /* one NSS key log line (no newline): SSLKEYLOGFILE / -keylogfile */
    void (*keylog)(void *arg, const char *line);
} tls_hooks;

/* Test-only behaviours of the client (tests/sh, never for real use). */
enum tls_test_mode {
    TLS_TEST_NONE = 0,
    TLS_TEST_PMS_VALID,        /* RSA: encrypt a valid premaster, derive keys from another */
    TLS_TEST_PMS_BAD_PADDING,  /* RSA: a ciphertext whose padding is wrong */
    TLS_TEST_PMS_BAD_VERSION,  /* RSA: a well-padded premaster with version 03 01 */
    TLS_TEST_BAD_DH_PUBLIC,    /* DHE/1.3: send Y = p-1 */
    TLS_TEST_TAMPER_RECORD     /* flip a bit of the first application record sent */
};

typedef struct tls_config {
    uint16_t min_version, max_version;    /* TLS_VERSION_12 .. TLS_VERSION_13 */
    uint16_t suites12[2];                 /* TLS 1.2 suites in preference order */
    size_t n_suites12;
    int allow13_suite;                    /* TLS_AES_128_GCM_SHA256 enabled */
    uint16_t groups[2];                   /* ffdhe groups in preference order */
    size_t n_groups;
    /* our certificate: the server's; a client's, sent when asked (NULL key: none) */
    tls_cert_chain chain;
    const rsa_key *key;
    int key_pss;                          /* the leaf's key is id-RSASSA-PSS (tls_cert_key_kind):
                                             rsa_pss_pss_sha256 only, no RSA key transport */
    /* server: client certificates (openssl s_server -verify / -Verify) */
    int verify_client;                    /* TLS_VERIFY_CLIENT_* */
    tls_cert_chain ca_names;              /* DER subject names for certificate_authorities */
    /* client */
    const char *server_name;              /* SNI (NULL: none) */
    const char *verify_host;              /* host name to check (NULL: server_name) */
    tls_verify_fn verify;                 /* the peer's chain; NULL: not checked (see -insecure) */
    void *verify_arg;
    int insecure;                         /* verification failures reported, not fatal */
    /* both */
    int handshake_timeout_ms;             /* whole handshake (default 30 s) */
    int io_timeout_ms;                    /* each read/write wait afterwards (default 300 s) */
    tls_hooks hooks;
    enum tls_test_mode test;
} tls_config;

#define TLS_VERIFY_CLIENT_NONE    0       /* no CertificateRequest */
#define TLS_VERIFY_CLIENT_REQUEST 1       /* ask; a chain sent must verify (-verify N) */
#define TLS_VERIFY_CLIENT_REQUIRE 2       /* and refuse a client without one (-Verify N) */

/* Defaults: both versions, every suite and both groups. */
void tls_config_init(tls_config *cfg);

typedef struct tls_conn tls_conn;

tls_conn *tls_conn_new(int fd, int is_server, const tls_config *cfg);
void tls_conn_free(tls_conn *c);

cl_status tls_handshake(tls_conn *c);
/* Sends len bytes of application data (any length; 0 sends nothing). */
cl_status tls_write(tls_conn *c, const uint8_t *data, size_t len);
/* Reads up to cap bytes; CL_ERR_CLOSED after the peer's close_notify,
 * CL_ERR_TRUNCATED if the stream ended without it.  Post-handshake
 * messages (KeyUpdate, NewSessionTicket) are handled on the way. */
cl_status tls_read(tls_conn *c, uint8_t *buf, size_t cap, size_t *got);
/* 1 if decrypted application bytes are waiting (no read(2) needed). */
int tls_pending(const tls_conn *c);
/* Sends close_notify (once). */
cl_status tls_close(tls_conn *c);
/* TLS 1.3 KeyUpdate (§4.6.3); request_peer asks the peer to update too. */
cl_status tls_key_update(tls_conn *c, int request_peer);

/* What was negotiated. */
uint16_t tls_conn_version(const tls_conn *c);
uint16_t tls_conn_suite(const tls_conn *c);
uint16_t tls_conn_group(const tls_conn *c);            /* 0: none (RSA key transport) */
int tls_conn_ems(const tls_conn *c);                   /* 1.2 extended master secret used */
int tls_conn_hrr(const tls_conn *c);                   /* a HelloRetryRequest happened */
const char *tls_conn_sni(const tls_conn *c);           /* server: the name the client asked for */
const tls_cert_chain *tls_conn_peer_chain(const tls_conn *c);
/* CL_OK if the peer's chain verified, else the failure (with -insecure);
 * CL_ERR_STATE if there was no chain to check (a server without client
 * certificates). */
cl_status tls_conn_verify_result(const tls_conn *c, const char **why);
/* One line about the last failure ("" if none). */
const char *tls_conn_error(const tls_conn *c);
/* Client: 1 if our certificate was asked for, 2 if we sent it too. */
int tls_conn_client_cert(const tls_conn *c);
int tls_conn_alert_sent(const tls_conn *c);            /* -1: none */
int tls_conn_alert_received(const tls_conn *c);

/* Names for printing. */
const char *tls_version_name(uint16_t v);              /* "TLSv1.3" */
const char *tls_suite_name(uint16_t s);                /* IANA name */
const char *tls_suite_openssl_name(uint16_t s);        /* "TLS_AES_128_GCM_SHA256", "AES128-GCM-SHA256" */
const char *tls_group_name(uint16_t g);                /* "ffdhe2048" */

#endif
