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
static inline int im_key_resize(void) { return KEY_RESIZE; }
static inline int im_key_mouse(void) { return KEY_MOUSE; }
#endif
