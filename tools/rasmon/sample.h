/* rasmon's samples: every connection the caller may see (RasEnumConnections)
 * with its state and RAS_STATS, and the figures of the rasmand behind them
 * (OpenRasGetDaemonInfo), read at one moment; then what changed since the
 * sample before: rates and the TX/RX/ERR/CD lights of NT4's Dial-Up
 * Networking Monitor. Public API (ras.h, openras.h) only. */
#ifndef RAS_TOOLS_RASMON_SAMPLE_H
#define RAS_TOOLS_RASMON_SAMPLE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "ras.h"
#include "openras.h"

struct mon_lights {
    bool tx, rx;                  /* the byte counters moved since the last sample */
    bool err;                     /* an error counter moved */
    bool cd;                      /* carrier: the link is up (RASCS_Connected) */
};

struct mon_conn {
    HRASCONN h;
    char entry[RAS_MaxEntryName + 1];
    char phonebook[MAX_PATH];
    char device_type[RAS_MaxDeviceType + 1];
    char device_name[RAS_MaxDeviceName + 1];
    bool own;                     /* RASCF_OwnerMatch: the caller's */
    uid_t owner;                  /* who dialed it (known when !own and root) */
    bool owner_known;
    RASCONNSTATE state;
    DWORD error;                  /* why it failed or dropped, else 0 */
    RAS_STATS st;
    /* mon_compare's: rates need a sample before this one that had it */
    bool rated;
    uint32_t tx_rate, rx_rate;    /* bytes per second since that sample */
    struct mon_lights lights;
};

struct mon_sample {
    uint64_t at_ms;               /* CLOCK_MONOTONIC, when it was taken */
    struct timespec wall;         /* CLOCK_REALTIME, for printing */
    uint64_t elapsed_ms;          /* since the sample it was compared with */
    DWORD daemon_rc;              /* OpenRasGetDaemonInfo's answer: 0, 5, 711 */
    OPENRAS_DAEMONINFO daemon;    /* when daemon_rc is 0 */
    DWORD count;
    struct mon_conn *conns;       /* count of them; the sample owns them */
};

/* CLOCK_MONOTONIC in milliseconds: the clock samples are taken by. */
uint64_t mon_now_ms(void);

/* Takes a sample into *out (the caller's, for mon_sample_free). A
 * connection that goes away while it is read is left out; no rasmand is
 * daemon_rc 711 with no connections, not a failure. 0, or the RAS error
 * that stopped it (8 when out of memory), with nothing left allocated. */
DWORD mon_sample_take(struct mon_sample **out);
void mon_sample_free(struct mon_sample *s);

/* One connection's rates and lights from the same connection in the
 * sample before (prev NULL: none, so no rates and the counters compare
 * with zero), elapsed_ms apart. Counters that went down were cleared
 * (RasClearConnectionStatistics): they count from zero again. */
void mon_conn_compare(struct mon_conn *cur, const struct mon_conn *prev, uint64_t elapsed_ms);

/* Every connection of cur against its own in prev (found by handle; prev
 * may be NULL). */
void mon_compare(struct mon_sample *cur, const struct mon_sample *prev);

/* rasmand's figures over rasmon's run: the first seen, the lowest and
 * highest, so growth (KB Q257647's leak) shows at a glance. */
struct mon_figures {
    uint32_t rss_kib, private_kib, fds, conns;
};
struct mon_trend {
    bool have;
    uint32_t pid;                 /* a new rasmand starts the trend again */
    struct mon_figures first, low, high;
};
void mon_trend_add(struct mon_trend *t, const struct mon_sample *s);

#endif
