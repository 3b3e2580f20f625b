/*
 * net/tls/verify.h -- the client's certificate check, as one tls_verify_fn.
 *
 * The X.509 path validation (RFC 5280 §6) and host name check (RFC 6125)
 * belong to rsa/x509/ (the x509 module).  Until that module is built into
 * this tree, tls_verify_anchors() accepts exactly one case, and says so:
 * the server's leaf certificate is itself one of the trust anchors (the
 * same DER bytes: a self-signed certificate given with -CAfile).  Every
 * other chain fails with "X.509 path validation not available in this
 * build", which -insecure turns into a warning.  Switching to rsa/x509/ is
 * the body of tls_verify_anchors() and nothing else.
 */
#ifndef CRYPTOLAB_NET_TLS_VERIFY_H
#define CRYPTOLAB_NET_TLS_VERIFY_H

#include "net/tls/tls.h"

typedef struct tls_anchors {
    tls_cert_chain certs;          /* the CA file's certificates */
    uint8_t *store;
    int64_t time;                  /* verification time (seconds since the epoch) */
} tls_anchors;

/* Loads a CA file (PEM, any number of certificates). */
cl_status tls_anchors_load(tls_anchors *a, const uint8_t *text, size_t len);
void tls_anchors_free(tls_anchors *a);

/* tls_verify_fn with arg = tls_anchors *. */
cl_status tls_verify_anchors(void *arg, const tls_cert_chain *chain, const char *host,
                             int *alert, char *why, size_t why_len);

#endif
