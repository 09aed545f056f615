/* The data path's privileged actions (see priv.h): tun through
 * /dev/net/tun, addresses, link and routes through rtnetlink (libmnl),
 * DNS through systemd-resolved (resolvectl) or resolvconf. Netlink
 * requests are answered by the kernel at once; the resolver tools run
 * detached, so nothing here waits on the world. */
#include "net/priv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>

#include "raserror.h"

/* The paths priv_set_test_paths may change (rasmand --test only). */
static struct priv_paths paths = {
    .tun = "/dev/net/tun",
    .resolved_dir = "/run/systemd/resolve",
    .resolvectl = "/usr/bin/resolvectl",
    .resolvconf = "/sbin/resolvconf",
};
/* Requests here are a few hundred bytes; acks are as small. */
#define NL_BUF 8192
#define ROUTE_METRIC 50

static uint32_t
errno_to_ras(int e)
{
    switch (e) {
    case EPERM: case EACCES: return ERROR_ACCESS_DENIED;
    case ENOENT: case ENODEV: case ENXIO: return ERROR_DEVICE_DOES_NOT_EXIST;
    case ENOMEM: case ENOBUFS: return ERROR_NOT_ENOUGH_MEMORY;
    default: return ERROR_CANNOT_SET_PORT_INFO;
    }
}

/* TUNSETIFF, with the vnet header when asked and the kernel takes it. */
static int
tun_set(int fd, unsigned want, struct ifreq *ifr)
{
    memset(ifr, 0, sizeof(*ifr));
    /* IFF_NO_PI: bare IP packets, as PPP carries them */
    ifr->ifr_flags = IFF_TUN | IFF_NO_PI | ((want & PRIV_TUN_VNET) ? IFF_VNET_HDR : 0);
    snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "ras%%d");
    return ioctl(fd, TUNSETIFF, ifr);
}

uint32_t
priv_tun_open(unsigned want, int *out, char *name, size_t cap, unsigned *ifindex,
              unsigned *got)
{
    struct ifreq ifr;
    unsigned have = want & PRIV_TUN_VNET;
    int fd = open(paths.tun, O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno_to_ras(errno);
    int r = tun_set(fd, have, &ifr);
    if (r != 0 && have && errno == EINVAL) {
        have = 0;                 /* a tun without vnet headers: bare packets */
        r = tun_set(fd, have, &ifr);
    }
    if (r != 0) {
        uint32_t rc = errno_to_ras(errno);
        close(fd);
        return rc;
    }
    /* The offloads: checksums left to us, TCP super-packets (TSO, with
     * ECN's CWR). A kernel without them still speaks the vnet header. */
    if (have & PRIV_TUN_VNET)
        (void)ioctl(fd, TUNSETOFFLOAD,
                    (unsigned long)(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN));
    /* SIOCGIFINDEX wants a socket, not the tun descriptor */
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0 || ioctl(s, SIOCGIFINDEX, &ifr) != 0) {
        if (s >= 0)
            close(s);
        close(fd);
        return ERROR_DEVICE_DOES_NOT_EXIST;
    }
    close(s);
    snprintf(name, cap, "%s", ifr.ifr_name);
    *ifindex = (unsigned)ifr.ifr_ifindex;
    *out = fd;
    *got = have;
    return 0;
}

/* Sends one request and reads its acknowledgement. */
static uint32_t
nl_request(struct nlmsghdr *nlh)
{
    char buf[NL_BUF];
    uint32_t rc = 0;
    struct mnl_socket *nl = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
    if (!nl)
        return errno_to_ras(errno);
    if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
        rc = errno_to_ras(errno);
        goto out;
    }
    unsigned portid = mnl_socket_get_portid(nl);
    nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    nlh->nlmsg_seq = (unsigned)time(NULL);
    if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
        rc = errno_to_ras(errno);
        goto out;
    }
    ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
    if (n < 0 || mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, portid, NULL, NULL) < 0)
        rc = errno_to_ras(errno);
out:
    mnl_socket_close(nl);
    return rc;
}

uint32_t
priv_link_config(unsigned ifindex, uint32_t local, uint32_t peer, uint32_t mtu)
{
    char buf[NL_BUF];
    uint32_t rc;

    struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = RTM_NEWADDR;
    nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_REPLACE;
    struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
    ifa->ifa_family = AF_INET;
    ifa->ifa_prefixlen = 32;
    ifa->ifa_scope = RT_SCOPE_UNIVERSE;
    ifa->ifa_index = ifindex;
    mnl_attr_put_u32(nlh, IFA_LOCAL, htonl(local));
    mnl_attr_put_u32(nlh, IFA_ADDRESS, htonl(peer));
    if ((rc = nl_request(nlh)) != 0)
        return rc;

    nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = RTM_NEWLINK;
    struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
    ifi->ifi_family = AF_UNSPEC;
    ifi->ifi_index = (int)ifindex;
    ifi->ifi_change = IFF_UP;
    ifi->ifi_flags = IFF_UP;
    mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
    return nl_request(nlh);
}

uint32_t
priv_default_route(unsigned ifindex)
{
    char buf[NL_BUF];
    struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = RTM_NEWROUTE;
    nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
    struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
    rtm->rtm_family = AF_INET;
    rtm->rtm_dst_len = 0;
    rtm->rtm_table = RT_TABLE_MAIN;
    rtm->rtm_protocol = RTPROT_STATIC;
    rtm->rtm_scope = RT_SCOPE_LINK;      /* point-to-point: no gateway */
    rtm->rtm_type = RTN_UNICAST;
    mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
    mnl_attr_put_u32(nlh, RTA_PRIORITY, ROUTE_METRIC);
    return nl_request(nlh);
}

void
priv_set_test_paths(const struct priv_paths *p)
{
    if (p->tun)
        paths.tun = p->tun;
    if (p->resolved_dir)
        paths.resolved_dir = p->resolved_dir;
    if (p->resolvectl)
        paths.resolvectl = p->resolvectl;
    if (p->resolvconf)
        paths.resolvconf = p->resolvconf;
}

/* Runs argv[0] detached (double fork: no zombie, no wait) with input on
 * its stdin through a pipe small enough never to block. */
static bool
run_detached(char *const argv[], const char *input)
{
    int p[2];
    if (access(argv[0], X_OK) != 0 || pipe2(p, O_CLOEXEC) != 0)
        return false;
    size_t len = strlen(input);
    if (len && write(p[1], input, len) != (ssize_t)len) {
        close(p[0]);
        close(p[1]);
        return false;
    }
    close(p[1]);
    pid_t pid = fork();
    if (pid == 0) {
        if (fork() != 0)
            _exit(0);
        dup2(p[0], 0);
        execv(argv[0], argv);
        _exit(127);
    }
    close(p[0]);
    if (pid < 0)
        return false;
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return true;
}

static void
dotted(char *buf, size_t cap, uint32_t a)
{
    snprintf(buf, cap, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
}

/* systemd-resolved keeps DNS per link: resolvectl dns IFACE ADDR... */
static bool
resolved_apply(const char *ifname, const uint32_t dns[2])
{
    char addr[2][16];
    char *argv[6] = { (char *)paths.resolvectl, (char *)"dns", (char *)ifname };
    int n = 3;
    if (access(paths.resolved_dir, F_OK) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        if (dns[i]) {
            dotted(addr[i], sizeof(addr[i]), dns[i]);
            argv[n++] = addr[i];
        }
    }
    return run_detached(argv, "");
}

static bool
resolvconf_apply(const char *ifname, const uint32_t dns[2])
{
    char text[128], addr[16];
    int n = 0;
    char *argv[] = { (char *)paths.resolvconf, (char *)"-a", (char *)ifname, NULL };
    for (int i = 0; i < 2; i++) {
        if (dns[i]) {
            dotted(addr, sizeof(addr), dns[i]);
            n += snprintf(text + n, sizeof(text) - (size_t)n, "nameserver %s\n", addr);
        }
    }
    return run_detached(argv, text);
}

enum priv_dns
priv_dns_apply(const char *ifname, uint32_t dns1, uint32_t dns2)
{
    const uint32_t dns[2] = { dns1, dns2 };
    if (!dns1 && !dns2)
        return PRIV_DNS_NONE;
    if (resolved_apply(ifname, dns))
        return PRIV_DNS_RESOLVED;
    if (resolvconf_apply(ifname, dns))
        return PRIV_DNS_RESOLVCONF;
    return PRIV_DNS_NONE;
}

void
priv_dns_remove(const char *ifname, enum priv_dns how)
{
    char *revert[] = { (char *)paths.resolvectl, (char *)"revert", (char *)ifname, NULL };
    char *del[] = { (char *)paths.resolvconf, (char *)"-d", (char *)ifname, NULL };
    if (how == PRIV_DNS_RESOLVED)
        run_detached(revert, "");
    else if (how == PRIV_DNS_RESOLVCONF)
        run_detached(del, "");
}
