/* net/keyschedule.c -- docs/protocol.md §4 (RFC 5869 HKDF with SHA-256). */
#include <string.h>
#include "net/keyschedule.h"
#include "sha256/hkdf.h"
#include "sha256/hmac.h"
#include "sha256/sha256.h"
#include "common/ct.h"
#include "common/hex.h"

#define LABEL_PREFIX "cryptolab v1 "

/* K(label, L) = HKDF-Expand(PRK, "cryptolab v1 " || label || H1, L) */
static cl_status expand_label(const uint8_t prk[32], const char *label, const uint8_t h1[32],
                              uint8_t *out, size_t L)
{
    uint8_t info[64 + 32];
    size_t pre = strlen(LABEL_PREFIX), lab = strlen(label);
    if (pre + lab > 64) return CL_ERR_BAD_ARGUMENT;
    memcpy(info, LABEL_PREFIX, pre);
    memcpy(info + pre, label, lab);
    memcpy(info + pre + lab, h1, 32);
    return hkdf_sha256_expand(prk, 32, info, pre + lab + 32, out, L);
}

cl_status net_derive_keys(const uint8_t client_random[NET_RANDOM_LEN],
                          const uint8_t server_random[NET_RANDOM_LEN],
                          const uint8_t secret[NET_SECRET_LEN],
                          const uint8_t h1[32], struct net_keys *k)
{
    if (!client_random || !server_random || !secret || !h1 || !k) return CL_ERR_NULL_POINTER;
    uint8_t salt[2 * NET_RANDOM_LEN], prk[32];
    memcpy(salt, client_random, NET_RANDOM_LEN);
    memcpy(salt + NET_RANDOM_LEN, server_random, NET_RANDOM_LEN);
    /* RFC 5869 §2.2 HKDF-Extract */
    cl_status st = hkdf_sha256_extract(salt, sizeof salt, secret, NET_SECRET_LEN, prk);
    /* RFC 5869 §2.3 HKDF-Expand, one label per key */
    if (!st) st = expand_label(prk, "c2s key", h1, k->c2s_key, sizeof k->c2s_key);
    if (!st) st = expand_label(prk, "c2s mac", h1, k->c2s_mac, sizeof k->c2s_mac);
    if (!st) st = expand_label(prk, "c2s iv", h1, k->c2s_iv, sizeof k->c2s_iv);
    if (!st) st = expand_label(prk, "s2c key", h1, k->s2c_key, sizeof k->s2c_key);
    if (!st) st = expand_label(prk, "s2c mac", h1, k->s2c_mac, sizeof k->s2c_mac);
    if (!st) st = expand_label(prk, "s2c iv", h1, k->s2c_iv, sizeof k->s2c_iv);
    if (!st) st = expand_label(prk, "c finished", h1, k->c_finished, sizeof k->c_finished);
    if (!st) st = expand_label(prk, "s finished", h1, k->s_finished, sizeof k->s_finished);
    cl_wipe(prk, sizeof prk);
    if (st) cl_wipe(k, sizeof *k);
    return st;
}

cl_status net_finished_mac(const uint8_t finished_key[32], const uint8_t transcript_hash[32],
                           uint8_t verify[NET_FINISHED_LEN])
{
    if (!finished_key || !transcript_hash || !verify) return CL_ERR_NULL_POINTER;
    return hmac_sha256(finished_key, 32, transcript_hash, 32, verify);
}

cl_status net_finished_verify(const uint8_t finished_key[32], const uint8_t transcript_hash[32],
                              const uint8_t got[NET_FINISHED_LEN])
{
    uint8_t want[NET_FINISHED_LEN];
    int same;
    if (!got) return CL_ERR_NULL_POINTER;
    cl_status st = net_finished_mac(finished_key, transcript_hash, want);
    if (st != CL_OK) return st;
    same = cl_ct_memeq_public(want, got, sizeof want);
    cl_wipe(want, sizeof want);
    return same ? CL_OK : CL_ERR_AUTH;
}

void net_key_fingerprint(const uint8_t *key, size_t len, char out[17])
{
    uint8_t d[SHA256_DIGEST_SIZE];
    if (sha256_digest(key, len, d) != CL_OK) memset(d, 0, sizeof d);
    cl_hex_encode(d, 8, out);
}
