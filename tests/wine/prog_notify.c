/* RasConnectionNotification with a Win32 event: signalled when any
 * connection comes (INVALID_HANDLE_VALUE, RASCN_Connection) and when a
 * given one goes (its handle, RASCN_Disconnection), for links this
 * program dials and hangs up itself. */
#include "wt.h"

#include <string.h>

#define WAIT_MS 10000

int
main(void)
{
    HANDLE any = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE gone = CreateEventW(NULL, FALSE, FALSE, NULL);
    wt_eq(RasConnectionNotificationW((HRASCONN)INVALID_HANDLE_VALUE, any, RASCN_Connection), 0,
          "RasConnectionNotificationW(any connection, event)");
    wt_eq(WaitForSingleObject(any, 200), WAIT_TIMEOUT, "not signalled before a dial");

    HRASCONN h = wt_dial(L"" WT_ENTRY);
    if (!h)
        return wt_done();
    wt_eq(WaitForSingleObject(any, WAIT_MS), WAIT_OBJECT_0, "the event is set: a connection came");
    wt_eq(RasConnectionNotificationW(h, gone, RASCN_Disconnection), 0,
          "RasConnectionNotificationW(this link, event, RASCN_Disconnection)");
    wt_eq(WaitForSingleObject(gone, 200), WAIT_TIMEOUT, "not signalled while the link is up");
    wt_eq(RasHangUpW(h), 0, "RasHangUpW");
    wt_eq(WaitForSingleObject(gone, WAIT_MS), WAIT_OBJECT_0, "the event is set: it went");
    wt_ok(wt_wait_gone(h, WAIT_MS), "and the handle is gone");
    CloseHandle(any);
    CloseHandle(gone);
    return wt_done();
}
