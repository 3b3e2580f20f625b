#!/usr/bin/env bash
# tests/sh/64-course-pack.sh -- the course pack's convention
# (docs/labs/README.md section 3), for every docs/labs/*.md, present and
# future:
#   - the lab has at least one question label **QS.N**, each label unique;
#   - no unlabelled question: every list item after "Questions:" /
#     "Exercises:" (or under a heading naming them) carries a label, and no
#     paragraph starts with "Question:" or "Exercise:";
#   - docs/labs/answers/NAME.md has exactly one "## QS.N" per label, in the
#     lab's order, none for a label the lab does not have, none empty;
#   - docs/labs/README.md has "### [Title](NAME.md)" with Objectives,
#     Prerequisites, Time and Hand in.
# The checker is first run on small broken packs, so that it cannot pass by
# checking nothing.
source "$(dirname "$0")/lib.sh"

# Prints the labels of a lab, one per line, in order (code blocks skipped).
labels() {
  awk '/^```/ { code = !code; next }
       !code { s = $0
               while (match(s, /\*\*Q[0-9]+\.[0-9]+\*\*/)) {
                 print substr(s, RSTART + 2, RLENGTH - 4); s = substr(s, RSTART + RLENGTH) } }' "$1"
}

# Prints "LINE: text" for each question-like line that has no label.
unlabelled() {
  awk '/^```/ { code = !code; next }
       code { next }
       /^#/ { inq = ($0 ~ /(Questions|Exercises)/); next }
       /^(Questions|Exercises):?[[:space:]]*$/ { inq = 1; next }
       /^(Question|Exercise)s?:/ { print FNR ": " $0; next }
       inq && /^([-*]|[0-9]+\.)[[:space:]]/ {
         if ($0 !~ /^([-*]|[0-9]+\.)[[:space:]]+\*\*Q[0-9]+\.[0-9]+\*\*/) print FNR ": " $0
         next }
       inq && /^[^[:space:]]/ { inq = 0 }' "$1"
}

# Prints the answer headings of an answers file, in order; "EMPTY QS.N" for
# a heading with no text before the next heading.
answers() {
  awk '/^```/ { code = !code }
       !code && /^## / { if (cur != "" && !body) print "EMPTY " cur
                         cur = $2; body = 0; print cur; next }
       !code && /^#/ { next }
       /[^[:space:]]/ { body = 1 }
       END { if (cur != "" && !body) print "EMPTY " cur }' "$1"
}

# Checks one pack (a folder like docs/labs).  Reports through pass/fail with
# the prefix $2; returns the number of failures it found.
check_pack() {
  local dir=$1 pfx=$2 errs=0 md name
  local readme="$dir/README.md"
  [ -f "$readme" ] || { fail "$pfx$readme exists"; return 1; }
  for md in "$dir"/*.md; do
    name=$(basename "$md" .md)
    [ "$name" = README ] && continue
    local ans="$dir/answers/$name.md" before=$errs
    local q a dup un
    q=$(labels "$md")
    if [ -z "$q" ]; then fail "$pfx$name: has questions labelled **QS.N**" "at least one" "none"; errs=$((errs + 1)); fi
    dup=$(printf '%s\n' "$q" | sort | uniq -d | tr '\n' ' ')
    if [ -n "$dup" ]; then fail "$pfx$name: labels are unique" "no duplicates" "$dup"; errs=$((errs + 1)); fi
    un=$(unlabelled "$md")
    if [ -n "$un" ]; then fail "$pfx$name: every question carries a label" "labelled" "$un"; errs=$((errs + 1)); fi
    if [ ! -f "$ans" ]; then
      fail "$pfx$name: answers file $ans exists"; errs=$((errs + 1))
    else
      a=$(answers "$ans")
      local empty
      empty=$(printf '%s\n' "$a" | sed -n 's/^EMPTY //p' | tr '\n' ' ')
      a=$(printf '%s\n' "$a" | grep -v '^EMPTY ')
      if [ -n "$empty" ]; then fail "$pfx$name: every answer has text" "text under each heading" "empty: $empty"; errs=$((errs + 1)); fi
      local missing extra
      missing=$(comm -23 <(printf '%s\n' "$q" | sort -u) <(printf '%s\n' "$a" | sort -u) | tr '\n' ' ')
      extra=$(comm -13 <(printf '%s\n' "$q" | sort -u) <(printf '%s\n' "$a" | sort -u) | tr '\n' ' ')
      dup=$(printf '%s\n' "$a" | sort | uniq -d | tr '\n' ' ')
      if [ -n "$missing" ]; then fail "$pfx$name: every question answered" "answers for all" "no answer for: $missing"; errs=$((errs + 1)); fi
      if [ -n "$extra" ]; then fail "$pfx$name: every answer has its question" "labels of the lab" "answers without a question: $extra"; errs=$((errs + 1)); fi
      if [ -n "$dup" ]; then fail "$pfx$name: one answer per question" "one" "answered twice: $dup"; errs=$((errs + 1)); fi
      if [ -z "$missing$extra$dup" ] && [ "$q" != "$a" ]; then
        fail "$pfx$name: answers in the lab's order" "$(echo $q)" "$(echo $a)"; errs=$((errs + 1))
      fi
    fi
    # The course entry: "### [Title](NAME.md)" and its four fields.
    local entry
    entry=$(awk -v f="($name.md)" '/^### / { on = index($0, f) > 0; next } /^## / { on = 0 } on' "$readme")
    if ! grep -q "^### .*($name\.md)" "$readme"; then
      fail "$pfx$name: course entry in $readme" "### [Title]($name.md)" "none"; errs=$((errs + 1))
    else
      local field
      for field in Objectives Prerequisites Time "Hand in"; do
        if ! printf '%s\n' "$entry" | grep -q "^- \*\*$field:\*\* *[^ ]"; then
          fail "$pfx$name: course entry gives $field" "- **$field:** ..." "missing"; errs=$((errs + 1))
        fi
      done
    fi
    [ "$errs" -eq "$before" ] && pass "$pfx$name: $(printf '%s\n' "$q" | wc -l) questions, each answered once"
  done
  # Answer files of labs that do not exist.
  local f
  for f in "$dir"/answers/*.md; do
    [ -e "$f" ] || continue
    [ -f "$dir/$(basename "$f")" ] || { fail "$pfx$(basename "$f"): answers for an existing lab" "$dir/$(basename "$f")" "missing"; errs=$((errs + 1)); }
  done
  return "$errs"
}

# --- 1. the checker finds what is wrong (on small broken packs) -------------------
mkpack() {   # mkpack DIR: a correct one-lab pack
  mkdir -p "$1/answers"
  printf '# Lab: t\n\n## 1. A\n\nQuestions:\n- **Q1.1** one?\n- **Q1.2** two?\n\n```sh\necho "**Q9.9**"\n```\n' > "$1/t.md"
  printf '# Answers\n\n## Q1.1\nyes\n\n## Q1.2 -- two\nno\n' > "$1/answers/t.md"
  printf '# Pack\n\n## 4. Labs\n\n### [T](t.md)\n\n- **Objectives:** o\n- **Prerequisites:** p\n- **Time:** 1 h\n- **Hand in:** h\n' > "$1/README.md"
}
selftest() {   # selftest NAME EXPECT(ok|bad) EDIT-COMMAND...
  local name=$1 want=$2; shift 2
  local d="$T_TMP/pack-$name"
  mkpack "$d"
  ( cd "$d" && eval "$*" )
  local saved_pass=$T_PASS saved_fail=$T_FAIL out rc
  out=$(check_pack "$d" "" 2>&1); rc=$?
  T_PASS=$saved_pass; T_FAIL=$saved_fail
  if [ "$want" = ok ] && [ "$rc" -eq 0 ]; then pass "checker accepts: $name"
  elif [ "$want" = bad ] && [ "$rc" -ne 0 ]; then pass "checker rejects: $name"
  else fail "checker on a pack with $name" "$want" "rc=$rc: $out"; fi
}
selftest "a correct pack" ok true
selftest "a missing answer" bad "sed -i '/Q1.2/,\$d' answers/t.md"
selftest "an answer without a question" bad "printf '\n## Q3.1\nx\n' >> answers/t.md"
selftest "an empty answer" bad "sed -i 's/^yes\$//' answers/t.md"
selftest "a duplicate label" bad "sed -i 's/Q1.2/Q1.1/' t.md"
selftest "an unlabelled list question" bad "sed -i 's/^- \*\*Q1.2\*\* two/- two/' t.md"
selftest "a 'Question:' paragraph" bad "printf '\nQuestion: why?\n' >> t.md"
selftest "answers out of order" bad "printf '# A\n\n## Q1.2\nno\n\n## Q1.1\nyes\n' > answers/t.md"
selftest "no answers file" bad "rm answers/t.md"
selftest "a lab without questions" bad "printf '# Lab: u\n\nNo questions.\n' > u.md; printf '# A\n' > answers/u.md"
selftest "no course entry" bad "sed -i '/### \[T\]/,\$d' README.md"
selftest "a course entry without Time" bad "sed -i '/Time/d' README.md"
selftest "answers of a lab that does not exist" bad "printf '# A\n\n## Q1.1\nx\n' > answers/gone.md"

# --- 2. the real pack ------------------------------------------------------------
n_labs=0
for md in docs/labs/*.md; do [ "$(basename "$md")" != README.md ] && n_labs=$((n_labs + 1)); done
if [ "$n_labs" -eq 0 ]; then
  fail "docs/labs holds labs" ">= 1" 0
else
  check_pack docs/labs "" || true
fi
finish
