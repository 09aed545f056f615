/* What the modem port's files share (modem.c: the port and its AT
 * dialog; modem_cell.c: a cellular module's steps before the dial;
 * modem_hangup.c: ending a call from the loop). Not for use outside
 * src/port. */
#ifndef RAS_PORT_MODEM_INT_H
#define RAS_PORT_MODEM_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <termios.h>

#include "common/loop.h"
#include "port/at.h"
#include "port/port.h"
#include "port/serial.h"

#define INIT_TIMEOUT_MS   5000    /* for each command's answer */
#define OUTQ_MAX          16384   /* bytes waiting for the line */
#define PHONE_MAX         128

enum mstate {
    MS_IDLE,                      /* opened, not dialing */
    MS_RESET,                     /* ATZ sent */
    MS_SETUP,                     /* ATE0V1 sent */
    MS_INIT,                      /* an extra initialization command sent */
    MS_CELL,                      /* a cellular step (enum cstep) */
    MS_DIALING,                   /* ATDT sent */
    MS_REDIAL_WAIT,               /* the pause between attempts */
    MS_CONNECTED,
    MS_DOWN,                      /* down reported; waiting to be closed */
    MS_HANGING_UP,                /* closed by its owner, ending the call */
};

/* A cellular module's steps before the dial (3GPP TS 27.007 commands). */
enum cstep {
    CS_CPIN,                      /* AT+CPIN? sent: does the SIM want its PIN? */
    CS_PIN,                       /* AT+CPIN="<pin>" sent */
    CS_APN,                       /* AT+CGDCONT=1,"IP","<apn>" sent */
    CS_CREG,                      /* AT+CREG? sent (circuit-switched, 2G/3G) */
    CS_CEREG,                     /* AT+CEREG? sent (EPS, LTE) */
    CS_REG_WAIT,                  /* not registered yet: the pause before asking again */
    CS_CSQ,                       /* AT+CSQ sent */
};

/* The hang-up phase's steps (see "hanging up"). */
enum hstate {
    HS_NONE,
    HS_DTR,                       /* DTR down, waiting for the carrier to go */
    HS_GUARD,                     /* DTR back up, silence before +++ */
    HS_ESCAPE,                    /* +++ sent, waiting for OK */
    HS_ATH,                       /* ATH sent, waiting for OK */
    HS_ABORT,                     /* closed while dialing: a key sent to stop it */
    HS_DONE,                      /* closing from the timer */
};

struct modem_port {
    struct port base;
    struct loop *loop;
    struct port_cb cb;
    struct serial line;
    struct loop_io io;
    struct loop_timer timer;
    struct at_parser at;
    enum mstate state;
    bool direct;
    char phone[PHONE_MAX];
    char device[PORT_DEVICE_KEY_MAX];  /* for the PUK memory */
    bool cellular;                /* the APN, PIN and registration steps */
    char apn[PORT_APN_MAX + 1];
    char pin[PORT_PIN_MAX + 1];
    enum cstep cell;
    uint64_t reg_until;           /* the registration deadline */
    int csq;                      /* AT+CSQ's <rssi>, -1 before it answered */
    char init[PORT_INIT_CMDS_MAX][PORT_INIT_CMD_MAX + 1];
    unsigned n_init, init_at;     /* commands held, the one sent */
    uint32_t redials_left, redial_pause_ms;
    uint32_t bps;
    uint8_t outq[OUTQ_MAX];
    size_t out_head, out_len;
    bool out_armed;               /* EPOLLOUT requested */
    enum hstate hang;
    uint64_t hang_until;          /* the end of the DTR wait */
    struct termios hang_line;     /* the line's settings, to raise DTR again */
    struct modem_port *next_hanging;
};

/* modem.c */
void modem_want_output(struct modem_port *p, bool on);
/* One read of the line: the bytes read, 0 when there are none now, -1
 * when the line went (EOF or EIO: the carrier or the device). */
ssize_t modem_read(struct modem_port *p, uint8_t *buf, size_t cap);
/* Sends cmd (CR included) and waits timeout_ms in state next. */
void modem_send_cmd(struct modem_port *p, const char *cmd, enum mstate next,
                    uint32_t timeout_ms);
void modem_send_dial(struct modem_port *p);
/* Reports the dial failed or the line dropped (once). */
void modem_go_down(struct modem_port *p, uint32_t error);

/* modem_cell.c: after the init commands, for an entry with an APN or a
 * *99 number; ends in modem_send_dial or modem_go_down. */
void modem_cell_start(struct modem_port *p);
void modem_cell_result(struct modem_port *p, enum at_result r);
void modem_cell_timer(struct modem_port *p, uint64_t now);

/* modem_hangup.c: true if p, closed by its owner with a call up, went
 * into its hang-up phase (it frees itself at the end); false if there is
 * nothing to hang up, and the caller releases it. */
bool modem_hang_up_start(struct modem_port *p);
void modem_hang_input(struct modem_port *p);
void modem_hang_timer(struct modem_port *p, uint64_t now);
/* Closes the line (lock removed), wipes the PIN, frees p. */
void modem_release(struct modem_port *p);

#endif
