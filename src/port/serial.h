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

/* Takes the line: a copy of client_fd (the descriptor the dialing user
 * opened with its own rights and passed), or with client_fd -1 the
 * device path, opened here only if serial_path_ok and not through a final
 * symlink. The descriptor must be a terminal (a character device open
 * read-write that answers tcgetattr), whose real name, read back from the
 * descriptor, is under /dev/ and names the UUCP lock. Then raw 8N1 at bps
 * (0 = 115200; others are rounded down to a speed termios has), RTS/CTS if
 * hw_flow. 0, or 633 (locked by a live process, or busy), 608 (no such
 * device, or not a terminal under /dev/), 8. client_fd stays the
 * caller's. */
uint32_t serial_open(struct serial *s, const char *device, int client_fd, uint32_t bps,
                     bool hw_flow);
/* A path rasmand may open itself: absolute, under /dev/, with no empty,
 * "." or ".." component. Purely lexical: nothing is looked up. */
bool serial_path_ok(const char *path);
/* Carrier detect on or off: CLOCAL while dialing, so a missing DCD does not
 * block us; off once connected, so losing DCD hangs the line up. */
void serial_watch_carrier(struct serial *s, bool watch);
/* Drops DTR, restores the termios, closes, removes the lock. Idempotent. */
void serial_close(struct serial *s);

/* The lock file's directory: RAS_LOCK_DIR or /var/lock. */
const char *serial_lock_dir(void);

#endif
