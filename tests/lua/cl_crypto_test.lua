-- tests/lua/cl_crypto_test.lua -- known-answer tests for docs/wireshark/cl_crypto.lua,
-- the Lua AES/SHA-256/HMAC/HKDF used by the Wireshark dissector.
--
-- Run with Wireshark's own Lua (what the dissector will use):
--   tshark -X lua_script:tests/lua/cl_crypto_test.lua -r EMPTY.pcap
-- or any Lua 5.2+ interpreter:  lua5.2 tests/lua/cl_crypto_test.lua
-- Prints one line per failure (expected / actual in hex) and a closing
-- line "cl_crypto: N passed, M failed".
--
-- Vectors (typed from the standards' text):
--   FIPS-197 Appendix C.1 (AES-128) and C.3 (AES-256) example vectors
--   FIPS-197 §5.1.1 Figure 7: S-box entries {00}->{63}, {53}->{ed}, {ff}->{16}
--   FIPS 180-4 / NIST CSRC examples: SHA-256("abc"), SHA-256(""), the 448-bit two-block message
--   RFC 4231 §4.3 test case 2 and §4.7 test case 6 (HMAC-SHA256)
--   RFC 5869 Appendix A.1 test case 1 (HKDF-SHA256)
--   NIST SP 800-38A Appendix F.5.5 CTR-AES256.Encrypt (four blocks)
--   McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B
--   (the test vectors NIST's GCM page points to): test cases 2, 3, 4 (AES-128)
--   and 14, 15, 16 (AES-256); 4 and 16 with AAD and a partial last block.
--   NIST CAVP gcmEncryptExtIV256.rsp (SP 800-38D, 256-bit keys, IV 8/96/1024 bits,
--   tags 32..128 bits) READ at run time from $SHARED_VECTORS/cavp/gcm/ (default
--   ../shared/vectors); absent -> a line "SKIP ..." says so.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local C = dofile(here .. "../../docs/wireshark/cl_crypto.lua")
local H, X = C.fromhex, C.tohex

local passed, failed = 0, 0
local function check(name, expected_hex, actual)
    local got = X(actual)
    if got == expected_hex then
        passed = passed + 1
    else
        failed = failed + 1
        print("FAIL " .. name)
        print("     expected: " .. expected_hex)
        print("     actual:   " .. got)
    end
end

-- FIPS-197 §5.1.1 Figure 7 (S-box built by inversion + affine transformation)
check("S-box {00}", "63", string.char(C.SBOX[0x00]))
check("S-box {53}", "ed", string.char(C.SBOX[0x53]))
check("S-box {ff}", "16", string.char(C.SBOX[0xff]))

-- FIPS-197 Appendix C.1 / C.3
local pt = H("00112233445566778899aabbccddeeff")
check("FIPS-197 C.1 AES-128", "69c4e0d86a7b0430d8cdb78070b4c55a",
      C.aes_cipher(C.aes_key_expansion(H("000102030405060708090a0b0c0d0e0f")), pt))
check("FIPS-197 C.3 AES-256", "8ea2b7ca516745bfeafc49904b496089",
      C.aes_cipher(C.aes_key_expansion(H("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")), pt))

-- SHA-256 (FIPS 180-4)
check("SHA-256 abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", C.sha256("abc"))
check("SHA-256 empty", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", C.sha256(""))
check("SHA-256 448-bit", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
      C.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))

-- RFC 4231 test cases 2 and 6
check("RFC 4231 case 2", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      C.hmac_sha256("Jefe", "what do ya want for nothing?"))
check("RFC 4231 case 6", "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
      C.hmac_sha256(string.rep("\170", 131), "Test Using Larger Than Block-Size Key - Hash Key First"))

-- RFC 5869 A.1
local prk = C.hkdf_extract(H("000102030405060708090a0b0c"), string.rep("\11", 22))
check("RFC 5869 A.1 PRK", "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", prk)
check("RFC 5869 A.1 OKM",
      "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
      C.hkdf_expand(prk, H("f0f1f2f3f4f5f6f7f8f9"), 42))

-- SP 800-38A F.5.5 CTR-AES256.Encrypt
local ks = C.aes_key_expansion(H("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4"))
local ctr = H("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
local p = H("6bc1bee22e409f96e93d7e117393172a" .. "ae2d8a571e03ac9c9eb76fac45af8e51" ..
            "30c81c46a35ce411e5fbc1191a0a52ef" .. "f69f2445df4f9b17ad2b417be66c3710")
local c_exp = "601ec313775789a5b7a7f504bbf3d228" .. "f443e3ca4d62b59aca84e990cacaf5c5" ..
              "2b0930daa23de94ce87017ba2d84988d" .. "dfc9c58db67aada613c2dd08457941a6"
check("SP 800-38A F.5.5 CTR-AES256", c_exp, (C.aes_ctr(ks, ctr, p)))
-- A partial last block: the first 20 bytes give the first 20 bytes of the ciphertext.
check("CTR partial block", c_exp:sub(1, 40), (C.aes_ctr(ks, ctr, p:sub(1, 20))))
-- Counter carry across all 128 bits.
check("CTR counter carry", "00000000000000000000000000000000", C.inc128(string.rep("\255", 16)))
check("CTR counter carry 2", "00000000000000010000000000000000",
      C.inc128(H("0000000000000000ffffffffffffffff")))

-- SP 800-38D §6.2 inc32: only the rightmost 32 bits wrap.
check("GCM inc32 wrap", "ffffffffffffffffffffffff00000000", C.inc32(string.rep("\255", 16)))

-- GCM test cases (McGrew & Viega, Appendix B).  K, P, IV, A, expected C and T.
local K128 = "feffe9928665731c6d6a8f9467308308"
local P60  = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" ..
             "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
local P64  = P60 .. "1aafd255"
local IV   = "cafebabefacedbaddecaf888"
local AAD  = "feedfacedeadbeeffeedfacedeadbeefabaddad2"
local C3   = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e" ..
             "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
local C15  = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" ..
             "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
local gcm_cases = {
    { "GCM test case 2 (AES-128)", string.rep("00", 16), string.rep("00", 16), string.rep("00", 12), "",
      "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf" },
    { "GCM test case 3 (AES-128)", K128, P64, IV, "", C3 .. "473f5985", "4d5c2af327cd64a62cf35abd2ba6fab4" },
    { "GCM test case 4 (AES-128, AAD)", K128, P60, IV, AAD, C3, "5bc94fbc3221a5db94fae95ae7121a47" },
    { "GCM test case 14 (AES-256)", string.rep("00", 32), string.rep("00", 16), string.rep("00", 12), "",
      "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919" },
    { "GCM test case 15 (AES-256)", K128 .. K128, P64, IV, "", C15 .. "898015ad", "b094dac5d93471bdec1a502270e3cc6c" },
    { "GCM test case 16 (AES-256, AAD)", K128 .. K128, P60, IV, AAD, C15, "76fc6ece0f4e1768cddf8853bb2d551b" },
}
for _, v in ipairs(gcm_cases) do
    local name, k, p, iv, a, c, t = v[1], v[2], v[3], v[4], v[5], v[6], v[7]
    local ks = C.aes_key_expansion(H(k))
    local ct, tag = C.gcm_encrypt(ks, H(iv), H(p), H(a))
    check(name .. " C", c, ct)
    check(name .. " T", t, tag)
    check(name .. " GCM-AD", p, C.gcm_decrypt(ks, H(iv), H(c), H(a), H(t)) or "FAIL")
    -- One flipped bit in the tag, the ciphertext or the AAD: GCM-AD returns FAIL.
    local bad = H(t):sub(1, 15) .. string.char(bit32.bxor(H(t):byte(16), 1))
    check(name .. " GCM-AD bad tag", X("FAIL"), C.gcm_decrypt(ks, H(iv), H(c), H(a), bad) or "FAIL")
    if #a > 0 then
        local bad_a = string.char(bit32.bxor(H(a):byte(1), 0x80)) .. H(a):sub(2)
        check(name .. " GCM-AD bad AAD", X("FAIL"), C.gcm_decrypt(ks, H(iv), H(c), bad_a, H(t)) or "FAIL")
    end
end

-- NIST CAVP gcmEncryptExtIV256.rsp, read at run time (never copied into the tree).
local shared = os.getenv("SHARED_VECTORS") or "../shared/vectors"
local rsp = shared .. "/cavp/gcm/gcmEncryptExtIV256.rsp"
local f = io.open(rsp, "r")
if not f then
    print("SKIP CAVP GCM: " .. rsp .. " not found (set SHARED_VECTORS)")
else
    -- Every case of the file is long in Lua (7875 cases); take every STEP-th
    -- case so that each section ([IVlen][PTlen][AADlen][Taglen]) is visited.
    local STEP = tonumber(os.getenv("CL_GCM_CAVP_STEP") or "") or 7
    local cur, n_cases, n_run = nil, 0, 0
    local function run(v)
        n_cases = n_cases + 1
        if (n_cases - 1) % STEP ~= 0 then return end
        n_run = n_run + 1
        local ks = C.aes_key_expansion(H(v.Key))
        local ct, tag = C.gcm_encrypt(ks, H(v.IV), H(v.PT), H(v.AAD), #v.Tag / 2)
        check(rsp:match("[^/]*$") .. " Count " .. v.Count .. " (" .. v.section .. ") CT||Tag",
              v.CT .. v.Tag, ct .. tag)
    end
    local section = {}
    for line in f:lines() do
        line = line:gsub("\r$", "")
        local sk, sv = line:match("^%[(%w+) = (%d+)%]$")
        if sk then section[sk] = sv end
        local k, val = line:match("^(%w+) = ?(%x*)$")
        if k == "Count" then
            if cur then run(cur) end
            cur = { Count = val, section = string.format("IV %s, PT %s, AAD %s, tag %s",
                    section.IVlen, section.PTlen, section.AADlen, section.Taglen) }
        elseif k and cur then
            cur[k] = val
        end
    end
    if cur then run(cur) end
    f:close()
    print(string.format("CAVP GCM: %d of %d cases of %s run (every %d-th)", n_run, n_cases, rsp, STEP))
end

print(string.format("cl_crypto: %d passed, %d failed (%s)", passed, failed, _VERSION))
