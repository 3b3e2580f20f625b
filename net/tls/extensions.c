/*
 * net/tls/extensions.c -- the hello extensions we speak (see
 * net/tls/messages.h for the list), parsed and written.
 *
 *   struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension;
 *
 * RFC 8446 §4.2: "There MUST NOT be more than one extension of the same
 * type in a given extension block" (illegal_parameter); a ServerHello may
 * carry only extensions the client offered (unsupported_extension); a
 * client's unknown extensions are ignored.
 */
#include <string.h>
#include "net/tls/messages.h"
#include "net/tls/alert.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

/* A list of uint16 values: vector<min..max> with a prefix of 1 or 2 bytes. */
static int read_u16_list(tls_rd *r, size_t prefix, size_t min, size_t max, uint16_t *out, size_t *n)
{
    tls_rd v;
    tls_rd_vec(r, prefix, min, max, &v);
    if (v.bad || v.left % 2)
        return 0;
    *n = 0;
    while (v.left > 0) {
        uint16_t x = tls_rd_u16(&v);
        if (*n < TLS_MAX_LIST)
            out[(*n)++] = x;
    }
    return !v.bad;
}

/* RFC 6066 §3 ServerNameList: the first host_name is kept. */
static int parse_sni(tls_rd *r, tls_hello_ext *e)
{
    tls_rd list;
    tls_rd_vec(r, 2, 1, 0xFFFF, &list);
    while (!list.bad && list.left > 0) {
        uint8_t type = tls_rd_u8(&list);
        tls_rd name;
        tls_rd_vec(&list, 2, 1, 0xFFFF, &name);
        if (name.bad)
            return 0;
        if (type == 0 && e->sni[0] == 0) {
            if (name.left > 255 || memchr(name.p, 0, name.left) != NULL)
                return 0;
            memcpy(e->sni, name.p, name.left);
            e->sni[name.left] = 0;
        }
    }
    return !list.bad && tls_rd_end(r);
}

static int parse_key_shares(tls_rd *r, tls_hello_ext *e)
{
    tls_rd list;
    tls_rd_vec(r, 2, 0, 0xFFFF, &list);
    while (!list.bad && list.left > 0) {
        uint16_t g = tls_rd_u16(&list);
        tls_rd key;
        tls_rd_vec(&list, 2, 1, 0xFFFF, &key);
        if (key.bad)
            return 0;
        /* §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for
         * the same group" */
        for (size_t i = 0; i < e->n_shares; i++)
            if (e->shares[i].group == g)
                return -1;
        if (e->n_shares < TLS_MAX_SHARES) {
            e->shares[e->n_shares].group = g;
            e->shares[e->n_shares].key = key.p;
            e->shares[e->n_shares].len = key.left;
            e->n_shares++;
        }
    }
    return !list.bad && tls_rd_end(r);
}

cl_status tls_parse_extensions(tls_rd *r, int in_sh, int is_hrr, tls_hello_ext *e, int *alert)
{
    uint16_t seen[64];
    size_t n_seen = 0;
    tls_rd block;
    memset(e, 0, sizeof *e);
    if (r->left == 0 && !r->bad)
        return CL_OK;                  /* no extensions at all (allowed in 1.2) */
    tls_rd_vec(r, 2, 0, 0xFFFF, &block);
    if (block.bad)
        FAIL(TLS_ALERT_DECODE_ERROR);
    while (block.left > 0) {
        uint16_t type = tls_rd_u16(&block);
        tls_rd d;
        int ok = 1;
        tls_rd_vec(&block, 2, 0, 0xFFFF, &d);
        if (block.bad)
            FAIL(TLS_ALERT_DECODE_ERROR);
        for (size_t i = 0; i < n_seen; i++)
            if (seen[i] == type)
                FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
        if (n_seen < 64)
            seen[n_seen++] = type;
        switch (type) {
        case TLS_EXT_SERVER_NAME:
            e->seen_sni = 1;
            ok = in_sh ? d.left == 0 : parse_sni(&d, e);
            break;
        case TLS_EXT_SUPPORTED_GROUPS:
            if (in_sh)
                FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);
            e->seen_groups = 1;
            ok = read_u16_list(&d, 2, 2, 0xFFFF, e->groups, &e->n_groups) && tls_rd_end(&d);
            break;
        case TLS_EXT_SIGNATURE_ALGORITHMS:
            if (in_sh)
                FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);
            e->seen_sigalgs = 1;
            ok = read_u16_list(&d, 2, 2, 0xFFFE, e->sigalgs, &e->n_sigalgs) && tls_rd_end(&d);
            break;
        case TLS_EXT_SUPPORTED_VERSIONS:
            e->seen_versions = 1;
            if (in_sh) {
                e->selected_version = tls_rd_u16(&d);
                ok = tls_rd_end(&d);
            } else {
                ok = read_u16_list(&d, 1, 2, 254, e->versions, &e->n_versions) && tls_rd_end(&d);
            }
            break;
        case TLS_EXT_KEY_SHARE:
            e->seen_key_share = 1;
            if (in_sh && is_hrr) {
                e->server_share.group = tls_rd_u16(&d);       /* selected_group */
                ok = tls_rd_end(&d);
            } else if (in_sh) {
                tls_rd key;
                e->server_share.group = tls_rd_u16(&d);
                tls_rd_vec(&d, 2, 1, 0xFFFF, &key);
                e->server_share.key = key.p;
                e->server_share.len = key.left;
                ok = !key.bad && tls_rd_end(&d);
            } else {
                int rc = parse_key_shares(&d, e);
                if (rc < 0)
                    FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
                ok = rc;
            }
            break;
        case TLS_EXT_RENEGOTIATION_INFO: {
            tls_rd v;
            e->seen_reneg = 1;
            tls_rd_vec(&d, 1, 0, 255, &v);
            e->reneg = v.p;
            e->reneg_len = v.left;
            ok = !v.bad && tls_rd_end(&d);
            break;
        }
        case TLS_EXT_EXTENDED_MASTER_SECRET:
            e->seen_ems = 1;
            ok = d.left == 0;               /* RFC 7627 §5.1: extension_data is empty */
            break;
        case TLS_EXT_COOKIE: {
            tls_rd v;
            e->seen_cookie = 1;
            tls_rd_vec(&d, 2, 1, 0xFFFF, &v);
            e->cookie = v.p;
            e->cookie_len = v.left;
            ok = !v.bad && tls_rd_end(&d);
            break;
        }
        case TLS_EXT_PRE_SHARED_KEY:
            if (in_sh)
                FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);   /* we never offer a PSK */
            e->seen_psk = 1;
            break;
        case TLS_EXT_EARLY_DATA:
            if (in_sh)
                FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);
            e->seen_early_data = 1;
            break;
        default:
            /* A server may only answer what we offered. */
            if (in_sh)
                FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);
            break;                          /* a client's other extensions: ignored */
        }
        if (!ok)
            FAIL(TLS_ALERT_DECODE_ERROR);
    }
    return CL_OK;
}

cl_status tls_parse_encrypted_extensions(const uint8_t *body, size_t len, int *alert)
{
    tls_rd r, block;
    tls_rd_init(&r, body, len);
    tls_rd_vec(&r, 2, 0, 0xFFFF, &block);
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    while (block.left > 0) {
        uint16_t type = tls_rd_u16(&block);
        tls_rd d;
        tls_rd_vec(&block, 2, 0, 0xFFFF, &d);
        if (block.bad)
            FAIL(TLS_ALERT_DECODE_ERROR);
        switch (type) {
        case TLS_EXT_SERVER_NAME:
            if (d.left != 0)
                FAIL(TLS_ALERT_DECODE_ERROR);
            break;
        case TLS_EXT_SUPPORTED_GROUPS:          /* the server's preferences: informational */
            break;
        default:
            /* §4.3.1: anything we did not offer (or that may not be here) */
            FAIL(TLS_ALERT_UNSUPPORTED_EXTENSION);
        }
    }
    return CL_OK;
}

void tls_write_encrypted_extensions(tls_wr *w, int ack_sni)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_ENCRYPTED_EXTENSIONS);
    size_t ext = tls_wr_open(w, 2);
    if (ack_sni) {
        tls_wr_u16(w, TLS_EXT_SERVER_NAME);
        tls_wr_u16(w, 0);
    }
    tls_wr_close(w, ext, 2);
    tls_wr_msg_close(w, m);
}
