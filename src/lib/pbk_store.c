/* Phonebook files on disk: locating, cached reading, locked atomic writes
 * (see pbk_store.h). One cleanup idiom: goto out, releasing in reverse. */
#include "lib/pbk_store.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"

static __thread char error_detail[INI_DETAIL_MAX];

const char *
pbk_error_detail(void)
{
    return error_detail;
}

void
pbk_error_clear(void)
{
    error_detail[0] = '\0';
}

void
pbk_error_set(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_detail, sizeof(error_detail), fmt, ap);
    va_end(ap);
}

/* ---- where ---- */

static uint32_t
join(char *out, size_t cap, const char *a, const char *b)
{
    int n = snprintf(out, cap, "%s%s", a, b);
    return n < 0 || (size_t)n >= cap ? ERROR_CANNOT_OPEN_PHONEBOOK : 0;
}

uint32_t
pbk_path(const char *phonebook, char *out, size_t cap)
{
    if (phonebook && *phonebook)
        return join(out, cap, phonebook, "");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')       /* the spec ignores relative values */
        return join(out, cap, xdg, "/ras/rasphone.pbk");
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        pbk_error_set("no default phonebook: neither XDG_CONFIG_HOME nor HOME is set");
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    return join(out, cap, home, "/.config/ras/rasphone.pbk");
}

void
pbk_system_path(char *out, size_t cap)
{
    const char *dir = getenv("RAS_SYSCONFDIR");
    snprintf(out, cap, "%s/rasphone.pbk", dir && *dir ? dir : "/etc/ras");
}

/* ---- reading ---- */

static uint32_t
read_all(int fd, const char *path, char **out, size_t *out_len, bool secret)
{
    struct stat st;
    /* A FIFO, device or directory is no phonebook: 621, what Windows says
     * of a phonebook it cannot use, rather than 623 (that would say the
     * file is fine and the entry missing) or a hang on a FIFO's read. */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        pbk_error_set("%s: not a regular file", path);
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    if ((uint64_t)st.st_size > INI_MAX_FILE) {
        pbk_error_set("%s: %lld bytes is larger than the %u a phonebook may be", path,
                      (long long)st.st_size, INI_MAX_FILE);
        return ERROR_CORRUPT_PHONEBOOK;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = ras_malloc(cap);
    if (!buf)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (;;) {
        /* The size may have changed since fstat; read to the end anyway. */
        if (len == cap) {
            if (cap > INI_MAX_FILE) {
                secret ? ras_free_secret(buf) : ras_free(buf);
                pbk_error_set("%s: larger than the %u bytes a phonebook may be", path,
                              INI_MAX_FILE);
                return ERROR_CORRUPT_PHONEBOOK;
            }
            char *bigger = ras_realloc(buf, cap * 2);
            if (!bigger) {
                secret ? ras_free_secret(buf) : ras_free(buf);
                return ERROR_NOT_ENOUGH_MEMORY;
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            secret ? ras_free_secret(buf) : ras_free(buf);
            pbk_error_set("%s: %s", path, strerror(errno));
            return ERROR_CANNOT_OPEN_PHONEBOOK;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    *out = buf;
    *out_len = len;
    return 0;
}

static uint32_t
open_error(const char *path, int err)
{
    if (err != ENOENT && err != ENOTDIR)
        pbk_error_set("%s: %s", path, strerror(err));
    return ERROR_CANNOT_OPEN_PHONEBOOK;
}

/* Parses the open file into doc. */
static uint32_t
load_fd(int fd, const char *path, bool secret, struct ini_doc *doc)
{
    char *buf;
    size_t len;
    char detail[INI_DETAIL_MAX];
    uint32_t rc = read_all(fd, path, &buf, &len, secret);
    if (rc)
        return rc;
    detail[0] = '\0';
    rc = ini_parse(doc, buf, len, path, secret, detail, sizeof(detail));
    if (rc == ERROR_CORRUPT_PHONEBOOK)
        pbk_error_set("%s", detail);
    return rc;
}

/* O_NONBLOCK: opening a FIFO (or a device) for reading waits for a writer
 * that may never come, with the cache's lock held; non-blocking, it opens
 * at once and read_all refuses what fstat says is not a regular file. A
 * secret file is never followed through a symlink (creds.h). */
static int
open_for_read(const char *path, bool secret)
{
    return open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (secret ? O_NOFOLLOW : 0));
}

uint32_t
pbk_load(const char *path, bool secret, struct ini_doc *doc)
{
    int fd = open_for_read(path, secret);
    if (fd < 0)
        return open_error(path, errno);
    uint32_t rc = load_fd(fd, path, secret, doc);
    close(fd);
    return rc;
}

/* ---- the cache ---- */

#define CACHE_SLOTS 4

struct slot {
    char *path;             /* NULL: empty slot */
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime, ctime;
    unsigned long used;     /* for LRU */
    struct ini_doc doc;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot cache[CACHE_SLOTS];
static unsigned long cache_clock;

static bool
same_file(const struct slot *s, const struct stat *st)
{
    return s->dev == st->st_dev && s->ino == st->st_ino && s->size == st->st_size &&
           s->mtime.tv_sec == st->st_mtim.tv_sec && s->mtime.tv_nsec == st->st_mtim.tv_nsec &&
           s->ctime.tv_sec == st->st_ctim.tv_sec && s->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

static void
slot_clear(struct slot *s)
{
    ras_free(s->path);
    ini_free(&s->doc);
    memset(s, 0, sizeof(*s));
}

static struct slot *
slot_lookup(const char *path)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (cache[i].path && strcmp(cache[i].path, path) == 0)
            return &cache[i];
    return NULL;
}

static struct slot *
slot_victim(void)
{
    struct slot *v = &cache[0];
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (!cache[i].path)
            return &cache[i];
        if (cache[i].used < v->used)
            v = &cache[i];
    }
    return v;
}

/* Loads path into a slot. Called with cache_lock held. */
static uint32_t
slot_fill(const char *path, struct slot **out, bool *missing)
{
    struct ini_doc doc;
    struct stat st;
    char *copy = NULL;
    uint32_t rc;
    int fd = open_for_read(path, false);
    if (fd < 0) {
        if (missing)
            *missing = errno == ENOENT || errno == ENOTDIR;
        return open_error(path, errno);
    }
    if (fstat(fd, &st) != 0) {
        rc = open_error(path, errno);
        goto out;
    }
    if (!(copy = ras_strdup(path))) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto out;
    }
    if ((rc = load_fd(fd, path, false, &doc)) != 0)
        goto out;
    struct slot *s = slot_lookup(path);
    if (!s)
        s = slot_victim();
    slot_clear(s);
    s->path = copy;
    copy = NULL;
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    s->size = st.st_size;
    s->mtime = st.st_mtim;
    s->ctime = st.st_ctim;
    s->doc = doc;
    *out = s;
out:
    ras_free(copy);
    close(fd);
    return rc;
}

uint32_t
pbk_read(const char *path, pbk_read_fn fn, void *ctx, bool *missing)
{
    struct stat st;
    struct slot *s;
    uint32_t rc;
    if (missing)
        *missing = false;
    pbk_error_clear();
    pthread_mutex_lock(&cache_lock);
    s = slot_lookup(path);
    if (stat(path, &st) != 0) {
        if (missing)
            *missing = errno == ENOENT || errno == ENOTDIR;
        rc = open_error(path, errno);
        if (s)
            slot_clear(s);
        goto out;
    }
    if (!s || !same_file(s, &st)) {
        if ((rc = slot_fill(path, &s, missing)) != 0)
            goto out;
    }
    s->used = ++cache_clock;
    rc = fn(&s->doc, ctx);
out:
    pthread_mutex_unlock(&cache_lock);
    return rc;
}

static uint32_t
read_or_623(const char *path, pbk_read_fn fn, void *ctx)
{
    bool missing;
    uint32_t rc = pbk_read(path, fn, ctx, &missing);
    return rc == ERROR_CANNOT_OPEN_PHONEBOOK && missing ? ERROR_CANNOT_FIND_PHONEBOOK_ENTRY : rc;
}

uint32_t
pbk_read_entry(const char *phonebook, pbk_read_fn fn, void *ctx, char *path, size_t cap)
{
    uint32_t rc = pbk_path(phonebook, path, cap);
    if (rc == 0)
        rc = read_or_623(path, fn, ctx);
    if (rc != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY || (phonebook && *phonebook))
        return rc;
    pbk_system_path(path, cap);
    return read_or_623(path, fn, ctx);
}

void
pbk_cache_flush(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        slot_clear(&cache[i]);
    pthread_mutex_unlock(&cache_lock);
}

__attribute__((destructor)) static void
pbk_cache_unload(void)
{
    pbk_cache_flush();
}

/* ---- writing ---- */

/* The directory part of path, for creating it and fsyncing it. */
static void
dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(out, cap, ".");
        return;
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    snprintf(out, cap, "%.*s", (int)n, path);
}

/* mkdir -p for the default phonebook's directory (~/.config/ras), 0700 so
 * nothing in it is readable to others while it is being written. */
static void
make_dirs(const char *dir)
{
    char tmp[PBK_PATH_MAX];
    snprintf(tmp, sizeof(tmp), "%s", dir);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        (void)mkdir(tmp, 0700);
        *p = '/';
    }
    (void)mkdir(tmp, 0700);
}

static uint32_t
write_error(const char *what, const char *path, int err)
{
    pbk_error_set("%s %s: %s", what, path, strerror(err));
    return err == EACCES || err == EPERM || err == EROFS ? ERROR_ACCESS_DENIED
                                                       : ERROR_CANNOT_WRITE_PHONEBOOK;
}

static uint32_t
write_all(int fd, const char *p, size_t n, const char *path)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return write_error("cannot write", path, errno);
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Writes doc beside path and renames it into place. */
static uint32_t
replace_file(const char *path, const char *dir, const struct ini_doc *doc, mode_t mode,
             const struct stat *old)
{
    char tmp[PBK_PATH_MAX + 32];
    char *text = NULL;
    size_t len;
    int fd = -1;
    uint32_t rc;
    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
    if ((rc = ini_serialize(doc, &text, &len)) != 0)
        return rc;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode);
    if (fd < 0) {
        rc = write_error("cannot create", tmp, errno);
        goto out;
    }
    /* The umask must not change what the file had; a secret file is
     * always mode, whatever it was. */
    if (fchmod(fd, old && !doc->secret ? old->st_mode & 07777 : mode) != 0 ||
        (rc = write_all(fd, text, len, tmp)) != 0 || fsync(fd) != 0) {
        if (!rc)
            rc = write_error("cannot write", tmp, errno);
        goto out;
    }
    if (close(fd) != 0) {
        fd = -1;
        rc = write_error("cannot write", tmp, errno);
        goto out;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        rc = write_error("cannot replace", path, errno);
        goto out;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
out:
    if (fd >= 0)
        close(fd);
    if (rc)
        (void)unlink(tmp);
    if (doc->secret)
        ras_free_secret(text);
    else
        ras_free(text);
    return rc;
}

static uint32_t
lock_file(const char *path, int *out)
{
    char lock[PBK_PATH_MAX + 8];
    snprintf(lock, sizeof(lock), "%s.lock", path);
    struct stat st;
    /* O_NONBLOCK: a FIFO put there must not hang the writer */
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0)
        return write_error("cannot create lock file", lock, errno);
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        pbk_error_set("%s: not a regular file", lock);
        close(fd);
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            uint32_t rc = write_error("cannot lock", lock, errno);
            close(fd);
            return rc;
        }
    }
    *out = fd;
    return 0;
}

/* A writer killed between creating "FILE.tmp.PID" and renaming it leaves
 * that file behind. Under the lock no live writer can be using one, so the
 * ones whose process is gone are removed (a reused PID just keeps its file
 * one more round). */
static void
sweep_stale_tmp(const char *path, const char *dir)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t blen = strlen(base);
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        const char *n = e->d_name;
        if (strncmp(n, base, blen) != 0 || strncmp(n + blen, ".tmp.", 5) != 0)
            continue;
        char *end;
        long pid = strtol(n + blen + 5, &end, 10);
        if (*end || pid <= 0 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        (void)unlinkat(dirfd(d), n, 0);
    }
    closedir(d);
}

/* The file a write goes to. A phonebook that is a symlink is written
 * through, to its target, as editors and Windows do: renaming over the
 * link would replace it with a copy and leave the target behind. The temp
 * file and the lock go beside the target, so the rename stays in one
 * directory. A loop or a dangling link is an error, not a new file in some
 * directory the link happens to name. A secret file is never written
 * through a link (creds.h). */
static uint32_t
write_target(const char *path, bool secret, char *out, size_t cap)
{
    struct stat st;
    char real[PATH_MAX];
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return join(out, cap, path, "");
    if (secret) {
        pbk_error_set("%s: a symlink: refused", path);
        return ERROR_ACCESS_DENIED;
    }
    if (!realpath(path, real)) {
        pbk_error_set("%s: %s", path, errno == ENOENT ? "a dangling symlink" : strerror(errno));
        return ERROR_CANNOT_OPEN_PHONEBOOK;
    }
    return join(out, cap, real, "");
}

uint32_t
pbk_edit(const char *link, bool secret, mode_t mode, pbk_edit_fn fn, void *ctx)
{
    char dir[PBK_PATH_MAX], path[PBK_PATH_MAX];
    struct ini_doc doc;
    struct stat st;
    bool exists;
    int lock = -1;
    uint32_t rc;
    pbk_error_clear();
    ini_init(&doc, secret);
    if ((rc = write_target(link, secret, path, sizeof(path))) != 0)
        return rc;
    dir_of(path, dir, sizeof(dir));
    make_dirs(dir);
    if ((rc = lock_file(path, &lock)) != 0)
        return rc;
    sweep_stale_tmp(path, dir);
    exists = stat(path, &st) == 0;
    if (exists && (rc = pbk_load(path, secret, &doc)) != 0)
        goto out;
    if (!exists && errno != ENOENT) {
        rc = open_error(path, errno);
        goto out;
    }
    if ((rc = fn(&doc, ctx)) != 0)
        goto out;
    rc = replace_file(path, dir, &doc, mode, exists ? &st : NULL);
out:
    ini_free(&doc);
    close(lock);        /* releases the flock */
    return rc;
}
