/* Serial lines for the modem and direct ports: UUCP lock files, so pppd
 * and minicom see the port busy, and the open/raw/restore dance around the
 * descriptor. The lock and the saved termios are undone on every close. */
#ifndef RAS_PORT_SERIAL_H
#define RAS_PORT_SERIAL_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <termios.h>

#define SERIAL_BPS 115200

struct serial {
    int fd;                       /* -1 when closed */
    struct termios saved;         /* the line as we found it */
    bool saved_ok;
    char lock[PATH_MAX];          /* our lock file, "" if none held */
};

/* Locks, opens (non-blocking) and sets raw 115200 8N1 with RTS/CTS. 0, or
 * 633 (locked by a live process, or busy), 608 (no such device), 8. */
/* bps: the line speed (0 = 115200; others are rounded down to a speed
 * termios has); hw_flow: RTS/CTS handshaking. */
uint32_t serial_open(struct serial *s, const char *device, uint32_t bps, bool hw_flow);
/* Carrier detect on or off: CLOCAL while dialing, so a missing DCD does not
 * block us; off once connected, so losing DCD hangs the line up. */
void serial_watch_carrier(struct serial *s, bool watch);
/* Drops DTR, restores the termios, closes, removes the lock. Idempotent. */
void serial_close(struct serial *s);

/* The lock file's directory: RAS_LOCK_DIR or /var/lock. */
const char *serial_lock_dir(void);

#endif
