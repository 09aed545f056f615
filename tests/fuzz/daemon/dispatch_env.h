/* The daemon-dispatch target's surroundings, made once per process: a
 * private directory for rasmand's socket and lock, a system phonebook with
 * a loopback entry (the seeds dial it as each uid), and the data path's
 * devices and tools moved where nothing exists, so no interface, route or
 * resolver setting is ever made on the host. */
#ifndef RAS_FUZZ_DISPATCH_ENV_H
#define RAS_FUZZ_DISPATCH_ENV_H

struct dispatch_env {
    char dir[64];
    char socket_path[108];    /* sun_path */
    char phonebook[64];
};

/* The seeds (make_seeds.c) name this entry of this file, so its path is
 * fixed; every run writes the same text there (renamed into place, so
 * runs side by side never read half a file). */
#define DISPATCH_ENTRY "Loop"
#define DISPATCH_PBK   "/tmp/openras-fuzz-dispatch.pbk"

/* Made on the first call; the directory goes at exit. */
const struct dispatch_env *dispatch_env_get(void);

#endif
