/* RasDialA's synchronous half: every argument error and entry resolution;
 * a valid entry reaching a private rasmand (the loopback port); the target
 * ras_dial_resolve hands on. argv[1] is rasmand; with argv[2] == "--fault":
 * allocation-failure sweeps over RasDialA. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/dial_resolve.h"
#include "lib/rasman_client.h"
#include "lib/structsize.h"

/* The phonebook store's parsed-file cache, when it provides one: emptied
 * after each test so the audit sees only real leaks. */
extern void pbk_cache_flush(void) __attribute__((weak));

static char pbk_path[512];

static const char *
pbk(void)
{
    snprintf(pbk_path, sizeof(pbk_path), "%s/rasphone.pbk", th_tmpdir());
    return pbk_path;
}

static void
add_entry(const char *name, const char *number)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    REQUIRE_EQ(RasGetEntryPropertiesA(pbk(), "", &e, &cb, NULL, NULL), 0);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "%s", number);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    REQUIRE_EQ(RasSetEntryPropertiesA(pbk(), name, &e, sizeof(e), NULL, 0), 0);
}

static void
params_for(RASDIALPARAMSA *p, const char *entry)
{
    memset(p, 0, sizeof(*p));
    p->dwSize = sizeof(*p);
    snprintf(p->szEntryName, sizeof(p->szEntryName), "%s", entry);
}

static int notified;
static void notifier0(UINT msg, RASCONNSTATE st, DWORD err) { (void)msg; (void)st; (void)err; notified++; }

static void
t_null_arguments(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Work");
    CHECK_EQ(RasDialA(NULL, pbk(), NULL, 0, NULL, &h), ERROR_INVALID_PARAMETER);
    CHECK(h == NULL);
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasDialA(NULL, pbk(), NULL, 0, (void *)notifier0, NULL), ERROR_INVALID_PARAMETER);
    CHECK_EQ(notified, 0);
}

static void
t_params_sizes(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    DWORD bad[] = { 0, 4, sizeof(p) - 1, sizeof(p) + 1, sizeof(p) + 4, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        params_for(&p, "Nowhere");
        p.dwSize = bad[i];
        CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
        CHECK(h == NULL);
    }
    /* Every historical layout is accepted: the unknown entry is what fails. */
    int accepted = 0;
    for (DWORD sz = 0; sz <= sizeof(p) + 8; sz++) {
        if (ras_struct_check(RAS_ST_RASDIALPARAMS, sz))
            continue;
        accepted++;
        params_for(&p, "Nowhere");
        p.dwSize = sz;
        CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    }
    CHECK(accepted >= 2);   /* at least v400 (1052) and today's */
    CHECK_EQ(ras_struct_check(RAS_ST_RASDIALPARAMS, 1052), 0);
}

static void
t_extension_sizes(void)
{
    RASDIALPARAMSA p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Nowhere");
    memset(&ext, 0, sizeof(ext));
    DWORD bad[] = { 0, 1, sizeof(ext) - 1, sizeof(ext) + 1, 0xFFFFFFFF };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ext.dwSize = bad[i];
        CHECK_EQ(RasDialA(&ext, pbk(), &p, 0, NULL, &h), ERROR_INVALID_SIZE);
    }
    ext.dwSize = sizeof(ext);
    ext.dwfOptions = RDEOPT_UsePrefixSuffix;
    CHECK_EQ(RasDialA(&ext, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(h == NULL);
}

static void
t_notifier_types(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Nowhere");
    notified = 0;
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 3, (void *)notifier0, &h), ERROR_INVALID_PARAMETER);
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0xFFFFFFFF, (void *)notifier0, &h),
             ERROR_INVALID_PARAMETER);
    /* Valid types: the unknown entry is reported synchronously, and the
     * notifier never runs. */
    for (DWORD type = 0; type <= 2; type++)
        CHECK_EQ(RasDialA(NULL, pbk(), &p, type, (void *)notifier0, &h),
                 ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    /* Without a notifier the type is not looked at. */
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 77, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(notified, 0);
    CHECK(h == NULL);
}

static void
t_stale_handle(void)
{
    RASDIALPARAMSA p;
    add_entry("Work", "1");
    params_for(&p, "Work");
    HRASCONN h = (HRASCONN)(uintptr_t)0x1234;
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_INVALID_HANDLE);
    CHECK(h == (HRASCONN)(uintptr_t)0x1234);
}

/* A string field that fills its array with no terminator. */
static void
t_unterminated_fields(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    size_t offs[] = { offsetof(RASDIALPARAMSA, szEntryName),
                      offsetof(RASDIALPARAMSA, szPhoneNumber),
                      offsetof(RASDIALPARAMSA, szCallbackNumber),
                      offsetof(RASDIALPARAMSA, szUserName),
                      offsetof(RASDIALPARAMSA, szPassword),
                      offsetof(RASDIALPARAMSA, szDomain) };
    size_t lens[] = { sizeof(p.szEntryName), sizeof(p.szPhoneNumber),
                      sizeof(p.szCallbackNumber), sizeof(p.szUserName),
                      sizeof(p.szPassword), sizeof(p.szDomain) };
    for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        params_for(&p, "Work");
        memset((char *)&p + offs[i], 'x', lens[i]);
        CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_INVALID_PARAMETER);
        CHECK(h == NULL);
    }
}

static void
t_empty_name_needs_number(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "");
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_INVALID_PARAMETER);
    CHECK(h == NULL);
    /* With a number it goes to rasmand, for the first free modem: here
     * there is none that answers (no hardware), so a port or modem error,
     * and whatever handle came back is hung up. */
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "5551234");
    DWORD rc = RasDialA(NULL, pbk(), &p, 0, NULL, &h);
    CHECK(rc >= 600 && rc != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 10000));
    }
}

static void
t_unknown_entry(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    const char *names[] = { "Nowhere", "Work ", " Work", "a/b", "[Work]", "Wor" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        params_for(&p, names[i]);
        CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
        CHECK(h == NULL);
    }
    /* Entry names compare without regard to ASCII case, as Windows'
     * phonebook (an INI file) does: "work" is the entry "Work". */
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    CHECK_EQ(RasGetEntryPropertiesA(pbk(), "work", &e, &cb, NULL, NULL), 0);
    CHECK_STR(e.szLocalPhoneNumber, "1");
}

static void
t_missing_phonebook(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    char path[600];
    snprintf(path, sizeof(path), "%s/no-such.pbk", th_tmpdir());
    params_for(&p, "Work");
    CHECK_EQ(RasDialA(NULL, path, &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    /* the default phonebook of a user who never made one */
    char xdg[600];
    snprintf(xdg, sizeof(xdg), "%s/xdg", th_tmpdir());
    char *old = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", xdg, 1);
    CHECK_EQ(RasDialA(NULL, NULL, &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    if (old) {
        setenv("XDG_CONFIG_HOME", old, 1);
        free(old);
    } else {
        unsetenv("XDG_CONFIG_HOME");
    }
    CHECK(h == NULL);
}

static void
demo_credentials(RASDIALPARAMSA *p)
{
    snprintf(p->szUserName, sizeof(p->szUserName), "demo");
    snprintf(p->szPassword, sizeof(p->szPassword), "demo");
}

static void
t_valid_entry_dials(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Work");
    demo_credentials(&p);
    REQUIRE_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), 0);
    REQUIRE(h != NULL);
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    CHECK_EQ(RasGetConnectStatusA(h, &s), 0);
    CHECK_EQ(s.rasconnstate, RASCS_Connected);
    CHECK_STR(s.szDeviceName, "loopback");
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 10000));
    /* the handle must be NULL on entry (a non-NULL one resumes a paused
     * dial, and there is none) */
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_INVALID_HANDLE);
    /* a wrong password fails, and the handle it returned is hung up */
    h = NULL;
    snprintf(p.szPassword, sizeof(p.szPassword), "wrong");
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_AUTHENTICATION_FAILURE);
    if (h) {
        CHECK_EQ(RasHangUpA(h), 0);
        CHECK(rmf_wait_gone(h, 10000));
    }
}

static void
t_resolve_target(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    struct ras_dial_target t;
    add_entry("Work", "5551234");
    params_for(&p, "Work");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &t), 0);
    CHECK(!t.no_entry);
    CHECK_STR(t.phone, "5551234");
    CHECK_STR(t.entry.szDeviceName, "loopback");
    CHECK_STR(t.entry.szLocalPhoneNumber, "5551234");
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "777");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &t), 0);
    CHECK_STR(t.phone, "777");

    params_for(&p, "");
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "*99#");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &t), 0);
    CHECK(t.no_entry);
    CHECK_STR(t.phone, "*99#");
    CHECK_STR(t.entry.szDeviceType, RASDT_Modem);
    CHECK_STR(t.entry.szDeviceName, "");

    /* output untouched on failure */
    memset(&t, 0x5a, sizeof(t));
    params_for(&p, "Nowhere");
    CHECK_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &t), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(t.phone[0], 0x5a);
}

/* KB Q257647: once the phonebook is cached, the failing call allocates
 * nothing at all, so there is nothing that could leak. */
static void
t_unknown_entry_allocates_nothing(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Nowhere");
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    long before = ras_alloc_count();
    for (int i = 0; i < 1000; i++)
        RasDialA(NULL, pbk(), &p, 0, NULL, &h);
    CHECK_EQ(ras_alloc_count() - before, 0);
}

/* ---- fault sweeps ---- */

struct dial_ctx {
    RASDIALPARAMSA p;
    HRASCONN h;
};

static uint32_t
dial_cold(void *c_)
{
    struct dial_ctx *c = c_;
    /* Start from an unparsed phonebook so loading it is swept too. */
    if (pbk_cache_flush)
        pbk_cache_flush();
    c->h = NULL;
    return RasDialA(NULL, pbk(), &c->p, 0, NULL, &c->h);
}

/* A dial that failed for want of memory left nothing in rasmand (no
 * handle); the one that succeeded is hung up before the next round. */
static void
dial_verify(void *c_, long nth, uint32_t rc)
{
    struct dial_ctx *c = c_;
    (void)nth;
    if (rc == 0 && c->h) {
        CHECK_EQ(RasHangUpA(c->h), 0);
        CHECK(rmf_wait_gone(c->h, 10000));
        c->h = NULL;
    }
    CHECK(c->h == NULL);
    /* The parsed phonebook stays cached on purpose; it is not a leak. */
    if (pbk_cache_flush)
        pbk_cache_flush();
}

static void
t_fault_sweep_unknown_entry(void)
{
    static struct dial_ctx c;
    add_entry("Work", "1");
    params_for(&c.p, "Nowhere");
    th_fault_sweep("RasDialA unknown entry", dial_cold, &c, ERROR_NOT_ENOUGH_MEMORY, dial_verify);
    CHECK_EQ(dial_cold(&c), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
}

static void
t_fault_sweep_valid_entry(void)
{
    static struct dial_ctx c;
    add_entry("Work", "1");
    params_for(&c.p, "Work");
    demo_credentials(&c.p);
    th_fault_sweep("RasDialA valid entry", dial_cold, &c, ERROR_NOT_ENOUGH_MEMORY, dial_verify);
    CHECK_EQ(dial_cold(&c), 0);
    dial_verify(&c, 0, 0);
}

static void
run_all(void)
{
    TH_RUN(t_null_arguments);
    TH_RUN(t_params_sizes);
    TH_RUN(t_extension_sizes);
    TH_RUN(t_notifier_types);
    TH_RUN(t_stale_handle);
    TH_RUN(t_unterminated_fields);
    TH_RUN(t_empty_name_needs_number);
    TH_RUN(t_unknown_entry);
    TH_RUN(t_missing_phonebook);
    TH_RUN(t_valid_entry_dials);
    TH_RUN(t_resolve_target);
    TH_RUN(t_unknown_entry_allocates_nothing);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s RASMAND [--fault]\n", argv[0]);
        return 99;
    }
    struct rmf daemon;
    if (!rmf_start(&daemon, argv[1])) {
        fprintf(stderr, "rasmand did not start\n");
        return 99;
    }
    if (pbk_cache_flush)
        th_set_cleanup(pbk_cache_flush);
    if (argc > 2 && !strcmp(argv[2], "--fault")) {
        TH_RUN(t_fault_sweep_unknown_entry);
        TH_RUN(t_fault_sweep_valid_entry);
    } else {
        run_all();
    }
    int rc = th_done();
    ras_client_shutdown();
    if (!rmf_stop(&daemon))
        rc = 1;
    return rc;
}
