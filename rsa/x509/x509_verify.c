/*
 * rsa/x509/x509_verify.c -- x509_verify_chain(): build the path, run the
 * §6.1 steps (x509_path.c) and the name check (x509_host.c), report each
 * failure with its own status and a one-line message.
 *
 * The steps run in the order OpenSSL's X509_verify_cert() runs them
 * (build_chain, check_extensions, check_id, internal_verify), so that
 * `cryptolab verify` can print what `openssl verify` prints:
 *   1. build the path to a trust anchor;
 *   2. for each certificate from the leaf up: critical extensions (§6.1.4
 *      (o)), CA-ness of every issuer ((k), (n)), purpose, path length
 *      ((l), (m));
 *   3. the leaf's host name or IP address (RFC 6125);
 *   4. from the top down: keyCertSign of the issuer ((n)), the signature
 *      ((a)(1)), the validity period ((a)(2)).
 * With no callback the first failure ends the run; a callback may ask to
 * go on (x509_verify_cb) -- the result keeps the first failure.
 */
#include <stdio.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_path.h"

struct run {
    const x509_verify_params *p;
    const x509_path *path;
    x509_verify_result *res;
    int stop;
};

static void describe(struct run *r, cl_status st, size_t depth, const x509_cert *c)
{
    x509_text t;
    char when[32];
    x509_text_buf(&t, r->res->message, sizeof r->res->message);
    x509_text_printf(&t, "%s: depth %zu (", cl_strerror(st), depth);
    x509_name_text(&t, &c->subject);
    x509_text_puts(&t, ")");
    switch (st) {
    case CL_ERR_X509_EXPIRED:
        x509_time_format(c->not_after, when);
        x509_text_printf(&t, ": notAfter %s", when);
        break;
    case CL_ERR_X509_NOT_YET_VALID:
        x509_time_format(c->not_before, when);
        x509_text_printf(&t, ": notBefore %s", when);
        break;
    case CL_ERR_X509_UNKNOWN_ISSUER:
        x509_text_puts(&t, ": issuer ");
        x509_name_text(&t, &c->issuer);
        x509_text_puts(&t, r->path->trusted ? " is not among the trust anchors"
                                     : " is not among the intermediates or trust anchors");
        break;
    case CL_ERR_X509_SELF_SIGNED:
        x509_text_puts(&t, ": not in the trust anchors");
        break;
    case CL_ERR_X509_BAD_SIGNATURE:
    case CL_ERR_X509_UNSUPPORTED_ALG:
        if (depth + 1 < r->path->n) {
            x509_text_puts(&t, ": signed by ");
            x509_name_text(&t, &r->path->cert[depth + 1]->subject);
        }
        break;
    case CL_ERR_X509_CRITICAL_EXT: {
        char oid[80];
        der_oid_to_text(c->ext.unknown_critical.p, c->ext.unknown_critical.len, oid, sizeof oid);
        x509_text_printf(&t, ": extension %s", oid);
        break;
    }
    case CL_ERR_X509_PATH_TOO_LONG:
        x509_text_printf(&t, ": pathLenConstraint %d", c->ext.path_len);
        break;
    case CL_ERR_X509_WRONG_PURPOSE:
        x509_text_printf(&t, ": extendedKeyUsage without %s",
                  r->p->purpose == X509_PURPOSE_CLIENT_AUTH ? "clientAuth" : "serverAuth");
        break;
    case CL_ERR_X509_HOST_MISMATCH:
        x509_text_printf(&t, ": \"%s\" is not among its subjectAltName DNS names", r->p->host);
        break;
    case CL_ERR_X509_IP_MISMATCH:
        x509_text_printf(&t, ": %s is not among its subjectAltName IP addresses", r->p->ip);
        break;
    default:
        break;
    }
}

/* Records a failure; returns 1 if the run must stop. */
static int failed(struct run *r, cl_status st, int step, size_t depth)
{
    const x509_cert *c = r->path->cert[depth];
    if (r->res->status == CL_OK) {
        r->res->status = st;
        r->res->step = step;
        r->res->depth = depth;
        r->res->subject = c->subject;
        describe(r, st, depth, c);
    }
    if (r->p->cb != NULL) {
        x509_verify_failure f = {st, step, depth, c, r->path->trusted};
        if (r->p->cb(r->p->cb_arg, &f))
            return 0;
    }
    r->stop = 1;
    return 1;
}

/* Common argument checks; fills *res for a failure. */
static int arguments_ok(int have_chain, size_t n, const x509_verify_params *p, x509_verify_result *res)
{
    if (res == NULL)
        return 0;
    memset(res, 0, sizeof *res);
    if (!have_chain || n == 0 || p == NULL) {
        res->status = CL_ERR_NULL_POINTER;
        snprintf(res->message, sizeof res->message, "no certificate to verify");
        return 0;
    }
    return 1;
}

void x509_verify_params_init(x509_verify_params *p, int64_t time)
{
    memset(p, 0, sizeof *p);
    p->time = time;
}

cl_status x509_verify_params_set_peer(x509_verify_params *p, const char *name)
{
    uint8_t ip[16];
    if (p == NULL || name == NULL)
        return CL_ERR_NULL_POINTER;
    if (name[0] == '\0')
        return CL_ERR_BAD_ARGUMENT;
    if (x509_parse_ip(name, ip) != 0) {
        p->ip = name;
        p->host = NULL;
    } else {
        p->host = name;
        p->ip = NULL;
    }
    return CL_OK;
}

cl_status x509_verify_parsed(const x509_cert *const *chain, size_t n, const x509_certs *anchors,
                             const x509_verify_params *p, x509_verify_result *res)
{
    if (!arguments_ok(chain != NULL, n, p, res))
        return res == NULL ? CL_ERR_NULL_POINTER : res->status;
    x509_path path;
    struct run r = {p, &path, res, 0};
    cl_status st;

    /* 1. the path */
    st = x509_path_build(&path, chain, n, anchors, p->flags, p->time);
    res->path_len = path.n;
    res->trusted = path.trusted;
    res->anchor = path.anchor;
    if (st != CL_OK && (failed(&r, st, X509_STEP_BUILD, path.n - 1) || st != CL_ERR_X509_SELF_SIGNED))
        return res->status;

    /* 2. extensions, leaf first */
    for (size_t i = 0; i < path.n && !r.stop; i++) {
        const x509_cert *c = path.cert[i];
        if ((st = x509_step_critical_extensions(c)) != CL_OK && failed(&r, st, X509_STEP_CRITICAL, i))
            break;
        if (i > 0 && (st = x509_step_basic_constraints(c, i + 1 == path.n)) != CL_OK &&
            failed(&r, st, X509_STEP_CA, i))
            break;
        if ((st = x509_step_purpose(c, i, p->purpose, p->key_usage)) != CL_OK &&
            failed(&r, st, X509_STEP_PURPOSE, i))
            break;
        if ((st = x509_step_path_length(&path, i)) != CL_OK && failed(&r, st, X509_STEP_PATH_LENGTH, i))
            break;
    }
    if (r.stop)
        return res->status;

    /* 3. the name the caller wanted */
    if (p->host != NULL && (st = x509_check_host(path.cert[0], p->host)) != CL_OK &&
        failed(&r, st, X509_STEP_NAME, 0))
        return res->status;
    if (p->ip != NULL && (st = x509_check_ip(path.cert[0], p->ip)) != CL_OK &&
        failed(&r, st, X509_STEP_NAME, 0))
        return res->status;

    /* 4. signatures and validity, from the top down.  The top's own
     * signature is not checked when it is self-issued (it proves nothing);
     * a top that is not self-issued (partial chain) only lends its key. */
    size_t top = path.n - 1;
    size_t i = x509_cert_self_issued(path.cert[top]) ? top + 1 : top;
    while (i-- > 0) {
        const x509_cert *c = path.cert[i];
        if (i < top) {
            const x509_cert *issuer = path.cert[i + 1];
            if ((st = x509_step_signing_allowed(issuer)) != CL_OK &&
                failed(&r, st, X509_STEP_SIGNING_ALLOWED, i + 1))
                return res->status;
            if ((st = x509_step_signature(c, issuer)) != CL_OK && failed(&r, st, X509_STEP_SIGNATURE, i))
                return res->status;
        }
        if (!(p->flags & X509_VERIFY_NO_TIME) && (st = x509_step_validity(c, p->time)) != CL_OK &&
            failed(&r, st, X509_STEP_VALIDITY, i))
            return res->status;
    }
    return res->status;
}

/* At most this many certificates from a peer (leaf + intermediates). */
#define X509_MAX_SENT 16

cl_status x509_verify_chain(const x509_bytes *chain, size_t n, const x509_certs *anchors,
                            const x509_verify_params *p, x509_verify_result *res)
{
    if (!arguments_ok(chain != NULL, n, p, res))
        return res == NULL ? CL_ERR_NULL_POINTER : res->status;
    if (n > X509_MAX_SENT) {
        res->status = CL_ERR_X509_CHAIN_TOO_LONG;
        snprintf(res->message, sizeof res->message, "%s: %zu certificates sent (at most %d)",
                 cl_strerror(res->status), n, X509_MAX_SENT);
        return res->status;
    }
    x509_cert certs[X509_MAX_SENT];
    const x509_cert *ptrs[X509_MAX_SENT];
    for (size_t i = 0; i < n; i++) {
        der_error de;
        cl_status st = x509_cert_parse(&certs[i], chain[i].p, chain[i].len, &de);
        if (st != CL_OK) {
            res->status = st;
            res->depth = i;
            snprintf(res->message, sizeof res->message, "%s: certificate %zu of the chain: %s (at offset %zu)",
                     cl_strerror(st), i, de.reason ? de.reason : "malformed", de.offset);
            return st;
        }
        ptrs[i] = &certs[i];
    }
    return x509_verify_parsed(ptrs, n, anchors, p, res);
}
