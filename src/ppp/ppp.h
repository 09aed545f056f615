/* The PPP engine's public face (for rasmand, the loopback ISP, the modem
 * simulator and the tests). The engine is pure: it takes received line bytes
 * and the current time, and gives back line bytes to send, events and the
 * next timer deadline. No I/O, no clocks, no threads, no globals. One engine
 * per link; a link is one allocation (the struct ppp), buffers included. */
#ifndef RAS_PPP_PPP_H
#define RAS_PPP_PPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ppp;

enum ppp_role { PPP_CLIENT = 0, PPP_SERVER = 1 };

/* Authentication methods, as a bit set. */
enum {
    PPP_AUTH_NONE = 0,
    PPP_AUTH_PAP = 1 << 0,
    PPP_AUTH_CHAP_MD5 = 1 << 1,
    PPP_AUTH_MSCHAPV2 = 1 << 2,
};

/* Server role: look a user's secret up. Returns true and writes the NUL-
 * terminated secret (at most cap bytes) if the user exists. */
typedef bool (*ppp_secret_fn)(void *ctx, const char *user, char *secret, size_t cap);
/* Fills buf with n unpredictable bytes (magic numbers, CHAP challenges).
 * NULL in the config = getrandom(2). Tests pass a deterministic one. */
typedef void (*ppp_random_fn)(void *ctx, uint8_t *buf, size_t n);

/* The defaults a 0 in struct ppp_config stands for (RFC 1661 4.6 and 6.1
 * where the RFC names one). */
enum {
    PPP_DEFAULT_MRU = 1500,
    PPP_DEFAULT_RESTART_MS = 3000,
    PPP_DEFAULT_MAX_CONFIGURE = 10,
    PPP_DEFAULT_MAX_TERMINATE = 2,
    PPP_DEFAULT_MAX_FAILURE = 5,
    PPP_DEFAULT_ECHO_INTERVAL_MS = 30000,
    PPP_DEFAULT_ECHO_FAILURES = 3,
    PPP_DEFAULT_AUTH_TIMEOUT_MS = 30000,
};

struct ppp_config {
    enum ppp_role role;
    uint16_t mru;                /* 0 = 1500 */
    uint32_t accm;               /* async map we ask the peer to use towards us; default 0 */
    /* Client: the methods we agree to authenticate with (0 = all we know).
     * Server: the methods we demand, tried in the order MS-CHAPv2, CHAP-MD5,
     * PAP (0 = no authentication). */
    uint32_t auth_methods;
    const char *user;            /* client credentials; copied by ppp_new */
    const char *password;
    const char *hostname;        /* our name in CHAP challenges/responses; NULL = "openras" */
    ppp_secret_fn secret_fn;     /* server role */
    void *secret_ctx;
    ppp_random_fn random_fn;
    void *random_ctx;
    /* IPCP (addresses in host byte order; 0 = unset). Client: local_ip
     * 0 asks the server to assign one; request_dns asks for DNS (RFC 1877).
     * Server: local_ip is our address, peer_ip the one we assign, dns1/dns2
     * what we offer. */
    uint32_t local_ip, peer_ip, dns1, dns2;
    bool request_dns;
    /* Client hints (RFC 1332 3.3, RFC 1877 1.1): what to ask for instead of
     * 0.0.0.0 when local_ip is 0 (hint_ip) and request_dns is set (hint_dns1,
     * hint_dns2), e.g. what the entry was given last time. A server that
     * agrees Acks at once, one that does not Naks with its own, which we
     * take (unlike a refused local_ip: 735). 0 = none. */
    uint32_t hint_ip, hint_dns1, hint_dns2;
    bool ipv6;                   /* run IPv6CP as well */
    uint64_t ipv6_ifid;          /* 0 = random */
    /* Timers and counters (RFC 1661 4.6); 0 = the RFC default. */
    uint32_t restart_ms;         /* 3000 */
    uint32_t max_configure;      /* 10 */
    uint32_t max_terminate;      /* 2 */
    uint32_t max_failure;        /* 5 */
    uint32_t echo_interval_ms;   /* LCP echo keepalive; 0 = 30000; UINT32_MAX = off */
    uint32_t echo_failures;      /* missed echoes (with no other traffic) = dead; 0 = 3 */
    uint32_t auth_timeout_ms;    /* whole authentication phase; 0 = 30000 */
    /* A packet link (PPPoE, RFC 2516 7): frames go and come whole, with no
     * HDLC (no flags, escaping, FCS, address or control field), ACCM and
     * ACFC are neither asked for nor accepted, and mru is also the most
     * the link carries towards the peer. See ppp_output, ppp_input. */
    bool packet_framing;
};

enum ppp_phase {
    PPP_PHASE_DEAD, PPP_PHASE_ESTABLISH, PPP_PHASE_AUTHENTICATE,
    PPP_PHASE_NETWORK, PPP_PHASE_RUNNING, PPP_PHASE_TERMINATE,
};

enum ppp_event_type {
    PPP_EV_PHASE,        /* phase changed: ev.phase */
    PPP_EV_LCP_UP,       /* LCP Opened */
    PPP_EV_AUTH_START,   /* authentication began: ev.auth_method */
    PPP_EV_AUTH_OK,      /* both directions authenticated (or none needed) */
    PPP_EV_IPCP_UP,      /* IPv4 addresses negotiated: see ppp_projection */
    PPP_EV_IPV6CP_UP,
    PPP_EV_NETWORK_UP,   /* every NCP we run is Opened or finished: link usable */
    PPP_EV_DOWN,         /* link ended, ev.error = first RAS error recorded
                          * (0 after a clean close we asked for) */
};

struct ppp_event {
    enum ppp_event_type type;
    enum ppp_phase phase;
    uint32_t auth_method;        /* one PPP_AUTH_* bit */
    uint32_t error;              /* RAS / Win32 error code */
};

/* What was negotiated, for RasGetProjectionInfo (RASPPPLCP/RASPPPIP/IPv6). */
struct ppp_projection {
    uint32_t lcp_error, ipcp_error, ipv6cp_error;  /* 0 = ok, else RAS code */
    uint16_t auth_protocol;      /* 0xc023 PAP, 0xc223 CHAP, 0 none */
    uint8_t auth_data;           /* CHAP algorithm: 5 MD5, 0x81 MS-CHAPv2 */
    bool pfc, acfc;              /* we send with PFC / ACFC */
    bool peer_pfc, peer_acfc;
    uint16_t mru, peer_mru;
    uint32_t local_ip, peer_ip, dns1, dns2;   /* host byte order */
    uint64_t local_ifid, peer_ifid;
    bool ipcp_up, ipv6cp_up;
};

/* In the shape of RAS_STATS. */
struct ppp_stats {
    uint64_t bytes_tx, bytes_rx, frames_tx, frames_rx;
    uint32_t crc_err, timeout_err, alignment_err, hw_overrun_err, framing_err,
             buffer_overrun_err;
};

/* NULL on allocation failure (nothing leaked). */
struct ppp *ppp_new(const struct ppp_config *cfg);
/* Accepts NULL; wipes secrets. */
void ppp_free(struct ppp *p);

/* The line is up (CONNECT, or a socket connected): LCP Open. */
void ppp_start(struct ppp *p, uint64_t now_ms);
/* Administrative close (hang-up): LCP Terminate, bounded by Max-Terminate;
 * ends in PPP_EV_DOWN with error 0 unless an error was recorded first. */
void ppp_close(struct ppp *p, uint64_t now_ms);
/* The line dropped under us (carrier loss): straight to DOWN with err. */
void ppp_lower_down(struct ppp *p, uint32_t err, uint64_t now_ms);

/* Packet links: the MRU to ask for, which is also the largest frame the
 * link carries (PPPoE's 1492, or RFC 4638's PPP-Max-Payload), once the
 * port knows it; before ppp_start. */
void ppp_set_mru(struct ppp *p, uint16_t mru);

/* Bytes read from the line, split anywhere (a packet link: one whole
 * frame, protocol field onward, per call). Received IP packets wait in a
 * queue of PPP_INPUT_CHUNK * 2 bytes until ppp_recv_ip takes them: feed at
 * most PPP_INPUT_CHUNK bytes per call and drain ppp_recv_ip after each, or
 * packets beyond the queue are dropped (counted as buffer overruns). */
#define PPP_INPUT_CHUNK 4096
void ppp_input(struct ppp *p, const uint8_t *bytes, size_t n, uint64_t now_ms);
/* Call when now_ms >= ppp_next_deadline(). */
void ppp_timer(struct ppp *p, uint64_t now_ms);
/* Absolute time of the next timer, or 0 when none is running. */
uint64_t ppp_next_deadline(const struct ppp *p);
/* The earlier of two such deadlines (0 = none), for merging them. */
static inline uint64_t
ppp_deadline_min(uint64_t a, uint64_t b)
{
    if (!a || !b)
        return a ? a : b;
    return a < b ? a : b;
}

/* Moves up to cap queued line bytes into buf; returns how many. On a
 * packet link, one whole frame per call (protocol field onward; a frame
 * larger than cap is dropped and counted as a buffer overrun; a buffer of
 * PPP_PACKET_MAX always holds one). */
#define PPP_PACKET_MAX 4096

size_t ppp_output(struct ppp *p, uint8_t *buf, size_t cap);
/* Bytes waiting in the output queue. */
size_t ppp_output_pending(const struct ppp *p);
/* Takes the next event; false when none is queued. */
bool ppp_poll_event(struct ppp *p, struct ppp_event *ev);

/* Data path. Returns 0, or a RAS error (ERROR_PORT_NOT_CONNECTED 606 before
 * IPCP is up, ERROR_BUFFER_TOO_SMALL 603 when the output queue is full). */
uint32_t ppp_send_ip(struct ppp *p, const uint8_t *pkt, size_t n);
/* Next received IPv4 or IPv6 packet: returns its length (0 = none);
 * a packet larger than cap is dropped and counted as a buffer overrun. */
size_t ppp_recv_ip(struct ppp *p, uint8_t *buf, size_t cap);

enum ppp_phase ppp_phase(const struct ppp *p);
void ppp_get_projection(const struct ppp *p, struct ppp_projection *out);
void ppp_get_stats(const struct ppp *p, struct ppp_stats *out);
void ppp_clear_stats(struct ppp *p);
/* sizeof(struct ppp): what one link costs. */
size_t ppp_link_size(void);

#endif
