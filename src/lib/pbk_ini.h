/* pbk_ini.h: the rasphone.pbk text as a list of lines, so that loading then
 * saving a file changes nothing but the lines an edit touched: unknown keys,
 * comments, blank lines, line endings and order survive byte for byte.
 *
 * Parsing is strict about what we could not write back faithfully (bad
 * UTF-8, control bytes, a broken section header, an overlong line, two
 * entries with one name): such a file is refused with the file and line
 * named, and is never rewritten. The same model holds the credentials file.
 *
 * Lines point into one buffer read from the file; a line an edit replaces or
 * inserts owns its own text. A parsed 10,000-entry file is three blocks. */
#ifndef RAS_LIB_PBK_INI_H
#define RAS_LIB_PBK_INI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INI_MAX_LINE   8192u               /* bytes, without the line ending */
#define INI_MAX_FILE   (32u * 1024 * 1024) /* a phonebook of ~100,000 entries */
#define INI_DETAIL_MAX 512

enum ini_kind { INI_BLANK, INI_COMMENT, INI_SECTION, INI_KEY };

struct ini_line {
    const char *text;   /* not NUL-terminated; owned when .owned */
    uint32_t len;       /* without the line ending */
    uint16_t key_len;   /* INI_KEY: bytes before the first '=' */
    uint8_t kind;       /* enum ini_kind */
    uint8_t owned : 1;
    uint8_t crlf : 1;   /* ended in CR LF (else LF, or nothing at EOF) */
    uint8_t eol : 1;    /* had a line ending at all */
};

struct ini_section {
    size_t line;        /* index of the "[name]" line */
    size_t end;         /* one past its last line */
};

struct ini_doc {
    char *buf;                  /* the file as read */
    size_t buf_len;
    struct ini_line *lines;
    size_t n, cap;
    struct ini_section *secs;   /* in file order; the name index follows */
    size_t nsecs, secs_cap;
    bool bom;                   /* started with a UTF-8 byte order mark */
    bool secret;                /* wipe text before freeing (credentials) */
};

/* Parses len bytes (takes ownership of buf, a ras_malloc block, even on
 * failure). path is for messages only. Returns 0; ERROR_CORRUPT_PHONEBOOK
 * with detail ("FILE:LINE: what") for a malformed file; or
 * ERROR_NOT_ENOUGH_MEMORY. */
uint32_t ini_parse(struct ini_doc *doc, char *buf, size_t len, const char *path,
                   bool secret, char *detail, size_t detail_cap);
void ini_free(struct ini_doc *doc);     /* accepts a zeroed or half-built doc */
/* An empty document, ready for edits (a phonebook that does not exist yet). */
void ini_init(struct ini_doc *doc, bool secret);

/* The section whose name equals name (ASCII case-insensitively, as Windows'
 * profile functions compare), or -1. */
long ini_find_section(const struct ini_doc *doc, const char *name);
/* Copies a section's name, NUL-terminated and truncated to cap - 1. */
void ini_section_name(const struct ini_doc *doc, size_t sec, char *out, size_t cap);

/* Key lines: does line i have this key (case-insensitively); its value. */
bool ini_line_is_key(const struct ini_doc *doc, size_t i, const char *key);
const char *ini_line_value(const struct ini_doc *doc, size_t i, size_t *len);
/* First line in [from, to) with key, or -1. */
long ini_find_key(const struct ini_doc *doc, size_t from, size_t to, const char *key);

/* Edits. Each keeps secs valid (they re-index). Text is copied. */
uint32_t ini_replace(struct ini_doc *doc, size_t i, const char *text);
uint32_t ini_insert(struct ini_doc *doc, size_t i, const char *text);
void ini_delete(struct ini_doc *doc, size_t from, size_t to);

/* True if n bytes are one clean line: valid UTF-8, no control bytes but
 * tab. What the parser accepts in a file is what a writer may put in. */
bool ini_text_ok(const char *s, size_t n);

/* The whole document as it would be written, into a new ras_malloc block. */
uint32_t ini_serialize(const struct ini_doc *doc, char **out, size_t *out_len);

#endif
