/*
 * net/tls/record.c -- record protection and framing for TLS 1.2 (RFC 5246
 * §6.2, RFC 5288) and TLS 1.3 (RFC 8446 §5); see net/tls/record.h.
 */
#include <stddef.h>
#include <string.h>
#include "net/tls/record.h"
#include "net/tls/alert.h"
#include "net/io.h"
#include "common/bytes.h"
#include "common/ct.h"

cl_status tls_record_dir_set12(tls_record_dir *d, const uint8_t key[16], const uint8_t salt[4])
{
    cl_status st = gcm_init(&d->gcm, key, 16);
    if (st != CL_OK)
        return st;
    memset(d->iv, 0, sizeof d->iv);
    memcpy(d->iv, salt, 4);
    d->seq = 0;
    d->v13 = 0;
    d->on = 1;
    return CL_OK;
}

cl_status tls_record_dir_set13(tls_record_dir *d, const uint8_t key[16], const uint8_t iv[12])
{
    cl_status st = gcm_init(&d->gcm, key, 16);
    if (st != CL_OK)
        return st;
    memcpy(d->iv, iv, 12);
    d->seq = 0;
    d->v13 = 1;
    d->on = 1;
    return CL_OK;
}

void tls_record_dir_clear(tls_record_dir *d)
{
    gcm_clear(&d->gcm);
    cl_wipe(d, sizeof *d);
}

/* RFC 8446 §5.3: the per-record nonce, write_iv XOR the padded sequence number. */
static void nonce13(const tls_record_dir *d, uint8_t nonce[12])
{
    memcpy(nonce, d->iv, 12);
    for (int i = 0; i < 8; i++)
        nonce[4 + i] ^= (uint8_t)(d->seq >> (56 - 8 * i));
}

cl_status tls_record_seal(tls_record_dir *d, uint8_t type, uint16_t version,
                          const uint8_t *data, size_t len,
                          uint8_t *out, size_t cap, size_t *out_len)
{
    uint8_t nonce[12], aad[13];
    size_t n;
    cl_status st;
    if (len > TLS_MAX_PLAINTEXT)
        return CL_ERR_INPUT_LENGTH;
    if (!d->on) {
        /* TLSPlaintext */
        if (cap < TLS_RECORD_HEADER + len)
            return CL_ERR_OUTPUT_SPACE;
        out[0] = type;
        store16_be(out + 1, version);
        store16_be(out + 3, (uint16_t)len);
        if (len)
            memmove(out + TLS_RECORD_HEADER, data, len);
        *out_len = TLS_RECORD_HEADER + len;
        return CL_OK;
    }
    if (d->seq == UINT64_MAX)
        return CL_ERR_COUNTER_WRAP;
    if (d->v13) {
        /* TLSCiphertext: encrypted TLSInnerPlaintext = content || type */
        n = len + 1 + GCM_TAG_SIZE;
        if (cap < TLS_RECORD_HEADER + n)
            return CL_ERR_OUTPUT_SPACE;
        out[0] = TLS_CT_APPLICATION_DATA;
        store16_be(out + 1, 0x0303);
        store16_be(out + 3, (uint16_t)n);
        if (len)
            memmove(out + TLS_RECORD_HEADER, data, len);
        out[TLS_RECORD_HEADER + len] = type;
        nonce13(d, nonce);
        st = gcm_encrypt(&d->gcm, nonce, 12, out, TLS_RECORD_HEADER,
                         out + TLS_RECORD_HEADER, len + 1, out + TLS_RECORD_HEADER,
                         out + TLS_RECORD_HEADER + len + 1, GCM_TAG_SIZE);
    } else {
        /* GenericAEADCipher: nonce_explicit || ciphertext || tag (RFC 5288 §3) */
        n = TLS12_EXPLICIT_NONCE + len + GCM_TAG_SIZE;
        if (cap < TLS_RECORD_HEADER + n)
            return CL_ERR_OUTPUT_SPACE;
        out[0] = type;
        store16_be(out + 1, version);
        store16_be(out + 3, (uint16_t)n);
        if (len)
            memmove(out + TLS_RECORD_HEADER + TLS12_EXPLICIT_NONCE, data, len);
        memcpy(nonce, d->iv, 4);
        store64_be(nonce + 4, d->seq);
        memcpy(out + TLS_RECORD_HEADER, nonce + 4, 8);
        /* additional_data = seq_num + TLSCompressed.type + version + length */
        store64_be(aad, d->seq);
        aad[8] = type;
        store16_be(aad + 9, version);
        store16_be(aad + 11, (uint16_t)len);
        st = gcm_encrypt(&d->gcm, nonce, 12, aad, sizeof aad,
                         out + TLS_RECORD_HEADER + 8, len, out + TLS_RECORD_HEADER + 8,
                         out + TLS_RECORD_HEADER + 8 + len, GCM_TAG_SIZE);
    }
    if (st != CL_OK)
        return st;
    d->seq++;
    *out_len = TLS_RECORD_HEADER + n;
    return CL_OK;
}

cl_status tls_record_open(tls_record_dir *d, uint8_t *rec, size_t rec_len,
                          uint8_t *type, uint8_t **frag, size_t *frag_len, int *alert)
{
    uint8_t nonce[12], aad[13];
    size_t n;
    cl_status st;
    *alert = TLS_ALERT_DECODE_ERROR;
    if (rec_len < TLS_RECORD_HEADER || load16_be(rec + 3) != rec_len - TLS_RECORD_HEADER)
        return CL_ERR_PROTOCOL;
    n = rec_len - TLS_RECORD_HEADER;
    *type = rec[0];
    if (!d->on || (d->v13 && rec[0] == TLS_CT_CHANGE_CIPHER_SPEC)) {
        /* TLSPlaintext (and, in 1.3, the unprotected middlebox CCS, §5) */
        if (n > TLS_MAX_PLAINTEXT) {
            *alert = TLS_ALERT_RECORD_OVERFLOW;
            return CL_ERR_PROTOCOL;
        }
        *frag = rec + TLS_RECORD_HEADER;
        *frag_len = n;
        return CL_OK;
    }
    if (d->seq == UINT64_MAX) {
        *alert = TLS_ALERT_INTERNAL_ERROR;
        return CL_ERR_COUNTER_WRAP;
    }
    if (d->v13) {
        if (rec[0] != TLS_CT_APPLICATION_DATA) {
            *alert = TLS_ALERT_UNEXPECTED_MESSAGE;
            return CL_ERR_PROTOCOL;
        }
        if (n > TLS13_MAX_CIPHERTEXT) {
            *alert = TLS_ALERT_RECORD_OVERFLOW;
            return CL_ERR_PROTOCOL;
        }
        if (n < GCM_TAG_SIZE + 1) {
            *alert = TLS_ALERT_BAD_RECORD_MAC;
            return CL_ERR_BAD_RECORD_MAC;
        }
        nonce13(d, nonce);
        st = gcm_decrypt(&d->gcm, nonce, 12, rec, TLS_RECORD_HEADER,
                         rec + TLS_RECORD_HEADER, n - GCM_TAG_SIZE,
                         rec + TLS_RECORD_HEADER + n - GCM_TAG_SIZE, GCM_TAG_SIZE,
                         rec + TLS_RECORD_HEADER);
        if (st != CL_OK) {
            *alert = TLS_ALERT_BAD_RECORD_MAC;
            return st == CL_ERR_AUTH ? CL_ERR_BAD_RECORD_MAC : st;
        }
        d->seq++;
        /* TLSInnerPlaintext: strip the zero padding, the last nonzero octet is the type */
        size_t m = n - GCM_TAG_SIZE;
        while (m > 0 && rec[TLS_RECORD_HEADER + m - 1] == 0)
            m--;
        if (m == 0) {
            *alert = TLS_ALERT_UNEXPECTED_MESSAGE;
            return CL_ERR_PROTOCOL;
        }
        if (m - 1 > TLS_MAX_PLAINTEXT) {
            *alert = TLS_ALERT_RECORD_OVERFLOW;
            return CL_ERR_PROTOCOL;
        }
        *type = rec[TLS_RECORD_HEADER + m - 1];
        *frag = rec + TLS_RECORD_HEADER;
        *frag_len = m - 1;
        return CL_OK;
    }
    /* TLS 1.2 GenericAEADCipher */
    if (n > TLS12_MAX_CIPHERTEXT) {
        *alert = TLS_ALERT_RECORD_OVERFLOW;
        return CL_ERR_PROTOCOL;
    }
    if (n < TLS12_EXPLICIT_NONCE + GCM_TAG_SIZE) {
        *alert = TLS_ALERT_BAD_RECORD_MAC;
        return CL_ERR_BAD_RECORD_MAC;
    }
    size_t len = n - TLS12_EXPLICIT_NONCE - GCM_TAG_SIZE;
    if (len > TLS_MAX_PLAINTEXT) {
        *alert = TLS_ALERT_RECORD_OVERFLOW;
        return CL_ERR_PROTOCOL;
    }
    memcpy(nonce, d->iv, 4);
    memcpy(nonce + 4, rec + TLS_RECORD_HEADER, 8);
    store64_be(aad, d->seq);
    aad[8] = rec[0];
    memcpy(aad + 9, rec + 1, 2);
    store16_be(aad + 11, (uint16_t)len);
    uint8_t *ct = rec + TLS_RECORD_HEADER + TLS12_EXPLICIT_NONCE;
    st = gcm_decrypt(&d->gcm, nonce, 12, aad, sizeof aad, ct, len, ct + len, GCM_TAG_SIZE, ct);
    if (st != CL_OK) {
        *alert = TLS_ALERT_BAD_RECORD_MAC;
        return st == CL_ERR_AUTH ? CL_ERR_BAD_RECORD_MAC : st;
    }
    d->seq++;
    *frag = ct;
    *frag_len = len;
    return CL_OK;
}

void tls_record_layer_init(tls_record_layer *rl, int fd)
{
    memset(rl, 0, offsetof(tls_record_layer, in));
    rl->fd = fd;
    rl->write_version = 0x0303;
    rl->timeout_ms = 30000;
    rl->alert = -1;
}

int tls_record_pending(const tls_record_layer *rl)
{
    return rl->in_len > 0;
}

/* Makes sure n bytes are buffered from in_start. */
static cl_status fill(tls_record_layer *rl, size_t n)
{
    while (rl->in_len < n) {
        size_t got = 0;
        cl_status st;
        if (rl->in_start + n > TLS_RL_IN_CAP) {
            memmove(rl->in, rl->in + rl->in_start, rl->in_len);
            rl->in_start = 0;
        }
        st = net_read_some(rl->fd, rl->in + rl->in_start + rl->in_len,
                           TLS_RL_IN_CAP - rl->in_start - rl->in_len, rl->deadline_ms, &got);
        if (st != CL_OK)
            return st;
        rl->in_len += got;
        if (rl->in_start + rl->in_len > rl->in_hwm)
            rl->in_hwm = rl->in_start + rl->in_len;
    }
    return CL_OK;
}

cl_status tls_record_read(tls_record_layer *rl, uint8_t *type, uint8_t **frag, size_t *len)
{
    uint8_t *rec;
    size_t n, max;
    cl_status st;
    st = fill(rl, TLS_RECORD_HEADER);
    if (st != CL_OK)
        return st;
    rec = rl->in + rl->in_start;
    n = load16_be(rec + 3);
    /* The length check comes before the body is read (a huge length must
     * not make us wait for or buffer it). */
    max = !rl->rd.on ? TLS_MAX_PLAINTEXT : rl->rd.v13 ? TLS13_MAX_CIPHERTEXT : TLS12_MAX_CIPHERTEXT;
    if (n > max) {
        rl->alert = TLS_ALERT_RECORD_OVERFLOW;
        return CL_ERR_PROTOCOL;
    }
    /* A first byte that is no content type at all (an HTTP request, SSLv2)
     * is not TLS. */
    if (rec[0] < TLS_CT_CHANGE_CIPHER_SPEC || rec[0] > TLS_CT_APPLICATION_DATA ||
        rec[1] != 0x03) {
        rl->alert = TLS_ALERT_DECODE_ERROR;
        return CL_ERR_PROTOCOL;
    }
    st = fill(rl, TLS_RECORD_HEADER + n);
    if (st != CL_OK)
        return st;
    rec = rl->in + rl->in_start;
    rl->in_start += TLS_RECORD_HEADER + n;
    rl->in_len -= TLS_RECORD_HEADER + n;
    if (rl->in_len == 0)
        rl->in_start = 0;
    {
        int alert = -1;
        st = tls_record_open(&rl->rd, rec, TLS_RECORD_HEADER + n, type, frag, len, &alert);
        if (st != CL_OK) {
            rl->alert = alert;
            return st;
        }
    }
    if (rl->tap != NULL)
        rl->tap(rl->tap_arg, 0, *type, *frag, *len);
    return CL_OK;
}

cl_status tls_record_write(tls_record_layer *rl, uint8_t type, const uint8_t *data, size_t len)
{
    size_t done = 0;
    do {
        size_t used = 0;
        /* up to four records per write(2) */
        for (int i = 0; i < 4 && (done < len || (len == 0 && i == 0)); i++) {
            size_t n = len - done > TLS_MAX_PLAINTEXT ? TLS_MAX_PLAINTEXT : len - done, w;
            cl_status st;
            if (rl->tap != NULL)
                rl->tap(rl->tap_arg, 1, type, data + done, n);
            st = tls_record_seal(&rl->wr, type, rl->write_version, data + done, n,
                                 rl->out + used, TLS_RL_OUT_CAP - used, &w);
            if (st != CL_OK) {
                rl->out_hwm = TLS_RL_OUT_CAP;    /* what a failed seal wrote: wipe it all */
                rl->alert = TLS_ALERT_INTERNAL_ERROR;
                return st;
            }
            used += w;
            if (used > rl->out_hwm)
                rl->out_hwm = used;
            done += n;
        }
        cl_status st = net_write_full(rl->fd, rl->out, used, rl->timeout_ms);
        if (st != CL_OK)
            return st;
    } while (done < len);
    return CL_OK;
}

void tls_record_layer_clear(tls_record_layer *rl)
{
    tls_record_dir_clear(&rl->rd);
    tls_record_dir_clear(&rl->wr);
    cl_wipe(rl->in, rl->in_hwm < sizeof rl->in ? rl->in_hwm : sizeof rl->in);
    cl_wipe(rl->out, rl->out_hwm < sizeof rl->out ? rl->out_hwm : sizeof rl->out);
    rl->in_hwm = rl->out_hwm = 0;
}
