/*
 * demo/cmd_verify.c -- `cryptolab verify`: certificate path validation
 * (RFC 5280 §6, rsa/x509/x509.h), with `openssl verify`'s options, output
 * and exit status:
 *
 *   cryptolab verify -CAfile FILE [-untrusted FILE] [-verify_hostname NAME]
 *                    [-verify_ip IP] [-attime T] [-purpose sslserver|sslclient]
 *                    [-partial_chain] [-no_check_time] [-verbose] [CERT...]
 *
 * For each CERT (standard input when none): "CERT: OK" on standard output,
 * or, on standard error, for each failure the subject of the certificate
 * at fault and "error N at D depth lookup: TEXT" with OpenSSL's number and
 * wording, then "error CERT: verification failed".  Like openssl it goes
 * on after the failures it lets pass (expired, self-signed leaf, invalid
 * CA, path length, critical extension) to list the rest.  -verbose adds our
 * own one-line explanation after each failure.  Exit status 0 when every
 * CERT verified, 2 when one did not, 1 for a usage or CAfile error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "rsa/x509/x509.h"
#include "rsa/x509/x509_print.h"

#define CMD "verify"

static const char USAGE[] =
    "usage: cryptolab verify [options] [CERT...]\n"
    "Verifies each certificate (PEM or DER; standard input if none is named) against the\n"
    "trust anchors of -CAfile, as `openssl verify` does, with the same output and exit\n"
    "status (0 all verified, 2 one failed, 1 usage or CAfile error).\n"
    "  -CAfile FILE            trust anchors (PEM, any number of certificates)\n"
    "  -untrusted FILE         intermediate certificates (PEM, any number)\n"
    "  -verify_hostname NAME   the leaf must name this DNS host (RFC 6125; no CN fallback)\n"
    "  -verify_ip IP           the leaf must name this IPv4 or IPv6 address\n"
    "  -attime T               verify at T (seconds since 1970-01-01 UTC) instead of now\n"
    "  -purpose P              sslserver or sslclient: extendedKeyUsage and keyUsage checks\n"
    "  -partial_chain          accept a path ending in a trust anchor that is not self-signed\n"
    "  -no_check_time          do not check validity periods\n"
    "  -verbose                after each failure, our own explanation (one line)\n"
    "Differences from openssl verify: only RSA signatures (sha256WithRSAEncryption,\n"
    "RSASSA-PSS with SHA-256) are verified; no CRLs, policies or name constraints (a\n"
    "critical extension for them fails as unhandled); certificates must be strict DER (openssl\n"
    "accepts data after a certificate and BER lengths outside the signed part); wildcards only\n"
    "as a whole left-most label and never the CN for host names (openssl allows \"f*.example.com\"\n"
    "and falls back to the CN); notAfter itself is still valid (RFC 5280 4.1.2.5; openssl: expired).\n";

/* OpenSSL's X509_V_ERR_* numbers and X509_verify_cert_error_string() texts
 * for what each of our failures is to openssl. */
static int openssl_code(const x509_verify_failure *f, const char **text)
{
    if (f->step == X509_STEP_PURPOSE) {      /* check_purpose(): whatever the reason */
        *text = "unsuitable certificate purpose";
        return 26;
    }
    if (f->step == X509_STEP_SIGNING_ALLOWED) {
        *text = "key usage does not include certificate signing";
        return 32;
    }
    switch (f->status) {
    case CL_ERR_X509_BAD_SIGNATURE:
    case CL_ERR_X509_UNSUPPORTED_ALG: *text = "certificate signature failure"; return 7;
    case CL_ERR_X509_NOT_YET_VALID:   *text = "certificate is not yet valid"; return 9;
    case CL_ERR_X509_EXPIRED:         *text = "certificate has expired"; return 10;
    case CL_ERR_X509_SELF_SIGNED:
        if (f->depth == 0) {
            *text = "self-signed certificate";
            return 18;
        }
        *text = "self-signed certificate in certificate chain";
        return 19;
    case CL_ERR_X509_UNKNOWN_ISSUER:
        if (f->top_trusted) {
            *text = "unable to get issuer certificate";
            return 2;
        }
        *text = "unable to get local issuer certificate";
        return 20;
    case CL_ERR_X509_CHAIN_TOO_LONG:  *text = "certificate chain too long"; return 22;
    case CL_ERR_X509_PATH_TOO_LONG:   *text = "path length constraint exceeded"; return 25;
    case CL_ERR_X509_CRITICAL_EXT:    *text = "unhandled critical extension"; return 34;
    case CL_ERR_X509_HOST_MISMATCH:   *text = "hostname mismatch"; return 62;
    case CL_ERR_X509_IP_MISMATCH:     *text = "IP address mismatch"; return 64;
    case CL_ERR_X509_NOT_CA:
    case CL_ERR_X509_NO_CERT_SIGN:    *text = "invalid CA certificate"; return 79;
    default:                          break;
    }
    *text = "unspecified certificate verification error";
    return 1;
}

struct report {
    int verbose;
    const x509_verify_params *p;
};

/* Prints each failure as openssl's callback does; goes on where openssl's
 * `verify` callback goes on (apps/verify.c cb()). */
static int on_failure(void *arg, const x509_verify_failure *f)
{
    struct report *rep = arg;
    const char *text;
    int code = openssl_code(f, &text);
    x509_name_print(stderr, &f->cert->subject);
    fprintf(stderr, "\nerror %d at %zu depth lookup: %s\n", code, f->depth, text);
    if (rep->verbose)
        fprintf(stderr, "%s %s: %s\n", cli_progname, CMD, cl_strerror(f->status));
    switch (code) {
    case 10: case 18: case 79: case 25: case 34:
        return 1;
    default:
        return 0;
    }
}

static int load_certs(const char *what, const char *path, x509_certs *s)
{
    x509_load_error e;
    if (x509_certs_load_file(s, path, &e) != CL_OK) {
        fprintf(stderr, "Error loading file %s\n", path);
        return cli_fail(CMD, "%s (%s): %s", path, what, e.detail);
    }
    return 0;
}

static int verify_one(const char *path, const x509_certs *anchors, const x509_certs *untrusted,
                      const x509_verify_params *vp, int verbose)
{
    x509_certs c;
    x509_load_error e;
    uint8_t *data = NULL;
    size_t len = 0;
    const char *name = path ? path : "stdin";
    x509_certs_init(&c);
    cl_status st = CL_ERR_IO;
    if (path == NULL) {
        if (cli_read_all(CMD, NULL, 64u << 20, &data, &len) == 0)
            st = x509_certs_load(&c, data, len, &e);
        free(data);
    } else {
        st = x509_certs_load_file(&c, path, &e);
    }
    if (st != CL_OK) {
        fprintf(stderr, "Could not read certificate file from %s\n", name);
        fprintf(stderr, "%s %s: %s: %s\n", cli_progname, CMD, name, e.detail);
        fprintf(stderr, "Unable to load certificate file\n");
        x509_certs_free(&c);
        return 2;
    }
    /* the leaf is the file's first certificate (as openssl); the rest of the
     * path comes from -untrusted */
    const x509_cert *chain[1 + 64];
    size_t n = 0;
    chain[n++] = &c.cert[0];
    for (size_t i = 0; untrusted != NULL && i < untrusted->count && n < sizeof chain / sizeof chain[0]; i++)
        chain[n++] = &untrusted->cert[i];
    struct report rep = {verbose, vp};
    x509_verify_params p = *vp;
    p.cb = on_failure;
    p.cb_arg = &rep;
    x509_verify_result res;
    st = x509_verify_parsed(chain, n, anchors, &p, &res);
    x509_certs_free(&c);
    if (st == CL_OK) {
        printf("%s: OK\n", name);
        return 0;
    }
    if (verbose)
        fprintf(stderr, "%s %s: %s\n", cli_progname, CMD, res.message);
    fprintf(stderr, "error %s: verification failed\n", name);
    return 2;
}

static int run(int argc, char **argv)
{
    const char *cafile = NULL, *untrusted_file = NULL;
    int verbose = 0;
    x509_verify_params vp;
    x509_verify_params_init(&vp, (int64_t)time(NULL));
    int first_cert = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
#define NEED_ARG() do { if (!has) return cli_fail(CMD, "option %s needs an argument", a); } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-CAfile") == 0) { NEED_ARG(); cafile = argv[++i];
        } else if (strcmp(a, "-untrusted") == 0) { NEED_ARG(); untrusted_file = argv[++i];
        } else if (strcmp(a, "-verify_hostname") == 0) { NEED_ARG(); vp.host = argv[++i];
        } else if (strcmp(a, "-verify_ip") == 0) {
            uint8_t ip[16];
            NEED_ARG();
            vp.ip = argv[++i];
            if (x509_parse_ip(vp.ip, ip) == 0)
                return cli_fail(CMD, "-verify_ip: \"%s\" is not an IPv4 or IPv6 address", vp.ip);
        } else if (strcmp(a, "-attime") == 0) {
            char *end;
            NEED_ARG();
            errno = 0;
            long long t = strtoll(argv[++i], &end, 10);
            if (*argv[i] == '\0' || *end != '\0' || errno != 0)
                return cli_fail(CMD, "-attime: \"%s\" is not a number of seconds", argv[i]);
            vp.time = t;
        } else if (strcmp(a, "-purpose") == 0) {
            NEED_ARG();
            const char *v = argv[++i];
            if (strcmp(v, "sslserver") == 0)
                vp.purpose = X509_PURPOSE_SERVER_AUTH;
            else if (strcmp(v, "sslclient") == 0)
                vp.purpose = X509_PURPOSE_CLIENT_AUTH;
            else if (strcmp(v, "any") == 0)
                vp.purpose = X509_PURPOSE_ANY;
            else
                return cli_fail(CMD, "-purpose: unknown purpose \"%s\" (sslserver, sslclient or any)", v);
        } else if (strcmp(a, "-partial_chain") == 0) { vp.flags |= X509_VERIFY_PARTIAL_CHAIN;
        } else if (strcmp(a, "-no_check_time") == 0) { vp.flags |= X509_VERIFY_NO_TIME;
        } else if (strcmp(a, "-verbose") == 0) { verbose = 1;
        } else if (strcmp(a, "--") == 0) {
            first_cert = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail(CMD, "unknown option %s (see --help)", a);
        } else {
            first_cert = i;
            break;
        }
#undef NEED_ARG
    }
    if (cafile == NULL)
        return cli_fail(CMD, "give the trust anchors with -CAfile FILE");
    x509_certs anchors, untrusted;
    x509_certs_init(&anchors);
    x509_certs_init(&untrusted);
    int rc = 1;
    if (load_certs("-CAfile", cafile, &anchors) ||
        (untrusted_file != NULL && load_certs("-untrusted", untrusted_file, &untrusted)))
        goto done;
    rc = 0;
    if (first_cert >= argc) {
        rc = verify_one(NULL, &anchors, &untrusted, &vp, verbose);
    } else {
        for (int i = first_cert; i < argc; i++)
            if (verify_one(argv[i], &anchors, &untrusted, &vp, verbose) != 0)
                rc = 2;
    }
done:
    x509_certs_free(&anchors);
    x509_certs_free(&untrusted);
    return rc;
}

const struct cl_command cmd_verify = { "verify", "verify certificate chains (like openssl verify)", run };
