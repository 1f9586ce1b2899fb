/* From liveness to a packed frame; see analyze.h for the frame model. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* qsort_r */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bitset.h"
#include "analyze.h"
#include "liveness.h"

typedef struct entry {
	cp_item_kind kind;
	int ref;         /* value or alloca id; -1 for prefix and index */
	const char *name, *type, *loc;
	uint64_t size, align;
	int64_t fixed;
	int remat;
	uint64_t *live; /* over states */
} entry;

static uint64_t align_to(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

/* Kind of each suspend: initial when no suspend point reaches it. */
static void suspend_kinds(const cp_func *f, const cp_live *l, cp_state_kind *kind)
{
	for (int s = 0; s < f->nsusp; s++) {
		int b = cp_func_block_of(f, f->susp[s].inst);
		kind[s] = f->susp[s].final ? CP_STATE_FINAL
		          : !l->after[b] ? CP_STATE_INITIAL : CP_STATE_AWAIT;
	}
}

typedef struct sortctx {
	const entry *e;
	const uint64_t *off;
} sortctx;

/* Stored items by offset, larger first at one offset; rematerialized last
 * (qsort_r with a sortctx). */
static int by_offset(const void *pa, const void *pb, void *vc)
{
	const sortctx *k = vc;
	int a = *(const int *)pa, b = *(const int *)pb;
	const entry *ea = &k->e[a], *eb = &k->e[b];
	if (ea->remat != eb->remat)
		return ea->remat - eb->remat;
	if (!ea->remat && k->off[a] != k->off[b])
		return k->off[a] < k->off[b] ? -1 : 1;
	if (ea->size != eb->size)
		return ea->size > eb->size ? -1 : 1;
	return a - b;
}

/* Whether [o, o + size) overlaps item j (a zero-size item at a point
 * strictly inside the range counts). */
static int overlaps(const entry *e, const uint64_t *off, int j, uint64_t o, uint64_t size)
{
	return o < off[j] + e[j].size && off[j] < o + size;
}

/* The lowest multiple o of align with [o, o + size) inside [0, end) that
 * overlaps no item but skip, or UINT64_MAX. ord[0..n) lists the items by
 * offset: one sweep, each item that starts too early pushes o past it. */
static uint64_t lowest_free(const entry *e, const uint64_t *off, const int *ord, int n, int skip,
                            uint64_t size, uint64_t align, uint64_t end)
{
	uint64_t o = 0;
	for (int k = 0; k < n; k++) {
		int j = ord[k];
		if (j == skip)
			continue;
		if (off[j] >= o + size)
			break;
		if (overlaps(e, off, j, o, size))
			o = align_to(off[j] + e[j].size, align);
	}
	return o + size <= end ? o : UINT64_MAX;
}

typedef struct offctx {
	const entry *e;
	const uint64_t *off;
} offctx;

static int by_start(const void *pa, const void *pb, void *vc)
{
	const offctx *k = vc;
	int a = *(const int *)pa, b = *(const int *)pb;
	if (k->off[a] != k->off[b])
		return k->off[a] < k->off[b] ? -1 : 1;
	return a - b;
}

/* The lowest multiple o of e[i]'s alignment with [o, o + size) inside
 * [0, end) that overlaps no value and only items i does not conflict with
 * (conf rows of pw words), or UINT64_MAX. One sweep of ord (by offset), as
 * lowest_free: an item that starts before o and was not in the way ends
 * before o or may share. */
static uint64_t lowest_beside_values(const entry *e, const uint64_t *off, const int *ord, int n,
                                     int i, const uint64_t *conf, size_t pw, uint64_t end)
{
	uint64_t o = 0, size = e[i].size;
	for (int k = 0; k < n; k++) {
		int j = ord[k];
		if (j == i || (e[j].kind != CP_ITEM_VALUE && !cp_bs_has(conf + (size_t)i * pw, (size_t)j)))
			continue;
		if (off[j] >= o + size)
			break;
		if (overlaps(e, off, j, o, size))
			o = align_to(off[j] + e[j].size, e[i].align);
	}
	return o + size <= end ? o : UINT64_MAX;
}

/* Whether item i overlaps another item (a value, with values_only), no item
 * being larger than maxsz: only those that start in [off[i] - maxsz + 1,
 * off[i] + size) can, found in ord (by offset) by binary search. */
static int overlaps_any(const entry *e, const uint64_t *off, const int *ord, int n, int i, uint64_t maxsz,
                        int values_only)
{
	uint64_t lo = off[i] >= maxsz ? off[i] - maxsz + 1 : 0;
	int a = 0, b = n;
	while (a < b) {
		int m = a + (b - a) / 2;
		if (off[ord[m]] < lo)
			a = m + 1;
		else
			b = m;
	}
	for (int k = a; k < n && off[ord[k]] < off[i] + e[i].size; k++) {
		int j = ord[k];
		if (j != i && (!values_only || e[j].kind == CP_ITEM_VALUE) && overlaps(e, off, j, off[i], e[i].size))
			return 1;
	}
	return 0;
}

/* Re-files item i at offset o in ord (sorted by offset). */
static void refile(offctx *k, int *ord, int n, int i, uint64_t o, uint64_t *off)
{
	int at = 0;
	while (ord[at] != i)
		at++;
	memmove(ord + at, ord + at + 1, (size_t)(n - at - 1) * sizeof *ord);
	off[i] = o;
	int to = 0;
	while (to < n - 1 && by_start(&ord[to], &i, k) < 0)
		to++;
	memmove(ord + to + 1, ord + to, (size_t)(n - 1 - to) * sizeof *ord);
	ord[to] = i;
}

/* Without growing the frame (end bytes), moves each item that shares bytes
 * with another into bytes nobody uses, when there are such bytes: an item
 * with bytes of its own is cheaper to keep (a value is stored once, after
 * its definition; see rewrite.c). Largest first, lowest free offset. Then an
 * alloca that still shares a value's bytes moves, when it can, onto bytes
 * that only allocas it never conflicts with (conf) hold: a value whose
 * bytes an alloca shares is stored before every suspend it is live across
 * and reloaded right after it (rewrite.c cannot see when the alloca's code
 * writes them), O(suspends x values) loads and stores where a value with
 * bytes of its own has one store and a reload per use; the empty awaiters
 * of a long run of co_yields made a lowered resume twice stock's size.
 * With only_allocas set, only that last step runs (pack mode's region).
 * Items nfixed..n-1 move; ord (by offset) is kept sorted as they do, so
 * that a frame of n items costs O(n^2), not a scan of every offset. */
static void spread(cp_arena *A, const entry *e, uint64_t *off, int nfixed, int n, uint64_t end,
                   const uint64_t *conf, size_t pw, int only_allocas)
{
	int *ord = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *ord);
	for (int i = 0; i < n; i++)
		ord[i] = i;
	offctx k = {e, off};
	qsort_r(ord, (size_t)n, sizeof *ord, by_start, &k);
	uint64_t maxsz = 0, maxval = 0;
	for (int i = 0; i < n; i++) {
		maxsz = e[i].size > maxsz ? e[i].size : maxsz;
		if (e[i].kind == CP_ITEM_VALUE && e[i].size > maxval)
			maxval = e[i].size;
	}
	for (int pass = 0; pass < 2 && !only_allocas; pass++)
		for (int i = nfixed; i < n; i++) {
			/* values first (pass 0): their stores are what it saves */
			if ((pass == 0) != (e[i].kind == CP_ITEM_VALUE))
				continue;
			if (!overlaps_any(e, off, ord, n, i, maxsz, 0))
				continue;
			uint64_t o = lowest_free(e, off, ord, n, i, e[i].size, e[i].align, end);
			if (o != UINT64_MAX)
				refile(&k, ord, n, i, o, off);
		}
	for (int i = nfixed; i < n; i++) {
		if (e[i].kind != CP_ITEM_ALLOCA || !e[i].size)
			continue;
		if (!overlaps_any(e, off, ord, n, i, maxval, 1))
			continue;
		uint64_t o = lowest_beside_values(e, off, ord, n, i, conf, pw, end);
		if (o != UINT64_MAX)
			refile(&k, ord, n, i, o, off);
	}
}

/* A field of LLVM's frame struct; fixed is CP_PACK_FREE for a flexible one. */
typedef struct sfield {
	uint64_t size, align;
	int64_t fixed;
	uint64_t off;
} sfield;

/* LLVM's performOptimizedStructLayout (llvm/Support/OptimizedStructLayout):
 * fixed fields, which come first and in order, keep their offsets; each gap
 * before a fixed field is filled with the best flexible field that fits,
 * then the rest are appended best first. Best: least leading padding, then
 * most aligned, then largest, then earliest. Returns the end offset. */
static uint64_t struct_layout(sfield *fl, int n, uint64_t *maxalign)
{
	char done[8] = {0};
	uint64_t last = 0;
	*maxalign = 1;
	for (int i = 0; i < n; i++)
		if (fl[i].align > *maxalign)
			*maxalign = fl[i].align;
	for (int phase = 0, i = 0; phase < 2; phase++) {
		for (;;) {
			uint64_t limit = UINT64_MAX;
			if (phase == 0) {
				while (i < n && fl[i].fixed == CP_PACK_FREE)
					i++;
				if (i == n)
					break;
				limit = (uint64_t)fl[i].fixed;
			}
			int best = -1;
			uint64_t bpad = 0;
			for (int j = 0; j < n; j++) {
				if (fl[j].fixed != CP_PACK_FREE || done[j])
					continue;
				uint64_t at = align_to(last, fl[j].align), pad = at - last;
				if (limit != UINT64_MAX && at + fl[j].size > limit)
					continue;
				if (best < 0 || pad < bpad ||
				    (pad == bpad && (fl[j].align > fl[best].align ||
				                     (fl[j].align == fl[best].align && fl[j].size > fl[best].size)))) {
					best = j;
					bpad = pad;
				}
			}
			if (best < 0) {
				if (phase == 1)
					break;
				fl[i].off = (uint64_t)fl[i].fixed;
				last = fl[i].off + fl[i].size;
				i++;
				continue;
			}
			done[best] = 1;
			fl[best].off = align_to(last, fl[best].align);
			last = fl[best].off + fl[best].size;
		}
	}
	return last;
}

/* One coroutine's analysis in progress, passed through cp_analyze's
 * phases in order. Arrays are in the function's arena. */
typedef struct job {
	const cp_func *f;
	cp_arena *A;
	cp_coroutine *c;
	cp_live l;
	size_t sw;           /* words of a bitset over states */
	uint64_t ps;         /* pointer size (8 when the model has none) */
	uint64_t tyalign;    /* the frame struct type's alignment */
	entry *e;            /* prefix and index, frame items, rematerialized */
	int n, cap;
	int nfixed;          /* e[0..nfixed): the prefix and the index */
	int npack;           /* e[0..npack): not rematerialized */
	size_t pw;           /* words of a conflict row over packed entries */
	uint64_t *conf;      /* npack rows: conflicts */
	uint64_t *sets;      /* nstates - 1 rows: live at each suspend point */
	cp_pack_item *items; /* the packed entries as the solver sees them */
	uint64_t *off;       /* per entry: its frame offset */
	int idx;             /* the index's field in fl */
	sfield fl[5];        /* LLVM's frame fields: prefix, index, region */
	uint64_t rsize, ralign, rbase; /* the region */
} job;

/* States: Unresumed, then one per suspend ("Returned" for the final one). */
static void states(job *j)
{
	const cp_func *f = j->f;
	cp_coroutine *c = j->c;
	c->nstates = (size_t)f->nsusp + 1;
	c->states = calloc(c->nstates, sizeof *c->states);
	if (!c->states)
		abort();
	cp_state_kind *kinds = cp_arena_alloc(j->A, (size_t)(f->nsusp + 1) * sizeof *kinds);
	suspend_kinds(f, &j->l, kinds);
	c->states[0].name = cp_strdup("Unresumed");
	c->states[0].kind = CP_STATE_UNRESUMED;
	for (int s = 0, k = 0; s < f->nsusp; s++) {
		char buf[32];
		if (kinds[s] == CP_STATE_FINAL)
			snprintf(buf, sizeof buf, "Returned");
		else
			snprintf(buf, sizeof buf, "Suspend%d", k++);
		c->states[s + 1].name = cp_strdup(buf);
		c->states[s + 1].kind = kinds[s];
		c->states[s + 1].loc = cp_strdup(f->susp[s].loc);
	}
	j->sw = cp_bs_words(c->nstates);
}

/* A new entry of kind k, live nowhere yet, free to move. */
static entry *add(job *j, cp_item_kind k, const char *name, const char *type, uint64_t size,
                  uint64_t align)
{
	entry *x = &j->e[j->n++];
	*x = (entry){.kind = k, .ref = -1, .name = name, .type = type, .size = size,
	             .align = align ? align : 1, .fixed = CP_PACK_FREE,
	             .live = cp_arena_alloc(j->A, j->sw * 8)};
	return x;
}

/* The ABI prefix (resume, destroy, promise: fixed, live everywhere) and
 * the suspend index (live at every suspend point). */
static void prefix(job *j)
{
	const cp_func *f = j->f;
	uint64_t ps = j->ps;
	add(j, CP_ITEM_HEADER, "__resume_fn", "ptr", ps, ps)->fixed = 0;
	add(j, CP_ITEM_HEADER, "__destroy_fn", "ptr", ps, ps)->fixed = (int64_t)ps;
	if (f->promise_size)
		add(j, CP_ITEM_PROMISE, "__promise", f->promise_type, f->promise_size, f->promise_align)
			->fixed = (int64_t)align_to(2 * ps, f->promise_align);
	for (int i = 0; i < j->n; i++)
		for (size_t s = 0; s < j->c->nstates; s++)
			cp_bs_set(j->e[i].live, s);
	int bits = 1;
	while ((1 << bits) < f->nsusp)
		bits++;
	uint64_t isz = bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
	char itype[16];
	snprintf(itype, sizeof itype, "i%d", bits);
	entry *x = add(j, CP_ITEM_INDEX, "__suspend_index", cp_arena_strdup(j->A, itype), isz, isz);
	for (size_t s = 1; s < j->c->nstates; s++)
		cp_bs_set(x->live, s);
	j->nfixed = j->n;
}

/* Columns of per-suspend rows (nsusp rows of rw words: alive, vstore,
 * vraw), 64 ids at a time, as sets over states for the entries' live. */
typedef struct columns {
	const uint64_t *rows;
	size_t rw, tw;
	size_t have;    /* the column block in buf, or SIZE_MAX */
	uint64_t *buf;  /* 64 rows of tw words */
} columns;

static columns columns_of(job *j, const uint64_t *rows, size_t rw)
{
	size_t tw = cp_bs_words((size_t)j->f->nsusp);
	return (columns){rows, rw, tw, SIZE_MAX, cp_arena_alloc(j->A, (64 * tw + 1) * 8)};
}

/* x->live gains state s + 1 for every suspend s whose row holds id. */
static void live_from(job *j, columns *k, entry *x, size_t id)
{
	size_t nsusp = (size_t)j->f->nsusp;
	if (!nsusp)
		return;
	if (k->have != id / 64) {
		cp_bs_columns(k->rows, nsusp, k->rw, id / 64, k->buf, k->tw);
		k->have = id / 64;
	}
	cp_bs_or_at(x->live, 1, k->buf + (id % 64) * k->tw, 0, nsusp);
}

/* Frame allocas, then values stored at some suspend, then values stock
 * LLVM rematerializes (not stored); each live where liveness says. */
static void frame_items(job *j)
{
	const cp_func *f = j->f;
	const cp_live *l = &j->l;
	columns ac = columns_of(j, l->alive, l->aw);
	for (int a = 0; a < f->nalloca; a++) {
		if (!cp_bs_has(l->aframe, (size_t)a))
			continue;
		const cp_alloca *al = &f->alloca[a];
		entry *x = add(j, CP_ITEM_ALLOCA, al->name, al->type, al->size, al->align);
		x->ref = a, x->loc = al->loc;
		if (cp_bs_has(l->aramp, (size_t)a))
			cp_bs_set(x->live, 0);
		live_from(j, &ac, x, (size_t)a);
	}
	/* Values stored (or live) at some suspend: the union of the rows, in
	 * one pass over them rather than a column walk per value. */
	uint64_t *anystore = cp_arena_alloc(j->A, (l->vw ? l->vw : 1) * sizeof(uint64_t));
	uint64_t *anyraw = cp_arena_alloc(j->A, (l->vw ? l->vw : 1) * sizeof(uint64_t));
	for (int s = 0; s < f->nsusp; s++)
		for (size_t i = 0; i < l->vw; i++) {
			anystore[i] |= l->vstore[(size_t)s * l->vw + i];
			anyraw[i] |= l->vraw[(size_t)s * l->vw + i];
		}
	columns vc[2] = {columns_of(j, l->vstore, l->vw), columns_of(j, l->vraw, l->vw)};
	for (int pass = 0; pass < 2; pass++)
		for (int v = 0; v < f->nvalue; v++) {
			int stored = cp_bs_has(anystore, (size_t)v), raw = cp_bs_has(anyraw, (size_t)v);
			int remat = !stored && raw && cp_bs_has(l->vremat, (size_t)v);
			if (pass == 0 ? !stored : !remat)
				continue;
			const cp_value *cv = &f->value[v];
			entry *x = add(j, CP_ITEM_VALUE, cv->name, cv->type, cv->size, cv->align);
			x->ref = v, x->loc = cv->loc;
			x->remat = remat;
			live_from(j, &vc[remat], x, (size_t)v);
		}
	j->npack = 0;
	while (j->npack < j->n && !j->e[j->npack].remat)
		j->npack++;
}

/* Row i of conf gains every item live with i at some suspend point: the
 * union of sets over the states where i is live. Taken a run of states at
 * a time from a tree of unions (row 1 the root, row nsets + k set k, row k
 * the union of rows 2k and 2k + 1), O(log run) unions per run: a union per
 * state and item was quadratic in a coroutine of many suspends whose
 * items each live across many of them. */
static void co_live(job *j, size_t nsets)
{
	size_t pw = j->pw, nstates = nsets + 1;
	if (!nsets || !pw)
		return;
	uint64_t *t = cp_arena_alloc(j->A, (2 * nsets + 1) * pw * 8);
	cp_bs_copy(t + nsets * pw, j->sets, nsets * pw);
	for (size_t k = nsets - 1; k >= 1; k--) {
		cp_bs_copy(t + k * pw, t + 2 * k * pw, pw);
		cp_bs_or(t + k * pw, t + (2 * k + 1) * pw, pw);
	}
	for (int i = 0; i < j->npack; i++) {
		uint64_t *row = j->conf + (size_t)i * pw;
		const uint64_t *live = j->e[i].live;
		for (size_t s = cp_bs_next(live, j->sw, 1); s < nstates; s = cp_bs_next(live, j->sw, s)) {
			size_t end = cp_bs_next_zero(live, j->sw, s);
			if (end > nstates)
				end = nstates;
			/* states [s, end) are sets [s - 1, end - 1) */
			for (size_t lo = s - 1 + nsets, hi = end - 1 + nsets; lo < hi; lo /= 2, hi /= 2) {
				if (lo & 1)
					cp_bs_or(row, t + lo++ * pw, pw);
				if (hi & 1)
					cp_bs_or(row, t + --hi * pw, pw);
			}
			s = end;
		}
	}
}

/* Conflicts among the packed entries: co-live at a suspend point (not
 * Unresumed: there values are in registers, and two allocas both live
 * somewhere in the ramp need not be live at once: aconf says when);
 * prefix and index conflict with everything. Also the lower-bound seeds:
 * what is live at each suspend point (a clique, as the rows are made from
 * them: cp_pack_problem's sets_are_cliques; Unresumed is not one). */
static void conflicts(job *j)
{
	int npack = j->npack, nfixed = j->nfixed;
	const entry *e = j->e;
	size_t pw = j->pw = cp_bs_words((size_t)npack), nstates = j->c->nstates;
	uint64_t *conf = j->conf = cp_arena_alloc(j->A, (size_t)(npack + 1) * (pw + 1) * 8);
	/* sets row s-1: the items live in state s (a walk of each item's states) */
	j->sets = cp_arena_alloc(j->A, nstates * (pw + 1) * 8);
	for (int i = 0; i < npack; i++)
		for (size_t s = cp_bs_next(e[i].live, j->sw, 1); s < nstates; s = cp_bs_next(e[i].live, j->sw, s + 1))
			cp_bs_set(j->sets + (s - 1) * pw, (size_t)i);
	co_live(j, nstates - 1);
	/* The prefix and index (entries 0..nfixed-1) conflict with everything;
	 * two allocas as aconf says (walked through entry[alloca id]). */
	int *entry = cp_arena_alloc(j->A, ((size_t)j->f->nalloca + 1) * sizeof *entry);
	for (int a = 0; a < j->f->nalloca; a++)
		entry[a] = -1;
	for (int k = nfixed; k < npack; k++)
		if (e[k].kind == CP_ITEM_ALLOCA)
			entry[e[k].ref] = k;
	for (int i = 0; i < npack; i++) {
		uint64_t *row = conf + (size_t)i * pw;
		for (int k = 0; k < (i < nfixed ? npack : nfixed); k++)
			cp_bs_set(row, (size_t)k);
		if (i >= nfixed && e[i].kind == CP_ITEM_ALLOCA) {
			const uint64_t *ac = j->l.aconf + (size_t)e[i].ref * j->l.aw;
			for (size_t b = cp_bs_next(ac, j->l.aw, 0); b != SIZE_MAX; b = cp_bs_next(ac, j->l.aw, b + 1))
				if (b < (size_t)j->f->nalloca && entry[b] >= 0)
					cp_bs_set(row, (size_t)entry[b]);
		}
		cp_bs_clr(row, (size_t)i);
	}
	j->items = cp_arena_alloc(j->A, (size_t)(npack + 1) * sizeof *j->items);
	for (int i = 0; i < npack; i++)
		j->items[i] = (cp_pack_item){e[i].size, e[i].align, e[i].fixed};
}

/* The bound on the whole frame. The frame's size is a multiple of its
 * struct type's alignment (see region_frame), not of the largest requested
 * alignment, so the bound is taken with alignments capped to it. Called
 * once the frame is laid out: the solver's clique search stops when its
 * bound reaches the frame's size. */
static uint64_t lower_bound(job *j)
{
	int npack = j->npack;
	cp_pack_item *lbitems = cp_arena_alloc(j->A, (size_t)(npack + 1) * sizeof *lbitems);
	for (int i = 0; i < npack; i++) {
		lbitems[i] = j->items[i];
		if (lbitems[i].align > j->tyalign)
			lbitems[i].align = j->tyalign;
	}
	cp_pack_problem full = {(size_t)npack, lbitems, j->conf, j->c->nstates - 1, j->sets, 1};
	uint64_t lb = cp_pack_lower_bound(&full, j->c->packed_size);
	/* Every other item conflicts with the resume/destroy header, so it
	 * starts at 2*ptr_size or later, at its own alignment. */
	for (int i = j->nfixed; i < npack; i++) {
		uint64_t end = align_to(2 * j->ps, j->items[i].align) + j->items[i].size;
		if (end > lb)
			lb = end;
	}
	return align_to(lb, j->tyalign);
}

/* Pack mode's frame: the region (every frame alloca and stored value)
 * solved alone, because pack mode hands it to LLVM's split as one field;
 * then the frame as LLVM's split lays it out: the prefix at fixed offsets,
 * the index and the region as two flexible fields. Sets off, rsize,
 * ralign, rbase, fl, idx and c's packed_size and align; -1 when the
 * solver rejects the problem. */
static int region_frame(job *j, const cp_pack_options *opt)
{
	int nfixed = j->nfixed, npack = j->npack, nreg = npack - nfixed;
	const entry *e = j->e;
	size_t rw = cp_bs_words((size_t)nreg), pw = j->pw;
	uint64_t *rconf = cp_arena_alloc(j->A, (size_t)(nreg + 1) * (rw + 1) * 8);
	uint64_t *rsets = cp_arena_alloc(j->A, j->c->nstates * (rw + 1) * 8);
	/* rows and sets without the fixed entries: bits shifted down by nfixed */
	for (int i = 0; i < nreg; i++)
		cp_bs_or_at(rconf + (size_t)i * rw, 0, j->conf + (size_t)(i + nfixed) * pw, (size_t)nfixed, (size_t)nreg);
	for (size_t s = 0; s + 1 < j->c->nstates; s++)
		cp_bs_or_at(rsets + s * rw, 0, j->sets + s * pw, (size_t)nfixed, (size_t)nreg);
	cp_pack_problem rp = {(size_t)nreg, j->items + nfixed, rconf, j->c->nstates - 1, rsets, 1};
	uint64_t *off = j->off = cp_arena_alloc(j->A, (size_t)(j->n + 1) * sizeof *off);
	cp_pack_result r = {.offset = off + nfixed};
	if (cp_pack_solve(&rp, opt, &r) != 0)
		return -1;
	j->rsize = 0, j->ralign = 1;
	for (int i = nfixed; i < npack; i++) {
		if (off[i] + e[i].size > j->rsize)
			j->rsize = off[i] + e[i].size;
		if (e[i].align > j->ralign)
			j->ralign = e[i].align;
	}
	/* Allocas off values' bytes inside the region, as for the joint frame
	 * (only that step: pack mode's layouts otherwise stay the solver's). */
	spread(j->A, e + nfixed, off + nfixed, 0, nreg, j->rsize, rconf, rw, 1);

	int nf = 0, reg = -1;
	for (int i = 0; i < nfixed; i++) {
		if (e[i].kind == CP_ITEM_INDEX)
			j->idx = nf;
		j->fl[nf++] = (sfield){e[i].size, e[i].align, e[i].fixed, 0};
	}
	/* Zero-size items (an empty awaiter, a [0 x T]) still need an address
	 * in the frame: the region exists when it holds any item. */
	if (nreg > 0) {
		reg = nf;
		j->fl[nf++] = (sfield){j->rsize, j->ralign, CP_PACK_FREE, 0};
	}
	uint64_t falign;
	uint64_t end = struct_layout(j->fl, nf, &falign);
	for (int i = 0; i < nfixed; i++)
		off[i] = j->fl[i].off;
	j->rbase = reg >= 0 ? j->fl[reg].off : 0;
	for (int i = nfixed; i < npack; i++)
		off[i] += j->rbase;
	/* The frame's size is the alloc size of LLVM's frame struct type, whose
	 * alignment is that of its field types (pointers, the promise type; the
	 * region [N x i8] and the index count 1), not the fields' requested
	 * alignments. */
	j->c->packed_size = align_to(end, j->tyalign);
	j->c->align = falign;
	return 0;
}

/* Lower mode: the whole frame from one solve, kept (in off, and c's
 * packed_size and align) when no larger than the region frame. Returns
 * whether it was kept. */
static int joint_frame(job *j, const cp_pack_options *opt)
{
	int npack = j->npack;
	const entry *e = j->e;
	uint64_t *joff = cp_arena_alloc(j->A, (size_t)(npack + 1) * sizeof *joff);
	cp_pack_problem jp = {(size_t)npack, j->items, j->conf, j->c->nstates - 1, j->sets, 1};
	cp_pack_result jr = {.offset = joff};
	if (cp_pack_solve(&jp, opt, &jr) != 0)
		return 0;
	uint64_t jend = 0, jal = j->ps;
	for (int i = 0; i < npack; i++) {
		if (joff[i] + e[i].size > jend)
			jend = joff[i] + e[i].size;
		if (e[i].align > jal)
			jal = e[i].align;
	}
	uint64_t size = align_to(jend, j->tyalign);
	if (size > j->c->packed_size)
		return 0;
	spread(j->A, e, joff, j->nfixed, npack, size, j->conf, j->pw, 0);
	memcpy(j->off, joff, (size_t)npack * sizeof *j->off);
	j->c->packed_size = size;
	j->c->align = jal;
	return 1;
}

/* The plan pack and lower mode materialize (analyze.h). */
static void fill_plan(job *j, int joint, cp_plan *plan)
{
	const cp_func *f = j->f;
	plan->absolute = joint;
	plan->index_off = j->off[j->idx];
	plan->index_size = j->fl[j->idx].size;
	plan->promise_off = align_to(2 * j->ps, f->promise_align ? f->promise_align : 1);
	plan->frame_size = j->c->packed_size;
	plan->frame_align = j->c->align;
	plan->region_size = j->rsize;
	plan->region_items = j->npack - j->nfixed;
	plan->region_align = j->ralign;
	plan->region_base = j->rbase;
	plan->value_off = cp_arena_alloc(j->A, (size_t)(f->nvalue + 1) * sizeof(uint64_t));
	plan->alloca_off = cp_arena_alloc(j->A, (size_t)(f->nalloca + 1) * sizeof(uint64_t));
	for (int v = 0; v < f->nvalue; v++)
		plan->value_off[v] = CP_NO_OFFSET;
	for (int a = 0; a < f->nalloca; a++)
		plan->alloca_off[a] = CP_NO_OFFSET;
	for (int i = j->nfixed; i < j->npack; i++) {
		uint64_t ro = joint ? j->off[i] : j->off[i] - j->rbase;
		if (j->e[i].kind == CP_ITEM_VALUE)
			plan->value_off[j->e[i].ref] = ro;
		else
			plan->alloca_off[j->e[i].ref] = ro;
	}
	plan->live = j->l;
}

/* c's items in offset order, rematerialized values last, and (graph) its
 * conflict matrix in that order. */
static void output(job *j, int graph)
{
	cp_coroutine *c = j->c;
	int n = j->n;
	int *ord = cp_arena_alloc(j->A, (size_t)(n + 1) * sizeof *ord);
	for (int i = 0; i < n; i++)
		ord[i] = i;
	qsort_r(ord, (size_t)n, sizeof *ord, by_offset, &(sortctx){j->e, j->off});
	int *pos = cp_arena_alloc(j->A, (size_t)(n + 1) * sizeof *pos);
	for (int k = 0; k < n; k++) {
		const entry *en = &j->e[ord[k]];
		pos[ord[k]] = k;
		cp_item *it = cp_coroutine_add_item(c);
		it->name = cp_strdup(en->name);
		it->type = cp_strdup(en->type);
		it->loc = cp_strdup(en->loc);
		it->kind = en->kind;
		it->size = en->size;
		it->align = en->align;
		it->remat = en->remat;
		it->offset = en->remat ? CP_NO_OFFSET : j->off[ord[k]];
		cp_bs_copy(it->live, en->live, j->sw);
	}
	if (!graph)
		return;
	size_t cw = cp_bs_words((size_t)n);
	c->conflict = calloc((size_t)n * cw + 1, sizeof *c->conflict);
	if (!c->conflict)
		abort();
	for (int i = 0; i < j->npack; i++) {
		const uint64_t *row = j->conf + (size_t)i * j->pw;
		for (size_t k = cp_bs_next(row, j->pw, 0); k != SIZE_MAX; k = cp_bs_next(row, j->pw, k + 1))
			cp_bs_set(c->conflict + (size_t)pos[i] * cw, (size_t)pos[k]);
	}
}

int cp_analyze(const cp_func *f, int level, const cp_pack_options *opt, cp_coroutine *c, cp_plan *plan)
{
	job j = {.f = f, .A = f->arena, .c = c};
	cp_live_compute(f, &j.l);
	c->name = cp_strdup(f->name);
	c->demangled = cp_strdup(f->demangled);
	c->level = level;
	j.ps = f->ptr_size ? f->ptr_size : 8;
	j.tyalign = j.ps > f->promise_tyalign ? j.ps : f->promise_tyalign;
	states(&j);
	j.cap = 4 + f->nalloca + f->nvalue;
	j.e = cp_arena_alloc(j.A, (size_t)j.cap * sizeof *j.e);
	prefix(&j);
	frame_items(&j);
	conflicts(&j);
	if (region_frame(&j, opt) != 0) {
		cp_coroutine_set_status(c, CP_STATUS_STOCK, "the solver rejected the frame problem");
		return -1;
	}
	int joint = plan && plan->joint && joint_frame(&j, opt);
	c->lower_bound = lower_bound(&j);
	if (plan)
		fill_plan(&j, joint, plan);
	output(&j, !(plan && plan->no_graph));
	cp_coroutine_set_status(c, CP_STATUS_PACKED, NULL);
	return 0;
}
