/*
 * demo/cmd_aes_trace.c -- `cryptolab aes-trace -K HEX -in HEX [-d] [options]`
 *
 * Prints every step of FIPS-197 Cipher() (or InvCipher() with -d) on one
 * block, in exactly the layout of FIPS-197 Appendix C:
 *     round[ r].name     <32 lowercase hex digits>
 * the label left-justified in 19 columns (round number right-aligned in 2).
 * --key-expansion prints KeyExpansion() (§5.2) in the layout of
 * vectors/aes/fips197-appendix-a-key-expansion.txt (Appendix A's columns).
 * --html FILE also writes the step viewer page (demo/viz/aes_page.c);
 * --flip-bit N / --flip-key-bit N add a second run with one bit flipped.
 * The tool only formats; the steps are traced by the library's hooks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "aes/aes.h"
#include "common/ct.h"
#include "common/hex.h"
#include "demo/viz/aes_run.h"
#include "demo/viz/page.h"
#include "demo/viz/pages.h"

#define CMD "aes-trace"

static const char *const usage =
    "usage: cryptolab aes-trace -K HEX -in HEX [-d] [--key-expansion]\n"
    "                           [--html FILE] [--flip-bit N | --flip-key-bit N]\n"
    "Runs AES (FIPS-197) on one 16-byte block and prints the state after every\n"
    "step, in the layout of FIPS-197 Appendix C (label in 19 columns, then the\n"
    "state as 32 lowercase hex digits).\n"
    "  -K HEX            the key: 32, 48 or 64 hex digits (AES-128, -192, -256)\n"
    "  -in HEX           the input block: exactly 32 hex digits\n"
    "  -d                trace the inverse cipher (InvCipher) instead of Cipher\n"
    "  --key-expansion   print KeyExpansion (§5.2) instead: every word w[i], with\n"
    "                    temp, RotWord, SubWord, Rcon for the words that use them\n"
    "                    (the columns of FIPS-197 Appendix A)\n"
    "  --html FILE       also write a self-contained HTML step viewer to FILE\n"
    "                    (the state grid after every step, the changed bytes, the\n"
    "                    round keys, the key expansion; nothing loaded from the network)\n"
    "  --flip-bit N      also run with bit N (0..127) of the input flipped and show\n"
    "                    the number of differing state bits after every step\n"
    "  --flip-key-bit N  the same with bit N of the key flipped\n"
    "Bit 0 is the most significant bit of the first byte (FIPS-197 §3.2).\n"
    "Lines: input, k_sch (round key), then per round start, s_box, s_row,\n"
    "m_col (not in the last round), k_sch, and output.  With -d: iinput,\n"
    "ik_sch, then istart, is_row, is_box, ik_sch, ik_add (not in the last\n"
    "round), and ioutput.  With a flipped bit the text trace prints both\n"
    "states and the number of differing bits on each line.\n";

static void print_step(void *arg, int round, const char *label, const uint8_t state[AES_BLOCK_SIZE])
{
    FILE *out = arg;
    char hex[2 * AES_BLOCK_SIZE + 1];
    cl_hex_encode(state, AES_BLOCK_SIZE, hex);
    fprintf(out, "round[%2d].%-9s%s\n", round, label, hex);
}

/* Appendix A's columns, as the comments of the vectors file write them. */
static void print_word(void *arg, const aes_kx_step *k)
{
    FILE *out = arg;
    if (!k->from_key) {
        fprintf(out, "# i=%d temp=%08x", k->i, (unsigned)k->temp);
        if (k->uses & AES_KX_ROTWORD)
            fprintf(out, " RotWord=%08x", (unsigned)k->after_rotword);
        if (k->uses & AES_KX_SUBWORD)
            fprintf(out, " SubWord=%08x", (unsigned)k->after_subword);
        if (k->uses & AES_KX_RCON)
            fprintf(out, " Rcon=%08x xor=%08x", (unsigned)k->rcon, (unsigned)k->after_rcon);
        fprintf(out, " w[i-Nk]=%08x\n", (unsigned)k->w_i_nk);
    }
    fprintf(out, "w[%d] = %08x\n", k->i, (unsigned)k->w);
}

static int parse_bit(const char *opt, const char *v, unsigned limit, long *bit)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v < '0' || *v > '9' || *end != '\0' || n < 0 || n >= (long)limit)
        return cli_fail(CMD, "%s: need a bit number 0..%u", opt, limit - 1);
    *bit = n;
    return 0;
}

/* Two recorded runs, line by line: both states and their distance. */
static void print_pair(const struct viz_aes_run *a, const struct viz_aes_run *b)
{
    char name[24], ha[33], hb[33];
    for (size_t i = 0; i < a->n_lines && i < b->n_lines; i++) {
        cl_hex_encode(a->line[i].b, 16, ha);
        cl_hex_encode(b->line[i].b, 16, hb);
        printf("%-19s%s %s %3u bits differ\n", viz_aes_line_name(&a->line[i], name), ha, hb,
               viz_bit_distance(a->line[i].b, b->line[i].b, 16));
    }
}

static int write_html(const char *path, const struct viz_aes_run *a, const struct viz_aes_run *b,
                      const char *what, unsigned bit)
{
    struct cli_out o;
    if (cli_out_open(CMD, &o, path, 0644))
        return 1;
    if (viz_aes_page(o.fp, a, b, what, bit) != 0 || ferror(o.fp)) {
        cli_out_abort(&o);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &o);
}

static struct viz_aes_run run_a, run_b;   /* large: kept off the stack */

static int run(int argc, char **argv)
{
    const char *key_hex = NULL, *in_hex = NULL, *html = NULL;
    int decrypt = 0, key_expansion = 0, rc = 0;
    long flip_bit = -1, flip_key_bit = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "-d") == 0) {
            decrypt = 1;
        } else if (strcmp(a, "-e") == 0) {
            decrypt = 0;
        } else if (strcmp(a, "--key-expansion") == 0) {
            key_expansion = 1;
        } else if (strcmp(a, "-K") == 0 || strcmp(a, "-in") == 0 || strcmp(a, "--html") == 0 ||
                   strcmp(a, "--flip-bit") == 0 || strcmp(a, "--flip-key-bit") == 0) {
            if (v == NULL)
                return cli_fail(CMD, "option %s needs a value", a);
            i++;
            if (strcmp(a, "-K") == 0)
                key_hex = v;
            else if (strcmp(a, "-in") == 0)
                in_hex = v;
            else if (strcmp(a, "--html") == 0)
                html = v;
            else if (strcmp(a, "--flip-bit") == 0) {
                if (parse_bit(a, v, 128, &flip_bit))
                    return 1;
            } else if (parse_bit(a, v, 256, &flip_key_bit))
                return 1;
        } else {
            return cli_fail(CMD, "unknown option '%s' (see --help)", a);
        }
    }
    if (key_hex == NULL)
        return cli_fail(CMD, "no key given: use -K HEX");
    uint8_t key[32], key2[32], in[AES_BLOCK_SIZE], in2[AES_BLOCK_SIZE], out[AES_BLOCK_SIZE];
    size_t key_len = 0, in_len = 0;
    if (cl_hex_decode(key_hex, key, sizeof key, &key_len) != CL_OK ||
        (key_len != 16 && key_len != 24 && key_len != 32))
        return cli_fail(CMD, "invalid key: need 32, 48 or 64 hex digits");
    if (key_expansion) {
        if (html || flip_bit >= 0 || flip_key_bit >= 0)
            return cli_fail(CMD, "--key-expansion prints text only (the --html page shows it too)");
        printf("KEY = %s\n", key_hex);
        cl_status st = aes_trace_key_expansion(key, key_len, print_word, stdout);
        cl_wipe(key, sizeof key);
        if (st != CL_OK)
            return cli_fail_status(CMD, st, "KeyExpansion failed");
        return fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
    }
    if (in_hex == NULL)
        return cli_fail(CMD, "no input block given: use -in HEX");
    if (cl_hex_decode(in_hex, in, sizeof in, &in_len) != CL_OK || in_len != AES_BLOCK_SIZE)
        return cli_fail(CMD, "invalid input block: need exactly 32 hex digits");
    if (flip_bit >= 0 && flip_key_bit >= 0)
        return cli_fail(CMD, "give --flip-bit or --flip-key-bit, not both");
    if (flip_key_bit >= (long)(8 * key_len))
        return cli_fail(CMD, "--flip-key-bit: a %zu-bit key has bits 0..%zu", 8 * key_len, 8 * key_len - 1);

    if (html != NULL && strcmp(html, "-") == 0)
        return cli_fail(CMD, "--html needs a file name (the text trace goes to standard output)");
    if (html == NULL && flip_bit < 0 && flip_key_bit < 0) {
        aes_ctx ctx;
        cl_status st = aes_init_impl(&ctx, key, key_len, AES_IMPL_SPEC);
        if (st == CL_OK)
            st = aes_set_trace(&ctx, print_step, stdout);
        if (st == CL_OK)
            st = decrypt ? aes_decrypt_block(&ctx, in, out) : aes_encrypt_block(&ctx, in, out);
        aes_clear(&ctx);
        cl_wipe(key, sizeof key);
        if (st != CL_OK)
            return cli_fail_status(CMD, st, "AES failed");
        return fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
    }

    /* Recorded runs: the page, or the text trace of two runs side by side. */
    int flipped = flip_bit >= 0 || flip_key_bit >= 0;
    memcpy(key2, key, sizeof key2);
    memcpy(in2, in, sizeof in2);
    if (flip_bit >= 0)
        in2[flip_bit / 8] ^= (uint8_t)(0x80 >> (flip_bit % 8));
    if (flip_key_bit >= 0)
        key2[flip_key_bit / 8] ^= (uint8_t)(0x80 >> (flip_key_bit % 8));
    cl_status st = viz_aes_record(&run_a, key, key_len, in, decrypt);
    if (st == CL_OK && flipped)
        st = viz_aes_record(&run_b, key2, key_len, in2, decrypt);
    if (st != CL_OK) {
        rc = cli_fail_status(CMD, st, "AES failed");
    } else {
        if (flipped)
            print_pair(&run_a, &run_b);
        else
            for (size_t i = 0; i < run_a.n_lines; i++)
                print_step(stdout, run_a.line[i].round, run_a.line[i].label, run_a.line[i].b);
        rc = fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
        if (rc == 0 && html != NULL)
            rc = write_html(html, &run_a, flipped ? &run_b : NULL, flip_bit >= 0 ? "plaintext" : "key",
                            (unsigned)(flip_bit >= 0 ? flip_bit : flip_key_bit));
    }
    viz_aes_clear(&run_a);
    viz_aes_clear(&run_b);
    cl_wipe(key, sizeof key);
    cl_wipe(key2, sizeof key2);
    return rc;
}

const struct cl_command cmd_aes_trace = { "aes-trace", "print FIPS-197 Appendix C step traces of one AES block", run };
