# tests/sh/netlab.sh -- helpers for the protocol-lab tests (60-63), sourced
# after lib.sh.  Every process started here is stopped at exit; every wait is
# a bounded poll for an event (a line in a log, a file appearing).
#
#   nl_python                 sets NL_PY to a python3 that has PyCryptodome
#                             (Cryptodome or Crypto); returns 1 if none
#   nl_wait_for FILE REGEX [TENTHS]   waits (default 30 s) for a line; 1 on timeout
#   nl_start_server DIR       C server on 127.0.0.1, any free port:
#                             NL_SRV_PID NL_SRV_PORT NL_SRV_FP NL_SRV_LOG
#   nl_start_pyserver DIR     the Python server: NL_PYS_PID NL_PYS_PORT NL_PYS_FP NL_PYS_LOG
#   nl_start_mitm PORT        cryptolab-mitm in front of 127.0.0.1:PORT:
#                             NL_MITM_PID NL_MITM_PORT NL_MITM_FP NL_MITM_LOG
#   nl_stop PID               stops one process started here
#   nl_free_port              prints a free TCP port on 127.0.0.1

NL_PIDS=""
nl_cleanup() {
  local p
  for p in $NL_PIDS; do kill "$p" 2>/dev/null; done
  for p in $NL_PIDS; do wait "$p" 2>/dev/null; done
  NL_PIDS=""
}
trap 'nl_cleanup; rm -rf "$T_TMP"' EXIT

nl_stop() {
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  NL_PIDS=$(echo " $NL_PIDS " | sed "s/ $1 / /")
  return 0
}

nl_wait_for() {
  local file=$1 re=$2 n=${3:-300} i
  for ((i = 0; i < n; i++)); do
    grep -qE -- "$re" "$file" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "  (timed out waiting for /$re/ in $file)"
  return 1
}

NL_PY=""
nl_python() {
  local p
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 &&
       "$p" -c 'import importlib.util as u, sys; sys.exit(0 if (u.find_spec("Cryptodome") or u.find_spec("Crypto")) else 1)' 2>/dev/null; then
      NL_PY=$p
      return 0
    fi
  done
  return 1
}

nl_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# C server: bin/cryptolab-server prints "listening on ADDR:PORT" and "... fingerprint SHA256:...".
nl_start_server() {
  local dir=$1
  mkdir -p "$dir"
  NL_SRV_LOG="$dir.log"
  "$TOP/bin/cryptolab-server" -p 0 -k "$dir.key.pem" -d "$dir" > "$NL_SRV_LOG" 2>&1 &
  NL_SRV_PID=$!
  NL_PIDS="$NL_PIDS $NL_SRV_PID"
  nl_wait_for "$NL_SRV_LOG" '^listening on ' || return 1
  NL_SRV_PORT=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$NL_SRV_LOG" | head -1)
  NL_SRV_FP=$(grep -o 'SHA256:[A-Za-z0-9+/]\{43\}' "$NL_SRV_LOG" | head -1)
  [ -n "$NL_SRV_PORT" ] && [ -n "$NL_SRV_FP" ]
}

nl_start_pyserver() {
  local dir=$1
  mkdir -p "$dir"
  NL_PYS_LOG="$dir.log"
  "$NL_PY" "$TOP/demo/python/cryptolab_server.py" -v -p 0 -k "$dir.key.pem" -d "$dir" > "$NL_PYS_LOG" 2>&1 &
  NL_PYS_PID=$!
  NL_PIDS="$NL_PIDS $NL_PYS_PID"
  nl_wait_for "$NL_PYS_LOG" '^server key ' || return 1
  NL_PYS_PORT=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$NL_PYS_LOG" | head -1)
  NL_PYS_FP=$(sed -n 's/^server key //p' "$NL_PYS_LOG" | head -1)
  [ -n "$NL_PYS_PORT" ] && [ -n "$NL_PYS_FP" ]
}

nl_start_mitm() {
  NL_MITM_LOG="$T_TMP/mitm.log"
  "$TOP/bin/cryptolab-mitm" --listen 127.0.0.1:0 --connect "127.0.0.1:$1" > "$NL_MITM_LOG" 2>&1 &
  NL_MITM_PID=$!
  NL_PIDS="$NL_PIDS $NL_MITM_PID"
  nl_wait_for "$NL_MITM_LOG" 'our key SHA256:' || return 1
  NL_MITM_PORT=$(sed -n 's/.*listening on .*:\([0-9][0-9]*\), real server.*/\1/p' "$NL_MITM_LOG" | head -1)
  NL_MITM_FP=$(sed -n 's/.*our key \(SHA256:[A-Za-z0-9+/]*\).*/\1/p' "$NL_MITM_LOG" | head -1)
  [ -n "$NL_MITM_PORT" ] && [ -n "$NL_MITM_FP" ]
}

# Hex of a file, lowercase, no separators.
nl_hex() { od -An -tx1 -v "$1" | tr -d ' \n'; }
