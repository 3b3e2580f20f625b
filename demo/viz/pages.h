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

/* AES: one run; with flipped != NULL also the run with bit flip_bit of the
 * plaintext (flip_what "plaintext") or of the key ("key") flipped, and the
 * number of differing state bits after every step. */
int viz_aes_page(FILE *f, const struct viz_aes_run *run, const struct viz_aes_run *flipped,
                 const char *flip_what, unsigned flip_bit);

#endif
