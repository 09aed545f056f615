/* The AT result parser as a dialer sees it: every result code in verbose
 * and numeric form, replies split at every byte, the echo of the command,
 * CR/LF variants, noise, and lines too long to be a result. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "raserror.h"
#include "port/at.h"

#define MAXEV 16

struct run {
    struct at_event ev[MAXEV];
    size_t offset[MAXEV];         /* stream offset just past each result */
    int n;
};

/* Feeds s in chunks of `chunk` bytes (0 = all at once), collecting events. */
static void
feed(struct at_parser *ap, const char *s, size_t len, size_t chunk, struct run *r)
{
    size_t pos = 0;
    while (pos < len) {
        size_t want = chunk && chunk < len - pos ? chunk : len - pos;
        size_t off = 0;
        while (off < want) {
            bool got;
            struct at_event ev;
            size_t used = at_feed(ap, (const uint8_t *)s + pos + off, want - off, &ev, &got);
            REQUIRE(used > 0 && used <= want - off);
            off += used;
            if (got && r->n < MAXEV) {
                r->ev[r->n] = ev;
                r->offset[r->n++] = pos + off;
            }
        }
        pos += want;
    }
}

static void
one(const char *s, enum at_result want, uint32_t bps)
{
    for (size_t chunk = 0; chunk <= 3; chunk++) {
        struct at_parser ap;
        struct run r = {0};
        at_init(&ap);
        feed(&ap, s, strlen(s), chunk, &r);
        if (r.n != 1)
            th_fail(__FILE__, __LINE__, "\"%s\" chunk %zu: %d results", s, chunk, r.n);
        else {
            CHECK_EQ(r.ev[0].result, want);
            CHECK_EQ(r.ev[0].bps, bps);
        }
    }
}

static void
t_verbose_codes(void)
{
    one("\r\nOK\r\n", AT_OK, 0);
    one("\r\nCONNECT\r\n", AT_CONNECT, 0);
    one("\r\nCONNECT 115200\r\n", AT_CONNECT, 115200);
    one("\r\nCONNECT 33600/ARQ\r\n", AT_CONNECT, 33600);
    one("\r\nCONNECT 24000/LAPM/V42BIS\r\n", AT_CONNECT, 24000);
    one("\r\nCONNECT/ARQ\r\n", AT_CONNECT, 0);
    one("\r\nRING\r\n", AT_RING, 0);
    one("\r\nBUSY\r\n", AT_BUSY, 0);
    one("\r\nNO CARRIER\r\n", AT_NO_CARRIER, 0);
    one("\r\nNO DIALTONE\r\n", AT_NO_DIALTONE, 0);
    one("\r\nNO DIAL TONE\r\n", AT_NO_DIALTONE, 0);
    one("\r\nNO ANSWER\r\n", AT_NO_ANSWER, 0);
    one("\r\nERROR\r\n", AT_ERROR, 0);
    one("\r\n  ok \r\n", AT_OK, 0);
}

static void
t_numeric_codes(void)
{
    static const struct { const char *s; enum at_result r; } c[] = {
        { "0\r", AT_OK }, { "1\r", AT_CONNECT }, { "2\r", AT_RING },
        { "3\r", AT_NO_CARRIER }, { "4\r", AT_ERROR }, { "6\r", AT_NO_DIALTONE },
        { "7\r", AT_BUSY }, { "8\r", AT_NO_ANSWER },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++)
        one(c[i].s, c[i].r, 0);
    struct at_parser ap;
    struct run r = {0};
    at_init(&ap);
    feed(&ap, "5\r9\r12\r", 7, 0, &r);
    CHECK_EQ(r.n, 0);
    CHECK_EQ(ap.lines_other, 3);
}

static void
t_not_results(void)
{
    static const char *const s[] = {
        "CONNECTED\r\n", "OKAY\r\n", "NO\r\n", "BUSY SIGNAL\r\n", "ATDT5551234\r\n",
        "NO CARRIER!\r\n", "\r\n\r\n\n\r",
    };
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        struct at_parser ap;
        struct run r = {0};
        at_init(&ap);
        feed(&ap, s[i], strlen(s[i]), 0, &r);
        if (r.n != 0)
            th_fail(__FILE__, __LINE__, "\"%s\" gave a result", s[i]);
    }
}

static void
t_split_every_byte(void)
{
    /* CONNECT split at every possible point into two reads */
    const char *s = "\r\nCONNECT 115200\r\n";
    size_t len = strlen(s);
    for (size_t cut = 0; cut <= len; cut++) {
        struct at_parser ap;
        struct run r = {0};
        at_init(&ap);
        feed(&ap, s, cut, 0, &r);
        feed(&ap, s + cut, len - cut, 0, &r);
        CHECK_EQ(r.n, 1);
        CHECK_EQ(r.ev[0].result, AT_CONNECT);
        CHECK_EQ(r.ev[0].bps, 115200);
    }
    one("\r\nNO DIALTONE\r\n", AT_NO_DIALTONE, 0);
}

static void
t_echo_then_result(void)
{
    struct at_parser ap;
    struct run r = {0};
    at_init(&ap);
    const char *s = "ATZ\r\r\nOK\r\nATE0V1\r\r\nOK\r\n\r\nBUSY\r\n";
    feed(&ap, s, strlen(s), 1, &r);
    REQUIRE_EQ(r.n, 3);
    CHECK_EQ(r.ev[0].result, AT_OK);
    CHECK_EQ(r.ev[1].result, AT_OK);
    CHECK_EQ(r.ev[2].result, AT_BUSY);
    CHECK_EQ(ap.lines_other, 2);
}

static void
t_line_endings(void)
{
    one("OK\r", AT_OK, 0);
    one("OK\n", AT_OK, 0);
    one("\n\rOK\n\r", AT_OK, 0);
    one("\r\r\r\nOK\r\r\n", AT_OK, 0);
}

static void
t_garbage_and_nuls(void)
{
    static const char s[] = "\x00\xff\x13 \x01junk\x7f\r\n\x00O\x00K\x00\r\n";
    struct at_parser ap;
    struct run r = {0};
    at_init(&ap);
    feed(&ap, s, sizeof(s) - 1, 0, &r);
    REQUIRE_EQ(r.n, 1);
    CHECK_EQ(r.ev[0].result, AT_OK);
    CHECK_EQ(ap.lines_other, 1);
}

/* After CONNECT the line carries PPP: the parser must stop right there and
 * leave the rest of the read to the caller. */
static void
t_stops_after_connect(void)
{
    static const char s[] = "\r\nCONNECT 57600\r\n~\xff\x7d\x23";
    struct at_parser ap;
    at_init(&ap);
    struct at_event ev;
    bool got;
    size_t used = at_feed(&ap, (const uint8_t *)s, sizeof(s) - 1, &ev, &got);
    CHECK(got);
    CHECK_EQ(ev.result, AT_CONNECT);
    CHECK_EQ(ev.bps, 57600);
    CHECK_EQ(used, strlen("\r\nCONNECT 57600\r"));
}

static void
t_overlong_lines(void)
{
    char s[AT_LINE_MAX * 3 + 32];
    memset(s, 'X', AT_LINE_MAX * 3);
    /* an overlong line ending in a result word is still no result */
    memcpy(s + AT_LINE_MAX * 3 - 2, "OK", 2);
    strcpy(s + AT_LINE_MAX * 3, "\r\nOK\r\n");
    for (size_t chunk = 0; chunk <= 7; chunk += 7) {
        struct at_parser ap;
        struct run r = {0};
        at_init(&ap);
        feed(&ap, s, strlen(s), chunk, &r);
        REQUIRE_EQ(r.n, 1);
        CHECK_EQ(r.ev[0].result, AT_OK);
        CHECK_EQ(ap.lines_overlong, 1);
    }
    /* exactly AT_LINE_MAX fits */
    char t[AT_LINE_MAX + 4];
    memset(t, ' ', AT_LINE_MAX);
    memcpy(t + AT_LINE_MAX - 4, "BUSY", 4);
    memcpy(t + AT_LINE_MAX, "\r\n", 3);
    one(t, AT_BUSY, 0);
}

static void
t_huge_speed_saturates(void)
{
    one("CONNECT 99999999999999999999\r", AT_CONNECT, UINT32_MAX);
}

/* 27.007: a query's answer is kept for the dialog ("+CPIN: SIM PIN"
 * before its OK), "+CME ERROR: <n>" is a final ERROR, and the numbers of
 * "+CREG: 2,1,..." or "+CSQ: 20,99" read back. */
static void
t_cellular_info(void)
{
    struct at_parser ap;
    struct at_event ev;
    bool got;
    at_init(&ap);
    static const char q[] = "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n";
    at_feed(&ap, (const uint8_t *)q, sizeof(q) - 1, &ev, &got);
    CHECK(got);
    CHECK_EQ(ev.result, AT_OK);
    CHECK_STR(ap.info, "+CPIN: SIM PIN");
    static const char e[] = "\r\n+CME ERROR: 16\r\n";
    at_feed(&ap, (const uint8_t *)e, sizeof(e) - 1, &ev, &got);
    CHECK(got);
    CHECK_EQ(ev.result, AT_ERROR);
    CHECK_STR(ap.info, "+CME ERROR: 16");
    long v[3] = {0};
    CHECK_EQ(at_info_numbers("+CREG: 2,1,\"00C3\",\"0010\"", "+CREG", v, 2), 2);
    CHECK_EQ(v[0], 2);
    CHECK_EQ(v[1], 1);
    CHECK_EQ(at_info_numbers("+CSQ: 20,99", "+CSQ", v, 3), 2);
    CHECK_EQ(v[0], 20);
    CHECK_EQ(at_info_numbers("+creg:5", "+CREG", v, 2), 1);
    CHECK_EQ(v[0], 5);
    CHECK_EQ(at_info_numbers("+CEREG: 0,1", "+CREG", v, 2), 0);
    CHECK_EQ(at_info_numbers("+CREG:", "+CREG", v, 2), 0);
    CHECK_EQ(at_info_numbers("", "+CSQ", v, 2), 0);
}

static void
t_errors(void)
{
    CHECK_EQ(at_result_error(AT_OK), 0);
    CHECK_EQ(at_result_error(AT_CONNECT), 0);
    CHECK_EQ(at_result_error(AT_RING), 0);
    CHECK_EQ(at_result_error(AT_BUSY), 676);
    CHECK_EQ(at_result_error(AT_NO_ANSWER), 678);
    CHECK_EQ(at_result_error(AT_NO_CARRIER), 679);
    CHECK_EQ(at_result_error(AT_NO_DIALTONE), 680);
    /* Windows: 651 "the modem reported an error"; 652 is an unrecognized
     * response */
    CHECK_EQ(at_result_error(AT_ERROR), ERROR_FROM_DEVICE);
    CHECK_EQ(ERROR_FROM_DEVICE, 651);
    CHECK_STR(at_result_name(AT_NO_DIALTONE), "NO DIALTONE");
    CHECK_STR(at_result_name(AT_CONNECT), "CONNECT");
}

int
main(void)
{
    TH_RUN(t_verbose_codes);
    TH_RUN(t_cellular_info);
    TH_RUN(t_numeric_codes);
    TH_RUN(t_not_results);
    TH_RUN(t_split_every_byte);
    TH_RUN(t_echo_then_result);
    TH_RUN(t_line_endings);
    TH_RUN(t_garbage_and_nuls);
    TH_RUN(t_stops_after_connect);
    TH_RUN(t_overlong_lines);
    TH_RUN(t_huge_speed_saturates);
    TH_RUN(t_errors);
    return th_done();
}
