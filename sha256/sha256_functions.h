/*
 * sha256/sha256_functions.h -- the logical functions of SHA-256,
 * FIPS 180-4 §4.1.2, and the operations they are built from (§3.2, §2.2.2).
 *
 * Each is a one-line static inline function named as in the standard, so a
 * student stepping through sha256_compress() in gdb sees the same names as
 * in the document.  All operate on 32-bit words.  CT: yes (only rotations,
 * shifts, AND/OR/XOR/NOT; no branches, no table look-ups).
 *
 * Internal to sha256/ (also used by the trace and the tests).
 */
#ifndef CRYPTOLAB_SHA256_FUNCTIONS_H
#define CRYPTOLAB_SHA256_FUNCTIONS_H

#include <stdint.h>

/* §3.2 (4): ROTR^n(x) = (x >> n) OR (x << (w - n)), w = 32, 0 < n < 32. */
static inline uint32_t ROTR(unsigned n, uint32_t x)
{
    return (x >> n) | (x << (32u - n));
}

/* §3.2 (3): SHR^n(x) = x >> n. */
static inline uint32_t SHR(unsigned n, uint32_t x)
{
    return x >> n;
}

/* §4.1.2 (4.2): Ch(x, y, z) = (x AND y) XOR (NOT x AND z) -- "x chooses". */
static inline uint32_t Ch(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (~x & z);
}

/* §4.1.2 (4.3): Maj(x, y, z) = (x AND y) XOR (x AND z) XOR (y AND z) -- majority. */
static inline uint32_t Maj(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) ^ (x & z) ^ (y & z);
}

/* §4.1.2 (4.4): Σ0{256}(x) = ROTR^2(x) XOR ROTR^13(x) XOR ROTR^22(x). */
static inline uint32_t Sigma0(uint32_t x)
{
    return ROTR(2, x) ^ ROTR(13, x) ^ ROTR(22, x);
}

/* §4.1.2 (4.5): Σ1{256}(x) = ROTR^6(x) XOR ROTR^11(x) XOR ROTR^25(x). */
static inline uint32_t Sigma1(uint32_t x)
{
    return ROTR(6, x) ^ ROTR(11, x) ^ ROTR(25, x);
}

/* §4.1.2 (4.6): σ0{256}(x) = ROTR^7(x) XOR ROTR^18(x) XOR SHR^3(x). */
static inline uint32_t sigma0(uint32_t x)
{
    return ROTR(7, x) ^ ROTR(18, x) ^ SHR(3, x);
}

/* §4.1.2 (4.7): σ1{256}(x) = ROTR^17(x) XOR ROTR^19(x) XOR SHR^10(x). */
static inline uint32_t sigma1(uint32_t x)
{
    return ROTR(17, x) ^ ROTR(19, x) ^ SHR(10, x);
}

#endif
