/*
 * demo/cmd_sha256_step.c -- `cryptolab sha256-step [-hex] MESSAGE`: step
 * through SHA-256 (FIPS 180-4 §6.2.2) round by round in the terminal.
 *
 * Full screen (demo/viz/term.h): the working variables a..h after each
 * round, the new ones (a and e; all eight in step 4) in colour, the shifted
 * ones dimmed, W[t] of the round, the step and section.  Keys: n / Right /
 * Space next, p / Left previous, r the start of the next block, g / G first
 * / last, b flip the next bit of the message (0, 1, 2, ...) and show its
 * registers beside with the differing bits, B back to one message, q quit.
 * The terminal is restored on exit and on SIGINT/SIGTERM.  Not on a
 * terminal, every step is printed as plain text.  The values are those of
 * the library's trace hook (demo/viz/sha256_run.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "demo/viz/page.h"
#include "demo/viz/sha256_run.h"
#include "demo/viz/term.h"

#define CMD "sha256-step"

static const char usage[] =
    "usage: cryptolab sha256-step [-hex] MESSAGE\n"
    "Steps through SHA-256 (FIPS 180-4 6.2.2) round by round, full screen: a..h\n"
    "after every round t with the new values in colour, W[t], H(i).\n"
    "  -hex   MESSAGE is hexadecimal; at most 1015 bytes (16 blocks)\n"
    "Keys: n, Right, Space  next round    p, Left  previous\n"
    "      r  next block    g, Home  first    G, End  last\n"
    "      b  flip the next bit of the message (0, 1, 2, ...) and watch it spread\n"
    "      B  back to one message           q  quit\n"
    "Not on a terminal, every step is printed as plain text, one after another.\n";

static struct viz_sha_run run_a, run_b;
static uint8_t msg[VIZ_SHA_MAX_MESSAGE];

struct view {
    int colour, flipped;
    unsigned bit;
};

static void regs_row(const struct view *v, const uint32_t *x, const uint32_t *prev, const uint32_t *other, int round)
{
    for (int r = 0; r < 8; r++) {
        int moved = round && prev && r != 0 && r != 4 && x[r] == prev[r - 1];
        int changed = prev && x[r] != prev[r] && !moved, df = other && other[r] != x[r];
        if (v->colour)
            printf(" %s%s%s%08X%s ", changed ? VIZ_CHANGED : "", moved ? VIZ_DIM : "", df ? VIZ_DIFFERS : "",
                   (unsigned)x[r], VIZ_RESET);
        else
            printf(" %08X%c", (unsigned)x[r], changed ? '*' : ' ');
    }
    printf("\n");
}

static void draw(const struct view *v, size_t s)
{
    size_t n = run_a.n_blocks * VIZ_SHA_STEPS_PER_BLOCK, i = s / VIZ_SHA_STEPS_PER_BLOCK,
           k = s % VIZ_SHA_STEPS_PER_BLOCK;
    const uint32_t *x = viz_sha256_step_regs(&run_a, s), *prev = s ? viz_sha256_step_regs(&run_a, s - 1) : NULL;
    int round = k >= 1 && k <= 64;
    if (v->colour)
        fputs(VIZ_CLEAR, stdout);
    printf("%scryptolab sha256-step%s  %zu-bit message, %zu block(s)   step %zu/%zu\n", v->colour ? VIZ_BOLD : "",
           v->colour ? VIZ_RESET : "", 8 * run_a.len, run_a.n_blocks, s + 1, n);
    if (v->colour)
        printf("%skeys: n/p round  r next block  g/G first/last  b flip a bit  B one message  q quit%s\n",
               VIZ_DIM, VIZ_RESET);
    printf("\n");
    if (k == 0)
        printf("a..h <- H(%zu)   FIPS 180-4 section 6.2.2 step 2   block %zu\n"
               "The working variables start from the intermediate hash value H(%zu).\n\n", i, i + 1, i);
    else if (round)
        printf("t = %zu   FIPS 180-4 section 6.2.2 step 3   block %zu   W[%zu] = %08X\n"
               "T1 = h + S1(e) + Ch(e,f,g) + K[t] + W[t]; T2 = S0(a) + Maj(a,b,c); e = d + T1, a = T1 + T2\n\n",
               k - 1, i + 1, k - 1, (unsigned)run_a.blk[i].W[k - 1]);
    else
        printf("H(%zu) = H(%zu) + a..h   FIPS 180-4 section 6.2.2 step 4   block %zu\n"
               "Each word of H(%zu) plus the working variable after round 63 (mod 2^32).\n\n", i + 1, i, i + 1, i);
    for (int r = 0; r < 8; r++)                      /* cells of 10 columns, as regs_row() */
        printf(" %-9c", "abcdefgh"[r]);
    printf("\n");
    const uint32_t *y = v->flipped ? viz_sha256_step_regs(&run_b, s) : NULL;
    regs_row(v, x, prev, y, round);
    if (y) {
        regs_row(v, y, s ? viz_sha256_step_regs(&run_b, s - 1) : NULL, x, round);
        printf("(second row: bit %u of the message flipped; %u of 256 bits differ)\n", v->bit,
               viz_word_distance(x, y, 8));
    }
    if (s + 1 == n) {
        printf("\ndigest ");
        for (int j = 0; j < SHA256_DIGEST_SIZE; j++)
            printf("%02x", run_a.digest[j]);
        printf("\n");
    }
    if (!v->colour)
        printf("(* = new value)\n\n");
    fflush(stdout);
}

static int interactive(size_t len)
{
    struct view v = { 1, 0, 0 };
    size_t s = 0, n = run_a.n_blocks * VIZ_SHA_STEPS_PER_BLOCK;
    unsigned next_bit = 0;
    static uint8_t msg2[VIZ_SHA_MAX_MESSAGE];
    if (viz_term_begin() != 0)
        return cli_fail(CMD, "cannot set up the terminal");
    for (;;) {
        draw(&v, s);
        int key = viz_term_key();
        if (key < 0 || key == 'q' || key == 'Q')
            break;
        switch (key) {
        case 'n': case ' ': case VIZ_KEY_RIGHT: case VIZ_KEY_DOWN: if (s + 1 < n) s++; break;
        case 'p': case VIZ_KEY_LEFT: case VIZ_KEY_UP: if (s > 0) s--; break;
        case 'r': s = (s / VIZ_SHA_STEPS_PER_BLOCK + 1) * VIZ_SHA_STEPS_PER_BLOCK; if (s >= n) s = n - 1; break;
        case 'g': case VIZ_KEY_HOME: s = 0; break;
        case 'G': case VIZ_KEY_END: s = n - 1; break;
        case 'b':
            if (len == 0)
                break;
            memcpy(msg2, msg, len);
            msg2[next_bit / 8] ^= (uint8_t)(0x80 >> (next_bit % 8));
            if (viz_sha256_record(&run_b, msg2, len) == CL_OK) {
                v.flipped = 1;
                v.bit = next_bit;
                next_bit = (unsigned)((next_bit + 1) % (8 * len));
            }
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
    int as_hex = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "-hex") == 0 || strcmp(argv[i], "--hex") == 0)
            as_hex = 1;
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            return cli_fail(CMD, "unknown option %s (see --help)", argv[i]);
    }
    if (argc - i != 1)
        return cli_fail(CMD, "give exactly one MESSAGE (see --help)");
    size_t len;
    if (as_hex) {
        if (cli_hex_arg(CMD, "MESSAGE", argv[i], msg, sizeof msg, 0, &len) != 0)
            return 1;
    } else {
        len = strlen(argv[i]);
        if (len > sizeof msg)
            return cli_fail(CMD, "MESSAGE is longer than %d bytes (16 blocks)", VIZ_SHA_MAX_MESSAGE);
        memcpy(msg, argv[i], len);
    }
    cl_status st = viz_sha256_record(&run_a, msg, len);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "hashing failed");
    if (viz_term_interactive())
        return interactive(len);
    struct view v = { 0, 0, 0 };
    for (size_t s = 0; s < run_a.n_blocks * VIZ_SHA_STEPS_PER_BLOCK; s++)
        draw(&v, s);
    return fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
}

const struct cl_command cmd_sha256_step = {
    "sha256-step", "step through SHA-256 round by round in the terminal (a..h, W[t], keys n/p/r/b/q)", run
};
