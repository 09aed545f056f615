/* rasmon: NT4's Dial-Up Networking Monitor for a terminal. Every
 * connection the caller may see, with its state, counters, rates, errors
 * and TX/RX/ERR/CD lights, and the rasmand behind them (memory,
 * descriptors, connections over time), refreshed every --interval; --once
 * and --json for scripts. Each printed sample is compared with one taken
 * an interval before it, so even --once has rates and lights. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "raserror.h"

#include "render.h"
#include "rastool.h"
#include "sample.h"

#define INTERVAL_MIN_MS 100
#define INTERVAL_MAX_MS (24u * 3600 * 1000)

struct args {
    uint64_t interval_ms;
    uint64_t count;               /* samples to print; 0 = until interrupted */
    bool once, json, help, version;
};

static void
usage(FILE *f)
{
    fprintf(f,
        "Usage: rasmon [--interval=SECONDS] [--once | --count=N] [--json]\n"
        "Shows every connection you may see (root: everyone's) with its state,\n"
        "duration, bytes and frames each way, rates, compression, errors and the\n"
        "TX/RX/ERR/CD lights, and the rasmand behind them: pid, memory, descriptors,\n"
        "connections (root and rasmand's own user only), refreshed until interrupted.\n"
        "  -i, --interval=SECONDS  time between samples (0.1 to 86400; default 1);\n"
        "                          rates and lights cover one interval\n"
        "  -1, --once              print one sample and exit (taken over one interval)\n"
        "  -n, --count=N           print N samples and exit\n"
        "  -j, --json              one JSON object per sample, one per line\n"
        "  -h, --help, --version\n"
        "Exit status: 0 ok; 1-249 RAS error 601-849 (code - 600), 111 when --once\n"
        "  finds no rasmand running; 250 other RAS error; 251 Win32 error; 252 usage.\n");
}

static int
usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "rasmon: %s%s%s\nTry 'rasmon --help'.\n", what, arg ? " " : "",
            arg ? rastool_esc(arg) : "");
    return RASTOOL_EXIT_USAGE;
}

static bool
parse_interval(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v * 1000 < INTERVAL_MIN_MS ||
        v * 1000 > INTERVAL_MAX_MS)
        return false;
    *out = (uint64_t)llround(v * 1000);
    return true;
}

static bool
parse_count(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v == 0)
        return false;
    *out = v;
    return true;
}

/* 0, or the usage-error exit status. */
static int
parse_args(struct args *a, int argc, char **argv)
{
    static const struct option opts[] = {
        { "interval", required_argument, NULL, 'i' },
        { "once", no_argument, NULL, '1' },
        { "count", required_argument, NULL, 'n' },
        { "json", no_argument, NULL, 'j' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    a->interval_ms = 1000;
    opterr = 0;
    for (int c; (c = getopt_long(argc, argv, ":i:1n:jh", opts, NULL)) != -1;) {
        switch (c) {
        case 'i':
            if (!parse_interval(optarg, &a->interval_ms))
                return usage_error("--interval wants seconds from 0.1 to 86400, not", optarg);
            break;
        case 'n':
            if (!parse_count(optarg, &a->count))
                return usage_error("--count wants a positive number, not", optarg);
            break;
        case '1': a->once = true; break;
        case 'j': a->json = true; break;
        case 'h': a->help = true; break;
        case 'V': a->version = true; break;
        case ':': return usage_error("option needs a value:", argv[optind - 1]);
        default: return usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("takes no arguments; unexpected", argv[optind]);
    if (a->once && a->count)
        return usage_error("--once and --count together", NULL);
    if (a->once)
        a->count = 1;
    return 0;
}

static void
sleep_until(uint64_t at_ms)
{
    struct timespec ts = { .tv_sec = (time_t)(at_ms / 1000),
                           .tv_nsec = (long)(at_ms % 1000) * 1000000 };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

static void
render(const struct args *a, struct mon_render *r, const struct mon_sample *s,
       const struct mon_trend *t)
{
    if (a->json) {
        mon_render_json(stdout, r, s);
    } else {
        /* a refreshing view on a terminal redraws in place */
        if (r->ansi && !a->once)
            fputs("\x1b[H\x1b[J", stdout);
        else if (r->seq > 1)
            fputc('\n', stdout);
        mon_render_text(stdout, r, s, a->once ? NULL : t);
    }
    fflush(stdout);
}

/* Samples until count is reached (for ever without one). A sample that
 * fails ends --once and --count with its error; a refreshing view says so
 * and tries again next interval. */
static int
monitor(const struct args *a)
{
    struct mon_render r = { .seq = 0, .interval_ms = a->interval_ms,
                            .ansi = !a->json && isatty(STDOUT_FILENO) };
    struct mon_trend trend = { .have = false };
    struct mon_sample *prev = NULL, *cur = NULL;
    DWORD rc = mon_sample_take(&prev);
    if (!rc && a->once && prev->daemon_rc == ERROR_RASMAN_CANNOT_INITIALIZE) {
        fprintf(stderr, "rasmon: no rasmand is running, so there is nothing to monitor "
                        "(one starts when something dials)\n");
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
    }
    if (rc)
        goto out;
    mon_trend_add(&trend, prev);
    /* each wait counts from the last sample taken (or tried): a slow one
     * delays the next, never bunches those after it */
    uint64_t next = prev->at_ms + a->interval_ms;
    while (!a->count || r.seq < a->count) {
        sleep_until(next);
        if ((rc = mon_sample_take(&cur)) != 0) {
            rastool_print_error(stderr, rc);
            if (a->count)
                goto out;
            next = mon_now_ms() + a->interval_ms;
            continue;
        }
        next = cur->at_ms + a->interval_ms;
        mon_compare(cur, prev);
        mon_trend_add(&trend, cur);
        r.seq++;
        render(a, &r, cur, &trend);
        mon_sample_free(prev);
        prev = cur;
        cur = NULL;
    }
out:
    mon_sample_free(prev);
    if (rc && rc != ERROR_RASMAN_CANNOT_INITIALIZE)
        rastool_print_error(stderr, rc);
    return rastool_exit_status(rc);
}

int
main(int argc, char **argv)
{
    struct args a;
    memset(&a, 0, sizeof(a));
    int rc = parse_args(&a, argc, argv);
    if (rc)
        return rc;
    if (a.help) {
        usage(stdout);
        return 0;
    }
    if (a.version) {
        printf("rasmon (OpenRAS) %s\n", OPENRAS_VERSION);
        return 0;
    }
    return monitor(&a);
}
