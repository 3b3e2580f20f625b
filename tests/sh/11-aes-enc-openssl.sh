#!/usr/bin/env bash
# tests/sh/11-aes-enc-openssl.sh -- `cryptolab enc` against the `openssl enc`
# binary (the test oracle):
#   - AES_ENC_CASES (default 1008) random cases over all nine cipher names,
#     both directions, random keys/IVs, lengths 0..6000 bytes (block
#     boundaries favoured), with and without -nopad: outputs byte-identical;
#   - one 64 MiB file (16 MiB under SAN=1, said so) in both directions, with a
#     virtual-memory limit proving the streaming uses bounded memory;
#   - bad inputs: exit status 1, one line on stderr, no -out file left behind.
source "$(dirname "$0")/lib.sh"

if ! have openssl; then
  skip "cryptolab enc vs openssl enc (all cases)" "openssl not installed"
  finish; exit $?
fi

ciphers=(aes-128-ecb aes-192-ecb aes-256-ecb aes-128-cbc aes-192-cbc aes-256-cbc
         aes-128-ctr aes-192-ctr aes-256-ctr)
keylen() { case $1 in aes-128-*) echo 16;; aes-192-*) echo 24;; *) echo 32;; esac; }
cases=${AES_ENC_CASES:-1008}
pool="$T_TMP/pool"
head -c 65536 /dev/urandom > "$pool"
poolhex=$(head -c 16384 /dev/urandom | od -An -tx1 -v | tr -d ' \n')   # keys and IVs are cut from this
hexcut() { local off=$(( (RANDOM * 4 + RANDOM % 4) % (32768 - 2 * $1) )); echo "${poolhex:off:2*$1}"; }
msg="$T_TMP/msg"; a="$T_TMP/a"; b="$T_TMP/b"; c="$T_TMP/c"
same=0 differ=0
for ((i = 0; i < cases; i++)); do
  cipher=${ciphers[i % 9]}
  dir=$(( (i / 9) % 2 ))                          # 0 encrypt, 1 decrypt
  case $((RANDOM % 4)) in
    0) len=$((RANDOM % 50)) ;;                    # short, around the first blocks
    1) len=$(( (RANDOM % 64) * 16 + (RANDOM % 3) - 1 )) ;;   # near block boundaries
    *) len=$((RANDOM % 6001)) ;;
  esac
  [ "$len" -lt 0 ] && len=0
  nopad=()
  if [[ $cipher != *ctr ]] && [ $((RANDOM % 4)) -eq 0 ]; then nopad=(-nopad); len=$((len - len % 16)); fi
  [[ $cipher == *ctr ]] && [ $((RANDOM % 4)) -eq 0 ] && nopad=(-nopad)
  tail -c +$((RANDOM * 2 % 50000 + 1)) "$pool" | head -c "$len" > "$msg"
  key=$(hexcut "$(keylen "$cipher")")
  ivopt=()
  [[ $cipher != *ecb ]] && ivopt=(-iv "$(hexcut 16)")
  opts=(-"$cipher" -K "$key" "${ivopt[@]}" "${nopad[@]}")
  if [ "$dir" -eq 0 ]; then
    openssl enc -e "${opts[@]}" -in "$msg" -out "$a" 2>/dev/null
    "$CL" enc -e "${opts[@]}" -in "$msg" -out "$b"
  else
    openssl enc -e "${opts[@]}" -in "$msg" -out "$c" 2>/dev/null   # ciphertext from the oracle
    openssl enc -d "${opts[@]}" -in "$c" -out "$a" 2>/dev/null
    "$CL" enc -d "${opts[@]}" < "$c" > "$b"
  fi
  if cmp -s "$a" "$b" && { [ "$dir" -eq 0 ] || cmp -s "$msg" "$b"; }; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    fail "case $i: enc $([ "$dir" -eq 0 ] && echo -e || echo -d) ${opts[*]} (length $len)" \
         "$(od -An -tx1 -v "$a" | tr -d ' \n' | head -c 96)" "$(od -An -tx1 -v "$b" | tr -d ' \n' | head -c 96)"
  fi
done
if [ "$differ" -eq 0 ]; then pass "$same random cases identical to openssl enc"; fi
echo "  openssl comparison: $same of $cases random cases identical (9 ciphers, both directions)"

# One big file, streamed (64 MiB; 16 MiB under the sanitizers, which are ~10x slower).
mib=64
[ "${SAN:-0}" = 1 ] && mib=16
big="$T_TMP/big"
head -c $((mib * 1024 * 1024)) /dev/urandom > "$big"
key=$(randhex 16); iv=$(randhex 16)
openssl enc -aes-128-ctr -K "$key" -iv "$iv" -in "$big" -out "$a"
limit=()
[ "${SAN:-0}" = 1 ] || limit=(ulimit -v 65536)     # 64 MiB of address space: no slurping the file
if ( "${limit[@]:-true}"; "$CL" enc -aes-128-ctr -K "$key" -iv "$iv" -in "$big" -out "$b" ) && cmp -s "$a" "$b"; then
  pass "$mib MiB file, aes-128-ctr, identical to openssl (memory limited to 64 MiB)"
else
  fail "$mib MiB file, aes-128-ctr, identical to openssl"
fi
openssl enc -aes-128-cbc -K "$key" -iv "$iv" -in "$big" -out "$a"
if ( "${limit[@]:-true}"; "$CL" enc -d -aes-128-cbc -K "$key" -iv "$iv" -in "$a" -out "$b" ) && cmp -s "$big" "$b"; then
  pass "$mib MiB file, aes-128-cbc decryption of openssl's ciphertext"
else
  fail "$mib MiB file, aes-128-cbc decryption of openssl's ciphertext"
fi
rm -f "$big" "$a" "$b"
echo "  big file: $mib MiB$([ "$mib" -lt 64 ] && echo " (reduced from 64 MiB under SAN=1)")"

# Bad input: exit 1, exactly one line "cryptolab enc: ..." on stderr, no output file.
K=000102030405060708090a0b0c0d0e0f
printf 'sixteen bytes!!!' > "$msg"
openssl enc -aes-128-cbc -K $K -iv $K -nopad -in "$msg" -out "$c"   # decrypts to bad padding
head -c 31 /dev/urandom > "$T_TMP/odd"
bad_case() {   # NAME ARGS...
  local name=$1; shift
  rm -f "$T_TMP/out"
  "$CL" enc "$@" -out "$T_TMP/out" > /dev/null 2> "$T_TMP/err"
  local rc=$? nl
  nl=$(wc -l < "$T_TMP/err")
  if [ "$rc" -eq 1 ] && [ "$nl" -eq 1 ] && grep -q '^cryptolab enc: ' "$T_TMP/err" && ! ls "$T_TMP"/out* >/dev/null 2>&1; then
    pass "bad input: $name"
  else
    fail "bad input: $name" "exit 1, one stderr line, no output file" \
         "exit $rc, $nl lines: $(head -c 200 "$T_TMP/err"), files: $(ls "$T_TMP" | grep '^out' | tr '\n' ' ')"
  fi
}
bad_case "bad padding"              -d -aes-128-cbc -K $K -iv $K -in "$c"
bad_case "truncated ciphertext"     -d -aes-128-cbc -K $K -iv $K -in "$T_TMP/odd"
bad_case "empty ciphertext"         -d -aes-128-ecb -K $K -in /dev/null
bad_case "-nopad, partial block"    -aes-128-cbc -K $K -iv $K -nopad -in "$T_TMP/odd"
bad_case "-nopad decrypt, partial"  -d -aes-256-ecb -K "$K$K" -nopad -in "$T_TMP/odd"
bad_case "short key (openssl pads)" -aes-128-cbc -K 0001 -iv $K -in "$msg"
bad_case "long key (openssl cuts)"  -aes-128-cbc -K "${K}00" -iv $K -in "$msg"
bad_case "key for another size"     -aes-256-cbc -K $K -iv $K -in "$msg"
bad_case "odd-length key"           -aes-128-ecb -K ${K:1} -in "$msg"
bad_case "bad hex in key"           -aes-128-ecb -K zz${K:2} -in "$msg"
bad_case "short IV"                 -aes-128-cbc -K $K -iv 00 -in "$msg"
bad_case "missing IV (CBC)"         -aes-128-cbc -K $K -in "$msg"
bad_case "missing IV (CTR)"         -aes-192-ctr -K "$K${K:0:16}" -in "$msg"
bad_case "IV given for ECB"         -aes-128-ecb -K $K -iv $K -in "$msg"
bad_case "missing key"              -aes-128-ecb -in "$msg"
bad_case "no cipher"                -K $K -in "$msg"
bad_case "unknown cipher"           -aes-128-gcm -K $K -in "$msg"
bad_case "password option"          -aes-128-cbc -k secret -in "$msg"
bad_case "unreadable input"         -aes-128-ecb -K $K -in "$T_TMP/does-not-exist"
bad_case "input is a directory"     -aes-128-ecb -K $K -in "$T_TMP"
bad_case "CTR counter wrap"         -aes-128-ctr -K $K -iv ffffffffffffffffffffffffffffffff -in "$T_TMP/odd"
# The same inputs make openssl fail too (where it is not lax).
for args in "-d -aes-128-cbc -K $K -iv $K -in $c" "-d -aes-128-cbc -K $K -iv $K -in $T_TMP/odd" \
            "-aes-128-cbc -K $K -iv $K -nopad -in $T_TMP/odd" "-aes-128-cbc -K $K -in $msg"; do
  # shellcheck disable=SC2086
  if openssl enc $args > /dev/null 2>&1; then fail "openssl also refuses: $args"; else pass "openssl also refuses: $args"; fi
done
finish
