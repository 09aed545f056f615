/* PPPoE figures (issue 10), each next to its baseline from the same run:
 * TCP bulk throughput from rasmand's namespace through our PPPoE client
 * to ras-pppoe-server across a veth pair, next to plain TCP over the same
 * veth pair, with the CPU both PPPoE ends spent per gigabyte and how
 * much of it was the kernel's; and
 * discovery-to-Connected (median, p90 of 100 dials) next to the loopback
 * modem dial. Root only (namespaces, veth, AF_PACKET). argv[1]: rasmand,
 * argv[2]: ras-pppoe-server (defaults: the build tree's). */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "lib/rasman_paths.h"
#include "stats.h"

#define BULK_SECONDS 3
#define DIALS 100
#define PORT 5201

static struct rmf rmf;
static char ns[64];
static pid_t server_pid;

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
sh(const char *fmt, ...)
{
    char cmd[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A child in the AC's namespace: accepts one connection on ip, reads it
 * all, writes the byte count to the pipe. */
static pid_t
receiver(uint32_t ip, int report)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    char path[128];
    snprintf(path, sizeof(path), "/run/netns/%s", ns);
    int l = -1, one = 1;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(PORT),
                              .sin_addr.s_addr = htonl(ip) };
    alarm(BULK_SECONDS + 20);             /* never outlive a stuck bench */
    if (!rmf_enter_netns(path) || (l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(l, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(l, 1) != 0)
        _exit(1);
    (void)!write(report, "R", 1);          /* listening */
    int c = accept(l, NULL, NULL);
    static char buf[1 << 16];
    unsigned long long total = 0;
    ssize_t r;
    while (c >= 0 && (r = read(c, buf, sizeof(buf))) > 0)
        total += (unsigned long long)r;
    (void)!write(report, &total, sizeof(total));
    _exit(0);
}

/* Sends for BULK_SECONDS from rasmand's namespace to ip; returns Mbit/s
 * as the receiver counted it, and the seconds it took. */
static double
bulk(uint32_t ip, double *secs)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return 0;
    pid_t rx = receiver(ip, p[1]);
    close(p[1]);                          /* a dead receiver ends our reads */
    char ready;
    if (rx < 0 || read(p[0], &ready, 1) != 1) {
        close(p[0]);
        return 0;
    }
    pid_t tx = fork();
    if (tx == 0) {
        char path[64];
        snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)rmf.pid);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(PORT),
                                  .sin_addr.s_addr = htonl(ip) };
        int s = -1;
        alarm(BULK_SECONDS + 20);
        if (!rmf_enter_netns(path) || (s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
            connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
            _exit(1);
        static char buf[1 << 16];
        double end = clock_now_s() + BULK_SECONDS;
        while (clock_now_s() < end)
            if (write(s, buf, sizeof(buf)) < 0)
                _exit(1);
        close(s);
        _exit(0);
    }
    double t0 = clock_now_s();
    unsigned long long total = 0;
    if (read(p[0], &total, sizeof(total)) != (ssize_t)sizeof(total))
        total = 0;
    *secs = clock_now_s() - t0;
    waitpid(tx, NULL, 0);
    waitpid(rx, NULL, 0);
    close(p[0]);
    return *secs > 0 ? (double)total * 8 / *secs / 1e6 : 0;
}

static double
cpu_s(pid_t pid)
{
    char path[64];
    unsigned long long ns_ = 0;
    snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    if (fscanf(f, "%llu", &ns_) != 1)
        ns_ = 0;
    fclose(f);
    return (double)ns_ / 1e9;
}

/* User and system clock ticks of pid (/proc/PID/stat fields 14 and 15):
 * how much of the data path's CPU is the kernel's. */
struct ticks {
    unsigned long long user, sys;
};

static struct ticks
ticks_of(pid_t pid)
{
    struct ticks t = { 0, 0 };
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return t;
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* after the command's closing parenthesis: field 3 onward */
    const char *p = strrchr(buf, ')');
    if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &t.user,
                     &t.sys) != 2)
        t = (struct ticks){ 0, 0 };
    return t;
}

static unsigned
sys_percent(struct ticks a, struct ticks b)
{
    unsigned long long all = (b.user - a.user) + (b.sys - a.sys);
    return all ? (unsigned)((b.sys - a.sys) * 100 / all) : 0;
}

static DWORD
dial(const char *device, const char *type, const char *number, HRASCONN *h)
{
    RASENTRYA e;
    RASDIALPARAMSA p;
    struct ipc_dial_req d;
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    e.dwType = RASET_Broadband;
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", type);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%s", device);
    e.dwfNetProtocols = RASNP_Ip;
    rmf_params(&p, "Bench", number);
    ras_dial_req_from_entry(&d, &e, "/tmp/openras-bench.pbk", "Bench", number);
    return ras_dial_request(&d, &p, 0, NULL, h);
}

static void
dial_figures(const char *device, const char *type, const char *what)
{
    static double ms[DIALS];
    int n = 0;
    for (int i = 0; i < DIALS; i++) {
        HRASCONN h = NULL;
        double t0 = clock_now_s();
        DWORD rc = dial(device, type, "", &h);
        double t1 = clock_now_s();
        if (h) {
            RasHangUpA(h);
            rmf_wait_gone(h, 5000);
        }
        if (rc == 0)
            ms[n++] = (t1 - t0) * 1e3;
    }
    if (!n) {
        printf("  %-34s no dial succeeded\n", what);
        return;
    }
    stats_sort(ms, (size_t)n);
    printf("  %-34s median %7.2f ms  p90 %7.2f ms  (%d dials)\n", what, ms[n / 2],
           ms[n * 9 / 10], n);
}

static bool
setup(const char *server)
{
    snprintf(ns, sizeof(ns), "openras-bench-%d", (int)getpid());
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "ip link add pc0 type veth peer name ps0 && ip link set ps0 "
             "netns %s && ip link set pc0 up && ip addr add 192.168.77.1/24 dev pc0", ns);
    if (sh("ip netns add %s", ns) != 0 || rmf_netns_run(&rmf, cmd) != 0 ||
        sh("ip -n %s link set ps0 up && ip -n %s link set lo up && "
           "ip -n %s addr add 192.168.77.2/24 dev ps0", ns, ns, ns) != 0)
        return false;
    for (int i = 0; i < 100 && sh("ip -n %s link show ps0 | grep -q LOWER_UP", ns) != 0; i++)
        rmf_sleep_ms(20);
    server_pid = fork();
    if (server_pid == 0) {
        execlp("ip", "ip", "netns", "exec", ns, server, "-i", "ps0", "-q", "--auth", "chap",
               (char *)NULL);
        _exit(127);
    }
    rmf_sleep_ms(300);
    return server_pid > 0;
}

int
main(int argc, char **argv)
{
    const char *bin = argc > 1 ? argv[1] : RASMAND_BUILD_PATH;
    char def[512];
    snprintf(def, sizeof(def), "%s", RASMAND_BUILD_PATH);
    char *slash = strrchr(def, '/');
    snprintf(slash ? slash + 1 : def, sizeof(def) - (size_t)(slash ? slash + 1 - def : 0),
             "tools/ras-pppoe-server/ras-pppoe-server");
    const char *server = argc > 2 ? argv[2] : def;
    if (geteuid() != 0) {
        printf("bench-pppoe: skipped (needs root: namespaces, veth, AF_PACKET)\n");
        return 0;
    }
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!rmf_start(&rmf, bin) || !setup(server)) {
        fprintf(stderr, "bench-pppoe: set-up failed\n");
        rmf_stop(&rmf);
        return 1;
    }
    printf("TCP bulk, %d s each, same veth pair, same run:\n", BULK_SECONDS);
    double s1 = 0, s2 = 0;
    double plain = bulk(0xc0a84d02, &s1);
    printf("  %-34s %8.0f Mbit/s\n", "plain veth (baseline)", plain);
    HRASCONN h = NULL;
    DWORD rc = dial("pc0", RASDT_PPPoE, "", &h);
    if (rc == 0) {
        double c0 = cpu_s(rmf.pid), a0 = cpu_s(server_pid);
        struct ticks ct0 = ticks_of(rmf.pid), at0 = ticks_of(server_pid);
        double pppoe = bulk(0x0a430001, &s2);
        double c1 = cpu_s(rmf.pid), a1 = cpu_s(server_pid);
        struct ticks ct1 = ticks_of(rmf.pid), at1 = ticks_of(server_pid);
        double gb = pppoe * s2 / 8 / 1e3;
        printf("  %-34s %8.0f Mbit/s  (%.2f of plain veth)\n", "PPPoE, rasmand -> our AC", pppoe,
               plain > 0 ? pppoe / plain : 0);
        if (gb > 0)
            printf("  %-34s rasmand %.2f s (%u%% system), concentrator %.2f s (%u%% system)\n",
                   "CPU per GB", (c1 - c0) / gb, sys_percent(ct0, ct1), (a1 - a0) / gb,
                   sys_percent(at0, at1));
        RasHangUpA(h);
        rmf_wait_gone(h, 5000);
    } else {
        printf("  PPPoE dial failed: %u\n", rc);
    }
    printf("Discovery to Connected, %d dials each:\n", DIALS);
    dial_figures("loopback", "modem", "loopback modem (baseline)");
    dial_figures("pc0", RASDT_PPPoE, "PPPoE to our AC over veth");
    kill(server_pid, SIGTERM);
    waitpid(server_pid, NULL, 0);
    sh("ip netns del %s", ns);
    return rmf_stop(&rmf) ? 0 : 1;
}
