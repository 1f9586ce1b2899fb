/* IR access: the only stage that reads LLVM IR (through llvm-c).
 *
 * Requires: a function before coro-split (presplitcoroutine, switch ABI).
 * Produces: its cp_func model (func.h), or -1 with a one-line reason when
 * coropack must leave the coroutine as stock LLVM builds it (another ABI, a
 * dynamic alloca, a scalable vector live in the body, ...).
 *
 * Ownership: the model lives in its own arena; release it with cp_func_free,
 * after a failure too (*out then still holds the names, for the report). */
#ifndef COROPACK_IR_H
#define COROPACK_IR_H

#include <stddef.h>
#include <llvm-c/Core.h>
#include "func.h"

int cp_ir_is_coroutine(LLVMValueRef fn);
int cp_ir_build(LLVMValueRef fn, cp_func *out, char *why, size_t whylen);

#endif
