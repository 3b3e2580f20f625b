/*
 * net/tls/keys.c -- turning secrets into record keys: TLS 1.3 traffic keys
 * (RFC 8446 §7.3), the TLS 1.2 key block (RFC 5246 §6.3), and the DH step
 * both versions share.
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"

cl_status tls13_set_read_keys(tls_conn *c, const uint8_t secret[32], const char *name)
{
    uint8_t key[16], iv[12];
    cl_status st;
    /* §5.1: "Handshake messages MUST NOT span key changes" */
    if (tls_hs_pending(c))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                        "handshake message split across a key change");
    st = tls13_traffic_keys(&c->ks, name, secret, key, iv);
    if (st == CL_OK)
        st = tls_record_dir_set13(&c->rl.rd, key, iv);
    cl_wipe(key, sizeof key);
    cl_wipe(iv, sizeof iv);
    return st;
}

cl_status tls13_set_write_keys(tls_conn *c, const uint8_t secret[32], const char *name)
{
    uint8_t key[16], iv[12];
    cl_status st = tls_flush(c);           /* what was queued goes out under the old keys */
    if (st == CL_OK)
        st = tls13_traffic_keys(&c->ks, name, secret, key, iv);
    if (st == CL_OK)
        st = tls_record_dir_set13(&c->rl.wr, key, iv);
    cl_wipe(key, sizeof key);
    cl_wipe(iv, sizeof iv);
    return st;
}

cl_status tls12_install_keys(tls_conn *c, int read, int write)
{
    tls12_keys k;
    cl_status st = tls12_key_block(c->master12, c->client_random, c->server_random, &k);
    if (st != CL_OK)
        return st;
    if (read)
        st = c->is_server ? tls_record_dir_set12(&c->rl.rd, k.client_write_key, k.client_write_IV)
                          : tls_record_dir_set12(&c->rl.rd, k.server_write_key, k.server_write_IV);
    if (st == CL_OK && write) {
        st = tls_flush(c);
        if (st == CL_OK)
            st = c->is_server ? tls_record_dir_set12(&c->rl.wr, k.server_write_key, k.server_write_IV)
                              : tls_record_dir_set12(&c->rl.wr, k.client_write_key, k.client_write_IV);
    }
    if (write) {                  /* once per connection: the key block of §6.3 */
        tls_trace(c, "client_write_key", "RFC 5246 §6.3", k.client_write_key, 16);
        tls_trace(c, "server_write_key", "RFC 5246 §6.3", k.server_write_key, 16);
        tls_trace(c, "client_write_IV (salt)", "RFC 5288 §3", k.client_write_IV, 4);
        tls_trace(c, "server_write_IV (salt)", "RFC 5288 §3", k.server_write_IV, 4);
    }
    cl_wipe(&k, sizeof k);
    return st;
}

cl_status tls_dh_shared(tls_conn *c, const uint8_t *y, size_t y_len, enum ffdhe_z_format fmt,
                        uint8_t *z, size_t *z_len, int bad_alert)
{
    cl_status st = ffdhe_check_public(c->group, y, y_len);
    if (st != CL_OK)
        return tls_fail(c, CL_ERR_PROTOCOL, bad_alert,
                        "invalid DH public value from the peer (RFC 7919: 1 < Y < p-1 and at most %zu bytes)",
                        c->group->p_len);
    st = ffdhe_shared_secret(&c->dh, y, y_len, fmt, z, FFDHE_MAX_BYTES, z_len);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH failed");
    return CL_OK;
}

cl_status tls12_derive_master(tls_conn *c, const uint8_t *pms, size_t pms_len)
{
    uint8_t h[32];
    cl_status st;
    tls_trace(c, "ClientHello.random", "RFC 5246 §7.4.1.2", c->client_random, 32);
    tls_trace(c, "ServerHello.random", "RFC 5246 §7.4.1.2", c->server_random, 32);
    tls_trace(c, "pre_master_secret", "RFC 5246 §8.1", pms, pms_len);
    if (c->ems) {
        /* RFC 7627 §3: session_hash = Hash(ClientHello .. ClientKeyExchange) */
        tls_transcript_hash(c, h);
        tls_trace(c, "session_hash", "RFC 7627 §3", h, 32);
        st = tls12_extended_master_secret(pms, pms_len, h, c->master12);
    } else {
        st = tls12_master_secret(pms, pms_len, c->client_random, c->server_random, c->master12);
    }
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "PRF failed");
    tls_trace(c, c->ems ? "master_secret (extended)" : "master_secret",
              c->ems ? "RFC 7627 §4" : "RFC 5246 §8.1", c->master12, 48);
    tls_narrate(c, "    derived: %s (%s), key_block -> client/server_write_key, _IV (RFC 5246 §6.3)",
                c->ems ? "extended master_secret" : "master_secret", c->ems ? "RFC 7627 §4" : "RFC 5246 §8.1");
    tls_keylog(c, "CLIENT_RANDOM", c->master12, 48);
    return CL_OK;
}

cl_status tls12_finished_data(tls_conn *c, int from_client, const uint8_t hash[32], uint8_t verify[12])
{
    cl_status st = tls12_verify_data(c->master12, from_client, hash, verify);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "PRF failed");
    tls_trace(c, from_client ? "Hash(handshake_messages), client Finished"
                             : "Hash(handshake_messages), server Finished", "RFC 5246 §7.4.9", hash, 32);
    tls_trace(c, from_client ? "client verify_data" : "server verify_data", "RFC 5246 §7.4.9", verify, 12);
    return CL_OK;
}

void tls13_trace_inputs(tls_conn *c, const uint8_t *z, size_t z_len, const char *hash_name, const uint8_t h[32])
{
    if (z != NULL)
        tls_trace(c, "(EC)DHE shared secret", "§7.4.1", z, z_len);
    tls_trace(c, hash_name, "§4.4.1", h, 32);
}
