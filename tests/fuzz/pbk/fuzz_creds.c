/* Fuzz target 'creds': any bytes as a saved-credentials file (PHONEBOOK.cred,
 * mode 0600). Reading must never fault; on a file the parser accepts,
 * saving credentials must succeed and read back exactly, clearing a field
 * must remove only it, and following a rename must carry them along. When
 * the first entry's name passes the entry-name rules (pbk_name_check),
 * renaming another entry onto it replaces what it had. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/creds.h"
#include "lib/pbk_ini.h"
#include "lib/pbk_names.h"
#include "scratch_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char pbk[256], cred[300];

static void
must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz-creds: %s\n", what);
        abort();
    }
}

static void
setup(void)
{
    scratch_file("creds", "x.pbk", pbk, sizeof(pbk));
    snprintf(cred, sizeof(cred), "%s.cred", pbk);
}

static void
put_file(const uint8_t *data, size_t size)
{
    int fd = open(cred, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    must(fd >= 0, "cannot create the credentials file");
    must(fchmod(fd, 0600) == 0, "fchmod");
    must(write(fd, data, size) == (ssize_t)size, "short write");
    close(fd);
}

/* The first section's name, or "" if the file does not parse or has none. */
static bool
first_name(const uint8_t *data, size_t size, char *name, size_t cap)
{
    struct ini_doc doc;
    char *buf = ras_malloc(size ? size : 1);
    must(buf != NULL, "out of memory");
    memcpy(buf, data, size);
    name[0] = '\0';
    if (ini_parse(&doc, buf, size, cred, true, NULL, 0) != 0)
        return false;
    ini_section_name(&doc, 0, name, cap);
    ini_free(&doc);
    return true;
}

static void
check_saved(const char *entry, const struct creds *in, uint32_t mask)
{
    struct creds out;
    must(creds_get(pbk, entry, &out) == 0, "creds_get after creds_set failed");
    must((out.have & mask) == mask, "a saved field is missing");
    must(!(mask & RASCM_UserName) || strcmp(out.user, in->user) == 0, "user name differs");
    must(!(mask & RASCM_Password) || strcmp(out.password, in->password) == 0, "password differs");
    must(!(mask & RASCM_Domain) || strcmp(out.domain, in->domain) == 0, "domain differs");
    ras_wipe(&out, sizeof(out));
}

/* Saved credentials of "a" renamed onto entry (RasRenameEntry to a name
 * that had its own): entry ends with a's and no trace of its own. */
static void
rename_onto(const char *entry)
{
    struct creds a, out;
    memset(&a, 0, sizeof(a));
    snprintf(a.user, sizeof(a.user), "user of a");
    /* whatever the file saved for a goes first, so a has only these */
    must(creds_move(pbk, "a", NULL) == 0, "deleting a's credentials failed");
    must(creds_set(pbk, "a", &a, RASCM_UserName | RASCM_Password, false) == 0,
         "creds_set of a failed");
    must(creds_move(pbk, "a", entry) == 0, "creds_move onto an entry failed");
    must(creds_get(pbk, entry, &out) == 0, "creds_get after the move failed");
    must((out.have & (RASCM_UserName | RASCM_Password)) == (RASCM_UserName | RASCM_Password) &&
         !(out.have & RASCM_Domain) && strcmp(out.user, a.user) == 0,
         "the moved credentials did not replace the old ones");
    must(creds_get(pbk, "a", &out) == 0 && out.have == 0, "a still has credentials");
    ras_wipe(&out, sizeof(out));
}

static void
exercise(const char *entry, bool parsed)
{
    struct creds in, out;
    const uint32_t all = RASCM_UserName | RASCM_Password | RASCM_Domain;
    memset(&in, 0, sizeof(in));
    snprintf(in.user, sizeof(in.user), "fuzz user");
    snprintf(in.domain, sizeof(in.domain), "DOMAIN");
    /* every byte value but NUL must survive the hex encoding */
    snprintf(in.password, sizeof(in.password), "p\x01\x7f\xff=;[x]\t");
    uint32_t rc = creds_set(pbk, entry, &in, all, false);
    must(!parsed || rc == 0, "creds_set on a valid file failed");
    if (rc)
        return;
    check_saved(entry, &in, all);
    if (strcasecmp(entry, "a") != 0 && pbk_name_check(entry) == 0) {
        rename_onto(entry);
        must(creds_set(pbk, entry, &in, all, false) == 0, "creds_set after a move failed");
    }
    must(creds_set(pbk, entry, &in, RASCM_Password, true) == 0, "clearing the password failed");
    must(creds_get(pbk, entry, &out) == 0, "creds_get after clearing failed");
    must(!(out.have & RASCM_Password), "cleared password still there");
    must(out.have & RASCM_UserName, "clearing the password lost the user name");
    must(creds_move(pbk, entry, "Renamed By Fuzz") == 0, "creds_move failed");
    check_saved("Renamed By Fuzz", &in, RASCM_UserName | RASCM_Domain);
    must(creds_move(pbk, "Renamed By Fuzz", NULL) == 0, "creds_move to nothing failed");
    must(creds_get(pbk, "Renamed By Fuzz", &out) == 0 && out.have == 0,
         "deleted credentials still there");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct creds out;
    char name[RAS_MaxEntryName + 2];
    if (!pbk[0])
        setup();
    long live0 = ras_alloc_live();
    put_file(data, size);
    bool parsed = first_name(data, size, name, sizeof(name));
    uint32_t rc = creds_get(pbk, "a", &out);
    must(!parsed || rc == 0, "creds_get on a valid file failed");
    if (name[0]) {
        rc = creds_get(pbk, name, &out);
        must(!parsed || rc == 0, "creds_get of the first entry failed");
    }
    exercise(name[0] ? name : "a", parsed);
    ras_wipe(&out, sizeof(out));
    unlink(cred);
    must(ras_alloc_live() == live0, "allocations leaked");
    return 0;
}
