/* End to end for a cellular entry (issue 11): rasphone writes an entry on
 * ras-modem-sim's pty with the number *99#, an APN (the DEVICE block's
 * Apn=) and a SIM PIN (the credentials file, never the phonebook); RasDialA
 * through a private rasmand drives the SIMULATED cellular module (PIN,
 * AT+CGDCONT, registration, AT+CSQ) and the simulator bridges the packet
 * call to real pppd (demanding CHAP) in the peer VM. Then IP through the
 * tun, rasdial --status's Signal line, and hang-up. The failures: an APN
 * the network does not know, and a module that never registers, each with
 * its RAS error and nothing left behind.
 * argv: rasmand, ras-modem-sim, rasphone, rasdial. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "fixture.h"
#include "harness.h"
#include "peer.h"
#include "sim.h"

#define ENTRY "Cell ISP"
#define APN   "internet.example"
/* eight digits (a SIM's most): too long to be a pid or a small counter,
 * so finding it in rasmand's log means the PIN leaked there */
#define PIN   "40417358"
#define PIN_HEX "3430343137333538"  /* as the credentials file keeps it */
#define CSQ   17

static struct rmf rmf;
static struct peer peer;
static bool peer_up;
static const char *rasphone_exe, *rasdial_exe;

/* ---- files and tools --------------------------------------------------- */

/* The whole of a small file, NUL-terminated, malloc'd, its CRs dropped
 * (the phonebook's lines end in CRLF, as on Windows); NULL if unreadable. */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n, k = 0;
    char *buf = malloc(cap + 1);
    n = buf ? fread(buf, 1, cap, f) : 0;
    for (size_t i = 0; i < n; i++)
        if (buf[i] != '\r')
            buf[k++] = buf[i];
    if (buf)
        buf[k] = '\0';
    fclose(f);
    return buf;
}

static int
count_in(const char *text, const char *s)
{
    int n = 0;
    for (const char *at = text; at && (at = strstr(at, s)) != NULL; at += strlen(s))
        n++;
    return n;
}

static int
file_count(const char *path, const char *s)
{
    char *text = slurp(path);
    int n = count_in(text, s);
    free(text);
    return n;
}

static void
file_dump(const char *path, const char *tag, size_t max_lines)
{
    char *text = slurp(path);
    size_t lines = 0;
    if (!text)
        return;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    size_t skip = lines > max_lines ? lines - max_lines : 0;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        if (skip ? (skip--, 0) : 1)
            printf("#   %s| %s\n", tag, l);
    free(text);
}

/* Runs a tool with input on its stdin and its stdout in out: its exit
 * status, or -1. Its own session and so no terminal: rasphone then reads
 * a password or PIN from stdin, as it does for a script. */
static int
run_tool(const char *input, char *out, size_t cap, const char *const *argv)
{
    int in[2], o[2];
    size_t got = 0;
    if (pipe2(in, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(o, O_CLOEXEC) != 0) {
        close(in[0]);
        close(in[1]);
        return -1;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        dup2(in[0], 0);
        dup2(o[1], 1);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(in[0]);
    close(o[1]);
    if (pid > 0 && input)
        (void)!write(in[1], input, strlen(input));
    close(in[1]);
    for (;;) {
        char buf[512];
        ssize_t n = read(o[0], buf, sizeof(buf));
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n && got + 1 < cap; i++)
            out[got++] = buf[i];
    }
    if (cap)
        out[got] = '\0';
    close(o[0]);
    int status = -1;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ras-modem-sim with --verbose and its log (stdout and stderr) in log:
 * what the simulated module was asked is read from there. */
static bool
sim_start_logged(struct sim *s, const char *const *args, const char *log)
{
    int saved = fcntl(2, F_DUPFD_CLOEXEC, 3);
    int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = false;
    fflush(stderr);
    if (saved >= 0 && fd >= 0 && dup2(fd, 2) == 2)
        ok = sim_start(s, rmf.sim_exe, args);
    if (saved >= 0) {
        dup2(saved, 2);
        close(saved);
    }
    if (fd >= 0)
        close(fd);
    return ok;
}

/* ---- the entry --------------------------------------------------------- */

/* As a user would make it: rasphone add with the device, *99#, the APN,
 * the account and its password from stdin; rasphone edit --pin with the
 * PIN from stdin. Then the files on disk: Apn= in the entry's DEVICE
 * block, the PIN in the credentials file (mode 0600) and nowhere in the
 * phonebook. */
static void
make_entry(const struct sim *s, const char *apn)
{
    char real[PATH_MAX], dev[PATH_MAX + 16], apn_opt[160], out[4096], want[200];
    REQUIRE(realpath(s->link, real) != NULL);
    snprintf(dev, sizeof(dev), "--device=%s", real);
    snprintf(apn_opt, sizeof(apn_opt), "--apn=%s", apn);
    const char *const add[] = { rasphone_exe, "--phonebook", th_pbk(), "add", ENTRY, dev,
                                "--device-type=modem", "--number=*99#", apn_opt,
                                "--default-gateway=no", "--user=client", "--ask-password",
                                NULL };
    REQUIRE_EQ(run_tool("secret\n", out, sizeof(out), add), 0);
    const char *const pin[] = { rasphone_exe, "--phonebook", th_pbk(), "edit", ENTRY, "--pin",
                                NULL };
    REQUIRE_EQ(run_tool(PIN "\n", out, sizeof(out), pin), 0);
    const char *const show[] = { rasphone_exe, "--phonebook", th_pbk(), "show", ENTRY, NULL };
    REQUIRE_EQ(run_tool(NULL, out, sizeof(out), show), 0);
    snprintf(want, sizeof(want), "apn=%s\n", apn);
    CHECK(strstr(out, want) != NULL);
    CHECK(strstr(out, "pin=(saved)\n") != NULL);
    CHECK(strstr(out, "number=*99#\n") != NULL);
    CHECK(strstr(out, PIN) == NULL);

    char *pbk = slurp(th_pbk());
    REQUIRE(pbk != NULL);
    const char *sec = strstr(pbk, "[" ENTRY "]");
    const char *end = sec ? strstr(sec + 1, "\n[") : NULL;
    const char *device = sec ? strstr(sec, "\nDEVICE=") : NULL;
    snprintf(want, sizeof(want), "\nApn=%s\n", apn);
    const char *key = device ? strstr(device, want) : NULL;
    CHECK(sec && device && key && (!end || key < end) && (!end || device < end));
    CHECK(strstr(pbk, PIN) == NULL);
    CHECK(strstr(pbk, PIN_HEX) == NULL);
    CHECK(strstr(pbk, "SimPin") == NULL);
    if (!(sec && device && key))
        file_dump(th_pbk(), "pbk", 60);
    free(pbk);

    char cred[PATH_MAX];
    struct stat st;
    snprintf(cred, sizeof(cred), "%s.cred", th_pbk());
    CHECK_EQ(file_count(cred, "\nSimPin=" PIN_HEX "\n"), 1);
    CHECK(stat(cred, &st) == 0 && (st.st_mode & 0777) == 0600);
}

/* ---- dialing ----------------------------------------------------------- */

/* RasDialA on the saved credentials (the PIN comes with them): its result,
 * the handle in *h. */
static DWORD
dial_entry(HRASCONN *h)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw = FALSE;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "%s", ENTRY);
    DWORD rc = RasGetEntryDialParamsA(th_pbk(), &p, &has_pw);
    CHECK_EQ(rc, 0);
    CHECK(has_pw);
    *h = NULL;
    if (rc == 0)
        rc = RasDialA(NULL, th_pbk(), &p, 0, NULL, h);
    memset(&p, 0, sizeof(p));
    return rc;
}

static DWORD
connections(void)
{
    RASCONNA c[4] = { { .dwSize = sizeof(c[0]) } };
    DWORD cb = sizeof(c), n = 99;
    return RasEnumConnectionsA(c, &cb, &n) == 0 ? n : 99;
}

static bool
ping_peer(const char *ifname, int count)
{
    char cmd[200];
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -q -c %d -i 0.3 -W 3 -I %s 10.0.0.1 "
             ">/dev/null 2>&1", (int)rmf.pid, count, ifname);
    return system(cmd) == 0;
}

/* rasdial ENTRY --status from another process, as a user would ask. */
static void
check_rasdial_status(void)
{
    char out[4096], want[120];
    const char *const argv[] = { rasdial_exe, ENTRY, "--status", "--phonebook", th_pbk(),
                                 NULL };
    /* rasdial finds rasmand as every client does: $RASMAND_SOCKET; and it
     * must never start a daemon of its own here */
    setenv("RASMAND_SOCKET", rmf.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    int rc = run_tool(NULL, out, sizeof(out), argv);
    unsetenv("RASMAND_SOCKET");
    unsetenv("RASMAND_PATH");
    CHECK_EQ(rc, 0);
    /* 27.007: rssi 17 is -113 + 2 * 17 dBm */
    snprintf(want, sizeof(want), "  Signal          %d (%d dBm, AT+CSQ before the dial)\n",
             CSQ, -113 + 2 * CSQ);
    CHECK(strstr(out, want) != NULL);
    CHECK(strstr(out, "  IPv4 address    10.0.0.2 (server 10.0.0.1)\n") != NULL);
    if (rc != 0 || !strstr(out, want)) {
        char *save = NULL;
        printf("# rasdial --status said:\n");
        for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
            printf("#   rasdial| %s\n", l);
    }
}

/* What rasmand logged for this case must not hold the PIN. */
static void
check_no_pin_in_rasmand_log(void)
{
    CHECK_EQ(file_count(rmf.log, PIN), 0);
    CHECK_EQ(file_count(rmf.log, PIN_HEX), 0);
}

/* ---- the cases --------------------------------------------------------- */

/* The PIN entered once, the APN set, registration waited for (the module
 * searches for its first two queries), the signal read, *99# dialed; pppd
 * authenticates us with CHAP and gives 10.0.0.2; pings through the tun;
 * rasdial --status shows the signal; hang-up ends pppd's session. */
static void
t_cell_to_pppd(void)
{
    char bridge[700], log[600];
    struct ipc_debug base;
    struct sim s;
    REQUIRE(peer_up);
    snprintf(bridge, sizeof(bridge), "--bridge=unix:%s", peer.sock);
    snprintf(log, sizeof(log), "%s/sim.log", th_tmpdir());
    const char *const args[] = { bridge, "--verbose", "--sim=pin=" PIN, "--apn=" APN,
                                 "--registration=after=2", "--csq=17", NULL };
    REQUIRE(rmf_base(&base));
    peer_log_mark(&peer);
    REQUIRE(sim_start_logged(&s, args, log));
    make_entry(&s, APN);

    HRASCONN h = NULL;
    DWORD rc = dial_entry(&h);
    /* without root there is no tun: PPP completes, then the dial fails in
     * Projected (716) with the projection still readable */
    const DWORD want = geteuid() == 0 ? 0 : ERROR_IP_CONFIGURATION;
    CHECK_EQ(rc, want);
    if (rc != want) {
        file_dump(log, "sim", 40);
        peer_log_dump(&peer, 40);
    }
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    if (rc == 0) {
        CHECK_EQ(RasGetConnectStatusA(h, &st), 0);
        CHECK_EQ(st.rasconnstate, RASCS_Connected);
        CHECK_EQ(st.dwError, 0);
        CHECK_STR(st.szDeviceType, RASDT_Modem);
    }

    /* the module as the simulator saw it: one PIN (never retried), the
     * APN in context 1, registration asked until it came, the signal,
     * then the packet call to *99# put through */
    CHECK_EQ(file_count(log, "<- AT+CPIN?"), 1);
    CHECK_EQ(file_count(log, "<- AT+CPIN=\"" PIN "\""), 1);
    CHECK_EQ(file_count(log, "<- AT+CGDCONT=1,\"IP\",\"" APN "\""), 1);
    CHECK(file_count(log, "<- AT+CREG?") >= 2);
    CHECK_EQ(file_count(log, "<- AT+CSQ"), 1);
    CHECK_EQ(file_count(log, "dialing '*99#'"), 1);
    CHECK_EQ(file_count(log, "packet call refused"), 0);
    CHECK_EQ(file_count(log, "-> CONNECT"), 1);

    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    if (rc == want && RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb) == 0) {
        CHECK_EQ(ip.dwError, 0);
        CHECK_STR(ip.szIpAddress, "10.0.0.2");
        CHECK_STR(ip.szServerIpAddress, "10.0.0.1");
    } else {
        CHECK(!"IP projection");
    }
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    if (rc == want && OpenRasGetLinkInfo(h, &li) == 0) {
        CHECK_EQ(li.dwSignalQuality, CSQ);
        CHECK_STR(li.szDnsPrimary, "10.0.0.1");
    } else {
        CHECK(!"link info");
    }
    CHECK(peer_log_wait(&peer, "rcvd [CHAP Response", 1, 10000));
    CHECK(peer_log_wait(&peer, "sent [CHAP Success", 1, 10000));
    CHECK(peer_log_wait(&peer, "remote IP address 10.0.0.2", 1, 10000));

    if (rc == 0 && geteuid() == 0 && li.szInterface[0]) {
        RAS_STATS a = { .dwSize = sizeof(a) }, b = { .dwSize = sizeof(b) };
        CHECK_EQ(RasGetConnectionStatistics(h, &a), 0);
        bool ok = ping_peer(li.szInterface, 3);
        CHECK_EQ(RasGetConnectionStatistics(h, &b), 0);
        CHECK(ok);
        printf("# ping through %s: %u bytes sent, %u received on the line\n", li.szInterface,
               b.dwBytesXmited - a.dwBytesXmited, b.dwBytesRcved - a.dwBytesRcved);
        /* three echo requests out and three replies in, 84 bytes of IP each */
        CHECK(b.dwFramesXmited - a.dwFramesXmited >= 3);
        CHECK(b.dwFramesRcved - a.dwFramesRcved >= 3);
        CHECK(b.dwBytesXmited - a.dwBytesXmited >= 3 * 84);
        CHECK(b.dwBytesRcved - a.dwBytesRcved >= 3 * 84);
        check_rasdial_status();
    } else if (geteuid() != 0) {
        printf("# not root: no tun interface, the dial failed with 716; no ping, no "
               "rasdial --status\n");
    } else {
        CHECK(!"a tun interface");
    }
    check_no_pin_in_rasmand_log();

    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 15000));
    }
    CHECK(peer_log_wait(&peer, "LCP terminated by peer", 1, 10000));
    CHECK(peer_log_wait(&peer, "Connection terminated", 1, 10000));
    CHECK_EQ(connections(), 0);
    CHECK(rmf_no_locks(&rmf));
    CHECK(rmf_settled(&base, 10000));
    sim_stop(&s);
}

/* The network knows APN, the entry says another: the module takes the
 * AT+CGDCONT (modules do not know the network's APNs) and the packet call
 * fails with NO CARRIER, 679. Nothing reaches pppd; the handle, the lock
 * and rasmand's resources all go. */
static void
t_cell_wrong_apn(void)
{
    char bridge[700], log[600];
    struct ipc_debug base;
    struct sim s;
    REQUIRE(peer_up);
    snprintf(bridge, sizeof(bridge), "--bridge=unix:%s", peer.sock);
    snprintf(log, sizeof(log), "%s/sim.log", th_tmpdir());
    const char *const args[] = { bridge, "--verbose", "--sim=pin=" PIN, "--apn=" APN, NULL };
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start_logged(&s, args, log));
    make_entry(&s, "no.such.apn");
    /* a pppd restarted after the last case's session: what it logs from
     * here on is this case's */
    peer_log_mark(&peer);

    HRASCONN h = NULL;
    CHECK_EQ(dial_entry(&h), ERROR_NO_CARRIER);
    CHECK_EQ(file_count(log, "<- AT+CPIN=\"" PIN "\""), 1);
    CHECK_EQ(file_count(log, "<- AT+CGDCONT=1,\"IP\",\"no.such.apn\""), 1);
    CHECK_EQ(file_count(log, "dialing '*99#'"), 1);
    CHECK_EQ(file_count(log, "packet call refused: the network knows no such APN"), 1);
    CHECK_EQ(file_count(log, "-> CONNECT"), 0);
    if (h) {
        RASCONNSTATUSA st = { .dwSize = sizeof(st) };
        if (RasGetConnectStatusA(h, &st) == 0)
            CHECK_EQ(st.dwError, ERROR_NO_CARRIER);
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 15000));
    }
    CHECK_EQ(connections(), 0);
    CHECK(rmf_no_locks(&rmf));
    check_no_pin_in_rasmand_log();
    CHECK(rmf_settled(&base, 10000));
    sim_stop(&s);
    CHECK_EQ(peer_log_count(&peer, "rcvd [LCP"), 0);
}

/* A module that never finds a network: registration is asked about until
 * rasmand's deadline (60 s, REG_S here through rasmand --test's
 * RAS_TEST_REG_MS), the dial fails with 680 and no ATD is sent. */
#define REG_S      8
#define REG_S_TEXT "8"

static void
t_cell_not_registered(void)
{
    char log[600];
    struct ipc_debug base;
    struct sim s;
    snprintf(log, sizeof(log), "%s/sim.log", th_tmpdir());
    const char *const args[] = { "--verbose", "--sim=pin=" PIN, "--registration=never", NULL };
    REQUIRE(rmf_base(&base));
    REQUIRE(sim_start_logged(&s, args, log));
    make_entry(&s, APN);

    HRASCONN h = NULL;
    long before = (long)time(NULL);
    CHECK_EQ(dial_entry(&h), ERROR_NO_DIALTONE);
    long took = (long)time(NULL) - before;
    printf("# not registered: the dial failed after %ld s\n", took);
    CHECK(took >= REG_S - 1);
    CHECK_EQ(file_count(log, "<- AT+CPIN=\"" PIN "\""), 1);
    CHECK_EQ(file_count(log, "<- AT+CGDCONT=1,\"IP\",\"" APN "\""), 1);
    /* one query a second, and AT+CEREG? for an LTE-only module */
    CHECK(file_count(log, "<- AT+CREG?") >= REG_S / 2);
    CHECK(file_count(log, "<- AT+CEREG?") >= 1);
    CHECK_EQ(file_count(log, "<- AT+CSQ"), 0);
    CHECK_EQ(file_count(log, "dialing"), 0);
    CHECK_EQ(file_count(rmf.log, "not registered with a network within " REG_S_TEXT " s"), 1);
    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 15000));
    }
    CHECK_EQ(connections(), 0);
    CHECK(rmf_no_locks(&rmf));
    check_no_pin_in_rasmand_log();
    CHECK(rmf_settled(&base, 10000));
    sim_stop(&s);
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_cell_to_pppd), RMF_CASE(t_cell_wrong_apn), RMF_CASE(t_cell_not_registered),
        { NULL, NULL },
    };
    int rc;
    if (argc < 5) {
        fprintf(stderr, "usage: %s RASMAND RAS-MODEM-SIM RASPHONE RASDIAL\n", argv[0]);
        return 2;
    }
    setenv("RAS_TEST_REG_MS", REG_S_TEXT "000", 1);
    rasphone_exe = argv[3];
    rasdial_exe = argv[4];
    if (!peer_ready(&rc))
        return rc;
    peer_up = peer_boot(&peer, "chap", NULL, NULL);
    if (!peer_up)
        printf("# peer VM did not start: the cases that need it fail\n");
    rc = rmf_main(&rmf, argc, argv, true, rmf_cleanup, cases);
    peer_stop(&peer);
    return rc;
}
