"""docs/labs/protocol-records.py -- section 1 of docs/labs/protocol.md: the sketch's fixed-key
CBC next to the records of docs/protocol.md §5 (the Python peer's Direction)."""
import os, sys; sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "demo", "python"))
from cryptolab_client import AES, Direction, ProtocolError, APP
KEY, IV = b"0123456789abcdef", b"fedcba9876543210"          # the sketch: fixed
msg = b"Dear bank, pleas" + b"e pay 100 EUR to Bob.\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
c1 = AES.new(KEY, AES.MODE_CBC, IV).encrypt(msg)
c2 = AES.new(KEY, AES.MODE_CBC, IV).encrypt(msg)
print("sketch: same message, same ciphertext:", c1 == c2)
evil = bytearray(c1)
evil[6] ^= ord("1") ^ ord("9")                 # flip bits in block 1 ...
p = AES.new(KEY, AES.MODE_CBC, IV).decrypt(bytes(evil))
print("sketch: the attacker changed block 2 to:", p[16:37].decode())   # ... block 2 follows

d = Direction(b"k" * 32, b"m" * 32, b"i" * 12)   # our records: one direction's keys
r1, r2 = d.seal(APP, msg), d.seal(APP, msg)
print("records: same message, same ciphertext:", r1[5:-32] == r2[5:-32])
evil = bytearray(r1); evil[5 + 22] ^= ord("1") ^ ord("9")
rx = Direction(b"k" * 32, b"m" * 32, b"i" * 12)  # the receiver's copy of the same keys
for name, frame in (("bit-flipped record", bytes(evil)), ("genuine record", r1), ("replayed record", r1)):
    try:
        rx.open(frame[:5], frame[5:])
        print("records:", name, "-> accepted, seq now", rx.seq)
    except ProtocolError as e:
        print("records:", name, "->", e)
