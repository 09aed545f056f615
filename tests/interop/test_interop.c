/* Interop with real pppd (Debian's, on a real kernel in the peer VM):
 * our engine as the client against pppd demanding no authentication, PAP,
 * CHAP-MD5 and MS-CHAPv2, with the right and a wrong password; pppd as the
 * client against our engine in the server role; IPv6CP; LCP echo both
 * ways and a peer that stops answering; termination from either side.
 * Assertions are on what the engine reports and on pppd's own log. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "raserror.h"

#include "clock.h"
#include "harness.h"
#include "line.h"
#include "peer.h"

#define PEER_IP 0x0a000001u     /* 10.0.0.1, the profiles' pppd */
#define CLIENT_IP 0x0a000002u

static void
client_config(struct ppp_config *c, const char *password)
{
    memset(c, 0, sizeof(*c));
    c->role = PPP_CLIENT;
    c->user = "client";
    c->password = password;
    c->request_dns = true;
}

/* Nothing of ours that pppd had to refuse or could not parse. */
static void
check_clean_log(const struct peer *p)
{
    CHECK(!peer_log_has(p, "sent [LCP ProtRej"));
    CHECK(!peer_log_has(p, "sent [LCP CodeRej"));
    CHECK(!peer_log_has(p, "sent [LCP ConfRej"));
    CHECK(!peer_log_has(p, "sent [IPCP ConfRej"));
    CHECK(!peer_log_has(p, "bad "));
    CHECK(!peer_log_has(p, "malformed"));
}

/* pppd starts silent (peer-vm's default): it sends nothing before our
 * first LCP packet, so whatever the line holds when we connect is what the
 * previous session's pppd wrote before the reset killed it (its Failure,
 * Terminate-Request), queued in qemu until a client connected. Fed to the
 * new session's engine, a stale Terminate-Request ended it at once (one run
 * in three of t_server_role, after a wrong-password session): line_drain. */
static bool
connect_line(struct line *l, const struct peer *p, const struct ppp_config *cfg)
{
    struct ppp *ppp = ppp_new(cfg);
    if (!ppp)
        return false;
    int fd = line_connect_unix(p->sock);
    if (fd < 0) {
        ppp_free(ppp);
        return false;
    }
    line_drain(fd, 300);
    line_start(l, fd, ppp);
    return true;
}

static void
report_negotiation(const char *what, const struct line *l)
{
    printf("# negotiation %-22s %u frames sent, %u received, %llu ms to network up\n", what,
           l->frames_to_up_tx, l->frames_to_up_rx, (unsigned long long)l->network_up_ms);
}

struct client_case {
    const char *profile;
    uint32_t method;            /* what pppd demands */
    const char *ok_line, *bad_line;
};

static const struct client_case client_cases[] = {
    { "noauth", 0, NULL, NULL },
    { "pap", PPP_AUTH_PAP, "PAP peer authentication succeeded for client",
      "PAP peer authentication failed for client" },
    { "chap", PPP_AUTH_CHAP_MD5, "sent [CHAP Success", "failed CHAP authentication" },
    { "mschapv2", PPP_AUTH_MSCHAPV2, "sent [CHAP Success", "failed CHAP authentication" },
};

static struct peer peer;

static bool
boot(const char *profile, const char *options_file, const char *const *opts)
{
    if (!peer_boot(&peer, profile, options_file, opts)) {
        th_fail(__FILE__, __LINE__, "peer VM (%s) did not start", profile ? profile : "custom");
        peer_stop(&peer);
        return false;
    }
    return true;
}

static void
client_good(const struct client_case *cc)
{
    struct ppp_config cfg;
    struct ppp_projection pr;
    struct line l;
    client_config(&cfg, "secret");
    peer_log_mark(&peer);
    REQUIRE(connect_line(&l, &peer, &cfg));
    bool up = line_run(&l, 20000, line_is_up);
    CHECK(up);
    /* pppd reads LCP and the NCPs from different kernel queues, so an
     * IPCP Ack and a Terminate-Request sent right after it may reach it
     * in the other order: let it see IPCP up first, as a user would. */
    CHECK(peer_log_wait(&peer, "remote IP address 10.0.0.2", 1, 10000));
    if (!up) {
        printf("# engine down with %u\n", l.down_error);
        peer_log_dump(&peer, 40);
    }
    ppp_get_projection(l.ppp, &pr);
    CHECK_EQ(pr.local_ip, CLIENT_IP);
    CHECK_EQ(pr.peer_ip, PEER_IP);
    CHECK_EQ(pr.dns1, PEER_IP);
    if (cc->method == PPP_AUTH_PAP)
        CHECK_EQ(pr.auth_protocol, 0xc023);
    if (cc->method == PPP_AUTH_CHAP_MD5)
        CHECK(pr.auth_protocol == 0xc223 && pr.auth_data == 5);
    if (cc->method == PPP_AUTH_MSCHAPV2)
        CHECK(pr.auth_protocol == 0xc223 && pr.auth_data == 0x81);
    if (up)
        report_negotiation(cc->profile, &l);
    CHECK(line_close(&l, 10000));
    CHECK_EQ(l.down_error, 0);
    line_end(&l);
    if (cc->ok_line)
        CHECK(peer_log_wait(&peer, cc->ok_line, 1, 10000));
    bool logged = peer_log_wait(&peer, "LCP terminated by peer", 1, 10000);
    CHECK(logged);
    if (!logged || getenv("INTEROP_DUMP"))
        peer_log_dump(&peer, 80);
    check_clean_log(&peer);
}

static void
client_bad_password(const struct client_case *cc)
{
    struct ppp_config cfg;
    struct line l;
    client_config(&cfg, "not-the-secret");
    peer_log_mark(&peer);
    REQUIRE(connect_line(&l, &peer, &cfg));
    CHECK(!line_run(&l, 20000, line_is_up));
    CHECK(l.down);
    CHECK_EQ(l.down_error, ERROR_AUTHENTICATION_FAILURE);
    line_end(&l);
    CHECK(peer_log_wait(&peer, cc->bad_line, 1, 10000));
    CHECK(!peer_log_has(&peer, "remote IP address"));
}

static void
run_client_case(const struct client_case *cc)
{
    if (!boot(cc->profile, NULL, NULL))
        return;
    client_good(cc);
    if (cc->method) {
        CHECK(peer_reset(&peer));
        client_bad_password(cc);
    }
    peer_stop(&peer);
}

static void t_client_noauth(void) { run_client_case(&client_cases[0]); }
static void t_client_pap(void) { run_client_case(&client_cases[1]); }
static void t_client_chap(void) { run_client_case(&client_cases[2]); }
static void t_client_mschapv2(void) { run_client_case(&client_cases[3]); }

/* ---- client hints (RFC 1332 3.3, RFC 1877): the second dial asks for
 * what the first was given, and pppd Acks it at once; a stale hint is
 * Nak'd and the link comes up with pppd's address all the same ---- */

/* One CHAP session with these hints; its projection in *pr. */
static bool
hinted_session(uint32_t ip, uint32_t dns1, uint32_t dns2, struct ppp_projection *pr,
               unsigned *frames_tx)
{
    struct ppp_config cfg;
    struct line l;
    client_config(&cfg, "secret");
    cfg.hint_ip = ip;
    cfg.hint_dns1 = dns1;
    cfg.hint_dns2 = dns2;
    peer_log_mark(&peer);
    if (!connect_line(&l, &peer, &cfg))
        return false;
    bool up = line_run(&l, 20000, line_is_up);
    CHECK(up);
    CHECK(peer_log_wait(&peer, "remote IP address 10.0.0.2", 1, 10000));
    ppp_get_projection(l.ppp, pr);
    *frames_tx = l.frames_to_up_tx;
    if (up)
        report_negotiation(ip ? "chap, hinted" : "chap, no hints", &l);
    CHECK(line_close(&l, 10000));
    CHECK_EQ(l.down_error, 0);
    line_end(&l);
    CHECK(peer_log_wait(&peer, "LCP terminated by peer", 1, 10000));
    return up;
}

static void
t_client_hints(void)
{
    struct ppp_projection first, pr;
    unsigned tx_plain = 0, tx_hinted = 0, tx_stale = 0;
    if (!boot("chap", NULL, NULL))
        return;
    if (!hinted_session(0, 0, 0, &first, &tx_plain))
        goto out;
    CHECK(peer_log_has(&peer, "sent [IPCP ConfNak"));
    CHECK(peer_reset(&peer));
    /* what the first link was given, as rasmand remembers it */
    REQUIRE(hinted_session(first.local_ip, first.dns1, first.dns2, &pr, &tx_hinted));
    CHECK(peer_log_has(&peer, "rcvd [IPCP ConfReq id=0x1 <addr 10.0.0.2>"));
    CHECK(!peer_log_has(&peer, "sent [IPCP ConfNak"));
    CHECK(!peer_log_has(&peer, "sent [IPCP ConfRej"));
    CHECK_EQ(pr.local_ip, CLIENT_IP);
    CHECK_EQ(pr.dns1, PEER_IP);
    CHECK(tx_hinted < tx_plain);
    check_clean_log(&peer);
    CHECK(peer_reset(&peer));
    /* a stale hint: pppd Naks with the address it assigns, which we take */
    REQUIRE(hinted_session(0x0a000063u, 0x0a000064u, 0, &pr, &tx_stale));
    CHECK(peer_log_has(&peer, "rcvd [IPCP ConfReq id=0x1 <addr 10.0.0.99>"));
    CHECK(peer_log_has(&peer, "sent [IPCP ConfNak"));
    CHECK_EQ(pr.local_ip, CLIENT_IP);
    CHECK_EQ(pr.dns1, PEER_IP);
    CHECK(tx_stale <= tx_plain);
    printf("# frames sent until up: %u without hints, %u hinted, %u with a stale hint\n",
           tx_plain, tx_hinted, tx_stale);
out:
    peer_stop(&peer);
}

/* ---- pppd as the client, our engine as the server ---- */

static bool
secret_lookup(void *ctx, const char *user, char *secret, size_t cap)
{
    if (strcmp(user, "client") != 0)
        return false;
    snprintf(secret, cap, "%s", (const char *)ctx);
    return true;
}

static const char pppd_client_options[] =
    "115200\nlocal\nnocrtscts\nnoauth\ndebug\nuser client\nname client\n"
    "noipdefault\nusepeerdns\nnodefaultroute\nnoccp\nnoipv6\n";

static void
server_session(uint32_t method, const char *name, const char *secret, bool want_up)
{
    struct ppp_config cfg;
    struct line l;
    memset(&cfg, 0, sizeof(cfg));
    cfg.role = PPP_SERVER;
    cfg.auth_methods = method;
    cfg.secret_fn = secret_lookup;
    cfg.secret_ctx = (void *)secret;
    cfg.local_ip = PEER_IP;
    cfg.peer_ip = CLIENT_IP;
    cfg.dns1 = PEER_IP;
    peer_log_mark(&peer);
    REQUIRE(connect_line(&l, &peer, &cfg));
    bool up = line_run(&l, 20000, line_is_up);
    CHECK_EQ(up, want_up);
    if (up != want_up)
        peer_log_dump(&peer, 40);
    if (up) {
        /* see client_good: pppd must see IPCP up before the Terminate */
        CHECK(peer_log_wait(&peer, "local  IP address 10.0.0.2", 1, 10000));
        report_negotiation(name, &l);
        CHECK(line_close(&l, 10000));
        CHECK_EQ(l.down_error, 0);
    } else {
        CHECK_EQ(l.down_error, ERROR_AUTHENTICATION_FAILURE);
    }
    line_end(&l);
    if (want_up) {
        CHECK(peer_log_wait(&peer, "primary   DNS address 10.0.0.1", 1, 10000));
        /* one DNS server configured: DNS2 Nak'd with it, not rejected
         * (RFC 1877 1.3), so pppd has a secondary too (a Reject of VJ
         * compression it still gets: we do not implement it) */
        CHECK(peer_log_has(&peer, "secondary DNS address 10.0.0.1"));
        check_clean_log(&peer);
    } else {
        CHECK(peer_log_wait(&peer, "uthentication failed", 1, 10000));
    }
}

static void
t_server_role(void)
{
    char path[700];
    snprintf(path, sizeof(path), "%s/client.options", th_tmpdir());
    FILE *f = fopen(path, "w");
    REQUIRE(f != NULL);
    fputs(pppd_client_options, f);
    fclose(f);
    if (!boot(NULL, path, NULL))
        return;
    const struct { uint32_t m; const char *name; } methods[] = {
        { PPP_AUTH_PAP, "server PAP" }, { PPP_AUTH_CHAP_MD5, "server CHAP-MD5" },
        { PPP_AUTH_MSCHAPV2, "server MS-CHAPv2" },
    };
    for (size_t i = 0; i < 3; i++) {
        printf("# pppd client, %s\n", methods[i].name);
        server_session(methods[i].m, methods[i].name, "secret", true);
        CHECK(peer_reset(&peer));
        server_session(methods[i].m, methods[i].name, "other-secret", false);
        CHECK(peer_reset(&peer));
    }
    peer_stop(&peer);
}

/* ---- IPv6CP, echo, termination ---- */

static void
t_ipv6cp(void)
{
    const char *const opts[] = { "+ipv6", NULL };
    struct ppp_config cfg;
    struct ppp_projection pr;
    struct line l;
    if (!boot("noauth", NULL, opts))
        return;
    client_config(&cfg, "secret");
    cfg.ipv6 = true;
    REQUIRE(connect_line(&l, &peer, &cfg));
    CHECK(line_run(&l, 20000, line_is_up));
    CHECK(l.ipv6cp_up);
    ppp_get_projection(l.ppp, &pr);
    CHECK(pr.ipv6cp_up);
    CHECK(pr.local_ifid != 0 && pr.peer_ifid != 0 && pr.local_ifid != pr.peer_ifid);
    CHECK(line_close(&l, 10000));
    line_end(&l);
    CHECK(peer_log_wait(&peer, "local  LL address", 1, 10000));
    CHECK(peer_log_wait(&peer, "remote LL address", 1, 10000));
    check_clean_log(&peer);
    peer_stop(&peer);
}

/* pppd probes every second; we answer for 10 s and stay up. Then the VM
 * is killed: our own echoes go unanswered and the engine gives up within
 * its configured interval x failures. */
static void
t_lcp_echo(void)
{
    const char *const opts[] = { "lcp-echo-interval 1", "lcp-echo-failure 3", NULL };
    struct ppp_config cfg;
    struct line l;
    if (!boot("noauth", NULL, opts))
        return;
    client_config(&cfg, "secret");
    cfg.echo_interval_ms = 1000;
    cfg.echo_failures = 3;
    REQUIRE(connect_line(&l, &peer, &cfg));
    REQUIRE(line_run(&l, 20000, line_is_up));
    struct ppp_stats before, after;
    ppp_get_stats(l.ppp, &before);
    line_run(&l, 10000, line_never);
    CHECK(!l.down);
    ppp_get_stats(l.ppp, &after);
    /* pppd logs only the first echo, so count on our side: ~10 of its
     * requests and ~10 replies to ours in 10 s, and pppd never gave up */
    printf("# 10 s up: %llu frames received, %llu sent\n",
           (unsigned long long)(after.frames_rx - before.frames_rx),
           (unsigned long long)(after.frames_tx - before.frames_tx));
    CHECK(after.frames_rx - before.frames_rx >= 16);
    CHECK(after.frames_tx - before.frames_tx >= 16);
    CHECK(peer_log_wait(&peer, "rcvd [LCP EchoRep", 1, 10000));
    CHECK(!peer_log_has(&peer, "No response to"));
    if (getenv("INTEROP_DUMP"))
        peer_log_dump(&peer, 30);
    peer_stop(&peer);
    uint64_t t = clock_now_ms();
    l.deaf = true;
    CHECK(line_run(&l, 10000, line_is_down));
    uint64_t took = clock_now_ms() - t;
    printf("# dead peer detected after %llu ms (interval 1000 ms, 3 failures)\n",
           (unsigned long long)took);
    CHECK_EQ(l.down_error, ERROR_PPP_NO_RESPONSE);
    CHECK(took <= 5000);
    line_end(&l);
}

/* pppd ends the link itself (maxconnect): a Terminate-Request we ack. */
static void
t_peer_terminates(void)
{
    const char *const opts[] = { "maxconnect 2", NULL };
    struct ppp_config cfg;
    struct line l;
    if (!boot("noauth", NULL, opts))
        return;
    client_config(&cfg, "secret");
    REQUIRE(connect_line(&l, &peer, &cfg));
    REQUIRE(line_run(&l, 20000, line_is_up));
    CHECK(line_run(&l, 15000, line_is_down));
    CHECK_EQ(l.down_error, ERROR_PPP_REMOTE_TERMINATED);
    line_end(&l);
    CHECK(peer_log_wait(&peer, "sent [LCP TermReq", 1, 10000));
    CHECK(peer_log_wait(&peer, "rcvd [LCP TermAck", 1, 10000));
    check_clean_log(&peer);
    peer_stop(&peer);
}

static const struct {
    const char *name;
    void (*fn)(void);
} tests[] = {
    { "t_client_noauth", t_client_noauth }, { "t_client_pap", t_client_pap },
    { "t_client_chap", t_client_chap },     { "t_client_mschapv2", t_client_mschapv2 },
    { "t_server_role", t_server_role },     { "t_ipv6cp", t_ipv6cp },
    { "t_lcp_echo", t_lcp_echo },           { "t_peer_terminates", t_peer_terminates },
    { "t_client_hints", t_client_hints },
};

/* With an argument, only the tests whose name contains it (for debugging
 * one case without booting every VM). */
int
main(int argc, char **argv)
{
    int rc;
    if (!peer_ready(&rc))
        return rc;
    for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
        if (argc < 2 || strstr(tests[i].name, argv[1]))
            th_run(tests[i].name, tests[i].fn);
    return th_done();
}
