#!/usr/bin/env bash
# tests/sh/86-tls-openssl.sh -- interoperability with the openssl binary:
#   openssl s_client -> cryptolab s_server   and   cryptolab s_client -> openssl s_server
# for TLS 1.2 RSA, TLS 1.2 DHE ffdhe2048 / ffdhe3072, TLS 1.3 ffdhe2048 / ffdhe3072
# without and with HelloRetryRequest; data both ways (0 B .. 1 MiB for every
# case, 64 MiB both ways for two of them) with matching SHA-256; close_notify
# seen by our side; the negotiated version, suite and group checked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"

if ! have openssl || ! have ss; then
  skip "TLS interop with openssl" "openssl or ss missing"; finish; exit
fi
tls_certs
D=$TLS_D
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$T_TMP/ff2048.pem" 2>/dev/null
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe3072 -out "$T_TMP/ff3072.pem" 2>/dev/null

mkdata() { local f="$T_TMP/data.$1.$2"; [ -e "$f" ] || head -c "$1" /dev/urandom > "$f"; echo "$f"; }

# one exchange: $1 = direction (ours-server | ours-client), $2 = label, $3 = size,
# $4 = expected "VERSION SUITE GROUP[ HRR]", then "--" server args "--" client args
exchange() {
  local dir=$1 label=$2 size=$3 want=$4; shift 4
  local sargs=() cargs=()
  [ "$1" = "--" ] && shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do sargs+=("$1"); shift; done
  [ "$1" = "--" ] && shift
  cargs=("$@")
  local A B fifo cout sout got
  A=$(mkdata "$size" a); B=$(mkdata "$size" b)
  fifo="$T_TMP/in.fifo"; rm -f "$fifo"; mkfifo "$fifo"
  cout="$T_TMP/client.out"; rm -f "$cout"
  if [ "$dir" = ours-server ]; then
    sout="$T_TMP/srv.out"; rm -f "$sout"
    # the writer first: opening a FIFO blocks until both ends are open
    feed "$B" "$sout" "$size" > "$fifo" &
    local fpid=$!
    SRV_IN=$fifo start_ours srv -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 "${sargs[@]}" || { fail "$label: server start"; kill $fpid; return; }
    timeout 120 openssl s_client -connect "127.0.0.1:$PORT" -quiet "${cargs[@]}" < "$A" > "$cout" 2> "$T_TMP/client.err"
    wait_pid "$SPID" 60; kill "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
    got=$(sed -n 's/^CONNECTION 1: //p; s/^ERROR 1: /ERROR /p' "$SLOG")
    [ -n "$got" ] || got="(no line; openssl said: $(grep -iE 'error|alert' "$T_TMP/client.err" | head -2 | tr '\n' ' '))"
    expect_eq "$label: negotiated" "$want" "$got"
    grep -q "closed: peer sent close_notify" "$SLOG" && pass "$label: close_notify from openssl" ||
      fail "$label: close_notify from openssl" "closed: peer sent close_notify" "$(grep -E 'closed|error' "$SLOG" | head -1)"
  else
    sout="$T_TMP/osrv.out"; rm -f "$sout"
    feed "$B" "$sout" "$size" > "$fifo" &
    local fpid=$!
    SRV_IN=$fifo start_ossl osrv -cert "$D/chain.pem" -key "$D/server.key" -naccept 1 -quiet "${sargs[@]}" || { fail "$label: openssl start"; kill $fpid; return; }
    # our standard input ends only once the server's data is in: openssl s_server
    # stops sending when it receives our close_notify
    feed "$A" "$cout" "$size" | timeout 120 "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" \
      "${cargs[@]}" > "$cout" 2> "$T_TMP/client.err"
    wait_pid "$SPID" 60; kill "$fpid" 2>/dev/null; wait "$fpid" 2>/dev/null
    grep -q "^Protocol" "$T_TMP/client.err" || got="$(grep -E 'fail|error' "$T_TMP/client.err" | head -1) $(grep -iE 'error|alert' "$SLOG" | head -1)"
    grep -q "^Protocol" "$T_TMP/client.err" && got="$(sed -n 's/^Protocol  : //p' "$T_TMP/client.err") $(sed -n 's/^Cipher    : \([^ ]*\).*/\1/p' "$T_TMP/client.err") $(sed -n 's/^Group     : //p' "$T_TMP/client.err" | sed 's/ (after HelloRetryRequest)/ HelloRetryRequest/; s/^(none.*/RSA-key-transport/')"
    expect_eq "$label: negotiated" "$want" "$got"
    grep -q "closed: peer sent close_notify" "$T_TMP/client.err" && pass "$label: close_notify from openssl" ||
      fail "$label: close_notify from openssl" "closed: peer sent close_notify" "$(grep -E 'closed|error|fail' "$T_TMP/client.err" | head -1)"
  fi
  expect_eq "$label: client->server SHA-256" "$(sha "$A")" "$(sha "$sout")"
  expect_eq "$label: server->client SHA-256" "$(sha "$B")" "$(sha "$cout")"
}

SIZES=${TLS_SIZES:-"0 1 16385 1048576"}   # TLS_SIZES / ONLY=PATTERN narrow a run by hand
# --- openssl s_client -> cryptolab s_server
run_server_case() {
  local name=$1 want=$2; shift 2
  local s
  [ -n "${ONLY:-}" ] && [[ "ossl->ours $name" != $ONLY ]] && return
  for s in $SIZES ${BIG:-}; do exchange ours-server "ossl->ours $name $s B" "$s" "$want" "$@"; done
}
BIG=67108864 run_server_case "1.3 ffdhe2048" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048" -- -- -groups ffdhe2048
run_server_case "1.3 ffdhe3072" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe3072" -- -- -groups ffdhe3072
run_server_case "1.3 HRR ffdhe2048" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048 HelloRetryRequest" -- --
run_server_case "1.3 HRR ffdhe3072" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe3072 HelloRetryRequest" -- -- -groups X25519:ffdhe3072
run_server_case "1.2 RSA" "TLSv1.2 AES128-GCM-SHA256 RSA-key-transport" -- -tls1_2 -cipher AES128-GCM-SHA256 --
run_server_case "1.2 DHE ffdhe2048" "TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe2048" -- -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256 -groups ffdhe2048 --
run_server_case "1.2 DHE ffdhe3072" "TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe3072" -- -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256 -groups ffdhe3072 --

# --- cryptolab s_client -> openssl s_server
run_client_case() {
  local name=$1 want=$2; shift 2
  local s
  [ -n "${ONLY:-}" ] && [[ "ours->ossl $name" != $ONLY ]] && return
  for s in $SIZES ${BIG:-}; do exchange ours-client "ours->ossl $name $s B" "$s" "$want" "$@"; done
}
run_client_case "1.3 ffdhe2048" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048" -- --
run_client_case "1.3 ffdhe3072" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe3072" -- -- -groups ffdhe3072
run_client_case "1.3 HRR ffdhe2048" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048 HelloRetryRequest" -- -groups ffdhe2048 -- -groups ffdhe3072:ffdhe2048
run_client_case "1.3 HRR ffdhe3072" "TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe3072 HelloRetryRequest" -- -groups ffdhe3072 -- -groups ffdhe2048:ffdhe3072
run_client_case "1.2 RSA" "TLSv1.2 AES128-GCM-SHA256 RSA-key-transport" -- -- -tls1_2 -cipher AES128-GCM-SHA256
BIG=67108864 run_client_case "1.2 DHE ffdhe2048" "TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe2048" -- -dhparam "$T_TMP/ff2048.pem" -- -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
run_client_case "1.2 DHE ffdhe3072" "TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe3072" -- -dhparam "$T_TMP/ff3072.pem" -- -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256
finish
