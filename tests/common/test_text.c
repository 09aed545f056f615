/* Clean text, the escaper, entry-name comparison (src/common/text.c) and
 * rasmand's log, which escapes every line it writes. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/text.h"
#include "daemon/log.h"
#include "harness.h"

static void
t_clean(void)
{
    CHECK(text_is_clean(""));
    CHECK(text_is_clean("Root ISP"));
    CHECK(text_is_clean("Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x9e"));
    CHECK(text_is_clean("C:\\path\\x41"));
    CHECK(!text_is_clean("a\x1b[2Jb"));       /* C0: ESC */
    CHECK(!text_is_clean("a\tb"));
    CHECK(!text_is_clean("a\nb"));
    CHECK(!text_is_clean("a\x7f"));           /* DEL */
    CHECK(!text_is_clean("a\xc2\x9b" "31m"));  /* C1: CSI */
    CHECK(!text_is_clean("a\xc2\x80"));
    CHECK(text_is_clean("a\xc2\xa0"));         /* U+00A0 is printable */
    CHECK(!text_is_clean("\x9b"));             /* a lone C1 byte: not UTF-8 */
    CHECK(!text_is_clean("\xff"));
    CHECK(!text_is_clean("\xc0\xaf"));         /* overlong '/' */
    CHECK(!text_is_clean("\xe0\x80\xaf"));
    CHECK(!text_is_clean("\xed\xa0\x80"));     /* surrogate */
    CHECK(!text_is_clean("\xf4\x90\x80\x80")); /* above U+10FFFF */
    CHECK(!text_is_clean("\xe6\x97"));         /* cut short */
}

static void
t_escape(void)
{
    char out[64];
    CHECK_STR(text_escape(out, sizeof(out), "Root ISP"), "Root ISP");
    CHECK_STR(text_escape(out, sizeof(out), "Caf\xc3\xa9"), "Caf\xc3\xa9");
    CHECK_STR(text_escape(out, sizeof(out), "a\x1b[2Jb\n"), "a\\x1b[2Jb\\x0a");
    CHECK_STR(text_escape(out, sizeof(out), "\xc2\x9b" "1m\x7f\xff"), "\\xc2\\x9b1m\\x7f\\xff");
    /* cut at a whole escape, marked */
    char small[8];
    CHECK_STR(text_escape(small, sizeof(small), "\x1b\x1b\x1b"), "\\x1b...");
    CHECK_STR(text_escape(small, sizeof(small), "abcdefghij"), "abcd...");
    char tiny[2];
    CHECK_STR(text_escape(tiny, sizeof(tiny), "\x1b"), "");
    /* never a control byte in the output, whatever the input */
    char in[256], big[TEXT_ESCAPE_MAX(256)];
    for (int i = 1; i < 256; i++)
        in[i - 1] = (char)i;
    in[255] = '\0';
    text_escape(big, sizeof(big), in);
    CHECK(text_is_clean(big));
}

static void
t_name_cmp(void)
{
    CHECK(text_name_eq("Root ISP", "root isp"));
    CHECK(text_name_eq("ROOT ISP", "Root Isp"));
    CHECK(!text_name_eq("Root ISP", "Root ISP2"));
    CHECK(!text_name_eq("Root", "Root ISP"));
    /* letters beyond ASCII are compared as bytes, whatever the locale */
    CHECK(!text_name_eq("Caf\xc3\xa9", "CAF\xc3\x89"));
    CHECK(text_name_eq("Caf\xc3\xa9", "CAF\xc3\xa9"));
    CHECK(text_name_cmp("a", 1, "B", 1) < 0);
    CHECK(text_name_cmp("b", 1, "A", 1) > 0);
    CHECK(text_name_cmp("ab", 1, "AC", 1) == 0);
    CHECK(text_name_cmp("ab", 2, "A", 1) > 0);
}

/* What a client sent cannot put an escape sequence (or a second line) in
 * the log, whatever the format string does with it. */
static void
t_log_escapes(void)
{
    char path[512], buf[1024];
    snprintf(path, sizeof(path), "%s/log", th_tmpdir());
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    REQUIRE(saved >= 0);
    dup2(fd, 2);
    log_set_verbosity(1);
    log_msg(1, "dial \"%s\" on %s", "Evil\x1b]0;owned\x07\x1b[2J", "tty\xc2\x9b" "1m\nforged");
    log_msg(2, "not printed %s", "x");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(fd);
    log_set_verbosity(0);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    REQUIRE(n > 0);
    buf[n] = '\0';
    CHECK_STR(buf, "rasmand: dial \"Evil\\x1b]0;owned\\x07\\x1b[2J\" on "
                   "tty\\xc2\\x9b1m\\x0aforged\n");
    CHECK(!memchr(buf, 0x1b, (size_t)n));
}

int
main(void)
{
    TH_RUN(t_clean);
    TH_RUN(t_escape);
    TH_RUN(t_name_cmp);
    TH_RUN(t_log_escapes);
    return th_done();
}
