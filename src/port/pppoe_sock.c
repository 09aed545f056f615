/* AF_PACKET sockets for PPPoE (see pppoe_sock.h). SOCK_DGRAM: the kernel
 * writes and strips the Ethernet header, we see PPPoE onward. */
#include "port/pppoe_sock.h"

#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "raserror.h"

bool
pppoe_ifname_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= IFNAMSIZ)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c <= ' ' || c == '/' || c >= 0x7f)
            return false;
    }
    return strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static bool
if_ioctl(int s, unsigned long req, const char *name, struct ifreq *ifr)
{
    memset(ifr, 0, sizeof(*ifr));
    memcpy(ifr->ifr_name, name, strlen(name));
    return ioctl(s, req, ifr) == 0;
}

uint32_t
pppoe_if_lookup(const char *name, struct pppoe_if *out, const char **why)
{
    struct ifreq ifr;
    uint32_t rc = ERROR_BROADBAND_NO_NIC;
    if (!pppoe_ifname_ok(name)) {
        *why = "not an interface name";
        return ERROR_INVALID_PARAMETER;
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        *why = "no socket to ask the kernel with";
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    memset(out, 0, sizeof(*out));
    memcpy(out->name, name, strlen(name));
    if (!if_ioctl(s, SIOCGIFINDEX, name, &ifr)) {
        *why = "no such interface";
        goto out;
    }
    out->ifindex = ifr.ifr_ifindex;
    if (!if_ioctl(s, SIOCGIFHWADDR, name, &ifr) || ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
        *why = "not an Ethernet interface";
        goto out;
    }
    memcpy(out->mac, ifr.ifr_hwaddr.sa_data, PPPOE_MAC_LEN);
    if (!if_ioctl(s, SIOCGIFMTU, name, &ifr)) {
        *why = "its MTU cannot be read";
        goto out;
    }
    out->mtu = (uint32_t)ifr.ifr_mtu;
    if (!if_ioctl(s, SIOCGIFFLAGS, name, &ifr) || !(ifr.ifr_flags & IFF_UP)) {
        *why = "the interface is down";
        goto out;
    }
    if (!(ifr.ifr_flags & IFF_RUNNING)) {
        *why = "the interface has no carrier (cable unplugged?)";
        goto out;
    }
    *why = "";
    rc = 0;
out:
    close(s);
    return rc;
}

uint32_t
pppoe_sock_open(int ifindex, uint16_t ethertype, int *fd)
{
    int s = socket(AF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ethertype));
    if (s < 0)
        return errno == EPERM || errno == EACCES ? ERROR_ACCESS_DENIED
             : errno == ENOMEM || errno == ENOBUFS || errno == EMFILE || errno == ENFILE
                 ? ERROR_NOT_ENOUGH_MEMORY : ERROR_BROADBAND_NO_NIC;
    struct sockaddr_ll sll;
    memset(&sll, 0, sizeof(sll));
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ethertype);
    sll.sll_ifindex = ifindex;
    if (bind(s, (struct sockaddr *)&sll, sizeof(sll)) != 0) {
        close(s);
        return ERROR_BROADBAND_NO_NIC;
    }
    *fd = s;
    return 0;
}

int
pppoe_sock_send(int fd, int ifindex, uint16_t ethertype, const uint8_t *dst, const void *pkt,
                size_t n)
{
    struct sockaddr_ll sll;
    memset(&sll, 0, sizeof(sll));
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ethertype);
    sll.sll_ifindex = ifindex;
    sll.sll_halen = PPPOE_MAC_LEN;
    memcpy(sll.sll_addr, dst, PPPOE_MAC_LEN);
    ssize_t w = sendto(fd, pkt, n, MSG_DONTWAIT, (struct sockaddr *)&sll, sizeof(sll));
    if (w < 0)
        return -errno;
    return 0;
}

/* Not ours to read: our own frames (PACKET_OUTGOING), and frames for
 * another host (PACKET_OTHERHOST) — sent to another MAC and seen because
 * the interface is promiscuous (a bridge port, a capture), or tagged for
 * a VLAN that has no interface here, which the kernel hands to every
 * socket of the EtherType with the tag stripped. Taking either would
 * answer an offer, or read a session, meant for somebody else. */
static bool
addressed_to_us(const struct sockaddr_ll *sll)
{
    return sll->sll_pkttype != PACKET_OUTGOING && sll->sll_pkttype != PACKET_OTHERHOST &&
           sll->sll_halen == PPPOE_MAC_LEN;
}

ssize_t
pppoe_sock_recv(int fd, void *buf, size_t cap, uint8_t *src)
{
    struct sockaddr_ll sll;
    socklen_t sl = sizeof(sll);
    for (;;) {
        ssize_t r = recvfrom(fd, buf, cap, MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&sll, &sl);
        if (r < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
        if (!addressed_to_us(&sll) || (size_t)r > cap)
            continue;
        memcpy(src, sll.sll_addr, PPPOE_MAC_LEN);
        return r;
    }
}

uint8_t *
pppoe_batch_slot(struct pppoe_batch *b)
{
    return b->n < PPPOE_BATCH ? b->buf[b->n] : NULL;
}

void
pppoe_batch_queue(struct pppoe_batch *b, int ifindex, uint16_t ethertype, const uint8_t *dst,
                  size_t len)
{
    unsigned i = b->n++;
    struct sockaddr_ll *a = &b->addr[i];
    memset(a, 0, sizeof(*a));
    a->sll_family = AF_PACKET;
    a->sll_protocol = htons(ethertype);
    a->sll_ifindex = ifindex;
    a->sll_halen = PPPOE_MAC_LEN;
    memcpy(a->sll_addr, dst, PPPOE_MAC_LEN);
    b->iov[i] = (struct iovec){ b->buf[i], len };
    memset(&b->msg[i], 0, sizeof(b->msg[i]));
    b->msg[i].msg_hdr.msg_name = a;
    b->msg[i].msg_hdr.msg_namelen = sizeof(*a);
    b->msg[i].msg_hdr.msg_iov = &b->iov[i];
    b->msg[i].msg_hdr.msg_iovlen = 1;
}

void
pppoe_batch_flush(struct pppoe_batch *b, int fd)
{
    unsigned done = 0;
    while (done < b->n) {
        int r = sendmmsg(fd, b->msg + done, b->n - done, MSG_DONTWAIT);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            break;                /* full, or down: the rest are dropped */
        }
        done += (unsigned)r;
    }
    b->n = 0;
}

unsigned
pppoe_batch_recv(struct pppoe_batch *b, int fd)
{
    for (unsigned i = 0; i < PPPOE_BATCH; i++) {
        b->iov[i] = (struct iovec){ b->buf[i], PPPOE_SLOT };
        memset(&b->msg[i], 0, sizeof(b->msg[i]));
        b->msg[i].msg_hdr.msg_name = &b->addr[i];
        b->msg[i].msg_hdr.msg_namelen = sizeof(b->addr[i]);
        b->msg[i].msg_hdr.msg_iov = &b->iov[i];
        b->msg[i].msg_hdr.msg_iovlen = 1;
    }
    int r = recvmmsg(fd, b->msg, PPPOE_BATCH, MSG_DONTWAIT, NULL);
    b->n = r > 0 ? (unsigned)r : 0;
    for (unsigned i = 0; i < b->n; i++)
        if (!addressed_to_us(&b->addr[i]) || (b->msg[i].msg_hdr.msg_flags & MSG_TRUNC))
            b->msg[i].msg_len = 0;
    return b->n;
}

bool
pppoe_mac_unicast(const uint8_t *mac)
{
    static const uint8_t zero[PPPOE_MAC_LEN];
    return !(mac[0] & 1) && memcmp(mac, zero, PPPOE_MAC_LEN) != 0;
}
