#!/usr/bin/env python3
"""tests/fuzz/make_corpus.py -- writes the seed inputs (seed-*) of the fuzz
targets into tests/fuzz/corpus/NAME/ from the project's vectors/ (and
../shared/vectors when present).  Run by `make fuzz-corpus`; the result is
committed, and tests/sh/45-fuzz-corpus.sh checks that a fresh run gives the
same files.  Regression inputs (regress-*: findings, the issue's cases) are
never touched here.  Each target's input format is described at the top of
its tests/fuzz/fuzz_NAME.c; the helpers below build inputs in that format.

usage: make_corpus.py OUTDIR [NAME...]
"""
import base64, os, re, struct, sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
V = os.path.join(TOP, "vectors")
SHARED = os.path.join(TOP, os.environ.get("SHARED_VECTORS", "../shared/vectors"))
MAX_SEED = 12 * 1024


def read(rel, base=V):
    with open(os.path.join(base, rel), "rb") as f:
        return f.read()


def pem_bodies(text):
    out = []
    for m in re.finditer(rb"-----BEGIN ([A-Z ]+)-----\r?\n(.*?)-----END \1-----", text, re.S):
        out.append((m.group(1).decode(), base64.b64decode(b"".join(m.group(2).split()))))
    return out


def head_lines(data, limit=MAX_SEED):
    """The first whole lines of a text file, at most limit bytes."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1]


def transcript(rel):
    frames = []
    for line in read(rel).decode().splitlines():
        if line.startswith(("C>S ", "S>C ")):
            frames.append((line[:3], bytes.fromhex(line[4:])))
    return frames


def rsp_records(rel, base=V):
    recs, cur = [], {}
    for line in read(rel, base).decode().splitlines():
        line = line.strip()
        if not line:
            if cur:
                recs.append(cur)
            cur = {}
        elif " = " in line and not line.startswith("#"):
            k, v = line.split(" = ", 1)
            cur[k.strip()] = v.strip()
        elif line == "FAIL":
            cur["FAIL"] = ""
    if cur:
        recs.append(cur)
    return recs


KEYS = ["key2048.pem", "key2048-pkcs1.pem", "key2048-pkcs1.der", "key2048-pub.pem",
        "key2048-pub.der", "key2048-rsapub.pem", "key2048-enc.pem",
        "key2048-enc-sha1prf.pem", "key2048-text.txt"]


def seeds_hex():
    s = {}
    for i, r in enumerate(rsp_records("aes/sp800-38a-f2-cbc.txt")[:4]):
        for k, v in r.items():
            if re.fullmatch(r"[0-9a-fA-F]+", v) and len(v) % 2 == 0:
                s["seed-aes-%d-%s" % (i, k.lower())] = v.encode()
    for name, der in pem_bodies(read("rsa/keys/key2048-pub.pem")):
        s["seed-b64-pub"] = base64.b64encode(der)
    s["seed-b64-wrapped"] = base64.encodebytes(b"cryptolab known-answer message")
    s["seed-b64-pad1"] = b"YWI="
    s["seed-b64-pad2"] = b"YQ=="
    s["seed-hex-upper"] = b"DEADBEEF00ff"
    return s


def seeds_der():
    s = {}
    for k in KEYS:
        for label, der in pem_bodies(read("rsa/keys/" + k)):
            s["seed-" + k.split(".")[0] + "-" + label.lower().replace(" ", "-") + ".der"] = der
    s["seed-key2048-pkcs1.der"] = read("rsa/keys/key2048-pkcs1.der")
    s["seed-key2048-pub.der"] = read("rsa/keys/key2048-pub.der")
    return s


def seeds_pem():
    s = {}
    for k in KEYS + ["../../net/kat-server-key.pem"]:
        if not k.endswith(".der"):
            s["seed-" + os.path.basename(k)] = read("rsa/keys/" + k)
    s["seed-crlf.pem"] = read("rsa/keys/key2048-pub.pem").replace(b"\n", b"\r\n")
    return s


def seeds_keyfile():
    # byte 0: bit 0 = give the password "cryptolab"; the rest is the file
    s = {}
    for k in KEYS + ["../../net/kat-server-key.pem"]:
        s["seed-" + os.path.basename(k)] = b"\x01" + read("rsa/keys/" + k)
    s["seed-nopass-key2048-enc.pem"] = b"\x00" + read("rsa/keys/key2048-enc.pem")
    return s


def seeds_rsp():
    s = {}
    for rel in ["aes/sp800-38a-f1-ecb.txt", "aes/sp800-38a-f5-ctr.txt", "sha256/fips180-4-examples.rsp",
                "sha256/rfc4231-hmac-sha256.rsp", "sha256/pbkdf2.txt", "rsa/rsa_kat_2048.rsp",
                "net/kat-transcript.txt"]:
        s["seed-" + os.path.basename(rel)] = head_lines(read(rel))
    s["seed-crlf.rsp"] = b"# c\r\n[ENCRYPT]\r\nCOUNT = 0\r\nKEY = 00\r\nFAIL\r\n\r\n"
    return s


# fuzz_vectors: byte 0 indexes the file-name table of fuzz_vectors.c; the rest is the file
VEC_INDEX = {"sp800-38a-f1-ecb.txt": 0, "sp800-38a-f2-cbc.txt": 1, "sp800-38a-f5-ctr.txt": 2,
             "fips197-appendix-c1-aes128.txt": 3, "fips197-appendix-a-key-expansion.txt": 4,
             "gcm": 9, "sha256": 10, "rsa_kat_2048.rsp": 11, "oaep-vect.txt": 12, "pss-vect.txt": 13,
             "pkcs1v15sign-vectors.txt": 14}


def seeds_vectors():
    s = {}
    for rel in ["aes/sp800-38a-f1-ecb.txt", "aes/sp800-38a-f2-cbc.txt", "aes/sp800-38a-f5-ctr.txt",
                "aes/fips197-appendix-c1-aes128.txt", "aes/fips197-appendix-a-key-expansion.txt",
                "sha256/fips180-4-examples.rsp", "sha256/rfc4231-hmac-sha256.rsp",
                "sha256/pbkdf2.txt", "sha256/rfc5869-hkdf-sha256.txt", "rsa/rsa_kat_2048.rsp"]:
        data = head_lines(read(rel))
        if rel.endswith("pbkdf2.txt"):        # keep the cheap cases only
            data = re.sub(rb"c = (\d{4,})", b"c = 2", data)
        b = os.path.basename(rel)
        idx = VEC_INDEX.get(b, VEC_INDEX["sha256"] if rel.startswith("sha256/") else None)
        s["seed-" + b] = bytes([idx]) + data
    for rel in ["cavp/gcm/gcmDecrypt128.rsp", "cavp/gcm/gcmEncryptExtIV256.rsp", "cavp/gcm/AES_GCM_example.txt"]:
        if os.path.exists(os.path.join(SHARED, rel)):
            s["seed-" + os.path.basename(rel)] = bytes([VEC_INDEX["gcm"]]) + head_lines(read(rel, SHARED), 6000)
    for rel in ["pkcs1/oaep-vect.txt", "pkcs1/pss-vect.txt", "pkcs1/pkcs1v15sign-vectors.txt"]:
        if os.path.exists(os.path.join(SHARED, rel)):
            s["seed-" + os.path.basename(rel)] = bytes([VEC_INDEX[os.path.basename(rel)]]) + head_lines(read(rel, SHARED), 6000)
    return s


def seeds_wire():
    # byte 0: bit 0 protected, bits 1-2 suite; then whole frames
    s = {}
    for rel, suite in [("net/kat-transcript.txt", 1), ("net/kat-transcript-gcm.txt", 2)]:
        fr = transcript(rel)
        for d in ("C>S", "S>C"):
            hs = b"".join(f for dd, f in fr if dd == d and f[0] != 0x17)
            s["seed-%s-%d-hs" % (d.replace(">", ""), suite)] = bytes([suite << 1]) + hs
            ad = b"".join(f for dd, f in fr if dd == d and f[0] == 0x17)
            s["seed-%s-%d-app" % (d.replace(">", ""), suite)] = bytes([(suite << 1) | 1]) + ad
    # application messages (docs/protocol.md §9), checked by net_app_parse
    s["seed-app-echo"] = b"\x08" + bytes([0x0b]) + b"Hello, cryptolab!"
    s["seed-app-list"] = b"\x08" + bytes([0x03])
    s["seed-suites"] = b"\x10gcm,ctr"
    return s


def seeds_record():
    # byte 0: suite; then ops [u8 op][u16 len][bytes] (see fuzz_record.c)
    s = {}
    for suite in (1, 2):
        msg = b"\x0bHello, cryptolab!"
        body = b"".join(bytes([op]) + struct.pack(">H", len(msg)) + msg for op in (1, 2, 1, 3))
        s["seed-suite%d-ops" % suite] = bytes([suite]) + body
        fr = [f for d, f in transcript("net/kat-transcript%s.txt" % ("-gcm" if suite == 2 else "")) if f[0] == 0x17]
        s["seed-suite%d-raw" % suite] = bytes([suite]) + b"".join(b"\x00" + struct.pack(">H", len(f)) + f for f in fr)
    return s


def seeds_known_hosts():
    fp = b"SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
    return {
        "seed-one": b"localhost:4433 " + fp + b"\n",
        "seed-mixed": b"# comment\n\n[::1]:4433 SHA256:x\r\nlocalhost:4433 SHA256:other\nlocalhost:4433 " + fp + b"\n",
        "seed-mismatch": b"localhost:4433 SHA256:other\n",
        "seed-noeol": b"localhost:4433 " + fp,
    }


def seeds_sha256sum():
    h = b"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    return {
        "seed-gnu": h + b"  abc.txt\n" + h + b" *bin.dat\n",
        "seed-bsd": b"SHA256 (abc.txt) = " + h + b"\n",
        "seed-escaped": b"\\" + h + b"  a\\\\b\\nc\n",
        "seed-crlf": h + b"  x\r\n# comment\n\n",
        "seed-reversed": h + b" x\n",
    }


def seeds_rsa():
    # byte 0: operation; byte 1: message length m; m bytes; then the ciphertext/signature
    ops = {"OAEP-SHA256": 0, "PKCS1-SHA256": 3, "PSS-SHA256": 2}
    s = {}
    for i, r in enumerate(rsp_records("rsa/rsa_kat_2048.rsp")):
        if "Scheme" not in r:
            continue
        op = ops.get(r["Scheme"])
        if op is None:
            continue
        msg = bytes.fromhex(r.get("Msg", ""))[:255]
        if op == 0 and r.get("Label"):
            op = 1                         # OAEP with the label given in place of the message
            msg = bytes.fromhex(r["Label"])
        blob = bytes.fromhex(r.get("CT") or r.get("S"))
        s["seed-%02d-%s" % (i, r["Scheme"].lower())] = bytes([op, len(msg)]) + msg + blob
    s["seed-pkcs1v15-decrypt-junk"] = bytes([4, 0]) + bytes(range(256))
    s["seed-textbook"] = bytes([5, 0]) + bytes(255) + b"\x02"
    return s


def seeds_gcm():
    # byte 0: key length (16/24/32 by %3) and tag length (16,15,..,12,8,4 by /3 %7);
    # byte 1: IV length; byte 2: AAD length; then key, IV, AAD; the rest is C || T
    s = {}
    path = os.path.join(SHARED, "cavp/gcm/gcmDecrypt128.rsp")
    recs = rsp_records("cavp/gcm/gcmDecrypt128.rsp", SHARED) if os.path.exists(path) else []
    n = 0
    for r in recs:
        if "Key" not in r or "Tag" not in r:
            continue
        key, iv, ct = bytes.fromhex(r["Key"]), bytes.fromhex(r["IV"]), bytes.fromhex(r.get("CT", ""))
        aad, tag = bytes.fromhex(r.get("AAD", "")), bytes.fromhex(r["Tag"])
        if len(iv) > 255 or len(aad) > 255 or len(tag) not in (16, 15, 14, 13, 12, 8, 4):
            continue
        tl = [16, 15, 14, 13, 12, 8, 4].index(len(tag))
        b0 = {16: 0, 24: 1, 32: 2}[len(key)] + 3 * tl
        s["seed-cavp-%02d%s" % (n, "-fail" if "FAIL" in r else "")] = bytes([b0, len(iv), len(aad)]) + key + iv + aad + ct + tag
        n += 1
        if n >= 24:
            break
    s["seed-zero"] = bytes([2, 12, 0]) + bytes(32 + 12) + bytes(16)
    return s


def seeds_handshake(side):
    # the other side's frames of both known-answer transcripts (docs/protocol.md §12)
    s = {}
    peer = "C>S" if side == "server" else "S>C"
    for rel, suite in [("net/kat-transcript.txt", 1), ("net/kat-transcript-gcm.txt", 2)]:
        fr = transcript(rel)
        s["seed-kat-suite%d" % suite] = bytes([suite]) + b"".join(f for d, f in fr if d == peer)
        s["seed-kat-suite%d-hs" % suite] = bytes([suite]) + b"".join(f for d, f in fr if d == peer and f[0] != 0x17)
    return s


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_tls_corpus import tls_seeds  # noqa: E402


X509_CERTS = ["root1", "root2", "inter1", "inter_false", "inter_pl0", "inter_below", "leaf_good",
              "leaf_pss", "leaf_psskey", "leaf_expired", "leaf_other", "leaf_under_false", "leaf_crit",
              "leaf_deep"]


def seeds_x509():
    # fuzz_x509: one certificate, DER or PEM (or a PEM chain file)
    s = {}
    for name in X509_CERTS:
        for label, der in pem_bodies(read("x509/%s.pem" % name)):
            s["seed-%s.der" % name] = der
    s["seed-leaf_good.pem"] = read("x509/leaf_good.pem")
    s["seed-chain.pem"] = b"".join(read("x509/%s.pem" % n) for n in ("leaf_good", "inter1", "root1"))
    return s


def seeds_csr():
    # fuzz_csr: one certification request, DER or PEM
    s = {}
    for name in ("req_ext", "req_pss", "req_multi"):
        for label, der in pem_bodies(read("x509/%s.csr" % name)):
            s["seed-%s.der" % name] = der
    s["seed-req_ext.csr"] = read("x509/req_ext.csr")
    return s


TARGETS = {
    "x509": seeds_x509, "csr": seeds_csr,
    "hex": seeds_hex, "der": seeds_der, "pem": seeds_pem, "keyfile": seeds_keyfile,
    "rsp": seeds_rsp, "vectors": seeds_vectors, "wire": seeds_wire, "record": seeds_record,
    "known_hosts": seeds_known_hosts, "sha256sum": seeds_sha256sum, "rsa": seeds_rsa,
    "gcm": seeds_gcm, "server": lambda: seeds_handshake("server"),
    "client": lambda: seeds_handshake("client"),
    # TLS (issue 14): tests/fuzz/make_tls_corpus.py
    "tls_record": lambda: tls_seeds("tls_record"),
    "tls_messages": lambda: tls_seeds("tls_messages"),
    "tls_server": lambda: tls_seeds("tls_server"),
}


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or sorted(TARGETS)
    for name in names:
        if name not in TARGETS:          # a target whose corpus is made by hand
            print("%s: no generator here (corpus kept as it is)" % name)
            continue
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.startswith("seed-"):
                os.unlink(os.path.join(d, f))
        seeds = TARGETS[name]()
        for fname, data in sorted(seeds.items()):
            with open(os.path.join(d, fname), "wb") as f:
                f.write(data)
        print("%s: %d seeds" % (name, len(seeds)))


if __name__ == "__main__":
    main()
