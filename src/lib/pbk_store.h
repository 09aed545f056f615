/* pbk_store.h: phonebook files on disk. Where they are, reading them
 * through a cache, and changing them safely.
 *
 * Reads go through a small cache of parsed files keyed on the file's
 * identity (device, inode, size, mtime, ctime): an unchanged file is not
 * read again, and a lookup in it allocates nothing (the KB Q257647 loop).
 *
 * Every change is: take an exclusive flock on "FILE.lock", read the file as
 * it is now (not the cache), edit, write "FILE.tmp.PID", fsync, rename over
 * FILE, fsync the directory, unlock. Concurrent writers in any number of
 * processes serialise on the lock, so none loses another's entry; a crash
 * at any moment leaves either the old file or the new one. */
#ifndef RAS_LIB_PBK_STORE_H
#define RAS_LIB_PBK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/pbk_ini.h"

#define PBK_PATH_MAX 4096

/* The file lpszPhonebook names: itself, or for NULL/"" the user's default
 * ($XDG_CONFIG_HOME/ras/rasphone.pbk, else ~/.config/ras/rasphone.pbk).
 * ERROR_CANNOT_OPEN_PHONEBOOK when there is no home to put it in or the
 * name is too long. */
uint32_t pbk_path(const char *phonebook, char *out, size_t cap);
/* The system phonebook, /etc/ras/rasphone.pbk (RAS_SYSCONFDIR overrides the
 * directory, for tests). */
void pbk_system_path(char *out, size_t cap);

/* Calls fn on the parsed file, under the cache's lock (fn must only read,
 * and must not call back into the store). Returns fn's result, or:
 * ERROR_CANNOT_OPEN_PHONEBOOK if the file does not exist or cannot be read
 * (*missing tells which, when not NULL), ERROR_CORRUPT_PHONEBOOK with
 * pbk_error_detail() naming file and line, ERROR_NOT_ENOUGH_MEMORY. */
typedef uint32_t (*pbk_read_fn)(const struct ini_doc *doc, void *ctx);
uint32_t pbk_read(const char *path, pbk_read_fn fn, void *ctx, bool *missing);

/* pbk_read on the phonebook that holds an entry: the one named, or for
 * NULL/"" the user's and then the system's, as Windows searches both. fn
 * answers ERROR_CANNOT_FIND_PHONEBOOK_ENTRY when its entry is not in the
 * file; a file that does not exist has no entries (623, as Windows says).
 * path gets the file last read. */
uint32_t pbk_read_entry(const char *phonebook, pbk_read_fn fn, void *ctx, char *path,
                        size_t cap);

/* The locked read-edit-write cycle above. fn edits doc (an empty doc if the
 * file does not exist yet) and returns 0 to save, or an error to leave the
 * file as it was. mode is for a file that is created (the credentials file
 * uses 0600); an existing file keeps its mode. secret: wipe buffers, and
 * refuse a symlink (ERROR_ACCESS_DENIED). A phonebook that is a symlink is
 * written through to its target (lock and temp file beside the target); a
 * dangling link or a loop is ERROR_CANNOT_OPEN_PHONEBOOK. A phonebook or
 * lock that is not a regular file (a FIFO) is ERROR_CANNOT_OPEN_PHONEBOOK,
 * at once: no open or read here ever waits for a writer. */
typedef uint32_t (*pbk_edit_fn)(struct ini_doc *doc, void *ctx);
uint32_t pbk_edit(const char *path, bool secret, mode_t mode, pbk_edit_fn fn, void *ctx);

/* Reads and parses a file without the cache (the credentials file: its
 * contents never stay in memory). ERROR_CANNOT_OPEN_PHONEBOOK if absent. */
uint32_t pbk_load(const char *path, bool secret, struct ini_doc *doc);

/* Drops every cached file. Tests call it so their leak audit sees only
 * real leaks; libras calls it from a destructor at unload. */
void pbk_cache_flush(void);

/* What was wrong with the last file this thread failed to load or save,
 * ("FILE:LINE: ..."), or "". */
const char *pbk_error_detail(void);
void pbk_error_clear(void);
void pbk_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
