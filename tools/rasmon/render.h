/* rasmon's two ways of printing a sample: text for a person (ANSI colour
 * for the lights only when asked, i.e. on a terminal) and one JSON object
 * per sample for scripts, its field names stable (rasmon(1) lists them). */
#ifndef RAS_TOOLS_RASMON_RENDER_H
#define RAS_TOOLS_RASMON_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sample.h"

struct mon_render {
    uint64_t seq;                 /* 1 for the first sample printed */
    uint64_t interval_ms;         /* what --interval asked for */
    bool ansi;                    /* colour the lights (stdout is a terminal) */
};

/* t may be NULL (no trend line: --once). */
void mon_render_text(FILE *f, const struct mon_render *r, const struct mon_sample *s,
                     const struct mon_trend *t);
/* One line, ended by '\n'. */
void mon_render_json(FILE *f, const struct mon_render *r, const struct mon_sample *s);

/* "2026-12-06T06:40:01.123Z": when s was taken, UTC. */
void mon_render_time(char *buf, size_t cap, const struct mon_sample *s);

#endif
