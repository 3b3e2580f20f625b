#!/usr/bin/env python3
"""cryptolab_server.py -- the server side of the cryptolab protocol, in Python.

A small companion of cryptolab_client.py (whose Channel, key schedule and
record layer it reuses), written from docs/protocol.md: lets the C client
be tested against an independent implementation, and gives the labs a peer
to capture when no C server is at hand.

  cryptolab_server.py [-b ADDR] [-p PORT] [-k KEYFILE] [-d DIR] [-v]

Prints "listening on ADDR:PORT" (the real port when -p 0) and the key's
fingerprint, then serves put / get / ls / chat / echo, one thread per client.

Limit: it speaks protocol version 1 only (docs/protocol.md §3.6): no client
authentication (§13 AUTH), so no authorized keys, home areas or anonymous
modes; every client may do everything.  A client that offers version 2 is
answered with version 1; `cryptolab-client --identity` then says "the
server speaks protocol version 1: no client authentication".  Use the C
server (bin/cryptolab-server) for anything but protocol tests and captures.
"""
import argparse, hashlib, hmac, os, socket, struct, sys, threading
from cryptolab_client import (ALERT, APP, DATA, ECHO, ENTRY, FILEINFO, FIN, GET, HELLO_C,
                              HELLO_S, JOIN, KEX, LINE, LIST, PUT, RESULT, SAY, GCM, CTR,
                              Channel, Direction, ProtocolError, PKCS1_OAEP, RSA, SHA256,
                              fingerprint, key_schedule)

CHATTERS = {}                 # Channel -> nick, for the chat relay
LOCK = threading.Lock()


def server_handshake(ch, key, spki):
    """§3, §7 server side."""
    _, header, body = ch.read_frame((HELLO_C,))
    version, cr, n = struct.unpack(">H32sB", body[:35])
    if len(body) != 35 + n or n < 1:
        raise ProtocolError("ClientHello does not parse", 50)
    if version < 1:
        raise ProtocolError("no common version", 70)
    version = 1                            # §3.6: this server speaks version 1 only (no §13 AUTH)
    suite = next((s for s in (GCM, CTR) if s in body[35:]), None)   # our preference: 02 01
    if suite is None:
        raise ProtocolError("no common suite", 40)
    ch.transcript += header + body
    sr = os.urandom(32)
    ch.send_frame(HELLO_S, struct.pack(">H32sBH", version, sr, suite, len(spki)) + spki)
    _, header, body = ch.read_frame((KEX,))
    ch.transcript += header + body
    (ct_len,) = struct.unpack(">H", body[:2])
    k_bytes = key.size_in_bytes()
    if ct_len != k_bytes or len(body) != 2 + ct_len:
        raise ProtocolError("KeyExchange does not parse", 50)
    try:
        secret = PKCS1_OAEP.new(key, hashAlgo=SHA256).decrypt(body[2:])
    except ValueError:
        raise ProtocolError("secret does not decrypt", 51)
    if len(secret) != 32:
        raise ProtocolError("secret is not 32 bytes", 51)       # §3.3: decrypt_error, like an OAEP failure
    h1 = hashlib.sha256(ch.transcript).digest()
    k = key_schedule(cr, sr, secret, h1)
    _, header, fin = ch.read_frame((FIN,))
    if not hmac.compare_digest(fin, hmac.new(k["c_fin"], h1, hashlib.sha256).digest()):
        raise ProtocolError("client Finished does not verify", 40)
    ch.transcript += header + fin
    ch.recv_dir = Direction(k["c_key"], k["c_mac"], k["c_iv"], suite)
    h2 = hashlib.sha256(ch.transcript).digest()
    ch.send_frame(FIN, hmac.new(k["s_fin"], h2, hashlib.sha256).digest())
    ch.send_dir = Direction(k["s_key"], k["s_mac"], k["s_iv"], suite)


def result(ch, code, text=""):
    ch.send(RESULT, bytes([code]) + text.encode())


def good_name(raw):
    try:
        name = raw.decode()
    except UnicodeDecodeError:
        return None
    if not name or name.startswith(".") or any(c in name for c in "/\\") or \
            any(ord(c) < 0x20 or ord(c) == 0x7f for c in name):
        return None
    return name


def broadcast(sender, nick, text):
    with LOCK:
        for other in list(CHATTERS):
            if other is not sender:
                try:
                    other.send(LINE, bytes([len(nick)]) + nick + text)
                except OSError:
                    pass


def serve(ch, args):
    while True:
        kind, f = ch.recv()
        if kind == PUT:
            flags, size, digest, n = struct.unpack(">BQ32sB", f[:42])
            name = good_name(f[42:42 + n])
            if name is None:
                result(ch, 2, "bad name")
                continue
            final = os.path.join(args.dir, name)
            if os.path.exists(final) and not flags & 1:
                result(ch, 1, "%s exists" % name)
                continue
            result(ch, 0)
            data = b""
            while len(data) < size:
                kind, chunk = ch.recv()
                if kind != DATA or len(data) + len(chunk) > size:
                    raise ProtocolError("unexpected message", 10)
                data += chunk
            if hashlib.sha256(data).digest() != digest:
                result(ch, 4, "SHA-256 mismatch")
                continue
            with open(final + ".part", "wb") as out:
                out.write(data)
            os.replace(final + ".part", final)
            result(ch, 0, "stored %s (%d bytes)" % (name, size))
        elif kind == GET:
            name = good_name(f[1:1 + f[0]])
            path = os.path.join(args.dir, name or ".")
            if name is None or not os.path.isfile(path):
                result(ch, 3, "not found")
                continue
            data = open(path, "rb").read()
            ch.send(FILEINFO, struct.pack(">Q32sB", len(data), hashlib.sha256(data).digest(),
                                          len(name.encode())) + name.encode())
            for i in range(0, len(data), 16383):
                ch.send(DATA, data[i:i + 16383])
        elif kind == LIST:
            for name in sorted(os.listdir(args.dir)):
                path = os.path.join(args.dir, name)
                if good_name(name.encode()) and os.path.isfile(path):
                    ch.send(ENTRY, struct.pack(">QB", os.path.getsize(path), len(name.encode()))
                            + name.encode())
            result(ch, 0)
        elif kind == ECHO:
            ch.send(ECHO, f)
        elif kind == JOIN:
            nick = f[1:1 + f[0]]
            result(ch, 0)
            with LOCK:
                CHATTERS[ch] = nick
            broadcast(ch, b"*", nick + b" joined")
            try:
                while True:
                    kind, f = ch.recv()
                    if kind != SAY:
                        raise ProtocolError("unexpected message", 10)
                    if args.verbose:
                        print("chat <%s> %s" % (nick.decode(errors="replace"),
                                                f.decode(errors="replace")), flush=True)
                    broadcast(ch, nick, f)
            finally:
                with LOCK:
                    CHATTERS.pop(ch, None)
                broadcast(ch, b"*", nick + b" left")
        else:
            raise ProtocolError("unexpected message kind %d" % kind, 10)


def connection(sock, peer, key, spki, args):
    ch = Channel(sock)
    try:
        sock.settimeout(30)
        server_handshake(ch, key, spki)
        print("%s:%d handshake ok" % peer, flush=True)
        serve(ch, args)
    except EOFError:                                   # close_notify: answer it (§6.1)
        ch.sock.sendall(ch.send_dir.seal(ALERT, b"\x00"))
        print("%s:%d closed" % peer, flush=True)
    except (ProtocolError, OSError) as e:
        if isinstance(e, ProtocolError) and e.alert is not None:
            ch.send_alert(e.alert)
        print("%s:%d error: %s" % (peer + (e,)), flush=True)
    sock.close()


def main():
    ap = argparse.ArgumentParser(
        description="cryptolab server (Python): put, get, ls, chat, echo over protocol version 1",
        epilog="Limit: protocol version 1 only (docs/protocol.md §3.6): no client authentication "
               "(§13), no authorized keys, home areas or --anonymous modes; every client may do "
               "everything.  Use bin/cryptolab-server for that.")
    ap.add_argument("-b", "--bind", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=8000)
    ap.add_argument("-k", "--key", default="server_key.pem")
    ap.add_argument("-d", "--dir", default=".")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(args.key):                   # first run: a new 2048-bit key, mode 0600
        pem = RSA.generate(2048).export_key(pkcs=8)
        fd = os.open(args.key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, pem)
        os.close(fd)
    key = RSA.import_key(open(args.key, "rb").read())
    spki = key.public_key().export_key(format="DER")
    srv = socket.create_server((args.bind, args.port))
    print("listening on %s:%d" % srv.getsockname()[:2], flush=True)
    print("server key %s" % fingerprint(spki), flush=True)
    print("protocol version 1 only: no client authentication (docs/protocol.md §13)", flush=True)
    while True:
        sock, peer = srv.accept()
        threading.Thread(target=connection, args=(sock, peer[:2], key, spki, args),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
