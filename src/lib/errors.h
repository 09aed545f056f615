/* errors.h: error number to message, for libras and rasmand (logs) alike.
 * RasGetErrorStringA is the public face of the same table. */
#ifndef RAS_LIB_ERRORS_H
#define RAS_LIB_ERRORS_H

#include <stdint.h>

/* The English message for a RAS (600..870) or Win32 error number libras
 * returns, or NULL if the number is not one of ours. Static storage; at
 * most 511 bytes, valid UTF-8, no trailing newline. */
const char *ras_error_text(uint32_t code);

#endif
