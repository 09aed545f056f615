/* What rasphone's files share: the settings a command line carries, the
 * arguments a command gets, the commands, and the entry fields they read
 * and write (entry.c). */
#ifndef RAS_TOOLS_RASPHONE_H
#define RAS_TOOLS_RASPHONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ras.h"

/* How many --KEY=VALUE fields entry.c has (it checks the number). */
#define ENTRY_N_FIELDS 19

/* The settings given on the command line; NULL where not given. Points into
 * argv. */
struct edit {
    const char *value[ENTRY_N_FIELDS]; /* by field index */
    const char *user, *domain;         /* saved credentials */
    const char *init;                  /* --init: modem commands, '|' between */
    const char *ac;                    /* --ac: a PPPoE entry's AC-Name */
    const char *apn;                   /* --apn: a cellular module's APN */
    bool ask_password;                 /* read the password from the terminal */
    bool ask_pin;                      /* --pin: read the SIM PIN from the terminal */
};

/* What a command runs with. */
struct cmd_args {
    const char *pbk;         /* --phonebook FILE, or NULL for the default */
    const char *arg[3];      /* positional arguments, as many as the command takes */
    const struct edit *edit; /* the settings (only add and edit get any) */
    bool dry_run, replace;   /* import's --dry-run and --replace */
    bool bad_value;          /* set when a setting's value is malformed: a usage
                              * error, already reported on stderr */
};

/* A command returns 0 or the RAS/Win32 error to report. */
typedef uint32_t cmd_fn(struct cmd_args *a);

/* cmd_list.c: reading */
cmd_fn cmd_list, cmd_show, cmd_devices;
/* cmd_entry.c: changing entries */
cmd_fn cmd_add, cmd_edit, cmd_rename, cmd_delete;
/* cmd_import.c: other dialers' configurations into entries */
cmd_fn cmd_import;
/* cmd_conn.c: connections */
cmd_fn cmd_dial, cmd_hangup;

/* entry.c */
/* The option name (without --) of field i < ENTRY_N_FIELDS. */
const char *entry_field_key(size_t i);
/* Whether ed changes anything: a field or a credential. */
bool entry_edit_is_empty(const struct edit *ed);
/* Whether ed sets a credential (user, domain, password). */
bool entry_edit_has_credentials(const struct edit *ed);
/* Applies ed's fields to e. Returns 0, or -1 with a message on stderr when
 * a value is malformed. */
int entry_apply_edit(RASENTRYA *e, const struct edit *ed);
/* --init: checks the commands (at most 8 of at most 60 characters, each
 * starting AT, printable; "" clears) and writes them to the entry's DEVICE
 * block as InitCommands=. 0, 87 (said on stderr) or the phonebook's error. */
uint32_t entry_set_init(const char *pbk, const char *name, const char *init);
/* The check alone, said on stderr when it fails. */
bool entry_init_ok(const char *init);
/* --apn: checks it (printable, no '"', at most 100 characters; "" clears)
 * and writes it to the entry's DEVICE block as Apn=. As entry_set_init. */
uint32_t entry_set_apn(const char *pbk, const char *name, const char *apn);
bool entry_apn_ok(const char *apn);
/* --pin: reads the SIM PIN (4 to 8 digits; empty clears it) from the
 * terminal or stdin and saves it in the credentials file, never the
 * phonebook. 0, 87 (said on stderr) or the file's error. */
uint32_t entry_set_pin(const char *pbk, const char *name);
/* Prints init=COMMANDS, ac=NAME and apn=APN when the entry has them, and
 * pin=(saved) when a SIM PIN is saved. */
void entry_print_init(const char *pbk, const char *name);
/* --ac: the PPPoE access concentrator's name (PppoeAcName= in the DEVICE
 * block; "" clears). 0 or the phonebook's error. */
uint32_t entry_set_ac(const char *pbk, const char *name, const char *ac);
/* Prints every field of e as a KEY=VALUE line, in option order. */
void entry_print_fields(const RASENTRYA *e);
/* The entry with its alternate numbers (which follow the struct), in a
 * buffer sized by asking first. *out is the caller's to ras_free. */
uint32_t entry_get(const char *pbk, const char *name, RASENTRYA **out, DWORD *out_cb);

#endif
