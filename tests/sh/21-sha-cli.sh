#!/usr/bin/env bash
# tests/sh/21-sha-cli.sh -- cryptolab sha256sum / dgst / kdf against the real
# coreutils sha256sum and openssl (test oracles only), on random inputs:
#   every length 0-300 bytes; padding boundaries; random read splits through
#   pipes; a 1 GiB file (one run per tool, MB/s printed, memory limit;
#   64 MiB under SAN=1);
#   random HMAC keys of 0-200 bytes; random HKDF parameters; sha256sum -c
#   (OK/FAILED/warnings/exit codes); error cases.
# stderr of sha256sum is compared after replacing its program name
# "sha256sum:" by "cryptolab sha256sum:" (the documented difference).
source "$(dirname "$0")/lib.sh"

HAVE_SUM=0; HAVE_SSL=0
have sha256sum && HAVE_SUM=1
have openssl && HAVE_SSL=1
[ $HAVE_SUM = 1 ] || skip "all sha256sum comparisons" "coreutils sha256sum not installed"
[ $HAVE_SSL = 1 ] || skip "all openssl comparisons" "openssl not installed"

D="$T_TMP/d"; mkdir -p "$D"
norm_err() { sed -e 's/^sha256sum: /cryptolab sha256sum: /' \
                 -e "s/Try 'sha256sum --help'/Try 'cryptolab sha256sum --help'/" "$1"; }

# cmp_sum NAME [ARGS...]: sha256sum ARGS vs cryptolab sha256sum ARGS, run in
# $D with standard input from $IN (default /dev/null): same stdout, same
# stderr (program name replaced), same exit status.
IN=/dev/null
cmp_sum() {
  local name=$1; shift
  [ $HAVE_SUM = 1 ] || return 0
  (cd "$D" && sha256sum "$@" <"$IN" >"$T_TMP/r.out" 2>"$T_TMP/r.err"); local r1=$?
  (cd "$D" && "$CL" sha256sum "$@" <"$IN" >"$T_TMP/c.out" 2>"$T_TMP/c.err"); local r2=$?
  norm_err "$T_TMP/r.err" > "$T_TMP/r.err2"
  if cmp -s "$T_TMP/r.out" "$T_TMP/c.out" && cmp -s "$T_TMP/r.err2" "$T_TMP/c.err" && [ $r1 = $r2 ]; then
    pass "$name"
  else
    fail "$name" "sha256sum: exit $r1" "cryptolab: exit $r2"
    diff "$T_TMP/r.out" "$T_TMP/c.out" | head -10
    diff "$T_TMP/r.err2" "$T_TMP/c.err" | head -10
  fi
}

# cmp_ssl NAME TOOL [ARGS...]: openssl TOOL ARGS vs cryptolab TOOL ARGS (stdout, exit).
cmp_ssl() {
  local name=$1; shift
  [ $HAVE_SSL = 1 ] || return 0
  (cd "$D" && openssl "$@" <"$IN" >"$T_TMP/r.out" 2>/dev/null); local r1=$?
  (cd "$D" && "$CL" "$@" <"$IN" >"$T_TMP/c.out" 2>"$T_TMP/c.err"); local r2=$?
  if cmp -s "$T_TMP/r.out" "$T_TMP/c.out" && [ $r1 = $r2 ]; then
    pass "$name"
  else
    fail "$name" "openssl $*: exit $r1, $(head -c 300 "$T_TMP/r.out" | od -An -c | head -3)" \
         "cryptolab: exit $r2, $(head -c 300 "$T_TMP/c.out" | od -An -c | head -3) $(cat "$T_TMP/c.err")"
  fi
}

# ---------------------------------------------------------------- every length 0-300
head -c 45150 /dev/urandom > "$T_TMP/blob"
files=()
for n in $(seq 0 300); do
  f=$(printf 'len%03d' "$n"); head -c "$n" "$T_TMP/blob" > "$D/$f"; files+=("$f")
done
per_line() {   # NAME FILE1 FILE2: one check per line (i.e. per length)
  local name=$1 a b i=0
  mapfile -t a < "$2"; mapfile -t b < "$3"
  if [ ${#a[@]} -ne 301 ] || [ ${#b[@]} -ne 301 ]; then fail "$name: 301 lines" "${#a[@]}" "${#b[@]}"; return; fi
  for i in $(seq 0 300); do
    if [ "${a[$i]}" == "${b[$i]}" ]; then pass "$name length $i"; else fail "$name length $i" "${a[$i]}" "${b[$i]}"; fi
  done
}
if [ $HAVE_SUM = 1 ]; then
  (cd "$D" && sha256sum "${files[@]}") > "$T_TMP/r.out"
  (cd "$D" && "$CL" sha256sum "${files[@]}") > "$T_TMP/c.out"
  per_line "sha256sum" "$T_TMP/r.out" "$T_TMP/c.out"
fi
if [ $HAVE_SSL = 1 ]; then
  (cd "$D" && openssl dgst -sha256 "${files[@]}") > "$T_TMP/r.out"
  (cd "$D" && "$CL" dgst -sha256 "${files[@]}") > "$T_TMP/c.out"
  per_line "dgst -sha256" "$T_TMP/r.out" "$T_TMP/c.out"
  cmp_ssl "dgst -r, lengths 0-300" dgst -sha256 -r "${files[@]}"
  cmp_ssl "dgst (default digest label), lengths 0-300" dgst "${files[@]}"
  cmp_ssl "dgst -c, lengths 0-300" dgst -sha256 -c "${files[@]}"
fi

# ---------------------------------------------------------------- boundaries, stdin, splits
for n in 55 56 57 63 64 65 119 120 127 128 129 4095 4096 4097 65535 65536 65537 1000000; do
  head -c "$n" /dev/zero | tr '\0' 'a' > "$D/b$n"
  cmp_sum "sha256sum boundary $n" "b$n"
  cmp_ssl "dgst boundary $n" dgst -sha256 "b$n"
done
IN="$D/b65537"; cmp_sum "sha256sum from stdin (no FILE)"; cmp_sum "sha256sum -"; cmp_ssl "dgst stdin" dgst -sha256; IN=/dev/null
head -c 100000 /dev/urandom > "$D/split"
want=$(cd "$D" && "$CL" sha256sum < split | cut -c1-64)
[ $HAVE_SUM = 1 ] && expect_eq "random data, stdin" "$(sha256sum < "$D/split" | cut -c1-64)" "$want"
for bs in 1 7 63 64 65 1000 4097 65537; do
  # dd writes bs-byte pieces into the pipe: read() sees many different splits
  count=$(( bs == 1 ? 3000 : 100000 ))
  got=$(dd if="$D/split" bs="$bs" count=$(( (count + bs - 1) / bs )) status=none | head -c "$count" | "$CL" sha256sum | cut -c1-64)
  ref=$(head -c "$count" "$D/split" | "$CL" dgst -sha256 -r | cut -c1-64)
  [ $HAVE_SUM = 1 ] && ref=$(head -c "$count" "$D/split" | sha256sum | cut -c1-64)
  expect_eq "pipe in $bs-byte writes" "$ref" "$got"
done

# ---------------------------------------------------------------- 1 GiB, flat memory
# One run per tool on a 1 GiB file (length 2^33 bits: the upper word of the
# 64-bit length field is non-zero), its speed printed (not asserted).  Under
# SAN=1 the instrumented hash runs at a fraction of the speed, so the file is
# 64 MiB there (said below); the 64-bit length is also unit-tested.
big="$T_TMP/big"
if [ "${SAN:-0}" = 1 ]; then big_mib=64; else big_mib=1024; fi
big_bytes=$((big_mib * 1048576))
head -c 1048576 /dev/urandom > "$T_TMP/chunk"
for i in $(seq 1 "$big_mib"); do cat "$T_TMP/chunk"; done > "$big"
now() { date +%s.%N; }
mbps() { awk -v s="$1" -v e="$2" -v b="$big_bytes" 'BEGIN { t = e - s; if (t <= 0) t = 0.001; printf "%.0f", b / 1e6 / t }'; }
label="1 GiB"
[ "$big_mib" = 1024 ] || { label="$big_mib MiB"; echo "  NOTE: SAN=1: the 1 GiB file test runs on $big_mib MiB (1 GiB only in the normal build)"; }
t0=$(now)
if [ "${SAN:-0}" != 1 ]; then
  # memory must stay flat: 64 MiB of address space is plenty for a streaming hash
  ours=$( (ulimit -v 65536; "$CL" sha256sum "$big") ); rc=$?
else
  ours=$("$CL" sha256sum "$big"); rc=$?   # ASan needs a large address space: no ulimit
fi
t1=$(now)
expect_eq "$label: cryptolab sha256sum exit status (memory limited to 64 MiB unless SAN=1)" 0 $rc
if [ $HAVE_SUM = 1 ]; then
  t2=$(now); ref=$(sha256sum "$big"); t3=$(now)
  expect_eq "$label file" "$ref" "$ours"
  echo "  $label: cryptolab sha256sum $(mbps "$t0" "$t1") MB/s, coreutils sha256sum $(mbps "$t2" "$t3") MB/s (same run$([ "${SAN:-0}" = 1 ] && echo ', under ASan+UBSan'))"
else
  echo "  $label: cryptolab sha256sum $(mbps "$t0" "$t1") MB/s"
fi
rm -f "$big"

# ---------------------------------------------------------------- HMAC, random keys 0-200 bytes
if [ $HAVE_SSL = 1 ]; then
  for kl in $(seq 0 200); do
    f=${files[$((RANDOM % 301))]}
    if [ "$kl" -eq 0 ]; then
      cmp_ssl "HMAC empty key ($f)" dgst -sha256 -hmac "" "$f"
    else
      key=$(randhex "$kl")
      cmp_ssl "HMAC $kl-byte key ($f)" dgst -sha256 -mac HMAC -macopt "hexkey:$key" "$f"
    fi
  done
  for i in $(seq 1 20); do
    key=$(head -c 200 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c $((RANDOM % 120)))
    f=${files[$((RANDOM % 301))]}
    cmp_ssl "dgst -hmac text key of ${#key} bytes" dgst -hmac "$key" "$f"
    cmp_ssl "dgst -sha256 -hmac -r text key of ${#key} bytes" dgst -sha256 -hmac "$key" -r "$f"
  done
  cmp_ssl "HMAC key:TEXT form" dgst -sha256 -mac HMAC -macopt key:Jefe len100
  cmp_ssl "HMAC -binary" dgst -sha256 -hmac k -binary len100
  cmp_ssl "dgst -binary" dgst -sha256 -binary len100
fi

# ---------------------------------------------------------------- HKDF, random parameters
if [ $HAVE_SSL = 1 ]; then
  for i in $(seq 1 60); do
    ikm=$(randhex $((RANDOM % 101))); salt=$(randhex $((RANDOM % 101))); info=$(randhex $((RANDOM % 101)))
    case $i in 1) L=1 ;; 2) L=32 ;; 3) L=33 ;; 4) L=8160 ;; 5) L=255 ;; *) L=$((1 + RANDOM % 600)) ;; esac
    cmp_ssl "kdf HKDF L=$L ikm=${#ikm}/2 salt=${#salt}/2 info=${#info}/2" kdf -keylen "$L" \
      -kdfopt digest:SHA256 -kdfopt "hexkey:$ikm" -kdfopt "hexsalt:$salt" -kdfopt "hexinfo:$info" HKDF
  done
  cmp_ssl "kdf without salt/info" kdf -keylen 42 -kdfopt digest:SHA256 -kdfopt hexkey:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b HKDF
  cmp_ssl "kdf text key/salt/info" kdf -keylen 50 -kdfopt digest:SHA256 -kdfopt key:secret -kdfopt salt:pepper -kdfopt info:ctx HKDF
  cmp_ssl "kdf -binary" kdf -keylen 20 -kdfopt digest:SHA256 -kdfopt key:k -binary HKDF
  cmp_ssl "kdf mode:EXTRACT_ONLY" kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt key:k -kdfopt salt:s -kdfopt mode:EXTRACT_ONLY HKDF
  cmp_ssl "kdf mode:EXPAND_ONLY" kdf -keylen 77 -kdfopt digest:SHA256 -kdfopt hexkey:$(randhex 32) -kdfopt info:i -kdfopt mode:EXPAND_ONLY HKDF
  cmp_ssl "kdf L = 8161 fails" kdf -keylen 8161 -kdfopt digest:SHA256 -kdfopt key:k HKDF
  cmp_ssl "kdf without key fails" kdf -keylen 10 -kdfopt digest:SHA256 HKDF
  cmp_ssl "kdf without digest fails" kdf -keylen 10 -kdfopt key:k HKDF
  cmp_ssl "kdf -keylen 0 fails" kdf -keylen 0 -kdfopt digest:SHA256 -kdfopt key:k HKDF
  cmp_ssl "kdf bad hex fails" kdf -keylen 3 -kdfopt digest:SHA256 -kdfopt hexkey:0g HKDF
  cmp_ssl "kdf unknown parameter fails" kdf -keylen 3 -kdfopt digest:SHA256 -kdfopt hexkey:0b -kdfopt foo:bar HKDF
  "$CL" kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt key:k -out "$T_TMP/okm" HKDF
  expect_eq "kdf -out" "$(openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt key:k HKDF)" "$(cat "$T_TMP/okm")"
  "$CL" kdf -keylen 9000 -kdfopt digest:SHA256 -kdfopt key:k -out "$T_TMP/okm2" HKDF 2>/dev/null
  [ -e "$T_TMP/okm2" ] && fail "kdf failure leaves no -out file" || pass "kdf failure leaves no -out file"
fi

# ---------------------------------------------------------------- sha256sum names and errors
printf x > "$D/b\\c"; printf y > "$D/$(printf 'n\nl')"; printf z > "$D/$(printf 'r\rq')"
printf w > "$D/a b"; printf v > "$D/it's"; mkdir -p "$D/dir"
cmp_sum "escaped names (backslash, newline, CR)" "b\\c" "$(printf 'n\nl')" "$(printf 'r\rq')" "a b" "it's"
cmp_sum "--tag with escaped names" --tag "b\\c" "$(printf 'n\nl')" len001
cmp_sum "-b marker" -b len001 len002
cmp_sum "-t marker" -t len001
cmp_sum "missing file" nothere len003
cmp_sum "directory" dir len004
cmp_sum "quoted names in messages" "no such" "x'y" "$(printf 'c\001d')" "é" "a:b" "~t"
cmp_sum "-- ends options" -- len005
cmp_sum "-z: NUL-terminated lines, names not escaped" -z "b\\c" "$(printf 'n\nl')" len001
cmp_sum "-z --tag" -z --tag "b\\c" len002
cmp_sum "-z -b" -zb len003
cmp_sum "--zero -c refused" --zero -c len001
for o in --ignore-missing --status --warn --quiet --strict "-c --tag" "-c -b" "-c -t" "--tag -t" --bogus -x "-c --tag -t"; do
  # shellcheck disable=SC2086
  cmp_sum "option error: $o" $o len001
done
if [ "$(id -u)" != 0 ]; then
  printf s > "$D/secret"; chmod 000 "$D/secret"
  cmp_sum "unreadable file" secret len001
  chmod 600 "$D/secret"
else
  skip "unreadable file" "running as root: chmod 000 does not stop root from reading"
fi

# ---------------------------------------------------------------- sha256sum -c
if [ $HAVE_SUM = 1 ]; then
  (cd "$D" && sha256sum len000 len001 len064 "b\\c" "$(printf 'n\nl')" "$(printf 'r\rq')" > sums.ok)
  (cd "$D" && { cat sums.ok
     echo "this line is not a checksum"
     sha256sum len002 | sed 's/^./0/'                      # mismatch
     echo "$(sha256sum len003 | cut -c1-64)  missing-file"
     echo "$(sha256sum len003 | cut -c1-64)  dir"
     sha256sum --tag len005                                 # BSD tag line
     sha256sum len006 | tr a-f A-F | sed 's/  LEN006/  len006/'   # uppercase hex
     printf '%s\r\n' "$(sha256sum len007)"                 # CRLF
     echo "# a comment"; echo
     sha256sum -b len008                                    # '*' marker
   } > sums.mixed)
  (cd "$D" && sha256sum len010 > sums.one && echo "$(sha256sum len011 | cut -c1-64)  gone" > sums.missing)
  (cd "$D" && printf 'nothing here\n\n' > sums.none)
  for opts in "" "--quiet" "--status" "-w" "--strict" "--ignore-missing" "--quiet --strict -w"; do
    # shellcheck disable=SC2086
    cmp_sum "-c $opts (all OK)" -c $opts sums.ok
    # shellcheck disable=SC2086
    cmp_sum "-c $opts (mixed: mismatch, missing, dir, bad lines)" -c $opts sums.mixed
  done
  cmp_sum "-c two checksum files" -c sums.ok sums.one
  cmp_sum "-c --ignore-missing, nothing verified" -c --ignore-missing sums.missing
  cmp_sum "-c missing file line" -c sums.missing
  cmp_sum "-c no properly formatted lines" -c sums.none
  cmp_sum "-c nonexistent checksum file" -c nosuchsums
  cmp_sum "-c directory as checksum file" -c dir
  IN="$D/sums.ok"; cmp_sum "-c from stdin"; cmp_sum "-c - (stdin)" -c -; IN=/dev/null
  (cd "$D" && sha256sum len012 | sed 's/len012$/-/' > sums.dash)
  IN="$D/sums.dash"; cmp_sum "-c stdin listing '-' is improperly formatted" -c; IN="$D/len012"
  cmp_sum "-c file listing '-' reads stdin" -c sums.dash; IN=/dev/null
  (cd "$D" && { sha256sum len013 | sed 's/  / /'; sha256sum len014 | sed 's/  / /'; } > sums.rev)
  cmp_sum "-c 'hash name' (one space) lines" -c sums.rev
  (cd "$D" && { sha256sum len015; sha256sum len016 | sed 's/  / /'; } > sums.mix2)
  cmp_sum "-c mixing formats" -c -w sums.mix2
fi

# ---------------------------------------------------------------- dgst / kdf errors
if [ $HAVE_SSL = 1 ]; then
  cmp_ssl "dgst: missing file among others (exit 1, others printed)" dgst -sha256 len001 nothere len002
  cmp_ssl "dgst: directory (exit 1)" dgst -sha256 dir len002
  cmp_ssl "dgst: unknown option" dgst -bogus len001
  cmp_ssl "dgst: -hmac without value" dgst -sha256 -hmac
  cmp_ssl "dgst: options end at the first file" dgst -sha256 len001 -r
  cmp_ssl "dgst: names with newline/backslash" dgst -sha256 "b\\c" "$(printf 'n\nl')"
  cmp_ssl "dgst -r: names with newline/backslash" dgst -sha256 -r "b\\c" "$(printf 'n\nl')" "$(printf 'r\rq')"
  (cd "$D" && openssl dgst -sha256 -hmac k -out "$T_TMP/o.ssl" len001 len002 && "$CL" dgst -sha256 -hmac k -out "$T_TMP/o.cl" len001 len002)
  if cmp -s "$T_TMP/o.ssl" "$T_TMP/o.cl"; then pass "dgst -out"; else fail "dgst -out" "$(cat "$T_TMP/o.ssl")" "$(cat "$T_TMP/o.cl" 2>&1)"; fi
  (cd "$D" && "$CL" dgst -sha256 -out "$T_TMP/o.fail" len001 nothere 2>/dev/null)
  [ -e "$T_TMP/o.fail" ] && fail "dgst: failed run leaves no -out file" || pass "dgst: failed run leaves no -out file"
  (cd "$D" && "$CL" dgst -sha256 -out /nonexistent-dir/x len001 2>/dev/null); expect_eq "dgst: unwritable -out fails" 1 $?
fi
finish
