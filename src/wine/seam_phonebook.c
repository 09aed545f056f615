/* seam_phonebook.c: the libras side of the phonebook calls. libras's A
 * structs are the Windows A layouts of this bitness with UTF-8 strings;
 * the asserts below hold the two together. */
#include <stddef.h>
#include <string.h>

#include <ras.h>
#include <raserror.h>

#include "common/alloc.h"
#include "wine/seam.h"

#define SAME_FIELD(a, b, f) \
    _Static_assert(offsetof(a, f) == offsetof(b, f), #a "." #f " moved")

SAME_FIELD(RASENTRYNAMEA, WL_RASENTRYNAMEA, szEntryName);
SAME_FIELD(RASENTRYNAMEA, WL_RASENTRYNAMEA, dwFlags);
SAME_FIELD(RASENTRYNAMEA, WL_RASENTRYNAMEA, szPhonebookPath);
_Static_assert(sizeof(RASENTRYNAMEA) == sizeof(WL_RASENTRYNAMEA), "RASENTRYNAMEA size");

void
seam_free(void *p)
{
    ras_free(p);
}

uint32_t
seam_error_string(uint32_t code, char *buf, uint32_t cap)
{
    return RasGetErrorStringA(code, buf, cap);
}

/* libras sizes the answer; the phonebook may change between the count and
 * the read, so a few rounds are allowed before giving up with what
 * RasEnumEntriesA last said. */
uint32_t
seam_enum_entries(const char *pbk, WL_RASENTRYNAMEA **out, uint32_t *n)
{
    DWORD cb = 0, count = 0, rc;
    RASENTRYNAMEA *buf = NULL;

    *out = NULL;
    *n = 0;
    for (int round = 0; round < 4; round++) {
        rc = RasEnumEntriesA(NULL, pbk, buf, &cb, &count);
        if (rc != ERROR_BUFFER_TOO_SMALL)
            break;
        ras_free(buf);
        if (!(buf = ras_calloc(1, cb))) {
            rc = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        buf->dwSize = sizeof(*buf);
    }
    if (rc == 0 && count > 0) {
        *out = (WL_RASENTRYNAMEA *)buf;
        *n = count;
        return 0;
    }
    ras_free(buf);
    return rc;
}
