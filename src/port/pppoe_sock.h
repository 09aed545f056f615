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
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <linux/if_packet.h>

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

/* Batches (item 5 of issue 10): several session packets per system
 * call each way, in buffers set up once (no allocation per packet). A
 * slot holds a PPPoE header and a frame of up to 1500 bytes of payload. */
#define PPPOE_BATCH 16
#define PPPOE_SLOT  1536

struct pppoe_batch {
    struct mmsghdr msg[PPPOE_BATCH];
    struct iovec iov[PPPOE_BATCH];
    struct sockaddr_ll addr[PPPOE_BATCH];
    uint8_t buf[PPPOE_BATCH][PPPOE_SLOT];
    unsigned n;                   /* tx: queued; rx: received */
};

/* tx: the next free slot's buffer (NULL when the batch is full: flush). */
uint8_t *pppoe_batch_slot(struct pppoe_batch *b);
/* tx: queues the slot just filled, len bytes, to dst. */
void pppoe_batch_queue(struct pppoe_batch *b, int ifindex, uint16_t ethertype,
                       const uint8_t *dst, size_t len);
/* tx: sends what is queued (sendmmsg); packets the socket cannot take now
 * are dropped, as a busy Ethernet drops them. */
void pppoe_batch_flush(struct pppoe_batch *b, int fd);
/* rx: receives up to PPPOE_BATCH packets (recvmmsg); how many, 0 = none
 * waiting. Packet i is b->buf[i], b->msg[i].msg_len bytes, from
 * b->addr[i].sll_addr; our own outgoing ones are already left out
 * (their msg_len set to 0). */
unsigned pppoe_batch_recv(struct pppoe_batch *b, int fd);

/* A unicast sender: not broadcast, not multicast, not all zeros. */
bool pppoe_mac_unicast(const uint8_t *mac);

#endif
