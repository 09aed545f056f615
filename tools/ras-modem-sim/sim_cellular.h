/* ras-modem-sim's SIMULATED cellular module: the 3GPP TS 27.007 commands a
 * dialer sends before *99# (SIM PIN, packet-data context, registration,
 * signal quality), with scripted outcomes. No radio and no SIM: the state
 * is what the options said. Like sim_command.c, no I/O of its own. */
#ifndef RAS_MODEM_SIM_CELLULAR_H
#define RAS_MODEM_SIM_CELLULAR_H

#include <stdbool.h>

#include "sim_command.h"

#define SIMCELL_PIN_MAX 8
#define SIMCELL_APN_MAX 100
#define SIMCELL_PIN_TRIES 3       /* wrong PINs before the SIM wants its PUK */

enum simcell_sim { SIMCELL_READY, SIMCELL_PIN, SIMCELL_PUK };
enum simcell_reg { SIMCELL_HOME, SIMCELL_ROAMING, SIMCELL_NEVER, SIMCELL_AFTER };

struct simcell {
    enum simcell_sim sim;
    char pin[SIMCELL_PIN_MAX + 1];    /* the SIM's PIN (SIMCELL_PIN) */
    int pin_tries;
    enum simcell_reg reg;
    unsigned reg_after, reg_asked;    /* SIMCELL_AFTER: queries before registering */
    int csq;                          /* AT+CSQ's rssi */
    char apn[SIMCELL_APN_MAX + 1];    /* context 1's APN, from AT+CGDCONT */
    char network_apn[SIMCELL_APN_MAX + 1];  /* "" = any APN (or none) will do */
    unsigned pins_sent;               /* AT+CPIN=<pin> commands seen */
};

/* Defaults: SIM ready, registered at home, rssi 20, any APN. */
void simcell_init(struct simcell *c);
/* The options: --sim=ready|pin=PIN|puk, --registration=home|roaming|never|
 * after=N, --csq=N, --apn=NAME. false if the value is not understood. */
bool simcell_set_sim(struct simcell *c, const char *v);
bool simcell_set_registration(struct simcell *c, const char *v);
bool simcell_set_csq(struct simcell *c, const char *v);
bool simcell_set_network_apn(struct simcell *c, const char *v);
/* A command line (without its CR): true if it was a cellular command, and
 * then answered through ops (text and reply). */
bool simcell_line(struct simcell *c, const char *line, const struct simcmd_ops *ops);
/* Why a packet-data call (*99...) to number fails, NULL if it may connect
 * (or is no packet call). */
const char *simcell_refusal(const struct simcell *c, const char *number);

#endif
