/* Where the rasmand socket is, for both ends (see ipc.h). */
#include "ipc/ipc.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

bool
ipc_socket_path(bool system, char *buf, size_t cap)
{
    const char *env = getenv("RASMAND_SOCKET");
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    int n;
    if (env && env[0])
        n = snprintf(buf, cap, "%s", env);
    else if (system || geteuid() == 0 || !xdg || xdg[0] != '/')
        n = snprintf(buf, cap, "%s", IPC_SYSTEM_SOCKET);
    else
        n = snprintf(buf, cap, "%s/ras/rasmand.sock", xdg);
    return n > 0 && (size_t)n < cap;
}
