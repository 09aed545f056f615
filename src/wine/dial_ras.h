/* dial_ras.h: libras's dialing and connection API as the Windows half of
 * the bridge (dial_win.c, dial_conn_win.c) calls it. This is the plain C
 * seam between the two translation-unit families (seam.h): only
 * fixed-width types, layout.h's A structs with UTF-8 strings (libras's
 * own), and libras's 31-bit connection handles as uint64_t. Structs
 * that hold no string (RAS_STATS, RASPPPIPV6, RASPPPCCP,
 * RAS_PROJECTION_INFO) have one layout on both sides (libras is built for
 * the program's bitness) and cross as the caller's buffer. Every function returns libras's DWORD code. */
#ifndef RAS_WINE_DIAL_RAS_H
#define RAS_WINE_DIAL_RAS_H

#include <stdint.h>

#include "layout.h"

/* RasDial. options: RASDIALEXTENSIONS.dwfOptions, or NULL when the caller
 * gave none. pbk: a Unix path or NULL (the default phonebook). p: the
 * newest layout, UTF-8; the callee wipes its own copy, the caller its.
 * *handle: in, the caller's *lphRasConn (not 0 = resume, which libras
 * refuses); out, the connection whenever libras made one (even when the
 * dial then failed). relay_id 0: synchronous; else asynchronous, progress
 * through dial_relay_push(relay_id, ...). */
uint32_t dial_ras_dial(const uint32_t *options, const char *pbk, const WL_RASDIALPARAMSA *p,
                       uint32_t relay_id, uint64_t *handle);
uint32_t dial_ras_hangup(uint64_t handle);

/* RasGetConnectStatus into the newest layout (UTF-8). */
uint32_t dial_ras_status(uint64_t handle, WL_RASCONNSTATUSA *s);

/* The caller's connections, newest RASCONN layout (UTF-8): *list is
 * allocated (dial_ras_free), NULL when *count is 0. */
uint32_t dial_ras_enum(WL_RASCONNA **list, uint32_t *count);
void dial_ras_free(void *p);

/* RASPPPIP and RASPPPLCP, newest layouts (UTF-8). */
uint32_t dial_ras_projection_ip(uint64_t handle, WL_RASPPPIPA *ip);
uint32_t dial_ras_projection_lcp(uint64_t handle, WL_RASPPPLCPA *lcp);
/* Any other projection, straight through with the caller's buffer (the
 * layouts without strings), or none (buf NULL, *cb 0) to learn the error. */
uint32_t dial_ras_projection_raw(uint64_t handle, uint32_t projection, void *buf, uint32_t *cb);
uint32_t dial_ras_projection_ex(uint64_t handle, void *info, uint32_t *cb);

/* RAS_STATS (the same 60 bytes on both sides). */
uint32_t dial_ras_statistics(uint64_t handle, void *stats);
uint32_t dial_ras_clear_statistics(uint64_t handle);

/* RasConnectionNotification with an eventfd; all: every connection
 * (INVALID_HANDLE_VALUE), else handle's. flags 0 removes. */
uint32_t dial_ras_notify(int all, uint64_t handle, int efd, uint32_t flags);

#endif
