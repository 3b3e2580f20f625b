/*
 * aes/ghash.c -- GHASH in portable, constant-time C (SP 800-38D §6.3, §6.4).
 *
 * Blocks are bit strings x_0 x_1 ... x_127; x_0 is the most significant
 * bit of the first byte and stands for the coefficient of 1 -- GCM's
 * "reflected" convention.  Multiplying by the variable is then a right
 * shift, and reducing by x^128 + x^7 + x^2 + x + 1 is XORing
 * R = 11100001 || 0^120 into the top.
 *
 * Algorithm 1 is followed step by step, with the two "if" statements
 * replaced by masks so that neither branches nor memory addresses depend
 * on H or the data (a table-driven GHASH -- 4-bit or 8-bit tables -- is
 * faster but indexes memory by secret bits, the same leak as aes_ttable.c).
 * 128 iterations per block make this slow (tens of MB/s); the PCLMULQDQ
 * code in ghash_clmul.c is what makes GCM fast.
 */
#include "aes/ghash_internal.h"
#include "common/bytes.h"

/* §6.3 Algorithm 1 on two 64-bit halves (hi = bits x_0..x_63). */
static void gf_mult64(uint64_t xh, uint64_t xl, uint64_t yh, uint64_t yl, uint64_t *zh, uint64_t *zl)
{
    uint64_t Zh = 0, Zl = 0;          /* step 2: Z_0 = 0^128 */
    uint64_t Vh = yh, Vl = yl;        /*          V_0 = Y    */
    for (int i = 0; i < 128; i++) {   /* step 3 */
        /* bit x_i of X: i < 64 from the high half */
        uint64_t xi = i < 64 ? (xh >> (63 - i)) & 1 : (xl >> (127 - i)) & 1;
        uint64_t m = 0 - xi;           /* all ones iff x_i = 1 */
        Zh ^= Vh & m;                  /* Z_{i+1} = Z_i xor V_i  if x_i = 1 */
        Zl ^= Vl & m;
        uint64_t lsb = 0 - (Vl & 1);   /* LSB_1(V_i) */
        Vl = (Vl >> 1) | (Vh << 63);   /* V_{i+1} = V_i >> 1 ... */
        Vh = (Vh >> 1) ^ (0xe100000000000000ull & lsb);   /* ... xor R if LSB was 1 */
    }
    *zh = Zh;                          /* step 4: return Z_128 */
    *zl = Zl;
}

void ghash_gf_mult(const uint8_t X[16], const uint8_t Y[16], uint8_t Z[16])
{
    uint64_t zh, zl;
    gf_mult64(load64_be(X), load64_be(X + 8), load64_be(Y), load64_be(Y + 8), &zh, &zl);
    store64_be(Z, zh);
    store64_be(Z + 8, zl);
}

/* §6.4 Algorithm 2: Y_i = (Y_{i-1} xor X_i) . H */
void ghash_blocks_portable(const uint8_t H[16], uint8_t Y[16], const uint8_t *data, size_t nblocks)
{
    uint64_t hh = load64_be(H), hl = load64_be(H + 8);
    uint64_t yh = load64_be(Y), yl = load64_be(Y + 8);
    for (size_t i = 0; i < nblocks; i++, data += 16)
        gf_mult64(yh ^ load64_be(data), yl ^ load64_be(data + 8), hh, hl, &yh, &yl);
    store64_be(Y, yh);
    store64_be(Y + 8, yl);
}
