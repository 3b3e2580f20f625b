/*
 * demo/cmd_dgst.c -- `cryptolab dgst`, the subset of `openssl dgst`
 * (OpenSSL 3.0) that cryptolab implements, with identical output:
 *
 *   cryptolab dgst [-sha256] [-hex | -binary | -c] [-r] [-hmac KEY]
 *                  [-out FILE] [FILE...]
 *
 *   default            "SHA256(NAME)= hex"   (OpenSSL 3.0 names the default
 *                                            digest "SHA256" ...)
 *   -sha256            "SHA2-256(NAME)= hex" (... and an explicit -sha256 "SHA2-256")
 *   -hmac KEY          "HMAC-SHA256(NAME)= hex" / "HMAC-SHA2-256(NAME)= hex";
 *                      KEY is the bytes of the argument (RFC 2104 HMAC)
 *   -r                 "hex *NAME" (coreutils layout; a newline in NAME is
 *                      written as \n, as OpenSSL does)
 *   -c                 hex bytes separated by colons (not with -r)
 *   -binary            the raw digest bytes
 *   no FILE            standard input, named "stdin"
 *
 * As in openssl, options end at the first argument that does not start
 * with '-'; an unreadable FILE is reported on stderr and the others are
 * still hashed; the exit status is then 1.  Difference, by project rule:
 * with -out, a run in which any FILE failed leaves no output file behind.
 *
 * Extending this command (e.g. -sign/-verify/-signature/-sigopt): add the
 * option to dgst_options[] (with a field in struct dgst_args), and handle
 * the new mode in dgst_one_file() / run(); the digest of each input is
 * computed by dgst_stream() whatever the output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "common/ct.h"
#include "sha256/hmac.h"
#include "sha256/sha256.h"

#define CMD "dgst"
#define READ_CHUNK 65536

static const char usage_text[] =
    "usage: cryptolab dgst [options] [FILE...]\n"
    "Message digest (SHA-256) or HMAC-SHA256 of each FILE (standard input when\n"
    "none), with the output of `openssl dgst`.\n"
    "\n"
    "  -sha256       use SHA-256 (the default and only digest; changes the\n"
    "                label from SHA256 to SHA2-256, as openssl does)\n"
    "  -hex          print the digest in hex (default)\n"
    "  -binary       write the raw digest bytes\n"
    "  -c            print the hex digest in two-digit groups separated by colons\n"
    "  -r            print \"HEX *FILE\" (sha256sum-like layout)\n"
    "  -hmac KEY     HMAC-SHA256 with the bytes of KEY as the key\n"
    "  -out FILE     write the output to FILE (created only if every input was read)\n"
    "  -help         this text\n";

enum dgst_format { FMT_HEX, FMT_BINARY };

struct dgst_args {
    int explicit_sha256;        /* -sha256 given: label "SHA2-256" */
    enum dgst_format format;
    int coreutils;              /* -r */
    int colons;                 /* -c */
    const char *hmac_key;       /* -hmac KEY, NULL: plain digest */
    const char *out;            /* -out FILE */
    int help;
};

/* ---------------------------------------------------------------- options */

enum opt_kind { OPT_FLAG, OPT_VALUE };

struct dgst_option {
    const char *name;           /* without the leading '-' */
    enum opt_kind kind;
    /* sets the option; value is NULL for OPT_FLAG.  Returns 0 or 1 (error printed). */
    int (*set)(struct dgst_args *a, const char *value);
};

static int set_sha256(struct dgst_args *a, const char *v) { (void)v; a->explicit_sha256 = 1; return 0; }
static int set_hex(struct dgst_args *a, const char *v) { (void)v; a->format = FMT_HEX; return 0; }
static int set_binary(struct dgst_args *a, const char *v) { (void)v; a->format = FMT_BINARY; return 0; }
static int set_c(struct dgst_args *a, const char *v) { (void)v; a->colons = 1; return 0; }
static int set_r(struct dgst_args *a, const char *v) { (void)v; a->coreutils = 1; return 0; }
static int set_hmac(struct dgst_args *a, const char *v) { a->hmac_key = v; return 0; }
static int set_out(struct dgst_args *a, const char *v) { a->out = v; return 0; }
static int set_help(struct dgst_args *a, const char *v) { (void)v; a->help = 1; return 0; }

static const struct dgst_option dgst_options[] = {
    { "sha256", OPT_FLAG, set_sha256 },
    { "sha2-256", OPT_FLAG, set_sha256 },
    { "hex", OPT_FLAG, set_hex },
    { "binary", OPT_FLAG, set_binary },
    { "c", OPT_FLAG, set_c },
    { "r", OPT_FLAG, set_r },
    { "hmac", OPT_VALUE, set_hmac },
    { "out", OPT_VALUE, set_out },
    { "help", OPT_FLAG, set_help },
    { "h", OPT_FLAG, set_help },
};

/* openssl-style parsing: "-opt" or "--opt", values in the next argument,
 * options end at "--" or the first argument not starting with '-'.
 * Returns the index of the first FILE, or -1 after printing an error. */
static int parse_options(int argc, char **argv, struct dgst_args *a)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0)
            return i + 1;
        if (arg[0] != '-' || arg[1] == '\0')
            break;
        const char *name = arg + 1 + (arg[1] == '-');
        const struct dgst_option *opt = NULL;
        for (size_t k = 0; k < sizeof dgst_options / sizeof dgst_options[0]; k++)
            if (strcmp(dgst_options[k].name, name) == 0)
                opt = &dgst_options[k];
        if (opt == NULL) {
            cli_fail(CMD, "Unknown option or message digest: %s (see -help)", name);
            return -1;
        }
        const char *value = NULL;
        if (opt->kind == OPT_VALUE) {
            if (i + 1 >= argc) {
                cli_fail(CMD, "Option -%s needs a value", opt->name);
                return -1;
            }
            value = argv[++i];
        }
        if (opt->set(a, value) != 0)
            return -1;
    }
    return i;
}

/* ---------------------------------------------------------------- hashing */

/* Streams a file ("-"/NULL: stdin) through SHA-256 or HMAC-SHA256.
 * Returns 0, or 1 after printing an error. */
static int dgst_stream(const struct dgst_args *a, const char *path, uint8_t md[32])
{
    static uint8_t buf[READ_CHUNK];
    int fd = (path == NULL) ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0)
        return cli_fail(CMD, "%s: %s", path, strerror(errno));
    sha256_ctx sctx;
    hmac_ctx hctx;
    if (a->hmac_key)
        hmac_init(&hctx, &cl_hash_sha256, (const uint8_t *)a->hmac_key, strlen(a->hmac_key));
    else
        sha256_init(&sctx);
    int err = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        if (a->hmac_key)
            hmac_update(&hctx, buf, (size_t)n);
        else
            sha256_update(&sctx, buf, (size_t)n);
    }
    if (fd != STDIN_FILENO)
        close(fd);
    if (a->hmac_key)
        hmac_final(&hctx, md);
    else
        sha256_final(&sctx, md);
    cl_wipe(&hctx, sizeof hctx);
    cl_wipe(&sctx, sizeof sctx);
    if (err)
        return cli_fail(CMD, "Read error in %s: %s", path ? path : "stdin", strerror(err));
    return 0;
}

/* Writes one result in the chosen layout. */
static void dgst_print(FILE *out, const struct dgst_args *a, const char *name, const uint8_t md[32])
{
    if (a->format == FMT_BINARY) {
        fwrite(md, 1, 32, out);
        return;
    }
    if (a->coreutils) {
        for (int j = 0; j < 32; j++)
            fprintf(out, "%02x", md[j]);
        fputs(" *", out);
        for (const char *p = name; *p; p++) {
            if (*p == '\n')
                fputs("\\n", out);
            else
                fputc(*p, out);
        }
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s%s(%s)= ", a->hmac_key ? "HMAC-" : "",
            a->explicit_sha256 ? "SHA2-256" : "SHA256", name);
    for (int j = 0; j < 32; j++)
        fprintf(out, a->colons && j < 31 ? "%02x:" : "%02x", md[j]);
    fputc('\n', out);
}

static int dgst_one_file(FILE *out, const struct dgst_args *a, const char *path)
{
    uint8_t md[32];
    if (dgst_stream(a, path, md) != 0)
        return 1;
    dgst_print(out, a, path ? path : "stdin", md);
    return 0;
}

static int run(int argc, char **argv)
{
    struct dgst_args a;
    memset(&a, 0, sizeof a);
    int first = parse_options(argc, argv, &a);
    if (first < 0)
        return 1;
    if (a.help) {
        fputs(usage_text, stdout);
        return 0;
    }
    struct cli_out out;
    if (cli_out_open(CMD, &out, a.out, 0644) != 0)
        return 1;
    int bad = 0;
    if (first >= argc) {
        bad |= dgst_one_file(out.fp, &a, NULL);
    } else {
        for (int i = first; i < argc; i++)
            bad |= dgst_one_file(out.fp, &a, argv[i]);
    }
    if (bad) {
        if (out.path != NULL)
            cli_out_abort(&out);
        else
            fflush(stdout);
        return 1;
    }
    return cli_out_commit(CMD, &out);
}

const struct cl_command cmd_dgst = {
    "dgst", "SHA-256 / HMAC-SHA256 digests of files (like openssl dgst)", run
};
