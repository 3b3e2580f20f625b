#!/usr/bin/env bash
# tests/sh/82-x509-write.sh -- certificates and requests made by cryptolab,
# read and verified by openssl; openssl's, signed by cryptolab; both ways:
#   - req -x509 (a CA), req -new (requests), x509 -req (signed by our CA):
#     openssl verify / openssl req -verify accept them, with host names,
#     IP addresses, purposes, chains of length 1, 2 and 3, PSS signatures;
#     openssl's -text of them equals ours;
#   - an openssl request signed by us (-copy_extensions copy), our request
#     signed by openssl: each verifier accepts the other's;
#   - the same request signed by both with subjectKeyIdentifier=hash: the
#     same key identifier (SHA-1 of the key, RFC 5280 §4.2.1.2 (1));
#   - serials: -set_serial as openssl shows it, random ones of 159 bits and
#     all different, -CAcreateserial writes CA.srl and counts up;
#   - private keys written with mode 0600;
#   - mistakes (bad -subj, unknown -addext, no -nodes): one error line, exit 1,
#     no file left behind.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/x509lib.sh"
if ! have openssl; then skip "x509 writing" "openssl not installed (make deps)"; finish; exit $?; fi
W=$T_TMP/w; mkdir -p "$W"; cd "$W" || exit 1

ok() {   # NAME -- command...: exit 0
  local name=$1; shift 2
  if "$@" > out.txt 2>&1; then pass "$name"; else fail "$name" "exit 0" "exit $?: $(head -c 300 out.txt)"; fi
}

# ------------------------------------------------------------ our CA, our requests, our certificates
ok "req -x509: a self-signed CA" -- "$CL" req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem \
   -subj "/C=FR/O=Cryptolab Class/CN=Class CA" -days 3650
expect_eq "the CA key has mode 0600" "600" "$(stat -c %a ca.key)"
ok "openssl verify accepts our self-signed CA" -- openssl verify -CAfile ca.pem ca.pem
ok "openssl reads our CA (x509 -text)" -- openssl x509 -in ca.pem -noout -text
expect_eq "our CA's extensions, as openssl sees them" \
  "X509v3 Subject Key Identifier: |X509v3 Authority Key Identifier: |X509v3 Basic Constraints: critical|" \
  "$(openssl x509 -in ca.pem -noout -text | sed -n 's/^            \(X509v3 [^:]*: .*\)$/\1/p' | tr '\n' '|')"

ok "req -x509: an intermediate's request" -- "$CL" req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr \
   -subj "/C=FR/O=Cryptolab Class/CN=Class Intermediate"
printf '[v3_int]\nbasicConstraints = critical,CA:TRUE,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n' > int.cnf
ok "x509 -req: the intermediate, signed by our CA" -- "$CL" x509 -req -in int.csr -CA ca.pem -CAkey ca.key \
   -CAcreateserial -days 1000 -extfile int.cnf -extensions v3_int -out int.pem
expect_eq "-CAcreateserial wrote ca.srl (one hex line)" "1" "$(grep -c -E '^[0-9A-F]+$' ca.srl)"
s1=$(cat ca.srl)
ok "openssl verify accepts our intermediate" -- openssl verify -CAfile ca.pem int.pem

ok "req -new with -addext" -- "$CL" req -new -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr \
   -subj "/O=Cryptolab Class/CN=www.class.example" \
   -addext "subjectAltName=DNS:www.class.example,DNS:*.class.example,IP:127.0.0.1,IP:::1" \
   -addext "keyUsage=critical,digitalSignature,keyEncipherment" -addext "extendedKeyUsage=serverAuth"
ok "openssl req -verify accepts our request" -- openssl req -in srv.csr -noout -verify
openssl req -in srv.csr -noout -text > want.txt; "$CL" req -in srv.csr -noout -text > got.txt
same_output "req -text of our request as openssl's" want.txt got.txt
ok "x509 -req: the server certificate, signed by our intermediate (-copy_extensions copy)" -- \
   "$CL" x509 -req -in srv.csr -CA int.pem -CAkey int.key -CAcreateserial -days 365 -copy_extensions copy \
   -extfile /dev/null -out srv.pem
cat int.pem > untrusted.pem
for args in "-verify_hostname www.class.example" "-verify_hostname a.class.example" "-verify_ip 127.0.0.1" "-verify_ip ::1" "-purpose sslserver"; do
  # shellcheck disable=SC2086
  ok "openssl verify (chain of 3 we made) $args" -- openssl verify -CAfile ca.pem -untrusted untrusted.pem $args srv.pem
  # shellcheck disable=SC2086
  ok "cryptolab verify (chain of 3 we made) $args" -- "$CL" verify -CAfile ca.pem -untrusted untrusted.pem $args srv.pem
done
# shellcheck disable=SC2086
if openssl verify -CAfile ca.pem -untrusted untrusted.pem -verify_hostname other.example srv.pem > /dev/null 2>&1; then
  fail "openssl refuses our certificate for another host" "exit 2" "exit 0"; else pass "openssl refuses our certificate for another host"; fi
openssl x509 -in srv.pem -noout -text > want.txt; "$CL" x509 -in srv.pem -noout -text > got.txt
same_output "x509 -text of our certificate as openssl's" want.txt got.txt

ok "x509 -req -sigopt rsa_padding_mode:pss (a PSS-signed certificate)" -- "$CL" x509 -req -in srv.csr -CA int.pem \
   -CAkey int.key -set_serial 0x1234 -days 30 -copy_extensions copy -sigopt rsa_padding_mode:pss -out pss.pem
ok "openssl verify accepts our PSS signature" -- openssl verify -CAfile ca.pem -untrusted untrusted.pem pss.pem
expect_eq "openssl sees RSASSA-PSS" "rsassaPss" "$(openssl x509 -in pss.pem -noout -text | sed -n 's/^    Signature Algorithm: \([a-zA-Z]*\).*/\1/p')"
ok "req -new -sigopt rsa_padding_mode:pss (a PSS-signed request)" -- "$CL" req -new -key srv.key -subj "/CN=pss" \
   -sigopt rsa_padding_mode:pss -out pss.csr
ok "openssl req -verify accepts our PSS request" -- openssl req -in pss.csr -noout -verify
expect_eq "-set_serial 0x1234 as openssl prints it" "serial=1234" "$(openssl x509 -in pss.pem -noout -serial)"

# ------------------------------------------------------------ the other way round
openssl req -new -newkey rsa:2048 -nodes -keyout o.key -out o.csr -subj "/CN=openssl.example" \
  -addext "subjectAltName=DNS:openssl.example" 2>/dev/null
ok "cryptolab req -verify accepts openssl's request" -- "$CL" req -in o.csr -noout -verify
ok "cryptolab signs openssl's request" -- "$CL" x509 -req -in o.csr -CA ca.pem -CAkey ca.key -days 30 -copy_extensions copy -out o.pem
ok "openssl verify accepts it, SAN copied" -- openssl verify -CAfile ca.pem -verify_hostname openssl.example o.pem
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -days 30 -copy_extensions copy -out srv-by-openssl.pem 2>/dev/null
ok "cryptolab verify accepts openssl's certificate for our request" -- "$CL" verify -CAfile ca.pem -verify_hostname www.class.example srv-by-openssl.pem
ok "openssl verify accepts a root made by openssl and a leaf made by us" -- sh -c \
  "openssl req -x509 -newkey rsa:2048 -nodes -keyout oca.key -out oca.pem -subj /CN=OCA -days 10 2>/dev/null &&
   '$CL' x509 -req -in srv.csr -CA oca.pem -CAkey oca.key -days 5 -copy_extensions copy -out l.pem &&
   openssl verify -CAfile oca.pem -verify_hostname www.class.example l.pem"

# subjectKeyIdentifier=hash: the same identifier from both
printf '[s]\nsubjectKeyIdentifier = hash\n' > ski.cnf
"$CL" x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -days 1 -extfile ski.cnf -extensions s -out ski1.pem 2>/dev/null
openssl x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -days 1 -extfile ski.cnf -extensions s -out ski2.pem 2>/dev/null
expect_eq "subjectKeyIdentifier=hash: ours equals openssl's" \
  "$(openssl x509 -in ski2.pem -noout -ext subjectKeyIdentifier)" "$(openssl x509 -in ski1.pem -noout -ext subjectKeyIdentifier)"

# ------------------------------------------------------------ serial numbers
"$CL" x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 -out s2.pem 2>/dev/null
s2=$(cat ca.srl)
expect_eq "-CAcreateserial counts up (ca.srl + 1 is the new serial)" "serial=$s2" "$(openssl x509 -in s2.pem -noout -serial)"
[ "$s1" != "$s2" ] && pass "ca.srl changed" || fail "ca.srl changed" "a new value" "$s2"
for i in 1 2 3; do "$CL" x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -days 1 -out r$i.pem 2>/dev/null; done
r1=$(openssl x509 -in r1.pem -noout -serial); r2=$(openssl x509 -in r2.pem -noout -serial); r3=$(openssl x509 -in r3.pem -noout -serial)
[ "$r1" != "$r2" ] && [ "$r2" != "$r3" ] && [ "$r1" != "$r3" ] && pass "random serials differ" || fail "random serials differ" "3 values" "$r1 $r2 $r3"
hex=${r1#serial=}
[ ${#hex} -ge 16 ] && pass "random serial of at least 64 bits (${#hex} hex digits)" || fail "random serial >= 64 bits" ">= 16 hex digits" "$hex"

# ------------------------------------------------------------ mistakes: one line, exit 1, nothing left behind
err_case() {   # NAME OUTFILE -- command...
  local name=$1 outf=$2; shift 3
  rm -f "$outf"
  "$@" > /dev/null 2> err.txt; local rc=$?
  # one error line (x509 -req first says, as openssl, that the request's signature is fine)
  local lines; lines=$(grep -v -E '^(Certificate request self-signature ok|subject=)' err.txt | wc -l)
  if [ "$rc" -eq 1 ] && [ "$lines" -eq 1 ] && grep -q '^cryptolab ' err.txt && [ ! -e "$outf" ]; then pass "$name"
  else fail "$name" "exit 1, one line, no $outf" "exit $rc, $lines lines, $(ls "$outf" 2>/dev/null): $(head -c 200 err.txt)"; fi
}
err_case "req: -subj without '/'" bad.csr -- "$CL" req -new -key srv.key -subj "CN=x" -out bad.csr
err_case "req: unknown attribute" bad.csr -- "$CL" req -new -key srv.key -subj "/XX=x" -out bad.csr
err_case "req: country of 3 letters" bad.csr -- "$CL" req -new -key srv.key -subj "/C=FRA" -out bad.csr
err_case "req: unknown -addext" bad.csr -- "$CL" req -new -key srv.key -subj "/CN=x" -addext "fooBar=1" -out bad.csr
err_case "req: bad subjectAltName" bad.csr -- "$CL" req -new -key srv.key -subj "/CN=x" -addext "subjectAltName=IP:1.2.3" -out bad.csr
err_case "req: -newkey without -nodes" bad.key -- "$CL" req -new -newkey rsa:2048 -keyout bad.key -subj "/CN=x" -out bad.csr
err_case "x509 -req: CA key that is not the CA's" bad.pem -- "$CL" x509 -req -in srv.csr -CA ca.pem -CAkey srv.key -out bad.pem
err_case "x509 -req: extfile section missing" bad.pem -- "$CL" x509 -req -in srv.csr -CA ca.pem -CAkey ca.key -extfile int.cnf -extensions nope -out bad.pem
err_case "x509: not a certificate" bad.pem -- "$CL" x509 -in srv.csr -out bad.pem
finish
