/* The whole analysis of a file (engine.h): load, verify, run LLVM's pipeline
 * with hooks around coro-split, analyze before, measure stock after.
 *
 * The stock size is what LLVM's own split computes for llvm.coro.size: a
 * probe (a volatile store of llvm.coro.size to a private global) is placed
 * right after llvm.coro.begin before the split and read back after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <coropack/engine.h>
#include "analyze.h"
#include "ir.h"
#include "shim.h"

typedef struct probe {
	LLVMValueRef fn, size, align; /* size, align: the probe globals */
	size_t coro;                  /* index in the report */
} probe;

typedef struct run {
	const cp_run_options *o;
	cp_report *out;
	probe *probes;
	size_t nprobe, cap;
	int matched;
} run;

static int name_matches(const char *want, const char *name, const char *dem)
{
	if (!strcmp(want, name) || (dem && !strcmp(want, dem)))
		return 1;
	if (!dem)
		return 0;
	/* "ns::f" matches "ns::f(int)". */
	size_t n = strlen(want);
	return !strncmp(dem, want, n) && dem[n] == '(';
}

static LLVMValueRef find_coro_begin(LLVMValueRef fn)
{
	unsigned id = LLVMLookupIntrinsicID("llvm.coro.begin", 15);
	for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b; b = LLVMGetNextBasicBlock(b))
		for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
			if (!LLVMIsACallInst(i))
				continue;
			LLVMValueRef callee = LLVMGetCalledValue(i);
			if (callee && LLVMIsAFunction(callee) && LLVMGetIntrinsicID(callee) == id)
				return i;
		}
	return NULL;
}

/* A volatile store of llvm.coro.{size,align}.i64 right after coro.begin. */
static LLVMValueRef add_probe(LLVMValueRef fn, LLVMValueRef begin, const char *what, size_t k)
{
	LLVMModuleRef m = LLVMGetGlobalParent(fn);
	LLVMContextRef cx = LLVMGetModuleContext(m);
	LLVMTypeRef i64 = LLVMInt64TypeInContext(cx);
	char name[64], intr[32];
	snprintf(name, sizeof name, "__coropack_probe_%s_%zu", what, k);
	snprintf(intr, sizeof intr, "llvm.coro.%s", what);
	LLVMValueRef g = LLVMAddGlobal(m, i64, name);
	LLVMSetLinkage(g, LLVMPrivateLinkage);
	LLVMSetInitializer(g, LLVMConstInt(i64, 0, 0));
	LLVMValueRef decl = LLVMGetIntrinsicDeclaration(m, LLVMLookupIntrinsicID(intr, strlen(intr)), &i64, 1);
	LLVMBuilderRef bld = LLVMCreateBuilderInContext(cx);
	LLVMValueRef next = LLVMGetNextInstruction(begin);
	LLVMPositionBuilderBefore(bld, next);
	LLVMValueRef v = LLVMBuildCall2(bld, LLVMGlobalGetValueType(decl), decl, NULL, 0, "");
	LLVMValueRef st = LLVMBuildStore(bld, v, g);
	LLVMSetVolatile(st, 1);
	LLVMDisposeBuilder(bld);
	return g;
}

/* The constant stored to a probe after the split, or 0; removes the store. */
static uint64_t read_probe(LLVMValueRef g)
{
	uint64_t v = 0;
	for (LLVMUseRef u = LLVMGetFirstUse(g); u;) {
		LLVMValueRef st = LLVMGetUser(u);
		u = LLVMGetNextUse(u);
		if (!LLVMIsAStoreInst(st))
			continue;
		LLVMValueRef c = LLVMGetOperand(st, 0);
		if (LLVMIsAConstantInt(c))
			v = LLVMConstIntGetZExtValue(c);
		LLVMInstructionEraseFromParent(st);
	}
	return v;
}

static void before_split(void *vctx, LLVMValueRef fn)
{
	run *r = vctx;
	if (!cp_ir_is_coroutine(fn))
		return;
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	char *dem = coropack_demangle(nm);
	int want = !r->o->function || name_matches(r->o->function, nm, dem);
	free(dem);
	if (!want)
		return;
	r->matched++;

	cp_coroutine *c = cp_report_add(r->out);
	size_t k = r->out->ncoros - 1;
	cp_func f;
	char why[256] = "";
	if (cp_ir_build(fn, &f, why, sizeof why) != 0) {
		char buf[300];
		snprintf(buf, sizeof buf, "stock: %s", why);
		c->name = cp_strdup(nm);
		c->demangled = cp_strdup(f.demangled);
		c->level = r->o->level;
		c->status = cp_strdup(buf);
	} else {
		cp_analyze(&f, r->o->level, NULL, c);
	}
	cp_func_free(&f);

	LLVMValueRef begin = find_coro_begin(fn);
	if (!begin || !LLVMGetNextInstruction(begin))
		return;
	if (r->nprobe == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->probes = realloc(r->probes, r->cap * sizeof *r->probes);
		if (!r->probes)
			abort();
	}
	r->probes[r->nprobe++] = (probe){fn, add_probe(fn, begin, "size", k),
	                                 add_probe(fn, begin, "align", k), k};
}

static void after_split(void *vctx, LLVMValueRef fn)
{
	run *r = vctx;
	for (size_t i = 0; i < r->nprobe; i++) {
		probe *p = &r->probes[i];
		if (p->fn != fn || !p->size)
			continue;
		cp_coroutine *c = &r->out->coros[p->coro];
		c->stock_size = read_probe(p->size);
		uint64_t al = read_probe(p->align);
		if (!c->packed_size) {
			/* Left as stock: its frame is the stock frame. */
			c->packed_size = c->stock_size;
			c->lower_bound = 0;
			c->align = al;
		}
		p->size = p->align = NULL;
	}
}

/* Front-end IR: some llvm.coro.id still lacks its coroutine operand, which
 * coro-early fills in. */
static int is_frontend(LLVMModuleRef m)
{
	unsigned id = LLVMLookupIntrinsicID("llvm.coro.id", 12);
	for (LLVMValueRef fn = LLVMGetFirstFunction(m); fn; fn = LLVMGetNextFunction(fn)) {
		if (LLVMIsDeclaration(fn))
			continue;
		for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b; b = LLVMGetNextBasicBlock(b))
			for (LLVMValueRef i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
				if (!LLVMIsACallInst(i))
					continue;
				LLVMValueRef callee = LLVMGetCalledValue(i);
				if (callee && LLVMIsAFunction(callee) && LLVMGetIntrinsicID(callee) == id &&
				    LLVMIsNull(LLVMGetOperand(i, 2)))
					return 1;
			}
	}
	return 0;
}

static int fail(char *err, size_t n, const char *path, const char *what, const char *msg)
{
	/* One line: cut LLVM's message at its first newline. */
	size_t len = msg ? strcspn(msg, "\n") : 0;
	snprintf(err, n, "%s: %s%s%.*s", path, what, msg ? ": " : "", (int)len, msg ? msg : "");
	return -1;
}

int cp_report_file(const char *path, const cp_run_options *o, cp_report *out, char *err, size_t errlen)
{
	char *msg = NULL;
	LLVMMemoryBufferRef buf;
	if (LLVMCreateMemoryBufferWithContentsOfFile(path, &buf, &msg)) {
		fail(err, errlen, path, "cannot read", msg);
		LLVMDisposeMessage(msg);
		return -1;
	}
	if (LLVMGetBufferSize(buf) == 0) {
		LLVMDisposeMemoryBuffer(buf);
		return fail(err, errlen, path, "empty file, not LLVM IR", NULL);
	}
	LLVMContextRef cx = LLVMContextCreate();
	LLVMModuleRef m;
	if (LLVMParseIRInContext(cx, buf, &m, &msg)) {
		/* The parser's message starts with "<buffer>:line:col: ". */
		const char *p = msg && !strncmp(msg, path, strlen(path)) ? msg + strlen(path) + 1 : msg;
		fail(err, errlen, path, "not valid LLVM IR", p);
		LLVMDisposeMessage(msg);
		LLVMContextDispose(cx);
		return -1;
	}
	if (LLVMVerifyModule(m, LLVMReturnStatusAction, &msg)) {
		fail(err, errlen, path, "IR fails the verifier", msg);
		LLVMDisposeMessage(msg);
		LLVMDisposeModule(m);
		LLVMContextDispose(cx);
		return -1;
	}
	LLVMDisposeMessage(msg);

	if (!out->source)
		out->source = cp_strdup(path);
	int front = o->input == CP_INPUT_FRONTEND || (o->input == CP_INPUT_AUTO && is_frontend(m));
	char pipeline[64];
	if (front)
		snprintf(pipeline, sizeof pipeline, "default<O%d>", o->level);
	else
		snprintf(pipeline, sizeof pipeline, "cgscc(coro-split%s)", o->level ? "<reuse-storage>" : "");
	run r = {.o = o, .out = out};
	char *perr = NULL;
	int rc = coropack_run_pipeline(m, pipeline, o->level, before_split, after_split, &r, &perr);
	if (rc != 0) {
		fail(err, errlen, path, "cannot run the pipeline", perr);
		free(perr);
	} else if (o->function && !r.matched) {
		snprintf(err, errlen, "%s: no coroutine named '%s'", path, o->function);
		rc = -1;
	}
	free(r.probes);
	LLVMDisposeModule(m);
	LLVMContextDispose(cx);
	return rc;
}
