/* The connection calls for Windows programs: RasHangUp, RasGetConnectStatus,
 * RasEnumConnections, RasGetProjectionInfo[Ex], the statistics calls and
 * RasConnectionNotification with a Win32 event. Each takes the program's
 * struct in its form and dwSize, has libras answer in the newest UTF-8
 * layout (dial_ras.c) and writes back what that dwSize covers. */
#include "dial_win.h"

#include <string.h>

#include "dial_ras.h"
#include "dial_relay.h"

/* ras.h's values, here where ras.h may not be included. */
#define DIAL_RASP_PppIp   0x8021u
#define DIAL_RASP_PppLcp  0xC021u
#define DIAL_RASP_Amb     0x10000u
#define DIAL_RASP_PppNbf  0x803Fu
#define DIAL_RASP_PppIpx  0x802Bu
#define DIAL_RASP_Slip    0x20000u
#define DIAL_RASCN_Connection 0x1u
#define DIAL_RASCN_ALL    0x7Fu

/* ---- RasHangUp ---- */

static DWORD
hang_up(HANDLE h)
{
    uint64_t handle = dial_win_handle(h);
    /* notifications stop now, even when called from inside one */
    dial_relay_forget(handle);
    return dial_ras_hangup(handle);
}

DWORD WINAPI
bridge_RasHangUpW(HANDLE h)
{
    return hang_up(h);
}

DWORD WINAPI
bridge_RasHangUpA(HANDLE h)
{
    return hang_up(h);
}

/* ---- RasGetConnectStatus ---- */

static DWORD
connect_status(HANDLE h, enum wl_form f, void *s)
{
    WL_RASCONNSTATUSA u;
    DWORD size, rc;
    if (!s)
        return ERROR_INVALID_PARAMETER;
    memcpy(&size, s, sizeof(size));
    if (wl_size_version(WL_RASCONNSTATUS, f, size) < 0)
        return WB_ERROR_INVALID_SIZE;
    if ((rc = dial_ras_status(dial_win_handle(h), &u)) != 0)
        return rc;
    return win_struct_from_u(WL_RASCONNSTATUS, &u, f, s, size);
}

DWORD WINAPI
bridge_RasGetConnectStatusW(HANDLE h, void *s)
{
    return connect_status(h, WL_FORM_W, s);
}

DWORD WINAPI
bridge_RasGetConnectStatusA(HANDLE h, void *s)
{
    return connect_status(h, WL_FORM_A, s);
}

/* ---- RasEnumConnections ---- */

/* One connection into the caller's array element (stride bytes), its
 * phonebook as the DOS path the program would use. */
static DWORD
put_conn(const WL_RASCONNA *c, enum wl_form f, void *dst, DWORD stride)
{
    DWORD rc = win_struct_from_u(WL_RASCONN, c, f, dst, stride);
    const struct wl_field *pbk = wl_field_find(WL_RASCONN, "szPhonebook");
    if (rc || !c->szPhonebook[0] || !wl_field_covered(pbk, f, stride))
        return rc;
    return win_dos_path(f, c->szPhonebook, win_field(WL_RASCONN, "szPhonebook", f, dst),
                        pbk->len);
}

static DWORD
enum_connections(enum wl_form f, void *buf, DWORD *lpcb, DWORD *lpcount)
{
    WL_RASCONNA *list = NULL;
    uint32_t n = 0;
    DWORD stride, rc;

    if (!lpcb || !lpcount)
        return ERROR_INVALID_PARAMETER;
    /* only the first element's dwSize is set: it names version and stride */
    stride = wl_size_of(WL_RASCONN, f, wl_size_newest(WL_RASCONN));
    if (buf && *lpcb >= sizeof(DWORD)) {
        if (win_struct_version(WL_RASCONN, f, buf) < 0)
            return WB_ERROR_INVALID_SIZE;
        memcpy(&stride, buf, sizeof(stride));
    }
    if ((rc = dial_ras_enum(&list, &n)) != 0)
        return rc;
    DWORD need = n * stride;
    if (n && (!buf || *lpcb < need))
        rc = WB_ERROR_BUFFER_TOO_SMALL;
    for (uint32_t i = 0; !rc && i < n; i++)
        rc = put_conn(&list[i], f, (char *)buf + (size_t)i * stride, stride);
    if (!rc || rc == WB_ERROR_BUFFER_TOO_SMALL) {
        *lpcb = need;
        *lpcount = n;
    }
    dial_ras_free(list);
    return rc;
}

DWORD WINAPI
bridge_RasEnumConnectionsW(void *buf, DWORD *lpcb, DWORD *lpcount)
{
    return enum_connections(WL_FORM_W, buf, lpcb, lpcount);
}

DWORD WINAPI
bridge_RasEnumConnectionsA(void *buf, DWORD *lpcb, DWORD *lpcount)
{
    return enum_connections(WL_FORM_A, buf, lpcb, lpcount);
}

/* ---- RasGetProjectionInfo ---- */

/* A projection whose struct has strings but that libras never negotiates
 * (NetBEUI, IPX, AMB, SLIP): libras's answer without a buffer says why
 * there is none (6, 730, 731). */
static DWORD
projection_absent(uint64_t handle, DWORD which)
{
    uint32_t cb = 0;
    DWORD rc = dial_ras_projection_raw(handle, which, NULL, &cb);
    return rc == 0 || rc == WB_ERROR_BUFFER_TOO_SMALL ? DIAL_ERROR_PROTOCOL_NOT_CONFIGURED : rc;
}

/* The caller's struct of kind s from u, sized as libras sizes it: the
 * caller's dwSize when there is a buffer to read it from, else the newest;
 * 632 for a size Windows never gave it, 603 with the size for a buffer too
 * small. */
static DWORD
projection_out(enum wl_struct s, const void *u, enum wl_form f, void *buf, DWORD *lpcb)
{
    DWORD size = wl_size_of(s, f, wl_size_newest(s));
    if (buf && *lpcb >= sizeof(DWORD))
        memcpy(&size, buf, sizeof(size));
    if (wl_size_version(s, f, size) < 0)
        return WB_ERROR_INVALID_SIZE;
    if (!buf || *lpcb < size) {
        *lpcb = size;
        return WB_ERROR_BUFFER_TOO_SMALL;
    }
    return win_struct_from_u(s, u, f, buf, size);
}

static DWORD
projection(HANDLE h, DWORD which, enum wl_form f, void *buf, DWORD *lpcb)
{
    uint64_t handle = dial_win_handle(h);
    union {
        WL_RASPPPIPA ip;
        WL_RASPPPLCPA lcp;
    } u;
    DWORD rc;

    if (!lpcb)
        return ERROR_INVALID_PARAMETER;
    switch (which) {
    case DIAL_RASP_PppIp:
        rc = dial_ras_projection_ip(handle, &u.ip);
        return rc ? rc : projection_out(WL_RASPPPIP, &u.ip, f, buf, lpcb);
    case DIAL_RASP_PppLcp:
        rc = dial_ras_projection_lcp(handle, &u.lcp);
        return rc ? rc : projection_out(WL_RASPPPLCP, &u.lcp, f, buf, lpcb);
    case DIAL_RASP_Amb: case DIAL_RASP_PppNbf: case DIAL_RASP_PppIpx: case DIAL_RASP_Slip:
        return projection_absent(handle, which);
    default: {
        /* IPv6, CCP: no string, one layout on both sides */
        uint32_t cb = *lpcb;
        rc = dial_ras_projection_raw(handle, which, buf, &cb);
        *lpcb = cb;
        return rc;
    }
    }
}

DWORD WINAPI
bridge_RasGetProjectionInfoW(HANDLE h, DWORD which, void *buf, DWORD *lpcb)
{
    return projection(h, which, WL_FORM_W, buf, lpcb);
}

DWORD WINAPI
bridge_RasGetProjectionInfoA(HANDLE h, DWORD which, void *buf, DWORD *lpcb)
{
    return projection(h, which, WL_FORM_A, buf, lpcb);
}

DWORD WINAPI
bridge_RasGetProjectionInfoEx(HANDLE h, void *info, DWORD *lpcb)
{
    if (!lpcb)
        return ERROR_INVALID_PARAMETER;
    uint32_t cb = *lpcb;
    DWORD rc = dial_ras_projection_ex(dial_win_handle(h), info, &cb);
    *lpcb = cb;
    return rc;
}

/* ---- statistics (RAS_STATS has no A/W forms) ---- */

DWORD WINAPI
bridge_RasGetConnectionStatistics(HANDLE h, void *stats)
{
    return dial_ras_statistics(dial_win_handle(h), stats);
}

DWORD WINAPI
bridge_RasClearConnectionStatistics(HANDLE h)
{
    return dial_ras_clear_statistics(dial_win_handle(h));
}

/* A link of a connection: every connection here has one link, number 1;
 * the SDK documents E_INVALIDARG for a zero or unknown sub-entry. */
DWORD WINAPI
bridge_RasGetLinkStatistics(HANDLE h, DWORD subentry, void *stats)
{
    if (subentry != 1)
        return DIAL_E_INVALIDARG;
    return dial_ras_statistics(dial_win_handle(h), stats);
}

DWORD WINAPI
bridge_RasClearLinkStatistics(HANDLE h, DWORD subentry)
{
    if (subentry != 1)
        return DIAL_E_INVALIDARG;
    return dial_ras_clear_statistics(dial_win_handle(h));
}

/* ---- RasGetSubEntryHandle ---- */

/* The handle of one link of a connection: every connection here has one
 * link, number 1, whose handle is the connection's (so RasHangUp of it
 * ends the connection, which is what dropping its only link does). */
static DWORD
subentry_handle(HANDLE h, DWORD subentry, HANDLE *out)
{
    WL_RASCONNSTATUSA st;
    DWORD rc;
    if (!out)
        return ERROR_INVALID_PARAMETER;
    if ((rc = dial_ras_status(dial_win_handle(h), &st)) != 0)
        return rc;
    if (subentry != 1)
        return DIAL_ERROR_PORT_NOT_OPEN;
    *out = h;
    return 0;
}

DWORD WINAPI
bridge_RasGetSubEntryHandleW(HANDLE h, DWORD subentry, HANDLE *out)
{
    return subentry_handle(h, subentry, out);
}

DWORD WINAPI
bridge_RasGetSubEntryHandleA(HANDLE h, DWORD subentry, HANDLE *out)
{
    return subentry_handle(h, subentry, out);
}

/* ---- RasGetEntryHrasconn ---- */

/* Entry names compare without regard to ASCII case, as the phonebook
 * (an INI file) and libras compare them. */
static bool
same_name(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
        if (!x)
            return true;
    }
}

/* The connection of an entry (undocumented, exported by Windows'
 * rasapi32): the first of the caller's connections whose entry has that
 * name, in that phonebook when one is named. 668 ERROR_NO_CONNECTION when
 * none is up. */
static DWORD
entry_hrasconn(enum wl_form f, const void *pbk, const void *entry, HANDLE *out)
{
    char *unix_pbk = NULL, *name = NULL;
    WL_RASCONNA *list = NULL;
    uint32_t n = 0;
    DWORD rc;

    if (!entry || !out)
        return ERROR_INVALID_PARAMETER;
    if ((rc = win_pbk_path(f, pbk, &unix_pbk)) != 0 ||
        (rc = win_str_to_utf8(f, entry, &name)) != 0 || (rc = dial_ras_enum(&list, &n)) != 0)
        goto out;
    rc = DIAL_ERROR_NO_CONNECTION;
    for (uint32_t i = 0; i < n; i++) {
        if (!same_name(list[i].szEntryName, name) ||
            (unix_pbk && strcmp(list[i].szPhonebook, unix_pbk) != 0))
            continue;
        *out = dial_win_hconn(list[i].hrasconn);
        rc = 0;
        break;
    }
out:
    dial_ras_free(list);
    HeapFree(GetProcessHeap(), 0, name);
    HeapFree(GetProcessHeap(), 0, unix_pbk);
    return rc;
}

DWORD WINAPI
bridge_RasGetEntryHrasconnW(LPCWSTR pbk, LPCWSTR entry, HANDLE *out)
{
    return entry_hrasconn(WL_FORM_W, pbk, entry, out);
}

DWORD WINAPI
bridge_RasGetEntryHrasconnA(LPCSTR pbk, LPCSTR entry, HANDLE *out)
{
    return entry_hrasconn(WL_FORM_A, pbk, entry, out);
}

/* ---- RasConnectionNotification ---- */

/* The relay's event operations, run on whichever thread holds its lock
 * (the Windows thread, or the program's thread dropping a registration):
 * both are Windows threads. */
static void
event_signal(void *ev)
{
    SetEvent(ev);
}

static void
event_release(void *ev)
{
    if (ev)
        CloseHandle(ev);
}

static const struct dial_relay_ops event_ops = { event_signal, event_release };

/* Ends the registration of (handle, ev): libras first (it stops writing
 * the eventfd), then the relay (which closes it). */
static void
unregister(int all, uint64_t handle, const void *ev)
{
    int efd = dial_relay_reg_fd(handle, ev);
    if (efd < 0)
        return;
    dial_ras_notify(all, handle, efd, 0);
    dial_relay_reg_drop(handle, ev);
}

/* Registrations of single connections that have gone: libras ended them
 * with the connection, the program seldom does. */
static void
drop_gone(void)
{
    uint64_t handles[DIAL_RELAY_MAX_REGS];
    const void *events[DIAL_RELAY_MAX_REGS];
    WL_RASCONNSTATUSA st;
    unsigned n = dial_relay_reg_list(handles, events, DIAL_RELAY_MAX_REGS);
    for (unsigned i = 0; i < n; i++)
        if (dial_ras_status(handles[i], &st) == ERROR_INVALID_HANDLE)
            unregister(0, handles[i], events[i]);
}

/* A new registration: the relay signals the program's event through a
 * duplicate of it (so a program that closes its handle early cannot make
 * the relay set a stranger's), on the Windows thread. */
static DWORD
register_event(int all, uint64_t handle, HANDLE ev, DWORD flags)
{
    HANDLE dup;
    int efd;
    DWORD rc;

    if (!DuplicateHandle(GetCurrentProcess(), ev, GetCurrentProcess(), &dup, 0, FALSE,
                         DUPLICATE_SAME_ACCESS))
        return ERROR_INVALID_HANDLE;
    dial_relay_set_ops(&event_ops);
    if ((rc = dial_relay_reg_add(handle, ev, dup, &efd)) != 0)
        return rc;
    if ((rc = dial_ras_notify(all, handle, efd, flags)) == 0 && !dial_win_thread_ensure())
        rc = ERROR_NOT_ENOUGH_MEMORY;
    if (rc)
        unregister(all, handle, ev);
    return rc;
}

static DWORD
connection_notification(HANDLE h, HANDLE ev, DWORD flags)
{
    int all = h == INVALID_HANDLE_VALUE;
    uint64_t handle = all ? 0 : dial_win_handle(h);
    int efd;

    if (!ev || ev == INVALID_HANDLE_VALUE)
        return ERROR_INVALID_HANDLE;
    /* a new connection cannot be announced on an existing one's handle */
    if ((flags & ~DIAL_RASCN_ALL) || (!all && (flags & DIAL_RASCN_Connection)))
        return ERROR_INVALID_PARAMETER;
    drop_gone();
    if (!flags) {
        unregister(all, handle, ev);
        return 0;
    }
    /* the same pair again: libras takes the new flags for its eventfd */
    if ((efd = dial_relay_reg_fd(handle, ev)) >= 0)
        return dial_ras_notify(all, handle, efd, flags);
    return register_event(all, handle, ev, flags);
}

DWORD WINAPI
bridge_RasConnectionNotificationW(HANDLE h, HANDLE ev, DWORD flags)
{
    return connection_notification(h, ev, flags);
}

DWORD WINAPI
bridge_RasConnectionNotificationA(HANDLE h, HANDLE ev, DWORD flags)
{
    return connection_notification(h, ev, flags);
}
