/* sizes.h: every dwSize a Windows version gives each RAS struct, for the
 * A and W forms and the caller's bitness. Old binaries send old sizes, so
 * the bridge accepts each one exactly (anything else is 632,
 * ERROR_INVALID_SIZE) and touches only the fields that size covers.
 * Versions are WINVER numbers (0x400 NT4, 0x401 NT4 enhancements, 0x500
 * Windows 2000, 0x501 XP, 0x600 Vista, 0x601 7, 0x602 8, 0xA00 10; 0x350
 * the NT 3.5 RASPPPIP). Neutral: <stdint.h> types only. */
#ifndef RAS_WINE_SIZES_H
#define RAS_WINE_SIZES_H

#include <stdint.h>

#include "layout.h"

/* The bitness the table answers for: the caller's, which is this build's
 * (a Winelib DLL runs inside the program's process). */
#define WL_WIN64 (sizeof(void *) == 8)

/* The version whose size in this form is exactly size, or -1. */
int wl_size_version(enum wl_struct s, enum wl_form f, uint32_t size);

/* The size of a version of a struct in a form, or 0 if it has no such
 * version. */
uint32_t wl_size_of(enum wl_struct s, enum wl_form f, int version);

/* The newest version of a struct (the whole field list), and the i-th
 * oldest (0-based) or -1: for tests and for callers with no struct. */
int wl_size_newest(enum wl_struct s);
int wl_size_version_at(enum wl_struct s, int i);

/* The struct whose field list a version of s has: s itself, or its NT 3.5
 * layout (WL_*351) for version 0x351. */
enum wl_struct wl_size_layout(enum wl_struct s, int version);

/* The A size libras is given for a caller's version of s. */
uint32_t wl_size_for_libras(enum wl_struct s, int version);

#endif
