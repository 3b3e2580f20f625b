/* net/handshake.c -- steps 1 and 2: the handshake state machines of
 * docs/protocol.md §7 (client and server), with the key schedule of §4. */
#include <stdio.h>
#include <string.h>
#include "net/conn_internal.h"
#include "net/keyschedule.h"
#include "net/keylog.h"
#include "net/io.h"
#include "rsa/rsa_keyfile.h"
#include "sha256/sha256.h"
#include "common/ct.h"
#include "common/hex.h"

/* H = SHA-256 of the transcript so far, without ending it. */
static cl_status transcript_hash(const sha256_ctx *t, uint8_t h[32])
{
    sha256_ctx copy = *t;
    return sha256_final(&copy, h);
}

/* Reads the next handshake frame, which must be of type want. */
static cl_status expect_frame(net_conn *c, int64_t deadline, uint8_t want, size_t *body_len)
{
    uint8_t type;
    cl_status st = net_read_frame(c, deadline, &type, body_len);
    if (st) return st;
    if (type != want) {
        cl_status r = net_fail(c, NET_ALERT_UNEXPECTED_MESSAGE, CL_ERR_PROTOCOL);
        net_set_error(c, "expected %s, got %s: sent alert unexpected_message",
                      net_frame_name(want), net_frame_name(type));
        return r;
    }
    return CL_OK;
}

static cl_status fail_msg(net_conn *c, uint8_t alert, cl_status st, const char *what)
{
    cl_status r = net_fail(c, alert, st);
    net_set_error(c, "%s: sent alert %s", what, net_alert_name(alert));
    return r;
}

/* Derives the keys (§4) and logs what -v and the key log may show. */
static cl_status schedule(net_conn *c, const uint8_t cr[32], const uint8_t sr[32],
                          const uint8_t secret[32], const uint8_t h1[32], struct net_keys *k)
{
    cl_status st = net_derive_keys(cr, sr, secret, h1, k);
    if (st) return st;
    if (net_keylog_write(cr, sr, secret, h1) != CL_OK)
        net_narrate(c, "warning: cannot write CRYPTOLAB_KEYLOGFILE");
    if (c->log) {
        char f1[17], f2[17], hx[65];
        cl_hex_encode(h1, 32, hx);
        net_narrate(c, "[2] transcript hash H1 = %s", hx);
        net_key_fingerprint(k->c2s_key, 32, f1);
        net_key_fingerprint(k->s2c_key, 32, f2);
        net_narrate(c, "[2] HKDF-SHA256 -> client->server key #%s, server->client key #%s "
                    "(SHA-256 prefixes of the keys, never the keys)", f1, f2);
    }
    return CL_OK;
}

static cl_status install(struct net_dir *d, uint8_t suite, const uint8_t *key,
                         const uint8_t *mac, const uint8_t *iv)
{
    return net_dir_init(d, suite, key, mac, iv);
}

/* ------------------------------------------------------------------ client */

cl_status net_client_handshake(net_conn *c, net_check_key_fn check_key, void *arg)
{
    if (!c || !check_key) return CL_ERR_NULL_POINTER;
    if (c->is_server || c->established || c->dead) return CL_ERR_STATE;
    int64_t deadline = net_now_ms() + c->timeout_ms;
    uint8_t secret[NET_SECRET_LEN], seed[32], h1[32], h2[32], verify[32];
    uint8_t ct[NET_MAX_RSA_BYTES];
    size_t ct_len = 0, flen, blen;
    struct net_keys k;
    struct net_client_hello ch;
    struct net_server_hello sh;
    rsa_key key;
    sha256_ctx t;
    uint8_t alert = NET_ALERT_NONE;
    cl_status st;

    rsa_key_init(&key);
    sha256_init(&t);
    memset(&k, 0, sizeof k);

    /* [1] ClientHello */
    ch.version = c->max_version;
    ch.n_suites = (uint8_t)c->n_suites;
    memcpy(ch.suites, c->suites, c->n_suites);
    st = c->random(c->random_arg, ch.random, NET_RANDOM_LEN);
    if (st) { net_set_error(c, "random generator failed"); goto out; }
    st = net_encode_client_hello(&ch, c->wbuf, sizeof c->wbuf, &flen);
    if (st) goto out;
    sha256_update(&t, c->wbuf, flen);
    st = net_send_frame(c, c->wbuf, flen);
    if (st) { net_set_error(c, "sending ClientHello failed: %s", cl_strerror(st)); goto out; }
    net_narrate(c, "[1] sent ClientHello: version %u, %zu suite(s), fresh 32-byte client random",
                ch.version, c->n_suites);

    /* [1] ServerHello */
    st = expect_frame(c, deadline, NET_T_SERVER_HELLO, &blen);
    if (st) goto out;
    st = net_parse_server_hello(c->rbuf + NET_HDR_LEN, blen, &sh, &alert);
    if (st) { st = fail_msg(c, alert, st, "malformed ServerHello"); goto out; }
    if (sh.version < NET_VERSION_1 || sh.version > ch.version) {     /* §3.6 */
        st = fail_msg(c, NET_ALERT_PROTOCOL_VERSION, CL_ERR_PROTOCOL, "server chose a version we did not offer");
        goto out;
    }
    c->version = sh.version;
    if (!memchr(c->suites, sh.suite, c->n_suites)) {
        st = fail_msg(c, NET_ALERT_HANDSHAKE_FAILURE, CL_ERR_PROTOCOL, "server chose a suite we did not offer");
        goto out;
    }
    c->suite = sh.suite;
    memcpy(c->spki, sh.spki, sh.spki_len);
    c->spki_len = sh.spki_len;
    sha256_update(&t, c->rbuf, NET_HDR_LEN + blen);
    st = rsa_spki_from_der(&key, c->spki, c->spki_len);
    if (st) { st = fail_msg(c, NET_ALERT_DECODE_ERROR, st, "server key is not a valid RSA SubjectPublicKeyInfo"); goto out; }
    size_t kbytes = rsa_key_bytes(&key);
    if (kbytes < 256 || kbytes > NET_MAX_RSA_BYTES) {
        st = fail_msg(c, NET_ALERT_HANDSHAKE_FAILURE, CL_ERR_KEY_SIZE, "server key size not allowed (2048..8192 bits)");
        goto out;
    }
    net_fingerprint(c->spki, c->spki_len, c->fp);
    net_narrate(c, "[1] received ServerHello: version %u, suite %s, %zu-bit RSA key %s",
                sh.version, net_suite_name(sh.suite), kbytes * 8, c->fp);

    /* [2] check the server's key before any secret is sent */
    st = check_key(arg, c->spki, c->spki_len, c->fp);
    if (st) {
        cl_status r = net_fail(c, NET_ALERT_UNKNOWN_SERVER_KEY, st);
        net_set_error(c, "server key %s rejected (%s); no secret was sent", c->fp, cl_strerror(st));
        st = r;
        goto out;
    }
    net_narrate(c, "[2] server key %s checked", c->fp);

    /* [2] KeyExchange: the secret under RSA-OAEP (RFC 8017 §7.1.1) */
    st = c->random(c->random_arg, secret, sizeof secret);
    if (!st) st = c->random(c->random_arg, seed, sizeof seed);
    if (st) { net_set_error(c, "random generator failed"); goto out; }
    st = rsa_oaep_encrypt_seeded(&key, NULL, NULL, 0, secret, sizeof secret, seed,
                                 ct, sizeof ct, &ct_len);
    if (st) { st = fail_msg(c, NET_ALERT_INTERNAL_ERROR, st, "RSA-OAEP encryption failed"); goto out; }
    st = net_encode_key_exchange(ct, ct_len, c->wbuf, sizeof c->wbuf, &flen);
    if (st) goto out;
    sha256_update(&t, c->wbuf, flen);
    st = net_send_frame(c, c->wbuf, flen);
    if (st) { net_set_error(c, "sending KeyExchange failed: %s", cl_strerror(st)); goto out; }
    if (c->log) {
        char hex[2 * NET_MAX_RSA_BYTES + 1];
        cl_hex_encode(ct, ct_len, hex);
        net_narrate(c, "[2] sent a fresh 32-byte secret under RSA-OAEP-SHA256 (%zu bytes): %s", ct_len, hex);
    }

    /* [2] key schedule, Finished */
    transcript_hash(&t, h1);
    st = schedule(c, ch.random, sh.random, secret, h1, &k);
    if (st) { st = fail_msg(c, NET_ALERT_INTERNAL_ERROR, st, "key derivation failed"); goto out; }
    net_finished_mac(k.c_finished, h1, verify);
    net_encode_finished(verify, c->wbuf, sizeof c->wbuf, &flen);
    sha256_update(&t, c->wbuf, flen);
    transcript_hash(&t, h2);
    st = net_send_frame(c, c->wbuf, flen);
    if (st) { net_set_error(c, "sending Finished failed: %s", cl_strerror(st)); goto out; }
    st = install(&c->tx, c->suite, k.c2s_key, k.c2s_mac, k.c2s_iv);
    if (st) goto out;
    c->tx_protected = 1;
    net_narrate(c, "[2] sent Finished (HMAC of the transcript)");

    st = expect_frame(c, deadline, NET_T_FINISHED, &blen);
    if (st) goto out;
    const uint8_t *got;
    st = net_parse_finished(c->rbuf + NET_HDR_LEN, blen, &got, &alert);
    if (st) { st = fail_msg(c, alert, st, "malformed Finished"); goto out; }
    if (net_finished_verify(k.s_finished, h2, got) != CL_OK) {
        st = fail_msg(c, NET_ALERT_HANDSHAKE_FAILURE, CL_ERR_PROTOCOL,
                      "server Finished does not verify (the server could not decrypt the secret, "
                      "or a handshake byte was changed)");
        goto out;
    }
    st = install(&c->rx, c->suite, k.s2c_key, k.s2c_mac, k.s2c_iv);
    if (st) goto out;
    sha256_update(&t, c->rbuf, NET_HDR_LEN + blen);
    transcript_hash(&t, c->h_all);
    c->rx_protected = 1;
    c->established = 1;
    net_narrate(c, "[2] server Finished verified: the server holds the private key; keys in use");

out:
    cl_wipe(secret, sizeof secret);
    cl_wipe(seed, sizeof seed);
    cl_wipe(&k, sizeof k);
    cl_wipe(&t, sizeof t);
    rsa_key_clear(&key);
    if (st) c->dead = 1;
    return st;
}

/* ------------------------------------------------------------------ server */

cl_status net_server_handshake(net_conn *c, const rsa_key *key,
                               const uint8_t *spki, size_t spki_len)
{
    if (!c || !key || !spki) return CL_ERR_NULL_POINTER;
    if (!c->is_server || c->established || c->dead) return CL_ERR_STATE;
    if (spki_len < 1 || spki_len > NET_MAX_SPKI) return CL_ERR_BAD_ARGUMENT;
    int64_t deadline = net_now_ms() + c->timeout_ms;
    uint8_t secret[64], h1[32], h2[32], verify[32], cr[32];
    size_t flen, blen, m_len = 0;
    struct net_keys k;
    struct net_client_hello ch;
    struct net_server_hello sh;
    sha256_ctx t;
    uint8_t alert = NET_ALERT_NONE;
    cl_status st;

    sha256_init(&t);
    memset(&k, 0, sizeof k);
    memcpy(c->spki, spki, spki_len);
    c->spki_len = spki_len;
    net_fingerprint(spki, spki_len, c->fp);

    /* [1] ClientHello */
    st = expect_frame(c, deadline, NET_T_CLIENT_HELLO, &blen);
    if (st) goto out;
    st = net_parse_client_hello(c->rbuf + NET_HDR_LEN, blen, &ch, &alert);
    if (st) { st = fail_msg(c, alert, st, "malformed ClientHello"); goto out; }
    if (ch.version < NET_VERSION_1) {             /* §3.6: we speak 1 .. max_version */
        st = fail_msg(c, NET_ALERT_PROTOCOL_VERSION, CL_ERR_PROTOCOL, "client version too old");
        goto out;
    }
    c->version = ch.version < c->max_version ? ch.version : c->max_version;
    sha256_update(&t, c->rbuf, NET_HDR_LEN + blen);
    memcpy(cr, ch.random, 32);
    /* §3.5: the first suite of the server's preference list (GCM first by
     * default) that the client offered; ids the server does not know are ignored. */
    c->suite = 0;
    for (size_t i = 0; i < c->n_suites && !c->suite; i++)
        if (memchr(ch.suites, c->suites[i], ch.n_suites)) c->suite = c->suites[i];
    if (!c->suite) {
        st = fail_msg(c, NET_ALERT_HANDSHAKE_FAILURE, CL_ERR_PROTOCOL, "no common suite");
        goto out;
    }
    net_narrate(c, "[1] received ClientHello: version %u, %u suite(s); chose version %u, %s",
                ch.version, ch.n_suites, c->version, net_suite_name(c->suite));

    /* [1] ServerHello with our public key */
    sh.version = c->version;
    sh.suite = c->suite;
    sh.spki = spki;
    sh.spki_len = (uint16_t)spki_len;
    st = c->random(c->random_arg, sh.random, NET_RANDOM_LEN);
    if (st) { st = fail_msg(c, NET_ALERT_INTERNAL_ERROR, st, "random generator failed"); goto out; }
    st = net_encode_server_hello(&sh, c->wbuf, sizeof c->wbuf, &flen);
    if (st) goto out;
    sha256_update(&t, c->wbuf, flen);
    st = net_send_frame(c, c->wbuf, flen);
    if (st) { net_set_error(c, "sending ServerHello failed: %s", cl_strerror(st)); goto out; }
    net_narrate(c, "[1] sent ServerHello with the server key %s", c->fp);

    /* [2] KeyExchange: RSA-OAEP decryption (RFC 8017 §7.1.2) */
    st = expect_frame(c, deadline, NET_T_KEY_EXCHANGE, &blen);
    if (st) goto out;
    const uint8_t *ct;
    size_t ct_len;
    st = net_parse_key_exchange(c->rbuf + NET_HDR_LEN, blen, &ct, &ct_len, &alert);
    if (st) { st = fail_msg(c, alert, st, "malformed KeyExchange"); goto out; }
    if (ct_len != rsa_key_bytes(key)) {
        st = fail_msg(c, NET_ALERT_DECODE_ERROR, CL_ERR_PROTOCOL, "KeyExchange ciphertext has the wrong length");
        goto out;
    }
    sha256_update(&t, c->rbuf, NET_HDR_LEN + blen);
    st = rsa_oaep_decrypt(key, NULL, NULL, 0, ct, ct_len, secret, sizeof secret, &m_len);
    if (st || m_len != NET_SECRET_LEN) {
        st = fail_msg(c, NET_ALERT_DECRYPT_ERROR, CL_ERR_DECRYPT, "the secret does not decrypt (RSA-OAEP)");
        goto out;
    }
    net_narrate(c, "[2] received the secret under RSA-OAEP (%zu bytes), decrypted with the private key", ct_len);
    transcript_hash(&t, h1);
    st = schedule(c, cr, sh.random, secret, h1, &k);
    if (st) { st = fail_msg(c, NET_ALERT_INTERNAL_ERROR, st, "key derivation failed"); goto out; }

    /* [2] client Finished, then ours */
    st = expect_frame(c, deadline, NET_T_FINISHED, &blen);
    if (st) goto out;
    const uint8_t *got;
    st = net_parse_finished(c->rbuf + NET_HDR_LEN, blen, &got, &alert);
    if (st) { st = fail_msg(c, alert, st, "malformed Finished"); goto out; }
    if (net_finished_verify(k.c_finished, h1, got) != CL_OK) {
        st = fail_msg(c, NET_ALERT_HANDSHAKE_FAILURE, CL_ERR_PROTOCOL,
                      "client Finished does not verify (a handshake byte was changed)");
        goto out;
    }
    sha256_update(&t, c->rbuf, NET_HDR_LEN + blen);
    transcript_hash(&t, h2);
    st = install(&c->rx, c->suite, k.c2s_key, k.c2s_mac, k.c2s_iv);
    if (st) goto out;
    c->rx_protected = 1;
    net_narrate(c, "[2] client Finished verified");

    net_finished_mac(k.s_finished, h2, verify);
    net_encode_finished(verify, c->wbuf, sizeof c->wbuf, &flen);
    sha256_update(&t, c->wbuf, flen);
    transcript_hash(&t, c->h_all);
    st = net_send_frame(c, c->wbuf, flen);
    if (st) { net_set_error(c, "sending Finished failed: %s", cl_strerror(st)); goto out; }
    st = install(&c->tx, c->suite, k.s2c_key, k.s2c_mac, k.s2c_iv);
    if (st) goto out;
    c->tx_protected = 1;
    c->established = 1;
    net_narrate(c, "[2] sent Finished; keys in use");

out:
    cl_wipe(secret, sizeof secret);
    cl_wipe(&k, sizeof k);
    cl_wipe(&t, sizeof t);
    if (st) c->dead = 1;
    return st;
}
