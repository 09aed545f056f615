/* Test harness: TAP output, and an audit around every test: live
 * allocations (through the project's hooks) and open descriptors must be
 * back where they started when the test ends, or the test fails.
 *
 *   static void t_enum_small_buffer(void) { CHECK_EQ(RasX(...), 603); }
 *   int main(void) { TH_RUN(t_enum_small_buffer); return th_done(); }
 */
#ifndef RAS_TESTS_HARNESS_H
#define RAS_TESTS_HARNESS_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/alloc.h"

extern jmp_buf th_abort_jmp;

void th_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void th_run(const char *name, void (*fn)(void));
int th_done(void);          /* prints the plan, returns the exit status */
int th_open_fds(void);      /* descriptors open in this process now */
const char *th_tmpdir(void);/* a fresh directory per test, removed after it */
void th_rm_tree(const char *dir); /* dir and all below it, links not followed */
const char *th_pbk(void);   /* the test's phonebook: rasphone.pbk in th_tmpdir() */
void th_skip(const char *why); /* ends the current test as skipped */
/* Called after every test, before the audit: for process-wide caches a
 * library keeps on purpose (the parsed-phonebook cache), so the audit sees
 * only real leaks. */
void th_set_cleanup(void (*fn)(void));

#define TH_RUN(fn) th_run(#fn, fn)

/* CHECK records a failure and goes on; REQUIRE ends the test. */
#define CHECK(c) do { if (!(c)) th_fail(__FILE__, __LINE__, "CHECK(%s)", #c); } while (0)
#define REQUIRE(c) do { if (!(c)) { th_fail(__FILE__, __LINE__, "REQUIRE(%s)", #c); \
    longjmp(th_abort_jmp, 1); } } while (0)
#define CHECK_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
    if (_a != _b) th_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
        #a, _a, #b, _b); } while (0)
#define REQUIRE_EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
    if (_a != _b) { th_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld", \
        #a, _a, #b, _b); longjmp(th_abort_jmp, 1); } } while (0)
#define CHECK_STR(a, b) do { const char *_a = (a), *_b = (b); \
    if (!_a || !_b || strcmp(_a, _b) != 0) th_fail(__FILE__, __LINE__, \
        "%s == \"%s\", expected \"%s\"", #a, _a ? _a : "(null)", _b ? _b : "(null)"); } while (0)

/* Fault injection (SQLite's sweep): run fn with allocation 1 failing, then
 * 2, ... until a run completes without the injected failure firing. Every
 * failing run must return want_err (ERROR_NOT_ENOUGH_MEMORY, 8, unless a
 * path documents another) and leave allocations and descriptors where they
 * were; verify (may be NULL) is called after each run to check, say, that
 * the phonebook on disk is untouched. fn must return the same result for
 * the same input, so reset state in it or in verify. Returns the number of
 * allocation sites failed, and adds them to the run's total. */
typedef uint32_t (*th_fault_fn)(void *ctx);
long th_fault_sweep(const char *what, th_fault_fn fn, void *ctx, uint32_t want_err,
                    void (*verify)(void *ctx, long nth, uint32_t rc));

#endif
