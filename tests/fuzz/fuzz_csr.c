/*
 * tests/fuzz/fuzz_csr.c -- the PKCS#10 request parser (rsa/x509/x509_csr.c)
 * on arbitrary bytes.
 *
 * Input: one certification request, DER or PEM.  Checked: what
 * x509_csr_parse() accepts is a whole request whose parts lie inside the
 * input; it can be printed (-text) and its self-signature checked;
 * x509_csr_load() on the same bytes gives the same answer for DER.
 * Seeds: tests/fuzz/corpus/csr/, made by tests/fuzz/make_corpus.py from
 * vectors/x509/req_*.csr (openssl-made requests).
 */
#include "tests/fuzz/fuzz.h"
#include "rsa/x509/x509.h"
#include "rsa/x509/x509_print.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x509_csr q;
    der_error e;
    int parsed = x509_csr_parse(&q, data, size, &e) == CL_OK;
    if (parsed) {
        FUZZ_CHECK(q.der.p == data && q.der.len == size);
        FUZZ_CHECK(q.info.p >= data && q.info.len <= size && q.subject.p >= q.info.p);
        char *text = NULL;
        size_t text_len = 0;
        FILE *f = open_memstream(&text, &text_len);
        if (f != NULL) {
            x509_csr_print_text(f, &q);
            fclose(f);
            free(text);
        }
        (void)x509_csr_verify(&q);
    }
    uint8_t *der = NULL;
    size_t der_len = 0;
    const char *why = NULL;
    x509_csr q2;
    cl_status st = x509_csr_load(&q2, data, size, &der, &der_len, &e, &why);
    if (st == CL_OK) {
        FUZZ_CHECK(der != NULL);
        free(der);
    } else {
        FUZZ_CHECK(der == NULL);
    }
    if (size > 0 && data[0] == 0x30)          /* DER input: the loader agrees with the parser */
        FUZZ_CHECK((st == CL_OK) == parsed || st == CL_ERR_PEM);
    return 0;
}
