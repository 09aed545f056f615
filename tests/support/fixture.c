/* Integration-test support (see fixture.h). */
#include "fixture.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "openras.h"
#include "raserror.h"

#include "harness.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"

static struct ipc_msg req;
static uint8_t rep[IPC_MAX_MSG];

void
rmf_sleep_ms(int ms)
{
    struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static int
connect_to(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path))
        return -1;
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

static bool
can_connect(const char *path)
{
    int fd = connect_to(path);
    if (fd >= 0)
        close(fd);
    return fd >= 0;
}

int
rmf_connect(const struct rmf *f)
{
    return connect_to(f->sock);
}

bool
rmf_start(struct rmf *f, const char *bin)
{
    memset(f, 0, sizeof(*f));
    snprintf(f->dir, sizeof(f->dir), "/tmp/rasmand-test-XXXXXX");
    if (!mkdtemp(f->dir))
        return false;
    /* other uids must reach the socket: the isolation test connects as
     * nobody (rasmand decides from SO_PEERCRED, not file modes) */
    chmod(f->dir, 0755);
    snprintf(f->sock, sizeof(f->sock), "%s/rasmand.sock", f->dir);
    snprintf(f->log, sizeof(f->log), "%s/rasmand.log", f->dir);
    f->pid = fork();
    if (f->pid < 0)
        return false;
    if (f->pid == 0) {
        int log = open(f->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (log >= 0)
            dup2(log, 2);
        /* as root, rasmand gets a network namespace of its own: its tun
         * interfaces never touch the host's network */
        if (geteuid() == 0 && unshare(CLONE_NEWNET) != 0)
            _exit(126);
        execl(bin, bin, "--test", "--system", "--socket", f->sock, "-v", (char *)NULL);
        _exit(127);
    }
    /* up to 10 s: under valgrind on a loaded machine rasmand can take
     * more than the 2 s that once was the limit to reach its socket */
    for (int i = 0; i < 1000 && !can_connect(f->sock); i++)
        rmf_sleep_ms(10);
    ras_client_set_socket(f->sock);
    /* a dial must never start a second daemon behind the test's back */
    ras_client_set_rasmand("/nonexistent/rasmand");
    return can_connect(f->sock);
}

bool
rmf_stop(struct rmf *f)
{
    int status = -1;
    if (f->pid > 0) {
        kill(f->pid, SIGTERM);
        waitpid(f->pid, &status, 0);
        f->pid = 0;
    }
    /* rasmand stops cleanly on SIGTERM; under ASan a leak at exit (or any
     * sanitizer report) makes the status non-zero */
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok || getenv("RMF_KEEP_LOG")) {
        char line[512];
        FILE *log = fopen(f->log, "re");
        fprintf(stderr, "# rasmand exit status %d; its log:\n", status);
        while (log && fgets(line, sizeof(line), log))
            fprintf(stderr, "#   %s", line);
        if (log)
            fclose(log);
    }
    unlink(f->log);
    char lock[160];
    snprintf(lock, sizeof(lock), "%s.lock", f->sock);
    unlink(lock);
    unlink(f->sock);
    rmdir(f->dir);
    ras_client_set_socket(NULL);
    ras_client_set_rasmand(NULL);
    if (f->lock_dir[0] && rmdir(f->lock_dir) != 0) {
        fprintf(stderr, "# %s not empty: a serial lock left behind\n", f->lock_dir);
        ok = false;
    }
    f->lock_dir[0] = '\0';
    return ok;
}

int
rmf_netns_run(const struct rmf *f, const char *cmd)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "nsenter -t %d -n sh -c '%s' >/dev/null 2>&1", (int)f->pid, cmd);
    int st = system(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool
rmf_enter_netns(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && setns(fd, CLONE_NEWNET) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

bool
rmf_start_modem(struct rmf *f, const char *bin)
{
    char locks[sizeof(f->lock_dir)];
    snprintf(locks, sizeof(locks), "/tmp/openras-locks-XXXXXX");
    if (!mkdtemp(locks)) {
        memset(f, 0, sizeof(*f));
        return false;
    }
    setenv("RAS_LOCK_DIR", locks, 1);
    bool ok = rmf_start(f, bin);
    memcpy(f->lock_dir, locks, sizeof(locks));
    return ok;
}

bool
rmf_no_locks(const struct rmf *f)
{
    DIR *d = opendir(f->lock_dir);
    if (!d)
        return false;
    bool none = true;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        none &= strncmp(de->d_name, "LCK", 3) != 0;
    closedir(d);
    return none;
}

bool
rmf_debug(struct ipc_debug *d)
{
    size_t n;
    ipc_enc_empty(&req, IPC_REQ_DEBUG, 0);
    return rasc_call(&req, IPC_REP_DEBUG, rep, &n, false) == 0 &&
           ipc_dec_rep_debug(rep, n, d);
}

bool
rmf_base(struct ipc_debug *d)
{
    for (int i = 0; i < 300; i++) {
        if (rmf_debug(d) && d->conns == 0 && d->clients == 1)
            return true;
        rmf_sleep_ms(10);
    }
    return false;
}

bool
rmf_settled(const struct ipc_debug *base, int timeout_ms)
{
    struct ipc_debug d;
    for (int waited = 0;; waited += 10) {
        /* the asking client is one allocation and one fd in rasmand */
        if (rmf_debug(&d) && d.conns == 0 && d.clients == 1 && d.allocs == base->allocs &&
            d.fds == base->fds)
            return true;
        if (waited >= timeout_ms) {
            fprintf(stderr, "# rasmand not settled: allocs %llu (base %llu) fds %u (base %u) "
                    "conns %u clients %u\n", (unsigned long long)d.allocs,
                    (unsigned long long)base->allocs, d.fds, base->fds, d.conns, d.clients);
            return false;
        }
        rmf_sleep_ms(10);
    }
}

bool
rmf_projection(HRASCONN h, struct ipc_projection *p)
{
    size_t n;
    ipc_enc_handle(&req, IPC_REQ_PROJECTION, 0, rasc_handle(h));
    return rasc_call(&req, IPC_REP_PROJECTION, rep, &n, false) == 0 &&
           ipc_dec_rep_projection(rep, n, p);
}

bool
rmf_ping(const struct rmf *f, HRASCONN h, uint32_t ip, int wait_s)
{
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    char cmd[200];
    if (OpenRasGetLinkInfo(h, &li) != 0 || !li.szInterface[0])
        return false;
    snprintf(cmd, sizeof(cmd),
             "nsenter -t %d -n ping -q -c 1 -W %d -I %s %u.%u.%u.%u >/dev/null 2>&1",
             (int)f->pid, wait_s, li.szInterface, ip >> 24, ip >> 16 & 255, ip >> 8 & 255,
             ip & 255);
    return system(cmd) == 0;
}

void
rmf_entry(RASENTRYA *e)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    snprintf(e->szDeviceType, sizeof(e->szDeviceType), "modem");
    snprintf(e->szDeviceName, sizeof(e->szDeviceName), "loopback");
    e->dwfNetProtocols = RASNP_Ip;
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwType = RASET_Phone;
}

void
rmf_params(RASDIALPARAMSA *p, const char *entry, const char *phone)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", entry);
    snprintf(p->szPhoneNumber, sizeof(p->szPhoneNumber), "%s", phone);
    snprintf(p->szUserName, sizeof(p->szUserName), "demo");
    snprintf(p->szPassword, sizeof(p->szPassword), "demo");
    p->dwCallbackId = 0x5eed;
}

DWORD
rmf_dial(const char *entry, const char *phone, DWORD type, void *notifier, HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    struct ipc_dial_req d;
    rmf_entry(&e);
    rmf_params(&p, entry, phone);
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-test.pbk", entry, phone);
    DWORD rc = ras_dial_request(&d, &p, type, notifier, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

HRASCONN
rmf_dial_as(uid_t uid, const char *entry, const char *phone)
{
    int p[2];
    HRASCONN h = NULL;
    if (pipe2(p, O_CLOEXEC) != 0)
        return NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        if (setgid(uid) != 0 || setuid(uid) != 0)
            _exit(10);
        if (rmf_dial(entry, phone, 0, NULL, &h) != 0)
            _exit(11);
        _exit(write(p[1], &h, sizeof(h)) == sizeof(h) ? 0 : 12);
    }
    close(p[1]);
    if (pid < 0 || read(p[0], &h, sizeof(h)) != sizeof(h))
        h = NULL;
    close(p[0]);
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? h : NULL;
}

VOID WINAPI
rmf_ignore_state(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)h; (void)msg; (void)state; (void)err; (void)ext;
}

HRASCONN
rmf_forge(uint32_t index, uint32_t gen, uint32_t check)
{
    return rasc_hconn(ipc_handle_pack(index, gen, check));
}

bool
rmf_wait_gone(HRASCONN h, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 2) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        if (RasGetConnectStatusA(h, &s) == ERROR_INVALID_HANDLE)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}

bool
rmf_wait_state(HRASCONN h, RASCONNSTATE state, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 2) {
        RASCONNSTATUSA s = { .dwSize = sizeof(s) };
        if (RasGetConnectStatusA(h, &s) != 0 || s.dwError)
            return false;
        if (s.rasconnstate == state)
            return true;
        rmf_sleep_ms(2);
    }
    return false;
}

void
rmf_cleanup(void)
{
    pbk_cache_flush();
    ras_client_shutdown();
}

int
rmf_main(struct rmf *f, int argc, char **argv, bool modem, void (*cleanup)(void),
         const struct rmf_case *cases)
{
    if (argc < (modem ? 3 : 2)) {
        fprintf(stderr, "usage: %s RASMAND%s\n", argv[0], modem ? " RAS-MODEM-SIM" : "");
        return 2;
    }
    /* a test outlives rasmand's and the simulator's end of a socket */
    signal(SIGPIPE, SIG_IGN);
    if (!(modem ? rmf_start_modem(f, argv[1]) : rmf_start(f, argv[1]))) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(f);
        return 1;
    }
    f->sim_exe = modem ? argv[2] : NULL;
    if (cleanup)
        th_set_cleanup(cleanup);
    for (const struct rmf_case *c = cases; c->fn; c++)
        th_run(c->name, c->fn);
    int rc = th_done();
    return rmf_stop(f) ? rc : 1;
}

bool
rmf_dropped(int fd, int timeout_ms)
{
    char buf[512];
    for (int waited = 0; waited < timeout_ms; waited += 5) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 5) == 1) {
            ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno == ECONNRESET))
                return true;
        }
    }
    return false;
}

bool
rmf_send_fds(int s, const void *buf, size_t n, const int *fds, int nfds)
{
    union { struct cmsghdr h; char b[CMSG_SPACE(RMF_MAX_FDS * sizeof(int))]; } ctl;
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = n };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (nfds < 0 || nfds > RMF_MAX_FDS)
        return false;
    if (nfds > 0) {
        memset(&ctl, 0, sizeof(ctl));
        mh.msg_control = ctl.b;
        mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
    }
    return sendmsg(s, &mh, MSG_NOSIGNAL) == (ssize_t)n;
}
