/*
 * demo/viz/pages.h -- the viewer pages, one writer per page (one file each:
 * aes_page.c, sha256_page.c, rsa_page.c, picture_page.c).  Each writes a
 * complete self-contained HTML document to f (page.h) and returns 0, or -1
 * if a compiled-in asset is missing.  The caller owns the file (it goes
 * through demo/cli.h's cli_out_*, the project's safe-output path).
 */
#ifndef CRYPTOLAB_DEMO_VIZ_PAGES_H
#define CRYPTOLAB_DEMO_VIZ_PAGES_H

#include <stdio.h>
#include "demo/viz/aes_run.h"
#include "demo/viz/sha256_run.h"
#include "demo/viz/picture.h"

/* AES: one run; with flipped != NULL also the run with bit flip_bit of the
 * plaintext (flip_what "plaintext") or of the key ("key") flipped, and the
 * number of differing state bits after every step. */
int viz_aes_page(FILE *f, const struct viz_aes_run *run, const struct viz_aes_run *flipped,
                 const char *flip_what, unsigned flip_bit);

/* SHA-256: one message; with flipped != NULL also the message with bit
 * flip_bit flipped, and the number of differing bits of a..h per step. */
int viz_sha256_page(FILE *f, const struct viz_sha_run *run, const struct viz_sha_run *flipped,
                    unsigned flip_bit);

/* RSA padding: named intermediate values (one step each) and the layouts of
 * the encoded blocks they belong to.  marks: space-separated "LAYOUT:PART"
 * (or "LAYOUT" for the whole block) that the value is; from: the names of
 * the values it is computed from (e.g. "DB dbMask" for maskedDB). */
struct viz_rsa_part {
    const char *name;
    size_t len;
};
struct viz_rsa_layout {
    const char *name;                   /* "EM", "DB", "M'" */
    const struct viz_rsa_part *parts;
    size_t n;
};
struct viz_rsa_value {
    const char *name;                   /* oaep-int.txt's name: "maskedDB" */
    const char *formula;                /* "maskedDB = DB xor dbMask" */
    const char *step;                   /* "RFC 8017 7.1.1 step 2.f" */
    const uint8_t *b;
    size_t n;
    const char *marks, *from;
};
int viz_rsa_page(FILE *f, const char *title, const char *scheme, const char *hash, const char *intro,
                 const struct viz_rsa_layout *lay, size_t n_lay,
                 const struct viz_rsa_value *v, size_t n);

/* ECB versus CBC/CTR: the picture (picture.h) and its two encryptions
 * (VIZ_PIC_W * VIZ_PIC_H bytes each); mode2 is "cbc" or "ctr". */
int viz_picture_page(FILE *f, const uint8_t *orig, const uint8_t *ecb, const uint8_t *other,
                     const char *mode2, const uint8_t key[16], const uint8_t iv[16]);

#endif
