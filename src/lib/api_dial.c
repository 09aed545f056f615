/* RasDialA until the dialing part lands: the synchronous checks and entry
 * resolution are real; dialing itself needs rasmand and returns
 * ERROR_CALL_NOT_IMPLEMENTED rather than pretending. The dialing part
 * replaces this file wholesale. */
#include "ras.h"
#include "raserror.h"

#include "lib/dial_resolve.h"

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
    /* A valid entry: dialing needs rasmand, which does not exist yet.
     * *lphRasConn stays NULL, so there is nothing to hang up. */
    return ERROR_CALL_NOT_IMPLEMENTED;
}
