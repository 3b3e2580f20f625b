/*
 * net/net.h -- the secure channel of docs/protocol.md: one connection,
 * its handshake (client and server side) and its protected records.
 *
 * Usage, client (the four steps of the founding document):
 *
 *     net_conn *c = net_conn_new(fd, 0, &opts);      // [1] connected TCP socket
 *     net_client_handshake(c, check_key, &ctx);      // [1] hellos, [2] key check,
 *                                                    //     OAEP secret, HKDF, Finished
 *     net_send(c, msg, len);                         // [3] one protected record
 *     net_recv(c, buf, sizeof buf, &len);            // [4] verified, then decrypted
 *     net_close(c); net_conn_free(c);                // close_notify both ways
 *
 * Server: net_server_handshake(c, &key, spki, spki_len) instead.
 *
 * A man-in-the-middle proxy (bin/cryptolab-mitm) uses the same API twice:
 * net_server_handshake() towards the victim client with its own key, and
 * net_client_handshake() towards the real server with a check_key callback
 * that accepts anything; then it relays with net_recv()/net_send() (it sees
 * the plaintext), or forwards raw frames (net_conn_tap shows them).  The
 * client's pin check is exactly what defeats it.
 *
 * A net_conn is heap-allocated (about 130 KiB: frame and input buffers) and owned
 * by its caller; it owns no file descriptor (the caller closes fd).  It is
 * used by one thread at a time: a server that relays between connections
 * (the chat, net/chat.c) queues messages for the connection's own thread
 * instead of sending on another thread's connection.
 *
 * Errors: every function returns a cl_status; after a failure the alert
 * that was sent or received is in net_conn_alert_sent()/_received().
 *   CL_ERR_CLOSED         peer sent close_notify (orderly)
 *   CL_ERR_TRUNCATED      TCP ended without close_notify
 *   CL_ERR_ALERT          peer sent a fatal alert (see _received)
 *   CL_ERR_BAD_RECORD_MAC a record failed its check (alert sent)
 *   CL_ERR_PROTOCOL       peer violated the protocol (alert sent)
 *   CL_ERR_TIMEOUT        peer too slow (alert timeout sent)
 *   CL_ERR_PIN_MISMATCH / CL_ERR_UNKNOWN_HOST  from check_key (alert sent)
 */
#ifndef CRYPTOLAB_NET_NET_H
#define CRYPTOLAB_NET_NET_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/rsa.h"
#include "net/wire.h"

typedef struct net_conn net_conn;

/* Randomness source: fills buf with len bytes.  The client asks, in this
 * order, for client_random (32), secret (32), the OAEP seed (32); the
 * server for server_random (32).  Default: cl_random_bytes.  Fixed
 * bytes here reproduce the known-answer transcript of docs/protocol.md §12. */
typedef cl_status (*net_random_fn)(void *arg, uint8_t *buf, size_t len);

/* Observer of every complete frame sent (sent=1) or received (sent=0),
 * exactly as on the wire. */
typedef void (*net_tap_fn)(void *arg, int sent, const uint8_t *frame, size_t len);

/* Narration for -v: one line (no newline) per protocol step. */
typedef void (*net_log_fn)(void *arg, const char *line);

/* Client's decision about the server's key (step 2, before any secret is
 * sent): return CL_OK to continue, CL_ERR_PIN_MISMATCH or
 * CL_ERR_UNKNOWN_HOST to abort (alert unknown_server_key is sent).
 * fingerprint is "SHA256:..." (docs/protocol.md §10). */
typedef cl_status (*net_check_key_fn)(void *arg, const uint8_t *spki, size_t spki_len,
                                      const char *fingerprint);

struct net_options {
    int timeout_ms;               /* per frame and for the whole handshake; 0 = 30000 */
    net_random_fn random;         /* NULL = cl_random_bytes */
    void *random_arg;
    net_log_fn log;               /* NULL = silent */
    void *log_arg;
    const uint8_t *suites;        /* client: suites to offer, in order; server: accepted, in its
                                     order of preference (§3.5).  NULL = {2, 1}: GCM first */
    size_t n_suites;
    uint16_t version;             /* highest protocol version spoken (§3.6); 0 = NET_VERSION (2).
                                     1 reproduces the §12.1/§12.2 transcripts */
};

/* fd: a connected stream socket (or one end of a socketpair).
 * is_server selects the role.  opts may be NULL.  NULL if out of memory. */
net_conn *net_conn_new(int fd, int is_server, const struct net_options *opts);
/* Wipes every key and frees. */
void net_conn_free(net_conn *c);

void net_conn_tap(net_conn *c, net_tap_fn fn, void *arg);
/* Changes the connection's timeout (ms > 0): e.g. a server runs the
 * handshake under its shorter handshake deadline, then serves requests
 * under its idle timeout. */
void net_conn_set_timeout(net_conn *c, int timeout_ms);

/* The handshake (docs/protocol.md §3, §4, §7). */
cl_status net_client_handshake(net_conn *c, net_check_key_fn check_key, void *arg);
/* key: the server's private key; spki: its SubjectPublicKeyInfo DER. */
cl_status net_server_handshake(net_conn *c, const rsa_key *key,
                               const uint8_t *spki, size_t spki_len);

/* Sends one application message (1 .. NET_MAX_PLAINTEXT bytes) as one record. */
cl_status net_send(net_conn *c, const uint8_t *data, size_t len);
/* Receives one application message into buf (cap >= NET_MAX_PLAINTEXT is
 * always enough).  On a close_notify from the peer: answers with
 * close_notify and returns CL_ERR_CLOSED.  timeout_ms < 0: the connection's
 * timeout; 0: wait forever (chat). */
cl_status net_recv(net_conn *c, uint8_t *buf, size_t cap, size_t *len);
cl_status net_recv_timeout(net_conn *c, uint8_t *buf, size_t cap, size_t *len, int timeout_ms);

/* Orderly close: sends close_notify (once) and waits (bounded by the
 * timeout) for the peer's close_notify, discarding application data. */
cl_status net_close(net_conn *c);
/* Fatal end: sends alert code (protected if our Finished was sent), once. */
void net_abort(net_conn *c, uint8_t alert);
/* The same, recording "WHY: sent alert NAME" for net_conn_error(); returns
 * CL_ERR_TIMEOUT for alert timeout, CL_ERR_PROTOCOL otherwise. */
cl_status net_fail_alert(net_conn *c, uint8_t alert, const char *why);

/* Sends an alert (used by proxies and tests); code NET_ALERT_CLOSE_NOTIFY
 * is a close. */
cl_status net_send_alert(net_conn *c, uint8_t code);

/* Information about an established (or failed) connection. */
uint8_t net_conn_alert_sent(const net_conn *c);       /* NET_ALERT_NONE if none */
uint8_t net_conn_alert_received(const net_conn *c);   /* NET_ALERT_NONE if none */
uint8_t net_conn_suite(const net_conn *c);
uint16_t net_conn_version(const net_conn *c);          /* negotiated (§3.6) */
/* SHA-256 of the whole handshake (the five frames, headers included): what
 * a client signs to authenticate (§13).  CL_ERR_STATE before the handshake
 * is complete. */
cl_status net_conn_session_hash(const net_conn *c, uint8_t out[32]);
int net_conn_fd(const net_conn *c);
/* Server's key as received/sent: SubjectPublicKeyInfo DER and fingerprint. */
const uint8_t *net_conn_spki(const net_conn *c, size_t *len);
const char *net_conn_fingerprint(const net_conn *c);
/* Records sent / received so far (the sequence numbers). */
uint64_t net_conn_seq_sent(const net_conn *c);
uint64_t net_conn_seq_received(const net_conn *c);

/* 1 if received bytes are waiting in the connection's buffer (a caller
 * that poll()s the socket must first consume these with net_recv()). */
int net_conn_buffered(const net_conn *c);
/* 1 if something from the peer is waiting to be read (buffered here or on
 * the socket), without waiting: a side that streams without reading (an
 * upload) checks it between records to notice the peer's close_notify or
 * alert (§6.1).  0 on a dead connection. */
int net_conn_readable(const net_conn *c);

/* One line of text describing the last failure, e.g.
 * "sent alert bad_record_mac (record integrity check failed)". */
const char *net_conn_error(const net_conn *c);

#endif
