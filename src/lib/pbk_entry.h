/* pbk_entry.h: one phonebook section <-> RASENTRYA, with the keys and value
 * forms Windows writes (ras-api.md section 5). Reading never allocates;
 * writing edits only the lines whose value changed, so everything else in
 * the section (keys we do not know, comments, order) stays as it was. */
#ifndef RAS_LIB_PBK_ENTRY_H
#define RAS_LIB_PBK_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ras.h"

#include "lib/pbk_ini.h"

/* What RasGetEntryProperties(pbk, "") returns: a new entry's defaults. */
void pbk_entry_defaults(RASENTRYA *e);

/* Fills the whole of *e (dwSize is set to sizeof) from section sec. */
void pbk_entry_read(const struct ini_doc *doc, size_t sec, RASENTRYA *e);

/* The alternate numbers as RASENTRY carries them after the struct: each
 * NUL-terminated, the list ended by an empty string. Returns the bytes
 * needed (0 when there are none) and copies when it fits in cap. */
size_t pbk_entry_alternates(const struct ini_doc *doc, size_t sec, char *out, size_t cap);

/* The serial line settings Windows keeps beside the entry rather than in
 * RASENTRY: MEDIA's ConnectBPS= (0 when absent) and DEVICE's
 * HwFlowControl= (as struct port_params' hw_flow: 0 absent, 1 on, 2 off). */
void pbk_entry_line(const struct ini_doc *doc, size_t sec, uint32_t *bps, uint32_t *hw_flow);

/* A key of the entry's DEVICE block, raw: 0 (out "" when absent), or
 * ERROR_INVALID_PARAMETER when the value does not fit in cap or holds a
 * control character. */
uint32_t pbk_entry_device_key(const struct ini_doc *doc, size_t sec, const char *key, char *out,
                              size_t cap);
/* Sets (value "" removes) a key of the DEVICE block of entry name: 0, 623
 * for no such entry, 87 for a value with a control character, or ini's
 * errors. */
uint32_t pbk_entry_set_device_key(struct ini_doc *doc, const char *name, const char *key,
                                  const char *value);

/* OpenRAS's own DEVICE key for a PPPoE entry: the access concentrator to
 * choose by its AC-Name (Windows has no such setting: it takes the first
 * offer). The service name is the entry's PhoneNumber=, as on Windows. */
#define PBK_KEY_PPPOE_AC "PppoeAcName"

/* OpenRAS's own DEVICE key InitCommands= (Windows keeps a modem's extra
 * initialization commands with the modem, not the entry): the commands
 * separated by '|', copied to out with '\n' between them. 0 (out "" when
 * absent), or ERROR_INVALID_PARAMETER when the value does not fit in cap
 * or holds a control character. */
uint32_t pbk_entry_init_cmds(const struct ini_doc *doc, size_t sec, char *out, size_t cap);

/* Sets (cmds "" removes) InitCommands= in the DEVICE block of entry name,
 * cmds as the file holds it ('|' between commands). 0, 623 for no such
 * entry, 87 for a value with a control character, or ini's errors. */
uint32_t pbk_entry_set_init_cmds(struct ini_doc *doc, const char *name, const char *cmds);

/* OpenRAS's own DEVICE key Apn= (issue 11: Windows' mobile broadband
 * keeps the access point outside RAS): a cellular module's packet-data
 * context, set with AT+CGDCONT before *99#. The same rules as the init
 * commands (and 87 also for a '"', which would end AT+CGDCONT's string). */
uint32_t pbk_entry_apn(const struct ini_doc *doc, size_t sec, char *out, size_t cap);
uint32_t pbk_entry_set_apn(struct ini_doc *doc, const char *name, const char *apn);

/* Creates the section (appended) or updates it in place. alts is a list as
 * above, or NULL to leave the alternates alone. On failure the document
 * may hold part of the change: callers discard it (they never save it). */
uint32_t pbk_entry_write(struct ini_doc *doc, const char *name, const RASENTRYA *e,
                         const char *alts);

/* The lines [*from, *to) of the entry's block that starts at its first
 * marker line MEDIA= or DEVICE= (*from is that line), or false when the
 * section has none: for callers that keep keys of their own there. */
bool pbk_entry_block(const struct ini_doc *doc, size_t sec, const char *marker, size_t *from,
                     size_t *to);

#endif
