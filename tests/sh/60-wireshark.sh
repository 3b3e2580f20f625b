#!/usr/bin/env bash
# tests/sh/60-wireshark.sh -- the Wireshark side of cryptolab (docs/wireshark/):
#   1. the Lua AES/SHA-256/HMAC/HKDF/GCM (cl_crypto.lua) against FIPS-197,
#      FIPS 180-4, RFC 4231, RFC 5869, SP 800-38A vectors, the GCM spec's test
#      cases and NIST CAVP gcmEncryptExtIV256.rsp (read from $SHARED_VECTORS),
#      run by Wireshark's own Lua (tshark -X lua_script:...);
#   2. for each suite -- 0x01 CTR+HMAC (--suite ctr) and the default 0x02 GCM --
#      a real demo session (C server and client: a file and a chat line),
#      captured on lo with dumpcap when we are root -- otherwise recorded by a
#      relay that writes the capture file itself (tests/sh/pcaprelay.py), said
#      so -- dissected by cryptolab.lua: handshake fields, server key
#      fingerprint, Finished and record MACs verified with the key log,
#      decrypted file contents and chat line, counted sequence numbers;
#   3. the same without the key log (nothing decrypted, expert note);
#   4. reassembly: a session cut into 3-byte TCP segments (both suites);
#   5. a flipped bit: the MAC / GCM tag check fails (expert info bad_mac);
#   6. garbage and an oversized length: expert info;
#   7. the known-answer transcripts of docs/protocol.md §12.1 (CTR) and §12.2
#      (GCM) (captures written from the document's frames): the Lua code derives
#      the same H1, verifies both Finished and both MACs / tags and decrypts
#      "Hello, cryptolab!".
# A Lua error is only a warning for tshark (exit 0): we check field values.
# Skipped, with a message, when tshark is not installed (make deps installs it).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlab.sh"

if ! have tshark; then
  skip "wireshark" "tshark not installed (make deps installs it): Lua crypto and dissector not tested"
  finish; exit $?
fi
LUA="$TOP/docs/wireshark/cryptolab.lua"
ts() { tshark -n -X lua_script:"$LUA" "$@" 2>"$T_TMP/tshark.err"; }

# An empty classic pcap file (24-byte global header, LINKTYPE_ETHERNET):
# tshark needs a capture to read before it prints the Lua scripts' results.
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00' \
  > "$T_TMP/empty.pcap"

# --- 1. Lua crypto known answers ---------------------------------------------
out=$(SHARED_VECTORS="$SHARED_VECTORS" tshark -X lua_script:tests/lua/cl_crypto_test.lua -r "$T_TMP/empty.pcap" 2>&1)
line=$(printf '%s\n' "$out" | grep -o 'cl_crypto: [0-9]* passed, [0-9]* failed' || true)
if [ -z "$line" ]; then
  fail "lua crypto test ran" "cl_crypto: N passed, 0 failed" "$out"
else
  n_ok=$(echo "$line" | sed 's/cl_crypto: \([0-9]*\) passed.*/\1/')
  n_bad=$(echo "$line" | sed 's/.* \([0-9]*\) failed/\1/')
  [ "$n_bad" -ne 0 ] && printf '%s\n' "$out" | grep -A2 '^FAIL' | sed 's/^/  /'
  expect_eq "lua crypto: failures (of $((n_ok + n_bad)) vectors)" 0 "$n_bad"
  if [ "$n_ok" -ge 40 ]; then pass "lua crypto: $n_ok vectors"; else fail "lua crypto: vector count" ">=40" "$n_ok"; fi
fi
printf '%s\n' "$out" | grep -E '^(CAVP|SKIP)' | sed 's/^/  (/; s/$/)/'
if printf '%s\n' "$out" | grep -q '^SKIP'; then skip "lua GCM on CAVP" "gcmEncryptExtIV256.rsp not in $SHARED_VECTORS/cavp/gcm"; fi
echo "  (Lua crypto run by tshark's own Lua: $(tshark -X lua_script:/dev/stdin -r "$T_TMP/empty.pcap" <<<'print(_VERSION)' 2>/dev/null | head -1))"

# --- 7. the known-answer transcript (deterministic; needs no server) --------------
# §12.1 (suite 0x01, AES-256-CTR + HMAC): the part of protocol.md before §12.2.
PROTO121="$T_TMP/protocol-12.1.md"
sed '/^### 12.2/,$d' docs/protocol.md > "$PROTO121"
python3 tests/sh/pcaprelay.py transcript "$T_TMP/kat.pcap" 8000 "$PROTO121"
grep '^CRYPTOLAB_SECRET ' "$PROTO121" > "$T_TMP/kat.keylog"
kat=$(ts -r "$T_TMP/kat.pcap" -o "cryptolab.keylog_file:$T_TMP/kat.keylog" -Y cryptolab -T fields \
      -e cryptolab.finished.verified -e cryptolab.record.mac_verified -e cryptolab.app.text | tr '\t\n' '|;')
expect_eq "KAT transcript: Finished x2, MACs, decrypted ECHO" \
  "||;||;||;1||;1||;|1|Hello, cryptolab!;|1|Hello, cryptolab!;" "$kat"
kat_h1=$(ts -r "$T_TMP/kat.pcap" -Y 'cryptolab.type == 0x03' -T fields -e cryptolab.h1)
expect_eq "KAT transcript: H1 computed in Lua = §12's H1" \
  "$(sed -n 's/^H1 *= \([0-9a-f]*\)$/\1/p' "$PROTO121")" "$kat_h1"
kat_fp=$(ts -r "$T_TMP/kat.pcap" -Y 'cryptolab.type == 0x02' -T fields -e cryptolab.fingerprint)
expect_eq "KAT transcript: fingerprint computed in Lua" "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU" "$kat_fp"
# §12.2 (suite 0x02, AES-256-GCM): the same session with suites 02 01 offered.
python3 tests/sh/pcaprelay.py transcript "$T_TMP/kat2.pcap" 8000 docs/protocol.md --section 12.2
sed -n '/^### 12.2/,/^### 12.3/p' docs/protocol.md | grep '^CRYPTOLAB_SECRET ' > "$T_TMP/kat2.keylog"
kat2=$(ts -r "$T_TMP/kat2.pcap" -o "cryptolab.keylog_file:$T_TMP/kat2.keylog" -Y cryptolab -T fields \
      -e cryptolab.suite -e cryptolab.finished.verified -e cryptolab.record.mac_verified -e cryptolab.app.text | tr '\t\n' '|;')
expect_eq "KAT §12.2 (GCM): suites 02 01 / 02, Finished x2, tags, decrypted ECHO" \
  "0x02,0x01|||;0x02|||;|||;|1||;|1||;||1|Hello, cryptolab!;||1|Hello, cryptolab!;" "$kat2"
kat2_h1=$(ts -r "$T_TMP/kat2.pcap" -Y 'cryptolab.type == 0x03' -T fields -e cryptolab.h1)
expect_eq "KAT §12.2: H1 computed in Lua = §12.2's H1" \
  "$(sed -n '/^### 12.2/,/^### 12.3/s/^H1 *= \([0-9a-f]*\)$/\1/p' docs/protocol.md)" "$kat2_h1"
# One flipped bit in the last record (its tag): GCM-AD fails, nothing decrypted.
python3 tests/sh/pcaprelay.py flip "$T_TMP/kat2.pcap" "$T_TMP/kat2f.pcap" \
  "$(ts -r "$T_TMP/kat2.pcap" -Y 'cryptolab.type == 0x17' -T fields -e frame.number | tail -1)" -1
kat2f=$(ts -r "$T_TMP/kat2f.pcap" -o "cryptolab.keylog_file:$T_TMP/kat2.keylog" -Y 'cryptolab.type == 0x17' -T fields \
      -e cryptolab.record.mac_verified -e cryptolab.app.text | tr '\t\n' '|;')
expect_eq "KAT §12.2, flipped tag bit: first record ok, second fails, not decrypted" \
  "1|Hello, cryptolab!;0|;" "$kat2f"
expect_eq "KAT §12.2, flipped tag bit: expert bad_mac once" 1 \
  "$(ts -r "$T_TMP/kat2f.pcap" -o "cryptolab.keylog_file:$T_TMP/kat2.keylog" -Y cryptolab.bad_mac | wc -l)"

# §12.3 (version 2, the client authenticated): the AUTH record decrypted, the
# client key's fingerprint computed in Lua, the server's RESULT ok.
python3 tests/sh/pcaprelay.py transcript "$T_TMP/kat3.pcap" 8000 docs/protocol.md --section 12.3
sed -n '/^### 12.3/,/^## 13/p' docs/protocol.md | grep '^CRYPTOLAB_SECRET ' > "$T_TMP/kat3.keylog"
kat3=$(ts -r "$T_TMP/kat3.pcap" -o "cryptolab.keylog_file:$T_TMP/kat3.keylog" -Y 'cryptolab.type == 0x17' -T fields \
      -e cryptolab.record.mac_verified -e cryptolab.app.kind -e cryptolab.auth.fingerprint -e cryptolab.app.result | tr '\t\n' '|;')
expect_eq "KAT §12.3: AUTH decrypted (client key fingerprint in Lua), RESULT ok, ECHO x2" \
  "1|0x0c|SHA256:$(sed -n 's/^client key *= SHA256:\(.*\)$/\1/p' docs/protocol.md)|;1|0x05||0;1|0x0b||;1|0x0b||;" "$kat3"
expect_eq "KAT §12.3: version 2 in both hellos" "0x0002;0x0002;" \
  "$(ts -r "$T_TMP/kat3.pcap" -Y 'cryptolab.version' -T fields -e cryptolab.version | tr '\n' ';')"
expect_eq "KAT §12.3: the info column names the client key" 1 \
  "$(ts -r "$T_TMP/kat3.pcap" -o "cryptolab.keylog_file:$T_TMP/kat3.keylog" | grep -c 'AUTH client key SHA256:')"

# --- 2. a real session ---------------------------------------------------------
if [ ! -x bin/cryptolab-server ] || [ ! -x bin/cryptolab-client ]; then
  skip "dissector on a real session" "bin/cryptolab-server or bin/cryptolab-client not built"
  finish; exit $?
fi
if ! nl_start_server "$T_TMP/srv"; then
  fail "server started" "listening line" "$(cat "$NL_SRV_LOG")"; finish; exit $?
fi
PORT=$NL_SRV_PORT
printf 'secret file contents\nline two\n' > "$T_TMP/secret.txt"
CHAT="attack at dawn"

# real_session SUITE: one capture (a file sent, a chat line) with suite "ctr"
# (--suite ctr, 0x01) or "gcm" (the programs' default, 0x02), then its checks.
# Leaves CAP and KEYLOG set to that session's files.
real_session() {
  local S=$1 SUITE_ARGS=() SUITE_ID=0x02 mode="" CPORT=$PORT DC RL i n
  [ "$S" = ctr ] && { SUITE_ARGS=(--suite ctr); SUITE_ID=0x01; }
  KEYLOG="$T_TMP/keylog.$S"
  CAP="$T_TMP/session.$S.pcapng"
  # CL_NO_CAPTURE=1 forces the relay path (to test it as root).
  if [ "$(id -u)" = 0 ] && have dumpcap && [ -z "${CL_NO_CAPTURE:-}" ]; then
    # dumpcap prints "Capturing on" before it really captures: it also sees UDP
    # port 9, and we knock there until a knock is in the file.
    dumpcap -i lo -f "tcp port $PORT or udp port 9" -w "$CAP" -q > "$T_TMP/dumpcap.log" 2>&1 &
    DC=$!
    NL_PIDS="$NL_PIDS $DC"
    if nl_wait_for "$T_TMP/dumpcap.log" 'Capturing on' 100; then
      for ((i = 0; i < 100; i++)); do
        tshark -r "$CAP" -Y udp 2>/dev/null | grep -q . && { mode=dumpcap; break; }
        echo knock > /dev/udp/127.0.0.1/9
        sleep 0.2
      done
    fi
    [ -n "$mode" ] || nl_stop "$DC"
  fi
  if [ -z "$mode" ]; then
    echo "  ($S: cannot capture on lo here (not root, or no dumpcap): the test records the session"
    echo "   through tests/sh/pcaprelay.py, which writes the capture file itself)"
    CAP="$T_TMP/session.$S.pcap"
    rm -f "$T_TMP/relay.port"
    python3 tests/sh/pcaprelay.py relay "$T_TMP/relay.port" "$PORT" "$CAP" --count 2 &
    RL=$!; NL_PIDS="$NL_PIDS $RL"
    nl_wait_for "$T_TMP/relay.port" '^[0-9]+$' 100 && CPORT=$(cat "$T_TMP/relay.port")
    mode=relay
  fi
  CRYPTOLAB_KEYLOGFILE="$KEYLOG" bin/cryptolab-client -p "$CPORT" --pin "$NL_SRV_FP" "${SUITE_ARGS[@]}" 127.0.0.1 \
    send --overwrite "$T_TMP/secret.txt" > "$T_TMP/c1.out" 2>&1 || fail "$S: client send" "exit 0" "$(cat "$T_TMP/c1.out")"
  echo "$CHAT" | CRYPTOLAB_KEYLOGFILE="$KEYLOG" bin/cryptolab-client -p "$CPORT" --pin "$NL_SRV_FP" "${SUITE_ARGS[@]}" \
    127.0.0.1 chat --name tester > "$T_TMP/c2.out" 2>&1 || fail "$S: client chat" "exit 0" "$(cat "$T_TMP/c2.out")"
  if [ "$mode" = dumpcap ]; then
    # Wait until the capture holds both connections' FINs (4), then stop dumpcap.
    for ((i = 0; i < 100; i++)); do
      n=$(tshark -r "$CAP" -Y 'tcp.flags.fin == 1' 2>/dev/null | wc -l)
      [ "$n" -ge 4 ] && break
      sleep 0.1
    done
    kill -INT "$DC"; wait "$DC" 2>/dev/null
    echo "  ($S: captured a real session on lo with dumpcap)"
  else
    wait "$RL" 2>/dev/null
  fi
  expect_eq "$S: key log: two sessions in the documented format" 2 \
    "$(grep -cE '^CRYPTOLAB_SECRET( [0-9a-f]{64}){4}$' "$KEYLOG" 2>/dev/null)"

  local D="-d tcp.port==$PORT,cryptolab"
  ts -r "$CAP" $D -o "cryptolab.keylog_file:$KEYLOG" -Y cryptolab $F > "$T_TMP/f.$S.txt"
  if grep -qi 'lua' "$T_TMP/tshark.err"; then fail "$S: no Lua error" "" "$(grep -i lua "$T_TMP/tshark.err")"; fi
  local f="$T_TMP/f.$S.txt" types hs cr ct_len h1 n_rec n_ok res alerts env_txt
  types=$(ts -r "$CAP" $D -Y 'cryptolab && tcp.stream == 0' -T fields -e cryptolab.type | tr '\n' ' ' | tr ',' ' ')
  case "$types" in
    "0x01 0x02 0x03 0x04 0x04 0x17"*) pass "$S: four steps in order: hellos, key exchange, Finished x2, records";;
    *) fail "$S: frame types of the first session" "0x01 0x02 0x03 0x04 0x04 0x17 ..." "$types";;
  esac
  hs=$(ts -r "$CAP" $D -Y 'cryptolab.type == 0x02 && tcp.stream == 0' -T fields \
       -e cryptolab.version -e cryptolab.suite -e cryptolab.fingerprint -e cryptolab.key_bits -e cryptolab.key_e)
  expect_eq "$S: ServerHello: version, suite, fingerprint, key size, e" \
    "0x0002	$SUITE_ID	$NL_SRV_FP	2048	65537" "$hs"
  cr=$(ts -r "$CAP" $D -Y 'cryptolab.type == 0x01 && tcp.stream == 0' -T fields -e cryptolab.client_random)
  expect_eq "$S: client_random matches the key log" "$(head -1 "$KEYLOG" | cut -d' ' -f2)" "$cr"
  ct_len=$(ts -r "$CAP" $D -Y 'cryptolab.type == 0x03' -T fields -e cryptolab.kex.ct_len | head -1)
  expect_eq "$S: KeyExchange: OAEP ciphertext of a 2048-bit key" 256 "$ct_len"
  h1=$(ts -r "$CAP" $D -Y 'cryptolab.type == 0x03 && tcp.stream == 0' -T fields -e cryptolab.h1)
  expect_eq "$S: transcript hash H1 computed by the dissector = the key log's" "$(head -1 "$KEYLOG" | cut -d' ' -f5)" "$h1"
  # (one TCP segment may carry several frames: then the fields are lists "a,b")
  expect_eq "$S: Finished verified (2 sessions x 2)" "1 1 1 1" \
    "$(awk -F'|' '{n = split($10, v, ","); for (i = 1; i <= n; i++) if (v[i] != "") print v[i]}' "$f" | tr '\n' ' ' | sed 's/ $//')"
  # protected records = values of cryptolab.record.seq (only records have one)
  n_rec=$(awk -F'|' '$4 != "" {n += split($4, v, ",")} END {print n+0}' "$f")
  n_ok=$(awk -F'|' '{k = split($5, v, ","); for (i = 1; i <= k; i++) if (v[i] == "1") n++} END {print n+0}' "$f")
  if [ "$n_rec" -ge 8 ]; then pass "$S: records seen: $n_rec"; else fail "$S: records seen" ">= 8" "$n_rec"; fi
  expect_eq "$S: every record's MAC / tag verified" "$n_rec" "$n_ok"
  expect_eq "$S: client->server sequence numbers of session 1" "0 1 2" \
    "$(awk -F'|' '$1 == "0" && $2 == "client -> server" && $4 != "" {print $4}' "$f" | tr '\n' ' ' | sed 's/ $//')"
  expect_eq "$S: PUT carries the file name" "secret.txt" "$(awk -F'|' '$6 == "0x01" {print $7}' "$f")"
  expect_eq "$S: decrypted DATA = the file" "$(nl_hex "$T_TMP/secret.txt")" \
    "$(awk -F'|' '$6 == "0x04" {print $8}' "$f" | tr -d ':')"
  expect_eq "$S: decrypted chat line" "$CHAT" "$(awk -F'|' '$6 == "0x09" {print $9}' "$f")"
  res=$(awk -F'|' '$6 == "0x05" && $9 ~ /^stored/ {print $9}' "$f" | head -1)
  case "$res" in
    "stored secret.txt (30 bytes"*) pass "$S: server's RESULT text";;
    *) fail "$S: server's RESULT text" "stored secret.txt (30 bytes...)" "$res";;
  esac
  alerts=$(ts -r "$CAP" $D -o "cryptolab.keylog_file:$KEYLOG" -Y 'cryptolab.alert' -T fields -e cryptolab.alert | sort | uniq -c | awk '{print $1 "x" $2}')
  expect_eq "$S: orderly close: protected close_notify both ways, twice" "4x0" "$alerts"

  # Two passes (-2: what the GUI's re-dissection does) give the same values.
  ts -2 -r "$CAP" $D -o "cryptolab.keylog_file:$KEYLOG" -Y cryptolab $F > "$T_TMP/f2.txt"
  if cmp -s "$f" "$T_TMP/f2.txt"; then pass "$S: two-pass dissection identical"
  else fail "$S: two-pass dissection identical" "$(head -3 "$f")" "$(head -3 "$T_TMP/f2.txt")"; fi

  # The key log can also come from the environment variable.
  env_txt=$(CRYPTOLAB_KEYLOGFILE="$KEYLOG" ts -r "$CAP" $D -Y 'cryptolab.app.kind == 0x09' -T fields -e cryptolab.app.text)
  expect_eq "$S: key log from CRYPTOLAB_KEYLOGFILE" "$CHAT" "$env_txt"
}

F="-T fields -E separator=| -e tcp.stream -e cryptolab.direction -e cryptolab.type -e cryptolab.record.seq -e cryptolab.record.mac_verified -e cryptolab.app.kind -e cryptolab.app.name -e cryptolab.app.data -e cryptolab.app.text -e cryptolab.finished.verified"
real_session ctr
real_session gcm

# --- 3. without the key log ----------------------------------------------------
n_plain=$(ts -r "$CAP" -d "tcp.port==$PORT,cryptolab" -Y 'cryptolab.plaintext' | wc -l)
n_note=$(ts -r "$CAP" -d "tcp.port==$PORT,cryptolab" -Y 'cryptolab.no_keys' | wc -l)
expect_eq "no key log: nothing decrypted" 0 "$n_plain"
if [ "$n_note" -ge 8 ]; then pass "no key log: expert note on each record"; else fail "no key log: expert notes" ">= 8" "$n_note"; fi
fp2=$(ts -r "$CAP" -d "tcp.port==$PORT,cryptolab" -Y 'cryptolab.type == 0x02' -T fields -e cryptolab.fingerprint | head -1)
expect_eq "no key log: the handshake is still readable" "$NL_SRV_FP" "$fp2"

# --- 4. reassembly: 3-byte TCP segments, and 5. one flipped bit: bad MAC / tag ---
for S in ctr gcm; do
  SUITE_ARGS=(); [ "$S" = ctr ] && SUITE_ARGS=(--suite ctr)
  KEYLOG="$T_TMP/keylog.$S"
  rm -f "$T_TMP/relay2.port"
  python3 tests/sh/pcaprelay.py relay "$T_TMP/relay2.port" "$PORT" "$T_TMP/split.$S.pcap" --split 3 &
  RL2=$!; NL_PIDS="$NL_PIDS $RL2"
  nl_wait_for "$T_TMP/relay2.port" '^[0-9]+$' 100
  CRYPTOLAB_KEYLOGFILE="$KEYLOG" bin/cryptolab-client -p "$(cat "$T_TMP/relay2.port")" --pin "$NL_SRV_FP" "${SUITE_ARGS[@]}" \
    127.0.0.1 send --overwrite "$T_TMP/secret.txt" > "$T_TMP/c3.out" 2>&1 || fail "$S: client send (split)" "exit 0" "$(cat "$T_TMP/c3.out")"
  wait "$RL2" 2>/dev/null
  ts -r "$T_TMP/split.$S.pcap" -d "tcp.port==$PORT,cryptolab" -o "cryptolab.keylog_file:$KEYLOG" -Y cryptolab $F > "$T_TMP/f3.txt"
  expect_eq "$S: reassembled from 3-byte segments: decrypted DATA" "$(nl_hex "$T_TMP/secret.txt")" \
    "$(awk -F'|' '$6 == "0x04" {print $8}' "$T_TMP/f3.txt" | tr -d ':')"
  expect_eq "$S: reassembled: every MAC / tag verified" \
    "$(awk -F'|' '$4 != "" {n += split($4, v, ",")} END {print n+0}' "$T_TMP/f3.txt")" \
    "$(awk -F'|' '{k = split($5, v, ","); for (i = 1; i <= k; i++) if (v[i] == "1") n++} END {print n+0}' "$T_TMP/f3.txt")"

  # The segment that completes the DATA record of the split capture: flip its
  # first payload byte (a record spans many 3-byte segments, so that byte is
  # part of the record's MAC or GCM tag).
  fr=$(ts -r "$T_TMP/split.$S.pcap" -d "tcp.port==$PORT,cryptolab" -Y 'cryptolab.record.mac && cryptolab.direction == "client -> server"' -T fields -e frame.number | sed -n 2p)
  python3 tests/sh/pcaprelay.py flip "$T_TMP/split.$S.pcap" "$T_TMP/flip.pcap" "$fr" 0
  bad=$(ts -r "$T_TMP/flip.pcap" -d "tcp.port==$PORT,cryptolab" -o "cryptolab.keylog_file:$KEYLOG" -Y 'cryptolab.bad_mac' -T fields -e cryptolab.record.mac_verified)
  expect_eq "$S: flipped bit: one record fails its MAC / tag (expert bad_mac)" "0" "$bad"
done

# --- 6. malformed input ----------------------------------------------------------
python3 tests/sh/pcaprelay.py streams "$T_TMP/bad.pcap" 8000 \
  "01000000240001$(printf '%064d' 0)0201" \
  "99000000010017ffffffff00"
n_dec=$(ts -r "$T_TMP/bad.pcap" -Y 'cryptolab.malformed' | wc -l)
n_unk=$(ts -r "$T_TMP/bad.pcap" -Y 'cryptolab.unknown_type' | wc -l)
expect_eq "ClientHello with n_suites/length mismatch: expert malformed (default port 8000)" 1 "$n_dec"
expect_eq "unknown frame type: expert unknown_type" 1 "$n_unk"
python3 tests/sh/pcaprelay.py streams "$T_TMP/big.pcap" 8000 "1780000000" "00"
expect_eq "length 2^31: expert overflow" 1 "$(ts -r "$T_TMP/big.pcap" -Y 'cryptolab.overflow' | wc -l)"

finish
