/* Drives the built rasphone and rasdial binaries over a scratch phonebook:
 * round trips, exit statuses, error lines, Windows switches, bad usage.
 * argv[1] = rasphone, argv[2] = rasdial. Children run in their own session
 * (no controlling terminal) so a password prompt reads stdin. */
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"

static const char *rasphone, *rasdial;

struct run {
    int status;        /* exit status, or -1 if it did not exit normally */
    char out[16384];
    char err[16384];
};

static void
slurp(const char *path, char *buf, size_t n)
{
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t r = read(fd, buf, n - 1);
    buf[r > 0 ? r : 0] = '\0';
    close(fd);
}

static void
path_in_tmp(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", th_tmpdir(), name);
}

/* Runs TOOL with the NULL-terminated arguments, stdin from `input` (may be
 * NULL: empty), XDG_CONFIG_HOME in the scratch directory. */
static void
run(struct run *r, const char *input, const char *tool, ...)
{
    const char *argv[32];
    int argc = 0;
    va_list ap;
    argv[argc++] = tool;
    va_start(ap, tool);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL && argc < 31)
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;

    char in[512], out[512], err[512], xdg[512];
    path_in_tmp(in, sizeof(in), "stdin");
    path_in_tmp(out, sizeof(out), "stdout");
    path_in_tmp(err, sizeof(err), "stderr");
    path_in_tmp(xdg, sizeof(xdg), "xdg");
    FILE *f = fopen(in, "we");
    REQUIRE(f);
    if (input)
        fputs(input, f);
    fclose(f);

    fflush(stdout);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        setsid();
        int i = open(in, O_RDONLY), o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600),
            e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (i < 0 || o < 0 || e < 0)
            _exit(126);
        dup2(i, 0);
        dup2(o, 1);
        dup2(e, 2);
        setenv("XDG_CONFIG_HOME", xdg, 1);
        setenv("LC_ALL", "C", 1);
        execv(tool, (char *const *)argv);
        _exit(127);
    }
    int st;
    REQUIRE(waitpid(pid, &st, 0) == pid);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    slurp(out, r->out, sizeof(r->out));
    slurp(err, r->err, sizeof(r->err));
}

#define CHECK_HAS(hay, needle) do { if (!strstr((hay), (needle))) \
    th_fail(__FILE__, __LINE__, "%s lacks \"%s\"; it is:\n%s", #hay, (needle), (hay)); } while (0)
#define CHECK_LACKS(hay, needle) do { if (strstr((hay), (needle))) \
    th_fail(__FILE__, __LINE__, "%s has \"%s\"; it is:\n%s", #hay, (needle), (hay)); } while (0)

static const char *
pbk(void)
{
    static char p[512];
    path_in_tmp(p, sizeof(p), "rasphone.pbk");
    return p;
}

/* The exact line a tool prints for a RAS error. */
static void
check_error_line(const struct run *r, uint32_t code)
{
    char msg[512], line[640];
    REQUIRE_EQ(RasGetErrorStringA(code, msg, sizeof(msg)), 0);
    snprintf(line, sizeof(line), "Remote Access error %u - %s\n", code, msg);
    CHECK_HAS(r->err, line);
}

static void
file_text(char *buf, size_t n)
{
    slurp(pbk(), buf, n);
}

static struct run R;

static void
t_help_and_version(void)
{
    run(&R, NULL, rasphone, "--help", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Usage: rasphone");
    run(&R, NULL, rasdial, "--help", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Usage: rasdial");
    run(&R, NULL, rasdial, "/?", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "/DISCONNECT");
    run(&R, NULL, rasphone, "--version", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "OpenRAS");
}

/* --help lists every command with its arguments, one line each. */
static void
t_help_lists_commands(void)
{
    static const char *const lines[] = {
        "\n  list                   entry names, one per line\n",
        "\n  show ENTRY             the entry's settings as KEY=VALUE lines\n",
        "\n  add ENTRY [--KEY=V]    create an entry (default device: loopback)\n",
        "\n  edit ENTRY --KEY=V...  change individual settings\n",
        "\n  rename OLD NEW         rename an entry\n",
        "\n  delete ENTRY           delete an entry\n",
        "\n  devices                the devices entries can use\n",
        "\n  dial ENTRY             dial (like rasdial ENTRY)\n",
        "\n  hangup ENTRY           hang up the entry's connection\n",
    };
    run(&R, NULL, rasphone, "--help", NULL);
    CHECK_EQ(R.status, 0);
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
        CHECK_HAS(R.out, lines[i]);
    CHECK_HAS(R.out, "Commands:\n  list ");
    CHECK_HAS(R.out, "hang up the entry's connection\nWindows switches: -a ENTRY add,");
    CHECK_HAS(R.out, "\n  number area-code country-code country-id device device-type\n");
}

/* Issue 10: a broadband entry the Windows way (Type=5, DEVICE=PPPoE, the
 * service name in PhoneNumber=, the interface as the device) and our
 * PppoeAcName= for the concentrator, shown back as options. */
static void
t_add_pppoe(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "DSL", "--type=pppoe", "--device=eth0",
        "--service=isp-fast", "--ac=ac-one", NULL);
    REQUIRE_EQ(R.status, 0);
    char text[16384];
    file_text(text, sizeof(text));
    CHECK_HAS(text, "Type=5\r\n");
    CHECK_HAS(text, "MEDIA=rastapi\r\n");
    CHECK_HAS(text, "Device=eth0\r\n");
    CHECK_HAS(text, "DEVICE=PPPoE\r\nPppoeAcName=ac-one\r\n");
    CHECK_HAS(text, "PhoneNumber=isp-fast\r\n");
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "DSL", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "type=broadband\n");
    CHECK_HAS(R.out, "device-type=PPPoE\n");
    CHECK_HAS(R.out, "number=isp-fast\n");
    CHECK_HAS(R.out, "ac=ac-one\n");
    /* --ac= clears it */
    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "DSL", "--ac=", NULL);
    CHECK_EQ(R.status, 0);
    file_text(text, sizeof(text));
    CHECK(strstr(text, "PppoeAcName") == NULL);
}

static void
t_add_show_edit(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Work", "--number=5551234", NULL);
    REQUIRE_EQ(R.status, 0);
    char text[16384];
    file_text(text, sizeof(text));
    CHECK_HAS(text, "[Work]");
    CHECK_HAS(text, "5551234");

    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Work", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "entry=Work\n");
    CHECK_HAS(R.out, "number=5551234\n");
    CHECK_HAS(R.out, "device=loopback\n");
    CHECK_HAS(R.out, "device-type=modem\n");
    CHECK_HAS(R.out, "framing=ppp\n");

    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "Work", "--number=999",
        "--redial-count=3", "--redial-pause=60", "--ip=10.0.0.2", "--default-gateway=yes",
        "--area-code=030", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Work", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "number=999\n");
    CHECK_HAS(R.out, "redial-count=3\n");
    CHECK_HAS(R.out, "redial-pause=60\n");
    CHECK_HAS(R.out, "ip=10.0.0.2\n");
    CHECK_HAS(R.out, "default-gateway=yes\n");
    CHECK_HAS(R.out, "area-code=030\n");
    CHECK_HAS(R.out, "device=loopback\n");  /* untouched fields stay */
}

static void
t_list_rename_delete(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Alpha", "--number=1", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Beta", "--number=2", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "list", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Alpha\n");
    CHECK_HAS(R.out, "Beta\n");

    run(&R, NULL, rasphone, "--phonebook", pbk(), "rename", "Alpha", "Gamma", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Alpha", NULL);
    CHECK_EQ(R.status, 23);
    check_error_line(&R, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Gamma", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "number=1\n");
    /* renaming onto an existing entry: 183, a Win32 code */
    run(&R, NULL, rasphone, "--phonebook", pbk(), "rename", "Gamma", "Beta", NULL);
    CHECK_EQ(R.status, 251);
    check_error_line(&R, ERROR_ALREADY_EXISTS);

    run(&R, NULL, rasphone, "--phonebook", pbk(), "delete", "Gamma", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "list", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_LACKS(R.out, "Gamma");
    CHECK_HAS(R.out, "Beta\n");
    run(&R, NULL, rasphone, "--phonebook", pbk(), "delete", "Gamma", NULL);
    CHECK_EQ(R.status, 23);
    check_error_line(&R, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
}

static void
t_windows_switches(void)
{
    run(&R, NULL, rasphone, "-f", pbk(), "-a", "Home", "--number=42", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "-f", pbk(), "-e", "Home", "--number=43", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "-f", pbk(), "show", "Home", NULL);
    CHECK_HAS(R.out, "number=43\n");
    /* -d dials with the saved credentials, -h hangs up */
    run(&R, "demo\n", rasphone, "-f", pbk(), "-e", "Home", "--device=loopback",
        "--device-type=modem", "--user=demo", "--ask-password", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "-f", pbk(), "-d", "Home", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Successfully connected to Home.\n");
    run(&R, NULL, rasphone, "-f", pbk(), "-d", "Nowhere", NULL);
    CHECK_EQ(R.status, 23);
    check_error_line(&R, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    run(&R, NULL, rasphone, "-f", pbk(), "-h", "Home", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "-f", pbk(), "-h", "Home", NULL);
    CHECK_EQ(R.status, ERROR_NO_CONNECTION - 600);
    check_error_line(&R, ERROR_NO_CONNECTION);
    run(&R, NULL, rasphone, "-f", pbk(), "-h", "Nowhere", NULL);
    CHECK_EQ(R.status, 23);
    run(&R, NULL, rasphone, "-f", pbk(), "-r", "Home", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "-f", pbk(), "show", "Home", NULL);
    CHECK_EQ(R.status, 23);
}

static void
t_add_errors(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Dup", "--number=1", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Dup", "--number=2", NULL);
    CHECK_EQ(R.status, 251);
    check_error_line(&R, ERROR_ALREADY_EXISTS);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "a/b", "--number=2", NULL);
    CHECK_EQ(R.status, 251);
    check_error_line(&R, ERROR_INVALID_NAME);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Dup", NULL);
    CHECK_HAS(R.out, "number=1\n");   /* the failed add changed nothing */
}

static void
t_usage_errors_touch_nothing(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Keep", "--number=7", NULL);
    REQUIRE_EQ(R.status, 0);
    char before[16384], after[16384];
    file_text(before, sizeof(before));

    run(&R, NULL, rasphone, "--bogus", NULL);
    CHECK_EQ(R.status, 252);
    CHECK_HAS(R.err, "--bogus");
    run(&R, NULL, rasphone, "frobnicate", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "Keep", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "Keep", "--redial-count=abc", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "Keep", "--ip=300.1.1.1", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Keep", "--number=1", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "rename", "Keep", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasphone, "-e", NULL);
    CHECK_EQ(R.status, 252);
    CHECK_HAS(R.err, "rasphone: option '-e' needs a value\nTry 'rasphone --help'.\n");

    /* each check of the command table, with its message */
    static const struct {
        const char *args[6];
        const char *err;
    } bad[] = {
        { { "frobnicate", "x" }, "unknown command 'frobnicate'" },
        { { "list", "extra" }, "wrong number of arguments for 'list'" },
        { { "show" }, "wrong number of arguments for 'show'" },
        { { "rename", "Keep", "New", "Other" }, "wrong number of arguments for 'rename'" },
        { { "rename", "a", "b", "c", "d" }, "unexpected argument 'd'" },
        { { "-a", "Keep", "extra" }, "wrong number of arguments for 'add'" },
        { { "-a", "Keep", "-r", "Keep" }, "more than one command (at -r)" },
        { { "-h", "Keep", "--user=bob" }, "settings only go with add or edit, not 'hangup'" },
        { { "-e", "Keep" }, "edit: nothing to change (give --KEY=VALUE)" },
        { { "--number" }, "option '--number' needs a value" },
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        const char *const *v = bad[i].args;
        run(&R, NULL, rasphone, "--phonebook", pbk(), v[0], v[1], v[2], v[3], v[4], v[5],
            NULL);
        CHECK_EQ(R.status, 252);
        CHECK_HAS(R.err, bad[i].err);
        CHECK_LACKS(R.out, "Connecting");
    }

    file_text(after, sizeof(after));
    CHECK_STR(after, before);
}

static void
t_credentials_never_in_phonebook(void)
{
    run(&R, "hunter2-secret\n", rasphone, "--phonebook", pbk(), "add", "Cred", "--number=5",
        "--user=bob", "--ask-password", NULL);
    REQUIRE_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Cred", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "user=bob\n");
    CHECK_HAS(R.out, "password=(saved)\n");
    CHECK_LACKS(R.out, "hunter2");
    char text[16384];
    file_text(text, sizeof(text));
    CHECK_LACKS(text, "hunter2");
}

/* Issue 11: a cellular entry's APN goes to the DEVICE block as Apn=
 * (checked as the modem port checks it); the SIM PIN, read from stdin,
 * goes to the credentials file only, and shows as saved; an empty one
 * clears it, a PIN that is no PIN changes nothing. */
static void
t_cellular_apn_and_pin(void)
{
    run(&R, "2468\n", rasphone, "--phonebook", pbk(), "add", "Mobile", "--number=*99#",
        "--device=/dev/ttyUSB2", "--device-type=modem", "--apn=internet.example", "--pin",
        NULL);
    REQUIRE_EQ(R.status, 0);
    char text[16384];
    file_text(text, sizeof(text));
    CHECK_HAS(text, "Apn=internet.example");
    CHECK_LACKS(text, "2468");
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Mobile", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "apn=internet.example\n");
    CHECK_HAS(R.out, "pin=(saved)\n");
    CHECK_LACKS(R.out, "2468");
    run(&R, "12ab\n", rasphone, "--phonebook", pbk(), "edit", "Mobile", "--pin", NULL);
    CHECK(R.status != 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "edit", "Mobile", "--apn=bad\"apn", NULL);
    CHECK_EQ(R.status, 252);         /* a usage error */
    run(&R, "\n", rasphone, "--phonebook", pbk(), "edit", "Mobile", "--pin", "--apn=", NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasphone, "--phonebook", pbk(), "show", "Mobile", NULL);
    CHECK_LACKS(R.out, "pin=");
    CHECK_LACKS(R.out, "apn=");
    file_text(text, sizeof(text));
    CHECK_LACKS(text, "Apn=");
}

static void
t_devices(void)
{
    run(&R, NULL, rasphone, "devices", NULL);
    CHECK_EQ(R.status, 0);
    size_t n = strlen(R.out);
    const char *last = "modem\tloopback\n";
    CHECK(n >= strlen(last) && strcmp(R.out + n - strlen(last), last) == 0);
}

static void
t_rasdial_unknown_entry(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Net", "--number=1", NULL);
    REQUIRE_EQ(R.status, 0);
    char sw[600];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    run(&R, NULL, rasdial, "Nowhere", sw, NULL);
    CHECK_EQ(R.status, 23);
    CHECK_HAS(R.out, "Connecting to Nowhere...\n");
    check_error_line(&R, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
    /* lower case, '-' prefix, GNU form: same switch */
    snprintf(sw, sizeof(sw), "-phonebook:%s", pbk());
    run(&R, NULL, rasdial, "Nowhere", "user", "pw", sw, NULL);
    CHECK_EQ(R.status, 23);
    run(&R, NULL, rasdial, "--phonebook", pbk(), "Nowhere", NULL);
    CHECK_EQ(R.status, 23);
    run(&R, NULL, rasdial, "Nowhere", "/disconnect", "--phonebook", pbk(), NULL);
    CHECK_EQ(R.status, 23);
    check_error_line(&R, ERROR_CANNOT_FIND_PHONEBOOK_ENTRY);
}

/* An entry on the loopback port (rasmand's simulated modem and ISP). */
static void
add_loopback_entry(const char *name, bool save_password)
{
    if (save_password)
        run(&R, "demo\n", rasphone, "--phonebook", pbk(), "add", name, "--number=555-0100",
            "--device=loopback", "--device-type=modem", "--user=demo", "--ask-password", NULL);
    else
        run(&R, NULL, rasphone, "--phonebook", pbk(), "add", name, "--number=555-0100",
            "--device=loopback", "--device-type=modem", NULL);
    REQUIRE_EQ(R.status, 0);
}

static void
check_no_connections(void)
{
    run(&R, NULL, rasdial, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "No connections\n");
}

static void
t_rasdial_dials_loopback(void)
{
    add_loopback_entry("Net", false);
    char sw[600];
    snprintf(sw, sizeof(sw), "/PhoneBook:%s", pbk());
    run(&R, NULL, rasdial, "Net", "demo", "demo", sw, "/DOMAIN:corp", "/PREFIXSUFFIX", NULL);
    REQUIRE_EQ(R.status, 0);
    CHECK_HAS(R.out, "Connecting to Net...\nVerifying username and password...\n"
                     "Registering your computer on the network...\n"
                     "Successfully connected to Net.\nCommand completed successfully.\n");
    /* the link stays up in rasmand after rasdial exits */
    run(&R, NULL, rasdial, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Connected to\nNet\nCommand completed successfully.\n");
    run(&R, NULL, rasdial, "Net", sw, "--status", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_Connected");
    CHECK_HAS(R.out, "IPv4 address    10.64.0.");
    CHECK_HAS(R.out, "DNS servers     10.64.0.1, 10.64.0.2");
    CHECK_HAS(R.out, "Authentication  ");
    run(&R, NULL, rasdial, "Net", sw, "--watch", "--count=2", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Rate ");
    /* dialing it again while up: Windows' rasdial says so and succeeds */
    run(&R, NULL, rasdial, "Net", "demo", "demo", sw, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "You are already connected to Net.\nCommand completed successfully.\n");
    run(&R, NULL, rasdial, "Net", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Command completed successfully.\n");
    check_no_connections();
    run(&R, NULL, rasdial, "Net", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, ERROR_NO_CONNECTION - 600);
    check_error_line(&R, ERROR_NO_CONNECTION);
}

static void
t_rasdial_wrong_password_leaves_nothing(void)
{
    add_loopback_entry("Net", false);
    char sw[600];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    run(&R, NULL, rasdial, "Net", "demo", "wrong", sw, NULL);
    CHECK_EQ(R.status, ERROR_AUTHENTICATION_FAILURE - 600);
    check_error_line(&R, ERROR_AUTHENTICATION_FAILURE);
    CHECK_LACKS(R.out, "Successfully");
    check_no_connections();
}

static void
t_rasdial_password_from_stdin_and_saved(void)
{
    add_loopback_entry("Net", false);
    char sw[600];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    /* * reads the password (here from stdin: no terminal) */
    run(&R, "demo\n", rasdial, "Net", "demo", "*", sw, NULL);
    CHECK_EQ(R.status, 0);
    run(&R, NULL, rasdial, "/DISCONNECT", NULL);   /* the only connection */
    CHECK_EQ(R.status, 0);
    check_no_connections();
    /* no password to read: a clean refusal */
    run(&R, NULL, rasdial, "Net", "demo", "*", sw, NULL);
    CHECK_EQ(R.status, 251);
    CHECK_HAS(R.err, "no password read");
    /* no user: the saved credentials, as Windows' rasdial */
    add_loopback_entry("Saved", true);
    run(&R, NULL, rasdial, "Saved", sw, "--verbose", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_OpenPort\n");
    CHECK_HAS(R.out, "RASCS_Authenticate\n");
    CHECK_HAS(R.out, "RASCS_Connected\n");
    run(&R, NULL, rasdial, "Saved", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, 0);
    check_no_connections();
}

static void
t_rasdial_usage(void)
{
    run(&R, NULL, rasdial, "/BOGUS", NULL);
    CHECK_EQ(R.status, 252);
    CHECK_HAS(R.err, "/BOGUS");
    run(&R, NULL, rasdial, "a", "b", "c", "d", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasdial, "Net", "/PHONE", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasdial, "Net", "/PREFIXSUFFIX:1", NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasdial, "Net", "user", "/DISCONNECT", NULL);
    CHECK_EQ(R.status, 252);
}

/* An entry name longer than RAS_MaxEntryName reaches RasDial unterminated,
 * so the library's answer (87) is what the user sees. */
static void
t_rasdial_long_entry(void)
{
    char name[400];
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    run(&R, NULL, rasdial, name, "--phonebook", pbk(), NULL);
    CHECK_EQ(R.status, 251);
    check_error_line(&R, ERROR_INVALID_PARAMETER);
}

/* "*" on a terminal: the prompt appears there, echo is off (the typed
 * password never comes back), and the dial proceeds. */
static void
t_rasdial_password_prompt_no_echo(void)
{
    add_loopback_entry("Net", false);
    char xdg[512];
    path_in_tmp(xdg, sizeof(xdg), "xdg");
    int master = -1;
    fflush(stdout);
    pid_t pid = forkpty(&master, NULL, NULL, NULL);
    REQUIRE(pid >= 0);
    if (pid == 0) {
        setenv("XDG_CONFIG_HOME", xdg, 1);
        execl(rasdial, rasdial, "Net", "demo", "*", "--phonebook", pbk(), (char *)NULL);
        _exit(127);
    }
    fcntl(master, F_SETFD, FD_CLOEXEC);
    char out[8192];
    size_t len = 0;
    bool sent = false;
    for (;;) {
        struct pollfd pfd = { .fd = master, .events = POLLIN };
        if (poll(&pfd, 1, 60000) <= 0)
            break;
        ssize_t r = read(master, out + len, sizeof(out) - 1 - len);
        if (r <= 0)
            break;   /* EIO once the child has exited */
        len += (size_t)r;
        out[len] = '\0';
        if (!sent && strstr(out, "password")) {
            /* give the tool time to switch echo off after its prompt */
            usleep(200000);
            REQUIRE(write(master, "demo\n", 5) == 5);
            sent = true;
        }
    }
    out[len] = '\0';
    close(master);
    int st;
    REQUIRE(waitpid(pid, &st, 0) == pid);
    CHECK(sent);
    const char *prompt = "Enter the password for demo to connect to Net: ";
    CHECK_HAS(out, prompt);
    const char *after = strstr(out, prompt);
    if (after)
        CHECK_LACKS(after + strlen(prompt), "demo");   /* not echoed */
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK_HAS(out, "Successfully connected to Net.");
    run(&R, NULL, rasdial, "Net", "/DISCONNECT", "--phonebook", pbk(), NULL);
    CHECK_EQ(R.status, 0);
}

/* Two groups, registered as two tests so they run in parallel (each tool
 * run is a process, and under valgrind a slow one). */

/* ---- issue 8: escapes, owners, dropped connections ---------------------- */

#define OTHER_UID 64124           /* no user has it: nothing of theirs to touch */

/* A path the user chose can hold escape sequences; every error line that
 * names it (a phonebook's file and line) prints them as \xNN. */
static void
t_tools_escape_what_they_print(void)
{
    char evil[600];
    path_in_tmp(evil, sizeof(evil), "evil\x1b]0;pwned\x07\x1b[2J.pbk");
    FILE *f = fopen(evil, "we");
    REQUIRE(f);
    fputs("[Net\nPhoneNumber=1\n", f);
    fclose(f);
    run(&R, NULL, rasphone, "--phonebook", evil, "list", NULL);
    CHECK_EQ(R.status, ERROR_CORRUPT_PHONEBOOK - 600);
    CHECK_HAS(R.err, "evil\\x1b]0;pwned\\x07\\x1b[2J.pbk:1:");
    CHECK(!strchr(R.err, 0x1b) && !strchr(R.err, 0x07));
    char sw[700];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", evil);
    run(&R, NULL, rasdial, "Net", sw, NULL);
    CHECK(R.status != 0);
    CHECK_HAS(R.err, "evil\\x1b]0;pwned\\x07");
    CHECK(!strchr(R.err, 0x1b) && !strchr(R.out, 0x1b));
}

static RASCONNSTATE
state_of(HRASCONN h)
{
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    return RasGetConnectStatusA(h, &s) == 0 ? s.rasconnstate : (RASCONNSTATE)-1;
}

/* Finding 5: while OTHER_UID holds "Root ISP", root's rasdial dials its
 * own, and --status and /DISCONNECT touch only root's; with --owner they
 * act on the user's. */
static void
t_rasdial_owner(void)
{
    if (geteuid() != 0) {
        th_skip("needs root to become another uid");
        return;
    }
    add_loopback_entry("Root ISP", false);
    char sw[600], owner[32];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    snprintf(owner, sizeof(owner), "--owner=%d", OTHER_UID);
    HRASCONN theirs = rmf_dial_as(OTHER_UID, "Root ISP", "555");
    REQUIRE(theirs != NULL);
    run(&R, NULL, rasdial, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Connected to\nRoot ISP (owner 64124)\n");
    run(&R, NULL, rasdial, "Root ISP", sw, "--status", NULL);
    CHECK_EQ(R.status, ERROR_NO_CONNECTION - 600);
    run(&R, NULL, rasdial, "Root ISP", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, ERROR_NO_CONNECTION - 600);
    CHECK_EQ(state_of(theirs), RASCS_Connected);
    /* root's own dial, the name in another case */
    run(&R, NULL, rasdial, "root isp", "demo", "demo", sw, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Successfully connected to root isp.\n");
    CHECK_LACKS(R.out, "already connected");
    /* listed under the name it was dialed by; the user's with its owner */
    run(&R, NULL, rasdial, NULL);
    CHECK_HAS(R.out, "\nroot isp\n");
    CHECK_HAS(R.out, "\nRoot ISP (owner 64124)\n");
    run(&R, NULL, rasdial, "ROOT ISP", "demo", "demo", sw, NULL);
    CHECK_HAS(R.out, "You are already connected to ROOT ISP.\n");
    run(&R, NULL, rasdial, "Root ISP", sw, "--status", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_Connected");
    CHECK_LACKS(R.out, "Owner");
    /* an owner named by user name (root is in every /etc/passwd) */
    run(&R, NULL, rasdial, "Root ISP", sw, "--status", "--owner=root", NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_Connected");
    CHECK_LACKS(R.out, "Owner");
    run(&R, NULL, rasdial, "Root ISP", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_EQ(state_of(theirs), RASCS_Connected);
    /* --owner: the user's connection */
    run(&R, NULL, rasdial, "Root ISP", sw, "--status", owner, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_Connected");
    CHECK_HAS(R.out, "Owner           64124\n");
    run(&R, NULL, rasdial, "Root ISP", "demo", "demo", owner, NULL);
    CHECK_EQ(R.status, 252);
    run(&R, NULL, rasdial, "Root ISP", "/DISCONNECT", "--owner=no such user", NULL);
    CHECK_EQ(R.status, 252);
    CHECK_EQ(state_of(theirs), RASCS_Connected);
    run(&R, NULL, rasdial, "Root ISP", "/DISCONNECT", sw, owner, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_EQ(state_of(theirs), (RASCONNSTATE)-1);
    check_no_connections();
}

/* Finding 11: a connection that drops stays visible, Disconnected with
 * its error, until hung up; rasdial of the entry dials again. */
static void
t_rasdial_dropped_connection(void)
{
    run(&R, NULL, rasphone, "--phonebook", pbk(), "add", "Flaky", "--number=555/drop=300",
        "--device=loopback", "--device-type=modem", NULL);
    REQUIRE_EQ(R.status, 0);
    char sw[600];
    snprintf(sw, sizeof(sw), "/PHONEBOOK:%s", pbk());
    run(&R, NULL, rasdial, "Flaky", "demo", "demo", sw, NULL);
    REQUIRE_EQ(R.status, 0);
    for (int i = 0; i < 100; i++) {
        run(&R, NULL, rasdial, "Flaky", sw, "--status", NULL);
        if (strstr(R.out, "RASCS_Disconnected"))
            break;
        rmf_sleep_ms(20);
    }
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "RASCS_Disconnected (failed)\n");
    char msg[512], line[640];
    REQUIRE_EQ(RasGetErrorStringA(ERROR_PORT_DISCONNECTED, msg, sizeof(msg)), 0);
    snprintf(line, sizeof(line), "  Error           %u - %s\n", ERROR_PORT_DISCONNECTED, msg);
    CHECK_HAS(R.out, line);
    run(&R, NULL, rasdial, NULL);
    CHECK_HAS(R.out, "Connected to\nFlaky (disconnected)\n");
    /* dialing again releases the dropped record and dials */
    run(&R, NULL, rasdial, "Flaky", "demo", "demo", sw, NULL);
    CHECK_EQ(R.status, 0);
    CHECK_HAS(R.out, "Successfully connected to Flaky.\n");
    run(&R, NULL, rasdial, "Flaky", "/DISCONNECT", sw, NULL);
    CHECK_EQ(R.status, 0);
    check_no_connections();
}

int
main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[3], "rasphone") && strcmp(argv[3], "rasdial"))) {
        fprintf(stderr, "usage: %s RASPHONE RASDIAL rasphone|rasdial RASMAND\n", argv[0]);
        return 99;
    }
    rasphone = argv[1];
    rasdial = argv[2];
    /* the tools dial through a private rasmand, never one they start */
    struct rmf daemon;
    if (!rmf_start(&daemon, argv[4])) {
        fprintf(stderr, "rasmand did not start\n");
        return 99;
    }
    setenv("RASMAND_SOCKET", daemon.sock, 1);
    setenv("RASMAND_PATH", "/nonexistent/rasmand", 1);
    struct ipc_debug base;
    if (!rmf_base(&base)) {
        fprintf(stderr, "rasmand does not answer\n");
        return 99;
    }
    if (!strcmp(argv[3], "rasphone")) {
        TH_RUN(t_help_and_version);
        TH_RUN(t_help_lists_commands);
        TH_RUN(t_add_show_edit);
        TH_RUN(t_add_pppoe);
        TH_RUN(t_list_rename_delete);
        TH_RUN(t_windows_switches);
        TH_RUN(t_add_errors);
        TH_RUN(t_usage_errors_touch_nothing);
        TH_RUN(t_credentials_never_in_phonebook);
        TH_RUN(t_cellular_apn_and_pin);
        TH_RUN(t_devices);
    } else {
        TH_RUN(t_rasdial_unknown_entry);
        TH_RUN(t_rasdial_dials_loopback);
        TH_RUN(t_rasdial_wrong_password_leaves_nothing);
        TH_RUN(t_rasdial_password_from_stdin_and_saved);
        TH_RUN(t_rasdial_usage);
        TH_RUN(t_rasdial_long_entry);
        TH_RUN(t_rasdial_password_prompt_no_echo);
        TH_RUN(t_tools_escape_what_they_print);
        TH_RUN(t_rasdial_owner);
        TH_RUN(t_rasdial_dropped_connection);
    }
    int rc = th_done();
    /* every dial the tools made is gone from rasmand, and it leaked nothing */
    if (!rmf_settled(&base, 10000)) {
        fprintf(stderr, "rasmand did not return to its starting allocations and fds\n");
        rc = 1;
    }
    if (!rmf_stop(&daemon))
        rc = 1;
    return rc;
}
