/*
 * demo/cmd_sha256_trace.c -- `cryptolab sha256-trace [-hex] MESSAGE`
 *
 * Prints every intermediate value of FIPS 180-4 SHA-256 for one message,
 * in the layout of NIST's worked examples ("Cryptographic Standards and
 * Guidelines: Examples with Intermediate Values", SHA256.pdf):
 *   the initial hash value H(0) (§5.3.3);
 *   for each 512-bit block M(i) of the padded message (§5.1.1, §5.2.1):
 *     the block contents as the words W[0..15],
 *     the rest of the message schedule W[16..63] (§6.2.2 step 1),
 *     one row per round t = 0..63 with the working variables a..h
 *     (A..H) as 8-digit uppercase hex (§6.2.2 steps 2-3),
 *     the intermediate hash value H(i) = H(i-1) + a..h (§6.2.2 step 4);
 *   the message digest.
 * The values come from the library's own trace hook (struct sha256_trace
 * in sha256/sha256.h), i.e. from the code that computes real digests.
 * vectors/sha256/sha256-trace-*.txt hold NIST's values in the same layout.
 * --html FILE also writes the step viewer page (demo/viz/sha256_page.c),
 * with --flip-bit N beside the message with one bit flipped.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/hex.h"
#include "sha256/sha256.h"
#include "demo/viz/pages.h"

#define CMD "sha256-trace"
#define MAX_MESSAGE 65536   /* a trace of 1024 blocks is already ~150 000 lines */

static const char usage_text[] =
    "usage: cryptolab sha256-trace [-hex] [--html FILE [--flip-bit N]] MESSAGE\n"
    "Prints the SHA-256 computation of MESSAGE step by step (FIPS 180-4 §6.2.2),\n"
    "laid out like NIST's worked example for \"abc\": H(0), then per 512-bit block the\n"
    "block words W[0..15], the schedule W[16..63], the working variables A..H after\n"
    "each round t = 0..63, and the intermediate hash H(i); last the digest.\n"
    "  -hex           MESSAGE is given in hexadecimal (e.g. 616263 for \"abc\")\n"
    "  --html FILE    also write a self-contained HTML step viewer to FILE: the\n"
    "                 padded block, W[t], a..h per round with the new values marked\n"
    "                 (MESSAGE at most 1015 bytes, 16 blocks, for the page)\n"
    "  --flip-bit N   with --html: also hash MESSAGE with bit N flipped (bit 0 is the\n"
    "                 most significant bit of the first byte) and chart the\n"
    "                 differing bits of a..h after every round (the avalanche)\n"
    "MESSAGE is at most 65536 bytes.\n";

struct trace_state {
    uint64_t blocks_total;
    uint32_t prev[8];            /* H(i-1), to print H(i) = H(i-1) + v */
    uint32_t last[8];            /* working variables after round 63 */
};

static void print_words(const uint32_t *w, size_t n)
{
    for (size_t j = 0; j < n; j++)
        printf(j ? " %08X" : "%08X", (unsigned)w[j]);
    putchar('\n');
}

static void on_block(void *arg, uint64_t i, const uint32_t M[16])
{
    struct trace_state *s = arg;
    printf("\nBlock = %llu of %llu\n", (unsigned long long)i, (unsigned long long)s->blocks_total);
    printf("Block Contents (M(%llu) as the words W[0..15], §5.2.1):\n", (unsigned long long)i);
    for (unsigned t = 0; t < 16; t++)
        printf("W[%u] = %08X\n", t, (unsigned)M[t]);
}

static void on_schedule(void *arg, uint64_t i, const uint32_t W[64])
{
    (void)arg;
    (void)i;
    printf("Message schedule (§6.2.2 step 1: W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]):\n");
    for (unsigned t = 16; t < 64; t++)
        printf("W[%u] = %08X\n", t, (unsigned)W[t]);
    printf("Working variables after each round t (§6.2.2 steps 2-3):\n");
    printf("          A        B        C        D        E        F        G        H\n");
}

static void on_round(void *arg, uint64_t i, unsigned t, const uint32_t v[8])
{
    struct trace_state *s = arg;
    (void)i;
    printf("t=%2u: ", t);
    print_words(v, 8);
    if (t == 63)
        memcpy(s->last, v, sizeof s->last);
}

static void on_hash(void *arg, uint64_t i, const uint32_t H[8])
{
    struct trace_state *s = arg;
    printf("Intermediate hash value H(%llu) (§6.2.2 step 4: H(%llu) + working variable):\n",
           (unsigned long long)i, (unsigned long long)(i - 1));
    for (unsigned j = 0; j < 8; j++)
        printf("H[%u] = %08X + %08X = %08X\n", j, (unsigned)s->prev[j], (unsigned)s->last[j],
               (unsigned)H[j]);
    memcpy(s->prev, H, sizeof s->prev);
}

static void print_message(const uint8_t *m, size_t n, int as_hex)
{
    if (as_hex) {
        printf("SHA-256 trace (FIPS 180-4) of a %zu-byte message given in hex\n", n);
        return;
    }
    printf("SHA-256 trace (FIPS 180-4) of the message \"");
    for (size_t i = 0; i < n; i++) {
        if (m[i] == '"' || m[i] == '\\')
            printf("\\%c", m[i]);
        else if (isprint(m[i]))
            putchar(m[i]);
        else
            printf("\\x%02x", m[i]);
    }
    printf("\"\n");
}

static struct viz_sha_run run_a, run_b;   /* large: kept off the stack */

/* --html: the recorded computation (and the flipped one) as a viewer page. */
static int write_html(const char *path, const uint8_t *msg, size_t len, long flip_bit)
{
    static uint8_t msg2[VIZ_SHA_MAX_MESSAGE];
    cl_status st = viz_sha256_record(&run_a, msg, len);
    if (st == CL_OK && flip_bit >= 0) {
        memcpy(msg2, msg, len);
        msg2[flip_bit / 8] ^= (uint8_t)(0x80 >> (flip_bit % 8));
        st = viz_sha256_record(&run_b, msg2, len);
    }
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "hashing failed");
    struct cli_out o;
    if (cli_out_open(CMD, &o, path, 0644))
        return 1;
    if (viz_sha256_page(o.fp, &run_a, flip_bit >= 0 ? &run_b : NULL, (unsigned)flip_bit) != 0 || ferror(o.fp)) {
        cli_out_abort(&o);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &o);
}

static int run(int argc, char **argv)
{
    int as_hex = 0, i = 1;
    const char *html = NULL;
    long flip_bit = -1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(argv[i], "-hex") == 0 || strcmp(argv[i], "--hex") == 0)
            as_hex = 1;
        else if (strcmp(argv[i], "--html") == 0 || strcmp(argv[i], "--flip-bit") == 0) {
            if (i + 1 >= argc)
                return cli_fail(CMD, "option %s needs a value", argv[i]);
            if (argv[i][2] == 'h') {
                html = argv[++i];
            } else {
                char *end;
                const char *v = argv[++i];
                flip_bit = strtol(v, &end, 10);
                if (*v < '0' || *v > '9' || *end != '\0')
                    return cli_fail(CMD, "--flip-bit: need a bit number");
            }
        }
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            return cli_fail(CMD, "unknown option %s (see --help)", argv[i]);
    }
    if (argc - i != 1)
        return cli_fail(CMD, "give exactly one MESSAGE (see --help)");
    const char *arg = argv[i];
    static uint8_t msg[MAX_MESSAGE];
    size_t len;
    if (as_hex) {
        if (cli_hex_arg(CMD, "MESSAGE", arg, msg, sizeof msg, 0, &len) != 0)
            return 1;
    } else {
        len = strlen(arg);
        if (len > sizeof msg)
            return cli_fail(CMD, "MESSAGE is longer than %d bytes", MAX_MESSAGE);
        memcpy(msg, arg, len);
    }

    if (flip_bit >= 0 && html == NULL)
        return cli_fail(CMD, "--flip-bit draws its chart in the --html page: give --html FILE");
    if (html != NULL && strcmp(html, "-") == 0)
        return cli_fail(CMD, "--html needs a file name (the text trace goes to standard output)");
    if (html != NULL && len > VIZ_SHA_MAX_MESSAGE)
        return cli_fail(CMD, "the --html page shows at most %d bytes (16 blocks); MESSAGE has %zu",
                        VIZ_SHA_MAX_MESSAGE, len);
    if (html != NULL && flip_bit >= 0 && (size_t)flip_bit >= 8 * len)
        return cli_fail(CMD, "--flip-bit: a %zu-byte message has bits 0..%zu", len, len ? 8 * len - 1 : 0);

    struct trace_state s;
    memset(&s, 0, sizeof s);
    s.blocks_total = (len + 9 + 63) / 64;            /* + 0x80 and the 64-bit length */
    struct sha256_trace hook = { &s, on_block, on_schedule, on_round, on_hash };
    sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    memcpy(s.prev, ctx.H, sizeof s.prev);

    print_message(msg, len, as_hex);
    char *hex = malloc(2 * len + 1);
    if (hex == NULL)
        return cli_fail(CMD, "out of memory");
    cl_hex_encode(msg, len, hex);
    printf("Message (hex) = %s\n", hex);
    free(hex);
    printf("Length l = %zu bits; padded (§5.1.1) to %llu block(s) of 512 bits\n",
           8 * len, (unsigned long long)s.blocks_total);
    printf("\nInitial hash value H(0) (§5.3.3):\n");
    for (unsigned j = 0; j < 8; j++)
        printf("H[%u] = %08X\n", j, (unsigned)ctx.H[j]);

    cl_status st = sha256_set_trace(&ctx, &hook);
    if (st == CL_OK)
        st = sha256_update(&ctx, msg, len);
    if (st == CL_OK)
        st = sha256_final(&ctx, digest);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "hashing failed");
    printf("\nMessage Digest = ");
    for (unsigned j = 0; j < 32; j++)
        printf(j % 4 == 0 && j ? " %02X" : "%02X", digest[j]);
    putchar('\n');
    if (fflush(stdout) != 0)
        return cli_fail(CMD, "write error");
    return html != NULL ? write_html(html, msg, len, flip_bit) : 0;
}

const struct cl_command cmd_sha256_trace = {
    "sha256-trace", "show every step of SHA-256 for one message (FIPS 180-4 worked example)", run
};
