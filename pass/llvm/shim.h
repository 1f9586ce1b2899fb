/* The few things llvm-c lacks, as C functions over llvm-c handles,
 * implemented in glue.cpp. Prefixed coropack_ so that they never collide
 * with a future LLVM* name.
 *
 * Ownership: returned strings are malloc'd; the caller frees them. */
#ifndef COROPACK_SHIM_H
#define COROPACK_SHIM_H

#include <stdint.h>
#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Nonzero when the call may capture its argument argno (no captures(none)). */
int coropack_call_captures(LLVMValueRef call, unsigned argno);

/* Source variable of a value or alloca from its debug records, or NULL;
 * *line gets the declaration line (0 when unknown), *file its file (static
 * within the module's lifetime, may be NULL). */
char *coropack_debug_var(LLVMValueRef v, unsigned *line, const char **file);

/* "%name" or "%17" as LLVM prints the value as an operand. Numbering a
 * function is linear in its size: open one namer per function. */
typedef struct coropack_namer coropack_namer;
coropack_namer *coropack_namer_new(LLVMValueRef fn);
char *coropack_operand_name(coropack_namer *n, LLVMValueRef v);
void coropack_namer_free(coropack_namer *n);

/* Demangled C++ name, or NULL when the name is not mangled. */
char *coropack_demangle(const char *name);

/* Dominance within one function (llvm::DominatorTree). */
typedef struct coropack_domtree coropack_domtree;
coropack_domtree *coropack_domtree_new(LLVMValueRef fn);
/* Nonzero when def (an instruction or argument) dominates instruction use. */
int coropack_dominates(coropack_domtree *dt, LLVMValueRef def, LLVMValueRef use);
void coropack_domtree_free(coropack_domtree *dt);
/* Nonzero when block b is reachable from the entry (in the tree). */
int coropack_reachable(coropack_domtree *dt, LLVMBasicBlockRef b);
/* The nearest block dominating both a and b (both reachable); b's immediate dominator (NULL
 * for the entry block). */
LLVMBasicBlockRef coropack_common_dominator(coropack_domtree *dt, LLVMBasicBlockRef a,
                                           LLVMBasicBlockRef b);
LLVMBasicBlockRef coropack_idom(coropack_domtree *dt, LLVMBasicBlockRef b);
/* Nonzero when every loop (llvm::LoopInfo) around block to also holds
 * block from: code moved from from to to runs no more often. */
int coropack_no_new_loop(coropack_domtree *dt, LLVMBasicBlockRef to, LLVMBasicBlockRef from);
/* Splits the critical edge from -> to (all of them, when a switch has
 * several) with a new block, keeping dt and its loops current; NULL when
 * the edge is not critical or cannot be split (an EH pad, an invoke). */
LLVMBasicBlockRef coropack_split_edge(coropack_domtree *dt, LLVMBasicBlockRef from,
                                     LLVMBasicBlockRef to);
/* Moves inst before before, with the dbg_value records right after inst
 * that describe it. */
void coropack_move_before(LLVMValueRef inst, LLVMValueRef before);
/* Erases inst when it is trivially dead (no uses, no side effects), its
 * debug records salvaged as LLVM's dead-code passes do; 1 if erased. */
int coropack_erase_if_dead(LLVMValueRef inst);

/* Rewrites every use of v to the definition reaching it among v itself and
 * defs[0..n) (same type, inserted anywhere in v's function), inserting
 * phis where they merge (llvm::SSAUpdater, with in-block order respected).
 * dt: of v's function, with no edge changed since it was made. */
void coropack_ssa_update(coropack_domtree *dt, LLVMValueRef v, LLVMValueRef *defs, unsigned n);

/* Debug records. Points the dbg_declare records of alloca a at base plus
 * offset bytes. */
void coropack_debug_retarget(LLVMValueRef a, LLVMValueRef base, uint64_t offset);
/* When exactly one dbg_value describes a variable with v and no other record
 * describes that variable, describes it with def right after def as well. */
void coropack_debug_copy_value(LLVMValueRef v, LLVMValueRef def);

/* Called with each pre-split coroutine right before and right after LLVM's
 * CoroSplitPass processes it (and with a scratch copy, see below). */
typedef void (*coropack_split_hook)(void *ctx, LLVMValueRef fn);

/* What a trial's copy of a function holds for the original's values. */
typedef struct coropack_vmap coropack_vmap;
/* The copy of orig (an argument, block or instruction of the function a
 * trial copied), or NULL. */
LLVMValueRef coropack_vmap_lookup(const coropack_vmap *map, LLVMValueRef orig);
/* Rewrites copy, a trial's copy of a coroutine; map leads from the
 * original's values to the copy's. */
typedef void (*coropack_trial_hook)(void *ctx, LLVMValueRef copy, const coropack_vmap *map);

/* The frame LLVM 22's coro-split (reuse-storage when level > 0) builds for a
 * copy of the pre-split coroutine fn in a scratch module, after prepare (if
 * not NULL) has rewritten the copy: with prepare NULL, what stock LLVM
 * allocates. 0 when that fails. Leaves fn untouched.
 *
 * detach[0..ndetach) are allocas of fn that LLVM's split surely leaves on
 * the stack (cp_live's astack): after prepare, their copies become globals
 * of the scratch module. The frame is the same, and the split no longer
 * compares every pair of their uses (quadratic in the uses: exn.slot and
 * ehselector.slot at -O0 have two in every landing pad). */
uint64_t coropack_trial_frame_size(LLVMValueRef fn, int level, coropack_trial_hook prepare, void *ctx,
                                   const LLVMValueRef *detach, size_t ndetach);

/* Lower mode's hook: lowers the pre-split coroutine fn and returns 1 with
 * its resume, destroy and cleanup functions in out[0..2], or leaves it
 * pre-split (LLVM's coro-split then takes it) and returns 0, or -1 when its
 * body was put back from a copy (the same IR in new objects: analyses of fn
 * are stale). */
typedef int (*coropack_lower_hook)(void *ctx, LLVMValueRef fn, LLVMValueRef *out);

/* Runs the textual pipeline (e.g. "default<O2>") over the module the way
 * clang would for the given level (target machine for the module's triple,
 * clang's tuning options), calling the hooks around every coro-split. With
 * lower set, lower mode's pass runs where the plugin puts it (for a
 * "default<On>" pipeline) or first (for any other pipeline).
 * Returns 0, or -1 with *err set (malloc'd) when the pipeline does not parse
 * or the target is unknown. */
int coropack_run_pipeline(LLVMModuleRef m, const char *pipeline, int level,
                          coropack_split_hook before, coropack_split_hook after,
                          coropack_lower_hook lower, void *ctx, char **err);


/* Lower mode (lower.c); implemented in lower_glue.cpp. */

/* Splits inst's block before inst (llvm::BasicBlock::splitBasicBlock): the
 * old block ends with a branch to the new one, which starts at inst. */
LLVMBasicBlockRef coropack_split_block(LLVMValueRef inst, const char *name);

/* Clones the body of from into into (a function with no body): arguments
 * of from become placeholders, blocks and instructions are mapped. */
typedef struct coropack_clone coropack_clone;
coropack_clone *coropack_clone_body(LLVMValueRef from, LLVMValueRef into);
/* The clone of v (an instruction, or a block as a value) as it was cloned;
 * NULL if none. The map does not follow later changes: asking for the clone
 * of something since erased from the clone is a use after free. */
LLVMValueRef coropack_clone_map(coropack_clone *c, LLVMValueRef v);
/* Frees the clone map; returns how many argument placeholders were still
 * used (they are then replaced by poison): each is a miscompile. */
unsigned coropack_clone_finish(coropack_clone *c);

/* A copy of fn's body and attributes, taken before lowering changes fn:
 * coropack_backup_restore puts fn back as it was (its body's blocks and
 * instructions are new objects: analyses of fn are stale) and frees the
 * backup; coropack_backup_drop only frees it. */
typedef struct coropack_backup coropack_backup;
coropack_backup *coropack_backup_take(LLVMValueRef fn);
void coropack_backup_restore(coropack_backup *b, LLVMValueRef fn);
void coropack_backup_drop(coropack_backup *b);
/* Erases fn (its uses become poison). */
void coropack_erase_function(LLVMValueRef fn);
/* llvm::verifyFunction: 0, or -1 with the function's name and the first
 * line of the verifier's message in why. */
int coropack_verify_function(LLVMValueRef fn, char *why, size_t whylen);

/* llvm::ConstantFoldTerminator on br's block: a branch on a constant
 * becomes unconditional, the dropped successor loses its phi entries. */
void coropack_fold_branch(LLVMValueRef br);
/* llvm::removeUnreachableBlocks; returns how many uses in reachable code
 * read a value defined in a removed block (they become poison): each is a
 * miscompile. */
unsigned coropack_remove_unreachable(LLVMValueRef fn);
/* Moves static allocas that are used but unreachable from fn's entry into
 * entry (fn's new entry block), before its terminator. */
void coropack_move_stray_allocas(LLVMValueRef fn, LLVMBasicBlockRef entry);
/* Moves fn's dbg_declare records whose location is v to right before
 * inst. */
void coropack_move_declares(LLVMValueRef fn, LLVMValueRef v, LLVMValueRef inst);
/* The attributes of a resume/destroy/cleanup function: orig's function
 * attributes (minus presplitcoroutine) and a frame parameter that is
 * nonnull, noundef, aligned to align and dereferenceable for size bytes. */
void coropack_resume_attrs(LLVMValueRef clone, LLVMValueRef orig, uint64_t size, uint64_t align);
/* Debug info for a lowered frame, as LLVM's split gives its own: a structure
 * type "<fn>.coro_frame_ty" of size bytes with one artificial member per
 * frame item (members of items that share bytes overlap) and a variable
 * "__coro_frame" of that type declared at begin's address right after
 * begin. Nothing when fn has no DISubprogram. */
void coropack_frame_debug(LLVMValueRef fn, LLVMValueRef begin, const char *const *names,
                          const uint64_t *offsets, const uint64_t *sizes, int n, uint64_t size,
                          uint64_t align);

/* Nonzero when some call of fn is marked coro_elide_safe. */
int coropack_has_elide_safe_caller(LLVMValueRef fn);


#ifdef __cplusplus
}
#endif

#endif
