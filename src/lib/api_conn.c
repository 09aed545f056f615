/* The connection API over rasmand: RasHangUp, RasGetConnectStatus,
 * RasEnumConnections, RasGetProjectionInfo, RasGet/ClearConnectionStatistics
 * and RasConnectionNotification, and OpenRAS's link, owner and daemon
 * queries. Each call is one request on its own
 * socket (query()); its buffers are allocated for the call and freed
 * before it returns. With no rasmand running there is no connection:
 * handles are stale (6) and the enumeration is empty; nothing is started
 * for that. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "ipc/ipc_proto.h"
#include "lib/rasman_client.h"
#include "lib/structsize.h"

/* Decodes a reply of type want into out, the struct that type has. */
static bool
decode(uint16_t want, const uint8_t *buf, size_t n, void *out)
{
    switch (want) {
    case IPC_REP_ERROR: return ipc_dec_rep_error(buf, n, out);
    case IPC_REP_STATUS: return ipc_dec_rep_status(buf, n, out);
    case IPC_REP_ENUM: return ipc_dec_rep_enum(buf, n, out);
    case IPC_REP_PROJECTION: return ipc_dec_rep_projection(buf, n, out);
    case IPC_REP_STATS: return ipc_dec_rep_stats(buf, n, out);
    case IPC_REP_INFO: return ipc_dec_rep_info(buf, n, out);
    default: return false;
    }
}

/* One request of type (about the connection handle, or for handle 0 about
 * none) and its reply of type want decoded into out. The one buffer
 * allocated for the call carries the request and then the reply: the
 * request is sent and wiped before the reply is read. out is the caller's
 * struct for that reply. Returns no_rasmand when no rasmand runs. */
static uint32_t
query(uint16_t type, uint64_t handle, uint16_t want, void *out, uint32_t no_rasmand)
{
    struct ipc_msg *m = ras_malloc(sizeof(*m));
    size_t n;
    if (!m)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (handle)
        ipc_enc_handle(m, type, 0, handle);
    else
        ipc_enc_empty(m, type, 0);
    uint32_t rc = rasc_call(m, want, m->buf, &n, false);
    if (rc == ERROR_RASMAN_CANNOT_INITIALIZE)
        rc = no_rasmand;
    else if (!rc && !decode(want, m->buf, n, out))
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    ras_free(m);
    return rc;
}

/* A query about connection h: with no rasmand, no connection has it. */
static uint32_t
handle_query(HRASCONN h, uint16_t type, uint16_t want, void *out)
{
    return query(type, rasc_handle(h), want, out, ERROR_INVALID_HANDLE);
}

/* A request rasmand answers with an error code only: that code. */
static uint32_t
handle_order(HRASCONN h, uint16_t type)
{
    uint32_t err = 0;
    uint32_t rc = handle_query(h, type, IPC_REP_ERROR, &err);
    return rc ? rc : err;
}

static bool
plausible(HRASCONN h)
{
    return h && IPC_HANDLE_PLAUSIBLE(rasc_handle(h));
}

DWORD APIENTRY
RasHangUpA(HRASCONN hrasconn)
{
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    /* notifications stop now, even if called from inside one */
    ras_dial_forget(rasc_handle(hrasconn));
    return handle_order(hrasconn, IPC_REQ_HANGUP);
}

DWORD APIENTRY
RasGetConnectStatusA(HRASCONN hrasconn, LPRASCONNSTATUSA s)
{
    if (!s)
        return ERROR_INVALID_PARAMETER;
    if (ras_struct_check(RAS_ST_RASCONNSTATUS, s->dwSize))
        return ERROR_INVALID_SIZE;
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    struct ipc_status st;
    uint32_t rc = handle_query(hrasconn, IPC_REQ_STATUS, IPC_REP_STATUS, &st);
    if (rc)
        return rc;
    DWORD size = s->dwSize;
    memset((char *)s + sizeof(DWORD), 0, size - sizeof(DWORD));
    s->rasconnstate = (RASCONNSTATE)st.state;
    s->dwError = st.conn_error;
    snprintf(s->szDeviceType, sizeof(s->szDeviceType), "%s", st.device_type);
    snprintf(s->szDeviceName, sizeof(s->szDeviceName), "%s", st.device_name);
    if (RAS_SIZE_COVERS(RASCONNSTATUSA, szPhoneNumber, size))
        snprintf(s->szPhoneNumber, sizeof(s->szPhoneNumber), "%s", st.phone);
    /* Windows 7 fields: PPP has no tunnel end points, substate None */
    return 0;
}

DWORD
OpenRasGetConnectionOwner(HRASCONN hrasconn, uid_t *owner)
{
    if (!owner)
        return ERROR_INVALID_PARAMETER;
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    struct ipc_status st;
    uint32_t rc = handle_query(hrasconn, IPC_REQ_STATUS, IPC_REP_STATUS, &st);
    if (!rc)
        *owner = (uid_t)st.owner;
    return rc;
}

static void
fill_conn(RASCONNA *r, DWORD stride, const struct ipc_conn_info *ci)
{
    memset(r, 0, stride);
    r->dwSize = stride;
    r->hrasconn = rasc_hconn(ci->handle);
    snprintf(r->szEntryName, sizeof(r->szEntryName), "%s", ci->entry);
    snprintf(r->szDeviceType, sizeof(r->szDeviceType), "%s", ci->device_type);
    snprintf(r->szDeviceName, sizeof(r->szDeviceName), "%s", ci->device_name);
    if (RAS_SIZE_COVERS(RASCONNA, dwSubEntry, stride)) {
        snprintf(r->szPhonebook, sizeof(r->szPhonebook), "%s", ci->phonebook);
        r->dwSubEntry = 1;
    }
    if (RAS_SIZE_COVERS(RASCONNA, dwFlags, stride))
        r->dwFlags = ci->flags;
}

DWORD APIENTRY
RasEnumConnectionsA(LPRASCONNA lprasconn, LPDWORD lpcb, LPDWORD lpcConnections)
{
    if (!lpcb || !lpcConnections)
        return ERROR_INVALID_PARAMETER;
    DWORD stride = sizeof(RASCONNA);
    if (lprasconn && *lpcb >= sizeof(DWORD)) {
        if (ras_struct_check(RAS_ST_RASCONN, lprasconn->dwSize))
            return ERROR_INVALID_SIZE;
        stride = lprasconn->dwSize;
    }
    /* the one reply too big for the stack (IPC_MAX_ENUM connections) */
    struct ipc_enum *e = ras_malloc(sizeof(*e));
    if (!e)
        return ERROR_NOT_ENOUGH_MEMORY;
    e->count = 0;                 /* no rasmand: no connections */
    uint32_t rc = query(IPC_REQ_ENUM, 0, IPC_REP_ENUM, e, 0);
    if (!rc) {
        DWORD count = e->count, need = count * stride;
        if (count && (!lprasconn || *lpcb < need)) {
            rc = ERROR_BUFFER_TOO_SMALL;
        } else {
            for (DWORD i = 0; i < count; i++)
                fill_conn((RASCONNA *)((char *)lprasconn + (size_t)i * stride), stride,
                          &e->conn[i]);
        }
        *lpcb = need;
        *lpcConnections = count;
    }
    ras_free(e);
    return rc;
}

static void
dotted(char *buf, size_t cap, uint32_t ip)
{
    struct in_addr a = { .s_addr = htonl(ip) };
    if (!inet_ntop(AF_INET, &a, buf, (socklen_t)cap))
        buf[0] = '\0';
}

/* The size the caller's struct names (or the newest when there is none
 * to read); 0 = not a size of that struct. */
static DWORD
proj_size(enum ras_struct which, DWORD newest, const void *buf, DWORD cb)
{
    if (!buf || cb < sizeof(DWORD))
        return newest;
    DWORD size = *(const DWORD *)buf;
    return ras_struct_check(which, size) ? 0 : size;
}

static void
fill_ip(RASPPPIPA *ip, DWORD size, const struct ipc_projection *p)
{
    memset((char *)ip + sizeof(DWORD), 0, size - sizeof(DWORD));
    ip->dwError = p->ipcp_error;
    dotted(ip->szIpAddress, sizeof(ip->szIpAddress), p->local_ip);
    if (RAS_SIZE_COVERS(RASPPPIPA, szServerIpAddress, size))
        dotted(ip->szServerIpAddress, sizeof(ip->szServerIpAddress), p->peer_ip);
}

static void
fill_lcp(RASPPPLCPA *l, DWORD size, const struct ipc_projection *p)
{
    memset((char *)l + sizeof(DWORD), 0, size - sizeof(DWORD));
    if (!RAS_SIZE_COVERS(RASPPPLCPA, dwError, size))
        return;
    l->dwError = p->lcp_error;
    l->dwAuthenticationProtocol = p->auth_protocol;
    l->dwAuthenticationData = p->auth_data;
    l->dwOptions = p->lcp_options;
    l->dwServerOptions = p->lcp_server_options;
}

static void
put_ifid(BYTE out[8], uint64_t id)
{
    for (int i = 0; i < 8; i++)
        out[i] = (BYTE)(id >> (56 - 8 * i));
}

static void
fill_ipv6(RASPPPIPV6 *v6, const struct ipc_projection *p)
{
    memset((char *)v6 + sizeof(DWORD), 0, sizeof(*v6) - sizeof(DWORD));
    v6->dwError = p->ipv6cp_error;
    put_ifid(v6->bLocalInterfaceIdentifier, p->local_ifid);
    put_ifid(v6->bPeerInterfaceIdentifier, p->peer_ifid);
}

static uint32_t
project(RASPROJECTION which, const struct ipc_projection *p, LPVOID buf, LPDWORD lpcb)
{
    enum ras_struct st;
    DWORD newest;
    switch (which) {
    case RASP_PppIp: st = RAS_ST_RASPPPIP; newest = sizeof(RASPPPIPA); break;
    case RASP_PppLcp: st = RAS_ST_RASPPPLCP; newest = sizeof(RASPPPLCPA); break;
    case RASP_PppIpv6:
        if (p->ipv6cp_error == ERROR_PROTOCOL_NOT_CONFIGURED)
            return ERROR_PROTOCOL_NOT_CONFIGURED;
        st = RAS_ST_RASPPPIPV6;
        newest = sizeof(RASPPPIPV6);
        break;
    default:
        /* NBF, IPX, CCP, SLIP, AMB: never negotiated here */
        return ERROR_PROTOCOL_NOT_CONFIGURED;
    }
    DWORD size = proj_size(st, newest, buf, *lpcb);
    if (!size)
        return ERROR_INVALID_SIZE;
    if (!buf || *lpcb < size) {
        *lpcb = size;
        return ERROR_BUFFER_TOO_SMALL;
    }
    if (which == RASP_PppIp)
        fill_ip(buf, size, p);
    else if (which == RASP_PppLcp)
        fill_lcp(buf, size, p);
    else
        fill_ipv6(buf, p);
    return 0;
}

/* rasmand's projection of the connection into *p, once it has one:
 * ERROR_PROJECTION_NOT_COMPLETE before Projected. A connection that has
 * ended still shows what it had when after_end is set (as Windows lets
 * RasGetProjectionInfo read a Disconnected link). */
static uint32_t
fetch_projection(HRASCONN h, bool after_end, struct ipc_projection *p)
{
    uint32_t rc = handle_query(h, IPC_REQ_PROJECTION, IPC_REP_PROJECTION, p);
    if (rc)
        return rc;
    RASCONNSTATE s = (RASCONNSTATE)p->state;
    if (s == RASCS_Projected || s == RASCS_Connected || (after_end && s == RASCS_Disconnected))
        return 0;
    return ERROR_PROJECTION_NOT_COMPLETE;
}

DWORD APIENTRY
RasGetProjectionInfoA(HRASCONN hrasconn, RASPROJECTION rasprojection, LPVOID lpprojection,
                      LPDWORD lpcb)
{
    if (!lpcb)
        return ERROR_INVALID_PARAMETER;
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    struct ipc_projection p;
    uint32_t rc = fetch_projection(hrasconn, true, &p);
    return rc ? rc : project(rasprojection, &p, lpprojection, lpcb);
}

/* The whole link in one record (Windows 7's RAS_PROJECTION_INFO): IPv4,
 * IPv6 and LCP from the same projection RasGetProjectionInfo reads; no
 * CCP and no multilink here, so those fields stay 0 and dwCcpError says
 * the protocol was not configured. */
static void
fill_ppp_ex(RASPPP_PROJECTION_INFO *x, const struct ipc_projection *p)
{
    memset(x, 0, sizeof(*x));
    x->dwIPv4NegotiationError = p->ipcp_error;
    x->ipv4Address.s_addr = htonl(p->local_ip);
    x->ipv4ServerAddress.s_addr = htonl(p->peer_ip);
    x->dwIPv6NegotiationError = p->ipv6cp_error;
    put_ifid(x->bInterfaceIdentifier, p->local_ifid);
    put_ifid(x->bServerInterfaceIdentifier, p->peer_ifid);
    x->dwAuthenticationProtocol = p->auth_protocol;
    x->dwAuthenticationData = p->auth_data;
    x->dwLcpOptions = p->lcp_options;
    x->dwLcpServerOptions = p->lcp_server_options;
    x->dwCcpError = ERROR_PROTOCOL_NOT_CONFIGURED;
}

DWORD APIENTRY
RasGetProjectionInfoEx(HRASCONN hrasconn, PRAS_PROJECTION_INFO pRasProjection,
                       LPDWORD lpdwSize)
{
    if (!lpdwSize)
        return ERROR_INVALID_PARAMETER;
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    if (!pRasProjection || *lpdwSize < sizeof(*pRasProjection)) {
        *lpdwSize = sizeof(*pRasProjection);
        return ERROR_BUFFER_TOO_SMALL;
    }
    if (pRasProjection->version != RASAPIVERSION_601)
        return ERROR_INVALID_PARAMETER;
    struct ipc_projection p;
    uint32_t rc = fetch_projection(hrasconn, true, &p);
    if (rc)
        return rc;
    pRasProjection->type = PROJECTION_INFO_TYPE_PPP;
    fill_ppp_ex(&pRasProjection->ppp, &p);
    *lpdwSize = sizeof(*pRasProjection);
    return 0;
}

_Static_assert(IPC_NET_ROUTE_SET == OPENRAS_LINK_ROUTE_SET &&
               IPC_NET_DNS_SET == OPENRAS_LINK_DNS_SET &&
               IPC_NET_ROUTE_WITHHELD == OPENRAS_LINK_ROUTE_WITHHELD &&
               IPC_NET_DNS_WITHHELD == OPENRAS_LINK_DNS_WITHHELD, "OPENRAS_LINK_*");
_Static_assert(IPC_SIGNAL_NONE == OPENRAS_SIGNAL_NONE, "OPENRAS_SIGNAL_NONE");

/* include/openras.h: the part of rasmand's projection no RAS struct has. */
DWORD
OpenRasGetLinkInfo(HRASCONN hrasconn, OPENRAS_LINKINFO *info)
{
    if (!info)
        return ERROR_INVALID_PARAMETER;
    if (info->dwSize != sizeof(*info))
        return ERROR_INVALID_SIZE;
    if (!plausible(hrasconn))
        return ERROR_INVALID_HANDLE;
    struct ipc_projection p;
    uint32_t rc = fetch_projection(hrasconn, false, &p);
    if (rc)
        return rc;
    memset((char *)info + sizeof(DWORD), 0, sizeof(*info) - sizeof(DWORD));
    if (p.dns1)
        dotted(info->szDnsPrimary, sizeof(info->szDnsPrimary), p.dns1);
    if (p.dns2)
        dotted(info->szDnsSecondary, sizeof(info->szDnsSecondary), p.dns2);
    snprintf(info->szInterface, sizeof(info->szInterface), "%.*s",
             (int)strnlen(p.ifname, sizeof(p.ifname)), p.ifname);
    info->dwInterfaceError = p.net_error;
    /* the wire's IPC_NET_* are these bits */
    info->dwFlags = p.net_flags & (OPENRAS_LINK_ROUTE_SET | OPENRAS_LINK_DNS_SET |
                                   OPENRAS_LINK_ROUTE_WITHHELD | OPENRAS_LINK_DNS_WITHHELD);
    info->dwSignalQuality = p.signal;
    return 0;
}

DWORD APIENTRY
RasGetConnectionStatistics(HRASCONN hRasConn, RAS_STATS *st)
{
    /* the SDK documents E_INVALIDARG here, not 87/632 */
    if (!hRasConn || !st || ras_struct_check(RAS_ST_RAS_STATS, st->dwSize))
        return E_INVALIDARG;
    if (!plausible(hRasConn))
        return ERROR_INVALID_HANDLE;
    struct ipc_stats s;
    uint32_t rc = handle_query(hRasConn, IPC_REQ_STATS, IPC_REP_STATS, &s);
    if (rc)
        return rc;
    st->dwBytesXmited = s.bytes_tx;
    st->dwBytesRcved = s.bytes_rx;
    st->dwFramesXmited = s.frames_tx;
    st->dwFramesRcved = s.frames_rx;
    st->dwCrcErr = s.crc_err;
    st->dwTimeoutErr = s.timeout_err;
    st->dwAlignmentErr = s.alignment_err;
    st->dwHardwareOverrunErr = s.hw_overrun_err;
    st->dwFramingErr = s.framing_err;
    st->dwBufferOverrunErr = s.buffer_overrun_err;
    st->dwCompressionRatioIn = s.compression_in;
    st->dwCompressionRatioOut = s.compression_out;
    st->dwBps = s.bps;
    st->dwConnectDuration = s.connect_ms;
    return 0;
}

DWORD APIENTRY
RasClearConnectionStatistics(HRASCONN hRasConn)
{
    if (!hRasConn)
        return E_INVALIDARG;
    if (!plausible(hRasConn))
        return ERROR_INVALID_HANDLE;
    return handle_order(hRasConn, IPC_REQ_CLEAR_STATS);
}

/* include/openras.h: rasmand's own figures; with no rasmand, 711 (a
 * monitor must be able to tell "none running" from "no connections"). */
DWORD
OpenRasGetDaemonInfo(OPENRAS_DAEMONINFO *info)
{
    if (!info)
        return ERROR_INVALID_PARAMETER;
    if (info->dwSize != sizeof(*info))
        return ERROR_INVALID_SIZE;
    struct ipc_info d;
    uint32_t rc = query(IPC_REQ_INFO, 0, IPC_REP_INFO, &d, ERROR_RASMAN_CANNOT_INITIALIZE);
    if (rc)
        return rc;
    memset((char *)info + sizeof(DWORD), 0, sizeof(*info) - sizeof(DWORD));
    info->dwPid = d.pid;
    info->dwUid = d.uid;
    info->dwFlags = d.flags & (OPENRAS_DAEMON_SYSTEM | OPENRAS_DAEMON_TEST);
    info->qwUptimeMs = d.uptime_ms;
    info->dwRssKib = d.rss_kib;
    info->dwPrivateKib = d.private_kib;
    info->dwDescriptors = d.fds;
    info->dwConnections = d.conns;
    info->dwClients = d.clients;
    info->qwAllocations = d.allocs;
    info->qwAllocatedBytes = d.alloc_bytes;
    return 0;
}

_Static_assert(IPC_INFO_SYSTEM == OPENRAS_DAEMON_SYSTEM && IPC_INFO_TEST == OPENRAS_DAEMON_TEST,
               "OPENRAS_DAEMON_*");

#define RASCN_ALL (RASCN_Connection | RASCN_Disconnection | RASCN_BandwidthAdded | \
                   RASCN_BandwidthRemoved | RASCN_Dormant | RASCN_ReConnection | \
                   RASCN_EPDGPacketArrival)

DWORD APIENTRY
RasConnectionNotificationA(HRASCONN hrasconn, HANDLE hEvent, DWORD dwFlags)
{
    intptr_t efd = (intptr_t)hEvent;
    if (efd < 0 || efd > INT32_MAX || fcntl((int)efd, F_GETFD) < 0)
        return ERROR_INVALID_HANDLE;
    if (dwFlags & ~(DWORD)RASCN_ALL)
        return ERROR_INVALID_PARAMETER;
    uint64_t handle = 0;
    if ((HANDLE)hrasconn != INVALID_HANDLE_VALUE) {
        if (!plausible(hrasconn))
            return ERROR_INVALID_HANDLE;
        /* a new connection cannot be announced on an existing handle */
        if (dwFlags & RASCN_Connection)
            return ERROR_INVALID_PARAMETER;
        handle = rasc_handle(hrasconn);
    }
    return ras_notify_register(handle, (int)efd, dwFlags);
}
