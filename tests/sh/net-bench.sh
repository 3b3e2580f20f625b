#!/usr/bin/env bash
# tests/sh/net-bench.sh [MiB] -- throughput of a file transfer over loopback,
# cryptolab-server/-client beside openssl s_server/s_client moving the same
# file in the same run, and handshakes per second.  Not part of make check
# (speed belongs to benchmarks).  Default 1024 MiB.
# tests/sh/net-bench.sh load [SECONDS] -- the server under a classroom's
# worth of hostile clients (see load_bench below; default 40 s of flood).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B="$TOP/bin"
MIB=${1:-1024}
W=$(mktemp -d "${TMPDIR:-/tmp}/cryptolab-netbench.XXXXXX")
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"' EXIT
cd "$W"
mkdir files dl

# ------------------------------------------------------------------ load
# tests/sh/net-bench.sh load [SECONDS]: the class-room benchmark of issue 12.
# 1,000 hostile connections of mixed kinds (idle, slowloris, 1-byte writers,
# garbage, huge lengths; 1,200 clients from 127.0.0.2 .. 127.0.0.41, 30
# each, one in six of them resetting and reconnecting at once, the others
# re-opened as the server closes them), while 20 legitimate transfers of
# 1 .. 20 MiB run from 127.0.0.1: their hashes, their slowdown against the
# same 20 transfers without the flood, the server's RSS / descriptors /
# threads before, during and after, the peak of connections held at once;
# then the latency of an `ls` while four chat members never read and a
# talker floods the room.  Not a test: numbers for docs/performance.md.
load_bench() {
  local secs=${1:-40}
  ulimit -n 16384 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  local py=python3 p
  for p in python3 /usr/bin/python3; do
    "$p" -c 'import Cryptodome' 2>/dev/null && { py=$p; break; }
  done
  echo "load benchmark: $secs s of flood, ulimit -n $(ulimit -n), $(nproc) CPU(s)"
  mkdir -p up
  for i in $(seq 20); do head -c $((i * 1024 * 1024)) /dev/urandom > "up/f$i"; done
  "$B/cryptolab-server" -p 0 -k key.pem -d files --max-clients 1500 --max-per-address 32 > slog 2>&1 &
  local srv=$!
  PIDS+=("$srv")
  for _ in $(seq 300); do grep -q '^listening' slog && break; sleep 0.1; done
  local port fp
  port=$(sed -n 's/^listening on 127.0.0.1://p' slog)
  fp=$("$B/cryptolab-server" -k key.pem --fingerprint)
  sample() {   # RSS_KiB FDS THREADS of the server
    printf '%s %s %s\n' "$(awk '/^VmRSS/ {print $2}' /proc/$srv/status)" "$(ls /proc/$srv/fd | wc -l)" \
      "$(awk '/^Threads/ {print $2}' /proc/$srv/status)"
  }
  transfers() {   # 20 uploads in parallel from 127.0.0.1; prints the wall time and the slowest
    local t0 t1 i pids=()
    rm -f files/f*
    t0=$(date +%s.%N)
    for i in $(seq 20); do
      ( s=$(date +%s.%N); "$B/cryptolab-client" -p "$port" --pin "$fp" 127.0.0.1 send "up/f$i" > "up/out$i" 2>&1;
        echo "$? $(echo "$(date +%s.%N) - $s" | bc)" > "up/t$i" ) &
      pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i"; done
    t1=$(date +%s.%N)
    local ok=0 bad=0 worst=0
    for i in $(seq 20); do
      read -r rc t < "up/t$i"
      if [ "$rc" = 0 ] && cmp -s "up/f$i" "files/f$i"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
      worst=$(echo "if ($t > $worst) $t else $worst" | bc)
    done
    echo "$(echo "$t1 - $t0" | bc) $worst $ok $bad"
  }
  local before during after base load
  before=$(sample)
  base=$(transfers)
  echo "without the flood: 20 transfers (210 MiB) in $(echo "$base" | cut -d' ' -f1) s, slowest $(echo "$base" | cut -d' ' -f2) s, $(echo "$base" | cut -d' ' -f3) of 20 with matching SHA-256"
  "$py" "$TOP/tests/sh/nethostile.py" flood "$port" 127.0.0.2 40 30 "$secs" > flood.out 2>&1 &
  local flood=$!
  PIDS+=("$flood")
  # wait until the flood holds its connections (bounded), sampling the server
  local peak_now=0 max_rss=0 max_fds=0 max_thr=0 r f t
  for _ in $(seq 150); do
    read -r r f t <<< "$(sample)"
    [ "$f" -gt "$max_fds" ] && max_fds=$f
    [ "$f" -ge 1000 ] && break
    sleep 0.1
  done
  ( while kill -0 "$flood" 2>/dev/null; do sample; sleep 0.5; done ) > samples &
  local sampler=$!
  load=$(transfers)
  echo "with 1,000 hostile connections: 20 transfers in $(echo "$load" | cut -d' ' -f1) s, slowest $(echo "$load" | cut -d' ' -f2) s, $(echo "$load" | cut -d' ' -f3) of 20 with matching SHA-256"
  echo "slowdown (wall time of the 20 transfers): $(echo "scale=2; $(echo "$load" | cut -d' ' -f1) / $(echo "$base" | cut -d' ' -f1)" | bc)x"
  # ls latency while four members never read and a talker floods the room
  local i lsd=""
  if "$py" -c 'import Cryptodome' 2>/dev/null; then
    for i in 2 3 4 5; do
      mkfifo "s$i.in"
      "$py" "$TOP/tests/sh/nethostile.py" silent "$port" "127.0.0.$((i + 50))" "$fp" "silent$i" < "s$i.in" > "s$i.out" 2>&1 &
      PIDS+=($!)
      exec {fd}> "s$i.in"
      for _ in $(seq 200); do grep -q joined "s$i.out" && break; sleep 0.05; done
    done
    for i in $(seq 4000); do printf 'flood line %05d %0800d\n' "$i" 0; done > lines
    "$B/cryptolab-client" -p "$port" --pin "$fp" 127.0.0.1 chat --name talker < lines > /dev/null 2>&1 &
    local talker=$!
    for i in 1 2 3 4 5; do
      s=$(date +%s.%N); "$B/cryptolab-client" -p "$port" --pin "$fp" 127.0.0.1 ls > /dev/null 2>&1
      lsd="$lsd $(echo "$(date +%s.%N) - $s" | bc)"
    done
    wait "$talker"
    echo "ls while four chat members never read (5 runs, s):$lsd; members disconnected with too_slow: $(grep -c 'does not read .*too_slow' slog)"
  else
    echo "ls latency: skipped (no python3 with PyCryptodome for the silent members)"
  fi
  wait "$flood"
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
  read -r max_rss max_fds max_thr <<< "$(awk 'BEGIN {r=0; f=0; t=0} {if ($1>r) r=$1; if ($2>f) f=$2; if ($3>t) t=$3} END {print r, f, t}' samples)"
  cat flood.out
  # after: the flood has stopped; wait for its connections to be gone (bounded)
  for _ in $(seq 300); do read -r r f t <<< "$(sample)"; [ "$f" -lt 40 ] && break; sleep 0.1; done
  after=$(sample)
  local peak again
  peak=$(sed -n 's/.*accepted (\([0-9]*\) active).*/\1/p' slog | sort -n | tail -1)
  again=$(transfers)
  echo "after the flood: 20 transfers in $(echo "$again" | cut -d' ' -f1) s, slowest $(echo "$again" | cut -d' ' -f2) s, $(echo "$again" | cut -d' ' -f3) of 20 with matching SHA-256"
  echo "server RSS KiB / fds / threads: before $before; during (max) $max_rss $max_fds $max_thr; after $after"
  echo "connections held at once (peak, from the server's log): $peak"
  echo "refused (server_busy): $(grep -c 'refused: ' slog); ended at the handshake deadline: $(grep -c 'timed out before the handshake\|handshake failed: timed out' slog)"
  kill "$srv"; wait "$srv"
}

if [ "${1:-}" = load ]; then load_bench "${2:-40}"; exit 0; fi
head -c $((MIB * 1024 * 1024)) /dev/urandom > data.bin
mbps() { echo "scale=0; $MIB * 1.048576 / $1" | bc; }
now() { date +%s.%N; }
"$B/cryptolab" version | sed -n '2,3p'

"$B/cryptolab-server" -p 0 -k key.pem -d files > slog 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do grep -q '^listening' slog && break; sleep 0.1; done
P=$(sed -n 's/^listening on 127.0.0.1://p' slog)
FP=$("$B/cryptolab-server" -k key.pem --fingerprint)
s=$(now); "$B/cryptolab-client" -p "$P" --pin "$FP" 127.0.0.1 send data.bin > /dev/null; e=$(now)
t=$(echo "$e - $s" | bc); echo "cryptolab send $MIB MiB: $t s, $(mbps "$t") MB/s"
cmp -s data.bin files/data.bin || echo "  ERROR: file differs"
s=$(now); "$B/cryptolab-client" -p "$P" --pin "$FP" 127.0.0.1 get data.bin -o dl/data.bin 2> /dev/null; e=$(now)
t=$(echo "$e - $s" | bc); echo "cryptolab get  $MIB MiB: $t s, $(mbps "$t") MB/s"
cmp -s data.bin dl/data.bin || echo "  ERROR: file differs"
rm -f dl/data.bin files/data.bin
N=200
s=$(now); for _ in $(seq $N); do "$B/cryptolab-client" -p "$P" --pin "$FP" 127.0.0.1 ls > /dev/null || echo fail; done; e=$(now)
t=$(echo "$e - $s" | bc)
echo "cryptolab: $N client runs (process start, TCP, RSA-2048-OAEP handshake, ls, close) in $t s: $(echo "$N / $t" | bc) per second"

if command -v openssl > /dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout tk.pem -out tc.pem -subj /CN=localhost -days 1 2> /dev/null
  OP=$((20000 + RANDOM % 20000))
  # s_server -WWW serves the file; its stdin must stay open (EOF stops it):
  # a named pipe we hold open for reading and writing
  mkfifo hold
  exec {HOLD}<> hold
  openssl s_server -WWW -accept "$OP" -cert tc.pem -key tk.pem -quiet < hold > /dev/null 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do (exec 3<> "/dev/tcp/127.0.0.1/$OP") 2> /dev/null && break; sleep 0.1; done
  s=$(now); printf 'GET /data.bin HTTP/1.0\r\n\r\n' | openssl s_client -connect "127.0.0.1:$OP" -quiet > dl/os.bin 2> /dev/null; e=$(now)
  t=$(echo "$e - $s" | bc); echo "openssl s_server -WWW / s_client, $MIB MiB: $t s, $(mbps "$t") MB/s ($(openssl s_client -connect "127.0.0.1:$OP" < /dev/null 2> /dev/null | sed -n 's/^New, \(.*\)$/\1/p' | head -1))"
  [ "$(stat -c %s dl/os.bin)" -ge $((MIB * 1024 * 1024)) ] || echo "  ERROR: openssl moved $(stat -c %s dl/os.bin) bytes"
  openssl s_time -connect "127.0.0.1:$OP" -new -time 5 2> /dev/null | grep 'connections in' | sed 's/^/openssl s_time -new: /'
fi
