/* rasmand's memory of an entry's last addresses (src/daemon/conn_hint.c):
 * the next dial of the same entry by the same uid asks for them; another
 * uid, another entry, another ISP number never do; static addresses stay
 * required, not hinted; the table has a ceiling and evicts the oldest. */
#include <stdio.h>
#include <string.h>

#include "ras.h"

#include "daemon/conn_hint.h"
#include "harness.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

static struct conn_hints hints;

static void
req_for(struct ipc_dial_req *r, const char *entry, const char *phone)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->entry, sizeof(r->entry), "%s", entry);
    snprintf(r->phonebook, sizeof(r->phonebook), "/home/u/.config/openras/rasphone.pbk");
    snprintf(r->phone, sizeof(r->phone), "%s", phone);
    snprintf(r->device_type, sizeof(r->device_type), "modem");
    snprintf(r->device_name, sizeof(r->device_name), "/dev/ttyUSB0");
}

static void
link_up(struct ppp_projection *pr, uint32_t ip, uint32_t dns1, uint32_t dns2)
{
    memset(pr, 0, sizeof(*pr));
    pr->ipcp_up = true;
    pr->local_ip = ip;
    pr->peer_ip = A(10, 9, 9, 1);
    pr->dns1 = dns1;
    pr->dns2 = dns2;
}

static struct ppp_config
applied(const struct ipc_dial_req *r, uid_t uid)
{
    struct ppp_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    conn_hints_apply(&hints, r, uid, &cfg);
    return cfg;
}

static void
t_remembered_per_uid(void)
{
    struct ipc_dial_req r;
    struct ppp_projection pr;
    conn_hints_init(&hints);
    req_for(&r, "My ISP", "555-0100");
    struct ppp_config c = applied(&r, 1000);
    CHECK_EQ(c.hint_ip, 0);
    CHECK_EQ(c.hint_dns1, 0);
    link_up(&pr, A(100, 64, 1, 7), A(192, 0, 2, 53), A(192, 0, 2, 54));
    conn_hints_remember(&hints, &r, 1000, &pr);
    c = applied(&r, 1000);
    CHECK_EQ(c.hint_ip, A(100, 64, 1, 7));
    CHECK_EQ(c.hint_dns1, A(192, 0, 2, 53));
    CHECK_EQ(c.hint_dns2, A(192, 0, 2, 54));
    CHECK_EQ(c.local_ip, 0);        /* a hint, never a required address */
    /* The same entry of the same phonebook, dialed by another user: that
     * user's own memory only (none yet), never uid 1000's address. */
    c = applied(&r, 1001);
    CHECK_EQ(c.hint_ip, 0);
    CHECK_EQ(c.hint_dns1, 0);
    c = applied(&r, 0);
    CHECK_EQ(c.hint_ip, 0);
}

/* Names compare as the phonebook compares them; a different phonebook,
 * number or device is another entry (another ISP, maybe). */
static void
t_keyed_by_entry(void)
{
    struct ipc_dial_req r, other;
    struct ppp_projection pr;
    conn_hints_init(&hints);
    req_for(&r, "My ISP", "555-0100");
    link_up(&pr, A(100, 64, 1, 7), 0, 0);
    conn_hints_remember(&hints, &r, 1000, &pr);
    req_for(&other, "my isp", "555-0100");
    CHECK_EQ(applied(&other, 1000).hint_ip, A(100, 64, 1, 7));
    req_for(&other, "My ISP", "555-0199");
    CHECK_EQ(applied(&other, 1000).hint_ip, 0);
    req_for(&other, "Other", "555-0100");
    CHECK_EQ(applied(&other, 1000).hint_ip, 0);
    req_for(&other, "My ISP", "555-0100");
    snprintf(other.phonebook, sizeof(other.phonebook), "/etc/openras/rasphone.pbk");
    CHECK_EQ(applied(&other, 1000).hint_ip, 0);
    req_for(&other, "My ISP", "555-0100");
    snprintf(other.device_name, sizeof(other.device_name), "/dev/ttyS0");
    CHECK_EQ(applied(&other, 1000).hint_ip, 0);
}

/* Without memory, the entry's own addresses are the hints; an entry that
 * requires its address or DNS servers (RASEO_Specific*) gets no hint for
 * them: those go on the engine as required (conn.c). */
static void
t_entry_addresses(void)
{
    struct ipc_dial_req r;
    struct ppp_projection pr;
    conn_hints_init(&hints);
    req_for(&r, "Static", "555-0100");
    r.ip_addr = A(10, 1, 1, 5);
    r.dns1 = A(10, 1, 1, 1);
    struct ppp_config c = applied(&r, 1000);
    CHECK_EQ(c.hint_ip, A(10, 1, 1, 5));
    CHECK_EQ(c.hint_dns1, A(10, 1, 1, 1));
    CHECK_EQ(c.hint_dns2, 0);
    /* remembered beats the entry's */
    link_up(&pr, A(10, 1, 1, 9), A(10, 1, 1, 2), 0);
    conn_hints_remember(&hints, &r, 1000, &pr);
    c = applied(&r, 1000);
    CHECK_EQ(c.hint_ip, A(10, 1, 1, 9));
    CHECK_EQ(c.hint_dns1, A(10, 1, 1, 2));
    r.options = RASEO_SpecificIpAddr | RASEO_SpecificNameServers;
    c = applied(&r, 1000);
    CHECK_EQ(c.hint_ip, 0);
    CHECK_EQ(c.hint_dns1, 0);
    CHECK_EQ(c.hint_dns2, 0);
}

/* No entry (a number dialed as is), or a link without IPCP: nothing kept. */
static void
t_nothing_kept(void)
{
    struct ipc_dial_req r;
    struct ppp_projection pr;
    conn_hints_init(&hints);
    req_for(&r, "", "555-0100");
    r.flags = IPC_DIAL_NO_ENTRY;
    link_up(&pr, A(100, 64, 1, 7), 0, 0);
    conn_hints_remember(&hints, &r, 1000, &pr);
    CHECK_EQ(applied(&r, 1000).hint_ip, 0);
    req_for(&r, "V6 only", "555-0100");
    pr.ipcp_up = false;
    conn_hints_remember(&hints, &r, 1000, &pr);
    CHECK_EQ(applied(&r, 1000).hint_ip, 0);
    for (unsigned i = 0; i < CONN_HINT_MAX; i++)
        CHECK_EQ(hints.rec[i].key, 0);
}

/* CONN_HINT_MAX records: one more evicts the oldest; remembering an entry
 * again updates its record in place. */
static void
t_ceiling(void)
{
    struct ipc_dial_req r;
    struct ppp_projection pr;
    char name[32];
    conn_hints_init(&hints);
    for (unsigned i = 0; i <= CONN_HINT_MAX; i++) {
        snprintf(name, sizeof(name), "entry %u", i);
        req_for(&r, name, "555-0100");
        link_up(&pr, A(10, 2, i >> 8, i & 255) + 1, 0, 0);
        conn_hints_remember(&hints, &r, 1000, &pr);
        if (i == 0) {   /* entry 0 again, with a new address */
            link_up(&pr, A(10, 3, 0, 1), 0, 0);
            conn_hints_remember(&hints, &r, 1000, &pr);
        }
    }
    req_for(&r, "entry 0", "555-0100");
    CHECK_EQ(applied(&r, 1000).hint_ip, 0);             /* the oldest, evicted */
    req_for(&r, "entry 1", "555-0100");
    CHECK_EQ(applied(&r, 1000).hint_ip, A(10, 2, 0, 1) + 1);
    snprintf(name, sizeof(name), "entry %u", CONN_HINT_MAX);
    req_for(&r, name, "555-0100");
    CHECK_EQ(applied(&r, 1000).hint_ip, A(10, 2, CONN_HINT_MAX >> 8, CONN_HINT_MAX & 255) + 1);
}

int
main(void)
{
    th_run("t_remembered_per_uid", t_remembered_per_uid);
    th_run("t_keyed_by_entry", t_keyed_by_entry);
    th_run("t_entry_addresses", t_entry_addresses);
    th_run("t_nothing_kept", t_nothing_kept);
    th_run("t_ceiling", t_ceiling);
    return th_done();
}
