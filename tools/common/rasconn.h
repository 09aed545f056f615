/* What rasdial and rasphone share about connections: dialing with
 * Windows-style progress lines and saved credentials, finding an entry's
 * connection, hanging it up, listing connections and printing a
 * connection's addresses and statistics. Public API (ras.h, openras.h)
 * only. */
#ifndef RAS_TOOLS_RASCONN_H
#define RAS_TOOLS_RASCONN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ras.h"

/* Dials p (asynchronously, printing progress as it comes) and returns
 * once connected or failed. verbose also prints every RASCS_* state with
 * its time. A failed dial is hung up here, as Windows requires of the
 * caller, so nothing is left in rasmand. *out gets the handle on success. */
uint32_t rasconn_dial(const char *phonebook, RASDIALPARAMSA *p, RASDIALEXTENSIONS *ext,
                      bool verbose, HRASCONN *out);

/* p for dialing entry: zeroed, sized and named. */
void rasconn_params_init(RASDIALPARAMSA *p, const char *entry);

/* The same with the entry's saved user name, password and domain, as
 * Windows' rasdial and rasphone -d use them. Without any (or without the
 * entry) only the name, and 0: RasDial then says what is wrong. A
 * credentials file RasGetEntryDialParams refuses is that error (5). The
 * caller wipes p. */
uint32_t rasconn_params_saved(const char *phonebook, const char *entry, RASDIALPARAMSA *p);

/* 0 when the phonebook has entry, else RasGetEntryProperties' error (623
 * for an unknown entry). Checked before looking for a connection, so an
 * unknown entry reads as such rather than as "no connection", as Windows
 * reports it. */
uint32_t rasconn_check_entry(const char *phonebook, const char *entry);

/* Whose connections a command acts on: the caller's own (RASCF_OwnerMatch),
 * or, for root, the uid given with --owner. */
#define RASCONN_OWN (-1)
typedef int64_t rasconn_owner;    /* RASCONN_OWN or a uid */

/* owner for a --owner value: a user name, else a decimal uid. 0, or
 * ERROR_INVALID_PARAMETER for a name that is no user. */
uint32_t rasconn_parse_owner(const char *s, rasconn_owner *out);

/* The connection of owner's entry (names compared as the phonebook
 * compares them: ASCII case-insensitive), or of owner's only connection
 * when entry is NULL. One still up is preferred to one that dropped
 * (RASCS_Disconnected, kept until hung up). 0 with *out (and *state, if
 * not NULL), ERROR_NO_CONNECTION (668) when there is none, or the error
 * of RasEnumConnections. Another user's connection of the same name is
 * never found without --owner. */
uint32_t rasconn_find(const char *entry, rasconn_owner owner, HRASCONN *out,
                      RASCONNSTATE *state);

/* Hangs h up and waits (as Microsoft advises) until the handle is gone,
 * at most about ten seconds. */
uint32_t rasconn_hangup(HRASCONN h);

/* Prints "Connected to" and the entries (or "No connections") to f; a
 * connection that dropped is marked "(disconnected)", and one of another
 * user's (root sees them) names its owner. */
uint32_t rasconn_list(FILE *f);

/* The RASCS_* name of a state, "RASCS_?" for an unknown one. */
const char *rasconn_state_name(RASCONNSTATE s);

/* Prints h's state (with the error of one that failed or dropped), owner
 * (when not the caller), device, addresses, DNS, interface and
 * statistics. */
uint32_t rasconn_show(FILE *f, HRASCONN h);

#endif
