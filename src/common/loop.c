/* The event loop (see loop.h). Timers are a short list scanned for the
 * earliest deadline: rasmand holds a few timers per connection and at most
 * a few hundred connections, so a heap would buy nothing. */
#include "common/loop.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"

#define LOOP_MAX_EVENTS 64

struct loop {
    int epfd, tfd, sfd;
    struct loop_io timer_io, signal_io;
    struct loop_timer *timers;    /* armed timers, unordered */
    uint64_t now, pass;
    bool stop;
    void (*pass_end)(void *ctx);
    void *pass_end_ctx;
    void (*on_signal)(void *ctx, int sig);
    void *signal_ctx;
    uint64_t timerfd_at;          /* what tfd is armed for, 0 = disarmed */
};

uint64_t
loop_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000 + 1;
}

uint64_t
loop_now(struct loop *l)
{
    return l->now;
}

static void
timer_fd_ready(void *ctx, uint32_t events)
{
    struct loop *l = ctx;
    uint64_t expirations;
    (void)events;
    /* Only drains the timerfd: due timers run after the descriptors of
     * each pass; the next pass re-arms it. */
    (void)!read(l->tfd, &expirations, sizeof(expirations));
    l->timerfd_at = 0;
}

uint32_t
loop_new(struct loop **out)
{
    struct loop *l = ras_calloc(1, sizeof(*l));
    if (!l)
        return ERROR_NOT_ENOUGH_MEMORY;
    l->sfd = -1;
    l->epfd = epoll_create1(EPOLL_CLOEXEC);
    l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (l->epfd < 0 || l->tfd < 0 ||
        loop_io_add(l, &l->timer_io, l->tfd, EPOLLIN, timer_fd_ready, l) != 0) {
        loop_free(l);
        return ERROR_CANNOT_SET_PORT_INFO;
    }
    l->now = loop_clock_ms();
    *out = l;
    return 0;
}

void
loop_free(struct loop *l)
{
    if (!l)
        return;
    if (l->sfd >= 0)
        close(l->sfd);
    if (l->tfd >= 0)
        close(l->tfd);
    if (l->epfd >= 0)
        close(l->epfd);
    ras_free(l);
}

int
loop_io_add(struct loop *l, struct loop_io *io, int fd, uint32_t events, loop_io_fn fn,
            void *ctx)
{
    struct epoll_event ev = { .events = events, .data.ptr = io };
    io->fd = fd;
    io->fn = fn;
    io->ctx = ctx;
    if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        io->registered = false;
        return -errno;
    }
    io->registered = true;
    return 0;
}

int
loop_io_mod(struct loop *l, struct loop_io *io, uint32_t events)
{
    struct epoll_event ev = { .events = events, .data.ptr = io };
    if (!io->registered)
        return -EINVAL;
    return epoll_ctl(l->epfd, EPOLL_CTL_MOD, io->fd, &ev) == 0 ? 0 : -errno;
}

void
loop_io_del(struct loop *l, struct loop_io *io)
{
    if (!io->registered)
        return;
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, io->fd, NULL);
    io->registered = false;
}

void
loop_timer_init(struct loop_timer *t, loop_timer_fn fn, void *ctx)
{
    memset(t, 0, sizeof(*t));
    t->fn = fn;
    t->ctx = ctx;
}

void
loop_timer_cancel(struct loop *l, struct loop_timer *t)
{
    if (!t->armed)
        return;
    if (t->prev)
        t->prev->next = t->next;
    else
        l->timers = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->prev = t->next = NULL;
    t->armed = false;
    t->deadline = 0;
}

void
loop_timer_set(struct loop *l, struct loop_timer *t, uint64_t deadline)
{
    loop_timer_cancel(l, t);
    if (deadline == 0)
        return;
    t->deadline = deadline;
    t->armed_pass = l->pass;
    t->armed = true;
    t->prev = NULL;
    t->next = l->timers;
    if (l->timers)
        l->timers->prev = t;
    l->timers = t;
}

void
loop_set_pass_end(struct loop *l, void (*fn)(void *ctx), void *ctx)
{
    l->pass_end = fn;
    l->pass_end_ctx = ctx;
}

static void
signal_ready(void *ctx, uint32_t events)
{
    struct loop *l = ctx;
    struct signalfd_siginfo si;
    (void)events;
    while (read(l->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        if (l->on_signal)
            l->on_signal(l->signal_ctx, (int)si.ssi_signo);
        else
            l->stop = true;
    }
}

uint32_t
loop_watch_signals(struct loop *l, const int *signals, int n, void (*fn)(void *ctx, int sig),
                   void *ctx)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < n; i++)
        sigaddset(&set, signals[i]);
    if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
        return ERROR_CANNOT_SET_PORT_INFO;
    l->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (l->sfd < 0 || loop_io_add(l, &l->signal_io, l->sfd, EPOLLIN, signal_ready, l) != 0)
        return ERROR_CANNOT_SET_PORT_INFO;
    l->on_signal = fn;
    l->signal_ctx = ctx;
    return 0;
}

void
loop_stop(struct loop *l)
{
    l->stop = true;
}

/* Runs every timer that was due at the start of the pass and armed in an
 * earlier one. A callback may arm or cancel any timer, so the scan starts
 * over after each call. */
static void
run_timers(struct loop *l)
{
    for (;;) {
        struct loop_timer *due = NULL;
        for (struct loop_timer *t = l->timers; t; t = t->next)
            if (t->deadline <= l->now && t->armed_pass < l->pass &&
                (!due || t->deadline < due->deadline))
                due = t;
        if (!due)
            return;
        loop_timer_cancel(l, due);
        due->fn(due->ctx, l->now);
    }
}

static void
arm_timerfd(struct loop *l)
{
    uint64_t next = 0;
    for (struct loop_timer *t = l->timers; t; t = t->next)
        if (!next || t->deadline < next)
            next = t->deadline;
    if (next == l->timerfd_at)
        return;
    struct itimerspec its;
    memset(&its, 0, sizeof(its));
    if (next) {
        /* loop_clock_ms adds 1 so that no time is 0; undo it here. A
         * deadline already past fires at once. */
        uint64_t ms = next - 1;
        its.it_value.tv_sec = (time_t)(ms / 1000);
        its.it_value.tv_nsec = (long)(ms % 1000) * 1000000;
        if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
            its.it_value.tv_nsec = 1;
    }
    timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL);
    l->timerfd_at = next;
}

uint32_t
loop_run(struct loop *l)
{
    struct epoll_event ev[LOOP_MAX_EVENTS];
    l->stop = false;
    while (!l->stop) {
        arm_timerfd(l);
        int n = epoll_wait(l->epfd, ev, LOOP_MAX_EVENTS, -1);
        if (n < 0 && errno != EINTR)
            return ERROR_CANNOT_SET_PORT_INFO;
        l->pass++;
        l->now = loop_clock_ms();
        for (int i = 0; i < n; i++) {
            struct loop_io *io = ev[i].data.ptr;
            /* deleted earlier in this pass: the owner may be closing */
            if (io->registered)
                io->fn(io->ctx, ev[i].events);
        }
        run_timers(l);
        if (l->pass_end)
            l->pass_end(l->pass_end_ctx);
    }
    return 0;
}
