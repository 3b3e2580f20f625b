/*
 * tests/fuzz/fuzz_x509.c -- the X.509 certificate parser (rsa/x509/) on
 * arbitrary bytes, and everything that reads a parsed certificate.
 *
 * Input: one certificate, DER or PEM (several PEM blocks: a chain file).
 * Checked: x509_cert_parse() accepts only a whole DER certificate (its
 * length is the input's) whose parts lie inside the input; whatever it
 * accepts can be printed (-text, names, extensions), its key read, and
 * verified against itself as the trust anchor (self-signed or not) with a
 * host name and an IP address, without reading outside the input, and the
 * one-line message is NUL-terminated.  x509_certs_load() on the same bytes.
 * Seeds: tests/fuzz/corpus/x509/, made by tests/fuzz/make_corpus.py from
 * vectors/x509/ (openssl-made certificates).
 */
#include "tests/fuzz/fuzz.h"
#include "rsa/x509/x509.h"
#include "rsa/x509/x509_print.h"


static int inside(const x509_bytes *b, const uint8_t *data, size_t size)
{
    return b->len == 0 || (b->p >= data && b->len <= size && (size_t)(b->p - data) <= size - b->len);
}

static void exercise(const x509_cert *c, const uint8_t *data, size_t size)
{
    FUZZ_CHECK(c->der.p == data && c->der.len == size);
    FUZZ_CHECK(inside(&c->tbs, data, size) && inside(&c->issuer, data, size) && inside(&c->subject, data, size));
    FUZZ_CHECK(inside(&c->spki, data, size) && inside(&c->signature, data, size) && inside(&c->ext.san, data, size));
    FUZZ_CHECK(c->version >= 1 && c->version <= 3);
    char *text = NULL;
    size_t text_len = 0;
    FILE *f = open_memstream(&text, &text_len);
    if (f != NULL) {
        x509_cert_print_text(f, c);
        x509_serial_hex(f, c);
        der_reader r;
        x509_extension x;
        x509_ext_iter_init(&r, &c->ext.all);
        while (x509_ext_next(&r, &x))
            x509_ext_print(f, &x, 0);
        fclose(f);
        free(text);
    }
    char name[128];
    x509_name_format(&c->subject, 0, name, sizeof name);
    FUZZ_CHECK(memchr(name, '\0', sizeof name) != NULL);
    x509_name_format(&c->issuer, 1, name, sizeof name);
    FUZZ_CHECK(x509_name_equal(&c->subject, &c->subject));
    rsa_key key;
    rsa_key_init(&key);
    (void)x509_cert_public_key(c, &key, NULL);
    rsa_key_clear(&key);
    (void)x509_check_ip(c, "127.0.0.1");
    (void)x509_check_host(c, "www.example.com");
    /* path validation with the certificate as its own trust anchor */
    x509_certs anchors = {(x509_cert *)c, 1, NULL, 0};
    const x509_cert *chain[1] = {c};
    x509_verify_params p;
    x509_verify_result res;
    x509_verify_params_init(&p, c->not_before);
    p.host = "www.example.com";
    p.purpose = X509_PURPOSE_SERVER_AUTH;
    (void)x509_verify_parsed(chain, 1, &anchors, &p, &res);
    FUZZ_CHECK(memchr(res.message, '\0', sizeof res.message) != NULL);
    x509_verify_params_init(&p, c->not_after);
    p.ip = "::1";
    p.flags = X509_VERIFY_PARTIAL_CHAIN;
    (void)x509_verify_parsed(chain, 1, &anchors, &p, &res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x509_cert c;
    der_error e;
    if (x509_cert_parse(&c, data, size, &e) == CL_OK)
        exercise(&c, data, size);
    else
        FUZZ_CHECK(e.reason != NULL);
    x509_certs s;
    x509_load_error le;
    x509_certs_init(&s);
    if (x509_certs_load(&s, data, size, &le) == CL_OK) {
        FUZZ_CHECK(s.count >= 1);
        for (size_t i = 0; i < s.count && i < 4; i++) {
            x509_cert again;
            FUZZ_CHECK(x509_cert_parse(&again, s.cert[i].der.p, s.cert[i].der.len, NULL) == CL_OK);
        }
    } else {
        FUZZ_CHECK(s.count == 0 && memchr(le.detail, '\0', sizeof le.detail) != NULL);
    }
    x509_certs_free(&s);
    return 0;
}
