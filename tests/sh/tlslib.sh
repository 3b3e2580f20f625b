# tests/sh/tlslib.sh -- helpers for the TLS tests 85-99 (sourced after lib.sh).
#
#   tls_certs                 makes, with openssl, in $TLS_D: ca.pem/ca.key (a class CA),
#                             server.pem/server.key (CN=localhost, SAN localhost and
#                             127.0.0.1, signed by the CA), self.pem/self.key (self-signed,
#                             same names), other.pem (a second CA), expired.pem/.key
#   start_ours NAME ARGS...   cryptolab s_server -accept 127.0.0.1:0 ARGS (stdin from
#                             $SRV_IN, default /dev/null; stdout $T_TMP/NAME.out); waits for
#                             its ACCEPT line; sets PORT, SPID, SLOG
#   start_ossl NAME ARGS...   openssl s_server -accept 127.0.0.1:0 ARGS the same way (its
#                             port read from ss(8)); sets PORT, SPID, SLOG
#   wait_pid PID [SECS]       waits at most SECS (default 60) for PID; kills it after that;
#                             returns its exit status (124 on timeout)
#   wait_size FILE SIZE [S]   waits until FILE has SIZE bytes (at most S seconds, default 60)
#   feed FILE OUT SIZE        cat FILE, then wait until OUT has SIZE bytes: a peer's standard
#                             input that ends only once the other direction has arrived
#   sha FILE                  SHA-256 hex of FILE
# Every process started here is killed when the script exits.
TLS_D="$T_TMP/pki"
TLS_PIDS=()
tls_cleanup() {
  local p
  for p in "${TLS_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${TLS_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$T_TMP"
}
trap tls_cleanup EXIT
unset SSLKEYLOGFILE

tls_certs() {
  mkdir -p "$TLS_D"
  (
    cd "$TLS_D" || exit 1
    openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 \
      -subj "/CN=cryptolab test CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null &&
    openssl req -new -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null &&
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > ext.cnf &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
      -extfile ext.cnf -out server.pem 2>/dev/null &&
    cat server.pem ca.pem > chain.pem &&
    openssl req -x509 -newkey rsa:2048 -nodes -keyout self.key -out self.pem -days 30 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null &&
    openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 30 \
      -subj "/CN=another CA" 2>/dev/null &&
    openssl req -new -key server.key -out exp.csr -subj "/CN=localhost" 2>/dev/null &&
    openssl x509 -req -in exp.csr -CA ca.pem -CAkey ca.key -CAcreateserial -extfile ext.cnf \
      -not_before 20200101000000Z -not_after 20200201000000Z -out expired.pem 2>/dev/null ||
    openssl x509 -req -in exp.csr -CA ca.pem -CAkey ca.key -CAcreateserial -extfile ext.cnf \
      -days -1 -out expired.pem 2>/dev/null
  ) || { echo "cannot make the test certificates with openssl"; exit 1; }
}

wait_pid() {
  local pid=$1 secs=${2:-60} i
  for i in $(seq $((secs * 20))); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid"; return $?; }
    sleep 0.05
  done
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  return 124
}

wait_size() {
  local i
  for i in $(seq $((${3:-60} * 20))); do
    [ "$(stat -c %s "$1" 2>/dev/null)" = "$2" ] && return 0
    sleep 0.05
  done
  return 1
}

feed() { cat "$1"; wait_size "$2" "$3" 120; }

sha() { sha256sum "$1" | cut -c1-64; }

start_ours() {
  local name=$1; shift
  SLOG="$T_TMP/$name.log"
  rm -f "$SLOG"
  "$CL" s_server -accept 127.0.0.1:0 "$@" 2> "$SLOG" < "${SRV_IN:-/dev/null}" > "$T_TMP/$name.out" &
  SPID=$!
  TLS_PIDS+=("$SPID")
  PORT=
  local i
  for i in $(seq 200); do
    PORT=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$SLOG" 2>/dev/null)
    [ -n "$PORT" ] && return 0
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.05
  done
  echo "s_server $name did not start:"; cat "$SLOG"; return 1
}

start_ossl() {
  local name=$1; shift
  SLOG="$T_TMP/$name.log"
  rm -f "$SLOG"
  openssl s_server -accept 127.0.0.1:0 "$@" 2> "$SLOG" < "${SRV_IN:-/dev/null}" > "$T_TMP/$name.out" &
  SPID=$!
  TLS_PIDS+=("$SPID")
  PORT=
  local i
  for i in $(seq 200); do
    PORT=$(ss -Hltnp 2>/dev/null | grep "pid=$SPID," | awk '{print $4}' | sed 's/.*://' | head -1)
    [ -n "$PORT" ] && return 0
    kill -0 "$SPID" 2>/dev/null || break
    sleep 0.05
  done
  echo "openssl s_server $name did not start:"; cat "$SLOG"; return 1
}

# A standard input that stays open for SECS seconds (default 10) and then
# ends: sets HELD to the path of a FIFO to use as SRV_IN (openssl s_server
# stops at the end of its standard input; our s_server sends close_notify).
held_stdin() {
  HELD="$T_TMP/held.$RANDOM.fifo"
  mkfifo "$HELD"
  sleep "${1:-10}" > "$HELD" &
  TLS_PIDS+=("$!")
}
