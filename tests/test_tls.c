/*
 * tests/test_tls.c -- the TLS building blocks and protocol pieces:
 *   tls_ffdhe      RFC 7919 groups (structure), FFDHE known answers
 *                  (vectors/tls/ffdhe-kat.txt), public-value checks
 *   tls12_prf      P_SHA256, master secret, extended master secret, key
 *                  block, verify_data (vectors/tls/tls12-prf.txt)
 *   tls_premaster  RFC 5246 §7.4.7.1: valid, wrong padding and wrong
 *                  version all give 48 bytes and CL_OK
 *   tls13_rfc8448  the key schedule reproduces RFC 8448 §3 byte for byte
 *                  (vectors/tls/rfc8448-simple-1rtt.txt)
 *   tls_messages   CertificateRequest both versions written and read back,
 *                  a client's Certificate (empty allowed, context checked)
 * Further suites (record layer, messages, handshakes) are added by the
 * files they test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "common/rsp.h"
#include "common/random.h"
#include "rsa/ffdhe.h"
#include "rsa/rsa.h"
#include "rsa/rsa_premaster.h"
#include "rsa/rsa_keyfile.h"
#include "net/tls/prf.h"
#include "net/tls/key_schedule.h"
#include "net/tls/record.h"
#include "net/tls/alert.h"
#include "net/tls/messages.h"
#include "sha256/sha256.h"
#include "tests/tls_vec.h"
#include "common/bytes.h"

static uint64_t load64_be_t(const uint8_t *p) { return load64_be(p); }

/* ---------------------------------------------------------------- loader */

int tv_load(struct tls_vec *v, const char *path, const char *section)
{
    struct rsp_reader r;
    int in = 0;
    memset(v, 0, sizeof *v);
    if (cl_rsp_open(&r, path) != CL_OK) {
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    for (;;) {
        if (cl_rsp_next(&r) != CL_OK || r.kind == RSP_EOF)
            break;
        if (r.kind == RSP_SECTION) {
            in = strcmp(r.name, section) == 0;
            continue;
        }
        if (!in || r.kind != RSP_KEYVAL || v->n >= TV_MAX)
            continue;
        struct tls_vec_item *it = &v->items[v->n++];
        snprintf(it->name, sizeof it->name, "%s", r.name);
        it->text = strdup(r.value);
        size_t hl = strlen(r.value);
        it->data = malloc(hl / 2 + 1);
        if (cl_hex_decode_len_ok(r.value))
            it->len = tu_hex(r.value, it->data, hl / 2 + 1);
        else
            it->len = 0;
    }
    cl_rsp_close(&r);
    return v->n > 0;
}

const uint8_t *tv_get(const struct tls_vec *v, const char *name, size_t *len)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->items[i].name, name) == 0) {
            if (len)
                *len = v->items[i].len;
            return v->items[i].data;
        }
    fprintf(stderr, "vector value %s missing\n", name);
    CU_FAIL_FATAL("vector value missing");
    return NULL;
}

const char *tv_text(const struct tls_vec *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->items[i].name, name) == 0)
            return v->items[i].text;
    return "";
}

void tv_free(struct tls_vec *v)
{
    for (int i = 0; i < v->n; i++) {
        free(v->items[i].data);
        free(v->items[i].text);
    }
    v->n = 0;
}

int cl_hex_decode_len_ok(const char *s)
{
    size_t n = strlen(s);
    if (n % 2)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return 0;
    }
    return 1;
}

#define TV_EQ(v, name, actual, n) do { size_t l_; const uint8_t *e_ = tv_get((v), (name), &l_); \
        CU_ASSERT_EQUAL(l_, (size_t)(n)); CL_ASSERT_BYTES_EQ((name), e_, (actual), (n)); } while (0)

/* ---------------------------------------------------------------- FFDHE */

static void test_ffdhe_groups(void)
{
    static const uint16_t ids[] = { FFDHE_GROUP_2048, FFDHE_GROUP_3072 };
    for (size_t i = 0; i < 2; i++) {
        const ffdhe_group *g = ffdhe_group_by_id(ids[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(g);
        CU_ASSERT_PTR_EQUAL(ffdhe_group_by_name(g->name), g);
        mpz_t p, q, t;
        mpz_inits(p, q, t, NULL);
        ffdhe_group_p(g, p);
        CU_ASSERT_EQUAL(mpz_sizeinbase(p, 2), g->bits);
        CU_ASSERT_EQUAL(g->p_len * 8, g->bits);
        /* the construction: top and bottom 64 bits all ones */
        mpz_fdiv_r_2exp(t, p, 64);
        CU_ASSERT_EQUAL(mpz_sizeinbase(t, 2), 64);
        CU_ASSERT_EQUAL(mpz_popcount(t), 64);
        mpz_fdiv_q_2exp(t, p, g->bits - 64);
        CU_ASSERT_EQUAL(mpz_popcount(t), 64);
        /* a safe prime: p and q = (p-1)/2 both (probable) primes */
        mpz_sub_ui(q, p, 1);
        mpz_fdiv_q_2exp(q, q, 1);
        CU_ASSERT(mpz_probab_prime_p(p, 10) > 0);
        CU_ASSERT(mpz_probab_prime_p(q, 10) > 0);
        mpz_clears(p, q, t, NULL);
    }
    CU_ASSERT_PTR_NULL(ffdhe_group_by_id(0x001d));     /* x25519: not ours */
    CU_ASSERT_PTR_NULL(ffdhe_group_by_id(0x0102));     /* ffdhe4096: not built */
    CU_ASSERT_PTR_NULL(ffdhe_group_by_name("ffdhe1024"));
}

static void kat_group(const char *section, uint16_t id)
{
    struct tls_vec v;
    CU_ASSERT_FATAL(tv_load(&v, "vectors/tls/ffdhe-kat.txt", section));
    const ffdhe_group *g = ffdhe_group_by_id(id);
    size_t xa_len, xb_len, ya_len, yb_len, z_len;
    const uint8_t *xa = tv_get(&v, "xa", &xa_len), *xb = tv_get(&v, "xb", &xb_len);
    const uint8_t *Ya = tv_get(&v, "Ya", &ya_len), *Yb = tv_get(&v, "Yb", &yb_len);
    uint8_t Z1[FFDHE_MAX_BYTES], Z2[FFDHE_MAX_BYTES];
    ffdhe_key a, b;
    CL_ASSERT_OK(ffdhe_keygen_fixed(&a, g, xa, xa_len));
    CL_ASSERT_OK(ffdhe_keygen_fixed(&b, g, xb, xb_len));
    CL_ASSERT_BYTES_EQ("Ya", Ya, a.Y, g->p_len);
    CL_ASSERT_BYTES_EQ("Yb", Yb, b.Y, g->p_len);
    CL_ASSERT_OK(ffdhe_shared_secret(&a, b.Y, g->p_len, FFDHE_Z_PADDED, Z1, sizeof Z1, &z_len));
    CU_ASSERT_EQUAL(z_len, g->p_len);
    TV_EQ(&v, "Z", Z1, g->p_len);
    CL_ASSERT_OK(ffdhe_shared_secret(&b, a.Y, g->p_len, FFDHE_Z_PADDED, Z2, sizeof Z2, &z_len));
    CL_ASSERT_BYTES_EQ("Z (other side)", Z1, Z2, g->p_len);
    /* TLS 1.2 form: the same value without leading zero octets */
    size_t lead = 0;
    while (Z1[lead] == 0)
        lead++;
    CL_ASSERT_OK(ffdhe_shared_secret(&a, b.Y, g->p_len, FFDHE_Z_STRIPPED, Z2, sizeof Z2, &z_len));
    CU_ASSERT_EQUAL(z_len, g->p_len - lead);
    CL_ASSERT_BYTES_EQ("Z stripped", Z1 + lead, Z2, z_len);
    /* a peer value with leading zeros stripped is the same number */
    ffdhe_key_clear(&a);
    ffdhe_key_clear(&b);
    tv_free(&v);
}

static void test_ffdhe_kat(void)
{
    kat_group("ffdhe2048", FFDHE_GROUP_2048);
    kat_group("ffdhe3072", FFDHE_GROUP_3072);
}

static void test_ffdhe_public_checks(void)
{
    const ffdhe_group *g = ffdhe_group_by_id(FFDHE_GROUP_2048);
    uint8_t y[FFDHE_MAX_BYTES + 1], Z[FFDHE_MAX_BYTES];
    size_t zl;
    mpz_t p, t;
    ffdhe_key k;
    CL_ASSERT_OK(ffdhe_keygen(&k, g));
    mpz_inits(p, t, NULL);
    ffdhe_group_p(g, p);
    /* 0, 1, p-1, p, p+1 are refused; 2 and p-2 accepted */
    long offs[] = { 0, 1, -1, 0, 1 };
    int from_p[] = { 0, 0, 1, 1, 1 };
    for (int i = 0; i < 5; i++) {
        if (from_p[i]) { mpz_set(t, p); if (offs[i] < 0) mpz_sub_ui(t, t, 1); else mpz_add_ui(t, t, (unsigned long)offs[i]); }
        else mpz_set_ui(t, (unsigned long)offs[i]);
        memset(y, 0, sizeof y);
        if (mpz_sizeinbase(t, 2) <= g->bits) {
            CL_ASSERT_OK(rsa_i2osp(t, g->p_len, y));
            CL_ASSERT_STATUS(ffdhe_check_public(g, y, g->p_len), CL_ERR_BAD_ARGUMENT);
            CL_ASSERT_STATUS(ffdhe_shared_secret(&k, y, g->p_len, FFDHE_Z_PADDED, Z, sizeof Z, &zl),
                             CL_ERR_BAD_ARGUMENT);
        }
    }
    mpz_set_ui(t, 2);
    CL_ASSERT_OK(rsa_i2osp(t, 1, y));
    CL_ASSERT_OK(ffdhe_check_public(g, y, 1));
    mpz_sub_ui(t, p, 2);
    CL_ASSERT_OK(rsa_i2osp(t, g->p_len, y));
    CL_ASSERT_OK(ffdhe_check_public(g, y, g->p_len));
    /* longer than p, empty */
    CL_ASSERT_STATUS(ffdhe_check_public(g, y, g->p_len + 1), CL_ERR_INPUT_LENGTH);
    CL_ASSERT_STATUS(ffdhe_check_public(g, y, 0), CL_ERR_INPUT_LENGTH);
    /* fresh keys have the RFC 7919 exponent size */
    CU_ASSERT_EQUAL(mpz_sizeinbase(k.x, 2), g->exp_bits);
    ffdhe_key_clear(&k);
    CL_ASSERT_OK(ffdhe_keygen(&k, ffdhe_group_by_id(FFDHE_GROUP_3072)));
    CU_ASSERT_EQUAL(mpz_sizeinbase(k.x, 2), 275);
    ffdhe_key_clear(&k);
    mpz_clears(p, t, NULL);
}

/* ---------------------------------------------------------------- TLS 1.2 PRF */

static void test_prf_sha256(void)
{
    struct tls_vec v;
    uint8_t out[100];
    size_t sl, dl;
    CU_ASSERT_FATAL(tv_load(&v, "vectors/tls/tls12-prf.txt", "P_SHA256"));
    const uint8_t *secret = tv_get(&v, "secret", &sl), *seed = tv_get(&v, "seed", &dl);
    CL_ASSERT_OK(tls12_prf(secret, sl, tv_text(&v, "label"), seed, dl, out, sizeof out));
    TV_EQ(&v, "output", out, 100);
    /* any prefix is the same stream */
    uint8_t out2[33];
    CL_ASSERT_OK(tls12_prf(secret, sl, tv_text(&v, "label"), seed, dl, out2, sizeof out2));
    CL_ASSERT_BYTES_EQ("prefix", out, out2, sizeof out2);
    tv_free(&v);
}

static void test_prf_derive(void)
{
    struct tls_vec v;
    uint8_t ms[48], ems[48], verify[12];
    tls12_keys keys;
    size_t pl;
    CU_ASSERT_FATAL(tv_load(&v, "vectors/tls/tls12-prf.txt", "DERIVE"));
    const uint8_t *pms = tv_get(&v, "pms", &pl);
    const uint8_t *cr = tv_get(&v, "client_random", NULL), *sr = tv_get(&v, "server_random", NULL);
    CL_ASSERT_OK(tls12_master_secret(pms, pl, cr, sr, ms));
    TV_EQ(&v, "master_secret", ms, 48);
    CL_ASSERT_OK(tls12_extended_master_secret(pms, pl, tv_get(&v, "session_hash", NULL), ems));
    TV_EQ(&v, "extended_master_secret", ems, 48);
    CL_ASSERT_OK(tls12_key_block(ms, cr, sr, &keys));
    const uint8_t *kb = tv_get(&v, "key_block", NULL);
    CL_ASSERT_BYTES_EQ("client_write_key", kb, keys.client_write_key, 16);
    CL_ASSERT_BYTES_EQ("server_write_key", kb + 16, keys.server_write_key, 16);
    CL_ASSERT_BYTES_EQ("client_write_IV", kb + 32, keys.client_write_IV, 4);
    CL_ASSERT_BYTES_EQ("server_write_IV", kb + 36, keys.server_write_IV, 4);
    CL_ASSERT_OK(tls12_verify_data(ms, 1, tv_get(&v, "handshake_hash", NULL), verify));
    TV_EQ(&v, "client_verify_data", verify, 12);
    CL_ASSERT_OK(tls12_verify_data(ms, 0, tv_get(&v, "handshake_hash", NULL), verify));
    TV_EQ(&v, "server_verify_data", verify, 12);
    /* §7.4.9 the peer's Finished: equal -> 1; any one bit changed -> 0 */
    uint8_t peer[12];
    memcpy(peer, verify, 12);
    CU_ASSERT_EQUAL(tls_finished_matches(verify, peer, 12), 1);
    for (int i = 0; i < 12; i++) {
        peer[i] ^= (uint8_t)(1u << (i % 8));
        CU_ASSERT_EQUAL(tls_finished_matches(verify, peer, 12), 0);
        peer[i] ^= (uint8_t)(1u << (i % 8));
    }
    tv_free(&v);
}

/* ---------------------------------------------------------------- premaster */

int tu_load_test_key(rsa_key *key)
{
    uint8_t buf[8192];
    FILE *f = fopen("vectors/rsa/keys/key2048-pkcs1.pem", "rb");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    rsa_key_init(key);
    return rsa_key_load_private(key, buf, n, NULL) == CL_OK;
}

static void test_premaster_one_path(void)
{
    rsa_key key;
    uint8_t em[256], c[256], pms[48], pms2[48], good_pms[48];
    size_t k, cl;
    int valid;
    CU_ASSERT_FATAL(tu_load_test_key(&key));
    k = rsa_key_bytes(&key);
    CU_ASSERT_FATAL(k == 256);
    CL_ASSERT_OK(cl_random_bytes(good_pms, 48));
    good_pms[0] = 3; good_pms[1] = 3;
    /* 1. a valid premaster: M is used */
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(&key, good_pms, 48, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 1);
    CL_ASSERT_BYTES_EQ("premaster", good_pms, pms, 48);
    /* 2. wrong version inside: random, but still 03 03 in front, CL_OK */
    good_pms[1] = 1;
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(&key, good_pms, 48, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 0);
    CU_ASSERT(pms[0] == 3 && pms[1] == 3);
    CU_ASSERT(memcmp(pms + 2, good_pms + 2, 46) != 0);
    /* 3. wrong length (47 bytes) */
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(&key, good_pms, 47, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 0);
    /* 4. wrong padding: block type 1 instead of 2 (textbook-encrypt an EM) */
    memset(em, 0xAB, sizeof em);
    em[0] = 0; em[1] = 1; em[k - 49] = 0;
    memcpy(em + k - 48, good_pms, 48); em[k - 47] = 3;
    CL_ASSERT_OK(rsa_textbook_encrypt(&key, em, k, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 0);
    /* 5. a zero byte inside PS (separator too early) */
    em[1] = 2; em[20] = 0;
    CL_ASSERT_OK(rsa_textbook_encrypt(&key, em, k, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 0);
    /* the hand-made EM is right once the zero is gone */
    em[20] = 0x11;
    CL_ASSERT_OK(rsa_textbook_encrypt(&key, em, k, c, sizeof c, &cl));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, pms, &valid));
    CU_ASSERT_EQUAL(valid, 1);
    CL_ASSERT_BYTES_EQ("hand-made premaster", em + k - 48, pms, 48);
    /* 6. ciphertext of the wrong length: random every time */
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl - 1, 0x0303, pms, &valid));
    CL_ASSERT_OK(rsa_tls_premaster_decrypt(&key, c, cl - 1, 0x0303, pms2, &valid));
    CU_ASSERT_EQUAL(valid, 0);
    CU_ASSERT(memcmp(pms + 2, pms2 + 2, 46) != 0);
    rsa_key_clear(&key);
}

/* ---------------------------------------------------------------- RFC 8448 */

#define R8448 "vectors/tls/rfc8448-simple-1rtt.txt", "RFC8448-3"

static void hash_of(const uint8_t *const *parts, const size_t *lens, int n, uint8_t out[32])
{
    sha256_ctx c;
    sha256_init(&c);
    for (int i = 0; i < n; i++)
        sha256_update(&c, parts[i], lens[i]);
    sha256_final(&c, out);
}

static void test_rfc8448_key_schedule(void)
{
    struct tls_vec v;
    tls13_schedule s;
    uint8_t h[32], key[16], iv[12], fin[32];
    size_t lch, lsh, lfl, lcf, lss;
    CU_ASSERT_FATAL(tv_load(&v, R8448));
    const uint8_t *ch = tv_get(&v, "ClientHello", &lch), *sh = tv_get(&v, "ServerHello", &lsh);
    const uint8_t *fl = tv_get(&v, "ServerFlight", &lfl), *cf = tv_get(&v, "ClientFinished", &lcf);
    const uint8_t *ss = tv_get(&v, "shared_secret", &lss);
    memset(&s, 0, sizeof s);
    CL_ASSERT_OK(tls13_schedule_early(&s));
    TV_EQ(&v, "early_secret", s.early_secret, 32);
    TV_EQ(&v, "derived_early", s.derived_early, 32);
    /* Transcript-Hash(ClientHello, ServerHello) */
    const uint8_t *p1[] = { ch, sh };
    size_t l1[] = { lch, lsh };
    hash_of(p1, l1, 2, h);
    TV_EQ(&v, "hash_ch_sh", h, 32);
    CL_ASSERT_OK(tls13_schedule_handshake(&s, ss, lss, h));
    TV_EQ(&v, "handshake_secret", s.handshake_secret, 32);
    TV_EQ(&v, "c_hs_traffic", s.client_handshake_traffic_secret, 32);
    TV_EQ(&v, "s_hs_traffic", s.server_handshake_traffic_secret, 32);
    TV_EQ(&v, "derived_handshake", s.derived_handshake, 32);
    CL_ASSERT_OK(tls13_traffic_keys(&s, NULL, s.server_handshake_traffic_secret, key, iv));
    TV_EQ(&v, "s_hs_key", key, 16);
    TV_EQ(&v, "s_hs_iv", iv, 12);
    CL_ASSERT_OK(tls13_traffic_keys(&s, NULL, s.client_handshake_traffic_secret, key, iv));
    TV_EQ(&v, "c_hs_key", key, 16);
    TV_EQ(&v, "c_hs_iv", iv, 12);
    /* finished_key values */
    CL_ASSERT_OK(tls13_hkdf_expand_label(s.server_handshake_traffic_secret, "finished", NULL, 0, fin, 32));
    TV_EQ(&v, "s_finished_key", fin, 32);
    CL_ASSERT_OK(tls13_hkdf_expand_label(s.client_handshake_traffic_secret, "finished", NULL, 0, fin, 32));
    TV_EQ(&v, "c_finished_key", fin, 32);
    /* server Finished: Transcript-Hash(CH..CertificateVerify); the flight
     * ends with the 36-byte Finished message (14 00 00 20 + 32) */
    CU_ASSERT_FATAL(lfl > 36 && fl[lfl - 36] == 0x14);
    const uint8_t *p2[] = { ch, sh, fl };
    size_t l2[] = { lch, lsh, lfl - 36 };
    hash_of(p2, l2, 3, h);
    CL_ASSERT_OK(tls13_finished(&s, NULL, s.server_handshake_traffic_secret, h, fin));
    TV_EQ(&v, "s_verify_data", fin, 32);
    CL_ASSERT_BYTES_EQ("server Finished in the flight", fl + lfl - 32, fin, 32);
    /* Master Secret from Transcript-Hash(CH..server Finished) */
    l2[2] = lfl;
    hash_of(p2, l2, 3, h);
    TV_EQ(&v, "hash_ch_sf", h, 32);
    CL_ASSERT_OK(tls13_finished(&s, NULL, s.client_handshake_traffic_secret, h, fin));
    TV_EQ(&v, "c_verify_data", fin, 32);
    CL_ASSERT_BYTES_EQ("client Finished message", cf + 4, fin, 32);
    CL_ASSERT_OK(tls13_schedule_master(&s, h));
    TV_EQ(&v, "master_secret", s.master_secret, 32);
    TV_EQ(&v, "c_ap_traffic", s.client_application_traffic_secret, 32);
    TV_EQ(&v, "s_ap_traffic", s.server_application_traffic_secret, 32);
    TV_EQ(&v, "exp_master", s.exporter_master_secret, 32);
    CL_ASSERT_OK(tls13_traffic_keys(&s, NULL, s.server_application_traffic_secret, key, iv));
    TV_EQ(&v, "s_ap_key", key, 16);
    TV_EQ(&v, "s_ap_iv", iv, 12);
    CL_ASSERT_OK(tls13_traffic_keys(&s, NULL, s.client_application_traffic_secret, key, iv));
    TV_EQ(&v, "c_ap_key", key, 16);
    TV_EQ(&v, "c_ap_iv", iv, 12);
    const uint8_t *p3[] = { ch, sh, fl, cf };
    size_t l3[] = { lch, lsh, lfl, lcf };
    hash_of(p3, l3, 4, h);
    TV_EQ(&v, "hash_ch_cf", h, 32);
    CL_ASSERT_OK(tls13_schedule_resumption(&s, h));
    TV_EQ(&v, "res_master", s.resumption_master_secret, 32);
    tls13_schedule_clear(&s);
    tv_free(&v);
}

/* HKDF-Expand-Label's argument checks. */
static void test_expand_label_limits(void)
{
    uint8_t secret[32] = { 1 }, out[32];
    char label[260];
    memset(label, 'a', sizeof label - 1);
    label[sizeof label - 1] = 0;
    CL_ASSERT_STATUS(tls13_hkdf_expand_label(secret, label, NULL, 0, out, 32), CL_ERR_BAD_ARGUMENT);
    label[249] = 0;
    CL_ASSERT_OK(tls13_hkdf_expand_label(secret, label, NULL, 0, out, 32));
    CL_ASSERT_STATUS(tls13_hkdf_expand_label(NULL, "key", NULL, 0, out, 16), CL_ERR_NULL_POINTER);
}


/* ---------------------------------------------------------------- records */

/* Opens a copy of record `name` with key/iv at sequence seq; checks type and content. */
static void open_8448(const struct tls_vec *v, const char *name, const char *key, const char *iv,
                      uint64_t seq, uint8_t want_type, const uint8_t *want, size_t want_len)
{
    tls_record_dir d;
    size_t rl;
    const uint8_t *r = tv_get(v, name, &rl);
    uint8_t buf[1024], type, *frag;
    size_t flen;
    int alert;
    memset(&d, 0, sizeof d);
    CL_ASSERT_OK(tls_record_dir_set13(&d, tv_get(v, key, NULL), tv_get(v, iv, NULL)));
    d.seq = seq;
    CU_ASSERT_FATAL(rl <= sizeof buf);
    memcpy(buf, r, rl);
    CL_ASSERT_OK(tls_record_open(&d, buf, rl, &type, &frag, &flen, &alert));
    CU_ASSERT_EQUAL(type, want_type);
    CU_ASSERT_EQUAL(flen, want_len);
    if (want != NULL && flen == want_len)
        CL_ASSERT_BYTES_EQ(name, want, frag, want_len);
    /* sealing the same plaintext at the same sequence gives the same record */
    uint8_t out[1024];
    size_t olen;
    d.seq = seq;
    CL_ASSERT_OK(tls_record_seal(&d, type, 0x0303, frag, flen, out, sizeof out, &olen));
    CU_ASSERT_EQUAL(olen, rl);
    CL_ASSERT_BYTES_EQ(name, r, out, rl);
    /* one flipped bit anywhere: bad_record_mac */
    for (size_t i = TLS_RECORD_HEADER; i < rl; i += 97) {
        memcpy(buf, r, rl);
        buf[i] ^= 0x40;
        d.seq = seq;
        CU_ASSERT_EQUAL(tls_record_open(&d, buf, rl, &type, &frag, &flen, &alert), CL_ERR_BAD_RECORD_MAC);
        CU_ASSERT_EQUAL(alert, TLS_ALERT_BAD_RECORD_MAC);
    }
    /* the wrong sequence number: bad_record_mac */
    memcpy(buf, r, rl);
    d.seq = seq + 1;
    CU_ASSERT_EQUAL(tls_record_open(&d, buf, rl, &type, &frag, &flen, &alert), CL_ERR_BAD_RECORD_MAC);
    tls_record_dir_clear(&d);
}

static void test_rfc8448_records(void)
{
    struct tls_vec v;
    size_t lfl, lcf, lad;
    CU_ASSERT_FATAL(tv_load(&v, R8448));
    const uint8_t *fl = tv_get(&v, "ServerFlight", &lfl), *cf = tv_get(&v, "ClientFinished", &lcf);
    const uint8_t *ad = tv_get(&v, "AppData", &lad);
    static const uint8_t close_notify[2] = { 1, 0 };
    open_8448(&v, "RecordServerFlight", "s_hs_key", "s_hs_iv", 0, TLS_CT_HANDSHAKE, fl, lfl);
    open_8448(&v, "RecordClientFinished", "c_hs_key", "c_hs_iv", 0, TLS_CT_HANDSHAKE, cf, lcf);
    open_8448(&v, "RecordClientData", "c_ap_key", "c_ap_iv", 0, TLS_CT_APPLICATION_DATA, ad, lad);
    /* the server's record 0 under the application keys is its NewSessionTicket */
    open_8448(&v, "RecordServerData", "s_ap_key", "s_ap_iv", 1, TLS_CT_APPLICATION_DATA, ad, lad);
    open_8448(&v, "RecordClientAlert", "c_ap_key", "c_ap_iv", 1, TLS_CT_ALERT, close_notify, 2);
    open_8448(&v, "RecordServerAlert", "s_ap_key", "s_ap_iv", 2, TLS_CT_ALERT, close_notify, 2);
    tv_free(&v);
}

/* TLS 1.3 inner plaintext rules: padding stripped, all-zero refused, size limits. */
static void test_record13_rules(void)
{
    tls_record_dir w, r;
    uint8_t key[16] = { 7 }, iv[12] = { 9 }, rec[TLS_RECORD_HEADER + TLS13_MAX_CIPHERTEXT + 64];
    uint8_t data[TLS_MAX_PLAINTEXT + 300], type, *frag;
    size_t n, flen;
    int alert;
    memset(&w, 0, sizeof w);
    memset(&r, 0, sizeof r);
    memset(data, 0x5a, sizeof data);
    CL_ASSERT_OK(tls_record_dir_set13(&w, key, iv));
    CL_ASSERT_OK(tls_record_dir_set13(&r, key, iv));
    /* a full 2^14 fragment and an empty one round-trip */
    CL_ASSERT_OK(tls_record_seal(&w, TLS_CT_APPLICATION_DATA, 0x0303, data, TLS_MAX_PLAINTEXT, rec, sizeof rec, &n));
    CL_ASSERT_OK(tls_record_open(&r, rec, n, &type, &frag, &flen, &alert));
    CU_ASSERT_EQUAL(flen, TLS_MAX_PLAINTEXT);
    CL_ASSERT_OK(tls_record_seal(&w, TLS_CT_APPLICATION_DATA, 0x0303, data, 0, rec, sizeof rec, &n));
    CL_ASSERT_OK(tls_record_open(&r, rec, n, &type, &frag, &flen, &alert));
    CU_ASSERT_EQUAL(flen, 0);
    /* more than 2^14 is refused by the sender */
    CL_ASSERT_STATUS(tls_record_seal(&w, TLS_CT_APPLICATION_DATA, 0x0303, data, TLS_MAX_PLAINTEXT + 1,
                                     rec, sizeof rec, &n), CL_ERR_INPUT_LENGTH);
    /* padded by hand: content 'A', type 23, 200 zeros; then all zeros */
    for (int all_zero = 0; all_zero < 2; all_zero++) {
        uint8_t inner[202] = { 'A', TLS_CT_APPLICATION_DATA };
        uint8_t nonce[12];
        if (all_zero) memset(inner, 0, 2);
        rec[0] = 23; rec[1] = 3; rec[2] = 3; rec[3] = 0; rec[4] = (uint8_t)(sizeof inner + 16);
        memcpy(nonce, iv, 12);
        for (int i = 0; i < 8; i++) nonce[4 + i] ^= (uint8_t)(w.seq >> (56 - 8 * i));
        CL_ASSERT_OK(gcm_encrypt(&w.gcm, nonce, 12, rec, 5, inner, sizeof inner, rec + 5,
                                 rec + 5 + sizeof inner, 16));
        w.seq++;
        cl_status st = tls_record_open(&r, rec, 5 + sizeof inner + 16, &type, &frag, &flen, &alert);
        if (!all_zero) {
            CL_ASSERT_OK(st);
            CU_ASSERT(flen == 1 && frag[0] == 'A' && type == TLS_CT_APPLICATION_DATA);
        } else {
            CU_ASSERT_EQUAL(st, CL_ERR_PROTOCOL);
            CU_ASSERT_EQUAL(alert, TLS_ALERT_UNEXPECTED_MESSAGE);
        }
    }
    /* an outer type other than application_data once protected */
    CL_ASSERT_OK(tls_record_seal(&w, TLS_CT_HANDSHAKE, 0x0303, data, 10, rec, sizeof rec, &n));
    rec[0] = TLS_CT_HANDSHAKE;
    CU_ASSERT_EQUAL(tls_record_open(&r, rec, n, &type, &frag, &flen, &alert), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(alert, TLS_ALERT_UNEXPECTED_MESSAGE);
    /* a ciphertext longer than 2^14 + 256: record_overflow */
    rec[0] = 23; rec[3] = (uint8_t)((TLS13_MAX_CIPHERTEXT + 1) >> 8); rec[4] = (uint8_t)(TLS13_MAX_CIPHERTEXT + 1);
    CU_ASSERT_EQUAL(tls_record_open(&r, rec, 5 + TLS13_MAX_CIPHERTEXT + 1, &type, &frag, &flen, &alert), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(alert, TLS_ALERT_RECORD_OVERFLOW);
    /* a header length that disagrees with the record: decode_error */
    rec[3] = 0; rec[4] = 40;
    CU_ASSERT_EQUAL(tls_record_open(&r, rec, 50, &type, &frag, &flen, &alert), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(alert, TLS_ALERT_DECODE_ERROR);
    tls_record_dir_clear(&w);
    tls_record_dir_clear(&r);
}

/* TLS 1.2 GCM records (RFC 5288): explicit nonce = sequence number, AAD with the plaintext length. */
static void test_record12(void)
{
    tls_record_dir w, r;
    uint8_t key[16] = { 1, 2, 3 }, salt[4] = { 0xa, 0xb, 0xc, 0xd }, rec[TLS_RECORD_HEADER + TLS12_MAX_CIPHERTEXT];
    uint8_t data[100], type, *frag;
    size_t n, flen;
    int alert;
    memset(&w, 0, sizeof w);
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 100; i++) data[i] = (uint8_t)i;
    CL_ASSERT_OK(tls_record_dir_set12(&w, key, salt));
    CL_ASSERT_OK(tls_record_dir_set12(&r, key, salt));
    for (uint64_t seq = 0; seq < 3; seq++) {
        CL_ASSERT_OK(tls_record_seal(&w, TLS_CT_APPLICATION_DATA, 0x0303, data, 100, rec, sizeof rec, &n));
        CU_ASSERT_EQUAL(n, 5 + 8 + 100 + 16);
        CU_ASSERT_EQUAL(rec[0], TLS_CT_APPLICATION_DATA);    /* 1.2: the real type outside */
        /* the explicit nonce is the sequence number */
        CU_ASSERT_EQUAL(load64_be_t(rec + 5), seq);
        CL_ASSERT_OK(tls_record_open(&r, rec, n, &type, &frag, &flen, &alert));
        CU_ASSERT(flen == 100 && memcmp(frag, data, 100) == 0);
    }
    /* the type is authenticated */
    CL_ASSERT_OK(tls_record_seal(&w, TLS_CT_APPLICATION_DATA, 0x0303, data, 100, rec, sizeof rec, &n));
    rec[0] = TLS_CT_HANDSHAKE;
    CU_ASSERT_EQUAL(tls_record_open(&r, rec, n, &type, &frag, &flen, &alert), CL_ERR_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(alert, TLS_ALERT_BAD_RECORD_MAC);
    /* too short for nonce and tag */
    rec[0] = 23; rec[3] = 0; rec[4] = 20;
    CU_ASSERT_EQUAL(tls_record_open(&r, rec, 25, &type, &frag, &flen, &alert), CL_ERR_BAD_RECORD_MAC);
    tls_record_dir_clear(&w);
    tls_record_dir_clear(&r);
}

/* ---------------------------------------------------------------- client certificates */

static void test_certificate_request(void)
{
    static const uint16_t algs[3] = { TLS_SIG_RSA_PSS_RSAE_SHA256, TLS_SIG_RSA_PSS_PSS_SHA256, TLS_SIG_RSA_PKCS1_SHA256 };
    static const uint8_t dn1[] = { 0x30, 0x03, 0x31, 0x01, 0x00 }, dn2[] = { 0x30, 0x00 };
    const uint8_t *dns[2] = { dn1, dn2 };
    const size_t dn_len[2] = { sizeof dn1, sizeof dn2 };
    uint8_t buf[256];
    for (int v13 = 0; v13 <= 1; v13++) {
        for (size_t n_ca = 0; n_ca <= 2; n_ca += 2) {
            tls_wr w;
            const uint8_t *ctx;
            size_t ctx_len, n;
            uint16_t got[TLS_MAX_LIST];
            int alert = -1;
            tls_wr_init(&w, buf, sizeof buf);
            tls_write_certificate_request(&w, v13, algs, v13 ? 2 : 3, dns, dn_len, n_ca);
            CU_ASSERT_FATAL(!w.bad && w.len > 4 && buf[0] == TLS_HS_CERTIFICATE_REQUEST);
            CU_ASSERT_EQUAL(tls_parse_certificate_request(buf + 4, w.len - 4, v13, &ctx, &ctx_len, got, &n, &alert), CL_OK);
            CU_ASSERT_EQUAL(n, v13 ? 2u : 3u);
            CU_ASSERT(n >= 2 && got[0] == TLS_SIG_RSA_PSS_RSAE_SHA256 && got[1] == TLS_SIG_RSA_PSS_PSS_SHA256);
            CU_ASSERT_EQUAL(ctx_len, 0u);
            /* one byte short: decode_error */
            CU_ASSERT_EQUAL(tls_parse_certificate_request(buf + 4, w.len - 5, v13, &ctx, &ctx_len, got, &n, &alert),
                            CL_ERR_PROTOCOL);
        }
    }
    /* 1.3 without signature_algorithms: missing_extension (§4.3.2) */
    {
        static const uint8_t cr[] = { 0x00, 0x00, 0x04, 0x12, 0x34, 0x00, 0x00 };   /* one unknown extension */
        const uint8_t *ctx;
        size_t ctx_len, n;
        uint16_t got[TLS_MAX_LIST];
        int alert = -1;
        CU_ASSERT_EQUAL(tls_parse_certificate_request(cr, sizeof cr, 1, &ctx, &ctx_len, got, &n, &alert), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(alert, TLS_ALERT_MISSING_EXTENSION);
    }
}

static void test_client_certificate(void)
{
    static const uint8_t der[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
    const uint8_t *ders[1] = { der };
    const size_t lens[1] = { sizeof der };
    static const uint8_t ctx[2] = { 0xAA, 0xBB };
    uint8_t buf[128];
    tls_chain_view v;
    tls_wr w;
    int alert = -1;
    /* empty: allowed for a client, not for a server */
    for (int v13 = 0; v13 <= 1; v13++) {
        tls_wr_init(&w, buf, sizeof buf);
        tls_write_empty_certificate(&w, v13, NULL, 0);
        CU_ASSERT_EQUAL(tls_parse_client_certificate(buf + 4, w.len - 4, v13, NULL, 0, &v, &alert), CL_OK);
        CU_ASSERT_EQUAL(v.n, 0u);
        CU_ASSERT_EQUAL(tls_parse_certificate(buf + 4, w.len - 4, v13, &v, &alert), CL_ERR_PROTOCOL);
    }
    /* 1.3 with a context: it must be the CertificateRequest's */
    tls_wr_init(&w, buf, sizeof buf);
    tls_write_certificate_ctx(&w, 1, ctx, sizeof ctx, ders, lens, 1);
    CU_ASSERT_EQUAL(tls_parse_client_certificate(buf + 4, w.len - 4, 1, ctx, sizeof ctx, &v, &alert), CL_OK);
    CU_ASSERT(v.n == 1 && v.len[0] == sizeof der && memcmp(v.der[0], der, sizeof der) == 0);
    CU_ASSERT_EQUAL(tls_parse_client_certificate(buf + 4, w.len - 4, 1, ctx, 1, &v, &alert), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(alert, TLS_ALERT_ILLEGAL_PARAMETER);
    CU_ASSERT_EQUAL(tls_parse_client_certificate(buf + 4, w.len - 4, 1, NULL, 0, &v, &alert), CL_ERR_PROTOCOL);
}

void register_tls_suites(void)
{
    CU_pSuite s = tu_add_suite("tls_ffdhe");
    tu_add_test(s, "RFC 7919 groups: safe primes of the stated size", test_ffdhe_groups);
    tu_add_test(s, "known answers with fixed private values", test_ffdhe_kat);
    tu_add_test(s, "public values 1 < Y < p-1, exponent sizes", test_ffdhe_public_checks);
    s = tu_add_suite("tls12_prf");
    tu_add_test(s, "P_SHA256 (IETF TLS WG vector)", test_prf_sha256);
    tu_add_test(s, "master secret, EMS, key block, verify_data (openssl TLS1-PRF)", test_prf_derive);
    s = tu_add_suite("tls_premaster");
    tu_add_test(s, "RFC 5246 7.4.7.1: every failure gives 48 bytes and CL_OK", test_premaster_one_path);
    s = tu_add_suite("tls13_rfc8448");
    tu_add_test(s, "RFC 8448 section 3 key schedule, byte for byte", test_rfc8448_key_schedule);
    tu_add_test(s, "HKDF-Expand-Label limits", test_expand_label_limits);
    tu_add_test(s, "RFC 8448 section 3 records: open, seal byte for byte, tamper", test_rfc8448_records);
    s = tu_add_suite("tls_record");
    tu_add_test(s, "TLS 1.3 inner plaintext, padding, limits, alerts", test_record13_rules);
    tu_add_test(s, "TLS 1.2 GCM records (RFC 5288)", test_record12);
    s = tu_add_suite("tls_messages");
    tu_add_test(s, "CertificateRequest 1.2 and 1.3, written and read back", test_certificate_request);
    tu_add_test(s, "a client's Certificate: empty allowed, context checked", test_client_certificate);
}
