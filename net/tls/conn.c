/*
 * net/tls/conn.c -- the TLS connection: the handshake driver (one state =
 * one expected message, see tls_internal.h), handshake message reassembly
 * and the transcript, alerts (RFC 8446 §6, RFC 5246 §7.2), application data,
 * post-handshake messages, close_notify.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/tls/tls_internal.h"
#include "net/io.h"
#include "common/ct.h"
#include "common/hex.h"
#include "common/bytes.h"

#define SCRATCH_CAP (TLS_MAX_HANDSHAKE_MSG + 64)
#define FLIGHT_CAP  (1u << 17)

void tls_config_init(tls_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->min_version = TLS_VERSION_12;
    cfg->max_version = TLS_VERSION_13;
    cfg->suites12[0] = TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
    cfg->suites12[1] = TLS_RSA_WITH_AES_128_GCM_SHA256;
    cfg->n_suites12 = 2;
    cfg->allow13_suite = 1;
    cfg->groups[0] = FFDHE_GROUP_2048;
    cfg->groups[1] = FFDHE_GROUP_3072;
    cfg->n_groups = 2;
    cfg->handshake_timeout_ms = 30000;
    cfg->io_timeout_ms = 300000;
}

tls_conn *tls_conn_new(int fd, int is_server, const tls_config *cfg)
{
    tls_conn *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->hs = malloc(TLS_MAX_HANDSHAKE_MSG + 4 + SCRATCH_CAP);
    c->flight = malloc(FLIGHT_CAP);
    if (c->hs == NULL || c->flight == NULL) {
        free(c->hs);
        free(c->flight);
        free(c);
        return NULL;
    }
    tls_record_layer_init(&c->rl, fd);
    {
        pthread_mutexattr_t a;
        pthread_mutexattr_init(&a);
        pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
        pthread_mutex_init(&c->wlock, &a);
        pthread_mutexattr_destroy(&a);
    }
    c->cfg = cfg;
    c->is_server = is_server;
    c->alert_sent = c->alert_received = -1;
    c->verify_status = CL_ERR_STATE;
    rsa_key_init(&c->peer_key);
    sha256_init(&c->transcript);
    c->ks.trace = cfg->hooks.trace;
    c->ks.trace_arg = cfg->hooks.arg;
    return c;
}

void tls_conn_free(tls_conn *c)
{
    if (c == NULL)
        return;
    tls_record_layer_clear(&c->rl);
    ffdhe_key_clear(&c->dh);
    tls13_schedule_clear(&c->ks);
    cl_wipe(c->master12, sizeof c->master12);
    cl_wipe(c->pms12, sizeof c->pms12);
    rsa_key_clear(&c->peer_key);
    /* The buffers as far as they were written: hs[] and flight[] are
     * counted at every write; a message writer that failed may have left
     * its message in the scratch area before tls_queue_wr() counted it, so
     * a connection that failed (or never finished its handshake) after it
     * took the scratch area wipes all of it.
     * Wiping pages never written would only fault them in: 640 KB a
     * connection, a fifth of a TLS 1.2 RSA handshake's time (and most of a
     * refused ClientHello's). */
    if ((c->failed || !c->handshake_done) && c->scratch_taken)
        c->scratch_hwm = SCRATCH_CAP;
    cl_wipe(c->hs, c->hs_hwm);
    cl_wipe(c->hs + TLS_MAX_HANDSHAKE_MSG + 4, c->scratch_hwm);
    free(c->hs);
    cl_wipe(c->flight, c->flight_hwm);
    free(c->flight);
    free(c->peer_der);
    pthread_mutex_destroy(&c->wlock);
    /* the rest of the connection; the record buffers were wiped above */
    cl_wipe(c, offsetof(tls_conn, rl) + offsetof(tls_record_layer, in));
    cl_wipe((uint8_t *)&c->rl + sizeof c->rl, sizeof *c - offsetof(tls_conn, rl) - sizeof c->rl);
    free(c);
}

uint8_t *tls_scratch(tls_conn *c, size_t *cap)
{
    *cap = SCRATCH_CAP;
    c->scratch_taken = 1;
    return c->hs + TLS_MAX_HANDSHAKE_MSG + 4;
}

/* ---------------------------------------------------------------- hooks */

void tls_narrate(tls_conn *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (c->cfg->hooks.narrate == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->cfg->hooks.narrate(c->cfg->hooks.arg, line);
}

void tls_trace(tls_conn *c, const char *name, const char *section, const uint8_t *v, size_t len)
{
    if (c->cfg->hooks.trace != NULL)
        c->cfg->hooks.trace(c->cfg->hooks.arg, name, section, v, len);
}

/* NSS key log format: "LABEL <client_random hex> <secret hex>". */
void tls_keylog(tls_conn *c, const char *label, const uint8_t *secret, size_t len)
{
    char line[64 + 2 * 32 + 2 * 48 + 8];
    size_t n;
    if (c->cfg->hooks.keylog == NULL || len > 48)
        return;
    n = (size_t)snprintf(line, sizeof line, "%s ", label);
    cl_hex_encode(c->client_random, 32, line + n);
    n += 64;
    line[n++] = ' ';
    cl_hex_encode(secret, len, line + n);
    n += 2 * len;
    line[n] = 0;
    c->cfg->hooks.keylog(c->cfg->hooks.arg, line);
    cl_wipe(line, sizeof line);
}

static void tap(void *arg, int sent, uint8_t type, const uint8_t *frag, size_t len)
{
    tls_conn *c = arg;
    /* handshake messages are reported whole by the driver; here the rest */
    if (type != TLS_CT_HANDSHAKE && type != TLS_CT_APPLICATION_DATA)
        c->cfg->hooks.on_message(c->cfg->hooks.arg, sent, c->version, type, frag, len);
}

/* ---------------------------------------------------------------- alerts */

static void send_alert(tls_conn *c, int level, int desc)
{
    uint8_t a[2] = { (uint8_t)level, (uint8_t)desc };
    int64_t saved = c->rl.deadline_ms;
    int saved_to = c->rl.timeout_ms;
    pthread_mutex_lock(&c->wlock);
    c->rl.timeout_ms = 2000;
    (void)tls_flush(c);
    (void)tls_record_write(&c->rl, TLS_CT_ALERT, a, 2);
    c->rl.timeout_ms = saved_to;
    pthread_mutex_unlock(&c->wlock);
    c->rl.deadline_ms = saved;
    if (desc != TLS_ALERT_CLOSE_NOTIFY)
        c->alert_sent = desc;
}

cl_status tls_fail(tls_conn *c, cl_status st, int alert, const char *fmt, ...)
{
    va_list ap;
    char why[200];
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (atomic_exchange(&c->failed, 1) == 0) {
        if (alert >= 0) {
            send_alert(c, TLS_ALERT_FATAL, alert);
            snprintf(c->err, sizeof c->err, "%s (sent alert %s)", why, tls_alert_name(alert));
        } else {
            snprintf(c->err, sizeof c->err, "%s", why);
        }
    }
    return st == CL_OK ? CL_ERR_PROTOCOL : st;
}

/* A failure of the record layer: its alert, its reason. */
static cl_status record_failure(tls_conn *c, cl_status st)
{
    int alert = c->rl.alert;
    c->rl.alert = -1;
    switch (st) {
    case CL_ERR_TRUNCATED:
        return tls_fail(c, st, -1, c->handshake_done ? "connection ended without close_notify"
                                                       : "connection ended during the handshake");
    case CL_ERR_TIMEOUT:
        return tls_fail(c, st, -1, "peer too slow (timeout)");
    case CL_ERR_SOCKET:
        return tls_fail(c, st, -1, "socket error");
    case CL_ERR_BAD_RECORD_MAC:
        return tls_fail(c, st, TLS_ALERT_BAD_RECORD_MAC,
                        "record failed its integrity check (AES-GCM tag)");
    default:
        if (alert == TLS_ALERT_RECORD_OVERFLOW)
            return tls_fail(c, st, alert, "record longer than RFC %s allows",
                            c->rl.rd.v13 ? "8446 §5.2" : "5246 §6.2");
        return tls_fail(c, st, alert >= 0 ? alert : TLS_ALERT_DECODE_ERROR, "malformed record");
    }
}

/* An alert record received: CL_ERR_CLOSED (close_notify), CL_OK for a 1.2
 * warning to be ignored, CL_ERR_ALERT otherwise. */
static cl_status on_alert(tls_conn *c, const uint8_t *frag, size_t len)
{
    if (len != 2)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_DECODE_ERROR, "malformed alert");
    if (frag[1] == TLS_ALERT_CLOSE_NOTIFY) {
        c->peer_closed = 1;
        if (!c->handshake_done)
            return tls_fail(c, CL_ERR_CLOSED, -1, "peer closed the connection during the handshake");
        return CL_ERR_CLOSED;
    }
    if (frag[0] == TLS_ALERT_WARNING && c->version != TLS_VERSION_13 &&
        frag[1] != TLS_ALERT_USER_CANCELED)
        return CL_OK;                             /* 1.2 warnings (no_renegotiation ...) */
    c->alert_received = frag[1];
    if (atomic_exchange(&c->failed, 1) == 0)
        snprintf(c->err, sizeof c->err, "peer sent alert %s", tls_alert_name(frag[1]));
    return CL_ERR_ALERT;
}

/* ---------------------------------------------------------------- transcript */

void tls_transcript_add(tls_conn *c, const uint8_t *p, size_t n)
{
    sha256_update(&c->transcript, p, n);
}

void tls_transcript_hash(const tls_conn *c, uint8_t out[32])
{
    sha256_ctx copy = c->transcript;
    sha256_final(&copy, out);
}

void tls_transcript_restart_hrr(tls_conn *c, const uint8_t hash_ch1[32])
{
    /* §4.4.1: Transcript-Hash(ClientHello1, HelloRetryRequest, ...) =
     * Hash(message_hash || 00 00 Hash.length || Hash(ClientHello1) || HelloRetryRequest || ...) */
    uint8_t hdr[4] = { TLS_HS_MESSAGE_HASH, 0, 0, 32 };
    sha256_init(&c->transcript);
    sha256_update(&c->transcript, hdr, 4);
    sha256_update(&c->transcript, hash_ch1, 32);
}

/* ---------------------------------------------------------------- sending */

cl_status tls_queue(tls_conn *c, const uint8_t *msg, size_t len)
{
    if (len > FLIGHT_CAP - c->flight_len)
        return tls_fail(c, CL_ERR_OUTPUT_SPACE, TLS_ALERT_INTERNAL_ERROR, "flight too large");
    tls_transcript_add(c, msg, len);
    if (c->cfg->hooks.on_message != NULL)
        c->cfg->hooks.on_message(c->cfg->hooks.arg, 1, c->version, TLS_CT_HANDSHAKE, msg, len);
    memcpy(c->flight + c->flight_len, msg, len);
    c->flight_len += len;
    if (c->flight_len > c->flight_hwm)
        c->flight_hwm = c->flight_len;
    return CL_OK;
}

cl_status tls_queue_wr(tls_conn *c, tls_wr *w)
{
    /* a message written in the scratch area (tls_scratch): how far */
    uintptr_t off = (uintptr_t)w->buf - (uintptr_t)(c->hs + TLS_MAX_HANDSHAKE_MSG + 4);
    if (off < SCRATCH_CAP) {
        size_t end = w->bad ? SCRATCH_CAP : (size_t)off + w->len;
        if (end > c->scratch_hwm)
            c->scratch_hwm = end;
    }
    if (w->bad)
        return tls_fail(c, CL_ERR_OUTPUT_SPACE, TLS_ALERT_INTERNAL_ERROR, "message too large");
    return tls_queue(c, w->buf, w->len);
}

cl_status tls_flush(tls_conn *c)
{
    cl_status st;
    if (c->flight_len == 0)
        return CL_OK;
    st = tls_record_write(&c->rl, TLS_CT_HANDSHAKE, c->flight, c->flight_len);
    c->flight_len = 0;
    return st;
}

cl_status tls_send_ccs(tls_conn *c)
{
    static const uint8_t one = 1;
    cl_status st = tls_flush(c);
    if (st == CL_OK)
        st = tls_record_write(&c->rl, TLS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    c->sent_ccs = 1;
    return st;
}

/* ---------------------------------------------------------------- receiving */

int tls_hs_pending(const tls_conn *c)
{
    return c->hs_len > c->hs_used;
}

/* The next handshake message, or ChangeCipherSpec as a pseudo message.
 * Application data before the handshake is done is unexpected_message. */
static cl_status next_message(tls_conn *c, tls_msg *m)
{
    for (;;) {
        size_t avail = c->hs_len - c->hs_used;
        if (avail == 0)
            c->hs_len = c->hs_used = 0;
        if (avail >= 4) {
            const uint8_t *h = c->hs + c->hs_used;
            size_t n = ((size_t)h[1] << 16) | ((size_t)h[2] << 8) | h[3];
            if (n > TLS_MAX_HANDSHAKE_MSG)
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                                "%s of %zu bytes: more than we accept", tls_hs_name(h[0]), n);
            if (avail >= 4 + n) {
                m->type = h[0];
                m->raw = h;
                m->raw_len = 4 + n;
                m->body = h + 4;
                m->len = n;
                c->hs_used += 4 + n;
                if (c->cfg->hooks.on_message != NULL)
                    c->cfg->hooks.on_message(c->cfg->hooks.arg, 0, c->version, TLS_CT_HANDSHAKE,
                                             m->raw, m->raw_len);
                return CL_OK;
            }
        }
        uint8_t type, *frag;
        size_t len;
        cl_status st = tls_record_read(&c->rl, &type, &frag, &len);
        if (st != CL_OK)
            return record_failure(c, st);
        switch (type) {
        case TLS_CT_HANDSHAKE:
            if (len == 0)
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                                "empty handshake record");
            if (c->hs_used > 0 && c->hs_used == c->hs_len)
                c->hs_len = c->hs_used = 0;
            if (c->hs_used > 0) {
                memmove(c->hs, c->hs + c->hs_used, c->hs_len - c->hs_used);
                c->hs_len -= c->hs_used;
                c->hs_used = 0;
            }
            if (len > TLS_MAX_HANDSHAKE_MSG + 4 - c->hs_len)
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                                "handshake message too long");
            memcpy(c->hs + c->hs_len, frag, len);
            c->hs_len += len;
            if (c->hs_len > c->hs_hwm)
                c->hs_hwm = c->hs_len;
            break;
        case TLS_CT_CHANGE_CIPHER_SPEC:
            if (len != 1 || frag[0] != 1)
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_DECODE_ERROR, "malformed ChangeCipherSpec");
            if (tls_hs_pending(c))
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                                "ChangeCipherSpec in the middle of a handshake message");
            if (c->version == TLS_VERSION_13) {
                /* RFC 8446 §5: one unprotected CCS may arrive before the
                 * peer's Finished (middlebox compatibility); it is dropped. */
                if (c->ccs_seen || c->handshake_done || c->rl.rd.seq != 0)
                    return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                                    "ChangeCipherSpec where TLS 1.3 allows none");
                c->ccs_seen = 1;
                break;
            }
            m->type = TLS_MSG_CHANGE_CIPHER_SPEC;
            m->raw = m->body = frag;
            m->raw_len = m->len = len;
            return CL_OK;
        case TLS_CT_ALERT:
            st = on_alert(c, frag, len);
            if (st != CL_OK)
                return st;
            break;
        default:
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                            "application data before the handshake finished");
        }
    }
}

cl_status tls_run_handshake(tls_conn *c)
{
    while (!c->handshake_done) {
        tls_msg m;
        cl_status st = next_message(c, &m);
        if (st != CL_OK)
            return st;
        tls_handler handle = m.type == c->state->expect ? c->state->handle
                           : (c->state->expect_alt != 0 && m.type == c->state->expect_alt) ? c->state->handle_alt
                           : NULL;
        if (handle == NULL)
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                            "unexpected %s (state %s expects %s)", tls_hs_name(m.type),
                            c->state->name, tls_hs_name(c->state->expect));
        if (m.type != TLS_MSG_CHANGE_CIPHER_SPEC) {
            tls_transcript_hash(c, c->hash_before);
            tls_transcript_add(c, m.raw, m.raw_len);
        }
        st = handle(c, &m);
        if (st != CL_OK)
            return c->failed ? st : tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "%s", cl_strerror(st));
    }
    return CL_OK;
}

/* A handshake that failed writing (the peer had already closed: EPIPE,
 * ECONNRESET) or reading: the peer's fatal alert (RFC 8446 §6, RFC 5246
 * §7.2) may still be waiting in the socket, and says why better than
 * "write failed" -- e.g. a TLS 1.2 server refusing our empty Certificate
 * while we were still sending ClientKeyExchange and Finished.  A few
 * records, at most one second. */
static void read_pending_alert(tls_conn *c)
{
    uint8_t type, *frag;
    size_t len;
    int64_t saved = c->rl.deadline_ms;
    c->rl.deadline_ms = net_now_ms() + 1000;
    for (int i = 0; i < 8; i++) {
        if (tls_record_read(&c->rl, &type, &frag, &len) != CL_OK)
            break;
        if (type == TLS_CT_ALERT && len == 2 && frag[0] == TLS_ALERT_FATAL) {
            c->alert_received = frag[1];
            snprintf(c->err, sizeof c->err, "peer sent alert %s", tls_alert_name(frag[1]));
            break;
        }
    }
    c->rl.deadline_ms = saved;
}

cl_status tls_handshake(tls_conn *c)
{
    cl_status st;
    if (c == NULL)
        return CL_ERR_NULL_POINTER;
    if (c->handshake_done)
        return CL_OK;
    if (c->failed)
        return CL_ERR_STATE;
    c->rl.deadline_ms = net_now_ms() + (c->cfg->handshake_timeout_ms > 0 ? c->cfg->handshake_timeout_ms : 30000);
    c->rl.timeout_ms = c->cfg->handshake_timeout_ms > 0 ? c->cfg->handshake_timeout_ms : 30000;
    if (c->cfg->hooks.on_message != NULL) {
        c->rl.tap = tap;
        c->rl.tap_arg = c;
    }
    if (c->is_server) {
        c->state = &tls_server_expect_client_hello;
        st = CL_OK;
    } else {
        st = tls_client_start(c);
    }
    if (st == CL_OK)
        st = tls_run_handshake(c);
    if (st == CL_OK)
        st = tls_flush(c);
    if ((st == CL_ERR_TRUNCATED || st == CL_ERR_SOCKET) && c->alert_received < 0 && c->alert_sent < 0)
        read_pending_alert(c);
    c->rl.deadline_ms = 0;
    c->rl.timeout_ms = c->cfg->io_timeout_ms > 0 ? c->cfg->io_timeout_ms : 300000;
    if (st == CL_OK) {
        /* the handshake's secrets are no longer needed */
        ffdhe_key_clear(&c->dh);
        cl_wipe(c->ks.early_secret, sizeof c->ks.early_secret);
        cl_wipe(c->ks.handshake_secret, sizeof c->ks.handshake_secret);
        cl_wipe(c->ks.client_handshake_traffic_secret, 32);
        cl_wipe(c->ks.server_handshake_traffic_secret, 32);
    }
    return st;
}

/* ---------------------------------------------------------------- application data */

static cl_status write_locked(tls_conn *c, const uint8_t *data, size_t len);

cl_status tls_write(tls_conn *c, const uint8_t *data, size_t len)
{
    cl_status st;
    if (c == NULL || (data == NULL && len))
        return CL_ERR_NULL_POINTER;
    pthread_mutex_lock(&c->wlock);
    st = write_locked(c, data, len);
    pthread_mutex_unlock(&c->wlock);
    return st;
}

static cl_status write_locked(tls_conn *c, const uint8_t *data, size_t len)
{
    cl_status st;
    if (c == NULL || (data == NULL && len))
        return CL_ERR_NULL_POINTER;
    if (!c->handshake_done || c->failed || c->closed)
        return CL_ERR_STATE;
    if (len == 0)
        return CL_OK;
    if (c->cfg->test == TLS_TEST_TAMPER_RECORD && !c->tampered) {
        /* tests only: one record whose ciphertext is flipped on the wire */
        size_t n = len > 64 ? 64 : len, w;
        c->tampered = 1;
        st = tls_record_seal(&c->rl.wr, TLS_CT_APPLICATION_DATA, c->rl.write_version, data, n,
                             c->rl.out, TLS_RL_OUT_CAP, &w);
        if (st == CL_OK) {
            c->rl.out[w - 1] ^= 0x01;
            st = net_write_full(c->rl.fd, c->rl.out, w, c->rl.timeout_ms);
        }
        if (st != CL_OK)
            return tls_fail(c, st, -1, "write failed");
        data += n;
        len -= n;
        if (len == 0)
            return CL_OK;
    }
    st = tls_record_write(&c->rl, TLS_CT_APPLICATION_DATA, data, len);
    if (st == CL_ERR_COUNTER_WRAP && c->version == TLS_VERSION_13) {
        st = tls_key_update(c, 0);
        if (st == CL_OK)
            st = tls_record_write(&c->rl, TLS_CT_APPLICATION_DATA, data, len);
    }
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed: %s", cl_strerror(st));
    return CL_OK;
}

int tls_pending(const tls_conn *c)
{
    return c != NULL && (c->app_len > 0 || tls_record_pending(&c->rl));
}

/* A handshake message after the handshake. */
static cl_status post_handshake(tls_conn *c, const uint8_t *frag, size_t len)
{
    /* reassemble as during the handshake */
    if (len > TLS_MAX_HANDSHAKE_MSG + 4 - (c->hs_len - c->hs_used))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER, "handshake message too long");
    if (c->hs_used > 0) {
        memmove(c->hs, c->hs + c->hs_used, c->hs_len - c->hs_used);
        c->hs_len -= c->hs_used;
        c->hs_used = 0;
    }
    memcpy(c->hs + c->hs_len, frag, len);
    c->hs_len += len;
    if (c->hs_len > c->hs_hwm)
        c->hs_hwm = c->hs_len;
    while (c->hs_len - c->hs_used >= 4) {
        const uint8_t *h = c->hs + c->hs_used;
        size_t n = ((size_t)h[1] << 16) | ((size_t)h[2] << 8) | h[3];
        tls_msg m;
        cl_status st;
        if (n > TLS_MAX_HANDSHAKE_MSG)
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER, "handshake message too long");
        if (c->hs_len - c->hs_used < 4 + n)
            break;
        m.type = h[0];
        m.raw = h;
        m.raw_len = 4 + n;
        m.body = h + 4;
        m.len = n;
        c->hs_used += 4 + n;
        if (c->cfg->hooks.on_message != NULL)
            c->cfg->hooks.on_message(c->cfg->hooks.arg, 0, c->version, TLS_CT_HANDSHAKE, m.raw, m.raw_len);
        if (c->version == TLS_VERSION_13) {
            st = tls13_post_handshake(c, &m);
        } else if ((c->is_server && m.type == TLS_HS_CLIENT_HELLO) ||
                   (!c->is_server && m.type == TLS_HS_HELLO_REQUEST)) {
            /* RFC 5746 §4.2 / RFC 5246 §7.4.1.1: renegotiation refused with a
             * warning no_renegotiation; the connection goes on. */
            uint8_t a[2] = { TLS_ALERT_WARNING, TLS_ALERT_NO_RENEGOTIATION };
            tls_narrate(c, "peer asked for renegotiation: refused (warning no_renegotiation, RFC 5746 §4)");
            pthread_mutex_lock(&c->wlock);
            st = tls_record_write(&c->rl, TLS_CT_ALERT, a, 2);
            pthread_mutex_unlock(&c->wlock);
        } else {
            st = tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                          "unexpected %s after the handshake", tls_hs_name(m.type));
        }
        if (st != CL_OK)
            return st;
    }
    if (c->hs_used == c->hs_len)
        c->hs_len = c->hs_used = 0;
    return CL_OK;
}

cl_status tls_read(tls_conn *c, uint8_t *buf, size_t cap, size_t *got)
{
    if (c == NULL || buf == NULL || got == NULL)
        return CL_ERR_NULL_POINTER;
    *got = 0;
    if (c->peer_closed)
        return CL_ERR_CLOSED;
    if (!c->handshake_done || c->failed)
        return CL_ERR_STATE;
    while (c->app_len == 0) {
        uint8_t type, *frag;
        size_t len;
        cl_status st = tls_record_read(&c->rl, &type, &frag, &len);
        if (st != CL_OK)
            return record_failure(c, st);
        switch (type) {
        case TLS_CT_APPLICATION_DATA:
            if (tls_hs_pending(c))
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                                "application data inside a handshake message");
            c->app = frag;
            c->app_len = len;
            break;
        case TLS_CT_HANDSHAKE:
            if (len == 0)
                return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE, "empty handshake record");
            st = post_handshake(c, frag, len);
            if (st != CL_OK)
                return st;
            break;
        case TLS_CT_ALERT:
            st = on_alert(c, frag, len);
            if (st != CL_OK)
                return st;
            break;
        default:
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                            "ChangeCipherSpec after the handshake");
        }
    }
    size_t n = c->app_len < cap ? c->app_len : cap;
    memcpy(buf, c->app, n);
    c->app += n;
    c->app_len -= n;
    *got = n;
    return CL_OK;
}

cl_status tls_close(tls_conn *c)
{
    cl_status st;
    if (c == NULL)
        return CL_ERR_NULL_POINTER;
    pthread_mutex_lock(&c->wlock);
    if (c->closed || c->failed) {
        pthread_mutex_unlock(&c->wlock);
        return CL_OK;
    }
    c->closed = 1;
    {
        uint8_t a[2] = { TLS_ALERT_WARNING, TLS_ALERT_CLOSE_NOTIFY };
        st = tls_record_write(&c->rl, TLS_CT_ALERT, a, 2);
    }
    pthread_mutex_unlock(&c->wlock);
    return st;
}

/* ---------------------------------------------------------------- getters */

uint16_t tls_conn_version(const tls_conn *c) { return c->version; }
uint16_t tls_conn_suite(const tls_conn *c) { return c->suite; }
uint16_t tls_conn_group(const tls_conn *c) { return c->group ? c->group->id : 0; }
int tls_conn_ems(const tls_conn *c) { return c->ems; }
int tls_conn_hrr(const tls_conn *c) { return c->hrr; }
const char *tls_conn_sni(const tls_conn *c) { return c->sni; }
const tls_cert_chain *tls_conn_peer_chain(const tls_conn *c) { return &c->peer_chain; }
const char *tls_conn_error(const tls_conn *c) { return c->err; }
int tls_conn_client_cert(const tls_conn *c) { return c->sent_cert ? 2 : c->cert_requested ? 1 : 0; }
int tls_conn_alert_sent(const tls_conn *c) { return c->alert_sent; }
int tls_conn_alert_received(const tls_conn *c) { return c->alert_received; }

cl_status tls_conn_verify_result(const tls_conn *c, const char **why)
{
    if (why != NULL)
        *why = c->verify_why;
    return c->verify_status;
}

const char *tls_version_name(uint16_t v)
{
    return v == TLS_VERSION_13 ? "TLSv1.3" : v == TLS_VERSION_12 ? "TLSv1.2" : "(none)";
}

const char *tls_suite_name(uint16_t s)
{
    switch (s) {
    case TLS_AES_128_GCM_SHA256: return "TLS_AES_128_GCM_SHA256";
    case TLS_RSA_WITH_AES_128_GCM_SHA256: return "TLS_RSA_WITH_AES_128_GCM_SHA256";
    case TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: return "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    default: return "(none)";
    }
}

const char *tls_suite_openssl_name(uint16_t s)
{
    switch (s) {
    case TLS_AES_128_GCM_SHA256: return "TLS_AES_128_GCM_SHA256";
    case TLS_RSA_WITH_AES_128_GCM_SHA256: return "AES128-GCM-SHA256";
    case TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: return "DHE-RSA-AES128-GCM-SHA256";
    default: return "(NONE)";
    }
}

const char *tls_group_name(uint16_t g)
{
    const ffdhe_group *grp = ffdhe_group_by_id(g);
    return grp ? grp->name : "(none)";
}
