/* Text that crosses a trust boundary: names, numbers and paths a client
 * sent, read from a phonebook, or relayed by rasmand. One rule for what is
 * clean, one escaper for printing what may not be, and the one comparison
 * of entry names. Shared by libras, rasmand and the tools, which must
 * agree: a name one of them accepts is the name the others print and
 * match. */
#ifndef RAS_COMMON_TEXT_H
#define RAS_COMMON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if s is valid UTF-8 (shortest form, no surrogate, at most U+10FFFF)
 * without a control character: C0 (tab too), DEL, or C1 (U+0080..U+009F;
 * 0x9B is CSI to many terminals). Such text is safe on any terminal. */
bool text_is_clean(const char *s);

/* Writes src into dst (n bytes, n > 0, always terminated) with every byte
 * that is not part of clean text (text_is_clean) written as \xNN, so what
 * is printed carries no escape sequence; clean text is copied unchanged
 * (a value printed by rasphone show reads back as it was). Output that
 * does not fit ends at a whole character or escape, followed by "..."
 * when there is room. Returns dst. Allocates
 * nothing (it runs inside the log and on error paths). */
char *text_escape(char *dst, size_t n, const char *src);

/* Escaped text needs at most this many bytes per input byte. */
#define TEXT_ESCAPE_MAX(len) (4 * (len) + 1)

/* Entry names compare as the phonebook compares them: ASCII letters
 * without regard to case, every other byte as it is (independent of the
 * locale). <0, 0, >0 like strcmp; a and b have lengths alen and blen. */
int text_name_cmp(const char *a, size_t alen, const char *b, size_t blen);
/* The same for two NUL-terminated names: true if they name one entry. */
bool text_name_eq(const char *a, const char *b);

#endif
