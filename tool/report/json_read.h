/* The schema checks of cp_report_read_json (tool/report/report_json.c) on values
 * jansson has parsed, shared with the report sets (tool/report/set.c) so that both
 * accept the same reports with the same messages. Requires values from
 * json_load* with JSON_REJECT_DUPLICATES; produces the model (frame.h) or a
 * one-line message "path: key.path: text" in err.
 *
 * Ownership: the checks borrow the JSON values; what they fill (a zeroed
 * cp_coroutine) belongs to the caller, who releases it with
 * cp_coroutine_clear, also after a failure. */
#ifndef COROPACK_JSON_READ_H
#define COROPACK_JSON_READ_H

#include <stddef.h>

#include <jansson.h>

#include "coropack/frame.h"

#define CP_JSON_LOAD JSON_REJECT_DUPLICATES /* the flags every reader loads with */

typedef struct cp_jread {
	const char *path; /* named at the start of every message */
	char *err;
	size_t errlen;
} cp_jread;

/* The top level but its "coroutines": an object, "schema_version" this
 * coropack reads, "source" a string or null. Sets *source to the source
 * (NULL for null; borrowed from root). Returns 0 or -1. */
int cp_jread_top(cp_jread *d, json_t *root, const char **source);

/* root["coroutines"], an array. Returns 0 or -1. */
int cp_jread_coroutines(cp_jread *d, json_t *root, json_t **arr);

/* Coroutine i of the report (named "coroutines[i]" in messages) into c,
 * which must be zeroed. Returns 0 or -1. */
int cp_jread_coroutine(cp_jread *d, json_t *o, size_t i, cp_coroutine *c);

/* "path:line:column: text" (or "path: text") for a failed json_load*;
 * rerr: an errno from reading the file, or 0. */
void cp_jread_syntax(const char *path, const json_error_t *je, int rerr, char *err, size_t errlen);

#endif
