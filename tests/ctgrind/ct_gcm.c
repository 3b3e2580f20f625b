/*
 * tests/ctgrind/ct_gcm.c -- GHASH (SP 800-38D §6.4) portable and with
 * PCLMULQDQ, the hash subkey and the data secret; and GCM (§7.1, §7.2)
 * with the ct and aesni AES: key and plaintext secret, ciphertext and tag
 * public once produced; decryption of the right tag and of a wrong one
 * (the tag check's verdict is public, declassified in aes/gcm.c).
 */
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "aes/gcm.h"
#include "aes/ghash_internal.h"

static int ghash_portable(void)
{
    uint8_t H[16], Y[16], data[16 * 9];
    ct_fill(H, 16, 1);
    ct_fill(Y, 16, 2);
    ct_fill(data, sizeof data, 3);
    ct_secret(H, 16);
    ct_secret(data, sizeof data);
    ghash_blocks_portable(H, Y, data, 9);
    uint8_t Z[16];
    ghash_gf_mult(H, data, Z);
    ct_public(Y, 16);
    ct_public(Z, 16);
    return CT_OK;
}

static int ghash_clmul(void)
{
    if (!ghash_clmul_available()) return CT_SKIP;
    uint8_t H[16], Y1[16], Y2[16], data[16 * 9];
    uint8_t hpow[8][16] __attribute__((aligned(16)));
    ct_fill(H, 16, 1);
    ct_fill(data, sizeof data, 3);
    memset(Y1, 0, 16);
    memset(Y2, 0, 16);
    ct_secret(H, 16);
    ct_secret(data, sizeof data);
    ghash_clmul_setup(H, hpow);
    ghash_blocks_clmul((const uint8_t (*)[16])hpow, Y1, data, 9);
    ghash_blocks_portable(H, Y2, data, 9);
    ct_public(Y1, 16);
    ct_public(Y2, 16);
    return memcmp(Y1, Y2, 16) == 0 ? CT_OK : CT_WRONG;
}

static int run_gcm(aes_impl impl)
{
    uint8_t key[32], iv[12], aad[20], pt[100], c[100], back[100], tag[16];
    gcm_ctx ctx;
    ct_fill(key, sizeof key, 9);
    ct_fill(iv, sizeof iv, 10);
    ct_fill(aad, sizeof aad, 11);
    ct_fill(pt, sizeof pt, 12);
    ct_secret(key, sizeof key);
    ct_secret(pt, sizeof pt);
    cl_status st = gcm_init_impl(&ctx, key, sizeof key, impl);
    if (st == CL_ERR_UNSUPPORTED) return CT_SKIP;
    if (st != CL_OK) return CT_WRONG;
    if (gcm_encrypt(&ctx, iv, sizeof iv, aad, sizeof aad, pt, sizeof pt, c, tag, 16)) return CT_WRONG;
    ct_public(c, sizeof c);                   /* what goes on the wire */
    ct_public(tag, sizeof tag);
    if (gcm_decrypt(&ctx, iv, sizeof iv, aad, sizeof aad, c, sizeof c, tag, 16, back) != CL_OK)
        return CT_WRONG;
    tag[3] ^= 1;
    if (gcm_decrypt(&ctx, iv, sizeof iv, aad, sizeof aad, c, sizeof c, tag, 16, back) != CL_ERR_AUTH)
        return CT_WRONG;
    ct_public(back, sizeof back);
    ct_public(pt, sizeof pt);
    gcm_clear(&ctx);
    return memcmp(back, pt, sizeof pt) == 0 ? CT_OK : CT_WRONG;
}

static int gcm_ct(void) { return run_gcm(AES_IMPL_CT); }
static int gcm_aesni(void) { return run_gcm(AES_IMPL_AESNI); }

void register_ct_gcm(void);
void register_ct_gcm(void)
{
    ct_add("ghash-portable", CT_EXPECT_CLEAN, ghash_portable, "GHASH, portable (aes/ghash.c)");
    ct_add("ghash-clmul", CT_EXPECT_CLEAN, ghash_clmul, "GHASH with PCLMULQDQ (aes/ghash_clmul.c)");
    ct_add("gcm-ct", CT_EXPECT_CLEAN, gcm_ct, "AES-256-GCM with ct: seal, open, tag check");
    ct_add("gcm-aesni", CT_EXPECT_CLEAN, gcm_aesni, "AES-256-GCM with aesni + CLMUL: seal, open, tag check");
}
