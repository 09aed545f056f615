/* RasDial's synchronous half: checks the arguments and resolves the entry
 * (or the entry-less "dial this number on the first free modem") into the
 * request rasmand is sent, before anything is sent to it. */
#ifndef RAS_LIB_DIAL_RESOLVE_H
#define RAS_LIB_DIAL_RESOLVE_H

#include <stdint.h>

#include "ras.h"

#include "ipc/ipc_proto.h"

/* Validates RasDial's arguments in Windows' order and resolves the entry
 * with one read of the phonebook. Returns 0 and fills *out with the whole
 * request but the credentials (they stay in the caller's RASDIALPARAMS
 * until the dial copies them): the entry's settings, its line settings,
 * the number (szPhoneNumber, else the entry's), ext's options, and the
 * absolute path of the phonebook the entry came from. An entry-less dial
 * gets the phonebook defaults with device type "modem" and device name ""
 * ("the first free modem", chosen by whoever dials), and the phonebook
 * named, if any. Otherwise returns the error RasDial returns
 * synchronously, leaving *out as it was:
 *   87  params or phconn NULL; a notifier of an unknown type (or an HWND,
 *       0xFFFFFFFF: there are no windows to post to); a string field of
 *       params not terminated inside its array; szEntryName and
 *       szPhoneNumber both "" (RASDIALPARAMS docs: "If szEntryName is "",
 *       szPhoneNumber cannot be """)
 *   123 szEntryName holds a control character (pbk_names.h)
 *   632 params->dwSize or ext->dwSize not a size Windows ever shipped
 *   6   *phconn not NULL and not a paused dial (none exist yet)
 *   623 no such entry, no such phonebook file (named or default), or a
 *       corrupt one: RasDial answers as RasGetEntryProperties does, which
 *       Windows documents as 623 for a missing entry or phonebook
 *       (ras-api.md §2a); OpenRasGetPhonebookError says what is wrong
 *   8, 621 ... from reading the phonebook (out of memory, unreadable).
 * Allocates nothing that survives the call (nothing at all on an unknown
 * entry once the phonebook is cached). */
uint32_t ras_dial_resolve(const RASDIALEXTENSIONS *ext, const char *phonebook,
                          const RASDIALPARAMSA *params, DWORD notifier_type,
                          const void *notifier, const HRASCONN *phconn,
                          struct ipc_dial_req *out);

/* The request for dialing entry e (no credentials, no line settings, no
 * RASDIALEXTENSIONS options): what ras_dial_resolve builds from a
 * phonebook's entry, and what tests build from an entry in memory.
 * entry_name "" is an entry-less dial; phone "" dials the entry's own
 * number. phonebook is carried as given. No argument may be NULL. */
void ras_dial_req_from_entry(struct ipc_dial_req *d, const RASENTRYA *e,
                             const char *phonebook, const char *entry_name,
                             const char *phone);
/* The same from the entry's section of a parsed phonebook, with what
 * RASENTRY cannot carry (line settings, modem init commands); d's
 * phonebook is left "". 623 if there is no such section, 87 if its init
 * commands do not fit. Used by RasDial and by rasmand for the system
 * phonebook's entries. */
struct ini_doc;
uint32_t ras_dial_req_from_section(const struct ini_doc *doc, const char *entry_name,
                                   const char *phone, struct ipc_dial_req *d);

#endif
