/* The whole analysis of a file, for tools: load LLVM IR (text or bitcode),
 * run LLVM's pipeline for the level when the IR comes straight from the
 * front end, analyze every switch-ABI coroutine right before its coro-split,
 * pack its frame, and record what stock LLVM 22 allocates for it.
 *
 * Ownership: results are appended to a caller-owned cp_report.
 * Threads: calls on different reports may run at once on several threads
 * (each call reads its file into a context of its own). */
#ifndef COROPACK_ENGINE_H
#define COROPACK_ENGINE_H

#include <stddef.h>
#include <stdio.h>
#include "frame.h"

typedef enum cp_input {
	CP_INPUT_AUTO,     /* front-end IR when some llvm.coro.id lacks its coroutine
	                    * operand (coro-early has not run), else pre-split IR */
	CP_INPUT_FRONTEND, /* run default<On> (up to and through the split) */
	CP_INPUT_PRESPLIT, /* run only coro-split (reuse-storage at O1+) */
} cp_input;

/* What coropack does to a module: the plugin's COROPACK_MODE, the CLI's
 * --mode. */
typedef enum cp_mode {
	CP_MODE_LOWER,  /* split coroutines itself (lower.h); those it cannot take
	                 * get pack mode (the default) */
	CP_MODE_PACK,   /* rewrite each coroutine right before LLVM's split so that
	                 * the split builds the packed frame */
	CP_MODE_REPORT, /* analyze only; the IR is not changed */
	CP_MODE_OFF,    /* nothing (the plugin only) */
} cp_mode;

/* "lower", "pack", "report", "off", and "" or NULL (lower): 0 and *m, or -1. */
int cp_mode_parse(const char *s, cp_mode *m);

typedef struct cp_run_options {
	int level;             /* 0..3 */
	cp_mode mode;          /* lower, pack or report; off is report */
	cp_input input;
	const char *function;  /* only this coroutine (mangled or demangled name), or NULL */
	FILE *dump_liveness;   /* when set, the liveness stage's text dump goes there */
} cp_run_options;

/* Returns 0, or -1 with a one-line message in err (unreadable file, not IR,
 * IR that fails the verifier, unknown target). */
int cp_report_file(const char *path, const cp_run_options *o, cp_report *out,
                   char *err, size_t errlen);

/* For a process that runs the engine and nothing else (the CLI): LLVM's
 * fatal errors and allocation failures print one line on stderr and exit
 * with status 1 instead of aborting. Call once, before any other call. */
void cp_engine_exit_on_fatal_errors(void);

#endif
