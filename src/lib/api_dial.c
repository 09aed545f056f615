/* RasDialA: the synchronous checks and entry resolution run here, in the
 * caller's process, so an invalid call never reaches (or starts) rasmand;
 * a valid one is handed to rasmand through the dialing client. */
#include "ras.h"
#include "raserror.h"

#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"

DWORD
RasDialA(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCSTR lpszPhonebook,
         LPRASDIALPARAMSA lpRasDialParams, DWORD dwNotifierType, LPVOID lpvNotifier,
         LPHRASCONN lphRasConn)
{
    struct ipc_dial_req req;
    /* Invalid arguments and unknown entries are returned here, before any
     * notifier would run, with or without a notifier (as Windows does). */
    uint32_t rc = ras_dial_resolve(lpRasDialExtensions, lpszPhonebook, lpRasDialParams,
                                   dwNotifierType, lpvNotifier, lphRasConn, &req);
    if (rc)
        return rc;
    return ras_dial_request(&req, lpRasDialParams, dwNotifierType, lpvNotifier, lphRasConn);
}
