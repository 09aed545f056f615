/* rasphone import's command (cmd_import.c, import_write.c) run in-process
 * over the corpus into the test's phonebook, under the harness's audit
 * (allocations and descriptors back where they were) and with every
 * allocation failed in turn: each failure answers 8, and leaves no entry
 * half written (an entry is there with its DEVICE keys and credentials,
 * or not at all). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "raserror.h"

#include "harness.h"
#include "import_test.h"
#include "lib/pbk_store.h"
#include "rasphone.h"

static char nm_source[1024];

static uint32_t
import_once(void *ctx)
{
    (void)ctx;
    struct edit ed = {0};
    struct cmd_args a = { .pbk = th_pbk(), .edit = &ed,
                          .arg = { "pppd:gprs", "wvdial:umts", nm_source } };
    /* the report goes nowhere: TAP owns standard output */
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    dup2(null, 1);
    uint32_t rc = cmd_import(&a);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    close(null);
    return rc;
}

/* An entry of the phonebook text is whole: its key follows it. */
static void
check_whole(const char *pbk, const char *cred, const char *section, const char *key)
{
    const char *s = strstr(pbk, section);
    if (!s)
        return;
    const char *next = strstr(s + 1, "\n[");
    const char *k = strstr(s, key);
    if (!k || (next && k > next))
        th_fail(__FILE__, __LINE__, "%s without %s", section, key);
    if (!strstr(cred, section))
        th_fail(__FILE__, __LINE__, "%s without its credentials", section);
}

static void
verify(void *ctx, long nth, uint32_t rc)
{
    static char pbk[65536], cred[8192];
    char path[PBK_PATH_MAX];
    (void)ctx;
    (void)nth;
    (void)rc;
    import_test_read(th_pbk(), pbk, sizeof(pbk));
    snprintf(path, sizeof(path), "%s.cred", th_pbk());
    import_test_read(path, cred, sizeof(cred));
    check_whole(pbk, cred, "[gprs]", "Apn=internet.example");
    check_whole(pbk, cred, "[umts]", "Apn=broadband.example");
    check_whole(pbk, cred, "[Mobile Broadband]", "Apn=internet.example");
    /* the next run starts from no phonebook */
    unlink(th_pbk());
    unlink(path);
    pbk_cache_flush();
}

static void
t_import_allocation_faults(void)
{
    long sites = th_fault_sweep("cmd_import", import_once, NULL, ERROR_NOT_ENOUGH_MEMORY,
                                verify);
    CHECK(sites > 10);
}

static void
t_import_in_process(void)
{
    static char pbk[65536];
    REQUIRE_EQ(import_once(NULL), 0);
    import_test_read(th_pbk(), pbk, sizeof(pbk));
    CHECK(strstr(pbk, "[gprs]") && strstr(pbk, "[umts]") && strstr(pbk, "[Mobile Broadband]"));
    /* again: every name is taken now, and nothing changes */
    CHECK_EQ(import_once(NULL), ERROR_ALREADY_EXISTS);
    pbk_cache_flush();
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS\n", argv[0]);
        return 99;
    }
    setenv("RAS_IMPORT_ROOT", argv[1], 1);
    snprintf(nm_source, sizeof(nm_source), "nm:%s/nm/Mobile.nmconnection", argv[1]);
    th_set_cleanup(pbk_cache_flush);
    TH_RUN(t_import_in_process);
    TH_RUN(t_import_allocation_faults);
    return th_done();
}
