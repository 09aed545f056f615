/* Connection commands shared by rasdial and rasphone (see rasconn.h). The
 * dial is asynchronous only so progress can be printed as Windows' rasdial
 * prints it; the tool still returns once the outcome is known. */
#include "rasconn.h"

#include <errno.h>
#include <pthread.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "openras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "common/text.h"
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

static uint32_t
fill_conns(void *ctx, void *buf, DWORD *cb, DWORD *n)
{
    (void)ctx;
    return RasEnumConnectionsA(buf, cb, n);
}

/* The connection list (connections may come and go between the calls);
 * *conns is the caller's to ras_free. */
static uint32_t
enum_conns(RASCONNA **conns, DWORD *count)
{
    void *buf;
    uint32_t rc = rastool_fetch(fill_conns, NULL, sizeof(RASCONNA), &buf, NULL, count);
    if (rc == 0)
        *conns = buf;
    return rc;
}

void
rasconn_params_init(RASDIALPARAMSA *p, const char *entry)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    rastool_set_field(p->szEntryName, sizeof(p->szEntryName), entry);
}

uint32_t
rasconn_params_saved(const char *phonebook, const char *entry, RASDIALPARAMSA *p)
{
    BOOL has_pw = FALSE;
    rasconn_params_init(p, entry);
    uint32_t rc = RasGetEntryDialParamsA(phonebook, p, &has_pw);
    /* A credentials file refused (a loose mode, a symlink: 5) is an error,
     * not "none saved": dialing with no user name would only earn the
     * server's 691. */
    if (rc == ERROR_ACCESS_DENIED)
        return rc;
    if (rc != 0)
        rasconn_params_init(p, entry);
    return 0;
}

uint32_t
rasconn_check_entry(const char *phonebook, const char *entry)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    /* Too small only means alternate numbers follow: the entry is there. */
    uint32_t rc = RasGetEntryPropertiesA(phonebook, entry, &e, &cb, NULL, NULL);
    return rc == ERROR_BUFFER_TOO_SMALL ? 0 : rc;
}

/* The local user database (/etc/passwd) read directly, not through NSS:
 * NSS loads modules whose memory is never given back, and the tools, like
 * the rest of OpenRAS, end with nothing allocated. A user known only to a
 * directory service is shown, and can be named, by uid. Finds name, or
 * when name is NULL uid; the strings point into buf. */
static bool
passwd_find(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t n)
{
    struct passwd *res = NULL;
    bool found = false;
    FILE *f = fopen("/etc/passwd", "re");
    if (!f)
        return false;
    while (!found && fgetpwent_r(f, pw, buf, n, &res) == 0 && res)
        found = name ? strcmp(res->pw_name, name) == 0 : res->pw_uid == uid;
    fclose(f);
    return found;
}

uint32_t
rasconn_parse_owner(const char *s, rasconn_owner *out)
{
    struct passwd pw;
    char buf[4096];
    if (passwd_find(s, 0, &pw, buf, sizeof(buf))) {
        *out = pw.pw_uid;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!s[0] || *end || errno || s[0] == '-' || v > UINT32_MAX - 1)
        return ERROR_INVALID_PARAMETER;
    *out = (rasconn_owner)v;
    return 0;
}

/* Whether c belongs to owner (another user's connection is listed to
 * root only, with RASCF_OwnerMatch clear). */
static bool
owned_by(const RASCONNA *c, rasconn_owner owner)
{
    if (owner == RASCONN_OWN)
        return (c->dwFlags & RASCF_OwnerMatch) != 0;
    uid_t uid;
    return OpenRasGetConnectionOwner(c->hrasconn, &uid) == 0 && uid == (uid_t)owner;
}

/* The connection's state; a handle gone meanwhile reads as Disconnected. */
static RASCONNSTATE
conn_state(HRASCONN h)
{
    RASCONNSTATUSA s;
    memset(&s, 0, sizeof(s));
    s.dwSize = sizeof(s);
    return RasGetConnectStatusA(h, &s) == 0 ? s.rasconnstate : RASCS_Disconnected;
}

uint32_t
rasconn_find(const char *entry, rasconn_owner owner, HRASCONN *out, RASCONNSTATE *state)
{
    RASCONNA *c;
    DWORD n, mine = 0;
    HRASCONN found = NULL;
    RASCONNSTATE found_state = RASCS_Disconnected;
    uint32_t rc = enum_conns(&c, &n);
    if (rc)
        return rc;
    for (DWORD i = 0; i < n; i++) {
        if (!owned_by(&c[i], owner) || (entry && !text_name_eq(c[i].szEntryName, entry)))
            continue;
        mine++;
        RASCONNSTATE st = conn_state(c[i].hrasconn);
        if (!found || (found_state == RASCS_Disconnected && st != RASCS_Disconnected)) {
            found = c[i].hrasconn;
            found_state = st;
        }
    }
    ras_free(c);
    /* without a name, only an unambiguous connection */
    if (!found || (!entry && mine != 1))
        return ERROR_NO_CONNECTION;
    *out = found;
    if (state)
        *state = found_state;
    return 0;
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

/* A user's name when it resolves (passwd_find), else the uid; escaped (a
 * name from the user database is still not ours to trust). */
static const char *
rasconn_owner_name(uid_t uid)
{
    struct passwd pw;
    char buf[4096], num[24];
    if (passwd_find(NULL, uid, &pw, buf, sizeof(buf)))
        return rastool_esc(pw.pw_name);
    snprintf(num, sizeof(num), "%u", (unsigned)uid);
    return rastool_esc(num);
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
    for (DWORD i = 0; i < n; i++) {
        char who[64] = "";
        uid_t uid;
        if (!(c[i].dwFlags & RASCF_OwnerMatch) &&
            OpenRasGetConnectionOwner(c[i].hrasconn, &uid) == 0)
            snprintf(who, sizeof(who), " (owner %s)", rasconn_owner_name(uid));
        fprintf(f, "%s%s%s\n",
                c[i].szEntryName[0] ? rastool_esc(c[i].szEntryName) : "(no entry)",
                conn_state(c[i].hrasconn) == RASCS_Disconnected ? " (disconnected)" : "", who);
    }
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

/* AT+CSQ's rssi as 27.007 defines it: -113 dBm + 2 dBm a step. */
static void
print_signal(FILE *f, DWORD rssi)
{
    if (rssi <= 31)
        fprintf(f, "  Signal          %lu (%d dBm, AT+CSQ before the dial)\n",
                (unsigned long)rssi, -113 + 2 * (int)rssi);
    else
        fprintf(f, "  Signal          unknown (AT+CSQ %lu)\n", (unsigned long)rssi);
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
            fprintf(f, "  Interface       %s\n", rastool_esc(li.szInterface));
        else
            fprintf(f, "  Interface       none (error %u)\n", li.dwInterfaceError);
        if (li.dwSignalQuality != OPENRAS_SIGNAL_NONE)
            print_signal(f, li.dwSignalQuality);
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
    if (s.dwError) {
        char msg[512];
        if (RasGetErrorStringA(s.dwError, msg, sizeof(msg)) != 0)
            snprintf(msg, sizeof(msg), "(no message for this code)");
        fprintf(f, "  Error           %u - %s\n", s.dwError, rastool_esc(msg));
    }
    uid_t uid;
    if (OpenRasGetConnectionOwner(h, &uid) == 0 && uid != getuid())
        fprintf(f, "  Owner           %s\n", rasconn_owner_name(uid));
    fprintf(f, "  Device          %s (%s), number %s\n", rastool_esc(s.szDeviceName),
            rastool_esc(s.szDeviceType), rastool_esc(s.szPhoneNumber));
    show_projection(f, h);
    show_stats(f, h);
    return 0;
}
