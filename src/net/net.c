/* The data path (see net.h): packets read from the tun go to the engine,
 * packets the engine received go to the tun, a bounded number per loop
 * pass so one busy link cannot starve the others. The tun speaks vnet
 * headers where the kernel allows: TCP arrives in super-packets that
 * gso.c cuts to the link's MTU, so one read carries up to 64 KB. */
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
    struct gso_stats gso;
    /* rxbuf: a vnet header in front of each packet for the tun */
    uint8_t rxbuf[GSO_VNET_LEN + NET_MAX_PKT];
    uint8_t txbuf[GSO_VNET_LEN + GSO_MAX_PKT];
};

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
                loop_timer_set(n->loop, &n->later, loop_now(n->loop));
            break;
        }
    }
    if (sent)
        n->flush(n->ctx);
}

/* The next pass: the rest of a super-packet the last one left. */
static void
later_fired(void *ctx, uint64_t now)
{
    struct net_link *n = ctx;
    (void)now;
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
    /* the packet after room for a vnet header, all zero: no offload */
    uint8_t *at = n->vnet ? n->rxbuf : n->rxbuf + GSO_VNET_LEN;
    for (int i = 0; i < NET_PKTS_PER_PASS; i++) {
        size_t len = ppp_recv_ip(n->ppp, n->rxbuf + GSO_VNET_LEN, NET_MAX_PKT);
        if (!len)
            break;
        /* the tun queue full: the packet is lost, as on a real link */
        (void)!write(n->fd, at, len + (size_t)(n->rxbuf + GSO_VNET_LEN - at));
        n->packets++;
    }
    if (n->paused && ppp_output_pending(n->ppp) < NET_ENGINE_LOW &&
        loop_io_mod(n->loop, &n->io, EPOLLIN) == 0) {
        n->paused = false;
        /* a super-packet half sent goes on even if the tun has nothing
         * more to read (its level would not wake us) */
        if (gso_tx_pending(&n->tx))
            loop_timer_set(n->loop, &n->later, loop_now(n->loop));
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
