/*
 * net/tls/verify.c -- the client's certificate check on rsa/x509/ (see
 * net/tls/verify.h).
 */
#include <stdio.h>
#include <string.h>
#include "net/tls/verify.h"
#include "net/tls/alert.h"

cl_status tls_anchors_load(tls_anchors *a, const uint8_t *text, size_t len)
{
    x509_load_error err;
    cl_status st;
    memset(a, 0, sizeof *a);
    a->depth = -1;
    x509_certs_init(&a->certs);
    st = x509_certs_load(&a->certs, text, len, &err);
    if (st != CL_OK)
        snprintf(a->why, sizeof a->why, "%s", err.detail);
    return st;
}

void tls_anchors_free(tls_anchors *a)
{
    x509_certs_free(&a->certs);
    memset(a, 0, sizeof *a);
}

static int alert_for(cl_status st)
{
    switch (st) {
    case CL_ERR_X509_EXPIRED:
    case CL_ERR_X509_NOT_YET_VALID:
        return TLS_ALERT_CERTIFICATE_EXPIRED;
    case CL_ERR_X509_UNKNOWN_ISSUER:
    case CL_ERR_X509_SELF_SIGNED:
        return TLS_ALERT_UNKNOWN_CA;
    case CL_ERR_X509_WRONG_USAGE:
    case CL_ERR_X509_WRONG_PURPOSE:
    case CL_ERR_X509_UNSUPPORTED_ALG:
        return TLS_ALERT_UNSUPPORTED_CERTIFICATE;
    default:
        return TLS_ALERT_BAD_CERTIFICATE;
    }
}

cl_status tls_verify_anchors(void *arg, const tls_cert_chain *chain, const char *host,
                             int *alert, char *why, size_t why_len)
{
    const tls_anchors *a = arg;
    x509_bytes blobs[TLS_MAX_CHAIN];
    x509_verify_params vp;
    x509_verify_result res;
    cl_status st;
    size_t n = chain->n < TLS_MAX_CHAIN ? chain->n : TLS_MAX_CHAIN;
    for (size_t i = 0; i < n; i++) {
        blobs[i].p = chain->der[i];
        blobs[i].len = chain->len[i];
    }
    x509_verify_params_init(&vp, a->time);
    if (host != NULL && host[0] && x509_verify_params_set_peer(&vp, host) != CL_OK) {
        *alert = TLS_ALERT_INTERNAL_ERROR;
        snprintf(why, why_len, "bad host name to verify");
        return CL_ERR_BAD_ARGUMENT;
    }
    vp.purpose = a->client_auth ? X509_PURPOSE_CLIENT_AUTH : X509_PURPOSE_SERVER_AUTH;
    vp.key_usage = 0;                   /* any TLS use, as OpenSSL */
    st = x509_verify_chain(blobs, n, &a->certs, &vp, &res);
    if (st == CL_OK && a->depth >= 0 && res.path_len > (size_t)a->depth + 2) {
        /* neither the leaf nor the trust anchor counts (openssl -verify_depth) */
        *alert = TLS_ALERT_UNKNOWN_CA;
        snprintf(why, why_len, "certificate chain too long: %zu intermediate CAs, at most %d allowed",
                 res.path_len - 2, a->depth);
        return CL_ERR_X509_UNKNOWN_ISSUER;
    }
    if (st == CL_OK) {
        snprintf(why, why_len, "ok");
        return CL_OK;
    }
    *alert = alert_for(st);
    snprintf(why, why_len, "%s", res.message);
    return st;
}
