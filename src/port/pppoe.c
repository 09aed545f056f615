/* The PPPoE port (RFC 2516): the Discovery stage (PADI, PADO, PADR, PADS,
 * PADT) on an AF_PACKET socket bound to the entry's interface, then the
 * Session stage carrying whole PPP frames to and from the engine, which
 * runs in packet framing (no HDLC). All in rasmand's loop: sockets are
 * non-blocking, retries are timers with backoff, the whole discovery has a
 * deadline. Errors are Windows' for PPPoE: no offer 815, no usable
 * interface 814; each logged with the interface's name. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "port/port.h"
#include "port/pppoe_codec.h"
#include "port/pppoe_sock.h"
#include "ppp/ppp.h"

/* RFC 2516 5: resend PADI (and PADR) doubling the wait; give up after
 * PPPOE_DISCOVERY_MS in all. */
#define PPPOE_FIRST_WAIT_MS  500
#define PPPOE_DISCOVERY_MS   5000
#define PPPOE_PADR_TRIES     4
#define PPPOE_RECV_PER_WAKE  64        /* packets read per wake-up, a ceiling */
#define PPPOE_NAME_MAX       256       /* service and AC names we keep */
#define PPPOE_HOST_UNIQ_LEN  8

void (*pppoe_log)(int level, const char *fmt, ...);

static const uint8_t broadcast[PPPOE_MAC_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

enum pppoe_state { PS_IDLE, PS_PADI, PS_PADR, PS_SESSION, PS_DOWN };

struct pppoe_port {
    struct port base;
    struct loop *loop;
    struct port_cb cb;
    struct pppoe_if ifc;
    char service[PPPOE_NAME_MAX];
    char ac_want[PPPOE_NAME_MAX];  /* "" = the first offer */
    char ac_name[PPPOE_NAME_MAX];  /* the concentrator we chose */
    enum pppoe_state state;
    int disc_fd, ses_fd;
    struct loop_io disc_io, ses_io;
    struct loop_timer timer;
    uint64_t give_up_at;
    uint32_t wait_ms;
    unsigned padr_tries;
    uint8_t host_uniq[PPPOE_HOST_UNIQ_LEN];
    uint8_t peer[PPPOE_MAC_LEN];
    uint16_t session;
    uint16_t mru;                  /* 1492, or what RFC 4638 allowed */
    bool ask_max_payload;          /* the interface carries baby jumbo frames */
    uint8_t padr[PPPOE_DISC_MAX];  /* kept for resending */
    size_t padr_len;
    uint32_t malformed, ignored;   /* discovery packets refused, not ours */
    struct pppoe_batch tx, rx;     /* session packets, several per system call */
};

static void plog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
plog(int level, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (!pppoe_log)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    pppoe_log(level, "%s", line);
}

static bool
pppoe_match(const char *device_type, const char *device_name)
{
    (void)device_name;
    return strcasecmp(device_type, "PPPoE") == 0;
}

/* The phone number is the service name (Windows keeps it there). An AC
 * name the entry asks for comes first, before a backslash ("AC\\service",
 * how libras passes the entry's PppoeAcName; dial_resolve.c). Copies are
 * bounded; longer names are cut. */
static void
split_phone(struct pppoe_port *p, const char *phone)
{
    const char *bs = strchr(phone, '\\');
    const char *svc = bs ? bs + 1 : phone;
    if (bs) {
        size_t n = (size_t)(bs - phone);
        if (n >= sizeof(p->ac_want))
            n = sizeof(p->ac_want) - 1;
        memcpy(p->ac_want, phone, n);
        p->ac_want[n] = '\0';
    }
    snprintf(p->service, sizeof(p->service), "%s", svc);
}

static void
go_down(struct pppoe_port *p, uint32_t err)
{
    if (p->state == PS_DOWN)
        return;
    p->state = PS_DOWN;
    loop_timer_cancel(p->loop, &p->timer);
    p->cb.down(p->cb.ctx, err);
}

static int
send_disc(struct pppoe_port *p, const uint8_t *dst, const uint8_t *pkt, size_t n)
{
    return pppoe_sock_send(p->disc_fd, p->ifc.ifindex, PPPOE_ETH_DISCOVERY, dst, pkt, n);
}

static size_t
build_padi(struct pppoe_port *p, uint8_t *buf, size_t cap)
{
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, cap, PPPOE_CODE_PADI, 0);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, p->service, strlen(p->service));
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, p->host_uniq, sizeof(p->host_uniq));
    if (p->ask_max_payload)
        pppoe_build_tag16(&b, PPPOE_TAG_PPP_MAX_PAYLOAD, p->mru);
    return pppoe_build_end(&b);
}

static void
send_padi(struct pppoe_port *p)
{
    uint8_t buf[PPPOE_PADI_MAX];
    size_t n = build_padi(p, buf, sizeof(buf));
    if (n && send_disc(p, broadcast, buf, n) != 0)
        plog(1, "pppoe %s: PADI not sent", p->ifc.name);
}

static void
arm_retry(struct pppoe_port *p)
{
    uint64_t now = loop_now(p->loop);
    uint64_t at = now + p->wait_ms;
    loop_timer_set(p->loop, &p->timer, at < p->give_up_at ? at : p->give_up_at);
    p->wait_ms *= 2;
}

static void
timer_fired(void *ctx, uint64_t now)
{
    struct pppoe_port *p = ctx;
    if (p->state != PS_PADI && p->state != PS_PADR)
        return;
    if (now >= p->give_up_at || (p->state == PS_PADR && p->padr_tries >= PPPOE_PADR_TRIES)) {
        plog(0, "pppoe %s: %s", p->ifc.name, p->state == PS_PADI
             ? "no access concentrator answered (no PADO)"
             : "the access concentrator did not confirm the session (no PADS)");
        go_down(p, ERROR_BROADBAND_TIMEOUT);
        return;
    }
    if (p->state == PS_PADI) {
        send_padi(p);
    } else {
        p->padr_tries++;
        send_disc(p, p->peer, p->padr, p->padr_len);
    }
    arm_retry(p);
}

static bool
value_is(const struct pppoe_value *v, const void *want, size_t n)
{
    return v->p && v->len == n && memcmp(v->p, want, n) == 0;
}

/* RFC 2516 5.3: PADR echoes the PADO's AC-Cookie and Relay-Session-Id. */
static bool
build_padr(struct pppoe_port *p, const struct pppoe_disc *o)
{
    struct pppoe_builder b;
    pppoe_build_start(&b, p->padr, sizeof(p->padr), PPPOE_CODE_PADR, 0);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, p->service, strlen(p->service));
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, p->host_uniq, sizeof(p->host_uniq));
    if (o->cookie.p)
        pppoe_build_tag(&b, PPPOE_TAG_AC_COOKIE, o->cookie.p, o->cookie.len);
    if (o->relay.p)
        pppoe_build_tag(&b, PPPOE_TAG_RELAY_SESSION_ID, o->relay.p, o->relay.len);
    if (p->ask_max_payload)
        pppoe_build_tag16(&b, PPPOE_TAG_PPP_MAX_PAYLOAD, p->mru);
    p->padr_len = pppoe_build_end(&b);
    return p->padr_len != 0;
}

static void
take_offer(struct pppoe_port *p, const struct pppoe_disc *o, const uint8_t *src)
{
    /* RFC 2516 5.2: a PADO names its AC and offers a service */
    if (!o->ac_name.p || !o->n_service) {
        p->malformed++;
        return;
    }
    if (p->ac_want[0] && !value_is(&o->ac_name, p->ac_want, strlen(p->ac_want))) {
        p->ignored++;
        return;
    }
    size_t n = o->ac_name.len < sizeof(p->ac_name) - 1 ? o->ac_name.len : sizeof(p->ac_name) - 1;
    memcpy(p->ac_name, o->ac_name.p, n);
    p->ac_name[n] = '\0';
    memcpy(p->peer, src, PPPOE_MAC_LEN);
    if (!build_padr(p, o)) {
        p->malformed++;
        return;
    }
    plog(1, "pppoe %s: offer from \"%.*s\" (%02x:%02x:%02x:%02x:%02x:%02x)", p->ifc.name,
         (int)n, p->ac_name, src[0], src[1], src[2], src[3], src[4], src[5]);
    p->state = PS_PADR;
    p->padr_tries = 1;
    p->wait_ms = PPPOE_FIRST_WAIT_MS;
    send_disc(p, p->peer, p->padr, p->padr_len);
    arm_retry(p);
}

/* What a PADS refusal means to the dialer (RFC 2516 A's error tags). */
static uint32_t
pads_error(uint16_t tag)
{
    switch (tag) {
    case PPPOE_TAG_SERVICE_NAME_ERROR: return ERROR_SERVER_POLICY;
    case PPPOE_TAG_AC_SYSTEM_ERROR: return ERROR_SERVER_OUT_OF_RESOURCES;
    default: return ERROR_FROM_DEVICE;
    }
}

static const char *
error_tag_name(uint16_t tag)
{
    switch (tag) {
    case PPPOE_TAG_SERVICE_NAME_ERROR: return "Service-Name-Error";
    case PPPOE_TAG_AC_SYSTEM_ERROR: return "AC-System-Error";
    case PPPOE_TAG_GENERIC_ERROR: return "Generic-Error";
    default: return "no session id";
    }
}

/* Clean text of an error tag for the log: printable ASCII only. */
static void
tag_text(const struct pppoe_value *v, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; v->p && i < v->len && n + 1 < cap; i++)
        out[n++] = v->p[i] >= ' ' && v->p[i] < 0x7f ? (char)v->p[i] : '?';
    out[n] = '\0';
}

static void
take_confirm(struct pppoe_port *p, const struct pppoe_disc *s)
{
    if (s->error_tag || s->session == 0) {
        char text[128];
        tag_text(&s->error, text, sizeof(text));
        plog(0, "pppoe %s: access concentrator \"%s\" refused the session: %s%s%s",
             p->ifc.name, p->ac_name, error_tag_name(s->error_tag), text[0] ? ": " : "", text);
        go_down(p, pads_error(s->error_tag));
        return;
    }
    p->session = s->session;
    /* RFC 4638 5: a larger MRU only when the AC echoed PPP-Max-Payload */
    if (p->ask_max_payload && s->has_max_payload && s->max_payload < p->mru)
        p->mru = s->max_payload >= PPPOE_DEFAULT_MRU ? s->max_payload : PPPOE_DEFAULT_MRU;
    else if (p->ask_max_payload && !s->has_max_payload)
        p->mru = PPPOE_DEFAULT_MRU;
    p->state = PS_SESSION;
    loop_timer_cancel(p->loop, &p->timer);
    plog(1, "pppoe %s: session %#06x with \"%s\", MRU %u", p->ifc.name, p->session, p->ac_name,
         p->mru);
    p->cb.connected(p->cb.ctx, 0);
}

static void
take_terminate(struct pppoe_port *p, const struct pppoe_disc *t)
{
    char text[128];
    tag_text(&t->error, text, sizeof(text));
    plog(0, "pppoe %s: access concentrator \"%s\" ended session %#06x (PADT)%s%s", p->ifc.name,
         p->ac_name, p->session, text[0] ? ": " : "", text);
    p->session = 0;                /* gone: no PADT back */
    go_down(p, ERROR_REMOTE_DISCONNECTION);
}

static void
disc_packet(struct pppoe_port *p, const uint8_t *pkt, size_t n, const uint8_t *src)
{
    struct pppoe_disc d;
    enum pppoe_parse_error e = pppoe_disc_parse(pkt, n, &d);
    if (e != PPPOE_OK || !pppoe_mac_unicast(src)) {
        p->malformed++;
        plog(2, "pppoe %s: discovery packet refused: %s", p->ifc.name,
             e != PPPOE_OK ? pppoe_parse_error_name(e) : "not from a unicast address");
        return;
    }
    bool from_peer = p->state >= PS_PADR && memcmp(src, p->peer, PPPOE_MAC_LEN) == 0;
    bool ours = value_is(&d.host_uniq, p->host_uniq, sizeof(p->host_uniq));
    if (d.code == PPPOE_CODE_PADO && p->state == PS_PADI && ours)
        take_offer(p, &d, src);
    else if (d.code == PPPOE_CODE_PADS && p->state == PS_PADR && ours && from_peer)
        take_confirm(p, &d);
    else if (d.code == PPPOE_CODE_PADT && p->state == PS_SESSION && from_peer &&
             d.session == p->session)
        take_terminate(p, &d);
    else
        p->ignored++;
}

static void
disc_readable(void *ctx, uint32_t events)
{
    struct pppoe_port *p = ctx;
    uint8_t buf[PPPOE_DISC_MAX + 64];
    uint8_t src[PPPOE_MAC_LEN];
    (void)events;
    for (int i = 0; i < PPPOE_RECV_PER_WAKE && p->state != PS_DOWN; i++) {
        ssize_t r = pppoe_sock_recv(p->disc_fd, buf, sizeof(buf), src);
        if (r <= 0)
            break;
        disc_packet(p, buf, (size_t)r, src);
    }
}

static void
ses_readable(void *ctx, uint32_t events)
{
    struct pppoe_port *p = ctx;
    (void)events;
    for (int round = 0; round < PPPOE_RECV_PER_WAKE / PPPOE_BATCH && p->state == PS_SESSION;
         round++) {
        unsigned n = pppoe_batch_recv(&p->rx, p->ses_fd);
        for (unsigned i = 0; i < n && p->state == PS_SESSION; i++) {
            uint16_t sid;
            const uint8_t *f;
            size_t fl;
            if (!pppoe_session_parse(p->rx.buf[i], p->rx.msg[i].msg_len, &sid, &f, &fl) ||
                sid != p->session || memcmp(p->rx.addr[i].sll_addr, p->peer, PPPOE_MAC_LEN))
                continue;         /* another session's, or not a session packet */
            p->cb.input(p->cb.ctx, f, fl);
        }
        if (n < PPPOE_BATCH)
            break;
    }
}

static void
new_host_uniq(struct pppoe_port *p)
{
    /* only needs to be unlikely to repeat among our own sessions */
    static uint64_t counter;
    uint64_t v = ++counter ^ ((uint64_t)getpid() << 40);
    if (getrandom(p->host_uniq, sizeof(p->host_uniq), GRND_NONBLOCK) !=
        (ssize_t)sizeof(p->host_uniq))
        memcpy(p->host_uniq, &v, sizeof(p->host_uniq));
}

static bool pppoe_close(struct port *base);

static uint32_t
pppoe_open(struct loop *l, const struct port_params *pp, const struct port_cb *cb,
           struct port **out)
{
    const char *why = "";
    struct pppoe_port *p = ras_calloc(1, sizeof(*p));
    if (!p)
        return ERROR_NOT_ENOUGH_MEMORY;
    p->base.ops = &pppoe_port_ops;
    p->loop = l;
    p->cb = *cb;
    p->disc_fd = p->ses_fd = -1;
    loop_timer_init(&p->timer, timer_fired, p);
    split_phone(p, pp->phone ? pp->phone : "");
    uint32_t rc = pppoe_if_lookup(pp->device_name, &p->ifc, &why);
    if (rc) {
        plog(0, "pppoe %s: cannot use the interface: %s", pp->device_name, why);
        goto fail;
    }
    if ((rc = pppoe_sock_open(p->ifc.ifindex, PPPOE_ETH_DISCOVERY, &p->disc_fd)) != 0 ||
        (rc = pppoe_sock_open(p->ifc.ifindex, PPPOE_ETH_SESSION, &p->ses_fd)) != 0) {
        plog(0, "pppoe %s: cannot open a packet socket on it (error %u%s)", p->ifc.name, rc,
             rc == ERROR_ACCESS_DENIED ? ": rasmand needs CAP_NET_RAW" : "");
        goto fail;
    }
    if (loop_io_add(l, &p->disc_io, p->disc_fd, EPOLLIN, disc_readable, p) != 0 ||
        loop_io_add(l, &p->ses_io, p->ses_fd, EPOLLIN, ses_readable, p) != 0) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto fail;
    }
    /* RFC 4638: ask for a 1500-byte MRU when the interface carries it */
    p->mru = PPPOE_DEFAULT_MRU;
    if (p->ifc.mtu > PPPOE_ETH_MTU) {
        p->ask_max_payload = true;
        uint32_t m = p->ifc.mtu - PPPOE_HDR_LEN - 2;
        p->mru = (uint16_t)(m > PPPOE_ETH_MTU ? PPPOE_ETH_MTU : m);
    }
    *out = &p->base;
    return 0;
fail:
    pppoe_close(&p->base);
    return rc;
}

static uint32_t
pppoe_dial(struct port *base)
{
    struct pppoe_port *p = (struct pppoe_port *)base;
    new_host_uniq(p);
    p->state = PS_PADI;
    p->wait_ms = PPPOE_FIRST_WAIT_MS;
    p->give_up_at = loop_now(p->loop) + PPPOE_DISCOVERY_MS;
    plog(1, "pppoe %s: looking for an access concentrator (service \"%s\"%s%s%s)",
         p->ifc.name, p->service, p->ac_want[0] ? ", AC \"" : "", p->ac_want,
         p->ac_want[0] ? "\"" : "");
    send_padi(p);
    arm_retry(p);
    return 0;
}

/* Frames wait in the batch until pppoe_flush (the end of the
 * connection's pump) or until it is full: one sendmmsg for many. */
static uint32_t
pppoe_write(struct port *base, const uint8_t *frame, size_t n)
{
    struct pppoe_port *p = (struct pppoe_port *)base;
    if (p->state != PS_SESSION || n == 0 || n > PPPOE_SLOT - PPPOE_HDR_LEN)
        return 0;                 /* as on a line that is not up: lost */
    uint8_t *slot = pppoe_batch_slot(&p->tx);
    if (!slot) {
        pppoe_batch_flush(&p->tx, p->ses_fd);
        slot = pppoe_batch_slot(&p->tx);
    }
    pppoe_session_header(slot, p->session, (uint16_t)n);
    memcpy(slot + PPPOE_HDR_LEN, frame, n);
    pppoe_batch_queue(&p->tx, p->ifc.ifindex, PPPOE_ETH_SESSION, p->peer, PPPOE_HDR_LEN + n);
    return 0;
}

static void
pppoe_flush(struct port *base)
{
    struct pppoe_port *p = (struct pppoe_port *)base;
    if (p->tx.n && p->ses_fd >= 0)
        pppoe_batch_flush(&p->tx, p->ses_fd);
}

/* RFC 2516 5.5: either end may end the session with a PADT. */
static void
send_padt(struct pppoe_port *p)
{
    uint8_t buf[64];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADT, p->session);
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, p->host_uniq, sizeof(p->host_uniq));
    size_t n = pppoe_build_end(&b);
    if (n)
        send_disc(p, p->peer, buf, n);
    plog(1, "pppoe %s: session %#06x ended (PADT sent)", p->ifc.name, p->session);
}

static bool
pppoe_close(struct port *base)
{
    struct pppoe_port *p = (struct pppoe_port *)base;
    if (!p)
        return false;
    if (p->malformed || p->ignored)
        plog(1, "pppoe %s: %u malformed discovery packets refused, %u not for us",
             p->ifc.name, p->malformed, p->ignored);
    pppoe_flush(base);             /* LCP's last words go before the PADT */
    if (p->session && p->disc_fd >= 0)
        send_padt(p);
    loop_timer_cancel(p->loop, &p->timer);
    if (p->disc_fd >= 0) {
        loop_io_del(p->loop, &p->disc_io);
        close(p->disc_fd);
    }
    if (p->ses_fd >= 0) {
        loop_io_del(p->loop, &p->ses_io);
        close(p->ses_fd);
    }
    ras_free(p);
    return false;
}

static uint32_t
pppoe_bps(const struct port *base)
{
    (void)base;
    return 0;
}

static uint16_t
pppoe_mru(const struct port *base)
{
    return ((const struct pppoe_port *)base)->mru;
}

static void
pppoe_describe(const struct port *base, char *out, size_t cap)
{
    const struct pppoe_port *p = (const struct pppoe_port *)base;
    snprintf(out, cap, "session %#06x, AC \"%s\", MRU %u", p->session, p->ac_name, p->mru);
}

const struct port_ops pppoe_port_ops = {
    .kind = "pppoe",
    .packet = true,
    .match = pppoe_match,
    .open = pppoe_open,
    .dial = pppoe_dial,
    .write = pppoe_write,
    .close = pppoe_close,
    .bps = pppoe_bps,
    .pending = NULL,
    .flush = pppoe_flush,
    .mru = pppoe_mru,
    .describe = pppoe_describe,
};
