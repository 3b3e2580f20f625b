/*
 * rsa/x509/x509_path.h -- path building and the §6.1 steps (x509_path.c),
 * for x509_verify.c and for tests that want one step alone.
 */
#ifndef CRYPTOLAB_RSA_X509_X509_PATH_H
#define CRYPTOLAB_RSA_X509_X509_PATH_H

#include "rsa/x509/x509.h"

/* A certification path: cert[0] the leaf ... cert[n-1] the top. */
typedef struct x509_path {
    const x509_cert *cert[X509_MAX_CHAIN];
    size_t n;
    int trusted;                 /* cert[n-1] is anchors->cert[anchor] */
    size_t anchor;
} x509_path;

/* issuer's subject is subject's issuer, and the key identifiers agree. */
int x509_issued_by(const x509_cert *subject, const x509_cert *issuer);
int x509_self_signed(const x509_cert *c);

/* Builds the path from chain[0] (intermediates chain[1..n-1]) to a trust
 * anchor.  On failure *p holds the path found so far: the failure is at
 * depth p->n - 1.  CL_ERR_X509_UNKNOWN_ISSUER, _SELF_SIGNED, _CHAIN_TOO_LONG. */
cl_status x509_path_build(x509_path *p, const x509_cert *const *chain, size_t n,
                          const x509_certs *anchors, unsigned flags, int64_t t);

cl_status x509_step_critical_extensions(const x509_cert *c);            /* §6.1.4 (o) */
cl_status x509_step_basic_constraints(const x509_cert *c, int is_top);  /* §6.1.4 (k), (n) */
cl_status x509_step_purpose(const x509_cert *c, size_t depth, int purpose, unsigned key_usage);
cl_status x509_step_path_length(const x509_path *p, size_t i);          /* §6.1.4 (l), (m) */
cl_status x509_step_signing_allowed(const x509_cert *issuer);           /* §6.1.4 (n) */
cl_status x509_step_signature(const x509_cert *c, const x509_cert *issuer); /* §6.1.3 (a)(1) */
cl_status x509_step_validity(const x509_cert *c, int64_t t);            /* §6.1.3 (a)(2) */

#endif
