/* import.h: what rasphone import reads other dialers' files into. One
 * imp_entry per phonebook entry to be, with the lines that could not be
 * mapped kept as notes ("FILE:LINE: what and why"). The readers
 * (import_pppd.c, import_chat.c, import_wvdial.c, import_nm.c) are pure:
 * text in, entries out, no I/O (wvdial's reader allocates the entries it
 * makes), so they are fuzzed as they are; cmd_import.c reads the files and
 * writes through libras. */
#ifndef RAS_TOOLS_RASPHONE_IMPORT_H
#define RAS_TOOLS_RASPHONE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ras.h"

#define IMP_MAX_INIT 8        /* what the modem port sends (src/port/port.h) */
#define IMP_INIT_LEN 60
#define IMP_APN_LEN 100       /* 3GPP TS 23.003 9.1: at most 100 octets */
#define IMP_PIN_LEN 16
#define IMP_PATH_LEN 512
#define IMP_MAX_NOTES 48
#define IMP_NOTE_LEN 240
#define IMP_DETAIL_LEN 320
#define IMP_MAX_ENTRIES 32    /* wvdial sections in one file */
#define IMP_MAX_FILE (256u * 1024) /* no dialer's configuration is larger */

/* A setting read or not: -1 not given, else 0/1. */
typedef int8_t imp_tri;

struct imp_entry {
    char name[RAS_MaxEntryName + 1];
    char number[RAS_MaxPhoneNumber + 1];
    char area_code[RAS_MaxAreaCode + 1];
    char device[RAS_MaxDeviceName + 1];   /* a tty name, without /dev/ */
    char user[UNLEN + 1];
    char password[PWLEN + 1];             /* to the credentials file only */
    char pin[IMP_PIN_LEN + 1];            /* SIM PIN: ditto */
    char apn[IMP_APN_LEN + 1];
    char init[IMP_MAX_INIT][IMP_INIT_LEN + 1];
    unsigned n_init;
    uint32_t bps;                         /* 0: not given */
    imp_tri hw_flow, default_route, vj, ccp;
    uint32_t idle, redial_count, redial_pause;
    bool has_idle, has_redial_count, has_redial_pause;
    /* pppd: the chat script connect names (-f FILE) and where, and chat's
     * -T value for \T */
    char chat_file[IMP_PATH_LEN];
    char chat_from[IMP_PATH_LEN];
    unsigned chat_line;
    char chat_phone[RAS_MaxPhoneNumber + 1];
    bool dialled;                         /* a chat script has dialled: the rest is after CONNECT */
    char notes[IMP_MAX_NOTES][IMP_NOTE_LEN];
    unsigned n_notes, notes_dropped;
};

/* A zeroed entry with nothing given; imp_entry_free wipes the secrets. */
struct imp_entry *imp_entry_new(void);
void imp_entry_free(struct imp_entry *e);

/* Records "PATH:LINE: text" as a line that was not mapped. */
void imp_note(struct imp_entry *e, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Copies n bytes of s into a field of cap bytes. False (nothing copied)
 * when it does not fit or holds a control character. */
bool imp_set(char *field, size_t cap, const char *s, size_t n);

/* The APN, when AT+CGDCONT can carry it (printable, no blank or quote, at
 * most IMP_APN_LEN); false (nothing set) otherwise. */
bool imp_set_apn(struct imp_entry *e, const char *s, size_t n);

/* One AT command a dialer sends before dialling (a chat send string or a
 * wvdial Init): ATD<number> is the number, AT+CGDCONT's third field the APN,
 * AT+CPIN= the SIM PIN, ATZ the modem port's own reset; anything else is an
 * extra init command. What does not fit is noted. */
void imp_at_command(struct imp_entry *e, const char *cmd, const char *path, unsigned line);

/* Words of a pppd options file or a chat script: separated by white space,
 * grouped by '...' or "...", '#' at the start of a word comments out the
 * rest of the line. With escapes, a backslash takes the next character as
 * it is (pppd); without, it stays (chat reads its own escapes). */
struct imp_words {
    const char *p, *end;
    unsigned line;
    bool escapes;
    const char *error;    /* set when a word is malformed */
};
void imp_words_init(struct imp_words *w, const char *text, size_t len, bool escapes);
/* The next word into out (cap bytes) and its line; false at the end or on
 * an error (w->error says which). */
bool imp_words_next(struct imp_words *w, char *out, size_t cap, unsigned *line);

/* The readers. Each returns 0, or ERROR_INVALID_PARAMETER for a malformed
 * file with detail "PATH:LINE: what" (nothing of it to be written). */
/* pppd options (a peers file): fills e; e->chat_file names the chat script
 * to read next, when connect runs chat -f. */
uint32_t imp_pppd_read(struct imp_entry *e, const char *path, const char *text, size_t len,
                       char *detail, size_t cap);
/* A chat script: from a file (-f) or connect's inline words. */
uint32_t imp_chat_read(struct imp_entry *e, const char *path, const char *text, size_t len,
                       char *detail, size_t cap);
/* The words of an inline chat command line (connect "chat -v ..."), from
 * the word after "chat". */
uint32_t imp_chat_command(struct imp_entry *e, const char *path, unsigned line,
                          const char *cmdline, char *detail, size_t cap);
/* wvdial.conf: [Dialer NAME] sections over [Dialer Defaults] (and their
 * Inherits=). section NULL: every dialer (Defaults alone as "wvdial" when it
 * is the only one); else that one. Entries go to out[0..*n). */
uint32_t imp_wvdial_read(struct imp_entry **out, size_t *n, size_t max, const char *path,
                         const char *text, size_t len, const char *section, char *detail,
                         size_t cap);
/* A NetworkManager keyfile of type gsm. */
uint32_t imp_nm_read(struct imp_entry *e, const char *path, const char *text, size_t len,
                     char *detail, size_t cap);

/* Fills detail with "PATH:LINE: what" and returns ERROR_INVALID_PARAMETER. */
uint32_t imp_malformed(char *detail, size_t cap, const char *path, unsigned line,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
