/* A scripted stand-in for rasmand's event loop, for fuzz targets that
 * compile a port's source in (so its static dialog is reachable and
 * instrumented): time only moves when the target says, and a timer fires
 * only when the target asks. Include it AFTER the port's .c file, which
 * brings the loop's types (wherever the loop's header lives) with it. */
#ifndef RAS_TESTS_FUZZ_FAKE_LOOP_H
#define RAS_TESTS_FUZZ_FAKE_LOOP_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_LOOP_TIMERS 8

struct loop {
    uint64_t now;
    struct loop_timer *timers[FAKE_LOOP_TIMERS];
    size_t ntimers;
    int ios;                      /* registered descriptors */
};

uint64_t
loop_now(struct loop *l)
{
    return l->now;
}

int
loop_io_add(struct loop *l, struct loop_io *io, int fd, uint32_t events, loop_io_fn fn,
            void *ctx)
{
    (void)events;
    io->fd = fd;
    io->fn = fn;
    io->ctx = ctx;
    io->registered = true;
    l->ios++;
    return 0;
}

int
loop_io_mod(struct loop *l, struct loop_io *io, uint32_t events)
{
    (void)l;
    (void)events;
    return io->registered ? 0 : -ENOENT;
}

void
loop_io_del(struct loop *l, struct loop_io *io)
{
    if (io->registered)
        l->ios--;
    io->registered = false;
}

void
loop_timer_init(struct loop_timer *t, loop_timer_fn fn, void *ctx)
{
    memset(t, 0, sizeof(*t));
    t->fn = fn;
    t->ctx = ctx;
}

/* As the real loop: deadline 0 cancels. */
void
loop_timer_set(struct loop *l, struct loop_timer *t, uint64_t deadline)
{
    size_t i = 0;
    t->armed = false;
    if (deadline == 0)
        return;
    while (i < l->ntimers && l->timers[i] != t)
        i++;
    if (i == l->ntimers) {
        if (l->ntimers == FAKE_LOOP_TIMERS)
            abort();              /* the port has more timers than we track */
        l->timers[l->ntimers++] = t;
    }
    t->deadline = deadline;
    t->armed = true;
}

void
loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
    (void)l;
    t->armed = false;
}

/* The earliest armed timer, or NULL. */
static inline struct loop_timer *
fake_loop_next(struct loop *l)
{
    struct loop_timer *next = NULL;
    for (size_t i = 0; i < l->ntimers; i++)
        if (l->timers[i]->armed && (!next || l->timers[i]->deadline < next->deadline))
            next = l->timers[i];
    return next;
}

/* Timers fired by one advance beyond which the port is taken to re-arm a
 * timer for ever without the clock moving: a busy loop in rasmand. */
#define FAKE_LOOP_MAX_FIRES 100000

/* Moves the clock to until, firing each timer that falls due on the way, in
 * deadline order. Returns how many fired. */
static inline int
fake_loop_advance(struct loop *l, uint64_t until)
{
    int fired = 0;
    struct loop_timer *t;
    while ((t = fake_loop_next(l)) != NULL && t->deadline <= until) {
        if (t->deadline > l->now)
            l->now = t->deadline;
        t->armed = false;
        t->fn(t->ctx, l->now);
        if (++fired > FAKE_LOOP_MAX_FIRES)
            abort();
    }
    if (until > l->now)
        l->now = until;
    return fired;
}

/* Fires the next timer whenever it is due; false if none is armed. */
static inline bool
fake_loop_step(struct loop *l)
{
    struct loop_timer *t = fake_loop_next(l);
    if (!t)
        return false;
    fake_loop_advance(l, t->deadline > l->now ? t->deadline : l->now);
    return true;
}

#endif
