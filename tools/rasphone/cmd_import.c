/* cmd_import.c: rasphone import: other dialers' configurations (pppd peers
 * files with their chat scripts, wvdial.conf sections, NetworkManager gsm
 * keyfiles) into phonebook entries. Every source is read and checked
 * before anything is written, so a malformed file or a name already taken
 * writes nothing; then each entry goes through libras (import_write.c).
 * What could not be mapped is said line by line. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/text.h"
#include "import.h"
#include "import_write.h"
#include "rasphone.h"
#include "rastool.h"

enum kind { K_PPPD, K_WVDIAL, K_NM };

struct batch {
    struct imp_entry *e[IMP_MAX_ENTRIES];
    char from[IMP_MAX_ENTRIES][IMP_PATH_LEN];
    bool existed[IMP_MAX_ENTRIES];
    size_t n;
    char detail[IMP_DETAIL_LEN];
};

/* Where /etc is: RAS_IMPORT_ROOT stands for / (tests, or a system image
 * mounted elsewhere). */
static const char *
root(void)
{
    const char *r = getenv("RAS_IMPORT_ROOT");
    return r ? r : "";
}

/* The whole file into a new block (NUL-terminated). 0, or 87 said on
 * stderr. */
static uint32_t
read_file(const char *path, char **out, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    size_t n = 0;
    uint32_t rc = ERROR_INVALID_PARAMETER;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0 || fstat(fd, &st) < 0) {
        fprintf(stderr, "rasphone: import: %s: %s\n", rastool_esc(path), strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > (off_t)IMP_MAX_FILE) {
        fprintf(stderr, "rasphone: import: %s: not a regular file of at most %u bytes\n",
                rastool_esc(path), IMP_MAX_FILE);
        goto out;
    }
    if (!(buf = ras_malloc((size_t)st.st_size + 1))) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto out;
    }
    while (n < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
    rc = 0;
out:
    ras_free_secret(buf);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* What a plain FILE holds, from its text. */
static enum kind
sniff(const char *text)
{
    if (strstr(text, "[Dialer "))
        return K_WVDIAL;
    if (strstr(text, "[connection]"))
        return K_NM;
    return K_PPPD;
}

static const char *
base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* pppd's chat -f FILE, under the root; pppd runs connect from /, so a
 * relative name is from there too. */
static uint32_t
read_chat(struct imp_entry *e, char *detail)
{
    char path[IMP_PATH_LEN + 256], *text = NULL;
    size_t len;
    snprintf(path, sizeof(path), "%s%s%s", root(), e->chat_file[0] == '/' ? "" : "/",
             e->chat_file);
    uint32_t rc = read_file(path, &text, &len);
    if (rc == ERROR_INVALID_PARAMETER)
        snprintf(detail, IMP_DETAIL_LEN, "%.200s:%u: connect's chat script could not be read",
                 e->chat_from, e->chat_line);
    if (rc == 0)
        rc = imp_chat_read(e, path, text, len, detail, IMP_DETAIL_LEN);
    ras_free_secret(text);
    return rc;
}

static uint32_t
add_entry(struct batch *b, struct imp_entry *e, const char *from)
{
    if (b->n == IMP_MAX_ENTRIES) {
        imp_entry_free(e);
        snprintf(b->detail, sizeof(b->detail), "more than %d entries in one import",
                 IMP_MAX_ENTRIES);
        return ERROR_INVALID_PARAMETER;
    }
    snprintf(b->from[b->n], IMP_PATH_LEN, "%.*s", IMP_PATH_LEN - 1, from);
    b->e[b->n++] = e;
    return 0;
}

static uint32_t
read_one(struct batch *b, enum kind k, const char *path, const char *text, size_t len,
         const char *name, const char *section)
{
    struct imp_entry *list[IMP_MAX_ENTRIES];
    size_t n = 0;
    uint32_t rc;
    if (k == K_WVDIAL) {
        rc = imp_wvdial_read(list, &n, IMP_MAX_ENTRIES - b->n, path, text, len, section,
                             b->detail, sizeof(b->detail));
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = add_entry(b, list[i], path);
        return rc;
    }
    struct imp_entry *e = imp_entry_new();
    if (!e)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (k == K_PPPD) {
        rc = imp_pppd_read(e, path, text, len, b->detail, sizeof(b->detail));
        if (rc == 0 && e->chat_file[0])
            rc = read_chat(e, b->detail);
    } else {
        rc = imp_nm_read(e, path, text, len, b->detail, sizeof(b->detail));
    }
    if (rc == 0 && !e->name[0]) {
        /* a keyfile without id=, a peers file: named for the file */
        size_t m = strlen(name);
        if (k == K_NM && m > 13 && !strcmp(name + m - 13, ".nmconnection"))
            m -= 13;
        snprintf(e->name, sizeof(e->name), "%.*s", (int)m, name);
    }
    if (rc) {
        imp_entry_free(e);
        return rc;
    }
    return add_entry(b, e, path);
}

/* One command-line source: pppd:NAME, wvdial[:SECTION], nm:FILE or FILE. */
static uint32_t
read_source(struct batch *b, const char *arg)
{
    char path[IMP_PATH_LEN + 256], *text = NULL;
    const char *name = "", *section = NULL;
    size_t len;
    enum kind k = K_PPPD;
    bool plain = false;
    if (!strncmp(arg, "pppd:", 5)) {
        name = arg + 5;
        if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
            snprintf(b->detail, sizeof(b->detail), "%s: not a pppd peer name", arg);
            return ERROR_INVALID_PARAMETER;
        }
        snprintf(path, sizeof(path), "%s/etc/ppp/peers/%s", root(), name);
    } else if (!strcmp(arg, "wvdial") || !strncmp(arg, "wvdial:", 7)) {
        section = arg[6] ? arg + 7 : NULL;
        k = K_WVDIAL;
        snprintf(path, sizeof(path), "%s/etc/wvdial.conf", root());
    } else {
        plain = strncmp(arg, "nm:", 3) != 0;
        k = plain ? K_PPPD : K_NM;
        snprintf(path, sizeof(path), "%s", plain ? arg : arg + 3);
        name = base_name(path);
    }
    uint32_t rc = read_file(path, &text, &len);
    if (rc == 0 && strlen(text) != len)
        rc = imp_malformed(b->detail, sizeof(b->detail), path, 1, "a NUL byte in the file");
    if (rc == 0 && plain)
        k = sniff(text);
    if (rc == 0)
        rc = read_one(b, k, path, text, len, name, section);
    ras_free_secret(text);
    return rc;
}

/* Every name must be free (or --replace), and no two the same. */
static uint32_t
check_names(struct batch *b, const struct cmd_args *a)
{
    for (size_t i = 0; i < b->n; i++) {
        const char *name = b->e[i]->name;
        for (size_t j = 0; j < i; j++)
            if (text_name_eq(name, b->e[j]->name)) {
                snprintf(b->detail, sizeof(b->detail), "'%s' comes twice (%s, %s)",
                         rastool_esc(name), b->from[j], b->from[i]);
                return ERROR_ALREADY_EXISTS;
            }
        uint32_t rc = RasValidateEntryNameA(a->pbk, name);
        if (rc == ERROR_ALREADY_EXISTS && a->replace)
            b->existed[i] = true;
        else if (rc == ERROR_ALREADY_EXISTS)
            snprintf(b->detail, sizeof(b->detail), "'%s' is in the phonebook already "
                     "(--replace overwrites it)", rastool_esc(name));
        else if (rc == ERROR_INVALID_NAME)
            snprintf(b->detail, sizeof(b->detail), "'%s': not an entry name",
                     rastool_esc(name));
        if (rc && !b->existed[i] && rc != ERROR_CANNOT_OPEN_PHONEBOOK)
            return rc;
    }
    return 0;
}

static void
report(const struct imp_entry *e, const char *from, bool dry_run, bool existed)
{
    char init[IMP_MAX_INIT * (IMP_INIT_LEN + 1) + 1];
    printf("%s '%s' from %s%s\n", dry_run ? "would import" : "imported", rastool_esc(e->name),
           rastool_esc(from), existed ? " (replaced)" : "");
    if (dry_run) {
        imp_init_line(e, init, sizeof(init));
        printf("  number=%s\n  device=%s\n", rastool_esc(e->number), rastool_esc(e->device));
        if (init[0])
            printf("  init=%s\n", rastool_esc(init));
        if (e->apn[0])
            printf("  apn=%s\n", rastool_esc(e->apn));
        if (e->bps)
            printf("  speed=%u\n", e->bps);
        if (e->user[0])
            printf("  user=%s\n", rastool_esc(e->user));
        printf("  password=%s\n", e->password[0] ? "(to the credentials file)" : "(none)");
    }
    for (unsigned i = 0; i < e->n_notes; i++)
        printf("  %s\n", rastool_esc(e->notes[i]));
    if (e->notes_dropped)
        printf("  ... and %u more lines not mapped\n", e->notes_dropped);
    if (!e->device[0])
        printf("  no serial port named: the entry uses %s until rasphone edit --device\n",
               dry_run ? "the default device" : "the loopback port");
    if (e->pin[0] && imp_pin_ok(e->pin))
        printf("  SIM PIN: (to the credentials file)\n");
    else if (e->pin[0])
        printf("  SIM PIN: not imported: a SIM takes 4 to 8 digits\n");
}

uint32_t
cmd_import(struct cmd_args *a)
{
    struct batch *b = ras_calloc(1, sizeof(*b));
    uint32_t rc = ERROR_NOT_ENOUGH_MEMORY;
    if (!b)
        return rc;
    rc = 0;
    for (int i = 0; i < 3 && a->arg[i] && rc == 0; i++)
        rc = read_source(b, a->arg[i]);
    if (rc == 0)
        rc = check_names(b, a);
    for (size_t i = 0; rc == 0 && i < b->n; i++) {
        if (!a->dry_run && (rc = imp_write(a->pbk, b->e[i], b->existed[i])) != 0) {
            snprintf(b->detail, sizeof(b->detail), "'%s' not written",
                     rastool_esc(b->e[i]->name));
            break;
        }
        report(b->e[i], b->from[i], a->dry_run, b->existed[i]);
    }
    if (rc && b->detail[0])
        fprintf(stderr, "rasphone: import: %s\n", rastool_esc(b->detail));
    for (size_t i = 0; i < b->n; i++)
        imp_entry_free(b->e[i]);
    ras_free(b);
    return rc;
}
