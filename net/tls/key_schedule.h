/*
 * net/tls/key_schedule.h -- the TLS 1.3 key schedule (RFC 8446 §7.1) for
 * the SHA-256 suite TLS_AES_128_GCM_SHA256, without PSK:
 *
 *              0
 *              |
 *              v
 *    PSK ->  HKDF-Extract = Early Secret          (PSK = 0^32: no PSK here)
 *              |
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   (EC)DHE -> HKDF-Extract = Handshake Secret
 *              |
 *              +-----> Derive-Secret(., "c hs traffic", ClientHello...ServerHello)
 *              |                     = client_handshake_traffic_secret
 *              +-----> Derive-Secret(., "s hs traffic", ClientHello...ServerHello)
 *              |                     = server_handshake_traffic_secret
 *              v
 *        Derive-Secret(., "derived", "")
 *              |
 *              v
 *   0 -> HKDF-Extract = Master Secret
 *              |
 *              +-----> Derive-Secret(., "c ap traffic", ClientHello...server Finished)
 *              |                     = client_application_traffic_secret_0
 *              +-----> Derive-Secret(., "s ap traffic", ClientHello...server Finished)
 *              |                     = server_application_traffic_secret_0
 *              +-----> Derive-Secret(., "exp master", ClientHello...server Finished)
 *              |                     = exporter_master_secret
 *              +-----> Derive-Secret(., "res master", ClientHello...client Finished)
 *                                    = resumption_master_secret
 *
 *   HKDF-Expand-Label(Secret, Label, Context, Length) =
 *        HKDF-Expand(Secret, HkdfLabel, Length)
 *        struct { uint16 length = Length;
 *                 opaque label<7..255> = "tls13 " + Label;
 *                 opaque context<0..255> = Context; } HkdfLabel;
 *   Derive-Secret(Secret, Label, Messages) =
 *        HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
 *
 *   §7.3 traffic keys: key = HKDF-Expand-Label(secret, "key", "", 16)
 *                      iv  = HKDF-Expand-Label(secret, "iv", "", 12)
 *   §7.2 KeyUpdate:    application_traffic_secret_N+1 =
 *                      HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", 32)
 *   §4.4.4 Finished:   finished_key = HKDF-Expand-Label(BaseKey, "finished", "", 32)
 *                      verify_data  = HMAC(finished_key, Transcript-Hash(Handshake Context,
 *                                          Certificate*, CertificateVerify*))
 *
 * tests/test_tls.c reproduces RFC 8448 §3 with these functions, every value
 * in vectors/tls/rfc8448-simple-1rtt.txt.
 *
 * CT: yes (HKDF/HMAC-SHA256); the schedule is wiped by tls13_schedule_clear.
 */
#ifndef CRYPTOLAB_NET_TLS_KEY_SCHEDULE_H
#define CRYPTOLAB_NET_TLS_KEY_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define TLS13_HASH_LEN 32
#define TLS13_KEY_LEN  16
#define TLS13_IV_LEN   12

/* A hook that sees every value derived (for -trace-keys and -v): name is the
 * RFC 8446 name ("client_handshake_traffic_secret"), section "§7.1".  It
 * sees secrets: attach it only to one's own session, for the lab. */
typedef void (*tls13_trace_fn)(void *arg, const char *name, const char *section,
                               const uint8_t *value, size_t len);

typedef struct tls13_schedule {
    uint8_t early_secret[32];
    uint8_t derived_early[32];            /* Derive-Secret(Early Secret, "derived", "") */
    uint8_t handshake_secret[32];
    uint8_t client_handshake_traffic_secret[32];
    uint8_t server_handshake_traffic_secret[32];
    uint8_t derived_handshake[32];        /* Derive-Secret(Handshake Secret, "derived", "") */
    uint8_t master_secret[32];
    uint8_t client_application_traffic_secret[32];   /* _N after N KeyUpdates */
    uint8_t server_application_traffic_secret[32];
    uint8_t exporter_master_secret[32];
    uint8_t resumption_master_secret[32];
    tls13_trace_fn trace;                 /* NULL: none */
    void *trace_arg;
} tls13_schedule;

/* §7.1 HKDF-Expand-Label; label without the "tls13 " prefix (at most 249
 * characters), context at most 255 octets, len at most 255*32. */
cl_status tls13_hkdf_expand_label(const uint8_t secret[32], const char *label,
                                  const uint8_t *context, size_t context_len,
                                  uint8_t *out, size_t len);
/* §7.1 Derive-Secret with the transcript hash already computed. */
cl_status tls13_derive_secret(const uint8_t secret[32], const char *label,
                              const uint8_t transcript_hash[32], uint8_t out[32]);

/* Early Secret = HKDF-Extract(0, 0^32) and its "derived" value (no PSK). */
cl_status tls13_schedule_early(tls13_schedule *s);
/* Handshake Secret from the (EC)DHE shared secret and both handshake
 * traffic secrets from Transcript-Hash(ClientHello..ServerHello). */
cl_status tls13_schedule_handshake(tls13_schedule *s, const uint8_t *dhe, size_t dhe_len,
                                   const uint8_t hash_ch_sh[32]);
/* Master Secret and the application/exporter secrets from
 * Transcript-Hash(ClientHello..server Finished). */
cl_status tls13_schedule_master(tls13_schedule *s, const uint8_t hash_ch_sf[32]);
/* resumption_master_secret from Transcript-Hash(ClientHello..client Finished)
 * (computed for the trace; no tickets are issued). */
cl_status tls13_schedule_resumption(tls13_schedule *s, const uint8_t hash_ch_cf[32]);

/* §7.3 write key and IV of a traffic secret; name (may be NULL) labels the trace. */
cl_status tls13_traffic_keys(const tls13_schedule *s, const char *name, const uint8_t secret[32],
                             uint8_t key[TLS13_KEY_LEN], uint8_t iv[TLS13_IV_LEN]);
/* §7.2 application_traffic_secret_N+1, in place. */
cl_status tls13_update_traffic_secret(const tls13_schedule *s, const char *name, uint8_t secret[32]);
/* §4.4.4 verify_data from BaseKey (a handshake traffic secret). */
cl_status tls13_finished(const tls13_schedule *s, const char *name, const uint8_t base_key[32],
                         const uint8_t transcript_hash[32], uint8_t verify_data[32]);

void tls13_schedule_clear(tls13_schedule *s);

#endif
