/* net/conn.c -- a connection: frames on the socket, protected records,
 * alerts and the orderly close (docs/protocol.md §2, §5, §6). */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/conn_internal.h"
#include "net/io.h"
#include "common/random.h"
#include "common/ct.h"
#include "common/bytes.h"

static cl_status os_random(void *arg, uint8_t *buf, size_t len)
{
    (void)arg;
    return cl_random_bytes(buf, len);
}

net_conn *net_conn_new(int fd, int is_server, const struct net_options *opts)
{
    net_conn *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->fd = fd;
    c->is_server = is_server;
    c->timeout_ms = (opts && opts->timeout_ms > 0) ? opts->timeout_ms : 30000;
    c->random = (opts && opts->random) ? opts->random : os_random;
    c->random_arg = opts ? opts->random_arg : NULL;
    c->log = opts ? opts->log : NULL;
    c->log_arg = opts ? opts->log_arg : NULL;
    if (opts && opts->suites && opts->n_suites > 0) {
        c->n_suites = opts->n_suites > NET_MAX_SUITES ? NET_MAX_SUITES : opts->n_suites;
        memcpy(c->suites, opts->suites, c->n_suites);
    } else {                          /* §3.5: both suites, GCM preferred */
        c->suites[0] = NET_SUITE_AES256_GCM;
        c->suites[1] = NET_SUITE_AES256_CTR_HMAC_SHA256;
        c->n_suites = 2;
    }
    c->max_version = (opts && opts->version) ? opts->version : NET_VERSION;
    if (c->max_version > NET_VERSION) c->max_version = NET_VERSION;
    c->alert_sent = c->alert_received = NET_ALERT_NONE;
    return c;
}

void net_conn_free(net_conn *c)
{
    if (!c) return;
    net_dir_clear(&c->tx);
    net_dir_clear(&c->rx);
    cl_wipe(c, sizeof *c);
    free(c);
}

void net_conn_tap(net_conn *c, net_tap_fn fn, void *arg)
{
    c->tap = fn;
    c->tap_arg = arg;
}

void net_conn_set_timeout(net_conn *c, int timeout_ms)
{
    if (c && timeout_ms > 0) c->timeout_ms = timeout_ms;
}

void net_narrate(net_conn *c, const char *fmt, ...)
{
    if (!c->log) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->log(c->log_arg, line);
}

void net_set_error(net_conn *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
}

cl_status net_send_frame(net_conn *c, const uint8_t *frame, size_t len)
{
    if (c->tap) c->tap(c->tap_arg, 1, frame, len);
    return net_write_full(c->fd, frame, len, c->timeout_ms);
}

cl_status net_send_alert(net_conn *c, uint8_t code)
{
    if (!c) return CL_ERR_NULL_POINTER;
    cl_status st = CL_OK;
    size_t len;
    if (c->close_sent && code == NET_ALERT_CLOSE_NOTIFY) return CL_OK;
    if (c->tx_protected) {
        st = net_record_seal(&c->tx, NET_T_ALERT, &code, 1, c->wbuf, sizeof c->wbuf, &len);
        if (st) return st;
    } else {
        net_frame_header(c->wbuf, NET_T_ALERT, 1);
        c->wbuf[NET_HDR_LEN] = code;
        len = NET_HDR_LEN + 1;
    }
    if (code == NET_ALERT_CLOSE_NOTIFY) c->close_sent = 1;
    else c->alert_sent = code;
    return net_send_frame(c, c->wbuf, len);
}

cl_status net_fail(net_conn *c, uint8_t alert, cl_status st)
{
    if (!c->dead && c->alert_sent == NET_ALERT_NONE && alert != NET_ALERT_NONE) {
        net_set_error(c, "sent alert %s: %s", net_alert_name(alert), cl_strerror(st));
        net_narrate(c, "sending alert %s (%u) and closing", net_alert_name(alert), alert);
        (void)net_send_alert(c, alert);
    }
    c->dead = 1;
    return st;
}

void net_abort(net_conn *c, uint8_t alert)
{
    if (c) (void)net_fail(c, alert, CL_ERR_PROTOCOL);
}

cl_status net_fail_alert(net_conn *c, uint8_t alert, const char *why)
{
    if (!c) return CL_ERR_NULL_POINTER;
    cl_status st = alert == NET_ALERT_TIMEOUT ? CL_ERR_TIMEOUT : CL_ERR_PROTOCOL;
    (void)net_fail(c, alert, st);
    net_set_error(c, "%s: sent alert %s", why ? why : "fatal error", net_alert_name(alert));
    return st;
}

/* What went wrong on the socket, as status + alert + message. */
static cl_status io_failure(net_conn *c, cl_status st, size_t got)
{
    if (st == CL_ERR_TIMEOUT) {
        net_set_error(c, "timed out waiting for the peer");
        cl_status r = net_fail(c, NET_ALERT_TIMEOUT, st);
        net_set_error(c, "timed out waiting for the peer (sent alert timeout)");
        return r;
    }
    c->dead = 1;
    if (st == CL_ERR_TRUNCATED)
        net_set_error(c, got ? "connection cut in the middle of a frame (truncated)"
                             : "connection ended without an orderly close (no close_notify)");
    else
        net_set_error(c, "socket error: %s", cl_strerror(st));
    return st;
}

/* Makes at least n bytes available in ibuf[ipos..], reading as much as the
 * socket has (up to the buffer's size) in one recv(): one system call for
 * several records instead of two per record. */
static cl_status fill(net_conn *c, size_t n, int64_t deadline, size_t *have)
{
    if (c->ilen - c->ipos >= n) return CL_OK;
    if (c->ipos > 0) {
        memmove(c->ibuf, c->ibuf + c->ipos, c->ilen - c->ipos);
        c->ilen -= c->ipos;
        c->ipos = 0;
    }
    while (c->ilen < n) {
        size_t got = 0;
        /* ask for at least one byte, take whatever else is already there */
        cl_status st = net_read_some(c->fd, c->ibuf + c->ilen, sizeof c->ibuf - c->ilen, deadline, &got);
        c->ilen += got;
        if (st) { *have = c->ilen; return st; }
    }
    return CL_OK;
}

cl_status net_read_frame(net_conn *c, int64_t deadline, uint8_t *type, size_t *body_len)
{
    size_t got = 0;
    if (c->dead) return CL_ERR_STATE;
    cl_status st = fill(c, NET_HDR_LEN, deadline, &got);
    if (st) return io_failure(c, st, got);
    const uint8_t *h = c->ibuf + c->ipos;
    uint8_t t = h[0], alert = NET_ALERT_NONE;
    uint32_t len = load32_be(h + 1);
    st = net_frame_check(t, len, c->rx_protected, c->suite, &alert);
    if (st) {
        cl_status r = net_fail(c, alert, st);
        net_set_error(c, "bad frame header (type 0x%02x, length %u): sent alert %s",
                      t, (unsigned)len, net_alert_name(alert));
        return r;
    }
    st = fill(c, NET_HDR_LEN + len, deadline, &got);
    if (st) return io_failure(c, st, got);
    memcpy(c->rbuf, c->ibuf + c->ipos, NET_HDR_LEN + len);
    c->ipos += NET_HDR_LEN + len;
    if (c->tap) c->tap(c->tap_arg, 0, c->rbuf, NET_HDR_LEN + len);
    if (t == NET_T_ALERT && !c->rx_protected) {
        c->alert_received = c->rbuf[NET_HDR_LEN];
        c->dead = 1;
        net_set_error(c, "the peer sent alert %s (%u)", net_alert_name(c->alert_received),
                      c->alert_received);
        return CL_ERR_ALERT;
    }
    *type = t;
    *body_len = len;
    return CL_OK;
}

int net_conn_buffered(const net_conn *c)
{
    return c->ilen > c->ipos;
}

int net_conn_readable(const net_conn *c)
{
    if (!c || c->dead) return 0;
    if (c->ilen > c->ipos) return 1;
    struct pollfd p = { .fd = c->fd, .events = POLLIN, .revents = 0 };
    return poll(&p, 1, 0) > 0;
}

/* A send failed because the peer has closed its end (EPIPE, ECONNRESET):
 * what it sent before closing is still in our receive queue, in order
 * before its end of stream.  A protected close_notify or alert there is
 * the real reason (§6.1: e.g. a server that stops during an upload),
 * better said than "sending failed".  Only frames already received are
 * read (a short bound: they are there, or nothing is); application data
 * before them is discarded (the session is over).  Returns CL_ERR_CLOSED
 * or CL_ERR_ALERT with the error text set, or st unchanged. */
static cl_status peer_last_words(net_conn *c, cl_status st)
{
    int64_t deadline = net_now_ms() + 1000;
    for (int frames = 0; frames < 64 && net_conn_readable(c); frames++) {
        uint8_t type;
        size_t blen;
        if (net_read_frame(c, deadline, &type, &blen) != CL_OK) break;
        if (type != NET_T_APPDATA && type != NET_T_ALERT) break;
        uint8_t *pt;
        size_t pt_len;
        if (net_record_open(&c->rx, c->rbuf, NET_HDR_LEN + blen, &pt, &pt_len) != CL_OK) break;
        if (type != NET_T_ALERT) continue;
        c->alert_received = pt[0];
        c->dead = 1;
        if (pt[0] == NET_ALERT_CLOSE_NOTIFY) {
            c->close_received = 1;
            net_narrate(c, "[4] close_notify received while sending (the peer ended the session)");
            net_set_error(c, "the peer ended the session (close_notify) while we were sending");
            return CL_ERR_CLOSED;
        }
        net_set_error(c, "the peer sent alert %s (%u) while we were sending", net_alert_name(pt[0]), pt[0]);
        return CL_ERR_ALERT;
    }
    c->dead = 1;
    net_set_error(c, "sending failed: %s", cl_strerror(st));
    return st;
}

/* -v narration of the record protection of each suite (§5.1, §5.2). */
static const char *suite_seal_words(uint8_t suite)
{
    return suite == NET_SUITE_AES256_GCM ? "AES-256-GCM (16-byte tag)" : "AES-256-CTR, HMAC-SHA256";
}

static const char *suite_open_words(uint8_t suite)
{
    return suite == NET_SUITE_AES256_GCM ? "GCM tag verified" : "MAC verified";
}

cl_status net_send(net_conn *c, const uint8_t *data, size_t len)
{
    if (!c || (!data && len)) return CL_ERR_NULL_POINTER;
    if (len < 1 || len > NET_MAX_PLAINTEXT) return CL_ERR_INPUT_LENGTH;
    if (!c->established || c->dead || c->close_sent) return CL_ERR_STATE;
    uint64_t n = c->tx.seq;
    size_t flen;
    cl_status st = net_record_seal(&c->tx, NET_T_APPDATA, data, len, c->wbuf, sizeof c->wbuf, &flen);
    if (!st) {
        if (n < NET_NARRATE_RECORDS)
            net_narrate(c, "[3] record #%llu: %zu bytes -> %s -> %zu-byte frame",
                        (unsigned long long)n, len, suite_seal_words(c->suite), flen);
        else if (n == NET_NARRATE_RECORDS)
            net_narrate(c, "[3] ... (further records are not narrated)");
        st = net_send_frame(c, c->wbuf, flen);
        if (st == CL_ERR_TRUNCATED) return peer_last_words(c, st);
        if (st) { c->dead = 1; net_set_error(c, "sending failed: %s", cl_strerror(st)); }
        return st;
    }
    if (st == CL_ERR_COUNTER_WRAP) {    /* §5: close rather than wrap */
        (void)net_send_alert(c, NET_ALERT_CLOSE_NOTIFY);
        c->dead = 1;
        return st;
    }
    return net_fail(c, NET_ALERT_INTERNAL_ERROR, st);
}

cl_status net_recv_timeout(net_conn *c, uint8_t *buf, size_t cap, size_t *len, int timeout_ms)
{
    if (!c || !buf || !len) return CL_ERR_NULL_POINTER;
    if (!c->established || c->dead) return CL_ERR_STATE;
    if (c->close_received) return CL_ERR_CLOSED;
    if (timeout_ms < 0) timeout_ms = c->timeout_ms;
    int64_t deadline = timeout_ms ? net_now_ms() + timeout_ms : 0;
    uint8_t type;
    size_t blen;
    cl_status st = net_read_frame(c, deadline, &type, &blen);
    if (st) return st;
    if (type != NET_T_APPDATA && type != NET_T_ALERT) {
        cl_status r = net_fail(c, NET_ALERT_UNEXPECTED_MESSAGE, CL_ERR_PROTOCOL);
        net_set_error(c, "unexpected %s frame after the handshake: sent alert unexpected_message",
                      net_frame_name(type));
        return r;
    }
    uint64_t n = c->rx.seq;
    uint8_t *pt;
    size_t pt_len;
    st = net_record_open(&c->rx, c->rbuf, NET_HDR_LEN + blen, &pt, &pt_len);
    if (st == CL_ERR_BAD_RECORD_MAC) {
        cl_status r = net_fail(c, NET_ALERT_BAD_RECORD_MAC, st);
        net_set_error(c, "record #%llu failed its MAC check (%s; tampered, replayed, reordered or "
                      "dropped): sent alert bad_record_mac", (unsigned long long)n,
                      c->suite == NET_SUITE_AES256_GCM ? "AES-256-GCM tag" : "HMAC-SHA256");
        return r;
    }
    if (st) return net_fail(c, NET_ALERT_INTERNAL_ERROR, st);
    if (type == NET_T_ALERT) {
        c->alert_received = pt[0];
        if (pt[0] == NET_ALERT_CLOSE_NOTIFY) {
            c->close_received = 1;
            net_narrate(c, "[4] record #%llu: close_notify (orderly close)", (unsigned long long)n);
            if (!c->close_sent) (void)net_send_alert(c, NET_ALERT_CLOSE_NOTIFY);
            return CL_ERR_CLOSED;
        }
        c->dead = 1;
        net_set_error(c, "the peer sent alert %s (%u)", net_alert_name(pt[0]), pt[0]);
        return CL_ERR_ALERT;
    }
    if (n < NET_NARRATE_RECORDS)
        net_narrate(c, "[4] record #%llu: %zu-byte frame, %s, decrypted to %zu bytes",
                    (unsigned long long)n, NET_HDR_LEN + blen, suite_open_words(c->suite), pt_len);
    if (pt_len > cap) return net_fail(c, NET_ALERT_INTERNAL_ERROR, CL_ERR_OUTPUT_SPACE);
    memcpy(buf, pt, pt_len);
    *len = pt_len;
    return CL_OK;
}

cl_status net_recv(net_conn *c, uint8_t *buf, size_t cap, size_t *len)
{
    return net_recv_timeout(c, buf, cap, len, -1);
}

cl_status net_close(net_conn *c)
{
    if (!c) return CL_ERR_NULL_POINTER;
    if (!c->established || c->dead) return CL_ERR_STATE;
    cl_status st = CL_OK;
    if (!c->close_sent) st = net_send_alert(c, NET_ALERT_CLOSE_NOTIFY);
    if (st) { c->dead = 1; return st; }
    /* Wait for the peer's close_notify, discarding data (bounded). */
    int64_t deadline = net_now_ms() + c->timeout_ms;
    while (!c->close_received && !c->dead) {
        uint8_t type;
        size_t blen;
        st = net_read_frame(c, deadline, &type, &blen);
        if (st) return st;
        if (type != NET_T_APPDATA && type != NET_T_ALERT) return net_fail(c, NET_ALERT_UNEXPECTED_MESSAGE, CL_ERR_PROTOCOL);
        uint8_t *pt;
        size_t pt_len;
        st = net_record_open(&c->rx, c->rbuf, NET_HDR_LEN + blen, &pt, &pt_len);
        if (st) return net_fail(c, NET_ALERT_BAD_RECORD_MAC, st);
        if (type == NET_T_ALERT) {
            c->alert_received = pt[0];
            if (pt[0] != NET_ALERT_CLOSE_NOTIFY) { c->dead = 1; return CL_ERR_ALERT; }
            c->close_received = 1;
        }
    }
    return CL_OK;
}

uint8_t net_conn_alert_sent(const net_conn *c) { return c->alert_sent; }
uint8_t net_conn_alert_received(const net_conn *c) { return c->alert_received; }
uint8_t net_conn_suite(const net_conn *c) { return c->suite; }
uint16_t net_conn_version(const net_conn *c) { return c->version; }

cl_status net_conn_session_hash(const net_conn *c, uint8_t out[32])
{
    if (!c || !out) return CL_ERR_NULL_POINTER;
    if (!c->established) return CL_ERR_STATE;
    memcpy(out, c->h_all, 32);
    return CL_OK;
}
int net_conn_fd(const net_conn *c) { return c->fd; }
const uint8_t *net_conn_spki(const net_conn *c, size_t *len) { *len = c->spki_len; return c->spki; }
const char *net_conn_fingerprint(const net_conn *c) { return c->fp; }
uint64_t net_conn_seq_sent(const net_conn *c) { return c->tx.seq; }
uint64_t net_conn_seq_received(const net_conn *c) { return c->rx.seq; }
const char *net_conn_error(const net_conn *c) { return c->err[0] ? c->err : "no error"; }
