#!/usr/bin/env bash
# tests/sh/90-tls-keyupdate.sh -- TLS 1.3 KeyUpdate both ways (RFC 8446
# §4.6.3: "K" on standard input sends update_requested, "k" not, as in
# openssl s_client/s_server), with openssl on the other side and between our
# own client and server; the -v narration (the four steps, each secret's
# name and section) and -trace-keys.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have openssl || ! have ss; then skip "KeyUpdate" "openssl or ss missing"; finish; exit; fi
tls_certs
D=$TLS_D
lines() { printf 'before\n'; sleep 0.5; printf 'K\n'; sleep 0.5; printf 'after-K\n'; sleep 0.5; printf 'k\n'; sleep 0.5; printf 'after-k\n'; sleep 1; }

# openssl s_client -> our s_server: openssl sends the KeyUpdates
held_stdin 8; SRV_IN=$HELD start_ours ku -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -v
lines | timeout 20 openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -servername localhost > "$T_TMP/o.out" 2>&1
wait_pid "$SPID" 20
out=$(cat "$T_TMP/ku.out")
expect_eq "openssl KeyUpdate -> ours: data before and after both updates" "before after-K after-k" "$(echo $out)"
n=$(grep -c "KeyUpdate received" "$SLOG")
expect_eq "ours: two KeyUpdates received" 2 "$n"
grep -q "KeyUpdate sent" "$SLOG" && pass "ours: answered update_requested with its own KeyUpdate" ||
  fail "ours: answered update_requested" "KeyUpdate sent" "$(grep KeyUpdate "$SLOG")"

# our s_client -> openssl s_server: we send them
held_stdin 8; SRV_IN=$HELD start_ossl oku -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -quiet
lines | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v > /dev/null 2> "$T_TMP/c.err"
wait_pid "$SPID" 20
expect_eq "ours KeyUpdate -> openssl: data before and after" "before after-K after-k" "$(echo $(cat "$T_TMP/oku.out"))"
expect_eq "ours -> openssl: two KeyUpdates sent" 2 "$(grep -c 'KeyUpdate sent' "$T_TMP/c.err")"
grep -q "KeyUpdate received" "$T_TMP/c.err" && pass "openssl answered update_requested" ||
  fail "openssl answered update_requested" "KeyUpdate received" "$(grep KeyUpdate "$T_TMP/c.err")"

# ours <-> ours with -v and -trace-keys
held_stdin 8; SRV_IN=$HELD start_ours kk -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
lines | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v -trace-keys > /dev/null 2> "$T_TMP/v.err"
wait_pid "$SPID" 20
expect_eq "ours -> ours: data" "before after-K after-k" "$(echo $(cat "$T_TMP/kk.out"))"
for s in "\[1\] TCP connection" "\[1\] ClientHello sent" "\[2\] ServerHello: TLS 1.3" "\[3\] your input" "\[4\] the server's records" \
         "client_handshake_traffic_secret *§7.1" "server_application_traffic_secret_0 *§7.1" "client_application key *§7.3" \
         "server verify_data *§4.4.4" "client_application_traffic_secret_N+1 *§7.2" "RFC 8446 §7.1"; do
  grep -q -- "$s" "$T_TMP/v.err" && pass "-v/-trace-keys shows: $s" || fail "-v/-trace-keys shows: $s" "$s" "(missing)"
done
# the early secret without PSK is RFC 8448's (a constant)
grep -q "^  early_secret .*33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a" "$T_TMP/v.err" &&
  pass "-trace-keys: early_secret = RFC 8448's" || fail "-trace-keys: early_secret = RFC 8448's" "33ad0a1c..." "$(grep early_secret "$T_TMP/v.err")"
# TLS 1.2 -trace-keys names
held_stdin 4; SRV_IN=$HELD start_ours t12 -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -tls1_2
echo | timeout 20 "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -trace-keys > /dev/null 2> "$T_TMP/t12.err"
wait_pid "$SPID" 20
for s in "pre_master_secret *RFC 5246 §8.1" "session_hash *RFC 7627 §3" "master_secret (extended) *RFC 7627 §4" "client_write_key *RFC 5246 §6.3"; do
  grep -q -- "$s" "$T_TMP/t12.err" && pass "1.2 -trace-keys shows: $s" || fail "1.2 -trace-keys shows: $s" "$s" "(missing)"
done
finish
