/* The daemon-dispatch target's surroundings (dispatch_env.h). */
#include "dispatch_env.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "net/priv.h"

static struct dispatch_env dispatch_env_storage;

static void
dispatch_env_cleanup(void)
{
    rmdir(dispatch_env_storage.dir);
}

const struct dispatch_env *
dispatch_env_get(void)
{
    static bool made;
    struct dispatch_env *e = &dispatch_env_storage;
    if (made)
        return e;
    static const struct priv_paths nowhere = {
        .tun = "/nonexistent/openras-fuzz/tun",
        .resolved_dir = "/nonexistent/openras-fuzz/resolve",
        .resolvectl = "/nonexistent/openras-fuzz/resolvectl",
        .resolvconf = "/nonexistent/openras-fuzz/resolvconf",
    };
    priv_set_test_paths(&nowhere);
    snprintf(e->dir, sizeof(e->dir), "/tmp/openras-fuzz-dispatch.XXXXXX");
    if (!mkdtemp(e->dir))
        abort();
    if (snprintf(e->socket_path, sizeof(e->socket_path), "%s/rasmand.sock", e->dir) >=
        (int)sizeof(e->socket_path))
        abort();
    snprintf(e->phonebook, sizeof(e->phonebook), "%s", DISPATCH_PBK);
    char tmp[96];
    if (snprintf(tmp, sizeof(tmp), "%s/pbk", e->dir) >= (int)sizeof(tmp))
        abort();
    FILE *f = fopen(tmp, "we");
    if (!f)
        abort();
    fputs("[" DISPATCH_ENTRY "]\r\nMEDIA=serial\r\nPort=loopback\r\nDevice=loopback\r\n"
          "\r\nDEVICE=modem\r\nPhoneNumber=42\r\n", f);
    if (fclose(f) != 0 || rename(tmp, e->phonebook) != 0)
        abort();
    atexit(dispatch_env_cleanup);
    made = true;
    return e;
}

