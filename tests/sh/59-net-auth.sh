#!/usr/bin/env bash
# 59-net-auth: client authentication (issue 12, item 1; docs/protocol.md §13).
#   - cryptolab-client keygen / id; identities refused when others can read them;
#   - users with their home areas and rights (alice rw, bob r), an unknown key;
#   - --anonymous none | read | drop (and full without --authorized-keys);
#   - nobody without alice's key reads, writes or overwrites her files: each
#     attempt gets its answer and changes nothing;
#   - a man in the middle cannot use alice's signature at the real server;
#   - the Python peer authenticates too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"
net_key
ID="$T_TMP/ids"
mkdir -p "$ID"
for u in alice bob carol; do
  out=$("$CLIENT" --identity "$ID/$u.pem" keygen 2>&1) || fail "keygen $u" "exit 0" "$out"
done
expect_eq "keygen: identity mode 0600" 600 "$(stat -c %a "$ID/alice.pem")"
fp() { "$CLIENT" --identity "$1" id | cut -d' ' -f1; }
AFP=$(fp "$ID/alice.pem"); BFP=$(fp "$ID/bob.pem")
case $AFP in SHA256:???????????????????????????????????????????) pass "id prints the fingerprint";; *) fail "id" "SHA256:..." "$AFP";; esac
out=$("$CLIENT" --identity "$ID/alice.pem" keygen 2>&1) && fail "keygen refuses to replace" || pass "keygen refuses to replace an identity"
# the default identity ~/.cryptolab/id_rsa.pem
out=$("$CLIENT" keygen 2> "$T_TMP/kg.err") && [ -f "$HOME/.cryptolab/id_rsa.pem" ] \
  && pass "keygen: default ~/.cryptolab/id_rsa.pem" || fail "keygen default" "" "$(cat "$T_TMP/kg.err")"
grep -q "SHA256:.* rw" "$T_TMP/kg.err" && pass "keygen prints the authorized-keys line" || fail "keygen line" "" "$(cat "$T_TMP/kg.err")"
DFP=$("$CLIENT" id | cut -d' ' -f1)
printf '# test users\n%s alice rw\n%s bob r\n%s dflt rw\n' "$AFP" "$BFP" "$DFP" > "$T_TMP/authorized"

A() { client --identity "$ID/alice.pem" "$@"; }
B() { client --identity "$ID/bob.pem" "$@"; }
N() { client --identity none "$@"; }
answer() {   # NAME WANT CMD...: exit 1 and WANT in the output
  local name=$1 want=$2; shift 2
  if out=$("$@" 2>&1); then fail "$name" "refused: $want" "$out"; return; fi
  case $out in *"$want"*) pass "$name";; *) fail "$name" "$want" "$out";; esac
}

# --- users and the default --anonymous none
start_server auth --authorized-keys "$T_TMP/authorized"
[ -d "$SRV_DIR/alice" ] && [ "$(stat -c %a "$SRV_DIR/alice")" = 700 ] && pass "home DIR/alice created (0700)" \
  || fail "home DIR/alice created (0700)"
echo "alice's secret" > "$T_TMP/secret.txt"
echo "bob's notes" > "$SRV_DIR/bob/notes.txt"
out=$(A -v 127.0.0.1 send "$T_TMP/secret.txt" 2>&1) && [ -f "$SRV_DIR/alice/secret.txt" ] \
  && pass "alice stores into DIR/alice" || fail "alice stores into DIR/alice" "" "$out"
case $out in *"authenticated as alice (read-write)"*) pass "alice is told who she is";; *) fail "alice told" "authenticated as alice" "$out";; esac
wait_log "$SRV_LOG" "authenticated as alice (key $AFP, read-write)" && pass "server log: authenticated as alice" || fail "server log: alice"
expect_eq "alice lists her files" "secret.txt" "$(A 127.0.0.1 ls 2>/dev/null | awk '{print $2}')"
out=$(A 127.0.0.1 get secret.txt -o "$T_TMP/back.txt" 2>&1) && cmp -s "$T_TMP/back.txt" "$T_TMP/secret.txt" \
  && pass "alice gets her file back" || fail "alice gets her file" "" "$out"
expect_eq "bob (r) lists his own files only" "notes.txt" "$(B 127.0.0.1 ls 2>/dev/null | awk '{print $2}')"
answer "bob (r) may not upload" "not allowed to write" B 127.0.0.1 send "$T_TMP/secret.txt"
answer "bob cannot read alice's file" "no such file" B 127.0.0.1 get secret.txt -o "$T_TMP/stolen"
[ ! -e "$T_TMP/stolen" ] && pass "... and nothing was written locally" || fail "nothing written locally"
echo "forged" > "$T_TMP/forged.txt"
answer "anonymous: ls denied" "anonymous clients may not list" N 127.0.0.1 ls
answer "anonymous: get denied" "anonymous clients may not download" N 127.0.0.1 get secret.txt -o "$T_TMP/stolen"
answer "anonymous: put denied" "anonymous clients may not upload" N 127.0.0.1 send --as secret.txt "$T_TMP/forged.txt"
answer "anonymous: put --overwrite denied" "anonymous clients may not upload" N 127.0.0.1 send --overwrite --as secret.txt "$T_TMP/forged.txt"
answer "anonymous: get alice (her directory) is not a file" "anonymous clients may not download" N 127.0.0.1 get alice -o "$T_TMP/stolen"
answer "an unknown key (carol) is refused" "not in this server's authorized keys" client --identity "$ID/carol.pem" 127.0.0.1 ls
expect_eq "alice's file is unchanged" "alice's secret" "$(cat "$SRV_DIR/alice/secret.txt")"
expect_eq "nothing stored in DIR" "alice bob dflt" "$(ls "$SRV_DIR" | tr '\n' ' ' | sed 's/ $//')"
out=$(client 127.0.0.1 ls 2>&1) && expect_eq "the default identity (~/.cryptolab/id_rsa.pem) is used" "" "$out" \
  || fail "the default identity is used" "exit 0" "$out"
# an identity file others can read is refused
cp "$ID/alice.pem" "$T_TMP/open.pem" && chmod 644 "$T_TMP/open.pem"
answer "an identity readable by others is refused" "accessible by group/others" client --identity "$T_TMP/open.pem" 127.0.0.1 ls
# chat: a registered name is reserved for its owner
answer "anonymous nick 'alice' refused" "name of a registered user" sh -c 'echo hi | "$0" -p "$1" --pin "$2" --identity none 127.0.0.1 chat --name alice' "$CLIENT" "$SRV_PORT" "$SRV_FP"
out=$(echo hi | A 127.0.0.1 chat --name alice 2>&1) && pass "alice may use the nick alice" || fail "alice uses her nick" "" "$out"

# --- --anonymous read: ls and get in DIR, nothing else
start_server anonread --authorized-keys "$T_TMP/authorized" --anonymous read
echo "public" > "$SRV_DIR/public.txt"
expect_eq "read: anonymous ls" "public.txt" "$(N 127.0.0.1 ls 2>/dev/null | awk '{print $2}')"
out=$(N 127.0.0.1 get public.txt -o "$T_TMP/public.copy" 2>&1) && pass "read: anonymous get" || fail "read: anonymous get" "" "$out"
answer "read: anonymous put denied" "may not upload" N 127.0.0.1 send --as public.txt "$T_TMP/forged.txt"
expect_eq "read: public.txt unchanged" "public" "$(cat "$SRV_DIR/public.txt")"

# --- --anonymous drop: new files only, no ls, no get, no overwrite
start_server anondrop --authorized-keys "$T_TMP/authorized" --anonymous drop
out=$(N 127.0.0.1 send "$T_TMP/forged.txt" 2>&1) && [ -f "$SRV_DIR/forged.txt" ] && pass "drop: anonymous put of a new file" \
  || fail "drop: anonymous put" "" "$out"
answer "drop: a second put of the same name: exists" "exists" N 127.0.0.1 send "$T_TMP/forged.txt"
answer "drop: --overwrite refused" "may not replace files" N 127.0.0.1 send --overwrite --as forged.txt "$T_TMP/secret.txt"
expect_eq "drop: the dropped file is unchanged" "forged" "$(cat "$SRV_DIR/forged.txt")"
answer "drop: anonymous ls denied" "may not list" N 127.0.0.1 ls
answer "drop: anonymous get denied" "may not download" N 127.0.0.1 get forged.txt -o "$T_TMP/x"

# --- without --authorized-keys: everything, as in version 1; a key is refused
start_server open
out=$(N 127.0.0.1 send "$T_TMP/forged.txt" 2>&1) && pass "no authorized keys: anonymous put (full)" || fail "full: put" "" "$out"
answer "no authorized keys: AUTH is denied" "this server has no authorized keys" A 127.0.0.1 ls

# --- a man in the middle: alice accepts the proxy's key; her signature is
#     for the proxy's session, so the real server refuses it
start_server mitm --authorized-keys "$T_TMP/authorized"
MLOG="$T_TMP/mitm.log"
mkfifo "$T_TMP/mitm.out"
"$TOP/bin/cryptolab-mitm" --listen 127.0.0.1:0 --connect "127.0.0.1:$SRV_PORT" > "$T_TMP/mitm.out" 2>&1 &
NET_PIDS+=("$!")
exec {MFD}< "$T_TMP/mitm.out"
MPORT=
while IFS= read -r -t 30 -u "$MFD" line; do
  echo "$line" >> "$MLOG"
  case $line in *"listening on 127.0.0.1:"*) MPORT=$(printf '%s' "$line" | sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p'); break;; esac
done
cat <&"$MFD" >> "$MLOG" &
NET_PIDS+=("$!")
if [ -n "$MPORT" ]; then
  out=$("$CLIENT" -p "$MPORT" --insecure --identity "$ID/alice.pem" 127.0.0.1 ls 2>&1) \
    && fail "through the MITM alice's signature is refused" "exit 1" "$out" \
    || { case $out in *"decrypt_error"*|*"authentication"*) pass "through the MITM: alice's session fails";;
                      *) fail "through the MITM: alice fails" "decrypt_error" "$out";; esac; }
  wait_log "$SRV_LOG" "AUTH: the signature for key $AFP (alice) does not verify" \
    && pass "the real server: alice's signature does not verify (decrypt_error)" || fail "server refuses the relayed signature" "" "$(tail -3 "$SRV_LOG")"
  expect_eq "nothing of alice's on the real server through the MITM" "" "$(ls "$SRV_DIR/alice")"
else
  fail "the MITM proxy starts" "listening on 127.0.0.1:PORT" "$(cat "$MLOG")"
fi

# --- the Python peer authenticates as bob
if net_pycrypto; then
  out=$("$NET_PY" "$TOP/demo/python/cryptolab_client.py" -p "$SRV_PORT" --pin "$SRV_FP" --identity "$ID/bob.pem" -v 127.0.0.1 ls 2>&1) \
    && pass "the Python peer authenticates (bob)" || fail "Python peer authenticates" "" "$out"
  wait_log "$SRV_LOG" "authenticated as bob" && pass "server log: authenticated as bob (Python peer)" || fail "server log: bob"
else
  skip "Python peer authentication" "no python3 with PyCryptodome"
fi
finish
