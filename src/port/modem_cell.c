/* A cellular module's steps before the dial (see modem_int.h), each a
 * command of the modem port's AT dialog, driven by its results and the
 * loop's timers: AT+CPIN? (and the SIM PIN), AT+CGDCONT (the APN),
 * AT+CREG?/AT+CEREG? until registered or the deadline, AT+CSQ. Commands
 * and answers are 3GPP TS 27.007's. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "raserror.h"

#include "common/alloc.h"
#include "port/modem_int.h"

#define REG_POLL_MS       1000    /* between registration queries */
#define PUK_DEVICES_MAX   8       /* devices remembered with a SIM wanting its PUK */

uint32_t modem_reg_deadline_ms = MODEM_REG_DEADLINE_MS;

/* Devices whose SIM asked for its PUK: no PIN goes to them again (a wrong
 * PIN is what blocks a SIM; three and it wants the PUK, ten wrong PUKs and
 * it is dead) until a dial finds the SIM ready, unblocked by someone with
 * the PUK. In rasmand's memory, by device name. */
static char puk_devices[PUK_DEVICES_MAX][PORT_DEVICE_KEY_MAX];

static int
puk_find(const char *device)
{
    for (int i = 0; i < PUK_DEVICES_MAX; i++)
        if (puk_devices[i][0] && strcmp(puk_devices[i], device) == 0)
            return i;
    return -1;
}

static void
puk_remember(const char *device)
{
    if (puk_find(device) >= 0)
        return;
    int slot = 0;
    for (int i = 0; i < PUK_DEVICES_MAX; i++)
        if (!puk_devices[i][0]) {
            slot = i;
            break;
        }
    snprintf(puk_devices[slot], sizeof(puk_devices[slot]), "%s", device);
}

static void
puk_forget(const char *device)
{
    int i = puk_find(device);
    if (i >= 0)
        puk_devices[i][0] = '\0';
}

void
modem_puk_forget_all(void)
{
    memset(puk_devices, 0, sizeof(puk_devices));
}

static const char *const cstep_cmd[] = {
    [CS_CPIN] = "AT+CPIN?", [CS_PIN] = "AT+CPIN", [CS_APN] = "AT+CGDCONT",
    [CS_CREG] = "AT+CREG?", [CS_CEREG] = "AT+CEREG?", [CS_REG_WAIT] = "AT+CREG?",
    [CS_CSQ] = "AT+CSQ",
};

/* The RAS error cannot name the step: the log does (never the PIN). */
static void
cell_fail(struct modem_port *p, uint32_t error, const char *why)
{
    if (modem_log)
        modem_log(0, "modem %s: cellular step %s: %s%s%s%s (error %u)", p->device,
                  cstep_cmd[p->cell], why, p->at.info[0] ? " (\"" : "", p->at.info,
                  p->at.info[0] ? "\")" : "", error);
    modem_go_down(p, error);
}

static void
cell_send(struct modem_port *p, enum cstep step, const char *cmd)
{
    p->cell = step;
    modem_send_cmd(p, cmd, MS_CELL, INIT_TIMEOUT_MS);
}

void
modem_cell_start(struct modem_port *p)
{
    p->reg_until = loop_now(p->loop) + modem_reg_deadline_ms;
    cell_send(p, CS_CPIN, "AT+CPIN?\r");
}

static void
cell_apn(struct modem_port *p)
{
    char cmd[PORT_APN_MAX + 32];
    if (!p->apn[0]) {             /* the module's own default context */
        cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    }
    snprintf(cmd, sizeof(cmd), "AT+CGDCONT=1,\"IP\",\"%s\"\r", p->apn);
    cell_send(p, CS_APN, cmd);
}

/* "+CPIN: <code>": READY, or what the SIM waits for. */
static void
cell_cpin(struct modem_port *p)
{
    const char *code = p->at.info;
    if (strncasecmp(code, "+CPIN:", 6) != 0) {
        cell_fail(p, ERROR_UNRECOGNIZED_RESPONSE, "no +CPIN: answer");
        return;
    }
    for (code += 6; *code == ' '; code++)
        ;
    if (strcasecmp(code, "READY") == 0) {
        puk_forget(p->device);
        cell_apn(p);
    } else if (strcasecmp(code, "SIM PUK") == 0) {
        puk_remember(p->device);
        cell_fail(p, ERROR_ACCT_DISABLED, "the SIM is blocked and wants its PUK; "
                  "unblock it (AT+CPIN=\"<puk>\",\"<new pin>\"), no PIN is sent");
    } else if (strcasecmp(code, "SIM PIN") != 0) {
        cell_fail(p, ERROR_FROM_DEVICE, "the SIM wants something other than its PIN");
    } else if (puk_find(p->device) >= 0) {
        cell_fail(p, ERROR_ACCT_DISABLED, "this SIM wanted its PUK before; no PIN is sent "
                  "until it is ready again");
    } else if (!p->pin[0]) {
        cell_fail(p, ERROR_INTERACTIVE_MODE, "the SIM wants its PIN and the saved "
                  "credentials hold none (rasphone set-credentials --pin)");
    } else {
        char cmd[PORT_PIN_MAX + 16];
        snprintf(cmd, sizeof(cmd), "AT+CPIN=\"%s\"\r", p->pin);
        cell_send(p, CS_PIN, cmd);
        ras_wipe(cmd, sizeof(cmd));
    }
}

/* "+CREG: <n>,<stat>[,...]" (or the unsolicited "+CREG: <stat>"): 1 is
 * registered at home, 5 roaming. */
static int
reg_stat(const struct modem_port *p, const char *name)
{
    long v[2];
    unsigned n = at_info_numbers(p->at.info, name, v, 2);
    return n == 2 ? (int)v[1] : n == 1 ? (int)v[0] : -1;
}

static void
cell_registered(struct modem_port *p, int stat)
{
    if (stat == 5 && modem_log)
        modem_log(1, "modem %s: registered, roaming", p->device);
    cell_send(p, CS_CSQ, "AT+CSQ\r");
}

static void
cell_not_registered(struct modem_port *p)
{
    if (loop_now(p->loop) >= p->reg_until) {
        char why[64];
        snprintf(why, sizeof(why), "not registered with a network within %u s",
                 modem_reg_deadline_ms / 1000);
        cell_fail(p, ERROR_NO_DIALTONE, why);
        return;
    }
    p->cell = CS_REG_WAIT;
    loop_timer_set(p->loop, &p->timer, loop_now(p->loop) + REG_POLL_MS);
}

void
modem_cell_result(struct modem_port *p, enum at_result r)
{
    int stat;
    switch (p->cell) {
    case CS_CPIN:
        if (r != AT_OK)
            cell_fail(p, ERROR_FROM_DEVICE, "no SIM, or no answer from it");
        else
            cell_cpin(p);
        return;
    case CS_PIN:
        /* never tried again: each wrong PIN brings the PUK nearer */
        if (r != AT_OK)
            cell_fail(p, ERROR_AUTHENTICATION_FAILURE, "the SIM refused the PIN");
        else
            cell_apn(p);
        return;
    case CS_APN:
        if (r != AT_OK)
            cell_fail(p, ERROR_FROM_DEVICE, "the module refused the APN");
        else
            cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    case CS_CREG:
        stat = r == AT_OK ? reg_stat(p, "+CREG") : -1;
        if (stat == 1 || stat == 5)
            cell_registered(p, stat);
        else                      /* an LTE-only module registers in EPS */
            cell_send(p, CS_CEREG, "AT+CEREG?\r");
        return;
    case CS_CEREG:
        stat = r == AT_OK ? reg_stat(p, "+CEREG") : -1;
        if (stat == 1 || stat == 5)
            cell_registered(p, stat);
        else
            cell_not_registered(p);
        return;
    case CS_CSQ: {
        long v[2];
        if (r == AT_OK && at_info_numbers(p->at.info, "+CSQ", v, 2) >= 1 && v[0] <= 99)
            p->csq = (int)v[0];
        if (modem_log)
            modem_log(2, "modem %s: signal quality %d (AT+CSQ, 0-31, 99 unknown)",
                      p->device, p->csq);
        modem_send_dial(p);             /* without an answer too: it is only shown */
        return;
    }
    case CS_REG_WAIT:
        return;
    }
}

void
modem_cell_timer(struct modem_port *p, uint64_t now)
{
    (void)now;
    if (p->cell == CS_REG_WAIT) {
        cell_send(p, CS_CREG, "AT+CREG?\r");
        return;
    }
    cell_fail(p, ERROR_PORT_OR_DEVICE, "no answer in time");
}
