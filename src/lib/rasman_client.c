/* Connecting to rasmand and one request/reply (see rasman_client.h).
 * Which rasmand: a per-user one already listening, else the system one if
 * it answers, else libras starts a per-user one (fork, setsid, fork again,
 * exec) and retries with backoff; rasmand's lock file next to the socket
 * makes two racing starters end with one daemon. */
#include "lib/rasman_client.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "ipc/ipc_fd.h"
#include "ipc/ipc_proto.h"
#include "lib/rasman_paths.h"

/* Retries after starting rasmand: 5, 10, 20 ... ms, about 2.5 s in all. */
/* How long a started rasmand may take to listen: racing starters and a
 * loaded machine (or valgrind) take seconds, and a failed exec is known at
 * once, so this only bounds a daemon that started and hangs. */
#define START_WAIT_MS 10000

static const char *rasmand_override;
static const char *socket_override;
static const char *system_socket_override;
static uint32_t next_id;

void ras_client_set_rasmand(const char *path) { rasmand_override = path; }
void ras_client_set_socket(const char *path) { socket_override = path; }
void ras_client_set_system_socket(const char *path) { system_socket_override = path; }

static bool
copy_path(char *buf, size_t cap, const char *path)
{
    int n = snprintf(buf, cap, "%s", path);
    return n > 0 && (size_t)n < cap;
}

/* The socket a started rasmand listens on (mine), and the one to ask
 * before starting it (sys; "" when there is no other: a test's socket,
 * $RASMAND_SOCKET, or root, whose socket is the system one). */
static bool
socket_paths(char *mine, char *sys, size_t cap)
{
    sys[0] = '\0';
    if (socket_override)
        return copy_path(mine, cap, socket_override);
    if (!ipc_socket_path(false, mine, cap))
        return false;
    if (system_socket_override)
        return copy_path(sys, cap, system_socket_override);
    if (!ipc_socket_path(true, sys, cap))
        return false;
    if (strcmp(mine, sys) == 0)
        sys[0] = '\0';
    return true;
}

static const char *
rasmand_path(void)
{
    const char *env = getenv("RASMAND_PATH");
    if (rasmand_override)
        return rasmand_override;
    if (env && env[0])
        return env;
    if (access(RASMAND_INSTALLED_PATH, X_OK) == 0)
        return RASMAND_INSTALLED_PATH;
    return RASMAND_BUILD_PATH;
}

static int
try_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return -1;
    memcpy(sa.sun_path, path, strlen(path) + 1);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Closes every descriptor from 3 up: the daemon outlives its caller and
 * must hold none of its pipes ("rasdial X | cat" would wait for rasmand's
 * idle exit) or sockets. */
static void
close_from_3_but(int keep)
{
    if ((keep <= 3 || close_range(3, (unsigned)keep - 1, 0) == 0) &&
        close_range((unsigned)keep + 1, ~0u, 0) == 0)
        return;
    struct rlimit rl;
    rlim_t max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
                     ? rl.rlim_cur : 65536;
    for (rlim_t fd = 3; fd < max; fd++)
        if ((int)fd != keep)
            (void)close((int)fd);
}

/* In the daemon-to-be: stdin and stdout on /dev/null, stderr too unless
 * log (RASMAND_LOG, opened before anything is closed) names a file for its
 * log. Descriptors are first moved above 2 so that a caller with 0, 1 or 2
 * closed cannot make one dup2 undo another. */
static void
detach_stdio(const char *log)
{
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int err = log ? open(log, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)
                  : -1;
    if (null >= 0)
        null = fcntl(null, F_DUPFD_CLOEXEC, 3);
    if (err >= 0)
        err = fcntl(err, F_DUPFD_CLOEXEC, 3);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
    }
    if (err >= 0 || null >= 0)
        dup2(err >= 0 ? err : null, 2);
}

/* Starts rasmand detached from us: its own session, "/" as its working
 * directory (it must not keep the caller's directory busy), none of our
 * descriptors. The intermediate child is reaped here, the daemon is
 * re-parented to init and never becomes our zombie. Only async-signal-safe
 * calls after fork (the caller may have threads). A close-on-exec pipe
 * tells whether the exec happened: end of file once it did, a byte if it
 * failed, so a missing binary fails at once and a slow start (a loaded
 * machine, valgrind) can be waited for. false if rasmand did not start. */
static bool
spawn_rasmand(const char *sock)
{
    const char *bin = rasmand_path();
    char abs[PATH_MAX];
    /* a relative path (a test's build tree) names nothing once in "/" */
    if (bin[0] != '/' && realpath(bin, abs))
        bin = abs;
    const char *test = getenv("RASMAND_TEST");
    const char *log = getenv("RASMAND_LOG");
    char *argv[] = { (char *)bin, (char *)"--socket", (char *)sock, (char *)"--idle-exit",
                     (char *)"300", (test && test[0] == '1') ? (char *)"--test" : NULL, NULL };
    if (log && !log[0])
        log = NULL;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return false;
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return false;
    }
    if (pid == 0) {
        setsid();
        if (fork() != 0)
            _exit(0);
        if (chdir("/") == 0) {
            detach_stdio(log);
            close_from_3_but(p[1]);
            execv(bin, argv);
        }
        (void)!write(p[1], "x", 1);
        _exit(127);
    }
    close(p[1]);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    char c;
    struct pollfd pfd = { .fd = p[0], .events = POLLIN };
    bool started = poll(&pfd, 1, START_WAIT_MS) == 1 && read(p[0], &c, 1) == 0;
    close(p[0]);
    return started;
}

static long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Starts a rasmand on path and waits for it to listen. */
static int
start_and_connect(const char *path)
{
    int fd = -1;
    long delay_ms = 5;
    if (!spawn_rasmand(path))
        return -1;
    for (long end = now_ms() + START_WAIT_MS; fd < 0 && now_ms() < end;) {
        struct timespec ts = { .tv_sec = 0, .tv_nsec = delay_ms * 1000000 };
        nanosleep(&ts, NULL);
        delay_ms *= 2;
        if (delay_ms > 500)
            delay_ms = 500;
        fd = try_connect(path);
    }
    return fd;
}

uint32_t
rasc_connect(int *out, bool start)
{
    char mine[108], sys[108];
    if (!socket_paths(mine, sys, sizeof(mine)))
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    int fd = try_connect(mine);
    int why = errno;
    /* A per-user rasmand cannot create a tun for a user who is not root:
     * the system one, when it runs, is the one that can dial. */
    if (fd < 0 && sys[0])
        fd = try_connect(sys);
    if (fd < 0 && start && (why == ENOENT || why == ECONNREFUSED))
        fd = start_and_connect(mine);
    if (fd < 0)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    *out = fd;
    return 0;
}

static uint32_t
recv_msg(int fd, uint8_t *rep, size_t *n, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int r;
    while ((r = poll(&pfd, 1, timeout_ms)) < 0 && errno == EINTR)
        ;
    if (r == 0)
        return ERROR_REQUEST_TIMEOUT;
    ssize_t got;
    while ((got = recv(fd, rep, IPC_MAX_MSG, MSG_TRUNC)) < 0 && errno == EINTR)
        ;
    if (got <= 0 || (size_t)got > IPC_MAX_MSG)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    *n = (size_t)got;
    return 0;
}

uint32_t
rasc_roundtrip(int fd, struct ipc_msg *req, uint16_t want, uint8_t *rep, size_t *n)
{
    return rasc_roundtrip_fd(fd, req, -1, want, rep, n);
}

uint32_t
rasc_roundtrip_fd(int fd, struct ipc_msg *req, int pass_fd, uint16_t want, uint8_t *rep,
                  size_t *n)
{
    uint32_t id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
    uint32_t rc;
    struct ipc_hdr h;
    /* the id goes in after the message was built */
    req->buf[8] = (uint8_t)id;
    req->buf[9] = (uint8_t)(id >> 8);
    req->buf[10] = (uint8_t)(id >> 16);
    req->buf[11] = (uint8_t)(id >> 24);
    ssize_t sent = ipc_send_fd(fd, req->buf, req->len, pass_fd);
    bool ok = sent == (ssize_t)req->len;
    ipc_msg_wipe(req);
    if (!ok)
        return ERROR_RASMAN_CANNOT_INITIALIZE;
    /* events may come first on a dial socket; only the reply ends this */
    for (;;) {
        if ((rc = recv_msg(fd, rep, n, RASC_REPLY_TIMEOUT_MS)) != 0)
            return rc;
        if (!ipc_parse_hdr(rep, *n, &h))
            return ERROR_RASMAN_CANNOT_INITIALIZE;
        if (h.id == id)
            break;
    }
    if (h.type == IPC_REP_ERROR && want != IPC_REP_ERROR) {
        uint32_t err;
        if (!ipc_dec_rep_error(rep, *n, &err) || err == 0)
            return ERROR_RASMAN_CANNOT_INITIALIZE;
        return err;
    }
    return h.type == want ? 0 : ERROR_RASMAN_CANNOT_INITIALIZE;
}

uint32_t
rasc_call(struct ipc_msg *req, uint16_t want, uint8_t *rep, size_t *n, bool start)
{
    int fd;
    uint32_t rc = rasc_connect(&fd, start);
    if (rc) {
        ipc_msg_wipe(req);
        return rc;
    }
    rc = rasc_roundtrip(fd, req, want, rep, n);
    close(fd);
    return rc;
}
