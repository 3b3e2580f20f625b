/* net/record.c -- docs/protocol.md §5: the record layer common to both
 * suites (keys, sequence numbers, nonce, length checks) and suite 0x01,
 * AES-256-CTR + HMAC-SHA256, encrypt-then-MAC (§5.1).  Suite 0x02,
 * AES-256-GCM (§5.2), is in net/record_gcm.c. */
#include <string.h>
#include "net/record.h"
#include "aes/aes_modes.h"
#include "sha256/hmac.h"
#include "common/bytes.h"
#include "common/ct.h"

size_t net_suite_tag_len(uint8_t suite)
{
    switch (suite) {
    case NET_SUITE_AES256_CTR_HMAC_SHA256: return NET_MAC_LEN;
    case NET_SUITE_AES256_GCM:             return NET_GCM_TAG_LEN;
    default:                               return 0;
    }
}

cl_status net_dir_init(struct net_dir *d, uint8_t suite, const uint8_t key[NET_KEY_LEN],
                       const uint8_t mac_key[32], const uint8_t iv[NET_IV_LEN])
{
    if (!d || !key || !mac_key || !iv) return CL_ERR_NULL_POINTER;
    if (suite != NET_SUITE_AES256_CTR_HMAC_SHA256 && suite != NET_SUITE_AES256_GCM)
        return CL_ERR_UNSUPPORTED;
    memset(d, 0, sizeof *d);
    cl_status st;
    if (suite == NET_SUITE_AES256_GCM) {
        st = gcm_init(&d->gcm, key, NET_KEY_LEN);      /* SP 800-38D §7.1 step 1: H */
    } else {
        st = aes_init(&d->aes, key, NET_KEY_LEN);
        memcpy(d->mac_key, mac_key, 32);
    }
    if (st) { net_dir_clear(d); return st; }
    d->suite = suite;
    memcpy(d->iv, iv, NET_IV_LEN);
    d->seq = 0;
    d->active = 1;
    return CL_OK;
}

void net_dir_clear(struct net_dir *d)
{
    if (!d) return;
    aes_clear(&d->aes);
    gcm_clear(&d->gcm);
    cl_wipe(d, sizeof *d);
}

void net_record_nonce(const uint8_t iv[NET_IV_LEN], uint64_t seq, uint8_t nonce[NET_IV_LEN])
{
    uint8_t s[NET_IV_LEN] = {0};
    store64_be(s + 4, seq);
    for (int i = 0; i < NET_IV_LEN; i++)
        nonce[i] = (uint8_t)(iv[i] ^ s[i]);
}

/* ---------------------------------------------------------------- §5.1 suite 0x01 */

/* tag = HMAC-SHA256(mac_key, u64 seq || header || ciphertext) */
static cl_status record_mac(const struct net_dir *d, uint64_t seq, const uint8_t *header,
                            const uint8_t *ct, size_t ct_len, uint8_t tag[NET_MAC_LEN])
{
    hmac_ctx h;
    uint8_t s[8];
    store64_be(s, seq);
    cl_status st = hmac_init(&h, NULL, d->mac_key, sizeof d->mac_key);
    if (!st) st = hmac_update(&h, s, sizeof s);
    if (!st) st = hmac_update(&h, header, NET_HDR_LEN);
    if (!st) st = hmac_update(&h, ct, ct_len);
    if (!st) st = hmac_final(&h, tag);
    cl_wipe(&h, sizeof h);
    return st;
}

/* ctr0 = nonce || 0x00000000; CTR over the record (SP 800-38A §6.5). */
static cl_status record_ctr(const struct net_dir *d, uint64_t seq, const uint8_t *in,
                            uint8_t *out, size_t len)
{
    uint8_t ctr[AES_BLOCK_SIZE] = {0};
    net_record_nonce(d->iv, seq, ctr);
    return aes_ctr_xor(&d->aes, ctr, in, out, len);
}

/* frame already holds the header; writes ciphertext and tag after it. */
cl_status net_record_seal_ctr_hmac(struct net_dir *d, uint8_t *frame, const uint8_t *pt, size_t len)
{
    uint8_t *ct = frame + NET_HDR_LEN;
    cl_status st = record_ctr(d, d->seq, pt, ct, len);
    if (!st) st = record_mac(d, d->seq, frame, ct, len, ct + len);
    return st;
}

cl_status net_record_open_ctr_hmac(struct net_dir *d, uint8_t *frame, size_t ct_len)
{
    uint8_t *ct = frame + NET_HDR_LEN;
    uint8_t tag[NET_MAC_LEN];
    cl_status st = record_mac(d, d->seq, frame, ct, ct_len, tag);
    if (st) return st;
    /* Verify before decrypting, in constant time. */
    int ok = cl_ct_memeq_public(tag, ct + ct_len, NET_MAC_LEN);
    cl_wipe(tag, sizeof tag);
    if (!ok) return CL_ERR_BAD_RECORD_MAC;
    return record_ctr(d, d->seq, ct, ct, ct_len);
}

/* ---------------------------------------------------------------- §5 both suites */

cl_status net_record_seal(struct net_dir *d, uint8_t type, const uint8_t *pt, size_t len,
                          uint8_t *frame, size_t cap, size_t *frame_len)
{
    if (!d || !frame || !frame_len || (!pt && len)) return CL_ERR_NULL_POINTER;
    if (!d->active) return CL_ERR_STATE;
    if (type != NET_T_APPDATA && type != NET_T_ALERT) return CL_ERR_BAD_ARGUMENT;
    if (len > NET_MAX_PLAINTEXT || (type == NET_T_ALERT && len != 1)) return CL_ERR_INPUT_LENGTH;
    size_t tag_len = net_suite_tag_len(d->suite);
    if (cap < NET_HDR_LEN + len + tag_len) return CL_ERR_OUTPUT_SPACE;
    if (d->seq == UINT64_MAX) return CL_ERR_COUNTER_WRAP;   /* §5: never wraps */
    net_frame_header(frame, type, (uint32_t)(len + tag_len));
    cl_status st = d->suite == NET_SUITE_AES256_GCM ? net_record_seal_gcm(d, frame, pt, len)
                                                    : net_record_seal_ctr_hmac(d, frame, pt, len);
    if (st) return st;
    d->seq++;
    *frame_len = NET_HDR_LEN + len + tag_len;
    return CL_OK;
}

cl_status net_record_open(struct net_dir *d, uint8_t *frame, size_t frame_len,
                          uint8_t **pt, size_t *pt_len)
{
    if (!d || !frame || !pt || !pt_len) return CL_ERR_NULL_POINTER;
    if (!d->active) return CL_ERR_STATE;
    size_t tag_len = net_suite_tag_len(d->suite);
    if (frame_len < NET_HDR_LEN + tag_len ||
        load32_be(frame + 1) != frame_len - NET_HDR_LEN)
        return CL_ERR_INPUT_LENGTH;
    if (d->seq == UINT64_MAX) return CL_ERR_COUNTER_WRAP;
    size_t ct_len = frame_len - NET_HDR_LEN - tag_len;
    cl_status st = d->suite == NET_SUITE_AES256_GCM ? net_record_open_gcm(d, frame, ct_len)
                                                    : net_record_open_ctr_hmac(d, frame, ct_len);
    if (st) return st;
    d->seq++;
    *pt = frame + NET_HDR_LEN;
    *pt_len = ct_len;
    return CL_OK;
}
