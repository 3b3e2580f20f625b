/*
 * tests/ctgrind/ct_tls.c -- the TLS key-exchange secrets under ctgrind:
 *   ffdhe-shared      Z = Y^x mod p for ffdhe2048 (rsa/ffdhe.c) with the
 *                     private exponent x secret, Z left-padded (TLS 1.3);
 *   tls12-premaster   RFC 5246 §7.4.7.1 (rsa/rsa_premaster.c): a valid and
 *                     a wrongly padded premaster through the same masked
 *                     path, the RSA private values secret.
 * mpz_powm_sec and GMP's mpz layer are GMP's (counted, CT_EXPECT_GMP);
 * cryptolab's own code must be clean.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "rsa/ffdhe.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/rsa_premaster.h"

static int ffdhe_shared(void)
{
    const ffdhe_group *g = ffdhe_group_by_id(FFDHE_GROUP_2048);
    uint8_t xa[29], xb[29], z1[FFDHE_MAX_BYTES], z2[FFDHE_MAX_BYTES];
    size_t l1, l2;
    ffdhe_key a, b;
    ct_fill(xa, sizeof xa, 31);
    ct_fill(xb, sizeof xb, 32);
    xa[0] = xb[0] = 1;
    if (ffdhe_keygen_fixed(&a, g, xa, sizeof xa) || ffdhe_keygen_fixed(&b, g, xb, sizeof xb)) return CT_WRONG;
    ct_secret_mpz(a.x);
    ct_secret_mpz(b.x);
    if (ffdhe_shared_secret(&a, b.Y, g->p_len, FFDHE_Z_PADDED, z1, sizeof z1, &l1)) return CT_WRONG;
    if (ffdhe_shared_secret(&b, a.Y, g->p_len, FFDHE_Z_PADDED, z2, sizeof z2, &l2)) return CT_WRONG;
    ct_public(z1, l1);
    ct_public(z2, l2);
    if (l1 != g->p_len || l2 != l1 || memcmp(z1, z2, l1) != 0) return CT_WRONG;
    ffdhe_key_clear(&a);
    ffdhe_key_clear(&b);
    return CT_OK;
}

static int premaster(void)
{
    static uint8_t pem[8192];
    uint8_t pms[48], got[48], c[256], em[256];
    size_t n, cl, k;
    rsa_key key;
    FILE *f = fopen(CT_TOP "/vectors/rsa/keys/key2048-pkcs1.pem", "rb");
    if (f == NULL) return CT_WRONG;
    n = fread(pem, 1, sizeof pem, f);
    fclose(f);
    rsa_key_init(&key);
    if (rsa_key_load_private(&key, pem, n, NULL) != CL_OK) return CT_WRONG;
    k = rsa_key_bytes(&key);
    ct_fill(pms, sizeof pms, 33);
    pms[0] = 3; pms[1] = 3;
    if (rsa_pkcs1v15_encrypt(&key, pms, 48, c, sizeof c, &cl)) return CT_WRONG;
    mpz_ptr priv[] = { key.d, key.p, key.q, key.dP, key.dQ, key.qInv };
    for (int i = 0; i < 6; i++)
        ct_secret_mpz(priv[i]);
    if (rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, got, NULL) != CL_OK) return CT_WRONG;
    ct_public(got, 48);
    if (memcmp(got, pms, 48) != 0) return CT_WRONG;
    /* block type 01: the same path, a random premaster */
    memset(em, 0x5a, k);
    em[0] = 0; em[1] = 1; em[k - 49] = 0;
    memcpy(em + k - 48, pms, 48);
    for (int i = 0; i < 6; i++)
        ct_public_mpz(priv[i]);
    if (rsa_textbook_encrypt(&key, em, k, c, sizeof c, &cl)) return CT_WRONG;
    for (int i = 0; i < 6; i++)
        ct_secret_mpz(priv[i]);
    if (rsa_tls_premaster_decrypt(&key, c, cl, 0x0303, got, NULL) != CL_OK) return CT_WRONG;
    ct_public(got, 48);
    if (got[0] != 3 || got[1] != 3 || memcmp(got + 2, pms + 2, 46) == 0) return CT_WRONG;
    for (int i = 0; i < 6; i++)
        ct_public_mpz(priv[i]);
    rsa_key_clear(&key);
    return CT_OK;
}

void register_ct_tls(void);
void register_ct_tls(void)
{
    ct_add("ffdhe-shared", CT_EXPECT_GMP, ffdhe_shared, "FFDHE ffdhe2048: Z = Y^x mod p (mpz_powm_sec), Z padded");
    ct_add("tls12-premaster", CT_EXPECT_GMP, premaster, "TLS 1.2 RSA premaster, RFC 5246 7.4.7.1: good and bad padding, one masked path");
}
