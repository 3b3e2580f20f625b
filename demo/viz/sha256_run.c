/*
 * demo/viz/sha256_run.c -- records one SHA-256 computation through the
 * library's trace hook (sha256_run.h).  The values are those the hook
 * reports; nothing is computed here.
 */
#include <string.h>
#include "demo/viz/sha256_run.h"

static struct viz_sha_block *block(struct viz_sha_run *r, uint64_t i)
{
    return (i >= 1 && i <= VIZ_SHA_MAX_BLOCKS) ? &r->blk[i - 1] : NULL;
}

static void on_block(void *arg, uint64_t i, const uint32_t M[16])
{
    struct viz_sha_run *r = arg;
    struct viz_sha_block *b = block(r, i);
    if (b != NULL) {
        memcpy(b->M, M, sizeof b->M);
        if (i > r->n_blocks)
            r->n_blocks = (size_t)i;
    }
}

static void on_schedule(void *arg, uint64_t i, const uint32_t W[64])
{
    struct viz_sha_block *b = block(arg, i);
    if (b != NULL)
        memcpy(b->W, W, sizeof b->W);
}

static void on_round(void *arg, uint64_t i, unsigned t, const uint32_t v[8])
{
    struct viz_sha_block *b = block(arg, i);
    if (b != NULL && t < 64)
        memcpy(b->v[t], v, sizeof b->v[t]);
}

static void on_hash(void *arg, uint64_t i, const uint32_t H[8])
{
    struct viz_sha_block *b = block(arg, i);
    if (b != NULL)
        memcpy(b->H, H, sizeof b->H);
}

cl_status viz_sha256_record(struct viz_sha_run *run, const uint8_t *m, size_t len)
{
    memset(run, 0, sizeof *run);
    if (len > VIZ_SHA_MAX_MESSAGE)
        return CL_ERR_INPUT_LENGTH;
    struct sha256_trace hook = { run, on_block, on_schedule, on_round, on_hash };
    sha256_ctx ctx;
    cl_status st = sha256_init(&ctx);
    if (st != CL_OK)
        return st;
    memcpy(run->H0, ctx.H, sizeof run->H0);            /* H(0), §5.3.3 */
    st = sha256_set_trace(&ctx, &hook);
    if (st == CL_OK)
        st = sha256_update(&ctx, m, len);
    if (st == CL_OK)
        st = sha256_final(&ctx, run->digest);
    if (len)
        memcpy(run->msg, m, len);
    run->len = len;
    return st;
}

const uint32_t *viz_sha256_step_regs(const struct viz_sha_run *run, size_t s)
{
    size_t i = s / VIZ_SHA_STEPS_PER_BLOCK, k = s % VIZ_SHA_STEPS_PER_BLOCK;
    if (i >= run->n_blocks)
        return run->blk[run->n_blocks - 1].H;
    if (k == 0)
        return i == 0 ? run->H0 : run->blk[i - 1].H;
    if (k <= 64)
        return run->blk[i].v[k - 1];
    return run->blk[i].H;
}
