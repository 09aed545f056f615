/* One private directory per fuzzing process for the targets that read and
 * write real files, removed with what is in it when the process exits. */
#ifndef RAS_TESTS_FUZZ_SCRATCH_DIR_H
#define RAS_TESTS_FUZZ_SCRATCH_DIR_H

#include <stddef.h>

/* Makes "BASE/openras-fuzz-TAG.XXXXXX" (tmpfs when there is one: every
 * write fsyncs) and writes "DIR/file" into out; aborts if it cannot. */
void scratch_file(const char *tag, const char *file, char *out, size_t cap);

#endif
