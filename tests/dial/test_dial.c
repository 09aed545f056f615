/* RasDialA's synchronous half: every argument error and entry resolution;
 * a valid entry reaching a private rasmand (the loopback port); the target
 * ras_dial_resolve hands on. argv[1] is rasmand; with argv[2] == "--fault":
 * allocation-failure sweeps over RasDialA and the connection queries the
 * daemon's sweeps leave out. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "fixture.h"
#include "harness.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"
#include "lib/structsize.h"

/* The phonebook store's parsed-file cache, when it provides one: emptied
 * after each test so the audit sees only real leaks. */
extern void pbk_cache_flush(void) __attribute__((weak));

static char pbk_file[512];

static const char *
pbk(void)
{
    snprintf(pbk_file, sizeof(pbk_file), "%s/rasphone.pbk", th_tmpdir());
    return pbk_file;
}

/* A loopback entry in phonebook (NULL: the user's default). */
static void
add_entry_to(const char *phonebook, const char *name, const char *number)
{
    RASENTRYA e;
    DWORD cb = sizeof(e);
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    REQUIRE_EQ(RasGetEntryPropertiesA(phonebook, "", &e, &cb, NULL, NULL), 0);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "%s", number);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szDeviceName, sizeof(e.szDeviceName), "loopback");
    e.dwFramingProtocol = RASFP_Ppp;
    e.dwType = RASET_Phone;
    REQUIRE_EQ(RasSetEntryPropertiesA(phonebook, name, &e, sizeof(e), NULL, 0), 0);
}

static void
add_entry(const char *name, const char *number)
{
    add_entry_to(pbk(), name, number);
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
    RASDIALEXTENSIONS ext = { .dwSize = sizeof(ext), .dwfOptions = RDEOPT_IgnoreModemSpeaker };
    HRASCONN h = NULL;
    struct ipc_dial_req d;
    char real[PATH_MAX];
    add_entry("Work", "5551234");
    REQUIRE(realpath(pbk(), real));
    params_for(&p, "Work");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &d), 0);
    CHECK_EQ(d.flags & IPC_DIAL_NO_ENTRY, 0);
    CHECK_STR(d.entry, "Work");
    CHECK_STR(d.phone, "5551234");
    CHECK_STR(d.device_type, RASDT_Modem);
    CHECK_STR(d.device_name, "loopback");
    CHECK_STR(d.phonebook, real);
    CHECK_EQ(d.net_protocols, RASNP_Ip);
    CHECK_EQ(d.dial_options, 0);
    /* the credentials stay with the caller until the dial */
    CHECK_STR(d.user, "");
    CHECK_STR(d.password, "");
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "777");
    REQUIRE_EQ(ras_dial_resolve(&ext, pbk(), &p, 0, NULL, &h, &d), 0);
    CHECK_STR(d.phone, "777");
    CHECK_EQ(d.dial_options, RDEOPT_IgnoreModemSpeaker);

    params_for(&p, "");
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "*99#");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &d), 0);
    CHECK(d.flags & IPC_DIAL_NO_ENTRY);
    CHECK_STR(d.entry, "");
    CHECK_STR(d.phone, "*99#");
    CHECK_STR(d.device_type, RASDT_Modem);
    CHECK_STR(d.device_name, "");
    CHECK_STR(d.phonebook, real);
    REQUIRE_EQ(ras_dial_resolve(NULL, NULL, &p, 0, NULL, &h, &d), 0);
    CHECK_STR(d.phonebook, "");

    /* output untouched on failure */
    memset(&d, 0x5a, sizeof(d));
    params_for(&p, "Nowhere");
    CHECK_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &d), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(d.phone[0], 0x5a);
}

/* The speed and flow control Windows keeps beside RASENTRY come with the
 * entry, from the same read of the file. */
static void
t_resolve_line_settings(void)
{
    static const char text[] =
        "[Fast]\r\nMEDIA=serial\r\nPort=loopback\r\nDevice=loopback\r\n"
        "ConnectBPS=57600\r\n\r\nDEVICE=modem\r\nPhoneNumber=42\r\n"
        "HwFlowControl=0\r\n";
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    struct ipc_dial_req d;
    FILE *f = fopen(pbk(), "w");
    REQUIRE(f != NULL);
    fputs(text, f);
    fclose(f);
    params_for(&p, "Fast");
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &d), 0);
    CHECK_EQ(d.line_bps, 57600);
    CHECK_EQ(d.hw_flow, 2);
    CHECK_STR(d.phone, "42");
}

/* A phonebook named relative to the working directory reaches rasmand as
 * the absolute path of the file, so that it names the same file to every
 * process that sees the connection. */
static void
t_resolve_relative_phonebook(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    struct ipc_dial_req d;
    char real[PATH_MAX];
    add_entry("Work", "1");
    REQUIRE(realpath(pbk(), real));
    int cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(cwd >= 0);
    REQUIRE_EQ(chdir(th_tmpdir()), 0);
    params_for(&p, "Work");
    uint32_t rc = ras_dial_resolve(NULL, "./rasphone.pbk", &p, 0, NULL, &h, &d);
    REQUIRE_EQ(fchdir(cwd), 0);
    close(cwd);
    REQUIRE_EQ(rc, 0);
    CHECK_STR(d.phonebook, real);
}

/* ---- one read of the phonebook per RasDial, and its path in rasmand ---- */

/* Every lookup of an entry's phonebook goes through pbk_read_entry; the
 * test is linked with --wrap=pbk_read_entry to count them. */
uint32_t __real_pbk_read_entry(const char *phonebook, pbk_read_fn fn, void *ctx, char *path,
                               size_t cap);
uint32_t __wrap_pbk_read_entry(const char *phonebook, pbk_read_fn fn, void *ctx, char *path,
                               size_t cap);
static int lookups;

uint32_t
__wrap_pbk_read_entry(const char *phonebook, pbk_read_fn fn, void *ctx, char *path, size_t cap)
{
    lookups++;
    return __real_pbk_read_entry(phonebook, fn, ctx, path, cap);
}

static void
set_env(const char *name, const char *dir, const char *sub)
{
    char path[600];
    snprintf(path, sizeof(path), "%s/%s", dir, sub);
    setenv(name, path, 1);
}

/* Runs fn with the default phonebooks moved into the test's directory:
 * the user's (XDG_CONFIG_HOME) and the system's (RAS_SYSCONFDIR). */
static void
with_default_phonebooks(void (*fn)(const char *user, const char *sys))
{
    char user[600], sys[600];
    const char *names[] = { "XDG_CONFIG_HOME", "RAS_SYSCONFDIR" };
    char *old[2];
    for (int i = 0; i < 2; i++)
        old[i] = getenv(names[i]) ? strdup(getenv(names[i])) : NULL;
    set_env("XDG_CONFIG_HOME", th_tmpdir(), "xdg");
    set_env("RAS_SYSCONFDIR", th_tmpdir(), "etc");
    snprintf(user, sizeof(user), "%s/xdg/ras/rasphone.pbk", th_tmpdir());
    snprintf(sys, sizeof(sys), "%s/etc/rasphone.pbk", th_tmpdir());
    fn(user, sys);
    for (int i = 0; i < 2; i++) {
        if (old[i])
            setenv(names[i], old[i], 1);
        else
            unsetenv(names[i]);
        free(old[i]);
    }
}

/* The phonebook rasmand lists the connection under (RasEnumConnections
 * shows what the dial request carried). */
static void
listed_phonebook(HRASCONN h, char *out, size_t cap)
{
    RASCONNA c[4];
    DWORD cb = sizeof(c), n = 0;
    out[0] = '\0';
    c[0].dwSize = sizeof(c[0]);
    REQUIRE_EQ(RasEnumConnectionsA(c, &cb, &n), 0);
    for (DWORD i = 0; i < n; i++)
        if (c[i].hrasconn == h)
            snprintf(out, cap, "%s", c[i].szPhonebook);
}

/* One RasDialA of "Work" in phonebook (NULL: the default ones): one
 * lookup, and rasmand holds the absolute path of the file the entry came
 * from, want. */
static void
dial_and_check(const char *phonebook, const char *want)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    char real[PATH_MAX], listed[MAX_PATH];
    REQUIRE(realpath(want, real));
    params_for(&p, "Work");
    demo_credentials(&p);
    lookups = 0;
    REQUIRE_EQ(RasDialA(NULL, phonebook, &p, 0, NULL, &h), 0);
    CHECK_EQ(lookups, 1);
    listed_phonebook(h, listed, sizeof(listed));
    CHECK_STR(listed, real);
    CHECK_EQ(RasHangUpA(h), 0);
    CHECK(rmf_wait_gone(h, 10000));
}

static void
user_phonebook(const char *user, const char *sys)
{
    (void)sys;
    add_entry_to(NULL, "Work", "1");
    dial_and_check(NULL, user);
}

/* The entry only in the system's phonebook: the user's is looked in first
 * and has no such entry, still one lookup. */
static void
system_phonebook(const char *user, const char *sys)
{
    char dir[600];
    (void)user;
    snprintf(dir, sizeof(dir), "%s/etc", th_tmpdir());
    REQUIRE_EQ(mkdir(dir, 0700), 0);
    add_entry("Work", "1");
    REQUIRE_EQ(rename(pbk(), sys), 0);
    dial_and_check(NULL, sys);
}

static void
t_default_phonebook_path_reaches_rasmand(void)
{
    with_default_phonebooks(user_phonebook);
}

static void
t_system_phonebook_path_reaches_rasmand(void)
{
    with_default_phonebooks(system_phonebook);
}

/* One lookup per RasDial: the entry, its line settings and the path all
 * come from one read (they were two: RasGetEntryProperties, then the line
 * settings). An unknown entry is one lookup too; no entry, none. */
static void
t_dial_looks_up_once(void)
{
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    add_entry("Work", "1");
    params_for(&p, "Nowhere");
    lookups = 0;
    CHECK_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &h), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK_EQ(lookups, 1);
    dial_and_check(pbk(), pbk());
    /* an entry-less dial reads no phonebook at all */
    params_for(&p, "");
    snprintf(p.szPhoneNumber, sizeof(p.szPhoneNumber), "1");
    struct ipc_dial_req d;
    lookups = 0;
    REQUIRE_EQ(ras_dial_resolve(NULL, pbk(), &p, 0, NULL, &h, &d), 0);
    CHECK_EQ(lookups, 0);
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

/* The connection queries tests/daemon's fault sweeps leave out, on a
 * connection RasDialA made: each failing allocation is a clean 8. */
static HRASCONN conn;

static uint32_t
link_info(void *ctx)
{
    (void)ctx;
    OPENRAS_LINKINFO li = { .dwSize = sizeof(li) };
    return OpenRasGetLinkInfo(conn, &li);
}

static uint32_t
clear_stats(void *ctx)
{
    (void)ctx;
    return RasClearConnectionStatistics(conn);
}

static void
t_fault_sweep_queries(void)
{
    RASDIALPARAMSA p;
    add_entry("Work", "1");
    params_for(&p, "Work");
    demo_credentials(&p);
    conn = NULL;
    REQUIRE_EQ(RasDialA(NULL, pbk(), &p, 0, NULL, &conn), 0);
    CHECK(th_fault_sweep("OpenRasGetLinkInfo", link_info, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) > 0);
    CHECK(th_fault_sweep("RasClearConnectionStatistics", clear_stats, NULL,
                         ERROR_NOT_ENOUGH_MEMORY, NULL) > 0);
    CHECK_EQ(RasHangUpA(conn), 0);
    CHECK(rmf_wait_gone(conn, 10000));
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
    TH_RUN(t_resolve_line_settings);
    TH_RUN(t_resolve_relative_phonebook);
    TH_RUN(t_dial_looks_up_once);
    TH_RUN(t_default_phonebook_path_reaches_rasmand);
    TH_RUN(t_system_phonebook_path_reaches_rasmand);
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
        rmf_stop(&daemon);        /* one that came up late must not outlive us */
        return 99;
    }
    if (pbk_cache_flush)
        th_set_cleanup(pbk_cache_flush);
    if (argc > 2 && !strcmp(argv[2], "--fault")) {
        TH_RUN(t_fault_sweep_unknown_entry);
        TH_RUN(t_fault_sweep_valid_entry);
        TH_RUN(t_fault_sweep_queries);
    } else {
        run_all();
    }
    int rc = th_done();
    ras_client_shutdown();
    if (!rmf_stop(&daemon))
        rc = 1;
    return rc;
}
