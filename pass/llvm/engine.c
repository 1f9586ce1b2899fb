/* The whole analysis of a file (engine.h): load, verify, then run LLVM's
 * pipeline with the collect hooks (collect.h) around every coro-split. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <coropack/engine.h>
#include "collect.h"
#include "shim.h"

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

/* Files that stat cannot size (pipes, devices, /proc) are read as a
 * stream, up to this many bytes: /dev/zero is no input. */
#define MAX_STREAM (1u << 30)

/* The file's bytes in *buf, or -1 with a one-line message. */
static int load(const char *path, LLVMMemoryBufferRef *buf, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return fail(err, errlen, path, "cannot read", strerror(errno));
	if (S_ISDIR(st.st_mode))
		return fail(err, errlen, path, "is a directory, not LLVM IR", NULL);
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		char *msg = NULL;
		if (LLVMCreateMemoryBufferWithContentsOfFile(path, buf, &msg)) {
			fail(err, errlen, path, "cannot read", msg);
			LLVMDisposeMessage(msg);
			return -1;
		}
		return 0;
	}
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(err, errlen, path, "cannot read", strerror(errno));
	size_t n = 0, cap = 1 << 16;
	char *data = malloc(cap);
	int rc = data ? 0 : fail(err, errlen, path, "cannot read", "out of memory");
	while (rc == 0) {
		if (n == cap) {
			char *more = cap < MAX_STREAM ? realloc(data, cap * 2) : NULL;
			if (!more) {
				rc = fail(err, errlen, path, cap < MAX_STREAM ? "cannot read" : "is not LLVM IR",
				          cap < MAX_STREAM ? "out of memory" : "more than 1 GiB from a stream");
				break;
			}
			data = more, cap *= 2;
		}
		size_t got = fread(data + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				rc = fail(err, errlen, path, "cannot read", strerror(errno));
			break;
		}
	}
	fclose(f);
	if (rc == 0 && n == 0)
		rc = fail(err, errlen, path, "empty file, not LLVM IR", NULL);
	if (rc == 0)
		*buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(data, n, path);
	free(data);
	return rc;
}

int cp_report_file(const char *path, const cp_run_options *o, cp_report *out, char *err, size_t errlen)
{
	char *msg = NULL;
	LLVMMemoryBufferRef buf;
	if (load(path, &buf, err, errlen))
		return -1;
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
	cp_collect k = {.out = out, .level = o->level, .mode = o->mode == CP_MODE_OFF ? CP_MODE_REPORT : o->mode,
	                .function = o->function, .dump = o->dump_liveness, .truth = 1,
	                .graph = 1};
	char *perr = NULL;
	int rc = coropack_run_pipeline(m, pipeline, o->level, cp_collect_before, cp_collect_after,
	                               o->mode == CP_MODE_LOWER ? cp_collect_lower : NULL, &k, &perr);
	if (rc != 0) {
		fail(err, errlen, path, "cannot run the pipeline", perr);
		free(perr);
	} else if (o->function && !k.matched) {
		snprintf(err, errlen, "%s: no coroutine named '%s'", path, o->function);
		rc = -1;
	}
	cp_collect_free(&k);
	LLVMDisposeModule(m);
	LLVMContextDispose(cx);
	return rc;
}
