/* Clean text, escaping and entry-name comparison (see text.h). */
#include "common/text.h"

#include <stdint.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at p (1..4), or 0 if the bytes
 * there are not one valid, shortest-form sequence. Reads no further than
 * the terminating NUL, which is never a continuation byte. */
static size_t
utf8_len(const unsigned char *p, uint32_t *cp)
{
    size_t len;
    uint32_t c = p[0], min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0) {
        len = 2; c &= 0x1f; min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3; c &= 0x0f; min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4; c &= 0x07; min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

static bool
is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Length of the clean character at p, or 0 if the byte there must be
 * escaped. */
static size_t
clean_len(const unsigned char *p)
{
    uint32_t cp;
    size_t len = utf8_len(p, &cp);
    return len && !is_control(cp) ? len : 0;
}

bool
text_is_clean(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t len = clean_len(p);
        if (!len)
            return false;
        p += len;
    }
    return true;
}

char *
text_escape(char *dst, size_t n, const char *src)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)src;
    size_t out = 0, marked = 0;   /* marked: the last cut "..." fits after */
    while (*p) {
        char piece[4];
        size_t len = clean_len(p), plen;
        if (len) {
            memcpy(piece, p, len);
            plen = len;
        } else {
            piece[0] = '\\';
            piece[1] = 'x';
            piece[2] = hex[*p >> 4];
            piece[3] = hex[*p & 15];
            plen = 4;
            len = 1;
        }
        if (out + plen >= n) {
            /* cut after a whole piece, marked when the mark fits */
            if (marked + 3 < n) {
                memcpy(dst + marked, "...", 3);
                out = marked + 3;
            }
            break;
        }
        memcpy(dst + out, piece, plen);
        out += plen;
        if (out + 3 < n)
            marked = out;
        p += len;
    }
    dst[out] = '\0';
    return dst;
}

static unsigned char
ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

int
text_name_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    for (size_t i = 0; i < n; i++) {
        int d = ascii_lower((unsigned char)a[i]) - ascii_lower((unsigned char)b[i]);
        if (d)
            return d;
    }
    return alen < blen ? -1 : alen > blen;
}

bool
text_name_eq(const char *a, const char *b)
{
    return text_name_cmp(a, strlen(a), b, strlen(b)) == 0;
}
