/* The data path of a connection: a tun interface (ras0, ras1, ...) with the
 * addresses PPP negotiated, optional default route and DNS, and packets
 * moved between it and the engine (ppp_send_ip / ppp_recv_ip). Everything
 * it sets up is undone by net_link_free (closing the tun removes the
 * interface with its addresses and routes; DNS is withdrawn). */
#ifndef RAS_NET_NET_H
#define RAS_NET_NET_H

#include <stdint.h>

#include "ppp/ppp.h"

struct loop;
struct net_link;

/* Tells the connection to move what the engine queued to the line. */
typedef void (*net_flush_fn)(void *ctx);

/* What net_link_new may change beyond the link itself. */
#define NET_DEFAULT_ROUTE 0x1     /* a default route through the link */
#define NET_DNS           0x2     /* the peer's DNS servers for the host */

/* Sets the data path up for an engine whose IPCP is up: the interface with
 * the negotiated addresses, and what `what` (NET_*) allows. 0 and *out, or
 * the reason there is none (ERROR_ACCESS_DENIED 5 without privileges,
 * ERROR_DEVICE_DOES_NOT_EXIST 608 without /dev/net/tun, ERROR_IP_CONFIGURATION
 * 716 for addresses no interface should carry, 8, ...). */
uint32_t net_link_new(struct loop *loop, struct ppp *ppp, const struct ppp_projection *pr,
                      unsigned what, net_flush_fn flush, void *ctx, struct net_link **out);
/* Moves packets the engine has received to the tun device. */
void net_link_pump(struct net_link *n);
const char *net_link_ifname(const struct net_link *n);
/* IP packets moved either way so far (idle detection). */
uint64_t net_link_packets(const struct net_link *n);
/* What was applied (NET_*): a DNS tool that took the servers, the route. */
unsigned net_link_applied(const struct net_link *n);
/* The tool that took the DNS servers ("resolvectl", "resolvconf"), or "". */
const char *net_link_dns_tool(const struct net_link *n);
/* Removes DNS and the interface. Accepts NULL. */
void net_link_free(struct net_link *n);

#endif
