/* The saved-credentials file (see creds.h). Passwords are stored as hex:
 * not to hide them (the file mode does that) but so that any byte a
 * password may hold survives a line-based file. Every buffer that held one
 * is wiped before it is freed. */
#include "lib/creds.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "lib/pbk_names.h"
#include "lib/pbk_store.h"

static const struct {
    const char *key;
    uint32_t bit;
} fields[] = {
    { "UserName", RASCM_UserName },
    { "Domain", RASCM_Domain },
    { "Password", RASCM_Password },
    { "CallbackNumber", CREDS_CALLBACK },
    { "SimPin", CREDS_SIM_PIN },
};

/* Secrets are stored as hex (see above). */
static bool
secret(uint32_t bit)
{
    return bit == RASCM_Password || bit == CREDS_SIM_PIN;
}

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

uint32_t
creds_path(const char *pbk_path, char *out, size_t cap)
{
    int n = snprintf(out, cap, "%s.cred", pbk_path);
    return n < 0 || (size_t)n >= cap ? ERROR_CANNOT_OPEN_PHONEBOOK : 0;
}

/* 0, or why the file may not be used. A missing file is fine. */
static uint32_t
check_mode(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : ERROR_CANNOT_OPEN_PHONEBOOK;
    /* A symlink here is how another user with write access to the
     * directory would point root's reads and writes of passwords at a
     * file of their choosing: never followed (pbk_load and pbk_edit hold
     * to that too, with the lock held). */
    if (S_ISLNK(st.st_mode)) {
        pbk_error_set("%s: a symlink, not the credentials file itself: refused", path);
        return ERROR_ACCESS_DENIED;
    }
    if (st.st_uid != geteuid()) {
        pbk_error_set("%s: owned by uid %u, not by you (uid %u): refused", path,
                      (unsigned)st.st_uid, (unsigned)geteuid());
        return ERROR_ACCESS_DENIED;
    }
    if (st.st_mode & 077) {
        pbk_error_set("%s: mode %04o lets group or others read saved passwords: refused "
                      "(chmod 600 it if its contents are still secret)",
                      path, (unsigned)(st.st_mode & 07777));
        return ERROR_ACCESS_DENIED;
    }
    return 0;
}

static char *
field_of(struct creds *c, uint32_t bit, size_t *cap)
{
    switch (bit) {
    case RASCM_UserName: *cap = sizeof(c->user); return c->user;
    case RASCM_Domain: *cap = sizeof(c->domain); return c->domain;
    case RASCM_Password: *cap = sizeof(c->password); return c->password;
    case CREDS_SIM_PIN: *cap = sizeof(c->sim_pin); return c->sim_pin;
    default: *cap = sizeof(c->callback); return c->callback;
    }
}

static bool
unhex(const char *v, size_t n, char *out, size_t cap)
{
    if (n % 2 || n / 2 >= cap)
        return false;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = pbk_hexval(v[2 * i]), lo = pbk_hexval(v[2 * i + 1]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return false;
        out[i] = (char)(hi << 4 | lo);
    }
    out[n / 2] = '\0';
    return true;
}

static void
read_section(const struct ini_doc *doc, size_t sec, struct creds *out)
{
    for (size_t f = 0; f < NFIELDS; f++) {
        long i = ini_find_key(doc, doc->secs[sec].line + 1, doc->secs[sec].end, fields[f].key);
        size_t n, cap;
        if (i < 0)
            continue;
        const char *v = ini_line_value(doc, (size_t)i, &n);
        char *dst = field_of(out, fields[f].bit, &cap);
        if (secret(fields[f].bit)) {
            if (!unhex(v, n, dst, cap))
                continue;       /* damaged: as if not saved */
        } else {
            if (n >= cap)
                n = cap - 1;
            memcpy(dst, v, n);
            dst[n] = '\0';
        }
        out->have |= fields[f].bit;
    }
}

uint32_t
creds_get(const char *pbk_path, const char *entry, struct creds *out)
{
    char path[PBK_PATH_MAX + 8];
    struct ini_doc doc;
    uint32_t rc;
    memset(out, 0, sizeof(*out));
    if ((rc = creds_path(pbk_path, path, sizeof(path))) != 0)
        return rc;
    if ((rc = check_mode(path)) != 0)
        return rc;
    rc = pbk_load(path, true, &doc);
    if (rc == ERROR_CANNOT_OPEN_PHONEBOOK && access(path, F_OK) != 0)
        return 0;
    if (rc)
        return rc;
    long sec = ini_find_section(&doc, entry);
    if (sec >= 0)
        read_section(&doc, (size_t)sec, out);
    ini_free(&doc);
    return 0;
}

struct set_ctx {
    const char *entry;
    const struct creds *in;
    uint32_t mask;
    bool clear;
};

static uint32_t
value_line(const struct creds *in, size_t f, char *line, size_t cap)
{
    size_t klen = strlen(fields[f].key), vcap;
    const char *v = field_of((struct creds *)in, fields[f].bit, &vcap);
    if (klen + 2 > cap)
        return ERROR_INVALID_PARAMETER;
    memcpy(line, fields[f].key, klen);
    line[klen] = '=';
    char *p = line + klen + 1;
    size_t n = strnlen(v, vcap);
    if (!secret(fields[f].bit)) {
        snprintf(p, cap - klen - 1, "%.*s", (int)n, v);
        return 0;
    }
    for (size_t i = 0; i < n && (size_t)(p - line) + 3 <= cap; i++)
        p += snprintf(p, 3, "%02x", (unsigned char)v[i]);
    *p = '\0';
    return 0;
}

static uint32_t
set_field(struct ini_doc *doc, size_t sec, const struct set_ctx *c, size_t f)
{
    char line[2 * PWLEN + 32];
    uint32_t rc;
    long i = ini_find_key(doc, doc->secs[sec].line + 1, doc->secs[sec].end, fields[f].key);
    /* A hand-edited file may repeat a key: only one line may stay, or a
     * cleared password would come back from the second. */
    long dup;
    while (i >= 0 && (dup = ini_find_key(doc, (size_t)i + 1, doc->secs[sec].end,
                                         fields[f].key)) >= 0)
        ini_delete(doc, (size_t)dup, (size_t)dup + 1);
    if (c->clear) {
        if (i >= 0)
            ini_delete(doc, (size_t)i, (size_t)i + 1);
        return 0;
    }
    if ((rc = value_line(c->in, f, line, sizeof(line))) != 0)
        goto out;
    if (i >= 0)
        rc = ini_replace(doc, (size_t)i, line);
    else
        rc = ini_insert(doc, doc->secs[sec].line + 1, line);
out:
    ras_wipe(line, sizeof(line));
    return rc;
}

static uint32_t
add_section(struct ini_doc *doc, const char *entry, long *sec)
{
    char hdr[RAS_MaxEntryName + 3];
    uint32_t rc;
    if (doc->n == 0 &&
        (rc = ini_insert(doc, 0, "# OpenRAS saved credentials: keep this file mode 0600.")))
        return rc;
    snprintf(hdr, sizeof(hdr), "[%s]", entry);
    if ((rc = ini_insert(doc, doc->n, hdr)) != 0)
        return rc;
    *sec = ini_find_section(doc, entry);
    return *sec < 0 ? ERROR_CANNOT_WRITE_PHONEBOOK : 0;
}

static uint32_t
set_edit(struct ini_doc *doc, void *ctx)
{
    const struct set_ctx *c = ctx;
    uint32_t rc;
    long sec = ini_find_section(doc, c->entry);
    if (sec < 0 && c->clear)
        return 0;
    if (sec < 0 && (rc = add_section(doc, c->entry, &sec)) != 0)
        return rc;
    for (size_t f = 0; f < NFIELDS; f++)
        if ((c->mask & fields[f].bit) && (rc = set_field(doc, (size_t)sec, c, f)) != 0)
            return rc;
    /* a section with nothing left in it goes too */
    const struct ini_section *s = &doc->secs[sec];
    for (size_t i = s->line + 1; i < s->end; i++)
        if (doc->lines[i].kind == INI_KEY)
            return 0;
    ini_delete(doc, s->line, s->end);
    return 0;
}

uint32_t
creds_set(const char *pbk_path, const char *entry, const struct creds *in, uint32_t mask,
          bool clear)
{
    char path[PBK_PATH_MAX + 8];
    struct set_ctx c = { entry, in, mask, clear };
    uint32_t rc;
    if ((rc = creds_path(pbk_path, path, sizeof(path))) != 0)
        return rc;
    if ((rc = check_mode(path)) != 0)
        return rc;
    return pbk_edit(path, true, 0600, set_edit, &c);
}

struct move_ctx {
    const char *from, *to;
};

static uint32_t
move_edit(struct ini_doc *doc, void *ctx)
{
    const struct move_ctx *c = ctx;
    char hdr[RAS_MaxEntryName + 3];
    long sec = ini_find_section(doc, c->from);
    if (sec < 0)
        return 0;
    if (!c->to) {
        ini_delete(doc, doc->secs[sec].line, doc->secs[sec].end);
        return 0;
    }
    long clash = ini_find_section(doc, c->to);
    if (clash >= 0 && clash != sec)
        ini_delete(doc, doc->secs[clash].line, doc->secs[clash].end);
    sec = ini_find_section(doc, c->from);
    snprintf(hdr, sizeof(hdr), "[%s]", c->to);
    return ini_replace(doc, doc->secs[sec].line, hdr);
}

uint32_t
creds_move(const char *pbk_path, const char *from, const char *to)
{
    char path[PBK_PATH_MAX + 8];
    struct move_ctx c = { from, to };
    uint32_t rc;
    if ((rc = creds_path(pbk_path, path, sizeof(path))) != 0)
        return rc;
    if ((rc = check_mode(path)) != 0)      /* before access(): it follows links */
        return rc;
    if (access(path, F_OK) != 0)
        return 0;
    return pbk_edit(path, true, 0600, move_edit, &c);
}
