/* The function model: what the liveness stage needs of one pre-split
 * coroutine, as dense integer ids. Built by the IR-access layer (ir.c) from
 * LLVM IR, or by hand in unit tests; knows nothing of LLVM.
 *
 * Ids: blocks 0..nblock-1 (0 is the entry), instructions 0..ninst-1 stored
 * block by block in program order, values 0..nvalue-1 (the SSA values that
 * may need a frame slot: arguments and instructions with a first-class,
 * non-token result other than the coroutine intrinsics that LLVM rebuilds
 * from the frame pointer), allocas 0..nalloca-1 (excluding the promise),
 * suspend points 0..nsusp-1 in LLVM's suspend-index order (final last).
 *
 * Ownership: everything hangs off the function's arena; cp_func_free
 * releases it at once. */
#ifndef COROPACK_FUNC_H
#define COROPACK_FUNC_H

#include <stddef.h>
#include <stdint.h>

typedef enum cp_op {
	CP_OP_OTHER,
	CP_OP_PHI,     /* use[k] flows in from block phi_pred[k] */
	CP_OP_SAVE,    /* llvm.coro.save; slot = suspend id */
	CP_OP_SUSPEND, /* llvm.coro.suspend; slot = suspend id */
	CP_OP_END,     /* llvm.coro.end; unwind says which form */
	CP_OP_LSTART,  /* llvm.lifetime.start; slot = alloca id */
	CP_OP_LEND,    /* llvm.lifetime.end; slot = alloca id */
} cp_op;

typedef struct cp_inst {
	cp_op op;
	int def;      /* value id defined here, or -1 */
	int slot;     /* suspend or alloca id, see cp_op; else -1 */
	int unwind;   /* CP_OP_END: the unwind form (code after it runs in clones) */
	int nuse;
	int *use;     /* value ids read here (values outside the model omitted) */
	int *phi_pred;
} cp_inst;

typedef struct cp_block {
	int first, ninst; /* instructions first..first+ninst-1 */
	int nsucc, npred;
	int *succ, *pred; /* CFG edges as executed by the split clones (edges that
	                   * only the ramp can take, such as the true edge of a
	                   * branch on llvm.coro.is_in_ramp, are left out of succ
	                   * and pred) */
} cp_block;

typedef struct cp_value {
	const char *name, *type, *loc;
	uint64_t size, align;
	int remat;    /* stock LLVM recomputes it after a suspend (cast, GEP,
	               * binary op, compare, select) unless the function is optnone */
	int nop;
	int *op;      /* operand value ids (for the rematerialization closure) */
} cp_value;

typedef struct cp_alloca {
	const char *name, *type, *loc;
	uint64_t size, align;
	int marked;   /* has lifetime markers: live only between start and end */
	int escaped;  /* its address may be captured (stored, passed to a capturing call) */
	int stock_frame; /* stock LLVM puts it in the frame whatever its liveness: a
	                  * lifetime.start reaches a suspend without a lifetime.end
	                  * on the way (SpillUtils.cpp), e.g. on an exception path */
	int byval;    /* a byval argument, not an alloca: its bytes exist at entry
	               * (the caller's copy) and go to the frame at coro.begin,
	               * which counts as a use */
	int nuse;
	int *useinst; /* instructions using the address or an alias of it
	               * (lifetime markers included, uses that only the ramp
	               * runs after a coro.end left out) */
	char *direct; /* per useinst: uses the address itself, not an alias
	               * (NULL: unknown; the split's sinking of lifetime.start,
	               * liveness.c, then leaves the alloca alone) */
	int nlate;    /* uses left out of useinst (after a coro.end) */
} cp_alloca;

typedef struct cp_susp {
	int final;
	int save;     /* instruction id of its llvm.coro.save, or -1 */
	int inst;     /* instruction id of the llvm.coro.suspend */
	const char *loc;
} cp_susp;

typedef struct cp_arena cp_arena;

typedef struct cp_func {
	const char *name, *demangled;
	int optnone;
	int nblock, ninst, nvalue, nalloca, nsusp;
	cp_block *block;
	cp_inst *inst;
	cp_value *value;
	cp_alloca *alloca;
	cp_susp *susp;
	/* The promise and the frame-level facts, from the DataLayout. */
	uint64_t promise_size, promise_align; /* 0 when there is no promise */
	const char *promise_type;
	uint64_t ptr_size;
	uint64_t promise_tyalign; /* ABI alignment of the promise's type */
	/* Opaque IR handles for the IR layer's own use (materialization):
	 * the LLVM values behind value, alloca and suspend ids, and coro.begin.
	 * NULL in models built by hand. */
	void **value_ref, **alloca_ref, **susp_ref, **save_ref;
	void **inst_ref; /* per instruction id */
	void *begin_ref;
	cp_arena *arena;
} cp_func;

/* Arena: bump allocation for one function's model and its analysis. */
cp_arena *cp_arena_new(void);
void *cp_arena_alloc(cp_arena *a, size_t size); /* zeroed, 16-aligned; aborts on OOM */
char *cp_arena_strdup(cp_arena *a, const char *s);
void cp_arena_free(cp_arena *a);
void cp_func_free(cp_func *f);
/* The block holding instruction i (blocks hold consecutive ids; of blocks
 * with no instructions, the last that starts at or before i). */
int cp_func_block_of(const cp_func *f, int i);

#endif
