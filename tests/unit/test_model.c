/* The LLVM-free core on function models built by hand (func.h), with no
 * LLVM in the loop: seven small cp_func models of pre-split coroutines, each
 * checked against the contracts in the headers.
 *
 * - straight: two suspends in a row; a value live at both, one at the
 *   first only, one used between them (live at none), one read between
 *   a coro.save and its suspend (await_suspend: live there), the
 *   suspends' own results (live at none). Liveness, the dump, the split's
 *   segments (segments.h), suspend kinds and the plan: exact frame and
 *   region sizes, two values never live together share bytes, values
 *   live together never overlap; levels 0 and 2; lower mode's joint
 *   solve.
 * - loop: a suspend inside a loop. The loop-carried phi, a value defined
 *   before the loop and used after the suspend, and one used in the loop
 *   only before the suspend (the back edge makes it live there) are live;
 *   phi operands are not (they are read on their edges). An unmarked
 *   alloca whose two uses share a segment stays off the frame even
 *   around the loop. A promise with 16-byte alignment in the plan.
 * - branch: a value used on one branch after the suspend, one used only
 *   on the destroy path after the final suspend, one on the return to the
 *   caller before its coro.end (live), one used only after a coro.end
 *   (not); the final suspend is "Returned".
 * - allocas: lifetime markers whose ranges cover one suspend each (they
 *   share bytes in the plan), an unmarked alloca used across a suspend
 *   (in the frame, live everywhere) and one used only between suspends
 *   (not in the frame); a 4-byte promise in the prefix.
 * - remat: stock rematerialization, transitive: a GEP of a GEP of h is
 *   recomputed and h is stored instead; under optnone the GEP is stored.
 * - sink: a lifetime.start in the entry block whose uses all follow the
 *   first suspend: stock's split sinks it past the suspend (the alloca
 *   leaves the frame); with the uses' directness unknown it is not sunk.
 * - window: an alloca started and ended between a coro.save and its
 *   suspend is live at that suspend; one ended before the save is not.
 *
 * Prints "N passed, N failed" last and exits non-zero on a failure. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "bitset.h"
#include "coropack/frame.h"
#include "func.h"
#include "liveness.h"
#include "segments.h"

#include "check.h"

/* --- building a model ------------------------------------------------- */

enum { MAXB = 16, MAXI = 64, MAXV = 32, MAXA = 8, MAXS = 4, MAXE = 4, MAXU = 16 };
#define END_LIST (-1)
/* A use list: value ids; NONE for no uses. */
#define U(...) ((const int[]){__VA_ARGS__, END_LIST})
#define NONE ((const int *)NULL)

static void need(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "model builder: %s\n", what);
		abort();
	}
}

static int *ints(cp_func *f, int n)
{
	return cp_arena_alloc(f->arena, (size_t)n * sizeof(int));
}

static void m_init(cp_func *f, const char *name)
{
	memset(f, 0, sizeof *f);
	f->arena = cp_arena_new();
	f->name = cp_arena_strdup(f->arena, name);
	f->ptr_size = 8;
	f->block = cp_arena_alloc(f->arena, MAXB * sizeof *f->block);
	f->inst = cp_arena_alloc(f->arena, MAXI * sizeof *f->inst);
	f->value = cp_arena_alloc(f->arena, MAXV * sizeof *f->value);
	f->alloca = cp_arena_alloc(f->arena, MAXA * sizeof *f->alloca);
	f->susp = cp_arena_alloc(f->arena, MAXS * sizeof *f->susp);
	for (int s = 0; s < MAXS; s++)
		f->susp[s].save = f->susp[s].inst = -1;
}

/* Values are integers of size bytes, naturally aligned. */
static int m_value(cp_func *f, const char *name, uint64_t size)
{
	need(f->nvalue < MAXV, "too many values");
	cp_value *v = &f->value[f->nvalue];
	v->name = name;
	v->type = size == 8 ? "i64" : size == 4 ? "i32" : "i8";
	v->size = v->align = size;
	v->op = ints(f, MAXE);
	return f->nvalue++;
}

/* A value stock LLVM rematerializes (a GEP or a cast) of operand op. */
static int m_remat(cp_func *f, const char *name, int op)
{
	int v = m_value(f, name, 8);
	f->value[v].type = "ptr";
	f->value[v].remat = 1;
	f->value[v].op[f->value[v].nop++] = op;
	return v;
}

/* Uses are recorded with direct[] set (the address itself); a test that
 * wants "unknown" sets direct to NULL afterwards. */
static int m_alloca(cp_func *f, const char *name, uint64_t size, int marked)
{
	need(f->nalloca < MAXA, "too many allocas");
	cp_alloca *al = &f->alloca[f->nalloca];
	al->name = name;
	al->type = "[N x i8]";
	al->size = size;
	al->align = 8;
	al->marked = marked;
	al->useinst = ints(f, MAXU);
	al->direct = cp_arena_alloc(f->arena, MAXU);
	return f->nalloca++;
}

static void alloca_use(cp_func *f, int a, int inst)
{
	cp_alloca *al = &f->alloca[a];
	need(al->nuse < MAXU, "too many alloca uses");
	al->direct[al->nuse] = 1;
	al->useinst[al->nuse++] = inst;
}

/* Starts a new block; instructions go to the last one started. */
static int m_block(cp_func *f)
{
	need(f->nblock < MAXB, "too many blocks");
	cp_block *b = &f->block[f->nblock];
	b->first = f->ninst;
	b->succ = ints(f, MAXE);
	return f->nblock++;
}

static void m_edge(cp_func *f, int from, int to)
{
	cp_block *b = &f->block[from];
	need(b->nsucc < MAXE, "too many successors");
	b->succ[b->nsucc++] = to;
}

static int m_inst(cp_func *f, cp_op op, int def, int slot, const int *use)
{
	need(f->ninst < MAXI && f->nblock > 0, "too many instructions, or no block");
	int i = f->ninst++;
	cp_inst *in = &f->inst[i];
	in->op = op;
	in->def = def;
	in->slot = slot;
	in->use = ints(f, MAXU);
	for (int k = 0; use && use[k] != END_LIST; k++) {
		need(k < MAXU, "too many uses");
		in->use[in->nuse++] = use[k];
	}
	f->block[f->nblock - 1].ninst++;
	if (op == CP_OP_SUSPEND) {
		f->susp[slot].inst = i;
		if (slot >= f->nsusp)
			f->nsusp = slot + 1;
	}
	if (op == CP_OP_SAVE)
		f->susp[slot].save = i;
	if (op == CP_OP_LSTART || op == CP_OP_LEND)
		alloca_use(f, slot, i);
	return i;
}

static int def(cp_func *f, int v, const int *use) { return m_inst(f, CP_OP_OTHER, v, -1, use); }
static int use(cp_func *f, const int *use) { return m_inst(f, CP_OP_OTHER, -1, -1, use); }
static int other(cp_func *f) { return m_inst(f, CP_OP_OTHER, -1, -1, NONE); }
static int save(cp_func *f, int s) { return m_inst(f, CP_OP_SAVE, -1, s, NONE); }
static int lstart(cp_func *f, int a) { return m_inst(f, CP_OP_LSTART, -1, a, NONE); }
static int lend(cp_func *f, int a) { return m_inst(f, CP_OP_LEND, -1, a, NONE); }
static int coro_end(cp_func *f) { return m_inst(f, CP_OP_END, -1, -1, NONE); }

/* llvm.coro.suspend of suspend s, its result r (or -1). */
static int suspend(cp_func *f, int s, int r, int final)
{
	int i = m_inst(f, CP_OP_SUSPEND, r, s, NONE);
	f->susp[s].final = final;
	return i;
}

/* An instruction using alloca a's address. */
static int ause(cp_func *f, int a)
{
	int i = other(f);
	alloca_use(f, a, i);
	return i;
}

/* phi: vals[k] flows in from preds[k]. */
static int phi(cp_func *f, int v, const int *vals, const int *preds)
{
	int i = m_inst(f, CP_OP_PHI, v, -1, vals);
	f->inst[i].phi_pred = ints(f, MAXU);
	for (int k = 0; k < f->inst[i].nuse; k++)
		f->inst[i].phi_pred[k] = preds[k];
	return i;
}

/* Predecessor lists from the successor lists. */
static void m_finish(cp_func *f)
{
	for (int b = 0; b < f->nblock; b++)
		f->block[b].pred = ints(f, MAXB);
	for (int b = 0; b < f->nblock; b++)
		for (int e = 0; e < f->block[b].nsucc; e++) {
			cp_block *t = &f->block[f->block[b].succ[e]];
			t->pred[t->npred++] = b;
		}
}

/* --- reading results -------------------------------------------------- */

static int vlive(const cp_live *l, int s, int v) { return cp_bs_has(l->vraw + (size_t)s * l->vw, (size_t)v); }
static int vstored(const cp_live *l, int s, int v) { return cp_bs_has(l->vstore + (size_t)s * l->vw, (size_t)v); }
static int alive(const cp_live *l, int s, int a) { return cp_bs_has(l->alive + (size_t)s * l->aw, (size_t)a); }
static int aframe(const cp_live *l, int a) { return cp_bs_has(l->aframe, (size_t)a); }
static int aconf(const cp_live *l, int a, int b) { return cp_bs_has(l->aconf + (size_t)a * l->aw, (size_t)b); }

/* The number of values live (raw) at suspend s. */
static size_t nlive(const cp_live *l, int s)
{
	return cp_bs_count(l->vraw + (size_t)s * l->vw, l->vw);
}

/* cp_live_dump into a string (free it). */
static char *dump(const cp_func *f, const cp_live *l)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	if (!m)
		return NULL;
	cp_live_dump(f, l, m);
	fclose(m);
	return buf;
}

static uint64_t none_live[1];
static cp_item none_item = {.offset = CP_NO_OFFSET, .live = none_live};

/* The item called name; a failed check and a stand-in when there is none. */
static const cp_item *item(const cp_coroutine *c, const char *name, int line)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].name && !strcmp(c->items[i].name, name))
			return &c->items[i];
	char what[96];
	snprintf(what, sizeof what, "%s has an item %s", c->name, name);
	check(0, what, line);
	return &none_item;
}
#define ITEM(c, name) item(c, name, __LINE__)

static int has_item(const cp_coroutine *c, const char *name)
{
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].name && !strcmp(c->items[i].name, name))
			return 1;
	return 0;
}

static int disjoint(const cp_item *a, const cp_item *b)
{
	return a->offset + a->size <= b->offset || b->offset + b->size <= a->offset;
}

static int live_at(const cp_item *it, size_t s) { return cp_bs_has(it->live, s); }

/* What every analyzed coroutine must satisfy (analyze.h, frame.h): packed
 * by coropack, one state per suspend plus Unresumed, the resume and
 * destroy pointers at 0 and 8, every stored item aligned and inside the
 * frame, rematerialized items last and without an offset, items live at
 * one suspend point never overlapping, the conflict matrix symmetric,
 * marking exactly the pairs of values live at one suspend point and the
 * prefix and index against everything, never two conflicting items
 * overlapping; packed_size >= lower_bound. */
static void frame_valid(const cp_func *f, const cp_coroutine *c)
{
	char what[160];
#define EXPECT(ok, ...) (snprintf(what, sizeof what, __VA_ARGS__), check(!!(ok), what, __LINE__))
	EXPECT(c->status == CP_STATUS_PACKED && !c->detail, "%s: status packed, no detail", f->name);
	EXPECT(c->lower_bound > 0 && c->packed_size >= c->lower_bound,
	       "%s: packed_size %" PRIu64 " >= lower_bound %" PRIu64, f->name, c->packed_size, c->lower_bound);
	EXPECT(c->nstates == (size_t)f->nsusp + 1, "%s: %zu states", f->name, c->nstates);
	EXPECT(c->nstates > 0 && !strcmp(c->states[0].name, "Unresumed") &&
	       c->states[0].kind == CP_STATE_UNRESUMED, "%s: state 0 is Unresumed", f->name);
	EXPECT(c->nitems >= 3 && c->items[0].kind == CP_ITEM_HEADER && c->items[0].offset == 0 &&
	       c->items[1].kind == CP_ITEM_HEADER && c->items[1].offset == 8,
	       "%s: resume at 0, destroy at 8", f->name);
	if (!EXPECT(c->conflict != NULL, "%s: a conflict matrix", f->name))
		return;
	int bad_off = 0, bad_order = 0, seen_remat = 0, overlap = 0, conf_overlap = 0;
	int asym = 0, prefix_free = 0, wrong_conf = 0;
	size_t cw = cp_bs_words(c->nitems);
	for (size_t i = 0; i < c->nitems; i++) {
		const cp_item *a = &c->items[i];
		if (a->remat) {
			seen_remat = 1;
			bad_off += a->offset != CP_NO_OFFSET;
			continue;
		}
		bad_order += seen_remat;
		bad_off += a->offset == CP_NO_OFFSET || a->offset % a->align != 0 ||
		           a->offset + a->size > c->packed_size;
		for (size_t j = 0; j < c->nitems; j++) {
			const cp_item *b = &c->items[j];
			if (j == i || b->remat)
				continue;
			int colive = 0;
			for (size_t s = 1; s < c->nstates; s++)
				colive |= live_at(a, s) && live_at(b, s);
			int cf = cp_bs_has(c->conflict + i * cw, j);
			if (colive && a->size && b->size && !disjoint(a, b)) {
				overlap++;
				printf("  %s: %s@%" PRIu64 " and %s@%" PRIu64 " live together overlap\n", f->name,
				       a->name, a->offset, b->name, b->offset);
			}
			if (cf && a->size && b->size && !disjoint(a, b))
				conf_overlap++;
			asym += cf != cp_bs_has(c->conflict + j * cw, i);
			if (a->kind == CP_ITEM_HEADER || a->kind == CP_ITEM_PROMISE || a->kind == CP_ITEM_INDEX)
				prefix_free += !cf;
			if (a->kind == CP_ITEM_VALUE && b->kind == CP_ITEM_VALUE)
				wrong_conf += cf != colive;
		}
	}
	EXPECT(!bad_off, "%s: every stored item aligned, inside the frame; remats without offset", f->name);
	EXPECT(!bad_order, "%s: rematerialized items last", f->name);
	EXPECT(!overlap, "%s: no two items live at one suspend point overlap", f->name);
	EXPECT(!conf_overlap, "%s: no two conflicting items overlap", f->name);
	EXPECT(!asym, "%s: the conflict matrix is symmetric", f->name);
	EXPECT(!prefix_free, "%s: prefix and index conflict with every stored item", f->name);
	EXPECT(!wrong_conf, "%s: two values conflict iff live at one suspend point", f->name);
#undef EXPECT
}

/* --- model 1: straight ------------------------------------------------- */

enum { S_A, S_B, S_C, S_D, S_E, S_R0, S_R1 };

/*   B0: a = ; b = ; d = ; save0 ; use d ; r0 = suspend0 ; use r0
 *       -> B1 (resume), B3 (destroy), B4 (return to the caller)
 *   B1: c = ; use b, c ; e = ; save1 ; r1 = suspend1 ; use r1 -> B2, B3, B4
 *   B2: use a, e -> B3
 *   B3: (cleanup) -> B4
 *   B4: coro.end ; ret */
static void build_straight(cp_func *f)
{
	m_init(f, "straight");
	m_value(f, "a", 8);
	m_value(f, "b", 8);
	m_value(f, "c", 8);
	m_value(f, "d", 8);
	m_value(f, "e", 8);
	m_value(f, "r0", 1);
	m_value(f, "r1", 1);
	m_block(f);                  /* B0 */
	def(f, S_A, NONE);           /* i0 */
	def(f, S_B, NONE);           /* i1 */
	def(f, S_D, NONE);           /* i2 */
	save(f, 0);                  /* i3 */
	use(f, U(S_D));              /* i4: await_suspend(d) */
	suspend(f, 0, S_R0, 0);      /* i5 */
	use(f, U(S_R0));             /* i6: switch */
	m_block(f);                  /* B1 */
	def(f, S_C, NONE);           /* i7 */
	use(f, U(S_B, S_C));         /* i8 */
	def(f, S_E, NONE);           /* i9 */
	save(f, 1);                  /* i10 */
	suspend(f, 1, S_R1, 0);      /* i11 */
	use(f, U(S_R1));             /* i12 */
	m_block(f);                  /* B2 */
	use(f, U(S_A, S_E));         /* i13 */
	m_block(f);                  /* B3 */
	other(f);                    /* i14 */
	m_block(f);                  /* B4 */
	coro_end(f);                 /* i15 */
	other(f);                    /* i16: ret */
	m_edge(f, 0, 1), m_edge(f, 0, 3), m_edge(f, 0, 4);
	m_edge(f, 1, 2), m_edge(f, 1, 3), m_edge(f, 1, 4);
	m_edge(f, 2, 3);
	m_edge(f, 3, 4);
	m_finish(f);
}

static void test_straight_liveness(void)
{
	cp_func f;
	build_straight(&f);
	cp_live l;
	cp_live_compute(&f, &l);
	/* a: defined before suspend 0, used after suspend 1. */
	CHECK(vlive(&l, 0, S_A));
	CHECK(vlive(&l, 1, S_A));
	/* b: defined before suspend 0, used between them. */
	CHECK(vlive(&l, 0, S_B));
	CHECK(!vlive(&l, 1, S_B));
	/* c: defined and used between them. */
	CHECK(!vlive(&l, 0, S_C));
	CHECK(!vlive(&l, 1, S_C));
	/* d: read after the save, before the suspend (await_suspend): the
	 * split counts that as crossing suspend 0. */
	CHECK(vlive(&l, 0, S_D));
	CHECK(!vlive(&l, 1, S_D));
	/* e: defined between them, used after suspend 1. */
	CHECK(!vlive(&l, 0, S_E));
	CHECK(vlive(&l, 1, S_E));
	/* A suspend's own result is not live across it. */
	CHECK(!vlive(&l, 0, S_R0));
	CHECK(!vlive(&l, 1, S_R1));
	CHECK(nlive(&l, 0) == 3);
	CHECK(nlive(&l, 1) == 2);
	/* Nothing is rematerializable: stored = live. */
	CHECK(vstored(&l, 0, S_A) && vstored(&l, 0, S_B) && vstored(&l, 0, S_D));
	CHECK(memcmp(l.vraw, l.vstore, 2 * l.vw * sizeof *l.vraw) == 0);
	CHECK(cp_bs_empty(l.vremat, l.vw));
	/* Blocks after a suspend, and the ramp-only entry. */
	CHECK(!l.after[0]);
	CHECK(l.after[1] && l.after[2] && l.after[3] && l.after[4]);

	char *d = dump(&f, &l);
	HAS(d, "liveness straight\n");
	HAS(d, "  suspend 0: a b d\n");
	HAS(d, "  suspend 1: a e\n");
	LACKS(d, "remat");
	free(d);
	cp_func_free(&f);
	CHECK(f.arena == NULL && f.nblock == 0);
}

/* The split's segments (segments.h): every save, suspend and coro.end alone
 * in a segment, the rest of a block in runs. */
static void test_straight_segments(void)
{
	cp_func f;
	build_straight(&f);
	cp_segs g;
	cp_segs_build(&f, &g);
	/* B0: [i0 i1 i2] [save] [i4] [suspend] [i6]; B1: [i7 i8 i9] [save]
	 * [suspend] [i12]; B2: [i13]; B3: [i14]; B4: [end] [ret]. */
	CHECK(g.n == 13);
	CHECK(g.first[0] == 0 && g.first[1] == 5 && g.first[2] == 9 && g.first[3] == 10 &&
	      g.first[4] == 11 && g.first[5] == 13);
	CHECK(g.of[0] == 0 && g.of[1] == 0 && g.of[2] == 0);
	CHECK(g.of[3] == 1 && g.of[4] == 2 && g.of[5] == 3 && g.of[6] == 4);
	CHECK(g.of[7] == 5 && g.of[9] == 5 && g.of[10] == 6 && g.of[11] == 7);
	CHECK(g.of[15] == 11 && g.of[16] == 12);
	CHECK(g.blk[4] == 0 && g.blk[5] == 1 && g.blk[9] == 2 && g.blk[12] == 4);
	CHECK(g.kind[0] == 0 && g.kind[2] == 0 && g.kind[4] == 0 && g.kind[12] == 0);
	CHECK(g.kind[3] == 's' && g.kind[7] == 's');
	/* A save is 'w' (only a suspend is 's': candidate() relies on it). */
	CHECK(g.kind[1] == 'w' && g.kind[6] == 'w');
	CHECK(g.kind[11] == 'e');
	cp_segs_free(&g);
	CHECK(g.of == NULL && g.n == 0);
	cp_func_free(&f);
}

static void test_straight_plan(void)
{
	cp_func f;
	build_straight(&f);
	cp_coroutine c2 = {0}, c0 = {0};
	cp_plan p = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c2, &p) == 0);
	frame_valid(&f, &c2);
	CHECK(c2.level == 2);
	CHECK(!strcmp(c2.name, "straight"));
	CHECK(c2.nstates == 3);
	CHECK(!strcmp(c2.states[1].name, "Suspend0") && c2.states[1].kind == CP_STATE_INITIAL);
	CHECK(!strcmp(c2.states[2].name, "Suspend1") && c2.states[2].kind == CP_STATE_AWAIT);
	/* Items: resume, destroy, the index, a b d e; c and the results are
	 * live across nothing. */
	CHECK(c2.nitems == 7);
	CHECK(!has_item(&c2, "c") && !has_item(&c2, "r0") && !has_item(&c2, "r1"));
	const cp_item *a = ITEM(&c2, "a"), *b = ITEM(&c2, "b"), *d = ITEM(&c2, "d"), *e = ITEM(&c2, "e");
	const cp_item *ix = ITEM(&c2, "__suspend_index");
	CHECK(a->kind == CP_ITEM_VALUE && a->size == 8 && !a->remat);
	CHECK(live_at(a, 1) && live_at(a, 2) && !live_at(a, 0));
	CHECK(live_at(b, 1) && !live_at(b, 2));
	CHECK(!live_at(e, 1) && live_at(e, 2));
	CHECK(ix->kind == CP_ITEM_INDEX && ix->size == 1 && live_at(ix, 1) && live_at(ix, 2) && !live_at(ix, 0));
	CHECK(!strcmp(ix->type, "i1")); /* two suspends: one bit */
	CHECK(live_at(&c2.items[0], 0) && live_at(&c2.items[0], 2));
	/* a, b, d live together at suspend 0: 24 bytes; e (suspend 1 only)
	 * shares b's or d's bytes, the only way to stay at 24. */
	CHECK(!disjoint(e, b) || !disjoint(e, d));
	CHECK(e->offset == b->offset || e->offset == d->offset);
	CHECK(disjoint(a, b) && disjoint(a, d) && disjoint(b, d) && disjoint(a, e));
	/* The frame: resume 0, destroy 8, the region (24 bytes, align 8) at
	 * 16, the index at 40: 41 bytes, 48 with the struct's alignment. The
	 * bound: 8 + 8 + 1 + 3 * 8 = 41 live at suspend 0, rounded to 48. */
	CHECK(p.region_size == 24 && p.region_align == 8 && p.region_items == 4);
	CHECK(p.region_base == 16);
	CHECK(p.index_off == 40 && p.index_size == 1 && ix->offset == 40);
	CHECK(c2.packed_size == 48 && p.frame_size == 48);
	CHECK(c2.lower_bound == 48);
	CHECK(cp_coroutine_optimal(&c2));
	CHECK(c2.align == 8 && p.frame_align == 8);
	CHECK(!p.absolute);
	/* The plan's offsets are region offsets; the items' are the frame's. */
	CHECK(p.value_off[S_A] != CP_NO_OFFSET && a->offset == p.region_base + p.value_off[S_A]);
	CHECK(e->offset == p.region_base + p.value_off[S_E]);
	CHECK(p.value_off[S_C] == CP_NO_OFFSET && p.value_off[S_R0] == CP_NO_OFFSET);
	CHECK(vlive(&p.live, 0, S_A) && !vlive(&p.live, 1, S_B));
	/* The conflict matrix over items: b and e never live together. */
	size_t cw = cp_bs_words(c2.nitems), ib = (size_t)(b - c2.items), ie = (size_t)(e - c2.items),
	       ia = (size_t)(a - c2.items), ii = (size_t)(ix - c2.items);
	CHECK(!cp_bs_has(c2.conflict + ib * cw, ie));
	CHECK(cp_bs_has(c2.conflict + ia * cw, ie) && cp_bs_has(c2.conflict + ia * cw, ib));
	CHECK(cp_bs_has(c2.conflict + ii * cw, ie) && cp_bs_has(c2.conflict + 0 * cw, ii));

	/* Level 0: the level is recorded; the model itself (optnone) is what
	 * changes the analysis, so the frame is the same. */
	CHECK(cp_analyze(&f, 0, NULL, &c0, NULL) == 0);
	frame_valid(&f, &c0);
	CHECK(c0.level == 0);
	CHECK(c0.packed_size == 48 && c0.lower_bound == 48 && c0.nitems == 7);
	cp_coroutine_clear(&c0);
	cp_coroutine_clear(&c2);

	/* Lower mode: the whole frame in one solve, kept when no larger. */
	cp_coroutine cj = {0};
	cp_plan pj = {.joint = 1};
	CHECK(cp_analyze(&f, 2, NULL, &cj, &pj) == 0);
	frame_valid(&f, &cj);
	CHECK(pj.absolute == 1);
	CHECK(cj.packed_size == 48 && pj.frame_size == 48);
	CHECK(pj.value_off[S_A] >= 16 && pj.value_off[S_B] >= 16 && pj.value_off[S_D] >= 16 &&
	      pj.value_off[S_E] >= 16);
	CHECK(pj.value_off[S_E] == pj.value_off[S_B] || pj.value_off[S_E] == pj.value_off[S_D]);
	/* The index does not overlap a value. */
	int ixclash = 0;
	for (int v = 0; v < f.nvalue; v++)
		if (pj.value_off[v] != CP_NO_OFFSET)
			ixclash |= pj.index_off >= pj.value_off[v] && pj.index_off < pj.value_off[v] + 8;
	CHECK(pj.index_off >= 16 && pj.index_off < 48 && !ixclash);
	CHECK(ITEM(&cj, "__suspend_index")->offset == pj.index_off);
	CHECK(ITEM(&cj, "a")->offset == pj.value_off[S_A]);
	cp_coroutine_clear(&cj);
	cp_func_free(&f);
}

/* --- model 2: loop ----------------------------------------------------- */

enum { L_X, L_N0, L_K, L_I, L_T, L_INEXT, L_R };

/*   B0: x = ; n0 = ; k = -> B1
 *   B1: i = phi [n0, B0], [inext, B2] ; use k ; t = ; save0 ;
 *       r = suspend0 ; use r -> B2, B3, B4
 *   B2: (use L) ; inext = i + x + t ; (use L) ; br inext -> B1, B3
 *   B3: (cleanup) -> B4
 *   B4: coro.end ; ret
 * L: an alloca without lifetime markers, its two uses in one segment. */
static void build_loop(cp_func *f, int *L)
{
	m_init(f, "loop");
	f->promise_size = 16;
	f->promise_align = 16;
	f->promise_tyalign = 16;
	f->promise_type = "%promise";
	m_value(f, "x", 8);
	m_value(f, "n0", 8);
	m_value(f, "k", 8);
	m_value(f, "i", 8);
	m_value(f, "t", 8);
	m_value(f, "inext", 8);
	m_value(f, "r", 1);
	*L = m_alloca(f, "L", 8, 0);
	m_block(f);                                   /* B0 */
	def(f, L_X, NONE);                            /* i0 */
	def(f, L_N0, NONE);                           /* i1 */
	def(f, L_K, NONE);                            /* i2 */
	m_block(f);                                   /* B1 */
	phi(f, L_I, U(L_N0, L_INEXT), U(0, 2));       /* i3 */
	use(f, U(L_K));                               /* i4 */
	def(f, L_T, NONE);                            /* i5 */
	save(f, 0);                                   /* i6 */
	suspend(f, 0, L_R, 0);                        /* i7 */
	use(f, U(L_R));                               /* i8 */
	m_block(f);                                   /* B2 */
	ause(f, *L);                                  /* i9 */
	def(f, L_INEXT, U(L_I, L_X, L_T));            /* i10 */
	ause(f, *L);                                  /* i11 */
	use(f, U(L_INEXT));                           /* i12 */
	m_block(f);                                   /* B3 */
	other(f);                                     /* i13 */
	m_block(f);                                   /* B4 */
	coro_end(f);                                  /* i14 */
	other(f);                                     /* i15 */
	m_edge(f, 0, 1);
	m_edge(f, 1, 2), m_edge(f, 1, 3), m_edge(f, 1, 4);
	m_edge(f, 2, 1), m_edge(f, 2, 3);
	m_edge(f, 3, 4);
	m_finish(f);
}

static void test_loop_liveness(void)
{
	cp_func f;
	int L;
	build_loop(&f, &L);
	cp_live l;
	cp_live_compute(&f, &l);
	/* Defined before the loop, used in the loop after the suspend. */
	CHECK(vlive(&l, 0, L_X));
	/* Loop-carried: the phi is read after the suspend. */
	CHECK(vlive(&l, 0, L_I));
	/* Used in the loop only before the suspend: the back edge brings the
	 * resumed coroutine to that use again, so it is live across it (a
	 * liveness that does not iterate over the back edge misses it). */
	CHECK(vlive(&l, 0, L_K));
	/* Defined in the loop before the suspend, used after it. */
	CHECK(vlive(&l, 0, L_T));
	/* Phi operands are read on their edges: n0 at the end of B0 (before
	 * the loop), inext at the end of B2 (after the suspend). */
	CHECK(!vlive(&l, 0, L_N0));
	CHECK(!vlive(&l, 0, L_INEXT));
	CHECK(!vlive(&l, 0, L_R));
	CHECK(nlive(&l, 0) == 4);
	/* The loop header is reached from the suspend. */
	CHECK(!l.after[0] && l.after[1] && l.after[2]);
	/* L: two uses in one segment never cross, even around a loop through
	 * a suspend; it stays on the stack. */
	cp_segs g;
	cp_segs_build(&f, &g);
	CHECK(cp_segs_uses_cross(&f, &g, L) == 0);
	cp_segs_free(&g);
	CHECK(!aframe(&l, L));
	CHECK(!alive(&l, 0, L));
	cp_func_free(&f);
}

static void test_loop_plan(void)
{
	cp_func f;
	int L;
	build_loop(&f, &L);
	cp_coroutine c = {0};
	cp_plan p = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, &p) == 0);
	frame_valid(&f, &c);
	/* A suspend reached from a suspend point (the loop) is not initial. */
	CHECK(c.nstates == 2 && !strcmp(c.states[1].name, "Suspend0") && c.states[1].kind == CP_STATE_AWAIT);
	/* resume, destroy, promise, index, x k i t. */
	CHECK(c.nitems == 8);
	CHECK(!has_item(&c, "n0") && !has_item(&c, "inext") && !has_item(&c, "L"));
	const cp_item *pr = ITEM(&c, "__promise");
	CHECK(pr->kind == CP_ITEM_PROMISE && pr->offset == 16 && pr->size == 16);
	CHECK(live_at(pr, 0) && live_at(pr, 1));
	CHECK(p.promise_off == 16);
	/* Four values live together: 32 bytes at 32 (after the promise), the
	 * index at 64: 65 bytes, 80 with the promise type's 16-byte
	 * alignment; the bound is 8 + 8 + 16 + 1 + 32 = 65 rounded alike. */
	CHECK(p.region_size == 32 && p.region_base == 32);
	CHECK(p.index_off == 64);
	CHECK(c.packed_size == 80);
	CHECK(c.lower_bound == 80);
	CHECK(c.align == 16);
	const cp_item *x = ITEM(&c, "x"), *k = ITEM(&c, "k"), *i = ITEM(&c, "i"), *t = ITEM(&c, "t");
	CHECK(disjoint(x, k) && disjoint(x, i) && disjoint(x, t) && disjoint(k, i) && disjoint(k, t) &&
	      disjoint(i, t));
	CHECK(live_at(k, 1) && !live_at(k, 0));
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

/* --- model 3: branch --------------------------------------------------- */

enum { B_V, B_W, B_M, B_Q, B_CND, B_R0, B_R1 };

/*   B0: v = ; w = ; m = ; q = ; save0 ; r0 = suspend0 ; use r0 -> B1, B5, B6
 *   B1: cnd = ; br cnd -> B2, B3
 *   B2: use v -> B4
 *   B3: -> B4
 *   B4: save1 ; r1 = suspend1 (final) ; use r1 -> B5, B6
 *   B5: use m (destroy path) -> B6
 *   B6: use q ; coro.end ; use w ; ret (the return to the caller) */
static void build_branch(cp_func *f)
{
	m_init(f, "branch");
	m_value(f, "v", 8);
	m_value(f, "w", 8);
	m_value(f, "m", 8);
	m_value(f, "q", 8);
	m_value(f, "cnd", 1);
	m_value(f, "r0", 1);
	m_value(f, "r1", 1);
	m_block(f);                  /* B0 */
	def(f, B_V, NONE);
	def(f, B_W, NONE);
	def(f, B_M, NONE);
	def(f, B_Q, NONE);
	save(f, 0);
	suspend(f, 0, B_R0, 0);
	use(f, U(B_R0));
	m_block(f);                  /* B1 */
	def(f, B_CND, NONE);
	use(f, U(B_CND));
	m_block(f);                  /* B2 */
	use(f, U(B_V));
	m_block(f);                  /* B3 */
	other(f);
	m_block(f);                  /* B4 */
	save(f, 1);
	suspend(f, 1, B_R1, 1);
	use(f, U(B_R1));
	m_block(f);                  /* B5 */
	use(f, U(B_M));
	m_block(f);                  /* B6 */
	use(f, U(B_Q));
	coro_end(f);
	use(f, U(B_W));
	other(f);
	m_edge(f, 0, 1), m_edge(f, 0, 5), m_edge(f, 0, 6);
	m_edge(f, 1, 2), m_edge(f, 1, 3);
	m_edge(f, 2, 4);
	m_edge(f, 3, 4);
	m_edge(f, 4, 5), m_edge(f, 4, 6);
	m_edge(f, 5, 6);
	m_finish(f);
}

static void test_branch(void)
{
	cp_func f;
	build_branch(&f);
	cp_live l;
	cp_live_compute(&f, &l);
	/* Used on one branch after the suspend: live (may-liveness). */
	CHECK(vlive(&l, 0, B_V));
	CHECK(!vlive(&l, 1, B_V));
	/* Used on the destroy path: live at both, the final one included. */
	CHECK(vlive(&l, 0, B_M));
	CHECK(vlive(&l, 1, B_M));
	/* Used on the path that returns to the caller, before its coro.end:
	 * live at both. */
	CHECK(vlive(&l, 0, B_Q));
	CHECK(vlive(&l, 1, B_Q));
	/* Used only after a coro.end: never counts. */
	CHECK(!vlive(&l, 0, B_W));
	CHECK(!vlive(&l, 1, B_W));
	CHECK(!vlive(&l, 0, B_CND));
	CHECK(nlive(&l, 0) == 3 && nlive(&l, 1) == 2);

	cp_coroutine c = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, NULL) == 0);
	frame_valid(&f, &c);
	CHECK(c.nstates == 3);
	CHECK(!strcmp(c.states[1].name, "Suspend0") && c.states[1].kind == CP_STATE_INITIAL);
	CHECK(!strcmp(c.states[2].name, "Returned") && c.states[2].kind == CP_STATE_FINAL);
	CHECK(!has_item(&c, "w") && !has_item(&c, "cnd") && c.nitems == 6);
	CHECK(live_at(ITEM(&c, "m"), 2) && live_at(ITEM(&c, "q"), 2) && !live_at(ITEM(&c, "v"), 2));
	/* 16 + region 24 + index 1 = 41, 48 aligned; bound the same. */
	CHECK(c.packed_size == 48 && c.lower_bound == 48);
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

/* --- model 4: allocas -------------------------------------------------- */

enum { AL_R0, AL_R1 };

/*   B0: lifetime.start A ; use A ; use U ; save0 ; r0 = suspend0 ; use r0
 *       -> B1, B3, B4
 *   B1: use A ; lifetime.end A ; lifetime.start B ; use B ; use W ; use W ;
 *       use U ; save1 ; r1 = suspend1 ; use r1 -> B2, B3, B4
 *   B2: use B ; lifetime.end B -> B3
 *   B3: (cleanup) -> B4
 *   B4: coro.end ; ret
 * A, B (32 bytes) marked; U (16 bytes) and W (8 bytes) unmarked. */
static void build_allocas(cp_func *f, int *A, int *B, int *Un, int *W)
{
	m_init(f, "allocas");
	f->promise_size = 4;
	f->promise_align = 4;
	f->promise_tyalign = 4;
	f->promise_type = "i32";
	m_value(f, "r0", 1);
	m_value(f, "r1", 1);
	*A = m_alloca(f, "A", 32, 1);
	*B = m_alloca(f, "B", 32, 1);
	*Un = m_alloca(f, "U", 16, 0);
	*W = m_alloca(f, "W", 8, 0);
	m_block(f);                  /* B0 */
	lstart(f, *A);
	ause(f, *A);
	ause(f, *Un);
	save(f, 0);
	suspend(f, 0, AL_R0, 0);
	use(f, U(AL_R0));
	m_block(f);                  /* B1 */
	ause(f, *A);
	lend(f, *A);
	lstart(f, *B);
	ause(f, *B);
	ause(f, *W);
	ause(f, *W);
	ause(f, *Un);
	save(f, 1);
	suspend(f, 1, AL_R1, 0);
	use(f, U(AL_R1));
	m_block(f);                  /* B2 */
	ause(f, *B);
	lend(f, *B);
	m_block(f);                  /* B3 */
	other(f);
	m_block(f);                  /* B4 */
	coro_end(f);
	other(f);
	m_edge(f, 0, 1), m_edge(f, 0, 3), m_edge(f, 0, 4);
	m_edge(f, 1, 2), m_edge(f, 1, 3), m_edge(f, 1, 4);
	m_edge(f, 2, 3);
	m_edge(f, 3, 4);
	m_finish(f);
}

static void test_allocas(void)
{
	cp_func f;
	int A, B, Un, W;
	build_allocas(&f, &A, &B, &Un, &W);
	cp_live l;
	cp_live_compute(&f, &l);
	/* Neither start is sunk: A has a use in the entry block, B's start
	 * already follows the suspend. */
	CHECK(l.sunk[A] == -1 && l.sunk[B] == -1);
	/* A's markers cover suspend 0 only, B's suspend 1 only. */
	CHECK(alive(&l, 0, A) && !alive(&l, 1, A));
	CHECK(!alive(&l, 0, B) && alive(&l, 1, B));
	/* Unmarked, used on both sides of suspend 0: in the frame, live
	 * everywhere, conflicting with every frame alloca. */
	CHECK(aframe(&l, Un) && alive(&l, 0, Un) && alive(&l, 1, Un));
	CHECK(cp_bs_has(l.aramp, (size_t)Un));
	CHECK(aconf(&l, Un, A) && aconf(&l, A, Un) && aconf(&l, Un, B));
	/* Unmarked, used only between the suspends: on the stack. */
	CHECK(!aframe(&l, W) && !alive(&l, 0, W) && !alive(&l, 1, W));
	CHECK(aframe(&l, A) && aframe(&l, B));
	/* A ends before B starts: never live at one point. */
	CHECK(!aconf(&l, A, B) && !aconf(&l, B, A));
	/* A is live in the ramp, B only after a suspend. */
	CHECK(cp_bs_has(l.aramp, (size_t)A) && !cp_bs_has(l.aramp, (size_t)B));
	/* The same test as segments.h's: U's uses cross, W's do not. */
	cp_segs g;
	cp_segs_build(&f, &g);
	CHECK(cp_segs_uses_cross(&f, &g, Un) == 1);
	CHECK(cp_segs_uses_cross(&f, &g, W) == 0);
	cp_segs_free(&g);

	char *d = dump(&f, &l);
	HAS(d, "  suspend 0: [A] [U]\n");
	HAS(d, "  suspend 1: [B] [U]\n");
	HAS(d, "frame allocas: A B U(unmarked)\n");
	HAS(d, "stack allocas: W(unmarked)\n");
	free(d);

	cp_coroutine c = {0};
	cp_plan p = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, &p) == 0);
	frame_valid(&f, &c);
	/* resume, destroy, promise, index, A, B, U. */
	CHECK(c.nitems == 7 && !has_item(&c, "W"));
	const cp_item *a = ITEM(&c, "A"), *b = ITEM(&c, "B"), *u = ITEM(&c, "U");
	CHECK(a->kind == CP_ITEM_ALLOCA && a->size == 32);
	CHECK(live_at(a, 0) && live_at(a, 1) && !live_at(a, 2));
	CHECK(!live_at(b, 0) && !live_at(b, 1) && live_at(b, 2));
	CHECK(live_at(u, 0) && live_at(u, 1) && live_at(u, 2));
	/* A and B share: the region's 48 bytes (U + 32) leave no other way. */
	CHECK(p.alloca_off[A] == p.alloca_off[B]);
	CHECK(a->offset == b->offset);
	CHECK(disjoint(a, u) && disjoint(b, u));
	CHECK(p.alloca_off[W] == CP_NO_OFFSET);
	/* Allocas conflict when their storage is live at one point: A and
	 * B never, each with U. */
	size_t cw = cp_bs_words(c.nitems), ia = (size_t)(a - c.items), ib = (size_t)(b - c.items),
	       iu = (size_t)(u - c.items);
	CHECK(!cp_bs_has(c.conflict + ia * cw, ib) && !cp_bs_has(c.conflict + ib * cw, ia));
	CHECK(cp_bs_has(c.conflict + ia * cw, iu) && cp_bs_has(c.conflict + ib * cw, iu));
	/* Prefix: resume 0, destroy 8, promise (4 bytes) at 16; the index
	 * fills 20; the region (48, align 8) at 24: 72 bytes. Bound: 8 + 8 +
	 * 4 + 1 + 32 + 16 = 69 live at suspend 0, 72 aligned. */
	CHECK(ITEM(&c, "__promise")->offset == 16 && p.promise_off == 16);
	CHECK(p.index_off == 20);
	CHECK(p.region_size == 48 && p.region_base == 24);
	CHECK(c.packed_size == 72 && c.lower_bound == 72);
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

/* --- model 5: rematerialization ---------------------------------------- */

enum { R_H, R_G, R_G2, R_R0 };

/*   B0: h = ; g = gep h ; g2 = gep g ; save0 ; r0 = suspend0 ; use r0
 *       -> B1, B2, B3
 *   B1: use g2 -> B2
 *   B2: (cleanup) -> B3
 *   B3: coro.end ; ret */
static void build_remat(cp_func *f)
{
	m_init(f, "remat");
	m_value(f, "h", 8);
	m_remat(f, "g", R_H);
	m_remat(f, "g2", R_G);
	m_value(f, "r0", 1);
	m_block(f);
	def(f, R_H, NONE);
	def(f, R_G, U(R_H));
	def(f, R_G2, U(R_G));
	save(f, 0);
	suspend(f, 0, R_R0, 0);
	use(f, U(R_R0));
	m_block(f);
	use(f, U(R_G2));
	m_block(f);
	other(f);
	m_block(f);
	coro_end(f);
	other(f);
	m_edge(f, 0, 1), m_edge(f, 0, 2), m_edge(f, 0, 3);
	m_edge(f, 1, 2);
	m_edge(f, 2, 3);
	m_finish(f);
}

static void test_remat(void)
{
	cp_func f;
	build_remat(&f);
	cp_live l;
	cp_live_compute(&f, &l);
	/* g2 is live; stock recomputes it from g, g from h: h is stored. */
	CHECK(vlive(&l, 0, R_G2) && !vlive(&l, 0, R_G) && !vlive(&l, 0, R_H));
	CHECK(!vstored(&l, 0, R_G2) && !vstored(&l, 0, R_G) && vstored(&l, 0, R_H));
	CHECK(cp_bs_has(l.vremat, R_G2) && cp_bs_has(l.vremat, R_G) && !cp_bs_has(l.vremat, R_H));
	char *d = dump(&f, &l);
	HAS(d, "  suspend 0: g2(remat) h(operand)\n");
	free(d);

	cp_coroutine c = {0};
	cp_plan p = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, &p) == 0);
	frame_valid(&f, &c);
	/* resume, destroy, index, h; g2 listed last, rematerialized. */
	CHECK(c.nitems == 5 && !has_item(&c, "g"));
	const cp_item *h = ITEM(&c, "h"), *g2 = ITEM(&c, "g2");
	CHECK(!h->remat && h->offset == 16 && live_at(h, 1));
	CHECK(g2->remat && g2->offset == CP_NO_OFFSET && live_at(g2, 1));
	CHECK(&c.items[c.nitems - 1] == g2);
	CHECK(p.value_off[R_G2] == CP_NO_OFFSET && p.value_off[R_H] == 0);
	CHECK(c.packed_size == 32 && c.lower_bound == 32);
	cp_coroutine_clear(&c);

	/* Under optnone stock rematerializes nothing: g2 itself is stored. */
	f.optnone = 1;
	cp_live_compute(&f, &l);
	CHECK(vlive(&l, 0, R_G2) && vstored(&l, 0, R_G2) && !vstored(&l, 0, R_H));
	CHECK(cp_bs_empty(l.vremat, l.vw));
	CHECK(cp_analyze(&f, 0, NULL, &c, NULL) == 0);
	frame_valid(&f, &c);
	CHECK(c.nitems == 4 && !has_item(&c, "h"));
	CHECK(!ITEM(&c, "g2")->remat && ITEM(&c, "g2")->offset == 16);
	CHECK(c.packed_size == 32);
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

/* --- model 6: a sunk lifetime.start ------------------------------------ */

enum { K_R0, K_R1 };

/*   B0: lifetime.start C ; save0 ; r0 = suspend0 ; use r0 -> B1, B3, B4
 *   B1: use C ; lifetime.end C ; save1 ; r1 = suspend1 ; use r1 -> B2, B3, B4
 *   B2: -> B3
 *   B3: (cleanup) -> B4
 *   B4: coro.end ; ret
 * Stock's split sinks C's start to the end of B0 after the suspend (the
 * block right after a suspend that dominates every use), so C is live at
 * no suspend. */
static void build_sink(cp_func *f, int *C)
{
	m_init(f, "sink");
	m_value(f, "r0", 1);
	m_value(f, "r1", 1);
	*C = m_alloca(f, "C", 16, 1);
	m_block(f);                  /* B0 */
	lstart(f, *C);               /* i0 */
	save(f, 0);                  /* i1 */
	suspend(f, 0, K_R0, 0);      /* i2 */
	use(f, U(K_R0));             /* i3 */
	m_block(f);                  /* B1 */
	ause(f, *C);                 /* i4 */
	lend(f, *C);                 /* i5 */
	save(f, 1);                  /* i6 */
	suspend(f, 1, K_R1, 0);      /* i7 */
	use(f, U(K_R1));             /* i8 */
	m_block(f);                  /* B2 */
	other(f);                    /* i9 */
	m_block(f);                  /* B3 */
	other(f);                    /* i10 */
	m_block(f);                  /* B4 */
	coro_end(f);                 /* i11 */
	other(f);                    /* i12 */
	m_edge(f, 0, 1), m_edge(f, 0, 3), m_edge(f, 0, 4);
	m_edge(f, 1, 2), m_edge(f, 1, 3), m_edge(f, 1, 4);
	m_edge(f, 2, 3);
	m_edge(f, 3, 4);
	m_finish(f);
}

static void test_sink(void)
{
	cp_func f;
	int C;
	build_sink(&f, &C);
	cp_segs g;
	cp_segs_build(&f, &g);
	int fr = -1;
	/* Its one start then stands before B0's last instruction (the
	 * switch after the suspend, where the split puts a branch). */
	CHECK(cp_segs_sunk_start(&f, &g, C, &fr) == 3);
	CHECK(fr == 0); /* no suspend before its lifetime.end */
	cp_segs_free(&g);
	cp_live l;
	cp_live_compute(&f, &l);
	CHECK(l.sunk[C] == 3);
	CHECK(!alive(&l, 0, C) && !alive(&l, 1, C));
	CHECK(!aframe(&l, C));
	cp_coroutine c = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, NULL) == 0);
	frame_valid(&f, &c);
	CHECK(!has_item(&c, "C") && c.nitems == 3);
	CHECK(c.packed_size == 24 && c.lower_bound == 24); /* 16 + index, aligned */
	cp_coroutine_clear(&c);

	/* Directness of the uses unknown: no sinking, the markers as written,
	 * C live at suspend 0 (its start is above it, its end below). */
	f.alloca[C].direct = NULL;
	cp_segs_build(&f, &g);
	CHECK(cp_segs_sunk_start(&f, &g, C, &fr) == -1);
	cp_segs_free(&g);
	cp_live_compute(&f, &l);
	CHECK(l.sunk[C] == -1);
	CHECK(alive(&l, 0, C) && !alive(&l, 1, C) && aframe(&l, C));
	CHECK(cp_analyze(&f, 2, NULL, &c, NULL) == 0);
	frame_valid(&f, &c);
	CHECK(has_item(&c, "C") && ITEM(&c, "C")->offset == 16);
	CHECK(c.packed_size == 40 && c.lower_bound == 40); /* 16 + 16 + index, aligned */
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

/* --- model 7: an alloca inside a suspend's window ----------------------- */

enum { WN_R0 };

/*   B0: lifetime.start F ; use F ; lifetime.end F ; save0 ;
 *       lifetime.start E ; use E ; lifetime.end E ; r0 = suspend0 ; use r0
 *       -> B1, B2, B3
 *   B1: -> B2
 *   B2: (cleanup) -> B3
 *   B3: coro.end ; ret
 * E (an awaiter's temporary) lives only between the save and the
 * suspend: that code may run after the coroutine was resumed elsewhere,
 * so E is live at suspend 0. F lives only in the ramp before the save. */
static void build_window(cp_func *f, int *E, int *F)
{
	m_init(f, "window");
	m_value(f, "r0", 1);
	*E = m_alloca(f, "E", 8, 1);
	*F = m_alloca(f, "F", 8, 1);
	m_block(f);
	lstart(f, *F);
	ause(f, *F);
	lend(f, *F);
	save(f, 0);
	lstart(f, *E);
	ause(f, *E);
	lend(f, *E);
	suspend(f, 0, WN_R0, 0);
	use(f, U(WN_R0));
	m_block(f);
	other(f);
	m_block(f);
	other(f);
	m_block(f);
	coro_end(f);
	other(f);
	m_edge(f, 0, 1), m_edge(f, 0, 2), m_edge(f, 0, 3);
	m_edge(f, 1, 2);
	m_edge(f, 2, 3);
	m_finish(f);
}

static void test_window(void)
{
	cp_func f;
	int E, F;
	build_window(&f, &E, &F);
	cp_live l;
	cp_live_compute(&f, &l);
	CHECK(alive(&l, 0, E) && aframe(&l, E));
	CHECK(!alive(&l, 0, F) && !aframe(&l, F));
	CHECK(!aconf(&l, E, F));
	cp_coroutine c = {0};
	CHECK(cp_analyze(&f, 2, NULL, &c, NULL) == 0);
	frame_valid(&f, &c);
	CHECK(has_item(&c, "E") && !has_item(&c, "F"));
	CHECK(live_at(ITEM(&c, "E"), 1) && ITEM(&c, "E")->offset == 16);
	CHECK(c.packed_size == 32 && c.lower_bound == 32); /* 16 + 8 + index: 25, aligned */
	cp_coroutine_clear(&c);
	cp_func_free(&f);
}

int main(void)
{
	test_straight_liveness();
	test_straight_segments();
	test_straight_plan();
	test_loop_liveness();
	test_loop_plan();
	test_branch();
	test_allocas();
	test_remat();
	test_sink();
	test_window();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
