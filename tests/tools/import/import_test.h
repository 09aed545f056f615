/* What the import tests share: a file's text, with the phonebook's CR LF
 * line ends read as LF so that lines compare as lines. */
#ifndef RAS_TESTS_TOOLS_IMPORT_TEST_H
#define RAS_TESTS_TOOLS_IMPORT_TEST_H

#include <fcntl.h>
#include <stddef.h>
#include <unistd.h>

/* The first n - 1 bytes of path into buf, without CRs; "" when there is
 * no such file. */
static inline void
import_test_read(const char *path, char *buf, size_t n)
{
    ssize_t r = -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        r = read(fd, buf, n - 1);
        close(fd);
    }
    size_t k = 0;
    for (ssize_t i = 0; i < r; i++)
        if (buf[i] != '\r')
            buf[k++] = buf[i];
    buf[k] = '\0';
}

#endif
