/* See ipc_fd.h. */
#include "ipc/ipc_fd.h"

#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

union fd_ctl {
    struct cmsghdr h;             /* alignment */
    char space[CMSG_SPACE(sizeof(int))];
};

ssize_t
ipc_send_fd(int sock, const void *buf, size_t len, int fd)
{
    union fd_ctl ctl;
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (fd >= 0) {
        memset(&ctl, 0, sizeof(ctl));
        mh.msg_control = ctl.space;
        mh.msg_controllen = sizeof(ctl.space);
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof(fd));
    }
    return sendmsg(sock, &mh, MSG_NOSIGNAL);
}

/* Keeps the first descriptor of a control message in *fd, closes the rest;
 * returns how many there were. */
static unsigned
take_fds(const struct cmsghdr *c, int *fd, unsigned seen)
{
    size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < k; i++) {
        int f;
        memcpy(&f, CMSG_DATA(c) + i * sizeof(int), sizeof(f));
        if (seen + i == 0)
            *fd = f;
        else
            close(f);
    }
    return (unsigned)k;
}

ssize_t
ipc_recv_fd(int sock, void *buf, size_t cap, int *fd, bool *bad)
{
    union fd_ctl ctl;
    struct iovec iov = { .iov_base = buf, .iov_len = cap };
    struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.space,
                         .msg_controllen = sizeof(ctl.space) };
    unsigned nfds = 0;
    *fd = -1;
    *bad = false;
    ssize_t n = recvmsg(sock, &mh, MSG_DONTWAIT | MSG_TRUNC | MSG_CMSG_CLOEXEC);
    if (n < 0)
        return n;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            nfds += take_fds(c, fd, nfds);
        else
            *bad = true;
    }
    /* CMSG_SPACE rounds up: a second descriptor fits where one was asked */
    if (nfds > 1 || (mh.msg_flags & MSG_CTRUNC))
        *bad = true;
    if (*bad && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
    return n;
}
