/* The connection API over rasmand: RasHangUp, RasGetConnectStatus,
 * RasEnumConnections, RasGetProjectionInfo, RasGet/ClearConnectionStatistics
 * and RasConnectionNotification. Each call is one request on its own
 * socket; its buffers are allocated for the call and freed before it
 * returns. With no rasmand running there is no connection: handles are
 * stale (6) and the enumeration is empty; nothing is started for that. */
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

struct call {
    struct ipc_msg req;
    uint8_t rep[IPC_MAX_MSG];
    union {
        struct ipc_status status;
        struct ipc_enum conns;
        struct ipc_projection proj;
        struct ipc_stats stats;
    } u;
};

/* One request about a handle; the reply stays in c->rep (length *n). */
static uint32_t
handle_call(struct call *c, uint16_t type, HRASCONN h, uint16_t want, size_t *n)
{
    ipc_enc_handle(&c->req, type, 0, rasc_handle(h));
    uint32_t rc = rasc_call(&c->req, want, c->rep, n, false);
    /* no rasmand: no connection has this handle */
    return rc == ERROR_RASMAN_CANNOT_INITIALIZE ? ERROR_INVALID_HANDLE : rc;
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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n;
    uint32_t rc = handle_call(c, IPC_REQ_HANGUP, hrasconn, IPC_REP_ERROR, &n);
    uint32_t err = 0;
    if (!rc)
        rc = ipc_dec_rep_error(c->rep, n, &err) ? err : ERROR_RASMAN_CANNOT_INITIALIZE;
    ras_free(c);
    return rc;
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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n;
    uint32_t rc = handle_call(c, IPC_REQ_STATUS, hrasconn, IPC_REP_STATUS, &n);
    if (!rc && !ipc_dec_rep_status(c->rep, n, &c->u.status))
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!rc) {
        const struct ipc_status *st = &c->u.status;
        DWORD size = s->dwSize;
        memset((char *)s + sizeof(DWORD), 0, size - sizeof(DWORD));
        s->rasconnstate = (RASCONNSTATE)st->state;
        s->dwError = st->conn_error;
        snprintf(s->szDeviceType, sizeof(s->szDeviceType), "%s", st->device_type);
        snprintf(s->szDeviceName, sizeof(s->szDeviceName), "%s", st->device_name);
        if (RAS_SIZE_COVERS(RASCONNSTATUSA, szPhoneNumber, size))
            snprintf(s->szPhoneNumber, sizeof(s->szPhoneNumber), "%s", st->phone);
        /* Windows 7 fields: PPP has no tunnel end points, substate None */
    }
    ras_free(c);
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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n;
    uint32_t rc;
    ipc_enc_empty(&c->req, IPC_REQ_ENUM, 0);
    rc = rasc_call(&c->req, IPC_REP_ENUM, c->rep, &n, false);
    if (rc == ERROR_RASMAN_CANNOT_INITIALIZE) {
        c->u.conns.count = 0;     /* no rasmand: no connections */
        rc = 0;
    } else if (!rc && !ipc_dec_rep_enum(c->rep, n, &c->u.conns)) {
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    }
    if (!rc) {
        DWORD count = c->u.conns.count, need = count * stride;
        if (count && (!lprasconn || *lpcb < need)) {
            rc = ERROR_BUFFER_TOO_SMALL;
        } else {
            for (DWORD i = 0; i < count; i++)
                fill_conn((RASCONNA *)((char *)lprasconn + (size_t)i * stride), stride,
                          &c->u.conns.conn[i]);
        }
        *lpcb = need;
        *lpcConnections = count;
    }
    ras_free(c);
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

/* rasmand's projection of the connection into c->u.proj, once it has one:
 * ERROR_PROJECTION_NOT_COMPLETE before Projected. A connection that has
 * ended still shows what it had when after_end is set (as Windows lets
 * RasGetProjectionInfo read a Disconnected link). */
static uint32_t
fetch_projection(struct call *c, HRASCONN h, bool after_end)
{
    size_t n;
    uint32_t rc = handle_call(c, IPC_REQ_PROJECTION, h, IPC_REP_PROJECTION, &n);
    if (!rc && !ipc_dec_rep_projection(c->rep, n, &c->u.proj))
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    if (rc)
        return rc;
    RASCONNSTATE s = (RASCONNSTATE)c->u.proj.state;
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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    uint32_t rc = fetch_projection(c, hrasconn, true);
    if (!rc)
        rc = project(rasprojection, &c->u.proj, lpprojection, lpcb);
    ras_free(c);
    return rc;
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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    uint32_t rc = fetch_projection(c, hrasconn, true);
    if (!rc) {
        pRasProjection->type = PROJECTION_INFO_TYPE_PPP;
        fill_ppp_ex(&pRasProjection->ppp, &c->u.proj);
        *lpdwSize = sizeof(*pRasProjection);
    }
    ras_free(c);
    return rc;
}

_Static_assert(IPC_NET_ROUTE_SET == OPENRAS_LINK_ROUTE_SET &&
               IPC_NET_DNS_SET == OPENRAS_LINK_DNS_SET &&
               IPC_NET_ROUTE_WITHHELD == OPENRAS_LINK_ROUTE_WITHHELD &&
               IPC_NET_DNS_WITHHELD == OPENRAS_LINK_DNS_WITHHELD, "OPENRAS_LINK_*");

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
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    uint32_t rc = fetch_projection(c, hrasconn, false);
    const struct ipc_projection *p = &c->u.proj;
    if (!rc) {
        memset((char *)info + sizeof(DWORD), 0, sizeof(*info) - sizeof(DWORD));
        if (p->dns1)
            dotted(info->szDnsPrimary, sizeof(info->szDnsPrimary), p->dns1);
        if (p->dns2)
            dotted(info->szDnsSecondary, sizeof(info->szDnsSecondary), p->dns2);
        snprintf(info->szInterface, sizeof(info->szInterface), "%.*s",
                 (int)strnlen(p->ifname, sizeof(p->ifname)), p->ifname);
        info->dwInterfaceError = p->net_error;
        /* the wire's IPC_NET_* are these bits */
        info->dwFlags = p->net_flags & (OPENRAS_LINK_ROUTE_SET | OPENRAS_LINK_DNS_SET |
                                        OPENRAS_LINK_ROUTE_WITHHELD |
                                        OPENRAS_LINK_DNS_WITHHELD);
    }
    ras_free(c);
    return rc;
}

DWORD APIENTRY
RasGetConnectionStatistics(HRASCONN hRasConn, RAS_STATS *st)
{
    /* the SDK documents E_INVALIDARG here, not 87/632 */
    if (!hRasConn || !st || ras_struct_check(RAS_ST_RAS_STATS, st->dwSize))
        return E_INVALIDARG;
    if (!plausible(hRasConn))
        return ERROR_INVALID_HANDLE;
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n;
    uint32_t rc = handle_call(c, IPC_REQ_STATS, hRasConn, IPC_REP_STATS, &n);
    if (!rc && !ipc_dec_rep_stats(c->rep, n, &c->u.stats))
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    if (!rc) {
        const uint32_t *v = c->u.stats.v;
        st->dwBytesXmited = v[0];
        st->dwBytesRcved = v[1];
        st->dwFramesXmited = v[2];
        st->dwFramesRcved = v[3];
        st->dwCrcErr = v[4];
        st->dwTimeoutErr = v[5];
        st->dwAlignmentErr = v[6];
        st->dwHardwareOverrunErr = v[7];
        st->dwFramingErr = v[8];
        st->dwBufferOverrunErr = v[9];
        st->dwCompressionRatioIn = v[10];
        st->dwCompressionRatioOut = v[11];
        st->dwBps = v[12];
        st->dwConnectDuration = v[13];
    }
    ras_free(c);
    return rc;
}

DWORD APIENTRY
RasClearConnectionStatistics(HRASCONN hRasConn)
{
    if (!hRasConn)
        return E_INVALIDARG;
    if (!plausible(hRasConn))
        return ERROR_INVALID_HANDLE;
    struct call *c = ras_malloc(sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n;
    uint32_t err = 0, rc = handle_call(c, IPC_REQ_CLEAR_STATS, hRasConn, IPC_REP_ERROR, &n);
    if (!rc)
        rc = ipc_dec_rep_error(c->rep, n, &err) ? err : ERROR_RASMAN_CANNOT_INITIALIZE;
    ras_free(c);
    return rc;
}

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
