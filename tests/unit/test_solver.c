/* Unit tests of the packing solver: hand cases, then a cross-check against
 * brute force on small random problems (fixed seed). Prints
 * "N passed, N failed" last and exits non-zero on a failure. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitset.h"
#include "solver.h"

enum { MAXN = 64, MAXW = 2 }; /* up to 64 items in Inst, 128 in Big */

static int npass, nfail;

#define CHECK(c) check(!!(c), #c, __FILE__, __LINE__)

static int check(int ok, const char *what, const char *file, int line)
{
	if (ok)
		npass++;
	else {
		nfail++;
		fprintf(stderr, "%s:%d: failed: %s\n", file, line, what);
	}
	return ok;
}

typedef struct Inst {
	size_t n, nsets;
	cp_pack_item it[MAXN];
	uint64_t conf[MAXN];
	uint64_t sets[MAXN];
	uint64_t off[MAXN];
	cp_pack_problem p;
	cp_pack_result r;
} Inst;

static void init(Inst *t)
{
	memset(t, 0, sizeof *t);
	t->p.items = t->it;
	t->p.conflict = t->conf;
	t->p.sets = t->sets;
	t->r.offset = t->off;
}

static size_t add(Inst *t, uint64_t size, uint64_t align, int64_t fixed)
{
	t->it[t->n] = (cp_pack_item){size, align, fixed};
	t->p.n = ++t->n;
	return t->n - 1;
}

static void conflict(Inst *t, size_t i, size_t j)
{
	cp_bs_set(&t->conf[i], j);
	cp_bs_set(&t->conf[j], i);
}

static int solve(Inst *t)
{
	t->p.nsets = t->nsets;
	return cp_pack_solve(&t->p, NULL, &t->r);
}

/* A successful solve: the layout is valid, its size is the one reported and
 * it lies between the bounds. */
static void valid(Inst *t)
{
	CHECK(cp_pack_check(&t->p, t->off) == 0);
	CHECK(cp_pack_extent(&t->p, t->off) == t->r.size);
	CHECK(t->r.lower_bound <= t->r.size);
	CHECK(cp_pack_lower_bound(&t->p, UINT64_MAX) <= t->r.size);
	CHECK(t->r.method != NULL);
}

static void test_empty(void)
{
	Inst t;

	init(&t);
	t.p.items = NULL;
	t.p.conflict = NULL;
	t.r.offset = NULL;
	CHECK(solve(&t) == 0);
	CHECK(t.r.size == 0 && t.r.lower_bound == 0 && t.r.optimal);
	CHECK(cp_pack_lower_bound(&t.p, UINT64_MAX) == 0);
	CHECK(cp_pack_extent(&t.p, NULL) == 0);
	CHECK(cp_pack_check(&t.p, NULL) == 0);
}

static void test_single(void)
{
	Inst t;

	init(&t);
	add(&t, 24, 8, CP_PACK_FREE);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.off[0] == 0 && t.r.size == 24 && t.r.optimal);

	init(&t);
	add(&t, 5, 4, CP_PACK_FREE);
	CHECK(solve(&t) == 0);
	CHECK(t.r.size == 8 && t.r.lower_bound == 8 && t.r.optimal);
}

static void test_pairs(void)
{
	Inst t;

	/* 8@8 and 1@1: 9 bytes, rounded to 16 */
	init(&t);
	add(&t, 1, 1, CP_PACK_FREE);
	add(&t, 8, 8, CP_PACK_FREE);
	conflict(&t, 0, 1);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 16 && t.r.optimal);

	/* 12@4 and 8@8: 20 bytes, rounded to 24 */
	init(&t);
	add(&t, 12, 4, CP_PACK_FREE);
	add(&t, 8, 8, CP_PACK_FREE);
	conflict(&t, 0, 1);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 24 && t.r.optimal);

	/* two 9@8: the second starts at 16, so 32; the alignment bound sees it */
	init(&t);
	add(&t, 9, 8, CP_PACK_FREE);
	add(&t, 9, 8, CP_PACK_FREE);
	conflict(&t, 0, 1);
	CHECK(cp_pack_lower_bound(&t.p, UINT64_MAX) == 32);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 32 && t.r.optimal);

	/* 9@8, 9@8 and 6@2: the 6 bytes fit the 7-byte hole after a 9@8, so
	 * still 32 */
	init(&t);
	add(&t, 9, 8, CP_PACK_FREE);
	add(&t, 9, 8, CP_PACK_FREE);
	add(&t, 6, 2, CP_PACK_FREE);
	conflict(&t, 0, 1);
	conflict(&t, 0, 2);
	conflict(&t, 1, 2);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 32 && t.r.optimal);
}

/* The classic case: 1024@16 and 1000@64. */
static void test_classic(void)
{
	Inst t;

	init(&t);
	add(&t, 1024, 16, CP_PACK_FREE);
	add(&t, 1000, 64, CP_PACK_FREE);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 1024 && t.r.optimal);
	CHECK(t.off[0] == 0 && t.off[1] == 0);

	/* conflicting: 1000 + pad + 1024 = 2032 or 1024 + 1000 = 2024, both 2048 */
	conflict(&t, 0, 1);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 2048 && t.r.optimal);
	CHECK(cp_pack_lower_bound(&t.p, UINT64_MAX) == 2048);
}

/* The switch-ABI prefix: resume and destroy pointers and the promise, fixed
 * and live everywhere. */
static void test_prefix(void)
{
	Inst t;
	size_t i, j, a, b, c;

	init(&t);
	add(&t, 8, 8, 0);
	add(&t, 8, 8, 8);
	add(&t, 8, 8, 16);
	a = add(&t, 4, 4, CP_PACK_FREE);
	b = add(&t, 1, 1, CP_PACK_FREE);
	c = add(&t, 16, 16, CP_PACK_FREE);
	for (i = 0; i < 3; i++)
		for (j = i + 1; j < t.n; j++)
			conflict(&t, i, j);
	conflict(&t, a, b);
	/* c must start at 32, the first 16-aligned offset past 24; a and b
	 * share its bytes or sit in 24..32 */
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.off[0] == 0 && t.off[1] == 8 && t.off[2] == 16);
	CHECK(t.r.size == 48 && t.off[c] == 32 && t.r.optimal);

	/* a and b both live with c: 24..28 and 28..29 fill the gap */
	conflict(&t, a, c);
	conflict(&t, b, c);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 48 && t.r.optimal);

	/* with a suspend set the bound proves it */
	t.sets[0] = (UINT64_C(1) << t.n) - 1;
	t.nsets = 1;
	CHECK(solve(&t) == 0);
	CHECK(cp_pack_lower_bound(&t.p, UINT64_MAX) == 48);
}

static void test_empty_items(void)
{
	Inst t;

	init(&t);
	add(&t, 0, 64, CP_PACK_FREE);
	add(&t, 8, 8, CP_PACK_FREE);
	add(&t, 0, 1, 3);
	conflict(&t, 0, 1);
	conflict(&t, 1, 2);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 64 && t.off[2] == 3 && t.r.optimal);
}

/* Fixed items that do not conflict may overlap; free items fill the gaps
 * between fixed ones. */
static void test_fixed(void)
{
	Inst t;

	init(&t);
	add(&t, 8, 8, 0);
	add(&t, 8, 8, 4 * 2);
	add(&t, 8, 8, 32);
	add(&t, 16, 8, CP_PACK_FREE);
	add(&t, 8, 8, 0);
	conflict(&t, 0, 3);
	conflict(&t, 1, 3);
	conflict(&t, 2, 3);
	conflict(&t, 0, 1);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.off[3] == 16 && t.r.size == 40 && t.r.optimal);
}

static void test_invalid(void)
{
	Inst t;

	init(&t);
	add(&t, 8, 0, CP_PACK_FREE);
	CHECK(solve(&t) == -1);

	init(&t);
	add(&t, 8, 3, CP_PACK_FREE);
	CHECK(solve(&t) == -1);

	init(&t);
	add(&t, 8, 8, 4);
	CHECK(solve(&t) == -1);

	init(&t);
	add(&t, 8, 8, -8);
	CHECK(solve(&t) == -1);

	init(&t);
	add(&t, 8, 4, 0);
	add(&t, 8, 4, 4);
	conflict(&t, 0, 1);
	CHECK(solve(&t) == -1);

	/* the same without the conflict is fine */
	init(&t);
	add(&t, 8, 4, 0);
	add(&t, 8, 4, 4);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 12);

	init(&t);
	add(&t, UINT64_C(1) << 63, 1, CP_PACK_FREE);
	CHECK(solve(&t) == -1);

	init(&t);
	add(&t, 8, 8, CP_PACK_FREE);
	t.r.offset = NULL;
	CHECK(solve(&t) == -1);
	CHECK(cp_pack_solve(NULL, NULL, &t.r) == -1);
}

static void test_check(void)
{
	Inst t;

	init(&t);
	add(&t, 8, 8, CP_PACK_FREE);
	add(&t, 4, 4, CP_PACK_FREE);
	add(&t, 4, 4, 16);
	conflict(&t, 0, 1);
	t.off[0] = 0, t.off[1] = 8, t.off[2] = 16;
	CHECK(cp_pack_check(&t.p, t.off) == 0);
	CHECK(cp_pack_extent(&t.p, t.off) == 24);
	t.off[1] = 4;
	CHECK(cp_pack_check(&t.p, t.off) == 1);
	t.off[1] = 10;
	CHECK(cp_pack_check(&t.p, t.off) == 2);
	t.off[1] = 8, t.off[2] = 12;
	CHECK(cp_pack_check(&t.p, t.off) == 3);
	t.off[2] = 16, t.off[0] = 4;
	CHECK(cp_pack_check(&t.p, t.off) == 1);
	/* one-sided conflict bits count */
	t.conf[1] = 0;
	t.off[0] = 0, t.off[1] = 4;
	CHECK(cp_pack_check(&t.p, t.off) == 1);
}

/* A given set that is not a clique must not inflate the bound. */
static void test_bad_set(void)
{
	Inst t;

	init(&t);
	add(&t, 100, 8, CP_PACK_FREE);
	add(&t, 100, 8, CP_PACK_FREE);
	t.sets[0] = 3;
	t.nsets = 1;
	t.p.nsets = 1;
	CHECK(cp_pack_lower_bound(&t.p, UINT64_MAX) == 104);
	CHECK(solve(&t) == 0);
	valid(&t);
	CHECK(t.r.size == 104);
}

/* A tiny budget still gives a valid layout. */
static void test_budget(void)
{
	Inst t;
	cp_pack_options o = {1};
	size_t i, j;

	init(&t);
	for (i = 0; i < 40; i++)
		add(&t, 1 + (i * 37) % 50, (uint64_t)1 << (i % 4), CP_PACK_FREE);
	for (i = 0; i < t.n; i++)
		for (j = i + 1; j < t.n; j++)
			if ((i * 7 + j * 13) % 3)
				conflict(&t, i, j);
	CHECK(cp_pack_solve(&t.p, &o, &t.r) == 0);
	valid(&t);
	CHECK(t.r.nodes <= 1);
}

/* ---------------------------------------------------------------------- */
/* Brute force: an optimal layout can be pushed down until every free item
 * sits at 0 or at the aligned end of a conflicting item below it. Taking
 * the free items by offset, try every such placement. */

typedef struct Bf {
	const Inst *t;
	uint64_t off[MAXN], amax, best;
	uint64_t placed;
	int nodes;
} Bf;

static uint64_t up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

static int fits(const Bf *b, size_t i, uint64_t x)
{
	const Inst *t = b->t;
	size_t j;

	for (j = 0; j < t->n; j++)
		if (cp_bs_has(&b->placed, j) && cp_bs_has(&t->conf[i], j) && t->it[j].size
		    && x < b->off[j] + t->it[j].size && b->off[j] < x + t->it[i].size)
			return 0;
	return 1;
}

static void bf(Bf *b, uint64_t last)
{
	const Inst *t = b->t;
	uint64_t e = 0, x;
	size_t i, j, left = 0;

	for (j = 0; j < t->n; j++)
		if (cp_bs_has(&b->placed, j) && b->off[j] + t->it[j].size > e)
			e = b->off[j] + t->it[j].size;
	if (up(e, b->amax) >= b->best)
		return;
	for (i = 0; i < t->n; i++) {
		if (cp_bs_has(&b->placed, i))
			continue;
		left++;
		for (j = 0; j <= t->n; j++) {
			if (j < t->n) {
				if (!cp_bs_has(&b->placed, j) || !cp_bs_has(&t->conf[i], j))
					continue;
				x = up(b->off[j] + t->it[j].size, t->it[i].align);
			} else
				x = 0;
			if (x < last || !fits(b, i, x))
				continue;
			b->off[i] = x;
			cp_bs_set(&b->placed, i);
			bf(b, x);
			cp_bs_clr(&b->placed, i);
		}
	}
	if (!left)
		b->best = up(e, b->amax);
}

static uint64_t brute(const Inst *t)
{
	Bf b;
	size_t i;

	memset(&b, 0, sizeof b);
	b.t = t;
	b.amax = 1;
	b.best = UINT64_MAX;
	for (i = 0; i < t->n; i++) {
		if (t->it[i].align > b.amax)
			b.amax = t->it[i].align;
		if (t->it[i].fixed != CP_PACK_FREE || !t->it[i].size) {
			b.off[i] = t->it[i].fixed == CP_PACK_FREE ? 0 : (uint64_t)t->it[i].fixed;
			cp_bs_set(&b.placed, i);
		}
	}
	bf(&b, 0);
	return b.best;
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

/* Random small problem: either a random graph, or items live at random
 * subsets of a few program points with the points given as sets. Now and
 * then an item is a twin of another (same size, alignment, conflicts) or
 * fixed. */
static void gen(Inst *t)
{
	size_t n = 1 + rnd(7), i, j, np;
	uint64_t live[MAXN];
	int bypoint = (int)rnd(2);
	unsigned pct = 20 + (unsigned)rnd(80);

	init(t);
	np = 1 + rnd(4);
	for (i = 0; i < n; i++) {
		uint64_t size = rnd(20) ? 1 + rnd(64) : 0;
		uint64_t align = (uint64_t)1 << rnd(5);
		add(t, size, align, CP_PACK_FREE);
		do
			live[i] = rnd((uint64_t)1 << np);
		while (!live[i]);
		if (i && !rnd(4)) {
			j = rnd(i);
			t->it[i] = t->it[j];
			live[i] = live[j];
		}
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (bypoint ? (live[i] & live[j]) != 0 : rnd(100) < pct)
				conflict(t, i, j);
	if (bypoint) {
		for (j = 0; j < np; j++) {
			for (i = 0; i < n; i++)
				if (live[i] >> j & 1)
					cp_bs_set(&t->sets[j], i);
		}
		t->nsets = np;
	} else if (n > 2 && !rnd(3)) {
		/* item n-1 becomes a twin of item n-2 */
		t->it[n - 1] = t->it[n - 2];
		for (j = 0; j < n - 2; j++) {
			if (cp_bs_has(&t->conf[n - 2], j))
				conflict(t, n - 1, j);
			else {
				cp_bs_clr(&t->conf[n - 1], j);
				cp_bs_clr(&t->conf[j], n - 1);
			}
		}
	}
	if (!rnd(4)) {
		i = rnd(n);
		int64_t f = (int64_t)(t->it[i].align * rnd(3));
		for (j = 0; j < n; j++)
			if (j != i && t->it[j].fixed != CP_PACK_FREE && cp_bs_has(&t->conf[i], j))
				return;
		t->it[i].fixed = f;
	}
}

/* Medium problems: items live at random subsets or runs of up to 16
 * points. No brute force: the layout must be valid, between the bounds,
 * no worse than laying the items end to end, and the same on a rerun. */
typedef struct Big {
	cp_pack_item it[128];
	uint64_t conf[128 * MAXW], sets[16 * MAXW], off[128], again[128];
	uint64_t half[128 * MAXW]; /* conf's upper triangle alone */
} Big;

static void test_medium(void)
{
	static Big g;
	cp_pack_problem p;
	cp_pack_result r, r2;
	uint64_t live[128], end, amax, lb;
	size_t n, np, i, j, k, w;
	int bad = 0;

	for (k = 0; k < 60 && bad < 5; k++) {
		n = 20 + rnd(108);
		np = 2 + rnd(15);
		w = cp_bs_words(n);
		memset(&g, 0, sizeof g);
		for (i = 0; i < n; i++) {
			uint64_t a = (uint64_t)1 << rnd(7);
			g.it[i] = (cp_pack_item){rnd(3) ? 1 + rnd(8) : 1 + rnd(1024), a, CP_PACK_FREE};
			if (rnd(2)) {
				size_t b = rnd(np), e = b + rnd(np - b);
				live[i] = ((UINT64_C(2) << e) - 1) & ~((UINT64_C(1) << b) - 1);
			} else
				do
					live[i] = rnd((uint64_t)1 << np);
				while (!live[i]);
		}
		for (i = 0; i < n; i++) {
			for (j = 0; j < n; j++)
				if (i != j && (live[i] & live[j]))
					cp_bs_set(g.conf + i * w, j);
			for (j = 0; j < np; j++)
				if (live[i] >> j & 1)
					cp_bs_set(g.sets + j * w, i);
		}
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (cp_bs_has(g.conf + i * w, j))
					cp_bs_set(g.half + i * w, j);
		p = (cp_pack_problem){n, g.it, g.conf, k % 2 ? np : 0, g.sets, 0};
		r = (cp_pack_result){.offset = g.off};
		r2 = (cp_pack_result){.offset = g.again};
		/* r2 from the conflicts given one way: the same problem */
		cp_pack_problem half = p;
		half.conflict = g.half;
		if (!CHECK(cp_pack_solve(&p, NULL, &r) == 0) || !CHECK(cp_pack_solve(&half, NULL, &r2) == 0)) {
			bad++;
			continue;
		}
		/* end to end, largest alignment first */
		end = 0, amax = 1;
		for (j = 64; j; j /= 2)
			for (i = 0; i < n; i++)
				if (g.it[i].align == j) {
					end = (end + j - 1) / j * j + g.it[i].size;
					amax = j > amax ? j : amax;
				}
		end = (end + amax - 1) / amax * amax;
		lb = cp_pack_lower_bound(&p, UINT64_MAX);
		/* The sets are cliques (the conflicts are made from them): the
		 * bound is the same when the caller vouches for that. */
		cp_pack_problem vouched = p;
		vouched.sets_are_cliques = 1;
		if (!CHECK(cp_pack_check(&p, g.off) == 0)
		    || !CHECK(cp_pack_lower_bound(&vouched, UINT64_MAX) == lb)
		    /* a goal that some layout meets stops the clique search only
		     * where it could not raise the bound */
		    || !CHECK(cp_pack_lower_bound(&p, r.size) == lb)
		    || !CHECK(cp_pack_extent(&p, g.off) == r.size)
		    || !CHECK(lb <= r.lower_bound && r.lower_bound <= r.size)
		    || !CHECK(!r.optimal || r.size == r.lower_bound)
		    || !CHECK(r.size <= end)
		    || !CHECK(r2.size == r.size && !memcmp(g.off, g.again, n * sizeof *g.off))) {
			fprintf(stderr, "  medium %zu: %zu items, size %" PRIu64 ", bound %" PRIu64 " (%s)\n",
			        k, n, r.size, r.lower_bound, r.method);
			bad++;
		}
	}
}

/* cp_bs_transpose64 against the definition, on random matrices. */
static void test_transpose(void)
{
	uint64_t a[64], t[64];
	int bad = 0;

	for (int k = 0; k < 20; k++) {
		for (int r = 0; r < 64; r++)
			a[r] = rnd(UINT64_MAX) ^ (rnd(UINT64_MAX) << 32);
		memcpy(t, a, sizeof t);
		cp_bs_transpose64(t);
		for (int r = 0; r < 64; r++)
			for (int c = 0; c < 64; c++)
				bad += cp_bs_has(&t[r], (size_t)c) != cp_bs_has(&a[c], (size_t)r);
	}
	CHECK(bad == 0);
}

/* cp_bs_next_zero, cp_bs_or_at and cp_bs_columns against bit-by-bit
 * definitions, at every alignment of offsets and lengths. */
static void test_bitset_words(void)
{
	uint64_t s[5], d[5], want[5], m[130 * 3], cols[64 * 3];
	int bad = 0;

	for (int k = 0; k < 400; k++) {
		for (int i = 0; i < 5; i++)
			s[i] = rnd(UINT64_MAX) ^ (rnd(UINT64_MAX) << 32), d[i] = rnd(2) ? ~s[i] : 0;
		if (k % 4 == 0)
			s[1] = ~UINT64_C(0), s[2] = ~UINT64_C(0);
		size_t sat = rnd(100), dat = rnd(100), n = rnd(5 * 64 - 100), z = cp_bs_next_zero(s, 5, sat);
		size_t zz = sat;
		while (zz < 5 * 64 && cp_bs_has(s, zz))
			zz++;
		bad += z != zz;
		memcpy(want, d, sizeof d);
		for (size_t b = 0; b < n; b++)
			if (cp_bs_has(s, sat + b))
				cp_bs_set(want, dat + b);
		cp_bs_or_at(d, dat, s, sat, n);
		bad += memcmp(d, want, sizeof d) != 0;
	}
	CHECK(bad == 0);
	CHECK(cp_bs_next_zero(s, 5, 5 * 64) == 5 * 64);

	for (int k = 0; k < 20; k++) {
		size_t nrows = 1 + rnd(129), ow = cp_bs_words(nrows);
		for (size_t i = 0; i < 130 * 3; i++)
			m[i] = rnd(UINT64_MAX) ^ (rnd(UINT64_MAX) << 32);
		for (size_t c = 0; c < 3; c++) {
			cp_bs_columns(m, nrows, 3, c, cols, ow);
			for (size_t col = 0; col < 64; col++)
				for (size_t r = 0; r < ow * 64; r++)
					bad += cp_bs_has(cols + col * ow, r) != (r < nrows && cp_bs_has(m + r * 3, c * 64 + col));
		}
	}
	CHECK(bad == 0);
}

static void test_random(void)
{
	Inst t;
	int k, bad = 0, opt = 0, bnb = 0, count = 10000;
	uint64_t b, lb;

	for (k = 0; k < count && bad < 5; k++) {
		gen(&t);
		b = brute(&t);
		lb = cp_pack_lower_bound(&t.p, UINT64_MAX);
		if (!CHECK(solve(&t) == 0)) {
			bad++;
			continue;
		}
		opt += t.r.optimal;
		bnb += !strcmp(t.r.method, "bnb");
		if (!CHECK(cp_pack_check(&t.p, t.off) == 0)
		    || !CHECK(cp_pack_extent(&t.p, t.off) == t.r.size)
		    || !CHECK(lb <= b && t.r.lower_bound <= b && b <= t.r.size)
		    || !CHECK(cp_pack_lower_bound(&t.p, b) == lb)
		    || !CHECK(!t.r.optimal || t.r.size == b)
		    || !CHECK(t.r.optimal)) {
			fprintf(stderr, "  instance %d: brute %" PRIu64 ", solve %" PRIu64
			                ", lb %" PRIu64 "/%" PRIu64 " (%s)\n",
			        k, b, t.r.size, lb, t.r.lower_bound, t.r.method);
			bad++;
		}
	}
	printf("random: %d instances, %d proven optimal, %d improved by search\n", k, opt, bnb);
}

int main(void)
{
	test_empty();
	test_single();
	test_pairs();
	test_classic();
	test_prefix();
	test_empty_items();
	test_fixed();
	test_invalid();
	test_check();
	test_bad_set();
	test_budget();
	test_random();
	test_medium();
	test_transpose();
	test_bitset_words();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
