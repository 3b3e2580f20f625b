/*
 * demo/viz/aes_page.c -- the AES step viewer page (`cryptolab aes-trace
 * --html FILE`): the data of one recorded block (aes_run.h) as window.VIZ,
 * drawn by demo/viz/assets/aes.js.
 *
 * VIZ = { kind: "aes", variant, decrypt, Nk, Nr, key, input, output,
 *         lines: [[name, hex], ...]            the Appendix C lines
 *         steps: [{lines: [i...], op, sec, round, keyRound}, ...]
 *         kx: [{i, key?, temp, rot, sub, rcon, xor, wnk, w}, ...]
 *         flip: null | {what, bit, key, input, output, lines, diff: [bits per step]} }
 */
#include <string.h>
#include "demo/viz/pages.h"
#include "demo/viz/page.h"

static void put_lines(FILE *f, const struct viz_aes_run *r)
{
    char name[24];
    fputc('[', f);
    for (size_t i = 0; i < r->n_lines; i++) {
        fputs(i ? ",[" : "[", f);
        viz_json_str(f, viz_aes_line_name(&r->line[i], name));
        fputc(',', f);
        viz_json_hex(f, r->line[i].b, 16);
        fputc(']', f);
    }
    fputc(']', f);
}

static void put_steps(FILE *f, const struct viz_aes_run *r)
{
    fputc('[', f);
    for (size_t s = 0; s < r->n_steps; s++) {
        const struct viz_aes_step *st = &r->step[s];
        fputs(s ? ",{" : "{", f);
        viz_json_key(f, 1, "lines");
        if (st->key_line >= 0)
            fprintf(f, "[%d,%d]", st->key_line, st->line);
        else
            fprintf(f, "[%d]", st->line);
        viz_json_key(f, 0, "op");
        viz_json_str(f, st->op);
        viz_json_key(f, 0, "sec");
        viz_json_str(f, st->sec);
        viz_json_key(f, 0, "round");
        fprintf(f, "%d", r->line[st->line].round);
        viz_json_key(f, 0, "keyRound");
        fprintf(f, "%d", st->key_round);
        fputc('}', f);
    }
    fputc(']', f);
}

static void put_kx(FILE *f, const struct viz_aes_run *r)
{
    fputc('[', f);
    for (size_t i = 0; i < r->n_kx; i++) {
        const aes_kx_step *k = &r->kx[i];
        fputs(i ? ",{" : "{", f);
        viz_json_key(f, 1, "i");
        fprintf(f, "%d", k->i);
        if (k->from_key) {
            viz_json_key(f, 0, "key");
            fputs("true", f);
        } else {
            viz_json_key(f, 0, "temp");
            viz_json_word(f, k->temp);
            if (k->uses & AES_KX_ROTWORD) {
                viz_json_key(f, 0, "rot");
                viz_json_word(f, k->after_rotword);
            }
            if (k->uses & AES_KX_SUBWORD) {
                viz_json_key(f, 0, "sub");
                viz_json_word(f, k->after_subword);
            }
            if (k->uses & AES_KX_RCON) {
                viz_json_key(f, 0, "rcon");
                viz_json_word(f, k->rcon);
                viz_json_key(f, 0, "xor");
                viz_json_word(f, k->after_rcon);
            }
            viz_json_key(f, 0, "wnk");
            viz_json_word(f, k->w_i_nk);
        }
        viz_json_key(f, 0, "w");
        viz_json_word(f, k->w);
        fputc('}', f);
    }
    fputc(']', f);
}

int viz_aes_page(FILE *f, const struct viz_aes_run *r, const struct viz_aes_run *flipped,
                 const char *flip_what, unsigned flip_bit)
{
    char title[96], sub[160];
    snprintf(title, sizeof title, "AES-%d %s, step by step", r->Nk * 32,
             r->decrypt ? "InvCipher (FIPS-197 §5.3)" : "Cipher (FIPS-197 §5.1)");
    snprintf(sub, sizeof sub, "The state after every step, as FIPS-197 Appendix C prints it%s.",
             flipped ? ", beside a run with one bit flipped" : "");
    viz_page_begin(f, title, sub);
    fputc('{', f);
    viz_json_key(f, 1, "kind");
    viz_json_str(f, "aes");
    viz_json_key(f, 0, "variant");
    fprintf(f, "\"AES-%d\"", r->Nk * 32);
    viz_json_key(f, 0, "decrypt");
    fputs(r->decrypt ? "true" : "false", f);
    viz_json_key(f, 0, "Nk");
    fprintf(f, "%d", r->Nk);
    viz_json_key(f, 0, "Nr");
    fprintf(f, "%d", r->Nr);
    viz_json_key(f, 0, "key");
    viz_json_hex(f, r->key, r->key_len);
    viz_json_key(f, 0, "input");
    viz_json_hex(f, r->in, 16);
    viz_json_key(f, 0, "output");
    viz_json_hex(f, r->out, 16);
    viz_json_key(f, 0, "lines");
    put_lines(f, r);
    viz_json_key(f, 0, "steps");
    put_steps(f, r);
    viz_json_key(f, 0, "kx");
    put_kx(f, r);
    viz_json_key(f, 0, "flip");
    if (flipped == NULL) {
        fputs("null", f);
    } else {
        fputc('{', f);
        viz_json_key(f, 1, "what");
        viz_json_str(f, flip_what);
        viz_json_key(f, 0, "bit");
        fprintf(f, "%u", flip_bit);
        viz_json_key(f, 0, "key");
        viz_json_hex(f, flipped->key, flipped->key_len);
        viz_json_key(f, 0, "input");
        viz_json_hex(f, flipped->in, 16);
        viz_json_key(f, 0, "output");
        viz_json_hex(f, flipped->out, 16);
        viz_json_key(f, 0, "lines");
        put_lines(f, flipped);
        viz_json_key(f, 0, "diff");
        fputc('[', f);
        for (size_t s = 0; s < r->n_steps && s < flipped->n_steps; s++)
            fprintf(f, s ? ",%u" : "%u",
                    viz_bit_distance(viz_aes_step_state(r, s), viz_aes_step_state(flipped, s), 16));
        fputs("]}", f);
    }
    fputc('}', f);
    return viz_page_end(f, "aes.js");
}
