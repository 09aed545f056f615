/* dial_win.h: what the Windows-side files of the dialing part share
 * (dial_win.c: RasDial and the Windows thread; dial_conn_win.c: hang-up,
 * status, enumeration, projection, statistics, connection notification).
 * Wine's headers (through win_bridge.h), never ras.h. */
#ifndef RAS_WINE_DIAL_WIN_H
#define RAS_WINE_DIAL_WIN_H

#include <stdbool.h>
#include <stdint.h>

#include "win_bridge.h"

/* Codes of raserror.h and winerror.h the dialing side returns itself. */
#define DIAL_ERROR_PORT_NOT_OPEN 618
#define DIAL_ERROR_NO_CONNECTION 668
#define DIAL_ERROR_PROTOCOL_NOT_CONFIGURED 731
#define DIAL_E_INVALIDARG 0x80070057u

/* A program's HRASCONN as libras's handle, and back: the value itself.
 * libras's handles are 31-bit, so one a program kept in a LONG or DWORD
 * and widened again (sign or zero) is the same handle, and anything above
 * 31 bits is refused by libras as forged (6), not cut down to a live one. */
static inline uint64_t
dial_win_handle(HANDLE h)
{
    return (uint64_t)(ULONG_PTR)h;
}

static inline HANDLE
dial_win_hconn(uint64_t h)
{
    return (HANDLE)(ULONG_PTR)h;
}

/* Makes sure the Windows thread that delivers notifications runs (it
 * returns by itself when nothing is left for it). false: it could not be
 * started. */
bool dial_win_thread_ensure(void);

#endif
