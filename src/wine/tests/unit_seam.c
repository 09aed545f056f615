/* unit_seam: the libras side of the Wine bridge (seam_*.c) on Linux, under
 * the harness's audit (allocations and descriptors back where they began)
 * and, with --fault, a fault sweep of each call that allocates: every
 * allocation failed in turn gives ERROR_NOT_ENOUGH_MEMORY and leaks
 * nothing. The Wine side is tested by tests/wine/bridge_*.c under Wine. */
#include <stdio.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "harness.h"
#include "lib/pbk_store.h"
#include "seam.h"

static void
fill(WL_RASENTRYA *e, const char *number)
{
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    snprintf(e->szLocalPhoneNumber, sizeof(e->szLocalPhoneNumber), "%s", number);
    strcpy(e->szDeviceType, "modem");
    strcpy(e->szDeviceName, "loopback");
    e->dwFramingProtocol = RASFP_Ppp;
    e->dwType = RASET_Phone;
    e->dwRedialCount = 4;
}

static const char ALTS[] = "5550101\0" "5550102\0";

static void
t_set_get_with_alternates(void)
{
    WL_RASENTRYA in, out;
    char *alts = NULL;
    uint32_t len = 0;
    fill(&in, "5550100");
    /* The Windows 10 size: libras gets its Windows 7 part. */
    strcpy(in.szIDi, "ignored");
    REQUIRE_EQ(seam_set_entry(th_pbk(), "B\xc3\xbcro", &in, 3480, ALTS, sizeof(ALTS)), 0);
    REQUIRE_EQ(seam_get_entry(th_pbk(), "B\xc3\xbcro", &out, &alts, &len), 0);
    CHECK_STR(out.szLocalPhoneNumber, "5550100");
    CHECK_EQ(out.dwRedialCount, 4);
    CHECK_EQ(out.szIDi[0], 0);
    CHECK_EQ(out.dwAlternateOffset, 0);
    REQUIRE(alts != NULL);
    CHECK_EQ(len, sizeof(ALTS));
    CHECK(memcmp(alts, ALTS, sizeof(ALTS)) == 0);
    seam_free(alts);
    CHECK_EQ(seam_validate_entry_name(th_pbk(), "B\xc3\xbcro"), ERROR_ALREADY_EXISTS);
}

static void
t_get_missing_and_defaults(void)
{
    WL_RASENTRYA out;
    char *alts = (char *)1;
    uint32_t len = 7;
    CHECK_EQ(seam_get_entry(th_pbk(), "nobody", &out, &alts, &len),
             ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    CHECK(alts == NULL && len == 0);
    CHECK_EQ(seam_get_entry(th_pbk(), "", &out, &alts, &len), 0);
    CHECK(alts == NULL);
}

static void
t_enum_rename_delete(void)
{
    WL_RASENTRYA e;
    WL_RASENTRYNAMEA *list = NULL;
    uint32_t n = 9;
    /* A phonebook named but missing cannot be opened (621). */
    CHECK_EQ(seam_enum_entries(th_pbk(), &list, &n), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(list == NULL && n == 0);
    fill(&e, "1");
    REQUIRE_EQ(seam_set_entry(th_pbk(), "one", &e, 2948, NULL, 0), 0);
    REQUIRE_EQ(seam_set_entry(th_pbk(), "two", &e, 1768, NULL, 0), 0);
    REQUIRE_EQ(seam_enum_entries(th_pbk(), &list, &n), 0);
    CHECK_EQ(n, 2);
    CHECK_STR(list[0].szEntryName, "one");
    CHECK_STR(list[1].szEntryName, "two");
    CHECK_STR(list[1].szPhonebookPath, th_pbk());
    seam_free(list);
    CHECK_EQ(seam_rename_entry(th_pbk(), "two", "three"), 0);
    CHECK_EQ(seam_delete_entry(th_pbk(), "three"), 0);
    CHECK_EQ(seam_delete_entry(th_pbk(), "three"), ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
}

static void
t_credentials(void)
{
    WL_RASENTRYA e;
    WL_RASCREDENTIALSA c;
    fill(&e, "1");
    REQUIRE_EQ(seam_set_entry(th_pbk(), "isp", &e, sizeof(e), NULL, 0), 0);
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName;
    strcpy(c.szUserName, "j\xc3\xb6rg");
    CHECK_EQ(seam_set_credentials(th_pbk(), "isp", &c, 0), 0);
    memset(&c, 0, sizeof(c));
    c.dwSize = sizeof(c);
    c.dwMask = RASCM_UserName;
    CHECK_EQ(seam_get_credentials(th_pbk(), "isp", &c), 0);
    CHECK_STR(c.szUserName, "j\xc3\xb6rg");
}

static void
t_error_string(void)
{
    char text[512];
    CHECK_EQ(seam_error_string(623, text, sizeof(text)), 0);
    CHECK(text[0] != '\0');
}

/* ---- fault sweeps ---- */

static uint32_t
run_enum(void *ctx)
{
    WL_RASENTRYNAMEA *list;
    uint32_t n, rc = seam_enum_entries(th_pbk(), &list, &n);
    seam_free(list);
    return rc;
}

static uint32_t
run_get(void *ctx)
{
    WL_RASENTRYA out;
    char *alts;
    uint32_t len, rc = seam_get_entry(th_pbk(), "isp", &out, &alts, &len);
    seam_free(alts);
    return rc;
}

static uint32_t
run_set(void *ctx)
{
    WL_RASENTRYA e;
    fill(&e, "2");
    return seam_set_entry(th_pbk(), "isp", &e, sizeof(e), ALTS, sizeof(ALTS));
}

static void
flush(void *ctx, long nth, uint32_t rc)
{
    pbk_cache_flush();
}

static void
t_fault_sweeps(void)
{
    WL_RASENTRYA e;
    fill(&e, "1");
    REQUIRE_EQ(seam_set_entry(th_pbk(), "isp", &e, sizeof(e), ALTS, sizeof(ALTS)), 0);
    pbk_cache_flush();
    CHECK(th_fault_sweep("seam_enum_entries", run_enum, NULL, ERROR_NOT_ENOUGH_MEMORY, flush) > 0);
    CHECK(th_fault_sweep("seam_get_entry", run_get, NULL, ERROR_NOT_ENOUGH_MEMORY, flush) > 0);
    CHECK(th_fault_sweep("seam_set_entry", run_set, NULL, ERROR_NOT_ENOUGH_MEMORY, flush) > 0);
}

int
main(int argc, char **argv)
{
    th_set_cleanup(pbk_cache_flush);
    if (argc > 1 && strcmp(argv[1], "--fault") == 0) {
        TH_RUN(t_fault_sweeps);
        return th_done();
    }
    TH_RUN(t_set_get_with_alternates);
    TH_RUN(t_get_missing_and_defaults);
    TH_RUN(t_enum_rename_delete);
    TH_RUN(t_credentials);
    TH_RUN(t_error_string);
    return th_done();
}
