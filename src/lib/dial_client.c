/* RasDial's client half and the one notifier thread per process. A
 * synchronous RasDial is the asynchronous one run to completion on the
 * caller's thread (one path, as curl's easy interface over its multi one).
 * Asynchronous dials hand their socket to the notifier thread, which
 * calls RasDialFunc/RasDialFunc1/RasDialFunc2 in order, and also signals
 * the eventfds of RasConnectionNotification. Notifiers run without any
 * libras lock held, so they may call RasHangUp or anything else. */
#include "lib/rasman_client.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "ipc/ipc_proto.h"

/* Per process: async dials being reported, and eventfd registrations. */
#define MAX_WATCHES 64

enum watch_kind { W_DIAL, W_NOTIFY };

struct watch {
    struct watch *next;
    enum watch_kind kind;
    int fd;                       /* our socket to rasmand */
    uint64_t handle;              /* 0: every connection (W_NOTIFY) */
    bool stopped;                 /* RasHangUp, or RasDialFunc2 said 0 */
    /* W_DIAL */
    DWORD type;
    void *notifier;
    ULONG_PTR callback_id;
    DWORD subentry;
    /* W_NOTIFY */
    int efd;
    uint32_t flags;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct watch *watches;
static unsigned nwatches;
static pthread_t thread;
static bool thread_running;
static int epfd = -1, wakefd = -1;
static bool stopping;
/* The thread's receive buffer: one thread, one buffer. */
static uint8_t thread_rx[IPC_MAX_MSG];

static void
wake(void)
{
    uint64_t one = 1;
    if (wakefd >= 0)
        (void)!write(wakefd, &one, sizeof(one));
}

static void
watch_free(struct watch *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        close(w->fd);
    ras_free(w);
}

/* Unlinks and frees w (lock held). */
static void
watch_remove(struct watch *w)
{
    for (struct watch **pp = &watches; *pp; pp = &(*pp)->next) {
        if (*pp == w) {
            *pp = w->next;
            nwatches--;
            epoll_ctl(epfd, EPOLL_CTL_DEL, w->fd, NULL);
            watch_free(w);
            return;
        }
    }
}

static bool
watch_live(struct watch *w)
{
    for (struct watch *x = watches; x; x = x->next)
        if (x == w)
            return true;
    return false;
}

/* Calls the notifier for one state (no lock held). false = no more. */
static bool
call_notifier(const struct watch *w, uint32_t state, uint32_t error)
{
    HRASCONN h = rasc_hconn(w->handle);
    switch (w->type) {
    case 0:
        ((RASDIALFUNC)w->notifier)(WM_RASDIALEVENT, (RASCONNSTATE)state, error);
        return true;
    case 1:
        ((RASDIALFUNC1)w->notifier)(h, WM_RASDIALEVENT, (RASCONNSTATE)state, error, 0);
        return true;
    default:
        return ((RASDIALFUNC2)w->notifier)(w->callback_id, w->subentry, h, WM_RASDIALEVENT,
                                           (RASCONNSTATE)state, error, 0) != 0;
    }
}

static void
dial_event(struct watch *w, const uint8_t *buf, size_t n)
{
    uint64_t handle;
    uint32_t state, error;
    bool done = true;
    if (ipc_dec_ev_state(buf, n, &handle, &state, &error) && handle == w->handle) {
        bool call = !w->stopped;
        pthread_mutex_unlock(&lock);
        bool more = call ? call_notifier(w, state, error) : false;
        pthread_mutex_lock(&lock);
        /* RasHangUp inside the notifier set w->stopped: it acts now */
        done = !more || w->stopped || error != 0 || state == RASCS_Connected;
    }
    if (done)
        watch_remove(w);
}

static void
notify_event(struct watch *w, const uint8_t *buf, size_t n)
{
    uint64_t handle;
    uint32_t what;
    if (!ipc_dec_ev_conn(buf, n, &handle, &what)) {
        watch_remove(w);
        return;
    }
    if (what & w->flags) {
        uint64_t one = 1;
        (void)!write(w->efd, &one, sizeof(one));
    }
    /* a watch on one connection ends with it */
    if (w->handle && (what & RASCN_Disconnection))
        watch_remove(w);
}

/* One message (or the end) on a watch's socket (lock held). */
static void
watch_ready(struct watch *w)
{
    ssize_t n = recv(w->fd, thread_rx, sizeof(thread_rx), MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0 || (size_t)n > sizeof(thread_rx)) {
        watch_remove(w);          /* rasmand went away */
        return;
    }
    if (w->kind == W_DIAL)
        dial_event(w, thread_rx, (size_t)n);
    else
        notify_event(w, thread_rx, (size_t)n);
}

static void *
thread_main(void *arg)
{
    (void)arg;
    struct epoll_event ev[16];
    pthread_mutex_lock(&lock);
    while (!stopping) {
        /* stopped dials have nothing more to say: release them */
        for (struct watch *w = watches, *next; w; w = next) {
            next = w->next;
            if (w->kind == W_DIAL && w->stopped)
                watch_remove(w);
        }
        pthread_mutex_unlock(&lock);
        int n = epoll_wait(epfd, ev, 16, -1);
        pthread_mutex_lock(&lock);
        for (int i = 0; i < n && !stopping; i++) {
            struct watch *w = ev[i].data.ptr;
            if (w == NULL) {
                uint64_t v;
                (void)!read(wakefd, &v, sizeof(v));
            } else if (watch_live(w)) {
                watch_ready(w);
            }
        }
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* Lock held. */
static uint32_t
thread_start(void)
{
    if (thread_running)
        return 0;
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = NULL };
    epfd = epoll_create1(EPOLL_CLOEXEC);
    wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epfd < 0 || wakefd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, wakefd, &ev) != 0)
        goto fail;
    stopping = false;
    if (pthread_create(&thread, NULL, thread_main, NULL) != 0)
        goto fail;
    thread_running = true;
    return 0;
fail:
    if (epfd >= 0)
        close(epfd);
    if (wakefd >= 0)
        close(wakefd);
    epfd = wakefd = -1;
    return ERROR_NOT_ENOUGH_MEMORY;
}

/* Hands w (socket connected, request answered) to the thread. */
static uint32_t
watch_add(struct watch *w)
{
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = w };
    pthread_mutex_lock(&lock);
    uint32_t rc = thread_start();
    if (!rc && epoll_ctl(epfd, EPOLL_CTL_ADD, w->fd, &ev) != 0)
        rc = ERROR_NOT_ENOUGH_MEMORY;
    if (!rc) {
        w->next = watches;
        watches = w;
        nwatches++;
        wake();
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

static bool
watch_room(void)
{
    pthread_mutex_lock(&lock);
    bool ok = nwatches < MAX_WATCHES;
    pthread_mutex_unlock(&lock);
    return ok;
}

void
ras_dial_forget(uint64_t handle)
{
    pthread_mutex_lock(&lock);
    for (struct watch *w = watches; w; w = w->next)
        if (w->kind == W_DIAL && w->handle == handle)
            w->stopped = true;
    wake();
    pthread_mutex_unlock(&lock);
}

void
ras_client_shutdown(void)
{
    pthread_mutex_lock(&lock);
    if (!thread_running) {
        pthread_mutex_unlock(&lock);
        return;
    }
    /* the notifier thread itself cannot join itself: leave it be */
    if (pthread_equal(pthread_self(), thread)) {
        pthread_mutex_unlock(&lock);
        return;
    }
    stopping = true;
    wake();
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    pthread_mutex_lock(&lock);
    while (watches)
        watch_remove(watches);
    close(epfd);
    close(wakefd);
    epfd = wakefd = -1;
    thread_running = false;
    pthread_mutex_unlock(&lock);
}

__attribute__((destructor)) static void
client_unload(void)
{
    ras_client_shutdown();
}

/* ---- RasDial ----------------------------------------------------------- */

/* The request as sent: the resolved one with the caller's credentials.
 * The copy holds the password; the caller wipes it once encoded. */
static void
add_credentials(struct ipc_dial_req *d, const struct ipc_dial_req *req,
                const RASDIALPARAMSA *p)
{
    memcpy(d, req, sizeof(*d));
    snprintf(d->user, sizeof(d->user), "%s", p->szUserName);
    snprintf(d->password, sizeof(d->password), "%s", p->szPassword);
    snprintf(d->domain, sizeof(d->domain), "%s", p->szDomain);
    /* progress events always: the blocking dial waits on them too */
    d->flags |= IPC_DIAL_NOTIFY;
}

/* Sync: reads states until Connected or an error (or rasmand goes). */
static uint32_t
wait_dial(int fd, uint64_t handle, uint8_t *rx)
{
    for (;;) {
        size_t n;
        ssize_t got;
        while ((got = recv(fd, rx, IPC_MAX_MSG, MSG_TRUNC)) < 0 && errno == EINTR)
            ;
        if (got <= 0 || (size_t)got > IPC_MAX_MSG)
            return ERROR_RASMAN_CANNOT_INITIALIZE;
        n = (size_t)got;
        uint64_t h;
        uint32_t state, error;
        if (!ipc_dec_ev_state(rx, n, &h, &state, &error) || h != handle)
            return ERROR_RASMAN_CANNOT_INITIALIZE;
        if (error)
            return error;
        if (state == RASCS_Connected)
            return 0;
    }
}

/* The device of a serial entry (a /dev/ path), opened with the caller's own
 * rights for rasmand, which never opens a user's path itself (the system
 * rasmand runs as root). *dev stays -1 when there is nothing to pass: no
 * serial device, or one this user may not open (EACCES/EPERM): rasmand
 * decides then, as it may be an entry of the administrator's system
 * phonebook. Other failures answer at once, as rasmand's port would. */
static uint32_t
open_device(const struct ipc_dial_req *req, int *dev)
{
    *dev = -1;
    if (strncmp(req->device_name, "/dev/", 5) != 0)
        return 0;
    int fd = open(req->device_name, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
        *dev = fd;
        return 0;
    }
    switch (errno) {
    case EACCES: case EPERM: return 0;
    case ENOENT: case ENODEV: case ENXIO: case ENOTDIR: case ELOOP:
        return ERROR_DEVICE_DOES_NOT_EXIST;
    case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
    default: return ERROR_PORT_NOT_AVAILABLE;
    }
}

/* req.buf takes the replies and events too, once the request is sent. */
struct dial_bufs {
    struct ipc_msg req;
    struct ipc_dial_req d;
};

uint32_t
ras_dial_request(const struct ipc_dial_req *req, const RASDIALPARAMSA *params,
                 DWORD notifier_type, void *notifier, HRASCONN *ph)
{
    struct dial_bufs *b = NULL;
    struct watch *w = NULL;
    int fd = -1, dev = -1;
    uint64_t handle = 0;
    uint32_t rc, err;
    size_t n;

    if (!req || !params || !ph)
        return ERROR_INVALID_PARAMETER;
    /* Everything that can fail for want of memory is taken before rasmand
     * hears of the dial, so a failure leaves no connection behind. */
    b = ras_malloc(sizeof(*b));
    if (!b)
        return ERROR_NOT_ENOUGH_MEMORY;
    b->req.len = 0;
    if (notifier) {
        if (!watch_room()) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            goto out;
        }
        if (!(w = ras_calloc(1, sizeof(*w)))) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            goto out;
        }
        w->fd = -1;
        pthread_mutex_lock(&lock);
        rc = thread_start();
        pthread_mutex_unlock(&lock);
        if (rc)
            goto out;
    }
    add_credentials(&b->d, req, params);
    bool encoded = ipc_enc_dial(&b->req, 0, &b->d);
    ras_wipe(&b->d, sizeof(b->d));
    if (!encoded) {
        rc = ERROR_INVALID_PARAMETER;
        goto out;
    }
    if ((rc = open_device(req, &dev)) != 0 || (rc = rasc_connect(&fd, true)) != 0)
        goto out;
    rc = rasc_roundtrip_fd(fd, &b->req, dev, IPC_REP_DIAL, b->req.buf, &n);
    /* rasmand has its own copy now, or never will */
    if (dev >= 0)
        close(dev);
    dev = -1;
    if (rc)
        goto out;
    if (!ipc_dec_rep_dial(b->req.buf, n, &err, &handle)) {
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
        goto out;
    }
    if ((rc = err) != 0)
        goto out;
    /* rasmand holds a connection from here on: the caller gets its handle
     * whatever happens next, and must hang it up */
    *ph = rasc_hconn(handle);
    if (!notifier) {
        rc = wait_dial(fd, handle, b->req.buf);
        goto out;
    }
    w->kind = W_DIAL;
    w->fd = fd;
    w->handle = handle;
    w->type = notifier_type;
    w->notifier = notifier;
    w->callback_id = params->dwSize >= offsetof(RASDIALPARAMSA, dwCallbackId) +
                     sizeof(params->dwCallbackId) ? params->dwCallbackId : 0;
    w->subentry = 1;
    fd = -1;                      /* w owns it now */
    if ((rc = watch_add(w)) == 0)
        w = NULL;
out:
    if (dev >= 0)
        close(dev);
    if (fd >= 0)
        close(fd);
    watch_free(w);
    if (b) {
        ipc_msg_wipe(&b->req);
        ras_free(b);
    }
    return rc;
}

/* ---- RasConnectionNotification ----------------------------------------- */

static uint32_t
notify_remove(uint64_t handle, int efd)
{
    pthread_mutex_lock(&lock);
    for (struct watch *w = watches, *next; w; w = next) {
        next = w->next;
        if (w->kind == W_NOTIFY && w->handle == handle && w->efd == efd)
            watch_remove(w);
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

uint32_t
ras_notify_register(uint64_t handle, int efd, uint32_t flags)
{
    struct ipc_msg *req = NULL;     /* the request, then its reply */
    struct watch *w = NULL;
    uint32_t rc, err;
    size_t n;

    if (!flags)
        return notify_remove(handle, efd);
    if (!watch_room())
        return ERROR_NOT_ENOUGH_MEMORY;
    if ((w = ras_calloc(1, sizeof(*w))) != NULL)
        w->fd = -1;
    req = ras_malloc(sizeof(*req));
    if (!req || !w) {
        rc = ERROR_NOT_ENOUGH_MEMORY;
        goto out;
    }
    pthread_mutex_lock(&lock);
    rc = thread_start();
    pthread_mutex_unlock(&lock);
    if (rc || (rc = rasc_connect(&w->fd, true)) != 0)
        goto out;
    ipc_enc_subscribe(req, 0, handle, flags);
    if ((rc = rasc_roundtrip(w->fd, req, IPC_REP_ERROR, req->buf, &n)) != 0)
        goto out;
    if (!ipc_dec_rep_error(req->buf, n, &err)) {
        rc = ERROR_RASMAN_CANNOT_INITIALIZE;
        goto out;
    }
    if ((rc = err) != 0)
        goto out;
    w->kind = W_NOTIFY;
    w->handle = handle;
    w->efd = efd;
    w->flags = flags;
    /* a new registration of the same pair replaces the old one */
    notify_remove(handle, efd);
    if ((rc = watch_add(w)) == 0)
        w = NULL;
out:
    watch_free(w);
    ras_free(req);
    return rc;
}
