#!/usr/bin/env bash
# tests/sh/67-steppers.sh -- the terminal steppers (aes-step, sha256-step)
# driven through tmux (send-keys, capture-pane) on a private tmux socket:
#   - after "n" three times the grid on the screen equals FIPS-197 Appendix
#     C.1's round[ 1].s_row, and exactly the bytes ShiftRows moved (rows 1-3)
#     are in colour;
#   - "b" flips bit 0 of the input: the second grid and the number of
#     differing bits equal the text trace's (aes-trace --flip-bit 0);
#   - "r" goes to the next round, "p" back;
#   - "q" leaves the alternate screen and restores the terminal (stty shows
#     icanon and echo again), and so do SIGINT (Ctrl-C) and SIGTERM;
#   - sha256-step: "n" shows NIST's row t = 0 of "abc" with a and e new;
#   - not on a terminal, every step is printed as plain text.
# Every wait is bounded (polls of capture-pane, at most 10 s each).
source "$(dirname "$0")/lib.sh"

K=000102030405060708090a0b0c0d0e0f
IN=00112233445566778899aabbccddeeff
VEC=vectors/aes/fips197-appendix-c1-aes128.txt
ac() { sed -n "s/^round\[ *$1\]\.$2 *//p" "$VEC" | head -1; }

# --- plain-text fallback (no terminal) -------------------------------------------------
out=$("$CL" aes-step -K "$K" -in "$IN" < /dev/null)
expect_eq "aes-step without a terminal: all 41 steps printed" 41 "$(printf '%s\n' "$out" | grep -c '^cryptolab aes-step .* step [0-9]*/41$')"
got=$(printf '%s\n' "$out" | awk '/step 4\/41/ {on = 1} on && /^round\[/ && length($NF) == 32 {print $NF; exit}')
expect_eq "aes-step plain text: step 4 is round[ 1].s_row" "$(ac 1 s_row)" "$got"
out=$("$CL" sha256-step abc < /dev/null)
expect_eq "sha256-step without a terminal: 66 steps" 66 "$(printf '%s\n' "$out" | grep -c '^cryptolab sha256-step')"

if ! have tmux; then
  skip "steppers in tmux" "tmux not installed (make deps)"
  finish; exit $?
fi

SOCK="cryptolab-t67-$$"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() { TM kill-server 2>/dev/null; rm -rf "$T_TMP"; }
trap cleanup EXIT
screen() { TM capture-pane -p -t t67 "$@"; }
# wait_for TEXT: until the screen shows TEXT (fixed string), at most 10 s.
wait_for() {
  local i
  for ((i = 0; i < 100; i++)); do
    if screen | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  return 1
}
# The grid on the screen, rows "  r=N" of the first grid, read column by column.
screen_grid() {
  screen | awk '/^  r=[0-3]/ { for (c = 0; c < 4; c++) g[$1, c] = $(c + 2) }
                END { for (c = 0; c < 4; c++) for (r = 0; r < 4; r++) printf "%s", g["r=" r, c] }' | tr -d '*'
}

TM new-session -d -s t67 -x 120 -y 40 "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile"
TM send-keys -t t67 "cd '$TOP'" Enter
# The stepper runs under a non-interactive sh that records its exit status
# and the terminal settings right after it (an interactive bash would put
# the terminal back itself after a job killed by a signal, and hide a
# stepper that does not); that sh ignores SIGINT, so Ctrl-C reaches only
# the stepper, which installs its own handler.
cat > "$T_TMP/wrap.sh" <<'EOF'
tag=$1; dir=$2; shift 2
trap '' INT
sh -c 'echo $$ > "$0"; exec "$@"' "$dir/pid" "$@"
echo "rc=$?" > "$dir/$tag.rc"
stty -a > "$dir/$tag.stty"
echo "DONE-0-$tag"
EOF
run_stepper() {   # run_stepper TAG COMMAND...: runs it in the pane; its pid goes to $T_TMP/pid
  local tag=$1; shift
  rm -f "$T_TMP/pid"
  TM send-keys -t t67 "sh $T_TMP/wrap.sh $tag $T_TMP $*" Enter
  local i
  for ((i = 0; i < 100; i++)); do [ -s "$T_TMP/pid" ] && break; sleep 0.1; done
}
restored() {   # restored TAG: the stepper exited, the screen is the shell's, the tty is cooked again
  local tag=$1
  if wait_for "DONE-0-$tag"; then pass "$tag: the stepper ended"; else fail "$tag: the stepper ended" "DONE-0-$tag" "$(screen | tail -3)"; return; fi
  if grep -q -- ' icanon' "$T_TMP/$tag.stty" && grep -q -- ' echo ' "$T_TMP/$tag.stty"; then
    pass "$tag: terminal restored (icanon, echo)"
  else
    fail "$tag: terminal restored" "icanon echo" "$(grep -o -- '-\?icanon\|-\?echo ' "$T_TMP/$tag.stty" | tr '\n' ' ')"
  fi
  if screen | grep -q '^  r=[0-3]'; then fail "$tag: alternate screen left" "no grid on the shell's screen" "$(screen | grep '^  r=' | head -1)"
  else pass "$tag: alternate screen left"; fi
}

# --- aes-step: n n n -> round[ 1].s_row -------------------------------------------------
run_stepper q "$CL" aes-step -K $K -in $IN
if ! wait_for "step 1/41"; then
  fail "aes-step starts in tmux" "step 1/41" "$(screen | head -5)"
else
  pass "aes-step shows step 1/41"
  expect_eq "aes-step step 1: the grid is the input" "$IN" "$(screen_grid)"
  TM send-keys -t t67 n n n
  if wait_for "step 4/41"; then
    expect_eq "aes-step after n n n: the grid is Appendix C's round[ 1].s_row" "$(ac 1 s_row)" "$(screen_grid)"
    screen | grep -qF "round[ 1].s_row   ShiftRows()   FIPS-197 section 5.1.2" &&
      pass "aes-step: the step's name, operation and section" || fail "aes-step: name, op, section" "round[ 1].s_row ShiftRows() 5.1.2" "$(screen | sed -n 4p)"
    # colour: the changed bytes carry the yellow background (43m), row 0 none, rows 1-3 all four
    hl=$(screen -e | awk '/r=[0-3]/ { n = gsub(/43m/, "&"); printf "%d", n }' | head -c 4)
    expect_eq "aes-step: exactly the bytes ShiftRows moved are in colour (per row)" "0444" "$hl"
  else
    fail "aes-step: n n n" "step 4/41" "$(screen | head -3)"
  fi
  TM send-keys -t t67 b
  if wait_for "bits differ"; then
    want=$("$CL" aes-trace -K "$K" -in "$IN" --flip-bit 0 | awk '/round\[ 1\]\.s_row/ {print $(NF-4) " " $(NF-3) " " $(NF-2)}')
    got=$(screen | awk '/^round\[ 1\]\.s_row/ {a = $NF} /^\(flipped run\)/ {print a " " $3 " " $4}')
    expect_eq "aes-step b: bit 0 flipped, second run and differing bits as aes-trace --flip-bit 0" "$want" "$got"
  else
    fail "aes-step b" "bits differ" "$(screen | tail -5)"
  fi
  TM send-keys -t t67 r
  wait_for "step 6/41" && screen | grep -qF "round[ 1].k_sch + round[ 2].start" &&
    pass "aes-step r: the next round (AddRoundKey into round[ 2].start)" || fail "aes-step r" "step 6/41" "$(screen | sed -n 1,4p)"
  TM send-keys -t t67 p
  wait_for "step 5/41" && pass "aes-step p: back one step" || fail "aes-step p" "step 5/41" "$(screen | head -1)"
  TM send-keys -t t67 q
  restored q
  expect_eq "aes-step q: exit status 0" "rc=0" "$(cat "$T_TMP/q.rc" 2>/dev/null)"
fi

# --- SIGINT (Ctrl-C) and SIGTERM restore the terminal too -------------------------------
TM send-keys -t t67 clear Enter
run_stepper int "$CL" aes-step -K $K -in $IN -d
if wait_for "step 1/41"; then
  TM send-keys -t t67 C-c
  restored int
  expect_eq "aes-step Ctrl-C: killed by SIGINT (status 130)" "rc=130" "$(cat "$T_TMP/int.rc" 2>/dev/null)"
else
  fail "aes-step -d starts" "step 1/41" "$(screen | head -3)"
fi
TM send-keys -t t67 clear Enter
run_stepper term "$CL" sha256-step abc
if wait_for "step 1/66"; then
  TM send-keys -t t67 n
  if wait_for "step 2/66"; then
    row=$(screen | awk 'f { print; exit } /^ a  /{ f = 1 }' | tr -d '*' | awk '{$1 = $1; print}')
    expect_eq "sha256-step n: NIST's row t = 0" "$(sed -n 's/^t= 0: //p' vectors/sha256/sha256-trace-abc.txt)" "$row"
    hl=$(screen -e | awk 'f { print; exit } /^ a  /{ f = 1 }' | grep -o '43m[0-9A-F]*' | sed 's/43m//' | tr '\n' ' ')
    expect_eq "sha256-step: the new registers a and e are in colour" "5D6AEBCD FA2A4622 " "$hl"
  fi
  kill -TERM "$(cat "$T_TMP/pid")"
  restored term
  expect_eq "sha256-step SIGTERM: status 143" "rc=143" "$(cat "$T_TMP/term.rc" 2>/dev/null)"
else
  fail "sha256-step starts in tmux" "step 1/66" "$(screen | head -3)"
fi
finish
