/* Frame packing solver.
 *
 * Model. Item i occupies [off_i, off_i + size_i); off_i is a multiple of
 * align_i (a power of two), or equals the fixed offset. Conflicting items
 * must not overlap. The frame size is max(off_i + size_i) rounded up to the
 * largest alignment M. Empty items sit at 0 (or their fixed offset) and take
 * no part in the search.
 *
 * cp_pack_solve runs, stopping as soon as a layout meets the lower bound:
 * the lower bound; first fit over a portfolio of orders; squeaky-wheel
 * rounds; the exact search. It keeps the smallest layout and names its
 * maker in r->method. When the exact search exhausts its tree, the layout
 * is optimal and r->lower_bound is raised to its size.
 *
 * Lower bound. The items of a clique of the conflict graph are pairwise
 * disjoint in [0, S), so S is at least their total size; cliques come from
 * the given sets (trimmed to cliques), greedy cliques grown from heavy seeds
 * and a budgeted exact search for the heaviest (Ostergard's algorithm).
 * Alignment tightens a clique's bound, see qbound. Fixed items end by S.
 *
 * Portfolio. First fit: items in turn, each at the lowest aligned offset
 * clear of the conflicting items placed before it, over orders by size,
 * alignment, conflict weight and degree; and the layout that shares
 * nothing, by alignment, so the result is never worse than no sharing.
 *
 * Squeaky wheel. First fit again, the order revised after each round by
 * how far items overshoot the lower bound; see swo.
 *
 * Exact search. Any layout can be pushed down until, taking items by
 * (offset, index), every item sits at the lowest aligned offset clear of the
 * items before it: moving an item to that offset cannot hit a later
 * conflicting item (those start at or above its old end) and the sum of
 * offsets drops. So it suffices to branch on which item comes next, placed
 * at its first-fit offset lo[i] w.r.t. the placed items, with offsets
 * non-decreasing and ties by index; of interchangeable items ("twins": same
 * size, alignment and neighbours) the earlier goes first. With L the last
 * offset placed:
 *   - an unplaced item with lo[i] + size <= L is dead: the hole below L it
 *     fits in stays free, so it could never come later in the order;
 *   - every unplaced item ends at or above max(lo[i], L) + size;
 *   - the unplaced items of a clique ("section") fit above L beside the
 *     bytes its placed items hold there.
 * Every bound is checked against C = incumbent - M: a better frame ends by
 * C. Candidates are tried lowest lo first, larger first among equals. The
 * search stops at the node budget (by default WORK / items).
 *
 * Arithmetic: problems whose sum of sizes and alignments, plus the furthest
 * fixed end, reaches 2^62 are rejected, so no offset or sum below
 * overflows. */
#include <stdlib.h>
#include <string.h>

#include "bitset.h"
#include "solver.h"

enum {
	WORK = 100000,     /* default branch-and-bound budget: nodes * items */
	BNBMAX = 1024,     /* larger problems get no exact search */
	CLQMAX = 512,      /* exact clique search up to this many items */
	CLQBUDGET = 5000,  /* its node budget */
	SEEDS = 64,        /* greedy clique seeds */
	SECTMAX = 256,     /* cliques the exact search bounds with */
	SWOWORK = 1500000, /* squeaky-wheel work: list entries visited */
	SWOMAX = 2000,     /* and at most this many rounds, */
	SWOFULL = 16,      /* or this many with the small items, */
	SWOSTALL = 800,    /* stopping after this many without progress */
};

#define LIMIT (UINT64_C(1) << 62)
#define NONE ((uint32_t)-1)

typedef struct Pack Pack;

struct Pack {
	size_t n, w;            /* items, words per bitset */
	const cp_pack_item *it;
	uint64_t *adj;          /* symmetric conflicts, no diagonal, no empty item */
	uint64_t amax;          /* largest alignment */
	uint32_t *fix;          /* fixed items of nonzero size, by offset */
	size_t nfix;
	uint32_t *fr;           /* free items of nonzero size */
	size_t nfr;
	uint32_t *lst;          /* scratch: placed items by offset */
	uint32_t *tmp;          /* scratch for sorting, n entries */
	uint64_t *key;          /* scratch sort keys, n entries */
	uint64_t steps;         /* list entries visited by sweep and ff: a work count */
	/* cliques found by the lower bound, kept for the exact search */
	uint64_t *sect;         /* nsect bitsets */
	size_t nsect;
	/* first fit's shortcut (ff with fast set): the placed items as a
	 * bitset, and the free bytes below the highest placed end as sorted
	 * gaps [glo, ghi), ngap of them, below gend */
	uint64_t *placed, *glo, *ghi, gend;
	size_t ngap;
};

static uint64_t alignup(uint64_t x, uint64_t a) { return (x + a - 1) & ~(a - 1); }
static int ispow2(uint64_t a) { return a && !(a & (a - 1)); }
static uint64_t *row(const Pack *k, size_t i) { return k->adj + i * k->w; }

/* Stable sort of ix[0..m) by ascending key[ix[]]. */
static void sortup(uint32_t *ix, size_t m, const uint64_t *key, uint32_t *tmp)
{
	size_t i, j, t, lo, mid, hi, run;

	for (run = 1; run < m; run *= 2) {
		for (lo = 0; lo + run < m; lo += 2 * run) {
			mid = lo + run;
			hi = mid + run < m ? mid + run : m;
			i = lo, j = mid, t = lo;
			while (i < mid && j < hi)
				tmp[t++] = key[ix[j]] < key[ix[i]] ? ix[j++] : ix[i++];
			while (i < mid)
				tmp[t++] = ix[i++];
			while (j < hi)
				tmp[t++] = ix[j++];
			memcpy(ix + lo, tmp + lo, (hi - lo) * sizeof *ix);
		}
	}
}

static void freepack(Pack *k)
{
	free(k->placed);
	free(k->glo);
	free(k->ghi);
	free(k->adj);
	free(k->fix);
	free(k->fr);
	free(k->lst);
	free(k->tmp);
	free(k->key);
	free(k->sect);
}

/* k->adj = p's conflicts or their transpose, restricted to the nonempty
 * items (no loops): a 64x64 block at a time, so a dense graph costs word
 * operations, not one per edge. */
static void symmetrize(Pack *k, const cp_pack_problem *p)
{
	size_t n = k->n, w = k->w, bi, bj, r, i;
	uint64_t blk[64], any, *ne = k->adj + n * w; /* the spare row */

	for (bi = 0; bi < w; bi++)
		for (bj = 0; bj < w; bj++) {
			for (any = 0, r = 0; r < 64; r++) {
				i = bi * 64 + r;
				blk[r] = i < n ? p->conflict[i * w + bj] : 0;
				any |= blk[r];
			}
			if (!any)
				continue;
			for (r = 0; r < 64 && bi * 64 + r < n; r++)
				k->adj[(bi * 64 + r) * w + bj] |= blk[r];
			cp_bs_transpose64(blk);
			for (r = 0; r < 64 && bj * 64 + r < n; r++)
				k->adj[(bj * 64 + r) * w + bi] |= blk[r];
		}
	for (i = 0; i < n; i++)
		if (k->it[i].size)
			cp_bs_set(ne, i);
	for (i = 0; i < n; i++) {
		uint64_t *a = row(k, i);
		if (!k->it[i].size) {
			cp_bs_zero(a, w);
			continue;
		}
		for (bi = 0; bi < w; bi++)
			a[bi] &= ne[bi];
		cp_bs_clr(a, i);
	}
	cp_bs_zero(ne, w);
}

/* Validates p and builds k. Returns -1 on a bad problem or no memory. */
static int prep(Pack *k, const cp_pack_problem *p)
{
	size_t n, w, i, j;
	uint64_t tot, far, v;
	const cp_pack_item *it;

	memset(k, 0, sizeof *k);
	if (!p)
		return -1;
	n = p->n;
	it = p->items;
	if (n && (!it || !p->conflict))
		return -1;
	if (p->nsets && !p->sets)
		return -1;
	if (n >= NONE)
		return -1;
	tot = far = 0;
	k->amax = 1;
	for (i = 0; i < n; i++) {
		if (!ispow2(it[i].align) || it[i].align >= LIMIT || it[i].size >= LIMIT)
			return -1;
		tot += it[i].size + it[i].align;
		if (tot >= LIMIT)
			return -1;
		if (it[i].fixed != CP_PACK_FREE) {
			if (it[i].fixed < 0 || (uint64_t)it[i].fixed >= LIMIT
			    || (uint64_t)it[i].fixed % it[i].align)
				return -1;
			v = (uint64_t)it[i].fixed + it[i].size;
			far = v > far ? v : far;
		}
		if (it[i].align > k->amax)
			k->amax = it[i].align;
	}
	if (tot + far >= LIMIT)
		return -1;

	k->n = n;
	k->w = w = cp_bs_words(n);
	k->it = it;
	k->adj = calloc((n + 1) * w + 1, sizeof *k->adj);
	k->fix = malloc((n + 1) * sizeof *k->fix);
	k->fr = malloc((n + 1) * sizeof *k->fr);
	k->lst = malloc((n + 1) * sizeof *k->lst);
	k->tmp = malloc((n + 1) * sizeof *k->tmp);
	k->key = malloc((n + 1) * sizeof *k->key);
	if (!k->adj || !k->fix || !k->fr || !k->lst || !k->tmp || !k->key) {
		freepack(k);
		return -1;
	}
	symmetrize(k, p);
	for (i = 0; i < n; i++) {
		if (!it[i].size)
			continue;
		if (it[i].fixed == CP_PACK_FREE) {
			k->fr[k->nfr++] = (uint32_t)i;
			continue;
		}
		k->fix[k->nfix++] = (uint32_t)i;
		k->key[i] = (uint64_t)it[i].fixed;
	}
	sortup(k->fix, k->nfix, k->key, k->tmp);
	/* fixed items that conflict must not overlap */
	for (i = 0; i < k->nfix; i++) {
		size_t a = k->fix[i];
		uint64_t e = (uint64_t)it[a].fixed + it[a].size;
		for (j = i + 1; j < k->nfix; j++) {
			size_t c = k->fix[j];
			if ((uint64_t)it[c].fixed >= e)
				break;
			if (cp_bs_has(row(k, a), c)) {
				freepack(k);
				return -1;
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Lower bound */

/* Bound on the frame size from a clique q[0..m) of nonempty items. For an
 * alignment A, the items aligned to A or more ("big") start on A-blocks and,
 * the frame being a multiple of A, each covers alignup(size, A) bytes of
 * whole blocks, disjoint from the other big items' blocks. The only bytes of
 * those blocks left to the other ("small") items are the holes at their
 * ends, each shorter than A; a small item lies between two big items, so it
 * meets at most one hole, with at most min(size, largest hole) bytes. */
static uint64_t qbound(const Pack *k, const uint32_t *q, size_t m)
{
	uint64_t best, a, big, pad, hole, small, use, s, al, v;
	size_t i;
	uint64_t seen = 0;

	best = 0;
	for (i = 0; i < m; i++)
		best += k->it[q[i]].size;
	for (i = 0; i < m; i++)
		seen |= k->it[q[i]].align;
	while (seen) {
		a = seen & -seen;
		seen &= seen - 1;
		big = pad = hole = small = use = 0;
		for (i = 0; i < m; i++) {
			s = k->it[q[i]].size;
			al = k->it[q[i]].align;
			if (al >= a) {
				v = alignup(s, a);
				big += v;
				pad += v - s;
				hole = v - s > hole ? v - s : hole;
			}
		}
		for (i = 0; i < m; i++) {
			s = k->it[q[i]].size;
			if (k->it[q[i]].align < a) {
				small += s;
				use += s < hole ? s : hole;
			}
		}
		v = big + small - (pad < use ? pad : use);
		best = v > best ? v : best;
	}
	return best;
}

/* Total size of the items conflicting with i. */
static uint64_t wdeg(const Pack *k, size_t i)
{
	const uint64_t *r = row(k, i);
	uint64_t v = 0, x;
	size_t b;

	for (b = 0; b < k->w; b++)
		for (x = r[b]; x; x &= x - 1)
			v += k->it[b * 64 + (size_t)__builtin_ctzll(x)].size;
	return v;
}

/* Greedy clique from q[0..m) taken in order: keeps an item when it
 * conflicts with all kept so far. Returns the count kept, in place. */
static size_t trim(const Pack *k, uint32_t *q, size_t m)
{
	size_t i, j, c = 0;

	for (i = 0; i < m; i++) {
		for (j = 0; j < c; j++)
			if (!cp_bs_has(row(k, q[i]), q[j]))
				break;
		if (j == c)
			q[c++] = q[i];
	}
	return c;
}

/* Records clique q[0..m) as a section for the exact search. */
static void addsect(Pack *k, const uint32_t *q, size_t m)
{
	uint64_t *b;
	size_t i;

	if (m < 2 || !k->sect || k->nsect == SECTMAX)
		return;
	b = k->sect + k->nsect * k->w;
	cp_bs_zero(b, k->w);
	for (i = 0; i < m; i++)
		cp_bs_set(b, q[i]);
	for (i = 0; i < k->nsect; i++)
		if (!memcmp(k->sect + i * k->w, b, k->w * sizeof *b))
			return;
	k->nsect++;
}

/* Heavy cliques, on the nonempty items relabelled by ascending size (so the
 * heaviest candidate is the highest bit). First greedy cliques from the
 * SEEDS items of largest weighted degree, each adding its heaviest common
 * neighbour; then Ostergard's exact algorithm, seeded with the best greedy
 * weight: c[i] bounds the heaviest clique among labels i..n-1 once the
 * outer loop has passed i. The search stops at its budget with the best
 * clique found, which is a clique all the same. */
typedef struct Clq {
	size_t n, w;
	uint64_t *adj;    /* relabelled rows */
	uint64_t *wt;     /* weight by label */
	uint64_t *c;
	uint64_t *buf;    /* candidates by depth, (n + 2) bitsets */
	uint32_t *cur, *best;
	size_t nbest;
	uint64_t bestw;
	long budget;
} Clq;

static void grow(Clq *q, size_t d, uint64_t wt)
{
	uint64_t *u = q->buf + d * q->w, *v = u + q->w, rest;
	size_t i, j, b;

	if (wt > q->bestw) {
		q->bestw = wt;
		q->nbest = d;
		memcpy(q->best, q->cur, d * sizeof *q->cur);
	}
	for (;;) {
		for (b = 0; b < q->w && !u[b]; b++)
			;
		if (b == q->w)
			return;
		j = b * 64 + (size_t)__builtin_ctzll(u[b]);
		if (wt + q->c[j] <= q->bestw)
			return;
		rest = 0;
		for (i = b; i < q->w; i++) {
			uint64_t x = u[i];
			while (x) {
				rest += q->wt[i * 64 + (size_t)__builtin_ctzll(x)];
				x &= x - 1;
			}
		}
		if (wt + rest <= q->bestw || --q->budget < 0)
			return;
		cp_bs_clr(u, j);
		for (i = 0; i < q->w; i++)
			v[i] = u[i] & q->adj[j * q->w + i];
		q->cur[d] = (uint32_t)j;
		grow(q, d + 1, wt + q->wt[j]);
	}
}

/* Fills c, allocated for the m nonempty items listed in k->tmp, with them
 * relabelled by ascending size; ord[label] is the item. Uses k->key, k->lst. */
static void relabel(Pack *k, Clq *c, uint32_t *ord)
{
	size_t n = k->n, m = c->n, w = c->w, i, b;
	uint64_t x;

	memcpy(ord, k->tmp, m * sizeof *ord);
	for (i = 0; i < n; i++)
		k->key[i] = k->it[i].size;
	sortup(ord, m, k->key, k->tmp);
	for (i = 0; i < n; i++)
		k->lst[i] = NONE;
	for (i = 0; i < m; i++) {
		c->wt[i] = k->it[ord[i]].size;
		k->lst[ord[i]] = (uint32_t)i;
	}
	for (i = 0; i < m; i++) {
		const uint64_t *r = row(k, ord[i]);
		for (b = 0; b < k->w; b++)
			for (x = r[b]; x; x &= x - 1)
				cp_bs_set(c->adj + i * w, k->lst[b * 64 + (size_t)__builtin_ctzll(x)]);
	}
}

/* Greedy cliques from the SEEDS labels of largest weighted degree, each
 * growing by its heaviest common neighbour: keeps the heaviest as c's best
 * and returns the largest qbound; records each as a section when sect is
 * set. Needs n entries of scratch q. */
static uint64_t greedy(Pack *k, Clq *c, const uint32_t *ord, int sect, uint32_t *q)
{
	uint64_t *u = c->buf, x, lb = 0, v;
	size_t m = c->n, w = c->w, i, j, b, s, d;

	for (i = 0; i < m; i++)
		k->key[i] = ~(wdeg(k, ord[i]) + c->wt[i]);
	for (i = 0; i < m; i++)
		k->lst[i] = (uint32_t)i;
	sortup(k->lst, m, k->key, k->tmp);
	for (s = 0; s < m && s < SEEDS; s++) {
		j = k->lst[s];
		d = 0;
		c->cur[d++] = (uint32_t)j;
		v = c->wt[j];
		cp_bs_copy(u, c->adj + j * w, w);
		for (;;) {
			for (b = w; b-- > 0 && !u[b];)
				;
			if (b == (size_t)-1)
				break;
			j = b * 64 + 63 - (size_t)__builtin_clzll(u[b]);
			c->cur[d++] = (uint32_t)j;
			v += c->wt[j];
			for (b = 0; b < w; b++)
				u[b] &= c->adj[j * w + b];
		}
		for (i = 0; i < d; i++)
			q[i] = ord[c->cur[i]];
		x = qbound(k, q, d);
		lb = x > lb ? x : lb;
		if (sect)
			addsect(k, q, d);
		if (v > c->bestw) {
			c->bestw = v;
			c->nbest = d;
			memcpy(c->best, c->cur, d * sizeof *c->cur);
		}
	}
	return lb;
}

/* Ostergard's search from c's best (the greedy one), on at most CLQMAX
 * labels and within c's budget: leaves the heaviest clique found in c. */
static void ostergard(Clq *c)
{
	uint64_t *u;
	size_t m = c->n, w = c->w, i, j;

	for (i = m; m <= CLQMAX && i-- > 0 && c->budget >= 0;) {
		u = c->buf + w;
		cp_bs_copy(u, c->adj + i * w, w);
		for (j = 0; j <= i; j++)
			cp_bs_clr(u, j);
		c->cur[0] = (uint32_t)i;
		grow(c, 1, c->wt[i]);
		c->c[i] = c->bestw;
	}
}

/* Returns the largest qbound of the cliques found; records the greedy ones
 * as sections when sect is set, and the heaviest always. Needs n entries
 * of scratch q. */
static uint64_t cliques(Pack *k, int sect, uint32_t *q)
{
	Clq c;
	uint32_t *ord;
	uint64_t x, lb = 0;
	size_t n = k->n, w, i, m;

	m = 0;
	for (i = 0; i < n; i++)
		if (k->it[i].size)
			k->tmp[m++] = (uint32_t)i;
	if (!m)
		return 0;
	memset(&c, 0, sizeof c);
	c.n = m;
	c.w = w = cp_bs_words(m);
	c.budget = CLQBUDGET;
	c.adj = calloc(m * w, sizeof *c.adj);
	c.wt = malloc(m * sizeof *c.wt);
	c.c = calloc(m, sizeof *c.c);
	c.buf = malloc((m + 2) * w * sizeof *c.buf);
	c.cur = malloc(m * sizeof *c.cur);
	c.best = malloc(m * sizeof *c.best);
	ord = malloc(m * sizeof *ord);
	if (!c.adj || !c.wt || !c.c || !c.buf || !c.cur || !c.best || !ord)
		goto out;
	relabel(k, &c, ord);
	lb = greedy(k, &c, ord, sect, q);
	ostergard(&c);
	for (i = 0; i < c.nbest; i++)
		q[i] = ord[c.best[i]];
	x = qbound(k, q, c.nbest);
	lb = x > lb ? x : lb;
	addsect(k, q, c.nbest);
out:
	free(c.adj);
	free(c.wt);
	free(c.c);
	free(c.buf);
	free(c.cur);
	free(c.best);
	free(ord);
	return lb;
}

/* The bound from the fixed items' extents and the given sets (each trimmed
 * to a greedy clique of its heaviest members when it is not a clique),
 * before rounding; collects sections when k->sect is allocated. *whole:
 * a set holds every nonempty item, so no clique is heavier (the clique
 * search cannot raise the bound). Needs n entries of scratch q. */
static uint64_t setbound(Pack *k, const cp_pack_problem *p, uint32_t *q, int *whole)
{
	size_t i, j, m, s, b, nonempty = 0;
	uint64_t lb = 0, v, *cand;

	*whole = 0;
	for (i = 0; i < k->n; i++) {
		nonempty += k->it[i].size != 0;
		if (k->it[i].fixed == CP_PACK_FREE)
			continue;
		v = (uint64_t)k->it[i].fixed + k->it[i].size;
		lb = v > lb ? v : lb;
	}
	cand = malloc((k->w + 1) * sizeof *cand);
	if (!cand)
		return lb;
	for (i = 0; i < k->n; i++)
		k->key[i] = ~k->it[i].size;
	for (s = 0; s < p->nsets; s++) {
		m = 0;
		cp_bs_zero(cand, k->w);
		for (b = 0; b < k->w; b++) {
			uint64_t x = p->sets[s * k->w + b];
			while (x) {
				j = b * 64 + (size_t)__builtin_ctzll(x);
				x &= x - 1;
				if (j < k->n && k->it[j].size) {
					q[m++] = (uint32_t)j;
					cp_bs_set(cand, j);
				}
			}
		}
		for (i = p->sets_are_cliques ? m : 0; i < m; i++) {
			for (b = 0; b < k->w; b++)
				if (cand[b] & ~row(k, q[i])[b] & ~(b == q[i] / 64 ? UINT64_C(1) << q[i] % 64 : 0))
					break;
			if (b < k->w)
				break;
		}
		if (i < m) {
			sortup(q, m, k->key, k->tmp);
			m = trim(k, q, m);
		}
		*whole |= m == nonempty;
		v = qbound(k, q, m);
		lb = v > lb ? v : lb;
		addsect(k, q, m);
	}
	free(cand);
	return lb;
}

/* The lower bound, before rounding: setbound's, raised by the search for
 * heavy cliques (quadratic in the items) unless that cannot matter: a set
 * holds every item, or the bound rounded up already reaches goal (a size
 * some layout has, which no bound exceeds). */
static uint64_t lbound(Pack *k, const cp_pack_problem *p, uint32_t *q, uint64_t goal)
{
	int whole;
	uint64_t lb = setbound(k, p, q, &whole), v;

	if (whole || alignup(lb, k->amax) >= goal)
		return lb;
	v = cliques(k, !p->nsets, q);
	return v > lb ? v : lb;
}

uint64_t cp_pack_lower_bound(const cp_pack_problem *p, uint64_t goal)
{
	Pack k;
	uint32_t *q;
	uint64_t lb;

	if (prep(&k, p) < 0)
		return 0;
	q = malloc((k.n + 1) * sizeof *q);
	lb = q ? lbound(&k, p, q, goal) : 0;
	lb = alignup(lb, k.amax);
	free(q);
	freepack(&k);
	return lb;
}

/* ---------------------------------------------------------------------- */
/* Layouts */

/* Lowest offset >= x, aligned for item i, clear of the items lst[0..m)
 * (sorted by offset) that conflict with i, or of all of them when all is
 * set. */
static uint64_t sweep(Pack *k, const uint32_t *lst, size_t m, size_t i,
                      uint64_t x, int all, const uint64_t *off)
{
	const uint64_t s = k->it[i].size, a = k->it[i].align, *r = row(k, i);
	size_t t;

	x = alignup(x, a);
	for (t = 0; t < m; t++) {
		uint32_t o = lst[t];
		uint64_t e;
		if (!all && !cp_bs_has(r, o))
			continue;
		if (off[o] >= x + s)
			break;
		e = off[o] + k->it[o].size;
		if (e > x)
			x = alignup(e, a);
	}
	k->steps += t + 1;
	return x;
}

/* Inserts item i into lst[0..m) after the items at offsets <= off[i];
 * returns the position. */
static size_t insert(uint32_t *lst, size_t m, uint32_t i, const uint64_t *off)
{
	size_t lo = 0, hi = m, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (off[lst[mid]] <= off[i])
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(lst + lo + 1, lst + lo, (m - lo) * sizeof *lst);
	lst[lo] = i;
	return lo;
}

static uint64_t extent(const Pack *k, const uint64_t *off)
{
	uint64_t e = 0, v;
	size_t i;

	for (i = 0; i < k->n; i++) {
		v = off[i] + k->it[i].size;
		e = v > e ? v : e;
	}
	return alignup(e, k->amax);
}

/* Fixed items at their offsets, empty free items at 0. */
static void base(const Pack *k, uint64_t *off)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		off[i] = k->it[i].fixed == CP_PACK_FREE ? 0 : (uint64_t)k->it[i].fixed;
}

/* Records item [x, e) as placed in k's gaps: cuts what of the gaps it
 * covers (the gaps are disjoint and sorted: only one can hold it strictly
 * inside), or opens the gap up to x when it lies above them all. */
static void gaps_add(Pack *k, uint64_t x, uint64_t e)
{
	size_t r = 0, w;

	if (x >= k->gend) {
		if (x > k->gend) {
			k->glo[k->ngap] = k->gend;
			k->ghi[k->ngap++] = x;
		}
		k->gend = e;
		return;
	}
	while (r < k->ngap && k->ghi[r] <= x)
		r++;
	if (r < k->ngap && k->glo[r] < x && e < k->ghi[r]) {
		memmove(k->glo + r + 1, k->glo + r, (k->ngap - r) * sizeof *k->glo);
		memmove(k->ghi + r + 1, k->ghi + r, (k->ngap - r) * sizeof *k->ghi);
		k->ghi[r] = x;
		k->glo[r + 1] = e;
		k->ngap++;
		return;
	}
	for (w = r; r < k->ngap; r++) {
		uint64_t lo = k->glo[r], hi = k->ghi[r];
		if (lo < e && x < hi) {
			if (lo < x)
				hi = x;
			else if (e < hi)
				lo = e;
			else
				continue;
		}
		k->glo[w] = lo;
		k->ghi[w++] = hi;
	}
	k->ngap = w;
	if (e > k->gend)
		k->gend = e;
}

/* The lowest offset, aligned to a, of s free bytes in k's gaps or above
 * them: where sweep puts an item that conflicts with every placed one. */
static uint64_t gaps_fit(const Pack *k, uint64_t s, uint64_t a)
{
	for (size_t g = 0; g < k->ngap; g++) {
		uint64_t x = alignup(k->glo[g], a);
		if (x + s <= k->ghi[g])
			return x;
	}
	return alignup(k->gend, a);
}

/* Whether item i conflicts with every placed item. */
static int meets_all(const Pack *k, size_t i)
{
	const uint64_t *r = row(k, i);
	for (size_t b = 0; b < k->w; b++)
		if (k->placed[b] & ~r[b])
			return 0;
	return 1;
}

/* First fit: the free items ord[0..m) in turn, each at the lowest aligned
 * offset clear of the conflicting items placed before (fixed items first;
 * every item when all is set). Returns the frame size. With fast set (and
 * k's gap arrays allocated), an item that conflicts with every placed item
 * is placed by the gaps (gaps_fit) instead of a sweep of the placed items,
 * at the same offset: a dense conflict graph costs a step per gap, not one
 * per placed item. (Not for the squeaky wheel, whose budget counts the
 * sweep's steps.) */
static uint64_t ff(Pack *k, const uint32_t *ord, size_t m, int all, int fast, uint64_t *off)
{
	size_t t, c = k->nfix, i;

	base(k, off);
	memcpy(k->lst, k->fix, c * sizeof *k->lst);
	fast = fast && k->placed;
	if (fast) {
		cp_bs_zero(k->placed, k->w);
		k->ngap = 0;
		k->gend = 0;
		for (t = 0; t < c; t++) {
			cp_bs_set(k->placed, k->fix[t]);
			gaps_add(k, off[k->fix[t]], off[k->fix[t]] + k->it[k->fix[t]].size);
		}
	}
	for (t = 0; t < m; t++) {
		i = ord[t];
		if (fast && (all || meets_all(k, i)))
			off[i] = gaps_fit(k, k->it[i].size, k->it[i].align);
		else
			off[i] = sweep(k, k->lst, c, i, 0, all, off);
		insert(k->lst, c++, (uint32_t)i, off);
		if (fast) {
			cp_bs_set(k->placed, i);
			gaps_add(k, off[i], off[i] + k->it[i].size);
		}
	}
	k->steps += 2 * k->n + m;
	return extent(k, off);
}

/* ---------------------------------------------------------------------- */
/* Improvement */

/* Squeaky-wheel optimisation (Joslin and Clements, 1999): first fit in
 * priority order; every item that ends above the target t gains priority,
 * so the next round places it earlier. Runs at most nr rounds over
 * ord[0..m), and none once sweeps have visited work list entries or
 * SWOSTALL rounds have brought nothing better; stops early when a layout
 * ends by t. Leaves the best order in ord and returns its frame size. With
 * big set an item gains its size and twice its overshoot, else sixteen
 * times its overshoot. */
static uint64_t squeak(Pack *k, uint32_t *ord, size_t m, uint64_t *pr, uint64_t t,
                       size_t nr, uint64_t work, int big, uint32_t *cur, uint64_t *off)
{
	uint64_t best = UINT64_MAX, v, e, end = k->steps + work;
	size_t i, u, stall = 0;

	memcpy(cur, ord, m * sizeof *ord);
	while (nr-- && stall++ < SWOSTALL && k->steps < end) {
		for (i = 0; i < m; i++)
			k->key[cur[i]] = ~pr[cur[i]];
		sortup(cur, m, k->key, k->tmp);
		v = ff(k, cur, m, 0, 0, off);
		if (v < best) {
			best = v;
			stall = 0;
			memcpy(ord, cur, m * sizeof *ord);
		}
		if (v <= t)
			break;
		for (i = 0; i < m; i++) {
			u = cur[i];
			e = off[u] + k->it[u].size;
			if (e > t)
				pr[u] += big ? k->it[u].size + 2 * (e - t) : 16 * (e - t);
		}
	}
	return best;
}

/* Improves r by squeaky-wheel rounds, in two phases.
 *
 * Items no larger than 1/256 of the largest ("small") cost as much to place
 * as the others and barely move the extent, so the first phase leaves them
 * out: rounds over the other items, their priority their size, aiming at
 * the lower bound less the heaviest load of small items in any section.
 *
 * The second phase puts the small items, largest first, behind the best
 * order found and runs a few rounds over all items aiming at the lower
 * bound, priorities spaced by rank. Needs n entries of scratch in ord and
 * off. Returns -1 on no memory. */
static int swo(Pack *k, cp_pack_result *r, uint32_t *ord, uint64_t *off)
{
	uint64_t *pr, *res, big, t, v;
	uint32_t *cur;
	size_t nb = 0, m, i, j, u;
	int ret = -1;

	pr = calloc(k->n + 1, sizeof *pr);
	cur = malloc((k->n + 1) * sizeof *cur);
	res = calloc(k->nsect + 1, sizeof *res);
	if (!pr || !cur || !res)
		goto out;
	big = 0;
	for (i = 0; i < k->nfr; i++)
		big = k->it[k->fr[i]].size > big ? k->it[k->fr[i]].size : big;
	for (i = 0; i < k->nfr; i++) {
		u = k->fr[i];
		if (k->it[u].size * 256 > big) {
			ord[nb++] = (uint32_t)u;
			pr[u] = k->it[u].size;
			continue;
		}
		for (j = 0; j < k->nsect; j++)
			if (cp_bs_has(k->sect + j * k->w, u))
				res[j] += k->it[u].size;
	}
	t = 0;
	for (j = 0; j < k->nsect; j++)
		t = res[j] > t ? res[j] : t;
	t = r->lower_bound > t ? r->lower_bound - t : 0;
	squeak(k, ord, nb, pr, t, SWOMAX, SWOWORK, 1, cur, off);

	m = nb;
	for (i = 0; i < k->nfr; i++)
		if (k->it[k->fr[i]].size * 256 <= big)
			ord[m++] = k->fr[i];
	for (i = 0; i < k->n; i++)
		k->key[i] = ~k->it[i].size;
	sortup(ord + nb, m - nb, k->key, k->tmp);
	for (i = 0; i < m; i++)
		pr[ord[i]] = (uint64_t)(m - i) * 64;
	v = squeak(k, ord, m, pr, r->lower_bound, SWOFULL, SWOWORK / 4, 0, cur, off);
	if (v < r->size) {
		r->size = ff(k, ord, m, 0, 0, r->offset);
		r->method = "squeaky";
	}
	ret = 0;
out:
	free(pr);
	free(cur);
	free(res);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Exact search */

typedef struct Bnb {
	Pack *k;
	uint64_t *off;      /* current offsets */
	uint64_t *lo;       /* first-fit offset of each unplaced item */
	uint64_t *todo;     /* unplaced free items */
	uint32_t *stk;      /* placed free items, in order */
	size_t *at;         /* and their positions in k->lst */
	size_t d, nl;       /* placed free items, all placed items in k->lst */
	uint64_t *reach;    /* per item, the largest size among its neighbours */
	uint32_t *twin;     /* per item, the previous item identical to it, or NONE */
	uint32_t *tri;      /* trail: item and its former lo */
	uint64_t *trl;
	size_t ntr;
	uint32_t *cb;       /* candidate lists, stacked by depth */
	size_t ncb;
	uint64_t *rem;      /* per section: total size of its unplaced items */
	uint64_t *occ;      /* per section scratch: placed bytes above L */
	uint32_t *ms;       /* sections of each item: ms[mo[i]..mo[i+1]) */
	size_t *mo;
	uint64_t *best;     /* offsets of the incumbent */
	uint64_t size, cap; /* incumbent, and the end a better frame keeps to */
	uint64_t lb;
	uint64_t nodes, budget;
	int stop;           /* 1: incumbent meets the bound, 2: out of budget */
	int found;
} Bnb;

/* Position of the first entry of lst[0..m) at an offset > x. */
static size_t upper(const uint32_t *lst, size_t m, uint64_t x, const uint64_t *off)
{
	size_t lo = 0, hi = m, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (off[lst[mid]] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Places j at lo[j]. The neighbours whose first-fit window it covers move
 * up: their new offset is past its end e, and entries of k->lst starting a
 * reach or more below e cannot cover e. */
static void place(Bnb *s, uint32_t j)
{
	Pack *k = s->k;
	uint64_t x = s->lo[j], e = x + k->it[j].size, *r = row(k, j);
	size_t b, i, t;

	s->off[j] = x;
	s->at[s->d] = insert(k->lst, s->nl++, j, s->off);
	s->stk[s->d++] = j;
	cp_bs_clr(s->todo, j);
	for (t = s->mo[j]; t < s->mo[j + 1]; t++)
		s->rem[s->ms[t]] -= k->it[j].size;
	for (b = 0; b < k->w; b++) {
		uint64_t v = r[b] & s->todo[b];
		while (v) {
			i = b * 64 + (size_t)__builtin_ctzll(v);
			v &= v - 1;
			if (s->lo[i] >= e || s->lo[i] + k->it[i].size <= x)
				continue;
			s->tri[s->ntr] = (uint32_t)i;
			s->trl[s->ntr++] = s->lo[i];
			t = e > s->reach[i] ? upper(k->lst, s->nl, e - s->reach[i], s->off) : 0;
			s->lo[i] = sweep(k, k->lst + t, s->nl - t, i, e, 0, s->off);
		}
	}
}

/* Undoes the last placement and the trail above ntr. */
static void unplace(Bnb *s, size_t ntr)
{
	Pack *k = s->k;
	uint32_t j = s->stk[--s->d];
	size_t t, at = s->at[s->d];

	while (s->ntr > ntr) {
		s->ntr--;
		s->lo[s->tri[s->ntr]] = s->trl[s->ntr];
	}
	for (t = s->mo[j]; t < s->mo[j + 1]; t++)
		s->rem[s->ms[t]] += k->it[j].size;
	s->nl--;
	memmove(k->lst + at, k->lst + at + 1, (s->nl - at) * sizeof *k->lst);
	cp_bs_set(s->todo, j);
}

/* Bytes of each section its placed items hold above L, into s->occ. */
static void above(Bnb *s, uint64_t L)
{
	Pack *k = s->k;
	size_t t, u;
	uint32_t o;
	uint64_t x, e;

	memset(s->occ, 0, k->nsect * sizeof *s->occ);
	for (t = 0; t < k->nfix + s->d; t++) {
		o = t < k->nfix ? k->fix[t] : s->stk[t - k->nfix];
		e = s->off[o] + k->it[o].size;
		x = s->off[o] > L ? s->off[o] : L;
		if (e <= x)
			continue;
		for (u = s->mo[o]; u < s->mo[o + 1]; u++)
			s->occ[s->ms[u]] += e - x;
	}
}

/* Places the remaining items in (offset, index) order after item last at
 * offset L (last == NONE at the root). */
static void dfs(Bnb *s, uint64_t L, uint32_t last)
{
	Pack *k = s->k;
	uint32_t *cand = s->cb + s->ncb, i, a1 = NONE;
	uint64_t m1 = UINT64_MAX, m2 = UINT64_MAX, lo, g, e;
	size_t nc = 0, t, u, ntr;

	if (s->d == k->nfr) {
		e = extent(k, s->off);
		if (e < s->size) {
			s->size = e;
			s->cap = e - k->amax;
			memcpy(s->best, s->off, k->n * sizeof *s->off);
			s->found = 1;
			if (e <= s->lb)
				s->stop = 1;
		}
		return;
	}
	if (s->nodes >= s->budget) {
		s->stop = 2;
		return;
	}
	s->nodes++;
	for (t = 0; t < k->nfr; t++) {
		i = k->fr[t];
		if (!cp_bs_has(s->todo, i))
			continue;
		lo = s->lo[i];
		e = lo + k->it[i].size;
		if (e <= L)
			return;
		g = lo >= L ? lo : alignup(L, k->it[i].align);
		if (g + k->it[i].size > s->cap)
			return;
		if (e < m1)
			m2 = m1, m1 = e, a1 = i;
		else if (e < m2)
			m2 = e;
		if ((lo > L || (lo == L && (last == NONE || i > last)))
		    && (s->twin[i] == NONE || !cp_bs_has(s->todo, s->twin[i])))
			cand[nc++] = i;
	}
	/* a candidate placed at or above another item's first-fit end would
	 * leave that item dead */
	for (t = u = 0; t < nc; t++)
		if (s->lo[cand[t]] < (cand[t] == a1 ? m2 : m1))
			cand[u++] = cand[t];
	nc = u;
	if (k->nsect) {
		above(s, L);
		for (t = 0; t < k->nsect; t++)
			if (L + s->rem[t] + s->occ[t] > s->cap)
				return;
	}
	for (t = 0; t < nc; t++)
		k->key[cand[t]] = s->lo[cand[t]];
	sortup(cand, nc, k->key, k->tmp);
	s->ncb += nc;
	for (t = 0; t < nc; t++) {
		i = cand[t];
		if (s->lo[i] + k->it[i].size > s->cap)
			continue;
		ntr = s->ntr;
		place(s, i);
		dfs(s, s->off[i], i);
		unplace(s, ntr);
		if (s->stop)
			break;
	}
	s->ncb -= nc;
}

/* Allocates the arrays of s for s->k. Returns -1 on no memory, leaving
 * what it got for bnbfree. */
static int bnbnew(Bnb *s)
{
	Pack *k = s->k;
	size_t n = k->n, t, c;

	/* along one path each placement trails at most its degree */
	c = cp_bs_count(k->adj, n * k->w);
	s->off = malloc((n + 1) * sizeof *s->off);
	s->lo = malloc((n + 1) * sizeof *s->lo);
	s->best = malloc((n + 1) * sizeof *s->best);
	s->todo = calloc(k->w + 1, sizeof *s->todo);
	s->stk = malloc((n + 1) * sizeof *s->stk);
	s->at = malloc((n + 1) * sizeof *s->at);
	s->reach = calloc(n + 1, sizeof *s->reach);
	s->twin = malloc((n + 1) * sizeof *s->twin);
	s->tri = malloc((c + 1) * sizeof *s->tri);
	s->trl = malloc((c + 1) * sizeof *s->trl);
	s->cb = malloc((k->nfr * (k->nfr + 1) / 2 + 1) * sizeof *s->cb);
	s->rem = calloc(k->nsect + 1, sizeof *s->rem);
	s->occ = calloc(k->nsect + 1, sizeof *s->occ);
	s->mo = calloc(n + 2, sizeof *s->mo);
	c = 0;
	for (t = 0; t < k->nsect; t++)
		c += cp_bs_count(k->sect + t * k->w, k->w);
	s->ms = malloc((c + 1) * sizeof *s->ms);
	if (!s->off || !s->lo || !s->best || !s->todo || !s->stk || !s->at || !s->reach || !s->twin
	    || !s->tri || !s->trl || !s->cb || !s->rem || !s->occ || !s->mo || !s->ms)
		return -1;
	return 0;
}

/* Frees the arrays of s, zeroed before bnbnew if it failed. */
static void bnbfree(Bnb *s)
{
	free(s->off);
	free(s->lo);
	free(s->best);
	free(s->todo);
	free(s->stk);
	free(s->at);
	free(s->reach);
	free(s->twin);
	free(s->tri);
	free(s->trl);
	free(s->cb);
	free(s->rem);
	free(s->occ);
	free(s->mo);
	free(s->ms);
}

/* Fills s->ms and s->mo, the sections of each item, and s->rem, each
 * section's total size of free items; needs s->mo and s->rem zero. */
static void sections(Bnb *s)
{
	Pack *k = s->k;
	size_t n = k->n, i, t;

	/* counting sort, s->at as cursor */
	for (t = 0; t < k->nsect; t++)
		for (i = 0; i < n; i++)
			if (cp_bs_has(k->sect + t * k->w, i))
				s->mo[i + 1]++;
	for (i = 0; i < n; i++) {
		s->mo[i + 1] += s->mo[i];
		s->at[i] = s->mo[i];
	}
	for (t = 0; t < k->nsect; t++)
		for (i = 0; i < n; i++)
			if (cp_bs_has(k->sect + t * k->w, i)) {
				s->ms[s->at[i]++] = (uint32_t)t;
				if (k->it[i].fixed == CP_PACK_FREE)
					s->rem[t] += k->it[i].size;
			}
}

/* The root: fixed items placed (in k->lst), free items unplaced at first
 * fit, with their reach; needs s->todo and s->reach zero. */
static void root(Bnb *s)
{
	Pack *k = s->k;
	size_t n = k->n, i, j, t;

	base(k, s->off);
	memcpy(k->lst, k->fix, k->nfix * sizeof *k->lst);
	s->nl = k->nfix;
	for (t = 0; t < k->nfr; t++) {
		i = k->fr[t];
		cp_bs_set(s->todo, i);
		s->lo[i] = sweep(k, k->lst, s->nl, i, 0, 0, s->off);
		for (j = 0; j < n; j++)
			if (cp_bs_has(row(k, i), j) && k->it[j].size > s->reach[i])
				s->reach[i] = k->it[j].size;
	}
}

/* Fills s->twin: free items of one size and alignment with the same
 * neighbours (but each other) are interchangeable, so the earlier is
 * placed first. */
static void twins(Bnb *s)
{
	Pack *k = s->k;
	size_t i, j, t, u, b;

	for (t = 0; t < k->nfr; t++) {
		i = k->fr[t];
		s->twin[i] = NONE;
		for (u = t; u-- > 0 && s->twin[i] == NONE;) {
			j = k->fr[u];
			if (k->it[j].size != k->it[i].size || k->it[j].align != k->it[i].align)
				continue;
			for (b = 0; b < k->w; b++) {
				uint64_t x = row(k, i)[b] ^ row(k, j)[b];
				if (b == i / 64)
					x &= ~(UINT64_C(1) << i % 64);
				if (b == j / 64)
					x &= ~(UINT64_C(1) << j % 64);
				if (x)
					break;
			}
			if (b == k->w)
				s->twin[i] = (uint32_t)j;
		}
	}
}

/* Runs the exact search below the incumbent r->size. Returns 1 when the
 * tree was exhausted, 0 when it stopped early, -1 on no memory. */
static int bnb(Pack *k, cp_pack_result *r, uint64_t budget)
{
	Bnb s;
	size_t n = k->n, i;
	int ret = -1;

	memset(&s, 0, sizeof s);
	s.k = k;
	s.size = r->size;
	s.cap = r->size - k->amax;
	s.lb = r->lower_bound;
	s.budget = budget;
	if (bnbnew(&s) < 0)
		goto out;
	sections(&s);
	root(&s);
	twins(&s);
	/* static priority: larger items first among equal offsets */
	for (i = 0; i < n; i++)
		k->key[i] = ~k->it[i].size;
	sortup(k->fr, k->nfr, k->key, k->tmp);
	dfs(&s, 0, NONE);
	r->nodes = s.nodes;
	if (s.found) {
		memcpy(r->offset, s.best, n * sizeof *s.best);
		r->size = s.size;
		r->method = "bnb";
	}
	ret = s.stop != 2;
out:
	bnbfree(&s);
	return ret;
}

/* ---------------------------------------------------------------------- */

int cp_pack_solve(const cp_pack_problem *p, const cp_pack_options *opt, cp_pack_result *r)
{
	static const char *name[] = {
		"no-sharing", "greedy-size", "greedy-align", "greedy-weight", "greedy-degree",
	};
	Pack k;
	uint64_t *off, *deg, *wt, v, budget;
	uint32_t *q, *ord;
	size_t n, i, o;
	int ret = -1, ex, whole;

	if (!r || prep(&k, p) < 0)
		return -1;
	n = k.n;
	if (n && !r->offset)
		goto fail;
	off = malloc((n + 1) * sizeof *off);
	q = malloc((n + 1) * sizeof *q);
	ord = malloc((n + 1) * sizeof *ord);
	deg = calloc(n + 1, sizeof *deg);
	wt = calloc(n + 1, sizeof *wt);
	k.sect = malloc((SECTMAX * k.w + 1) * sizeof *k.sect);
	k.placed = malloc((k.w + 1) * sizeof *k.placed);
	k.glo = malloc((n + 2) * sizeof *k.glo);
	k.ghi = malloc((n + 2) * sizeof *k.ghi);
	if (!off || !q || !ord || !deg || !wt || !k.sect || !k.placed || !k.glo || !k.ghi)
		goto out;
	for (i = 0; i < n; i++)
		deg[i] = cp_bs_count(row(&k, i), k.w);

	/* setbound's cheap bound first; the clique search only when no
	 * layout of the portfolio meets it */
	r->lower_bound = alignup(setbound(&k, p, q, &whole), k.amax);
	r->nodes = 0;
	r->size = UINT64_MAX;
	r->method = "fixed";
	for (o = 0; o < sizeof name / sizeof *name; o++) {
		/* two stable passes: secondary key, then primary, both descending */
		memcpy(ord, k.fr, k.nfr * sizeof *ord);
		for (i = 0; i < n; i++)
			k.key[i] = ~(o == 1 ? k.it[i].align : k.it[i].size);
		sortup(ord, k.nfr, k.key, k.tmp);
		/* conflict weights only for the order that needs them (a
		 * walk of every conflict) */
		for (i = 0; o == 3 && i < n; i++)
			wt[i] = wdeg(&k, i);
		for (i = 0; i < n; i++)
			switch (o) {
			case 0: case 2: k.key[i] = ~k.it[i].align; break;
			case 1: k.key[i] = ~k.it[i].size; break;
			case 3: k.key[i] = ~(wt[i] + k.it[i].size); break;
			default: k.key[i] = ~deg[i]; break;
			}
		sortup(ord, k.nfr, k.key, k.tmp);
		v = ff(&k, ord, k.nfr, o == 0, 1, off);
		if (v < r->size) {
			r->size = v;
			r->method = k.nfr ? name[o] : "fixed";
			if (n)
				memcpy(r->offset, off, n * sizeof *off);
		}
		if (v <= r->lower_bound)
			break;
	}
	if (r->size > r->lower_bound && !whole) {
		v = alignup(cliques(&k, !p->nsets, q), k.amax);
		r->lower_bound = v > r->lower_bound ? v : r->lower_bound;
	}
	if (r->size > r->lower_bound && k.nfr > 1 && swo(&k, r, ord, off) < 0)
		goto out;
	r->optimal = r->size <= r->lower_bound;
	if (!r->optimal && k.nfr <= BNBMAX) {
		budget = opt && opt->node_budget ? opt->node_budget : WORK / k.nfr;
		ex = bnb(&k, r, budget);
		if (ex < 0)
			goto out;
		if (ex)
			r->lower_bound = r->size;
		r->optimal = r->size <= r->lower_bound;
	}
	ret = 0;
out:
	free(off);
	free(q);
	free(ord);
	free(deg);
	free(wt);
fail:
	freepack(&k);
	return ret;
}

size_t cp_pack_check(const cp_pack_problem *p, const uint64_t *offset)
{
	size_t n = p->n, w = cp_bs_words(n), i, j;
	const cp_pack_item *it = p->items;

	for (i = 0; i < n; i++) {
		if (!it[i].align || offset[i] % it[i].align)
			return i + 1;
		if (it[i].fixed != CP_PACK_FREE && offset[i] != (uint64_t)it[i].fixed)
			return i + 1;
		if (!it[i].size)
			continue;
		for (j = 0; j < n; j++) {
			if (j == i || !it[j].size)
				continue;
			if (!cp_bs_has(p->conflict + i * w, j) && !cp_bs_has(p->conflict + j * w, i))
				continue;
			if (offset[i] < offset[j] + it[j].size && offset[j] < offset[i] + it[i].size)
				return i + 1;
		}
	}
	return 0;
}

uint64_t cp_pack_extent(const cp_pack_problem *p, const uint64_t *offset)
{
	uint64_t e = 0, a = 1, v;
	size_t i;

	for (i = 0; i < p->n; i++) {
		v = offset[i] + p->items[i].size;
		e = v > e ? v : e;
		a = p->items[i].align > a ? p->items[i].align : a;
	}
	return ispow2(a) ? alignup(e, a) : (e + a - 1) / a * a;
}
