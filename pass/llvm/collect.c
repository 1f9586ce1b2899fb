/* Collecting frame reports around LLVM's coro-split; see collect.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include "analyze.h"
#include "bitset.h"
#include "collect.h"
#include "ir.h"
#include "irutil.h"
#include "liveness.h"
#include "lower.h"
#include "rewrite.h"
#include "shim.h"

#define NOT_LOWERED "coropack-not-lowered"

int cp_collect_name_matches(const char *want, const char *name, const char *dem)
{
	if (!strcmp(want, name) || (dem && !strcmp(want, dem)))
		return 1;
	if (!dem)
		return 0;
	size_t n = strlen(want);
	return !strncmp(dem, want, n) && (dem[n] == '(' || dem[n] == '[');
}

/* A coroutine not yet packed or lowered, and the one asked for (if any).
 * A wanted coroutine first loses its unreachable blocks, as LLVM's
 * CoroSplitPass does before anything else (removeUnreachableBlocks, which
 * also turns invokes of nounwind callees into calls): the model must see
 * the CFG the stock split sees, or it finds values and allocas crossing a
 * suspend through landing pads stock never has, and lower mode refuses a
 * frame it thinks is above stock's. */
static int wanted(const cp_collect *k, LLVMValueRef fn)
{
	if (!cp_ir_is_coroutine(fn) || cp_rewrite_done(fn))
		return 0;
	int want = 1;
	if (k->function) {
		size_t len;
		const char *nm = LLVMGetValueName2(fn, &len);
		char *dem = coropack_demangle(nm);
		want = cp_collect_name_matches(k->function, nm, dem);
		free(dem);
	}
	if (want)
		(void)coropack_remove_unreachable(fn); /* SSA: nothing reachable reads the dead */
	return want;
}

/* The frame LLVM's split built for fn: the alloc size of "<fn>.Frame" (what
 * operator new receives) and the frame's alignment. */
static int split_frame(LLVMValueRef fn, uint64_t *size, uint64_t *align)
{
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	char tname[1024];
	snprintf(tname, sizeof tname, "%s.Frame", nm);
	LLVMModuleRef m = LLVMGetGlobalParent(fn);
	LLVMTypeRef t = LLVMGetTypeByName2(LLVMGetModuleContext(m), tname);
	if (!t || !LLVMTypeIsSized(t))
		return 0;
	LLVMTargetDataRef dl = LLVMGetModuleDataLayout(m);
	if (getenv("COROPACK_DEBUG_FRAME")) {
		char *ts = LLVMPrintTypeToString(t);
		fprintf(stderr, "coropack: %s = %s\n", tname, ts);
		LLVMDisposeMessage(ts);
	}
	*size = LLVMABISizeOfType(dl, t);
	*align = LLVMABIAlignmentOfType(dl, t);
	/* The frame's alignment is LLVM's Shape.FrameAlign, which an
	 * over-aligned alloca raises above the type's (a byte-array field): the
	 * split puts it on the resume function's frame parameter. */
	snprintf(tname, sizeof tname, "%s.resume", nm);
	LLVMValueRef resume = LLVMGetNamedFunction(m, tname);
	uint64_t fa = resume && LLVMCountParams(resume) ? cp_param_align(resume, 0) : 0;
	if (fa > *align)
		*align = fa;
	/* (The remark and the DWARF frame type round the size up to that
	 * alignment; the allocation does not.) */
	return 1;
}

int cp_mode_parse(const char *s, cp_mode *m)
{
	static const char *const names[] = {"lower", "pack", "report", "off"};
	if (!s || !*s) {
		*m = CP_MODE_LOWER;
		return 0;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i])) {
			*m = (cp_mode)i;
			return 0;
		}
	return -1;
}

/* The modes that rewrite before the split (lower mode: what it left). */
static int packs(const cp_collect *k)
{
	return k->mode == CP_MODE_PACK || k->mode == CP_MODE_LOWER;
}

static void set_stock(cp_coroutine *c, const char *why)
{
	cp_coroutine_set_status(c, CP_STATUS_STOCK, why);
}

/* Whether packing may pay: two items of c's packed layout share bytes
 * (items are in offset order), or one is aligned above 16 bytes (LLVM's
 * layout then pads around it, and a plan without sharing was measured 8
 * bytes smaller). Otherwise packing could only reorder fields, which LLVM's
 * layout already does with the least padding, and the trial splits that
 * decide whether packing pays are skipped. */
static int may_pay(const cp_coroutine *c)
{
	uint64_t end = 0;
	for (size_t i = 0; i < c->nitems; i++) {
		const cp_item *it = &c->items[i];
		if (it->remat || it->offset == CP_NO_OFFSET)
			continue;
		if (it->align > 16)
			return 1;
		if (it->size == 0)
			continue;
		if (it->offset < end)
			return 1;
		if (it->offset + it->size > end)
			end = it->offset + it->size;
	}
	return 0;
}

/* --- callee frames elided into this coroutine ------------------------------
 * CoroElide gives an inlined callee's frame an `alloca [N x i8]` in its
 * caller, N the frame size of the callee's split (the dereferenceable bytes
 * of its resume function's frame parameter), and the inlined ramp stores the
 * callee's resume function at the start of it. When coropack packed or
 * lowered the callee, N is its smaller frame, so a split of the caller as it
 * is measures less than a stock build, which has the callee's stock frame
 * there. */

enum { MAX_ELIDED = 64 };

typedef struct elided {
	LLVMValueRef a; /* the alloca in fn */
	uint64_t stock; /* the callee's stock frame size */
} elided;

typedef struct elided_set {
	elided e[MAX_ELIDED];
	size_t n;
} elided_set;

/* The callee's resume function a store puts at a's start (through the
 * bitcast CoroElide makes, which later passes fold), or NULL. */
static LLVMValueRef stored_resume(LLVMValueRef a)
{
	for (LLVMUseRef u = LLVMGetFirstUse(a); u; u = LLVMGetNextUse(u)) {
		LLVMValueRef st = LLVMGetUser(u), v;
		if (LLVMIsABitCastInst(st) && (v = stored_resume(st)))
			return v;
		if (!LLVMIsAStoreInst(st) || LLVMGetOperand(st, 1) != a)
			continue;
		size_t len;
		const char *nm;
		if ((v = LLVMIsAFunction(LLVMGetOperand(st, 0))) && (nm = LLVMGetValueName2(v, &len)) &&
		    len > 7 && !memcmp(nm + len - 7, ".resume", 7))
			return v;
	}
	return NULL;
}

/* The stock frame size the report gives the coroutine named nm[0, len), or 0. */
static uint64_t reported_stock(const cp_report *r, const char *nm, size_t len)
{
	for (size_t i = 0; r && i < r->ncoros; i++) {
		const char *n = r->coros[i].name;
		if (n && strlen(n) == len && !memcmp(n, nm, len))
			return r->coros[i].stock_size;
	}
	return 0;
}

/* The elided callee frames of fn whose size is not their stock size. */
static void find_elided(const cp_collect *k, LLVMValueRef fn, elided_set *out)
{
	out->n = 0;
	LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
	for (LLVMValueRef i = LLVMGetFirstInstruction(entry); i && out->n < MAX_ELIDED; i = LLVMGetNextInstruction(i)) {
		LLVMTypeRef t;
		if (!LLVMIsAAllocaInst(i) || LLVMGetTypeKind(t = LLVMGetAllocatedType(i)) != LLVMArrayTypeKind ||
		    LLVMGetTypeKind(LLVMGetElementType(t)) != LLVMIntegerTypeKind ||
		    LLVMGetIntTypeWidth(LLVMGetElementType(t)) != 8)
			continue;
		LLVMValueRef r = stored_resume(i);
		size_t len;
		const char *nm = r ? LLVMGetValueName2(r, &len) : NULL;
		uint64_t stock = nm ? reported_stock(k->out, nm, len - 7) : 0;
		if (stock && stock != LLVMGetArrayLength2(t))
			out->e[out->n++] = (elided){i, stock};
	}
}

/* Gives the scratch copy's elided callee frames their stock sizes. */
static void stock_callees(void *vs, LLVMValueRef copy, const coropack_vmap *map)
{
	const elided_set *es = vs;
	LLVMContextRef cx = LLVMGetModuleContext(LLVMGetGlobalParent(copy));
	LLVMBuilderRef b = LLVMCreateBuilderInContext(cx);
	for (size_t k = 0; k < es->n; k++) {
		LLVMValueRef i = coropack_vmap_lookup(map, es->e[k].a);
		if (!i || !LLVMIsAAllocaInst(i))
			continue;
		LLVMPositionBuilderBefore(b, i);
		LLVMValueRef a = LLVMBuildAlloca(b, LLVMArrayType2(LLVMInt8TypeInContext(cx), es->e[k].stock), "");
		LLVMSetAlignment(a, LLVMGetAlignment(i));
		LLVMReplaceAllUsesWith(i, a);
		LLVMInstructionEraseFromParent(i);
	}
	LLVMDisposeBuilder(b);
}

/* What a stock build allocates for fn when callee frames packed or lowered
 * by coropack are elided into it (0 when none is: a split of fn as it is
 * measures that). Costs a trial split, made only for reports (truth). */
static uint64_t stock_with_callees(const cp_collect *k, LLVMValueRef fn)
{
	elided_set es;
	if (!k->truth)
		return 0;
	find_elided(k, fn, &es);
	return es.n ? coropack_trial_frame_size(fn, k->level, stock_callees, &es, NULL, 0) : 0;
}

/* --- stock's frame without a split ---------------------------------------- */

/* Whether stock's split surely gives marked alloca a a field of its own:
 * at -O0 in an optnone function (clang's -O0: OptimizeFrame is off, so no
 * alloca shares bytes, and the split sinks no lifetime.start), when the
 * model has its storage live at a suspend point or a lifetime.start
 * reaching one unended (LLVM's own reasons, SpillUtils.cpp). Not when the
 * model frames it only as an escaped alloca used on both sides of a suspend:
 * LLVM 22 keeps some of those on the stack (a single lifetime.start in a
 * loop through a suspend, in programs 2344, 2354 and 2418 of the campaign's
 * seed 3: tests/lit/lower/o0-floor-escaped.test) and frames others (the
 * same shape, a loop whose one branch escapes the local and whose other
 * suspends, written by hand). And
 * not when a block holds both a start and an end of it: LLVM's reachability
 * then skips the whole block, where the model sees the start after the
 * end. */
static int surely_framed_marked(const cp_func *f, const cp_plan *p, int a)
{
	const cp_alloca *al = &f->alloca[a];
	int live = al->stock_frame;
	for (int s = 0; s < f->nsusp && !live; s++)
		live = cp_bs_has(&p->live.alive[(size_t)s * p->live.aw], (size_t)a);
	if (!live)
		return 0;
	for (int u = 0; u < al->nuse; u++) {
		const cp_inst *in = &f->inst[al->useinst[u]];
		if (in->op != CP_OP_LSTART || in->slot != a)
			continue;
		int b = cp_func_block_of(f, al->useinst[u]);
		for (int v = 0; v < al->nuse; v++) {
			const cp_inst *e = &f->inst[al->useinst[v]];
			if (e->op == CP_OP_LEND && e->slot == a && cp_func_block_of(f, al->useinst[v]) == b)
				return 0;
		}
	}
	return 1;
}

/* A floor under the frame a stock build gives f: the resume and destroy
 * pointers, the promise, the suspend index (LLVM's switch lowering always
 * has one, of at least a byte), and a field for each value p stores: p
 * stores no value stock rematerializes, and stock spills every SSA value
 * with a use across a suspend, each spill its own field. Frame allocas
 * without lifetime markers count at every level (the model asks LLVM's own
 * question of them, and stock merges allocas only by their markers); marked
 * ones only where surely_framed_marked says. A struct is at least the sum
 * of its fields, whatever its padding, and a multiple of its alignment, at
 * least a pointer's (the header). COROPACK_CHECK_STOCK_FLOOR=1 measures
 * this against a trial split of every coroutine (check_floor). */
static uint64_t stock_floor(const cp_func *f, const cp_plan *p, int level)
{
	uint64_t sum = 2 * f->ptr_size + f->promise_size + (p->index_size ? p->index_size : 1);
	for (int v = 0; v < f->nvalue; v++)
		if (p->value_off[v] != CP_NO_OFFSET && !f->value[v].remat)
			sum += f->value[v].size;
	for (int a = 0; a < f->nalloca; a++) {
		if (p->alloca_off[a] == CP_NO_OFFSET || f->alloca[a].byval)
			continue;
		if (!f->alloca[a].marked || (level == 0 && f->optnone && surely_framed_marked(f, p, a)))
			sum += f->alloca[a].size;
	}
	uint64_t ptr = f->ptr_size ? f->ptr_size : 8;
	return (sum + ptr - 1) / ptr * ptr;
}

/* The allocas a trial split may take as globals (cp_live's astack, shim.h):
 * those with enough uses that the split's comparison of every pair of them
 * costs something. A malloc'd array in *out (NULL when there is none). */
enum { DETACH_MIN_USES = 16 };
static size_t detachable(const cp_func *f, const cp_plan *p, LLVMValueRef **out)
{
	size_t n = 0;
	*out = NULL;
	if (!p->live.astack || !f->alloca_ref)
		return 0;
	for (int a = 0; a < f->nalloca; a++) {
		if (!cp_bs_has(p->live.astack, (size_t)a) || f->alloca[a].nuse < DETACH_MIN_USES)
			continue;
		if (!*out && !(*out = malloc((size_t)f->nalloca * sizeof **out)))
			abort();
		(*out)[n++] = f->alloca_ref[a];
	}
	return n;
}

/* A trial split of fn (shim.h) with f's detachable allocas taken out. */
static uint64_t trial_split(const cp_collect *k, LLVMValueRef fn, const cp_func *f, const cp_plan *p,
                      coropack_trial_hook prepare, void *ctx)
{
	LLVMValueRef *d;
	size_t nd = detachable(f, p, &d);
	uint64_t size = coropack_trial_frame_size(fn, k->level, prepare, ctx, d, nd);
	free(d);
	if (getenv("COROPACK_DEBUG_TRIALS")) {
		size_t len;
		fprintf(stderr, "coropack: trial split of %s (%s copy, %zu allocas detached): %llu bytes\n",
		        LLVMGetValueName2(fn, &len), prepare ? "packed" : "stock", nd, (unsigned long long)size);
	}
	return size;
}

static int check_floor_wanted(void)
{
	const char *e = getenv("COROPACK_CHECK_STOCK_FLOOR");
	return e && *e && strcmp(e, "0");
}

/* Says on stderr when stock_floor is above what a split of fn measures. */
static void check_floor(LLVMValueRef fn, uint64_t floor, uint64_t stock)
{
	size_t len;
	if (stock && floor > stock)
		fprintf(stderr, "coropack: stock floor above stock: %s: floor %llu, stock %llu bytes\n",
		        LLVMGetValueName2(fn, &len), (unsigned long long)floor, (unsigned long long)stock);
}

/* The stock frame size of fn when it is read (k->truth), when the model
 * cannot show that size is at least `ours` (so a split of a copy must
 * tell), or when the floor is checked; else 0 (no split made). */
static uint64_t stock_if_needed(const cp_collect *k, LLVMValueRef fn, const cp_func *f, const cp_plan *p,
                                uint64_t ours)
{
	uint64_t floor = stock_floor(f, p, k->level), stock;
	int check = check_floor_wanted();
	if (!k->truth && !check && ours <= floor)
		return 0;
	stock = trial_split(k, fn, f, p, NULL, NULL);
	if (check)
		check_floor(fn, floor, stock);
	return stock;
}

/* A bound over the frame LLVM's split gives pack mode's rewrite of f, or 0
 * when there is none. On 295 coroutines of the differential and generated
 * programs at -O0, -O1 and -O2 the packed copy's split came out above the
 * model's packed size for two reasons only: the frame's tail padding up to
 * its alignment (the region's, above the struct type's), and allocas the
 * model keeps on the stack that LLVM puts in fields of their own (its
 * reachability walk from a lifetime.start gives up after 32 blocks and
 * answers "reachable": isManyPotentiallyReachableFromMany). So: the model's
 * size, plus each alloca outside the region that stock does not surely
 * keep on the stack (astack) with its worst padding, rounded up to the
 * largest alignment. What the split does above -O0 and not at -O0 (allocas
 * sharing bytes, values rematerialized, lifetime starts sunk) only makes a
 * frame smaller; the rewritten copy has no value live across a suspend
 * but those the split rematerializes (rewrite.c). COROPACK_CHECK_STOCK_FLOOR=1
 * splits the copy anyway and says when the split came out above the bound
 * (tests/diff/campaign.sh fails on that). */
static uint64_t packed_bound(const cp_func *f, const cp_plan *p, const cp_coroutine *c)
{
	if (!p->live.astack)
		return 0;
	uint64_t sum = c->packed_size, al = c->align > 1 ? c->align : 1;
	for (int a = 0; a < f->nalloca; a++) {
		const cp_alloca *x = &f->alloca[a];
		if (p->alloca_off[a] != CP_NO_OFFSET || cp_bs_has(p->live.astack, (size_t)a))
			continue;
		sum += x->size + (x->align > 1 ? x->align - 1 : 0);
		al = x->align > al ? x->align : al;
	}
	return (sum + al - 1) / al * al;
}

static void check_bound(LLVMValueRef fn, uint64_t bound, uint64_t split)
{
	size_t len;
	if (bound && split > bound)
		fprintf(stderr, "coropack: packed bound below the packed split: %s: bound %llu, split %llu bytes\n",
		        LLVMGetValueName2(fn, &len), (unsigned long long)bound, (unsigned long long)split);
}

typedef struct trial {
	const cp_func *f;     /* the coroutine's model and plan, which the */
	const cp_plan *plan;  /* copy is rewritten with */
	int ok;
	char why[256];
} trial;

/* g: f's model with its IR handles led through map to a trial's copy of
 * f's function (the copy's blocks, instructions and arguments are f's, one
 * for one). Its arrays come from f's arena: g lives no longer than f and is
 * never freed itself. */
static int map_model(const cp_func *f, const coropack_vmap *map, cp_func *g)
{
	*g = *f;
	void **refs[] = {f->value_ref, f->alloca_ref, f->susp_ref, f->save_ref, f->inst_ref};
	int lens[] = {f->nvalue, f->nalloca, f->nsusp, f->nsusp, f->ninst};
	void ***out[] = {&g->value_ref, &g->alloca_ref, &g->susp_ref, &g->save_ref, &g->inst_ref};
	for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
		if (!refs[k])
			continue;
		void **m = cp_arena_alloc(f->arena, ((size_t)lens[k] + 1) * sizeof *m);
		for (int i = 0; i < lens[k]; i++)
			if (refs[k][i] && !(m[i] = coropack_vmap_lookup(map, refs[k][i])))
				return -1;
		*out[k] = m;
	}
	if (f->begin_ref && !(g->begin_ref = coropack_vmap_lookup(map, f->begin_ref)))
		return -1;
	return 0;
}

/* Rewrites the scratch copy of a coroutine as the real one would be, with
 * the real one's model and plan; the rewritten copy must verify (a mistake
 * of the rewrite then leaves the coroutine stock instead of reaching LLVM's
 * split). */
static void pack_copy(void *vt, LLVMValueRef copy, const coropack_vmap *map)
{
	trial *t = vt;
	cp_func g;
	t->ok = map_model(t->f, map, &g) == 0;
	if (!t->ok)
		snprintf(t->why, sizeof t->why, "the packed copy lacks a value of the coroutine (a coropack bug)");
	else
		t->ok = cp_rewrite(copy, &g, t->plan, t->why, sizeof t->why) == 0;
	if (t->ok && LLVMVerifyFunction(copy, LLVMReturnStatusAction)) {
		t->ok = 0;
		snprintf(t->why, sizeof t->why, "the packed copy does not verify (a coropack bug)");
	}
}

/* Pack mode's decision for fn, planned as plan (c its report entry):
 * rewrites fn and returns 1 when its frame comes out smaller than stock's,
 * else sets c's status to why not and returns 0.
 *
 * Never above stock: split a packed copy, and rewrite the coroutine only
 * when its frame is smaller than stock's (below the model's floor of it,
 * or than a split of a copy as it is). The trial also catches whatever
 * LLVM's split adds that the plan did not foresee. A split of the packed
 * copy has never come out below the model's packed size: when the floor
 * cannot show that size smaller than stock's, the copy as it is is split
 * first, and if stock is no larger, packing cannot win and the packed copy
 * is not split (at worst a saving is missed). At -O0 a bound over the
 * packed split below stock's frame spares that split too (packed_bound). */
static int pack_or_not(const cp_collect *k, LLVMValueRef fn, const cp_func *f, const cp_plan *plan,
                       cp_coroutine *c)
{
	char why[256];
	uint64_t stock = stock_if_needed(k, fn, f, plan, c->packed_size + 1);
	uint64_t tried = 0, bound = packed_bound(f, plan, c);
	int check = check_floor_wanted();
	trial t = {f, plan, 0, ""};
	if (!check && bound && bound < (stock ? stock : stock_floor(f, plan, k->level))) {
		t.ok = 1;
		tried = bound;
	} else if (!stock || stock > c->packed_size) {
		tried = trial_split(k, fn, f, plan, pack_copy, &t);
		if (t.ok && tried && !stock)
			stock = stock_if_needed(k, fn, f, plan, tried + 1);
		if (check && t.ok)
			check_bound(fn, bound, tried);
	}
	c->stock_size = stock;
	if (stock && stock <= c->packed_size) {
		snprintf(why, sizeof why, "packing saves nothing (%llu bytes packed in the model, %llu stock)",
		         (unsigned long long)c->packed_size, (unsigned long long)stock);
		set_stock(c, why);
	} else if (!t.ok || !tried) {
		set_stock(c, t.why[0] ? t.why : "the packed copy could not be built");
	} else if (stock && tried >= stock) {
		snprintf(why, sizeof why, "packing saves nothing (%llu bytes packed, %llu stock)",
		         (unsigned long long)tried, (unsigned long long)stock);
		set_stock(c, why);
	} else if (cp_rewrite(fn, f, plan, why, sizeof why) != 0) {
		set_stock(c, why);
	} else {
		if (getenv("COROPACK_DEBUG_IR"))
			LLVMDumpValue(fn);
		return 1;
	}
	return 0;
}

void cp_collect_before(void *vc, LLVMValueRef fn)
{
	cp_collect *k = vc;
	if (!wanted(k, fn))
		return;
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	k->matched++;

	cp_coroutine *c = cp_report_add(k->out);
	if (!c)
		return;
	cp_func f;
	cp_plan plan = {.no_graph = !k->graph};
	char why[256] = "";
	int built = cp_ir_build(fn, &f, why, sizeof why) == 0;
	if (built && k->dump) {
		cp_live l;
		cp_live_compute(&f, &l);
		cp_live_dump(&f, &l, k->dump);
	}
	int planned = built && cp_analyze(&f, k->level, NULL, c, &plan) == 0;
	uint64_t true_stock = stock_with_callees(k, fn); /* before the rewrite */
	if (!c->name)
		c->name = cp_strdup(nm);
	if (!c->demangled)
		c->demangled = cp_strdup(f.demangled);
	c->level = k->level;
	c->internal = cp_is_internal(fn);
	int packed = 0;
	if (!planned) {
		set_stock(c, why[0] ? why : "the solver rejected the frame");
	} else if (packs(k) && !may_pay(c)) {
		set_stock(c, "no two items can share bytes");
	} else if (packs(k)) {
		packed = pack_or_not(k, fn, &f, &plan, c);
	}
	cp_func_free(&f);
	if (true_stock)
		c->stock_size = true_stock;
	/* Lower mode left it to LLVM's split: say why. */
	unsigned wlen = 0;
	LLVMAttributeRef nl = LLVMGetStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex, NOT_LOWERED,
	                                                    sizeof NOT_LOWERED - 1);
	const char *nlw = nl ? LLVMGetStringAttributeValue(nl, &wlen) : NULL;
	/* (Unless the status says it already: a model that could not be
	 * built stops both modes for the same reason.) */
	if (nlw && !(c->status == CP_STATUS_STOCK && c->detail && strlen(c->detail) == wlen &&
	             !memcmp(c->detail, nlw, wlen))) {
		char buf[400];
		int n = (int)(wlen < 250 ? wlen : 250);
		if (c->status == CP_STATUS_STOCK)
			snprintf(buf, sizeof buf, "%.120s (not lowered: %.*s)", c->detail, n, nlw);
		else
			snprintf(buf, sizeof buf, "not lowered: %.*s", n, nlw);
		cp_coroutine_set_status(c, c->status, buf);
	}

	size_t cap = k->cap;
	k->fn = cp_grow_or_abort(k->fn, k->nfn, &cap, sizeof *k->fn, 16);
	k->pend = cp_grow_or_abort(k->pend, k->nfn, &k->cap, sizeof *k->pend, 16);
	k->fn[k->nfn] = fn;
	k->pend[k->nfn++] = (cp_pending){k->out->ncoros - 1, planned, packed, c->packed_size, true_stock};
}

static int not_lowered(LLVMValueRef fn, const char *why)
{
	LLVMContextRef cx = LLVMGetModuleContext(LLVMGetGlobalParent(fn));
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateStringAttribute(cx, NOT_LOWERED, sizeof NOT_LOWERED - 1,
	                                                  why, (unsigned)strlen(why)));
	return 0;
}

int cp_collect_lower(void *vc, LLVMValueRef fn, LLVMValueRef *out)
{
	cp_collect *k = vc;
	if (!wanted(k, fn))
		return 0;
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	cp_func f;
	cp_plan plan = {.joint = 1, .no_graph = !k->graph};
	cp_coroutine c = {0};
	char why[256] = "";
	if (cp_ir_build(fn, &f, why, sizeof why) != 0) {
		cp_func_free(&f);
		return not_lowered(fn, why);
	}
	int rc = 0;
	uint64_t stock = 0;
	if (cp_analyze(&f, k->level, NULL, &c, &plan) != 0) {
		not_lowered(fn, "the solver rejected the frame");
	} else if (cp_lower_check(fn, &f, &plan, why, sizeof why) != 0) {
		not_lowered(fn, why);
	} else if ((stock = stock_if_needed(k, fn, &f, &plan, plan.frame_size)) && plan.frame_size > stock) {
		/* Never above stock: the model can see more live than LLVM's
		 * split does (a lifetime.start the split sinks where segments.c
		 * cannot be sure it would, tests/lit/lower/above-stock.ll), and
		 * LLVM's split then keeps its own view. */
		snprintf(why, sizeof why, "its frame would be larger than stock's (%llu > %llu bytes)",
		         (unsigned long long)plan.frame_size, (unsigned long long)stock);
		not_lowered(fn, why);
	} else {
		/* cp_lower leaves fn as it was when it fails, the verifier
		 * included. */
		uint64_t true_stock = stock_with_callees(k, fn); /* before it is lowered */
		cp_lowered lo;
		if (cp_lower(fn, &f, &plan, &lo, why, sizeof why) != 0) {
			not_lowered(fn, why);
			rc = -1;
		} else {
			out[0] = lo.resume, out[1] = lo.destroy, out[2] = lo.cleanup;
			if (!c.name)
				c.name = cp_strdup(nm);
			if (!c.demangled)
				c.demangled = cp_strdup(f.demangled);
			c.level = k->level;
			c.internal = cp_is_internal(fn);
			c.stock_size = true_stock ? true_stock : stock;
			c.packed_size = lo.size;
			c.align = lo.align;
			cp_coroutine_set_status(&c, CP_STATUS_LOWERED, NULL);
			cp_coroutine *slot = k->out ? cp_report_add(k->out) : NULL;
			if (slot) {
				*slot = c;
				c = (cp_coroutine){0};
			}
			k->matched++;
			rc = 1;
		}
	}
	cp_coroutine_clear(&c);
	cp_func_free(&f);
	return rc;
}

int cp_collect_pack_function(cp_collect *k, LLVMValueRef fn)
{
	size_t n = k->nfn;
	cp_collect_before(k, fn);
	if (k->nfn == n)
		return 0;
	return k->pend[--k->nfn].packed;
}

void cp_collect_after(void *vc, LLVMValueRef fn)
{
	cp_collect_finish(vc, fn);
}

size_t cp_collect_finish(cp_collect *k, LLVMValueRef fn)
{
	size_t idx = SIZE_MAX;
	for (size_t i = 0; i < k->nfn; i++) {
		if (k->fn[i] != fn)
			continue;
		cp_pending pd = k->pend[i];
		idx = pd.coro;
		cp_coroutine *c = &k->out->coros[pd.coro];
		uint64_t size, align;
		if (split_frame(fn, &size, &align)) {
			if (!pd.packed) {
				/* LLVM built the stock frame (but for callee frames
				 * coropack made smaller, measured before). */
				c->stock_size = pd.stock ? pd.stock : size;
				if (!pd.planned || packs(k)) {
					c->packed_size = size;
					c->align = align;
				}
			} else {
				/* The real packed frame; the plan said planned_size. */
				c->packed_size = size;
				c->align = align;
				if (size != pd.planned_size) {
					char buf[160];
					snprintf(buf, sizeof buf, "LLVM's frame is %lld bytes off the plan",
					         (long long)size - (long long)pd.planned_size);
					cp_coroutine_set_status(c, CP_STATUS_PACKED, buf);
				}
			}
		}
		k->fn[i] = k->fn[--k->nfn];
		k->pend[i] = k->pend[k->nfn];
		i--;
	}
	return idx;
}

void cp_collect_free(cp_collect *k)
{
	free(k->fn);
	free(k->pend);
	k->fn = NULL;
	k->pend = NULL;
	k->nfn = k->cap = 0;
}
