/*
 * demo/cmd_bleichenbacher.c -- `cryptolab bleichenbacher serve|attack`, the
 * PKCS#1 v1.5 oracle lab (docs/labs/bleichenbacher.md) on 127.0.0.1.
 *
 *   serve [-p PORT] [--vulnerable-padding-errors] [-bits N] [--secret TEXT]
 *         [--challenge FILE] [--max-queries N]
 *       generates a small RSA key (512 bits by default: a lab's time), encrypts
 *       a TLS-style premaster secret (03 03 and 46 bytes of the secret text)
 *       with RSAES-PKCS1-v1_5 and writes the public key and the ciphertext to
 *       the challenge file; then answers every hex ciphertext a client sends.
 *       Default: the TLS 1.2 rule (lab/premaster.c, RFC 5246 §7.4.7.1) --
 *       always "ok", whatever the padding.  With --vulnerable-padding-errors
 *       (a loud warning): lab/pkcs1_leaky.c's answers, "bad: not 00 02",
 *       "bad: padding" or "ok" -- Bleichenbacher's oracle.
 *   attack -p PORT --challenge FILE [-v] [--max-queries N]
 *       Bleichenbacher's attack (lab/bleichenbacher.c) through the service:
 *       "bad: not 00 02" means not conforming, anything else conforming.
 * The crypto is in lab/; this file parses options, talks and prints.
 */
#include <ctype.h>
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "lab/bleichenbacher.h"
#include "lab/oracle_net.h"
#include "lab/pkcs1_leaky.h"
#include "lab/premaster.h"
#include "rsa/rsa.h"

#define CMD "bleichenbacher"

static const char usage[] =
    "usage: cryptolab bleichenbacher serve [-p PORT] [--vulnerable-padding-errors] [-bits N]\n"
    "                                      [--secret TEXT] [--challenge FILE] [--max-queries N]\n"
    "       cryptolab bleichenbacher attack -p PORT --challenge FILE [-v] [--max-queries N]\n"
    "Bleichenbacher's PKCS#1 v1.5 oracle (1998), on 127.0.0.1 (docs/labs/bleichenbacher.md).\n"
    "serve: a new RSA key of N bits (512 default, 1024 allowed: LAB KEYS, far too small for\n"
    "  real use); the premaster 03 03 || TEXT (46 bytes, padded with '.') is encrypted\n"
    "  with RSAES-PKCS1-v1_5 and written with the public key to the challenge file\n"
    "  (default challenge.txt: lines \"n HEX\", \"e DEC\", \"c HEX\").  Every line a client\n"
    "  sends, a ciphertext in hex, is then answered with one line.  Default: the TLS 1.2\n"
    "  rule (RFC 5246 7.4.7.1: a random premaster on any failure), always \"ok\".\n"
    "  --vulnerable-padding-errors: \"bad: not 00 02\", \"bad: padding\" or \"ok\" --\n"
    "  DELIBERATELY VULNERABLE, for the lab only.\n"
    "  -p PORT (default 0: any free port, printed); stops on SIGINT/SIGTERM or after\n"
    "  --max-queries lines.\n"
    "attack: recovers the premaster through the service without the private key.\n"
    "  -v prints each step.  Exit 0 when the result is checked (m^e = c), 1 when the\n"
    "  answers gave no oracle or the query limit (default 2000000) was reached.\n";

static const char warning[] =
    "\n"
    "  *******************************************************************\n"
    "  *  WARNING: DELIBERATELY VULNERABLE SERVICE (--vulnerable-...)    *\n"
    "  *  RSA PKCS#1 v1.5 decryption that says WHY a ciphertext is bad:  *\n"
    "  *  Bleichenbacher's oracle.  Anyone who can send it ciphertexts   *\n"
    "  *  can decrypt them.  For the lab only, on 127.0.0.1, with a lab  *\n"
    "  *  key; never for real data.                                      *\n"
    "  *******************************************************************\n\n";

struct server {
    int vulnerable;
    rsa_key key;
};

static void handle(void *arg, const char *line, char *answer, size_t cap)
{
    struct server *s = arg;
    uint8_t c[RSA_MAX_BYTES], m[RSA_MAX_BYTES], pms[LAB_PREMASTER_LEN];
    static const uint8_t tls12[2] = { 0x03, 0x03 };
    size_t len = 0, mlen = 0;
    if (cl_hex_decode(line, c, sizeof c, &len) != CL_OK || len != rsa_key_bytes(&s->key)) {
        snprintf(answer, cap, "bad: length");
        return;
    }
    if (s->vulnerable) {
        cl_status st = lab_pkcs1v15_decrypt_leaky(&s->key, c, len, m, sizeof m, &mlen);
        snprintf(answer, cap, "%s", st == CL_OK ? "ok" : st == CL_ERR_LAB_PAD_0002 ? "bad: not 00 02"
                                    : st == CL_ERR_LAB_PAD_FORMAT ? "bad: padding" : "bad: decrypt");
    } else {
        /* The premaster is then used for the session keys; a wrong one only
         * shows later, as a failed Finished -- for every ciphertext alike. */
        cl_status st = lab_tls_premaster(&s->key, c, len, tls12, pms);
        snprintf(answer, cap, "%s", st == CL_OK ? "ok" : "bad: internal error");
    }
    cl_wipe(m, sizeof m);
    cl_wipe(pms, sizeof pms);
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

static void put_hex(FILE *f, const char *name, const uint8_t *b, size_t n)
{
    fprintf(f, "%s ", name);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
    fputc('\n', f);
}

static int serve(int vulnerable, unsigned long port, unsigned long bits, const char *secret, const char *challenge,
                 unsigned long max_queries)
{
    static struct server s;
    uint8_t pms[LAB_PREMASTER_LEN], c[RSA_MAX_BYTES], nb[RSA_MAX_BYTES];
    size_t clen = 0, k;
    if (bits != 512 && bits != 1024)
        return cli_fail(CMD, "-bits: 512 or 1024 (lab keys)");
    s.vulnerable = vulnerable;
    rsa_key_init(&s.key);
    cl_status st = rsa_generate(&s.key, (unsigned)bits, 65537);
    if (st != CL_OK)
        return cli_fail_status(CMD, st, "key generation failed");
    k = rsa_key_bytes(&s.key);
    pms[0] = 0x03;                                   /* ClientHello.client_version, TLS 1.2 */
    pms[1] = 0x03;
    size_t slen = strlen(secret);
    for (size_t i = 0; i < LAB_PREMASTER_LEN - 2; i++)
        pms[2 + i] = i < slen ? (uint8_t)secret[i] : '.';
    st = rsa_pkcs1v15_encrypt(&s.key, pms, sizeof pms, c, sizeof c, &clen);
    if (st == CL_OK)
        st = rsa_i2osp(s.key.n, k, nb);
    if (st != CL_OK) {
        rsa_key_clear(&s.key);
        return cli_fail_status(CMD, st, "cannot encrypt the premaster");
    }
    if (vulnerable)
        fputs(warning, stderr);
    fprintf(stderr, "cryptolab %s: warning: %lu-bit RSA keys are for labs only\n", CMD, bits);
    struct cli_out o;
    if (cli_out_open(CMD, &o, challenge, 0644)) {
        rsa_key_clear(&s.key);
        return 1;
    }
    put_hex(o.fp, "n", nb, k);
    fprintf(o.fp, "e 65537\n");
    put_hex(o.fp, "c", c, clen);
    if (ferror(o.fp)) {
        cli_out_abort(&o);
        rsa_key_clear(&s.key);
        return cli_fail(CMD, "cannot write %s", challenge);
    }
    if (cli_out_commit(CMD, &o)) {
        rsa_key_clear(&s.key);
        return 1;
    }
    cl_wipe(pms, sizeof pms);
    printf("mode: %s\n", vulnerable ? "PKCS#1 v1.5 with distinct padding errors (VULNERABLE)"
                                    : "TLS 1.2 premaster rule: the same answer for every ciphertext");
    printf("key: %lu bits, challenge (n, e, c) in %s\n", bits, challenge);
    fflush(stdout);
    st = lab_oracle_serve((unsigned)port, handle, &s, stdout, max_queries);
    rsa_key_clear(&s.key);
    return st == CL_OK ? 0 : cli_fail_status(CMD, st, "cannot listen on 127.0.0.1:%lu", port);
}

/* ------------------------------------------------------------------ attack */

struct client {
    lab_oracle_conn conn;
    int verbose;
    unsigned long ok, not0002, padding, other;   /* the answers seen */
};

static int oracle(void *arg, const uint8_t *c, size_t k)
{
    struct client *cl = arg;
    static char line[2 * RSA_MAX_BYTES + 1];
    char answer[128];
    cl_hex_encode(c, k, line);
    if (lab_oracle_ask(&cl->conn, line, answer, sizeof answer) != CL_OK)
        return -1;
    if (strcmp(answer, "bad: length") == 0 || strcmp(answer, "bad: internal error") == 0) {
        cl->other++;
        return -1;
    }
    if (strcmp(answer, "bad: not 00 02") == 0) {
        cl->not0002++;
        return 0;
    }
    if (strcmp(answer, "ok") == 0)
        cl->ok++;
    else
        cl->padding++;
    return 1;
}

static void trace(void *arg, const char *step, unsigned long i, size_t intervals, size_t width, unsigned long q)
{
    struct client *cl = arg;
    if (!cl->verbose)
        return;
    if (strcmp(step, "3") == 0)
        printf("  step 3, i = %lu: %zu interval(s), the first %zu bits wide  (%lu queries)\n", i, intervals, width, q);
    else
        printf("step %s, i = %lu: conforming s found  (%lu queries)\n", step, i, q);
}

static int read_field(const char *text, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, name, nl) == 0 && p[nl] == ' ') {
            size_t n = strcspn(p + nl + 1, "\r\n");
            if (n >= cap)
                return -1;
            memcpy(out, p + nl + 1, n);
            out[n] = '\0';
            return 0;
        }
    }
    return -1;
}

static int attack(unsigned long port, const char *challenge, int verbose, unsigned long max_queries)
{
    static char text[8 * RSA_MAX_BYTES], nhex[2 * RSA_MAX_BYTES + 2], chex[2 * RSA_MAX_BYTES + 2];
    static struct client cl;
    char ehex[32];
    uint8_t nb[RSA_MAX_BYTES], c[RSA_MAX_BYTES], m[RSA_MAX_BYTES];
    size_t nlen = 0, clen = 0;
    FILE *f = cli_open_in(CMD, challenge);
    if (f == NULL)
        return 1;
    size_t got = fread(text, 1, sizeof text - 1, f);
    cli_close_in(f);
    text[got] = '\0';
    if (read_field(text, "n", nhex, sizeof nhex) || read_field(text, "e", ehex, sizeof ehex) ||
        read_field(text, "c", chex, sizeof chex) || cl_hex_decode(nhex, nb, sizeof nb, &nlen) != CL_OK ||
        cl_hex_decode(chex, c, sizeof c, &clen) != CL_OK || clen != nlen)
        return cli_fail(CMD, "%s: need lines \"n HEX\", \"e DEC\", \"c HEX\" (as serve writes them)", challenge);
    rsa_key pub;
    rsa_key_init(&pub);
    rsa_os2ip(pub.n, nb, nlen);
    if (mpz_set_str(pub.e, ehex, 10) != 0) {
        rsa_key_clear(&pub);
        return cli_fail(CMD, "%s: e is not a decimal number", challenge);
    }
    cl.verbose = verbose;
    if (lab_oracle_connect(&cl.conn, (unsigned)port) != CL_OK) {
        rsa_key_clear(&pub);
        return cli_fail(CMD, "cannot connect to 127.0.0.1:%lu", port);
    }
    printf("attacking a %zu-bit RSA PKCS#1 v1.5 ciphertext\n", mpz_sizeinbase(pub.n, 2));
    fflush(stdout);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned long queries = 0;
    cl_status st = lab_bb_attack(&pub, c, clen, oracle, &cl, trace, &cl, max_queries, m, &queries);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    lab_oracle_close(&cl.conn);
    rsa_key_clear(&pub);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("answers: %lu \"ok\", %lu \"bad: not 00 02\", %lu \"bad: padding\", %lu other\n", cl.ok, cl.not0002,
           cl.padding, cl.other);
    if (st != CL_OK) {
        printf("queries: %lu in %.2f s\n", queries, secs);
        fflush(stdout);
        return cli_fail_status(CMD, st, "attack failed after %lu queries", queries);
    }
    size_t i = 2;
    while (i < nlen && m[i] != 0)
        i++;
    printf("EM = m (hex): ");
    for (size_t j = 0; j < nlen; j++)
        printf("%02x", m[j]);
    printf("\nchecked: m^e mod n = c\n");
    if (i + 1 < nlen) {
        printf("the message after the zero separator (%zu bytes): ", nlen - i - 1);
        for (size_t j = i + 1; j < nlen; j++)
            printf("%02x", m[j]);
        printf("\nas text: \"");
        for (size_t j = i + 1; j < nlen; j++)
            putchar(isprint(m[j]) ? m[j] : '.');
        printf("\"\n");
    }
    printf("queries: %lu in %.2f s\n", queries, secs);
    cl_wipe(m, sizeof m);
    return fflush(stdout) != 0 ? cli_fail(CMD, "write error") : 0;
}

static int run(int argc, char **argv)
{
    const char *secret = "the premaster of a TLS session, by oracle", *challenge = NULL;
    unsigned long port = 0, max_queries = 0, bits = 512;
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
        } else if (strcmp(a, "--vulnerable-padding-errors") == 0 && is_serve) {
            vulnerable = 1;
        } else if (strcmp(a, "-v") == 0 && !is_serve) {
            verbose = 1;
        } else if (strcmp(a, "-p") == 0 || strcmp(a, "--max-queries") == 0 || strcmp(a, "--challenge") == 0 ||
                   ((strcmp(a, "--secret") == 0 || strcmp(a, "-bits") == 0) && is_serve)) {
            if (v == NULL)
                return cli_fail(CMD, "option %s needs a value", a);
            i++;
            if (strcmp(a, "-p") == 0) {
                if (parse_count(a, v, &port) || port > 65535)
                    return port > 65535 ? cli_fail(CMD, "-p: a port is 0..65535") : 1;
                have_port = 1;
            } else if (strcmp(a, "-bits") == 0) {
                if (parse_count(a, v, &bits))
                    return 1;
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
        return serve(vulnerable, port, bits, secret, challenge ? challenge : "challenge.txt", max_queries);
    if (!have_port || port == 0)
        return cli_fail(CMD, "attack: give -p PORT (the port the server printed)");
    if (challenge == NULL)
        return cli_fail(CMD, "attack: give --challenge FILE (the server wrote it)");
    return attack(port, challenge, verbose, max_queries ? max_queries : 2000000);
}

const struct cl_command cmd_bleichenbacher = {
    "bleichenbacher", "lab: Bleichenbacher's PKCS#1 v1.5 oracle attack on a loopback service", run
};
