/* relay.h: a delaying relay between two PPP ends (an engine in this
 * process, or a byte stream such as the peer VM's serial line). Every frame
 * waits the same delay in each direction, and is counted, and carries a
 * hop number: one more than the deepest hop the sending end had received,
 * so the deepest hop at the end is the number of sequential one-way trips
 * the negotiation needed, whatever the processing times. IPCP is watched
 * on the wire (Configure-Ack sent for the peer's request, and received for
 * our own) to tell when each end is Opened. */
#ifndef RAS_BENCH_NEGOTIATION_RELAY_H
#define RAS_BENCH_NEGOTIATION_RELAY_H

#include <stdbool.h>
#include <stdint.h>

#include "ppp/hdlc.h"
#include "ppp/ppp.h"

#define RELAY_QUEUE 64            /* frames in flight each way */
#define RELAY_FRAME_MAX 1600      /* larger frames are not negotiation: dropped */

struct relay_frame {
    uint64_t due_ms;
    unsigned hop;
    size_t len;
    uint8_t frame[RELAY_FRAME_MAX];   /* decoded: address..payload, no FCS */
};

struct relay_queue {
    struct relay_frame f[RELAY_QUEUE];
    unsigned head, len;
};

struct relay_end {
    const char *name;
    struct ppp *ppp;              /* an engine here (not owned), or NULL */
    int fd;                       /* else a byte stream (not owned) */
    bool session;                 /* a stream's first LCP Configure-Request seen:
                                   * what came before is a previous session's */
    struct hdlc_decoder dec;
    unsigned clock;               /* deepest hop delivered to it */
    unsigned frames;              /* frames it sent until both were Opened */
    int req_id;                   /* its last IPCP Configure-Request's, -1 none */
    bool acked, acked_peer;       /* IPCP: its request acked; the peer's acked by it */
    unsigned opened_hop;          /* its clock when IPCP was Opened; 0 = not yet */
    bool down;                    /* an engine that went down */
    uint32_t down_error;
};

struct relay {
    struct relay_end end[2];
    struct relay_queue q[2];      /* q[i]: from end i to the other */
    uint32_t delay_ms;
    uint64_t now, t_first, t_open;
    unsigned open_hop;            /* deepest of the two ends' opened_hop */
    bool done;
};

/* Empty ends, nothing in flight. */
void relay_init(struct relay *r, uint32_t delay_ms);
void relay_set_engine(struct relay *r, int i, const char *name, struct ppp *p);
void relay_set_stream(struct relay *r, int i, const char *name, int fd);
/* Starts the engines and relays until IPCP is Opened at both ends (true),
 * an engine goes down or timeout_ms passes (false). */
bool relay_run(struct relay *r, uint32_t timeout_ms);

#endif
