/* The data path (see net.h). Until the tun/netlink half lands, no
 * connection gets one: the link comes up and reports its projection, and
 * the status says why there is no interface. */
#include "net/net.h"

#include "raserror.h"

uint32_t
net_link_new(struct rasmand *rm, struct ppp *ppp, const struct ppp_projection *pr,
             uint32_t options, struct net_link **out)
{
    (void)rm; (void)ppp; (void)pr; (void)options; (void)out;
    return ERROR_CALL_NOT_IMPLEMENTED;
}

void net_link_pump(struct net_link *n) { (void)n; }
const char *net_link_ifname(const struct net_link *n) { (void)n; return ""; }
void net_link_free(struct net_link *n) { (void)n; }
