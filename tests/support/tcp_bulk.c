/* See tcp_bulk.h. The pattern is a function of the offset alone, so the
 * receiver needs no copy of what was sent and a shifted, repeated or
 * dropped piece shows at its first byte. */
#include "tcp_bulk.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"

static uint8_t
pattern(uint64_t off)
{
    uint32_t x = (uint32_t)(off >> 2) * 2654435761u ^ (uint32_t)(off >> 22);
    return (uint8_t)(x >> (8 * (off & 3)));
}

/* Write sizes that straddle what segmentation cares about. */
static const size_t chunks[] = { 1, 1399, 1452, 1453, 65536, 7, 2905, 131072, 1448, 30000 };

static bool
write_all(int s, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(s, p, n);
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void
sender(const char *ns, const struct sockaddr_in *sa, uint64_t bytes)
{
    static uint8_t buf[131072];
    int s = -1;
    if (!rmf_enter_netns(ns) || (s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        connect(s, (const struct sockaddr *)sa, sizeof(*sa)) != 0)
        _exit(1);
    uint64_t off = 0;
    for (size_t i = 0; off < bytes; i++) {
        size_t n = chunks[i % (sizeof(chunks) / sizeof(chunks[0]))];
        if (n > bytes - off)
            n = (size_t)(bytes - off);
        for (size_t k = 0; k < n; k++)
            buf[k] = pattern(off + k);
        if (!write_all(s, buf, n))
            _exit(1);
        off += n;
    }
    close(s);
    _exit(0);
}

/* Listens, says so on the pipe, then reports a struct tcp_bulk there. */
static void
receiver(const char *ns, const struct sockaddr_in *sa, int report)
{
    static uint8_t buf[65536];
    int l = -1, one = 1;
    if (!rmf_enter_netns(ns) || (l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
        bind(l, (const struct sockaddr *)sa, sizeof(*sa)) != 0 || listen(l, 1) != 0)
        _exit(1);
    (void)!write(report, "L", 1);
    int c = accept(l, NULL, NULL);
    struct tcp_bulk r = { .first_bad = -1 };
    ssize_t n;
    while (c >= 0 && (n = read(c, buf, sizeof(buf))) > 0) {
        for (ssize_t k = 0; k < n && r.first_bad < 0; k++)
            if (buf[k] != pattern(r.got + (uint64_t)k))
                r.first_bad = (int64_t)(r.got + (uint64_t)k);
        r.got += (uint64_t)n;
    }
    (void)!write(report, &r, sizeof(r));
    _exit(0);
}

static bool
reaped_ok(pid_t pid)
{
    int st;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

bool
tcp_bulk_check(const char *tx_ns, const char *rx_ns, uint32_t ip, uint16_t port,
               uint64_t bytes, int timeout_s, struct tcp_bulk *r)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port),
                              .sin_addr.s_addr = htonl(ip) };
    int p[2];
    *r = (struct tcp_bulk){ .first_bad = -1 };
    if (pipe2(p, O_CLOEXEC) != 0)
        return false;
    pid_t rx = fork();
    if (rx == 0) {
        close(p[0]);
        alarm((unsigned)timeout_s);
        receiver(rx_ns, &sa, p[1]);
    }
    close(p[1]);                  /* a dead receiver ends our reads */
    char ready;
    pid_t tx = -1;
    if (rx > 0 && read(p[0], &ready, 1) == 1) {
        tx = fork();
        if (tx == 0) {
            alarm((unsigned)timeout_s);
            sender(tx_ns, &sa, bytes);
        }
    }
    bool got = read(p[0], r, sizeof(*r)) == (ssize_t)sizeof(*r);
    bool sent = tx > 0 ? reaped_ok(tx) : false;
    if (!got && rx > 0)
        kill(rx, SIGKILL);
    bool received = rx > 0 && reaped_ok(rx);
    close(p[0]);
    return got && sent && received && r->got == bytes && r->first_bad < 0;
}
