#!/usr/bin/env bash
# tests/sh/92-tls-rsa-pss.sh -- certificates whose key is restricted to RSA-PSS
# (SubjectPublicKeyInfo id-RSASSA-PSS, RFC 4055 §1.2; made by `openssl genpkey
# -algorithm RSA-PSS`, without and with parameters), with openssl both ways:
#   TLS 1.3: CertificateVerify rsa_pss_pss_sha256 (0x0809) from our server and
#     accepted by our client; a client that offers only rsa_pss_rsae_sha256 is
#     refused (handshake_failure);
#   TLS 1.2: DHE with ServerKeyExchange signed rsa_pss_pss_sha256; RSA key
#     transport refused (the key may only sign): our server has no suite for
#     it, our client will not encrypt a premaster to such a key;
#   a key whose parameters demand 64-octet salts cannot do TLS's 32: refused
#     at start, with the reason;
#   client certificates with an RSA-PSS key: rsa_pss_pss_sha256 both ways.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have openssl || ! have ss; then skip "TLS RSA-PSS certificates" "openssl or ss missing"; finish; exit; fi
tls_certs_more
D=$TLS_D
openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdhe2048 -out "$T_TMP/ff2048.pem" 2>/dev/null

has_line() {   # NAME FILE PATTERN
  grep -q -- "$3" "$2" && pass "$1" || fail "$1" "$3" "$(grep -iE 'error|alert|fail' "$2" | head -2 | tr '\n' ' ')"
}
# ossl_to_ours NAME CERT-PREFIX "our server args" "openssl s_client args"
ossl_to_ours() {
  local name=$1 cert=$2 sargs=$3 cargs=$4 sin
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ours "$name" -cert "$D/$cert.pem" -key "$D/$cert.key" -naccept 1 -v $sargs ||
    { fail "$name: s_server start"; release_stdin "$sin"; return; }
  echo "hello-$name" | timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" \
    -servername localhost -verify_return_error $cargs > "$T_TMP/$name.oc" 2>&1
  release_stdin "$sin"; wait_pid "$SPID"
}
# ours_to_ossl NAME CERT-PREFIX "openssl s_server args" "our s_client args"
ours_to_ossl() {
  local name=$1 cert=$2 sargs=$3 cargs=$4 sin
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ossl "$name" -cert "$D/$cert.pem" -key "$D/$cert.key" -naccept 1 $sargs ||
    { fail "$name: openssl s_server start"; release_stdin "$sin"; return; }
  echo "hello-$name" | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v $cargs \
    > /dev/null 2> "$T_TMP/$name.cerr"
  release_stdin "$sin"; wait_pid "$SPID"
}

for k in pss pss-r; do
  # ---- our server, openssl client
  ossl_to_ours "s13-$k" "$k" "-tls1_3" ""
  has_line "$k: ours 1.3 signs CertificateVerify rsa_pss_pss_sha256" "$SLOG" "CertificateVerify: .*rsa_pss_pss_sha256"
  has_line "$k: openssl s_client verified it" "$T_TMP/s13-$k.oc" "Verify return code: 0 (ok)"
  has_line "$k: ... and the data came" "$T_TMP/s13-$k.out" "^hello-s13-$k$"
  ossl_to_ours "s12-$k" "$k" "-tls1_2" "-cipher DHE-RSA-AES128-GCM-SHA256"
  has_line "$k: ours 1.2 DHE signs ServerKeyExchange rsa_pss_pss_sha256" "$SLOG" "ServerKeyExchange: .*rsa_pss_pss_sha256"
  has_line "$k: ... openssl takes it" "$T_TMP/s12-$k.out" "^hello-s12-$k$"
  # ---- openssl server, our client
  ours_to_ossl "c13-$k" "$k" "-tls1_3" ""
  has_line "$k: our client accepts rsa_pss_pss_sha256 from openssl (1.3)" "$T_TMP/c13-$k.cerr" "CertificateVerify checked"
  has_line "$k: our client says the key is RSA-PSS only" "$T_TMP/c13-$k.cerr" "the server's key is restricted to RSA-PSS"
  has_line "$k: ... and the data came (1.3)" "$T_TMP/c13-$k.out" "hello-c13-$k"
  ours_to_ossl "c12-$k" "$k" "-tls1_2 -dhparam $T_TMP/ff2048.pem" "-cipher DHE-RSA-AES128-GCM-SHA256"
  has_line "$k: our client accepts openssl's 1.2 DHE with the RSA-PSS key" "$T_TMP/c12-$k.cerr" "ServerKeyExchange: ffdhe2048, Ys signed"
  has_line "$k: ... and the data came (1.2)" "$T_TMP/c12-$k.out" "hello-c12-$k"
done

# refusals
ossl_to_ours rsae-only pss "-tls1_3" "-sigalgs rsa_pss_rsae_sha256"
has_line "1.3 client offering only rsa_pss_rsae_sha256: refused" "$SLOG" "client does not accept rsa_pss_pss_sha256 signatures.*(sent alert handshake_failure)"
ossl_to_ours rsakt pss "-tls1_2" "-cipher AES128-GCM-SHA256"
has_line "1.2 RSA key transport with an RSA-PSS certificate: refused by our server" "$SLOG" "no common cipher suite for our RSA-PSS certificate.*(sent alert handshake_failure)"
has_line "... openssl got handshake_failure" "$T_TMP/rsakt.oc" "alert handshake failure"
ours_to_ossl crsakt pss "-tls1_2 -cipher AES128-GCM-SHA256" "-tls1_2 -cipher AES128-GCM-SHA256"
has_line "openssl s_server, RSA key transport with an RSA-PSS certificate: no handshake" "$T_TMP/crsakt.cerr" "handshake failed"
"$CL" s_server -accept 127.0.0.1:0 -cert "$D/pss-64.pem" -key "$D/pss-64.key" > /dev/null 2> "$T_TMP/p64.err" < /dev/null
has_line "a key that demands 64-octet salts: s_server refuses to start" "$T_TMP/p64.err" "cannot be used for TLS: its RSA-PSS key demands salts of at least 64 octets"
"$CL" pkey -in "$D/pss.key" -noout > /dev/null 2>&1 && pass "cryptolab reads openssl's RSA-PSS private key" ||
  fail "cryptolab reads openssl's RSA-PSS private key" "exit 0" "$("$CL" pkey -in "$D/pss.key" -noout 2>&1 | head -1)"

# client certificates with an RSA-PSS key, both ways
PC="-cert $D/pss-client.pem -key $D/pss-client.key"
for v in -tls1_3 -tls1_2; do
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ours "cc$v" -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/ca.pem" -Verify 1 -naccept 1 -v $v
  echo hi | timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -servername localhost $PC \
    > "$T_TMP/cc.oc" 2>&1
  release_stdin "$sin"; wait_pid "$SPID"
  has_line "openssl RSA-PSS client certificate -> ours ($v): rsa_pss_pss_sha256 checked" "$SLOG" "client CertificateVerify checked (rsa_pss_pss_sha256)"
  has_line "openssl RSA-PSS client certificate -> ours ($v): verified" "$SLOG" "^CLIENT CERTIFICATE 1: verified"
  ours_to_ossl "pc$v" server "-Verify 1 -verify_return_error -CAfile $D/ca.pem" "$v -cipher AES128-GCM-SHA256 $PC"
  has_line "our RSA-PSS client certificate -> openssl ($v): signed rsa_pss_pss_sha256" "$T_TMP/pc$v.cerr" "Certificate + CertificateVerify (rsa_pss_pss_sha256)"
  has_line "our RSA-PSS client certificate -> openssl ($v): accepted" "$T_TMP/pc$v.out" "hello-pc$v"
done
finish
