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
    DWORD dwFlags;              /* OPENRAS_LINK_* */
    /* A cellular module's signal quality, asked (AT+CSQ) before the dial:
     * 3GPP TS 27.007's rssi, 0 (-113 dBm or less) to 31 (-51 dBm or more),
     * 99 unknown; OPENRAS_SIGNAL_NONE for a link that is not cellular. */
    DWORD dwSignalQuality;
} OPENRAS_LINKINFO;

#define OPENRAS_SIGNAL_NONE 0xffffffffu

/* OPENRAS_LINKINFO.dwFlags: what the link changed on the host, and what it
 * was not allowed to (through the system rasmand, only root, members of
 * group dip and entries of the system phonebook set routes and DNS). */
#define OPENRAS_LINK_ROUTE_SET      0x1 /* a default route through the link */
#define OPENRAS_LINK_DNS_SET        0x2 /* its DNS servers given to the resolver */
#define OPENRAS_LINK_ROUTE_WITHHELD 0x4 /* the entry asked for one: not allowed */
#define OPENRAS_LINK_DNS_WITHHELD   0x8 /* the peer gave DNS servers: not applied */

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

/* dwSize must be sizeof(OPENRAS_DAEMONINFO) (else ERROR_INVALID_SIZE). */
typedef struct tagOPENRAS_DAEMONINFO {
    DWORD dwSize;
    DWORD dwPid;                /* rasmand's process id */
    DWORD dwUid;                /* the uid it runs as (0: the system one) */
    DWORD dwFlags;              /* OPENRAS_DAEMON_* */
    uint64_t qwUptimeMs;       /* since it started */
    DWORD dwRssKib;             /* resident memory */
    DWORD dwPrivateKib;         /* resident memory no other process shares */
    DWORD dwDescriptors;        /* open file descriptors */
    DWORD dwConnections;        /* every user's, dialing, up or dropped */
    DWORD dwClients;            /* open client sockets (this call's included) */
    uint64_t qwAllocations;    /* live heap blocks it allocated */
    uint64_t qwAllocatedBytes; /* and their bytes */
} OPENRAS_DAEMONINFO;

#define OPENRAS_DAEMON_SYSTEM 0x1 /* the system instance (/run/ras/rasmand.sock) */
#define OPENRAS_DAEMON_TEST   0x2 /* started with --test */

/* The figures of the rasmand this process talks to, the ones KB Q257647's
 * reader watched grow (memory, descriptors, connections), as rasmon shows
 * them. Windows has no such call: Task Manager shows them there. Only root
 * and the uid rasmand runs as may read them: ERROR_ACCESS_DENIED for
 * anyone else (a user of the system rasmand learns nothing of others'
 * connections). ERROR_RASMAN_CANNOT_INITIALIZE when no rasmand runs (none
 * is started for this). */
DWORD OpenRasGetDaemonInfo(OPENRAS_DAEMONINFO *lpInfo);

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
