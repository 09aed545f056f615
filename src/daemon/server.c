/* rasmand's socket side: the listening socket (and the lock that makes it
 * one daemon per path), clients with their credentials and bounded output
 * queues, and the dispatch of each request to the connection table. A
 * client that sends garbage, too much, or stops reading is dropped alone. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "daemon/conn.h"
#include "daemon/dial_access.h"
#include "daemon/log.h"
#include "daemon/rasmand.h"
#include "port/port.h"
#include "daemon/selfstat.h"
#include "ipc/ipc.h"
#include "ipc/ipc_fd.h"
#include "ipc/ipc_proto.h"

struct outmsg {
    struct outmsg *next;
    size_t len;
    uint8_t data[];
};

struct sub {
    uint64_t handle;              /* 0 = every connection */
    uint32_t flags;               /* RASCN_* */
};

struct client {
    struct rasmand *rm;
    struct client *prev, *next;
    struct loop_io io;
    int fd;
    uid_t uid;
    pid_t pid;
    bool closing;
    bool net_rights;              /* may set routes and DNS (policy.h) */
    struct outmsg *oq_head, *oq_tail;
    size_t oq_bytes;
    struct sub subs[CLIENT_MAX_SUBS];
    unsigned nsubs;
};

/* One receive buffer and one message being built: rasmand is single-
 * threaded and handles one message at a time. The receive buffer is wiped
 * after every message (a dial carries a password). */
static uint8_t rxbuf[IPC_MAX_MSG];
static struct ipc_msg txmsg;
/* When rasmand_init ran (loop clock, ms): the daemon info's uptime. */
static uint64_t started_at;

/* ---- clients ----------------------------------------------------------- */

static void
client_drop(struct client *cl, const char *why)
{
    if (cl->closing)
        return;
    log_msg(why ? 1 : 2, "client pid %d uid %u: %s", (int)cl->pid, (unsigned)cl->uid,
            why ? why : "gone");
    cl->closing = true;
    loop_io_del(cl->rm->loop, &cl->io);
}

static void
client_free(struct client *cl)
{
    struct rasmand *rm = cl->rm;
    conn_forget_client(&rm->conns, cl);
    for (struct outmsg *m = cl->oq_head, *next; m; m = next) {
        next = m->next;
        ras_free(m);
    }
    loop_io_del(rm->loop, &cl->io);
    close(cl->fd);
    if (cl->prev)
        cl->prev->next = cl->next;
    else
        rm->clients = cl->next;
    if (cl->next)
        cl->next->prev = cl->prev;
    rm->nclients--;
    ras_free(cl);
}

static void
client_io(void *ctx, uint32_t events);

static bool
client_flush(struct client *cl)
{
    while (cl->oq_head) {
        struct outmsg *m = cl->oq_head;
        ssize_t n = send(cl->fd, m->data, m->len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return loop_io_mod(cl->rm->loop, &cl->io, EPOLLIN | EPOLLOUT) == 0;
        if (n < 0)
            return false;
        cl->oq_head = m->next;
        if (!cl->oq_head)
            cl->oq_tail = NULL;
        cl->oq_bytes -= m->len;
        ras_free(m);
    }
    return loop_io_mod(cl->rm->loop, &cl->io, EPOLLIN) == 0;
}

/* Sends txmsg to the client now, or queues it behind what is waiting. A
 * client whose queue would pass its ceiling is not reading: dropped. */
static void
client_send(struct client *cl, struct ipc_msg *m)
{
    if (cl->closing)
        return;
    if (!cl->oq_head) {
        ssize_t n = send(cl->fd, m->buf, m->len, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n == (ssize_t)m->len)
            return;
        if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            client_drop(cl, NULL);
            return;
        }
    }
    if (cl->oq_bytes + m->len > CLIENT_OUT_MAX) {
        client_drop(cl, "not reading its replies: dropped");
        return;
    }
    struct outmsg *q = ras_malloc(sizeof(*q) + m->len);
    if (!q) {
        client_drop(cl, "out of memory queueing a reply: dropped");
        return;
    }
    q->next = NULL;
    q->len = m->len;
    memcpy(q->data, m->buf, m->len);
    if (cl->oq_tail)
        cl->oq_tail->next = q;
    else
        cl->oq_head = q;
    cl->oq_tail = q;
    cl->oq_bytes += m->len;
    if (loop_io_mod(cl->rm->loop, &cl->io, EPOLLIN | EPOLLOUT) != 0)
        client_drop(cl, NULL);
}

/* The connection table's sink (conn.h): IPC_EV_STATE for the client that
 * dialed, */
static void
send_state(void *ctx, struct client *cl, uint64_t handle, uint32_t state, uint32_t error)
{
    (void)ctx;
    if (ipc_enc_ev_state(&txmsg, handle, state, error))
        client_send(cl, &txmsg);
}

/* and IPC_EV_CONN for each client subscribed to the connection and
 * entitled to see owner's connections. */
static void
notify_subscribers(void *ctx, uint64_t handle, uid_t owner, uint32_t what)
{
    struct rasmand *rm = ctx;
    for (struct client *cl = rm->clients; cl; cl = cl->next) {
        if (cl->closing || (cl->uid != 0 && cl->uid != owner))
            continue;
        for (unsigned i = 0; i < cl->nsubs; i++) {
            if ((cl->subs[i].handle == 0 || cl->subs[i].handle == handle) &&
                (cl->subs[i].flags & what)) {
                if (ipc_enc_ev_conn(&txmsg, handle, what))
                    client_send(cl, &txmsg);
                break;
            }
        }
    }
}

/* ---- requests ---------------------------------------------------------- */

static void
reply_error(struct client *cl, uint32_t id, uint32_t error)
{
    if (ipc_enc_rep_error(&txmsg, id, error))
        client_send(cl, &txmsg);
}

/* dev_fd: the device the client opened, -1 for none; ours to close (on
 * every path, conn_dial included). */
static void
req_dial(struct client *cl, uint32_t id, const uint8_t *buf, size_t n, int dev_fd)
{
    struct ipc_dial_req req;
    struct conn *c = NULL;
    if (!ipc_dec_dial(buf, n, &req)) {
        if (dev_fd >= 0)
            close(dev_fd);
        client_drop(cl, "malformed dial request");
        return;
    }
    /* decided before conn_dial: a system entry's settings replace the
     * client's there */
    bool system_entry = dial_is_system_entry(cl->rm->opts.system_phonebook, &req);
    uint32_t rc = dial_access_net(cl->rm->opts.system_phonebook, &req, cl->uid, dev_fd >= 0,
                                  cl->net_rights);
    if (rc) {
        if (dev_fd >= 0)
            close(dev_fd);
    } else {
        rc = conn_dial(&cl->rm->conns, &req, cl->uid, cl, dev_fd, &c);
    }
    /* a new connection (not a second RasDial of a connected entry) runs
     * with its dialer's rights; it starts in the next pass */
    if (rc == 0 && c->state == RASCS_OpenPort) {
        c->net_rights = cl->net_rights;
        c->system_entry = system_entry;
    }
    bool notify_connected = rc == 0 && c->state == RASCS_Connected &&
                            (req.flags & IPC_DIAL_NOTIFY);
    ras_wipe(&req, sizeof(req));
    if (ipc_enc_rep_dial(&txmsg, id, rc, rc ? 0 : c->handle))
        client_send(cl, &txmsg);
    /* a second RasDial of a connected entry: it is already there */
    if (notify_connected)
        send_state(cl->rm, cl, c->handle, RASCS_Connected, 0);
}

static void
req_debug(struct client *cl, uint32_t id)
{
    struct rasmand *rm = cl->rm;
    if (!rm->opts.test) {
        reply_error(cl, id, ERROR_ACCESS_DENIED);
        return;
    }
    /* measured with nothing of this request allocated */
    struct selfstat_mem mem;
    selfstat_mem(&mem);
    struct ipc_debug d = {
        .fds = selfstat_fds(),
        .rss_kib = mem.rss_kib,
        .allocs = (uint64_t)ras_alloc_live(),
        .alloc_bytes = (uint64_t)ras_alloc_live_bytes(),
        .conns = rm->conns.nconns,
        .clients = rm->nclients,
    };
    if (ipc_enc_rep_debug(&txmsg, id, &d))
        client_send(cl, &txmsg);
}

/* rasmand's own figures (rasmon's daemon view): for root and for the uid
 * rasmand runs as. Another user of the system rasmand learns nothing of
 * it, not even how many connections others hold (SECURITY.md). */
static void
req_info(struct client *cl, uint32_t id)
{
    struct rasmand *rm = cl->rm;
    if (cl->uid != 0 && cl->uid != geteuid()) {
        reply_error(cl, id, ERROR_ACCESS_DENIED);
        return;
    }
    struct selfstat_mem mem;
    selfstat_mem(&mem);
    struct ipc_info d = {
        .pid = (uint32_t)getpid(),
        .uid = (uint32_t)geteuid(),
        .flags = (rm->opts.system ? IPC_INFO_SYSTEM : 0) | (rm->opts.test ? IPC_INFO_TEST : 0),
        .uptime_ms = loop_now(rm->loop) - started_at,
        .rss_kib = mem.rss_kib,
        .private_kib = mem.private_kib,
        .fds = selfstat_fds(),
        .conns = rm->conns.nconns,
        .clients = rm->nclients,
        .allocs = (uint64_t)ras_alloc_live(),
        .alloc_bytes = (uint64_t)ras_alloc_live_bytes(),
    };
    if (ipc_enc_rep_info(&txmsg, id, &d))
        client_send(cl, &txmsg);
}

static void
req_enum(struct client *cl, uint32_t id)
{
    static struct ipc_enum e;
    struct rasmand *rm = cl->rm;
    e.error = 0;
    e.count = 0;
    for (unsigned i = 0; i < CONN_MAX && e.count < IPC_MAX_ENUM; i++) {
        struct conn *c = rm->conns.slots[i].conn;
        if (!c || !conn_listed(c) || (cl->uid != 0 && c->uid != cl->uid))
            continue;
        conn_info(c, &e.conn[e.count]);
        /* the Windows 7 SDK's ownership bits (root sees everyone's) */
        e.conn[e.count++].flags = RASCF_OwnerKnown | (c->uid == cl->uid ? RASCF_OwnerMatch : 0);
    }
    if (ipc_enc_rep_enum(&txmsg, id, &e))
        client_send(cl, &txmsg);
}

static void
req_subscribe(struct client *cl, uint32_t id, uint64_t handle, uint32_t flags)
{
    if (handle && !conn_lookup(&cl->rm->conns, handle, cl->uid)) {
        reply_error(cl, id, ERROR_INVALID_HANDLE);
        return;
    }
    for (unsigned i = 0; i < cl->nsubs; i++) {
        if (cl->subs[i].handle == handle) {
            cl->subs[i].flags = flags;
            if (!flags)
                cl->subs[i] = cl->subs[--cl->nsubs];
            reply_error(cl, id, 0);
            return;
        }
    }
    if (!flags) {
        reply_error(cl, id, 0);
        return;
    }
    if (cl->nsubs == CLIENT_MAX_SUBS) {
        reply_error(cl, id, ERROR_NOT_ENOUGH_MEMORY);
        return;
    }
    cl->subs[cl->nsubs++] = (struct sub){ .handle = handle, .flags = flags };
    reply_error(cl, id, 0);
}

/* A request about one connection: the handle is checked against the
 * table and the caller's uid (another uid's connection looks stale). */
static void
req_handle(struct client *cl, const struct ipc_hdr *h, const uint8_t *buf, size_t n)
{
    uint64_t handle;
    if (!ipc_dec_handle(buf, n, &handle)) {
        client_drop(cl, "malformed request");
        return;
    }
    /* An ended connection answers (as Disconnected) until it is freed at
     * the end of this pass: RasGetConnectStatus says "gone" only once the
     * port and its lock are released, which is what callers wait for. */
    struct conn *c = conn_lookup_any(&cl->rm->conns, handle, cl->uid);
    if (!c) {
        reply_error(cl, h->id, ERROR_INVALID_HANDLE);
        return;
    }
    switch (h->type) {
    case IPC_REQ_HANGUP:
        conn_hangup(c);
        reply_error(cl, h->id, 0);
        break;
    case IPC_REQ_STATUS: {
        struct ipc_status s;
        conn_status(c, &s);
        if (ipc_enc_rep_status(&txmsg, h->id, &s))
            client_send(cl, &txmsg);
        break;
    }
    case IPC_REQ_PROJECTION: {
        struct ipc_projection p;
        conn_projection(c, &p);
        if (ipc_enc_rep_projection(&txmsg, h->id, &p))
            client_send(cl, &txmsg);
        break;
    }
    case IPC_REQ_STATS: {
        struct ipc_stats s;
        conn_stats(c, &s);
        if (ipc_enc_rep_stats(&txmsg, h->id, &s))
            client_send(cl, &txmsg);
        break;
    }
    case IPC_REQ_CLEAR_STATS:
        conn_clear_stats(c);
        reply_error(cl, h->id, 0);
        break;
    default:
        break;
    }
}

/* dev_fd (-1: none) came with the message: only a dial may carry one. */
static void
dispatch(struct client *cl, const uint8_t *buf, size_t n, int dev_fd)
{
    struct ipc_hdr h;
    uint64_t handle;
    uint32_t flags;
    bool parsed = ipc_parse_hdr(buf, n, &h);
    if (dev_fd >= 0 && (!parsed || h.type != IPC_REQ_DIAL)) {
        close(dev_fd);
        client_drop(cl, "a descriptor with a request that takes none: dropped");
        return;
    }
    if (!parsed) {
        client_drop(cl, "garbage on the socket: dropped");
        return;
    }
    switch (h.type) {
    case IPC_REQ_DIAL:
        req_dial(cl, h.id, buf, n, dev_fd);
        break;
    case IPC_REQ_HANGUP: case IPC_REQ_STATUS: case IPC_REQ_PROJECTION:
    case IPC_REQ_STATS: case IPC_REQ_CLEAR_STATS:
        req_handle(cl, &h, buf, n);
        break;
    case IPC_REQ_ENUM:
        if (ipc_dec_empty(buf, n))
            req_enum(cl, h.id);
        else
            client_drop(cl, "malformed request");
        break;
    case IPC_REQ_SUBSCRIBE:
        if (ipc_dec_subscribe(buf, n, &handle, &flags))
            req_subscribe(cl, h.id, handle, flags);
        else
            client_drop(cl, "malformed request");
        break;
    case IPC_REQ_DEBUG:
        if (ipc_dec_empty(buf, n))
            req_debug(cl, h.id);
        else
            client_drop(cl, "malformed request");
        break;
    case IPC_REQ_INFO:
        if (ipc_dec_empty(buf, n))
            req_info(cl, h.id);
        else
            client_drop(cl, "malformed request");
        break;
    default:
        client_drop(cl, "not a request: dropped");
        break;
    }
}

static void
client_io(void *ctx, uint32_t events)
{
    struct client *cl = ctx;
    if ((events & EPOLLOUT) && !client_flush(cl)) {
        client_drop(cl, NULL);
        return;
    }
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    /* a bounded number per pass: a flooding client cannot starve others */
    for (int i = 0; i < CLIENT_MSGS_PER_PASS && !cl->closing; i++) {
        int fd;
        bool bad;
        ssize_t n = ipc_recv_fd(cl->fd, rxbuf, sizeof(rxbuf), &fd, &bad);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n <= 0 || bad || (size_t)n > sizeof(rxbuf)) {
            if (fd >= 0)
                close(fd);
            client_drop(cl, bad ? "bad control data: dropped"
                            : n > 0 ? "oversized message: dropped" : NULL);
            return;
        }
        dispatch(cl, rxbuf, (size_t)n, fd);
        ras_wipe(rxbuf, (size_t)n);
    }
}

static unsigned
clients_of(const struct rasmand *rm, uid_t uid)
{
    unsigned n = 0;
    for (const struct client *cl = rm->clients; cl; cl = cl->next)
        if (cl->uid == uid && !cl->closing)
            n++;
    return n;
}

/* Whether a new socket of uid may stay: RASMAND_MAX_CLIENTS in all, and on
 * the system rasmand a share per uid with the last ones kept for root, so
 * one user's idle sockets cannot lock everyone out. */
static bool
client_share_ok(struct rasmand *rm, uid_t uid)
{
    static const struct policy_share share = {
        RASMAND_MAX_CLIENTS, RASMAND_CLIENTS_PER_UID, RASMAND_CLIENTS_ROOT_RESERVE
    };
    static const struct policy_share whole = { RASMAND_MAX_CLIENTS, RASMAND_MAX_CLIENTS, 0 };
    if (policy_share_ok(rm->opts.system ? &share : &whole, uid, rm->nclients,
                        clients_of(rm, uid)))
        return true;
    if (policy_log_due(&rm->refusals, uid, loop_now(rm->loop)))
        log_msg(0, "uid %u: socket refused, past its share (%u per uid, %u of %u in use)",
                (unsigned)uid, RASMAND_CLIENTS_PER_UID, rm->nclients, RASMAND_MAX_CLIENTS);
    return false;
}

static struct client *
client_new(struct rasmand *rm, int fd, const struct ucred *cred)
{
    struct client *cl = ras_calloc(1, sizeof(*cl));
    if (!cl)
        return NULL;
    cl->rm = rm;
    cl->fd = fd;
    cl->uid = cred->uid;
    cl->pid = cred->pid;
    /* read once, from the kernel's record of the peer at connect time */
    cl->net_rights = policy_peer_net_rights(&rm->policy, fd, cred->uid, cred->gid);
    if (loop_io_add(rm->loop, &cl->io, fd, EPOLLIN, client_io, cl) != 0) {
        ras_free(cl);
        return NULL;
    }
    cl->next = rm->clients;
    if (rm->clients)
        rm->clients->prev = cl;
    rm->clients = cl;
    rm->nclients++;
    return cl;
}

static void
accept_ready(void *ctx, uint32_t events)
{
    struct rasmand *rm = ctx;
    (void)events;
    for (;;) {
        int fd = accept4(rm->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return;
        struct ucred cred;
        socklen_t len = sizeof(cred);
        if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
            !server_adopt_client(rm, fd, &cred))
            close(fd);
    }
}

bool
server_adopt_client(struct rasmand *rm, int fd, const struct ucred *cred)
{
    return client_share_ok(rm, cred->uid) && client_new(rm, fd, cred) != NULL;
}

/* ---- life cycle -------------------------------------------------------- */

static void
idle_fired(void *ctx, uint64_t now)
{
    struct rasmand *rm = ctx;
    (void)now;
    if (rm->nclients == 0 && rm->conns.nconns == 0) {
        log_msg(1, "idle for %u s: exiting", rm->opts.idle_exit_s);
        loop_stop(rm->loop);
    }
}

/* After a pass: frees closing clients and ended connections. */
static void
server_reap(struct rasmand *rm)
{
    for (struct client *cl = rm->clients, *next; cl; cl = next) {
        next = cl->next;
        if (cl->closing)
            client_free(cl);
    }
    conn_table_reap(&rm->conns);
    if (rm->opts.idle_exit_s) {
        /* a modem still hanging up keeps rasmand: exiting would cut it short */
        if (rm->nclients || rm->conns.nconns || modem_hangups_pending())
            loop_timer_cancel(rm->loop, &rm->idle_timer);
        else if (!rm->idle_timer.armed)
            loop_timer_set(rm->loop, &rm->idle_timer,
                           loop_now(rm->loop) + (uint64_t)rm->opts.idle_exit_s * 1000);
    }
}

static void
pass_end(void *ctx)
{
    server_reap(ctx);
}

static void
on_signal(void *ctx, int sig)
{
    struct rasmand *rm = ctx;
    if (sig == SIGTERM || sig == SIGINT) {
        log_msg(1, "signal %d: stopping", sig);
        loop_stop(rm->loop);
    }
}

static int
mkdir_parent(const char *path, mode_t mode)
{
    char dir[sizeof(((struct rasmand *)0)->sock_path)];
    snprintf(dir, sizeof(dir), "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    if (mkdir(dir, mode) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

static uint32_t
take_lock(struct rasmand *rm)
{
    rm->lock_fd = open(rm->lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (rm->lock_fd < 0)
        return ERROR_ACCESS_DENIED;
    if (flock(rm->lock_fd, LOCK_EX | LOCK_NB) != 0)
        return errno == EWOULDBLOCK ? ERROR_ALREADY_EXISTS : ERROR_ACCESS_DENIED;
    char pid[32];
    int n = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
    if (ftruncate(rm->lock_fd, 0) != 0 || write(rm->lock_fd, pid, (size_t)n) != n)
        return ERROR_ACCESS_DENIED;
    return 0;
}

static uint32_t
listen_socket(struct rasmand *rm)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", rm->sock_path);
    /* we hold the lock: a socket file left there is a dead rasmand's */
    unlink(rm->sock_path);
    rm->listen_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (rm->listen_fd < 0 || bind(rm->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        return ERROR_ACCESS_DENIED;
    /* the system socket is open to every uid: SO_PEERCRED decides what
     * each may see; a user's socket sits in its 0700 runtime directory */
    if (chmod(rm->sock_path, rm->opts.system ? 0666 : 0600) != 0 ||
        listen(rm->listen_fd, 64) != 0)
        return ERROR_ACCESS_DENIED;
    if (loop_io_add(rm->loop, &rm->listen_io, rm->listen_fd, EPOLLIN, accept_ready, rm) != 0)
        return ERROR_ACCESS_DENIED;
    return 0;
}

uint32_t
rasmand_init(struct rasmand *rm, const struct rasmand_opts *opts)
{
    static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
    const struct conn_sink sink = { .ctx = rm, .state = send_state,
                                    .notify = notify_subscribers };
    uint32_t rc;
    memset(rm, 0, sizeof(*rm));
    rm->opts = *opts;
    if (!rm->opts.system_phonebook)
        rm->opts.system_phonebook = DIAL_SYSTEM_PHONEBOOK;
    log_set_verbosity(opts->verbose);
    rm->listen_fd = rm->lock_fd = -1;
    if (opts->socket_path) {
        if (snprintf(rm->sock_path, sizeof(rm->sock_path), "%s", opts->socket_path) >=
            (int)sizeof(rm->sock_path))
            return ERROR_INVALID_PARAMETER;
    } else if (!ipc_socket_path(opts->system, rm->sock_path, sizeof(rm->sock_path))) {
        return ERROR_INVALID_PARAMETER;
    }
    if (snprintf(rm->lock_path, sizeof(rm->lock_path), "%s.lock", rm->sock_path) >=
        (int)sizeof(rm->lock_path))
        return ERROR_INVALID_PARAMETER;
    if (mkdir_parent(rm->sock_path, opts->system ? 0755 : 0700) != 0) {
        rc = ERROR_ACCESS_DENIED;
        goto fail;
    }
    if ((rc = take_lock(rm)) != 0 || (rc = loop_new(&rm->loop)) != 0 ||
        (rc = listen_socket(rm)) != 0 ||
        (rc = loop_watch_signals(rm->loop, sigs, 3, on_signal, rm)) != 0)
        goto fail;
    conn_table_init(&rm->conns, rm->loop, &sink);
    conn_table_set_shared(&rm->conns, opts->system);
    policy_init(&rm->policy, geteuid() == 0, opts->net_group);
    loop_set_pass_end(rm->loop, pass_end, rm);
    loop_timer_init(&rm->idle_timer, idle_fired, rm);
    started_at = loop_now(rm->loop);
    log_msg(1, "listening on %s%s", rm->sock_path, opts->test ? " (test mode)" : "");
    return 0;
fail:
    rasmand_fini(rm);
    return rc;
}

uint32_t
rasmand_run(struct rasmand *rm)
{
    /* The idle clock starts now, not at the end of a first pass: a
     * rasmand no client ever reached (a racing starter's caller that gave
     * up) must still exit, and nothing would end a pass for it. */
    server_reap(rm);
    return loop_run(rm->loop);
}

void
rasmand_fini(struct rasmand *rm)
{
    conn_table_abort(&rm->conns);
    for (struct client *cl = rm->clients; cl; cl = cl->next)
        cl->closing = true;
    if (rm->loop)
        server_reap(rm);
    if (rm->listen_fd >= 0) {
        if (rm->loop)
            loop_io_del(rm->loop, &rm->listen_io);
        close(rm->listen_fd);
        unlink(rm->sock_path);
        rm->listen_fd = -1;
    }
    if (rm->loop)
        loop_timer_cancel(rm->loop, &rm->idle_timer);
    loop_free(rm->loop);
    rm->loop = NULL;
    if (rm->lock_fd >= 0)
        close(rm->lock_fd);
    rm->lock_fd = -1;
}
