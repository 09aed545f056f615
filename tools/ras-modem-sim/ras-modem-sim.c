/* ras-modem-sim: a SIMULATED Hayes modem on a pseudo-terminal, for tests and
 * for trying OpenRAS without hardware. It answers AT commands on the pty's
 * master side; what each dialed number does (busy, no answer, connect, a
 * carrier drop...) is scripted on the command line. After CONNECT the line
 * can be bridged to a unix stream socket (an ISP, a pppd). One process, one
 * poll loop, no allocation. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "sim_cellular.h"
#include "sim_command.h"

#define MAX_SCRIPTS   32
#define MAX_OUTCOMES  16
#define MAX_INIT_REPLIES 16
#define NUMBER_MAX    SIMCMD_NUMBER_MAX
#define GUARD_MS      1000        /* S12's default escape guard time */
#define DTR_POLL_MS   10          /* how often a call looks at DTR */
#define HUP_NAP_MS    20          /* no one has the slave open: look again later */

enum result { R_CONNECT, R_BUSY, R_NOANSWER, R_NOCARRIER, R_NODIALTONE, R_ERROR,
              R_GARBAGE, R_SPLIT, R_SILENT };

struct outcome {
    enum result result;
    uint32_t slow_ms;             /* reply this long after the dial */
    uint32_t drop_s;              /* carrier lost this long after CONNECT */
};

struct script {
    char number[NUMBER_MAX + 1];
    struct outcome out[MAX_OUTCOMES];
    unsigned n, calls;
};

/* --init-reply: a command line answered as scripted, whatever it says */
struct init_reply {
    char command[SIMCMD_LINE_MAX];
    enum result result;           /* R_CONNECT stands for OK */
};

enum mstate { M_COMMAND, M_DIALING, M_ONLINE, M_ONLINE_COMMAND };

static struct {
    struct script scripts[MAX_SCRIPTS];
    unsigned nscripts;
    struct init_reply init_replies[MAX_INIT_REPLIES];
    unsigned ninit_replies;
    const char *link, *bridge;
    uint32_t guard_ms;
    bool verbose;
    bool ignore_dtr;              /* AT&D0: DTR dropping (or the line closing) ends no call */
    bool dtr_low;
    int master;
    char slave[64];
    int bridge_fd;
    enum mstate state;
    bool echo, verbose_codes;
    struct simcmd_line cmd;
    struct simcell cell;          /* the SIMULATED cellular module */
    struct outcome pending;       /* the dial in progress */
    uint64_t due_ms, drop_ms;     /* 0 = none */
    uint64_t last_rx_ms, plus_ms;
    unsigned plus;
} sim;

static volatile sig_atomic_t stop;
static int sigfd = -1;            /* SIGTERM and SIGINT, as a descriptor */

static uint64_t
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
logf_(const char *fmt, ...)
{
    if (!sim.verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "ras-modem-sim (simulated): ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- command line ------------------------------------------------------ */

static bool
parse_outcome(const char *tok, size_t len, struct outcome *o)
{
    static const struct { const char *name; enum result r; } names[] = {
        { "connect", R_CONNECT }, { "busy", R_BUSY }, { "noanswer", R_NOANSWER },
        { "nocarrier", R_NOCARRIER }, { "nodialtone", R_NODIALTONE },
        { "error", R_ERROR }, { "garbage", R_GARBAGE }, { "split", R_SPLIT },
        { "silent", R_SILENT },
    };
    memset(o, 0, sizeof(*o));
    /* parts joined by '+': one result word and/or slow=MS, drop=S */
    while (len) {
        size_t plen = 0;
        while (plen < len && tok[plen] != '+')
            plen++;
        char part[32];
        if (plen == 0 || plen >= sizeof(part))
            return false;
        memcpy(part, tok, plen);
        part[plen] = '\0';
        unsigned long v;
        char extra;
        bool known = false;
        if (sscanf(part, "slow=%lu%c", &v, &extra) == 1 && v <= 600000) {
            o->slow_ms = (uint32_t)v;
            known = true;
        } else if (sscanf(part, "drop=%lu%c", &v, &extra) == 1 && v <= 86400) {
            o->drop_s = (uint32_t)v;
            known = true;
        }
        for (size_t i = 0; !known && i < sizeof(names) / sizeof(names[0]); i++)
            if (strcmp(part, names[i].name) == 0) {
                o->result = names[i].r;
                known = true;
            }
        if (!known)
            return false;
        tok += plen;
        len -= plen;
        if (len) {
            tok++;
            len--;
        }
    }
    return true;
}

static bool
add_script(const char *arg)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) > NUMBER_MAX || sim.nscripts == MAX_SCRIPTS)
        return false;
    struct script *s = &sim.scripts[sim.nscripts];
    memcpy(s->number, arg, (size_t)(eq - arg));
    s->number[eq - arg] = '\0';
    for (const char *t = eq + 1; *t;) {
        size_t len = strcspn(t, ",");
        if (s->n == MAX_OUTCOMES || !parse_outcome(t, len, &s->out[s->n]))
            return false;
        s->n++;
        t += len;
        if (*t == ',')
            t++;
    }
    if (s->n == 0)
        return false;
    sim.nscripts++;
    return true;
}

/* COMMAND=ok|error|silent, split at the last '=' (commands hold '='). */
static bool
add_init_reply(const char *arg)
{
    const char *eq = strrchr(arg, '=');
    if (!eq || eq == arg || (size_t)(eq - arg) >= SIMCMD_LINE_MAX ||
        sim.ninit_replies == MAX_INIT_REPLIES)
        return false;
    struct init_reply *r = &sim.init_replies[sim.ninit_replies];
    if (strcasecmp(eq + 1, "ok") == 0)
        r->result = R_CONNECT;
    else if (strcasecmp(eq + 1, "error") == 0)
        r->result = R_ERROR;
    else if (strcasecmp(eq + 1, "silent") == 0)
        r->result = R_SILENT;
    else
        return false;
    memcpy(r->command, arg, (size_t)(eq - arg));
    r->command[eq - arg] = '\0';
    sim.ninit_replies++;
    return true;
}

static void
usage(FILE *f)
{
    fprintf(f,
"Usage: ras-modem-sim [OPTION]...\n"
"A SIMULATED Hayes modem on a pseudo-terminal. No hardware is involved: it\n"
"answers AT commands and fakes calls, for tests and demos.\n"
"\n"
"  --link=PATH        make PATH a symlink to the pty's slave side\n"
"                     (otherwise the slave's path is printed)\n"
"  --script=NUMBER=OUTCOME[,OUTCOME...]\n"
"                     what dialing NUMBER does; successive calls take\n"
"                     successive outcomes, the last one repeats\n"
"  --bridge=unix:PATH after CONNECT, copy the line to and from the unix\n"
"                     stream socket PATH (no bridge: the line stays quiet)\n"
"  --guard-ms=MS      the +++ escape's guard time (default %d)\n"
"  --init-reply=COMMAND=ok|error|silent\n"
"                     answer the command line COMMAND (e.g. AT+FOO, compared\n"
"                     without case) so, whatever it asks; repeatable\n"
"  --ignore-dtr       behave as a modem set to AT&D0: a call survives DTR\n"
"                     dropping and the line closing; only +++ then ATH end it\n"
"Cellular (SIMULATED: no radio, no SIM; the state is what these say):\n"
"  --sim=ready|pin=PIN|puk\n"
"                     what AT+CPIN? finds: ready (default), a SIM wanting\n"
"                     PIN (3 wrong AT+CPIN= and it wants its PUK), or blocked\n"
"  --registration=home|roaming|never|after=N\n"
"                     what AT+CREG?/AT+CEREG? answer (1 home, 5 roaming,\n"
"                     2 searching; after=N: searching for N queries, then home)\n"
"  --csq=N            AT+CSQ's rssi (0-31, 99 unknown; default 20)\n"
"  --apn=NAME         the network's APN: a *99 call connects only if\n"
"                     AT+CGDCONT=1,\"IP\",\"NAME\" set it (default: any)\n"
"  --verbose          log to stderr\n"
"  --help\n"
"\n"
"Outcomes: connect (the default), busy, noanswer, nocarrier, nodialtone,\n"
"error, garbage (noise and stray text, then CONNECT), split (CONNECT written\n"
"a byte at a time), silent (no reply at all), slow=MS (connect after MS),\n"
"drop=S (connect, then lose carrier after S seconds); join with '+', e.g.\n"
"slow=500+busy.\n"
"Commands: ATZ AT&F ATE0 ATE1 ATV0 ATV1 ATH ATI ATO ATS.. ATD[T|P]number;\n"
"AT+CPIN? AT+CPIN=PIN AT+CGDCONT=1,\"IP\",\"APN\" AT+CGDCONT? AT+CREG? AT+CEREG?\n"
"AT+CSQ (the simulated cellular module);\n"
"+++ with a guard time either side returns to command mode.\n",
            GUARD_MS);
}

static int
parse_args(int argc, char **argv)
{
    static const struct option opts[] = {
        { "link", required_argument, NULL, 'l' },
        { "script", required_argument, NULL, 's' },
        { "bridge", required_argument, NULL, 'b' },
        { "guard-ms", required_argument, NULL, 'g' },
        { "init-reply", required_argument, NULL, 'r' },
        { "verbose", no_argument, NULL, 'v' },
        { "ignore-dtr", no_argument, NULL, 'd' },
        { "sim", required_argument, NULL, 'S' },
        { "registration", required_argument, NULL, 'R' },
        { "csq", required_argument, NULL, 'Q' },
        { "apn", required_argument, NULL, 'A' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    sim.guard_ms = GUARD_MS;
    simcell_init(&sim.cell);
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'l': sim.link = optarg; break;
        case 's':
            if (!add_script(optarg)) {
                fprintf(stderr, "ras-modem-sim: bad --script '%s'\n", optarg);
                return 2;
            }
            break;
        case 'b':
            if (strncmp(optarg, "unix:", 5) != 0 || !optarg[5]) {
                fprintf(stderr, "ras-modem-sim: --bridge wants unix:PATH\n");
                return 2;
            }
            sim.bridge = optarg + 5;
            break;
        case 'r':
            if (!add_init_reply(optarg)) {
                fprintf(stderr, "ras-modem-sim: bad --init-reply '%s'\n", optarg);
                return 2;
            }
            break;
        case 'g': sim.guard_ms = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'v': sim.verbose = true; break;
        case 'd': sim.ignore_dtr = true; break;
        case 'S': case 'R': case 'Q': case 'A':
            if (!(c == 'S' ? simcell_set_sim(&sim.cell, optarg) :
                  c == 'R' ? simcell_set_registration(&sim.cell, optarg) :
                  c == 'Q' ? simcell_set_csq(&sim.cell, optarg) :
                  simcell_set_network_apn(&sim.cell, optarg))) {
                fprintf(stderr, "ras-modem-sim: bad cellular option value '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }
    return -1;
}

/* ---- the pty ----------------------------------------------------------- */

static int
open_pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0 ||
        ptsname_r(m, sim.slave, sizeof(sim.slave)) != 0) {
        perror("ras-modem-sim: pty");
        if (m >= 0)
            close(m);
        return -1;
    }
    /* on a pty master these reach the slave's termios: raw, so a client
     * that does not set its own still sees the bytes we send */
    struct termios t;
    if (tcgetattr(m, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(m, TCSANOW, &t);
    }
    fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
    sim.master = m;
    if (sim.link) {
        char tmp[4096];
        snprintf(tmp, sizeof(tmp), "%s.new", sim.link);
        unlink(tmp);
        if (symlink(sim.slave, tmp) < 0 || rename(tmp, sim.link) < 0) {
            perror("ras-modem-sim: link");
            return -1;
        }
        printf("ras-modem-sim: SIMULATED modem on %s -> %s\n", sim.link, sim.slave);
    } else {
        printf("ras-modem-sim: SIMULATED modem on %s\n", sim.slave);
    }
    fflush(stdout);
    return 0;
}

static void
put(const void *buf, size_t n)
{
    const uint8_t *p = buf;
    while (n) {
        ssize_t w = write(sim.master, p, n);
        if (w < 0 && errno == EAGAIN) {
            struct pollfd pf = { .fd = sim.master, .events = POLLOUT };
            if (poll(&pf, 1, 1000) <= 0)
                return;           /* nobody reads: a modem would lose it too */
            continue;
        }
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

static void
puts_(const char *s)
{
    put(s, strlen(s));
}

static void
reply(int code, const char *word)
{
    char buf[64];
    if (sim.verbose_codes)
        snprintf(buf, sizeof(buf), "\r\n%s\r\n", word);
    else
        snprintf(buf, sizeof(buf), "%d\r", code);
    puts_(buf);
    logf_("-> %s", word);
}

/* ---- calls ------------------------------------------------------------- */

static void
reset_settings(void)
{
    sim.echo = true;
    sim.verbose_codes = true;
}

static void
close_bridge(void)
{
    if (sim.bridge_fd >= 0)
        close(sim.bridge_fd);
    sim.bridge_fd = -1;
}

static void
on_hook(void)
{
    close_bridge();
    sim.state = M_COMMAND;
    sim.due_ms = sim.drop_ms = 0;
    sim.plus = 0;
}

static bool
open_bridge(void)
{
    if (!sim.bridge)
        return true;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(sim.bridge) >= sizeof(sa.sun_path))
        return false;
    strcpy(sa.sun_path, sim.bridge);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        logf_("bridge %s: %s", sim.bridge, strerror(errno));
        close(fd);
        return false;
    }
    sim.bridge_fd = fd;
    return true;
}

static void
connect_reply(bool split)
{
    static const char text[] = "\r\nCONNECT 115200\r\n";
    if (!sim.verbose_codes) {
        puts_("1\r");
    } else if (split) {
        /* a separate write per byte, with time between, so the client's
         * reads return the reply in pieces */
        for (size_t i = 0; i < sizeof(text) - 1; i++) {
            put(text + i, 1);
            usleep(2000);
        }
    } else {
        puts_(text);
    }
    logf_("-> CONNECT 115200");
}

/* line noise, NULs and text that is no result code, ahead of CONNECT */
static const char noise[] = "\x00\xff\x13\r\n+FCERROR\r\n\x07#!junk\r\nCONNECTING\r\n\x00";

static void
finish_dial(void)
{
    struct outcome o = sim.pending;
    sim.due_ms = 0;
    sim.state = M_COMMAND;
    switch (o.result) {
    case R_BUSY: reply(7, "BUSY"); return;
    case R_NOANSWER: reply(8, "NO ANSWER"); return;
    case R_NOCARRIER: reply(3, "NO CARRIER"); return;
    case R_NODIALTONE: reply(6, "NO DIALTONE"); return;
    case R_ERROR: reply(4, "ERROR"); return;
    case R_SILENT: return;
    case R_GARBAGE:
        put(noise, sizeof(noise) - 1);
        break;
    case R_CONNECT: case R_SPLIT:
        break;
    }
    if (!open_bridge()) {
        reply(3, "NO CARRIER");
        return;
    }
    connect_reply(o.result == R_SPLIT);
    sim.state = M_ONLINE;
    sim.last_rx_ms = now_ms();
    if (o.drop_s)
        sim.drop_ms = now_ms() + (uint64_t)o.drop_s * 1000;
}

static struct outcome
next_outcome(const char *number)
{
    struct outcome def = { .result = R_CONNECT };
    for (unsigned i = 0; i < sim.nscripts; i++) {
        struct script *s = &sim.scripts[i];
        if (strcmp(s->number, number) == 0) {
            unsigned k = s->calls < s->n ? s->calls : s->n - 1;
            s->calls++;
            return s->out[k];
        }
    }
    return def;
}

static void
dial(const char *arg)
{
    char number[NUMBER_MAX + 1];
    simcmd_number(arg, number);
    sim.pending = next_outcome(number);
    const char *refused = simcell_refusal(&sim.cell, number);
    if (refused) {
        logf_("packet call refused: %s", refused);
        sim.pending = (struct outcome){ .result = R_NOCARRIER };
    }
    sim.state = M_DIALING;
    sim.due_ms = now_ms() + sim.pending.slow_ms;
    logf_("dialing '%s'", number);
}

/* Carrier lost: a pty has no DCD, so the slave sees it the way a serial
 * port sees a hang-up: the other side goes away (read returns EIO). A new
 * pty takes its place for the next call. */
static int
drop_carrier(void)
{
    reply(3, "NO CARRIER");
    usleep(100 * 1000);           /* the hang-up flushes what is unread */
    logf_("carrier dropped");
    on_hook();
    close(sim.master);
    sim.master = -1;
    sim.dtr_low = false;
    return open_pty();
}

/* ---- command mode ------------------------------------------------------ */

/* What the command reader (sim_command.c) asks of the modem. */
static void
cmd_reply(void *ctx, int code, const char *word)
{
    (void)ctx;
    reply(code, word);
}

static void
cmd_text(void *ctx, const char *s)
{
    (void)ctx;
    puts_(s);
}

static void
cmd_dial(void *ctx, const char *arg)
{
    (void)ctx;
    dial(arg);
}

static void
cmd_reset(void *ctx)
{
    (void)ctx;
    reset_settings();
    on_hook();
}

static void
cmd_factory(void *ctx)
{
    (void)ctx;
    reset_settings();
}

static void
cmd_hang_up(void *ctx)
{
    (void)ctx;
    on_hook();
}

static void
cmd_echo(void *ctx, bool on)
{
    (void)ctx;
    sim.echo = on;
}

static void
cmd_verbose(void *ctx, bool on)
{
    (void)ctx;
    sim.verbose_codes = on;
}

static bool
cmd_online(void *ctx)
{
    (void)ctx;
    if (sim.state != M_ONLINE_COMMAND)
        return false;
    sim.state = M_ONLINE;
    connect_reply(false);
    return true;
}

static const struct simcmd_ops cmd_ops = {
    .reply = cmd_reply, .text = cmd_text, .dial = cmd_dial, .reset = cmd_reset,
    .factory = cmd_factory, .hang_up = cmd_hang_up, .echo = cmd_echo,
    .verbose = cmd_verbose, .online = cmd_online,
};

/* A command line with a scripted answer: true if it had one (sent). */
static bool
scripted_reply(struct simcmd_line *l)
{
    const char *text = simcmd_line_text(l);
    for (unsigned i = 0; i < sim.ninit_replies; i++) {
        const struct init_reply *r = &sim.init_replies[i];
        if (strcasecmp(text, r->command) != 0)
            continue;
        if (r->result == R_CONNECT)
            reply(0, "OK");
        else if (r->result == R_ERROR)
            reply(4, "ERROR");
        else
            logf_("(silent)");
        l->len = 0;
        l->overflow = false;
        return true;
    }
    return false;
}

static void
command_bytes(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (sim.state == M_DIALING) {
            /* a key pressed while dialing aborts the call */
            sim.due_ms = 0;
            sim.state = M_COMMAND;
            reply(3, "NO CARRIER");
            continue;
        }
        if (sim.echo)
            put(&b[i], 1);
        if (simcmd_byte(&sim.cmd, b[i])) {
            logf_("<- %s", simcmd_line_text(&sim.cmd));
            if (scripted_reply(&sim.cmd))
                continue;
            if (simcell_line(&sim.cell, simcmd_line_text(&sim.cmd), &cmd_ops)) {
                sim.cmd.len = 0;
                sim.cmd.overflow = false;
            } else {
                simcmd_line_run(&sim.cmd, &cmd_ops);
            }
        }
    }
}

/* ---- online ------------------------------------------------------------ */

static void
online_bytes(const uint8_t *b, size_t n, uint64_t now)
{
    bool all_plus = true;
    for (size_t i = 0; i < n; i++)
        all_plus &= b[i] == '+';
    if (all_plus && sim.plus + n <= 3 &&
        (sim.plus ? now - sim.plus_ms < sim.guard_ms : now - sim.last_rx_ms >= sim.guard_ms)) {
        sim.plus += (unsigned)n;
        sim.plus_ms = now;
    } else {
        sim.plus = 0;
    }
    sim.last_rx_ms = now;
    if (sim.bridge_fd >= 0 && write(sim.bridge_fd, b, n) < 0)
        logf_("bridge write: %s", strerror(errno));
}

static void
bridge_readable(void)
{
    uint8_t buf[4096];
    ssize_t n = read(sim.bridge_fd, buf, sizeof(buf));
    if (n > 0) {
        put(buf, (size_t)n);
        return;
    }
    logf_("bridge closed");
    close_bridge();
    sim.drop_ms = 1;              /* the far end hung up: drop carrier now */
}

/* false: the slave side hung up */
static bool
master_readable(uint64_t now)
{
    uint8_t buf[4096];
    ssize_t n = read(sim.master, buf, sizeof(buf));
    if (n < 0 && errno == EAGAIN)
        return true;
    if (n <= 0)
        return false;
    if (sim.state == M_ONLINE)
        online_bytes(buf, (size_t)n, now);
    else
        command_bytes(buf, (size_t)n);
    return true;
}

/* DTR as the client sets it: a pty has no modem lines, so the POSIX
 * hang-up, output speed B0, stands for DTR down. Dropping it ends a call
 * (AT&D2, reported NO CARRIER) unless the modem ignores DTR. */
static void
check_dtr(void)
{
    struct termios t;
    if (sim.master < 0 || tcgetattr(sim.master, &t) < 0)
        return;
    bool low = cfgetospeed(&t) == B0;
    if (low == sim.dtr_low)
        return;
    sim.dtr_low = low;
    if (!low || sim.state == M_COMMAND)
        return;
    if (sim.ignore_dtr) {
        logf_("DTR dropped: ignored");
        return;
    }
    logf_("DTR dropped: on hook");
    reply(3, "NO CARRIER");
    on_hook();
}

static void
hung_up(void)
{
    if (sim.ignore_dtr && sim.state != M_COMMAND) {
        logf_("line closed: call kept (DTR ignored)");
        return;
    }
    if (sim.state != M_COMMAND || sim.cmd.len)
        logf_("line closed: on hook");
    on_hook();
    reset_settings();
    sim.cmd.len = 0;
}

static int
timeout_ms(uint64_t now)
{
    uint64_t next = UINT64_MAX;
    if (sim.due_ms)
        next = sim.due_ms;
    if (sim.drop_ms && sim.drop_ms < next)
        next = sim.drop_ms;
    if (sim.plus == 3 && sim.plus_ms + sim.guard_ms < next)
        next = sim.plus_ms + sim.guard_ms;
    if (next == UINT64_MAX)
        return -1;
    return next <= now ? 0 : (int)(next - now);
}

static int
timers(uint64_t now)
{
    if (sim.due_ms && now >= sim.due_ms)
        finish_dial();
    if (sim.plus == 3 && now >= sim.plus_ms + sim.guard_ms && sim.state == M_ONLINE) {
        sim.plus = 0;
        sim.state = M_ONLINE_COMMAND;
        reply(0, "OK");
    }
    if (sim.drop_ms && now >= sim.drop_ms)
        return drop_carrier();
    return 0;
}

static int
run(void)
{
    bool hup = false;
    while (!stop) {
        /* While no one has the slave open the master reports POLLHUP at
         * once, so it is left out of the wait for a nap instead of spun on.
         * SIGTERM/SIGINT arrive on sigfd: a signal between the test of stop
         * and the wait cannot be slept through. */
        struct pollfd pf[3] = {
            { .fd = hup ? -1 : sim.master, .events = POLLIN },
            { .fd = sim.bridge_fd, .events = POLLIN },
            { .fd = sigfd, .events = POLLIN },
        };
        uint64_t now = now_ms();
        int to = timeout_ms(now);
        if (sim.state != M_COMMAND && (to < 0 || to > DTR_POLL_MS))
            to = DTR_POLL_MS;
        if (hup && (to < 0 || to > HUP_NAP_MS))
            to = HUP_NAP_MS;
        int r = poll(pf, 3, to);
        if (r < 0 && errno != EINTR)
            return 1;
        if (r > 0 && (pf[2].revents & POLLIN))
            break;
        if (hup) {
            /* the nap is over: look at the master again */
            hup = false;
            if (timers(now_ms()) < 0)
                return 1;
            continue;
        }
        now = now_ms();
        hup = false;
        if (r > 0 && (pf[0].revents & POLLIN) && !master_readable(now))
            pf[0].revents |= POLLHUP;
        if (r > 0 && (pf[0].revents & POLLHUP) && !(pf[0].revents & POLLIN)) {
            hup = true;
            if (sim.state != M_COMMAND || sim.cmd.len || !sim.echo || !sim.verbose_codes)
                hung_up();
        }
        if (r > 0 && sim.bridge_fd >= 0 && (pf[1].revents & (POLLIN | POLLHUP)))
            bridge_readable();
        check_dtr();
        if (timers(now) < 0)
            return 1;
    }
    return 0;
}

static void
on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

int
main(int argc, char **argv)
{
    int rc = parse_args(argc, argv);
    if (rc >= 0)
        return rc;
    sim.bridge_fd = -1;
    sim.master = -1;
    reset_settings();
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGINT);
    if (sigprocmask(SIG_BLOCK, &term, NULL) == 0 &&
        (sigfd = signalfd(-1, &term, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
        sigprocmask(SIG_UNBLOCK, &term, NULL);  /* the handler, then */
    signal(SIGPIPE, SIG_IGN);
    if (open_pty() < 0)
        return 1;
    rc = run();
    if (sigfd >= 0)
        close(sigfd);
    close_bridge();
    close(sim.master);
    if (sim.link)
        unlink(sim.link);
    return rc;
}
