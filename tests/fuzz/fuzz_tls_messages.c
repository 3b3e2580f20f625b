/*
 * tests/fuzz/fuzz_tls_messages.c -- every handshake message parser of both
 * sides (net/tls/msg_*.c, extensions.c) on arbitrary bytes.  Input byte 0
 * selects the parser; the rest is a message body (without its 4-byte
 * header).  The parsers must never read out of bounds (ASan), and what they
 * return must lie inside the input.
 */
#include "tests/fuzz/fuzz.h"
#include "net/tls/messages.h"

#define INSIDE(p, n) FUZZ_CHECK((p) == NULL || ((p) >= body && (p) + (n) <= body + len))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tls_client_hello ch;
    static tls_server_hello sh;
    tls_chain_view cv;
    tls_ske_dhe ske;
    const uint8_t *body, *p;
    size_t len, n;
    uint16_t scheme, sigs[TLS_MAX_LIST];
    size_t n_sigs;
    int alert, req;
    if (size < 1)
        return 0;
    body = data + 1;
    len = size - 1;
    switch (data[0] % 12) {
    case 0:
        if (tls_parse_client_hello(body, len, &ch, &alert) == CL_OK) {
            INSIDE(ch.random, 32);
            FUZZ_CHECK(ch.session_id_len <= 32 && ch.n_suites <= TLS_MAX_LIST);
            for (size_t i = 0; i < ch.ext.n_shares; i++)
                INSIDE(ch.ext.shares[i].key, ch.ext.shares[i].len);
        }
        break;
    case 1:
        if (tls_parse_server_hello(body, len, &sh, &alert) == CL_OK)
            INSIDE(sh.ext.server_share.key, sh.ext.server_share.len);
        break;
    case 2:
        (void)tls_parse_encrypted_extensions(body, len, &alert);
        break;
    case 3:
    case 4:
        if (tls_parse_certificate(body, len, data[0] % 12 == 3, &cv, &alert) == CL_OK)
            for (size_t i = 0; i < cv.n; i++)
                INSIDE(cv.der[i], cv.len[i]);
        /* a client's answer: may be empty; context checked against an empty one */
        if (tls_parse_client_certificate(body, len, data[0] % 12 == 3, NULL, 0, &cv, &alert) == CL_OK)
            for (size_t i = 0; i < cv.n; i++)
                INSIDE(cv.der[i], cv.len[i]);
        break;
    case 5:
        if (tls_parse_certificate_verify(body, len, &scheme, &p, &n, &alert) == CL_OK)
            INSIDE(p, n);
        break;
    case 6:
        if (tls_parse_server_key_exchange_dhe(body, len, &ske, &alert) == CL_OK) {
            INSIDE(ske.p, ske.p_len);
            INSIDE(ske.Ys, ske.ys_len);
            INSIDE(ske.sig, ske.sig_len);
        }
        break;
    case 7:
        if (tls_parse_client_key_exchange(body, len, &p, &n, &alert) == CL_OK)
            INSIDE(p, n);
        break;
    case 8:
        (void)tls_parse_key_update(body, len, &req, &alert);
        break;
    case 9:
        (void)tls_parse_new_session_ticket(body, len, &alert);
        break;
    case 10:
    case 11:
        if (tls_parse_certificate_request(body, len, data[0] % 12 == 10, &p, &n, sigs, &n_sigs, &alert) == CL_OK) {
            INSIDE(p, n);
            FUZZ_CHECK(n_sigs <= TLS_MAX_LIST);
        }
        break;
    }
    return 0;
}
