/* The Windows side of bench-wine: enumerate + dial + hang up the loopback
 * entry, timed per round inside the program (Wine's start-up is not in
 * it), and the KB Q257647 loop's calls per second. Prints
 * "# figure NAME VALUE" lines for bench-wine to read.
 * argv: [ROUNDS [KB_CALLS]] (default 20, 100,000). */
#include "wt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double
now_ms(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER t;
    if (!freq.QuadPart)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t);
    return (double)t.QuadPart * 1000.0 / (double)freq.QuadPart;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static BOOL
round_once(double *ms)
{
    static RASENTRYNAMEW names[16];
    RASDIALPARAMSW p;
    DWORD cb = sizeof(names), n = 0;
    HRASCONN h = NULL;
    double t0 = now_ms();
    names[0].dwSize = sizeof(names[0]);
    wt_params(&p, L"" WT_ENTRY, 0);
    if (RasEnumEntriesW(NULL, NULL, names, &cb, &n) != 0 || RasDialW(NULL, NULL, &p, 0, NULL, &h))
        return FALSE;
    RasHangUpW(h);
    if (!wt_wait_gone(h, 10000))
        return FALSE;
    *ms = now_ms() - t0;
    return TRUE;
}

int
main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    long calls = argc > 2 ? atol(argv[2]) : 100000;
    double ms[256];
    if (rounds < 1 || rounds > 256)
        rounds = 20;
    int done = 0;
    while (done < rounds && round_once(&ms[done]))
        done++;
    if (!wt_eq((DWORD)done, (DWORD)rounds, "every enumerate + dial + hang-up round succeeded"))
        return wt_done();
    qsort(ms, (size_t)done, sizeof(ms[0]), cmp_double);
    printf("# figure round_ms %.3f\n", ms[done / 2]);

    RASDIALPARAMSW p;
    memset(&p, 0, sizeof(p));
    p.dwSize = sizeof(p);
    lstrcpyW(p.szEntryName, L"Nowhere");
    long bad = 0;
    double t0 = now_ms();
    for (long i = 0; i < calls; i++) {
        HRASCONN h = NULL;
        bad += RasDialW(NULL, NULL, &p, 0, NULL, &h) != ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
    }
    double t = now_ms() - t0;
    wt_eq((DWORD)bad, 0, "the KB loop's calls all answered 623");
    printf("# figure kb_calls_per_s %.0f\n", t > 0 ? calls * 1000.0 / t : 0.0);
    fflush(stdout);
    return wt_done();
}
