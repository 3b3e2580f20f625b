#!/usr/bin/env bash
# tests/x509/make-corpus.sh DIR -- makes the X.509 test corpus with the
# openssl tool (not with cryptolab: an independent encoder), at test time.
#
# Every certificate has fixed dates (`openssl ca -startdate/-enddate`), so
# verifying with `-attime $T` (T = 2030-06-01T00:00:00Z, written to
# DIR/attime) gives the same verdicts on any day.  Keys are fresh each run;
# nothing here depends on their values.
#
#   root1     "Class Root CA"    2020-2040  self-signed, CA, keyCertSign
#   root2     "Other Root CA"    2020-2040  another CA
#   inter1    root1 -> CA        2021-2039
#   leaf_good inter1 -> server   2024-2034  SAN www.example.com, *.example.org,
#                                           127.0.0.1, ::1; EKU serverAuth
#   ... one certificate per failure the tests compare (see DIR/cases.txt)
#
# DIR/cases.txt: one verification per line, "NAME|EXPECT|ARGS...", where
# ARGS are `verify` arguments relative to DIR and EXPECT is "same" (our
# output must equal openssl's) or "differ:REASON" (a documented, intended
# difference: we are stricter).
set -eu
DIR=${1:?usage: make-corpus.sh DIR}
mkdir -p "$DIR"
cd "$DIR"
OPENSSL=${OPENSSL:-openssl}
T=$(date -u -d '2030-06-01 00:00:00' +%s)
echo "$T" > attime

key() { [ -f "$1.key" ] || "$OPENSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null; }

cat > ext.cnf <<'X'
[ca_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_inter]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_pathlen0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_false]
basicConstraints = critical,CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_no_certsign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com,DNS:*.example.org,IP:127.0.0.1,IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[client_only]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:www.example.com
[ku_crl_only]
basicConstraints = CA:FALSE
keyUsage = critical,cRLSign
subjectAltName = DNS:www.example.com
[critical_unknown]
basicConstraints = CA:FALSE
subjectAltName = DNS:www.example.com
1.2.3.4 = critical,ASN1:NULL
[partial_wildcard]
subjectAltName = DNS:f*.example.com
[wide_wildcard]
subjectAltName = DNS:*.org
[cn_only]
basicConstraints = CA:FALSE
X

# `openssl ca` with its own small database, so -startdate/-enddate fix the dates.
mkdir -p db/new
: > db/index.txt
echo 1000 > db/serial
cat > ca.cnf <<X
[ca]
default_ca = d
[d]
database = db/index.txt
new_certs_dir = db/new
serial = db/serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
[any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
X

# issue NAME SUBJECT ISSUER START END SECTION [extra openssl ca options]
# ISSUER "self" makes a self-signed certificate.
issue() {
  local name=$1 subj=$2 issuer=$3 start=$4 end=$5 sect=$6; shift 6
  local k=${KEY:-$name}
  key "$k"
  "$OPENSSL" req -new -key "$k.key" -subj "$subj" -out "$name.csr" 2>/dev/null
  if [ "$issuer" = self ]; then
    "$OPENSSL" ca -batch -config ca.cnf -selfsign -keyfile "$k.key" -in "$name.csr" -out "$name.pem" \
      -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$sect" -notext -preserveDN "$@" 2>/dev/null
  else
    "$OPENSSL" ca -batch -config ca.cnf -cert "$issuer.pem" -keyfile "${ISSUER_KEY:-$issuer}.key" -in "$name.csr" \
      -out "$name.pem" -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$sect" -notext -preserveDN "$@" 2>/dev/null
  fi
  "$OPENSSL" x509 -in "$name.pem" -outform DER -out "$name.der"
}

issue root1 "/C=FR/O=Cryptolab/CN=Class Root CA" self 20200101000000Z 20400101000000Z ca_root
issue root2 "/C=FR/O=Elsewhere/CN=Other Root CA" self 20200101000000Z 20400101000000Z ca_root
issue inter1 "/C=FR/O=Cryptolab/CN=Class Intermediate CA" root1 20210101000000Z 20390101000000Z ca_inter
KEY=leaf issue leaf_good "/O=Cryptolab/CN=www.example.com" inter1 20240101000000Z 20340101000000Z server
KEY=leaf issue leaf_direct "/CN=www.example.com" root1 20240101000000Z 20340101000000Z server
KEY=leaf issue leaf_expired "/CN=www.example.com" inter1 20240101000000Z 20250101000000Z server
KEY=leaf issue leaf_notyet "/CN=www.example.com" inter1 20310101000000Z 20350101000000Z server
KEY=leaf issue leaf_other "/CN=www.example.com" root2 20240101000000Z 20340101000000Z server
KEY=leaf issue leaf_client "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z client_only
KEY=leaf issue leaf_ku "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z ku_crl_only
KEY=leaf issue leaf_crit "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z critical_unknown
KEY=leaf issue leaf_pwild "/CN=partial wildcard" inter1 20240101000000Z 20340101000000Z partial_wildcard
KEY=leaf issue leaf_wwild "/CN=wide wildcard" inter1 20240101000000Z 20340101000000Z wide_wildcard
KEY=leaf issue leaf_cn "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z cn_only
KEY=leaf issue leaf_pss "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z server \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
"$OPENSSL" genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out psskey.key 2>/dev/null
KEY=psskey issue leaf_psskey "/CN=www.example.com" inter1 20240101000000Z 20340101000000Z server
issue inter_false "/CN=Not A CA" root1 20210101000000Z 20390101000000Z ca_false
KEY=leaf issue leaf_under_false "/CN=www.example.com" inter_false 20240101000000Z 20340101000000Z server
issue inter_pl0 "/CN=Path Length 0 CA" root1 20210101000000Z 20390101000000Z ca_pathlen0
issue inter_below "/CN=Below Path Length 0" inter_pl0 20210101000000Z 20390101000000Z ca_inter
KEY=leaf issue leaf_deep "/CN=www.example.com" inter_below 20240101000000Z 20340101000000Z server
issue inter_nocs "/CN=No keyCertSign CA" root1 20210101000000Z 20390101000000Z ca_no_certsign
KEY=leaf issue leaf_under_nocs "/CN=www.example.com" inter_nocs 20240101000000Z 20340101000000Z server

# For the printers: every field and extension form we decode, made by openssl.
cat > features.cnf <<'X'
[features]
basicConstraints = critical,CA:TRUE,pathlen:3
keyUsage = critical,digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly
extendedKeyUsage = serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,anyExtendedKeyUsage,1.2.3.4
subjectAltName = DNS:a.example, email:me@example.com, URI:https://example.com/x, IP:192.168.1.1, IP:fe80::1:2, RID:1.2.3.4, dirName:dn, otherName:1.2.3.4;UTF8:hello
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always,issuer:always
nsComment = "a comment"
1.2.3.5 = ASN1:UTF8String:some text here
[dn]
C = FR
CN = Dir Name
X
KEY=leaf; key leaf
subj=$(printf '/C=DE/ST=Bayern/L=M\303\274nchen/O=A, B/OU=x=y;z<>#/CN= lead and trail /emailAddress=a@b.c/DC=com/serialNumber=123/UID=u1/street=Main St/title=Dr/GN=Anna/SN=Bell/initials=AB/postalCode=80331/description=tab\there')
"$OPENSSL" req -new -key leaf.key -utf8 -subj "$subj" -out names.csr 2>/dev/null
"$OPENSSL" req -new -key leaf.key -subj '/CN=multi+O=valued RDN/OU=q\"uote\\back' -out multi.csr 2>/dev/null
for s in 0 1 -1 -256 4660 9223372036854775807 0x8000000000000000 0x00ffffffffffffffffffffffffffffffffffffff; do
  n=$(printf '%s' "$s" | tr -c '0-9a-zx-' _)
  "$OPENSSL" x509 -req -in multi.csr -CA root1.pem -CAkey root1.key -set_serial "$s" -days 1 -out "serial_$n.pem" 2>/dev/null
done
"$OPENSSL" x509 -req -in leaf_good.csr -CA root1.pem -CAkey root1.key -set_serial 7 -days 1 -extfile features.cnf -extensions features -out features.pem 2>/dev/null
"$OPENSSL" x509 -req -in names.csr -CA root1.pem -CAkey root1.key -set_serial 8 -days 1 -out names.pem 2>/dev/null
"$OPENSSL" req -new -key leaf.key -subj "/CN=www.example.com" -addext "subjectAltName=DNS:www.example.com,IP:10.0.0.1" \
  -addext "keyUsage=critical,digitalSignature" -addext "challengePassword=x" -out ext.csr 2>/dev/null || \
  "$OPENSSL" req -new -key leaf.key -subj "/CN=www.example.com" -addext "subjectAltName=DNS:www.example.com,IP:10.0.0.1" \
  -addext "keyUsage=critical,digitalSignature" -out ext.csr 2>/dev/null
"$OPENSSL" req -new -key leaf.key -subj "/CN=pss request" -sigopt rsa_padding_mode:pss -out pss.csr 2>/dev/null

cat inter_pl0.pem inter_below.pem > chain_pl0.pem
cat inter1.pem root1.pem > chain_to_root1.pem

# Byte-level damage to leaf_good (DER): see the cases below.
python3 - <<'X'
d = bytearray(open('leaf_good.der', 'rb').read())
def hdr(b, i):                     # (header length, content length) of the element at i
    if b[i + 1] < 0x80: return 2, b[i + 1]
    n = b[i + 1] & 0x7F
    return 2 + n, int.from_bytes(b[i + 2:i + 2 + n], 'big')
oh, ol = hdr(d, 0)
th, tl = hdr(d, oh)
tbs = bytes(d[oh:oh + th + tl]); rest = bytes(d[oh + th + tl:])
def seq(body, longer=0):           # SEQUENCE header, optionally with `longer` needless length octets
    n = len(body); ln = n.to_bytes((n.bit_length() + 7) // 8 or 1, 'big')
    if n < 0x80 and not longer: return bytes([0x30, n]) + body
    ln = b'\x00' * longer + ln
    return bytes([0x30, 0x80 | len(ln)]) + ln + body
bad = bytearray(d); bad[-1] ^= 0x01                  # last octet of the signature
open('bad_sig.der', 'wb').write(bad)
open('trailing_after.der', 'wb').write(bytes(d) + b'\x00')
open('trailing_in_tbs.der', 'wb').write(seq(seq(tbs[th:] + b'\x05\x00') + rest))
open('nonder_outer.der', 'wb').write(seq(tbs + rest, longer=1))
open('nonder_tbs.der', 'wb').write(seq(seq(tbs[th:], longer=1) + rest))
X

cat > cases.txt <<X
good_root_only|same|-CAfile root1.pem root1.pem
good_length2|same|-CAfile root1.pem -attime $T -purpose sslserver -verify_hostname www.example.com leaf_direct.pem
good_length3|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslserver -verify_hostname www.example.com leaf_good.pem
good_chain_with_root|same|-CAfile root1.pem -untrusted chain_to_root1.pem -attime $T leaf_good.pem
good_ipv4|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_ip 127.0.0.1 leaf_good.pem
good_ipv6|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_ip ::1 leaf_good.pem
good_wildcard|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname mail.example.org leaf_good.pem
good_host_case|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname WWW.Example.COM leaf_good.pem
good_pss_signature|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslserver leaf_pss.pem
good_pss_key|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslserver leaf_psskey.pem
good_client_purpose|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslclient leaf_client.pem
expired|same|-CAfile root1.pem -untrusted inter1.pem -attime $T leaf_expired.pem
not_yet_valid|same|-CAfile root1.pem -untrusted inter1.pem -attime $T leaf_notyet.pem
root_not_yet_valid|same|-CAfile root1.pem -untrusted inter1.pem -attime 1500000000 leaf_good.pem
wrong_issuer|same|-CAfile root1.pem -attime $T leaf_other.pem
missing_intermediate|same|-CAfile root1.pem -attime $T leaf_good.pem
untrusted_self_signed|same|-CAfile root1.pem root2.pem
untrusted_root_in_chain|same|-CAfile root2.pem -untrusted chain_to_root1.pem -attime $T leaf_good.pem
bad_signature|same|-CAfile root1.pem -untrusted inter1.pem -attime $T bad_sig.der
intermediate_ca_false|same|-CAfile root1.pem -untrusted inter_false.pem -attime $T leaf_under_false.pem
pathlen_exceeded|same|-CAfile root1.pem -untrusted chain_pl0.pem -attime $T leaf_deep.pem
missing_keycertsign|same|-CAfile root1.pem -untrusted inter_nocs.pem -attime $T leaf_under_nocs.pem
wrong_eku|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslserver leaf_client.pem
wrong_eku_client|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslclient leaf_good.pem
wrong_key_usage|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -purpose sslserver leaf_ku.pem
unknown_critical_ext|same|-CAfile root1.pem -untrusted inter1.pem -attime $T leaf_crit.pem
host_mismatch|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname other.example.net leaf_good.pem
wildcard_two_labels|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname a.b.example.org leaf_good.pem
wildcard_bare_domain|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname example.org leaf_good.pem
wildcard_too_wide|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname example.org leaf_wwild.pem
ip_mismatch|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_ip 10.0.0.1 leaf_good.pem
ip_not_dns|same|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname 127.0.0.1 leaf_good.pem
trailing_in_tbs|same|-CAfile root1.pem -untrusted inter1.pem -attime $T trailing_in_tbs.der
nonder_length_tbs|differ:both reject; openssl as a bad signature (7), we as malformed DER|-CAfile root1.pem -untrusted inter1.pem -attime $T nonder_tbs.der
trailing_after_cert|differ:openssl ignores data after the certificate; we refuse it|-CAfile root1.pem -untrusted inter1.pem -attime $T trailing_after.der
nonder_length_outer|differ:openssl accepts a BER length outside the signed part; we refuse non-DER|-CAfile root1.pem -untrusted inter1.pem -attime $T nonder_outer.der
partial_wildcard|differ:openssl accepts f*.example.com; RFC 6125 6.4.3 lets us refuse it|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname foo.example.com leaf_pwild.pem
cn_fallback|differ:openssl falls back to the CN without SAN DNS names; we never do|-CAfile root1.pem -untrusted inter1.pem -attime $T -verify_hostname www.example.com leaf_cn.pem
X
