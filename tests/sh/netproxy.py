#!/usr/bin/env python3
"""tests/sh/netproxy.py -- a hostile proxy and raw clients for the network tests.

  netproxy.py proxy TARGET_PORT MODE N    one connection, relayed frame by frame
      (docs/protocol.md section 2); prints "proxy listening on PORT" first.
      MODE acts on ApplicationData frames client->server, counted from 0:
        flip     flip one bit inside frame N
        replay   send frame N twice
        drop     leave out frame N
        reorder  send frame N+1 before frame N
        cut      close both connections after frame N
        hsbyte   flip a bit of the ClientHello's random (N ignored)
        downgrade  rewrite suite 0x02 (AES256-GCM) to 0x01 in the ClientHello's list (N ignored)
        flip-s2c flip one bit inside the server's ApplicationData frame N
        cut-s2c  close both connections after the server's frame N (a
                 download cut in the middle)
        hold     relay up to frame N, then read nothing more from the client
                 (an upload stuck in the middle: the client's sends block)
                 while the server's frames are still relayed; when the
                 server closes, close the client's side (a reset: its data
                 is unread), as a real network path would
  netproxy.py raw PORT ACTION            hostile raw client; prints what it saw
        garbage | bigheader | slowhello | idle
"""
import os, socket, struct, sys, threading, time

def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        try:
            chunk = s.recv(n - len(buf))
        except OSError:
            return None
        if not chunk:
            return None
        buf += chunk
    return buf

def read_frame(s):
    hdr = read_exact(s, 5)
    if hdr is None:
        return None
    (length,) = struct.unpack(">I", hdr[1:])
    body = read_exact(s, length)
    if body is None:
        return None
    return hdr + body

def relay(src, dst, mode, n, c2s, done, s2c_done):
    count = 0
    held = None
    try:
        while True:
            f = read_frame(src)
            if f is None:
                break
            out = [f]
            if c2s and mode == "hsbyte" and f[0] == 0x01:
                f = bytearray(f); f[5 + 2 + 7] ^= 0x10; out = [bytes(f)]
            elif c2s and mode == "downgrade" and f[0] == 0x01:
                f = bytearray(f)
                for i in range(5 + 35, len(f)):
                    if f[i] == 0x02:
                        f[i] = 0x01
                out = [bytes(f)]
            elif f[0] == 0x17 and (c2s != mode.endswith("-s2c")):
                if count == n:
                    if mode in ("flip", "flip-s2c"):
                        g = bytearray(f); g[5 + (len(f) - 5) // 2] ^= 0x04; out = [bytes(g)]
                    elif mode == "replay":
                        out = [f, f]
                    elif mode == "drop":
                        out = []
                    elif mode == "reorder":
                        held = f; out = []
                    elif mode in ("cut", "cut-s2c"):
                        dst.sendall(f)
                        break
                    elif mode == "hold":
                        dst.sendall(f)
                        s2c_done.wait(120)     # read no more until the server is gone
                        break
                elif count == n + 1 and mode == "reorder" and held is not None:
                    out = [f, held]; held = None
                count += 1
            for x in out:
                dst.sendall(x)
    except OSError:
        pass
    finally:
        done.set()
        if not c2s:
            s2c_done.set()

def proxy(target, mode, n):
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    print("proxy listening on %d" % ls.getsockname()[1], flush=True)
    ls.settimeout(60)
    c, _ = ls.accept()
    s = socket.create_connection(("127.0.0.1", target))
    done = threading.Event()
    s2c_done = threading.Event()
    t1 = threading.Thread(target=relay, args=(c, s, mode, n, True, done, s2c_done), daemon=True)
    t2 = threading.Thread(target=relay, args=(s, c, mode, n, False, done, s2c_done), daemon=True)
    t1.start(); t2.start()
    # hold: the end comes from the server; its side closed, so does the client's
    (s2c_done if mode == "hold" else done).wait(120)
    if mode in ("cut", "cut-s2c"):
        for x in (c, s):
            try: x.shutdown(socket.SHUT_RDWR)
            except OSError: pass
    else:
        # let the other direction deliver the final alert / close, bounded
        t1.join(10); t2.join(10)
    c.close(); s.close()

def raw(port, action):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(30)
    random32 = os.urandom(32)
    hello = bytes([1]) + struct.pack(">I", 36) + struct.pack(">H", 1) + random32 + bytes([1, 1])
    start = time.monotonic()
    if action == "garbage":
        s.sendall(b"GET / HTTP/1.0\r\n\r\n" + os.urandom(64))
    elif action == "bigheader":
        s.sendall(bytes([1]) + struct.pack(">I", 2 ** 31))
    elif action == "slowhello":
        for b in hello:
            s.sendall(bytes([b]))
            time.sleep(0.005)
    elif action == "idle":
        pass
    data = b""
    try:
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
            if action == "slowhello" and len(data) >= 5:
                break
    except socket.timeout:
        print("timeout after %.1f s" % (time.monotonic() - start))
    except OSError as e:
        print("error %s" % e)
    print("received %s" % data[:5 + 1].hex())
    print("elapsed %.1f" % (time.monotonic() - start))
    s.close()

if __name__ == "__main__":
    if sys.argv[1] == "proxy":
        proxy(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    else:
        raw(int(sys.argv[2]), sys.argv[3])
