/*
 * demo/cmd_ecb_picture.c -- `cryptolab ecb-picture --html FILE [-K HEX]
 * [-iv HEX] [--mode cbc|ctr]`: ECB versus CBC (or CTR), seen.
 *
 * Draws a logo with large flat areas (demo/viz/picture.c), encrypts its
 * pixels -- one byte each, row by row -- with AES-128-ECB and with
 * AES-128-CBC (or CTR) under the same key (SP 800-38A through aes/aes_modes.h,
 * no padding: the picture is a whole number of blocks), and writes a
 * self-contained page with the three pictures side by side and the number
 * of repeated ciphertext blocks of each (demo/viz/picture_page.c).
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "common/hex.h"
#include "common/random.h"
#include "demo/viz/pages.h"

#define CMD "ecb-picture"
#define NPIX ((size_t)VIZ_PIC_W * VIZ_PIC_H)

static const char usage[] =
    "usage: cryptolab ecb-picture --html FILE [-K HEX] [-iv HEX] [--mode cbc|ctr]\n"
    "Draws a picture with large flat areas (a padlock and the word CRYPTOLAB,\n"
    "256 x 160 pixels, one byte per pixel), encrypts its pixels with\n"
    "AES-128-ECB and with AES-128-CBC (or CTR) under the same key, and writes a\n"
    "self-contained HTML page with the three pictures side by side: ECB keeps\n"
    "the outline (equal blocks give equal ciphertext), CBC and CTR do not.\n"
    "  --html FILE      the page to write\n"
    "  -K HEX           the AES-128 key, 32 hex digits (default: random)\n"
    "  -iv HEX          the CBC IV or the CTR initial counter block (default: random)\n"
    "  --mode cbc|ctr   the mode shown beside ECB (default cbc)\n"
    "The key and IV are printed, and the number of 16-byte blocks of each\n"
    "picture that repeat an earlier block.\n";

static cl_status encrypt(aes_mode mode, const uint8_t key[16], const uint8_t iv[16], const uint8_t *in,
                         uint8_t *out)
{
    aes_mode_ctx ctx;
    size_t n = 0, m = 0;
    cl_status st = aes_mode_init(&ctx, mode, 1, key, 16, mode == AES_MODE_ECB ? NULL : iv,
                                 mode == AES_MODE_ECB ? 0 : 16, 0);
    if (st == CL_OK)
        st = aes_mode_update(&ctx, in, NPIX, out, NPIX + 16, &n);
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + n, NPIX + 16 - n, &m);
    aes_mode_clear(&ctx);
    if (st == CL_OK && n + m != NPIX)
        st = CL_ERR_INPUT_LENGTH;
    return st;
}

static uint8_t pic[NPIX], ecb[NPIX + 16], other[NPIX + 16];

static int run(int argc, char **argv)
{
    const char *html = NULL, *key_hex = NULL, *iv_hex = NULL, *mode = "cbc";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (strcmp(a, "--html") != 0 && strcmp(a, "-K") != 0 && strcmp(a, "-iv") != 0 && strcmp(a, "--mode") != 0)
            return cli_fail(CMD, "unknown option '%s' (see --help)", a);
        if (i + 1 >= argc)
            return cli_fail(CMD, "option %s needs a value", a);
        const char *v = argv[++i];
        if (a[1] == 'K')
            key_hex = v;
        else if (a[1] == 'i')
            iv_hex = v;
        else if (a[2] == 'h')
            html = v;
        else
            mode = v;
    }
    if (html == NULL)
        return cli_fail(CMD, "give --html FILE (the page to write)");
    if (strcmp(mode, "cbc") != 0 && strcmp(mode, "ctr") != 0)
        return cli_fail(CMD, "--mode: cbc or ctr");
    uint8_t key[16], iv[16];
    if (key_hex ? cli_hex_arg(CMD, "-K", key_hex, key, sizeof key, 16, NULL) != 0
                : cl_random_bytes(key, sizeof key) != CL_OK)
        return key_hex ? 1 : cli_fail(CMD, "no random bytes for the key");
    if (iv_hex ? cli_hex_arg(CMD, "-iv", iv_hex, iv, sizeof iv, 16, NULL) != 0
               : cl_random_bytes(iv, sizeof iv) != CL_OK) {
        cl_wipe(key, sizeof key);
        return iv_hex ? 1 : cli_fail(CMD, "no random bytes for the IV");
    }
    viz_picture_draw(pic);
    cl_status st = encrypt(AES_MODE_ECB, key, iv, pic, ecb);
    if (st == CL_OK)
        st = encrypt(mode[1] == 't' ? AES_MODE_CTR : AES_MODE_CBC, key, iv, pic, other);
    int rc = 0;
    if (st != CL_OK) {
        rc = cli_fail_status(CMD, st, "encryption failed");
    } else {
        char kh[33], ih[33];
        cl_hex_encode(key, 16, kh);
        cl_hex_encode(iv, 16, ih);
        printf("key %s iv %s\n", kh, ih);
        printf("repeated 16-byte blocks of %zu: picture %zu, ECB %zu, %s %zu\n", NPIX / 16,
               viz_repeated_blocks(pic, NPIX), viz_repeated_blocks(ecb, NPIX), mode,
               viz_repeated_blocks(other, NPIX));
        struct cli_out o;
        if (cli_out_open(CMD, &o, html, 0644)) {
            rc = 1;
        } else if (viz_picture_page(o.fp, pic, ecb, other, mode, key, iv) != 0 || ferror(o.fp)) {
            cli_out_abort(&o);
            rc = cli_fail(CMD, "cannot write %s", html);
        } else {
            rc = cli_out_commit(CMD, &o);
        }
    }
    cl_wipe(key, sizeof key);
    cl_wipe(iv, sizeof iv);
    return rc;
}

const struct cl_command cmd_ecb_picture = {
    "ecb-picture", "ECB versus CBC/CTR seen: encrypt a picture's pixels, write a page with the three", run
};
