/*
 * demo/viz/sha256_page.c -- the SHA-256 step viewer page (`cryptolab
 * sha256-trace --html FILE MESSAGE`): one recorded computation
 * (sha256_run.h) as window.VIZ, drawn by demo/viz/assets/sha256.js.
 *
 * VIZ = { kind: "sha256", text: "abc" | null, message: hex, bits, H0: [8 words],
 *         blocks: [{M: [16], W: [64], v: [[8] x 64], H: [8]}, ...], digest: hex,
 *         flip: null | {bit, message, blocks, digest, diff: [bits per step]} }
 */
#include <ctype.h>
#include "demo/viz/pages.h"
#include "demo/viz/page.h"

static void put_blocks(FILE *f, const struct viz_sha_run *r)
{
    fputc('[', f);
    for (size_t i = 0; i < r->n_blocks; i++) {
        const struct viz_sha_block *b = &r->blk[i];
        fputs(i ? ",{" : "{", f);
        viz_json_key(f, 1, "M");
        viz_json_words(f, b->M, 16);
        viz_json_key(f, 0, "W");
        viz_json_words(f, b->W, 64);
        viz_json_key(f, 0, "v");
        fputc('[', f);
        for (int t = 0; t < 64; t++) {
            if (t)
                fputc(',', f);
            viz_json_words(f, b->v[t], 8);
        }
        fputc(']', f);
        viz_json_key(f, 0, "H");
        viz_json_words(f, b->H, 8);
        fputc('}', f);
    }
    fputc(']', f);
}

static int printable(const uint8_t *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isprint(m[i]))
            return 0;
    return 1;
}

int viz_sha256_page(FILE *f, const struct viz_sha_run *r, const struct viz_sha_run *flipped, unsigned flip_bit)
{
    viz_page_begin(f, "SHA-256, round by round (FIPS 180-4 §6.2)",
                   flipped ? "The working variables after every round, beside a message with one bit flipped."
                           : "The padded block, the message schedule and the working variables after every round.");
    fputc('{', f);
    viz_json_key(f, 1, "kind");
    viz_json_str(f, "sha256");
    viz_json_key(f, 0, "text");
    if (printable(r->msg, r->len))
        viz_json_strn(f, (const char *)r->msg, r->len);
    else
        fputs("null", f);
    viz_json_key(f, 0, "message");
    viz_json_hex(f, r->msg, r->len);
    viz_json_key(f, 0, "bits");
    fprintf(f, "%zu", 8 * r->len);
    viz_json_key(f, 0, "H0");
    viz_json_words(f, r->H0, 8);
    viz_json_key(f, 0, "blocks");
    put_blocks(f, r);
    viz_json_key(f, 0, "digest");
    viz_json_hex(f, r->digest, SHA256_DIGEST_SIZE);
    viz_json_key(f, 0, "flip");
    if (flipped == NULL) {
        fputs("null", f);
    } else {
        fputc('{', f);
        viz_json_key(f, 1, "bit");
        fprintf(f, "%u", flip_bit);
        viz_json_key(f, 0, "message");
        viz_json_hex(f, flipped->msg, flipped->len);
        viz_json_key(f, 0, "blocks");
        put_blocks(f, flipped);
        viz_json_key(f, 0, "digest");
        viz_json_hex(f, flipped->digest, SHA256_DIGEST_SIZE);
        viz_json_key(f, 0, "diff");
        fputc('[', f);
        size_t n = r->n_blocks * VIZ_SHA_STEPS_PER_BLOCK;
        for (size_t s = 0; s < n; s++)
            fprintf(f, s ? ",%u" : "%u",
                    viz_word_distance(viz_sha256_step_regs(r, s), viz_sha256_step_regs(flipped, s), 8));
        fputs("]}", f);
    }
    fputc('}', f);
    return viz_page_end(f, "sha256.js");
}
