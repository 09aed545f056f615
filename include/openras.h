/* openras.h: what OpenRAS adds to the Windows RAS API. Nothing here exists
 * in the Windows SDK; portable programs use ras.h alone. Windows shows a
 * connection's DNS servers and network interface on the adapter, not
 * through RAS, so a Linux program needs another way to read them. */
#ifndef OPENRAS_H
#define OPENRAS_H

#include <sys/types.h>

#include <ras.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OPENRAS_MaxInterfaceName 31

/* dwSize must be sizeof(OPENRAS_LINKINFO) (else ERROR_INVALID_SIZE). */
typedef struct tagOPENRAS_LINKINFO {
    DWORD dwSize;
    CHAR szDnsPrimary[RAS_MaxIpAddress + 1];     /* "" when none was given */
    CHAR szDnsSecondary[RAS_MaxIpAddress + 1];
    CHAR szInterface[OPENRAS_MaxInterfaceName + 1]; /* tun device, "" when none */
    DWORD dwInterfaceError;     /* why there is no interface (e.g. 5: not root) */
} OPENRAS_LINKINFO;

/* The DNS servers IPCP negotiated and the data path's interface, once the
 * connection is Projected: ERROR_PROJECTION_NOT_COMPLETE before that,
 * ERROR_INVALID_HANDLE for a stale or forged handle. */
DWORD OpenRasGetLinkInfo(HRASCONN hrasconn, OPENRAS_LINKINFO *lpInfo);

/* The uid of the user who dialed the connection. Windows marks a RASCONN
 * RASCF_OwnerKnown / RASCF_OwnerMatch (the caller's own) but cannot name
 * another owner; rasmand is shared by every local user, so root (who sees
 * everyone's connections) can ask whose one is. ERROR_INVALID_HANDLE for a
 * stale or forged handle or another user's (when not root);
 * ERROR_INVALID_PARAMETER for a NULL lpOwner. */
DWORD OpenRasGetConnectionOwner(HRASCONN hrasconn, uid_t *lpOwner);

/* What was wrong with the phonebook or credentials file the last
 * phonebook call on this thread could not use: "FILE:LINE: reason" for a
 * malformed file (ERROR_CORRUPT_PHONEBOOK), the file and the system's
 * reason for one that cannot be read or written, "" when the last call
 * failed for another reason. Windows has no such call; its error codes
 * alone cannot name a line. ERROR_BUFFER_TOO_SMALL if cbDetail is short. */
DWORD OpenRasGetPhonebookError(LPSTR lpszDetail, DWORD cbDetail);

#ifdef __cplusplus
}
#endif

#endif
