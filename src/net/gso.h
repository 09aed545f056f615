/* Segmentation and coalescing of TCP for the tun device (issue 10, "data
 * path at Ethernet speed"): one tun read or write per 1500-byte packet is
 * what limited PPPoE, so the tun is opened with IFF_VNET_HDR and the
 * kernel's offloads. It hands us TCP super-packets of up to 64 KB, cut here
 * into MTU-sized segments for PPP (TSO done in user space); segments of one
 * flow received in one batch are joined here into one super-packet for a
 * single tun write (GRO done in user space). Pure: no I/O, no allocation;
 * every packet is outside input (the kernel's side too) and checked. */
#ifndef RAS_NET_GSO_H
#define RAS_NET_GSO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* struct virtio_net_hdr as tun speaks it (legacy virtio: host byte order)
 * in front of every packet read from or written to the tun. */
#define GSO_VNET_LEN 10
/* The largest IP packet either way (IPv6's payload length field and its
 * fixed header; IPv4's total length allows 40 bytes less). */
#define GSO_MAX_PKT (65535 + 40)
/* IP and TCP headers we copy per segment: IPv4 with options and TCP with
 * options (60 + 60), or IPv6 (40) and TCP. */
#define GSO_MAX_HDR 128

/* What was refused; counted by the caller's data path. */
struct gso_stats {
    uint64_t bad_vnet;            /* a vnet header we cannot honour */
    uint64_t bad_pkt;             /* a packet that does not match its header */
    uint64_t segments;            /* segments cut from super-packets */
    uint64_t coalesced;           /* segments that joined a held packet */
};

/* Iterator over what one tun read gave: the packets to send, in order. */
struct gso_tx {
    uint8_t *pkt;                 /* the IP packet (after the vnet header) */
    size_t len;
    size_t off;                   /* the next segment's payload offset */
    uint16_t hlen;                /* IP + TCP header bytes */
    uint16_t mss;                 /* 0: a single packet, sent as is */
    uint16_t l3;                  /* IP header bytes (TCP starts there) */
    uint16_t ip_id;
    uint32_t seq;
    unsigned n;                   /* segments given so far */
    bool v6, done;
    uint8_t hdr[GSO_MAX_HDR];     /* the headers as the kernel sent them */
};

/* Starts on buf[0..n) (the vnet header then the packet, as read from the
 * tun); the packets are cut in place, so buf stays the caller's and must
 * not change until the last one is taken. A non-segmented packet whose
 * checksum the kernel left to us (VIRTIO_NET_HDR_F_NEEDS_CSUM) gets it
 * here. false: the packet is refused (counted in st), nothing to send. */
bool gso_tx_start(struct gso_tx *t, uint8_t *buf, size_t n, struct gso_stats *st);
/* The next packet to send (it overwrites the previous one's bytes: take
 * each before asking for the next); false when none is left. */
bool gso_tx_next(struct gso_tx *t, const uint8_t **pkt, size_t *len);
/* Packets gso_tx_next still has to give. */
bool gso_tx_pending(const struct gso_tx *t);

/* A received packet being joined with the next ones of its flow, in a
 * buffer the caller owns: room for the vnet header, GSO_MAX_PKT bytes,
 * and one more packet at the tail. */
struct gso_rx {
    uint8_t *buf;
    size_t cap;
    size_t len;                   /* IP bytes held at buf + GSO_VNET_LEN */
    size_t tail;                  /* where gso_rx_tail put the new packet */
    unsigned segs;                /* segments held (0: nothing) */
    uint16_t hlen, mss;
    uint32_t next_seq;
    bool open;                    /* the held packet may take more */
    bool v6;
};

void gso_rx_init(struct gso_rx *r, uint8_t *buf, size_t cap);
/* Where to put the next received packet, and its room (less than the
 * largest packet: call gso_rx_finish and write first). */
uint8_t *gso_rx_tail(struct gso_rx *r, size_t *room);
enum gso_rx_verdict {
    GSO_RX_HELD,                  /* joined, or held as a start: nothing yet */
    GSO_RX_WRITE,                 /* write gso_rx_finish's bytes now */
    GSO_RX_FLUSH,                 /* write gso_rx_finish's bytes, then call
                                     gso_rx_add again for this packet */
};
/* Takes the n-byte packet just put at gso_rx_tail(). */
enum gso_rx_verdict gso_rx_add(struct gso_rx *r, size_t n, struct gso_stats *st);
/* Whether a packet is held. */
static inline bool
gso_rx_held(const struct gso_rx *r)
{
    return r->segs > 0;
}
/* Completes what is held (the vnet header, lengths, checksums) and lets
 * it go: bytes to write from buf (0: nothing held). */
size_t gso_rx_finish(struct gso_rx *r);

/* RFC 1071 one's complement sum of buf, added to sum (not folded). For
 * pieces of one checksum every piece but the last has an even length. */
uint64_t gso_csum_add(uint64_t sum, const void *buf, size_t n);
/* The sum folded to 16 bits, in the byte order the bytes were read. */
uint16_t gso_csum_fold(uint64_t sum);

#endif
