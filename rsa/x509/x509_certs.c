/*
 * rsa/x509/x509_certs.c -- loading certificates from a file: a chain file
 * or a CA file holds one or more PEM "CERTIFICATE" blocks (RFC 7468 §5),
 * possibly with text between them and other blocks (a private key...),
 * which are skipped as OpenSSL skips them; or exactly one DER certificate.
 * "TRUSTED CERTIFICATE" blocks (OpenSSL's own format with trust settings)
 * are not read.
 *
 * This is the one place in rsa/x509/ that allocates: the file can hold any
 * number of certificates.  Each load appends one storage block and grows
 * the cert[] array; the x509_cert entries point into the storage.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rsa/pem.h"
#include "rsa/x509/x509_internal.h"

#define X509_MAX_FILE (64u << 20)

void x509_certs_init(x509_certs *s)
{
    memset(s, 0, sizeof *s);
}

void x509_certs_free(x509_certs *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->nblocks; i++)
        free(s->blocks[i]);
    free(s->blocks);
    free(s->cert);
    memset(s, 0, sizeof *s);
}

static cl_status load_fail(x509_load_error *err, cl_status st, size_t index, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static cl_status load_fail(x509_load_error *err, cl_status st, size_t index, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        err->status = st;
        err->index = index;
        va_start(ap, fmt);
        vsnprintf(err->detail, sizeof err->detail, fmt, ap);
        va_end(ap);
    }
    return st;
}

static const char CERT_LABEL[] = "CERTIFICATE";

cl_status x509_certs_load(x509_certs *s, const uint8_t *data, size_t len, x509_load_error *err)
{
    if (err != NULL) {
        err->status = CL_OK;
        err->index = 0;
        err->detail[0] = '\0';
    }
    if (s == NULL || (data == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    if (len == 0)
        return load_fail(err, CL_ERR_X509_NO_CERT, 0, "%s: the file is empty", cl_strerror(CL_ERR_X509_NO_CERT));

    /* One storage block for all the DER of this load: never larger than the text. */
    uint8_t *store = malloc(len);
    if (store == NULL)
        return load_fail(err, CL_ERR_NOMEM, 0, "%s", cl_strerror(CL_ERR_NOMEM));
    size_t used = 0, count = 0, cap = 0;
    x509_cert *certs = NULL;
    cl_status st = CL_OK;

    /* (offset, length) of each certificate in store; parsed after all are decoded. */
    struct span { size_t off, len; } *spans = NULL;
    if (!pem_detect(data, len)) {
        spans = malloc(sizeof *spans);
        if (spans == NULL) {
            st = load_fail(err, CL_ERR_NOMEM, 0, "%s", cl_strerror(CL_ERR_NOMEM));
            goto out;
        }
        memcpy(store, data, len);
        spans[0].off = 0;
        spans[0].len = len;
        count = 1;
    } else {
        size_t pos = 0, blocks = 0;
        while (pos < len && pem_detect(data + pos, len - pos)) {
            char label[PEM_LABEL_MAX];
            const char *why = NULL;
            size_t dlen = 0;
            blocks++;
            st = pem_decode_next(data, len, &pos, label, store + used, len - used, &dlen, &why);
            if (st != CL_OK) {
                st = load_fail(err, CL_ERR_PEM, count + 1, "%s (PEM block %zu): %s",
                               cl_strerror(CL_ERR_PEM), blocks, why ? why : "cannot decode");
                goto out;
            }
            if (strcmp(label, CERT_LABEL) != 0)
                continue;                     /* keys and other blocks beside the certificates */
            if (count == cap) {
                size_t ncap = cap ? 2 * cap : 8;
                struct span *ns = realloc(spans, ncap * sizeof *ns);
                if (ns == NULL) {
                    st = load_fail(err, CL_ERR_NOMEM, 0, "%s", cl_strerror(CL_ERR_NOMEM));
                    goto out;
                }
                spans = ns;
                cap = ncap;
            }
            spans[count].off = used;
            spans[count].len = dlen;
            used += dlen;
            count++;
        }
        if (count == 0) {
            st = load_fail(err, CL_ERR_X509_NO_CERT, 0, "%s: no \"-----BEGIN CERTIFICATE-----\" block",
                           cl_strerror(CL_ERR_X509_NO_CERT));
            goto out;
        }
    }

    certs = realloc(s->cert, (s->count + count) * sizeof *certs);
    uint8_t **blocks = realloc(s->blocks, (s->nblocks + 1) * sizeof *blocks);
    if (certs != NULL)
        s->cert = certs;
    if (blocks != NULL)
        s->blocks = blocks;
    if (certs == NULL || blocks == NULL) {
        st = load_fail(err, CL_ERR_NOMEM, 0, "%s", cl_strerror(CL_ERR_NOMEM));
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        der_error de;
        st = x509_cert_parse(&s->cert[s->count + i], store + spans[i].off, spans[i].len, &de);
        if (st != CL_OK) {
            st = load_fail(err, st, i + 1, "%s: %s (at offset %zu)", cl_strerror(st),
                           de.reason ? de.reason : "malformed", de.offset);
            goto out;
        }
    }
    s->blocks[s->nblocks++] = store;
    s->count += count;
    store = NULL;
out:
    free(spans);
    free(store);
    return st;
}

cl_status x509_certs_load_file(x509_certs *s, const char *path, x509_load_error *err)
{
    if (s == NULL || path == NULL)
        return CL_ERR_NULL_POINTER;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return load_fail(err, CL_ERR_IO, 0, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        if (n == cap) {
            if (cap >= X509_MAX_FILE) {
                free(buf);
                fclose(f);
                return load_fail(err, CL_ERR_IO, 0, "%s is too large", path);
            }
            uint8_t *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    cl_status rst = buf == NULL ? CL_ERR_NOMEM : ferror(f) ? CL_ERR_IO : CL_OK;
    fclose(f);
    if (rst != CL_OK) {
        free(buf);
        return load_fail(err, rst, 0, "cannot read %s", path);
    }
    cl_status st = x509_certs_load(s, buf, n, err);
    free(buf);
    return st;
}
