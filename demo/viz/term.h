/*
 * demo/viz/term.h -- the full-screen terminal of the steppers
 * (`cryptolab aes-step`, `sha256-step`).
 *
 * viz_term_begin() switches the terminal to the alternate screen with the
 * cursor hidden and the line discipline in "cbreak" mode (keys arrive one at
 * a time, no echo; Ctrl-C still raises SIGINT).  Everything is undone by
 * viz_term_end(), at exit (atexit), and on SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT: the handler restores the saved termios and the screen with
 * async-signal-safe calls, then re-raises the signal with its default action.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_TERM_H
#define CRYPTOLAB_DEMO_VIZ_TERM_H

/* 1 if standard input and output are both terminals (the steppers then run
 * full-screen; otherwise they print every step as plain text). */
int viz_term_interactive(void);

/* Returns 0, or -1 if the terminal could not be set up. */
int viz_term_begin(void);
void viz_term_end(void);

/* Keys: a byte, or one of these for the arrow/Home/End sequences.  -1 at
 * end of input. */
enum { VIZ_KEY_LEFT = 1000, VIZ_KEY_RIGHT, VIZ_KEY_UP, VIZ_KEY_DOWN, VIZ_KEY_HOME, VIZ_KEY_END };
int viz_term_key(void);

/* Escape sequences for drawing (empty strings when colour is off). */
#define VIZ_CLEAR   "\033[H\033[2J"
#define VIZ_BOLD    "\033[1m"
#define VIZ_CHANGED "\033[1;30;43m"   /* changed byte: black on yellow */
#define VIZ_DIFFERS "\033[4;35m"      /* differs from the other run: magenta, underlined */
#define VIZ_DIM     "\033[2m"
#define VIZ_RESET   "\033[0m"

#endif
