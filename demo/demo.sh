#!/usr/bin/env bash
# make demo -- the founding document's four steps, made safe, on loopback:
#   a server with a fresh key and an empty directory in a temporary folder,
#   a client (-v narrates the steps) that sends a sample file and a chat
#   line, the received file's SHA-256 checked, everything stopped and removed.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
SERVER="$TOP/bin/cryptolab-server"
CLIENT="$TOP/bin/cryptolab-client"
for p in "$SERVER" "$CLIENT"; do
  [ -x "$p" ] || { echo "make demo: $p is missing (run make)"; exit 1; }
done
DEMO=$(mktemp -d "${TMPDIR:-/tmp}/cryptolab-demo.XXXXXX")
SPID=
cleanup() {
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
  rm -rf "$DEMO"
}
trap cleanup EXIT
die() { echo "make demo: FAILED: $*"; [ -f "$DEMO/server.log" ] && { echo "--- server log:"; cat "$DEMO/server.log"; }; exit 1; }

mkdir -p "$DEMO/files" "$DEMO/home"
export HOME="$DEMO/home"     # the client's known_hosts stays in the demo folder

echo "== starting the server (a fresh 2048-bit key, port chosen by the system)"
"$SERVER" -p 0 -k "$DEMO/server-key.pem" -d "$DEMO/files" > "$DEMO/server.log" 2>&1 &
SPID=$!
PORT=
for _ in $(seq 600); do        # wait for the "listening on" line (key generation can take a moment)
  PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$DEMO/server.log")
  [ -n "$PORT" ] && break
  kill -0 "$SPID" 2>/dev/null || die "the server did not start"
  sleep 0.1
done
[ -n "$PORT" ] || die "the server did not say where it listens"
FP=$("$SERVER" -k "$DEMO/server-key.pem" --fingerprint) || die "cannot read the server's fingerprint"
sed -n '1,3p' "$DEMO/server.log" | grep -v '^generating'
echo "   the client pins the key the operator published: $FP"

echo
echo "== the client sends a sample file; -v narrates the four steps"
SAMPLE="$DEMO/sample.txt"
{ echo "The founding document: connect, exchange a key with RSA, encrypt with AES, decrypt."
  head -c 40000 /dev/urandom | od -An -tx1 | head -n 600; } > "$SAMPLE"
"$CLIENT" -p "$PORT" --pin "$FP" -v 127.0.0.1 send "$SAMPLE" || die "the client could not send the file"

echo
echo "== checking the received file"
want=$(sha256sum < "$SAMPLE" | cut -d' ' -f1)
got=$(sha256sum < "$DEMO/files/sample.txt" 2>/dev/null | cut -d' ' -f1)
echo "   sent:     $want"
echo "   received: $got"
[ "$want" = "$got" ] || die "the received file differs from the sent one"

echo
echo "== chat: a listener joins, the demo client says one line, the server relays it"
mkfifo "$DEMO/listener.in"
"$CLIENT" -p "$PORT" --pin "$FP" 127.0.0.1 chat --name listener < "$DEMO/listener.in" > "$DEMO/listener.out" 2>&1 &
LPID=$!
exec 3> "$DEMO/listener.in"     # keeps the listener's input open
wait_for() {                   # wait_for FILE PATTERN: bounded wait for an event
  for _ in $(seq 300); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done; return 1
}
wait_for "$DEMO/server.log" "chat: listener joined" || die "the chat listener did not join"
echo "hello from make demo" | "$CLIENT" -p "$PORT" --pin "$FP" 127.0.0.1 chat --name demo \
  || die "the chat client failed"
wait_for "$DEMO/listener.out" "<demo> hello from make demo" || die "the chat line was not relayed"
exec 3>&-
wait "$LPID" || die "the chat listener failed"
sed 's/^/   listener saw: /' "$DEMO/listener.out"

echo
echo "== the same client with a wrong pin: it must refuse before sending any secret"
WRONG="SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
if "$CLIENT" -p "$PORT" --pin "$WRONG" 127.0.0.1 ls > "$DEMO/wrong.out" 2>&1; then
  die "the client accepted a server key that does not match its pin"
fi
grep -m1 'WARNING' "$DEMO/wrong.out"

echo
echo "== server log"
grep ' conn ' "$DEMO/server.log"
echo
echo "make demo: OK -- four steps, file verified by SHA-256, chat relayed; server stopped, files removed"
