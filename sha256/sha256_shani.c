/*
 * sha256/sha256_shani.c -- SHA-256 compression with the x86 SHA extensions
 * (Intel, "New Instructions Supporting the Secure Hash Algorithm on Intel
 * Architecture Processors", Gulley et al., 2013).
 *
 *   SHA256RNDS2  two rounds of §6.2.2 step 3 on the state held as
 *                ABEF / CDGH in two registers, with W_t + K_t supplied;
 *   SHA256MSG1   W_{t-16} + σ0(W_{t-15}) for four t at once;
 *   SHA256MSG2   adds σ1(W_{t-2}) for four t (after W_{t-7} is added).
 * One 4-word group of the schedule is formed per four rounds (16 groups).
 *
 * CT: yes.  Called only after sha256_shani_available() (CPUID.7.0:EBX
 * bit 29, SHA); the file is compiled with -msha -msse4.1 -mssse3.
 */
#include "sha256/sha256_fast_internal.h"
#include "sha256/sha256_internal.h"

#if defined(__x86_64__) && defined(__SHA__) && defined(__SSE4_1__) && defined(__SSSE3__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

static _Atomic int have_shani = -1;   /* cached CPUID answer (a fact about the machine) */

int sha256_shani_available(void)
{
    int v = atomic_load_explicit(&have_shani, memory_order_relaxed);
    if (v < 0) {
        unsigned a, b, c, d;
        v = __get_cpuid(1, &a, &b, &c, &d) && (c >> 9 & 1) && (c >> 19 & 1) &&
            __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1);
        atomic_store_explicit(&have_shani, v, memory_order_relaxed);
    }
    return v;
}

/* Four rounds 4g..4g+3 with message group Mc (W_{4g}..W_{4g+3}):
 *   with MSG2: Mn (already MSG1'd) += W_{t-7}, then MSG2 -> next group;
 *   with MSG1: Mp = MSG1(Mp, Mc), W_{t-16} + σ0(W_{t-15}) for a later group. */
#define QROUND(g, Mc, Mp, Mn, DO_MSG2, DO_MSG1) do {                                   \
        __m128i m_ = _mm_add_epi32(Mc, _mm_loadu_si128((const __m128i *)(const void *)  \
                                                        (SHA256_K + 4 * (g))));         \
        s1 = _mm_sha256rnds2_epu32(s1, s0, m_);                                         \
        if (DO_MSG2) {                                                                  \
            Mn = _mm_add_epi32(Mn, _mm_alignr_epi8(Mc, Mp, 4));                         \
            Mn = _mm_sha256msg2_epu32(Mn, Mc);                                          \
        }                                                                               \
        m_ = _mm_shuffle_epi32(m_, 0x0e);                                               \
        s0 = _mm_sha256rnds2_epu32(s0, s1, m_);                                         \
        if (DO_MSG1)                                                                    \
            Mp = _mm_sha256msg1_epu32(Mp, Mc);                                          \
    } while (0)

void sha256_blocks_shani(uint32_t H[8], const uint8_t *data, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bll, 0x0405060700010203ll);
    __m128i t = _mm_loadu_si128((const __m128i *)(void *)H);            /* D C B A */
    __m128i s1 = _mm_loadu_si128((const __m128i *)(void *)(H + 4));     /* H G F E */
    t = _mm_shuffle_epi32(t, 0xb1);                                     /* C D A B */
    s1 = _mm_shuffle_epi32(s1, 0x1b);                                   /* E F G H */
    __m128i s0 = _mm_alignr_epi8(t, s1, 8);                             /* A B E F */
    s1 = _mm_blend_epi16(s1, t, 0xf0);                                  /* C D G H */

    for (; nblocks > 0; nblocks--, data += 64) {
        __m128i save0 = s0, save1 = s1;
        __m128i M0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)data), bswap);
        __m128i M1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 16)), bswap);
        __m128i M2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 32)), bswap);
        __m128i M3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(data + 48)), bswap);
        QROUND(0, M0, M3, M1, 0, 0);
        QROUND(1, M1, M0, M2, 0, 1);
        QROUND(2, M2, M1, M3, 0, 1);
        QROUND(3, M3, M2, M0, 1, 1);
        QROUND(4, M0, M3, M1, 1, 1);
        QROUND(5, M1, M0, M2, 1, 1);
        QROUND(6, M2, M1, M3, 1, 1);
        QROUND(7, M3, M2, M0, 1, 1);
        QROUND(8, M0, M3, M1, 1, 1);
        QROUND(9, M1, M0, M2, 1, 1);
        QROUND(10, M2, M1, M3, 1, 1);
        QROUND(11, M3, M2, M0, 1, 1);
        QROUND(12, M0, M3, M1, 1, 1);
        QROUND(13, M1, M0, M2, 1, 0);
        QROUND(14, M2, M1, M3, 1, 0);
        QROUND(15, M3, M2, M0, 0, 0);
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
    }

    t = _mm_shuffle_epi32(s0, 0x1b);                                    /* F E B A */
    s1 = _mm_shuffle_epi32(s1, 0xb1);                                   /* D C H G */
    s0 = _mm_blend_epi16(t, s1, 0xf0);                                  /* D C B A */
    s1 = _mm_alignr_epi8(s1, t, 8);                                     /* H G F E */
    _mm_storeu_si128((__m128i *)(void *)H, s0);
    _mm_storeu_si128((__m128i *)(void *)(H + 4), s1);
}

#else /* no SHA extensions in this build */

int sha256_shani_available(void) { return 0; }
void sha256_blocks_shani(uint32_t H[8], const uint8_t *data, size_t nblocks)
{ (void)H; (void)data; (void)nblocks; }

#endif
