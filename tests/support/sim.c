/* See sim.h. The simulator's stdout goes to our stderr, so its banner never
 * mixes with the TAP stream. */
#include "sim.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "ras.h"

bool
sim_start(struct sim *s, const char *exe, const char *const *args)
{
    char linkopt[600];
    const char *argv[32];
    int n = 0;
    /* one link per simulator: several may run at once */
    static unsigned serial;
    snprintf(s->link, sizeof(s->link), "%s/modem%u", th_tmpdir(), serial++);
    snprintf(linkopt, sizeof(linkopt), "--link=%s", s->link);
    argv[n++] = exe;
    argv[n++] = linkopt;
    for (int i = 0; args && args[i] && n < 31; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    s->pid = fork();
    if (s->pid < 0)
        return false;
    if (s->pid == 0) {
        dup2(2, 1);
        execv(exe, (char *const *)argv);
        _exit(127);
    }
    for (int i = 0; i < 500; i++) {
        struct stat st;
        if (stat(s->link, &st) == 0)
            return true;
        if (waitpid(s->pid, NULL, WNOHANG) == s->pid) {
            s->pid = 0;
            return false;
        }
        struct timespec ts = { 0, 10 * 1000000 };
        nanosleep(&ts, NULL);
    }
    sim_stop(s);
    return false;
}

void
sim_stop(struct sim *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        /* a simulator that does not stop must not hang the test run */
        int waited = 0;
        while (waitpid(s->pid, NULL, WNOHANG) == 0) {
            if (waited >= 20000) {
                kill(s->pid, SIGKILL);
                waitpid(s->pid, NULL, 0);
                break;
            }
            struct timespec ts = { 0, 10 * 1000000 };
            nanosleep(&ts, NULL);
            waited += 10;
        }
    }
    s->pid = 0;
}

int
sim_open_line(const struct sim *s)
{
    int fd = open(s->link, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
    return fd;
}

bool
sim_entry(const struct sim *s, const char *pbk, const char *name, const char *user,
          const char *password)
{
    char real[PATH_MAX];
    RASENTRYA e = { .dwSize = sizeof(e) };
    DWORD cb = sizeof(e);
    if (!realpath(s->link, real) || strlen(real) >= sizeof(e.szDeviceName) ||
        RasGetEntryPropertiesA(pbk, "", &e, &cb, NULL, NULL) != 0)
        return false;
    memcpy(e.szDeviceName, real, strlen(real) + 1);
    snprintf(e.szDeviceType, sizeof(e.szDeviceType), "%s", RASDT_Modem);
    snprintf(e.szLocalPhoneNumber, sizeof(e.szLocalPhoneNumber), "5550100");
    e.dwfOptions &= ~RASEO_RemoteDefaultGateway;   /* leave rasmand's routes alone */
    RASCREDENTIALSA c = { .dwSize = sizeof(c), .dwMask = RASCM_UserName | RASCM_Password };
    snprintf(c.szUserName, sizeof(c.szUserName), "%s", user);
    snprintf(c.szPassword, sizeof(c.szPassword), "%s", password);
    bool ok = RasSetEntryPropertiesA(pbk, name, &e, sizeof(e), NULL, 0) == 0 &&
              RasSetCredentialsA(pbk, name, &c, FALSE) == 0;
    memset(&c, 0, sizeof(c));
    return ok;
}
