/*
 * aes/gcm_vectors.c -- runs AES-GCM vectors for `cryptolab vectors`.
 *
 * Two kinds of file:
 *  1. NIST CAVP GCMVS response files (gcmEncryptExtIV*.rsp, gcmDecrypt*.rsp;
 *     "The Galois/Counter Mode (GCM) and GMAC Validation System", 2009):
 *     sections [Keylen] [IVlen] [PTlen] [AADlen] [Taglen], records
 *     Count, Key, IV, PT, AAD, CT, Tag (encrypt) or Count, Key, IV, CT, AAD,
 *     Tag and then PT or the word FAIL (decrypt).  An encrypt record is
 *     checked both ways (C and T from P; P back from C and T).  A decrypt
 *     record must give P, or CL_ERR_AUTH for FAIL.
 *  2. NIST's worked example "AES_GCM_example.txt" (CSRC, "Examples with
 *     intermediate values", GCM): per example K, IV, A, P and the
 *     intermediate values H, J0, S, Cipher(K, J0), then C and Tag; each of
 *     them is compared, then Decrypt-Verify must give P back.
 * The AES implementation is the default one ($CRYPTOLAB_AES_IMPL selects).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "common/vectors.h"
#include "common/rsp.h"
#include "common/hex.h"
#include "aes/gcm.h"

#define MAXV 4096

static void log_hex(FILE *log, const char *what, const uint8_t *exp, const uint8_t *act, size_t n)
{
    char *a = malloc(2 * n + 1), *b = malloc(2 * n + 1);
    if (a != NULL && b != NULL) {
        cl_hex_encode(exp, n, a);
        cl_hex_encode(act, n, b);
        fprintf(log, "    %s expected %s\n    %s actual   %s\n", what, a, what, b);
    }
    free(a);
    free(b);
}

/* ---------------------------------------------------------------- GCMVS */

struct gcm_rec {
    uint8_t key[32], iv[MAXV], pt[MAXV], aad[MAXV], ct[MAXV], tag[16];
    size_t key_len, iv_len, pt_len, aad_len, ct_len, tag_len;
    int has_key, has_pt, has_ct, has_tag, fail;
    char count[32];
};

static int set_hex(const char *v, uint8_t *out, size_t cap, size_t *len)
{
    return cl_hex_decode(v, out, cap, len) == CL_OK;
}

static void run_record(struct gcm_rec *r, int decrypt_file, const char *path,
                       struct vec_result *res, FILE *log)
{
    gcm_ctx ctx;
    uint8_t out[MAXV], tag[16];
    int ok = 1;
    res->cases++;
    if (!r->has_key || !r->has_tag || !r->has_ct || (!r->fail && !r->has_pt) ||
        (!r->fail && r->pt_len != r->ct_len)) {
        res->failed++;
        fprintf(log, "%s: Count = %s: incomplete record\n", path, r->count);
        return;
    }
    if (gcm_init(&ctx, r->key, r->key_len) != CL_OK) {
        res->failed++;
        fprintf(log, "%s: Count = %s: key rejected\n", path, r->count);
        return;
    }
    if (!decrypt_file) {
        cl_status st = gcm_encrypt(&ctx, r->iv, r->iv_len, r->aad, r->aad_len, r->pt, r->pt_len,
                                   out, tag, r->tag_len);
        if (st != CL_OK || memcmp(out, r->ct, r->ct_len) != 0 || memcmp(tag, r->tag, r->tag_len) != 0) {
            ok = 0;
            fprintf(log, "%s: Count = %s (encrypt): FAIL (%s)\n", path, r->count, cl_strerror(st));
            log_hex(log, "CT ", r->ct, out, r->ct_len);
            log_hex(log, "Tag", r->tag, tag, r->tag_len);
        }
    }
    cl_status st = gcm_decrypt(&ctx, r->iv, r->iv_len, r->aad, r->aad_len, r->ct, r->ct_len,
                               r->tag, r->tag_len, out);
    if (r->fail) {
        if (st != CL_ERR_AUTH) {
            ok = 0;
            fprintf(log, "%s: Count = %s (decrypt): expected FAIL (authentication error), got %s\n",
                    path, r->count, cl_strerror(st));
        }
    } else if (st != CL_OK || memcmp(out, r->pt, r->pt_len) != 0) {
        ok = 0;
        fprintf(log, "%s: Count = %s (decrypt): FAIL (%s)\n", path, r->count, cl_strerror(st));
        if (st == CL_OK)
            log_hex(log, "PT ", r->pt, out, r->pt_len);
    }
    gcm_clear(&ctx);
    if (ok)
        res->passed++;
    else
        res->failed++;
}

static cl_status run_gcmvs(const char *path, struct vec_result *res, FILE *log)
{
    struct rsp_reader rd;
    struct gcm_rec *r = calloc(1, sizeof *r);
    int decrypt_file = -1, in_rec = 0;
    cl_status st;
    if (r == NULL)
        return CL_ERR_NOMEM;
    if ((st = cl_rsp_open(&rd, path)) != CL_OK) {
        free(r);
        return st;
    }
    for (;;) {
        st = cl_rsp_next(&rd);
        if (st != CL_OK)
            break;
        if (rd.kind == RSP_COMMENT) {
            if (strstr(rd.value, "GCM Decrypt"))
                decrypt_file = 1;
            else if (strstr(rd.value, "GCM Encrypt"))
                decrypt_file = 0;
            continue;
        }
        if ((rd.kind == RSP_BLANK || rd.kind == RSP_EOF || rd.kind == RSP_SECTION) && in_rec) {
            run_record(r, decrypt_file == 1, path, res, log);
            memset(r, 0, sizeof *r);
            in_rec = 0;
        }
        if (rd.kind == RSP_EOF)
            break;
        if (rd.kind == RSP_SECTION) {
            if (strncmp(rd.name, "Taglen = ", 9) == 0)
                r->tag_len = 0;                 /* each record carries its own Tag */
            continue;
        }
        if (rd.kind == RSP_WORD && strcmp(rd.name, "FAIL") == 0) {
            r->fail = 1;
            continue;
        }
        if (rd.kind != RSP_KEYVAL)
            continue;
        int good = 1;
        if (strcmp(rd.name, "Count") == 0) {
            snprintf(r->count, sizeof r->count, "%s", rd.value);
            in_rec = 1;
        } else if (strcmp(rd.name, "Key") == 0) {
            good = set_hex(rd.value, r->key, sizeof r->key, &r->key_len);
            r->has_key = 1;
        } else if (strcmp(rd.name, "IV") == 0) {
            good = set_hex(rd.value, r->iv, sizeof r->iv, &r->iv_len);
        } else if (strcmp(rd.name, "PT") == 0) {
            good = set_hex(rd.value, r->pt, sizeof r->pt, &r->pt_len);
            r->has_pt = 1;
        } else if (strcmp(rd.name, "AAD") == 0) {
            good = set_hex(rd.value, r->aad, sizeof r->aad, &r->aad_len);
        } else if (strcmp(rd.name, "CT") == 0) {
            good = set_hex(rd.value, r->ct, sizeof r->ct, &r->ct_len);
            r->has_ct = 1;
        } else if (strcmp(rd.name, "Tag") == 0) {
            good = set_hex(rd.value, r->tag, sizeof r->tag, &r->tag_len);
            r->has_tag = 1;
        }
        if (!good) {
            snprintf(res->note, sizeof res->note, "bad hex on line %lu", rd.line_no);
            st = CL_ERR_PARSE;
            break;
        }
    }
    cl_rsp_close(&rd);
    free(r);
    if (st == CL_OK && decrypt_file < 0)
        snprintf(res->note, sizeof res->note, "no 'GCM Encrypt/Decrypt' header: checked both ways");
    return st;
}

/* ---------------------------------------------------------------- worked example */

enum { F_K, F_IV, F_A, F_P, F_H, F_J0, F_S, F_EJ0, F_C, F_TAG, F_COUNT };
static const char *const field_label[F_COUNT] = {
    "K", "IV", "A", "P", "H", "J0", "S", "Cipher(K, J0)", "C", "Tag"
};

struct example {
    uint8_t v[F_COUNT][512];
    size_t len[F_COUNT];
    int seen[F_COUNT];
    int active;          /* inside Encrypt-Generate of an example */
    char name[64];
};

static int is_hex_line(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (isxdigit((unsigned char)*s))
            digits++;
        else if (*s != ' ')
            return 0;
    }
    return digits > 0 && digits % 2 == 0;
}

static void check_example(struct example *ex, const char *path, struct vec_result *res, FILE *log)
{
    gcm_ctx ctx;
    uint8_t J0[16], S[16], E[16], C[512], T[16], P[512];
    int ok = 1;
    res->cases++;
    for (int f = 0; f < F_COUNT; f++) {
        if (!ex->seen[f]) {
            fprintf(log, "%s: %s: no '%s is' value\n", path, ex->name, field_label[f]);
            res->failed++;
            return;
        }
    }
    size_t tlen = ex->len[F_TAG];
    if (gcm_init(&ctx, ex->v[F_K], ex->len[F_K]) != CL_OK ||
        gcm_j0(&ctx, ex->v[F_IV], ex->len[F_IV], J0) != CL_OK ||
        gcm_encrypt(&ctx, ex->v[F_IV], ex->len[F_IV], ex->v[F_A], ex->len[F_A],
                    ex->v[F_P], ex->len[F_P], C, T, tlen) != CL_OK ||
        gcm_s(&ctx, ex->v[F_A], ex->len[F_A], C, ex->len[F_P], S) != CL_OK ||
        aes_encrypt_block(&ctx.aes, J0, E) != CL_OK) {
        fprintf(log, "%s: %s: GCM refused the example\n", path, ex->name);
        res->failed++;
        gcm_clear(&ctx);
        return;
    }
#define CMP(f, act, n) do {                                                        \
        if (ex->len[f] != (n) || memcmp(ex->v[f], (act), (n)) != 0) {              \
            ok = 0;                                                                \
            fprintf(log, "%s: %s: %s differs\n", path, ex->name, field_label[f]);   \
            log_hex(log, field_label[f], ex->v[f], (act), (n));                    \
        }                                                                          \
    } while (0)
    CMP(F_H, ctx.H, 16);
    CMP(F_J0, J0, 16);
    CMP(F_S, S, 16);
    CMP(F_EJ0, E, 16);
    CMP(F_C, C, ex->len[F_P]);
    CMP(F_TAG, T, tlen);
#undef CMP
    /* Decrypt-Verify: P back, and a changed tag refused */
    if (gcm_decrypt(&ctx, ex->v[F_IV], ex->len[F_IV], ex->v[F_A], ex->len[F_A], C, ex->len[F_P],
                    T, tlen, P) != CL_OK || memcmp(P, ex->v[F_P], ex->len[F_P]) != 0) {
        ok = 0;
        fprintf(log, "%s: %s: Decrypt-Verify did not return P\n", path, ex->name);
    }
    T[0] ^= 1;
    if (gcm_decrypt(&ctx, ex->v[F_IV], ex->len[F_IV], ex->v[F_A], ex->len[F_A], C, ex->len[F_P],
                    T, tlen, P) != CL_ERR_AUTH) {
        ok = 0;
        fprintf(log, "%s: %s: a modified tag was accepted\n", path, ex->name);
    }
    gcm_clear(&ctx);
    if (ok)
        res->passed++;
    else
        res->failed++;
}

static cl_status run_example(const char *path, struct vec_result *res, FILE *log)
{
    struct rsp_reader rd;
    struct example *ex = calloc(1, sizeof *ex);
    int field = -1;                   /* where hex lines go; -1: ignored */
    char group[32] = "";
    cl_status st;
    if (ex == NULL)
        return CL_ERR_NOMEM;
    if ((st = cl_rsp_open(&rd, path)) != CL_OK) {
        free(ex);
        return st;
    }
    while ((st = cl_rsp_next(&rd)) == CL_OK && rd.kind != RSP_EOF) {
        if (rd.kind != RSP_WORD)
            continue;                 /* blank, "Taglen = ..." and '#' lines */
        const char *s = rd.name;
        size_t n = strlen(s);
        if (strncmp(s, "GCM-AES", 7) == 0) {
            snprintf(group, sizeof group, "%s", s);
            field = -1;
        } else if (strncmp(s, "Example #", 9) == 0) {
            memset(ex, 0, sizeof *ex);
            snprintf(ex->name, sizeof ex->name, "%s %s", group, s);
            field = -1;
        } else if (strcmp(s, "Encrypt-Generate") == 0) {
            ex->active = 1;
            field = -1;
        } else if (strcmp(s, "Decrypt-Verify") == 0) {
            if (ex->active)
                check_example(ex, path, res, log);
            ex->active = 0;
            field = -1;
        } else if (n > 3 && strcmp(s + n - 3, " is") == 0) {
            field = -1;
            for (int f = 0; f < F_COUNT && ex->active; f++) {
                if (strlen(field_label[f]) == n - 3 && strncmp(s, field_label[f], n - 3) == 0 &&
                    !ex->seen[f]) {
                    field = f;
                    ex->seen[f] = 1;
                }
            }
        } else if (strcmp(s, "<empty>") == 0) {
            field = -1;
        } else if (field >= 0 && is_hex_line(s)) {
            for (const char *p = s; *p; p++) {
                if (*p == ' ')
                    continue;
                if (ex->len[field] >= sizeof ex->v[field] || !isxdigit((unsigned char)p[1])) {
                    st = CL_ERR_PARSE;
                    break;
                }
                char byte[3] = { p[0], p[1], 0 };
                ex->v[field][ex->len[field]++] = (uint8_t)strtoul(byte, NULL, 16);
                p++;
            }
            if (st != CL_OK)
                break;
        } else if (s[0] != '-') {
            field = -1;               /* "GCM_Ctr", "Block #n:" ...; dashed rules are layout */
        }
    }
    if (st == CL_ERR_PARSE)
        snprintf(res->note, sizeof res->note, "unreadable hex near line %lu", rd.line_no);
    cl_rsp_close(&rd);
    free(ex);
    return st;
}

/* ---------------------------------------------------------------- entry */

cl_status gcm_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    char line[256];
    int gcmvs = 0, example = 0;
    if (path == NULL || res == NULL || log == NULL)
        return CL_ERR_NULL_POINTER;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return CL_ERR_UNSUPPORTED;
    /* Recognise by content: GCMVS has [Taglen = ..] / [IVlen = ..] sections,
     * the worked example says "GCM Mode for Authentication". */
    for (int i = 0; i < 40 && fgets(line, sizeof line, fp) != NULL; i++) {
        if (strncmp(line, "[IVlen = ", 9) == 0 || strncmp(line, "[Taglen = ", 10) == 0)
            gcmvs = 1;
        if (strstr(line, "GCM Mode for Authentication") != NULL || strncmp(line, "GCM-AES", 7) == 0)
            example = 1;
    }
    fclose(fp);
    if (gcmvs)
        return run_gcmvs(path, res, log);
    if (example)
        return run_example(path, res, log);
    return CL_ERR_UNSUPPORTED;
}
