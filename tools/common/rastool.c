/* Shared by rasphone and rasdial: exit statuses, error lines, password
 * prompt, growing buffers. See rastool.h for the exit-status mapping. */
#include "rastool.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ras.h"
#include "openras.h"
#include "raserror.h"

#include "common/alloc.h"
#include "common/text.h"

int
rastool_exit_status(uint32_t err)
{
    if (err == 0)
        return 0;
    if (err > 600 && err < 850)
        return (int)(err - 600);
    if (err >= 600)
        return RASTOOL_EXIT_RAS_OTHER;
    return RASTOOL_EXIT_WIN32;
}

void
rastool_print_error(FILE *f, uint32_t err)
{
    char msg[512];
    if (RasGetErrorStringA(err, msg, sizeof(msg)) != 0)
        snprintf(msg, sizeof(msg), "(no message for this code)");
    fprintf(f, "Remote Access error %u - %s\n", err, rastool_esc(msg));
    /* a phonebook that could not be used: which file and line, and why */
    char detail[512];
    if (OpenRasGetPhonebookError(detail, sizeof(detail)) == 0 && detail[0])
        fprintf(f, "  %s\n", rastool_esc(detail));
    fflush(f);
}

/* Rotating buffers: one printf may print a few escaped strings at once.
 * The longest string a tool prints is a RAS error detail (512 bytes). */
#define ESC_BUFS 8
#define ESC_IN_MAX 1024

const char *
rastool_esc_n(const char *s, size_t maxlen)
{
    static char out[ESC_BUFS][TEXT_ESCAPE_MAX(ESC_IN_MAX)];
    static unsigned next;
    char in[ESC_IN_MAX + 1];
    size_t n = strnlen(s, maxlen < ESC_IN_MAX ? maxlen : ESC_IN_MAX);
    memcpy(in, s, n);
    in[n] = '\0';
    char *dst = out[next++ % ESC_BUFS];
    return text_escape(dst, sizeof(out[0]), in);
}

const char *
rastool_esc(const char *s)
{
    return rastool_esc_n(s, SIZE_MAX);
}

void
rastool_set_field(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len < n) {
        memcpy(dst, src, len + 1);
    } else {
        memcpy(dst, src, n);
    }
}

uint32_t
rastool_fetch(rastool_fill_fn *fill, void *ctx, DWORD struct_size, void **out, DWORD *out_cb,
              DWORD *out_n)
{
    DWORD cb = struct_size, n = 0;
    void *buf = NULL;
    uint32_t rc = ERROR_BUFFER_TOO_SMALL;
    for (int tries = 0; tries < 4 && rc == ERROR_BUFFER_TOO_SMALL; tries++) {
        ras_free(buf);
        if (!(buf = ras_calloc(1, cb)))
            return ERROR_NOT_ENOUGH_MEMORY;
        /* every RAS structure starts with its DWORD dwSize */
        memcpy(buf, &struct_size, sizeof(struct_size));
        rc = fill(ctx, buf, &cb, &n);
    }
    if (rc) {
        ras_free(buf);
        return rc;
    }
    *out = buf;
    if (out_cb)
        *out_cb = cb;
    if (out_n)
        *out_n = n;
    return 0;
}

/* Byte by byte with read(2): stdio would keep a copy of the password in a
 * buffer we cannot wipe. */
static int
read_line(int fd, char *buf, size_t n)
{
    size_t len = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            buf[len] = '\0';
            return len ? 0 : -1;
        }
        if (c == '\n')
            break;
        if (c == '\r')
            continue;
        if (len + 1 < n)
            buf[len++] = c;
    }
    buf[len] = '\0';
    return 0;
}

/* Ctrl-C at the prompt must not leave the terminal without echo. */
static int prompt_tty = -1;
static struct termios prompt_saved;

static void
restore_and_reraise(int sig)
{
    if (prompt_tty >= 0)
        tcsetattr(prompt_tty, TCSAFLUSH, &prompt_saved);
    signal(sig, SIG_DFL);
    raise(sig);
}

int
rastool_read_password(const char *prompt, char *buf, size_t n)
{
    if (n == 0)
        return -1;
    int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0)
        return read_line(STDIN_FILENO, buf, n);

    struct termios old, quiet;
    int rc = -1;
    bool restore = false;
    if (tcgetattr(tty, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
        prompt_saved = old;
        prompt_tty = tty;
        signal(SIGINT, restore_and_reraise);
        signal(SIGTERM, restore_and_reraise);
        signal(SIGHUP, restore_and_reraise);
        restore = tcsetattr(tty, TCSAFLUSH, &quiet) == 0;
    }
    if (write(tty, prompt, strlen(prompt)) >= 0)
        rc = read_line(tty, buf, n);
    if (restore)
        tcsetattr(tty, TCSAFLUSH, &old);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    prompt_tty = -1;
    if (write(tty, "\n", 1) < 0) {
        /* nothing to do: the prompt line just stays open */
    }
    close(tty);
    return rc;
}
