/* The Windows side of the Wine tests: a tiny TAP writer for programs built
 * with MinGW (x86_64 and i686) against MinGW's own ras.h, so they see
 * Windows' struct layouts, as an unchanged Windows program does. The
 * runner (run_wine.c) renumbers the lines and needs the closing
 * "# wt-done" line to know the program ran to its end (Wine exits 0 even
 * when a program never started). */
#ifndef RAS_TESTS_WINE_WT_H
#define RAS_TESTS_WINE_WT_H

#include <windows.h>
#include <ras.h>
#include <raserror.h>

/* One check: prints "ok - what" or "not ok - what"; returns cond. */
BOOL wt_ok(BOOL cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A DWORD result against the one expected, both printed when they differ. */
BOOL wt_eq(DWORD got, DWORD want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void wt_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A check that cannot run here: "ok - what # SKIP why". */
void wt_skip(const char *what, const char *why);
/* Prints "#probe tag" and waits for the runner's line on stdin: the runner
 * counts the process's descriptors in /proc while the program waits. */
void wt_probe(const char *tag);
/* The closing line; the program's exit status (0 if every check passed). */
int wt_done(void);

/* UTF-16 to UTF-8 for printing, in a static ring of buffers. */
const char *wt_u8(const WCHAR *w);
/* A wide string as the ANSI code page sees it (as an A program would hold
 * it); FALSE if a character has no place in that code page. */
BOOL wt_to_acp(const WCHAR *w, char *out, int cap);

/* The entries the runner puts in the default phonebook (run_wine.c):
 * both on the loopback port, credentials demo/demo. */
#define WT_ENTRY   "Loopback"
#define WT_ENTRY_2 "Loopback 2"
#define WT_USER    "demo"
#define WT_PASS    "demo"

/* Dial parameters for entry with the runner's credentials. */
void wt_params(RASDIALPARAMSW *p, const WCHAR *entry, ULONG_PTR callback_id);
/* A synchronous RasDialW of entry, checked: the handle, or NULL. */
HRASCONN wt_dial(const WCHAR *entry);

/* Waits for a connection to reach Connected or to fail: its last state,
 * or (RASCONNSTATE)-1 when RasGetConnectStatusW errs. */
RASCONNSTATE wt_wait_connected(HRASCONN h, DWORD timeout_ms, DWORD *err);
/* Polls until h is gone (RasGetConnectStatusW answers 6), as Windows
 * programs do after RasHangUp. */
BOOL wt_wait_gone(HRASCONN h, DWORD timeout_ms);

#endif
