/*
 * tests/ctgrind/ct_aes.c -- AES (aes/aes.h) per implementation: key
 * schedule (aes_init_impl), one block each way, and the eight-block path
 * of the fast implementations (aes_fast_ecb), for AES-128/192/256, with
 * the key and the data secret.  ct and aesni must be clean; spec and
 * ttable are the controls that show the check can fail: their S-box and
 * T-table lookups are indexed by secret bytes.
 */
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "aes/aes.h"
#include "aes/aes_fast_internal.h"

static int run_aes(aes_impl impl)
{
    static const size_t lens[3] = { 16, 24, 32 };
    for (int k = 0; k < 3; k++) {
        uint8_t key[32], pt[128], ct[128], back[128];
        aes_ctx ctx;
        ct_fill(key, sizeof key, (uint8_t)(1 + k));
        ct_fill(pt, sizeof pt, 0x40);
        ct_secret(key, sizeof key);
        ct_secret(pt, sizeof pt);
        cl_status st = aes_init_impl(&ctx, key, lens[k], impl);
        if (st == CL_ERR_UNSUPPORTED) return CT_SKIP;
        if (st != CL_OK) return CT_WRONG;
        if (aes_encrypt_block(&ctx, pt, ct) || aes_decrypt_block(&ctx, ct, back)) return CT_WRONG;
        if (!aes_fast_ecb(&ctx, 1, pt, ct, 8) || !aes_fast_ecb(&ctx, 0, ct, back, 8)) {
            /* spec has no multi-block path: one block at a time */
            for (int b = 0; b < 8; b++)
                if (aes_encrypt_block(&ctx, pt + 16 * b, ct + 16 * b) ||
                    aes_decrypt_block(&ctx, ct + 16 * b, back + 16 * b))
                    return CT_WRONG;
        }
        ct_public(back, sizeof back);
        ct_public(pt, sizeof pt);
        aes_clear(&ctx);
        if (memcmp(back, pt, sizeof pt) != 0) return CT_WRONG;
    }
    return CT_OK;
}

static int aes_ct(void) { return run_aes(AES_IMPL_CT); }
static int aes_aesni(void) { return run_aes(AES_IMPL_AESNI); }
static int aes_spec(void) { return run_aes(AES_IMPL_SPEC); }
static int aes_ttable(void) { return run_aes(AES_IMPL_TTABLE); }

void register_ct_aes(void);
void register_ct_aes(void)
{
    ct_add("aes-ct", CT_EXPECT_CLEAN, aes_ct, "bitsliced AES: key schedule, encrypt, decrypt");
    ct_add("aes-aesni", CT_EXPECT_CLEAN, aes_aesni, "AES-NI: key schedule, encrypt, decrypt");
    ct_add("aes-spec", CT_EXPECT_LEAKS, aes_spec, "FIPS-197 reference (S-box table): must be reported");
    ct_add("aes-ttable", CT_EXPECT_LEAKS, aes_ttable, "T-tables: must be reported");
}
