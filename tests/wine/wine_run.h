/* What the Wine tests' runners share (run_wine.c, test_wine_modem.c): a
 * TAP writer, the checks that a machine runs 32-bit Windows programs, and
 * running one program under Wine: its TAP lines renumbered into the
 * runner's, its "#probe TAG" lines answered after the runner has counted
 * the program's descriptors and anonymous memory in /proc (and called
 * on_probe), "# wt-done" noted. */
#ifndef RAS_TESTS_WINE_WINE_RUN_H
#define RAS_TESTS_WINE_WINE_RUN_H

#include <stdbool.h>
#include <stddef.h>

#define WR_MAX_PROBES 16

extern int wr_tests, wr_fails;    /* TAP lines written, and failed */
void wr_tap(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* 32-bit Windows programs need wine32 and a kernel that runs i386
 * programs: false with the reason when this machine has not both. */
bool wr_can_run_32bit(char *why, size_t cap);
/* The programs' environment: a tag to find their processes by, the
 * default phonebook's XDG_CONFIG_HOME, headless, WINEDEBUG=-all. */
void wr_environment(const char *config);

struct wr_probe {
    char tag[48];
    int fds;
    long anon_kib;                /* RssAnon: the process's private memory */
};

struct wr_run {
    const char *exe_base;         /* the .exe's file name */
    void (*on_probe)(const char *tag, void *ctx);   /* may be NULL */
    void (*on_comment)(const char *line, void *ctx); /* each "# ..." line; may be NULL */
    void *ctx;
    /* filled while it runs */
    int to_child;
    struct wr_probe probes[WR_MAX_PROBES];
    int n_probes;
    bool done_seen;
    int prog_failed;
    char line[4096];
    size_t len;
};

/* The launcher's command line: `ras-wine exec --prefix DIR [--dlls D]...
 * -- PROG ARGS` (an ARG @DIR@ becomes scratch), or `wine PROG ARGS`. */
char **wr_command(const char *launcher, const char *prefix, const char *const *dlls, int n_dlls,
                  char **prog_argv, int prog_argc, const char *scratch);
/* `ras-wine setup --prefix DIR [--dlls D]...`, what a user runs once per
 * prefix (nothing for plain wine): false if it failed twice. */
bool wr_setup(const char *launcher, const char *prefix, const char *const *dlls, int n_dlls,
              const char *log);
/* Runs argv with its stderr in log: the wait status (-1 if it could not). */
int wr_program(struct wr_run *r, char **argv, const char *log);
/* Each TAG-warm / TAG-end probe pair: descriptors and memory flat. */
void wr_check_probes(const struct wr_run *r);
/* Removes the run's scratch directory and writes the plan: main()'s exit
 * status (1 if any line failed). */
int wr_finish(const char *scratch);
/* The head of Wine's log, as TAP comments. */
void wr_print_log(const char *log);

#endif
