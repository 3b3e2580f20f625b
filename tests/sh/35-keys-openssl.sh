#!/usr/bin/env bash
# tests/sh/35-keys-openssl.sh -- RSA key files against the openssl tool, both
# directions, for 2048, 3072 and 4096 bits:
#   - keys made by each are read by the other (`openssl pkey -check` accepts ours);
#   - pkey output byte-identical to openssl's: PKCS#8 PEM, -pubout, -traditional,
#     -outform DER, -text / -text -noout / -pubout -text layout;
#   - encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) made by each
#     opens with the other; wrong passwords are refused by both;
#   - -passin/-passout sources pass: env: file: fd: stdin;
#   - malformed, truncated, wrong-type keys: one clear line on stderr, exit 1,
#     no output file left behind.
# Without openssl only the checks against the fixed files in vectors/rsa/keys run.
. "$(dirname "$0")/lib.sh"

V=vectors/rsa/keys
PW=cryptolab

# One line on stderr starting with "cryptolab pkey:" (or another CMD), exit 1.
expect_one_line_error() {   # NAME CMD -- command...
  local name=$1 cmd=$2; shift 3
  local err="$T_TMP/err" rc=0
  "$@" >"$T_TMP/out" 2>"$err" || rc=$?
  local lines; lines=$(wc -l <"$err")
  if [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && grep -q "^cryptolab $cmd: " "$err"; then
    pass "$name"
  else
    fail "$name" "exit 1 and one line 'cryptolab $cmd: ...'" "exit $rc, $lines lines: $(head -c 300 "$err")"
  fi
}

same_file() {   # NAME EXPECTED ACTUAL
  if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(md5sum <"$2")" "$(md5sum <"$3")"; fi
}

# ------------------------------------------------------------ fixed files (no openssl needed)
"$CL" pkey -in $V/key2048-pkcs1.pem >"$T_TMP/a.pem" && same_file "fixed: PKCS#1 -> PKCS#8 as openssl" $V/key2048.pem "$T_TMP/a.pem"
"$CL" pkey -in $V/key2048.pem -traditional >"$T_TMP/a.pem" && same_file "fixed: -traditional as openssl" $V/key2048-pkcs1.pem "$T_TMP/a.pem"
"$CL" pkey -in $V/key2048.pem -pubout >"$T_TMP/a.pem" && same_file "fixed: -pubout as openssl" $V/key2048-pub.pem "$T_TMP/a.pem"
"$CL" pkey -in $V/key2048.pem -text -noout >"$T_TMP/a.txt" && same_file "fixed: -text as openssl" $V/key2048-text.txt "$T_TMP/a.txt"
"$CL" pkey -pubin -in $V/key2048-pub.pem -text -noout >"$T_TMP/a.txt" && same_file "fixed: -pubin -text as openssl" $V/key2048-pub-text.txt "$T_TMP/a.txt"
"$CL" pkey -pubin -in $V/key2048-rsapub.pem >"$T_TMP/a.pem" && same_file "fixed: RSA PUBLIC KEY -> SPKI" $V/key2048-pub.pem "$T_TMP/a.pem"
"$CL" pkey -in $V/key2048-enc.pem -passin pass:$PW >"$T_TMP/a.pem" && same_file "fixed: openssl-encrypted (PRF SHA-256) opens" $V/key2048.pem "$T_TMP/a.pem"
"$CL" pkey -in $V/key2048-enc-sha1prf.pem -passin pass:$PW >"$T_TMP/a.pem" && same_file "fixed: openssl-encrypted (no PRF field: SHA-1) opens" $V/key2048.pem "$T_TMP/a.pem"
expect_one_line_error "fixed: wrong password" pkey -- "$CL" pkey -in $V/key2048-enc.pem -passin pass:wrong
if grep -q "wrong password" "$T_TMP/err"; then pass "fixed: wrong password said"; else fail "fixed: wrong password said" "wrong password" "$(cat "$T_TMP/err")"; fi
# (setsid: no terminal, where a prompt is impossible; tests/sh/08 covers the prompt)
expect_one_line_error "fixed: missing password, no terminal" pkey -- setsid -w "$CL" pkey -in $V/key2048-enc.pem
if grep -q "passin" "$T_TMP/err"; then pass "fixed: missing password says -passin"; else fail "fixed: missing password says -passin" "-passin" "$(cat "$T_TMP/err")"; fi

# ------------------------------------------------------------ password sources
"$CL" pkey -in $V/key2048-enc.pem -passin pass:$PW >"$T_TMP/p0.pem"
CLPW=$PW "$CL" pkey -in $V/key2048-enc.pem -passin env:CLPW >"$T_TMP/p1.pem" && same_file "-passin env:" "$T_TMP/p0.pem" "$T_TMP/p1.pem"
printf '%s\nsecond\n' "$PW" >"$T_TMP/pwfile"
"$CL" pkey -in $V/key2048-enc.pem -passin file:"$T_TMP/pwfile" >"$T_TMP/p1.pem" && same_file "-passin file:" "$T_TMP/p0.pem" "$T_TMP/p1.pem"
"$CL" pkey -in $V/key2048-enc.pem -passin fd:3 3<"$T_TMP/pwfile" >"$T_TMP/p1.pem" && same_file "-passin fd:" "$T_TMP/p0.pem" "$T_TMP/p1.pem"
printf '%s\n' "$PW" | "$CL" pkey -in $V/key2048-enc.pem -passin stdin >"$T_TMP/p1.pem" && same_file "-passin stdin" "$T_TMP/p0.pem" "$T_TMP/p1.pem"
expect_one_line_error "-passin env: unset" pkey -- "$CL" pkey -in $V/key2048-enc.pem -passin env:CL_NO_SUCH_VAR_X
expect_one_line_error "-passin bad form" pkey -- "$CL" pkey -in $V/key2048-enc.pem -passin $PW
expect_one_line_error "-aes-256-cbc without -passout" pkey -- "$CL" pkey -in $V/key2048.pem -aes-256-cbc

# ------------------------------------------------------------ malformed input
head -c 700 $V/key2048.pem >"$T_TMP/trunc.pem"
expect_one_line_error "truncated PEM" pkey -- "$CL" pkey -in "$T_TMP/trunc.pem"
head -c 600 $V/key2048-pkcs1.der >"$T_TMP/trunc.der"
expect_one_line_error "truncated DER" pkey -- "$CL" pkey -in "$T_TMP/trunc.der"
{ cat $V/key2048-pkcs1.der; printf 'X'; } >"$T_TMP/trail.der"
expect_one_line_error "DER with trailing data" pkey -- "$CL" pkey -in "$T_TMP/trail.der"
sed '5s/./*/' $V/key2048.pem >"$T_TMP/badb64.pem"
expect_one_line_error "bad base64 character" pkey -- "$CL" pkey -in "$T_TMP/badb64.pem"
sed 's/END PRIVATE KEY/END PUBLIC KEY/' $V/key2048.pem >"$T_TMP/label.pem"
expect_one_line_error "END label mismatch" pkey -- "$CL" pkey -in "$T_TMP/label.pem"
expect_one_line_error "public key where a private one is needed" pkey -- "$CL" pkey -in $V/key2048-pub.pem
expect_one_line_error "private key given to -pubin" pkey -- "$CL" pkey -pubin -in $V/key2048.pem
printf 'hello\n' >"$T_TMP/junk"
expect_one_line_error "not a key at all" pkey -- "$CL" pkey -in "$T_TMP/junk"
: >"$T_TMP/empty"
expect_one_line_error "empty file" pkey -- "$CL" pkey -in "$T_TMP/empty"
expect_one_line_error "missing file" pkey -- "$CL" pkey -in "$T_TMP/does-not-exist"
expect_one_line_error "no output left behind" pkey -- "$CL" pkey -in "$T_TMP/trunc.pem" -out "$T_TMP/left.pem"
if ls "$T_TMP"/left.pem* >/dev/null 2>&1; then fail "no output file on failure" "none" "$(ls "$T_TMP"/left.pem*)"; else pass "no output file on failure"; fi
expect_one_line_error "genrsa bad size" genrsa -- "$CL" genrsa 1000
expect_one_line_error "genrsa not a number" genrsa -- "$CL" genrsa abc

# genrsa: warning for lab sizes, mode 0600, PKCS#8 header
"$CL" genrsa -out "$T_TMP/g512.pem" 512 2>"$T_TMP/warn"
if grep -q "warning" "$T_TMP/warn"; then pass "genrsa 512 prints a warning"; else fail "genrsa 512 prints a warning" "warning" "$(cat "$T_TMP/warn")"; fi
expect_eq "genrsa file mode 0600" 600 "$(stat -c %a "$T_TMP/g512.pem")"
expect_eq "genrsa PKCS#8 header" "-----BEGIN PRIVATE KEY-----" "$(head -1 "$T_TMP/g512.pem")"
"$CL" pkey -in $V/key2048.pem -out "$T_TMP/m.pem"
expect_eq "pkey private output mode 0600" 600 "$(stat -c %a "$T_TMP/m.pem")"
"$CL" pkey -in $V/key2048.pem -pubout -out "$T_TMP/m.pub"
expect_eq "pkey public output mode 0644" 644 "$(stat -c %a "$T_TMP/m.pub")"

# ------------------------------------------------------------ against openssl
if ! have openssl; then
  skip "openssl interop (2048/3072/4096)" "openssl not installed"
  finish; exit $?
fi

OSSL_EC=$T_TMP/ec.pem
if openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OSSL_EC" 2>/dev/null; then
  expect_one_line_error "EC key refused" pkey -- "$CL" pkey -in "$OSSL_EC"
  grep -q "EC key" "$T_TMP/err" && pass "EC key named in the message" || fail "EC key named in the message" "EC key" "$(cat "$T_TMP/err")"
fi

# encryption schemes we do not implement: refused by name, not as "wrong password"
openssl pkey -in $V/key2048.pem -traditional -aes256 -passout pass:x -out "$T_TMP/legacy.pem" 2>/dev/null
expect_one_line_error "legacy PEM encryption refused" pkey -- "$CL" pkey -in "$T_TMP/legacy.pem" -passin pass:x
grep -q "Proc-Type" "$T_TMP/err" && pass "legacy PEM encryption named" || fail "legacy PEM encryption named" "Proc-Type" "$(cat "$T_TMP/err")"
for scheme in "-v1 PBE-SHA1-3DES:PBES2" "-scrypt:scrypt" "-v2 aes-128-cbc:AES-256-CBC"; do
  opts=${scheme%%:*}; word=${scheme##*:}
  # shellcheck disable=SC2086
  if openssl pkcs8 -topk8 $opts -in $V/key2048.pem -passout pass:x -out "$T_TMP/other.pem" 2>/dev/null; then
    expect_one_line_error "pkcs8 $opts refused" pkey -- "$CL" pkey -in "$T_TMP/other.pem" -passin pass:x
    grep -q "$word" "$T_TMP/err" && pass "pkcs8 $opts: reason given" || fail "pkcs8 $opts: reason given" "$word" "$(cat "$T_TMP/err")"
  else
    skip "pkcs8 $opts" "this openssl cannot write it"
  fi
done
openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 100000 -in $V/key2048.pem -passout pass:x -out "$T_TMP/iter.pem" 2>/dev/null
"$CL" pkey -in "$T_TMP/iter.pem" -passin pass:x >"$T_TMP/got" 2>"$T_TMP/err"
same_file "pkcs8 -iter 100000 opens" $V/key2048.pem "$T_TMP/got"

for bits in 2048 3072 4096; do
  d="$T_TMP/$bits"; mkdir -p "$d"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$d/o.pem" 2>/dev/null \
    || { fail "openssl genpkey $bits"; continue; }
  if "$CL" genrsa -out "$d/c.pem" $bits 2>/dev/null; then pass "$bits: genrsa"; else fail "$bits: genrsa"; continue; fi

  # ours read by openssl
  out=$(openssl pkey -in "$d/c.pem" -check -noout 2>&1)
  expect_eq "$bits: openssl pkey -check accepts ours" "Key is valid" "$out"
  out=$("$CL" pkey -in "$d/c.pem" -check -noout 2>&1)
  expect_eq "$bits: our -check" "Key is valid" "$out"
  openssl pkey -in "$d/c.pem" >"$d/c.ossl.pem" 2>/dev/null
  same_file "$bits: openssl re-encodes ours identically" "$d/c.pem" "$d/c.ossl.pem"
  expect_eq "$bits: openssl sees $bits bits" "Private-Key: ($bits bit, 2 primes)" \
    "$(openssl pkey -in "$d/c.pem" -text -noout 2>/dev/null | head -1)"

  # openssl's read by ours
  "$CL" pkey -in "$d/o.pem" >"$d/o.cl.pem" 2>"$d/err"
  same_file "$bits: we re-encode openssl's identically" "$d/o.pem" "$d/o.cl.pem"

  for who in o c; do
    k="$d/$who.pem"
    tag="$bits/$([ $who = o ] && echo openssl || echo ours)"
    for args in "-pubout" "-traditional" "-text -noout" "-text" "-pubout -text" "-text_pub -noout" \
                "-outform DER" "-pubout -outform DER" "-check -noout"; do
      # shellcheck disable=SC2086
      openssl pkey -in "$k" $args >"$d/want" 2>/dev/null
      # shellcheck disable=SC2086
      "$CL" pkey -in "$k" $args >"$d/got" 2>"$d/err"
      same_file "$tag: pkey $args byte-identical" "$d/want" "$d/got"
    done
    openssl pkey -in "$k" -pubout -out "$d/pub.pem" 2>/dev/null
    openssl pkey -in "$k" -traditional -out "$d/trad.pem" 2>/dev/null
    openssl pkey -in "$k" -outform DER -out "$d/trad.der" 2>/dev/null
    openssl pkey -pubin -in "$d/pub.pem" -outform DER -out "$d/pub.der" 2>/dev/null
    openssl pkey -pubin -in "$d/pub.pem" -text -noout >"$d/want" 2>/dev/null
    "$CL" pkey -pubin -in "$d/pub.pem" -text -noout >"$d/got" 2>"$d/err"
    same_file "$tag: pkey -pubin -text byte-identical" "$d/want" "$d/got"
    "$CL" pkey -pubin -in "$d/pub.der" >"$d/got" 2>"$d/err"
    same_file "$tag: SPKI DER read" "$d/pub.pem" "$d/got"
    "$CL" pkey -in "$d/trad.pem" >"$d/got" 2>"$d/err"
    same_file "$tag: PKCS#1 PEM read" "$k" "$d/got"
    "$CL" pkey -in "$d/trad.der" >"$d/got" 2>"$d/err"
    same_file "$tag: PKCS#1 DER read" "$k" "$d/got"

    # encrypted PKCS#8 both ways
    "$CL" pkey -in "$k" -aes-256-cbc -passout pass:$PW -out "$d/enc.cl.pem" 2>"$d/err"
    expect_eq "$tag: our encrypted header" "-----BEGIN ENCRYPTED PRIVATE KEY-----" "$(head -1 "$d/enc.cl.pem")"
    openssl pkey -in "$d/enc.cl.pem" -passin pass:$PW >"$d/got" 2>"$d/err"
    same_file "$tag: ours encrypted -> openssl decrypts" "$k" "$d/got"
    if openssl pkey -in "$d/enc.cl.pem" -passin pass:wrong >/dev/null 2>&1; then
      fail "$tag: openssl refuses ours with a wrong password"
    else pass "$tag: openssl refuses ours with a wrong password"; fi
    openssl pkey -in "$k" -aes-256-cbc -passout pass:$PW -out "$d/enc.o.pem" 2>/dev/null
    "$CL" pkey -in "$d/enc.o.pem" -passin pass:$PW >"$d/got" 2>"$d/err"
    same_file "$tag: openssl encrypted -> we decrypt" "$k" "$d/got"
    expect_one_line_error "$tag: we refuse openssl's with a wrong password" pkey -- \
      "$CL" pkey -in "$d/enc.o.pem" -passin pass:wrong
    openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA1 -in "$k" -passout pass:$PW -out "$d/enc.sha1.pem" 2>/dev/null
    "$CL" pkey -in "$d/enc.sha1.pem" -passin pass:$PW >"$d/got" 2>"$d/err"
    same_file "$tag: openssl pkcs8 (PRF field omitted) -> we decrypt" "$k" "$d/got"
    # re-encrypt from an encrypted input (passin and passout from one file: lines 1 and 2)
    printf '%s\nnew-%s\n' "$PW" "$PW" >"$d/pw2"
    "$CL" pkey -in "$d/enc.o.pem" -passin file:"$d/pw2" -aes-256-cbc -passout file:"$d/pw2" -out "$d/re.pem" 2>"$d/err"
    openssl pkey -in "$d/re.pem" -passin pass:new-$PW >"$d/got" 2>/dev/null
    same_file "$tag: re-encrypt (same file: line 2 for -passout)" "$k" "$d/got"
  done
done

finish
