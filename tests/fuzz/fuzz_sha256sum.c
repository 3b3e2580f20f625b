/*
 * tests/fuzz/fuzz_sha256sum.c -- the checksum-line parser of
 * `cryptolab sha256sum -c` (demo/cmd_sha256sum.c, included here so that its
 * static split_line() is reached without opening the files a line names).
 * Each input line goes through the same steps as check_file(): '#' lines
 * skipped, LF and CR removed, then split_line().  Property: an accepted
 * line yields 64 hex digits and a file name, both inside the line.
 * Lines are copied into exact-size buffers so that ASan sees any read past
 * their end.
 */
#include "tests/fuzz/fuzz.h"
#include "demo/cmd_sha256sum.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bsd_reversed = -1;                         /* per file, as check_file() */
    size_t i = 0;
    while (i < size) {
        size_t e = i;
        while (e < size && data[e] != '\n') e++;
        size_t len = e - i;
        const uint8_t *l = data + i;
        i = e + 1;
        if (len > 0 && l[0] == '#') continue;
        if (len > 0 && l[len - 1] == '\r') len--;
        if (len == 0) continue;
        char *s = malloc(len + 1);
        if (s == NULL) return 0;
        memcpy(s, l, len);
        s[len] = '\0';
        char *hex = NULL, *name = NULL;
        if (split_line(s, len, &hex, &name)) {
            FUZZ_CHECK(hex >= s && hex + 64 <= s + len && name >= s && name <= s + len);
            for (int j = 0; j < 64; j++) FUZZ_CHECK(isxdigit((unsigned char)hex[j]));
            (void)strlen(name);
        }
        free(s);
    }
    return 0;
}
