/* rasmand's policy (src/daemon/policy.c): who may change the network, the
 * per-uid shares with root's reserve, and the refusal log's limiter; and
 * the data path's side of it (src/net): the choice of DNS tool, checked
 * against recording fakes for the exact argv, and the peer's addresses. */
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

#include "raserror.h"

#include "daemon/policy.h"
#include "net/net.h"
#include "net/priv.h"

#define GID_DIP 30

static void
t_net_rights(void)
{
    struct net_policy p = { .daemon_root = true, .have_group = true, .group_gid = GID_DIP };
    const gid_t some[] = { 100, 27 }, with_dip[] = { 100, GID_DIP };
    CHECK(policy_net_rights(&p, 0, 0, NULL, 0));               /* root */
    CHECK(!policy_net_rights(&p, 1000, 1000, NULL, 0));
    CHECK(!policy_net_rights(&p, 1000, 1000, some, 2));
    CHECK(policy_net_rights(&p, 1000, 1000, with_dip, 2));     /* supplementary */
    CHECK(policy_net_rights(&p, 1000, GID_DIP, NULL, 0));      /* primary */
    /* no such group on this system: only root */
    p.have_group = false;
    CHECK(!policy_net_rights(&p, 1000, GID_DIP, with_dip, 2));
    CHECK(policy_net_rights(&p, 0, 0, NULL, 0));
    /* a per-user rasmand cannot change the network anyway: its user may
     * try whatever it can */
    p.daemon_root = false;
    CHECK(policy_net_rights(&p, 1000, 1000, NULL, 0));
    /* an entry of the system phonebook is the administrator's choice */
    CHECK(policy_dial_net_rights(false, true));
    CHECK(policy_dial_net_rights(true, false));
    CHECK(!policy_dial_net_rights(false, false));
}

static void
t_init_looks_the_group_up(void)
{
    struct net_policy p;
    policy_init(&p, true, "root");             /* gid 0 everywhere */
    CHECK(p.have_group);
    CHECK_EQ(p.group_gid, 0);
    policy_init(&p, true, "no-such-group-openras");
    CHECK(!p.have_group);
    CHECK(!policy_net_rights(&p, 1000, 1000, NULL, 0));
    policy_init(&p, false, NULL);
    CHECK(!p.daemon_root);
}

/* The peer's supplementary groups come from SO_PEERGROUPS: our own
 * socketpair's peer is us, so whatever group we are in grants the right
 * and one we are not in does not. */
static void
t_peer_groups(void)
{
    int sv[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) == 0);
    gid_t mine[64];
    int n = getgroups(64, mine);
    struct net_policy p = { .daemon_root = true, .have_group = true, .group_gid = 54321 };
    for (int i = 0; i < n; i++)
        CHECK(mine[i] != 54321);
    CHECK(!policy_peer_net_rights(&p, sv[0], 1000, 1000));
    if (n > 0) {
        p.group_gid = mine[n - 1];
        CHECK(policy_peer_net_rights(&p, sv[0], 1000, 1000));
    }
    close(sv[0]);
    close(sv[1]);
}

static void
t_shares(void)
{
    const struct policy_share s = { .max = 256, .per_uid = 16, .reserve = 16 };
    CHECK(policy_share_ok(&s, 1000, 0, 0));
    CHECK(policy_share_ok(&s, 1000, 100, 15));
    CHECK(!policy_share_ok(&s, 1000, 100, 16));       /* its share */
    CHECK(policy_share_ok(&s, 1001, 100, 0));         /* another uid goes on */
    CHECK(policy_share_ok(&s, 1001, 239, 0));
    CHECK(!policy_share_ok(&s, 1001, 240, 0));        /* root's reserve */
    CHECK(policy_share_ok(&s, 0, 240, 200));          /* root: no share */
    CHECK(policy_share_ok(&s, 0, 255, 255));
    CHECK(!policy_share_ok(&s, 0, 256, 0));           /* the ceiling */
}

static void
t_log_limit(void)
{
    struct policy_log_limit l;
    memset(&l, 0, sizeof(l));
    CHECK(policy_log_due(&l, 1000, 1000));
    CHECK(!policy_log_due(&l, 1000, 2000));
    CHECK(!policy_log_due(&l, 1000, 1000 + POLICY_LOG_PERIOD_MS - 1));
    CHECK(policy_log_due(&l, 1001, 2000));            /* per uid */
    CHECK(policy_log_due(&l, 1000, 1000 + POLICY_LOG_PERIOD_MS));
    /* many uids: each logs once, and the table stays bounded */
    for (uid_t u = 2000; u < 2000 + 3 * POLICY_LOG_UIDS; u++)
        CHECK(policy_log_due(&l, u, 5000));
    for (uid_t u = 2000 + 2 * POLICY_LOG_UIDS; u < 2000 + 3 * POLICY_LOG_UIDS; u++)
        CHECK(!policy_log_due(&l, u, 6000));
}

/* ---- DNS tools ---------------------------------------------------------- */

static char rec[256];
static char fake_bin[PATH_MAX];   /* fake_resolver.c, absolute */

/* A recording fake at path (see fake_resolver.c). */
static void
make_fake(const char *path)
{
    REQUIRE(symlink(fake_bin, path) == 0);
}

/* The tool runs detached: wait for want to be what it recorded. */
static bool
recorded(const char *want)
{
    char buf[512];
    /* detached, and under valgrind each tool takes its time */
    for (int i = 0; i < 1000; i++) {
        FILE *f = fopen(rec, "re");
        size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
        if (f)
            fclose(f);
        buf[n] = '\0';
        if (strcmp(buf, want) == 0)
            return true;
        usleep(10000);
    }
    fprintf(stderr, "# recorded: \"%s\"\n# wanted:   \"%s\"\n", buf, want);
    return false;
}

/* Fakes for both tools in a fresh directory, resolved running or not;
 * the directory (harness) goes with the test. */
static void
fake_tools(bool resolved_runs)
{
    static char resolved[200], resolvectl[200], resolvconf[200];
    const char *dir = th_tmpdir();
    snprintf(rec, sizeof(rec), "%s/rec", dir);
    setenv("RAS_FAKE_REC", rec, 1);
    snprintf(resolved, sizeof(resolved), "%s/resolve", dir);
    snprintf(resolvectl, sizeof(resolvectl), "%s/resolvectl", dir);
    snprintf(resolvconf, sizeof(resolvconf), "%s/resolvconf", dir);
    if (resolved_runs)
        REQUIRE(mkdir(resolved, 0755) == 0);
    make_fake(resolvectl);
    make_fake(resolvconf);
    const struct priv_paths p = { .resolved_dir = resolved, .resolvectl = resolvectl,
                                  .resolvconf = resolvconf };
    priv_set_test_paths(&p);
}

static void
no_tools(void)
{
    const struct priv_paths p = { .resolved_dir = "/nonexistent", .resolvectl = "/nonexistent",
                                  .resolvconf = "/nonexistent" };
    priv_set_test_paths(&p);
}

static void
t_dns_to_resolved_per_link(void)
{
    fake_tools(true);
    char want[512];
    CHECK_EQ(priv_dns_apply("ras7", 0x0a400001, 0x0a400002), PRIV_DNS_RESOLVED);
    snprintf(want, sizeof(want), "resolvectl dns ras7 10.64.0.1 10.64.0.2\n");
    CHECK(recorded(want));
    priv_dns_remove("ras7", PRIV_DNS_RESOLVED);
    snprintf(want, sizeof(want), "resolvectl dns ras7 10.64.0.1 10.64.0.2\n"
             "resolvectl revert ras7\n");
    CHECK(recorded(want));
    unlink(rec);
    /* one server only */
    CHECK_EQ(priv_dns_apply("ras7", 0, 0x08080808), PRIV_DNS_RESOLVED);
    snprintf(want, sizeof(want), "resolvectl dns ras7 8.8.8.8\n");
    CHECK(recorded(want));
    unlink(rec);
    /* no servers: nothing runs */
    CHECK_EQ(priv_dns_apply("ras7", 0, 0), PRIV_DNS_NONE);
    usleep(50000);
    CHECK(access(rec, F_OK) != 0);
    no_tools();
}

static void
t_dns_to_resolvconf_without_resolved(void)
{
    /* resolvectl installed, but resolved not running */
    fake_tools(false);
    char want[512];
    CHECK_EQ(priv_dns_apply("ras3", 0x0a400001, 0x0a400002), PRIV_DNS_RESOLVCONF);
    snprintf(want, sizeof(want), "resolvconf -a ras3\nnameserver 10.64.0.1\n"
             "nameserver 10.64.0.2\n");
    CHECK(recorded(want));
    priv_dns_remove("ras3", PRIV_DNS_RESOLVCONF);
    snprintf(want, sizeof(want), "resolvconf -a ras3\nnameserver 10.64.0.1\n"
             "nameserver 10.64.0.2\nresolvconf -d ras3\n");
    CHECK(recorded(want));
    /* neither tool: nowhere, and nothing to undo */
    no_tools();
    CHECK_EQ(priv_dns_apply("ras3", 0x0a400001, 0), PRIV_DNS_NONE);
    priv_dns_remove("ras3", PRIV_DNS_NONE);
}

/* Whatever the peer negotiated, only addresses an interface may carry go
 * on one: checked before any device is opened. */
static void
t_peer_addresses_checked(void)
{
    static const uint32_t bad[][2] = {
        { 0x00000000, 0x0a400001 },     /* unset */
        { 0x0a400002, 0x7f000001 },     /* loopback peer */
        { 0xe0000001, 0x0a400001 },     /* multicast */
        { 0x0a400002, 0xffffffff },     /* broadcast */
        { 0xa9fe0102, 0x0a400001 },     /* link-local */
        { 0x0a400002, 0x0a400002 },     /* the same address at both ends */
    };
    struct net_link *n = NULL;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct ppp_projection pr = { .ipcp_up = 1, .local_ip = bad[i][0], .peer_ip = bad[i][1] };
        CHECK_EQ(net_link_new(NULL, NULL, &pr, NET_DNS, NULL, NULL, &n), ERROR_IP_CONFIGURATION);
        CHECK(n == NULL);
    }
}

int
main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!realpath(argv[1], fake_bin))
        return 1;
    TH_RUN(t_net_rights);
    TH_RUN(t_init_looks_the_group_up);
    TH_RUN(t_peer_groups);
    TH_RUN(t_shares);
    TH_RUN(t_log_limit);
    TH_RUN(t_dns_to_resolved_per_link);
    TH_RUN(t_dns_to_resolvconf_without_resolved);
    TH_RUN(t_peer_addresses_checked);
    return th_done();
}
