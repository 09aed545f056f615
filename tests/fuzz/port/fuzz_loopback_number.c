/* Fuzz target 'loopback-number': any string as the number dialed on the
 * loopback port, whose simulator directives (/busy, /dial=MS, /latency=MS,
 * /drop=MS, ...) follow the number (src/port/loopback.c). loopback.c is
 * compiled in with a scripted loop (fake_loop.h), so its static reader is
 * reached and instrumented. Asserts: every value stays within its
 * documented ceiling and the result is one the simulator knows; the call
 * then goes exactly as read: the modem's result comes at dial= ms, not a
 * millisecond before; a connected call drops at drop= ms with carrier
 * lost; close frees the line and everything allocated.
 *
 * Input: the number (up to the first NUL, at most 255 bytes). */
#include "../../../src/port/loopback.c"

#include "../fuzz_text.h"
#include "fake_loop.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *why)
{
    fprintf(stderr, "loopback-number fuzz: %s\n", why);
    abort();
}

struct seen {
    int connected, down;
    uint32_t error;
};

static void
on_connected(void *ctx, uint32_t bps)
{
    struct seen *s = ctx;
    (void)bps;
    s->connected++;
}

static void
on_input(void *ctx, const uint8_t *b, size_t n)
{
    (void)ctx;
    (void)b;
    (void)n;
}

static void
on_down(void *ctx, uint32_t error)
{
    struct seen *s = ctx;
    s->down++;
    s->error = error;
}

static void
check_read(const struct lb_port *p)
{
    static const uint32_t results[] = {0, ERROR_LINE_BUSY, ERROR_NO_ANSWER, ERROR_NO_CARRIER,
                                       ERROR_NO_DIALTONE, ERROR_FROM_DEVICE};
    bool known = false;
    for (size_t i = 0; i < sizeof(results) / sizeof(results[0]); i++)
        known |= p->outcome == results[i];
    if (!known)
        fail("a result the simulator does not have");
    if (p->dial_ms > 600000 || p->latency_ms > 60000 || p->drop_ms > 86400000)
        fail("a value above its ceiling");
    if (p->state != LB_IDLE)
        fail("opened in another state than idle");
}

/* Dials and follows the call to its end as the directives said. */
static void
check_call(struct loop *l, struct lb_port *p, struct seen *s)
{
    uint64_t t0 = l->now;
    if (lb_dial(&p->base) != 0)
        fail("dial refused");
    if (p->dial_ms)
        fake_loop_advance(l, t0 + p->dial_ms - 1);
    if (s->connected || s->down)
        fail("the modem answered before dial= ms");
    fake_loop_advance(l, t0 + p->dial_ms);
    if (p->outcome) {
        if (s->connected || s->down != 1 || s->error != p->outcome)
            fail("the dial did not end with the result read");
        return;
    }
    if (s->connected != 1 || s->down)
        fail("the dial did not connect at dial= ms");
    if (!p->drop_ms)
        return;
    fake_loop_advance(l, l->now + p->drop_ms - 1);
    if (s->down)
        fail("the carrier went before drop= ms");
    fake_loop_advance(l, l->now + 1);
    if (s->down != 1 || s->error != ERROR_PORT_DISCONNECTED)
        fail("the carrier did not go at drop= ms");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char phone[256];
    fuzz_text(data, size, phone, sizeof(phone));
    long live0 = ras_alloc_live();
    struct loop l = {.now = 1000};
    struct seen s = {0};
    struct port_params pp = {.device_type = "modem", .device_name = RAS_LOOPBACK_DEVICE_NAME,
                             .phone = phone};
    struct port_cb cb = {.ctx = &s, .connected = on_connected, .input = on_input, .down = on_down};
    struct port *base;
    if (!loopback_port_ops.match(pp.device_type, pp.device_name))
        fail("the loopback port does not serve its own name");
    if (loopback_port_ops.open(&l, &pp, &cb, &base) != 0)
        return 0;                 /* out of memory */
    struct lb_port *p = (struct lb_port *)base;
    check_read(p);
    check_call(&l, p, &s);
    int line = p->line;
    loopback_port_ops.close(base);
    if (line_used[line])
        fail("close kept the line");
    if (ras_alloc_live() != live0)
        fail("allocations leaked");
    return 0;
}
