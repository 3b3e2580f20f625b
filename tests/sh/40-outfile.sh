#!/usr/bin/env bash
# tests/sh/40-outfile.sh -- no tool damages what it writes to (issue 11 §1,
# common/outfile.h).  For every command that writes a file (enc, dgst, kdf,
# pkey, genrsa, pkeyutl, rsa-trace) and every kind of target, after the run
# the node is still what it was and the data went where it should:
#   - a character device made here with `mknod NAME c 1 3` (root only), and a
#     symlink to it: still a character device 1,3 / still a link;
#   - a FIFO with a reader: still a FIFO, the reader got exactly the output;
#   - a symlink to a file in another directory: still a link, the target holds
#     the output and kept its mode 0640 (0600 for the tools that write secrets);
#   - an existing file with mode 0640 (owned by someone else when root): mode
#     (and owner) kept, or 0600 for secrets;
#   - a symlink to /dev/stdout made HERE (the output arrives on our stdout);
#   - a directory: refused, one error line (besides a lab-size key warning); a failed run: the old file intact;
#   - no temporary file is ever left behind.
# Everything happens in this script's temporary directory, never on the
# machine's /dev (a bug here would otherwise replace the system's /dev/null).
. "$(dirname "$0")/lib.sh"

T=$T_TMP
KEY=vectors/rsa/keys/key2048.pem
K=000102030405060708090a0b0c0d0e0f
printf 'attack at dawn, and bring snacks\n' >"$T/msg"
head -c 32 "$T/msg" >"$T/digest"
"$CL" pkeyutl -encrypt -pubin -inkey vectors/rsa/keys/key2048-pub.pem -in "$T/msg" -out "$T/ct" \
  || fail "setup: pkeyutl -encrypt"

# The writers: NAME, secret (1 = the tool sets mode 0600), deterministic
# output (1 = compare bytes with a reference run), then the command with OUT
# standing for the output path.
WRITERS=(
  "enc 0 1 enc -aes-128-ctr -K $K -iv $K -in $T/msg -out OUT"
  "dgst 0 1 dgst -sha256 -out OUT $T/msg"
  "dgst-sign 0 1 dgst -sha256 -sign $KEY -out OUT $T/msg"
  "kdf 1 1 kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:$K -out OUT HKDF"
  "pkey 1 1 pkey -in $KEY -out OUT"
  "pkey-pubout 0 1 pkey -in $KEY -pubout -out OUT"
  "genrsa 1 0 genrsa -out OUT 1024"
  "pkeyutl-sign 0 1 pkeyutl -sign -inkey $KEY -in $T/digest -out OUT"
  "pkeyutl-decrypt 1 1 pkeyutl -decrypt -inkey $KEY -in $T/ct -out OUT"
  "rsa-trace 1 1 rsa-trace genkey -bits 512 -seed 00112233 -out OUT"
)

run_writer() {   # "SPEC" OUT : runs the command with OUT; stdout/stderr to files
  local spec=$1 out=$2 w
  local -a argv=()
  # shellcheck disable=SC2086
  set -- $spec
  shift 3
  for w in "$@"; do [ "$w" = OUT ] && argv+=("$out") || argv+=("$w"); done
  "$CL" "${argv[@]}" >"$T/stdout" 2>"$T/stderr"
}

no_temporaries() {   # NAME
  local left; left=$(find "$T" -name '*.tmp*' | head -3)
  expect_eq "$1: no temporary left" "" "$left"
}

perm() { stat -c %a "$1"; }
devnum() { stat -c '%F %t,%T' "$1"; }

# A pretend /dev/null in our own directory (never the machine's).
IS_ROOT=0
if [ "$(id -u)" -eq 0 ] && mknod "$T/null" c 1 3 2>/dev/null; then
  IS_ROOT=1
  chmod 666 "$T/null"
  ln -s null "$T/to-null"
else
  skip "character device cases" "not root (mknod needs it): devices and owners not tested"
fi
mkdir "$T/sub"

for spec in "${WRITERS[@]}"; do
  set -- $spec
  name=$1 secret=$2 determ=$3
  want_mode=640; [ "$secret" = 1 ] && want_mode=600

  # Reference: a new file.
  rm -f "$T/ref"
  if run_writer "$spec" "$T/ref" && [ -s "$T/ref" ]; then pass "$name: new file"
  else fail "$name: new file" "exit 0, output" "$(head -c 300 "$T/stderr")"; continue; fi
  if [ "$secret" = 1 ]; then expect_eq "$name: new secret file mode" 600 "$(perm "$T/ref")"; fi

  same_output() {   # LABEL FILE
    if [ "$determ" = 1 ]; then
      if cmp -s "$T/ref" "$2"; then pass "$1"
      else fail "$1" "$(md5sum <"$T/ref")" "$(md5sum <"$2")"; fi
    elif [ -s "$2" ] && head -1 "$2" | grep -q '^-----BEGIN'; then pass "$1"
    else fail "$1" "a PEM key" "$(head -c 100 "$2")"; fi
  }

  # Character device and a symlink to it.
  if [ "$IS_ROOT" = 1 ]; then
    for target in null to-null; do
      if run_writer "$spec" "$T/$target"; then pass "$name: -out $target runs"
      else fail "$name: -out $target runs" "exit 0" "$(head -c 300 "$T/stderr")"; fi
      expect_eq "$name: $target: still the device" "character special file 1,3" "$(devnum "$T/null")"
      expect_eq "$name: $target: device mode untouched" 666 "$(perm "$T/null")"
      if [ -L "$T/to-null" ]; then pass "$name: $target: link still a link"
      else fail "$name: $target: link still a link" "symlink" "$(stat -c %F "$T/to-null")"; fi
    done
  fi

  # FIFO with a reader (bounded: the reader gives up after 20 s).
  rm -f "$T/fifo" "$T/got"; mkfifo "$T/fifo"
  timeout 20 cat "$T/fifo" >"$T/got" &
  reader=$!
  if run_writer "$spec" "$T/fifo"; then pass "$name: -out FIFO runs"
  else fail "$name: -out FIFO runs" "exit 0" "$(head -c 300 "$T/stderr")"; fi
  wait "$reader"
  if [ -p "$T/fifo" ]; then pass "$name: FIFO still a FIFO"; else fail "$name: FIFO still a FIFO" fifo "$(stat -c %F "$T/fifo")"; fi
  same_output "$name: the reader got the output" "$T/got"

  # Symlink to an existing file (mode 0640) in another directory.
  rm -f "$T/sub/file" "$T/link"
  echo old >"$T/sub/file"; chmod 640 "$T/sub/file"
  ln -s sub/file "$T/link"
  run_writer "$spec" "$T/link" || fail "$name: -out symlink runs" "exit 0" "$(head -c 300 "$T/stderr")"
  if [ -L "$T/link" ] && [ "$(readlink "$T/link")" = sub/file ]; then pass "$name: symlink still a link"
  else fail "$name: symlink still a link" "link -> sub/file" "$(stat -c %F "$T/link")"; fi
  same_output "$name: output went to the link's target" "$T/sub/file"
  expect_eq "$name: target mode" "$want_mode" "$(perm "$T/sub/file")"

  # Existing file with mode 0640, owned by someone else when we are root.
  rm -f "$T/exist"; echo old >"$T/exist"; chmod 640 "$T/exist"
  [ "$IS_ROOT" = 1 ] && chown 1234:4321 "$T/exist"
  run_writer "$spec" "$T/exist" || fail "$name: -out existing file runs" "exit 0" "$(head -c 300 "$T/stderr")"
  same_output "$name: existing file rewritten" "$T/exist"
  expect_eq "$name: existing file mode" "$want_mode" "$(perm "$T/exist")"
  if [ "$IS_ROOT" = 1 ]; then expect_eq "$name: existing file owner kept" "1234:4321" "$(stat -c %u:%g "$T/exist")"; fi

  # A symlink (in our directory) to /dev/stdout: the output arrives on stdout.
  rm -f "$T/to-stdout"; ln -s /dev/stdout "$T/to-stdout"
  run_writer "$spec" "$T/to-stdout" || fail "$name: -out link to /dev/stdout runs" "exit 0" "$(head -c 300 "$T/stderr")"
  if [ "$determ" = 1 ]; then
    # rsa-trace also prints its steps on stdout: take the key's PEM block.
    if [ "$name" = rsa-trace ]; then sed -n '/^-----BEGIN/,/^-----END/p' "$T/stdout" >"$T/stdout.tail"
    else cp "$T/stdout" "$T/stdout.tail"; fi
    same_output "$name: link to /dev/stdout: output on stdout" "$T/stdout.tail"
  fi
  [ -L "$T/to-stdout" ] && pass "$name: link to /dev/stdout still a link" || fail "$name: link to /dev/stdout still a link" symlink "$(stat -c %F "$T/to-stdout")"

  # A directory: refused with one error line, left alone.
  if run_writer "$spec" "$T/sub"; then fail "$name: -out DIR refused" "exit 1" "exit 0"
  elif [ "$(grep -vc ': warning: ' "$T/stderr")" -eq 1 ] && grep -q "is a directory" "$T/stderr"; then pass "$name: -out DIR refused"
  else fail "$name: -out DIR refused" "one line '... is a directory'" "$(head -c 300 "$T/stderr")"; fi
  [ -d "$T/sub" ] && pass "$name: directory still a directory" || fail "$name: directory still a directory" dir "$(stat -c %F "$T/sub")"

  no_temporaries "$name"
done

# A failed run leaves the old file intact and nothing behind (dgst creates
# its output only if every input was read).
echo old >"$T/keep"; chmod 640 "$T/keep"
if "$CL" dgst -sha256 -out "$T/keep" "$T/msg" "$T/no-such-file" 2>"$T/stderr"; then
  fail "failed run: exit 1" 1 0
else pass "failed run: exit 1"; fi
expect_eq "failed run: old contents kept" old "$(cat "$T/keep")"
expect_eq "failed run: mode kept" 640 "$(perm "$T/keep")"
no_temporaries "failed run"

# `-` is standard output, as before.
"$CL" dgst -sha256 -out - "$T/msg" >"$T/dash" 2>"$T/stderr" && grep -q '^SHA2-256(' "$T/dash" \
  && pass "-out - writes standard output" || fail "-out - writes standard output" "SHA2-256(...)= ..." "$(cat "$T/dash" "$T/stderr")"

finish
