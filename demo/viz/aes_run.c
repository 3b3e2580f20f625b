/*
 * demo/viz/aes_run.c -- records one AES block through the library's trace
 * hooks and groups the Appendix C lines into viewer steps (aes_run.h).
 * No cryptography here: the values are those the hooks report.
 */
#include <stdio.h>
#include <string.h>
#include "demo/viz/aes_run.h"
#include "common/ct.h"

static void on_line(void *arg, int round, const char *label, const uint8_t state[AES_BLOCK_SIZE])
{
    struct viz_aes_run *run = arg;
    if (run->n_lines >= VIZ_AES_MAX_LINES)
        return;
    struct viz_aes_line *l = &run->line[run->n_lines++];
    l->round = round;
    snprintf(l->label, sizeof l->label, "%s", label);
    memcpy(l->b, state, 16);
}

static void on_word(void *arg, const aes_kx_step *st)
{
    struct viz_aes_run *run = arg;
    if (run->n_kx < AES_MAX_WORDS)
        run->kx[run->n_kx++] = *st;
}

static int is_key_line(const struct viz_aes_line *l)
{
    return strcmp(l->label, "k_sch") == 0 || strcmp(l->label, "ik_sch") == 0;
}

/* The FIPS-197 operation that produced a (non-key) state line. */
static void name_op(const char *label, int decrypt, struct viz_aes_step *s)
{
    static const struct { const char *label, *op, *sec; } ops[] = {
        { "input", "input", "3.4" },          { "iinput", "input", "3.4" },
        { "s_box", "SubBytes", "5.1.1" },     { "s_row", "ShiftRows", "5.1.2" },
        { "m_col", "MixColumns", "5.1.3" },   { "is_row", "InvShiftRows", "5.3.1" },
        { "is_box", "InvSubBytes", "5.3.2" }, { "istart", "InvMixColumns", "5.3.3" },
    };
    s->op = "?";
    s->sec = decrypt ? "5.3" : "5.1";
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(ops[i].label, label) == 0) {
            s->op = ops[i].op;
            s->sec = ops[i].sec;
        }
}

static void group_steps(struct viz_aes_run *run)
{
    size_t n = 0;
    for (size_t i = 0; i < run->n_lines && n < VIZ_AES_MAX_STEPS; i++) {
        struct viz_aes_step *s = &run->step[n];
        const struct viz_aes_line *l = &run->line[i];
        if (is_key_line(l) && i + 1 < run->n_lines) {
            s->key_line = (int)i;
            s->line = (int)(i + 1);
            /* InvCipher's trace round t adds the standard's round key Nr - t. */
            s->key_round = run->decrypt ? run->Nr - l->round : l->round;
            s->op = "AddRoundKey";
            s->sec = run->decrypt ? "5.3.4" : "5.1.4";
            i++;
        } else {
            s->key_line = -1;
            s->line = (int)i;
            s->key_round = -1;
            name_op(l->label, run->decrypt, s);
        }
        n++;
    }
    run->n_steps = n;
}

cl_status viz_aes_record(struct viz_aes_run *run, const uint8_t *key, size_t key_len,
                         const uint8_t in[16], int decrypt)
{
    aes_ctx ctx;
    memset(run, 0, sizeof *run);
    cl_status st = aes_init_impl(&ctx, key, key_len, AES_IMPL_SPEC);
    if (st == CL_OK)
        st = aes_set_trace(&ctx, on_line, run);
    if (st == CL_OK)
        st = decrypt ? aes_decrypt_block(&ctx, in, run->out) : aes_encrypt_block(&ctx, in, run->out);
    if (st == CL_OK) {
        run->Nk = ctx.Nk;
        run->Nr = ctx.Nr;
    }
    aes_clear(&ctx);
    if (st == CL_OK)
        st = aes_trace_key_expansion(key, key_len, on_word, run);
    if (st != CL_OK) {
        viz_aes_clear(run);
        return st;
    }
    run->decrypt = decrypt;
    run->key_len = key_len;
    memcpy(run->key, key, key_len);
    memcpy(run->in, in, 16);
    group_steps(run);
    return CL_OK;
}

const char *viz_aes_line_name(const struct viz_aes_line *l, char buf[24])
{
    snprintf(buf, 24, "round[%2d].%s", l->round, l->label);
    return buf;
}

const uint8_t *viz_aes_step_state(const struct viz_aes_run *run, size_t s)
{
    return run->line[run->step[s].line].b;
}

const char *viz_aes_op_desc(const char *op)
{
    static const struct { const char *op, *desc; } d[] = {
        { "input", "The 16 input bytes fill the state column by column: s[r][c] = in[r + 4c]." },
        { "SubBytes", "Each byte is replaced by S(byte) from the S-box (Figure 7)." },
        { "ShiftRows", "Row r is rotated left by r bytes; row 0 does not move." },
        { "MixColumns", "Each column is multiplied by a(x) = {03}x^3 + {01}x^2 + {01}x + {02} mod x^4 + 1." },
        { "AddRoundKey", "Column c is XORed with the key word w[4*round + c]." },
        { "InvShiftRows", "Row r is rotated right by r bytes." },
        { "InvSubBytes", "Each byte is replaced by InvS(byte) from the inverse S-box (Figure 14)." },
        { "InvMixColumns", "Each column is multiplied by a^-1(x) = {0b}x^3 + {0d}x^2 + {09}x + {0e}." },
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        if (strcmp(d[i].op, op) == 0)
            return d[i].desc;
    return "";
}

void viz_aes_clear(struct viz_aes_run *run)
{
    cl_wipe(run, sizeof *run);
}
