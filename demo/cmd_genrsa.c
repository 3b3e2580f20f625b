/*
 * demo/cmd_genrsa.c -- `cryptolab genrsa [-out FILE] [BITS]`: a new RSA key,
 * written as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") exactly as
 * `openssl genrsa` (3.0) writes it.  The key comes from rsa_generate()
 * (FIPS 186-5 A.1.3, randomness from getrandom(2)); the file is created
 * with mode 0600.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/ct.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

#define CMD "genrsa"

static const char USAGE[] =
    "usage: cryptolab genrsa [options] [BITS]\n"
    "Generates an RSA private key (e = 65537) and writes it as PKCS#8 PEM, like\n"
    "`openssl genrsa`.  BITS: 2048 (default), 3072 or 4096; 512 and 1024 only for\n"
    "labs (a warning is printed: such keys are breakable).\n"
    "  -out FILE        output file (default standard output), created with mode 0600\n"
    "  -traditional     write PKCS#1 (\"RSA PRIVATE KEY\") instead of PKCS#8\n"
    "  -aes-256-cbc     encrypt the key (PKCS#8 PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC)\n"
    "  -aes256          same as -aes-256-cbc\n"
    "  -passout ARG     password for -aes-256-cbc (pass:, env:, file:, fd:, stdin);\n"
    "                   without it, asked twice on the terminal (as openssl does)\n"
    "  -F4, -f4         e = 65537 (the default)\n"
    "  -3               e = 3 (labs only: the cube-root attacks of the RSA lab)\n";

static int run(int argc, char **argv)
{
    const char *out = NULL, *passout = NULL, *bits_arg = NULL;
    int traditional = 0, cipher = 0;
    unsigned long e = 65537;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-out") == 0 || strcmp(a, "-passout") == 0) {
            if (i + 1 >= argc)
                return cli_fail(CMD, "option %s needs an argument", a);
            if (a[1] == 'o')
                out = argv[++i];
            else
                passout = argv[++i];
        } else if (strcmp(a, "-traditional") == 0) {
            traditional = 1;
        } else if (strcmp(a, "-aes-256-cbc") == 0 || strcmp(a, "-aes256") == 0) {
            cipher = 1;
        } else if (strcmp(a, "-F4") == 0 || strcmp(a, "-f4") == 0) {
            e = 65537;
        } else if (strcmp(a, "-3") == 0) {
            e = 3;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail(CMD, "unknown option %s (see --help)", a);
        } else if (bits_arg == NULL) {
            bits_arg = a;
        } else {
            return cli_fail(CMD, "extra argument %s (see --help)", a);
        }
    }

    unsigned bits = 2048;
    if (bits_arg != NULL) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(bits_arg, &end, 10);
        if (bits_arg[0] < '0' || bits_arg[0] > '9' || *end != '\0' || errno != 0)
            return cli_fail(CMD, "cannot parse \"%s\" as a number of bits", bits_arg);
        if (v != 512 && v != 1024 && v != 2048 && v != 3072 && v != 4096)
            return cli_fail(CMD, "unsupported key size %s (2048, 3072 or 4096; 512 or 1024 for labs)", bits_arg);
        bits = (unsigned)v;
    }
    if (cipher && traditional)
        return cli_fail(CMD, "-traditional with a cipher (legacy RFC 1421 PEM encryption) is not supported");
    char *pw = NULL;
    if (cipher && passout == NULL) {   /* a terminal: ask twice, as openssl does */
        int r = cli_pass_prompt(CMD, "Enter PEM pass phrase:", 1, &pw);
        if (r != 0)
            return r < 0 ? cli_fail(CMD, "-aes-256-cbc needs a password: give -passout") : 1;
    }
    if (bits < 2048)
        fprintf(stderr, "%s %s: warning: %u-bit RSA keys can be factored; use them only for labs\n",
                cli_progname, CMD, bits);
    if (e == 3)
        fprintf(stderr, "%s %s: warning: e = 3 is for labs only\n", cli_progname, CMD);

    if (cipher && pw == NULL && cli_pass_arg(CMD, "-passout", passout, 0, &pw))
        return 1;

    rsa_key key;
    rsa_key_init(&key);
    struct cli_out o = {0};
    uint8_t *pem = NULL;
    size_t pem_len = 0;
    int rc = 1;
    cl_status st = rsa_generate(&key, bits, e);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "key generation failed");
        goto done;
    }
    st = rsa_key_encode(&key, cipher ? RSA_KEY_PKCS8_ENCRYPTED : traditional ? RSA_KEY_PKCS1 : RSA_KEY_PKCS8,
                        1, pw, &pem, &pem_len);
    if (st != CL_OK) {
        cli_fail_status(CMD, st, "cannot encode the key");
        goto done;
    }
    if (cli_out_open(CMD, &o, out, 0600))
        goto done;
    if (fwrite(pem, 1, pem_len, o.fp) != pem_len) {
        cli_fail(CMD, "write error");
        cli_out_abort(&o);
        goto done;
    }
    if (cli_out_commit(CMD, &o) == 0)
        rc = 0;
done:
    if (pem != NULL) {
        cl_wipe(pem, pem_len);
        free(pem);
    }
    cli_pass_free(pw);
    rsa_key_clear(&key);
    return rc;
}

const struct cl_command cmd_genrsa = { "genrsa", "generate an RSA private key (like openssl genrsa)", run };
