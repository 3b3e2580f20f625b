/*
 * aes/aes_ct64.c -- constant-time AES by bitslicing on 64-bit words.
 *
 * Idea (Biham 1997; for AES: Könighofer 2008, Käsper-Schwabe 2009, and
 * Pornin's BearSSL "ct64" design): instead of looking bytes up in a table
 * (whose cache footprint depends on the secret, see aes_ttable.c), keep the
 * state as 8 "bit planes" and compute the S-box as a Boolean circuit with
 * AND and XOR on whole 64-bit words.  Every instruction runs on all 64
 * bytes of four AES blocks at once, the same instructions for every key
 * and every input: no secret-dependent branch, no secret-dependent address.
 *
 * Layout used here (written for this project):
 *   q[b]  bit plane b (bit b of every state byte, b = 0 least significant);
 *   bit position p = 16*blk + 4*r + c in q[b] is bit b of state byte s_{r,c}
 *         (FIPS-197 §3.4 row r, column c) of block blk (0..3).
 * So each 16-bit lane is one block, each nibble in it one ROW of the state.
 * This makes the byte-moving steps simple bit shuffles:
 *   ShiftRows (§5.1.2)  rotates nibble r by r bits;
 *   "row r+1 of the same column" is the 16-bit lane rotated by 4 bits,
 *   which is all MixColumns (§5.1.3) needs besides xtime().
 *
 * SubBytes (§5.1.1) is the Boyar-Peralta circuit: J. Boyar and R. Peralta,
 *   "A new combinational logic minimization technique with applications to
 *   cryptology", SEA 2010 (LNCS 6049); the straight-line program the
 *   authors published in January 2009 (top linear layer, GF(2^4) inversion
 *   in a tower field, bottom linear layer), as listed: 115 gates,
 *   32 AND + 79 XOR + 4 XNOR.
 * InvSubBytes (§5.3.2) reuses it: S^-1(x) = A^-1(S(A^-1(x))) where A^-1 is
 * the inverse affine map of §5.3.2 (the GF(2^8) inversion is an involution).
 *
 * CT: yes -- no branch or memory index depends on key or data.  Speed:
 * every round costs the same for 1 or 8 blocks, so CTR, ECB and CBC-decrypt
 * pass eight blocks (two sets of planes side by side, q[b][0] and q[b][1])
 * at a time.
 */
#include <string.h>
#include "aes/aes_fast_internal.h"
#include "common/bytes.h"
#include "common/ct.h"

#define LANES 0x0001000100010001ull   /* a 16-bit pattern repeated in the 4 lanes */

/* ---------------------------------------------------------------- packing */

/* Plane position p = 16*blk + 4*r + c holds state byte s_{r,c} of block
 * blk, which is input byte 16*blk + 4*c + r (FIPS-197 §3.4).  Before the
 * transpose below, byte k of word j must hold the byte for position 8k + j;
 * gather[8*j + k] is that byte's index in the 64 input bytes. */
static const uint8_t gather[64] = {
     0,  2, 16, 18, 32, 34, 48, 50,  4,  6, 20, 22, 36, 38, 52, 54,
     8, 10, 24, 26, 40, 42, 56, 58, 12, 14, 28, 30, 44, 46, 60, 62,
     1,  3, 17, 19, 33, 35, 49, 51,  5,  7, 21, 23, 37, 39, 53, 55,
     9, 11, 25, 27, 41, 43, 57, 59, 13, 15, 29, 31, 45, 47, 61, 63
};

/* Exchanges the bits selected by mask in b with those n places higher in a. */
#define SWAPMOVE(a, b, mask, n) do {                    \
        uint64_t t_ = (((a) >> (n)) ^ (b)) & (mask);    \
        (b) ^= t_;                                      \
        (a) ^= t_ << (n);                               \
    } while (0)

/* Transposes the eight 8x8 bit matrices formed by byte k of q[0..7]:
 * afterwards bit j of byte k of q[b] is what bit b of byte k of q[j] was.
 * Applying it twice gives back the input. */
static void transpose(uint64_t q[8])
{
    SWAPMOVE(q[0], q[1], 0x5555555555555555ull, 1);
    SWAPMOVE(q[2], q[3], 0x5555555555555555ull, 1);
    SWAPMOVE(q[4], q[5], 0x5555555555555555ull, 1);
    SWAPMOVE(q[6], q[7], 0x5555555555555555ull, 1);
    SWAPMOVE(q[0], q[2], 0x3333333333333333ull, 2);
    SWAPMOVE(q[1], q[3], 0x3333333333333333ull, 2);
    SWAPMOVE(q[4], q[6], 0x3333333333333333ull, 2);
    SWAPMOVE(q[5], q[7], 0x3333333333333333ull, 2);
    SWAPMOVE(q[0], q[4], 0x0f0f0f0f0f0f0f0full, 4);
    SWAPMOVE(q[1], q[5], 0x0f0f0f0f0f0f0f0full, 4);
    SWAPMOVE(q[2], q[6], 0x0f0f0f0f0f0f0f0full, 4);
    SWAPMOVE(q[3], q[7], 0x0f0f0f0f0f0f0f0full, 4);
}

/* 64 bytes (four blocks) -> bit planes.  Word j, byte k before the
 * transpose holds the byte for plane position 8k + j. */
static void bitslice_in(uint64_t q[8], const uint8_t in[64])
{
    for (unsigned j = 0; j < 8; j++) {
        uint64_t w = 0;
        for (unsigned k = 0; k < 8; k++)
            w |= (uint64_t)in[gather[8 * j + k]] << (8 * k);
        q[j] = w;
    }
    transpose(q);
}

static void bitslice_out(uint8_t out[64], uint64_t q[8])
{
    transpose(q);
    for (unsigned j = 0; j < 8; j++)
        for (unsigned k = 0; k < 8; k++)
            out[gather[8 * j + k]] = (uint8_t)(q[j] >> (8 * k));
}

/* ---------------------------------------------------------------- SubBytes */

/* FIPS-197 §5.1.1 SubBytes() as the Boyar-Peralta circuit, on two sets of
 * bit planes side by side (eight blocks): every gate G(d, a, b) is the same
 * operation on [0] and [1].  That is still plain C on 64-bit words, but it
 * lets the compiler put each pair in one 128-bit register where the CPU has
 * them (SSE2 on x86-64).  The paper numbers bits from the most significant:
 * x0 = bit 7 ... x7 = bit 0. */
#define XOR(d, a, b)  do { d[0] = a[0] ^ b[0]; d[1] = a[1] ^ b[1]; } while (0)
#define AND(d, a, b)  do { d[0] = a[0] & b[0]; d[1] = a[1] & b[1]; } while (0)
#define XNOR(d, a, b) do { d[0] = ~(a[0] ^ b[0]); d[1] = ~(a[1] ^ b[1]); } while (0)

static void sub_bytes(uint64_t q[8][2])
{
    uint64_t x0[2] = { q[7][0], q[7][1] }, x1[2] = { q[6][0], q[6][1] };
    uint64_t x2[2] = { q[5][0], q[5][1] }, x3[2] = { q[4][0], q[4][1] };
    uint64_t x4[2] = { q[3][0], q[3][1] }, x5[2] = { q[2][0], q[2][1] };
    uint64_t x6[2] = { q[1][0], q[1][1] }, x7[2] = { q[0][0], q[0][1] };
    uint64_t y14[2], y13[2], y9[2], y8[2], t0[2], y1[2], y4[2], y12[2], y2[2], y5[2];
    uint64_t y3[2], t1[2], y15[2], y20[2], y6[2], y10[2], y11[2], y7[2], y17[2], y19[2];
    uint64_t y16[2], y21[2], y18[2], t2[2], t3[2], t4[2], t5[2], t6[2], t7[2], t8[2];
    uint64_t t9[2], t10[2], t11[2], t12[2], t13[2], t14[2], t15[2], t16[2], t17[2], t18[2];
    uint64_t t19[2], t20[2], t21[2], t22[2], t23[2], t24[2], t25[2], t26[2], t27[2], t28[2];
    uint64_t t29[2], t30[2], t31[2], t32[2], t33[2], t34[2], t35[2], t36[2], t37[2], t38[2];
    uint64_t t39[2], t40[2], t41[2], t42[2], t43[2], t44[2], t45[2], z0[2], z1[2], z2[2];
    uint64_t z3[2], z4[2], z5[2], z6[2], z7[2], z8[2], z9[2], z10[2], z11[2], z12[2];
    uint64_t z13[2], z14[2], z15[2], z16[2], z17[2], t46[2], t47[2], t48[2], t49[2], t50[2];
    uint64_t t51[2], t52[2], t53[2], t54[2], t55[2], t56[2], t57[2], t58[2], t59[2], t60[2];
    uint64_t t61[2], t62[2], t63[2], t64[2], t65[2], t66[2], s0[2], s6[2], s7[2], t67[2];
    uint64_t s3[2], s4[2], s5[2], s1[2], s2[2];

    /* top linear transformation (23 XOR) */
    XOR(y14, x3, x5); XOR(y13, x0, x6); XOR(y9, x0, x3);
    XOR(y8, x0, x5); XOR(t0, x1, x2); XOR(y1, t0, x7);
    XOR(y4, y1, x3); XOR(y12, y13, y14); XOR(y2, y1, x0);
    XOR(y5, y1, x6); XOR(y3, y5, y8); XOR(t1, x4, y12);
    XOR(y15, t1, x5); XOR(y20, t1, x1); XOR(y6, y15, x7);
    XOR(y10, y15, t0); XOR(y11, y20, y9); XOR(y7, x7, y11);
    XOR(y17, y10, y11); XOR(y19, y10, y8); XOR(y16, t0, y11);
    XOR(y21, y13, y16); XOR(y18, x0, y16);

    /* shared non-linear middle part: GF(2^4) arithmetic (tower field) */
    AND(t2, y12, y15); AND(t3, y3, y6); XOR(t4, t3, t2);
    AND(t5, y4, x7); XOR(t6, t5, t2); AND(t7, y13, y16);
    AND(t8, y5, y1); XOR(t9, t8, t7); AND(t10, y2, y7);
    XOR(t11, t10, t7); AND(t12, y9, y11); AND(t13, y14, y17);
    XOR(t14, t13, t12); AND(t15, y8, y10); XOR(t16, t15, t12);
    XOR(t17, t4, t14); XOR(t18, t6, t16); XOR(t19, t9, t14);
    XOR(t20, t11, t16); XOR(t21, t17, y20); XOR(t22, t18, y19);
    XOR(t23, t19, y21); XOR(t24, t20, y18);
    /* inversion in GF(2^4): inputs t21..t24, outputs t29, t33, t37, t40 */
    XOR(t25, t21, t22); AND(t26, t21, t23); XOR(t27, t24, t26);
    AND(t28, t25, t27); XOR(t29, t28, t22); XOR(t30, t23, t24);
    XOR(t31, t22, t26); AND(t32, t31, t30); XOR(t33, t32, t24);
    XOR(t34, t23, t33); XOR(t35, t27, t33); AND(t36, t24, t35);
    XOR(t37, t36, t34); XOR(t38, t27, t36); AND(t39, t29, t38);
    XOR(t40, t25, t39); XOR(t41, t40, t37); XOR(t42, t29, t33);
    XOR(t43, t29, t40); XOR(t44, t33, t37); XOR(t45, t42, t41);
    AND(z0, t44, y15); AND(z1, t37, y6); AND(z2, t33, x7);
    AND(z3, t43, y16); AND(z4, t40, y1); AND(z5, t29, y7);
    AND(z6, t42, y11); AND(z7, t45, y17); AND(z8, t41, y10);
    AND(z9, t44, y12); AND(z10, t37, y3); AND(z11, t33, y4);
    AND(z12, t43, y13); AND(z13, t40, y5); AND(z14, t29, y2);
    AND(z15, t42, y9); AND(z16, t45, y14); AND(z17, t41, y8);

    /* bottom linear transformation (includes the affine constant 0x63 as XNORs) */
    XOR(t46, z15, z16); XOR(t47, z10, z11); XOR(t48, z5, z13);
    XOR(t49, z9, z10); XOR(t50, z2, z12); XOR(t51, z2, z5);
    XOR(t52, z7, z8); XOR(t53, z0, z3); XOR(t54, z6, z7);
    XOR(t55, z16, z17); XOR(t56, z12, t48); XOR(t57, t50, t53);
    XOR(t58, z4, t46); XOR(t59, z3, t54); XOR(t60, t46, t57);
    XOR(t61, z14, t57); XOR(t62, t52, t58); XOR(t63, t49, t58);
    XOR(t64, z4, t59); XOR(t65, t61, t62); XOR(t66, z1, t63);
    XOR(s0, t59, t63); XNOR(s6, t56, t62); XNOR(s7, t48, t60);
    XOR(t67, t64, t65); XOR(s3, t53, t66); XOR(s4, t51, t66);
    XOR(s5, t47, t65); XNOR(s1, t64, s3); XNOR(s2, t55, t67);

    for (int k = 0; k < 2; k++) {
        q[7][k] = s0[k]; q[6][k] = s1[k]; q[5][k] = s2[k]; q[4][k] = s3[k];
        q[3][k] = s4[k]; q[2][k] = s5[k]; q[1][k] = s6[k]; q[0][k] = s7[k];
    }
}

#undef XOR
#undef AND
#undef XNOR

/* The inverse affine map of §5.3.2 (without the S-box):
 * b'_i = b_{i+2} ^ b_{i+5} ^ b_{i+7} ^ d_i with d = 0x05. */
static void inv_affine(uint64_t q[8][2])
{
    uint64_t a[8][2];
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 2; k++)
            a[i][k] = q[(i + 2) & 7][k] ^ q[(i + 5) & 7][k] ^ q[(i + 7) & 7][k];
    for (int k = 0; k < 2; k++) {
        a[0][k] = ~a[0][k];
        a[2][k] = ~a[2][k];
    }
    memcpy(q, a, sizeof a);
}

/* §5.3.2 InvSubBytes(): S^-1 = A^-1 o S o A^-1 (see the header comment). */
static void inv_sub_bytes(uint64_t q[8][2])
{
    inv_affine(q);
    sub_bytes(q);
    inv_affine(q);
}

/* ---------------------------------------------------------------- byte moves */

/* §5.1.2 ShiftRows(): row r (nibble r of each lane) rotated left by r
 * columns, i.e. new column c takes old column c + r. */
static inline uint64_t shift_rows_plane(uint64_t x)
{
    return (x & (0x000full * LANES))
         | ((x & (0x00e0ull * LANES)) >> 1) | ((x & (0x0010ull * LANES)) << 3)
         | ((x & (0x0c00ull * LANES)) >> 2) | ((x & (0x0300ull * LANES)) << 2)
         | ((x & (0x8000ull * LANES)) >> 3) | ((x & (0x7000ull * LANES)) << 1);
}

/* §5.3.1 InvShiftRows(): the other way round. */
static uint64_t inv_shift_rows_plane(uint64_t x)
{
    return (x & (0x000full * LANES))
         | ((x & (0x0070ull * LANES)) << 1) | ((x & (0x0080ull * LANES)) >> 3)
         | ((x & (0x0c00ull * LANES)) >> 2) | ((x & (0x0300ull * LANES)) << 2)
         | ((x & (0x1000ull * LANES)) << 3) | ((x & (0xe000ull * LANES)) >> 1);
}

static inline void shift_rows(uint64_t q[8][2])
{
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] = shift_rows_plane(q[b][k]);
}

static inline void inv_shift_rows(uint64_t q[8][2])
{
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] = inv_shift_rows_plane(q[b][k]);
}

/* Row r of the result = row r+k (mod 4) of x, same column: each 16-bit lane
 * rotated right by 4k bits. */
static inline uint64_t rows_up1(uint64_t x)
{
    return ((x >> 4) & (0x0fffull * LANES)) | ((x << 12) & (0xf000ull * LANES));
}

static inline uint64_t rows_up2(uint64_t x)
{
    return ((x >> 8) & (0x00ffull * LANES)) | ((x << 8) & (0xff00ull * LANES));
}

/* §4.2.1 xtime(): multiplication by {02} on bit planes (reduction by 0x1b). */
static inline void xtime(uint64_t q[8][2])
{
    for (int k = 0; k < 2; k++) {
        uint64_t hi = q[7][k];
        q[7][k] = q[6][k]; q[6][k] = q[5][k]; q[5][k] = q[4][k];
        q[4][k] = q[3][k] ^ hi;
        q[3][k] = q[2][k] ^ hi;
        q[2][k] = q[1][k];
        q[1][k] = q[0][k] ^ hi;
        q[0][k] = hi;
    }
}

/* §5.1.3 MixColumns(): s'_r = 02*s_r ^ 03*s_{r+1} ^ s_{r+2} ^ s_{r+3}
 *                           = 02*(s_r ^ s_{r+1}) ^ s_{r+1} ^ (s_{r+2} ^ s_{r+3}). */
static inline void mix_columns(uint64_t q[8][2])
{
    uint64_t t[8][2], up1[8][2];
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++) {
            up1[b][k] = rows_up1(q[b][k]);
            t[b][k] = q[b][k] ^ up1[b][k];             /* s_r ^ s_{r+1} */
        }
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] = up1[b][k] ^ rows_up2(t[b][k]);   /* s_{r+1} ^ s_{r+2} ^ s_{r+3} */
    xtime(t);
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] ^= t[b][k];
}

/* §5.3.3 InvMixColumns(): the matrix {0e 0b 0d 09} equals MixColumns times
 * {05 00 04 00}, so first s_r ^= 04*(s_r ^ s_{r+2}), then MixColumns. */
static void inv_mix_columns(uint64_t q[8][2])
{
    uint64_t u[8][2];
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            u[b][k] = q[b][k] ^ rows_up2(q[b][k]);
    xtime(u);
    xtime(u);
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] ^= u[b][k];
    mix_columns(q);
}

/* ---------------------------------------------------------------- keys */

/* ctx->fast.w64[2*round + (b >> 2)] holds, in bits 16*(b & 3) .. +15, bit
 * plane b of round key `round` for one block (position 4r + c); at use it
 * is copied into all four lanes. */
void aes_ct64_setup(aes_ctx *ctx)
{
    for (int round = 0; round <= ctx->Nr; round++) {
        uint64_t k[2] = { 0, 0 };
        for (unsigned r = 0; r < 4; r++) {
            for (unsigned c = 0; c < 4; c++) {
                uint32_t byte = (ctx->w[4 * round + (int)c] >> (24 - 8 * r)) & 0xff;
                for (unsigned b = 0; b < 8; b++)
                    k[b >> 2] |= (uint64_t)((byte >> b) & 1) << (16 * (b & 3) + 4 * r + c);
            }
        }
        ctx->fast.w64[2 * round] = k[0];
        ctx->fast.w64[2 * round + 1] = k[1];
    }
}

static void expand_keys(const aes_ctx *ctx, uint64_t rk[][8])
{
    for (int round = 0; round <= ctx->Nr; round++)
        for (unsigned b = 0; b < 8; b++)
            rk[round][b] = ((ctx->fast.w64[2 * round + (b >> 2)] >> (16 * (b & 3))) & 0xffff) * LANES;
}

/* §5.1.4 AddRoundKey() */
static inline void add_round_key(uint64_t q[8][2], const uint64_t rk[8])
{
    for (int b = 0; b < 8; b++)
        for (int k = 0; k < 2; k++)
            q[b][k] ^= rk[b];
}

/* ---------------------------------------------------------------- cipher */

/* §5.1 Cipher() on eight blocks at once: q[b][k] is bit plane b of the
 * four blocks of set k (k = 0, 1), so every step works on pairs of words
 * that sit side by side in memory (one 128-bit register on x86-64). */
static void cipher8(uint64_t q[8][2], uint64_t rk[][8], int Nr)
{
    add_round_key(q, rk[0]);
    for (int round = 1; round < Nr; round++) {
        sub_bytes(q);
        shift_rows(q);
        mix_columns(q);
        add_round_key(q, rk[round]);
    }
    sub_bytes(q);
    shift_rows(q);
    add_round_key(q, rk[Nr]);
}

/* §5.3 InvCipher() on eight blocks at once. */
static void inv_cipher8(uint64_t q[8][2], uint64_t rk[][8], int Nr)
{
    add_round_key(q, rk[Nr]);
    for (int round = Nr - 1; round >= 1; round--) {
        inv_shift_rows(q);
        inv_sub_bytes(q);
        add_round_key(q, rk[round]);
        inv_mix_columns(q);
    }
    inv_shift_rows(q);
    inv_sub_bytes(q);
    add_round_key(q, rk[0]);
}

/* 128 bytes (eight blocks) <-> the two sets of planes q[b][0], q[b][1]. */
static void bitslice_in8(uint64_t q[8][2], const uint8_t in[128])
{
    uint64_t a[8], b[8];
    bitslice_in(a, in);
    bitslice_in(b, in + 64);
    for (int i = 0; i < 8; i++) {
        q[i][0] = a[i];
        q[i][1] = b[i];
    }
}

static void bitslice_out8(uint8_t out[128], uint64_t q[8][2])
{
    uint64_t a[8], b[8];
    for (int i = 0; i < 8; i++) {
        a[i] = q[i][0];
        b[i] = q[i][1];
    }
    bitslice_out(out, a);
    bitslice_out(out + 64, b);
}

/* SubWord() for the key expansion (FIPS-197 §5.2): the four bytes of word
 * go through sub_bytes() directly as bit planes -- plane b holds bit b of
 * byte j at bit j (the S-box works byte by byte, so which position a byte
 * takes does not matter, only that it comes back from the same one).  No
 * table, no branch, no index depends on the word; packing four bytes this
 * way costs a few shifts instead of the eight-block bitslice_in8/out8. */
uint32_t aes_ct64_sub_word(uint32_t word)
{
    uint64_t q[8][2];
    uint32_t out = 0;
    for (unsigned b = 0; b < 8; b++) {
        uint32_t p = (word >> b) & 0x01010101u;     /* bit b of each byte, at 0, 8, 16, 24 */
        q[b][0] = (p | p >> 7 | p >> 14 | p >> 21) & 0xFu;
        q[b][1] = 0;
    }
    sub_bytes(q);
    for (unsigned b = 0; b < 8; b++) {
        uint32_t p = (uint32_t)q[b][0];
        out |= ((p & 1u) | (p & 2u) << 7 | (p & 4u) << 14 | (p & 8u) << 21) << b;
    }
    cl_wipe(q, sizeof q);
    return out;
}

/* Up to eight blocks per pass (missing ones are zeros and discarded). */
static void run_blocks(const aes_ctx *ctx, int encrypt, const uint8_t *in, uint8_t *out,
                       size_t nblocks)
{
    uint64_t rk[AES_MAX_NR + 1][8];
    uint64_t q[8][2];
    uint8_t buf[128];
    expand_keys(ctx, rk);
    while (nblocks > 0) {
        size_t n = nblocks < 8 ? nblocks : 8;
        memset(buf, 0, sizeof buf);
        memcpy(buf, in, 16 * n);
        bitslice_in8(q, buf);
        if (encrypt)
            cipher8(q, rk, ctx->Nr);
        else
            inv_cipher8(q, rk, ctx->Nr);
        bitslice_out8(buf, q);
        memcpy(out, buf, 16 * n);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    cl_wipe(rk, sizeof rk);
    cl_wipe(q, sizeof q);
    cl_wipe(buf, sizeof buf);
}

void aes_ct64_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run_blocks(ctx, 1, in, out, nblocks);
}

void aes_ct64_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    run_blocks(ctx, 0, in, out, nblocks);
}

void aes_ct64_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks)
{
    uint64_t rk[AES_MAX_NR + 1][8];
    uint64_t q[8][2];
    uint8_t ks[128];
    /* the 128-bit big-endian counter of SP 800-38A Appendix B.1, as two halves */
    uint64_t hi = load64_be(ctr), lo = load64_be(ctr + 8);
    expand_keys(ctx, rk);
    while (nblocks > 0) {
        size_t n = nblocks < 8 ? nblocks : 8;
        for (size_t i = 0; i < 8; i++) {
            store64_be(ks + 16 * i, hi);
            store64_be(ks + 16 * i + 8, lo);
            if (i < n)
                hi += (++lo == 0);
        }
        bitslice_in8(q, ks);
        cipher8(q, rk, ctx->Nr);
        bitslice_out8(ks, q);
        for (size_t i = 0; i < 2 * n; i++)
            store64_le(out + 8 * i, load64_le(in + 8 * i) ^ load64_le(ks + 8 * i));
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    store64_be(ctr, hi);
    store64_be(ctr + 8, lo);
    cl_wipe(rk, sizeof rk);
    cl_wipe(q, sizeof q);
    cl_wipe(ks, sizeof ks);
}
