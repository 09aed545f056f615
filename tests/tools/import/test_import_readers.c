/* rasphone import's readers (tools/rasphone/import_*.c) over the corpus in
 * tests/tools/import/corpus: what each file becomes, what is reported as
 * not mapped (file and line), malformed files refused with file and line,
 * and wvdial's reader (the one that allocates) under allocation faults.
 * The harness checks allocations and descriptors are back after each. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "raserror.h"

#include "harness.h"
#include "import.h"

static const char *corpus;
static char text[IMP_MAX_FILE + 1];
static size_t text_len;
static char path[1024], detail[IMP_DETAIL_LEN];

/* Reads corpus/REL into text; path gets its name. */
static void
load(const char *rel)
{
    snprintf(path, sizeof(path), "%s/%s", corpus, rel);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    ssize_t n = read(fd, text, sizeof(text) - 1);
    close(fd);
    REQUIRE(n >= 0);
    text_len = (size_t)n;
    text[n] = '\0';
}

/* Whether some note ends with path's tail "FILE:LINE: what..." */
static bool
has_note(const struct imp_entry *e, const char *needle)
{
    for (unsigned i = 0; i < e->n_notes; i++)
        if (strstr(e->notes[i], needle))
            return true;
    return false;
}

#define CHECK_NOTE(e, s) do { if (!has_note((e), (s))) \
    th_fail(__FILE__, __LINE__, "no note with \"%s\"", (s)); } while (0)

static void
free_all(struct imp_entry **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        imp_entry_free(list[i]);
}

static void
t_pppd_with_chat_file(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    load("etc/ppp/peers/gprs");
    CHECK_EQ(imp_pppd_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_STR(e->device, "ttyUSB2");
    CHECK_EQ(e->bps, 115200);
    CHECK_STR(e->user, "web");
    CHECK_STR(e->password, "web");
    CHECK_EQ(e->hw_flow, 1);
    CHECK_EQ(e->default_route, 1);
    CHECK_EQ(e->vj, 0);
    CHECK_EQ(e->ccp, 0);
    CHECK_EQ(e->redial_pause, 10);
    CHECK(!e->has_redial_count);
    CHECK_STR(e->chat_file, "/etc/chatscripts/gprs");
    CHECK_STR(e->chat_phone, "*99#");
    CHECK_EQ(e->chat_line, 5);
    CHECK_NOTE(e, "peers/gprs:19: maxfail 0:");
    CHECK_NOTE(e, "peers/gprs:18: persist: not mapped");
    CHECK_NOTE(e, "peers/gprs:24: debug: not mapped");
    /* mapped or OpenRAS's way: nothing said */
    CHECK(!has_note(e, ":10:") && !has_note(e, "noauth") && !has_note(e, "usepeerdns"));
    load("etc/chatscripts/gprs");
    CHECK_EQ(imp_chat_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_STR(e->number, "*99#");
    CHECK_STR(e->apn, "internet.example");
    CHECK_EQ(e->n_init, 1);
    CHECK_STR(e->init[0], "ATE1");
    CHECK_NOTE(e, "chatscripts/gprs:3: ABORT 'VOICE'");
    CHECK_NOTE(e, "chatscripts/gprs:8: ABORT '+CGATT: 0'");
    CHECK_NOTE(e, "chatscripts/gprs:10: TIMEOUT 12");
    CHECK(!has_note(e, "'BUSY'") && !has_note(e, "NO CARRIER"));
    imp_entry_free(e);
}

static void
t_pppd_inline_chat(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    load("etc/ppp/peers/isp-pots");
    CHECK_EQ(imp_pppd_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_STR(e->device, "ttyS0");
    CHECK_EQ(e->bps, 57600);
    CHECK_STR(e->number, "5551234");
    CHECK_EQ(e->n_init, 1);
    CHECK_STR(e->init[0], "AT&F1M0");
    CHECK(!e->chat_file[0]);
    CHECK_NOTE(e, "isp-pots:3: 'ogin:' then 'ppp': a dialogue after dialling");
    CHECK_NOTE(e, "isp-pots:8: mtu 1492: not mapped");
    imp_entry_free(e);
}

static void
t_chat_keywords_and_escapes(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    load("etc/ppp/peers/telemetry");
    CHECK_EQ(imp_pppd_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_EQ(e->hw_flow, 0);
    CHECK_EQ(e->default_route, 0);  /* pppd's default: no default route */
    CHECK_EQ(e->idle, 600);
    CHECK_NOTE(e, "telemetry:4: local: not mapped");
    CHECK_NOTE(e, "telemetry:7: disconnect");
    CHECK_NOTE(e, "telemetry:8: '10.1.2.3:10.1.2.1'");
    CHECK_NOTE(e, "telemetry:10: call provider-common");
    load("etc/chatscripts/telemetry");
    CHECK_EQ(imp_chat_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    /* \d and \c go; ATZ is the port's own; the pulse number is kept */
    CHECK_EQ(e->n_init, 3);
    CHECK_STR(e->init[0], "AT&K3");
    CHECK_STR(e->init[1], "ATS7=90");
    CHECK_STR(e->init[2], "ATX3");
    CHECK_STR(e->number, "0123456789");
    CHECK_NOTE(e, "chatscripts/telemetry:1: SAY");
    CHECK_NOTE(e, "chatscripts/telemetry:11: 'ATDP0123456789': pulse dialling");
    CHECK_NOTE(e, "chatscripts/telemetry:13: CLR_ABORT BUSY");
    imp_entry_free(e);
}

/* Send strings the modem could not be given as an init command. */
static void
t_chat_unmappable_sends(void)
{
    static const char script[] =
        "'' ATZ\n"
        "OK ATD\\T\n"          /* \T without -T */
        "OK AT^C\n"            /* a control character */
        "OK AT\\U\n"
        "OK 'AT+CPIN=\"4321\"'\n"
        "OK 'AT+CGDCONT=1,\"IP\",\"an apn\"'\n"
        "OK AT1\nOK AT2\nOK AT3\nOK AT4\nOK AT5\nOK AT6\nOK AT7\nOK AT8\nOK AT9\n"
        "OK AT0123456789012345678901234567890123456789012345678901234567890\n";
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    CHECK_EQ(imp_chat_read(e, "s", script, strlen(script), detail, sizeof(detail)), 0);
    CHECK_NOTE(e, "s:2: send 'ATD\\T': \\T without chat -T");
    CHECK_NOTE(e, "s:3: send 'AT^C': a control character");
    CHECK_NOTE(e, "s:4: send 'AT\\U'");
    CHECK_STR(e->pin, "4321");
    CHECK_NOTE(e, "s:6: 'AT+CGDCONT=1,\"IP\",\"an apn\"': no APN the modem port can send");
    CHECK(!e->apn[0]);
    CHECK_EQ(e->n_init, 8);
    CHECK_STR(e->init[7], "AT8");
    CHECK_NOTE(e, "s:15: 'AT9': more than 8 init commands");
    CHECK_NOTE(e, "s:16: 'AT01234");
    CHECK(!e->number[0]);
    imp_entry_free(e);
}

/* connect's chat options, a value in the same word or the next. */
static void
t_chat_command_options(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    CHECK_EQ(imp_chat_command(e, "p", 7, "exec /usr/sbin/chat -vs -t15 -T*99# '' AT "
                              "OK 'AT+CGDCONT=1,\"IP\",\"apn.example\"' OK ATD\\T CONNECT",
                              detail, sizeof(detail)), 0);
    CHECK_STR(e->number, "*99#");
    CHECK_STR(e->apn, "apn.example");
    CHECK_EQ(e->n_notes, 1);
    CHECK_NOTE(e, "p:7: chat -t 15: not mapped");
    imp_entry_free(e);
    REQUIRE((e = imp_entry_new()) != NULL);
    CHECK_EQ(imp_chat_command(e, "p", 3, "chat -V -f/etc/chatscripts/x", detail,
                              sizeof(detail)), 0);
    CHECK_STR(e->chat_file, "/etc/chatscripts/x");
    CHECK_EQ(e->chat_line, 3);
    imp_entry_free(e);
    REQUIRE((e = imp_entry_new()) != NULL);
    CHECK_EQ(imp_chat_command(e, "p", 4, "/etc/ppp/my-dialer --fast", detail,
                              sizeof(detail)), 0);
    CHECK_NOTE(e, "p:4: connect runs '/etc/ppp/my-dialer', not chat; not mapped");
    imp_entry_free(e);
}

/* A wvdial Init is sent as it is: only printable ASCII starting AT is an
 * init command the modem port takes. */
static void
t_wvdial_init_not_at(void)
{
    static const char conf[] = "[Dialer Defaults]\nModem = /dev/ttyS0\nPhone = 1\n"
                               "Init2 = +++\nInit3 = AT\xc3\xa9\nInit4 = ATM1\n";
    struct imp_entry *l[IMP_MAX_ENTRIES];
    size_t n = 0;
    REQUIRE_EQ(imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, "w", conf, strlen(conf), NULL, detail,
                               sizeof(detail)), 0);
    REQUIRE_EQ(n, 1);
    CHECK_STR(l[0]->name, "wvdial");
    CHECK_EQ(l[0]->n_init, 1);
    CHECK_STR(l[0]->init[0], "ATM1");
    CHECK_NOTE(l[0], "w:4: '+++': not an AT command");
    CHECK_NOTE(l[0], "w:5: 'AT");
    free_all(l, n);
}

static void
t_wvdial_sections_and_inheritance(void)
{
    struct imp_entry *l[IMP_MAX_ENTRIES];
    size_t n = 0;
    load("etc/wvdial.conf");
    REQUIRE_EQ(imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, path, text, text_len, NULL, detail,
                               sizeof(detail)), 0);
    REQUIRE_EQ(n, 3);
    CHECK_STR(l[0]->name, "umts");
    CHECK_STR(l[0]->number, "*99#");
    CHECK_STR(l[0]->apn, "broadband.example");
    CHECK_STR(l[0]->device, "ttyUSB0");
    CHECK_EQ(l[0]->bps, 460800);
    CHECK_EQ(l[0]->n_init, 1);  /* Init1 ATZ is the port's own */
    CHECK_STR(l[0]->init[0], "ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0");
    CHECK_STR(l[0]->password, "guest");
    CHECK_EQ(l[0]->n_notes, 0);
    CHECK_STR(l[1]->name, "office");
    CHECK_STR(l[1]->number, "9,5550100");
    CHECK_STR(l[1]->device, "ttyS1");
    CHECK_EQ(l[1]->idle, 300);
    CHECK_NOTE(l[1], "wvdial.conf:28: Carrier Check no");
    CHECK_NOTE(l[1], "wvdial.conf:29: Auto DNS off");
    /* office-night: office's settings, its own number and attempts */
    CHECK_STR(l[2]->name, "office-night");
    CHECK_STR(l[2]->number, "9,5550199");
    CHECK_STR(l[2]->user, "jdoe");
    CHECK_STR(l[2]->password, "s3cret");
    CHECK_EQ(l[2]->n_init, 2);
    CHECK_STR(l[2]->init[1], "ATM0");
    CHECK_EQ(l[2]->redial_count, 2);
    CHECK_NOTE(l[2], "wvdial.conf:36: Auto Reconnect: not mapped");
    free_all(l, n);
    /* one section asked for, by its dialer name */
    REQUIRE_EQ(imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, path, text, text_len, "office",
                               detail, sizeof(detail)), 0);
    REQUIRE_EQ(n, 1);
    CHECK_STR(l[0]->name, "office");
    free_all(l, n);
    CHECK_EQ(imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, path, text, text_len, "nope", detail,
                             sizeof(detail)), ERROR_INVALID_PARAMETER);
    CHECK(strstr(detail, "wvdial.conf:1: no [Dialer nope] section"));
}

static uint32_t
wvdial_once(void *ctx)
{
    struct imp_entry *l[IMP_MAX_ENTRIES];
    size_t n = 0;
    (void)ctx;
    uint32_t rc = imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, path, text, text_len, NULL, detail,
                                  sizeof(detail));
    if (rc == 0)
        free_all(l, n);
    return rc;
}

static void
t_wvdial_allocation_faults(void)
{
    load("etc/wvdial.conf");
    CHECK(th_fault_sweep("imp_wvdial_read", wvdial_once, NULL, ERROR_NOT_ENOUGH_MEMORY,
                         NULL) >= 4);
}

static void
t_nm_gsm(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    load("nm/Mobile.nmconnection");
    CHECK_EQ(imp_nm_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_STR(e->name, "Mobile Broadband");
    CHECK_STR(e->apn, "internet.example");
    CHECK_STR(e->number, "*99#");
    CHECK_STR(e->user, "user");
    CHECK_STR(e->password, "pass");
    CHECK_STR(e->pin, "1234");
    CHECK_EQ(e->default_route, 1);
    CHECK_NOTE(e, "Mobile.nmconnection:16: home-only=true: not mapped");
    CHECK_NOTE(e, "Mobile.nmconnection:27: method=auto: not mapped");
    CHECK(!has_note(e, "uuid") && !has_note(e, ":9:") && !has_note(e, "[proxy]"));
    imp_entry_free(e);
}

static void
t_nm_secrets_elsewhere(void)
{
    struct imp_entry *e = imp_entry_new();
    REQUIRE(e);
    load("nm/agent.nmconnection");
    CHECK_EQ(imp_nm_read(e, path, text, text_len, detail, sizeof(detail)), 0);
    CHECK_STR(e->name, "Work LTE");   /* \s is a space */
    CHECK_STR(e->device, "ttyACM0");
    CHECK_STR(e->number, "*99#");     /* ModemManager's default */
    CHECK(!e->password[0] && !e->pin[0]);
    CHECK_EQ(e->default_route, 0);
    CHECK_NOTE(e, "agent.nmconnection:10: password-flags:");
    CHECK_NOTE(e, "agent.nmconnection:11: pin-flags:");
    imp_entry_free(e);
}

/* Each malformed file: refused, with the file and the line to fix. */
static void
t_malformed(void)
{
    static const struct { const char *file, *want; int kind; } cases[] = {
        { "unclosed-quote", "unclosed-quote:2: a quote not closed", 0 },
        { "user-without-value", "user-without-value:3: user without its value", 0 },
        { "chat-keyword", "chat-keyword:2: ABORT without its argument", 0 },
        { "wvdial-no-equals.conf", "no-equals.conf:3: neither [section] nor KEY = VALUE", 1 },
        { "wvdial-loop.conf", "wvdial-loop.conf:1: Inherits goes round in a loop", 1 },
        { "wifi.nmconnection", "wifi.nmconnection:3: type=wifi: only gsm", 2 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char rel[128];
        struct imp_entry *l[IMP_MAX_ENTRIES], *e = imp_entry_new();
        size_t n = 0;
        uint32_t rc;
        REQUIRE(e);
        snprintf(rel, sizeof(rel), "malformed/%s", cases[i].file);
        load(rel);
        detail[0] = '\0';
        if (cases[i].kind == 0)
            rc = imp_pppd_read(e, path, text, text_len, detail, sizeof(detail));
        else if (cases[i].kind == 1)
            rc = imp_wvdial_read(l, &n, IMP_MAX_ENTRIES, path, text, text_len, NULL, detail,
                                 sizeof(detail));
        else
            rc = imp_nm_read(e, path, text, text_len, detail, sizeof(detail));
        CHECK_EQ(rc, ERROR_INVALID_PARAMETER);
        CHECK_EQ(n, 0);
        if (!strstr(detail, cases[i].want))
            th_fail(__FILE__, __LINE__, "%s: \"%s\", expected \"%s\"", cases[i].file, detail,
                    cases[i].want);
        imp_entry_free(e);
    }
}

/* Quoting as pppd and chat read it. */
static void
t_words(void)
{
    static const char s[] = "a 'b c' \"d\\\"e\" #x y\nf\\ g ''\n";
    char w[64];
    unsigned line;
    struct imp_words ws;
    imp_words_init(&ws, s, strlen(s), true);
    const char *want[] = { "a", "b c", "d\"e", "f g", "" };
    const unsigned lines[] = { 1, 1, 1, 2, 2 };
    for (size_t i = 0; i < 5; i++) {
        REQUIRE(imp_words_next(&ws, w, sizeof(w), &line));
        CHECK_STR(w, want[i]);
        CHECK_EQ(line, lines[i]);
    }
    CHECK(!imp_words_next(&ws, w, sizeof(w), &line));
    CHECK(!ws.error);
    /* chat keeps its escapes for itself */
    static const char chat[] = "'AT\\c' \"x\\\"y\"";
    imp_words_init(&ws, chat, strlen(chat), false);
    REQUIRE(imp_words_next(&ws, w, sizeof(w), &line));
    CHECK_STR(w, "AT\\c");
    REQUIRE(imp_words_next(&ws, w, sizeof(w), &line));
    CHECK_STR(w, "x\\\"y");
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS\n", argv[0]);
        return 99;
    }
    corpus = argv[1];
    TH_RUN(t_pppd_with_chat_file);
    TH_RUN(t_pppd_inline_chat);
    TH_RUN(t_chat_keywords_and_escapes);
    TH_RUN(t_chat_unmappable_sends);
    TH_RUN(t_chat_command_options);
    TH_RUN(t_wvdial_init_not_at);
    TH_RUN(t_wvdial_sections_and_inheritance);
    TH_RUN(t_wvdial_allocation_faults);
    TH_RUN(t_nm_gsm);
    TH_RUN(t_nm_secrets_elsewhere);
    TH_RUN(t_malformed);
    TH_RUN(t_words);
    return th_done();
}
