/* Who may make rasmand take which device (issue 8's threat model). The
 * system rasmand runs as root for every local user, so a device path from
 * a client is never opened on the client's behalf: the client opens it
 * with its own rights and passes the descriptor, or dials an entry of the
 * administrator's system phonebook, which rasmand reads itself. */
#ifndef RAS_DAEMON_DIAL_ACCESS_H
#define RAS_DAEMON_DIAL_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipc/ipc_proto.h"

/* The system phonebook rasmand trusts, unless --test and
 * $RAS_SYSTEM_PHONEBOOK say otherwise. */
#define DIAL_SYSTEM_PHONEBOOK "/etc/ras/rasphone.pbk"

/* Decides a dial before any device is looked at. A request naming an
 * entry of the system phonebook (by its path, as libras resolves it) has
 * its device, number, options and line settings replaced by that entry's
 * as the file says (623 if the file has no such entry); the client's
 * credentials stay. Then: a descriptor passed (has_fd), or a device that
 * is no path (the loopback), or a system entry, or a client running as
 * rasmand itself (uid == euid: a per-user rasmand, or root) may dial;
 * anyone else naming a path gets ERROR_ACCESS_DENIED. 0 or a RAS error;
 * nothing is opened, stat'ed or resolved for a client's path. */
uint32_t dial_access(const char *system_phonebook, struct ipc_dial_req *req, uid_t uid,
                     bool has_fd);

/* The administrator's list of Ethernet interfaces users may dial PPPoE on
 * (one name a line, '#' comments), unless --test and
 * $RAS_PPPOE_INTERFACES say otherwise. */
#define DIAL_PPPOE_INTERFACES "/etc/ras/pppoe-interfaces"
extern const char *dial_pppoe_interfaces;

/* dial_access, knowing whether the caller may change the host's network
 * (policy.h). A PPPoE device is an Ethernet interface that only root
 * (CAP_NET_RAW) may put raw frames on, so a caller not running as rasmand
 * dials one outside a system entry only when the administrator listed the
 * interface in dial_pppoe_interfaces and the caller has network rights;
 * else ERROR_ACCESS_DENIED. */
uint32_t dial_access_net(const char *system_phonebook, struct ipc_dial_req *req, uid_t uid,
                         bool has_fd, bool net_rights);

/* The request names an entry of the system phonebook. Once dial_access
 * has passed it, its settings are the administrator's, not the client's
 * (what the network policy may rely on for routes and DNS). */
bool dial_is_system_entry(const char *system_phonebook, const struct ipc_dial_req *req);

#endif
