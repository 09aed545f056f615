/* Phonebook entries from a Windows program, W and A, with names outside
 * ASCII: validate, create, enumerate, read, rename, delete, in the
 * default phonebook (the Linux user's: the runner wrote "Loopback" there
 * with libras, and reads back what this program leaves) and in a
 * phonebook named by a DOS path (Z:\...). argv[1]: a Unix directory for
 * that phonebook. */
#include "wt.h"

#include <stdio.h>
#include <string.h>

/* An A string (ANSI code page) in UTF-8, for printing. */
static const char *
acp_u8(const char *a)
{
    static WCHAR w[512];
    if (!MultiByteToWideChar(CP_ACP, 0, a, -1, w, 512))
        return "(unconvertible)";
    return wt_u8(w);
}

#define FORM_W
#include "entries_tmpl.h"
#undef FORM_W
#include "entries_tmpl.h"

/* Names the runner looks for in the phonebook file (run_wine.c). */
static const WCHAR name_w[] = L"Caf\u00e9 \u00d1and\u00fa \u260e \u6771\u4eac";
static const WCHAR renamed_w[] = L"\u0417\u0432\u043e\u043d\u043e\u043a \u00e9t\u00e9";
static const WCHAR kept_w[] = L"Gr\u00fc\u00dfe \u260e W";
/* A names: only characters of the Western code pages, converted to the
 * process's ANSI code page as an A program holds them. */
static const WCHAR name_a[] = L"Caf\u00e9 A \u00e0 la r\u00e9gie";
static const WCHAR renamed_a[] = L"Ni\u00f1o A";
static const WCHAR kept_a[] = L"Gr\u00fc\u00dfe A";

static void
forms_a(const char *pbk)
{
    char name[128], renamed[128], kept[128];
    if (!wt_to_acp(name_a, name, sizeof(name)) || !wt_to_acp(renamed_a, renamed, sizeof(renamed)) ||
        !wt_to_acp(kept_a, kept, sizeof(kept))) {
        wt_skip("A forms with accented names", "the ANSI code page has no such letters");
        return;
    }
    entriesA(pbk, name, renamed, kept);
}

int
main(int argc, char **argv)
{
    wt_note("ANSI code page %u", GetACP());
    entriesW(NULL, name_w, renamed_w, kept_w);
    forms_a(NULL);
    if (argc < 2) {
        wt_ok(FALSE, "the runner gave a directory for the DOS-path phonebook");
        return wt_done();
    }
    /* Z: is the Unix root in every Wine prefix */
    char dos_a[MAX_PATH];
    WCHAR dos_w[MAX_PATH];
    snprintf(dos_a, sizeof(dos_a), "Z:%s\\dos.pbk", argv[1]);
    for (char *p = dos_a; *p; p++)
        if (*p == '/')
            *p = '\\';
    MultiByteToWideChar(CP_ACP, 0, dos_a, -1, dos_w, MAX_PATH);
    entriesW(dos_w, name_w, renamed_w, kept_w);
    forms_a(dos_a);
    return wt_done();
}
