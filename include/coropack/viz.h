/* Pictures of the frame model as Graphviz DOT text; knows nothing of LLVM
 * or of the Graphviz libraries. Ownership: the writers borrow the report. */
#ifndef COROPACK_VIZ_H
#define COROPACK_VIZ_H

#include <stdio.h>

#include "coropack/frame.h"

/* One undirected graph with a cluster per coroutine: the conflict graph of
 * its stored items (offset != CP_NO_OFFSET), one node per item with an
 * HTML-like table label (name, size@align, offset), one edge per pair whose
 * bit is set in c->conflict (no edges when it is NULL). The fixed ABI
 * prefix (header and promise) is shaded grey and its edges dashed.
 * Renders with `dot -Tsvg`. Returns 0, or -1 on a write error. */
int cp_report_write_dot(const cp_report *r, FILE *out);

#endif
