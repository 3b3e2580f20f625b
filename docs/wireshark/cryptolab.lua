-- docs/wireshark/cryptolab.lua -- Wireshark/tshark dissector for the cryptolab
-- secure channel, protocol versions 1 and 2 (docs/protocol.md; § below are its sections;
-- version 2 adds the AUTH message of §13).
--
--   tshark -X lua_script:docs/wireshark/cryptolab.lua -r capture.pcap -O cryptolab
--   wireshark -X lua_script:docs/wireshark/cryptolab.lua capture.pcap
-- or copy this file and cl_crypto.lua into ~/.local/lib/wireshark/plugins/.
--
-- Display filter name: cryptolab.  Default port 8000 (preference
-- cryptolab.port); any other port with "Decode As" / -d tcp.port==N,cryptolab.
--
-- Shows every frame (§2) and handshake field (§3), the server key and its
-- fingerprint (§10), every record header with the sequence number as the
-- dissector counts it (§5), alerts (§6); reassembles frames across TCP
-- segments; flags malformed frames with expert info.
--
-- Decryption: with the key log written by CRYPTOLAB_KEYLOGFILE (§11) --
-- preference cryptolab.keylog_file (-o cryptolab.keylog_file:PATH) or the
-- CRYPTOLAB_KEYLOGFILE environment variable -- it derives the session keys
-- (§4), verifies the Finished messages and each record's MAC (suite 0x01,
-- §5.1) or GCM tag (suite 0x02, §5.2), decrypts the records and dissects the
-- application messages (§9): file names, file contents, chat lines.  The AES,
-- CTR, GCM, SHA-256, HMAC and HKDF it uses are the plain-Lua implementation in
-- cl_crypto.lua next to this file.

local here = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or ""
local C = dofile(here .. "cl_crypto.lua")

local proto = Proto("cryptolab", "cryptolab secure channel")

----------------------------------------------------------------------------
-- Names (§2, §3.5, §6, §9)
----------------------------------------------------------------------------
local TYPES = { [0x01] = "ClientHello", [0x02] = "ServerHello", [0x03] = "KeyExchange",
                [0x04] = "Finished", [0x15] = "Alert", [0x17] = "ApplicationData" }
-- allowed body lengths per type (§2); Alert: 1 plaintext, 33 protected (suite 1) or 17
-- (suite 2); ApplicationData at least 1 + the tag (32 for suite 1, 16 for suite 2)
local MINLEN = { [0x01] = 36, [0x02] = 38, [0x03] = 3, [0x04] = 32, [0x15] = 1, [0x17] = 17 }
local MAXLEN = { [0x01] = 51, [0x02] = 2085, [0x03] = 1026, [0x04] = 32, [0x15] = 33, [0x17] = 16416 }
local SUITES = { [0x01] = "AES256-CTR-HMAC-SHA256", [0x02] = "AES256-GCM" }
local ALERTS = { [0] = "close_notify", [10] = "unexpected_message", [20] = "bad_record_mac",
                 [22] = "record_overflow", [40] = "handshake_failure", [46] = "unknown_server_key",
                 [50] = "decode_error", [51] = "decrypt_error", [70] = "protocol_version",
                 [80] = "internal_error", [90] = "timeout",
                 [91] = "server_busy", [92] = "too_slow" }
local KINDS = { [1] = "PUT", [2] = "GET", [3] = "LIST", [4] = "DATA", [5] = "RESULT",
                [6] = "FILEINFO", [7] = "ENTRY", [8] = "CHAT_JOIN", [9] = "CHAT_SAY",
                [10] = "CHAT_LINE", [11] = "ECHO", [12] = "AUTH" }
local RESULTS = { [0] = "ok", [1] = "exists", [2] = "bad_name", [3] = "not_found",
                  [4] = "hash_mismatch", [5] = "too_large", [6] = "io_error", [7] = "bad_request",
                  [8] = "quota", [9] = "denied" }

----------------------------------------------------------------------------
-- Fields
----------------------------------------------------------------------------
local f = {
    type          = ProtoField.uint8("cryptolab.type", "Frame type", base.HEX, TYPES),
    length        = ProtoField.uint32("cryptolab.length", "Length", base.DEC),
    direction     = ProtoField.string("cryptolab.direction", "Direction"),
    version       = ProtoField.uint16("cryptolab.version", "Version", base.HEX),
    client_random = ProtoField.bytes("cryptolab.client_random", "Client random"),
    server_random = ProtoField.bytes("cryptolab.server_random", "Server random"),
    n_suites      = ProtoField.uint8("cryptolab.n_suites", "Number of suites", base.DEC),
    suite         = ProtoField.uint8("cryptolab.suite", "Suite", base.HEX, SUITES),
    spki_len      = ProtoField.uint16("cryptolab.spki_len", "Server key length", base.DEC),
    spki          = ProtoField.bytes("cryptolab.spki", "Server key (SubjectPublicKeyInfo DER)"),
    fingerprint   = ProtoField.string("cryptolab.fingerprint", "Server key fingerprint"),
    key_bits      = ProtoField.uint32("cryptolab.key_bits", "RSA modulus size (bits)", base.DEC),
    key_e         = ProtoField.uint32("cryptolab.key_e", "RSA public exponent", base.DEC),
    ct_len        = ProtoField.uint16("cryptolab.kex.ct_len", "Ciphertext length", base.DEC),
    kex_ct        = ProtoField.bytes("cryptolab.kex.ciphertext", "RSA-OAEP ciphertext of the secret"),
    h1            = ProtoField.bytes("cryptolab.h1", "Transcript hash H1 (computed)"),
    verify_data   = ProtoField.bytes("cryptolab.finished.verify_data", "Finished verify_data"),
    fin_ok        = ProtoField.bool("cryptolab.finished.verified", "Finished verified"),
    seq           = ProtoField.uint64("cryptolab.record.seq", "Sequence number (implicit, counted)"),
    ciphertext    = ProtoField.bytes("cryptolab.record.ciphertext", "Ciphertext"),
    mac           = ProtoField.bytes("cryptolab.record.mac", "MAC (suite 1: HMAC-SHA256; suite 2: GCM tag)"),
    mac_ok        = ProtoField.bool("cryptolab.record.mac_verified", "MAC / GCM tag verified"),
    alert         = ProtoField.uint8("cryptolab.alert", "Alert", base.DEC, ALERTS),
    plaintext     = ProtoField.bytes("cryptolab.plaintext", "Decrypted record"),
    kind          = ProtoField.uint8("cryptolab.app.kind", "Message", base.HEX, KINDS),
    flags         = ProtoField.uint8("cryptolab.app.flags", "Flags", base.HEX),
    size          = ProtoField.uint64("cryptolab.app.size", "File size"),
    sha256        = ProtoField.bytes("cryptolab.app.sha256", "File SHA-256"),
    name_len      = ProtoField.uint8("cryptolab.app.name_len", "Name length", base.DEC),
    name          = ProtoField.string("cryptolab.app.name", "Name"),
    data          = ProtoField.bytes("cryptolab.app.data", "Data"),
    result        = ProtoField.uint8("cryptolab.app.result", "Result", base.DEC, RESULTS),
    text          = ProtoField.string("cryptolab.app.text", "Text"),
    auth_spki_len = ProtoField.uint16("cryptolab.auth.spki_len", "Client key length", base.DEC),
    auth_spki     = ProtoField.bytes("cryptolab.auth.spki", "Client key (SubjectPublicKeyInfo DER)"),
    auth_fp       = ProtoField.string("cryptolab.auth.fingerprint", "Client key fingerprint"),
    auth_sig_len  = ProtoField.uint16("cryptolab.auth.sig_len", "Signature length", base.DEC),
    auth_sig      = ProtoField.bytes("cryptolab.auth.signature",
                                     "RSASSA-PSS signature over the session hash (checked by the server)"),
}
local flist = {}
for _, v in pairs(f) do flist[#flist + 1] = v end
proto.fields = flist

local ex = {
    malformed  = ProtoExpert.new("cryptolab.malformed", "Malformed message",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    unknown    = ProtoExpert.new("cryptolab.unknown_type", "Unknown frame type",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    overflow   = ProtoExpert.new("cryptolab.overflow", "Length above the maximum (record_overflow)",
                                 expert.group.MALFORMED, expert.severity.ERROR),
    sequence   = ProtoExpert.new("cryptolab.unexpected", "Frame not expected in this state",
                                 expert.group.SEQUENCE, expert.severity.WARN),
    bad_mac    = ProtoExpert.new("cryptolab.bad_mac", "Record MAC does not verify",
                                 expert.group.CHECKSUM, expert.severity.ERROR),
    bad_fin    = ProtoExpert.new("cryptolab.bad_finished", "Finished does not verify",
                                 expert.group.CHECKSUM, expert.severity.ERROR),
    alert      = ProtoExpert.new("cryptolab.alert.fatal", "Fatal alert",
                                 expert.group.RESPONSE_CODE, expert.severity.WARN),
    close      = ProtoExpert.new("cryptolab.alert.close", "Orderly close",
                                 expert.group.SEQUENCE, expert.severity.CHAT),
    no_keys    = ProtoExpert.new("cryptolab.no_keys", "No key log entry for this session: not decrypted",
                                 expert.group.UNDECODED, expert.severity.NOTE),
}
proto.experts = { ex.malformed, ex.unknown, ex.overflow, ex.sequence, ex.bad_mac, ex.bad_fin,
                  ex.alert, ex.close, ex.no_keys }

proto.prefs.port = Pref.uint("TCP port", 8000, "Server TCP port (protocol.md §1: 8000)")
proto.prefs.keylog_file = Pref.string("Key log file", "",
    "File of CRYPTOLAB_SECRET lines written by CRYPTOLAB_KEYLOGFILE (protocol.md §11); " ..
    "empty: the CRYPTOLAB_KEYLOGFILE environment variable")

local tcp_stream = Field.new("tcp.stream")

----------------------------------------------------------------------------
-- Helpers
----------------------------------------------------------------------------
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64_nopad(s)                     -- RFC 4648 §4, without '=' (§10)
    local out = {}
    for i = 1, #s, 3 do
        local a, b, c = s:byte(i, i + 2)
        local n = a * 65536 + (b or 0) * 256 + (c or 0)
        local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
        for j = 1, chars do
            local idx = math.floor(n / 2 ^ (6 * (4 - j))) % 64
            out[#out + 1] = B64:sub(idx + 1, idx + 1)
        end
    end
    return table.concat(out)
end

local function fingerprint(spki) return "SHA256:" .. base64_nopad(C.sha256(spki)) end

-- A minimal DER reader for the SubjectPublicKeyInfo: returns tag, content
-- start, content length, position after (1-based), or nil.
local function der(s, pos)
    local tag, len = s:byte(pos), s:byte(pos + 1)
    if not tag or not len then return nil end
    local start = pos + 2
    if len >= 0x80 then
        local n = len - 0x80
        if n < 1 or n > 3 then return nil end
        len = 0
        for i = 1, n do len = len * 256 + (s:byte(pos + 1 + i) or 0) end
        start = pos + 2 + n
    end
    if start + len - 1 > #s then return nil end
    return tag, start, len, start + len
end

-- SPKI = SEQ { SEQ { OID rsaEncryption, NULL }, BIT STRING { SEQ { INTEGER n, INTEGER e } } }
local function rsa_key_info(spki)
    local t, s = der(spki, 1);            if t ~= 0x30 then return nil end
    local t2, _, _, nx = der(spki, s);    if t2 ~= 0x30 then return nil end
    local t3, bs = der(spki, nx);         if t3 ~= 0x03 then return nil end
    local t4, rs = der(spki, bs + 1);     if t4 ~= 0x30 then return nil end
    local t5, ns, nl, enx = der(spki, rs); if t5 ~= 0x02 then return nil end
    local t6, es, el = der(spki, enx);     if t6 ~= 0x02 then return nil end
    while nl > 0 and spki:byte(ns) == 0 do ns, nl = ns + 1, nl - 1 end
    local top, bits = spki:byte(ns) or 0, 0
    while top > 0 do bits, top = bits + 1, math.floor(top / 2) end
    local e = 0
    for i = es, es + el - 1 do e = e * 256 + spki:byte(i) end
    return 8 * (nl - 1) + bits, (el <= 4) and e or nil
end

local function bytes_of(range) return range:bytes():raw() end

-- Key log (§11): CRYPTOLAB_SECRET <client_random> <server_random> <secret> <H1>
local function keylog_lookup(cr_hex)
    local path = proto.prefs.keylog_file
    if path == nil or path == "" then path = os.getenv("CRYPTOLAB_KEYLOGFILE") end
    if path == nil or path == "" then return nil end
    local fh = io.open(path, "r")
    if not fh then return nil end
    local found
    for line in fh:lines() do
        local cr, sr, secret, h1 = line:match("^CRYPTOLAB_SECRET (%x+) (%x+) (%x+) (%x+)%s*$")
        if cr and cr:lower() == cr_hex then found = { sr = sr, secret = secret, h1 = h1 } end
    end
    fh:close()
    return found
end

-- §4 key schedule.
local function derive_keys(cr, sr, secret, h1)
    local prk = C.hkdf_extract(cr .. sr, secret)
    local function K(label, L) return C.hkdf_expand(prk, "cryptolab v1 " .. label .. h1, L) end
    local k = {
        c = { key = K("c2s key", 32), mac = K("c2s mac", 32), iv = K("c2s iv", 12) },
        s = { key = K("s2c key", 32), mac = K("s2c mac", 32), iv = K("s2c iv", 12) },
        c_fin = K("c finished", 32), s_fin = K("s finished", 32),
    }
    k.c.ks = C.aes_key_expansion(k.c.key)
    k.s.ks = C.aes_key_expansion(k.s.key)
    return k
end

----------------------------------------------------------------------------
-- Per-connection state, built on the first (in-order) pass and cached per
-- frame so that re-dissection (GUI clicks, tshark -2) shows the same values.
----------------------------------------------------------------------------
local sessions = {}     -- tcp.stream -> session
local pdu_cache = {}    -- "frame:index" -> { seq, dir, plain, mac_ok, fin_ok }
local pdu_index = 0

function proto.init()
    sessions, pdu_cache = {}, {}
end

local function session_for(pinfo)
    local fi = tcp_stream()
    local id = fi and fi.value or (tostring(pinfo.src) .. tostring(pinfo.dst))
    local s = sessions[id]
    if not s then
        s = { frames = {}, finished = {}, seq = { c = 0, s = 0 } }
        sessions[id] = s
    end
    return s
end

local function side_of(s, pinfo)       -- "c" (client -> server) or "s"
    local me = tostring(pinfo.src) .. ":" .. tostring(pinfo.src_port)
    if s.client then return (me == s.client) and "c" or "s" end
    return (pinfo.dst_port == proto.prefs.port) and "c" or "s"
end

local function ensure_keys(s)
    if s.keys or not s.cr then return s.keys end
    local e = keylog_lookup(C.tohex(s.cr))
    if e then
        s.keylog_h1 = C.fromhex(e.h1)
        s.keys = derive_keys(s.cr, C.fromhex(e.sr), C.fromhex(e.secret), s.keylog_h1)
    end
    return s.keys
end

----------------------------------------------------------------------------
-- Application messages (§9), inside a decrypted record
----------------------------------------------------------------------------
local function add_name(t, tvb, off)
    if tvb:len() < off + 1 then return nil end
    local n = tvb(off, 1):uint()
    t:add(f.name_len, tvb(off, 1))
    if tvb:len() < off + 1 + n then return nil end
    local item = t:add(f.name, tvb(off + 1, n))
    return off + 1 + n, tvb(off + 1, n):string()
end

local function dissect_app(tvb, pinfo, tree)
    local kind = tvb(0, 1):uint()
    local t = tree:add(f.kind, tvb(0, 1))
    local label, ok, n = KINDS[kind] or string.format("kind 0x%02x", kind), true, tvb:len()
    local rest = n - 1
    local function need(k) if n < k then ok = false end return ok end
    if kind == 1 and need(43) then                                 -- PUT
        t:add(f.flags, tvb(1, 1)); t:add(f.size, tvb(2, 8)); t:add(f.sha256, tvb(10, 32))
        local e, name = add_name(t, tvb, 42)
        if e ~= n then ok = false else label = label .. " " .. name end
    elseif (kind == 2 or kind == 8) and need(2) then               -- GET, CHAT_JOIN
        local e, name = add_name(t, tvb, 1)
        if e ~= n then ok = false else label = label .. " " .. name end
    elseif kind == 3 then                                          -- LIST
        ok = (n == 1)
    elseif (kind == 4 or kind == 11) then                          -- DATA, ECHO
        if rest > 0 then
            t:add(f.data, tvb(1, rest))
            local raw = tvb(1, rest):raw()
            if not raw:find("[^\t\n\r\32-\126]") then     -- printable text: show it too
                t:add(f.text, tvb(1, rest)):set_generated()
                label = label .. " \"" .. raw:gsub("\n", "\\n") .. "\""
            else
                label = label .. string.format(" (%d bytes)", rest)
            end
        end
        ok = (kind == 11) or rest >= 1
    elseif kind == 5 and need(2) then                              -- RESULT
        t:add(f.result, tvb(1, 1))
        label = label .. " " .. (RESULTS[tvb(1, 1):uint()] or "?")
        if n > 2 then t:add(f.text, tvb(2, n - 2)); label = label .. ": " .. tvb(2, n - 2):string() end
    elseif (kind == 6) and need(42) then                           -- FILEINFO
        t:add(f.size, tvb(1, 8)); t:add(f.sha256, tvb(9, 32))
        local e, name = add_name(t, tvb, 41)
        if e ~= n then ok = false else label = label .. " " .. name end
    elseif kind == 7 and need(10) then                             -- ENTRY
        t:add(f.size, tvb(1, 8))
        local e, name = add_name(t, tvb, 9)
        if e ~= n then ok = false else label = label .. " " .. name end
    elseif kind == 9 and need(2) then                              -- CHAT_SAY
        t:add(f.text, tvb(1, rest)); label = label .. " \"" .. tvb(1, rest):string() .. "\""
    elseif kind == 10 and need(2) then                             -- CHAT_LINE
        local e, nick = add_name(t, tvb, 1)
        if not e then ok = false
        else
            if e < n then t:add(f.text, tvb(e, n - e)) end
            label = label .. " <" .. nick .. "> " .. (e < n and tvb(e, n - e):string() or "")
        end
    elseif kind == 12 and need(5) then                             -- AUTH (§13, version 2)
        local kl = tvb(1, 2):uint()
        if kl < 1 or n < 5 + kl then ok = false
        else
            t:add(f.auth_spki_len, tvb(1, 2)); t:add(f.auth_spki, tvb(3, kl))
            local fp = fingerprint(tvb(3, kl):raw())
            t:add(f.auth_fp, tvb(3, kl), fp):set_generated()
            local sl = tvb(3 + kl, 2):uint()
            t:add(f.auth_sig_len, tvb(3 + kl, 2))
            if sl < 1 or n ~= 5 + kl + sl then ok = false else t:add(f.auth_sig, tvb(5 + kl, sl)) end
            label = label .. " client key " .. fp
        end
    elseif not KINDS[kind] then
        ok = false
    end
    if not ok then t:add_proto_expert_info(ex.malformed, "application message does not parse (§9)") end
    return label
end

----------------------------------------------------------------------------
-- One frame (§2)
----------------------------------------------------------------------------
local function frame_len(tvb, pinfo, offset)
    local ftype, len = tvb(offset, 1):uint(), tvb(offset + 1, 4):uint()
    if not MAXLEN[ftype] or len > MAXLEN[ftype] then
        return tvb:len() - offset        -- garbage: show the rest of the segment, do not wait for it
    end
    return 5 + len
end

local function dissect_frame(tvb, pinfo, tree)
    pdu_index = pdu_index + 1
    local key = pinfo.number .. ":" .. pdu_index
    local s = session_for(pinfo)
    local first = not pinfo.visited and not pdu_cache[key]
    local cache = pdu_cache[key] or {}
    pdu_cache[key] = cache

    local ftype, len = tvb(0, 1):uint(), tvb(1, 4):uint()
    local name = TYPES[ftype] or string.format("Unknown 0x%02x", ftype)
    local t = tree:add(proto, tvb(), "cryptolab " .. name)
    local ti = t:add(f.type, tvb(0, 1))
    local li = t:add(f.length, tvb(1, 4))
    if first and ftype == 0x01 then s.client = tostring(pinfo.src) .. ":" .. tostring(pinfo.src_port) end
    if first then cache.dir = side_of(s, pinfo) end
    local dir = cache.dir or side_of(s, pinfo)
    t:add(f.direction, dir == "c" and "client -> server" or "server -> client"):set_generated()

    if not TYPES[ftype] then
        ti:add_proto_expert_info(ex.unknown, "unknown frame type (§2): unexpected_message")
        return name
    end
    if len > MAXLEN[ftype] then
        li:add_proto_expert_info(ex.overflow, string.format("length %d > %d (§2)", len, MAXLEN[ftype]))
        return name .. " [record_overflow]"
    end
    if len < MINLEN[ftype] then
        li:add_proto_expert_info(ex.malformed, string.format("length %d < %d (§2)", len, MINLEN[ftype]))
        return name .. " [decode_error]"
    end
    local body = tvb(5, len)
    local raw = first and bytes_of(tvb(0, 5 + len))
    local info = name

    if ftype == 0x01 then                                          -- §3.1 ClientHello
        t:add(f.version, tvb(5, 2)); t:add(f.client_random, tvb(7, 32))
        local n = tvb(39, 1):uint()
        t:add(f.n_suites, tvb(39, 1))
        if 35 + n ~= len or n < 1 or n > 16 then
            t:add_proto_expert_info(ex.malformed, "n_suites does not match the length (§3.1)")
        end
        for i = 0, math.min(n, len - 35) - 1 do t:add(f.suite, tvb(40 + i, 1)) end
        if first then s.cr = bytes_of(tvb(7, 32)); s.frames = { ch = raw } end
    elseif ftype == 0x02 then                                      -- §3.2 ServerHello
        t:add(f.version, tvb(5, 2)); t:add(f.server_random, tvb(7, 32)); t:add(f.suite, tvb(39, 1))
        local klen = tvb(40, 2):uint()
        t:add(f.spki_len, tvb(40, 2))
        if 37 + klen ~= len then
            t:add_proto_expert_info(ex.malformed, "spki_len does not match the length (§3.2)")
        else
            local kt = t:add(f.spki, tvb(42, klen))
            local spki = bytes_of(tvb(42, klen))
            local fp = fingerprint(spki)
            kt:add(f.fingerprint, tvb(42, klen), fp):set_generated()
            local bits, e = rsa_key_info(spki)
            if bits then
                kt:add(f.key_bits, tvb(42, klen), bits):set_generated()
                if e then kt:add(f.key_e, tvb(42, klen), e):set_generated() end
            else
                kt:add_proto_expert_info(ex.malformed, "not an RSA SubjectPublicKeyInfo (§3.2)")
            end
            info = info .. ", key " .. fp
        end
        if first then s.sr = bytes_of(tvb(7, 32)); s.frames.sh = raw; s.suite = tvb(39, 1):uint() end
    elseif ftype == 0x03 then                                      -- §3.3 KeyExchange
        local clen = tvb(5, 2):uint()
        t:add(f.ct_len, tvb(5, 2))
        if 2 + clen ~= len then t:add_proto_expert_info(ex.malformed, "ct_len does not match (§3.3)") end
        t:add(f.kex_ct, tvb(7, len - 2))
        if first and s.frames.ch and s.frames.sh then
            s.frames.kx = raw
            s.h1 = C.sha256(s.frames.ch .. s.frames.sh .. raw)
            cache.h1 = s.h1
        end
        if cache.h1 then
            local htvb = ByteArray.new(C.tohex(cache.h1)):tvb("Transcript hash H1")
            t:add(f.h1, htvb()):set_generated()
        end
    elseif ftype == 0x04 then                                      -- §3.4 Finished
        local vi = t:add(f.verify_data, body)
        if first then
            local k = ensure_keys(s)
            local vd = bytes_of(body)
            if k and s.frames.kx then
                local h1 = s.h1
                if dir == "c" then
                    cache.fin_ok = C.hmac_sha256(k.c_fin, h1) == vd
                    s.frames.cf = raw
                elseif s.frames.cf then
                    local h2 = C.sha256(s.frames.ch .. s.frames.sh .. s.frames.kx .. s.frames.cf)
                    cache.fin_ok = C.hmac_sha256(k.s_fin, h2) == vd
                end
            end
            if dir == "c" and not s.frames.cf then s.frames.cf = raw end
            s.finished[dir] = true
        end
        info = info .. (dir == "c" and " (client)" or " (server)")
        if cache.fin_ok ~= nil then
            t:add(f.fin_ok, cache.fin_ok):set_generated()
            if not cache.fin_ok then vi:add_proto_expert_info(ex.bad_fin) end
        end
    elseif ftype == 0x15 and len == 1 then                         -- §6 plaintext alert
        local ai = t:add(f.alert, body)
        local code = body:uint()
        info = info .. " " .. (ALERTS[code] or tostring(code))
        ai:add_proto_expert_info(code == 0 and ex.close or ex.alert, ALERTS[code] or tostring(code))
        if first and s.finished[dir] then cache.late_plain = true end
        if cache.late_plain then
            t:add_proto_expert_info(ex.malformed, "plaintext alert after the sender's Finished (§6)")
        end
    else                                                           -- §5 protected record
        if first then
            if not s.finished[dir] then cache.early = true end
            cache.seq = s.seq[dir]
            s.seq[dir] = s.seq[dir] + 1
            cache.gcm = (s.suite == 2)
            local tag = cache.gcm and 16 or 32                     -- §5.1 / §5.2
            local k = len >= tag + 1 and ensure_keys(s)
            if k then
                local dk = k[dir]
                local hdr, ct = bytes_of(tvb(0, 5)), bytes_of(tvb(5, len - tag))
                local mac = bytes_of(tvb(5 + len - tag, tag))
                local seq8 = C.store64_be(cache.seq)
                local nonce = C.xor_strings(dk.iv, "\0\0\0\0" .. seq8)    -- §5.1 / §5.2
                if cache.gcm then
                    -- §5.2: GCM-AD_K(nonce, ciphertext, AAD = u64 seq || header, tag);
                    -- nil (FAIL) when the tag does not verify.
                    cache.plain = C.gcm_decrypt(dk.ks, nonce, ct, seq8 .. hdr, mac)
                    cache.mac_ok = cache.plain ~= nil
                else
                    -- §5.1: encrypt-then-MAC, HMAC(mac_key, u64 seq || header || ciphertext).
                    cache.mac_ok = C.hmac_sha256(dk.mac, seq8 .. hdr .. ct) == mac
                    if cache.mac_ok then
                        cache.plain = (C.aes_ctr(dk.ks, nonce .. "\0\0\0\0", ct))
                    end
                end
            end
        end
        if cache.early then
            t:add_proto_expert_info(ex.sequence, "protected record before the sender's Finished (§7)")
        end
        t:add(f.seq, tvb(0, 0), UInt64.new(cache.seq or 0)):set_generated()
        info = info .. string.format(" seq=%d", cache.seq or 0)
        local tag = cache.gcm and 16 or 32                         -- §5.1 / §5.2
        if len < tag + 1 then
            li:add_proto_expert_info(ex.malformed, string.format("length %d < %d (§2)", len, tag + 1))
            return info .. " [decode_error]"
        end
        t:add(f.ciphertext, tvb(5, len - tag))
        local mi = t:add(f.mac, tvb(5 + len - tag, tag))
        if cache.mac_ok == nil then
            mi:add_proto_expert_info(ex.no_keys)
        else
            t:add(f.mac_ok, cache.mac_ok):set_generated()
            if not cache.mac_ok then
                mi:add_proto_expert_info(ex.bad_mac, (cache.gcm and "GCM tag" or "MAC")
                    .. " does not verify (bad_record_mac): modified, replayed, reordered or dropped record")
                info = info .. (cache.gcm and " [bad tag]" or " [bad MAC]")
            end
        end
        if cache.plain then
            local ptvb = ByteArray.new(C.tohex(cache.plain)):tvb("Decrypted record")
            local pt = t:add(f.plaintext, ptvb())
            if ftype == 0x15 then
                if #cache.plain ~= 1 then
                    pt:add_proto_expert_info(ex.malformed, "alert plaintext must be 1 byte (§5.3)")
                else
                    local code = ptvb(0, 1):uint()
                    pt:add(f.alert, ptvb(0, 1))
                    :add_proto_expert_info(code == 0 and ex.close or ex.alert, ALERTS[code] or tostring(code))
                    info = "Alert " .. (ALERTS[code] or tostring(code)) .. string.format(" seq=%d", cache.seq)
                end
            else
                info = info .. " " .. dissect_app(ptvb, pinfo, pt)
            end
        end
    end
    return info
end

function proto.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "cryptolab"
    pdu_index = 0
    local infos = {}
    local function each(ptvb, pi, tr)
        infos[#infos + 1] = dissect_frame(ptvb, pi, tr)
        pi.cols.info = table.concat(infos, "; ")
        return ptvb:len()
    end
    dissect_tcp_pdus(tvb, tree, 5, frame_len, each, true)
    return tvb:len()
end

local registered_port
local function register_port()
    local t = DissectorTable.get("tcp.port")
    if registered_port then t:remove(registered_port, proto) end
    registered_port = proto.prefs.port
    t:add(registered_port, proto)
end
function proto.prefs_changed() register_port() end
register_port()
