/* common/ct.c -- constant-time compare and wipe. */
#include <string.h>
#include "ct.h"

int cl_ct_memeq(const void *a, const void *b, size_t n)
{
    const volatile uint8_t *x = a;
    const volatile uint8_t *y = b;
    uint8_t diff = 0;
    for (size_t i = 0; i < n; i++)
        diff |= (uint8_t)(x[i] ^ y[i]);
    /* diff == 0 -> 1, otherwise 0, without a data-dependent branch */
    return (int)(1u & (((uint32_t)diff - 1u) >> 8));
}

int cl_ct_memeq_public(const void *a, const void *b, size_t n)
{
    int r = cl_ct_memeq(a, b, n);
    CL_DECLASSIFY(&r, sizeof r);   /* the verdict is public */
    return r;
}

void cl_wipe(void *p, size_t n)
{
    if (p != NULL && n != 0)
        explicit_bzero(p, n);
}
