#!/usr/bin/env python3
"""tests/sh/pcaprelay.py -- write a capture file without capturing (for tests
that cannot run dumpcap: not root, no loopback capture).

  relay LISTEN_PORT_FILE SERVER_PORT OUT.pcap [--split N] [--count K]
      A TCP relay on 127.0.0.1 (port chosen by the OS, written to
      LISTEN_PORT_FILE): it forwards K connections (default 1) to
      127.0.0.1:SERVER_PORT, then writes everything both sides sent as one
      TCP conversation per connection into a classic pcap file (Ethernet,
      IPv4, TCP; checksums left 0, as Wireshark does not check them by
      default).  --split N cuts every chunk into TCP segments of at most N
      bytes (to exercise the dissector's reassembly).
  streams OUT.pcap SERVER_PORT C2S_HEX S2C_HEX
      One conversation from two hex byte streams (client first, then server).
  transcript OUT.pcap SERVER_PORT FILE [--section 12.1|12.2|12.3]
      One conversation from the lines "C>S <hex>" / "S>C <hex>" of FILE, in
      order (the known-answer transcripts of docs/protocol.md §12).  When FILE
      has §12 headings, only the lines of the chosen one (default 12.1, suite
      0x01 CTR+HMAC; 12.2 is suite 0x02 GCM; 12.3 version 2 with AUTH) are used.
  flip IN.pcap OUT.pcap FRAME_NUMBER OFFSET
      Copies a pcap, flipping one bit of the TCP payload byte OFFSET of the
      given (1-based) packet (negative: from the end of the payload).
Only the Python standard library; 127.0.0.1 only; every wait is bounded.
"""
import re, socket, struct, sys, threading, time, select

PCAP_HDR = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)



def kat_section(doc, section="12.1"):
    """The lines of one §12 transcript: 12.1 (suite 0x01) is everything up to
    "### 12.2" (also a file without §12 headings); 12.2 (suite 0x02, GCM) and
    12.3 (version 2, AUTH) are from their heading to the next heading."""
    if section == "12.1":
        return doc.split("### 12.2")[0]
    if section in ("12.2", "12.3"):
        return re.split(r"^##", doc.split("### " + section, 1)[1], flags=re.M)[0]
    sys.exit("pcaprelay.py transcript: --section must be 12.1, 12.2 or 12.3")

def packet(ts, src_port, dst_port, seq, ack, flags, payload):
    tcp = struct.pack(">HHIIBBHHH", src_port, dst_port, seq & 0xffffffff, ack & 0xffffffff,
                      5 << 4, flags, 65535, 0, 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0,
                     bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + tcp
    eth = b"\0" * 12 + b"\x08\x00" + ip
    sec = int(ts)
    return struct.pack("<IIII", sec, int((ts - sec) * 1e6), len(eth), len(eth)) + eth


def conversation(events, cport, sport, t0, split=0):
    """events: list of (from_client, bytes).  Returns pcap records."""
    out, seq = [], {True: 1000, False: 5000}
    t = t0
    SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01

    def add(from_client, flags, payload=b""):
        nonlocal t
        t += 0.0001
        a, b = (cport, sport) if from_client else (sport, cport)
        out.append(packet(t, a, b, seq[from_client], seq[not from_client], flags, payload))
        seq[from_client] += len(payload) + (1 if flags & (SYN | FIN) else 0)
    add(True, SYN)
    add(False, SYN | ACK)
    add(True, ACK)
    for from_client, data in events:
        step = split if split > 0 else max(1, len(data))
        for i in range(0, len(data), step):
            add(from_client, PSH | ACK, data[i:i + step])
    add(True, FIN | ACK)
    add(False, FIN | ACK)
    return out


def write_pcap(path, records):
    with open(path, "wb") as f:
        f.write(PCAP_HDR)
        for r in records:
            f.write(r)


def relay(port_file, server_port, out, split, count):
    lsock = socket.create_server(("127.0.0.1", 0))
    lsock.settimeout(60)
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % lsock.getsockname()[1])
    import os
    os.replace(port_file + ".tmp", port_file)
    records, t0 = [], time.time()
    for n in range(count):
        c, addr = lsock.accept()
        s = socket.create_connection(("127.0.0.1", server_port), timeout=60)
        events, deadline = [], time.time() + 120
        open_ = {c: True, s: True}
        while any(open_.values()) and time.time() < deadline:
            r, _, _ = select.select([x for x in open_ if open_[x]], [], [], 1)
            for x in r:
                try:
                    data = x.recv(65536)
                except OSError:
                    data = b""
                other = s if x is c else c
                if not data:
                    open_[x] = False
                    try:
                        other.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                    continue
                events.append((x is c, data))
                try:
                    other.sendall(data)
                except OSError:
                    open_[x] = False
        c.close()
        s.close()
        records += conversation(events, 40000 + n, server_port, t0 + n, split)
    write_pcap(out, records)


def flip(src, dst, frame_no, offset):
    data = bytearray(open(src, "rb").read())
    pos, n = 24, 0
    while pos < len(data):
        incl = struct.unpack("<I", data[pos + 8:pos + 12])[0]
        n += 1
        if n == frame_no:
            start, end = pos + 16 + 14 + 20 + 20, pos + 16 + incl
            data[(start + offset) if offset >= 0 else (end + offset)] ^= 0x01
            break
        pos += 16 + incl
    open(dst, "wb").write(bytes(data))


if __name__ == "__main__":
    a = sys.argv
    if a[1] == "relay":
        split = int(a[a.index("--split") + 1]) if "--split" in a else 0
        count = int(a[a.index("--count") + 1]) if "--count" in a else 1
        relay(a[2], int(a[3]), a[4], split, count)
    elif a[1] == "streams":
        write_pcap(a[2], conversation([(True, bytes.fromhex(a[4])), (False, bytes.fromhex(a[5]))],
                                      40000, int(a[3]), time.time()))
    elif a[1] == "transcript":
        sec = a[a.index("--section") + 1] if "--section" in a else "12.1"
        ev = [(m.group(1) == "C>S", bytes.fromhex(m.group(2)))
              for m in re.finditer(r"^(C>S|S>C) ([0-9a-f]+)$", kat_section(open(a[4]).read(), sec), re.M)]
        write_pcap(a[2], conversation(ev, 40000, int(a[3]), 1764115200.0))
    elif a[1] == "flip":
        flip(a[2], a[3], int(a[4]), int(a[5]))
    else:
        sys.exit("usage: see the docstring")
