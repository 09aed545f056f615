/* The authentication phase (PAP, CHAP-MD5, MS-CHAPv2), both sides, as the
 * engine (ppp.c) drives it. Pure like the rest of the engine: packets in
 * through auth_input, packets out through cb.send, the outcome through
 * cb.done, time through now_ms. The state is embedded by value in the
 * link (no allocation). */
#ifndef RAS_PPP_AUTH_H
#define RAS_PPP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ppp/ppp.h"

#define PPP_PROTO_PAP  0xc023
#define PPP_PROTO_CHAP 0xc223
#define CHAP_ALG_MD5      5
#define CHAP_ALG_MSCHAPV2 0x81

#define AUTH_MAX_NAME   256   /* user names and host names, bytes incl. NUL */
#define AUTH_MAX_SECRET 257

struct auth_callbacks {
    void *ctx;
    /* Send one packet: proto is PPP_PROTO_PAP or PPP_PROTO_CHAP, pkt starts
     * at the Code field. */
    void (*send)(void *ctx, uint16_t proto, const uint8_t *pkt, size_t len);
    /* One direction finished: ok, or the RAS error (691 wrong credentials,
     * 718 PPP_TIMEOUT, 722 invalid packet, 648/647/646/649 from MS-CHAP
     * failure codes, ...). Called exactly once per auth_start. */
    void (*done)(void *ctx, bool server_side, bool ok, uint32_t error);
};

/* The longest packet kept for retransmission: an MS-CHAPv2 Response with a
 * 255-byte name (4 + 1 + 49 + 255). PAP requests carry the password and are
 * rebuilt from the config instead of being kept. */
#define AUTH_PKT_MAX 312

struct auth_side {
    /* Owned by auth.c; opaque to the engine. Fixed size, no pointers to
     * heap memory. Wiped whole by auth_reset. */
    uint32_t method;             /* one PPP_AUTH_* bit, 0 = idle */
    int state;                   /* enum auth_state (auth_local.h) */
    uint8_t id;                  /* Identifier of our last request/response */
    bool reported;               /* cb.done called */
    uint8_t challenge[16];       /* the authenticator's challenge */
    uint8_t peer_challenge[16];  /* MS-CHAPv2 client: ours */
    uint8_t auth_response[20];   /* MS-CHAPv2 client: the S= we expect */
    uint32_t tries;              /* transmissions of the current packet */
    uint64_t deadline;           /* next timer: retransmission or give-up, 0 = none */
    uint64_t phase_end;          /* auth_timeout_ms after start: the last word */
    uint8_t last_pkt[AUTH_PKT_MAX]; /* for retransmission or a repeated verdict */
    uint16_t last_len;
    uint16_t last_proto;
};

struct auth {
    const struct ppp_config *cfg; /* the link's copy; not owned */
    struct auth_callbacks cb;
    struct auth_side client;     /* we prove who we are to the peer */
    struct auth_side server;     /* we check the peer */
    uint32_t restart_ms, max_tries;
    uint32_t generation;         /* bumped by auth_reset: a callback reset us */
};

void auth_init(struct auth *a, const struct ppp_config *cfg, const struct auth_callbacks *cb);
/* LCP is up: authenticate ourselves with client_method (the protocol the peer
 * asked for in LCP, 0 = none) and demand server_method from the peer (0 =
 * none). With both 0, done is not called; the engine goes straight on. */
void auth_start(struct auth *a, uint32_t client_method, uint32_t server_method, uint64_t now_ms);
/* A PAP or CHAP packet arrived (pkt at the Code field, len from the frame). */
void auth_input(struct auth *a, uint16_t proto, const uint8_t *pkt, size_t len, uint64_t now_ms);
void auth_timer(struct auth *a, uint64_t now_ms);
uint64_t auth_next_deadline(const struct auth *a);   /* 0 = none */
/* Stop everything (link going down); wipes challenges and responses. */
void auth_reset(struct auth *a);

#endif
