/* Taking and comparing rasmon's samples (see sample.h). A sample is one
 * allocation for its connections besides the enumeration it is read from,
 * both freed before the next one: a monitor left running for months
 * holds what one sample needs, no more. */
#include "sample.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "openras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "rastool.h"

static uint32_t
fill_enum(void *ctx, void *buf, DWORD *cb, DWORD *n)
{
    (void)ctx;
    return RasEnumConnectionsA(buf, cb, n);
}

uint64_t
mon_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* c's state and statistics. ERROR_INVALID_HANDLE: it went away between
 * the enumeration and now. */
static DWORD
read_conn(struct mon_conn *c, const RASCONNA *rc)
{
    c->h = rc->hrasconn;
    snprintf(c->entry, sizeof(c->entry), "%s", rc->szEntryName);
    snprintf(c->phonebook, sizeof(c->phonebook), "%s", rc->szPhonebook);
    snprintf(c->device_type, sizeof(c->device_type), "%s", rc->szDeviceType);
    snprintf(c->device_name, sizeof(c->device_name), "%s", rc->szDeviceName);
    c->own = (rc->dwFlags & RASCF_OwnerMatch) != 0;
    RASCONNSTATUSA s;
    memset(&s, 0, sizeof(s));
    s.dwSize = sizeof(s);
    DWORD rc_status = RasGetConnectStatusA(c->h, &s);
    if (rc_status)
        return rc_status;
    c->state = s.rasconnstate;
    c->error = s.dwError;
    c->st.dwSize = sizeof(c->st);
    DWORD rc_stats = RasGetConnectionStatistics(c->h, &c->st);
    if (rc_stats)
        return rc_stats;
    if (c->own)
        return 0;
    DWORD rc_owner = OpenRasGetConnectionOwner(c->h, &c->owner);
    c->owner_known = rc_owner == 0;
    return rc_owner;
}

/* Copies the connections of the enumeration en (n of them) into s, leaving
 * out those gone since. */
static DWORD
read_conns(struct mon_sample *s, const RASCONNA *en, DWORD n)
{
    if (n == 0)
        return 0;
    if (!(s->conns = ras_calloc(n, sizeof(*s->conns))))
        return ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < n; i++) {
        struct mon_conn *c = &s->conns[s->count];
        DWORD rc = read_conn(c, &en[i]);
        if (rc == ERROR_INVALID_HANDLE) {
            memset(c, 0, sizeof(*c));
            continue;
        }
        if (rc)
            return rc;
        s->count++;
    }
    return 0;
}

DWORD
mon_sample_take(struct mon_sample **out)
{
    RASCONNA *en = NULL;
    DWORD n = 0, rc;
    struct mon_sample *s = ras_calloc(1, sizeof(*s));
    if (!s)
        return ERROR_NOT_ENOUGH_MEMORY;
    s->at_ms = mon_now_ms();
    clock_gettime(CLOCK_REALTIME, &s->wall);
    s->daemon.dwSize = sizeof(s->daemon);
    s->daemon_rc = OpenRasGetDaemonInfo(&s->daemon);
    /* no rasmand, or not ours to see: the connections still show */
    if (s->daemon_rc && s->daemon_rc != ERROR_RASMAN_CANNOT_INITIALIZE &&
        s->daemon_rc != ERROR_ACCESS_DENIED) {
        rc = s->daemon_rc;
        goto fail;
    }
    if ((rc = rastool_fetch(fill_enum, NULL, sizeof(RASCONNA), (void **)&en, NULL, &n)) != 0 ||
        (rc = read_conns(s, en, n)) != 0)
        goto fail;
    ras_free(en);
    *out = s;
    return 0;
fail:
    ras_free(en);
    mon_sample_free(s);
    return rc;
}

void
mon_sample_free(struct mon_sample *s)
{
    if (!s)
        return;
    ras_free(s->conns);
    ras_free(s);
}

/* A counter's movement since prev; one that went down was cleared and
 * counts from zero. */
static uint32_t
moved(uint32_t cur, uint32_t prev)
{
    return cur >= prev ? cur - prev : cur;
}

static uint32_t
rate(uint32_t bytes, uint64_t ms)
{
    return ms ? (uint32_t)(((uint64_t)bytes * 1000 + ms / 2) / ms) : 0;
}

void
mon_conn_compare(struct mon_conn *cur, const struct mon_conn *prev, uint64_t elapsed_ms)
{
    static const RAS_STATS zero;
    const RAS_STATS *p = prev ? &prev->st : &zero;
    uint32_t tx = moved(cur->st.dwBytesXmited, p->dwBytesXmited);
    uint32_t rx = moved(cur->st.dwBytesRcved, p->dwBytesRcved);
    /* each error counter on its own: one cleared while another grew still
     * lights ERR */
    static const size_t err_fields[] = {
        offsetof(RAS_STATS, dwCrcErr), offsetof(RAS_STATS, dwTimeoutErr),
        offsetof(RAS_STATS, dwAlignmentErr), offsetof(RAS_STATS, dwHardwareOverrunErr),
        offsetof(RAS_STATS, dwFramingErr), offsetof(RAS_STATS, dwBufferOverrunErr),
    };
    bool err = false;
    for (size_t i = 0; i < sizeof(err_fields) / sizeof(err_fields[0]); i++) {
        uint32_t c, q;
        memcpy(&c, (const char *)&cur->st + err_fields[i], sizeof(c));
        memcpy(&q, (const char *)p + err_fields[i], sizeof(q));
        err |= moved(c, q) != 0;
    }
    cur->lights.tx = tx != 0 || moved(cur->st.dwFramesXmited, p->dwFramesXmited) != 0;
    cur->lights.rx = rx != 0 || moved(cur->st.dwFramesRcved, p->dwFramesRcved) != 0;
    cur->lights.err = err;
    cur->lights.cd = cur->state == RASCS_Connected;
    cur->rated = prev != NULL && elapsed_ms > 0;
    cur->tx_rate = cur->rated ? rate(tx, elapsed_ms) : 0;
    cur->rx_rate = cur->rated ? rate(rx, elapsed_ms) : 0;
}

static const struct mon_conn *
find(const struct mon_sample *s, HRASCONN h)
{
    for (DWORD i = 0; s && i < s->count; i++)
        if (s->conns[i].h == h)
            return &s->conns[i];
    return NULL;
}

void
mon_compare(struct mon_sample *cur, const struct mon_sample *prev)
{
    cur->elapsed_ms = prev && cur->at_ms > prev->at_ms ? cur->at_ms - prev->at_ms : 0;
    for (DWORD i = 0; i < cur->count; i++)
        mon_conn_compare(&cur->conns[i], find(prev, cur->conns[i].h), cur->elapsed_ms);
}

static void
figures_of(struct mon_figures *f, const OPENRAS_DAEMONINFO *d)
{
    f->rss_kib = d->dwRssKib;
    f->private_kib = d->dwPrivateKib;
    f->fds = d->dwDescriptors;
    f->conns = d->dwConnections;
}

static void
widen(uint32_t *low, uint32_t *high, uint32_t v)
{
    if (v < *low)
        *low = v;
    if (v > *high)
        *high = v;
}

void
mon_trend_add(struct mon_trend *t, const struct mon_sample *s)
{
    if (s->daemon_rc)
        return;
    struct mon_figures f;
    figures_of(&f, &s->daemon);
    if (!t->have || t->pid != s->daemon.dwPid) {
        t->have = true;
        t->pid = s->daemon.dwPid;
        t->first = t->low = t->high = f;
        return;
    }
    widen(&t->low.rss_kib, &t->high.rss_kib, f.rss_kib);
    widen(&t->low.private_kib, &t->high.private_kib, f.private_kib);
    widen(&t->low.fds, &t->high.fds, f.fds);
    widen(&t->low.conns, &t->high.conns, f.conns);
}
