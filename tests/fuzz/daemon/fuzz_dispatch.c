/* Fuzz target 'daemon-dispatch': rasmand's handling of requests after they
 * decode. Three fake clients (uids 0, 1000 and 1001) are adopted on socket
 * pairs the way accept_ready takes a connected socket, and the input's
 * messages are sent on them and read by rasmand's own receive path, so
 * every request type (dial, hang-up, status, enum, projection, stats,
 * clear-stats, subscribe, debug) reaches the connection table: dial
 * validation, dial_access, ownership matching, handle lookup, policy.
 * The daemon's sources are compiled into the target (not linked from
 * rasmand_core) so that, with -Dfuzz, libFuzzer sees their coverage.
 *
 * The real loop runs a bounded number of passes (a timer re-armed for the
 * past ends each one), so the loopback port's dials progress as far as
 * real time lets them; the tun device is pointed at a path that does not
 * exist, so a dial reaching Projected fails its data path harmlessly.
 *
 * Asserts, per input: after rasmand_fini every allocation is freed and
 * the process holds exactly the descriptors it held before.
 *
 * Input: chunks of [client byte][length, 2 bytes big-endian][message];
 * the client byte modulo 3 picks the sender, a short last chunk is sent
 * as it is. Each message is one datagram (the socket is SOCK_SEQPACKET). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/alloc.h"
#include "common/loop.h"
#include "daemon/rasmand.h"
#include "net/priv.h"

#include "dispatch_env.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CLIENTS      3
#define PASSES_PER_MSG    2     /* rasmand reads between the messages */
#define PASSES_AT_END     64    /* dials progress, events are sent */

static const uid_t client_uid[FUZZ_CLIENTS] = { 0, 1000, 1001 };

static void
fail(const char *why)
{
    fprintf(stderr, "daemon-dispatch fuzz: %s\n", why);
    abort();
}

static int
count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        fail("no /proc/self/fd");
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* Ends each pass of the real loop: re-armed for a deadline already past,
 * it fires at the start of the next one, and stops the loop after its
 * share of passes. */
struct pass_limit {
    struct loop *loop;
    struct loop_timer timer;
    unsigned left;
};

static void
pass_fired(void *ctx, uint64_t now)
{
    struct pass_limit *p = ctx;
    if (p->left == 0 || --p->left == 0) {
        loop_stop(p->loop);
        return;
    }
    loop_timer_set(p->loop, &p->timer, now ? now : 1);
}

static void
run_passes(struct rasmand *rm, unsigned n)
{
    struct pass_limit p = { .loop = rm->loop, .left = n };
    loop_timer_init(&p.timer, pass_fired, &p);
    loop_timer_set(rm->loop, &p.timer, 1);
    loop_run(rm->loop);
    loop_timer_cancel(rm->loop, &p.timer);
}

/* Replies and events are read and dropped, so rasmand's queues see a
 * client that keeps up. */
static void
drain(const int *fds)
{
    uint8_t buf[IPC_MAX_MSG];
    for (int i = 0; i < FUZZ_CLIENTS; i++)
        while (fds[i] >= 0 && recv(fds[i], buf, sizeof(buf), MSG_DONTWAIT) > 0)
            ;
}

/* Handles are random per table (conn_handle.c); here every slot starts
 * at generation 0 under key 0, so the seeds' handles (make_seeds.c asks
 * conn_handle_next for them) name the connections they dial. */
static void
dispatch_handles_fixed(struct conn_table *t)
{
    t->handle_key = 0;
    for (unsigned i = 0; i < CONN_MAX; i++)
        t->slots[i].gen = 0;
}

static bool
adopt_clients(struct rasmand *rm, int *ours)
{
    for (int i = 0; i < FUZZ_CLIENTS; i++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
            return false;
        struct ucred cred = { .pid = getpid(), .uid = client_uid[i], .gid = client_uid[i] };
        if (!server_adopt_client(rm, sv[1], &cred)) {
            close(sv[0]);
            close(sv[1]);
            return false;
        }
        ours[i] = sv[0];
    }
    return true;
}

static void
feed(struct rasmand *rm, const int *fds, const uint8_t *data, size_t size)
{
    size_t off = 0;
    while (off < size) {
        int who = data[off] % FUZZ_CLIENTS;
        size_t len = size - off - 1;
        if (size - off >= 3) {
            size_t want = (size_t)data[off + 1] << 8 | data[off + 2];
            off += 3;
            len = size - off < want ? size - off : want;
        } else {
            off += 1;
        }
        /* a full socket buffer drops the message, as a slow reader would */
        (void)send(fds[who], data + off, len, MSG_DONTWAIT | MSG_NOSIGNAL);
        off += len;
        run_passes(rm, PASSES_PER_MSG);
        drain(fds);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct dispatch_env *env = dispatch_env_get();
    int fds_before = count_fds();
    long live_before = ras_alloc_live();
    int ours[FUZZ_CLIENTS] = { -1, -1, -1 };
    struct rasmand rm;
    struct rasmand_opts opts = {
        .socket_path = env->socket_path,
        .test = true,
        .system = false,
        .system_phonebook = env->phonebook,
    };
    if (rasmand_init(&rm, &opts) != 0)
        fail("rasmand_init");
    dispatch_handles_fixed(&rm.conns);
    if (adopt_clients(&rm, ours))
        feed(&rm, ours, data, size);
    run_passes(&rm, PASSES_AT_END);
    drain(ours);
    rasmand_fini(&rm);
    for (int i = 0; i < FUZZ_CLIENTS; i++)
        if (ours[i] >= 0)
            close(ours[i]);
    if (ras_alloc_live() != live_before)
        fail("allocations left after rasmand_fini");
    if (count_fds() != fds_before)
        fail("descriptors left after rasmand_fini");
    return 0;
}
