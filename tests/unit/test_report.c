/* Frame model helpers and report writers: JSON (keys, values, sortedness,
 * round trip, reader errors), text and DOT, on a report built by hand. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "bitset.h"
#include "coropack/frame.h"
#include "coropack/report.h"
#include "coropack/viz.h"

#include "check.h"

/* --- the report ------------------------------------------------------- */

static void state(cp_coroutine *c, const char *name, cp_state_kind k, const char *loc)
{
	cp_state *s = &c->states[c->nstates++];
	s->name = cp_strdup(name);
	s->kind = k;
	s->loc = cp_strdup(loc);
}

/* live: state indices, ended by -1. */
static cp_item *item(cp_coroutine *c, const char *name, cp_item_kind k, const char *type,
	uint64_t size, uint64_t align, uint64_t offset, const char *loc, ...)
{
	cp_item *it = cp_coroutine_add_item(c);
	va_list ap;
	it->name = cp_strdup(name);
	it->kind = k;
	it->type = cp_strdup(type);
	it->size = size;
	it->align = align;
	it->offset = offset;
	it->loc = cp_strdup(loc);
	va_start(ap, loc);
	for (int s; (s = va_arg(ap, int)) >= 0;)
		cp_bs_set(it->live, (size_t)s);
	va_end(ap);
	return it;
}

/* Items conflict when their live sets intersect. */
static void conflicts(cp_coroutine *c)
{
	size_t w = cp_bs_words(c->nitems), sw = cp_bs_words(c->nstates);
	c->conflict = calloc(c->nitems * w, sizeof *c->conflict);
	for (size_t i = 0; i < c->nitems; i++)
		for (size_t j = 0; j < c->nitems; j++)
			if (i != j && cp_bs_intersects(c->items[i].live, c->items[j].live, sw))
				cp_bs_set(c->conflict + i * w, j);
}

/* compute: resume@0 destroy@8 promise@16 index@32, a 3-byte hole, x@36,
 * buf@40 and y@40 in disjoint states, n rematerialized, 4 bytes padding.
 * gen: no demangled name, stock size unknown, kept stock, a chain of three
 * overlapping items, no conflict matrix. */
static void build(cp_report *r)
{
	cp_coroutine *c;
	r->source = cp_strdup("task.cpp");

	c = cp_report_add(r);
	c->name = cp_strdup("_Z7computei");
	c->demangled = cp_strdup("task<int> compute(int)");
	c->level = 2;
	c->stock_size = 72;
	c->packed_size = 56;
	c->lower_bound = 56;
	c->align = 8;
	cp_coroutine_set_status(c, CP_STATUS_PACKED, NULL);
	c->states = calloc(5, sizeof *c->states);
	state(c, "Unresumed", CP_STATE_UNRESUMED, NULL);
	state(c, "Suspend0", CP_STATE_INITIAL, "task.cpp:3");
	state(c, "Suspend1", CP_STATE_AWAIT, "task.cpp:5");
	state(c, "Suspend2", CP_STATE_AWAIT, "task.cpp:7");
	state(c, "Returned", CP_STATE_FINAL, "task.cpp:9");
	item(c, "resume", CP_ITEM_HEADER, "ptr", 8, 8, 0, NULL, 0, 1, 2, 3, 4, -1);
	item(c, "destroy", CP_ITEM_HEADER, "ptr", 8, 8, 8, NULL, 0, 1, 2, 3, 4, -1);
	item(c, "__promise", CP_ITEM_PROMISE, "%\"struct.task<int>::promise_type\"", 16, 8, 16,
		"task.cpp:1", 0, 1, 2, 3, 4, -1);
	item(c, "__coro_index", CP_ITEM_INDEX, "i2", 1, 1, 32, NULL, 0, 1, 2, 3, 4, -1);
	item(c, "x", CP_ITEM_VALUE, "i32", 4, 4, 36, "task.cpp:2", 1, 2, -1);
	item(c, "buf", CP_ITEM_ALLOCA, "[3 x i32]", 12, 4, 40, "task.cpp:4", 1, 2, -1);
	item(c, "y", CP_ITEM_VALUE, "double", 8, 8, 40, "task.cpp:6", 3, -1);
	item(c, "n", CP_ITEM_VALUE, "i64", 8, 8, CP_NO_OFFSET, "task.cpp:4", 2, -1)->remat = 1;
	conflicts(c);

	c = cp_report_add(r);
	c->name = cp_strdup("gen");
	c->level = 0;
	c->packed_size = 32;
	c->lower_bound = 28;
	c->align = 8;
	cp_coroutine_set_status(c, CP_STATUS_STOCK, "dynamic alloca");
	c->states = calloc(2, sizeof *c->states);
	state(c, "Suspend0", CP_STATE_INITIAL, "gen.cpp:1");
	state(c, "Returned", CP_STATE_FINAL, NULL);
	item(c, "resume", CP_ITEM_HEADER, "ptr", 8, 8, 0, NULL, 0, 1, -1);
	item(c, "destroy", CP_ITEM_HEADER, "ptr", 8, 8, 8, NULL, 0, 1, -1);
	item(c, "a", CP_ITEM_VALUE, "i64", 8, 8, 16, NULL, 0, -1);
	item(c, "b", CP_ITEM_VALUE, "<2 x i32>", 8, 4, 20, NULL, 1, -1);
	item(c, "c", CP_ITEM_VALUE, "i32", 4, 4, 24, NULL, 0, -1);
	item(c, "d", CP_ITEM_VALUE, "i1", 1, 1, CP_NO_OFFSET, NULL, -1);
}

/* --- helpers ---------------------------------------------------------- */

static char *slurp(FILE *f)
{
	long n;
	char *s;
	fflush(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	s[fread(s, 1, (size_t)n, f)] = 0;
	fclose(f);
	return s;
}

static char *json_of(const cp_report *r, unsigned flags)
{
	FILE *f = tmpfile();
	CHECK(cp_report_write_json(r, f, flags) == 0);
	return slurp(f);
}

static char *text_of(const cp_report *r, unsigned flags)
{
	FILE *f = tmpfile();
	CHECK(cp_report_write_text(r, f, flags) == 0);
	return slurp(f);
}

static char *dot_of(const cp_report *r)
{
	FILE *f = tmpfile();
	CHECK(cp_report_write_dot(r, f) == 0);
	return slurp(f);
}

/* v at a '/'-separated path of keys and array indices. */
static json_t *at(json_t *v, const char *path)
{
	char buf[128], *k, *save;
	snprintf(buf, sizeof buf, "%s", path);
	for (k = strtok_r(buf, "/", &save); k && v; k = strtok_r(NULL, "/", &save))
		v = json_is_array(v) ? json_array_get(v, strtoul(k, NULL, 10)) : json_object_get(v, k);
	return v;
}

static int is_int(json_t *root, const char *path, json_int_t want)
{
	json_t *v = at(root, path);
	return json_is_integer(v) && json_integer_value(v) == want;
}

static int is_str(json_t *root, const char *path, const char *want)
{
	json_t *v = at(root, path);
	return json_is_string(v) && !strcmp(json_string_value(v), want);
}

static int is_null(json_t *root, const char *path)
{
	return json_is_null(at(root, path));
}

/* The names in the array at path, space-separated. */
static const char *names(json_t *root, const char *path)
{
	static char buf[256];
	json_t *a = at(root, path), *v;
	size_t i;
	buf[0] = 0;
	json_array_foreach(a, i, v) {
		if (i)
			strcat(buf, " ");
		strcat(buf, json_string_value(v));
	}
	return buf;
}

static char tmpdir[64];

static const char *tmpjson(const char *name, const char *body)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	fputs(body, f);
	fclose(f);
	return path;
}

/* --- tests ------------------------------------------------------------ */

static void test_frame(void)
{
	cp_report r = {0};
	cp_coroutine *c = cp_report_add(&r);
	CHECK(c && r.ncoros == 1 && !c->name && !c->items && !c->conflict);
	c->nstates = 70;
	c->states = calloc(70, sizeof *c->states);
	cp_item *it = cp_coroutine_add_item(c);
	CHECK(it && c->nitems == 1 && it->offset == CP_NO_OFFSET && !it->name && !it->remat);
	CHECK(it->live && cp_bs_empty(it->live, cp_bs_words(70)));
	cp_bs_set(it->live, 69);
	CHECK(cp_bs_has(it->live, 69));
	CHECK(!cp_strdup(NULL));
	CHECK(!strcmp(cp_item_kind_name(CP_ITEM_ALLOCA), "alloca"));
	CHECK(!strcmp(cp_item_kind_name(CP_ITEM_HEADER), "header"));
	CHECK(!strcmp(cp_state_kind_name(CP_STATE_UNRESUMED), "unresumed"));
	CHECK(!strcmp(cp_state_kind_name(CP_STATE_FINAL), "final"));
	cp_report_free(&r);
	CHECK(r.ncoros == 0 && !r.coros);
}

/* The status: every form formats and parses back to itself; other
 * strings do not parse; "optimal" is the packed size meeting the bound. */
static void test_status(void)
{
	static const struct { cp_status st; const char *detail, *text; } forms[] = {
		{CP_STATUS_PACKED, NULL, "packed"},
		{CP_STATUS_PACKED, "not lowered: a reason", "packed (not lowered: a reason)"},
		{CP_STATUS_LOWERED, NULL, "lowered"},
		{CP_STATUS_STOCK, "dynamic alloca (not lowered: x)", "stock: dynamic alloca (not lowered: x)"},
	};
	char buf[128];
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		cp_status st;
		const char *d;
		size_t n;
		CHECK(!strcmp(cp_status_format(buf, sizeof buf, forms[i].st, forms[i].detail), forms[i].text));
		CHECK(cp_status_parse(forms[i].text, &st, &d, &n) == 0 && st == forms[i].st);
		CHECK(forms[i].detail ? d && n == strlen(forms[i].detail) && !strncmp(d, forms[i].detail, n) : !d);
	}
	static const char *bad[] = {"", "stock", "stock: ", "Packed", "packed ()", "packed (x", "lowered x", "other"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cp_status st;
		const char *d;
		size_t n;
		CHECK(cp_status_parse(bad[i], &st, &d, &n) < 0);
	}
	cp_coroutine c = {.packed_size = 48, .lower_bound = 48};
	CHECK(cp_coroutine_optimal(&c));
	c.lower_bound = 40;
	CHECK(!cp_coroutine_optimal(&c));
	c.lower_bound = c.packed_size = 0; /* no bound known */
	CHECK(!cp_coroutine_optimal(&c));
	cp_coroutine_set_status(&c, CP_STATUS_STOCK, "x");
	cp_coroutine_set_status(&c, CP_STATUS_LOWERED, "");
	CHECK(c.status == CP_STATUS_LOWERED && !c.detail);
	cp_coroutine_clear(&c);
}

static void test_json(const cp_report *r)
{
	char *s = json_of(r, CP_JSON_PRETTY);
	json_error_t e;
	json_t *j = json_loads(s, 0, &e);
	if (!CHECK(j))
		return;

	/* Sorted: dumping in file order (jansson keeps insertion order) and
	 * dumping sorted give the same bytes. */
	char *unsorted = json_dumps(j, JSON_INDENT(2)), *sorted = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
	CHECK(!strcmp(unsorted, sorted));
	CHECK(!strncmp(s, sorted, strlen(sorted)) && !strcmp(s + strlen(sorted), "\n"));
	free(unsorted);
	free(sorted);

	CHECK(json_object_size(j) == 3);
	CHECK(is_int(j, "schema_version", 1));
	CHECK(is_str(j, "source", "task.cpp"));
	CHECK(json_array_size(at(j, "coroutines")) == 2);
	CHECK(json_object_size(at(j, "coroutines/0")) == 15);
	CHECK(is_str(j, "coroutines/0/linkage", "external") && json_is_null(at(j, "coroutines/0/source")));
	CHECK(is_str(j, "coroutines/0/name", "_Z7computei"));
	CHECK(is_str(j, "coroutines/0/demangled", "task<int> compute(int)"));
	CHECK(is_int(j, "coroutines/0/level", 2));
	CHECK(is_int(j, "coroutines/0/stock_size", 72));
	CHECK(is_int(j, "coroutines/0/packed_size", 56));
	CHECK(is_int(j, "coroutines/0/lower_bound", 56));
	CHECK(json_is_true(at(j, "coroutines/0/optimal")));
	CHECK(is_int(j, "coroutines/0/align", 8));
	CHECK(is_str(j, "coroutines/0/status", "packed"));

	CHECK(json_array_size(at(j, "coroutines/0/items")) == 8);
	CHECK(json_object_size(at(j, "coroutines/0/items/0")) == 9);
	CHECK(is_str(j, "coroutines/0/items/0/name", "resume"));
	CHECK(is_str(j, "coroutines/0/items/0/kind", "header"));
	CHECK(is_str(j, "coroutines/0/items/0/storage", "stored"));
	CHECK(is_null(j, "coroutines/0/items/0/loc"));
	CHECK(!strcmp(names(j, "coroutines/0/items/0/live_at"), "Unresumed Suspend0 Suspend1 Suspend2 Returned"));
	CHECK(is_str(j, "coroutines/0/items/2/kind", "promise"));
	CHECK(is_str(j, "coroutines/0/items/2/type", "%\"struct.task<int>::promise_type\""));
	CHECK(is_int(j, "coroutines/0/items/2/offset", 16));
	CHECK(is_str(j, "coroutines/0/items/2/loc", "task.cpp:1"));
	CHECK(is_str(j, "coroutines/0/items/3/kind", "index"));
	CHECK(is_str(j, "coroutines/0/items/5/kind", "alloca"));
	CHECK(is_int(j, "coroutines/0/items/5/size", 12));
	CHECK(is_int(j, "coroutines/0/items/5/align", 4));
	CHECK(!strcmp(names(j, "coroutines/0/items/5/live_at"), "Suspend0 Suspend1"));
	CHECK(is_str(j, "coroutines/0/items/7/name", "n"));
	CHECK(is_null(j, "coroutines/0/items/7/offset"));
	CHECK(is_str(j, "coroutines/0/items/7/storage", "rematerialized"));
	CHECK(!strcmp(names(j, "coroutines/0/items/7/live_at"), "Suspend1"));

	CHECK(json_array_size(at(j, "coroutines/0/holes")) == 2);
	CHECK(is_int(j, "coroutines/0/holes/0/offset", 33) && is_int(j, "coroutines/0/holes/0/size", 3));
	CHECK(is_int(j, "coroutines/0/holes/1/offset", 52) && is_int(j, "coroutines/0/holes/1/size", 4));

	CHECK(json_array_size(at(j, "coroutines/0/variants")) == 5);
	CHECK(is_str(j, "coroutines/0/variants/1/name", "Suspend0"));
	CHECK(is_str(j, "coroutines/0/variants/1/kind", "initial"));
	CHECK(is_str(j, "coroutines/0/variants/1/loc", "task.cpp:3"));
	CHECK(!strcmp(names(j, "coroutines/0/variants/1/items"), "resume destroy __promise __coro_index x buf"));
	CHECK(is_int(j, "coroutines/0/variants/1/live_bytes", 49));
	CHECK(!strcmp(names(j, "coroutines/0/variants/2/items"), "resume destroy __promise __coro_index x buf"));
	CHECK(!strcmp(names(j, "coroutines/0/variants/3/items"), "resume destroy __promise __coro_index y"));
	CHECK(is_int(j, "coroutines/0/variants/3/live_bytes", 41));
	CHECK(is_null(j, "coroutines/0/variants/0/loc"));

	CHECK(json_array_size(at(j, "coroutines/0/states")) == 5);
	CHECK(json_object_size(at(j, "coroutines/0/states/4")) == 3);
	CHECK(is_str(j, "coroutines/0/states/4/name", "Returned"));
	CHECK(is_str(j, "coroutines/0/states/4/kind", "final"));
	CHECK(is_str(j, "coroutines/0/states/2/kind", "await"));
	CHECK(is_str(j, "coroutines/0/states/0/kind", "unresumed"));

	CHECK(is_null(j, "coroutines/1/demangled"));
	CHECK(is_null(j, "coroutines/1/stock_size"));
	CHECK(json_is_false(at(j, "coroutines/1/optimal")));
	CHECK(is_str(j, "coroutines/1/status", "stock: dynamic alloca"));
	CHECK(is_str(j, "coroutines/1/items/5/storage", "none"));
	CHECK(!strcmp(names(j, "coroutines/1/items/5/live_at"), ""));
	CHECK(json_array_size(at(j, "coroutines/1/holes")) == 1);
	CHECK(is_int(j, "coroutines/1/holes/0/offset", 28) && is_int(j, "coroutines/1/holes/0/size", 4));
	CHECK(!strcmp(names(j, "coroutines/1/variants/0/items"), "resume destroy a c"));

	json_decref(j);
	free(s);
}

/* The report form: the same document as the pretty one, the top level
 * indented as jansson does it, one line per coroutine in compact JSON. */
static void test_lines(const cp_report *r)
{
	char *s = json_of(r, 0), *p = json_of(r, CP_JSON_PRETTY);
	json_error_t e;
	json_t *j = json_loads(s, 0, &e), *jp = json_loads(p, 0, &e);
	if (!CHECK(j && jp))
		return;
	CHECK(json_equal(j, jp));
	char *c0 = json_dumps(at(j, "coroutines/0"), JSON_SORT_KEYS | JSON_COMPACT);
	char *c1 = json_dumps(at(j, "coroutines/1"), JSON_SORT_KEYS | JSON_COMPACT);
	char *src = json_dumps(at(j, "source"), JSON_ENCODE_ANY);
	size_t n = strlen(c0) + strlen(c1) + 256;
	char *want = malloc(n);
	snprintf(want, n, "{\n  \"coroutines\": [\n    %s,\n    %s\n  ],\n  \"schema_version\": 1,\n"
		"  \"source\": %s\n}\n", c0, c1, src);
	if (!CHECK(!strcmp(s, want)))
		printf("%s\n", s);
	CHECK(strlen(s) < strlen(p) / 2);
	free(want);
	free(c0);
	free(c1);
	free(src);
	json_decref(j);
	json_decref(jp);

	/* No coroutines; a source that needs escapes. */
	cp_report none = {0};
	none.source = cp_strdup("dir \"a\"\\b.cpp");
	char *t = json_of(&none, 0), *tp = json_of(&none, CP_JSON_PRETTY);
	CHECK(!strcmp(t, "{\n  \"coroutines\": [],\n  \"schema_version\": 1,\n  \"source\": \"dir \\\"a\\\"\\\\b.cpp\"\n}\n"));
	CHECK(!strcmp(t, tp));
	free(t);
	free(tp);
	cp_report_free(&none);
	free(s);
	free(p);
}

/* Either form reads back into the model that wrote it. */
static void roundtrip(const cp_report *r, unsigned flags)
{
	char *s = json_of(r, flags), err[256] = "";
	const char *path = tmpjson("report.json", s);
	cp_report back = {0};
	if (!CHECK(cp_report_read_json(path, &back, err, sizeof err) == 0)) {
		printf("%s\n", err);
		return;
	}
	char *s2 = json_of(&back, flags);
	CHECK(!strcmp(s, s2));
	CHECK(back.ncoros == 2 && back.coros[0].nitems == 8 && back.coros[0].nstates == 5);
	CHECK(back.coros[0].items[7].remat && back.coros[0].items[7].offset == CP_NO_OFFSET);
	CHECK(back.coros[1].stock_size == 0 && !back.coros[1].demangled && !back.coros[0].conflict);
	CHECK(cp_bs_has(back.coros[0].items[6].live, 3) && !cp_bs_has(back.coros[0].items[6].live, 2));
	char *t = text_of(r, 0), *t2 = text_of(&back, 0);
	CHECK(!strcmp(t, t2));
	free(t);
	free(t2);
	free(s2);
	free(s);
	cp_report_free(&back);
}

/* Reading body must fail with a message containing want. */
static void bad_file(const char *name, const char *body, const char *want)
{
	char err[256] = "", full[160];
	cp_report r = {0};
	const char *path = body ? tmpjson(name, body) : name;
	snprintf(full, sizeof full, want, path);
	int rc = cp_report_read_json(path, &r, err, sizeof err);
	if (!check(rc == -1 && strstr(err, full) && !strchr(err, '\n'), full, __LINE__))
		printf("  got: %s\n", err);
	CHECK(r.ncoros == 0 && !r.coros && !r.source);
}

/* The valid report with `from` replaced by `to`. */
static char *edit(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	if (!p)
		return NULL;
	char *d = malloc(strlen(s) + strlen(to) + 1);
	size_t n = (size_t)(p - s);
	memcpy(d, s, n);
	strcpy(d + n, to);
	strcat(d, p + strlen(from));
	return d;
}

static void test_reader_errors(const cp_report *r)
{
	char *s = json_of(r, CP_JSON_PRETTY), *e;

	bad_file("/nonexistent/coropack.json", NULL, "%s: No such file or directory");
	bad_file(tmpdir, NULL, "%s: Is a directory");
	bad_file("syntax.json", "{\n  \"schema_version\": 1,\n  oops\n}\n", "%s:3:6: string or '}' expected near 'oops'");
	bad_file("empty.json", "", "%s:1:0: ");
	bad_file("array.json", "[]\n", "%s: expected an object at the top, got an array");
	bad_file("noversion.json", "{\"source\": null, \"coroutines\": []}", "%s: schema_version: missing");
	bad_file("version.json", "{\"schema_version\": 2, \"source\": null, \"coroutines\": []}",
		"%s: schema_version: unsupported version 2 (this coropack reads 1)");
	bad_file("versiontype.json", "{\"schema_version\": \"1\", \"coroutines\": []}",
		"%s: schema_version: expected an integer, got a string");
	bad_file("nocoros.json", "{\"schema_version\": 1, \"source\": null}", "%s: coroutines: missing");
	bad_file("dup.json", "{\"schema_version\": 1, \"schema_version\": 1}", "%s:1:");

	e = edit(s, "\"packed_size\": 56", "\"packed_size\": \"56\"");
	bad_file("mistyped.json", e, "%s: coroutines[0].packed_size: expected an integer, got a string");
	free(e);
	e = edit(s, "\"size\": 12,", "");
	bad_file("missing.json", e, "%s: coroutines[0].items[5].size: missing");
	free(e);
	e = edit(s, "\"optimal\": true", "\"optimal\": 1");
	bad_file("bool.json", e, "%s: coroutines[0].optimal: expected a boolean, got an integer");
	free(e);
	e = edit(s, "\"status\": \"packed\"", "\"status\": \"stock\"");
	bad_file("status.json", e, "%s: coroutines[0].status: \"stock\" is not \"packed\", \"lowered\" or \"stock: <reason>\"");
	free(e);
	e = edit(s, "\"status\": \"packed\"", "\"status\": \"packed(x)\"");
	bad_file("status2.json", e, "%s: coroutines[0].status: \"packed(x)\" is not \"packed\", \"lowered\" or \"stock: <reason>\"");
	free(e);
	e = edit(s, "\"align\": 4,", "\"align\": -4,");
	bad_file("negative.json", e, "%s: coroutines[0].items[4].align: expected a non-negative integer, got -4");
	free(e);
	e = edit(s, "\"kind\": \"alloca\"", "\"kind\": \"register\"");
	bad_file("kind.json", e, "%s: coroutines[0].items[5].kind: unknown kind \"register\"");
	free(e);
	e = edit(s, "\"Suspend2\"\n", "\"Suspend9\"\n");
	bad_file("state.json", e, "%s: coroutines[0].items[6].live_at: unknown state \"Suspend9\"");
	free(e);
	e = edit(s, "\"storage\": \"rematerialized\"", "\"storage\": \"stored\"");
	bad_file("storage.json", e, "%s: coroutines[0].items[7].storage: \"stored\" does not match offset null");
	free(e);
	e = edit(s, "\"name\": \"Suspend2\"\n", "\"name\": \"Suspend1\"\n");
	bad_file("dupstate.json", e, "%s: coroutines[0].states[3].name: duplicate state \"Suspend1\"");
	free(e);
	e = edit(s, "\"demangled\": null", "\"demangled\": 7");
	bad_file("nullable.json", e, "%s: coroutines[1].demangled: expected a string or null, got an integer");
	free(e);
	e = edit(s, "\"holes\": [", "\"holes\": {}, \"x\": [");
	bad_file("holes.json", e, "%s: coroutines[0].holes: expected an array, got an object");
	free(e);
	free(s);
}

static void test_text(const cp_report *r)
{
	char *t = text_of(r, 0);
	HAS(t, "coroutine task<int> compute(int) {\n");
	HAS(t, "\t/*  0  8@8 */ resume       ptr                               header  live: all\n");
	HAS(t, "\t/* 32  1@1 */ __coro_index i2                                index   live: all\n"
		"\n\t/* XXX 3 bytes hole */\n\n"
		"\t/* 36  4@4 */ x            i32                               value   live: S0 S1\n");
	HAS(t, "\tunion { /* offset 40, size 12 */\n"
		"\t\t/* 40 12@4 */ buf          [3 x i32]                         alloca  live: S0 S1\n"
		"\t\t/* 40  8@8 */ y            double                            value   live: S2\n"
		"\t};\n");
	HAS(t, "\t/* rematerialized n: i64, 8@8, value, live: S1 */\n");
	HAS(t, "\t/* size: 56 (stock: 72, lower bound: 56, optimal), holes: 1, sum holes: 3, "
		"padding: 4, saved: 16 bytes (22.2%) */\n};\n");
	HAS(t, "print-type-size type: `task<int> compute(int)`: 56 bytes, alignment: 8 bytes\n"
		"print-type-size variant `Unresumed` (unresumed): 33 bytes\n");
	HAS(t, "print-type-size variant `Suspend0` (initial, task.cpp:3): 49 bytes\n"
		"print-type-size     field `resume`: 8 bytes, offset: 0, alignment: 8\n");
	HAS(t, "print-type-size     field `buf`: 12 bytes, offset: 40, alignment: 4\n"
		"print-type-size variant `Suspend1` (await, task.cpp:5): 49 bytes\n");

	HAS(t, "coroutine gen {\n\t/* stock: dynamic alloca */\n");
	HAS(t, "\tunion { /* offset 16, size 12 */\n"
		"\t\t/* 16 8@8 */ a       i64       value  live: S0\n"
		"\t\t/* 20 8@4 */ b       <2 x i32> value  live: R\n"
		"\t\t/* 24 4@4 */ c       i32       value  live: S0\n"
		"\t};\n");
	HAS(t, "\t/* not stored d: i1, 1@1, value, live: none */\n");
	HAS(t, "\t/* size: 32 (stock: unknown, lower bound: 28, not proven optimal), holes: 0, "
		"sum holes: 0, padding: 4 */\n");
	LACKS(t, " \n");
	char *t2 = text_of(r, 0);
	CHECK(!strcmp(t, t2));
	free(t2);
	free(t);

	t = text_of(r, CP_TEXT_HEX);
	HAS(t, "\t/* 0x10 16@8 */ __promise");
	HAS(t, "\tunion { /* offset 0x28, size 12 */\n");
	HAS(t, "print-type-size     field `y`: 8 bytes, offset: 0x28, alignment: 8\n");
	free(t);
}

static void test_live_ranges(void)
{
	cp_report r = {0};
	cp_coroutine *c = cp_report_add(&r);
	const char *st[] = {"Unresumed", "Suspend0", "Suspend1", "Suspend2", "Suspend3", "Suspend4",
		"Suspend5", "Returned"};
	c->name = cp_strdup("f");
	cp_coroutine_set_status(c, CP_STATUS_PACKED, NULL);
	c->packed_size = 8;
	c->states = calloc(8, sizeof *c->states);
	for (int i = 0; i < 8; i++)
		state(c, st[i], CP_STATE_AWAIT, NULL);
	item(c, "v", CP_ITEM_VALUE, "i64", 8, 8, 0, NULL, 1, 3, 4, 5, 6, 7, -1);
	char *t = text_of(&r, 0);
	HAS(t, "live: S0 S2-R\n");
	free(t);
	cp_report_free(&r);
}

static void test_dot(const cp_report *r)
{
	char *d = dot_of(r);
	HAS(d, "graph coropack {\n");
	HAS(d, "subgraph cluster_0 {\n\t\tlabel=<<B>task&lt;int&gt; compute(int)</B>");
	HAS(d, "\t\tc0_0 [tooltip=\"header ptr\", label=<<TABLE BORDER=\"1\"");
	HAS(d, "<I>resume</I></TD></TR><TR><TD>8@8</TD><TD>off 0</TD>");
	HAS(d, "tooltip=\"promise %\\\"struct.task<int>::promise_type\\\"\"");
	HAS(d, "<B>buf</B></TD></TR><TR><TD>12@4</TD><TD>off 40</TD>");
	HAS(d, "\t\tc0_4 -- c0_5;\n");
	HAS(d, "\t\tc0_0 -- c0_6 [style=dashed");
	LACKS(d, "c0_5 -- c0_6");
	LACKS(d, "c0_4 -- c0_6");
	LACKS(d, "c0_7");
	LACKS(d, "c1_0 --");
	HAS(d, "\t\tc1_4 [");
	LACKS(d, "c1_5");

	size_t nodes = 0, edges = 0;
	for (const char *p = d; (p = strstr(p, "\t\tc0_")); p++)
		strstr(p, " -- ") < strchr(p, '\n') && strstr(p, " -- ") ? edges++ : nodes++;
	CHECK(nodes == 7);
	CHECK(edges == 6 + 5 + 4 + 3 + 1); /* the prefix with all, x--buf */

	if (system("command -v dot >/dev/null 2>&1") == 0) {
		char cmd[256];
		const char *path = tmpjson("report.dot", d);
		snprintf(cmd, sizeof cmd, "dot -Tsvg %s -o %s/report.svg 2>%s/dot.err", path, tmpdir, tmpdir);
		CHECK(system(cmd) == 0);
		snprintf(cmd, sizeof cmd, "test ! -s %s/dot.err", tmpdir);
		CHECK(system(cmd) == 0);
	}
	free(d);
}

int main(void)
{
	cp_report r = {0};
	snprintf(tmpdir, sizeof tmpdir, "/tmp/coropack-test-report.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	build(&r);
	test_frame();
	test_status();
	test_json(&r);
	test_lines(&r);
	roundtrip(&r, CP_JSON_PRETTY);
	roundtrip(&r, 0);
	test_reader_errors(&r);
	test_text(&r);
	test_live_ranges();
	test_dot(&r);
	cp_report_free(&r);

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("could not remove %s\n", tmpdir);
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
