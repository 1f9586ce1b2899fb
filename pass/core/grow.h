/* Growable arrays: the one doubling rule the project's arrays share.
 * LLVM-free; used by the core, the LLVM layer and the report code. */
#ifndef COROPACK_GROW_H
#define COROPACK_GROW_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Room for element n of array a, which has *cap elements of elem bytes:
 * a itself when n < *cap; else a reallocated to twice *cap elements (first
 * when *cap is 0) and *cap raised. NULL when out of memory, with a still
 * valid and *cap as it was. */
static inline void *cp_grow(void *a, size_t n, size_t *cap, size_t elem, size_t first)
{
	if (n < *cap)
		return a;
	size_t c = *cap ? 2 * *cap : first;
	if (c > SIZE_MAX / elem)
		return NULL;
	void *t = realloc(a, c * elem);
	if (t)
		*cap = c;
	return t;
}

/* cp_grow for the engine, which aborts when out of memory (as LLVM does). */
static inline void *cp_grow_or_abort(void *a, size_t n, size_t *cap, size_t elem, size_t first)
{
	void *t = cp_grow(a, n, cap, elem, first);
	if (!t)
		abort();
	return t;
}

#endif
