/* Packing solver benchmark: prints figures, checks nothing.
 *
 * Random frames shaped like coroutine frames: the switch-ABI prefix (resume
 * and destroy pointers, a promise at alignTo(16, align), all fixed), the
 * suspend index, SSA values of 1..8 bytes and allocas of 1..4096 bytes
 * aligned to 1..64, each live at a random subset or a run of suspend
 * points; two items conflict when they share a suspend point, and the live
 * sets are passed as sets. Half the instances have exactly --items items,
 * the others between 8 and --items.
 *
 * The stock-style layout follows LLVM 22's CoroFrame: SSA values never
 * share; allocas, largest first, join the first slot whose members they do
 * not conflict with and whose first (largest) alloca's alignment is a
 * multiple of theirs; then every field gets its own bytes, largest
 * alignment first, each in the lowest gap it fits (minimal padding).
 *
 * The bound is the solver's reported lower bound (raised to the size when
 * the exact search proves it optimal). Times are the solving thread's CPU
 * time, so that other work on the machine does not inflate them.
 *
 * Usage: solver_bench [--seed N] [--count N] [--items N] */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bitset.h"
#include "solver.h"

enum { VALUE, ALLOCA, HEADER };

typedef struct Frame {
	size_t n, w, np;          /* items, words per item bitset, suspend points */
	cp_pack_item *it;
	int *kind;
	uint64_t *live;           /* suspend points of each item, np <= 64 */
	uint64_t *conf;           /* n rows */
	uint64_t *sets;           /* np rows */
} Frame;

static uint64_t rng;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static uint64_t alignup(uint64_t x, uint64_t a) { return (x + a - 1) & ~(a - 1); }

/* A run of suspend points, or each point with a probability of its own. */
static uint64_t lifetime(size_t np, int run)
{
	uint64_t l = 0;
	size_t a, b, i;
	unsigned pct;

	if (run) {
		a = rnd(np);
		b = a + rnd(np - a < 6 ? np - a : 6);
		for (i = a; i <= b; i++)
			l |= UINT64_C(1) << i;
		return l;
	}
	pct = 5 + (unsigned)rnd(40);
	while (!l)
		for (i = 0; i < np; i++)
			if (rnd(100) < pct)
				l |= UINT64_C(1) << i;
	return l;
}

static void put(Frame *f, int kind, uint64_t size, uint64_t align, int64_t fixed, uint64_t live)
{
	f->it[f->n] = (cp_pack_item){size, align, fixed};
	f->kind[f->n] = kind;
	f->live[f->n] = live;
	f->n++;
}

static void gen(Frame *f, size_t n)
{
	static const uint64_t vsz[] = {1, 1, 2, 4, 4, 8, 8, 8, 8, 8};
	static const uint64_t aal[] = {1, 2, 4, 8, 8, 8, 8, 16, 16, 32, 64};
	uint64_t all, size, align, pal;
	size_t i, j, b;

	f->n = 0;
	f->np = 2 + rnd(31);
	all = f->np == 64 ? ~UINT64_C(0) : (UINT64_C(1) << f->np) - 1;
	put(f, HEADER, 8, 8, 0, all);
	put(f, HEADER, 8, 8, 8, all);
	if (rnd(10) < 7) {
		pal = rnd(4) ? 8 : 16;
		put(f, HEADER, 8 * (1 + rnd(8)), pal, (int64_t)alignup(16, pal), all);
	}
	put(f, VALUE, 1, 1, CP_PACK_FREE, all); /* the suspend index */
	while (f->n < n) {
		if (rnd(10) < 6) {
			size = vsz[rnd(sizeof vsz / sizeof *vsz)];
			put(f, VALUE, size, size, CP_PACK_FREE, lifetime(f->np, rnd(10) < 4));
			continue;
		}
		align = aal[rnd(sizeof aal / sizeof *aal)];
		size = (uint64_t)1 << rnd(13);
		size = size / 2 + 1 + rnd(size);
		size = size > 4096 ? 4096 : size;
		if (rnd(10) < 7)
			size = alignup(size, align);
		put(f, ALLOCA, size, align, CP_PACK_FREE, lifetime(f->np, rnd(2)));
	}
	f->w = cp_bs_words(f->n);
	memset(f->conf, 0, f->n * f->w * sizeof *f->conf);
	memset(f->sets, 0, f->np * f->w * sizeof *f->sets);
	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->n; j++)
			if (i != j && (f->live[i] & f->live[j]))
				cp_bs_set(f->conf + i * f->w, j);
		for (b = 0; b < f->np; b++)
			if (f->live[i] >> b & 1)
				cp_bs_set(f->sets + b * f->w, i);
	}
}

/* Stock-style layout into off; returns the frame size. s is scratch for
 * 4n entries. */
static uint64_t stock(const Frame *f, uint64_t *off, size_t *s)
{
	size_t n = f->n, i, j, t, ns = 0, no = 0, np = 0;
	size_t *slot = s, *ord = s + n, *of = s + 2 * n, *pl = s + 3 * n;
	uint64_t amax = 1, e = 0, x;

	/* allocas by size, largest first (stable) */
	for (i = 0; i < n; i++)
		if (f->kind[i] == ALLOCA)
			ord[no++] = i;
	for (i = 1; i < no; i++)
		for (j = i; j > 0 && f->it[ord[j]].size > f->it[ord[j - 1]].size; j--)
			t = ord[j], ord[j] = ord[j - 1], ord[j - 1] = t;
	/* slot[k]: the first (largest) alloca of slot k; of[a]: the slot of
	 * alloca a, whose members share the offset of its first */
	for (i = 0; i < no; i++) {
		size_t a = ord[i], k;
		for (k = 0; k < ns; k++) {
			if (f->it[slot[k]].align % f->it[a].align)
				continue;
			for (j = 0; j < i; j++)
				if (of[ord[j]] == k && (f->live[ord[j]] & f->live[a]))
					break;
			if (j == i)
				break;
		}
		if (k == ns)
			slot[ns++] = a;
		of[a] = k;
	}
	/* fields: slots, values; by alignment then size, largest first */
	no = 0;
	for (i = 0; i < ns; i++)
		ord[no++] = slot[i];
	for (i = 0; i < n; i++)
		if (f->kind[i] == VALUE)
			ord[no++] = i;
	for (i = 1; i < no; i++)
		for (j = i; j > 0; j--) {
			const cp_pack_item *p = &f->it[ord[j - 1]], *q = &f->it[ord[j]];
			if (q->align < p->align || (q->align == p->align && q->size <= p->size))
				break;
			t = ord[j], ord[j] = ord[j - 1], ord[j - 1] = t;
		}
	/* pl: placed fields, header items first, then each in the lowest gap */
	for (i = 0; i < n; i++)
		if (f->kind[i] == HEADER)
			off[i] = (uint64_t)f->it[i].fixed, pl[np++] = i;
	for (t = 0; t < no; t++) {
		size_t a = ord[t];
		x = 0;
		for (;;) {
			for (j = 0; j < np; j++) {
				size_t b = pl[j];
				if (x < off[b] + f->it[b].size && off[b] < x + f->it[a].size)
					break;
			}
			if (j == np)
				break;
			x = alignup(off[pl[j]] + f->it[pl[j]].size, f->it[a].align);
		}
		off[a] = x;
		pl[np++] = a;
	}
	for (i = 0; i < n; i++) {
		if (f->kind[i] == ALLOCA)
			off[i] = off[slot[of[i]]];
		if (off[i] + f->it[i].size > e)
			e = off[i] + f->it[i].size;
		if (f->it[i].align > amax)
			amax = f->it[i].align;
	}
	return alignup(e, amax);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, *off, *soff;
	size_t count = 1000, items = 200, i, k, n, *scr;
	size_t near = 0, opt = 0, worse = 0, better = 0, full = 0, bad = 0;
	double ms, tsum = 0, tmax = 0, gap, gsum = 0, gmax = 0, save = 0;
	Frame f;
	cp_pack_problem p;
	cp_pack_result r;
	uint64_t st;

	for (i = 1; i < (size_t)argc; i++) {
		if (i + 1 < (size_t)argc && !strcmp(argv[i], "--seed"))
			seed = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < (size_t)argc && !strcmp(argv[i], "--count"))
			count = strtoull(argv[++i], NULL, 0);
		else if (i + 1 < (size_t)argc && !strcmp(argv[i], "--items"))
			items = strtoull(argv[++i], NULL, 0);
		else {
			fprintf(stderr, "usage: %s [--seed N] [--count N] [--items N]\n", argv[0]);
			return 2;
		}
	}
	if (items < 8 || !count) {
		fprintf(stderr, "%s: need --items >= 8 and --count >= 1\n", argv[0]);
		return 2;
	}
	rng = seed * 0x9e3779b97f4a7c15u | 1;
	f.it = malloc(items * sizeof *f.it);
	f.kind = malloc(items * sizeof *f.kind);
	f.live = malloc(items * sizeof *f.live);
	f.conf = malloc(items * cp_bs_words(items) * sizeof *f.conf);
	f.sets = malloc(64 * cp_bs_words(items) * sizeof *f.sets);
	off = malloc(items * sizeof *off);
	soff = malloc(items * sizeof *soff);
	scr = malloc(4 * items * sizeof *scr);
	if (!f.it || !f.kind || !f.live || !f.conf || !f.sets || !off || !soff || !scr)
		return 1;

	for (k = 0; k < count; k++) {
		n = k % 2 ? 8 + rnd(items - 7) : items;
		gen(&f, n);
		p = (cp_pack_problem){f.n, f.it, f.conf, f.np, f.sets, 0};
		r = (cp_pack_result){.offset = off};
		ms = now();
		if (cp_pack_solve(&p, NULL, &r) < 0 || cp_pack_check(&p, off)) {
			bad++;
			continue;
		}
		ms = now() - ms;
		if (n == items) {
			full++;
			tsum += ms;
			tmax = ms > tmax ? ms : tmax;
		}
		st = stock(&f, soff, scr);
		if (cp_pack_check(&p, soff))
			bad++;
		gap = r.lower_bound ? (double)(r.size - r.lower_bound) / (double)r.lower_bound : 0;
		gsum += gap;
		gmax = gap > gmax ? gap : gmax;
		near += r.size * 100 <= r.lower_bound * 101;
		opt += r.optimal;
		worse += r.size > st;
		better += r.size < st;
		save += (double)(st - (r.size < st ? r.size : st)) / (double)st;
	}
	printf("solver_bench --seed %" PRIu64 " --count %zu --items %zu\n", seed, count, items);
	printf("instances              %zu (half with %zu items, half 8..%zu), %zu invalid\n",
	       count, items, items, bad);
	printf("within 1%% of bound     %.1f%%\n", 100.0 * (double)near / (double)count);
	printf("proven optimal         %.1f%%\n", 100.0 * (double)opt / (double)count);
	printf("gap to bound           mean %.3f%%, max %.3f%%\n", 100.0 * gsum / (double)count,
	       100.0 * gmax);
	printf("vs stock-style         worse %zu, better %zu, equal %zu; mean saving %.1f%%\n",
	       worse, better, count - worse - better - bad, 100.0 * save / (double)count);
	printf("cpu time per solve     mean %.3f ms, max %.3f ms (the %zu with %zu items)\n",
	       full ? tsum / (double)full : 0.0, tmax, full, items);
	free(f.it);
	free(f.kind);
	free(f.live);
	free(f.conf);
	free(f.sets);
	free(off);
	free(soff);
	free(scr);
	return 0;
}
