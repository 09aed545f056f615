/* Dialing from a Windows program: RasDialW synchronously, then
 * asynchronously with each notifier type Windows has (RASDIALFUNC,
 * RASDIALFUNC1, RASDIALFUNC2, and an HWND that a message loop receives
 * WM_RASDIALEVENT on), two asynchronous dials at once, and on each link
 * the status, the IP projection, the statistics and the hang-up; then
 * RasGetErrorString's texts. The entries are the runner's (wt.h). */
#include "wt.h"

#include <stdio.h>
#include <string.h>

#define MAX_STATES 64
#define DIAL_TIMEOUT_MS 20000

/* What one dial's notifier saw. */
struct seen {
    RASCONNSTATE states[MAX_STATES];
    int n;
    DWORD err;
    UINT bad_msg;                 /* a message other than WM_RASDIALEVENT */
    HRASCONN h;                   /* RASDIALFUNC1/2 report it */
    ULONG_PTR callback_id;        /* RASDIALFUNC2 */
    HANDLE done;                  /* set at Connected or on an error */
};

static struct seen seen[2];

static void
seen_reset(struct seen *s)
{
    HANDLE ev = s->done;
    memset(s, 0, sizeof(*s));
    s->done = ev ? ev : CreateEventW(NULL, TRUE, FALSE, NULL);
    ResetEvent(s->done);
}

static void
seen_add(struct seen *s, UINT msg, RASCONNSTATE state, DWORD err)
{
    if (msg != WM_RASDIALEVENT)
        s->bad_msg = msg;
    if (s->n < MAX_STATES)
        s->states[s->n++] = state;
    if (err)
        s->err = err;
    if (state == RASCS_Connected || state == RASCS_Disconnected || err)
        SetEvent(s->done);
}

static VOID WINAPI
on_func(UINT msg, RASCONNSTATE state, DWORD err)
{
    seen_add(&seen[0], msg, state, err);
}

static VOID WINAPI
on_func1(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)ext;
    seen[0].h = h;
    seen_add(&seen[0], msg, state, err);
}

/* dwCallbackId picks the slot: how a program tells its dials apart */
static DWORD WINAPI
on_func2(ULONG_PTR id, DWORD sub, HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)sub; (void)ext;
    struct seen *s = &seen[id == 0x5eed2 ? 1 : 0];
    s->callback_id = id;
    s->h = h;
    seen_add(s, msg, state, err);
    return 1;                     /* keep the notifications coming */
}

/* The states in the order seen: from OpenPort, never backwards, to
 * Connected. */
static void
check_states(const struct seen *s, const char *how)
{
    char line[512];
    int len = 0;
    BOOL ordered = TRUE;
    for (int i = 0; i < s->n; i++) {
        len += snprintf(line + len, sizeof(line) - len, " %#x", (unsigned)s->states[i]);
        if (len >= (int)sizeof(line))
            len = sizeof(line) - 1;
        if (i && s->states[i] < s->states[i - 1])
            ordered = FALSE;
    }
    wt_note("%s saw:%s", how, s->n ? line : " nothing");
    wt_ok(s->n >= 2 && s->states[0] == RASCS_OpenPort, "%s: the first state is OpenPort", how);
    wt_ok(s->n >= 2 && s->states[s->n - 1] == RASCS_Connected, "%s: the last is Connected", how);
    wt_ok(ordered, "%s: never backwards", how);
    wt_eq(s->err, 0, "%s: no error", how);
    wt_eq(s->bad_msg, 0, "%s: every message is WM_RASDIALEVENT", how);
}

/* Status, projection, statistics, the connection list, then hang-up. */
static void
check_link(HRASCONN h, const WCHAR *entry, const char *how)
{
    RASCONNSTATUSW st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    wt_eq(RasGetConnectStatusW(h, &st), 0, "%s: RasGetConnectStatusW", how);
    wt_eq(st.rasconnstate, RASCS_Connected, "%s: Connected", how);
    wt_ok(lstrcmpW(st.szDeviceName, L"loopback") == 0, "%s: on device \"%s\"", how,
          wt_u8(st.szDeviceName));
    RASCONNSTATUSA sta;
    memset(&sta, 0, sizeof(sta));
    sta.dwSize = sizeof(sta);
    wt_eq(RasGetConnectStatusA(h, &sta), 0, "%s: RasGetConnectStatusA", how);
    wt_eq(sta.rasconnstate, RASCS_Connected, "%s: Connected (A)", how);

    RASPPPIPW ip;
    DWORD cb = sizeof(ip);
    memset(&ip, 0, sizeof(ip));
    ip.dwSize = sizeof(ip);
    wt_eq(RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb), 0, "%s: RasGetProjectionInfoW(PppIp)",
          how);
    wt_eq(ip.dwError, 0, "%s: IPCP succeeded", how);
    wt_ok(ip.szIpAddress[0] && ip.szServerIpAddress[0], "%s: addresses %s, peer %s", how,
          wt_u8(ip.szIpAddress), wt_u8(ip.szServerIpAddress));
    RASPPPIPA ipa;
    cb = sizeof(ipa);
    memset(&ipa, 0, sizeof(ipa));
    ipa.dwSize = sizeof(ipa);
    wt_eq(RasGetProjectionInfoA(h, RASP_PppIp, &ipa, &cb), 0, "%s: RasGetProjectionInfoA", how);
    wt_ok(strcmp(ipa.szIpAddress, wt_u8(ip.szIpAddress)) == 0, "%s: the same address in A", how);

    RAS_STATS stats;
    memset(&stats, 0, sizeof(stats));
    stats.dwSize = sizeof(stats);
    wt_eq(RasGetConnectionStatistics(h, &stats), 0, "%s: RasGetConnectionStatistics", how);
    wt_note("%s: %lu bytes out, %lu in, %lu bps, up %lu ms", how,
            (unsigned long)stats.dwBytesXmited, (unsigned long)stats.dwBytesRcved,
            (unsigned long)stats.dwBps, (unsigned long)stats.dwConnectDuration);
    wt_ok(stats.dwConnectDuration < 600000, "%s: a plausible connect duration", how);

    RASCONNW conns[8];
    DWORD n = 0;
    BOOL listed = FALSE;
    cb = sizeof(conns);
    memset(conns, 0, sizeof(conns));
    conns[0].dwSize = sizeof(conns[0]);
    wt_eq(RasEnumConnectionsW(conns, &cb, &n), 0, "%s: RasEnumConnectionsW", how);
    for (DWORD i = 0; i < n && i < 8; i++)
        listed |= conns[i].hrasconn == h && lstrcmpW(conns[i].szEntryName, entry) == 0;
    wt_ok(listed, "%s: lists the link under its entry name", how);
}

static void
hang_up(HRASCONN h, const char *how)
{
    wt_eq(RasHangUpW(h), 0, "%s: RasHangUpW", how);
    wt_ok(wt_wait_gone(h, 10000), "%s: the handle is gone after the hang-up", how);
}

static void
t_sync(void)
{
    HRASCONN h = wt_dial(L"" WT_ENTRY);
    if (!h)
        return;
    check_link(h, L"" WT_ENTRY, "sync");
    hang_up(h, "sync");
}

/* The A forms: an ANSI program dials, finds and hangs up its link. */
static void
t_sync_a(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    lstrcpynA(p.szEntryName, WT_ENTRY, sizeof(p.szEntryName));
    lstrcpynA(p.szUserName, WT_USER, sizeof(p.szUserName));
    lstrcpynA(p.szPassword, WT_PASS, sizeof(p.szPassword));
    if (!wt_eq(RasDialA(NULL, NULL, &p, 0, NULL, &h), 0, "A: RasDialA") || !h)
        return;
    RASCONNA conns[8];
    DWORD cb = sizeof(conns), n = 0;
    BOOL listed = FALSE;
    memset(conns, 0, sizeof(conns));
    conns[0].dwSize = sizeof(conns[0]);
    wt_eq(RasEnumConnectionsA(conns, &cb, &n), 0, "A: RasEnumConnectionsA");
    for (DWORD i = 0; i < n && i < 8; i++)
        listed |= conns[i].hrasconn == h && strcmp(conns[i].szEntryName, WT_ENTRY) == 0;
    wt_ok(listed, "A: lists the link under its entry name");
    RASCONNSTATUSA st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    wt_eq(RasGetConnectStatusA(h, &st), 0, "A: RasGetConnectStatusA");
    wt_eq(st.rasconnstate, RASCS_Connected, "A: Connected");
    wt_eq(RasHangUpA(h), 0, "A: RasHangUpA");
    wt_ok(wt_wait_gone(h, 10000), "A: the handle is gone after the hang-up");
}

static void
t_unknown_entry(void)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    wt_params(&p, L"Nowhere \u260e", 0);
    wt_eq(RasDialW(NULL, NULL, &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY,
          "RasDialW of an unknown entry: 623");
    wt_ok(h == NULL, "and no handle");
}

/* One asynchronous dial with notifier type `type`, waited for through the
 * notifier's own event. */
static void
t_async(DWORD type, LPVOID notifier, const char *how)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    seen_reset(&seen[0]);
    wt_params(&p, L"" WT_ENTRY, 0x5eed1);
    if (!wt_eq(RasDialW(NULL, NULL, &p, type, notifier, &h), 0, "%s: RasDialW returns at once",
               how) || !h)
        return;
    wt_eq(WaitForSingleObject(seen[0].done, DIAL_TIMEOUT_MS), WAIT_OBJECT_0,
          "%s: the notifier saw the end", how);
    Sleep(50);                    /* a last notification may still be on its way */
    check_states(&seen[0], how);
    if (type == 1 || type == 2)
        wt_ok(seen[0].h == h, "%s: the notifier got the handle RasDialW gave", how);
    if (type == 2)
        wt_ok(seen[0].callback_id == 0x5eed1, "%s: with dwCallbackId", how);
    check_link(h, L"" WT_ENTRY, how);
    hang_up(h, how);
}

/* The message RasDial posts: the one registered under RASDIALEVENT, or
 * WM_RASDIALEVENT if that cannot be registered (as Windows documents). */
static UINT dial_event_msg;

static LRESULT CALLBACK
wnd_proc(HWND w, UINT msg, WPARAM wp, LPARAM lp)
{
    if (msg == dial_event_msg) {
        seen_add(&seen[0], WM_RASDIALEVENT, (RASCONNSTATE)wp, (DWORD)lp);
        return 0;
    }
    return DefWindowProcW(w, msg, wp, lp);
}

/* Notifier type 0xFFFFFFFF: the notifier is an HWND and the states arrive
 * as the RASDIALEVENT message (wParam the state, lParam the error) through
 * this thread's message loop, as in GUI dialers. */
static void
t_hwnd(void)
{
    dial_event_msg = RegisterWindowMessageA(RASDIALEVENT);
    if (!dial_event_msg)
        dial_event_msg = WM_RASDIALEVENT;
    WNDCLASSW wc;
    memset(&wc, 0, sizeof(wc));
    wc.lpfnWndProc = wnd_proc;
    wc.hInstance = GetModuleHandleW(NULL);
    wc.lpszClassName = L"wt-dialer";
    RegisterClassW(&wc);
    HWND w = CreateWindowExW(0, wc.lpszClassName, L"wt", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL,
                             wc.hInstance, NULL);
    if (!wt_ok(w != NULL, "hwnd: a message window"))
        return;
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    seen_reset(&seen[0]);
    wt_params(&p, L"" WT_ENTRY, 0);
    if (wt_eq(RasDialW(NULL, NULL, &p, 0xFFFFFFFF, (LPVOID)w, &h), 0,
              "hwnd: RasDialW returns at once") && h) {
        DWORD t0 = GetTickCount();
        while (WaitForSingleObject(seen[0].done, 0) != WAIT_OBJECT_0 &&
               GetTickCount() - t0 < DIAL_TIMEOUT_MS) {
            MSG m;
            MsgWaitForMultipleObjects(0, NULL, FALSE, 50, QS_ALLINPUT);
            while (PeekMessageW(&m, NULL, 0, 0, PM_REMOVE))
                DispatchMessageW(&m);
        }
        check_states(&seen[0], "hwnd");
        check_link(h, L"" WT_ENTRY, "hwnd");
        hang_up(h, "hwnd");
    }
    DestroyWindow(w);
}

/* Two dials at once, told apart by dwCallbackId. */
static void
t_two_at_once(void)
{
    RASDIALPARAMSW p1, p2;
    HRASCONN h1 = NULL, h2 = NULL;
    seen_reset(&seen[0]);
    seen_reset(&seen[1]);
    wt_params(&p1, L"" WT_ENTRY, 0x5eed1);
    wt_params(&p2, L"" WT_ENTRY_2, 0x5eed2);
    wt_eq(RasDialW(NULL, NULL, &p1, 2, (LPVOID)on_func2, &h1), 0, "two: the first RasDialW");
    wt_eq(RasDialW(NULL, NULL, &p2, 2, (LPVOID)on_func2, &h2), 0, "two: the second RasDialW");
    if (!h1 || !h2)
        return;
    wt_ok(h1 != h2, "two: two handles");
    HANDLE both[2] = { seen[0].done, seen[1].done };
    wt_eq(WaitForMultipleObjects(2, both, TRUE, DIAL_TIMEOUT_MS), WAIT_OBJECT_0,
          "two: both notifiers saw the end");
    Sleep(50);
    check_states(&seen[0], "two, first");
    check_states(&seen[1], "two, second");
    wt_ok(seen[0].h == h1 && seen[1].h == h2, "two: each notifier got its own handle");
    check_link(h1, L"" WT_ENTRY, "two, first");
    check_link(h2, L"" WT_ENTRY_2, "two, second");
    hang_up(h1, "two, first");
    hang_up(h2, "two, second");
}

static void
t_error_strings(void)
{
    WCHAR w[512];
    char a[512];
    w[0] = 0;
    a[0] = 0;
    wt_eq(RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, w, 512), 0,
          "RasGetErrorStringW(623)");
    wt_ok(w[0] != 0, "says \"%s\"", wt_u8(w));
    wt_eq(RasGetErrorStringA(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, a, sizeof(a)), 0,
          "RasGetErrorStringA(623)");
    wt_ok(a[0] && strcmp(a, wt_u8(w)) == 0, "the same text in A");
    wt_eq(RasGetErrorStringW(ERROR_AUTHENTICATION_FAILURE, w, 512), 0,
          "RasGetErrorStringW(691)");
    wt_ok(w[0] != 0, "says \"%s\"", wt_u8(w));
    wt_eq(RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, w, 2), ERROR_INSUFFICIENT_BUFFER,
          "RasGetErrorStringW into 2 characters: 122");
    wt_eq(RasGetErrorStringW(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, NULL, 512),
          ERROR_INVALID_PARAMETER, "RasGetErrorStringW into NULL: 87");
}

int
main(void)
{
    t_error_strings();
    t_unknown_entry();
    t_sync();
    t_sync_a();
    t_async(0, (LPVOID)on_func, "RASDIALFUNC");
    t_async(1, (LPVOID)on_func1, "RASDIALFUNC1");
    t_async(2, (LPVOID)on_func2, "RASDIALFUNC2");
    t_hwnd();
    t_two_at_once();
    return wt_done();
}
