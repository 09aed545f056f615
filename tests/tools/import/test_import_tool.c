/* The built rasphone importing the corpus (RAS_IMPORT_ROOT standing for /)
 * into a scratch phonebook: entries read back through rasphone show, the
 * DEVICE and MEDIA keys and the secrets where they belong, the not-mapped
 * report, and nothing written for a malformed file, a taken name or a
 * dry run. argv[1] = rasphone, argv[2] = the corpus. */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "import_test.h"

static const char *rasphone, *corpus;

struct out {
    int status;
    char out[32768], err[8192];
};
static struct out O;

/* FILE in the scratch directory. */
static void
slurp(const char *file, char *buf, size_t n)
{
    char p[1024];
    snprintf(p, sizeof(p), "%s/%s", th_tmpdir(), file);
    import_test_read(p, buf, n);
}

/* rasphone ARGS (a shell word list: the corpus paths hold no quote) in
 * the scratch directory, its own XDG_CONFIG_HOME, stdout and stderr kept. */
static void
rasphone_run(const char *fmt, ...)
{
    char args[1024], cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof(args), fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof(cmd), "cd '%s' && RAS_IMPORT_ROOT='%s' XDG_CONFIG_HOME='%s/xdg' "
             "'%s' %s >out 2>err </dev/null", th_tmpdir(), corpus, th_tmpdir(), rasphone, args);
    int st = system(cmd);
    O.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    slurp("out", O.out, sizeof(O.out));
    slurp("err", O.err, sizeof(O.err));
}

static bool
pbk_text(char *buf, size_t n, const char *suffix)
{
    char rel[64];
    snprintf(rel, sizeof(rel), "xdg/ras/rasphone.pbk%s", suffix);
    slurp(rel, buf, n);
    return buf[0] != '\0';
}

#define CHECK_HAS(hay, needle) do { if (!strstr((hay), (needle))) th_fail(__FILE__, \
    __LINE__, "\"%s\" not in:\n%s", (needle), (hay)); } while (0)
#define CHECK_LACKS(hay, needle) do { if (strstr((hay), (needle))) th_fail(__FILE__, \
    __LINE__, "\"%s\" in:\n%s", (needle), (hay)); } while (0)

static void
t_corpus_round_trip(void)
{
    static char pbk[65536], cred[8192];
    rasphone_run("import pppd:gprs pppd:telemetry wvdial");
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "imported 'gprs' from ");
    CHECK_HAS(O.out, "imported 'office-night' from ");
    rasphone_run("import nm:%s/nm/Mobile.nmconnection %s/etc/ppp/peers/isp-pots "
                 "%s/nm/agent.nmconnection", corpus, corpus, corpus);
    CHECK_EQ(O.status, 0);
    rasphone_run("list");
    CHECK_HAS(O.out, "gprs\ntelemetry\numts\noffice\noffice-night\nMobile Broadband\n"
                     "isp-pots\nWork LTE\n");

    rasphone_run("show gprs");
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "\nnumber=*99#\n");
    CHECK_HAS(O.out, "\ndevice=ttyUSB2\ndevice-type=modem\ntype=phone\nframing=ppp\n");
    CHECK_HAS(O.out, "\nredial-pause=10\n");
    CHECK_HAS(O.out, "\ndefault-gateway=yes\n");
    CHECK_HAS(O.out, "\nip-header-compression=no\nsw-compression=no\n");
    CHECK_HAS(O.out, "\ninit=ATE1\napn=internet.example\nuser=web\npassword=(saved)\n");
    rasphone_run("show telemetry");
    CHECK_HAS(O.out, "\nnumber=0123456789\n");
    CHECK_HAS(O.out, "\nidle-disconnect=600\n");
    CHECK_HAS(O.out, "\ndefault-gateway=no\n");
    CHECK_HAS(O.out, "\ninit=AT&K3|ATS7=90|ATX3\nuser=telem\npassword=(none)\n");
    rasphone_run("show office-night");
    CHECK_HAS(O.out, "\nnumber=9,5550199\n");
    CHECK_HAS(O.out, "\ndevice=ttyS1\n");
    CHECK_HAS(O.out, "\nredial-count=2\n");
    CHECK_HAS(O.out, "\nidle-disconnect=300\n");
    CHECK_HAS(O.out, "\ninit=ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0|ATM0\nuser=jdoe\n"
                     "password=(saved)\n");
    rasphone_run("show 'Mobile Broadband'");
    CHECK_HAS(O.out, "\nnumber=*99#\n");
    CHECK_HAS(O.out, "\npin=(saved)\n");  /* the keyfile's SIM PIN */
    CHECK_HAS(O.out, "\nuser=user\npassword=(saved)\n");
    rasphone_run("show 'Work LTE'");
    CHECK_HAS(O.out, "\ndevice=ttyACM0\n");
    CHECK_HAS(O.out, "\nuser=alice\npassword=(none)\n");

    /* the keys RASENTRY does not carry, in the blocks Windows keeps them */
    REQUIRE(pbk_text(pbk, sizeof(pbk), ""));
    CHECK_HAS(pbk, "ConnectBPS=115200\n\nDEVICE=modem\nApn=internet.example\n"
                   "InitCommands=ATE1\n");
    CHECK_HAS(pbk, "DEVICE=modem\nApn=broadband.example\n");
    CHECK_HAS(pbk, "ConnectBPS=9600\n");
    CHECK_HAS(pbk, "HwFlowControl=0\n");
    CHECK_HAS(pbk, "Apn=corp.apn.example\n");
    /* secrets are in the credentials file only */
    CHECK_LACKS(pbk, "s3cret");
    CHECK_LACKS(pbk, "guest");
    CHECK_LACKS(pbk, "=web");
    CHECK_LACKS(pbk, "pass\n");
    CHECK_LACKS(pbk, "=1234");
    REQUIRE(pbk_text(cred, sizeof(cred), ".cred"));
    /* the SIM PIN is kept beside the password, encoded, never in clear */
    CHECK_HAS(cred, "SimPin=");
    CHECK_LACKS(cred, "1234");
}

/* What could not be mapped is said, file and line, beside the entry. */
static void
t_not_mapped_report(void)
{
    rasphone_run("import pppd:gprs nm:%s/nm/Mobile.nmconnection", corpus);
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "/etc/ppp/peers/gprs:18: persist: not mapped:");
    CHECK_HAS(O.out, "/etc/chatscripts/gprs:10: TIMEOUT 12: the modem port's own deadlines");
    CHECK_HAS(O.out, "Mobile.nmconnection:16: home-only=true: not mapped\n");
    CHECK_HAS(O.out, "  SIM PIN: (to the credentials file)\n");
    CHECK_HAS(O.out, "  no serial port named: the entry uses the loopback port until "
                     "rasphone edit --device\n");
}

/* A malformed source among good ones: its file and line, and no phonebook
 * written at all. */
static void
t_malformed_writes_nothing(void)
{
    static const struct { const char *src, *want; } cases[] = {
        { "malformed/unclosed-quote", "unclosed-quote:2: a quote not closed\n" },
        { "malformed/chat-keyword", "chat-keyword:2: ABORT without its argument\n" },
        { "malformed/wvdial-no-equals.conf", "no-equals.conf:3: neither [section]" },
        { "malformed/wifi.nmconnection", "wifi.nmconnection:3: type=wifi: only gsm" },
        { "nm/missing.nmconnection", "missing.nmconnection: No such file" },
    };
    char pbk[256];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rasphone_run("import pppd:gprs %s/%s", corpus, cases[i].src);
        CHECK_EQ(O.status, 251);
        CHECK_HAS(O.err, cases[i].want);
        CHECK_HAS(O.err, "Remote Access error 87 - ");
        CHECK_EQ(O.out[0], '\0');
        CHECK(!pbk_text(pbk, sizeof(pbk), ""));
    }
    rasphone_run("import pppd:../gprs");
    CHECK_EQ(O.status, 251);
    CHECK_HAS(O.err, "pppd:../gprs: not a pppd peer name");
}

static void
t_taken_name_needs_replace(void)
{
    static char before[65536], after[65536];
    rasphone_run("import pppd:gprs");
    REQUIRE_EQ(O.status, 0);
    rasphone_run("edit gprs --number=5550000");
    REQUIRE_EQ(O.status, 0);
    REQUIRE(pbk_text(before, sizeof(before), ""));
    /* a taken name stops the whole import before anything is written */
    rasphone_run("import wvdial:umts pppd:gprs");
    CHECK_EQ(O.status, 251);
    CHECK_HAS(O.err, "'gprs' is in the phonebook already (--replace overwrites it)\n");
    CHECK_HAS(O.err, "Remote Access error 183 - ");
    pbk_text(after, sizeof(after), "");
    CHECK_STR(after, before);
    rasphone_run("import --replace pppd:gprs");
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "imported 'gprs' from ");
    CHECK_HAS(O.out, " (replaced)\n");
    rasphone_run("show gprs");
    CHECK_HAS(O.out, "\nnumber=*99#\n");
    /* the old entry's saved credentials go with it */
    rasphone_run("import %s/nm/agent.nmconnection", corpus);
    REQUIRE_EQ(O.status, 0);
    rasphone_run("edit 'Work LTE' --domain=CORP --user=bob");
    REQUIRE_EQ(O.status, 0);
    rasphone_run("import --replace %s/nm/agent.nmconnection", corpus);
    CHECK_EQ(O.status, 0);
    rasphone_run("show 'Work LTE'");
    CHECK_HAS(O.out, "\nuser=alice\npassword=(none)\n");
    CHECK_LACKS(O.out, "CORP");
    /* two sources naming one entry */
    rasphone_run("import --replace pppd:gprs pppd:gprs");
    CHECK_EQ(O.status, 251);
    CHECK_HAS(O.err, "'gprs' comes twice");
}

static void
t_dry_run_writes_nothing(void)
{
    char pbk[256];
    rasphone_run("import --dry-run pppd:gprs wvdial:office");
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "would import 'gprs' from ");
    CHECK_HAS(O.out, "  number=*99#\n  device=ttyUSB2\n  init=ATE1\n  apn=internet.example\n"
                     "  speed=115200\n  user=web\n  password=(to the credentials file)\n");
    CHECK_HAS(O.out, "would import 'office' from ");
    /* chat -f with a relative name: from /, where pppd runs connect */
    rasphone_run("import --dry-run pppd:relative");
    CHECK_EQ(O.status, 0);
    CHECK_HAS(O.out, "  number=*99***1#\n  device=ttyACM0\n  init=ATE1\n"
                     "  apn=internet.example\n");
    CHECK_LACKS(O.out, "s3cret");
    CHECK(!pbk_text(pbk, sizeof(pbk), ""));
}

static void
t_usage(void)
{
    rasphone_run("list --dry-run");
    CHECK_EQ(O.status, 252);
    CHECK_HAS(O.err, "--dry-run and --replace only go with import, not 'list'");
    rasphone_run("import");
    CHECK_EQ(O.status, 252);
    rasphone_run("--help");
    CHECK_HAS(O.out, "\n  import SOURCE...       entries from pppd:PEER, wvdial[:NAME], "
                     "nm:FILE, FILE\n");
}

int
main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s RASPHONE CORPUS\n", argv[0]);
        return 99;
    }
    /* the commands run in the scratch directory */
    static char exe[4096], dir[4096];
    if (!realpath(argv[1], exe) || !realpath(argv[2], dir)) {
        perror("realpath");
        return 99;
    }
    rasphone = exe;
    corpus = dir;
    TH_RUN(t_corpus_round_trip);
    TH_RUN(t_not_mapped_report);
    TH_RUN(t_malformed_writes_nothing);
    TH_RUN(t_taken_name_needs_replace);
    TH_RUN(t_dry_run_writes_nothing);
    TH_RUN(t_usage);
    return th_done();
}
