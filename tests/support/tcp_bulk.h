/* Whether TCP arrives intact across a data path: a sender in one network
 * namespace writes a known byte pattern in writes of awkward sizes (1 byte,
 * just under and over an MSS, 64 KB and more), a receiver in another reads
 * and compares every byte. Made for the tun's offloads (net/gso.c): a
 * segment cut or joined wrongly is taken by the kernel as it comes, since
 * we tell it the checksums are ours to make, so only the bytes can say. */
#ifndef RAS_TEST_TCP_BULK_H
#define RAS_TEST_TCP_BULK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tcp_bulk {
    uint64_t got;                 /* bytes the receiver read */
    int64_t first_bad;            /* offset of the first wrong byte, or -1 */
};

/* Sends `bytes` from the namespace at tx_ns (a path such as
 * /proc/PID/ns/net) to ip:port (host order), where a receiver in rx_ns
 * listens. true when the receiver read every byte and each was right;
 * *r says what it saw. Forks two children, waits for both (timeout_s
 * bounds each). */
bool tcp_bulk_check(const char *tx_ns, const char *rx_ns, uint32_t ip, uint16_t port,
                    uint64_t bytes, int timeout_s, struct tcp_bulk *r);

#endif
