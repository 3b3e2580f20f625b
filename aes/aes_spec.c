/*
 * aes/aes_spec.c -- the readable AES of FIPS-197: Cipher() (§5.1) and
 * InvCipher() (§5.3), one function per step of the standard.
 *
 * The state is the standard's array s[r][c] (§3.4): r is the row (0..3), c
 * the column (0..Nb-1).  It is filled COLUMN BY COLUMN from the input,
 * s[r][c] = in[r + 4c], and the output is read back the same way (§3.4,
 * Figure 3), so in a debugger `p s` shows the rows of the standard's
 * drawings and the input bytes run down the columns.
 *
 * Trace hook (FIPS-197 Appendix C): when ctx->trace is set, it is called after
 * every step with the Appendix C label; when unset the only cost is one
 * NULL test per step.
 *
 * Speed without changing the shape (issue 7): the steps are `inline`
 * functions with external linkage, so an -O2 build folds them into Cipher()
 * while they stay real functions for the tests and for gdb (a `make debug`
 * -O0 build inlines nothing: `break SubBytes` works).  `#pragma GCC unroll 4`
 * before a loop over rows or columns asks gcc and clang to unroll it, which
 * lets the compiler keep state bytes in registers instead of making partial
 * copies of the state in memory (store-forwarding stalls); it changes
 * nothing about what the loop computes.  ShiftRows() keeps the row in t[]
 * and reads it back at (c + r) mod Nb.  With these, `spec` runs as fast as
 * a byte-oriented textbook AES (docs/performance.md).
 *
 * CT: no (table S-box, branching xtime).  See aes/aes_internal.h.
 */
#include "aes/aes_internal.h"
#include "common/ct.h"

/* ------------------------------------------------------------------ GF(2^8) */

/* FIPS-197 §4.2.1: b(x)·x mod m(x).  Shift left; if the top bit fell out,
 * reduce by XORing {1b} (m(x) without its x^8 term). */
inline uint8_t xtime(uint8_t b)
{
    return (uint8_t)((b << 1) ^ ((b & 0x80) ? 0x1b : 0x00));
}

/* FIPS-197 §4.2.1: a·b as a sum of a·x^k for the bits k set in b. */
uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t p = 0;
    while (b != 0) {
        if (b & 1)
            p ^= a;
        a = xtime(a);
        b >>= 1;
    }
    return p;
}

/* ------------------------------------------------------------------ tracing */

static void state_to_bytes(uint8_t s[4][AES_Nb], uint8_t out[16])
{
    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++)          /* §3.4: out[r + 4c] = s[r][c] */
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++)
            out[r + 4 * c] = s[r][c];
}

static void trace_state_call(const aes_ctx *ctx, int round, const char *label,
                             uint8_t s[4][AES_Nb])
{
    uint8_t b[16];
    state_to_bytes(s, b);
    ctx->trace(ctx->trace_arg, round, label, b);
}

/* Appendix C prints the round key words w[round*Nb .. round*Nb+3] ("k_sch"). */
static void trace_key_call(const aes_ctx *ctx, int trace_round, const char *label, int key_round)
{
    uint8_t b[16];
    for (int c = 0; c < AES_Nb; c++) {
        uint32_t word = ctx->w[key_round * AES_Nb + c];
        b[4 * c] = (uint8_t)(word >> 24);
        b[4 * c + 1] = (uint8_t)(word >> 16);
        b[4 * c + 2] = (uint8_t)(word >> 8);
        b[4 * c + 3] = (uint8_t)word;
    }
    ctx->trace(ctx->trace_arg, trace_round, label, b);
}

/* The hooks' NULL test stays inline in Cipher(); the work is out of line. */
static inline void trace_state(const aes_ctx *ctx, int round, const char *label,
                               uint8_t s[4][AES_Nb])
{
    if (ctx->trace != NULL)
        trace_state_call(ctx, round, label, s);
}

static inline void trace_key(const aes_ctx *ctx, int trace_round, const char *label, int key_round)
{
    if (ctx->trace != NULL)
        trace_key_call(ctx, trace_round, label, key_round);
}

/* ------------------------------------------------------------------ Cipher steps */

/* FIPS-197 §5.1.1: SubBytes() -- each byte replaced by S(byte) (Figure 7). */
inline void SubBytes(uint8_t s[4][AES_Nb])
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            s[r][c] = aes_sbox[s[r][c]];
}

/* FIPS-197 §5.1.2: ShiftRows() -- row r is rotated left by shift(r, Nb) = r:
 * s'[r][c] = s[r][(c + r) mod Nb]. */
inline void ShiftRows(uint8_t s[4][AES_Nb])
{
    #pragma GCC unroll 4
    for (int r = 1; r < 4; r++) {
        uint8_t t[AES_Nb];                      /* row r before the shift */
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            t[c] = s[r][c];
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            s[r][c] = t[(c + r) % AES_Nb];  /* s'[r][c] = s[r][(c + r) mod Nb] */
    }
}

/* FIPS-197 §5.1.3: MixColumns() -- each column times a(x) = {03}x^3 + {01}x^2
 * + {01}x + {02} modulo x^4 + 1, i.e. equation (5.6):
 *   s'0 = ({02}·s0) ^ ({03}·s1) ^ s2 ^ s3
 *   s'1 = s0 ^ ({02}·s1) ^ ({03}·s2) ^ s3
 *   s'2 = s0 ^ s1 ^ ({02}·s2) ^ ({03}·s3)
 *   s'3 = ({03}·s0) ^ s1 ^ s2 ^ ({02}·s3)
 * with {02}·b = xtime(b) and {03}·b = xtime(b) ^ b. */
inline void MixColumns(uint8_t s[4][AES_Nb])
{
    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++) {
        uint8_t s0 = s[0][c], s1 = s[1][c], s2 = s[2][c], s3 = s[3][c];
        s[0][c] = (uint8_t)(xtime(s0) ^ (xtime(s1) ^ s1) ^ s2 ^ s3);
        s[1][c] = (uint8_t)(s0 ^ xtime(s1) ^ (xtime(s2) ^ s2) ^ s3);
        s[2][c] = (uint8_t)(s0 ^ s1 ^ xtime(s2) ^ (xtime(s3) ^ s3));
        s[3][c] = (uint8_t)((xtime(s0) ^ s0) ^ s1 ^ s2 ^ xtime(s3));
    }
}

/* FIPS-197 §5.1.4: AddRoundKey() -- column c is XORed with the word
 * w[round*Nb + c] of the key schedule (byte r of the word into row r). */
inline void AddRoundKey(uint8_t s[4][AES_Nb], const uint32_t *w, int round)
{
    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++) {
        uint32_t word = w[round * AES_Nb + c];
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++)
            s[r][c] ^= (uint8_t)(word >> (24 - 8 * r));
    }
}

/* ------------------------------------------------------------------ InvCipher steps */

/* FIPS-197 §5.3.1: InvShiftRows() -- row r rotated right by r:
 * s'[r][(c + r) mod Nb] = s[r][c]. */
void InvShiftRows(uint8_t s[4][AES_Nb])
{
    uint8_t t[AES_Nb];
    #pragma GCC unroll 4
    for (int r = 1; r < 4; r++) {
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            t[(c + r) % AES_Nb] = s[r][c];
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            s[r][c] = t[c];
    }
}

/* FIPS-197 §5.3.2: InvSubBytes() -- the inverse S-box (Figure 14) on each byte. */
void InvSubBytes(uint8_t s[4][AES_Nb])
{
    #pragma GCC unroll 4
    for (int r = 0; r < 4; r++)
        #pragma GCC unroll 4
        for (int c = 0; c < AES_Nb; c++)
            s[r][c] = aes_inv_sbox[s[r][c]];
}

/* FIPS-197 §5.3.3: InvMixColumns() -- each column times
 * a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}, equation (5.10):
 *   s'0 = ({0e}·s0) ^ ({0b}·s1) ^ ({0d}·s2) ^ ({09}·s3)
 *   s'1 = ({09}·s0) ^ ({0e}·s1) ^ ({0b}·s2) ^ ({0d}·s3)
 *   s'2 = ({0d}·s0) ^ ({09}·s1) ^ ({0e}·s2) ^ ({0b}·s3)
 *   s'3 = ({0b}·s0) ^ ({0d}·s1) ^ ({09}·s2) ^ ({0e}·s3)
 * The products are built from repeated xtime() as in §4.2.1: with
 * b2 = {02}·b, b4 = {04}·b, b8 = {08}·b,
 *   {09}·b = b8^b,  {0b}·b = b8^b2^b,  {0d}·b = b8^b4^b,  {0e}·b = b8^b4^b2. */
struct mul_by {
    uint8_t x09, x0b, x0d, x0e;
};

static struct mul_by inv_mix_products(uint8_t b)
{
    uint8_t b2 = xtime(b), b4 = xtime(b2), b8 = xtime(b4);
    struct mul_by m;
    m.x09 = (uint8_t)(b8 ^ b);
    m.x0b = (uint8_t)(b8 ^ b2 ^ b);
    m.x0d = (uint8_t)(b8 ^ b4 ^ b);
    m.x0e = (uint8_t)(b8 ^ b4 ^ b2);
    return m;
}

void InvMixColumns(uint8_t s[4][AES_Nb])
{
    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++) {
        struct mul_by m0 = inv_mix_products(s[0][c]), m1 = inv_mix_products(s[1][c]),
                      m2 = inv_mix_products(s[2][c]), m3 = inv_mix_products(s[3][c]);
        s[0][c] = (uint8_t)(m0.x0e ^ m1.x0b ^ m2.x0d ^ m3.x09);
        s[1][c] = (uint8_t)(m0.x09 ^ m1.x0e ^ m2.x0b ^ m3.x0d);
        s[2][c] = (uint8_t)(m0.x0d ^ m1.x09 ^ m2.x0e ^ m3.x0b);
        s[3][c] = (uint8_t)(m0.x0b ^ m1.x0d ^ m2.x09 ^ m3.x0e);
    }
}

/* ------------------------------------------------------------------ Cipher, InvCipher */

/* FIPS-197 §5.1 Figure 5: Cipher(byte in[4*Nb], byte out[4*Nb], word w[Nb*(Nr+1)]). */
void Cipher(const uint8_t in[16], uint8_t out[16], const aes_ctx *ctx)
{
    const uint32_t *w = ctx->w;
    const int Nr = ctx->Nr;
    uint8_t state[4][AES_Nb];

    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++)          /* state = in (column by column, §3.4) */
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++)
            state[r][c] = in[r + 4 * c];
    trace_state(ctx, 0, "input", state);

    AddRoundKey(state, w, 0);                 /* w[0, Nb-1] */
    trace_key(ctx, 0, "k_sch", 0);

    #pragma GCC unroll 4
    for (int round = 1; round <= Nr - 1; round++) {
        trace_state(ctx, round, "start", state);
        SubBytes(state);
        trace_state(ctx, round, "s_box", state);
        ShiftRows(state);
        trace_state(ctx, round, "s_row", state);
        MixColumns(state);
        trace_state(ctx, round, "m_col", state);
        AddRoundKey(state, w, round);         /* w[round*Nb, (round+1)*Nb-1] */
        trace_key(ctx, round, "k_sch", round);
    }

    trace_state(ctx, Nr, "start", state);
    SubBytes(state);
    trace_state(ctx, Nr, "s_box", state);
    ShiftRows(state);
    trace_state(ctx, Nr, "s_row", state);
    AddRoundKey(state, w, Nr);                /* w[Nr*Nb, (Nr+1)*Nb-1] */
    trace_key(ctx, Nr, "k_sch", Nr);
    trace_state(ctx, Nr, "output", state);

    state_to_bytes(state, out);               /* out = state */
    cl_wipe(state, sizeof state);
}

/* FIPS-197 §5.3 Figure 12: InvCipher(byte in[4*Nb], byte out[4*Nb], word w[Nb*(Nr+1)]).
 * Appendix C numbers the inverse rounds 1..Nr in the order they run, so the
 * trace's round t uses the round key of the standard's round Nr - t. */
void InvCipher(const uint8_t in[16], uint8_t out[16], const aes_ctx *ctx)
{
    const uint32_t *w = ctx->w;
    const int Nr = ctx->Nr;
    uint8_t state[4][AES_Nb];

    #pragma GCC unroll 4
    for (int c = 0; c < AES_Nb; c++)          /* state = in (column by column, §3.4) */
        #pragma GCC unroll 4
        for (int r = 0; r < 4; r++)
            state[r][c] = in[r + 4 * c];
    trace_state(ctx, 0, "iinput", state);

    AddRoundKey(state, w, Nr);                /* w[Nr*Nb, (Nr+1)*Nb-1] */
    trace_key(ctx, 0, "ik_sch", Nr);

    #pragma GCC unroll 4
    for (int round = Nr - 1; round >= 1; round--) {
        const int t = Nr - round;             /* Appendix C round number */
        trace_state(ctx, t, "istart", state);
        InvShiftRows(state);
        trace_state(ctx, t, "is_row", state);
        InvSubBytes(state);
        trace_state(ctx, t, "is_box", state);
        AddRoundKey(state, w, round);         /* w[round*Nb, (round+1)*Nb-1] */
        trace_key(ctx, t, "ik_sch", round);
        trace_state(ctx, t, "ik_add", state);
        InvMixColumns(state);
    }

    trace_state(ctx, Nr, "istart", state);
    InvShiftRows(state);
    trace_state(ctx, Nr, "is_row", state);
    InvSubBytes(state);
    trace_state(ctx, Nr, "is_box", state);
    AddRoundKey(state, w, 0);                 /* w[0, Nb-1] */
    trace_key(ctx, Nr, "ik_sch", 0);
    trace_state(ctx, Nr, "ioutput", state);

    state_to_bytes(state, out);               /* out = state */
    cl_wipe(state, sizeof state);
}
