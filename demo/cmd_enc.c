/*
 * demo/cmd_enc.c -- `cryptolab enc`, byte-compatible with `openssl enc` for
 * AES-128/192/256 in ECB, CBC and CTR mode with a raw key (-K) and IV (-iv).
 *
 * The data is streamed through aes_mode_update() in 64 KiB pieces, so the
 * memory used does not depend on the input size.  Output to a file goes to
 * a temporary name that is renamed into place only when everything
 * (including the padding check) succeeded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "common/hex.h"

#define CHUNK (64 * 1024)

static const char *const usage =
    "usage: cryptolab enc -CIPHER [-e|-d] -K HEX [-iv HEX] [-nopad] [-in FILE] [-out FILE]\n"
    "Encrypts or decrypts with AES, producing the same bytes as `openssl enc`\n"
    "given the same options.  CIPHER is one of\n"
    "  aes-128-ecb aes-192-ecb aes-256-ecb   (NIST SP 800-38A 6.1)\n"
    "  aes-128-cbc aes-192-cbc aes-256-cbc   (6.2, PKCS#7 padding unless -nopad)\n"
    "  aes-128-ctr aes-192-ctr aes-256-ctr   (6.5, 128-bit big-endian counter)\n"
    "Options:\n"
    "  -e            encrypt (the default)\n"
    "  -d            decrypt\n"
    "  -K HEX        the key in hex: exactly 32, 48 or 64 digits for AES-128/192/256\n"
    "  -iv HEX       the IV (CBC) or initial counter block (CTR): exactly 32 digits;\n"
    "                required for CBC and CTR, refused for ECB\n"
    "  -nopad        ECB/CBC: no PKCS#7 padding; the input must then be a multiple\n"
    "                of 16 bytes (CTR never pads; -nopad is accepted and has no effect)\n"
    "  -in FILE      input file (default: standard input)\n"
    "  -out FILE     output file (default: standard output)\n"
    "Stricter than openssl enc (each of these is an error here, exit status 1):\n"
    "  - a -K or -iv of the wrong length (openssl zero-pads a short value and\n"
    "    ignores excess digits); odd-length or non-hex values;\n"
    "  - -iv given for ECB (openssl warns and ignores it);\n"
    "  - a CTR counter that would wrap past ffff...ff (openssl wraps to 0000...00);\n"
    "  - password-based keys (-k, -pass, -pbkdf2, -salt) and -a/-base64 are not\n"
    "    supported: give the raw key with -K.\n"
    "On any error (bad padding, ciphertext not a multiple of 16 bytes, unreadable\n"
    "input, ...) one line goes to standard error, the exit status is 1 and no\n"
    "-out file is left behind.  Output already written to standard output cannot\n"
    "be taken back: check the exit status.\n";

static int parse_cipher(const char *name, size_t *key_len, aes_mode *mode)
{
    static const struct { const char *name; size_t key_len; aes_mode mode; } ciphers[] = {
        { "aes-128-ecb", 16, AES_MODE_ECB }, { "aes-192-ecb", 24, AES_MODE_ECB },
        { "aes-256-ecb", 32, AES_MODE_ECB }, { "aes-128-cbc", 16, AES_MODE_CBC },
        { "aes-192-cbc", 24, AES_MODE_CBC }, { "aes-256-cbc", 32, AES_MODE_CBC },
        { "aes-128-ctr", 16, AES_MODE_CTR }, { "aes-192-ctr", 24, AES_MODE_CTR },
        { "aes-256-ctr", 32, AES_MODE_CTR },
    };
    for (size_t i = 0; i < sizeof ciphers / sizeof ciphers[0]; i++) {
        if (strcmp(name, ciphers[i].name) == 0) {
            *key_len = ciphers[i].key_len;
            *mode = ciphers[i].mode;
            return 1;
        }
    }
    return 0;
}

/* Decodes a hex option of exactly want bytes, with a precise message. */
static int hex_option(const char *opt, const char *hex, uint8_t *out, size_t want)
{
    size_t n = strlen(hex), got = 0;
    if (n != 2 * want)
        return cli_fail("enc", "%s must be exactly %zu hex digits for this cipher (got %zu)", opt,
                        2 * want, n);
    if (cl_hex_decode(hex, out, want, &got) != CL_OK || got != want)
        return cli_fail("enc", "%s is not a valid hex string", opt);
    return 0;
}

static int run(int argc, char **argv)
{
    const char *cipher = NULL, *key_hex = NULL, *iv_hex = NULL, *in_path = NULL, *out_path = NULL;
    int decrypt = 0, nopad = 0;
    size_t key_len = 0;
    aes_mode mode = AES_MODE_ECB;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "-e") == 0) {
            decrypt = 0;
        } else if (strcmp(a, "-d") == 0) {
            decrypt = 1;
        } else if (strcmp(a, "-nopad") == 0) {
            nopad = 1;
        } else if (strcmp(a, "-K") == 0 || strcmp(a, "-iv") == 0 || strcmp(a, "-in") == 0 ||
                   strcmp(a, "-out") == 0) {
            if (i + 1 >= argc)
                return cli_fail("enc", "option %s needs a value", a);
            const char *v = argv[++i];
            if (strcmp(a, "-K") == 0)
                key_hex = v;
            else if (strcmp(a, "-iv") == 0)
                iv_hex = v;
            else if (strcmp(a, "-in") == 0)
                in_path = v;
            else
                out_path = v;
        } else if (a[0] == '-' && parse_cipher(a + 1, &key_len, &mode)) {
            if (cipher != NULL && strcmp(cipher, a + 1) != 0)
                return cli_fail("enc", "more than one cipher given (%s and %s)", cipher, a + 1);
            cipher = a + 1;
        } else if (strcmp(a, "-k") == 0 || strcmp(a, "-pass") == 0 || strcmp(a, "-pbkdf2") == 0 ||
                   strcmp(a, "-salt") == 0 || strcmp(a, "-S") == 0 || strcmp(a, "-md") == 0 ||
                   strcmp(a, "-iter") == 0 || strcmp(a, "-kfile") == 0) {
            return cli_fail("enc", "password-based keys (%s) are not supported: give the key with -K", a);
        } else if (strcmp(a, "-a") == 0 || strcmp(a, "-base64") == 0 || strcmp(a, "-A") == 0) {
            return cli_fail("enc", "base64 (%s) is not supported", a);
        } else if (a[0] == '-' && strncmp(a, "-aes", 4) == 0) {
            return cli_fail("enc", "unsupported cipher '%s' (see --help for the nine supported)", a + 1);
        } else {
            return cli_fail("enc", "unknown option '%s' (see --help)", a);
        }
    }
    if (cipher == NULL)
        return cli_fail("enc", "no cipher given: use one of -aes-{128,192,256}-{ecb,cbc,ctr}");
    if (key_hex == NULL)
        return cli_fail("enc", "no key given: use -K HEX");

    uint8_t key[32], iv[AES_BLOCK_SIZE];
    if (hex_option("-K", key_hex, key, key_len))
        return 1;
    if (mode == AES_MODE_ECB) {
        if (iv_hex != NULL) {
            cl_wipe(key, sizeof key);
            return cli_fail("enc", "-iv is not used by %s: refusing it (openssl only warns)", cipher);
        }
    } else {
        if (iv_hex == NULL) {
            cl_wipe(key, sizeof key);
            return cli_fail("enc", "%s needs an IV: use -iv HEX (32 hex digits)", cipher);
        }
        if (hex_option("-iv", iv_hex, iv, AES_BLOCK_SIZE)) {
            cl_wipe(key, sizeof key);
            return 1;
        }
    }

    aes_mode_ctx *ctx = malloc(sizeof *ctx);
    uint8_t *inbuf = malloc(CHUNK);
    uint8_t *outbuf = malloc(CHUNK + AES_BLOCK_SIZE);
    if (ctx == NULL || inbuf == NULL || outbuf == NULL) {
        free(ctx);
        free(inbuf);
        free(outbuf);
        cl_wipe(key, sizeof key);
        return cli_fail("enc", "out of memory");
    }
    int rc = 1;
    FILE *in = NULL;
    struct cli_out out;
    memset(&out, 0, sizeof out);
    cl_status st = aes_mode_init(ctx, mode, !decrypt, key, key_len,
                                 mode == AES_MODE_ECB ? NULL : iv, mode == AES_MODE_ECB ? 0 : AES_BLOCK_SIZE,
                                 !nopad);
    cl_wipe(key, sizeof key);
    if (st != CL_OK) {
        cli_fail_status("enc", st, "cannot set up %s", cipher);
        goto done;
    }
    in = cli_open_in("enc", in_path);
    if (in == NULL)
        goto done;
    if (cli_out_open("enc", &out, out_path, 0644) != 0)
        goto done;

    size_t n, produced;
    for (;;) {
        n = fread(inbuf, 1, CHUNK, in);
        if (n > 0) {
            st = aes_mode_update(ctx, inbuf, n, outbuf, CHUNK + AES_BLOCK_SIZE, &produced);
            if (st != CL_OK) {
                cli_fail_status("enc", st, "%s failed", decrypt ? "decryption" : "encryption");
                goto fail_out;
            }
            if (produced > 0 && fwrite(outbuf, 1, produced, out.fp) != produced) {
                cli_fail("enc", "write error: %s", strerror(errno));
                goto fail_out;
            }
        }
        if (n < CHUNK) {
            if (ferror(in)) {
                cli_fail("enc", "cannot read %s: %s", in_path ? in_path : "standard input", strerror(errno));
                goto fail_out;
            }
            if (feof(in))
                break;
        }
    }
    st = aes_mode_final(ctx, outbuf, CHUNK + AES_BLOCK_SIZE, &produced);
    if (st == CL_ERR_BAD_PADDING) {
        cli_fail("enc", "bad decrypt: wrong padding (wrong key or IV, or damaged data)");
        goto fail_out;
    } else if (st == CL_ERR_INPUT_LENGTH) {
        if (decrypt)
            cli_fail("enc", "bad decrypt: the ciphertext is %s", nopad ? "not a multiple of 16 bytes"
                                                                     : "empty or not a multiple of 16 bytes");
        else
            cli_fail("enc", "with -nopad the input must be a multiple of 16 bytes");
        goto fail_out;
    } else if (st != CL_OK) {
        cli_fail_status("enc", st, "%s failed", decrypt ? "decryption" : "encryption");
        goto fail_out;
    }
    if (produced > 0 && fwrite(outbuf, 1, produced, out.fp) != produced) {
        cli_fail("enc", "write error: %s", strerror(errno));
        goto fail_out;
    }
    if (cli_out_commit("enc", &out) == 0)
        rc = 0;
    goto done;

fail_out:
    cli_out_abort(&out);
done:
    cli_close_in(in);
    aes_mode_clear(ctx);
    cl_wipe(outbuf, CHUNK + AES_BLOCK_SIZE);
    cl_wipe(inbuf, CHUNK);
    free(ctx);
    free(inbuf);
    free(outbuf);
    return rc;
}

const struct cl_command cmd_enc = { "enc", "AES encryption/decryption compatible with openssl enc", run };
