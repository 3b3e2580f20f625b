#!/usr/bin/env bash
# 58-net-files: limits and rules, stated and enforced (issue 12, items 4-5;
# issue 10 §3).
#   - --max-file-size and --quota answered too_large / quota before any
#     byte is stored (PUT of 2^64-1 and 2^40 bytes included);
#   - file names with bidi overrides and C1 controls refused (bad_name);
#   - key hygiene before listening: a key file others can read, a 1024-bit
#     key, are refused (--allow-open-key: a loud warning);
#   - a missing -d DIR is refused before any key file is created;
#   - client get: an existing local file is replaced only with --overwrite.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
H="$TOP/tests/sh/nethostile.py"
net_key
start_server limits --max-file-size 1M --quota 1536K
head -c 600000 /dev/urandom > "$T_TMP/a600k"
head -c 600000 /dev/urandom > "$T_TMP/b600k"
head -c 600000 /dev/urandom > "$T_TMP/c600k"
head -c 1100000 /dev/urandom > "$T_TMP/big"
no_temporaries() {
  local left; left=$(cd "$SRV_DIR" && ls -A | grep -E '\.tmp[0-9a-f]{16}$' | tr '\n' ' ')
  expect_eq "$1: no temporary left" "" "$left"
}
refused_with() {   # NAME WANT CLIENT-ARGS...
  local name=$1 want=$2; shift 2
  if out=$(client "$@" 2>&1); then fail "$name" "refused: $want" "$out"; return; fi
  case $out in *"$want"*) pass "$name";; *) fail "$name" "$want" "$out";; esac
}

# --max-file-size
refused_with "1.1 MB with --max-file-size 1M: too_large" "file too large: 1100000 bytes" 127.0.0.1 send "$T_TMP/big"
[ ! -e "$SRV_DIR/big" ] && pass "too_large: nothing stored" || fail "too_large: nothing stored"
wait_log "$SRV_LOG" "put of big refused: file too large" && pass "too_large: logged" || fail "too_large: logged"
if net_pycrypto; then
  for size in 18446744073709551615 1099511627776; do
    out=$("$NET_PY" "$H" upload "$SRV_PORT" "$SRV_FP" huge.bin "$size" 0 < /dev/null 2>&1)
    case $out in "result too_large:"*) pass "PUT of $size bytes: too_large before any byte";;
                 *) fail "PUT of $size bytes: too_large" "result too_large: ..." "$out";; esac
  done
  [ ! -e "$SRV_DIR/huge.bin" ] && pass "huge PUTs: nothing stored" || fail "huge PUTs: nothing stored"
else
  skip "PUT of 2^64-1 bytes" "no python3 with PyCryptodome (the raw PUT is the Python peer)"
fi
# --quota: 600 K + 600 K fit in 1536 K, a third does not; replacing a file counts its old size
client 127.0.0.1 send "$T_TMP/a600k" > /dev/null 2>&1 && client 127.0.0.1 send "$T_TMP/b600k" > /dev/null 2>&1 \
  && pass "two 600 KB files fit the 1536 KB quota" || fail "two files fit the quota"
refused_with "a third one: quota" "quota exceeded" 127.0.0.1 send "$T_TMP/c600k"
[ ! -e "$SRV_DIR/c600k" ] && pass "quota: nothing stored" || fail "quota: nothing stored"
out=$(client 127.0.0.1 send --overwrite --as a600k "$T_TMP/c600k" 2>&1) && pass "replacing a 600 KB file by another fits" \
  || fail "replacing within the quota" "stored" "$out"
cmp -s "$T_TMP/c600k" "$SRV_DIR/a600k" && pass "the replacement is stored" || fail "the replacement is stored"
no_temporaries "limits"

# names: bidi overrides, C1 controls, line separators
for name in "$(printf 'invoice\xe2\x80\xaefdp.exe')" "$(printf 'c1\xc2\x9bname')" "$(printf 'nel\xc2\x85x')" \
            "$(printf 'a\xe2\x81\xa6b')" "$(printf 'ls\xe2\x80\xa8ep')"; do
  refused_with "name with $(printf '%s' "$name" | od -An -c | tr -s ' ' | head -c 40): bad_name" "bad file name" \
    127.0.0.1 send --as "$name" "$T_TMP/a600k"
done

# client get: an existing local file is not replaced without --overwrite
echo "precious" > "$T_TMP/local"
refused_with "get -o EXISTING: refused" "exists: not replaced (use --overwrite)" 127.0.0.1 get a600k -o "$T_TMP/local"
expect_eq "the local file is unchanged" "precious" "$(cat "$T_TMP/local")"
out=$(client 127.0.0.1 get --overwrite a600k -o "$T_TMP/local" 2>&1) && cmp -s "$T_TMP/local" "$T_TMP/c600k" \
  && pass "get --overwrite replaces it" || fail "get --overwrite replaces it" "" "$out"
mkdir -p "$T_TMP/cwd" && echo "mine" > "$T_TMP/cwd/b600k"
out=$(cd "$T_TMP/cwd" && client 127.0.0.1 get b600k 2>&1) && fail "get NAME over ./NAME refused" "exit 1" "$out" \
  || expect_eq "get NAME does not replace ./NAME" "mine" "$(cat "$T_TMP/cwd/b600k")"
out=$(client 127.0.0.1 get a600k -o - 2>/dev/null | cmp - "$T_TMP/c600k" && echo same)
expect_eq "get -o - writes to standard output" "same" "$out"
expect_eq "no temporary left by the client" "" "$(ls -A "$T_TMP" | grep '\.tmp' | tr '\n' ' ')"

# key hygiene, before listening
mkdir -p "$T_TMP/keys/files"
cp "$SRV_KEY" "$T_TMP/keys/open.pem" && chmod 644 "$T_TMP/keys/open.pem"
out=$("$SERVER" -p 0 -k "$T_TMP/keys/open.pem" -d "$T_TMP/keys/files" 2>&1 < /dev/null); rc=$?
case "$rc:$out" in 1:*"accessible by group/others (mode 0644)"*) pass "a 0644 key file is refused";;
  *) fail "a 0644 key file is refused" "exit 1, accessible by group/others" "exit $rc: $out";; esac
case $out in *listening*) fail "refused before listening";; *) pass "refused before listening";; esac
if have openssl; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$T_TMP/keys/small.pem" 2>/dev/null
  chmod 600 "$T_TMP/keys/small.pem"
  out=$("$SERVER" -p 0 -k "$T_TMP/keys/small.pem" -d "$T_TMP/keys/files" 2>&1 < /dev/null); rc=$?
  case "$rc:$out" in 1:*"has 1024 bits"*) pass "a 1024-bit key is refused";;
    *) fail "a 1024-bit key is refused" "exit 1, has 1024 bits" "exit $rc: $out";; esac
else
  skip "1024-bit key" "openssl not installed"
fi
start_server openkey -k "$T_TMP/keys/open.pem" --allow-open-key
grep -q "WARNING: the private key file .* is accessible by group/others" "$SRV_LOG" \
  && pass "--allow-open-key: serves, with a loud warning" || fail "--allow-open-key warning" "WARNING: ..." "$(head -3 "$SRV_LOG")"

# issue 10: a missing -d DIR is refused before anything is created
mkdir -p "$T_TMP/empty"
out=$(cd "$T_TMP/empty" && "$SERVER" -p 0 -d "$T_TMP/no/such/dir" 2>&1 < /dev/null); rc=$?
expect_eq "missing -d DIR: exit 1" 1 "$rc"
case $out in *"not a directory"*) pass "missing -d DIR: said so";; *) fail "missing -d DIR: said so" "not a directory" "$out";; esac
expect_eq "missing -d DIR: no server-key.pem written" "" "$(ls -A "$T_TMP/empty")"
finish
