/* Two struct auth instances back to back on a fake clock (see auth_pair.h). */
#include "auth_pair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
ap_send(void *ctx, uint16_t proto, const uint8_t *pkt, size_t len)
{
    struct ap_end *e = ctx;
    struct ap_pair *ap = e->pair;
    e->sent++;
    if (len > AP_PKT_MAX || ap->qlen == AP_QMAX) {
        ap->overflow++;
        return;
    }
    struct ap_packet *p = &ap->q[(ap->qhead + ap->qlen++) % AP_QMAX];
    p->to = 1 - e->idx;
    p->proto = proto;
    p->len = len;
    memcpy(p->data, pkt, len);
    e->last = *p;
}

static void
ap_done(void *ctx, bool server_side, bool ok, uint32_t error)
{
    struct ap_end *e = ctx;
    int s = server_side ? 1 : 0;
    e->ndone[s]++;
    e->ok[s] = ok;
    e->err[s] = error;
    e->done_at[s] = e->pair->now;
}

static bool
ap_secret(void *ctx, const char *user, char *secret, size_t cap)
{
    struct ap_pair *ap = ctx;
    if (!ap->srv_user || strcmp(user, ap->srv_user) != 0)
        return false;
    size_t n = strlen(ap->srv_password);
    if (n >= cap)
        return false;
    memcpy(secret, ap->srv_password, n + 1);
    return true;
}

static void
ap_random(void *ctx, uint8_t *buf, size_t n)
{
    uint32_t *s = ctx;
    for (size_t i = 0; i < n; i++) {
        *s = *s * 1103515245u + 12345u;
        buf[i] = (uint8_t)(*s >> 16);
    }
}

void
ap_init(struct ap_pair *ap, const char *user, const char *password,
        const char *srv_user, const char *srv_password)
{
    memset(ap, 0, sizeof(*ap));
    ap->seed = 42;
    ap->now = 1000;
    ap->srv_user = srv_user;
    ap->srv_password = srv_password;
    for (int i = 0; i < 2; i++) {
        struct ap_end *e = &ap->e[i];
        e->pair = ap;
        e->idx = i;
        e->cfg.role = i ? PPP_SERVER : PPP_CLIENT;
        e->cfg.user = user;
        e->cfg.password = password;
        e->cfg.hostname = i ? "isp" : NULL;
        e->cfg.secret_fn = ap_secret;
        e->cfg.secret_ctx = ap;
        e->cfg.random_fn = ap_random;
        e->cfg.random_ctx = &ap->seed;
        e->cfg.restart_ms = 1000;
        e->cfg.max_configure = 5;
        e->cfg.auth_timeout_ms = 20000;
        struct auth_callbacks cb = {e, ap_send, ap_done};
        auth_init(&e->a, &e->cfg, &cb);
    }
}

void
ap_start(struct ap_pair *ap, uint32_t method)
{
    auth_start(&ap->e[1].a, 0, method, ap->now);
    auth_start(&ap->e[0].a, method, 0, ap->now);
}

/* Two ends that keep answering each other without the clock moving are a
 * livelock (issue 8: 150,023 packets at one instant); an exchange needs a
 * handful. Hitting this limit is a failure, never a quiet stop. */
#define AP_MAX_PER_INSTANT 10000

static void
count_delivery(struct ap_pair *ap)
{
    if (ap->now != ap->instant) {
        ap->instant = ap->now;
        ap->at_instant = 0;
    }
    if (++ap->at_instant > AP_MAX_PER_INSTANT) {
        fprintf(stderr, "auth_pair: %d packets delivered at t=%llu ms: a livelock\n",
                ap->at_instant, (unsigned long long)ap->now);
        abort();
    }
}

void
ap_shuttle(struct ap_pair *ap)
{
    while (ap->qlen) {
        count_delivery(ap);
        struct ap_packet p = ap->q[ap->qhead];
        ap->qhead = (ap->qhead + 1) % AP_QMAX;
        ap->qlen--;
        if (ap->filter && !ap->filter(ap, &p))
            continue;
        ap->delivered++;
        auth_input(&ap->e[p.to].a, p.proto, p.data, p.len, ap->now);
    }
}

bool
ap_all_done(const struct ap_pair *ap)
{
    for (int i = 0; i < 2; i++) {
        const struct auth *a = &ap->e[i].a;
        if (a->client.method && !ap->e[i].ndone[0])
            return false;
        if (a->server.method && !ap->e[i].ndone[1])
            return false;
    }
    return true;
}

bool
ap_run(struct ap_pair *ap, uint64_t until)
{
    for (;;) {
        ap_shuttle(ap);
        if (ap_all_done(ap))
            return true;
        uint64_t d0 = auth_next_deadline(&ap->e[0].a), d1 = auth_next_deadline(&ap->e[1].a);
        uint64_t d = !d0 ? d1 : !d1 ? d0 : d0 < d1 ? d0 : d1;
        if (!d || d > until)
            return false;
        if (d > ap->now)
            ap->now = d;
        auth_timer(&ap->e[0].a, ap->now);
        auth_timer(&ap->e[1].a, ap->now);
    }
}

void
ap_reset(struct ap_pair *ap)
{
    auth_reset(&ap->e[0].a);
    auth_reset(&ap->e[1].a);
}
