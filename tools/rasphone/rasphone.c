/* rasphone: non-interactive phonebook editor over the public RAS API. This
 * file is the command line: one table of commands (list, show, add, edit,
 * rename, delete, devices, dial, hangup, import), Windows' rasphone switches
 * (-a -e -r -d -h -f) as aliases, and GNU long options. */
#include <assert.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rasphone.h"
#include "rastool.h"

/* Whether --KEY=VALUE settings (and credentials) go with a command. */
enum settings { SETTINGS_NONE, SETTINGS_OPTIONAL, SETTINGS_REQUIRED };

struct command {
    const char *name;
    const char *synopsis;    /* its arguments, for --help */
    int min_args, max_args;  /* positional arguments */
    char win_switch;         /* Windows' rasphone -X ENTRY, or 0 */
    enum settings settings;
    cmd_fn *run;
    const char *help;
};

/* In the order --help lists them. */
static const struct command commands[] = {
    { .name = "list", .synopsis = "", .min_args = 0, .max_args = 0,
      .run = cmd_list, .help = "entry names, one per line" },
    { .name = "show", .synopsis = "ENTRY", .min_args = 1, .max_args = 1,
      .run = cmd_show, .help = "the entry's settings as KEY=VALUE lines" },
    { .name = "add", .synopsis = "ENTRY [--KEY=V]", .min_args = 1, .max_args = 1,
      .win_switch = 'a', .settings = SETTINGS_OPTIONAL,
      .run = cmd_add, .help = "create an entry (default device: loopback)" },
    { .name = "edit", .synopsis = "ENTRY --KEY=V...", .min_args = 1, .max_args = 1,
      .win_switch = 'e', .settings = SETTINGS_REQUIRED,
      .run = cmd_edit, .help = "change individual settings" },
    { .name = "rename", .synopsis = "OLD NEW", .min_args = 2, .max_args = 2,
      .run = cmd_rename, .help = "rename an entry" },
    { .name = "delete", .synopsis = "ENTRY", .min_args = 1, .max_args = 1,
      .win_switch = 'r', .run = cmd_delete, .help = "delete an entry" },
    { .name = "devices", .synopsis = "", .min_args = 0, .max_args = 0,
      .run = cmd_devices, .help = "the devices entries can use" },
    { .name = "import", .synopsis = "SOURCE...", .min_args = 1, .max_args = 3,
      .run = cmd_import, .help = "entries from pppd:PEER, wvdial[:NAME], nm:FILE, FILE" },
    { .name = "dial", .synopsis = "ENTRY", .min_args = 1, .max_args = 1,
      .win_switch = 'd', .run = cmd_dial, .help = "dial (like rasdial ENTRY)" },
    { .name = "hangup", .synopsis = "ENTRY", .min_args = 1, .max_args = 1,
      .win_switch = 'h', .run = cmd_hangup, .help = "hang up the entry's connection" },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* More positional arguments than any command takes, so that one too many
 * reads "wrong number of arguments" and the next "unexpected argument". */
#define MAX_POSITIONAL 3

static const struct command *
command_named(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(name, commands[i].name))
            return &commands[i];
    return NULL;
}

static const struct command *
command_of_switch(int c)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (commands[i].win_switch && commands[i].win_switch == c)
            return &commands[i];
    return NULL;
}

static void
usage(FILE *f)
{
    fprintf(f,
        "Usage: rasphone [--phonebook FILE] COMMAND [ARGS] [--KEY=VALUE ...]\n"
        "Commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char line[64];
        snprintf(line, sizeof(line), "%s%s%s", commands[i].name,
                 commands[i].synopsis[0] ? " " : "", commands[i].synopsis);
        fprintf(f, "  %-22s %s\n", line, commands[i].help);
    }
    fprintf(f,
        "Windows switches: -a ENTRY add, -e ENTRY edit, -r ENTRY delete,\n"
        "  -d ENTRY dial, -h ENTRY hang up, -f FILE phonebook.\n"
        "Keys:");
    for (size_t i = 0; i < ENTRY_N_FIELDS; i++)
        fprintf(f, "%s%s", i % 6 ? " " : "\n  ", entry_field_key(i));
    fprintf(f, "\n  user domain (saved credentials); --ask-password reads the password\n"
               "  from the terminal (or stdin), never from the command line.\n"
               "  init: the modem's extra commands, '|' between them (AT&K3|ATM0).\n"
               "  PPPoE: --type=pppoe --device=IFACE [--service=NAME] [--ac=NAME]\n"
               "  (the service name is the entry's number, as on Windows).\n"
               "  apn: a cellular module's access point (dialed as *99#); --pin reads\n"
               "  the SIM PIN from the terminal (or stdin) into the credentials file.\n"
               "import: --dry-run writes nothing, --replace overwrites an entry.\n"
               "Exit status: 0 ok; 1-249 RAS error 601-849 (code - 600); 250 other RAS\n"
               "  error; 251 Win32 error; 252 usage error. See rasphone(1).\n");
}

/* Option ids above the ASCII range. */
enum {
    OPT_FIELD = 1000,   /* + field index */
    OPT_HELP = 2000, OPT_VERSION, OPT_PHONEBOOK, OPT_USER, OPT_DOMAIN, OPT_ASK_PASSWORD,
    OPT_INIT, OPT_SERVICE, OPT_AC, OPT_APN, OPT_PIN, OPT_DRY_RUN, OPT_REPLACE,
};

static const struct option *
long_options(void)
{
    /* the fields, the other options below and the end mark */
    static struct option opts[ENTRY_N_FIELDS + 16];
    size_t n = 0;
    for (size_t i = 0; i < ENTRY_N_FIELDS; i++)
        opts[n++] = (struct option){ entry_field_key(i), required_argument, NULL,
                                     OPT_FIELD + (int)i };
    opts[n++] = (struct option){ "help", no_argument, NULL, OPT_HELP };
    opts[n++] = (struct option){ "version", no_argument, NULL, OPT_VERSION };
    opts[n++] = (struct option){ "phonebook", required_argument, NULL, OPT_PHONEBOOK };
    opts[n++] = (struct option){ "user", required_argument, NULL, OPT_USER };
    opts[n++] = (struct option){ "domain", required_argument, NULL, OPT_DOMAIN };
    opts[n++] = (struct option){ "ask-password", no_argument, NULL, OPT_ASK_PASSWORD };
    opts[n++] = (struct option){ "init", required_argument, NULL, OPT_INIT };
    opts[n++] = (struct option){ "service", required_argument, NULL, OPT_SERVICE };
    opts[n++] = (struct option){ "ac", required_argument, NULL, OPT_AC };
    opts[n++] = (struct option){ "apn", required_argument, NULL, OPT_APN };
    opts[n++] = (struct option){ "pin", no_argument, NULL, OPT_PIN };
    opts[n++] = (struct option){ "dry-run", no_argument, NULL, OPT_DRY_RUN };
    opts[n++] = (struct option){ "replace", no_argument, NULL, OPT_REPLACE };
    assert(n < sizeof(opts) / sizeof(opts[0]));
    opts[n] = (struct option){ 0 };
    return opts;
}

/* ":" (report a missing value as ':'), each command's Windows switch with
 * its entry, and -f FILE. */
static const char *
short_options(void)
{
    static char s[2 * N_COMMANDS + 4];
    size_t n = 0;
    s[n++] = ':';
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (commands[i].win_switch) {
            s[n++] = commands[i].win_switch;
            s[n++] = ':';
        }
    s[n++] = 'f';
    s[n++] = ':';
    s[n] = '\0';
    return s;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "rasphone: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'rasphone --help'.\n");
    return RASTOOL_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
    struct edit ed = {0};
    struct cmd_args a = { .edit = &ed };
    const char *cmd_name = NULL, *win_entry = NULL;
    const struct option *opts = long_options();
    const char *shorts = short_options();
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        switch (c) {
        case 'f':
        case OPT_PHONEBOOK:
            a.pbk = optarg;
            break;
        case OPT_HELP:
            usage(stdout);
            return 0;
        case OPT_VERSION:
            printf("rasphone (OpenRAS) %s\n", OPENRAS_VERSION);
            return 0;
        case OPT_USER:
            ed.user = optarg;
            break;
        case OPT_DOMAIN:
            ed.domain = optarg;
            break;
        case OPT_ASK_PASSWORD:
            ed.ask_password = true;
            break;
        case OPT_INIT:
            ed.init = optarg;
            break;
        case OPT_SERVICE:
            /* a PPPoE service name is the entry's number, as on Windows */
            ed.value[0] = optarg;
            break;
        case OPT_AC:
            ed.ac = optarg;
            break;
        case OPT_APN:
            ed.apn = optarg;
            break;
        case OPT_PIN:
            ed.ask_pin = true;
            break;
        case OPT_DRY_RUN:
            a.dry_run = true;
            break;
        case OPT_REPLACE:
            a.replace = true;
            break;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        case '?':
            return usage_error("unknown option '%s'", argv[optind - 1]);
        default:
            if (c >= OPT_FIELD && c < OPT_FIELD + ENTRY_N_FIELDS) {
                ed.value[c - OPT_FIELD] = optarg;
                break;
            }
            /* getopt returns only the letters short_options() lists */
            if (cmd_name)
                return usage_error("more than one command (at -%c)", c);
            cmd_name = command_of_switch(c)->name;
            win_entry = optarg;
            break;
        }
    }

    /* Positional arguments after the command; a Windows switch carries the
     * entry itself. */
    const char *pos[MAX_POSITIONAL] = { NULL };
    int npos = 0;
    if (win_entry)
        pos[npos++] = win_entry;
    else if (optind < argc)
        cmd_name = argv[optind++];
    if (!cmd_name)
        return usage_error("%s", "no command given");
    for (int i = optind; i < argc; i++) {
        if (npos == MAX_POSITIONAL)
            return usage_error("unexpected argument '%s'", argv[i]);
        pos[npos++] = argv[i];
    }
    const struct command *cmd = command_named(cmd_name);
    if (!cmd)
        return usage_error("unknown command '%s'", cmd_name);
    if (npos < cmd->min_args || npos > cmd->max_args)
        return usage_error("wrong number of arguments for '%s'", cmd_name);
    bool any_edit = !entry_edit_is_empty(&ed);
    if (any_edit && cmd->settings == SETTINGS_NONE)
        return usage_error("settings only go with add or edit, not '%s'", cmd_name);
    if (!any_edit && cmd->settings == SETTINGS_REQUIRED)
        return usage_error("%s: nothing to change (give --KEY=VALUE)", cmd_name);

    if ((a.dry_run || a.replace) && cmd->run != cmd_import)
        return usage_error("--dry-run and --replace only go with import, not '%s'", cmd_name);
    a.arg[0] = pos[0];
    a.arg[1] = pos[1];
    a.arg[2] = pos[2];
    uint32_t rc = cmd->run(&a);
    if (a.bad_value)
        return RASTOOL_EXIT_USAGE;
    if (rc)
        rastool_print_error(stderr, rc);
    return rastool_exit_status(rc);
}
