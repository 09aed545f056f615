/* MS-CHAPv2 crypto (RFC 2759 section 8) as pure functions over Nettle's
 * MD4, SHA-1 and DES. No state, no allocation; every temporary that holds
 * password material is wiped before returning. */
#ifndef RAS_PPP_MSCHAP_H
#define RAS_PPP_MSCHAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSCHAP_CHALLENGE_LEN 16
#define MSCHAP_NT_RESPONSE_LEN 24
#define MSCHAP_AUTH_RESPONSE_LEN 20     /* SHA-1 digest; on the wire "S=" + 40 hex */
/* RFC 2759 8.3: the password is at most 256 Unicode characters. */
#define MSCHAP_MAX_PASSWORD_UNITS 256

/* Strict UTF-8 to UTF-16LE (no overlongs, surrogates or code points past
 * U+10FFFF; characters beyond the BMP become surrogate pairs). Writes at
 * most cap bytes; false on invalid input or when it does not fit. */
bool mschap_utf16le(const char *utf8, size_t len, uint8_t *out, size_t cap, size_t *out_len);

/* RFC 2759 8.3 NtPasswordHash: MD4 of the UTF-16LE password. False when the
 * password is not valid UTF-8 or longer than 256 UTF-16 units. */
bool mschap_nt_password_hash(const char *password, size_t len, uint8_t hash[16]);
/* RFC 2759 8.4 HashNtPasswordHash. */
void mschap_hash_nt_password_hash(const uint8_t hash[16], uint8_t out[16]);
/* RFC 2759 8.2 ChallengeHash; a "DOMAIN\" prefix of user is not hashed. */
void mschap_challenge_hash(const uint8_t peer_challenge[16], const uint8_t auth_challenge[16],
                           const uint8_t *user, size_t user_len, uint8_t out[8]);
/* RFC 2759 8.6: 56 key bits spread over 8 bytes with odd parity in bit 0. */
void mschap_des_key(const uint8_t in[7], uint8_t out[8]);
/* RFC 2759 8.5 ChallengeResponse: three DES blocks keyed by the zero-padded
 * 21-byte password hash. */
void mschap_challenge_response(const uint8_t challenge[8], const uint8_t pw_hash[16],
                               uint8_t response[24]);
/* RFC 2759 8.1 GenerateNTResponse. False on a password mschap_nt_password_hash
 * refuses. */
bool mschap_nt_response(const uint8_t auth_challenge[16], const uint8_t peer_challenge[16],
                        const uint8_t *user, size_t user_len,
                        const char *password, size_t password_len, uint8_t response[24]);
/* RFC 2759 8.7 GenerateAuthenticatorResponse, as the 20 raw digest bytes. */
bool mschap_authenticator_response(const char *password, size_t password_len,
                                   const uint8_t nt_response[24],
                                   const uint8_t peer_challenge[16],
                                   const uint8_t auth_challenge[16],
                                   const uint8_t *user, size_t user_len, uint8_t out[20]);
/* Upper-case hex of n bytes into out (2n characters, no NUL). */
void mschap_hex(const uint8_t *in, size_t n, char *out);
/* Parses exactly 2n hex digits (either case); false on anything else. */
bool mschap_unhex(const char *in, size_t n, uint8_t *out);

#endif
