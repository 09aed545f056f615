/* Which addresses a PPP peer may hand us (IPCP, RFC 1332 and 1877) and
 * which interface identifiers (IPv6CP, RFC 5072). The peer is hostile: an
 * address it names goes on our tun device, into our routes and into the
 * resolver, so it is checked here before the engine uses it. Pure. */
#ifndef RAS_PPP_ADDR_CHECK_H
#define RAS_PPP_ADDR_CHECK_H

#include <stdbool.h>
#include <stdint.h>

/* An IPv4 address (host byte order) that can be a host's own address on a
 * point-to-point link, as a host address or a DNS server: not 0.0.0.0/8
 * (this network, RFC 1122 3.2.1.3), not loopback 127/8, not multicast 224/4,
 * not the reserved class E 240/4, which includes the limited broadcast
 * 255.255.255.255. The same set pppd refuses for a peer's address. */
bool addr_ipv4_usable(uint32_t a);

/* The two ends of the link: each usable, and not the same address. */
bool addr_ipv4_pair_usable(uint32_t local, uint32_t peer);

/* An IPv6CP interface identifier (RFC 5072 4.1): zero means "suggest one",
 * never an identifier to use. */
bool addr_ifid_usable(uint64_t id);

/* The peer's identifier against ours: usable and not ours (a clash would
 * give both ends the same link-local address). */
bool addr_ifid_pair_usable(uint64_t local, uint64_t peer);

#endif
