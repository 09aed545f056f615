/* libras where the system rasmand (root, serving every user) meets what a
 * user controls: entry names that tools print, phonebooks that are FIFOs or
 * symlinks, a credentials file that is too open or a symlink. Each test is
 * a finding of issue 8 that once held. Run with --fault for the sweeps.
 * argv[1]: rasdial, argv[2]: rasphone. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"
#include "openras.h"

#include "harness.h"
#include "lib/pbk_store.h"
#include "lib/rasman_client.h"

/* A FIFO used to hang the process for ever; the alarm turns a hang back
 * into a failed test. */
#define WATCHDOG_S 20

static const char *rasdial, *rasphone;
static char path_buf[4][600];

/* A file in the test's scratch directory (four at a time). */
static const char *
tmp(int slot, const char *name)
{
    snprintf(path_buf[slot], sizeof(path_buf[slot]), "%s/%s", th_tmpdir(), name);
    return path_buf[slot];
}

static const char *
pbk(void)
{
    return tmp(0, "rasphone.pbk");
}

/* The file's bytes, malloc'd (test-side memory, outside the hooks). */
static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rbe");
    if (!f)
        return NULL;
    char *buf = calloc(1, 65536);
    if (buf)
        (void)!fread(buf, 1, 65535, f);
    fclose(f);
    return buf;
}

static bool
file_has(const char *path, const char *needle)
{
    char *buf = slurp(path);
    bool has = buf && strstr(buf, needle);
    free(buf);
    return has;
}

static void
entry_in(RASENTRYA *e)
{
    DWORD cb = sizeof(*e);
    memset(e, 0, sizeof(*e));
    e->dwSize = sizeof(*e);
    REQUIRE_EQ(RasGetEntryPropertiesA(NULL, "", e, &cb, NULL, NULL), 0);
    snprintf(e->szLocalPhoneNumber, sizeof(e->szLocalPhoneNumber), "555");
    snprintf(e->szDeviceName, sizeof(e->szDeviceName), "loopback");
}

static uint32_t
set_entry(const char *book, const char *name)
{
    RASENTRYA e;
    entry_in(&e);
    return RasSetEntryPropertiesA(book, name, &e, sizeof(e), NULL, 0);
}

static uint32_t
dial(const char *book, const char *name)
{
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    HRASCONN h = NULL;
    snprintf(p.szEntryName, sizeof(p.szEntryName), "%s", name);
    uint32_t rc = RasDialA(NULL, book, &p, 0, NULL, &h);
    if (h)
        RasHangUpA(h);
    return rc;
}

static bool
has_detail(const char *needle)
{
    char d[600];
    if (OpenRasGetPhonebookError(d, sizeof(d)) != 0 || !strstr(d, needle)) {
        printf("# detail was: %s\n", d);
        return false;
    }
    return true;
}

/* ---- 4: control characters in entry names ---- */

static void
t_names_with_control_characters(void)
{
    static const char *bad[] = {
        "a\tb",                 /* C0 tab: the one C0 a value may hold */
        "a\x1b[2Jb",            /* ESC: clears root's terminal */
        "a\x01", "a\x7f",
        "a\xc2\x9b" "2J",       /* C1 CSI, U+009B */
        "a\xc2\x80", "\xc2\x9f" "b",
    };
    REQUIRE_EQ(set_entry(pbk(), "Work"), 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_EQ(RasValidateEntryNameA(pbk(), bad[i]), ERROR_INVALID_NAME);
        CHECK_EQ(set_entry(pbk(), bad[i]), ERROR_INVALID_NAME);
        CHECK_EQ(RasRenameEntryA(pbk(), "Work", bad[i]), ERROR_INVALID_NAME);
        /* before the phonebook is read or rasmand is asked */
        CHECK_EQ(dial(tmp(1, "no-such.pbk"), bad[i]), ERROR_INVALID_NAME);
    }
    CHECK(!file_has(pbk(), "\xc2\x9b"));
    /* printable characters next to them stay valid: U+00A0, U+00A9 */
    CHECK_EQ(RasValidateEntryNameA(pbk(), "a\xc2\xa0" "b"), 0);
    CHECK_EQ(RasValidateEntryNameA(pbk(), "\xc2\xa9 Work"), 0);
}

/* ---- 7: a FIFO as phonebook ---- */

static void
t_fifo_phonebook_refused_at_once(void)
{
    RASENTRYNAMEA n[2] = { { .dwSize = sizeof(n[0]) } };
    DWORD cb = sizeof(n), count;
    RASENTRYA e;
    DWORD ecb = sizeof(e);
    const char *fifo = tmp(1, "fifo.pbk");
    REQUIRE(mkfifo(fifo, 0600) == 0);
    alarm(WATCHDOG_S);
    CHECK_EQ(RasEnumEntriesA(NULL, fifo, n, &cb, &count), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(has_detail("not a regular file"));
    memset(&e, 0, sizeof(e));
    e.dwSize = sizeof(e);
    CHECK_EQ(RasGetEntryPropertiesA(fifo, "X", &e, &ecb, NULL, NULL),
             ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(set_entry(fifo, "X"), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK_EQ(dial(fifo, "X"), ERROR_CANNOT_OPEN_PHONEBOOK);
    alarm(0);
    struct stat st;
    CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));     /* left alone */
}

static void
t_fifo_credentials_and_lock_refused(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_Password };
    char cred[620], lock[620];
    REQUIRE_EQ(set_entry(pbk(), "Work"), 0);
    snprintf(cred, sizeof(cred), "%s.cred", pbk());
    snprintf(lock, sizeof(lock), "%s.lock", pbk());
    REQUIRE(mkfifo(cred, 0600) == 0);
    alarm(WATCHDOG_S);
    CHECK_EQ(RasGetCredentialsA(pbk(), "Work", &c), ERROR_CANNOT_OPEN_PHONEBOOK);
    unlink(cred);
    REQUIRE(unlink(lock) == 0);
    REQUIRE(mkfifo(lock, 0600) == 0);
    CHECK_EQ(set_entry(pbk(), "Home"), ERROR_CANNOT_OPEN_PHONEBOOK);
    alarm(0);
    CHECK(!file_has(pbk(), "[Home]"));
}

/* ---- 10: a symlinked phonebook is written through ---- */

static void
t_symlinked_phonebook_written_through(void)
{
    const char *target = tmp(1, "real/book.pbk"), *link = tmp(2, "link.pbk");
    char lock[620];
    struct stat st;
    REQUIRE(mkdir(tmp(3, "real"), 0700) == 0);
    REQUIRE_EQ(set_entry(target, "Old"), 0);
    REQUIRE(symlink("real/book.pbk", link) == 0);
    CHECK_EQ(set_entry(link, "New"), 0);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));       /* still a link */
    CHECK(file_has(target, "[Old]"));
    CHECK(file_has(target, "[New]"));
    snprintf(lock, sizeof(lock), "%s.lock", target);
    CHECK(access(lock, F_OK) == 0);                            /* beside the target */
    snprintf(lock, sizeof(lock), "%s.lock", link);
    CHECK(access(lock, F_OK) != 0);
    CHECK_EQ(RasDeleteEntryA(link, "Old"), 0);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(!file_has(target, "[Old]"));
}

static void
t_dangling_and_looping_links_refused(void)
{
    const char *dangling = tmp(1, "dangling.pbk"), *loop = tmp(2, "loop.pbk");
    REQUIRE(symlink("nowhere/book.pbk", dangling) == 0);
    REQUIRE(symlink("loop.pbk", loop) == 0);
    CHECK_EQ(set_entry(dangling, "X"), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(has_detail("dangling"));
    CHECK_EQ(set_entry(loop, "X"), ERROR_CANNOT_OPEN_PHONEBOOK);
    CHECK(access(tmp(3, "nowhere"), F_OK) != 0);               /* nothing created */
}

/* ---- 9, 10: the credentials file ---- */

static const char *
cred_file(void)
{
    return tmp(1, "rasphone.pbk.cred");
}

static void
save_password(const char *entry)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    snprintf(c.szUserName, sizeof(c.szUserName), "user");
    snprintf(c.szPassword, sizeof(c.szPassword), "secret");
    REQUIRE_EQ(RasSetCredentialsA(pbk(), entry, &c, FALSE), 0);
}

static void
t_symlinked_credentials_refused(void)
{
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_Password };
    RASDIALPARAMSA p = { .dwSize = sizeof(p) };
    BOOL has_pw;
    const char *elsewhere = tmp(2, "elsewhere.cred");
    REQUIRE_EQ(set_entry(pbk(), "Work"), 0);
    save_password("Work");
    REQUIRE(rename(cred_file(), elsewhere) == 0);
    REQUIRE(symlink("elsewhere.cred", cred_file()) == 0);
    char *before = slurp(elsewhere);
    CHECK_EQ(RasGetCredentialsA(pbk(), "Work", &c), ERROR_ACCESS_DENIED);
    CHECK(has_detail("symlink"));
    snprintf(p.szEntryName, sizeof(p.szEntryName), "Work");
    CHECK_EQ(RasGetEntryDialParamsA(pbk(), &p, &has_pw), ERROR_ACCESS_DENIED);
    snprintf(c.szPassword, sizeof(c.szPassword), "other");
    CHECK_EQ(RasSetCredentialsA(pbk(), "Work", &c, FALSE), ERROR_ACCESS_DENIED);
    /* a rename does not wait on a file it may not touch, nor write it */
    CHECK_EQ(RasRenameEntryA(pbk(), "Work", "Job"), 0);
    char *after = slurp(elsewhere);
    CHECK(before && after && strcmp(before, after) == 0);      /* never written */
    struct stat st;
    CHECK(lstat(cred_file(), &st) == 0 && S_ISLNK(st.st_mode));
    free(before);
    free(after);
}

/* Runs tool with args (NULL-terminated, at most 4) where no rasmand can be
 * reached or started (a dial would end in 711); its stderr, malloc'd. */
static char *
run_tool(const char *tool, const char *a1, const char *a2, const char *a3, const char *a4)
{
    char sock[620], err_path[620];
    snprintf(sock, sizeof(sock), "%s/none.sock", th_tmpdir());
    snprintf(err_path, sizeof(err_path), "%s/stderr", th_tmpdir());
    pid_t kid = fork();
    if (kid < 0)
        return NULL;
    if (kid == 0) {
        int null = open("/dev/null", O_RDWR);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(null, 0), dup2(null, 1), dup2(err, 2);
        setenv("RASMAND_SOCKET", sock, 1);
        setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
        execl(tool, tool, a1, a2, a3, a4, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (waitpid(kid, &status, 0) != kid || !WIFEXITED(status) || WEXITSTATUS(status) == 0)
        return NULL;
    char *err = slurp(err_path);
    unlink(err_path);
    return err;
}

static bool
refused_with_5(char *err)
{
    bool ok = err && strstr(err, "Remote Access error 5 ") && strstr(err, "mode 0640");
    if (!ok)
        printf("# the tool said: %s\n", err ? err : "(nothing, or success)");
    free(err);
    return ok;
}

/* rasdial with no user (and rasphone -d) dial with the saved credentials;
 * a file they may not use was taken for "none saved", and the server's 691
 * hid the cause. */
static void
t_tools_report_refused_credentials(void)
{
    char sw[700];
    REQUIRE_EQ(set_entry(pbk(), "Work"), 0);
    save_password("Work");
    REQUIRE(chmod(cred_file(), 0640) == 0);
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    CHECK(refused_with_5(run_tool(rasdial, "Work", sw, NULL, NULL)));
    CHECK(refused_with_5(run_tool(rasphone, "-f", pbk(), "-d", "Work")));
}

/* ---- fault sweeps: the new paths that allocate ---- */

static char *target_before;

static uint32_t
call_set_through_link(void *ctx)
{
    (void)ctx;
    pbk_cache_flush();
    return set_entry(tmp(2, "link.pbk"), "New");
}

/* A failed write left the target as it was; a successful one is undone
 * (test-side I/O), so every round starts alike. */
static void
verify_target(void *ctx, long nth, uint32_t rc)
{
    (void)ctx;
    (void)nth;
    struct stat st;
    const char *target = tmp(1, "real/book.pbk");
    CHECK(lstat(tmp(2, "link.pbk"), &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(file_has(target, "[Old]"));
    if (rc) {
        CHECK(!file_has(target, "[New]"));
    } else {
        FILE *f = fopen(target, "we");
        REQUIRE(f != NULL);
        fputs(target_before, f);
        fclose(f);
    }
    pbk_cache_flush();
}

static uint32_t
call_fifo_reads(void *ctx)
{
    RASENTRYNAMEA n[2] = { { .dwSize = sizeof(n[0]) } };
    DWORD cb = sizeof(n), count;
    (void)ctx;
    pbk_cache_flush();
    uint32_t rc = RasEnumEntriesA(NULL, tmp(1, "fifo.pbk"), n, &cb, &count);
    return rc == ERROR_CANNOT_OPEN_PHONEBOOK ? dial(tmp(1, "fifo.pbk"), "X") : rc;
}

static void
t_fault_sweeps(void)
{
    REQUIRE(mkdir(tmp(3, "real"), 0700) == 0);
    REQUIRE_EQ(set_entry(tmp(1, "real/book.pbk"), "Old"), 0);
    REQUIRE(symlink("real/book.pbk", tmp(2, "link.pbk")) == 0);
    target_before = slurp(tmp(1, "real/book.pbk"));
    REQUIRE(target_before != NULL);
    pbk_cache_flush();
    th_fault_sweep("RasSetEntryProperties through a symlink", call_set_through_link, NULL,
                   ERROR_NOT_ENOUGH_MEMORY, verify_target);
    CHECK_EQ(call_set_through_link(NULL), 0);
    verify_target(NULL, 0, 0);
    free(target_before);
    target_before = NULL;
    REQUIRE(mkfifo(tmp(1, "fifo.pbk"), 0600) == 0);
    pbk_cache_flush();
    alarm(WATCHDOG_S);
    th_fault_sweep("a FIFO as phonebook", call_fifo_reads, NULL, ERROR_NOT_ENOUGH_MEMORY, NULL);
    CHECK_EQ(call_fifo_reads(NULL), ERROR_CANNOT_OPEN_PHONEBOOK);
    alarm(0);
    pbk_cache_flush();
}

static void
isolate(void)
{
    static char sock[600];
    /* no test here may reach a real phonebook or rasmand */
    setenv("XDG_CONFIG_HOME", "/nonexistent-openras-test", 1);
    setenv("RAS_SYSCONFDIR", "/nonexistent-openras-test", 1);
    snprintf(sock, sizeof(sock), "/nonexistent-openras-test/rasmand.sock");
    ras_client_set_socket(sock);
    ras_client_set_rasmand("/nonexistent/rasmand");
}

int
main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    rasdial = argv[1];
    rasphone = argv[2];
    isolate();
    th_set_cleanup(pbk_cache_flush);
    if (argc > 3 && strcmp(argv[3], "--fault") == 0) {
        TH_RUN(t_fault_sweeps);
        return th_done();
    }
    TH_RUN(t_names_with_control_characters);
    TH_RUN(t_fifo_phonebook_refused_at_once);
    TH_RUN(t_fifo_credentials_and_lock_refused);
    TH_RUN(t_symlinked_phonebook_written_through);
    TH_RUN(t_dangling_and_looping_links_refused);
    TH_RUN(t_symlinked_credentials_refused);
    TH_RUN(t_tools_report_refused_credentials);
    return th_done();
}
