/*
 * net/tls/cert.c -- chain files and the leaf's public key (see
 * net/tls/cert.h); the peer's chain kept by the connection and handed to
 * the X.509 verifier.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/tls/cert.h"
#include "net/tls/tls_internal.h"
#include "rsa/pem.h"
#include "rsa/asn1.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/x509/x509.h"

cl_status tls_chain_load(const uint8_t *text, size_t len, uint8_t **store, tls_cert_chain *chain)
{
    uint8_t *buf;
    size_t used = 0, pos = 0;
    memset(chain, 0, sizeof *chain);
    *store = NULL;
    buf = malloc(len + 1);
    if (buf == NULL)
        return CL_ERR_NOMEM;
    if (!pem_detect(text, len)) {
        /* one DER certificate */
        memcpy(buf, text, len);
        chain->der[0] = buf;
        chain->len[0] = len;
        chain->n = 1;
        *store = buf;
        return CL_OK;
    }
    while (pos < len) {
        static const char begin[] = "-----BEGIN CERTIFICATE-----";
        static const char end[] = "-----END CERTIFICATE-----";
        const uint8_t *b = memmem(text + pos, len - pos, begin, sizeof begin - 1);
        const uint8_t *e;
        char label[PEM_LABEL_MAX];
        size_t der_len;
        if (b == NULL)
            break;
        e = memmem(b, (size_t)(text + len - b), end, sizeof end - 1);
        if (e == NULL) {
            free(buf);
            return CL_ERR_PEM;
        }
        e += sizeof end - 1;
        if (chain->n == TLS_MAX_CHAIN) {
            free(buf);
            return CL_ERR_PARSE;
        }
        if (pem_decode(b, (size_t)(e - b), label, buf + used, len + 1 - used, &der_len, NULL) != CL_OK) {
            free(buf);
            return CL_ERR_PEM;
        }
        chain->der[chain->n] = buf + used;
        chain->len[chain->n] = der_len;
        chain->n++;
        used += der_len;
        pos = (size_t)(e - text);
    }
    if (chain->n == 0) {
        free(buf);
        return CL_ERR_PARSE;
    }
    *store = buf;
    return CL_OK;
}

cl_status tls_cert_public_key(const uint8_t *der, size_t len, rsa_key *key)
{
    rsa_key_alg alg;
    return x509_leaf_public_key(der, len, key, &alg);
}

cl_status tls_take_peer_chain(tls_conn *c, const tls_chain_view *v)
{
    size_t total = 0, off = 0;
    int alert = TLS_ALERT_BAD_CERTIFICATE;
    char why[200] = "";
    cl_status st;
    for (size_t i = 0; i < v->n; i++)
        total += v->len[i];
    free(c->peer_der);
    c->peer_der = malloc(total ? total : 1);
    if (c->peer_der == NULL)
        return tls_fail(c, CL_ERR_NOMEM, TLS_ALERT_INTERNAL_ERROR, "out of memory");
    c->peer_chain.n = v->n;
    for (size_t i = 0; i < v->n; i++) {
        memcpy(c->peer_der + off, v->der[i], v->len[i]);
        c->peer_chain.der[i] = c->peer_der + off;
        c->peer_chain.len[i] = v->len[i];
        off += v->len[i];
    }
    st = tls_cert_public_key(c->peer_chain.der[0], c->peer_chain.len[0], &c->peer_key);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_UNSUPPORTED_CERTIFICATE,
                        "server certificate without a usable RSA key: %s", cl_strerror(st));
    c->have_peer_key = 1;
    if (rsa_key_bytes(&c->peer_key) < 256)
        return tls_fail(c, CL_ERR_KEY_SIZE, TLS_ALERT_INSUFFICIENT_SECURITY,
                        "server RSA key of %zu bits: at least 2048 required",
                        8 * rsa_key_bytes(&c->peer_key));
    if (c->cfg->verify == NULL) {
        c->verify_status = CL_ERR_UNSUPPORTED;
        snprintf(c->verify_why, sizeof c->verify_why, "certificate chain not verified (no trust anchors)");
        return CL_OK;
    }
    st = c->cfg->verify(c->cfg->verify_arg, &c->peer_chain,
                        c->cfg->verify_host ? c->cfg->verify_host : c->cfg->server_name,
                        &alert, why, sizeof why);
    c->verify_status = st;
    snprintf(c->verify_why, sizeof c->verify_why, "%s", st == CL_OK ? "ok" : why);
    if (st != CL_OK) {
        if (c->cfg->insecure) {
            tls_narrate(c, "certificate verification failed (%s): going on because of -insecure", why);
            return CL_OK;
        }
        return tls_fail(c, st, alert, "certificate verification failed: %s", why);
    }
    tls_narrate(c, "certificate chain verified for %s",
                c->cfg->verify_host ? c->cfg->verify_host : c->cfg->server_name ? c->cfg->server_name : "(no name)");
    return CL_OK;
}
