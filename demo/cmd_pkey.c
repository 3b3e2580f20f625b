/*
 * demo/cmd_pkey.c -- `cryptolab pkey`: read an RSA key in any of the formats
 * of rsa/rsa_keyfile.h and write it out again, like `openssl pkey` (3.0).
 *
 *   cryptolab pkey [-in FILE] [-pubin] [-passin ARG] [-check|-pubcheck]
 *                  [-out FILE] [-outform PEM|DER] [-pubout] [-traditional]
 *                  [-aes-256-cbc] [-passout ARG] [-text] [-text_pub] [-noout]
 *
 * Output is byte-identical to openssl's where it is deterministic: the PEM
 * (64 columns), -pubout (SubjectPublicKeyInfo), -traditional (PKCS#1), the
 * -text layout.  Private key output files are created with mode 0600.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/ct.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

#define CMD "pkey"
#define MAX_KEY_FILE (1u << 20)

static const char USAGE[] =
    "usage: cryptolab pkey [options]\n"
    "Reads an RSA key (PEM or DER: PKCS#8, encrypted PKCS#8, PKCS#1, SubjectPublicKeyInfo)\n"
    "and writes it out again, as `openssl pkey` does.  Loading checks the key\n"
    "(n = p*q, e*d = 1 mod lambda(n), CRT values).\n"
    "  -in FILE          input key (default standard input)\n"
    "  -inform PEM|DER   input format (detected automatically; accepted for compatibility)\n"
    "  -pubin            the input is a public key\n"
    "  -passin ARG       password of an encrypted input key (pass:, env:, file:, fd:, stdin);\n"
    "                    without it, asked on the terminal (as openssl does)\n"
    "  -check            check the private key and print \"Key is valid\"\n"
    "  -pubcheck         check the public key and print \"Key is valid\"\n"
    "  -out FILE         output file (default standard output; private keys get mode 0600)\n"
    "  -outform PEM|DER  output encoding (default PEM; DER private keys are PKCS#1, as openssl 3.0)\n"
    "  -pubout           write the public key (SubjectPublicKeyInfo, \"PUBLIC KEY\")\n"
    "  -traditional      write the private key as PKCS#1 (\"RSA PRIVATE KEY\") instead of PKCS#8\n"
    "  -aes-256-cbc      encrypt the private key (PKCS#8 PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC)\n"
    "  -aes256           same as -aes-256-cbc\n"
    "  -passout ARG      password for -aes-256-cbc (pass:, env:, file:, fd:, stdin);\n"
    "                    without it, asked twice on the terminal\n"
    "  -text             print the key's numbers as text (after the key unless -noout)\n"
    "  -text_pub         print only the public numbers as text\n"
    "  -noout            do not write the encoded key\n";

static void print_text(FILE *f, const rsa_key *key, int public_only)
{
    size_t bits = mpz_sizeinbase(key->n, 2);
    if (public_only || !key->is_private) {
        rsa_print_public(f, 0, key);
        return;
    }
    fprintf(f, "Private-Key: (%zu bit, 2 primes)\n", bits);
    rsa_print_bignum(f, 0, "modulus:", key->n);
    rsa_print_bignum(f, 0, "publicExponent:", key->e);
    rsa_print_bignum(f, 0, "privateExponent:", key->d);
    rsa_print_bignum(f, 0, "prime1:", key->p);
    rsa_print_bignum(f, 0, "prime2:", key->q);
    rsa_print_bignum(f, 0, "exponent1:", key->dP);
    rsa_print_bignum(f, 0, "exponent2:", key->dQ);
    rsa_print_bignum(f, 0, "coefficient:", key->qInv);
}

static int run(int argc, char **argv)
{
    const char *in = NULL, *out = NULL, *passin = NULL, *passout = NULL;
    int pubin = 0, pubout = 0, traditional = 0, text = 0, text_pub = 0, noout = 0;
    int check = 0, pubcheck = 0, cipher = 0, out_der = 0, in_der_unused = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has = i + 1 < argc;
#define NEED_ARG() do { if (!has) return cli_fail(CMD, "option %s needs an argument", a); } while (0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(a, "-in") == 0) { NEED_ARG(); in = argv[++i];
        } else if (strcmp(a, "-out") == 0) { NEED_ARG(); out = argv[++i];
        } else if (strcmp(a, "-passin") == 0) { NEED_ARG(); passin = argv[++i];
        } else if (strcmp(a, "-passout") == 0) { NEED_ARG(); passout = argv[++i];
        } else if (strcmp(a, "-inform") == 0) {
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &in_der_unused)) return 1;
        } else if (strcmp(a, "-outform") == 0) {
            NEED_ARG();
            if (cli_form_arg(CMD, a, argv[++i], &out_der)) return 1;
        } else if (strcmp(a, "-pubin") == 0) { pubin = 1;
        } else if (strcmp(a, "-pubout") == 0) { pubout = 1;
        } else if (strcmp(a, "-traditional") == 0) { traditional = 1;
        } else if (strcmp(a, "-text") == 0) { text = 1;
        } else if (strcmp(a, "-text_pub") == 0) { text_pub = 1;
        } else if (strcmp(a, "-noout") == 0) { noout = 1;
        } else if (strcmp(a, "-check") == 0) { check = 1;
        } else if (strcmp(a, "-pubcheck") == 0) { pubcheck = 1;
        } else if (strcmp(a, "-aes-256-cbc") == 0 || strcmp(a, "-aes256") == 0) { cipher = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return cli_fail(CMD, "unknown option %s (only -aes-256-cbc is supported as a cipher; see --help)", a);
        } else {
            return cli_fail(CMD, "unexpected argument %s (see --help)", a);
        }
#undef NEED_ARG
    }
    (void)in_der_unused;
    if (pubin && check)
        return cli_fail(CMD, "-check needs a private key (use -pubcheck with -pubin)");
    if (out_der && (text || text_pub) && !noout)
        return cli_fail(CMD, "text output cannot be combined with DER output");
    int priv_out = !pubin && !pubout;
    if (cipher && priv_out && !noout) {
        if (out_der)
            return cli_fail(CMD, "cipher options are supported only for PEM output");
        if (traditional)
            return cli_fail(CMD, "-traditional with a cipher (legacy RFC 1421 PEM encryption) is not supported: "
                                 "drop -traditional to write encrypted PKCS#8");
    }
    char *pin = NULL, *pout = NULL;
    if (cipher && priv_out && !noout && passout == NULL) {   /* a terminal: ask twice, as openssl does */
        int r = cli_pass_prompt(CMD, "Enter PEM pass phrase:", 1, &pout);
        if (r != 0)
            return r < 0 ? cli_fail(CMD, "-aes-256-cbc needs a password: give -passout") : 1;
    }

    uint8_t *data = NULL;
    size_t len = 0;
    if (cli_read_all(CMD, in, MAX_KEY_FILE, &data, &len)) {
        cli_pass_free(pout);
        return 1;
    }
    const char *inname = in ? in : "standard input";

    if (passin != NULL && cli_pass_arg(CMD, "-passin", passin, 0, &pin)) {
        cli_pass_free(pout);
        free(data);
        return 1;
    }
    if (passin == NULL && !pubin && rsa_key_is_encrypted(data, len)) {
        char prompt[300];
        snprintf(prompt, sizeof prompt, "Enter pass phrase for %s:", inname);
        int r = cli_pass_prompt(CMD, prompt, 0, &pin);   /* a terminal: ask, as openssl does */
        if (r > 0) {
            cli_pass_free(pout);
            cl_wipe(data, len);
            free(data);
            return 1;
        }
    }
    int same_file = passin && passout && strncmp(passin, "file:", 5) == 0 && strcmp(passin, passout) == 0;
    if (cipher && priv_out && !noout && pout == NULL &&
        cli_pass_arg(CMD, "-passout", passout, same_file ? 1 : 0, &pout)) {
        cli_pass_free(pin);
        cl_wipe(data, len);
        free(data);
        return 1;
    }

    rsa_key key;
    rsa_keyfile_error err;
    rsa_key_init(&key);
    cl_status st = pubin ? rsa_key_load_public_ex(&key, data, len, NULL, &err)
                         : rsa_key_load_private_ex(&key, data, len, pin, NULL, &err);
    cl_wipe(data, len);
    free(data);
    cli_pass_free(pin);
    int rc = 1;
    struct cli_out o = {0};
    uint8_t *enc = NULL;
    size_t enc_len = 0;
    if (st != CL_OK) {
        if (st == CL_ERR_PASSWORD && passin == NULL)
            cli_fail(CMD, "%s: the key is encrypted: give its password with -passin", inname);
        else
            cli_fail(CMD, "%s: %s", inname, err.detail);
        goto done;
    }

    /* Private numbers in the output (encoded or as text): mode 0600. */
    int secret = priv_out && (!noout || (text && !text_pub));
    if (cli_out_open(CMD, &o, out, secret ? 0600 : 0644))
        goto done;
    if (check || pubcheck)                 /* the load already ran rsa_key_check() */
        fputs("Key is valid\n", o.fp);
    if (!noout) {
        rsa_key_format fmt = !priv_out ? RSA_KEY_SPKI
                           : cipher ? RSA_KEY_PKCS8_ENCRYPTED
                           : (traditional || out_der) ? RSA_KEY_PKCS1 : RSA_KEY_PKCS8;
        st = rsa_key_encode(&key, fmt, !out_der, pout, &enc, &enc_len);
        if (st != CL_OK) {
            cli_fail_status(CMD, st, "cannot encode the key");
            cli_out_abort(&o);
            goto done;
        }
        if (fwrite(enc, 1, enc_len, o.fp) != enc_len) {
            cli_fail(CMD, "write error");
            cli_out_abort(&o);
            goto done;
        }
    }
    if (text || text_pub)
        print_text(o.fp, &key, text_pub || !priv_out);
    if (cli_out_commit(CMD, &o))
        goto done;
    rc = 0;
done:
    if (enc != NULL) {
        cl_wipe(enc, enc_len);
        free(enc);
    }
    cli_pass_free(pout);
    rsa_key_clear(&key);
    return rc;
}

const struct cl_command cmd_pkey = { "pkey", "convert, encrypt and print RSA keys (like openssl pkey)", run };
