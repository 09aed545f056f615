/* Handles that fit in 32 bits: a program that keeps its HRASCONN in a
 * LONG (a public Harbour RAS wrapper does) or a DWORD can still read the
 * status and hang up through the truncated value, as on Windows, where
 * handle values are 32-bit significant. A forged or stale handle gets 6,
 * and a new dial does not get the old value back. */
#include "wt.h"

#include <string.h>

int
main(void)
{
    HRASCONN h = wt_dial(L"" WT_ENTRY);
    if (!h)
        return wt_done();
    ULONG_PTR full = (ULONG_PTR)h;
    LONG as_long = (LONG)(LONG_PTR)h;          /* what the Harbour wrapper keeps */
    DWORD as_dword = (DWORD)(ULONG_PTR)h;
    wt_note("handle %p, as LONG %ld, as DWORD %#lx", (void *)h, (long)as_long,
            (unsigned long)as_dword);
    wt_ok((full >> 31) == 0, "the handle fits in 31 bits (LONG and DWORD keep it whole)");

    RASCONNSTATUSW st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    wt_eq(RasGetConnectStatusW((HRASCONN)(ULONG_PTR)as_dword, &st), 0,
          "RasGetConnectStatusW through the DWORD");
    wt_eq(st.rasconnstate, RASCS_Connected, "Connected");
    /* (HRASCONN)(LONG) sign-extends on x64: still the same handle */
    HRASCONN back = (HRASCONN)(LONG_PTR)as_long;
    wt_eq(RasGetConnectStatusW((HRASCONN)((ULONG_PTR)h ^ 0x100), &st), ERROR_INVALID_HANDLE,
          "a forged handle: 6");
    wt_eq(RasHangUpW(back), 0, "RasHangUpW through the LONG");
    wt_ok(wt_wait_gone(h, 10000), "the link is gone");
    wt_eq(RasGetConnectStatusW(h, &st), ERROR_INVALID_HANDLE, "the stale handle: 6");

    HRASCONN again = wt_dial(L"" WT_ENTRY);
    if (again) {
        wt_ok(again != h, "a new dial gets a new handle value (%p)", (void *)again);
        wt_eq(RasGetConnectStatusW(h, &st), ERROR_INVALID_HANDLE,
              "the old handle still does not reach the new link: 6");
        wt_eq(RasHangUpW((HRASCONN)(LONG_PTR)(LONG)(LONG_PTR)again), 0, "hang it up too");
        wt_ok(wt_wait_gone(again, 10000), "and it is gone");
    }
    return wt_done();
}
