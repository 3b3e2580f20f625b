/* tests/bench/textbook_aes.h -- byte-oriented AES-128 baseline (benchmark only). */
#ifndef CRYPTOLAB_BENCH_TEXTBOOK_AES_H
#define CRYPTOLAB_BENCH_TEXTBOOK_AES_H
#include <stdint.h>
void textbook_aes128_expand(const uint8_t key[16], uint8_t rk[176]);
void textbook_aes128_encrypt(const uint8_t rk[176], const uint8_t in[16], uint8_t out[16]);
#endif
