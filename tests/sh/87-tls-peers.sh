#!/usr/bin/env bash
# tests/sh/87-tls-peers.sh -- peers no one here wrote:
#   curl --cacert fetching files from `s_server -WWW` (SHA-256 compared; path
#   traversal refused), for TLS 1.3 (HelloRetryRequest: curl sends X25519 first),
#   TLS 1.2 DHE and TLS 1.2 RSA;
#   Python's ssl module (/usr/bin/python3) as client of s_server and as server
#   for s_client, both versions;
#   gnutls-cli -> s_server and s_client -> gnutls-serv (gnutls-bin), both versions,
#   ffdhe2048 and ffdhe3072, RSA key transport.
# Each missing peer is reported as skipped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
PY=/usr/bin/python3

if ! have openssl || ! have ss; then
  skip "TLS peers" "openssl (to make certificates) or ss missing"; finish; exit
fi
tls_certs
D=$TLS_D
WEB="$T_TMP/web"; mkdir -p "$WEB/sub"
head -c 1 /dev/urandom > "$WEB/one.bin"
head -c 100000 /dev/urandom > "$WEB/sub/small.bin"
head -c 5242880 /dev/urandom > "$WEB/big.bin"
echo "<html>hello</html>" > "$WEB/index.html"
echo "secret" > "$T_TMP/secret.txt"

# ---------------------------------------------------------------- curl
if have curl; then
  for mode in "1.3::" "1.2-DHE:-tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:" "1.2-RSA:-tls1_2 -cipher AES128-GCM-SHA256:"; do
    name=${mode%%:*}; rest=${mode#*:}; sargs=${rest%%:*}
    # a fresh log: the redirection below truncates it only once the child runs,
    # and the last run's ACCEPT line (a closed port) must not be read meanwhile
    rm -f "$T_TMP/curl-srv.log"
    ( cd "$WEB" && exec "$CL" s_server -accept 127.0.0.1:0 -cert "$D/chain.pem" -key "$D/server.key" -WWW $sargs ) \
      2> "$T_TMP/curl-srv.log" &
    SPID=$!; TLS_PIDS+=("$SPID")
    port_from_log "$T_TMP/curl-srv.log" "$TLS_WAIT" "$SPID" || { fail "curl $name: s_server start" "ACCEPT line" "$(cat "$T_TMP/curl-srv.log")"; continue; }
    for f in one.bin sub/small.bin big.bin index.html; do
      rm -f "$T_TMP/got"
      if curl --resolve "localhost:$PORT:127.0.0.1" -sS --max-time 60 --cacert "$D/ca.pem" -o "$T_TMP/got" "https://localhost:$PORT/$f" 2> "$T_TMP/curl.err"; then
        expect_eq "curl $name GET /$f: SHA-256" "$(sha "$WEB/$f")" "$(sha "$T_TMP/got")"
      else
        fail "curl $name GET /$f" "a file" "$(cat "$T_TMP/curl.err") / $(grep ERROR "$T_TMP/curl-srv.log" | tail -1)"
      fi
    done
    code=$(curl --resolve "localhost:$PORT:127.0.0.1" -s --max-time 20 --cacert "$D/ca.pem" --path-as-is -o /dev/null -w '%{http_code}' "https://localhost:$PORT/../secret.txt")
    expect_eq "curl $name: /../secret.txt refused" "403" "$code"
    code=$(curl --resolve "localhost:$PORT:127.0.0.1" -s --max-time 20 --cacert "$D/ca.pem" -o /dev/null -w '%{http_code}' "https://localhost:$PORT/nonexistent")
    expect_eq "curl $name: a missing file" "404" "$code"
    want="TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048 HelloRetryRequest"
    [ "$name" = 1.2-DHE ] && want="TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe2048"
    [ "$name" = 1.2-RSA ] && want="TLSv1.2 AES128-GCM-SHA256 RSA-key-transport"
    expect_eq "curl $name: negotiated" "$want" "$(sed -n 's/^CONNECTION 1: //p' "$T_TMP/curl-srv.log")"
    kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null
  done
else
  skip "curl -> s_server -WWW" "curl not installed"
fi

# ---------------------------------------------------------------- Python ssl
if [ -x "$PY" ] && "$PY" -c 'import ssl' 2>/dev/null; then
  # Python as the client: GET a file from -WWW, TLS 1.3 and 1.2
  for v in TLSv1_3 TLSv1_2; do
    # a fresh log: the redirection below truncates it only once the child runs,
    # and the last run's ACCEPT line (a closed port) must not be read meanwhile
    rm -f "$T_TMP/py-srv.log"
    ( cd "$WEB" && exec "$CL" s_server -accept 127.0.0.1:0 -cert "$D/chain.pem" -key "$D/server.key" -WWW -naccept 1 ) \
      2> "$T_TMP/py-srv.log" &
    SPID=$!; TLS_PIDS+=("$SPID")
    port_from_log "$T_TMP/py-srv.log" "$TLS_WAIT" "$SPID" || { fail "python $v: s_server start" "ACCEPT line" "$(cat "$T_TMP/py-srv.log")"; continue; }
    out=$("$PY" - "$PORT" "$D/ca.pem" "$v" <<'PYEOF'
import socket, ssl, sys, hashlib
port, ca, v = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, v)
with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
    with ctx.wrap_socket(raw, server_hostname="localhost") as s:
        s.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        body = data.split(b"\r\n\r\n", 1)[1]
        print(s.version(), s.cipher()[0], hashlib.sha256(body).hexdigest())
PYEOF
)
    expect_eq "python ssl client $v -> s_server" "${v/_/.} $( [ $v = TLSv1_3 ] && echo TLS_AES_128_GCM_SHA256 || echo DHE-RSA-AES128-GCM-SHA256) $(sha "$WEB/big.bin")" "$out"
    wait_pid "$SPID"
  done
  # Python as the server: sends B, reads A until our close_notify, answers with its own
  head -c 300000 /dev/urandom > "$T_TMP/A"; head -c 200000 /dev/urandom > "$T_TMP/B"
  openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$T_TMP/ff2048.pem" 2>/dev/null
  for v in TLSv1_3 TLSv1_2; do
    rm -f "$T_TMP/py.port"          # (the same reason: no stale port from the last run)
    "$PY" - "$D/chain.pem" "$D/server.key" "$v" "$T_TMP/B" "$T_TMP/py-got" "$T_TMP/ff2048.pem" > "$T_TMP/py.port" 2> "$T_TMP/py.err" <<'PYEOF' &
import socket, ssl, sys
cert, key, v, bfile, out, dh = sys.argv[1:7]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.minimum_version = ctx.maximum_version = getattr(ssl.TLSVersion, v)
if v == "TLSv1_2":
    ctx.load_dh_params(dh)
    ctx.set_ciphers("DHE-RSA-AES128-GCM-SHA256")
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
print(srv.getsockname()[1], flush=True)
srv.settimeout(30)
conn, _ = srv.accept()
conn.settimeout(30)
s = ctx.wrap_socket(conn, server_side=True)
s.sendall(open(bfile, "rb").read())
got = b""
while True:
    chunk = s.recv(65536)
    if not chunk:            # the client's close_notify
        break
    got += chunk
open(out, "wb").write(got)
s.unwrap()                   # our close_notify back
print("done", s.version() if False else v, file=sys.stderr)
PYEOF
    PYPID=$!; TLS_PIDS+=("$PYPID")
    # the port is printed once the socket listens
    wait_for "$TLS_WAIT" test -s "$T_TMP/py.port"
    PORT=$(head -1 "$T_TMP/py.port")
    [ -n "$PORT" ] || { fail "python ssl server $v: start" "a port" "$(cat "$T_TMP/py.err")"; continue; }
    timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" < "$T_TMP/A" > "$T_TMP/py-cout" 2> "$T_TMP/py-cerr"
    wait_pid "$PYPID"
    expect_eq "s_client -> python ssl server $v: server->client SHA-256" "$(sha "$T_TMP/B")" "$(sha "$T_TMP/py-cout")"
    expect_eq "s_client -> python ssl server $v: client->server SHA-256" "$(sha "$T_TMP/A")" "$(sha "$T_TMP/py-got")"
    grep -q "closed: peer sent close_notify" "$T_TMP/py-cerr" && pass "python server $v: close_notify" ||
      fail "python server $v: close_notify" "closed: peer sent close_notify" "$(tail -2 "$T_TMP/py-cerr")"
  done
else
  skip "Python ssl peer" "/usr/bin/python3 with ssl missing"
fi

# ---------------------------------------------------------------- GnuTLS
if have gnutls-cli && have gnutls-serv; then
  for p in "TLS1.3-FFDHE2048:NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-FFDHE2048:TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe2048" \
           "TLS1.3-FFDHE3072:NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-FFDHE3072:TLSv1.3 TLS_AES_128_GCM_SHA256 ffdhe3072" \
           "TLS1.2-DHE:NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA:TLSv1.2 DHE-RSA-AES128-GCM-SHA256 ffdhe2048" \
           "TLS1.2-RSA:NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+RSA:TLSv1.2 AES128-GCM-SHA256 RSA-key-transport"; do
    name=${p%%:*}; rest=${p#*:}; prio=${rest%:*}; want=${rest##*:}
    # a fresh log: the redirection below truncates it only once the child runs,
    # and the last run's ACCEPT line (a closed port) must not be read meanwhile
    rm -f "$T_TMP/g-srv.log"
    ( cd "$WEB" && exec "$CL" s_server -accept 127.0.0.1:0 -cert "$D/chain.pem" -key "$D/server.key" -WWW -naccept 1 ) \
      2> "$T_TMP/g-srv.log" &
    SPID=$!; TLS_PIDS+=("$SPID")
    port_from_log "$T_TMP/g-srv.log" "$TLS_WAIT" "$SPID" || { fail "gnutls-cli $name: s_server start" "ACCEPT line" "$(cat "$T_TMP/g-srv.log")"; continue; }
    printf 'GET /sub/small.bin HTTP/1.0\r\n\r\n' | timeout "$TLS_WAIT" gnutls-cli --x509cafile="$D/ca.pem" -p "$PORT" 127.0.0.1 \
      --sni-hostname=localhost --verify-hostname=localhost \
      --priority "$prio" --logfile="$T_TMP/g.log" > "$T_TMP/g.out" 2>&1
    wait_pid "$SPID"
    expect_eq "gnutls-cli $name -> s_server: negotiated" "$want" "$(sed -n 's/^CONNECTION 1: //p' "$T_TMP/g-srv.log")"
    tail -c 100000 "$T_TMP/g.out" > "$T_TMP/g.body"
    expect_eq "gnutls-cli $name -> s_server: SHA-256" "$(sha "$WEB/sub/small.bin")" "$(sha "$T_TMP/g.body")"
  done
  # s_client -> gnutls-serv --echo
  # text lines: gnutls-serv --echo handles its input as strings (NUL bytes end them)
  head -c 40000 /dev/urandom | base64 -w 76 | head -c 50000 > "$T_TMP/E"
  rm -f "$T_TMP/gs.log"
  gnutls-serv --echo -p 0 --x509certfile "$D/chain.pem" --x509keyfile "$D/server.key" > "$T_TMP/gs.log" 2>&1 &
  GPID=$!; TLS_PIDS+=("$GPID")
  port_from_ss "$GPID" || fail "gnutls-serv start" "a listening IPv4 socket" "$(cat "$T_TMP/gs.log")"
  for a in "1.3-ffdhe2048:" "1.3-ffdhe3072:-groups ffdhe3072" "1.2-DHE:-tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256" "1.2-RSA:-tls1_2 -cipher AES128-GCM-SHA256"; do
    name=${a%%:*}; args=${a#*:}
    feed "$T_TMP/E" "$T_TMP/gc.out" 50000 | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" $args \
      > "$T_TMP/gc.out" 2> "$T_TMP/gc.err"
    expect_eq "s_client $name -> gnutls-serv --echo: SHA-256" "$(sha "$T_TMP/E")" "$(sha "$T_TMP/gc.out")"
    got="$(sed -n 's/^Protocol  : //p' "$T_TMP/gc.err") $(sed -n 's/^Group     : //p' "$T_TMP/gc.err" | sed 's/^(none.*/none/')"
    case $name in
      1.3-ffdhe2048) want="TLSv1.3 ffdhe2048";; 1.3-ffdhe3072) want="TLSv1.3 ffdhe3072";;
      1.2-DHE) want="TLSv1.2 ffdhe2048";; 1.2-RSA) want="TLSv1.2 none";;
    esac
    expect_eq "s_client $name -> gnutls-serv: negotiated" "$want" "$got"
  done
  kill "$GPID" 2>/dev/null; wait "$GPID" 2>/dev/null
else
  skip "GnuTLS peers" "gnutls-cli/gnutls-serv not installed (Debian gnutls-bin)"
fi
finish
