/* The frame model as JSON and back (report.h); the schema is docs/schema.md.
 * The writer emits every key of the schema, derived ones ("holes",
 * "variants", "storage") included; the reader rebuilds the model from the
 * primary keys, so write -> read -> write is the identity on bytes. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bitset.h"
#include "coropack/report.h"
#include "json_read.h"

/* --- writer --------------------------------------------------------------
 * Builders return a new reference or NULL. json_object_set_new and
 * json_array_append_new consume their value and fail on NULL, so each
 * builder ors their results and checks once. */

static json_t *jstr(const char *s) /* NULL becomes null */
{
	return s ? json_string(s) : json_null();
}

static json_t *juint(uint64_t v)
{
	return v > INT64_MAX ? NULL : json_integer((json_int_t)v);
}

static const char *storage(const cp_item *it)
{
	if (it->offset != CP_NO_OFFSET)
		return "stored";
	return it->remat ? "rematerialized" : "none";
}

static json_t *state_json(const cp_state *s)
{
	json_t *o = json_object();
	int e = 0;
	e |= json_object_set_new(o, "name", json_string(s->name));
	e |= json_object_set_new(o, "kind", json_string(cp_state_kind_name(s->kind)));
	e |= json_object_set_new(o, "loc", jstr(s->loc));
	if (e) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *item_json(const cp_coroutine *c, const cp_item *it)
{
	json_t *o = json_object(), *live = json_array();
	int e = 0;
	for (size_t s = 0; s < c->nstates && live; s++)
		if (cp_bs_has(it->live, s))
			e |= json_array_append_new(live, json_string(c->states[s].name));
	e |= json_object_set_new(o, "live_at", live);
	e |= json_object_set_new(o, "name", json_string(it->name));
	e |= json_object_set_new(o, "kind", json_string(cp_item_kind_name(it->kind)));
	e |= json_object_set_new(o, "type", json_string(it->type));
	e |= json_object_set_new(o, "size", juint(it->size));
	e |= json_object_set_new(o, "align", juint(it->align));
	e |= json_object_set_new(o, "offset",
		it->offset == CP_NO_OFFSET ? json_null() : juint(it->offset));
	e |= json_object_set_new(o, "storage", json_string(storage(it)));
	e |= json_object_set_new(o, "loc", jstr(it->loc));
	if (e) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* idx: the n stored items in offset order (cp_frame_sorted). */
static json_t *variant_json(const cp_coroutine *c, size_t s, const size_t *idx, size_t n)
{
	json_t *o = state_json(&c->states[s]), *names = json_array();
	uint64_t bytes = 0;
	int e = 0;
	for (size_t k = 0; k < n && names; k++) {
		const cp_item *it = &c->items[idx[k]];
		if (!cp_bs_has(it->live, s))
			continue;
		e |= json_array_append_new(names, json_string(it->name));
		bytes += it->size;
	}
	e |= json_object_set_new(o, "items", names);
	e |= json_object_set_new(o, "live_bytes", juint(bytes));
	if (e) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* src: the report's source, the translation unit of an internal coroutine
 * that does not name its own. */
static json_t *coro_json(const cp_coroutine *c, const char *src)
{
	size_t *idx = malloc((c->nitems + 1) * sizeof *idx);
	cp_range *h = malloc((c->nitems + 1) * sizeof *h);
	json_t *o = json_object(), *items = json_array(), *holes = json_array();
	json_t *variants = json_array(), *states = json_array();
	int e = !idx || !h;

	if (!e) {
		size_t n = cp_frame_sorted(c, idx);
		size_t nh = cp_frame_holes(c, idx, n, h);
		for (size_t i = 0; i < nh && holes; i++) {
			json_t *r = json_object();
			e |= json_object_set_new(r, "offset", juint(h[i].offset));
			e |= json_object_set_new(r, "size", juint(h[i].size));
			e |= json_array_append_new(holes, r);
		}
		for (size_t s = 0; s < c->nstates && variants; s++)
			e |= json_array_append_new(variants, variant_json(c, s, idx, n));
	}
	for (size_t i = 0; i < c->nitems && items; i++)
		e |= json_array_append_new(items, item_json(c, &c->items[i]));
	for (size_t s = 0; s < c->nstates && states; s++)
		e |= json_array_append_new(states, state_json(&c->states[s]));
	e |= json_object_set_new(o, "name", json_string(c->name));
	e |= json_object_set_new(o, "demangled", jstr(c->demangled));
	e |= json_object_set_new(o, "level", json_integer(c->level));
	e |= json_object_set_new(o, "stock_size", c->stock_size ? juint(c->stock_size) : json_null());
	e |= json_object_set_new(o, "packed_size", juint(c->packed_size));
	e |= json_object_set_new(o, "lower_bound", juint(c->lower_bound));
	e |= json_object_set_new(o, "optimal", json_boolean(cp_coroutine_optimal(c)));
	e |= json_object_set_new(o, "align", juint(c->align));
	char st[512];
	e |= json_object_set_new(o, "status", json_string(cp_status_format(st, sizeof st, c->status, c->detail)));
	e |= json_object_set_new(o, "linkage", json_string(c->internal ? "internal" : "external"));
	e |= json_object_set_new(o, "source", jstr(c->internal ? (c->source ? c->source : src) : NULL));
	e |= json_object_set_new(o, "items", items);
	e |= json_object_set_new(o, "holes", holes);
	e |= json_object_set_new(o, "variants", variants);
	e |= json_object_set_new(o, "states", states);
	free(idx);
	free(h);
	if (e) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The report form (flags 0): the top level as jansson indents it, each
 * coroutine one line of compact JSON. tool/report/set.c reads such lines one at a
 * time, and bench/merge_bench.c writes the same form. */
static int write_lines(const cp_report *r, FILE *out)
{
	int e = 0;
	fputs(r->ncoros ? "{\n  \"coroutines\": [" : "{\n  \"coroutines\": [],\n", out);
	for (size_t i = 0; i < r->ncoros && !e; i++) {
		json_t *c = coro_json(&r->coros[i], r->source);
		fputs(i ? ",\n    " : "\n    ", out);
		e = !c || json_dumpf(c, out, JSON_SORT_KEYS | JSON_COMPACT) != 0;
		json_decref(c);
	}
	if (r->ncoros)
		fputs("\n  ],\n", out);
	fprintf(out, "  \"schema_version\": %d,\n  \"source\": ", CP_SCHEMA_VERSION);
	json_t *src = jstr(r->source);
	e |= !src || json_dumpf(src, out, JSON_ENCODE_ANY) != 0;
	json_decref(src);
	fputs("\n}\n", out);
	return e || ferror(out) ? -1 : 0;
}

int cp_report_write_json(const cp_report *r, FILE *out, unsigned flags)
{
	if (!(flags & CP_JSON_PRETTY))
		return write_lines(r, out);
	json_t *root = json_object(), *coros = json_array();
	int e = 0;
	for (size_t i = 0; i < r->ncoros && coros; i++)
		e |= json_array_append_new(coros, coro_json(&r->coros[i], r->source));
	e |= json_object_set_new(root, "schema_version", json_integer(CP_SCHEMA_VERSION));
	e |= json_object_set_new(root, "source", jstr(r->source));
	e |= json_object_set_new(root, "coroutines", coros);
	if (!e)
		e = json_dumpf(root, out, JSON_SORT_KEYS | JSON_INDENT(2)) || fputc('\n', out) == EOF;
	json_decref(root);
	return e || ferror(out) ? -1 : 0;
}

/* --- reader --------------------------------------------------------------
 * Every check names the key path of the offending value ("at", e.g.
 * "coroutines[0].items[2]") so that a message locates it in the file. */

typedef cp_jread rd;

/* Control characters (from names in the file) become '?': one line. */
static void oneline(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

static int bad(rd *d, const char *at, const char *k, const char *fmt, ...)
{
	char msg[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (*at || *k)
		snprintf(d->err, d->errlen, "%s: %s%s%s: %s", d->path, at, *at && *k ? "." : "", k, msg);
	else
		snprintf(d->err, d->errlen, "%s: %s", d->path, msg);
	oneline(d->err);
	return -1;
}

void cp_jread_syntax(const char *path, const json_error_t *je, int rerr, char *err, size_t errlen)
{
	if (rerr)
		snprintf(err, errlen, "%s: %s", path, strerror(rerr));
	else if (je->line > 0)
		snprintf(err, errlen, "%s:%d:%d: %s", path, je->line, je->column, je->text);
	else
		snprintf(err, errlen, "%s: %s", path, je->text);
	oneline(err);
}

static const char *jtype(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "?";
}

/* *v = o[k] when it has type t (or is null and nul is set). */
static int get(rd *d, json_t *o, const char *at, const char *k, json_type t, int nul, json_t **v)
{
	static const char *const want[] = {
		[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
		[JSON_STRING] = "a string", [JSON_INTEGER] = "an integer",
		[JSON_TRUE] = "a boolean",
	};
	json_t *x = json_object_get(o, k);
	if (!x)
		return bad(d, at, k, "missing");
	int ok = json_typeof(x) == t || (t == JSON_TRUE && json_is_boolean(x));
	if (!ok && !(nul && json_is_null(x)))
		return bad(d, at, k, "expected %s%s, got %s", want[t], nul ? " or null" : "", jtype(x));
	*v = x;
	return 0;
}

static int rstr(rd *d, json_t *o, const char *at, const char *k, int nul, char **out)
{
	json_t *v = NULL;
	if (get(d, o, at, k, JSON_STRING, nul, &v) < 0)
		return -1;
	if (json_is_null(v))
		return 0;
	if (!(*out = cp_strdup(json_string_value(v))))
		return bad(d, at, k, "out of memory");
	return 0;
}

/* "status": one of the forms cp_status_parse knows. */
static int rstatus(rd *d, json_t *o, const char *at, cp_coroutine *c)
{
	json_t *v = NULL;
	const char *detail;
	size_t len;
	if (get(d, o, at, "status", JSON_STRING, 0, &v) < 0)
		return -1;
	if (cp_status_parse(json_string_value(v), &c->status, &detail, &len) < 0)
		return bad(d, at, "status", "\"%.60s\" is not \"packed\", \"lowered\" or \"stock: <reason>\"",
			json_string_value(v));
	if (detail && !(c->detail = cp_strndup(detail, len)))
		return bad(d, at, "status", "out of memory");
	return 0;
}

/* A null value reads as dflt. */
static int ruint(rd *d, json_t *o, const char *at, const char *k, int nul, uint64_t dflt, uint64_t *out)
{
	json_t *v = NULL;
	if (get(d, o, at, k, JSON_INTEGER, nul, &v) < 0)
		return -1;
	if (json_is_null(v)) {
		*out = dflt;
		return 0;
	}
	if (json_integer_value(v) < 0)
		return bad(d, at, k, "expected a non-negative integer, got %" JSON_INTEGER_FORMAT,
			json_integer_value(v));
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

/* LLVM's largest alignment (Value::MaxAlignmentExponent) is 2^32. */
#define MAXALIGN ((uint64_t)1 << 32)

static int ralign(rd *d, json_t *o, const char *at, uint64_t *out)
{
	if (ruint(d, o, at, "align", 0, 0, out) < 0)
		return -1;
	if (!*out || (*out & (*out - 1)) || *out > MAXALIGN)
		return bad(d, at, "align", "expected a power of two from 1 to 2^32, got %" PRIu64, *out);
	return 0;
}

/* The k in [0, n) with name(k) equal to s, or -1. */
static int lookup(const char *s, const char *(*name)(int), int n)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(s, name(i)))
			return i;
	return -1;
}

static const char *ikind(int k) { return cp_item_kind_name((cp_item_kind)k); }
static const char *skind(int k) { return cp_state_kind_name((cp_state_kind)k); }

static int rkind(rd *d, json_t *o, const char *at, const char *(*name)(int), int n, int *out)
{
	json_t *v;
	if (get(d, o, at, "kind", JSON_STRING, 0, &v) < 0)
		return -1;
	if ((*out = lookup(json_string_value(v), name, n)) < 0)
		return bad(d, at, "kind", "unknown kind \"%.60s\"", json_string_value(v));
	return 0;
}

static int rstates(rd *d, json_t *o, const char *at0, cp_coroutine *c)
{
	json_t *a, *s;
	size_t i;
	char at[96];
	if (get(d, o, at0, "states", JSON_ARRAY, 0, &a) < 0)
		return -1;
	if (json_array_size(a) && !(c->states = calloc(json_array_size(a), sizeof *c->states)))
		return bad(d, at0, "states", "out of memory");
	json_array_foreach(a, i, s) {
		cp_state *st = &c->states[c->nstates++];
		int kind;
		snprintf(at, sizeof at, "%s.states[%zu]", at0, i);
		if (!json_is_object(s))
			return bad(d, at, "", "expected an object, got %s", jtype(s));
		if (rstr(d, s, at, "name", 0, &st->name) < 0
		 || rkind(d, s, at, skind, CP_STATE_FINAL + 1, &kind) < 0
		 || rstr(d, s, at, "loc", 1, &st->loc) < 0)
			return -1;
		st->kind = (cp_state_kind)kind;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(c->states[j].name, st->name))
				return bad(d, at, "name", "duplicate state \"%.60s\"", st->name);
	}
	return 0;
}

static int rlive(rd *d, json_t *o, const char *at, const cp_coroutine *c, cp_item *it)
{
	json_t *a, *v;
	size_t i, s;
	if (get(d, o, at, "live_at", JSON_ARRAY, 0, &a) < 0)
		return -1;
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return bad(d, at, "live_at", "expected state names, got %s", jtype(v));
		for (s = 0; s < c->nstates; s++)
			if (!strcmp(json_string_value(v), c->states[s].name))
				break;
		if (s == c->nstates)
			return bad(d, at, "live_at", "unknown state \"%.60s\"", json_string_value(v));
		cp_bs_set(it->live, s);
	}
	return 0;
}

/* Requires c->packed_size and c->status. A stored item ends below 2^63
 * (offsets and sizes are below 2^63 each: their sum does not wrap), and
 * inside the frame when the frame is coropack's ("packed"). The items of a
 * coroutine left stock are coropack's model of a layout LLVM did not take:
 * they may lie beyond the stock frame that packed_size then is. */
static int ritems(rd *d, json_t *o, const char *at0, cp_coroutine *c)
{
	json_t *a, *x, *v;
	size_t i;
	char at[96];
	int packed = c->status == CP_STATUS_PACKED && !c->detail;
	if (get(d, o, at0, "items", JSON_ARRAY, 0, &a) < 0)
		return -1;
	json_array_foreach(a, i, x) {
		cp_item *it = cp_coroutine_add_item(c);
		int kind;
		snprintf(at, sizeof at, "%s.items[%zu]", at0, i);
		if (!it)
			return bad(d, at, "", "out of memory");
		if (!json_is_object(x))
			return bad(d, at, "", "expected an object, got %s", jtype(x));
		if (rstr(d, x, at, "name", 0, &it->name) < 0
		 || rkind(d, x, at, ikind, CP_ITEM_ALLOCA + 1, &kind) < 0
		 || rstr(d, x, at, "type", 0, &it->type) < 0
		 || ruint(d, x, at, "size", 0, 0, &it->size) < 0
		 || ralign(d, x, at, &it->align) < 0
		 || ruint(d, x, at, "offset", 1, CP_NO_OFFSET, &it->offset) < 0)
			return -1;
		if (it->offset != CP_NO_OFFSET && it->offset + it->size > (packed ? c->packed_size : INT64_MAX))
			return bad(d, at, "offset", packed ? "%" PRIu64 " + size %" PRIu64 " is beyond the frame (packed_size %"
				PRIu64 ")" : "%" PRIu64 " + size %" PRIu64 " is above 2^63 - 1", it->offset, it->size, c->packed_size);
		if (rstr(d, x, at, "loc", 1, &it->loc) < 0
		 || rlive(d, x, at, c, it) < 0
		 || get(d, x, at, "storage", JSON_STRING, 0, &v) < 0)
			return -1;
		it->kind = (cp_item_kind)kind;
		it->remat = !strcmp(json_string_value(v), "rematerialized");
		if (strcmp(json_string_value(v), storage(it)))
			return bad(d, at, "storage", "\"%.60s\" does not match offset %s",
				json_string_value(v), it->offset == CP_NO_OFFSET ? "null" : "set");
	}
	return 0;
}

/* "linkage" and "source", absent in reports of older coropack builds: an
 * absent linkage is external. */
static int rlinkage(rd *d, json_t *o, const char *at, cp_coroutine *c)
{
	json_t *v = json_object_get(o, "linkage");
	if (v) {
		if (!json_is_string(v))
			return bad(d, at, "linkage", "expected a string, got %s", jtype(v));
		if (!strcmp(json_string_value(v), "internal"))
			c->internal = 1;
		else if (strcmp(json_string_value(v), "external"))
			return bad(d, at, "linkage", "unknown linkage \"%.60s\"", json_string_value(v));
	}
	if (!json_object_get(o, "source"))
		return 0;
	char *src = NULL;
	if (rstr(d, o, at, "source", 1, &src) < 0)
		return -1;
	if (c->internal)
		c->source = src;
	else
		free(src);
	return 0;
}

int cp_jread_coroutine(rd *d, json_t *o, size_t i, cp_coroutine *c)
{
	char at[48];
	json_t *v;
	snprintf(at, sizeof at, "coroutines[%zu]", i);
	if (!json_is_object(o))
		return bad(d, at, "", "expected an object, got %s", jtype(o));
	if (rstr(d, o, at, "name", 0, &c->name) < 0
	 || rstr(d, o, at, "demangled", 1, &c->demangled) < 0
	 || get(d, o, at, "level", JSON_INTEGER, 0, &v) < 0)
		return -1;
	if (json_integer_value(v) < INT_MIN || json_integer_value(v) > INT_MAX)
		return bad(d, at, "level", "%" JSON_INTEGER_FORMAT " out of range",
			json_integer_value(v));
	c->level = (int)json_integer_value(v);
	if (ruint(d, o, at, "stock_size", 1, 0, &c->stock_size) < 0
	 || ruint(d, o, at, "packed_size", 0, 0, &c->packed_size) < 0
	 || ruint(d, o, at, "lower_bound", 0, 0, &c->lower_bound) < 0
	 || get(d, o, at, "optimal", JSON_TRUE, 0, &v) < 0)
		return -1;
	/* "optimal" is derived (cp_coroutine_optimal): its type is checked,
	 * its value recomputed. */
	if (ralign(d, o, at, &c->align) < 0 || rstatus(d, o, at, c) < 0)
		return -1;
	if (c->lower_bound > c->packed_size && c->status == CP_STATUS_PACKED && !c->detail)
		return bad(d, at, "lower_bound", "%" PRIu64 " is above packed_size %" PRIu64,
			c->lower_bound, c->packed_size);
	if (rlinkage(d, o, at, c) < 0
	 || rstates(d, o, at, c) < 0
	 || ritems(d, o, at, c) < 0
	 || get(d, o, at, "holes", JSON_ARRAY, 0, &v) < 0
	 || get(d, o, at, "variants", JSON_ARRAY, 0, &v) < 0)
		return -1;
	return 0;
}

int cp_jread_top(rd *d, json_t *root, const char **source)
{
	json_t *v;
	if (!json_is_object(root))
		return bad(d, "", "", "expected an object at the top, got %s", jtype(root));
	if (get(d, root, "", "schema_version", JSON_INTEGER, 0, &v) < 0)
		return -1;
	if (json_integer_value(v) != CP_SCHEMA_VERSION)
		return bad(d, "", "schema_version", "unsupported version %" JSON_INTEGER_FORMAT
			" (this coropack reads %d)", json_integer_value(v), CP_SCHEMA_VERSION);
	if (get(d, root, "", "source", JSON_STRING, 1, &v) < 0)
		return -1;
	*source = json_string_value(v);
	return 0;
}

int cp_jread_coroutines(rd *d, json_t *root, json_t **arr)
{
	return get(d, root, "", "coroutines", JSON_ARRAY, 0, arr);
}

int cp_report_read_json(const char *path, cp_report *out, char *err, size_t errlen)
{
	rd d = {path, err, errlen};
	json_error_t je;
	json_t *root, *a, *x;
	const char *src;
	size_t i;
	FILE *f = fopen(path, "rb");

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	errno = 0;
	root = json_loadf(f, CP_JSON_LOAD, &je);
	int rerr = ferror(f) ? errno : 0;
	fclose(f);
	if (!root) {
		cp_jread_syntax(path, &je, rerr, err, errlen);
		return -1;
	}
	if (cp_jread_top(&d, root, &src) < 0)
		goto fail;
	if (src && !(out->source = cp_strdup(src))) {
		bad(&d, "", "source", "out of memory");
		goto fail;
	}
	if (cp_jread_coroutines(&d, root, &a) < 0)
		goto fail;
	json_array_foreach(a, i, x) {
		cp_coroutine *c = cp_report_add(out);
		if (!c) {
			bad(&d, "", "coroutines", "out of memory");
			goto fail;
		}
		if (cp_jread_coroutine(&d, x, i, c) < 0)
			goto fail;
	}
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	cp_report_free(out);
	return -1;
}
