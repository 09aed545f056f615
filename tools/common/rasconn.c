/* Connection commands shared by rasdial and rasphone (see rasconn.h). The
 * dial is asynchronous only so progress can be printed as Windows' rasdial
 * prints it; the tool still returns once the outcome is known. */
#include "rasconn.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "openras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "rastool.h"

/* One dial per process: the notifier reports into this. */
static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done, verbose;
    DWORD error;
    struct timespec t0;
} dial = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false, 0, { 0, 0 } };

const char *
rasconn_state_name(RASCONNSTATE s)
{
    static const char *const names[] = {
        "RASCS_OpenPort", "RASCS_PortOpened", "RASCS_ConnectDevice",
        "RASCS_DeviceConnected", "RASCS_AllDevicesConnected", "RASCS_Authenticate",
        "RASCS_AuthNotify", "RASCS_AuthRetry", "RASCS_AuthCallback",
        "RASCS_AuthChangePassword", "RASCS_AuthProject", "RASCS_AuthLinkSpeed",
        "RASCS_AuthAck", "RASCS_ReAuthenticate", "RASCS_Authenticated",
        "RASCS_PrepareForCallback", "RASCS_WaitForModemReset", "RASCS_WaitForCallback",
        "RASCS_Projected", "RASCS_StartAuthentication", "RASCS_CallbackComplete",
        "RASCS_LogonNetwork", "RASCS_SubEntryConnected", "RASCS_SubEntryDisconnected",
        "RASCS_ApplySettings",
    };
    if ((unsigned)s < sizeof(names) / sizeof(names[0]))
        return names[s];
    if (s == RASCS_Connected)
        return "RASCS_Connected";
    if (s == RASCS_Disconnected)
        return "RASCS_Disconnected";
    return "RASCS_?";
}

static double
ms_since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) * 1e3 + (double)(now.tv_nsec - a->tv_nsec) / 1e6;
}

/* The lines Windows' rasdial prints on the way (its other states pass
 * silently). */
static const char *
progress_line(RASCONNSTATE s)
{
    switch (s) {
    case RASCS_Authenticate: return "Verifying username and password...";
    case RASCS_Authenticated: return "Registering your computer on the network...";
    default: return NULL;
    }
}

static VOID WINAPI
on_state(HRASCONN h, UINT msg, RASCONNSTATE s, DWORD err, DWORD exterr)
{
    (void)h; (void)msg; (void)exterr;
    pthread_mutex_lock(&dial.mu);
    if (dial.verbose)
        printf("  %8.2f ms  %s%s\n", ms_since(&dial.t0), rasconn_state_name(s),
               err ? " (failed)" : "");
    else if (!err && progress_line(s))
        printf("%s\n", progress_line(s));
    fflush(stdout);
    if (err || s == RASCS_Connected) {
        dial.done = true;
        dial.error = err;
        pthread_cond_signal(&dial.cv);
    }
    pthread_mutex_unlock(&dial.mu);
}

uint32_t
rasconn_dial(const char *phonebook, RASDIALPARAMSA *p, RASDIALEXTENSIONS *ext, bool verbose,
             HRASCONN *out)
{
    HRASCONN h = NULL;
    dial.done = false;
    dial.error = 0;
    dial.verbose = verbose;
    clock_gettime(CLOCK_MONOTONIC, &dial.t0);
    uint32_t rc = RasDialA(ext, phonebook, p, 1, (void *)on_state, &h);
    if (rc == 0) {
        pthread_mutex_lock(&dial.mu);
        while (!dial.done)
            pthread_cond_wait(&dial.cv, &dial.mu);
        rc = dial.error;
        pthread_mutex_unlock(&dial.mu);
    }
    if (rc && h) {
        rasconn_hangup(h);
        h = NULL;
    }
    if (!rc) {
        if (verbose)
            printf("Connected in %.2f ms.\n", ms_since(&dial.t0));
        *out = h;
    }
    return rc;
}

/* The connection list; *conns is the caller's to ras_free. */
static uint32_t
enum_conns(RASCONNA **conns, DWORD *count)
{
    DWORD cb = sizeof(RASCONNA), n = 0;
    RASCONNA *buf = NULL;
    uint32_t rc;
    /* Connections may come and go between the calls: retry on a grown list. */
    for (int tries = 0; tries < 4; tries++) {
        ras_free(buf);
        if (!(buf = ras_calloc(1, cb)))
            return ERROR_NOT_ENOUGH_MEMORY;
        buf->dwSize = sizeof(RASCONNA);
        rc = RasEnumConnectionsA(buf, &cb, &n);
        if (rc != ERROR_BUFFER_TOO_SMALL)
            break;
    }
    if (rc) {
        ras_free(buf);
        return rc;
    }
    *conns = buf;
    *count = n;
    return 0;
}

uint32_t
rasconn_find(const char *entry, HRASCONN *out)
{
    RASCONNA *c;
    DWORD n;
    uint32_t rc = enum_conns(&c, &n);
    if (rc)
        return rc;
    rc = ERROR_NO_CONNECTION;
    for (DWORD i = 0; i < n; i++) {
        if (entry ? !strcmp(c[i].szEntryName, entry) : n == 1) {
            *out = c[i].hrasconn;
            rc = 0;
            break;
        }
    }
    ras_free(c);
    return rc;
}

uint32_t
rasconn_hangup(HRASCONN h)
{
    RASCONNSTATUSA s;
    /* Each RasDial of a connected entry added a reference that needs its
     * own RasHangUp (ras-api.md 2b); the tools end the connection, so they
     * hang up until the handle is gone. */
    for (int i = 0; i < 10000; i++) {
        uint32_t rc = RasHangUpA(h);
        if (rc == ERROR_INVALID_HANDLE && i > 0)
            return 0;
        if (rc)
            return rc;
        memset(&s, 0, sizeof(s));
        s.dwSize = sizeof(s);
        if (RasGetConnectStatusA(h, &s) == ERROR_INVALID_HANDLE)
            return 0;
        usleep(1000);
    }
    return ERROR_HANGUP_FAILED;
}

uint32_t
rasconn_list(FILE *f)
{
    RASCONNA *c;
    DWORD n;
    uint32_t rc = enum_conns(&c, &n);
    if (rc)
        return rc;
    if (n == 0)
        fprintf(f, "No connections\n");
    else
        fprintf(f, "Connected to\n");
    for (DWORD i = 0; i < n; i++)
        fprintf(f, "%s\n", c[i].szEntryName[0] ? c[i].szEntryName : "(no entry)");
    ras_free(c);
    return 0;
}

static const char *
auth_name(const RASPPPLCPA *l)
{
    switch (l->dwAuthenticationProtocol) {
    case RASLCPAP_PAP: return "PAP";
    case RASLCPAP_CHAP:
        return l->dwAuthenticationData == RASLCPAD_CHAP_MSV2 ? "MS-CHAPv2" : "CHAP (MD5)";
    case 0: return "none";
    default: return "other";
    }
}

static void
show_projection(FILE *f, HRASCONN h)
{
    RASPPPIPA ip;
    RASPPPLCPA lcp;
    OPENRAS_LINKINFO li;
    DWORD cb = sizeof(ip);
    memset(&ip, 0, sizeof(ip));
    ip.dwSize = sizeof(ip);
    if (RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb) == 0 && ip.dwError == 0)
        fprintf(f, "  IPv4 address    %s (server %s)\n", ip.szIpAddress, ip.szServerIpAddress);
    memset(&lcp, 0, sizeof(lcp));
    lcp.dwSize = sizeof(lcp);
    cb = sizeof(lcp);
    if (RasGetProjectionInfoA(h, RASP_PppLcp, &lcp, &cb) == 0)
        fprintf(f, "  Authentication  %s\n", auth_name(&lcp));
    memset(&li, 0, sizeof(li));
    li.dwSize = sizeof(li);
    if (OpenRasGetLinkInfo(h, &li) == 0) {
        fprintf(f, "  DNS servers     %s%s%s\n", li.szDnsPrimary[0] ? li.szDnsPrimary : "none",
                li.szDnsSecondary[0] ? ", " : "", li.szDnsSecondary);
        if (li.szInterface[0])
            fprintf(f, "  Interface       %s\n", li.szInterface);
        else
            fprintf(f, "  Interface       none (error %u)\n", li.dwInterfaceError);
        if (li.dwFlags & (OPENRAS_LINK_ROUTE_WITHHELD | OPENRAS_LINK_DNS_WITHHELD))
            fprintf(f, "  Not applied     %s%s%s (root or group dip only)\n",
                    (li.dwFlags & OPENRAS_LINK_ROUTE_WITHHELD) ? "default route" : "",
                    (li.dwFlags & OPENRAS_LINK_ROUTE_WITHHELD) &&
                    (li.dwFlags & OPENRAS_LINK_DNS_WITHHELD) ? ", " : "",
                    (li.dwFlags & OPENRAS_LINK_DNS_WITHHELD) ? "DNS servers" : "");
    }
}

static void
show_stats(FILE *f, HRASCONN h)
{
    RAS_STATS st;
    memset(&st, 0, sizeof(st));
    st.dwSize = sizeof(st);
    if (RasGetConnectionStatistics(h, &st) != 0)
        return;
    fprintf(f, "  Bytes           %u sent, %u received\n", st.dwBytesXmited, st.dwBytesRcved);
    fprintf(f, "  Frames          %u sent, %u received\n", st.dwFramesXmited, st.dwFramesRcved);
    fprintf(f, "  Errors          CRC %u, framing %u, timeout %u, alignment %u, "
               "overrun %u, buffer overrun %u\n", st.dwCrcErr, st.dwFramingErr,
            st.dwTimeoutErr, st.dwAlignmentErr, st.dwHardwareOverrunErr,
            st.dwBufferOverrunErr);
    fprintf(f, "  Speed           %u bps, up %u.%03u s\n", st.dwBps,
            st.dwConnectDuration / 1000, st.dwConnectDuration % 1000);
}

uint32_t
rasconn_show(FILE *f, HRASCONN h)
{
    RASCONNSTATUSA s;
    memset(&s, 0, sizeof(s));
    s.dwSize = sizeof(s);
    uint32_t rc = RasGetConnectStatusA(h, &s);
    if (rc)
        return rc;
    fprintf(f, "  State           %s%s\n", rasconn_state_name(s.rasconnstate),
            s.dwError ? " (failed)" : "");
    fprintf(f, "  Device          %s (%s), number %s\n", s.szDeviceName, s.szDeviceType,
            s.szPhoneNumber);
    show_projection(f, h);
    show_stats(f, h);
    return 0;
}
