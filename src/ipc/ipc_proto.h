/* The typed messages of the libras <-> rasmand protocol: one struct per
 * message, an encoder that builds it and a decoder that accepts only a
 * complete, exact message (no short fields, no trailing bytes). */
#ifndef RAS_IPC_IPC_PROTO_H
#define RAS_IPC_IPC_PROTO_H

#include <stdbool.h>
#include <stdint.h>

#include "ras.h"

#include "ipc/ipc.h"

/* ipc_dial_req.flags */
#define IPC_DIAL_NO_ENTRY 0x1     /* szEntryName was "": dial the number */
#define IPC_DIAL_NOTIFY   0x2     /* send IPC_EV_STATE for every state */

/* ipc_dial_req.init_cmds: room for PORT_INIT_CMDS_MAX commands of
 * PORT_INIT_CMD_MAX characters (src/port/port.h), each ended by '\n'. */
#define IPC_INIT_CMDS_LEN (8 * (60 + 1))
/* ipc_dial_req.apn and .sim_pin: PORT_APN_MAX and PORT_PIN_MAX. */
#define IPC_APN_LEN 100
#define IPC_PIN_LEN 8

/* What rasmand needs to dial: the entry's settings that matter on the line,
 * and the credentials. Holds a password: wipe it (ras_wipe) after use. */
struct ipc_dial_req {
    char entry[RAS_MaxEntryName + 1];
    char phonebook[MAX_PATH];
    char phone[RAS_MaxPhoneNumber + 1];
    char device_type[RAS_MaxDeviceType + 1];
    char device_name[RAS_MaxDeviceName + 1];
    char user[UNLEN + 1];
    char password[PWLEN + 1];
    char domain[DNLEN + 1];
    uint32_t flags;               /* IPC_DIAL_* */
    uint32_t options;             /* RASENTRY dwfOptions (RASEO_*) */
    uint32_t options2;            /* RASEO2_* */
    uint32_t dial_options;        /* RASDIALEXTENSIONS dwfOptions (RDEOPT_*) */
    uint32_t net_protocols;       /* RASNP_* */
    uint32_t redial_count, redial_pause_s, idle_disconnect_s;
    uint32_t ip_addr, dns1, dns2; /* host byte order; 0 = unset */
    uint32_t frame_size;
    uint32_t line_bps, hw_flow;   /* struct port_params' line settings */
    /* The entry's extra modem initialization commands, '\n' between them;
     * the decoder refuses any other control character. */
    char init_cmds[IPC_INIT_CMDS_LEN + 1];
    /* A cellular entry's APN (its DEVICE block's Apn=), and the SIM PIN
     * from the dialer's credentials file (secret, like the password). */
    char apn[IPC_APN_LEN + 1];
    char sim_pin[IPC_PIN_LEN + 1];
};

/* IPC_REP_STATUS */
struct ipc_status {
    uint32_t error;               /* the call's result */
    uint32_t state;               /* RASCONNSTATE */
    uint32_t conn_error;          /* why the dial failed, else 0 */
    uint32_t owner;               /* uid that dialed it */
    char device_type[RAS_MaxDeviceType + 1];
    char device_name[RAS_MaxDeviceName + 1];
    char phone[RAS_MaxPhoneNumber + 1];
};

struct ipc_conn_info {
    uint64_t handle;
    uint32_t flags;               /* RASCF_* */
    uint32_t state;
    uint32_t owner;               /* uid that dialed it (root sees others') */
    char entry[RAS_MaxEntryName + 1];
    char device_type[RAS_MaxDeviceType + 1];
    char device_name[RAS_MaxDeviceName + 1];
    char phonebook[MAX_PATH];
};

/* IPC_REP_ENUM: up to IPC_MAX_ENUM connections of the caller's (root's:
 * everyone's), Connected or dialing, and those that dropped after
 * Connected (RASCS_Disconnected with their error) until hung up. */
struct ipc_enum {
    uint32_t error;
    uint32_t count;
    struct ipc_conn_info conn[IPC_MAX_ENUM];
};

/* IPC_REP_PROJECTION: what PPP negotiated (addresses host byte order). */
struct ipc_projection {
    uint32_t error;
    uint32_t state;               /* 730 is answered by libras before Projected */
    uint32_t lcp_error, ipcp_error, ipv6cp_error;
    uint32_t auth_protocol, auth_data;
    uint32_t lcp_options, lcp_server_options;   /* RASLCPO_* */
    uint32_t local_ip, peer_ip, dns1, dns2;
    uint64_t local_ifid, peer_ifid;
    uint8_t ipcp_up, ipv6cp_up;
    char ifname[32];              /* tun interface, "" when none */
    uint32_t net_error;           /* why there is no data path, else 0 */
    uint32_t net_flags;           /* IPC_NET_* */
    /* A cellular module's AT+CSQ rssi before the dial (0-31, 99 unknown),
     * IPC_SIGNAL_NONE if it was not asked. */
    uint32_t signal;
};

#define IPC_SIGNAL_NONE 0xffffffffu

/* ipc_projection.net_flags: what the link changed on the host, and what
 * the caller had no right to change (the link came up without it). */
#define IPC_NET_ROUTE_SET      0x1  /* default route through the link */
#define IPC_NET_DNS_SET        0x2  /* DNS servers handed to the resolver */
#define IPC_NET_ROUTE_WITHHELD 0x4  /* asked for, not allowed (not root/dip) */
#define IPC_NET_DNS_WITHHELD   0x8

/* IPC_REP_STATS: RAS_STATS without dwSize, its fields in its order. */
struct ipc_stats {
    uint32_t error;
    uint32_t bytes_tx, bytes_rx;
    uint32_t frames_tx, frames_rx;
    uint32_t crc_err, timeout_err, alignment_err, hw_overrun_err;
    uint32_t framing_err, buffer_overrun_err;
    uint32_t compression_in, compression_out;   /* ratios, percent */
    uint32_t bps;
    uint32_t connect_ms;          /* how long connected, milliseconds */
};

/* IPC_REP_DEBUG (rasmand --test): what a soak test watches. */
struct ipc_debug {
    uint64_t allocs;              /* live allocation count */
    uint64_t alloc_bytes;
    uint32_t fds;                 /* open descriptors */
    uint32_t rss_kib;
    uint32_t conns, clients;
};

/* IPC_REP_INFO: rasmand's own figures, for rasmon and whoever watches it
 * grow (KB Q257647's reader watched a RAS process's handle count). Only
 * root and rasmand's own uid get them; anyone else gets 5. */
struct ipc_info {
    uint32_t pid;
    uint32_t uid;                 /* rasmand's effective uid */
    uint32_t flags;               /* IPC_INFO_* */
    uint64_t uptime_ms;
    uint32_t rss_kib;             /* resident set */
    uint32_t private_kib;         /* resident and not shared with others */
    uint32_t fds;                 /* open descriptors */
    uint32_t conns, clients;      /* every user's (the caller may see them) */
    uint64_t allocs, alloc_bytes; /* live blocks through the alloc hooks */
};

#define IPC_INFO_SYSTEM 0x1       /* the system instance (/run/ras) */
#define IPC_INFO_TEST   0x2       /* started with --test */

/* Encoders: build the whole message into m; false if it does not fit. */
bool ipc_enc_dial(struct ipc_msg *m, uint32_t id, const struct ipc_dial_req *d);
bool ipc_enc_handle(struct ipc_msg *m, uint16_t type, uint32_t id, uint64_t handle);
bool ipc_enc_subscribe(struct ipc_msg *m, uint32_t id, uint64_t handle, uint32_t flags);
bool ipc_enc_empty(struct ipc_msg *m, uint16_t type, uint32_t id);
bool ipc_enc_rep_dial(struct ipc_msg *m, uint32_t id, uint32_t error, uint64_t handle);
bool ipc_enc_rep_error(struct ipc_msg *m, uint32_t id, uint32_t error);
bool ipc_enc_rep_status(struct ipc_msg *m, uint32_t id, const struct ipc_status *s);
bool ipc_enc_rep_enum(struct ipc_msg *m, uint32_t id, const struct ipc_enum *e);
bool ipc_enc_rep_projection(struct ipc_msg *m, uint32_t id, const struct ipc_projection *p);
bool ipc_enc_rep_stats(struct ipc_msg *m, uint32_t id, const struct ipc_stats *s);
bool ipc_enc_rep_debug(struct ipc_msg *m, uint32_t id, const struct ipc_debug *d);
bool ipc_enc_rep_info(struct ipc_msg *m, uint32_t id, const struct ipc_info *d);
bool ipc_enc_ev_state(struct ipc_msg *m, uint64_t handle, uint32_t state, uint32_t error);
bool ipc_enc_ev_conn(struct ipc_msg *m, uint64_t handle, uint32_t what);

/* Decoders: the payload of a message whose header ipc_parse_hdr accepted
 * and whose type matches. false = malformed (out is then unspecified;
 * the dial decoder wipes what it wrote). */
bool ipc_dec_dial(const uint8_t *buf, size_t n, struct ipc_dial_req *d);
bool ipc_dec_handle(const uint8_t *buf, size_t n, uint64_t *handle);
bool ipc_dec_subscribe(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *flags);
bool ipc_dec_empty(const uint8_t *buf, size_t n);
bool ipc_dec_rep_dial(const uint8_t *buf, size_t n, uint32_t *error, uint64_t *handle);
bool ipc_dec_rep_error(const uint8_t *buf, size_t n, uint32_t *error);
bool ipc_dec_rep_status(const uint8_t *buf, size_t n, struct ipc_status *s);
bool ipc_dec_rep_enum(const uint8_t *buf, size_t n, struct ipc_enum *e);
bool ipc_dec_rep_projection(const uint8_t *buf, size_t n, struct ipc_projection *p);
bool ipc_dec_rep_stats(const uint8_t *buf, size_t n, struct ipc_stats *s);
bool ipc_dec_rep_debug(const uint8_t *buf, size_t n, struct ipc_debug *d);
bool ipc_dec_rep_info(const uint8_t *buf, size_t n, struct ipc_info *d);
bool ipc_dec_ev_state(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *state,
                      uint32_t *error);
bool ipc_dec_ev_conn(const uint8_t *buf, size_t n, uint64_t *handle, uint32_t *what);

#endif
