#!/usr/bin/env python3
"""tests/sh/pykat.py -- the Python peer (demo/python/cryptolab_client.py) against
the known-answer transcripts of docs/protocol.md §12.1 (suite 0x01), §12.2
(suite 0x02, AES-256-GCM) and §12.3 (version 2, the client authenticated).

  pykat.py [--section 12.1|12.2|12.3|all] [PROTOCOL.md]     (default: §12.1)

Reads the frames, the inputs and the intermediate values from the document
itself and checks that the Python code, given the same fixed inputs,
regenerates every client frame byte for byte (ClientHello, KeyExchange with
the fixed OAEP seed, Finished, the ECHO record), derives the same keys, and
verifies and decrypts the server's frames.  Prints one line per check and
"pykat: N passed, M failed".

What writing the Python peer from docs/protocol.md alone turned up (the
document was otherwise sufficient: the Python client and server
interoperated with the C programs at the first attempt), both since fixed
in the document (issue 12):
  - §9 gave the RESULT text for a stored file as `stored NAME (SIZE bytes)`;
    the C server sends `stored NAME (SIZE bytes, SHA-256 verified)`.  §9 now
    gives the server's text and says that RESULT texts are not to be parsed.
  - §3.2/§7 did not say which alert a client sends when the server's suite,
    version or key is not acceptable; §3.2 and §3.6 now do.
"""
import hashlib, os, re, struct, sys

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.normpath(os.path.join(here, "..", ".."))
sys.path.insert(0, os.path.join(top, "demo", "python"))
import cryptolab_client as cl                       # noqa: E402

args = sys.argv[1:]
which = "12.1"                          # --section 12.1 (default) | 12.2 | all
if "--section" in args:
    i = args.index("--section")
    which = args[i + 1]
    del args[i:i + 2]
doc = open(args[0] if args else os.path.join(top, "docs", "protocol.md")).read()
sec12 = doc[doc.index("## 12."):]
# §12.1 is suite 0x01 (offer 01), §12.2 suite 0x02 GCM (offer 02 01), both version 1;
# §12.3 version 2, offer 02 01, with AUTH (§13).
def section(name):
    return re.split(r"^##", sec12.split("### " + name, 1)[1], flags=re.M)[0]
SECTIONS = []
if which in ("12.1", "all"):
    SECTIONS.append(("§12.1", cl.CTR, (cl.CTR,), sec12.split("### 12.2")[0], 1))
if which in ("12.2", "all"):
    SECTIONS.append(("§12.2", cl.GCM, (cl.GCM, cl.CTR), section("12.2"), 1))
if which in ("12.3", "all"):
    SECTIONS.append(("§12.3", cl.GCM, (cl.GCM, cl.CTR), section("12.3"), 2))
if not SECTIONS:
    sys.exit("pykat.py: --section must be 12.1, 12.2, 12.3 or all")
passed = failed = 0


def check(name, expected, actual):
    global passed, failed
    if expected == actual:
        passed += 1
        print("  ok   " + name)
    else:
        failed += 1
        print("  FAIL " + name)
        print("       expected: " + (expected.hex() if isinstance(expected, bytes) else str(expected)))
        print("       actual:   " + (actual.hex() if isinstance(actual, bytes) else str(actual)))


class Capture:                                       # a socket that records what is sent
    def __init__(self):
        self.out = b""

    def sendall(self, data):
        self.out += data


def run(sec, suite, offer, text, version):
    frames = [(m.group(1), bytes.fromhex(m.group(2)))
              for m in re.finditer(r"^(C>S|S>C) ([0-9a-f]+)$", text, re.M)]
    values = {m.group(1).strip(): bytes.fromhex(m.group(2))
              for m in re.finditer(r"^([A-Za-z0-9 ]+?)\s*= ([0-9a-f]+)", text, re.M)}
    n_frames = 7 if version == 1 else 9
    check(sec + ": %d frames, the server picks version %d, suite %02x" % (n_frames, version, suite),
          (n_frames, version, suite),
          (len(frames), frames[1][1][6] if len(frames) > 1 else None, frames[1][1][5 + 34] if len(frames) > 1 else None))
    cr, sr = bytes(range(0x00, 0x20)), bytes(range(0x80, 0xa0))
    secret, seed = bytes(range(0x20, 0x40)), bytes(range(0x40, 0x60))


    # ClientHello, exactly as cryptolab_client.Channel.client_handshake builds it.
    ch = cl.Channel(Capture())
    ch.send_frame(cl.HELLO_C, struct.pack(">H32sB", version, cr, len(offer)) + bytes(offer))
    check(sec + ": " + "ClientHello regenerated", frames[0][1], ch.sock.out)
    sh = frames[1][1]
    ch.transcript += sh
    spki = sh[5 + 37:]
    check(sec + ": " + "server key fingerprint (§10)", "SHA256:tHbHoETKl7t/HEPer544wiLSB/0tWKGvH7odH9UhnlU", cl.fingerprint(spki))
    # KeyExchange: RSAES-OAEP with the fixed seed (PyCryptodome's randfunc).
    oaep = cl.PKCS1_OAEP.new(cl.RSA.import_key(spki), hashAlgo=cl.SHA256, randfunc=lambda n: seed[:n])
    ct = oaep.encrypt(secret)
    ch.sock.out = b""
    ch.send_frame(cl.KEX, struct.pack(">H", len(ct)) + ct)
    check(sec + ": " + "KeyExchange regenerated (OAEP, fixed seed)", frames[2][1], ch.sock.out)
    h1 = hashlib.sha256(ch.transcript).digest()
    check(sec + ": " + "H1", values["H1"], h1)
    k = cl.key_schedule(cr, sr, secret, h1)
    for name, key in [("c2s key", "c_key"), ("c2s mac", "c_mac"), ("c2s iv", "c_iv"), ("s2c key", "s_key"),
                      ("s2c mac", "s_mac"), ("s2c iv", "s_iv"), ("c finished", "c_fin"), ("s finished", "s_fin")]:
        check(sec + ": key schedule: " + name, values[name], k[key])
    ch.sock.out = b""
    ch.send_frame(cl.FIN, cl.hmac256(k["c_fin"], h1))
    check(sec + ": " + "client Finished regenerated", frames[3][1], ch.sock.out)
    h2 = hashlib.sha256(ch.transcript).digest()
    check(sec + ": " + "H2", values["H2"], h2)
    check(sec + ": " + "server Finished verifies", frames[4][1][5:], cl.hmac256(k["s_fin"], h2))
    send = cl.Direction(k["c_key"], k["c_mac"], k["c_iv"], suite)
    recv = cl.Direction(k["s_key"], k["s_mac"], k["s_iv"], suite)
    first = 5
    if version == 2:                    # §13: AUTH, signed with the client key and the fixed salt
        ch.transcript += frames[4][1]
        check(sec + ": session hash", values["session hash"], hashlib.sha256(ch.transcript).digest())
        pem = open(os.path.join(top, "vectors", "net", "kat-client-key.pem")).read()
        key = cl.RSA.import_key(pem[pem.index("-----BEGIN"):])         # after the comment lines
        spki = key.publickey().export_key(format="DER")
        check(sec + ": client key fingerprint", values_text(text, "client key"), cl.fingerprint(spki))
        salt = bytes(range(0xa0, 0xc0))
        sig = cl.pss.new(key, salt_bytes=32, rand_func=lambda n: salt).sign(
            cl.SHA256.new(cl.AUTH_CONTEXT + hashlib.sha256(ch.transcript).digest()))
        check(sec + ": PSS signature regenerated (fixed salt)", values["signature"], sig)
        auth = bytes([cl.AUTH]) + struct.pack(">H", len(spki)) + spki + struct.pack(">H", len(sig)) + sig
        check(sec + ": AUTH record regenerated (seq 0)", frames[5][1], send.seal(cl.APP, auth))
        rec = frames[6][1]
        res = recv.open(rec[:5], rec[5:])
        check(sec + ": server RESULT ok decrypted", (cl.RESULT, 0), (res[0], res[1]))
        first = 7
    msg = bytes([cl.ECHO]) + b"Hello, cryptolab!"
    check(sec + ": " + "client ECHO record regenerated (seq %d)" % send.seq, frames[first][1], send.seal(cl.APP, msg))
    rec = frames[first + 1][1]
    check(sec + ": " + "server ECHO record: MAC / tag verified, decrypted", msg, recv.open(rec[:5], rec[5:]))
    bad = bytearray(rec)
    bad[10] ^= 1
    try:
        cl.Direction(k["s_key"], k["s_mac"], k["s_iv"], suite).open(bytes(bad[:5]), bytes(bad[5:]))
        check(sec + ": " + "flipped bit rejected", "ProtocolError(20)", "accepted")
    except cl.ProtocolError as e:
        check(sec + ": " + "flipped bit rejected (bad_record_mac)", 20, e.alert)


def values_text(text, name):
    m = re.search(r"^%s\s*= (\S+)" % re.escape(name), text, re.M)
    return m.group(1) if m else None


for sec in SECTIONS:
    run(*sec)
print("pykat: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
