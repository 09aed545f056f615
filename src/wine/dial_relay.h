/* dial_relay.h: carries what libras reports from its notifier thread (a
 * pthread: calling Wine from it crashes the program, wine.md) to the
 * bridge's one Windows thread, which calls the program's RasDial notifier
 * or posts to its window, and sets the Win32 events of
 * RasConnectionNotification.
 *
 * Plain C, no Wine and no RAS headers, so it is tested on Linux alone
 * (tests/wine/dial_unit_relay.c). Its state is static and fixed-size: a
 * dial or a registration allocates nothing, and the relay's only
 * descriptors (a wake-up eventfd, one eventfd per registration) exist
 * while something uses them. The Windows thread runs while a dial or a
 * registration is live and returns when the last one ends, so the KB
 * Q257647 loop (RasDial on an unknown entry, for ever) never starts it.
 *
 *   libras thread                    Windows thread (dial_win.c)
 *   dial_relay_push(id, ...) ──ring──► dial_relay_wait / _next → notifier
 *                                       dial_relay_done(call, more)
 */
#ifndef RAS_WINE_DIAL_RELAY_H
#define RAS_WINE_DIAL_RELAY_H

#include <stdbool.h>
#include <stdint.h>

/* Dials reported at once, registrations held at once (libras's own
 * ceiling is 64 watches for both), events waiting for the thread. */
#define DIAL_RELAY_MAX_DIALS 48
#define DIAL_RELAY_MAX_REGS  16
#define DIAL_RELAY_RING      256

/* Whom to tell: opaque here, the Windows side reads it (notifier type 0,
 * 1, 2 or 0xFFFFFFFF, the function or HWND, RASDIALPARAMS.dwCallbackId). */
struct dial_relay_target {
    uint32_t type;
    void *fn;
    uintptr_t callback_id;
};

/* One notification for the Windows thread to deliver. */
struct dial_relay_call {
    uint32_t id;
    struct dial_relay_target t;
    uint64_t handle;
    uint32_t subentry, state, error, exterr;
};

/* The Windows side's two event operations, called with the relay's lock
 * held (neither blocks): set the program's event (through the bridge's own
 * duplicate of it), and close that duplicate. */
struct dial_relay_ops {
    void (*signal)(void *event);
    void (*release)(void *event);
};
void dial_relay_set_ops(const struct dial_relay_ops *ops);

/* ---- dials ---- */

/* Takes a slot for an asynchronous dial about to start: *id goes to libras
 * as the dial's callback id. 0, or ERROR_NOT_ENOUGH_MEMORY (8) when
 * DIAL_RELAY_MAX_DIALS dials are being reported. */
uint32_t dial_relay_begin(const struct dial_relay_target *t, uint32_t *id);
/* libras accepted the dial: its connection handle. */
void dial_relay_started(uint32_t id, uint64_t handle);
/* The dial ends with no more notification (libras refused it, or the
 * Windows thread could not start): frees the slot and drops its events. */
void dial_relay_end(uint32_t id);
/* RasHangUp: no more notifications for the dials of this connection. */
void dial_relay_forget(uint64_t handle);

/* libras's notifier thread: queues one state for dial id, waiting while
 * the ring is full. 1 = keep reporting, 0 = no such dial any more (libras
 * then stops calling for it). */
int dial_relay_push(uint32_t id, uint64_t handle, uint32_t subentry, uint32_t state,
                    uint32_t error, uint32_t exterr);

/* The process exits: a push waiting for room returns 0 at once, and so
 * does every later one (run by atexit; tests call it last). */
void dial_relay_shutdown(void);

/* Windows thread: the next notification of a live dial, or false. */
bool dial_relay_next(struct dial_relay_call *c);
/* After delivering c: the dial ends after a final state (Connected,
 * Disconnected, or an error), or when the program said no more (a
 * RasDialFunc2 that returned 0). */
void dial_relay_done(const struct dial_relay_call *c, bool more);

/* ---- RasConnectionNotification registrations ---- */

/* The eventfd registered for (handle, app_event) with libras, or -1. */
int dial_relay_reg_fd(uint64_t handle, const void *app_event);
/* A new registration of (handle, app_event), signalled through dup (the
 * bridge's duplicate of the program's event, released by the relay from
 * now on, even when this fails). *efd gets the eventfd to give libras; an
 * existing registration of the pair is reused. 0 or 8 (no slot, no fd). */
uint32_t dial_relay_reg_add(uint64_t handle, const void *app_event, void *dup, int *efd);
/* Ends the registration (after libras has dropped its eventfd): releases
 * the duplicate; the eventfd is closed by the Windows thread, or now when
 * it does not run. */
void dial_relay_reg_drop(uint64_t handle, const void *app_event);

/* The live registrations of single connections (handle not 0), at most
 * max: the bridge drops those whose connection has gone (libras stops
 * writing their eventfd then, and the program rarely says so). */
unsigned dial_relay_reg_list(uint64_t *handles, const void **app_events, unsigned max);

/* ---- the Windows thread ---- */

/* After a dial or a registration started: true when the caller must start
 * the Windows thread now (and report dial_relay_thread_failed if it
 * cannot). false when it runs already, or when starting it failed here
 * (*failed set: no descriptor for its wake-up). */
bool dial_relay_thread_needed(bool *failed);
void dial_relay_thread_failed(void);
/* The thread's loop: waits for something to do and sets the events of the
 * registrations that fired. false: nothing is left, the thread must
 * return now (its wake-up descriptor is closed). */
bool dial_relay_wait(void);

/* Tests: live dials, live registrations, whether the thread should run. */
struct dial_relay_counts {
    unsigned dials, regs;
    bool running;
};
struct dial_relay_counts dial_relay_counts(void);

#endif
