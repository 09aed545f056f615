/* rasmand's policy (see policy.h). */
#include "daemon/policy.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/alloc.h"
#include "daemon/log.h"

/* The group file's longest line we read (a group with many members),
 * the buffer growing on ERANGE up to this ceiling. */
#define POLICY_GRBUF_MAX (1024 * 1024)
/* SO_PEERGROUPS read on the stack first; a caller in more groups costs an
 * allocation. */
#define POLICY_GROUPS_STACK 64
#define POLICY_GROUP_FILE "/etc/group"

/* The group is a local system one (Debian's base-passwd makes dip), so it
 * is read from the group file itself, not through NSS: a root daemon
 * loads no NSS module (LDAP, systemd's) to answer it, and keeps nothing of
 * one mapped after. */
static bool
lookup_group(const char *name, gid_t *out)
{
    struct group gr, *res = NULL;
    size_t cap = 4096;
    bool found = false;
    char *buf = NULL;
    FILE *f = fopen(POLICY_GROUP_FILE, "re");
    if (!f)
        return false;
    for (;;) {
        if (!buf && (buf = ras_malloc(cap)) == NULL)
            break;
        int rc = fgetgrent_r(f, &gr, buf, cap, &res);
        if (rc == ERANGE && cap < POLICY_GRBUF_MAX) {
            /* glibc went back to the line's start: read it again, wider */
            ras_free(buf);
            buf = NULL;
            cap *= 4;
            continue;
        }
        if (rc != 0)
            break;
        if (strcmp(gr.gr_name, name) == 0) {
            *out = gr.gr_gid;
            found = true;
            break;
        }
    }
    ras_free(buf);
    fclose(f);
    return found;
}

void
policy_init(struct net_policy *p, bool daemon_root, const char *group)
{
    memset(p, 0, sizeof(*p));
    p->daemon_root = daemon_root;
    if (!group)
        group = POLICY_NET_GROUP;
    if (!daemon_root)
        return;
    p->have_group = lookup_group(group, &p->group_gid);
    if (p->have_group)
        log_msg(1, "group %s (gid %u) may set routes and DNS", group, (unsigned)p->group_gid);
    else
        log_msg(1, "no group %s: only root may set routes and DNS", group);
}

bool
policy_net_rights(const struct net_policy *p, uid_t uid, gid_t gid, const gid_t *groups,
                  size_t ngroups)
{
    if (!p->daemon_root || uid == 0)
        return true;
    if (!p->have_group)
        return false;
    if (gid == p->group_gid)
        return true;
    for (size_t i = 0; i < ngroups; i++)
        if (groups[i] == p->group_gid)
            return true;
    return false;
}

bool
policy_peer_net_rights(const struct net_policy *p, int fd, uid_t uid, gid_t gid)
{
    gid_t stack[POLICY_GROUPS_STACK];
    gid_t *groups = stack;
    socklen_t len = sizeof(stack);
    if (policy_net_rights(p, uid, gid, NULL, 0))
        return true;
    if (!p->have_group)
        return false;
    int rc = getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len);
    if (rc != 0 && errno == ERANGE && len > sizeof(stack)) {
        /* the kernel said how much it needs */
        groups = ras_malloc(len);
        if (!groups)
            return false;
        rc = getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len);
    }
    bool ok = rc == 0 && policy_net_rights(p, uid, gid, groups, len / sizeof(gid_t));
    if (groups != stack)
        ras_free(groups);
    return ok;
}

bool
policy_dial_net_rights(bool caller_rights, bool system_entry)
{
    return caller_rights || system_entry;
}

bool
policy_share_ok(const struct policy_share *s, uid_t uid, unsigned used, unsigned mine)
{
    if (used >= s->max)
        return false;
    if (uid == 0)
        return true;
    return used < s->max - s->reserve && mine < s->per_uid;
}

bool
policy_log_due(struct policy_log_limit *l, uid_t uid, uint64_t now_ms)
{
    for (unsigned i = 0; i < POLICY_LOG_UIDS; i++) {
        if (l->slot[i].used && l->slot[i].uid == uid) {
            if (now_ms - l->slot[i].last_ms < POLICY_LOG_PERIOD_MS)
                return false;
            l->slot[i].last_ms = now_ms;
            return true;
        }
    }
    /* slots are taken in turn: the oldest entry makes room */
    unsigned i = l->next;
    l->next = (l->next + 1) % POLICY_LOG_UIDS;
    l->slot[i].used = true;
    l->slot[i].uid = uid;
    l->slot[i].last_ms = now_ms;
    return true;
}
