#!/usr/bin/env python3
"""tests/fuzz/make_tls_corpus.py -- writes the seed corpora of the TLS fuzz
targets from vectors/tls/rfc8448-simple-1rtt.txt (RFC 8448 section 3):
  corpus/tls_record/    the protected records (1.3), a plaintext ClientHello
  corpus/tls_messages/  every handshake message body, selector byte first
  corpus/tls_server/    ClientHello records (the RFC's, and a TLS 1.2 one)
Run from the top of the tree: python3 tests/fuzz/make_tls_corpus.py"""
import os, re

v = {}
for line in open("vectors/tls/rfc8448-simple-1rtt.txt"):
    m = re.match(r"(\w+) = ([0-9a-f]+)$", line.strip())
    if m:
        v[m.group(1)] = bytes.fromhex(m.group(2))

def put(target, name, data):
    d = os.path.join("tests/fuzz/corpus", target)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name), "wb").write(data)

def record(t, body, ver=b"\x03\x03"):
    return bytes([t]) + ver + len(body).to_bytes(2, "big") + body

ch = v["ClientHello"]
put("tls_record", "server-flight-13", b"\x01" + v["RecordServerFlight"])
put("tls_record", "client-finished-13", b"\x01" + v["RecordClientFinished"])
put("tls_record", "plaintext-ch", b"\x02" + record(22, ch, b"\x03\x01"))
# the server's flight cut into its messages
msgs, fl = [], v["ServerFlight"]
while fl:
    n = int.from_bytes(fl[1:4], "big")
    msgs.append(fl[:4 + n]); fl = fl[4 + n:]
sel = {1: 0, 2: 1, 8: 2, 11: 3, 15: 5}
put("tls_messages", "client-hello", b"\x00" + ch[4:])
put("tls_messages", "server-hello", b"\x01" + v["ServerHello"][4:])
for m in msgs:
    if m[0] in sel:
        put("tls_messages", "msg-%d" % m[0], bytes([sel[m[0]]]) + m[4:])
put("tls_messages", "key-update", b"\x08\x01")
put("tls_messages", "client-key-exchange", b"\x07" + (256).to_bytes(2, "big") + bytes(range(256)))
put("tls_server", "rfc8448-client-hello", record(22, ch, b"\x03\x01"))
# a TLS 1.2 ClientHello: RSA and DHE suites, EMS, renegotiation_info, groups
body = (b"\x03\x03" + bytes(32) + b"\x00" + b"\x00\x04\x00\x9e\x00\x9c" + b"\x01\x00")
ext = (b"\x00\x17\x00\x00" + b"\xff\x01\x00\x01\x00" +
       b"\x00\x0a\x00\x06\x00\x04\x01\x00\x01\x01" + b"\x00\x0d\x00\x06\x00\x04\x08\x04\x04\x01")
body += len(ext).to_bytes(2, "big") + ext
put("tls_server", "tls12-client-hello", record(22, b"\x01" + len(body).to_bytes(3, "big") + body, b"\x03\x01"))
