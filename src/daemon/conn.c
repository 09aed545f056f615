/* The connection state machine (see conn.h). Every change of state goes
 * through conn_event, the one transition function; ports, the PPP engine,
 * timers and requests only feed it events. Nothing is freed from inside a
 * port's callback: the port is released from the connection's own timer
 * (a failed connection) or when the connection is reaped (end of pass). */
#include "daemon/conn.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/text.h"
#include "daemon/conn_handle.h"
#include "daemon/log.h"
#include "net/net.h"
#include "port/port.h"

enum conn_ev {
    CEV_START,            /* first pass after RasDial: open and dial */
    CEV_DEVICE_UP,        /* the port connected */
    CEV_AUTH_OK,          /* PPP: authenticated (or none needed) */
    CEV_NETWORK_UP,       /* PPP: NCPs opened */
    CEV_DOWN,             /* the port or PPP went down (err, 0 = clean) */
    CEV_HANGUP,           /* RasHangUp, last reference */
    CEV_DEADLINE,         /* the state's deadline passed */
};

static const struct port_ops *const port_table[] = {
    &loopback_port_ops,
    &modem_port_ops,
    &direct_port_ops,
    &pppoe_port_ops,
};

static const char *
state_name(RASCONNSTATE s)
{
    switch (s) {
    case RASCS_OpenPort: return "OpenPort";
    case RASCS_PortOpened: return "PortOpened";
    case RASCS_ConnectDevice: return "ConnectDevice";
    case RASCS_DeviceConnected: return "DeviceConnected";
    case RASCS_AllDevicesConnected: return "AllDevicesConnected";
    case RASCS_Authenticate: return "Authenticate";
    case RASCS_Authenticated: return "Authenticated";
    case RASCS_Projected: return "Projected";
    case RASCS_Connected: return "Connected";
    case RASCS_Disconnected: return "Disconnected";
    default: return "?";
    }
}

static void conn_event(struct conn *c, enum conn_ev ev, uint32_t err);

/* The line still carries the link: bytes move between port and engine
 * while the connection is up or its hang-up is being negotiated. */
static bool
line_live(const struct conn *c)
{
    return c->phase == CONN_LIVE || c->phase == CONN_HANGING_UP;
}

static void
tell_dialer(struct conn *c, RASCONNSTATE s, uint32_t error)
{
    if (c->dialer)
        c->tab->sink.state(c->tab->sink.ctx, c->dialer, c->handle, s, error);
}

static void
notify(struct conn *c, uint32_t what)
{
    c->tab->sink.notify(c->tab->sink.ctx, c->handle, c->uid, what);
}

/* ---- PPP glue ---------------------------------------------------------- */

/* What conn_pump lets the port hold before it stops feeding it: about a
 * quarter second at 115200 bps, and half a modem port's queue. */
#define CONN_PORT_HIGH 8192

static bool
port_has_room(const struct conn *c)
{
    return !c->ops->pending || c->ops->pending(c->port) < CONN_PORT_HIGH;
}

static void
conn_pump(struct conn *c)
{
    uint8_t buf[PPP_PACKET_MAX];      /* a packet port's frame, whole */
    size_t n;
    struct ppp_event ev;

    if (!c->ppp)
        return;
    /* Flow control: the engine's output moves to the port only while the
     * port's own queue has room; the rest waits in the engine, which makes
     * the data path stop reading the tun (net.c) instead of dropping. */
    bool live = c->port && line_live(c);
    while ((!live || port_has_room(c)) && (n = ppp_output(c->ppp, buf, sizeof(buf))) > 0)
        if (live)
            c->ops->write(c->port, buf, n);
    if (live && c->ops->flush)
        c->ops->flush(c->port);
    while (ppp_poll_event(c->ppp, &ev)) {
        switch (ev.type) {
        case PPP_EV_AUTH_OK:
            conn_event(c, CEV_AUTH_OK, 0);
            break;
        case PPP_EV_NETWORK_UP:
            conn_event(c, CEV_NETWORK_UP, 0);
            break;
        case PPP_EV_DOWN:
            conn_event(c, CEV_DOWN, ev.error);
            break;
        default:
            log_msg(2, "conn %#llx: ppp event %d", (unsigned long long)c->handle,
                    (int)ev.type);
            break;
        }
    }
    if (c->net)
        net_link_pump(c->net);
    loop_timer_set(c->tab->loop, &c->ppp_timer, line_live(c) ? ppp_next_deadline(c->ppp) : 0);
}

static void
ppp_timer_fired(void *ctx, uint64_t now)
{
    struct conn *c = ctx;
    ppp_timer(c->ppp, now);
    conn_pump(c);
}

/* ---- port callbacks ---------------------------------------------------- */

static void
port_connected(void *ctx, uint32_t bps)
{
    struct conn *c = ctx;
    c->bps = bps;
    conn_event(c, CEV_DEVICE_UP, 0);
}

static void
port_input(void *ctx, const uint8_t *bytes, size_t n)
{
    struct conn *c = ctx;
    if (!line_live(c) || !c->ppp)
        return;
    ppp_input(c->ppp, bytes, n, loop_now(c->tab->loop));
    conn_pump(c);
}

static void
port_drained(void *ctx)
{
    struct conn *c = ctx;
    if (line_live(c) && c->ppp)
        conn_pump(c);
}

static void
port_released(void *ctx)
{
    struct conn *c = ctx;
    c->line_held = false;         /* conn_table_reap frees it after the pass */
}

static void
port_down(void *ctx, uint32_t error)
{
    struct conn *c = ctx;
    if (c->ppp && ppp_phase(c->ppp) != PPP_PHASE_DEAD) {
        /* the engine reports DOWN with the line's error (first wins) */
        ppp_lower_down(c->ppp, error ? error : ERROR_PORT_DISCONNECTED,
                       loop_now(c->tab->loop));
        conn_pump(c);
    }
    conn_event(c, CEV_DOWN, error ? error : ERROR_PORT_DISCONNECTED);
}

/* ---- helpers ----------------------------------------------------------- */

static void
set_deadline(struct conn *c, uint64_t ms)
{
    loop_timer_set(c->tab->loop, &c->deadline, ms ? loop_now(c->tab->loop) + ms : 0);
}

static uint64_t
state_deadline_ms(RASCONNSTATE s)
{
    switch (s) {
    case RASCS_OpenPort: case RASCS_PortOpened: case RASCS_ConnectDevice:
        return CONN_DEADLINE_PORT_MS;
    case RASCS_DeviceConnected: case RASCS_AllDevicesConnected:
    case RASCS_Authenticate: case RASCS_Authenticated:
        return CONN_DEADLINE_PPP_MS;
    case RASCS_Projected:
        return CONN_DEADLINE_NET_MS;
    default:
        return 0;                 /* Connected, Disconnected: final */
    }
}

/* Enters a state: tells the dialer (error 0, as Windows does on entering
 * each state) and starts the state's deadline. */
static void
enter(struct conn *c, RASCONNSTATE s)
{
    log_msg(2, "conn %#llx (%s): %s -> %s", (unsigned long long)c->handle,
            c->req.entry, state_name(c->state), state_name(s));
    c->state = s;
    set_deadline(c, state_deadline_ms(s));
    tell_dialer(c, s, 0);
}

/* Releases the line and the data path (not the engine: its projection
 * and counters stay readable until the connection is freed). Only from
 * the connection's own timers or conn_free, never from a port callback. */
static void
release(struct conn *c)
{
    if (c->dev_fd >= 0) {
        close(c->dev_fd);
        c->dev_fd = -1;
    }
    if (c->port) {
        c->line_held = c->ops->close(c->port);
        c->port = NULL;
    }
    if (c->net) {
        net_link_free(c->net);
        c->net = NULL;
    }
    loop_timer_cancel(c->tab->loop, &c->ppp_timer);
}

static void
kick_fired(void *ctx, uint64_t now)
{
    struct conn *c = ctx;
    (void)now;
    if (c->phase == CONN_LIVE && !c->port && c->state == RASCS_OpenPort)
        conn_event(c, CEV_START, 0);
    else if (c->phase == CONN_FAILED)
        release(c);
}

static void
kick(struct conn *c)
{
    loop_timer_set(c->tab->loop, &c->kick, loop_now(c->tab->loop));
}

/* The dial failed or the line dropped: report (state, error) once, free
 * the line from our own timer, keep the record for RasGetConnectStatus. */
static void
fail(struct conn *c, uint32_t err)
{
    if (!c->error)
        c->error = err ? err : ERROR_DISCONNECTION;
    log_msg(1, "conn %#llx (%s): failed in %s: error %u", (unsigned long long)c->handle,
            c->req.entry, state_name(c->state), c->error);
    tell_dialer(c, c->state, c->error);
    c->dialer = NULL;
    if (c->state == RASCS_Connected) {
        c->state = RASCS_Disconnected;
        notify(c, RASCN_Disconnection);
    }
    c->phase = CONN_FAILED;
    loop_timer_cancel(c->tab->loop, &c->ppp_timer);
    set_deadline(c, CONN_LINGER_MS);
    kick(c);
}

/* The hang-up is complete: the connection goes at the end of the pass. */
static void
finish(struct conn *c)
{
    if (c->state == RASCS_Connected)
        notify(c, RASCN_Disconnection);
    c->state = RASCS_Disconnected;
    c->phase = CONN_CLOSED;
    loop_timer_cancel(c->tab->loop, &c->deadline);
    loop_timer_cancel(c->tab->loop, &c->ppp_timer);
    loop_timer_cancel(c->tab->loop, &c->kick);
    log_msg(1, "conn %#llx (%s): hung up", (unsigned long long)c->handle,
            c->req.entry);
}

static void
start_dial(struct conn *c)
{
    struct port_params pp = {
        .device_type = c->req.device_type,
        .device_name = c->req.device_name,
        .fd = c->dev_fd,
        .phone = c->req.phone,
        .redial_count = c->req.redial_count,
        .redial_pause_s = c->req.redial_pause_s,
        .options = c->req.options,
        .line_bps = c->req.line_bps,
        .hw_flow = c->req.hw_flow,
        .init_cmds = c->req.init_cmds,
        .apn = c->req.apn,
        .pin = c->req.sim_pin,
    };
    struct port_cb cb = {
        .ctx = c, .connected = port_connected, .input = port_input, .down = port_down,
        .drained = port_drained, .released = port_released,
    };
    enter(c, RASCS_OpenPort);
    uint32_t rc = c->ops->open(c->tab->loop, &pp, &cb, &c->port);
    /* the port holds its own copies (the PIN too), if it wanted them */
    ras_wipe(c->req.sim_pin, sizeof(c->req.sim_pin));
    if (c->dev_fd >= 0) {
        close(c->dev_fd);
        c->dev_fd = -1;
    }
    if (rc) {
        c->port = NULL;
        fail(c, rc);
        return;
    }
    enter(c, RASCS_PortOpened);
    enter(c, RASCS_ConnectDevice);
    if ((rc = c->ops->dial(c->port)) != 0)
        fail(c, rc);
}

/* dwIdleDisconnectSeconds: checked at that period; any IP packet either
 * way in the period keeps the link (LCP echoes do not count). */
static bool
idle_enabled(const struct conn *c)
{
    return c->req.idle_disconnect_s != RASIDS_UseGlobalValue &&
           c->req.idle_disconnect_s != RASIDS_Disabled;
}

static void
arm_idle(struct conn *c)
{
    if (idle_enabled(c)) {
        c->idle_packets = net_link_packets(c->net);
        set_deadline(c, (uint64_t)c->req.idle_disconnect_s * 1000);
    }
}

static void
idle_check(struct conn *c)
{
    if (net_link_packets(c->net) != c->idle_packets) {
        arm_idle(c);
        return;
    }
    log_msg(1, "conn %#llx (%s): idle for %u s: disconnecting",
            (unsigned long long)c->handle, c->req.entry, c->req.idle_disconnect_s);
    if (c->ppp && ppp_phase(c->ppp) != PPP_PHASE_DEAD) {
        /* tell the peer; the record stays for RasGetConnectStatus */
        ppp_close(c->ppp, loop_now(c->tab->loop));
        conn_pump(c);
    }
    fail(c, ERROR_IDLE_TIMEOUT);
}

static void
net_flush(void *ctx)
{
    conn_pump(ctx);
}

static void
log_projection(const struct conn *c, const struct ppp_projection *pr)
{
    log_msg(1, "conn %#llx (%s): IPv4 %u.%u.%u.%u peer %u.%u.%u.%u DNS %u.%u.%u.%u "
            "%u.%u.%u.%u", (unsigned long long)c->handle, c->req.entry,
            pr->local_ip >> 24, (pr->local_ip >> 16) & 255, (pr->local_ip >> 8) & 255,
            pr->local_ip & 255, pr->peer_ip >> 24, (pr->peer_ip >> 16) & 255,
            (pr->peer_ip >> 8) & 255, pr->peer_ip & 255, pr->dns1 >> 24,
            (pr->dns1 >> 16) & 255, (pr->dns1 >> 8) & 255, pr->dns1 & 255, pr->dns2 >> 24,
            (pr->dns2 >> 16) & 255, (pr->dns2 >> 8) & 255, pr->dns2 & 255);
}

/* What the link may change on the host (NET_*): a default route if the
 * entry asks for one, the peer's DNS servers if it gave any; without the
 * right to (policy.h), neither, and the status says so. */
static unsigned
net_allowed(struct conn *c, const struct ppp_projection *pr)
{
    unsigned want = 0;
    if (c->req.options & RASEO_RemoteDefaultGateway)
        want |= NET_DEFAULT_ROUTE;
    if (pr->dns1 || pr->dns2)
        want |= NET_DNS;
    if (!want || policy_dial_net_rights(c->net_rights, c->system_entry))
        return want;
    c->net_withheld = ((want & NET_DEFAULT_ROUTE) ? IPC_NET_ROUTE_WITHHELD : 0) |
                      ((want & NET_DNS) ? IPC_NET_DNS_WITHHELD : 0);
    log_msg(1, "conn %#llx (%s): uid %u may not set routes or DNS (not root, not in group "
            "%s): link up without%s%s", (unsigned long long)c->handle, c->req.entry,
            (unsigned)c->uid, POLICY_NET_GROUP,
            (want & NET_DEFAULT_ROUTE) ? " the default route" : "",
            (want & NET_DNS) ? " the DNS servers" : "");
    return 0;
}

/* What the administrator or user can do about a data path that failed. */
static const char *
net_hint(uint32_t err)
{
    if (err == ERROR_IP_CONFIGURATION)
        return "the peer's addresses cannot go on an interface";
    if (geteuid() != 0)
        return "this rasmand is not root; start the system rasmand (systemctl start rasmand) "
               "and be in group " POLICY_NET_GROUP;
    return "is the tun module loaded (/dev/net/tun)?";
}

/* No interface, no network: the dial fails in Projected (716, the IP
 * configuration is unusable) rather than report a link nobody can use. */
static void
net_failed(struct conn *c, uint32_t err)
{
    c->net_error = err;
    log_msg(0, "conn %#llx (%s): cannot set up the network interface (error %u): %s",
            (unsigned long long)c->handle, c->req.entry, err, net_hint(err));
    /* PPP is up: tell the peer we are leaving, as an idle disconnect does */
    ppp_close(c->ppp, loop_now(c->tab->loop));
    conn_pump(c);
    fail(c, err == ERROR_NOT_ENOUGH_MEMORY ? err : ERROR_IP_CONFIGURATION);
}

static void
network_up(struct conn *c)
{
    struct ppp_projection pr;
    enter(c, RASCS_Projected);
    ppp_get_projection(c->ppp, &pr);
    log_projection(c, &pr);
    conn_hints_remember(&c->tab->hints, &c->req, c->uid, &pr);
    uint32_t rc = net_link_new(c->tab->loop, c->ppp, &pr, net_allowed(c, &pr), net_flush, c,
                               &c->net);
    if (rc) {
        net_failed(c, rc);
        return;
    }
    log_msg(1, "conn %#llx (%s): interface %s%s%s%s", (unsigned long long)c->handle,
            c->req.entry, net_link_ifname(c->net),
            (net_link_applied(c->net) & NET_DEFAULT_ROUTE) ? ", default route" : "",
            (net_link_applied(c->net) & NET_DNS) ? ", DNS handed to " : "",
            net_link_dns_tool(c->net));
    enter(c, RASCS_Connected);
    c->connected_at = loop_now(c->tab->loop);
    arm_idle(c);
    c->dialer = NULL;             /* notifications stop after Connected */
    notify(c, RASCN_Connection);
}

/* A packet port (PPPoE) knows its MRU once connected (RFC 4638 may have
 * raised it); the engine asks for it, and the tun's MTU follows LCP. */
static void
packet_link_up(struct conn *c)
{
    char what[160];
    if (c->ops->mru)
        ppp_set_mru(c->ppp, c->ops->mru(c->port));
    if (c->ops->describe) {
        c->ops->describe(c->port, what, sizeof(what));
        log_msg(1, "conn %#llx (%s): %s %s", (unsigned long long)c->handle, c->req.entry,
                c->req.device_name, what);
    }
}

static uint32_t
deadline_error(RASCONNSTATE s)
{
    return s <= RASCS_ConnectDevice ? ERROR_REQUEST_TIMEOUT : ERROR_PPP_TIMEOUT;
}

/* ---- the transition function ------------------------------------------- */

static void
conn_event(struct conn *c, enum conn_ev ev, uint32_t err)
{
    switch (c->phase) {
    case CONN_LIVE:
        break;
    case CONN_HANGING_UP:
        /* RasHangUp ran: wait for PPP's Terminate exchange (or its
         * deadline) to end, nothing else */
        if (ev == CEV_DOWN || ev == CEV_DEADLINE)
            finish(c);
        return;
    case CONN_FAILED:
        /* a failed connection only waits for RasHangUp or its linger */
        if (ev == CEV_HANGUP || ev == CEV_DEADLINE)
            finish(c);
        return;
    case CONN_CLOSED:
        return;
    }
    switch (ev) {
    case CEV_START:
        start_dial(c);
        break;
    case CEV_DEVICE_UP:
        if (c->state != RASCS_ConnectDevice)
            break;
        enter(c, RASCS_DeviceConnected);
        enter(c, RASCS_AllDevicesConnected);
        enter(c, RASCS_Authenticate);
        packet_link_up(c);
        ppp_start(c->ppp, loop_now(c->tab->loop));
        conn_pump(c);
        break;
    case CEV_AUTH_OK:
        if (c->state == RASCS_Authenticate)
            enter(c, RASCS_Authenticated);
        break;
    case CEV_NETWORK_UP:
        if (c->state == RASCS_Authenticate)
            enter(c, RASCS_Authenticated);
        if (c->state == RASCS_Authenticated)
            network_up(c);
        break;
    case CEV_DOWN:
        /* a clean PPP close we did not ask for: the peer hung up */
        fail(c, err ? err : ERROR_REMOTE_DISCONNECTION);
        break;
    case CEV_HANGUP:
        c->phase = CONN_HANGING_UP;
        /* a RasDial still waiting (sync, or the notifier thread) learns
         * the dial is over; libras shows it to no notifier after
         * RasHangUp. (A hang-up is no failure: c->error stays 0.) */
        tell_dialer(c, c->state, ERROR_USER_DISCONNECTION);
        c->dialer = NULL;
        if (c->ppp && ppp_phase(c->ppp) != PPP_PHASE_DEAD && c->port) {
            set_deadline(c, CONN_DEADLINE_HANGUP_MS);
            ppp_close(c->ppp, loop_now(c->tab->loop));
            conn_pump(c);
        } else {
            finish(c);
        }
        break;
    case CEV_DEADLINE:
        if (c->state == RASCS_Connected)
            idle_check(c);
        else
            fail(c, deadline_error(c->state));
        break;
    }
}

static void
deadline_fired(void *ctx, uint64_t now)
{
    (void)now;
    conn_event(ctx, CEV_DEADLINE, 0);
}

/* ---- table and requests ------------------------------------------------ */

static const struct port_ops *
find_port(const struct ipc_dial_req *req)
{
    for (size_t i = 0; i < sizeof(port_table) / sizeof(port_table[0]); i++)
        if (port_table[i]->match(req->device_type, req->device_name))
            return port_table[i];
    return NULL;
}

static uint32_t
auth_methods(uint32_t options)
{
    uint32_t m = 0;
    if (options & RASEO_RequirePAP)
        m |= PPP_AUTH_PAP;
    if (options & RASEO_RequireCHAP)
        m |= PPP_AUTH_CHAP_MD5;
    if (options & RASEO_RequireMsCHAP2)
        m |= PPP_AUTH_MSCHAPV2;
    if (!m && (options & (RASEO_RequireEncryptedPw | RASEO_RequireMsEncryptedPw)))
        m = PPP_AUTH_CHAP_MD5 | PPP_AUTH_MSCHAPV2;
    return m;                     /* 0 = any the engine knows */
}

uint32_t conn_echo_interval_ms;

static struct ppp *
make_engine(const struct conn_table *t, const struct ipc_dial_req *req, uid_t uid,
            const struct port_ops *ops)
{
    struct ppp_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.role = PPP_CLIENT;
    /* no HDLC on a packet link; its MRU until the port says more */
    cfg.packet_framing = ops->packet;
    if (ops->packet)
        cfg.mru = PORT_PACKET_MRU;
    cfg.auth_methods = auth_methods(req->options);
    cfg.user = req->user;
    cfg.password = req->password;
    if (req->options & RASEO_SpecificIpAddr)
        cfg.local_ip = req->ip_addr;
    cfg.request_dns = !(req->options & RASEO_SpecificNameServers);
    conn_hints_apply(&t->hints, req, uid, &cfg);
    cfg.ipv6 = (req->net_protocols & RASNP_Ipv6) != 0;
    cfg.echo_interval_ms = conn_echo_interval_ms;
    return ppp_new(&cfg);
}

/* The client is not trusted to have checked its strings (libras does, a
 * raw socket does not): every one is printed by tools and logged, so each
 * must be clean text (text.h). The entry name answers as RasDial answers
 * a bad name (123), the others as a bad parameter (87). The password is
 * never printed and may hold any byte. */
static uint32_t
dial_req_check(const struct ipc_dial_req *req)
{
    const char *const others[] = { req->phonebook, req->phone, req->device_type,
                                   req->device_name, req->user, req->domain };
    if (!text_is_clean(req->entry))
        return ERROR_INVALID_NAME;
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
        if (!text_is_clean(others[i]))
            return ERROR_INVALID_PARAMETER;
    return 0;
}

/* The connection of uid's entry that a RasDial of it joins: one still
 * dialing or Connected (not one that dropped: that record waits for its
 * own RasHangUp and a new dial starts afresh). Another uid's connection
 * of the same name is theirs, never this one. Names compare as the
 * phonebook compares them (text_name_eq). */
static struct conn *
find_entry(struct conn_table *t, const struct ipc_dial_req *req, uid_t uid)
{
    if (req->flags & IPC_DIAL_NO_ENTRY)
        return NULL;
    for (unsigned i = 0; i < CONN_MAX; i++) {
        struct conn *c = t->slots[i].conn;
        if (c && c->phase == CONN_LIVE && c->uid == uid &&
            !(c->req.flags & IPC_DIAL_NO_ENTRY) && text_name_eq(c->req.entry, req->entry) &&
            strcmp(c->req.phonebook, req->phonebook) == 0)
            return c;
    }
    return NULL;
}

static unsigned
conns_of(const struct conn_table *t, uid_t uid)
{
    unsigned n = 0;
    for (unsigned i = 0; i < CONN_MAX; i++)
        if (t->slots[i].conn && t->slots[i].conn->uid == uid)
            n++;
    return n;
}

/* The system rasmand's shares: a flood of dials from one uid (failed
 * ones linger: Windows keeps a failed handle until RasHangUp, so they
 * count) cannot take the table from the others or from root. */
static bool
share_ok(struct conn_table *t, uid_t uid)
{
    static const struct policy_share share = { CONN_MAX, CONN_PER_UID, CONN_ROOT_RESERVE };
    if (!t->shared || policy_share_ok(&share, uid, t->nconns, conns_of(t, uid)))
        return true;
    if (policy_log_due(&t->refusals, uid, loop_now(t->loop)))
        log_msg(0, "uid %u: dial refused, past its share of connections (%u per uid, "
                "%u of %u in use)", (unsigned)uid, CONN_PER_UID, t->nconns, CONN_MAX);
    return false;
}

static int
free_slot(struct conn_table *t)
{
    for (unsigned i = 0; i < CONN_MAX; i++)
        if (!t->slots[i].conn)
            return (int)i;
    return -1;
}

/* conn_dial but for dev_fd, which the new connection (if one is made)
 * takes: *took says whether it did. */
static uint32_t
conn_start(struct conn_table *t, struct ipc_dial_req *req, uid_t uid, struct client *dialer,
           int dev_fd, bool *took, struct conn **out)
{
    uint32_t rc = dial_req_check(req);
    if (rc)
        return rc;
    struct conn *same = find_entry(t, req, uid);
    if (same) {
        if (same->state != RASCS_Connected)
            return ERROR_DIAL_ALREADY_IN_PROGRESS;
        same->refs++;
        *out = same;
        return 0;
    }
    const struct port_ops *ops = find_port(req);
    if (!ops)
        return req->device_name[0] ? ERROR_DEVICE_DOES_NOT_EXIST : ERROR_PORT_NOT_AVAILABLE;
    int idx = share_ok(t, uid) ? free_slot(t) : -1;
    if (idx < 0)
        return ERROR_PORT_NOT_AVAILABLE;
    struct conn *c = ras_calloc(1, sizeof(*c));
    if (!c)
        return ERROR_NOT_ENOUGH_MEMORY;
    c->ppp = make_engine(t, req, uid, ops);
    if (!c->ppp) {
        ras_free(c);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    c->tab = t;
    c->req = *req;
    /* the engine holds its own copy of the password from here on */
    ras_wipe(c->req.password, sizeof(c->req.password));
    c->uid = uid;
    c->ops = ops;
    c->refs = 1;
    c->dev_fd = dev_fd;
    *took = true;
    c->state = RASCS_OpenPort;
    c->phase = CONN_LIVE;
    c->dialer = (req->flags & IPC_DIAL_NOTIFY) ? dialer : NULL;
    c->index = (uint32_t)idx;
    c->handle = conn_handle_next(t, (uint32_t)idx);
    loop_timer_init(&c->deadline, deadline_fired, c);
    loop_timer_init(&c->ppp_timer, ppp_timer_fired, c);
    loop_timer_init(&c->kick, kick_fired, c);
    t->slots[idx].conn = c;
    t->nconns++;
    set_deadline(c, CONN_DEADLINE_PORT_MS);
    /* The machine starts in the next pass, after the reply carrying the
     * handle, so the dialer never sees a state before its handle. */
    kick(c);
    log_msg(1, "conn %#llx: dial \"%s\" on %s (%s) for uid %u",
            (unsigned long long)c->handle, req->entry, req->device_name, ops->kind,
            (unsigned)uid);
    *out = c;
    return 0;
}

uint32_t
conn_dial(struct conn_table *t, struct ipc_dial_req *req, uid_t uid, struct client *dialer,
          int dev_fd, struct conn **out)
{
    bool took = false;
    uint32_t rc = conn_start(t, req, uid, dialer, dev_fd, &took, out);
    /* refused, or a connection already there, which needs none */
    if (!took && dev_fd >= 0)
        close(dev_fd);
    return rc;
}

struct conn *
conn_lookup_any(struct conn_table *t, uint64_t handle, uid_t uid)
{
    struct conn_slot *s = conn_handle_slot(t, handle);
    if (!s || !s->conn)
        return NULL;
    if (uid != 0 && s->conn->uid != uid)
        return NULL;
    return s->conn;
}

/* A closed connection whose line is still hanging up stays findable
 * (Disconnected): Microsoft tells a program to wait after RasHangUp until
 * RasGetConnectStatus says ERROR_INVALID_HANDLE, and then the port must be
 * free for the redial. */
struct conn *
conn_lookup(struct conn_table *t, uint64_t handle, uid_t uid)
{
    struct conn *c = conn_lookup_any(t, handle, uid);
    return c && (c->phase != CONN_CLOSED || c->line_held) ? c : NULL;
}

void
conn_hangup(struct conn *c)
{
    if (c->phase == CONN_CLOSED || c->phase == CONN_HANGING_UP)
        return;
    if (c->refs > 1 && c->phase != CONN_FAILED) {
        c->refs--;
        return;
    }
    conn_event(c, CEV_HANGUP, 0);
}

void
conn_abort(struct conn *c)
{
    if (c->state == RASCS_Connected)
        notify(c, RASCN_Disconnection);
    c->dialer = NULL;
    c->phase = CONN_CLOSED;
}

void
conn_forget_client(struct conn_table *t, struct client *cl)
{
    for (unsigned i = 0; i < CONN_MAX; i++) {
        struct conn *c = t->slots[i].conn;
        if (c && c->dialer == cl)
            c->dialer = NULL;
    }
}

void
conn_free(struct conn *c)
{
    if (!c)
        return;
    struct conn_table *t = c->tab;
    release(c);
    loop_timer_cancel(t->loop, &c->deadline);
    loop_timer_cancel(t->loop, &c->kick);
    ppp_free(c->ppp);
    t->slots[c->index].conn = NULL;
    t->nconns--;
    ras_wipe(&c->req, sizeof(c->req));
    ras_free(c);
}

enum conn_phase
conn_phase(const struct conn *c)
{
    return c->phase;
}

bool
conn_listed(const struct conn *c)
{
    return c->phase == CONN_LIVE ||
           (c->phase == CONN_FAILED && c->state == RASCS_Disconnected);
}

void
conn_table_init(struct conn_table *t, struct loop *loop, const struct conn_sink *sink)
{
    memset(t, 0, sizeof(*t));
    t->loop = loop;
    t->sink = *sink;
    conn_handle_seed(t);
    conn_hints_init(&t->hints);
}

void
conn_table_set_shared(struct conn_table *t, bool shared)
{
    t->shared = shared;
}

/* The lines go now too: a modem port still hanging up in the loop (its
 * own phase, after its connection went) is cut short before the loop is
 * freed, so every line ends closed and unlocked. */
void
conn_table_abort(struct conn_table *t)
{
    for (unsigned i = 0; i < CONN_MAX; i++)
        if (t->slots[i].conn) {
            conn_abort(t->slots[i].conn);
            conn_free(t->slots[i].conn);
        }
    modem_hangups_force();
}

/* Ended connections give up their line here, after the pass (never from
 * a port callback); one whose modem still hangs up waits for it. */
void
conn_table_reap(struct conn_table *t)
{
    for (unsigned i = 0; i < CONN_MAX; i++) {
        struct conn *c = t->slots[i].conn;
        if (!c || c->phase != CONN_CLOSED)
            continue;
        release(c);
        if (!c->line_held)
            conn_free(c);
    }
}

/* ---- queries ----------------------------------------------------------- */

/* The number as the dialer knows it: a PPPoE entry's service name, not
 * the "AC\\service" form the port is handed (dial_resolve.c). */
static const char *
shown_number(const struct conn *c)
{
    const char *bs = strchr(c->req.phone, '\\');
    return c->ops->packet && bs ? bs + 1 : c->req.phone;
}

void
conn_status(const struct conn *c, struct ipc_status *out)
{
    memset(out, 0, sizeof(*out));
    out->state = c->state;
    out->conn_error = c->error;
    out->owner = (uint32_t)c->uid;
    snprintf(out->device_type, sizeof(out->device_type), "%s", c->req.device_type);
    snprintf(out->device_name, sizeof(out->device_name), "%s", c->req.device_name);
    snprintf(out->phone, sizeof(out->phone), "%s", shown_number(c));
}

void
conn_info(const struct conn *c, struct ipc_conn_info *out)
{
    memset(out, 0, sizeof(*out));
    out->handle = c->handle;
    out->state = c->state;
    out->owner = (uint32_t)c->uid;
    if (c->req.flags & IPC_DIAL_NO_ENTRY)
        /* ras-api.md 2b: entry-less dials are listed as "." + number */
        snprintf(out->entry, sizeof(out->entry), ".%s", c->req.phone);
    else
        snprintf(out->entry, sizeof(out->entry), "%s", c->req.entry);
    snprintf(out->device_type, sizeof(out->device_type), "%s", c->req.device_type);
    snprintf(out->device_name, sizeof(out->device_name), "%s", c->req.device_name);
    snprintf(out->phonebook, sizeof(out->phonebook), "%s", c->req.phonebook);
}

void
conn_projection(const struct conn *c, struct ipc_projection *out)
{
    struct ppp_projection p;
    memset(out, 0, sizeof(*out));
    out->state = c->state;
    ppp_get_projection(c->ppp, &p);
    out->lcp_error = p.lcp_error;
    out->ipcp_error = p.ipcp_up ? 0 : (p.ipcp_error ? p.ipcp_error : ERROR_PPP_TIMEOUT);
    if (!(c->req.net_protocols & RASNP_Ipv6))
        out->ipv6cp_error = ERROR_PROTOCOL_NOT_CONFIGURED;
    else
        out->ipv6cp_error = p.ipv6cp_up ? 0 : (p.ipv6cp_error ? p.ipv6cp_error
                                                               : ERROR_PPP_TIMEOUT);
    out->auth_protocol = p.auth_protocol;
    out->auth_data = p.auth_data;
    out->lcp_options = (p.pfc ? RASLCPO_PFC : 0) | (p.acfc ? RASLCPO_ACFC : 0);
    out->lcp_server_options = (p.peer_pfc ? RASLCPO_PFC : 0) | (p.peer_acfc ? RASLCPO_ACFC : 0);
    out->local_ip = p.local_ip;
    out->peer_ip = p.peer_ip;
    out->dns1 = p.dns1;
    out->dns2 = p.dns2;
    out->local_ifid = p.local_ifid;
    out->peer_ifid = p.peer_ifid;
    out->ipcp_up = p.ipcp_up;
    out->ipv6cp_up = p.ipv6cp_up;
    out->net_error = c->net_error;
    unsigned applied = net_link_applied(c->net);
    out->net_flags = c->net_withheld | ((applied & NET_DEFAULT_ROUTE) ? IPC_NET_ROUTE_SET : 0) |
                     ((applied & NET_DNS) ? IPC_NET_DNS_SET : 0);
    if (c->net)
        snprintf(out->ifname, sizeof(out->ifname), "%s", net_link_ifname(c->net));
    int csq = c->port && c->ops->signal ? c->ops->signal(c->port) : -1;
    out->signal = csq < 0 ? IPC_SIGNAL_NONE : (uint32_t)csq;
}

static uint32_t
clamp32(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

void
conn_stats(const struct conn *c, struct ipc_stats *out)
{
    struct ppp_stats s;
    memset(out, 0, sizeof(*out));
    ppp_get_stats(c->ppp, &s);
    out->bytes_tx = clamp32(s.bytes_tx);
    out->bytes_rx = clamp32(s.bytes_rx);
    out->frames_tx = clamp32(s.frames_tx);
    out->frames_rx = clamp32(s.frames_rx);
    out->crc_err = s.crc_err;
    out->timeout_err = s.timeout_err;
    out->alignment_err = s.alignment_err;
    out->hw_overrun_err = s.hw_overrun_err;
    out->framing_err = s.framing_err;
    out->buffer_overrun_err = s.buffer_overrun_err;
    /* no compression: the ratios stay 0 */
    out->bps = c->bps;
    if (c->state == RASCS_Connected && c->connected_at)
        out->connect_ms = clamp32(loop_now(c->tab->loop) - c->connected_at);
}

void
conn_clear_stats(struct conn *c)
{
    ppp_clear_stats(c->ppp);
}
