/* ras-pppoe-server: a TEST/DEMO PPPoE access concentrator, so PPPoE can be
 * tried between two network namespaces with no ISP. It answers PADI and
 * PADR on one interface (RFC 2516), runs our PPP engine in the server role
 * for each session, and gives each its own tun. Not a production
 * concentrator: fixed addresses, one user, no accounting, no limits beyond
 * its session table. Test switches make it misbehave on purpose. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "net/net.h"
#include "port/pppoe_codec.h"
#include "port/pppoe_sock.h"
#include "ppp/ppp.h"

#define SRV_SESSIONS 64
#define SRV_RECV_PER_WAKE 64
#define SRV_COOKIE_LEN 16

enum pads_fault { FAULT_NONE, FAULT_SERVICE, FAULT_SYSTEM, FAULT_GENERIC };

struct srv_opts {
    const char *ifname, *ac_name, *service, *user, *password;
    uint32_t local_ip, first_ip;
    uint32_t auth;
    enum pads_fault pads_fault;
    uint32_t padt_after_ms, silent_after_ms, echo_ms;
    bool max_payload;             /* honour RFC 4638's PPP-Max-Payload */
    bool quiet;
};

struct srv;

struct session {
    struct srv *srv;
    bool used, closing, up;
    uint16_t id;
    uint8_t mac[PPPOE_MAC_LEN];
    uint16_t mru;
    struct ppp *ppp;
    struct net_link *net;
    struct loop_timer timer, fault_timer;
    bool silent;
};

struct srv {
    struct srv_opts o;
    struct loop *loop;
    struct pppoe_if ifc;
    int disc_fd, ses_fd;
    struct loop_io disc_io, ses_io;
    uint8_t cookie_key[SRV_COOKIE_LEN];
    struct pppoe_batch tx, rx;    /* session packets, several per system call */
    struct session s[SRV_SESSIONS];
};

static void say(const struct srv *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(const struct srv *v, const char *fmt, ...)
{
    va_list ap;
    if (v->o.quiet)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static bool
srv_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    const struct srv *v = ctx;
    if (strcmp(user, v->o.user) != 0 || strlen(v->o.password) >= cap)
        return false;
    memcpy(secret, v->o.password, strlen(v->o.password) + 1);
    return true;
}

/* ---- one session ------------------------------------------------------- */

static void
send_session_frame(struct session *s, const uint8_t *f, size_t n)
{
    struct srv *v = s->srv;
    if (n > PPPOE_SLOT - PPPOE_HDR_LEN)
        return;
    uint8_t *slot = pppoe_batch_slot(&v->tx);
    if (!slot) {
        pppoe_batch_flush(&v->tx, v->ses_fd);
        slot = pppoe_batch_slot(&v->tx);
    }
    pppoe_session_header(slot, s->id, (uint16_t)n);
    memcpy(slot + PPPOE_HDR_LEN, f, n);
    pppoe_batch_queue(&v->tx, v->ifc.ifindex, PPPOE_ETH_SESSION, s->mac, PPPOE_HDR_LEN + n);
}

static void
send_padt(struct session *s, const char *why)
{
    uint8_t buf[128];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADT, s->id);
    if (why)
        pppoe_build_tag(&b, PPPOE_TAG_GENERIC_ERROR, why, strlen(why));
    size_t n = pppoe_build_end(&b);
    if (n)
        pppoe_sock_send(s->srv->disc_fd, s->srv->ifc.ifindex, PPPOE_ETH_DISCOVERY, s->mac, buf,
                        n);
}

/* Marks the session for the end of the pass (never freed from inside one
 * of its own callbacks). */
static void
session_end(struct session *s, bool padt, const char *why)
{
    if (s->closing)
        return;
    s->closing = true;
    if (padt)
        send_padt(s, NULL);
    say(s->srv, "session %#06x down: %s", s->id, why);
}

static void
session_free(struct session *s)
{
    net_link_free(s->net);
    ppp_free(s->ppp);
    loop_timer_cancel(s->srv->loop, &s->timer);
    loop_timer_cancel(s->srv->loop, &s->fault_timer);
    struct srv *v = s->srv;
    memset(s, 0, sizeof(*s));
    s->srv = v;
}

static void session_pump(struct session *s);

static void
net_flush(void *ctx)
{
    session_pump(ctx);
}

static void
network_up(struct session *s)
{
    struct ppp_projection pr;
    ppp_get_projection(s->ppp, &pr);
    uint32_t rc = net_link_new(s->srv->loop, s->ppp, &pr, 0, net_flush, s, &s->net);
    if (rc) {
        say(s->srv, "session %#06x: no tun (error %u)", s->id, rc);
        ppp_close(s->ppp, loop_now(s->srv->loop));
        return;
    }
    s->up = true;
    struct in_addr a = { htonl(pr.peer_ip) }, b = { htonl(pr.local_ip) };
    char peer[INET_ADDRSTRLEN], local[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &a, peer, sizeof(peer));
    inet_ntop(AF_INET, &b, local, sizeof(local));
    say(s->srv, "session %#06x up: client %s, us %s, MTU %u, on %s", s->id, peer, local,
        pr.peer_mru, net_link_ifname(s->net));
    if (s->srv->o.padt_after_ms || s->srv->o.silent_after_ms)
        loop_timer_set(s->srv->loop, &s->fault_timer, loop_now(s->srv->loop) +
                       (s->srv->o.padt_after_ms ? s->srv->o.padt_after_ms
                                                : s->srv->o.silent_after_ms));
}

static void
session_pump(struct session *s)
{
    uint8_t f[PPP_PACKET_MAX];
    size_t n;
    struct ppp_event ev;
    if (s->closing)
        return;
    while ((n = ppp_output(s->ppp, f, sizeof(f))) > 0)
        if (!s->silent)
            send_session_frame(s, f, n);
    pppoe_batch_flush(&s->srv->tx, s->srv->ses_fd);
    while (ppp_poll_event(s->ppp, &ev)) {
        if (ev.type == PPP_EV_NETWORK_UP && !s->up)
            network_up(s);
        else if (ev.type == PPP_EV_DOWN) {
            /* 719 ERROR_PPP_REMOTE_TERMINATED: the client's Terminate-Request,
             * the usual end, not a failure */
            session_end(s, true, !ev.error ? "PPP closed"
                                 : ev.error == 719 ? "the client ended PPP" : "PPP failed");
            return;
        }
    }
    if (s->net)
        net_link_pump(s->net);
    loop_timer_set(s->srv->loop, &s->timer, ppp_next_deadline(s->ppp));
}

static void
session_timer(void *ctx, uint64_t now)
{
    struct session *s = ctx;
    ppp_timer(s->ppp, now);
    session_pump(s);
}

/* Test switches: end the session with a PADT, or go silent. */
static void
fault_timer(void *ctx, uint64_t now)
{
    struct session *s = ctx;
    (void)now;
    if (s->srv->o.padt_after_ms) {
        send_padt(s, "test: ended by the concentrator");
        session_end(s, false, "PADT sent (test)");
    } else {
        s->silent = true;
        say(s->srv, "session %#06x: silent from now on (test)", s->id);
    }
}

static struct session *
session_new(struct srv *v, const uint8_t *mac, uint16_t mru)
{
    for (unsigned i = 0; i < SRV_SESSIONS; i++) {
        struct session *s = &v->s[i];
        if (s->used)
            continue;
        struct ppp_config c;
        memset(&c, 0, sizeof(c));
        c.role = PPP_SERVER;
        c.packet_framing = true;
        c.mru = mru;
        c.auth_methods = v->o.auth;
        c.secret_fn = srv_secret;
        c.secret_ctx = v;
        c.hostname = v->o.ac_name;
        c.local_ip = v->o.local_ip;
        c.peer_ip = v->o.first_ip + i;
        c.dns1 = v->o.local_ip;
        c.echo_interval_ms = v->o.echo_ms;
        s->ppp = ppp_new(&c);
        if (!s->ppp)
            return NULL;
        s->used = true;
        s->id = (uint16_t)(i + 1);
        s->mru = mru;
        memcpy(s->mac, mac, PPPOE_MAC_LEN);
        loop_timer_init(&s->timer, session_timer, s);
        loop_timer_init(&s->fault_timer, fault_timer, s);
        return s;
    }
    return NULL;
}

static struct session *
session_find(struct srv *v, uint16_t id, const uint8_t *mac)
{
    if (id == 0 || id > SRV_SESSIONS)
        return NULL;
    struct session *s = &v->s[id - 1];
    return s->used && !s->closing && memcmp(s->mac, mac, PPPOE_MAC_LEN) == 0 ? s : NULL;
}

/* ---- discovery --------------------------------------------------------- */

/* The AC-Cookie (RFC 2516 5.2): binds a PADR to the PADO's client. Not
 * cryptographic; a test tool only needs to see it echoed. */
static void
make_cookie(const struct srv *v, const uint8_t *mac, uint8_t *out)
{
    for (int i = 0; i < SRV_COOKIE_LEN; i++)
        out[i] = (uint8_t)(v->cookie_key[i] ^ mac[i % PPPOE_MAC_LEN] ^ (i * 37));
}

static bool
service_ok(const struct srv *v, const struct pppoe_disc *d)
{
    if (!d->service.p)
        return false;
    if (!v->o.service || d->service.len == 0)
        return true;
    return d->service.len == strlen(v->o.service) &&
           memcmp(d->service.p, v->o.service, d->service.len) == 0;
}

/* RFC 4638: the payload both ends can carry, if the client asked. */
static uint16_t
session_mru(const struct srv *v, const struct pppoe_disc *d)
{
    if (!v->o.max_payload || !d->has_max_payload || d->max_payload <= PPPOE_DEFAULT_MRU)
        return PPPOE_DEFAULT_MRU;
    uint32_t cap = v->ifc.mtu - PPPOE_HDR_LEN - 2;
    return (uint16_t)(d->max_payload < cap ? d->max_payload : cap);
}

static void
echo_tags(struct pppoe_builder *b, const struct pppoe_disc *d)
{
    if (d->service.p)
        pppoe_build_tag(b, PPPOE_TAG_SERVICE_NAME, d->service.p, d->service.len);
    if (d->host_uniq.p)
        pppoe_build_tag(b, PPPOE_TAG_HOST_UNIQ, d->host_uniq.p, d->host_uniq.len);
    if (d->relay.p)
        pppoe_build_tag(b, PPPOE_TAG_RELAY_SESSION_ID, d->relay.p, d->relay.len);
}

static void
answer_padi(struct srv *v, const struct pppoe_disc *d, const uint8_t *src)
{
    uint8_t buf[PPPOE_DISC_MAX], cookie[SRV_COOKIE_LEN];
    struct pppoe_builder b;
    if (!service_ok(v, d))
        return;                   /* RFC 2516 5.2: offer only what we serve */
    make_cookie(v, src, cookie);
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADO, 0);
    pppoe_build_tag(&b, PPPOE_TAG_AC_NAME, v->o.ac_name, strlen(v->o.ac_name));
    echo_tags(&b, d);
    pppoe_build_tag(&b, PPPOE_TAG_AC_COOKIE, cookie, sizeof(cookie));
    if (session_mru(v, d) > PPPOE_DEFAULT_MRU)
        pppoe_build_tag16(&b, PPPOE_TAG_PPP_MAX_PAYLOAD, session_mru(v, d));
    size_t n = pppoe_build_end(&b);
    if (n)
        pppoe_sock_send(v->disc_fd, v->ifc.ifindex, PPPOE_ETH_DISCOVERY, src, buf, n);
}

static void
refuse_padr(struct srv *v, const struct pppoe_disc *d, const uint8_t *src, uint16_t tag,
            const char *why)
{
    uint8_t buf[PPPOE_DISC_MAX];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADS, 0);
    echo_tags(&b, d);
    pppoe_build_tag(&b, tag, why, strlen(why));
    size_t n = pppoe_build_end(&b);
    if (n)
        pppoe_sock_send(v->disc_fd, v->ifc.ifindex, PPPOE_ETH_DISCOVERY, src, buf, n);
    say(v, "PADR refused: %s", why);
}

static void
answer_padr(struct srv *v, const struct pppoe_disc *d, const uint8_t *src)
{
    uint8_t cookie[SRV_COOKIE_LEN], buf[PPPOE_DISC_MAX];
    make_cookie(v, src, cookie);
    if (!d->cookie.p || d->cookie.len != sizeof(cookie) ||
        memcmp(d->cookie.p, cookie, sizeof(cookie)) != 0)
        return;                   /* no PADO of ours behind it */
    static const struct { enum pads_fault f; uint16_t tag; const char *why; } faults[] = {
        { FAULT_SERVICE, PPPOE_TAG_SERVICE_NAME_ERROR, "test: service not offered" },
        { FAULT_SYSTEM, PPPOE_TAG_AC_SYSTEM_ERROR, "test: out of resources" },
        { FAULT_GENERIC, PPPOE_TAG_GENERIC_ERROR, "test: generic refusal" },
    };
    for (size_t i = 0; i < 3; i++)
        if (v->o.pads_fault == faults[i].f) {
            refuse_padr(v, d, src, faults[i].tag, faults[i].why);
            return;
        }
    if (!service_ok(v, d)) {
        refuse_padr(v, d, src, PPPOE_TAG_SERVICE_NAME_ERROR, "service not offered");
        return;
    }
    struct session *s = session_new(v, src, session_mru(v, d));
    if (!s) {
        refuse_padr(v, d, src, PPPOE_TAG_AC_SYSTEM_ERROR, "no free session");
        return;
    }
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADS, s->id);
    echo_tags(&b, d);
    if (s->mru > PPPOE_DEFAULT_MRU)
        pppoe_build_tag16(&b, PPPOE_TAG_PPP_MAX_PAYLOAD, s->mru);
    size_t n = pppoe_build_end(&b);
    if (n)
        pppoe_sock_send(v->disc_fd, v->ifc.ifindex, PPPOE_ETH_DISCOVERY, src, buf, n);
    say(v, "session %#06x for %02x:%02x:%02x:%02x:%02x:%02x, AC \"%s\", MRU %u", s->id,
        src[0], src[1], src[2], src[3], src[4], src[5], v->o.ac_name, s->mru);
    ppp_start(s->ppp, loop_now(v->loop));
    session_pump(s);
}

static void
disc_readable(void *ctx, uint32_t events)
{
    struct srv *v = ctx;
    uint8_t buf[PPPOE_DISC_MAX + 64], src[PPPOE_MAC_LEN];
    (void)events;
    for (int i = 0; i < SRV_RECV_PER_WAKE; i++) {
        ssize_t r = pppoe_sock_recv(v->disc_fd, buf, sizeof(buf), src);
        if (r <= 0)
            return;
        struct pppoe_disc d;
        if (pppoe_disc_parse(buf, (size_t)r, &d) != PPPOE_OK || !pppoe_mac_unicast(src))
            continue;
        if (d.code == PPPOE_CODE_PADI)
            answer_padi(v, &d, src);
        else if (d.code == PPPOE_CODE_PADR)
            answer_padr(v, &d, src);
        else if (d.code == PPPOE_CODE_PADT) {
            struct session *s = session_find(v, d.session, src);
            if (s)
                session_end(s, false, "PADT received");
        }
    }
}

static void
ses_readable(void *ctx, uint32_t events)
{
    struct srv *v = ctx;
    (void)events;
    for (int round = 0; round < SRV_RECV_PER_WAKE / PPPOE_BATCH; round++) {
        unsigned n = pppoe_batch_recv(&v->rx, v->ses_fd);
        for (unsigned i = 0; i < n; i++) {
            uint16_t sid;
            const uint8_t *f;
            size_t fl;
            if (!pppoe_session_parse(v->rx.buf[i], v->rx.msg[i].msg_len, &sid, &f, &fl))
                continue;
            struct session *s = session_find(v, sid, v->rx.addr[i].sll_addr);
            if (!s || s->silent)
                continue;
            ppp_input(s->ppp, f, fl, loop_now(v->loop));
            session_pump(s);
        }
        if (n < PPPOE_BATCH)
            break;
    }
}

static void
pass_end(void *ctx)
{
    struct srv *v = ctx;
    for (unsigned i = 0; i < SRV_SESSIONS; i++)
        if (v->s[i].used && v->s[i].closing)
            session_free(&v->s[i]);
}

/* ---- start-up ---------------------------------------------------------- */

static void
usage(FILE *f)
{
    fprintf(f,
        "usage: ras-pppoe-server -i IFACE [options]   (a TEST/DEMO concentrator)\n"
        "  -i, --interface IF     the Ethernet interface to serve\n"
        "  -a, --ac-name NAME     our AC-Name (default \"openras-test-ac\")\n"
        "  -s, --service NAME     offer only this service (default: any)\n"
        "  -L, --local IP         our address, also the DNS server (10.67.0.1)\n"
        "  -R, --first IP         the first client's address (10.67.0.10)\n"
        "  -u, --user U -p, --password P   the one account (demo / demo)\n"
        "      --auth LIST        pap,chap,mschapv2 or none (default all three)\n"
        "      --max-payload      honour RFC 4638 PPP-Max-Payload\n"
        "      --echo-ms N        LCP echo interval (default 30000)\n"
        "  test switches:\n"
        "      --pads-error=service|system|generic   refuse every PADR so\n"
        "      --padt-after MS    end each session with a PADT MS after it is up\n"
        "      --silent-after MS  stop answering MS after a session is up\n"
        "  -q, --quiet\n");
}

static bool
parse_ip(const char *s, uint32_t *out)
{
    struct in_addr a;
    if (inet_pton(AF_INET, s, &a) != 1)
        return false;
    *out = ntohl(a.s_addr);
    return true;
}

static bool
parse_auth(const char *s, uint32_t *out)
{
    *out = 0;
    if (strcmp(s, "none") == 0)
        return true;
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", s);
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (strcmp(t, "pap") == 0)
            *out |= PPP_AUTH_PAP;
        else if (strcmp(t, "chap") == 0)
            *out |= PPP_AUTH_CHAP_MD5;
        else if (strcmp(t, "mschapv2") == 0)
            *out |= PPP_AUTH_MSCHAPV2;
        else
            return false;
    }
    return true;
}

static bool
parse_args(int argc, char **argv, struct srv_opts *o)
{
    static const struct option longs[] = {
        { "interface", required_argument, NULL, 'i' }, { "ac-name", required_argument, NULL, 'a' },
        { "service", required_argument, NULL, 's' }, { "local", required_argument, NULL, 'L' },
        { "first", required_argument, NULL, 'R' }, { "user", required_argument, NULL, 'u' },
        { "password", required_argument, NULL, 'p' }, { "auth", required_argument, NULL, 1 },
        { "max-payload", no_argument, NULL, 2 }, { "echo-ms", required_argument, NULL, 3 },
        { "pads-error", required_argument, NULL, 4 }, { "padt-after", required_argument, NULL, 5 },
        { "silent-after", required_argument, NULL, 6 }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "i:a:s:L:R:u:p:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'i': o->ifname = optarg; break;
        case 'a': o->ac_name = optarg; break;
        case 's': o->service = optarg; break;
        case 'L': if (!parse_ip(optarg, &o->local_ip)) return false; break;
        case 'R': if (!parse_ip(optarg, &o->first_ip)) return false; break;
        case 'u': o->user = optarg; break;
        case 'p': o->password = optarg; break;
        case 1: if (!parse_auth(optarg, &o->auth)) return false; break;
        case 2: o->max_payload = true; break;
        case 3: o->echo_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 4:
            o->pads_fault = strcmp(optarg, "service") == 0 ? FAULT_SERVICE
                          : strcmp(optarg, "system") == 0 ? FAULT_SYSTEM
                          : strcmp(optarg, "generic") == 0 ? FAULT_GENERIC : FAULT_NONE;
            if (o->pads_fault == FAULT_NONE)
                return false;
            break;
        case 5: o->padt_after_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 6: o->silent_after_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'q': o->quiet = true; break;
        case 'h': usage(stdout); exit(0);
        default: return false;
        }
    }
    return o->ifname && optind == argc;
}

static uint32_t
srv_open(struct srv *v)
{
    const char *why = "";
    uint32_t rc = pppoe_if_lookup(v->o.ifname, &v->ifc, &why);
    if (rc) {
        fprintf(stderr, "ras-pppoe-server: %s: %s\n", v->o.ifname, why);
        return rc;
    }
    if ((rc = pppoe_sock_open(v->ifc.ifindex, PPPOE_ETH_DISCOVERY, &v->disc_fd)) != 0 ||
        (rc = pppoe_sock_open(v->ifc.ifindex, PPPOE_ETH_SESSION, &v->ses_fd)) != 0) {
        fprintf(stderr, "ras-pppoe-server: %s: no packet socket (error %u; CAP_NET_RAW?)\n",
                v->o.ifname, rc);
        return rc;
    }
    if (loop_io_add(v->loop, &v->disc_io, v->disc_fd, EPOLLIN, disc_readable, v) != 0 ||
        loop_io_add(v->loop, &v->ses_io, v->ses_fd, EPOLLIN, ses_readable, v) != 0)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (int i = 0; i < SRV_COOKIE_LEN; i++)
        v->cookie_key[i] = (uint8_t)(rand() ^ getpid());
    return 0;
}

int
main(int argc, char **argv)
{
    static struct srv v;
    v.o = (struct srv_opts){ .ac_name = "openras-test-ac", .user = "demo", .password = "demo",
                             .local_ip = 0x0a430001, .first_ip = 0x0a43000a,
                             .auth = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAPV2 };
    v.disc_fd = v.ses_fd = -1;
    if (!parse_args(argc, argv, &v.o)) {
        usage(stderr);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (unsigned i = 0; i < SRV_SESSIONS; i++)
        v.s[i].srv = &v;
    int rc = 1;
    static const int sigs[] = { SIGTERM, SIGINT };
    if (loop_new(&v.loop) != 0 || srv_open(&v) != 0 ||
        loop_watch_signals(v.loop, sigs, 2, NULL, NULL) != 0)
        goto out;
    loop_set_pass_end(v.loop, pass_end, &v);
    say(&v, "ready on %s: AC \"%s\", service %s%s%s (a TEST concentrator)", v.ifc.name,
        v.o.ac_name, v.o.service ? "\"" : "", v.o.service ? v.o.service : "any",
        v.o.service ? "\"" : "");
    rc = loop_run(v.loop) == 0 ? 0 : 1;
    for (unsigned i = 0; i < SRV_SESSIONS; i++)
        if (v.s[i].used && !v.s[i].closing) {
            send_padt(&v.s[i], "concentrator stopped");
            session_end(&v.s[i], false, "concentrator stopped");
        }
out:
    for (unsigned i = 0; i < SRV_SESSIONS; i++)
        if (v.s[i].used)
            session_free(&v.s[i]);
    if (v.disc_fd >= 0) {
        loop_io_del(v.loop, &v.disc_io);
        close(v.disc_fd);
    }
    if (v.ses_fd >= 0) {
        loop_io_del(v.loop, &v.ses_io);
        close(v.ses_fd);
    }
    loop_free(v.loop);
    return rc;
}
