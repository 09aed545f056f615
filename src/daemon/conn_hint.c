/* The per-uid, per-entry memory of the last link's addresses (conn_hint.h):
 * a small table, no allocation, the oldest record evicted when full. */
#include "daemon/conn_hint.h"

#include <string.h>

#include "ras.h"

#include "ppp/random.h"

/* FNV-1a over s, ASCII case folded when fold (phonebook names compare that
 * way, text_name_eq), then a 0 byte so "ab"+"c" and "a"+"bc" differ. */
static uint64_t
hash_str(uint64_t h, const char *s, bool fold)
{
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        unsigned char c = *p;
        if (fold && c >= 'A' && c <= 'Z')
            c |= 0x20;
        h = (h ^ c) * 0x100000001b3ull;
        if (!c)
            return h;
    }
}

/* The entry's identity under this rasmand's key; never 0 (empty). */
static uint64_t
entry_key(const struct conn_hints *h, const struct ipc_dial_req *req)
{
    uint64_t x = h->seed ^ 0xcbf29ce484222325ull;
    x = hash_str(x, req->phonebook, false);
    x = hash_str(x, req->entry, true);
    x = hash_str(x, req->device_type, true);
    x = hash_str(x, req->device_name, false);
    x = hash_str(x, req->phone, false);
    /* finalizer: every input bit reaches every output bit */
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x ? x : 1;
}

static const struct conn_hint *
find(const struct conn_hints *h, uint64_t key, uid_t uid)
{
    for (unsigned i = 0; i < CONN_HINT_MAX; i++)
        if (h->rec[i].key == key && h->rec[i].uid == uid)
            return &h->rec[i];
    return NULL;
}

void
conn_hints_init(struct conn_hints *h)
{
    /* no engine: random_bytes then reads getrandom(2) */
    static const struct ppp_config no_hook;
    memset(h, 0, sizeof(*h));
    random_bytes(&no_hook, (uint8_t *)&h->seed, sizeof(h->seed));
}

/* The remembered value if there is one, else the entry's own. */
static uint32_t
pick(const struct conn_hint *r, uint32_t remembered, uint32_t entry_value)
{
    return r && remembered ? remembered : entry_value;
}

void
conn_hints_apply(const struct conn_hints *h, const struct ipc_dial_req *req, uid_t uid,
                 struct ppp_config *cfg)
{
    if (req->flags & IPC_DIAL_NO_ENTRY)
        return;
    const struct conn_hint *r = find(h, entry_key(h, req), uid);
    if (!(req->options & RASEO_SpecificIpAddr))
        cfg->hint_ip = pick(r, r ? r->ip : 0, req->ip_addr);
    if (!(req->options & RASEO_SpecificNameServers)) {
        cfg->hint_dns1 = pick(r, r ? r->dns1 : 0, req->dns1);
        cfg->hint_dns2 = pick(r, r ? r->dns2 : 0, req->dns2);
    }
}

/* The record for (key, uid): its own, else an empty one, else the oldest. */
static struct conn_hint *
slot_for(struct conn_hints *h, uint64_t key, uid_t uid)
{
    struct conn_hint *victim = &h->rec[0];
    for (unsigned i = 0; i < CONN_HINT_MAX; i++) {
        struct conn_hint *r = &h->rec[i];
        if (r->key == key && r->uid == uid)
            return r;
        if (victim->key && (!r->key || r->stamp < victim->stamp))
            victim = r;
    }
    return victim;
}

void
conn_hints_remember(struct conn_hints *h, const struct ipc_dial_req *req, uid_t uid,
                    const struct ppp_projection *pr)
{
    if ((req->flags & IPC_DIAL_NO_ENTRY) || !pr->ipcp_up)
        return;
    uint64_t key = entry_key(h, req);
    struct conn_hint *r = slot_for(h, key, uid);
    r->key = key;
    r->uid = uid;
    r->ip = pr->local_ip;
    r->dns1 = pr->dns1;
    r->dns2 = pr->dns2;
    r->stamp = ++h->clock;
}
