# tests/sh/netlib.sh -- helpers for the network tests (sourced after lib.sh).
#
#   net_key                       creates the server key shared by this script
#   start_server NAME [OPTS...]   starts bin/cryptolab-server on 127.0.0.1:0 with
#                                 files in $T_TMP/NAME/files; waits for its
#                                 "listening on" line (read from a pipe, no sleep);
#                                 sets SRV_PORT SRV_PID SRV_LOG SRV_DIR
#   wait_log FILE PATTERN         bounded wait (NET_WAIT s: 30, 120 under SAN/TSAN)
#                                 for a line in a log; the log reaches its file
#                                 through a reader of its own, so a line the
#                                 server has written may lag: never grep it at once
#   NET_TRIES                     the same bound in 0.05 s polls, for loops
#   client ARGS...                bin/cryptolab-client -p $SRV_PORT --pin $SRV_FP ARGS
# Every server is killed when the script exits.
SERVER="$TOP/bin/cryptolab-server"
CLIENT="$TOP/bin/cryptolab-client"
NET_PIDS=()
net_cleanup() {
  local p
  for p in "${NET_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${NET_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$T_TMP"
}
trap net_cleanup EXIT
export HOME="$T_TMP/home"          # known_hosts of the tests stay in the temp dir
mkdir -p "$HOME"
unset CRYPTOLAB_KEYLOGFILE

net_key() {
  SRV_KEY="$T_TMP/server-key.pem"
  SRV_FP=$("$SERVER" -k "$SRV_KEY" --fingerprint) || { echo "cannot create the server key"; exit 1; }
}

start_server() {
  local name=$1; shift
  SRV_DIR="$T_TMP/$name/files"
  SRV_LOG="$T_TMP/$name/log"
  mkdir -p "$SRV_DIR"
  local fifo="$T_TMP/$name/out"
  mkfifo "$fifo"
  "$SERVER" -p 0 -k "$SRV_KEY" -d "$SRV_DIR" "$@" > "$fifo" 2>&1 &
  SRV_PID=$!
  NET_PIDS+=("$SRV_PID")
  local line fd
  exec {fd}< "$fifo"
  SRV_PORT=
  : > "$SRV_LOG"
  while IFS= read -r -t 60 -u "$fd" line; do
    echo "$line" >> "$SRV_LOG"
    case $line in "listening on 127.0.0.1:"*) SRV_PORT=${line##*:}; break;; esac
  done
  if [ -z "$SRV_PORT" ]; then
    echo "server $name did not start:"; cat "$SRV_LOG"; exit 1
  fi
  cat <&"$fd" >> "$SRV_LOG" &      # keep draining the log
  NET_PIDS+=("$!")
  exec {fd}<&-
}

# Sanitizer builds on a loaded machine are several times slower: wider bounds.
if [ "${SAN:-0}" != 0 ] || [ "${TSAN:-0}" != 0 ]; then NET_WAIT=120; else NET_WAIT=30; fi
NET_TRIES=$((NET_WAIT * 20))
wait_log() {
  local i end=$((SECONDS + NET_WAIT))
  for i in $(seq "$NET_TRIES"); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    [ "$SECONDS" -ge "$end" ] && break
    sleep 0.05
  done
  return 1
}

client() { "$CLIENT" -p "$SRV_PORT" --pin "$SRV_FP" "$@"; }
sha() { sha256sum < "$1" | cut -d' ' -f1; }

# start_proxy MODE N: tests/sh/netproxy.py between a client and the server;
# sets PROXY_PORT and PROXY_PID.
start_proxy() {
  local fifo="$T_TMP/proxy.$1.$RANDOM" fd line
  mkfifo "$fifo"
  python3 "$TOP/tests/sh/netproxy.py" proxy "$SRV_PORT" "$1" "$2" > "$fifo" 2>&1 &
  PROXY_PID=$!
  NET_PIDS+=("$PROXY_PID")
  exec {fd}< "$fifo"
  PROXY_PORT=
  IFS= read -r -t 30 -u "$fd" line && case $line in "proxy listening on "*) PROXY_PORT=${line##* };; esac
  cat <&"$fd" > /dev/null &
  exec {fd}<&-
  [ -n "$PROXY_PORT" ] || { echo "proxy did not start: $line"; exit 1; }
}

# net_pycrypto: sets NET_PY to a python3 that has PyCryptodome (the Python
# peer demo/python/ needs it); returns 1 if there is none.
net_pycrypto() {
  local p
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 &&
       "$p" -c 'import importlib.util as u, sys; sys.exit(0 if (u.find_spec("Cryptodome") or u.find_spec("Crypto")) else 1)' 2>/dev/null; then
      NET_PY=$p; return 0
    fi
  done
  return 1
}
