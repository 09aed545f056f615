/* libras starts rasmand on demand (as gpg starts gpg-agent): with nothing
 * listening on the socket, the first RasDial starts it; several processes
 * racing to do so end with one daemon holding all their connections.
 * Queries never start one. The daemon started holds nothing of its
 * starter's (descriptors, working directory) but a log file if asked
 * ($RASMAND_LOG). Which daemon: a per-user one
 * listening, else the system one, else a per-user one is started.
 * argv[1]: rasmand. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"

#define RACERS 4

static const char *bin;
static char dir[64], sock[128], lock[140];

static pid_t
pid_in(const char *lockfile)
{
    FILE *f = fopen(lockfile, "re");
    int pid = 0;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return (pid_t)pid;
}

static pid_t
daemon_pid(void)
{
    return pid_in(lock);
}

static void
stop_daemon(pid_t pid)
{
    kill(pid, SIGTERM);
    for (int i = 0; i < 300 && kill(pid, 0) == 0; i++)
        rmf_sleep_ms(10);
    CHECK(kill(pid, 0) != 0);
}
static void
t_queries_do_not_start_rasmand(void)
{
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    HRASCONN h = rmf_forge(1, 1, 1);
    DWORD cb = 0, n = 7;
    CHECK_EQ(RasGetConnectStatusA(h, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpA(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasEnumConnectionsA(NULL, &cb, &n), 0);
    CHECK_EQ(n, 0);
    struct stat st;
    CHECK(stat(sock, &st) != 0);
}

static void
t_racing_dials_start_one_daemon(void)
{
    pid_t kids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        kids[i] = fork();
        REQUIRE(kids[i] >= 0);
        if (kids[i] == 0) {
            char entry[32];
            HRASCONN h = NULL;
            snprintf(entry, sizeof(entry), "Racer %d", i);
            _exit(rmf_dial(entry, "555", 0, NULL, &h) == 0 ? 0 : 1);
        }
    }
    for (int i = 0; i < RACERS; i++) {
        int status = 0;
        waitpid(kids[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    pid_t pid = daemon_pid();
    REQUIRE(pid > 0);
    CHECK(kill(pid, 0) == 0);
    /* every racer's connection is in that one daemon */
    RASCONNA c[RACERS + 1];
    DWORD cb = sizeof(c), n = 0;
    c[0].dwSize = sizeof(c[0]);
    REQUIRE_EQ(RasEnumConnectionsA(c, &cb, &n), 0);
    CHECK_EQ(n, RACERS);
    for (DWORD i = 0; i < n; i++) {
        CHECK_EQ(RasHangUpA(c[i].hrasconn), 0);
        CHECK(rmf_wait_gone(c[i].hrasconn, 3000));
    }
    stop_daemon(pid);
}

/* "(rasdial X 3>&1 >/dev/null) | cat" waited for rasmand's idle exit: the
 * daemon had kept the caller's descriptor 3, the pipe's write end. It
 * must keep none of ours, and not our working directory either. */
static void
t_started_rasmand_keeps_nothing_of_ours(void)
{
    int p[2];
    HRASCONN h = NULL;
    char cwd[PATH_MAX], link[64], where[PATH_MAX];
    REQUIRE(pipe(p) == 0);          /* no O_CLOEXEC: as a shell's 3>&1 */
    REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
    char log[100];
    snprintf(log, sizeof(log), "%s/rasmand.log", dir);
    /* its log still has somewhere to go when asked for */
    setenv("RASMAND_LOG", log, 1);
    REQUIRE(chdir(dir) == 0);
    DWORD rc = rmf_dial("Detached", "555", 0, NULL, &h);
    REQUIRE(chdir(cwd) == 0);
    unsetenv("RASMAND_LOG");
    CHECK(access(log, F_OK) == 0);
    unlink(log);
    close(p[1]);
    CHECK_EQ(rc, 0);
    struct pollfd pfd = { .fd = p[0], .events = POLLIN };
    CHECK_EQ(poll(&pfd, 1, 3000), 1);     /* end of file: no writer is left */
    close(p[0]);
    pid_t pid = daemon_pid();
    REQUIRE(pid > 0);
    snprintf(link, sizeof(link), "/proc/%d/cwd", (int)pid);
    ssize_t n = readlink(link, where, sizeof(where) - 1);
    REQUIRE(n > 0);
    where[n] = '\0';
    CHECK_STR(where, "/");
    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 3000));
    }
    stop_daemon(pid);
}

/* ---- which rasmand: the per-user one, else the system one ---- */

static char sys_dir[64], sys_sock[100], xdg[100], user_sock[120], user_lock[130];

/* The pid of the process listening at the other end of fd. */
static pid_t
peer_pid(int fd)
{
    struct ucred uc;
    socklen_t len = sizeof(uc);
    return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == 0 ? uc.pid : -1;
}

/* A "system" rasmand of our own on sys_sock, open to everyone as the real
 * one is. */
static pid_t
start_system(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0), dup2(null, 1), dup2(null, 2);
        execl(bin, bin, "--socket", sys_sock, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 300; i++) {
        struct stat st;
        if (stat(sys_sock, &st) == 0 && chmod(sys_sock, 0666) == 0)
            return pid;
        rmf_sleep_ms(10);
    }
    return -1;
}

static void
stop_system(pid_t pid)
{
    int status = 0;
    kill(pid, SIGTERM);
    CHECK(waitpid(pid, &status, 0) == pid);
    unlink(sys_sock);
}

/* Runs rasc_connect(start) in a child that is an ordinary user (nobody,
 * when we are root: root's socket is the system one), with the per-user
 * socket under xdg. Exits with 0 if its peer is want (or, for want 0,
 * any daemon but the system one). */
static bool
connect_as_user(bool start, pid_t want)
{
    pid_t kid = fork();
    REQUIRE(kid >= 0);
    if (kid == 0) {
        int fd;
        if (geteuid() == 0 &&
            (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) != 0 ||
             setresuid(65534, 65534, 65534) != 0))
            _exit(3);
        setenv("XDG_RUNTIME_DIR", xdg, 1);
        unsetenv("RASMAND_SOCKET");
        ras_client_set_socket(NULL);
        ras_client_set_system_socket(sys_sock);
        if (rasc_connect(&fd, start) != 0)
            _exit(1);
        pid_t peer = peer_pid(fd);
        close(fd);
        _exit(want ? peer != want : peer == want);
    }
    int status = 0;
    waitpid(kid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void
t_system_rasmand_before_starting_one(void)
{
    struct stat st;
    pid_t sys = start_system();
    REQUIRE(sys > 0);
    /* no per-user rasmand: the system one answers, none is started */
    CHECK(connect_as_user(true, sys));
    CHECK(connect_as_user(false, sys));
    CHECK(stat(user_sock, &st) != 0);
    /* no rasmand at all: a dial starts the user's own */
    stop_system(sys);
    CHECK(connect_as_user(true, 0));
    pid_t mine = pid_in(user_lock);
    REQUIRE(mine > 0);
    /* both: the user's own comes first (its connections are there) */
    sys = start_system();
    REQUIRE(sys > 0);
    CHECK(connect_as_user(true, mine));
    CHECK(connect_as_user(false, mine));
    stop_daemon(mine);
    stop_system(sys);
}

static bool
make_user_dirs(void)
{
    char ras[104];
    snprintf(sys_dir, sizeof(sys_dir), "/tmp/rasmand-which-XXXXXX");
    if (!mkdtemp(sys_dir) || chmod(sys_dir, 0755) != 0)
        return false;
    snprintf(sys_sock, sizeof(sys_sock), "%s/rasmand.sock", sys_dir);
    snprintf(xdg, sizeof(xdg), "%s/xdg", sys_dir);
    snprintf(ras, sizeof(ras), "%s/ras", xdg);
    snprintf(user_sock, sizeof(user_sock), "%s/rasmand.sock", ras);
    snprintf(user_lock, sizeof(user_lock), "%s.lock", user_sock);
    if (mkdir(xdg, 0700) != 0 || mkdir(ras, 0700) != 0)
        return false;
    uid_t uid = geteuid() == 0 ? 65534 : geteuid();
    gid_t gid = geteuid() == 0 ? 65534 : getegid();
    return chown(xdg, uid, gid) == 0 && chown(ras, uid, gid) == 0;
}

static void
remove_user_dirs(void)
{
    char ras[104];
    char sys_lock[110];
    snprintf(ras, sizeof(ras), "%s/ras", xdg);
    snprintf(sys_lock, sizeof(sys_lock), "%s.lock", sys_sock);
    unlink(user_lock);
    unlink(user_sock);
    unlink(sys_lock);
    unlink(sys_sock);
    rmdir(ras);
    rmdir(xdg);
    rmdir(sys_dir);
}

int
main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    /* absolute: a test below dials from another directory */
    static char abs_bin[PATH_MAX];
    if (!realpath(argv[1], abs_bin))
        return 1;
    bin = abs_bin;
    signal(SIGPIPE, SIG_IGN);
    /* the daemon libras starts inherits this: as root, its tun interfaces
     * stay out of the host's network */
    if (geteuid() == 0 && unshare(CLONE_NEWNET) != 0)
        return 1;
    snprintf(dir, sizeof(dir), "/tmp/rasmand-auto-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(sock, sizeof(sock), "%s/rasmand.sock", dir);
    snprintf(lock, sizeof(lock), "%s.lock", sock);
    ras_client_set_socket(sock);
    ras_client_set_rasmand(bin);
    th_set_cleanup(ras_client_shutdown);
    TH_RUN(t_queries_do_not_start_rasmand);
    TH_RUN(t_racing_dials_start_one_daemon);
    TH_RUN(t_started_rasmand_keeps_nothing_of_ours);
    unlink(lock);
    unlink(sock);
    rmdir(dir);
    if (!make_user_dirs())
        return 1;
    TH_RUN(t_system_rasmand_before_starting_one);
    remove_user_dirs();
    return th_done();
}
