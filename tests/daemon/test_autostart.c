/* libras starts rasmand on demand (as gpg starts gpg-agent): with nothing
 * listening on the socket, the first RasDial starts it; several processes
 * racing to do so end with one daemon holding all their connections.
 * Queries never start one. argv[1]: rasmand. */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ras.h"
#include "raserror.h"

#include "fixture.h"
#include "harness.h"
#include "lib/rasman_client.h"

#define RACERS 4

static const char *bin;
static char dir[64], sock[128], lock[140];

static pid_t
daemon_pid(void)
{
    FILE *f = fopen(lock, "re");
    int pid = 0;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return (pid_t)pid;
}

static void
t_queries_do_not_start_rasmand(void)
{
    RASCONNSTATUSA s = { .dwSize = sizeof(s) };
    HRASCONN h = (HRASCONN)(uintptr_t)(IPC_HANDLE_MAGIC << 48 | 1ull << 16 | 1);
    DWORD cb = 0, n = 7;
    CHECK_EQ(RasGetConnectStatusA(h, &s), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasHangUpA(h), ERROR_INVALID_HANDLE);
    CHECK_EQ(RasEnumConnectionsA(NULL, &cb, &n), 0);
    CHECK_EQ(n, 0);
    struct stat st;
    CHECK(stat(sock, &st) != 0);
}

static void
t_racing_dials_start_one_daemon(void)
{
    pid_t kids[RACERS];
    for (int i = 0; i < RACERS; i++) {
        kids[i] = fork();
        REQUIRE(kids[i] >= 0);
        if (kids[i] == 0) {
            char entry[32];
            HRASCONN h = NULL;
            snprintf(entry, sizeof(entry), "Racer %d", i);
            _exit(rmf_dial(entry, "555", 0, NULL, &h) == 0 ? 0 : 1);
        }
    }
    for (int i = 0; i < RACERS; i++) {
        int status = 0;
        waitpid(kids[i], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    pid_t pid = daemon_pid();
    REQUIRE(pid > 0);
    CHECK(kill(pid, 0) == 0);
    /* every racer's connection is in that one daemon */
    RASCONNA c[RACERS + 1];
    DWORD cb = sizeof(c), n = 0;
    c[0].dwSize = sizeof(c[0]);
    REQUIRE_EQ(RasEnumConnectionsA(c, &cb, &n), 0);
    CHECK_EQ(n, RACERS);
    for (DWORD i = 0; i < n; i++) {
        CHECK_EQ(RasHangUpA(c[i].hrasconn), 0);
        CHECK(rmf_wait_gone(c[i].hrasconn, 3000));
    }
    kill(pid, SIGTERM);
    for (int i = 0; i < 300 && kill(pid, 0) == 0; i++)
        rmf_sleep_ms(10);
    CHECK(kill(pid, 0) != 0);
}

int
main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    bin = argv[1];
    signal(SIGPIPE, SIG_IGN);
    /* the daemon libras starts inherits this: as root, its tun interfaces
     * stay out of the host's network */
    if (geteuid() == 0 && unshare(CLONE_NEWNET) != 0)
        return 1;
    snprintf(dir, sizeof(dir), "/tmp/rasmand-auto-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(sock, sizeof(sock), "%s/rasmand.sock", dir);
    snprintf(lock, sizeof(lock), "%s.lock", sock);
    ras_client_set_socket(sock);
    ras_client_set_rasmand(bin);
    th_set_cleanup(ras_client_shutdown);
    TH_RUN(t_queries_do_not_start_rasmand);
    TH_RUN(t_racing_dials_start_one_daemon);
    unlink(lock);
    unlink(sock);
    rmdir(dir);
    return th_done();
}
