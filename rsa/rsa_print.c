/*
 * rsa/rsa_print.c -- RSA numbers as text in OpenSSL's layout (its
 * print_labeled_bignum() and the RSA key text encoder of OpenSSL 3.0), for
 * `pkey -text` and for the public key inside `x509 -text`.
 */
#include <stdlib.h>
#include "common/ct.h"
#include "rsa/rsa.h"

/* Values that fit in 64 bits: "label value (0xhex)"; larger ones: the
 * label, then colon-separated hex octets, 15 per line, indented by four
 * more spaces, with a 00 first when the top bit is set.  Every line starts
 * with `indent` spaces. */
void rsa_print_bignum(FILE *f, int indent, const char *label, const mpz_t x)
{
    if (mpz_sgn(x) == 0) {
        fprintf(f, "%*s%s 0\n", indent, "", label);
        return;
    }
    size_t bytes = (mpz_sizeinbase(x, 2) + 7) / 8;
    if (bytes <= 8) {
        uint64_t v = 0;
        size_t got = 0;
        uint8_t b[8] = {0};
        mpz_export(b, &got, 1, 1, 1, 0, x);
        for (size_t i = 0; i < got; i++)
            v = (v << 8) | b[i];
        fprintf(f, "%*s%s %llu (0x%llx)\n", indent, "", label, (unsigned long long)v, (unsigned long long)v);
        return;
    }
    uint8_t *b = malloc(bytes + 1);
    if (b == NULL)
        return;
    size_t got = 0;
    b[0] = 0;
    mpz_export(b + 1, &got, 1, 1, 1, 0, x);
    const uint8_t *p = (b[1] & 0x80) ? b : b + 1;   /* leading 00 if the top bit is set */
    size_t n = (b[1] & 0x80) ? got + 1 : got;
    fprintf(f, "%*s%s\n%*s    ", indent, "", label, indent, "");
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && i % 15 == 0)
            fprintf(f, ":\n%*s    ", indent, "");
        fprintf(f, "%s%02x", (i % 15) ? ":" : "", p[i]);
    }
    fputc('\n', f);
    cl_wipe(b, bytes + 1);
    free(b);
}

void rsa_print_public(FILE *f, int indent, const rsa_key *key)
{
    fprintf(f, "%*sPublic-Key: (%zu bit)\n", indent, "", mpz_sizeinbase(key->n, 2));
    rsa_print_bignum(f, indent, "Modulus:", key->n);
    rsa_print_bignum(f, indent, "Exponent:", key->e);
}
