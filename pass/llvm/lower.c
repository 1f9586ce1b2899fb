/* Lower mode: coropack's own switch-ABI split; see lower.h for the contract
 * and docs/design.md ("Lower mode") for what differs from LLVM's split.
 *
 * The steps, in order, on the pre-split coroutine F:
 *  1. pack's rewrite with the frame pointer as base: every frame alloca and
 *     every value live across a suspend goes to its solver offset in the
 *     frame, stored before the coro.save and reloaded after the suspend;
 *  2. the promise alloca becomes its ABI slot, coro.frame the frame pointer,
 *     coro.size/coro.align constants, coro.await.suspend.* calls of their
 *     wrappers (the handle form followed by a resume of the returned handle);
 *  3. after coro.begin: the resume and destroy (or, when the frame was
 *     elided, cleanup) pointers stored in the prefix;
 *  4. the resume entry: each coro.save becomes a store of the suspend index
 *     (the final one also clears the resume pointer), each suspend block is
 *     cut so that a switch on the index can enter right at the suspend;
 *  5. three clones of F enter through that switch, with each coro.suspend
 *     answering 0 (resume) or 1 (destroy, cleanup), coro.end returning,
 *     coro.free the frame (null in cleanup: the frame was not allocated),
 *     symmetric transfers as musttail calls;
 *  6. F becomes the ramp: coro.end gone, coro.is_in_ramp true, the resumers
 *     array in coro.id, no longer pre-split. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include "irutil.h"
#include "lower.h"
#include "rewrite.h"
#include "shim.h"

enum { K_RESUME, K_DESTROY, K_CLEANUP };
static const char *const suffix[] = {"resume", "destroy", "cleanup"};

/* Every instruction of fn calling an intrinsic whose name starts with prefix. */
static void find_calls(LLVMValueRef fn, const char *prefix, cp_vlist *out)
{
	for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b; b = LLVMGetNextBasicBlock(b))
		for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i))
			if (cp_calls(i, prefix))
				cp_vpush(out, i);
}

typedef struct lw {
	LLVMContextRef cx;
	LLVMModuleRef m;
	LLVMBuilderRef b;
	LLVMTypeRef i8, i64, ptr, idx;
	const cp_func *f;
	const cp_plan *p;
	LLVMValueRef fn, begin, id;
	int has_final;
	int unwind_end; /* some coro.end is the unwind form */
} lw;

static LLVMValueRef faddr(lw *w, LLVMValueRef base, uint64_t off, const char *name)
{
	if (!off)
		return base;
	LLVMValueRef o = LLVMConstInt(w->i64, off, 0);
	return LLVMBuildInBoundsGEP2(w->b, w->i8, base, &o, 1, name);
}

static void store_index(lw *w, LLVMValueRef base, int s)
{
	LLVMValueRef st = LLVMBuildStore(w->b, LLVMConstInt(w->idx, (unsigned long long)s, 0),
	                                 faddr(w, base, w->p->index_off, "index.addr"));
	LLVMSetAlignment(st, (unsigned)w->p->index_size);
}

/* The switch ABI's "done": a null resume pointer. With an unwind coro.end
 * the index of the final suspend too: a coroutine whose exception escaped
 * looks done without having reached the final suspend, and destroy must
 * still find its state (LLVM's split does the same). */
static void mark_done(lw *w, LLVMValueRef base)
{
	LLVMBuildStore(w->b, LLVMConstPointerNull(w->ptr), base);
	if (w->has_final && w->unwind_end)
		store_index(w, base, w->f->nsusp - 1);
}

int cp_lower_check(LLVMValueRef fn, const cp_func *f, const cp_plan *p, char *why, size_t whylen)
{
	if (!f->begin_ref || !f->susp_ref)
		return cp_bail(why, whylen, "no IR behind the model");
	if (f->nsusp == 0)
		return cp_bail(why, whylen, "no suspend point (LLVM's split elides the frame)");
	for (int s = 0; s < f->nsusp; s++)
		if (!f->save_ref[s])
			return cp_bail(why, whylen, "a coro.suspend without its coro.save");
	if (p->index_size != 1 && p->index_size != 2 && p->index_size != 4)
		return cp_bail(why, whylen, "too many suspend points");
	LLVMValueRef begin = f->begin_ref;
	if (!LLVMIsACallInst(begin) || strcmp(cp_callee(begin), "llvm.coro.begin") != 0)
		return cp_bail(why, whylen, "no llvm.coro.begin");
	LLVMValueRef id = LLVMGetOperand(begin, 0);
	if (!LLVMIsACallInst(id) || strcmp(cp_callee(id), "llvm.coro.id") != 0)
		return cp_bail(why, whylen, "coro.begin's token is not from llvm.coro.id");
	LLVMValueRef prom = LLVMGetOperand(id, 1);
	int ok = 1;
	if (LLVMIsAAllocaInst(prom)) {
		coropack_domtree *dt = coropack_domtree_new(fn);
		for (LLVMUseRef u = LLVMGetFirstUse(prom); u && ok; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);
			if (user == id || !LLVMIsAInstruction(user) || cp_is_lifetime(user))
				continue;
			ok = !LLVMIsAPHINode(user) && coropack_dominates(dt, begin, user);
		}
		coropack_domtree_free(dt);
	} else if (!LLVMIsAConstantPointerNull(prom)) {
		return cp_bail(why, whylen, "the promise operand of coro.id is not an alloca");
	}
	if (!ok)
		return cp_bail(why, whylen, "the promise is used before llvm.coro.begin");
	return 0;
}

/* Every use of v becomes base plus off, computed right before the user
 * (at the end of the incoming block for a phi): nothing derived from the
 * frame pointer is then live across a suspend. */
static void per_use(lw *w, LLVMValueRef v, LLVMValueRef base, int64_t off, const char *name)
{
	while (LLVMGetFirstUse(v)) {
		LLVMValueRef user = LLVMGetUser(LLVMGetFirstUse(v));
		if (LLVMIsAPHINode(user)) {
			unsigned n = LLVMCountIncoming(user);
			for (unsigned k = 0; k < n; k++) {
				if (LLVMGetIncomingValue(user, k) != v)
					continue;
				LLVMPositionBuilderBefore(w->b,
				                          LLVMGetBasicBlockTerminator(LLVMGetIncomingBlock(user, k)));
				LLVMValueRef o = LLVMConstInt(w->i64, (unsigned long long)off, 1);
				LLVMSetOperand(user, k, LLVMBuildInBoundsGEP2(w->b, w->i8, base, &o, 1, name));
			}
			continue;
		}
		LLVMPositionBuilderBefore(w->b, user);
		LLVMValueRef o = LLVMConstInt(w->i64, (unsigned long long)off, 1);
		LLVMValueRef at = off ? LLVMBuildInBoundsGEP2(w->b, w->i8, base, &o, 1, name) : base;
		unsigned nop = (unsigned)LLVMGetNumOperands(user);
		for (unsigned k = 0; k < nop; k++)
			if (LLVMGetOperand(user, k) == v)
				LLVMSetOperand(user, k, at);
	}
}

/* Uses of the promise alloca become its ABI slot, next to each use. */
static void place_promise(lw *w)
{
	LLVMValueRef prom = LLVMGetOperand(w->id, 1);
	LLVMSetOperand(w->id, 1, LLVMConstPointerNull(w->ptr));
	if (!LLVMIsAAllocaInst(prom))
		return;
	coropack_debug_retarget(prom, w->begin, w->p->promise_off);
	coropack_move_declares(w->fn, w->begin, LLVMGetNextInstruction(w->begin));
	for (LLVMUseRef u = LLVMGetFirstUse(prom); u;) {
		LLVMValueRef user = LLVMGetUser(u);
		u = LLVMGetNextUse(u);
		if (cp_is_lifetime(user))
			LLVMInstructionEraseFromParent(user);
	}
	per_use(w, prom, w->begin, (int64_t)w->p->promise_off, "promise.addr");
	LLVMInstructionEraseFromParent(prom);
}

/* coro.await.suspend.{void,bool,handle}(awaiter, frame, wrapper) becomes a
 * call (or invoke) of wrapper(awaiter, frame); the handle form is followed
 * by a call of the returned coroutine's resume function, which the clones
 * turn into a musttail call (symmetric transfer). */
static void lower_awaits(lw *w, cp_vlist *sym)
{
	cp_vlist aw = {0};
	find_calls(w->fn, "llvm.coro.await.suspend.", &aw);
	unsigned subfn_id = LLVMLookupIntrinsicID("llvm.coro.subfn.addr", 20);
	LLVMValueRef subfn = LLVMGetIntrinsicDeclaration(w->m, subfn_id, NULL, 0);
	LLVMTypeRef subfn_ty = LLVMIntrinsicGetType(w->cx, subfn_id, NULL, 0);
	LLVMTypeRef resume_ty = LLVMFunctionType(LLVMVoidTypeInContext(w->cx), &w->ptr, 1, 0);
	for (int k = 0; k < aw.n; k++) {
		LLVMValueRef in = aw.v[k];
		int handle = !strcmp(cp_callee(in), "llvm.coro.await.suspend.handle");
		LLVMValueRef args[2] = {LLVMGetOperand(in, 0), LLVMGetOperand(in, 1)};
		LLVMValueRef wrapper = LLVMGetOperand(in, 2);
		LLVMTypeRef wty = LLVMGlobalGetValueType(wrapper);
		LLVMPositionBuilderBefore(w->b, in);
		LLVMValueRef nc;
		if (LLVMIsAInvokeInst(in))
			nc = LLVMBuildInvoke2(w->b, wty, wrapper, args, 2, LLVMGetNormalDest(in),
			                      LLVMGetUnwindDest(in), "");
		else
			nc = LLVMBuildCall2(w->b, wty, wrapper, args, 2, "");
		LLVMInstructionSetDebugLoc(nc, LLVMInstructionGetDebugLoc(in));
		if (handle) {
			if (LLVMIsAInvokeInst(in)) {
				LLVMBasicBlockRef nd = LLVMGetNormalDest(in);
				LLVMPositionBuilderBefore(w->b, LLVMGetFirstInstruction(nd));
			}
			LLVMValueRef sa[2] = {nc, LLVMConstInt(w->i8, 0, 0)};
			LLVMValueRef addr = LLVMBuildCall2(w->b, subfn_ty, subfn, sa, 2, "resume.addr");
			LLVMValueRef rc = LLVMBuildCall2(w->b, resume_ty, addr, &nc, 1, "");
			LLVMSetInstructionCallConv(rc, LLVMFastCallConv);
			LLVMInstructionSetDebugLoc(rc, LLVMInstructionGetDebugLoc(in));
			cp_vpush(sym, rc);
		} else if (LLVMGetTypeKind(LLVMTypeOf(in)) != LLVMVoidTypeKind) {
			LLVMReplaceAllUsesWith(in, nc);
		}
		LLVMInstructionEraseFromParent(in);
	}
	free(aw.v);
}

static void replace_calls(LLVMValueRef fn, const char *prefix, LLVMValueRef (*val)(LLVMValueRef, void *),
                          void *ctx)
{
	cp_vlist l = {0};
	find_calls(fn, prefix, &l);
	for (int k = 0; k < l.n; k++) {
		LLVMReplaceAllUsesWith(l.v[k], val(l.v[k], ctx));
		LLVMInstructionEraseFromParent(l.v[k]);
	}
	free(l.v);
}

static LLVMValueRef size_of(LLVMValueRef in, void *ctx)
{
	return LLVMConstInt(LLVMTypeOf(in), ((lw *)ctx)->p->frame_size, 0);
}

static LLVMValueRef align_of(LLVMValueRef in, void *ctx)
{
	return LLVMConstInt(LLVMTypeOf(in), ((lw *)ctx)->p->frame_align, 0);
}

/* coro.promise(p, align, from): the ABI's fixed distance between a frame
 * and its promise, alignTo(2 * pointer size, align), added or (from the
 * promise) subtracted. coro-early leaves the coroutine's own promise as
 * coro.promise(coro.begin), used all over the body: that one is
 * recomputed at each use. */
static void lower_promises(lw *w)
{
	cp_vlist l = {0};
	find_calls(w->fn, "llvm.coro.promise", &l);
	uint64_t ps = w->f->ptr_size ? w->f->ptr_size : 8;
	for (int k = 0; k < l.n; k++) {
		LLVMValueRef in = l.v[k], p = LLVMGetOperand(in, 0);
		uint64_t al = LLVMConstIntGetZExtValue(LLVMGetOperand(in, 1));
		int64_t off = (int64_t)(al > 1 ? (2 * ps + al - 1) / al * al : 2 * ps);
		if (LLVMConstIntGetZExtValue(LLVMGetOperand(in, 2)))
			off = -off;
		if (p == w->begin) {
			per_use(w, in, w->begin, off, "promise.addr");
		} else {
			LLVMPositionBuilderBefore(w->b, in);
			LLVMValueRef o = LLVMConstInt(w->i64, (unsigned long long)off, 1);
			LLVMReplaceAllUsesWith(in, LLVMBuildInBoundsGEP2(w->b, w->i8, p, &o, 1, "promise"));
		}
		LLVMInstructionEraseFromParent(in);
	}
	free(l.v);
}

static LLVMValueRef frame_of(LLVMValueRef in, void *ctx)
{
	(void)in;
	return ((lw *)ctx)->begin;
}

/* The frame's debug description: every item at its offset. */
static void frame_debug(lw *w)
{
	const cp_func *f = w->f;
	const cp_plan *p = w->p;
	int cap = 4 + f->nvalue + f->nalloca, n = 0;
	const char **names = calloc((size_t)cap, sizeof *names);
	char **owned = calloc((size_t)cap, sizeof *owned);
	uint64_t *off = calloc((size_t)cap, sizeof *off), *size = calloc((size_t)cap, sizeof *size);
	if (!names || !owned || !off || !size)
		abort();
	uint64_t ps = f->ptr_size ? f->ptr_size : 8, bias = p->absolute ? 0 : p->region_base;
#define ITEM(nm, o, s) (names[n] = (nm), off[n] = (o), size[n++] = (s))
	ITEM("__resume_fn", 0, ps);
	ITEM("__destroy_fn", ps, ps);
	if (f->promise_size)
		ITEM("__promise", p->promise_off, f->promise_size);
	ITEM("__coro_index", p->index_off, p->index_size);
	for (int k = 0; k < f->nalloca + f->nvalue; k++) {
		int isal = k < f->nalloca, id = isal ? k : k - f->nalloca;
		uint64_t o = isal ? p->alloca_off[id] : p->value_off[id];
		if (o == CP_NO_OFFSET)
			continue;
		const char *nm = isal ? f->alloca[id].name : f->value[id].name;
		/* "%7" is no name a debugger can type: "__tmp_7". */
		char buf[64];
		if (!nm || nm[0] == '%') {
			/* (Only the IR name: "%7 (awaiter T)" gives "__tmp_7".) */
			size_t irlen = nm ? strcspn(nm + 1, " ") : 0;
			snprintf(buf, sizeof buf, "__tmp_%.*s", (int)(irlen < 40 ? irlen : 40), nm ? nm + 1 : "");
			for (char *c = buf; *c; c++)
				if (!(*c == '_' || (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
				      (*c >= 'A' && *c <= 'Z')))
					*c = '_';
			nm = owned[n] = strdup(buf);
		}
		ITEM(nm, o + bias, isal ? f->alloca[id].size : f->value[id].size);
	}
#undef ITEM
	coropack_frame_debug(w->fn, w->begin, names, off, size, n, p->frame_size, p->frame_align);
	for (int k = 0; k < n; k++)
		free(owned[k]);
	free(owned);
	free(names);
	free(off);
	free(size);
}

/* Step 4: the resume entry block; returns it, its switch in *sw. */
static LLVMBasicBlockRef resume_entry(lw *w, LLVMValueRef *sw, LLVMBasicBlockRef *unreach)
{
	const cp_func *f = w->f;
	LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(w->cx, w->fn, "resume.entry");
	*unreach = LLVMAppendBasicBlockInContext(w->cx, w->fn, "unreachable");
	LLVMPositionBuilderAtEnd(w->b, *unreach);
	LLVMBuildUnreachable(w->b);
	LLVMPositionBuilderAtEnd(w->b, entry);
	LLVMValueRef ld = LLVMBuildLoad2(w->b, w->idx, faddr(w, w->begin, w->p->index_off, "index.addr"),
	                                 "index");
	LLVMSetAlignment(ld, (unsigned)w->p->index_size);
	*sw = LLVMBuildSwitch(w->b, ld, *unreach, (unsigned)f->nsusp);
	for (int s = 0; s < f->nsusp; s++) {
		LLVMValueRef S = f->susp_ref[s], save = f->save_ref[s];
		LLVMPositionBuilderBefore(w->b, save);
		if (f->susp[s].final)
			mark_done(w, w->begin);
		else
			store_index(w, w->begin, s);
		LLVMReplaceAllUsesWith(save, LLVMConstNull(LLVMTypeOf(save)));
		LLVMInstructionEraseFromParent(save);

		char name[48];
		LLVMBasicBlockRef sbb = LLVMGetInstructionParent(S);
		snprintf(name, sizeof name, "resume.%d", s);
		LLVMBasicBlockRef rbb = coropack_split_block(S, name);
		snprintf(name, sizeof name, "resume.%d.landing", s);
		LLVMBasicBlockRef lbb = coropack_split_block(LLVMGetNextInstruction(S), name);
		LLVMAddCase(*sw, LLVMConstInt(w->idx, (unsigned long long)s, 0), rbb);
		LLVMSetSuccessor(LLVMGetBasicBlockTerminator(sbb), 0, lbb);
		LLVMPositionBuilderBefore(w->b, LLVMGetFirstInstruction(lbb));
		LLVMValueRef phi = LLVMBuildPhi(w->b, w->i8, "");
		LLVMReplaceAllUsesWith(S, phi);
		LLVMValueRef vals[2] = {LLVMConstInt(w->i8, 0xff, 0), S};
		LLVMBasicBlockRef from[2] = {sbb, rbb};
		LLVMAddIncoming(phi, vals, from, 2);
	}
	return entry;
}

/* Everything ending in a ret becomes unreachable (the clones return void). */
static void drop_returns(lw *w, LLVMValueRef fn)
{
	for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b; b = LLVMGetNextBasicBlock(b)) {
		LLVMValueRef t = LLVMGetBasicBlockTerminator(b);
		if (t && LLVMGetInstructionOpcode(t) == LLVMRet) {
			LLVMPositionBuilderBefore(w->b, t);
			LLVMBuildUnreachable(w->b);
			LLVMInstructionEraseFromParent(t);
		}
	}
}

/* Ends the block right after inst with "ret void". */
static void return_after(lw *w, LLVMValueRef inst)
{
	LLVMBasicBlockRef bb = LLVMGetInstructionParent(inst);
	LLVMValueRef next = LLVMGetNextInstruction(inst);
	if (next) {
		coropack_split_block(next, "");
		LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(bb));
	}
	LLVMPositionBuilderAtEnd(w->b, bb);
	LLVMBuildRetVoid(w->b);
}

typedef struct shape {
	cp_vlist ends, sym, ramp_q;
	LLVMBasicBlockRef rentry, unreach;
	LLVMValueRef sw;
} shape;

static LLVMBasicBlockRef map_block(coropack_clone *cl, LLVMBasicBlockRef bb)
{
	return LLVMValueAsBasicBlock(coropack_clone_map(cl, LLVMBasicBlockAsValue(bb)));
}

/* The clone's dispatch on the final suspend: resuming there is undefined
 * (no case for it); destroy and cleanup recognize it by the null resume
 * pointer, as LLVM's split does, unless the index is stored there (an
 * unwind coro.end). */
static void clone_final_case(lw *w, shape *sh, coropack_clone *cl, LLVMValueRef arg, int kind)
{
	if (!w->has_final || (kind != K_RESUME && w->unwind_end))
		return;
	unsigned fin = (unsigned)w->f->nsusp;
	LLVMValueRef nsw = coropack_clone_map(cl, sh->sw);
	LLVMBasicBlockRef fbb = LLVMGetSuccessor(nsw, fin);
	LLVMSetSuccessor(nsw, fin, map_block(cl, sh->unreach));
	if (kind == K_RESUME)
		return;
	LLVMBasicBlockRef swbb = LLVMGetInstructionParent(nsw);
	LLVMBasicBlockRef rest = coropack_split_block(nsw, "Switch");
	LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(swbb));
	LLVMPositionBuilderAtEnd(w->b, swbb);
	LLVMValueRef rf = LLVMBuildLoad2(w->b, w->ptr, arg, "ResumeFn");
	LLVMBuildCondBr(w->b, LLVMBuildIsNull(w->b, rf, ""), fbb, rest);
}

/* In the clone, each coro.suspend answers resume (0) or destroy (1), and
 * each coro.end returns (a fallthrough one) or marks the coroutine done
 * (an unwind one). */
static void clone_suspends_and_ends(lw *w, shape *sh, coropack_clone *cl, LLVMValueRef arg, int kind)
{
	const cp_func *f = w->f;
	LLVMValueRef answer = LLVMConstInt(w->i8, kind == K_RESUME ? 0 : 1, 0);
	for (int s = 0; s < f->nsusp; s++) {
		LLVMValueRef S = coropack_clone_map(cl, f->susp_ref[s]);
		LLVMReplaceAllUsesWith(S, answer);
		LLVMInstructionEraseFromParent(S);
	}
	for (int k = 0; k < sh->ends.n; k++) {
		LLVMValueRef e = coropack_clone_map(cl, sh->ends.v[k]);
		int unwind = LLVMConstIntGetZExtValue(LLVMGetOperand(e, 1)) != 0;
		if (LLVMGetTypeKind(LLVMTypeOf(e)) != LLVMVoidTypeKind)
			LLVMReplaceAllUsesWith(e, LLVMConstInt(LLVMTypeOf(e), 1, 0));
		LLVMPositionBuilderBefore(w->b, e);
		if (unwind) {
			mark_done(w, arg);
			LLVMInstructionEraseFromParent(e);
		} else {
			/* Returns right there; the rest of the block is cut off. */
			LLVMBasicBlockRef bb = LLVMGetInstructionParent(e);
			coropack_split_block(e, "");
			LLVMInstructionEraseFromParent(LLVMGetBasicBlockTerminator(bb));
			LLVMPositionBuilderAtEnd(w->b, bb);
			LLVMBuildRetVoid(w->b);
			LLVMInstructionEraseFromParent(e);
		}
	}
}

/* coro.is_in_ramp is false in the clone, and the branches on it take their
 * false edge: what only the ramp reads (a converted return object) becomes
 * unreachable, as the model's CFG has it (cp_block.succ). coro.free is the
 * frame, or nothing to free in cleanup (the frame was not allocated: heap
 * elision). */
static void clone_ramp_and_free(lw *w, shape *sh, coropack_clone *cl, int kind)
{
	for (int k = 0; k < sh->ramp_q.n; k++) {
		LLVMValueRef q = coropack_clone_map(cl, sh->ramp_q.v[k]);
		cp_vlist brs = {0};
		for (LLVMUseRef u = LLVMGetFirstUse(q); u; u = LLVMGetNextUse(u))
			if (LLVMIsABranchInst(LLVMGetUser(u)))
				cp_vpush(&brs, LLVMGetUser(u));
		LLVMReplaceAllUsesWith(q, LLVMConstInt(LLVMTypeOf(q), 0, 0));
		LLVMInstructionEraseFromParent(q);
		for (int j = 0; j < brs.n; j++)
			coropack_fold_branch(brs.v[j]);
		free(brs.v);
	}
	LLVMValueRef nid = coropack_clone_map(cl, w->id);
	cp_vlist frees = {0};
	for (LLVMUseRef u = LLVMGetFirstUse(nid); u; u = LLVMGetNextUse(u))
		if (!strcmp(cp_callee(LLVMGetUser(u)), "llvm.coro.free"))
			cp_vpush(&frees, LLVMGetUser(u));
	for (int k = 0; k < frees.n; k++) {
		LLVMValueRef fr = frees.v[k];
		LLVMReplaceAllUsesWith(fr, kind == K_CLEANUP ? LLVMConstPointerNull(w->ptr)
		                                             : LLVMGetOperand(fr, 1));
		LLVMInstructionEraseFromParent(fr);
	}
	free(frees.v);
}

/* Step 5 for one clone. Returns 0, or -1 when an argument of the coroutine
 * is still read in it (a value the frame should have held). */
static int make_clone(lw *w, shape *sh, LLVMValueRef nf, int kind, char *why, size_t whylen)
{
	coropack_clone *cl = coropack_clone_body(w->fn, nf);
	LLVMValueRef arg = LLVMGetParam(nf, 0);
	drop_returns(w, nf);
	LLVMBasicBlockRef entry = LLVMInsertBasicBlockInContext(w->cx, LLVMGetFirstBasicBlock(nf), "entry");
	LLVMPositionBuilderAtEnd(w->b, entry);
	LLVMBuildBr(w->b, map_block(cl, sh->rentry));
	coropack_move_stray_allocas(nf, entry);

	LLVMValueRef nbegin = coropack_clone_map(cl, w->begin);
	LLVMReplaceAllUsesWith(nbegin, arg);
	coropack_move_declares(nf, arg, LLVMGetBasicBlockTerminator(entry));

	for (int k = 0; k < sh->sym.n; k++) {
		LLVMValueRef rc = coropack_clone_map(cl, sh->sym.v[k]);
		LLVMSetTailCallKind(rc, LLVMTailCallKindMustTail);
		return_after(w, rc);
	}
	clone_final_case(w, sh, cl, arg, kind);
	clone_suspends_and_ends(w, sh, cl, arg, kind);
	clone_ramp_and_free(w, sh, cl, kind);
	unsigned stray = coropack_remove_unreachable(nf);
	coropack_resume_attrs(nf, w->fn, w->p->frame_size, w->p->frame_align);
	if (coropack_clone_finish(cl))
		return cp_bail(why, whylen, "%s: an argument of the coroutine is read after a suspend",
		            suffix[kind]);
	if (stray)
		return cp_bail(why, whylen, "%s: %u value(s) read after a suspend are not in the frame",
		            suffix[kind], stray);
	return 0;
}

/* The ramp's coro.begin as LLVM's split leaves it: without the call-site
 * noduplicate the front end puts there (it would keep every caller from
 * inlining the ramp, and so from heap elision), returning a noalias,
 * nonnull frame pointer. */
static void ramp_begin_attrs(lw *w)
{
	unsigned nodup = LLVMGetEnumAttributeKindForName("noduplicate", 11);
	LLVMRemoveCallSiteEnumAttribute(w->begin, LLVMAttributeFunctionIndex, nodup);
	const char *ret[] = {"noalias", "nonnull"};
	for (int k = 0; k < 2; k++) {
		unsigned kind = LLVMGetEnumAttributeKindForName(ret[k], strlen(ret[k]));
		LLVMAddCallSiteAttribute(w->begin, LLVMAttributeReturnIndex,
		                         LLVMCreateEnumAttribute(w->cx, kind, 0));
	}
}

/* What lower_in_place added to the module besides fn's body, for undoing
 * it: the three clones, the resumers array. */
typedef struct made {
	LLVMValueRef clone[3], gv;
} made;

/* Moves each alloca's lifetime.start markers where stock's split would sink
 * them (p->live.sunk, segments.h): lower mode replaces that split, and the
 * model starts the alloca there. An alloca that stays on the stack would
 * otherwise be used where its only start is in code the resume function
 * never runs (AddressSanitizer reports stack-use-after-scope). */
static void sink_lifetime_starts(const cp_func *f, const cp_plan *p, LLVMBuilderRef b)
{
	for (int a = 0; a < f->nalloca && p->live.sunk; a++) {
		if (p->live.sunk[a] < 0)
			continue;
		LLVMValueRef al = f->alloca_ref[a], old[16];
		int n = 0;
		for (LLVMUseRef u = LLVMGetFirstUse(al); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef user = LLVMGetUser(u);
			if (cp_calls(user, "llvm.lifetime.start") && n < 16)
				old[n++] = user;
		}
		if (n == 0 || n == 16)
			continue; /* (segments.c sinks none with more than 15) */
		LLVMPositionBuilderBefore(b, (LLVMValueRef)f->inst_ref[p->live.sunk[a]]);
		LLVMValueRef st = LLVMBuildCall2(b, LLVMGetCalledFunctionType(old[0]), LLVMGetCalledValue(old[0]), &al, 1, "");
		LLVMInstructionSetDebugLoc(st, LLVMInstructionGetDebugLoc(old[0]));
		for (int k = 0; k < n; k++)
			LLVMInstructionEraseFromParent(old[k]);
	}
}

/* Declares the resume, destroy and cleanup clones of w->fn (internal,
 * fastcc, void(ptr)), named as LLVM's split names them. */
static void declare_clones(lw *w, LLVMValueRef *clone)
{
	size_t len;
	const char *fname = LLVMGetValueName2(w->fn, &len);
	LLVMTypeRef cty = LLVMFunctionType(LLVMVoidTypeInContext(w->cx), &w->ptr, 1, 0);
	for (int k = 0; k < 3; k++) {
		char *nm = malloc(len + 16);
		if (!nm)
			abort();
		snprintf(nm, len + 16, "%.*s.%s", (int)len, fname, suffix[k]);
		clone[k] = LLVMAddFunction(w->m, nm, cty);
		free(nm);
		LLVMSetLinkage(clone[k], LLVMInternalLinkage);
		LLVMSetFunctionCallConv(clone[k], LLVMFastCallConv);
	}
}

/* Step 3: the ramp stores the resume function at the frame's start and
 * the destroy function (cleanup when coro.alloc said no allocation) after
 * it. */
static void store_resumers(lw *w, LLVMValueRef *clone)
{
	LLVMPositionBuilderBefore(w->b, LLVMGetNextInstruction(w->begin));
	LLVMBuildStore(w->b, clone[K_RESUME], w->begin);
	LLVMValueRef dfn = clone[K_DESTROY];
	for (LLVMUseRef u = LLVMGetFirstUse(w->id); u; u = LLVMGetNextUse(u))
		if (!strcmp(cp_callee(LLVMGetUser(u)), "llvm.coro.alloc")) {
			dfn = LLVMBuildSelect(w->b, LLVMGetUser(u), clone[K_DESTROY], clone[K_CLEANUP], "");
			break;
		}
	uint64_t ps = w->f->ptr_size ? w->f->ptr_size : 8;
	LLVMBuildStore(w->b, dfn, faddr(w, w->begin, ps, "destroy.addr"));
}

/* Step 6, the ramp: coro.end returns (an unwind one marks the coroutine
 * done first), coro.is_in_ramp is true, coro.id names the clones (the
 * "<name>.resumers" array heap elision reads), and the function is no
 * longer a pre-split coroutine. */
static void finish_ramp(lw *w, shape *sh, made *mk)
{
	for (int k = 0; k < sh->ends.n; k++) {
		LLVMValueRef e = sh->ends.v[k];
		if (LLVMConstIntGetZExtValue(LLVMGetOperand(e, 1))) {
			LLVMPositionBuilderBefore(w->b, e);
			mark_done(w, w->begin);
		}
		if (LLVMGetTypeKind(LLVMTypeOf(e)) != LLVMVoidTypeKind)
			LLVMReplaceAllUsesWith(e, LLVMConstInt(LLVMTypeOf(e), 0, 0));
		LLVMInstructionEraseFromParent(e);
	}
	for (int k = 0; k < sh->ramp_q.n; k++) {
		LLVMReplaceAllUsesWith(sh->ramp_q.v[k], LLVMConstInt(LLVMTypeOf(sh->ramp_q.v[k]), 1, 0));
		LLVMInstructionEraseFromParent(sh->ramp_q.v[k]);
	}
	size_t len;
	const char *fname = LLVMGetValueName2(w->fn, &len);
	char gname[512];
	snprintf(gname, sizeof gname, "%.*s.resumers", (int)(len < 480 ? len : 480), fname);
	LLVMValueRef gv = mk->gv = LLVMAddGlobal(w->m, LLVMArrayType2(w->ptr, 3), gname);
	LLVMSetInitializer(gv, LLVMConstArray2(w->ptr, mk->clone, 3));
	LLVMSetGlobalConstant(gv, 1);
	LLVMSetLinkage(gv, LLVMPrivateLinkage);
	LLVMSetOperand(w->id, 3, gv);
	LLVMRemoveEnumAttributeAtIndex(w->fn, LLVMAttributeFunctionIndex,
	                               LLVMGetEnumAttributeKindForName("presplitcoroutine", 17));
	ramp_begin_attrs(w);
}

/* Steps 1-6 on fn itself; on failure fn is half lowered (cp_lower puts it
 * back). */
static int lower_in_place(LLVMValueRef fn, const cp_func *f, const cp_plan *p, cp_lowered *out,
                          made *mk, char *why, size_t whylen)
{
	lw w = {.fn = fn, .f = f, .p = p, .begin = f->begin_ref};
	w.m = LLVMGetGlobalParent(fn);
	w.cx = LLVMGetModuleContext(w.m);
	w.i8 = LLVMInt8TypeInContext(w.cx);
	w.i64 = LLVMInt64TypeInContext(w.cx);
	w.ptr = LLVMPointerTypeInContext(w.cx, 0);
	w.idx = LLVMIntTypeInContext(w.cx, (unsigned)(8 * p->index_size));
	w.id = LLVMGetOperand(w.begin, 0);
	w.has_final = f->susp[f->nsusp - 1].final;

	/* 1. */
	w.b = LLVMCreateBuilderInContext(w.cx);
	sink_lifetime_starts(f, p, w.b);
	if (cp_rewrite_at(fn, f, p, w.begin, why, whylen)) {
		LLVMDisposeBuilder(w.b);
		return -1;
	}

	/* The clones, declared now: the ramp stores their addresses. */
	LLVMValueRef *clone = mk->clone;
	declare_clones(&w, clone);

	/* 2. */
	place_promise(&w);
	replace_calls(fn, "llvm.coro.frame", frame_of, &w);
	lower_promises(&w);
	shape sh = {0};
	lower_awaits(&w, &sh.sym);
	replace_calls(fn, "llvm.coro.size.", size_of, &w);
	replace_calls(fn, "llvm.coro.align.", align_of, &w);

	/* 3. */
	store_resumers(&w, clone);
	frame_debug(&w);

	/* 4. */
	find_calls(fn, "llvm.coro.end", &sh.ends);
	for (int k = 0; k < sh.ends.n; k++)
		w.unwind_end |= LLVMConstIntGetZExtValue(LLVMGetOperand(sh.ends.v[k], 1)) != 0;
	sh.rentry = resume_entry(&w, &sh.sw, &sh.unreach);
	find_calls(fn, "llvm.coro.is_in_ramp", &sh.ramp_q);

	/* 5. */
	int rc = 0;
	for (int k = 0; k < 3 && rc == 0; k++)
		rc = make_clone(&w, &sh, clone[k], k, why, whylen);

	/* 6. */
	finish_ramp(&w, &sh, mk);
	if (coropack_remove_unreachable(fn) && rc == 0)
		rc = cp_bail(why, whylen, "ramp: a value is read outside the blocks that define it");

	free(sh.ends.v);
	free(sh.sym.v);
	free(sh.ramp_q.v);
	LLVMDisposeBuilder(w.b);
	if (rc)
		return -1;
	out->resume = clone[K_RESUME];
	out->destroy = clone[K_DESTROY];
	out->cleanup = clone[K_CLEANUP];
	out->size = p->frame_size;
	out->align = p->frame_align;
	return 0;
}

int cp_lower(LLVMValueRef fn, const cp_func *f, const cp_plan *p, cp_lowered *out, char *why,
             size_t whylen)
{
	if (cp_lower_check(fn, f, p, why, whylen))
		return -1;
	coropack_backup *bk = coropack_backup_take(fn);
	made mk = {{NULL, NULL, NULL}, NULL};
	int rc = lower_in_place(fn, f, p, out, &mk, why, whylen);
	/* For the tests of the way back (tests/lit/lower/restore.cpp): a
	 * late failure on demand. */
	if (rc == 0 && getenv("COROPACK_TEST_FAIL_LOWERING"))
		rc = cp_bail(why, whylen, "COROPACK_TEST_FAIL_LOWERING is set");
	if (rc == 0)
		rc = coropack_verify_function(fn, why, whylen);
	for (int k = 0; k < 3 && rc == 0; k++)
		rc = coropack_verify_function(mk.clone[k], why, whylen);
	if (rc == 0) {
		coropack_backup_drop(bk);
		return 0;
	}
	/* fn first: its body refers to the array, which refers to the clones. */
	coropack_backup_restore(bk, fn);
	if (mk.gv)
		LLVMDeleteGlobal(mk.gv);
	for (int k = 0; k < 3; k++)
		if (mk.clone[k])
			coropack_erase_function(mk.clone[k]);
	return -1;
}
