/*
 * net/tls/codec.h -- reading and writing the TLS presentation language
 * (RFC 8446 §3, RFC 5246 §4): uint8/16/24, opaque vectors with 1-, 2- or
 * 3-byte length prefixes.
 *
 * Reading is BearSSL style: every read checks the bytes left BEFORE it
 * touches one; a short or over-long field sets r->bad and every later read
 * returns zeros, so a parser reads straight through and checks r->bad (and
 * tls_rd_end()) once at the end.  Vectors are returned as sub-readers over
 * the same buffer: nothing is copied, nothing is allocated.
 *
 * Writing appends to a caller buffer; tls_wr_open(w, n) reserves an n-byte
 * length prefix that tls_wr_close() fills in.  Overflowing the buffer (or a
 * length that does not fit its prefix) sets w->bad.
 * CT: no -- lengths and message structure are public.
 */
#ifndef CRYPTOLAB_NET_TLS_CODEC_H
#define CRYPTOLAB_NET_TLS_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct tls_rd {
    const uint8_t *p;
    size_t left;
    int bad;
} tls_rd;

static inline void tls_rd_init(tls_rd *r, const uint8_t *p, size_t len)
{
    r->p = p;
    r->left = len;
    r->bad = 0;
}

/* 1 if n more bytes can be read (sets bad otherwise). */
static inline int tls_rd_need(tls_rd *r, size_t n)
{
    if (r->bad || r->left < n) {
        r->bad = 1;
        r->left = 0;
        return 0;
    }
    return 1;
}

static inline uint32_t tls_rd_uint(tls_rd *r, size_t n)
{
    uint32_t v = 0;
    if (!tls_rd_need(r, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | r->p[i];
    r->p += n;
    r->left -= n;
    return v;
}
static inline uint8_t tls_rd_u8(tls_rd *r)   { return (uint8_t)tls_rd_uint(r, 1); }
static inline uint16_t tls_rd_u16(tls_rd *r) { return (uint16_t)tls_rd_uint(r, 2); }
static inline uint32_t tls_rd_u24(tls_rd *r) { return tls_rd_uint(r, 3); }

/* n raw bytes: a pointer into the message (NULL if they are not there). */
static inline const uint8_t *tls_rd_bytes(tls_rd *r, size_t n)
{
    const uint8_t *p;
    if (!tls_rd_need(r, n))
        return NULL;
    p = r->p;
    r->p += n;
    r->left -= n;
    return p;
}

/* Copies n bytes into out. */
static inline void tls_rd_copy(tls_rd *r, uint8_t *out, size_t n)
{
    const uint8_t *p = tls_rd_bytes(r, n);
    if (p != NULL)
        memcpy(out, p, n);
    else
        memset(out, 0, n);
}

/* opaque x<min..max> with a prefix of prefix_len (1, 2 or 3) bytes: *sub
 * reads its contents.  A length outside [min, max] or past the end sets bad. */
static inline void tls_rd_vec(tls_rd *r, size_t prefix_len, size_t min, size_t max, tls_rd *sub)
{
    size_t n = tls_rd_uint(r, prefix_len);
    const uint8_t *p;
    if (!r->bad && (n < min || n > max))
        r->bad = 1;
    p = r->bad ? NULL : tls_rd_bytes(r, n);
    if (p == NULL) {
        tls_rd_init(sub, NULL, 0);
        sub->bad = 1;
        return;
    }
    tls_rd_init(sub, p, n);
}

/* 1 if every byte was consumed and nothing went wrong. */
static inline int tls_rd_end(const tls_rd *r)
{
    return !r->bad && r->left == 0;
}

typedef struct tls_wr {
    uint8_t *buf;
    size_t cap, len;
    int bad;
} tls_wr;

static inline void tls_wr_init(tls_wr *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->bad = 0;
}

static inline void tls_wr_uint(tls_wr *w, uint32_t v, size_t n)
{
    if (w->bad || w->cap - w->len < n) {
        w->bad = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        w->buf[w->len + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    w->len += n;
}
static inline void tls_wr_u8(tls_wr *w, uint8_t v)   { tls_wr_uint(w, v, 1); }
static inline void tls_wr_u16(tls_wr *w, uint16_t v) { tls_wr_uint(w, v, 2); }
static inline void tls_wr_u24(tls_wr *w, uint32_t v) { tls_wr_uint(w, v, 3); }

static inline void tls_wr_bytes(tls_wr *w, const void *p, size_t n)
{
    if (w->bad || w->cap - w->len < n) {
        w->bad = 1;
        return;
    }
    if (n)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

/* Reserves a prefix_len-byte length; returns the mark for tls_wr_close. */
static inline size_t tls_wr_open(tls_wr *w, size_t prefix_len)
{
    size_t mark = w->len;
    tls_wr_uint(w, 0, prefix_len);
    return mark;
}

static inline void tls_wr_close(tls_wr *w, size_t mark, size_t prefix_len)
{
    size_t n;
    if (w->bad)
        return;
    n = w->len - mark - prefix_len;
    if (prefix_len < 4 && n >> (8 * prefix_len)) {
        w->bad = 1;
        return;
    }
    for (size_t i = 0; i < prefix_len; i++)
        w->buf[mark + i] = (uint8_t)(n >> (8 * (prefix_len - 1 - i)));
}

#endif
