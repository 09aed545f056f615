/* What auth.c, pap.c and chap.c share: states, codes, error numbers and
 * auth.c's services (sending, timers, the secret lookup, the one exit that
 * reports a side's outcome). */
#ifndef RAS_PPP_AUTH_LOCAL_H
#define RAS_PPP_AUTH_LOCAL_H

#include "ppp/auth.h"
#include "ppp/random.h"

/* RAS error numbers (raserror.h names, same values; kept here so the pure
 * engine does not depend on the public header). */
enum {
    AUTH_ERR_RESTRICTED_LOGON_HOURS = 646,
    AUTH_ERR_ACCT_DISABLED = 647,
    AUTH_ERR_PASSWD_EXPIRED = 648,
    AUTH_ERR_NO_DIALIN_PERMISSION = 649,
    AUTH_ERR_FAILURE = 691,            /* ERROR_AUTHENTICATION_FAILURE */
    AUTH_ERR_CHANGING_PASSWORD = 709,
    AUTH_ERR_TIMEOUT = 718,            /* ERROR_PPP_TIMEOUT */
    AUTH_ERR_SERVER_UNVERIFIED = 778,  /* ERROR_UNABLE_TO_AUTHENTICATE_SERVER */
};

enum auth_state {
    AUTH_IDLE = 0,
    AUTH_PAP_REQ_SENT,     /* client: Authenticate-Request out */
    AUTH_CHAP_LISTEN,      /* client: waiting for a Challenge */
    AUTH_CHAP_RESP_SENT,   /* client: Response out, waiting for the verdict */
    AUTH_PAP_LISTEN,       /* server: waiting for an Authenticate-Request */
    AUTH_CHAL_SENT,        /* server: Challenge out, waiting for a Response */
    AUTH_OK,
    AUTH_FAILED,
};

/* RFC 1334 2.2 and RFC 1994 4 packet codes. */
enum { PAP_REQ = 1, PAP_ACK = 2, PAP_NAK = 3 };
enum { CHAP_CHALLENGE = 1, CHAP_RESPONSE = 2, CHAP_SUCCESS = 3, CHAP_FAILURE = 4 };

#define AUTH_HDR_LEN 4
/* RFC 1334 2.2, RFC 1994 4: after the header, a one-octet length and the
 * field it measures (Peer-ID, Message, Value). */
#define AUTH_FIELD_OFF (AUTH_HDR_LEN + 1)
#define AUTH_FIELD_MAX 255
#define CHAP_MD5_LEN 16
#define MSCHAP_RESPONSE_LEN 49   /* RFC 2759 4: Value-Size of a Response */

/* Checks the 4-byte header: the Length field covers at least the header and
 * no more than what arrived (RFC 1661 5: padding past Length is ignored).
 * Writes the code, id and usable length; false = discard silently. */
bool auth_parse_hdr(const uint8_t *pkt, size_t len, uint8_t *code, uint8_t *id, size_t *plen);
void auth_put_hdr(uint8_t *pkt, uint8_t code, uint8_t id, size_t len);

/* Sends a packet; keep copies it into s->last_pkt for a resend. */
void auth_send(struct auth *a, struct auth_side *s, uint16_t proto,
               const uint8_t *pkt, size_t len, bool keep);
void auth_resend(struct auth *a, struct auth_side *s);
/* Ends a side: state, timers, and cb.done once. Call it last; the engine may
 * reset the whole struct auth from inside done. */
void auth_finish(struct auth *a, struct auth_side *s, bool ok, uint32_t error);
/* Starts the restart timer for a packet just sent. */
void auth_arm(struct auth *a, struct auth_side *s, uint64_t now_ms);
/* Gives a waiting side until the end of the phase (auth_timeout_ms). */
void auth_arm_wait(struct auth *a, struct auth_side *s, uint64_t now_ms);

const char *auth_user(const struct auth *a);
const char *auth_password(const struct auth *a);
const char *auth_hostname(const struct auth *a);
/* Server: the secret of a peer-supplied name (not NUL-terminated, any bytes)
 * into secret (AUTH_MAX_SECRET bytes, NUL-terminated). False for an unknown
 * user, a name with NUL bytes or a name too long; the caller wipes secret. */
bool auth_lookup(const struct auth *a, const uint8_t *name, size_t name_len,
                 char secret[AUTH_MAX_SECRET], size_t *secret_len);
/* Compares without an early exit, so timing tells nothing of where they differ. */
bool auth_equal(const uint8_t *x, const uint8_t *y, size_t n);

void pap_client_start(struct auth *a, uint64_t now_ms);
void pap_server_start(struct auth *a, uint64_t now_ms);
void pap_client_send(struct auth *a, uint64_t now_ms);
void pap_input(struct auth *a, const uint8_t *pkt, size_t len, uint64_t now_ms);

void chap_client_start(struct auth *a, uint64_t now_ms);
void chap_server_start(struct auth *a, uint64_t now_ms);
void chap_server_resend(struct auth *a, uint64_t now_ms);
/* The server stops waiting for a Response: sends a Failure, reports error. */
void chap_server_give_up(struct auth *a, uint32_t error);
void chap_input(struct auth *a, const uint8_t *pkt, size_t len, uint64_t now_ms);
/* RFC 1994 2.2: MD5(Identifier || secret || Challenge). */
void chap_md5_response(uint8_t id, const uint8_t *secret, size_t secret_len,
                       const uint8_t *challenge, size_t challenge_len, uint8_t out[16]);

#endif
