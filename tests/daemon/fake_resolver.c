/* A stand-in for resolvectl and resolvconf (tests link it under those
 * names): appends its name, its arguments and then its stdin to the file
 * $RAS_FAKE_REC, in one write so a reader never sees half a record. It
 * allocates nothing: rasmand runs it under valgrind too. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t
put(char *buf, size_t cap, size_t at, const char *s)
{
    size_t n = strlen(s);
    if (at + n > cap)
        n = cap - at;
    memcpy(buf + at, s, n);
    return at + n;
}

int
main(int argc, char **argv)
{
    char buf[4096];
    const char *rec = getenv("RAS_FAKE_REC");
    const char *name = strrchr(argv[0], '/');
    if (!rec)
        return 2;
    size_t at = put(buf, sizeof(buf), 0, name ? name + 1 : argv[0]);
    for (int i = 1; i < argc; i++) {
        at = put(buf, sizeof(buf), at, " ");
        at = put(buf, sizeof(buf), at, argv[i]);
    }
    at = put(buf, sizeof(buf), at, "\n");
    ssize_t n;
    while (at < sizeof(buf) && (n = read(0, buf + at, sizeof(buf) - at)) > 0)
        at += (size_t)n;
    int fd = open(rec, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return 1;
    int rc = write(fd, buf, at) == (ssize_t)at ? 0 : 1;
    close(fd);
    return rc;
}
