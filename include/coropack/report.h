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

/* JSON, schema version CP_SCHEMA_VERSION, sorted keys, two-space indent,
 * ending in a newline. Returns 0, or -1 on a write error, on a required
 * string (item name and type, coroutine name and status) that is NULL or
 * not UTF-8, or on a size above INT64_MAX. */
int cp_report_write_json(const cp_report *r, FILE *out);

/* Reads a file written by cp_report_write_json into *out, which must be
 * zeroed. Unknown keys are ignored (schema versions only grow by additions);
 * the derived keys "holes" and "variants" are checked to be arrays and
 * otherwise ignored; conflict matrices stay NULL (they are not in the
 * schema). Returns 0, or -1 with *out left empty and a one-line message in
 * err: "path:line:column: ..." for JSON syntax errors, "path: key.path: ..."
 * for schema errors. */
int cp_report_read_json(const char *path, cp_report *out, char *err, size_t errlen);

#define CP_TEXT_HEX 1u /* offsets in hexadecimal */

/* Per coroutine: a pahole-style layout (items by offset, holes inline,
 * overlapping items grouped in a union, footer with sizes), then a
 * rustc-style view of each state. Deterministic. Returns 0, or -1 on a
 * write or allocation error. */
int cp_report_write_text(const cp_report *r, FILE *out, unsigned flags);

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

#endif
