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
#include "net/io.h"
#include "net/keyschedule.h"
#include "net/net.h"
#include "net/auth.h"
#include "net/client.h"
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
    /* §3.4 Finished: verify accepts its own MAC, refuses any other bit */
    uint8_t fin[NET_FINISHED_LEN];
    CL_ASSERT_OK(net_finished_mac(k.s_finished, h1, fin));
    CL_ASSERT_OK(net_finished_verify(k.s_finished, h1, fin));
    for (int i = 0; i < NET_FINISHED_LEN; i += 7) {
        fin[i] ^= 0x10;
        CL_ASSERT_STATUS(net_finished_verify(k.s_finished, h1, fin), CL_ERR_AUTH);
        fin[i] ^= 0x10;
    }
    CL_ASSERT_STATUS(net_finished_verify(k.c_finished, h1, fin), CL_ERR_AUTH);
    CL_ASSERT_STATUS(net_finished_verify(k.s_finished, h1, NULL), CL_ERR_NULL_POINTER);
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

static uint8_t kat_client_spki[600];
static size_t kat_client_spki_len;
static rsa_key kat_client_key;
static int kat_client_ok;

/* A PEM key file of vectors/net/ (comment lines first) and its SPKI. */
static int load_pem_key(const char *path, rsa_key *key, uint8_t *spki, size_t cap, size_t *spki_len)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "cannot open %s (run from the top directory)\n", path); return 0; }
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *pem = strstr(buf, "-----BEGIN");
    if (!pem) return 0;
    rsa_key_init(key);
    if (rsa_key_load_private(key, (uint8_t *)pem, strlen(pem), NULL) != CL_OK) return 0;
    return rsa_spki_der(key, spki, cap, spki_len) == CL_OK;
}

static int load_kat_key(void)
{
    if (!kat_key_ok) kat_key_ok = load_pem_key("vectors/net/kat-server-key.pem", &kat_key, kat_spki,
                                               sizeof kat_spki, &kat_spki_len);
    return kat_key_ok;
}

static int load_kat_client_key(void)
{
    if (!kat_client_ok) kat_client_ok = load_pem_key("vectors/net/kat-client-key.pem", &kat_client_key,
                                                     kat_client_spki, sizeof kat_client_spki,
                                                     &kat_client_spki_len);
    return kat_client_ok;
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

/* Concurrent adds (several clients accepting new hosts at once): every
 * line survives, whole, once.  Threads stand for the processes: flock(2)
 * locks belong to each open(), so they exclude threads as they do
 * processes. */
#define KH_THREADS 6
#define KH_ADDS 25
struct kh_adder { const char *path; unsigned first_port; cl_status st; };

static void *kh_add_thread(void *arg)
{
    struct kh_adder *a = arg;
    a->st = CL_OK;
    for (unsigned i = 0; i < KH_ADDS && a->st == CL_OK; i++)
        a->st = net_known_hosts_add(a->path, "127.0.0.1", a->first_port + i,
                                    "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU");
    return NULL;
}

static void test_known_hosts_concurrent(void)
{
    char dir[] = "/tmp/cryptolab-khc-XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[64];
    snprintf(path, sizeof path, "%s/known_hosts", dir);
    FILE *f = fopen(path, "w");                 /* last line without its newline */
    CU_ASSERT_FATAL(f != NULL);
    fputs("# hosts\n127.0.0.1:1 SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU", f);
    fclose(f);
    pthread_t t[KH_THREADS];
    struct kh_adder a[KH_THREADS];
    for (unsigned i = 0; i < KH_THREADS; i++) {
        a[i].path = path;
        a[i].first_port = 1000 + 100 * i;
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, kh_add_thread, &a[i]) == 0);
    }
    for (unsigned i = 0; i < KH_THREADS; i++) {
        pthread_join(t[i], NULL);
        CL_ASSERT_OK(a[i].st);
    }
    char stored[NET_FP_LEN];
    const char *fp = "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU";
    CL_ASSERT_OK(net_known_hosts_check(path, "127.0.0.1", 1, fp, stored));
    unsigned missing = 0;
    for (unsigned i = 0; i < KH_THREADS; i++)
        for (unsigned j = 0; j < KH_ADDS; j++)
            if (net_known_hosts_check(path, "127.0.0.1", a[i].first_port + j, fp, stored) != CL_OK) missing++;
    CU_ASSERT_EQUAL(missing, 0);
    unsigned lines = 0;
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    int ch, last = '\n';
    while ((ch = getc(f)) != EOF) { if (ch == '\n') lines++; last = ch; }
    fclose(f);
    CU_ASSERT_EQUAL(lines, 2 + KH_THREADS * KH_ADDS);   /* each line once, whole */
    CU_ASSERT_EQUAL(last, '\n');
    CL_ASSERT_OK(net_known_hosts_add(path, "127.0.0.1", 1000, fp));   /* already there: not repeated */
    lines = 0;
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    while ((ch = getc(f)) != EOF) if (ch == '\n') lines++;
    fclose(f);
    CU_ASSERT_EQUAL(lines, 2 + KH_THREADS * KH_ADDS);
    unlink(path);
    rmdir(dir);
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
    uint16_t client_version;  /* the client's highest version (0: default, 2) */
    int auth;                 /* the client authenticates first (§13) with kat-client-key */
    uint8_t suite;            /* negotiated, as the server saw it */
    uint16_t version;         /* negotiated, as the server saw it */
    cl_status auth_st;        /* the server's check of the AUTH signature */
};

/* §12.3: the salt of the client's PSS signature: a0 a1 .. bf. */
static const uint8_t kat_salt[32] = {
    0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf };
#define KAT_AUTH_REPLY "authenticated as alice (read-write)"

/* The server's side of AUTH as net/serve_auth.c does it, for one known user. */
static cl_status serve_auth(net_conn *c, struct server_run *s)
{
    static uint8_t buf[NET_MAX_PLAINTEXT];
    size_t n;
    uint8_t alert, h[32];
    struct net_app_msg m;
    cl_status st = net_recv(c, buf, sizeof buf, &n);
    if (!st) st = net_app_parse(buf, n, &m, &alert);
    if (!st && m.kind != NET_APP_AUTH) st = CL_ERR_PROTOCOL;
    if (!st) st = net_conn_session_hash(c, h);
    if (!st) st = net_auth_verify(m.spki, m.spki_len, h, m.sig, m.sig_len);
    s->auth_st = st;
    if (st) return st;
    return net_send(c, buf, net_app_result(buf, NET_RES_OK, KAT_AUTH_REPLY));
}

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
    s->version = net_conn_version(c);
    s->rx = CL_OK;
    if (!s->hs && s->auth) s->rx = serve_auth(c, s);
    if (!s->hs && !s->rx && s->echo) {
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
    o.version = s->client_version;
    net_conn *c = net_conn_new(sv[0], 0, &o);
    if (log) net_conn_tap(c, tap, log);
    *client_hs = net_client_handshake(c, check, NULL);
    if (!*client_hs && s->auth) {
        char reply[200];
        CL_ASSERT_OK(net_client_auth(c, &kat_client_key, deterministic ? kat_salt : NULL, reply, sizeof reply));
        CU_ASSERT_STRING_EQUAL(reply, KAT_AUTH_REPLY);
    }
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

static void kat_transcript(const char *path, const uint8_t *offer, size_t n_offer, uint16_t version, int auth)
{
    CU_ASSERT_FATAL(load_kat_key());
    if (auth) CU_ASSERT_FATAL(load_kat_client_key());
    struct server_run s;
    struct tap_log log = { NULL, 0, 0 };
    cl_status hs;
    memset(&s, 0, sizeof s);
    s.key = &kat_key; s.spki = kat_spki; s.spki_len = kat_spki_len; s.echo = 1;
    s.client_suites = offer; s.n_client_suites = n_offer;
    s.client_version = version;
    s.auth = auth;
    run_pair(&s, accept_any, 1, &log, &hs, NULL);
    CL_ASSERT_OK(hs);
    CU_ASSERT_EQUAL(s.version, version);
    if (auth) CL_ASSERT_OK(s.auth_st);
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
    kat_transcript("vectors/net/kat-transcript.txt", offer, 1, NET_VERSION_1, 0);
}

/* §12.2: the default offer (0x02, 0x01); the server picks 0x02. */
static void test_kat_transcript_gcm(void)
{
    static const uint8_t offer[] = { NET_SUITE_AES256_GCM, NET_SUITE_AES256_CTR_HMAC_SHA256 };
    kat_transcript("vectors/net/kat-transcript-gcm.txt", offer, 2, NET_VERSION_1, 0);
}

/* §12.3: protocol version 2, the default offer, and the client authenticates
 * with vectors/net/kat-client-key.pem (PSS salt a0 .. bf). */
static void test_kat_transcript_auth(void)
{
    static const uint8_t offer[] = { NET_SUITE_AES256_GCM, NET_SUITE_AES256_CTR_HMAC_SHA256 };
    kat_transcript("vectors/net/kat-transcript-auth.txt", offer, 2, NET_VERSION_2, 1);
}

/* ------------------------------------------------------------ spec rules (docs/protocol.md §2, §3, §9, §13) */

/* §2/§5: an ApplicationData frame carries at least one plaintext byte. */
static void test_frame_min_plaintext(void)
{
    uint8_t a = 0;
    CL_ASSERT_STATUS(net_frame_check(NET_T_APPDATA, 32, 1, NET_SUITE_AES256_CTR_HMAC_SHA256, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    CL_ASSERT_OK(net_frame_check(NET_T_APPDATA, 33, 1, NET_SUITE_AES256_CTR_HMAC_SHA256, &a));
    CL_ASSERT_STATUS(net_frame_check(NET_T_APPDATA, 16, 1, NET_SUITE_AES256_GCM, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    CL_ASSERT_OK(net_frame_check(NET_T_APPDATA, 17, 1, NET_SUITE_AES256_GCM, &a));
}

/* §9: PUT flag bits 1-7, unknown kinds, AUTH lengths; §9 RESULT names. */
static void test_app_rules(void)
{
    uint8_t m[4200], sha[32] = { 0 }, a = 0;
    struct net_app_msg msg;
    size_t n = net_app_put(m, 0x02, 5, sha, "x");
    CL_ASSERT_STATUS(net_app_parse(m, n, &msg, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    n = net_app_put(m, NET_PUT_OVERWRITE, 5, sha, "x");
    CL_ASSERT_OK(net_app_parse(m, n, &msg, &a));
    for (unsigned k = 0x0d; k <= 0xff; k += 0x31) {
        m[0] = (uint8_t)k;
        CL_ASSERT_STATUS(net_app_parse(m, 1, &msg, &a), CL_ERR_PROTOCOL);
        CU_ASSERT_EQUAL(a, NET_ALERT_UNEXPECTED_MESSAGE);
    }
    m[0] = 0x00;
    CL_ASSERT_STATUS(net_app_parse(m, 1, &msg, &a), CL_ERR_PROTOCOL);
    CU_ASSERT_EQUAL(a, NET_ALERT_UNEXPECTED_MESSAGE);
    uint8_t spki[300], sig[256];
    memset(spki, 0x30, sizeof spki);
    memset(sig, 0x5a, sizeof sig);
    n = net_app_auth(m, spki, sizeof spki, sig, sizeof sig);
    CU_ASSERT_EQUAL(n, 1 + 2 + 300 + 2 + 256);
    CL_ASSERT_OK(net_app_parse(m, n, &msg, &a));
    CU_ASSERT_EQUAL(msg.kind, NET_APP_AUTH);
    CU_ASSERT(msg.spki_len == 300 && msg.sig_len == 256 && msg.sig[0] == 0x5a && msg.spki[0] == 0x30);
    CL_ASSERT_STATUS(net_app_parse(m, n - 1, &msg, &a), CL_ERR_PROTOCOL);    /* sig shorter than sig_len */
    CU_ASSERT_EQUAL(a, NET_ALERT_DECODE_ERROR);
    m[n] = 0;
    CL_ASSERT_STATUS(net_app_parse(m, n + 1, &msg, &a), CL_ERR_PROTOCOL);    /* a trailing byte */
    CL_ASSERT_STATUS(net_app_parse(m, 4, &msg, &a), CL_ERR_PROTOCOL);        /* spki cut */
    CU_ASSERT_EQUAL(net_app_auth(m, spki, 0, sig, 1), 0);
    CU_ASSERT_STRING_EQUAL(net_result_name(NET_RES_QUOTA), "quota");
    CU_ASSERT_STRING_EQUAL(net_result_name(NET_RES_DENIED), "denied");
    CU_ASSERT_STRING_EQUAL(net_alert_name(NET_ALERT_SERVER_BUSY), "server_busy");
    CU_ASSERT_STRING_EQUAL(net_alert_name(NET_ALERT_TOO_SLOW), "too_slow");
}

/* §13: signatures bind the session; the authorized-keys file. */
static void test_auth_sign(void)
{
    CU_ASSERT_FATAL(load_kat_client_key());
    CU_ASSERT_FATAL(load_kat_key());
    uint8_t h[32], other[32], sig[512];
    size_t sl;
    memset(h, 0x11, sizeof h);
    memset(other, 0x11, sizeof other);
    other[31] ^= 1;
    CL_ASSERT_OK(net_auth_sign(&kat_client_key, h, NULL, sig, sizeof sig, &sl));
    CU_ASSERT_EQUAL(sl, 256);
    CL_ASSERT_OK(net_auth_verify(kat_client_spki, kat_client_spki_len, h, sig, sl));
    CL_ASSERT_STATUS(net_auth_verify(kat_client_spki, kat_client_spki_len, other, sig, sl), CL_ERR_VERIFY);
    CL_ASSERT_STATUS(net_auth_verify(kat_spki, kat_spki_len, h, sig, sl), CL_ERR_VERIFY);   /* another key */
    sig[100] ^= 4;
    CL_ASSERT_STATUS(net_auth_verify(kat_client_spki, kat_client_spki_len, h, sig, sl), CL_ERR_VERIFY);
    uint8_t m[NET_AUTH_MSG_LEN];
    net_auth_message(h, m);
    CU_ASSERT_EQUAL(sizeof m, 57);
    CU_ASSERT(memcmp(m, "cryptolab v2 client auth\0", 25) == 0 && m[25] == 0x11);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

static void test_authorized_keys(void)
{
    char path[] = "/tmp/cryptolab-ak-XXXXXX", err[200];
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    struct net_authorized a;
    write_file(path, "# users\n\nSHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice rw\r\n"
                     "SHA256:RPiZJTfxCrMOlRotzKflwPhZVr3RJVpJnDBMtXraFa4 bob_2 r\n");
    CL_ASSERT_OK(net_authorized_load(path, &a, err, sizeof err));
    CU_ASSERT_EQUAL(a.n, 2);
    const struct net_user *u = net_authorized_find(&a, "SHA256:RPiZJTfxCrMOlRotzKflwPhZVr3RJVpJnDBMtXraFa4");
    CU_ASSERT(u && !strcmp(u->name, "bob_2") && u->rights == NET_RIGHT_READ);
    CU_ASSERT_PTR_NOT_NULL(net_authorized_find_name(&a, "ALICE"));
    CU_ASSERT_PTR_NULL(net_authorized_find(&a, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    net_authorized_free(&a);
    static const char *bad[] = {
        "SHA256:short alice rw\n",
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU ../etc rw\n",
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice rwx\n",
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice\n",
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice rw extra\n",
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice rw\n"
        "SHA256:RPiZJTfxCrMOlRotzKflwPhZVr3RJVpJnDBMtXraFa4 Alice r\n",           /* the same name */
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU alice rw\n"
        "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU bob r\n",             /* the same key */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_file(path, bad[i]);
        CL_ASSERT_STATUS(net_authorized_load(path, &a, err, sizeof err), CL_ERR_PARSE);
        CU_ASSERT_EQUAL(a.n, 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "line "));
    }
    CU_ASSERT_TRUE(net_user_name_ok("a-b_9"));
    CU_ASSERT_FALSE(net_user_name_ok("-x"));
    CU_ASSERT_FALSE(net_user_name_ok(".x"));
    CU_ASSERT_FALSE(net_user_name_ok("a/b"));
    CU_ASSERT_FALSE(net_user_name_ok(""));
    unlink(path);
}

/* A peer that writes crafted frames against the other side's handshake. */
struct crafted {
    int fd;
    const rsa_key *key;
    const uint8_t *spki;
    size_t spki_len;
    int is_server;             /* run the server handshake (else the client's) */
    uint16_t version;          /* the real side's highest version */
    cl_status st;
    uint8_t alert_sent;
};

static void *crafted_thread(void *arg)
{
    struct crafted *r = arg;
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 10000;
    o.version = r->version;
    net_conn *c = net_conn_new(r->fd, r->is_server, &o);
    r->st = r->is_server ? net_server_handshake(c, r->key, r->spki, r->spki_len)
                         : net_client_handshake(c, accept_any, NULL);
    r->alert_sent = net_conn_alert_sent(c);
    net_conn_free(c);
    shutdown(r->fd, SHUT_WR);
    return NULL;
}

static void send_all(int fd, const uint8_t *p, size_t n)
{
    CU_ASSERT_EQUAL(net_write_full(fd, p, n, 5000), CL_OK);
}

/* Reads frames until an alert (returns its code) or the end. */
static int read_alert(int fd)
{
    uint8_t h[5], body[4096];
    size_t got;
    while (net_read_full(fd, h, 5, net_now_ms() + 10000, &got) == CL_OK) {
        uint32_t len = load32_be(h + 1);
        if (len > sizeof body || net_read_full(fd, body, len, net_now_ms() + 10000, &got) != CL_OK) return -1;
        if (h[0] == NET_T_ALERT && len == 1) return body[0];
    }
    return -1;
}

/* §3.3 against the server: ct_len != k, ct_len not adding up, a secret of 31 bytes, garbage. */
static void test_kex_errors(void)
{
    CU_ASSERT_FATAL(load_kat_key());
    uint8_t ct[256], frame[600], seed[32] = { 1 }, secret[32] = { 2 };
    size_t ct_len, n;
    for (int t = 0; t < 4; t++) {
        int sv[2];
        CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        struct crafted r = { sv[1], &kat_key, kat_spki, kat_spki_len, 1, 0, CL_OK, 0 };
        pthread_t th;
        pthread_create(&th, NULL, crafted_thread, &r);
        struct net_client_hello ch;
        memset(&ch, 0, sizeof ch);
        ch.version = 2; ch.n_suites = 1; ch.suites[0] = NET_SUITE_AES256_GCM;
        CL_ASSERT_OK(net_encode_client_hello(&ch, frame, sizeof frame, &n));
        send_all(sv[0], frame, n);
        uint8_t h[5], body[2100];
        size_t got;
        CL_ASSERT_OK(net_read_full(sv[0], h, 5, net_now_ms() + 10000, &got));
        CL_ASSERT_OK(net_read_full(sv[0], body, load32_be(h + 1), net_now_ms() + 10000, &got));
        int want;
        if (t == 0) {                 /* 255 bytes: not the modulus length */
            memset(ct, 7, sizeof ct);
            CL_ASSERT_OK(net_encode_key_exchange(ct, 255, frame, sizeof frame, &n));
            want = NET_ALERT_DECODE_ERROR;
        } else if (t == 1) {          /* ct_len says 256, the frame holds 250 */
            memset(ct, 7, sizeof ct);
            CL_ASSERT_OK(net_encode_key_exchange(ct, 256, frame, sizeof frame, &n));
            n -= 6;
            store32_be(frame + 1, (uint32_t)(n - 5));
            want = NET_ALERT_DECODE_ERROR;
        } else if (t == 2) {          /* a valid OAEP ciphertext of 31 bytes */
            CL_ASSERT_OK(rsa_oaep_encrypt_seeded(&kat_key, NULL, NULL, 0, secret, 31, seed, ct, sizeof ct, &ct_len));
            CL_ASSERT_OK(net_encode_key_exchange(ct, ct_len, frame, sizeof frame, &n));
            want = NET_ALERT_DECRYPT_ERROR;
        } else {                      /* 256 bytes that are no OAEP ciphertext */
            memset(ct, 0x42, sizeof ct);
            ct[0] = 0;
            CL_ASSERT_OK(net_encode_key_exchange(ct, 256, frame, sizeof frame, &n));
            want = NET_ALERT_DECRYPT_ERROR;
        }
        send_all(sv[0], frame, n);
        int got_alert = read_alert(sv[0]);
        pthread_join(th, NULL);
        if (got_alert != want) fprintf(stderr, "\nKeyExchange case %d: expected alert %d, got %d\n", t, want, got_alert);
        CU_ASSERT_EQUAL(got_alert, want);
        CU_ASSERT_EQUAL(r.alert_sent, want);
        close(sv[0]);
        close(sv[1]);
    }
}

/* §3.2/§3.6 against the client: an SPKI that does not parse, a 1024-bit key,
 * a version it did not offer. */
static void test_server_hello_errors(void)
{
    CU_ASSERT_FATAL(load_kat_key());
    rsa_key small;
    rsa_key_init(&small);
    uint8_t small_spki[300];
    size_t small_len = 0;
    CL_ASSERT_OK(rsa_generate(&small, 1024, 65537));
    CL_ASSERT_OK(rsa_spki_der(&small, small_spki, sizeof small_spki, &small_len));
    uint8_t junk[100];
    memset(junk, 0x30, sizeof junk);
    struct { const uint8_t *spki; size_t len; uint16_t offer, answer; int alert; } t[] = {
        { junk, sizeof junk, 2, 2, NET_ALERT_DECODE_ERROR },
        { small_spki, small_len, 2, 2, NET_ALERT_HANDSHAKE_FAILURE },
        { kat_spki, kat_spki_len, 2, 3, NET_ALERT_PROTOCOL_VERSION },
        { kat_spki, kat_spki_len, 1, 2, NET_ALERT_PROTOCOL_VERSION },
        { kat_spki, kat_spki_len, 2, 0, NET_ALERT_PROTOCOL_VERSION },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int sv[2];
        CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        struct crafted r = { sv[1], NULL, NULL, 0, 0, t[i].offer, CL_OK, 0 };
        pthread_t th;
        pthread_create(&th, NULL, crafted_thread, &r);
        uint8_t h[5], body[100], frame[2200];
        size_t got, n;
        CL_ASSERT_OK(net_read_full(sv[0], h, 5, net_now_ms() + 10000, &got));     /* ClientHello */
        CL_ASSERT_OK(net_read_full(sv[0], body, load32_be(h + 1), net_now_ms() + 10000, &got));
        CU_ASSERT_EQUAL(load16_be(body), t[i].offer);
        struct net_server_hello sh;
        memset(&sh, 0, sizeof sh);
        sh.version = t[i].answer; sh.suite = NET_SUITE_AES256_GCM;
        sh.spki = t[i].spki; sh.spki_len = (uint16_t)t[i].len;
        CL_ASSERT_OK(net_encode_server_hello(&sh, frame, sizeof frame, &n));
        send_all(sv[0], frame, n);
        int a = read_alert(sv[0]);
        pthread_join(th, NULL);
        if (a != t[i].alert) fprintf(stderr, "\nServerHello case %zu: expected alert %d, got %d\n", i, t[i].alert, a);
        CU_ASSERT_EQUAL(a, t[i].alert);
        close(sv[0]);
        close(sv[1]);
    }
    rsa_key_clear(&small);
}

/* §3.6: a version-2 client and a version-1 server agree on 1, and the
 * other way round. */
static void test_version_negotiation(void)
{
    CU_ASSERT_FATAL(load_kat_key());
    for (int i = 0; i < 3; i++) {
        uint16_t cv = i == 1 ? 1 : 2, sv_ = i == 2 ? 1 : 2;
        int sv[2];
        CU_ASSERT_FATAL(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        struct crafted r = { sv[1], &kat_key, kat_spki, kat_spki_len, 1, sv_, CL_OK, 0 };
        pthread_t th;
        pthread_create(&th, NULL, crafted_thread, &r);
        struct net_options o;
        memset(&o, 0, sizeof o);
        o.timeout_ms = 10000;
        o.version = cv;
        net_conn *c = net_conn_new(sv[0], 0, &o);
        CL_ASSERT_OK(net_client_handshake(c, accept_any, NULL));
        CU_ASSERT_EQUAL(net_conn_version(c), cv < sv_ ? cv : sv_);
        uint8_t h[32];
        CL_ASSERT_OK(net_conn_session_hash(c, h));
        net_conn_free(c);
        shutdown(sv[0], SHUT_WR);
        pthread_join(th, NULL);
        CL_ASSERT_OK(r.st);
        close(sv[0]);
        close(sv[1]);
    }
}

static void cleanup_key(void)
{
    if (kat_key_ok) rsa_key_clear(&kat_key);
    if (kat_client_ok) rsa_key_clear(&kat_client_key);
    kat_key_ok = kat_client_ok = 0;
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
    tu_add_test(s, "ApplicationData carries >= 1 plaintext byte (§2, §5)", test_frame_min_plaintext);
    tu_add_test(s, "PUT flag bits, unknown kinds, AUTH lengths (§9, §13)", test_app_rules);
    s = tu_add_suite("net_record");
    tu_add_test(s, "key schedule (independent HKDF computation)", test_key_schedule);
    tu_add_test(s, "record known answer (openssl enc + hmac)", test_record_kat);
    tu_add_test(s, "tamper, drop, replay, reorder, truncate, wrap", test_record_tamper);
    tu_add_test(s, "GCM record known answer (python cryptography AESGCM)", test_record_kat_gcm);
    tu_add_test(s, "GCM: tamper, drop, replay, reorder, truncate, wrap", test_record_tamper_gcm);
    s = CU_add_suite("net_handshake", NULL, suite_clean);
    tu_add_test(s, "fingerprint and known hosts", test_fingerprint);
    tu_add_test(s, "known hosts: concurrent adds keep every line", test_known_hosts_concurrent);
    tu_add_test(s, "handshakes: ok, key refused, server without the key", test_handshake);
    tu_add_test(s, "suite negotiation (GCM preferred, --suite, --suites, none common)", test_negotiation);
    tu_add_test(s, "version negotiation 1/2 both ways (§3.6)", test_version_negotiation);
    tu_add_test(s, "KeyExchange: ct_len != k, lengths, 31-byte secret, garbage (§3.3)", test_kex_errors);
    tu_add_test(s, "ServerHello: bad SPKI, 1024-bit key, versions not offered (§3.2, §3.6)", test_server_hello_errors);
    tu_add_test(s, "client auth: PSS over the session hash; authorized keys (§13)", test_auth_sign);
    tu_add_test(s, "authorized-keys file: good and bad lines", test_authorized_keys);
    s = CU_add_suite("net_kat", NULL, suite_clean);
    tu_add_test(s, "known-answer transcript, suite 0x01 (docs/protocol.md §12.1)", test_kat_transcript);
    tu_add_test(s, "known-answer transcript, suite 0x02 GCM (docs/protocol.md §12.2)", test_kat_transcript_gcm);
    tu_add_test(s, "known-answer transcript, version 2, client authenticated (docs/protocol.md §12.3)",
                test_kat_transcript_auth);
}
