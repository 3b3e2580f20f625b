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
 * SubBytes (§5.1.1) is the 113-gate circuit (32 AND, 77 XOR, 4 XNOR) of
 *   J. Boyar and R. Peralta, "A new combinational logic minimization
 *   technique with applications to cryptology", SEA 2010 (LNCS 6049),
 *   and "A depth-16 circuit for the AES S-box", IFIP SEC 2012;
 *   straight-line program "SLP_AES_113" published by the authors.
 * InvSubBytes (§5.3.2) reuses it: S^-1(x) = A^-1(S(A^-1(x))) where A^-1 is
 * the inverse affine map of §5.3.2 (the GF(2^8) inversion is an involution).
 *
 * CT: yes -- no branch or memory index depends on key or data.  Speed:
 * every round costs the same for 1 or 4 blocks, so CTR, ECB and CBC-decrypt
 * pass four blocks at a time.
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

/* FIPS-197 §5.1.1 SubBytes() as the Boyar-Peralta circuit.  The paper
 * numbers bits from the most significant: x0 = bit 7 ... x7 = bit 0. */
static void sub_bytes(uint64_t q[8])
{
    uint64_t x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4];
    uint64_t x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];
    uint64_t y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12, y13, y14, y15;
    uint64_t y16, y17, y18, y19, y20, y21;
    uint64_t t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15, t16;
    uint64_t t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27, t28, t29, t30, t31;
    uint64_t t32, t33, t34, t35, t36, t37, t38, t39, t40, t41, t42, t43, t44, t45;
    uint64_t t46, t47, t48, t49, t50, t51, t52, t53, t54, t55, t56, t57, t58, t59;
    uint64_t t60, t61, t62, t63, t64, t65, t66, t67;
    uint64_t z0, z1, z2, z3, z4, z5, z6, z7, z8, z9, z10, z11, z12, z13, z14, z15, z16, z17;
    uint64_t s0, s1, s2, s3, s4, s5, s6, s7;

    /* top linear transformation (23 XOR) */
    y14 = x3 ^ x5;   y13 = x0 ^ x6;   y9 = x0 ^ x3;    y8 = x0 ^ x5;
    t0 = x1 ^ x2;    y1 = t0 ^ x7;    y4 = y1 ^ x3;    y12 = y13 ^ y14;
    y2 = y1 ^ x0;    y5 = y1 ^ x6;    y3 = y5 ^ y8;    t1 = x4 ^ y12;
    y15 = t1 ^ x5;   y20 = t1 ^ x1;   y6 = y15 ^ x7;   y10 = y15 ^ t0;
    y11 = y20 ^ y9;  y7 = x7 ^ y11;   y17 = y10 ^ y11; y19 = y10 ^ y8;
    y16 = t0 ^ y11;  y21 = y13 ^ y16; y18 = x0 ^ y16;

    /* shared non-linear middle part: GF(2^4) arithmetic (tower field) */
    t2 = y12 & y15;  t3 = y3 & y6;    t4 = t3 ^ t2;    t5 = y4 & x7;
    t6 = t5 ^ t2;    t7 = y13 & y16;  t8 = y5 & y1;    t9 = t8 ^ t7;
    t10 = y2 & y7;   t11 = t10 ^ t7;  t12 = y9 & y11;  t13 = y14 & y17;
    t14 = t13 ^ t12; t15 = y8 & y10;  t16 = t15 ^ t12; t17 = t4 ^ t14;
    t18 = t6 ^ t16;  t19 = t9 ^ t14;  t20 = t11 ^ t16; t21 = t17 ^ y20;
    t22 = t18 ^ y19; t23 = t19 ^ y21; t24 = t20 ^ y18;
    /* inversion in GF(2^4): inputs t21..t24, outputs t29, t33, t37, t40 */
    t25 = t21 ^ t22; t26 = t21 & t23; t27 = t24 ^ t26; t28 = t25 & t27;
    t29 = t28 ^ t22; t30 = t23 ^ t24; t31 = t22 ^ t26; t32 = t31 & t30;
    t33 = t32 ^ t24; t34 = t23 ^ t33; t35 = t27 ^ t33; t36 = t24 & t35;
    t37 = t36 ^ t34; t38 = t27 ^ t36; t39 = t29 & t38; t40 = t25 ^ t39;
    t41 = t40 ^ t37; t42 = t29 ^ t33; t43 = t29 ^ t40; t44 = t33 ^ t37;
    t45 = t42 ^ t41;
    z0 = t44 & y15;  z1 = t37 & y6;   z2 = t33 & x7;   z3 = t43 & y16;
    z4 = t40 & y1;   z5 = t29 & y7;   z6 = t42 & y11;  z7 = t45 & y17;
    z8 = t41 & y10;  z9 = t44 & y12;  z10 = t37 & y3;  z11 = t33 & y4;
    z12 = t43 & y13; z13 = t40 & y5;  z14 = t29 & y2;  z15 = t42 & y9;
    z16 = t45 & y14; z17 = t41 & y8;

    /* bottom linear transformation (includes the affine constant 0x63 as XNORs) */
    t46 = z15 ^ z16; t47 = z10 ^ z11; t48 = z5 ^ z13;  t49 = z9 ^ z10;
    t50 = z2 ^ z12;  t51 = z2 ^ z5;   t52 = z7 ^ z8;   t53 = z0 ^ z3;
    t54 = z6 ^ z7;   t55 = z16 ^ z17; t56 = z12 ^ t48; t57 = t50 ^ t53;
    t58 = z4 ^ t46;  t59 = z3 ^ t54;  t60 = t46 ^ t57; t61 = z14 ^ t57;
    t62 = t52 ^ t58; t63 = t49 ^ t58; t64 = z4 ^ t59;  t65 = t61 ^ t62;
    t66 = z1 ^ t63;
    s0 = t59 ^ t63;  s6 = ~(t56 ^ t62); s7 = ~(t48 ^ t60); t67 = t64 ^ t65;
    s3 = t53 ^ t66;  s4 = t51 ^ t66;  s5 = t47 ^ t65;  s1 = ~(t64 ^ s3);
    s2 = ~(t55 ^ t67);

    q[7] = s0; q[6] = s1; q[5] = s2; q[4] = s3;
    q[3] = s4; q[2] = s5; q[1] = s6; q[0] = s7;
}

/* The inverse affine map of §5.3.2 (without the S-box):
 * b'_i = b_{i+2} ^ b_{i+5} ^ b_{i+7} ^ d_i with d = 0x05. */
static void inv_affine(uint64_t q[8])
{
    uint64_t a[8];
    for (int i = 0; i < 8; i++)
        a[i] = q[(i + 2) & 7] ^ q[(i + 5) & 7] ^ q[(i + 7) & 7];
    a[0] = ~a[0];
    a[2] = ~a[2];
    memcpy(q, a, sizeof a);
}

/* §5.3.2 InvSubBytes(): S^-1 = A^-1 o S o A^-1 (see the header comment). */
static void inv_sub_bytes(uint64_t q[8])
{
    inv_affine(q);
    sub_bytes(q);
    inv_affine(q);
}

/* ---------------------------------------------------------------- byte moves */

/* §5.1.2 ShiftRows(): row r (nibble r of each lane) rotated left by r
 * columns, i.e. new column c takes old column c + r. */
static uint64_t shift_rows_plane(uint64_t x)
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

static void shift_rows(uint64_t q[8])
{
    for (int b = 0; b < 8; b++)
        q[b] = shift_rows_plane(q[b]);
}

static void inv_shift_rows(uint64_t q[8])
{
    for (int b = 0; b < 8; b++)
        q[b] = inv_shift_rows_plane(q[b]);
}

/* Row r of the result = row r+k (mod 4) of x, same column: each 16-bit lane
 * rotated right by 4k bits. */
static uint64_t rows_up1(uint64_t x)
{
    return ((x >> 4) & (0x0fffull * LANES)) | ((x << 12) & (0xf000ull * LANES));
}

static uint64_t rows_up2(uint64_t x)
{
    return ((x >> 8) & (0x00ffull * LANES)) | ((x << 8) & (0xff00ull * LANES));
}

/* §4.2.1 xtime(): multiplication by {02} on bit planes (reduction by 0x1b). */
static void xtime(uint64_t q[8])
{
    uint64_t hi = q[7];
    q[7] = q[6]; q[6] = q[5]; q[5] = q[4];
    q[4] = q[3] ^ hi;
    q[3] = q[2] ^ hi;
    q[2] = q[1];
    q[1] = q[0] ^ hi;
    q[0] = hi;
}

/* §5.1.3 MixColumns(): s'_r = 02*s_r ^ 03*s_{r+1} ^ s_{r+2} ^ s_{r+3}
 *                           = 02*(s_r ^ s_{r+1}) ^ s_{r+1} ^ (s_{r+2} ^ s_{r+3}). */
static void mix_columns(uint64_t q[8])
{
    uint64_t t[8], up1[8];
    for (int b = 0; b < 8; b++) {
        up1[b] = rows_up1(q[b]);
        t[b] = q[b] ^ up1[b];                  /* s_r ^ s_{r+1} */
    }
    for (int b = 0; b < 8; b++)
        q[b] = up1[b] ^ rows_up2(t[b]);         /* s_{r+1} ^ s_{r+2} ^ s_{r+3} */
    xtime(t);
    for (int b = 0; b < 8; b++)
        q[b] ^= t[b];
}

/* §5.3.3 InvMixColumns(): the matrix {0e 0b 0d 09} equals MixColumns times
 * {05 00 04 00}, so first s_r ^= 04*(s_r ^ s_{r+2}), then MixColumns. */
static void inv_mix_columns(uint64_t q[8])
{
    uint64_t u[8];
    for (int b = 0; b < 8; b++)
        u[b] = q[b] ^ rows_up2(q[b]);
    xtime(u);
    xtime(u);
    for (int b = 0; b < 8; b++)
        q[b] ^= u[b];
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
static void add_round_key(uint64_t q[8], const uint64_t rk[8])
{
    for (int b = 0; b < 8; b++)
        q[b] ^= rk[b];
}

/* ---------------------------------------------------------------- cipher */

/* §5.1 Cipher() on four blocks at once. */
static void cipher4(uint64_t q[8], uint64_t rk[][8], int Nr)
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

/* §5.3 InvCipher() on four blocks at once. */
static void inv_cipher4(uint64_t q[8], uint64_t rk[][8], int Nr)
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

static void run_blocks(const aes_ctx *ctx, int encrypt, const uint8_t *in, uint8_t *out,
                       size_t nblocks)
{
    uint64_t rk[AES_MAX_NR + 1][8];
    uint64_t q[8];
    uint8_t buf[64];
    expand_keys(ctx, rk);
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        memset(buf, 0, sizeof buf);
        memcpy(buf, in, 16 * n);
        bitslice_in(q, buf);
        if (encrypt)
            cipher4(q, rk, ctx->Nr);
        else
            inv_cipher4(q, rk, ctx->Nr);
        bitslice_out(buf, q);
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

/* 128-bit big-endian increment (SP 800-38A Appendix B.1, b = 128). */
static void ctr_inc(uint8_t ctr[16])
{
    unsigned carry = 1;
    for (int i = 15; i >= 0; i--) {
        carry += ctr[i];
        ctr[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

void aes_ct64_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks)
{
    uint64_t rk[AES_MAX_NR + 1][8];
    uint64_t q[8];
    uint8_t ks[64];
    expand_keys(ctx, rk);
    while (nblocks > 0) {
        size_t n = nblocks < 4 ? nblocks : 4;
        for (size_t i = 0; i < 4; i++) {
            memcpy(ks + 16 * i, ctr, 16);
            if (i < n)
                ctr_inc(ctr);
        }
        bitslice_in(q, ks);
        cipher4(q, rk, ctx->Nr);
        bitslice_out(ks, q);
        for (size_t i = 0; i < 2 * n; i++)
            store64_le(out + 8 * i, load64_le(in + 8 * i) ^ load64_le(ks + 8 * i));
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    cl_wipe(rk, sizeof rk);
    cl_wipe(q, sizeof q);
    cl_wipe(ks, sizeof ks);
}
