/* Test support for the authentication phase: two struct auth instances
 * back to back through cb.send on a fake clock, with a filter that can
 * drop, rewrite or count packets on the way. Used by the unit tests and
 * the ppp-auth fuzz target. */
#ifndef RAS_TESTS_PPP_AUTH_PAIR_H
#define RAS_TESTS_PPP_AUTH_PAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppp/auth.h"

#define AP_QMAX 64
#define AP_PKT_MAX 1024

struct ap_packet {
    int to;                      /* end index that receives it */
    uint16_t proto;
    size_t len;
    uint8_t data[AP_PKT_MAX];
};

struct ap_pair;

struct ap_end {
    struct auth a;
    struct ppp_config cfg;
    struct ap_pair *pair;
    int idx;
    int ndone[2];                /* [0] client side, [1] server side */
    bool ok[2];
    uint32_t err[2];
    uint64_t done_at[2];
    int sent;
    struct ap_packet last;       /* the last packet this end sent */
};

/* Return false to drop; may rewrite p (len up to AP_PKT_MAX). */
typedef bool (*ap_filter_fn)(struct ap_pair *ap, struct ap_packet *p);

struct ap_pair {
    struct ap_end e[2];          /* e[0] authenticates itself, e[1] checks */
    struct ap_packet q[AP_QMAX];
    int qhead, qlen, overflow;
    uint64_t now;
    ap_filter_fn filter;
    void *filter_ctx;
    int delivered;
    uint64_t instant;            /* ap_shuttle: the clock at the last delivery */
    int at_instant;              /* packets delivered at that instant */
    uint32_t seed;
    const char *srv_user, *srv_password;   /* what the server's secret_fn knows */
};

/* A pair where e[0] is the client (user/password) and e[1] the server. */
void ap_init(struct ap_pair *ap, const char *user, const char *password,
             const char *srv_user, const char *srv_password);
/* e[0] proves itself with client_method, e[1] demands it. */
void ap_start(struct ap_pair *ap, uint32_t method);
/* Delivers queued packets until the queue is empty; abort()s past a limit
 * of packets at one instant of the clock (a livelock). */
void ap_shuttle(struct ap_pair *ap);
/* Shuttles and fires timers until every side that was started has
 * reported, or until the clock passes `until`. True if all reported. */
bool ap_run(struct ap_pair *ap, uint64_t until);
bool ap_all_done(const struct ap_pair *ap);
void ap_reset(struct ap_pair *ap);

#endif
