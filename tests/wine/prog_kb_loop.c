/* KB Q257647 as a Windows binary: RasDialW on an entry that does not
 * exist, N times (argv[1], default 100,000), synchronously and then with a
 * RASDIALFUNC1 notifier. Every call must answer 623 and hand back no
 * handle; after a warm-up the process's private memory, its working set
 * and its handle count must stay flat, and so must its descriptors and
 * anonymous memory, which the runner reads in /proc while the program
 * waits at each probe. Wine 8 leaves PrivateUsage 0 and answers 0 from
 * GetProcessHandleCount: the program then sums its committed private
 * regions and counts its handles itself. */
#include "wt.h"

#include <psapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Growth allowed after the warm-up: a few pages of heap settling, far
 * below what a leak of even one byte per call would add over the loop. */
#define MAX_GROWTH (64 * 1024)

struct usage {
    SIZE_T private_bytes, working_set;
    DWORD handles;
};

/* Committed private memory, region by region: what PrivateUsage reports
 * on Windows, for a Wine that leaves that field 0. */
static SIZE_T
private_committed(void)
{
    MEMORY_BASIC_INFORMATION mbi;
    SIZE_T sum = 0;
    BYTE *p = NULL;
    while (VirtualQuery(p, &mbi, sizeof(mbi)) == sizeof(mbi)) {
        if (mbi.State == MEM_COMMIT && mbi.Type == MEM_PRIVATE)
            sum += mbi.RegionSize;
        BYTE *next = (BYTE *)mbi.BaseAddress + mbi.RegionSize;
        if (next <= p)
            break;
        p = next;
    }
    return sum;
}

/* Open handles, counted by asking about each value in turn: for a Wine
 * whose GetProcessHandleCount answers 0. */
static DWORD
handles_open(void)
{
    DWORD n = 0, flags;
    for (ULONG_PTR v = 4; v < 0x10000; v += 4)
        n += GetHandleInformation((HANDLE)v, &flags) != 0;
    return n;
}

static void
usage_now(struct usage *u)
{
    PROCESS_MEMORY_COUNTERS_EX pmc;
    memset(&pmc, 0, sizeof(pmc));
    pmc.cb = sizeof(pmc);
    GetProcessMemoryInfo(GetCurrentProcess(), (PROCESS_MEMORY_COUNTERS *)&pmc, sizeof(pmc));
    u->private_bytes = pmc.PrivateUsage ? pmc.PrivateUsage : private_committed();
    u->working_set = pmc.WorkingSetSize;
    u->handles = 0;
    if (!GetProcessHandleCount(GetCurrentProcess(), &u->handles) || u->handles == 0)
        u->handles = handles_open();
}

static VOID WINAPI
on_state(HRASCONN h, UINT msg, RASCONNSTATE state, DWORD err, DWORD ext)
{
    (void)h; (void)msg; (void)state; (void)err; (void)ext;
}

/* n calls; how many answered anything but 623, or left a handle */
static long
dial_loop(long n, BOOL notifier)
{
    static RASDIALPARAMSW p;
    long bad = 0;
    p.dwSize = sizeof(p);
    lstrcpynW(p.szEntryName, L"Nowhere", RAS_MaxEntryName + 1);
    for (long i = 0; i < n; i++) {
        HRASCONN h = NULL;
        DWORD rc = RasDialW(NULL, NULL, &p, notifier ? 1 : 0, notifier ? (LPVOID)on_state : NULL,
                            &h);
        if (rc != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY || h) {
            if (bad++ < 3)
                wt_note("call %ld answered %lu, handle %p", i, (unsigned long)rc, (void *)h);
            if (h)
                RasHangUpW(h);
        }
    }
    return bad;
}

static void
kb_loop(long n, BOOL notifier, const char *how)
{
    long warm = n / 10;
    struct usage a, b;
    char tag[64];
    long bad = dial_loop(warm, notifier);
    usage_now(&a);
    snprintf(tag, sizeof(tag), "%s-warm", how);
    wt_probe(tag);
    DWORD t0 = GetTickCount();
    bad += dial_loop(n - warm, notifier);
    DWORD ms = GetTickCount() - t0;
    usage_now(&b);
    snprintf(tag, sizeof(tag), "%s-end", how);
    wt_probe(tag);
    wt_eq(bad, 0, "%s: %ld RasDialW calls answered 623 with no handle", how, n);
    wt_note("%s: %.0f calls/s; private %lu -> %lu, working set %lu -> %lu, handles %lu -> %lu",
            how, ms ? (n - warm) * 1000.0 / ms : 0.0, (unsigned long)a.private_bytes,
            (unsigned long)b.private_bytes, (unsigned long)a.working_set,
            (unsigned long)b.working_set, (unsigned long)a.handles, (unsigned long)b.handles);
    wt_ok(b.private_bytes <= a.private_bytes + MAX_GROWTH, "%s: private memory flat", how);
    wt_ok(b.working_set <= a.working_set + MAX_GROWTH, "%s: working set flat", how);
    wt_ok(b.handles <= a.handles, "%s: handle count flat", how);
}

int
main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    if (n < 10)
        n = 10;
    kb_loop(n, FALSE, "sync");
    kb_loop(n / 10, TRUE, "notifier");
    return wt_done();
}
