/*
 * net/tls/prf.c -- the TLS 1.2 PRF, P_SHA256 (RFC 5246 §5), and the values
 * derived with it (see net/tls/prf.h).
 */
#include <string.h>
#include "net/tls/prf.h"
#include "sha256/hmac.h"
#include "common/ct.h"

/* P_SHA256(secret, label + seed) (§5), label and seed given separately;
 * trace (may be NULL) sees A(i) and each HMAC(secret, A(i) + seed) block. */
cl_status tls12_prf_trace(const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len,
                          tls12_prf_trace_fn trace, void *arg)
{
    uint8_t A[32], block[32];
    hmac_ctx h;
    size_t label_len, done = 0;
    unsigned i = 1;
    cl_status st = CL_OK;
    if ((secret == NULL && secret_len) || label == NULL || (seed == NULL && seed_len) ||
        (out == NULL && len))
        return CL_ERR_NULL_POINTER;
    label_len = strlen(label);
    /* A(1) = HMAC(secret, A(0)), A(0) = label + seed */
    st = hmac_init(&h, NULL, secret, secret_len);
    if (st == CL_OK) st = hmac_update(&h, (const uint8_t *)label, label_len);
    if (st == CL_OK) st = hmac_update(&h, seed, seed_len);
    if (st == CL_OK) st = hmac_final(&h, A);
    while (st == CL_OK && done < len) {
        size_t n = len - done < 32 ? len - done : 32;
        if (trace != NULL)
            trace(arg, i, 0, A);
        /* HMAC(secret, A(i) + label + seed) */
        st = hmac_init(&h, NULL, secret, secret_len);
        if (st == CL_OK) st = hmac_update(&h, A, 32);
        if (st == CL_OK) st = hmac_update(&h, (const uint8_t *)label, label_len);
        if (st == CL_OK) st = hmac_update(&h, seed, seed_len);
        if (st == CL_OK) st = hmac_final(&h, block);
        if (st != CL_OK)
            break;
        if (trace != NULL)
            trace(arg, i, 1, block);
        memcpy(out + done, block, n);
        done += n;
        /* A(i+1) = HMAC(secret, A(i)) */
        if (done < len)
            st = hmac_sha256(secret, secret_len, A, 32, A);
        i++;
    }
    cl_wipe(A, sizeof A);
    cl_wipe(block, sizeof block);
    cl_wipe(&h, sizeof h);
    if (st != CL_OK && out != NULL)
        cl_wipe(out, len);
    return st;
}

cl_status tls12_prf(const uint8_t *secret, size_t secret_len, const char *label,
                    const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
    return tls12_prf_trace(secret, secret_len, label, seed, seed_len, out, len, NULL, NULL);
}

cl_status tls12_master_secret(const uint8_t *pms, size_t pms_len,
                              const uint8_t client_random[32], const uint8_t server_random[32],
                              uint8_t master[TLS12_MASTER_LEN])
{
    uint8_t seed[64];
    if (client_random == NULL || server_random == NULL)
        return CL_ERR_NULL_POINTER;
    memcpy(seed, client_random, 32);
    memcpy(seed + 32, server_random, 32);
    return tls12_prf(pms, pms_len, "master secret", seed, sizeof seed, master, TLS12_MASTER_LEN);
}

cl_status tls12_extended_master_secret(const uint8_t *pms, size_t pms_len,
                                       const uint8_t session_hash[32],
                                       uint8_t master[TLS12_MASTER_LEN])
{
    return tls12_prf(pms, pms_len, "extended master secret", session_hash, 32,
                     master, TLS12_MASTER_LEN);
}

cl_status tls12_key_block(const uint8_t master[TLS12_MASTER_LEN],
                          const uint8_t client_random[32], const uint8_t server_random[32],
                          tls12_keys *keys)
{
    uint8_t seed[64], kb[TLS12_KEY_BLOCK_LEN];
    cl_status st;
    if (client_random == NULL || server_random == NULL || keys == NULL)
        return CL_ERR_NULL_POINTER;
    /* §6.3: the seed is server_random + client_random (the other order). */
    memcpy(seed, server_random, 32);
    memcpy(seed + 32, client_random, 32);
    st = tls12_prf(master, TLS12_MASTER_LEN, "key expansion", seed, sizeof seed, kb, sizeof kb);
    if (st == CL_OK) {
        memcpy(keys->client_write_key, kb, 16);
        memcpy(keys->server_write_key, kb + 16, 16);
        memcpy(keys->client_write_IV, kb + 32, 4);
        memcpy(keys->server_write_IV, kb + 36, 4);
    }
    cl_wipe(kb, sizeof kb);
    return st;
}

cl_status tls12_verify_data(const uint8_t master[TLS12_MASTER_LEN], int from_client,
                            const uint8_t handshake_hash[32], uint8_t verify[TLS12_VERIFY_LEN])
{
    return tls12_prf(master, TLS12_MASTER_LEN, from_client ? "client finished" : "server finished",
                     handshake_hash, 32, verify, TLS12_VERIFY_LEN);
}
