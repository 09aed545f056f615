/* Two engines back to back on a fake clock: see engine_pair.h. */
#include "engine_pair.h"

#include <string.h>

#include "ppp/hdlc.h"

void
ep_random(void *ctx, uint8_t *buf, size_t n)
{
    uint32_t *s = ctx;
    for (size_t i = 0; i < n; i++) {
        *s ^= *s << 13;
        *s ^= *s >> 17;
        *s ^= *s << 5;
        buf[i] = (uint8_t)(*s >> 7);
    }
}

static void
common_config(struct ppp_config *c, uint32_t *seed)
{
    memset(c, 0, sizeof(*c));
    c->random_fn = ep_random;
    c->random_ctx = seed;
    c->restart_ms = 1000;
    c->echo_interval_ms = 5000;
    c->echo_failures = 3;
}

void
ep_client_config(struct ppp_config *c, uint32_t *seed)
{
    common_config(c, seed);
    c->role = PPP_CLIENT;
    c->request_dns = true;
    c->user = "client";
    c->password = "secret";
}

void
ep_server_config(struct ppp_config *c, uint32_t *seed)
{
    common_config(c, seed);
    c->role = PPP_SERVER;
    c->local_ip = 0x0a000001;
    c->peer_ip = 0x0a000002;
    c->dns1 = 0x0a000001;
    c->dns2 = 0x08080808;
}

bool
ep_init(struct ep_pair *e, const struct ppp_config *a, const struct ppp_config *b)
{
    memset(e, 0, sizeof(*e));
    e->now = 1000;
    e->s[0].ppp = ppp_new(a);
    e->s[1].ppp = ppp_new(b);
    if (!e->s[0].ppp || !e->s[1].ppp) {
        ep_free(e);
        return false;
    }
    return true;
}

void
ep_free(struct ep_pair *e)
{
    ppp_free(e->s[0].ppp);
    ppp_free(e->s[1].ppp);
    e->s[0].ppp = e->s[1].ppp = NULL;
}

void
ep_start(struct ep_pair *e)
{
    ppp_start(e->s[0].ppp, e->now);
    ppp_start(e->s[1].ppp, e->now);
}

void
ep_drain_events(struct ep_pair *e)
{
    for (int i = 0; i < 2; i++) {
        struct ep_side *s = &e->s[i];
        struct ppp_event ev;
        while (ppp_poll_event(s->ppp, &ev)) {
            if (s->nev < EP_MAX_EVENTS)
                s->ev[s->nev++] = ev;
            if (ev.type == PPP_EV_DOWN) {
                s->down = true;
                s->down_error = ev.error;
                s->down_at = e->now;
            }
        }
    }
}

struct fwd {
    struct ep_pair *e;
    int from;
};

static void
forward_frame(void *ctx, const uint8_t *frame, size_t len)
{
    struct fwd *f = ctx;
    struct ep_pair *e = f->e;
    e->s[f->from].frames_out++;
    if (e->cut)
        return;
    if (e->filter && !e->filter(e->filter_ctx, f->from, frame, len))
        return;
    uint8_t out[HDLC_ENCODE_BOUND(HDLC_MAX_FRAME)];
    size_t n = hdlc_encode(0xffffffffu, false, frame, len, out, sizeof(out));
    ppp_input(e->s[1 - f->from].ppp, out, n, e->now);
}

void
ep_decode_all(const uint8_t *bytes, size_t n, ep_frame_fn fn, void *ctx)
{
    static struct hdlc_decoder d;   /* tests are single-threaded */
    hdlc_decoder_init(&d);
    hdlc_decode(&d, bytes, n, fn, ctx);
}

size_t
ep_frame(uint16_t proto, const uint8_t *payload, size_t len, uint8_t *buf, size_t cap)
{
    uint8_t frame[HDLC_MAX_FRAME];
    frame[0] = 0xff;
    frame[1] = 0x03;
    frame[2] = (uint8_t)(proto >> 8);
    frame[3] = (uint8_t)proto;
    memcpy(frame + 4, payload, len);
    return hdlc_encode(0xffffffffu, false, frame, len + 4, buf, cap);
}

void
ep_shuttle(struct ep_pair *e)
{
    static uint8_t buf[65536];
    for (int rounds = 0; rounds < 1000; rounds++) {
        bool moved = false;
        for (int i = 0; i < 2; i++) {
            size_t n = ppp_output(e->s[i].ppp, buf, sizeof(buf));
            if (n) {
                moved = true;
                struct fwd f = {e, i};
                ep_decode_all(buf, n, forward_frame, &f);
            }
        }
        ep_drain_events(e);
        if (!moved)
            break;
    }
}

bool
ep_both_up(struct ep_pair *e)
{
    return ep_has_event(&e->s[0], PPP_EV_NETWORK_UP) && ep_has_event(&e->s[1], PPP_EV_NETWORK_UP);
}

bool
ep_both_down(struct ep_pair *e)
{
    return e->s[0].down && e->s[1].down;
}

bool
ep_has_event(const struct ep_side *s, enum ppp_event_type t)
{
    for (int i = 0; i < s->nev; i++)
        if (s->ev[i].type == t)
            return true;
    return false;
}

bool
ep_run(struct ep_pair *e, uint64_t until, bool (*done)(struct ep_pair *e))
{
    if (!done)
        done = ep_both_down;
    for (;;) {
        ep_shuttle(e);
        if (done(e))
            return true;
        uint64_t d0 = ppp_next_deadline(e->s[0].ppp), d1 = ppp_next_deadline(e->s[1].ppp);
        uint64_t d = d0 && d1 ? (d0 < d1 ? d0 : d1) : (d0 ? d0 : d1);
        if (!d || d > until)
            return false;
        if (d > e->now)
            e->now = d;
        ppp_timer(e->s[0].ppp, e->now);
        ppp_timer(e->s[1].ppp, e->now);
    }
}
