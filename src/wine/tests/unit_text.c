/* unit_text: the bridge's string conversions (win_text.c) with Wine's own
 * functions, as a Winelib program run under Wine: UTF-16 <-> UTF-8 with
 * characters outside the BMP (surrogate pairs), CP_ACP through UTF-16
 * with what the code page cannot show, strings that do not fit (nothing
 * written), unterminated input, and the lists of strings that follow a
 * RASENTRY. Prints "ok" last when every check passed. */
#include <stdio.h>
#include <string.h>

#include "../win_bridge.h"

#include <winnls.h>

static int failures;

#define CHECK(cond) \
    do { \
        if (!(cond)) { \
            failures++; \
            printf("FAIL line %d: %s\n", __LINE__, #cond); \
        } \
    } while (0)

/* "Büro €" and U+1F4DE (a telephone receiver, a surrogate pair). */
static const WCHAR W_TEXT[] = {'B', 0x00FC, 'r', 'o', ' ', 0x20AC, ' ', 0xD83D, 0xDCDE, 0};
static const char U_TEXT[] = "B\xc3\xbcro \xe2\x82\xac \xf0\x9f\x93\x9e";

static void
t_w_utf8(void)
{
    char u[64], *heap = NULL;
    WCHAR w[16];
    size_t need = 0;
    CHECK(win_str_to_utf8_buf(WL_FORM_W, W_TEXT, 16, u, sizeof(u)) == 0);
    CHECK(strcmp(u, U_TEXT) == 0);
    CHECK(win_str_to_utf8(WL_FORM_W, W_TEXT, &heap) == 0 && heap && strcmp(heap, U_TEXT) == 0);
    HeapFree(GetProcessHeap(), 0, heap);
    CHECK(win_str_to_utf8(WL_FORM_W, NULL, &heap) == 0 && heap == NULL);
    CHECK(win_str_from_utf8(WL_FORM_W, U_TEXT, w, 16, &need) == 0);
    CHECK(memcmp(w, W_TEXT, sizeof(W_TEXT)) == 0 && need == 10);
    /* 9 units + NUL do not fit in 9: nothing written. */
    w[0] = 'x';
    CHECK(win_str_from_utf8(WL_FORM_W, U_TEXT, w, 9, &need) == ERROR_INSUFFICIENT_BUFFER);
    CHECK(w[0] == 'x' && need == 10);
    /* UTF-8 longer than the target array, and no NUL in the source array. */
    u[0] = 'x';
    CHECK(win_str_to_utf8_buf(WL_FORM_W, W_TEXT, 16, u, 8) == 87 && u[0] == 'x');
    CHECK(win_str_to_utf8_buf(WL_FORM_W, W_TEXT, 3, u, sizeof(u)) == 87);
}

static void
t_ansi(void)
{
    char u[64], a[64];
    size_t need;
    /* CP_ACP is 1252 under Wine's default locale: ü and € exist, the
     * telephone does not and becomes the code page's default character
     * ('?', once per UTF-16 unit as Wine does it). */
    CHECK(GetACP() == 1252);
    CHECK(win_str_from_utf8(WL_FORM_A, U_TEXT, a, sizeof(a), &need) == 0);
    CHECK(strncmp(a, "B\xfcro \x80 ", 7) == 0 && need == strlen(a) + 1);
    CHECK(strlen(a) > 7 && strspn(a + 7, "?") == strlen(a + 7));
    CHECK(win_str_to_utf8_buf(WL_FORM_A, "Caf\xe9 \x80", 16, u, sizeof(u)) == 0);
    CHECK(strcmp(u, "Caf\xc3\xa9 \xe2\x82\xac") == 0);
    a[0] = 'x';
    CHECK(win_str_from_utf8(WL_FORM_A, "Caf\xc3\xa9", a, 4, NULL) == ERROR_INSUFFICIENT_BUFFER);
    CHECK(a[0] == 'x');
}

static void
t_lists(void)
{
    static const WCHAR w_list[] = {'1', 0, 0x00FC, '2', 0, 0};
    char *u = NULL;
    DWORD len = 0;
    WCHAR back[8];
    size_t need = 0;
    CHECK(win_multi_to_utf8(WL_FORM_W, w_list, sizeof(w_list), &u, &len) == 0);
    CHECK(u && len == 7 && memcmp(u, "1\0\xc3\xbc" "2\0\0", 7) == 0);
    CHECK(win_multi_from_utf8(WL_FORM_W, u, len, NULL, 0, &need) == 0 && need == sizeof(w_list));
    CHECK(win_multi_from_utf8(WL_FORM_W, u, len, back, sizeof(back), NULL) == 0);
    CHECK(memcmp(back, w_list, sizeof(w_list)) == 0);
    CHECK(win_multi_from_utf8(WL_FORM_W, u, len, back, sizeof(w_list) - 2, NULL) ==
          ERROR_INSUFFICIENT_BUFFER);
    HeapFree(GetProcessHeap(), 0, u);
    /* A list that does not end inside its bytes. */
    CHECK(win_multi_to_utf8(WL_FORM_W, w_list, 6, &u, &len) == 87 && u == NULL);
    CHECK(win_multi_to_utf8(WL_FORM_A, "ab", 2, &u, &len) == 87 && u == NULL);
    /* The empty list. */
    CHECK(win_multi_to_utf8(WL_FORM_A, "\0", 1, &u, &len) == 0 && u == NULL && len == 0);
}

int
main(void)
{
    t_w_utf8();
    t_ansi();
    t_lists();
    printf("%s (%d failure(s))\n", failures ? "FAIL" : "ok", failures);
    return failures;
}
