/* From liveness to a packed frame; see analyze.h for the frame model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <coropack/bitset.h>
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
static void suspend_kinds(const cp_func *f, cp_state_kind *kind)
{
	char *mark = calloc((size_t)f->nblock + 1, 1);
	int *stack = calloc((size_t)f->nblock + 1, sizeof *stack);
	int *blk = calloc((size_t)f->nsusp + 1, sizeof *blk);
	if (!mark || !stack || !blk)
		abort();
	int sp = 0;
	for (int s = 0; s < f->nsusp; s++) {
		blk[s] = -1;
		for (int b = 0; b < f->nblock; b++)
			if (f->susp[s].inst >= f->block[b].first &&
			    f->susp[s].inst < f->block[b].first + f->block[b].ninst)
				blk[s] = b;
		for (int e = 0; blk[s] >= 0 && e < f->block[blk[s]].nsucc; e++) {
			int t = f->block[blk[s]].succ[e];
			if (!mark[t]) {
				mark[t] = 1;
				stack[sp++] = t;
			}
		}
	}
	while (sp) {
		int b = stack[--sp];
		for (int e = 0; e < f->block[b].nsucc; e++) {
			int t = f->block[b].succ[e];
			if (!mark[t]) {
				mark[t] = 1;
				stack[sp++] = t;
			}
		}
	}
	for (int s = 0; s < f->nsusp; s++)
		kind[s] = f->susp[s].final ? CP_STATE_FINAL
		          : (blk[s] >= 0 && !mark[blk[s]]) ? CP_STATE_INITIAL : CP_STATE_AWAIT;
	free(mark);
	free(stack);
	free(blk);
}

/* qsort has no context argument in C11: the order reads these. */
static const entry *g_entries;
static const uint64_t *g_offsets;

/* Stored items by offset, larger first at one offset; rematerialized last. */
static int by_offset(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	const entry *ea = &g_entries[a], *eb = &g_entries[b];
	if (ea->remat != eb->remat)
		return ea->remat - eb->remat;
	if (!ea->remat && g_offsets[a] != g_offsets[b])
		return g_offsets[a] < g_offsets[b] ? -1 : 1;
	if (ea->size != eb->size)
		return ea->size > eb->size ? -1 : 1;
	return a - b;
}

int cp_analyze(const cp_func *f, int level, const cp_pack_options *opt, cp_coroutine *c)
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
	suspend_kinds(f, kinds);
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
	for (int pass = 0; pass < 2; pass++)
		for (int v = 0; v < f->nvalue; v++) {
			int stored = 0, raw = 0;
			for (int s = 0; s < f->nsusp; s++) {
				stored |= cp_bs_has(l.vstore + (size_t)s * l.vw, (size_t)v);
				raw |= cp_bs_has(l.vraw + (size_t)s * l.vw, (size_t)v);
			}
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
	cp_pack_problem p = {(size_t)npack, items, conf, c->nstates - 1, sets};
	uint64_t *off = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *off);
	cp_pack_result r = {.offset = off};
	if (cp_pack_solve(&p, opt, &r) != 0) {
		c->status = cp_strdup("stock: the solver rejected the frame problem");
		return -1;
	}
	c->packed_size = r.size;
	c->lower_bound = r.lower_bound;
	c->optimal = r.optimal;
	c->align = 1;
	for (int i = 0; i < npack; i++)
		if (e[i].align > c->align)
			c->align = e[i].align;

	/* Output in offset order, rematerialized values last. */
	int *ord = cp_arena_alloc(A, (size_t)(n + 1) * sizeof *ord);
	for (int i = 0; i < n; i++)
		ord[i] = i;
	g_entries = e;
	g_offsets = off;
	qsort(ord, (size_t)n, sizeof *ord, by_offset);
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
	c->status = cp_strdup("packed");
	return 0;
}
