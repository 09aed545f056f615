/* See stats.h. */
#include "stats.h"

#include <stdlib.h>

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void
stats_sort(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
}
