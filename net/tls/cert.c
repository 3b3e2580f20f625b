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

/* RFC 4055 §1.2/§3.1: parameters in an id-RSASSA-PSS SubjectPublicKeyInfo
 * restrict the key to that hash, that MGF and salts at least that long.
 * rsa_pss_pss_sha256 signs with SHA-256, MGF1-SHA-256 and 32-octet salts
 * (RFC 8446 §4.2.3). */
static int pss_key_fits_tls(const rsa_key_alg *alg, char *why, size_t why_len)
{
    static const uint8_t sha256_oid[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
    const rsa_pss_params *p = &alg->params;
    if (!alg->pss || !alg->restricted)
        return 1;
    if (p->hash_oid_len != sizeof sha256_oid || memcmp(p->hash_oid, sha256_oid, sizeof sha256_oid) != 0 ||
        p->mgf_hash_oid_len != sizeof sha256_oid || memcmp(p->mgf_hash_oid, sha256_oid, sizeof sha256_oid) != 0) {
        snprintf(why, why_len, "its RSA-PSS key is restricted to a hash other than SHA-256 "
                 "(RFC 4055 §3.1); rsa_pss_pss_sha256 needs SHA-256 with MGF1-SHA-256");
        return 0;
    }
    if (p->salt_len > 32) {
        snprintf(why, why_len, "its RSA-PSS key demands salts of at least %llu octets (RFC 4055 §3.1); "
                 "rsa_pss_pss_sha256 uses 32 (RFC 8446 §4.2.3)", (unsigned long long)p->salt_len);
        return 0;
    }
    return 1;
}

cl_status tls_cert_key_kind(const uint8_t *der, size_t len, int *pss, char *why, size_t why_len)
{
    rsa_key key;
    rsa_key_alg alg;
    cl_status st;
    rsa_key_init(&key);
    st = x509_leaf_public_key(der, len, &key, &alg);
    rsa_key_clear(&key);
    if (st != CL_OK) {
        snprintf(why, why_len, "no RSA public key in the certificate: %s", cl_strerror(st));
        return st;
    }
    *pss = alg.pss;
    if (!pss_key_fits_tls(&alg, why, why_len))
        return CL_ERR_X509_UNSUPPORTED_ALG;
    snprintf(why, why_len, "%s", alg.pss ? "id-RSASSA-PSS key: rsa_pss_pss_sha256 only" : "rsaEncryption key");
    return CL_OK;
}

cl_status tls_take_peer_chain(tls_conn *c, const tls_chain_view *v)
{
    size_t total = 0, off = 0;
    int alert = TLS_ALERT_BAD_CERTIFICATE;
    const char *who = c->is_server ? "client" : "server";
    const char *host = c->is_server ? NULL : c->cfg->verify_host ? c->cfg->verify_host : c->cfg->server_name;
    char why[240] = "";
    rsa_key_alg alg;
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
    st = x509_leaf_public_key(c->peer_chain.der[0], c->peer_chain.len[0], &c->peer_key, &alg);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_UNSUPPORTED_CERTIFICATE,
                        "%s certificate without a usable RSA key: %s", who, cl_strerror(st));
    c->have_peer_key = 1;
    c->peer_pss = alg.pss;
    if (rsa_key_bytes(&c->peer_key) < 256)
        return tls_fail(c, CL_ERR_KEY_SIZE, TLS_ALERT_INSUFFICIENT_SECURITY,
                        "%s RSA key of %zu bits: at least 2048 required", who,
                        8 * rsa_key_bytes(&c->peer_key));
    if (!pss_key_fits_tls(&alg, why, sizeof why))
        return tls_fail(c, CL_ERR_X509_UNSUPPORTED_ALG, TLS_ALERT_UNSUPPORTED_CERTIFICATE,
                        "%s certificate unusable: %s", who, why);
    if (alg.pss)
        tls_narrate(c, "the %s's key is restricted to RSA-PSS (id-RSASSA-PSS, RFC 4055): "
                    "it may sign with rsa_pss_pss_sha256 only", who);
    if (c->cfg->verify == NULL) {
        c->verify_status = CL_ERR_UNSUPPORTED;
        snprintf(c->verify_why, sizeof c->verify_why, "certificate chain not verified (no trust anchors)");
        return CL_OK;
    }
    st = c->cfg->verify(c->cfg->verify_arg, &c->peer_chain, host, &alert, why, sizeof why);
    c->verify_status = st;
    snprintf(c->verify_why, sizeof c->verify_why, "%s", st == CL_OK ? "ok" : why);
    if (st != CL_OK) {
        if (c->cfg->insecure) {
            tls_narrate(c, "certificate verification failed (%s): going on because of -insecure", why);
            return CL_OK;
        }
        return tls_fail(c, st, alert, "%s certificate verification failed: %s", who, why);
    }
    if (c->is_server)
        tls_narrate(c, "client certificate chain verified (clientAuth, RFC 5280 §6)");
    else
        tls_narrate(c, "certificate chain verified for %s", host ? host : "(no name)");
    return CL_OK;
}
