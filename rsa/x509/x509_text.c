/*
 * rsa/x509/x509_text.c -- where the printers write: a FILE, or a fixed
 * buffer for one-line messages (truncated, always NUL-terminated).
 */
#include <stdarg.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"

void x509_text_file(x509_text *t, FILE *fp)
{
    memset(t, 0, sizeof *t);
    t->fp = fp;
}

void x509_text_buf(x509_text *t, char *buf, size_t cap)
{
    memset(t, 0, sizeof *t);
    t->buf = buf;
    t->cap = cap;
    if (cap > 0)
        buf[0] = '\0';
}

void x509_text_put(x509_text *t, const void *s, size_t n)
{
    if (t->fp != NULL) {
        fwrite(s, 1, n, t->fp);
    } else if (t->cap > 0 && t->len < t->cap - 1) {
        size_t room = t->cap - 1 - t->len;
        size_t k = n < room ? n : room;
        memcpy(t->buf + t->len, s, k);
        t->buf[t->len + k] = '\0';
    }
    t->len += n;
}

void x509_text_puts(x509_text *t, const char *s)
{
    x509_text_put(t, s, strlen(s));
}

void x509_text_printf(x509_text *t, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        x509_text_put(t, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void x509_text_hex_colons(x509_text *t, const uint8_t *p, size_t n, int upper)
{
    static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
    const char *d = upper ? up : lo;
    for (size_t i = 0; i < n; i++) {
        char b[3] = {d[p[i] >> 4], d[p[i] & 15], ':'};
        x509_text_put(t, b, i + 1 < n ? 3 : 2);
    }
}
