/* Fuzz target 'modem-sim-command': any bytes typed at ras-modem-sim in
 * command mode, through its command reader (tools/ras-modem-sim/
 * sim_command.c). Asserts: a line never outgrows its buffer and is empty
 * after it ran; every line that is not blank ends in exactly one of a final
 * result (OK, ERROR or NO CARRIER, with the code ATV0 gives it), a dial or
 * going online, and nothing comes after that; a dialed number has no
 * spaces or ';' and fits SIMCMD_NUMBER_MAX.
 *
 * Input: [setup] then the bytes. setup bit0: ATO finds a call to resume. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../../tools/ras-modem-sim/sim_command.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *why)
{
    fprintf(stderr, "modem-sim-command fuzz: %s\n", why);
    abort();
}

struct run {
    int ends;                     /* final results, dials and onlines */
    bool can_resume;
};

static void
ended(struct run *r)
{
    if (++r->ends > 1)
        fail("a line went on after its end");
}

static void
on_reply(void *ctx, int code, const char *word)
{
    ended(ctx);
    if (!((code == 0 && !strcmp(word, "OK")) || (code == 3 && !strcmp(word, "NO CARRIER")) ||
          (code == 4 && !strcmp(word, "ERROR"))))
        fail("a final result that is no command result, or the wrong code");
}

static void
on_text(void *ctx, const char *s)
{
    struct run *r = ctx;
    if (r->ends || !s[0])
        fail("text after the line ended, or empty");
}

static void
on_dial(void *ctx, const char *arg)
{
    char number[SIMCMD_NUMBER_MAX + 1];
    ended(ctx);
    simcmd_number(arg, number);
    size_t n = strlen(number);
    if (n > SIMCMD_NUMBER_MAX || strpbrk(number, " ;"))
        fail("a dialed number with a space, a ';' or too long");
}

static void
on_action(struct run *r)
{
    if (r->ends)
        fail("an action after the line ended");
}

static void
on_void(void *ctx)
{
    on_action(ctx);
}

static void
on_flag(void *ctx, bool on)
{
    (void)on;
    on_action(ctx);
}

static bool
on_online(void *ctx)
{
    struct run *r = ctx;
    on_action(r);
    if (r->can_resume)
        ended(r);
    return r->can_resume;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct simcmd_line line;
    if (size < 1)
        return 0;
    struct run r = {0, data[0] & 1};
    const struct simcmd_ops ops = {
        .ctx = &r, .reply = on_reply, .text = on_text, .dial = on_dial, .reset = on_void,
        .factory = on_void, .hang_up = on_void, .echo = on_flag, .verbose = on_flag,
        .online = on_online,
    };
    memset(&line, 0, sizeof(line));
    for (size_t i = 1; i < size; i++) {
        if (!simcmd_byte(&line, data[i])) {
            if (line.len >= SIMCMD_LINE_MAX)
                fail("the line outgrew its buffer");
            continue;
        }
        bool blank = !line.overflow && simcmd_line_text(&line)[0] == '\0';
        r.ends = 0;
        simcmd_line_run(&line, &ops);
        if (r.ends != (blank ? 0 : 1))
            fail(blank ? "a blank line did something" : "a line without a result");
        if (line.len || line.overflow)
            fail("the line was not emptied");
    }
    return 0;
}
