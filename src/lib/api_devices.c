/* RasEnumDevicesA: the serial ports this machine really has (from sysfs),
 * reported as RASDT_Modem devices named by their /dev path, its Ethernet
 * interfaces as RASDT_PPPoE devices named by the interface (as Windows
 * lists a "WAN Miniport (PPPOE)" for broadband entries), plus the built-in
 * loopback port. Sizing follows Windows (ras-api.md §1). */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "lib/devices.h"

/* A tty name long enough to hold any real one (ttyUSB123, ttyACM0, ...). */
#define TTY_NAME_MAX 32
/* Ceiling on ports listed: a machine with more is misconfigured, and every
 * buffer gets a bound when it is created (STYLE.md). */
#define MAX_PORTS 1024

static const char *sysfs_root = NULL;

void
ras_devices_set_sysfs_root(const char *root)
{
    sysfs_root = root;
}

struct port_list {
    char (*name)[TTY_NAME_MAX];
    size_t n, cap;
};

static bool
has_prefix_digits(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0 || !s[n])
        return false;
    for (s += n; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* An 8250 driver registers ttyS0..ttyS(N-1) whether or not a UART answers;
 * the ones with no hardware report type 0 (PORT_UNKNOWN). Other ttyS
 * drivers have no type file and are real ports. */
static bool
uart_present(const char *dir)
{
    char path[PATH_MAX], buf[16];
    if (snprintf(path, sizeof(path), "%s/type", dir) >= (int)sizeof(path))
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    ssize_t r = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (r <= 0)
        return false;
    buf[r] = '\0';
    return strtol(buf, NULL, 10) != 0;
}

static bool
is_serial_port(const char *ttydir, const char *name)
{
    bool uart = has_prefix_digits(name, "ttyS");
    if (!uart && !has_prefix_digits(name, "ttyUSB") && !has_prefix_digits(name, "ttyACM"))
        return false;
    char dir[PATH_MAX], drv[PATH_MAX];
    struct stat st;
    if (snprintf(dir, sizeof(dir), "%s/%s", ttydir, name) >= (int)sizeof(dir) ||
        snprintf(drv, sizeof(drv), "%s/device/driver", dir) >= (int)sizeof(drv))
        return false;
    /* No bound driver: a stale node, not a port we could open. */
    if (stat(drv, &st) != 0)
        return false;
    return !uart || uart_present(dir);
}

static uint32_t
port_list_add(struct port_list *pl, const char *name)
{
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? pl->cap * 2 : 8;
        void *p = ras_realloc(pl->name, cap * sizeof(*pl->name));
        if (!p)
            return ERROR_NOT_ENOUGH_MEMORY;
        pl->name = p;
        pl->cap = cap;
    }
    snprintf(pl->name[pl->n++], TTY_NAME_MAX, "%s", name);
    return 0;
}

/* ttyS2 before ttyS10; ttyACM before ttyS before ttyUSB. */
static int
port_cmp(const void *a, const void *b)
{
    const char *x = a, *y = b;
    size_t px = strcspn(x, "0123456789"), py = strcspn(y, "0123456789");
    int c = strncmp(x, y, px < py ? px : py);
    if (c || px != py)
        return c ? c : (px < py ? -1 : 1);
    unsigned long nx = strtoul(x + px, NULL, 10), ny = strtoul(y + py, NULL, 10);
    return nx < ny ? -1 : nx > ny;
}

/* An Ethernet interface (ARPHRD_ETHER in its type file) that PPPoE can
 * run on: not loopback, not a tun. */
static bool
is_ethernet(const char *netdir, const char *name)
{
    char path[PATH_MAX], buf[16];
    if (snprintf(path, sizeof(path), "%s/%s/type", netdir, name) >= (int)sizeof(path))
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t r = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (r <= 0)
        return false;
    buf[r] = '\0';
    return strtol(buf, NULL, 10) == 1 && strlen(name) < 16;
}

/* Fills pl with the entries of sysfs's class/CLASS that pass keep, sorted.
 * A machine without sysfs (a container) simply has none. */
static uint32_t
scan_class(struct port_list *pl, const char *cls, bool (*keep)(const char *, const char *))
{
    char dir[PATH_MAX];
    uint32_t rc = 0;
    if (snprintf(dir, sizeof(dir), "%s/class/%s", sysfs_root ? sysfs_root : "/sys", cls) >=
        (int)sizeof(dir))
        return 0;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL && pl->n < MAX_PORTS) {
        if (e->d_name[0] == '.' || strlen(e->d_name) >= TTY_NAME_MAX || !keep(dir, e->d_name))
            continue;
        if ((rc = port_list_add(pl, e->d_name)) != 0)
            break;
    }
    closedir(d);
    if (rc == 0 && pl->n > 1)
        qsort(pl->name, pl->n, sizeof(*pl->name), port_cmp);
    return rc;
}

static void
fill_device(RASDEVINFOA *di, const char *type, const char *name)
{
    memset(di, 0, sizeof(*di));
    di->dwSize = sizeof(*di);
    snprintf(di->szDeviceType, sizeof(di->szDeviceType), "%s", type);
    snprintf(di->szDeviceName, sizeof(di->szDeviceName), "%s", name);
}

DWORD
RasEnumDevicesA(LPRASDEVINFOA lpRasDevInfo, LPDWORD lpcb, LPDWORD lpcDevices)
{
    struct port_list pl = {0}, eth = {0};
    uint32_t rc;

    if (!lpcb || !lpcDevices)
        return ERROR_INVALID_PARAMETER;
    /* RASDEVINFO has had one layout since NT4; Wine's test, run on Windows,
     * shows anything else is 632. */
    if (lpRasDevInfo && lpRasDevInfo->dwSize != sizeof(RASDEVINFOA))
        return ERROR_INVALID_SIZE;
    if ((rc = scan_class(&pl, "tty", is_serial_port)) != 0 ||
        (rc = scan_class(&eth, "net", is_ethernet)) != 0)
        goto out;

    DWORD count = (DWORD)(pl.n + eth.n) + 1, need = count * (DWORD)sizeof(RASDEVINFOA);
    if (!lpRasDevInfo || *lpcb < need) {
        *lpcb = need;
        *lpcDevices = count;
        rc = ERROR_BUFFER_TOO_SMALL;
        goto out;
    }
    for (size_t i = 0; i < pl.n; i++) {
        char path[TTY_NAME_MAX + 8];
        snprintf(path, sizeof(path), "/dev/%s", pl.name[i]);
        fill_device(&lpRasDevInfo[i], RASDT_Modem, path);
    }
    for (size_t i = 0; i < eth.n; i++)
        fill_device(&lpRasDevInfo[pl.n + i], RASDT_PPPoE, eth.name[i]);
    /* Last, so an entry-less dial ("first free modem") prefers real hardware. */
    fill_device(&lpRasDevInfo[pl.n + eth.n], RASDT_Modem, RAS_LOOPBACK_DEVICE_NAME);
    *lpcb = need;
    *lpcDevices = count;
out:
    ras_free(pl.name);
    ras_free(eth.name);
    return rc;
}
