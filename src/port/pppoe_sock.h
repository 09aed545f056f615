/* The Ethernet side of PPPoE: an interface looked up by name, and the
 * AF_PACKET datagram sockets (one per ethertype, bound to the interface,
 * non-blocking, close-on-exec) that carry discovery and session packets.
 * Shared by the client port (pppoe.c) and the test concentrator
 * (tools/ras-pppoe-server). Opening one needs CAP_NET_RAW. */
#ifndef RAS_PORT_PPPOE_SOCK_H
#define RAS_PORT_PPPOE_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PPPOE_MAC_LEN 6

struct pppoe_if {
    char name[16];
    int ifindex;
    uint8_t mac[PPPOE_MAC_LEN];
    uint32_t mtu;
};

/* An interface name as the kernel takes one: 1..15 bytes, no '/', no
 * white space or control character. */
bool pppoe_ifname_ok(const char *name);

/* Looks the interface up and checks it is up with a carrier. 0, or
 * ERROR_BROADBAND_NO_NIC (814: no such interface, not Ethernet, or down),
 * ERROR_INVALID_PARAMETER (87: a bad name); *why says which, for a log. */
uint32_t pppoe_if_lookup(const char *name, struct pppoe_if *out, const char **why);

/* A socket for one ethertype on the interface: 0 and *fd, or
 * ERROR_ACCESS_DENIED (5: no CAP_NET_RAW), ERROR_BROADBAND_NO_NIC. */
uint32_t pppoe_sock_open(int ifindex, uint16_t ethertype, int *fd);

/* Sends one packet (PPPoE header onward) to dst. 0, or -errno
 * (-EAGAIN when the socket is full). */
int pppoe_sock_send(int fd, int ifindex, uint16_t ethertype, const uint8_t *dst,
                    const void *pkt, size_t n);
/* Receives one packet: its length (0 = none waiting), and its sender;
 * -errno on error. */
ssize_t pppoe_sock_recv(int fd, void *buf, size_t cap, uint8_t *src);

/* A unicast sender: not broadcast, not multicast, not all zeros. */
bool pppoe_mac_unicast(const uint8_t *mac);

#endif
