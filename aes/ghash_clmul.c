/*
 * aes/ghash_clmul.c -- GHASH with the PCLMULQDQ instruction (carry-less
 * 64x64 -> 128-bit multiplication), after S. Gueron and M. Kounavis,
 * "Intel Carry-Less Multiplication Instruction and its Usage for Computing
 * the GCM Mode" (Intel white paper, rev. 2.02, 2014), algorithms 1, 4, 5.
 *
 * Representation: each block is byte-reversed (PSHUFB) on loading, so bit
 * x_0 of SP 800-38D (the coefficient of 1) becomes bit 127 of the register.
 * A product of two such reflected values is the reflected product shifted
 * right by one bit, which the code corrects with a 1-bit left shift of the
 * 256-bit product before reducing modulo x^128 + x^7 + x^2 + x + 1.
 *
 * Speed: four PCLMULQDQ per block give the 256-bit product; the reduction
 * is the expensive part, so eight blocks are combined first (aggregated
 * reduction, white paper §"Aggregated reduction"):
 *     Y' = (Y + X1).H^8 + X2.H^7 + ... + X8.H
 * with H^1..H^8 computed once per key (ghash_clmul_setup).
 *
 * CT: yes -- no tables, no data-dependent branches.  Called only when
 * ghash_clmul_available() says the CPU has PCLMULQDQ.
 */
#include "aes/ghash_internal.h"

#if defined(__x86_64__) && defined(__PCLMUL__) && defined(__SSE4_1__) && defined(__SSSE3__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

static _Atomic int have_clmul = -1;   /* cached CPUID answer (a fact about the machine) */

int ghash_clmul_available(void)
{
    int v = atomic_load_explicit(&have_clmul, memory_order_relaxed);
    if (v < 0) {
        unsigned a, b, c, d;
        /* CPUID.1:ECX bit 1 PCLMULQDQ, bit 9 SSSE3, bit 19 SSE4.1 */
        v = __get_cpuid(1, &a, &b, &c, &d) && (c >> 1 & 1) && (c >> 9 & 1) && (c >> 19 & 1);
        atomic_store_explicit(&have_clmul, v, memory_order_relaxed);
    }
    return v;
}

#define BYTE_REVERSE _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

static inline __m128i load_rev(const uint8_t *p)
{
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), BYTE_REVERSE);
}

/* Accumulates the 256-bit carry-less product a.b as lo + mid.x^64 + hi.x^128. */
static inline void mul_acc(__m128i a, __m128i b, __m128i *lo, __m128i *mid, __m128i *hi)
{
    *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, b, 0x00));
    *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, b, 0x11));
    *mid = _mm_xor_si128(*mid, _mm_xor_si128(_mm_clmulepi64_si128(a, b, 0x01),
                                             _mm_clmulepi64_si128(a, b, 0x10)));
}

/* 256-bit product -> 1-bit left shift (reflection) -> reduction (white paper
 * algorithm 4/5: shifts by 31, 30, 25 and 1, 2, 7 for x^128+x^7+x^2+x+1). */
static inline __m128i reduce(__m128i lo, __m128i mid, __m128i hi)
{
    __m128i t3 = _mm_xor_si128(lo, _mm_slli_si128(mid, 8));
    __m128i t6 = _mm_xor_si128(hi, _mm_srli_si128(mid, 8));
    /* shift t6:t3 left by one bit */
    __m128i t7 = _mm_srli_epi32(t3, 31), t8 = _mm_srli_epi32(t6, 31);
    t3 = _mm_slli_epi32(t3, 1);
    t6 = _mm_slli_epi32(t6, 1);
    __m128i t9 = _mm_srli_si128(t7, 12);
    t8 = _mm_slli_si128(t8, 4);
    t7 = _mm_slli_si128(t7, 4);
    t3 = _mm_or_si128(t3, t7);
    t6 = _mm_or_si128(_mm_or_si128(t6, t8), t9);
    /* first phase of the reduction */
    t7 = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi32(t3, 31), _mm_slli_epi32(t3, 30)),
                       _mm_slli_epi32(t3, 25));
    t8 = _mm_srli_si128(t7, 4);
    t7 = _mm_slli_si128(t7, 12);
    t3 = _mm_xor_si128(t3, t7);
    /* second phase */
    __m128i t2 = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi32(t3, 1), _mm_srli_epi32(t3, 2)),
                               _mm_xor_si128(_mm_srli_epi32(t3, 7), t8));
    t3 = _mm_xor_si128(t3, t2);
    return _mm_xor_si128(t6, t3);
}

static inline __m128i gfmul(__m128i a, __m128i b)
{
    __m128i lo = _mm_setzero_si128(), mid = lo, hi = lo;
    mul_acc(a, b, &lo, &mid, &hi);
    return reduce(lo, mid, hi);
}

void ghash_clmul_setup(const uint8_t H[16], uint8_t hpow[8][16])
{
    __m128i h = load_rev(H), p = h;
    _mm_storeu_si128((__m128i *)(void *)hpow[0], h);
    for (int i = 1; i < 8; i++) {
        p = gfmul(p, h);
        _mm_storeu_si128((__m128i *)(void *)hpow[i], p);
    }
}

void ghash_blocks_clmul(const uint8_t hpow[8][16], uint8_t Y[16], const uint8_t *data, size_t nblocks)
{
    __m128i h[8];
    for (int i = 0; i < 8; i++)
        h[i] = _mm_loadu_si128((const __m128i *)(const void *)hpow[i]);
    __m128i y = load_rev(Y);
    while (nblocks >= 8) {
        __m128i lo = _mm_setzero_si128(), mid = lo, hi = lo;
        mul_acc(_mm_xor_si128(y, load_rev(data)), h[7], &lo, &mid, &hi);
        for (int i = 1; i < 8; i++)
            mul_acc(load_rev(data + 16 * i), h[7 - i], &lo, &mid, &hi);
        y = reduce(lo, mid, hi);
        data += 128;
        nblocks -= 8;
    }
    for (; nblocks > 0; nblocks--, data += 16)
        y = gfmul(_mm_xor_si128(y, load_rev(data)), h[0]);
    _mm_storeu_si128((__m128i *)(void *)Y, _mm_shuffle_epi8(y, BYTE_REVERSE));
}

#else /* no PCLMULQDQ in this build */

int ghash_clmul_available(void) { return 0; }
void ghash_clmul_setup(const uint8_t H[16], uint8_t hpow[8][16]) { (void)H; (void)hpow; }
void ghash_blocks_clmul(const uint8_t hpow[8][16], uint8_t Y[16], const uint8_t *data, size_t nblocks)
{ (void)hpow; (void)Y; (void)data; (void)nblocks; }

#endif
