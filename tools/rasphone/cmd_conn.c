/* cmd_conn.c: dial and hangup, over the connection code rasphone shares
 * with rasdial (tools/common/rasconn.c). */
#include <stdio.h>

#include "common/alloc.h"
#include "rasconn.h"
#include "rasphone.h"
#include "rastool.h"

uint32_t
cmd_dial(struct cmd_args *a)
{
    const char *name = a->arg[0];
    RASDIALPARAMSA p;
    HRASCONN h = NULL;
    /* Saved user name and password, as Windows' rasphone -d uses them. */
    uint32_t rc = rasconn_params_saved(a->pbk, name, &p);
    if (rc == 0) {
        printf("Connecting to %s...\n", rastool_esc(name));
        fflush(stdout);
        rc = rasconn_dial(a->pbk, &p, NULL, false, &h);
    }
    ras_wipe(&p, sizeof(p));
    if (rc == 0)
        printf("Successfully connected to %s.\n", rastool_esc(name));
    return rc;
}

uint32_t
cmd_hangup(struct cmd_args *a)
{
    HRASCONN h;
    uint32_t rc = rasconn_check_entry(a->pbk, a->arg[0]);
    if (rc == 0)
        rc = rasconn_find(a->arg[0], RASCONN_OWN, &h, NULL);
    return rc ? rc : rasconn_hangup(h);
}
