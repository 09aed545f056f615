/* RasDialA: the synchronous checks and entry resolution run here, in the
 * caller's process, so an invalid call never reaches (or starts) rasmand;
 * a valid one is handed to rasmand through the dialing client. */
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"

DWORD
RasDialA(LPRASDIALEXTENSIONS lpRasDialExtensions, LPCSTR lpszPhonebook,
         LPRASDIALPARAMSA lpRasDialParams, DWORD dwNotifierType, LPVOID lpvNotifier,
         LPHRASCONN lphRasConn)
{
    struct ras_dial_target target;
    /* Invalid arguments and unknown entries are returned here, before any
     * notifier would run, with or without a notifier (as Windows does). */
    uint32_t rc = ras_dial_resolve(lpRasDialExtensions, lpszPhonebook, lpRasDialParams,
                                   dwNotifierType, lpvNotifier, lphRasConn, &target);
    if (rc)
        return rc;
    return ras_dial_entry(&target.entry, lpszPhonebook ? lpszPhonebook : "",
                          lpRasDialParams->szEntryName, target.phone, lpRasDialParams,
                          lpRasDialExtensions, dwNotifierType, lpvNotifier, lphRasConn);
}
