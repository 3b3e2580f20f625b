/*
 * net/tls/post13.c -- TLS 1.3 after the handshake (RFC 8446 §4.6):
 * KeyUpdate both ways (§4.6.3, §7.2) and NewSessionTicket (§4.6.1),
 * which a client that does no resumption reads and drops.
 */
#include "net/tls/tls_internal.h"

static cl_status key_update_locked(tls_conn *c, int request_peer);

cl_status tls_key_update(tls_conn *c, int request_peer)
{
    cl_status st;
    if (c == NULL)
        return CL_ERR_NULL_POINTER;
    pthread_mutex_lock(&c->wlock);
    st = key_update_locked(c, request_peer);
    pthread_mutex_unlock(&c->wlock);
    return st;
}

static cl_status key_update_locked(tls_conn *c, int request_peer)
{
    uint8_t msg[8];
    tls_wr w;
    cl_status st;
    uint8_t *secret;
    if (c == NULL)
        return CL_ERR_NULL_POINTER;
    if (!c->handshake_done || c->failed || c->closed || c->version != TLS_VERSION_13)
        return CL_ERR_STATE;
    tls_wr_init(&w, msg, sizeof msg);
    tls_write_key_update(&w, request_peer);
    if (c->cfg->hooks.on_message != NULL)
        c->cfg->hooks.on_message(c->cfg->hooks.arg, 1, c->version, TLS_CT_HANDSHAKE, msg, w.len);
    /* the KeyUpdate itself goes out under the old keys */
    st = tls_record_write(&c->rl, TLS_CT_HANDSHAKE, msg, w.len);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    secret = c->is_server ? c->ks.server_application_traffic_secret : c->ks.client_application_traffic_secret;
    st = tls13_update_traffic_secret(&c->ks, c->is_server ? "server_application_traffic_secret_N+1"
                                                          : "client_application_traffic_secret_N+1", secret);
    if (st == CL_OK)
        st = tls13_set_write_keys(c, secret, NULL);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "key update failed");
    tls_narrate(c, "KeyUpdate sent%s: our application_traffic_secret_N+1 = HKDF-Expand-Label(., "
                "\"traffic upd\", \"\", 32) (RFC 8446 §7.2)", request_peer ? " (update_requested)" : "");
    return CL_OK;
}

cl_status tls13_post_handshake(tls_conn *c, const tls_msg *m)
{
    int alert = TLS_ALERT_DECODE_ERROR, req = 0;
    cl_status st;
    uint8_t *secret;
    switch (m->type) {
    case TLS_HS_KEY_UPDATE:
        st = tls_parse_key_update(m->body, m->len, &req, &alert);
        if (st != CL_OK)
            return tls_fail(c, st, alert, "malformed KeyUpdate");
        /* the peer's next records use its next secret */
        secret = c->is_server ? c->ks.client_application_traffic_secret : c->ks.server_application_traffic_secret;
        st = tls13_update_traffic_secret(&c->ks, c->is_server ? "client_application_traffic_secret_N+1"
                                                              : "server_application_traffic_secret_N+1", secret);
        if (st == CL_OK)
            st = tls13_set_read_keys(c, secret, NULL);
        if (st != CL_OK)
            return c->failed ? st : tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "key update failed");
        tls_narrate(c, "KeyUpdate received%s: the peer's traffic secret moves on (RFC 8446 §4.6.3)",
                    req ? " (update_requested)" : "");
        /* §4.6.3: update_requested -> answer with our own KeyUpdate */
        if (req && !c->closed)
            return tls_key_update(c, 0);
        return CL_OK;
    case TLS_HS_NEW_SESSION_TICKET:
        if (c->is_server)
            break;
        st = tls_parse_new_session_ticket(m->body, m->len, &alert);
        if (st != CL_OK)
            return tls_fail(c, st, alert, "malformed NewSessionTicket");
        tls_narrate(c, "NewSessionTicket received and ignored (no resumption here)");
        return CL_OK;
    default:
        break;
    }
    return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                    "unexpected %s after the handshake", tls_hs_name(m->type));
}
