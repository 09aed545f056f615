/* seam.h: the plain C interface between the bridge's two families of
 * files. The win_*.c files include Wine's headers (WCHAR, HeapAlloc,
 * CreateThread) and never ras.h; the seam_*.c files include ras.h and call
 * libras, and never Wine's headers. Mixing them in one file gives WINAPI
 * Wine's ms_abi meaning inside ras.h, and calls into libras then pass
 * their arguments in the wrong registers with no warning (wine.md).
 *
 * Only <stdint.h> types and layout.h cross the seam. Strings are UTF-8,
 * paths Unix paths (NULL: libras's default phonebook), structs the A
 * layouts of layout.h with UTF-8 strings, which are libras's own (seam
 * files check that at compile time). Every function returns 0 or a RAS /
 * Win32 error code. Memory a seam function hands out comes from libras's
 * allocation hooks and goes back through seam_free. */
#ifndef RAS_WINE_SEAM_H
#define RAS_WINE_SEAM_H

#include <stdint.h>

#include "layout.h"

/* Frees what a seam function allocated; accepts NULL. */
void seam_free(void *p);

/* RasGetErrorStringA's text for code into buf (cap bytes, UTF-8). */
uint32_t seam_error_string(uint32_t code, char *buf, uint32_t cap);

/* Every entry of the phonebook (newest RASENTRYNAME layout, UTF-8) as one
 * array in *out (seam_free it; NULL when there are none), their number in
 * *n. */
uint32_t seam_enum_entries(const char *pbk, WL_RASENTRYNAMEA **out, uint32_t *n);

#endif
