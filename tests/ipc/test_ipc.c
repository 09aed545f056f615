/* The libras <-> rasmand wire protocol: every message round-trips, and a
 * reader refuses anything that is not exactly one well-formed message
 * (short, long, wrong magic/version/type/length, bad strings). */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"

static struct ipc_msg m, m2;

static void
fill_dial(struct ipc_dial_req *d)
{
    memset(d, 0, sizeof(*d));
    snprintf(d->entry, sizeof(d->entry), "Demo ISP");
    snprintf(d->phonebook, sizeof(d->phonebook), "/tmp/x/rasphone.pbk");
    snprintf(d->phone, sizeof(d->phone), "555-0100");
    snprintf(d->device_type, sizeof(d->device_type), "modem");
    snprintf(d->device_name, sizeof(d->device_name), "loopback");
    snprintf(d->user, sizeof(d->user), "demo");
    snprintf(d->password, sizeof(d->password), "s3cret");
    snprintf(d->domain, sizeof(d->domain), "WORK");
    d->flags = IPC_DIAL_NOTIFY;
    d->options = 0x10;
    d->redial_count = 3;
    d->redial_pause_s = 60;
    d->ip_addr = 0x0a400002;
    d->frame_size = 1500;
    snprintf(d->init_cmds, sizeof(d->init_cmds), "ATX3\nAT+CGDCONT=1,\"IP\",\"net\"");
}

static void
t_dial_round_trip(void)
{
    struct ipc_dial_req d, out;
    fill_dial(&d);
    REQUIRE(ipc_enc_dial(&m, 42, &d));
    struct ipc_hdr h;
    REQUIRE(ipc_parse_hdr(m.buf, m.len, &h));
    CHECK_EQ(h.type, IPC_REQ_DIAL);
    CHECK_EQ(h.id, 42);
    CHECK_EQ(h.len, m.len - IPC_HDR_LEN);
    REQUIRE(ipc_dec_dial(m.buf, m.len, &out));
    CHECK(memcmp(&d, &out, sizeof(d)) == 0);
    ipc_msg_wipe(&m);
    CHECK_EQ(m.len, 0);
    for (size_t i = 0; i < 64; i++)
        CHECK_EQ(m.buf[i], 0);
}

/* Every proper prefix of a valid message (with its length field fixed up
 * to match, so only the payload check can catch it) is refused, and so is
 * the message with one byte more. */
static void
t_dial_rejects_short_and_trailing(void)
{
    struct ipc_dial_req d, out;
    fill_dial(&d);
    REQUIRE(ipc_enc_dial(&m, 1, &d));
    for (size_t n = IPC_HDR_LEN; n < m.len; n++) {
        memcpy(m2.buf, m.buf, n);
        uint32_t len = (uint32_t)(n - IPC_HDR_LEN);
        memcpy(m2.buf + 12, &len, 4);
        CHECK(!ipc_dec_dial(m2.buf, n, &out));
    }
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[m.len] = 0;
    uint32_t len = (uint32_t)(m.len + 1 - IPC_HDR_LEN);
    memcpy(m2.buf + 12, &len, 4);
    CHECK(!ipc_dec_dial(m2.buf, m.len + 1, &out));
    /* the header's length must match the datagram */
    CHECK(!ipc_dec_dial(m.buf, m.len - 1, &out));
}

/* The init commands may hold '\n' between them and no other control
 * character: an ESC or CR inside one would reach the modem as part of it. */
static void
t_dial_init_cmds_checked(void)
{
    struct ipc_dial_req d, out;
    static const char *const bad[] = { "ATX3\rATH", "AT\x1b", "AT\x7f", "AT\t1" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        fill_dial(&d);
        snprintf(d.init_cmds, sizeof(d.init_cmds), "%s", bad[i]);
        REQUIRE(ipc_enc_dial(&m, 1, &d));
        CHECK(!ipc_dec_dial(m.buf, m.len, &out));
    }
    fill_dial(&d);
    memset(d.init_cmds, 'A', IPC_INIT_CMDS_LEN);
    d.init_cmds[IPC_INIT_CMDS_LEN] = 0;
    REQUIRE(ipc_enc_dial(&m, 1, &d));
    REQUIRE(ipc_dec_dial(m.buf, m.len, &out));
    CHECK_STR(out.init_cmds, d.init_cmds);
}

static void
t_header_checks(void)
{
    struct ipc_hdr h;
    REQUIRE(ipc_enc_handle(&m, IPC_REQ_HANGUP, 7, 0x1234));
    REQUIRE(ipc_parse_hdr(m.buf, m.len, &h));
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[0] ^= 1;                              /* magic */
    CHECK(!ipc_parse_hdr(m2.buf, m.len, &h));
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[4] = IPC_VERSION + 1;                 /* a version we do not speak */
    CHECK(!ipc_parse_hdr(m2.buf, m.len, &h));
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[6] = 99;                              /* type */
    CHECK(!ipc_parse_hdr(m2.buf, m.len, &h));
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[12] = 9;                              /* length */
    CHECK(!ipc_parse_hdr(m2.buf, m.len, &h));
    CHECK(!ipc_parse_hdr(m.buf, IPC_HDR_LEN - 1, &h));
    CHECK(!ipc_parse_hdr(NULL, 0, &h));
    CHECK(!ipc_parse_hdr(m.buf, IPC_MAX_MSG + 1, &h));
}

static void
t_strings_are_checked(void)
{
    struct ipc_status s = { .error = 0, .state = 0x2000, .owner = 64124 };
    snprintf(s.device_type, sizeof(s.device_type), "modem");
    snprintf(s.device_name, sizeof(s.device_name), "loopback");
    REQUIRE(ipc_enc_rep_status(&m, 3, &s));
    struct ipc_status out;
    REQUIRE(ipc_dec_rep_status(m.buf, m.len, &out));
    CHECK_STR(out.device_name, "loopback");
    CHECK_EQ(out.owner, 64124);
    /* an embedded NUL in a string is refused */
    size_t at = IPC_HDR_LEN + 16 + 2 + 5 + 2;   /* first byte of device_name */
    memcpy(m2.buf, m.buf, m.len);
    m2.buf[at + 2] = 0;
    CHECK(!ipc_dec_rep_status(m2.buf, m.len, &out));
    /* a string longer than its field is refused (device_type holds 16) */
    struct ipc_msg *big = &m2;
    ipc_msg_init(big, IPC_REP_STATUS, 3);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_str(big, "0123456789abcdefg");
    ipc_put_str(big, "");
    ipc_put_str(big, "");
    REQUIRE(ipc_msg_finish(big));
    CHECK(!ipc_dec_rep_status(big->buf, big->len, &out));
    /* a string length pointing past the message is refused */
    ipc_msg_init(big, IPC_REP_STATUS, 3);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_u32(big, 0);
    ipc_put_u16(big, 200);
    REQUIRE(ipc_msg_finish(big));
    CHECK(!ipc_dec_rep_status(big->buf, big->len, &out));
}

static void
t_builder_overflow_is_sticky(void)
{
    ipc_msg_init(&m, IPC_REP_ERROR, 1);
    char s[IPC_MAX_STR + 2];
    memset(s, 'x', sizeof(s) - 1);
    s[sizeof(s) - 1] = '\0';
    ipc_put_str(&m, s);                       /* too long */
    ipc_put_u32(&m, 0);
    CHECK(!ipc_msg_finish(&m));
    ipc_msg_init(&m, IPC_REP_ERROR, 1);
    for (int i = 0; i < IPC_MAX_MSG / 8 + 1; i++)
        ipc_put_u64(&m, 1);
    CHECK(m.len <= IPC_MAX_MSG);
    CHECK(!ipc_msg_finish(&m));
}

static void
t_enum_round_trip_and_ceiling(void)
{
    static struct ipc_enum e, out;
    memset(&e, 0, sizeof(e));
    e.count = IPC_MAX_ENUM;
    for (uint32_t i = 0; i < e.count; i++) {
        e.conn[i].handle = ipc_handle_pack(i, 1, 0x55);
        e.conn[i].state = 0x2000;
        e.conn[i].owner = 64124 + i;
        memset(e.conn[i].entry, 'e', RAS_MaxEntryName);
        memset(e.conn[i].device_name, 'd', RAS_MaxDeviceName);
        memset(e.conn[i].phonebook, 'p', MAX_PATH - 1);
        snprintf(e.conn[i].device_type, sizeof(e.conn[i].device_type), "modem");
    }
    REQUIRE(ipc_enc_rep_enum(&m, 9, &e));
    REQUIRE(ipc_dec_rep_enum(m.buf, m.len, &out));
    CHECK_EQ(out.count, IPC_MAX_ENUM);
    CHECK(memcmp(&e, &out, sizeof(e)) == 0);
    e.count = IPC_MAX_ENUM + 1;
    CHECK(!ipc_enc_rep_enum(&m, 9, &e));
    /* a count above the ceiling is refused before anything is read */
    ipc_msg_init(&m2, IPC_REP_ENUM, 9);
    ipc_put_u32(&m2, 0);
    ipc_put_u32(&m2, IPC_MAX_ENUM + 1);
    REQUIRE(ipc_msg_finish(&m2));
    CHECK(!ipc_dec_rep_enum(m2.buf, m2.len, &out));
}

/* Each statistic a different value: RAS_STATS' order times 1000, plus 1. */
static void
fill_stats(struct ipc_stats *s)
{
    uint32_t *f[] = { &s->bytes_tx, &s->bytes_rx, &s->frames_tx, &s->frames_rx,
                      &s->crc_err, &s->timeout_err, &s->alignment_err, &s->hw_overrun_err,
                      &s->framing_err, &s->buffer_overrun_err, &s->compression_in,
                      &s->compression_out, &s->bps, &s->connect_ms };
    s->error = 0;
    for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
        *f[i] = (uint32_t)(i * 1000 + 1);
}

static void
t_small_messages_round_trip(void)
{
    uint64_t h;
    uint32_t a, b;
    REQUIRE(ipc_enc_rep_dial(&m, 5, 0, 0xabcdef));
    REQUIRE(ipc_dec_rep_dial(m.buf, m.len, &a, &h));
    CHECK_EQ(a, 0);
    CHECK_EQ(h, 0xabcdef);
    REQUIRE(ipc_enc_ev_state(&m, 77, 0x2001, 691));
    REQUIRE(ipc_dec_ev_state(m.buf, m.len, &h, &a, &b));
    CHECK_EQ(h, 77);
    CHECK_EQ(a, 0x2001);
    CHECK_EQ(b, 691);
    REQUIRE(ipc_enc_subscribe(&m, 6, 0, 3));
    REQUIRE(ipc_dec_subscribe(m.buf, m.len, &h, &a));
    CHECK_EQ(a, 3);
    REQUIRE(ipc_enc_ev_conn(&m, 8, 2));
    REQUIRE(ipc_dec_ev_conn(m.buf, m.len, &h, &a));
    CHECK_EQ(h, 8);
    REQUIRE(ipc_enc_empty(&m, IPC_REQ_ENUM, 2));
    CHECK(ipc_dec_empty(m.buf, m.len));
    CHECK(!ipc_dec_handle(m.buf, m.len, &h));
    struct ipc_stats s = { .error = 0 }, so;
    fill_stats(&s);
    REQUIRE(ipc_enc_rep_stats(&m, 4, &s));
    REQUIRE(ipc_dec_rep_stats(m.buf, m.len, &so));
    CHECK(memcmp(&s, &so, sizeof(s)) == 0);
    struct ipc_projection p, po;
    memset(&p, 0, sizeof(p));
    p.state = 0x2000;
    p.local_ip = 0x0a400002;
    p.dns1 = 0x0a400001;
    p.ipcp_up = 1;
    p.local_ifid = 0x1122334455667788ull;
    snprintf(p.ifname, sizeof(p.ifname), "ras0");
    REQUIRE(ipc_enc_rep_projection(&m, 4, &p));
    REQUIRE(ipc_dec_rep_projection(m.buf, m.len, &po));
    CHECK(memcmp(&p, &po, sizeof(p)) == 0);
    struct ipc_debug d = { .allocs = 12, .fds = 9, .rss_kib = 1000, .conns = 1 }, dout;
    REQUIRE(ipc_enc_rep_debug(&m, 1, &d));
    REQUIRE(ipc_dec_rep_debug(m.buf, m.len, &dout));
    CHECK(memcmp(&d, &dout, sizeof(d)) == 0);
}

/* IPC_REP_INFO (rasmon's daemon figures): every field back as sent, at its
 * fixed length (8 u32s, 3 u64s); a reply cut short is refused. */
static void
t_info_roundtrip(void)
{
    struct ipc_info i, io;
    memset(&i, 0, sizeof(i));
    memset(&io, 0, sizeof(io));
    i.pid = 4242;
    i.uid = 1000;
    i.flags = IPC_INFO_SYSTEM | IPC_INFO_TEST;
    i.uptime_ms = 0x123456789aull;
    i.rss_kib = 2048;
    i.private_kib = 700;
    i.fds = 11;
    i.conns = 3;
    i.clients = 4;
    i.allocs = 0xfedcba9876ull;
    i.alloc_bytes = 77;
    REQUIRE(ipc_enc_rep_info(&m, 5, &i));
    REQUIRE_EQ(m.len, IPC_HDR_LEN + 8 * 4 + 3 * 8);
    REQUIRE(ipc_dec_rep_info(m.buf, m.len, &io));
    CHECK(memcmp(&i, &io, sizeof(i)) == 0);
    m.buf[12] = (uint8_t)(m.buf[12] - 1);
    CHECK(!ipc_dec_rep_info(m.buf, m.len - 1, &io));
    REQUIRE(ipc_enc_empty(&m, IPC_REQ_INFO, 6));
    CHECK(ipc_dec_empty(m.buf, m.len));
}

/* IPC_REP_STATS on the wire: the header, then the error and the 14
 * statistics in RAS_STATS' order, each a little-endian u32 (the layout
 * rasmand and libras of the same IPC_VERSION agree on). */
static void
t_stats_wire_layout(void)
{
    struct ipc_stats s;
    fill_stats(&s);
    s.error = 0x01020304;
    REQUIRE(ipc_enc_rep_stats(&m, 9, &s));
    REQUIRE_EQ(m.len, IPC_HDR_LEN + 15 * 4);
    const uint8_t *p = m.buf + IPC_HDR_LEN;
    CHECK(p[0] == 4 && p[1] == 3 && p[2] == 2 && p[3] == 1);
    for (uint32_t i = 0; i < 14; i++) {
        const uint8_t *q = p + 4 + 4 * i;
        uint32_t v = q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
        CHECK_EQ(v, i * 1000 + 1);
    }
    CHECK_EQ(s.bytes_tx, 1);
    CHECK_EQ(s.connect_ms, 13001);
}

int
main(void)
{
    TH_RUN(t_dial_round_trip);
    TH_RUN(t_dial_rejects_short_and_trailing);
    TH_RUN(t_dial_init_cmds_checked);
    TH_RUN(t_header_checks);
    TH_RUN(t_strings_are_checked);
    TH_RUN(t_builder_overflow_is_sticky);
    TH_RUN(t_enum_round_trip_and_ceiling);
    TH_RUN(t_small_messages_round_trip);
    TH_RUN(t_stats_wire_layout);
    TH_RUN(t_info_roundtrip);
    return th_done();
}
