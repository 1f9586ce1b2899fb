/* Small helpers shared by the two files that build IR (pack.c, lower.c):
 * a growable list of values, a reason setter, intrinsic calls by name. */
#ifndef COROPACK_IRUTIL_H
#define COROPACK_IRUTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Core.h>

typedef struct cp_vlist {
	int n, cap;
	LLVMValueRef *v;
} cp_vlist;

static inline void cp_vpush(cp_vlist *l, LLVMValueRef v)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 8;
		l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
		if (!l->v)
			abort();
	}
	l->v[l->n++] = v;
}

/* Writes the reason into why and returns -1. */
static inline int cp_bail(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* Name of the function a call or invoke calls directly, or "". */
static inline const char *cp_callee(LLVMValueRef inst)
{
	if (!LLVMIsACallInst(inst) && !LLVMIsAInvokeInst(inst))
		return "";
	LLVMValueRef c = LLVMGetCalledValue(inst);
	if (!c || !LLVMIsAFunction(c))
		return "";
	size_t len;
	return LLVMGetValueName2(c, &len);
}

/* Nonzero when inst calls a function whose name starts with prefix. */
static inline int cp_calls(LLVMValueRef inst, const char *prefix)
{
	return !strncmp(cp_callee(inst), prefix, strlen(prefix));
}

static inline int cp_is_lifetime(LLVMValueRef inst) { return cp_calls(inst, "llvm.lifetime."); }

#endif
