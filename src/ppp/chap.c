/* CHAP (RFC 1994) with MD5 and with MS-CHAPv2 (RFC 2759), both sides. The
 * crypto of MS-CHAPv2 is in mschap.c; this file is the packet exchange:
 * Challenge, Response, Success/Failure, their identifiers and lengths. */
#include "ppp/auth_local.h"

#include <string.h>

#include <nettle/md5.h>

#include "common/alloc.h"
#include "ppp/mschap.h"

#define CHAP_CHALLENGE_LEN 16
/* RFC 2759 4: a Response's Value is the Peer-Challenge, 8 reserved zero
 * octets, the NT-Response and a Flags octet (zero). */
#define MSCHAP_PEER_CHALLENGE_LEN 16
#define MSCHAP_RESERVED_LEN 8
#define MSCHAP_NT_OFF (MSCHAP_PEER_CHALLENGE_LEN + MSCHAP_RESERVED_LEN)
#define MSCHAP_FLAGS_OFF (MSCHAP_NT_OFF + MSCHAP_NT_RESPONSE_LEN)
#define MSCHAP_FAILURE_HEAD "E=691 R=0 C="
#define MSCHAP_SUCCESS_MSG " M=Access granted"
#define MSCHAP_FAILURE_MSG " V=3 M=Authentication failure"

void
chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
                  const uint8_t *challenge, size_t challenge_len, uint8_t out[16])
{
    struct md5_ctx ctx;
    md5_init(&ctx);
    md5_update(&ctx, 1, &id);
    md5_update(&ctx, secret_len, secret);
    md5_update(&ctx, challenge_len, challenge);
    md5_digest(&ctx, MD5_DIGEST_SIZE, out);
    ras_wipe(&ctx, sizeof(ctx));
}

/* --- client: we answer the peer's challenges --- */

void
chap_client_start(struct auth *a, uint64_t now_ms)
{
    struct auth_side *s = &a->client;
    const char *pw = auth_password(a);
    uint8_t probe[16];
    /* The Name field is at most what a packet we keep can hold; a password
     * MS-CHAPv2 cannot encode fails now rather than after a challenge. */
    bool ok = strlen(auth_user(a)) <= AUTH_FIELD_MAX;
    if (ok && s->method == PPP_AUTH_MSCHAPV2)
        ok = mschap_nt_password_hash(pw, strlen(pw), probe);
    ras_wipe(probe, sizeof(probe));
    if (!ok) {
        auth_finish(a, s, false, AUTH_ERR_FAILURE);
        return;
    }
    s->state = AUTH_CHAP_LISTEN;
    auth_arm_wait(a, s, now_ms);
}

/* Builds and sends the Response to (id, challenge); false if the password
 * cannot be used (then nothing was sent). */
static bool
chap_respond(struct auth *a, uint8_t id, const uint8_t *chal, size_t clen)
{
    struct auth_side *s = &a->client;
    const char *user = auth_user(a), *pw = auth_password(a);
    size_t ulen = strlen(user), pwlen = strlen(pw);
    uint8_t pkt[AUTH_PKT_MAX];
    size_t n;
    if (s->method == PPP_AUTH_CHAP_MD5) {
        n = AUTH_HDR_LEN + 1 + CHAP_MD5_LEN + ulen;
        pkt[AUTH_HDR_LEN] = CHAP_MD5_LEN;
        chap_md5_response(id, (const uint8_t *)pw, pwlen, chal, clen, pkt + AUTH_FIELD_OFF);
    } else {
        uint8_t *v = pkt + AUTH_FIELD_OFF;
        n = AUTH_HDR_LEN + 1 + MSCHAP_RESPONSE_LEN + ulen;
        pkt[AUTH_HDR_LEN] = MSCHAP_RESPONSE_LEN;
        memcpy(s->challenge, chal, MSCHAP_CHALLENGE_LEN);
        random_bytes(a->cfg, s->peer_challenge, MSCHAP_PEER_CHALLENGE_LEN);
        memcpy(v, s->peer_challenge, MSCHAP_PEER_CHALLENGE_LEN);
        memset(v + MSCHAP_PEER_CHALLENGE_LEN, 0, MSCHAP_RESERVED_LEN);
        v[MSCHAP_FLAGS_OFF] = 0;
        if (!mschap_nt_response(s->challenge, s->peer_challenge, (const uint8_t *)user, ulen,
                                pw, pwlen, v + MSCHAP_NT_OFF) ||
            !mschap_authenticator_response(pw, pwlen, v + MSCHAP_NT_OFF, s->peer_challenge, s->challenge,
                                           (const uint8_t *)user, ulen, s->auth_response)) {
            ras_wipe(pkt, sizeof(pkt));
            return false;
        }
    }
    memcpy(pkt + n - ulen, user, ulen);
    auth_put_hdr(pkt, CHAP_RESPONSE, id, n);
    s->id = id;
    auth_send(a, s, PPP_PROTO_CHAP, pkt, n, s->state != AUTH_OK);
    ras_wipe(pkt, sizeof(pkt));
    return true;
}

static void
chap_client_challenge(struct auth *a, uint8_t id, const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    struct auth_side *s = &a->client;
    if (s->state != AUTH_CHAP_LISTEN && s->state != AUTH_CHAP_RESP_SENT && s->state != AUTH_OK)
        return;
    /* Value-Size, Value, Name: the value must fit inside Length. */
    if (len < AUTH_HDR_LEN + 1)
        return;
    size_t vlen = pkt[AUTH_HDR_LEN];
    if (vlen == 0 || AUTH_HDR_LEN + 1 + vlen > len)
        return;
    if (s->method == PPP_AUTH_MSCHAPV2 && vlen != MSCHAP_CHALLENGE_LEN)
        return;
    const uint8_t *chal = pkt + AUTH_FIELD_OFF;
    if (s->state == AUTH_CHAP_RESP_SENT && id == s->id && s->method == PPP_AUTH_MSCHAPV2 &&
        memcmp(chal, s->challenge, MSCHAP_CHALLENGE_LEN) == 0) {
        /* The same challenge again: our Response was lost or is late. A new
         * Peer-Challenge would change the S= the server may already have
         * computed, so repeat the Response we sent. */
        auth_resend(a, s);
        return;
    }
    if (!chap_respond(a, id, chal, vlen)) {
        auth_finish(a, s, false, AUTH_ERR_FAILURE);
        return;
    }
    /* Answering a re-challenge after success (RFC 1994 2.3) changes nothing
     * of the outcome already reported. */
    if (s->state != AUTH_OK) {
        s->state = AUTH_CHAP_RESP_SENT;
        s->tries = 1;
        auth_arm(a, s, now_ms);
    }
}

/* RFC 2759 6: "E=eeeeeeeeee R=r C=... V=vvvvvvvvvv M=...". The E= value is a
 * Windows error number; those a RAS client can meet are passed up as they
 * are, anything else (or nothing parsable) is a plain 691. */
static uint32_t
mschap_failure_code(const uint8_t *msg, size_t len)
{
    uint32_t e = 0;
    size_t i = 2, digits = 0;
    if (len < 3 || msg[0] != 'E' || msg[1] != '=')
        return AUTH_ERR_FAILURE;
    while (i < len && msg[i] >= '0' && msg[i] <= '9' && digits < 10) {
        e = e * 10 + (uint32_t)(msg[i] - '0');
        i++, digits++;
    }
    switch (e) {
    case AUTH_ERR_RESTRICTED_LOGON_HOURS:
    case AUTH_ERR_ACCT_DISABLED:
    case AUTH_ERR_PASSWD_EXPIRED:
    case AUTH_ERR_NO_DIALIN_PERMISSION:
    case AUTH_ERR_CHANGING_PASSWORD:
        return e;
    default:
        return AUTH_ERR_FAILURE;
    }
}

/* RFC 2759 5: the Success message starts "S=" and 40 hex digits, the
 * authenticator response that proves the server knows the password. What
 * follows (" M=text", or "M=text" without the space as Windows Server 2019
 * sends it, pppd issue #156) is only a message and is not parsed. */
static bool
mschap_success_valid(const struct auth_side *s, const uint8_t *msg, size_t len)
{
    uint8_t got[MSCHAP_AUTH_RESPONSE_LEN];
    if (len < 2 + 2 * MSCHAP_AUTH_RESPONSE_LEN || msg[0] != 'S' || msg[1] != '=')
        return false;
    if (!mschap_unhex((const char *)msg + 2, MSCHAP_AUTH_RESPONSE_LEN, got))
        return false;
    return auth_equal(got, s->auth_response, sizeof(got));
}

static void
chap_client_verdict(struct auth *a, uint8_t code, uint8_t id, const uint8_t *pkt, size_t len)
{
    struct auth_side *s = &a->client;
    /* RFC 1994 4.2: a verdict for another Identifier is silently discarded. */
    if (s->state != AUTH_CHAP_RESP_SENT || id != s->id)
        return;
    const uint8_t *msg = pkt + AUTH_HDR_LEN;
    size_t mlen = len - AUTH_HDR_LEN;
    if (s->method == PPP_AUTH_CHAP_MD5) {
        auth_finish(a, s, code == CHAP_SUCCESS, AUTH_ERR_FAILURE);
        return;
    }
    if (code == CHAP_FAILURE) {
        auth_finish(a, s, false, mschap_failure_code(msg, mlen));
        return;
    }
    /* RFC 2759 5: a server that cannot prove it knows the password must not
     * be trusted; Windows reports exactly this case with 778. */
    if (mschap_success_valid(s, msg, mlen))
        auth_finish(a, s, true, 0);
    else
        auth_finish(a, s, false, AUTH_ERR_SERVER_UNVERIFIED);
}

/* --- server: we challenge the peer --- */

void
chap_server_start(struct auth *a, uint64_t now_ms)
{
    struct auth_side *s = &a->server;
    const char *name = auth_hostname(a);
    size_t nlen = strlen(name);
    uint8_t pkt[AUTH_PKT_MAX];
    if (nlen > AUTH_FIELD_MAX)
        nlen = AUTH_FIELD_MAX;
    random_bytes(a->cfg, &s->id, 1);
    random_bytes(a->cfg, s->challenge, CHAP_CHALLENGE_LEN);
    size_t n = AUTH_HDR_LEN + 1 + CHAP_CHALLENGE_LEN + nlen;
    auth_put_hdr(pkt, CHAP_CHALLENGE, s->id, n);
    pkt[AUTH_HDR_LEN] = CHAP_CHALLENGE_LEN;
    memcpy(pkt + AUTH_FIELD_OFF, s->challenge, CHAP_CHALLENGE_LEN);
    memcpy(pkt + AUTH_FIELD_OFF + CHAP_CHALLENGE_LEN, name, nlen);
    s->state = AUTH_CHAL_SENT;
    s->tries = 1;
    auth_arm(a, s, now_ms);
    auth_send(a, s, PPP_PROTO_CHAP, pkt, n, true);
}

void
chap_server_resend(struct auth *a, uint64_t now_ms)
{
    struct auth_side *s = &a->server;
    /* RFC 1994 4.1: the Identifier changes with every Challenge sent; the
     * value stays, so a Response to it is still checked the same way. */
    s->id++;
    s->last_pkt[1] = s->id;
    s->tries++;
    auth_arm(a, s, now_ms);
    auth_resend(a, s);
}

/* Sends the verdict for the current Identifier and keeps it: a repeated
 * Response gets it again (RFC 1994 4.2). ar: MS-CHAPv2's authenticator
 * response for a Success, NULL otherwise. */
static void
chap_server_send_verdict(struct auth *a, bool ok, const uint8_t *ar)
{
    struct auth_side *s = &a->server;
    uint8_t pkt[AUTH_HDR_LEN + 2 + 2 * 20 + 64];
    char *m = (char *)pkt + AUTH_HDR_LEN;
    size_t mlen = 0;
    if (s->method == PPP_AUTH_MSCHAPV2 && ok) {
        memcpy(m, "S=", 2);
        mschap_hex(ar, MSCHAP_AUTH_RESPONSE_LEN, m + 2);
        mlen = 2 + 2 * MSCHAP_AUTH_RESPONSE_LEN;
        memcpy(m + mlen, MSCHAP_SUCCESS_MSG, sizeof(MSCHAP_SUCCESS_MSG) - 1);
        mlen += sizeof(MSCHAP_SUCCESS_MSG) - 1;
    } else if (s->method == PPP_AUTH_MSCHAPV2) {
        /* RFC 2759 6; R=0: we do not offer a retry, C= is a fresh
         * challenge as the format requires. */
        uint8_t c[MSCHAP_CHALLENGE_LEN];
        random_bytes(a->cfg, c, sizeof(c));
        mlen = sizeof(MSCHAP_FAILURE_HEAD) - 1;
        memcpy(m, MSCHAP_FAILURE_HEAD, mlen);
        mschap_hex(c, sizeof(c), m + mlen);
        mlen += 2 * sizeof(c);
        memcpy(m + mlen, MSCHAP_FAILURE_MSG, sizeof(MSCHAP_FAILURE_MSG) - 1);
        mlen += sizeof(MSCHAP_FAILURE_MSG) - 1;
    }
    auth_put_hdr(pkt, ok ? CHAP_SUCCESS : CHAP_FAILURE, s->id, AUTH_HDR_LEN + mlen);
    auth_send(a, s, PPP_PROTO_CHAP, pkt, AUTH_HDR_LEN + mlen, true);
}

static void
chap_server_verdict(struct auth *a, bool ok, const uint8_t *user, size_t ulen,
                    const char *secret, size_t slen, const uint8_t *nt, const uint8_t *peer)
{
    struct auth_side *s = &a->server;
    uint8_t ar[MSCHAP_AUTH_RESPONSE_LEN];
    if (s->method == PPP_AUTH_MSCHAPV2 && ok)
        ok = mschap_authenticator_response(secret, slen, nt, peer, s->challenge, user, ulen, ar);
    chap_server_send_verdict(a, ok, ar);
    auth_finish(a, s, ok, AUTH_ERR_FAILURE);
}

/* RFC 1994 has no packet for an authenticator that stops waiting. Left
 * unsaid, the peer waits out its own deadline, and the kept Challenge would
 * be what a late Response gets back, which the peer answers again: a
 * ping-pong at line rate (issue 8). So giving up is a Failure, kept as the
 * verdict any late Response gets. */
void
chap_server_give_up(struct auth *a, uint32_t error)
{
    chap_server_send_verdict(a, false, NULL);
    auth_finish(a, &a->server, false, error);
}

/* Only a verdict is ever sent again to a repeated Response. */
static bool
chap_kept_verdict(const struct auth_side *s)
{
    return s->last_len >= AUTH_HDR_LEN && s->last_proto == PPP_PROTO_CHAP &&
           (s->last_pkt[0] == CHAP_SUCCESS || s->last_pkt[0] == CHAP_FAILURE);
}

static void
chap_server_response(struct auth *a, uint8_t id, const uint8_t *pkt, size_t len)
{
    struct auth_side *s = &a->server;
    if (id != s->id || len < AUTH_HDR_LEN + 1)
        return;
    size_t vlen = pkt[AUTH_HDR_LEN];
    size_t want = s->method == PPP_AUTH_CHAP_MD5 ? CHAP_MD5_LEN : MSCHAP_RESPONSE_LEN;
    if (vlen != want || AUTH_HDR_LEN + 1 + vlen > len)
        return;
    if (s->state == AUTH_OK || s->state == AUTH_FAILED) {
        /* RFC 1994 4.2: a repeated Response gets the same verdict again. */
        if (chap_kept_verdict(s))
            auth_resend(a, s);
        return;
    }
    if (s->state != AUTH_CHAL_SENT)
        return;
    const uint8_t *v = pkt + AUTH_FIELD_OFF, *user = pkt + AUTH_FIELD_OFF + vlen;
    size_t ulen = len - (AUTH_HDR_LEN + 1 + vlen);
    char secret[AUTH_MAX_SECRET];
    size_t slen = 0;
    uint8_t expect[MSCHAP_NT_RESPONSE_LEN];
    bool ok = auth_lookup(a, user, ulen, secret, &slen);
    if (ok && s->method == PPP_AUTH_CHAP_MD5) {
        chap_md5_response(id, (const uint8_t *)secret, slen, s->challenge, CHAP_CHALLENGE_LEN,
                          expect);
        ok = auth_equal(expect, v, CHAP_MD5_LEN);
    } else if (ok) {
        ok = mschap_nt_response(s->challenge, v, user, ulen, secret, slen, expect) &&
             auth_equal(expect, v + MSCHAP_NT_OFF, MSCHAP_NT_RESPONSE_LEN);
    }
    ras_wipe(expect, sizeof(expect));
    /* Copy what the verdict needs before the secret goes. */
    chap_server_verdict(a, ok, user, ulen, secret, slen, v + MSCHAP_NT_OFF, v);
    ras_wipe(secret, sizeof(secret));
}

void
chap_input(struct auth *a, const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    uint8_t code, id;
    size_t plen;
    if (!auth_parse_hdr(pkt, len, &code, &id, &plen))
        return;
    switch (code) {
    case CHAP_CHALLENGE:
        if (a->client.method == PPP_AUTH_CHAP_MD5 || a->client.method == PPP_AUTH_MSCHAPV2)
            chap_client_challenge(a, id, pkt, plen, now_ms);
        return;
    case CHAP_RESPONSE:
        if (a->server.method == PPP_AUTH_CHAP_MD5 || a->server.method == PPP_AUTH_MSCHAPV2)
            chap_server_response(a, id, pkt, plen);
        return;
    case CHAP_SUCCESS:
    case CHAP_FAILURE:
        if (a->client.method == PPP_AUTH_CHAP_MD5 || a->client.method == PPP_AUTH_MSCHAPV2)
            chap_client_verdict(a, code, id, pkt, plen);
        return;
    default:
        return;
    }
}
