/*
 * demo/cmd_sha256_extend.c -- `cryptolab sha256-extend`, the lab tool for
 * the length-extension attack on the naive MAC SHA-256(key || message)
 * (docs/labs/sha256.md).
 *
 *   cryptolab sha256-extend -digest HEX -length N [-hex] EXTENSION
 *
 * Given only D = SHA-256(X) and the length N of X (not X itself!), it
 * computes SHA-256(X || pad(N) || EXTENSION), where pad(N) is the FIPS 180-4
 * §5.1.1 padding of an N-byte message.  It can, because D is the whole
 * chaining value H(n) after the last block of X || pad(N) (§6.2.2 step 4):
 * sha256_resume() loads D into H and continues with more blocks.
 *
 * Output (one "name: value" line each):
 *   padding:  pad(N) in hex          -- the "glue" the forged message must contain
 *   suffix:   pad(N) || EXTENSION in hex  -- append this to the known message
 *   length:   N + |pad(N)| + |EXTENSION| bytes
 *   digest:   SHA-256(X || pad(N) || EXTENSION) in hex
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/hex.h"
#include "sha256/sha256.h"
#include "sha256/sha256_internal.h"

#define CMD "sha256-extend"
#define MAX_EXT 65536

static const char usage_text[] =
    "usage: cryptolab sha256-extend -digest HEX -length N [-hex] EXTENSION\n"
    "Length-extension attack (lab tool): from D = SHA-256(X) and the length N of X\n"
    "in bytes, computes SHA-256(X || padding || EXTENSION) without knowing X.\n"
    "  -digest HEX   the known digest D (64 hex digits)\n"
    "  -length N     the length of X in bytes (e.g. secret key + message)\n"
    "  -hex          EXTENSION is given in hexadecimal\n"
    "Prints: padding (the FIPS 180-4 §5.1.1 padding of X), suffix (padding ||\n"
    "EXTENSION, to append to X), length (of the extended message) and digest.\n";

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
    printf("%s: ", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", p[i]);
    putchar('\n');
}

static int run(int argc, char **argv)
{
    const char *digest_hex = NULL, *length_arg = NULL;
    int as_hex = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *o = argv[i];
        if (strcmp(o, "--help") == 0 || strcmp(o, "-help") == 0 || strcmp(o, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        } else if (strcmp(o, "-hex") == 0) {
            as_hex = 1;
        } else if (strcmp(o, "-digest") == 0 || strcmp(o, "-length") == 0) {
            if (i + 1 >= argc)
                return cli_fail(CMD, "option %s needs a value", o);
            if (o[1] == 'd')
                digest_hex = argv[++i];
            else
                length_arg = argv[++i];
        } else if (strcmp(o, "--") == 0) {
            i++;
            break;
        } else {
            return cli_fail(CMD, "unknown option %s (see --help)", o);
        }
    }
    if (digest_hex == NULL || length_arg == NULL || argc - i != 1)
        return cli_fail(CMD, "need -digest HEX, -length N and one EXTENSION (see --help)");

    uint8_t D[SHA256_DIGEST_SIZE];
    if (cli_hex_arg(CMD, "-digest", digest_hex, D, sizeof D, sizeof D, NULL) != 0)
        return 1;
    char *end;
    unsigned long long N = strtoull(length_arg, &end, 10);
    if (*length_arg == '\0' || *end != '\0' || length_arg[0] == '-' || N > SHA256_MAX_MESSAGE_BYTES - 200)
        return cli_fail(CMD, "-length must be a byte count (0 .. 2^61 - 200)");

    static uint8_t ext[MAX_EXT];
    size_t ext_len;
    if (as_hex) {
        if (cli_hex_arg(CMD, "EXTENSION", argv[i], ext, sizeof ext, 0, &ext_len) != 0)
            return 1;
    } else {
        ext_len = strlen(argv[i]);
        if (ext_len > sizeof ext)
            return cli_fail(CMD, "EXTENSION is longer than %d bytes", MAX_EXT);
        memcpy(ext, argv[i], ext_len);
    }

    /* The glue: the padding the victim's hash appended after X (§5.1.1). */
    uint8_t pad[SHA256_MAX_PAD];
    size_t pad_len = sha256_padding(N, pad);

    /* Resume from H(n) = D, as if X || pad had just been hashed. */
    sha256_ctx ctx;
    uint8_t forged[SHA256_DIGEST_SIZE];
    cl_status st = sha256_resume(&ctx, D, N + pad_len);
    if (st == CL_OK)
        st = sha256_update(&ctx, ext, ext_len);
    if (st == CL_OK)
        st = sha256_final(&ctx, forged);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "cannot extend");

    print_hex("padding", pad, pad_len);
    printf("suffix: ");
    for (size_t j = 0; j < pad_len; j++)
        printf("%02x", pad[j]);
    for (size_t j = 0; j < ext_len; j++)
        printf("%02x", ext[j]);
    putchar('\n');
    printf("length: %llu\n", N + pad_len + ext_len);
    print_hex("digest", forged, sizeof forged);
    if (fflush(stdout) != 0)
        return cli_fail(CMD, "write error");
    return 0;
}

const struct cl_command cmd_sha256_extend = {
    "sha256-extend", "length-extension attack on SHA-256(key || msg) (lab tool)", run
};
