/* The data path (see net.h): packets read from the tun go to the engine,
 * packets the engine received go to the tun, a bounded number per loop
 * pass so one busy link cannot starve the others. The tun speaks vnet
 * headers where the kernel allows: TCP arrives in super-packets that
 * gso.c cuts to the link's MTU, so one read carries up to 64 KB; and
 * segments of one flow that the link delivers together are joined into
 * one super-packet, so one write carries them all. */
#include "net/net.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/loop.h"
#include "net/gso.h"
#include "net/priv.h"

#define NET_PKTS_PER_PASS 64
/* Segments cut from super-packets per pass, the same ceiling in bytes
 * (~190 KB); the rest waits for the next pass. */
#define NET_SEGS_PER_PASS 128
#define NET_MAX_PKT 2048
/* The engine's output queue (16 KiB) above which the tun is not read, and
 * below which reading resumes; the room above is for LCP's own packets. */
#define NET_ENGINE_HIGH 8192
#define NET_ENGINE_LOW 2048

struct net_link {
    struct loop *loop;
    struct ppp *ppp;              /* the connection's; not owned */
    net_flush_fn flush;
    void *ctx;
    int fd;
    struct loop_io io;
    unsigned ifindex;
    char ifname[16];
    enum priv_dns dns;            /* where the DNS servers went */
    unsigned applied;             /* NET_* */
    uint64_t packets;
    bool paused;                  /* not reading the tun: the line is behind */
    bool vnet;                    /* the tun speaks vnet headers (gso.h) */
    struct loop_timer later;      /* work left for the next pass */
    struct gso_tx tx;             /* the super-packet being cut, in txbuf */
    struct gso_rx rx;             /* segments being joined, in rxbuf */
    struct gso_stats gso;
    /* rxbuf: a vnet header, the joined packet, room for one more */
    uint8_t rxbuf[GSO_VNET_LEN + GSO_MAX_PKT + NET_MAX_PKT];
    uint8_t txbuf[GSO_VNET_LEN + GSO_MAX_PKT];
};

/* Work for the next pass: armed once (re-arming would put it off again
 * while every pass brings more). */
static void
later_arm(struct net_link *n)
{
    if (!n->later.armed)
        loop_timer_set(n->loop, &n->later, loop_now(n->loop));
}

static void
pause_reading(struct net_link *n)
{
    if (loop_io_mod(n->loop, &n->io, 0) == 0)
        n->paused = true;
}

/* Whether the engine may take one more packet now; first lets the line
 * take what it can (a packet port takes it all at once): pausing is for a
 * line that is behind. */
static bool
engine_room(struct net_link *n, bool *sent)
{
    if (ppp_output_pending(n->ppp) >= NET_ENGINE_HIGH && *sent) {
        n->flush(n->ctx);
        *sent = false;
    }
    return ppp_output_pending(n->ppp) < NET_ENGINE_HIGH;
}

static void
tun_readable(void *ctx, uint32_t events)
{
    struct net_link *n = ctx;
    (void)events;
    bool sent = false;
    int segs = 0;
    for (int i = 0; i < NET_PKTS_PER_PASS; i++) {
        /* The line is behind: leave the packets in the kernel's tun queue
         * (TCP then slows down) rather than read and drop them here; a
         * super-packet half sent waits here, its place kept. */
        if (!engine_room(n, &sent)) {
            pause_reading(n);
            break;
        }
        if (!gso_tx_pending(&n->tx)) {
            uint8_t *at = n->vnet ? n->txbuf : n->txbuf + GSO_VNET_LEN;
            ssize_t len = read(n->fd, at, n->vnet ? sizeof(n->txbuf) : NET_MAX_PKT);
            if (len <= 0)
                break;
            if (!n->vnet) {
                /* no vnet header: the packet as it is */
                memset(n->txbuf, 0, GSO_VNET_LEN);
                len += GSO_VNET_LEN;
            }
            if (!gso_tx_start(&n->tx, n->txbuf, (size_t)len, &n->gso))
                continue;         /* refused and counted */
        }
        const uint8_t *pkt;
        size_t len;
        while (segs < NET_SEGS_PER_PASS && engine_room(n, &sent) &&
               gso_tx_next(&n->tx, &pkt, &len)) {
            segs++;
            /* a full engine queue drops the packet, as a full line would */
            if (ppp_send_ip(n->ppp, pkt, len) == 0) {
                sent = true;
                n->packets++;
            }
        }
        if (segs >= NET_SEGS_PER_PASS) {
            if (gso_tx_pending(&n->tx))
                later_arm(n);
            break;
        }
    }
    if (sent)
        n->flush(n->ctx);
}

/* Writes what the joiner holds (the tun queue full: lost, as on a real
 * link). */
static void
rx_write(struct net_link *n)
{
    size_t len = gso_rx_finish(&n->rx);
    if (len)
        (void)!write(n->fd, n->rxbuf, len);
}

/* The next pass: what the joiner still holds once the batch of frames
 * that brought it is done, and the rest of a super-packet the last pass
 * left. */
static void
later_fired(void *ctx, uint64_t now)
{
    struct net_link *n = ctx;
    (void)now;
    rx_write(n);
    if (!n->paused && gso_tx_pending(&n->tx))
        tun_readable(n, EPOLLIN);
}

/* An address a host may put on a point-to-point interface: not 0/8
 * ("this network"), loopback, link-local, multicast or reserved. The peer
 * chose these; whatever it sends, the host's network stays sane. */
static bool
addr_usable(uint32_t a)
{
    uint32_t top = a >> 24;
    return top != 0 && top != 127 && top < 224 && (a >> 16) != 0xa9fe;
}

uint32_t
net_link_new(struct loop *loop, struct ppp *ppp, const struct ppp_projection *pr,
             unsigned what, net_flush_fn flush, void *ctx, struct net_link **out)
{
    uint32_t rc;
    if (!pr->ipcp_up)
        return ERROR_PROTOCOL_NOT_CONFIGURED;
    if (!addr_usable(pr->local_ip) || !addr_usable(pr->peer_ip) || pr->local_ip == pr->peer_ip)
        return ERROR_IP_CONFIGURATION;
    struct net_link *n = ras_calloc(1, sizeof(*n));
    if (!n)
        return ERROR_NOT_ENOUGH_MEMORY;
    n->fd = -1;
    n->loop = loop;
    n->ppp = ppp;
    n->flush = flush;
    n->ctx = ctx;
    n->tx.done = true;
    gso_rx_init(&n->rx, n->rxbuf, sizeof(n->rxbuf));
    loop_timer_init(&n->later, later_fired, n);
    unsigned got = 0;
    if ((rc = priv_tun_open(PRIV_TUN_VNET, &n->fd, n->ifname, sizeof(n->ifname), &n->ifindex,
                            &got)) != 0)
        goto fail;
    n->vnet = got & PRIV_TUN_VNET;
    uint32_t mtu = pr->peer_mru ? pr->peer_mru : 1500;
    if ((rc = priv_link_config(n->ifindex, pr->local_ip, pr->peer_ip, mtu)) != 0)
        goto fail;
    if (what & NET_DEFAULT_ROUTE) {
        if ((rc = priv_default_route(n->ifindex)) != 0)
            goto fail;
        n->applied |= NET_DEFAULT_ROUTE;
    }
    if (loop_io_add(loop, &n->io, n->fd, EPOLLIN, tun_readable, n) != 0) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto fail;
    }
    if (what & NET_DNS)
        n->dns = priv_dns_apply(n->ifname, pr->dns1, pr->dns2);
    if (n->dns != PRIV_DNS_NONE)
        n->applied |= NET_DNS;
    *out = n;
    return 0;
fail:
    net_link_free(n);
    return rc;
}

void
net_link_pump(struct net_link *n)
{
    /* The port hands frames over one at a time, each followed by this
     * call: segments that continue the flow held are joined to it, and it
     * goes to the tun when something else comes, when it is complete (PSH,
     * a short segment), or at the next pass (the batch is over). */
    for (int i = 0; i < NET_PKTS_PER_PASS; i++) {
        size_t room;
        uint8_t *at = gso_rx_tail(&n->rx, &room);
        if (room < NET_MAX_PKT) {
            rx_write(n);
            at = gso_rx_tail(&n->rx, &room);
        }
        size_t len = ppp_recv_ip(n->ppp, at, NET_MAX_PKT);
        if (!len)
            break;
        n->packets++;
        enum gso_rx_verdict v = n->vnet ? gso_rx_add(&n->rx, len, &n->gso) : GSO_RX_WRITE;
        if (v == GSO_RX_FLUSH) {
            rx_write(n);
            v = gso_rx_add(&n->rx, len, &n->gso);
        }
        if (v == GSO_RX_WRITE) {
            if (n->vnet)
                rx_write(n);
            else
                (void)!write(n->fd, at, len);   /* bare packets */
        }
    }
    if (gso_rx_held(&n->rx))
        later_arm(n);
    if (n->paused && ppp_output_pending(n->ppp) < NET_ENGINE_LOW &&
        loop_io_mod(n->loop, &n->io, EPOLLIN) == 0) {
        n->paused = false;
        /* a super-packet half sent goes on even if the tun has nothing
         * more to read (its level would not wake us) */
        if (gso_tx_pending(&n->tx))
            later_arm(n);
    }
}

const char *
net_link_ifname(const struct net_link *n)
{
    return n->ifname;
}

uint64_t
net_link_packets(const struct net_link *n)
{
    return n ? n->packets : 0;
}

unsigned
net_link_applied(const struct net_link *n)
{
    return n ? n->applied : 0;
}

const char *
net_link_dns_tool(const struct net_link *n)
{
    switch (n ? n->dns : PRIV_DNS_NONE) {
    case PRIV_DNS_RESOLVED: return "resolvectl";
    case PRIV_DNS_RESOLVCONF: return "resolvconf";
    default: return "";
    }
}

void
net_link_free(struct net_link *n)
{
    if (!n)
        return;
    priv_dns_remove(n->ifname, n->dns);
    loop_timer_cancel(n->loop, &n->later);
    loop_io_del(n->loop, &n->io);
    if (n->fd >= 0)
        close(n->fd);
    ras_free(n);
}
