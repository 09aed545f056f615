/* The loopback port: a SIMULATED modem with a SIMULATED ISP behind it, in
 * rasmand, so dialing works on a machine with no hardware. "Dialing"
 * answers after a few milliseconds; the ISP is a second PPP engine in the
 * server role that checks the demo credentials (demo / demo), hands out
 * 10.64.0.x addresses and DNS, and answers pings to its own address.
 *
 * Simulator directives may follow the number after a '/', for tests and
 * for users trying their scripts: /busy /noanswer /nocarrier /nodialtone
 * /error (the modem's result), /dial=MS (time to CONNECT), /latency=MS
 * (ISP to client delay), /drop=MS (carrier lost MS after CONNECT). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "common/loopback.h"
#include "port/port.h"
#include "ppp/ppp.h"

#define LB_MAX_LINES   64          /* simultaneous simulated calls */
#define LB_CHUNK       1024        /* bytes per queued ISP burst */
#define LB_NCHUNKS     16          /* ISP -> client queue, a ceiling */
#define LB_DIAL_MS     5
#define LB_BPS         115200
#define LB_ISP_IP      0x0a400001u /* 10.64.0.1 */
#define LB_DNS1        0x0a400001u
#define LB_DNS2        0x0a400002u
#define LB_FIRST_PEER  10          /* clients get 10.64.0.10 and up */
#define LB_USER        "demo"
#define LB_PASSWORD    "demo"

static bool line_used[LB_MAX_LINES];

enum lb_state { LB_IDLE, LB_DIALING, LB_CONNECTED, LB_DOWN };

struct lb_chunk {
    uint64_t at;
    uint16_t len;
    uint8_t data[LB_CHUNK];
};

struct lb_port {
    struct port base;
    struct loop *loop;
    struct port_cb cb;
    int line;
    enum lb_state state;
    uint32_t outcome;             /* the modem's result: 0 = CONNECT */
    uint32_t dial_ms, latency_ms, drop_ms;
    struct ppp *isp;
    struct loop_timer dial_timer, isp_timer, deliver_timer, drop_timer;
    struct lb_chunk q[LB_NCHUNKS];
    unsigned qhead, qlen;
    uint32_t dropped;             /* bursts lost to a full queue */
};

static bool
lb_match(const char *device_type, const char *device_name)
{
    (void)device_type;
    return strcmp(device_name, RAS_LOOPBACK_DEVICE_NAME) == 0;
}

static bool
lb_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, LB_USER) != 0 || cap < sizeof(LB_PASSWORD))
        return false;
    memcpy(secret, LB_PASSWORD, sizeof(LB_PASSWORD));
    return true;
}

static void
parse_directives(struct lb_port *p, const char *phone)
{
    static const struct { const char *name; uint32_t error; } results[] = {
        { "busy", ERROR_LINE_BUSY }, { "noanswer", ERROR_NO_ANSWER },
        { "nocarrier", ERROR_NO_CARRIER }, { "nodialtone", ERROR_NO_DIALTONE },
        { "error", ERROR_FROM_DEVICE },
    };
    p->dial_ms = LB_DIAL_MS;
    for (const char *d = strchr(phone, '/'); d; d = strchr(d + 1, '/')) {
        const char *arg = d + 1;
        size_t len = strcspn(arg, "/");
        for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); i++)
            if (len == strlen(results[i].name) && strncmp(arg, results[i].name, len) == 0)
                p->outcome = results[i].error;
        unsigned long v;
        if (sscanf(arg, "dial=%lu", &v) == 1 && v <= 600000)
            p->dial_ms = (uint32_t)v;
        else if (sscanf(arg, "latency=%lu", &v) == 1 && v <= 60000)
            p->latency_ms = (uint32_t)v;
        else if (sscanf(arg, "drop=%lu", &v) == 1 && v <= 86400000)
            p->drop_ms = (uint32_t)v;
    }
}

/* ---- the ISP's side of the line ---------------------------------------- */

static void
deliver_fired(void *ctx, uint64_t now)
{
    struct lb_port *p = ctx;
    uint8_t buf[LB_CHUNK];
    while (p->qlen && p->q[p->qhead].at <= now && p->state == LB_CONNECTED) {
        struct lb_chunk *c = &p->q[p->qhead];
        uint16_t len = c->len;
        memcpy(buf, c->data, len);
        p->qhead = (p->qhead + 1) % LB_NCHUNKS;
        p->qlen--;
        /* the client may write back from inside: the queue is consistent */
        p->cb.input(p->cb.ctx, buf, len);
    }
    if (p->qlen && p->state == LB_CONNECTED)
        loop_timer_set(p->loop, &p->deliver_timer, p->q[p->qhead].at);
}

static void
queue_to_client(struct lb_port *p, const uint8_t *bytes, size_t n)
{
    uint64_t at = loop_now(p->loop) + p->latency_ms;
    if (p->qlen == LB_NCHUNKS) {
        p->dropped++;             /* a line overrun: PPP retransmits */
        return;
    }
    struct lb_chunk *c = &p->q[(p->qhead + p->qlen) % LB_NCHUNKS];
    c->at = at;
    c->len = (uint16_t)n;
    memcpy(c->data, bytes, n);
    if (p->qlen++ == 0)
        loop_timer_set(p->loop, &p->deliver_timer, at);
}

static uint16_t
ip_checksum(const uint8_t *b, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        sum += (uint32_t)(b[i] << 8 | b[i + 1]);
    if (n & 1)
        sum += (uint32_t)b[n - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* The simulated ISP answers ICMP echo requests sent to its address, so a
 * ping over the link shows traffic both ways; everything else is dropped
 * (there is no Internet behind it). */
static void
isp_answer(struct lb_port *p, uint8_t *pkt, size_t n)
{
    if (n < 28 || (pkt[0] >> 4) != 4)
        return;
    size_t ihl = (size_t)(pkt[0] & 0xf) * 4;
    uint32_t dst = (uint32_t)pkt[16] << 24 | (uint32_t)pkt[17] << 16 |
                   (uint32_t)pkt[18] << 8 | pkt[19];
    if (ihl < 20 || ihl + 8 > n || pkt[9] != 1 || pkt[ihl] != 8 || dst != LB_ISP_IP)
        return;
    uint8_t tmp[4];
    memcpy(tmp, pkt + 12, 4);
    memcpy(pkt + 12, pkt + 16, 4);
    memcpy(pkt + 16, tmp, 4);
    pkt[ihl] = 0;                 /* echo reply */
    pkt[ihl + 2] = pkt[ihl + 3] = 0;
    uint16_t cs = ip_checksum(pkt + ihl, n - ihl);
    pkt[ihl + 2] = (uint8_t)(cs >> 8);
    pkt[ihl + 3] = (uint8_t)cs;
    pkt[10] = pkt[11] = 0;
    cs = ip_checksum(pkt, ihl);
    pkt[10] = (uint8_t)(cs >> 8);
    pkt[11] = (uint8_t)cs;
    ppp_send_ip(p->isp, pkt, n);
}

static void
isp_pump(struct lb_port *p)
{
    uint8_t buf[LB_CHUNK];
    size_t n;
    struct ppp_event ev;
    while ((n = ppp_recv_ip(p->isp, buf, sizeof(buf))) > 0)
        isp_answer(p, buf, n);
    while ((n = ppp_output(p->isp, buf, sizeof(buf))) > 0)
        queue_to_client(p, buf, n);
    /* the ISP's own events matter only to the client's engine, which sees
     * the same negotiation from its side */
    while (ppp_poll_event(p->isp, &ev))
        ;
    loop_timer_set(p->loop, &p->isp_timer, ppp_next_deadline(p->isp));
}

static void
isp_timer_fired(void *ctx, uint64_t now)
{
    struct lb_port *p = ctx;
    ppp_timer(p->isp, now);
    isp_pump(p);
}

static void
dial_fired(void *ctx, uint64_t now)
{
    struct lb_port *p = ctx;
    if (p->outcome) {
        p->state = LB_DOWN;
        p->cb.down(p->cb.ctx, p->outcome);
        return;
    }
    p->state = LB_CONNECTED;
    ppp_start(p->isp, now);
    isp_pump(p);
    if (p->drop_ms)
        loop_timer_set(p->loop, &p->drop_timer, now + p->drop_ms);
    p->cb.connected(p->cb.ctx, LB_BPS);
}

static void
drop_fired(void *ctx, uint64_t now)
{
    struct lb_port *p = ctx;
    (void)now;
    p->state = LB_DOWN;
    loop_timer_cancel(p->loop, &p->deliver_timer);
    p->cb.down(p->cb.ctx, ERROR_PORT_DISCONNECTED);
}

/* ---- port_ops ---------------------------------------------------------- */

static struct ppp *
make_isp(int line)
{
    struct ppp_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.role = PPP_SERVER;
    cfg.auth_methods = PPP_AUTH_PAP | PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAPV2;
    cfg.secret_fn = lb_secret;
    cfg.hostname = "openras-simulated-isp";
    cfg.local_ip = LB_ISP_IP;
    cfg.peer_ip = LB_ISP_IP - 1 + LB_FIRST_PEER + (uint32_t)line;
    cfg.dns1 = LB_DNS1;
    cfg.dns2 = LB_DNS2;
    cfg.ipv6 = true;
    return ppp_new(&cfg);
}

static uint32_t
lb_open(struct loop *l, const struct port_params *pp, const struct port_cb *cb,
        struct port **out)
{
    int line = -1;
    for (int i = 0; i < LB_MAX_LINES && line < 0; i++)
        if (!line_used[i])
            line = i;
    if (line < 0)
        return ERROR_PORT_NOT_AVAILABLE;
    struct lb_port *p = ras_calloc(1, sizeof(*p));
    if (!p)
        return ERROR_NOT_ENOUGH_MEMORY;
    p->isp = make_isp(line);
    if (!p->isp) {
        ras_free(p);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    p->base.ops = &loopback_port_ops;
    p->loop = l;
    p->cb = *cb;
    p->line = line;
    line_used[line] = true;
    parse_directives(p, pp->phone ? pp->phone : "");
    loop_timer_init(&p->dial_timer, dial_fired, p);
    loop_timer_init(&p->isp_timer, isp_timer_fired, p);
    loop_timer_init(&p->deliver_timer, deliver_fired, p);
    loop_timer_init(&p->drop_timer, drop_fired, p);
    *out = &p->base;
    return 0;
}

static uint32_t
lb_dial(struct port *base)
{
    struct lb_port *p = (struct lb_port *)base;
    if (p->state != LB_IDLE)
        return ERROR_PORT_ALREADY_OPEN;
    p->state = LB_DIALING;
    loop_timer_set(p->loop, &p->dial_timer, loop_now(p->loop) + p->dial_ms);
    return 0;
}

static uint32_t
lb_write(struct port *base, const uint8_t *bytes, size_t n)
{
    struct lb_port *p = (struct lb_port *)base;
    if (p->state != LB_CONNECTED)
        return ERROR_PORT_NOT_CONNECTED;
    ppp_input(p->isp, bytes, n, loop_now(p->loop));
    isp_pump(p);
    return 0;
}

static bool
lb_close(struct port *base)
{
    struct lb_port *p = (struct lb_port *)base;
    if (!p)
        return false;
    loop_timer_cancel(p->loop, &p->dial_timer);
    loop_timer_cancel(p->loop, &p->isp_timer);
    loop_timer_cancel(p->loop, &p->deliver_timer);
    loop_timer_cancel(p->loop, &p->drop_timer);
    ppp_free(p->isp);
    line_used[p->line] = false;
    ras_free(p);
    return false;
}

static uint32_t
lb_bps(const struct port *base)
{
    (void)base;
    return LB_BPS;
}

const struct port_ops loopback_port_ops = {
    .kind = "loopback (simulated modem and ISP)",
    .match = lb_match,
    .open = lb_open,
    .dial = lb_dial,
    .write = lb_write,
    .close = lb_close,
    .bps = lb_bps,
};
