/* The engine's line driver for the interop tests (see line.h): poll the
 * socket until the engine's next deadline, feed it what arrived, write
 * what it queued, collect its events. */
#include "line.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

int
line_connect_unix(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    strncpy(sa.sun_path, path, sizeof(sa.sun_path) - 1);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

void
line_drain(int fd, unsigned ms)
{
    uint8_t buf[4096];
    uint64_t end = clock_now_ms() + ms;
    for (uint64_t now = clock_now_ms(); now < end; now = clock_now_ms()) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        if (poll(&pfd, 1, (int)(end - now)) != 1 || read(fd, buf, sizeof(buf)) <= 0)
            break;
    }
}

static void
take_events(struct line *l)
{
    struct ppp_event ev;
    struct ppp_stats st;
    while (ppp_poll_event(l->ppp, &ev)) {
        switch (ev.type) {
        case PPP_EV_AUTH_OK: l->auth_ok = true; break;
        case PPP_EV_IPCP_UP: l->ipcp_up = true; break;
        case PPP_EV_IPV6CP_UP: l->ipv6cp_up = true; break;
        case PPP_EV_NETWORK_UP:
            l->network_up = true;
            l->network_up_ms = clock_now_ms() - l->t0;
            ppp_get_stats(l->ppp, &st);
            l->frames_to_up_tx = (unsigned)st.frames_tx;
            l->frames_to_up_rx = (unsigned)st.frames_rx;
            break;
        case PPP_EV_DOWN:
            l->down = true;
            l->down_error = ev.error;
            break;
        default: break;
        }
    }
}

static void
flush_output(struct line *l)
{
    uint8_t buf[4096];
    size_t n;
    while ((n = ppp_output(l->ppp, buf, sizeof(buf))) > 0) {
        const uint8_t *p = buf;
        while (n && !l->eof) {
            ssize_t w = send(l->fd, p, n, MSG_NOSIGNAL);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                l->eof = true;
                break;
            }
            p += w;
            n -= (size_t)w;
        }
    }
}

static void
read_input(struct line *l)
{
    uint8_t buf[4096];
    ssize_t n = read(l->fd, buf, sizeof(buf));
    if (n <= 0) {
        if (n == 0 || errno != EINTR)
            l->eof = true;
        return;
    }
    if (!l->deaf)
        ppp_input(l->ppp, buf, (size_t)n, clock_now_ms());
}

void
line_start(struct line *l, int fd, struct ppp *ppp)
{
    memset(l, 0, sizeof(*l));
    l->fd = fd;
    l->ppp = ppp;
    l->t0 = clock_now_ms();
    ppp_start(ppp, l->t0);
    flush_output(l);
}

bool
line_run(struct line *l, uint32_t timeout_ms, bool (*until)(const struct line *))
{
    uint64_t end = clock_now_ms() + timeout_ms;
    for (;;) {
        take_events(l);
        flush_output(l);
        if (until(l) || l->down)
            return until(l);
        uint64_t now = clock_now_ms();
        if (now >= end)
            return until(l);
        uint64_t next = ppp_next_deadline(l->ppp), wait = end - now;
        if (next && next > now && next - now < wait)
            wait = next - now;
        if (next && next <= now)
            wait = 0;
        struct pollfd pfd = { .fd = l->fd, .events = POLLIN };
        int r = l->eof ? 0 : poll(&pfd, 1, (int)wait);
        if (l->eof && wait)
            usleep((useconds_t)(wait > 50 ? 50000 : wait * 1000));
        if (r > 0)
            read_input(l);
        now = clock_now_ms();
        next = ppp_next_deadline(l->ppp);
        if (next && now >= next)
            ppp_timer(l->ppp, now);
    }
}

bool
line_close(struct line *l, uint32_t timeout_ms)
{
    ppp_close(l->ppp, clock_now_ms());
    return line_run(l, timeout_ms, line_is_down);
}

void
line_end(struct line *l)
{
    if (l->fd >= 0)
        close(l->fd);
    l->fd = -1;
    ppp_free(l->ppp);
    l->ppp = NULL;
}

bool line_is_up(const struct line *l) { return l->network_up; }
bool line_is_down(const struct line *l) { return l->down; }
bool line_never(const struct line *l) { (void)l; return false; }
