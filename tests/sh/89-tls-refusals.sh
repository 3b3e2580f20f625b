#!/usr/bin/env bash
# tests/sh/89-tls-refusals.sh -- every refusal with its alert and its message:
# wrong CA, wrong host, expired certificate, tampered record (bad_record_mac),
# truncated handshake (both sides), unknown version only, no common suite,
# no common group, an invalid DH public value (1.2 and 1.3), a downgrade
# attempt caught by the ServerHello.random sentinel (RFC 8446 §4.1.3), and
# the RSA premaster failures taking one path (RFC 5246 §7.4.7.1): a valid,
# a wrongly padded and a wrong-version premaster give the same messages and
# the same alert, from our server and from openssl's.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
PY=/usr/bin/python3
if ! have openssl || ! have ss; then
  skip "TLS refusals" "openssl or ss missing"; finish; exit
fi
tls_certs
D=$TLS_D

# refuse LABEL "client args" "server args" CLIENT_PATTERN SERVER_PATTERN [cert]
refuse() {
  local label=$1 cargs=$2 sargs=$3 cpat=$4 spat=$5 cert=${6:-chain.pem}
  start_ours ref -cert "$D/$cert" -key "$D/server.key" -naccept 1 $sargs || { fail "$label: start"; return; }
  echo hello | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" $cargs > /dev/null 2> "$T_TMP/ref.err"
  local rc=$?
  wait_pid "$SPID" 10
  [ $rc -ne 0 ] && pass "$label: client exit status" || fail "$label: client exit status" "non-zero" "$rc"
  grep -q -- "$cpat" "$T_TMP/ref.err" && pass "$label: client says" ||
    fail "$label: client says" "$cpat" "$(grep -E 'fail|error' "$T_TMP/ref.err" | head -1)"
  grep -q -- "$spat" "$SLOG" && pass "$label: server says" ||
    fail "$label: server says" "$spat" "$(grep -E 'ERROR|error' "$SLOG" | head -1)"
}

CA="-CAfile $D/ca.pem"
refuse "wrong CA" "-CAfile $D/other.pem" "" \
  "self-signed certificate that is not a trust anchor.*(sent alert unknown_ca)" "peer sent alert unknown_ca"
refuse "wrong host" "$CA -verify_hostname wrong.example" "" \
  "host name does not match.*(sent alert bad_certificate)" "peer sent alert bad_certificate"
refuse "expired certificate" "$CA" "" \
  "certificate has expired.*(sent alert certificate_expired)" "peer sent alert certificate_expired" expired.pem
refuse "1.2 expired certificate" "$CA -tls1_2" "" \
  "certificate has expired.*(sent alert certificate_expired)" "peer sent alert certificate_expired" expired.pem
refuse "no CA file" "" "" "no trust anchors: give -CAfile" "."
refuse "no common suite (1.2)" "$CA -tls1_2 -cipher AES128-GCM-SHA256" "-cipher DHE-RSA-AES128-GCM-SHA256" \
  "peer sent alert handshake_failure" "no common cipher suite.*(sent alert handshake_failure)"
refuse "no common group (1.3)" "$CA -tls1_3 -groups ffdhe2048" "-groups ffdhe3072 -tls1_3" \
  "HelloRetryRequest asks for group\|peer sent alert handshake_failure" "no common group\|illegal_parameter\|handshake_failure"
refuse "unknown version only (1.3 client, 1.2 server)" "$CA -tls1_3" "-tls1_2" \
  "peer sent alert protocol_version" "no common protocol version.*(sent alert protocol_version)"
refuse "invalid DH public value (1.3)" "$CA -tls1_3 -test bad-dh-public" "" \
  "peer sent alert illegal_parameter" "invalid DH public value.*(sent alert illegal_parameter)"
refuse "invalid DH public value (1.2 DHE)" "$CA -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256 -test bad-dh-public" "" \
  "peer sent alert handshake_failure" "invalid DH public value.*(sent alert handshake_failure)"

# tampered record: the first application record's tag flipped on the wire
for v in -tls1_3 -tls1_2; do
  held_stdin 15; SRV_IN=$HELD start_ours tamper -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 $v
  (echo hello; sleep 1) | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" $CA -test tamper-record > /dev/null 2> "$T_TMP/t.err"
  wait_pid "$SPID" 10
  grep -q "record failed its integrity check (AES-GCM tag) (sent alert bad_record_mac)" "$SLOG" &&
    pass "tampered record $v: server says bad_record_mac" ||
    fail "tampered record $v: server says bad_record_mac" "bad_record_mac" "$(grep -E 'ERROR|error' "$SLOG" | head -1)"
  grep -q "peer sent alert bad_record_mac" "$T_TMP/t.err" && pass "tampered record $v: client gets the alert" ||
    fail "tampered record $v: client gets the alert" "peer sent alert bad_record_mac" "$(tail -1 "$T_TMP/t.err")"
done
# ... and openssl's server answers our tampered record the same way
held_stdin 15; SRV_IN=$HELD start_ossl otamper -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
(echo hello; sleep 1) | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" $CA -test tamper-record > /dev/null 2> "$T_TMP/t.err"
wait_pid "$SPID" 10
grep -q "peer sent alert bad_record_mac" "$T_TMP/t.err" && pass "tampered record -> openssl s_server: bad_record_mac" ||
  fail "tampered record -> openssl s_server: bad_record_mac" "peer sent alert bad_record_mac" "$(tail -1 "$T_TMP/t.err")"

# truncated handshake: half a ClientHello, then the end of the stream
if [ -x "$PY" ]; then
  start_ours trunc -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
  "$PY" -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(bytes.fromhex("16030100c8010000c40303") + bytes(20))
s.shutdown(socket.SHUT_WR); s.recv(100); s.close()' "$PORT"
  wait_pid "$SPID" 10
  grep -q "ERROR 1: connection ended during the handshake" "$SLOG" && pass "truncated ClientHello: server says" ||
    fail "truncated ClientHello: server says" "connection ended during the handshake" "$(grep ERROR "$SLOG")"
  # ... and a server flight cut in the middle, seen by our client
  "$PY" - "$D/chain.pem" "$D/server.key" > "$T_TMP/fs.port" <<'PYEOF' &
import socket, ssl, sys, subprocess
# a real TLS 1.2 server answer cut after 100 bytes: we get it by relaying openssl
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
print(ls.getsockname()[1], flush=True)
ls.settimeout(20)
c, _ = ls.accept()
c.recv(65536)
c.sendall(bytes.fromhex("160303003d020000390303") + bytes(20))   # half a ServerHello
c.shutdown(socket.SHUT_WR); c.close()
PYEOF
  FPID=$!; TLS_PIDS+=("$FPID")
  for i in $(seq 200); do [ -s "$T_TMP/fs.port" ] && break; sleep 0.05; done
  echo | timeout 20 "$CL" s_client -connect "127.0.0.1:$(cat "$T_TMP/fs.port")" $CA > /dev/null 2> "$T_TMP/fs.err"
  wait_pid "$FPID" 10
  grep -q "connection ended during the handshake" "$T_TMP/fs.err" && pass "truncated ServerHello: client says" ||
    fail "truncated ServerHello: client says" "connection ended during the handshake" "$(tail -1 "$T_TMP/fs.err")"

  # an unknown version only: a ClientHello for TLS 1.1 without supported_versions
  start_ours v11 -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
  got=$("$PY" -c '
import socket, sys, os
body = bytes.fromhex("0302") + os.urandom(32) + b"\x00" + bytes.fromhex("0002009c") + b"\x01\x00"
hs = b"\x01" + len(body).to_bytes(3, "big") + body
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"\x16\x03\x01" + len(hs).to_bytes(2, "big") + hs)
print(s.recv(100).hex())' "$PORT")
  wait_pid "$SPID" 10
  expect_eq "TLS 1.1 only: the alert record (fatal protocol_version)" "15030300020246" "$got"
  grep -q "no common protocol version.*(sent alert protocol_version)" "$SLOG" && pass "TLS 1.1 only: server says" ||
    fail "TLS 1.1 only: server says" "no common protocol version" "$(grep ERROR "$SLOG")"

  # the downgrade attack: a relay removes supported_versions from the ClientHello
  start_ours down -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
  "$PY" tests/sh/tlsproxy.py strip-versions "$PORT" > "$T_TMP/proxy.out" 2>&1 &
  PPID_=$!; TLS_PIDS+=("$PPID_")
  for i in $(seq 200); do grep -q PORT "$T_TMP/proxy.out" && break; sleep 0.05; done
  PP=$(sed -n 's/^PORT //p' "$T_TMP/proxy.out")
  echo | timeout 20 "$CL" s_client -connect "127.0.0.1:$PP" $CA > /dev/null 2> "$T_TMP/down.err"
  wait_pid "$SPID" 10; wait_pid "$PPID_" 10
  grep -q "downgrade detected.*DOWNGRD sentinel.*(sent alert illegal_parameter)" "$T_TMP/down.err" &&
    pass "downgrade to TLS 1.2: client detects the sentinel" ||
    fail "downgrade to TLS 1.2: client detects the sentinel" "downgrade detected" "$(tail -1 "$T_TMP/down.err")"
  grep -q "peer sent alert illegal_parameter" "$SLOG" && pass "downgrade to TLS 1.2: server gets illegal_parameter" ||
    fail "downgrade to TLS 1.2: server gets illegal_parameter" "peer sent alert illegal_parameter" "$(grep ERROR "$SLOG")"
else
  skip "truncated handshakes, TLS 1.1 only, downgrade" "/usr/bin/python3 missing"
fi

# RSA premaster: three kinds of ClientKeyExchange, one behaviour
shape() { sed -n 's/^\(<<<\|>>>\) \(TLS 1.2, [A-Za-z]*\) \[length [0-9a-f]*\]\(.*\)$/\1 \2\3/p' "$1"; }
prev=
for mode in premaster-valid premaster-bad-padding premaster-bad-version; do
  start_ours pms -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -tls1_2 -cipher AES128-GCM-SHA256 -msg
  echo | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" $CA -test $mode > /dev/null 2> "$T_TMP/pms.err"
  wait_pid "$SPID" 10
  grep -q "ERROR 1: record failed its integrity check (AES-GCM tag) (sent alert bad_record_mac)" "$SLOG" &&
    pass "RSA $mode: bad_record_mac at the client's Finished" ||
    fail "RSA $mode: bad_record_mac at the client's Finished" "bad_record_mac" "$(grep ERROR "$SLOG")"
  s=$(shape "$SLOG" | tr '\n' ';')
  if [ -n "$prev" ]; then expect_eq "RSA $mode: the same messages as premaster-valid" "$prev" "$s"; else prev=$s; fi
done
for mode in premaster-valid premaster-bad-padding premaster-bad-version; do
  held_stdin 15; SRV_IN=$HELD start_ossl opms -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
  echo | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" $CA -tls1_2 -cipher AES128-GCM-SHA256 -test $mode > /dev/null 2> "$T_TMP/pms.err"
  wait_pid "$SPID" 10
  grep -q "peer sent alert bad_record_mac" "$T_TMP/pms.err" && pass "openssl s_server, $mode: bad_record_mac" ||
    fail "openssl s_server, $mode: bad_record_mac" "peer sent alert bad_record_mac" "$(tail -1 "$T_TMP/pms.err")"
done
finish
