/* RasDial's synchronous half: checks the arguments and resolves the entry
 * (or the entry-less "dial this number on the first free modem"), before
 * anything is sent to rasmand. Shared by RasDialA and the dialing client. */
#ifndef RAS_LIB_DIAL_RESOLVE_H
#define RAS_LIB_DIAL_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "ras.h"

/* What to dial. Holds no secret: the password stays in the caller's
 * RASDIALPARAMS. */
struct ras_dial_target {
    /* The entry's properties (its alternate numbers are not carried; ask
     * RasGetEntryPropertiesA for them). For an entry-less dial: the
     * phonebook defaults with szDeviceType "modem" and szDeviceName ""
     * meaning "the first free modem", chosen by whoever dials. */
    RASENTRYA entry;
    bool no_entry;                          /* szEntryName was "" */
    char phone[RAS_MaxPhoneNumber + 1];     /* szPhoneNumber, else the entry's */
};

/* Validates RasDial's arguments in Windows' order and resolves the entry.
 * Returns 0 and fills *out, or the error RasDial returns synchronously:
 *   87  params or phconn NULL; a notifier of an unknown type (or an HWND,
 *       0xFFFFFFFF: there are no windows to post to); a string field of
 *       params not terminated inside its array; szEntryName and
 *       szPhoneNumber both "" (RASDIALPARAMS docs: "If szEntryName is "",
 *       szPhoneNumber cannot be """)
 *   123 szEntryName holds a control character (pbk_names.h)
 *   632 params->dwSize or ext->dwSize not a size Windows ever shipped
 *   6   *phconn not NULL and not a paused dial (none exist yet)
 *   623 no such entry, and also no such phonebook file (named or default):
 *       RasDial answers as RasGetEntryProperties does, which Windows
 *       documents as 623 for a missing entry or phonebook (ras-api.md §2a)
 *   8, 621, 622, 625 ... from reading the phonebook (unreadable, corrupt).
 * Allocates nothing that survives the call (nothing at all on an unknown
 * entry once the phonebook is cached). */
uint32_t ras_dial_resolve(const RASDIALEXTENSIONS *ext, const char *phonebook,
                          const RASDIALPARAMSA *params, DWORD notifier_type,
                          const void *notifier, const HRASCONN *phconn,
                          struct ras_dial_target *out);

#endif
