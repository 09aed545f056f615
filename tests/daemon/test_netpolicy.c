/* The system rasmand as a trust boundary (issue 8): which callers may set a
 * default route and DNS, the per-uid shares of sockets and connections
 * with root's reserve, and a dial whose interface cannot be made. As root
 * only (the children become other uids); rasmand runs --system in its own
 * network namespace (fixture.c), with recording fakes as its DNS tools. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "openras.h"

#include "daemon/rasmand.h"
#include "fixture.h"
#include "harness.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"

/* uids and gids no account uses */
#define UID_PLAIN 42601
#define UID_DIP   42602
#define UID_SOCKS 42603
#define UID_DIALS 42604

static struct rmf rmf;
static const char *rmf_bin, *rasdial_bin;
static struct ipc_debug base;
static char tools[64], rec[128];
static gid_t dip_gid;

/* Becomes uid (its own gid), with the one supplementary group given (or
 * none: group 0 is never passed). */
static bool
become(uid_t uid, gid_t group)
{
    return setgroups(group ? 1 : 0, &group) == 0 && setresgid(uid, uid, uid) == 0 &&
           setresuid(uid, uid, uid) == 0;
}

static DWORD
dial_number(const char *entry, const char *phone, DWORD options, HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    rmf_entry(&e);
    e.dwfOptions |= options;
    rmf_params(&p, entry, phone);
    *h = NULL;
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-test.pbk", entry, phone);
    return ras_dial_request(&d, &p, 0, NULL, h);
}

static DWORD
dial(const char *entry, DWORD options, HRASCONN *h)
{
    return dial_number(entry, "555", options, h);
}

/* A child dials entry as uid (in group, if not 0) and writes its handle
 * to the parent; the connection outlives it, for root to inspect. */
static HRASCONN
dial_as(uid_t uid, gid_t group, const char *entry, DWORD options)
{
    int p[2];
    REQUIRE(pipe2(p, O_CLOEXEC) == 0);
    pid_t kid = fork();
    REQUIRE(kid >= 0);
    if (kid == 0) {
        HRASCONN h = NULL;
        if (!become(uid, group))
            _exit(2);
        DWORD rc = dial(entry, options, &h);
        _exit(rc == 0 && write(p[1], &h, sizeof(h)) == sizeof(h) ? 0 : 1);
    }
    close(p[1]);
    HRASCONN h = NULL;
    ssize_t n = read(p[0], &h, sizeof(h));
    close(p[0]);
    int st = 0;
    waitpid(kid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    return n == sizeof(h) ? h : NULL;
}

static bool
file_has(const char *path, const char *want, int timeout_ms)
{
    char buf[1024];
    for (int waited = 0; waited <= timeout_ms; waited += 10) {
        FILE *f = fopen(path, "re");
        size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
        if (f)
            fclose(f);
        buf[n] = '\0';
        if (strstr(buf, want))
            return true;
        rmf_sleep_ms(10);
    }
    return false;
}

static void
hang_up_and_settle(HRASCONN h)
{
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK(rmf_settled(&base, 3000));
}

/* Not root, not in dip: the entry asks for the default gateway and the
 * peer gives DNS servers, yet the link comes up with its address only, and
 * the projection says what was withheld. */
static void
t_plain_user_gets_no_route_or_dns(void)
{
    REQUIRE(rmf_base(&base));
    unlink(rec);
    HRASCONN h = dial_as(UID_PLAIN, 0, "Gw", RASEO_RemoteDefaultGateway);
    REQUIRE(h);
    struct ipc_projection p;
    REQUIRE(rmf_projection(h, &p));
    CHECK_EQ(p.net_error, 0);
    CHECK(strncmp(p.ifname, "ras", 3) == 0);
    CHECK_EQ(p.net_flags, IPC_NET_ROUTE_WITHHELD | IPC_NET_DNS_WITHHELD);
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "ip -4 addr show dev %s | grep -q \"inet 10.64.0\"", p.ifname);
    CHECK_EQ(rmf_netns_run(&rmf, cmd), 0);
    CHECK(rmf_netns_run(&rmf, "ip route show default | grep -q dev") != 0);
    rmf_sleep_ms(100);
    CHECK(access(rec, F_OK) != 0);               /* no DNS tool ran */
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    CHECK_EQ(OpenRasGetLinkInfo(h, &li), 0);
    CHECK_EQ(li.dwFlags, OPENRAS_LINK_ROUTE_WITHHELD | OPENRAS_LINK_DNS_WITHHELD);
    hang_up_and_settle(h);
}

/* A member of dip (supplementary, as login gives it) gets both; the DNS
 * servers go to resolved for the link and are reverted at hang-up. */
static void
t_dip_member_gets_route_and_dns(void)
{
    if (!dip_gid) {
        th_skip("no group dip here");
        return;
    }
    REQUIRE(rmf_base(&base));
    unlink(rec);
    HRASCONN h = dial_as(UID_DIP, dip_gid, "Gw", RASEO_RemoteDefaultGateway);
    REQUIRE(h);
    struct ipc_projection p;
    REQUIRE(rmf_projection(h, &p));
    CHECK_EQ(p.net_flags, IPC_NET_ROUTE_SET | IPC_NET_DNS_SET);
    char want[160];
    snprintf(want, sizeof(want), "ip route show default | grep -q \"dev %s\"", p.ifname);
    CHECK_EQ(rmf_netns_run(&rmf, want), 0);
    snprintf(want, sizeof(want), "resolvectl dns %s 10.64.0.1 10.64.0.2\n", p.ifname);
    CHECK(file_has(rec, want, 10000));
    /* without the option, no route even for a member */
    HRASCONN h2 = dial_as(UID_DIP, dip_gid, "NoGw", 0);
    REQUIRE(h2);
    REQUIRE(rmf_projection(h2, &p));
    CHECK_EQ(p.net_flags, IPC_NET_DNS_SET);
    CHECK_EQ(RasHangUpA(h2), 0);
    CHECK(rmf_wait_gone(h2, 3000));
    REQUIRE(rmf_projection(h, &p));
    hang_up_and_settle(h);
    snprintf(want, sizeof(want), "resolvectl revert %s\n", p.ifname);
    CHECK(file_has(rec, want, 10000));
}

/* Whether rasmand closed fd (EOF) within timeout_ms. */
static bool
closed_by_peer(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    char c;
    return poll(&pfd, 1, timeout_ms) == 1 && recv(fd, &c, 1, MSG_DONTWAIT) == 0;
}

/* 33 sockets of one uid: the 33rd is closed at once, the 32 stay, and root
 * still gets in. */
static void
t_socket_share(void)
{
    REQUIRE(rmf_base(&base));
    int ready[2], go[2];
    REQUIRE(pipe2(ready, O_CLOEXEC) == 0 && pipe2(go, O_CLOEXEC) == 0);
    pid_t kid = fork();
    REQUIRE(kid >= 0);
    if (kid == 0) {
        int fds[RASMAND_CLIENTS_PER_UID + 1];
        char verdict = 'y', c;
        if (!become(UID_SOCKS, 0))
            _exit(2);
        for (int i = 0; i <= RASMAND_CLIENTS_PER_UID; i++)
            if ((fds[i] = rmf_connect(&rmf)) < 0)
                _exit(3);
        if (!closed_by_peer(fds[RASMAND_CLIENTS_PER_UID], 2000))
            verdict = 'n';
        for (int i = 0; i < RASMAND_CLIENTS_PER_UID; i++)
            if (closed_by_peer(fds[i], 0))
                verdict = 'n';
        if (write(ready[1], &verdict, 1) != 1 || read(go[0], &c, 1) != 1)
            _exit(4);
        _exit(0);
    }
    close(ready[1]);
    close(go[0]);
    char verdict = 0;
    CHECK_EQ(read(ready[0], &verdict, 1), 1);
    CHECK_EQ(verdict, 'y');
    struct ipc_debug d;
    CHECK(rmf_debug(&d));                        /* root still connects */
    CHECK_EQ(d.clients, 1 + RASMAND_CLIENTS_PER_UID);
    CHECK_EQ(write(go[1], "x", 1), 1);
    int st = 0;
    waitpid(kid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    close(ready[0]);
    close(go[1]);
    CHECK(rmf_settled(&base, 3000));
}

/* One uid's dials past its share get 633 (as when no port is free) while
 * root still dials. Failed dials not yet hung up count: Windows keeps a
 * failed handle until RasHangUp, and so does rasmand (or its linger). */
static void
t_dial_share(void)
{
    REQUIRE(rmf_base(&base));
    int p[2];
    REQUIRE(pipe2(p, O_CLOEXEC) == 0);
    pid_t kid = fork();
    REQUIRE(kid >= 0);
    if (kid == 0) {
        HRASCONN h[CONN_PER_UID];
        char entry[16];
        if (!become(UID_DIALS, 0))
            _exit(2);
        for (int i = 0; i < CONN_PER_UID; i++) {
            bool busy = i % 2;
            snprintf(entry, sizeof(entry), "Cap%d", i);
            DWORD rc = dial_number(entry, busy ? "555/busy" : "555", 0, &h[i]);
            if (!h[i] || (busy ? rc == 0 : rc != 0))
                _exit(3);
        }
        HRASCONN extra = NULL;
        DWORD rc = dial("CapOver", 0, &extra);
        if (write(p[1], h, sizeof(h)) != sizeof(h))
            _exit(4);
        _exit(rc == ERROR_PORT_NOT_AVAILABLE && !extra ? 0 : 5);
    }
    close(p[1]);
    HRASCONN h[CONN_PER_UID];
    memset(h, 0, sizeof(h));
    CHECK_EQ(read(p[0], h, sizeof(h)), (ssize_t)sizeof(h));
    close(p[0]);
    int st = 0;
    waitpid(kid, &st, 0);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 0);
    HRASCONN mine = NULL;
    CHECK_EQ(dial("Root", 0, &mine), 0);
    for (int i = 0; i < CONN_PER_UID; i++)
        if (h[i])
            CHECK_EQ(RasHangUpA(h[i]), 0);
    for (int i = 0; i < CONN_PER_UID; i++)
        if (h[i])
            CHECK(rmf_wait_gone(h[i], 3000));
    if (mine)
        hang_up_and_settle(mine);
}

/* rasdial dials entry "Net" of pbk as uid against sock: whether its
 * stderr has want. */
static bool
rasdial_says(uid_t uid, const char *sock, const char *pbk, const char *want)
{
    char sw[200], err[2048];
    int p[2];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk);
    REQUIRE(pipe2(p, O_CLOEXEC) == 0);
    pid_t kid = fork();
    REQUIRE(kid >= 0);
    if (kid == 0) {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null < 0 || dup2(null, 1) < 0 || dup2(p[1], 2) < 0 || (uid && !become(uid, 0)))
            _exit(126);
        setenv("RASMAND_SOCKET", sock, 1);
        setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
        setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
        setenv("LC_ALL", "C", 1);
        execl(rasdial_bin, rasdial_bin, "Net", "demo", "demo", sw, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    size_t n = 0;
    ssize_t r;
    while (n < sizeof(err) - 1 && (r = read(p[0], err + n, sizeof(err) - 1 - n)) > 0)
        n += (size_t)r;
    err[n] = '\0';
    close(p[0]);
    int st = 0;
    waitpid(kid, &st, 0);
    bool ok = WIFEXITED(st) && WEXITSTATUS(st) == ERROR_IP_CONFIGURATION - 600 &&
              strstr(err, want) != NULL;
    if (!ok)
        fprintf(stderr, "# rasdial as uid %u: status %d, stderr:\n%s", (unsigned)uid, st, err);
    return ok;
}

/* The tools print what to do under 716: a user learns of the system
 * rasmand and group dip, root of the tun module. */
static void
check_rasdial_hints(const struct rmf *notun)
{
    char pbk[128];
    RASENTRYA e;
    snprintf(pbk, sizeof(pbk), "%s/rasphone.pbk", tools);
    rmf_entry(&e);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "555");
    REQUIRE_EQ(RasSetEntryPropertiesA(pbk, "Net", &e, sizeof(e), NULL, 0), 0);
    REQUIRE(chmod(pbk, 0644) == 0);
    CHECK(rasdial_says(0, notun->sock, pbk, "modprobe tun"));
    /* valgrind cannot follow a child that became another uid (its files
     * in /tmp are root's); the hint's text is checked without it */
    if (!getenv("RAS_UNDER_VALGRIND"))
        CHECK(rasdial_says(UID_PLAIN, notun->sock, pbk,
                           "start it (systemctl start rasmand) and be in group dip"));
    unlink(pbk);
}

/* No tun device: the dial fails in Projected with 716 and the projection
 * says why (608), instead of "connected" with no network. */
static void
t_no_interface_fails_the_dial(void)
{
    struct rmf notun;
    setenv("RAS_TEST_TUN", "/nonexistent/tun", 1);
    bool up = rmf_start(&notun, rmf_bin);
    unsetenv("RAS_TEST_TUN");
    if (!up) {
        rmf_stop(&notun);                /* never leave it running */
        ras_client_set_socket(rmf.sock);
        ras_client_set_rasmand("/nonexistent/rasmand");
    }
    REQUIRE(up);
    struct ipc_debug b;
    REQUIRE(rmf_base(&b));
    HRASCONN h = NULL;
    CHECK_EQ(dial("NoTun", 0, &h), ERROR_IP_CONFIGURATION);
    REQUIRE(h);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    CHECK_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Projected);
    CHECK_EQ(s.dwError, ERROR_IP_CONFIGURATION);
    struct ipc_projection p;
    CHECK(rmf_projection(h, &p));
    CHECK_EQ(p.net_error, ERROR_DEVICE_DOES_NOT_EXIST);
    CHECK_STR(p.ifname, "");
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 3000));
    CHECK(rmf_settled(&b, 3000));
    CHECK(file_has(notun.log, "start the system rasmand", 0) ||
          file_has(notun.log, "tun module", 0));
    check_rasdial_hints(&notun);
    CHECK(rmf_settled(&b, 3000));
    CHECK(rmf_stop(&notun));
    /* back to the suite's rasmand */
    ras_client_set_socket(rmf.sock);
    ras_client_set_rasmand("/nonexistent/rasmand");
}

/* Recording fakes for the DNS tools (fake_resolver.c), resolved
 * "running"; rasmand inherits where they record. */
static bool
make_tools(const char *fake)
{
    char path[128], abs[PATH_MAX];
    snprintf(tools, sizeof(tools), "/tmp/rasmand-np-XXXXXX");
    if (!realpath(fake, abs) || !mkdtemp(tools) ||
        chmod(tools, 0755) != 0)                  /* other uids read the phonebook */
        return false;
    snprintf(rec, sizeof(rec), "%s/rec", tools);
    setenv("RAS_FAKE_REC", rec, 1);
    snprintf(path, sizeof(path), "%s/resolve", tools);
    if (mkdir(path, 0755) != 0)
        return false;
    setenv("RAS_TEST_RESOLVED_DIR", path, 1);
    const char *names[] = { "resolvectl", "resolvconf" };
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof(path), "%s/%s", tools, names[i]);
        if (symlink(abs, path) != 0)
            return false;
        setenv(i ? "RAS_TEST_RESOLVCONF" : "RAS_TEST_RESOLVECTL", path, 1);
    }
    return true;
}

static void
remove_tools(void)
{
    char path[128];
    const char *names[] = { "resolvectl", "resolvconf", "rec" };
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "%s/%s", tools, names[i]);
        unlink(path);
    }
    snprintf(path, sizeof(path), "%s/resolve", tools);
    rmdir(path);
    rmdir(tools);
}

int
main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    if (geteuid() != 0 || access("/dev/net/tun", R_OK | W_OK) != 0) {
        printf("1..0 # SKIP needs root and /dev/net/tun (other uids, a network namespace)\n");
        return 0;
    }
    rmf_bin = argv[1];
    rasdial_bin = argv[2];
    /* from the group file, as rasmand reads it (no NSS module loaded) */
    FILE *gf = fopen("/etc/group", "re");
    for (struct group *g; gf && (g = fgetgrent(gf)) != NULL;)
        if (strcmp(g->gr_name, "dip") == 0)
            dip_gid = g->gr_gid;
    if (gf)
        fclose(gf);
    if (!make_tools(argv[3]))
        return 1;
    th_set_cleanup(ras_client_shutdown);
    if (!rmf_start(&rmf, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(&rmf);
        remove_tools();
        return 1;
    }
    TH_RUN(t_plain_user_gets_no_route_or_dns);
    TH_RUN(t_dip_member_gets_route_and_dns);
    TH_RUN(t_socket_share);
    TH_RUN(t_dial_share);
    TH_RUN(t_no_interface_fails_the_dial);
    if (!rmf_stop(&rmf))
        th_fail(__FILE__, __LINE__, "rasmand did not stop cleanly");
    remove_tools();
    return th_done();
}
