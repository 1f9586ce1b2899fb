/* Liveness across suspend points; see liveness.h for the contract. */
#include <stdlib.h>
#include <string.h>
#include "bitset.h"
#include "liveness.h"
#include "segments.h"

#define ROW(base, w, i) ((base) + (size_t)(i) * (w))

static uint64_t *rows(const cp_func *f, size_t n, size_t w)
{
	return cp_arena_alloc(f->arena, (n ? n : 1) * (w ? w : 1) * sizeof(uint64_t));
}

/* Blocks in post-order from the entry (unreachable blocks left out). */
static int *postorder(const cp_func *f, int *n)
{
	int *order = cp_arena_alloc(f->arena, (size_t)(f->nblock + 1) * sizeof *order);
	int *stack = calloc((size_t)f->nblock + 1, sizeof *stack);
	int *next = calloc((size_t)f->nblock + 1, sizeof *next);
	char *seen = calloc((size_t)f->nblock + 1, 1);
	if (!stack || !next || !seen)
		abort();
	int sp = 0, k = 0;
	if (f->nblock) {
		stack[sp++] = 0;
		seen[0] = 1;
	}
	while (sp) {
		int b = stack[sp - 1];
		if (next[b] < f->block[b].nsucc) {
			int s = f->block[b].succ[next[b]++];
			if (!seen[s]) {
				seen[s] = 1;
				stack[sp++] = s;
			}
		} else {
			order[k++] = b;
			sp--;
		}
	}
	free(stack);
	free(next);
	free(seen);
	*n = k;
	return order;
}

/* Backward liveness of SSA values, one value at a time: from each use back
 * to the definition, block by block, so that a value costs its live range
 * and no row per block and value is kept (a dense live-in set per block
 * was nblock x nvalue bits: 157 MB for one -O0 coroutine with 2,000
 * suspends). A value is recorded in vraw[s] when it is live right after
 * suspend s's llvm.coro.suspend or its llvm.coro.save (not the suspend's
 * own result). A coro.end stops the walk: what is live after it is not
 * live before it. Only blocks reachable from the entry count, and a phi
 * use counts at the end of its incoming block when that edge is one the
 * clones take. */

/* Instructions the walk stops at besides the definition. */
static int marks_value(const cp_inst *in)
{
	return in->op == CP_OP_END || in->op == CP_OP_SUSPEND || (in->op == CP_OP_SAVE && in->slot >= 0);
}

static int has_succ(const cp_block *b, int t)
{
	for (int e = 0; e < b->nsucc; e++)
		if (b->succ[e] == t)
			return 1;
	return 0;
}

typedef struct vwalk {
	int *dblk, *dins;  /* per value: block and instruction of its definition, -1 for an argument */
	int *mfirst, *mark; /* per block: its marks_value instructions, mfirst[b]..mfirst[b+1] */
	int *stamp, *work;  /* per block: the last value whose live-out it was; worklist */
	int *top, *dep;     /* per block: the end of its straight chain, and its depth in it (chains) */
} vwalk;

/* Straight chains, so that a walk crosses a run of blocks without marks in
 * one step (a value used far below its definition, across blocks of calls,
 * cost a step per block per value): block b links to its one predecessor q
 * when q is reachable, has no marks_value instruction, and b is the only
 * successor of q whose one predecessor is q (q's other successors, such as
 * a landing pad of an invoke, have others): the links form simple paths.
 * top[b] is where b's links end, dep[b] how many links lead there. A value
 * is live into top[b] when it is live into b and defined in none of the
 * linked blocks (they record nothing). */
static int sole_pred(const cp_block *b)
{
	return b->npred == 1 ? b->pred[0] : -1;
}

static void chains(const cp_func *f, const char *reach, vwalk *g)
{
	int nb = f->nblock;
	int *kids = calloc((size_t)nb + 1, sizeof *kids); /* successors whose one predecessor it is */
	if (!kids)
		abort();
	for (int b = 0; b < nb; b++) {
		g->top[b] = -1;
		if (sole_pred(&f->block[b]) >= 0)
			kids[sole_pred(&f->block[b])]++;
	}
	for (int b = 0; b < nb; b++) {
		int x = b, n = 0;
		/* up to the first block of b's chain whose top is known */
		while (g->top[x] < 0) {
			int q = sole_pred(&f->block[x]);
			if (q < 0 || q == x || !reach[q] || kids[q] != 1 || g->mfirst[q] != g->mfirst[q + 1] ||
			    n == nb) {
				g->top[x] = x;
				g->dep[x] = 0;
				break;
			}
			g->work[n++] = x;
			x = q;
		}
		while (n--) {
			int y = g->work[n];
			g->top[y] = g->top[x];
			g->dep[y] = g->dep[x] + 1;
			x = y;
		}
	}
	free(kids);
}

/* v is live right before instruction pos of block b (pos = the block's end:
 * live out). Records it at the suspend points above pos, up to its
 * definition or a coro.end; returns 1 when it is live into b. */
static int walk_block(const cp_func *f, const vwalk *g, cp_live *l, int v, int b, int pos)
{
	int low = g->dblk[v] == b ? g->dins[v] : f->block[b].first - 1;
	for (int k = g->mfirst[b + 1] - 1; k >= g->mfirst[b]; k--) {
		int j = g->mark[k];
		if (j >= pos)
			continue;
		if (j <= low)
			break;
		const cp_inst *in = &f->inst[j];
		if (in->op == CP_OP_END)
			return 0;
		if (in->def != v)
			cp_bs_set(ROW(l->vraw, l->vw, in->slot), (size_t)v);
	}
	return g->dblk[v] != b;
}

static void walk_value(const cp_func *f, const vwalk *g, const char *reach, cp_live *l, int v, int b, int pos)
{
	int sp = 0;
	if (!walk_block(f, g, l, v, b, pos))
		return;
	g->work[sp++] = b;
	while (sp) {
		const cp_block *bb = &f->block[g->work[--sp]];
		for (int e = 0; e < bb->npred; e++) {
			int p = bb->pred[e];
			if (!reach[p] || g->stamp[p] == v)
				continue;
			g->stamp[p] = v;
			if (!walk_block(f, g, l, v, p, f->block[p].first + f->block[p].ninst))
				continue;
			/* live into p, then along p's chain (chains) unless v is
			 * defined in it */
			int t = g->top[p], d = g->dblk[v];
			if (t != p) {
				if (d >= 0 && g->top[d] == t && g->dep[d] < g->dep[p])
					continue;
				if (g->stamp[t] == v)
					continue;
				g->stamp[t] = v;
				p = t;
			}
			g->work[sp++] = p;
		}
	}
}

static void values(const cp_func *f, const int *po, int npo, cp_live *l)
{
	int nb = f->nblock, nv = f->nvalue;
	char *reach = calloc((size_t)nb + 1, 1);
	vwalk g = {
		.dblk = malloc(((size_t)nv + 1) * sizeof(int)), .dins = malloc(((size_t)nv + 1) * sizeof(int)),
		.mfirst = calloc((size_t)nb + 2, sizeof(int)), .mark = malloc(((size_t)f->ninst + 1) * sizeof(int)),
		.stamp = malloc(((size_t)nb + 1) * sizeof(int)), .work = malloc(((size_t)nb + 1) * sizeof(int)),
		.top = malloc(((size_t)nb + 1) * sizeof(int)), .dep = malloc(((size_t)nb + 1) * sizeof(int)),
	};
	if (!reach || !g.dblk || !g.dins || !g.mfirst || !g.mark || !g.stamp || !g.work || !g.top || !g.dep)
		abort();
	for (int k = 0; k < npo; k++)
		reach[po[k]] = 1;
	for (int v = 0; v < nv; v++)
		g.dblk[v] = g.dins[v] = -1;
	int nm = 0, *l_use_blk = NULL, *l_use_pos = NULL;
	for (int b = 0; b < nb; b++) {
		g.mfirst[b] = nm;
		g.stamp[b] = -1;
		for (int i = f->block[b].first; i < f->block[b].first + f->block[b].ninst; i++) {
			if (f->inst[i].def >= 0) {
				g.dblk[f->inst[i].def] = b;
				g.dins[f->inst[i].def] = i;
			}
			if (marks_value(&f->inst[i]))
				g.mark[nm++] = i;
		}
	}
	g.mfirst[nb] = nm;
	chains(f, reach, &g);
	/* The uses of each value (block, position; a phi use at the end of
	 * its incoming block), grouped by value so that its walks share the
	 * stamps: a block's live-out is walked once per value. */
	int *ufirst = calloc((size_t)nv + 2, sizeof(int));
	if (!ufirst)
		abort();
	for (int pass = 0; pass < 2; pass++) {
		for (int b = 0; b < nb; b++) {
			if (!reach[b])
				continue;
			for (int i = f->block[b].first; i < f->block[b].first + f->block[b].ninst; i++) {
				const cp_inst *in = &f->inst[i];
				for (int u = 0; u < in->nuse; u++) {
					int v = in->use[u], ub = b, up = i;
					if (v < 0)
						continue;
					if (in->op == CP_OP_PHI) {
						ub = in->phi_pred[u];
						if (ub < 0 || !reach[ub] || !has_succ(&f->block[ub], b))
							continue;
						up = f->block[ub].first + f->block[ub].ninst;
					}
					if (pass == 0) {
						ufirst[v + 1]++;
					} else {
						int at = g.work[v]++;
						l_use_blk[at] = ub;
						l_use_pos[at] = up;
					}
				}
			}
		}
		if (pass == 0) {
			for (int v = 0; v < nv; v++)
				ufirst[v + 1] += ufirst[v];
			l_use_blk = malloc(((size_t)ufirst[nv] + 1) * sizeof(int));
			l_use_pos = malloc(((size_t)ufirst[nv] + 1) * sizeof(int));
			free(g.work);
			g.work = malloc(((size_t)(nv > nb ? nv : nb) + 1) * sizeof(int));
			if (!l_use_blk || !l_use_pos || !g.work)
				abort();
			memcpy(g.work, ufirst, (size_t)nv * sizeof(int));
		}
	}
	for (int v = 0; v < nv; v++)
		for (int k = ufirst[v]; k < ufirst[v + 1]; k++) {
			int b = l_use_blk[k], pos = l_use_pos[k];
			/* A live-out walked already for v needs no second walk. */
			if (pos == f->block[b].first + f->block[b].ninst) {
				if (g.stamp[b] == v)
					continue;
				g.stamp[b] = v;
			}
			walk_value(f, &g, reach, l, v, b, pos);
		}
	free(ufirst);
	free(l_use_blk);
	free(l_use_pos);
	free(reach);
	free(g.dblk);
	free(g.dins);
	free(g.mfirst);
	free(g.mark);
	free(g.stamp);
	free(g.work);
	free(g.top);
	free(g.dep);
}

/* Stock rematerialization: a live materializable value is replaced by its
 * operands, transitively. */
static void remat(const cp_func *f, cp_live *l)
{
	size_t w = l->vw;
	int *work = calloc((size_t)f->nvalue + 1, sizeof *work);
	uint64_t *seen = rows(f, 1, w);
	if (!work)
		abort();
	for (int s = 0; s < f->nsusp; s++) {
		uint64_t *raw = ROW(l->vraw, w, s), *st = ROW(l->vstore, w, s);
		cp_bs_copy(st, raw, w);
		if (f->optnone)
			continue;
		cp_bs_zero(seen, w);
		int n = 0;
		for (int v = 0; v < f->nvalue; v++)
			if (cp_bs_has(raw, (size_t)v) && f->value[v].remat) {
				work[n++] = v;
				cp_bs_set(seen, (size_t)v);
			}
		while (n) {
			int v = work[--n];
			cp_bs_clr(st, (size_t)v);
			cp_bs_set(l->vremat, (size_t)v);
			for (int k = 0; k < f->value[v].nop; k++) {
				int o = f->value[v].op[k];
				if (o < 0)
					continue;
				if (f->value[o].remat) {
					if (!cp_bs_has(seen, (size_t)o)) {
						cp_bs_set(seen, (size_t)o);
						work[n++] = o;
					}
				} else {
					cp_bs_set(st, (size_t)o);
				}
			}
		}
	}
	free(work);
}

/* sunk[a]: the instruction before which stock's split starts alloca a
 * instead of at its own lifetime.starts (segments.h), or -1. */
/* The allocas whose start the split sinks to instruction i are
 * starts_at[sfirst[i]..sfirst[i+1]) (a bucket sort of sunk). */
static void sunk_by_inst(const cp_func *f, const int *sunk, int **sfirst_, int **starts_at_)
{
	int *sfirst = cp_arena_alloc(f->arena, ((size_t)f->ninst + 2) * sizeof *sfirst);
	int *starts_at = cp_arena_alloc(f->arena, ((size_t)f->nalloca + 1) * sizeof *starts_at);
	for (int a = 0; a < f->nalloca; a++)
		if (sunk[a] >= 0)
			sfirst[sunk[a] + 1]++;
	for (int i = 0; i < f->ninst; i++)
		sfirst[i + 1] += sfirst[i];
	int *fill = cp_arena_alloc(f->arena, ((size_t)f->ninst + 1) * sizeof *fill);
	for (int a = 0; a < f->nalloca; a++)
		if (sunk[a] >= 0)
			starts_at[sfirst[sunk[a]] + fill[sunk[a]]++] = a;
	*sfirst_ = sfirst;
	*starts_at_ = starts_at;
}

/* Marks in seen, and pushes on stack, each block reachable from the
 * blocks on stack[0..sp) along CFG edges, forwards or (back) backwards;
 * an edge s->t is not taken when cut[s] (cut may be NULL). The start
 * blocks are not marked unless reached; stack holds nblock + sp. */
static void flood(const cp_func *f, int back, const char *cut, char *seen, int *stack, int sp)
{
	while (sp) {
		int b = stack[--sp];
		const cp_block *bb = &f->block[b];
		int n = back ? bb->npred : bb->nsucc;
		for (int e = 0; e < n; e++) {
			int t = back ? bb->pred[e] : bb->succ[e];
			if (seen[t] || (cut && cut[back ? t : b]))
				continue;
			seen[t] = 1;
			stack[sp++] = t;
		}
	}
}

/* Per suspend s (bw words each): the blocks where its window (between its
 * save and it) may be open, those from which the suspend is still
 * reachable without going back above the save (a path that skips the
 * suspend, await_suspend returning false, leaves the window). */
static uint64_t *suspend_windows(const cp_func *f, size_t bw)
{
	uint64_t *within = rows(f, (size_t)f->nsusp, bw);
	int *stack = calloc((size_t)f->nblock + 1, sizeof *stack);
	if (!stack)
		abort();
	for (int s = 0; s < f->nsusp; s++) {
		if (f->susp[s].save < 0)
			continue;
		uint64_t *win = ROW(within, bw, s);
		int sb = cp_func_block_of(f, f->susp[s].inst), vb = cp_func_block_of(f, f->susp[s].save);
		int sp = 0;
		cp_bs_set(win, (size_t)sb);
		stack[sp++] = sb;
		while (sp) {
			int b = stack[--sp];
			if (b == vb)
				continue;
			for (int p = 0; p < f->block[b].npred; p++) {
				int pb = f->block[b].pred[p];
				if (!cp_bs_has(win, (size_t)pb)) {
					cp_bs_set(win, (size_t)pb);
					stack[sp++] = pb;
				}
			}
		}
	}
	free(stack);
	return within;
}

/* l->after: the blocks reachable from a suspend; the rest run only in the
 * ramp. */
static void after_suspends(const cp_func *f, cp_live *l)
{
	l->after = cp_arena_alloc(f->arena, (size_t)f->nblock + 1);
	int *stack = calloc((size_t)f->nblock + (size_t)f->nsusp + 1, sizeof *stack);
	if (!stack)
		abort();
	int sp = 0;
	for (int s = 0; s < f->nsusp; s++)
		if (f->susp[s].inst >= 0)
			stack[sp++] = cp_func_block_of(f, f->susp[s].inst);
	flood(f, 0, NULL, l->after, stack, sp);
	free(stack);
}

/* Forward may-liveness of marked allocas. Records, per suspend, the allocas
 * live at its save or at the suspend; the ramp set; and conflicts at every
 * lifetime.start (two ranges overlap on some path iff one of them is live
 * where the other starts on that path). */

/* The alloca dataflow's state at one point: the allocas started (cur) and
 * the suspend windows open (open), and its fixed inputs. record: write
 * what is live where (aconf, aramp, alive), which the fixed-point
 * iterations leave to one pass after them. */
typedef struct aflow {
	const cp_func *f;
	cp_live *l;
	const int *sunk;
	int *sfirst, *starts_at; /* sunk_by_inst */
	uint64_t *cur, *open;
	size_t ow;
	int record;
} aflow;

/* Alloca a's storage starts at this point: it conflicts with what is live
 * here, is in the ramp set when the point is, and is live at every suspend
 * whose window (save..suspend) is open here. */
static void start_alloca(aflow *d, int ramp, int a)
{
	cp_live *l = d->l;
	size_t w = l->aw;
	if (d->record) {
		uint64_t *ra = ROW(l->aconf, w, a);
		cp_bs_or(ra, d->cur, w);
		for (size_t b = cp_bs_next(d->cur, w, 0); b != SIZE_MAX; b = cp_bs_next(d->cur, w, b + 1))
			cp_bs_set(ROW(l->aconf, w, b), (size_t)a);
		cp_bs_clr(ra, (size_t)a);
		if (ramp)
			cp_bs_set(l->aramp, (size_t)a);
		for (size_t s = cp_bs_next(d->open, d->ow, 0); s != SIZE_MAX; s = cp_bs_next(d->open, d->ow, s + 1))
			cp_bs_set(ROW(l->alive, w, s), (size_t)a);
	}
	cp_bs_set(d->cur, (size_t)a);
}

/* Block b's instructions over cur and open; ramp: b runs only in the ramp
 * (until a suspend). */
static void alloca_block(aflow *d, int b, int ramp)
{
	const cp_func *f = d->f;
	cp_live *l = d->l;
	const cp_block *bb = &f->block[b];
	if (ramp && d->record)
		cp_bs_or(l->aramp, d->cur, l->aw);
	for (int i = bb->first; i < bb->first + bb->ninst; i++) {
		const cp_inst *in_ = &f->inst[i];
		for (int k = d->sfirst[i]; k < d->sfirst[i + 1]; k++)
			start_alloca(d, ramp, d->starts_at[k]);
		switch (in_->op) {
		case CP_OP_LSTART:
			/* (Started between a save and its suspend: live at that
			 * suspend point.) */
			if (d->sunk[in_->slot] < 0)
				start_alloca(d, ramp, in_->slot);
			break;
		case CP_OP_LEND:
			cp_bs_clr(d->cur, (size_t)in_->slot);
			break;
		case CP_OP_SAVE:
		case CP_OP_SUSPEND:
			if (in_->slot < 0)
				break;
			if (d->record)
				cp_bs_or(ROW(l->alive, l->aw, in_->slot), d->cur, l->aw);
			if (in_->op == CP_OP_SAVE) {
				cp_bs_set(d->open, (size_t)in_->slot);
			} else {
				cp_bs_clr(d->open, (size_t)in_->slot);
				ramp = 0;
			}
			break;
		default:
			break;
		}
	}
}

/* Allocas live at each suspend point (l->alive), in the ramp (l->aramp),
 * and conflicts from starts inside open windows (start_alloca): a forward
 * dataflow over the reverse post-order po[npo-1..0] to a fixed point, then
 * one recording pass. */
static void allocas(const cp_func *f, const int *po, int npo, cp_live *l, const int *sunk)
{
	size_t w = l->aw;
	aflow d = {.f = f, .l = l, .sunk = sunk};
	sunk_by_inst(f, sunk, &d.sfirst, &d.starts_at);
	uint64_t *out = rows(f, (size_t)f->nblock, w);
	d.cur = rows(f, 1, w);
	size_t ow = d.ow = cp_bs_words((size_t)f->nsusp);
	uint64_t *oout = rows(f, (size_t)f->nblock, ow);
	d.open = rows(f, 1, ow);
	size_t bw = cp_bs_words((size_t)f->nblock);
	uint64_t *within = suspend_windows(f, bw);
	after_suspends(f, l);
	/* The pass after one that changed nothing records, once. */
	for (int changed = 1; !d.record;) {
		d.record = !changed;
		changed = 0;
		for (int k = npo - 1; k >= 0; k--) {
			int b = po[k];
			const cp_block *bb = &f->block[b];
			cp_bs_zero(d.cur, w);
			cp_bs_zero(d.open, ow);
			for (int p = 0; p < bb->npred; p++) {
				cp_bs_or(d.cur, ROW(out, w, bb->pred[p]), w);
				cp_bs_or(d.open, ROW(oout, ow, bb->pred[p]), ow);
			}
			for (size_t s = cp_bs_next(d.open, ow, 0); s != SIZE_MAX; s = cp_bs_next(d.open, ow, s + 1))
				if (!cp_bs_has(ROW(within, bw, s), (size_t)b))
					cp_bs_clr(d.open, s);
			alloca_block(&d, b, !l->after[b]);
			uint64_t *r = ROW(out, w, b);
			if (memcmp(r, d.cur, w * sizeof *r)) {
				cp_bs_copy(r, d.cur, w);
				changed = 1;
			}
			uint64_t *o = ROW(oout, ow, b);
			if (memcmp(o, d.open, ow * sizeof *o)) {
				cp_bs_copy(o, d.open, ow);
				changed = 1;
			}
		}
	}
}

static int blk_of(const cp_func *f, const cp_alloca *al, int u)
{
	return cp_func_block_of(f, al->useinst[u]);
}

/* Nonzero when block b ends the clones: it holds a coro.end, after which
 * the split clones return or unwind (LLVM's SuspendCrossingInfo: no kills
 * propagate past an end block, of either form). */
static int ends(const cp_func *f, int b)
{
	for (int i = f->block[b].first; i < f->block[b].first + f->block[b].ninst; i++)
		if (f->inst[i].op == CP_OP_END)
			return 1;
	return 0;
}

/* Reachability between blocks as LLVM's SuspendCrossingInfo sees it: along
 * one or more edges, never leaving a block that ends the clones (the last
 * block of a path may end them). It is taken for 64 allocas at once
 * (reach_masks): one walk of the CFG per alloca was quadratic in a
 * coroutine of many suspends and allocas. */

/* For cand[0..ncand), ncand <= 64: bit k of fwd[b] says that block b is
 * reachable from a block using cand[k], bit k of bwd[b] that b reaches
 * one. Each is a fixed point over order (every block, the reverse
 * post-order first). use, fwd and bwd hold nblock words. */
static void reach_masks(const cp_func *f, const char *endb, const int *order, const int *cand, int ncand,
                        uint64_t *use, uint64_t *fwd, uint64_t *bwd)
{
	size_t nb = (size_t)f->nblock;
	memset(use, 0, nb * sizeof *use);
	memset(fwd, 0, nb * sizeof *fwd);
	memset(bwd, 0, nb * sizeof *bwd);
	for (int k = 0; k < ncand; k++) {
		const cp_alloca *al = &f->alloca[cand[k]];
		for (int u = 0; u < al->nuse; u++)
			use[blk_of(f, al, u)] |= UINT64_C(1) << k;
	}
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < nb; i++) {
			int b = order[i];
			const cp_block *bb = &f->block[b];
			uint64_t m = fwd[b];
			for (int e = 0; e < bb->npred; e++)
				if (!endb[bb->pred[e]])
					m |= use[bb->pred[e]] | fwd[bb->pred[e]];
			changed |= m != fwd[b];
			fwd[b] = m;
		}
	}
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = nb; i-- > 0;) {
			int b = order[i];
			const cp_block *bb = &f->block[b];
			uint64_t m = bwd[b];
			for (int e = 0; e < bb->nsucc && !endb[b]; e++)
				m |= use[bb->succ[e]] | bwd[bb->succ[e]];
			changed |= m != bwd[b];
			bwd[b] = m;
		}
	}
}

/* The suspend points (2s: suspend s's save, 2s+1: the suspend) as
 * used_across_suspend looks them up: pblk[p] is p's block (-1: none), and
 * block b's points are plist[pfirst[b] .. pfirst[b+1]). fwd and bwd are
 * reach_masks' for the current 64 allocas; stamp[b] == a+1 once b was
 * looked at for alloca a. */
typedef struct xpoints {
	const cp_func *f;
	int *pblk, *pfirst, *plist, *stamp;
	const uint64_t *fwd, *bwd;
} xpoints;

static void xpoints_init(const cp_func *f, xpoints *x)
{
	size_t nb = (size_t)f->nblock, np = 2 * (size_t)f->nsusp;
	x->f = f;
	x->pblk = calloc(np + 1, sizeof *x->pblk);
	x->pfirst = calloc(nb + 2, sizeof *x->pfirst);
	x->plist = calloc(np + 1, sizeof *x->plist);
	x->stamp = calloc(nb + 1, sizeof *x->stamp);
	if (!x->pblk || !x->pfirst || !x->plist || !x->stamp)
		abort();
	for (int s = 0; s < f->nsusp; s++) {
		x->pblk[2 * s] = f->susp[s].save >= 0 ? cp_func_block_of(f, f->susp[s].save) : -1;
		x->pblk[2 * s + 1] = f->susp[s].inst >= 0 ? cp_func_block_of(f, f->susp[s].inst) : -1;
	}
	for (size_t p = 0; p < np; p++)
		if (x->pblk[p] >= 0)
			x->pfirst[x->pblk[p] + 1]++;
	for (size_t b = 0; b < nb; b++)
		x->pfirst[b + 1] += x->pfirst[b];
	int *at = calloc(nb + 1, sizeof *at);
	if (!at)
		abort();
	memcpy(at, x->pfirst, nb * sizeof *at);
	for (size_t p = 0; p < np; p++)
		if (x->pblk[p] >= 0)
			x->plist[at[x->pblk[p]]++] = (int)p;
	free(at);
}

static void xpoints_free(xpoints *x)
{
	free(x->pblk);
	free(x->pfirst);
	free(x->plist);
	free(x->stamp);
}

/* The instruction of suspend point p. */
static int point_inst(const cp_func *f, int p)
{
	return p % 2 ? f->susp[p / 2].inst : f->susp[p / 2].save;
}

/* Bit k set for each of the current allocas that the masks alone show used
 * across a suspend point: reached from a use, and reaching one. */
static uint64_t across_by_masks(const xpoints *x)
{
	uint64_t both = 0;
	for (int p = 0; p < 2 * x->f->nsusp; p++)
		if (x->pblk[p] >= 0)
			both |= x->fwd[x->pblk[p]] & x->bwd[x->pblk[p]];
	return both;
}

/* Nonzero when some suspend point p (a suspend or its save) has a use of
 * alloca a (or a lifetime marker) before it and one after it on one path,
 * a being bit k of x's masks and not already shown by them
 * (across_by_masks): then p is in a block of one of its uses, which ub
 * holds, and a use in p's block before p or after it completes the path. */
static int used_across_suspend(xpoints *x, int a, const int *ub, int k)
{
	const cp_alloca *al = &x->f->alloca[a];
	for (int u = 0; u < al->nuse; u++) {
		int b = ub[u];
		if (x->stamp[b] == a + 1)
			continue;
		x->stamp[b] = a + 1;
		for (int q = x->pfirst[b]; q < x->pfirst[b + 1]; q++) {
			int at = point_inst(x->f, x->plist[q]);
			int up = (int)(x->fwd[b] >> k & 1), down = (int)(x->bwd[b] >> k & 1);
			for (int v = 0; v < al->nuse && !(up && down); v++)
				if (ub[v] == b) {
					up |= al->useinst[v] < at;
					down |= al->useinst[v] > at;
				}
			if (up && down)
				return 1;
		}
	}
	return 0;
}

/* Every block once, the reverse post-order po[npo-1..0] first. */
static int *block_order(const cp_func *f, const int *po, int npo)
{
	int *order = calloc((size_t)f->nblock + 1, sizeof *order);
	char *in = calloc((size_t)f->nblock + 1, 1);
	if (!order || !in)
		abort();
	int n = 0;
	for (int i = npo - 1; i >= 0; i--) {
		order[n++] = po[i];
		in[po[i]] = 1;
	}
	for (int b = 0; b < f->nblock; b++)
		if (!in[b])
			order[n++] = b;
	free(in);
	return order;
}

/* Whether alloca a is in the frame before the use test (1), out of it for
 * good (0), or up to used_across_suspend (2). */
static int frame_by_liveness(const cp_func *f, const cp_live *l, int a, const int *sunk, const char *sunk_frame)
{
	const cp_alloca *al = &f->alloca[a];
	int live = 0;
	for (int s = 0; s < f->nsusp && !live; s++)
		live = cp_bs_has(ROW(l->alive, l->aw, s), (size_t)a);
	/* (A sunk start answers the frame question by its own rules.) */
	if (al->marked && (live || (sunk[a] >= 0 ? sunk_frame[a] : al->stock_frame)))
		return 1;
	if (sunk[a] >= 0)
		return 0;
	if (live || (!al->marked && al->escaped))
		return 1;
	return al->escaped || !al->marked ? 2 : 0;
}

/* Which allocas go in the frame. Marked: live at a suspend, or escaped with
 * a suspend between two of its lifetimes (the address must stay the same
 * across lifetimes: LLVM keeps those in the frame too). Unmarked: escaped,
 * or a suspend lies on a path between two uses; then live everywhere. */
static void frame_allocas(const cp_func *f, cp_live *l, cp_segs *g, const int *po, int npo, const int *sunk,
                          const char *sunk_frame)
{
	size_t w = l->aw, nb = (size_t)f->nblock;
	char *how = calloc((size_t)f->nalloca + 1, 1);
	int *cand = calloc((size_t)f->nalloca + 1, sizeof *cand);
	char *endb = calloc(nb + 1, 1);
	uint64_t *masks = calloc(3 * nb + 1, sizeof *masks);
	int maxuse = 1;
	for (int a = 0; a < f->nalloca; a++)
		maxuse = f->alloca[a].nuse > maxuse ? f->alloca[a].nuse : maxuse;
	int *ub = calloc((size_t)maxuse, sizeof *ub);
	if (!how || !cand || !endb || !masks || !ub)
		abort();
	for (size_t b = 0; b < nb; b++)
		endb[b] = (char)ends(f, (int)b);
	xpoints x = {.fwd = masks + nb, .bwd = masks + 2 * nb};
	xpoints_init(f, &x);
	int ncand = 0;
	for (int a = 0; a < f->nalloca; a++)
		if ((how[a] = (char)frame_by_liveness(f, l, a, sunk, sunk_frame)) == 2)
			cand[ncand++] = a;
	int *order = ncand ? block_order(f, po, npo) : NULL;
	for (int c0 = 0; c0 < ncand; c0 += 64) {
		int n = ncand - c0 < 64 ? ncand - c0 : 64;
		reach_masks(f, endb, order, cand + c0, n, masks, masks + nb, masks + 2 * nb);
		uint64_t both = across_by_masks(&x);
		for (int k = 0; k < n; k++) {
			int a = cand[c0 + k];
			const cp_alloca *al = &f->alloca[a];
			for (int u = 0; u < al->nuse; u++)
				ub[u] = blk_of(f, al, u);
			how[a] = (char)((both >> k & 1) || used_across_suspend(&x, a, ub, k));
			if (!how[a] && !al->marked && !al->escaped && !al->byval)
				cp_bs_set(l->astack, (size_t)a);
		}
	}
	for (int a = 0; a < f->nalloca; a++) {
		const cp_alloca *al = &f->alloca[a];
		int live = how[a];
		/* The block-level test above is a superset of LLVM's; an
		 * unmarked alloca it keeps gets LLVM's exact one, as stock
		 * leaves on the stack what that one does not put in the frame. */
		if (live && !al->marked && !al->escaped)
			live = cp_segs_uses_cross(f, g, a) != 0;
		if (!live)
			continue;
		cp_bs_set(l->aframe, (size_t)a);
		if (!al->marked) {
			for (int s = 0; s < f->nsusp; s++)
				cp_bs_set(ROW(l->alive, w, s), (size_t)a);
			cp_bs_set(l->aramp, (size_t)a);
		}
	}
	/* Unmarked frame allocas conflict with every frame alloca. */
	for (int a = 0; a < f->nalloca; a++) {
		if (!cp_bs_has(l->aframe, (size_t)a) || f->alloca[a].marked)
			continue;
		for (int b = 0; b < f->nalloca; b++)
			if (b != a && cp_bs_has(l->aframe, (size_t)b)) {
				cp_bs_set(ROW(l->aconf, w, a), (size_t)b);
				cp_bs_set(ROW(l->aconf, w, b), (size_t)a);
			}
	}
	/* Only frame allocas are reported live anywhere. */
	for (int s = 0; s < f->nsusp; s++)
		for (size_t i = 0; i < w; i++)
			ROW(l->alive, w, s)[i] &= l->aframe[i];
	for (size_t i = 0; i < w; i++)
		l->aramp[i] &= l->aframe[i];
	free(how);
	free(cand);
	free(endb);
	xpoints_free(&x);
	free(masks);
	free(order);
	free(ub);
}

void cp_live_compute(const cp_func *f, cp_live *l)
{
	memset(l, 0, sizeof *l);
	l->vw = cp_bs_words((size_t)f->nvalue);
	l->aw = cp_bs_words((size_t)f->nalloca);
	l->vraw = rows(f, (size_t)f->nsusp, l->vw);
	l->vstore = rows(f, (size_t)f->nsusp, l->vw);
	l->vremat = rows(f, 1, l->vw);
	l->alive = rows(f, (size_t)f->nsusp, l->aw);
	l->aramp = rows(f, 1, l->aw);
	l->aframe = rows(f, 1, l->aw);
	l->astack = rows(f, 1, l->aw);
	l->aconf = rows(f, (size_t)f->nalloca, l->aw);
	int npo;
	int *po = postorder(f, &npo);
	values(f, po, npo, l);
	remat(f, l);
	/* Where stock's split moves marked allocas' lifetime.start. */
	cp_segs g;
	cp_segs_build(f, &g);
	int *sunk = l->sunk = cp_arena_alloc(f->arena, ((size_t)f->nalloca + 1) * sizeof *sunk);
	char *sunk_frame = cp_arena_alloc(f->arena, (size_t)f->nalloca + 1);
	for (int a = 0; a < f->nalloca; a++) {
		int fr = 0;
		sunk[a] = f->alloca[a].marked ? cp_segs_sunk_start(f, &g, a, &fr) : -1;
		sunk_frame[a] = (char)fr;
	}
	allocas(f, po, npo, l, sunk);
	frame_allocas(f, l, &g, po, npo, sunk, sunk_frame);
	cp_segs_free(&g);
}

void cp_live_dump(const cp_func *f, const cp_live *l, FILE *out)
{
	fprintf(out, "liveness %s\n", f->name);
	for (int s = 0; s < f->nsusp; s++) {
		fprintf(out, "  suspend %d%s:", s, f->susp[s].final ? " final" : "");
		for (int v = 0; v < f->nvalue; v++)
			if (cp_bs_has(ROW(l->vraw, l->vw, s), (size_t)v))
				fprintf(out, " %s%s", f->value[v].name,
				        cp_bs_has(ROW(l->vstore, l->vw, s), (size_t)v) ? "" : "(remat)");
		for (int v = 0; v < f->nvalue; v++)
			if (cp_bs_has(ROW(l->vstore, l->vw, s), (size_t)v) &&
			    !cp_bs_has(ROW(l->vraw, l->vw, s), (size_t)v))
				fprintf(out, " %s(operand)", f->value[v].name);
		for (int a = 0; a < f->nalloca; a++)
			if (cp_bs_has(ROW(l->alive, l->aw, s), (size_t)a))
				fprintf(out, " [%s]", f->alloca[a].name);
		fputc('\n', out);
	}
	/* Allocas: in the frame or not, with what decided it. */
	for (int k = 0; k < 2; k++) {
		int any = 0;
		for (int a = 0; a < f->nalloca; a++) {
			if (cp_bs_has(l->aframe, (size_t)a) != !k)
				continue;
			if (!any++)
				fprintf(out, "  %s:", k ? "stack allocas" : "frame allocas");
			int sunk = l->sunk && l->sunk[a] >= 0;
			fprintf(out, " %s%s%s%s", f->alloca[a].name, f->alloca[a].marked ? "" : "(unmarked)",
			        f->alloca[a].escaped ? "(escaped)" : "",
			        sunk ? "(start sunk)" : f->alloca[a].stock_frame ? "(reaches a suspend unended)" : "");
		}
		if (any)
			fputc('\n', out);
	}
}
