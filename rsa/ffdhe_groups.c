/*
 * rsa/ffdhe_groups.c -- the RFC 7919 groups as data.
 *
 * Source: RFC 7919 (D. Gillmor, August 2016), Appendix A.1 "ffdhe2048" and
 * Appendix A.2 "ffdhe3072".  The primes are copied in the RFC's own layout
 * (32-bit words in hexadecimal, eight per line; GMP ignores the spaces).
 * Their construction, per the RFC:
 *     p = 2^b - 2^(b-64) + {[2^(b-130) * e] + X} * 2^64 - 1
 * with e the base of the natural logarithm, X = 560316 (b = 2048) and
 * X = 2625351 (b = 3072); g = 2; each p is a safe prime.  The RFC's
 * "estimated symmetric-equivalent strength" is 103 and 125 bits, and its
 * recommended short exponents (§5.2, Appendix A) are 225 and 275 bits.
 *
 * tests/sh/85-tls-blocks.sh compares both primes with the ones OpenSSL
 * knows (`openssl genpkey -genparam -algorithm DH -pkeyopt group:ffdheN`);
 * tests/test_tls.c checks that p and (p-1)/2 are (probable) primes and that
 * the top and bottom 64 bits are all ones, as the construction requires.
 */
#include <string.h>
#include "rsa/ffdhe.h"

static const char ffdhe2048_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1 D8B9C583 CE2D3695 "
    "A9E13641 146433FB CC939DCE 249B3EF9 7D2FE363 630C75D8 F681B202 AEC4617A "
    "D3DF1ED5 D5FD6561 2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935 "
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735 30ACCA4F 483A797A "
    "BC0AB182 B324FB61 D108A94B B2C8E3FB B96ADAB7 60D7F468 1D4F42A3 DE394DF4 "
    "AE56EDE7 6372BB19 0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61 "
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73 3BB5FCBC 2EC22005 "
    "C58EF183 7D1683B2 C6F34A26 C1B2EFFA 886B4238 61285C97 FFFFFFFF FFFFFFFF "
    ;

static const char ffdhe3072_p[] =
    "FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A AFDC5620 273D3CF1 D8B9C583 CE2D3695 "
    "A9E13641 146433FB CC939DCE 249B3EF9 7D2FE363 630C75D8 F681B202 AEC4617A "
    "D3DF1ED5 D5FD6561 2433F51F 5F066ED0 85636555 3DED1AF3 B557135E 7F57C935 "
    "984F0C70 E0E68B77 E2A689DA F3EFE872 1DF158A1 36ADE735 30ACCA4F 483A797A "
    "BC0AB182 B324FB61 D108A94B B2C8E3FB B96ADAB7 60D7F468 1D4F42A3 DE394DF4 "
    "AE56EDE7 6372BB19 0B07A7C8 EE0A6D70 9E02FCE1 CDF7E2EC C03404CD 28342F61 "
    "9172FE9C E98583FF 8E4F1232 EEF28183 C3FE3B1B 4C6FAD73 3BB5FCBC 2EC22005 "
    "C58EF183 7D1683B2 C6F34A26 C1B2EFFA 886B4238 611FCFDC DE355B3B 6519035B "
    "BC34F4DE F99C0238 61B46FC9 D6E6C907 7AD91D26 91F7F7EE 598CB0FA C186D91C "
    "AEFE1309 85139270 B4130C93 BC437944 F4FD4452 E2D74DD3 64F2E21E 71F54BFF "
    "5CAE82AB 9C9DF69E E86D2BC5 22363A0D ABC52197 9B0DEADA 1DBF9A42 D5C4484E "
    "0ABCD06B FA53DDEF 3C1B20EE 3FD59D7C 25E41D2B 66C62E37 FFFFFFFF FFFFFFFF "
    ;

static const ffdhe_group groups[] = {
    { FFDHE_GROUP_2048, "ffdhe2048", 2048, 256, 225, ffdhe2048_p },
    { FFDHE_GROUP_3072, "ffdhe3072", 3072, 384, 275, ffdhe3072_p },
};

const ffdhe_group *ffdhe_group_by_id(uint16_t id)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i].id == id)
            return &groups[i];
    return NULL;
}

const ffdhe_group *ffdhe_group_by_name(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strcmp(groups[i].name, name) == 0)
            return &groups[i];
    return NULL;
}

void ffdhe_group_p(const ffdhe_group *g, mpz_t p)
{
    mpz_set_str(p, g->p_hex, 16);
}
