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
#include <unistd.h>

#include "raserror.h"

const char *
serial_lock_dir(void)
{
    const char *d = getenv("RAS_LOCK_DIR");
    return d && d[0] ? d : "/var/lock";
}

/* The lock names the device itself, not a symlink to it, so two names for
 * one port share one lock. */
static bool
lock_path(const char *device, char *out, size_t cap)
{
    char real[PATH_MAX];
    const char *name = realpath(device, real) ? real : device;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (!base[0])
        return false;
    int n = snprintf(out, cap, "%s/LCK..%s", serial_lock_dir(), base);
    return n > 0 && (size_t)n < cap;
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
    case ENOENT: case ENODEV: case ENXIO: case ENOTDIR: return ERROR_DEVICE_DOES_NOT_EXIST;
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

uint32_t
serial_open(struct serial *s, const char *device, uint32_t bps, bool hw_flow)
{
    s->fd = -1;
    s->saved_ok = false;
    s->lock[0] = '\0';
    char path[PATH_MAX];
    if (!lock_path(device, path, sizeof(path)))
        return ERROR_DEVICE_DOES_NOT_EXIST;
    uint32_t rc = lock_take(path);
    if (rc)
        return rc;
    memcpy(s->lock, path, sizeof(path));
    s->fd = open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (s->fd < 0) {
        rc = open_error(errno);
        goto fail;
    }
    /* pppd and minicom cannot open it under us either (root can) */
    ioctl(s->fd, TIOCEXCL);
    struct termios t;
    if (tcgetattr(s->fd, &s->saved) < 0) {
        rc = ERROR_PORT_NOT_AVAILABLE;      /* not a terminal */
        goto fail;
    }
    s->saved_ok = true;
    t = s->saved;
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
