/* A system rasmand shared by users (issue 8, findings 4, 5, 11): dial
 * requests whose strings could drive a terminal are refused by rasmand
 * itself (a raw client bypasses libras' checks) and never reach its log;
 * connections are matched by (owner, name), names case-insensitively; the
 * enumeration says whose each connection is; a connection that dropped
 * stays listed as Disconnected with its error until it is hung up.
 * argv[1]: the rasmand binary. Parts that need a second uid run as root
 * only (a child drops to OTHER_UID). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"

#define OTHER_UID 64124           /* no user has it: nothing of theirs to touch */

static struct rmf rmf;
static struct ipc_debug base;

static void
hang_up_and_settle(HRASCONN h)
{
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 3000));
}

/* ---- raw requests ------------------------------------------------------ */

/* One dial request on a socket of its own, as a hostile client would send
 * it (libras refuses such names before they leave the process): rasmand's
 * answer, or ~0 if there was none. */
static uint32_t
raw_dial(const struct ipc_dial_req *d)
{
    static struct ipc_msg m;
    static uint8_t rep[IPC_MAX_MSG];
    uint32_t err = ~0u;
    uint64_t handle = 0;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", rmf.sock);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return err;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 && ipc_enc_dial(&m, 7, d) &&
        send(fd, m.buf, m.len, MSG_NOSIGNAL) == (ssize_t)m.len) {
        ssize_t n = recv(fd, rep, sizeof(rep), 0);
        if (n > 0 && !ipc_dec_rep_dial(rep, (size_t)n, &err, &handle))
            err = ~0u;
    }
    close(fd);
    return err;
}

static void
loopback_req(struct ipc_dial_req *d, const char *entry)
{
    RASENTRYA e;
    rmf_entry(&e);
    ras_dial_req_from_entry(d, &e, "/tmp/openras-test.pbk", entry, "555");
    snprintf(d->user, sizeof(d->user), "demo");
    snprintf(d->password, sizeof(d->password), "demo");
}

static bool
log_has_byte(unsigned char byte)
{
    unsigned char buf[4096];
    bool found = false;
    int fd = open(rmf.log, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    for (ssize_t n; !found && (n = read(fd, buf, sizeof(buf))) > 0;)
        found = memchr(buf, byte, (size_t)n) != NULL;
    close(fd);
    return found;
}

/* Every string of a dial request is checked by rasmand: 123 for the entry
 * name, 87 for the others; nothing is dialed and nothing of it logged. */
static void
t_raw_dial_strings_refused(void)
{
    REQUIRE(rmf_base(&base));
    struct ipc_dial_req d;
    static const char *const bad[] = {
        "Evil\x1b]0;owned\x07", "Evil\x1b[2J", "Evil\xc2\x9b" "31m", "Evil\x9b",
        "Evil\ttab", "Evil\x7f", "Evil\xff", "Evil\xc0\xaf",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        loopback_req(&d, bad[i]);
        CHECK_EQ(raw_dial(&d), ERROR_INVALID_NAME);
        loopback_req(&d, "Fine");
        snprintf(d.phone, sizeof(d.phone), "555%s", bad[i] + 4);
        CHECK_EQ(raw_dial(&d), ERROR_INVALID_PARAMETER);
        loopback_req(&d, "Fine");
        snprintf(d.device_name, sizeof(d.device_name), "loopback%s", bad[i] + 4);
        CHECK_EQ(raw_dial(&d), ERROR_INVALID_PARAMETER);
    }
    char *const fields[] = { d.phonebook, d.device_type, d.user, d.domain };
    const size_t sizes[] = { sizeof(d.phonebook), sizeof(d.device_type), sizeof(d.user),
                             sizeof(d.domain) };
    for (size_t i = 0; i < 4; i++) {
        loopback_req(&d, "Fine");
        snprintf(fields[i], sizes[i], "x\x1b[1m");
        CHECK_EQ(raw_dial(&d), ERROR_INVALID_PARAMETER);
    }
    /* the same request, clean, dials */
    loopback_req(&d, "Fine");
    CHECK_EQ(raw_dial(&d), 0);
    CHECK(!log_has_byte(0x1b));
    CHECK(!log_has_byte(0x9b));
    RASCONNA c[4] = { { .dwSize = sizeof(RASCONNA) } };
    DWORD cb = sizeof(c), n = 0;
    REQUIRE_EQ(RasEnumConnectionsA(c, &cb, &n), 0);
    REQUIRE_EQ(n, 1);
    CHECK_STR(c[0].szEntryName, "Fine");
    CHECK(rmf_wait_state(c[0].hrasconn, RASCS_Connected, 3000));
    hang_up_and_settle(c[0].hrasconn);
    CHECK(rmf_settled(&base, 3000));
}

/* ---- two users, one name ----------------------------------------------- */

static DWORD
enum_all(RASCONNA *c, DWORD max, DWORD *n)
{
    DWORD cb = max * sizeof(RASCONNA);
    memset(c, 0, cb);
    c[0].dwSize = sizeof(RASCONNA);
    return RasEnumConnectionsA(c, &cb, n);
}

/* What OTHER_UID sees: exit status 0 when it is only its own connection
 * (theirs), and root's handle is stale to it. */
static int
other_sees_only_its_own(HRASCONN theirs, HRASCONN roots)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(OTHER_UID) != 0 || setuid(OTHER_UID) != 0)
            _exit(10);
        RASCONNA c[4];
        DWORD n = 0;
        uid_t owner = 0;
        if (enum_all(c, 4, &n) != 0 || n != 1 || c[0].hrasconn != theirs)
            _exit(11);
        if (c[0].dwFlags != (RASCF_OwnerKnown | RASCF_OwnerMatch))
            _exit(12);
        if (OpenRasGetConnectionOwner(theirs, &owner) != 0 || owner != OTHER_UID)
            _exit(13);
        if (OpenRasGetConnectionOwner(roots, &owner) != ERROR_INVALID_HANDLE)
            _exit(14);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Finding 5: OTHER_UID holds "Root ISP"; root's dial of "Root ISP" dials
 * its own (a new connection), not "already connected" to the user's. Each
 * sees its own as OwnerMatch; root sees the user's with its owner. */
static void
t_same_name_two_uids(void)
{
    if (geteuid() != 0) {
        th_skip("needs root to become another uid");
        return;
    }
    REQUIRE(rmf_base(&base));
    HRASCONN theirs = rmf_dial_as(OTHER_UID, "Root ISP", "555");
    REQUIRE(theirs != NULL);
    HRASCONN mine = NULL;
    REQUIRE_EQ(rmf_dial("Root ISP", "555", 0, NULL, &mine), 0);
    CHECK(mine != theirs);
    RASCONNA c[4];
    DWORD n = 0;
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    REQUIRE_EQ(n, 2);
    for (DWORD i = 0; i < n; i++) {
        uid_t owner = 99;
        CHECK_STR(c[i].szEntryName, "Root ISP");
        REQUIRE_EQ(OpenRasGetConnectionOwner(c[i].hrasconn, &owner), 0);
        if (c[i].hrasconn == mine) {
            CHECK_EQ(c[i].dwFlags, RASCF_OwnerKnown | RASCF_OwnerMatch);
            CHECK_EQ(owner, 0);
        } else {
            CHECK(c[i].hrasconn == theirs);
            CHECK_EQ(c[i].dwFlags, RASCF_OwnerKnown);
            CHECK_EQ(owner, OTHER_UID);
        }
    }
    CHECK_EQ(OpenRasGetConnectionOwner(mine, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(other_sees_only_its_own(theirs, mine), 0);
    /* root's hang-up of its own leaves the user's up */
    hang_up_and_settle(mine);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(theirs, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    /* root may hang up anyone's, by handle */
    hang_up_and_settle(theirs);
    CHECK(rmf_settled(&base, 3000));
}

/* Entry names are not case-sensitive (the phonebook's rule): a dial of
 * "root isp" while "Root ISP" is connected joins it (a reference). */
static void
t_name_match_ignores_case(void)
{
    REQUIRE(rmf_base(&base));
    HRASCONN a = NULL, b = NULL;
    REQUIRE_EQ(rmf_dial("Root ISP", "555", 0, NULL, &a), 0);
    REQUIRE_EQ(rmf_dial("root isp", "555", 0, NULL, &b), 0);
    CHECK(a == b);
    RASCONNA c[4];
    DWORD n = 0;
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    CHECK_EQ(n, 1);
    /* two references: the first RasHangUp leaves it up */
    CHECK_EQ(RasHangUpA(a), 0);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(a, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    hang_up_and_settle(a);
    CHECK(rmf_settled(&base, 3000));
}

/* ---- finding 11 -------------------------------------------------------- */

static bool
wait_disconnected(HRASCONN h, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 5) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        if (RasGetConnectStatusA(h, &s) != 0)
            return false;
        if (s.rasconnstate == RASCS_Disconnected)
            return true;
        rmf_sleep_ms(5);
    }
    return false;
}

/* A connection that drops stays listed as Disconnected with its error
 * until it is hung up; a new dial of the entry does not join it; a dial
 * that fails before Connected is not listed. */
static void
t_dropped_stays_listed(void)
{
    REQUIRE(rmf_base(&base));
    HRASCONN h = NULL, again = NULL, early = NULL;
    REQUIRE_EQ(rmf_dial("Drop", "555/drop=100", 0, NULL, &h), 0);
    REQUIRE(wait_disconnected(h, 3000));
    RASCONNA c[4];
    DWORD n = 0;
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    REQUIRE_EQ(n, 1);
    CHECK(c[0].hrasconn == h);
    CHECK_STR(c[0].szEntryName, "Drop");
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    REQUIRE_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Disconnected);
    CHECK_EQ(s.dwError, ERROR_PORT_DISCONNECTED);
    /* dialing it again is a new connection, not "already connected" */
    REQUIRE_EQ(rmf_dial("drop", "555", 0, NULL, &again), 0);
    CHECK(again != h);
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    CHECK_EQ(n, 2);
    /* a dial that never reached Connected is not listed */
    CHECK_EQ(rmf_dial("Drop early", "555/latency=40/drop=10", 0, NULL, &early),
             ERROR_PORT_DISCONNECTED);
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    CHECK_EQ(n, 2);
    for (DWORD i = 0; i < n; i++)
        CHECK(c[i].hrasconn != early);
    if (early)
        hang_up_and_settle(early);
    /* hung up, the dropped record goes */
    hang_up_and_settle(h);
    REQUIRE_EQ(enum_all(c, 4, &n), 0);
    REQUIRE_EQ(n, 1);
    CHECK(c[0].hrasconn == again);
    hang_up_and_settle(again);
    CHECK(rmf_settled(&base, 3000));
}

int
main(int argc, char **argv)
{
    if (argc < 2 || !rmf_start(&rmf, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        return 99;
    }
    TH_RUN(t_raw_dial_strings_refused);
    TH_RUN(t_same_name_two_uids);
    TH_RUN(t_name_match_ignores_case);
    TH_RUN(t_dropped_stays_listed);
    int rc = th_done();
    if (!rmf_stop(&rmf))
        rc = 1;
    return rc;
}
