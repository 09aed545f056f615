/* MS-CHAPv2 and CHAP-MD5 crypto against published vectors: RFC 2759 9.2
 * ("User"/"clientPass"), an RFC 1994 response computed independently with
 * Python's hashlib, and a non-ASCII password whose NT hash was computed by
 * an independent MD4 over Python's UTF-16LE encoder. */
#include <string.h>

#include "harness.h"
#include "ppp/auth_local.h"
#include "ppp/mschap.h"

static void
unhex(const char *s, uint8_t *out, size_t n)
{
    size_t k = 0;
    for (; *s && k < n; s++) {
        if (*s == ' ')
            continue;
        REQUIRE(mschap_unhex(s, 1, out + k));
        k++;
        s++;
    }
    REQUIRE_EQ(k, n);
}

#define CHECK_HEX(buf, n, hex) do { uint8_t _w[64]; unhex(hex, _w, n); \
    CHECK(memcmp(buf, _w, n) == 0); } while (0)

static const char rfc_auth_chal[] = "5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28";
static const char rfc_peer_chal[] = "21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E";

static void
t_rfc2759_intermediate_values(void)
{
    uint8_t auth[16], peer[16], ch[8], hash[16], hh[16], u16[64];
    size_t n = 0;
    unhex(rfc_auth_chal, auth, 16);
    unhex(rfc_peer_chal, peer, 16);
    REQUIRE(mschap_utf16le("clientPass", 10, u16, sizeof(u16), &n));
    CHECK_EQ(n, 20);
    CHECK_HEX(u16, 20, "63 00 6C 00 69 00 65 00 6E 00 74 00 50 00 61 00 73 00 73 00");
    mschap_challenge_hash(peer, auth, (const uint8_t *)"User", 4, ch);
    CHECK_HEX(ch, 8, "D0 2E 43 86 BC E9 12 26");
    REQUIRE(mschap_nt_password_hash("clientPass", 10, hash));
    CHECK_HEX(hash, 16, "44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE");
    mschap_hash_nt_password_hash(hash, hh);
    CHECK_HEX(hh, 16, "41 C0 0C 58 4B D2 D9 1C 40 17 A2 A1 2F A5 9F 3F");
}

static void
t_rfc2759_nt_response(void)
{
    uint8_t auth[16], peer[16], nt[24];
    unhex(rfc_auth_chal, auth, 16);
    unhex(rfc_peer_chal, peer, 16);
    REQUIRE(mschap_nt_response(auth, peer, (const uint8_t *)"User", 4, "clientPass", 10, nt));
    CHECK_HEX(nt, 24, "82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
}

static void
t_rfc2759_authenticator_response(void)
{
    uint8_t auth[16], peer[16], nt[24], ar[20];
    char s[41] = {0};
    unhex(rfc_auth_chal, auth, 16);
    unhex(rfc_peer_chal, peer, 16);
    unhex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF", nt, 24);
    REQUIRE(mschap_authenticator_response("clientPass", 10, nt, peer, auth,
                                          (const uint8_t *)"User", 4, ar));
    mschap_hex(ar, 20, s);
    CHECK_STR(s, "407A5589115FD0D6209F510FE9C04566932CDA56");
}

static void
t_domain_is_not_hashed(void)
{
    /* RFC 2759 8.2: "DOMAIN\User" hashes as "User". */
    uint8_t auth[16], peer[16], a[8], b[8];
    unhex(rfc_auth_chal, auth, 16);
    unhex(rfc_peer_chal, peer, 16);
    mschap_challenge_hash(peer, auth, (const uint8_t *)"User", 4, a);
    mschap_challenge_hash(peer, auth, (const uint8_t *)"CORP\\User", 9, b);
    CHECK(memcmp(a, b, 8) == 0);
    mschap_challenge_hash(peer, auth, (const uint8_t *)"CORP\\Usex", 9, b);
    CHECK(memcmp(a, b, 8) != 0);
}

static void
t_des_key_expansion(void)
{
    /* 56 bits spread 7 per byte, odd parity in bit 0: all ones gives FE
     * (seven ones, already odd), all zeros gives 01. */
    uint8_t k[8];
    mschap_des_key((const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff", k);
    CHECK_HEX(k, 8, "FE FE FE FE FE FE FE FE");
    mschap_des_key((const uint8_t *)"\0\0\0\0\0\0\0", k);
    CHECK_HEX(k, 8, "01 01 01 01 01 01 01 01");
    /* The first 7 bytes of the RFC 2759 password hash: the key of the
     * first DES block (expected bytes from a Python rendering of RFC 2759 8.6). */
    mschap_des_key((const uint8_t *)"\x44\xeb\xba\x8d\x53\x12\xb8", k);
    CHECK_HEX(k, 8, "45 75 EF 51 D5 98 4A 70");
}

static void
t_utf16_conversion(void)
{
    uint8_t out[64];
    size_t n = 0;
    /* é (2 bytes), € (3 bytes), U+1D11E (4 bytes -> surrogate pair);
     * expected bytes from Python's 'utf-16-le' codec. */
    REQUIRE(mschap_utf16le("\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e", 9, out, sizeof(out), &n));
    CHECK_EQ(n, 8);
    CHECK_HEX(out, 8, "E9 00 AC 20 34 D8 1E DD");
    /* Invalid UTF-8 is refused, never guessed at. */
    static const char *bad[] = {
        "\xff", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
        "\x80", "\xe2\x82", "\xf0\x9d\x84", "a\xc3(", "\xf8\x88\x80\x80\x80",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK(!mschap_utf16le(bad[i], strlen(bad[i]), out, sizeof(out), &n));
    /* Too long for the buffer. */
    CHECK(!mschap_utf16le("abcd", 4, out, 7, &n));
    uint8_t h[16];
    char big[300];
    memset(big, 'x', sizeof(big));
    CHECK(mschap_nt_password_hash(big, 256, h));
    CHECK(!mschap_nt_password_hash(big, 257, h));
}

static void
t_nt_hash_non_ascii(void)
{
    /* "pässwörd€𝄞": MD4 over Python's UTF-16LE encoding, MD4 written
     * independently in Python (hashlib's OpenSSL has no MD4 here) and
     * checked first against RFC 1320's "" and "abc" and the RFC 2759 hash. */
    static const char pw[] = "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac\xf0\x9d\x84\x9e";
    uint8_t h[16];
    REQUIRE(mschap_nt_password_hash(pw, strlen(pw), h));
    CHECK_HEX(h, 16, "0b92ab89d8e0ec0bb35132664c2167c5");
}

static void
t_chap_md5_response(void)
{
    /* RFC 1994 2.2; expected values from Python:
     * hashlib.md5(bytes([0x2a]) + b'sesame' + bytes(range(0x10, 0x20))). */
    uint8_t chal[16], out[16];
    for (int i = 0; i < 16; i++)
        chal[i] = (uint8_t)(0x10 + i);
    chap_md5_response(0x2a, (const uint8_t *)"sesame", 6, chal, 16, out);
    CHECK_HEX(out, 16, "a0b523f1e0183a1e061f636ac92bd6a0");
    /* A 17-byte challenge, id 0xff, a UTF-8 secret (bytes as they are). */
    uint8_t c2[17];
    unhex("0123456789abcdeffedcba9876543210a5", c2, 17);
    static const char pw[] = "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac";
    chap_md5_response(0xff, (const uint8_t *)pw, strlen(pw), c2, 17, out);
    CHECK_HEX(out, 16, "c9ed2167e7699202bc968eba31991938");
}

static void
t_hex(void)
{
    uint8_t b[2];
    char s[4];
    mschap_hex((const uint8_t *)"\x0a\xf5", 2, s);
    CHECK(memcmp(s, "0AF5", 4) == 0);
    CHECK(mschap_unhex("0af5", 2, b) && b[0] == 0x0a && b[1] == 0xf5);
    CHECK(!mschap_unhex("0g", 1, b));
    CHECK(!mschap_unhex(" 1", 1, b));
}

int
main(void)
{
    TH_RUN(t_rfc2759_intermediate_values);
    TH_RUN(t_rfc2759_nt_response);
    TH_RUN(t_rfc2759_authenticator_response);
    TH_RUN(t_domain_is_not_hashed);
    TH_RUN(t_des_key_expansion);
    TH_RUN(t_utf16_conversion);
    TH_RUN(t_nt_hash_non_ascii);
    TH_RUN(t_chap_md5_response);
    TH_RUN(t_hex);
    return th_done();
}
