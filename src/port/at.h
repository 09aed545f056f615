/* Hayes AT result codes: a parser with no I/O. Bytes from the modem go in,
 * in whatever chunks the reads returned; result events come out. Lines that
 * are not result codes (the echo of our command, ATI text, line noise) are
 * skipped, so the dialer only ever sees the codes it acts on. */
#ifndef RAS_PORT_AT_H
#define RAS_PORT_AT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Values are the ATV0 numeric codes, so a numeric reply maps straight in. */
enum at_result {
    AT_OK = 0,
    AT_CONNECT = 1,
    AT_RING = 2,
    AT_NO_CARRIER = 3,
    AT_ERROR = 4,
    AT_NO_DIALTONE = 6,
    AT_BUSY = 7,
    AT_NO_ANSWER = 8,
};

/* Longer than any result code or CONNECT line a modem sends; longer lines
 * are dropped whole and counted. */
#define AT_LINE_MAX 96

struct at_parser {
    char line[AT_LINE_MAX];
    size_t len;
    bool overlong;                /* dropping the rest of an overlong line */
    uint32_t lines_overlong;      /* lines dropped for their length */
    uint32_t lines_other;         /* complete lines that were no result */
    /* The last complete line that was no result, or a "+CME ERROR: ..."
     * line: a query's answer ("+CPIN: READY", "+CSQ: 20,99") comes just
     * before its OK. "" after at_init. */
    char info[AT_LINE_MAX + 1];
};

struct at_event {
    enum at_result result;
    uint32_t bps;                 /* CONNECT's speed, 0 if it gave none */
};

void at_init(struct at_parser *ap);

/* Consumes bytes up to and including the end of the first result line and
 * returns how many it took, with *ev filled and *got true; or takes all n
 * and sets *got false. What follows a CONNECT is line data, not AT: the
 * caller passes the rest of the buffer on. */
size_t at_feed(struct at_parser *ap, const uint8_t *bytes, size_t n,
               struct at_event *ev, bool *got);

/* The numbers of an information line "+NAME: a,b,..." after its colon
 * (quoted fields count as 0): how many were read, at most max. */
unsigned at_info_numbers(const char *info, const char *name, long *out, unsigned max);

/* The RAS error a result means for a dial (0 for OK, CONNECT and RING). */
uint32_t at_result_error(enum at_result r);
/* The verbose form ("NO CARRIER"), for logs and the simulator. */
const char *at_result_name(enum at_result r);

#endif
