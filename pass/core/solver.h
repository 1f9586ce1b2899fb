/* Frame packing solver: pure C, knows nothing of LLVM.
 *
 * Requires: items with size, power-of-two alignment and an optional fixed
 * offset, and a symmetric conflict graph (two items conflict when their bytes
 * must coexist at some program point).
 * Produces: an offset for every item such that conflicting items never
 * overlap and every offset is a multiple of the item's alignment; the frame
 * size (end of the last item rounded up to the largest alignment); a lower
 * bound on that size; and whether the size is proven optimal.
 *
 * Ownership: the problem is borrowed for the duration of the call; the
 * caller provides result->offset with room for n entries. */
#ifndef COROPACK_SOLVER_H
#define COROPACK_SOLVER_H

#include <stddef.h>
#include <stdint.h>

#define CP_PACK_FREE (-1)

typedef struct cp_pack_item {
	uint64_t size;  /* bytes; 0 is allowed and never conflicts */
	uint64_t align; /* power of two, >= 1 */
	int64_t fixed;  /* fixed byte offset, or CP_PACK_FREE */
} cp_pack_item;

typedef struct cp_pack_problem {
	size_t n;
	const cp_pack_item *items;
	/* n rows of cp_bs_words(n) words, row-major: bit j of row i set when
	 * items i and j conflict. Must be symmetric; the diagonal is ignored.
	 * Fixed items may overlap each other only if they do not conflict. */
	const uint64_t *conflict;
	/* Optional: nsets rows of cp_bs_words(n) words, each the set of items
	 * live at one program point (each such set is a clique of the conflict
	 * graph). They seed the lower bound; may be 0/NULL. */
	size_t nsets;
	const uint64_t *sets;
	/* Nonzero when the caller vouches that every set is a clique (its
	 * conflicts were made from the sets): the lower bound then takes them
	 * as they are. Otherwise it checks each, in time of the set's size
	 * times a row, and trims one that is not to a greedy clique. */
	int sets_are_cliques;
} cp_pack_problem;

typedef struct cp_pack_options {
	uint64_t node_budget; /* branch-and-bound nodes; 0 selects the default */
} cp_pack_options;

typedef struct cp_pack_result {
	uint64_t *offset;     /* caller-provided, n entries */
	uint64_t size;        /* max(offset+size) rounded up to the max alignment */
	uint64_t lower_bound; /* no valid layout is smaller */
	int optimal;          /* size == lower_bound, or the exact search finished */
	uint64_t nodes;       /* branch-and-bound nodes explored */
	const char *method;   /* static string naming the portfolio member that won */
} cp_pack_result;

/* Returns 0 on success, -1 on an invalid problem (bad alignment, fixed
 * offsets that conflict and overlap, allocation failure). */
int cp_pack_solve(const cp_pack_problem *p, const cp_pack_options *opt, cp_pack_result *r);

/* Lower bound alone: max of the heaviest clique found (exact for small
 * graphs, the given sets and a greedy search otherwise), the fixed items'
 * extents, rounded up to the largest alignment. The search for cliques
 * beyond the given sets is skipped when the bound from the sets and fixed
 * items already reaches goal: pass the size of a layout already found
 * (no bound is above it), or UINT64_MAX for the full search. */
uint64_t cp_pack_lower_bound(const cp_pack_problem *p, uint64_t goal);

/* Checks a layout: alignment and no overlap between conflicting items, fixed
 * items at their offsets. Returns 0 when valid, else the index+1 of the first
 * offending item. */
size_t cp_pack_check(const cp_pack_problem *p, const uint64_t *offset);

/* Frame size of a layout: max(offset+size) rounded up to the largest alignment. */
uint64_t cp_pack_extent(const cp_pack_problem *p, const uint64_t *offset);

#endif
