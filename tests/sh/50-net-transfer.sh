#!/usr/bin/env bash
# 50-net-transfer: files of 0 B .. 100 MiB through cryptolab-server/-client with
# matching SHA-256; get, ls, --overwrite, echo, chat between two clients,
# key log format, fingerprint equal to OpenSSL's computation.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
net_key
start_server main

# --- sizes around the 16 KiB record boundary, and 100 MiB
mkdir -p "$T_TMP/src"
for n in 0 1 16382 16383 16384 16385 100000; do
  head -c "$n" /dev/urandom > "$T_TMP/src/f$n"
done
head -c $((100 * 1024 * 1024)) /dev/urandom > "$T_TMP/src/big100M"
for f in f0 f1 f16382 f16383 f16384 f16385 f100000 big100M; do
  if out=$(client 127.0.0.1 send "$T_TMP/src/$f" 2>&1); then
    expect_eq "send $f: SHA-256 on the server" "$(sha "$T_TMP/src/$f")" "$(sha "$SRV_DIR/$f" 2>/dev/null)"
    case $out in *"stored $f"*) pass "send $f: confirmation";; *) fail "send $f: confirmation" "stored $f" "$out";; esac
  else
    fail "send $f" "exit 0" "$out"
  fi
done
rm -f "$T_TMP/src/big100M" "$SRV_DIR/big100M"
ls -a "$SRV_DIR" | grep -q '^\.cl-tmp' && fail "no temporary files left" "" "$(ls -a "$SRV_DIR")" || pass "no temporary files left"

# --- several files in one connection
if client 127.0.0.1 send "$T_TMP/src/f1" "$T_TMP/src/f16385" --overwrite >/dev/null 2>&1; then pass "send two files with --overwrite"; else fail "send two files with --overwrite"; fi
# --- existing file without --overwrite
if out=$(client 127.0.0.1 send "$T_TMP/src/f1" 2>&1); then fail "refuse to overwrite" "exit 1" "$out"
else case $out in *exists*) pass "refuse to overwrite";; *) fail "refuse to overwrite" "exists" "$out";; esac; fi

# --- get and ls
mkdir -p "$T_TMP/dl"
if client 127.0.0.1 get f100000 -o "$T_TMP/dl/x" 2>/dev/null; then
  expect_eq "get f100000" "$(sha "$T_TMP/src/f100000")" "$(sha "$T_TMP/dl/x")"
else fail "get f100000"; fi
if client 127.0.0.1 get f0 -o "$T_TMP/dl/empty" 2>/dev/null && [ -f "$T_TMP/dl/empty" ] && [ ! -s "$T_TMP/dl/empty" ]; then
  pass "get an empty file"; else fail "get an empty file"; fi
if client 127.0.0.1 get nosuchfile -o "$T_TMP/dl/none" 2>/dev/null; then fail "get a missing file fails"
else [ -e "$T_TMP/dl/none" ] && fail "get a missing file leaves nothing" || pass "get a missing file fails, leaves nothing"; fi
[ -z "$(ls -a "$T_TMP/dl" | grep cl-tmp)" ] && pass "no temporary file left by get" || fail "no temporary file left by get"
listing=$(client 127.0.0.1 ls 2>/dev/null)
for f in f0 f1 f16384 f100000; do
  echo "$listing" | grep -Eq "^ *$(stat -c %s "$SRV_DIR/$f") +$f\$" && pass "ls shows $f" || fail "ls shows $f" "$f" "$listing"
done

# --- echo
head -c 50000 /dev/urandom > "$T_TMP/src/echo"
client 127.0.0.1 echo < "$T_TMP/src/echo" > "$T_TMP/echo.out" 2>/dev/null
expect_eq "echo returns the input" "$(sha "$T_TMP/src/echo")" "$(sha "$T_TMP/echo.out")"

# --- chat: bob listens, alice talks, the server relays
mkfifo "$T_TMP/bob.in"
client 127.0.0.1 chat --name bob < "$T_TMP/bob.in" > "$T_TMP/bob.out" 2>&1 &
BOB=$!
exec 3> "$T_TMP/bob.in"
wait_log "$SRV_LOG" "chat: bob joined" || fail "bob joins the chat"
printf 'hello bob\nsecond line\n' | client 127.0.0.1 chat --name alice > "$T_TMP/alice.out" 2>&1
wait_log "$T_TMP/bob.out" "<alice> second line" && pass "chat: bob receives alice's lines" || fail "chat relay" "<alice> second line" "$(cat "$T_TMP/bob.out")"
grep -q "<alice> hello bob" "$T_TMP/bob.out" && grep -q "^\* alice joined" "$T_TMP/bob.out" && pass "chat: join note and first line" || fail "chat: join note and first line"
echo "hi alice" >&3
exec 3>&-
wait "$BOB" && pass "chat: bob ends cleanly at end of input" || fail "chat: bob ends cleanly"

# --- key log
CRYPTOLAB_KEYLOGFILE="$T_TMP/keys.log" client 127.0.0.1 ls >/dev/null 2>&1
if grep -Eq '^CRYPTOLAB_SECRET [0-9a-f]{64} [0-9a-f]{64} [0-9a-f]{64} [0-9a-f]{64}$' "$T_TMP/keys.log" 2>/dev/null; then
  pass "key log line format"; else fail "key log line format" "CRYPTOLAB_SECRET <4 x 64 hex>" "$(cat "$T_TMP/keys.log" 2>&1)"; fi
expect_eq "key log mode" "600" "$(stat -c %a "$T_TMP/keys.log" 2>/dev/null)"

# --- server key file and fingerprint
expect_eq "server key mode" "600" "$(stat -c %a "$SRV_KEY")"
if have openssl; then
  ofp="SHA256:$(openssl pkey -in "$SRV_KEY" -pubout -outform DER 2>/dev/null | openssl dgst -sha256 -binary | base64 | tr -d '=')"
  expect_eq "fingerprint equals openssl pkey | dgst | base64" "$ofp" "$SRV_FP"
else skip "fingerprint vs openssl" "openssl not installed"; fi

# --- --insecure says so
out=$("$CLIENT" -p "$SRV_PORT" --insecure 127.0.0.1 ls 2>&1 >/dev/null)
case $out in *"NOT checked"*) pass "--insecure warns";; *) fail "--insecure warns" "NOT checked" "$out";; esac
finish
