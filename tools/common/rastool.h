/* What rasphone and rasdial share: the RAS-error-to-exit-status mapping,
 * the "Remote Access error NNN - message" line, reading a password from
 * the terminal with echo off, and calling a RAS function that sizes its
 * own buffer. Public API (ras.h) only. */
#ifndef RAS_TOOLS_RASTOOL_H
#define RAS_TOOLS_RASTOOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ras.h"

/* Exit statuses (POSIX keeps 8 bits; Windows' rasdial exits with the RAS
 * number itself, which does not fit):
 *   0        success
 *   1..249   RAS error 601..849: status = code - 600
 *   250      any other RAS code (600, 850..870 and above)
 *   251      a Win32 error (below 600: 5, 6, 8, 87, 120, 123, 183, ...)
 *   252      command-line usage error (nothing was attempted)
 * The printed message always carries the exact code. */
#define RASTOOL_EXIT_RAS_OTHER 250
#define RASTOOL_EXIT_WIN32 251
#define RASTOOL_EXIT_USAGE 252

int rastool_exit_status(uint32_t err);
/* Prints "Remote Access error NNN - <RasGetErrorStringA text>" to f. */
void rastool_print_error(FILE *f, uint32_t err);
/* s made safe to print (common/text.h's text_escape): control characters
 * and bytes that are not UTF-8 as \xNN. Every string a tool prints that
 * came from a phonebook, from rasmand or from another user goes through
 * it: names, numbers, devices, paths, error details. At most maxlen bytes
 * of s are read (SIZE_MAX: up to its NUL). The result lives in one of a
 * few rotating static buffers, so several may appear in one printf; not
 * for keeping, and not thread-safe. */
const char *rastool_esc_n(const char *s, size_t maxlen);
const char *rastool_esc(const char *s);

/* Copies src into a fixed RAS string array of n bytes. A string that does
 * not fit is copied without its terminator, so the RAS call reports the
 * over-long field itself (87) rather than the tool truncating silently. */
void rastool_set_field(char *dst, size_t n, const char *src);
/* Reads one line into buf (at most n-1 bytes) from /dev/tty with echo off,
 * prompting there; without a terminal, from stdin. Returns 0, or -1 on EOF
 * or error. The caller wipes buf. */
int rastool_read_password(const char *prompt, char *buf, size_t n);

/* One RAS call that fills buf (*cb bytes). When buf is too small it
 * returns ERROR_BUFFER_TOO_SMALL with the size it needs in *cb. n gets the
 * number of items where the call counts them. */
typedef uint32_t rastool_fill_fn(void *ctx, void *buf, DWORD *cb, DWORD *n);

/* Calls fill with a zeroed buffer whose first structure's dwSize is
 * struct_size, and again with a bigger one while it answers
 * ERROR_BUFFER_TOO_SMALL: a list may grow between two calls, so a few
 * tries, then that error. On success *out (the caller's to ras_free)
 * holds the buffer, *out_cb its size and *out_n the count (either may be
 * NULL). */
uint32_t rastool_fetch(rastool_fill_fn *fill, void *ctx, DWORD struct_size, void **out,
                       DWORD *out_cb, DWORD *out_n);

#endif
