// wcwidth(3) is declared for X/Open programs.
#define _XOPEN_SOURCE 600
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include "CursesShim.h"

unsigned int sf_attr_normal(void) { return A_NORMAL; }
unsigned int sf_attr_bold(void) { return A_BOLD; }
unsigned int sf_attr_dim(void) { return A_DIM; }
unsigned int sf_attr_underline(void) { return A_UNDERLINE; }
unsigned int sf_attr_reverse(void) { return A_REVERSE; }
unsigned int sf_attr_italic(void) { return A_ITALIC; }
unsigned int sf_color_pair(int pair) { return COLOR_PAIR(pair); }
int sf_screen_rows(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
int sf_screen_cols(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
int sf_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
