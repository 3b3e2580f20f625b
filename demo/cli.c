/* demo/cli.c -- shared command-line helpers (see cli.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <termios.h>
#include "common/version.h"
#include "cli.h"
#include "common/ct.h"
#include "common/hex.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/x509/x509.h"

const char *cli_progname = "cryptolab";

int cli_version(const char *prog)
{
    if (strcmp(prog, "cryptolab") == 0)
        printf("cryptolab %s\n", cl_version());
    else
        printf("%s (cryptolab) %s\n", prog, cl_version());
    printf("Copyright (c) 2026, the cryptolab authors.\n"
           "License BSD-2-Clause: <https://opensource.org/licenses/BSD-2-Clause>.\n"
           "This is free software: you are free to change and redistribute it.\n"
           "There is NO WARRANTY, to the extent permitted by law.\n");
    return 0;
}

static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
    if (cmd && *cmd)
        fprintf(stderr, "%s %s: ", cli_progname, cmd);
    else
        fprintf(stderr, "%s: ", cli_progname);
    vfprintf(stderr, fmt, ap);
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cli_fail_status(const char *cmd, cl_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    fprintf(stderr, ": %s\n", cl_strerror(st));
    return 1;
}

FILE *cli_open_in(const char *cmd, const char *path)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return stdin;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        cli_fail(cmd, "cannot open %s: %s", path, strerror(errno));
    return fp;
}

void cli_close_in(FILE *fp)
{
    if (fp != NULL && fp != stdin)
        fclose(fp);
}

int cli_out_open(const char *cmd, struct cli_out *o, const char *path, mode_t mode)
{
    memset(o, 0, sizeof *o);
    o->name = path ? path : "standard output";
    unsigned flags = (mode & 077) == 0 ? CL_OUTFILE_SET_MODE : 0;
    cl_status st = cl_outfile_open(&o->file, path, mode, flags);
    if (st != CL_OK)
        return cli_fail(cmd, "cannot open %s for writing: %s", o->name,
                        cl_outfile_strerror(&o->file, st));
    o->fp = o->file.fp;
    return 0;
}

int cli_out_commit(const char *cmd, struct cli_out *o)
{
    cl_status st = cl_outfile_commit(&o->file);
    o->fp = NULL;
    if (st != CL_OK)
        return cli_fail(cmd, "cannot write %s: %s", o->name ? o->name : "output",
                        cl_outfile_strerror(&o->file, st));
    return 0;
}

void cli_out_abort(struct cli_out *o)
{
    cl_outfile_abort(&o->file);
    o->fp = NULL;
}

int cli_form_arg(const char *cmd, const char *opt, const char *value, int *der)
{
    if (strcasecmp(value, "PEM") == 0)
        *der = 0;
    else if (strcasecmp(value, "DER") == 0)
        *der = 1;
    else
        return cli_fail(cmd, "%s: unknown format \"%s\" (PEM or DER)", opt, value);
    return 0;
}

int cli_read_all(const char *cmd, const char *path, size_t max, uint8_t **data, size_t *len)
{
    FILE *fp = cli_open_in(cmd, path);
    if (fp == NULL)
        return 1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        if (n == cap) {
            if (cap >= max + 1) break;
            cap *= 2;
            uint8_t *nb = realloc(buf, cap);
            if (nb == NULL) { free(buf); buf = NULL; break; }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, fp);
        n += r;
        if (r == 0) break;
    }
    int err = buf == NULL || ferror(fp);
    cli_close_in(fp);
    if (err) {
        free(buf);
        return cli_fail(cmd, "cannot read %s", path ? path : "standard input");
    }
    if (n > max) {
        free(buf);
        return cli_fail(cmd, "%s is too large (more than %zu bytes)", path ? path : "input", max);
    }
    *data = buf;
    *len = n;
    return 0;
}

int cli_hex_arg(const char *cmd, const char *opt, const char *hex,
                uint8_t *out, size_t cap, size_t want, size_t *out_len)
{
    size_t n = 0;
    cl_status st = cl_hex_decode(hex, out, cap, &n);
    if (st == CL_ERR_OUTPUT_SPACE || (st == CL_OK && want != 0 && n != want)) {
        if (want)
            return cli_fail(cmd, "%s must be exactly %zu bytes (%zu hex digits)", opt, want, 2 * want);
        return cli_fail(cmd, "%s is too long (at most %zu bytes)", opt, cap);
    }
    if (st != CL_OK)
        return cli_fail(cmd, "invalid hex value for %s", opt);
    if (out_len)
        *out_len = n;
    return 0;
}

/* Reads line number `line` (0 = first) from fd, up to a LF or the end. */
static char *read_fd_line(int fd, unsigned line)
{
    size_t cap = 64, n = 0;
    char *buf = malloc(cap);
    unsigned at = 0;
    while (buf != NULL) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (c == '\n') {
            if (at++ == line)
                break;
            n = 0;
            continue;
        }
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                cl_wipe(buf, cap);
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        buf[n++] = c;
    }
    if (buf != NULL) {
        if (at < line) {               /* the file has fewer lines */
            cl_wipe(buf, cap);
            free(buf);
            return NULL;
        }
        buf[n] = '\0';
    }
    return buf;
}

int cli_pass_arg(const char *cmd, const char *opt, const char *arg, unsigned line, char **pw)
{
    *pw = NULL;
    if (strncmp(arg, "pass:", 5) == 0) {
        *pw = strdup(arg + 5);
    } else if (strncmp(arg, "env:", 4) == 0) {
        const char *v = getenv(arg + 4);
        if (v == NULL)
            return cli_fail(cmd, "%s: environment variable %s is not set", opt, arg + 4);
        *pw = strdup(v);
    } else if (strncmp(arg, "file:", 5) == 0) {
        int fd = open(arg + 5, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return cli_fail(cmd, "%s: cannot open %s: %s", opt, arg + 5, strerror(errno));
        *pw = read_fd_line(fd, line);
        close(fd);
        if (*pw == NULL)
            return cli_fail(cmd, "%s: cannot read a password line from %s", opt, arg + 5);
    } else if (strncmp(arg, "fd:", 3) == 0 || strcmp(arg, "stdin") == 0) {
        int fd = 0;
        if (arg[0] == 'f') {
            char *end;
            long v = strtol(arg + 3, &end, 10);
            if (arg[3] == '\0' || *end != '\0' || v < 0 || v > 65535)
                return cli_fail(cmd, "%s: invalid file descriptor in %s", opt, arg);
            fd = (int)v;
        }
        *pw = read_fd_line(fd, 0);      /* a stream: the next line is the next read */
        if (*pw == NULL)
            return cli_fail(cmd, "%s: cannot read a password from %s", opt, arg);
    } else {
        return cli_fail(cmd, "%s: invalid password argument \"%s\" (use pass:, env:, file:, fd: or stdin)",
                        opt, arg);
    }
    if (*pw == NULL)
        return cli_fail(cmd, "out of memory");
    return 0;
}

/* One line from the terminal fd with echo off; NULL on error or EOF. */
static char *tty_read_hidden(int fd, const char *prompt)
{
    struct termios old, quiet;
    int have_termios = tcgetattr(fd, &old) == 0;
    if (have_termios) {
        quiet = old;
        quiet.c_lflag &= (tcflag_t)~(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    ssize_t w = write(fd, prompt, strlen(prompt));
    (void)w;
    char *line = read_fd_line(fd, 0);
    if (have_termios)
        tcsetattr(fd, TCSAFLUSH, &old);
    w = write(fd, "\n", 1);
    (void)w;
    return line;
}

int cli_pass_prompt(const char *cmd, const char *prompt, int verify, char **pw)
{
    *pw = NULL;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char *first = tty_read_hidden(fd, prompt);
    if (first == NULL) {
        close(fd);
        return cli_fail(cmd, "cannot read a pass phrase from the terminal");
    }
    if (verify) {
        char again[256];
        snprintf(again, sizeof again, "Verifying - %s", prompt);
        char *second = tty_read_hidden(fd, again);
        int same = second != NULL && strcmp(first, second) == 0;
        cli_pass_free(second);
        if (!same) {
            close(fd);
            cli_pass_free(first);
            return cli_fail(cmd, "the two pass phrases differ (verify failure)");
        }
    }
    close(fd);
    *pw = first;
    return 0;
}

void cli_pass_free(char *pw)
{
    if (pw != NULL) {
        cl_wipe(pw, strlen(pw));
        free(pw);
    }
}

#define CLI_MAX_KEY_FILE (1u << 20)

int cli_load_rsa_key(const char *cmd, struct rsa_key *key, const char *path,
                     int want_private, const char *passin,
                     const char *not_private_hint, const char *public_fail_hint)
{
    uint8_t *data = NULL;
    size_t len = 0;
    char *pw = NULL;
    rsa_keyfile_error err;
    cl_status st;
    if (not_private_hint == NULL)
        not_private_hint = "";
    if (public_fail_hint == NULL)
        public_fail_hint = "";
    if (cli_read_all(cmd, path, CLI_MAX_KEY_FILE, &data, &len))
        return 1;
    if (passin != NULL && cli_pass_arg(cmd, "-passin", passin, 0, &pw)) {
        cl_wipe(data, len);
        free(data);
        return 1;
    }
    memset(&err, 0, sizeof err);
    if (want_private && pw == NULL && rsa_key_is_encrypted(data, len)) {
        char prompt[300];
        snprintf(prompt, sizeof prompt, "Enter pass phrase for %s:", path ? path : "standard input");
        int r = cli_pass_prompt(cmd, prompt, 0, &pw);   /* a terminal: ask, as openssl does */
        if (r != 0) {
            cl_wipe(data, len);
            free(data);
            return r < 0 ? cli_fail(cmd, "%s: the key is encrypted: give -passin", path) : 1;
        }
    }
    st = want_private ? rsa_key_load_private_ex(key, data, len, pw, NULL, &err)
                      : rsa_key_load_public_ex(key, data, len, NULL, &err);
    cl_wipe(data, len);
    free(data);
    cli_pass_free(pw);
    if (st == CL_ERR_NOT_PRIVATE)
        return cli_fail(cmd, "%s: holds a public key, not a private key%s", path,
                        not_private_hint);
    if (st != CL_OK)
        return cli_fail(cmd, "%s: %s%s", path, err.detail[0] ? err.detail : cl_strerror(st),
                        want_private ? "" : public_fail_hint);
    return 0;
}

int cli_load_csr(const char *cmd, const char *path, uint8_t **der, size_t *der_len, struct x509_csr *q)
{
    uint8_t *data = NULL;
    size_t len = 0;
    der_error e = {0};
    const char *why = NULL, *name = path ? path : "standard input";
    if (cli_read_all(cmd, path, 1u << 20, &data, &len))
        return 1;
    cl_status st = x509_csr_load(q, data, len, der, der_len, &e, &why);
    free(data);
    if (st == CL_ERR_PEM)
        return cli_fail(cmd, "%s: not a PEM certificate request: %s", name, why ? why : "malformed");
    if (st != CL_OK)
        return cli_fail(cmd, "%s: %s: %s (at offset %zu)", name, cl_strerror(st), e.reason ? e.reason : "",
                        e.offset);
    return 0;
}
