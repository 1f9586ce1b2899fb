/* Frame reports: the frame model (frame.h) as JSON (schema in docs/schema.md)
 * and as text in the manner of pahole and rustc -Zprint-type-sizes.
 * Requires a model whose stored items do not overlap when they conflict,
 * and non-NULL names (coroutines, states, items) and item types.
 * Knows nothing of LLVM.
 *
 * Ownership: writers borrow the report; the reader fills a caller-owned
 * cp_report that the caller releases with cp_report_free. */
#ifndef COROPACK_REPORT_H
#define COROPACK_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "coropack/frame.h"

#define CP_JSON_PRETTY 1u /* every key and array element on its own line */

/* JSON, schema version CP_SCHEMA_VERSION, sorted keys, ending in a newline.
 * flags 0: the report form, which the plugin and merge write: the top-level
 * keys on their own lines indented by two spaces, each coroutine one line of
 * compact JSON (no whitespace) indented by four; CP_JSON_PRETTY: two-space
 * indent throughout, as jansson's JSON_INDENT(2). Returns 0, or -1 on a
 * write error, on a required string (item name and type, coroutine name and
 * status) that is NULL or not UTF-8, or on a size above INT64_MAX. */
int cp_report_write_json(const cp_report *r, FILE *out, unsigned flags);

/* Reads a file written by cp_report_write_json into *out, which must be
 * zeroed. Unknown keys are ignored (schema versions only grow by additions);
 * the derived keys "holes" and "variants" are checked to be arrays and
 * otherwise ignored; conflict matrices stay NULL (they are not in the
 * schema). Returns 0, or -1 with *out left empty and a one-line message in
 * err: "path:line:column: ..." for JSON syntax errors, "path: key.path: ..."
 * for schema errors. */
int cp_report_read_json(const char *path, cp_report *out, char *err, size_t errlen);

/* The coroutines of a report file one at a time, in file order, each checked
 * as cp_report_read_json checks it: fn(ctx, c, i) gets coroutine i (borrowed
 * for the call) and returns 0 to go on. Memory: the file's bytes and one
 * coroutine. Returns 0; fn's non-zero result; or -1 with
 * cp_report_read_json's message in err, after fn has seen the coroutines
 * before the error (the top-level keys of a report in the writer's layout are
 * checked first, those of any other layout with the first error). */
typedef int (*cp_report_fn)(void *ctx, const cp_coroutine *c, size_t i);
int cp_report_each(const char *path, cp_report_fn fn, void *ctx, char *err, size_t errlen);

#define CP_TEXT_HEX 1u /* offsets in hexadecimal */

/* Per coroutine: a pahole-style layout (items by offset, holes inline,
 * overlapping items grouped in a union, footer with sizes), then a
 * rustc-style view of each state. A coroutine left stock ("stock: ...")
 * with no stored items has no layout to tell: its footer is its size, stock
 * size and status. Deterministic. Returns 0, or -1 on a write or allocation
 * error. */
int cp_report_write_text(const cp_report *r, FILE *out, unsigned flags);
/* The same for coroutine i of a report alone (a blank line before all but
 * the first), for writing a report as it is read (cp_report_each). */
int cp_report_write_text_coro(const cp_coroutine *c, size_t i, FILE *out, unsigned flags);

/* Layout queries shared by the writers. */
typedef struct cp_range {
	uint64_t offset, size;
} cp_range;

/* Writes to idx (room for c->nitems) the indices of the stored items
 * (offset != CP_NO_OFFSET) sorted by offset, then by index; returns how many. */
size_t cp_frame_sorted(const cp_coroutine *c, size_t *idx);

/* Given the n indices from cp_frame_sorted, writes to h (room for n + 1)
 * the maximal byte ranges of [0, packed_size) covered by no stored item,
 * ascending; the trailing padding, if any, is the last one. Returns how
 * many. */
size_t cp_frame_holes(const cp_coroutine *c, const size_t *idx, size_t n, cp_range *h);

/* --- Build-wide reports: merge, summary, diff ------------------------------
 * Many reports (one per translation unit, 10^5 coroutines and more) seen as
 * one set of coroutines keyed by mangled name, and for internal linkage by
 * mangled name and translation unit (distinct functions of one name). A
 * file is read with jansson and checked by cp_report_read_json's own schema
 * checks (same acceptance, same messages), without keeping the model: each
 * coroutine keeps its sizes, its names and, for merge, its JSON object in
 * the report form.
 *
 * Ownership: a cp_set owns its entries' strings and texts; cp_set_free
 * releases them. A cp_diff borrows the two sets it was built from.
 * Threads: nothing here is shared between sets, reports or diffs;
 * different ones may be used on different threads at once. */

typedef struct cp_entry {
	const char *name;      /* mangled */
	const char *demangled; /* NULL when not mangled */
	cp_status status;
	const char *detail;    /* the status's detail, or NULL */
	const char *source;    /* internal linkage: the translation unit (the coroutine's
	                          "source", else its report's, else the report's path);
	                          NULL: external */
	uint64_t stock_size;   /* 0 when unknown */
	uint64_t packed_size;
	uint64_t lower_bound;
	int level;
	size_t file;           /* index in files of the copy kept */
	const char *text;      /* that copy's JSON object in the report form (jansson's compact
	                          dump, sorted keys), len bytes; NULL unless keep_text */
	size_t len;
	size_t copies;         /* copies met, this one included */
	uint64_t min_size;     /* smallest packed_size of the copies */
	size_t min_file;       /* where that copy is */
} cp_entry;

typedef struct cp_set {
	int keep_text;  /* set before adding: keep each coroutine's text for cp_set_write_json */
	int threads;    /* set before adding: threads that read files at once (0: one per
	                   online processor; at most 8); the result does not depend on it */
	size_t nfiles;
	char **files;   /* paths read, in order */
	size_t n;
	cp_entry *e;    /* one per key: first met order, by key after cp_set_sort */
	size_t ncopies; /* coroutines read, duplicates included */
	size_t ndisagree; /* names whose copies disagree in size */
	struct cp_set_impl *impl;
} cp_set;

/* Adds a report file, or every *.json directly inside a directory (in name
 * order; none is an error). Of copies of one key the largest packed size
 * (then stock size, then the first met) is kept. Returns 0, or -1 with a
 * one-line message in err ("path: ...", "path:line:column: ..." for JSON
 * syntax); after a failure the set may only be freed. */
int cp_set_add_path(cp_set *s, const char *path, char *err, size_t errlen);

/* cp_set_add_path for each of n paths in turn, with the files of them all
 * read by s->threads threads at once; the set and the message on failure
 * (the first failure in path order) are those of the calls in turn. */
int cp_set_add_paths(cp_set *s, const char *const *paths, size_t n, char *err, size_t errlen);

/* The order of cp_set_sort: by name, then the external entry, then by
 * translation unit (source). */
int cp_entry_keycmp(const cp_entry *a, const cp_entry *b);

void cp_set_sort(cp_set *s);           /* entries by name (strcmp), external first, then source */
/* The entry of name and source (NULL: external linkage), or NULL. */
const cp_entry *cp_set_find(const cp_set *s, const char *name, const char *source);
void cp_set_free(cp_set *s);           /* frees contents, not s itself */

/* One line per key whose copies disagree in packed size (min_size !=
 * packed_size), "coropack: note: ...", in entry order.
 * Returns 0, or -1 on a write error. */
int cp_set_write_notes(const cp_set *s, FILE *out);

/* The merged report: the kept copy of every entry, in entry order, in the
 * report form of cp_report_write_json (flags 0; unknown keys kept), source
 * null. Requires keep_text. Returns 0, or -1 on a write error. */
int cp_set_write_json(const cp_set *s, FILE *out);

typedef enum cp_sort { CP_SORT_PACKED, CP_SORT_STOCK, CP_SORT_SAVED, CP_SORT_NAME } cp_sort;

typedef struct cp_totals {
	size_t n;          /* coroutines */
	size_t nstock;     /* of which status "stock: ..." */
	size_t nunknown;   /* of which stock size unknown: counted as stock = packed */
	uint64_t stock, packed;
	int64_t saved;     /* stock - packed */
} cp_totals;

void cp_set_totals(const cp_set *s, cp_totals *t);

/* Writes to idx (room for s->n) the entry indices in the order of sort:
 * sizes descending, name ascending; ties by name then mangled name. */
void cp_set_order(const cp_set *s, cp_sort sort, size_t *idx);

/* The top entries in the order of sort (top 0: all) and the totals, as an
 * aligned table or as JSON (docs/cli.md). Returns 0, or -1 on a write or
 * allocation error. */
int cp_summary_write(const cp_set *s, FILE *out, cp_sort sort, size_t top, int json);

typedef enum cp_change { CP_GREW, CP_SHRANK, CP_NEW, CP_REMOVED } cp_change;

typedef struct cp_delta {
	const cp_entry *before, *after; /* NULL for a coroutine that appeared / vanished */
	cp_change change;
	int64_t delta;             /* after's packed size - before's (0 for the missing side) */
	int exceeds;               /* growth above the threshold */
} cp_delta;

typedef struct cp_threshold {
	int percent;     /* a percentage of the old size, else bytes */
	double value;    /* bytes or percent; growth must exceed it */
	int total;       /* applies to the total instead of each coroutine */
} cp_threshold;

typedef struct cp_diff {
	size_t n;
	cp_delta *d;      /* changed coroutines: by |delta| descending, then name */
	size_t nsame;     /* in both with the same packed size */
	size_t ngrew, nshrank, nnew, nremoved;
	uint64_t old_total, new_total;
	size_t nexceed;   /* coroutines exceeding the threshold (1 for the total) */
} cp_diff;

/* Parses "BYTES" or "PERCENT%" (non-negative). Returns 0 or -1. */
int cp_threshold_parse(const char *s, cp_threshold *t);

/* Growth beyond t: more than t bytes, or than t percent of the old size; a
 * coroutine that appears grows by its whole size, which exceeds every
 * percentage. */
int cp_threshold_exceeded(const cp_threshold *t, uint64_t old_size, uint64_t new_size, int is_new);

/* Compares two sets sorted by name. Returns 0, or -1 when out of memory. */
int cp_diff_build(const cp_set *before, const cp_set *after, const cp_threshold *t, cp_diff *out);
void cp_diff_free(cp_diff *d);

/* bloaty's manner: percent, delta, old and new sizes, name; a TOTAL row.
 * JSON: docs/cli.md. Returns 0, or -1 on a write error. */
int cp_diff_write_text(const cp_diff *d, FILE *out);
int cp_diff_write_json(const cp_diff *d, const cp_threshold *t, FILE *out);

#endif
