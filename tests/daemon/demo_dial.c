/* The demo's dialer (scripts/demo.sh): dials the loopback port (the
 * simulated modem and ISP) through libras and rasmand, printing every
 * state as the notifier sees it, the addresses and DNS it got; then, as
 * separate commands like Windows' rasdial, the statistics and the
 * hang-up of that connection by its handle. Used until the phonebook and
 * the rasdial tool are on this branch.
 *
 *   demo-dial dial ENTRY      prints "handle 0x..." last
 *   demo-dial stats HANDLE
 *   demo-dial hangup HANDLE   returns once the connection is gone
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "ipc/ipc_proto.h"
#include "lib/rasman_client.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool done;
static DWORD final_error;
static struct timespec t0;

static double
ms_since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) * 1e3 + (double)(now.tv_nsec - a->tv_nsec) / 1e6;
}

static const char *
state_name(RASCONNSTATE s)
{
    switch (s) {
    case RASCS_OpenPort: return "OpenPort            opening the port";
    case RASCS_PortOpened: return "PortOpened          port is open";
    case RASCS_ConnectDevice: return "ConnectDevice       dialing (simulated modem)";
    case RASCS_DeviceConnected: return "DeviceConnected     CONNECT 115200";
    case RASCS_AllDevicesConnected: return "AllDevicesConnected";
    case RASCS_Authenticate: return "Authenticate        PPP: LCP and authentication";
    case RASCS_Authenticated: return "Authenticated";
    case RASCS_Projected: return "Projected           PPP: IPCP done";
    case RASCS_Connected: return "Connected";
    default: return "?";
    }
}

static VOID WINAPI
notifier(HRASCONN h, UINT msg, RASCONNSTATE st, DWORD err, DWORD exterr)
{
    (void)h; (void)msg; (void)exterr;
    char text[256];
    if (err)
        RasGetErrorStringA(err, text, sizeof(text));
    pthread_mutex_lock(&mu);
    if (err)
        printf("  %7.2f ms  %s: error %u, %s\n", ms_since(&t0), state_name(st), err, text);
    else
        printf("  %7.2f ms  %s\n", ms_since(&t0), state_name(st));
    fflush(stdout);
    if (err || st == RASCS_Connected) {
        done = true;
        final_error = err;
        pthread_cond_signal(&cv);
    }
    pthread_mutex_unlock(&mu);
}

static void
ip4(char *buf, size_t cap, uint32_t a)
{
    snprintf(buf, cap, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

static int
cmd_dial(const char *entry)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    e.dwfNetProtocols = RASNP_Ip;
    e.dwFramingProtocol = RASFP_Ppp;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    snprintf(p.szEntryName, sizeof(p.szEntryName), "%s", entry);
    snprintf(p.szUserName, sizeof(p.szUserName), "demo");
    snprintf(p.szPassword, sizeof(p.szPassword), "demo");
    printf("Dialing \"%s\" on the loopback port (a SIMULATED modem and ISP, user demo)\n",
           entry);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    DWORD rc = ras_dial_entry(&e, "", entry, "555-0100", &p, NULL, 1, (void *)notifier, &h);
    memset(&p, 0, sizeof(p));
    if (rc) {
        char text[256];
        RasGetErrorStringA(rc, text, sizeof(text));
        printf("RasDial failed: error %u, %s\n", rc, text);
        return 1;
    }
    pthread_mutex_lock(&mu);
    while (!done)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    if (final_error) {
        RasHangUpA(h);
        return 1;
    }
    printf("Connected in %.2f ms.\n", ms_since(&t0));

    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    if (RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb) == 0)
        printf("  IPv4 address   %s (server %s)\n", ip.szIpAddress, ip.szServerIpAddress);
    RASPPPLCPA lcp = { .dwSize = sizeof(lcp) };
    cb = sizeof(lcp);
    if (RasGetProjectionInfoA(h, RASP_PppLcp, &lcp, &cb) == 0)
        printf("  Authentication %s\n", lcp.dwAuthenticationProtocol == RASLCPAP_PAP ? "PAP"
               : lcp.dwAuthenticationProtocol == RASLCPAP_CHAP
                   ? (lcp.dwAuthenticationData == RASLCPAD_CHAP_MSV2 ? "MS-CHAPv2" : "CHAP-MD5")
                   : "none");
    /* DNS is in no RAS projection struct (Windows shows it on the
     * adapter); rasmand's own projection reply carries it */
    struct ipc_msg *req = ras_malloc(sizeof(*req));
    uint8_t *rep = ras_malloc(IPC_MAX_MSG);
    struct ipc_projection pr;
    size_t n;
    if (req && rep) {
        ipc_enc_handle(req, IPC_REQ_PROJECTION, 0, rasc_handle(h));
        if (rasc_call(req, IPC_REP_PROJECTION, rep, &n, false) == 0 &&
            ipc_dec_rep_projection(rep, n, &pr)) {
            char d1[16], d2[16];
            ip4(d1, sizeof(d1), pr.dns1);
            ip4(d2, sizeof(d2), pr.dns2);
            printf("  DNS servers    %s, %s\n", d1, d2);
            if (pr.ifname[0])
                printf("  Interface      %s\n", pr.ifname);
            else
                printf("  Interface      none (error %u: not root, or no /dev/net/tun)\n",
                       pr.net_error);
        }
    }
    ras_free(req);
    ras_free(rep);
    printf("handle %#llx\n", (unsigned long long)rasc_handle(h));
    ras_client_shutdown();
    return 0;
}

static HRASCONN
parse_handle(const char *s)
{
    return rasc_hconn(strtoull(s, NULL, 16));
}

static int
cmd_stats(const char *hs)
{
    RAS_STATS st = { .dwSize = sizeof(st) };
    DWORD rc = RasGetConnectionStatistics(parse_handle(hs), &st);
    if (rc) {
        printf("RasGetConnectionStatistics: error %u\n", rc);
        return 1;
    }
    printf("Statistics (RasGetConnectionStatistics):\n"
           "  bytes sent %u, received %u; frames sent %u, received %u\n"
           "  CRC errors %u, framing errors %u, timeouts %u, buffer overruns %u\n"
           "  speed %u bps, connected for %u ms\n",
           st.dwBytesXmited, st.dwBytesRcved, st.dwFramesXmited, st.dwFramesRcved,
           st.dwCrcErr, st.dwFramingErr, st.dwTimeoutErr, st.dwBufferOverrunErr, st.dwBps,
           st.dwConnectDuration);
    return 0;
}

static int
cmd_hangup(const char *hs)
{
    HRASCONN h = parse_handle(hs);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    DWORD rc = RasHangUpA(h);
    if (rc) {
        printf("RasHangUp: error %u\n", rc);
        return 1;
    }
    /* as Microsoft advises: poll until the handle is gone */
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    while (RasGetConnectStatusA(h, &s) != ERROR_INVALID_HANDLE)
        usleep(1000);
    printf("Hung up; the line was down after %.2f ms.\n", ms_since(&start));
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "dial") == 0)
        return cmd_dial(argv[2]);
    if (argc == 3 && strcmp(argv[1], "stats") == 0)
        return cmd_stats(argv[2]);
    if (argc == 3 && strcmp(argv[1], "hangup") == 0)
        return cmd_hangup(argv[2]);
    fprintf(stderr, "usage: demo-dial dial ENTRY | stats HANDLE | hangup HANDLE\n");
    return 2;
}
