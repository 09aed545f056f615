/* import_write.h: an imported entry into the phonebook and the
 * credentials file (import_write.c). */
#ifndef RAS_TOOLS_RASPHONE_IMPORT_WRITE_H
#define RAS_TOOLS_RASPHONE_IMPORT_WRITE_H

#include "import.h"

/* Writes e as entry e->name of phonebook pbk (NULL: the user's), from a
 * new entry's defaults: over the existing entry when existed, else a new
 * one, taken out again if a later step fails. 0 or the RAS error. */
uint32_t imp_write(const char *pbk, const struct imp_entry *e, bool existed);
/* The RASENTRY fields an import sets, over r's. */
void imp_fill_rasentry(const struct imp_entry *e, RASENTRYA *r);
/* The init commands, '|' between them, into out. */
void imp_init_line(const struct imp_entry *e, char *out, size_t cap);
/* A PIN the credentials file can keep and a SIM takes: 4 to 8 digits
 * (3GPP TS 31.101). */
bool imp_pin_ok(const char *pin);

#endif
