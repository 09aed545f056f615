/* Fuzz target 'import': any bytes as a file rasphone import reads. The
 * first byte picks the reader (pppd options, a chat script, connect's
 * inline chat command, wvdial.conf with every dialer or one, a
 * NetworkManager keyfile); the rest is the file. Asserts: the answer is 0
 * or 87; a refusal names the file and a line ("f:N: ..."); an entry holds
 * only what the phonebook and the modem port accept: every string
 * terminated and free of control characters, at most 8 init commands,
 * each starting AT, at most 60 characters, without '|'; an APN without
 * blank, quote or byte beyond ASCII; every note names
 * the file. ASan and the replay under valgrind see leaks. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "../../../tools/rasphone/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *why)
{
    fprintf(stderr, "import fuzz: %s\n", why);
    abort();
}

static void
check_text(const char *s, size_t cap)
{
    size_t n = strnlen(s, cap);
    if (n == cap)
        fail("a field without its terminator");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            fail("a control character in a field");
}

static void
check_entry(const struct imp_entry *e)
{
    check_text(e->name, sizeof(e->name));
    check_text(e->number, sizeof(e->number));
    check_text(e->device, sizeof(e->device));
    check_text(e->user, sizeof(e->user));
    check_text(e->password, sizeof(e->password));
    check_text(e->pin, sizeof(e->pin));
    check_text(e->apn, sizeof(e->apn));
    if (strpbrk(e->apn, " \""))
        fail("an APN AT+CGDCONT could not carry");
    for (const char *p = e->apn; *p; p++)
        if ((unsigned char)*p > 0x7e)
            fail("an APN AT+CGDCONT could not carry");
    if (e->n_init > IMP_MAX_INIT)
        fail("more init commands than the modem port takes");
    for (unsigned i = 0; i < e->n_init; i++) {
        check_text(e->init[i], sizeof(e->init[i]));
        if (strncasecmp(e->init[i], "AT", 2) || strlen(e->init[i]) > IMP_INIT_LEN ||
            strchr(e->init[i], '|'))
            fail("an init command the modem port would refuse");
    }
    if (e->n_notes > IMP_MAX_NOTES)
        fail("more notes than room");
    for (unsigned i = 0; i < e->n_notes; i++)
        if (strncmp(e->notes[i], "f:", 2) || !isdigit((unsigned char)e->notes[i][2]))
            fail("a note without the file and line");
}

static void
check_refusal(uint32_t rc, const char *detail)
{
    if (rc == 0)
        return;
    if (rc != ERROR_INVALID_PARAMETER)
        fail("an answer neither 0 nor 87");
    if (strncmp(detail, "f:", 2) || !isdigit((unsigned char)detail[2]))
        fail("a refusal without the file and line");
}

static void
run_wvdial(const char *text, size_t len, const char *section)
{
    struct imp_entry *list[IMP_MAX_ENTRIES];
    char detail[IMP_DETAIL_LEN] = "";
    size_t n = 0;
    uint32_t rc = imp_wvdial_read(list, &n, IMP_MAX_ENTRIES, "f", text, len, section, detail,
                                  sizeof(detail));
    check_refusal(rc, detail);
    if (rc && n)
        fail("entries left after a refusal");
    for (size_t i = 0; i < n; i++) {
        if (!list[i]->name[0])
            fail("a dialer without a name");
        check_entry(list[i]);
        imp_entry_free(list[i]);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char detail[IMP_DETAIL_LEN] = "";
    uint32_t rc;
    if (size < 1 || size > IMP_MAX_FILE)
        return 0;
    /* a copy with a terminator after it, as cmd_import.c reads files */
    char *text = ras_malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    size_t len = size - 1;
    unsigned pick = data[0] % 6;
    if (pick == 3 || pick == 4) {
        run_wvdial(text, len, pick == 4 ? "office" : NULL);
        ras_free(text);
        return 0;
    }
    struct imp_entry *e = imp_entry_new();
    if (!e) {
        ras_free(text);
        return 0;
    }
    if (pick == 0)
        rc = imp_pppd_read(e, "f", text, len, detail, sizeof(detail));
    else if (pick == 1)
        rc = imp_chat_read(e, "f", text, len, detail, sizeof(detail));
    else if (pick == 2)
        rc = imp_chat_command(e, "f", 1, text, detail, sizeof(detail));
    else
        rc = imp_nm_read(e, "f", text, len, detail, sizeof(detail));
    check_refusal(rc, detail);
    if (rc == 0)
        check_entry(e);
    imp_entry_free(e);
    ras_free(text);
    return 0;
}
