/* KB Q257647 as a soak test: RasDialA on an unknown entry of an existing
 * phonebook, a million times synchronously and a million times with a
 * RasDialFunc notifier, then RasGetEntryPropertiesA on an unknown entry a
 * million times. Live allocations and descriptors must end where they
 * started and RSS may not grow by 64 KiB. RAS_SOAK_CALLS overrides the
 * count (valgrind/ASan runs use fewer). With a rasmand path as argv[1] the
 * loops run again with that daemon up (a private one), whose allocations
 * and descriptors must not move either: an invalid entry never reaches it. */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"
#include "rss.h"

extern void pbk_cache_flush(void) __attribute__((weak));

#define RSS_LIMIT (64 * 1024)

static long n_calls;
static char pbk_path[512];

static void
make_phonebook(void)
{
    snprintf(pbk_path, sizeof(pbk_path), "%s/rasphone.pbk", th_tmpdir());
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    REQUIRE_EQ(RasGetEntryPropertiesA(pbk_path, "", &e, &cb, NULL, NULL), 0);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "5551234");
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    REQUIRE_EQ(RasSetEntryPropertiesA(pbk_path, "Work", &e, sizeof(e), NULL, 0), 0);
}

static int notified;
static void
on_dial(UINT msg, RASCONNSTATE state, DWORD err)
{
    (void)msg; (void)state; (void)err;
    notified++;
}

enum loop { DIAL_SYNC, DIAL_NOTIFIER, GET_PROPERTIES };

static uint32_t
call_once(enum loop which)
{
    static RASDIALPARAMSA p = { .dwSize = sizeof(RASDIALPARAMSA), .szEntryName = "Nowhere" };
    HRASCONN h = NULL;
    uint32_t rc;
    switch (which) {
    case DIAL_SYNC:
        return RasDialA(NULL, pbk_path, &p, 0, NULL, &h);
    case DIAL_NOTIFIER:
        rc = RasDialA(NULL, pbk_path, &p, 0, (void *)on_dial, &h);
        return h ? 0xFFFFFFFF : rc;
    case GET_PROPERTIES: {
        RASENTRYA e;
        DWORD cb = sizeof(e);
        e.dwSize = sizeof(e);
        return RasGetEntryPropertiesA(pbk_path, "Nowhere", &e, &cb, NULL, NULL);
    }
    }
    return 0;
}

static void
soak(enum loop which, const char *what)
{
    make_phonebook();
    /* Warm up: the first call parses and caches the phonebook, and the C
     * library (and a sanitizer's runtime, when there is one) sets up its
     * own state; those are one-off, not per-call growth. */
    for (int i = 0; i < 20000; i++)
        REQUIRE_EQ(call_once(which), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    long live0 = ras_alloc_live(), bytes0 = ras_alloc_live_bytes(), allocs0 = ras_alloc_count();
    int fds0 = th_open_fds();
    rss_bytes();  /* its own first-call cost (stdio's sscanf state) is not ours */
    long rss0 = rss_bytes();
    long wrong = 0;
    for (long i = 0; i < n_calls; i++)
        if (call_once(which) != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY)
            wrong++;
    long rss1 = rss_bytes();
    CHECK_EQ(wrong, 0);
    CHECK_EQ(notified, 0);
    CHECK_EQ(ras_alloc_live(), live0);
    CHECK_EQ(ras_alloc_live_bytes(), bytes0);
    CHECK_EQ(th_open_fds(), fds0);
    REQUIRE(rss0 > 0 && rss1 > 0);
    CHECK(rss1 - rss0 < RSS_LIMIT);
    printf("# %s: %ld calls, RSS %+ld bytes, %ld allocations made, live blocks %+ld\n", what,
           n_calls, rss1 - rss0, ras_alloc_count() - allocs0, ras_alloc_live() - live0);
}

static void t_rasdial_sync(void) { soak(DIAL_SYNC, "RasDialA unknown entry, synchronous"); }
static void t_rasdial_notifier(void) { soak(DIAL_NOTIFIER, "RasDialA unknown entry, RasDialFunc"); }
static void t_get_properties(void) { soak(GET_PROPERTIES, "RasGetEntryPropertiesA unknown entry"); }

/* Runs the loops once more against a live rasmand, comparing its own
 * counters before and after. */
static void
with_rasmand(const char *bin)
{
    struct rmf daemon;
    struct ipc_debug before, after;
    if (!rmf_start(&daemon, bin)) {
        printf("not ok - rasmand did not start\n");
        return;
    }
    bool based = rmf_base(&before);
    TH_RUN(t_rasdial_sync);
    TH_RUN(t_rasdial_notifier);
    TH_RUN(t_get_properties);
    if (!based || !rmf_settled(&before, 5000) || !rmf_debug(&after))
        printf("# rasmand's allocations or fds moved during the loops\n"), exit(1);
    printf("# rasmand: %llu live allocations, %u fds, before and after\n",
           (unsigned long long)after.allocs, after.fds);
    ras_client_shutdown();
    if (!rmf_stop(&daemon))
        exit(1);
}

int
main(int argc, char **argv)
{
    const char *env = getenv("RAS_SOAK_CALLS");
    n_calls = env ? strtol(env, NULL, 10) : 1000000;
    if (n_calls <= 0)
        n_calls = 1000000;
    if (pbk_cache_flush)
        th_set_cleanup(pbk_cache_flush);
    if (argc > 1) {
        with_rasmand(argv[1]);
    } else {
        TH_RUN(t_rasdial_sync);
        TH_RUN(t_rasdial_notifier);
        TH_RUN(t_get_properties);
    }
    return th_done();
}
