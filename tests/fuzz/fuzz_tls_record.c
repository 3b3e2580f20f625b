/*
 * tests/fuzz/fuzz_tls_record.c -- the TLS record layer (net/tls/record.c)
 * on arbitrary bytes.  Input byte 0: bit 0 selects TLS 1.3 (RFC 8446 §5.2)
 * or TLS 1.2 (RFC 5288) protection, bit 1 plaintext records; the rest is a
 * stream of records, cut by their own length fields and opened one by one
 * with fixed keys (the RFC 8448 §3 server handshake key and IV, so the seed
 * -- its encrypted server flight -- opens).  Property: whatever opens,
 * sealed again at the same sequence number, opens to the same bytes.
 */
#include "tests/fuzz/fuzz.h"
#include "net/tls/record.h"

static const uint8_t key[16] = { 0x3f, 0xce, 0x51, 0x60, 0x09, 0xc2, 0x17, 0x27,
                                 0xd0, 0xf2, 0xe4, 0xe8, 0x6e, 0xe4, 0x03, 0xbc };
static const uint8_t iv[12] = { 0x5d, 0x31, 0x3e, 0xb2, 0x67, 0x12, 0x76, 0xee, 0x13, 0x00, 0x0b, 0x30 };

/* The keys are fixed, so the three starting states (1.2, 1.3, plaintext)
 * are made once and an input starts from copies of one of them: the same
 * bytes tls_record_dir_set12/13 give, without the AES key expansion and
 * GHASH setup on every input. */
static tls_record_dir fresh[3];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    memset(fresh, 0, sizeof fresh);
    FUZZ_CHECK(tls_record_dir_set12(&fresh[0], key, iv) == CL_OK);
    FUZZ_CHECK(tls_record_dir_set13(&fresh[1], key, iv) == CL_OK);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t rec[TLS_RECORD_HEADER + TLS12_MAX_CIPHERTEXT + 64], again[sizeof rec];
    tls_record_dir d, e;
    size_t off = 1;
    if (size < 1)
        return 0;
    d = e = fresh[(data[0] & 2) ? 2 : (data[0] & 1)];
    while (size - off >= TLS_RECORD_HEADER) {
        size_t n = TLS_RECORD_HEADER + (((size_t)data[off + 3] << 8) | data[off + 4]);
        uint8_t type, *frag;
        size_t flen, alen;
        int alert;
        if (n > size - off || n > sizeof rec)
            break;
        memcpy(rec, data + off, n);
        off += n;
        uint64_t seq = d.seq;
        if (tls_record_open(&d, rec, n, &type, &frag, &flen, &alert) != CL_OK)
            continue;
        FUZZ_CHECK(flen <= TLS_MAX_PLAINTEXT);
        /* seal what opened; open it again */
        e.seq = seq;
        if (tls_record_seal(&e, type, 0x0303, frag, flen, again, sizeof again, &alen) == CL_OK) {
            tls_record_dir o = e;
            uint8_t t2, *f2;
            size_t l2;
            o.seq = seq;
            FUZZ_CHECK(tls_record_open(&o, again, alen, &t2, &f2, &l2, &alert) == CL_OK);
            FUZZ_CHECK(t2 == type && l2 == flen);
        }
    }
    tls_record_dir_clear(&d);
    tls_record_dir_clear(&e);
    return 0;
}
