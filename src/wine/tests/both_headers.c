/* both_headers: ras.h compiles next to Wine's windef.h (issue 9 item 7),
 * as a Linux port of Windows code would include them, and keeps libras's
 * calling convention there. Compiled by winegcc (WINAPI = ms_abi on
 * x86-64, stdcall on i386); never run: compiling is the test. The
 * bridge itself still keeps the two apart (seam.h). */
#include <stdarg.h> /* winbase.h uses va_list and, built -m32, does not include it */

#include <windef.h>
#include <winbase.h>

#include <ras.h>
#include <raserror.h>
#include <openras.h>

/* libras's functions and notifier types are the platform's C convention,
 * not Windows' (GCC counts the ABI attribute in a function type). */
_Static_assert(__builtin_types_compatible_p(__typeof__(&RasGetErrorStringA),
                                            DWORD (*)(UINT, LPSTR, DWORD)),
               "RasGetErrorStringA is libras's convention");
_Static_assert(!__builtin_types_compatible_p(__typeof__(&RasGetErrorStringA),
                                             DWORD (WINAPI *)(UINT, LPSTR, DWORD)),
               "RasGetErrorStringA is not WINAPI");
_Static_assert(__builtin_types_compatible_p(RASDIALFUNC, VOID (*)(UINT, RASCONNSTATE, DWORD)),
               "RASDIALFUNC is libras's convention");

/* Windows' types and ras.h's agree in size, so the layouts hold. */
_Static_assert(sizeof(DWORD) == 4 && sizeof(LONG) == 4 && sizeof(BOOL) == 4, "base types");
_Static_assert(sizeof(GUID) == 16 && sizeof(LUID) == 8, "GUID, LUID");
_Static_assert(sizeof(RASENTRYA) == 2948, "RASENTRYA");

int both_headers_compiled(void);

int
both_headers_compiled(void)
{
    return ERROR_CANNOT_FIND_PHONEBOOK_ENTRY == 623 && MAX_PATH == 260;
}
