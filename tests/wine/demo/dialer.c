/* The `make demo-wine` dialer: an ordinary Windows program, built with
 * MinGW against MinGW's ras.h, as dial-up software has been written since
 * NT4. It lists the phonebook, dials an entry asynchronously with a
 * RasDialFunc1 notifier that prints every state as it arrives, shows the
 * addresses and statistics, and hangs up.
 *
 *   dialer.exe [--hold] [ENTRY [USER PASSWORD]]
 *
 * (default: "OpenRAS demo", saved credentials). --hold: once connected,
 * wait for Enter before hanging up (make demo-wine shows the link from the
 * Linux side meanwhile). */
#include <windows.h>
#include <ras.h>
#include <raserror.h>

#include <stdio.h>
#include <string.h>

static HANDLE done;
static DWORD dial_error;

static const char *
state_name(RASCONNSTATE s)
{
    switch (s) {
    case RASCS_OpenPort: return "RASCS_OpenPort";
    case RASCS_PortOpened: return "RASCS_PortOpened";
    case RASCS_ConnectDevice: return "RASCS_ConnectDevice";
    case RASCS_DeviceConnected: return "RASCS_DeviceConnected";
    case RASCS_AllDevicesConnected: return "RASCS_AllDevicesConnected";
    case RASCS_Authenticate: return "RASCS_Authenticate";
    case RASCS_AuthNotify: return "RASCS_AuthNotify";
    case RASCS_AuthRetry: return "RASCS_AuthRetry";
    case RASCS_AuthCallback: return "RASCS_AuthCallback";
    case RASCS_AuthChangePassword: return "RASCS_AuthChangePassword";
    case RASCS_AuthProject: return "RASCS_AuthProject";
    case RASCS_AuthLinkSpeed: return "RASCS_AuthLinkSpeed";
    case RASCS_AuthAck: return "RASCS_AuthAck";
    case RASCS_ReAuthenticate: return "RASCS_ReAuthenticate";
    case RASCS_Authenticated: return "RASCS_Authenticated";
    case RASCS_PrepareForCallback: return "RASCS_PrepareForCallback";
    case RASCS_WaitForModemReset: return "RASCS_WaitForModemReset";
    case RASCS_WaitForCallback: return "RASCS_WaitForCallback";
    case RASCS_Projected: return "RASCS_Projected";
    case RASCS_Connected: return "RASCS_Connected";
    case RASCS_Disconnected: return "RASCS_Disconnected";
    default: return "RASCS_(other)";
    }
}

static const char *
u8(const WCHAR *w)
{
    static char ring[4][512];
    static int next;
    char *out = ring[next++ % 4];
    WideCharToMultiByte(CP_UTF8, 0, w, -1, out, sizeof(ring[0]), NULL, NULL);
    return out;
}

/* RasDial calls this on a thread of its own for every state. */
static VOID WINAPI
on_state(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)msg; (void)ext;
    printf("  notifier: %-26s (0x%04x)  handle %p%s\n", state_name(state), (unsigned)state,
           (void *)h, err ? "  FAILED" : "");
    fflush(stdout);
    if (err)
        dial_error = err;
    if (state == RASCS_Connected || err)
        SetEvent(done);
}

static void
list_entries(void)
{
    static RASENTRYNAMEW names[32];
    DWORD cb = sizeof(names), n = 0;
    names[0].dwSize = sizeof(names[0]);
    DWORD rc = RasEnumEntriesW(NULL, NULL, names, &cb, &n);
    printf("RasEnumEntriesW: %lu, %lu entries in the default phonebook:\n", (unsigned long)rc,
           (unsigned long)n);
    for (DWORD i = 0; i < n && i < 32; i++)
        printf("  %s\n", u8(names[i].szEntryName));
}

static void
show_link(HRASCONN h)
{
    RASPPPIPW ip;
    DWORD cb = sizeof(ip);
    memset(&ip, 0, sizeof(ip));
    ip.dwSize = sizeof(ip);
    if (RasGetProjectionInfoW(h, RASP_PppIp, &ip, &cb) == 0)
        printf("RasGetProjectionInfoW: address %s, the ISP's %s\n", u8(ip.szIpAddress),
               u8(ip.szServerIpAddress));
    RASCONNSTATUSW st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    if (RasGetConnectStatusW(h, &st) == 0)
        printf("RasGetConnectStatusW: %s on %s \"%s\"\n", state_name(st.rasconnstate),
               u8(st.szDeviceType), u8(st.szDeviceName));
    RAS_STATS stats;
    memset(&stats, 0, sizeof(stats));
    stats.dwSize = sizeof(stats);
    if (RasGetConnectionStatistics(h, &stats) == 0)
        printf("RasGetConnectionStatistics: %lu bytes sent, %lu received, %lu bps\n",
               (unsigned long)stats.dwBytesXmited, (unsigned long)stats.dwBytesRcved,
               (unsigned long)stats.dwBps);
}

int
main(int argc, char **argv)
{
    RASDIALPARAMSW p;
    HRASCONN h = NULL;
    BOOL saved = FALSE;
    WCHAR text[512];
    BOOL hold = argc > 1 && strcmp(argv[1], "--hold") == 0;
    if (hold) {
        argv++;
        argc--;
    }
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    MultiByteToWideChar(CP_ACP, 0, argc > 1 ? argv[1] : "OpenRAS demo", -1, p.szEntryName,
                        RAS_MaxEntryName + 1);
    list_entries();
    /* the user name and password saved with the entry, unless given */
    RasGetEntryDialParamsW(NULL, &p, &saved);
    if (argc > 3) {
        MultiByteToWideChar(CP_ACP, 0, argv[2], -1, p.szUserName, UNLEN + 1);
        MultiByteToWideChar(CP_ACP, 0, argv[3], -1, p.szPassword, PWLEN + 1);
    }
    done = CreateEventW(NULL, TRUE, FALSE, NULL);
    printf("RasDialW(\"%s\") with a RasDialFunc1 notifier:\n", u8(p.szEntryName));
    fflush(stdout);
    DWORD rc = RasDialW(NULL, NULL, &p, 1, (LPVOID)on_state, &h);
    SecureZeroMemory(p.szPassword, sizeof(p.szPassword));
    if (rc == 0 && WaitForSingleObject(done, 30000) != WAIT_OBJECT_0)
        rc = ERROR_TIMEOUT;
    if (rc == 0)
        rc = dial_error;
    if (rc != 0) {
        RasGetErrorStringW(rc, text, 512);
        printf("dial failed: %lu %s\n", (unsigned long)rc, u8(text));
        if (h)
            RasHangUpW(h);
        return 1;
    }
    show_link(h);
    if (hold) {
        char line[16];
        printf("holding the link: Enter hangs up\n");
        fflush(stdout);
        if (!fgets(line, sizeof(line), stdin))
            printf("(no more input)\n");
    }
    printf("RasHangUpW: %lu\n", (unsigned long)RasHangUpW(h));
    /* Windows programs wait until the handle is gone before they exit */
    RASCONNSTATUSW st;
    st.dwSize = sizeof(st);
    for (int i = 0; i < 500 && RasGetConnectStatusW(h, &st) != ERROR_INVALID_HANDLE; i++)
        Sleep(10);
    printf("hung up.\n");
    return 0;
}
