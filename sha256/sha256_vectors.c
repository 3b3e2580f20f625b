/*
 * sha256/sha256_vectors.c -- the SHA-256 / HMAC / HKDF runner behind
 * `cryptolab vectors` (common/vectors.h).
 *
 * Recognised files (by their keys, not their names):
 *   SHAVS (NIST "The Secure Hash Algorithm Validation System", byte-oriented
 *   files SHA256ShortMsg.rsp / SHA256LongMsg.rsp)
 *       [L = 32]  Len (bits), Msg, MD.  Len = 0 is the empty message even
 *       though the file says Msg = 00: only the first Len/8 bytes are hashed.
 *   SHAVS SHA256Monte.rsp (SHAVS §6.4 pseudo-random messages)
 *       Seed, then COUNT/MD checkpoints; each checkpoint j:
 *         MD0 = MD1 = MD2 = Seed;
 *         MDi = SHA-256(MD(i-3) || MD(i-2) || MD(i-1)), i = 3..1002;
 *         MD_j = MD1002; Seed = MD_j.
 *   HMACVS HMAC.rsp ([L=32] is HMAC-SHA-256; Klen, Tlen in bytes; Mac is
 *       the first Tlen bytes).  Other [L=..] sections are counted as skipped.
 *   RFC 5869 HKDF vectors in the pyca/cryptography layout (COUNT, Hash,
 *       IKM, salt, info, L, PRK, OKM; a blank line may fall inside a record,
 *       so records are split on COUNT), also used by vectors/sha256/.
 *   cryptolab trace files (vectors/sha256/sha256-trace-*.txt): the values of
 *       NIST's worked examples (H(0), W[0..15], rows t = 0..63, H(i), the
 *       digest), checked against the trace hook of sha256.h.
 * Anything else: CL_ERR_UNSUPPORTED, nothing counted.
 */
#include <stdlib.h>
#include <string.h>
#include "common/hex.h"
#include "common/rsp.h"
#include "common/vectors.h"
#include "sha256/hkdf.h"
#include "sha256/hmac.h"
#include "sha256/sha256.h"
#include "sha256/sha256_internal.h"

enum file_kind { K_NONE, K_SHAVS_MSG, K_SHAVS_MONTE, K_HMACVS, K_HKDF, K_TRACE };

/* ---------------------------------------------------------------- helpers */

/* Decodes hex into a fresh malloc'ed buffer (at least 1 byte allocated). */
static cl_status hex_alloc(const char *hex, uint8_t **out, size_t *len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *buf = malloc(cap);
    if (buf == NULL)
        return CL_ERR_NOMEM;
    cl_status st = cl_hex_decode(hex, buf, cap, len);
    if (st != CL_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    return CL_OK;
}

static void log_hex(FILE *log, const char *label, const uint8_t *p, size_t n)
{
    fprintf(log, "    %-8s ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(log, "%02x", p[i]);
    fputc('\n', log);
}

static void report_fail(FILE *log, const char *path, unsigned long line, const char *what,
                        const uint8_t *want, const uint8_t *got, size_t n)
{
    if (log == NULL)
        return;
    fprintf(log, "%s:%lu: FAIL %s\n", path, line, what);
    log_hex(log, "expected", want, n);
    log_hex(log, "actual", got, n);
}

static void note_add(struct vec_result *res, const char *text)
{
    if (strstr(res->note, text) != NULL)
        return;
    size_t used = strlen(res->note);
    snprintf(res->note + used, sizeof res->note - used, "%s%s", used ? " " : "", text);
}

static int parse_ulong(const char *s, unsigned long *v)
{
    char *end;
    if (*s == '\0')
        return 0;
    *v = strtoul(s, &end, 10);
    return *end == '\0';
}

/* Looks at the keys of the first lines to decide what kind of file this is. */
static enum file_kind detect(const char *path)
{
    struct rsp_reader r;
    if (cl_rsp_open(&r, path) != CL_OK)
        return K_NONE;
    enum file_kind k = K_NONE;
    for (int n = 0; n < 400 && k == K_NONE; n++) {
        if (cl_rsp_next(&r) != CL_OK || r.kind == RSP_EOF)
            break;
        if (r.kind != RSP_KEYVAL)
            continue;
        if (strcmp(r.name, "Len") == 0)
            k = K_SHAVS_MSG;
        else if (strcmp(r.name, "Seed") == 0)
            k = K_SHAVS_MONTE;
        else if (strcmp(r.name, "Klen") == 0)
            k = K_HMACVS;
        else if (strcmp(r.name, "IKM") == 0)
            k = K_HKDF;
        else if (strcmp(r.name, "Message (hex)") == 0)
            k = K_TRACE;
    }
    cl_rsp_close(&r);
    return k;
}

/* A section "[L = 32]" / "[L=32]": returns the number after '=' (0 if none). */
static unsigned long section_L(const char *name)
{
    const char *eq = strchr(name, '=');
    unsigned long v = 0;
    if (name[0] != 'L' || eq == NULL)
        return 0;
    eq++;
    while (*eq == ' ')
        eq++;
    return parse_ulong(eq, &v) ? v : 0;
}

/* ---------------------------------------------------------------- SHAVS Len/Msg/MD */

static cl_status run_shavs_msg(struct rsp_reader *r, const char *path,
                               struct vec_result *res, FILE *log)
{
    unsigned long L = 32, len_bits = 0, line = 0;
    int have_len = 0;
    uint8_t *msg = NULL;
    size_t msg_len = 0;
    cl_status st;
    while ((st = cl_rsp_next(r)) == CL_OK && r->kind != RSP_EOF) {
        if (r->kind == RSP_SECTION) {
            L = section_L(r->name);
            continue;
        }
        if (r->kind != RSP_KEYVAL)
            continue;
        if (strcmp(r->name, "Len") == 0) {
            if (!parse_ulong(r->value, &len_bits))
                goto parse_error;
            have_len = 1;
            line = r->line_no;
        } else if (strcmp(r->name, "Msg") == 0) {
            free(msg);
            msg = NULL;
            if (hex_alloc(r->value, &msg, &msg_len) != CL_OK)
                goto parse_error;
        } else if (strcmp(r->name, "MD") == 0) {
            if (!have_len || msg == NULL)
                goto parse_error;
            res->cases++;
            uint8_t want[64], got[32];
            size_t want_len;
            if (L != 32 || len_bits % 8 != 0) {
                res->skipped++;
                note_add(res, L != 32 ? "sections other than [L = 32] skipped: not SHA-256"
                                      : "bit-oriented messages skipped");
            } else if (len_bits / 8 > msg_len ||
                       cl_hex_decode(r->value, want, sizeof want, &want_len) != CL_OK ||
                       want_len != 32) {
                goto parse_error;
            } else {
                /* Len = 0: the empty message, whatever Msg says (SHAVS §5) */
                st = sha256_digest(msg, len_bits / 8, got);
                if (st != CL_OK)
                    break;
                if (memcmp(want, got, 32) == 0) {
                    res->passed++;
                } else {
                    res->failed++;
                    char what[64];
                    snprintf(what, sizeof what, "Len = %lu", len_bits);
                    report_fail(log, path, line, what, want, got, 32);
                }
            }
            have_len = 0;
            free(msg);
            msg = NULL;
        }
    }
    free(msg);
    return st;
parse_error:
    free(msg);
    snprintf(res->note, sizeof res->note, "line %lu: malformed record", r->line_no);
    return CL_ERR_PARSE;
}

/* ---------------------------------------------------------------- SHAVS Monte Carlo */

static cl_status run_shavs_monte(struct rsp_reader *r, const char *path,
                                 struct vec_result *res, FILE *log)
{
    uint8_t seed[32], MD[3][32], want[32];
    size_t n;
    int have_seed = 0;
    unsigned long L = 32, count = 0;
    cl_status st;
    while ((st = cl_rsp_next(r)) == CL_OK && r->kind != RSP_EOF) {
        if (r->kind == RSP_SECTION) {
            L = section_L(r->name);
            continue;
        }
        if (r->kind != RSP_KEYVAL)
            continue;
        if (strcmp(r->name, "Seed") == 0) {
            if (cl_hex_decode(r->value, seed, sizeof seed, &n) != CL_OK || n != sizeof seed) {
                if (L == 32)
                    goto parse_error;
                have_seed = 0;
                continue;
            }
            have_seed = 1;
        } else if (strcmp(r->name, "COUNT") == 0) {
            if (!parse_ulong(r->value, &count))
                goto parse_error;
        } else if (strcmp(r->name, "MD") == 0) {
            res->cases++;
            if (L != 32 || !have_seed) {
                res->skipped++;
                note_add(res, "sections other than [L = 32] skipped: not SHA-256");
                continue;
            }
            if (cl_hex_decode(r->value, want, sizeof want, &n) != CL_OK || n != 32)
                goto parse_error;
            /* SHAVS §6.4: MD0 = MD1 = MD2 = Seed, then 1000 chained hashes */
            memcpy(MD[0], seed, 32);
            memcpy(MD[1], seed, 32);
            memcpy(MD[2], seed, 32);
            for (int i = 3; i < 1003; i++) {
                sha256_ctx ctx;
                uint8_t next[32];
                /* M_i = MD(i-3) || MD(i-2) || MD(i-1);  MD_i = SHA-256(M_i) */
                if ((st = sha256_init(&ctx)) != CL_OK ||
                    (st = sha256_update(&ctx, MD[0], 32)) != CL_OK ||
                    (st = sha256_update(&ctx, MD[1], 32)) != CL_OK ||
                    (st = sha256_update(&ctx, MD[2], 32)) != CL_OK ||
                    (st = sha256_final(&ctx, next)) != CL_OK)
                    return st;
                memcpy(MD[0], MD[1], 32);
                memcpy(MD[1], MD[2], 32);
                memcpy(MD[2], next, 32);
            }
            /* MD_j = MD_1002; Seed = MD_j for the next checkpoint */
            memcpy(seed, MD[2], 32);
            if (memcmp(want, MD[2], 32) == 0) {
                res->passed++;
            } else {
                res->failed++;
                char what[64];
                snprintf(what, sizeof what, "Monte COUNT = %lu", count);
                report_fail(log, path, r->line_no, what, want, MD[2], 32);
            }
        }
    }
    return st;
parse_error:
    snprintf(res->note, sizeof res->note, "line %lu: malformed record", r->line_no);
    return CL_ERR_PARSE;
}

/* ---------------------------------------------------------------- HMACVS */

struct hmac_rec {
    unsigned long count, klen, tlen, line;
    uint8_t *key, *msg;
    size_t key_len, msg_len;
    int have_count, have_klen, have_tlen;
};

static void hmac_rec_clear(struct hmac_rec *h)
{
    free(h->key);
    free(h->msg);
    memset(h, 0, sizeof *h);
}

static cl_status run_hmacvs(struct rsp_reader *r, const char *path,
                            struct vec_result *res, FILE *log)
{
    unsigned long L = 0, other = 0;
    char others[80] = "";
    struct hmac_rec h;
    memset(&h, 0, sizeof h);
    cl_status st;
    while ((st = cl_rsp_next(r)) == CL_OK && r->kind != RSP_EOF) {
        if (r->kind == RSP_SECTION) {
            L = section_L(r->name);
            if (L != 32 && strlen(others) + strlen(r->name) + 4 < sizeof others) {
                size_t u = strlen(others);
                snprintf(others + u, sizeof others - u, "%s[%s]", u ? " " : "", r->name);
            }
            hmac_rec_clear(&h);
            continue;
        }
        if (r->kind != RSP_KEYVAL)
            continue;
        const char *k = r->name, *v = r->value;
        if (strcmp(k, "Count") == 0) {
            hmac_rec_clear(&h);
            h.have_count = parse_ulong(v, &h.count);
            h.line = r->line_no;
            if (!h.have_count)
                goto parse_error;
        } else if (strcmp(k, "Klen") == 0) {
            if (!(h.have_klen = parse_ulong(v, &h.klen)))
                goto parse_error;
        } else if (strcmp(k, "Tlen") == 0) {
            if (!(h.have_tlen = parse_ulong(v, &h.tlen)))
                goto parse_error;
        } else if (strcmp(k, "Key") == 0) {
            free(h.key);
            h.key = NULL;
            if (hex_alloc(v, &h.key, &h.key_len) != CL_OK)
                goto parse_error;
        } else if (strcmp(k, "Msg") == 0) {
            free(h.msg);
            h.msg = NULL;
            if (hex_alloc(v, &h.msg, &h.msg_len) != CL_OK)
                goto parse_error;
        } else if (strcmp(k, "Mac") == 0) {
            res->cases++;
            if (L != 32) {
                res->skipped++;
                other++;
                hmac_rec_clear(&h);
                continue;
            }
            uint8_t want[32], got[32];
            size_t want_len;
            if (!h.have_klen || !h.have_tlen || h.key == NULL || h.msg == NULL ||
                h.klen != h.key_len || h.tlen < 1 || h.tlen > 32 ||
                cl_hex_decode(v, want, sizeof want, &want_len) != CL_OK || want_len != h.tlen)
                goto parse_error;
            st = hmac_sha256(h.key, h.key_len, h.msg, h.msg_len, got);
            if (st != CL_OK)
                break;
            /* the MAC is truncated to its Tlen leftmost bytes */
            if (memcmp(want, got, h.tlen) == 0 &&
                hmac_sha256_verify(h.key, h.key_len, h.msg, h.msg_len, want, h.tlen) == CL_OK) {
                res->passed++;
            } else {
                res->failed++;
                char what[64];
                snprintf(what, sizeof what, "[L=32] Count = %lu (Tlen %lu)", h.count, h.tlen);
                report_fail(log, path, h.line, what, want, got, h.tlen);
            }
            hmac_rec_clear(&h);
        }
    }
    hmac_rec_clear(&h);
    if (other) {
        char text[160];
        snprintf(text, sizeof text, "%lu cases in %s skipped: not SHA-256", other, others);
        note_add(res, text);
    }
    return st;
parse_error:
    hmac_rec_clear(&h);
    snprintf(res->note, sizeof res->note, "line %lu: malformed record", r->line_no);
    return CL_ERR_PARSE;
}

/* ---------------------------------------------------------------- RFC 5869 */

struct hkdf_rec {
    int active, sha256, have_L;
    unsigned long count, L, line;
    uint8_t *ikm, *salt, *info, *prk, *okm;
    size_t ikm_len, salt_len, info_len, prk_len, okm_len;
};

static void hkdf_rec_clear(struct hkdf_rec *h)
{
    free(h->ikm);
    free(h->salt);
    free(h->info);
    free(h->prk);
    free(h->okm);
    memset(h, 0, sizeof *h);
}

/* Runs a complete record; returns CL_ERR_PARSE if it is incomplete. */
static cl_status hkdf_rec_run(struct hkdf_rec *h, const char *path,
                              struct vec_result *res, FILE *log)
{
    if (!h->active)
        return CL_OK;
    res->cases++;
    if (!h->sha256) {
        res->skipped++;
        note_add(res, "records for hashes other than SHA-256 skipped");
        return CL_OK;
    }
    if (h->ikm == NULL || h->okm == NULL || !h->have_L || h->okm_len != h->L)
        return CL_ERR_PARSE;
    uint8_t prk[32];
    uint8_t *okm = malloc(h->L + 1);
    if (okm == NULL)
        return CL_ERR_NOMEM;
    cl_status st = hkdf_sha256_extract(h->salt, h->salt_len, h->ikm, h->ikm_len, prk);
    if (st == CL_OK)
        st = hkdf_sha256_expand(prk, sizeof prk, h->info, h->info_len, okm, h->L);
    if (st == CL_OK) {
        char what[64];
        int ok = 1;
        if (h->prk != NULL && (h->prk_len != 32 || memcmp(h->prk, prk, 32) != 0)) {
            ok = 0;
            snprintf(what, sizeof what, "COUNT = %lu PRK", h->count);
            report_fail(log, path, h->line, what, h->prk, prk, h->prk_len < 32 ? h->prk_len : 32);
        }
        if (memcmp(h->okm, okm, h->L) != 0) {
            ok = 0;
            snprintf(what, sizeof what, "COUNT = %lu OKM", h->count);
            report_fail(log, path, h->line, what, h->okm, okm, h->L);
        }
        /* the one-call form must agree */
        if (ok && (hkdf_sha256(h->salt, h->salt_len, h->ikm, h->ikm_len, h->info, h->info_len,
                               okm, h->L) != CL_OK || memcmp(h->okm, okm, h->L) != 0)) {
            ok = 0;
            snprintf(what, sizeof what, "COUNT = %lu OKM (hkdf_sha256)", h->count);
            report_fail(log, path, h->line, what, h->okm, okm, h->L);
        }
        if (ok)
            res->passed++;
        else
            res->failed++;
    }
    free(okm);
    return st;
}

static cl_status run_hkdf(struct rsp_reader *r, const char *path,
                          struct vec_result *res, FILE *log)
{
    struct hkdf_rec h;
    memset(&h, 0, sizeof h);
    cl_status st;
    while ((st = cl_rsp_next(r)) == CL_OK && r->kind != RSP_EOF) {
        if (r->kind != RSP_KEYVAL)
            continue;
        const char *k = r->name, *v = r->value;
        uint8_t **field = NULL;
        size_t *field_len = NULL;
        if (strcmp(k, "COUNT") == 0) {
            /* a new record starts: run the previous one */
            if ((st = hkdf_rec_run(&h, path, res, log)) != CL_OK)
                break;
            hkdf_rec_clear(&h);
            h.active = 1;
            h.sha256 = 1;                       /* unless Hash says otherwise */
            h.line = r->line_no;
            if (!parse_ulong(v, &h.count)) {
                st = CL_ERR_PARSE;
                break;
            }
            continue;
        }
        if (!h.active)
            continue;
        if (strcmp(k, "Hash") == 0) {
            h.sha256 = strcmp(v, "SHA-256") == 0 || strcmp(v, "SHA256") == 0;
        } else if (strcmp(k, "L") == 0) {
            if (!(h.have_L = parse_ulong(v, &h.L))) {
                st = CL_ERR_PARSE;
                break;
            }
        } else if (strcmp(k, "IKM") == 0) {
            field = &h.ikm, field_len = &h.ikm_len;
        } else if (strcmp(k, "salt") == 0) {
            field = &h.salt, field_len = &h.salt_len;
        } else if (strcmp(k, "info") == 0) {
            field = &h.info, field_len = &h.info_len;
        } else if (strcmp(k, "PRK") == 0) {
            field = &h.prk, field_len = &h.prk_len;
        } else if (strcmp(k, "OKM") == 0) {
            field = &h.okm, field_len = &h.okm_len;
        }
        if (field != NULL) {
            free(*field);
            *field = NULL;
            if (hex_alloc(v, field, field_len) != CL_OK) {
                st = CL_ERR_PARSE;
                break;
            }
        }
    }
    if (st == CL_OK)
        st = hkdf_rec_run(&h, path, res, log);
    if (st == CL_ERR_PARSE)
        snprintf(res->note, sizeof res->note, "record COUNT = %lu near line %lu is malformed",
                 h.count, r->line_no);
    hkdf_rec_clear(&h);
    return st;
}

/* ---------------------------------------------------------------- traces */

/* The values the trace hook reports, for up to TRACE_MAX_BLOCKS blocks. */
#define TRACE_MAX_BLOCKS 4
struct trace_rec {
    uint64_t blocks;
    uint32_t M[TRACE_MAX_BLOCKS][16];
    uint32_t W[TRACE_MAX_BLOCKS][64];
    uint32_t v[TRACE_MAX_BLOCKS][64][8];
    uint32_t H[TRACE_MAX_BLOCKS][8];
};

static void rec_schedule(void *arg, uint64_t i, const uint32_t W[64])
{
    struct trace_rec *t = arg;
    if (i >= 1 && i <= TRACE_MAX_BLOCKS)
        memcpy(t->W[i - 1], W, sizeof t->W[0]);
}

static void rec_round(void *arg, uint64_t i, unsigned r, const uint32_t v[8])
{
    struct trace_rec *t = arg;
    if (i >= 1 && i <= TRACE_MAX_BLOCKS && r < 64)
        memcpy(t->v[i - 1][r], v, sizeof t->v[0][0]);
}

static void rec_hash(void *arg, uint64_t i, const uint32_t H[8])
{
    struct trace_rec *t = arg;
    if (i >= 1 && i <= TRACE_MAX_BLOCKS)
        memcpy(t->H[i - 1], H, sizeof t->H[0]);
    t->blocks = i;
}

/* Parses up to max space-separated 8-digit hex words; returns the count. */
static size_t parse_words(const char *s, uint32_t *w, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        if (*s == '\0')
            break;
        char *end;
        unsigned long x = strtoul(s, &end, 16);
        if (end - s != 8)
            return (size_t)-1;
        w[n++] = (uint32_t)x;
        s = end;
    }
    while (*s == ' ')
        s++;
    return *s ? (size_t)-1 : n;
}

static void trace_check(struct vec_result *res, FILE *log, const char *path, unsigned long line,
                        const char *what, const uint32_t *want, const uint32_t *got, size_t n)
{
    res->cases++;
    if (memcmp(want, got, n * sizeof *want) == 0) {
        res->passed++;
        return;
    }
    res->failed++;
    if (log == NULL)
        return;
    fprintf(log, "%s:%lu: FAIL %s\n    expected", path, line, what);
    for (size_t j = 0; j < n; j++)
        fprintf(log, " %08X", (unsigned)want[j]);
    fprintf(log, "\n    actual  ");
    for (size_t j = 0; j < n; j++)
        fprintf(log, " %08X", (unsigned)got[j]);
    fputc('\n', log);
}

/* File layout (the lines of `cryptolab sha256-trace` that NIST's example has):
 *   Message (hex) = <hex message>           Block = i of N
 *   H[j] = xxxxxxxx                         (before the first Block: H(0))
 *   W[j] = xxxxxxxx                         t= n: A B C D E F G H
 *   H[j] = xxxxxxxx + xxxxxxxx = xxxxxxxx   (after a Block: H(i))
 *   Message Digest = x x x x x x x x
 * Other lines (headings) are ignored. */
static cl_status run_trace(struct rsp_reader *r, const char *path,
                           struct vec_result *res, FILE *log)
{
    struct trace_rec *t = calloc(1, sizeof *t);
    uint8_t *msg = NULL;
    size_t msg_len = 0;
    unsigned long block = 0;
    int have_msg = 0;
    cl_status st;
    if (t == NULL)
        return CL_ERR_NOMEM;
    while ((st = cl_rsp_next(r)) == CL_OK && r->kind != RSP_EOF) {
        if (r->kind != RSP_KEYVAL)
            continue;
        const char *k = r->name, *v = r->value;
        uint32_t w[8];
        unsigned long j;
        char what[64];
        if (strcmp(k, "Message (hex)") == 0) {
            if (have_msg || hex_alloc(v, &msg, &msg_len) != CL_OK)
                goto parse_error;
            have_msg = 1;
            /* run the traced hash once; the rest of the file is checked against it */
            struct sha256_trace hook = { t, NULL, rec_schedule, rec_round, rec_hash };
            sha256_ctx ctx;
            uint8_t digest[32];
            if ((st = sha256_init(&ctx)) != CL_OK ||
                (st = sha256_set_trace(&ctx, &hook)) != CL_OK ||
                (st = sha256_update(&ctx, msg, msg_len)) != CL_OK ||
                (st = sha256_final(&ctx, digest)) != CL_OK)
                break;
            if (t->blocks > TRACE_MAX_BLOCKS)
                goto parse_error;
        } else if (!have_msg) {
            continue;
        } else if (strcmp(k, "Block") == 0) {
            char *end;                          /* "i of N" */
            block = strtoul(v, &end, 10);
            if (end == v || block < 1 || block > t->blocks)
                goto parse_error;
        } else if (sscanf(k, "H[%lu]", &j) == 1 && j < 8) {
            /* "H[j] = 6A09E667" (H(0)) or "H[j] = 6A09E667 + 506E3058 = BA7816BF" (H(i)) */
            const char *last = strrchr(v, '=');
            if (parse_words(last ? last + 1 : v, w, 1) != 1)
                goto parse_error;
            if (block == 0) {
                snprintf(what, sizeof what, "H(0)[%lu]", j);
                trace_check(res, log, path, r->line_no, what, w, &SHA256_H0[j], 1);
            } else {
                snprintf(what, sizeof what, "H(%lu)[%lu]", block, j);
                trace_check(res, log, path, r->line_no, what, w, &t->H[block - 1][j], 1);
            }
        } else if (k[0] == 'W' && sscanf(k, "W[%lu]", &j) == 1 && j < 64) {
            if (block == 0 || parse_words(v, w, 1) != 1)
                goto parse_error;
            snprintf(what, sizeof what, "block %lu W[%lu]", block, j);
            trace_check(res, log, path, r->line_no, what, w, &t->W[block - 1][j], 1);
        } else if (strcmp(k, "t") == 0) {
            /* value "n: a b c d e f g h" */
            char *colon;
            j = strtoul(v, &colon, 10);
            if (block == 0 || *colon != ':' || j > 63 || parse_words(colon + 1, w, 8) != 8)
                goto parse_error;
            snprintf(what, sizeof what, "block %lu t=%lu", block, j);
            trace_check(res, log, path, r->line_no, what, w, t->v[block - 1][j], 8);
        } else if (strcmp(k, "Message Digest") == 0) {
            if (parse_words(v, w, 8) != 8 || t->blocks == 0)
                goto parse_error;
            trace_check(res, log, path, r->line_no, "message digest", w, t->H[t->blocks - 1], 8);
        }
    }
    free(msg);
    free(t);
    if (st == CL_OK)
        note_add(res, "trace values");
    return st;
parse_error:
    free(msg);
    free(t);
    snprintf(res->note, sizeof res->note, "line %lu: malformed trace line", r->line_no);
    return CL_ERR_PARSE;
}

/* ---------------------------------------------------------------- entry point */

cl_status sha256_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    if (path == NULL || res == NULL)
        return CL_ERR_NULL_POINTER;
    enum file_kind kind = detect(path);
    if (kind == K_NONE)
        return CL_ERR_UNSUPPORTED;
    struct rsp_reader r;
    cl_status st = cl_rsp_open(&r, path);
    if (st != CL_OK)
        return st;
    switch (kind) {
    case K_SHAVS_MSG:   st = run_shavs_msg(&r, path, res, log); break;
    case K_SHAVS_MONTE: st = run_shavs_monte(&r, path, res, log); break;
    case K_HMACVS:      st = run_hmacvs(&r, path, res, log); break;
    case K_HKDF:        st = run_hkdf(&r, path, res, log); break;
    case K_TRACE:       st = run_trace(&r, path, res, log); break;
    default:            st = CL_ERR_UNSUPPORTED; break;
    }
    if (st == CL_ERR_PARSE && res->note[0] == '\0')
        snprintf(res->note, sizeof res->note, "line %lu: cannot parse", r.line_no);
    cl_rsp_close(&r);
    return st;
}
