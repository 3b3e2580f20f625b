/*
 * demo/cli.h -- small helpers shared by the command-line programs.
 *
 * The programs hold no cryptography: they parse options, read and write
 * files and call the library.  These helpers keep their error messages and
 * file handling uniform:
 *   - every error is one line on stderr, "cryptolab CMD: message", exit 1;
 *   - output files go through common/outfile.h: a regular file is written to
 *     a temporary name renamed into place only on success, so a failed run
 *     never leaves a file claiming success; devices, FIFOs, terminals and
 *     symlinks are written to, never replaced.
 */
#ifndef CRYPTOLAB_DEMO_CLI_H
#define CRYPTOLAB_DEMO_CLI_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "common/status.h"
#include "common/outfile.h"

struct cl_command {
    const char *name;      /* "enc", "aes-trace", ... */
    const char *summary;   /* one line for `cryptolab help` */
    int (*run)(int argc, char **argv);   /* argv[0] is the command name */
};

/* The program name used in messages ("cryptolab" or "cryptolab-server"). */
extern const char *cli_progname;

/* --version, in the GNU format (first line "PROG (cryptolab) VERSION", or
 * "cryptolab VERSION"; then copyright and licence) on stdout; returns 0. */
int cli_version(const char *prog);

/* Prints "PROG CMD: <formatted message>\n" to stderr; returns 1 (the exit status). */
int cli_fail(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Same, with ": <cl_strerror(st)>" appended. */
int cli_fail_status(const char *cmd, cl_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Opens an input file; NULL or "-" means stdin.  Returns NULL (and prints
 * "PROG CMD: cannot open PATH: reason") on failure. */
FILE *cli_open_in(const char *cmd, const char *path);
void cli_close_in(FILE *fp);

/* An output file, written by the rules of common/outfile.h: a new path or an
 * existing regular file through a temporary renamed into place on commit
 * (symlinks followed, the temporary in the target's directory); a device,
 * terminal, FIFO or socket, and "-" / NULL / /dev/stdout, written directly
 * (never replaced, never truncated). */
struct cli_out {
    FILE *fp;                 /* write here */
    struct cl_outfile file;
    const char *name;         /* the path as given (for messages) */
};

/* path NULL or "-" means stdout.  mode is the mode of a new file (0644
 * normally).  A mode without group/other bits (0600: private keys,
 * decrypted data) marks a secret: it is then set exactly, also on an
 * existing file (CL_OUTFILE_SET_MODE).  Returns 0 on success, 1 after
 * printing "PROG CMD: cannot open PATH for writing: reason". */
int cli_out_open(const char *cmd, struct cli_out *o, const char *path, mode_t mode);
/* Flushes and puts the output in place; returns 0, or 1 after printing an
 * error (nothing is left behind then). */
int cli_out_commit(const char *cmd, struct cli_out *o);
/* Drops the output: a temporary is removed (nothing is left behind). */
void cli_out_abort(struct cli_out *o);

/* -inform / -outform: "PEM" (*der = 0) or "DER" (*der = 1), any case.
 * Returns 0, or 1 after printing an error. */
int cli_form_arg(const char *cmd, const char *opt, const char *value, int *der);

/* Reads a whole file (NULL/"-" = stdin) into a malloc'ed buffer, at most
 * max bytes.  Returns 0, or 1 after printing an error. */
int cli_read_all(const char *cmd, const char *path, size_t max, uint8_t **data, size_t *len);

/* Decodes a hex argument of exactly want bytes (want == 0: any length up
 * to cap).  Returns 0, or 1 after printing "invalid hex value for OPT". */
int cli_hex_arg(const char *cmd, const char *opt, const char *hex,
                uint8_t *out, size_t cap, size_t want, size_t *out_len);

/* Pass phrase arguments, as OpenSSL's -passin/-passout
 * (openssl-passphrase-options(1)):
 *   pass:PASSWORD   the password itself (visible to `ps`: labs only)
 *   env:VAR         the value of the environment variable VAR
 *   file:PATHNAME   the first line of the file
 *   fd:NUMBER       the first line read from file descriptor NUMBER
 *   stdin           the first line of standard input
 * The line ends at the first LF (a LF is not part of the password).
 * `line` selects the line (0 first): OpenSSL reads the second line for
 * -passout when -passin names the same file.  *pw is malloc'ed; release it
 * with cli_pass_free() (which wipes it).  Returns 0, or 1 after printing an
 * error. */
int cli_pass_arg(const char *cmd, const char *opt, const char *arg, unsigned line, char **pw);
void cli_pass_free(char *pw);

/* The pass phrase from the terminal, where openssl asks for one because no
 * -passin/-passout was given: prompt on /dev/tty, echo off, one line; with
 * verify, asked a second time ("Verifying - PROMPT") and compared.  Returns
 * 0 with *pw set (release with cli_pass_free), 1 after printing an error
 * line, -1 (nothing printed) when there is no terminal: the caller then
 * says which option to give. */
int cli_pass_prompt(const char *cmd, const char *prompt, int verify, char **pw);

struct rsa_key;

/* Loads an RSA key file (PEM or DER, any format rsa/rsa_keyfile.h reads) for
 * a command: a private key when want_private, else a public key (a private
 * key file then yields its public part).  passin is an OpenSSL-style
 * password source (NULL: none).  not_private_hint is appended to the error
 * line when a public key is given where a private one is needed (e.g.
 * " (use -pubin for a public key)"), public_fail_hint when a public key does
 * not load; either may be NULL.
 * Returns 0, or 1 after printing one error line.  The file's bytes and the
 * password are wiped after use. */
int cli_load_rsa_key(const char *cmd, struct rsa_key *key, const char *path,
                     int want_private, const char *passin,
                     const char *not_private_hint, const char *public_fail_hint);

struct x509_csr;

/* Reads a certificate request file (PEM "CERTIFICATE REQUEST" or DER;
 * NULL/"-" = stdin) for a command: *der is malloc'ed (free it after *q,
 * which points into it).  Returns 0, or 1 after printing one error line. */
int cli_load_csr(const char *cmd, const char *path, uint8_t **der, size_t *der_len, struct x509_csr *q);

#endif
