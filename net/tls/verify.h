/*
 * net/tls/verify.h -- the check of the peer's certificates, as one
 * tls_verify_fn, on the X.509 module (rsa/x509/x509.h): RFC 5280 §6 path
 * validation from the peer's chain (leaf first, intermediates as sent) to
 * the trust anchors of -CAfile, at the current time, for serverAuth and the
 * host name or IP literal (RFC 6125: subjectAltName only) when the client
 * checks a server, for clientAuth when a server checks a client
 * (client_auth = 1), with at most `depth` intermediate CAs when depth >= 0
 * (openssl's -verify N / -verify_depth N).  Each failure keeps the
 * X.509 module's one-line message and maps to the alert RFC 8446 §6.2 names:
 *     expired / not yet valid        certificate_expired
 *     unknown issuer, self-signed,   unknown_ca
 *     chain longer than depth
 *     wrong usage / purpose          unsupported_certificate
 *     everything else                bad_certificate
 */
#ifndef CRYPTOLAB_NET_TLS_VERIFY_H
#define CRYPTOLAB_NET_TLS_VERIFY_H

#include "net/tls/tls.h"
#include "rsa/x509/x509.h"

typedef struct tls_anchors {
    x509_certs certs;              /* the CA file's certificates */
    int64_t time;                  /* verification time (seconds since the epoch) */
    int client_auth;               /* 1: the peer is a client (X509_PURPOSE_CLIENT_AUTH) */
    int depth;                     /* most intermediate CAs allowed; < 0: no limit (the default) */
    char why[240];                 /* why a load failed */
} tls_anchors;

/* Loads a CA file's bytes (PEM, any number of certificates); serverAuth,
 * no depth limit. */
cl_status tls_anchors_load(tls_anchors *a, const uint8_t *text, size_t len);
void tls_anchors_free(tls_anchors *a);

/* tls_verify_fn with arg = tls_anchors *. */
cl_status tls_verify_anchors(void *arg, const tls_cert_chain *chain, const char *host,
                             int *alert, char *why, size_t why_len);

#endif
