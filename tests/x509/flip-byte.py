#!/usr/bin/env python3
"""tests/x509/flip-byte.py IN OUT OFFSET -- copies IN to OUT with the octet
at OFFSET (negative: from the end; -1 is the last octet) XORed with 0x01.
Used by docs/labs/pki.md (a tampered certificate)."""
import sys

if len(sys.argv) != 4:
    sys.exit("usage: flip-byte.py IN OUT OFFSET")
data = bytearray(open(sys.argv[1], "rb").read())
off = int(sys.argv[3])
if not -len(data) <= off < len(data):
    sys.exit("flip-byte.py: offset %d outside the %d octets of %s" % (off, len(data), sys.argv[1]))
data[off] ^= 0x01
open(sys.argv[2], "wb").write(bytes(data))
print("flipped octet %d of %d" % (off % len(data), len(data)))
