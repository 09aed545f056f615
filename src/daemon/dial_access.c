/* See dial_access.h. */
#include "daemon/dial_access.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "raserror.h"

#include "common/alloc.h"
#include "common/loopback.h"
#include "daemon/log.h"
#include "lib/dial_resolve.h"
#include "lib/pbk_store.h"

bool
dial_is_system_entry(const char *system_phonebook, const struct ipc_dial_req *req)
{
    return !(req->flags & IPC_DIAL_NO_ENTRY) && req->entry[0] &&
           strcmp(req->phonebook, system_phonebook) == 0;
}

/* The entry as the administrator wrote it, with the client's credentials
 * and notification flag. Read past the cache: rasmand keeps nothing of
 * the file between dials. */
static uint32_t
apply_system_entry(const char *path, struct ipc_dial_req *req)
{
    struct ini_doc doc;
    struct ipc_dial_req *d = ras_malloc(sizeof(*d));
    uint32_t rc = ERROR_NOT_ENOUGH_MEMORY;
    memset(&doc, 0, sizeof(doc));
    if (!d || (rc = pbk_load(path, false, &doc)) == ERROR_NOT_ENOUGH_MEMORY)
        goto out;
    /* a file that is missing, unreadable or corrupt has no entries */
    if (rc) {
        rc = ERROR_CANNOT_FIND_PHONEBOOK_ENTRY;
        goto out;
    }
    if ((rc = ras_dial_req_from_section(&doc, req->entry, "", d)) != 0)
        goto out;
    snprintf(d->phonebook, sizeof(d->phonebook), "%s", path);
    memcpy(d->user, req->user, sizeof(d->user));
    memcpy(d->password, req->password, sizeof(d->password));
    memcpy(d->domain, req->domain, sizeof(d->domain));
    d->flags |= req->flags & IPC_DIAL_NOTIFY;
    d->dial_options = req->dial_options;
    memcpy(req, d, sizeof(*req));
out:
    ini_free(&doc);
    if (d)
        ras_wipe(d, sizeof(*d));
    ras_free(d);
    return rc;
}

uint32_t
dial_access(const char *system_phonebook, struct ipc_dial_req *req, uid_t uid, bool has_fd)
{
    bool system_entry = dial_is_system_entry(system_phonebook, req);
    if (system_entry) {
        uint32_t rc = apply_system_entry(system_phonebook, req);
        if (rc)
            return rc;
    }
    if (has_fd || system_entry || uid == geteuid() ||
        strcmp(req->device_name, RAS_LOOPBACK_DEVICE_NAME) == 0)
        return 0;
    log_msg(1, "uid %u: dial of \"%s\" refused: device not passed, not a system entry",
            (unsigned)uid, req->entry);
    return ERROR_ACCESS_DENIED;
}
