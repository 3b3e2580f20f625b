#!/usr/bin/env bash
# tests/sh/91-tls-client-certs.sh -- client certificates (openssl's -verify N /
# -Verify N, -cert/-key) and the server's -CAfile, with openssl on the other side:
#   openssl s_client -cert/-key -> our s_server -Verify 1 (TLS 1.3; TLS 1.2 RSA and
#     DHE; CertificateVerify rsa_pss_rsae_sha256 and, forced with -sigalgs,
#     rsa_pkcs1_sha256 in 1.2);
#   our s_client -cert/-key -> openssl s_server -Verify 1 -verify_return_error (1.3,
#     1.2; rsa_pkcs1_sha256 when openssl lists only that: -client_sigalgs);
#   refusals: no certificate with -Verify (TLS 1.3 certificate_required, TLS 1.2
#     handshake_failure), a certificate from another CA (unknown_ca), a server
#     certificate offered as a client's (unsupported_certificate: no clientAuth),
#     a chain longer than -Verify N allows (unknown_ca); -verify (optional) lets a
#     client without a certificate in;
#   -CAfile builds the server's chain: a leaf issued by an intermediate, the
#     intermediate found in -CAfile and sent, so that openssl s_client verifies;
#     a chain that does not verify against -CAfile is a warning.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tlslib.sh"
if ! have openssl || ! have ss; then skip "TLS client certificates" "openssl or ss missing"; finish; exit; fi
tls_certs_more
D=$TLS_D

# ossl_to_ours NAME "our server args" "openssl s_client args" [refused]: our s_server
# -naccept 1 (standard input held until the client ended), openssl s_client sends one
# line; with "refused" (a TLS 1.3 client's certificate refused after the client's
# Finished) openssl sends nothing and its standard input is held until our server
# ended, so that it reads the alert instead of ending first at the end of its input
ossl_to_ours() {
  local name=$1 sargs=$2 cargs=$3 refused=${4:-} sin cin cpid
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ours "$name" -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/ca.pem" -naccept 1 -v $sargs ||
    { fail "$name: s_server start"; release_stdin "$sin"; return; }
  if [ -n "$refused" ]; then
    hold_stdin; cin=$HELD
    timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" \
      -servername localhost $cargs < "$cin" > "$T_TMP/$name.oc" 2>&1 &
    cpid=$!
    wait_pid "$SPID"; release_stdin "$cin"; wait_pid "$cpid"; release_stdin "$sin"
    return
  fi
  echo "hello-$name" | timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" \
    -servername localhost $cargs > "$T_TMP/$name.oc" 2>&1
  release_stdin "$sin"; wait_pid "$SPID"
}
# ours_to_ossl NAME "openssl s_server args" "our s_client args"
ours_to_ossl() {
  local name=$1 sargs=$2 cargs=$3 sin
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ossl "$name" -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/ca.pem" -naccept 1 $sargs ||
    { fail "$name: openssl s_server start"; release_stdin "$sin"; return; }
  echo "hello-$name" | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -v $cargs \
    > /dev/null 2> "$T_TMP/$name.cerr"
  release_stdin "$sin"; wait_pid "$SPID"
}
has_line() {   # NAME FILE PATTERN
  grep -q -- "$3" "$2" && pass "$1" || fail "$1" "$3" "$(grep -iE 'error|alert|fail|verif' "$2" | head -2 | tr '\n' ' ')"
}

# ---------------------------------------------------------------- openssl client -> our server
CC="-cert $D/client.pem -key $D/client.key"
for v in "1.3:-tls1_3:" "1.2-RSA:-tls1_2 -cipher AES128-GCM-SHA256:" "1.2-DHE:-tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:"; do
  n=${v%%:*}; r=${v#*:}; a=${r%%:*}
  ossl_to_ours "o$n" "-Verify 1 $a" "$CC"
  has_line "openssl -cert -> ours -Verify 1 ($n): client certificate verified" "$SLOG" "^CLIENT CERTIFICATE 1: verified"
  has_line "openssl -cert -> ours ($n): the certificate's subject" "$SLOG" "^Client certificate: CN = student"
  has_line "openssl -cert -> ours ($n): CertificateVerify rsa_pss_rsae_sha256" "$SLOG" "client CertificateVerify checked (rsa_pss_rsae_sha256)"
  has_line "openssl -cert -> ours ($n): the data" "$T_TMP/o$n.out" "^hello-o$n$"
  has_line "openssl -cert -> ours ($n): openssl saw our CertificateRequest with the CA name" "$T_TMP/o$n.oc" "^CN = cryptolab test CA"
done
ossl_to_ours o12pkcs "-Verify 1 -tls1_2" "$CC -sigalgs RSA+SHA256"
has_line "openssl -cert -sigalgs RSA+SHA256 -> ours (1.2): CertificateVerify rsa_pkcs1_sha256" "$SLOG" "client CertificateVerify checked (rsa_pkcs1_sha256)"
has_line "... and verified" "$SLOG" "^CLIENT CERTIFICATE 1: verified"

# ---------------------------------------------------------------- our client -> openssl server
for v in "1.3:-tls1_3" "1.2:-tls1_2 -cipher AES128-GCM-SHA256"; do
  n=${v%%:*}; a=${v#*:}
  ours_to_ossl "c$n" "-Verify 1 -verify_return_error" "$a $CC"
  has_line "ours -cert -> openssl -Verify 1 ($n): we sent it" "$T_TMP/c$n.cerr" "^Client certificate: requested, sent"
  has_line "ours -cert -> openssl ($n): CertificateVerify rsa_pss_rsae_sha256" "$T_TMP/c$n.cerr" "Certificate + CertificateVerify (rsa_pss_rsae_sha256)"
  has_line "ours -cert -> openssl ($n): openssl verified it" "$SLOG" "^depth=0 CN = student"
  has_line "ours -cert -> openssl ($n): the data" "$T_TMP/c$n.out" "hello-c$n"
done
ours_to_ossl c12pkcs "-Verify 1 -verify_return_error -client_sigalgs RSA+SHA256" "-tls1_2 -cipher AES128-GCM-SHA256 $CC"
has_line "ours -cert -> openssl listing only rsa_pkcs1_sha256 (1.2): we sign with it" "$T_TMP/c12pkcs.cerr" "Certificate + CertificateVerify (rsa_pkcs1_sha256)"
has_line "... and openssl takes it" "$T_TMP/c12pkcs.out" "hello-c12pkcs"
ours_to_ossl c13none "-Verify 1" "-tls1_3"
has_line "ours without -cert -> openssl -Verify 1: an empty Certificate" "$T_TMP/c13none.cerr" "Client certificate: requested, none sent\|certificate required\|certificate_required"
has_line "... and openssl refuses with certificate_required" "$T_TMP/c13none.cerr" "peer sent alert certificate_required"
ours_to_ossl c13stranger "-Verify 1 -verify_return_error" "-tls1_3 -cert $D/stranger.pem -key $D/stranger.key"
has_line "ours with a certificate from another CA -> openssl: unknown_ca" "$T_TMP/c13stranger.cerr" "peer sent alert unknown_ca"

# ---------------------------------------------------------------- refusals by our server
ossl_to_ours r13none "-Verify 1 -tls1_3" "" refused
has_line "no certificate, -Verify, TLS 1.3: certificate_required" "$SLOG" "sent no certificate and one is required.*(sent alert certificate_required)"
has_line "... openssl got the alert" "$T_TMP/r13none.oc" "alert certificate required\|certificate required"
ossl_to_ours r12none "-Verify 1 -tls1_2" ""
has_line "no certificate, -Verify, TLS 1.2: handshake_failure" "$SLOG" "sent no certificate and one is required.*(sent alert handshake_failure)"
has_line "... openssl got the alert" "$T_TMP/r12none.oc" "alert handshake failure"
ossl_to_ours r13stranger "-Verify 1" "-cert $D/stranger.pem -key $D/stranger.key" refused
has_line "a certificate from another CA: unknown_ca" "$SLOG" "client certificate verification failed: .*(sent alert unknown_ca)"
has_line "... openssl got the alert" "$T_TMP/r13stranger.oc" "alert unknown ca"
ossl_to_ours r12stranger "-Verify 1 -tls1_2" "-cert $D/stranger.pem -key $D/stranger.key"
has_line "a certificate from another CA (1.2): unknown_ca" "$SLOG" "client certificate verification failed: .*(sent alert unknown_ca)"
ossl_to_ours rpurpose "-Verify 1" "-cert $D/server.pem -key $D/server.key"
has_line "a server certificate as a client's (no clientAuth): unsupported_certificate" "$SLOG" "client certificate verification failed: .*(sent alert unsupported_certificate)"
ossl_to_ours rdepth "-Verify 0" "-cert $D/client2.pem -cert_chain $D/inter.pem -key $D/client2.key"
has_line "-Verify 0 and a chain with one intermediate: too long, unknown_ca" "$SLOG" "chain too long.*(sent alert unknown_ca)"
ossl_to_ours depth1 "-Verify 1" "-cert $D/client2.pem -cert_chain $D/inter.pem -key $D/client2.key"
has_line "-Verify 1 and a chain with one intermediate: verified" "$SLOG" "^CLIENT CERTIFICATE 1: verified"
ossl_to_ours optional "-verify 1 -tls1_3" ""
has_line "-verify (optional), no certificate: in" "$SLOG" "^CONNECTION 1: TLSv1.3"
has_line "-verify (optional), no certificate: said" "$SLOG" "the client sent no certificate: going on without client authentication"
has_line "-verify (optional): the data" "$T_TMP/optional.out" "^hello-optional$"
# our own client to our own server, both versions, refused and accepted
for v in -tls1_3 -tls1_2; do
  hold_stdin; sin=$HELD
  SRV_IN=$sin start_ours self$v -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/ca.pem" -Verify 1 -naccept 1 $v
  echo "hi" | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" $CC > /dev/null 2> "$T_TMP/self.cerr"
  release_stdin "$sin"; wait_pid "$SPID"
  has_line "ours -cert -> ours -Verify 1 ($v): verified" "$SLOG" "^CLIENT CERTIFICATE 1: verified"
  start_ours selfno$v -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/ca.pem" -Verify 1 -naccept 1 $v
  echo "hi" | timeout "$TLS_WAIT" "$CL" s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" > /dev/null 2> "$T_TMP/selfno.cerr"
  wait_pid "$SPID"
  [ $v = -tls1_3 ] && want=certificate_required || want=handshake_failure
  has_line "ours without -cert -> ours -Verify 1 ($v): $want" "$T_TMP/selfno.cerr" "peer sent alert $want"
done
"$CL" s_server -cert "$D/chain.pem" -key "$D/server.key" -Verify 1 > /dev/null 2> "$T_TMP/nocafile.err"
has_line "-Verify without -CAfile: refused with a reason" "$T_TMP/nocafile.err" "need -CAfile FILE"
"$CL" s_client -connect 127.0.0.1:1 -CAfile "$D/ca.pem" -cert "$D/client.pem" > /dev/null 2> "$T_TMP/nokey.err"
has_line "s_client -cert without -key: refused" "$T_TMP/nokey.err" "-cert FILE and -key FILE go together"
"$CL" s_client -connect 127.0.0.1:1 -CAfile "$D/ca.pem" -cert "$D/client.pem" -key "$D/server.key" > /dev/null 2> "$T_TMP/wrongkey.err"
has_line "s_client -cert with another certificate's key: refused" "$T_TMP/wrongkey.err" "does not belong to the certificate"

# ---------------------------------------------------------------- -CAfile builds our chain
cat "$D/ca.pem" "$D/inter.pem" > "$D/ca+inter.pem"
for what in with without; do
  hold_stdin; sin=$HELD
  if [ $what = with ]; then ca=(-CAfile "$D/ca+inter.pem"); else ca=(); fi
  SRV_IN=$sin start_ours chain-$what -cert "$D/leaf2.pem" -key "$D/leaf2.key" "${ca[@]}" -naccept 1 -v
  echo hi | timeout "$TLS_WAIT" openssl s_client -connect "127.0.0.1:$PORT" -CAfile "$D/ca.pem" -servername localhost \
    > "$T_TMP/chain-$what.oc" 2>&1
  release_stdin "$sin"; wait_pid "$SPID"
done
has_line "-cert leaf -CAfile (CA + intermediate): the intermediate is sent, openssl verifies" "$T_TMP/chain-with.oc" "Verify return code: 0 (ok)"
has_line "... said with -v" "$T_TMP/chain-with.log" "our chain: 2 certificate(s), 1 of them from -CAfile"
has_line "-cert leaf without -CAfile: openssl cannot find the intermediate" "$T_TMP/chain-without.oc" "unable to get local issuer certificate"
start_ours badchain -cert "$D/chain.pem" -key "$D/server.key" -CAfile "$D/other.pem" -naccept 1
kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null
has_line "a chain that does not verify against -CAfile: a warning" "$SLOG" "^warning: our certificate chain does not verify against -CAfile"
finish
