/* Who may do what through rasmand (issue 8's threat model): whether a
 * caller may change the host's network (default route, DNS), the per-uid
 * shares of clients and connections with the slots kept for root, and a
 * log limiter so a flood of refusals cannot flood the journal. Pure
 * decisions; the socket side and the connections ask, and act. */
#ifndef RAS_DAEMON_POLICY_H
#define RAS_DAEMON_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The group whose members may change the network through the system
 * rasmand: Debian's convention for who may run PPP. */
#define POLICY_NET_GROUP "dip"

struct net_policy {
    bool daemon_root;             /* rasmand runs as root (the system one) */
    bool have_group;              /* the group exists: group_gid is valid */
    gid_t group_gid;
};

/* Looks the group up once (in /etc/group), at start. daemon_root = whether
 * this rasmand can change the host's network at all; a per-user one
 * cannot, so it lets its one user do whatever it can. group NULL =
 * POLICY_NET_GROUP. A group that does not exist is no error: only root
 * (and system phonebook entries) then have the right. */
void policy_init(struct net_policy *p, bool daemon_root, const char *group);

/* Whether the caller whose gid and supplementary groups are given may
 * change the host's network. */
bool policy_net_rights(const struct net_policy *p, uid_t uid, gid_t gid, const gid_t *groups,
                       size_t ngroups);
/* The same for the peer of a connected AF_UNIX socket: SO_PEERCRED's
 * gid, and SO_PEERGROUPS for the supplementary groups. */
bool policy_peer_net_rights(const struct net_policy *p, int fd, uid_t uid, gid_t gid);
/* A dial's right at the time its link comes up: the caller's, or the
 * administrator made the entry (the system phonebook's). */
bool policy_dial_net_rights(bool caller_rights, bool system_entry);

/* Shares: a uid other than root may hold per_uid of max, and the last
 * reserve are root's alone. used = in use by everyone, mine = by uid. */
struct policy_share {
    unsigned max, per_uid, reserve;
};
bool policy_share_ok(const struct policy_share *s, uid_t uid, unsigned used, unsigned mine);

/* At most one log line per uid per POLICY_LOG_PERIOD_MS, for the last
 * POLICY_LOG_UIDS uids refused (a new one takes the oldest's place). */
#define POLICY_LOG_UIDS 16
#define POLICY_LOG_PERIOD_MS 60000
struct policy_log_limit {
    struct {
        uid_t uid;
        uint64_t last_ms;
        bool used;
    } slot[POLICY_LOG_UIDS];
    unsigned next;                /* the slot a new uid takes */
};
/* True when a refusal of uid at now_ms should be logged (and records it). */
bool policy_log_due(struct policy_log_limit *l, uid_t uid, uint64_t now_ms);

#endif
