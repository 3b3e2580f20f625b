/*
 * net/conn_internal.h -- the connection structure, shared by net/conn.c
 * (frames, records, alerts) and net/handshake.c.  Not installed.
 */
#ifndef CRYPTOLAB_NET_CONN_INTERNAL_H
#define CRYPTOLAB_NET_CONN_INTERNAL_H

#include <stdarg.h>
#include "net/net.h"
#include "net/record.h"
#include "net/fingerprint.h"

#define NET_NARRATE_RECORDS 3   /* -v narrates the first records of each direction */

struct net_conn {
    int fd;
    int is_server;
    int timeout_ms;
    net_random_fn random;
    void *random_arg;
    net_log_fn log;
    void *log_arg;
    net_tap_fn tap;
    void *tap_arg;
    uint8_t suites[NET_MAX_SUITES];
    size_t n_suites;

    uint16_t max_version;     /* highest version we speak (§3.6) */
    uint16_t version;         /* negotiated (0 before the hellos) */
    uint8_t suite;            /* negotiated (0 before ServerHello) */
    uint8_t h_all[32];        /* SHA-256 of the whole handshake (established only) */
    int established;          /* both Finished verified */
    int tx_protected;         /* we sent our Finished: our frames are records */
    int rx_protected;         /* peer's Finished received */
    struct net_dir tx, rx;

    uint8_t alert_sent, alert_received;
    int close_sent, close_received, dead;

    uint8_t spki[NET_MAX_SPKI];
    size_t spki_len;
    char fp[NET_FP_LEN];
    char err[256];

    uint8_t rbuf[NET_MAX_FRAME];   /* one received frame */
    uint8_t ibuf[4 * NET_MAX_FRAME]; /* bytes read from the socket, not yet framed */
    size_t ipos, ilen;             /* unread bytes: ibuf[ipos .. ilen) */
    uint8_t wbuf[NET_MAX_FRAME];   /* one frame being sent */
};

void net_narrate(net_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void net_set_error(net_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sends a complete frame (tap, write). */
cl_status net_send_frame(net_conn *c, const uint8_t *frame, size_t len);
/* Reads one frame into c->rbuf, checked against §2 (alert sent on a bad
 * header).  A plaintext alert during the handshake returns CL_ERR_ALERT. */
cl_status net_read_frame(net_conn *c, int64_t deadline, uint8_t *type, size_t *body_len);
/* Sends a fatal alert (once), records it, and returns st. */
cl_status net_fail(net_conn *c, uint8_t alert, cl_status st);

#endif
