/* creds.h: saved user names and passwords (RasSetCredentials,
 * RasSetEntryDialParams). They never go in the phonebook: they live in
 * "PHONEBOOK.cred" beside it, an INI file of one [Entry] section each,
 * mode 0600, written by the same locked atomic cycle as the phonebook.
 * A credentials file that group or others may read, or that another user
 * owns, is refused (ERROR_ACCESS_DENIED) and left alone: the passwords in
 * it may already be exposed, and the user must decide, not us. */
#ifndef RAS_LIB_CREDS_H
#define RAS_LIB_CREDS_H

#include <stdbool.h>
#include <stdint.h>

#include "ras.h"

/* Bits of creds.have beyond RASCM_*: a saved callback number, and a
 * cellular module's SIM PIN (issue 11: it goes to the SIM with
 * AT+CPIN, and is kept here like a password, never in the phonebook). */
#define CREDS_CALLBACK 0x80000000u
#define CREDS_SIM_PIN  0x40000000u
#define CREDS_PIN_MAX  8

struct creds {
    uint32_t have;      /* RASCM_UserName | RASCM_Password | RASCM_Domain | CREDS_CALLBACK */
    char user[UNLEN + 1];
    char password[PWLEN + 1];
    char domain[DNLEN + 1];
    char callback[RAS_MaxCallbackNumber + 1];
    char sim_pin[CREDS_PIN_MAX + 1];
};

/* "PHONEBOOK.cred" for the phonebook file pbk_path. */
uint32_t creds_path(const char *pbk_path, char *out, size_t cap);

/* What is saved for entry (have 0 when nothing, or no file). */
uint32_t creds_get(const char *pbk_path, const char *entry, struct creds *out);
/* Sets (or with clear, removes) the fields in mask from in. */
uint32_t creds_set(const char *pbk_path, const char *entry, const struct creds *in,
                   uint32_t mask, bool clear);
/* Follows the entry through a rename or delete (to NULL). No file: 0. */
uint32_t creds_move(const char *pbk_path, const char *from, const char *to);

#endif
