#ifndef CURSES_SHIM_H
#define CURSES_SHIM_H
// Curses attributes are macros built from NCURSES_BITS, which Swift cannot
// import; they are exposed here as functions. The header avoids including
// curses itself so that CNcursesw stays the only module that does.
unsigned int sf_attr_normal(void);
unsigned int sf_attr_bold(void);
unsigned int sf_attr_dim(void);
unsigned int sf_attr_underline(void);
unsigned int sf_attr_reverse(void);
unsigned int sf_attr_italic(void);
unsigned int sf_color_pair(int pair);
// getmaxyx is a macro.
int sf_screen_rows(void);
int sf_screen_cols(void);
// The columns curses gives a character: wcwidth(3), by the locale (Swift's Glibc
// module leaves the X/Open declaration out).
int sf_wcwidth(unsigned int scalar);
#endif
