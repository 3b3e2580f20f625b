#!/usr/bin/env python3
"""tests/fuzz/make_tls_corpus.py -- the seeds of the TLS fuzz targets, made
from vectors/tls/rfc8448-simple-1rtt.txt (RFC 8448 section 3):
  tls_record    the protected TLS 1.3 records, a plaintext ClientHello
  tls_messages  every handshake message body, selector byte first
  tls_server    ClientHello records (the RFC's, and a TLS 1.2 one)
tests/fuzz/make_corpus.py (`make fuzz-corpus`) calls tls_seeds(); run alone
from the top of the tree it writes them too."""
import os, re, sys

def _vectors():
    v = {}
    for line in open("vectors/tls/rfc8448-simple-1rtt.txt"):
        m = re.match(r"(\w+) = ([0-9a-f]+)$", line.strip())
        if m:
            v[m.group(1)] = bytes.fromhex(m.group(2))
    return v

def _record(t, body, ver=b"\x03\x03"):
    return bytes([t]) + ver + len(body).to_bytes(2, "big") + body

def tls_seeds(target):
    v = _vectors()
    ch = v["ClientHello"]
    s = {}
    if target == "tls_record":
        s["seed-server-flight-13"] = b"\x01" + v["RecordServerFlight"]
        s["seed-client-finished-13"] = b"\x01" + v["RecordClientFinished"]
        s["seed-plaintext-ch"] = b"\x02" + _record(22, ch, b"\x03\x01")
    elif target == "tls_messages":
        sel = {1: 0, 2: 1, 8: 2, 11: 3, 15: 5}
        s["seed-client-hello"] = b"\x00" + ch[4:]
        s["seed-server-hello"] = b"\x01" + v["ServerHello"][4:]
        fl = v["ServerFlight"]
        while fl:
            n = int.from_bytes(fl[1:4], "big")
            m, fl = fl[:4 + n], fl[4 + n:]
            if m[0] in sel:
                s["seed-msg-%d" % m[0]] = bytes([sel[m[0]]]) + m[4:]
        s["seed-key-update"] = b"\x08\x01"
        s["seed-client-key-exchange"] = b"\x07" + (256).to_bytes(2, "big") + bytes(range(256))
    elif target == "tls_server":
        s["seed-rfc8448-client-hello"] = _record(22, ch, b"\x03\x01")
        body = b"\x03\x03" + bytes(32) + b"\x00" + b"\x00\x04\x00\x9e\x00\x9c" + b"\x01\x00"
        ext = (b"\x00\x17\x00\x00" + b"\xff\x01\x00\x01\x00" +
               b"\x00\x0a\x00\x06\x00\x04\x01\x00\x01\x01" + b"\x00\x0d\x00\x06\x00\x04\x08\x04\x04\x01")
        body += len(ext).to_bytes(2, "big") + ext
        s["seed-tls12-client-hello"] = _record(22, b"\x01" + len(body).to_bytes(3, "big") + body, b"\x03\x01")
    return s

if __name__ == "__main__":
    for t in ("tls_record", "tls_messages", "tls_server"):
        d = os.path.join("tests/fuzz/corpus", t)
        os.makedirs(d, exist_ok=True)
        for name, data in tls_seeds(t).items():
            open(os.path.join(d, name), "wb").write(data)
