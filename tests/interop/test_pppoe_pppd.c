/* Our PPPoE client against real ones (issue 10's interop): a broadband
 * entry in a phonebook, RasDialA, a private rasmand whose PPPoE port binds
 * a tap in rasmand's network namespace, and on the far side of that tap
 * the peer VM (tests/interop/pppoe-vm): Debian's kernel on an e1000 NIC,
 * rp-pppoe's pppoe-server, and Debian's pppd behind it demanding CHAP,
 * then MS-CHAPv2. Connected, the address pppd assigns, pings both ways,
 * and the hang-up's PADT ending the session at the concentrator.
 * argv[1]: rasmand. Root only; skipped when qemu or the VM's parts are
 * unavailable. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "openras.h"
#include "ras.h"
#include "raserror.h"

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "pppoe_vm.h"

#define TAP      "vmtap0"
#define ENTRY    "Peer DSL"
#define PEER_IP  0x0a000001u          /* pppoe-server -L 10.0.0.1 */

static struct rmf rmf;
static struct pvm vm;
static char case_dir[256];            /* th_tmpdir(), for on_signal */

static void
cleanup(void)
{
    pvm_stop(&vm);
    rmf_cleanup();
}

/* meson's timeout: qemu runs in a session of its own, so say goodbye to
 * it here (rasmand is in our process group and goes with us) */
static void
on_signal(int sig)
{
    pvm_kill(&vm);
    pvm_rm_rf(case_dir);
    pvm_rm_rf(rmf.dir);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
make_entry(void)
{
    RASENTRYA e = { .dwSize = sizeof(e) };
    e.dwType = RASET_Broadband;
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_PPPoE);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "%s", TAP);
    e.dwfNetProtocols = RASNP_Ip;
    e.dwFramingProtocol = RASFP_Ppp;
    REQUIRE_EQ(RasSetEntryPropertiesA(th_pbk(), ENTRY, &e, sizeof(e), NULL, 0), 0);
    /* saved the Windows way, read back by the dial below */
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    snprintf(p.szEntryName, sizeof(p.szEntryName), ENTRY);
    snprintf(p.szUserName, sizeof(p.szUserName), "client");
    snprintf(p.szPassword, sizeof(p.szPassword), "secret");
    REQUIRE_EQ(RasSetEntryDialParamsA(th_pbk(), &p, FALSE), 0);
    memset(&p, 0, sizeof(p));
}

static bool
ping_from_host(int count)
{
    char cmd[200];
    snprintf(cmd, sizeof(cmd), "nsenter -t %d -n ping -q -c %d -i 0.3 -W 3 -I ras0 10.0.0.1 "
             ">/dev/null 2>&1", (int)rmf.pid, count);
    return system(cmd) == 0;
}

/* One dial against pppd demanding auth ("chap" or "mschapv2", the VM's
 * profile), lcp_auth the RASLCPAD_* our side must report. */
static void
dial_pppd(const char *auth, DWORD lcp_auth, const char *pppd_auth)
{
    struct ipc_debug base;
    char ns[64];
    REQUIRE(rmf_base(&base));
    snprintf(case_dir, sizeof(case_dir), "%s", th_tmpdir());
    snprintf(ns, sizeof(ns), "nsenter -t %d -n", (int)rmf.pid);
    if (!pvm_boot(&vm, ns, TAP, "ac", auth)) {
        th_fail(__FILE__, __LINE__, "the peer VM did not start");
        return;
    }
    printf("# VM (pppoe-server + pppd, %s) ready in %d ms\n", auth, vm.ready_ms);
    make_entry();

    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw = FALSE;
    snprintf(p.szEntryName, sizeof(p.szEntryName), ENTRY);
    REQUIRE_EQ(RasGetEntryDialParamsA(th_pbk(), &p, &has_pw), 0);
    CHECK(has_pw);
    HRASCONN h = NULL;
    uint64_t t0 = clock_now_ms();
    DWORD rc = RasDialA(NULL, th_pbk(), &p, 0, NULL, &h);
    /* pppoe-server starts pppd at PADS and loses a ConfReq sent at once:
     * the client resends on pppd's first one (fsm.c) instead of after 3 s */
    printf("# RasDial to Connected in %llu ms\n", (unsigned long long)(clock_now_ms() - t0));
    memset(&p, 0, sizeof(p));
    CHECK_EQ(rc, 0);
    if (rc != 0) {
        pvm_log_dump(&vm, 40);
        if (h) {
            RasHangUpA(h);
            rmf_wait_gone(h, 10000);
        }
        return;
    }

    /* Connected over PPPoE on the tap, as the status says */
    RASCONNSTATUSA st = { .dwSize = sizeof(st) };
    CHECK_EQ(RasGetConnectStatusA(h, &st), 0);
    CHECK_EQ(st.rasconnstate, RASCS_Connected);
    CHECK_STR(st.szDeviceType, RASDT_PPPoE);
    CHECK_STR(st.szDeviceName, TAP);
    /* the address pppd assigned, pppd's own, its DNS, the auth it asked */
    RASPPPIPA ip = { .dwSize = sizeof(ip) };
    DWORD cb = sizeof(ip);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppIp, &ip, &cb), 0);
    CHECK_STR(ip.szIpAddress, "10.0.0.2");
    CHECK_STR(ip.szServerIpAddress, "10.0.0.1");
    RASPPPLCPA lcp = { .dwSize = sizeof(lcp) };
    cb = sizeof(lcp);
    CHECK_EQ(RasGetProjectionInfoA(h, RASP_PppLcp, &lcp, &cb), 0);
    CHECK_EQ(lcp.dwAuthenticationProtocol, RASLCPAP_CHAP);
    CHECK_EQ(lcp.dwAuthenticationData, lcp_auth);
    struct ipc_projection pr;
    if (rmf_projection(h, &pr))
        CHECK_EQ(pr.dns1, PEER_IP);
    else
        CHECK(!"IPC projection");
    /* RFC 2516 7: the tun follows LCP's 1492 */
    CHECK_EQ(rmf_netns_run(&rmf, "ip link show ras0 | grep -q \"mtu 1492 \""), 0);
    /* pppd's view: our MRU, its auth, the same addresses */
    CHECK(pvm_log_wait(&vm, pppd_auth, 1, 10000));
    CHECK(pvm_log_wait(&vm, "sent [CHAP Success", 1, 10000));
    CHECK(pvm_log_wait(&vm, "remote IP address 10.0.0.2", 1, 10000));
    CHECK(pvm_log_wait(&vm, "Session 1 created for client", 1, 10000));

    /* IP both ways: from rasmand's namespace through ras0 to pppd's
     * address, and from the VM to ours */
    CHECK(ping_from_host(3));
    CHECK(pvm_cmd(&vm, "ping 10.0.0.2", "PEER-PING 10.0.0.2 ", 30000));
    CHECK(pvm_log_count(&vm, "PEER-PING 10.0.0.2 ok") == 1);

    /* Hang-up: LCP's Terminate-Request, then the PADT. pppoe-server
     * answers a PADT for a session by SIGTERMing that session's pppd,
     * which pppd logs; left to itself after a Terminate-Request pppd would
     * wait out its 3 s restart timer and exit on its own, no signal. */
    pvm_log_mark(&vm);
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 10000));
    CHECK(pvm_log_wait(&vm, "rcvd [LCP TermReq", 1, 10000));
    CHECK(pvm_log_wait(&vm, "Terminating on signal 15", 1, 10000));
    CHECK(pvm_log_order(&vm, "rcvd [LCP TermReq", "Terminating on signal 15"));
    CHECK(pvm_log_wait(&vm, "Session 1 closed for client", 1, 10000));
    CHECK(pvm_log_wait(&vm, "Exit.", 1, 10000));
    CHECK(rmf_netns_run(&rmf, "ip link show ras0") != 0);       /* the tun is gone */
    CHECK(rmf_settled(&base, 5000));
    pvm_stop(&vm);
}

static void
t_chap(void)
{
    dial_pppd("chap", RASLCPAD_CHAP_MD5, "<auth chap MD5>");
}

static void
t_mschapv2(void)
{
    dial_pppd("mschapv2", RASLCPAD_CHAP_MSV2, "<auth chap MS-v2>");
}

int
main(int argc, char **argv)
{
    static const struct rmf_case cases[] = {
        RMF_CASE(t_chap), RMF_CASE(t_mschapv2), { NULL, NULL },
    };
    int rc;
    if (!pvm_ready(&rc))
        return rc;
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    return rmf_main(&rmf, argc, argv, false, cleanup, cases);
}
