#!/usr/bin/env python3
"""cryptolab_client.py -- a second client of the cryptolab protocol, in Python, written from
docs/protocol.md alone (§ = its sections); PyCryptodome for AES and RSA-OAEP, the standard
library for SHA-256/HMAC.  Options and commands as bin/cryptolab-client:
  cryptolab_client.py [-p PORT] [--pin FP | --accept-new | --insecure] [--known-hosts FILE]
      [--suite gcm|ctr|gcm,ctr] [--identity FILE] [--version 1|2] [-v]
      HOST send [--overwrite] FILE... | get NAME [-o FILE] | ls | chat [--name NICK] | echo"""
import argparse, base64, hashlib, hmac, os, socket, struct, sys, threading
from contextlib import suppress
try:                                   # Debian's python3-pycryptodome
    from Cryptodome.Cipher import AES, PKCS1_OAEP
    from Cryptodome.Hash import SHA256
    from Cryptodome.PublicKey import RSA
    from Cryptodome.Signature import pss
except ImportError:
    try:                               # pip install pycryptodome
        from Crypto.Cipher import AES, PKCS1_OAEP
        from Crypto.Hash import SHA256
        from Crypto.PublicKey import RSA
        from Crypto.Signature import pss
    except ImportError:                # this python3 has neither: re-run under one that has
        from find_pycryptodome import rerun_or_exit
        rerun_or_exit()

VERSION, GCM, CTR = 2, 0x02, 0x01             # §3.1, §3.6 (2: §13 client authentication), §3.5
SUITES = {"gcm": GCM, "ctr": CTR}        # offered 02 01 by default, like the C programs
HELLO_C, HELLO_S, KEX, FIN, ALERT, APP = 0x01, 0x02, 0x03, 0x04, 0x15, 0x17
MINLEN = {HELLO_C: 36, HELLO_S: 38, KEX: 3, FIN: 32, ALERT: 1, APP: 17}           # §2
MAXLEN = {HELLO_C: 51, HELLO_S: 2085, KEX: 1026, FIN: 32, ALERT: 33, APP: 16416}
ALERTS = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac", 22: "record_overflow",
          40: "handshake_failure", 46: "unknown_server_key", 50: "decode_error",
          51: "decrypt_error", 70: "protocol_version", 80: "internal_error", 90: "timeout",
          91: "server_busy", 92: "too_slow"}                                                # §6
PUT, GET, LIST, DATA, RESULT, FILEINFO, ENTRY, JOIN, SAY, LINE, ECHO, AUTH = range(1, 13)  # §9, §13
RESULTS = ["ok", "exists", "bad_name", "not_found", "hash_mismatch", "too_large", "io_error",
           "bad_request", "quota", "denied"]
AUTH_CONTEXT = b"cryptolab v2 client auth\x00"                                          # §13
CHUNK = 16383                                          # DATA / ECHO bytes per record

class ProtocolError(Exception):
    def __init__(self, msg, alert=None):               # alert: the code we must send, if any
        super().__init__(msg)
        self.alert = alert

def fingerprint(spki):                                 # §10: like OpenSSH, no '=' padding
    return "SHA256:" + base64.b64encode(hashlib.sha256(spki).digest()).decode().rstrip("=")

def hmac256(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()

def key_schedule(client_random, server_random, secret, h1):
    """§4: PRK = HKDF-Extract(cr||sr, secret); K = HKDF-Expand(PRK, "cryptolab v1 "||label||H1, L)."""
    prk = hmac256(client_random + server_random, secret)              # RFC 5869 §2.2
    def expand(label, length):                          # §2.3; every L <= 32: T(1) is enough
        return hmac256(prk, b"cryptolab v1 " + label.encode() + h1 + b"\x01")[:length]
    return {name: expand(label, n) for name, label, n in [
        ("c_key", "c2s key", 32), ("c_mac", "c2s mac", 32), ("c_iv", "c2s iv", 12),
        ("s_key", "s2c key", 32), ("s_mac", "s2c mac", 32), ("s_iv", "s2c iv", 12),
        ("c_fin", "c finished", 32), ("s_fin", "s finished", 32)]}

class Direction:
    """One direction's record protection (§5): suite 0x01 AES-256-CTR, then HMAC over
    u64 seq || header || ciphertext (§5.1); suite 0x02 AES-256-GCM, AAD = u64 seq || header (§5.2)."""
    def __init__(self, key, mac_key, iv, suite=CTR):
        self.suite, self.key, self.mac_key, self.iv, self.seq = suite, key, mac_key, iv, 0
        self.taglen = 16 if suite == GCM else 32
    def _cipher(self):                                 # nonce = iv XOR (0^32 || u64 seq)
        nonce = bytes(a ^ b for a, b in zip(self.iv, struct.pack(">IQ", 0, self.seq)))
        if self.suite == GCM:                          # J0 = nonce || 0^31 || 1 (SP 800-38D §7.1)
            return AES.new(self.key, AES.MODE_GCM, nonce=nonce, mac_len=16)
        return AES.new(self.key, AES.MODE_CTR, nonce=nonce, initial_value=0)  # ctr0 = nonce||0^32
    def seal(self, ftype, plaintext):
        header, c = struct.pack(">BI", ftype, len(plaintext) + self.taglen), self._cipher()
        aad = struct.pack(">Q", self.seq) + header
        if self.suite == GCM:
            ct, tag = c.update(aad).encrypt_and_digest(plaintext)
        else:
            ct = c.encrypt(plaintext)
            tag = hmac256(self.mac_key, aad + ct)
        self.seq += 1
        return header + ct + tag
    def open(self, header, body):                      # tag / MAC first, then the plaintext
        if len(body) <= self.taglen:
            raise ProtocolError("record shorter than its tag", 50)
        ct, tag, c = body[:-self.taglen], body[-self.taglen:], self._cipher()
        aad = struct.pack(">Q", self.seq) + header
        try:
            if self.suite == GCM:
                plaintext = c.update(aad).decrypt_and_verify(ct, tag)      # GCM-AD, §7.2
            elif hmac.compare_digest(hmac256(self.mac_key, aad + ct), tag):  # constant time
                plaintext = c.decrypt(ct)
            else:
                raise ValueError
        except ValueError:
            raise ProtocolError("record failed its integrity check (bad_record_mac)", 20)
        self.seq += 1
        return plaintext

class Channel:
    """A TCP connection speaking frames (§2), then protected records (§5)."""
    def __init__(self, sock, verbose=False):
        self.sock, self.verbose, self.buf, self.transcript = sock, verbose, b"", b""
        self.send_dir = self.recv_dir = None
    def _exact(self, n):
        while len(self.buf) < n:
            data = self.sock.recv(65536)
            if not data:
                raise ProtocolError("connection ended without an orderly close")
            self.buf += data
        out, self.buf = self.buf[:n], self.buf[n:]
        return out
    def read_frame(self, expected):                    # §2 receiver rules, before the body
        header = self._exact(5)
        ftype, length = struct.unpack(">BI", header)
        if ftype not in expected and ftype != ALERT:
            raise ProtocolError("unexpected frame type 0x%02x" % ftype, 10)
        if length > MAXLEN[ftype]:
            raise ProtocolError("frame length %d too large" % length, 22)
        if length < MINLEN[ftype]:
            raise ProtocolError("frame length %d too small" % length, 50)
        body = self._exact(length)
        if ftype == ALERT and self.recv_dir is None:   # plaintext alert during the handshake
            raise ProtocolError("peer sent alert %s" % ALERTS.get(body[0], body[0]))
        return ftype, header, body
    def send_frame(self, ftype, body):                 # handshake frames join the transcript
        frame = struct.pack(">BI", ftype, len(body)) + body
        self.transcript += frame
        self.sock.sendall(frame)
    def send_alert(self, code):
        frame = self.send_dir.seal(ALERT, bytes([code])) if self.send_dir else bytes([ALERT, 0, 0, 0, 1, code])
        with suppress(OSError):
            self.sock.sendall(frame)
    def send(self, kind, fields=b""):                  # one application message per record (§9)
        self.sock.sendall(self.send_dir.seal(APP, bytes([kind]) + fields))
    def recv(self):
        ftype, header, body = self.read_frame((APP, ALERT))
        plaintext = self.recv_dir.open(header, body)
        if ftype == ALERT:
            if plaintext[0] == 0:
                raise EOFError("close_notify")
            raise ProtocolError("peer sent alert %s" % ALERTS.get(plaintext[0], plaintext[0]))
        return plaintext[0], plaintext[1:]
    def close(self):                                   # §6.1: close_notify, wait for the answer
        with suppress(EOFError, ProtocolError, OSError):
            self.send_alert(0)
            for _ in range(1000):
                self.recv()
        self.sock.close()
    def client_handshake(self, check_key, suites=(GCM, CTR), version=VERSION, rand=os.urandom):
        """§3 and §7, client side.  check_key(spki) raises if the key is not trusted.
        rand(n): the client's random draws (client_random, secret, OAEP seed), fixed for §12."""
        cr = rand(32)
        self.send_frame(HELLO_C, struct.pack(">H32sB", version, cr, len(suites)) + bytes(suites))
        _, header, body = self.read_frame((HELLO_S,))
        version, sr, suite, spki_len = struct.unpack(">H32sBH", body[:37])
        spki = body[37:]
        if len(spki) != spki_len:
            raise ProtocolError("ServerHello does not parse", 50)
        if not 1 <= version <= self.offered(version) or suite not in suites:  # §3.6; §3.5
            raise ProtocolError("server chose version %d, suite %d" % (version, suite),
                                70 if not 1 <= version <= self.offered(version) else 40)
        self.version = version
        self.transcript += header + body
        if self.verbose:
            print("[1] connected, hellos exchanged; server key %s" % fingerprint(spki), file=sys.stderr)
        check_key(spki)                                # before anything secret is sent
        secret, seed = rand(32), rand(32)              # RSAES-OAEP, SHA-256, MGF1-SHA-256, label ""
        ct = PKCS1_OAEP.new(RSA.import_key(spki), hashAlgo=SHA256, randfunc=lambda n: seed[:n]).encrypt(secret)
        self.send_frame(KEX, struct.pack(">H", len(ct)) + ct)
        h1 = hashlib.sha256(self.transcript).digest()
        if os.environ.get("CRYPTOLAB_KEYLOGFILE"):     # §11
            fd = os.open(os.environ["CRYPTOLAB_KEYLOGFILE"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            os.write(fd, ("CRYPTOLAB_SECRET %s %s %s %s\n" % (cr.hex(), sr.hex(), secret.hex(), h1.hex())).encode())
            os.close(fd)
        k = key_schedule(cr, sr, secret, h1)
        self.send_frame(FIN, hmac256(k["c_fin"], h1))
        self.send_dir = Direction(k["c_key"], k["c_mac"], k["c_iv"], suite)
        h2 = hashlib.sha256(self.transcript).digest()
        _, fin_header, fin = self.read_frame((FIN,))
        if not hmac.compare_digest(fin, hmac256(k["s_fin"], h2)):
            raise ProtocolError("server Finished does not verify (handshake_failure)", 40)
        self.session_hash = hashlib.sha256(self.transcript + fin_header + fin).digest()   # §13
        self.recv_dir = Direction(k["s_key"], k["s_mac"], k["s_iv"], suite)
        if self.verbose:
            print("[2] secret sent under RSA-OAEP (%d bytes), keys derived, Finished verified; suite %02x"
                  % (len(ct), suite), file=sys.stderr)

    def offered(self, version):
        return struct.unpack(">H", self.transcript[5:7])[0]     # the version our ClientHello offered

def authenticate(ch, key, salt=None):
    """§13: AUTH = u16 spki_len || spki || u16 sig_len || RSASSA-PSS(key, context || session_hash),
    SHA-256, MGF1-SHA-256, 32-byte salt; the first request of a version-2 session."""
    if ch.version < 2:
        raise ProtocolError("the server speaks protocol version 1: no client authentication")
    spki = key.publickey().export_key(format="DER")
    signer = pss.new(key, salt_bytes=32, rand_func=(lambda n: salt) if salt else None)
    sig = signer.sign(SHA256.new(AUTH_CONTEXT + ch.session_hash))
    ch.send(AUTH, struct.pack(">H", len(spki)) + spki + struct.pack(">H", len(sig)) + sig)
    return result(*ch.recv())

def check_server_key(args, spki):                      # §10: pin, known_hosts, trust on first use
    fp, where = fingerprint(spki), "%s:%d" % (args.host, args.port)
    if args.insecure:
        return print("WARNING: --insecure: the server key %s is NOT checked" % fp, file=sys.stderr)
    path = args.known_hosts or os.path.expanduser("~/.cryptolab/known_hosts")
    known = args.pin
    if not known and os.path.exists(path):
        for line in open(path).read().splitlines():
            if not line.startswith("#") and len(line.split()) == 2 and line.split()[0] == where:
                known = line.split()[1]
    if known:
        if known != fp:
            raise ProtocolError("WARNING: SERVER KEY MISMATCH for %s: expected %s, got %s -- possible "
                                "man-in-the-middle; no secret was sent" % (where, known, fp), 46)
        return
    if not (args.accept_new or (sys.stdin.isatty() and
            input("unknown server %s, key %s; trust it? (yes/no) " % (where, fp)) == "yes")):
        raise ProtocolError("unknown server %s (key %s): use --pin, --accept-new or a known_hosts "
                            "entry; no secret was sent" % (where, fp), 46)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "a") as f:
        f.write("%s %s\n" % (where, fp))
    print("added %s %s to %s" % (where, fp, path), file=sys.stderr)

def result(kind, fields):                              # a RESULT message, or an error
    if kind != RESULT:
        raise ProtocolError("unexpected message kind %d" % kind, 10)
    text = fields[1:].decode(errors="replace")
    if fields[0] != 0:
        raise ProtocolError("server: %s: %s" % (RESULTS[fields[0]] if fields[0] < len(RESULTS) else fields[0], text))
    return text

def cmd_send(ch, args):
    for path in args.args:
        data, name = open(path, "rb").read(), os.path.basename(path).encode()
        ch.send(PUT, struct.pack(">BQ32sB", int(args.overwrite), len(data), hashlib.sha256(data).digest(),
                                 len(name)) + name)
        result(*ch.recv())
        for i in range(0, len(data), CHUNK):
            ch.send(DATA, data[i:i + CHUNK])
        print(result(*ch.recv()))

def cmd_get(ch, args):
    name = args.args[0].encode()
    ch.send(GET, bytes([len(name)]) + name)
    kind, fields = ch.recv()
    if kind != FILEINFO:
        result(kind, fields)
    size, digest = struct.unpack(">Q32s", fields[:40])
    data = b""
    while len(data) < size:
        kind, chunk = ch.recv()
        if kind != DATA:
            raise ProtocolError("unexpected message kind %d" % kind, 10)
        data += chunk
    if len(data) != size or hashlib.sha256(data).digest() != digest:
        raise ProtocolError("SHA-256 of %s does not match, nothing written" % args.args[0])
    out = args.output or os.path.basename(args.args[0])
    with open(out + ".part", "wb") as f:               # written in full, then renamed into place
        f.write(data)
    os.replace(out + ".part", out)
    print("received %s (%d bytes)" % (out, size))

def cmd_ls(ch, args):
    ch.send(LIST)
    kind, fields = ch.recv()
    while kind == ENTRY:
        print("%12d  %s" % (struct.unpack(">Q", fields[:8])[0], fields[9:].decode(errors="replace")))
        kind, fields = ch.recv()
    return result(kind, fields)

def cmd_chat(ch, args):
    nick = (args.name or os.environ.get("USER") or "python").encode()
    ch.send(JOIN, bytes([len(nick)]) + nick)
    result(*ch.recv())
    def reader():                                      # prints incoming lines while we type
        with suppress(EOFError, ProtocolError, OSError):
            while True:
                kind, f = ch.recv()
                if kind == LINE:
                    who, text = f[1:1 + f[0]].decode(errors="replace"), f[1 + f[0]:].decode(errors="replace")
                    print(("* %s" % text) if who == "*" else ("<%s> %s" % (who, text)), flush=True)
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    for line in sys.stdin:
        if line.rstrip("\n"):
            ch.send(SAY, line.rstrip("\n").encode()[:1024])
    ch.send_alert(0)                                   # close_notify; the reader sees the answer
    t.join(10)

def cmd_echo(ch, args):
    data = sys.stdin.buffer.read()
    for i in range(0, len(data), CHUNK):
        ch.send(ECHO, data[i:i + CHUNK])
        sys.stdout.buffer.write(ch.recv()[1])
    sys.stdout.flush()

def main():
    ap = argparse.ArgumentParser(description="cryptolab client (Python)")
    ap.add_argument("-p", "--port", type=int, default=8000)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--pin")
    g.add_argument("--accept-new", action="store_true")
    g.add_argument("--insecure", action="store_true")
    ap.add_argument("--known-hosts")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("-o", "--output")
    ap.add_argument("--name")
    ap.add_argument("--overwrite", action="store_true")
    ap.add_argument("--suite", default="gcm,ctr", help="suites to offer, in order: gcm, ctr")
    ap.add_argument("--identity", help="private key (PEM) to authenticate with (§13)")
    ap.add_argument("--version", type=int, choices=[1, 2], default=VERSION, help="highest version to offer")
    ap.add_argument("host")
    ap.add_argument("command", choices=["send", "get", "ls", "chat", "echo"])
    ap.add_argument("args", nargs="*")
    args = ap.parse_intermixed_args()
    if (args.command == "send" and not args.args) or (args.command == "get" and len(args.args) != 1):
        ap.error("%s needs file name(s)" % args.command)
    if not set(args.suite.split(",")) <= set(SUITES):
        ap.error("bad --suite (want gcm, ctr or gcm,ctr): %s" % args.suite)
    ch = None
    try:
        ch = Channel(socket.create_connection((args.host, args.port), timeout=30), args.verbose)
        ch.client_handshake(lambda spki: check_server_key(args, spki), [SUITES[n] for n in args.suite.split(",")],
                            args.version)
        if args.identity:
            text = authenticate(ch, RSA.import_key(open(args.identity).read()))
            if args.verbose:
                print("[2] %s" % text, file=sys.stderr)
        globals()["cmd_" + args.command](ch, args)
        if args.command != "chat":
            ch.close()
        return 0
    except (ProtocolError, OSError) as e:
        if ch and isinstance(e, ProtocolError):
            if e.alert is not None:
                ch.send_alert(e.alert)                 # fatal: alert, then close
            elif ch.send_dir:
                ch.close()                             # the server said no: orderly close
        print("cryptolab_client.py: %s" % e, file=sys.stderr)
        return 1

if __name__ == "__main__":
    sys.exit(main())
