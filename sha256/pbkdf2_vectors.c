/*
 * sha256/pbkdf2_vectors.c -- the runner of `cryptolab vectors` for PBKDF2
 * known-answer files (vectors/sha256/pbkdf2.txt: RFC 7914 §11, RFC 6070 §2):
 * sections [PRF=HMAC-SHA256] / [PRF=HMAC-SHA1], records P, S (hex), c
 * (decimal), DK (hex); each record is PBKDF2 (RFC 8018 §5.2) with that PRF,
 * dkLen = the length of DK.  Another PRF is counted as skipped.
 */
#include <stdlib.h>
#include <string.h>
#include "common/hex.h"
#include "common/rsp.h"
#include "common/vectors.h"
#include "sha256/hash.h"
#include "sha256/pbkdf2.h"

#define PBKDF2_VEC_MAX 256

struct pbkdf2_rec {
    uint8_t P[PBKDF2_VEC_MAX], S[PBKDF2_VEC_MAX], DK[PBKDF2_VEC_MAX];
    size_t P_len, S_len, DK_len;
    unsigned long c, line;
    int have;             /* bit 0 P, 1 S, 2 c, 3 DK */
};

/* A file is ours if a section names a PRF= before any other key, and it
 * has a DK. */
static int is_pbkdf2_file(const char *path)
{
    struct rsp_reader r;
    if (cl_rsp_open(&r, path) != CL_OK)
        return 0;
    int prf = 0, dk = 0;
    for (int n = 0; n < 200 && !(prf && dk); n++) {
        if (cl_rsp_next(&r) != CL_OK || r.kind == RSP_EOF)
            break;
        if (r.kind == RSP_SECTION && strncmp(r.name, "PRF=", 4) == 0)
            prf = 1;
        else if (r.kind == RSP_KEYVAL && strcmp(r.name, "DK") == 0)
            dk = 1;
    }
    cl_rsp_close(&r);
    return prf && dk;
}

static void log_hex(FILE *log, const char *label, const uint8_t *b, size_t n)
{
    fprintf(log, "    %s: ", label);
    for (size_t i = 0; i < n; i++)
        fprintf(log, "%02x", b[i]);
    fprintf(log, "\n");
}

/* Runs one complete record; a record missing a field is a parse error. */
static cl_status rec_run(struct pbkdf2_rec *rec, const cl_hash *prf, const char *path,
                         struct vec_result *res, FILE *log)
{
    if (rec->have == 0)
        return CL_OK;
    if (rec->have != 0xf)
        return CL_ERR_PARSE;
    res->cases++;
    if (prf == NULL) {
        res->skipped++;
        return CL_OK;
    }
    uint8_t got[PBKDF2_VEC_MAX];
    cl_status st = pbkdf2_hmac(prf, rec->P, rec->P_len, rec->S, rec->S_len, (uint32_t)rec->c,
                               got, rec->DK_len);
    if (st == CL_OK && memcmp(got, rec->DK, rec->DK_len) == 0) {
        res->passed++;
        return CL_OK;
    }
    res->failed++;
    if (log != NULL) {
        fprintf(log, "%s:%lu: FAIL PBKDF2-%s c=%lu dkLen=%zu%s%s\n", path, rec->line, prf->name,
                rec->c, rec->DK_len, st != CL_OK ? ": " : "", st != CL_OK ? cl_strerror(st) : "");
        log_hex(log, "expected", rec->DK, rec->DK_len);
        log_hex(log, "actual", got, rec->DK_len);
    }
    return CL_OK;
}

cl_status pbkdf2_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    if (path == NULL || res == NULL)
        return CL_ERR_NULL_POINTER;
    if (!is_pbkdf2_file(path))
        return CL_ERR_UNSUPPORTED;
    struct rsp_reader r;
    cl_status st = cl_rsp_open(&r, path);
    if (st != CL_OK)
        return st;
    struct pbkdf2_rec *rec = calloc(1, sizeof *rec);
    if (rec == NULL) {
        cl_rsp_close(&r);
        return CL_ERR_NOMEM;
    }
    const cl_hash *prf = NULL;
    unsigned long other = 0;
    while ((st = cl_rsp_next(&r)) == CL_OK) {
        int end = r.kind == RSP_BLANK || r.kind == RSP_EOF || r.kind == RSP_SECTION;
        if (end) {
            if ((st = rec_run(rec, prf, path, res, log)) != CL_OK)
                break;
            memset(rec, 0, sizeof *rec);
        }
        if (r.kind == RSP_EOF)
            break;
        if (r.kind == RSP_SECTION) {
            prf = strcmp(r.name, "PRF=HMAC-SHA256") == 0 ? &cl_hash_sha256
                : strcmp(r.name, "PRF=HMAC-SHA1") == 0   ? &cl_hash_sha1 : NULL;
            other += prf == NULL;
            continue;
        }
        if (r.kind != RSP_KEYVAL)
            continue;
        if (rec->have == 0)
            rec->line = r.line_no;
        char *endp;
        if (strcmp(r.name, "P") == 0 && cl_hex_decode(r.value, rec->P, sizeof rec->P, &rec->P_len) == CL_OK)
            rec->have |= 1;
        else if (strcmp(r.name, "S") == 0 && cl_hex_decode(r.value, rec->S, sizeof rec->S, &rec->S_len) == CL_OK)
            rec->have |= 2;
        else if (strcmp(r.name, "c") == 0 && (rec->c = strtoul(r.value, &endp, 10)) > 0 &&
                 *endp == '\0' && rec->c <= 0xffffffffUL)
            rec->have |= 4;
        else if (strcmp(r.name, "DK") == 0 &&
                 cl_hex_decode(r.value, rec->DK, sizeof rec->DK, &rec->DK_len) == CL_OK && rec->DK_len > 0)
            rec->have |= 8;
        else if (strcmp(r.name, "COUNT") != 0) {
            st = CL_ERR_PARSE;
            break;
        }
    }
    if (st == CL_ERR_PARSE)
        snprintf(res->note, sizeof res->note, "line %lu: malformed PBKDF2 record", r.line_no);
    else if (other)
        snprintf(res->note, sizeof res->note, "%lu section(s) with another PRF skipped", other);
    free(rec);
    cl_rsp_close(&r);
    return st;
}
