/*
 * demo/viz/aes_run.h -- one AES block as the viewers show it: the lines the
 * library's trace hook reports (aes_set_trace: the FIPS-197 Appendix C
 * lines), the key expansion (aes_trace_key_expansion: Appendix A's
 * columns), and the same lines grouped into viewer steps.
 *
 * A step is one transformation of the state.  An AddRoundKey step joins the
 * round-key line (k_sch / ik_sch) with the line after it, which is the state
 * the key was added into (start, output, ik_add, ioutput), so that the
 * viewer shows the key and its result together:
 *   Cipher:    input | k_sch(0)+start(1) | s_box | s_row | m_col | k_sch(1)+start(2) | ...
 *              ... | s_box | s_row | k_sch(Nr)+output
 *   InvCipher: iinput | ik_sch(0)+istart(1) | is_row | is_box | ik_sch(1)+ik_add(1)
 *              | istart(2) (InvMixColumns) | ... | ik_sch(Nr)+ioutput
 * Used by the HTML page (aes_page.c) and the terminal stepper (cmd_aes_step.c).
 */
#ifndef CRYPTOLAB_DEMO_VIZ_AES_RUN_H
#define CRYPTOLAB_DEMO_VIZ_AES_RUN_H

#include <stddef.h>
#include <stdint.h>
#include "aes/aes.h"

#define VIZ_AES_MAX_LINES (4 + 6 * AES_MAX_NR)
#define VIZ_AES_MAX_STEPS VIZ_AES_MAX_LINES

struct viz_aes_line {
    int round;              /* Appendix C round number */
    char label[8];          /* "s_box", "ik_sch", ... */
    uint8_t b[16];          /* the state (or the round key for k_sch lines), column by column */
};

struct viz_aes_step {
    int key_line;           /* index of the k_sch line, or -1 */
    int line;               /* index of the state line */
    int key_round;          /* round key used (w[4*key_round ..]), or -1 */
    const char *op;         /* "SubBytes", "AddRoundKey", ... */
    const char *sec;        /* "5.1.1" (FIPS-197 section) */
};

struct viz_aes_run {
    int Nk, Nr, decrypt;
    size_t key_len;
    uint8_t key[32], in[16], out[16];
    size_t n_lines, n_steps, n_kx;
    struct viz_aes_line line[VIZ_AES_MAX_LINES];
    struct viz_aes_step step[VIZ_AES_MAX_STEPS];
    aes_kx_step kx[AES_MAX_WORDS];
};

/* Runs Cipher (or InvCipher when decrypt) on in with the traced spec code and
 * fills run.  Returns CL_OK or the library's status (bad key length...). */
cl_status viz_aes_record(struct viz_aes_run *run, const uint8_t *key, size_t key_len,
                         const uint8_t in[16], int decrypt);

/* The Appendix C name of line i: "round[ 1].s_box" (buf of 24 bytes). */
const char *viz_aes_line_name(const struct viz_aes_line *l, char buf[24]);

/* The state shown at step s (the state line's bytes). */
const uint8_t *viz_aes_step_state(const struct viz_aes_run *run, size_t s);

/* One line on what the operation does ("Row r is rotated left by r bytes..."). */
const char *viz_aes_op_desc(const char *op);

/* Wipes the run (it holds key material). */
void viz_aes_clear(struct viz_aes_run *run);

#endif
