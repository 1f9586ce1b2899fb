/* Materialization (pack mode); see rewrite.h for the contract. Part of the IR
 * access layer: the only other file besides ir.c that builds IR. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include "bitset.h"
#include "irutil.h"
#include "rewrite.h"
#include "shim.h"

#define ATTR "coropack-packed"

int cp_rewrite_done(LLVMValueRef fn)
{
	return LLVMGetStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex, ATTR, sizeof ATTR - 1) != NULL;
}

static int has_funclets(LLVMValueRef fn)
{
	for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b; b = LLVMGetNextBasicBlock(b))
		for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
			LLVMOpcode op = LLVMGetInstructionOpcode(i);
			if (op == LLVMCatchSwitch || op == LLVMCatchPad || op == LLVMCleanupPad)
				return 1;
		}
	return 0;
}

/* Byte ranges [lo, hi) of the frame, sorted by lo, with the highest hi
 * among the first k in maxhi[k]: whether any overlaps a range is a binary
 * search. Empty ranges are left out (they write no byte). */
typedef struct spans {
	uint64_t *lo, *hi, *maxhi;
	int *id;
	int n;
} spans;

typedef struct rw {
	const cp_func *f;
	const cp_plan *p;
	LLVMBuilderRef b;
	LLVMTypeRef i8, i64;
	LLVMValueRef region;
	uint64_t bias;  /* added to every plan offset */
	cp_vlist *nd;   /* per value id: the definitions the rewrite adds */
	char *cloned;   /* per value id, scratch for one suspend */
	cp_vlist made;  /* reloads, recomputations and their addresses, in order */
	/* Per value id: how it is stored (spill_kind), where right after its
	 * definition, and the stores at its suspends. */
	char *how;
	LLVMValueRef *pos;
	cp_vlist *stores;
	char *shared;   /* per value id: find_shared */
	spans allocas;  /* the allocas' bytes in the frame */
	int nameless;   /* the context discards value names (derived) */
} rw;

/* Where a value is stored: a value whose slot shares no byte with any other
 * item is stored once, right after its definition, as stock LLVM spills
 * (nothing else writes those bytes, and nothing has to stay live until the
 * suspend); a shared slot is free for a value only at the suspends where
 * it is live, so it is stored before each of their saves (SHARED_NO_ALLOCA:
 * shared with values only). */
enum { AT_SUSPEND, AFTER_DEF, SHARED_NO_ALLOCA };

/* buf, holding "name.suffix" (or "suffix" for an unnamed value), or ""
 * where the context drops the names of values (w->nameless: clang without
 * -fno-discard-value-names), which spares formatting one per load and store.
 * Callers may keep buf for later names. */
static const char *derived(const rw *w, char *buf, size_t n, LLVMValueRef v, const char *suffix)
{
	size_t len;
	if (w->nameless) {
		buf[0] = 0;
		return buf;
	}
	const char *nm = LLVMGetValueName2(v, &len);
	snprintf(buf, n, "%.*s%s%s", (int)(len < 200 ? len : 200), nm, len ? "." : "", suffix);
	return buf;
}

static LLVMValueRef slot(rw *w, uint64_t off, const char *name)
{
	LLVMValueRef idx = LLVMConstInt(w->i64, off + w->bias, 0);
	return LLVMBuildInBoundsGEP2(w->b, w->i8, w->region, &idx, 1, name);
}

/* Recomputes remat value v (and its remat operands first) at the builder's
 * position; the clones take their operands' reaching definitions through
 * the SSA update that follows. */
static void recompute(rw *w, int v)
{
	if (w->cloned[v])
		return;
	w->cloned[v] = 1;
	const cp_value *cv = &w->f->value[v];
	for (int k = 0; k < cv->nop; k++)
		if (w->f->value[cv->op[k]].remat)
			recompute(w, cv->op[k]);
	LLVMValueRef orig = w->f->value_ref[v];
	LLVMValueRef c = LLVMInstructionClone(orig);
	char buf[256];
	/* An operand that is a slot address (computed next to its use by the
	 * alloca rewrite below) is computed afresh here too. */
	int nop = LLVMGetNumOperands(c);
	for (int k = 0; k < nop; k++) {
		LLVMValueRef op = LLVMGetOperand(c, (unsigned)k);
		if (w->region && LLVMIsAGetElementPtrInst(op) && LLVMGetOperand(op, 0) == w->region) {
			LLVMValueRef g = LLVMInstructionClone(op);
			LLVMInsertIntoBuilderWithName(w->b, g, derived(w, buf, sizeof buf, op, "remat"));
			cp_vpush(&w->made, g);
			LLVMSetOperand(c, (unsigned)k, g);
		}
	}
	LLVMInsertIntoBuilderWithName(w->b, c, derived(w, buf, sizeof buf, orig, "remat"));
	cp_vpush(&w->nd[v], c);
	cp_vpush(&w->made, c);
}

/* Reloads of the values stored at suspend s and recomputation of those
 * stock LLVM rematerializes, at the builder's position. */
static void reload(rw *w, int s, const uint64_t *st, const uint64_t *raw)
{
	const cp_func *f = w->f;
	LLVMValueRef *vref = (LLVMValueRef *)f->value_ref;
	(void)s;
	size_t vw = cp_bs_words((size_t)f->nvalue);
	for (size_t i = cp_bs_next(st, vw, 0); i != SIZE_MAX; i = cp_bs_next(st, vw, i + 1)) {
		int v = (int)i;
		char buf[256], sbuf[256];
		LLVMValueRef at = slot(w, w->p->value_off[v], derived(w, sbuf, sizeof sbuf, vref[v], "slot"));
		LLVMValueRef ld = LLVMBuildLoad2(w->b, LLVMTypeOf(vref[v]), at,
		                                 derived(w, buf, sizeof buf, vref[v], "reload"));
		LLVMSetAlignment(ld, (unsigned)f->value[v].align);
		cp_vpush(&w->nd[v], ld);
		cp_vpush(&w->made, at);
		cp_vpush(&w->made, ld);
	}
	memset(w->cloned, 0, (size_t)f->nvalue + 1);
	for (size_t i = cp_bs_next(raw, vw, 0); i != SIZE_MAX; i = cp_bs_next(raw, vw, i + 1))
		if (!cp_bs_has(st, i) && f->value[i].remat)
			recompute(w, (int)i);
}

typedef struct span {
	uint64_t lo, hi;
	int id;
} span;

static int span_cmp(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void spans_add(span *s, int *n, uint64_t off, uint64_t size, int id)
{
	if (off != CP_NO_OFFSET && size)
		s[(*n)++] = (span){off, off + size, id};
}

static void spans_build(spans *out, span *s, int n)
{
	qsort(s, (size_t)n, sizeof *s, span_cmp);
	out->n = n;
	out->lo = malloc(((size_t)n + 1) * sizeof *out->lo);
	out->hi = malloc(((size_t)n + 1) * sizeof *out->hi);
	out->maxhi = malloc(((size_t)n + 1) * sizeof *out->maxhi);
	out->id = malloc(((size_t)n + 1) * sizeof *out->id);
	if (!out->lo || !out->hi || !out->maxhi || !out->id)
		abort();
	for (int k = 0; k < n; k++) {
		out->lo[k] = s[k].lo;
		out->hi[k] = s[k].hi;
		out->id[k] = s[k].id;
		out->maxhi[k] = k && out->maxhi[k - 1] > s[k].hi ? out->maxhi[k - 1] : s[k].hi;
	}
	free(s);
}

static void spans_free(spans *s)
{
	free(s->lo);
	free(s->hi);
	free(s->maxhi);
	free(s->id);
}

/* Nonzero when a range of s overlaps [lo, hi). */
static int spans_overlap(const spans *s, uint64_t lo, uint64_t hi)
{
	int a = 0, b = s->n; /* the first k with s->lo[k] >= hi */
	while (a < b) {
		int m = a + (b - a) / 2;
		if (s->lo[m] < hi)
			a = m + 1;
		else
			b = m;
	}
	return lo < hi && a > 0 && s->maxhi[a - 1] > lo;
}

/* The allocas' ranges (w->allocas), and per value with a slot whether its
 * bytes overlap another value's (bit 1) or an alloca's (bit 2) in
 * w->shared. */
static void find_shared(rw *w)
{
	const cp_func *f = w->f;
	span *s = malloc(((size_t)f->nalloca + 1) * sizeof *s);
	int n = 0;
	if (!s)
		abort();
	for (int a = 0; a < f->nalloca; a++)
		spans_add(s, &n, w->p->alloca_off[a], f->alloca[a].size, a);
	spans_build(&w->allocas, s, n);
	spans vals;
	n = 0;
	if (!(s = malloc(((size_t)f->nvalue + 1) * sizeof *s)))
		abort();
	for (int v = 0; v < f->nvalue; v++)
		spans_add(s, &n, w->p->value_off[v], f->value[v].size, v);
	spans_build(&vals, s, n);
	for (int k = 0; k < vals.n; k++) {
		/* Earlier ranges start at or before this one's start; the next
		 * later one starts first among the later ones. */
		int other = (k > 0 && vals.maxhi[k - 1] > vals.lo[k]) ||
		            (k + 1 < vals.n && vals.lo[k + 1] < vals.hi[k]);
		int id = vals.id[k];
		w->shared[id] = (char)(other | (spans_overlap(&w->allocas, vals.lo[k], vals.hi[k]) << 1));
	}
	spans_free(&vals);
}

/* The instruction a store right after v's definition goes before, or NULL
 * when there is no such simple place: after an argument or a value defined
 * before coro.begin, right after coro.begin; after a phi, past the block's
 * phis; not after an invoke or a terminator, nor inside a save..suspend
 * window (the slot may still hold what that suspend needs). */
static LLVMValueRef after_def(LLVMValueRef v, LLVMValueRef begin, coropack_domtree *dt,
                              const cp_func *f)
{
	LLVMValueRef at;
	if (LLVMIsAArgument(v)) {
		at = LLVMGetNextInstruction(begin);
	} else if (LLVMIsAPHINode(v)) {
		at = LLVMGetFirstInstruction(LLVMGetInstructionParent(v));
		while (at && LLVMIsAPHINode(at))
			at = LLVMGetNextInstruction(at);
		if (!at || LLVMIsALandingPadInst(at) || LLVMGetInstructionOpcode(at) == LLVMCatchSwitch)
			return NULL;
	} else if (LLVMIsAInvokeInst(v) || LLVMIsATerminatorInst(v) || !LLVMIsAInstruction(v)) {
		return NULL;
	} else {
		at = LLVMGetNextInstruction(v);
	}
	if (!at)
		return NULL;
	if (!coropack_dominates(dt, begin, at)) {
		if (!LLVMIsAInstruction(v) || !coropack_dominates(dt, v, begin))
			return NULL;
		at = LLVMGetNextInstruction(begin);
	}
	for (int s = 0; s < f->nsusp; s++)
		if (f->save_ref[s] && coropack_dominates(dt, f->save_ref[s], at) &&
		    coropack_dominates(dt, at, f->susp_ref[s]))
			return NULL;
	return at;
}

static int spill_kind(rw *w, int v, coropack_domtree *dt, LLVMValueRef begin, LLVMValueRef *at)
{
	int shared = w->shared[v] != 0;
	if (w->shared[v] & 2)
		return AT_SUSPEND;
	*at = after_def(w->f->value_ref[v], begin, dt, w->f);
	return shared ? SHARED_NO_ALLOCA : *at ? AFTER_DEF : AT_SUSPEND;
}

/* The region offset and size an instruction reads or writes when it is a
 * load or store of a slot (an address the rewrite computed); 0 if not. */
static int slot_access(const rw *w, LLVMTargetDataRef td, LLVMValueRef i, uint64_t *off,
                       uint64_t *size)
{
	int load = LLVMIsALoadInst(i) != NULL;
	if (!load && !LLVMIsAStoreInst(i))
		return 0;
	LLVMValueRef ptr = LLVMGetOperand(i, load ? 0 : 1);
	if (!LLVMIsAGetElementPtrInst(ptr) || LLVMGetOperand(ptr, 0) != w->region ||
	    !LLVMIsAConstantInt(LLVMGetOperand(ptr, 1)))
		return 0;
	*off = LLVMConstIntGetZExtValue(LLVMGetOperand(ptr, 1)) - w->bias;
	*size = LLVMStoreSizeOfType(td, LLVMTypeOf(load ? i : LLVMGetOperand(i, 0)));
	return 1;
}

static int in_list(const cp_vlist *l, LLVMValueRef v)
{
	for (int k = 0; k < l->n; k++)
		if (l->v[k] == v)
			return 1;
	return 0;
}

/* One instruction of slot_free_from's walk in state *st; 0 when it breaks
 * the contract below. */
static int slot_step(const rw *w, LLVMTargetDataRef td, LLVMValueRef i, uint64_t lo, uint64_t hi,
                     const cp_vlist *own_stores, const cp_vlist *own_loads, int *st)
{
	uint64_t o, n;
	if (!slot_access(w, td, i, &o, &n) || o >= hi || lo >= o + n)
		return 1;
	if (LLVMIsALoadInst(i))
		return *st == 0 ? in_list(own_loads, i) : !in_list(own_loads, i);
	if (*st == 1 || in_list(own_stores, i))
		return 1;
	*st = 1;
	return o <= lo && hi <= o + n; /* a partial overwrite: give up */
}

/* Nonzero when a value's store may move to at (right after its definition)
 * and its stores at the suspends go: on every path from at, the slot
 * [lo, hi) then holds the value (state 0) until something else overwrites
 * all of it (state 1), nothing reads it in state 0 but the value's own
 * reloads (own_loads), and no own reload follows in state 1. The paths run
 * through suspends, not only up to the next coro.save: a value sharing the
 * slot may be kept there across several suspends with no store in between
 * (its store of its own reload was dropped, or moved to its definition
 * earlier), and only its reloads show it. A path ends back at at, where the
 * next definition stores anew. Values are moved one at a time against the
 * IR as it is then, so of two moves that would clobber each other the
 * second one's check fails. Bounded: past 256 blocks per state the stores
 * stay at the suspends. */
static int slot_free_from(const rw *w, LLVMValueRef at, uint64_t lo, uint64_t hi,
                          const cp_vlist *own_stores, const cp_vlist *own_loads)
{
	LLVMBasicBlockRef home = LLVMGetInstructionParent(at);
	LLVMTargetDataRef td = LLVMGetModuleDataLayout(LLVMGetGlobalParent(LLVMGetBasicBlockParent(home)));
	cp_vlist todo[2] = {{0}, {0}}, seen[2] = {{0}, {0}};
	int ok = 1, st = 0;
	LLVMValueRef i = at;
	for (;;) {
		LLVMValueRef last = NULL;
		for (; i && ok; i = LLVMGetNextInstruction(i)) {
			ok = slot_step(w, td, i, lo, hi, own_stores, own_loads, &st);
			last = i;
		}
		if (ok && last && LLVMIsATerminatorInst(last)) {
			unsigned ns = LLVMGetNumSuccessors(last);
			for (unsigned k = 0; k < ns; k++) {
				LLVMValueRef bv = LLVMBasicBlockAsValue(LLVMGetSuccessor(last, k));
				if (!in_list(&seen[st], bv)) {
					cp_vpush(&seen[st], bv);
					cp_vpush(&todo[st], bv);
				}
			}
		}
		if (!ok || (!todo[0].n && !todo[1].n))
			break;
		if (seen[0].n > 256 || seen[1].n > 256) {
			ok = 0;
			break;
		}
		st = todo[0].n ? 0 : 1;
		LLVMBasicBlockRef bb = LLVMValueAsBasicBlock(todo[st].v[--todo[st].n]);
		if (bb != home) {
			i = LLVMGetFirstInstruction(bb);
			continue;
		}
		/* Back in the definition's block: up to at, where the path ends. */
		for (LLVMValueRef j = LLVMGetFirstInstruction(bb); j != at && ok; j = LLVMGetNextInstruction(j))
			ok = slot_step(w, td, j, lo, hi, own_stores, own_loads, &st);
		i = NULL;
		if (!ok)
			break;
	}
	for (int k = 0; k < 2; k++) {
		free(todo[k].v);
		free(seen[k].v);
	}
	return ok;
}

/* Where a use of a sinkable definition needs it: before instruction at in
 * block bb. edge_to: the phi's block when the use is a phi's operand on an
 * edge that a new block could carry alone. */
typedef struct use_at {
	LLVMBasicBlockRef bb, edge_to;
	LLVMValueRef at;
} use_at;

static void push_use(use_at **u, int *n, size_t *cap, use_at x)
{
	*u = cp_grow_or_abort(*u, (size_t)*n, cap, sizeof **u, 8);
	(*u)[(*n)++] = x;
}

/* The places where inst's uses need it (a phi's operand at the end of its
 * incoming block); returns how many, in *u, or -1 for a use that is not an
 * instruction. */
static int uses_of(LLVMValueRef inst, use_at **u, size_t *cap)
{
	int n = 0;
	for (LLVMUseRef use = LLVMGetFirstUse(inst); use; use = LLVMGetNextUse(use)) {
		LLVMValueRef user = LLVMGetUser(use);
		if (!LLVMIsAInstruction(user))
			return -1;
		if (!LLVMIsAPHINode(user)) {
			push_use(u, &n, cap, (use_at){LLVMGetInstructionParent(user), NULL, user});
			continue;
		}
		LLVMBasicBlockRef pb = LLVMGetInstructionParent(user);
		unsigned ni = LLVMCountIncoming(user);
		for (unsigned k = 0; k < ni; k++) {
			if (LLVMGetIncomingValue(user, k) != inst)
				continue;
			LLVMBasicBlockRef in = LLVMGetIncomingBlock(user, k);
			LLVMValueRef term = LLVMGetBasicBlockTerminator(in);
			use_at x = {in, NULL, term};
			if (LLVMGetNumSuccessors(term) > 1) {
				/* A block for the edge alone could hold inst, when the
				 * edge is critical (a phi operand must be there at the
				 * end of in; a landing pad's edge cannot be split). */
				unsigned edges = 0;
				for (LLVMUseRef pu = LLVMGetFirstUse(LLVMBasicBlockAsValue(pb)); pu;
				     pu = LLVMGetNextUse(pu))
					edges += LLVMIsATerminatorInst(LLVMGetUser(pu)) != NULL;
				if (edges > 1)
					x.edge_to = pb;
			}
			push_use(u, &n, cap, x);
		}
	}
	return n;
}

/* Moves inst (a reload, a recomputation or a slot address, which nothing
 * between here and its uses can change) down to where its uses need it:
 * the nearest block dominating them that is in no loop inst's block is not
 * in, before the first use there; a new block on the edge when its only
 * uses are phi operands on one edge out of a branching block. */
static void sink(coropack_domtree *dt, LLVMValueRef inst, use_at **u, size_t *cap)
{
	int n = uses_of(inst, u, cap);
	if (n <= 0)
		return;
	for (int k = 0; k < n; k++)
		if (!coropack_reachable(dt, (*u)[k].bb))
			return; /* a use in dead code: leave it be */
	LLVMBasicBlockRef home = LLVMGetInstructionParent(inst), d = (*u)[0].bb;
	int one_edge = (*u)[0].edge_to != NULL;
	for (int k = 1; k < n; k++) {
		d = coropack_common_dominator(dt, d, (*u)[k].bb);
		one_edge = one_edge && (*u)[k].bb == (*u)[0].bb && (*u)[k].edge_to == (*u)[0].edge_to;
	}
	if (one_edge && coropack_no_new_loop(dt, (*u)[0].bb, home)) {
		LLVMBasicBlockRef mid = coropack_split_edge(dt, (*u)[0].bb, (*u)[0].edge_to);
		if (mid) {
			coropack_move_before(inst, LLVMGetBasicBlockTerminator(mid));
			return;
		}
	}
	while (d && d != home && !coropack_no_new_loop(dt, d, home))
		d = coropack_idom(dt, d);
	if (!d || d == home)
		return;
	LLVMValueRef at = NULL;
	int in_d = 0;
	for (int k = 0; k < n; k++)
		if ((*u)[k].bb == d)
			at = (*u)[k].at, in_d++;
	if (in_d > 1) {
		/* The first of them in the block. */
		for (LLVMValueRef i = LLVMGetFirstInstruction(d); i; i = LLVMGetNextInstruction(i)) {
			int hit = 0;
			for (int k = 0; k < n && !hit; k++)
				hit = (*u)[k].bb == d && (*u)[k].at == i;
			if (hit) {
				at = i;
				break;
			}
		}
	}
	coropack_move_before(inst, at ? at : LLVMGetBasicBlockTerminator(d));
}

/* A byval argument in the frame: right after coro.begin its bytes are
 * copied to the slot, whose address its uses (all after coro.begin) now
 * take, as LLVM's split copies a byval argument it spills. */
static void copy_byval(rw *w, const cp_alloca *al, LLVMValueRef arg, LLVMValueRef begin, uint64_t off,
                       const char *name)
{
	/* The source is as aligned as the parameter says (byval's pointee may
	 * be less aligned than its type); the slot as the item. */
	uint64_t src_align = cp_param_align(LLVMGetParamParent(arg), cp_arg_index(arg));
	LLVMPositionBuilderBefore(w->b, LLVMGetNextInstruction(begin));
	LLVMValueRef to = slot(w, off, name);
	LLVMValueRef n = LLVMConstInt(w->i64, al->size, 0);
	LLVMBuildMemCpy(w->b, to, (unsigned)al->align, arg, src_align ? (unsigned)src_align : 1, n);
}

int cp_rewrite(LLVMValueRef fn, const cp_func *f, const cp_plan *p, char *why, size_t whylen)
{
	return cp_rewrite_at(fn, f, p, NULL, why, whylen);
}

/* The checks before any change: every suspend point dominated by base
 * (when given), every stored value defined before its coro.save, no frame
 * alloca used before coro.begin. 0, or -1 with why. */
static int checks(LLVMValueRef fn, const cp_func *f, const cp_plan *p, LLVMValueRef base,
                  char *why, size_t whylen)
{
	const cp_live *l = &p->live;
	LLVMValueRef *vref = (LLVMValueRef *)f->value_ref, *aref = (LLVMValueRef *)f->alloca_ref;
	coropack_domtree *dt = coropack_domtree_new(fn);
	int ok = 1;
	for (int s = 0; s < f->nsusp && ok && base; s++) {
		LLVMValueRef at = f->save_ref[s] ? f->save_ref[s] : f->susp_ref[s];
		ok = coropack_dominates(dt, base, at);
		if (!ok)
			cp_bail(why, whylen, "a suspend point is not dominated by llvm.coro.begin");
	}
	for (int s = 0; s < f->nsusp && ok; s++) {
		LLVMValueRef at = f->save_ref[s] ? f->save_ref[s] : f->susp_ref[s];
		const uint64_t *st = l->vstore + (size_t)s * l->vw;
		for (size_t v = cp_bs_next(st, l->vw, 0); v != SIZE_MAX && ok; v = cp_bs_next(st, l->vw, v + 1))
			ok = p->value_off[v] != CP_NO_OFFSET && vref[v] != at && coropack_dominates(dt, vref[v], at);
		if (!ok)
			cp_bail(why, whylen, "a value live across a suspend is defined after its coro.save");
	}
	LLVMValueRef begin = f->begin_ref;
	for (int a = 0; a < f->nalloca && ok; a++) {
		if (p->alloca_off[a] == CP_NO_OFFSET)
			continue;
		for (LLVMUseRef u = LLVMGetFirstUse(aref[a]); u && ok; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);
			if (!LLVMIsAInstruction(user) || cp_is_lifetime(user))
				continue;
			ok = user != begin && coropack_dominates(dt, begin, user);
		}
		if (!ok)
			cp_bail(why, whylen, "a frame %s is used before llvm.coro.begin",
			        f->alloca[a].byval ? "byval argument" : "alloca");
	}
	coropack_domtree_free(dt);
	return ok ? 0 : -1;
}

/* A store of value v into its slot, at the builder's position. */
static LLVMValueRef store_value(rw *w, int v)
{
	LLVMValueRef x = w->f->value_ref[v];
	char buf[256];
	LLVMValueRef st = LLVMBuildStore(w->b, x, slot(w, w->p->value_off[v],
	                                 derived(w, buf, sizeof buf, x, "slot")));
	LLVMSetAlignment(st, (unsigned)w->f->value[v].align);
	return st;
}

/* Frame alloca a becomes addresses in the region, computed next to each
 * use (at the end of the incoming block for a phi), so that no address is
 * live across a suspend: at -O0 LLVM rematerializes nothing and would
 * spill such an address into a field of its own. A byval argument's bytes
 * are copied in after coro.begin. */
static void retarget_alloca(rw *w, int a)
{
	const cp_func *f = w->f;
	LLVMValueRef al = f->alloca_ref[a];
	uint64_t off = w->p->alloca_off[a];
	coropack_debug_retarget(al, w->region, off + w->bias);
	for (LLVMUseRef u = LLVMGetFirstUse(al); u;) {
		LLVMValueRef user = LLVMGetUser(u);
		u = LLVMGetNextUse(u);
		if (LLVMIsAInstruction(user) && cp_is_lifetime(user))
			LLVMInstructionEraseFromParent(user);
	}
	char buf[256];
	derived(w, buf, sizeof buf, al, "slot");
	while (LLVMGetFirstUse(al)) {
		LLVMValueRef user = LLVMGetUser(LLVMGetFirstUse(al));
		if (!LLVMIsAInstruction(user))
			break;
		if (LLVMIsAPHINode(user)) {
			unsigned n = LLVMCountIncoming(user);
			for (unsigned k = 0; k < n; k++) {
				if (LLVMGetIncomingValue(user, k) != al)
					continue;
				LLVMPositionBuilderBefore(w->b, LLVMGetBasicBlockTerminator(LLVMGetIncomingBlock(user, k)));
				LLVMSetOperand(user, k, slot(w, off, buf));
			}
		} else {
			unsigned nop = (unsigned)LLVMGetNumOperands(user);
			LLVMPositionBuilderBefore(w->b, user);
			LLVMValueRef addr = slot(w, off, buf);
			for (unsigned k = 0; k < nop; k++)
				if (LLVMGetOperand(user, k) == al)
					LLVMSetOperand(user, k, addr);
		}
	}
	if (f->alloca[a].byval) {
		copy_byval(w, &f->alloca[a], al, f->begin_ref, off, buf);
		return;
	}
	if (LLVMGetFirstUse(al))
		LLVMReplaceAllUsesWith(al, LLVMGetPoison(LLVMTypeOf(al)));
	LLVMInstructionEraseFromParent(al);
}

/* Each value's spill kind (w->how, w->pos), and the stores of those
 * stored once, right after their definitions. */
static void stores_after_defs(rw *w, LLVMValueRef fn)
{
	const cp_func *f = w->f;
	coropack_domtree *dt = coropack_domtree_new(fn);
	for (int v = 0; v < f->nvalue; v++)
		if (w->p->value_off[v] != CP_NO_OFFSET)
			w->how[v] = (char)spill_kind(w, v, dt, f->begin_ref, &w->pos[v]);
	coropack_domtree_free(dt);
	for (int v = 0; v < f->nvalue; v++) {
		if (w->how[v] != AFTER_DEF)
			continue;
		LLVMPositionBuilderBefore(w->b, w->pos[v]);
		store_value(w, v);
	}
}

/* Around each suspend: stores before its save (w->stores), reloads and
 * recomputations right after it. */
static void around_suspends(rw *w)
{
	const cp_func *f = w->f;
	const cp_live *l = &w->p->live;
	for (int s = 0; s < f->nsusp; s++) {
		const uint64_t *st = l->vstore + (size_t)s * l->vw, *raw = l->vraw + (size_t)s * l->vw;
		LLVMValueRef at = f->save_ref[s] ? f->save_ref[s] : f->susp_ref[s];
		LLVMPositionBuilderBefore(w->b, at);
		for (size_t i = cp_bs_next(st, l->vw, 0); i != SIZE_MAX; i = cp_bs_next(st, l->vw, i + 1))
			if (w->how[i] != AFTER_DEF)
				cp_vpush(&w->stores[i], store_value(w, (int)i));
		/* Reload right after the save too: code between the save and the
		 * suspend (the await_suspend call and its unwind path) counts as
		 * after the suspend for LLVM's split. Unused reloads die later. */
		for (int k = 0; k < 2; k++) {
			LLVMValueRef after = k == 0 ? f->save_ref[s] : f->susp_ref[s];
			if (!after)
				continue;
			LLVMPositionBuilderBefore(w->b, LLVMGetNextInstruction(after));
			reload(w, s, st, raw);
		}
	}
}

/* SSA: every use now reads the definition that reaches it. */
static void update_ssa(rw *w, LLVMValueRef fn)
{
	const cp_func *f = w->f;
	LLVMValueRef *vref = (LLVMValueRef *)f->value_ref;
	coropack_domtree *dt = coropack_domtree_new(fn);
	for (int v = 0; v < f->nvalue; v++) {
		cp_vlist *nd = &w->nd[v], *stores = &w->stores[v];
		if (!nd->n)
			continue;
		coropack_ssa_update(dt, vref[v], nd->v, (unsigned)nd->n);
		for (int k = 0; k < nd->n; k++)
			coropack_debug_copy_value(vref[v], nd->v[k]);
		/* Storing back what was just reloaded from the same slot is a no-op
		 * when no alloca shares the slot: values that share it are never
		 * written in between (each would be live where v is). */
		for (int k = 0; w->how[v] == SHARED_NO_ALLOCA && k < stores->n; k++) {
			LLVMValueRef op = LLVMGetOperand(stores->v[k], 0);
			for (int j = 0; j < nd->n; j++)
				if (op == nd->v[j] && LLVMIsALoadInst(op)) {
					LLVMInstructionEraseFromParent(stores->v[k]);
					stores->v[k] = NULL;
					break;
				}
		}
	}
	coropack_domtree_free(dt);
}

/* Reloads and recomputations move down to their uses (users first, so
 * that operands follow): a value reloaded right after the suspend would
 * have to survive every call in between (the destroy of an awaited task,
 * say) in a callee-saved register, and one needed on a loop's back edge
 * only would be loaded on the way out too, as stock LLVM's reloads on a
 * new block for the edge are not. Nothing writes a slot between its reload
 * and the uses that reload reaches (a value sharing its bytes would be
 * live at once with it), unless an alloca shares the bytes: such reloads
 * stay. */
static void sink_reloads(rw *w, LLVMValueRef fn)
{
	coropack_domtree *dt = coropack_domtree_new(fn);
	use_at *u = NULL;
	size_t cap = 0;
	LLVMTargetDataRef td = LLVMGetModuleDataLayout(LLVMGetGlobalParent(fn));
	for (int k = w->made.n - 1; k >= 0; k--) {
		LLVMValueRef i = w->made.v[k];
		uint64_t o, n;
		if (slot_access(w, td, i, &o, &n) && spans_overlap(&w->allocas, o, o + n))
			continue;
		sink(dt, i, &u, &cap);
	}
	free(u);
	coropack_domtree_free(dt);
}

/* A shared value is stored right after its definition instead of at its
 * suspends when the slot is its own from there on (slot_free_from): it
 * then need not stay live across the calls before the suspend. */
static void stores_moved_up(rw *w)
{
	const cp_func *f = w->f;
	for (int v = 0; v < f->nvalue; v++) {
		cp_vlist *stores = &w->stores[v];
		if (w->how[v] != SHARED_NO_ALLOCA || !w->pos[v] || !stores->n)
			continue;
		uint64_t lo = w->p->value_off[v], hi = lo + f->value[v].size;
		if (!slot_free_from(w, w->pos[v], lo, hi, stores, &w->nd[v]))
			continue;
		for (int k = 0; k < stores->n; k++)
			if (stores->v[k])
				LLVMInstructionEraseFromParent(stores->v[k]);
		LLVMPositionBuilderBefore(w->b, w->pos[v]);
		store_value(w, v);
	}
}

int cp_rewrite_at(LLVMValueRef fn, const cp_func *f, const cp_plan *p, LLVMValueRef base,
                       char *why, size_t whylen)
{
	if (!f->value_ref || !f->begin_ref)
		return cp_bail(why, whylen, "no IR behind the model");
	if (cp_rewrite_done(fn))
		return cp_bail(why, whylen, "already packed");
	if (has_funclets(fn))
		return cp_bail(why, whylen, "funclet-based exception handling (catchswitch, cleanuppad)");
	/* Checks first: the function stays untouched when one fails. */
	if (checks(fn, f, p, base, why, whylen) != 0)
		return -1;

	LLVMContextRef cx = LLVMGetTypeContext(LLVMTypeOf(fn));
	size_t nv = (size_t)f->nvalue + 1;
	rw w = {.f = f, .p = p, .b = LLVMCreateBuilderInContext(cx),
	        .nameless = LLVMContextShouldDiscardValueNames(cx)};
	w.i8 = LLVMInt8TypeInContext(cx);
	w.i64 = LLVMInt64TypeInContext(cx);
	w.nd = calloc(nv, sizeof *w.nd);
	w.cloned = calloc(nv, 1);
	w.how = calloc(nv, 1);
	w.stores = calloc(nv, sizeof *w.stores);
	w.pos = calloc(nv, sizeof *w.pos);
	w.shared = calloc(nv, 1);
	if (!w.nd || !w.cloned || !w.how || !w.stores || !w.pos || !w.shared)
		abort();
	if (base) {
		w.region = base;
		w.bias = p->absolute ? 0 : p->region_base;
	} else if (p->region_items) {
		LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
		LLVMPositionBuilderBefore(w.b, LLVMGetFirstInstruction(entry));
		w.region = LLVMBuildAlloca(w.b, LLVMArrayType2(w.i8, p->region_size), "coropack.region");
		LLVMSetAlignment(w.region, (unsigned)p->region_align);
	}
	for (int a = 0; a < f->nalloca; a++)
		if (p->alloca_off[a] != CP_NO_OFFSET)
			retarget_alloca(&w, a);
	find_shared(&w);
	stores_after_defs(&w, fn);
	around_suspends(&w);
	update_ssa(&w, fn);
	sink_reloads(&w, fn);
	stores_moved_up(&w);
	/* What no path reads (a reload after a save whose window uses nothing,
	 * say) goes now, users before their operands, rather than through
	 * every pass until the split's clean-up. */
	for (int k = w.made.n - 1; k >= 0; k--)
		coropack_erase_if_dead(w.made.v[k]);
	free(w.made.v);
	for (int v = 0; v < f->nvalue; v++) {
		free(w.stores[v].v);
		free(w.nd[v].v);
	}
	free(w.stores);
	free(w.shared);
	spans_free(&w.allocas);
	free(w.how);
	free(w.pos);
	free(w.nd);
	free(w.cloned);
	LLVMDisposeBuilder(w.b);
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateStringAttribute(cx, ATTR, sizeof ATTR - 1, "", 0));
	return 0;
}
