/* The authentication phase's common part: starting each direction, timers,
 * sending, the secret lookup and the single exit that reports an outcome.
 * The protocols themselves are in pap.c and chap.c. Nothing here allocates
 * and nothing here logs. */
#include "ppp/auth_local.h"

#include <string.h>

#include "common/alloc.h"

void
auth_init(struct auth *a, const struct ppp_config *cfg, const struct auth_callbacks *cb)
{
    memset(a, 0, sizeof(*a));
    a->cfg = cfg;
    a->cb = *cb;
    /* RFC 1661 4.6 defaults, as the engine uses for LCP. */
    a->restart_ms = cfg->restart_ms ? cfg->restart_ms : PPP_DEFAULT_RESTART_MS;
    a->max_tries = cfg->max_configure ? cfg->max_configure : PPP_DEFAULT_MAX_CONFIGURE;
}

typedef void (*side_start_fn)(struct auth *a, uint64_t now_ms);

/* One direction with its method; one we do not know fails it at once. */
static void
start_side(struct auth *a, struct auth_side *s, uint32_t method, uint64_t now_ms,
           side_start_fn pap_start, side_start_fn chap_start)
{
    uint32_t t = a->cfg->auth_timeout_ms ? a->cfg->auth_timeout_ms : PPP_DEFAULT_AUTH_TIMEOUT_MS;
    s->method = method;
    s->phase_end = now_ms + t;
    if (method == PPP_AUTH_PAP)
        pap_start(a, now_ms);
    else if (method == PPP_AUTH_CHAP_MD5 || method == PPP_AUTH_MSCHAPV2)
        chap_start(a, now_ms);
    else
        auth_finish(a, s, false, AUTH_ERR_FAILURE);
}

void
auth_start(struct auth *a, uint32_t client_method, uint32_t server_method, uint64_t now_ms)
{
    auth_reset(a);
    uint32_t gen = a->generation;
    /* The server side first: starting it never reports, while the client
     * side may fail at once (credentials the method cannot carry), and the
     * engine may reset us from inside that report. */
    if (server_method)
        start_side(a, &a->server, server_method, now_ms, pap_server_start, chap_server_start);
    if (!client_method || a->generation != gen)
        return;
    start_side(a, &a->client, client_method, now_ms, pap_client_start, chap_client_start);
}

void
auth_input(struct auth *a, uint16_t proto, const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    if (proto == PPP_PROTO_PAP)
        pap_input(a, pkt, len, now_ms);
    else if (proto == PPP_PROTO_CHAP)
        chap_input(a, pkt, len, now_ms);
}

/* A side runs out of time; a CHAP server says so (chap_server_give_up). */
static void
side_give_up(struct auth *a, struct auth_side *s)
{
    if (s == &a->server && s->state == AUTH_CHAL_SENT)
        chap_server_give_up(a, AUTH_ERR_TIMEOUT);
    else
        auth_finish(a, s, false, AUTH_ERR_TIMEOUT);
}

static void
side_timer(struct auth *a, struct auth_side *s, uint64_t now_ms)
{
    if (!s->deadline || now_ms < s->deadline)
        return;
    s->deadline = 0;
    if (now_ms >= s->phase_end && s->state != AUTH_OK && s->state != AUTH_FAILED) {
        /* Retries that keep being answered with new challenges still end. */
        side_give_up(a, s);
        return;
    }
    switch (s->state) {
    case AUTH_PAP_REQ_SENT:
    case AUTH_CHAP_RESP_SENT:
    case AUTH_CHAL_SENT:
        if (s->tries >= a->max_tries) {
            side_give_up(a, s);
            return;
        }
        if (s->state == AUTH_PAP_REQ_SENT)
            pap_client_send(a, now_ms);
        else if (s->state == AUTH_CHAL_SENT)
            chap_server_resend(a, now_ms);
        else {
            /* RFC 1994 leaves retransmission to the authenticator, but a
             * lost Success would strand us; authenticators (pppd among
             * them) answer a repeated Response with their verdict again. */
            auth_resend(a, s);
            s->tries++;
            auth_arm(a, s, now_ms);
        }
        return;
    case AUTH_CHAP_LISTEN:
    case AUTH_PAP_LISTEN:
        auth_finish(a, s, false, AUTH_ERR_TIMEOUT);
        return;
    default:
        return;
    }
}

void
auth_timer(struct auth *a, uint64_t now_ms)
{
    uint32_t gen = a->generation;
    side_timer(a, &a->client, now_ms);
    if (a->generation == gen)
        side_timer(a, &a->server, now_ms);
}

uint64_t
auth_next_deadline(const struct auth *a)
{
    return ppp_deadline_min(a->client.deadline, a->server.deadline);
}

void
auth_reset(struct auth *a)
{
    ras_wipe(&a->client, sizeof(a->client));
    ras_wipe(&a->server, sizeof(a->server));
    a->generation++;
}

/* --- services for pap.c and chap.c --- */

bool
auth_parse_hdr(const uint8_t *pkt, size_t len, uint8_t *code, uint8_t *id, size_t *plen)
{
    if (len < AUTH_HDR_LEN)
        return false;
    size_t l = (size_t)pkt[2] << 8 | pkt[3];
    if (l < AUTH_HDR_LEN || l > len)
        return false;
    *code = pkt[0];
    *id = pkt[1];
    *plen = l;
    return true;
}

void
auth_put_hdr(uint8_t *pkt, uint8_t code, uint8_t id, size_t len)
{
    pkt[0] = code;
    pkt[1] = id;
    pkt[2] = (uint8_t)(len >> 8);
    pkt[3] = (uint8_t)len;
}

void
auth_send(struct auth *a, struct auth_side *s, uint16_t proto,
          const uint8_t *pkt, size_t len, bool keep)
{
    if (keep && len <= sizeof(s->last_pkt)) {
        memcpy(s->last_pkt, pkt, len);
        s->last_len = (uint16_t)len;
        s->last_proto = proto;
    }
    a->cb.send(a->cb.ctx, proto, pkt, len);
}

void
auth_resend(struct auth *a, struct auth_side *s)
{
    if (s->last_len)
        a->cb.send(a->cb.ctx, s->last_proto, s->last_pkt, s->last_len);
}

void
auth_finish(struct auth *a, struct auth_side *s, bool ok, uint32_t error)
{
    s->state = ok ? AUTH_OK : AUTH_FAILED;
    s->deadline = 0;
    /* What proved the server to us is of no further use. */
    ras_wipe(s->auth_response, sizeof(s->auth_response));
    if (s == &a->client) {
        /* Our Response is a hash of the password: keep it no longer than
         * needed. The server keeps its verdict to repeat it. */
        ras_wipe(s->last_pkt, sizeof(s->last_pkt));
        s->last_len = 0;
    }
    if (s->reported)
        return;
    s->reported = true;
    a->cb.done(a->cb.ctx, s == &a->server, ok, ok ? 0 : error);
}

void
auth_arm(struct auth *a, struct auth_side *s, uint64_t now_ms)
{
    s->deadline = now_ms + a->restart_ms;
    if (s->deadline > s->phase_end)
        s->deadline = s->phase_end;
}

void
auth_arm_wait(struct auth *a, struct auth_side *s, uint64_t now_ms)
{
    (void)a;
    (void)now_ms;
    s->deadline = s->phase_end;
}

const char *
auth_user(const struct auth *a)
{
    return a->cfg->user ? a->cfg->user : "";
}

const char *
auth_password(const struct auth *a)
{
    return a->cfg->password ? a->cfg->password : "";
}

const char *
auth_hostname(const struct auth *a)
{
    return a->cfg->hostname ? a->cfg->hostname : "openras";
}

bool
auth_lookup(const struct auth *a, const uint8_t *name, size_t name_len,
            char secret[AUTH_MAX_SECRET], size_t *secret_len)
{
    char user[AUTH_MAX_NAME];
    if (!a->cfg->secret_fn || name_len >= sizeof(user) || memchr(name, 0, name_len))
        return false;
    memcpy(user, name, name_len);
    user[name_len] = '\0';
    secret[0] = '\0';
    if (!a->cfg->secret_fn(a->cfg->secret_ctx, user, secret, AUTH_MAX_SECRET))
        return false;
    /* The source promised a NUL within cap; do not rely on it. */
    secret[AUTH_MAX_SECRET - 1] = '\0';
    *secret_len = strlen(secret);
    return true;
}

bool
auth_equal(const uint8_t *x, const uint8_t *y, size_t n)
{
    volatile uint8_t d = 0;
    for (size_t i = 0; i < n; i++)
        d |= x[i] ^ y[i];
    return d == 0;
}
