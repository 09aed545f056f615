/* Test support: two engines back to back on a fake clock. Frames are moved
 * one at a time (decoded from one side's output, optionally filtered, framed
 * again into the other's input), so tests can drop, count or alter them. */
#ifndef RAS_TESTS_PPP_ENGINE_PAIR_H
#define RAS_TESTS_PPP_ENGINE_PAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppp/ppp.h"

#define EP_MAX_EVENTS 64

struct ep_side {
    struct ppp *ppp;
    struct ppp_event ev[EP_MAX_EVENTS];
    int nev;
    bool down;
    uint32_t down_error;
    uint64_t down_at;
    uint32_t frames_out;        /* frames this side emitted */
};

/* Filter: return false to drop the frame (from side `from`, 0 or 1). The
 * frame is the decoded content (address/control, protocol, payload). */
typedef bool (*ep_filter_fn)(void *ctx, int from, const uint8_t *frame, size_t len);

struct ep_pair {
    struct ep_side s[2];
    uint64_t now;
    ep_filter_fn filter;
    void *filter_ctx;
    bool cut;                   /* line cut: nothing is delivered */
};

/* A deterministic random_fn: ctx points at a uint32_t seed. */
void ep_random(void *ctx, uint8_t *buf, size_t n);
/* A client and server config with test-friendly defaults (restart 1 s). */
void ep_client_config(struct ppp_config *c, uint32_t *seed);
void ep_server_config(struct ppp_config *c, uint32_t *seed);

/* Creates both (returns false on allocation failure, nothing leaked). */
bool ep_init(struct ep_pair *e, const struct ppp_config *a, const struct ppp_config *b);
void ep_free(struct ep_pair *e);
void ep_start(struct ep_pair *e);
/* Moves frames until both output queues are empty; drains events. */
void ep_shuttle(struct ep_pair *e);
/* Takes queued events into e->s[].ev without moving frames. */
void ep_drain_events(struct ep_pair *e);
/* Runs the clock (firing timers, shuttling) until done(e) or now > until.
 * Returns true if done. done NULL = until both are down. */
bool ep_run(struct ep_pair *e, uint64_t until, bool (*done)(struct ep_pair *e));
bool ep_both_up(struct ep_pair *e);
bool ep_both_down(struct ep_pair *e);
bool ep_has_event(const struct ep_side *s, enum ppp_event_type t);
/* Decodes raw line bytes into frames (for scripted peers). */
typedef void (*ep_frame_fn)(void *ctx, const uint8_t *frame, size_t len);
void ep_decode_all(const uint8_t *bytes, size_t n, ep_frame_fn fn, void *ctx);
/* Frames (FF 03 + proto + payload) into buf; returns the length. */
size_t ep_frame(uint16_t proto, const uint8_t *payload, size_t len, uint8_t *buf, size_t cap);

#endif
