/* Every privileged action of the data path, in one small file (npppd's
 * privsep shape), so they can move to a helper process later without
 * touching callers: the tun device, addresses, link state, routes, DNS. */
#ifndef RAS_NET_PRIV_H
#define RAS_NET_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a tun device may do beyond bare packets (priv_tun_open's want and
 * got). PRIV_TUN_VNET: a struct virtio_net_hdr before every packet either
 * way, with the kernel's checksum and TCP segmentation offloads, so TCP
 * comes and goes in super-packets of up to 64 KB (net/gso.h). */
#define PRIV_TUN_VNET 0x1

/* Opens a new point-to-point tun device named ras0, ras1, ... (the kernel
 * picks the first free number), with what `want` (PRIV_TUN_*) asks where
 * the kernel allows it. 0 and the non-blocking, close-on-exec fd, its name
 * and index, and in *got what it does; or 5 (no privilege), 608 (no
 * /dev/net/tun), 8. */
uint32_t priv_tun_open(unsigned want, int *fd, char *name, size_t cap, unsigned *ifindex,
                       unsigned *got);
/* Local and peer IPv4 (host byte order) as a /32 pair, the MTU, link up. */
uint32_t priv_link_config(unsigned ifindex, uint32_t local, uint32_t peer, uint32_t mtu);
/* A default route through the link (removed with the link). */
uint32_t priv_default_route(unsigned ifindex);
/* Where a link's DNS servers went. */
enum priv_dns {
    PRIV_DNS_NONE,                /* nowhere: no servers, or no resolver tool */
    PRIV_DNS_RESOLVED,            /* systemd-resolved, per link (resolvectl) */
    PRIV_DNS_RESOLVCONF,          /* resolvconf */
};
/* DNS for one link: to systemd-resolved where it runs and resolvectl is
 * installed, else to resolvconf when it is installed. The tool runs
 * detached (never waited for, never through a shell). */
enum priv_dns priv_dns_apply(const char *ifname, uint32_t dns1, uint32_t dns2);
/* Withdraws what priv_dns_apply handed over (the same tool). */
void priv_dns_remove(const char *ifname, enum priv_dns how);

/* rasmand --test only: the tun device and the resolver tools at other
 * paths (a missing tun, recording fakes). NULL keeps the default. */
struct priv_paths {
    const char *tun;              /* /dev/net/tun */
    const char *resolved_dir;     /* /run/systemd/resolve: resolved runs */
    const char *resolvectl;       /* /usr/bin/resolvectl */
    const char *resolvconf;       /* /sbin/resolvconf */
};
void priv_set_test_paths(const struct priv_paths *p);

#endif
