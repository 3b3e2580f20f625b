#!/usr/bin/env python3
"""tests/sh/nethostile.py -- hostile and silent clients for the server tests and the benchmark,
from chosen loopback source addresses (127.0.0.2, 127.0.0.3, ...).

  nethostile.py hold PORT SRC N KIND
      opens N connections from SRC and keeps them until stdin closes.  KIND:
        idle      connect, send nothing
        slowloris a ClientHello one byte every 0.5 s
        onebyte   one byte, then nothing
        garbage   64 random bytes, then nothing
        huge      a ClientHello header announcing 2^32-1 bytes
        reset     connect and reset at once (SO_LINGER 0)
      prints one line per connection: "open" (nothing heard yet), or "alert NAME" / "closed";
      then "held N" (connections still open).
  nethostile.py silent PORT SRC FP NICK
      a chat member that joins as NICK (server key pinned to FP), prints "joined NICK", then
      never reads (its receive buffer is 4 KiB) until stdin closes; its last line says how
      the connection ended.
  nethostile.py upload PORT FP NAME SIZE SEND
      a PUT announcing SIZE bytes (any u64: 2^64-1 included); prints the first RESULT ("result
      CODE: TEXT"); if ok, sends SEND bytes of DATA, prints "sent N", waits until stdin closes,
      then prints how the session ended ("ended: close_notify").
  nethostile.py flood PORT SRC_FIRST N_ADDR PER_ADDR SECONDS
      the benchmark's mix: PER_ADDR connections from each of N_ADDR addresses starting at
      SRC_FIRST, of every KIND in turn, re-opened as the server closes them, for SECONDS;
      prints "peak P open, A attempts, refused R (server_busy), T alert timeout".
"""
import os, select, socket, struct, sys, threading, time

ALERTS = {0: "close_notify", 10: "unexpected_message", 22: "record_overflow", 50: "decode_error",
          90: "timeout", 91: "server_busy", 92: "too_slow"}
KINDS = ["idle", "slowloris", "onebyte", "garbage", "huge", "reset"]

def hello():
    body = struct.pack(">H", 1) + os.urandom(32) + bytes([1, 2])
    return bytes([1]) + struct.pack(">I", len(body)) + body

def dial(port, src, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s

def start(port, src, kind):
    s = dial(port, src)
    if kind == "onebyte":
        s.send(b"\x01")
    elif kind == "garbage":
        s.send(os.urandom(64))
    elif kind == "huge":
        s.send(bytes([1]) + struct.pack(">I", 2 ** 32 - 1))
    elif kind == "reset":
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        return None
    return s

def verdict(s, wait):
    """What the server said first, if anything within `wait` seconds."""
    r, _, _ = select.select([s], [], [], wait)
    if not r:
        return "open"
    try:
        data = s.recv(16)
    except OSError:
        return "closed"
    if len(data) >= 6 and data[0] == 0x15:
        return "alert " + ALERTS.get(data[5], str(data[5]))
    return "closed" if not data else "data %s" % data[:6].hex()

def hold(port, src, n, kind):
    socks, held = [], 0
    for _ in range(n):
        s = start(port, src, kind)
        if s is None:
            print("reset", flush=True)
            continue
        v = verdict(s, 0.2)
        print(v, flush=True)
        if v == "open":
            socks.append(s)
            held += 1
        else:
            s.close()
    print("held %d" % held, flush=True)
    if kind == "slowloris":
        h = hello()
        stop = threading.Event()
        def drip():
            for i in range(len(h)):
                for s in socks:
                    try:
                        s.send(h[i:i + 1])
                    except OSError:
                        pass
                if stop.wait(0.5):
                    return
        threading.Thread(target=drip, daemon=True).start()
    sys.stdin.read()
    for s in socks:
        print(verdict(s, 0), flush=True)
        s.close()

def silent(port, src, fp, nick):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../demo/python"))
    import cryptolab_client as cc
    s = dial(port, src, rcvbuf=4096)
    ch = cc.Channel(s)
    def check(spki):
        if cc.fingerprint(spki) != fp:
            raise cc.ProtocolError("wrong server key")
    ch.client_handshake(check)
    n = nick.encode()
    ch.send(cc.JOIN, bytes([len(n)]) + n)
    cc.result(*ch.recv())
    print("joined %s" % nick, flush=True)
    sys.stdin.read()                                    # never read the socket until told to stop
    try:
        while True:
            ch.recv()
    except EOFError:
        print("ended: close_notify")
    except Exception as e:                              # the alert we were sent, if it got through
        print("ended: %s" % e)

def upload(port, fp, name, size, send):
    """A PUT announcing `size` bytes (any u64); prints the first RESULT; if it is ok, sends `send`
    bytes of DATA, prints "sent N", waits until stdin closes, then prints how the session ended."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../demo/python"))
    import cryptolab_client as cc
    ch = cc.Channel(dial(port, "127.0.0.1"))
    def check(spki):
        if cc.fingerprint(spki) != fp:
            raise cc.ProtocolError("wrong server key")
    ch.client_handshake(check)
    n = name.encode()
    ch.send(cc.PUT, struct.pack(">BQ32sB", 0, size, bytes(32), len(n)) + n)
    kind, f = ch.recv()
    code = cc.RESULTS[f[0]] if kind == cc.RESULT and f[0] < len(cc.RESULTS) else "?"
    print("result %s: %s" % (code, f[1:].decode(errors="replace")), flush=True)
    if code != "ok":
        return
    chunk, done = os.urandom(16000), 0
    while done < send:
        k = min(len(chunk), send - done)
        ch.send(cc.DATA, chunk[:k])
        done += k
    print("sent %d" % done, flush=True)
    sys.stdin.read()
    try:
        while True:
            ch.recv()
    except EOFError:
        print("ended: close_notify", flush=True)
    except Exception as e:
        print("ended: %s" % e, flush=True)

def flood(port, first, n_addr, per_addr, seconds):
    base = first.rsplit(".", 1)
    addrs = ["%s.%d" % (base[0], int(base[1]) + i) for i in range(n_addr)]
    lock = threading.Lock()
    stats = {"open": 0, "peak": 0, "attempts": 0, "busy": 0, "timeout": 0}
    until = time.monotonic() + seconds
    def worker(src, k):
        kind = KINDS[k % len(KINDS)]
        while time.monotonic() < until:
            try:
                s = start(port, src, kind)
            except OSError:
                time.sleep(0.05)
                continue
            with lock:
                stats["attempts"] += 1
            if s is None:
                time.sleep(0.05)
                continue
            with lock:
                stats["open"] += 1
                stats["peak"] = max(stats["peak"], stats["open"])
            h, i, v = hello(), 0, None
            while time.monotonic() < until:
                r, _, _ = select.select([s], [], [], 0.5)
                if r:
                    v = verdict(s, 0)
                    break
                if kind == "slowloris" and i < len(h):
                    try:
                        s.send(h[i:i + 1]); i += 1
                    except OSError:
                        break
            with lock:
                stats["open"] -= 1
                if v == "alert server_busy":
                    stats["busy"] += 1
                elif v == "alert timeout":
                    stats["timeout"] += 1
            s.close()
            if v == "alert server_busy":
                time.sleep(0.2)
    threads = [threading.Thread(target=worker, args=(a, k), daemon=True)
               for a in addrs for k in range(per_addr)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)
    print("peak %d open, %d attempts, refused %d (server_busy), %d alert timeout"
          % (stats["peak"], stats["attempts"], stats["busy"], stats["timeout"]), flush=True)

if __name__ == "__main__":
    a = sys.argv
    if a[1] == "hold":
        hold(int(a[2]), a[3], int(a[4]), a[5])
    elif a[1] == "silent":
        silent(int(a[2]), a[3], a[4], a[5])
    elif a[1] == "upload":
        upload(int(a[2]), a[3], a[4], int(a[5]), int(a[6]))
    elif a[1] == "flood":
        flood(int(a[2]), a[3], int(a[4]), int(a[5]), float(a[6]))
