/* Small helpers shared by the llvm-c files (ir.c, rewrite.c, lower.c,
 * collect.c): a growable list of values, a reason setter, intrinsic calls by
 * name, parameter attributes, linkage. */
#ifndef COROPACK_IRUTIL_H
#define COROPACK_IRUTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Core.h>
#include "grow.h"

typedef struct cp_vlist {
	int n;
	size_t cap;
	LLVMValueRef *v;
} cp_vlist;

static inline void cp_vpush(cp_vlist *l, LLVMValueRef v)
{
	l->v = cp_grow_or_abort(l->v, (size_t)l->n, &l->cap, sizeof *l->v, 8);
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

/* The position of arg among its function's parameters. */
static inline unsigned cp_arg_index(LLVMValueRef arg)
{
	LLVMValueRef fn = LLVMGetParamParent(arg);
	unsigned n = LLVMCountParams(fn);
	for (unsigned i = 0; i < n; i++)
		if (LLVMGetParam(fn, i) == arg)
			return i;
	return 0;
}

/* The align attribute of fn's parameter argno, or 0. */
static inline uint64_t cp_param_align(LLVMValueRef fn, unsigned argno)
{
	LLVMAttributeRef a = LLVMGetEnumAttributeAtIndex(fn, argno + 1, LLVMGetEnumAttributeKindForName("align", 5));
	return a ? LLVMGetEnumAttributeValue(a) : 0;
}

/* Internal or private linkage: each translation unit has its own fn. */
static inline int cp_is_internal(LLVMValueRef fn)
{
	return LLVMGetLinkage(fn) == LLVMInternalLinkage || LLVMGetLinkage(fn) == LLVMPrivateLinkage;
}

#endif
