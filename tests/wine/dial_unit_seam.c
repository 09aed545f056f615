/* The bridge's dialing seam (src/wine/dial_ras.c) and relay
 * (dial_relay.c) against a private rasmand, on Linux alone: this test's
 * thread plays the Windows thread. An asynchronous dial's states arrive
 * through the relay in order up to Connected; status, enumeration,
 * projections and statistics come back in libras's layout; RasHangUp
 * stops the reports; a RasConnectionNotification eventfd fires; an
 * unknown entry (the KB Q257647 loop) allocates nothing and starts no
 * thread. argv[1] is rasmand; with --fault, allocation-failure sweeps over
 * the seam's own allocations (the enumeration). */
#include <stdio.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"
#include "wine/dial_ras.h"
#include "wine/dial_relay.h"

static void
add_entry(const char *name)
{
    RASENTRYA e;
    rmf_entry(&e);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "555");
    REQUIRE_EQ(RasSetEntryPropertiesA(th_pbk(), name, &e, sizeof(e), NULL, 0), 0);
}

static void
params(WL_RASDIALPARAMSA *p, const char *entry)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", entry);
    snprintf(p->szUserName, sizeof(p->szUserName), "demo");
    snprintf(p->szPassword, sizeof(p->szPassword), "demo");
}

static const struct dial_relay_target tgt = { .type = 1, .fn = (void *)1 };

/* The Windows thread's loop, here: every state delivered, until the
 * thread would return (nothing live). */
static unsigned
run_relay(uint32_t *states, unsigned max, uint64_t *handle)
{
    struct dial_relay_call c;
    unsigned n = 0;
    while (dial_relay_wait()) {
        while (dial_relay_next(&c)) {
            if (n < max)
                states[n] = c.state;
            n++;
            *handle = c.handle;
            dial_relay_done(&c, true);
        }
    }
    return n;
}

static uint64_t
dial_async(const char *entry)
{
    WL_RASDIALPARAMSA p;
    uint32_t id;
    uint64_t h = 0;
    bool failed;
    params(&p, entry);
    REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
    REQUIRE_EQ(dial_ras_dial(NULL, th_pbk(), &p, id, &h), 0);
    REQUIRE(h != 0);
    dial_relay_started(id, h);
    /* started by the first dial of several */
    (void)dial_relay_thread_needed(&failed);
    CHECK(!failed && dial_relay_counts().running);
    return h;
}

static void
hang_up(uint64_t h)
{
    CHECK_EQ(dial_ras_hangup(h), 0);
    CHECK(rmf_wait_gone((HRASCONN)(uintptr_t)h, 10000));
}

static void
t_async_states_through_relay(void)
{
    uint32_t states[32];
    uint64_t seen = 0;
    add_entry("Work");
    uint64_t h = dial_async("Work");
    unsigned n = run_relay(states, 32, &seen);
    REQUIRE(n >= 2 && n <= 32);
    CHECK_EQ(states[0], RASCS_OpenPort);
    CHECK_EQ(states[n - 1], RASCS_Connected);
    CHECK_EQ(seen, h);
    CHECK(!dial_relay_counts().running);

    WL_RASCONNSTATUSA st;
    CHECK_EQ(dial_ras_status(h, &st), 0);
    CHECK_EQ(st.rasconnstate, RASCS_Connected);
    CHECK_STR(st.szDeviceName, "loopback");
    WL_RASCONNA *list;
    uint32_t count;
    REQUIRE_EQ(dial_ras_enum(&list, &count), 0);
    CHECK_EQ(count, 1);
    if (count) {
        CHECK_EQ(list[0].hrasconn, h);
        CHECK_STR(list[0].szEntryName, "Work");
    }
    dial_ras_free(list);
    WL_RASPPPIPA ip;
    CHECK_EQ(dial_ras_projection_ip(h, &ip), 0);
    CHECK(ip.szIpAddress[0] != '\0');
    WL_RASPPPLCPA lcp;
    CHECK_EQ(dial_ras_projection_lcp(h, &lcp), 0);
    RAS_STATS s = { .dwSize = sizeof(s) };
    CHECK_EQ(dial_ras_statistics(h, &s), 0);
    CHECK(s.dwBps > 0);
    CHECK_EQ(dial_ras_clear_statistics(h), 0);
    hang_up(h);
    CHECK_EQ(dial_ras_status(h, &st), ERROR_INVALID_HANDLE);
}

static void
t_hangup_stops_reports(void)
{
    uint32_t states[32];
    uint64_t seen = 0;
    add_entry("Work");
    uint64_t h = dial_async("Work");
    dial_relay_forget(h);
    hang_up(h);
    /* the slot went with the hang-up: the thread has nothing to wait for */
    unsigned n = run_relay(states, 32, &seen);
    CHECK_EQ(n, 0);
    CHECK_EQ(dial_relay_counts().dials, 0);
}

static void
t_two_dials_at_once(void)
{
    uint32_t states[64];
    uint64_t seen = 0;
    add_entry("One");
    add_entry("Two");
    uint64_t a = dial_async("One");
    uint64_t b = dial_async("Two");
    CHECK(a != b);
    unsigned n = run_relay(states, 64, &seen);
    /* both reported to the end (Connected or, on a host without a second
     * tun, an error in Projected): neither was dropped */
    CHECK(n >= 4);
    CHECK_EQ(dial_relay_counts().dials, 0);
    hang_up(a);
    hang_up(b);
}

static void
t_unknown_entry_allocates_nothing(void)
{
    WL_RASDIALPARAMSA p;
    bool failed;
    add_entry("Work");
    params(&p, "Nowhere");
    uint64_t h = 0;
    uint32_t id;
    /* warm the phonebook cache */
    REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
    CHECK_EQ(dial_ras_dial(NULL, th_pbk(), &p, id, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    dial_relay_end(id);
    long before = ras_alloc_count();
    for (int i = 0; i < 1000; i++) {
        REQUIRE_EQ(dial_relay_begin(&tgt, &id), 0);
        CHECK_EQ(dial_ras_dial(NULL, th_pbk(), &p, id, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
        CHECK_EQ(h, 0);
        dial_relay_end(id);
    }
    CHECK_EQ(ras_alloc_count(), before);
    CHECK(!dial_relay_thread_needed(&failed));
}

static int signals;

static void
count_signal(void *ev)
{
    (void)ev;
    signals++;
}

static void
no_release(void *ev)
{
    (void)ev;
}

static void
t_notification_eventfd_fires(void)
{
    static const struct dial_relay_ops ops = { count_signal, no_release };
    int ev = 0, efd = -1;
    bool failed;
    WL_RASDIALPARAMSA p;
    uint64_t h = 0;
    add_entry("Work");
    dial_relay_set_ops(&ops);
    signals = 0;
    REQUIRE_EQ(dial_relay_reg_add(0, &ev, NULL, &efd), 0);
    REQUIRE_EQ(dial_ras_notify(1, 0, efd, RASCN_Connection | RASCN_Disconnection), 0);
    CHECK(dial_relay_thread_needed(&failed));
    params(&p, "Work");
    REQUIRE_EQ(dial_ras_dial(NULL, th_pbk(), &p, 0, &h), 0);
    for (int i = 0; i < 50 && !signals; i++)
        dial_relay_wait();        /* returns on each wake-up or event */
    CHECK(signals >= 1);
    CHECK_EQ(dial_ras_notify(1, 0, efd, 0), 0);
    dial_relay_reg_drop(0, &ev);
    CHECK(!dial_relay_wait());    /* nothing left: the thread would return */
    hang_up(h);
}

/* The enumeration's own allocations fail cleanly, one at a time. */
static uint32_t
enum_once(void *ctx)
{
    (void)ctx;
    WL_RASCONNA *list = NULL;
    uint32_t n;
    uint32_t rc = dial_ras_enum(&list, &n);
    dial_ras_free(list);
    return rc;
}

static void
t_fault_sweep_enum(void)
{
    WL_RASDIALPARAMSA p;
    uint64_t h = 0;
    add_entry("Work");
    params(&p, "Work");
    REQUIRE_EQ(dial_ras_dial(NULL, th_pbk(), &p, 0, &h), 0);
    CHECK(th_fault_sweep("dial_ras_enum", enum_once, NULL, ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    hang_up(h);
}

static const struct rmf_case cases[] = {
    RMF_CASE(t_async_states_through_relay),
    RMF_CASE(t_hangup_stops_reports),
    RMF_CASE(t_two_dials_at_once),
    RMF_CASE(t_unknown_entry_allocates_nothing),
    RMF_CASE(t_notification_eventfd_fires),
    { NULL, NULL }
};

static const struct rmf_case fault_cases[] = {
    RMF_CASE(t_fault_sweep_enum),
    { NULL, NULL }
};

int
main(int argc, char **argv)
{
    struct rmf daemon;
    bool fault = argc > 2 && !strcmp(argv[2], "--fault");
    /* libras's notifier thread and phonebook cache are kept on purpose */
    return rmf_main(&daemon, argc, argv, false, rmf_cleanup, fault ? fault_cases : cases);
}
