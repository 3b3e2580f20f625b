/*
 * aes/aes_aesni.c -- AES with the AES-NI instructions (Intel white paper
 * "Advanced Encryption Standard (AES) New Instructions Set", Gueron 2010).
 *
 * AESENC does one full middle round of FIPS-197 §5.1 (ShiftRows, SubBytes,
 * MixColumns, AddRoundKey) on a 128-bit register; AESENCLAST the final
 * round without MixColumns.  AESDEC/AESDECLAST do the rounds of the
 * equivalent inverse cipher (§5.3.5), whose round keys are
 * InvMixColumns(w) -- AESIMC -- computed once at setup.
 *
 * The state register holds the 16 bytes in input order, so the round keys
 * are the words of the §5.2 key schedule written big-endian.
 *
 * Speed comes from parallelism: one AESENC takes several cycles before its
 * result is ready, but the CPU can start a new one every cycle (or two per
 * cycle).  A single block (and CBC encryption, where each block needs the
 * previous one) waits on the latency; CTR, ECB and CBC decryption keep 8
 * independent blocks in flight.  On CPUs with VAES + AVX2, CTR uses
 * 256-bit VAESENC (two blocks per instruction, 16 blocks in flight).
 *
 * CT: yes -- the rounds are hardware instructions whose timing does not
 * depend on the data; no tables.  Only called after the CPUID check in
 * aes_aesni_available() (this file is compiled with -maes -msse4.1).
 */
#include <string.h>
#include "aes/aes_fast_internal.h"
#include "common/bytes.h"

#if defined(__x86_64__) && defined(__AES__) && defined(__SSE4_1__) && defined(__SSSE3__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

static int cpu_has_aesni(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    /* CPUID.1:ECX bit 25 AES, bit 19 SSE4.1, bit 9 SSSE3 */
    return (c >> 25 & 1) && (c >> 19 & 1) && (c >> 9 & 1);
}

static int cpu_has_vaes(void)
{
    unsigned a, b, c, d;
    if (!cpu_has_aesni() || !__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (!(c >> 27 & 1) || !(c >> 28 & 1))      /* OSXSAVE, AVX */
        return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 6) != 6)                          /* OS saves XMM and YMM state */
        return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b >> 5 & 1) && (c >> 9 & 1);        /* AVX2, VAES */
}

/* CPUID is slow (on a virtual machine it traps to the hypervisor), so the
 * answers are cached.  They are facts about the machine, not state: every
 * thread computes the same value (atomics keep that well-defined). */
static _Atomic int have_aesni = -1, have_vaes = -1;

int aes_aesni_available(void)
{
    int v = atomic_load_explicit(&have_aesni, memory_order_relaxed);
    if (v < 0) {
        v = cpu_has_aesni();
        atomic_store_explicit(&have_aesni, v, memory_order_relaxed);
    }
    return v;
}

int aes_aesni_vaes_available(void)
{
    int v = atomic_load_explicit(&have_vaes, memory_order_relaxed);
    if (v < 0) {
        v = cpu_has_vaes();
        atomic_store_explicit(&have_vaes, v, memory_order_relaxed);
    }
    return v;
}

#define EK(ctx) ((const __m128i *)(const void *)(ctx)->fast.bytes)
#define DK(ctx) ((const __m128i *)(const void *)((ctx)->fast.bytes + 16 * (AES_MAX_NR + 1)))

void aes_aesni_setup(aes_ctx *ctx)
{
    uint8_t *ek = ctx->fast.bytes;
    uint8_t *dk = ctx->fast.bytes + 16 * (AES_MAX_NR + 1);
    int Nr = ctx->Nr;
    for (int i = 0; i < 4 * (Nr + 1); i++)
        store32_be(ek + 4 * i, ctx->w[i]);
    /* decryption keys in the order used: dk[0] = ek[Nr], dk[i] = IMC(ek[Nr-i]), dk[Nr] = ek[0] */
    _mm_store_si128((__m128i *)(void *)dk, _mm_load_si128((const __m128i *)(void *)(ek + 16 * Nr)));
    for (int i = 1; i < Nr; i++)
        _mm_store_si128((__m128i *)(void *)(dk + 16 * i),
                        _mm_aesimc_si128(_mm_load_si128((const __m128i *)(void *)(ek + 16 * (Nr - i)))));
    _mm_store_si128((__m128i *)(void *)(dk + 16 * Nr), _mm_load_si128((const __m128i *)(void *)ek));
}

static inline __m128i enc1(const __m128i *k, int Nr, __m128i x)
{
    x = _mm_xor_si128(x, k[0]);
    for (int r = 1; r < Nr; r++)
        x = _mm_aesenc_si128(x, k[r]);
    return _mm_aesenclast_si128(x, k[Nr]);
}

static inline __m128i dec1(const __m128i *k, int Nr, __m128i x)
{
    x = _mm_xor_si128(x, k[0]);
    for (int r = 1; r < Nr; r++)
        x = _mm_aesdec_si128(x, k[r]);
    return _mm_aesdeclast_si128(x, k[Nr]);
}

/* Eight blocks through all rounds, interleaved. */
#define ROUNDS8(OP, OPLAST, k, Nr, b) do {                                  \
        for (int i_ = 0; i_ < 8; i_++) b[i_] = _mm_xor_si128(b[i_], k[0]);    \
        for (int r_ = 1; r_ < (Nr); r_++) {                                   \
            __m128i kr_ = k[r_];                                              \
            b[0] = OP(b[0], kr_); b[1] = OP(b[1], kr_);                       \
            b[2] = OP(b[2], kr_); b[3] = OP(b[3], kr_);                       \
            b[4] = OP(b[4], kr_); b[5] = OP(b[5], kr_);                       \
            b[6] = OP(b[6], kr_); b[7] = OP(b[7], kr_);                       \
        }                                                                     \
        for (int i_ = 0; i_ < 8; i_++) b[i_] = OPLAST(b[i_], k[Nr]);          \
    } while (0)

static void ecb(const __m128i *k, int Nr, int encrypt, const uint8_t *in, uint8_t *out,
                size_t nblocks)
{
    __m128i b[8];
    while (nblocks >= 8) {
        for (int i = 0; i < 8; i++)
            b[i] = _mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i));
        if (encrypt)
            ROUNDS8(_mm_aesenc_si128, _mm_aesenclast_si128, k, Nr, b);
        else
            ROUNDS8(_mm_aesdec_si128, _mm_aesdeclast_si128, k, Nr, b);
        for (int i = 0; i < 8; i++)
            _mm_storeu_si128((__m128i *)(void *)(out + 16 * i), b[i]);
        in += 128; out += 128; nblocks -= 8;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)in);
        x = encrypt ? enc1(k, Nr, x) : dec1(k, Nr, x);
        _mm_storeu_si128((__m128i *)(void *)out, x);
    }
}

void aes_aesni_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    ecb(EK(ctx), ctx->Nr, 1, in, out, nblocks);
}

void aes_aesni_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    ecb(DK(ctx), ctx->Nr, 0, in, out, nblocks);
}

void aes_aesni_cbc_encrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in,
                                  uint8_t *out, size_t nblocks)
{
    const __m128i *k = EK(ctx);
    __m128i c = _mm_loadu_si128((const __m128i *)(const void *)iv);
    for (size_t i = 0; i < nblocks; i++) {
        __m128i p = _mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i));
        c = enc1(k, ctx->Nr, _mm_xor_si128(p, c));
        _mm_storeu_si128((__m128i *)(void *)(out + 16 * i), c);
    }
    _mm_storeu_si128((__m128i *)(void *)iv, c);
}

void aes_aesni_cbc_decrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in,
                                  uint8_t *out, size_t nblocks)
{
    const __m128i *k = DK(ctx);
    int Nr = ctx->Nr;
    __m128i prev = _mm_loadu_si128((const __m128i *)(const void *)iv);
    __m128i b[8], c[8];
    while (nblocks >= 8) {
        for (int i = 0; i < 8; i++)
            b[i] = c[i] = _mm_loadu_si128((const __m128i *)(const void *)(in + 16 * i));
        ROUNDS8(_mm_aesdec_si128, _mm_aesdeclast_si128, k, Nr, b);
        _mm_storeu_si128((__m128i *)(void *)out, _mm_xor_si128(b[0], prev));
        for (int i = 1; i < 8; i++)
            _mm_storeu_si128((__m128i *)(void *)(out + 16 * i), _mm_xor_si128(b[i], c[i - 1]));
        prev = c[7];
        in += 128; out += 128; nblocks -= 8;
    }
    for (; nblocks > 0; nblocks--, in += 16, out += 16) {
        __m128i ci = _mm_loadu_si128((const __m128i *)(const void *)in);
        _mm_storeu_si128((__m128i *)(void *)out, _mm_xor_si128(dec1(k, Nr, ci), prev));
        prev = ci;
    }
    _mm_storeu_si128((__m128i *)(void *)iv, prev);
}

/* 128-bit big-endian increment (SP 800-38A Appendix B.1). */
static void ctr_inc(uint8_t ctr[16])
{
    unsigned carry = 1;
    for (int i = 15; i >= 0; i--) {
        carry += ctr[i];
        ctr[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

/* Counter blocks are made by adding i to the last 32-bit word kept in host
 * order, then byte-swapping that word (PSHUFB).  This is valid while the
 * low 32 bits do not wrap inside a batch; near a wrap, single blocks with
 * the full 128-bit increment are used instead. */
#define BSWAP_LAST_WORD _mm_set_epi8(12, 13, 14, 15, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

static size_t ctr_one(const __m128i *k, int Nr, uint8_t ctr[16], const uint8_t *in, uint8_t *out)
{
    __m128i ks = enc1(k, Nr, _mm_loadu_si128((const __m128i *)(const void *)ctr));
    _mm_storeu_si128((__m128i *)(void *)out,
                     _mm_xor_si128(ks, _mm_loadu_si128((const __m128i *)(const void *)in)));
    ctr_inc(ctr);
    return 1;
}

__attribute__((target("avx2,vaes")))
static size_t ctr_vaes(const __m128i *k, int Nr, uint8_t ctr[16], const uint8_t *in,
                       uint8_t *out, size_t nblocks)
{
    size_t done = 0;
    __m256i kk[AES_MAX_NR + 1];
    for (int r = 0; r <= Nr; r++)
        kk[r] = _mm256_broadcastsi128_si256(k[r]);
    const __m256i swap = _mm256_broadcastsi128_si256(BSWAP_LAST_WORD);
    const __m256i two = _mm256_set_epi32(2, 0, 0, 0, 2, 0, 0, 0);
    const __m256i sixteen = _mm256_set_epi32(16, 0, 0, 0, 16, 0, 0, 0);
    /* the counter stays in a register between batches (last word in host order) */
    uint32_t lo = load32_be(ctr + 12);
    __m256i base = _mm256_add_epi32(
        _mm256_broadcastsi128_si256(_mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)ctr),
                                                     BSWAP_LAST_WORD)),
        _mm256_set_epi32(1, 0, 0, 0, 0, 0, 0, 0));
    while (nblocks - done >= 16) {
        if (lo > 0xffffffffu - 16) {
            store32_be(ctr + 12, lo);
            done += ctr_one(k, Nr, ctr, in + 16 * done, out + 16 * done);
            lo = load32_be(ctr + 12);
            base = _mm256_add_epi32(
                _mm256_broadcastsi128_si256(_mm_shuffle_epi8(
                    _mm_loadu_si128((const __m128i *)(const void *)ctr), BSWAP_LAST_WORD)),
                _mm256_set_epi32(1, 0, 0, 0, 0, 0, 0, 0));
            continue;
        }
        __m256i c = base, b[8];
        for (int i = 0; i < 8; i++) {
            b[i] = _mm256_xor_si256(_mm256_shuffle_epi8(c, swap), kk[0]);
            c = _mm256_add_epi32(c, two);
        }
        for (int r = 1; r < Nr; r++) {
            __m256i kr = kk[r];
            b[0] = _mm256_aesenc_epi128(b[0], kr); b[1] = _mm256_aesenc_epi128(b[1], kr);
            b[2] = _mm256_aesenc_epi128(b[2], kr); b[3] = _mm256_aesenc_epi128(b[3], kr);
            b[4] = _mm256_aesenc_epi128(b[4], kr); b[5] = _mm256_aesenc_epi128(b[5], kr);
            b[6] = _mm256_aesenc_epi128(b[6], kr); b[7] = _mm256_aesenc_epi128(b[7], kr);
        }
        const uint8_t *ip = in + 16 * done;
        uint8_t *op = out + 16 * done;
        for (int i = 0; i < 8; i++) {
            __m256i x = _mm256_aesenclast_epi128(b[i], kk[Nr]);
            x = _mm256_xor_si256(x, _mm256_loadu_si256((const __m256i *)(const void *)(ip + 32 * i)));
            _mm256_storeu_si256((__m256i *)(void *)(op + 32 * i), x);
        }
        base = _mm256_add_epi32(base, sixteen);
        lo += 16;
        done += 16;
    }
    store32_be(ctr + 12, lo);
    _mm256_zeroupper();
    return done;
}

void aes_aesni_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks)
{
    const __m128i *k = EK(ctx);
    int Nr = ctx->Nr;
    size_t done = 0;
    if (nblocks >= 16 && aes_aesni_vaes_available())
        done = ctr_vaes(k, Nr, ctr, in, out, nblocks);
    const __m128i swap = BSWAP_LAST_WORD;
    while (nblocks - done >= 8) {
        uint32_t lo = load32_be(ctr + 12);
        if (lo > 0xffffffffu - 8) {
            done += ctr_one(k, Nr, ctr, in + 16 * done, out + 16 * done);
            continue;
        }
        __m128i c = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)ctr), swap);
        const __m128i one = _mm_set_epi32(1, 0, 0, 0);
        __m128i b[8];
        for (int i = 0; i < 8; i++) {
            b[i] = _mm_shuffle_epi8(c, swap);
            c = _mm_add_epi32(c, one);
        }
        ROUNDS8(_mm_aesenc_si128, _mm_aesenclast_si128, k, Nr, b);
        const uint8_t *ip = in + 16 * done;
        uint8_t *op = out + 16 * done;
        for (int i = 0; i < 8; i++)
            _mm_storeu_si128((__m128i *)(void *)(op + 16 * i),
                             _mm_xor_si128(b[i], _mm_loadu_si128((const __m128i *)(const void *)(ip + 16 * i))));
        store32_be(ctr + 12, lo + 8);
        done += 8;
    }
    while (done < nblocks)
        done += ctr_one(k, Nr, ctr, in + 16 * done, out + 16 * done);
}

#else /* no AES-NI in this build: the dispatcher never selects these */

int aes_aesni_available(void) { return 0; }
int aes_aesni_vaes_available(void) { return 0; }
void aes_aesni_setup(aes_ctx *ctx) { (void)ctx; }
void aes_aesni_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t n)
{ (void)ctx; (void)in; (void)out; (void)n; }
void aes_aesni_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t n)
{ (void)ctx; (void)in; (void)out; (void)n; }
void aes_aesni_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t n)
{ (void)ctx; (void)ctr; (void)in; (void)out; (void)n; }
void aes_aesni_cbc_encrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t n)
{ (void)ctx; (void)iv; (void)in; (void)out; (void)n; }
void aes_aesni_cbc_decrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out, size_t n)
{ (void)ctx; (void)iv; (void)in; (void)out; (void)n; }

#endif
