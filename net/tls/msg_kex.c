/*
 * net/tls/msg_kex.c -- the TLS 1.2 key exchange messages (RFC 5246 §7.4.3,
 * §7.4.5, §7.4.7).
 *
 *   struct { opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 *            opaque dh_Ys<1..2^16-1>; } ServerDHParams;
 *   ServerKeyExchange (DHE_RSA) = ServerDHParams params ||
 *            digitally-signed struct { client_random, server_random, params }
 *            (SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>)
 *   ClientKeyExchange (RSA)  = EncryptedPreMasterSecret: opaque<0..2^16-1>
 *   ClientKeyExchange (DHE)  = ClientDiffieHellmanPublic: opaque dh_Yc<1..2^16-1>
 *   ServerHelloDone = struct { } (empty)
 */
#include "net/tls/messages.h"
#include "net/tls/alert.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

cl_status tls_parse_server_key_exchange_dhe(const uint8_t *body, size_t len, tls_ske_dhe *ske, int *alert)
{
    tls_rd r, p, g, y, sig;
    tls_rd_init(&r, body, len);
    tls_rd_vec(&r, 2, 1, 0xFFFF, &p);
    tls_rd_vec(&r, 2, 1, 0xFFFF, &g);
    tls_rd_vec(&r, 2, 1, 0xFFFF, &y);
    if (r.bad)
        FAIL(TLS_ALERT_DECODE_ERROR);
    ske->p = p.p; ske->p_len = p.left;
    ske->g = g.p; ske->g_len = g.left;
    ske->Ys = y.p; ske->ys_len = y.left;
    ske->params = body;
    ske->params_len = len - r.left;
    ske->scheme = tls_rd_u16(&r);
    tls_rd_vec(&r, 2, 0, 0xFFFF, &sig);
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    ske->sig = sig.p;
    ske->sig_len = sig.left;
    return CL_OK;
}

void tls_write_dh_params(tls_wr *w, const uint8_t *p, size_t p_len, const uint8_t *Ys, size_t ys_len)
{
    tls_wr_u16(w, (uint16_t)p_len);
    tls_wr_bytes(w, p, p_len);
    tls_wr_u16(w, 1);
    tls_wr_u8(w, 2);                                   /* g = 2 (RFC 7919) */
    tls_wr_u16(w, (uint16_t)ys_len);
    tls_wr_bytes(w, Ys, ys_len);
}

cl_status tls_parse_client_key_exchange(const uint8_t *body, size_t len, const uint8_t **v, size_t *v_len, int *alert)
{
    tls_rd r, x;
    tls_rd_init(&r, body, len);
    tls_rd_vec(&r, 2, 1, 0xFFFF, &x);
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    *v = x.p;
    *v_len = x.left;
    return CL_OK;
}

void tls_write_client_key_exchange(tls_wr *w, const uint8_t *v, size_t len)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CLIENT_KEY_EXCHANGE);
    tls_wr_u16(w, (uint16_t)len);
    tls_wr_bytes(w, v, len);
    tls_wr_msg_close(w, m);
}

void tls_write_empty(tls_wr *w, int type)
{
    size_t m = tls_wr_msg_open(w, type);
    tls_wr_msg_close(w, m);
}
