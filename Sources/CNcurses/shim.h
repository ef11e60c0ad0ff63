#ifndef INFERMATRIX_CNCURSES_SHIM_H
#define INFERMATRIX_CNCURSES_SHIM_H
// Wide-character ncurses (cchar_t, setcchar, wadd_wch, get_wch).
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/ncurses.h>

// ncurses globals are mutable C state; Swift 6 strict concurrency rejects reading them directly.
static inline int im_lines(void) { return LINES; }
static inline int im_cols(void) { return COLS; }
static inline int im_colors(void) { return COLORS; }
static inline int im_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *im_stdscr(void) { return stdscr; }
static inline WINDOW *im_curscr(void) { return curscr; }
static inline int im_key_resize(void) { return KEY_RESIZE; }
static inline int im_key_mouse(void) { return KEY_MOUSE; }
// Attribute and mouse masks are computed macros that Swift cannot import.
static inline attr_t im_a_bold(void) { return A_BOLD; }
static inline attr_t im_a_reverse(void) { return A_REVERSE; }
static inline attr_t im_a_underline(void) { return A_UNDERLINE; }
static inline attr_t im_a_dim(void) { return A_DIM; }
static inline attr_t im_a_normal(void) { return A_NORMAL; }
static inline int im_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t im_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int im_mouse_is_click(mmask_t state) { return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int im_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int im_mouse_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }
// The terminal's real size (after SIGWINCH), from the tty.
#include <sys/ioctl.h>
#include <unistd.h>
static inline int im_tty_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0) return -1;
    *rows = size.ws_row; *cols = size.ws_col; return 0;
}
// The locale's character set ("UTF-8" in a UTF-8 locale).
#include <langinfo.h>
static inline const char *im_codeset(void) { return nl_langinfo(CODESET); }
#endif
