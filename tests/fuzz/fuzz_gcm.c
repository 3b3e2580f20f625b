/*
 * tests/fuzz/fuzz_gcm.c -- AES-GCM (aes/gcm.c, NIST SP 800-38D §7.2
 * GCM-AD) with fuzzed keys, IVs, AAD, ciphertexts and tags, run with every
 * implementation this CPU has: spec, ttable, ct, aesni with PCLMULQDQ
 * GHASH, and aesni with the portable GHASH.  They must all agree: same
 * status, same plaintext; and GCM-AE of the same bytes gives the same
 * ciphertext and tag everywhere, which GCM-AD then accepts (round trip).
 *
 * Input: byte 0: key length (16/24/32 by b % 3) and tag length
 * (16,15,14,13,12,8,4 by b / 3 % 7); byte 1: IV length (0 is refused);
 * byte 2: AAD length; then key, IV, AAD; the rest is C || T.
 */
#include "tests/fuzz/fuzz.h"
#include "aes/gcm.h"

#define N_IMPL 5
static gcm_ctx ctx[N_IMPL];

static int setup(const uint8_t *key, size_t key_len)
{
    static const aes_impl impl[N_IMPL] = { AES_IMPL_SPEC, AES_IMPL_TTABLE, AES_IMPL_CT, AES_IMPL_AESNI,
                                           AES_IMPL_AESNI };
    int n = 0;
    for (int i = 0; i < N_IMPL; i++) {
        if (gcm_init_impl(&ctx[n], key, key_len, impl[i]) != CL_OK) continue;
        if (i == 4) {
            if (!ctx[n].use_clmul) { gcm_clear(&ctx[n]); continue; }
            ctx[n].use_clmul = 0;              /* AES-NI with the portable GHASH */
        }
        n++;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t tags[7] = { 16, 15, 14, 13, 12, 8, 4 };
    if (size < 3) return 0;
    size_t key_len = 16 + 8 * (data[0] % 3), tag_len = tags[data[0] / 3 % 7];
    size_t iv_len = data[1], aad_len = data[2];
    if (size < 3 + key_len + iv_len + aad_len + tag_len) return 0;
    const uint8_t *key = data + 3, *iv = key + key_len, *aad = iv + iv_len, *c = aad + aad_len;
    size_t c_len = size - 3 - key_len - iv_len - aad_len - tag_len;
    const uint8_t *tag = c + c_len;
    int n = setup(key, key_len);
    FUZZ_CHECK(n >= 3);
    uint8_t *out = malloc(c_len + 1), *ref = malloc(c_len + 1), *back = malloc(c_len + 1);
    uint8_t t[16], tref[16];
    if (!out || !ref || !back) goto done;
    cl_status st0 = CL_OK;
    for (int i = 0; i < n; i++) {
        memset(out, 0xA5, c_len + 1);
        cl_status st = gcm_decrypt(&ctx[i], iv, iv_len, aad, aad_len, c, c_len, tag, tag_len, out);
        if (i == 0) {
            st0 = st;
            FUZZ_CHECK(st == CL_OK || st == CL_ERR_AUTH || (iv_len == 0 && st != CL_OK));
            memcpy(ref, out, c_len + 1);
        } else {
            FUZZ_CHECK(st == st0 && !memcmp(out, ref, c_len + 1));
        }
        if (st == CL_ERR_AUTH)               /* nothing written on failure */
            for (size_t j = 0; j < c_len; j++) FUZZ_CHECK(out[j] == 0xA5);
    }
    if (iv_len == 0) goto done;
    /* GCM-AE of C as a plaintext: identical everywhere, and it decrypts */
    for (int i = 0; i < n; i++) {
        FUZZ_CHECK(gcm_encrypt(&ctx[i], iv, iv_len, aad, aad_len, c, c_len, out, t, tag_len) == CL_OK);
        if (i == 0) {
            memcpy(ref, out, c_len);
            memcpy(tref, t, tag_len);
        } else {
            FUZZ_CHECK(!memcmp(out, ref, c_len) && !memcmp(t, tref, tag_len));
        }
        FUZZ_CHECK(gcm_decrypt(&ctx[i], iv, iv_len, aad, aad_len, out, c_len, t, tag_len, back) == CL_OK);
        FUZZ_CHECK(c_len == 0 || !memcmp(back, c, c_len));
    }
done:
    for (int i = 0; i < n; i++) gcm_clear(&ctx[i]);
    free(out);
    free(ref);
    free(back);
    return 0;
}
