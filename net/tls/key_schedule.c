/*
 * net/tls/key_schedule.c -- RFC 8446 §7.1-§7.3 and §4.4.4 on the project's
 * HKDF-SHA256 and HMAC-SHA256 (see net/tls/key_schedule.h).
 */
#include <stdio.h>
#include <string.h>
#include "net/tls/key_schedule.h"
#include "sha256/hkdf.h"
#include "sha256/hmac.h"
#include "sha256/sha256.h"
#include "common/ct.h"

/* SHA-256 of the empty string: Transcript-Hash("") for "derived". */
static const uint8_t empty_hash[32] = {
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55
};

static void trace(const tls13_schedule *s, const char *name, const char *section,
                  const uint8_t *v, size_t len)
{
    if (s != NULL && s->trace != NULL && name != NULL)
        s->trace(s->trace_arg, name, section, v, len);
}

cl_status tls13_hkdf_expand_label(const uint8_t secret[32], const char *label,
                                  const uint8_t *context, size_t context_len,
                                  uint8_t *out, size_t len)
{
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t label_len, n = 0;
    cl_status st;
    if (secret == NULL || label == NULL || out == NULL || (context == NULL && context_len))
        return CL_ERR_NULL_POINTER;
    label_len = strlen(label);
    if (label_len > 249 || context_len > 255 || len > 0xFFFF)
        return CL_ERR_BAD_ARGUMENT;
    /* struct HkdfLabel: uint16 length, opaque label<7..255>, opaque context<0..255> */
    info[n++] = (uint8_t)(len >> 8);
    info[n++] = (uint8_t)len;
    info[n++] = (uint8_t)(6 + label_len);
    memcpy(info + n, "tls13 ", 6);
    n += 6;
    memcpy(info + n, label, label_len);
    n += label_len;
    info[n++] = (uint8_t)context_len;
    if (context_len)
        memcpy(info + n, context, context_len);
    n += context_len;
    st = hkdf_sha256_expand(secret, 32, info, n, out, len);
    cl_wipe(info, sizeof info);
    return st;
}

cl_status tls13_derive_secret(const uint8_t secret[32], const char *label,
                              const uint8_t transcript_hash[32], uint8_t out[32])
{
    return tls13_hkdf_expand_label(secret, label, transcript_hash, 32, out, 32);
}

cl_status tls13_schedule_early(tls13_schedule *s)
{
    static const uint8_t zeros[32];
    cl_status st;
    if (s == NULL)
        return CL_ERR_NULL_POINTER;
    /* Early Secret = HKDF-Extract(salt = 0, IKM = PSK or 0^Hash.length) */
    st = hkdf_sha256_extract(NULL, 0, zeros, sizeof zeros, s->early_secret);
    if (st != CL_OK)
        return st;
    trace(s, "early_secret", "§7.1", s->early_secret, 32);
    st = tls13_derive_secret(s->early_secret, "derived", empty_hash, s->derived_early);
    if (st == CL_OK)
        trace(s, "derived (early_secret, \"derived\", \"\")", "§7.1", s->derived_early, 32);
    return st;
}

cl_status tls13_schedule_handshake(tls13_schedule *s, const uint8_t *dhe, size_t dhe_len,
                                   const uint8_t hash_ch_sh[32])
{
    cl_status st;
    if (s == NULL || dhe == NULL || hash_ch_sh == NULL)
        return CL_ERR_NULL_POINTER;
    /* Handshake Secret = HKDF-Extract(salt = derived, IKM = (EC)DHE) */
    st = hkdf_sha256_extract(s->derived_early, 32, dhe, dhe_len, s->handshake_secret);
    if (st != CL_OK)
        return st;
    trace(s, "handshake_secret", "§7.1", s->handshake_secret, 32);
    st = tls13_derive_secret(s->handshake_secret, "c hs traffic", hash_ch_sh,
                             s->client_handshake_traffic_secret);
    if (st != CL_OK)
        return st;
    trace(s, "client_handshake_traffic_secret", "§7.1", s->client_handshake_traffic_secret, 32);
    st = tls13_derive_secret(s->handshake_secret, "s hs traffic", hash_ch_sh,
                             s->server_handshake_traffic_secret);
    if (st != CL_OK)
        return st;
    trace(s, "server_handshake_traffic_secret", "§7.1", s->server_handshake_traffic_secret, 32);
    st = tls13_derive_secret(s->handshake_secret, "derived", empty_hash, s->derived_handshake);
    if (st == CL_OK)
        trace(s, "derived (handshake_secret, \"derived\", \"\")", "§7.1", s->derived_handshake, 32);
    return st;
}

cl_status tls13_schedule_master(tls13_schedule *s, const uint8_t hash_ch_sf[32])
{
    static const uint8_t zeros[32];
    cl_status st;
    if (s == NULL || hash_ch_sf == NULL)
        return CL_ERR_NULL_POINTER;
    /* Master Secret = HKDF-Extract(salt = derived, IKM = 0) */
    st = hkdf_sha256_extract(s->derived_handshake, 32, zeros, sizeof zeros, s->master_secret);
    if (st != CL_OK)
        return st;
    trace(s, "master_secret", "§7.1", s->master_secret, 32);
    st = tls13_derive_secret(s->master_secret, "c ap traffic", hash_ch_sf,
                             s->client_application_traffic_secret);
    if (st != CL_OK)
        return st;
    trace(s, "client_application_traffic_secret_0", "§7.1", s->client_application_traffic_secret, 32);
    st = tls13_derive_secret(s->master_secret, "s ap traffic", hash_ch_sf,
                             s->server_application_traffic_secret);
    if (st != CL_OK)
        return st;
    trace(s, "server_application_traffic_secret_0", "§7.1", s->server_application_traffic_secret, 32);
    st = tls13_derive_secret(s->master_secret, "exp master", hash_ch_sf, s->exporter_master_secret);
    if (st == CL_OK)
        trace(s, "exporter_master_secret", "§7.1", s->exporter_master_secret, 32);
    return st;
}

cl_status tls13_schedule_resumption(tls13_schedule *s, const uint8_t hash_ch_cf[32])
{
    cl_status st;
    if (s == NULL || hash_ch_cf == NULL)
        return CL_ERR_NULL_POINTER;
    st = tls13_derive_secret(s->master_secret, "res master", hash_ch_cf, s->resumption_master_secret);
    if (st == CL_OK)
        trace(s, "resumption_master_secret", "§7.1", s->resumption_master_secret, 32);
    return st;
}

cl_status tls13_traffic_keys(const tls13_schedule *s, const char *name, const uint8_t secret[32],
                             uint8_t key[TLS13_KEY_LEN], uint8_t iv[TLS13_IV_LEN])
{
    char buf[96];
    cl_status st = tls13_hkdf_expand_label(secret, "key", NULL, 0, key, TLS13_KEY_LEN);
    if (st == CL_OK)
        st = tls13_hkdf_expand_label(secret, "iv", NULL, 0, iv, TLS13_IV_LEN);
    if (st == CL_OK && name != NULL) {
        snprintf(buf, sizeof buf, "%s key", name);
        trace(s, buf, "§7.3", key, TLS13_KEY_LEN);
        snprintf(buf, sizeof buf, "%s iv", name);
        trace(s, buf, "§7.3", iv, TLS13_IV_LEN);
    }
    return st;
}

cl_status tls13_update_traffic_secret(const tls13_schedule *s, const char *name, uint8_t secret[32])
{
    uint8_t next[32];
    cl_status st = tls13_hkdf_expand_label(secret, "traffic upd", NULL, 0, next, 32);
    if (st == CL_OK) {
        memcpy(secret, next, 32);
        trace(s, name, "§7.2", secret, 32);
    }
    cl_wipe(next, sizeof next);
    return st;
}

cl_status tls13_finished(const tls13_schedule *s, const char *name, const uint8_t base_key[32],
                         const uint8_t transcript_hash[32], uint8_t verify_data[32])
{
    uint8_t finished_key[32];
    char buf[96];
    cl_status st = tls13_hkdf_expand_label(base_key, "finished", NULL, 0, finished_key, 32);
    if (st == CL_OK) {
        if (name != NULL) {
            snprintf(buf, sizeof buf, "%s finished_key", name);
            trace(s, buf, "§4.4.4", finished_key, 32);
        }
        st = hmac_sha256(finished_key, 32, transcript_hash, 32, verify_data);
    }
    if (st == CL_OK && name != NULL) {
        snprintf(buf, sizeof buf, "%s verify_data", name);
        trace(s, buf, "§4.4.4", verify_data, 32);
    }
    cl_wipe(finished_key, sizeof finished_key);
    return st;
}

void tls13_schedule_clear(tls13_schedule *s)
{
    if (s != NULL)
        cl_wipe(s, sizeof *s);
}
