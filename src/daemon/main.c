/* rasmand: the OpenRAS connection daemon. libras starts it on demand (or a
 * systemd unit does, for the system instance); it owns every connection
 * and answers libras over a local socket. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raserror.h"

#include "daemon/conn.h"
#include "daemon/dial_access.h"
#include "daemon/log.h"
#include "daemon/rasmand.h"
#include "port/port.h"
#include "net/priv.h"

/* rasmand --test: the network group and the data path's devices and tools
 * may be moved (a missing tun, recording resolver fakes), so tests can run
 * each path without touching the host's. */
static void
test_overrides(struct rasmand_opts *opts)
{
    const struct priv_paths paths = {
        .tun = getenv("RAS_TEST_TUN"),
        .resolved_dir = getenv("RAS_TEST_RESOLVED_DIR"),
        .resolvectl = getenv("RAS_TEST_RESOLVECTL"),
        .resolvconf = getenv("RAS_TEST_RESOLVCONF"),
    };
    opts->net_group = getenv("RAS_NET_GROUP");
    priv_set_test_paths(&paths);
    /* tests stand in their own system phonebook; never outside --test,
     * where the environment is whoever started us */
    const char *pbk = getenv("RAS_SYSTEM_PHONEBOOK");
    if (pbk && pbk[0] == '/')
        opts->system_phonebook = pbk;
    /* and their own per-device modem commands (the administrator's
     * /etc/ras/modems otherwise) */
    const char *modems = getenv("RAS_MODEM_DIR");
    if (modems && modems[0] == '/')
        modem_config_dir = modems;
    /* and their own list of PPPoE interfaces users may dial */
    const char *pppoe = getenv("RAS_PPPOE_INTERFACES");
    if (pppoe && pppoe[0] == '/')
        dial_pppoe_interfaces = pppoe;
    const char *echo = getenv("RAS_TEST_ECHO_MS");
    if (echo)
        conn_echo_interval_ms = (uint32_t)strtoul(echo, NULL, 10);
    /* a cellular module's registration wait (60 s), shortened so a test of
     * "never registers" does not cost a minute */
    const char *reg = getenv("RAS_TEST_REG_MS");
    if (reg && strtoul(reg, NULL, 10) > 0)
        modem_reg_deadline_ms = (uint32_t)strtoul(reg, NULL, 10);
}

static void
usage(FILE *f)
{
    fprintf(f,
            "usage: rasmand [-s|--system] [-S|--socket PATH] [--test] [-v]...\n"
            "               [--idle-exit SECONDS]\n"
            "  -s, --system       the system instance (" "/run/ras/rasmand.sock" ")\n"
            "  -S, --socket PATH  listen on PATH instead of the default\n"
            "      --test         answer debug requests (allocation and fd counts), and\n"
            "                     take the system phonebook from $RAS_SYSTEM_PHONEBOOK\n"
            "                     the modem commands' directory from $RAS_MODEM_DIR and the\n"
            "                     PPPoE interfaces users may dial from $RAS_PPPOE_INTERFACES\n"
            "                     (and, for tests, $RAS_TEST_REG_MS: a cellular module's\n"
            "                     registration deadline in ms)\n"
            "      --idle-exit N  exit after N seconds with no client and no connection\n"
            "  -v, --verbose      log more (twice: every state change)\n");
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "system", no_argument, NULL, 's' },
        { "socket", required_argument, NULL, 'S' },
        { "test", no_argument, NULL, 't' },
        { "idle-exit", required_argument, NULL, 'i' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct rasmand_opts opts;
    struct rasmand rm;
    int c;

    memset(&opts, 0, sizeof(opts));
    while ((c = getopt_long(argc, argv, "sS:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': opts.system = true; break;
        case 'S': opts.socket_path = optarg; break;
        case 't': opts.test = true; break;
        case 'i': opts.idle_exit_s = (uint32_t)strtoul(optarg, NULL, 10); break;
        case 'v': opts.verbose++; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }
    if (opts.test)
        test_overrides(&opts);
    modem_log = log_msg;
    pppoe_log = log_msg;
    /* a client that goes away mid-reply must not kill us */
    signal(SIGPIPE, SIG_IGN);
    uint32_t rc = rasmand_init(&rm, &opts);
    if (rc == ERROR_ALREADY_EXISTS) {
        /* two clients raced to start us: the other one won */
        if (opts.verbose)
            fprintf(stderr, "rasmand: already running on this socket\n");
        return 0;
    }
    if (rc) {
        fprintf(stderr, "rasmand: cannot listen on its socket (error %u)\n", rc);
        return 1;
    }
    rc = rasmand_run(&rm);
    rasmand_fini(&rm);
    return rc ? 1 : 0;
}
