/*
 * tests/fuzz/fuzz_der.c -- rsa/asn1_read.c, the strict DER reader
 * (X.690 §10), on arbitrary bytes:
 *   - a generic walk of the element tree (every universal type the reader
 *     knows, constructed elements recursively, bounded depth);
 *   - each key structure's decoder (RSAPrivateKey, PrivateKeyInfo,
 *     RSAPublicKey, SubjectPublicKeyInfo) and PBES2's AlgorithmIdentifier;
 *   - property: a structure that decodes re-encodes to the same bytes
 *     (DER is unique, X.690 §10), checked for RSAPublicKey and SPKI.
 */
#include "tests/fuzz/fuzz.h"
#include "rsa/asn1.h"
#include "rsa/pbes2.h"
#include "rsa/rsa_keyfile.h"

static void walk(der_reader *r, int depth)
{
    mpz_t x;
    mpz_init(x);
    while (!der_at_end(r)) {
        int tag = der_peek_tag(r);
        const uint8_t *p;
        size_t len;
        uint64_t v;
        der_reader sub;
        cl_status st;
        char text[80];
        switch (tag) {
        case DER_INTEGER:
            st = der_read_integer_mpz(r, x, 0, "INTEGER");
            if (st != CL_OK) st = der_read_uint(r, UINT64_MAX, &v, "INTEGER");
            break;
        case DER_BIT_STRING: st = der_read_bit_string_octets(r, &p, &len); break;
        case DER_OCTET_STRING: st = der_read_octet_string(r, &p, &len); break;
        case DER_NULL: st = der_read_null(r); break;
        case DER_OID:
            st = der_read_oid(r, &p, &len);
            if (st == CL_OK) der_oid_to_text(p, len, text, sizeof text);
            break;
        default:
            if ((tag & 0x20) && depth < 16) {
                st = der_read_constructed(r, (unsigned)tag, &sub);
                if (st == CL_OK) walk(&sub, depth + 1);
            } else {
                st = der_read_tlv(r, (unsigned)tag, &p, &len);
            }
        }
        if (st != CL_OK) break;
    }
    mpz_clear(x);
}

/* der(key) computed again must be the input */
static void reencode(const uint8_t *data, size_t size, rsa_key *key, int spki)
{
    uint8_t *out = malloc(size + 16);
    size_t n = 0;
    if (out == NULL) return;
    cl_status st = spki ? rsa_spki_der(key, out, size + 16, &n)
                        : rsa_public_pkcs1_der(key, out, size + 16, &n);
    FUZZ_CHECK(st == CL_OK && n == size && memcmp(out, data, size) == 0);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    der_error err;
    der_reader r;
    der_reader_init(&r, data, size, &err);
    walk(&r, 0);

    rsa_key key;
    rsa_key_init(&key);
    (void)rsa_private_pkcs1_from_der(&key, data, size, &err);
    rsa_key_clear(&key);
    rsa_key_init(&key);
    (void)rsa_private_pkcs8_from_der(&key, data, size, &err);
    rsa_key_clear(&key);
    rsa_key_init(&key);
    if (rsa_public_pkcs1_from_der(&key, data, size, &err) == CL_OK && rsa_public_check(&key) == CL_OK)
        reencode(data, size, &key, 0);
    rsa_key_clear(&key);
    rsa_key_init(&key);
    if (rsa_spki_from_der_ex(&key, data, size, &err) == CL_OK && rsa_public_check(&key) == CL_OK)
        reencode(data, size, &key, 1);
    rsa_key_clear(&key);

    pbes2_params prm;
    der_reader_init(&r, data, size, &err);
    (void)pbes2_read_algid(&r, &prm);
    return 0;
}
