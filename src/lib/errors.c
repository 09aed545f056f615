/* errors.c: the English message for every error number libras returns,
 * and RasGetErrorStringA on top of it. The numbers and messages are one
 * table, errors.def; the wording is our own. */
#include "lib/errors.h"

#include <string.h>

#include <ras.h>
#include <raserror.h>

/* The house style asks for a switch with no default, so that the compiler
 * names a code left without a message (curl's strerror). With one table
 * that holds by construction: a code exists here only as a row, and a row
 * carries its message, so there is no second list to fall out of step.
 * The compiler still checks the table itself, below. */

/* Each row's number is its raserror.h constant's value (the public header
 * stays the SDK's list of names; tests/api checks its values), and its
 * message is not empty and fits the 512 characters Windows promises. */
#define X(name, number, text) \
    _Static_assert((name) == (number), #name " is not " #number " in raserror.h"); \
    _Static_assert(sizeof(text) > 1 && sizeof(text) <= 512, #name ": message empty or too long");
#include "lib/errors.def"
#undef X

/* Every number from RASBASE to RASBASEEND is assigned, so the table has
 * that many rows in the range; with no number twice (a duplicate case in
 * ras_error_text is a compile error) that means none is missing. */
enum {
    RAS_RANGE_ROWS = 0
#define X(name, number, text) +((number) >= RASBASE && (number) <= RASBASEEND)
#include "lib/errors.def"
#undef X
};
_Static_assert(RAS_RANGE_ROWS == RASBASEEND - RASBASE + 1, "a RAS code has no row in errors.def");

const char *ras_error_text(uint32_t code)
{
    switch (code) {
#define X(name, number, text) \
    case (number):            \
        return (text);
#include "lib/errors.def"
#undef X
    }
    return NULL;
}

DWORD APIENTRY RasGetErrorStringA(UINT ResourceId, LPSTR lpszString, DWORD InBufSize)
{
    const char *text;
    size_t need;

    if (lpszString == NULL)
        return ERROR_INVALID_PARAMETER;
    text = ras_error_text(ResourceId);
    if (text == NULL)
        return ERROR_INVALID_PARAMETER;
    /* The size is in characters, and the terminating NUL counts. */
    need = strlen(text) + 1;
    if (InBufSize < need)
        return ERROR_INSUFFICIENT_BUFFER;
    memcpy(lpszString, text, need);
    return ERROR_SUCCESS;
}
