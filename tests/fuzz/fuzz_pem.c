/*
 * tests/fuzz/fuzz_pem.c -- rsa/pem.c, PEM armour (RFC 7468) on arbitrary
 * text: pem_detect and pem_decode; property: whatever decodes, encoded
 * again with its label, decodes to the same label and DER.
 */
#include "tests/fuzz/fuzz.h"
#include "rsa/pem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char label[PEM_LABEL_MAX], label2[PEM_LABEL_MAX];
    const char *why = NULL;
    size_t der_len = 0, der2_len = 0, pem_len = 0;
    uint8_t *der = malloc(size + 1);
    if (der == NULL) return 0;
    (void)pem_detect(data, size);
    if (pem_decode(data, size, label, der, size + 1, &der_len, &why) == CL_OK) {
        FUZZ_CHECK(der_len > 0 && der_len <= size);
        FUZZ_CHECK(memchr(label, '\0', PEM_LABEL_MAX) != NULL);
        size_t cap = pem_encoded_len(label, der_len) + 1;
        char *pem = malloc(cap);
        uint8_t *der2 = malloc(cap);
        if (pem && der2) {
            FUZZ_CHECK(pem_encode(label, der, der_len, pem, cap, &pem_len) == CL_OK);
            FUZZ_CHECK(pem_len == cap - 1 && pem_detect((const uint8_t *)pem, pem_len));
            FUZZ_CHECK(pem_decode((const uint8_t *)pem, pem_len, label2, der2, cap, &der2_len, &why) == CL_OK);
            FUZZ_CHECK(strcmp(label, label2) == 0 && der2_len == der_len && !memcmp(der, der2, der_len));
            /* one byte short of room is refused */
            FUZZ_CHECK(pem_encode(label, der, der_len, pem, cap - 1, &pem_len) == CL_ERR_OUTPUT_SPACE);
        }
        free(pem);
        free(der2);
    }
    free(der);
    return 0;
}
