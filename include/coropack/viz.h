/* Pictures of the frame model: Graphviz DOT text (viz/dot.c, no Graphviz
 * library needed) and layouts rendered in-process through Graphviz's gvc
 * (viz/layout.c). Knows nothing of LLVM. Ownership: the writers borrow the
 * report; cp_report_render's *data belongs to the caller (free). Threads:
 * any function may be called from several threads at once; the two that
 * use the Graphviz library, which keeps process-wide state, run one at a
 * time. */
#ifndef COROPACK_VIZ_H
#define COROPACK_VIZ_H

#include <stddef.h>
#include <stdio.h>

#include "coropack/frame.h"

/* One undirected graph with a cluster per coroutine: the conflict graph of
 * its stored items (offset != CP_NO_OFFSET), one node per item with an
 * HTML-like table label (name, size@align, offset), one edge per pair whose
 * bit is set in c->conflict (no edges when it is NULL). The fixed ABI
 * prefix (header and promise) is shaded grey and its edges dashed.
 * Renders with `dot -Tsvg`. Returns 0, or -1 on a write error. */
int cp_report_write_dot(const cp_report *r, FILE *out);

#define CP_PICTURE_HEX 1u /* offsets in hexadecimal (the bit of CP_TEXT_HEX) */

/* The layout picture, one graph, a cluster per coroutine: a table with a
 * column per state (Unresumed, Suspend0.., Returned, headed by its live
 * bytes) and a row per byte range, its offset down the side; a box per
 * stored item in the states where it is live, one color per item, height
 * affine in bytes (one byte stays readable; large frames are scaled down);
 * holes and padding in red, the ABI prefix grey, the suspend index orange.
 * Below the table, the coroutine's conflict graph as cp_report_write_dot
 * draws it, nodes in their boxes' colors, without the edges of the prefix
 * and the index (they conflict with all), replaced by a note above 500
 * edges; without a conflict matrix (reports read from JSON), one derived
 * from the live states, labelled so. As DOT text, or laid out by dot and
 * rendered in-process in a gvc output format ("svg", "png", ...). Return 0,
 * or -1 with a one-line message in err. */
int cp_report_write_picture(const cp_report *r, FILE *out, unsigned flags, char *err, size_t errlen);
int cp_report_render(const cp_report *r, const char *format, unsigned flags, char **data,
	size_t *len, char *err, size_t errlen);

#endif
