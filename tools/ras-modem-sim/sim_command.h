/* ras-modem-sim's command reader: the bytes typed at the simulated modem in
 * command mode, assembled into lines, and one "AT..." line read into the
 * actions it asks for. No I/O and no state of the simulator: the actions
 * go to the caller's functions, so the fuzzer can link this file alone. */
#ifndef RAS_MODEM_SIM_COMMAND_H
#define RAS_MODEM_SIM_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIMCMD_LINE_MAX   128
#define SIMCMD_NUMBER_MAX 40

struct simcmd_line {
    char buf[SIMCMD_LINE_MAX];
    size_t len;
    bool overflow;                /* the line ran past the buffer: ERROR */
};

/* Takes one byte typed in command mode: true when it ended a line (CR).
 * LF and NUL are ignored; bytes past the buffer mark the line overflowed. */
bool simcmd_byte(struct simcmd_line *l, uint8_t b);

/* What a command line asks the modem to do. Every line ends in exactly one
 * of: reply with a final result code, dial, or online (whose false return
 * means NO CARRIER, sent by the reader). */
struct simcmd_ops {
    void *ctx;
    void (*reply)(void *ctx, int code, const char *word);   /* ATV0 code, word */
    void (*text)(void *ctx, const char *s);                 /* ATI, ATS? output */
    void (*dial)(void *ctx, const char *number);            /* ATD: the number */
    void (*reset)(void *ctx);                               /* ATZ */
    void (*factory)(void *ctx);                             /* AT&F */
    void (*hang_up)(void *ctx);                             /* ATH */
    void (*echo)(void *ctx, bool on);                       /* ATE */
    void (*verbose)(void *ctx, bool on);                    /* ATV */
    bool (*online)(void *ctx);                              /* ATO */
};

/* The completed line in l as text, leading spaces skipped (for logs). */
const char *simcmd_line_text(struct simcmd_line *l);
/* Runs the completed line in l and empties it for the next. */
void simcmd_line_run(struct simcmd_line *l, const struct simcmd_ops *ops);

/* The number of an ATD command (what follows the D): tone/pulse letters
 * and spaces skipped, up to a ';' (stay in command mode) or
 * SIMCMD_NUMBER_MAX characters. out holds SIMCMD_NUMBER_MAX + 1 bytes. */
void simcmd_number(const char *arg, char *out);

#endif
