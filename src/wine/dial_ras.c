/* The OpenRAS half of the bridge's dialing and connection calls
 * (dial_ras.h): includes ras.h and never Wine's headers, calls libras's
 * public A functions, and is the notifier libras calls from its pthread:
 * it only queues the state for the Windows thread (dial_relay.c). The
 * layout.h A structs are libras's own; the asserts below hold them
 * together, so they cross by a plain copy. */
#include "dial_ras.h"

#include <stddef.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "dial_relay.h"

#define SAME_LAYOUT(a, b) _Static_assert(sizeof(a) == sizeof(b), #a " size")
#define SAME_FIELD(a, b, f) \
    _Static_assert(offsetof(a, f) == offsetof(b, f), #a "." #f " moved")

SAME_LAYOUT(RASDIALPARAMSA, WL_RASDIALPARAMSA);
SAME_FIELD(RASDIALPARAMSA, WL_RASDIALPARAMSA, szDomain);
SAME_FIELD(RASDIALPARAMSA, WL_RASDIALPARAMSA, dwCallbackId);
SAME_FIELD(RASDIALPARAMSA, WL_RASDIALPARAMSA, szEncPassword);
SAME_LAYOUT(RASCONNA, WL_RASCONNA);
SAME_FIELD(RASCONNA, WL_RASCONNA, szPhonebook);
SAME_FIELD(RASCONNA, WL_RASCONNA, guidCorrelationId);
SAME_LAYOUT(RASCONNSTATUSA, WL_RASCONNSTATUSA);
SAME_FIELD(RASCONNSTATUSA, WL_RASCONNSTATUSA, szPhoneNumber);
SAME_FIELD(RASCONNSTATUSA, WL_RASCONNSTATUSA, rasconnsubstate);
SAME_LAYOUT(RASPPPIPA, WL_RASPPPIPA);
SAME_FIELD(RASPPPIPA, WL_RASPPPIPA, dwServerOptions);
SAME_LAYOUT(RASPPPLCPA, WL_RASPPPLCPA);
SAME_FIELD(RASPPPLCPA, WL_RASPPPLCPA, szReplyMessage);
SAME_FIELD(RASPPPLCPA, WL_RASPPPLCPA, dwServerOptions);

static HRASCONN
hconn(uint64_t h)
{
    return (HRASCONN)(uintptr_t)h;
}

static uint64_t
handle_of(HRASCONN h)
{
    return (uint64_t)(uintptr_t)h;
}

/* RASDIALFUNC2, called by libras on its notifier thread: no Wine here. */
static DWORD WINAPI
relay_notifier(ULONG_PTR id, DWORD subentry, HRASCONN h, UINT msg, RASCONNSTATE state,
               DWORD error, DWORD exterr)
{
    (void)msg;
    return (DWORD)dial_relay_push((uint32_t)id, handle_of(h), subentry, (uint32_t)state,
                                  error, exterr);
}

uint32_t
dial_ras_dial(const uint32_t *options, const char *pbk, const WL_RASDIALPARAMSA *p,
              uint32_t relay_id, uint64_t *handle)
{
    RASDIALPARAMSA dp;
    RASDIALEXTENSIONS ext;
    HRASCONN h = hconn(*handle);

    memcpy(&dp, p, sizeof(dp));
    dp.dwSize = sizeof(dp);
    /* libras hands this back to relay_notifier: the relay's dial id (the
     * program's own dwCallbackId waits in the relay) */
    dp.dwCallbackId = relay_id;
    dp.szEncPassword = NULL;
    if (options) {
        memset(&ext, 0, sizeof(ext));
        ext.dwSize = sizeof(ext);
        ext.dwfOptions = *options;
    }
    uint32_t rc = RasDialA(options ? &ext : NULL, pbk, &dp, 2,
                           relay_id ? (void *)relay_notifier : NULL, &h);
    ras_wipe(&dp, sizeof(dp));
    *handle = handle_of(h);
    return rc;
}

uint32_t
dial_ras_hangup(uint64_t handle)
{
    return RasHangUpA(hconn(handle));
}

uint32_t
dial_ras_status(uint64_t handle, WL_RASCONNSTATUSA *s)
{
    s->dwSize = sizeof(*s);
    return RasGetConnectStatusA(hconn(handle), (RASCONNSTATUSA *)s);
}

void
dial_ras_free(void *p)
{
    ras_free(p);
}

uint32_t
dial_ras_enum(WL_RASCONNA **list, uint32_t *count)
{
    RASCONNA *buf = NULL;
    DWORD cb = 0, n = 0;
    uint32_t rc = 0;

    *list = NULL;
    *count = 0;
    /* Ask the count, then fetch; a connection that appeared in between
     * makes the second call 603 again: ask again (a few times). */
    for (int tries = 0; tries < 4; tries++) {
        rc = RasEnumConnectionsA(buf, &cb, &n);
        if (rc != ERROR_BUFFER_TOO_SMALL)
            break;
        ras_free(buf);
        if ((buf = ras_calloc(n, sizeof(*buf))) == NULL)
            return ERROR_NOT_ENOUGH_MEMORY;
        buf[0].dwSize = sizeof(*buf);
        cb = n * (DWORD)sizeof(*buf);
    }
    if (!rc && n) {
        *list = (WL_RASCONNA *)buf;
        *count = n;
        return 0;
    }
    ras_free(buf);
    return rc;
}

uint32_t
dial_ras_projection_ip(uint64_t handle, WL_RASPPPIPA *ip)
{
    DWORD cb = sizeof(*ip);
    ip->dwSize = sizeof(*ip);
    return RasGetProjectionInfoA(hconn(handle), RASP_PppIp, ip, &cb);
}

uint32_t
dial_ras_projection_lcp(uint64_t handle, WL_RASPPPLCPA *lcp)
{
    DWORD cb = sizeof(*lcp);
    lcp->dwSize = sizeof(*lcp);
    return RasGetProjectionInfoA(hconn(handle), RASP_PppLcp, lcp, &cb);
}

uint32_t
dial_ras_projection_raw(uint64_t handle, uint32_t projection, void *buf, uint32_t *cb)
{
    DWORD n = *cb;
    uint32_t rc = RasGetProjectionInfoA(hconn(handle), (RASPROJECTION)projection, buf, &n);
    *cb = n;
    return rc;
}

uint32_t
dial_ras_projection_ex(uint64_t handle, void *info, uint32_t *cb)
{
    DWORD n = *cb;
    uint32_t rc = RasGetProjectionInfoEx(hconn(handle), info, &n);
    *cb = n;
    return rc;
}

uint32_t
dial_ras_statistics(uint64_t handle, void *stats)
{
    return RasGetConnectionStatistics(hconn(handle), stats);
}

uint32_t
dial_ras_clear_statistics(uint64_t handle)
{
    return RasClearConnectionStatistics(hconn(handle));
}

uint32_t
dial_ras_notify(int all, uint64_t handle, int efd, uint32_t flags)
{
    HRASCONN h = all ? (HRASCONN)INVALID_HANDLE_VALUE : hconn(handle);
    return RasConnectionNotificationA(h, (HANDLE)(intptr_t)efd, flags);
}
