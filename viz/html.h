/* Internal to viz/: escaping for Graphviz HTML-like labels. */
#ifndef COROPACK_VIZ_HTML_H
#define COROPACK_VIZ_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes s escaped for an HTML-like label; past max characters (UTF-8 code
 * points) it writes an ellipsis and stops. SIZE_MAX: no limit. */
void cp_viz_html(FILE *o, const char *s, size_t max);

#endif
