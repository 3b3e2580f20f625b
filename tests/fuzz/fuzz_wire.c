/*
 * tests/fuzz/fuzz_wire.c -- the protocol's wire parsers (net/wire.c,
 * net/app.c; docs/protocol.md §2, §3, §9) on arbitrary bytes.
 *
 * Input: byte 0 selects what the rest is:
 *   bit 4 set: a suite list for net_suites_parse ("gcm,ctr");
 *   bit 3 set: one application message for net_app_parse (§9);
 *   otherwise a stream of frames (5-byte header, body), each header checked
 *   with net_frame_check (bit 0: the sender's Finished was sent; bits 1-2:
 *   the suite) and each body given to the parser of its type.
 * Properties: a parser that accepts a body re-encodes it to the same frame
 * (hellos, key exchange, finished); a parser that refuses names an alert;
 * an accepted application message respects the §9 limits.
 */
#include "tests/fuzz/fuzz.h"
#include "net/wire.h"
#include "net/app.h"

/* (st is computed before the call, so n is already set) */
static void reencoded(const uint8_t *frame, size_t len, cl_status st, const uint8_t *out, size_t n)
{
    FUZZ_CHECK(st == CL_OK && n == len && !memcmp(frame, out, len));
}

static void one_frame(const uint8_t *frame, size_t len, uint8_t type)
{
    const uint8_t *body = frame + NET_HDR_LEN;
    size_t blen = len - NET_HDR_LEN;
    uint8_t alert = NET_ALERT_NONE;
    static uint8_t out[NET_MAX_FRAME + 64];
    size_t n = 0;
    cl_status st = CL_ERR_PROTOCOL;
    switch (type) {
    case NET_T_CLIENT_HELLO: {
        struct net_client_hello ch;
        st = net_parse_client_hello(body, blen, &ch, &alert);
        if (st == CL_OK) {
            FUZZ_CHECK(ch.n_suites <= NET_MAX_SUITES);
            cl_status e = net_encode_client_hello(&ch, out, sizeof out, &n);
            reencoded(frame, len, e, out, n);
        }
        break;
    }
    case NET_T_SERVER_HELLO: {
        struct net_server_hello sh;
        st = net_parse_server_hello(body, blen, &sh, &alert);
        if (st == CL_OK) {
            FUZZ_CHECK(sh.spki >= body && sh.spki + sh.spki_len <= body + blen);
            cl_status e = net_encode_server_hello(&sh, out, sizeof out, &n);
            reencoded(frame, len, e, out, n);
        }
        break;
    }
    case NET_T_KEY_EXCHANGE: {
        const uint8_t *ct;
        size_t ct_len;
        st = net_parse_key_exchange(body, blen, &ct, &ct_len, &alert);
        if (st == CL_OK) {
            cl_status e = net_encode_key_exchange(ct, ct_len, out, sizeof out, &n);
            reencoded(frame, len, e, out, n);
        }
        break;
    }
    case NET_T_FINISHED: {
        const uint8_t *v;
        st = net_parse_finished(body, blen, &v, &alert);
        if (st == CL_OK) {
            cl_status e = net_encode_finished(v, out, sizeof out, &n);
            reencoded(frame, len, e, out, n);
        }
        break;
    }
    default:
        return;
    }
    if (st != CL_OK) FUZZ_CHECK(alert != NET_ALERT_NONE && strcmp(net_alert_name(alert), "unknown"));
}

static void app_message(const uint8_t *msg, size_t len)
{
    struct net_app_msg m;
    uint8_t alert = NET_ALERT_NONE;
    if (net_app_parse(msg, len, &m, &alert) == CL_OK) {
        FUZZ_CHECK(m.name_len <= NET_MAX_NAME && m.name[m.name_len] == '\0');
        if (m.data) FUZZ_CHECK(m.data >= msg && m.data + m.data_len <= msg + len);
        (void)net_file_name_ok(m.name, m.name_len);
        (void)net_nick_ok(m.name, m.name_len);
        (void)net_result_name(m.code);
    } else {
        FUZZ_CHECK(alert != NET_ALERT_NONE);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t mode = data[0];
    data++, size--;
    if (mode & 0x10) {
        char *t = fuzz_cstr(data, size);
        uint8_t ids[NET_MAX_SUITES];
        size_t n = 0;
        if (t && net_suites_parse(t, ids, &n) == CL_OK) {
            FUZZ_CHECK(n >= 1 && n <= NET_MAX_SUITES);
            for (size_t i = 0; i < n; i++) FUZZ_CHECK(strcmp(net_suite_name(ids[i]), "unknown"));
        }
        free(t);
        return 0;
    }
    if (mode & 0x08) {
        uint8_t *copy = malloc(size ? size : 1);    /* exact size for ASan */
        if (copy) { memcpy(copy, data, size); app_message(copy, size); }
        free(copy);
        return 0;
    }
    int protected_ = mode & 1;
    uint8_t suite = (mode >> 1) & 3;
    while (size >= NET_HDR_LEN) {
        uint8_t type = data[0];
        uint32_t len = (uint32_t)data[1] << 24 | (uint32_t)data[2] << 16 | (uint32_t)data[3] << 8 | data[4];
        uint8_t alert = NET_ALERT_NONE;
        (void)net_frame_name(type);
        if (net_frame_check(type, len, protected_, suite, &alert) != CL_OK) {
            FUZZ_CHECK(alert != NET_ALERT_NONE);
            return 0;
        }
        FUZZ_CHECK(len <= NET_MAX_FRAME - NET_HDR_LEN);
        if (len > size - NET_HDR_LEN) return 0;
        uint8_t *frame = malloc(NET_HDR_LEN + len);   /* exact size for ASan */
        if (!frame) return 0;
        memcpy(frame, data, NET_HDR_LEN + len);
        one_frame(frame, NET_HDR_LEN + len, type);
        free(frame);
        data += NET_HDR_LEN + len;
        size -= NET_HDR_LEN + len;
    }
    return 0;
}
