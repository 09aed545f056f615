/* libras's side of the rasmand socket: connect (starting rasmand on demand,
 * the way gpg starts gpg-agent), one request and its reply, and the dial
 * machinery (RasDial's sync and async halves, the one notifier thread). */
#ifndef RAS_LIB_RASMAN_CLIENT_H
#define RAS_LIB_RASMAN_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ras.h"

#include "ipc/ipc.h"
#include "ipc/ipc_proto.h"

/* How long a request waits for rasmand's reply. */
#define RASC_REPLY_TIMEOUT_MS 10000

/* Tests only: the rasmand binary to start and the socket to use (NULL =
 * $RASMAND_PATH / compiled-in path, $RASMAND_SOCKET / the default). The
 * strings are borrowed. Not thread-safe: set before any RAS call. */
void ras_client_set_rasmand(const char *path);
void ras_client_set_socket(const char *path);
/* Tests only: the system rasmand's socket, asked when no per-user rasmand
 * listens and before one is started (NULL = /run/ras/rasmand.sock). */
void ras_client_set_system_socket(const char *path);

/* A connected socket to rasmand in *fd: the caller's per-user rasmand if
 * one listens, else the system rasmand if it answers; with start, a
 * per-user rasmand is started if neither does (a dial; a query has nothing
 * to ask a daemon that is not there). 0, or ERROR_RASMAN_CANNOT_INITIALIZE
 * (711). */
uint32_t rasc_connect(int *fd, bool start);

/* One round trip on a fresh connection. The request is wiped after
 * sending (it may hold a password). rep holds IPC_MAX_MSG bytes, and may
 * be req->buf: the request is sent and wiped before the reply is read.
 * *n gets the reply's length, checked to be a well-formed message of type
 * want answering the request's id (or IPC_REP_ERROR, whose code is
 * returned). Returns 0, 711 (no rasmand), 638 (no reply in time). */
uint32_t rasc_call(struct ipc_msg *req, uint16_t want, uint8_t *rep, size_t *n, bool start);

/* Sends req and waits for its reply on fd (which stays open). Same
 * returns as rasc_call. */
uint32_t rasc_roundtrip(int fd, struct ipc_msg *req, uint16_t want, uint8_t *rep, size_t *n);
/* The same with pass_fd (unless -1) sent beside the request (SCM_RIGHTS);
 * pass_fd stays the caller's. */
uint32_t rasc_roundtrip_fd(int fd, struct ipc_msg *req, int pass_fd, uint16_t want,
                           uint8_t *rep, size_t *n);

/* HRASCONN <-> rasmand's handles: 31-bit values on a u64 wire (ipc.h), so a
 * handle a program kept in a LONG or DWORD converts back unchanged. */
static inline HRASCONN rasc_hconn(uint64_t h) { return (HRASCONN)(uintptr_t)h; }
static inline uint64_t rasc_handle(HRASCONN h) { return (uint64_t)(uintptr_t)h; }

/* RasDial once the arguments are checked and the entry resolved into req
 * (ras_dial_resolve, or ras_dial_req_from_entry): req holds no secret, the
 * credentials and dwCallbackId come from params. notifier NULL: blocks
 * until Connected or failed. Otherwise returns 0 at once and reports
 * through the notifier (type 0, 1 or 2) from the notifier thread. *ph gets
 * the handle whenever rasmand created a connection, even when the dial
 * then failed (it must be RasHangUp'd). */
uint32_t ras_dial_request(const struct ipc_dial_req *req, const RASDIALPARAMSA *params,
                          DWORD notifier_type, void *notifier, HRASCONN *ph);

/* RasHangUp's part on this side: stops notifications for h. */
void ras_dial_forget(uint64_t handle);

/* Registers or removes (flags 0) an eventfd for connection events. */
uint32_t ras_notify_register(uint64_t handle, int efd, uint32_t flags);

/* Stops and joins the notifier thread and frees what it held (library
 * unload; tests call it to audit). Safe to call when nothing runs. */
void ras_client_shutdown(void);

#endif
