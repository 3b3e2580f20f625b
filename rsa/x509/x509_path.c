/*
 * rsa/x509/x509_path.c -- certification path building and the checks of
 * RFC 5280 §6.1, one function per step, named after it.
 *
 * §6.1 processes a path from the trust anchor down to the leaf, carrying
 * state (working_public_key, max_path_length, ...).  The functions below
 * compute the same conditions from the whole path at once, so that
 * x509_verify.c can run them in the order OpenSSL reports them; §6.1 says
 * any procedure with the same outcome conforms ("... need not use this
 * algorithm, but MUST provide functionality equivalent").  Not done:
 * revocation (a)(3), name constraints (b)(c), policies (d)-(j) -- and so a
 * certificate that marks nameConstraints or policyConstraints critical is
 * rejected by (o), as §4.2 requires of a system that does not process them.
 */
#include <string.h>
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_path.h"

/* --------------------------------------------------------------- chaining */

static int bytes_equal(const x509_bytes *a, const x509_bytes *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

/* §6.1.3 (a)(4) "the certificate issuer name is the working_issuer_name",
 * narrowed, when both are present, by the authorityKeyIdentifier of the
 * subject and the subjectKeyIdentifier of the candidate (§4.2.1.1: "The
 * keyIdentifier field ... MUST be the same as the subject key identifier
 * of the issuer's certificate"), and by authorityCertSerialNumber. */
int x509_issued_by(const x509_cert *subject, const x509_cert *issuer)
{
    if (!x509_name_equal(&subject->issuer, &issuer->subject))
        return 0;
    const x509_exts *se = &subject->ext, *ie = &issuer->ext;
    if (se->aki_key_id.p != NULL && ie->ski.p != NULL && !bytes_equal(&se->aki_key_id, &ie->ski))
        return 0;
    if (se->aki_serial.p != NULL && !bytes_equal(&se->aki_serial, &issuer->serial))
        return 0;
    return 1;
}

int x509_self_signed(const x509_cert *c)
{
    return x509_issued_by(c, c);
}

static int valid_at(const x509_cert *c, int64_t t)
{
    return c->not_before <= t && t <= c->not_after;
}

static int in_path(const x509_path *p, const x509_cert *c)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->cert[i] == c || bytes_equal(&p->cert[i]->der, &c->der))
            return 1;
    return 0;
}

/* The issuer of c among cands (any issuer; one valid at t preferred). */
static const x509_cert *find_issuer(const x509_path *p, const x509_cert *c, const x509_cert *const *cands,
                                    size_t n, int64_t t, int allow_in_path)
{
    const x509_cert *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const x509_cert *x = cands[i];
        if (x == c || (!allow_in_path && in_path(p, x)) || !x509_issued_by(c, x))
            continue;
        if (valid_at(x, t))
            return x;
        if (first == NULL)
            first = x;
    }
    return first;
}

static const x509_cert *find_anchor_issuer(const x509_path *p, const x509_cert *c, const x509_certs *anchors,
                                           int64_t t, size_t *index)
{
    const x509_cert *first = NULL;
    size_t fi = 0;
    for (size_t i = 0; anchors != NULL && i < anchors->count; i++) {
        const x509_cert *x = &anchors->cert[i];
        if (in_path(p, x) && !bytes_equal(&x->der, &c->der))
            continue;
        if (!x509_issued_by(c, x))
            continue;
        if (valid_at(x, t)) {
            *index = i;
            return x;
        }
        if (first == NULL) {
            first = x;
            fi = i;
        }
    }
    *index = fi;
    return first;
}

static const x509_cert *anchor_equal(const x509_cert *c, const x509_certs *anchors, size_t *index)
{
    for (size_t i = 0; anchors != NULL && i < anchors->count; i++)
        if (bytes_equal(&anchors->cert[i].der, &c->der)) {
            *index = i;
            return &anchors->cert[i];
        }
    return NULL;
}

cl_status x509_path_build(x509_path *p, const x509_cert *const *chain, size_t n,
                          const x509_certs *anchors, unsigned flags, int64_t t)
{
    memset(p, 0, sizeof *p);
    p->cert[0] = chain[0];
    p->n = 1;
    for (;;) {
        const x509_cert *cur = p->cert[p->n - 1], *next;
        size_t ai = 0;
        if (p->trusted) {
            if (x509_self_signed(cur) || (flags & X509_VERIFY_PARTIAL_CHAIN))
                return CL_OK;
            /* a trust anchor that is not self-signed: its issuer must be one too */
            next = find_anchor_issuer(p, cur, anchors, t, &ai);
            if (next == NULL)
                return CL_ERR_X509_UNKNOWN_ISSUER;
            if (p->n == X509_MAX_CHAIN)
                return CL_ERR_X509_CHAIN_TOO_LONG;
            p->cert[p->n++] = next;
            p->anchor = ai;
            continue;
        }
        next = find_anchor_issuer(p, cur, anchors, t, &ai);
        if (next != NULL) {
            if (bytes_equal(&next->der, &cur->der)) {
                p->cert[p->n - 1] = next;     /* the certificate is itself a trust anchor */
            } else {
                if (p->n == X509_MAX_CHAIN)
                    return CL_ERR_X509_CHAIN_TOO_LONG;
                p->cert[p->n++] = next;
            }
            p->trusted = 1;
            p->anchor = ai;
            continue;
        }
        if ((flags & X509_VERIFY_PARTIAL_CHAIN) && (next = anchor_equal(cur, anchors, &ai)) != NULL) {
            p->cert[p->n - 1] = next;
            p->trusted = 1;
            p->anchor = ai;
            return CL_OK;
        }
        if (x509_self_signed(cur))
            return CL_ERR_X509_SELF_SIGNED;   /* a root we do not trust */
        next = n > 1 ? find_issuer(p, cur, chain + 1, n - 1, t, 0) : NULL;
        if (next == NULL)
            return CL_ERR_X509_UNKNOWN_ISSUER;
        if (p->n == X509_MAX_CHAIN)
            return CL_ERR_X509_CHAIN_TOO_LONG;
        p->cert[p->n++] = next;
    }
}

/* --------------------------------------------------------------- the steps */

/* §6.1.4 (o), §6.1.5 (f): "Recognize and process any other critical
 * extension present in the certificate." -- we cannot, so we refuse. */
cl_status x509_step_critical_extensions(const x509_cert *c)
{
    return c->ext.unknown_critical.p != NULL ? CL_ERR_X509_CRITICAL_EXT : CL_OK;
}

/* Is c a CA certificate?  OpenSSL's check_ca(), which gives the answer
 * §6.1.4 (k) and (n) ask for: a keyUsage without keyCertSign says no;
 * basicConstraints says cA or not; without basicConstraints a v1
 * self-signed certificate (a v1 root) or one with keyUsage keyCertSign
 * counts only where OpenSSL lets it (top of the path). */
static cl_status ca_check(const x509_cert *c, int lenient)
{
    const x509_exts *e = &c->ext;
    if ((e->present & X509_EXT_KEY_USAGE) && !(e->key_usage & X509_KU_KEY_CERT_SIGN))
        return CL_ERR_X509_NO_CERT_SIGN;
    if (e->present & X509_EXT_BASIC_CONSTRAINTS)
        return e->ca ? CL_OK : CL_ERR_X509_NOT_CA;
    if (lenient && ((c->version == 1 && x509_self_signed(c)) || (e->present & X509_EXT_KEY_USAGE)))
        return CL_OK;
    return CL_ERR_X509_NOT_CA;
}

/* §6.1.4 (k) "If certificate i is a version 3 certificate, verify that the
 * basicConstraints extension is present and that cA is set to TRUE" and
 * (n) "If a key usage extension is present, verify that the keyCertSign
 * bit is set" -- for every certificate above the leaf.  is_top: the last
 * certificate of the path, where a v1 root is accepted ((k): "verify ...
 * through out-of-band means"). */
cl_status x509_step_basic_constraints(const x509_cert *c, int is_top)
{
    return ca_check(c, is_top);
}

/* §4.2.1.12 extendedKeyUsage and §4.2.1.3 keyUsage, for a TLS purpose (as
 * OpenSSL's check_purpose_ssl_server/_client): every certificate of the
 * path that has extendedKeyUsage must list the purpose; an issuer must be
 * a CA; the leaf's keyUsage, if present, must allow key_usage (0: one of
 * digitalSignature, keyEncipherment, keyAgreement for a server,
 * digitalSignature or keyAgreement for a client). */
cl_status x509_step_purpose(const x509_cert *c, size_t depth, int purpose, unsigned key_usage)
{
    const x509_exts *e = &c->ext;
    if (purpose == X509_PURPOSE_ANY)
        return CL_OK;
    unsigned eku = purpose == X509_PURPOSE_SERVER_AUTH ? X509_EKU_SERVER_AUTH : X509_EKU_CLIENT_AUTH;
    if ((e->present & X509_EXT_EXT_KEY_USAGE) && !(e->ext_key_usage & eku))
        return CL_ERR_X509_WRONG_PURPOSE;
    if (depth > 0)
        return ca_check(c, 1);
    if (!(e->present & X509_EXT_KEY_USAGE))
        return CL_OK;
    if (key_usage != 0)
        return (e->key_usage & key_usage) == key_usage ? CL_OK : CL_ERR_X509_WRONG_USAGE;
    unsigned any = purpose == X509_PURPOSE_SERVER_AUTH
                 ? X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT | X509_KU_KEY_AGREEMENT
                 : X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_AGREEMENT;
    return (e->key_usage & any) ? CL_OK : CL_ERR_X509_WRONG_USAGE;
}

/* §6.1.4 (l) "If certificate i is not self-issued, verify that
 * max_path_length is greater than zero and decrement max_path_length by 1"
 * and (m) "If pathLenConstraint is present in the certificate and is less
 * than max_path_length, set max_path_length to the value of
 * pathLenConstraint": i.e. a CA with pathLenConstraint P may be followed
 * by at most P non-self-issued intermediate certificates.  Checked at the
 * CA that sets the constraint (depth i), counting those below it. */
cl_status x509_step_path_length(const x509_path *p, size_t i)
{
    const x509_cert *c = p->cert[i];
    if (i < 2 || c->ext.path_len < 0)
        return CL_OK;
    size_t below = 0;
    for (size_t k = 1; k < i; k++)
        below += !x509_cert_self_issued(p->cert[k]);
    return below > (size_t)c->ext.path_len ? CL_ERR_X509_PATH_TOO_LONG : CL_OK;
}

/* §6.1.4 (n) again, where OpenSSL checks it before using the issuer's key. */
cl_status x509_step_signing_allowed(const x509_cert *issuer)
{
    const x509_exts *e = &issuer->ext;
    return (e->present & X509_EXT_KEY_USAGE) && !(e->key_usage & X509_KU_KEY_CERT_SIGN)
           ? CL_ERR_X509_NO_CERT_SIGN : CL_OK;
}

/* §6.1.3 (a)(1) "The signature on the certificate can be verified using
 * working_public_key_algorithm, the working_public_key, and the
 * working_public_key_parameters" -- the key of the certificate above. */
cl_status x509_step_signature(const x509_cert *c, const x509_cert *issuer)
{
    return x509_signature_verify(&c->sig_alg, c->tbs.p, c->tbs.len, &c->signature, &issuer->spki);
}

/* §6.1.3 (a)(2) "The certificate validity period includes the current time"
 * (§4.1.2.5: notBefore and notAfter both inclusive). */
cl_status x509_step_validity(const x509_cert *c, int64_t t)
{
    if (t < c->not_before)
        return CL_ERR_X509_NOT_YET_VALID;
    if (t > c->not_after)
        return CL_ERR_X509_EXPIRED;
    return CL_OK;
}
