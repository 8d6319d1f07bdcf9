// The only place curses is included. pkg-config's -D_XOPEN_SOURCE flags are
// dropped by SwiftPM, so the wide-character API is switched on here instead.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
