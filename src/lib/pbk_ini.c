/* The line model of rasphone.pbk (see pbk_ini.h). One idiom for cleanup in
 * this file: every function leaves the doc consistent when it fails. */
#include "lib/pbk_ini.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"
#include "ras.h"

#include "common/alloc.h"
#include "common/text.h"

/* The sorted name index that makes ini_find_section O(log n); it lives
 * right after secs in the same block. */
struct name_ref {
    const char *name;
    uint32_t len;
    uint32_t sec;
};

static void detail_set(char *detail, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
detail_set(char *detail, size_t cap, const char *fmt, ...)
{
    va_list ap;
    if (!detail || !cap)
        return;
    va_start(ap, fmt);
    vsnprintf(detail, cap, fmt, ap);
    va_end(ap);
}

/* Length of the valid UTF-8 sequence at p (1..4), or 0 if it is not one:
 * overlong forms, surrogates and values past U+10FFFF are refused too. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned v = c & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    return len;
}

/* NULL if the text is acceptable, else what is wrong with it. */
static const char *
check_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
                return "binary data (a control byte) in a text line";
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return "invalid UTF-8";
        i += k;
    }
    return NULL;
}

bool
ini_text_ok(const char *s, size_t n)
{
    return check_text(s, n) == NULL;
}

static size_t
skip_blanks(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Sets kind and key_len. NULL if the line is well formed, else why not. */
static const char *
classify(struct ini_line *l)
{
    const char *s = l->text;
    size_t n = l->len, i = skip_blanks(s, n);
    if (i == n) {
        l->kind = INI_BLANK;
        return NULL;
    }
    if (s[i] == ';' || s[i] == '#') {
        l->kind = INI_COMMENT;
        return NULL;
    }
    if (s[i] == '[') {
        while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (i != 0 || s[n - 1] != ']' || n < 2)
            return "bad section header: expected [Entry Name]";
        if (n - 2 == 0)
            return "bad section header: empty entry name";
        if (n - 2 > RAS_MaxEntryName)
            return "bad section header: entry name longer than 256 bytes";
        l->kind = INI_SECTION;
        return NULL;
    }
    const char *eq = memchr(s, '=', n);
    if (!eq)
        return "expected Key=Value, [Entry Name], a comment or a blank line";
    l->kind = INI_KEY;
    l->key_len = (uint16_t)(eq - s);
    return NULL;
}

static void
section_name_ref(const struct ini_doc *doc, size_t line, const char **name, uint32_t *len)
{
    const struct ini_line *l = &doc->lines[line];
    size_t n = l->len;
    while (l->text[n - 1] != ']')
        n--;
    *name = l->text + 1;
    *len = (uint32_t)(n - 2);
}

static int
name_ref_cmp(const void *pa, const void *pb)
{
    const struct name_ref *a = pa, *b = pb;
    int c = text_name_cmp(a->name, a->len, b->name, b->len);
    return c ? c : (a->sec > b->sec) - (a->sec < b->sec);
}

static struct name_ref *
name_index(const struct ini_doc *doc)
{
    return (struct name_ref *)(doc->secs + doc->secs_cap);
}

/* Rebuilds secs and the name index. On a duplicate name sets *dup_a and *dup_b
 * to the two sections' line indices (when dup_a is not NULL). */
static uint32_t
reindex(struct ini_doc *doc, size_t *dup_a, size_t *dup_b)
{
    size_t count = 0;
    for (size_t i = 0; i < doc->n; i++)
        count += doc->lines[i].kind == INI_SECTION;
    /* Reuse the block when it is big enough, so that removing lines (which
     * never adds a section) cannot fail for want of memory. */
    if (!doc->secs || count > doc->secs_cap) {
        size_t cap = count + count / 4 + 4;
        void *block = ras_malloc(cap * (sizeof(struct ini_section) + sizeof(struct name_ref)));
        if (!block)
            return ERROR_NOT_ENOUGH_MEMORY;
        ras_free(doc->secs);
        doc->secs = block;
        doc->secs_cap = cap;
    }
    doc->nsecs = count;
    struct name_ref *idx = name_index(doc);
    size_t s = 0;
    for (size_t i = 0; i < doc->n; i++) {
        if (doc->lines[i].kind != INI_SECTION)
            continue;
        if (s)
            doc->secs[s - 1].end = i;
        doc->secs[s].line = i;
        section_name_ref(doc, i, &idx[s].name, &idx[s].len);
        idx[s].sec = (uint32_t)s;
        s++;
    }
    if (s)
        doc->secs[s - 1].end = doc->n;
    qsort(idx, count, sizeof(*idx), name_ref_cmp);
    for (size_t i = 1; i < count; i++) {
        if (text_name_cmp(idx[i - 1].name, idx[i - 1].len, idx[i].name, idx[i].len) == 0) {
            if (dup_a) {
                *dup_a = doc->secs[idx[i - 1].sec].line;
                *dup_b = doc->secs[idx[i].sec].line;
            }
            return ERROR_CORRUPT_PHONEBOOK;
        }
    }
    return 0;
}

/* Lines moved by delta from line at on: sections after it move with them,
 * and the one holding it grows or shrinks. No section line was added or
 * removed, so names and their order stay. */
static void
shift_secs(struct ini_doc *doc, size_t at, long delta)
{
    for (size_t s = 0; s < doc->nsecs; s++) {
        if (doc->secs[s].line >= at)
            doc->secs[s].line = (size_t)((long)doc->secs[s].line + delta);
        if (doc->secs[s].end >= at)
            doc->secs[s].end = (size_t)((long)doc->secs[s].end + delta);
    }
}

void
ini_init(struct ini_doc *doc, bool secret)
{
    memset(doc, 0, sizeof(*doc));
    doc->secret = secret;
}

static size_t
count_lines(const char *p, size_t n)
{
    size_t count = 0;
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        count++;
        if (!nl)
            break;
        p = nl + 1;
    }
    return count;
}

static uint32_t
split_lines(struct ini_doc *doc, const char *path, char *detail, size_t cap)
{
    const char *p = doc->buf + (doc->bom ? 3 : 0), *end = doc->buf + doc->buf_len;
    size_t no = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        struct ini_line *l = &doc->lines[doc->n];
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        no++;
        memset(l, 0, sizeof(*l));
        l->eol = nl != NULL;
        if (nl && len && p[len - 1] == '\r') {
            l->crlf = 1;
            len--;
        }
        if (len > INI_MAX_LINE) {
            detail_set(detail, cap, "%s:%zu: line longer than %u bytes", path, no,
                       INI_MAX_LINE);
            return ERROR_CORRUPT_PHONEBOOK;
        }
        l->text = p;
        l->len = (uint32_t)len;
        const char *why = check_text(p, len);
        if (!why)
            why = classify(l);
        if (why) {
            detail_set(detail, cap, "%s:%zu: %s", path, no, why);
            return ERROR_CORRUPT_PHONEBOOK;
        }
        doc->n++;
        p = nl ? nl + 1 : end;
    }
    return 0;
}

uint32_t
ini_parse(struct ini_doc *doc, char *buf, size_t len, const char *path, bool secret,
          char *detail, size_t detail_cap)
{
    uint32_t rc;
    ini_init(doc, secret);
    doc->buf = buf;
    doc->buf_len = len;
    if (len > INI_MAX_FILE) {
        detail_set(detail, detail_cap, "%s: %zu bytes is larger than the %u a phonebook may be",
                   path, len, INI_MAX_FILE);
        rc = ERROR_CORRUPT_PHONEBOOK;
        goto fail;
    }
    doc->bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0;
    size_t count = count_lines(buf + (doc->bom ? 3 : 0), len - (doc->bom ? 3 : 0));
    doc->lines = ras_malloc((count ? count : 1) * sizeof(*doc->lines));
    if (!doc->lines) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto fail;
    }
    doc->cap = count ? count : 1;
    if ((rc = split_lines(doc, path, detail, detail_cap)) != 0)
        goto fail;
    size_t a = 0, b = 0;
    if ((rc = reindex(doc, &a, &b)) != 0) {
        if (rc == ERROR_CORRUPT_PHONEBOOK) {
            const char *nm;
            uint32_t nlen;
            section_name_ref(doc, b, &nm, &nlen);
            detail_set(detail, detail_cap,
                       "%s:%zu: entry \"%.*s\" appears twice (first at line %zu)", path,
                       b + 1, (int)nlen, nm, a + 1);
        }
        goto fail;
    }
    return 0;
fail:
    ini_free(doc);
    return rc;
}

static void
free_text(const struct ini_doc *doc, const struct ini_line *l)
{
    if (!l->owned)
        return;
    if (doc->secret)
        ras_free_secret((void *)l->text);
    else
        ras_free((void *)l->text);
}

void
ini_free(struct ini_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++)
        free_text(doc, &doc->lines[i]);
    if (doc->secret)
        ras_free_secret(doc->buf);
    else
        ras_free(doc->buf);
    ras_free(doc->lines);
    ras_free(doc->secs);
    bool secret = doc->secret;
    ini_init(doc, secret);
}

long
ini_find_section(const struct ini_doc *doc, const char *name)
{
    size_t lo = 0, hi = doc->nsecs, len = strlen(name);
    if (!doc->secs)
        return -1;
    const struct name_ref *idx = name_index(doc);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = text_name_cmp(name, len, idx[mid].name, idx[mid].len);
        if (c == 0)
            return idx[mid].sec;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

void
ini_section_name(const struct ini_doc *doc, size_t sec, char *out, size_t cap)
{
    const char *name;
    uint32_t len;
    if (!cap)
        return;
    if (sec >= doc->nsecs) {
        out[0] = '\0';
        return;
    }
    section_name_ref(doc, doc->secs[sec].line, &name, &len);
    if (len > cap - 1)
        len = (uint32_t)(cap - 1);
    memcpy(out, name, len);
    out[len] = '\0';
}

bool
ini_line_is_key(const struct ini_doc *doc, size_t i, const char *key)
{
    const struct ini_line *l = &doc->lines[i];
    size_t n = strlen(key);
    return l->kind == INI_KEY && l->key_len == n && strncasecmp(l->text, key, n) == 0;
}

const char *
ini_line_value(const struct ini_doc *doc, size_t i, size_t *len)
{
    const struct ini_line *l = &doc->lines[i];
    *len = l->len - l->key_len - 1u;
    return l->text + l->key_len + 1;
}

long
ini_find_key(const struct ini_doc *doc, size_t from, size_t to, const char *key)
{
    for (size_t i = from; i < to && i < doc->n; i++)
        if (ini_line_is_key(doc, i, key))
            return (long)i;
    return -1;
}

/* A new line from caller text; callers pass well-formed single lines. */
static uint32_t
make_line(const char *text, struct ini_line *l)
{
    size_t n = strlen(text);
    char *copy = ras_malloc(n ? n : 1);
    if (!copy)
        return ERROR_NOT_ENOUGH_MEMORY;
    memcpy(copy, text, n);
    memset(l, 0, sizeof(*l));
    l->text = copy;
    l->len = (uint32_t)n;
    l->owned = 1;
    l->eol = 1;
    if (n > INI_MAX_LINE || check_text(text, n) || classify(l)) {
        ras_free(copy);
        return ERROR_INVALID_PARAMETER;
    }
    return 0;
}

uint32_t
ini_replace(struct ini_doc *doc, size_t i, const char *text)
{
    struct ini_line l;
    uint32_t rc = make_line(text, &l);
    if (rc)
        return rc;
    struct ini_line old = doc->lines[i];
    l.crlf = old.crlf;
    l.eol = old.eol;
    doc->lines[i] = l;
    if ((old.kind == INI_SECTION || l.kind == INI_SECTION) && (rc = reindex(doc, NULL, NULL))) {
        /* The index may already point at the new text: rebuild it over
         * the old line (same sections, so the block fits) before freeing. */
        doc->lines[i] = old;
        (void)reindex(doc, NULL, NULL);
        free_text(doc, &l);
        return rc;
    }
    free_text(doc, &old);
    return 0;
}

/* New lines follow the file's own convention; a new file gets CR LF, as
 * Windows writes it. */
static bool
doc_uses_crlf(const struct ini_doc *doc, size_t near)
{
    if (near < doc->n && doc->lines[near].eol)
        return doc->lines[near].crlf;
    if (near > 0 && doc->lines[near - 1].eol)
        return doc->lines[near - 1].crlf;
    return doc->n ? doc->lines[0].crlf : true;
}

uint32_t
ini_insert(struct ini_doc *doc, size_t i, const char *text)
{
    struct ini_line l;
    uint32_t rc;
    if (doc->n == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 16;
        struct ini_line *lines = ras_realloc(doc->lines, cap * sizeof(*lines));
        if (!lines)
            return ERROR_NOT_ENOUGH_MEMORY;
        doc->lines = lines;
        doc->cap = cap;
    }
    if ((rc = make_line(text, &l)) != 0)
        return rc;
    l.crlf = doc_uses_crlf(doc, i);
    memmove(&doc->lines[i + 1], &doc->lines[i], (doc->n - i) * sizeof(l));
    doc->lines[i] = l;
    doc->n++;
    bool prev_eol = i > 0 && doc->lines[i - 1].eol;
    if (i > 0 && !prev_eol) {
        doc->lines[i - 1].eol = 1;
        doc->lines[i - 1].crlf = l.crlf;
    }
    if (l.kind != INI_SECTION) {
        /* a line put where a section ends joins that section */
        shift_secs(doc, i, 1);
        return 0;
    }
    if ((rc = reindex(doc, NULL, NULL)) != 0) {
        memmove(&doc->lines[i], &doc->lines[i + 1], (doc->n - i - 1) * sizeof(l));
        doc->n--;
        if (i > 0)
            doc->lines[i - 1].eol = prev_eol;
        /* as in ini_replace: the index must not keep the freed text */
        (void)reindex(doc, NULL, NULL);
        free_text(doc, &l);
    }
    return rc;
}

void
ini_delete(struct ini_doc *doc, size_t from, size_t to)
{
    if (to > doc->n)
        to = doc->n;
    if (from >= to)
        return;
    bool sections = false;
    for (size_t i = from; i < to; i++) {
        sections |= doc->lines[i].kind == INI_SECTION;
        free_text(doc, &doc->lines[i]);
    }
    memmove(&doc->lines[from], &doc->lines[to], (doc->n - to) * sizeof(*doc->lines));
    doc->n -= to - from;
    if (!sections) {
        shift_secs(doc, to, -(long)(to - from));
        return;
    }
    /* Fewer sections fit the block already there: this cannot fail. */
    (void)reindex(doc, NULL, NULL);
}

uint32_t
ini_serialize(const struct ini_doc *doc, char **out, size_t *out_len)
{
    size_t total = doc->bom ? 3 : 0;
    for (size_t i = 0; i < doc->n; i++)
        total += doc->lines[i].len + (doc->lines[i].eol ? 1u + doc->lines[i].crlf : 0u);
    char *buf = ras_malloc(total ? total : 1), *p = buf;
    if (!buf)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (doc->bom) {
        memcpy(p, "\xef\xbb\xbf", 3);
        p += 3;
    }
    for (size_t i = 0; i < doc->n; i++) {
        const struct ini_line *l = &doc->lines[i];
        memcpy(p, l->text, l->len);
        p += l->len;
        if (l->eol && l->crlf)
            *p++ = '\r';
        if (l->eol)
            *p++ = '\n';
    }
    *out = buf;
    *out_len = total;
    return 0;
}
