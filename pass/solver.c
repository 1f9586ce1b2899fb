/* Frame packing solver.
 *
 * Model. Item i occupies [off_i, off_i + size_i); off_i is a multiple of
 * align_i (a power of two), or equals the fixed offset. Conflicting items
 * must not overlap. The frame size is max(off_i + size_i) rounded up to the
 * largest alignment M. Empty items are placed at 0 (or their fixed offset)
 * and take no part in the search.
 *
 * Lower bound. The items of a clique of the conflict graph are pairwise
 * disjoint in [0, S), so S is at least their total size; cliques come from
 * the given sets (trimmed to cliques), a budgeted exact search for the
 * heaviest clique (Ostergard's algorithm) and greedy cliques grown from heavy
 * seeds. Alignment tightens a clique's bound: S is a multiple of every
 * alignment A, so an item aligned to A or more covers whole A-blocks, and
 * the holes at the end of those blocks (each < A bytes) can take at most
 * min(size, hole) bytes of any one smaller-aligned item (see qbound).
 *
 * Portfolio. First fit over several static orders (size, alignment,
 * conflict weight, degree), each item at the lowest aligned offset clear of
 * the conflicting items placed before it; plus the layout that shares
 * nothing, so the result is never worse than a layout without sharing.
 *
 * Exact search. Any layout can be pushed down until, taking items by
 * (offset, index), every item sits at the lowest aligned offset clear of the
 * items before it: moving an item to that offset cannot hit a later
 * conflicting item (those start at or above its old end) and the sum of
 * offsets drops. So it suffices to branch on which item comes next, placing
 * it at its first-fit offset lo[i] w.r.t. the placed items, with the
 * offsets non-decreasing (ties by index). With L the last offset placed:
 *   - an unplaced item with lo[i] + size <= L is dead: the hole below L it
 *     fits in stays free, so it could never come later in the order;
 *   - every unplaced item ends at or above max(lo[i], L) + size;
 *   - the unplaced items of a clique fit above L beside the bytes its placed
 *     items hold above L.
 * Every bound is checked against C = incumbent - M (a better frame ends by
 * C). The search stops at the node budget; it proves optimality when the
 * tree is exhausted or the incumbent meets the lower bound.
 *
 * Arithmetic: problems whose sum of sizes and alignments, plus the furthest
 * fixed end, reaches 2^62 are rejected, so no sum below overflows. */
#include <stdlib.h>
#include <string.h>

#include "coropack/bitset.h"
#include "coropack/solver.h"

enum {
	BUDGET = 200000,   /* default branch-and-bound nodes */
	WORK = 4000000,    /* default cap on nodes * items */
	BNBMAX = 1024,     /* larger problems get the greedy portfolio only */
	CLQMAX = 512,      /* exact clique search up to this many items */
	CLQBUDGET = 20000, /* its node budget */
	SEEDS = 64,        /* greedy clique seeds */
	SECTMAX = 256,     /* cliques the exact search bounds with */
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
	/* cliques found by the lower bound, kept for the exact search */
	uint64_t *sect;         /* nsect bitsets */
	size_t nsect;
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
	free(k->adj);
	free(k->fix);
	free(k->fr);
	free(k->lst);
	free(k->tmp);
	free(k->key);
	free(k->sect);
}

/* Validates p and builds k. Returns -1 on a bad problem or no memory. */
static int prep(Pack *k, const cp_pack_problem *p)
{
	size_t n, w, i, j, b;
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
	k->adj = calloc(n * w + 1, sizeof *k->adj);
	k->fix = malloc((n + 1) * sizeof *k->fix);
	k->fr = malloc((n + 1) * sizeof *k->fr);
	k->lst = malloc((n + 1) * sizeof *k->lst);
	k->tmp = malloc((n + 1) * sizeof *k->tmp);
	k->key = malloc((n + 1) * sizeof *k->key);
	if (!k->adj || !k->fix || !k->fr || !k->lst || !k->tmp || !k->key) {
		freepack(k);
		return -1;
	}
	/* adj = conflict | transpose, restricted to nonempty items */
	for (i = 0; i < n; i++) {
		if (!it[i].size)
			continue;
		for (b = 0; b < w; b++) {
			uint64_t x = p->conflict[i * w + b];
			while (x) {
				j = b * 64 + (size_t)__builtin_ctzll(x);
				x &= x - 1;
				if (j >= n || j == i || !it[j].size)
					continue;
				cp_bs_set(row(k, i), j);
				cp_bs_set(row(k, j), i);
			}
		}
	}
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

/* Heaviest clique by Ostergard's algorithm: items relabelled by ascending
 * size; c[i] is the heaviest clique among labels i..n-1, known once the
 * outer loop has passed i. Stops at the budget with the best clique found,
 * which is a clique all the same. */
typedef struct Clq {
	size_t n, w;
	uint64_t *adj;    /* relabelled rows */
	uint64_t *wt;     /* weight by label */
	uint64_t *c;
	uint64_t *buf;    /* candidates by depth, (n + 1) bitsets */
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

/* Heaviest clique found among the nonempty items, into out; returns its
 * size, or 0 on no memory. */
static size_t maxclique(const Pack *k, uint32_t *out)
{
	Clq q;
	uint32_t *ord;
	size_t n, w, i, j, m;

	n = k->n;
	m = 0;
	for (i = 0; i < n; i++)
		if (k->it[i].size)
			k->tmp[m++] = (uint32_t)i;
	if (!m)
		return 0;
	memset(&q, 0, sizeof q);
	q.n = m;
	q.w = w = cp_bs_words(m);
	q.budget = CLQBUDGET;
	q.adj = calloc(m * w, sizeof *q.adj);
	q.wt = malloc(m * sizeof *q.wt);
	q.c = calloc(m, sizeof *q.c);
	q.buf = malloc((m + 2) * w * sizeof *q.buf);
	q.cur = malloc(m * sizeof *q.cur);
	q.best = malloc(m * sizeof *q.best);
	ord = malloc(m * sizeof *ord);
	if (!q.adj || !q.wt || !q.c || !q.buf || !q.cur || !q.best || !ord) {
		m = 0;
		goto out;
	}
	memcpy(ord, k->tmp, m * sizeof *ord);
	for (i = 0; i < n; i++)
		k->key[i] = k->it[i].size;
	sortup(ord, m, k->key, k->tmp);
	for (i = 0; i < m; i++)
		q.wt[i] = k->it[ord[i]].size;
	for (i = 0; i < m; i++)
		for (j = 0; j < m; j++)
			if (cp_bs_has(row(k, ord[i]), ord[j]))
				cp_bs_set(q.adj + i * w, j);
	for (i = m; i-- > 0;) {
		uint64_t *u = q.buf + w;
		cp_bs_copy(u, q.adj + i * w, w);
		for (j = 0; j <= i; j++)
			cp_bs_clr(u, j);
		q.cur[0] = (uint32_t)i;
		grow(&q, 1, q.wt[i]);
		q.c[i] = q.bestw;
		if (q.budget < 0)
			break;
	}
	for (i = 0; i < q.nbest; i++)
		out[i] = ord[q.best[i]];
	m = q.nbest;
out:
	free(q.adj);
	free(q.wt);
	free(q.c);
	free(q.buf);
	free(q.cur);
	free(q.best);
	free(ord);
	return m;
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

/* The lower bound, before rounding; collects sections when k->sect is
 * allocated. Needs n entries of scratch q. */
static uint64_t lbound(Pack *k, const cp_pack_problem *p, uint32_t *q)
{
	size_t i, j, m, s, b;
	uint64_t lb = 0, v, *cand;

	for (i = 0; i < k->n; i++) {
		if (k->it[i].fixed == CP_PACK_FREE)
			continue;
		v = (uint64_t)k->it[i].fixed + k->it[i].size;
		lb = v > lb ? v : lb;
	}
	/* the given sets, heaviest members first */
	for (i = 0; i < k->n; i++)
		k->key[i] = ~k->it[i].size;
	for (s = 0; s < p->nsets; s++) {
		const uint64_t *set = p->sets + s * k->w;
		m = 0;
		for (b = 0; b < k->w; b++) {
			uint64_t x = set[b];
			while (x) {
				j = b * 64 + (size_t)__builtin_ctzll(x);
				x &= x - 1;
				if (j < k->n && k->it[j].size)
					q[m++] = (uint32_t)j;
			}
		}
		sortup(q, m, k->key, k->tmp);
		m = trim(k, q, m);
		v = qbound(k, q, m);
		lb = v > lb ? v : lb;
		addsect(k, q, m);
	}
	/* the heaviest clique */
	if (k->n <= CLQMAX) {
		m = maxclique(k, q);
		v = qbound(k, q, m);
		lb = v > lb ? v : lb;
		addsect(k, q, m);
	}
	/* greedy cliques from the heaviest seeds: each seed's neighbours by
	 * descending size */
	cand = malloc((k->w + 1) * sizeof *cand);
	if (!cand)
		return lb;
	for (i = 0; i < k->n; i++) {
		v = 0;
		for (j = 0; j < k->n; j++)
			if (cp_bs_has(row(k, i), j))
				v += k->it[j].size;
		k->key[i] = k->it[i].size ? ~(v + k->it[i].size) : ~(uint64_t)0;
	}
	for (i = 0; i < k->n; i++)
		k->lst[i] = (uint32_t)i;
	sortup(k->lst, k->n, k->key, k->tmp);
	for (i = 0; i < k->n; i++)
		k->key[i] = ~k->it[i].size;
	for (s = 0; s < k->n && s < SEEDS; s++) {
		uint32_t seed = k->lst[s];
		if (!k->it[seed].size)
			break;
		m = 0;
		q[m++] = seed;
		cp_bs_copy(cand, row(k, seed), k->w);
		for (;;) {
			uint64_t bw = 0;
			size_t bj = NONE;
			for (b = 0; b < k->w; b++) {
				uint64_t x = cand[b];
				while (x) {
					j = b * 64 + (size_t)__builtin_ctzll(x);
					x &= x - 1;
					if (k->it[j].size > bw)
						bw = k->it[j].size, bj = j;
				}
			}
			if (bj == NONE)
				break;
			q[m++] = (uint32_t)bj;
			for (b = 0; b < k->w; b++)
				cand[b] &= row(k, bj)[b];
		}
		v = qbound(k, q, m);
		lb = v > lb ? v : lb;
		if (!p->nsets)
			addsect(k, q, m);
	}
	free(cand);
	return lb;
}

uint64_t cp_pack_lower_bound(const cp_pack_problem *p)
{
	Pack k;
	uint32_t *q;
	uint64_t lb;

	if (prep(&k, p) < 0)
		return 0;
	q = malloc((k.n + 1) * sizeof *q);
	lb = q ? lbound(&k, p, q) : 0;
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
static uint64_t sweep(const Pack *k, const uint32_t *lst, size_t m, size_t i,
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

/* First fit: the free items ord[0..m) in turn, each at the lowest aligned
 * offset clear of the conflicting items placed before (fixed items first;
 * every item when all is set). Returns the frame size. */
static uint64_t ff(Pack *k, const uint32_t *ord, size_t m, int all, uint64_t *off)
{
	size_t t, c = k->nfix;

	base(k, off);
	memcpy(k->lst, k->fix, c * sizeof *k->lst);
	for (t = 0; t < m; t++) {
		off[ord[t]] = sweep(k, k->lst, c, ord[t], 0, all, off);
		insert(k->lst, c++, ord[t], off);
	}
	return extent(k, off);
}

/* ---------------------------------------------------------------------- */
/* Exact search */

typedef struct Bnb {
	Pack *k;
	size_t m;           /* free items to place */
	uint64_t *off;      /* current offsets */
	uint64_t *lo;       /* first-fit offset of each unplaced item */
	uint64_t *todo;     /* unplaced free items */
	size_t nl;          /* placed items in k->lst */
	uint32_t *tri;      /* trail: item and its former lo */
	uint64_t *trl;
	size_t ntr;
	uint32_t *cb;       /* candidate lists, stacked by depth */
	size_t ncb;
	uint64_t *rem;      /* per section: total size of its unplaced items */
	uint64_t *occ;      /* per section scratch: placed bytes above L */
	uint32_t *ms;       /* sections of each item: ms[mo[i]..mo[i+1]) */
	uint32_t *mo;
	uint64_t *best;     /* offsets of the incumbent */
	uint64_t size, cap; /* incumbent, and the end a better frame keeps to */
	uint64_t lb;
	uint64_t nodes, budget;
	int stop;           /* 1: incumbent meets the bound, 2: out of budget */
	int found;
} Bnb;

static void place(Bnb *s, uint32_t j, size_t *at)
{
	Pack *k = s->k;
	uint64_t x = s->lo[j], e = x + k->it[j].size, *r = row(k, j);
	size_t b, i, t;

	s->off[j] = x;
	cp_bs_clr(s->todo, j);
	*at = insert(k->lst, s->nl++, j, s->off);
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
			s->lo[i] = sweep(k, k->lst, s->nl, i, s->lo[i], 0, s->off);
		}
	}
}

static void unplace(Bnb *s, uint32_t j, size_t at, size_t ntr)
{
	Pack *k = s->k;
	size_t t;

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

/* Places the remaining items in (offset, index) order after item last at
 * offset L (last == NONE at the root). */
static void dfs(Bnb *s, size_t d, uint64_t L, uint32_t last)
{
	Pack *k = s->k;
	uint32_t *cand = s->cb + s->ncb, i, a1 = NONE;
	uint64_t m1 = UINT64_MAX, m2 = UINT64_MAX, lo, g, e;
	size_t nc = 0, t, u, at, ntr;

	if (d == s->m) {
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
		if (lo > L || (lo == L && (last == NONE || i > last)))
			cand[nc++] = i;
	}
	/* a candidate placed at or above some other item's first-fit end
	 * would leave that item dead */
	for (t = u = 0; t < nc; t++)
		if (s->lo[cand[t]] < (cand[t] == a1 ? m2 : m1))
			cand[u++] = cand[t];
	nc = u;
	if (k->nsect) {
		memset(s->occ, 0, k->nsect * sizeof *s->occ);
		for (t = 0; t < s->nl; t++) {
			uint32_t o = k->lst[t];
			uint64_t x = s->off[o] > L ? s->off[o] : L;
			e = s->off[o] + k->it[o].size;
			if (e <= x)
				continue;
			for (u = s->mo[o]; u < s->mo[o + 1]; u++)
				s->occ[s->ms[u]] += e - x;
		}
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
		place(s, i, &at);
		dfs(s, d + 1, s->off[i], i);
		unplace(s, i, at, ntr);
		if (s->stop)
			break;
	}
	s->ncb -= nc;
}

/* Runs the exact search below the incumbent r->size. Returns 1 when the
 * tree was exhausted, 0 when it stopped early, -1 on no memory. */
static int bnb(Pack *k, cp_pack_result *r, uint64_t budget)
{
	Bnb s;
	size_t n = k->n, i, t, c;
	int ret = -1;

	memset(&s, 0, sizeof s);
	s.k = k;
	s.m = k->nfr;
	s.size = r->size;
	s.cap = r->size - k->amax;
	s.lb = r->lower_bound;
	s.budget = budget;
	s.off = malloc(n * sizeof *s.off);
	s.lo = malloc(n * sizeof *s.lo);
	s.best = malloc(n * sizeof *s.best);
	s.todo = calloc(k->w + 1, sizeof *s.todo);
	/* along one path each placement trails at most its degree */
	c = cp_bs_count(k->adj, n * k->w);
	s.tri = malloc((c + 1) * sizeof *s.tri);
	s.trl = malloc((c + 1) * sizeof *s.trl);
	s.cb = malloc((k->nfr * (k->nfr + 1) / 2 + 1) * sizeof *s.cb);
	s.rem = calloc(k->nsect + 1, sizeof *s.rem);
	s.occ = calloc(k->nsect + 1, sizeof *s.occ);
	s.mo = calloc(n + 1, sizeof *s.mo);
	c = 0;
	for (t = 0; t < k->nsect; t++)
		c += cp_bs_count(k->sect + t * k->w, k->w);
	s.ms = malloc((c + 1) * sizeof *s.ms);
	if (!s.off || !s.lo || !s.best || !s.todo || !s.tri || !s.trl || !s.cb
	    || !s.rem || !s.occ || !s.mo || !s.ms)
		goto out;
	/* sections by item, counting sort */
	for (t = 0; t < k->nsect; t++)
		for (i = 0; i < n; i++)
			if (cp_bs_has(k->sect + t * k->w, i))
				s.mo[i + 1]++;
	for (i = 0; i < n; i++)
		s.mo[i + 1] += s.mo[i];
	for (i = 0; i < n; i++)
		s.lo[i] = s.mo[i];
	for (t = 0; t < k->nsect; t++)
		for (i = 0; i < n; i++)
			if (cp_bs_has(k->sect + t * k->w, i)) {
				s.ms[s.lo[i]++] = (uint32_t)t;
				if (k->it[i].fixed == CP_PACK_FREE)
					s.rem[t] += k->it[i].size;
			}
	/* root: fixed items placed, free items at first fit */
	base(k, s.off);
	memcpy(k->lst, k->fix, k->nfix * sizeof *k->lst);
	s.nl = k->nfix;
	for (t = 0; t < k->nfr; t++) {
		i = k->fr[t];
		cp_bs_set(s.todo, i);
		s.lo[i] = sweep(k, k->lst, s.nl, i, 0, 0, s.off);
	}
	/* static priority: larger items first among equal offsets */
	for (i = 0; i < n; i++)
		k->key[i] = ~(k->it[i].size * 2 + 1);
	sortup(k->fr, k->nfr, k->key, k->tmp);
	dfs(&s, 0, 0, NONE);
	r->nodes = s.nodes;
	if (s.found) {
		memcpy(r->offset, s.best, n * sizeof *s.best);
		r->size = s.size;
		r->method = "bnb";
	}
	ret = s.stop != 2;
out:
	free(s.off);
	free(s.lo);
	free(s.best);
	free(s.todo);
	free(s.tri);
	free(s.trl);
	free(s.cb);
	free(s.rem);
	free(s.occ);
	free(s.mo);
	free(s.ms);
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
	size_t n, i, j, o;
	int ret = -1, ex;

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
	if (!off || !q || !ord || !deg || !wt || !k.sect)
		goto out;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (cp_bs_has(row(&k, i), j))
				deg[i]++, wt[i] += k.it[j].size;

	r->lower_bound = alignup(lbound(&k, p, q), k.amax);
	r->nodes = 0;
	r->size = UINT64_MAX;
	r->method = "fixed";
	for (o = 0; o < sizeof name / sizeof *name; o++) {
		/* two stable passes: secondary key, then primary, both descending */
		memcpy(ord, k.fr, k.nfr * sizeof *ord);
		for (i = 0; i < n; i++)
			k.key[i] = ~(o == 1 ? k.it[i].align : k.it[i].size);
		sortup(ord, k.nfr, k.key, k.tmp);
		for (i = 0; i < n; i++)
			switch (o) {
			case 0: case 2: k.key[i] = ~k.it[i].align; break;
			case 1: k.key[i] = ~k.it[i].size; break;
			case 3: k.key[i] = ~(wt[i] + k.it[i].size); break;
			default: k.key[i] = ~deg[i]; break;
			}
		sortup(ord, k.nfr, k.key, k.tmp);
		v = ff(&k, ord, k.nfr, o == 0, off);
		if (v < r->size) {
			r->size = v;
			r->method = k.nfr ? name[o] : "fixed";
			if (n)
				memcpy(r->offset, off, n * sizeof *off);
		}
		if (v <= r->lower_bound)
			break;
	}
	r->optimal = r->size <= r->lower_bound;
	if (!r->optimal && k.nfr <= BNBMAX) {
		budget = opt && opt->node_budget ? opt->node_budget : BUDGET;
		if (!(opt && opt->node_budget) && budget * k.nfr > WORK)
			budget = WORK / k.nfr;
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
