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
		int b = 0;
		while (b + 1 < f->nblock && f->block[b + 1].first <= f->susp[s].inst)
			b++;
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
	for (int pass = 0; pass < 2 && !only_allocas; pass++)
		for (int i = nfixed; i < n; i++) {
			/* values first (pass 0): their stores are what it saves */
			if ((pass == 0) != (e[i].kind == CP_ITEM_VALUE))
				continue;
			int shared = 0;
			for (int j = 0; j < n && !shared; j++)
				shared = j != i && overlaps(e, off, j, off[i], e[i].size);
			if (!shared)
				continue;
			uint64_t o = lowest_free(e, off, ord, n, i, e[i].size, e[i].align, end);
			if (o != UINT64_MAX)
				refile(&k, ord, n, i, o, off);
		}
	for (int i = nfixed; i < n; i++) {
		if (e[i].kind != CP_ITEM_ALLOCA || !e[i].size)
			continue;
		int on_value = 0;
		for (int j = 0; j < n && !on_value; j++)
			on_value = j != i && e[j].kind == CP_ITEM_VALUE && overlaps(e, off, j, off[i], e[i].size);
		if (!on_value)
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

int cp_analyze(const cp_func *f, int level, const cp_pack_options *opt, cp_coroutine *c, cp_plan *plan)
{
	cp_live l;
	cp_live_compute(f, &l);
	cp_arena *A = f->arena;

	c->name = cp_strdup(f->name);
	c->demangled = cp_strdup(f->demangled);
	c->level = level;
	c->nstates = (size_t)f->nsusp + 1;
	c->states = calloc(c->nstates, sizeof *c->states);
	cp_state_kind *kinds = cp_arena_alloc(A, (size_t)(f->nsusp + 1) * sizeof *kinds);
	suspend_kinds(f, &l, kinds);
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
	size_t sw = cp_bs_words(c->nstates);

	/* Entries: prefix, index, frame allocas, stored values, remats. */
	int cap = 4 + f->nalloca + f->nvalue, n = 0;
	entry *e = cp_arena_alloc(A, (size_t)cap * sizeof *e);
	uint64_t ps = f->ptr_size ? f->ptr_size : 8;
#define NEW(k) (e[n] = (entry){.kind = (k), .ref = -1, .fixed = CP_PACK_FREE, \
                               .live = cp_arena_alloc(A, sw * 8)}, &e[n++])
	entry *x = NEW(CP_ITEM_HEADER);
	*x = (entry){CP_ITEM_HEADER, -1, "__resume_fn", "ptr", NULL, ps, ps, 0, 0, x->live};
	x = NEW(CP_ITEM_HEADER);
	*x = (entry){CP_ITEM_HEADER, -1, "__destroy_fn", "ptr", NULL, ps, ps, (int64_t)ps, 0, x->live};
	if (f->promise_size) {
		x = NEW(CP_ITEM_PROMISE);
		*x = (entry){CP_ITEM_PROMISE, -1, "__promise", f->promise_type, NULL, f->promise_size,
		             f->promise_align, (int64_t)align_to(2 * ps, f->promise_align), 0, x->live};
	}
	for (int i = 0; i < n; i++)
		for (size_t s = 0; s < c->nstates; s++)
			cp_bs_set(e[i].live, s);
	int bits = 1;
	while ((1 << bits) < f->nsusp)
		bits++;
	uint64_t isz = bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
	x = NEW(CP_ITEM_INDEX);
	*x = (entry){CP_ITEM_INDEX, -1, "__suspend_index", bits <= 8 ? "i8" : "i16", NULL,
	             isz, isz, CP_PACK_FREE, 0, x->live};
	char itype[16];
	snprintf(itype, sizeof itype, "i%d", bits);
	x->type = cp_arena_strdup(A, itype);
	for (size_t s = 1; s < c->nstates; s++)
		cp_bs_set(x->live, s);
	int nfixed = n;

	for (int a = 0; a < f->nalloca; a++) {
		if (!cp_bs_has(l.aframe, (size_t)a))
			continue;
		const cp_alloca *al = &f->alloca[a];
		x = NEW(CP_ITEM_ALLOCA);
		x->ref = a;
		x->name = al->name, x->type = al->type, x->loc = al->loc;
		x->size = al->size, x->align = al->align ? al->align : 1;
		if (cp_bs_has(l.aramp, (size_t)a))
			cp_bs_set(x->live, 0);
		for (int s = 0; s < f->nsusp; s++)
			if (cp_bs_has(l.alive + (size_t)s * l.aw, (size_t)a))
				cp_bs_set(x->live, (size_t)s + 1);
	}
	/* Values stored (or live) at some suspend: the union of the rows, in
	 * one pass over them rather than a column walk per value. */
	uint64_t *anystore = cp_arena_alloc(A, (l.vw ? l.vw : 1) * sizeof(uint64_t));
	uint64_t *anyraw = cp_arena_alloc(A, (l.vw ? l.vw : 1) * sizeof(uint64_t));
	for (int s = 0; s < f->nsusp; s++)
		for (size_t i = 0; i < l.vw; i++) {
			anystore[i] |= l.vstore[(size_t)s * l.vw + i];
			anyraw[i] |= l.vraw[(size_t)s * l.vw + i];
		}
	for (int pass = 0; pass < 2; pass++)
		for (int v = 0; v < f->nvalue; v++) {
			int stored = cp_bs_has(anystore, (size_t)v), raw = cp_bs_has(anyraw, (size_t)v);
			int remat = !stored && raw && cp_bs_has(l.vremat, (size_t)v);
			if (pass == 0 ? !stored : !remat)
				continue;
			const cp_value *cv = &f->value[v];
			x = NEW(CP_ITEM_VALUE);
			x->ref = v;
			x->name = cv->name, x->type = cv->type, x->loc = cv->loc;
			x->size = cv->size, x->align = cv->align ? cv->align : 1;
			x->remat = remat;
			const uint64_t *rows = remat ? l.vraw : l.vstore;
			for (int s = 0; s < f->nsusp; s++)
				if (cp_bs_has(rows + (size_t)s * l.vw, (size_t)v))
					cp_bs_set(x->live, (size_t)s + 1);
		}
#undef NEW
	int npack = 0;
	while (npack < n && !e[npack].remat)
		npack++;

	/* Conflicts among the packed entries: co-live at a suspend point (not
	 * Unresumed: there values are in registers, and two allocas both live
	 * somewhere in the ramp need not be live at once: aconf says when);
	 * prefix and index conflict with everything. */
	size_t pw = cp_bs_words((size_t)npack);
	uint64_t *conf = cp_arena_alloc(A, (size_t)(npack + 1) * (pw + 1) * 8);
	uint64_t *at = cp_arena_alloc(A, (pw + 1) * 8);
	for (size_t s = 1; s < c->nstates; s++) {
		cp_bs_zero(at, pw);
		for (int i = 0; i < npack; i++)
			if (cp_bs_has(e[i].live, s))
				cp_bs_set(at, (size_t)i);
		for (int i = 0; i < npack; i++)
			if (cp_bs_has(at, (size_t)i))
				cp_bs_or(conf + (size_t)i * pw, at, pw);
	}
	for (int i = 0; i < npack; i++) {
		for (int j = 0; j < npack; j++) {
			int cf = i < nfixed || j < nfixed;
			if (!cf && e[i].kind == CP_ITEM_ALLOCA && e[j].kind == CP_ITEM_ALLOCA)
				cf = cp_bs_has(l.aconf + (size_t)e[i].ref * l.aw, (size_t)e[j].ref);
			if (cf)
				cp_bs_set(conf + (size_t)i * pw, (size_t)j);
		}
		cp_bs_clr(conf + (size_t)i * pw, (size_t)i);
	}
	/* Lower-bound seeds: what is live at each suspend point (a clique;
	 * Unresumed is not one). */
	uint64_t *sets = cp_arena_alloc(A, c->nstates * (pw + 1) * 8);
	for (size_t s = 1; s < c->nstates; s++)
		for (int i = 0; i < npack; i++)
			if (cp_bs_has(e[i].live, s))
				cp_bs_set(sets + (s - 1) * pw, (size_t)i);

	cp_pack_item *items = cp_arena_alloc(A, (size_t)(npack + 1) * sizeof *items);
	for (int i = 0; i < npack; i++)
		items[i] = (cp_pack_item){e[i].size, e[i].align, e[i].fixed};
	/* Bound on the whole frame: the frame's size is a multiple of its
	 * struct type's alignment (see below), not of the largest requested
	 * alignment, so the bound is taken with alignments capped to it. */
	uint64_t ps_ = f->ptr_size ? f->ptr_size : 8;
	uint64_t tyalign = ps_ > f->promise_tyalign ? ps_ : f->promise_tyalign;
	cp_pack_item *lbitems = cp_arena_alloc(A, (size_t)(npack + 1) * sizeof *lbitems);
	for (int i = 0; i < npack; i++) {
		lbitems[i] = items[i];
		if (lbitems[i].align > tyalign)
			lbitems[i].align = tyalign;
	}
	cp_pack_problem full = {(size_t)npack, lbitems, conf, c->nstates - 1, sets};
	uint64_t lb = cp_pack_lower_bound(&full);
	/* Every other item conflicts with the resume/destroy header, so it
	 * starts at 2*ptr_size or later, at its own alignment. */
	for (int i = nfixed; i < npack; i++)
		if (align_to(2 * ps_, items[i].align) + items[i].size > lb)
			lb = align_to(2 * ps_, items[i].align) + items[i].size;
	c->lower_bound = align_to(lb, tyalign);

	/* The region: every frame alloca and stored value, solved alone,
	 * because pack mode hands it to LLVM's split as one field. */
	int nreg = npack - nfixed;
	size_t rw = cp_bs_words((size_t)nreg);
	uint64_t *rconf = cp_arena_alloc(A, (size_t)(nreg + 1) * (rw + 1) * 8);
	uint64_t *rsets = cp_arena_alloc(A, c->nstates * (rw + 1) * 8);
	for (int i = 0; i < nreg; i++)
		for (int j = 0; j < nreg; j++)
			if (cp_bs_has(conf + (size_t)(i + nfixed) * pw, (size_t)(j + nfixed)))
				cp_bs_set(rconf + (size_t)i * rw, (size_t)j);
	for (size_t s = 0; s + 1 < c->nstates; s++)
		for (int i = 0; i < nreg; i++)
			if (cp_bs_has(sets + s * pw, (size_t)(i + nfixed)))
				cp_bs_set(rsets + s * rw, (size_t)i);
	cp_pack_problem rp = {(size_t)nreg, items + nfixed, rconf, c->nstates - 1, rsets};
	uint64_t *off = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *off);
	cp_pack_result r = {.offset = off + nfixed};
	if (cp_pack_solve(&rp, opt, &r) != 0) {
		cp_coroutine_set_status(c, CP_STATUS_STOCK, "the solver rejected the frame problem");
		return -1;
	}
	uint64_t rsize = 0, ralign = 1;
	for (int i = nfixed; i < npack; i++) {
		if (off[i] + e[i].size > rsize)
			rsize = off[i] + e[i].size;
		if (e[i].align > ralign)
			ralign = e[i].align;
	}
	/* Allocas off values' bytes inside the region, as for the joint frame
	 * below (only that step: pack mode's layouts otherwise stay the
	 * solver's). */
	spread(A, e + nfixed, off + nfixed, 0, nreg, rsize, rconf, rw, 1);

	/* The frame as LLVM's split lays it out: the prefix at fixed offsets,
	 * then the index and the region as two flexible fields. */
	sfield fl[5];
	int nf = 0, idx = -1, reg = -1;
	for (int i = 0; i < nfixed; i++) {
		if (e[i].kind == CP_ITEM_INDEX)
			idx = nf;
		fl[nf++] = (sfield){e[i].size, e[i].align, e[i].fixed, 0};
	}
	/* Zero-size items (an empty awaiter, a [0 x T]) still need an address
	 * in the frame: the region exists when it holds any item. */
	if (nreg > 0) {
		reg = nf;
		fl[nf++] = (sfield){rsize, ralign, CP_PACK_FREE, 0};
	}
	uint64_t falign;
	uint64_t end = struct_layout(fl, nf, &falign);
	for (int i = 0; i < nfixed; i++)
		off[i] = fl[i].off;
	uint64_t rbase = reg >= 0 ? fl[reg].off : 0;
	for (int i = nfixed; i < npack; i++)
		off[i] += rbase;
	/* The frame's size is the alloc size of LLVM's frame struct type, whose
	 * alignment is that of its field types (pointers, the promise type; the
	 * region [N x i8] and the index count 1), not the fields' requested
	 * alignments. */
	c->packed_size = align_to(end, tyalign);
	c->align = falign;

	/* Lower mode: the whole frame from one solve, kept when no larger. */
	int joint = 0;
	if (plan && plan->joint) {
		uint64_t *joff = cp_arena_alloc(A, (size_t)(npack + 1) * sizeof *joff);
		cp_pack_problem jp = {(size_t)npack, items, conf, c->nstates - 1, sets};
		cp_pack_result jr = {.offset = joff};
		if (cp_pack_solve(&jp, opt, &jr) == 0) {
			uint64_t jend = 0, jal = ps_;
			for (int i = 0; i < npack; i++) {
				if (joff[i] + e[i].size > jend)
					jend = joff[i] + e[i].size;
				if (e[i].align > jal)
					jal = e[i].align;
			}
			if (align_to(jend, tyalign) <= c->packed_size) {
				joint = 1;
				spread(A, e, joff, nfixed, npack, align_to(jend, tyalign), conf, pw, 0);
				memcpy(off, joff, (size_t)npack * sizeof *off);
				c->packed_size = align_to(jend, tyalign);
				c->align = jal;
			}
		}
	}
	if (plan) {
		plan->absolute = joint;
		plan->index_off = off[idx];
		plan->index_size = fl[idx].size;
		plan->promise_off = align_to(2 * ps_, f->promise_align ? f->promise_align : 1);
		plan->frame_size = c->packed_size;
		plan->frame_align = c->align;
		plan->region_size = rsize;
		plan->region_items = nreg;
		plan->region_align = ralign;
		plan->region_base = rbase;
		plan->value_off = cp_arena_alloc(A, (size_t)(f->nvalue + 1) * sizeof(uint64_t));
		plan->alloca_off = cp_arena_alloc(A, (size_t)(f->nalloca + 1) * sizeof(uint64_t));
		for (int v = 0; v < f->nvalue; v++)
			plan->value_off[v] = CP_NO_OFFSET;
		for (int a = 0; a < f->nalloca; a++)
			plan->alloca_off[a] = CP_NO_OFFSET;
		for (int i = nfixed; i < npack; i++) {
			uint64_t ro = joint ? off[i] : off[i] - rbase;
			if (e[i].kind == CP_ITEM_VALUE)
				plan->value_off[e[i].ref] = ro;
			else
				plan->alloca_off[e[i].ref] = ro;
		}
		plan->live = l;
	}

	/* Output in offset order, rematerialized values last. */
	int *ord = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *ord);
	for (int i = 0; i < n; i++)
		ord[i] = i;
	qsort_r(ord, (size_t)n, sizeof *ord, by_offset, &(sortctx){e, off});
	int *pos = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *pos);
	for (int k = 0; k < n; k++) {
		const entry *en = &e[ord[k]];
		pos[ord[k]] = k;
		cp_item *it = cp_coroutine_add_item(c);
		it->name = cp_strdup(en->name);
		it->type = cp_strdup(en->type);
		it->loc = cp_strdup(en->loc);
		it->kind = en->kind;
		it->size = en->size;
		it->align = en->align;
		it->remat = en->remat;
		it->offset = en->remat ? CP_NO_OFFSET : off[ord[k]];
		cp_bs_copy(it->live, en->live, sw);
	}
	size_t cw = cp_bs_words((size_t)n);
	c->conflict = calloc((size_t)n * cw + 1, sizeof *c->conflict);
	if (!c->conflict)
		abort();
	for (int i = 0; i < npack; i++)
		for (int j = 0; j < npack; j++)
			if (cp_bs_has(conf + (size_t)i * pw, (size_t)j))
				cp_bs_set(c->conflict + (size_t)pos[i] * cw, (size_t)pos[j]);
	cp_coroutine_set_status(c, CP_STATUS_PACKED, NULL);
	return 0;
}
