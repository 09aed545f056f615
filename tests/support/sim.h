/* Tests' handle on ras-modem-sim: start it on a pty linked into the test's
 * scratch directory, and stop it (killed and reaped) at the end. */
#ifndef RAS_TESTS_SUPPORT_SIM_H
#define RAS_TESTS_SUPPORT_SIM_H

#include <stdbool.h>
#include <sys/types.h>

struct sim {
    pid_t pid;
    char link[512];               /* the pty's slave, as a symlink */
};

/* args: extra options, NULL-terminated (may be NULL). */
bool sim_start(struct sim *s, const char *exe, const char *const *args);
void sim_stop(struct sim *s);
/* Writes a modem entry called name into the phonebook pbk: the
 * simulator's pty (resolved now: a carrier drop moves the modem to a new
 * pty), phone 5550100, rasmand's default route left alone, with user and
 * password saved as its credentials. false if any step failed. */
bool sim_entry(const struct sim *s, const char *pbk, const char *name, const char *user,
               const char *password);
/* Opens the slave side raw, as a modem client would; -1 on failure. */
int sim_open_line(const struct sim *s);

#endif
