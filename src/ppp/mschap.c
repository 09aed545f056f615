/* MS-CHAPv2 crypto (RFC 2759 section 8) over Nettle. The DES key expansion
 * and the UTF-8 decoding are ours; the hashes and the cipher are Nettle's. */
#include "ppp/mschap.h"

#include <string.h>

#include <nettle/des.h>
#include <nettle/md4.h>
#include <nettle/sha1.h>

#include "common/alloc.h"

/* RFC 2759 8.7: the two constants of GenerateAuthenticatorResponse. */
static const char magic1[] = "Magic server to client signing constant";
static const char magic2[] = "Pad to make it do more than one iteration";

/* Decodes one code point; returns its byte length, 0 when invalid. */
static size_t
utf8_next(const uint8_t *s, size_t len, uint32_t *cp)
{
    uint8_t c = s[0];
    size_t n;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0) {
        n = 2, v = c & 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3, v = c & 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3f);
    }
    /* Overlong forms, UTF-16 surrogates and values past Unicode are not
     * characters (RFC 3629 3). */
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return n;
}

static bool
put_unit(uint8_t *out, size_t cap, size_t *pos, uint32_t u)
{
    if (cap - *pos < 2)
        return false;
    out[(*pos)++] = (uint8_t)(u & 0xff);
    out[(*pos)++] = (uint8_t)(u >> 8);
    return true;
}

bool
mschap_utf16le(const char *utf8, size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    const uint8_t *s = (const uint8_t *)utf8;
    size_t i = 0, pos = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_next(s + i, len - i, &cp);
        if (!n)
            return false;
        i += n;
        bool ok;
        if (cp < 0x10000) {
            ok = put_unit(out, cap, &pos, cp);
        } else {
            cp -= 0x10000;
            ok = put_unit(out, cap, &pos, 0xd800 | (cp >> 10)) &&
                 put_unit(out, cap, &pos, 0xdc00 | (cp & 0x3ff));
        }
        if (!ok)
            return false;
    }
    *out_len = pos;
    return true;
}

bool
mschap_nt_password_hash(const char *password, size_t len, uint8_t hash[16])
{
    uint8_t u16[2 * MSCHAP_MAX_PASSWORD_UNITS];
    size_t n = 0;
    bool ok = mschap_utf16le(password, len, u16, sizeof(u16), &n);
    if (ok) {
        struct md4_ctx ctx;
        md4_init(&ctx);
        md4_update(&ctx, n, u16);
        md4_digest(&ctx, 16, hash);
        ras_wipe(&ctx, sizeof(ctx));
    }
    ras_wipe(u16, sizeof(u16));
    return ok;
}

void
mschap_hash_nt_password_hash(const uint8_t hash[16], uint8_t out[16])
{
    struct md4_ctx ctx;
    md4_init(&ctx);
    md4_update(&ctx, 16, hash);
    md4_digest(&ctx, 16, out);
    ras_wipe(&ctx, sizeof(ctx));
}

void
mschap_challenge_hash(const uint8_t peer_challenge[16], const uint8_t auth_challenge[16],
                      const uint8_t *user, size_t user_len, uint8_t out[8])
{
    /* RFC 2759 8.2: only the user name, without a prepended domain. */
    for (size_t i = user_len; i > 0; i--) {
        if (user[i - 1] == '\\') {
            user += i;
            user_len -= i;
            break;
        }
    }
    struct sha1_ctx ctx;
    uint8_t digest[SHA1_DIGEST_SIZE];
    sha1_init(&ctx);
    sha1_update(&ctx, 16, peer_challenge);
    sha1_update(&ctx, 16, auth_challenge);
    sha1_update(&ctx, user_len, user);
    sha1_digest(&ctx, sizeof(digest), digest);
    memcpy(out, digest, 8);
}

void
mschap_des_key(const uint8_t in[7], uint8_t out[8])
{
    /* Byte i of the output takes the 7 key bits starting at bit 7*i of the
     * 56-bit input; bit 0 carries odd parity (FIPS 46-3). */
    for (int i = 0; i < 8; i++) {
        int bit = 7 * i;
        unsigned hi = in[bit / 8];
        unsigned lo = bit / 8 + 1 < 7 ? in[bit / 8 + 1] : 0;
        unsigned v = ((hi << 8 | lo) >> (9 - bit % 8)) & 0x7f;
        unsigned ones = (unsigned)__builtin_popcount(v);
        out[i] = (uint8_t)(v << 1 | ((ones & 1) ? 0 : 1));
    }
}

static void
des_block(const uint8_t key7[7], const uint8_t clear[8], uint8_t cipher[8])
{
    uint8_t key[8];
    struct des_ctx ctx;
    mschap_des_key(key7, key);
    /* Nettle returns 0 for a weak key but schedules it all the same; a
     * password hash may produce one and the RFC uses it regardless. */
    (void)des_set_key(&ctx, key);
    des_encrypt(&ctx, 8, cipher, clear);
    ras_wipe(&ctx, sizeof(ctx));
    ras_wipe(key, sizeof(key));
}

void
mschap_challenge_response(const uint8_t challenge[8], const uint8_t pw_hash[16],
                          uint8_t response[24])
{
    uint8_t z[21] = {0};
    memcpy(z, pw_hash, 16);
    des_block(z, challenge, response);
    des_block(z + 7, challenge, response + 8);
    des_block(z + 14, challenge, response + 16);
    ras_wipe(z, sizeof(z));
}

bool
mschap_nt_response(const uint8_t auth_challenge[16], const uint8_t peer_challenge[16],
                   const uint8_t *user, size_t user_len,
                   const char *password, size_t password_len, uint8_t response[24])
{
    uint8_t challenge[8], hash[16];
    if (!mschap_nt_password_hash(password, password_len, hash))
        return false;
    mschap_challenge_hash(peer_challenge, auth_challenge, user, user_len, challenge);
    mschap_challenge_response(challenge, hash, response);
    ras_wipe(hash, sizeof(hash));
    return true;
}

bool
mschap_authenticator_response(const char *password, size_t password_len,
                              const uint8_t nt_response[24],
                              const uint8_t peer_challenge[16],
                              const uint8_t auth_challenge[16],
                              const uint8_t *user, size_t user_len, uint8_t out[20])
{
    uint8_t hash[16], hash_hash[16], challenge[8], digest[SHA1_DIGEST_SIZE];
    struct sha1_ctx ctx;
    if (!mschap_nt_password_hash(password, password_len, hash))
        return false;
    mschap_hash_nt_password_hash(hash, hash_hash);
    sha1_init(&ctx);
    sha1_update(&ctx, sizeof(hash_hash), hash_hash);
    sha1_update(&ctx, 24, nt_response);
    sha1_update(&ctx, sizeof(magic1) - 1, (const uint8_t *)magic1);
    sha1_digest(&ctx, sizeof(digest), digest);
    mschap_challenge_hash(peer_challenge, auth_challenge, user, user_len, challenge);
    sha1_init(&ctx);
    sha1_update(&ctx, sizeof(digest), digest);
    sha1_update(&ctx, sizeof(challenge), challenge);
    sha1_update(&ctx, sizeof(magic2) - 1, (const uint8_t *)magic2);
    sha1_digest(&ctx, 20, out);
    ras_wipe(hash, sizeof(hash));
    ras_wipe(hash_hash, sizeof(hash_hash));
    ras_wipe(digest, sizeof(digest));
    ras_wipe(&ctx, sizeof(ctx));
    return true;
}

void
mschap_hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 0xf];
    }
}

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool
mschap_unhex(const char *in, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(in[2 * i]), lo = hexval(in[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}
