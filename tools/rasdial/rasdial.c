/* rasdial: Windows' command-line dialer over the public RAS API. Parses the
 * Windows syntax (/SWITCH:value, case-insensitive, also -SWITCH:value) and
 * GNU long options; prints Windows-style progress and errors. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "rasconn.h"
#include "rastool.h"

struct args {
    const char *entry, *user, *password; /* password may point into argv */
    char *password_argv;                 /* to wipe once copied */
    const char *domain, *phone, *callback, *phonebook, *watch_count, *owner_arg;
    rasconn_owner owner;                 /* whose connection: RASCONN_OWN or --owner */
    bool disconnect, prefixsuffix, help, version, verbose, status, watch;
};

static void
usage(FILE *f)
{
    fprintf(f,
        "Usage: rasdial ENTRY [USER [PASSWORD|*]] [/DOMAIN:DOMAIN] [/PHONE:NUMBER]\n"
        "               [/CALLBACK:NUMBER] [/PHONEBOOK:FILE] [/PREFIXSUFFIX]\n"
        "       rasdial [ENTRY] /DISCONNECT\n"
        "       rasdial                      list connections\n"
        "       rasdial [ENTRY] --status     state, addresses, DNS, statistics\n"
        "       rasdial [ENTRY] --watch [--count=N]  the same, refreshed each second\n"
        "       rasdial [ENTRY] --owner=USER|UID (/DISCONNECT|--status|--watch)\n"
        "                                    root: another user's connection\n"
        "Switches are case-insensitive and may start with / or -. GNU forms:\n"
        "  --domain=D --phone=N --callback=N --phonebook=FILE --prefixsuffix\n"
        "  --disconnect --help --version; '--' ends the switches.\n"
        "OpenRAS additions: --verbose (every RASCS_* state while dialing, then the\n"
        "  addresses, DNS and statistics), --status, --watch, --count, --owner.\n"
        "A password of * is read from the terminal with echo off; a password given\n"
        "on the command line is visible to other users for a moment (see rasdial(1)).\n"
        "Exit status: 0 ok; 1-249 RAS error 601-849 (code - 600); 250 other RAS\n"
        "  error; 251 Win32 error; 252 usage error.\n");
}

static int
usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "rasdial: %s '%s'\nTry 'rasdial --help'.\n", what, arg);
    return RASTOOL_EXIT_USAGE;
}

/* name[:value] or name[=value]; NAME matched case-insensitively. */
static bool
switch_is(const char *sw, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncasecmp(sw, name, n) != 0)
        return false;
    if (sw[n] == '\0') {
        *value = NULL;
        return true;
    }
    if (sw[n] == ':' || sw[n] == '=') {
        *value = sw + n + 1;
        return true;
    }
    return false;
}

/* Returns 0, or the usage-error exit status. i is advanced past a value
 * taken from the next argument (GNU "--phone 123"). */
static int
parse_switch(struct args *a, int argc, char **argv, int *i, bool gnu)
{
    const char *sw = argv[*i] + (gnu ? 2 : 1), *v = NULL;
    static const struct { const char *name; size_t off; } valued[] = {
        { "domain", offsetof(struct args, domain) },
        { "phone", offsetof(struct args, phone) },
        { "callback", offsetof(struct args, callback) },
        { "phonebook", offsetof(struct args, phonebook) },
        { "count", offsetof(struct args, watch_count) },
        { "owner", offsetof(struct args, owner_arg) },
    };
    static const struct { const char *name; size_t off; } flags[] = {
        { "disconnect", offsetof(struct args, disconnect) },
        { "prefixsuffix", offsetof(struct args, prefixsuffix) },
        { "help", offsetof(struct args, help) },
        { "?", offsetof(struct args, help) },
        { "version", offsetof(struct args, version) },
        { "verbose", offsetof(struct args, verbose) },
        { "status", offsetof(struct args, status) },
        { "watch", offsetof(struct args, watch) },
    };
    for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
        if (!switch_is(sw, valued[k].name, &v))
            continue;
        if (!v && gnu && *i + 1 < argc)
            v = argv[++*i];
        if (!v)
            return usage_error("switch needs a value:", argv[*i]);
        *(const char **)((char *)a + valued[k].off) = v;
        return 0;
    }
    for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++) {
        if (switch_is(sw, flags[k].name, &v)) {
            if (v)
                return usage_error("switch takes no value:", argv[*i]);
            *(bool *)((char *)a + flags[k].off) = true;
            return 0;
        }
    }
    return usage_error("unknown switch", argv[*i]);
}

static int
parse_args(struct args *a, int argc, char **argv)
{
    bool switches = true;
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (switches && !strcmp(s, "--")) {
            switches = false;
            continue;
        }
        if (switches && s[0] == '-' && s[1] == '-') {
            int rc = parse_switch(a, argc, argv, &i, true);
            if (rc)
                return rc;
            continue;
        }
        /* "*" is the password prompt, never a switch; "-" alone is nothing. */
        if (switches && (s[0] == '/' || s[0] == '-') && s[1]) {
            int rc = parse_switch(a, argc, argv, &i, false);
            if (rc)
                return rc;
            continue;
        }
        switch (npos++) {
        case 0: a->entry = s; break;
        case 1: a->user = s; break;
        case 2: a->password = s; a->password_argv = argv[i]; break;
        default: return usage_error("unexpected argument", s);
        }
    }
    if (a->disconnect && (a->user || a->password))
        return usage_error("/DISCONNECT takes only an entry, not", a->user);
    if (!a->entry && !a->disconnect &&
        (a->domain || a->phone || a->callback || a->prefixsuffix))
        return usage_error("switches need an entry:", argv[1]);
    /* --owner picks whose connection to act on; one dials only as oneself */
    a->owner = RASCONN_OWN;
    if (a->owner_arg && !a->disconnect && !a->status && !a->watch)
        return usage_error("--owner needs /DISCONNECT, --status or --watch:", a->owner_arg);
    if (a->owner_arg && rasconn_parse_owner(a->owner_arg, &a->owner) != 0)
        return usage_error("no such user:", a->owner_arg);
    return 0;
}

/* Scrubs a password typed on the command line from /proc/PID/cmdline as
 * soon as it is copied; until then other users could read it. */
static void
wipe_argv_password(struct args *a)
{
    if (a->password_argv)
        ras_wipe(a->password_argv, strlen(a->password_argv));
    a->password_argv = NULL;
    a->password = NULL;
}

/* Windows' rasdial /DISCONNECT without an entry hangs up the one
 * connection there is; with several it cannot guess. Only the caller's
 * own connections count (another user's of the same name is theirs),
 * unless root names an owner with --owner. */
static uint32_t
find_conn(const struct args *a, HRASCONN *h)
{
    uint32_t rc = a->entry ? rasconn_check_entry(a->phonebook, a->entry) : 0;
    if (rc)
        return rc;
    rc = rasconn_find(a->entry, a->owner, h, NULL);
    if (rc == ERROR_NO_CONNECTION && !a->entry)
        fprintf(stderr, "rasdial: no entry named, and not exactly one connection\n");
    return rc;
}

static uint32_t
do_disconnect(const struct args *a)
{
    HRASCONN h;
    uint32_t rc = find_conn(a, &h);
    return rc ? rc : rasconn_hangup(h);
}

static uint32_t
do_status(const struct args *a)
{
    HRASCONN h;
    uint32_t rc = find_conn(a, &h);
    if (rc)
        return rc;
    printf("%s\n", a->entry ? rastool_esc(a->entry) : "Connection");
    return rasconn_show(stdout, h);
}

/* A live view: redrawn in place on a terminal, appended otherwise (a log). */
static uint32_t
do_watch(const struct args *a)
{
    HRASCONN h;
    uint32_t rc = find_conn(a, &h);
    long count = a->watch_count ? strtol(a->watch_count, NULL, 10) : -1;
    bool tty = isatty(STDOUT_FILENO);
    RAS_STATS prev = { .dwSize = sizeof(prev) };
    bool have_prev = false;
    while (!rc && count != 0) {
        RAS_STATS st = { .dwSize = sizeof(st) };
        if (tty)
            printf("\033[H\033[J");
        printf("%s (Ctrl-C to stop)\n", a->entry ? rastool_esc(a->entry) : "Connection");
        if ((rc = rasconn_show(stdout, h)) != 0)
            break;
        if (RasGetConnectionStatistics(h, &st) == 0 && have_prev)
            printf("  Rate            %u B/s out, %u B/s in\n",
                   st.dwBytesXmited - prev.dwBytesXmited, st.dwBytesRcved - prev.dwBytesRcved);
        prev = st;
        have_prev = true;
        fflush(stdout);
        if (count > 0)
            count--;
        if (count != 0)
            sleep(1);
    }
    if (rc == ERROR_INVALID_HANDLE) {
        printf("Disconnected.\n");
        rc = 0;
    }
    return rc;
}

static uint32_t
fill_params(struct args *a, RASDIALPARAMSA *p)
{
    if (!a->user) {
        /* No user: the saved credentials, as Windows' rasdial does. */
        uint32_t rc = rasconn_params_saved(a->phonebook, a->entry, p);
        if (rc)
            return rc;
    } else {
        rasconn_params_init(p, a->entry);
        rastool_set_field(p->szUserName, sizeof(p->szUserName), a->user);
        if (a->password && !strcmp(a->password, "*")) {
            char prompt[UNLEN + RAS_MaxEntryName + 64];
            snprintf(prompt, sizeof(prompt), "Enter the password for %s to connect to %s: ",
                     rastool_esc(a->user), rastool_esc(a->entry));
            if (rastool_read_password(prompt, p->szPassword, sizeof(p->szPassword)) != 0) {
                fprintf(stderr, "rasdial: no password read\n");
                return ERROR_INVALID_PARAMETER;
            }
        } else if (a->password) {
            rastool_set_field(p->szPassword, sizeof(p->szPassword), a->password);
        }
    }
    wipe_argv_password(a);
    if (a->domain)
        rastool_set_field(p->szDomain, sizeof(p->szDomain), a->domain);
    if (a->phone)
        rastool_set_field(p->szPhoneNumber, sizeof(p->szPhoneNumber), a->phone);
    if (a->callback)
        rastool_set_field(p->szCallbackNumber, sizeof(p->szCallbackNumber), a->callback);
    return 0;
}

static uint32_t
do_dial(struct args *a)
{
    RASDIALPARAMSA p;
    RASDIALEXTENSIONS ext;
    HRASCONN h = NULL;
    RASCONNSTATE st;
    /* Windows' rasdial does not dial an entry that is already up. One of
     * ours that dropped is hung up first, releasing its record as
     * RasHangUp of its handle would, then dialed again. */
    if (rasconn_find(a->entry, RASCONN_OWN, &h, &st) == 0) {
        if (st != RASCS_Disconnected) {
            wipe_argv_password(a);
            printf("You are already connected to %s.\n", rastool_esc(a->entry));
            return 0;
        }
        rasconn_hangup(h);
    }
    h = NULL;
    uint32_t rc = fill_params(a, &p);
    if (rc)
        goto out;
    memset(&ext, 0, sizeof(ext));
    ext.dwSize = sizeof(ext);
    if (a->prefixsuffix)
        ext.dwfOptions |= RDEOPT_UsePrefixSuffix;
    printf("Connecting to %s...\n", rastool_esc(a->entry));
    fflush(stdout);
    rc = rasconn_dial(a->phonebook, &p, &ext, a->verbose, &h);
    if (rc == 0) {
        printf("Successfully connected to %s.\n", rastool_esc(a->entry));
        if (a->verbose)
            rasconn_show(stdout, h);
    }
out:
    ras_wipe(&p, sizeof(p));
    return rc;
}

int
main(int argc, char **argv)
{
    struct args a = {0};
    int st = parse_args(&a, argc, argv);
    if (st) {
        wipe_argv_password(&a);
        return st;
    }
    if (a.help || a.version) {
        wipe_argv_password(&a);
        if (a.help)
            usage(stdout);
        else
            printf("rasdial (OpenRAS) %s\n", OPENRAS_VERSION);
        return 0;
    }
    uint32_t rc;
    if (a.disconnect)
        rc = do_disconnect(&a);
    else if (a.status)
        rc = do_status(&a);
    else if (a.watch)
        rc = do_watch(&a);
    else if (!a.entry)
        rc = rasconn_list(stdout);
    else
        rc = do_dial(&a);
    if (rc) {
        rastool_print_error(stderr, rc);
        /* rasmand could not make the link's interface: for a user, a
         * per-user rasmand answered (no tun without root); for root, the
         * tun device is missing */
        if (rc == ERROR_IP_CONFIGURATION && !a.disconnect && !a.status)
            fputs(geteuid() != 0 ? "The network interface needs the system rasmand: start it "
                                   "(systemctl start rasmand) and be in group dip.\n"
                                 : "The network interface needs the tun device: is the tun "
                                   "module loaded (modprobe tun)?\n", stderr);
        return rastool_exit_status(rc);
    }
    printf("Command completed successfully.\n");
    return 0;
}
