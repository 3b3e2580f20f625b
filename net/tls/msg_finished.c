/*
 * net/tls/msg_finished.c -- Finished (RFC 5246 §7.4.9, RFC 8446 §4.4.4),
 * KeyUpdate (RFC 8446 §4.6.3) and NewSessionTicket (§4.6.1, parsed only to
 * be ignored: we do not resume sessions).
 *
 *   struct { opaque verify_data[verify_data_length]; } Finished;
 *       12 bytes in TLS 1.2, Hash.length (32) in TLS 1.3
 *   enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 *   struct { KeyUpdateRequest request_update; } KeyUpdate;
 *   struct { uint32 ticket_lifetime; uint32 ticket_age_add; opaque ticket_nonce<0..255>;
 *            opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } NewSessionTicket;
 */
#include "net/tls/messages.h"
#include "net/tls/alert.h"
#include "common/ct.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

void tls_write_finished(tls_wr *w, const uint8_t *verify, size_t len)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_FINISHED);
    tls_wr_bytes(w, verify, len);
    tls_wr_msg_close(w, m);
}

cl_status tls_parse_finished(const uint8_t *body, size_t len, size_t want, int *alert)
{
    (void)body;
    if (len != want)
        FAIL(TLS_ALERT_DECODE_ERROR);
    return CL_OK;
}

int tls_finished_matches(const uint8_t *ours, const uint8_t *peers, size_t len)
{
    return cl_ct_memeq_public(ours, peers, len);
}

void tls_write_key_update(tls_wr *w, int request_update)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_KEY_UPDATE);
    tls_wr_u8(w, request_update ? 1 : 0);
    tls_wr_msg_close(w, m);
}

cl_status tls_parse_key_update(const uint8_t *body, size_t len, int *request_update, int *alert)
{
    if (len != 1)
        FAIL(TLS_ALERT_DECODE_ERROR);
    if (body[0] > 1)
        FAIL(TLS_ALERT_ILLEGAL_PARAMETER);    /* §4.6.3 */
    *request_update = body[0];
    return CL_OK;
}

cl_status tls_parse_new_session_ticket(const uint8_t *body, size_t len, int *alert)
{
    tls_rd r, nonce, ticket, ext;
    tls_rd_init(&r, body, len);
    tls_rd_bytes(&r, 8);                       /* lifetime, age_add */
    tls_rd_vec(&r, 1, 0, 255, &nonce);
    tls_rd_vec(&r, 2, 1, 0xFFFF, &ticket);
    tls_rd_vec(&r, 2, 0, 0xFFFE, &ext);
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    return CL_OK;
}
