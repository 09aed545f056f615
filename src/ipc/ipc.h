/* The wire protocol between libras and rasmand: one message per datagram on
 * a SOCK_SEQPACKET Unix socket. Every message has a fixed, versioned header
 * and every field an explicit length; builders and readers check bounds and
 * readers reject trailing bytes (OpenSMTPD's m_add_* / m_get_* style). The
 * message buffer is fixed-size and embedded, so building or reading a
 * message allocates nothing. Integers travel little-endian. */
#ifndef RAS_IPC_IPC_H
#define RAS_IPC_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPC_MAGIC   0x4d534152u    /* "RASM" on the wire */
#define IPC_VERSION 4            /* 3: owners, net_flags, modem init commands; 4: APN, SIM PIN, signal, daemon info */
#define IPC_HDR_LEN 16
/* Ceiling on a whole message (header included). The largest one (an
 * enumeration reply) is bounded by IPC_MAX_ENUM entries; anything longer
 * from a peer is refused unread. */
#define IPC_MAX_MSG 65536
/* Strings: at most this many bytes, never a NUL inside. */
#define IPC_MAX_STR 1024
/* rasmand's connection handles, carried as HRASCONN values. Programs store
 * a HRASCONN in a LONG or DWORD (Windows handles are 32-bit significant), so
 * a handle is a positive 31-bit value, the same on every build, and reads
 * back unchanged through (LONG)/(DWORD) and (HRASCONN)(intptr_t):
 *   bit 31      0 (a LONG holding it is positive: sign extension is harmless)
 *   bits 30..24 check (7): a keyed mix of index and generation under a key
 *               rasmand draws at start, so a made-up value is refused
 *   bits 23..8  generation (16): per slot, seeded at random when rasmand
 *               starts and never 0; 65,535 dials of one slot before a repeat
 *   bits 7..0   slot index (CONN_MAX = 256 slots)
 * 16 bits of generation keep a hung-up handle stale for a long time; the
 * check bits and the random seed make a guessed handle (or one from an
 * earlier rasmand) match a live connection with odds of 1 in 2^23. The uid
 * check behind it is what keeps other users out. The wire keeps a u64. */
#define IPC_HANDLE_INDEX_BITS 8
#define IPC_HANDLE_GEN_BITS   16
#define IPC_HANDLE_CHECK_BITS 7
#define IPC_HANDLE_MAX        0x7fffffffull
#define IPC_HANDLE_PLAUSIBLE(h) ((uint64_t)(h) != 0 && (uint64_t)(h) <= IPC_HANDLE_MAX)

static inline uint64_t
ipc_handle_pack(uint32_t index, uint32_t gen, uint32_t check)
{
    return (uint64_t)(check & ((1u << IPC_HANDLE_CHECK_BITS) - 1))
               << (IPC_HANDLE_INDEX_BITS + IPC_HANDLE_GEN_BITS) |
           (uint64_t)(gen & ((1u << IPC_HANDLE_GEN_BITS) - 1)) << IPC_HANDLE_INDEX_BITS |
           (uint64_t)(index & ((1u << IPC_HANDLE_INDEX_BITS) - 1));
}

static inline uint32_t
ipc_handle_index(uint64_t h)
{
    return (uint32_t)(h & ((1u << IPC_HANDLE_INDEX_BITS) - 1));
}

static inline uint32_t
ipc_handle_gen(uint64_t h)
{
    return (uint32_t)(h >> IPC_HANDLE_INDEX_BITS) & ((1u << IPC_HANDLE_GEN_BITS) - 1);
}

static inline uint32_t
ipc_handle_check(uint64_t h)
{
    return (uint32_t)(h >> (IPC_HANDLE_INDEX_BITS + IPC_HANDLE_GEN_BITS)) &
           ((1u << IPC_HANDLE_CHECK_BITS) - 1);
}

/* Connections one enumeration reply can carry. */
#define IPC_MAX_ENUM 64

enum ipc_type {
    /* requests, libras -> rasmand */
    IPC_REQ_DIAL = 1,
    IPC_REQ_HANGUP = 2,
    IPC_REQ_STATUS = 3,
    IPC_REQ_ENUM = 4,
    IPC_REQ_PROJECTION = 5,
    IPC_REQ_STATS = 6,
    IPC_REQ_CLEAR_STATS = 7,
    IPC_REQ_SUBSCRIBE = 8,        /* connection notifications */
    IPC_REQ_DEBUG = 9,            /* rasmand --test only */
    IPC_REQ_INFO = 10,            /* rasmand's own figures (rasmon) */
    /* replies, rasmand -> libras, carrying the request's id */
    IPC_REP_DIAL = 101,
    IPC_REP_ERROR = 102,          /* just an error code (also the ok reply) */
    IPC_REP_STATUS = 103,
    IPC_REP_ENUM = 104,
    IPC_REP_PROJECTION = 105,
    IPC_REP_STATS = 106,
    IPC_REP_DEBUG = 109,
    IPC_REP_INFO = 110,
    /* unsolicited events, rasmand -> libras (request id 0) */
    IPC_EV_STATE = 201,           /* dial progress: handle, state, error */
    IPC_EV_CONN = 202,            /* RASCN_* on some connection */
};

struct ipc_hdr {
    uint32_t magic;
    uint16_t version;
    uint16_t type;
    uint32_t id;                  /* request id, echoed in the reply */
    uint32_t len;                 /* payload bytes after the header */
};

/* A message being built. Overflow is sticky: check it once at the end
 * (ipc_msg_finish). Holds secrets while a dial request is built: callers
 * wipe it (ipc_msg_wipe) once it is sent. */
struct ipc_msg {
    size_t len;
    bool overflow;
    uint8_t buf[IPC_MAX_MSG];
};

void ipc_msg_init(struct ipc_msg *m, uint16_t type, uint32_t id);
void ipc_put_u8(struct ipc_msg *m, uint8_t v);
void ipc_put_u16(struct ipc_msg *m, uint16_t v);
void ipc_put_u32(struct ipc_msg *m, uint32_t v);
void ipc_put_u64(struct ipc_msg *m, uint64_t v);
/* u16 length + bytes, no NUL; NULL is sent as "". Longer than IPC_MAX_STR
 * or containing nothing past a NUL is not possible from a C string, so
 * only the length is checked. */
void ipc_put_str(struct ipc_msg *m, const char *s);
void ipc_put_bytes(struct ipc_msg *m, const void *p, size_t n);
/* Writes the payload length into the header. false if anything overflowed. */
bool ipc_msg_finish(struct ipc_msg *m);
void ipc_msg_wipe(struct ipc_msg *m);

/* Reading a received message. Errors are sticky. */
struct ipc_reader {
    const uint8_t *p;
    size_t len, off;
    bool err;
};

/* Checks magic, version, type range and that len == n - IPC_HDR_LEN (one
 * message per datagram, nothing after it). Returns false if not. */
bool ipc_parse_hdr(const uint8_t *buf, size_t n, struct ipc_hdr *h);
/* Starts a reader on the payload of a message ipc_parse_hdr accepted. */
void ipc_reader_init(struct ipc_reader *r, const uint8_t *buf, size_t n);
bool ipc_get_u8(struct ipc_reader *r, uint8_t *v);
bool ipc_get_u16(struct ipc_reader *r, uint16_t *v);
bool ipc_get_u32(struct ipc_reader *r, uint32_t *v);
bool ipc_get_u64(struct ipc_reader *r, uint64_t *v);
/* Copies a string into out (cap bytes, NUL-terminated). Fails on a length
 * past the message, past IPC_MAX_STR, one that does not fit in cap, or an
 * embedded NUL. */
bool ipc_get_str(struct ipc_reader *r, char *out, size_t cap);
bool ipc_get_bytes(struct ipc_reader *r, void *out, size_t n);
/* True when no error happened and every byte was consumed. */
bool ipc_get_end(const struct ipc_reader *r);

/* Where rasmand listens (ipc_path.c). $RASMAND_SOCKET overrides
 * everything (tests, several instances). Otherwise the system instance,
 * /run/ras/rasmand.sock, for root or when system is true; else the user's,
 * $XDG_RUNTIME_DIR/ras/rasmand.sock; a user without XDG_RUNTIME_DIR uses
 * the system one. false if the path does not fit in cap. */
#define IPC_SYSTEM_SOCKET "/run/ras/rasmand.sock"
bool ipc_socket_path(bool system, char *buf, size_t cap);

#endif
