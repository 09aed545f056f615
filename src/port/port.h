/* How rasmand drives a line: one struct port_ops per kind of port (serial
 * modem, direct serial, the built-in loopback simulator). A port moves
 * bytes; PPP runs above it in the connection. Ports live in rasmand's one
 * event loop and never block.
 *
 * Re-entrancy rule: a port calls its callbacks only from its own loop
 * callbacks (descriptor or timer), never from inside open, dial, write or
 * close, so the connection is never re-entered while it is calling down. */
#ifndef RAS_PORT_PORT_H
#define RAS_PORT_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;
struct port_ops;

/* Every port object starts with this; each kind embeds it first. */
struct port {
    const struct port_ops *ops;
};

struct port_cb {
    void *ctx;
    /* The device connected (CONNECT [bps]): the line now carries PPP. */
    void (*connected)(void *ctx, uint32_t bps);
    /* Bytes from the line. */
    void (*input)(void *ctx, const uint8_t *bytes, size_t n);
    /* The dial failed or the line dropped: a RAS error (676 busy, 678 no
     * answer, 679 no carrier, 680 no dial tone, 619/629 carrier lost, ...).
     * Called at most once; the owner then closes the port. */
    void (*down)(void *ctx, uint32_t error);
    /* The port's output queue, which was holding bytes, has gone out on
     * the line: the owner may write more (its flow control). May be NULL. */
    void (*drained)(void *ctx);
    /* After a close that returned true: the line and its lock are free
     * now (the hang-up phase ended). Called once, from the loop. Until
     * then the owner keeps ctx valid, so a redial waiting for the port
     * (Microsoft's advice: until the handle is invalid) finds it free. */
    void (*released)(void *ctx);
};

struct port_params {
    const char *device_type;      /* RASDT_*, e.g. "modem" */
    const char *device_name;      /* "/dev/ttyS0", "loopback", ... */
    /* The device as the dialing user opened it (SCM_RIGHTS), -1 for none:
     * then a serial port opens device_name itself. Stays the caller's
     * (the port keeps a copy). */
    int fd;
    const char *phone;            /* what to dial, prefix/suffix applied */
    uint32_t redial_count, redial_pause_s;
    uint32_t options;             /* RASEO_* (speaker, flow control, ...) */
    /* The serial line, from the phonebook's ConnectBPS= and HwFlowControl=
     * (Windows keeps them with the modem's settings; RASENTRY has neither):
     * bps 0 = 115200; hw_flow 0 = RTS/CTS (the default), 1 = on, 2 = off. */
    uint32_t line_bps;
    uint32_t hw_flow;
    /* The entry's extra initialization commands (its DEVICE block's
     * InitCommands=), '\n' between commands; NULL or "" for none. A modem
     * port sends the device's own (modem_config_dir) first, then these. */
    const char *init_cmds;
    /* A cellular module's packet-data context (the DEVICE block's Apn=),
     * NULL or "" for the module's default; and the SIM PIN from the
     * user's credentials file (never the phonebook), NULL or "" for none.
     * An APN or a *99 number makes the modem port set up the module
     * (SIM PIN, APN, registration wait, signal quality) before ATD. */
    const char *apn;
    const char *pin;
};

#define PORT_APN_MAX 100
#define PORT_PIN_MAX 8
#define PORT_DEVICE_KEY_MAX 64

/* Extra initialization commands: at most this many, each at most
 * PORT_INIT_CMD_MAX characters, starting "AT", printable ASCII. */
#define PORT_INIT_CMDS_MAX 8
#define PORT_INIT_CMD_MAX  60

struct port_ops {
    const char *kind;             /* "loopback", "modem", "direct": for logs */
    /* Does this kind of port serve that device? */
    bool (*match)(const char *device_type, const char *device_name);
    /* OpenPort: takes the device (lock, open). 0 or a RAS error (633
     * port not available, 608 no such device or not a terminal, 8). */
    uint32_t (*open)(struct loop *l, const struct port_params *p, const struct port_cb *cb,
                     struct port **out);
    /* ConnectDevice: starts dialing; the outcome comes through cb. */
    uint32_t (*dial)(struct port *p);
    /* Line bytes; the port queues what it cannot write now (bounded: 603
     * when its queue is full, and the bytes are dropped). */
    uint32_t (*write)(struct port *p, const uint8_t *bytes, size_t n);
    /* Hangs up and releases everything (lock, descriptors, timers); no
     * callback but released runs afterwards. Accepts NULL. Never blocks:
     * a modem with a call up keeps its line (and lock) for its own hang-up
     * phase, driven from the loop and bounded in time (modem_hangups_*),
     * and returns true: cb->released comes when it ends. false: all of
     * it is free already. */
    bool (*close)(struct port *p);
    /* Line speed for RAS_STATS dwBps, 0 if unknown. */
    uint32_t (*bps)(const struct port *p);
    /* Bytes written and not yet on the line; NULL = the port never
     * queues (writes go through at once). */
    size_t (*pending)(const struct port *p);
    /* A packet link (PPPoE): write takes, and input gives, one whole PPP
     * frame (protocol field onward) per call, and the engine runs with
     * packet_framing (no HDLC). false for byte streams (serial lines). */
    bool packet;
    /* Sends what write queued (a packet port batches frames: several per
     * system call); called at the end of every pump. NULL = writes go
     * out at once. */
    void (*flush)(struct port *p);
    /* Packet links: the MRU the link carries, once connected (PPPoE 1492,
     * or up to 1500 by RFC 4638). NULL for the others. */
    uint16_t (*mru)(const struct port *p);
#define PORT_PACKET_MRU 1492      /* RFC 2516 7: a packet port's MRU to begin with */
    /* A line for rasmand's log once connected ("session 0x0001, AC
     * \"x\", MRU 1492"); NULL = nothing to add. */
    void (*describe)(const struct port *p, char *out, size_t cap);
    /* A cellular module's signal quality before the dial: AT+CSQ's rssi
     * (0-31, 99 unknown), -1 if it was not asked. NULL = never asked. */
    int (*signal)(const struct port *p);
};

/* The built-in simulated modem and ISP (src/port/loopback.c), for the
 * device named RAS_LOOPBACK_DEVICE_NAME (common/loopback.h). */
extern const struct port_ops loopback_port_ops;

/* Serial ports (src/port/modem.c), for device names under /dev/: a Hayes
 * modem (device type "modem"), and a direct cable ("direct" or "SERIAL"). */
extern const struct port_ops modem_port_ops;
extern const struct port_ops direct_port_ops;

/* Where a modem port reads its device's commands: <dir>/<device basename>,
 * one command a line, '#' comments. rasmand --test may point it elsewhere. */
#define MODEM_CONFIG_DIR "/etc/ras/modems"
extern const char *modem_config_dir;
/* rasmand's log, for what the dialog cannot say in a RAS error (which
 * command failed); NULL = silent. */
extern void (*modem_log)(int level, const char *fmt, ...);

/* PPPoE (src/port/pppoe.c), for device type "PPPoE" (RASDT_PPPoE): the
 * device name is the Ethernet interface, the phone number the service
 * name, "AC\\service" to ask for one access concentrator by name. */
extern const struct port_ops pppoe_port_ops;
/* rasmand's log for the port's discovery news; NULL = silent. */
extern void (*pppoe_log)(int level, const char *fmt, ...);
/* How long a cellular module may take to register with a network
 * (AT+CREG?/AT+CEREG? 1 home or 5 roaming) before the dial fails with 680;
 * rasmand --test may shorten it. */
#define MODEM_REG_DEADLINE_MS 60000
extern uint32_t modem_reg_deadline_ms;
/* Forgets which devices' SIMs wanted their PUK (tests). */
void modem_puk_forget_all(void);

/* Modem ports closed with a call up and still hanging it up in the loop
 * (DTR drop, then +++ and ATH): how many. Each ends by itself within
 * about 9 s. */
unsigned modem_hangups_pending(void);
/* Ends them now (DTR down, line closed, lock removed): before the loop
 * they run in is freed. A modem ignoring DTR may stay off hook. Their
 * released callbacks do not run (their owners are being freed too). */
void modem_hangups_force(void);

#endif
