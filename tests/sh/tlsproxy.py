#!/usr/bin/env python3
"""tests/sh/tlsproxy.py -- a one-connection TCP relay for the TLS refusal tests.

usage: tlsproxy.py MODE TARGET_PORT
  prints "PORT n" once listening on 127.0.0.1:0, relays one connection to
  127.0.0.1:TARGET_PORT, then exits.
MODE:
  strip-versions   the downgrade attack: removes supported_versions (and
                   key_share) from the client's first ClientHello, so a server
                   that speaks TLS 1.3 answers with TLS 1.2 -- and must put the
                   RFC 8446 4.1.3 sentinel in ServerHello.random
  relay            plain relay
"""
import socket, sys, threading, select

def strip_versions(rec):
    # rec: one TLSPlaintext record holding a whole ClientHello
    if len(rec) < 5 or rec[0] != 22:
        return rec
    body = rec[5:]
    if body[0] != 1:
        return rec
    ch = body[4:]
    p = 2 + 32
    p += 1 + ch[p]                                   # session id
    p += 2 + int.from_bytes(ch[p:p + 2], "big")      # suites
    p += 1 + ch[p]                                   # compression
    ext_len = int.from_bytes(ch[p:p + 2], "big")
    exts, q, out = ch[p + 2:p + 2 + ext_len], 0, b""
    while q < len(exts):
        t = int.from_bytes(exts[q:q + 2], "big")
        n = int.from_bytes(exts[q + 2:q + 4], "big")
        if t not in (43, 51):                        # supported_versions, key_share
            out += exts[q:q + 4 + n]
        q += 4 + n
    ch = ch[:p] + len(out).to_bytes(2, "big") + out
    body = bytes([1]) + len(ch).to_bytes(3, "big") + ch
    return rec[:3] + len(body).to_bytes(2, "big") + body

def main():
    mode, target = sys.argv[1], int(sys.argv[2])
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    print("PORT", ls.getsockname()[1], flush=True)
    ls.settimeout(30)
    c, _ = ls.accept()
    s = socket.create_connection(("127.0.0.1", target), timeout=30)
    first = b""
    c.settimeout(30)
    if mode == "strip-versions":
        while len(first) < 5 or len(first) < 5 + int.from_bytes(first[3:5], "big"):
            d = c.recv(65536)
            if not d:
                break
            first += d
        n = 5 + int.from_bytes(first[3:5], "big")
        s.sendall(strip_versions(first[:n]) + first[n:])
    socks = [c, s]
    for _ in range(100000):
        r, _, _ = select.select(socks, [], [], 30)
        if not r:
            break
        done = False
        for x in r:
            d = x.recv(65536)
            if not d:
                done = True
                break
            (s if x is c else c).sendall(d)
        if done:
            break
    c.close(); s.close()

main()
