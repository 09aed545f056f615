/* The bridge's relay from libras's notifier thread to the Windows thread
 * (src/wine/dial_relay.c), on Linux alone: order, the end of a dial
 * (final state, RasDialFunc2 returning 0, RasHangUp, a refused dial),
 * late events of ended dials, a full ring, RasConnectionNotification's
 * eventfds, and the thread's life: it is wanted only while a dial or a
 * registration is live, and everything it held is closed when it ends
 * (the harness checks fds after every test). */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#include "wine/dial_relay.h"

#define CONNECTED 0x2000u

static const struct dial_relay_target tgt = { .type = 2, .fn = (void *)0x1234,
                                              .callback_id = 77 };

static int signalled, released;
static void *last_signalled;

static void
fake_signal(void *ev)
{
    signalled++;
    last_signalled = ev;
}

static void
fake_release(void *ev)
{
    (void)ev;
    released++;
}

/* Runs the Windows thread's loop on this thread until it says stop,
 * collecting what it would deliver (at most max). */
static unsigned
drain(struct dial_relay_call *got, unsigned max)
{
    unsigned n = 0;
    struct dial_relay_call c;
    while (dial_relay_next(&c)) {
        if (n < max)
            got[n] = c;
        n++;
        dial_relay_done(&c, true);
    }
    return n;
}

/* The thread as dial_win.c runs it, ended once nothing is live. */
static void
run_thread_to_end(void)
{
    struct dial_relay_call c;
    while (dial_relay_wait())
        while (dial_relay_next(&c))
            dial_relay_done(&c, true);
    CHECK(!dial_relay_counts().running);
}

static void
t_states_in_order_until_connected(void)
{
    uint32_t id;
    bool failed;
    REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
    CHECK(id != 0);
    dial_relay_started(id, 0x10001);
    CHECK(dial_relay_thread_needed(&failed));
    CHECK(!failed);
    CHECK(!dial_relay_thread_needed(&failed));    /* one thread */
    for (uint32_t s = 0; s < 3; s++)
        CHECK_EQ(dial_relay_push(id, 0x10001, 1, s, 0, 0), 1);
    CHECK_EQ(dial_relay_push(id, 0x10001, 1, CONNECTED, 0, 0), 1);
    struct dial_relay_call got[8];
    CHECK_EQ(drain(got, 8), 4);
    CHECK_EQ(got[0].state, 0);
    CHECK_EQ(got[2].state, 2);
    CHECK_EQ(got[3].state, CONNECTED);
    CHECK_EQ(got[3].handle, 0x10001);
    CHECK_EQ(got[3].t.callback_id, 77);
    CHECK(got[3].t.fn == tgt.fn);
    /* Connected ends the dial: libras is told to stop */
    CHECK_EQ(dial_relay_counts().dials, 0);
    CHECK_EQ(dial_relay_push(id, 0x10001, 1, 0x2001, 0, 0), 0);
    CHECK(!dial_relay_wait());                    /* the thread returns */
    CHECK(!dial_relay_counts().running);
}

static void
t_error_ends_the_dial(void)
{
    uint32_t id;
    bool failed;
    REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
    dial_relay_started(id, 5);
    CHECK(dial_relay_thread_needed(&failed));
    dial_relay_push(id, 5, 1, 2, 678, 0);
    struct dial_relay_call got[2];
    CHECK_EQ(drain(got, 2), 1);
    CHECK_EQ(got[0].error, 678);
    CHECK_EQ(dial_relay_counts().dials, 0);
    run_thread_to_end();
}

static void
t_refused_dial_starts_nothing(void)
{
    /* the KB Q257647 loop: RasDial with a notifier on an unknown entry */
    bool failed;
    for (int i = 0; i < 100000; i++) {
        uint32_t id;
        REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
        dial_relay_end(id);
    }
    CHECK_EQ(dial_relay_counts().dials, 0);
    CHECK(!dial_relay_thread_needed(&failed));
    CHECK(!dial_relay_counts().running);
}

static void
t_func2_zero_stops_reports(void)
{
    uint32_t id;
    bool failed;
    REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
    dial_relay_started(id, 9);
    CHECK(dial_relay_thread_needed(&failed));
    dial_relay_push(id, 9, 1, 0, 0, 0);
    dial_relay_push(id, 9, 1, 1, 0, 0);
    struct dial_relay_call c;
    REQUIRE(dial_relay_next(&c));
    dial_relay_done(&c, false);                   /* the program said 0 */
    CHECK(!dial_relay_next(&c));                  /* state 1 is dropped */
    CHECK_EQ(dial_relay_push(id, 9, 1, 2, 0, 0), 0);
    run_thread_to_end();
}

static void
t_hangup_forgets_queued_states(void)
{
    uint32_t a, b;
    bool failed;
    REQUIRE_EQ(dial_relay_begin(&tgt, &a), 0);
    REQUIRE_EQ(dial_relay_begin(&tgt, &b), 0);
    dial_relay_started(a, 100);
    dial_relay_started(b, 200);
    CHECK(dial_relay_thread_needed(&failed));
    dial_relay_push(a, 100, 1, 0, 0, 0);
    dial_relay_push(b, 200, 1, 0, 0, 0);
    dial_relay_push(a, 100, 1, 1, 0, 0);
    dial_relay_forget(100);
    struct dial_relay_call got[4];
    CHECK_EQ(drain(got, 4), 1);                   /* only b's */
    CHECK_EQ(got[0].handle, 200);
    CHECK_EQ(dial_relay_push(a, 100, 1, 2, 0, 0), 0);
    dial_relay_push(b, 200, 1, CONNECTED, 0, 0);
    CHECK_EQ(drain(got, 4), 1);
    run_thread_to_end();
}

static void
t_slots_run_out_and_come_back(void)
{
    uint32_t ids[DIAL_RELAY_MAX_DIALS], extra;
    for (unsigned i = 0; i < DIAL_RELAY_MAX_DIALS; i++)
        REQUIRE_EQ(dial_relay_begin(&tgt, &ids[i]), 0);
    CHECK_EQ(dial_relay_begin(&tgt, &extra), 8);
    dial_relay_end(ids[3]);
    REQUIRE_EQ(dial_relay_begin(&tgt, &extra), 0);
    CHECK(extra != ids[3]);                       /* new generation */
    dial_relay_end(ids[3]);                       /* stale: no effect */
    CHECK_EQ(dial_relay_counts().dials, DIAL_RELAY_MAX_DIALS);
    for (unsigned i = 0; i < DIAL_RELAY_MAX_DIALS; i++)
        dial_relay_end(i == 3 ? extra : ids[i]);
    CHECK_EQ(dial_relay_counts().dials, 0);
}

struct pusher {
    uint32_t id;
    int pushed;
};

static void *
push_many(void *arg)
{
    struct pusher *p = arg;
    for (uint32_t s = 0; s < 3 * DIAL_RELAY_RING; s++)
        p->pushed += dial_relay_push(p->id, 7, 1, s % 20, 0, 0);
    dial_relay_push(p->id, 7, 1, CONNECTED, 0, 0);
    return NULL;
}

static void
t_full_ring_holds_libras_back(void)
{
    struct pusher p = { 0 };
    bool failed;
    pthread_t th;
    REQUIRE_EQ(dial_relay_begin(&tgt, &p.id), 0);
    dial_relay_started(p.id, 7);
    CHECK(dial_relay_thread_needed(&failed));
    REQUIRE_EQ(pthread_create(&th, NULL, push_many, &p), 0);
    unsigned n = 0;
    uint32_t expect = 0;
    bool in_order = true;
    struct dial_relay_call c;
    while (dial_relay_wait()) {
        while (dial_relay_next(&c)) {
            if (c.state != CONNECTED && c.state != expect % 20)
                in_order = false;
            expect++;
            n++;
            dial_relay_done(&c, true);
        }
    }
    pthread_join(th, NULL);
    CHECK(in_order);
    CHECK_EQ(n, 3 * DIAL_RELAY_RING + 1);         /* none dropped */
    CHECK_EQ(p.pushed, 3 * DIAL_RELAY_RING);
}

static void
t_registration_sets_event_and_closes(void)
{
    int ev_a = 0, ev_b = 0;                       /* the program's events */
    int efd = -1, efd2 = -1;
    bool failed;
    signalled = released = 0;
    REQUIRE_EQ(dial_relay_reg_add(0, &ev_a, (void *)0xd0, &efd), 0);
    REQUIRE(efd >= 0);
    CHECK_EQ(dial_relay_reg_fd(0, &ev_a), efd);
    CHECK_EQ(dial_relay_reg_fd(0, &ev_b), -1);
    /* the same pair again reuses it and releases the second duplicate */
    REQUIRE_EQ(dial_relay_reg_add(0, &ev_a, (void *)0xd1, &efd2), 0);
    CHECK_EQ(efd2, efd);
    CHECK_EQ(released, 1);
    CHECK(dial_relay_thread_needed(&failed));
    /* libras's notifier thread writes the eventfd */
    uint64_t one = 1;
    CHECK_EQ(write(efd, &one, sizeof(one)), sizeof(one));
    CHECK(dial_relay_wait());
    CHECK_EQ(signalled, 1);
    CHECK(last_signalled == (void *)0xd0);
    dial_relay_reg_drop(0, &ev_a);
    CHECK_EQ(released, 2);
    CHECK_EQ(dial_relay_counts().regs, 0);
    CHECK(!dial_relay_wait());                    /* fd closed, thread ends */
}

static void
t_registration_dropped_without_thread(void)
{
    int ev = 0;
    int efd = -1;
    released = 0;
    REQUIRE_EQ(dial_relay_reg_add(42, &ev, (void *)0xd2, &efd), 0);
    dial_relay_reg_drop(42, &ev);                 /* closes at once */
    CHECK_EQ(released, 1);
    dial_relay_reg_drop(42, &ev);                 /* twice: nothing */
    CHECK_EQ(released, 1);
}

static void
t_registrations_run_out(void)
{
    int ev[DIAL_RELAY_MAX_REGS + 1] = { 0 };
    int efd;
    released = 0;
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        REQUIRE_EQ(dial_relay_reg_add(0, &ev[i], NULL, &efd), 0);
    CHECK_EQ(dial_relay_reg_add(0, &ev[DIAL_RELAY_MAX_REGS], NULL, &efd), 8);
    CHECK_EQ(released, 1);                        /* the refused duplicate */
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        dial_relay_reg_drop(0, &ev[i]);
    CHECK_EQ(dial_relay_counts().regs, 0);
}

struct blocked {
    uint32_t id;
    int last;
};

static void *
push_until_refused(void *arg)
{
    struct blocked *b = arg;
    while ((b->last = dial_relay_push(b->id, 3, 1, 1, 0, 0)) == 1)
        ;
    return NULL;
}

/* At exit nobody drains the ring: a push waiting for room gives up, so
 * libras's destructor can join its notifier thread. Last: the relay stays
 * shut. */
static void
t_shutdown_frees_a_blocked_push(void)
{
    struct blocked b = { 0, 1 };
    pthread_t th;
    REQUIRE_EQ(dial_relay_begin(&tgt, &b.id), 0);
    dial_relay_started(b.id, 3);
    REQUIRE_EQ(pthread_create(&th, NULL, push_until_refused, &b), 0);
    while (!dial_relay_counts().dials)
        ;
    usleep(50 * 1000);            /* the ring fills, the pusher waits */
    dial_relay_shutdown();
    pthread_join(th, NULL);
    CHECK_EQ(b.last, 0);
    dial_relay_end(b.id);
    struct dial_relay_call c;
    while (dial_relay_next(&c))
        ;
}

int
main(void)
{
    static const struct dial_relay_ops ops = { fake_signal, fake_release };
    dial_relay_set_ops(&ops);
    TH_RUN(t_states_in_order_until_connected);
    TH_RUN(t_error_ends_the_dial);
    TH_RUN(t_refused_dial_starts_nothing);
    TH_RUN(t_func2_zero_stops_reports);
    TH_RUN(t_hangup_forgets_queued_states);
    TH_RUN(t_slots_run_out_and_come_back);
    TH_RUN(t_full_ring_holds_libras_back);
    TH_RUN(t_registration_sets_event_and_closes);
    TH_RUN(t_registration_dropped_without_thread);
    TH_RUN(t_registrations_run_out);
    TH_RUN(t_shutdown_frees_a_blocked_push);
    return th_done();
}
