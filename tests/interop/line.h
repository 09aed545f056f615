/* line.h: connects a PPP engine (pure: bytes and time in and out) to a
 * real byte stream, the peer VM's serial line, and runs it until a chosen
 * event. This is the only place the interop tests do I/O for the engine. */
#ifndef RAS_TESTS_INTEROP_LINE_H
#define RAS_TESTS_INTEROP_LINE_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp/ppp.h"

struct line {
    int fd;
    struct ppp *ppp;
    uint64_t t0;                /* when the engine started */
    bool eof;                   /* the peer side closed */
    bool deaf;                  /* ignore what arrives (peer "stops answering") */
    uint32_t down_error;        /* PPP_EV_DOWN's error, once down */
    bool down, network_up, ipcp_up, ipv6cp_up, auth_ok;
    uint64_t network_up_ms;     /* since t0 */
    unsigned frames_to_up_tx, frames_to_up_rx;
};

/* Connects to a unix stream socket; -1 on failure. */
int line_connect_unix(const char *path);
/* Reads and drops what fd holds for up to ms (until it is quiet): what a
 * VM's line holds when we connect is a previous session's. */
void line_drain(int fd, unsigned ms);
/* Starts the engine on fd (ppp_start). */
void line_start(struct line *l, int fd, struct ppp *ppp);
/* Runs until until(l) is true or timeout_ms passes; returns until(l). */
bool line_run(struct line *l, uint32_t timeout_ms, bool (*until)(const struct line *));
/* Closes the engine cleanly (Terminate) and runs until it is down. */
bool line_close(struct line *l, uint32_t timeout_ms);
void line_end(struct line *l);          /* closes fd, frees the engine */

bool line_is_up(const struct line *l);
bool line_is_down(const struct line *l);
bool line_never(const struct line *l);  /* run for the whole timeout */

#endif
