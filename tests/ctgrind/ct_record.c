/*
 * tests/ctgrind/ct_record.c -- the record layer's open path (net/record.c,
 * net/record_gcm.c; docs/protocol.md §5) for both suites: the direction's
 * keys (not its IV, see below) and the plaintext secret, the frame public once sealed; a good
 * record opens, a record with one bit changed is refused (verdict public).
 */
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "net/record.h"

static int run_record(uint8_t suite)
{
    uint8_t key[NET_KEY_LEN], mac[32], iv[NET_IV_LEN], pt[300], frame[400], copy[400];
    struct net_dir tx, rx;
    size_t flen = 0, n = 0;
    uint8_t *out = NULL;
    ct_fill(key, sizeof key, 21);
    ct_fill(mac, sizeof mac, 22);
    ct_fill(iv, sizeof iv, 23);
    ct_fill(pt, sizeof pt, 24);
    ct_secret(key, sizeof key);
    ct_secret(mac, sizeof mac);
    /* write_iv stays public: neither suite relies on the nonce or counter
     * block being secret (SP 800-38A/38D), and aes_ctr_xor's wrap check
     * looks at the counter block. */
    ct_secret(pt, sizeof pt);
    if (net_dir_init(&tx, suite, key, mac, iv) || net_dir_init(&rx, suite, key, mac, iv)) return CT_WRONG;
    for (int round = 0; round < 2; round++) {
        if (net_record_seal(&tx, NET_T_APPDATA, pt, sizeof pt, frame, sizeof frame, &flen)) return CT_WRONG;
        ct_public(frame, flen);                  /* on the wire */
        memcpy(copy, frame, flen);
        copy[flen - 1] ^= 1;                     /* a forged tag */
        if (net_record_open(&rx, copy, flen, &out, &n) != CL_ERR_BAD_RECORD_MAC) return CT_WRONG;
        if (net_record_open(&rx, frame, flen, &out, &n) != CL_OK) return CT_WRONG;
        ct_public(out, n);
        ct_public(pt, sizeof pt);
        if (n != sizeof pt || memcmp(out, pt, n) != 0) return CT_WRONG;
        ct_secret(pt, sizeof pt);
    }
    net_dir_clear(&tx);
    net_dir_clear(&rx);
    return CT_OK;
}

static int record_ctr(void) { return run_record(NET_SUITE_AES256_CTR_HMAC_SHA256); }
static int record_gcm(void) { return run_record(NET_SUITE_AES256_GCM); }

void register_ct_record(void);
void register_ct_record(void)
{
    ct_add("record-ctr-hmac", CT_EXPECT_CLEAN, record_ctr, "record seal/open, suite 1 (AES-256-CTR + HMAC-SHA256)");
    ct_add("record-gcm", CT_EXPECT_CLEAN, record_gcm, "record seal/open, suite 2 (AES-256-GCM)");
}
