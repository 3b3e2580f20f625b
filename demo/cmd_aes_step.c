/*
 * demo/cmd_aes_step.c -- `cryptolab aes-step -K HEX -in HEX [-d]`: step
 * through one AES block in the terminal.
 *
 * Full screen (demo/viz/term.h): the state grid as FIPS-197 draws it (rows r,
 * columns c), the step's Appendix C name, operation and section, the bytes
 * the step changed in colour, the round key beside an AddRoundKey step.
 * Keys: n / Right / Space next step, p / Left previous, r next round,
 * g / Home first, G / End last, b flip the next bit of the input (bit 0,
 * 1, 2, ... on each press) and show the second run beside the first with
 * the differing bytes and bits, B back to one run, q quit.  The terminal is
 * restored on exit and on SIGINT/SIGTERM.
 * Not on a terminal, it prints every step, one after the other, as text.
 * The steps are those of demo/viz/aes_run.h, recorded by the library's
 * trace hook.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "demo/viz/aes_run.h"
#include "demo/viz/page.h"
#include "demo/viz/term.h"

#define CMD "aes-step"

static const char usage[] =
    "usage: cryptolab aes-step -K HEX -in HEX [-d]\n"
    "Steps through FIPS-197 Cipher (InvCipher with -d) on one block, full screen:\n"
    "the state grid s[r][c] after every step, its Appendix C name and section,\n"
    "the changed bytes in colour, the round key of each AddRoundKey.\n"
    "  -K HEX   the key: 32, 48 or 64 hex digits\n"
    "  -in HEX  the block: 32 hex digits\n"
    "  -d       the inverse cipher\n"
    "Keys: n, Right, Space  next step     p, Left  previous step\n"
    "      r  next round    g, Home  first    G, End  last\n"
    "      b  flip the next bit of the input (0, 1, 2, ...) and watch it spread\n"
    "      B  back to one run               q  quit\n"
    "Not on a terminal, every step is printed as plain text, one after another.\n";

static struct viz_aes_run run_a, run_b;

struct view {
    int colour;        /* ANSI colours (terminal) or plain text */
    int flipped;       /* run_b is shown (bit `bit` of the input flipped) */
    unsigned bit;
};

static const char *esc(const struct view *v, const char *seq)
{
    return v->colour ? seq : "";
}

/* One row r of a grid: the bytes s[r][c] = b[r + 4c], changed ones marked. */
static void grid_row(const struct view *v, const uint8_t *b, const uint8_t *prev, const uint8_t *other, int r)
{
    for (int c = 0; c < 4; c++) {
        int i = r + 4 * c, ch = prev && prev[i] != b[i], df = other && other[i] != b[i];
        if (v->colour)
            printf(" %s%s%02x%s ", ch ? VIZ_CHANGED : "", df ? VIZ_DIFFERS : "", b[i], VIZ_RESET);
        else
            printf(" %02x%c", b[i], ch ? '*' : ' ');
    }
}

static void draw(const struct view *v, size_t s)
{
    const struct viz_aes_step *st = &run_a.step[s];
    const uint8_t *b = viz_aes_step_state(&run_a, s), *prev = s ? viz_aes_step_state(&run_a, s - 1) : NULL;
    const uint8_t *b2 = v->flipped ? viz_aes_step_state(&run_b, s) : NULL;
    const uint8_t *prev2 = v->flipped && s ? viz_aes_step_state(&run_b, s - 1) : NULL;
    const uint8_t *key = st->key_line >= 0 ? run_a.line[st->key_line].b : NULL;
    char name[24], name2[24], hex[33];

    if (v->colour)
        fputs(VIZ_CLEAR, stdout);
    printf("%scryptolab aes-step%s  AES-%d %s   step %zu/%zu\n", esc(v, VIZ_BOLD), esc(v, VIZ_RESET), run_a.Nk * 32,
           run_a.decrypt ? "InvCipher (FIPS-197 5.3)" : "Cipher (FIPS-197 5.1)", s + 1, run_a.n_steps);
    if (v->colour)
        printf("%skeys: n/p step  r round  g/G first/last  b flip a bit  B one run  q quit%s\n",
               VIZ_DIM, VIZ_RESET);
    printf("\n%s", esc(v, VIZ_BOLD));
    if (key)
        printf("%s + ", viz_aes_line_name(&run_a.line[st->key_line], name2));
    printf("%s%s   %s%s   FIPS-197 section %s\n", viz_aes_line_name(&run_a.line[st->line], name),
           esc(v, VIZ_RESET), strcmp(st->op, "input") == 0 ? "the input block" : st->op,
           strcmp(st->op, "input") == 0 ? "" : "()", st->sec);
    printf("%s\n\n", viz_aes_op_desc(st->op));

    printf("state       c=0 c=1 c=2 c=3");   /* the cells below are 4 columns wide */
    if (key)
        printf("     round key w[%d..%d]", 4 * st->key_round, 4 * st->key_round + 3);
    if (b2)
        printf("     bit %u of the input flipped", v->bit);
    printf("\n");
    for (int r = 0; r < 4; r++) {
        printf("  r=%d     ", r);
        grid_row(v, b, prev, b2, r);
        if (key) {
            printf("      ");
            grid_row(v, key, NULL, NULL, r);
        }
        if (b2) {
            printf("      ");
            grid_row(v, b2, prev2, b, r);
        }
        printf("\n");
    }
    cl_hex_encode(b, 16, hex);
    printf("\n%-19s%s\n", name, hex);
    if (b2) {
        cl_hex_encode(b2, 16, hex);
        printf("%-19s%s   %u of 128 bits differ\n", "(flipped run)", hex, viz_bit_distance(b, b2, 16));
    }
    if (!v->colour)
        printf("(* = changed by this step)\n\n");
    fflush(stdout);
}

static size_t next_round(size_t s)
{
    int r = run_a.line[run_a.step[s].line].round;
    for (size_t j = s + 1; j < run_a.n_steps; j++)
        if (run_a.line[run_a.step[j].line].round > r)
            return j;
    return run_a.n_steps - 1;
}

static int flip(struct view *v, const uint8_t *key, size_t key_len, const uint8_t in[16], unsigned bit)
{
    uint8_t in2[16];
    memcpy(in2, in, 16);
    in2[bit / 8] ^= (uint8_t)(0x80 >> (bit % 8));
    if (viz_aes_record(&run_b, key, key_len, in2, run_a.decrypt) != CL_OK)
        return -1;
    v->flipped = 1;
    v->bit = bit;
    return 0;
}

static int interactive(const uint8_t *key, size_t key_len, const uint8_t in[16])
{
    struct view v = { 1, 0, 0 };
    size_t s = 0;
    unsigned next_bit = 0;
    if (viz_term_begin() != 0)
        return cli_fail(CMD, "cannot set up the terminal");
    for (;;) {
        draw(&v, s);
        int k = viz_term_key();
        if (k < 0 || k == 'q' || k == 'Q')
            break;
        switch (k) {
        case 'n': case ' ': case VIZ_KEY_RIGHT: case VIZ_KEY_DOWN:
            if (s + 1 < run_a.n_steps)
                s++;
            break;
        case 'p': case VIZ_KEY_LEFT: case VIZ_KEY_UP:
            if (s > 0)
                s--;
            break;
        case 'r': s = next_round(s); break;
        case 'g': case VIZ_KEY_HOME: s = 0; break;
        case 'G': case VIZ_KEY_END: s = run_a.n_steps - 1; break;
        case 'b':
            if (flip(&v, key, key_len, in, next_bit) == 0)
                next_bit = (next_bit + 1) % 128;
            break;
        case 'B': v.flipped = 0; break;
        default: break;
        }
    }
    viz_term_end();
    return 0;
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
        } else if (strcmp(a, "-K") == 0 || strcmp(a, "-in") == 0) {
            if (i + 1 >= argc)
                return cli_fail(CMD, "option %s needs a value", a);
            if (a[1] == 'K')
                key_hex = argv[++i];
            else
                in_hex = argv[++i];
        } else {
            return cli_fail(CMD, "unknown option '%s' (see --help)", a);
        }
    }
    if (key_hex == NULL || in_hex == NULL)
        return cli_fail(CMD, "give -K HEX and -in HEX (see --help)");
    uint8_t key[32], in[16];
    size_t key_len = 0, in_len = 0;
    if (cl_hex_decode(key_hex, key, sizeof key, &key_len) != CL_OK ||
        (key_len != 16 && key_len != 24 && key_len != 32))
        return cli_fail(CMD, "invalid key: need 32, 48 or 64 hex digits");
    if (cl_hex_decode(in_hex, in, sizeof in, &in_len) != CL_OK || in_len != 16)
        return cli_fail(CMD, "invalid input block: need exactly 32 hex digits");
    cl_status st = viz_aes_record(&run_a, key, key_len, in, decrypt);
    int rc = 0;
    if (st != CL_OK) {
        rc = cli_fail_status(CMD, st, "AES failed");
    } else if (viz_term_interactive()) {
        rc = interactive(key, key_len, in);
    } else {
        struct view v = { 0, 0, 0 };
        for (size_t s = 0; s < run_a.n_steps; s++)
            draw(&v, s);
        if (fflush(stdout) != 0)
            rc = cli_fail(CMD, "write error");
    }
    viz_aes_clear(&run_a);
    viz_aes_clear(&run_b);
    cl_wipe(key, sizeof key);
    return rc;
}

const struct cl_command cmd_aes_step = {
    "aes-step", "step through one AES block in the terminal (state grid, changed bytes, keys n/p/r/b/q)", run
};
