/* The Windows programs' TAP writer and shared helpers (see wt.h). */
#include "wt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int n_pass, n_fail;

static void
vline(BOOL cond, const char *fmt, va_list ap)
{
    printf("%s - ", cond ? "ok" : "not ok");
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    if (cond)
        n_pass++;
    else
        n_fail++;
}

BOOL
wt_ok(BOOL cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(cond, fmt, ap);
    va_end(ap);
    return cond;
}

BOOL
wt_eq(DWORD got, DWORD want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vline(got == want, fmt, ap);
    va_end(ap);
    if (got != want) {
        printf("#   got %lu (0x%lx), expected %lu (0x%lx)\n", (unsigned long)got,
               (unsigned long)got, (unsigned long)want, (unsigned long)want);
        fflush(stdout);
    }
    return got == want;
}

void
wt_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("# ");
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    va_end(ap);
}

void
wt_skip(const char *what, const char *why)
{
    printf("ok - %s # SKIP %s\n", what, why);
    fflush(stdout);
    n_pass++;
}

void
wt_probe(const char *tag)
{
    char line[64];
    printf("#probe %s\n", tag);
    fflush(stdout);
    if (!fgets(line, sizeof(line), stdin))
        wt_ok(FALSE, "the runner answered probe %s", tag);
}

int
wt_done(void)
{
    printf("# wt-done passed=%d failed=%d\n", n_pass, n_fail);
    fflush(stdout);
    return n_fail ? 1 : 0;
}

const char *
wt_u8(const WCHAR *w)
{
    static char ring[4][1024];
    static int next;
    char *out = ring[next++ % 4];
    if (!WideCharToMultiByte(CP_UTF8, 0, w, -1, out, sizeof(ring[0]), NULL, NULL))
        snprintf(out, sizeof(ring[0]), "(unconvertible)");
    return out;
}

BOOL
wt_to_acp(const WCHAR *w, char *out, int cap)
{
    BOOL lossy = FALSE;
    if (!WideCharToMultiByte(CP_ACP, 0, w, -1, out, cap, NULL, &lossy))
        return FALSE;
    return !lossy;
}

void
wt_params(RASDIALPARAMSW *p, const WCHAR *entry, ULONG_PTR callback_id)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    lstrcpynW(p->szEntryName, entry, RAS_MaxEntryName + 1);
    lstrcpynW(p->szUserName, L"" WT_USER, UNLEN + 1);
    lstrcpynW(p->szPassword, L"" WT_PASS, PWLEN + 1);
    p->dwCallbackId = callback_id;
}

HRASCONN
wt_dial(const WCHAR *entry)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    wt_params(&p, entry, 0);
    if (!wt_eq(RasDialW(NULL, NULL, &p, 0, NULL, &h), 0, "RasDialW \"%s\"", wt_u8(entry)))
        return NULL;
    wt_ok(h != NULL, "with a handle");
    return h;
}

RASCONNSTATE
wt_wait_connected(HRASCONN h, DWORD timeout_ms, DWORD *err)
{
    RASCONNSTATUSW st;
    DWORD waited = 0;
    for (;;) {
        memset(&st, 0, sizeof(st));
        st.dwSize = sizeof(st);
        DWORD rc = RasGetConnectStatusW(h, &st);
        if (rc != 0) {
            *err = rc;
            return (RASCONNSTATE)-1;
        }
        *err = st.dwError;
        if (st.rasconnstate == RASCS_Connected || st.rasconnstate == RASCS_Disconnected ||
            st.dwError != 0 || waited >= timeout_ms)
            return st.rasconnstate;
        Sleep(20);
        waited += 20;
    }
}

BOOL
wt_wait_gone(HRASCONN h, DWORD timeout_ms)
{
    for (DWORD waited = 0; waited <= timeout_ms; waited += 20) {
        RASCONNSTATUSW st;
        st.dwSize = sizeof(st);
        if (RasGetConnectStatusW(h, &st) == ERROR_INVALID_HANDLE)
            return TRUE;
        Sleep(20);
    }
    return FALSE;
}
