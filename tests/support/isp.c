/* See isp.h. The child serves connections until the test closes ctl; each
 * session's outcome goes back as one byte on the report pipe. */
#include "isp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "fixture.h"
#include "harness.h"
#include "inet.h"
#include "ppp/ppp.h"

bool
isp_demo_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "demo") != 0 || cap < 5)
        return false;
    memcpy(secret, "demo", 5);
    return true;
}

/* Turns an IPv4 ICMP echo request into its reply in place: the ISP
 * answers pings, so the calls can carry traffic. */
static bool
icmp_echo_reply(uint8_t *pkt, size_t n)
{
    size_t hl = (size_t)(pkt[0] & 15) * 4;
    if (n < 28 || (pkt[0] >> 4) != 4 || hl < 20 || n < hl + 8 || pkt[9] != 1 || pkt[hl] != 8)
        return false;
    uint8_t a[4];
    memcpy(a, pkt + 12, 4);            /* swapping the addresses keeps the header sum */
    memcpy(pkt + 12, pkt + 16, 4);
    memcpy(pkt + 16, a, 4);
    pkt[hl] = 0;
    pkt[hl + 2] = pkt[hl + 3] = 0;
    uint16_t c = inet_sum(pkt + hl, n - hl);
    pkt[hl + 2] = (uint8_t)(c >> 8);
    pkt[hl + 3] = (uint8_t)c;
    return true;
}

/* One session until the simulator closes the bridge; returns ISP_SESSION_*
 * bits, or -1 if the engine could not be made or the socket failed. */
static int
isp_session(int cs, const struct isp_config *c)
{
    struct ppp_config cfg = {
        .role = PPP_SERVER, .hostname = c->hostname,
        .auth_methods = PPP_AUTH_MSCHAPV2 | PPP_AUTH_CHAP_MD5 | PPP_AUTH_PAP,
        .secret_fn = isp_demo_secret, .local_ip = c->local_ip, .peer_ip = c->peer_ip,
        .dns1 = c->local_ip,
    };
    struct ppp *isp = ppp_new(&cfg);
    if (!isp)
        return -1;
    int seen = 0;
    uint8_t buf[4096];
    ppp_start(isp, clock_now_ms());
    for (;;) {
        size_t n;
        struct ppp_event ev;
        size_t ip_len;
        while ((ip_len = ppp_recv_ip(isp, buf, sizeof(buf))) > 0)
            if (icmp_echo_reply(buf, ip_len))
                (void)ppp_send_ip(isp, buf, ip_len);
        /* after the replies, so they leave now, not after the next poll */
        while ((n = ppp_output(isp, buf, sizeof(buf))) > 0)
            if (write(cs, buf, n) != (ssize_t)n)
                seen = -1;
        while (ppp_poll_event(isp, &ev)) {
            if (ev.type == PPP_EV_NETWORK_UP && seen >= 0)
                seen |= ISP_SESSION_UP;
            /* the client's Terminate-Request; the engine's own DOWN
             * comes after the restart timer, later than the bridge closes */
            if (ev.type == PPP_EV_PHASE && ev.phase == PPP_PHASE_TERMINATE && seen >= 0)
                seen |= ISP_SESSION_DOWN;
        }
        if (seen < 0)
            break;
        uint64_t now = clock_now_ms(), next = ppp_next_deadline(isp);
        int to = next == 0 ? 1000 : next <= now ? 0 : (int)(next - now);
        struct pollfd pf = { .fd = cs, .events = POLLIN };
        int r = poll(&pf, 1, to > 1000 ? 1000 : to);
        now = clock_now_ms();
        if (r > 0) {
            ssize_t got = read(cs, buf, sizeof(buf));
            if (got <= 0)
                break;
            ppp_input(isp, buf, (size_t)got, now);
        }
        next = ppp_next_deadline(isp);
        if (next && next <= now)
            ppp_timer(isp, now);
    }
    ppp_free(isp);
    return seen;
}

/* Serves cs and reports the session; the exit status for its process. */
static int
isp_report(int report, int cs, const struct isp_config *c)
{
    int seen = isp_session(cs, c);
    close(cs);
    uint8_t b = seen < 0 ? 0 : (uint8_t)seen;
    return write(report, &b, 1) == 1 && seen >= 0 ? 0 : 1;
}

/* Reaps the session processes of a concurrent ISP; nonzero if one failed. */
static int
isp_reap(bool wait_all)
{
    int st, failed = 0;
    pid_t pid;
    while ((pid = waitpid(-1, &st, wait_all ? 0 : WNOHANG)) > 0)
        failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
    return failed;
}

/* The child: serves connections on ls until ctl closes. Exits 0 if every
 * session could be served. */
static void __attribute__((noreturn))
isp_serve(int ls, int ctl, int report, const struct isp_config *c)
{
    int failed = 0;
    for (;;) {
        struct pollfd pf[2] = { { .fd = ls, .events = POLLIN }, { .fd = ctl, .events = POLLIN } };
        if (poll(pf, 2, 200) < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (c->concurrent)
            failed |= isp_reap(false);
        if (pf[1].revents)
            _exit(failed | (c->concurrent ? isp_reap(true) : 0));
        if (!(pf[0].revents & POLLIN))
            continue;
        int cs = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
        if (cs < 0)
            continue;
        if (!c->concurrent) {
            failed |= isp_report(report, cs, c);
            continue;
        }
        /* one process per call, so that many calls run at once */
        pid_t pid = fork();
        if (pid == 0)
            _exit(isp_report(report, cs, c));
        close(cs);
        failed |= pid < 0;
    }
}

bool
isp_start(struct isp *isp, const struct isp_config *cfg)
{
    int ctl[2] = { -1, -1 }, rep[2] = { -1, -1 };
    snprintf(isp->path, sizeof(isp->path), "%s/isp", th_tmpdir());
    snprintf(isp->bridge, sizeof(isp->bridge), "--bridge=unix:%s", isp->path);
    isp->pid = -1;
    isp->ctl = isp->report = -1;
    int ls = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", isp->path);
    if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(ls, 64) < 0 ||
        pipe2(ctl, O_CLOEXEC) < 0 || pipe2(rep, O_CLOEXEC) < 0)
        goto fail;
    isp->pid = fork();
    if (isp->pid == 0) {
        close(ctl[1]);
        close(rep[0]);
        isp_serve(ls, ctl[0], rep[1], cfg);
    }
    if (isp->pid < 0)
        goto fail;
    close(ls);
    close(ctl[0]);
    close(rep[1]);
    isp->ctl = ctl[1];
    isp->report = rep[0];
    return true;
fail:
    for (int i = 0; i < 2; i++) {
        if (ctl[i] >= 0)
            close(ctl[i]);
        if (rep[i] >= 0)
            close(rep[i]);
    }
    if (ls >= 0)
        close(ls);
    unlink(isp->path);
    return false;
}

int
isp_next_report(const struct isp *isp, int timeout_ms)
{
    struct pollfd pf = { .fd = isp->report, .events = POLLIN };
    uint8_t b;
    if (poll(&pf, 1, timeout_ms) != 1 || read(isp->report, &b, 1) != 1)
        return -1;
    return b;
}

bool
isp_stop(struct isp *isp)
{
    int st = -1;
    if (isp->ctl >= 0)
        close(isp->ctl);
    if (isp->pid > 0) {
        for (int i = 0; i < 300 && waitpid(isp->pid, &st, WNOHANG) == 0; i++)
            rmf_sleep_ms(10);
        if (st == -1) {
            kill(isp->pid, SIGKILL);
            waitpid(isp->pid, &st, 0);
        }
    }
    if (isp->report >= 0)
        close(isp->report);
    unlink(isp->path);
    isp->pid = -1;
    isp->ctl = isp->report = -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}
