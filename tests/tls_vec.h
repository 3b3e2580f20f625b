/*
 * tests/tls_vec.h -- named hex values of one section of a vectors/tls/
 * file, for the TLS suites (tests/test_tls*.c).
 */
#ifndef CRYPTOLAB_TESTS_TLS_VEC_H
#define CRYPTOLAB_TESTS_TLS_VEC_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

#define TV_MAX 64

struct tls_vec_item {
    char name[48];
    char *text;          /* the value as written */
    uint8_t *data;       /* decoded hex (len 0 if the value is not hex) */
    size_t len;
};

struct tls_vec {
    struct tls_vec_item items[TV_MAX];
    int n;
};

/* Loads the "NAME = value" lines of [section]; 1 on success. */
int tv_load(struct tls_vec *v, const char *path, const char *section);
/* A value by name (fails the test when missing); *len may be NULL. */
const uint8_t *tv_get(const struct tls_vec *v, const char *name, size_t *len);
const char *tv_text(const struct tls_vec *v, const char *name);
void tv_free(struct tls_vec *v);
int cl_hex_decode_len_ok(const char *s);
/* The 2048-bit test key vectors/rsa/keys/key2048-pkcs1.pem; 1 on success. */
int tu_load_test_key(rsa_key *key);

#endif
