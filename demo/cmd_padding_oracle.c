/*
 * demo/cmd_padding_oracle.c -- `cryptolab padding-oracle serve|attack`, the
 * CBC padding-oracle lab (docs/labs/padding-oracle.md) on 127.0.0.1.
 *
 *   serve [-p PORT] [--vulnerable-mac-then-encrypt] [--secret TEXT]
 *         [--challenge FILE] [--max-queries N]
 *       makes random keys, seals the secret and writes it (hex) to the
 *       challenge file, then decrypts every hex record a client sends and
 *       answers one line.  Default: encrypt-then-MAC (lab/cbc_etm.c), the
 *       answer is "ok" or "error".  With --vulnerable-mac-then-encrypt (a
 *       loud warning): MAC-then-encrypt (lab/cbc_mte.c) with "bad padding"
 *       and "bad mac" told apart -- a padding oracle.
 *   attack -p PORT --challenge FILE [-v] [--max-queries N]
 *       Vaudenay's attack (lab/padding_oracle.c) through that service: every
 *       answer other than "bad padding" or "error" counts as "padding valid".
 * The crypto is in lab/ (the vulnerable parts labelled there); this file
 * parses options, talks to the socket and prints.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "common/random.h"
#include "lab/cbc_records.h"
#include "lab/oracle_net.h"
#include "lab/padding_oracle.h"

#define CMD "padding-oracle"
#define MAX_RECORD 2048

static const char usage[] =
    "usage: cryptolab padding-oracle serve [-p PORT] [--vulnerable-mac-then-encrypt]\n"
    "                                      [--secret TEXT] [--challenge FILE] [--max-queries N]\n"
    "       cryptolab padding-oracle attack -p PORT --challenge FILE [-v] [--max-queries N]\n"
    "The CBC padding-oracle lab (Vaudenay 2002, docs/labs/padding-oracle.md), on 127.0.0.1.\n"
    "serve: random AES-128 and HMAC-SHA256 keys; the secret (default: a fixed lab\n"
    "  sentence) is sealed and written, in hex, to the challenge file (default\n"
    "  challenge.hex); then every line a client sends, a record in hex, is opened and\n"
    "  answered with one line.  Default: encrypt-then-MAC, answers \"ok\" or \"error\".\n"
    "  --vulnerable-mac-then-encrypt: MAC-then-encrypt that answers \"bad padding\"\n"
    "  or \"bad mac\" -- DELIBERATELY VULNERABLE, for the lab only.\n"
    "  -p PORT (default 0: any free port, printed as \"listening on 127.0.0.1:PORT\");\n"
    "  the server stops on SIGINT/SIGTERM or after --max-queries lines.\n"
    "attack: decrypts the challenge through the service without the key, byte by\n"
    "  byte; -v prints every byte.  Exit 0 if it recovered a correctly padded\n"
    "  plaintext, 1 if the service gave no oracle or the query limit (default\n"
    "  200000) was reached.\n";

static const char warning[] =
    "\n"
    "  *****************************************************************\n"
    "  *  WARNING: DELIBERATELY VULNERABLE SERVICE (--vulnerable-...)  *\n"
    "  *  MAC-then-encrypt CBC that tells a bad padding from a bad MAC: *\n"
    "  *  a padding oracle.  Anyone who can send it records can decrypt *\n"
    "  *  them.  For the lab only, on 127.0.0.1; never for real data.   *\n"
    "  *****************************************************************\n\n";

struct server {
    int vulnerable;
    uint8_t enc_key[16], mac_key[32];
};

static void handle(void *arg, const char *line, char *answer, size_t cap)
{
    struct server *s = arg;
    static uint8_t rec[MAX_RECORD], out[MAX_RECORD];
    size_t len = 0, n = 0;
    if (cl_hex_decode(line, rec, sizeof rec, &len) != CL_OK) {
        snprintf(answer, cap, "error");
        return;
    }
    if (s->vulnerable) {
        cl_status st = lab_mte_open(s->enc_key, s->mac_key, rec, len, out, sizeof out, &n);
        snprintf(answer, cap, "%s", st == CL_OK ? "ok" : st == CL_ERR_BAD_PADDING ? "bad padding"
                                    : st == CL_ERR_AUTH ? "bad mac" : "bad length");
    } else {
        cl_status st = lab_etm_open(s->enc_key, s->mac_key, rec, len, out, sizeof out, &n);
        snprintf(answer, cap, "%s", st == CL_OK ? "ok" : "error");
    }
    cl_wipe(out, sizeof out);
}

static int parse_count(const char *opt, const char *v, unsigned long *out)
{
    char *end;
    if (*v < '0' || *v > '9')
        return cli_fail(CMD, "%s: not a number: %s", opt, v);
    *out = strtoul(v, &end, 10);
    if (*end != '\0')
        return cli_fail(CMD, "%s: not a number: %s", opt, v);
    return 0;
}

static int write_hex_file(const char *path, const uint8_t *b, size_t n)
{
    struct cli_out o;
    if (cli_out_open(CMD, &o, path, 0644))
        return 1;
    for (size_t i = 0; i < n; i++)
        fprintf(o.fp, "%02x", b[i]);
    fputc('\n', o.fp);
    if (ferror(o.fp)) {
        cli_out_abort(&o);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &o);
}

static int serve(int vulnerable, unsigned long port, const char *secret, const char *challenge,
                 unsigned long max_queries)
{
    static struct server s;
    uint8_t rec[MAX_RECORD];
    size_t len = 0, slen = strlen(secret);
    if (slen > 1024)
        return cli_fail(CMD, "--secret: at most 1024 bytes");
    s.vulnerable = vulnerable;
    if (cl_random_bytes(s.enc_key, sizeof s.enc_key) != CL_OK || cl_random_bytes(s.mac_key, sizeof s.mac_key) != CL_OK)
        return cli_fail(CMD, "no random bytes for the keys");
    cl_status st = vulnerable ? lab_mte_seal(s.enc_key, s.mac_key, (const uint8_t *)secret, slen, rec, sizeof rec, &len)
                              : lab_etm_seal(s.enc_key, s.mac_key, (const uint8_t *)secret, slen, rec, sizeof rec, &len);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "cannot seal the secret");
    if (vulnerable)
        fputs(warning, stderr);
    if (write_hex_file(challenge, rec, len))
        return 1;
    printf("mode: %s\n", vulnerable ? "MAC-then-encrypt, padding and MAC errors told apart (VULNERABLE)"
                                    : "encrypt-then-MAC, one error for every bad record");
    printf("challenge: %zu bytes (IV and %zu blocks%s) in %s\n", len, vulnerable ? (len - 16) / 16 : (len - 48) / 16,
           vulnerable ? "" : ", then the 32-byte tag", challenge);
    fflush(stdout);
    st = lab_oracle_serve((unsigned)port, handle, &s, stdout, max_queries);
    cl_wipe(&s, sizeof s);
    return st == CL_OK ? 0 : cli_fail_status(CMD, st, "cannot listen on 127.0.0.1:%lu", port);
}

/* ------------------------------------------------------------------ attack */

struct client {
    lab_oracle_conn conn;
    int verbose;
    unsigned long valid, invalid;    /* the answers seen */
};

static int oracle(void *arg, const uint8_t iv[16], const uint8_t block[16])
{
    struct client *c = arg;
    uint8_t q[32];
    char line[65], answer[128];
    memcpy(q, iv, 16);
    memcpy(q + 16, block, 16);
    cl_hex_encode(q, 32, line);
    if (lab_oracle_ask(&c->conn, line, answer, sizeof answer) != CL_OK)
        return -1;
    int valid = strcmp(answer, "bad padding") != 0 && strcmp(answer, "error") != 0;
    if (valid)
        c->valid++;
    else
        c->invalid++;
    return valid;
}

static void trace(void *arg, size_t block, int pos, uint8_t I, uint8_t p, unsigned long queries)
{
    struct client *c = arg;
    if (c->verbose)
        printf("block %zu byte %2d: D(K, C) = %02x, XOR the previous block: plaintext %02x %c  (%lu queries)\n",
               block + 1, pos, I, p, isprint(p) ? p : '.', queries);
}

static int attack(unsigned long port, const char *challenge, int verbose, unsigned long max_queries)
{
    static uint8_t rec[MAX_RECORD], plain[MAX_RECORD];
    static char hex[2 * MAX_RECORD + 2];
    static struct client c;
    size_t len = 0;
    FILE *f = cli_open_in(CMD, challenge);
    if (f == NULL)
        return 1;
    size_t n = fread(hex, 1, sizeof hex - 1, f);
    cli_close_in(f);
    hex[n] = '\0';
    while (n > 0 && isspace((unsigned char)hex[n - 1]))
        hex[--n] = '\0';
    if (cl_hex_decode(hex, rec, sizeof rec, &len) != CL_OK || len < 32 || len % 16 != 0)
        return cli_fail(CMD, "%s: not a record in hex (IV and whole blocks)", challenge);
    c.verbose = verbose;
    if (lab_oracle_connect(&c.conn, (unsigned)port) != CL_OK)
        return cli_fail(CMD, "cannot connect to 127.0.0.1:%lu", port);
    printf("attacking %zu ciphertext blocks (the first 16 bytes are the IV)\n", (len - 16) / 16);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long queries = 0;
    cl_status st = lab_po_attack(rec, rec + 16, len - 16, oracle, &c, trace, &c, max_queries, plain, &queries);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    lab_oracle_close(&c.conn);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    size_t plen = len - 16, pad = plen ? plain[plen - 1] : 0;
    if (st == CL_OK && (pad < 1 || pad > 16 || pad > plen))
        st = CL_ERR_LAB_NO_ORACLE;
    for (size_t i = 0; st == CL_OK && i < pad; i++)
        if (plain[plen - 1 - i] != pad)
            st = CL_ERR_LAB_NO_ORACLE;
    printf("answers: %lu meaning \"padding valid\", %lu \"bad padding\" or \"error\"\n", c.valid, c.invalid);
    if (st != CL_OK) {
        printf("queries: %lu in %.2f s\n", queries, secs);
        fflush(stdout);
        return cli_fail_status(CMD, st, "attack failed after %lu queries", queries);
    }
    printf("plaintext (hex): ");
    for (size_t i = 0; i < plen; i++)
        printf("%02x", plain[i]);
    printf("\nplaintext, padding (%zu bytes) removed, as text: \"", pad);
    for (size_t i = 0; i + pad < plen; i++)
        putchar(isprint(plain[i]) ? plain[i] : '.');
    printf("\"\n");
    if (plen >= pad + LAB_MAC_LEN) {            /* the MAC-then-encrypt layout: M || HMAC || padding */
        size_t mlen = plen - pad - LAB_MAC_LEN;
        printf("as M || HMAC-SHA256(M) || padding: M = \"");
        for (size_t i = 0; i < mlen; i++)
            putchar(isprint(plain[i]) ? plain[i] : '.');
        printf("\" (%zu bytes)\n", mlen);
    }
    printf("queries: %lu in %.2f s (%.1f per byte)\n", queries, secs, (double)queries / (double)plen);
    return fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
}

static int run(int argc, char **argv)
{
    const char *secret = "Lab secret: the launch code is 0000, tell no one.", *challenge = NULL;
    unsigned long port = 0, max_queries = 0;
    int vulnerable = 0, verbose = 0, have_port = 0;
    if (argc < 2)
        return cli_fail(CMD, "give serve or attack (see --help)");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    int is_serve = strcmp(argv[1], "serve") == 0;
    if (!is_serve && strcmp(argv[1], "attack") != 0)
        return cli_fail(CMD, "unknown subcommand %s (serve, attack)", argv[1]);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--vulnerable-mac-then-encrypt") == 0 && is_serve) {
            vulnerable = 1;
        } else if (strcmp(a, "-v") == 0 && !is_serve) {
            verbose = 1;
        } else if (strcmp(a, "-p") == 0 || strcmp(a, "--max-queries") == 0 || strcmp(a, "--challenge") == 0 ||
                   (strcmp(a, "--secret") == 0 && is_serve)) {
            if (v == NULL)
                return cli_fail(CMD, "option %s needs a value", a);
            i++;
            if (a[1] == 'p') {
                if (parse_count(a, v, &port) || port > 65535)
                    return port > 65535 ? cli_fail(CMD, "-p: a port is 0..65535") : 1;
                have_port = 1;
            } else if (a[2] == 'm') {
                if (parse_count(a, v, &max_queries))
                    return 1;
            } else if (a[2] == 'c') {
                challenge = v;
            } else {
                secret = v;
            }
        } else {
            return cli_fail(CMD, "%s: unknown option %s (see --help)", argv[1], a);
        }
    }
    if (is_serve)
        return serve(vulnerable, port, secret, challenge ? challenge : "challenge.hex", max_queries);
    if (!have_port || port == 0)
        return cli_fail(CMD, "attack: give -p PORT (the port the server printed)");
    if (challenge == NULL)
        return cli_fail(CMD, "attack: give --challenge FILE (the server wrote it)");
    return attack(port, challenge, verbose, max_queries ? max_queries : 200000);
}

const struct cl_command cmd_padding_oracle = {
    "padding-oracle", "lab: CBC padding-oracle attack (Vaudenay) on a loopback service", run
};
