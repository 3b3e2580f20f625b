/*
 * lab/padding_oracle.c -- LAB ONLY: Vaudenay's CBC padding-oracle attack
 * (lab/padding_oracle.h).  Block by block, byte by byte from the last,
 * exactly as the header explains; the steps are numbered as in
 * docs/labs/padding-oracle.md section 3.
 */
#include <string.h>
#include "lab/padding_oracle.h"
#include "common/ct.h"

struct attack {
    lab_po_oracle_fn oracle;
    void *arg;
    unsigned long queries, max;
    cl_status failed;
};

static int ask(struct attack *a, const uint8_t x[16], const uint8_t block[16])
{
    if (a->queries >= a->max) {
        a->failed = CL_ERR_LAB_QUERY_LIMIT;
        return -1;
    }
    a->queries++;
    int r = a->oracle(a->arg, x, block);
    if (r < 0)
        a->failed = CL_ERR_LAB_NO_ORACLE;
    return r;
}

/* The intermediate block I = D(K, block), from the oracle alone. */
static cl_status intermediate(struct attack *a, const uint8_t block[16], uint8_t I[16], size_t bno,
                              const uint8_t prev[16], lab_po_trace_fn trace, void *targ)
{
    uint8_t x[16];
    for (int pos = 15; pos >= 0; pos--) {
        uint8_t pad = (uint8_t)(16 - pos);          /* the padding value we aim for: 01, 02 02, ... */
        int found = 0;
        memset(x, 0, sizeof x);
        for (int j = pos + 1; j < 16; j++)          /* step 2: bytes already known give `pad` */
            x[j] = (uint8_t)(I[j] ^ pad);
        for (int g = 0; g < 256 && !found; g++) {   /* step 3: try every value of x[pos] */
            x[pos] = (uint8_t)g;
            int r = ask(a, x, block);
            if (r < 0)
                return a->failed;
            if (r == 0)
                continue;
            if (pad == 1 && pos > 0) {              /* step 4: rule out 02 02, 03 03 03 ... by chance */
                x[pos - 1] ^= 0xff;
                r = ask(a, x, block);
                x[pos - 1] ^= 0xff;
                if (r < 0)
                    return a->failed;
                if (r == 0)
                    continue;
            }
            I[pos] = (uint8_t)(g ^ pad);            /* step 5: I[pos] XOR g = pad */
            found = 1;
        }
        if (!found)
            return CL_ERR_LAB_NO_ORACLE;            /* no guess was "valid": there is no oracle */
        if (trace)
            trace(targ, bno, pos, I[pos], (uint8_t)(I[pos] ^ prev[pos]), a->queries);
    }
    cl_wipe(x, sizeof x);
    return CL_OK;
}

cl_status lab_po_attack(const uint8_t iv[16], const uint8_t *c, size_t c_len, lab_po_oracle_fn oracle,
                        void *oracle_arg, lab_po_trace_fn trace, void *trace_arg, unsigned long max_queries,
                        uint8_t *plain, unsigned long *queries)
{
    struct attack a = { oracle, oracle_arg, 0, max_queries, CL_OK };
    uint8_t I[16];
    cl_status st = CL_OK;
    if (iv == NULL || c == NULL || oracle == NULL || plain == NULL)
        return CL_ERR_NULL_POINTER;
    if (c_len == 0 || c_len % 16 != 0)
        return CL_ERR_INPUT_LENGTH;
    for (size_t b = 0; b < c_len / 16 && st == CL_OK; b++) {
        const uint8_t *prev = b == 0 ? iv : c + 16 * (b - 1);
        st = intermediate(&a, c + 16 * b, I, b, prev, trace, trace_arg);
        if (st == CL_OK)                            /* step 6: P_i = I_i XOR C_{i-1} */
            for (int j = 0; j < 16; j++)
                plain[16 * b + j] = (uint8_t)(I[j] ^ prev[j]);
    }
    cl_wipe(I, sizeof I);
    if (queries)
        *queries = a.queries;
    return st;
}
