/*
 * demo/cmd_req.c -- `cryptolab req`: certification requests (PKCS#10,
 * RFC 2986) and self-signed certificates, with `openssl req`'s options:
 *
 *   cryptolab req -new -newkey rsa:BITS | -key FILE [-nodes] [-keyout FILE]
 *                 [-passout ARG] [-passin ARG] -subj /CN=.../O=... [-utf8]
 *                 [-addext EXT]... [-x509 [-days N] [-set_serial N]]
 *                 [-sigopt OPT] [-out FILE] [-outform PEM|DER] [-text] [-noout]
 *   cryptolab req -in CSR [-verify] [-noout] [-text] [-subject] [-pubkey]
 *                 [-out FILE] [-outform PEM|DER]
 *
 * Keys come from rsa_generate() (rsa/rsa.h) and are written as PKCS#8 with
 * mode 0600; the request and the certificate from rsa/x509/x509_write.h.
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

#define CMD "req"
#define MAX_FILE (1u << 20)
#define MAX_ADDEXT 32

static const char USAGE[] =
    "usage: cryptolab req [options]\n"
    "Makes a certificate request (PKCS#10) or, with -x509, a self-signed certificate, as\n"
    "`openssl req` does; or reads, verifies and prints a request (-in).\n"
    "  -new                 make a new request (implied by -newkey, -key and -x509)\n"
    "  -newkey rsa:BITS     a new RSA key (2048, 3072, 4096; 1024 for labs)\n"
    "  -key FILE            the existing private key to use\n"
    "  -passin ARG          its password (pass:, env:, file:, fd:, stdin)\n"
    "  -keyout FILE         where the new key goes (mode 0600; default privkey.pem)\n"
    "  -nodes, -noenc       write the new key unencrypted\n"
    "  -passout ARG         encrypt the new key (PKCS#8, PBES2, AES-256-CBC) with this password\n"
    "  -subj /T=V/T=V...    the subject (C, ST, L, O, OU, CN, emailAddress, serialNumber, DC,\n"
    "                       UID, street, title, GN, SN, ...; '+' joins a multi-valued RDN)\n"
    "  -utf8                the -subj values are UTF-8 (default: Latin-1 octets, as openssl)\n"
    "  -addext NAME=VALUE   an extension, openssl syntax (e.g. subjectAltName=DNS:a,IP:10.0.0.1)\n"
    "  -x509                a self-signed certificate instead of a request, with\n"
    "                       subjectKeyIdentifier=hash, authorityKeyIdentifier=keyid:always,\n"
    "                       basicConstraints=critical,CA:TRUE (as openssl's v3_ca) and -addext\n"
    "  -days N              validity of the -x509 certificate (default 30)\n"
    "  -set_serial N        its serial number (default random, 159 bits)\n"
    "  -sigopt OPT          rsa_padding_mode:pss (RSASSA-PSS, SHA-256), rsa_pss_saltlen:N\n"
    "  -in FILE             read a request (PEM or DER) instead\n"
    "  -verify              check the request's self-signature\n"
    "  -text                print the request (or certificate) as text\n"
    "  -subject             print subject=...\n"
    "  -pubkey              print the public key (PEM)\n"
    "  -noout               do not write the request (or certificate)\n"
    "  -out FILE            where it goes (default standard output)\n"
    "  -outform PEM|DER     its format (default PEM)\n"
    "Differences from openssl req: no interactive prompts and no configuration file (give -subj;\n"
    "-addext and the -x509 defaults above stand for openssl.cnf); only RSA keys; SHA-256 only.\n";

struct opts {
    const char *in, *out, *newkey, *key, *keyout, *passin, *passout, *subj, *days, *set_serial;
    const char *addext[MAX_ADDEXT];
    size_t naddext;
    int new_req, x509, nodes, utf8, verify, text, subject, pubkey, noout, out_der;
    x509_sign_alg sig;
};

/* Writes the request or certificate (and what was asked to be printed). */
static int output(const struct opts *o, const x509_bytes *der, int is_cert)
{
    struct cli_out out;
    if (o->noout && !o->text && !o->subject && !o->pubkey)
        return 0;
    if (cli_out_open(CMD, &out, o->out, 0644))
        return 1;
    int bad = 0;
    x509_cert c;
    x509_csr q;
    const x509_bytes *subject, *spki;
    if (is_cert) {
        bad = x509_cert_parse(&c, der->p, der->len, NULL) != CL_OK;
        subject = &c.subject;
        spki = &c.spki;
    } else {
        bad = x509_csr_parse(&q, der->p, der->len, NULL) != CL_OK;
        subject = &q.subject;
        spki = &q.spki;
    }
    if (bad) {
        cli_out_abort(&out);
        return cli_fail(CMD, "internal error: cannot read back what was written");
    }
    /* openssl req's order: -pubkey, -text, -subject, then the object */
    if (o->pubkey)
        bad |= x509_pem_write(out.fp, "PUBLIC KEY", spki) != CL_OK;
    if (o->text)
        bad |= (is_cert ? x509_cert_print_text(out.fp, &c) : x509_csr_print_text(out.fp, &q)) != CL_OK;
    if (o->subject) {
        fputs("subject=", out.fp);
        x509_name_print(out.fp, subject);
        fputc('\n', out.fp);
    }
    if (!o->noout) {
        if (o->out_der)
            bad |= fwrite(der->p, 1, der->len, out.fp) != der->len;
        else
            bad |= x509_pem_write(out.fp, is_cert ? "CERTIFICATE" : "CERTIFICATE REQUEST", der) != CL_OK;
    }
    if (bad) {
        cli_out_abort(&out);
        return cli_fail(CMD, "write error");
    }
    return cli_out_commit(CMD, &out);
}

/* req -in CSR: read, -verify, print. */
static int read_request(const struct opts *o)
{
    uint8_t *der = NULL;
    size_t dl = 0;
    x509_csr q;
    const char *name = o->in ? o->in : "standard input";
    if (cli_load_csr(CMD, o->in, &der, &dl, &q))
        return 1;
    int rc = 1;
    if (o->verify) {
        cl_status st = x509_csr_verify(&q);
        if (st != CL_OK) {
            fprintf(stderr, "Certificate request self-signature verify failure\n");
            cli_fail(CMD, "%s: %s", name, cl_strerror(st));
            goto done;
        }
        fprintf(stderr, "Certificate request self-signature verify OK\n");
    }
    x509_bytes b = {der, dl};
    rc = output(o, &b, 0);
done:
    free(der);
    return rc;
}

/* The key: -newkey rsa:BITS (written to -keyout) or -key FILE. */
static int get_key(const struct opts *o, rsa_key *key)
{
    if (o->key != NULL)
        return cli_load_rsa_key(CMD, key, o->key, 1, o->passin, NULL, NULL);
    unsigned bits = 2048;
    if (strncmp(o->newkey, "rsa:", 4) == 0) {
        char *end;
        unsigned long v = strtoul(o->newkey + 4, &end, 10);
        if (*end != '\0' || (v != 1024 && v != 2048 && v != 3072 && v != 4096))
            return cli_fail(CMD, "-newkey %s: rsa:2048, rsa:3072 or rsa:4096 (rsa:1024 for labs)", o->newkey);
        bits = (unsigned)v;
    } else if (strcmp(o->newkey, "rsa") != 0) {
        return cli_fail(CMD, "-newkey %s: only RSA keys (rsa:BITS)", o->newkey);
    }
    if (!o->nodes && o->passout == NULL)
        return cli_fail(CMD, "the new key would be written unencrypted: give -nodes (or -noenc), "
                             "or -passout to encrypt it");
    if (bits < 2048)
        fprintf(stderr, "%s %s: warning: %u-bit RSA keys can be factored; use them only for labs\n",
                cli_progname, CMD, bits);
    cl_status st = rsa_generate(key, bits, 65537);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "key generation failed");
    char *pw = NULL;
    uint8_t *pem = NULL;
    size_t pem_len = 0;
    struct cli_out out;
    int rc = 1;
    if (o->passout != NULL && !o->nodes && cli_pass_arg(CMD, "-passout", o->passout, 0, &pw))
        return 1;
    st = rsa_key_encode(key, pw ? RSA_KEY_PKCS8_ENCRYPTED : RSA_KEY_PKCS8, 1, pw, &pem, &pem_len);
    if (st != CL_OK)
        cli_fail_status(CMD, st, "cannot encode the key");
    else if (cli_out_open(CMD, &out, o->keyout ? o->keyout : "privkey.pem", 0600) == 0) {
        if (fwrite(pem, 1, pem_len, out.fp) != pem_len) {
            cli_fail(CMD, "write error");
            cli_out_abort(&out);
        } else {
            rc = cli_out_commit(CMD, &out);
        }
    }
    if (pem != NULL) {
        cl_wipe(pem, pem_len);
        free(pem);
    }
    cli_pass_free(pw);
    return rc;
}

static int make_new(struct opts *o)
{
    static x509_ext_spec ext;                 /* large: not on the stack */
    static uint8_t out[32768];
    uint8_t name[4096], spki[RSA_MAX_BYTES + 64];
    size_t name_len = 0, spki_len = 0, out_len = 0;
    const char *why = NULL;
    if (o->subj == NULL)
        return cli_fail(CMD, "give the subject with -subj /C=../O=../CN=.. (there are no prompts)");
    if (o->key == NULL && o->newkey == NULL)
        return cli_fail(CMD, "give -newkey rsa:BITS or -key FILE");
    if (x509_name_from_subj(o->subj, o->utf8, name, sizeof name, &name_len, &why) != CL_OK)
        return cli_fail(CMD, "-subj %s: %s", o->subj, why ? why : "malformed");
    x509_ext_spec_init(&ext);
    if (o->x509) {                            /* openssl.cnf [v3_ca] */
        static const char *const v3_ca[] = {"subjectKeyIdentifier=hash",
                                            "authorityKeyIdentifier=keyid:always",
                                            "basicConstraints=critical,CA:TRUE"};
        for (size_t i = 0; i < 3; i++)
            if (x509_ext_spec_add_line(&ext, v3_ca[i], &why) != CL_OK)
                return cli_fail(CMD, "internal error: %s", why);
    }
    for (size_t i = 0; i < o->naddext; i++)
        if (x509_ext_spec_add_line(&ext, o->addext[i], &why) != CL_OK)
            return cli_fail(CMD, "-addext %s: %s", o->addext[i], why ? why : "malformed");
    uint8_t serial[20];
    size_t serial_len = 0;
    if (o->set_serial != NULL ? x509_serial_from_text(o->set_serial, 0, serial, &serial_len) != CL_OK
                              : x509_serial_random(serial, &serial_len) != CL_OK)
        return cli_fail(CMD, "-set_serial %s: a positive number of at most 159 bits (decimal or 0x...)",
                        o->set_serial ? o->set_serial : "");
    long days = 30;
    if (o->days != NULL) {
        char *end;
        errno = 0;
        days = strtol(o->days, &end, 10);
        if (*o->days == '\0' || *end != '\0' || errno != 0 || days < 0 || days > 3650000)
            return cli_fail(CMD, "-days %s: a number of days", o->days);
    }

    rsa_key key;
    rsa_key_init(&key);
    int rc = 1;
    cl_status st;
    if (get_key(o, &key))
        goto done;
    x509_bytes subject = {name, name_len};
    if (o->x509) {
        if ((st = rsa_spki_der(&key, spki, sizeof spki, &spki_len)) != CL_OK) {
            cli_fail_status(CMD, st, "cannot encode the public key");
            goto done;
        }
        x509_cert_spec spec;
        memset(&spec, 0, sizeof spec);
        spec.serial.p = serial;
        spec.serial.len = serial_len;
        spec.subject = subject;
        spec.spki.p = spki;
        spec.spki.len = spki_len;
        spec.not_before = (int64_t)time(NULL);
        spec.not_after = spec.not_before + (int64_t)days * 86400;
        spec.ext = &ext;
        spec.alg = o->sig;
        st = x509_cert_write(&spec, NULL, &key, out, sizeof out, &out_len);
    } else {
        st = x509_csr_write(&subject, &key, &ext, &o->sig, out, sizeof out, &out_len);
    }
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "cannot make the %s", o->x509 ? "certificate" : "request");
        goto done;
    }
    x509_bytes b = {out, out_len};
    rc = output(o, &b, o->x509);
done:
    rsa_key_clear(&key);
    return rc;
}

static int run(int argc, char **argv)
{
    struct opts o;
    memset(&o, 0, sizeof o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
#define NEED_ARG() do { if (!has) return cli_fail(CMD, "option %s needs an argument", a); } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-new") == 0) { o.new_req = 1;
        } else if (strcmp(a, "-x509") == 0) { o.x509 = 1;
        } else if (strcmp(a, "-newkey") == 0) { NEED_ARG(); o.newkey = argv[++i];
        } else if (strcmp(a, "-key") == 0) { NEED_ARG(); o.key = argv[++i];
        } else if (strcmp(a, "-keyout") == 0) { NEED_ARG(); o.keyout = argv[++i];
        } else if (strcmp(a, "-passin") == 0) { NEED_ARG(); o.passin = argv[++i];
        } else if (strcmp(a, "-passout") == 0) { NEED_ARG(); o.passout = argv[++i];
        } else if (strcmp(a, "-nodes") == 0 || strcmp(a, "-noenc") == 0) { o.nodes = 1;
        } else if (strcmp(a, "-subj") == 0) { NEED_ARG(); o.subj = argv[++i];
        } else if (strcmp(a, "-utf8") == 0) { o.utf8 = 1;
        } else if (strcmp(a, "-addext") == 0) {
            NEED_ARG();
            if (o.naddext == MAX_ADDEXT)
                return cli_fail(CMD, "too many -addext options (at most %d)", MAX_ADDEXT);
            o.addext[o.naddext++] = argv[++i];
        } else if (strcmp(a, "-days") == 0) { NEED_ARG(); o.days = argv[++i];
        } else if (strcmp(a, "-set_serial") == 0) { NEED_ARG(); o.set_serial = argv[++i];
        } else if (strcmp(a, "-sigopt") == 0) {
            NEED_ARG();
            if (x509_sigopt_parse(&o.sig, argv[++i]) != CL_OK)
                return cli_fail(CMD, "-sigopt %s: rsa_padding_mode:pss|pkcs1 or rsa_pss_saltlen:N|digest|max", argv[i]);
        } else if (strcmp(a, "-sha256") == 0) { /* the only digest */
        } else if (strcmp(a, "-in") == 0) { NEED_ARG(); o.in = argv[++i];
        } else if (strcmp(a, "-inform") == 0) {
            int unused;
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &unused)) return 1;
        } else if (strcmp(a, "-out") == 0) { NEED_ARG(); o.out = argv[++i];
        } else if (strcmp(a, "-outform") == 0) {
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &o.out_der)) return 1;
        } else if (strcmp(a, "-verify") == 0) { o.verify = 1;
        } else if (strcmp(a, "-text") == 0) { o.text = 1;
        } else if (strcmp(a, "-subject") == 0) { o.subject = 1;
        } else if (strcmp(a, "-pubkey") == 0) { o.pubkey = 1;
        } else if (strcmp(a, "-noout") == 0) { o.noout = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail(CMD, "unknown option %s (see --help)", a);
        } else {
            return cli_fail(CMD, "unexpected argument %s (see --help)", a);
        }
#undef NEED_ARG
    }
    if (o.newkey != NULL && o.key != NULL)
        return cli_fail(CMD, "-newkey and -key cannot be used together");
    if (o.in != NULL && (o.new_req || o.newkey || o.x509))
        return cli_fail(CMD, "-in reads a request; -new, -newkey and -x509 make one (choose)");
    if (o.new_req || o.newkey || o.x509 || o.key)
        return make_new(&o);
    return read_request(&o);
}

const struct cl_command cmd_req = { "req", "make and read certificate requests, self-signed certificates (like openssl req)", run };
