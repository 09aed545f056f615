/* RasEnumDevicesA over a fake sysfs tree: which ttys count as serial ports,
 * their order, the loopback port, and Windows' sizing rules (ras-api.md §1).
 * With argv[1] == "--fault" it runs the allocation-failure sweep instead. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "harness.h"
#include "lib/devices.h"

static char root[512];

static void
mkdirs(const char *rel)
{
    char p[1024];
    snprintf(p, sizeof(p), "%s/%s", root, rel);
    mkdir(root, 0755);
    for (char *s = p + strlen(root) + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    mkdir(p, 0755);
}

static void
put(const char *rel, const char *text)
{
    char p[1024];
    snprintf(p, sizeof(p), "%s/%s", root, rel);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
}

/* A port: class/tty/NAME, with a bound driver if `driver`, and an 8250
 * `type` file if type >= 0. */
static void
port(const char *name, bool driver, int type)
{
    char rel[256];
    snprintf(rel, sizeof(rel), "class/tty/%s/device%s", name, driver ? "/driver" : "");
    mkdirs(rel);
    if (type >= 0) {
        char t[16];
        snprintf(rel, sizeof(rel), "class/tty/%s/type", name);
        snprintf(t, sizeof(t), "%d\n", type);
        put(rel, t);
    }
}

static void
fake_sysfs(void)
{
    snprintf(root, sizeof(root), "%s/sys", th_tmpdir());
    mkdirs("class/tty/tty0");          /* a virtual console: no device */
    mkdirs("class/tty/ptmx");
    port("ttyS0", true, 4);            /* 16550A */
    port("ttyS1", true, 0);            /* 8250 slot with no UART */
    port("ttyS10", true, 4);
    port("ttyS2", true, 4);
    port("ttyS3", false, 4);           /* no driver bound */
    port("ttyUSB0", true, -1);
    port("ttyUSB1", false, -1);
    port("ttyACM1", true, -1);
    port("ttyXYZ0", true, -1);         /* not a kind we list */
    ras_devices_set_sysfs_root(root);
}

static const char *const expected[] = {
    "/dev/ttyACM1", "/dev/ttyS0", "/dev/ttyS2", "/dev/ttyS10", "/dev/ttyUSB0", "loopback",
};
#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static void
t_lists_real_ports_then_loopback(void)
{
    fake_sysfs();
    RASDEVINFOA d[16];
    memset(d, 0, sizeof(d));
    d[0].dwSize = sizeof(RASDEVINFOA);
    DWORD cb = sizeof(d), n = 0;
    REQUIRE_EQ(RasEnumDevicesA(d, &cb, &n), 0);
    REQUIRE_EQ(n, N_EXPECTED);
    CHECK_EQ(cb, N_EXPECTED * sizeof(RASDEVINFOA));
    for (size_t i = 0; i < N_EXPECTED; i++) {
        CHECK_STR(d[i].szDeviceName, expected[i]);
        CHECK_STR(d[i].szDeviceType, RASDT_Modem);
        CHECK_EQ(d[i].dwSize, sizeof(RASDEVINFOA));
    }
    ras_devices_set_sysfs_root(NULL);
}

static void
t_no_sysfs_means_loopback_only(void)
{
    snprintf(root, sizeof(root), "%s/nothing-here", th_tmpdir());
    ras_devices_set_sysfs_root(root);
    RASDEVINFOA d[2];
    memset(d, 0, sizeof(d));
    d[0].dwSize = sizeof(RASDEVINFOA);
    DWORD cb = sizeof(d), n = 0;
    CHECK_EQ(RasEnumDevicesA(d, &cb, &n), 0);
    CHECK_EQ(n, 1);
    CHECK_STR(d[0].szDeviceName, RAS_LOOPBACK_DEVICE_NAME);
    ras_devices_set_sysfs_root(NULL);
}

static void
t_size_query(void)
{
    fake_sysfs();
    DWORD need = N_EXPECTED * sizeof(RASDEVINFOA);
    DWORD cb = 0, n = 0;
    CHECK_EQ(RasEnumDevicesA(NULL, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(n, N_EXPECTED);

    RASDEVINFOA d[16];
    memset(d, 0, sizeof(d));
    d[0].dwSize = sizeof(RASDEVINFOA);
    cb = need - 1;
    n = 0;
    CHECK_EQ(RasEnumDevicesA(d, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    CHECK_EQ(cb, need);
    CHECK_EQ(n, N_EXPECTED);
    CHECK_EQ(d[0].szDeviceName[0], 0);  /* nothing written on failure */
    cb = 0;
    CHECK_EQ(RasEnumDevicesA(d, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    cb = need + 1;
    CHECK_EQ(RasEnumDevicesA(d, &cb, &n), 0);
    CHECK_EQ(cb, need);
    ras_devices_set_sysfs_root(NULL);
}

static void
t_bad_arguments(void)
{
    RASDEVINFOA d[8];
    DWORD cb = sizeof(d), n = 77;
    memset(d, 0, sizeof(d));
    d[0].dwSize = sizeof(RASDEVINFOA);
    CHECK_EQ(RasEnumDevicesA(d, NULL, &n), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesA(d, &cb, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasEnumDevicesA(NULL, NULL, NULL), ERROR_INVALID_PARAMETER);
    /* Wine's test, run on Windows: 0, sizeof-1, sizeof+1 are all 632. */
    DWORD sizes[] = { 0, sizeof(RASDEVINFOA) - 1, sizeof(RASDEVINFOA) + 1, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        d[0].dwSize = sizes[i];
        cb = sizeof(d);
        CHECK_EQ(RasEnumDevicesA(d, &cb, &n), ERROR_INVALID_SIZE);
        CHECK_EQ(cb, sizeof(d));
        CHECK_EQ(n, 77);
    }
}

/* The machine's own /sys: whatever ports it has, the loopback comes last
 * and every name is a /dev path. */
static void
t_real_sysfs(void)
{
    DWORD cb = 0, n = 0;
    REQUIRE_EQ(RasEnumDevicesA(NULL, &cb, &n), ERROR_BUFFER_TOO_SMALL);
    REQUIRE(n >= 1 && n < 2000);
    RASDEVINFOA d[2000];
    d[0].dwSize = sizeof(RASDEVINFOA);
    cb = sizeof(d);
    REQUIRE_EQ(RasEnumDevicesA(d, &cb, &n), 0);
    CHECK_STR(d[n - 1].szDeviceName, RAS_LOOPBACK_DEVICE_NAME);
    for (DWORD i = 0; i + 1 < n; i++) {
        struct stat st;
        char sys[300];
        if (strcmp(d[i].szDeviceType, RASDT_PPPoE) == 0) {
            /* an Ethernet interface, named as the kernel names it */
            snprintf(sys, sizeof(sys), "/sys/class/net/%s", d[i].szDeviceName);
            CHECK(stat(sys, &st) == 0);
            continue;
        }
        CHECK(strncmp(d[i].szDeviceName, "/dev/tty", 8) == 0);
        snprintf(sys, sizeof(sys), "/sys/class/tty/%s/device/driver", d[i].szDeviceName + 5);
        CHECK(stat(sys, &st) == 0);
    }
}

/* Issue 10: Ethernet interfaces are PPPoE devices (type 1 in sysfs);
 * loopback (772) and tun (65534) interfaces are not. They come after the
 * serial ports and before the loopback port. */
static void
t_lists_ethernet_as_pppoe(void)
{
    static const struct { const char *name, *type; } nets[] = {
        { "lo", "772\n" }, { "eth1", "1\n" }, { "eth0", "1\n" }, { "ras0", "65534\n" },
        { "enp3s0", "1\n" },
    };
    fake_sysfs();
    for (size_t i = 0; i < sizeof(nets) / sizeof(nets[0]); i++) {
        char rel[128];
        snprintf(rel, sizeof(rel), "class/net/%s", nets[i].name);
        mkdirs(rel);
        snprintf(rel, sizeof(rel), "class/net/%s/type", nets[i].name);
        put(rel, nets[i].type);
    }
    RASDEVINFOA d[16];
    memset(d, 0, sizeof(d));
    d[0].dwSize = sizeof(RASDEVINFOA);
    DWORD cb = sizeof(d), n = 0;
    REQUIRE_EQ(RasEnumDevicesA(d, &cb, &n), 0);
    REQUIRE_EQ(n, N_EXPECTED + 3);
    static const char *const eth[] = { "enp3s0", "eth0", "eth1" };
    for (size_t i = 0; i < 3; i++) {
        CHECK_STR(d[N_EXPECTED - 1 + i].szDeviceName, eth[i]);
        CHECK_STR(d[N_EXPECTED - 1 + i].szDeviceType, RASDT_PPPoE);
    }
    CHECK_STR(d[n - 1].szDeviceName, RAS_LOOPBACK_DEVICE_NAME);
    ras_devices_set_sysfs_root(NULL);
}

static DWORD fault_expected;

struct enum_ctx {
    RASDEVINFOA d[16];
    DWORD cb, n;
};

static uint32_t
enum_once(void *p)
{
    struct enum_ctx *c = p;
    memset(c, 0, sizeof(*c));
    c->d[0].dwSize = sizeof(RASDEVINFOA);
    c->cb = sizeof(c->d);
    return RasEnumDevicesA(c->d, &c->cb, &c->n);
}

static void
enum_verify(void *p, long nth, uint32_t rc)
{
    struct enum_ctx *c = p;
    if (nth) {   /* a failed run wrote nothing */
        CHECK_EQ(c->cb, sizeof(c->d));
        CHECK_EQ(c->n, 0);
        CHECK_EQ(c->d[0].szDeviceName[0], 0);
    } else {
        CHECK_EQ(rc, 0);
        CHECK_EQ(c->n, fault_expected);
    }
}

static void
t_fault_sweep_enum(void)
{
    static struct enum_ctx c;
    fake_sysfs();
    /* 13 ports: the list starts with 8 slots and grows once, so there are
     * two allocation sites to fail there. */
    for (int i = 2; i <= 9; i++) {
        char name[16];
        snprintf(name, sizeof(name), "ttyUSB%d", i);
        port(name, true, -1);
    }
    /* and an Ethernet interface: the PPPoE list is a third site */
    mkdirs("class/net/eth0");
    put("class/net/eth0/type", "1\n");
    fault_expected = N_EXPECTED + 8 + 1;
    CHECK_EQ(th_fault_sweep("RasEnumDevicesA", enum_once, &c, ERROR_NOT_ENOUGH_MEMORY,
                            enum_verify), 3);
    ras_devices_set_sysfs_root(NULL);
}

int
main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--fault")) {
        TH_RUN(t_fault_sweep_enum);
        return th_done();
    }
    TH_RUN(t_lists_real_ports_then_loopback);
    TH_RUN(t_no_sysfs_means_loopback_only);
    TH_RUN(t_size_query);
    TH_RUN(t_bad_arguments);
    TH_RUN(t_real_sysfs);
    TH_RUN(t_lists_ethernet_as_pppoe);
    return th_done();
}
