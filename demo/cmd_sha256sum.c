/*
 * demo/cmd_sha256sum.c -- `cryptolab sha256sum`, a byte-for-byte
 * reimplementation of the behaviour of GNU coreutils `sha256sum` (9.1) on
 * top of cryptolab's own SHA-256.
 *
 *   cryptolab sha256sum [-b|-t] [--tag] [FILE...]           print checksums
 *   cryptolab sha256sum -c [--ignore-missing] [--quiet] [--status]
 *                          [--strict] [-w] [FILE...]         check them
 *
 * Standard output is identical to sha256sum's: "HASH  NAME" (text mode) or
 * "HASH *NAME" (-b); "-" or no FILE is standard input; a NAME containing a
 * backslash, newline or carriage return is written with \\, \n, \r and the
 * line starts with a backslash; --tag gives "SHA256 (NAME) = HASH".  In -c
 * mode: "NAME: OK", "NAME: FAILED", "NAME: FAILED open or read", the
 * WARNING lines and the exit status are those of sha256sum.
 *
 * Program name: every message sha256sum writes as "sha256sum: ..." is
 * written here as "cryptolab sha256sum: ..." (the rest of the line is the
 * same, including the shell-style quoting of odd file names), and "Try
 * 'sha256sum --help'" becomes "Try 'cryptolab sha256sum --help'".
 *
 * Memory stays flat: files are read in 64 KiB pieces and streamed through
 * sha256_update().
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>
#include "cli.h"
#include "common/ct.h"
#include "sha256/sha256.h"

#define CMD "sha256sum"
#define READ_CHUNK 65536

static const char usage_text[] =
    "usage: cryptolab sha256sum [OPTION]... [FILE]...\n"
    "Print or check SHA256 (256-bit) checksums, exactly like GNU sha256sum.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -b, --binary          read in binary mode (output marker '*')\n"
    "  -c, --check           read checksums from the FILEs and check them\n"
    "      --tag             create a BSD-style checksum\n"
    "  -t, --text            read in text mode (default)\n"
    "  -z, --zero            end each output line with NUL, not newline,\n"
    "                          and disable file name escaping\n"
    "\n"
    "The following five options are useful only when verifying checksums:\n"
    "      --ignore-missing  don't fail or report status for missing files\n"
    "      --quiet           don't print OK for each successfully verified file\n"
    "      --status          don't output anything, status code shows success\n"
    "      --strict          exit non-zero for improperly formatted checksum lines\n"
    "  -w, --warn            warn about improperly formatted checksum lines\n"
    "\n"
    "      --help            display this help and exit\n"
    "      --version         output version information and exit\n"
    "\n"
    "Output and exit status are those of coreutils sha256sum; its messages\n"
    "\"sha256sum: ...\" appear as \"cryptolab sha256sum: ...\".\n";

/* ---------------------------------------------------------------- messages */

/* gnulib quotearg "shell-escape" style with colons quoted, as coreutils'
 * quotef() prints file names in its error messages. */
static int needs_quoting(const char *s)
{
    if (*s == '\0' || *s == '~' || *s == '#')
        return 1;
    mbstate_t mb;
    memset(&mb, 0, sizeof mb);
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (iscntrl(c) || strchr(" !\"$&'()*;<=>?[\\^`|:", c) != NULL)
                return 1;
            p++;
            continue;
        }
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, strlen(p), &mb);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || !iswprint((wint_t)wc))
            return 1;
        p += n;
    }
    return 0;
}

static void put_quoted(FILE *fp, const char *s)
{
    if (!needs_quoting(s)) {
        fputs(s, fp);
        return;
    }
    int has_squote = strchr(s, '\'') != NULL, has_ctrl = 0;
    mbstate_t mb;
    memset(&mb, 0, sizeof mb);
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            has_ctrl |= iscntrl(c) != 0;
            p++;
            continue;
        }
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, strlen(p), &mb);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || !iswprint((wint_t)wc)) {
            has_ctrl = 1;
            memset(&mb, 0, sizeof mb);
            p++;
        } else {
            p += n;
        }
    }
    if (has_squote && !has_ctrl && strpbrk(s, "\"$`\\!") == NULL) {
        fprintf(fp, "\"%s\"", s);
        return;
    }
    int in_escape = 0;           /* inside a $'...' span */
    fputc('\'', fp);
    memset(&mb, 0, sizeof mb);
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t n = 1;
        int printable;
        if (c < 0x80) {
            printable = !iscntrl(c);
        } else {
            wchar_t wc;
            n = mbrtowc(&wc, p, strlen(p), &mb);
            printable = !(n == (size_t)-1 || n == (size_t)-2 || n == 0 || !iswprint((wint_t)wc));
            if (!printable) {
                memset(&mb, 0, sizeof mb);
                n = 1;
            }
        }
        if (!printable) {
            if (!in_escape)
                fputs("'$'", fp);
            in_escape = 1;
            switch (c) {
            case '\a': fputs("\\a", fp); break;
            case '\b': fputs("\\b", fp); break;
            case '\f': fputs("\\f", fp); break;
            case '\n': fputs("\\n", fp); break;
            case '\r': fputs("\\r", fp); break;
            case '\t': fputs("\\t", fp); break;
            case '\v': fputs("\\v", fp); break;
            default: fprintf(fp, "\\%03o", c); break;
            }
            p++;
            continue;
        }
        if (in_escape) {
            fputs("''", fp);
            in_escape = 0;
        }
        if (c == '\'')
            fputs("'\\''", fp);
        else
            fwrite(p, 1, n, fp);
        p += n;
    }
    fputc('\'', fp);
}

/* "cryptolab sha256sum: NAME: reason" */
static void err_name(const char *name, const char *reason)
{
    fflush(stdout);
    fprintf(stderr, "%s %s: ", cli_progname, CMD);
    put_quoted(stderr, name);
    fprintf(stderr, ": %s\n", reason);
}

static void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void err_msg(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s %s: ", cli_progname, CMD);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s %s: ", cli_progname, CMD);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s %s --help' for more information.\n", cli_progname, CMD);
    return 1;
}

/* ---------------------------------------------------------------- hashing */

/* Hashes a file ("-" = standard input).  Returns 0, or an errno value
 * (the message has not been printed). */
static int digest_file(const char *name, uint8_t md[32])
{
    static uint8_t buf[READ_CHUNK];
    int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
    if (fd < 0)
        return errno;
    sha256_ctx ctx;
    sha256_init(&ctx);
    int err = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        if (n == 0)
            break;
        sha256_update(&ctx, buf, (size_t)n);
    }
    if (fd != STDIN_FILENO)
        close(fd);
    if (err) {
        cl_wipe(&ctx, sizeof ctx);
        return err;
    }
    sha256_final(&ctx, md);
    return 0;
}

static int problematic(const char *s)
{
    return strpbrk(s, "\\\n\r") != NULL;
}

/* coreutils print_filename(): with escaping, \ -> \\, newline -> \n, CR -> \r. */
static void print_filename(const char *s, int escape)
{
    for (; *s; s++) {
        if (escape && *s == '\\')
            fputs("\\\\", stdout);
        else if (escape && *s == '\n')
            fputs("\\n", stdout);
        else if (escape && *s == '\r')
            fputs("\\r", stdout);
        else
            putchar(*s);
    }
}

/* ---------------------------------------------------------------- -c parsing */

static int bsd_reversed = -1;   /* as coreutils: -1 unknown, 0 GNU format, 1 "hash name" */

static int hex64(const char *s)
{
    for (int i = 0; i < 64; i++)
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    return s[64] == '\0';
}

/* In-place unescape of \\, \n, \r; NULL for any other escape. */
static char *filename_unescape(char *s, size_t len)
{
    char *dst = s;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\') {
            if (i + 1 >= len)
                return NULL;
            i++;
            if (s[i] == '\\')
                *dst++ = '\\';
            else if (s[i] == 'n')
                *dst++ = '\n';
            else if (s[i] == 'r')
                *dst++ = '\r';
            else
                return NULL;
        } else if (s[i] == '\0') {
            return NULL;
        } else {
            *dst++ = s[i];
        }
    }
    if (dst < s + len)
        *dst = '\0';
    return s;
}

/* "SHA256 (NAME) = HASH": s points just after "(". */
static int bsd_split(char *s, size_t len, char **hex, char **name, int escaped)
{
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i && s[i] != ')')
        i--;
    if (s[i] != ')')
        return 0;
    *name = s;
    if (escaped && filename_unescape(s, i) == NULL)
        return 0;
    s[i++] = '\0';
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    if (s[i] != '=')
        return 0;
    i++;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    *hex = s + i;
    return hex64(*hex);
}

/* coreutils split_3(): one checksum line into hex digest and file name. */
static int split_line(char *s, size_t len, char **hex, char **name)
{
    int escaped = 0;
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    if (s[i] == '\\') {
        i++;
        escaped = 1;
    }
    if (strncmp(s + i, "SHA256", 6) == 0) {
        i += 6;
        if (s[i] == ' ')
            i++;
        if (s[i] == '(') {
            i++;
            return bsd_split(s + i, len - i, hex, name, escaped);
        }
        return 0;
    }
    if (len - i < 64 + 2 + (s[i] == '\\'))
        return 0;
    *hex = s + i;
    i += 64;
    if (s[i] != ' ' && s[i] != '\t')
        return 0;
    s[i++] = '\0';
    if (!hex64(*hex))
        return 0;
    if (len - i == 1 || (s[i] != ' ' && s[i] != '*')) {
        if (bsd_reversed == 0)
            return 0;
        bsd_reversed = 1;
    } else if (bsd_reversed != 1) {
        bsd_reversed = 0;
        i++;                     /* the ' ' or '*' mode marker */
    }
    *name = s + i;
    if (escaped)
        return filename_unescape(s + i, len - i) != NULL;
    return 1;
}

struct check_opts {
    int quiet, status, strict, warn, ignore_missing;
};

static const char *plural(unsigned long n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* coreutils digest_check(): returns 1 when everything verified. */
static int check_file(const char *checkfile, const struct check_opts *o)
{
    int is_stdin = strcmp(checkfile, "-") == 0;
    const char *display = is_stdin ? "standard input" : checkfile;
    FILE *fp = is_stdin ? stdin : fopen(checkfile, "r");
    if (fp == NULL) {
        err_name(checkfile, strerror(errno));
        return 0;
    }
    unsigned long misformatted = 0, improperly = 0, mismatched = 0, unreadable = 0, line_no = 0;
    int properly = 0, matched = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    bsd_reversed = -1;
    while ((got = getline(&line, &cap, fp)) > 0) {
        size_t len = (size_t)got;
        line_no++;
        if (line[0] == '#')
            continue;
        if (line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0)
            continue;
        line[len] = '\0';
        char *hex = NULL, *name = NULL;
        if (!split_line(line, len, &hex, &name) || (is_stdin && strcmp(name, "-") == 0)) {
            misformatted++;
            if (o->warn) {
                fflush(stdout);
                fprintf(stderr, "%s %s: ", cli_progname, CMD);
                put_quoted(stderr, display);
                fprintf(stderr, ": %lu: improperly formatted SHA256 checksum line\n", line_no);
            }
            improperly++;
            continue;
        }
        uint8_t md[32];
        /* coreutils escapes here only names that would span lines */
        int escape = !o->status && strchr(name, '\n') != NULL;
        properly = 1;
        int err = digest_file(name, md);
        if (err == ENOENT && o->ignore_missing)
            continue;
        if (err) {
            err_name(name, strerror(err));
            unreadable++;
            if (!o->status) {
                if (escape)
                    putchar('\\');
                print_filename(name, escape);
                printf(": FAILED open or read\n");
            }
            continue;
        }
        char hexmd[65];
        static const char digits[] = "0123456789abcdef";
        for (int j = 0; j < 32; j++) {
            hexmd[2 * j] = digits[md[j] >> 4];
            hexmd[2 * j + 1] = digits[md[j] & 15];
        }
        int ok = 1;
        for (int j = 0; j < 64; j++)
            if (tolower((unsigned char)hex[j]) != hexmd[j])
                ok = 0;
        if (ok)
            matched = 1;
        else
            mismatched++;
        if (!o->status) {
            if (!ok || !o->quiet) {
                if (escape)
                    putchar('\\');
                print_filename(name, escape);
            }
            if (!ok)
                printf(": FAILED\n");
            else if (!o->quiet)
                printf(": OK\n");
        }
    }
    int read_error = ferror(fp);
    free(line);
    if (!is_stdin)
        fclose(fp);
    else
        clearerr(stdin);
    if (read_error) {
        err_name(display, "read error");
        return 0;
    }
    if (!properly) {
        fflush(stdout);
        fprintf(stderr, "%s %s: ", cli_progname, CMD);
        put_quoted(stderr, display);
        fprintf(stderr, ": no properly formatted checksum lines found\n");
    } else if (!o->status) {
        if (misformatted)
            err_msg("WARNING: %lu %s", misformatted,
                    plural(misformatted, "line is improperly formatted",
                           "lines are improperly formatted"));
        if (unreadable)
            err_msg("WARNING: %lu %s", unreadable,
                    plural(unreadable, "listed file could not be read",
                           "listed files could not be read"));
        if (mismatched)
            err_msg("WARNING: %lu %s", mismatched,
                    plural(mismatched, "computed checksum did NOT match",
                           "computed checksums did NOT match"));
        if (o->ignore_missing && !matched) {
            fflush(stdout);
            fprintf(stderr, "%s %s: ", cli_progname, CMD);
            put_quoted(stderr, display);
            fprintf(stderr, ": no file was verified\n");
        }
    }
    return properly && matched && mismatched == 0 && unreadable == 0 &&
           (!o->strict || improperly == 0);
}

/* ---------------------------------------------------------------- main */

enum { OPT_TAG = 256, OPT_IGNORE_MISSING, OPT_QUIET, OPT_STATUS, OPT_STRICT, OPT_HELP, OPT_VERSION };

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "binary", no_argument, NULL, 'b' },
        { "check", no_argument, NULL, 'c' },
        { "text", no_argument, NULL, 't' },
        { "warn", no_argument, NULL, 'w' },
        { "tag", no_argument, NULL, OPT_TAG },
        { "ignore-missing", no_argument, NULL, OPT_IGNORE_MISSING },
        { "quiet", no_argument, NULL, OPT_QUIET },
        { "status", no_argument, NULL, OPT_STATUS },
        { "strict", no_argument, NULL, OPT_STRICT },
        { "zero", no_argument, NULL, 'z' },
        { "help", no_argument, NULL, OPT_HELP },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    int binary = -1, check = 0, tag = 0, zero = 0, c;
    struct check_opts o = { 0, 0, 0, 0, 0 };
    setlocale(LC_CTYPE, "");        /* file-name quoting follows the locale, as sha256sum */
    optind = 0;                     /* full getopt reset (argv differs per call) */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "bctwz", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': binary = 1; break;
        case 't': binary = 0; break;
        case 'c': check = 1; break;
        case 'z': zero = 1; break;
        case 'w': o.warn = 1; o.status = 0; o.quiet = 0; break;
        case OPT_TAG: tag = 1; binary = 1; break;
        case OPT_IGNORE_MISSING: o.ignore_missing = 1; break;
        case OPT_QUIET: o.quiet = 1; o.status = 0; o.warn = 0; break;
        case OPT_STATUS: o.status = 1; o.warn = 0; o.quiet = 0; break;
        case OPT_STRICT: o.strict = 1; break;
        case OPT_HELP: fputs(usage_text, stdout); return 0;
        case OPT_VERSION: return cli_version(CMD);
        default:
            if (optopt && optopt < 256)
                return usage_error("invalid option -- '%c'", optopt);
            return usage_error("unrecognized option '%s'", argv[optind - 1]);
        }
    }
    /* the order of these checks is coreutils' (--tag implies -b) */
    if (tag && binary == 0)
        return usage_error("--tag does not support --text mode");
    if (zero && check)
        return usage_error("the --zero option is not supported when verifying checksums");
    if (check && tag)
        return usage_error("the --tag option is meaningless when verifying checksums");
    if (check && binary >= 0)
        return usage_error("the --binary and --text options are meaningless when verifying checksums");
    if (!check) {
        if (o.ignore_missing)
            return usage_error("the --ignore-missing option is meaningful only when verifying checksums");
        if (o.status)
            return usage_error("the --status option is meaningful only when verifying checksums");
        if (o.warn)
            return usage_error("the --warn option is meaningful only when verifying checksums");
        if (o.quiet)
            return usage_error("the --quiet option is meaningful only when verifying checksums");
        if (o.strict)
            return usage_error("the --strict option is meaningful only when verifying checksums");
    }

    static char dash[] = "-";
    char *stdin_only[] = { dash };
    char **files = argv + optind;
    int nfiles = argc - optind;
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    int ok = 1;
    for (int i = 0; i < nfiles; i++) {
        const char *name = files[i];
        if (check) {
            ok &= check_file(name, &o);
            continue;
        }
        uint8_t md[32];
        int err = digest_file(name, md);
        if (err) {
            err_name(name, strerror(err));
            ok = 0;
            continue;
        }
        int escape = !zero && problematic(name);   /* -z: names as they are */
        if (escape)
            putchar('\\');
        if (tag) {
            fputs("SHA256 (", stdout);
            print_filename(name, escape);
            fputs(") = ", stdout);
            for (int j = 0; j < 32; j++)
                printf("%02x", md[j]);
        } else {
            for (int j = 0; j < 32; j++)
                printf("%02x", md[j]);
            putchar(' ');
            putchar(binary == 1 ? '*' : ' ');
            print_filename(name, escape);
        }
        putchar(zero ? '\0' : '\n');
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        err_msg("write error: %s", strerror(errno));
        return 1;
    }
    return ok ? 0 : 1;
}

const struct cl_command cmd_sha256sum = {
    "sha256sum", "print or check SHA-256 checksums (like coreutils sha256sum)", run
};
