/*
 * demo/cmd_kdf.c -- `cryptolab kdf`, the HKDF part of `openssl kdf`
 * (OpenSSL 3.0), with identical output:
 *
 *   cryptolab kdf -keylen N -kdfopt digest:SHA256
 *                 -kdfopt hexkey:HEX | key:TEXT
 *                 [-kdfopt hexsalt:HEX | salt:TEXT] [-kdfopt hexinfo:HEX | info:TEXT]
 *                 [-kdfopt mode:EXTRACT_AND_EXPAND|EXTRACT_ONLY|EXPAND_ONLY]
 *                 [-binary] [-out FILE] HKDF
 *
 * Output: the N bytes of OKM (RFC 5869) as uppercase hex pairs separated by
 * colons, then two newlines (exactly what openssl prints); -binary writes
 * the raw bytes.  EXTRACT_ONLY prints the PRK (-keylen must be 32);
 * EXPAND_ONLY uses the key as PRK, which must be at least 32 bytes (RFC 5869
 * §2.3; openssl accepts shorter ones -- the one known difference).  Errors: one line on stderr, exit 1,
 * no -out file left behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "sha256/hkdf.h"

#define CMD "kdf"
#define MAX_PARAM 4096     /* bytes of key / salt / info accepted on the command line */

static const char usage_text[] =
    "usage: cryptolab kdf -keylen N -kdfopt digest:SHA256 -kdfopt hexkey:HEX\n"
    "                     [-kdfopt hexsalt:HEX] [-kdfopt hexinfo:HEX] [-binary] [-out FILE] HKDF\n"
    "HKDF-SHA256 (RFC 5869), with the output of `openssl kdf`.\n"
    "\n"
    "  -keylen N              bytes of output keying material (1..8160)\n"
    "  -kdfopt digest:SHA256  the hash (SHA256 / SHA2-256; required, as in openssl)\n"
    "  -kdfopt hexkey:HEX     input keying material IKM (or key:TEXT)\n"
    "  -kdfopt hexsalt:HEX    salt (or salt:TEXT); none = 32 zero bytes\n"
    "  -kdfopt hexinfo:HEX    context information (or info:TEXT)\n"
    "  -kdfopt mode:M         EXTRACT_AND_EXPAND (default), EXTRACT_ONLY (-keylen 32),\n"
    "                         EXPAND_ONLY (the key is the PRK: at least 32 bytes, RFC 5869\n"
    "                         §2.3; openssl also accepts shorter ones)\n"
    "  -binary                write raw bytes instead of colon-separated hex\n"
    "  -out FILE              write to FILE instead of standard output\n";

struct param {
    uint8_t buf[MAX_PARAM];
    size_t len;
    int set;
};

enum hkdf_mode { MODE_BOTH, MODE_EXTRACT, MODE_EXPAND };

struct kdf_args {
    struct param key, salt, info;
    int have_digest, binary;
    enum hkdf_mode mode;
    long keylen;
    const char *out;
};

static int set_param(struct param *p, const char *value, int hex, const char *opt)
{
    if (hex) {
        if (cl_hex_decode(value, p->buf, sizeof p->buf, &p->len) != CL_OK)
            return cli_fail(CMD, "Parameter error '%s'", opt);
    } else {
        size_t n = strlen(value);
        if (n > sizeof p->buf)
            return cli_fail(CMD, "Parameter error '%s': too long", opt);
        memcpy(p->buf, value, n);
        p->len = n;
    }
    p->set = 1;
    return 0;
}

/* One "-kdfopt NAME:VALUE". */
static int kdfopt(struct kdf_args *a, const char *opt)
{
    const char *colon = strchr(opt, ':');
    if (colon == NULL)
        return cli_fail(CMD, "Parameter error '%s'", opt);
    size_t n = (size_t)(colon - opt);
    const char *v = colon + 1;
#define IS(s) (n == strlen(s) && strncmp(opt, s, n) == 0)
    if (IS("digest")) {
        if (strcasecmp(v, "SHA256") != 0 && strcasecmp(v, "SHA2-256") != 0 &&
            strcasecmp(v, "SHA-256") != 0)
            return cli_fail(CMD, "Parameter error '%s': only SHA256 is supported", opt);
        a->have_digest = 1;
        return 0;
    }
    if (IS("key"))     return set_param(&a->key, v, 0, opt);
    if (IS("hexkey"))  return set_param(&a->key, v, 1, opt);
    if (IS("salt"))    return set_param(&a->salt, v, 0, opt);
    if (IS("hexsalt")) return set_param(&a->salt, v, 1, opt);
    if (IS("info"))    return set_param(&a->info, v, 0, opt);
    if (IS("hexinfo")) return set_param(&a->info, v, 1, opt);
    if (IS("mode")) {
        if (strcasecmp(v, "EXTRACT_AND_EXPAND") == 0) a->mode = MODE_BOTH;
        else if (strcasecmp(v, "EXTRACT_ONLY") == 0) a->mode = MODE_EXTRACT;
        else if (strcasecmp(v, "EXPAND_ONLY") == 0) a->mode = MODE_EXPAND;
        else return cli_fail(CMD, "Parameter error '%s'", opt);
        return 0;
    }
#undef IS
    return cli_fail(CMD, "Parameter unknown '%s'", opt);
}

static int derive_and_print(struct kdf_args *a)
{
    if (!a->have_digest)
        return cli_fail(CMD, "KDF derive failed: missing message digest (use -kdfopt digest:SHA256)");
    if (!a->key.set)
        return cli_fail(CMD, "KDF derive failed: missing key (use -kdfopt hexkey:HEX)");
    size_t L = (size_t)a->keylen;
    uint8_t *okm = malloc(L);
    if (okm == NULL)
        return cli_fail(CMD, "out of memory");
    cl_status st;
    if (a->mode == MODE_EXTRACT) {
        if (L != 32) {
            free(okm);
            return cli_fail(CMD, "KDF derive failed: EXTRACT_ONLY gives exactly 32 bytes (-keylen 32)");
        }
        st = hkdf_sha256_extract(a->salt.buf, a->salt.len, a->key.buf, a->key.len, okm);
    } else if (a->mode == MODE_EXPAND) {
        st = hkdf_sha256_expand(a->key.buf, a->key.len, a->info.buf, a->info.len, okm, L);
    } else {
        st = hkdf_sha256(a->salt.buf, a->salt.len, a->key.buf, a->key.len,
                         a->info.buf, a->info.len, okm, L);
    }
    if (st != CL_OK) {
        free(okm);
        return cli_fail_status(CMD, st, "KDF derive failed");
    }
    struct cli_out out;
    if (cli_out_open(CMD, &out, a->out, 0600) != 0) {
        cl_wipe(okm, L);
        free(okm);
        return 1;
    }
    if (a->binary) {
        fwrite(okm, 1, L, out.fp);
    } else {
        for (size_t i = 0; i < L; i++)
            fprintf(out.fp, i + 1 < L ? "%02X:" : "%02X", okm[i]);
        fputs("\n\n", out.fp);
    }
    cl_wipe(okm, L);
    free(okm);
    return cli_out_commit(CMD, &out);
}

static int run(int argc, char **argv)
{
    struct kdf_args *a = calloc(1, sizeof *a);
    if (a == NULL)
        return cli_fail(CMD, "out of memory");
    a->keylen = -1;
    int rc = 1, i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0')
            break;
        const char *name = arg + 1 + (arg[1] == '-');
        if (strcmp(name, "help") == 0 || strcmp(name, "h") == 0) {
            fputs(usage_text, stdout);
            rc = 0;
            goto done;
        }
        if (strcmp(name, "binary") == 0) {
            a->binary = 1;
            continue;
        }
        if (strcmp(name, "keylen") != 0 && strcmp(name, "kdfopt") != 0 && strcmp(name, "out") != 0) {
            cli_fail(CMD, "Unknown option: -%s (see -help)", name);
            goto done;
        }
        if (i + 1 >= argc) {
            cli_fail(CMD, "Option -%s needs a value", name);
            goto done;
        }
        const char *v = argv[++i];
        if (strcmp(name, "keylen") == 0) {
            char *end;
            a->keylen = strtol(v, &end, 10);
            if (*v == '\0' || *end != '\0' || a->keylen <= 0) {
                cli_fail(CMD, "Invalid derived key length.");
                goto done;
            }
        } else if (strcmp(name, "out") == 0) {
            a->out = v;
        } else if (kdfopt(a, v) != 0) {
            goto done;
        }
    }
    if (i >= argc) {
        cli_fail(CMD, "no KDF algorithm given (HKDF)");
        goto done;
    }
    if (i + 1 < argc) {
        cli_fail(CMD, "Unknown parameter %s", argv[i + 1]);
        goto done;
    }
    if (strcasecmp(argv[i], "HKDF") != 0) {
        cli_fail(CMD, "unsupported KDF algorithm '%s' (only HKDF)", argv[i]);
        goto done;
    }
    if (a->keylen <= 0) {
        cli_fail(CMD, "Invalid derived key length.");
        goto done;
    }
    rc = derive_and_print(a);
done:
    cl_wipe(a, sizeof *a);
    free(a);
    return rc;
}

const struct cl_command cmd_kdf = { "kdf", "HKDF-SHA256 key derivation (like openssl kdf)", run };
