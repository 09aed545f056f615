/* What rasmand remembers of an entry's last link for the next dial of it:
 * the IPv4 address and DNS servers IPCP gave it, which the engine then asks
 * for instead of 0.0.0.0 (ppp.h's hints, RFC 1332 3.3, RFC 1877), so a
 * server that agrees answers a round trip sooner.
 *
 * rasmand keeps them, not libras: a RasDial process (rasdial) lives for
 * one dial, rasmand for all of them, and the dial request stays as it is.
 * A record belongs to one uid: no user's dial ever asks for an address
 * another user was given, even through the same system phonebook entry.
 * It is found by where the entry dials (phonebook, entry name as the
 * phonebook compares it, device and number), so an entry moved to another
 * ISP does not tell the new one the old one's address. Only a keyed hash
 * of those is kept, never the names; nothing reaches the disk. */
#ifndef RAS_DAEMON_CONN_HINT_H
#define RAS_DAEMON_CONN_HINT_H

#include <stdint.h>
#include <sys/types.h>

#include "ipc/ipc_proto.h"
#include "ppp/ppp.h"

/* Records kept; past this the least recently remembered goes. */
#define CONN_HINT_MAX 64

struct conn_hint {
    uint64_t key;                 /* conn_hint.c's hash of the entry; 0 = empty */
    uid_t uid;
    uint32_t ip, dns1, dns2;      /* host byte order; 0 = none */
    uint64_t stamp;               /* when remembered, to evict the oldest */
};

struct conn_hints {
    uint64_t seed;                /* the hash's key, random per rasmand */
    uint64_t clock;
    struct conn_hint rec[CONN_HINT_MAX];
};

/* Empty, with a fresh random key. */
void conn_hints_init(struct conn_hints *h);
/* The hints of uid's dial of req in cfg: what the entry's last link was
 * given, else the entry's own addresses, for what the entry lets the
 * server assign (not RASEO_SpecificIpAddr / RASEO_SpecificNameServers:
 * those are required, not hinted). None for a dial without an entry. */
void conn_hints_apply(const struct conn_hints *h, const struct ipc_dial_req *req, uid_t uid,
                      struct ppp_config *cfg);
/* uid's link of req came up with pr (IPCP up): remembered for next time. */
void conn_hints_remember(struct conn_hints *h, const struct ipc_dial_req *req, uid_t uid,
                         const struct ppp_projection *pr);

#endif
