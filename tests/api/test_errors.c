/* Error strings: every code libras can return has a message, and
 * RasGetErrorStringA sizes its output the way Windows documents (size in
 * characters including the NUL; too small -> 122; NULL buffer or unknown
 * code -> 87), writing nothing when it fails. */
#include <stdio.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "harness.h"
#include "lib/errors.h"

static const uint32_t win32_codes[] = {
    ERROR_SUCCESS, ERROR_ACCESS_DENIED, ERROR_INVALID_HANDLE, ERROR_NOT_ENOUGH_MEMORY,
    ERROR_INVALID_PARAMETER, ERROR_CALL_NOT_IMPLEMENTED, ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_NAME, ERROR_ALREADY_EXISTS, ERROR_INVALID_USER_BUFFER, E_INVALIDARG,
};
#define N_WIN32 (sizeof(win32_codes) / sizeof(win32_codes[0]))

/* Every code we claim to know: the Win32 list, then 600..870. */
static uint32_t code_at(size_t i)
{
    return i < N_WIN32 ? win32_codes[i] : (uint32_t)(RASBASE + (i - N_WIN32));
}
#define N_CODES (N_WIN32 + (RASBASEEND - RASBASE + 1))

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

static void t_every_code_has_a_message(void)
{
    for (size_t i = 0; i < N_CODES; i++) {
        uint32_t code = code_at(i);
        const char *text = ras_error_text(code);
        if (text == NULL) {
            th_fail(__FILE__, __LINE__, "code %u has no message", code);
            continue;
        }
        size_t len = strlen(text);
        if (len == 0 || len > 511 || !valid_utf8(text) || text[len - 1] == '\n')
            th_fail(__FILE__, __LINE__, "code %u: bad message \"%s\"", code, text);
    }
}

/* Two codes sharing one text would mean a copy-and-paste slip. */
static void t_messages_are_distinct(void)
{
    for (size_t i = 0; i < N_CODES; i++)
        for (size_t j = i + 1; j < N_CODES; j++) {
            const char *a = ras_error_text(code_at(i)), *b = ras_error_text(code_at(j));
            if (a && b && strcmp(a, b) == 0)
                th_fail(__FILE__, __LINE__, "codes %u and %u share \"%s\"",
                        code_at(i), code_at(j), a);
        }
}

static void t_unknown_codes(void)
{
    static const uint32_t unknown[] = {1, 2, 86, 121, 599, 871, 999, 1783, 1785, 0x80070056u,
                                       0xFFFFFFFFu};
    char buf[512];

    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        CHECK(ras_error_text(unknown[i]) == NULL);
        memset(buf, 'Z', sizeof(buf));
        CHECK_EQ(RasGetErrorStringA(unknown[i], buf, sizeof(buf)), ERROR_INVALID_PARAMETER);
        CHECK_EQ(buf[0], 'Z');
    }
}

static void t_sizing(void)
{
    char buf[600];

    for (size_t i = 0; i < N_CODES; i++) {
        uint32_t code = code_at(i);
        const char *text = ras_error_text(code);
        REQUIRE(text != NULL);
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
    TH_RUN(t_every_code_has_a_message);
    TH_RUN(t_messages_are_distinct);
    TH_RUN(t_unknown_codes);
    TH_RUN(t_sizing);
    TH_RUN(t_well_known_texts);
    return th_done();
}
