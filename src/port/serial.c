/* Serial line helpers (see serial.h). Locks follow the UUCP/HDB convention
 * pppd, minicom and lockdev share: /var/lock/LCK..<device basename> holding
 * the owner's pid as ten ASCII digits and a newline. The file is written
 * under a private name and linked into place, so no reader ever sees a
 * half-written lock. */
#include "port/serial.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raserror.h"

const char *
serial_lock_dir(void)
{
    const char *d = getenv("RAS_LOCK_DIR");
    return d && d[0] ? d : "/var/lock";
}

/* The lock names the device the descriptor is open on, as the kernel
 * knows it (never a path a client sent, which could name anything): two
 * names for one port share one lock. false unless it is under /dev/. */
static bool
lock_path(int fd, char *out, size_t cap)
{
    char link[32], real[PATH_MAX];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, real, sizeof(real) - 1);
    if (n <= 0)
        return false;
    real[n] = '\0';
    if (!serial_path_ok(real))
        return false;
    const char *base = strrchr(real, '/') + 1;
    int len = snprintf(out, cap, "%s/LCK..%s", serial_lock_dir(), base);
    return len > 0 && (size_t)len < cap;
}

bool
serial_path_ok(const char *path)
{
    if (strncmp(path, "/dev/", 5) != 0 || !path[5])
        return false;
    /* every component after /dev/: not empty (no "//", no trailing /),
     * not "." or ".." */
    for (const char *c = path + 5; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
            return false;
        c += n;
        if (*c == '/' && !*++c)
            return false;
    }
    return true;
}

/* The pid a lock file names; 0 if it names none we can read. */
static long
lock_owner(const char *path)
{
    char buf[32];
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    char *end;
    long pid = strtol(buf, &end, 10);
    return pid > 0 && end != buf ? pid : 0;
}

static bool
alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

static uint32_t
lock_take(const char *path)
{
    char tmp[PATH_MAX + 24];
    snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return ERROR_PORT_NOT_AVAILABLE;
    char pid[16];
    int len = snprintf(pid, sizeof(pid), "%10ld\n", (long)getpid());
    bool written = write(fd, pid, (size_t)len) == len;
    close(fd);
    uint32_t rc = ERROR_PORT_NOT_AVAILABLE;
    /* two rounds: the second follows the removal of a stale lock */
    for (int round = 0; written && round < 2; round++) {
        if (link(tmp, path) == 0) {
            rc = 0;
            break;
        }
        if (errno != EEXIST || alive(lock_owner(path)))
            break;
        unlink(path);             /* its owner is gone */
    }
    unlink(tmp);
    return rc;
}

static uint32_t
open_error(int err)
{
    switch (err) {
    case ENOENT: case ENODEV: case ENXIO: case ENOTDIR: case ELOOP:
        return ERROR_DEVICE_DOES_NOT_EXIST;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    default: return ERROR_PORT_NOT_AVAILABLE;
    }
}

/* The termios speed for bps: the fastest standard one not above it. */
static speed_t
speed_for(uint32_t bps)
{
    static const struct { uint32_t bps; speed_t code; } speeds[] = {
        { 300, B300 }, { 1200, B1200 }, { 2400, B2400 }, { 4800, B4800 },
        { 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 },
        { 115200, B115200 }, { 230400, B230400 }, { 460800, B460800 },
        { 921600, B921600 },
    };
    speed_t code = B300;
    if (bps == 0)
        return B115200;
    for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
        if (speeds[i].bps <= bps)
            code = speeds[i].code;
    return code;
}

static void
make_raw(struct termios *t, uint32_t bps, bool hw_flow)
{
    cfmakeraw(t);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB | CSTOPB | CRTSCTS);
    t->c_cflag |= CS8 | CREAD | CLOCAL | HUPCL | (hw_flow ? CRTSCTS : 0);
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
    cfsetispeed(t, speed_for(bps));
    cfsetospeed(t, speed_for(bps));
}

/* The descriptor to drive: a copy of the one the client opened with its
 * own rights, or the path opened here, which must pass serial_path_ok
 * first (nothing is looked up for a path that does not) and is not
 * followed if its last component is a symlink. */
static uint32_t
take_fd(const char *device, int client_fd, int *out)
{
    int fd;
    if (client_fd >= 0) {
        fd = fcntl(client_fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0)
            return errno == EMFILE || errno == ENFILE ? ERROR_PORT_NOT_AVAILABLE
                                                      : ERROR_DEVICE_DOES_NOT_EXIST;
    } else {
        if (!device || !serial_path_ok(device))
            return ERROR_DEVICE_DOES_NOT_EXIST;
        fd = open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            return open_error(errno);
    }
    *out = fd;
    return 0;
}

/* A descriptor only a terminal passes: a character device, open for
 * reading and writing, answering tcgetattr. Anything else (a file, a
 * socket, /dev/null) is not a device a port can dial on: 608, the error a
 * missing device gives, so the two cannot be told apart. */
static uint32_t
check_tty(int fd, struct termios *saved)
{
    struct stat st;
    int fl = fcntl(fd, F_GETFL);
    if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode) || fl < 0 ||
        (fl & O_ACCMODE) != O_RDWR || tcgetattr(fd, saved) != 0)
        return ERROR_DEVICE_DOES_NOT_EXIST;
    /* the loop never blocks, whatever the client's descriptor said */
    if (!(fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0)
        return ERROR_PORT_NOT_AVAILABLE;
    return 0;
}

uint32_t
serial_open(struct serial *s, const char *device, int client_fd, uint32_t bps, bool hw_flow)
{
    s->fd = -1;
    s->saved_ok = false;
    s->lock[0] = '\0';
    char path[PATH_MAX];
    int fd = -1;
    struct termios t;
    uint32_t rc = take_fd(device, client_fd, &fd);
    if (rc)
        return rc;
    /* the device's own name from the descriptor; until the lock is ours
     * the line is not touched, and is closed plainly (no DTR drop) */
    if ((rc = check_tty(fd, &t)) != 0 ||
        (rc = lock_path(fd, path, sizeof(path)) ? 0 : ERROR_DEVICE_DOES_NOT_EXIST) != 0 ||
        (rc = lock_take(path)) != 0) {
        close(fd);
        return rc;
    }
    memcpy(s->lock, path, sizeof(path));
    s->fd = fd;
    s->saved = t;
    s->saved_ok = true;
    /* pppd and minicom cannot open it under us either (root can) */
    ioctl(s->fd, TIOCEXCL);
    make_raw(&t, bps, hw_flow);
    if (tcsetattr(s->fd, TCSANOW, &t) < 0) {
        rc = ERROR_PORT_NOT_AVAILABLE;
        goto fail;
    }
    tcflush(s->fd, TCIOFLUSH);
    return 0;
fail:
    serial_close(s);
    return rc;
}

void
serial_watch_carrier(struct serial *s, bool watch)
{
    struct termios t;
    if (s->fd < 0 || tcgetattr(s->fd, &t) < 0)
        return;
    if (watch)
        t.c_cflag &= ~(tcflag_t)CLOCAL;
    else
        t.c_cflag |= CLOCAL;
    tcsetattr(s->fd, TCSANOW, &t);
}

void
serial_close(struct serial *s)
{
    if (s->fd >= 0) {
        /* the modem hangs up when DTR drops (AT&D2, the usual default) */
        int dtr = TIOCM_DTR;
        ioctl(s->fd, TIOCMBIC, &dtr);
        tcflush(s->fd, TCIOFLUSH);
        if (s->saved_ok)
            tcsetattr(s->fd, TCSANOW, &s->saved);
        close(s->fd);
        s->fd = -1;
    }
    s->saved_ok = false;
    if (s->lock[0]) {
        unlink(s->lock);
        s->lock[0] = '\0';
    }
}
