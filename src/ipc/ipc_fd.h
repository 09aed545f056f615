/* One descriptor beside one message (SCM_RIGHTS on the SOCK_SEQPACKET
 * socket): how libras hands rasmand a device it opened with the user's
 * own rights, so that rasmand never opens a user's path as root. */
#ifndef RAS_IPC_IPC_FD_H
#define RAS_IPC_IPC_FD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* send(2) of one message, with fd attached unless it is -1 (the sender
 * keeps fd). MSG_NOSIGNAL. Returns what sendmsg returns. */
ssize_t ipc_send_fd(int sock, const void *buf, size_t len, int fd);

/* recv(2) of one message (MSG_DONTWAIT | MSG_TRUNC: the result may exceed
 * cap), and the descriptor that came with it in *fd (-1 for none; the
 * caller's to close). Room is made for exactly one: more than one, a
 * truncated control part, or control data that is not SCM_RIGHTS sets
 * *bad, and then every descriptor that arrived is closed and *fd is -1.
 * Received descriptors are close-on-exec from the start. */
ssize_t ipc_recv_fd(int sock, void *buf, size_t cap, int *fd, bool *bad);

#endif
