#!/usr/bin/env bash
# tests/sh/90-tls-keyupdate.sh -- TLS 1.3 KeyUpdate both ways (RFC 8446
# §4.6.3: "K" on standard input sends update_requested, "k" not, as in
# openssl s_client/s_server), with openssl on the other side and between our
# own client and server; the -v narration (the four steps, each secret's
# name and section) and -trace-keys.
# Each input line is written only after its effect was seen (the data line in
# the receiver's output, the KeyUpdate in the log of the side that sends or
# receives it), so that "K" and "k" arrive as lines of their own: events, not
# sleeps, bounded by $TLS_WAIT.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have openssl || ! have ss; then skip "KeyUpdate" "openssl or ss missing"; finish; exit; fi
tls_certs
D=$TLS_D
# ku_lines DATA LOG RE: the five lines, each once the previous one is seen:
# data lines in DATA (what the receiver printed), K and k as the Nth line
# matching RE in LOG.  Its standard output is the sender's standard input.
ku_lines() {
  local data=$1 log=$2 re=$3
  printf 'before\n';  wait_grep "$data" '^before$' || { echo "ku_lines: before not seen" >&2; return 1; }
  printf 'K\n';       wait_count "$log" "$re" 1 || { echo "ku_lines: K not seen" >&2; return 1; }
  printf 'after-K\n'; wait_grep "$data" '^after-K$' || { echo "ku_lines: after-K not seen" >&2; return 1; }
  printf 'k\n';       wait_count "$log" "$re" 2 || { echo "ku_lines: k not seen" >&2; return 1; }
  printf 'after-k\n'; wait_grep "$data" '^after-k$' || { echo "ku_lines: after-k not seen" >&2; return 1; }
}

# openssl s_client -> our s_server: openssl sends the KeyUpdates
hold_stdin; SRV_IN=$HELD start_ours ku -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -v
ku_lines "$T_TMP/ku.out" "$SLOG" "KeyUpdate received" |
  timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -servername localhost > "$T_TMP/o.out" 2>&1
release_stdin; wait_pid "$SPID"
out=$(cat "$T_TMP/ku.out")
expect_eq "openssl KeyUpdate -> ours: data before and after both updates" "before after-K after-k" "$(echo $out)"
n=$(grep -c "KeyUpdate received" "$SLOG")
expect_eq "ours: two KeyUpdates received" 2 "$n"
grep -q "KeyUpdate sent" "$SLOG" && pass "ours: answered update_requested with its own KeyUpdate" ||
  fail "ours: answered update_requested" "KeyUpdate sent" "$(grep KeyUpdate "$SLOG")"

# our s_client -> openssl s_server: we send them
hold_stdin; SRV_IN=$HELD start_ossl oku -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -quiet
ku_lines "$T_TMP/oku.out" "$T_TMP/c.err" "KeyUpdate sent" |
  timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v > /dev/null 2> "$T_TMP/c.err"
release_stdin; wait_pid "$SPID"
expect_eq "ours KeyUpdate -> openssl: data before and after" "before after-K after-k" "$(echo $(cat "$T_TMP/oku.out"))"
expect_eq "ours -> openssl: two KeyUpdates sent" 2 "$(grep -c 'KeyUpdate sent' "$T_TMP/c.err")"
grep -q "KeyUpdate received" "$T_TMP/c.err" && pass "openssl answered update_requested" ||
  fail "openssl answered update_requested" "KeyUpdate received" "$(grep KeyUpdate "$T_TMP/c.err")"

# ours <-> ours with -v and -trace-keys
hold_stdin; SRV_IN=$HELD start_ours kk -cert "$D/chain.pem" -key "$D/server.key" -naccept 1
ku_lines "$T_TMP/kk.out" "$T_TMP/v.err" "KeyUpdate sent" |
  timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v -trace-keys > /dev/null 2> "$T_TMP/v.err"
release_stdin; wait_pid "$SPID"
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
hold_stdin; SRV_IN=$HELD start_ours t12 -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -tls1_2
echo | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -trace-keys > /dev/null 2> "$T_TMP/t12.err"
release_stdin; wait_pid "$SPID"
for s in "pre_master_secret *RFC 5246 §8.1" "session_hash *RFC 7627 §3" "master_secret (extended) *RFC 7627 §4" "client_write_key *RFC 5246 §6.3"; do
  grep -q -- "$s" "$T_TMP/t12.err" && pass "1.2 -trace-keys shows: $s" || fail "1.2 -trace-keys shows: $s" "$s" "(missing)"
done
finish
