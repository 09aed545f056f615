/* Order statistics for the figures benches print. */
#ifndef RAS_TESTS_SUPPORT_STATS_H
#define RAS_TESTS_SUPPORT_STATS_H

#include <stddef.h>

/* Sorts v ascending: the median is then v[n / 2], p90 v[n * 9 / 10]. */
void stats_sort(double *v, size_t n);

#endif
