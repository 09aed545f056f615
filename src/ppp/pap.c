/* PAP (RFC 1334 section 2), both sides. The client's Authenticate-Request
 * carries the password in clear, so it is rebuilt on the stack for every
 * transmission and wiped, never kept in struct auth. */
#include "ppp/auth_local.h"

#include <string.h>

#include "common/alloc.h"

static const char pap_ack_msg[] = "Access granted";
static const char pap_nak_msg[] = "Authentication failure";

void
pap_client_start(struct auth *a, uint64_t now_ms)
{
    struct auth_side *s = &a->client;
    /* Peer-ID and Passwd-Length are one octet each. */
    if (strlen(auth_user(a)) > AUTH_FIELD_MAX || strlen(auth_password(a)) > AUTH_FIELD_MAX) {
        auth_finish(a, s, false, AUTH_ERR_FAILURE);
        return;
    }
    random_bytes(a->cfg, &s->id, 1);
    pap_client_send(a, now_ms);
}

void
pap_client_send(struct auth *a, uint64_t now_ms)
{
    struct auth_side *s = &a->client;
    const char *user = auth_user(a), *pw = auth_password(a);
    size_t ulen = strlen(user), plen = strlen(pw);
    uint8_t pkt[AUTH_HDR_LEN + 2 + 2 * AUTH_FIELD_MAX];
    size_t n = AUTH_HDR_LEN + 2 + ulen + plen;
    /* RFC 1334 2.2.1: a new Identifier for every Authenticate-Request. */
    s->id++;
    auth_put_hdr(pkt, PAP_REQ, s->id, n);
    pkt[AUTH_HDR_LEN] = (uint8_t)ulen;
    memcpy(pkt + AUTH_FIELD_OFF, user, ulen);
    pkt[AUTH_FIELD_OFF + ulen] = (uint8_t)plen;
    memcpy(pkt + AUTH_FIELD_OFF + ulen + 1, pw, plen);
    s->state = AUTH_PAP_REQ_SENT;
    s->tries++;
    auth_arm(a, s, now_ms);
    auth_send(a, s, PPP_PROTO_PAP, pkt, n, false);
    ras_wipe(pkt, sizeof(pkt));
}

void
pap_server_start(struct auth *a, uint64_t now_ms)
{
    a->server.state = AUTH_PAP_LISTEN;
    auth_arm_wait(a, &a->server, now_ms);
}

static void
pap_reply(struct auth *a, uint8_t code, uint8_t id)
{
    const char *msg = code == PAP_ACK ? pap_ack_msg : pap_nak_msg;
    size_t mlen = strlen(msg);
    uint8_t pkt[AUTH_HDR_LEN + 1 + sizeof(pap_nak_msg)];
    size_t n = AUTH_HDR_LEN + 1 + mlen;
    auth_put_hdr(pkt, code, id, n);
    pkt[AUTH_HDR_LEN] = (uint8_t)mlen;
    memcpy(pkt + AUTH_FIELD_OFF, msg, mlen);
    auth_send(a, &a->server, PPP_PROTO_PAP, pkt, n, true);
}

static void
pap_server_request(struct auth *a, uint8_t id, const uint8_t *pkt, size_t len)
{
    struct auth_side *s = &a->server;
    if (s->method != PPP_AUTH_PAP)
        return;
    /* Peer-ID Length, Peer-ID, Passwd-Length, Password: each length is
     * checked against what the Length field covers before it is used. */
    if (len < AUTH_HDR_LEN + 2)
        return;
    size_t ulen = pkt[AUTH_HDR_LEN];
    if (AUTH_HDR_LEN + 1 + ulen + 1 > len)
        return;
    size_t plen = pkt[AUTH_FIELD_OFF + ulen];
    if (AUTH_HDR_LEN + 2 + ulen + plen > len)
        return;
    if (s->state == AUTH_OK || s->state == AUTH_FAILED) {
        /* Our verdict was lost and the peer asks again (with a new
         * Identifier): repeat it, do not judge twice. */
        pap_reply(a, s->state == AUTH_OK ? PAP_ACK : PAP_NAK, id);
        return;
    }
    if (s->state != AUTH_PAP_LISTEN)
        return;
    const uint8_t *user = pkt + AUTH_FIELD_OFF, *pw = pkt + AUTH_FIELD_OFF + ulen + 1;
    char secret[AUTH_MAX_SECRET];
    size_t slen = 0;
    bool ok = auth_lookup(a, user, ulen, secret, &slen);
    ok = ok && slen == plen && auth_equal((const uint8_t *)secret, pw, plen);
    ras_wipe(secret, sizeof(secret));
    s->id = id;
    pap_reply(a, ok ? PAP_ACK : PAP_NAK, id);
    auth_finish(a, s, ok, AUTH_ERR_FAILURE);
}

static void
pap_client_verdict(struct auth *a, uint8_t code, uint8_t id, const uint8_t *pkt, size_t len)
{
    struct auth_side *s = &a->client;
    if (s->method != PPP_AUTH_PAP || s->state != AUTH_PAP_REQ_SENT || id != s->id)
        return;
    /* RFC 1334 2.2.2: Msg-Length and Message. A missing Msg-Length is
     * tolerated (as pppd does); one that overruns the packet is not. */
    if (len > AUTH_HDR_LEN && AUTH_FIELD_OFF + (size_t)pkt[AUTH_HDR_LEN] > len)
        return;
    if (code == PAP_ACK)
        auth_finish(a, s, true, 0);
    else
        auth_finish(a, s, false, AUTH_ERR_FAILURE);
}

void
pap_input(struct auth *a, const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    uint8_t code, id;
    size_t plen;
    (void)now_ms;
    if (!auth_parse_hdr(pkt, len, &code, &id, &plen))
        return;
    switch (code) {
    case PAP_REQ:
        pap_server_request(a, id, pkt, plen);
        return;
    case PAP_ACK:
    case PAP_NAK:
        pap_client_verdict(a, code, id, pkt, plen);
        return;
    default:
        /* PAP has no Code-Reject: unknown codes are dropped. */
        return;
    }
}
