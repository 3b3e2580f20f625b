#!/usr/bin/env bash
# tests/sh/net-bench.sh [MiB] -- throughput of a file transfer over loopback,
# cryptolab-server/-client beside openssl s_server/s_client moving the same
# file in the same run, and handshakes per second.  Not part of make check
# (speed belongs to benchmarks).  Default 1024 MiB.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B="$TOP/bin"
MIB=${1:-1024}
W=$(mktemp -d "${TMPDIR:-/tmp}/cryptolab-netbench.XXXXXX")
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$W"' EXIT
cd "$W"
mkdir files dl
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
