-- docs/wireshark/cl_crypto.lua -- AES, AES-CTR, SHA-256, HMAC-SHA256 and
-- HKDF-SHA256 in plain Lua, for the cryptolab Wireshark dissector.
--
-- Wireshark's Lua (5.2 in Debian 12's Wireshark 4.0) has no cipher or hash
-- functions, so the dissector brings its own.  This file is a SECOND,
-- INDEPENDENT implementation of the standards the C library implements in
-- aes/ and sha256/: read the two side by side.  Each function carries the
-- section of the standard it implements, under the standard's own name.
--
-- Lua 5.2 has no integer type and no bit operators: numbers are doubles
-- (exact integers up to 2^53) and 32-bit logic comes from the bit32 library.
-- A "word" below is a number in 0 .. 2^32-1; a byte string is a Lua string.
--
-- NOT constant-time, NOT for protecting anything: it only lets a student
-- read their OWN captures (see docs/labs/wireshark.md).
--
-- Usage:  local C = dofile("cl_crypto.lua")
--         C.sha256(msg)                       -> 32-byte string
--         C.hmac_sha256(key, msg)             -> 32-byte string
--         C.hkdf_extract(salt, ikm)           -> PRK (32 bytes)
--         C.hkdf_expand(prk, info, L)         -> OKM (L bytes)
--         C.aes_key_expansion(key)            -> key schedule (16/24/32-byte key)
--         C.aes_cipher(schedule, block16)     -> 16-byte string
--         C.aes_ctr(schedule, counter16, data) -> data XOR keystream
--         C.gcm_encrypt(schedule, iv, P, A)  -> C, T (16-byte tag)   SP 800-38D §7.1
--         C.gcm_decrypt(schedule, iv, C, A, T) -> P, or nil if the tag fails (§7.2)
--         C.tohex(s), C.fromhex(h)

local bit32 = bit32
local band, bor, bxor, bnot = bit32.band, bit32.bor, bit32.bxor, bit32.bnot
local rrotate, rshift, lshift = bit32.rrotate, bit32.rshift, bit32.lshift
local byte, char, rep, sub = string.byte, string.char, string.rep, string.sub
local concat = table.concat

local M = {}

----------------------------------------------------------------------------
-- Byte helpers
----------------------------------------------------------------------------

function M.tohex(s)
    return (s:gsub(".", function(c) return string.format("%02x", byte(c)) end))
end

function M.fromhex(h)
    h = h:gsub("%s", "")
    return (h:gsub("%x%x", function(x) return char(tonumber(x, 16)) end))
end

-- Big-endian 32-bit word at 1-based position i of string s.
local function load32_be(s, i)
    local a, b, c, d = byte(s, i, i + 3)
    return ((a * 256 + b) * 256 + c) * 256 + d
end

local function store32_be(w)
    return char(band(rshift(w, 24), 0xff), band(rshift(w, 16), 0xff),
                band(rshift(w, 8), 0xff), band(w, 0xff))
end

-- Big-endian 64-bit integer (exact for n < 2^53, plenty for bit lengths here).
local function store64_be(n)
    local hi = math.floor(n / 4294967296)
    return store32_be(hi) .. store32_be(n % 4294967296)
end
M.store32_be, M.store64_be, M.load32_be = store32_be, store64_be, load32_be

-- XOR of two strings of equal length.
local function xor_strings(a, b)
    local out = {}
    for i = 1, #a do out[i] = char(bxor(byte(a, i), byte(b, i))) end
    return concat(out)
end
M.xor_strings = xor_strings

----------------------------------------------------------------------------
-- SHA-256 (FIPS 180-4)
----------------------------------------------------------------------------

-- §4.2.2 SHA-256 constants: the first 32 bits of the fractional parts of
-- the cube roots of the first 64 prime numbers.
local K256 = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

-- §5.3.3 initial hash value H(0): fractional parts of the square roots of
-- the first 8 primes.
local H0_256 = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }

-- §4.1.2 SHA-256 functions.
local function Ch(x, y, z)  return bxor(band(x, y), band(bnot(x), z)) end
local function Maj(x, y, z) return bxor(band(x, y), band(x, z), band(y, z)) end
local function Sigma0(x) return bxor(rrotate(x, 2), rrotate(x, 13), rrotate(x, 22)) end
local function Sigma1(x) return bxor(rrotate(x, 6), rrotate(x, 11), rrotate(x, 25)) end
local function sigma0(x) return bxor(rrotate(x, 7), rrotate(x, 18), rshift(x, 3)) end
local function sigma1(x) return bxor(rrotate(x, 17), rrotate(x, 19), rshift(x, 10)) end

-- Addition modulo 2^32 (§3.2): sums of a few words stay exact in a double.
local function add32(...)
    local s = 0
    for _, v in ipairs({...}) do s = s + v end
    return s % 4294967296
end

-- §5.1.1 padding: append bit "1", then zeros, then the 64-bit length in bits,
-- so that the padded length is a multiple of 512 bits.
local function sha256_pad(msg)
    local l = #msg
    local k = (55 - l) % 64          -- zero bytes after the 0x80 byte
    return msg .. "\128" .. rep("\0", k) .. store64_be(l * 8)
end

-- §6.2.2 SHA-256 hash computation for one 512-bit block M(i) starting at
-- position pos of the padded message; H is updated in place.
local function sha256_compress(H, blk, pos)
    -- 1. Prepare the message schedule W(t).
    local W = {}
    for t = 0, 15 do W[t] = load32_be(blk, pos + 4 * t) end
    for t = 16, 63 do
        W[t] = add32(sigma1(W[t - 2]), W[t - 7], sigma0(W[t - 15]), W[t - 16])
    end
    -- 2. Initialise the eight working variables with H(i-1).
    local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
    -- 3. Sixty-four rounds.
    for t = 0, 63 do
        local T1 = add32(h, Sigma1(e), Ch(e, f, g), K256[t + 1], W[t])
        local T2 = add32(Sigma0(a), Maj(a, b, c))
        h = g; g = f; f = e
        e = add32(d, T1)
        d = c; c = b; b = a
        a = add32(T1, T2)
    end
    -- 4. The i-th intermediate hash value H(i).
    H[1] = add32(a, H[1]); H[2] = add32(b, H[2]); H[3] = add32(c, H[3]); H[4] = add32(d, H[4])
    H[5] = add32(e, H[5]); H[6] = add32(f, H[6]); H[7] = add32(g, H[7]); H[8] = add32(h, H[8])
end

-- SHA-256(msg): 32-byte digest (§6.2).
function M.sha256(msg)
    local H = {}
    for i = 1, 8 do H[i] = H0_256[i] end
    local padded = sha256_pad(msg)          -- §5.1.1
    for pos = 1, #padded, 64 do             -- §5.2.1 parse into 512-bit blocks
        sha256_compress(H, padded, pos)
    end
    local out = {}
    for i = 1, 8 do out[i] = store32_be(H[i]) end
    return concat(out)
end

----------------------------------------------------------------------------
-- HMAC-SHA256 (RFC 2104, FIPS 198-1) and HKDF (RFC 5869)
----------------------------------------------------------------------------

local SHA256_BLOCK = 64

-- RFC 2104 §2: H(K XOR opad, H(K XOR ipad, text)).
function M.hmac_sha256(key, text)
    -- Keys longer than B bytes are first hashed; then K is padded with zeros to B bytes.
    if #key > SHA256_BLOCK then key = M.sha256(key) end
    local K0 = key .. rep("\0", SHA256_BLOCK - #key)
    local ipad = xor_strings(K0, rep("\54", SHA256_BLOCK))   -- 0x36
    local opad = xor_strings(K0, rep("\92", SHA256_BLOCK))   -- 0x5c
    return M.sha256(opad .. M.sha256(ipad .. text))
end

-- RFC 5869 §2.2 HKDF-Extract(salt, IKM) -> PRK; an empty salt means HashLen zeros.
function M.hkdf_extract(salt, ikm)
    if salt == nil or #salt == 0 then salt = rep("\0", 32) end
    return M.hmac_sha256(salt, ikm)
end

-- RFC 5869 §2.3 HKDF-Expand(PRK, info, L) -> OKM:
--   T(0) = empty;  T(i) = HMAC(PRK, T(i-1) | info | i);  OKM = first L bytes of T(1)|T(2)|...
function M.hkdf_expand(prk, info, L)
    assert(L <= 255 * 32, "HKDF: L > 255*HashLen")
    local T, okm, i = "", {}, 1
    local have = 0
    while have < L do
        T = M.hmac_sha256(prk, T .. info .. char(i))
        okm[#okm + 1] = T
        have = have + #T
        i = i + 1
    end
    return sub(concat(okm), 1, L)
end

function M.hkdf(salt, ikm, info, L)
    return M.hkdf_expand(M.hkdf_extract(salt, ikm), info, L)
end

----------------------------------------------------------------------------
-- AES (FIPS-197), encryption direction
----------------------------------------------------------------------------

-- §4.2.1 xtime(): multiplication by x (i.e. {02}) in GF(2^8) modulo
-- m(x) = x^8 + x^4 + x^3 + x + 1 ({01}{1b}).
local function xtime(b)
    b = b * 2
    if b >= 256 then b = bxor(b - 256, 0x1b) end
    return b
end

-- §4.2 multiplication of two elements of GF(2^8) by repeated xtime().
local function gmul(a, b)
    local p = 0
    while b > 0 do
        if b % 2 == 1 then p = bxor(p, a) end
        a = xtime(a)
        b = math.floor(b / 2)
    end
    return p
end

-- §5.1.1 The S-box, built here rather than copied: for each byte,
--   1. take its multiplicative inverse in GF(2^8) ({00} maps to {00});
--   2. apply the affine transformation
--      b'_i = b_i ^ b_(i+4 mod 8) ^ b_(i+5 mod 8) ^ b_(i+6 mod 8) ^ b_(i+7 mod 8) ^ c_i
--      with c = {63}.
local SBOX = {}
do
    local inv = { [0] = 0 }
    for a = 1, 255 do
        for b = 1, 255 do
            if gmul(a, b) == 1 then inv[a] = b; break end
        end
    end
    local function bitof(x, i) return band(rshift(x, i % 8), 1) end
    for x = 0, 255 do
        local b, s = inv[x], 0
        for i = 0, 7 do
            local v = bxor(bitof(b, i), bitof(b, i + 4), bitof(b, i + 5),
                           bitof(b, i + 6), bitof(b, i + 7), bitof(0x63, i))
            s = bor(s, lshift(v, i))
        end
        SBOX[x] = s
    end
end
M.SBOX = SBOX

-- The state (§3.4) is a table s[r][c] written here as s[r + 4*c] (0-based,
-- like the input bytes in[r + 4c]).

-- §5.1.1 SubBytes()
local function SubBytes(s)
    for i = 0, 15 do s[i] = SBOX[s[i]] end
end

-- §5.1.2 ShiftRows(): row r is rotated left by r positions.
local function ShiftRows(s)
    for r = 1, 3 do
        local row = {}
        for c = 0, 3 do row[c] = s[r + 4 * ((c + r) % 4)] end
        for c = 0, 3 do s[r + 4 * c] = row[c] end
    end
end

-- §5.1.3 MixColumns(): each column times a(x) = {03}x^3 + {01}x^2 + {01}x + {02}.
local function MixColumns(s)
    for c = 0, 3 do
        local s0, s1, s2, s3 = s[4 * c], s[4 * c + 1], s[4 * c + 2], s[4 * c + 3]
        s[4 * c]     = bxor(xtime(s0), xtime(s1), s1, s2, s3)          -- {02}s0 ^ {03}s1 ^ s2 ^ s3
        s[4 * c + 1] = bxor(s0, xtime(s1), xtime(s2), s2, s3)          -- s0 ^ {02}s1 ^ {03}s2 ^ s3
        s[4 * c + 2] = bxor(s0, s1, xtime(s2), xtime(s3), s3)          -- s0 ^ s1 ^ {02}s2 ^ {03}s3
        s[4 * c + 3] = bxor(xtime(s0), s0, s1, s2, xtime(s3))          -- {03}s0 ^ s1 ^ s2 ^ {02}s3
    end
end

-- §5.1.4 AddRoundKey(): XOR column c with word w[round*Nb + c].
local function AddRoundKey(s, w, round)
    for c = 0, 3 do
        local word = w[round * 4 + c]
        for r = 0, 3 do s[r + 4 * c] = bxor(s[r + 4 * c], word[r]) end
    end
end

-- §5.2 KeyExpansion(): words are 4-byte tables {[0]=..,[1]=..,[2]=..,[3]=..}.
local function SubWord(w) return { [0] = SBOX[w[0]], SBOX[w[1]], SBOX[w[2]], SBOX[w[3]] } end
local function RotWord(w) return { [0] = w[1], w[2], w[3], w[0] } end

function M.aes_key_expansion(key)
    local Nk = #key / 4
    assert(Nk == 4 or Nk == 6 or Nk == 8, "AES key must be 16, 24 or 32 bytes")
    local Nr = Nk + 6
    local w = {}
    for i = 0, Nk - 1 do
        w[i] = { [0] = byte(key, 4 * i + 1), byte(key, 4 * i + 2), byte(key, 4 * i + 3), byte(key, 4 * i + 4) }
    end
    local rc = 1                               -- Rcon[i/Nk] = {rc, 00, 00, 00}
    for i = Nk, 4 * (Nr + 1) - 1 do
        local temp = w[i - 1]
        if i % Nk == 0 then
            temp = SubWord(RotWord(temp))
            temp[0] = bxor(temp[0], rc)
            rc = xtime(rc)
        elseif Nk > 6 and i % Nk == 4 then
            temp = SubWord(temp)
        end
        local prev = w[i - Nk]
        w[i] = { [0] = bxor(prev[0], temp[0]), bxor(prev[1], temp[1]),
                 bxor(prev[2], temp[2]), bxor(prev[3], temp[3]) }
    end
    return { w = w, Nr = Nr }
end

-- §5.1 Cipher(): one 16-byte block.
function M.aes_cipher(ks, input)
    local s = {}
    for i = 0, 15 do s[i] = byte(input, i + 1) end
    AddRoundKey(s, ks.w, 0)
    for round = 1, ks.Nr - 1 do
        SubBytes(s)
        ShiftRows(s)
        MixColumns(s)
        AddRoundKey(s, ks.w, round)
    end
    SubBytes(s)
    ShiftRows(s)
    AddRoundKey(s, ks.w, ks.Nr)
    local out = {}
    for i = 0, 15 do out[i + 1] = char(s[i]) end
    return concat(out)
end

----------------------------------------------------------------------------
-- CTR mode (NIST SP 800-38A §6.5), the counter a 128-bit big-endian integer
-- incremented by one per block (the standard incrementing function, B.1).
----------------------------------------------------------------------------

local function inc128(ctr)
    local b = { byte(ctr, 1, 16) }
    for i = 16, 1, -1 do
        if b[i] == 255 then b[i] = 0 else b[i] = b[i] + 1; break end
    end
    return char((table.unpack or unpack)(b))
end
M.inc128 = inc128

-- Returns data XOR E(K,T1) | E(K,T2) | ...; encryption and decryption are
-- the same operation.  Also returns the next counter block.
function M.aes_ctr(ks, ctr, data)
    local out = {}
    for pos = 1, #data, 16 do
        local O = M.aes_cipher(ks, ctr)           -- O_j = CIPH_K(T_j)
        local P = sub(data, pos, pos + 15)
        out[#out + 1] = xor_strings(P, sub(O, 1, #P))
        ctr = inc128(ctr)
    end
    return concat(out), ctr
end

----------------------------------------------------------------------------
-- GCM (NIST SP 800-38D)
--
-- A 128-bit block is held as four 32-bit words {w1, w2, w3, w4}, w1 being
-- bytes 1..4 (big-endian): bit 0 of the block in the standard's numbering
-- (§6.3: the LEFTMOST bit, x^0 of the polynomial) is the top bit of w1.
-- This is the bit-reflected convention of GCM: "shift right" in §6.3
-- multiplies by x.
----------------------------------------------------------------------------

local function block_to_words(s, i)
    i = i or 1
    return { load32_be(s, i), load32_be(s, i + 4), load32_be(s, i + 8), load32_be(s, i + 12) }
end

local function words_to_block(X)
    return store32_be(X[1]) .. store32_be(X[2]) .. store32_be(X[3]) .. store32_be(X[4])
end

-- §6.3 R = 11100001 || 0^120: the reduction constant for
-- x^128 + x^7 + x^2 + x + 1, written in the reflected order.
local R1 = 0xe1000000

-- §6.3 Algorithm 1: X • Y, the product of two blocks in GF(2^128).
--   Z0 = 0^128, V0 = Y;  for i = 0..127:
--     Z(i+1) = Z(i)          if x_i = 0,  Z(i) XOR V(i)  if x_i = 1;
--     V(i+1) = V(i) >> 1     if LSB1(V(i)) = 0,  (V(i) >> 1) XOR R  otherwise.
function M.gf128_mul(X, Y)
    local z1, z2, z3, z4 = 0, 0, 0, 0
    local v1, v2, v3, v4 = Y[1], Y[2], Y[3], Y[4]
    for i = 0, 127 do
        local word = X[math.floor(i / 32) + 1]
        if band(word, lshift(1, 31 - i % 32)) ~= 0 then          -- bit x_i
            z1, z2, z3, z4 = bxor(z1, v1), bxor(z2, v2), bxor(z3, v3), bxor(z4, v4)
        end
        local lsb = band(v4, 1)                                    -- LSB1(V)
        -- V >> 1 over the 128 bits: each word takes the low bit of the one before.
        v4 = bor(rshift(v4, 1), lshift(band(v3, 1), 31))
        v3 = bor(rshift(v3, 1), lshift(band(v2, 1), 31))
        v2 = bor(rshift(v2, 1), lshift(band(v1, 1), 31))
        v1 = rshift(v1, 1)
        if lsb == 1 then v1 = bxor(v1, R1) end
    end
    return { z1, z2, z3, z4 }
end

-- §6.4 Algorithm 2: GHASH_H(X) for X a whole number of blocks:
--   Y0 = 0^128;  Y(i) = (Y(i-1) XOR X(i)) • H.
function M.ghash(H, X)
    assert(#X % 16 == 0, "GHASH input must be whole blocks")
    local Y = { 0, 0, 0, 0 }
    for pos = 1, #X, 16 do
        local Xi = block_to_words(X, pos)
        Y = M.gf128_mul({ bxor(Y[1], Xi[1]), bxor(Y[2], Xi[2]), bxor(Y[3], Xi[3]), bxor(Y[4], Xi[4]) }, H)
    end
    return words_to_block(Y)
end

-- §6.2 inc32(X): increment the rightmost 32 bits modulo 2^32, the left 96 unchanged.
local function inc32(X)
    return sub(X, 1, 12) .. store32_be((load32_be(X, 13) + 1) % 4294967296)
end
M.inc32 = inc32

-- §6.5 Algorithm 3: GCTR_K(ICB, X): CB1 = ICB, CB(i) = inc32(CB(i-1)),
-- Y(i) = X(i) XOR CIPH_K(CB(i)); the last, partial block uses MSB of the
-- keystream block (Y*n = X*n XOR MSB_len(X*n)(CIPH_K(CBn))).
function M.gctr(ks, icb, X)
    local out, cb = {}, icb
    for pos = 1, #X, 16 do
        local Xi = sub(X, pos, pos + 15)
        out[#out + 1] = xor_strings(Xi, sub(M.aes_cipher(ks, cb), 1, #Xi))
        cb = inc32(cb)
    end
    return concat(out)
end

-- Zero bytes bringing n bytes up to a multiple of 16 (the 0^u, 0^v, 0^s of §7).
local function pad16(n) return rep("\0", (16 - n % 16) % 16) end

-- §7.1 steps 1-2: the hash subkey H = CIPH_K(0^128) and the pre-counter
-- block J0 = IV || 0^31 || 1 for a 96-bit IV, otherwise
-- J0 = GHASH_H(IV || 0^(s+64) || [len(IV)]64).
local function gcm_H_J0(ks, iv)
    local H = block_to_words(M.aes_cipher(ks, rep("\0", 16)))
    local J0
    if #iv == 12 then
        J0 = iv .. "\0\0\0\1"
    else
        J0 = M.ghash(H, iv .. pad16(#iv) .. rep("\0", 8) .. store64_be(#iv * 8))
    end
    return H, J0
end

-- §7.1 steps 5-6: S = GHASH_H(A || 0^v || C || 0^u || [len(A)]64 || [len(C)]64),
-- T = MSB_t(GCTR_K(J0, S)); t = 128 bits unless tag_len (bytes) says otherwise.
local function gcm_tag(ks, H, J0, C, A, tag_len)
    local S = M.ghash(H, A .. pad16(#A) .. C .. pad16(#C) .. store64_be(#A * 8) .. store64_be(#C * 8))
    return sub(M.gctr(ks, J0, S), 1, tag_len or 16)
end

-- §7.1 Algorithm 4: GCM-AE_K(IV, P, A) -> C, T.
function M.gcm_encrypt(ks, iv, P, A, tag_len)
    local H, J0 = gcm_H_J0(ks, iv)                 -- steps 1-2
    local C = M.gctr(ks, inc32(J0), P)             -- step 3: C = GCTR_K(inc32(J0), P)
    return C, gcm_tag(ks, H, J0, C, A, tag_len)    -- steps 4-7
end

-- §7.2 Algorithm 5: GCM-AD_K(IV, C, A, T) -> P, or nil (FAIL) when the
-- recomputed tag T' differs from T.  Step 8 releases P only when T = T';
-- here P is not even computed before that (same result, step 4 moved last).
function M.gcm_decrypt(ks, iv, C, A, T)
    if #T < 4 or #T > 16 then return nil end       -- step 1: unsupported tag length
    local H, J0 = gcm_H_J0(ks, iv)                 -- steps 2-3
    local T2 = gcm_tag(ks, H, J0, C, A, #T)        -- steps 5-7: T' = MSB_t(GCTR_K(J0, S))
    if T2 ~= T then return nil end                 -- step 8 (not constant-time: analysis only)
    return M.gctr(ks, inc32(J0), C)                -- step 4: P = GCTR_K(inc32(J0), C)
end

return M
