/* See dial_access.h. */
#include "daemon/dial_access.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ras.h"
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

const char *dial_pppoe_interfaces = DIAL_PPPOE_INTERFACES;

/* Whether name is a line of the administrator's interface list. The file
 * is root's: opened non-blocking, a regular file or nothing, 4 KiB read. */
static bool
pppoe_interface_listed(const char *name)
{
    char buf[4096];
    struct stat st;
    int fd = open(dial_pppoe_interfaces, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, buf, sizeof(buf) - 1) : -1;
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    for (char *save = NULL, *line = strtok_r(buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        line += strspn(line, " \t");
        line[strcspn(line, " \t#")] = '\0';
        if (line[0] && strcmp(line, name) == 0)
            return true;
    }
    return false;
}

static bool
is_pppoe(const struct ipc_dial_req *req)
{
    return strcasecmp(req->device_type, RASDT_PPPoE) == 0;
}

uint32_t
dial_access(const char *system_phonebook, struct ipc_dial_req *req, uid_t uid, bool has_fd)
{
    return dial_access_net(system_phonebook, req, uid, has_fd, false);
}

uint32_t
dial_access_net(const char *system_phonebook, struct ipc_dial_req *req, uid_t uid,
                bool has_fd, bool net_rights)
{
    bool system_entry = dial_is_system_entry(system_phonebook, req);
    if (system_entry) {
        uint32_t rc = apply_system_entry(system_phonebook, req);
        if (rc)
            return rc;
    }
    if (system_entry || uid == geteuid())
        return 0;
    if (is_pppoe(req)) {
        if (net_rights && pppoe_interface_listed(req->device_name))
            return 0;
        log_msg(1, "uid %u: PPPoE dial of \"%s\" on %s refused: %s", (unsigned)uid, req->entry,
                req->device_name, net_rights ? "interface not listed in the administrator's "
                "PPPoE interfaces" : "caller may not change the network");
        return ERROR_ACCESS_DENIED;
    }
    if (has_fd || strcmp(req->device_name, RAS_LOOPBACK_DEVICE_NAME) == 0)
        return 0;
    log_msg(1, "uid %u: dial of \"%s\" refused: device not passed, not a system entry",
            (unsigned)uid, req->entry);
    return ERROR_ACCESS_DENIED;
}
