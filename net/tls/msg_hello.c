/*
 * net/tls/msg_hello.c -- ClientHello and ServerHello (RFC 8446 §4.1.2,
 * §4.1.3; RFC 5246 §7.4.1.2, §7.4.1.3), HelloRetryRequest (§4.1.4).
 *
 *   struct { ProtocolVersion legacy_version = 0x0303; Random random;
 *            opaque legacy_session_id<0..32>; CipherSuite cipher_suites<2..2^16-2>;
 *            opaque legacy_compression_methods<1..2^8-1>;
 *            Extension extensions<8..2^16-1>; } ClientHello;
 *   struct { ProtocolVersion legacy_version = 0x0303; Random random;
 *            opaque legacy_session_id_echo<0..32>; CipherSuite cipher_suite;
 *            uint8 legacy_compression_method = 0;
 *            Extension extensions<6..2^16-1>; } ServerHello;
 */
#include <string.h>
#include "net/tls/messages.h"
#include "net/tls/alert.h"
#include "net/tls/tls.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

/* §4.1.3: SHA-256("HelloRetryRequest") */
const uint8_t tls_hrr_random[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C
};
const uint8_t tls_downgrade_tls12[8] = { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01 };
const uint8_t tls_downgrade_tls11[8] = { 0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x00 };

const char *tls_hs_name(int type)
{
    switch (type) {
    case TLS_HS_HELLO_REQUEST: return "HelloRequest";
    case TLS_HS_CLIENT_HELLO: return "ClientHello";
    case TLS_HS_SERVER_HELLO: return "ServerHello";
    case TLS_HS_NEW_SESSION_TICKET: return "NewSessionTicket";
    case TLS_HS_END_OF_EARLY_DATA: return "EndOfEarlyData";
    case TLS_HS_ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
    case TLS_HS_CERTIFICATE: return "Certificate";
    case TLS_HS_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case TLS_HS_CERTIFICATE_REQUEST: return "CertificateRequest";
    case TLS_HS_SERVER_HELLO_DONE: return "ServerHelloDone";
    case TLS_HS_CERTIFICATE_VERIFY: return "CertificateVerify";
    case TLS_HS_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case TLS_HS_FINISHED: return "Finished";
    case TLS_HS_KEY_UPDATE: return "KeyUpdate";
    case TLS_HS_MESSAGE_HASH: return "message_hash";
    case TLS_MSG_CHANGE_CIPHER_SPEC: return "ChangeCipherSpec";
    default: return "unknown handshake message";
    }
}

cl_status tls_parse_client_hello(const uint8_t *body, size_t len, tls_client_hello *ch, int *alert)
{
    tls_rd r, sid, suites, comp;
    int null_comp = 0;
    cl_status st;
    memset(ch, 0, sizeof *ch);
    tls_rd_init(&r, body, len);
    ch->legacy_version = tls_rd_u16(&r);
    ch->random = tls_rd_bytes(&r, 32);
    tls_rd_vec(&r, 1, 0, 32, &sid);
    tls_rd_vec(&r, 2, 2, 0xFFFE, &suites);
    tls_rd_vec(&r, 1, 1, 255, &comp);
    if (r.bad || suites.left % 2)
        FAIL(TLS_ALERT_DECODE_ERROR);
    ch->session_id_len = sid.left;
    memcpy(ch->session_id, sid.p, sid.left);
    while (suites.left > 0) {
        uint16_t s = tls_rd_u16(&suites);
        if (s == TLS_EMPTY_RENEGOTIATION_INFO_SCSV)
            ch->scsv_reneg = 1;
        else if (s == TLS_FALLBACK_SCSV)
            ch->scsv_fallback = 1;
        else if ((s == TLS_AES_128_GCM_SHA256 || s == TLS_RSA_WITH_AES_128_GCM_SHA256 ||
                  s == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256) && ch->n_suites < TLS_MAX_LIST)
            ch->suites[ch->n_suites++] = s;
    }
    while (comp.left > 0)
        if (tls_rd_u8(&comp) == 0)
            null_comp = 1;
    /* RFC 5246 §7.4.1.2: the list MUST include the null method. */
    if (!null_comp)
        FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
    st = tls_parse_extensions(&r, 0, 0, &ch->ext, alert);
    if (st != CL_OK)
        return st;
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    return CL_OK;
}

cl_status tls_parse_server_hello(const uint8_t *body, size_t len, tls_server_hello *sh, int *alert)
{
    tls_rd r, sid;
    cl_status st;
    memset(sh, 0, sizeof *sh);
    tls_rd_init(&r, body, len);
    sh->legacy_version = tls_rd_u16(&r);
    sh->random = tls_rd_bytes(&r, 32);
    tls_rd_vec(&r, 1, 0, 32, &sid);
    sh->suite = tls_rd_u16(&r);
    uint8_t comp = tls_rd_u8(&r);
    if (r.bad)
        FAIL(TLS_ALERT_DECODE_ERROR);
    if (comp != 0)
        FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
    sh->session_id_len = sid.left;
    memcpy(sh->session_id, sid.p, sid.left);
    sh->is_hrr = memcmp(sh->random, tls_hrr_random, 32) == 0;
    st = tls_parse_extensions(&r, 1, sh->is_hrr, &sh->ext, alert);
    if (st != CL_OK)
        return st;
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    return CL_OK;
}

void tls_write_client_hello(tls_wr *w, const tls_ch_params *p)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CLIENT_HELLO), v, ext, e, l;
    tls_wr_u16(w, 0x0303);                         /* legacy_version */
    tls_wr_bytes(w, p->random, 32);
    tls_wr_u8(w, (uint8_t)p->session_id_len);
    tls_wr_bytes(w, p->session_id, p->session_id_len);
    v = tls_wr_open(w, 2);
    for (size_t i = 0; i < p->n_suites; i++)
        tls_wr_u16(w, p->suites[i]);
    tls_wr_close(w, v, 2);
    tls_wr_u8(w, 1);                                /* legacy_compression_methods: null */
    tls_wr_u8(w, 0);
    ext = tls_wr_open(w, 2);
    if (p->sni != NULL && p->sni[0]) {
        size_t n = strlen(p->sni);
        tls_wr_u16(w, TLS_EXT_SERVER_NAME);
        e = tls_wr_open(w, 2);
        l = tls_wr_open(w, 2);
        tls_wr_u8(w, 0);                            /* host_name */
        tls_wr_u16(w, (uint16_t)n);
        tls_wr_bytes(w, p->sni, n);
        tls_wr_close(w, l, 2);
        tls_wr_close(w, e, 2);
    }
    if (p->offer12) {
        /* RFC 7627 extended_master_secret, RFC 5746 renegotiation_info (empty) */
        tls_wr_u16(w, TLS_EXT_EXTENDED_MASTER_SECRET);
        tls_wr_u16(w, 0);
        tls_wr_u16(w, TLS_EXT_RENEGOTIATION_INFO);
        tls_wr_u16(w, 1);
        tls_wr_u8(w, 0);
    }
    tls_wr_u16(w, TLS_EXT_SUPPORTED_GROUPS);
    e = tls_wr_open(w, 2);
    l = tls_wr_open(w, 2);
    for (size_t i = 0; i < p->n_groups; i++)
        tls_wr_u16(w, p->groups[i]);
    tls_wr_close(w, l, 2);
    tls_wr_close(w, e, 2);
    tls_wr_u16(w, TLS_EXT_SIGNATURE_ALGORITHMS);
    e = tls_wr_open(w, 2);
    l = tls_wr_open(w, 2);
    for (size_t i = 0; i < p->n_sigalgs; i++)
        tls_wr_u16(w, p->sigalgs[i]);
    tls_wr_close(w, l, 2);
    tls_wr_close(w, e, 2);
    if (p->n_versions > 0) {
        tls_wr_u16(w, TLS_EXT_SUPPORTED_VERSIONS);
        e = tls_wr_open(w, 2);
        l = tls_wr_open(w, 1);
        for (size_t i = 0; i < p->n_versions; i++)
            tls_wr_u16(w, p->versions[i]);
        tls_wr_close(w, l, 1);
        tls_wr_close(w, e, 2);
        tls_wr_u16(w, TLS_EXT_KEY_SHARE);
        e = tls_wr_open(w, 2);
        l = tls_wr_open(w, 2);
        for (size_t i = 0; i < p->n_shares; i++) {
            tls_wr_u16(w, p->shares[i].group);
            tls_wr_u16(w, (uint16_t)p->shares[i].len);
            tls_wr_bytes(w, p->shares[i].key, p->shares[i].len);
        }
        tls_wr_close(w, l, 2);
        tls_wr_close(w, e, 2);
        if (p->cookie != NULL) {
            tls_wr_u16(w, TLS_EXT_COOKIE);
            e = tls_wr_open(w, 2);
            tls_wr_u16(w, (uint16_t)p->cookie_len);
            tls_wr_bytes(w, p->cookie, p->cookie_len);
            tls_wr_close(w, e, 2);
        }
    }
    tls_wr_close(w, ext, 2);
    tls_wr_msg_close(w, m);
}

void tls_write_server_hello(tls_wr *w, const tls_sh_params *p)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_SERVER_HELLO), ext, e;
    tls_wr_u16(w, 0x0303);
    tls_wr_bytes(w, p->random, 32);
    tls_wr_u8(w, (uint8_t)p->session_id_len);
    tls_wr_bytes(w, p->session_id, p->session_id_len);
    tls_wr_u16(w, p->suite);
    tls_wr_u8(w, 0);
    ext = tls_wr_open(w, 2);
    if (p->version == 0x0304) {
        tls_wr_u16(w, TLS_EXT_SUPPORTED_VERSIONS);
        tls_wr_u16(w, 2);
        tls_wr_u16(w, 0x0304);
        tls_wr_u16(w, TLS_EXT_KEY_SHARE);
        e = tls_wr_open(w, 2);
        tls_wr_u16(w, p->share_group);
        if (p->share != NULL) {
            tls_wr_u16(w, (uint16_t)p->share_len);
            tls_wr_bytes(w, p->share, p->share_len);
        }
        tls_wr_close(w, e, 2);
        if (p->cookie != NULL) {
            tls_wr_u16(w, TLS_EXT_COOKIE);
            e = tls_wr_open(w, 2);
            tls_wr_u16(w, (uint16_t)p->cookie_len);
            tls_wr_bytes(w, p->cookie, p->cookie_len);
            tls_wr_close(w, e, 2);
        }
    } else {
        if (p->reneg) {
            tls_wr_u16(w, TLS_EXT_RENEGOTIATION_INFO);
            tls_wr_u16(w, 1);
            tls_wr_u8(w, 0);
        }
        if (p->ems) {
            tls_wr_u16(w, TLS_EXT_EXTENDED_MASTER_SECRET);
            tls_wr_u16(w, 0);
        }
    }
    tls_wr_close(w, ext, 2);
    tls_wr_msg_close(w, m);
}
