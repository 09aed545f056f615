/* RasDialA's synchronous half: every argument error, entry resolution and
 * the "needs rasmand" answer for a valid entry; ras_dial_resolve's target.
 * With argv[1] == "--fault": allocation-failure sweeps over RasDialA. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ras.h"
#include "raserror.h"

#include "harness.h"
#include "lib/dial_resolve.h"
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
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "5551234");
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CALL_NOT_IMPLEMENTED);
    CHECK(h == NULL);
}

static void
t_unknown_entry(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    const char *names[] = { "Nowhere", "work", "Work ", "a/b", "[Work]" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        params_for(&p, names[i]);
        CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
        CHECK(h == NULL);
    }
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
t_valid_entry_needs_rasmand(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Work");
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CALL_NOT_IMPLEMENTED);
    CHECK(h == NULL);
    notified = 0;
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, (void *)notifier0, &h), ERROR_CALL_NOT_IMPLEMENTED);
    CHECK(h == NULL);
    CHECK_EQ(notified, 0);
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

static void
dial_verify(void *c_, long nth, uint32_t rc)
{
    struct dial_ctx *c = c_;
    CHECK(c->h == NULL);
    (void)nth;
    (void)rc;
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
    th_fault_sweep("RasDialA valid entry", dial_cold, &c, ERROR_NOT_ENOUGH_MEMORY, dial_verify);
    CHECK_EQ(dial_cold(&c), ERROR_CALL_NOT_IMPLEMENTED);
}

int
main(int argc, char **argv)
{
    if (pbk_cache_flush)
        th_set_cleanup(pbk_cache_flush);
    if (argc > 1 && !strcmp(argv[1], "--fault")) {
        TH_RUN(t_fault_sweep_unknown_entry);
        TH_RUN(t_fault_sweep_valid_entry);
        return th_done();
    }
    TH_RUN(t_null_arguments);
    TH_RUN(t_params_sizes);
    TH_RUN(t_extension_sizes);
    TH_RUN(t_notifier_types);
    TH_RUN(t_stale_handle);
    TH_RUN(t_unterminated_fields);
    TH_RUN(t_empty_name_needs_number);
    TH_RUN(t_unknown_entry);
    TH_RUN(t_missing_phonebook);
    TH_RUN(t_valid_entry_needs_rasmand);
    TH_RUN(t_resolve_target);
    TH_RUN(t_unknown_entry_allocates_nothing);
    return th_done();
}
