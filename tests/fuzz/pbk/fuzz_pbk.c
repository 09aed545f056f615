/* Fuzz target 'pbk': any bytes as rasphone.pbk. A file the parser accepts
 * must serialize back byte for byte (we promise never to disturb what we do
 * not edit); every entry in it must read without faults; writing a changed
 * entry must leave a file that parses again, reads back what was written,
 * and differs from the old one only inside that entry's section. The input's
 * first line, where RasValidateEntryName's rules (pbk_name_check) accept it
 * as a name, is added as a new entry the same way. The file read through
 * the phonebook cache (pbk_read), fresh and cached, is the file parsed
 * here; a changed file is read again and a removed one is reported
 * missing. */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ras.h"

#include "common/alloc.h"
#include "ipc/ipc_proto.h"
#include "lib/pbk_entry.h"
#include "lib/pbk_ini.h"
#include "lib/pbk_names.h"
#include "lib/pbk_store.h"
#include "scratch_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NEW_NUMBER "555-0199 x12"
/* Two alternates, the list ended by an empty string. */
static const char new_alts[] = "555-0100\0+1 (555) 0101\0";

/* Reports which property broke before aborting, so a crash log says more
 * than "abort". */
static void
must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz-pbk: %s\n", what);
        abort();
    }
}

/* Names the fields of two entries that differ, for the crash report. */
static void
entry_diff(const RASENTRYA *a, const RASENTRYA *b)
{
#define F(f) { #f, offsetof(RASENTRYA, f), sizeof(((RASENTRYA *)0)->f) }
    static const struct { const char *name; size_t off, size; } fields[] = {
        F(dwfOptions), F(dwCountryID), F(dwCountryCode), F(szAreaCode),
        F(szLocalPhoneNumber), F(ipaddr), F(ipaddrDns), F(ipaddrDnsAlt), F(ipaddrWins),
        F(ipaddrWinsAlt), F(dwFrameSize), F(dwfNetProtocols), F(dwFramingProtocol),
        F(szDeviceType), F(szDeviceName), F(dwDialMode), F(dwIdleDisconnectSeconds),
        F(dwType), F(dwEncryptionType), F(dwCustomAuthKey), F(guidId), F(dwVpnStrategy),
        F(dwfOptions2), F(szDnsSuffix), F(dwRedialCount), F(dwRedialPause),
    };
#undef F
    bool named = false;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        if (memcmp((const char *)a + fields[i].off, (const char *)b + fields[i].off,
                   fields[i].size) != 0) {
            fprintf(stderr, "fuzz-pbk: field %s differs\n", fields[i].name);
            named = true;
        }
    }
    for (size_t i = 0; !named && i < sizeof(*a); i++) {
        if (((const char *)a)[i] != ((const char *)b)[i]) {
            fprintf(stderr, "fuzz-pbk: entries differ at byte %zu\n", i);
            break;
        }
    }
}

static char *
text(const struct ini_doc *doc, size_t *len)
{
    char *out;
    must(ini_serialize(doc, &out, len) == 0, "ini_serialize failed");
    return out;
}

/* Bytes from the start of the file to the start of line i. */
static size_t
offset_of(const struct ini_doc *doc, size_t i)
{
    size_t off = doc->bom ? 3 : 0;
    for (size_t k = 0; k < i; k++)
        off += doc->lines[k].len + (doc->lines[k].eol ? 1u + doc->lines[k].crlf : 0u);
    return off;
}

/* The alternates list of a section, checked for shape: non-empty strings,
 * then one empty string, exactly need bytes. NULL when there are none. */
static char *
alternates(const struct ini_doc *doc, size_t sec, size_t *need)
{
    *need = pbk_entry_alternates(doc, sec, NULL, 0);
    if (!*need)
        return NULL;
    char *buf = ras_malloc(*need);
    must(buf != NULL, "out of memory");
    must(pbk_entry_alternates(doc, sec, buf, *need) == *need, "alternates size changed");
    size_t i = 0;
    while (buf[i]) {
        i += strlen(buf + i) + 1;
        must(i < *need, "alternates list overruns its size");
    }
    must(i == *need - 1, "alternates list shorter than its size");
    return buf;
}

static void
read_all_entries(const struct ini_doc *doc)
{
    char name[RAS_MaxEntryName + 2];
    RASENTRYA e;
    size_t need;
    for (size_t s = 0; s < doc->nsecs; s++) {
        ini_section_name(doc, s, name, sizeof(name));
        must(ini_find_section(doc, name) == (long)s, "name index does not find a section");
        must(pbk_name_check(name) != 0 || pbk_value_ok(name), "a valid name is not a value");
        pbk_entry_read(doc, s, &e);
        uint32_t bps, flow;
        pbk_entry_line(doc, s, &bps, &flow);
        must(flow <= 2, "hw_flow out of range");
        /* InitCommands=: what reaches the modem, split and checked here */
        char cmds[IPC_INIT_CMDS_LEN + 1];
        if (pbk_entry_init_cmds(doc, s, cmds, sizeof(cmds)) == 0)
            for (const char *c = cmds; *c; c++)
                must(*c == '\n' || ((unsigned char)*c >= 0x20 && *c != 0x7f),
                     "a control byte in init commands");
        ras_free(alternates(doc, s, &need));
    }
}

/* Re-parses the text of doc into out (must succeed). */
static void
reparse(const struct ini_doc *doc, struct ini_doc *out)
{
    char detail[INI_DETAIL_MAX];
    size_t len;
    char *t = text(doc, &len);
    uint32_t rc = ini_parse(out, t, len, "rewritten", false, detail, sizeof(detail));
    if (rc)
        fprintf(stderr, "fuzz-pbk: %s\n", detail);
    must(rc == 0, "a file we wrote does not parse");
}

/* Only the section's own bytes may change: everything before its header
 * line and after its last line is compared. */
static void
check_outside_unchanged(const char *old, size_t old_len, size_t head, size_t tail,
                        const struct ini_doc *now)
{
    size_t len;
    char *t = text(now, &len);
    must(len >= head + tail, "file shrank below its untouched parts");
    must(memcmp(t, old, head) == 0, "bytes before the edited entry changed");
    must(memcmp(t + len - tail, old + old_len - tail, tail) == 0,
         "bytes after the edited entry changed");
    ras_free(t);
}

/* Writes a changed copy of section sec (or, with sec < 0, a new entry
 * named new_name) and checks the result. */
static void
write_entry(struct ini_doc *doc, long sec, const char *new_name, const char *orig,
            size_t orig_len)
{
    char name[RAS_MaxEntryName + 2];
    RASENTRYA e, back;
    size_t head = orig_len, tail = 0, need;
    if (sec >= 0) {
        ini_section_name(doc, (size_t)sec, name, sizeof(name));
        pbk_entry_read(doc, (size_t)sec, &e);
        head = offset_of(doc, doc->secs[sec].line);
        tail = orig_len - offset_of(doc, doc->secs[sec].end);
    } else {
        snprintf(name, sizeof(name), "%s", new_name);
        pbk_entry_defaults(&e);
    }
    /* no old digits after the NUL: the read-back is compared whole */
    memset(e.szLocalPhoneNumber, 0, sizeof(e.szLocalPhoneNumber));
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "%s", NEW_NUMBER);
    uint32_t rc = pbk_entry_write(doc, name, &e, new_alts);
    if (rc)
        fprintf(stderr, "fuzz-pbk: pbk_entry_write(\"%s\") returned %u\n", name, rc);
    must(rc == 0, "pbk_entry_write of an entry we read failed");

    struct ini_doc again;
    reparse(doc, &again);
    long s2 = ini_find_section(&again, name);
    must(s2 >= 0, "written entry is missing");
    must(again.nsecs == doc->nsecs, "section count changed across a re-parse");
    pbk_entry_read(&again, (size_t)s2, &back);
    must(strcmp(back.szLocalPhoneNumber, NEW_NUMBER) == 0, "phone number did not read back");
    if (memcmp(&back, &e, sizeof(e)) != 0) {
        entry_diff(&e, &back);
        must(0, "entry did not read back as written");
    }
    char *alts = alternates(&again, (size_t)s2, &need);
    must(need == sizeof(new_alts) && memcmp(alts, new_alts, need) == 0,
         "alternates did not read back");
    ras_free(alts);
    read_all_entries(&again);
    check_outside_unchanged(orig, orig_len, head, tail, &again);

    /* and deleting it (RasDeleteEntry's edit) leaves a valid file */
    size_t before = again.nsecs;
    ini_delete(&again, again.secs[s2].line, again.secs[s2].end);
    must(ini_find_section(&again, name) < 0, "deleted entry still found");
    must(again.nsecs == before - 1, "delete removed other entries");
    struct ini_doc third;
    reparse(&again, &third);
    must(third.nsecs == before - 1, "entry count wrong after delete and re-parse");
    ini_free(&third);
    ini_free(&again);
}

/* ---- the cached read (pbk_read) ---- */

static char pbk_file[256];

static void
put_file(const void *data, size_t size)
{
    int fd = open(pbk_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    must(fd >= 0, "cannot create the phonebook file");
    must(write(fd, data, size) == (ssize_t)size, "short write");
    close(fd);
}

struct want {
    const uint8_t *data;
    size_t size;
    int calls;
};

static uint32_t
same_as_file(const struct ini_doc *doc, void *ctx)
{
    struct want *w = ctx;
    size_t len;
    char *t = text(doc, &len);
    must(len == w->size && memcmp(t, w->data, len) == 0, "pbk_read gave another file");
    ras_free(t);
    w->calls++;
    return 0;
}

static void
check_cached(const uint8_t *data, size_t size, bool parsed)
{
    struct want w = {data, size, 0};
    bool missing;
    if (!pbk_file[0])
        scratch_file("pbk", "rasphone.pbk", pbk_file, sizeof(pbk_file));
    put_file(data, size);
    for (int pass = 0; pass < 2; pass++) {   /* the second from the cache */
        uint32_t rc = pbk_read(pbk_file, same_as_file, &w, &missing);
        must(parsed ? rc == 0 : rc != 0 && w.calls == 0, "pbk_read disagrees with ini_parse");
        must(!missing, "pbk_read called a present file missing");
    }
    /* a different size, so the cache must notice the change */
    static const char other[] = "[Other]\nPhoneNumber=1\n";
    put_file(other, size == sizeof(other) - 1 ? sizeof(other) - 2 : sizeof(other) - 1);
    w = (struct want){(const uint8_t *)other, size == sizeof(other) - 1 ? sizeof(other) - 2
                                                                        : sizeof(other) - 1, 0};
    must(pbk_read(pbk_file, same_as_file, &w, &missing) == 0 && w.calls == 1,
         "a changed file was not read again");
    unlink(pbk_file);
    must(pbk_read(pbk_file, same_as_file, &w, &missing) != 0 && missing && w.calls == 1,
         "a removed file was not missing");
    pbk_cache_flush();
}

/* The input's first line as an entry name, if the name rules accept it and
 * no entry has it yet. */
static bool
new_name(const uint8_t *data, size_t size, const struct ini_doc *doc, char *name, size_t cap)
{
    size_t n = 0;
    while (n < size && n + 1 < cap && data[n] != '\n' && data[n] != '\0')
        n++;
    memcpy(name, data, n);
    name[n] = '\0';
    return pbk_name_check(name) == 0 && ini_find_section(doc, name) < 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long live0 = ras_alloc_live();
    char detail[INI_DETAIL_MAX];
    struct ini_doc doc;
    char *buf = ras_malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    if (ini_parse(&doc, buf, size, "fuzz.pbk", false, detail, sizeof(detail)) != 0) {
        check_cached(data, size, false);
        must(ras_alloc_live() == live0, "a refused file leaked");
        return 0;
    }
    check_cached(data, size, true);
    size_t len;
    char *out = text(&doc, &len);
    must(len == size && memcmp(out, data, size) == 0, "serialize is not the input");
    ras_free(out);
    read_all_entries(&doc);
    /* the last input byte picks which entry to change */
    long sec = doc.nsecs ? (long)(size ? data[size - 1] % doc.nsecs : 0) : -1;
    write_entry(&doc, sec, "Fuzz New Entry", (const char *)data, size);
    ini_free(&doc);
    char name[RAS_MaxEntryName + 2];
    if ((buf = ras_malloc(size ? size : 1)) != NULL) {
        memcpy(buf, data, size);
        must(ini_parse(&doc, buf, size, "fuzz.pbk", false, NULL, 0) == 0, "parse changed");
        if (new_name(data, size, &doc, name, sizeof(name)))
            write_entry(&doc, -1, name, (const char *)data, size);
        ini_free(&doc);
    }
    must(ras_alloc_live() == live0, "allocations leaked");
    return 0;
}
