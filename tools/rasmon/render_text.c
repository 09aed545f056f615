/* rasmon's text: one block for rasmand, one per connection, laid out like
 * the Status tab of NT4's Dial-Up Networking Monitor (device statistics,
 * device errors, the lights). Every string that came from rasmand or a
 * phonebook is escaped (rastool_esc). */
#include "render.h"

#include <pwd.h>
#include <string.h>

#include "raserror.h"

#include "rasconn.h"
#include "rastool.h"

void
mon_render_time(char *buf, size_t cap, const struct mon_sample *s)
{
    struct tm tm;
    time_t t = s->wall.tv_sec;
    gmtime_r(&t, &tm);
    char day[32];
    strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, cap, "%s.%03ldZ", day, s->wall.tv_nsec / 1000000);
}

static const char *
hms(char *buf, size_t cap, uint64_t ms)
{
    uint64_t s = ms / 1000;
    snprintf(buf, cap, "%llu:%02u:%02u", (unsigned long long)(s / 3600),
             (unsigned)(s / 60 % 60), (unsigned)(s % 60));
    return buf;
}

static const char *
plural(uint64_t n)
{
    return n == 1 ? "" : "s";
}

static void
daemon_text(FILE *f, const struct mon_sample *s, const struct mon_trend *t)
{
    const OPENRAS_DAEMONINFO *d = &s->daemon;
    char up[32];
    if (s->daemon_rc == ERROR_RASMAN_CANNOT_INITIALIZE) {
        fprintf(f, "rasmand  not running: no rasmand listens for this user or the system "
                   "(it starts when something dials)\n");
        return;
    }
    if (s->daemon_rc) {
        fprintf(f, "rasmand  its figures are shown to root and to the user it runs as only\n");
        return;
    }
    fprintf(f, "rasmand  pid %u, %s, uid %u, up %s\n", d->dwPid,
            (d->dwFlags & OPENRAS_DAEMON_SYSTEM) ? "system" : "per-user", d->dwUid,
            hms(up, sizeof(up), d->qwUptimeMs));
    fprintf(f, "  Memory       %u KiB resident, %u KiB private, %llu allocation%s\n",
            d->dwRssKib, d->dwPrivateKib, (unsigned long long)d->qwAllocations,
            plural(d->qwAllocations));
    fprintf(f, "  Handles      %u descriptor%s, %u connection%s, %u client%s\n",
            d->dwDescriptors, plural(d->dwDescriptors), d->dwConnections,
            plural(d->dwConnections), d->dwClients, plural(d->dwClients));
    if (t && t->have && t->pid == d->dwPid)
        fprintf(f, "  Since start  resident %u..%u KiB, private %u..%u KiB, descriptors "
                   "%u..%u, connections %u..%u (first..now: %+lld KiB, %+lld fds)\n",
                t->low.rss_kib, t->high.rss_kib, t->low.private_kib, t->high.private_kib,
                t->low.fds, t->high.fds, t->low.conns, t->high.conns,
                (long long)d->dwPrivateKib - t->first.private_kib,
                (long long)d->dwDescriptors - t->first.fds);
}

/* A light: on a terminal lit in colour (ERR in red), dim when off; in
 * plain text NAME:on / NAME:off. */
static void
light(FILE *f, bool ansi, const char *name, bool lit, bool is_err)
{
    if (!ansi)
        fprintf(f, " %s:%s", name, lit ? "on" : "off");
    else if (lit)
        fprintf(f, " \x1b[1;97;%dm %s \x1b[0m", is_err ? 41 : 42, name);
    else
        fprintf(f, " \x1b[2m %s \x1b[0m", name);
}

static const char *
rate_text(char *buf, size_t cap, const struct mon_conn *c, uint32_t r)
{
    if (!c->rated)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%u B/s", r);
    return buf;
}

static const char *
owner_text(char *buf, size_t cap, const struct mon_conn *c)
{
    buf[0] = '\0';
    if (c->own || !c->owner_known)
        return buf;
    struct passwd pw, *res = NULL;
    char pwbuf[1024];
    if (getpwuid_r(c->owner, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res)
        snprintf(buf, cap, " (owner %s)", rastool_esc(res->pw_name));
    else
        snprintf(buf, cap, " (owner %u)", (unsigned)c->owner);
    return buf;
}

static void
conn_text(FILE *f, bool ansi, const struct mon_conn *c)
{
    const RAS_STATS *st = &c->st;
    char up[32], who[300], r1[32], r2[32];
    fprintf(f, "\n%s%s  %s%s\n", c->entry[0] ? rastool_esc(c->entry) : "(no entry)",
            owner_text(who, sizeof(who), c), rasconn_state_name(c->state),
            c->error ? " (failed)" : "");
    if (c->error) {
        char msg[512];
        if (RasGetErrorStringA(c->error, msg, sizeof(msg)) != 0)
            snprintf(msg, sizeof(msg), "(no message for this code)");
        fprintf(f, "  Error        %u - %s\n", c->error, rastool_esc(msg));
    }
    fprintf(f, "  Device       %s (%s), %u bps, connected %s\n", rastool_esc(c->device_name),
            rastool_esc(c->device_type), st->dwBps, hms(up, sizeof(up), st->dwConnectDuration));
    fprintf(f, "  Lights      ");
    light(f, ansi, "TX", c->lights.tx, false);
    light(f, ansi, "RX", c->lights.rx, false);
    light(f, ansi, "ERR", c->lights.err, true);
    light(f, ansi, "CD", c->lights.cd, false);
    fprintf(f, "\n");
    fprintf(f, "  Bytes        %u out, %u in\n", st->dwBytesXmited, st->dwBytesRcved);
    fprintf(f, "  Rate         %s out, %s in\n", rate_text(r1, sizeof(r1), c, c->tx_rate),
            rate_text(r2, sizeof(r2), c, c->rx_rate));
    fprintf(f, "  Frames       %u out, %u in\n", st->dwFramesXmited, st->dwFramesRcved);
    /* RAS_STATS gives the ratio in percent; 0 is a link with no CCP */
    if (st->dwCompressionRatioOut || st->dwCompressionRatioIn)
        fprintf(f, "  Compression  %u%% out, %u%% in\n", st->dwCompressionRatioOut,
                st->dwCompressionRatioIn);
    else
        fprintf(f, "  Compression  none\n");
    fprintf(f, "  Errors       CRC %u, timeouts %u, alignment %u, framing %u, "
               "hardware overruns %u, buffer overruns %u\n", st->dwCrcErr, st->dwTimeoutErr,
            st->dwAlignmentErr, st->dwFramingErr, st->dwHardwareOverrunErr,
            st->dwBufferOverrunErr);
}

void
mon_render_text(FILE *f, const struct mon_render *r, const struct mon_sample *s,
                const struct mon_trend *t)
{
    char when[40];
    mon_render_time(when, sizeof(when), s);
    fprintf(f, "rasmon  %s, sample %llu over %llu.%03llu s\n", when,
            (unsigned long long)r->seq, (unsigned long long)(s->elapsed_ms / 1000),
            (unsigned long long)(s->elapsed_ms % 1000));
    daemon_text(f, s, t);
    if (s->count == 0)
        fprintf(f, "\nNo connections\n");
    for (DWORD i = 0; i < s->count; i++)
        conn_text(f, r->ansi, &s->conns[i]);
}
