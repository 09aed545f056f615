/* win_bridge.h: what the Wine-side files (win_*.c) share. They include
 * Wine's headers and talk to libras only through seam.h. Strings cross
 * into the bridge in the caller's form (W: UTF-16; A: the process's ANSI
 * code page, CP_ACP) and are converted through UTF-16 to UTF-8 with Wine's
 * own conversions, never glibc's wchar_t functions (WCHAR is 2 bytes here,
 * wchar_t 4). Every allocation is Wine's HeapAlloc, freed before the
 * exported function returns. */
#ifndef RAS_WINE_WIN_BRIDGE_H
#define RAS_WINE_WIN_BRIDGE_H

#include <stdarg.h>
#include <stddef.h>

#include <windef.h>
#include <winbase.h>

#include "fields.h"
#include "layout.h"
#include "sizes.h"

/* Win32 codes the bridge returns itself (raserror.h stays on the seam's
 * side). */
#define WB_ERROR_BUFFER_TOO_SMALL 603
#define WB_ERROR_CANNOT_OPEN_PHONEBOOK 621
#define WB_ERROR_INVALID_SIZE 632
#define WB_ERROR_CANNOT_FIND_PHONEBOOK_ENTRY 623
#define WB_ERROR_INVALID_FUNCTION_FOR_ENTRY 780

/* Characters in an entry name array (RAS_MaxEntryName + 1). */
#define WB_ENTRY_CHARS 257

/* ---- win_text.c: strings in the caller's form <-> UTF-8 ---- */

/* A NUL-terminated string in form f as UTF-8, in a HeapAlloc'd block
 * (HeapFree it); NULL in gives NULL out and 0. 87 for a string that is
 * not valid in its form, 8 when memory runs out. */
DWORD win_str_to_utf8(enum wl_form f, const void *s, char **out);

/* The same into a fixed array of cap bytes; a string of form f that has
 * no NUL within src_cap characters, or whose UTF-8 does not fit, is 87.
 * Nothing is written unless it fits. */
DWORD win_str_to_utf8_buf(enum wl_form f, const void *src, size_t src_cap, char *dst,
                          size_t cap);

/* UTF-8 into a caller's array of cap characters of form f (A: CP_ACP,
 * with the code page's default character for what it cannot show).
 * ERROR_INSUFFICIENT_BUFFER (122) when it does not fit, with nothing
 * written; *needed (may be NULL) gets the characters it takes, NUL
 * included. */
DWORD win_str_from_utf8(enum wl_form f, const char *u, void *dst, size_t cap,
                        size_t *needed);

/* Lists of strings, each ended by a NUL and the list by an empty one (the
 * alternate numbers after a RASENTRY). From form f, ending within max
 * bytes (else 87), to UTF-8 in a HeapAlloc'd block of *len bytes: */
DWORD win_multi_to_utf8(enum wl_form f, const void *src, size_t max, char **out, DWORD *len);
/* and back into dst, cap bytes; dst NULL only sizes it. *need (may be
 * NULL) gets the bytes it takes; 122 when they do not fit. */
DWORD win_multi_from_utf8(enum wl_form f, const char *u, DWORD len, void *dst, size_t cap,
                          size_t *need);

/* Wipes n bytes (a password) through the seam's wipe. */
void win_wipe(void *p, size_t n);

/* ---- win_path.c: phonebook paths ---- */

/* A phonebook path of form f (a DOS path: C:\..., Z:\...) as the Unix
 * path libras opens, HeapAlloc'd; NULL or "" gives NULL (the Linux user's
 * default phonebook, the one rasphone lists). 621 when Wine cannot map it. */
DWORD win_pbk_path(enum wl_form f, const void *pbk, char **out);

/* A Unix path written into a caller's array of cap characters of form f,
 * as the DOS path the program would use. */
DWORD win_dos_path(enum wl_form f, const char *unix_path, void *dst, size_t cap);

/* ---- win_struct.c: structs in the caller's form <-> libras's ---- */

/* The struct of size bytes (a size of form f that sizes.c knows) from u,
 * the newest A layout with UTF-8 strings, into dst: the fields that size
 * covers, the rest of dst zeroed, dwSize set. */
DWORD win_struct_from_u(enum wl_struct s, const void *u, enum wl_form f, void *dst,
                        DWORD size);

/* The reverse: the fields a caller's struct of form f and size bytes
 * covers into u (the newest A layout, zeroed first), dwSize left as the
 * caller's version in the A form. */
DWORD win_struct_to_u(enum wl_struct s, enum wl_form f, const void *src, DWORD size, void *u);

/* The same for a struct the call mostly fills in: a string field that
 * does not convert (output fields may hold anything) becomes "", the
 * call's own checks on the fields it reads deciding the rest. */
DWORD win_struct_to_u_inputs(enum wl_struct s, enum wl_form f, const void *src, DWORD size,
                             void *u);

/* A struct followed by its alternate numbers (RASENTRY, RASSUBENTRY):
 * with buf NULL or *lpcb short of size plus the alternates in form f,
 * 603 and *lpcb = what it takes; else both written (dwAlternateOffset =
 * size when there are alternates) and *lpcb set. */
DWORD win_put_with_alternates(enum wl_struct s, enum wl_form f, const void *u, const char *alts,
                              DWORD alts_len, void *buf, DWORD size, DWORD *lpcb);

/* Where a named field of s lies in the caller's struct of form f at base
 * (its dwSize, a known size, picks the layout), and a string field's
 * length in characters there. */
void *win_field(enum wl_struct s, const char *name, enum wl_form f, const void *base);
size_t win_field_chars(enum wl_struct s, const char *name, enum wl_form f, const void *base);

/* The version a caller's struct (first DWORD = dwSize) names, or -1. */
int win_struct_version(enum wl_struct s, enum wl_form f, const void *p);

#endif
