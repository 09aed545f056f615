/* The rules of addr_check.h: which peer-supplied IPv4 addresses and IPv6
 * interface identifiers the engine accepts. */
#include "ppp/addr_check.h"

bool
addr_ipv4_usable(uint32_t a)
{
    uint8_t top = (uint8_t)(a >> 24);
    if (top == 0 || top == 127)
        return false;       /* RFC 1122 3.2.1.3: this network; loopback */
    if (top >= 224)
        return false;       /* 224/4 multicast, 240/4 reserved + broadcast */
    return true;
}

bool
addr_ipv4_pair_usable(uint32_t local, uint32_t peer)
{
    return addr_ipv4_usable(local) && addr_ipv4_usable(peer) && local != peer;
}

bool
addr_ifid_usable(uint64_t id)
{
    return id != 0;
}

bool
addr_ifid_pair_usable(uint64_t local, uint64_t peer)
{
    return addr_ifid_usable(local) && addr_ifid_usable(peer) && local != peer;
}
