/*
 * net/tls/tls_internal.h -- the connection object shared by the files of
 * net/tls/ (not installed).
 *
 * The handshake is a state machine whose states are named after the message
 * each one expects (rustls style): a state is a row { name, expected
 * message, handler }; the driver (conn.c) reads the next message and, if it
 * is not the one the state expects, fails with unexpected_message before any
 * handler runs -- an unexpected message is an error by construction.  Each
 * handler processes its message, sends what follows, and names the next
 * state.  The tables are in server12.c, server13.c, client12.c, client13.c.
 */
#ifndef CRYPTOLAB_NET_TLS_TLS_INTERNAL_H
#define CRYPTOLAB_NET_TLS_TLS_INTERNAL_H

#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include "net/tls/tls.h"
#include "net/tls/record.h"
#include "net/tls/messages.h"
#include "net/tls/alert.h"
#include "net/tls/key_schedule.h"
#include "net/tls/prf.h"
#include "rsa/ffdhe.h"
#include "sha256/sha256.h"
#include "common/internal.h"

#define TLS_MAX_HANDSHAKE_MSG (1u << 17)    /* 128 KiB: chains of a few certificates */

typedef struct tls_msg {
    int type;                 /* HandshakeType or TLS_MSG_CHANGE_CIPHER_SPEC */
    const uint8_t *body;      /* without the 4-byte header */
    size_t len;
    const uint8_t *raw;       /* with the header (what the transcript hashes) */
    size_t raw_len;
} tls_msg;

typedef cl_status (*tls_handler)(tls_conn *c, const tls_msg *m);

struct tls_state {
    const char *name;         /* "ExpectServerHello" */
    int expect;               /* the message this state accepts */
    tls_handler handle;
    int expect_alt;           /* an optional message that may come first (0: none), */
    tls_handler handle_alt;   /* e.g. CertificateRequest before Certificate */
};

struct tls_conn {
    tls_record_layer rl;
    const tls_config *cfg;
    int is_server;
    const struct tls_state *state;
    int handshake_done;
    uint16_t version, suite;
    const ffdhe_group *group;
    uint8_t client_random[32], server_random[32];
    uint8_t session_id[32];
    size_t session_id_len;
    /* transcript: running hash and the digest before the current message */
    sha256_ctx transcript;
    uint8_t hash_before[32];
    /* handshake message reassembly */
    uint8_t *hs;
    size_t hs_len, hs_used;
    /* outgoing flight */
    uint8_t *flight;
    size_t flight_len;
    /* key exchange */
    ffdhe_key dh;
    tls13_schedule ks;
    uint8_t master12[TLS12_MASTER_LEN];
    uint8_t pms12[FFDHE_MAX_BYTES];        /* client, DHE: Z between ServerKeyExchange and ServerHelloDone */
    size_t pms12_len;
    int ems;
    int hrr;                  /* a HelloRetryRequest was sent / received */
    int ccs_seen;             /* 1.3 middlebox CCS already received */
    int sent_ccs;
    /* offered (client) / received (server) */
    uint16_t ch_legacy_version;
    uint16_t peer_sigalgs[TLS_MAX_LIST];
    size_t n_peer_sigalgs;
    char sni[256];
    int ack_sni;
    uint16_t offered_group;   /* client: the group of our key_share */
    uint16_t sig_scheme;      /* the scheme of our handshake signature */
    /* peer certificate chain (copied) */
    uint8_t *peer_der;
    size_t peer_der_len;
    tls_cert_chain peer_chain;
    rsa_key peer_key;
    int have_peer_key;
    int peer_pss;             /* the peer's leaf key is id-RSASSA-PSS (RFC 4055 §1.2) */
    cl_status verify_status;
    char verify_why[256];
    /* how far hs[], the scratch area after it and flight[] were written
     * (tls_conn_free wipes that much); scratch_taken: tls_scratch() was
     * called, so a failed connection may have left a message half-written
     * there */
    size_t hs_hwm, scratch_hwm, flight_hwm;
    int scratch_taken;
    /* application data left from the last record */
    const uint8_t *app;
    size_t app_len;
    int peer_closed, closed;
    /* set once, by whichever side fails first: the reading thread (an
     * alert, a bad record) or a writing one (tls_write from another
     * thread, as s_client's stdin copier): atomic, they race for it */
    _Atomic int failed;
    int alert_sent, alert_received;
    char err[256];
    int tampered;
    /* client: the server asked for a certificate (CertificateRequest) */
    int cert_requested;
    uint8_t cert_request_context[255];
    size_t cert_request_context_len;
    uint16_t cr_sigalgs[TLS_MAX_LIST];   /* the schemes it accepts */
    size_t n_cr_sigalgs;
    int sent_cert;            /* client: we sent our certificate (and CertificateVerify) */
    /* server: we sent a CertificateRequest; the client sent a certificate */
    int requested_cert, got_client_cert;
    /* one reader thread and one writer thread may use a connection: every
     * record written after the handshake is written under this (recursive) lock */
    pthread_mutex_t wlock;
};

CL_INTERNAL_BEGIN

/* --- conn.c: the driver and its services --- */
cl_status tls_run_handshake(tls_conn *c);
/* Records a failure, sends the alert (if >= 0), returns st. */
cl_status tls_fail(tls_conn *c, cl_status st, int alert, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Sends a handshake message (whole, header included): transcript + flight. */
cl_status tls_queue(tls_conn *c, const uint8_t *msg, size_t len);
/* Builds a message with w (a buffer of cap bytes is provided), queues it. */
cl_status tls_queue_wr(tls_conn *c, tls_wr *w);
/* Writes the queued flight as handshake records. */
cl_status tls_flush(tls_conn *c);
cl_status tls_send_ccs(tls_conn *c);
void tls_transcript_add(tls_conn *c, const uint8_t *p, size_t n);
void tls_transcript_hash(const tls_conn *c, uint8_t out[32]);
/* RFC 8446 §4.4.1: replace Transcript(ClientHello1) by message_hash. */
void tls_transcript_restart_hrr(tls_conn *c, const uint8_t hash_ch1[32]);
/* 1 if a handshake message is half-received (key changes must not split one). */
int tls_hs_pending(const tls_conn *c);
void tls_narrate(tls_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tls_keylog(tls_conn *c, const char *label, const uint8_t *secret, size_t len);
void tls_trace(tls_conn *c, const char *name, const char *section, const uint8_t *v, size_t len);
/* A scratch message buffer (one at a time). */
uint8_t *tls_scratch(tls_conn *c, size_t *cap);

/* --- entry states --- */
extern const struct tls_state tls_server_expect_client_hello;   /* server_hello.c */
cl_status tls_client_start(tls_conn *c);                         /* client_hello.c */
/* our ClientHello (again after a HelloRetryRequest, with its cookie) */
cl_status tls_client_send_hello(tls_conn *c, const uint8_t *cookie, size_t cookie_len);
/* after version negotiation */
cl_status tls13_server_on_client_hello(tls_conn *c, const tls_client_hello *ch);
cl_status tls12_server_on_client_hello(tls_conn *c, const tls_client_hello *ch);
cl_status tls13_client_on_server_hello(tls_conn *c, const tls_msg *m, const tls_server_hello *sh);
cl_status tls12_client_on_server_hello(tls_conn *c, const tls_msg *m, const tls_server_hello *sh);
/* post-handshake handshake messages of 1.3 (KeyUpdate, NewSessionTicket) */
cl_status tls13_post_handshake(tls_conn *c, const tls_msg *m);

/* --- sign.c --- */
/* The schemes we offer (ClientHello, CertificateRequest): the first
 * tls_n_sigalgs13 for TLS 1.3, all tls_n_sigalgs12 for TLS 1.2. */
extern const uint16_t tls_sigalgs_offered[3];
extern const size_t tls_n_sigalgs12, tls_n_sigalgs13;
const char *tls_scheme_name(uint16_t scheme);
/* The scheme we sign with, given our key (cfg->key_pss) and the peer's
 * list (peer_sent_list 0: a 1.2 ClientHello without signature_algorithms);
 * 0 if none fits. */
uint16_t tls_choose_scheme(const tls_conn *c, const uint16_t *peer, size_t n, int peer_sent_list);
/* A scheme the peer signed with: one we offered, and one that fits its
 * certificate's key (c->peer_pss); illegal_parameter otherwise. */
cl_status tls_check_peer_scheme(tls_conn *c, uint16_t scheme, const char *what);
cl_status tls13_sign_certificate_verify(tls_conn *c, const uint8_t hash[32], int server,
                                        uint8_t *sig, size_t cap, size_t *sig_len);
cl_status tls13_verify_certificate_verify(tls_conn *c, const uint8_t hash[32], int server,
                                          uint16_t scheme, const uint8_t *sig, size_t sig_len);
/* 1.2 digitally-signed over client_random + server_random + params */
cl_status tls12_sign_params(tls_conn *c, uint16_t scheme, const uint8_t *params, size_t len,
                            uint8_t *sig, size_t cap, size_t *sig_len);
cl_status tls12_verify_params(tls_conn *c, uint16_t scheme, const uint8_t *params, size_t len,
                              const uint8_t *sig, size_t sig_len);
/* 1.2 CertificateVerify (RFC 5246 §7.4.8) over Hash(handshake_messages) */
cl_status tls12_sign_handshake(tls_conn *c, uint16_t scheme, const uint8_t hash[32],
                               uint8_t *sig, size_t cap, size_t *sig_len);
cl_status tls12_verify_handshake(tls_conn *c, uint16_t scheme, const uint8_t hash[32],
                                 const uint8_t *sig, size_t sig_len);

/* --- cert.c --- */
/* Copies the peer's chain (the server's, or a client's answer to our
 * CertificateRequest), extracts the leaf's RSA key and whether it is
 * RSA-PSS only, runs cfg->verify (host: the server's name; NULL for a
 * client's certificate). */
cl_status tls_take_peer_chain(tls_conn *c, const tls_chain_view *v);

/* --- keys.c: installing traffic keys --- */
cl_status tls13_set_read_keys(tls_conn *c, const uint8_t secret[32], const char *name);
cl_status tls13_set_write_keys(tls_conn *c, const uint8_t secret[32], const char *name);
cl_status tls12_install_keys(tls_conn *c, int read, int write);
/* The inputs of the §7.1 schedule, for the trace: the (EC)DHE shared
 * secret (§7.4.1; z NULL: none) and a Transcript-Hash (§4.4.1). */
void tls13_trace_inputs(tls_conn *c, const uint8_t *z, size_t z_len, const char *hash_name, const uint8_t h[32]);
/* RFC 5246 §8.1 / RFC 7627 §4: c->master12 from the premaster (traced, key-logged) */
cl_status tls12_derive_master(tls_conn *c, const uint8_t *pms, size_t pms_len);
/* RFC 5246 §7.4.9: verify_data of one side's Finished (traced) */
cl_status tls12_finished_data(tls_conn *c, int from_client, const uint8_t hash[32], uint8_t verify[12]);
/* RFC 8446 §7.4.1 / RFC 5246 §8.1.2: our DH key pair and the peer's value */
cl_status tls_dh_shared(tls_conn *c, const uint8_t *y, size_t y_len, enum ffdhe_z_format fmt,
                        uint8_t *z, size_t *z_len, int bad_alert);

CL_INTERNAL_END

#endif
