/* The relay between libras's notifier thread and the bridge's Windows
 * thread (dial_relay.h). One mutex guards everything; the ring is a FIFO,
 * so one dial's states arrive in the order libras sent them. A dial's id
 * carries its slot and a generation, so an event libras sends after the
 * dial ended (RasHangUp, a RasDialFunc2 that returned 0) finds no live
 * slot and is dropped, never delivered to a notifier that forgot it. */
#include "dial_relay.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* RasDial's final states (ras.h: RASCS_Connected, RASCS_Disconnected). */
#define STATE_CONNECTED    0x2000u
#define STATE_DISCONNECTED 0x2001u
#define ERR_NOMEM          8u

#define SLOT_BITS 8u
#define SLOT_MASK ((1u << SLOT_BITS) - 1u)

struct dial_slot {
    bool live;
    uint32_t gen;
    uint64_t handle;              /* 0 until libras gave one */
    struct dial_relay_target t;
};

struct reg_slot {
    bool live;
    bool closing;                 /* dropped; its fd awaits the thread */
    uint64_t handle;
    const void *app_event;
    void *dup;
    int efd;
};

struct ring_ev {
    uint32_t id;
    uint64_t handle;
    uint32_t subentry, state, error, exterr;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t space = PTHREAD_COND_INITIALIZER;
static struct dial_slot dials[DIAL_RELAY_MAX_DIALS];
static struct reg_slot regs[DIAL_RELAY_MAX_REGS];
static struct ring_ev ring[DIAL_RELAY_RING];
static unsigned ring_head, ring_len;
static unsigned ndials, nregs;
static bool running;
static bool closing;              /* the process exits: block nobody */
static int wakefd = -1;
static struct dial_relay_ops ops;

_Static_assert(DIAL_RELAY_MAX_DIALS < SLOT_MASK, "slot index fits the id");

void
dial_relay_set_ops(const struct dial_relay_ops *o)
{
    pthread_mutex_lock(&lock);
    ops = *o;
    pthread_mutex_unlock(&lock);
}

/* Lock held. */
static void
wake(void)
{
    uint64_t one = 1;
    if (running && wakefd >= 0)
        (void)!write(wakefd, &one, sizeof(one));
}

/* The live slot an id names, or NULL (lock held). */
static struct dial_slot *
slot_of(uint32_t id)
{
    uint32_t i = (id & SLOT_MASK) - 1u;
    if (i >= DIAL_RELAY_MAX_DIALS || !dials[i].live || dials[i].gen != id >> SLOT_BITS)
        return NULL;
    return &dials[i];
}

/* Lock held. Waiters on a full ring look again: theirs may be gone. */
static void
slot_free(struct dial_slot *s)
{
    s->live = false;
    ndials--;
    pthread_cond_broadcast(&space);
    wake();
}

void
dial_relay_shutdown(void)
{
    pthread_mutex_lock(&lock);
    closing = true;
    pthread_cond_broadcast(&space);
    pthread_mutex_unlock(&lock);
}

/* At exit the Windows thread is gone (ExitProcess ended it) and libras's
 * destructor joins its notifier thread: one waiting for room in the ring
 * must give up first. atexit handlers run before shared objects'
 * destructors. */
static void
register_atexit(void)
{
    atexit(dial_relay_shutdown);
}

uint32_t
dial_relay_begin(const struct dial_relay_target *t, uint32_t *id)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    uint32_t rc = ERR_NOMEM;
    pthread_once(&once, register_atexit);
    pthread_mutex_lock(&lock);
    for (uint32_t i = 0; i < DIAL_RELAY_MAX_DIALS; i++) {
        struct dial_slot *s = &dials[i];
        if (s->live)
            continue;
        /* generation 0 never names a slot, so no id is 0 */
        s->gen = (s->gen + 1u) & (UINT32_MAX >> SLOT_BITS);
        if (s->gen == 0)
            s->gen = 1;
        s->live = true;
        s->handle = 0;
        s->t = *t;
        ndials++;
        *id = s->gen << SLOT_BITS | (i + 1u);
        rc = 0;
        break;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

void
dial_relay_started(uint32_t id, uint64_t handle)
{
    pthread_mutex_lock(&lock);
    struct dial_slot *s = slot_of(id);
    if (s)
        s->handle = handle;
    pthread_mutex_unlock(&lock);
}

void
dial_relay_end(uint32_t id)
{
    pthread_mutex_lock(&lock);
    struct dial_slot *s = slot_of(id);
    if (s)
        slot_free(s);
    pthread_mutex_unlock(&lock);
}

void
dial_relay_forget(uint64_t handle)
{
    if (!handle)
        return;
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < DIAL_RELAY_MAX_DIALS; i++)
        if (dials[i].live && dials[i].handle == handle)
            slot_free(&dials[i]);
    pthread_mutex_unlock(&lock);
}

int
dial_relay_push(uint32_t id, uint64_t handle, uint32_t subentry, uint32_t state,
                uint32_t error, uint32_t exterr)
{
    struct dial_slot *s;
    pthread_mutex_lock(&lock);
    /* a slow notifier holds libras back, as a Windows notifier holds the
     * dial: the ring never grows and never drops a live dial's state */
    while ((s = slot_of(id)) != NULL && ring_len == DIAL_RELAY_RING && !closing)
        pthread_cond_wait(&space, &lock);
    if (closing)
        s = NULL;
    if (s) {
        if (!s->handle)
            s->handle = handle;
        ring[(ring_head + ring_len) % DIAL_RELAY_RING] = (struct ring_ev){
            .id = id, .handle = handle, .subentry = subentry, .state = state,
            .error = error, .exterr = exterr };
        ring_len++;
        wake();
    }
    pthread_mutex_unlock(&lock);
    return s != NULL;
}

bool
dial_relay_next(struct dial_relay_call *c)
{
    bool found = false;
    pthread_mutex_lock(&lock);
    while (ring_len && !found) {
        struct ring_ev e = ring[ring_head];
        ring_head = (ring_head + 1u) % DIAL_RELAY_RING;
        ring_len--;
        struct dial_slot *s = slot_of(e.id);
        if (!s)
            continue;             /* the dial ended: nobody to tell */
        *c = (struct dial_relay_call){ .id = e.id, .t = s->t, .handle = e.handle,
            .subentry = e.subentry, .state = e.state, .error = e.error,
            .exterr = e.exterr };
        found = true;
    }
    pthread_cond_broadcast(&space);
    pthread_mutex_unlock(&lock);
    return found;
}

void
dial_relay_done(const struct dial_relay_call *c, bool more)
{
    bool final = c->error != 0 || c->state == STATE_CONNECTED ||
                 c->state == STATE_DISCONNECTED;
    pthread_mutex_lock(&lock);
    struct dial_slot *s = slot_of(c->id);
    if (s && (final || !more))
        slot_free(s);
    pthread_mutex_unlock(&lock);
}

/* ---- registrations ---- */

static struct reg_slot *
reg_find(uint64_t handle, const void *app_event)
{
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        if (regs[i].live && regs[i].handle == handle && regs[i].app_event == app_event)
            return &regs[i];
    return NULL;
}

int
dial_relay_reg_fd(uint64_t handle, const void *app_event)
{
    pthread_mutex_lock(&lock);
    struct reg_slot *r = reg_find(handle, app_event);
    int fd = r ? r->efd : -1;
    pthread_mutex_unlock(&lock);
    return fd;
}

/* A slot neither live nor waiting for its fd to be closed (lock held). */
static struct reg_slot *
reg_free_slot(void)
{
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        if (!regs[i].live && !regs[i].closing)
            return &regs[i];
    return NULL;
}

uint32_t
dial_relay_reg_add(uint64_t handle, const void *app_event, void *dup, int *efd)
{
    uint32_t rc = 0;
    pthread_mutex_lock(&lock);
    struct reg_slot *r = reg_find(handle, app_event);
    if (r) {
        /* registered meanwhile by another thread: keep that one */
        if (ops.release)
            ops.release(dup);
        *efd = r->efd;
        goto out;
    }
    int fd = -1;
    if ((r = reg_free_slot()) == NULL ||
        (fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
        if (ops.release)
            ops.release(dup);
        rc = ERR_NOMEM;
        goto out;
    }
    *r = (struct reg_slot){ .live = true, .handle = handle, .app_event = app_event,
                            .dup = dup, .efd = fd };
    nregs++;
    *efd = fd;
    wake();                       /* the thread polls the new fd from now */
out:
    pthread_mutex_unlock(&lock);
    return rc;
}

/* Lock held. */
static void
reg_close(struct reg_slot *r)
{
    close(r->efd);
    r->efd = -1;
    r->closing = false;
}

void
dial_relay_reg_drop(uint64_t handle, const void *app_event)
{
    pthread_mutex_lock(&lock);
    struct reg_slot *r = reg_find(handle, app_event);
    if (r) {
        r->live = false;
        nregs--;
        if (ops.release)
            ops.release(r->dup);
        r->dup = NULL;
        /* the thread may be polling the fd: it closes it on its next pass */
        r->closing = true;
        if (running)
            wake();
        else
            reg_close(r);
    }
    pthread_mutex_unlock(&lock);
}

unsigned
dial_relay_reg_list(uint64_t *handles, const void **app_events, unsigned max)
{
    unsigned n = 0;
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS && n < max; i++) {
        if (!regs[i].live || !regs[i].handle)
            continue;
        handles[n] = regs[i].handle;
        app_events[n++] = regs[i].app_event;
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* ---- the Windows thread ---- */

bool
dial_relay_thread_needed(bool *failed)
{
    bool start = false;
    *failed = false;
    pthread_mutex_lock(&lock);
    if (!running && (ndials || nregs)) {
        wakefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wakefd < 0)
            *failed = true;
        else
            running = start = true;
    }
    pthread_mutex_unlock(&lock);
    return start;
}

/* Lock held: the thread is gone (or never came), so fds it would have
 * closed are closed here. */
static void
stop_locked(void)
{
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        if (regs[i].closing)
            reg_close(&regs[i]);
    if (wakefd >= 0)
        close(wakefd);
    wakefd = -1;
    running = false;
}

void
dial_relay_thread_failed(void)
{
    pthread_mutex_lock(&lock);
    stop_locked();
    pthread_mutex_unlock(&lock);
}

/* Lock held: sets the event of each registration whose fd fired. */
static void
signal_fired(const struct pollfd *pfd, const unsigned *slot, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct reg_slot *r = &regs[slot[i]];
        uint64_t v;
        if (!(pfd[i].revents & POLLIN) || read(pfd[i].fd, &v, sizeof(v)) != sizeof(v))
            continue;
        if (r->live && r->efd == pfd[i].fd && ops.signal)
            ops.signal(r->dup);
    }
}

bool
dial_relay_wait(void)
{
    struct pollfd pfd[1 + DIAL_RELAY_MAX_REGS];
    unsigned slot[DIAL_RELAY_MAX_REGS];
    unsigned n = 0;

    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++)
        if (regs[i].closing)
            reg_close(&regs[i]);
    if (ring_len) {
        pthread_mutex_unlock(&lock);
        return true;
    }
    if (!ndials && !nregs) {
        stop_locked();
        pthread_mutex_unlock(&lock);
        return false;
    }
    pfd[0] = (struct pollfd){ .fd = wakefd, .events = POLLIN };
    for (unsigned i = 0; i < DIAL_RELAY_MAX_REGS; i++) {
        if (!regs[i].live)
            continue;
        pfd[1 + n] = (struct pollfd){ .fd = regs[i].efd, .events = POLLIN };
        slot[n++] = i;
    }
    pthread_mutex_unlock(&lock);

    /* The fds stay open while we poll: only this thread closes them. */
    while (poll(pfd, 1 + n, -1) < 0 && errno == EINTR)
        ;

    pthread_mutex_lock(&lock);
    uint64_t v;
    if (pfd[0].revents & POLLIN)
        (void)!read(wakefd, &v, sizeof(v));
    signal_fired(pfd + 1, slot, n);
    pthread_mutex_unlock(&lock);
    return true;
}

struct dial_relay_counts
dial_relay_counts(void)
{
    pthread_mutex_lock(&lock);
    struct dial_relay_counts n = { .dials = ndials, .regs = nregs, .running = running };
    pthread_mutex_unlock(&lock);
    return n;
}
