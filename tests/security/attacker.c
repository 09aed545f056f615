/* The security suite's fixture (see attacker.h). */
#include "attacker.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "lib/pbk_store.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"

struct atk atk;

void
atk_sleep_ms(int ms)
{
    rmf_sleep_ms(ms);
}

/* Whether id is the third field (uid or gid) of a line of file. Read as
 * text: getpwuid would load NSS modules that keep memory till exit. */
static bool
id_listed(const char *file, unsigned long id)
{
    char line[1024];
    bool found = false;
    FILE *f = fopen(file, "re");
    while (f && !found && fgets(line, sizeof(line), f)) {
        const char *p = strchr(line, ':');
        p = p ? strchr(p + 1, ':') : NULL;
        found = p && strtoul(p + 1, NULL, 10) == id;
    }
    if (f)
        fclose(f);
    return found;
}

/* A uid with no passwd entry and no group of that number: nobody's files,
 * nobody's connections. Spread by pid so parallel runs do not share one. */
static uid_t
pick_uid(uid_t after)
{
    for (uid_t u = after + 1; u < 64000; u++)
        if (!id_listed("/etc/passwd", u) && !id_listed("/etc/group", u))
            return u;
    return (uid_t)-1;
}

static void
cleanup(void)
{
    ras_client_shutdown();
    pbk_cache_flush();
}

int
atk_setup(int argc, char **argv, const char *suite)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s RASMAND RASDIAL\n", argv[0]);
        return 2;
    }
    if (geteuid() != 0) {
        printf("1..0 # SKIP %s: needs root to become a throwaway uid\n", suite);
        return 0;
    }
    signal(SIGPIPE, SIG_IGN);
    atk.bin = argv[1];
    atk.rasdial = argv[2];
    atk.uid = pick_uid(60000 + (uid_t)(getpid() % 1500) * 2);
    atk.uid2 = pick_uid(atk.uid);
    void *box = mmap(NULL, ATK_BOX * sizeof(uint64_t), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (box == MAP_FAILED || atk.uid2 == (uid_t)-1)
        return 1;
    atk.box = box;
    /* no test here may reach a real phonebook */
    setenv("XDG_CONFIG_HOME", "/nonexistent-openras-test", 1);
    setenv("RAS_SYSCONFDIR", "/nonexistent-openras-test", 1);
    umask(022);
    if (!rmf_start(&atk.rm, atk.bin)) {
        fprintf(stderr, "rasmand did not start\n");
        rmf_stop(&atk.rm);
        return 1;
    }
    th_set_cleanup(cleanup);
    return -1;
}

int
atk_finish(void)
{
    bool ok = rmf_stop(&atk.rm);
    munmap((void *)atk.box, ATK_BOX * sizeof(uint64_t));
    if (!ok) {
        printf("not ok - rasmand did not exit cleanly\n");
        th_done();
        return 1;
    }
    return th_done();
}

void
atk_begin(void)
{
    memset((void *)atk.box, 0, ATK_BOX * sizeof(uint64_t));
    REQUIRE(rmf_base(&atk.base));
}

bool
atk_settled(void)
{
    ras_client_shutdown();
    return rmf_settled(&atk.base, 5000);
}

/* The child's half: no supplementary groups, then gid, then uid, and
 * check it cannot get back (a test that kept root would prove nothing). */
static void
become(uid_t uid)
{
    ATK_REQUIRE(setgroups(0, NULL) == 0);
    ATK_REQUIRE(setresgid(uid, uid, uid) == 0);
    ATK_REQUIRE(setresuid(uid, uid, uid) == 0);
    ATK_REQUIRE(geteuid() == uid && getegid() == uid);
    ATK_REQUIRE(setresuid(0, 0, 0) != 0);
}

pid_t
atk_spawn_as(uid_t uid, int (*fn)(void *ctx), void *ctx)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        become(uid);
        int rc = fn(ctx);
        ras_client_shutdown();
        fflush(stdout);
        /* said through the box: under valgrind a forked child's exit
         * status is its leak check's, which counts the parent's heap */
        if (rc == 0)
            atk.box[ATK_BOX - 1] = 1;
        _exit(rc);
    }
    return pid;
}

bool
atk_as(uid_t uid, int (*fn)(void *ctx), void *ctx, int timeout_ms)
{
    atk.box[ATK_BOX - 1] = 0;
    pid_t pid = atk_spawn_as(uid, fn, ctx);
    if (pid < 0)
        return false;
    int status = 0;
    for (int waited = 0;; waited += 5) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (waited >= timeout_ms) {
            printf("# attacker child still running after %d ms: killed\n", timeout_ms);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return false;
        }
        rmf_sleep_ms(5);
    }
    if (atk.box[ATK_BOX - 1] != 1) {
        printf("# attacker child ended with status 0x%x\n", status);
        return false;
    }
    return true;
}

void
atk_set_entry(const char *book, const char *name, const char *phone)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    REQUIRE_EQ(RasGetEntryPropertiesA(NULL, "", &e, &cb, NULL, NULL), 0);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "%s", phone);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    REQUIRE_EQ(RasSetEntryPropertiesA(book, name, &e, sizeof(e), NULL, 0), 0);
}

pid_t
atk_spawn_rasdial(int in_fd, const char *out, const char *a1, const char *a2,
                  const char *a3, const char *a4)
{
    fflush(stdout);
    pid_t kid = fork();
    if (kid == 0) {
        setsid();                 /* no controlling terminal: prompts read stdin */
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int in = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
        dup2(in, 0), dup2(o, 1), dup2(o, 2);
        setenv("RASMAND_SOCKET", atk.rm.sock, 1);
        setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
        execl(atk.rasdial, atk.rasdial, a1, a2, a3, a4, (char *)NULL);
        _exit(127);
    }
    return kid;
}

/* The child: exec rasmand as a per-user instance; it picks
 * $XDG_RUNTIME_DIR/ras/rasmand.sock itself. */
static int
exec_user_rasmand(void *ctx)
{
    const char *dir = ctx;
    char log[600];
    snprintf(log, sizeof(log), "%s/rasmand.log", dir);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ATK_REQUIRE(fd >= 0 && dup2(fd, 2) == 2);
    setenv("XDG_RUNTIME_DIR", dir, 1);
    unsetenv("RASMAND_SOCKET");
    execl(atk.bin, atk.bin, "--test", "--idle-exit", "60", (char *)NULL);
    return 127;
}

pid_t
atk_user_rasmand(const char *dir)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/ras/rasmand.sock", dir);
    pid_t pid = atk_spawn_as(atk.uid, exec_user_rasmand, (void *)dir);
    /* listening, so past its chmod (the file exists from bind on); valgrind
     * takes seconds to start it */
    for (int i = 0; pid > 0 && i < 2000; i++) {
        int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        bool up = fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
        if (fd >= 0)
            close(fd);
        if (up)
            break;
        rmf_sleep_ms(10);
    }
    return pid;
}

int
atk_raw_connect(void)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", atk.rm.sock);
    int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

bool
atk_raw_call(int fd, const struct ipc_msg *m, uint16_t *type, uint8_t *rep, size_t *n,
             int timeout_ms)
{
    if (send(fd, m->buf, m->len, MSG_NOSIGNAL) != (ssize_t)m->len)
        return false;
    for (;;) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, timeout_ms) != 1)
            return false;
        ssize_t got = recv(fd, rep, IPC_MAX_MSG, 0);
        struct ipc_hdr h;
        if (got <= 0 || !ipc_parse_hdr(rep, (size_t)got, &h))
            return false;
        if (h.type >= IPC_EV_STATE)
            continue;             /* an event, not our reply */
        *type = h.type;
        *n = (size_t)got;
        return true;
    }
}

uint32_t
atk_raw_handle_error(int fd, uint16_t type, uint64_t h)
{
    static struct ipc_msg m;
    static uint8_t rep[IPC_MAX_MSG];
    uint16_t got;
    size_t n;
    uint32_t err = 0xffffffffu;
    ipc_enc_handle(&m, type, 7, h);
    if (!atk_raw_call(fd, &m, &got, rep, &n, 3000))
        return 0xfffffffeu;
    /* an error reply, or a typed reply whose first field is its error */
    if (n >= IPC_HDR_LEN + 4)
        memcpy(&err, rep + IPC_HDR_LEN, 4); /* little-endian on every CI machine */
    return err;
}

DWORD
atk_dial(const char *entry, const char *phone, const char *password, DWORD options,
         HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    rmf_entry(&e);
    e.dwfOptions |= options;
    rmf_params(&p, entry, phone);
    snprintf(p.szPassword, sizeof(p.szPassword), "%s", password);
    struct ipc_dial_req d;
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-test.pbk", entry, phone);
    DWORD rc = ras_dial_request(&d, &p, 0, NULL, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

bool
atk_file_has(const char *path, const void *needle, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    static char buf[1 << 20];
    size_t len = 0;
    ssize_t got;
    while (len < sizeof(buf) && (got = read(fd, buf + len, sizeof(buf) - len)) > 0)
        len += (size_t)got;
    close(fd);
    return memmem(buf, len, needle, n) != NULL;
}

bool
atk_proc_has(pid_t pid, const char *name, const char *needle)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
    return atk_file_has(path, needle, strlen(needle));
}

bool
atk_user_dir(uid_t uid, char *buf, size_t cap)
{
    if ((size_t)snprintf(buf, cap, "/tmp/ras-sec-XXXXXX") >= cap || !mkdtemp(buf))
        return false;
    return chown(buf, uid, uid) == 0 && chmod(buf, 0700) == 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

void
atk_rm_rf(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}
