/* Every privileged action of the data path, in one small file (npppd's
 * privsep shape), so they can move to a helper process later without
 * touching callers: the tun device, addresses, link state, routes, DNS. */
#ifndef RAS_NET_PRIV_H
#define RAS_NET_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opens a new point-to-point tun device named ras0, ras1, ... (the kernel
 * picks the first free number). 0 and the non-blocking, close-on-exec fd,
 * its name and index; or 5 (no privilege), 608 (no /dev/net/tun), 8. */
uint32_t priv_tun_open(int *fd, char *name, size_t cap, unsigned *ifindex);
/* Local and peer IPv4 (host byte order) as a /32 pair, the MTU, link up. */
uint32_t priv_link_config(unsigned ifindex, uint32_t local, uint32_t peer, uint32_t mtu);
/* A default route through the link (removed with the link). */
uint32_t priv_default_route(unsigned ifindex);
/* DNS through resolvconf, when it is installed: true if handed to it. */
bool priv_dns_apply(const char *ifname, uint32_t dns1, uint32_t dns2);
void priv_dns_remove(const char *ifname);

#endif
