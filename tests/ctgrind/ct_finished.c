/*
 * tests/ctgrind/ct_finished.c -- the Finished checks under ctgrind: the
 * peer's verify_data compared with the one computed from the session's
 * secrets, exactly as the handshakes compare them (a match and a mismatch
 * through the same path):
 *   net-finished     our protocol, docs/protocol.md §3.4
 *                    (net_finished_verify: HMAC-SHA256 and the comparison);
 *   tls12-finished   RFC 5246 §7.4.9: PRF(master_secret, "server finished",
 *                    Hash(handshake_messages))[0..11], tls_finished_matches;
 *   tls13-finished   RFC 8446 §4.4.4: HMAC(finished_key, transcript hash),
 *                    finished_key from a handshake traffic secret,
 *                    tls_finished_matches.
 * The secrets (finished key, master secret, traffic secret) are marked
 * undefined; the transcript hash and the peer's bytes are public.  Only the
 * verdict is declassified (cl_ct_memeq_public), so any branch on a secret
 * byte, or on how many bytes matched, would be reported.
 */
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "net/keyschedule.h"
#include "net/tls/key_schedule.h"
#include "net/tls/messages.h"
#include "net/tls/prf.h"

static int net_finished(void)
{
    uint8_t key[32], hash[32], got[NET_FINISHED_LEN];
    ct_fill(key, sizeof key, 41);
    ct_fill(hash, sizeof hash, 42);
    ct_secret(key, sizeof key);
    if (net_finished_mac(key, hash, got) != CL_OK) return CT_WRONG;
    ct_public(got, sizeof got);                  /* what the peer sends */
    if (net_finished_verify(key, hash, got) != CL_OK) return CT_WRONG;
    got[NET_FINISHED_LEN - 1] ^= 0x01;           /* the last byte differs */
    if (net_finished_verify(key, hash, got) != CL_ERR_AUTH) return CT_WRONG;
    return CT_OK;
}

static int tls12_finished(void)
{
    uint8_t master[TLS12_MASTER_LEN], hash[32], want[TLS12_VERIFY_LEN], got[TLS12_VERIFY_LEN];
    ct_fill(master, sizeof master, 43);
    ct_fill(hash, sizeof hash, 44);
    ct_secret(master, sizeof master);
    if (tls12_prf(master, sizeof master, "server finished", hash, sizeof hash, want, sizeof want))
        return CT_WRONG;
    memcpy(got, want, sizeof got);
    ct_public(got, sizeof got);                  /* the peer's copy: public */
    if (tls_finished_matches(want, got, sizeof got) != 1) return CT_WRONG;
    got[0] ^= 0x80;                              /* the first byte differs */
    if (tls_finished_matches(want, got, sizeof got) != 0) return CT_WRONG;
    return CT_OK;
}

static int tls13_finished_check(void)
{
    tls13_schedule s;
    uint8_t base[32], hash[32], want[32], got[32];
    memset(&s, 0, sizeof s);
    ct_fill(base, sizeof base, 45);
    ct_fill(hash, sizeof hash, 46);
    ct_secret(base, sizeof base);
    if (tls13_finished(&s, NULL, base, hash, want) != CL_OK) return CT_WRONG;
    memcpy(got, want, sizeof got);
    ct_public(got, sizeof got);
    if (tls_finished_matches(want, got, sizeof got) != 1) return CT_WRONG;
    got[16] ^= 0x01;                             /* a middle byte differs */
    if (tls_finished_matches(want, got, sizeof got) != 0) return CT_WRONG;
    return CT_OK;
}

void register_ct_finished(void);
void register_ct_finished(void)
{
    ct_add("net-finished", CT_EXPECT_CLEAN, net_finished,
           "our protocol's Finished: HMAC-SHA256 and the comparison (protocol.md 3.4)");
    ct_add("tls12-finished", CT_EXPECT_CLEAN, tls12_finished,
           "TLS 1.2 Finished: PRF verify_data and the comparison (RFC 5246 7.4.9)");
    ct_add("tls13-finished", CT_EXPECT_CLEAN, tls13_finished_check,
           "TLS 1.3 Finished: finished_key, HMAC and the comparison (RFC 8446 4.4.4)");
}
