/*
 * tests/test_sha256.c -- SHA-256 (FIPS 180-4), SHA-1, HMAC (RFC 2104 /
 * RFC 4231), HKDF (RFC 5869).
 *
 * Known answers come from the standards' own examples: FIPS 180-4 / NIST
 * "Cryptographic Standards and Guidelines -- Examples with Intermediate
 * Values" (SHA256.pdf, SHA1.pdf), RFC 4231 §4.2-4.8, RFC 2202 §3, RFC 5869
 * Appendix A.  The padding-boundary digests were computed with an
 * independent implementation (Python hashlib) and are the SHA-256 of
 * bytes (7*i + 1) mod 256, i = 0..n-1.
 */
#include <string.h>
#include "testutil.h"
#include "common/ct.h"
#include "common/bytes.h"
#include "sha256/sha256.h"
#include "sha256/sha256_internal.h"
#include "sha256/sha256_functions.h"
#include "sha256/sha1.h"
#include "sha256/hash.h"
#include "sha256/hmac.h"
#include "sha256/hkdf.h"

#define S(x) ((const uint8_t *)(x))

static const char MSG448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char MSG896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                             "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

static void check_sha256(const char *label, const uint8_t *msg, size_t len, const char *hex)
{
    uint8_t want[32], got[32];
    tu_hex(hex, want, sizeof want);
    CL_ASSERT_OK(sha256_digest(msg, len, got));
    CL_ASSERT_BYTES_EQ(label, want, got, 32);
}

/* ---------------------------------------------------------------- SHA-256 */

static void test_known_answers(void)
{
    check_sha256("empty", S(""), 0,
                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check_sha256("abc", S("abc"), 3,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    check_sha256("448-bit", S(MSG448), strlen(MSG448),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    check_sha256("896-bit", S(MSG896), strlen(MSG896),
                 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");

    /* one million 'a' (FIPS 180-2 Appendix B.3), fed in 1000-byte pieces */
    uint8_t a[1000], want[32], got[32];
    memset(a, 'a', sizeof a);
    sha256_ctx ctx;
    CL_ASSERT_OK(sha256_init(&ctx));
    for (int i = 0; i < 1000; i++)
        CL_ASSERT_OK(sha256_update(&ctx, a, sizeof a));
    CL_ASSERT_OK(sha256_final(&ctx, got));
    tu_hex("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", want, 32);
    CL_ASSERT_BYTES_EQ("million a", want, got, 32);
}

static void test_functions(void)
{
    /* §4.1.2 on hand-checkable inputs */
    CU_ASSERT_EQUAL(ROTR(4, 0x12345678u), 0x81234567u);
    CU_ASSERT_EQUAL(SHR(4, 0x12345678u), 0x01234567u);
    CU_ASSERT_EQUAL(Ch(0xffff0000u, 0x12345678u, 0x9abcdef0u), 0x1234def0u);
    CU_ASSERT_EQUAL(Maj(0xff00ff00u, 0xf0f0f0f0u, 0x0000ffffu), 0xf000fff0u);
    CU_ASSERT_EQUAL(Sigma0(1u), (1u << 30) | (1u << 19) | (1u << 10));
    CU_ASSERT_EQUAL(Sigma1(1u), (1u << 26) | (1u << 21) | (1u << 7));
    CU_ASSERT_EQUAL(sigma0(0x80u), (1u << 0) | (1u << 21) | (1u << 4));
    CU_ASSERT_EQUAL(sigma1(0x20000u), (1u << 0) | (1u << 30) | (1u << 7));
    /* §4.2.2 / §5.3.3 first and last words */
    CU_ASSERT_EQUAL(SHA256_K[0], 0x428a2f98u);
    CU_ASSERT_EQUAL(SHA256_K[63], 0xc67178f2u);
    CU_ASSERT_EQUAL(SHA256_H0[0], 0x6a09e667u);
    CU_ASSERT_EQUAL(SHA256_H0[7], 0x5be0cd19u);
}

/* Every split of a message into two update() calls, and byte-at-a-time. */
static void test_split_offsets(void)
{
    uint64_t rs = 0x5eed;
    uint8_t msg[300];
    tu_rand_bytes(&rs, msg, sizeof msg);
    const size_t lens[] = { 0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 200, 300 };
    for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
        size_t len = lens[k];
        uint8_t want[32], got[32];
        CL_ASSERT_OK(sha256_digest(msg, len, want));
        for (size_t s = 0; s <= len; s++) {
            sha256_ctx ctx;
            CL_ASSERT_OK(sha256_init(&ctx));
            CL_ASSERT_OK(sha256_update(&ctx, msg, s));
            CL_ASSERT_OK(sha256_update(&ctx, msg + s, len - s));
            CL_ASSERT_OK(sha256_final(&ctx, got));
            if (memcmp(want, got, 32) != 0) {
                CL_ASSERT_BYTES_EQ("split", want, got, 32);
                return;
            }
        }
        sha256_ctx ctx;
        CL_ASSERT_OK(sha256_init(&ctx));
        for (size_t j = 0; j < len; j++)
            CL_ASSERT_OK(sha256_update(&ctx, msg + j, 1));
        CL_ASSERT_OK(sha256_update(&ctx, NULL, 0));
        CL_ASSERT_OK(sha256_final(&ctx, got));
        CL_ASSERT_BYTES_EQ("byte at a time", want, got, 32);
    }
    /* random three-way splits of a known two-block message */
    uint8_t want[32], got[32];
    tu_hex("cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", want, 32);
    size_t len = strlen(MSG896);
    for (int r = 0; r < 200; r++) {
        size_t a = tu_rand_u32(&rs) % (len + 1);
        size_t b = a + tu_rand_u32(&rs) % (len - a + 1);
        sha256_ctx ctx;
        CL_ASSERT_OK(sha256_init(&ctx));
        CL_ASSERT_OK(sha256_update(&ctx, S(MSG896), a));
        CL_ASSERT_OK(sha256_update(&ctx, S(MSG896) + a, b - a));
        CL_ASSERT_OK(sha256_update(&ctx, S(MSG896) + b, len - b));
        CL_ASSERT_OK(sha256_final(&ctx, got));
        CL_ASSERT_BYTES_EQ("3-way split", want, got, 32);
    }
}

static void test_padding_boundaries(void)
{
    static const struct { size_t n; const char *md; } v[] = {
        { 55, "16fa57a0a3423a715d594516339f36189d6b5f93754a9714fef202616a9fabfe" },
        { 56, "c37b44e5f1b18554b36966f4f8e08bfbf3164c4b6c10374d12d89850892073c5" },
        { 57, "12b234922502022f755ab8550a3d4e202ad39c81d961a4f59ec39d5fd83d15a7" },
        { 63, "bbba992d2c85af960fb2987a1fd05e0aa82a3db3c740dd8982a9e273b75e36a3" },
        { 64, "66bd4633ed6f71c4ecfa4763bf7ba1c8ec7612de9aa6c0578a7b675207c71e0b" },
        { 65, "9f7dc47107b750a1f3d35db5d9547f24ef40da5b731b9540d4f43710a154f6c9" },
        { 119, "a3ed307b730fa77c07531300c6e4a282330011d4d4caf6bb7b63ae05950f4b66" },
        { 120, "8e3b15d9fea7472655aa069620b7f8c2e55ee1499f763200a7515fe826e99d20" },
        { 127, "44480fb9672845177f5368a08b69ea263275f2a5ec42e06a933370fe0d2968a4" },
        { 128, "e462c130fef8c97e34f7dc3ff3ad2f8b3533ab849af21c10531552a2852387a4" },
        { 129, "aa7ea4e8bf89146aeb67ff195fd8182a0e504c9d580aa7af8d2c862e14b98405" },
    };
    uint8_t msg[129];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(7 * i + 1);
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
        char label[32];
        snprintf(label, sizeof label, "length %zu", v[k].n);
        check_sha256(label, msg, v[k].n, v[k].md);
    }
    /* §5.1.1: the padding itself -- 0x80, zeros, 64-bit length */
    uint8_t pad[SHA256_MAX_PAD];
    static const struct { uint64_t len; size_t padlen; } p[] = {
        { 0, 64 }, { 55, 9 }, { 56, 72 }, { 63, 65 }, { 64, 64 }, { 65, 63 }, { 119, 9 }, { 120, 72 },
    };
    for (size_t k = 0; k < sizeof p / sizeof p[0]; k++) {
        size_t n = sha256_padding(p[k].len, pad);
        CU_ASSERT_EQUAL(n, p[k].padlen);
        CU_ASSERT_EQUAL((p[k].len + n) % 64, 0);
        CU_ASSERT_EQUAL(pad[0], 0x80);
        for (size_t j = 1; j < n - 8; j++)
            CU_ASSERT_EQUAL(pad[j], 0);
        CU_ASSERT_EQUAL(load64_be(pad + n - 8), 8 * p[k].len);
    }
}

/* §5.1.1: l is a 64-bit number; cryptolab counts bytes, so the bit length
 * 8 * total_len must cross 2^32 correctly and stop below 2^64. */
static void test_64bit_length(void)
{
    uint8_t pad[SHA256_MAX_PAD];
    size_t n = sha256_padding(UINT64_C(1) << 29, pad);          /* 2^32 bits */
    CL_ASSERT_BYTES_EQ("2^32 bits", "\x00\x00\x00\x01\x00\x00\x00\x00", pad + n - 8, 8);
    n = sha256_padding((UINT64_C(1) << 30) + 3, pad);           /* 1 GiB + 3 bytes */
    CL_ASSERT_BYTES_EQ("2^33+24 bits", "\x00\x00\x00\x02\x00\x00\x00\x18", pad + n - 8, 8);
    n = sha256_padding(SHA256_MAX_MESSAGE_BYTES, pad);          /* 2^64 - 8 bits */
    CL_ASSERT_BYTES_EQ("max bits", "\xff\xff\xff\xff\xff\xff\xff\xf8", pad + n - 8, 8);

    /* The limit is enforced: resume just below 2^61 bytes. */
    sha256_ctx ctx;
    uint8_t d[32] = { 0 }, out[32];
    uint64_t near = SHA256_MAX_MESSAGE_BYTES - 63;              /* multiple of 64 */
    CL_ASSERT_OK(sha256_resume(&ctx, d, near));
    CL_ASSERT_OK(sha256_update(&ctx, d, 32));
    CL_ASSERT_OK(sha256_update(&ctx, d, 31));                   /* exactly 2^61 - 1 */
    CL_ASSERT_STATUS(sha256_update(&ctx, d, 1), CL_ERR_MESSAGE_TOO_LONG);
    CL_ASSERT_OK(sha256_final(&ctx, out));
    CL_ASSERT_STATUS(sha256_resume(&ctx, d, 100), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(sha256_resume(&ctx, d, SHA256_MAX_MESSAGE_BYTES + 1), CL_ERR_BAD_ARGUMENT);
}

/* Length extension with sha256_resume(): H(secret || m || pad || x) from
 * H(secret || m) and the length alone (what the lab does). */
static void test_resume(void)
{
    const uint8_t secret_msg[] = "SECRETKEY:amount=10";
    size_t len = sizeof secret_msg - 1;
    uint8_t d1[32], pad[SHA256_MAX_PAD], forged[32], real[32];
    CL_ASSERT_OK(sha256_digest(secret_msg, len, d1));
    size_t padlen = sha256_padding(len, pad);

    sha256_ctx ctx;
    CL_ASSERT_OK(sha256_resume(&ctx, d1, len + padlen));
    CL_ASSERT_OK(sha256_update(&ctx, S("&amount=1000000"), 15));
    CL_ASSERT_OK(sha256_final(&ctx, forged));

    CL_ASSERT_OK(sha256_init(&ctx));
    CL_ASSERT_OK(sha256_update(&ctx, secret_msg, len));
    CL_ASSERT_OK(sha256_update(&ctx, pad, padlen));
    CL_ASSERT_OK(sha256_update(&ctx, S("&amount=1000000"), 15));
    CL_ASSERT_OK(sha256_final(&ctx, real));
    CL_ASSERT_BYTES_EQ("length extension", real, forged, 32);

    /* resuming from H(0) at length 0 is a plain init */
    uint8_t h0[32], e1[32], e2[32];
    for (int j = 0; j < 8; j++)
        store32_be(h0 + 4 * j, SHA256_H0[j]);
    CL_ASSERT_OK(sha256_resume(&ctx, h0, 0));
    CL_ASSERT_OK(sha256_update(&ctx, S("abc"), 3));
    CL_ASSERT_OK(sha256_final(&ctx, e1));
    CL_ASSERT_OK(sha256_digest(S("abc"), 3, e2));
    CL_ASSERT_BYTES_EQ("resume at 0", e2, e1, 32);
}

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= b[i];
    return acc == 0;
}

static void test_wiping_and_state(void)
{
    sha256_ctx ctx;
    uint8_t out[32];
    CL_ASSERT_OK(sha256_init(&ctx));
    CL_ASSERT_OK(sha256_update(&ctx, S("secret data"), 11));
    CL_ASSERT_OK(sha256_final(&ctx, out));
    CU_ASSERT_TRUE(all_zero(&ctx, sizeof ctx));
    CL_ASSERT_STATUS(sha256_update(&ctx, S("x"), 1), CL_ERR_STATE);
    CL_ASSERT_STATUS(sha256_final(&ctx, out), CL_ERR_STATE);

    sha1_ctx c1;
    CL_ASSERT_OK(sha1_init(&c1));
    CL_ASSERT_OK(sha1_update(&c1, S("secret"), 6));
    CL_ASSERT_OK(sha1_final(&c1, out));
    CU_ASSERT_TRUE(all_zero(&c1, sizeof c1));
    CL_ASSERT_STATUS(sha1_update(&c1, S("x"), 1), CL_ERR_STATE);

    hmac_ctx h;
    CL_ASSERT_OK(hmac_init(&h, NULL, S("key"), 3));
    CL_ASSERT_OK(hmac_update(&h, S("msg"), 3));
    CL_ASSERT_OK(hmac_final(&h, out));
    CU_ASSERT_TRUE(all_zero(&h, sizeof h));
    CL_ASSERT_STATUS(hmac_update(&h, S("x"), 1), CL_ERR_STATE);
    CL_ASSERT_STATUS(hmac_final(&h, out), CL_ERR_STATE);
}

static void test_bad_input(void)
{
    sha256_ctx ctx;
    uint8_t out[64];
    CL_ASSERT_STATUS(sha256_init(NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_update(NULL, out, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(sha256_init(&ctx));
    CL_ASSERT_STATUS(sha256_update(&ctx, NULL, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_final(&ctx, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_final(NULL, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_digest(NULL, 5, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_digest(S("a"), 1, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(sha256_digest(NULL, 0, out));
    CL_ASSERT_STATUS(sha256_set_trace(NULL, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_resume(NULL, out, 0), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(sha256_resume(&ctx, NULL, 0), CL_ERR_NULL_POINTER);
    /* a context that was never initialised (zeroed) is refused */
    memset(&ctx, 0, sizeof ctx);
    CL_ASSERT_STATUS(sha256_update(&ctx, out, 1), CL_ERR_STATE);

    CL_ASSERT_STATUS(sha1_init(NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(cl_hash_digest(NULL, out, 1, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(cl_hash_digest(&cl_hash_sha256, NULL, 1, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(cl_hash_digest(&cl_hash_sha256, out, 1, NULL), CL_ERR_NULL_POINTER);

    hmac_ctx h;
    CL_ASSERT_STATUS(hmac_init(NULL, NULL, out, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hmac_init(&h, NULL, NULL, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(hmac_init(&h, NULL, NULL, 0));                 /* empty key is allowed */
    CL_ASSERT_STATUS(hmac_update(&h, NULL, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hmac_final(&h, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hmac_sha256(out, 1, out, 1, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hmac_sha256_verify(out, 1, out, 1, NULL, 32), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hmac_sha256_verify(out, 1, out, 1, out, 0), CL_ERR_TAG_LENGTH);
    CL_ASSERT_STATUS(hmac_sha256_verify(out, 1, out, 1, out, 33), CL_ERR_BAD_ARGUMENT);

    CL_ASSERT_STATUS(hkdf_sha256_extract(NULL, 0, out, 1, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_extract(NULL, 1, out, 1, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_extract(NULL, 0, NULL, 1, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_expand(NULL, 32, NULL, 0, out, 32), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_expand(out, 32, NULL, 0, NULL, 32), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_expand(out, 32, NULL, 1, out, 32), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(hkdf_sha256_expand(out, 31, NULL, 0, out, 32), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_OK(hkdf_sha256_expand(out, 32, NULL, 0, NULL, 0));
}

/* ---------------------------------------------------------------- SHA-1 */

static void test_sha1(void)
{
    static const struct { const char *msg; const char *md; } v[] = {
        { "", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
        { "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
        { MSG448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
    };
    uint8_t want[20], got[20];
    for (size_t k = 0; k < 3; k++) {
        tu_hex(v[k].md, want, sizeof want);
        CL_ASSERT_OK(sha1_digest(S(v[k].msg), strlen(v[k].msg), got));
        CL_ASSERT_BYTES_EQ("sha1", want, got, 20);
        CL_ASSERT_OK(cl_hash_digest(&cl_hash_sha1, S(v[k].msg), strlen(v[k].msg), got));
        CL_ASSERT_BYTES_EQ("sha1 descriptor", want, got, 20);
    }
    uint8_t a[1000];
    memset(a, 'a', sizeof a);
    sha1_ctx ctx;
    CL_ASSERT_OK(sha1_init(&ctx));
    for (int i = 0; i < 1000; i++)
        CL_ASSERT_OK(sha1_update(&ctx, a, sizeof a));
    CL_ASSERT_OK(sha1_final(&ctx, got));
    tu_hex("34aa973cd4c4daa4f61eeb2bdbad27316534016f", want, 20);
    CL_ASSERT_BYTES_EQ("sha1 million a", want, got, 20);

    CU_ASSERT_EQUAL(cl_hash_sha1.digest_len, 20);
    CU_ASSERT_EQUAL(cl_hash_sha256.digest_len, 32);
    CU_ASSERT_EQUAL(cl_hash_sha256.block_len, 64);
    CU_ASSERT_STRING_EQUAL(cl_hash_sha256.name, "SHA256");
}

/* ---------------------------------------------------------------- HMAC */

/* RFC 4231 §4.2-§4.8, HMAC-SHA-256 rows. */
struct rfc4231_case { const char *key_hex; const char *data; int data_is_hex; const char *mac; };

static void fill(char *hex, const char *byte, size_t n)
{
    for (size_t i = 0; i < n; i++)
        memcpy(hex + 2 * i, byte, 2);
    hex[2 * n] = '\0';
}

static void test_hmac_rfc4231(void)
{
    char k1[41], k3[41], k5[41], k6[263], d3[101], d4[101];
    fill(k1, "0b", 20);
    fill(k3, "aa", 20);
    fill(k5, "0c", 20);
    fill(k6, "aa", 131);
    fill(d3, "dd", 50);
    fill(d4, "cd", 50);
    const struct rfc4231_case c[] = {
        { k1, "Hi There", 0, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        { "4a656665", "what do ya want for nothing?", 0,
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        { k3, d3, 1, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", d4, 1,
          "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        { k5, "Test With Truncation", 0, "a3b6167473100ee06e0c796c2955552b" },   /* 128 bits */
        { k6, "Test Using Larger Than Block-Size Key - Hash Key First", 0,
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        { k6, "This is a test using a larger than block-size key and a larger than block-size data."
              " The key needs to be hashed before being used by the HMAC algorithm.", 0,
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };
    for (size_t k = 0; k < sizeof c / sizeof c[0]; k++) {
        uint8_t key[131], data[200], want[32], got[32];
        size_t kl = tu_hex(c[k].key_hex, key, sizeof key);
        size_t dl;
        if (c[k].data_is_hex) {
            dl = tu_hex(c[k].data, data, sizeof data);
        } else {
            dl = strlen(c[k].data);
            memcpy(data, c[k].data, dl);
        }
        size_t ml = tu_hex(c[k].mac, want, sizeof want);
        char label[40];
        snprintf(label, sizeof label, "RFC 4231 test case %zu", k + 1);
        CL_ASSERT_OK(hmac_sha256(key, kl, data, dl, got));
        CL_ASSERT_BYTES_EQ(label, want, got, ml);
        CL_ASSERT_OK(hmac_sha256_verify(key, kl, data, dl, want, ml));
        want[ml - 1] ^= 1;
        CL_ASSERT_STATUS(hmac_sha256_verify(key, kl, data, dl, want, ml), CL_ERR_AUTH);
        want[ml - 1] ^= 1;

        /* streaming: every split of the data */
        for (size_t s = 0; s <= dl; s++) {
            hmac_ctx h;
            CL_ASSERT_OK(hmac_init(&h, &cl_hash_sha256, key, kl));
            CL_ASSERT_OK(hmac_update(&h, data, s));
            CL_ASSERT_OK(hmac_update(&h, data + s, dl - s));
            CL_ASSERT_OK(hmac_final(&h, got));
            if (memcmp(want, got, ml) != 0) {
                CL_ASSERT_BYTES_EQ(label, want, got, ml);
                break;
            }
        }
    }
}

/* RFC 2202 §3 test case 1 (HMAC-SHA-1): HMAC over the hash descriptor. */
static void test_hmac_sha1(void)
{
    uint8_t key[20], want[20], got[20];
    memset(key, 0x0b, sizeof key);
    tu_hex("b617318655057264e28bc0b6fb378c8ef146be00", want, sizeof want);
    hmac_ctx h;
    CL_ASSERT_OK(hmac_init(&h, &cl_hash_sha1, key, sizeof key));
    CL_ASSERT_OK(hmac_update(&h, S("Hi There"), 8));
    CL_ASSERT_OK(hmac_final(&h, got));
    CL_ASSERT_BYTES_EQ("RFC 2202 case 1", want, got, 20);
}

/* A key of exactly B = 64 bytes is used as is; 65 bytes is hashed first:
 * HMAC(K, m) == HMAC(SHA-256(K), m) for |K| > 64. */
static void test_hmac_key_lengths(void)
{
    uint64_t rs = 77;
    uint8_t key[200], hk[32], m[50], a[32], b[32];
    tu_rand_bytes(&rs, key, sizeof key);
    tu_rand_bytes(&rs, m, sizeof m);
    for (size_t kl = 65; kl <= 200; kl += 45) {
        CL_ASSERT_OK(sha256_digest(key, kl, hk));
        CL_ASSERT_OK(hmac_sha256(key, kl, m, sizeof m, a));
        CL_ASSERT_OK(hmac_sha256(hk, 32, m, sizeof m, b));
        CL_ASSERT_BYTES_EQ("long key hashed", a, b, 32);
    }
    /* 64 bytes: not hashed, so the two differ */
    CL_ASSERT_OK(sha256_digest(key, 64, hk));
    CL_ASSERT_OK(hmac_sha256(key, 64, m, sizeof m, a));
    CL_ASSERT_OK(hmac_sha256(hk, 32, m, sizeof m, b));
    CU_ASSERT_FALSE(memcmp(a, b, 32) == 0);
}

/* ---------------------------------------------------------------- HKDF */

/* RFC 2104 §5: a truncated tag keeps at least half the output and 80 bits;
 * shorter tags only when the caller asks for them explicitly. */
static void test_hmac_min_tag(void)
{
    const uint8_t key[] = "key", msg[] = "The quick brown fox jumps over the lazy dog";
    uint8_t tag[32];
    CL_ASSERT_OK(hmac_sha256(key, 3, msg, sizeof msg - 1, tag));
    /* known answer (the HMAC-SHA256 example of Wikipedia / many libraries) */
    uint8_t want[32];
    tu_hex("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", want, sizeof want);
    CL_ASSERT_BYTES_EQ("HMAC-SHA256(key, fox)", want, tag, 32);
    for (size_t n = 1; n <= 32; n++) {
        cl_status st = hmac_sha256_verify(key, 3, msg, sizeof msg - 1, tag, n);
        CU_ASSERT_EQUAL(st, n < HMAC_SHA256_MIN_TAG ? CL_ERR_TAG_LENGTH : CL_OK);
        /* explicitly asked for: down to 1 byte */
        CL_ASSERT_OK(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, n, 1));
        CU_ASSERT_EQUAL(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, n, 10),
                        n < 10 ? CL_ERR_TAG_LENGTH : CL_OK);
    }
    CU_ASSERT_EQUAL(HMAC_SHA256_MIN_TAG, 16);                  /* max(32/2, 80/8) */
    tag[15] ^= 1;
    CL_ASSERT_STATUS(hmac_sha256_verify(key, 3, msg, sizeof msg - 1, tag, 16), CL_ERR_AUTH);
    CL_ASSERT_STATUS(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, 16, 1), CL_ERR_AUTH);
    CL_ASSERT_OK(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, 15, 1));
    CL_ASSERT_STATUS(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, 16, 0), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, 16, 33), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, tag, 33, 1), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(hmac_sha256_verify_min(key, 3, msg, sizeof msg - 1, NULL, 16, 1), CL_ERR_NULL_POINTER);
}

static void test_hkdf_rfc5869(void)
{
    static const struct { const char *ikm, *salt, *info; size_t L; const char *prk, *okm; } v[] = {
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
          "f0f1f2f3f4f5f6f7f8f9", 42,
          "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
          "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865" },
        { "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
          "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
          "404142434445464748494a4b4c4d4e4f",
          "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
          "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
          "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
          "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
          "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
          "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", 82,
          "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
          "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
          "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
          "cc30c58179ec3e87c14c01d5c1f3434f1d87" },
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
          "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
          "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8" },
    };
    for (size_t k = 0; k < 3; k++) {
        uint8_t ikm[80], salt[80], info[80], prk[32], okm[82], want_prk[32], want_okm[82];
        size_t il = tu_hex(v[k].ikm, ikm, sizeof ikm);
        size_t sl = tu_hex(v[k].salt, salt, sizeof salt);
        size_t nl = tu_hex(v[k].info, info, sizeof info);
        tu_hex(v[k].prk, want_prk, sizeof want_prk);
        tu_hex(v[k].okm, want_okm, sizeof want_okm);
        char label[40];
        snprintf(label, sizeof label, "RFC 5869 A.%zu PRK", k + 1);
        CL_ASSERT_OK(hkdf_sha256_extract(sl ? salt : NULL, sl, ikm, il, prk));
        CL_ASSERT_BYTES_EQ(label, want_prk, prk, 32);
        snprintf(label, sizeof label, "RFC 5869 A.%zu OKM", k + 1);
        CL_ASSERT_OK(hkdf_sha256_expand(prk, 32, nl ? info : NULL, nl, okm, v[k].L));
        CL_ASSERT_BYTES_EQ(label, want_okm, okm, v[k].L);
        memset(okm, 0, sizeof okm);
        CL_ASSERT_OK(hkdf_sha256(salt, sl, ikm, il, info, nl, okm, v[k].L));
        CL_ASSERT_BYTES_EQ(label, want_okm, okm, v[k].L);
    }
}

static void test_hkdf_length(void)
{
    static uint8_t okm[255 * 32 + 1];
    uint8_t prk[32] = { 1 };
    CL_ASSERT_OK(hkdf_sha256_expand(prk, 32, S("x"), 1, okm, 255 * 32));
    CL_ASSERT_STATUS(hkdf_sha256_expand(prk, 32, S("x"), 1, okm, 255 * 32 + 1), CL_ERR_HKDF_LENGTH);
    CL_ASSERT_STATUS(hkdf_sha256(NULL, 0, S("k"), 1, NULL, 0, okm, 255 * 32 + 1), CL_ERR_HKDF_LENGTH);
    CL_ASSERT_STATUS(hkdf_sha256(NULL, 0, S("k"), 1, NULL, 0, okm, (size_t)-1), CL_ERR_HKDF_LENGTH);
    /* prefix property: a shorter L is a prefix of a longer one */
    uint8_t a[100], b[40];
    CL_ASSERT_OK(hkdf_sha256_expand(prk, 32, S("i"), 1, a, sizeof a));
    CL_ASSERT_OK(hkdf_sha256_expand(prk, 32, S("i"), 1, b, sizeof b));
    CL_ASSERT_BYTES_EQ("prefix", a, b, sizeof b);
}

void register_sha256_suites(void);
void register_sha256_suites(void)
{
    CU_pSuite s = tu_add_suite("sha256");
    tu_add_test(s, "known answers (FIPS 180-4 examples)", test_known_answers);
    tu_add_test(s, "functions and constants (4.1.2, 4.2.2, 5.3.3)", test_functions);
    tu_add_test(s, "every split offset", test_split_offsets);
    tu_add_test(s, "padding boundaries 55/56/63/64/65 (5.1.1)", test_padding_boundaries);
    tu_add_test(s, "64-bit length", test_64bit_length);
    tu_add_test(s, "resume (length extension)", test_resume);
    tu_add_test(s, "wiping and state", test_wiping_and_state);
    tu_add_test(s, "NULL and bad input", test_bad_input);
    tu_add_test(s, "SHA-1 known answers", test_sha1);

    CU_pSuite h = tu_add_suite("hmac");
    tu_add_test(h, "RFC 4231 test cases 1-7", test_hmac_rfc4231);
    tu_add_test(h, "RFC 2202 HMAC-SHA-1 via descriptor", test_hmac_sha1);
    tu_add_test(h, "keys longer than the block are hashed", test_hmac_key_lengths);
    tu_add_test(h, "truncated tags: RFC 2104 section 5 minimum", test_hmac_min_tag);

    CU_pSuite k = tu_add_suite("hkdf");
    tu_add_test(k, "RFC 5869 A.1-A.3", test_hkdf_rfc5869);
    tu_add_test(k, "length limit 255*32", test_hkdf_length);
}
