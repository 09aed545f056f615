/* Writes the ipc fuzz target's seed corpus with the wire's own encoders:
 * one file per message kind, plus the malformed ones the decoders must
 * refuse. Run it after any wire change (the seeds carry IPC_VERSION):
 *   build/tests/fuzz/ipc/make-ipc-seeds tests/fuzz/corpus/ipc */
#include <stdio.h>
#include <string.h>

#include "ras.h"

#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"

static struct ipc_msg m;
static const char *dir;
static int failed;

static void
save(const char *name, bool encoded)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!encoded || !f || fwrite(m.buf, 1, m.len, f) != m.len) {
        fprintf(stderr, "make-ipc-seeds: %s not written\n", name);
        failed = 1;
    }
    if (f)
        fclose(f);
}

static void
dial_seeds(void)
{
    struct ipc_dial_req d;
    memset(&d, 0, sizeof(d));
    snprintf(d.entry, sizeof(d.entry), "Demo");
    snprintf(d.phonebook, sizeof(d.phonebook), "/tmp/rasphone.pbk");
    snprintf(d.phone, sizeof(d.phone), "5551234");
    snprintf(d.device_type, sizeof(d.device_type), "modem");
    snprintf(d.device_name, sizeof(d.device_name), "loopback");
    snprintf(d.user, sizeof(d.user), "demo");
    snprintf(d.password, sizeof(d.password), "demo");
    d.flags = IPC_DIAL_NOTIFY;
    d.options = RASEO_RemoteDefaultGateway;
    d.net_protocols = RASNP_Ip;
    d.line_bps = 115200;
    d.hw_flow = 1;
    save("dial-loopback", ipc_enc_dial(&m, 1, &d));
    /* control characters a hostile client sends: the decoder or rasmand
     * refuses them (an OSC title and an 8-bit CSI in the name) */
    snprintf(d.entry, sizeof(d.entry), "\x1b]0;owned\x07\xc2\x9b" "2J");
    save("dial-escape", ipc_enc_dial(&m, 2, &d));
    snprintf(d.entry, sizeof(d.entry), "Cell");
    snprintf(d.init_cmds, sizeof(d.init_cmds), "AT\x1b" "3\nAT+CGDCONT=1,\"IP\",\"internet\"");
    save("dial-init-escape", ipc_enc_dial(&m, 3, &d));
    snprintf(d.init_cmds, sizeof(d.init_cmds), "AT&K3\nAT+CGDCONT=1,\"IP\",\"internet\"");
    snprintf(d.phone, sizeof(d.phone), "*99#");
    save("dial-init", ipc_enc_dial(&m, 4, &d));
    /* a cellular entry: the APN and the SIM PIN (wire version 4) */
    d.init_cmds[0] = '\0';
    snprintf(d.apn, sizeof(d.apn), "internet.example");
    snprintf(d.sim_pin, sizeof(d.sim_pin), "1234");
    save("dial-cellular", ipc_enc_dial(&m, 4, &d));
    snprintf(d.apn, sizeof(d.apn), "inter\rnet");
    save("dial-cellular-escape", ipc_enc_dial(&m, 4, &d));
    memset(&d, 0, sizeof(d));
    snprintf(d.phone, sizeof(d.phone), "5551234");
    d.flags = IPC_DIAL_NO_ENTRY;
    save("dial-noentry", ipc_enc_dial(&m, 5, &d));
}

static void
request_seeds(void)
{
    uint64_t h = 0x1234567ull;
    save("hangup", ipc_enc_handle(&m, IPC_REQ_HANGUP, 6, h));
    save("status", ipc_enc_handle(&m, IPC_REQ_STATUS, 7, h));
    save("enum", ipc_enc_empty(&m, IPC_REQ_ENUM, 8));
    save("info", ipc_enc_empty(&m, IPC_REQ_INFO, 11));
    save("subscribe", ipc_enc_subscribe(&m, 9, 0, RASCN_Connection | RASCN_Disconnection));
    /* a valid hang-up with one byte too many: refused */
    bool ok = ipc_enc_handle(&m, IPC_REQ_HANGUP, 10, h);
    m.buf[m.len++] = 0;
    m.buf[12] = (uint8_t)(m.len - IPC_HDR_LEN);
    save("bad-trailing", ok);
}

static void
reply_seeds(void)
{
    static struct ipc_enum e;
    struct ipc_status st;
    struct ipc_projection p;
    struct ipc_stats s;
    memset(&st, 0, sizeof(st));
    memset(&p, 0, sizeof(p));
    memset(&s, 0, sizeof(s));
    save("rep-dial", ipc_enc_rep_dial(&m, 1, 0, 0x1234567ull));
    save("rep-error-6", ipc_enc_rep_error(&m, 2, 6));
    st.state = RASCS_Connected;
    st.owner = 1000;
    snprintf(st.device_type, sizeof(st.device_type), "modem");
    snprintf(st.device_name, sizeof(st.device_name), "loopback");
    snprintf(st.phone, sizeof(st.phone), "5551234");
    save("rep-status", ipc_enc_rep_status(&m, 3, &st));
    e.count = 2;
    for (unsigned i = 0; i < e.count; i++) {
        e.conn[i].handle = 0x1000 + i;
        e.conn[i].flags = RASCF_OwnerKnown | (i ? 0 : RASCF_OwnerMatch);
        e.conn[i].state = RASCS_Connected;
        e.conn[i].owner = 1000 + i;
        snprintf(e.conn[i].entry, sizeof(e.conn[i].entry), "ISP %u", i);
        snprintf(e.conn[i].device_type, sizeof(e.conn[i].device_type), "modem");
        snprintf(e.conn[i].device_name, sizeof(e.conn[i].device_name), "/dev/ttyS%u", i);
        snprintf(e.conn[i].phonebook, sizeof(e.conn[i].phonebook), "/etc/ras/rasphone.pbk");
    }
    save("rep-enum", ipc_enc_rep_enum(&m, 4, &e));
    p.state = RASCS_Connected;
    p.local_ip = 0x0a400002;
    p.peer_ip = 0x0a400001;
    p.dns1 = 0x0a400001;
    p.ipcp_up = 1;
    p.net_flags = IPC_NET_ROUTE_WITHHELD | IPC_NET_DNS_WITHHELD;
    snprintf(p.ifname, sizeof(p.ifname), "ras0");
    save("rep-projection", ipc_enc_rep_projection(&m, 5, &p));
    s.bytes_tx = 1500;
    s.bytes_rx = 3000;
    s.frames_tx = 1;
    s.frames_rx = 2;
    s.bps = 115200;
    s.connect_ms = 60000;
    save("rep-stats", ipc_enc_rep_stats(&m, 6, &s));
    struct ipc_info info = { .pid = 4242, .flags = IPC_INFO_SYSTEM, .uptime_ms = 3600000,
                             .rss_kib = 2048, .private_kib = 512, .fds = 9, .conns = 2,
                             .clients = 3, .allocs = 40, .alloc_bytes = 12000 };
    save("rep-info", ipc_enc_rep_info(&m, 7, &info));
    save("ev-state", ipc_enc_ev_state(&m, 0x1234567ull, RASCS_Authenticate, 0));
    save("ev-state-fail", ipc_enc_ev_state(&m, 0x1234567ull, RASCS_ConnectDevice, 676));
    save("ev-conn", ipc_enc_ev_conn(&m, 0x1234567ull, RASCN_Disconnection));
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
        return 2;
    }
    dir = argv[1];
    dial_seeds();
    request_seeds();
    reply_seeds();
    return failed;
}
