/* The event loop under rasmand, its ports and its data path: epoll for
 * descriptors, one timerfd for every timer, signalfd for signals. A service
 * below the daemon (ports and net register with it; it knows none of them).
 * Single-threaded; callbacks never block. An object is never freed inside
 * its own callback: owners mark it closing and free it from the end-of-pass
 * hook. */
#ifndef RAS_COMMON_LOOP_H
#define RAS_COMMON_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;

typedef void (*loop_io_fn)(void *ctx, uint32_t events);
/* A registered descriptor. Owned (and closed) by the caller; must stay
 * alive until loop_io_del and the end of the pass. */
struct loop_io {
    int fd;
    loop_io_fn fn;
    void *ctx;
    bool registered;
};

typedef void (*loop_timer_fn)(void *ctx, uint64_t now_ms);
/* A one-shot timer embedded in its owner. */
struct loop_timer {
    uint64_t deadline;            /* absolute ms, CLOCK_MONOTONIC */
    uint64_t armed_pass;          /* fires only in a later pass */
    loop_timer_fn fn;
    void *ctx;
    struct loop_timer *prev, *next;
    bool armed;
};

/* 0, or ERROR_NOT_ENOUGH_MEMORY / the errno-derived RAS error. */
uint32_t loop_new(struct loop **out);
void loop_free(struct loop *l);           /* accepts NULL */

uint64_t loop_now(struct loop *l);        /* this pass's time, ms */
uint64_t loop_clock_ms(void);             /* the clock itself */

/* epoll events (EPOLLIN, EPOLLOUT, ...). 0 or -errno. */
int loop_io_add(struct loop *l, struct loop_io *io, int fd, uint32_t events,
                loop_io_fn fn, void *ctx);
int loop_io_mod(struct loop *l, struct loop_io *io, uint32_t events);
void loop_io_del(struct loop *l, struct loop_io *io);   /* idempotent */

void loop_timer_init(struct loop_timer *t, loop_timer_fn fn, void *ctx);
/* Arms (or re-arms) t for deadline; 0 cancels. A deadline already past
 * fires in the next pass, never in the current one. */
void loop_timer_set(struct loop *l, struct loop_timer *t, uint64_t deadline);
void loop_timer_cancel(struct loop *l, struct loop_timer *t);

/* Called at the end of every pass (the place to free closing objects). */
void loop_set_pass_end(struct loop *l, void (*fn)(void *ctx), void *ctx);
/* Signals to watch (SIGTERM and SIGINT stop the loop unless fn says
 * otherwise). fn NULL = stop on any of them. */
uint32_t loop_watch_signals(struct loop *l, const int *signals, int n,
                            void (*fn)(void *ctx, int sig), void *ctx);
void loop_stop(struct loop *l);
/* Runs until loop_stop. 0, or an error if epoll itself failed. */
uint32_t loop_run(struct loop *l);

#endif
