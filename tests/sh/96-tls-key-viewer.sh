#!/usr/bin/env bash
# tests/sh/96-tls-key-viewer.sh -- the TLS key-schedule viewer page (issue 15
# §1, "and the TLS key schedule once TLS lands"):
#   - `tls-trace --rfc8448 --html`: every one of RFC 8448 §3's 27 values
#     (vectors/tls/rfc8448-simple-1rtt.txt, read here) is in the page as ours,
#     with RFC 8448's beside it, marked equal; the text says 27 of 27;
#   - one's own session, with openssl on the other side: our s_server -tls1_3
#     and our s_client -tls1_2 (RSA, extended master secret) with -trace-keys
#     and -trace-html FILE: every value of the page is a line of the
#     -trace-keys text, in the same order; the secrets equal what openssl's
#     own key log says (1.3: the *_TRAFFIC_SECRET lines; 1.2: CLIENT_RANDOM's
#     master secret); for 1.2 the page's P_SHA256 blocks give the master
#     secret and the key block gives the write keys and salts;
#   - every page is self-contained (no URL, no external script/style/font),
#     at most 300 KB, a whole HTML document; a session's page has mode 0600
#     (it holds the session's secrets, as a key log does).
# tests/sh/66-browser.sh steps through the RFC 8448 page in chromium.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have python3; then skip "TLS key viewer" "python3 missing"; finish; exit; fi

self_contained() {   # NAME FILE (as tests/sh/65-viz-pages.sh)
  local bad size
  bad=$(grep -noiE '(src|href|action|poster|data)[[:space:]]*=[[:space:]]*["'"'"']?[a-z]+:|<link|@import|url\(|fetch\(|XMLHttpRequest|import\(|<iframe|<object|<embed|sourceMappingURL|navigator\.sendBeacon|new WebSocket|EventSource' "$2" | head -3)
  if [ -z "$bad" ]; then pass "$1: self-contained (no external reference)"; else fail "$1: self-contained" "no external reference" "$bad"; fi
  size=$(wc -c < "$2")
  if [ "$size" -le 300000 ]; then pass "$1: $size bytes (<= 300 KB)"; else fail "$1: at most 300 KB" "<= 300000" "$size"; fi
  if grep -q '^<!DOCTYPE html>' "$2" && tail -1 "$2" | grep -q '^</html>$'; then pass "$1: a whole HTML document"
  else fail "$1: a whole HTML document" "<!DOCTYPE html> ... </html>" "$(head -c 60 "$2")"; fi
}
# pycheck NAME SCRIPT ARGS...: python prints "ok ..." lines (passes) and "bad ..." lines (failures)
pycheck() {
  local name=$1 out line; shift
  out=$(VIZPY="$T_TMP/viz.py" python3 - "$@" 2>&1)
  [ -n "$out" ] || { fail "$name" "some checks" "no output"; return; }
  while IFS= read -r line; do
    case $line in
      "ok "*) pass "$name: ${line#ok }" ;;
      *) fail "$name" "(see below)" "$line" ;;
    esac
  done <<< "$out"
}
# the page's data, window.VIZ = {...} (the JSON escapes '<', so no </script> inside)
cat > "$T_TMP/viz.py" <<'PY'
import json, re, sys
def viz(path):
    s = open(path, encoding="utf-8").read()
    m = re.search(r"window\.VIZ = (\{.*?\});?\s*</script>", s, re.S)
    return json.loads(m.group(1))
def trace_lines(path):   # the -trace-keys lines, as bytes ("  %-44s %-14s HEX")
    return [l for l in open(path, "rb").read().split(b"\n") if l.startswith(b"  ")]
def in_order(values, lines):
    pos, missing = 0, []
    for v in values:
        want = b"  %-44s %-14s %s" % (v["name"].encode(), v["section"].encode(), v["hex"].encode())
        at = next((i for i in range(pos, len(lines)) if lines[i] == want or lines[i].startswith(want + b" ")), None)
        if at is None:
            missing.append(v["name"])
        else:
            pos = at + 1
    return missing
def keylog(path):
    d = {}
    for l in open(path):
        p = l.split()
        if len(p) == 3: d[p[0]] = p[2]
    return d
PY

# ---------------------------------------------------------------- RFC 8448 §3
V=vectors/tls/rfc8448-simple-1rtt.txt
if "$CL" tls-trace --rfc8448 --html "$T_TMP/rfc.html" > "$T_TMP/rfc.txt" 2> "$T_TMP/rfc.err"; then
  pass "tls-trace --rfc8448 --html: exit 0"
else
  fail "tls-trace --rfc8448 --html" "exit 0" "$(head -3 "$T_TMP/rfc.err")"
fi
expect_eq "tls-trace --rfc8448: the text's verdict" "27 of 27 values equal RFC 8448 §3's" "$(tail -1 "$T_TMP/rfc.txt")"
self_contained "RFC 8448 page" "$T_TMP/rfc.html"
pycheck "RFC 8448 page" "$T_TMP/rfc.html" "$V" <<'PY'
import sys, os
exec(open(os.environ["VIZPY"]).read())
page, vec = viz(sys.argv[1]), {}
sec = None
for l in open(sys.argv[2]):
    l = l.strip()
    if l.startswith("["): sec = l
    elif sec == "[RFC8448-3]" and " = " in l:
        k, v = l.split(" = ", 1); vec[k] = v
names = {"shared_secret": "(EC)DHE shared secret", "early_secret": "early_secret",
  "derived_early": 'derived (early_secret, "derived", "")', "hash_ch_sh": "Transcript-Hash(ClientHello..ServerHello)",
  "handshake_secret": "handshake_secret", "c_hs_traffic": "client_handshake_traffic_secret",
  "s_hs_traffic": "server_handshake_traffic_secret", "derived_handshake": 'derived (handshake_secret, "derived", "")',
  "s_hs_key": "server_handshake key", "s_hs_iv": "server_handshake iv", "c_hs_key": "client_handshake key",
  "c_hs_iv": "client_handshake iv", "s_finished_key": "server finished_key", "s_verify_data": "server verify_data",
  "hash_ch_sf": "Transcript-Hash(ClientHello..server Finished)", "master_secret": "master_secret",
  "c_ap_traffic": "client_application_traffic_secret_0", "s_ap_traffic": "server_application_traffic_secret_0",
  "exp_master": "exporter_master_secret", "s_ap_key": "server_application key", "s_ap_iv": "server_application iv",
  "c_finished_key": "client finished_key", "c_verify_data": "client verify_data", "c_ap_key": "client_application key",
  "c_ap_iv": "client_application iv", "hash_ch_cf": "Transcript-Hash(ClientHello..client Finished)",
  "res_master": "resumption_master_secret"}
got = {v["name"]: v for v in page["values"]}
bad = [k for k, n in names.items() if n not in got or got[n]["hex"] != vec.get(k) or got[n].get("want") != vec.get(k) or got[n].get("equal") is not True]
print("ok %d of %d RFC 8448 values in the page as ours and as RFC 8448's, marked equal" % (len(names) - len(bad), len(names)) if not bad else "bad values: " + " ".join(bad[:5]))
print("ok version 1.3, %d values, each with a formula and a section" % len(page["values"]) if page["version"] == "1.3" and all(v["formula"] and v["section"] for v in page["values"]) else "bad formulas/sections")
missing = in_order(page["values"], trace_lines(sys.argv[1].replace(".html", ".txt")))
print("ok the page's values are the text's lines, in order" if not missing else "bad not in the text: " + " ".join(missing[:3]))
PY
"$CL" tls-trace --rfc8448 -vectors "$T_TMP/none.txt" > /dev/null 2> "$T_TMP/nov.err"
expect_eq "tls-trace -vectors MISSING: one error line" 1 "$(wc -l < "$T_TMP/nov.err")"
if "$CL" tls-trace > /dev/null 2> "$T_TMP/noarg.err"; then fail "tls-trace without --rfc8448: exit 1" 1 0
else expect_eq "tls-trace without --rfc8448: one error line" 1 "$(wc -l < "$T_TMP/noarg.err")"; fi

# ---------------------------------------------------------------- one's own session
if ! have openssl || ! have ss; then skip "TLS key viewer, live sessions" "openssl or ss missing"; finish; exit; fi
tls_certs
D=$TLS_D
# TLS 1.3: openssl s_client -> our s_server -trace-keys -trace-html
hold_stdin; sin=$HELD
SRV_IN=$sin start_ours k13 -cert "$D/server.pem" -key "$D/server.key" -tls1_3 -naccept 1 -trace-keys \
  -trace-html "$T_TMP/k13.html" || fail "s_server -trace-html start"
echo hello | timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -servername localhost \
  -keylogfile "$T_TMP/k13.keylog" > "$T_TMP/k13.oc" 2>&1
release_stdin "$sin"; wait_pid "$SPID"
self_contained "TLS 1.3 session page" "$T_TMP/k13.html"
expect_eq "TLS 1.3 session page: mode 600 (it holds the session's secrets, like a key log)" 600 "$(stat -c %a "$T_TMP/k13.html" 2>/dev/null)"
pycheck "TLS 1.3 session page (our s_server)" "$T_TMP/k13.html" "$SLOG" "$T_TMP/k13.keylog" <<'PY'
import sys, os
exec(open(os.environ["VIZPY"]).read())
page, kl = viz(sys.argv[1]), keylog(sys.argv[3])
got = {v["name"]: v["hex"] for v in page["values"]}
print("ok version 1.3, %d values" % len(page["values"]) if page["version"] == "1.3" and len(page["values"]) >= 27 else "bad version/values %s %d" % (page["version"], len(page["values"])))
missing = in_order(page["values"], trace_lines(sys.argv[2]))
print("ok every value is a -trace-keys line, in order" if not missing else "bad not in -trace-keys: " + " ".join(missing[:3]))
pairs = [("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"), ("SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"),
         ("CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"), ("SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"),
         ("EXPORTER_SECRET", "exporter_master_secret")]
bad = [o for k, o in pairs if kl.get(k) is None or kl[k] != got.get(o)]
print("ok the traffic and exporter secrets equal openssl's key log" if not bad else "bad differ from openssl's key log: " + " ".join(bad))
PY
# TLS 1.2 RSA: our s_client -trace-keys -trace-html -> openssl s_server (extended master secret)
hold_stdin; sin=$HELD
SRV_IN=$sin start_ossl k12 -cert "$D/server.pem" -key "$D/server.key" -tls1_2 -naccept 1 -keylogfile "$T_TMP/k12.keylog" ||
  fail "openssl s_server start"
echo hello | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -tls1_2 -cipher AES128-GCM-SHA256 \
  -trace-keys -trace-html "$T_TMP/k12.html" > /dev/null 2> "$T_TMP/k12.cerr"
release_stdin "$sin"; wait_pid "$SPID"
self_contained "TLS 1.2 session page" "$T_TMP/k12.html"
pycheck "TLS 1.2 session page (our s_client)" "$T_TMP/k12.html" "$T_TMP/k12.cerr" "$T_TMP/k12.keylog" <<'PY'
import sys, os
exec(open(os.environ["VIZPY"]).read())
page, kl = viz(sys.argv[1]), keylog(sys.argv[3])
got = {v["name"]: v["hex"] for v in page["values"]}
ms = got.get("master_secret (extended)")
print("ok version 1.2, extended master secret" if page["version"] == "1.2" and ms else "bad version/EMS " + page["version"])
recorded = [v for v in page["values"] if v["name"] != "key_block"]
missing = in_order(recorded, trace_lines(sys.argv[2]))
print("ok every recorded value is a -trace-keys line, in order" if not missing else "bad not in -trace-keys: " + " ".join(missing[:3]))
print("ok master secret = openssl's CLIENT_RANDOM line" if ms and kl.get("CLIENT_RANDOM") == ms else "bad master %s vs %s" % (ms, kl.get("CLIENT_RANDOM")))
prf = {p["of"]: p for p in page["prf"]}
cat = lambda p: "".join(b["out"] for b in p["blocks"])[: 2 * p["len"]]
ok = ms and cat(prf["master_secret (extended)"]) == ms and prf["master_secret (extended)"]["label"] == "extended master secret"
print("ok P_SHA256's blocks give the master secret" if ok else "bad PRF blocks of the master secret")
kb = got.get("key_block", "")
ok = kb and cat(prf["key_block"]) == kb and kb[0:32] == got.get("client_write_key") and kb[32:64] == got.get("server_write_key") \
     and kb[64:72] == got.get("client_write_IV (salt)") and kb[72:80] == got.get("server_write_IV (salt)")
print("ok the key block's slices are the write keys and salts" if ok else "bad key block")
ok = all(cat(prf[w + " verify_data"]) == got.get(w + " verify_data") for w in ("client", "server"))
print("ok both verify_data from their P_SHA256 blocks" if ok else "bad verify_data")
PY
finish
