/*
 * demo/cmd_x509.c -- `cryptolab x509`: print, convert and sign certificates
 * with `openssl x509`'s options and, where it is deterministic, its output.
 *
 *   cryptolab x509 -in FILE [-inform PEM|DER] [-noout] [-text] [-subject]
 *                  [-issuer] [-dates] [-startdate] [-enddate] [-serial]
 *                  [-fingerprint [-sha256|-sha1]] [-pubkey] [-modulus]
 *                  [-ext NAMES] [-outform PEM|DER] [-out FILE]
 *   cryptolab x509 -req -in CSR -CA CERT -CAkey KEY [-set_serial N | -CAcreateserial]
 *                  [-days N] [-extfile FILE [-extensions SECTION] | -copy_extensions copy]
 *                  [-sigopt rsa_padding_mode:pss] [-out FILE]
 *   cryptolab x509 -req -in CSR -key KEY ...   (self-signed from a request)
 *
 * The print options come out in the order they were given, as openssl's.
 * The signing is in rsa/x509/x509_write.h; this file only reads options
 * and files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "common/ct.h"
#include "rsa/pem.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/x509/x509.h"
#include "rsa/x509/x509_print.h"
#include "rsa/x509/x509_write.h"

#define CMD "x509"
#define MAX_FILE (1u << 20)

static const char USAGE[] =
    "usage: cryptolab x509 [options]\n"
    "Reads a certificate (PEM or DER) and prints what is asked, in the order asked, as\n"
    "`openssl x509` does; or (-req) signs a certificate request.\n"
    "  -in FILE             the certificate (or with -req the request); default standard input\n"
    "  -inform PEM|DER      input format (detected; accepted for compatibility)\n"
    "  -noout               do not write the certificate itself\n"
    "  -text                everything, as `openssl x509 -text`\n"
    "  -subject, -issuer    the names (openssl's default -nameopt oneline)\n"
    "  -dates               notBefore= and notAfter= (-startdate, -enddate: one of them)\n"
    "  -serial              serial= in hexadecimal\n"
    "  -fingerprint         the digest of the DER (SHA-1 unless -sha256)\n"
    "  -sha256, -sha1       the digest -fingerprint uses\n"
    "  -pubkey              the public key (SubjectPublicKeyInfo PEM)\n"
    "  -modulus             Modulus= of an RSA key\n"
    "  -ext NAMES           those extensions (comma-separated: basicConstraints, keyUsage,\n"
    "                       extendedKeyUsage, subjectAltName, subjectKeyIdentifier,\n"
    "                       authorityKeyIdentifier)\n"
    "  -outform PEM|DER     the certificate's format (default PEM)\n"
    "  -out FILE            where to write (default standard output)\n"
    "signing (-req):\n"
    "  -req                 -in is a certificate request (PKCS#10), to be signed\n"
    "  -CA CERT -CAkey KEY  the issuer's certificate and private key\n"
    "  -key KEY             sign with this key instead: a self-signed certificate\n"
    "  -passin ARG          password of an encrypted key (pass:, env:, file:, fd:, stdin)\n"
    "  -set_serial N        serial number (decimal, or hex with 0x); default random (159 bits)\n"
    "  -CAcreateserial      use and update CA.srl next to -CA (created, random, if missing)\n"
    "  -CAserial FILE       the serial file to use instead of CA.srl\n"
    "  -days N              validity from now (default 30)\n"
    "  -extfile FILE        extensions from this openssl configuration file ...\n"
    "  -extensions SECTION  ... this section of it (default: the file's unnamed first part)\n"
    "  -copy_extensions copy  copy the request's extensions (those -extfile does not set)\n"
    "  -sigopt OPT          rsa_padding_mode:pss (RSASSA-PSS, SHA-256) and rsa_pss_saltlen:N\n"
    "Differences from openssl x509: -text decodes the extensions listed under -ext, Netscape\n"
    "Comment, and RSA / RSA-PSS keys; other extensions (policies, CRL distribution points,\n"
    "authority information access, SCTs...) show as raw octets where openssl decodes them,\n"
    "other key types as \"Unable to load Public Key\", attribute types we do not know as\n"
    "dotted OIDs.  Input must be strict DER (openssl accepts trailing data and BER lengths).\n";

/* -req: what to sign with. */
struct sign_opts {
    const char *ca_cert, *ca_key, *self_key, *passin;
    const char *set_serial, *serial_file, *days, *extfile, *extsection;
    int create_serial, copy_extensions;
    x509_sign_alg sig;
};

/* The order of the print options (openssl prints in the order given). */
enum what { W_SUBJECT = 1, W_ISSUER, W_SERIAL, W_STARTDATE, W_ENDDATE, W_FINGERPRINT,
            W_PUBKEY, W_MODULUS, W_TEXT, W_EXT, W_COUNT };

struct opts {
    const char *in, *out, *ext;
    int noout, out_der;
    int order[W_COUNT];          /* position on the command line, 0: not asked */
    int nprint;
    const cl_hash *digest;
    /* -req */
    int req;
    struct sign_opts sign;
};

static void want(struct opts *o, enum what w)
{
    o->order[w] = ++o->nprint;
}

static void print_date(FILE *f, const char *label, int64_t t)
{
    char when[32];
    x509_time_format(t, when);
    fprintf(f, "%s=%s\n", label, when);
}

/* `-ext a,b`: the named extensions present, in certificate order. */
static int print_ext(FILE *f, const x509_cert *c, const char *names)
{
    der_reader r;
    x509_extension x;
    int found = 0;
    x509_ext_iter_init(&r, &c->ext.all);
    while (x509_ext_next(&r, &x)) {
        if (x509_ext_name_listed(&x, names)) {
            x509_ext_print(f, &x, 0);
            found = 1;
        }
    }
    if (!found)
        fprintf(stderr, "No extensions in certificate\n");
    return 0;
}

static int print_one(FILE *f, const x509_cert *c, const struct opts *o, enum what w)
{
    uint8_t md[CL_HASH_MAX_DIGEST];
    switch (w) {
    case W_SUBJECT:
        fputs("subject=", f);
        x509_name_print(f, &c->subject);
        fputc('\n', f);
        break;
    case W_ISSUER:
        fputs("issuer=", f);
        x509_name_print(f, &c->issuer);
        fputc('\n', f);
        break;
    case W_SERIAL:
        fputs("serial=", f);
        x509_serial_hex(f, c);
        fputc('\n', f);
        break;
    case W_STARTDATE: print_date(f, "notBefore", c->not_before); break;
    case W_ENDDATE:   print_date(f, "notAfter", c->not_after); break;
    case W_FINGERPRINT:
        if (x509_cert_fingerprint(c, o->digest, md) != CL_OK)
            return cli_fail(CMD, "cannot compute the fingerprint");
        fprintf(f, "%s Fingerprint=", o->digest == &cl_hash_sha1 ? "SHA1" : "sha256");
        for (size_t i = 0; i < o->digest->digest_len; i++)
            fprintf(f, "%02X%s", md[i], i + 1 < o->digest->digest_len ? ":" : "\n");
        break;
    case W_PUBKEY:
        if (x509_pem_write(f, "PUBLIC KEY", &c->spki) != CL_OK)
            return cli_fail(CMD, "cannot write the public key");
        break;
    case W_MODULUS: {
        rsa_key k;
        rsa_key_init(&k);
        if (x509_cert_public_key(c, &k, NULL) != CL_OK) {
            fputs("Modulus=No modulus for this public key type\n", f);
        } else {
            char *hex = mpz_get_str(NULL, 16, k.n);
            for (char *p = hex; *p; p++)
                if (*p >= 'a' && *p <= 'f')
                    *p = (char)(*p - 'a' + 'A');
            fprintf(f, "Modulus=%s\n", hex);
            free(hex);
        }
        rsa_key_clear(&k);
        break;
    }
    case W_TEXT:
        if (x509_cert_print_text(f, c) != CL_OK)
            return cli_fail(CMD, "write error");
        break;
    case W_EXT:
        return print_ext(f, c, o->ext);
    case W_COUNT:
        break;
    }
    return 0;
}

/* Reading, printing and converting one certificate. */
static int show(struct opts *o)
{
    uint8_t *data = NULL;
    size_t len = 0;
    const char *name = o->in ? o->in : "standard input";
    if (cli_read_all(CMD, o->in, MAX_FILE, &data, &len))
        return 1;
    x509_certs s;
    x509_load_error e;
    x509_certs_init(&s);
    cl_status st = x509_certs_load(&s, data, len, &e);
    free(data);
    if (st != CL_OK) {
        x509_certs_free(&s);
        return cli_fail(CMD, "%s: %s", name, e.detail);
    }
    const x509_cert *c = &s.cert[0];
    struct cli_out out;
    int rc = 1;
    if (cli_out_open(CMD, &out, o->out, 0644))
        goto done;
    for (int pos = 1; pos <= o->nprint; pos++)
        for (int w = 1; w < W_COUNT; w++)
            if (o->order[w] == pos && print_one(out.fp, c, o, (enum what)w)) {
                cli_out_abort(&out);
                goto done;
            }
    if (!o->noout) {
        if (o->out_der ? fwrite(c->der.p, 1, c->der.len, out.fp) != c->der.len
                       : x509_pem_write(out.fp, "CERTIFICATE", &c->der) != CL_OK) {
            cli_fail(CMD, "write error");
            cli_out_abort(&out);
            goto done;
        }
    }
    rc = cli_out_commit(CMD, &out);
done:
    x509_certs_free(&s);
    return rc;
}

/* OpenSSL's CA.srl: the CA file name with its suffix replaced by ".srl". */
static char *serial_path(const char *ca)
{
    size_t n = strlen(ca);
    const char *dot = strrchr(ca, '.'), *slash = strrchr(ca, '/');
    if (dot != NULL && (slash == NULL || dot > slash))
        n = (size_t)(dot - ca);
    char *p = malloc(n + 5);
    if (p != NULL) {
        memcpy(p, ca, n);
        memcpy(p + n, ".srl", 5);
    }
    return p;
}

/* -set_serial, -CAserial/-CAcreateserial (read, +1, write back), or random. */
static int choose_serial(const struct sign_opts *so, uint8_t serial[20], size_t *len)
{
    if (so->set_serial != NULL) {
        if (x509_serial_from_text(so->set_serial, 0, serial, len) != CL_OK)
            return cli_fail(CMD, "-set_serial %s: a positive number of at most 159 bits (decimal or 0x...)",
                            so->set_serial);
        return 0;
    }
    if (so->serial_file == NULL && !so->create_serial)
        return x509_serial_random(serial, len) == CL_OK ? 0 : cli_fail(CMD, "no random serial number");
    char *path = so->serial_file ? strdup(so->serial_file) : so->ca_cert ? serial_path(so->ca_cert) : NULL;
    if (path == NULL)
        return cli_fail(CMD, "-CAcreateserial needs -CA (or give -CAserial FILE)");
    FILE *f = fopen(path, "r");
    int rc = 1;
    if (f != NULL) {
        char line[128] = "";
        int ok = fgets(line, sizeof line, f) != NULL;
        fclose(f);
        line[strcspn(line, "\r\n")] = '\0';
        if (!ok || x509_serial_from_text(line, 1, serial, len) != CL_OK) {
            cli_fail(CMD, "%s: not a serial number file (one hexadecimal number)", path);
            goto done;
        }
    } else if (errno == ENOENT && so->create_serial) {
        if (x509_serial_random(serial, len) != CL_OK) {
            cli_fail(CMD, "no random serial number");
            goto done;
        }
    } else {
        cli_fail(CMD, "cannot open %s: %s", path, strerror(errno));
        goto done;
    }
    if (x509_serial_increment(serial, len) != CL_OK) {
        cli_fail(CMD, "%s: the serial number cannot grow any more", path);
        goto done;
    }
    struct cli_out o;
    if (cli_out_open(CMD, &o, path, 0644))
        goto done;
    for (size_t i = 0; i < *len; i++)
        fprintf(o.fp, "%02X", serial[i]);
    fputc('\n', o.fp);
    rc = cli_out_commit(CMD, &o);
done:
    free(path);
    return rc;
}

static int same_public_key(const rsa_key *a, const rsa_key *b)
{
    return mpz_cmp(a->n, b->n) == 0 && mpz_cmp(a->e, b->e) == 0;
}

/* x509 -req: the request signed by -CA/-CAkey (or self-signed with -key). */
static int sign_request(const struct opts *o)
{
    const struct sign_opts *so = &o->sign;
    uint8_t *csr_der = NULL, *conf = NULL;
    size_t csr_len = 0, conf_len = 0;
    x509_csr q;
    x509_certs ca;
    x509_load_error le;
    rsa_key key, csr_key;
    static x509_ext_spec ext;                 /* large: not on the stack */
    static uint8_t cert[32768];
    size_t cert_len = 0;
    int rc = 1;
    x509_certs_init(&ca);
    rsa_key_init(&key);
    rsa_key_init(&csr_key);
    x509_ext_spec_init(&ext);

    if ((so->ca_cert == NULL) == (so->self_key == NULL))
        return cli_fail(CMD, "-req needs -CA CERT with -CAkey KEY, or -key KEY (self-signed)");
    if (so->ca_cert != NULL && so->ca_key == NULL)
        return cli_fail(CMD, "-CA needs -CAkey KEY");
    if (cli_load_csr(CMD, o->in, &csr_der, &csr_len, &q))
        return 1;
    if (x509_csr_verify(&q) != CL_OK) {
        fprintf(stderr, "Certificate request self-signature did not match the contents\n");
        cli_fail(CMD, "%s: the request's signature does not verify", o->in ? o->in : "standard input");
        goto done;
    }
    fprintf(stderr, "Certificate request self-signature ok\nsubject=");
    x509_name_print(stderr, &q.subject);
    fputc('\n', stderr);
    if (so->ca_cert != NULL) {
        if (x509_certs_load_file(&ca, so->ca_cert, &le) != CL_OK) {
            cli_fail(CMD, "%s: %s", so->ca_cert, le.detail);
            goto done;
        }
        if (cli_load_rsa_key(CMD, &key, so->ca_key, 1, so->passin, NULL, NULL))
            goto done;
        rsa_key ca_pub;
        rsa_key_init(&ca_pub);
        int match = x509_cert_public_key(&ca.cert[0], &ca_pub, NULL) == CL_OK && same_public_key(&ca_pub, &key);
        rsa_key_clear(&ca_pub);
        if (!match) {
            cli_fail(CMD, "%s and %s do not match (CA certificate and CA private key)", so->ca_cert, so->ca_key);
            goto done;
        }
    } else {
        if (cli_load_rsa_key(CMD, &key, so->self_key, 1, so->passin, NULL, NULL))
            goto done;
        if (rsa_spki_from_der(&csr_key, q.spki.p, q.spki.len) != CL_OK || !same_public_key(&csr_key, &key)) {
            cli_fail(CMD, "%s is not the key of the request", so->self_key);
            goto done;
        }
    }
    /* extensions: -extfile [-extensions], then -copy_extensions */
    if (so->extfile != NULL) {
        const char *why = NULL;
        size_t line = 0;
        if (cli_read_all(CMD, so->extfile, MAX_FILE, &conf, &conf_len))
            goto done;
        if (x509_ext_spec_from_conf(&ext, (const char *)conf, conf_len, so->extsection, &why, &line) != CL_OK) {
            if (line)
                cli_fail(CMD, "%s line %zu: %s", so->extfile, line, why ? why : "cannot use this line");
            else
                cli_fail(CMD, "%s: %s%s%s", so->extfile, why ? why : "malformed", so->extsection ? ": " : "",
                         so->extsection ? so->extsection : "");
            goto done;
        }
    }
    if (so->copy_extensions && q.has_ext_request && x509_ext_spec_copy(&ext, &q.ext) != CL_OK) {
        cli_fail(CMD, "too many extensions to copy");
        goto done;
    }
    uint8_t serial[20];
    size_t serial_len = 0;
    if (choose_serial(so, serial, &serial_len))
        goto done;
    long days = 30;
    if (so->days != NULL) {
        char *end;
        errno = 0;
        days = strtol(so->days, &end, 10);
        if (*so->days == '\0' || *end != '\0' || errno != 0 || days < 0 || days > 3650000) {
            cli_fail(CMD, "-days %s: a number of days", so->days);
            goto done;
        }
    }
    x509_cert_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.serial.p = serial;
    spec.serial.len = serial_len;
    spec.subject = q.subject;
    spec.spki = q.spki;
    spec.not_before = (int64_t)time(NULL);
    spec.not_after = spec.not_before + (int64_t)days * 86400;
    spec.ext = &ext;
    spec.alg = so->sig;
    cl_status st = x509_cert_write(&spec, so->ca_cert ? &ca.cert[0] : NULL, &key, cert, sizeof cert, &cert_len);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "cannot make the certificate");
        goto done;
    }
    struct cli_out out;
    if (cli_out_open(CMD, &out, o->out, 0644))
        goto done;
    x509_bytes der = {cert, cert_len};
    if (!o->noout && (o->out_der ? fwrite(cert, 1, cert_len, out.fp) != cert_len
                                 : x509_pem_write(out.fp, "CERTIFICATE", &der) != CL_OK)) {
        cli_fail(CMD, "write error");
        cli_out_abort(&out);
        goto done;
    }
    rc = cli_out_commit(CMD, &out);
done:
    free(csr_der);
    free(conf);
    x509_certs_free(&ca);
    rsa_key_clear(&key);
    rsa_key_clear(&csr_key);
    return rc;
}

static int run(int argc, char **argv)
{
    struct opts o;
    memset(&o, 0, sizeof o);
    o.digest = &cl_hash_sha1;
    int in_der_unused = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
#define NEED_ARG() do { if (!has) return cli_fail(CMD, "option %s needs an argument", a); } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-in") == 0) { NEED_ARG(); o.in = argv[++i];
        } else if (strcmp(a, "-out") == 0) { NEED_ARG(); o.out = argv[++i];
        } else if (strcmp(a, "-inform") == 0) {
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &in_der_unused)) return 1;
        } else if (strcmp(a, "-outform") == 0) {
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &o.out_der)) return 1;
        } else if (strcmp(a, "-noout") == 0) { o.noout = 1;
        } else if (strcmp(a, "-text") == 0) { want(&o, W_TEXT);
        } else if (strcmp(a, "-subject") == 0) { want(&o, W_SUBJECT);
        } else if (strcmp(a, "-issuer") == 0) { want(&o, W_ISSUER);
        } else if (strcmp(a, "-serial") == 0) { want(&o, W_SERIAL);
        } else if (strcmp(a, "-dates") == 0) { want(&o, W_STARTDATE); want(&o, W_ENDDATE);
        } else if (strcmp(a, "-startdate") == 0) { want(&o, W_STARTDATE);
        } else if (strcmp(a, "-enddate") == 0) { want(&o, W_ENDDATE);
        } else if (strcmp(a, "-fingerprint") == 0) { want(&o, W_FINGERPRINT);
        } else if (strcmp(a, "-pubkey") == 0) { want(&o, W_PUBKEY);
        } else if (strcmp(a, "-modulus") == 0) { want(&o, W_MODULUS);
        } else if (strcmp(a, "-ext") == 0) { NEED_ARG(); o.ext = argv[++i]; want(&o, W_EXT);
        } else if (strcmp(a, "-sha256") == 0) { o.digest = &cl_hash_sha256;
        } else if (strcmp(a, "-sha1") == 0) { o.digest = &cl_hash_sha1;
        } else if (strcmp(a, "-req") == 0) { o.req = 1;
        } else if (strcmp(a, "-CA") == 0) { NEED_ARG(); o.sign.ca_cert = argv[++i];
        } else if (strcmp(a, "-CAkey") == 0) { NEED_ARG(); o.sign.ca_key = argv[++i];
        } else if (strcmp(a, "-key") == 0 || strcmp(a, "-signkey") == 0) { NEED_ARG(); o.sign.self_key = argv[++i];
        } else if (strcmp(a, "-passin") == 0) { NEED_ARG(); o.sign.passin = argv[++i];
        } else if (strcmp(a, "-set_serial") == 0) { NEED_ARG(); o.sign.set_serial = argv[++i];
        } else if (strcmp(a, "-CAcreateserial") == 0) { o.sign.create_serial = 1;
        } else if (strcmp(a, "-CAserial") == 0) { NEED_ARG(); o.sign.serial_file = argv[++i];
        } else if (strcmp(a, "-days") == 0) { NEED_ARG(); o.sign.days = argv[++i];
        } else if (strcmp(a, "-extfile") == 0) { NEED_ARG(); o.sign.extfile = argv[++i];
        } else if (strcmp(a, "-extensions") == 0) { NEED_ARG(); o.sign.extsection = argv[++i];
        } else if (strcmp(a, "-copy_extensions") == 0) {
            NEED_ARG();
            const char *v = argv[++i];
            if (strcmp(v, "copy") == 0 || strcmp(v, "copyall") == 0)
                o.sign.copy_extensions = 1;
            else if (strcmp(v, "none") != 0)
                return cli_fail(CMD, "-copy_extensions: \"%s\" (none, copy or copyall)", v);
        } else if (strcmp(a, "-sigopt") == 0) {
            NEED_ARG();
            if (x509_sigopt_parse(&o.sign.sig, argv[++i]) != CL_OK)
                return cli_fail(CMD, "-sigopt %s: rsa_padding_mode:pss|pkcs1 or rsa_pss_saltlen:N|digest|max", argv[i]);
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail(CMD, "unknown option %s (see --help)", a);
        } else {
            return cli_fail(CMD, "unexpected argument %s (see --help)", a);
        }
#undef NEED_ARG
    }
    (void)in_der_unused;
    if (o.req)
        return sign_request(&o);
    return show(&o);
}

const struct cl_command cmd_x509 = { "x509", "print, convert and sign certificates (like openssl x509)", run };
