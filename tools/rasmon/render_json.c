/* rasmon --json: one object per sample on one line. Strings are escaped
 * for the terminal first (rastool_esc: control characters and invalid
 * UTF-8 as \xNN), then for JSON, so the output is valid UTF-8 JSON
 * whatever a name held. Field names are a promise to scripts: add, never
 * rename (rasmon(1)). */
#include "render.h"

#include <inttypes.h>

#include "rasconn.h"
#include "rastool.h"

static void
json_str(FILE *f, const char *key, const char *s)
{
    fprintf(f, "\"%s\":\"", key);
    for (const char *p = rastool_esc(s); *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void
json_u64(FILE *f, const char *key, uint64_t v)
{
    fprintf(f, "\"%s\":%" PRIu64, key, v);
}

static const char *
tf(bool v)
{
    return v ? "true" : "false";
}

static void
json_bool(FILE *f, const char *key, bool v)
{
    fprintf(f, "\"%s\":%s", key, tf(v));
}

static void
daemon_json(FILE *f, const struct mon_sample *s)
{
    const OPENRAS_DAEMONINFO *d = &s->daemon;
    json_u64(f, "rasmand_error", s->daemon_rc);
    if (s->daemon_rc) {
        fputs(",\"rasmand\":null", f);
        return;
    }
    const struct { const char *key; uint64_t v; } figures[] = {
        { "uptime_ms", d->qwUptimeMs }, { "rss_kib", d->dwRssKib },
        { "private_kib", d->dwPrivateKib }, { "fds", d->dwDescriptors },
        { "connections", d->dwConnections }, { "clients", d->dwClients },
        { "allocations", d->qwAllocations }, { "allocated_bytes", d->qwAllocatedBytes },
    };
    fprintf(f, ",\"rasmand\":{\"pid\":%u,\"uid\":%u,", d->dwPid, d->dwUid);
    json_bool(f, "system", (d->dwFlags & OPENRAS_DAEMON_SYSTEM) != 0);
    for (size_t i = 0; i < sizeof(figures) / sizeof(figures[0]); i++) {
        fputc(',', f);
        json_u64(f, figures[i].key, figures[i].v);
    }
    fputc('}', f);
}

/* A rate, or null when there was no sample before to measure from. */
static void
json_rate(FILE *f, const char *key, const struct mon_conn *c, uint32_t v)
{
    if (c->rated)
        json_u64(f, key, v);
    else
        fprintf(f, "\"%s\":null", key);
}

static void
conn_json(FILE *f, const struct mon_conn *c)
{
    const RAS_STATS *st = &c->st;
    const struct { const char *key, *v; } names[] = {
        { "entry", c->entry }, { "phonebook", c->phonebook },
        { "device_type", c->device_type }, { "device_name", c->device_name },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        fputc(i ? ',' : '{', f);
        json_str(f, names[i].key, names[i].v);
    }
    fprintf(f, ",\"handle\":%" PRIuPTR ",", (uintptr_t)c->h);
    json_bool(f, "own", c->own);
    if (c->owner_known)
        fprintf(f, ",\"owner\":%u", (unsigned)c->owner);
    fputc(',', f);
    json_str(f, "state", rasconn_state_name(c->state));
    fprintf(f, ",\"state_code\":%u,\"error\":%u,\"duration_ms\":%u,\"bps\":%u,",
            (unsigned)c->state, c->error, st->dwConnectDuration, st->dwBps);
    fprintf(f, "\"bytes_tx\":%u,\"bytes_rx\":%u,\"frames_tx\":%u,\"frames_rx\":%u,",
            st->dwBytesXmited, st->dwBytesRcved, st->dwFramesXmited, st->dwFramesRcved);
    json_rate(f, "tx_bytes_per_s", c, c->tx_rate);
    fputc(',', f);
    json_rate(f, "rx_bytes_per_s", c, c->rx_rate);
    fprintf(f, ",\"compression_tx_pct\":%u,\"compression_rx_pct\":%u,",
            st->dwCompressionRatioOut, st->dwCompressionRatioIn);
    fprintf(f, "\"errors\":{\"crc\":%u,\"timeout\":%u,\"alignment\":%u,\"framing\":%u,"
               "\"hw_overrun\":%u,\"buffer_overrun\":%u},",
            st->dwCrcErr, st->dwTimeoutErr, st->dwAlignmentErr, st->dwFramingErr,
            st->dwHardwareOverrunErr, st->dwBufferOverrunErr);
    fprintf(f, "\"lights\":{\"tx\":%s,\"rx\":%s,\"err\":%s,\"cd\":%s}}",
            tf(c->lights.tx), tf(c->lights.rx), tf(c->lights.err), tf(c->lights.cd));
}

void
mon_render_json(FILE *f, const struct mon_render *r, const struct mon_sample *s)
{
    char when[40];
    mon_render_time(when, sizeof(when), s);
    fputc('{', f);
    json_str(f, "time", when);
    fprintf(f, ",\"sample\":%" PRIu64 ",\"interval_ms\":%" PRIu64 ",\"elapsed_ms\":%" PRIu64
               ",", r->seq, r->interval_ms, s->elapsed_ms);
    daemon_json(f, s);
    fputs(",\"connections\":[", f);
    for (DWORD i = 0; i < s->count; i++) {
        if (i)
            fputc(',', f);
        conn_json(f, &s->conns[i]);
    }
    fputs("]}\n", f);
}
