/* Negotiation round trips: frames each way and sequential round trips
 * until IPCP is Opened at both ends, through a relay that delays each
 * direction equally (relay.h), per authentication mode, for
 *   pppd client    -> pppd server   (two peer VMs: the anchor)
 *   pppd client    -> our server
 *   our client     -> pppd server   (without, then with hints)
 *   our client     -> our server    (without, then with hints)
 * all in one run. The hints are what the same pair's link without them
 * was given, as rasmand remembers them (conn_hint.h). Prints figures,
 * never pass or fail.
 *
 *   bench-negotiation [--delay MS] [--no-vm] [--novj]
 *
 * RTs is until both ends are Opened, "client" until the client end is
 * (when a client can send). --novj makes both pppd refuse Van Jacobson
 * compression as we do (we Reject it, and pppd's own request waits a
 * round trip for that), to see the IPCP exchange without it.
 *
 * pppd runs in the peer VM (../shared/tools/peer-vm, as tests/interop);
 * without it the pppd rows are left out and the reason printed. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "line.h"
#include "peer.h"
#include "relay.h"

#define PEER_IP 0x0a000001u       /* the peer VM profiles' addresses */
#define CLIENT_IP 0x0a000002u
#define RUN_TIMEOUT_MS 30000

struct mode {
    const char *name;
    const char *profile;          /* peer-vm profile of the pppd server */
    uint32_t method;              /* what the server demands */
};

static const struct mode modes[] = {
    { "none", "noauth", 0 },
    { "PAP", "pap", PPP_AUTH_PAP },
    { "CHAP-MD5", "chap", PPP_AUTH_CHAP_MD5 },
    { "MS-CHAPv2", "mschapv2", PPP_AUTH_MSCHAPV2 },
};

/* pppd as a client: test_interop.c's t_server_role options. */
static const char pppd_client_options[] =
    "115200\nlocal\nnocrtscts\nnoauth\ndebug\nuser client\nname client\n"
    "noipdefault\nusepeerdns\nnodefaultroute\nnoccp\nnoipv6\n";

static uint32_t delay_ms = 150;
static const char *const novj_opts[] = { "novj", NULL };
static const char *const *pppd_opts;  /* extra pppd options: NULL or novj_opts */
static struct relay relay;        /* large: frames in flight by value */

/* One end of a run: an engine made here, or a VM's serial line. */
struct side {
    const char *name;
    struct ppp_config cfg;        /* engine ends */
    int fd;                       /* VM ends, else -1 */
    struct peer *vm;
};

static bool
secret_lookup(void *ctx, const char *user, char *secret, size_t cap)
{
    (void)ctx;
    if (strcmp(user, "client") != 0)
        return false;
    snprintf(secret, cap, "secret");
    return true;
}

static struct side
our_client(const char *name, const struct ppp_projection *hints)
{
    struct side s = { .name = name, .fd = -1 };
    s.cfg.role = PPP_CLIENT;
    s.cfg.user = "client";
    s.cfg.password = "secret";
    s.cfg.request_dns = true;
    if (hints) {
        s.cfg.hint_ip = hints->local_ip;
        s.cfg.hint_dns1 = hints->dns1;
        s.cfg.hint_dns2 = hints->dns2;
    }
    return s;
}

/* Our server as the interop test configures it: one DNS server. */
static struct side
our_server(uint32_t method)
{
    struct side s = { .name = "our server", .fd = -1 };
    s.cfg.role = PPP_SERVER;
    s.cfg.auth_methods = method;
    s.cfg.secret_fn = secret_lookup;
    s.cfg.local_ip = PEER_IP;
    s.cfg.peer_ip = CLIENT_IP;
    s.cfg.dns1 = PEER_IP;
    return s;
}

static struct side
vm_side(const char *name, struct peer *vm, int fd)
{
    return (struct side){ .name = name, .fd = fd, .vm = vm };
}

/* A fresh pppd at a VM end: the server first (silent, it waits for the
 * client), then the client (it starts talking at once). */
static bool
fresh_vms(struct side *client, struct side *server)
{
    if (server->vm) {
        if (!peer_reset(server->vm))
            return false;
        line_drain(server->fd, 300);
    }
    if (client->vm) {
        line_drain(client->fd, 300);
        if (!peer_reset(client->vm))
            return false;
    }
    return true;
}

static void
print_row(const char *mode, const char *client, const char *server, const struct relay *r,
          bool ok, uint32_t err)
{
    if (!ok) {
        printf("%-10s %-22s %-12s   did not come up (%s %u)\n", mode, client, server,
               relay.end[0].down || relay.end[1].down ? "engine down, error" : "timeout",
               err);
        return;
    }
    double rtt = 2.0 * delay_ms;
    printf("%-10s %-22s %-12s %5u %5u   %5.1f %6.1f %9llu %6.2f\n", mode, client, server,
           r->end[0].frames, r->end[1].frames, r->open_hop / 2.0, r->end[0].opened_hop / 2.0,
           (unsigned long long)(r->t_open - r->t_first), (double)(r->t_open - r->t_first) / rtt);
}

/* One negotiation through the relay; the client engine's projection in
 * *pr (zero for a pppd client). */
static bool
run(const char *mode, struct side *client, struct side *server, struct ppp_projection *pr)
{
    struct ppp *pc = NULL, *ps = NULL;
    bool ok = false;
    uint32_t err = 0;
    memset(pr, 0, sizeof(*pr));
    if (!fresh_vms(client, server)) {
        printf("%-10s %-22s %-12s   peer VM reset failed\n", mode, client->name, server->name);
        return false;
    }
    relay_init(&relay, delay_ms);
    if (client->fd >= 0)
        relay_set_stream(&relay, 0, client->name, client->fd);
    else if ((pc = ppp_new(&client->cfg)) != NULL)
        relay_set_engine(&relay, 0, client->name, pc);
    if (server->fd >= 0)
        relay_set_stream(&relay, 1, server->name, server->fd);
    else if ((ps = ppp_new(&server->cfg)) != NULL)
        relay_set_engine(&relay, 1, server->name, ps);
    if ((client->fd < 0 && !pc) || (server->fd < 0 && !ps)) {
        printf("%-10s out of memory\n", mode);
        goto out;
    }
    ok = relay_run(&relay, RUN_TIMEOUT_MS);
    err = relay.end[0].down ? relay.end[0].down_error : relay.end[1].down_error;
    if (pc)
        ppp_get_projection(pc, pr);
    print_row(mode, client->name, server->name, &relay, ok, err);
out:
    ppp_free(pc);
    ppp_free(ps);
    return ok;
}

struct vms {
    bool have;                    /* the peer-vm tool is here and built */
    struct peer client;
    int client_fd;
};

static bool
boot_client_vm(struct vms *v)
{
    char path[] = "/tmp/openras-negotiation-client.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return false;
    bool ok = write(fd, pppd_client_options, strlen(pppd_client_options)) ==
              (ssize_t)strlen(pppd_client_options);
    close(fd);
    /* passive: the client pppd starts negotiating at once, and waits for
     * an answer instead of exiting */
    ok = ok && peer_boot_start(&v->client, NULL, path, pppd_opts, "passive");
    unlink(path);
    if (!ok)
        return false;
    v->client_fd = line_connect_unix(v->client.sock);
    return v->client_fd >= 0;
}

static void
mode_rows(const struct mode *m, struct vms *v)
{
    struct ppp_projection pr, unused;
    struct side server, client;
    if (v->have) {
        struct peer srv;
        int fd = -1;
        if (peer_boot(&srv, m->profile, NULL, pppd_opts) &&
            (fd = line_connect_unix(srv.sock)) >= 0) {
            server = vm_side("pppd", &srv, fd);
            client = vm_side("pppd", &v->client, v->client_fd);
            run(m->name, &client, &server, &unused);
            client = our_client("ours", NULL);
            if (run(m->name, &client, &server, &pr)) {
                client = our_client("ours, hints", &pr);
                run(m->name, &client, &server, &unused);
            }
        } else {
            printf("%-10s pppd server VM (%s) did not start\n", m->name, m->profile);
        }
        if (fd >= 0)
            close(fd);
        peer_stop(&srv);
        server = our_server(m->method);
        client = vm_side("pppd", &v->client, v->client_fd);
        run(m->name, &client, &server, &unused);
    }
    server = our_server(m->method);
    client = our_client("ours", NULL);
    if (run(m->name, &client, &server, &pr)) {
        client = our_client("ours, hints", &pr);
        run(m->name, &client, &server, &unused);
    }
}

int
main(int argc, char **argv)
{
    bool vm = true;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--delay") == 0 && i + 1 < argc)
            delay_ms = (uint32_t)atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-vm") == 0)
            vm = false;
        else if (strcmp(argv[i], "--novj") == 0)
            pppd_opts = novj_opts;
        else {
            fprintf(stderr, "usage: %s [--delay MS] [--no-vm] [--novj]\n", argv[0]);
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (delay_ms < 20)
        delay_ms = 20;          /* the VM's own answer takes a few ms */
    struct vms v = { .client_fd = -1 };
    if (vm && !peer_tool_dir())
        printf("# pppd rows left out: peer-vm tool not found (set RAS_PEER_VM_DIR)\n");
    else if (vm && !peer_build())
        printf("# pppd rows left out: peer-vm build.sh failed\n");
    else if (vm && !boot_client_vm(&v))
        printf("# pppd rows left out: the pppd client VM did not start\n");
    else
        v.have = vm;
    printf("# relay: %u ms each way (RTT %u ms); round trips = sequential one-way hops / 2\n"
           "# until IPCP is Opened at both ends (RTs) and at the client (client); frames\n"
           "# each way until both; wall time from the first frame%s\n",
           delay_ms, 2 * delay_ms, pppd_opts ? "; pppd with novj" : "");
    printf("%-10s %-22s %-12s %5s %5s %7s %6s %9s %6s\n", "auth", "client", "server", "c->s",
           "s->c", "RTs", "client", "wall ms", "RTTs");
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
        mode_rows(&modes[i], &v);
    if (v.client_fd >= 0)
        close(v.client_fd);
    if (v.have)
        peer_stop(&v.client);
    return 0;
}
