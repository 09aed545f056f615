/* pbk_names.h: what may be an entry name and what may be a value in the
 * phonebook: one line of valid UTF-8 with no control bytes, since a file
 * we write must parse again. */
#ifndef RAS_LIB_PBK_NAMES_H
#define RAS_LIB_PBK_NAMES_H

#include <stdbool.h>
#include <stdint.h>

/* 0 if name may be an entry name, else ERROR_INVALID_NAME: RasValidateEntryName's
 * rules (at most 256 bytes, at least one letter or digit, none of
 * | > < ? * \ / :, no leading '.'), plus one clean line of UTF-8 with no
 * control character (pbk_name_has_control). */
uint32_t pbk_name_check(const char *name);

/* True if name holds a control character: C0 (tab too), DEL, or a C1
 * control encoded in UTF-8. Such a name is ERROR_INVALID_NAME everywhere a
 * name comes in (RasDial included), since tools print names. */
bool pbk_name_has_control(const char *name);

/* True if s can be written as a value: valid UTF-8, no control bytes. */
bool pbk_value_ok(const char *s);

/* The value of a hex digit, or -1 (GUIDs, saved passwords). */
int pbk_hexval(char c);

#endif
