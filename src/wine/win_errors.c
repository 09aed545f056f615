/* win_errors.c: RasGetErrorStringW/A over libras's one message table. */
#include "win_bridge.h"

#include "seam.h"

/* Windows promises 512 characters are always enough. */
#define MESSAGE_MAX 1024

static DWORD
error_string(enum wl_form f, UINT code, void *buf, DWORD cch)
{
    char text[MESSAGE_MAX];
    DWORD rc;
    if (!buf)
        return ERROR_INVALID_PARAMETER;
    if ((rc = seam_error_string(code, text, sizeof(text))) != 0)
        return rc;
    return win_str_from_utf8(f, text, buf, cch, NULL);
}

DWORD WINAPI
bridge_RasGetErrorStringW(UINT code, LPWSTR buf, DWORD cch)
{
    return error_string(WL_FORM_W, code, buf, cch);
}

DWORD WINAPI
bridge_RasGetErrorStringA(UINT code, LPSTR buf, DWORD cch)
{
    return error_string(WL_FORM_A, code, buf, cch);
}
