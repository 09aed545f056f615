/* Private Wine prefixes for the Wine tests: one booted template per
 * architecture and Wine version, kept in the build tree and made once
 * (`wineboot -i`, several seconds) under a lock, then copied (by hard
 * links: see copy_template) into each run's scratch directory, so every
 * run has a prefix of its own. */
#ifndef RAS_TESTS_WINE_WINE_PREFIX_H
#define RAS_TESTS_WINE_WINE_PREFIX_H

#include <stdbool.h>
#include <stddef.h>

/* What Debian's wine32:i386 installs: 32-bit Windows programs run. */
#define WP_WINE32_DIR "/usr/lib/i386-linux-gnu/wine"

/* The Wine loader that runs programs here: "wine", or Wine's 64-bit loader
 * when `wine` cannot start (see wine_prefix.c); also exported to ras-wine
 * as RAS_WINE_LOADER. */
const char *wp_loader(void);
/* Runs argv (argv[0] looked up in PATH) with stdout and stderr appended to
 * log (or discarded when NULL): its exit status, or -1. */
int wp_run(char *const argv[], const char *log);
/* Makes dir a fresh prefix copied from the template in cache_dir (made
 * first if missing or from another Wine). false, with why filled, if Wine
 * could not boot one. */
bool wp_make(const char *cache_dir, const char *dir, char *why, size_t cap);
/* Ends every process of the prefix (wineserver -k) and waits for them. */
void wp_kill(const char *dir);

#endif
