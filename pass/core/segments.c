/* The CFG as LLVM's split sees it; see segments.h for the contract. */
#include <stdlib.h>
#include <string.h>
#include "segments.h"

/* 's' a suspend, 'w' a save (the window before its suspend), 'e' a
 * coro.end; 0 for any other instruction. */
static int special(const cp_inst *in)
{
	if (in->op == CP_OP_SUSPEND && in->slot >= 0)
		return 's';
	if (in->op == CP_OP_SAVE && in->slot >= 0)
		return 'w';
	return in->op == CP_OP_END ? 'e' : 0;
}

static int crosses(char k)
{
	return k == 's' || k == 'w';
}

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n + 1, size);
	if (!p)
		abort();
	return p;
}

void cp_segs_build(const cp_func *f, cp_segs *g)
{
	memset(g, 0, sizeof *g);
	size_t cap = 2 * (size_t)f->ninst + (size_t)f->nblock;
	g->of = zalloc((size_t)f->ninst, sizeof *g->of);
	g->blk = zalloc(cap, sizeof *g->blk);
	g->kind = zalloc(cap, 1);
	g->first = zalloc((size_t)f->nblock + 1, sizeof *g->first);
	int n = 0;
	for (int b = 0; b < f->nblock; b++) {
		g->first[b] = n;
		int open = 0; /* the current run has a segment already */
		for (int i = f->block[b].first; i < f->block[b].first + f->block[b].ninst; i++) {
			int k = special(&f->inst[i]);
			if (k || !open) {
				g->blk[n] = b;
				g->kind[n] = (char)k;
				n++;
			}
			open = !k;
			g->of[i] = n - 1;
		}
		if (f->block[b].ninst == 0)
			g->blk[n++] = b;
	}
	g->first[f->nblock] = n;
	g->n = n;
	g->stamp = zalloc((size_t)n, sizeof *g->stamp);
	g->seen = zalloc((size_t)n, sizeof *g->seen);
	g->stack = zalloc(2 * (size_t)n + 2, sizeof *g->stack);
	for (int k = 0; k < n; k++)
		g->stamp[k] = -1;
}

void cp_segs_free(cp_segs *g)
{
	free(g->of);
	free(g->blk);
	free(g->kind);
	free(g->first);
	free(g->idom);
	free(g->rpo_num);
	free(g->pre);
	free(g->post);
	free(g->stamp);
	free(g->seen);
	free(g->stack);
	memset(g, 0, sizeof *g);
}

/* Successors of segment s: the next segment of its block, or the first
 * segments of its block's successors. */
static int last_of_block(const cp_segs *g, int s)
{
	return s + 1 == g->first[g->blk[s] + 1];
}

static int nsucc(const cp_func *f, const cp_segs *g, int s)
{
	return last_of_block(g, s) ? f->block[g->blk[s]].nsucc : 1;
}

static int succ(const cp_func *f, const cp_segs *g, int s, int e)
{
	return last_of_block(g, s) ? g->first[f->block[g->blk[s]].succ[e]] : s + 1;
}

static int npred(const cp_func *f, const cp_segs *g, int s)
{
	return s == g->first[g->blk[s]] ? f->block[g->blk[s]].npred : 1;
}

static int pred(const cp_func *f, const cp_segs *g, int s, int e)
{
	return s == g->first[g->blk[s]] ? g->first[f->block[g->blk[s]].pred[e] + 1] - 1 : s - 1;
}

/* Pushes the segments after s, reached with crossing flag c, unless seen
 * so; a segment in stop is not entered. */
static void push(const cp_func *f, cp_segs *g, int s, int c, int *sp)
{
	for (int e = 0; e < nsucc(f, g, s); e++) {
		int t = succ(f, g, s, e);
		if (!(g->seen[t] & (1 << c))) {
			g->seen[t] |= 1 << c;
			g->stack[(*sp)++] = 2 * t + c;
		}
	}
}

/* From segment from, along LLVM's kill propagation (a save or a suspend
 * sets the crossing, a coro.end clears it, from is never re-entered):
 * whether a segment stamped with tag is reached crossing (want 1), or a
 * segment stamped with tag at all without passing a coro.end (want 2), or
 * from itself crossing (want 3: SuspendCrossingInfo's KillLoop). */
static int search(const cp_func *f, cp_segs *g, int from, int tag, int want)
{
	memset(g->seen, 0, (size_t)g->n * sizeof *g->seen);
	int sp = 0;
	push(f, g, from, 0, &sp);
	while (sp) {
		int top = g->stack[--sp], s = top / 2, c = top % 2;
		if (s == from) {
			if (want == 3 && c)
				return 1;
			continue;
		}
		char k = g->kind[s];
		if (want == 2 && k == 'e')
			continue;
		c = crosses(k) ? 1 : k == 'e' ? 0 : c;
		if (g->stamp[s] == tag && (want == 2 || (want == 1 && c)))
			return 1;
		push(f, g, s, c, &sp);
	}
	return 0;
}

int cp_segs_uses_cross(const cp_func *f, cp_segs *g, int a)
{
	const cp_alloca *al = &f->alloca[a];
	for (int u = 0; u < al->nuse; u++) {
		if (f->inst[al->useinst[u]].op == CP_OP_PHI)
			return -1;
		g->stamp[g->of[al->useinst[u]]] = a;
	}
	for (int u = 0; u < al->nuse; u++) {
		int from = g->of[al->useinst[u]], dup = 0;
		for (int v = 0; v < u && !dup; v++)
			dup = g->of[al->useinst[v]] == from;
		if (!dup && search(f, g, from, a, 1))
			return 1;
	}
	return 0;
}

/* --- dominators (Cooper, Harvey and Kennedy's iterative algorithm) -------- */

static int intersect(const cp_segs *g, int x, int y)
{
	while (x != y) {
		while (g->rpo_num[x] > g->rpo_num[y])
			x = g->idom[x];
		while (g->rpo_num[y] > g->rpo_num[x])
			y = g->idom[y];
	}
	return x;
}

/* Reverse post-order from segment 0 into order[]; rpo_num -1 for the
 * segments it does not reach. Returns how many it reaches. */
static int reverse_postorder(const cp_func *f, cp_segs *g, int *order)
{
	int n = g->n, k = n, sp = 0;
	int *next = zalloc((size_t)n, sizeof *next);
	g->rpo_num = zalloc((size_t)n, sizeof *g->rpo_num);
	for (int s = 0; s < n; s++)
		g->rpo_num[s] = -1;
	g->rpo_num[0] = 0; /* (as "seen"; numbered below) */
	g->stack[sp++] = 0;
	while (sp) {
		int s = g->stack[sp - 1];
		if (next[s] < nsucc(f, g, s)) {
			int t = succ(f, g, s, next[s]++);
			if (g->rpo_num[t] < 0) {
				g->rpo_num[t] = 0;
				g->stack[sp++] = t;
			}
		} else {
			order[--k] = s;
			sp--;
		}
	}
	free(next);
	int reached = n - k;
	memmove(order, order + k, (size_t)reached * sizeof *order);
	for (int i = 0; i < reached; i++)
		g->rpo_num[order[i]] = i;
	return reached;
}

/* idom, and pre/post numbers of the dominator tree (x dominates y iff
 * pre[x] <= pre[y] and post[y] <= post[x]). */
static void dominators(const cp_func *f, cp_segs *g)
{
	int n = g->n;
	int *order = zalloc((size_t)n, sizeof *order);
	int reached = reverse_postorder(f, g, order);
	g->idom = zalloc((size_t)n, sizeof *g->idom);
	for (int s = 0; s < n; s++)
		g->idom[s] = -1;
	g->idom[0] = 0;
	for (int changed = 1; changed;) {
		changed = 0;
		for (int i = 1; i < reached; i++) {
			int s = order[i], nd = -1;
			for (int e = 0; e < npred(f, g, s); e++) {
				int p = pred(f, g, s, e);
				if (g->rpo_num[p] < 0 || g->idom[p] < 0)
					continue;
				nd = nd < 0 ? p : intersect(g, p, nd);
			}
			if (nd != g->idom[s]) {
				g->idom[s] = nd;
				changed = 1;
			}
		}
	}
	/* Tree numbering: children as a linked list per parent. */
	int *child = zalloc((size_t)n, sizeof *child), *sib = zalloc((size_t)n, sizeof *sib);
	for (int s = 0; s < n; s++)
		child[s] = sib[s] = -1;
	for (int i = reached - 1; i >= 1; i--) {
		int s = order[i];
		sib[s] = child[g->idom[s]];
		child[g->idom[s]] = s;
	}
	g->pre = zalloc((size_t)n, sizeof *g->pre);
	g->post = zalloc((size_t)n, sizeof *g->post);
	int clock = 0, sp = 0;
	g->stack[sp++] = 0;
	g->pre[0] = clock++;
	while (sp) {
		int s = g->stack[sp - 1];
		int c = child[s];
		if (c >= 0) {
			child[s] = sib[c];
			g->pre[c] = clock++;
			g->stack[sp++] = c;
		} else {
			g->post[s] = clock++;
			sp--;
		}
	}
	free(order);
	free(child);
	free(sib);
}

/* --- LLVM's sinkLifetimeStartMarkers --------------------------------------- */

/* Segment s is one LLVM's sinking may pick: the entry, or the block right
 * after a suspend (the suspend's single successor once it is split off). */
static int candidate(const cp_segs *g, int s)
{
	return s == 0 || (s > 0 && g->kind[s] == 0 && g->kind[s - 1] == 's' && g->blk[s - 1] == g->blk[s]);
}

/* The instruction before which LLVM inserts into segment s's block "before
 * its terminator": the special that ends the segment (the split puts a
 * branch before it), or the block's own terminator. */
static int insert_point(const cp_func *f, const cp_segs *g, int s)
{
	const cp_block *b = &f->block[g->blk[s]];
	for (int i = b->first; i < b->first + b->ninst; i++)
		if (g->of[i] == s + 1)
			return i;
	return b->first + b->ninst - 1;
}

int cp_segs_sunk_start(const cp_func *f, cp_segs *g, int a, int *stock_frame)
{
	const cp_alloca *al = &f->alloca[a];
	*stock_frame = 0;
	/* LLVM looks at every direct user; ones the model left out (after a
	 * coro.end) are not known here. Under optnone LLVM sinks nothing. */
	if (f->optnone || !al->marked || !al->direct || al->nlate)
		return -1;
	if (!g->idom)
		dominators(f, g);
	int starts = 0, ends = 0, ncd = -1;
	for (int u = 0; u < al->nuse; u++) {
		const cp_inst *in = &f->inst[al->useinst[u]];
		if (in->op == CP_OP_LEND && in->slot == a)
			ends++;
		if (!al->direct[u])
			continue;
		if (in->op == CP_OP_LSTART && in->slot == a) {
			starts++;
			continue;
		}
		int s = g->of[al->useinst[u]];
		if (in->op == CP_OP_PHI || g->rpo_num[s] < 0)
			return -1;
		ncd = ncd < 0 ? s : intersect(g, s, ncd);
	}
	/* (Lower mode moves the starts itself and takes at most 15 of them:
	 * lower.c, sink_lifetime_starts.) */
	if (!starts || starts > 15 || ncd < 0)
		return -1;
	/* The deepest block LLVM may pick that dominates every user; a user
	 * in it would stand before the new start (the split's own oddity):
	 * leave that to LLVM. */
	int d = ncd;
	while (!candidate(g, d))
		d = g->idom[d];
	for (int u = 0; u < al->nuse; u++)
		if (al->direct[u] && g->of[al->useinst[u]] == d)
			return -1;
	/* A start below d moves up to it: the split hoists it within a
	 * stretch with no suspend, which changes no frame question the model
	 * asks, and the marker as written is the narrower lifetime to share
	 * bytes by. Only starts above d are moved (down, past suspends). */
	for (int u = 0; u < al->nuse; u++) {
		int s = g->of[al->useinst[u]];
		const cp_inst *in = &f->inst[al->useinst[u]];
		if (in->op == CP_OP_LSTART && in->slot == a && s != d && g->pre[d] <= g->pre[s] &&
		    g->post[s] <= g->post[d])
			return -1;
	}
	/* Stamp the users (not the starts) with a tag of this alloca. */
	int tag = g->n + a;
	for (int u = 0; u < al->nuse; u++) {
		const cp_inst *in = &f->inst[al->useinst[u]];
		if (al->direct[u] && !(in->op == CP_OP_LSTART && in->slot == a))
			g->stamp[g->of[al->useinst[u]]] = tag;
	}
	/* LLVM sinks to d only when no user is reached from it across a
	 * suspend. And d is the only block it may pick when some user is
	 * reached from d with no coro.end on the way: from any block above d
	 * that path crosses the suspend before d. */
	if (search(f, g, d, tag, 1) || (d != 0 && !search(f, g, d, tag, 2)))
		return -1;
	/* After the sinking: in the frame whatever its liveness when the new
	 * start reaches a suspend without passing a block with a lifetime.end
	 * of it, when it has no lifetime.end, or (escaped) when a loop through
	 * a suspend comes back to the new start. */
	int endtag = 2 * g->n + a;
	for (int u = 0; u < al->nuse; u++) {
		const cp_inst *in = &f->inst[al->useinst[u]];
		if (in->op == CP_OP_LEND && in->slot == a)
			g->stamp[g->of[al->useinst[u]]] = endtag;
	}
	int reach = 0;
	memset(g->seen, 0, (size_t)g->n * sizeof *g->seen);
	int sp = 0;
	push(f, g, d, 0, &sp);
	while (sp && !reach) {
		int s = g->stack[--sp] / 2;
		if (g->kind[s] == 's')
			reach = 1;
		else if (g->stamp[s] != endtag)
			push(f, g, s, 0, &sp);
	}
	*stock_frame = !ends || reach || (al->escaped && search(f, g, d, -1, 3));
	return insert_point(f, g, d);
}
