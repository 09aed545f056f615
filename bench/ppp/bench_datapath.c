/* bench-datapath: PPP data-path throughput, the engine and the line only,
 * WITHOUT the tun device (that side needs root and a network namespace).
 * A client and a server engine are brought up over a pty pair, then over a
 * socketpair; 1500-byte IPv4 packets go client ppp_send_ip -> ppp_output ->
 * write -> read -> server ppp_input -> ppp_recv_ip, each one compared with
 * what was sent. The baseline, measured in the same run on the same pair of
 * descriptors, is the same bytes written raw (no PPP) and compared alike.
 * MB/s of IP packet bytes delivered; best of REPS, the two taking turns.
 * argv[1]: megabytes per pass (default 32). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "inet.h"
#include "ppp/ppp.h"
#include "rng.h"

#define PKT_LEN    1500
#define NPKTS      64           /* distinct packets, sent round robin */
#define READ_SIZE  4096         /* what rasmand reads from a line at once */
#define STAGE      16384        /* the engine's output queue; also the raw write size */
#define REPS       5
#define STALL_MS   3000         /* no progress this long: a packet was lost */
#define UP_MS      5000
#define ERR_BUFFER_TOO_SMALL 603

static uint8_t stream[NPKTS * PKT_LEN];   /* the packets back to back */

/* ---- the packets ------------------------------------------------------- */

static uint32_t rng = 0x2545f491;

static uint8_t
rnd(void)
{
    return (uint8_t)rng_next(&rng);
}

static void
put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* RFC 791 header, 10.77.0.2 -> 10.77.0.1, UDP, then random bytes (so
 * flags and escapes turn up in the payload as they would on a real line). */
static void
make_packets(void)
{
    static const uint8_t head[20] = {
        0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 77, 0, 2, 10, 77, 0, 1,
    };
    for (int i = 0; i < NPKTS; i++) {
        uint8_t *p = stream + (size_t)i * PKT_LEN;
        memcpy(p, head, sizeof(head));
        put16(p + 2, PKT_LEN);
        put16(p + 4, (uint16_t)i);
        put16(p + 10, inet_sum(p, sizeof(head)));
        for (size_t k = sizeof(head); k < PKT_LEN; k++)
            p[k] = rnd();
    }
}

/* ---- one end of the line ----------------------------------------------- */

struct tally {
    uint64_t pkts, bytes;
    bool bad;                     /* a packet differed from what was sent */
};

struct end {
    struct ppp *ppp;
    int fd;
    uint8_t out[STAGE];           /* taken from the engine, not yet written */
    size_t off, len;
    uint64_t to_send, sent;       /* packets this end still feeds its engine */
    struct tally rx;
};

static void
check_packet(struct tally *t, const uint8_t *pkt, size_t n)
{
    const uint8_t *want = stream + (size_t)(t->pkts % NPKTS) * PKT_LEN;
    if (n != PKT_LEN || memcmp(pkt, want, PKT_LEN) != 0)
        t->bad = true;
    t->pkts++;
    t->bytes += n;
}

/* Refills the engine's queue with packets, then the staging buffer from
 * it; false on a send error other than a full queue. */
static bool
stage(struct end *e)
{
    while (e->sent < e->to_send) {
        uint32_t rc = ppp_send_ip(e->ppp, stream + (size_t)(e->sent % NPKTS) * PKT_LEN,
                                  PKT_LEN);
        if (rc == ERR_BUFFER_TOO_SMALL)
            break;
        if (rc != 0) {
            fprintf(stderr, "bench-datapath: ppp_send_ip: %u\n", rc);
            return false;
        }
        e->sent++;
    }
    e->off = 0;
    e->len = ppp_output(e->ppp, e->out, sizeof(e->out));
    return true;
}

/* Writes until the line would block or the engine has nothing more. */
static bool
pump_out(struct end *e)
{
    for (;;) {
        if (e->off == e->len) {
            if (!stage(e))
                return false;
            if (e->len == 0)
                return true;
        }
        ssize_t w = write(e->fd, e->out + e->off, e->len - e->off);
        if (w < 0 && (errno == EAGAIN || errno == EINTR))
            return true;
        if (w <= 0)
            return false;
        e->off += (size_t)w;
    }
}

/* Reads until the line is empty, READ_SIZE at a time as rasmand does; the
 * receive queue is drained after each read. */
static bool
pump_in(struct end *e)
{
    uint8_t buf[READ_SIZE], pkt[PKT_LEN + 64];
    for (;;) {
        ssize_t n = read(e->fd, buf, sizeof(buf));
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return true;
        if (n <= 0)
            return false;
        ppp_input(e->ppp, buf, (size_t)n, clock_now_ms());
        size_t len;
        while ((len = ppp_recv_ip(e->ppp, pkt, sizeof(pkt))) > 0)
            check_packet(&e->rx, pkt, len);
    }
}

/* One pass of the loop for both ends: write, wait, read, timers. */
static bool
step(struct end *ends[2], int timeout_ms)
{
    struct pollfd pf[2];
    for (int i = 0; i < 2; i++) {
        if (!pump_out(ends[i]))
            return false;
        pf[i].fd = ends[i]->fd;
        pf[i].events = POLLIN | (ends[i]->off < ends[i]->len ? POLLOUT : 0);
    }
    if (poll(pf, 2, timeout_ms) < 0 && errno != EINTR)
        return false;
    uint64_t now = clock_now_ms();
    for (int i = 0; i < 2; i++) {
        if ((pf[i].revents & POLLIN) && !pump_in(ends[i]))
            return false;
        uint64_t next = ppp_next_deadline(ends[i]->ppp);
        if (next && next <= now)
            ppp_timer(ends[i]->ppp, now);
    }
    return true;
}

/* false if an engine went down */
static bool
network_up(struct end *e, bool *up)
{
    struct ppp_event ev;
    while (ppp_poll_event(e->ppp, &ev)) {
        if (ev.type == PPP_EV_NETWORK_UP)
            *up = true;
        if (ev.type == PPP_EV_DOWN)
            return false;
    }
    return true;
}

static bool
bring_up(struct end *c, struct end *s)
{
    struct end *ends[2] = { c, s };
    bool cu = false, su = false;
    uint64_t t0 = clock_now_ms();
    ppp_start(c->ppp, t0);
    ppp_start(s->ppp, t0);
    while (!(cu && su)) {
        if (!step(ends, 10) || !network_up(c, &cu) || !network_up(s, &su) ||
            clock_now_ms() - t0 > UP_MS) {
            fprintf(stderr, "bench-datapath: the link did not come up\n");
            return false;
        }
    }
    return true;
}

/* ---- the two measurements ---------------------------------------------- */

static double
mb_per_s(uint64_t bytes, uint64_t ns)
{
    return (double)bytes / ((double)ns / 1e9) / 1e6;
}

/* npk packets client -> server through both engines; MB/s, 0 on failure. */
static double
run_ppp(struct end *c, struct end *s, uint64_t npk)
{
    struct end *ends[2] = { c, s };
    memset(&s->rx, 0, sizeof(s->rx));
    c->to_send = npk;
    c->sent = 0;
    ppp_clear_stats(c->ppp);
    uint64_t t0 = clock_now_ns(), last = 0, last_ms = clock_now_ms();
    while (s->rx.pkts < npk && !s->rx.bad) {
        if (!step(ends, 100))
            return 0;
        if (s->rx.pkts != last) {
            last = s->rx.pkts;
            last_ms = clock_now_ms();
        } else if (clock_now_ms() - last_ms > STALL_MS) {
            struct ppp_stats st;
            ppp_get_stats(s->ppp, &st);
            fprintf(stderr, "bench-datapath: stalled: %llu of %llu packets sent, %llu "
                    "received; server crc %u overrun %u framing %u\n",
                    (unsigned long long)c->sent, (unsigned long long)npk,
                    (unsigned long long)s->rx.pkts, st.crc_err, st.buffer_overrun_err,
                    st.framing_err);
            return 0;
        }
    }
    uint64_t ns = clock_now_ns() - t0;
    c->to_send = 0;
    if (s->rx.bad || s->rx.pkts != npk || s->rx.bytes != npk * PKT_LEN || c->sent != npk) {
        fprintf(stderr, "bench-datapath: PPP delivered %llu packets, %llu bytes%s\n",
                (unsigned long long)s->rx.pkts, (unsigned long long)s->rx.bytes,
                s->rx.bad ? ", some not as sent" : "");
        return 0;
    }
    return mb_per_s(s->rx.bytes, ns);
}

/* The same bytes, raw: written STAGE at a time, read READ_SIZE at a time,
 * compared with the stream. */
static double
run_raw(int wfd, int rfd, uint64_t total)
{
    uint64_t woff = 0, roff = 0, t0 = clock_now_ns();
    uint8_t buf[READ_SIZE];
    while (roff < total) {
        struct pollfd pf[2] = {
            { .fd = wfd, .events = woff < total ? POLLOUT : 0 },
            { .fd = rfd, .events = POLLIN },
        };
        while (woff < total) {
            size_t at = (size_t)(woff % sizeof(stream)), k = sizeof(stream) - at;
            k = k < STAGE ? k : STAGE;
            k = total - woff < k ? (size_t)(total - woff) : k;
            ssize_t w = write(wfd, stream + at, k);
            if (w < 0 && (errno == EAGAIN || errno == EINTR))
                break;
            if (w <= 0)
                return 0;
            woff += (uint64_t)w;
        }
        pf[0].events = woff < total ? POLLOUT : 0;
        if (poll(pf, 2, STALL_MS) <= 0)
            return 0;
        for (;;) {
            ssize_t n = read(rfd, buf, sizeof(buf));
            if (n < 0 && (errno == EAGAIN || errno == EINTR))
                break;
            if (n <= 0 || roff + (uint64_t)n > total)
                return 0;
            for (size_t i = 0; i < (size_t)n;) {
                size_t at = (size_t)((roff + i) % sizeof(stream)), k = sizeof(stream) - at;
                k = (size_t)n - i < k ? (size_t)n - i : k;
                if (memcmp(buf + i, stream + at, k) != 0)
                    return 0;
                i += k;
            }
            roff += (uint64_t)n;
        }
    }
    return mb_per_s(total, clock_now_ns() - t0);
}

/* ---- the lines --------------------------------------------------------- */

static bool
set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0;
}

static bool
set_raw(int fd)
{
    struct termios t;
    if (tcgetattr(fd, &t) != 0)
        return false;
    cfmakeraw(&t);
    return tcsetattr(fd, TCSANOW, &t) == 0;
}

/* fd[0] the master (the client's end), fd[1] the slave; both raw. */
static bool
open_pty_pair(int fd[2])
{
    char name[64];
    fd[0] = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    fd[1] = -1;
    if (fd[0] < 0 || grantpt(fd[0]) != 0 || unlockpt(fd[0]) != 0 ||
        ptsname_r(fd[0], name, sizeof(name)) != 0)
        return false;
    fd[1] = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    return fd[1] >= 0 && set_raw(fd[0]) && set_raw(fd[1]);
}

static bool
open_socketpair(int fd[2])
{
    fd[0] = fd[1] = -1;
    return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fd) == 0;
}

static struct ppp *
engine(enum ppp_role role)
{
    struct ppp_config cfg = {
        .role = role,
        /* no keepalive: nothing but the measured packets on the line */
        .echo_interval_ms = UINT32_MAX,
        .local_ip = role == PPP_SERVER ? 0x0a4d0001u : 0,
        .peer_ip = role == PPP_SERVER ? 0x0a4d0002u : 0,
    };
    return ppp_new(&cfg);
}

static struct end client_end, server_end;

/* One row: bring the link up on the pair, then REPS passes of each. */
static int
run_line(const char *name, bool (*open_pair)(int fd[2]), uint64_t npk)
{
    int fd[2] = { -1, -1 }, rc = 1;
    struct end *c = &client_end, *s = &server_end;
    memset(c, 0, sizeof(*c));
    memset(s, 0, sizeof(*s));
    if (!open_pair(fd) || !set_nonblock(fd[0]) || !set_nonblock(fd[1])) {
        perror("bench-datapath: line");
        goto out;
    }
    c->fd = fd[0];
    s->fd = fd[1];
    c->ppp = engine(PPP_CLIENT);
    s->ppp = engine(PPP_SERVER);
    if (!c->ppp || !s->ppp || !bring_up(c, s))
        goto out;
    double best_ppp = 0, best_raw = 0;
    for (int r = 0; r < REPS; r++) {
        double a = run_ppp(c, s, npk), b = run_raw(fd[0], fd[1], npk * PKT_LEN);
        if (a == 0 || b == 0) {
            fprintf(stderr, "bench-datapath: %s: a %s pass failed\n", name,
                    a == 0 ? "PPP" : "raw");
            goto out;
        }
        best_ppp = a > best_ppp ? a : best_ppp;
        best_raw = b > best_raw ? b : best_raw;
    }
    struct ppp_stats st;
    ppp_get_stats(c->ppp, &st);
    printf("%-11s PPP %8.1f MB/s   raw (no PPP) %8.1f MB/s   ratio %5.2fx   "
           "(%.0f wire bytes per packet)\n", name, best_ppp, best_raw, best_ppp / best_raw,
           st.frames_tx ? (double)st.bytes_tx / (double)st.frames_tx : 0.0);
    rc = 0;
out:
    ppp_free(c->ppp);
    ppp_free(s->ppp);
    c->ppp = s->ppp = NULL;
    for (int i = 0; i < 2; i++)
        if (fd[i] >= 0)
            close(fd[i]);
    return rc;
}

int
main(int argc, char **argv)
{
    long mb = argc > 1 ? strtol(argv[1], NULL, 10) : 32;
    if (mb <= 0 || mb > 100000) {
        fprintf(stderr, "usage: %s [MEGABYTES]\n", argv[0]);
        return 2;
    }
    uint64_t npk = (uint64_t)mb * 1000000u / PKT_LEN;
    make_packets();
    printf("bench-datapath: the PPP engine + line path only, WITHOUT the tun device "
           "(tun needs root and a namespace)\n");
    printf("  %llu IPv4 packets of %d bytes (%ld MB) client ppp_send_ip -> ppp_output -> "
           "write | read -> server ppp_input -> ppp_recv_ip,\n  each compared with what "
           "was sent; %d-byte reads; MB/s of IP packet bytes, best of %d\n",
           (unsigned long long)npk, PKT_LEN, mb, READ_SIZE, REPS);
    int rc = run_line("pty pair", open_pty_pair, npk);
    rc |= run_line("socketpair", open_socketpair, npk);
    return rc;
}
