/* The PPPoE discovery codec: packets built and parsed back, the tags a
 * client and a concentrator exchange, and hostile packets (every length
 * wrong in turn) refused with the right reason and no read past the end. */
#include <string.h>

#include "harness.h"
#include "port/pppoe_codec.h"

static size_t
build_pado(uint8_t *buf, size_t cap)
{
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, cap, PPPOE_CODE_PADO, 0);
    pppoe_build_tag(&b, PPPOE_TAG_AC_NAME, "ac-one", 6);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "", 0);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "isp", 3);
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, "\x01\x02\x03\x04", 4);
    pppoe_build_tag(&b, PPPOE_TAG_AC_COOKIE, "cookie!", 7);
    pppoe_build_tag(&b, PPPOE_TAG_RELAY_SESSION_ID, "r1", 2);
    pppoe_build_tag16(&b, PPPOE_TAG_PPP_MAX_PAYLOAD, 1500);
    pppoe_build_tag(&b, PPPOE_TAG_VENDOR, "\0\0\0\x09xyz", 7);
    return pppoe_build_end(&b);
}

static void
t_pado_round_trip(void)
{
    uint8_t buf[PPPOE_DISC_MAX];
    size_t n = build_pado(buf, sizeof(buf));
    REQUIRE(n > PPPOE_HDR_LEN);
    struct pppoe_disc d;
    REQUIRE_EQ(pppoe_disc_parse(buf, n, &d), PPPOE_OK);
    CHECK_EQ(d.code, PPPOE_CODE_PADO);
    CHECK_EQ(d.session, 0);
    CHECK_EQ(d.ac_name.len, 6);
    CHECK(memcmp(d.ac_name.p, "ac-one", 6) == 0);
    CHECK_EQ(d.n_service, 2);
    REQUIRE(d.service.p != NULL);     /* present and empty: "any service" */
    CHECK_EQ(d.service.len, 0);
    CHECK_EQ(d.host_uniq.len, 4);
    CHECK_EQ(d.cookie.len, 7);
    CHECK_EQ(d.relay.len, 2);
    CHECK(d.has_max_payload);
    CHECK_EQ(d.max_payload, 1500);
    CHECK_EQ(d.error_tag, 0);
}

static void
t_padi_bytes(void)
{
    /* RFC 2516 5.1's layout: 11 09 0000 LENGTH, Service-Name, Host-Uniq */
    uint8_t buf[64];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADI, 0);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, NULL, 0);
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, "\xaa\xbb", 2);
    size_t n = pppoe_build_end(&b);
    static const uint8_t want[] = { 0x11, 0x09, 0, 0, 0, 10, 0x01, 0x01, 0, 0,
                                    0x01, 0x03, 0, 2, 0xaa, 0xbb };
    REQUIRE_EQ(n, sizeof(want));
    CHECK(memcmp(buf, want, n) == 0);
}

static void
t_build_overflow(void)
{
    uint8_t buf[12];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADI, 0);
    pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "0123456789", 10);
    CHECK_EQ(pppoe_build_end(&b), 0);
    pppoe_build_start(&b, buf, 3, PPPOE_CODE_PADI, 0);
    CHECK_EQ(pppoe_build_end(&b), 0);
}

static void
t_padding_ignored(void)
{
    /* a short packet padded to Ethernet's 46-byte minimum */
    uint8_t buf[46];
    memset(buf, 0xee, sizeof(buf));
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADT, 0x1234);
    size_t n = pppoe_build_end(&b);
    REQUIRE_EQ(n, PPPOE_HDR_LEN);
    struct pppoe_disc d;
    REQUIRE_EQ(pppoe_disc_parse(buf, sizeof(buf), &d), PPPOE_OK);
    CHECK_EQ(d.code, PPPOE_CODE_PADT);
    CHECK_EQ(d.session, 0x1234);
}

static void
t_error_tags(void)
{
    static const uint16_t tags[] = { PPPOE_TAG_SERVICE_NAME_ERROR, PPPOE_TAG_AC_SYSTEM_ERROR,
                                     PPPOE_TAG_GENERIC_ERROR };
    for (size_t i = 0; i < 3; i++) {
        uint8_t buf[64];
        struct pppoe_builder b;
        pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADS, 0);
        pppoe_build_tag(&b, PPPOE_TAG_SERVICE_NAME, "x", 1);
        pppoe_build_tag(&b, tags[i], "no", 2);
        pppoe_build_tag(&b, PPPOE_TAG_GENERIC_ERROR, "later", 5);
        size_t n = pppoe_build_end(&b);
        struct pppoe_disc d;
        REQUIRE_EQ(pppoe_disc_parse(buf, n, &d), PPPOE_OK);
        CHECK_EQ(d.error_tag, tags[i]);       /* the first one counts */
        CHECK_EQ(d.error.len, 2);
    }
}

static void
t_end_of_list(void)
{
    uint8_t buf[64];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), PPPOE_CODE_PADO, 0);
    pppoe_build_tag(&b, PPPOE_TAG_AC_NAME, "a", 1);
    pppoe_build_tag(&b, PPPOE_TAG_END_OF_LIST, NULL, 0);
    pppoe_build_tag(&b, PPPOE_TAG_HOST_UNIQ, "zz", 2);
    size_t n = pppoe_build_end(&b);
    struct pppoe_disc d;
    REQUIRE_EQ(pppoe_disc_parse(buf, n, &d), PPPOE_OK);
    CHECK(d.ac_name.p != NULL);
    CHECK(d.host_uniq.p == NULL);
}

static void
t_header_errors(void)
{
    struct pppoe_disc d;
    uint8_t pkt[] = { 0x11, 0x09, 0, 0, 0, 0 };
    CHECK_EQ(pppoe_disc_parse(pkt, 5, &d), PPPOE_E_SHORT);
    pkt[0] = 0x21;
    CHECK_EQ(pppoe_disc_parse(pkt, 6, &d), PPPOE_E_VERSION);
    pkt[0] = 0x11;
    pkt[1] = 0x00;
    CHECK_EQ(pppoe_disc_parse(pkt, 6, &d), PPPOE_E_CODE);
    pkt[1] = 0x09;
    pkt[5] = 1;
    CHECK_EQ(pppoe_disc_parse(pkt, 6, &d), PPPOE_E_LENGTH);
    pkt[5] = 0;
    pkt[3] = 7;                   /* a PADI naming a session */
    CHECK_EQ(pppoe_disc_parse(pkt, 6, &d), PPPOE_E_SESSION_ID);
    pkt[1] = PPPOE_CODE_PADT;
    pkt[3] = 0;                   /* a PADT naming none */
    CHECK_EQ(pppoe_disc_parse(pkt, 6, &d), PPPOE_E_SESSION_ID);
}

/* Every tag's length field set to every wrong value in turn: refused (or,
 * shortened, parsed as other tags), never a read past the packet (ASan and
 * valgrind watch this test). */
static void
t_every_tag_length_wrong(void)
{
    uint8_t good[PPPOE_DISC_MAX];
    size_t n = build_pado(good, sizeof(good));
    size_t offs[16], k = 0;
    for (size_t p = PPPOE_HDR_LEN; p + PPPOE_TAG_HDR_LEN <= n && k < 16;) {
        offs[k++] = p + 2;
        p += PPPOE_TAG_HDR_LEN + (size_t)(good[p + 2] << 8 | good[p + 3]);
    }
    REQUIRE_EQ(k, 8);
    unsigned refused = 0;
    for (size_t i = 0; i < k; i++) {
        for (unsigned v = 0; v < 0x10000; v += 1 + v / 4) {
            uint8_t *pkt = ras_malloc(n);     /* exact size: ASan sees any overread */
            REQUIRE(pkt != NULL);
            memcpy(pkt, good, n);
            pkt[offs[i]] = (uint8_t)(v >> 8);
            pkt[offs[i] + 1] = (uint8_t)v;
            struct pppoe_disc d;
            if (pppoe_disc_parse(pkt, n, &d) != PPPOE_OK)
                refused++;
            ras_free(pkt);
        }
    }
    CHECK(refused > 0);
}

static void
t_session_header(void)
{
    uint8_t pkt[PPPOE_HDR_LEN + 4 + 10];
    memset(pkt, 0, sizeof(pkt));
    pppoe_session_header(pkt, 0x0042, 4);
    memcpy(pkt + PPPOE_HDR_LEN, "\xc0\x21\x01\x01", 4);
    uint16_t sid;
    const uint8_t *f;
    size_t fl;
    REQUIRE(pppoe_session_parse(pkt, sizeof(pkt), &sid, &f, &fl));
    CHECK_EQ(sid, 0x42);
    CHECK_EQ(fl, 4);                  /* padding cut off */
    CHECK(f == pkt + PPPOE_HDR_LEN);
    CHECK(!pppoe_session_parse(pkt, PPPOE_HDR_LEN + 3, &sid, &f, &fl));
    pkt[1] = PPPOE_CODE_PADT;
    CHECK(!pppoe_session_parse(pkt, sizeof(pkt), &sid, &f, &fl));
}

static void
t_names(void)
{
    CHECK_STR(pppoe_code_name(PPPOE_CODE_PADS), "PADS");
    CHECK_STR(pppoe_code_name(0x42), "?");
    CHECK_STR(pppoe_parse_error_name(PPPOE_E_TAG), "tag length past the payload");
}

int
main(void)
{
    TH_RUN(t_pado_round_trip);
    TH_RUN(t_padi_bytes);
    TH_RUN(t_build_overflow);
    TH_RUN(t_padding_ignored);
    TH_RUN(t_error_tags);
    TH_RUN(t_end_of_list);
    TH_RUN(t_header_errors);
    TH_RUN(t_every_tag_length_wrong);
    TH_RUN(t_session_header);
    TH_RUN(t_names);
    return th_done();
}
