/*
 * demo/viz/term.c -- setting up and restoring the steppers' terminal
 * (term.h).  The restore path is shared by viz_term_end(), atexit() and the
 * signal handler, and uses only write(2), tcsetattr(3) and the saved state.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "demo/viz/term.h"

static struct termios saved;
static volatile sig_atomic_t active;
static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Leave the alternate screen, show the cursor, reset colours. */
static const char leave[] = "\033[0m\033[?25h\033[?1049l";

static void restore(void)
{
    if (!active)
        return;
    active = 0;
    ssize_t w = write(STDOUT_FILENO, leave, sizeof leave - 1);
    (void)w;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
}

static void on_signal(int sig)
{
    restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

int viz_term_interactive(void)
{
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int viz_term_begin(void)
{
    static int registered;
    struct termios raw;
    if (tcgetattr(STDIN_FILENO, &saved) != 0)
        return -1;
    raw = saved;
    raw.c_lflag &= (tcflag_t)~(ICANON | ECHO);   /* keys one at a time, not echoed; ISIG stays */
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (!registered) {
        atexit(restore);
        for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(caught[i], &sa, NULL);
        }
        registered = 1;
    }
    active = 1;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) != 0) {
        active = 0;
        return -1;
    }
    fputs("\033[?1049h\033[?25l", stdout);        /* alternate screen, hide the cursor */
    fflush(stdout);
    return 0;
}

void viz_term_end(void)
{
    fflush(stdout);
    restore();
}

static int read_byte(void)
{
    unsigned char c;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n == 1)
            return c;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

int viz_term_key(void)
{
    int c = read_byte();
    if (c != 0x1b)
        return c;
    /* ESC [ C / ESC O C (arrows), ESC [ H / ESC [ F / ESC [ 1 ~ / ESC [ 4 ~ (Home, End). */
    int c1 = read_byte();
    if (c1 != '[' && c1 != 'O')
        return c1 < 0 ? -1 : 0x1b;
    int c2 = read_byte();
    switch (c2) {
    case 'A': return VIZ_KEY_UP;
    case 'B': return VIZ_KEY_DOWN;
    case 'C': return VIZ_KEY_RIGHT;
    case 'D': return VIZ_KEY_LEFT;
    case 'H': return VIZ_KEY_HOME;
    case 'F': return VIZ_KEY_END;
    case '1': case '4': case '7': case '8':
        if (read_byte() == '~')
            return (c2 == '1' || c2 == '7') ? VIZ_KEY_HOME : VIZ_KEY_END;
        return 0x1b;
    default:
        return c2 < 0 ? -1 : 0x1b;
    }
}
