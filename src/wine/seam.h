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

/* Wipes n bytes (a password) in a way the compiler keeps. */
void seam_wipe(void *p, uint32_t n);

/* RasGetEntryPropertiesA: the entry (or the defaults for name "") in the
 * newest layout, fields libras has no room for zeroed; its alternate
 * numbers as UTF-8 strings each ended by a NUL and the list by an empty
 * one, in *alts (seam_free it; NULL when there are none), *alts_len
 * bytes. */
uint32_t seam_get_entry(const char *pbk, const char *name, WL_RASENTRYA *out, char **alts,
                        uint32_t *alts_len);

/* RasSetEntryPropertiesA with the fields of in that a struct of in_size
 * bytes (an A size of sizes.c) covers, and the alternates (as above;
 * NULL for none). */
uint32_t seam_set_entry(const char *pbk, const char *name, const WL_RASENTRYA *in,
                        uint32_t in_size, const char *alts, uint32_t alts_len);

uint32_t seam_validate_entry_name(const char *pbk, const char *name);
uint32_t seam_rename_entry(const char *pbk, const char *old_name, const char *new_name);
uint32_t seam_delete_entry(const char *pbk, const char *name);

/* Ras{Get,Set}EntryDialParamsA; p->dwSize is an A size libras knows. */
uint32_t seam_get_dial_params(const char *pbk, WL_RASDIALPARAMSA *p, int32_t *has_password);
uint32_t seam_set_dial_params(const char *pbk, const WL_RASDIALPARAMSA *p, int32_t remove);

/* Ras{Get,Set}CredentialsA. */
uint32_t seam_get_credentials(const char *pbk, const char *name, WL_RASCREDENTIALSA *c);
uint32_t seam_set_credentials(const char *pbk, const char *name, const WL_RASCREDENTIALSA *c,
                              int32_t clear);

/* Every device RasEnumDevicesA lists, as seam_enum_entries does. */
uint32_t seam_enum_devices(WL_RASDEVINFOA **out, uint32_t *n);

#endif
