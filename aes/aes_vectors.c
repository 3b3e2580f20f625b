/*
 * aes/aes_vectors.c -- the AES vector-file runner behind `cryptolab vectors`.
 *
 * Recognised files (by name; anything else -> CL_ERR_UNSUPPORTED):
 *   NIST CAVP AESAVS response files, e.g. ECBGFSbox128.rsp, CBCMMT256.rsp,
 *     ECBMCT192.rsp: {ECB,CBC}{GFSbox,KeySbox,VarKey,VarTxt,MMT,MCT}{128,192,256}.rsp.
 *     KAT and MMT records are checked directly; MCT files are run with the
 *     Monte Carlo algorithm of AESAVS §6.4 (100 outer x 1000 inner
 *     iterations), checking every record of the chain.
 *     CFB1/CFB8/CFB128/OFB files are recognised and every case is counted
 *     as SKIPPED (this build has no CFB/OFB), never as passed.
 *   CTR*.rsp (e.g. CTR_SP800-38A.rsp): KEY, IV (initial counter block),
 *     PLAINTEXT, CIPHERTEXT records in [ENCRYPT]/[DECRYPT] sections.
 *   The project's own files in vectors/aes/ (formats described in their
 *     headers): fips197-appendix-a*.txt (key expansion, every word),
 *     fips197-appendix-c*.txt (step traces compared line by line with the
 *     Appendix C layout), sp800-38a-*-{ecb,cbc,ctr}.txt (mode examples).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/vectors.h"
#include "common/rsp.h"
#include "common/hex.h"
#include "aes/aes.h"
#include "aes/aes_internal.h"
#include "aes/aes_modes.h"

#define MAX_DATA 4096   /* longest PLAINTEXT/CIPHERTEXT we accept (MMT: 160 bytes) */

enum file_kind {
    FK_NONE, FK_AESAVS, FK_AESAVS_SKIP, FK_CTR_RSP, FK_KEYEXP, FK_TRACE, FK_MODE
};
enum test_type { TT_KAT, TT_MMT, TT_MCT };

struct record {
    int count_seen;
    uint8_t key[32], iv[16], pt[MAX_DATA], ct[MAX_DATA], in[16];
    size_t key_len, iv_len, pt_len, ct_len, in_len;
    int has_key, has_iv, has_pt, has_ct, has_in;
    unsigned long line;
};

struct runner {
    enum file_kind kind;
    enum test_type type;
    aes_mode mode;
    int encrypt;          /* current section: 1 [ENCRYPT], 0 [DECRYPT] */
    int section_seen;
    char section[64];
    const char *path;
    FILE *log;
    struct vec_result *res;
    /* MCT chaining state (per section) */
    int mct_started;
    uint8_t mct_key[32], mct_iv[16], mct_in[16];
    /* trace / key-expansion files */
    char trace_want[8192];
    size_t trace_want_len;
    uint32_t w_want[AES_MAX_WORDS];
    int w_seen[AES_MAX_WORDS];
    cl_status error;
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Classifies a file by its name. */
static enum file_kind classify(const char *path, struct runner *r, char *skip_mode, size_t skip_cap)
{
    const char *b = base_name(path);
    if (ends_with(b, ".rsp")) {
        static const char *const modes[] = { "ECB", "CBC", "CFB128", "CFB8", "CFB1", "OFB" };
        static const char *const tests[] = { "GFSbox", "KeySbox", "VarKey", "VarTxt", "MMT", "MCT" };
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            size_t ml = strlen(modes[m]);
            if (strncmp(b, modes[m], ml) != 0)
                continue;
            for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
                size_t tl = strlen(tests[t]);
                if (strncmp(b + ml, tests[t], tl) != 0)
                    continue;
                const char *bits = b + ml + tl;
                if (strcmp(bits, "128.rsp") && strcmp(bits, "192.rsp") && strcmp(bits, "256.rsp"))
                    return FK_NONE;
                r->type = t < 4 ? TT_KAT : (t == 4 ? TT_MMT : TT_MCT);
                if (m >= 2) {
                    snprintf(skip_mode, skip_cap, "%s", modes[m]);
                    return FK_AESAVS_SKIP;
                }
                r->mode = m == 0 ? AES_MODE_ECB : AES_MODE_CBC;
                return FK_AESAVS;
            }
        }
        if (strncmp(b, "CTR", 3) == 0) {
            r->mode = AES_MODE_CTR;
            r->type = TT_KAT;
            return FK_CTR_RSP;
        }
        return FK_NONE;
    }
    if (strncmp(b, "fips197-appendix-a", 18) == 0 && ends_with(b, ".txt"))
        return FK_KEYEXP;
    if (strncmp(b, "fips197-appendix-c", 18) == 0 && ends_with(b, ".txt"))
        return FK_TRACE;
    if (strncmp(b, "sp800-38a-", 10) == 0) {
        r->type = TT_KAT;
        if (ends_with(b, "-ecb.txt")) { r->mode = AES_MODE_ECB; return FK_MODE; }
        if (ends_with(b, "-cbc.txt")) { r->mode = AES_MODE_CBC; return FK_MODE; }
        if (ends_with(b, "-ctr.txt")) { r->mode = AES_MODE_CTR; return FK_MODE; }
    }
    return FK_NONE;
}

static void log_hex(FILE *log, const char *what, const uint8_t *p, size_t n)
{
    fprintf(log, "  %s ", what);
    for (size_t i = 0; i < n; i++)
        fprintf(log, "%02x", p[i]);
    fprintf(log, "\n");
}

static void report_fail(struct runner *r, const struct record *rec, const char *what,
                        const uint8_t *want, const uint8_t *got, size_t n)
{
    r->res->failed++;
    fprintf(r->log, "%s:%lu: [%s] %s mismatch\n", r->path, rec->line, r->section, what);
    log_hex(r->log, "expected:", want, n);
    log_hex(r->log, "actual:  ", got, n);
}

static void report_bad(struct runner *r, const struct record *rec, const char *msg)
{
    r->res->failed++;
    fprintf(r->log, "%s:%lu: [%s] %s\n", r->path, rec->line, r->section, msg);
}

/* Runs one message through the mode API (no padding). */
static cl_status run_mode(aes_mode mode, int encrypt, const uint8_t *key, size_t key_len,
                          const uint8_t *iv, const uint8_t *in, size_t n, uint8_t *out)
{
    aes_mode_ctx m;
    size_t a = 0, b = 0;
    cl_status st = aes_mode_init(&m, mode, encrypt, key, key_len,
                                 mode == AES_MODE_ECB ? NULL : iv, mode == AES_MODE_ECB ? 0 : 16, 0);
    if (st == CL_OK)
        st = aes_mode_update(&m, in, n, out, n + 16, &a);
    if (st == CL_OK)
        st = aes_mode_final(&m, out + a, 16, &b);
    aes_mode_clear(&m);
    return st;
}

/* KAT, MMT, CTR and SP 800-38A records: one message each. */
static void run_direct(struct runner *r, struct record *rec)
{
    uint8_t out[MAX_DATA + 32];          /* on the stack: runners may run in threads */
    r->res->cases++;
    if (!rec->has_key || !rec->has_pt || !rec->has_ct || rec->pt_len != rec->ct_len ||
        (r->mode != AES_MODE_ECB && (!rec->has_iv || rec->iv_len != 16))) {
        report_bad(r, rec, "incomplete record (need KEY, IV for CBC/CTR, PLAINTEXT, CIPHERTEXT)");
        return;
    }
    const uint8_t *in = r->encrypt ? rec->pt : rec->ct;
    const uint8_t *want = r->encrypt ? rec->ct : rec->pt;
    cl_status st = run_mode(r->mode, r->encrypt, rec->key, rec->key_len, rec->iv, in, rec->pt_len, out);
    if (st != CL_OK) {
        r->res->failed++;
        fprintf(r->log, "%s:%lu: [%s] error: %s\n", r->path, rec->line, r->section, cl_strerror(st));
        return;
    }
    if (memcmp(out, want, rec->pt_len) != 0) {
        report_fail(r, rec, r->encrypt ? "CIPHERTEXT" : "PLAINTEXT", want, out, rec->pt_len);
        return;
    }
    r->res->passed++;
}

/* AESAVS §6.4 Monte Carlo Test for ECB (6.4.1) and CBC (6.4.2).  One record
 * is one outer iteration i: its KEY (and IV) and input must equal the values
 * the chain produced, and its output must equal the 1000th inner result. */
static void run_mct(struct runner *r, struct record *rec)
{
    r->res->cases++;
    const int cbc = r->mode == AES_MODE_CBC;
    const uint8_t *rec_in = r->encrypt ? rec->pt : rec->ct;
    const uint8_t *rec_out = r->encrypt ? rec->ct : rec->pt;
    if (!rec->has_key || !rec->has_pt || !rec->has_ct || rec->pt_len != 16 || rec->ct_len != 16 ||
        (cbc && (!rec->has_iv || rec->iv_len != 16))) {
        report_bad(r, rec, "incomplete MCT record");
        return;
    }
    const size_t kl = rec->key_len;
    if (!r->mct_started) {              /* first record of a section: take its inputs */
        memcpy(r->mct_key, rec->key, kl);
        if (cbc)
            memcpy(r->mct_iv, rec->iv, 16);
        memcpy(r->mct_in, rec_in, 16);
        r->mct_started = 1;
    }
    if (memcmp(r->mct_key, rec->key, kl) != 0) {
        report_fail(r, rec, "chained KEY", rec->key, r->mct_key, kl);
        r->mct_started = 0;
        return;
    }
    if (cbc && memcmp(r->mct_iv, rec->iv, 16) != 0) {
        report_fail(r, rec, "chained IV", rec->iv, r->mct_iv, 16);
        r->mct_started = 0;
        return;
    }
    if (memcmp(r->mct_in, rec_in, 16) != 0) {
        report_fail(r, rec, r->encrypt ? "chained PLAINTEXT" : "chained CIPHERTEXT", rec_in, r->mct_in, 16);
        r->mct_started = 0;
        return;
    }
    aes_ctx ctx;
    cl_status st = aes_init(&ctx, r->mct_key, kl);
    if (st != CL_OK) {
        report_bad(r, rec, cl_strerror(st));
        return;
    }
    uint8_t in[16], out[16], prev[16], cv[16], x[16];
    memcpy(in, r->mct_in, 16);
    memcpy(cv, r->mct_iv, 16);
    memset(prev, 0, 16);
    memset(out, 0, 16);
    for (int j = 0; j < 1000; j++) {
        memcpy(prev, out, 16);          /* out[j-1] (zeros at j == 0, unused then) */
        if (!cbc) {
            /* ECB: out[j] = AES(Key, in[j]); in[j+1] = out[j] */
            st = r->encrypt ? aes_encrypt_block(&ctx, in, out) : aes_decrypt_block(&ctx, in, out);
            memcpy(in, out, 16);
        } else if (r->encrypt) {
            /* CBC encrypt: CT[j] = AES(Key, PT[j] ^ CV); CV = CT[j];
             * PT[j+1] = IV[i] for j == 0, else CT[j-1] */
            for (int k = 0; k < 16; k++)
                x[k] = in[k] ^ cv[k];
            st = aes_encrypt_block(&ctx, x, out);
            if (j == 0)
                memcpy(in, r->mct_iv, 16);
            else
                memcpy(in, prev, 16);
            memcpy(cv, out, 16);
        } else {
            /* CBC decrypt: PT[j] = AES^-1(Key, CT[j]) ^ CV; CV = CT[j];
             * CT[j+1] = IV[i] for j == 0, else PT[j-1] */
            st = aes_decrypt_block(&ctx, in, x);
            for (int k = 0; k < 16; k++)
                out[k] = x[k] ^ cv[k];
            memcpy(cv, in, 16);
            if (j == 0)
                memcpy(in, r->mct_iv, 16);
            else
                memcpy(in, prev, 16);
        }
        if (st != CL_OK)
            break;
    }
    aes_clear(&ctx);
    if (st != CL_OK) {
        report_bad(r, rec, cl_strerror(st));
        return;
    }
    /* prev = out[998], out = out[999] */
    if (memcmp(out, rec_out, 16) != 0) {
        report_fail(r, rec, r->encrypt ? "CIPHERTEXT" : "PLAINTEXT", rec_out, out, 16);
        r->mct_started = 0;
        return;
    }
    r->res->passed++;
    /* Next outer iteration: Key[i+1] = Key[i] XOR the last kl bytes of out[998] || out[999]. */
    uint8_t tail[32];
    memcpy(tail, prev, 16);
    memcpy(tail + 16, out, 16);
    for (size_t k = 0; k < kl; k++)
        r->mct_key[k] ^= tail[32 - kl + k];
    if (!cbc) {
        memcpy(r->mct_in, out, 16);                 /* PT[0] = CT[999] */
    } else {
        memcpy(r->mct_iv, out, 16);                 /* IV[i+1] = out[999] */
        memcpy(r->mct_in, prev, 16);                /* in[0]  = out[998] */
    }
}

/* FIPS-197 Appendix A: KeyExpansion() against every listed word. */
static void run_keyexp(struct runner *r, struct record *rec)
{
    r->res->cases++;
    int Nk = (int)rec->key_len / 4;
    int total = 4 * (Nk + 7);
    if (!rec->has_key || (Nk != 4 && Nk != 6 && Nk != 8)) {
        report_bad(r, rec, "bad or missing KEY");
        return;
    }
    for (int i = 0; i < total; i++) {
        if (!r->w_seen[i]) {
            fprintf(r->log, "%s: [%s] word w[%d] missing from the file\n", r->path, r->section, i);
            r->res->failed++;
            return;
        }
    }
    uint32_t w[AES_MAX_WORDS];
    KeyExpansion(rec->key, w, Nk);
    for (int i = 0; i < total; i++) {
        if (w[i] != r->w_want[i]) {
            r->res->failed++;
            fprintf(r->log, "%s: [%s] w[%d] mismatch\n  expected: %08lx\n  actual:   %08lx\n", r->path,
                    r->section, i, (unsigned long)r->w_want[i], (unsigned long)w[i]);
            return;
        }
    }
    r->res->passed++;
}

struct trace_out {
    char text[8192];
    size_t len;
};

static void trace_collect(void *arg, int round, const char *label, const uint8_t st[AES_BLOCK_SIZE])
{
    struct trace_out *t = arg;
    char hex[33];
    cl_hex_encode(st, 16, hex);
    int n = snprintf(t->text + t->len, sizeof t->text - t->len, "round[%2d].%-9s%s\n", round, label, hex);
    if (n > 0 && (size_t)n < sizeof t->text - t->len)
        t->len += (size_t)n;
}

/* FIPS-197 Appendix C: the whole trace of one section, line by line. */
static void run_trace(struct runner *r, struct record *rec)
{
    r->res->cases++;
    int inverse = strcmp(r->section, "INVERSE CIPHER") == 0;
    if (!inverse && strcmp(r->section, "CIPHER") != 0) {
        report_bad(r, rec, "section must be [CIPHER] or [INVERSE CIPHER]");
        return;
    }
    if (!rec->has_key || !rec->has_in || rec->in_len != 16 || r->trace_want_len == 0) {
        report_bad(r, rec, "incomplete trace (need KEY, INPUT and round[...] lines)");
        return;
    }
    aes_ctx ctx;
    struct trace_out got;
    uint8_t out[16];
    got.len = 0;
    cl_status st = aes_init_impl(&ctx, rec->key, rec->key_len, AES_IMPL_SPEC);
    if (st == CL_OK)
        st = aes_set_trace(&ctx, trace_collect, &got);
    if (st == CL_OK)
        st = inverse ? aes_decrypt_block(&ctx, rec->in, out) : aes_encrypt_block(&ctx, rec->in, out);
    aes_clear(&ctx);
    if (st != CL_OK) {
        report_bad(r, rec, cl_strerror(st));
        return;
    }
    if (got.len == r->trace_want_len && memcmp(got.text, r->trace_want, got.len) == 0) {
        r->res->passed++;
        return;
    }
    /* the first differing line */
    size_t i = 0;
    while (i < got.len && i < r->trace_want_len && got.text[i] == r->trace_want[i])
        i++;
    size_t a = i, b = i;
    while (a > 0 && r->trace_want[a - 1] != '\n')
        a--;
    while (b > 0 && got.text[b - 1] != '\n')
        b--;
    r->res->failed++;
    fprintf(r->log, "%s: [%s] trace differs\n  expected: %.*s\n  actual:   %.*s\n", r->path, r->section,
            (int)strcspn(r->trace_want + a, "\n"), r->trace_want + a,
            (int)strcspn(got.text + b, "\n"), got.text + b);
}

static void finish_record(struct runner *r, struct record *rec)
{
    if (!rec->count_seen && !rec->has_key)
        return;
    switch (r->kind) {
    case FK_AESAVS:
        if (r->type == TT_MCT)
            run_mct(r, rec);
        else
            run_direct(r, rec);
        break;
    case FK_CTR_RSP:
    case FK_MODE:
        run_direct(r, rec);
        break;
    case FK_AESAVS_SKIP:
        r->res->cases++;
        r->res->skipped++;
        break;
    case FK_KEYEXP:
        run_keyexp(r, rec);
        break;
    case FK_TRACE:
        run_trace(r, rec);
        break;
    case FK_NONE:
        break;
    }
    memset(rec, 0, sizeof *rec);
    r->trace_want_len = 0;
    memset(r->w_seen, 0, sizeof r->w_seen);
}

static int decode(struct runner *r, struct rsp_reader *rd, uint8_t *out, size_t cap, size_t *len)
{
    if (cl_hex_decode(rd->value, out, cap, len) != CL_OK) {
        fprintf(r->log, "%s:%lu: bad hex value for %s\n", r->path, rd->line_no, rd->name);
        r->error = CL_ERR_PARSE;
        return 0;
    }
    return 1;
}

cl_status aes_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    if (path == NULL || res == NULL)
        return CL_ERR_NULL_POINTER;
    if (log == NULL)
        log = stdout;
    struct runner *r = calloc(1, sizeof *r);
    struct record *rec = calloc(1, sizeof *rec);
    if (r == NULL || rec == NULL) {
        free(r);
        free(rec);
        return CL_ERR_NOMEM;
    }
    char skip_mode[16] = "";
    r->kind = classify(path, r, skip_mode, sizeof skip_mode);
    if (r->kind == FK_NONE) {
        free(r);
        free(rec);
        return CL_ERR_UNSUPPORTED;
    }
    r->path = path;
    r->log = log;
    r->res = res;
    r->encrypt = 1;
    struct rsp_reader rd;
    cl_status st = cl_rsp_open(&rd, path);
    if (st != CL_OK) {
        free(r);
        free(rec);
        return st;
    }
    for (;;) {
        st = cl_rsp_next(&rd);
        if (st != CL_OK)
            break;
        if (rd.kind == RSP_EOF) {
            finish_record(r, rec);
            break;
        }
        switch (rd.kind) {
        case RSP_BLANK:
            if (r->kind != FK_TRACE && r->kind != FK_KEYEXP)
                finish_record(r, rec);
            break;
        case RSP_SECTION:
            finish_record(r, rec);
            snprintf(r->section, sizeof r->section, "%s", rd.name);
            r->section_seen = 1;
            r->mct_started = 0;
            if (strcmp(rd.name, "ENCRYPT") == 0)
                r->encrypt = 1;
            else if (strcmp(rd.name, "DECRYPT") == 0)
                r->encrypt = 0;
            break;
        case RSP_KEYVAL:
            if (rec->line == 0)
                rec->line = rd.line_no;
            if (strcmp(rd.name, "COUNT") == 0) {
                rec->count_seen = 1;
            } else if (strcmp(rd.name, "KEY") == 0) {
                rec->has_key = decode(r, &rd, rec->key, sizeof rec->key, &rec->key_len);
            } else if (strcmp(rd.name, "IV") == 0) {
                rec->has_iv = decode(r, &rd, rec->iv, sizeof rec->iv, &rec->iv_len);
            } else if (strcmp(rd.name, "PLAINTEXT") == 0) {
                rec->has_pt = decode(r, &rd, rec->pt, sizeof rec->pt, &rec->pt_len);
            } else if (strcmp(rd.name, "CIPHERTEXT") == 0) {
                rec->has_ct = decode(r, &rd, rec->ct, sizeof rec->ct, &rec->ct_len);
            } else if (strcmp(rd.name, "INPUT") == 0) {
                rec->has_in = decode(r, &rd, rec->in, sizeof rec->in, &rec->in_len);
            } else if (r->kind == FK_KEYEXP && strncmp(rd.name, "w[", 2) == 0) {
                char *end;
                long i = strtol(rd.name + 2, &end, 10);
                uint8_t wb[4];
                size_t wl = 0;
                if (i < 0 || i >= AES_MAX_WORDS || strcmp(end, "]") != 0 ||
                    cl_hex_decode(rd.value, wb, sizeof wb, &wl) != CL_OK || wl != 4) {
                    fprintf(log, "%s:%lu: bad key-schedule line\n", path, rd.line_no);
                    r->error = CL_ERR_PARSE;
                } else {
                    r->w_want[i] = ((uint32_t)wb[0] << 24) | ((uint32_t)wb[1] << 16) |
                                   ((uint32_t)wb[2] << 8) | wb[3];
                    r->w_seen[i] = 1;
                }
            }
            break;
        case RSP_WORD:
            if (r->kind == FK_TRACE && strncmp(rd.name, "round[", 6) == 0) {
                int n = snprintf(r->trace_want + r->trace_want_len,
                                 sizeof r->trace_want - r->trace_want_len, "%s\n", rd.name);
                if (n > 0 && (size_t)n < sizeof r->trace_want - r->trace_want_len)
                    r->trace_want_len += (size_t)n;
            }
            break;
        default:
            break;
        }
        if (r->error != CL_OK)
            break;
    }
    cl_rsp_close(&rd);
    if (st == CL_OK && r->error != CL_OK)
        st = r->error;
    if (r->kind == FK_AESAVS_SKIP)
        snprintf(res->note, sizeof res->note, "%s mode is not implemented: cases skipped, not run", skip_mode);
    else if (r->kind == FK_AESAVS && r->type == TT_MCT)
        snprintf(res->note, sizeof res->note, "Monte Carlo, AESAVS 6.4");
    free(r);
    free(rec);
    return st;
}
