/* Error strings, walking the table (src/lib/errors.def): every row is
 * what the lookup returns, every code libras can return has a row, and
 * RasGetErrorStringA sizes its output the way Windows documents (size in
 * characters including the NUL; too small -> 122; NULL buffer or unknown
 * code -> 87), writing nothing when it fails. */
#include <stdio.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "harness.h"
#include "lib/errors.h"

/* The table itself, as errors.c sees it: name, the name's value in
 * raserror.h, the row's number, the message. */
static const struct row {
    const char *name;
    uint32_t value, number;
    const char *text;
} rows[] = {
#define X(name, number, text) { #name, (name), (number), (text) },
#include "lib/errors.def"
#undef X
};
#define N_ROWS (sizeof(rows) / sizeof(rows[0]))

static const struct row *row_of(uint32_t code)
{
    for (size_t i = 0; i < N_ROWS; i++)
        if (rows[i].number == code)
            return &rows[i];
    return NULL;
}

/* Codes outside the RAS range that raserror.h defines and the API returns:
 * each must keep its row, however the table is edited. */
static const uint32_t win32_codes[] = {
    ERROR_SUCCESS, ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY,
    ERROR_INVALID_PARAMETER, ERROR_CALL_NOT_IMPLEMENTED, ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_NAME, ERROR_ALREADY_EXISTS, ERROR_INVALID_USER_BUFFER, E_INVALIDARG,
};

static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        int extra;
        uint32_t cp;
        if (*p < 0x80) {
            p++;
            continue;
        } else if ((*p & 0xE0) == 0xC0) {
            extra = 1, cp = *p & 0x1F;
        } else if ((*p & 0xF0) == 0xE0) {
            extra = 2, cp = *p & 0x0F;
        } else if ((*p & 0xF8) == 0xF0) {
            extra = 3, cp = *p & 0x07;
        } else {
            return false;
        }
        p++;
        for (int i = 0; i < extra; i++, p++) {
            if ((*p & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (*p & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
    }
    return true;
}

/* Each row: its number is its name's, the lookup gives exactly its text,
 * and the text is one non-empty UTF-8 line that fits 512 characters. */
static void t_every_row_is_looked_up(void)
{
    for (size_t i = 0; i < N_ROWS; i++) {
        const struct row *r = &rows[i];
        const char *text = ras_error_text(r->number);
        if (r->value != r->number)
            th_fail(__FILE__, __LINE__, "%s is %u in raserror.h, %u in the table", r->name,
                    r->value, r->number);
        if (text == NULL || strcmp(text, r->text) != 0) {
            th_fail(__FILE__, __LINE__, "%s (%u): lookup gives \"%s\"", r->name, r->number,
                    text ? text : "(null)");
            continue;
        }
        size_t len = strlen(text);
        if (len == 0 || len > 511 || !valid_utf8(text) || text[len - 1] == '\n')
            th_fail(__FILE__, __LINE__, "%s (%u): bad message \"%s\"", r->name, r->number, text);
    }
}

/* Every RAS number is assigned, so each has a row; so do the Win32 codes. */
static void t_every_code_has_a_row(void)
{
    for (uint32_t code = RASBASE; code <= RASBASEEND; code++)
        if (row_of(code) == NULL)
            th_fail(__FILE__, __LINE__, "RAS code %u has no row", code);
    for (size_t i = 0; i < sizeof(win32_codes) / sizeof(win32_codes[0]); i++)
        if (row_of(win32_codes[i]) == NULL)
            th_fail(__FILE__, __LINE__, "Win32 code %u has no row", win32_codes[i]);
    CHECK_EQ(N_ROWS, (RASBASEEND - RASBASE + 1) + sizeof(win32_codes) / sizeof(win32_codes[0]));
}

/* Two codes sharing one text would mean a copy-and-paste slip. */
static void t_messages_are_distinct(void)
{
    for (size_t i = 0; i < N_ROWS; i++)
        for (size_t j = i + 1; j < N_ROWS; j++)
            if (strcmp(rows[i].text, rows[j].text) == 0)
                th_fail(__FILE__, __LINE__, "%s and %s share \"%s\"", rows[i].name,
                        rows[j].name, rows[i].text);
}

static void check_unknown(uint32_t code)
{
    char buf[512];

    CHECK(ras_error_text(code) == NULL);
    memset(buf, 'Z', sizeof(buf));
    CHECK_EQ(RasGetErrorStringA(code, buf, sizeof(buf)), ERROR_INVALID_PARAMETER);
    CHECK_EQ(buf[0], 'Z');
}

/* A number without a row has no message: 87, and the buffer untouched. */
static void t_unknown_codes(void)
{
    static const uint32_t far[] = {0x80070056u, 0x80070058u, 0x80000000u, 0xFFFFFFFFu};

    for (uint32_t code = 0; code < 2000; code++)
        if (row_of(code) == NULL)
            check_unknown(code);
    for (size_t i = 0; i < sizeof(far) / sizeof(far[0]); i++)
        check_unknown(far[i]);
}

static void t_sizing(void)
{
    char buf[600];

    for (size_t i = 0; i < N_ROWS; i++) {
        uint32_t code = rows[i].number;
        const char *text = rows[i].text;
        DWORD len = (DWORD)strlen(text);

        /* exact fit: the text and its NUL, nothing past it */
        memset(buf, 'Z', sizeof(buf));
        CHECK_EQ(RasGetErrorStringA(code, buf, len + 1), ERROR_SUCCESS);
        CHECK_STR(buf, text);
        CHECK_EQ(buf[len + 1], 'Z');

        /* one short, and zero: 122 and the buffer untouched */
        memset(buf, 'Z', sizeof(buf));
        CHECK_EQ(RasGetErrorStringA(code, buf, len), ERROR_INSUFFICIENT_BUFFER);
        CHECK_EQ(RasGetErrorStringA(code, buf, 0), ERROR_INSUFFICIENT_BUFFER);
        CHECK_EQ(buf[0], 'Z');

        /* 512 characters are always enough (as Windows promises) */
        CHECK_EQ(RasGetErrorStringA(code, buf, 512), ERROR_SUCCESS);

        CHECK_EQ(RasGetErrorStringA(code, NULL, 512), ERROR_INVALID_PARAMETER);
        CHECK_EQ(RasGetErrorStringA(code, NULL, 0), ERROR_INVALID_PARAMETER);
    }
}

static void t_well_known_texts(void)
{
    char buf[512];

    /* the codes a dial-up user meets most; the text must say what happened */
    CHECK_EQ(RasGetErrorStringA(ERROR_LINE_BUSY, buf, sizeof(buf)), 0);
    CHECK(strstr(buf, "busy") != NULL);
    CHECK_EQ(RasGetErrorStringA(ERROR_NO_DIALTONE, buf, sizeof(buf)), 0);
    CHECK(strstr(buf, "dial tone") != NULL);
    CHECK_EQ(RasGetErrorStringA(ERROR_AUTHENTICATION_FAILURE, buf, sizeof(buf)), 0);
    CHECK(strstr(buf, "Authentication") != NULL);
    CHECK_EQ(RasGetErrorStringA(ERROR_CANNOT_FIND_PHONEBOOK_ENTRY, buf, sizeof(buf)), 0);
    CHECK(strstr(buf, "phonebook") != NULL);
}

int main(void)
{
    TH_RUN(t_every_row_is_looked_up);
    TH_RUN(t_every_code_has_a_row);
    TH_RUN(t_messages_are_distinct);
    TH_RUN(t_unknown_codes);
    TH_RUN(t_sizing);
    TH_RUN(t_well_known_texts);
    return th_done();
}
