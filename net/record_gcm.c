/* net/record_gcm.c -- docs/protocol.md §5.2: suite 0x02, AES-256-GCM
 * (NIST SP 800-38D) records.
 *
 *   nonce      = write_iv XOR (0x00000000 || u64 seq)        (§5; 96-bit IV, RFC 8446 §5.3 style)
 *   AAD        = u64 seq || header                           (13 bytes)
 *   ciphertext, tag = GCM-AE_K(nonce, plaintext, AAD)        (SP 800-38D §7.1, t = 128)
 *   frame      = header || ciphertext || tag
 *
 * The nonce never repeats under a key: each direction has its own key and
 * IV, and seq never wraps (§5).  The receiver calls GCM-AD (SP 800-38D
 * §7.2), which compares the tag in constant time before it writes any
 * plaintext; a failure is reported exactly like suite 1's bad MAC. */
#include "net/record.h"
#include "common/bytes.h"

/* AAD = u64 seq || header (the same bytes suite 1's HMAC covers before the ciphertext). */
static void record_aad(uint64_t seq, const uint8_t *header, uint8_t aad[8 + NET_HDR_LEN])
{
    store64_be(aad, seq);
    for (int i = 0; i < NET_HDR_LEN; i++) aad[8 + i] = header[i];
}

cl_status net_record_seal_gcm(struct net_dir *d, uint8_t *frame, const uint8_t *pt, size_t len)
{
    uint8_t nonce[NET_IV_LEN], aad[8 + NET_HDR_LEN];
    uint8_t *ct = frame + NET_HDR_LEN;
    net_record_nonce(d->iv, d->seq, nonce);
    record_aad(d->seq, frame, aad);
    return gcm_encrypt(&d->gcm, nonce, sizeof nonce, aad, sizeof aad, pt, len, ct,
                       ct + len, NET_GCM_TAG_LEN);
}

cl_status net_record_open_gcm(struct net_dir *d, uint8_t *frame, size_t ct_len)
{
    uint8_t nonce[NET_IV_LEN], aad[8 + NET_HDR_LEN];
    uint8_t *ct = frame + NET_HDR_LEN;
    net_record_nonce(d->iv, d->seq, nonce);
    record_aad(d->seq, frame, aad);
    cl_status st = gcm_decrypt(&d->gcm, nonce, sizeof nonce, aad, sizeof aad, ct, ct_len,
                               ct + ct_len, NET_GCM_TAG_LEN, ct);
    if (st == CL_ERR_AUTH) return CL_ERR_BAD_RECORD_MAC;   /* §5.2: same alert as a bad MAC */
    return st;
}
