/* Issue 8 finding 1: which devices a user can make the system rasmand (root)
 * take. A user dials a device it can open itself (libras passes the
 * descriptor) or an entry of the system phonebook; a path it cannot open
 * is refused without rasmand looking at it (no write, no existence
 * oracle); a descriptor that is not a terminal is refused; and descriptors
 * sent where none belongs never stay in rasmand. The user is a child that
 * drops to an unused uid; rasmand runs as root with --system semantics on
 * a private socket. argv[1]: rasmand, argv[2]: ras-modem-sim. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
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

#include "fixture.h"
#include "harness.h"
#include "ipc/ipc_proto.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "sim.h"

#define USER_ID 64123             /* no such user: a stranger to every file */
#define BUSY_ARGS { "--script=1=busy", NULL }

static const char *sim_exe;
static struct rmf rmf;
static struct ipc_debug base;
static char work_dir[64];         /* locks and the system phonebook */
static char sys_pbk[128];

/* ---- running as the other user ----------------------------------------- */

typedef uint32_t (*user_fn)(void *ctx);

/* fn's answer, run in a child with USER_ID's uid and gid and no groups. */
static uint32_t
as_user(user_fn fn, void *ctx)
{
    int p[2];
    uint32_t r = ~0u;
    if (pipe2(p, O_CLOEXEC) != 0)
        return r;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        uint32_t v = ~0u - 1;
        if (setgroups(0, NULL) == 0 && setresgid(USER_ID, USER_ID, USER_ID) == 0 &&
            setresuid(USER_ID, USER_ID, USER_ID) == 0)
            v = fn(ctx);
        (void)!write(p[1], &v, sizeof(v));
        _exit(0);
    }
    close(p[1]);
    if (pid > 0) {
        if (read(p[0], &r, sizeof(r)) != (ssize_t)sizeof(r))
            r = ~0u;
        waitpid(pid, NULL, 0);
    }
    close(p[0]);
    return r;
}

/* ---- dial requests ------------------------------------------------------ */

/* A modem entry on device dialing "1" (the simulator's busy number). */
static void
modem_req(struct ipc_dial_req *d, const char *phonebook, const char *entry,
          const char *device)
{
    RASENTRYA e;
    rmf_entry(&e);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%.*s", (int)sizeof(e.szDeviceName) - 1,
             device);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "1");
    ras_dial_req_from_entry(d, &e, phonebook, entry, "");
}

/* Through libras, as RasDial sends it: the device opened with our rights
 * and passed, if we can open it. The dial's error, hung up after. */
static uint32_t
libras_dial(void *ctx)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    rmf_params(&p, "Modem", "");
    uint32_t rc = ras_dial_request(ctx, &p, 0, NULL, &h);
    if (h)
        RasHangUpA(h);
    return rc;
}

/* The next message, 0 when rasmand closed the connection, -1 on timeout. */
static ssize_t
raw_recv(int s, uint8_t *buf)
{
    struct pollfd pfd = { .fd = s, .events = POLLIN };
    if (poll(&pfd, 1, 10000) != 1)
        return -1;
    return recv(s, buf, IPC_MAX_MSG, 0);
}

#define DROPPED 0xd0d0u            /* raw_dial: rasmand hung up on us */

/* A dial sent by hand with fds beside it: the reply's error, else the
 * first error the dial reports (0 if it connected), hung up after. */
static uint32_t
raw_dial(const struct ipc_dial_req *req, const int *fds, int nfds)
{
    static struct ipc_msg m;
    static uint8_t rx[IPC_MAX_MSG];
    struct ipc_dial_req d = *req;
    uint64_t handle = 0, h;
    uint32_t err = ~0u, state;
    ssize_t n;
    int s = rmf_connect(&rmf);
    d.flags |= IPC_DIAL_NOTIFY;
    if (s < 0 || !ipc_enc_dial(&m, 7, &d) || !rmf_send_fds(s, m.buf, m.len, fds, nfds))
        goto out;
    if ((n = raw_recv(s, rx)) <= 0) {
        err = n == 0 ? DROPPED : ~0u;
        goto out;
    }
    if (!ipc_dec_rep_dial(rx, (size_t)n, &err, &handle) || err)
        goto out;
    err = ~0u;
    while ((n = raw_recv(s, rx)) > 0 && ipc_dec_ev_state(rx, (size_t)n, &h, &state, &err) &&
           !err && state != RASCS_Connected)
        ;
    /* hung up once its reply (request id 8) is back */
    ipc_enc_handle(&m, IPC_REQ_HANGUP, 8, handle);
    struct ipc_hdr hdr = { .id = 0 };
    if (rmf_send_fds(s, m.buf, m.len, NULL, 0))
        while (hdr.id != 8 && (n = raw_recv(s, rx)) > 0 && ipc_parse_hdr(rx, (size_t)n, &hdr))
            ;
out:
    if (s >= 0)
        close(s);
    return err;
}

struct raw_ctx {
    struct ipc_dial_req req;
    int fd;                       /* passed if >= 0 */
};

static uint32_t
raw_dial_fn(void *ctx)
{
    struct raw_ctx *c = ctx;
    return raw_dial(&c->req, &c->fd, c->fd >= 0 ? 1 : 0);
}

/* ---- ptys ---------------------------------------------------------------- */

/* A pty nobody but root may open: its master (non-blocking) in *master,
 * the slave held open too (raw), so the line stays up to read from. */
static bool
root_pty(int *master, int *slave, char *name, size_t cap)
{
    *master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (*master < 0 || grantpt(*master) != 0 || unlockpt(*master) != 0 ||
        ptsname_r(*master, name, cap) != 0 || chmod(name, 0600) != 0 ||
        chown(name, 0, 0) != 0)
        return false;
    *slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    return *slave >= 0;
}

/* Nothing came out of the slave side. */
static bool
nothing_written(int master)
{
    char buf[64];
    ssize_t n = read(master, buf, sizeof(buf));
    return n < 0 && errno == EAGAIN;
}

static void
sim_device(const struct sim *s, char *real)
{
    REQUIRE(realpath(s->link, real) != NULL);
}

static void
settle(void)
{
    CHECK(rmf_settled(&base, 5000));
}

/* ---- the tests ----------------------------------------------------------- */

/* A pty the user owns: libras opens it and passes it; rasmand dials on it
 * (the simulator answers BUSY: the AT dialog ran on that line). */
static void
t_own_device_dials(void)
{
    static const char *const args[] = BUSY_ARGS;
    struct sim s;
    char real[PATH_MAX];
    struct ipc_dial_req d;
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    sim_device(&s, real);
    CHECK_EQ(chown(real, USER_ID, USER_ID), 0);
    modem_req(&d, "", "Modem", real);
    CHECK_EQ(as_user(libras_dial, &d), ERROR_LINE_BUSY);
    /* root's own dial (root's libras passes the descriptor too) */
    CHECK_EQ(libras_dial(&d), ERROR_LINE_BUSY);
    sim_stop(&s);
    settle();
}

/* The same pty, root's (0620 root:tty, as the simulator made it): the
 * user cannot open it, sends no descriptor, and is refused. */
static void
t_unopenable_device_refused(void)
{
    int master, slave;
    char name[128];
    struct ipc_dial_req d;
    REQUIRE(rmf_base(&base));
    REQUIRE(root_pty(&master, &slave, name, sizeof(name)));
    modem_req(&d, "", "Modem", name);
    CHECK_EQ(as_user(libras_dial, &d), ERROR_ACCESS_DENIED);
    struct raw_ctx c = { .req = d, .fd = -1 };
    CHECK_EQ(as_user(raw_dial_fn, &c), ERROR_ACCESS_DENIED);
    CHECK(nothing_written(master));
    close(slave);
    close(master);
    settle();
}

/* Paths the user names without a descriptor: refused before rasmand
 * looks at them, all with one error (no existence oracle); root, whose
 * paths rasmand does open, gets one error for all of them too. */
static void
t_paths_no_oracle(void)
{
    static const char *const paths[] = {
        "/dev/../etc/shadow", "/dev/../root/.bashrc", "/dev/nope", "/dev/../nope",
        "/dev//null", "/dev/./null", "/dev/null", "/etc/shadow",
    };
    REQUIRE(rmf_base(&base));
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        struct raw_ctx c = { .fd = -1 };
        modem_req(&c.req, "", "Modem", paths[i]);
        uint32_t user = as_user(raw_dial_fn, &c);
        uint32_t root = raw_dial(&c.req, NULL, 0);
        if (user != ERROR_ACCESS_DENIED)
            th_fail(__FILE__, __LINE__, "%s as a user: %u", paths[i], user);
        /* /etc/shadow is no /dev/ path: no port serves it (608 as well) */
        if (root != ERROR_DEVICE_DOES_NOT_EXIST)
            th_fail(__FILE__, __LINE__, "%s as root: %u", paths[i], root);
    }
    /* through libras the user's own open answers first: a file it may
     * not read is 5, a missing one 608, as its own stat would say */
    struct ipc_dial_req d;
    modem_req(&d, "", "Modem", "/dev/../etc/shadow");
    CHECK_EQ(as_user(libras_dial, &d), ERROR_ACCESS_DENIED);
    modem_req(&d, "", "Modem", "/dev/openras-nope");
    CHECK_EQ(as_user(libras_dial, &d), ERROR_DEVICE_DOES_NOT_EXIST);
    settle();
}

/* Descriptors that are no terminal: a regular file, a socket, /dev/null
 * (a character device, not a tty), one open read-only. 608 each. */
static void
t_bad_descriptors(void)
{
    int sv[2];
    char file[600], name[128];
    int master, slave;
    REQUIRE(rmf_base(&base));
    REQUIRE(root_pty(&master, &slave, name, sizeof(name)));
    snprintf(file, sizeof(file), "%s/plain", th_tmpdir());
    int fds[4];
    fds[0] = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    REQUIRE_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
    fds[1] = sv[0];
    fds[2] = open("/dev/null", O_RDWR | O_CLOEXEC);
    fds[3] = open(name, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    for (int i = 0; i < 4; i++) {
        struct raw_ctx c = { .fd = fds[i] };
        modem_req(&c.req, "", "Modem", name);
        CHECK(fds[i] >= 0);
        uint32_t rc = as_user(raw_dial_fn, &c);
        if (rc != ERROR_DEVICE_DOES_NOT_EXIST)
            th_fail(__FILE__, __LINE__, "descriptor %d: %u", i, rc);
        close(fds[i]);
    }
    CHECK(nothing_written(master));
    close(sv[1]);
    close(slave);
    close(master);
    settle();
}

/* The system phonebook's entry for the simulator (root's pty, which the
 * user cannot open), written as the administrator would. */
static void
write_system_entry(const char *device)
{
    RASENTRYA e;
    rmf_entry(&e);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%.*s", (int)sizeof(e.szDeviceName) - 1,
             device);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "1");
    REQUIRE_EQ(RasSetEntryPropertiesA(sys_pbk, "SysModem", &e, sizeof(e), NULL, 0), 0);
    REQUIRE_EQ(chmod(sys_pbk, 0644), 0);
}

static uint32_t
dial_system_entry(void *ctx)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    rmf_params(&p, ctx, "");
    uint32_t rc = RasDialA(NULL, sys_pbk, &p, 0, NULL, &h);
    if (h)
        RasHangUpA(h);
    return rc;
}

/* The administrator's entry dials for a user who cannot open its device;
 * rasmand takes the entry from the file, whatever device the request
 * names; an entry the file does not have is 623. */
static void
t_system_entry(void)
{
    static const char *const args[] = BUSY_ARGS;
    struct sim s;
    char real[PATH_MAX];
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start(&s, sim_exe, args));
    sim_device(&s, real);
    write_system_entry(real);
    CHECK_EQ(as_user(dial_system_entry, "SysModem"), ERROR_LINE_BUSY);
    /* a request that lies about the entry's device: the file's is used */
    struct raw_ctx c = { .fd = -1 };
    modem_req(&c.req, sys_pbk, "SysModem", "/dev/../etc/shadow");
    CHECK_EQ(as_user(raw_dial_fn, &c), ERROR_LINE_BUSY);
    /* an entry only the client claims is there */
    modem_req(&c.req, sys_pbk, "NotThere", real);
    CHECK_EQ(as_user(raw_dial_fn, &c), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    /* the same entry named from another phonebook is the user's own */
    modem_req(&c.req, "/tmp/elsewhere.pbk", "SysModem", real);
    CHECK_EQ(as_user(raw_dial_fn, &c), ERROR_ACCESS_DENIED);
    sim_stop(&s);
    unlink(sys_pbk);
    settle();
}

static uint32_t
bad_messages(void *ctx)
{
    static struct ipc_msg m;
    uint8_t *rx = ctx;
    const struct ipc_dial_req *d = (const struct ipc_dial_req *)(rx + IPC_MAX_MSG);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int fds[3] = { null, null, null };
    uint32_t bad = 0;
    /* a descriptor on a request that takes none, and on a dial two or
     * three at once: each drops the client (the connection closes) */
    for (int i = 0; i < 60; i++) {
        int s = rmf_connect(&rmf);
        int nfds = i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 3;
        bool ok = s >= 0;
        if (nfds == 1)
            ok = ok && ipc_enc_empty(&m, IPC_REQ_ENUM, 1);
        else
            ok = ok && ipc_enc_dial(&m, 1, d);
        if (!ok || !rmf_send_fds(s, m.buf, m.len, fds, nfds) || raw_recv(s, rx) != 0)
            bad++;
        if (s >= 0)
            close(s);
    }
    /* dials with a descriptor: refused at once (no port for the device),
     * or failing in the port (/dev/null is no terminal) */
    for (int i = 0; i < 100; i++) {
        struct ipc_dial_req r = *d;
        if (i % 2)
            snprintf(r.device_name, sizeof(r.device_name), "no-such-port");
        if (raw_dial(&r, fds, 1) != ERROR_DEVICE_DOES_NOT_EXIST)
            bad++;
    }
    close(null);
    return bad;
}

/* rasmand's descriptor count is back where it was after a flood of
 * descriptors, on dials and where none belongs. */
static void
t_fd_flood(void)
{
    static uint8_t buf[IPC_MAX_MSG + sizeof(struct ipc_dial_req)];
    REQUIRE(rmf_base(&base));
    modem_req((struct ipc_dial_req *)(buf + IPC_MAX_MSG), "", "Modem", "/dev/null");
    CHECK_EQ(as_user(bad_messages, buf), 0);
    settle();
}

static void
cleanup(void)
{
    ras_client_shutdown();
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RASMAND RAS-MODEM-SIM\n", argv[0]);
        return 2;
    }
    if (geteuid() != 0) {
        printf("1..0 # SKIP needs root (it plays another user against root's rasmand)\n");
        return 0;
    }
    sim_exe = argv[2];
    signal(SIGPIPE, SIG_IGN);
    /* rasmand takes its lock directory and (--test) its system phonebook
     * from the environment it starts in; the user must read the latter */
    snprintf(work_dir, sizeof(work_dir), "/tmp/openras-devices-XXXXXX");
    if (!mkdtemp(work_dir) || chmod(work_dir, 0755) != 0)
        return 1;
    snprintf(sys_pbk, sizeof(sys_pbk), "%s/rasphone.pbk", work_dir);
    setenv("RAS_LOCK_DIR", work_dir, 1);
    setenv("RAS_SYSTEM_PHONEBOOK", sys_pbk, 1);
    if (!rmf_start(&rmf, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(&rmf);
        rmdir(work_dir);
        return 1;
    }
    th_set_cleanup(cleanup);
    TH_RUN(t_own_device_dials);
    TH_RUN(t_unopenable_device_refused);
    TH_RUN(t_paths_no_oracle);
    TH_RUN(t_bad_descriptors);
    TH_RUN(t_system_entry);
    TH_RUN(t_fd_flood);
    int rc = th_done();
    if (!rmf_stop(&rmf))
        rc = 1;
    char lock[128];
    snprintf(lock, sizeof(lock), "%s/rasphone.pbk.lock", work_dir);
    unlink(lock);
    unlink(sys_pbk);
    rmdir(work_dir);
    return rc;
}
