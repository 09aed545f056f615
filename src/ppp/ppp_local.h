/* The engine's insides, shared by fsm.c, option.c, lcp.c, ipcp.c, ipv6cp.c and ppp.c:
 * the RFC 1661 automaton, the per-protocol option state, and struct ppp
 * itself (one allocation per link, every buffer and queue by value). */
#ifndef RAS_PPP_PPP_LOCAL_H
#define RAS_PPP_PPP_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/be.h"
#include "ppp/auth.h"
#include "ppp/hdlc.h"
#include "ppp/ppp.h"
#include "ppp/random.h"

#define PPP_PROTO_IP     0x0021
#define PPP_PROTO_IPV6   0x0057
#define PPP_PROTO_IPCP   0x8021
#define PPP_PROTO_IPV6CP 0x8057
#define PPP_PROTO_LCP    0xc021
#define PPP_PROTO_LEN    2      /* the Protocol field, uncompressed */

/* RFC 1662 7.1: every control character escaped, the map until LCP opens. */
#define ACCM_ALL 0xffffffffu

/* The RAS error numbers the engine reports (raserror.h names, same values;
 * kept here so the pure engine does not depend on the public header). */
enum {
    PPP_ERR_NOMEM = 8,                 /* ERROR_NOT_ENOUGH_MEMORY */
    PPP_ERR_INVALID_PARAMETER = 87,    /* ERROR_INVALID_PARAMETER */
    PPP_ERR_BUFFER_TOO_SMALL = 603,    /* ERROR_BUFFER_TOO_SMALL */
    PPP_ERR_PORT_NOT_CONNECTED = 606,  /* ERROR_PORT_NOT_CONNECTED */
    PPP_ERR_AUTH_FAILURE = 691,        /* ERROR_AUTHENTICATION_FAILURE */
    PPP_ERR_TIMEOUT = 718,             /* ERROR_PPP_TIMEOUT */
    PPP_ERR_REMOTE_TERMINATED = 719,   /* ERROR_PPP_REMOTE_TERMINATED */
    PPP_ERR_NO_PROTOCOLS = 720,        /* ERROR_PPP_NO_PROTOCOLS_CONFIGURED */
    PPP_ERR_NO_RESPONSE = 721,         /* ERROR_PPP_NO_RESPONSE */
    PPP_ERR_INVALID_PACKET = 722,      /* ERROR_PPP_INVALID_PACKET */
    PPP_ERR_NOT_CONVERGING = 732,      /* ERROR_PPP_NOT_CONVERGING */
    PPP_ERR_CP_REJECTED = 733,         /* ERROR_PPP_CP_REJECTED */
    PPP_ERR_LCP_TERMINATED = 734,      /* ERROR_PPP_LCP_TERMINATED */
    PPP_ERR_ADDRESS_REJECTED = 735,    /* ERROR_PPP_REQUIRED_ADDRESS_REJECTED */
    PPP_ERR_NCP_TERMINATED = 736,      /* ERROR_PPP_NCP_TERMINATED */
    PPP_ERR_LOOPBACK = 737,            /* ERROR_PPP_LOOPBACK_DETECTED */
    PPP_ERR_NO_ADDRESS = 738,          /* ERROR_PPP_NO_ADDRESS_ASSIGNED */
};

/* RFC 1661 5: packet codes. */
enum {
    CP_CONF_REQ = 1, CP_CONF_ACK, CP_CONF_NAK, CP_CONF_REJ, CP_TERM_REQ, CP_TERM_ACK,
    CP_CODE_REJ, CP_PROTO_REJ, CP_ECHO_REQ, CP_ECHO_REP, CP_DISCARD_REQ,
    CP_IDENTIFICATION, CP_TIME_REMAINING,
};

/* RFC 1661 4.2: the ten states, numbered as in the transition table. */
enum fsm_state {
    FSM_INITIAL, FSM_STARTING, FSM_CLOSED, FSM_STOPPED, FSM_CLOSING, FSM_STOPPING,
    FSM_REQSENT, FSM_ACKRCVD, FSM_ACKSENT, FSM_OPENED,
};

/* RFC 1661 4.3: the events. */
enum fsm_event {
    FSM_UP, FSM_DOWN, FSM_OPEN, FSM_CLOSE, FSM_TO_PLUS, FSM_TO_MINUS, FSM_RCR_PLUS,
    FSM_RCR_MINUS, FSM_RCA, FSM_RCN, FSM_RTR, FSM_RTA, FSM_RUC, FSM_RXJ_PLUS,
    FSM_RXJ_MINUS, FSM_RXR,
};

/* Largest control packet we build or answer (a ConfReq fits easily). */
#define FSM_PKT_MAX 1500
/* RFC 1661 5: Code, Identifier, Length. */
#define CP_HDR_LEN 4
/* Our longest Configure-Request (LCP's: MRU, ACCM, CHAP, magic, PFC, ACFC
 * = 25 bytes), kept until the peer answers it. */
#define FSM_REQ_MAX 32

struct fsm;

/* Builds an option list, never past its end (an option that does not fit
 * is left out). */
struct opt_buf {
    uint8_t *b;
    size_t cap, len;
};

/* The reply to a peer's Configure-Request being built (RFC 1661 5.2-5.4):
 * the options we reject, our suggestions for those we Nak, and whether
 * Naks must become Rejects (Max-Failure reached, RFC 1661 4.6). */
struct opt_reply {
    struct opt_buf rej, nak;
    bool reject_only;
};

/* What a protocol plugs into the automaton: its constants, and hooks that
 * see one option at a time (the option lists are walked and checked in
 * option.c). Every length inside an option is the hook's to check. */
struct fsm_ops {
    uint16_t proto;             /* PPP_PROTO_* */
    /* Error a peer's Terminate-Request records (0: ERROR_PPP_REMOTE_TERMINATED). */
    uint32_t term_error;
    /* Codes past Code-Reject (a bit each) the automaton needs: a Code-Reject
     * of one is fatal, as of codes 1-7 (RFC 1661 5.6). */
    uint32_t needed_codes;
    /* A Terminate-Request before Opened ends the negotiation (the peer
     * refused us, say) instead of RFC 1661's restart. */
    bool stop_on_term_req;
    /* Before the first ConfReq of a negotiation: back to our wishes. */
    void (*reset)(struct fsm *f);
    /* Our ConfReq's options. */
    void (*build_req)(struct fsm *f, struct opt_buf *o);
    /* The peer's ConfReq: returns CP_CONF_ACK, CP_CONF_NAK or CP_CONF_REJ
     * and writes the reply's options (see opt_judge_req), or 0 to drop the
     * packet silently (e.g. loop-back detected). */
    int (*recv_req)(struct fsm *f, const uint8_t *opt, size_t len, uint8_t *out,
                    size_t *out_len, bool reject_only);
    /* The peer acked our last ConfReq (checked to match it, RFC 1661 5.2).
     * NULL = nothing to note. */
    void (*acked)(struct fsm *f);
    /* One option of a Nak or Reject of our ConfReq; false = stop and drop
     * the packet (the hook gave up negotiating). */
    bool (*nak_opt)(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen);
    bool (*rej_opt)(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen);
    void (*up)(struct fsm *f);        /* This-Layer-Up */
    void (*down)(struct fsm *f);      /* This-Layer-Down */
    void (*started)(struct fsm *f);   /* This-Layer-Started; NULL = nothing */
    void (*finished)(struct fsm *f);  /* This-Layer-Finished */
    /* Entering Closing or Stopping (Terminate under way); NULL = nothing. */
    void (*terminating)(struct fsm *f);
    /* An error is recorded on the layer (every one, not just the first);
     * NULL = it stays the layer's. */
    void (*error)(struct fsm *f, uint32_t err);
    /* Codes beyond 7 (LCP: Protocol-Reject, Echo, Discard, ...); false =
     * unknown code, the automaton sends a Code-Reject. NULL = none. */
    bool (*extcode)(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len);
};

struct fsm {
    struct ppp *ppp;
    const struct fsm_ops *ops;
    uint8_t state;
    uint8_t id;                 /* identifier of our next packet */
    uint8_t req_id;             /* identifier of our outstanding ConfReq */
    uint8_t term_id;            /* of our outstanding TermReq */
    uint32_t restart_count;
    uint32_t naks_sent;         /* Naks in a row: Max-Failure */
    uint32_t naks_rcvd;         /* Naks/Rejects received since Open: our bound */
    uint32_t reqs_rcvd;         /* ConfReqs received without converging */
    uint32_t reqs_sent;         /* ConfReqs sent in this negotiation */
    uint32_t ups;               /* times Opened this link: renegotiation bound */
    uint64_t deadline;          /* restart timer, 0 = stopped */
    uint32_t error;             /* first error of this layer */
    uint8_t req_len;            /* our outstanding ConfReq's options ... */
    bool req_outdated;          /* ... which no longer say what we want */
    /* Our first ConfReq of a negotiation may have gone before the peer
     * listened: resend it when the peer's first ConfReq comes with no
     * answer to ours (see rcr_event). Set for LCP on a packet link. */
    bool resend_on_first_req;
    bool resend_armed;          /* nothing heard from the peer yet */
    uint8_t req[FSM_REQ_MAX];   /* ... the options themselves */
};

void fsm_init(struct fsm *f, struct ppp *p, const struct fsm_ops *ops);
void fsm_event(struct fsm *f, enum fsm_event ev);
/* A packet of this protocol (starting at the Code field). */
void fsm_input(struct fsm *f, const uint8_t *pkt, size_t len);
void fsm_timer(struct fsm *f, uint64_t now_ms);
/* Record the layer's first error. */
void fsm_set_error(struct fsm *f, uint32_t err);
/* Send a control packet of this protocol. */
void fsm_send(struct fsm *f, uint8_t code, uint8_t id, const uint8_t *data, size_t len);
/* Give up negotiating: close with an error (first one wins). */
void fsm_fail(struct fsm *f, uint32_t err);
/* The layer below is gone (RFC 1661 4.3 Down, then Close): straight to
 * Initial, This-Layer-Finished unless it was already Closed or Closing. */
void fsm_lower_down(struct fsm *f);
/* What we want changed after our ConfReq went out: an Ack of it is stale. */
void fsm_req_outdated(struct fsm *f);
const char *fsm_state_name(int s);

/* LCP option state. */
struct lcp_opts {
    uint16_t mru;
    uint32_t accm;
    uint16_t auth_proto;        /* 0, 0xc023 or 0xc223 */
    uint8_t auth_alg;           /* CHAP algorithm */
    uint32_t magic;
    bool pfc, acfc;
    bool neg_mru, neg_accm, neg_auth, neg_magic, neg_pfc, neg_acfc;
};

struct lcp {
    struct fsm fsm;
    struct lcp_opts want;       /* what we ask for */
    struct lcp_opts got;        /* what the peer acked of ours */
    struct lcp_opts his;        /* what we acked of the peer's */
    uint32_t auth_allowed;      /* client: methods we accept; server: still to try */
    uint32_t magic_collisions;
    uint32_t auth_naks;         /* client: Naks of a forbidden method */
    uint64_t echo_deadline;
    uint32_t echo_misses;
    bool rx_since_echo;         /* anything arrived since the last echo tick */
    uint8_t echo_id;
};

struct ipcp {
    struct fsm fsm;
    uint32_t want_addr, want_dns1, want_dns2;
    bool neg_addr, neg_dns1, neg_dns2;
    bool addr_hint;             /* client: want_addr is cfg.hint_ip, not yet agreed */
    uint32_t his_addr;
    uint32_t naks_addr;         /* server: times we Nak'd the peer's address */
};

struct ipv6cp {
    struct fsm fsm;
    uint64_t want_ifid, his_ifid;
    bool neg_ifid;
};

/* Output queue and received-IP queue: fixed rings, ceilings set at creation. */
#define PPP_OUTQ_SIZE 16384
#define PPP_RXQ_SIZE (2 * PPP_INPUT_CHUNK)
#define PPP_EVQ_SIZE 32

struct ppp_ring {
    uint8_t buf[PPP_OUTQ_SIZE];
    size_t head, len;
};

/* A queued event, half the size of the struct ppp_event it becomes when
 * taken: arg is its auth_method (AUTH_START) or error (DOWN). */
struct ppp_ev_rec {
    uint8_t type, phase;
    uint32_t arg;
};

struct ppp_rxq {
    uint8_t buf[PPP_RXQ_SIZE];  /* records: 2-byte length + packet */
    size_t head, len;
};

struct ppp {
    struct ppp_config cfg;      /* strings point into the copies below */
    char user[AUTH_MAX_NAME];
    char password[AUTH_MAX_SECRET];
    char hostname[AUTH_MAX_NAME];
    enum ppp_phase phase;
    uint64_t now;
    uint32_t error;             /* first error recorded on the link */
    bool started, down_reported, closing, network_up;
    bool auth_client_done, auth_server_done;
    struct lcp lcp;
    struct ipcp ipcp;
    struct ipv6cp ipv6cp;
    struct auth auth;
    struct hdlc_decoder dec;
    struct ppp_projection proj;
    struct ppp_stats stats;
    uint32_t timeout_err;
    uint64_t auth_deadline;     /* the whole authentication phase */
    struct ppp_ev_rec events[PPP_EVQ_SIZE];
    unsigned ev_head, ev_len;
    struct ppp_ring out;
    struct ppp_rxq rxq;
};

/* ppp.c services for the protocol files. */
void ppp_send_frame(struct ppp *p, uint16_t proto, const uint8_t *data, size_t len);
void ppp_record_error(struct ppp *p, uint32_t err);
void ppp_event_push(struct ppp *p, enum ppp_event_type t, uint32_t arg);
void ppp_lcp_up(struct ppp *p);
void ppp_lcp_down(struct ppp *p);
void ppp_lcp_terminating(struct ppp *p);
void ppp_lcp_finished(struct ppp *p);
void ppp_ncp_up(struct ppp *p);
void ppp_ncp_finished(struct ppp *p);
void ppp_proto_reject(struct ppp *p, uint16_t proto);

/* lcp.c */
/* Each sets up its part of p (see the protocol table in ppp.c). */
void lcp_init(struct ppp *p);
void lcp_echo_timer(struct lcp *l, uint64_t now_ms);
void lcp_echo_start(struct lcp *l, uint64_t now_ms);
void lcp_send_proto_rej(struct lcp *l, const uint8_t *frame_proto_and_info, size_t len);
/* ipcp.c / ipv6cp.c */
void ipcp_init(struct ppp *p);
void ipv6cp_init(struct ppp *p);

/* Big-endian helpers for option parsers: get16 ... put32 in common/be.h. */
static inline uint64_t get64(const uint8_t *b) { return (uint64_t)get32(b) << 32 | get32(b + 4); }
static inline void put64(uint8_t *b, uint64_t v) { put32(b, (uint32_t)(v >> 32)); put32(b + 4, (uint32_t)v); }

/* option.c: option lists (RFC 1661 6: type, length, value). */
enum { OPT_LEN0 = 2, OPT_LEN16 = 4, OPT_LEN32 = 6, OPT_LEN64 = 10 };
void opt_add(struct opt_buf *o, const uint8_t *opt, size_t n);
void opt_add0(struct opt_buf *o, uint8_t type);
void opt_add16(struct opt_buf *o, uint8_t type, uint16_t v);
void opt_add32(struct opt_buf *o, uint8_t type, uint32_t v);
void opt_add64(struct opt_buf *o, uint8_t type, uint64_t v);
/* One option of the peer's ConfReq: CP_CONF_ACK, CP_CONF_NAK (with our
 * suggestion added to r->nak) or CP_CONF_REJ; 0 drops the whole packet.
 * his: where the protocol gathers what it will accept. */
typedef int (*opt_judge_fn)(struct fsm *f, void *his, uint8_t type, const uint8_t *opt,
                            uint8_t olen, struct opt_reply *r);
/* Judges a ConfReq's options once each (a repeated option is rejected,
 * pppd #611) and writes the reply (out: FSM_PKT_MAX bytes): the rejected
 * options if any, else the suggestions if any, else nothing (Ack). Returns
 * the reply's code, or 0: a malformed list or a judge said drop. */
int opt_judge_req(struct fsm *f, const uint8_t *opts, size_t len, uint8_t *out, size_t *out_len,
                  bool reject_only, opt_judge_fn judge, void *his);
/* Calls each for every option of a Nak or Reject; false if the list is
 * malformed (RFC 1661 5: discarded) or each said stop. */
bool opt_walk(struct fsm *f, const uint8_t *opts, size_t len,
              bool (*each)(struct fsm *f, uint8_t type, const uint8_t *opt, uint8_t olen));

#endif
