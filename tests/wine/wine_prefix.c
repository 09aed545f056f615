/* Private Wine prefixes (see wine_prefix.h). */
#include "wine_prefix.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int
wp_run(char *const argv[], const char *log)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = log ? open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)
                     : open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0)
            dup2(null, 0);
        execvp(argv[0], argv);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* Runs `loader --version` with stdout to fd (or discarded): its status. */
static int
loader_version(const char *loader, int fd)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        dup2(fd >= 0 ? fd : null, 1);
        dup2(null, 2);
        execlp(loader, loader, "--version", (char *)NULL);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

const char *
wp_loader(void)
{
    static const char *chosen;
    if (chosen)
        return chosen;
    /* Debian's `wine` starts the 32-bit loader whenever wine32:i386 is
     * installed, and a kernel without IA32 emulation refuses it even for
     * 64-bit programs; the 64-bit loader then runs those alone. */
    static const char *const loaders[] = { "wine", "/usr/lib/wine/wine64",
                                           "/usr/lib64/wine/wine64" };
    for (size_t i = 0; i < sizeof(loaders) / sizeof(loaders[0]) && !chosen; i++)
        if (loader_version(loaders[i], -1) == 0)
            chosen = loaders[i];
    if (!chosen)
        return chosen = "wine";
    if (strcmp(chosen, "wine") != 0) {
        setenv("WINELOADER", chosen, 1);
        setenv("RAS_WINE_LOADER", chosen, 1); /* ras-wine's choice too */
    }
    return chosen;
}

/* `wine --version`, which names the Wine a template was booted by. */
static bool
wine_version(char *out, size_t cap)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return false;
    const char *loader = wp_loader();
    int rc = loader_version(loader, p[1]);
    close(p[1]);
    ssize_t n = rc == 0 ? read(p[0], out, cap - 1) : -1;
    close(p[0]);
    if (n <= 0)
        return false;
    out[n] = '\0';
    out[strcspn(out, "\n")] = '\0';
    /* a template booted by a loader without a 32-bit side has none */
    if (strcmp(loader, "wine") == 0 && access(WP_WINE32_DIR, F_OK) == 0)
        strncat(out, " +wine32", cap - strlen(out) - 1);
    return true;
}

void
wp_kill(const char *dir)
{
    setenv("WINEPREFIX", dir, 1);
    char *argv[] = { "wineserver", "-k", NULL };
    wp_run(argv, NULL);
    char *wait_argv[] = { "wineserver", "-w", NULL };
    wp_run(wait_argv, NULL);
}

static bool
read_stamp(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "re");
    bool ok = f && fgets(out, (int)cap, f);
    if (f)
        fclose(f);
    if (ok)
        out[strcspn(out, "\n")] = '\0';
    return ok;
}

/* Boots the template (under the caller's lock): into tmpl.new, then
 * renamed, so a half-made template is never used. No Mono or Gecko
 * installer (they would ask on a screen there is none of). */
static bool
boot_template(const char *tmpl, const char *stamp, const char *version, char *why, size_t cap)
{
    char fresh[600], log[640];
    snprintf(fresh, sizeof(fresh), "%s.new", tmpl);
    snprintf(log, sizeof(log), "%s.log", tmpl);
    char *rm_fresh[] = { "rm", "-rf", fresh, NULL };
    char *rm_tmpl[] = { "rm", "-rf", (char *)tmpl, NULL };
    wp_run(rm_fresh, NULL);
    wp_run(rm_tmpl, NULL);
    setenv("WINEPREFIX", fresh, 1);
    setenv("WINEDLLOVERRIDES", "mscoree,mshtml=", 1);
    char *boot[] = { (char *)wp_loader(), "wineboot", "-i", NULL };
    int rc = wp_run(boot, log);
    unsetenv("WINEDLLOVERRIDES");
    wp_kill(fresh);
    struct stat st;
    snprintf(log, sizeof(log), "%s/system.reg", fresh);
    if (rc != 0 || stat(log, &st) != 0) {
        snprintf(why, cap, "wineboot -i could not make a prefix (status %d)", rc);
        return false;
    }
    if (rename(fresh, tmpl) != 0) {
        snprintf(why, cap, "cannot rename %s", fresh);
        return false;
    }
    FILE *f = fopen(stamp, "we");
    if (f) {
        fprintf(f, "%s\n", version);
        fclose(f);
    }
    return true;
}

/* A prefix is 700 MB, nearly all of it Wine's DLLs, which nothing writes
 * to: the copy hard-links them (cp -al) and so costs no space or time.
 * What is written is written by replacing (wineserver saves the registry
 * through a new file and a rename) or is new. Still, the registry files
 * and the bridge's DLLs, which `ras-wine setup` copies over the stock ones
 * in place (cp -f), are copies of their own, so the template never
 * changes. */
static bool
copy_template(const char *tmpl, const char *dir)
{
    static const char *const written[] = {
        "system.reg", "user.reg", "userdef.reg",
        "drive_c/windows/system32/rasapi32.dll", "drive_c/windows/system32/openras.dll",
        "drive_c/windows/syswow64/rasapi32.dll", "drive_c/windows/syswow64/openras.dll",
    };
    char *cp[] = { "cp", "-al", (char *)tmpl, (char *)dir, NULL };
    if (wp_run(cp, NULL) != 0)
        return false;
    for (size_t i = 0; i < sizeof(written) / sizeof(written[0]); i++) {
        char path[600], tmp[620];
        snprintf(path, sizeof(path), "%s/%s", dir, written[i]);
        snprintf(tmp, sizeof(tmp), "%s.copy", path);
        char *cp_one[] = { "cp", path, tmp, NULL };
        if (access(path, F_OK) == 0 && (wp_run(cp_one, NULL) != 0 || rename(tmp, path) != 0))
            return false;
    }
    return true;
}

bool
wp_make(const char *cache_dir, const char *dir, char *why, size_t cap)
{
    char tmpl[512], stamp[560], lock[560], have[128], version[128];
    if (!wine_version(version, sizeof(version))) {
        snprintf(why, cap, "wine --version failed");
        return false;
    }
    snprintf(tmpl, sizeof(tmpl), "%s/wine-prefix.template", cache_dir);
    snprintf(stamp, sizeof(stamp), "%s.stamp", tmpl);
    snprintf(lock, sizeof(lock), "%s.lock", tmpl);
    int lk = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lk < 0 || flock(lk, LOCK_EX) != 0) {
        snprintf(why, cap, "cannot lock %s", lock);
        if (lk >= 0)
            close(lk);
        return false;
    }
    bool ok = true;
    if (!read_stamp(stamp, have, sizeof(have)) || strcmp(have, version) != 0)
        ok = boot_template(tmpl, stamp, version, why, cap);
    if (ok && !(ok = copy_template(tmpl, dir)))
        snprintf(why, cap, "cannot copy %s", tmpl);
    close(lk);
    setenv("WINEPREFIX", dir, 1);
    return ok;
}
