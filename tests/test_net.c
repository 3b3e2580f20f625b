/* tests/test_net.c -- the secure channel (docs/protocol.md): hostile wire
 * input, the record layer under tampering/replay/reordering, the key
 * schedule against an independent computation, handshakes over a
 * socketpair, names and known hosts, and the known-answer transcript. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "testutil.h"
#include "common/bytes.h"
#include "common/hex.h"
#include "net/app.h"
#include "net/fingerprint.h"
#include "net/keyschedule.h"
#include "net/net.h"
#include "net/record.h"
#include "net/wire.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

/* ------------------------------------------------------------ wire */

static void test_frame_check(void)
{
    uint8_t a;
    static const struct { uint8_t type; uint32_t lo, hi; } t[] = {
        { NET_T_CLIENT_HELLO, 36, 51 }, { NET_T_SERVER_HELLO, 38, 2085 },
        { NET_T_KEY_EXCHANGE, 3, 1026 }, { NET_T_FINISHED, 32, 32 },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        CL_ASSERT_OK(net_frame_check(t[i].type, t[i].lo, 0, 0, &a));
        CL_ASSERT_OK(net_frame_check(t[i].type, t[i].hi, 0, 0, &a));
        CL_ASSERT_STATUS(net_frame_check(t[i].type, t[i].lo - 1, 0, 0, &a), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
        CL_ASSERT_STATUS(net_frame_check(t[i].type, t[i].hi + 1, 0, 0, &a), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(a, NET_ALERT_RECORD_OVERFLOW);
        CL_ASSERT_STATUS(net_frame_check(t[i].type, 0x80000000u, 0, 0, &a), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(a, NET_ALERT_RECORD_OVERFLOW);
        CL_ASSERT_STATUS(net_frame_check(t[i].type, 0xffffffffu, 0, 0, &a), CL_ERR_PROTOCOL);
    }
    /* records: 1..16384 plaintext + 32 */
    CL_ASSERT_OK(net_frame_check(NET_T_APPDATA, 33, 1, 1, &a));
    CL_ASSERT_OK(net_frame_check(NET_T_APPDATA, 16416, 1, 1, &a));
    CL_ASSERT_STATUS(net_frame_check(NET_T_APPDATA, 16417, 1, 1, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_RECORD_OVERFLOW);
    CL_ASSERT_STATUS(net_frame_check(NET_T_APPDATA, 32, 1, 1, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    CL_ASSERT_STATUS(net_frame_check(NET_T_APPDATA, 100, 0, 1, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_UNEXPECTED_MESSAGE);
    /* alerts: 1 byte in clear, 33 protected */
    CL_ASSERT_OK(net_frame_check(NET_T_ALERT, 1, 0, 0, &a));
    CL_ASSERT_STATUS(net_frame_check(NET_T_ALERT, 1, 1, 1, &a), CL_ERR_PROTOCOL);
    CL_ASSERT_OK(net_frame_check(NET_T_ALERT, 33, 1, 1, &a));
    /* unknown types */
    for (int ty = 0; ty < 256; ty++) {
        if (ty == 1 || ty == 2 || ty == 3 || ty == 4 || ty == 0x15 || ty == 0x17) continue;
        a = 0;
        CL_ASSERT_STATUS(net_frame_check((uint8_t)ty, 40, 1, 1, &a), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(a, NET_ALERT_UNEXPECTED_MESSAGE);
    }
}

static void test_hello_parse(void)
{
    struct net_client_hello ch, back;
    uint8_t buf[128], a;
    size_t len;
    memset(&ch, 0, sizeof ch);
    ch.version = 1;
    for (int i = 0; i < 32; i++) ch.random[i] = (uint8_t)i;
    ch.n_suites = 2;
    ch.suites[0] = 2;
    ch.suites[1] = 1;
    CL_ASSERT_OK(net_encode_client_hello(&ch, buf, sizeof buf, &len));
    CU_ASSERT_EQUAL(len, 5 + 37);
    CL_ASSERT_BYTES_EQ("header", "\x01\x00\x00\x00\x25", buf, 5);
    CL_ASSERT_OK(net_parse_client_hello(buf + 5, len - 5, &back, &a));
    CU_ASSERT_EQUAL(back.n_suites, 2);
    CL_ASSERT_BYTES_EQ("random", ch.random, back.random, 32);
    /* trailing byte, missing byte, n_suites 0 and 17 */
    CL_ASSERT_STATUS(net_parse_client_hello(buf + 5, len - 4, &back, &a), CL_ERR_PROTOCOL);
    CL_ASSERT_STATUS(net_parse_client_hello(buf + 5, len - 6, &back, &a), CL_ERR_PROTOCOL);
    buf[5 + 34] = 0;
    CL_ASSERT_STATUS(net_parse_client_hello(buf + 5, 35, &back, &a), CL_ERR_PROTOCOL);
    buf[5 + 34] = 17;
    CL_ASSERT_STATUS(net_parse_client_hello(buf + 5, 52, &back, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);

    struct net_server_hello sh, sb;
    uint8_t spki[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    memset(&sh, 0, sizeof sh);
    sh.version = 1; sh.suite = 1; sh.spki = spki; sh.spki_len = 10;
    CL_ASSERT_OK(net_encode_server_hello(&sh, buf, sizeof buf, &len));
    CL_ASSERT_OK(net_parse_server_hello(buf + 5, len - 5, &sb, &a));
    CU_ASSERT_EQUAL(sb.spki_len, 10);
    CL_ASSERT_BYTES_EQ("spki", spki, sb.spki, 10);
    store16_be(buf + 5 + 35, 11);    /* spki_len beyond the frame */
    CL_ASSERT_STATUS(net_parse_server_hello(buf + 5, len - 5, &sb, &a), CL_ERR_PROTOCOL);
    store16_be(buf + 5 + 35, 0xffff);
    CL_ASSERT_STATUS(net_parse_server_hello(buf + 5, len - 5, &sb, &a), CL_ERR_PROTOCOL);

    const uint8_t *ct, *v;
    size_t ct_len;
    uint8_t kx[] = { 0x00, 0x03, 9, 9, 9 };
    CL_ASSERT_OK(net_parse_key_exchange(kx, 5, &ct, &ct_len, &a));
    CU_ASSERT_EQUAL(ct_len, 3);
    CL_ASSERT_STATUS(net_parse_key_exchange(kx, 4, &ct, &ct_len, &a), CL_ERR_PROTOCOL);
    kx[0] = 0xff;
    CL_ASSERT_STATUS(net_parse_key_exchange(kx, 5, &ct, &ct_len, &a), CL_ERR_PROTOCOL);
    CL_ASSERT_STATUS(net_parse_finished(buf, 31, &v, &a), CL_ERR_PROTOCOL);
    CL_ASSERT_OK(net_parse_finished(buf, 32, &v, &a));
}

/* Random bytes into every parser: no crash, no out-of-bounds read (ASan). */
static void test_parsers_fuzz(void)
{
    uint64_t s = 0x6e65747a;
    uint8_t buf[600], a;
    for (int i = 0; i < 20000; i++) {
        size_t len = tu_rand_u32(&s) % sizeof buf;
        tu_rand_bytes(&s, buf, len);
        uint8_t *p = malloc(len ? len : 1);   /* exact-size copy so ASan sees overreads */
        memcpy(p, buf, len);
        struct net_client_hello ch;
        struct net_server_hello sh;
        struct net_app_msg m;
        const uint8_t *x;
        size_t xl;
        (void)net_parse_client_hello(p, len, &ch, &a);
        (void)net_parse_server_hello(p, len, &sh, &a);
        (void)net_parse_key_exchange(p, len, &x, &xl, &a);
        (void)net_parse_finished(p, len, &x, &a);
        if (len) (void)net_app_parse(p, len, &m, &a);
        free(p);
    }
    CU_PASS("20000 random inputs parsed without a crash");
}

/* ------------------------------------------------------------ key schedule */

/* Expected values computed independently with Python's hmac/hashlib
 * (RFC 5869 by hand), randoms 00..1f / 20..3f, secret 40..5f, H1 60..7f. */
static void test_key_schedule(void)
{
    uint8_t cr[32], sr[32], sec[32], h1[32], e[32];
    for (int i = 0; i < 32; i++) { cr[i] = (uint8_t)i; sr[i] = (uint8_t)(32 + i); sec[i] = (uint8_t)(64 + i); h1[i] = (uint8_t)(96 + i); }
    struct net_keys k;
    CL_ASSERT_OK(net_derive_keys(cr, sr, sec, h1, &k));
    tu_hex("120c6f133b3373cb0c931a828c1c10b59c82fcc308458cad8cdcf4df6d32d6d5", e, 32);
    CL_ASSERT_BYTES_EQ("c2s key", e, k.c2s_key, 32);
    tu_hex("f2afcaba0fdc63125be78f62ae304ca5caeb1cf2e0158000c0903bb1c6673bd6", e, 32);
    CL_ASSERT_BYTES_EQ("c2s mac", e, k.c2s_mac, 32);
    tu_hex("c176699dbb00cac11dda9b6a", e, 12);
    CL_ASSERT_BYTES_EQ("c2s iv", e, k.c2s_iv, 12);
    tu_hex("b7e25a9738e5b64da8651798017a157d02f61149930d6530cac5b454bc48829d", e, 32);
    CL_ASSERT_BYTES_EQ("s2c key", e, k.s2c_key, 32);
    tu_hex("3b9c9a635d2694327f2b7a6d6a8af9fba9275601f0a2c8720314bcfafb55bbb6", e, 32);
    CL_ASSERT_BYTES_EQ("s2c mac", e, k.s2c_mac, 32);
    tu_hex("d79b57679db4a864afc40cf0", e, 12);
    CL_ASSERT_BYTES_EQ("s2c iv", e, k.s2c_iv, 12);
    tu_hex("fc05610b7c24041c63b1b10435d1e704fed61756fb7510d503924156f676c792", e, 32);
    CL_ASSERT_BYTES_EQ("c finished", e, k.c_finished, 32);
    tu_hex("1738eefad9273445edc24cc97d242200ad9013ebd948824b45ff984c1cd3d2da", e, 32);
    CL_ASSERT_BYTES_EQ("s finished", e, k.s_finished, 32);
    /* one changed transcript bit changes every key */
    struct net_keys k2;
    h1[31] ^= 1;
    CL_ASSERT_OK(net_derive_keys(cr, sr, sec, h1, &k2));
    CU_ASSERT(memcmp(k.c2s_key, k2.c2s_key, 32) != 0);
    CU_ASSERT(memcmp(k.s_finished, k2.s_finished, 32) != 0);
}

/* ------------------------------------------------------------ records */

static void dir_pair(struct net_dir *tx, struct net_dir *rx, uint8_t suite)
{
    uint8_t key[32], mac[32], iv[12];
    tu_hex("120c6f133b3373cb0c931a828c1c10b59c82fcc308458cad8cdcf4df6d32d6d5", key, 32);
    tu_hex("f2afcaba0fdc63125be78f62ae304ca5caeb1cf2e0158000c0903bb1c6673bd6", mac, 32);
    tu_hex("c176699dbb00cac11dda9b6a", iv, 12);
    CL_ASSERT_OK(net_dir_init(tx, suite, key, mac, iv));
    CL_ASSERT_OK(net_dir_init(rx, suite, key, mac, iv));
}

/* Expected frame computed with `openssl enc -aes-256-ctr` and Python's hmac. */
static void test_record_kat(void)
{
    static struct net_dir tx, rx;
    dir_pair(&tx, &rx, NET_SUITE_AES256_CTR_HMAC_SHA256);
    uint8_t pt[64], frame[200], want[200], ign[64];
    size_t n = tu_hex("0b48656c6c6f2c2063727970746f6c6162210b48656c6c6f2c2063727970746f6c6162210b48656c6c6f2c2063727970746f6c616221", pt, sizeof pt);
    size_t wn = tu_hex("1700000056732b187f962b72e79470d7aa9bae6d0614b4b8f91b35bf5792899838c435570852dc6a7101211f707f8a1cef4194b18133fa51b9ff4070f3545953fce8306bdb06c319cad976dc4995be10a1831ce707dceea112b615", want, sizeof want);
    size_t fl;
    CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, ign, 1, frame, sizeof frame, &fl));  /* seq 0 */
    CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, pt, n, frame, sizeof frame, &fl));   /* seq 1 */
    CU_ASSERT_EQUAL(fl, wn);
    CL_ASSERT_BYTES_EQ("record seq 1", want, frame, wn);
    net_dir_clear(&tx);
    net_dir_clear(&rx);
}

/* Suite 0x02 (§5.2): expected frame computed with Python's
 * cryptography.hazmat AESGCM (OpenSSL underneath), nonce = iv XOR seq,
 * AAD = u64 seq || header. */
static void test_record_kat_gcm(void)
{
    static struct net_dir tx, rx;
    dir_pair(&tx, &rx, NET_SUITE_AES256_GCM);
    uint8_t pt[64], frame[200], want[200], ign[64];
    size_t n = tu_hex("0b48656c6c6f2c2063727970746f6c6162210b48656c6c6f2c2063727970746f6c6162210b48656c6c6f2c2063727970746f6c616221", pt, sizeof pt);
    size_t wn = tu_hex("170000004635f56d3c6606563c709749bf5689a49025b43690f80d1ddd251d287e58fc67c6ef5bc6f8ea139e9bcac5ca927bae2dbbf56f0c851a80d24fa20cec861f8ea9d98899935efad7", want, sizeof want);
    size_t fl, ol;
    uint8_t *out;
    CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, ign, 1, frame, sizeof frame, &fl));  /* seq 0 */
    CU_ASSERT_EQUAL(fl, NET_HDR_LEN + 1 + NET_GCM_TAG_LEN);
    CL_ASSERT_OK(net_record_open(&rx, frame, fl, &out, &ol));
    CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, pt, n, frame, sizeof frame, &fl));   /* seq 1 */
    CU_ASSERT_EQUAL(fl, wn);
    CL_ASSERT_BYTES_EQ("GCM record seq 1", want, frame, wn);
    CL_ASSERT_OK(net_record_open(&rx, frame, fl, &out, &ol));
    CU_ASSERT_EQUAL(ol, n);
    CL_ASSERT_BYTES_EQ("GCM record seq 1 opened", pt, out, n);
    net_dir_clear(&tx);
    net_dir_clear(&rx);
}

static void record_tamper(uint8_t suite)
{
    static struct net_dir tx, rx;
    static uint8_t pt[NET_MAX_PLAINTEXT + 1], f[4][NET_MAX_FRAME + 64], copy[NET_MAX_FRAME + 64];
    size_t fl[4];
    uint64_t s = 99;
    tu_rand_bytes(&s, pt, sizeof pt);
    dir_pair(&tx, &rx, suite);
    static const size_t lens[4] = { 1, 16383, 16384, 100 };
    for (int i = 0; i < 4; i++)
        CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, pt, lens[i], f[i], sizeof f[i], &fl[i]));
    CL_ASSERT_STATUS(net_record_seal(&tx, NET_T_APPDATA, pt, NET_MAX_PLAINTEXT + 1, copy, sizeof copy, &fl[0]),
                     CL_ERR_INPUT_LENGTH);
    uint8_t *out;
    size_t ol;
    /* every single-bit flip of record 0 (header, ciphertext, tag) is caught */
    for (size_t byte = 0; byte < fl[0]; byte++) {
        for (int bit = 0; bit < 8; bit++) {
            memcpy(copy, f[0], fl[0]);
            copy[byte] ^= (uint8_t)(1u << bit);
            cl_status st = net_record_open(&rx, copy, fl[0], &out, &ol);
            CU_ASSERT(st == CL_ERR_BAD_RECORD_MAC || st == CL_ERR_INPUT_LENGTH);
            CU_ASSERT_EQUAL(rx.seq, 0);
        }
    }
    /* dropped: record 1 offered first */
    memcpy(copy, f[1], fl[1]);
    CL_ASSERT_STATUS(net_record_open(&rx, copy, fl[1], &out, &ol), CL_ERR_BAD_RECORD_MAC);
    /* in order: fine */
    memcpy(copy, f[0], fl[0]);
    CL_ASSERT_OK(net_record_open(&rx, copy, fl[0], &out, &ol));
    CL_ASSERT_BYTES_EQ("record 0", pt, out, 1);
    /* replayed: record 0 again */
    memcpy(copy, f[0], fl[0]);
    CL_ASSERT_STATUS(net_record_open(&rx, copy, fl[0], &out, &ol), CL_ERR_BAD_RECORD_MAC);
    /* reordered: record 2 before 1 */
    memcpy(copy, f[2], fl[2]);
    CL_ASSERT_STATUS(net_record_open(&rx, copy, fl[2], &out, &ol), CL_ERR_BAD_RECORD_MAC);
    memcpy(copy, f[1], fl[1]);
    CL_ASSERT_OK(net_record_open(&rx, copy, fl[1], &out, &ol));
    CU_ASSERT_EQUAL(ol, 16383);
    CL_ASSERT_BYTES_EQ("record 1", pt, out, 16383);
    memcpy(copy, f[2], fl[2]);
    CL_ASSERT_OK(net_record_open(&rx, copy, fl[2], &out, &ol));
    CU_ASSERT_EQUAL(ol, 16384);
    /* truncated record 3 */
    memcpy(copy, f[3], fl[3]);
    store32_be(copy + 1, (uint32_t)(fl[3] - 6));
    CL_ASSERT_STATUS(net_record_open(&rx, copy, fl[3] - 1, &out, &ol), CL_ERR_BAD_RECORD_MAC);
    /* type changed from ApplicationData to Alert */
    memcpy(copy, f[3], fl[3]);
    copy[0] = NET_T_ALERT;
    CL_ASSERT_STATUS(net_record_open(&rx, copy, fl[3], &out, &ol), CL_ERR_BAD_RECORD_MAC);
    CU_ASSERT_EQUAL(rx.seq, 3);
    /* the other direction's keys do not open it */
    static struct net_dir other;
    uint8_t k2[32] = {1}, m2[32] = {2}, iv2[12] = {3};
    CL_ASSERT_OK(net_dir_init(&other, suite, k2, m2, iv2));
    other.seq = 3;
    memcpy(copy, f[3], fl[3]);
    CL_ASSERT_STATUS(net_record_open(&other, copy, fl[3], &out, &ol), CL_ERR_BAD_RECORD_MAC);
    /* sequence numbers never wrap */
    tx.seq = UINT64_MAX;
    CL_ASSERT_STATUS(net_record_seal(&tx, NET_T_APPDATA, pt, 1, copy, sizeof copy, &fl[0]), CL_ERR_COUNTER_WRAP);
    tx.seq = UINT64_MAX - 1;
    CL_ASSERT_OK(net_record_seal(&tx, NET_T_APPDATA, pt, 1, copy, sizeof copy, &fl[0]));
    CL_ASSERT_STATUS(net_record_seal(&tx, NET_T_APPDATA, pt, 1, copy, sizeof copy, &fl[0]), CL_ERR_COUNTER_WRAP);
    net_dir_clear(&tx);
    net_dir_clear(&rx);
    net_dir_clear(&other);
}

static void test_record_tamper(void)
{
    record_tamper(NET_SUITE_AES256_CTR_HMAC_SHA256);
}

static void test_record_tamper_gcm(void)
{
    record_tamper(NET_SUITE_AES256_GCM);
}

/* ------------------------------------------------------------ names, fingerprints, known hosts */

static void test_names(void)
{
    static const char *bad[] = { "../../etc/passwd", "..", ".", ".hidden", "a/b", "a\\b", "/etc/passwd",
                                 "tab\there", "nl\n", "del\x7f", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "",
                                 "c1\xc2\x85next", "c1\xc2\x9b[2J",             /* NEL, CSI (C1 controls) */
                                 "invoice\xe2\x80\xae" "fdp.exe",                    /* U+202E RLO */
                                 "a\xe2\x81\xa6" "b", "a\xe2\x81\xa9" "b",            /* U+2066 LRI, U+2069 PDI */
                                 "a\xe2\x80\x8f" "b", "a\xd8\x9c" "b",                 /* U+200F RLM, U+061C ALM */
                                 "a\xe2\x80\xa8" "b" };                              /* U+2028 line separator */
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_FALSE(net_file_name_ok(bad[i], strlen(bad[i])));
    static const char *good[] = { "a", "report.pdf", "été.txt", "x..y", "日本語", "with space" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        CU_ASSERT_TRUE(net_file_name_ok(good[i], strlen(good[i])));
    char longname[257];
    memset(longname, 'a', 256);
    longname[256] = 0;
    CU_ASSERT_FALSE(net_file_name_ok(longname, 256));
    CU_ASSERT_TRUE(net_file_name_ok(longname, 255));
    CU_ASSERT_TRUE(net_nick_ok("alice", 5));
    CU_ASSERT_FALSE(net_nick_ok(longname, 33));
    CU_ASSERT_FALSE(net_nick_ok("*", 1));                      /* the server's notices */
    CU_ASSERT_TRUE(net_nick_ok("**", 2));
    CU_ASSERT_FALSE(net_nick_ok("al\xe2\x80\xaeice", 8));
    CU_ASSERT_FALSE(net_nick_ok("al\xc2\x9bice", 7));
    CU_ASSERT_TRUE(net_chat_text_ok((const uint8_t *)"h\xc3\xa9llo", 6));
    CU_ASSERT_FALSE(net_chat_text_ok((const uint8_t *)"two\nlines", 9));
    CU_ASSERT_FALSE(net_chat_text_ok((const uint8_t *)"\xe2\x80\xae" "evil", 7));
    CU_ASSERT_FALSE(net_chat_text_ok((const uint8_t *)"\xff", 1));
    CU_ASSERT_FALSE(net_chat_text_ok((const uint8_t *)"", 0));
    /* a PUT with a NUL inside its name parses (§9: bad_name, not decode_error);
     * a name_len of 0 does not */
    uint8_t m[100], sha[32] = {0}, a;
    size_t n = net_app_put(m, 0, 5, sha, "abc");
    struct net_app_msg msg;
    CL_ASSERT_OK(net_app_parse(m, n, &msg, &a));
    CU_ASSERT_STRING_EQUAL(msg.name, "abc");
    CU_ASSERT_EQUAL(msg.size, 5);
    m[n - 2] = 0;
    CL_ASSERT_OK(net_app_parse(m, n, &msg, &a));
    CU_ASSERT_EQUAL(msg.name_len, 3);
    CU_ASSERT_FALSE(net_file_name_ok(msg.name, msg.name_len));
    CL_ASSERT_STATUS(net_app_parse(m, n - 1, &msg, &a), CL_ERR_PROTOCOL);
    m[n - 4] = 0;                                            /* name_len 0 */
    CL_ASSERT_STATUS(net_app_parse(m, n - 3, &msg, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    m[n - 4] = 3;
    m[0] = 0x42;
    CL_ASSERT_STATUS(net_app_parse(m, n, &msg, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_UNEXPECTED_MESSAGE);
}

static uint8_t kat_spki[600];
static size_t kat_spki_len;
static rsa_key kat_key;
static int kat_key_ok;

static int load_kat_key(void)
{
    if (kat_key_ok) return 1;
    FILE *f = fopen("vectors/net/kat-server-key.pem", "rb");
    if (!f) { fprintf(stderr, "cannot open vectors/net/kat-server-key.pem (run from the top directory)\n"); return 0; }
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *pem = strstr(buf, "-----BEGIN");
    if (!pem) return 0;
    rsa_key_init(&kat_key);
    if (rsa_key_load_private(&kat_key, (uint8_t *)pem, strlen(pem), NULL) != CL_OK) return 0;
    if (rsa_spki_der(&kat_key, kat_spki, sizeof kat_spki, &kat_spki_len) != CL_OK) return 0;
    kat_key_ok = 1;
    return 1;
}

static void test_fingerprint(void)
{
    char fp[NET_FP_LEN];
    CU_ASSERT_FATAL(load_kat_key());
    CL_ASSERT_OK(net_fingerprint(kat_spki, kat_spki_len, fp));
    /* openssl pkey -pubout -outform DER | openssl dgst -sha256 -binary | base64 | tr -d = */
    CU_ASSERT_STRING_EQUAL(fp, "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU");
    CL_ASSERT_OK(net_fingerprint_parse(fp));
    CL_ASSERT_STATUS(net_fingerprint_parse("SHA256:abc"), CL_ERR_PARSE);
    CL_ASSERT_STATUS(net_fingerprint_parse("MD5:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU"), CL_ERR_PARSE);
    CL_ASSERT_STATUS(net_fingerprint_parse("SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9Uhnl!"), CL_ERR_PARSE);

    char path[] = "/tmp/cryptolab-kh-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    char stored[NET_FP_LEN];
    CL_ASSERT_STATUS(net_known_hosts_check(path, "localhost", 8000, fp, stored), CL_ERR_UNKNOWN_HOST);
    CL_ASSERT_OK(net_known_hosts_add(path, "localhost", 8000, fp));
    CL_ASSERT_OK(net_known_hosts_check(path, "localhost", 8000, fp, stored));
    CL_ASSERT_STATUS(net_known_hosts_check(path, "localhost", 8001, fp, stored), CL_ERR_UNKNOWN_HOST);
    CL_ASSERT_STATUS(net_known_hosts_check(path, "localhost", 8000,
                     "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", stored), CL_ERR_PIN_MISMATCH);
    CU_ASSERT_STRING_EQUAL(stored, fp);
    unlink(path);
}

/* ------------------------------------------------------------ handshakes over a socketpair */

struct counter_rng { uint8_t next; };

static cl_status counter_random(void *arg, uint8_t *buf, size_t len)
{
    struct counter_rng *r = arg;
    for (size_t i = 0; i < len; i++) buf[i] = r->next++;
    return CL_OK;
}

struct server_run {
    int fd;
    const rsa_key *key;
    const uint8_t *spki;
    size_t spki_len;
    struct counter_rng rng;
    int deterministic;
    cl_status hs, rx;
    uint8_t alert_sent;
    int echo;                 /* echo one message back */
    const uint8_t *suites;    /* server's suites (NULL: default) */
    size_t n_suites;
    const uint8_t *client_suites;  /* client's offer (NULL: default) */
    size_t n_client_suites;
    uint8_t suite;            /* negotiated, as the server saw it */
};

static void *server_thread(void *arg)
{
    struct server_run *s = arg;
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 10000;
    if (s->deterministic) { o.random = counter_random; o.random_arg = &s->rng; }
    o.suites = s->suites;
    o.n_suites = s->n_suites;
    net_conn *c = net_conn_new(s->fd, 1, &o);
    s->hs = net_server_handshake(c, s->key, s->spki, s->spki_len);
    s->suite = net_conn_suite(c);
    s->rx = CL_OK;
    if (!s->hs && s->echo) {
        static uint8_t buf[NET_MAX_PLAINTEXT];
        size_t n;
        s->rx = net_recv(c, buf, sizeof buf, &n);
        if (!s->rx) s->rx = net_send(c, buf, n);
        if (!s->rx) s->rx = net_close(c);
    }
    s->alert_sent = net_conn_alert_sent(c);
    net_conn_free(c);
    shutdown(s->fd, SHUT_WR);
    return NULL;
}

static cl_status accept_any(void *arg, const uint8_t *spki, size_t len, const char *fp)
{
    (void)arg; (void)spki; (void)len; (void)fp;
    return CL_OK;
}

static cl_status reject_all(void *arg, const uint8_t *spki, size_t len, const char *fp)
{
    (void)arg; (void)spki; (void)len; (void)fp;
    return CL_ERR_PIN_MISMATCH;
}

struct tap_log { char *text; size_t len, cap; };

static void tap(void *arg, int sent, const uint8_t *frame, size_t len)
{
    struct tap_log *t = arg;
    size_t need = t->len + 2 * len + 16;
    if (need > t->cap) { t->cap = need * 2; t->text = realloc(t->text, t->cap); }
    t->len += (size_t)sprintf(t->text + t->len, "%s ", sent ? "C>S" : "S>C");
    cl_hex_encode(frame, len, t->text + t->len);
    t->len += 2 * len;
    t->text[t->len++] = '\n';
    t->text[t->len] = 0;
}

static void run_pair(struct server_run *s, net_check_key_fn check, int deterministic, struct tap_log *log,
                     cl_status *client_hs, uint8_t *client_alert_received)
{
    int sv[2];
    CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    s->fd = sv[1];
    s->deterministic = deterministic;
    s->rng.next = 0x80;
    pthread_t t;
    pthread_create(&t, NULL, server_thread, s);
    struct counter_rng crng = { 0x00 };
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 10000;
    if (deterministic) { o.random = counter_random; o.random_arg = &crng; }
    o.suites = s->client_suites;
    o.n_suites = s->n_client_suites;
    net_conn *c = net_conn_new(sv[0], 0, &o);
    if (log) net_conn_tap(c, tap, log);
    *client_hs = net_client_handshake(c, check, NULL);
    if (!*client_hs && s->echo) {
        /* deterministic: client_random 00..1f, secret 20..3f, OAEP seed 40..5f;
         * server_random 80..9f */
        static const char msg[] = "\x0bHello, cryptolab!";
        uint8_t back[64];
        size_t n;
        CL_ASSERT_OK(net_send(c, (const uint8_t *)msg, sizeof msg - 1));
        CL_ASSERT_OK(net_recv(c, back, sizeof back, &n));
        CU_ASSERT_EQUAL(n, sizeof msg - 1);
        CL_ASSERT_BYTES_EQ("echo", msg, back, sizeof msg - 1);
        CU_ASSERT_EQUAL(net_conn_suite(c), s->suite);
        net_conn_tap(c, NULL, NULL);          /* the transcript ends with the two records */
        CL_ASSERT_OK(net_close(c));
    }
    if (client_alert_received) *client_alert_received = net_conn_alert_received(c);
    net_conn_free(c);
    shutdown(sv[0], SHUT_WR);
    pthread_join(t, NULL);
    close(sv[0]);
    close(sv[1]);
}

static void test_handshake(void)
{
    CU_ASSERT_FATAL(load_kat_key());
    struct server_run s;
    cl_status hs;
    uint8_t ar;
    memset(&s, 0, sizeof s);
    s.key = &kat_key; s.spki = kat_spki; s.spki_len = kat_spki_len; s.echo = 1;
    run_pair(&s, accept_any, 0, NULL, &hs, &ar);
    CL_ASSERT_OK(hs);
    CL_ASSERT_OK(s.hs);
    CL_ASSERT_OK(s.rx);

    /* the client refuses the key: the server sees unknown_server_key, no KeyExchange sent */
    memset(&s, 0, sizeof s);
    s.key = &kat_key; s.spki = kat_spki; s.spki_len = kat_spki_len;
    run_pair(&s, reject_all, 0, NULL, &hs, &ar);
    CL_ASSERT_STATUS(hs, CL_ERR_PIN_MISMATCH);
    CL_ASSERT_STATUS(s.hs, CL_ERR_ALERT);

    /* a server that presents a public key it does not hold: decrypt_error */
    rsa_key other;
    rsa_key_init(&other);
    CL_ASSERT_OK(rsa_generate(&other, 2048, 65537));
    uint8_t ospki[600];
    size_t olen;
    CL_ASSERT_OK(rsa_spki_der(&other, ospki, sizeof ospki, &olen));
    memset(&s, 0, sizeof s);
    s.key = &kat_key; s.spki = ospki; s.spki_len = olen;
    run_pair(&s, accept_any, 0, NULL, &hs, &ar);
    CL_ASSERT_STATUS(hs, CL_ERR_ALERT);
    CU_ASSERT_EQUAL(ar, NET_ALERT_DECRYPT_ERROR);
    CU_ASSERT_EQUAL(s.alert_sent, NET_ALERT_DECRYPT_ERROR);
    rsa_key_clear(&other);
}

/* §3.5 negotiation: the server's preference (GCM first by default) among
 * the suites the client offered; both suites carry data end to end. */
static void test_negotiation(void)
{
    CU_ASSERT_FATAL(load_kat_key());
    static const uint8_t ctr[] = { 1 }, gcm[] = { 2 }, ctr_gcm[] = { 1, 2 }, junk_ctr[] = { 9, 0, 1 };
    static const struct {
        const uint8_t *client; size_t nc; const uint8_t *server; size_t ns; uint8_t want;
    } t[] = {
        { NULL, 0, NULL, 0, NET_SUITE_AES256_GCM },          /* defaults: GCM */
        { ctr, 1, NULL, 0, NET_SUITE_AES256_CTR_HMAC_SHA256 }, /* --suite ctr */
        { gcm, 1, NULL, 0, NET_SUITE_AES256_GCM },           /* --suite gcm */
        { ctr_gcm, 2, NULL, 0, NET_SUITE_AES256_GCM },       /* server's preference wins */
        { NULL, 0, ctr, 1, NET_SUITE_AES256_CTR_HMAC_SHA256 }, /* server --suites ctr */
        { junk_ctr, 3, NULL, 0, NET_SUITE_AES256_CTR_HMAC_SHA256 }, /* unknown ids ignored */
        { gcm, 1, ctr, 1, 0 },                               /* nothing in common */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        struct server_run s;
        cl_status hs;
        uint8_t ar;
        memset(&s, 0, sizeof s);
        s.key = &kat_key; s.spki = kat_spki; s.spki_len = kat_spki_len;
        s.echo = t[i].want != 0;
        s.client_suites = t[i].client; s.n_client_suites = t[i].nc;
        s.suites = t[i].server; s.n_suites = t[i].ns;
        run_pair(&s, accept_any, 0, NULL, &hs, &ar);
        if (t[i].want) {
            CL_ASSERT_OK(hs);
            CL_ASSERT_OK(s.hs);
            CL_ASSERT_OK(s.rx);
            CU_ASSERT_EQUAL(s.suite, t[i].want);
        } else {
            CL_ASSERT_STATUS(hs, CL_ERR_ALERT);
            CU_ASSERT_EQUAL(ar, NET_ALERT_HANDSHAKE_FAILURE);
            CU_ASSERT_EQUAL(s.alert_sent, NET_ALERT_HANDSHAKE_FAILURE);
        }
    }
    uint8_t ids[NET_MAX_SUITES];
    size_t n;
    CL_ASSERT_OK(net_suites_parse("gcm,ctr", ids, &n));
    CU_ASSERT(n == 2 && ids[0] == 2 && ids[1] == 1);
    CL_ASSERT_OK(net_suites_parse("AES256-CTR-HMAC-SHA256", ids, &n));
    CU_ASSERT(n == 1 && ids[0] == 1);
    CL_ASSERT_STATUS(net_suites_parse("gcm,gcm", ids, &n), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(net_suites_parse("", ids, &n), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(net_suites_parse("gcm,", ids, &n), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(net_suites_parse("chacha", ids, &n), CL_ERR_BAD_ARGUMENT);
}

/* Hex lines of the known-answer transcript in vectors/net/kat-transcript.txt:
 * "C>S <frame>" / "S>C <frame>". */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)n + 1);
    if (fread(t, 1, (size_t)n, f) != (size_t)n) n = 0;
    t[n] = 0;
    fclose(f);
    return t;
}

static void kat_transcript(const char *path, const uint8_t *offer, size_t n_offer)
{
    CU_ASSERT_FATAL(load_kat_key());
    struct server_run s;
    struct tap_log log = { NULL, 0, 0 };
    cl_status hs;
    memset(&s, 0, sizeof s);
    s.key = &kat_key; s.spki = kat_spki; s.spki_len = kat_spki_len; s.echo = 1;
    s.client_suites = offer; s.n_client_suites = n_offer;
    run_pair(&s, accept_any, 1, &log, &hs, NULL);
    CL_ASSERT_OK(hs);
    CU_ASSERT_FATAL(log.text != NULL);
    if (getenv("NET_KAT_PRINT")) fputs(log.text, stdout);
    char *want = read_text(path);
    if (!want) {
        fprintf(stderr, "%s missing\n", path);
        CU_FAIL("known-answer transcript file missing");
        free(log.text);
        return;
    }
    /* compare the frame lines (comments start with '#') */
    char *lines = malloc(strlen(want) + 1), *o = lines;
    for (char *p = want; *p;) {
        char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p + 1) : strlen(p);
        if (*p != '#' && l > 1) { memcpy(o, p, l); o += l; }
        p += l;
    }
    *o = 0;
    if (strcmp(lines, log.text) != 0) {
        fprintf(stderr, "\nknown-answer transcript differs\nexpected:\n%s\nactual:\n%s\n", lines, log.text);
        CU_FAIL("known-answer transcript differs");
    }
    /* and docs/protocol.md shows the same frames */
    char *doc = read_text("docs/protocol.md");
    CU_ASSERT_FATAL(doc != NULL);
    for (char *p = strtok(lines, "\n"); p; p = strtok(NULL, "\n")) {
        if (!strstr(doc, p + 4)) {
            fprintf(stderr, "docs/protocol.md lacks the frame %.60s...\n", p);
            CU_FAIL("docs/protocol.md §12 differs from the transcript");
        }
    }
    free(doc);
    free(lines);
    free(want);
    free(log.text);
}

/* §12.1: suite 0x01 offered alone. */
static void test_kat_transcript(void)
{
    static const uint8_t offer[] = { NET_SUITE_AES256_CTR_HMAC_SHA256 };
    kat_transcript("vectors/net/kat-transcript.txt", offer, 1);
}

/* §12.2: the default offer (0x02, 0x01); the server picks 0x02. */
static void test_kat_transcript_gcm(void)
{
    static const uint8_t offer[] = { NET_SUITE_AES256_GCM, NET_SUITE_AES256_CTR_HMAC_SHA256 };
    kat_transcript("vectors/net/kat-transcript-gcm.txt", offer, 2);
}

static void cleanup_key(void)
{
    if (kat_key_ok) rsa_key_clear(&kat_key);
    kat_key_ok = 0;
}

static int suite_clean(void)
{
    cleanup_key();
    return 0;
}

void register_net_suites(void)
{
    CU_pSuite s = tu_add_suite("net_wire");
    tu_add_test(s, "frame header limits (2^31, unknown types)", test_frame_check);
    tu_add_test(s, "hello/key exchange/finished parsing", test_hello_parse);
    tu_add_test(s, "20000 random inputs to every parser", test_parsers_fuzz);
    tu_add_test(s, "file and nick names, app messages", test_names);
    s = tu_add_suite("net_record");
    tu_add_test(s, "key schedule (independent HKDF computation)", test_key_schedule);
    tu_add_test(s, "record known answer (openssl enc + hmac)", test_record_kat);
    tu_add_test(s, "tamper, drop, replay, reorder, truncate, wrap", test_record_tamper);
    tu_add_test(s, "GCM record known answer (python cryptography AESGCM)", test_record_kat_gcm);
    tu_add_test(s, "GCM: tamper, drop, replay, reorder, truncate, wrap", test_record_tamper_gcm);
    s = CU_add_suite("net_handshake", NULL, suite_clean);
    tu_add_test(s, "fingerprint and known hosts", test_fingerprint);
    tu_add_test(s, "handshakes: ok, key refused, server without the key", test_handshake);
    tu_add_test(s, "suite negotiation (GCM preferred, --suite, --suites, none common)", test_negotiation);
    s = CU_add_suite("net_kat", NULL, suite_clean);
    tu_add_test(s, "known-answer transcript, suite 0x01 (docs/protocol.md §12.1)", test_kat_transcript);
    tu_add_test(s, "known-answer transcript, suite 0x02 GCM (docs/protocol.md §12.2)", test_kat_transcript_gcm);
}
