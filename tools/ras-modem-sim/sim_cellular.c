/* ras-modem-sim's simulated cellular module (see sim_cellular.h). */
#include "sim_cellular.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
simcell_init(struct simcell *c)
{
    memset(c, 0, sizeof(*c));
    c->pin_tries = SIMCELL_PIN_TRIES;
    c->csq = 20;
}

static bool
copy_bounded(char *out, size_t cap, const char *v)
{
    if (strlen(v) >= cap)
        return false;
    memcpy(out, v, strlen(v) + 1);
    return true;
}

bool
simcell_set_sim(struct simcell *c, const char *v)
{
    if (strcasecmp(v, "ready") == 0)
        c->sim = SIMCELL_READY;
    else if (strcasecmp(v, "puk") == 0)
        c->sim = SIMCELL_PUK;
    else if (strncasecmp(v, "pin=", 4) == 0 && v[4] && copy_bounded(c->pin, sizeof(c->pin), v + 4))
        c->sim = SIMCELL_PIN;
    else
        return false;
    return true;
}

bool
simcell_set_registration(struct simcell *c, const char *v)
{
    if (strcasecmp(v, "home") == 0)
        c->reg = SIMCELL_HOME;
    else if (strcasecmp(v, "roaming") == 0)
        c->reg = SIMCELL_ROAMING;
    else if (strcasecmp(v, "never") == 0)
        c->reg = SIMCELL_NEVER;
    else if (strncasecmp(v, "after=", 6) == 0 && v[6] >= '0' && v[6] <= '9') {
        c->reg = SIMCELL_AFTER;
        c->reg_after = (unsigned)strtoul(v + 6, NULL, 10);
    } else
        return false;
    return true;
}

bool
simcell_set_csq(struct simcell *c, const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 0 || n > 99)
        return false;
    c->csq = (int)n;
    return true;
}

bool
simcell_set_network_apn(struct simcell *c, const char *v)
{
    return copy_bounded(c->network_apn, sizeof(c->network_apn), v);
}

/* <stat> of +CREG/+CEREG: 0 not searching (no SIM ready), 1 home,
 * 2 searching, 5 roaming. */
static int
reg_stat(struct simcell *c)
{
    if (c->sim != SIMCELL_READY)
        return 0;
    c->reg_asked++;
    switch (c->reg) {
    case SIMCELL_HOME: return 1;
    case SIMCELL_ROAMING: return 5;
    case SIMCELL_NEVER: return 2;
    case SIMCELL_AFTER: return c->reg_asked > c->reg_after ? 1 : 2;
    }
    return 0;
}

static void
cme(const struct simcmd_ops *ops, int code)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "+CME ERROR: %d", code);
    /* a final result code of its own: the word in verbose mode, ERROR's
     * number otherwise */
    ops->reply(ops->ctx, 4, buf);
}

static void
info_ok(const struct simcmd_ops *ops, const char *info)
{
    char buf[SIMCELL_APN_MAX + 48];
    snprintf(buf, sizeof(buf), "\r\n%s\r\n", info);
    ops->text(ops->ctx, buf);
    ops->reply(ops->ctx, 0, "OK");
}

static const char *
cpin_word(const struct simcell *c)
{
    return c->sim == SIMCELL_READY ? "READY" : c->sim == SIMCELL_PIN ? "SIM PIN" : "SIM PUK";
}

/* AT+CPIN=<pin> or AT+CPIN="<pin>" */
static void
enter_pin(struct simcell *c, const char *arg, const struct simcmd_ops *ops)
{
    char pin[SIMCELL_PIN_MAX + 3];
    size_t n = strcspn(arg, ",");
    if (n >= sizeof(pin)) {
        cme(ops, 16);
        return;
    }
    memcpy(pin, arg, n);
    pin[n] = '\0';
    char *p = pin;
    if (*p == '"' && n >= 2 && p[n - 1] == '"') {
        p[n - 1] = '\0';
        p++;
    }
    c->pins_sent++;
    if (c->sim == SIMCELL_READY) {
        cme(ops, 3);              /* operation not allowed */
    } else if (c->sim == SIMCELL_PUK) {
        cme(ops, 12);             /* SIM PUK required */
    } else if (strcmp(p, c->pin) == 0) {
        c->sim = SIMCELL_READY;
        c->pin_tries = SIMCELL_PIN_TRIES;
        ops->reply(ops->ctx, 0, "OK");
    } else {
        if (--c->pin_tries <= 0)
            c->sim = SIMCELL_PUK;
        cme(ops, 16);             /* incorrect password */
    }
}

/* AT+CGDCONT=1,"IP","<apn>" (context 1 only: the one *99# uses) */
static void
set_context(struct simcell *c, const char *arg, const struct simcmd_ops *ops)
{
    const char *q = strchr(arg, ',');
    if (strncmp(arg, "1,", 2) != 0 || !q || strncasecmp(q + 1, "\"IP", 3) != 0) {
        ops->reply(ops->ctx, 4, "ERROR");
        return;
    }
    const char *open = strchr(q + 1 + 3, ',');
    const char *start = open && open[1] == '"' ? open + 2 : NULL;
    const char *end = start ? strchr(start, '"') : NULL;
    if (!end || (size_t)(end - start) > SIMCELL_APN_MAX) {
        ops->reply(ops->ctx, 4, "ERROR");
        return;
    }
    memcpy(c->apn, start, (size_t)(end - start));
    c->apn[end - start] = '\0';
    ops->reply(ops->ctx, 0, "OK");
}

bool
simcell_line(struct simcell *c, const char *line, const struct simcmd_ops *ops)
{
    char info[SIMCELL_APN_MAX + 40];
    if (strncasecmp(line, "AT+C", 4) != 0)
        return false;
    const char *cmd = line + 2;
    if (strcasecmp(cmd, "+CPIN?") == 0) {
        snprintf(info, sizeof(info), "+CPIN: %s", cpin_word(c));
        info_ok(ops, info);
    } else if (strncasecmp(cmd, "+CPIN=", 6) == 0) {
        enter_pin(c, cmd + 6, ops);
    } else if (strncasecmp(cmd, "+CGDCONT=", 9) == 0) {
        set_context(c, cmd + 9, ops);
    } else if (strcasecmp(cmd, "+CGDCONT?") == 0) {
        snprintf(info, sizeof(info), "+CGDCONT: 1,\"IP\",\"%s\"", c->apn);
        info_ok(ops, info);
    } else if (strcasecmp(cmd, "+CREG?") == 0 || strcasecmp(cmd, "+CEREG?") == 0) {
        int stat = reg_stat(c);
        bool eps = cmd[2] == 'E' || cmd[2] == 'e';
        snprintf(info, sizeof(info), "%s: 0,%d", eps ? "+CEREG" : "+CREG", stat);
        info_ok(ops, info);
    } else if (strcasecmp(cmd, "+CSQ") == 0) {
        snprintf(info, sizeof(info), "+CSQ: %d,99", c->csq);
        info_ok(ops, info);
    } else {
        return false;
    }
    return true;
}

const char *
simcell_refusal(const struct simcell *c, const char *number)
{
    if (strncmp(number, "*99", 3) != 0)
        return NULL;
    if (c->sim != SIMCELL_READY)
        return "the SIM is not ready";
    if (c->reg == SIMCELL_NEVER || (c->reg == SIMCELL_AFTER && c->reg_asked <= c->reg_after))
        return "not registered";
    if (c->network_apn[0] && strcasecmp(c->apn, c->network_apn) != 0)
        return "the network knows no such APN";
    return NULL;
}
