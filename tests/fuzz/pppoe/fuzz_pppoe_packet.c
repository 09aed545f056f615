/* Fuzz target 'pppoe-packet': any bytes that arrive on a PPPoE socket,
 * through the discovery parser and the session header parser. Whatever
 * parses must point inside the input, and a parsed discovery packet built
 * again from its tags must parse to the same tags. */
#include <stdlib.h>
#include <string.h>

#include "port/pppoe_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
inside(const struct pppoe_value *v, const uint8_t *data, size_t size)
{
    if (v->p && (v->p < data || v->p + v->len > data + size))
        abort();
}

static void
rebuild(const struct pppoe_disc *d)
{
    uint8_t buf[65536 + PPPOE_HDR_LEN];
    struct pppoe_builder b;
    pppoe_build_start(&b, buf, sizeof(buf), d->code, d->session);
    const struct { uint16_t type; const struct pppoe_value *v; } tags[] = {
        { PPPOE_TAG_SERVICE_NAME, &d->service }, { PPPOE_TAG_AC_NAME, &d->ac_name },
        { PPPOE_TAG_HOST_UNIQ, &d->host_uniq }, { PPPOE_TAG_AC_COOKIE, &d->cookie },
        { PPPOE_TAG_RELAY_SESSION_ID, &d->relay },
    };
    for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
        if (tags[i].v->p)
            pppoe_build_tag(&b, tags[i].type, tags[i].v->p, tags[i].v->len);
    size_t n = pppoe_build_end(&b);
    if (n == 0)
        return;                   /* more than 64 KiB of tags: cannot happen from one packet */
    struct pppoe_disc again;
    if (pppoe_disc_parse(buf, n, &again) != PPPOE_OK)
        abort();
    if ((again.ac_name.p != NULL) != (d->ac_name.p != NULL) ||
        again.host_uniq.len != d->host_uniq.len || again.cookie.len != d->cookie.len)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pppoe_disc d;
    if (pppoe_disc_parse(data, size, &d) == PPPOE_OK) {
        inside(&d.service, data, size);
        inside(&d.ac_name, data, size);
        inside(&d.host_uniq, data, size);
        inside(&d.cookie, data, size);
        inside(&d.relay, data, size);
        inside(&d.error, data, size);
        if (d.n_service && !d.service.p)
            abort();
        rebuild(&d);
    }
    uint16_t sid;
    const uint8_t *f;
    size_t fl;
    if (pppoe_session_parse(data, size, &sid, &f, &fl) &&
        (f < data || fl == 0 || f + fl > data + size))
        abort();
    return 0;
}
