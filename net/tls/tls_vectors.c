/*
 * net/tls/tls_vectors.c -- `cryptolab vectors` for the files of vectors/tls/:
 *   ffdhe-kat.txt             FFDHE known answers (rsa/ffdhe.c)
 *   tls12-prf.txt             P_SHA256, master secret, EMS, key block, verify_data
 *   rfc8448-simple-1rtt.txt   RFC 8448 §3: the TLS 1.3 key schedule, byte for byte
 * Each compared value is one case; a mismatch prints both values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/vectors.h"
#include "common/rsp.h"
#include "common/hex.h"
#include "rsa/ffdhe.h"
#include "net/tls/prf.h"
#include "net/tls/key_schedule.h"
#include "sha256/sha256.h"

#define MAXV 64

struct kv {
    int n;
    char name[MAXV][48];
    char *text[MAXV];
    uint8_t *data[MAXV];
    size_t len[MAXV];
};

static void kv_free(struct kv *v)
{
    for (int i = 0; i < v->n; i++) {
        free(v->text[i]);
        free(v->data[i]);
    }
    v->n = 0;
}

/* Loads [section] (NULL: the first section) of path. */
static cl_status kv_load(struct kv *v, const char *path, const char *section)
{
    struct rsp_reader r;
    int in = 0;
    cl_status st;
    memset(v, 0, sizeof *v);
    st = cl_rsp_open(&r, path);
    if (st != CL_OK)
        return st;
    while ((st = cl_rsp_next(&r)) == CL_OK && r.kind != RSP_EOF) {
        if (r.kind == RSP_SECTION) {
            in = section == NULL || strcmp(r.name, section) == 0;
            continue;
        }
        if (!in || r.kind != RSP_KEYVAL || v->n >= MAXV)
            continue;
        size_t hl = strlen(r.value), got = 0;
        snprintf(v->name[v->n], sizeof v->name[0], "%s", r.name);
        v->text[v->n] = strdup(r.value);
        v->data[v->n] = malloc(hl / 2 + 1);
        if (v->text[v->n] == NULL || v->data[v->n] == NULL) {
            cl_rsp_close(&r);
            return CL_ERR_NOMEM;
        }
        if (cl_hex_decode(r.value, v->data[v->n], hl / 2 + 1, &got) != CL_OK)
            got = 0;
        v->len[v->n] = got;
        v->n++;
    }
    cl_rsp_close(&r);
    return st;
}

static const uint8_t *kv(const struct kv *v, const char *name, size_t *len)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->name[i], name) == 0) {
            if (len)
                *len = v->len[i];
            return v->data[i];
        }
    if (len)
        *len = 0;
    return NULL;
}

static const char *kv_text(const struct kv *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->name[i], name) == 0)
            return v->text[i];
    return "";
}

static void check(struct vec_result *res, FILE *log, const char *file, const char *name,
                  const struct kv *v, const uint8_t *actual, size_t n)
{
    size_t el;
    const uint8_t *e = kv(v, name, &el);
    res->cases++;
    if (e != NULL && el == n && memcmp(e, actual, n) == 0) {
        res->passed++;
        return;
    }
    res->failed++;
    if (log != NULL) {
        char *a = malloc(2 * n + 1);
        if (a != NULL)
            cl_hex_encode(actual, n, a);
        fprintf(log, "%s: %s: expected %s, got %s\n", file, name, kv_text(v, name), a ? a : "?");
        free(a);
    }
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static cl_status run_ffdhe(const char *path, struct vec_result *res, FILE *log)
{
    static const char *const sections[] = { "ffdhe2048", "ffdhe3072" };
    for (size_t i = 0; i < 2; i++) {
        struct kv v;
        ffdhe_key a, b;
        uint8_t z[FFDHE_MAX_BYTES];
        size_t xa, xb, zl;
        const ffdhe_group *g = ffdhe_group_by_name(sections[i]);
        cl_status st = kv_load(&v, path, sections[i]);
        if (st != CL_OK)
            return st;
        if (kv(&v, "xa", &xa) == NULL || kv(&v, "xb", &xb) == NULL ||
            ffdhe_keygen_fixed(&a, g, kv(&v, "xa", NULL), xa) != CL_OK ||
            ffdhe_keygen_fixed(&b, g, kv(&v, "xb", NULL), xb) != CL_OK) {
            kv_free(&v);
            return CL_ERR_PARSE;
        }
        check(res, log, path, "Ya", &v, a.Y, g->p_len);
        check(res, log, path, "Yb", &v, b.Y, g->p_len);
        if (ffdhe_shared_secret(&a, b.Y, g->p_len, FFDHE_Z_PADDED, z, sizeof z, &zl) == CL_OK)
            check(res, log, path, "Z", &v, z, zl);
        ffdhe_key_clear(&a);
        ffdhe_key_clear(&b);
        kv_free(&v);
    }
    return CL_OK;
}

static cl_status run_prf(const char *path, struct vec_result *res, FILE *log)
{
    struct kv v;
    uint8_t out[100], ms[48], ems[48], kb[40], vd[12];
    tls12_keys k;
    size_t sl, dl, pl;
    cl_status st = kv_load(&v, path, "P_SHA256");
    if (st != CL_OK)
        return st;
    const uint8_t *secret = kv(&v, "secret", &sl), *seed = kv(&v, "seed", &dl);
    if (secret == NULL || seed == NULL || tls12_prf(secret, sl, kv_text(&v, "label"), seed, dl, out, 100) != CL_OK) {
        kv_free(&v);
        return CL_ERR_PARSE;
    }
    check(res, log, path, "output", &v, out, 100);
    kv_free(&v);
    st = kv_load(&v, path, "DERIVE");
    if (st != CL_OK)
        return st;
    const uint8_t *pms = kv(&v, "pms", &pl), *cr = kv(&v, "client_random", NULL),
                  *sr = kv(&v, "server_random", NULL), *sh = kv(&v, "session_hash", NULL),
                  *hh = kv(&v, "handshake_hash", NULL);
    if (pms == NULL || cr == NULL || sr == NULL || sh == NULL || hh == NULL) {
        kv_free(&v);
        return CL_ERR_PARSE;
    }
    if (tls12_master_secret(pms, pl, cr, sr, ms) == CL_OK)
        check(res, log, path, "master_secret", &v, ms, 48);
    if (tls12_extended_master_secret(pms, pl, sh, ems) == CL_OK)
        check(res, log, path, "extended_master_secret", &v, ems, 48);
    if (tls12_key_block(ms, cr, sr, &k) == CL_OK) {
        memcpy(kb, k.client_write_key, 16);
        memcpy(kb + 16, k.server_write_key, 16);
        memcpy(kb + 32, k.client_write_IV, 4);
        memcpy(kb + 36, k.server_write_IV, 4);
        check(res, log, path, "key_block", &v, kb, 40);
    }
    if (tls12_verify_data(ms, 1, hh, vd) == CL_OK)
        check(res, log, path, "client_verify_data", &v, vd, 12);
    if (tls12_verify_data(ms, 0, hh, vd) == CL_OK)
        check(res, log, path, "server_verify_data", &v, vd, 12);
    kv_free(&v);
    return CL_OK;
}

static void hash_parts(const uint8_t *const *p, const size_t *l, int n, uint8_t out[32])
{
    sha256_ctx c;
    sha256_init(&c);
    for (int i = 0; i < n; i++)
        sha256_update(&c, p[i], l[i]);
    sha256_final(&c, out);
}

static cl_status run_rfc8448(const char *path, struct vec_result *res, FILE *log)
{
    struct kv v;
    tls13_schedule s;
    uint8_t h[32], key[16], iv[12], fin[32];
    size_t lch, lsh, lfl, lcf, lss;
    cl_status st = kv_load(&v, path, "RFC8448-3");
    if (st != CL_OK)
        return st;
    const uint8_t *ch = kv(&v, "ClientHello", &lch), *sh = kv(&v, "ServerHello", &lsh),
                  *fl = kv(&v, "ServerFlight", &lfl), *cf = kv(&v, "ClientFinished", &lcf),
                  *ss = kv(&v, "shared_secret", &lss);
    if (ch == NULL || sh == NULL || fl == NULL || cf == NULL || ss == NULL || lfl < 36) {
        kv_free(&v);
        return CL_ERR_PARSE;
    }
    memset(&s, 0, sizeof s);
    const uint8_t *p[4] = { ch, sh, fl, cf };
    size_t l[4] = { lch, lsh, lfl - 36, lcf };
    tls13_schedule_early(&s);
    check(res, log, path, "early_secret", &v, s.early_secret, 32);
    check(res, log, path, "derived_early", &v, s.derived_early, 32);
    hash_parts(p, l, 2, h);
    check(res, log, path, "hash_ch_sh", &v, h, 32);
    tls13_schedule_handshake(&s, ss, lss, h);
    check(res, log, path, "handshake_secret", &v, s.handshake_secret, 32);
    check(res, log, path, "c_hs_traffic", &v, s.client_handshake_traffic_secret, 32);
    check(res, log, path, "s_hs_traffic", &v, s.server_handshake_traffic_secret, 32);
    check(res, log, path, "derived_handshake", &v, s.derived_handshake, 32);
    tls13_traffic_keys(&s, NULL, s.server_handshake_traffic_secret, key, iv);
    check(res, log, path, "s_hs_key", &v, key, 16);
    check(res, log, path, "s_hs_iv", &v, iv, 12);
    tls13_traffic_keys(&s, NULL, s.client_handshake_traffic_secret, key, iv);
    check(res, log, path, "c_hs_key", &v, key, 16);
    check(res, log, path, "c_hs_iv", &v, iv, 12);
    tls13_hkdf_expand_label(s.server_handshake_traffic_secret, "finished", NULL, 0, fin, 32);
    check(res, log, path, "s_finished_key", &v, fin, 32);
    tls13_hkdf_expand_label(s.client_handshake_traffic_secret, "finished", NULL, 0, fin, 32);
    check(res, log, path, "c_finished_key", &v, fin, 32);
    hash_parts(p, l, 3, h);                       /* CH .. CertificateVerify */
    tls13_finished(&s, NULL, s.server_handshake_traffic_secret, h, fin);
    check(res, log, path, "s_verify_data", &v, fin, 32);
    l[2] = lfl;
    hash_parts(p, l, 3, h);                       /* CH .. server Finished */
    check(res, log, path, "hash_ch_sf", &v, h, 32);
    tls13_finished(&s, NULL, s.client_handshake_traffic_secret, h, fin);
    check(res, log, path, "c_verify_data", &v, fin, 32);
    tls13_schedule_master(&s, h);
    check(res, log, path, "master_secret", &v, s.master_secret, 32);
    check(res, log, path, "c_ap_traffic", &v, s.client_application_traffic_secret, 32);
    check(res, log, path, "s_ap_traffic", &v, s.server_application_traffic_secret, 32);
    check(res, log, path, "exp_master", &v, s.exporter_master_secret, 32);
    tls13_traffic_keys(&s, NULL, s.server_application_traffic_secret, key, iv);
    check(res, log, path, "s_ap_key", &v, key, 16);
    check(res, log, path, "s_ap_iv", &v, iv, 12);
    tls13_traffic_keys(&s, NULL, s.client_application_traffic_secret, key, iv);
    check(res, log, path, "c_ap_key", &v, key, 16);
    check(res, log, path, "c_ap_iv", &v, iv, 12);
    hash_parts(p, l, 4, h);
    check(res, log, path, "hash_ch_cf", &v, h, 32);
    tls13_schedule_resumption(&s, h);
    check(res, log, path, "res_master", &v, s.resumption_master_secret, 32);
    tls13_schedule_clear(&s);
    kv_free(&v);
    return CL_OK;
}

cl_status tls_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    const char *b = base_name(path);
    cl_status st;
    memset(res, 0, sizeof *res);
    if (strcmp(b, "ffdhe-kat.txt") == 0)
        st = run_ffdhe(path, res, log);
    else if (strcmp(b, "tls12-prf.txt") == 0)
        st = run_prf(path, res, log);
    else if (strcmp(b, "rfc8448-simple-1rtt.txt") == 0)
        st = run_rfc8448(path, res, log);
    else
        return CL_ERR_UNSUPPORTED;
    return st;
}
