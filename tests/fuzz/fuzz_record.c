/*
 * tests/fuzz/fuzz_record.c -- the record layer (net/record.c, suite 1
 * AES-256-CTR + HMAC-SHA256; net/record_gcm.c, suite 2 AES-256-GCM;
 * docs/protocol.md §5) with fixed keys.
 *
 * Input: byte 0 selects the suite (1 + bit 0); then operations
 * [u8 op][u16 length][length bytes]:
 *   op % 4 == 0  the bytes are a received frame: header checked with
 *                net_frame_check (protected), then net_record_open;
 *   op % 4 == 1  the bytes are sealed as application data and opened:
 *                must give them back (when both sides are at the same seq);
 *   op % 4 == 2  the same, then one bit of the frame (chosen by the first
 *                two bytes) is flipped: opening must fail with
 *                CL_ERR_BAD_RECORD_MAC and leave seq unchanged (or the
 *                header check refuses it first); flipped back, it opens;
 *   op % 4 == 3  the first byte is sealed as an alert and opened.
 */
#include "tests/fuzz/fuzz.h"
#include "net/record.h"

static uint8_t frame[NET_MAX_FRAME + 64];

/* The keys are fixed, so each suite's direction state (the expanded AES
 * key, GHASH's H powers) is made once; an input starts from a copy of it,
 * at seq 0, exactly as from net_dir_init. */
static struct net_dir fresh[2];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    uint8_t key[NET_KEY_LEN], mac[32], iv[NET_IV_LEN];
    (void)argc; (void)argv;
    memset(key, 0x01, sizeof key);
    memset(mac, 0x02, sizeof mac);
    memset(iv, 0x03, sizeof iv);
    FUZZ_CHECK(net_dir_init(&fresh[0], NET_SUITE_AES256_CTR_HMAC_SHA256, key, mac, iv) == CL_OK);
    FUZZ_CHECK(net_dir_init(&fresh[1], NET_SUITE_AES256_GCM, key, mac, iv) == CL_OK);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t suite = (data[0] & 1) ? NET_SUITE_AES256_GCM : NET_SUITE_AES256_CTR_HMAC_SHA256;
    struct net_dir tx = fresh[data[0] & 1], rx = fresh[data[0] & 1];
    FUZZ_CHECK(tx.suite == suite && tx.seq == 0);
    size_t tag = net_suite_tag_len(suite);
    size_t i = 1;
    for (int ops = 0; ops < 64 && i + 3 <= size; ops++) {
        uint8_t op = data[i] & 3;
        size_t len = (size_t)data[i + 1] << 8 | data[i + 2];
        i += 3;
        if (len > size - i) len = size - i;
        const uint8_t *b = data + i;
        i += len;
        uint8_t *pt = NULL;
        size_t pt_len = 0, flen = 0;
        uint8_t alert;
        uint64_t seq = rx.seq;
        if (op == 0) {
            if (len < NET_HDR_LEN) continue;
            uint32_t blen = (uint32_t)b[1] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 8 | b[4];
            if (net_frame_check(b[0], blen, 1, suite, &alert) != CL_OK || blen != len - NET_HDR_LEN)
                continue;
            uint8_t *f = malloc(len);          /* exact size for ASan */
            if (!f) break;
            memcpy(f, b, len);
            if (net_record_open(&rx, f, len, &pt, &pt_len) == CL_OK) {
                FUZZ_CHECK(pt >= f && pt + pt_len + tag <= f + len && rx.seq == seq + 1);
            } else {
                FUZZ_CHECK(rx.seq == seq);
            }
            free(f);
            continue;
        }
        int in_step = tx.seq == rx.seq;
        uint8_t type = op == 3 ? NET_T_ALERT : NET_T_APPDATA;
        size_t plen = op == 3 ? 1 : len;
        if (plen == 0 || plen > NET_MAX_PLAINTEXT || (op == 3 && len < 1)) continue;
        FUZZ_CHECK(net_record_seal(&tx, type, b, plen, frame, sizeof frame, &flen) == CL_OK);
        FUZZ_CHECK(flen == NET_HDR_LEN + plen + tag && frame[0] == type);
        if (op == 2) {
            size_t pos = len >= 2 ? ((size_t)b[0] << 8 | b[1]) : 0;
            pos %= flen * 8;
            frame[pos / 8] ^= (uint8_t)(1u << (pos % 8));
            uint32_t blen = (uint32_t)frame[1] << 24 | (uint32_t)frame[2] << 16 | (uint32_t)frame[3] << 8 | frame[4];
            if (net_frame_check(frame[0], blen, 1, suite, &alert) == CL_OK && blen == flen - NET_HDR_LEN) {
                FUZZ_CHECK(net_record_open(&rx, frame, flen, &pt, &pt_len) == CL_ERR_BAD_RECORD_MAC);
                FUZZ_CHECK(rx.seq == seq);
            }
            /* nothing was written: flipped back, the frame opens (in step) */
            frame[pos / 8] ^= (uint8_t)(1u << (pos % 8));
        }
        cl_status st = net_record_open(&rx, frame, flen, &pt, &pt_len);
        if (in_step) {
            FUZZ_CHECK(st == CL_OK && pt_len == plen && !memcmp(pt, b, plen) && rx.seq == seq + 1);
        } else {
            FUZZ_CHECK(st == CL_ERR_BAD_RECORD_MAC && rx.seq == seq);
        }
    }
    net_dir_clear(&tx);
    net_dir_clear(&rx);
    return 0;
}
