/*
 * demo/cmd_aes_trace.c -- `cryptolab aes-trace -K HEX -in HEX [-d]`
 *
 * Prints every step of FIPS-197 Cipher() (or InvCipher() with -d) on one
 * block, in exactly the layout of FIPS-197 Appendix C:
 *     round[ r].name     <32 lowercase hex digits>
 * the label left-justified in 19 columns (round number right-aligned in 2).
 * The tool only formats; the steps are traced by the library's hook.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "aes/aes.h"
#include "common/hex.h"

static const char *const usage =
    "usage: cryptolab aes-trace -K HEX -in HEX [-d]\n"
    "Runs AES (FIPS-197) on one 16-byte block and prints the state after every\n"
    "step, in the layout of FIPS-197 Appendix C (label in 19 columns, then the\n"
    "state as 32 lowercase hex digits).\n"
    "  -K HEX    the key: 32, 48 or 64 hex digits (AES-128, -192, -256)\n"
    "  -in HEX   the input block: exactly 32 hex digits\n"
    "  -d        trace the inverse cipher (InvCipher) instead of Cipher\n"
    "Lines: input, k_sch (round key), then per round start, s_box, s_row,\n"
    "m_col (not in the last round), k_sch, and output.  With -d: iinput,\n"
    "ik_sch, then istart, is_row, is_box, ik_sch, ik_add (not in the last\n"
    "round), and ioutput.\n";

static void print_step(void *arg, int round, const char *label, const uint8_t state[AES_BLOCK_SIZE])
{
    FILE *out = arg;
    char hex[2 * AES_BLOCK_SIZE + 1];
    cl_hex_encode(state, AES_BLOCK_SIZE, hex);
    fprintf(out, "round[%2d].%-9s%s\n", round, label, hex);
}

static int run(int argc, char **argv)
{
    const char *key_hex = NULL, *in_hex = NULL;
    int decrypt = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "-d") == 0) {
            decrypt = 1;
        } else if (strcmp(a, "-e") == 0) {
            decrypt = 0;
        } else if (strcmp(a, "-K") == 0 || strcmp(a, "-in") == 0) {
            if (i + 1 >= argc)
                return cli_fail("aes-trace", "option %s needs a value", a);
            if (a[1] == 'K')
                key_hex = argv[++i];
            else
                in_hex = argv[++i];
        } else {
            return cli_fail("aes-trace", "unknown option '%s' (see --help)", a);
        }
    }
    if (key_hex == NULL)
        return cli_fail("aes-trace", "no key given: use -K HEX");
    if (in_hex == NULL)
        return cli_fail("aes-trace", "no input block given: use -in HEX");
    uint8_t key[32], in[AES_BLOCK_SIZE], out[AES_BLOCK_SIZE];
    size_t key_len = 0, in_len = 0;
    if (cl_hex_decode(key_hex, key, sizeof key, &key_len) != CL_OK ||
        (key_len != 16 && key_len != 24 && key_len != 32))
        return cli_fail("aes-trace", "invalid key: need 32, 48 or 64 hex digits");
    if (cl_hex_decode(in_hex, in, sizeof in, &in_len) != CL_OK || in_len != AES_BLOCK_SIZE)
        return cli_fail("aes-trace", "invalid input block: need exactly 32 hex digits");
    aes_ctx ctx;
    cl_status st = aes_init_impl(&ctx, key, key_len, AES_IMPL_SPEC);
    if (st == CL_OK)
        st = aes_set_trace(&ctx, print_step, stdout);
    if (st == CL_OK)
        st = decrypt ? aes_decrypt_block(&ctx, in, out) : aes_encrypt_block(&ctx, in, out);
    aes_clear(&ctx);
    if (st != CL_OK)
        return cli_fail_status("aes-trace", st, "AES failed");
    if (fflush(stdout) != 0)
        return cli_fail("aes-trace", "write error");
    return 0;
}

const struct cl_command cmd_aes_trace = { "aes-trace", "print FIPS-197 Appendix C step traces of one AES block", run };
