/* The frame model: what one coroutine keeps in its frame, where, and when.
 * Produced by the analysis (pass/core) and by the JSON reader (tool/report);
 * consumed by the report writers. Knows nothing of LLVM.
 *
 * Ownership: a cp_report owns everything reachable from it (strings, arrays,
 * bitsets); cp_report_free releases it all. Setters copy their strings. */
#ifndef COROPACK_FRAME_H
#define COROPACK_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define CP_SCHEMA_VERSION 1
#define CP_NO_OFFSET UINT64_MAX

/* Suspend states, in the manner of rustc's generator variants. */
typedef enum cp_state_kind {
	CP_STATE_UNRESUMED, /* the ramp, before the first suspend point */
	CP_STATE_INITIAL,   /* the initial suspend point */
	CP_STATE_AWAIT,     /* any other non-final suspend point */
	CP_STATE_FINAL,     /* the final suspend point (body finished) */
} cp_state_kind;

typedef struct cp_state {
	char *name; /* "Unresumed", "Suspend0".., "Returned" (the final suspend) */
	cp_state_kind kind;
	char *loc; /* "file:line" of the suspend, or NULL */
} cp_state;

typedef enum cp_item_kind {
	CP_ITEM_HEADER,  /* resume or destroy function pointer (ABI prefix) */
	CP_ITEM_PROMISE, /* the promise, at alignTo(16, align) (ABI prefix) */
	CP_ITEM_INDEX,   /* the suspend index */
	CP_ITEM_VALUE,   /* an SSA value live across a suspend point */
	CP_ITEM_ALLOCA,  /* an alloca whose storage is live across one */
} cp_item_kind;

/* What built a coroutine's frame. The report's "status" string renders it
 * with the detail (docs/schema.md): "packed" or "packed (<detail>)",
 * "lowered" or "lowered (<detail>)", "stock: <detail>". */
typedef enum cp_status {
	CP_STATUS_PACKED,  /* coropack's layout: pack mode's frame, or the plan
	                      (report mode; lower mode when the detail says
	                      "not lowered: ...") */
	CP_STATUS_LOWERED, /* lower mode built coropack's frame itself */
	CP_STATUS_STOCK,   /* LLVM's split built the stock frame; detail: why */
} cp_status;

typedef struct cp_item {
	char *name; /* source name from debug info, else the IR name, else "%N" */
	char *type; /* IR type as printed by LLVM */
	char *loc;  /* "file:line" of the definition, or NULL */
	cp_item_kind kind;
	uint64_t size, align;
	uint64_t offset; /* CP_NO_OFFSET when not stored in the frame */
	int remat;       /* value stock LLVM recomputes after the suspend instead of storing */
	uint64_t *live;  /* bitset over the coroutine's states */
} cp_item;

typedef struct cp_coroutine {
	char *name;      /* the function's (mangled) name */
	char *demangled; /* NULL when not mangled */
	int level;       /* optimization level the layout was computed for */
	uint64_t stock_size;  /* bytes stock LLVM 22 allocates; 0 when unknown */
	uint64_t packed_size; /* bytes with coropack's layout */
	uint64_t lower_bound; /* packed_size == lower_bound: proven optimal */
	uint64_t align; /* frame alignment */
	size_t nstates;
	cp_state *states;
	size_t nitems;
	cp_item *items; /* frame items first in offset order, then rematerialized values */
	uint64_t *conflict; /* nitems rows of cp_bs_words(nitems) words; may be NULL */
	cp_status status;
	char *detail;  /* NULL, or why stock / a note on a packed frame */
	int internal;  /* internal (or private) linkage: each translation unit has its own */
	char *source;  /* internal: the translation unit, or NULL for the report's source */
} cp_coroutine;

typedef struct cp_report {
	char *source; /* input file or module identifier */
	size_t ncoros;
	cp_coroutine *coros;
} cp_report;

/* Allocation helpers; every string argument is copied (NULL stays NULL). */
char *cp_strdup(const char *s);
char *cp_strndup(const char *s, size_t n);            /* the first n bytes of s */
cp_coroutine *cp_report_add(cp_report *r);            /* zeroed, appended */
cp_item *cp_coroutine_add_item(cp_coroutine *c);      /* zeroed, live sized for nstates */
void cp_report_free(cp_report *r);                    /* frees contents, not r itself */
void cp_coroutine_clear(cp_coroutine *c);             /* frees contents, not c itself */

/* The frame is proven optimal: it meets the lower bound (the solver raises
 * the bound to the size when its exact search finishes). The one
 * definition; the report's "optimal" is written from it. */
int cp_coroutine_optimal(const cp_coroutine *c);
/* Sets c's status and a copy of detail (NULL or "" for none). */
void cp_coroutine_set_status(cp_coroutine *c, cp_status st, const char *detail);
/* The report's "status" text of st and detail, in buf (truncated to n). */
const char *cp_status_format(char *buf, size_t n, cp_status st, const char *detail);
/* Parses a "status" text: 0 and *st, *detail (a pointer into s, or NULL),
 * or -1 when s has none of the three forms. */
int cp_status_parse(const char *s, cp_status *st, const char **detail, size_t *detail_len);

const char *cp_item_kind_name(cp_item_kind k);        /* "header", "promise", "index", "value", "alloca" */
const char *cp_state_kind_name(cp_state_kind k);      /* "unresumed", "initial", "await", "final" */

#endif
