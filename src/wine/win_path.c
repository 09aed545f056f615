/* win_path.c: phonebook paths between the program's DOS view and the
 * Unix files libras reads, through Wine's own mapping of its drives. */
#include "win_bridge.h"

#include <string.h>

DWORD
win_pbk_path(enum wl_form f, const void *pbk, char **out)
{
    WCHAR *w = NULL;
    char *u = NULL;
    DWORD rc = 0;
    size_t n;

    *out = NULL;
    if (!pbk || (f == WL_FORM_W ? !*(const WCHAR *)pbk : !*(const char *)pbk))
        return 0;
    if (f == WL_FORM_W) {
        *out = wine_get_unix_file_name(pbk);
        return *out ? 0 : WB_ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    /* An A path goes to UTF-16 first, as Windows' own A functions do. */
    if ((rc = win_str_to_utf8(f, pbk, &u)) != 0)
        return rc;
    n = strlen(u) + 1;
    if (!(w = HeapAlloc(GetProcessHeap(), 0, n * sizeof(WCHAR)))) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto out;
    }
    rc = win_str_from_utf8(WL_FORM_W, u, w, n, NULL);
    if (rc == 0 && !(*out = wine_get_unix_file_name(w)))
        rc = WB_ERROR_CANNOT_OPEN_PHONEBOOK;
out:
    HeapFree(GetProcessHeap(), 0, w);
    HeapFree(GetProcessHeap(), 0, u);
    return rc;
}

DWORD
win_dos_path(enum wl_form f, const char *unix_path, void *dst, size_t cap)
{
    WCHAR *w = wine_get_dos_file_name(unix_path);
    char *u = NULL;
    DWORD rc;
    if (!w)     /* outside every drive: show it as it is */
        return win_str_from_utf8(f, unix_path, dst, cap, NULL);
    if ((rc = win_str_to_utf8(WL_FORM_W, w, &u)) == 0)
        rc = win_str_from_utf8(f, u, dst, cap, NULL);
    HeapFree(GetProcessHeap(), 0, u);
    HeapFree(GetProcessHeap(), 0, w);
    return rc;
}
