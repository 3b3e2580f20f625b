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
#   wait_for SECS CMD...      runs CMD until it succeeds, at most SECS seconds (polling: the
#                             condition is the event, never the passing of time)
#   wait_grep FILE RE [SECS]  waits until a line of FILE matches the grep RE
#   wait_count FILE RE N [S]  waits until at least N lines of FILE match RE
#   port_from_log FILE [S]    waits for "ACCEPT HOST:PORT" in FILE (our s_server): sets PORT;
#                             fails (PORT empty) after S seconds (default $TLS_WAIT)
#   port_from_ss PID [S]      the same for another program's IPv4 listening socket (ss(8))
#   hold_stdin                a FIFO ($HELD) for a peer's standard input that stays open
#                             until release_stdin: the end of input comes when the test
#                             has seen what it waits for, never after a fixed time
# Bounds: every wait ends after its SECS (default $TLS_WAIT: 60 s, 180 s under SAN=1/TSAN=1);
# they only cost time when something is already wrong.
# Every process started here is killed when the script exits.
TLS_D="$T_TMP/pki"
TLS_PIDS=()
TLS_WAIT=60
if [ "${SAN:-0}" = 1 ] || [ "${TSAN:-0}" = 1 ]; then TLS_WAIT=180; fi
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

wait_for() {
  local secs=$1 end; shift
  end=$((SECONDS + secs))
  while :; do
    "$@" && return 0
    [ "$SECONDS" -lt "$end" ] || return 1
    sleep 0.05
  done
}

wait_pid() {
  local pid=$1 secs=${2:-$TLS_WAIT}
  if wait_for "$secs" eval "! kill -0 $pid 2>/dev/null"; then
    wait "$pid"; return $?
  fi
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  return 124
}

size_is() { [ "$(stat -c %s "$1" 2>/dev/null)" = "$2" ]; }
wait_size() { wait_for "${3:-$TLS_WAIT}" size_is "$1" "$2"; }

feed() { cat "$1"; wait_size "$2" "$3" 120; }

wait_grep() { wait_for "${3:-$TLS_WAIT}" grep -q -- "$2" "$1" 2>/dev/null; }
count_at_least() { [ "$(grep -c -- "$2" "$1" 2>/dev/null)" -ge "$3" ]; }
wait_count() { wait_for "${4:-$TLS_WAIT}" count_at_least "$1" "$2" "$3"; }

# ACCEPT line of our s_server (printed once it listens: connecting is safe)
port_in_log() {
  PORT=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$1" 2>/dev/null)
  [ -n "$PORT" ] && return 0
  [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null && return 0   # it died: stop waiting
  return 1
}
port_from_log() { PORT=; wait_for "${2:-$TLS_WAIT}" port_in_log "$1" "${3:-}"; [ -n "$PORT" ]; }
# an IPv4 listening socket of PID (the socket is listening: connecting is safe)
port_in_ss() {
  PORT=$(ss -Hltnp 2>/dev/null | grep "pid=$1," | awk '{print $4}' | grep -v '^\[' | sed 's/.*://' | head -1)
  [ -n "$PORT" ] && return 0
  ! kill -0 "$1" 2>/dev/null && return 0
  return 1
}
port_from_ss() { PORT=; wait_for "${2:-$TLS_WAIT}" port_in_ss "$1"; [ -n "$PORT" ]; }

sha() { sha256sum "$1" | cut -c1-64; }

start_ours() {
  local name=$1; shift
  SLOG="$T_TMP/$name.log"
  rm -f "$SLOG"
  "$CL" s_server -accept 127.0.0.1:0 "$@" 2> "$SLOG" < "${SRV_IN:-/dev/null}" > "$T_TMP/$name.out" &
  SPID=$!
  TLS_PIDS+=("$SPID")
  port_from_log "$SLOG" "$TLS_WAIT" "$SPID" && return 0
  echo "s_server $name did not start:"; cat "$SLOG"; return 1
}

start_ossl() {
  local name=$1; shift
  SLOG="$T_TMP/$name.log"
  rm -f "$SLOG"
  openssl s_server -accept 127.0.0.1:0 "$@" 2> "$SLOG" < "${SRV_IN:-/dev/null}" > "$T_TMP/$name.out" &
  SPID=$!
  TLS_PIDS+=("$SPID")
  port_from_ss "$SPID" && return 0
  echo "openssl s_server $name did not start:"; cat "$SLOG"; return 1
}

# A standard input that stays open until release_stdin (or $TLS_WAIT * 2
# seconds, a bound for a test that fails before releasing it): sets HELD to
# the FIFO to read from (e.g. SRV_IN=$HELD); FILE, if given, is written to
# it first.  openssl s_server stops at the end of its standard input and our
# s_server and s_client then send close_notify, so an input is released once
# the test has seen what it waits for (usually: the other side ended).
hold_stdin() {
  HELD="$T_TMP/held.$RANDOM$RANDOM.fifo"
  mkfifo "$HELD"
  local fifo=$HELD secs=$((TLS_WAIT * 2)) first=${1:-}
  # the holder opens the FIFO (that waits for the reader), then waits for the stop file
  ( exec 3> "$fifo"; [ -n "$first" ] && cat "$first" >&3; end=$((SECONDS + secs))
    while [ ! -e "$fifo.stop" ] && [ "$SECONDS" -lt "$end" ]; do sleep 0.05 3>&-; done ) &
  echo $! > "$fifo.pid"
  TLS_PIDS+=("$!")
}
# release_stdin [FIFO]: ends that input (default: the last $HELD)
release_stdin() {
  local fifo=${1:-$HELD}
  touch "$fifo.stop"
  # a holder still waiting in open(2) (its reader never came) is ended
  wait_pid "$(cat "$fifo.pid")" 10 > /dev/null 2>&1
}

# tls_certs_more: tls_certs, and in $TLS_D also
#   client.pem/.key    CN=student, extendedKeyUsage clientAuth, signed by the CA
#   stranger.pem/.key  CN=stranger, clientAuth, signed by "another CA" (other.pem)
#   inter.pem/.key     an intermediate CA under the CA; leaf2.pem/.key (localhost,
#                      serverAuth) and client2.pem/.key (clientAuth) issued by it;
#                      client2-chain.pem = client2 + inter
#   pss.pem/.key       localhost, serverAuth, an id-RSASSA-PSS key without parameters
#                      (openssl genpkey -algorithm RSA-PSS); pss-r.*: restricted to
#                      SHA-256, MGF1-SHA-256, salt >= 32; pss-64.*: salt >= 64;
#                      pss-client.*: clientAuth, id-RSASSA-PSS
tls_certs_more() {
  tls_certs
  (
    cd "$TLS_D" || exit 1
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n' > cext.cnf
    printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > caext.cnf
    signed() {   # NAME SUBJECT EXTFILE CA-PREFIX [KEYFILE]: NAME.pem signed by CA-PREFIX.pem
      if [ -n "${5:-}" ]; then
        openssl req -new -key "$5" -out "$1.csr" -subj "$2" 2>/dev/null
      else
        openssl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
      fi &&
      openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -CAcreateserial -days 30 \
        -extfile "$3" -out "$1.pem" 2>/dev/null
    }
    signed client "/CN=student" cext.cnf ca &&
    signed stranger "/CN=stranger" cext.cnf other &&
    signed inter "/CN=cryptolab intermediate CA" caext.cnf ca &&
    signed leaf2 "/CN=localhost" ext.cnf inter &&
    signed client2 "/CN=student2" cext.cnf inter &&
    cat client2.pem inter.pem > client2-chain.pem &&
    openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.key 2>/dev/null &&
    signed pss "/CN=localhost" ext.cnf ca pss.key &&
    openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 \
      -pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32 -out pss-r.key 2>/dev/null &&
    signed pss-r "/CN=localhost" ext.cnf ca pss-r.key &&
    openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha256 \
      -pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:64 -out pss-64.key 2>/dev/null &&
    signed pss-64 "/CN=localhost" ext.cnf ca pss-64.key &&
    openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss-client.key 2>/dev/null &&
    signed pss-client "/CN=pss student" cext.cnf ca pss-client.key
  ) || { echo "cannot make the client/RSA-PSS test certificates with openssl"; exit 1; }
}
