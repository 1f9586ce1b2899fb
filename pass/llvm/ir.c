/* IR access: builds the cp_func model of a pre-split coroutine from LLVM IR.
 * The only file besides the C++ shims that includes llvm-c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include "ir.h"
#include "irutil.h"
#include "shim.h"

/* Intrinsic ids, looked up by name once per process (they are stable within
 * a build); read-only after that, so threads share them. pthread_once
 * rather than C11 call_once: ThreadSanitizer sees the former's ordering
 * only. */
enum {
	I_ID, I_ID_RETCON, I_ID_RETCON_ONCE, I_ID_ASYNC, I_BEGIN, I_BEGIN_CUSTOM,
	I_SUSPEND, I_SAVE, I_END, I_PROMISE, I_FRAME, I_SIZE, I_ALIGN,
	I_IN_RAMP, I_LSTART, I_LEND, I_DBG_DECLARE, I_DBG_VALUE, N_INTR
};
static const char *const intr_name[N_INTR] = {
	"llvm.coro.id", "llvm.coro.id.retcon", "llvm.coro.id.retcon.once",
	"llvm.coro.id.async", "llvm.coro.begin", "llvm.coro.begin.custom.abi",
	"llvm.coro.suspend", "llvm.coro.save", "llvm.coro.end",
	"llvm.coro.promise", "llvm.coro.frame", "llvm.coro.size",
	"llvm.coro.align", "llvm.coro.is_in_ramp", "llvm.lifetime.start",
	"llvm.lifetime.end", "llvm.dbg.declare", "llvm.dbg.value",
};
static unsigned intr_id[N_INTR];
static pthread_once_t intr_once = PTHREAD_ONCE_INIT;

static void intr_lookup(void)
{
	for (int i = 0; i < N_INTR; i++)
		intr_id[i] = LLVMLookupIntrinsicID(intr_name[i], strlen(intr_name[i]));
}

static void intr_init(void) { pthread_once(&intr_once, intr_lookup); }

/* Which of our intrinsics a call is, or -1. */
static int intr_of(LLVMValueRef inst)
{
	if (!LLVMIsACallInst(inst))
		return -1;
	LLVMValueRef callee = LLVMGetCalledValue(inst);
	if (!callee || !LLVMIsAFunction(callee))
		return -1;
	unsigned id = LLVMGetIntrinsicID(callee);
	if (!id)
		return -1;
	for (int i = 0; i < N_INTR; i++)
		if (intr_id[i] == id)
			return i;
	return -1;
}

/* Pointer -> dense id, open addressing. At most half full: a put that
 * would fill it further doubles it first (a full table would make every
 * probe for a new key loop forever). */
typedef struct pmap {
	size_t cap, n;
	void **key;
	int *val;
} pmap;

static void pmap_init(pmap *m, size_t n)
{
	m->cap = 16;
	m->n = 0;
	while (m->cap < 2 * n + 16)
		m->cap *= 2;
	m->key = calloc(m->cap, sizeof *m->key);
	m->val = calloc(m->cap, sizeof *m->val);
	if (!m->key || !m->val)
		abort();
}

static size_t pmap_slot(const pmap *m, const void *k)
{
	size_t h = ((uintptr_t)k >> 4) * 0x9E3779B97F4A7C15ull;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
		if (m->key[i] == k || !m->key[i])
			return i;
}

static void pmap_put(pmap *m, void *k, int v)
{
	size_t i = pmap_slot(m, k);
	if (!m->key[i] && 2 * (m->n + 1) > m->cap) {
		pmap old = *m;
		m->cap = old.cap * 2;
		m->key = calloc(m->cap, sizeof *m->key);
		m->val = calloc(m->cap, sizeof *m->val);
		if (!m->key || !m->val)
			abort();
		for (size_t j = 0; j < old.cap; j++)
			if (old.key[j]) {
				size_t t = pmap_slot(m, old.key[j]);
				m->key[t] = old.key[j];
				m->val[t] = old.val[j];
			}
		free(old.key);
		free(old.val);
		i = pmap_slot(m, k);
	}
	if (!m->key[i])
		m->n++;
	m->key[i] = k;
	m->val[i] = v;
}

static int pmap_get(const pmap *m, const void *k)
{
	size_t i = pmap_slot(m, k);
	return m->key[i] ? m->val[i] : -1;
}

static void pmap_free(pmap *m)
{
	free(m->key);
	free(m->val);
}

/* The model of one function in the making (cp_ir_build's phases). */
typedef struct builder {
	cp_func *f;
	LLVMValueRef fn;
	LLVMTargetDataRef dl;
	LLVMBasicBlockRef *bbs; /* per block id */
	pmap blocks, values, allocas, insts;
	pmap smap;              /* suspends and saves -> suspend id */
	int ninst, nval, nalloca, nsusp; /* upper bounds from count() */
	LLVMValueRef coro_id;
	LLVMValueRef *vref, *aref, *sref; /* per value, alloca, suspend id */
	LLVMValueRef promise;
	coropack_namer *namer;
	pmap types;             /* type -> its strings in tstr (type_str) */
	const char **tstr;      /* per type seen: IR spelling, C++ reading */
	int ntypes, tcap;
	char *why;
	size_t whylen;
} builder;

static int bail(builder *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(b->why, b->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *arena_take(cp_arena *a, char *s)
{
	const char *r = cp_arena_strdup(a, s);
	free(s);
	return r;
}

static const char *ir_type_str(builder *b, LLVMTypeRef t)
{
	/* Named structs by name, as they appear in instructions. */
	const char *sn = LLVMGetTypeKind(t) == LLVMStructTypeKind ? LLVMGetStructName(t) : NULL;
	if (sn && *sn) {
		int plain = 1;
		for (const char *p = sn; *p; p++)
			plain &= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			         (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '$' || *p == '-';
		size_t n = strlen(sn) + 4;
		char *r = cp_arena_alloc(b->f->arena, n);
		snprintf(r, n, plain ? "%%%s" : "%%\"%s\"", sn);
		return r;
	}
	char *s = LLVMPrintTypeToString(t);
	const char *r = cp_arena_strdup(b->f->arena, s);
	LLVMDisposeMessage(s);
	return r;
}

static const char *loc_of(builder *b, LLVMValueRef inst)
{
	unsigned len = 0, line = LLVMGetDebugLocLine(inst);
	if (!line)
		return NULL;
	const char *file = LLVMGetDebugLocFilename(inst, &len);
	char buf[512];
	snprintf(buf, sizeof buf, "%.*s:%u", file ? (int)len : 0, file ? file : "", line);
	return cp_arena_strdup(b->f->arena, buf);
}

/* Source name (debug info), IR name, or the operand spelling. */
static void name_of(builder *b, LLVMValueRef v, const char **name, const char **loc)
{
	unsigned line;
	const char *file;
	char *dv = coropack_debug_var(v, &line, &file);
	if (dv) {
		*name = arena_take(b->f->arena, dv);
		if (loc && line) {
			char buf[512];
			snprintf(buf, sizeof buf, "%s:%u", file ? file : "", line);
			*loc = cp_arena_strdup(b->f->arena, buf);
		}
		return;
	}
	*name = arena_take(b->f->arena, coropack_operand_name(b->namer, v));
}

/* A C++ reading of an IR type: clang's struct names without their
 * "struct."/"class."/"union." prefix and ".N" uniquing suffix, else the
 * IR spelling. */
static void cxx_type(LLVMTypeRef t, char *buf, size_t n)
{
	const char *sn = LLVMGetTypeKind(t) == LLVMStructTypeKind ? LLVMGetStructName(t) : NULL;
	if (!sn || !*sn) {
		char *s = LLVMPrintTypeToString(t);
		snprintf(buf, n, "%s", s);
		LLVMDisposeMessage(s);
		return;
	}
	static const char *const pre[] = {"struct.", "class.", "union."};
	for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
		if (!strncmp(sn, pre[k], strlen(pre[k])))
			sn += strlen(pre[k]);
	size_t len = strlen(sn), d = len;
	while (d > 0 && sn[d - 1] >= '0' && sn[d - 1] <= '9')
		d--;
	if (d < len && d > 0 && sn[d - 1] == '.')
		len = d - 1;
	snprintf(buf, n, "%.*s", (int)len, sn);
}

/* t's IR spelling (*ir) and C++ reading (*cxx), each made once per type of
 * the function: printing a type is most of what naming a value costs. */
static void type_strs(builder *b, LLVMTypeRef t, const char **ir, const char **cxx)
{
	if (!b->types.key)
		pmap_init(&b->types, 64);
	int k = pmap_get(&b->types, t);
	if (k < 0) {
		if (b->ntypes == b->tcap) {
			b->tcap = b->tcap ? 2 * b->tcap : 64;
			b->tstr = realloc(b->tstr, (size_t)b->tcap * 2 * sizeof *b->tstr);
			if (!b->tstr)
				abort();
		}
		char buf[200];
		k = b->ntypes++;
		b->tstr[2 * k] = ir_type_str(b, t);
		cxx_type(t, buf, sizeof buf);
		b->tstr[2 * k + 1] = cp_arena_strdup(b->f->arena, buf);
		pmap_put(&b->types, t, k);
	}
	*ir = b->tstr[2 * k];
	*cxx = b->tstr[2 * k + 1];
}

static const char *type_str(builder *b, LLVMTypeRef t)
{
	const char *ir, *cxx;
	type_strs(b, t, &ir, &cxx);
	return ir;
}

/* An item without a source name or an IR name of its own (a number) gets
 * its IR number and what it is:
 * "%5 (awaiter std::suspend_always)" for an alloca a co_await passes to
 * llvm.coro.await.suspend.* (its loc that co_await's), "%5 (temporary T)"
 * for any other; *loc, when unset, the line of its first user that has one
 * (a phi has none). */
static void label_unnamed(builder *b, LLVMValueRef v, LLVMTypeRef t, const char **name, const char **loc)
{
	/* Only numbered values: a written IR name (%buf) is the author's. */
	if (!*name || (*name)[0] != '%' || (*name)[1] < '0' || (*name)[1] > '9')
		return;
	const char *what = "temporary";
	if (LLVMIsAAllocaInst(v)) {
		for (LLVMUseRef u = LLVMGetFirstUse(v); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);
			if (cp_calls(user, "llvm.coro.await.suspend.") && LLVMGetOperand(user, 0) == v) {
				what = "awaiter";
				const char *at = loc_of(b, user);
				if (at)
					*loc = at;
				break;
			}
		}
	}
	for (LLVMUseRef u = LLVMGetFirstUse(v); u && !*loc; u = LLVMGetNextUse(u))
		if (LLVMIsAInstruction(LLVMGetUser(u)))
			*loc = loc_of(b, LLVMGetUser(u));
	const char *ir, *ty;
	type_strs(b, t, &ir, &ty);
	/* *name (what ty), as "%s (%s %s)" would print it */
	size_t ln = strlen(*name), lw = strlen(what), lt = strlen(ty);
	char *r = cp_arena_alloc(b->f->arena, ln + lw + lt + 5);
	memcpy(r, *name, ln);
	memcpy(r + ln, " (", 2);
	memcpy(r + ln + 2, what, lw);
	r[ln + 2 + lw] = ' ';
	memcpy(r + ln + 3 + lw, ty, lt);
	memcpy(r + ln + 3 + lw + lt, ")", 2);
	*name = r;
}

static int is_remat_opcode(LLVMOpcode op)
{
	switch (op) {
	case LLVMTrunc: case LLVMZExt: case LLVMSExt: case LLVMFPToUI:
	case LLVMFPToSI: case LLVMUIToFP: case LLVMSIToFP: case LLVMFPTrunc:
	case LLVMFPExt: case LLVMPtrToInt: case LLVMIntToPtr: case LLVMBitCast:
	case LLVMAddrSpaceCast: case LLVMPtrToAddr:
	case LLVMGetElementPtr:
	case LLVMAdd: case LLVMFAdd: case LLVMSub: case LLVMFSub: case LLVMMul:
	case LLVMFMul: case LLVMUDiv: case LLVMSDiv: case LLVMFDiv: case LLVMURem:
	case LLVMSRem: case LLVMFRem: case LLVMShl: case LLVMLShr: case LLVMAShr:
	case LLVMAnd: case LLVMOr: case LLVMXor:
	case LLVMICmp: case LLVMFCmp: case LLVMSelect:
		return 1;
	default:
		return 0;
	}
}

/* Results LLVM's split rebuilds from the frame pointer or folds to
 * constants; they never take a frame slot. */
static int rebuilt(int intr)
{
	return intr == I_BEGIN || intr == I_PROMISE || intr == I_FRAME || intr == I_SIZE ||
	       intr == I_ALIGN || intr == I_IN_RAMP || intr == I_ID;
}

static int spillable_type(LLVMTypeRef t)
{
	LLVMTypeKind k = LLVMGetTypeKind(t);
	return k != LLVMVoidTypeKind && k != LLVMTokenTypeKind && k != LLVMLabelTypeKind &&
	       k != LLVMMetadataTypeKind;
}

static int is_scalable(LLVMTypeRef t)
{
	LLVMTypeKind k = LLVMGetTypeKind(t);
	if (k == LLVMScalableVectorTypeKind || k == LLVMTargetExtTypeKind || k == LLVMX86_AMXTypeKind)
		return 1;
	if (k == LLVMStructTypeKind) {
		unsigned n = LLVMCountStructElementTypes(t);
		for (unsigned i = 0; i < n; i++)
			if (is_scalable(LLVMStructGetTypeAtIndex(t, i)))
				return 1;
	}
	if (k == LLVMArrayTypeKind)
		return is_scalable(LLVMGetElementType(t));
	return 0;
}

static int has_md(LLVMValueRef inst, const char *kind)
{
	unsigned id = LLVMGetMDKindIDInContext(LLVMGetTypeContext(LLVMTypeOf(inst)), kind,
	                                       (unsigned)strlen(kind));
	return LLVMGetMetadata(inst, id) != NULL;
}

/* Nonzero when a coro.end precedes inst in its block: the split clones
 * never run it with the frame's data (LLVM's SuspendCrossingInfo). */
static int after_end(LLVMValueRef inst)
{
	for (LLVMValueRef p = LLVMGetPreviousInstruction(inst); p; p = LLVMGetPreviousInstruction(p))
		if (intr_of(p) == I_END)
			return 1;
	return 0;
}

/* The pointee type of fn's byval parameter argno, or NULL. */
static LLVMTypeRef byval_type(LLVMValueRef fn, unsigned argno)
{
	LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(fn, argno + 1, LLVMGetEnumAttributeKindForName("byval", 5));
	return a ? LLVMGetTypeAttributeValue(a) : NULL;
}

/* Walks the uses of an alloca through its aliases: marks escapes and
 * collects the blocks that touch it. Returns -1 when a catchpad uses it
 * (Windows EH objects stay on the stack). */
static int alloca_uses(builder *b, LLVMValueRef a, cp_alloca *al)
{
	int n = 0, nblk = 0;
	size_t cap = 16, bcap = 16;
	LLVMValueRef *work = malloc(cap * sizeof *work);
	int *blk = malloc(bcap * sizeof *blk);
	char *dir = malloc(bcap);
	pmap seen;
	pmap_init(&seen, 16);
	if (!work || !blk || !dir)
		abort();
	work[n++] = a;
	pmap_put(&seen, a, 1);
	int catchpad = 0;
	while (n) {
		LLVMValueRef p = work[--n];
		for (LLVMUseRef u = LLVMGetFirstUse(p); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);
			if (!LLVMIsAInstruction(user))
				continue;
			int iid = pmap_get(&b->insts, user);
			if (iid >= 0 && !after_end(user)) {
				size_t dcap = bcap;
				dir = cp_grow_or_abort(dir, (size_t)nblk, &dcap, 1, 16);
				blk = cp_grow_or_abort(blk, (size_t)nblk, &bcap, sizeof *blk, 16);
				dir[nblk] = p == a;
				blk[nblk++] = iid;
			} else if (iid >= 0) {
				al->nlate++;
			}
			int alias = 0;
			switch (LLVMGetInstructionOpcode(user)) {
			case LLVMGetElementPtr: case LLVMBitCast: case LLVMAddrSpaceCast:
			case LLVMPHI: case LLVMSelect:
				alias = 1;
				break;
			case LLVMLoad:
				break;
			case LLVMStore:
				if (LLVMGetOperand(user, 0) == p)
					al->escaped = 1;
				break;
			case LLVMCall: case LLVMInvoke: case LLVMCallBr: {
				int in = intr_of(user);
				if (in == I_LSTART || in == I_LEND) {
					al->marked = 1;
					break;
				}
				unsigned na = LLVMGetNumArgOperands(user);
				for (unsigned i = 0; i < na; i++)
					if (LLVMGetOperand(user, i) == p && coropack_call_captures(user, i))
						al->escaped = 1;
				break;
			}
			case LLVMCatchPad:
				catchpad = 1;
				break;
			default:
				al->escaped = 1;
				break;
			}
			if (alias && pmap_get(&seen, user) < 0) {
				pmap_put(&seen, user, 1);
				work = cp_grow_or_abort(work, (size_t)n, &cap, sizeof *work, 16);
				work[n++] = user;
			}
		}
	}
	al->nuse = nblk;
	/* (Room for one more use: the byval copy at coro.begin.) */
	al->useinst = cp_arena_alloc(b->f->arena, (size_t)(nblk + 1) * sizeof *al->useinst);
	memcpy(al->useinst, blk, (size_t)nblk * sizeof *blk);
	al->direct = cp_arena_alloc(b->f->arena, (size_t)nblk + 1);
	memcpy(al->direct, dir, (size_t)nblk);
	free(work);
	free(blk);
	free(dir);
	pmap_free(&seen);
	return catchpad ? -1 : 0;
}

/* A walk of the blocks: its stack, and seen[id] == gen for a block it
 * reached (a new walk takes the next gen: no clearing per walk). */
typedef struct bwalk {
	int *stack;
	unsigned *seen, gen;
} bwalk;

/* Pushes the unseen successors of bb (every edge); returns the new depth. */
static int push_succs(builder *b, LLVMBasicBlockRef bb, bwalk *w, int sp)
{
	LLVMValueRef t = LLVMGetBasicBlockTerminator(bb);
	unsigned ns = t ? LLVMGetNumSuccessors(t) : 0;
	for (unsigned k = 0; k < ns; k++) {
		int id = pmap_get(&b->blocks, LLVMGetSuccessor(t, k));
		if (id >= 0 && w->seen[id] != w->gen) {
			w->seen[id] = w->gen;
			w->stack[sp++] = id;
		}
	}
	return sp;
}

/* LLVM's first reason to put a marked alloca in the frame: from one of its
 * lifetime.starts a suspend is reachable (any edge, exceptions included)
 * without passing a lifetime.end of it. w: arrays over the blocks. */
static int start_reaches_suspend(builder *b, LLVMValueRef a, LLVMBasicBlockRef *bbs, bwalk *w)
{
	int sp = 0, hit = 0;
	w->gen++;
	for (LLVMUseRef u = LLVMGetFirstUse(a); u && !hit; u = LLVMGetNextUse(u)) {
		LLVMValueRef st = LLVMGetUser(u);
		if (intr_of(st) != I_LSTART)
			continue;
		/* Scan the rest of the start's block, then its successors. */
		for (LLVMValueRef i = st;;) {
			i = LLVMGetNextInstruction(i);
			if (!i) {
				sp = push_succs(b, LLVMGetInstructionParent(st), w, sp);
				break;
			}
			int k = intr_of(i);
			if (k == I_LEND && LLVMGetOperand(i, 0) == a)
				break;
			if (k == I_SUSPEND) {
				hit = 1;
				break;
			}
		}
	}
	while (sp && !hit) {
		int blk = w->stack[--sp];
		int blocked = 0;
		for (LLVMValueRef i = LLVMGetFirstInstruction(bbs[blk]); i && !blocked && !hit; i = LLVMGetNextInstruction(i)) {
			int k = intr_of(i);
			if (k == I_LEND && LLVMGetOperand(i, 0) == a)
				blocked = 1;
			else if (k == I_SUSPEND)
				hit = 1;
		}
		if (!blocked && !hit)
			sp = push_succs(b, bbs[blk], w, sp);
	}
	return hit;
}

int cp_ir_is_coroutine(LLVMValueRef fn)
{
	intr_init();
	if (LLVMIsDeclaration(fn))
		return 0;
	unsigned kind = LLVMGetEnumAttributeKindForName("presplitcoroutine", 17);
	return LLVMGetEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, kind) != NULL;
}

/* Pass 1: blocks, instruction, value, alloca and suspend counts, the
 * coroutine's own llvm.coro.id and its promise; bails on what the model
 * cannot take (other ABIs, no or two coro.ids). */
static int count(builder *b)
{
	cp_func *f = b->f;
	LLVMValueRef fn = b->fn;
	f->nblock = (int)LLVMCountBasicBlocks(fn);
	b->bbs = cp_arena_alloc(f->arena, (size_t)(f->nblock + 1) * sizeof *b->bbs);
	LLVMGetBasicBlocks(fn, b->bbs);
	pmap_init(&b->blocks, (size_t)f->nblock);
	b->nval = (int)LLVMCountParams(fn);
	b->nalloca = b->nval; /* byval arguments are frame storage too */
	for (int i = 0; i < f->nblock; i++) {
		pmap_put(&b->blocks, b->bbs[i], i);
		for (LLVMValueRef in = LLVMGetFirstInstruction(b->bbs[i]); in; in = LLVMGetNextInstruction(in)) {
			b->ninst++;
			b->nval++;
			int k = intr_of(in);
			if (k == I_ID_RETCON || k == I_ID_RETCON_ONCE || k == I_ID_ASYNC)
				return bail(b, "not a switch-ABI coroutine (%s)", intr_name[k]);
			if (k == I_BEGIN_CUSTOM)
				return bail(b, "custom-ABI coroutine (llvm.coro.begin.custom.abi)");
			/* The coroutine's own llvm.coro.id names it (coro-early
			 * sets that operand); others come from split ramps inlined
			 * into it. */
			if (k == I_ID && (LLVMGetOperand(in, 2) == fn || LLVMIsNull(LLVMGetOperand(in, 2)))) {
				if (b->coro_id)
					return bail(b, "more than one llvm.coro.id of its own");
				b->coro_id = in;
			}
			if (k == I_SUSPEND)
				b->nsusp++;
			if (LLVMIsAAllocaInst(in))
				b->nalloca++;
		}
	}
	if (!b->coro_id)
		return bail(b, "no llvm.coro.id");
	LLVMValueRef prom = LLVMGetOperand(b->coro_id, 1);
	if (prom && LLVMIsAAllocaInst(prom))
		b->promise = prom;
	else if (prom && !LLVMIsNull(prom))
		return bail(b, "promise operand of llvm.coro.id is not an alloca");
	return 0;
}

/* The model's arrays, sized by count(), and the promise's facts. */
static void allocate(builder *b)
{
	cp_func *f = b->f;
	cp_arena *A = f->arena;
	f->ninst = b->ninst;
	f->inst = cp_arena_alloc(A, (size_t)(b->ninst + 1) * sizeof *f->inst);
	f->block = cp_arena_alloc(A, (size_t)(f->nblock + 1) * sizeof *f->block);
	f->value = cp_arena_alloc(A, (size_t)(b->nval + 1) * sizeof *f->value);
	f->alloca = cp_arena_alloc(A, (size_t)(b->nalloca + 1) * sizeof *f->alloca);
	f->susp = cp_arena_alloc(A, (size_t)(b->nsusp + 1) * sizeof *f->susp);
	b->vref = cp_arena_alloc(A, (size_t)(b->nval + 1) * sizeof *b->vref);
	b->aref = cp_arena_alloc(A, (size_t)(b->nalloca + 1) * sizeof *b->aref);
	b->sref = cp_arena_alloc(A, (size_t)(b->nsusp + 1) * sizeof *b->sref);
	pmap_init(&b->values, (size_t)b->nval);
	pmap_init(&b->allocas, (size_t)b->nalloca);
	if (b->promise) {
		LLVMTypeRef pt = LLVMGetAllocatedType(b->promise);
		f->promise_size = LLVMABISizeOfType(b->dl, pt);
		f->promise_align = LLVMGetAlignment(b->promise);
		f->promise_tyalign = LLVMABIAlignmentOfType(b->dl, pt);
		if (f->promise_align < LLVMABIAlignmentOfType(b->dl, pt))
			f->promise_align = LLVMABIAlignmentOfType(b->dl, pt);
		f->promise_type = type_str(b, pt);
	}
}

/* Pass 2, the arguments: byval ones are alloca-like items, spillable ones
 * values; memory arguments stock keeps elsewhere bail. */
static int arguments(builder *b)
{
	cp_func *f = b->f;
	LLVMValueRef fn = b->fn;
	unsigned np = LLVMCountParams(fn);
	static const char *const memargs[] = {"inalloca", "preallocated", "byref"};
	for (unsigned i = 0; i < np; i++)
		for (size_t k = 0; k < sizeof memargs / sizeof *memargs; k++)
			if (LLVMGetEnumAttributeAtIndex(fn, i + 1, LLVMGetEnumAttributeKindForName(memargs[k], strlen(memargs[k]))))
				return bail(b, "%s argument (its storage, not the pointer, would need the frame)", memargs[k]);
	for (unsigned i = 0; i < np; i++) {
		LLVMValueRef p = LLVMGetParam(fn, i);
		if (byval_type(fn, i)) {
			/* Its bytes, not the pointer, are what a suspend must keep:
			 * an alloca-like item whose contents exist at entry. */
			pmap_put(&b->allocas, p, f->nalloca);
			b->aref[f->nalloca++] = p;
			continue;
		}
		if (!spillable_type(LLVMTypeOf(p)))
			continue;
		pmap_put(&b->values, p, f->nvalue);
		b->vref[f->nvalue++] = p;
	}
	return 0;
}

/* Pass 2, the instructions in order: suspends, coro.begin, allocas (a
 * dynamic one bails), and the values the model keeps. */
static int definitions(builder *b)
{
	cp_func *f = b->f;
	for (int i = 0; i < f->nblock; i++) {
		for (LLVMValueRef in = LLVMGetFirstInstruction(b->bbs[i]); in; in = LLVMGetNextInstruction(in)) {
			int k = intr_of(in);
			if (k == I_SUSPEND)
				b->sref[f->nsusp++] = in;
			if (k == I_BEGIN && LLVMGetOperand(in, 0) == b->coro_id)
				f->begin_ref = in;
			if (LLVMIsAAllocaInst(in)) {
				if (in == b->promise || has_md(in, "coro.outside.frame"))
					continue;
				LLVMValueRef cnt = LLVMGetOperand(in, 0);
				if (!LLVMIsAConstantInt(cnt))
					return bail(b, "dynamic alloca");
				pmap_put(&b->allocas, in, f->nalloca);
				b->aref[f->nalloca++] = in;
				continue;
			}
			LLVMTypeRef t = LLVMTypeOf(in);
			/* Only this coroutine's coro.begin is its frame pointer; an
			 * inlined ramp's is an ordinary pointer. */
			if (!spillable_type(t) || (rebuilt(k) && (k != I_BEGIN || in == f->begin_ref)))
				continue;
			pmap_put(&b->values, in, f->nvalue);
			b->vref[f->nvalue++] = in;
		}
	}
	if (!f->nsusp)
		return bail(b, "no suspend points");
	/* Liveness keeps a value row and an alloca row per suspend point and
	 * per block: past about 256 MiB of bits, leave the coroutine alone. */
	if (((uint64_t)f->nvalue + (uint64_t)f->nalloca) *
	        ((uint64_t)f->nsusp * 2 + (uint64_t)f->nblock) > (UINT64_C(1) << 31))
		return bail(b, "too large to analyze (%d values, %d allocas, %d suspend points, %d blocks)",
		            f->nvalue, f->nalloca, f->nsusp, f->nblock);
	return 0;
}

/* Suspend points in LLVM's suspend-index order (coro::Shape::analyze
 * swaps the final suspend with the last one), their saves, and smap from
 * each suspend and save to its suspend id. */
static void suspends(builder *b)
{
	cp_func *f = b->f;
	LLVMValueRef *sref = b->sref;
	for (int s = 0; s < f->nsusp - 1; s++) {
		LLVMValueRef fin = LLVMGetOperand(sref[s], 1);
		if (LLVMIsAConstantInt(fin) && LLVMConstIntGetZExtValue(fin)) {
			LLVMValueRef t = sref[s];
			sref[s] = sref[f->nsusp - 1];
			sref[f->nsusp - 1] = t;
			break;
		}
	}
	f->value_ref = (void **)b->vref;
	f->alloca_ref = (void **)b->aref;
	f->susp_ref = (void **)sref;
	f->save_ref = cp_arena_alloc(f->arena, (size_t)(f->nsusp + 1) * sizeof(void *));
	pmap_init(&b->smap, (size_t)f->nsusp * 2);
	for (int s = 0; s < f->nsusp; s++) {
		cp_susp *sp = &f->susp[s];
		LLVMValueRef fin = LLVMGetOperand(sref[s], 1);
		sp->final = LLVMIsAConstantInt(fin) && LLVMConstIntGetZExtValue(fin);
		sp->loc = loc_of(b, sref[s]);
		sp->save = -1;
		pmap_put(&b->smap, sref[s], s);
		LLVMValueRef save = LLVMGetOperand(sref[s], 0);
		if (save && intr_of(save) == I_SAVE) {
			pmap_put(&b->smap, save, s);
			f->save_ref[s] = save;
		}
	}
}

/* Each value's type, size, name, location, and its operands among the
 * values (for the rematerialization closure). */
static int value_facts(builder *b)
{
	cp_func *f = b->f;
	for (int v = 0; v < f->nvalue; v++) {
		cp_value *cv = &f->value[v];
		LLVMValueRef x = b->vref[v];
		LLVMTypeRef t = LLVMTypeOf(x);
		if (is_scalable(t))
			return bail(b, "value of scalable or target type");
		cv->type = type_str(b, t);
		cv->size = LLVMABISizeOfType(b->dl, t);
		cv->align = LLVMABIAlignmentOfType(b->dl, t);
		name_of(b, x, &cv->name, &cv->loc);
		if (!LLVMIsAInstruction(x))
			continue;
		if (!cv->loc)
			cv->loc = loc_of(b, x);
		label_unnamed(b, x, t, &cv->name, &cv->loc);
		cv->remat = is_remat_opcode(LLVMGetInstructionOpcode(x));
		int no = LLVMGetNumOperands(x);
		cv->op = cp_arena_alloc(f->arena, (size_t)(no + 1) * sizeof *cv->op);
		for (int o = 0; o < no; o++) {
			int id = pmap_get(&b->values, LLVMGetOperand(x, (unsigned)o));
			if (id >= 0)
				cv->op[cv->nop++] = id;
		}
	}
	return 0;
}

/* Instruction ii (in): its op, the value it defines, its slot (suspend or
 * alloca id) and the values it uses (a phi's with their blocks). */
static void instruction(builder *b, LLVMValueRef in, int ii)
{
	cp_func *f = b->f;
	cp_inst *ci = &f->inst[ii];
	int k = intr_of(in);
	pmap_put(&b->insts, in, ii);
	f->inst_ref[ii] = in;
	ci->def = pmap_get(&b->values, in);
	ci->slot = -1;
	ci->op = CP_OP_OTHER;
	if (LLVMIsAPHINode(in)) {
		ci->op = CP_OP_PHI;
		unsigned n = LLVMCountIncoming(in);
		ci->use = cp_arena_alloc(f->arena, (n + 1) * sizeof *ci->use);
		ci->phi_pred = cp_arena_alloc(f->arena, (n + 1) * sizeof *ci->phi_pred);
		for (unsigned j = 0; j < n; j++) {
			int id = pmap_get(&b->values, LLVMGetIncomingValue(in, j));
			if (id < 0)
				continue;
			ci->use[ci->nuse] = id;
			ci->phi_pred[ci->nuse++] = pmap_get(&b->blocks, LLVMGetIncomingBlock(in, j));
		}
		return;
	}
	if (k == I_SAVE || k == I_SUSPEND) {
		ci->op = k == I_SAVE ? CP_OP_SAVE : CP_OP_SUSPEND;
		ci->slot = pmap_get(&b->smap, in);
		if (ci->op == CP_OP_SUSPEND && ci->slot >= 0)
			f->susp[ci->slot].inst = ii;
		if (ci->op == CP_OP_SAVE && ci->slot >= 0)
			f->susp[ci->slot].save = ii;
	} else if (k == I_END) {
		ci->op = CP_OP_END;
		LLVMValueRef uw = LLVMGetOperand(in, 1);
		ci->unwind = !LLVMIsAConstantInt(uw) || LLVMConstIntGetZExtValue(uw);
	} else if (k == I_LSTART || k == I_LEND) {
		int a = pmap_get(&b->allocas, LLVMGetOperand(in, 0));
		if (a >= 0) {
			ci->op = k == I_LSTART ? CP_OP_LSTART : CP_OP_LEND;
			ci->slot = a;
		}
	}
	int no = LLVMGetNumOperands(in);
	ci->use = cp_arena_alloc(f->arena, (size_t)(no + 1) * sizeof *ci->use);
	for (int o = 0; o < no; o++) {
		int id = pmap_get(&b->values, LLVMGetOperand(in, (unsigned)o));
		if (id >= 0)
			ci->use[ci->nuse++] = id;
	}
}

/* Block i's successors as the clones execute them: a branch on
 * llvm.coro.is_in_ramp takes its false edge there. */
static void successors(builder *b, int i)
{
	cp_block *bb = &b->f->block[i];
	LLVMValueRef term = LLVMGetBasicBlockTerminator(b->bbs[i]);
	if (!term)
		return;
	unsigned ns = LLVMGetNumSuccessors(term);
	bb->succ = cp_arena_alloc(b->f->arena, (ns + 1) * sizeof *bb->succ);
	int ramp_edge = -1;
	if (LLVMIsABranchInst(term) && LLVMIsConditional(term) &&
	    intr_of(LLVMGetCondition(term)) == I_IN_RAMP)
		ramp_edge = 0;
	for (unsigned s = 0; s < ns; s++) {
		if ((int)s == ramp_edge)
			continue;
		int id = pmap_get(&b->blocks, LLVMGetSuccessor(term, s));
		int dup = 0;
		for (int e = 0; e < bb->nsucc; e++)
			dup |= bb->succ[e] == id;
		if (id >= 0 && !dup)
			bb->succ[bb->nsucc++] = id;
	}
}

/* Pass 3: instructions block by block, successors, then predecessors. */
static void instructions(builder *b)
{
	cp_func *f = b->f;
	int ii = 0;
	pmap_init(&b->insts, (size_t)b->ninst);
	f->inst_ref = cp_arena_alloc(f->arena, ((size_t)b->ninst + 1) * sizeof(void *));
	for (int i = 0; i < f->nblock; i++) {
		cp_block *bb = &f->block[i];
		bb->first = ii;
		for (LLVMValueRef in = LLVMGetFirstInstruction(b->bbs[i]); in; in = LLVMGetNextInstruction(in))
			instruction(b, in, ii++);
		bb->ninst = ii - bb->first;
		successors(b, i);
	}
	for (int i = 0; i < f->nblock; i++)
		for (int e = 0; e < f->block[i].nsucc; e++)
			f->block[f->block[i].succ[e]].npred++;
	for (int i = 0; i < f->nblock; i++) {
		f->block[i].pred = cp_arena_alloc(f->arena, (size_t)(f->block[i].npred + 1) * sizeof(int));
		f->block[i].npred = 0;
	}
	for (int i = 0; i < f->nblock; i++)
		for (int e = 0; e < f->block[i].nsucc; e++) {
			cp_block *t = &f->block[f->block[i].succ[e]];
			t->pred[t->npred++] = i;
		}
}

/* Allocas: size, alignment, type, name, uses, markers, escapes. */
static int alloca_facts(builder *b)
{
	cp_func *f = b->f;
	LLVMValueRef fn = b->fn, *aref = b->aref;
	bwalk w = {malloc(((size_t)f->nblock + 1) * sizeof *w.stack),
	           calloc((size_t)f->nblock + 1, sizeof *w.seen), 0};
	if (!w.stack || !w.seen)
		abort();
	int rc = 0;
	for (int a = 0; a < f->nalloca && !rc; a++) {
		cp_alloca *al = &f->alloca[a];
		int arg = LLVMIsAArgument(aref[a]) != NULL;
		unsigned argno = arg ? cp_arg_index(aref[a]) : 0;
		LLVMTypeRef t = arg ? byval_type(fn, argno) : LLVMGetAllocatedType(aref[a]);
		if (is_scalable(t)) {
			rc = bail(b, "alloca of scalable or target type");
			break;
		}
		uint64_t cnt = arg ? 1 : LLVMConstIntGetZExtValue(LLVMGetOperand(aref[a], 0));
		al->size = LLVMABISizeOfType(b->dl, t) * cnt;
		al->align = arg ? cp_param_align(fn, argno) : LLVMGetAlignment(aref[a]);
		if (al->align < LLVMABIAlignmentOfType(b->dl, t) && (arg || !al->align))
			al->align = LLVMABIAlignmentOfType(b->dl, t);
		al->byval = arg;
		if (cnt == 1) {
			al->type = type_str(b, t);
		} else {
			char *ts = LLVMPrintTypeToString(t), buf[256];
			snprintf(buf, sizeof buf, "[%llu x %s]", (unsigned long long)cnt, ts);
			LLVMDisposeMessage(ts);
			al->type = cp_arena_strdup(f->arena, buf);
		}
		name_of(b, aref[a], &al->name, &al->loc);
		if (!al->loc)
			al->loc = loc_of(b, aref[a]);
		if (!arg)
			label_unnamed(b, aref[a], t, &al->name, &al->loc);
		if (alloca_uses(b, aref[a], al) < 0) {
			rc = bail(b, "alloca used by a catchpad (Windows EH)");
			break;
		}
		int copy = arg && f->begin_ref && al->nuse ? pmap_get(&b->insts, f->begin_ref) : -1;
		if (copy >= 0)
			al->useinst[al->nuse++] = copy;
		if (al->marked)
			al->stock_frame = start_reaches_suspend(b, aref[a], b->bbs, &w);
	}
	free(w.stack);
	free(w.seen);
	return rc;
}

/* The model of b->fn, phase by phase; 0, or -1 with b->why. */
static int build(builder *b)
{
	cp_func *f = b->f;
	b->dl = LLVMGetModuleDataLayout(LLVMGetGlobalParent(b->fn));
	f->ptr_size = LLVMPointerSize(b->dl);
	f->optnone = LLVMGetEnumAttributeAtIndex(b->fn, LLVMAttributeFunctionIndex,
	                                          LLVMGetEnumAttributeKindForName("optnone", 7)) != NULL;
	if (count(b) < 0)
		return -1;
	allocate(b);
	if (arguments(b) < 0 || definitions(b) < 0)
		return -1;
	suspends(b);
	if (value_facts(b) < 0)
		return -1;
	instructions(b);
	return alloca_facts(b);
}

int cp_ir_build(LLVMValueRef fn, cp_func *out, char *why, size_t whylen)
{
	intr_init();
	memset(out, 0, sizeof *out);
	out->arena = cp_arena_new();
	builder b = {.f = out, .why = why, .whylen = whylen};
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	out->name = cp_arena_strdup(out->arena, nm);
	char *dm = coropack_demangle(nm);
	if (dm)
		out->demangled = arena_take(out->arena, dm);
	b.fn = fn;
	b.namer = coropack_namer_new(fn);
	int rc = build(&b);
	coropack_namer_free(b.namer);
	if (b.blocks.key)
		pmap_free(&b.blocks);
	if (b.values.key)
		pmap_free(&b.values);
	if (b.allocas.key)
		pmap_free(&b.allocas);
	if (b.insts.key)
		pmap_free(&b.insts);
	if (b.smap.key)
		pmap_free(&b.smap);
	if (b.types.key)
		pmap_free(&b.types);
	free(b.tstr);
	return rc;
}
