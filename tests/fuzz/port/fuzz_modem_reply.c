/* Fuzz target 'modem-reply': any bytes a modem could send. The parser must
 * consume every byte whatever the chunking, give the same results fed whole
 * or a byte at a time, and never report a result it has no name for. */
#include <stdlib.h>
#include <string.h>

#include "port/at.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXEV 64

static size_t
run(const uint8_t *data, size_t size, size_t chunk, struct at_event *evs)
{
    struct at_parser ap;
    size_t nev = 0, pos = 0;
    at_init(&ap);
    while (pos < size) {
        size_t want = chunk && chunk < size - pos ? chunk : size - pos;
        struct at_event ev;
        bool got;
        size_t used = at_feed(&ap, data + pos, want, &ev, &got);
        if (used == 0 || used > want || (!got && used != want))
            abort();
        if (got) {
            if (ev.result != AT_CONNECT && ev.bps != 0)
                abort();
            if (strcmp(at_result_name(ev.result), "?") == 0)
                abort();
            if (nev < MAXEV)
                evs[nev] = ev;
            nev++;
        }
        pos += used;
    }
    if (ap.len > AT_LINE_MAX)
        abort();
    return nev;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct at_event whole[MAXEV], bytewise[MAXEV];
    size_t a = run(data, size, 0, whole);
    size_t b = run(data, size, 1, bytewise);
    if (a != b)
        abort();
    for (size_t i = 0; i < a && i < MAXEV; i++)
        if (whole[i].result != bytewise[i].result || whole[i].bps != bytewise[i].bps)
            abort();
    return 0;
}
