/* net/wire.c -- frames and handshake messages (docs/protocol.md §2, §3). */
#include <string.h>
#include <strings.h>
#include "net/wire.h"
#include "common/bytes.h"

const char *net_alert_name(uint8_t code)
{
    switch (code) {
    case NET_ALERT_CLOSE_NOTIFY:       return "close_notify";
    case NET_ALERT_UNEXPECTED_MESSAGE: return "unexpected_message";
    case NET_ALERT_BAD_RECORD_MAC:     return "bad_record_mac";
    case NET_ALERT_RECORD_OVERFLOW:    return "record_overflow";
    case NET_ALERT_HANDSHAKE_FAILURE:  return "handshake_failure";
    case NET_ALERT_UNKNOWN_SERVER_KEY: return "unknown_server_key";
    case NET_ALERT_DECODE_ERROR:       return "decode_error";
    case NET_ALERT_DECRYPT_ERROR:      return "decrypt_error";
    case NET_ALERT_PROTOCOL_VERSION:   return "protocol_version";
    case NET_ALERT_INTERNAL_ERROR:     return "internal_error";
    case NET_ALERT_TIMEOUT:            return "timeout";
    case NET_ALERT_SERVER_BUSY:        return "server_busy";
    case NET_ALERT_TOO_SLOW:           return "too_slow";
    default:                           return "unknown";
    }
}

const char *net_suite_name(uint8_t suite)
{
    switch (suite) {
    case NET_SUITE_AES256_CTR_HMAC_SHA256: return "AES256-CTR-HMAC-SHA256";
    case NET_SUITE_AES256_GCM:             return "AES256-GCM";
    default:                               return "unknown";
    }
}

const char *net_frame_name(uint8_t type)
{
    switch (type) {
    case NET_T_CLIENT_HELLO: return "ClientHello";
    case NET_T_SERVER_HELLO: return "ServerHello";
    case NET_T_KEY_EXCHANGE: return "KeyExchange";
    case NET_T_FINISHED:     return "Finished";
    case NET_T_ALERT:        return "Alert";
    case NET_T_APPDATA:      return "ApplicationData";
    default:                 return "unknown";
    }
}

cl_status net_suites_parse(const char *text, uint8_t out[NET_MAX_SUITES], size_t *n)
{
    if (!text || !out || !n) return CL_ERR_NULL_POINTER;
    *n = 0;
    const char *p = text;
    for (;;) {
        size_t l = strcspn(p, ",");
        uint8_t id = 0;
        if ((l == 3 && !strncasecmp(p, "gcm", 3)) || (l == 10 && !strncasecmp(p, "AES256-GCM", 10)))
            id = NET_SUITE_AES256_GCM;
        else if ((l == 3 && !strncasecmp(p, "ctr", 3)) ||
                 (l == 22 && !strncasecmp(p, "AES256-CTR-HMAC-SHA256", 22)))
            id = NET_SUITE_AES256_CTR_HMAC_SHA256;
        if (!id || *n >= NET_MAX_SUITES || memchr(out, id, *n)) { *n = 0; return CL_ERR_BAD_ARGUMENT; }
        out[(*n)++] = id;
        if (!p[l]) return CL_OK;
        p += l + 1;
    }
}

/* §5: length of the tag a suite appends to a record. */
static uint32_t suite_tag_len(uint8_t suite)
{
    return suite == NET_SUITE_AES256_GCM ? NET_GCM_TAG_LEN : NET_MAC_LEN;
}

/* §2 table: allowed body lengths of each frame type. */
cl_status net_frame_check(uint8_t type, uint32_t length, int protected_, uint8_t suite,
                          uint8_t *alert)
{
    uint32_t lo, hi;
    switch (type) {
    case NET_T_CLIENT_HELLO: lo = 35 + 1;  hi = 35 + NET_MAX_SUITES; break;
    case NET_T_SERVER_HELLO: lo = 37 + 1;  hi = 37 + NET_MAX_SPKI; break;
    case NET_T_KEY_EXCHANGE: lo = 2 + 1;   hi = 2 + NET_MAX_RSA_BYTES; break;
    case NET_T_FINISHED:     lo = NET_FINISHED_LEN; hi = NET_FINISHED_LEN; break;
    case NET_T_ALERT:
        if (protected_) { lo = hi = 1 + suite_tag_len(suite); }
        else            { lo = hi = 1; }
        break;
    case NET_T_APPDATA:
        if (!protected_) { *alert = NET_ALERT_UNEXPECTED_MESSAGE; return CL_ERR_PROTOCOL; }
        lo = 1 + suite_tag_len(suite);
        hi = NET_MAX_PLAINTEXT + suite_tag_len(suite);
        break;
    default:
        *alert = NET_ALERT_UNEXPECTED_MESSAGE;
        return CL_ERR_PROTOCOL;
    }
    if (length > hi) { *alert = NET_ALERT_RECORD_OVERFLOW; return CL_ERR_PROTOCOL; }
    if (length < lo) { *alert = NET_ALERT_DECODE_ERROR; return CL_ERR_PROTOCOL; }
    return CL_OK;
}

void net_frame_header(uint8_t out[NET_HDR_LEN], uint8_t type, uint32_t length)
{
    out[0] = type;
    store32_be(out + 1, length);
}

cl_status net_encode_client_hello(const struct net_client_hello *ch,
                                  uint8_t *out, size_t cap, size_t *len)
{
    if (!ch || !out || !len) return CL_ERR_NULL_POINTER;
    if (ch->n_suites < 1 || ch->n_suites > NET_MAX_SUITES) return CL_ERR_BAD_ARGUMENT;
    size_t body = 35 + (size_t)ch->n_suites;
    if (cap < NET_HDR_LEN + body) return CL_ERR_OUTPUT_SPACE;
    net_frame_header(out, NET_T_CLIENT_HELLO, (uint32_t)body);
    uint8_t *p = out + NET_HDR_LEN;
    store16_be(p, ch->version);
    memcpy(p + 2, ch->random, NET_RANDOM_LEN);
    p[34] = ch->n_suites;
    memcpy(p + 35, ch->suites, ch->n_suites);
    *len = NET_HDR_LEN + body;
    return CL_OK;
}

cl_status net_encode_server_hello(const struct net_server_hello *sh,
                                  uint8_t *out, size_t cap, size_t *len)
{
    if (!sh || !out || !len || !sh->spki) return CL_ERR_NULL_POINTER;
    if (sh->spki_len < 1 || sh->spki_len > NET_MAX_SPKI) return CL_ERR_BAD_ARGUMENT;
    size_t body = 37 + (size_t)sh->spki_len;
    if (cap < NET_HDR_LEN + body) return CL_ERR_OUTPUT_SPACE;
    net_frame_header(out, NET_T_SERVER_HELLO, (uint32_t)body);
    uint8_t *p = out + NET_HDR_LEN;
    store16_be(p, sh->version);
    memcpy(p + 2, sh->random, NET_RANDOM_LEN);
    p[34] = sh->suite;
    store16_be(p + 35, sh->spki_len);
    memcpy(p + 37, sh->spki, sh->spki_len);
    *len = NET_HDR_LEN + body;
    return CL_OK;
}

cl_status net_encode_key_exchange(const uint8_t *ct, size_t ct_len,
                                  uint8_t *out, size_t cap, size_t *len)
{
    if (!ct || !out || !len) return CL_ERR_NULL_POINTER;
    if (ct_len < 1 || ct_len > NET_MAX_RSA_BYTES) return CL_ERR_BAD_ARGUMENT;
    size_t body = 2 + ct_len;
    if (cap < NET_HDR_LEN + body) return CL_ERR_OUTPUT_SPACE;
    net_frame_header(out, NET_T_KEY_EXCHANGE, (uint32_t)body);
    store16_be(out + NET_HDR_LEN, (uint16_t)ct_len);
    memcpy(out + NET_HDR_LEN + 2, ct, ct_len);
    *len = NET_HDR_LEN + body;
    return CL_OK;
}

cl_status net_encode_finished(const uint8_t verify[NET_FINISHED_LEN],
                              uint8_t *out, size_t cap, size_t *len)
{
    if (!verify || !out || !len) return CL_ERR_NULL_POINTER;
    if (cap < NET_HDR_LEN + NET_FINISHED_LEN) return CL_ERR_OUTPUT_SPACE;
    net_frame_header(out, NET_T_FINISHED, NET_FINISHED_LEN);
    memcpy(out + NET_HDR_LEN, verify, NET_FINISHED_LEN);
    *len = NET_HDR_LEN + NET_FINISHED_LEN;
    return CL_OK;
}

static cl_status decode_error(uint8_t *alert)
{
    *alert = NET_ALERT_DECODE_ERROR;
    return CL_ERR_PROTOCOL;
}

/* §3.1: u16 version || random[32] || u8 n || suites[n], nothing after. */
cl_status net_parse_client_hello(const uint8_t *body, size_t len,
                                 struct net_client_hello *ch, uint8_t *alert)
{
    if (!body || !ch || !alert) return CL_ERR_NULL_POINTER;
    if (len < 36) return decode_error(alert);
    ch->version = load16_be(body);
    memcpy(ch->random, body + 2, NET_RANDOM_LEN);
    ch->n_suites = body[34];
    if (ch->n_suites < 1 || ch->n_suites > NET_MAX_SUITES || len != 35 + (size_t)ch->n_suites)
        return decode_error(alert);
    memcpy(ch->suites, body + 35, ch->n_suites);
    return CL_OK;
}

/* §3.2: u16 version || random[32] || u8 suite || u16 spki_len || spki. */
cl_status net_parse_server_hello(const uint8_t *body, size_t len,
                                 struct net_server_hello *sh, uint8_t *alert)
{
    if (!body || !sh || !alert) return CL_ERR_NULL_POINTER;
    if (len < 38) return decode_error(alert);
    sh->version = load16_be(body);
    memcpy(sh->random, body + 2, NET_RANDOM_LEN);
    sh->suite = body[34];
    sh->spki_len = load16_be(body + 35);
    if (sh->spki_len < 1 || sh->spki_len > NET_MAX_SPKI || len != 37 + (size_t)sh->spki_len)
        return decode_error(alert);
    sh->spki = body + 37;
    return CL_OK;
}

/* §3.3: u16 ct_len || ciphertext. */
cl_status net_parse_key_exchange(const uint8_t *body, size_t len,
                                 const uint8_t **ct, size_t *ct_len, uint8_t *alert)
{
    if (!body || !ct || !ct_len || !alert) return CL_ERR_NULL_POINTER;
    if (len < 3) return decode_error(alert);
    size_t n = load16_be(body);
    if (n < 1 || n > NET_MAX_RSA_BYTES || len != 2 + n) return decode_error(alert);
    *ct = body + 2;
    *ct_len = n;
    return CL_OK;
}

/* §3.4: exactly 32 bytes. */
cl_status net_parse_finished(const uint8_t *body, size_t len,
                             const uint8_t **verify, uint8_t *alert)
{
    if (!body || !verify || !alert) return CL_ERR_NULL_POINTER;
    if (len != NET_FINISHED_LEN) return decode_error(alert);
    *verify = body;
    return CL_OK;
}
