/*
 * tests/test_x509.c -- X.509 (rsa/x509/): parsing (RFC 5280 §4.1), the
 * loaders and the TLS-facing verification (§6.1), host names (RFC 6125),
 * times, names, and robustness: every truncation and every single-octet
 * change of a certificate gives a clean error.
 *
 * Certificates: vectors/x509/ (made by openssl, see the README.txt there),
 * verified at T = 2030-06-01T00:00:00Z; and certificates our own writer
 * makes (suite x509-write).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "rsa/asn1.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/x509/x509.h"
#include "rsa/x509/x509_path.h"
#include "rsa/x509/x509_print.h"
#include "rsa/x509/x509_write.h"

#define V "vectors/x509/"
#define T_2030 ((int64_t)1906502400)    /* 2030-06-01T00:00:00Z */

static int load(x509_certs *s, const char *path)
{
    x509_load_error e;
    cl_status st = x509_certs_load_file(s, path, &e);
    if (st != CL_OK)
        fprintf(stderr, "\n  %s: %s\n", path, e.detail);
    return st == CL_OK;
}

/* Verifies leaf (+ optional intermediates, files) against root files. */
static cl_status verify_files(const char *leaf, const char *inter, const char *anchor_file,
                              const char *host, int purpose, x509_verify_result *res)
{
    x509_certs chain, anchors;
    x509_certs_init(&chain);
    x509_certs_init(&anchors);
    cl_status st = CL_ERR_IO;
    if (load(&chain, leaf) && (inter == NULL || load(&chain, inter)) && load(&anchors, anchor_file)) {
        x509_bytes blobs[8];
        for (size_t i = 0; i < chain.count && i < 8; i++)
            blobs[i] = chain.cert[i].der;
        x509_verify_params vp;
        x509_verify_params_init(&vp, T_2030);
        if (host != NULL)
            CL_ASSERT_OK(x509_verify_params_set_peer(&vp, host));
        vp.purpose = purpose;
        st = x509_verify_chain(blobs, chain.count, &anchors, &vp, res);
    }
    x509_certs_free(&chain);
    x509_certs_free(&anchors);
    return st;
}

/* ---------------------------------------------------------------- parsing */

static void test_parse_leaf(void)
{
    x509_certs s;
    x509_certs_init(&s);
    CU_ASSERT_FATAL(load(&s, V "leaf_good.pem"));
    CU_ASSERT_EQUAL_FATAL(s.count, 1);
    const x509_cert *c = &s.cert[0];
    char buf[200];
    CU_ASSERT_EQUAL(c->version, 3);
    CU_ASSERT_EQUAL(c->sig_alg.kind, X509_SIG_RSA_PKCS1_SHA256);
    x509_name_format(&c->subject, 0, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "O = Cryptolab, CN = www.example.com");
    x509_name_format(&c->issuer, 0, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "C = FR, O = Cryptolab, CN = Class Intermediate CA");
    x509_name_format(&c->issuer, 1, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "/C=FR/O=Cryptolab/CN=Class Intermediate CA");
    CU_ASSERT_EQUAL(c->not_before, x509_time_from_civil(2024, 1, 1, 0, 0, 0));
    CU_ASSERT_EQUAL(c->not_after, x509_time_from_civil(2034, 1, 1, 0, 0, 0));
    x509_time_format(c->not_before, buf);
    CU_ASSERT_STRING_EQUAL(buf, "Jan  1 00:00:00 2024 GMT");
    unsigned want = X509_EXT_BASIC_CONSTRAINTS | X509_EXT_KEY_USAGE | X509_EXT_EXT_KEY_USAGE |
                    X509_EXT_SUBJECT_ALT_NAME | X509_EXT_SUBJECT_KEY_ID | X509_EXT_AUTHORITY_KEY_ID;
    CU_ASSERT_EQUAL(c->ext.present, want);
    CU_ASSERT_EQUAL(c->ext.critical, X509_EXT_KEY_USAGE);
    CU_ASSERT_EQUAL(c->ext.ca, 0);
    CU_ASSERT_EQUAL(c->ext.key_usage, X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT);
    CU_ASSERT_EQUAL(c->ext.ext_key_usage, X509_EKU_SERVER_AUTH);
    CU_ASSERT_EQUAL(c->ext.ski.len, 20);
    CU_ASSERT_EQUAL(c->ext.aki_key_id.len, 20);
    CU_ASSERT_PTR_NULL(c->ext.unknown_critical.p);
    /* SAN: DNS, DNS, IP, IP */
    der_reader r;
    x509_general_name gn;
    unsigned types[8];
    size_t n = 0;
    x509_gn_iter_init(&r, &c->ext.san);
    while (x509_gn_next(&r, &gn) && n < 8)
        types[n++] = gn.type;
    CU_ASSERT_EQUAL(n, 4);
    CU_ASSERT(n == 4 && types[0] == X509_GN_DNS && types[1] == X509_GN_DNS &&
              types[2] == X509_GN_IP && types[3] == X509_GN_IP);
    /* the leaf's key */
    rsa_key k;
    rsa_key_alg alg;
    rsa_key_init(&k);
    CL_ASSERT_OK(x509_cert_public_key(c, &k, &alg));
    CU_ASSERT_EQUAL(mpz_sizeinbase(k.n, 2), 2048);
    CU_ASSERT_EQUAL(alg.pss, 0);
    rsa_key_clear(&k);
    /* PEM and DER load to the same certificate */
    x509_certs d;
    x509_certs_init(&d);
    CU_ASSERT(load(&d, V "leaf_good.der"));
    CU_ASSERT(d.count == 1 && d.cert[0].der.len == c->der.len &&
              memcmp(d.cert[0].der.p, c->der.p, c->der.len) == 0);
    x509_certs_free(&d);
    x509_certs_free(&s);
}

static void test_parse_ca_and_pss(void)
{
    x509_certs s;
    x509_certs_init(&s);
    CU_ASSERT_FATAL(load(&s, V "root1.pem") && load(&s, V "inter_pl0.pem") && load(&s, V "leaf_pss.pem") &&
                    load(&s, V "leaf_psskey.pem") && load(&s, V "leaf_crit.pem"));
    CU_ASSERT_EQUAL_FATAL(s.count, 5);
    CU_ASSERT(s.cert[0].ext.ca == 1 && s.cert[0].ext.path_len == -1);
    CU_ASSERT(x509_cert_self_issued(&s.cert[0]) && x509_self_signed(&s.cert[0]));
    CU_ASSERT(s.cert[1].ext.ca == 1 && s.cert[1].ext.path_len == 0);
    CU_ASSERT(s.cert[1].ext.key_usage == (X509_KU_KEY_CERT_SIGN | X509_KU_CRL_SIGN));
    const x509_sigalg *pss = &s.cert[2].sig_alg;
    CU_ASSERT_EQUAL(pss->kind, X509_SIG_RSA_PSS);
    CU_ASSERT(pss->pss.hash == &cl_hash_sha256 && pss->pss.mgf1_hash == &cl_hash_sha256);
    CU_ASSERT_EQUAL(pss->pss.salt_len, 32);
    rsa_key k;
    rsa_key_alg alg;
    rsa_key_init(&k);
    CL_ASSERT_OK(x509_leaf_public_key(s.cert[3].der.p, s.cert[3].der.len, &k, &alg));
    CU_ASSERT_EQUAL(alg.pss, 1);
    CU_ASSERT_EQUAL(mpz_sizeinbase(k.n, 2), 2048);
    rsa_key_clear(&k);
    CU_ASSERT_PTR_NOT_NULL(s.cert[4].ext.unknown_critical.p);
    x509_certs_free(&s);
}

static void test_pss_public_key_file(void)
{
    FILE *f = fopen(V "psskey-pub.pem", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    uint8_t buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    rsa_key k;
    rsa_key_init(&k);
    rsa_keyfile_error e;
    CL_ASSERT_OK(rsa_key_load_public_ex(&k, buf, n, NULL, &e));
    CU_ASSERT_EQUAL(mpz_sizeinbase(k.n, 2), 2048);
    rsa_key_clear(&k);
}

static void test_system_bundle(void)
{
    const char *path = "/etc/ssl/certs/ca-certificates.crt";
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return;                               /* no bundle on this machine: nothing to read */
    fclose(f);
    x509_certs s;
    x509_certs_init(&s);
    CU_ASSERT(load(&s, path));
    CU_ASSERT(s.count > 50);
    x509_certs_free(&s);
}

static void test_load_errors(void)
{
    x509_certs s;
    x509_load_error e;
    x509_certs_init(&s);
    static const char no_cert[] = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    CL_ASSERT_STATUS(x509_certs_load(&s, (const uint8_t *)no_cert, sizeof no_cert - 1, &e), CL_ERR_X509_NO_CERT);
    CL_ASSERT_STATUS(x509_certs_load(&s, (const uint8_t *)"", 0, &e), CL_ERR_X509_NO_CERT);
    static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    CL_ASSERT_STATUS(x509_certs_load(&s, junk, sizeof junk, &e), CL_ERR_X509_BAD_CERT);
    CU_ASSERT_EQUAL(s.count, 0);
    CL_ASSERT_STATUS(x509_certs_load_file(&s, "no/such/file", &e), CL_ERR_IO);
    x509_certs_free(&s);
}

/* ---------------------------------------------------------------- verification */

static void test_verify_good(void)
{
    x509_verify_result r;
    CL_ASSERT_OK(verify_files(V "leaf_good.pem", V "inter1.pem", V "root1.pem", "www.example.com",
                              X509_PURPOSE_SERVER_AUTH, &r));
    CU_ASSERT_EQUAL(r.path_len, 3);
    CU_ASSERT(r.trusted);
    CL_ASSERT_OK(verify_files(V "leaf_good.pem", V "inter1.pem", V "root1.pem", "::1", X509_PURPOSE_ANY, &r));
    CL_ASSERT_OK(verify_files(V "leaf_good.pem", V "inter1.pem", V "root1.pem", "127.0.0.1", X509_PURPOSE_ANY, &r));
    CL_ASSERT_OK(verify_files(V "leaf_good.pem", V "inter1.pem", V "root1.pem", "a.example.org", X509_PURPOSE_ANY, &r));
    CL_ASSERT_OK(verify_files(V "leaf_pss.pem", V "inter1.pem", V "root1.pem", NULL, X509_PURPOSE_SERVER_AUTH, &r));
    CL_ASSERT_OK(verify_files(V "leaf_psskey.pem", V "inter1.pem", V "root1.pem", NULL, X509_PURPOSE_SERVER_AUTH, &r));
    CL_ASSERT_OK(verify_files(V "root1.pem", NULL, V "root1.pem", NULL, X509_PURPOSE_ANY, &r));
    CU_ASSERT_EQUAL(r.path_len, 1);
}

struct bad_case {
    const char *leaf, *inter, *root, *host;
    int purpose;
    cl_status want;
    size_t depth;
};

static void test_verify_failures(void)
{
    static const struct bad_case cases[] = {
        {V "leaf_expired.pem", V "inter1.pem", V "root1.pem", NULL, 0, CL_ERR_X509_EXPIRED, 0},
        {V "leaf_other.pem", NULL, V "root1.pem", NULL, 0, CL_ERR_X509_UNKNOWN_ISSUER, 0},
        {V "leaf_good.pem", NULL, V "root1.pem", NULL, 0, CL_ERR_X509_UNKNOWN_ISSUER, 0},
        {V "root2.pem", NULL, V "root1.pem", NULL, 0, CL_ERR_X509_SELF_SIGNED, 0},
        {V "leaf_under_false.pem", V "inter_false.pem", V "root1.pem", NULL, 0, CL_ERR_X509_NOT_CA, 1},
        {V "leaf_crit.pem", V "inter1.pem", V "root1.pem", NULL, 0, CL_ERR_X509_CRITICAL_EXT, 0},
        {V "leaf_good.pem", V "inter1.pem", V "root1.pem", "other.example.net", 0, CL_ERR_X509_HOST_MISMATCH, 0},
        {V "leaf_good.pem", V "inter1.pem", V "root1.pem", "a.b.example.org", 0, CL_ERR_X509_HOST_MISMATCH, 0},
        {V "leaf_good.pem", V "inter1.pem", V "root1.pem", "10.1.2.3", 0, CL_ERR_X509_IP_MISMATCH, 0},
        {V "leaf_good.pem", V "inter1.pem", V "root1.pem", NULL, X509_PURPOSE_CLIENT_AUTH, CL_ERR_X509_WRONG_PURPOSE, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct bad_case *k = &cases[i];
        x509_verify_result r;
        cl_status st = verify_files(k->leaf, k->inter, k->root, k->host, k->purpose, &r);
        if (st != k->want || r.depth != k->depth)
            fprintf(stderr, "\n  case %zu (%s): want %s at depth %zu, got %s at %zu: %s\n", i, k->leaf,
                    cl_strerror(k->want), k->depth, cl_strerror(st), r.depth, r.message);
        CU_ASSERT_EQUAL(st, k->want);
        CU_ASSERT_EQUAL(r.depth, k->depth);
        CU_ASSERT(strchr(r.message, '\n') == NULL && strlen(r.message) > 10);
    }
}

/* pathLenConstraint 0 with one intermediate below: PATH_TOO_LONG at depth 2. */
static void test_verify_pathlen(void)
{
    x509_certs chain, anchors;
    x509_certs_init(&chain);
    x509_certs_init(&anchors);
    CU_ASSERT_FATAL(load(&chain, V "leaf_deep.pem") && load(&chain, V "inter_below.pem") &&
                    load(&chain, V "inter_pl0.pem") && load(&anchors, V "root1.pem"));
    x509_bytes b[3] = {chain.cert[0].der, chain.cert[2].der, chain.cert[1].der};   /* any order */
    x509_verify_params vp;
    x509_verify_result r;
    x509_verify_params_init(&vp, T_2030);
    CL_ASSERT_STATUS(x509_verify_chain(b, 3, &anchors, &vp, &r), CL_ERR_X509_PATH_TOO_LONG);
    CU_ASSERT_EQUAL(r.depth, 2);
    CU_ASSERT_EQUAL(r.path_len, 4);
    /* times: before the root, after everything */
    x509_verify_params_init(&vp, x509_time_from_civil(2019, 6, 1, 0, 0, 0));
    b[0] = chain.cert[2].der;
    CL_ASSERT_STATUS(x509_verify_chain(b, 1, &anchors, &vp, &r), CL_ERR_X509_NOT_YET_VALID);
    CU_ASSERT_EQUAL(r.depth, 1);             /* the root is checked first, as OpenSSL does */
    x509_verify_params_init(&vp, x509_time_from_civil(2041, 1, 1, 0, 0, 0));
    CL_ASSERT_STATUS(x509_verify_chain(b, 1, &anchors, &vp, &r), CL_ERR_X509_EXPIRED);
    x509_certs_free(&chain);
    x509_certs_free(&anchors);
}

/* Each single-octet change of a certificate makes it unreadable or
 * unverifiable: never accepted, never a crash; every truncation fails to
 * parse.  (A change in the signature's padding bits is also caught: the
 * whole signature is checked.) */
static void test_corruptions(void)
{
    x509_certs chain, anchors;
    x509_certs_init(&chain);
    x509_certs_init(&anchors);
    CU_ASSERT_FATAL(load(&chain, V "leaf_good.pem") && load(&chain, V "inter1.pem") &&
                    load(&anchors, V "root1.pem"));
    const x509_cert *leaf = &chain.cert[0];
    size_t n = leaf->der.len;
    uint8_t *buf = malloc(n + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    size_t parsed_truncations = 0, accepted = 0, tried = 0;
    for (size_t len = 0; len < n; len++) {
        x509_cert c;
        memcpy(buf, leaf->der.p, len);
        if (x509_cert_parse(&c, buf, len, NULL) == CL_OK)
            parsed_truncations++;
    }
    static const uint8_t deltas[] = {0x01, 0x80, 0xFF};
    x509_verify_params vp;
    x509_verify_params_init(&vp, T_2030);
    for (size_t i = 0; i < n; i++)
        for (size_t d = 0; d < sizeof deltas; d++) {
            memcpy(buf, leaf->der.p, n);
            buf[i] ^= deltas[d];
            x509_bytes b[2] = {{buf, n}, chain.cert[1].der};
            x509_verify_result r;
            tried++;
            if (x509_verify_chain(b, 2, &anchors, &vp, &r) == CL_OK) {
                accepted++;
                fprintf(stderr, "\n  octet %zu ^ %02x accepted\n", i, deltas[d]);
            }
        }
    CU_ASSERT_EQUAL(parsed_truncations, 0);
    CU_ASSERT_EQUAL(accepted, 0);
    CU_ASSERT_EQUAL(tried, 3 * n);
    free(buf);
    x509_certs_free(&chain);
    x509_certs_free(&anchors);
}

/* ---------------------------------------------------------------- host names, times, names */

static void test_host_names(void)
{
    static const struct { const char *host, *pres; int match; } cases[] = {
        {"www.example.com", "www.example.com", 1},
        {"WWW.EXAMPLE.COM", "www.Example.com", 1},
        {"www.example.com", "example.com", 0},
        {"a.example.org", "*.example.org", 1},
        {"A.Example.ORG", "*.example.org", 1},
        {"a.b.example.org", "*.example.org", 0},     /* one label only */
        {"example.org", "*.example.org", 0},         /* not the bare domain */
        {".example.org", "*.example.org", 0},        /* not an empty label */
        {"a.org", "*.org", 0},                       /* two labels after the wildcard */
        {"foo.example.com", "f*.example.com", 0},    /* whole label only */
        {"foo.example.com", "*oo.example.com", 0},
        {"a.b.example.com", "a.*.example.com", 0},   /* left-most only */
        {"a.example.com", "*.*.com", 0},
        {"xn--nxasmq6b.example.com", "*.example.com", 1},
        {"www.example.com.", "www.example.com", 0},
        {"www..example.com", "www..example.com", 0},
        {"*.example.com", "*.example.com", 0},       /* the reference is never a pattern */
        {"", "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = x509_dns_name_matches(cases[i].host, (const uint8_t *)cases[i].pres, strlen(cases[i].pres));
        if (got != cases[i].match)
            fprintf(stderr, "\n  %s vs %s: want %d\n", cases[i].host, cases[i].pres, cases[i].match);
        CU_ASSERT_EQUAL(got, cases[i].match);
    }
    uint8_t ip[16];
    CU_ASSERT_EQUAL(x509_parse_ip("192.0.2.1", ip), 4);
    CU_ASSERT_EQUAL(x509_parse_ip("2001:db8::1", ip), 16);
    CU_ASSERT_EQUAL(x509_parse_ip("www.example.com", ip), 0);
    CU_ASSERT_EQUAL(x509_parse_ip("1.2.3", ip), 0);
}

static cl_status parse_time(unsigned tag, const char *s, int64_t *t)
{
    uint8_t der[40];
    size_t n = strlen(s);
    der[0] = (uint8_t)tag;
    der[1] = (uint8_t)n;
    memcpy(der + 2, s, n);
    der_reader r;
    der_reader_init(&r, der, n + 2, NULL);
    return x509_time_read(&r, t);
}

static void test_times(void)
{
    int64_t t;
    CL_ASSERT_OK(parse_time(DER_UTC_TIME, "700101000000Z", &t));
    CU_ASSERT_EQUAL(t, 0);
    CL_ASSERT_OK(parse_time(DER_UTC_TIME, "491231235959Z", &t));      /* 2049 */
    CU_ASSERT_EQUAL(t, x509_time_from_civil(2049, 12, 31, 23, 59, 59));
    CL_ASSERT_OK(parse_time(DER_UTC_TIME, "500101000000Z", &t));      /* 1950 */
    CU_ASSERT_EQUAL(t, x509_time_from_civil(1950, 1, 1, 0, 0, 0));
    CL_ASSERT_OK(parse_time(DER_GENERALIZED_TIME, "20500101000000Z", &t));
    CU_ASSERT_EQUAL(t, 2524608000);
    CL_ASSERT_OK(parse_time(DER_UTC_TIME, "240229120000Z", &t));      /* leap day */
    CL_ASSERT_OK(parse_time(DER_GENERALIZED_TIME, "99991231235959Z", &t));
    char buf[32];
    x509_time_format(t, buf);
    CU_ASSERT_STRING_EQUAL(buf, "Dec 31 23:59:59 9999 GMT");
    static const char *const bad_utc[] = {"230229120000Z", "2401011200Z", "240101120000",
                                          "240101120000+0100", "241301000000Z", "240132000000Z",
                                          "240101240000Z", "240101126000Z", "240101120060Z",
                                          "2401011200000Z", "24010112000aZ"};
    for (size_t i = 0; i < sizeof bad_utc / sizeof bad_utc[0]; i++)
        CL_ASSERT_STATUS(parse_time(DER_UTC_TIME, bad_utc[i], &t), CL_ERR_ASN1);
    CL_ASSERT_STATUS(parse_time(DER_GENERALIZED_TIME, "20500101000000.5Z", &t), CL_ERR_ASN1);
    CL_ASSERT_STATUS(parse_time(DER_GENERALIZED_TIME, "205001010000Z", &t), CL_ERR_ASN1);
    CL_ASSERT_STATUS(parse_time(DER_OCTET_STRING, "500101000000Z", &t), CL_ERR_ASN1);
}

/* Name ::= SEQUENCE OF SET OF SEQUENCE { OID, value } with one attribute. */
static size_t one_name(uint8_t *out, unsigned tag, const char *value)
{
    size_t v = strlen(value), k = 0;
    out[k++] = 0x30; out[k++] = (uint8_t)(11 + v);
    out[k++] = 0x31; out[k++] = (uint8_t)(9 + v);
    out[k++] = 0x30; out[k++] = (uint8_t)(7 + v);
    out[k++] = 0x06; out[k++] = 3; out[k++] = 0x55; out[k++] = 0x04; out[k++] = 0x03;   /* CN */
    out[k++] = (uint8_t)tag; out[k++] = (uint8_t)v;
    memcpy(out + k, value, v);
    return k + v;
}

static void test_names(void)
{
    uint8_t a[64], b[64];
    x509_bytes na = {a, one_name(a, DER_UTF8_STRING, "Class  Root")};
    x509_bytes nb = {b, one_name(b, DER_PRINTABLE_STRING, " class root ")};
    CU_ASSERT(x509_name_equal(&na, &nb));       /* §7.1: case, white space, string type */
    nb.len = one_name(b, DER_PRINTABLE_STRING, "class roots");
    CU_ASSERT(!x509_name_equal(&na, &nb));
    char buf[80];
    static const struct { const char *value, *text; } esc[] = {
        {"A, B", "CN = \"A, B\""}, {" lead", "CN = \" lead\""}, {"trail ", "CN = \"trail \""},
        {"q\"uote", "CN = q\\\"uote"}, {"back\\slash", "CN = back\\\\slash"}, {"#x", "CN = \"#x\""},
        {"a#", "CN = a#"}, {"x=y", "CN = x=y"}, {"a<b", "CN = \"a<b\""}, {"M\xC3\xBCnchen", "CN = M\\C3\\BCnchen"},
        {"nl\n", "CN = nl\\0A"},
    };
    for (size_t i = 0; i < sizeof esc / sizeof esc[0]; i++) {
        x509_bytes n = {a, one_name(a, DER_UTF8_STRING, esc[i].value)};
        x509_name_format(&n, 0, buf, sizeof buf);
        CU_ASSERT_STRING_EQUAL(buf, esc[i].text);
    }
}

static void test_der_additions(void)
{
    static const uint8_t t[] = {0x01, 0x01, 0xFF}, f[] = {0x01, 0x01, 0x00}, bad[] = {0x01, 0x01, 0x01};
    der_reader r;
    int v = -1;
    der_reader_init(&r, t, sizeof t, NULL);
    CL_ASSERT_OK(der_read_boolean(&r, &v));
    CU_ASSERT_EQUAL(v, 1);
    der_reader_init(&r, f, sizeof f, NULL);
    CL_ASSERT_OK(der_read_boolean(&r, &v));
    CU_ASSERT_EQUAL(v, 0);
    der_reader_init(&r, bad, sizeof bad, NULL);
    CL_ASSERT_STATUS(der_read_boolean(&r, &v), CL_ERR_ASN1);
    static const uint8_t bits_ok[] = {0x03, 0x02, 0x05, 0xA0}, bits_bad[] = {0x03, 0x02, 0x05, 0xA1};
    const uint8_t *p;
    size_t n;
    unsigned unused;
    der_reader_init(&r, bits_ok, sizeof bits_ok, NULL);
    CL_ASSERT_OK(der_read_bit_string(&r, &p, &n, &unused));
    CU_ASSERT(n == 1 && unused == 5 && p[0] == 0xA0);
    der_reader_init(&r, bits_bad, sizeof bits_bad, NULL);
    CL_ASSERT_STATUS(der_read_bit_string(&r, &p, &n, &unused), CL_ERR_ASN1);
}

/* ---------------------------------------------------------------- writing */

static rsa_key wkeys[3];                      /* CA, intermediate, leaf: made once */
static int wkeys_ready;

static int make_keys(void)
{
    if (wkeys_ready)
        return 1;
    for (int i = 0; i < 3; i++) {
        rsa_key_init(&wkeys[i]);
        if (rsa_generate(&wkeys[i], 1024, 65537) != CL_OK)
            return 0;
    }
    wkeys_ready = 1;
    return 1;
}

static int clear_keys(void)
{
    for (int i = 0; wkeys_ready && i < 3; i++)
        rsa_key_clear(&wkeys[i]);
    wkeys_ready = 0;
    return 0;
}

/* A certificate for subject/key, issued by issuer (NULL: self-signed) with
 * issuer_key, extensions from "name=value" lines. */
static size_t issue(uint8_t *out, size_t cap, const char *subj, const rsa_key *key, const x509_cert *issuer,
                    const rsa_key *issuer_key, const char *const *exts, int pss, uint64_t serial)
{
    uint8_t name[512], spki[600];
    size_t nl = 0, sl = 0, len = 0;
    const char *why = NULL;
    static x509_ext_spec e;
    x509_ext_spec_init(&e);
    CL_ASSERT_OK(x509_name_from_subj(subj, 0, name, sizeof name, &nl, &why));
    for (size_t i = 0; exts != NULL && exts[i] != NULL; i++)
        CL_ASSERT_OK(x509_ext_spec_add_line(&e, exts[i], &why));
    CL_ASSERT_OK(rsa_spki_der(key, spki, sizeof spki, &sl));
    uint8_t ser[8];
    for (int i = 0; i < 8; i++)
        ser[i] = (uint8_t)(serial >> (56 - 8 * i));
    x509_cert_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.serial.p = ser;
    spec.serial.len = 8;
    spec.subject.p = name;
    spec.subject.len = nl;
    spec.spki.p = spki;
    spec.spki.len = sl;
    spec.not_before = x509_time_from_civil(2024, 1, 1, 0, 0, 0);
    spec.not_after = x509_time_from_civil(2049, 12, 31, 23, 59, 59);
    spec.ext = &e;
    spec.alg.kind = pss ? X509_SIGN_PSS_SHA256 : X509_SIGN_PKCS1_SHA256;
    spec.alg.pss_salt = 32;
    cl_status st = x509_cert_write(&spec, issuer, issuer_key, out, cap, &len);
    CL_ASSERT_OK(st);
    return st == CL_OK ? len : 0;
}

static void test_write_chain(void)
{
    CU_ASSERT_FATAL(make_keys());
    static const char *const ca_ext[] = {"basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign",
                                         "subjectKeyIdentifier=hash", "authorityKeyIdentifier=keyid:always", NULL};
    static const char *const int_ext[] = {"basicConstraints=critical,CA:TRUE,pathlen:0",
                                          "keyUsage=critical,keyCertSign", "subjectKeyIdentifier=hash",
                                          "authorityKeyIdentifier=keyid,issuer:always", NULL};
    static const char *const leaf_ext[] = {"subjectAltName=DNS:www.example.com,IP:192.0.2.7,email:a@b.example",
                                           "extendedKeyUsage=serverAuth,1.3.6.1.4.1.99999.1",
                                           "keyUsage=critical,digitalSignature", "basicConstraints=CA:FALSE",
                                           "authorityKeyIdentifier=keyid", NULL};
    static uint8_t ca_der[4096], int_der[4096], leaf_der[4096];
    size_t ca_len = issue(ca_der, sizeof ca_der, "/C=FR/O=Test/CN=Test Root", &wkeys[0], NULL, &wkeys[0], ca_ext, 0, 1);
    x509_cert ca, in, leaf;
    CL_ASSERT_OK(x509_cert_parse(&ca, ca_der, ca_len, NULL));
    size_t int_len = issue(int_der, sizeof int_der, "/CN=Test Intermediate", &wkeys[1], &ca, &wkeys[0], int_ext, 1, 2);
    CL_ASSERT_OK(x509_cert_parse(&in, int_der, int_len, NULL));
    size_t leaf_len = issue(leaf_der, sizeof leaf_der, "/CN=www.example.com", &wkeys[2], &in, &wkeys[1], leaf_ext, 0,
                            0x8000000000000001ull);
    CL_ASSERT_OK(x509_cert_parse(&leaf, leaf_der, leaf_len, NULL));
    /* what was written reads back */
    CU_ASSERT(ca.version == 3 && ca.ext.ca && x509_self_signed(&ca));
    CU_ASSERT(ca.ext.ski.len == 20 && ca.ext.aki_key_id.len == 20 && memcmp(ca.ext.ski.p, ca.ext.aki_key_id.p, 20) == 0);
    CU_ASSERT(in.sig_alg.kind == X509_SIG_RSA_PSS && in.ext.path_len == 0);
    CU_ASSERT(in.ext.aki_serial.len == 1 && in.ext.aki_serial.p[0] == 1);   /* the root's serial */
    CU_ASSERT(leaf.ext.ext_key_usage == (X509_EKU_SERVER_AUTH | X509_EKU_OTHER));
    CU_ASSERT(leaf.ext.critical == X509_EXT_KEY_USAGE);
    CU_ASSERT(leaf.serial.len == 9 && leaf.serial.p[0] == 0 && leaf.serial.p[1] == 0x80);   /* positive INTEGER */
    CU_ASSERT(leaf.not_after == x509_time_from_civil(2049, 12, 31, 23, 59, 59));
    CU_ASSERT(leaf.ext.aki_key_id.len == 20 && memcmp(leaf.ext.aki_key_id.p, in.ext.ski.p, 20) == 0);
    /* and verifies, as a TLS client would */
    x509_certs anchors;
    x509_load_error le;
    x509_certs_init(&anchors);
    CL_ASSERT_OK(x509_certs_load(&anchors, ca_der, ca_len, &le));
    x509_bytes chain[2] = {{leaf_der, leaf_len}, {int_der, int_len}};
    x509_verify_params vp;
    x509_verify_result r;
    x509_verify_params_init(&vp, T_2030);
    vp.purpose = X509_PURPOSE_SERVER_AUTH;
    vp.key_usage = X509_KU_DIGITAL_SIGNATURE;
    CL_ASSERT_OK(x509_verify_params_set_peer(&vp, "www.example.com"));
    CL_ASSERT_OK(x509_verify_chain(chain, 2, &anchors, &vp, &r));
    CU_ASSERT_EQUAL(r.path_len, 3);
    CL_ASSERT_OK(x509_verify_params_set_peer(&vp, "192.0.2.7"));
    CL_ASSERT_OK(x509_verify_chain(chain, 2, &anchors, &vp, &r));
    vp.key_usage = X509_KU_KEY_ENCIPHERMENT;  /* RSA key exchange: not allowed by this leaf */
    CL_ASSERT_STATUS(x509_verify_chain(chain, 2, &anchors, &vp, &r), CL_ERR_X509_WRONG_USAGE);
    vp.key_usage = 0;
    vp.purpose = X509_PURPOSE_CLIENT_AUTH;
    CL_ASSERT_STATUS(x509_verify_chain(chain, 2, &anchors, &vp, &r), CL_ERR_X509_WRONG_PURPOSE);
    vp.purpose = X509_PURPOSE_ANY;
    vp.time = x509_time_from_civil(2050, 1, 1, 0, 0, 0);
    CL_ASSERT_STATUS(x509_verify_chain(chain, 2, &anchors, &vp, &r), CL_ERR_X509_EXPIRED);
    /* a flipped octet in the intermediate's signature */
    int_der[int_len - 1] ^= 1;
    vp.time = T_2030;
    CL_ASSERT_STATUS(x509_verify_chain(chain, 2, &anchors, &vp, &r), CL_ERR_X509_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(r.depth, 1);
    x509_certs_free(&anchors);
}

static void test_write_csr(void)
{
    CU_ASSERT_FATAL(make_keys());
    uint8_t name[256];
    size_t nl = 0, len = 0;
    const char *why = NULL;
    static uint8_t der[4096];
    x509_ext_spec e;
    x509_ext_spec_init(&e);
    CL_ASSERT_OK(x509_name_from_subj("/CN=req.example/O=Lab+OU=Class", 0, name, sizeof name, &nl, &why));
    CL_ASSERT_OK(x509_ext_spec_add_line(&e, "subjectAltName=DNS:req.example,IP:::1", &why));
    x509_bytes subject = {name, nl};
    x509_sign_alg alg = {X509_SIGN_PKCS1_SHA256, 0};
    CL_ASSERT_OK(x509_csr_write(&subject, &wkeys[2], &e, &alg, der, sizeof der, &len));
    x509_csr q;
    CL_ASSERT_OK(x509_csr_parse(&q, der, len, NULL));
    CL_ASSERT_OK(x509_csr_verify(&q));
    CU_ASSERT(q.has_ext_request && (q.ext.present & X509_EXT_SUBJECT_ALT_NAME));
    char buf[128];
    x509_name_format(&q.subject, 0, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "CN = req.example, O = Lab + OU = Class");
    /* every truncation and 1-octet change: refused, or (signature area) fails to verify */
    static uint8_t m[4096];
    size_t parsed = 0, verified = 0;
    for (size_t i = 0; i < len; i++) {
        memcpy(m, der, i);
        parsed += x509_csr_parse(&q, m, i, NULL) == CL_OK;
        for (unsigned x = 1; x < 256; x <<= 1) {
            memcpy(m, der, len);
            m[i] ^= (uint8_t)x;
            if (x509_csr_parse(&q, m, len, NULL) == CL_OK && x509_csr_verify(&q) == CL_OK)
                verified++;
        }
    }
    CU_ASSERT_EQUAL(parsed, 0);
    CU_ASSERT_EQUAL(verified, 0);
    /* PSS */
    alg.kind = X509_SIGN_PSS_SHA256;
    alg.pss_salt = RSA_PSS_SALT_MAX;
    CL_ASSERT_OK(x509_csr_write(&subject, &wkeys[2], NULL, &alg, der, sizeof der, &len));
    CL_ASSERT_OK(x509_csr_parse(&q, der, len, NULL));
    CU_ASSERT(q.sig_alg.kind == X509_SIG_RSA_PSS && !q.has_ext_request);
    CL_ASSERT_OK(x509_csr_verify(&q));
}

static void test_subj_syntax(void)
{
    static const struct { const char *subj; int utf8; const char *text; } good[] = {
        {"/C=FR/O=Class CA/CN=Root", 0, "C = FR, O = Class CA, CN = Root"},
        {"/CN=a\\/b\\+c", 0, "CN = \"a/b+c\""},
        {"/CN=x+O=y", 0, "CN = x + O = y"},
        {"/CN=M\xC3\xBCnchen", 1, "CN = M\\C3\\BCnchen"},
        {"/CN=M\xFC" "nchen", 0, "CN = M\\C3\\BCnchen"},   /* Latin-1 in, UTF-8 out (as openssl without -utf8) */
        {"/emailAddress=a@b.example/DC=example/serialNumber=42", 0, "emailAddress = a@b.example, DC = example, serialNumber = 42"},
        {"/2.5.4.3=by OID", 0, "CN = by OID"},
        {"/", 0, ""},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        uint8_t name[256];
        size_t nl = 0;
        const char *why = NULL;
        char buf[160];
        cl_status st = x509_name_from_subj(good[i].subj, good[i].utf8, name, sizeof name, &nl, &why);
        CL_ASSERT_OK(st);
        if (st != CL_OK)
            continue;
        x509_bytes n = {name, nl};
        der_reader r;
        x509_bytes chk;
        der_reader_init(&r, name, nl, NULL);
        CL_ASSERT_OK(x509_name_read(&r, &chk));
        x509_name_format(&n, 0, buf, sizeof buf);
        if (strcmp(buf, good[i].text) != 0)
            fprintf(stderr, "\n  %s: got [%s] want [%s]\n", good[i].subj, buf, good[i].text);
        CU_ASSERT_STRING_EQUAL(buf, good[i].text);
    }
    static const char *const bad[] = {"CN=x", "/CN", "/XX=y", "/C=FRA", "/C=F", "/C=F@", "/emailAddress=\xC3\xA9",
                                      "/CN=x+", "/CN="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t name[256];
        size_t nl = 0;
        const char *why = NULL;
        CL_ASSERT_STATUS(x509_name_from_subj(bad[i], 1, name, sizeof name, &nl, &why), CL_ERR_PARSE);
        CU_ASSERT_PTR_NOT_NULL(why);
    }
}

static void test_ext_conf(void)
{
    static const char conf[] =
        "# comment\n"
        "basicConstraints = CA:FALSE\n"
        "[ server ]\n"
        "basicConstraints = critical,CA:TRUE,pathlen:2   # trailing comment\n"
        "keyUsage = critical, digitalSignature, keyEncipherment\n"
        "subjectAltName = @alt\n"
        "1.2.3.4 = critical,DER:0500\n"
        "[alt]\n"
        "DNS.1 = a.example\n"
        "DNS.2 = b.example\n"
        "IP.1 = 10.0.0.1\n";
    x509_ext_spec e;
    const char *why = NULL;
    size_t line = 0;
    x509_ext_spec_init(&e);
    CL_ASSERT_OK(x509_ext_spec_from_conf(&e, conf, sizeof conf - 1, "server", &why, &line));
    CU_ASSERT(e.ca == 1 && e.path_len == 2 && (e.critical & X509_EXT_BASIC_CONSTRAINTS));
    CU_ASSERT_EQUAL(e.key_usage, X509_KU_DIGITAL_SIGNATURE | X509_KU_KEY_ENCIPHERMENT);
    CU_ASSERT_EQUAL(e.nsan, 3);
    CU_ASSERT(e.nsan == 3 && e.san[2].type == X509_GN_IP && e.san[2].value.len == 4);
    CU_ASSERT_EQUAL(e.nraw, 1);
    CU_ASSERT_EQUAL(e.nall, 4);
    x509_ext_spec_init(&e);
    CL_ASSERT_OK(x509_ext_spec_from_conf(&e, conf, sizeof conf - 1, NULL, &why, &line));
    CU_ASSERT(e.set == X509_EXT_BASIC_CONSTRAINTS && e.ca == 0);
    CL_ASSERT_STATUS(x509_ext_spec_from_conf(&e, conf, sizeof conf - 1, "nope", &why, &line), CL_ERR_PARSE);
    static const char *const bad[] = {"keyUsage=", "keyUsage=sign", "basicConstraints=CA:FALSE,pathlen:1",
                                      "subjectAltName=DNS:", "subjectAltName=IP:300.1.1.1", "subjectAltName=foo",
                                      "extendedKeyUsage=badName", "fooBar=1", "1.2.3=ASN1:NULL", "nonsense"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        x509_ext_spec_init(&e);
        CL_ASSERT_STATUS(x509_ext_spec_add_line(&e, bad[i], &why), CL_ERR_PARSE);
    }
}

static void test_serials_and_times(void)
{
    uint8_t s[20];
    size_t n = 0;
    CL_ASSERT_OK(x509_serial_from_text("4660", 0, s, &n));
    CU_ASSERT(n == 2 && s[0] == 0x12 && s[1] == 0x34);
    CL_ASSERT_OK(x509_serial_from_text("0x1234", 0, s, &n));
    CU_ASSERT(n == 2 && s[0] == 0x12);
    CL_ASSERT_OK(x509_serial_from_text("FF", 1, s, &n));
    CL_ASSERT_OK(x509_serial_increment(s, &n));
    CU_ASSERT(n == 2 && s[0] == 0x01 && s[1] == 0x00);
    CL_ASSERT_STATUS(x509_serial_from_text("-1", 0, s, &n), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(x509_serial_from_text("0x80000000000000000000000000000000000000000", 0, s, &n), CL_ERR_BAD_ARGUMENT);
    uint8_t r1[20], r2[20];
    size_t l1, l2;
    CL_ASSERT_OK(x509_serial_random(r1, &l1));
    CL_ASSERT_OK(x509_serial_random(r2, &l2));
    CU_ASSERT(l1 == 20 && (r1[0] & 0x80) == 0 && r1[0] != 0 && memcmp(r1, r2, 20) != 0);
    /* times: UTCTime up to 2049, GeneralizedTime from 2050, read back */
    static const int years[] = {1950, 1999, 2000, 2049, 2050, 2100, 9999};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        uint8_t buf[32];
        der_writer w;
        size_t len;
        int64_t t = x509_time_from_civil(years[i], 12, 31, 23, 59, 59), back = 0;
        der_writer_init(&w, buf, sizeof buf);
        CL_ASSERT_OK(x509_time_write(&w, t));
        CL_ASSERT_OK(der_writer_result(&w, &len));
        CU_ASSERT_EQUAL(buf[0], years[i] < 2050 ? DER_UTC_TIME : DER_GENERALIZED_TIME);
        der_reader r;
        der_reader_init(&r, buf, len, NULL);
        CL_ASSERT_OK(x509_time_read(&r, &back));
        CU_ASSERT_EQUAL(back, t);
    }
}

void register_x509_suites(void);
void register_x509_suites(void)
{
    CU_pSuite s = tu_add_suite("x509");
    tu_add_test(s, "parse a server certificate (RFC 5280 4.1)", test_parse_leaf);
    tu_add_test(s, "parse CA, pathlen, PSS signature, PSS key, critical", test_parse_ca_and_pss);
    tu_add_test(s, "RSA-PSS SubjectPublicKeyInfo in the key loader", test_pss_public_key_file);
    tu_add_test(s, "system CA bundle parses", test_system_bundle);
    tu_add_test(s, "loader errors", test_load_errors);
    tu_add_test(s, "verify good chains (6.1)", test_verify_good);
    tu_add_test(s, "verify failures: one status each", test_verify_failures);
    tu_add_test(s, "pathLenConstraint and validity", test_verify_pathlen);
    tu_add_test(s, "every truncation and 1-octet change refused", test_corruptions);
    tu_add_test(s, "RFC 6125 host names and IP literals", test_host_names);
    tu_add_test(s, "UTCTime / GeneralizedTime (4.1.2.5)", test_times);
    tu_add_test(s, "names: comparison (7.1) and oneline escapes", test_names);
    tu_add_test(s, "DER: BOOLEAN, BIT STRING", test_der_additions);
    CU_pSuite w = CU_add_suite("x509-write", NULL, clear_keys);
    if (w == NULL) {
        fprintf(stderr, "CUnit: cannot add suite x509-write\n");
        exit(2);
    }
    tu_add_test(w, "a chain of three written, read back, verified", test_write_chain);
    tu_add_test(w, "PKCS#10 requests: write, parse, verify, damage", test_write_csr);
    tu_add_test(w, "-subj syntax (names as openssl req writes them)", test_subj_syntax);
    tu_add_test(w, "extension configuration syntax (-addext, -extfile)", test_ext_conf);
    tu_add_test(w, "serial numbers, validity times", test_serials_and_times);
}
