#!/usr/bin/env bash
# tests/sh/08-passphrase-tty.sh -- on a terminal, the commands ask for the
# pass phrase where openssl does (an encrypted key without -passin; a
# cipher without -passout: asked twice), with openssl's prompts, echo off;
# without a terminal they say which option to give, and never wait.
# The terminal is a pseudo-terminal driven by tests/sh/ttyrun.py.
source "$(dirname "$0")/lib.sh"

PY=$(command -v python3 || echo /usr/bin/python3)
if ! "$PY" -c 'import pty' 2>/dev/null; then skip "pass phrase prompts" "no python3 (pty)"; finish; exit $?; fi
tty() { "$PY" tests/sh/ttyrun.py "$@"; }
ENC=vectors/rsa/keys/key2048-enc.pem          # pass phrase: cryptolab (README.txt there)
want_pub=$("$CL" pkey -in "$ENC" -passin pass:cryptolab -pubout)

# An encrypted key, no -passin: "Enter pass phrase for FILE:", as openssl 3 asks.
out=$(tty 'Enter pass phrase for [^:]*:' cryptolab -- "$CL" pkey -in "$ENC" -pubout); rc=$?
expect_eq "pkey: exit status after the prompt" 0 "$rc"
expect_eq "pkey: the prompt" "Enter pass phrase for $ENC:" "$(head -1 <<< "$out")"
expect_eq "pkey: the key read with the typed pass phrase" "$want_pub" "$(tail -n +2 <<< "$out")"
if grep -q cryptolab <<< "$(head -1 <<< "$out")$(tail -n +2 <<< "$out" | grep -v '^-----\|^[A-Za-z0-9+/=]*$')"; then
  fail "pkey: the pass phrase is not echoed" "no 'cryptolab' on the terminal" "$out"
else pass "pkey: the pass phrase is not echoed"; fi
if have openssl; then
  # (openssl turns echo off only after its prompt: ttyrun.py types once the
  # echo is off, as a person would, so nothing typed shows after the prompt)
  expect_eq "pkey: the same prompt as openssl pkey" \
    "$(tty 'pass phrase for [^:]*:' cryptolab -- openssl pkey -in "$ENC" -pubout | head -1)" "$(head -1 <<< "$out")"
fi
out=$(tty 'Enter pass phrase for [^:]*:' wrong -- "$CL" pkey -in "$ENC" -pubout); rc=$?
expect_eq "pkey: a wrong pass phrase fails" 1 "$rc"

# The same through the common key loader (dgst -sign).
printf 'signed text\n' > "$T_TMP/msg"
"$CL" dgst -sha256 -sign "$ENC" -passin pass:cryptolab -out "$T_TMP/sig1" "$T_TMP/msg"
out=$(tty 'Enter pass phrase for [^:]*:' cryptolab -- "$CL" dgst -sha256 -sign "$ENC" -out "$T_TMP/sig2" "$T_TMP/msg"); rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$T_TMP/sig1" "$T_TMP/sig2"; then pass "dgst -sign: asks, signs as with -passin"
else fail "dgst -sign: asks, signs as with -passin" "exit 0, same signature" "exit $rc: $out"; fi

# A cipher, no -passout: asked twice ("Verifying - ..."), as openssl genrsa does.
out=$(tty 'Enter PEM pass phrase:' s3cret-pw 'Verifying - Enter PEM pass phrase:' s3cret-pw -- \
      "$CL" genrsa -aes-256-cbc -out "$T_TMP/k.pem" 1024 2>&1); rc=$?
expect_eq "genrsa -aes-256-cbc: exit status" 0 "$rc"
expect_eq "genrsa: both prompts" "Enter PEM pass phrase:|Verifying - Enter PEM pass phrase:" "$(head -2 <<< "$out" | tr '\n' '|' | sed 's/|$//')"
if "$CL" pkey -in "$T_TMP/k.pem" -passin pass:s3cret-pw -noout 2>/dev/null; then pass "genrsa: the key is encrypted with the typed pass phrase"
else fail "genrsa: the key is encrypted with the typed pass phrase" "decrypts with s3cret-pw" "does not"; fi
grep -q s3cret-pw <<< "$out" && fail "genrsa: the pass phrase is not echoed" "" "$out"
out=$(tty 'Enter PEM pass phrase:' one 'Verifying - Enter PEM pass phrase:' two -- \
      "$CL" genrsa -aes-256-cbc -out "$T_TMP/k2.pem" 1024 2>&1); rc=$?
expect_eq "genrsa: two different pass phrases fail" 1 "$rc"
[ -e "$T_TMP/k2.pem" ] && fail "genrsa: nothing written after a verify failure" "no file" "$T_TMP/k2.pem exists"
out=$(tty 'Enter PEM pass phrase:' pw2pw2 'Verifying - Enter PEM pass phrase:' pw2pw2 -- \
      "$CL" pkey -in "$ENC" -passin pass:cryptolab -aes-256-cbc -out "$T_TMP/k3.pem" 2>&1); rc=$?
if [ "$rc" -eq 0 ] && "$CL" pkey -in "$T_TMP/k3.pem" -passin pass:pw2pw2 -noout 2>/dev/null; then pass "pkey -aes-256-cbc: asks twice, encrypts with it"
else fail "pkey -aes-256-cbc: asks twice, encrypts with it" "exit 0, decrypts" "exit $rc: $out"; fi

# No terminal (setsid: no controlling tty): one error line naming the option, at once.
if have setsid; then
  out=$(timeout 20 setsid "$CL" pkey -in "$ENC" -pubout < /dev/null 2>&1); rc=$?
  expect_eq "no terminal: pkey fails at once" 1 "$rc"
  if grep -q -- '-passin' <<< "$out"; then pass "no terminal: names -passin"; else fail "no terminal: names -passin" "... -passin" "$out"; fi
  out=$(timeout 20 setsid "$CL" genrsa -aes-256-cbc 1024 < /dev/null 2>&1); rc=$?
  expect_eq "no terminal: genrsa -aes-256-cbc fails at once" 1 "$rc"
  if grep -q -- '-passout' <<< "$out"; then pass "no terminal: names -passout"; else fail "no terminal: names -passout" "... -passout" "$out"; fi
else
  skip "no-terminal cases" "setsid not installed"
fi
finish
