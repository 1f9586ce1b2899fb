/* Build-wide tools (report sets: merge, summary, diff) and the layout
 * picture: the set reader against cp_report_read_json (same acceptance,
 * same schema messages), deduplication, the merged report's bytes, totals
 * and orders, diff classification and thresholds, and the picture's DOT. */
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

static char tmpdir[64];

static const char *tmpfile_(const char *name, const char *body)
{
	static char path[4][160];
	static int k;
	char *p = path[k++ % 4];
	snprintf(p, 160, "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	fputs(body, f);
	fclose(f);
	return p;
}

static char *slurp(FILE *f)
{
	long n;
	fflush(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	char *s = calloc((size_t)n + 1, 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		s[0] = 0;
	fclose(f);
	return s;
}

/* --- reports built by hand --------------------------------------------- */

static void state(cp_coroutine *c, const char *name, cp_state_kind k)
{
	cp_state *s = &c->states[c->nstates++];
	s->name = cp_strdup(name);
	s->kind = k;
}

/* live: state indices, ended by -1. */
static cp_item *item(cp_coroutine *c, const char *name, cp_item_kind k, uint64_t size, uint64_t offset, ...)
{
	cp_item *it = cp_coroutine_add_item(c);
	va_list ap;
	it->name = cp_strdup(name);
	it->kind = k;
	it->type = cp_strdup(k == CP_ITEM_VALUE ? "i64" : "ptr");
	it->size = size;
	it->align = size >= 8 ? 8 : 1;
	it->offset = offset;
	va_start(ap, offset);
	for (int s; (s = va_arg(ap, int)) >= 0;)
		cp_bs_set(it->live, (size_t)s);
	va_end(ap);
	return it;
}

/* A coroutine: U, S0, S1, R; the prefix; values a (S0) and b (S1) sharing
 * offset 24 and c (S0 S1) at 32, of the given sizes. */
static void coro(cp_report *r, const char *name, const char *dem, uint64_t packed, uint64_t stock,
	const char *status)
{
	cp_coroutine *c = cp_report_add(r);
	c->name = cp_strdup(name);
	c->demangled = cp_strdup(dem);
	c->level = 2;
	c->packed_size = packed;
	c->stock_size = stock;
	c->lower_bound = packed;
	c->align = 8;
	const char *detail;
	size_t len;
	if (cp_status_parse(status, &c->status, &detail, &len) == 0 && detail) {
		char *d = cp_strndup(detail, len);
		cp_coroutine_set_status(c, c->status, d);
		free(d);
	}
	c->states = calloc(4, sizeof *c->states);
	state(c, "Unresumed", CP_STATE_UNRESUMED);
	state(c, "Suspend0", CP_STATE_INITIAL);
	state(c, "Suspend1", CP_STATE_AWAIT);
	state(c, "Returned", CP_STATE_FINAL);
	item(c, "__resume_fn", CP_ITEM_HEADER, 8, 0, 0, 1, 2, 3, -1);
	item(c, "__destroy_fn", CP_ITEM_HEADER, 8, 8, 0, 1, 2, 3, -1);
	item(c, "__promise", CP_ITEM_PROMISE, 8, 16, 0, 1, 2, 3, -1);
	if (packed >= 41) {
		item(c, "a", CP_ITEM_VALUE, 8, 24, 1, -1);
		item(c, "b", CP_ITEM_VALUE, 8, 24, 2, -1);
		item(c, "c", CP_ITEM_ALLOCA, 8, 32, 1, 2, -1);
		item(c, "__coro_index", CP_ITEM_INDEX, 1, 40, 1, 2, 3, -1);
	}
}

/* flags as for cp_report_write_json: 0 is the report form (the plugin's). */
static const char *write_report(const char *name, const cp_report *r, unsigned flags)
{
	static char path[8][160];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 160, "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	cp_report_write_json(r, f, flags);
	fclose(f);
	return p;
}

static char *json_of(const cp_report *r, unsigned flags)
{
	FILE *f = tmpfile();
	cp_report_write_json(r, f, flags);
	return slurp(f);
}

/* --- the reader: same acceptance as cp_report_read_json --------------- */

/* body is read both ways: both accept it, or both reject it (and with the
 * same message when want is set: a schema error). */
static void same(const char *name, const char *body, const char *want)
{
	const char *path = tmpfile_(name, body);
	char e1[512] = "", e2[512] = "", full[256] = "";
	cp_report r = {0};
	cp_set s = {0};
	int a = cp_report_read_json(path, &r, e1, sizeof e1);
	int b = cp_set_add_path(&s, path, e2, sizeof e2);
	if (!check(a == b, name, __LINE__))
		printf("  reader %d (%s), set %d (%s)\n", a, e1, b, e2);
	if (want) {
		snprintf(full, sizeof full, "%s: %s", path, want);
		if (!check(b < 0 && !strcmp(e2, full) && !strcmp(e1, full), want, __LINE__))
			printf("  reader: %s\n  set:    %s\n", e1, e2);
	}
	if (b < 0 && !want && !check(!strncmp(e2, path, strlen(path)) && !strchr(e2, '\n'), e2, __LINE__))
		printf("  got: %s\n", e2);
	cp_report_free(&r);
	cp_set_free(&s);
}

static char *edit(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	if (!p) {
		printf("edit: no '%s'\n", from);
		return strdup(s);
	}
	char *d = malloc(strlen(s) + strlen(to) + 1);
	size_t n = (size_t)(p - s);
	memcpy(d, s, n);
	strcpy(d + n, to);
	strcat(d, p + strlen(from));
	return d;
}

static void test_reader(void)
{
	cp_report r = {0};
	coro(&r, "_Z1fv", "f()", 48, 64, "packed");
	coro(&r, "gen", NULL, 24, 0, "stock: dynamic alloca");
	char *s = json_of(&r, CP_JSON_PRETTY), *e;
	static const struct {
		const char *from, *to, *want;
	} schema[] = {
		{"\"packed_size\": 48", "\"packed_size\": \"48\"", "coroutines[0].packed_size: expected an integer, got a string"},
		{"\"packed_size\": 48", "\"packed_size\": 48.0", "coroutines[0].packed_size: expected an integer, got a real"},
		{"\"packed_size\": 48", "\"packed_size\": -48", "coroutines[0].packed_size: expected a non-negative integer, got -48"},
		{"\"size\": 8,\n", "", "coroutines[0].items[0].size: missing"},
		{"\"optimal\": true", "\"optimal\": 1", "coroutines[0].optimal: expected a boolean, got an integer"},
		{"\"kind\": \"alloca\"", "\"kind\": \"register\"", "coroutines[0].items[5].kind: unknown kind \"register\""},
		{"\"kind\": \"final\"", "\"kind\": \"done\"", "coroutines[0].states[3].kind: unknown kind \"done\""},
		{"\"Suspend1\"\n", "\"Suspend9\"\n", "coroutines[0].items[4].live_at: unknown state \"Suspend9\""},
		{"\"storage\": \"stored\"", "\"storage\": \"none\"", "coroutines[0].items[0].storage: \"none\" does not match offset set"},
		{"\"name\": \"Suspend1\"\n", "\"name\": \"Suspend0\"\n", "coroutines[0].states[2].name: duplicate state \"Suspend0\""},
		{"\"demangled\": null", "\"demangled\": 7", "coroutines[1].demangled: expected a string or null, got an integer"},
		{"\"holes\": [", "\"holes\": {}, \"x\": [", "coroutines[0].holes: expected an array, got an object"},
		{"\"level\": 2", "\"level\": 4294967296", "coroutines[0].level: 4294967296 out of range"},
		{"\"schema_version\": 1", "\"schema_version\": 2", "schema_version: unsupported version 2 (this coropack reads 1)"},
		{"\"schema_version\": 1", "\"schema_version\": \"1\"", "schema_version: expected an integer, got a string"},
		{"\"schema_version\": 1,", "", "schema_version: missing"},
		{"\"source\": null\n}", "\"source\": 3\n}", "source: expected a string or null, got an integer"},
		{"\"source\": null", "\"source\": 3", "coroutines[0].source: expected a string or null, got an integer"},
		{"\"linkage\": \"external\"", "\"linkage\": \"weak\"", "coroutines[0].linkage: unknown linkage \"weak\""},
		{"\"linkage\": \"external\"", "\"linkage\": true", "coroutines[0].linkage: expected a string, got a boolean"},
		{"\"align\": 8,\n      \"demangled\"", "\"align\": 0,\n      \"demangled\"", "coroutines[0].align: expected a power of two from 1 to 2^32, got 0"},
		{"\"align\": 8,\n      \"demangled\"", "\"align\": 24,\n      \"demangled\"", "coroutines[0].align: expected a power of two from 1 to 2^32, got 24"},
		{"\"align\": 8,\n      \"demangled\"", "\"align\": 8589934592,\n      \"demangled\"", "coroutines[0].align: expected a power of two from 1 to 2^32, got 8589934592"},
		{"\"align\": 8,\n          \"kind\"", "\"align\": 3,\n          \"kind\"", "coroutines[0].items[0].align: expected a power of two from 1 to 2^32, got 3"},
		{"\"lower_bound\": 48", "\"lower_bound\": 56", "coroutines[0].lower_bound: 56 is above packed_size 48"},
		/* left stock: the model's bound and items may exceed LLVM's frame */
		{"\"lower_bound\": 24", "\"lower_bound\": 280", NULL},
		{"\"offset\": 32", "\"offset\": 44", "coroutines[0].items[5].offset: 44 + size 8 is beyond the frame (packed_size 48)"},
		{"\"offset\": 32", "\"offset\": 9223372036854775800", "coroutines[0].items[5].offset: 9223372036854775800 + size 8 is beyond the frame (packed_size 48)"},
		{"\"coroutines\": [", "\"coroutines\": {}, \"old\": [", "coroutines: expected an array, got an object"},
		{"\"live_at\": [", "\"live_at\": [3, ", "coroutines[0].items[0].live_at: expected state names, got an integer"},
		{"\"states\": [\n        {", "\"states\": [\n        7, {", "coroutines[0].states[0]: expected an object, got an integer"},
		{"\"name\": \"_Z1fv\"", "\"n\\u0061me\": \"_Z1fv\", \"nam\": 1", NULL},
		{"\"loc\": null", "\"loc\": null, \"extra\": [1.5, {\"k\": true}]", NULL},
	};
	for (size_t k = 0; k < sizeof schema / sizeof *schema; k++) {
		char name[32];
		snprintf(name, sizeof name, "schema%zu.json", k);
		e = edit(s, schema[k].from, schema[k].to);
		same(name, e, schema[k].want);
		free(e);
	}
	/* the first schema error in document order, after the version */
	e = edit(s, "\"schema_version\": 1", "\"schema_version\": 3");
	char *e2 = edit(e, "\"packed_size\": 48", "\"packed_size\": \"x\"");
	same("order.json", e2, "schema_version: unsupported version 3 (this coropack reads 1)");
	free(e2);
	free(e);

	static const char *const syntax[] = {
		"", "   \n", "[]\n", "42", "{", "{\"a\": 1,}", "{\"a\" 1}", "{\"a\": [1 2]}",
		"{\"schema_version\": 1, \"schema_version\": 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}",
		"{\"a\": \"\\x\"}", "{\"a\": \"\\u12\"}", "{\"a\": \"\\u0000\"}", "{\"a\": \"\\udc00\"}",
		"{\"a\": \"\\ud800x\"}", "{\"a\": \"\x01\"}", "{\"a\": \"\xff\"}", "{\"a\": \"\xc0\x80\"}",
		"{\"a\": \"\xed\xa0\x80\"}", "{\"a\": tru}", "{\"a\": nul}", "{} {}", "{\"a\": 9223372036854775808}",
		"{\"a\": -9223372036854775809}", "{\"a\": 1e999}", "{\"a\": {\"b\": 1, \"b\": 2}}",
		"{\"a\": \"unterminated}", "\xef\xbb\xbf{}",
	};
	for (size_t k = 0; k < sizeof syntax / sizeof *syntax; k++) {
		char name[32];
		snprintf(name, sizeof name, "syntax%zu.json", k);
		same(name, syntax[k], NULL);
	}
	/* The report form (a line per coroutine, no whitespace in it): the same
	 * messages; syntax errors where jansson puts them, line and column. */
	char *c = json_of(&r, 0);
	static const struct {
		const char *from, *to, *want;
	} lines[] = {
		{"\"packed_size\":48", "\"packed_size\":\"48\"", "coroutines[0].packed_size: expected an integer, got a string"},
		{"\"size\":8,", "", "coroutines[0].items[0].size: missing"},
		{"\"optimal\":true", "\"optimal\":1", "coroutines[0].optimal: expected a boolean, got an integer"},
		{"\"kind\":\"alloca\"", "\"kind\":\"register\"", "coroutines[0].items[5].kind: unknown kind \"register\""},
		{"\"Suspend1\"]", "\"Suspend9\"]", "coroutines[0].items[4].live_at: unknown state \"Suspend9\""},
		{"\"storage\":\"stored\"", "\"storage\":\"none\"", "coroutines[0].items[0].storage: \"none\" does not match offset set"},
		{"\"name\":\"Suspend1\"}", "\"name\":\"Suspend0\"}", "coroutines[0].states[2].name: duplicate state \"Suspend0\""},
		{"\"holes\":[", "\"holes\":{},\"x\":[", "coroutines[0].holes: expected an array, got an object"},
		{"\"demangled\":null", "\"demangled\":7", "coroutines[1].demangled: expected a string or null, got an integer"},
		{"\"level\":2", "\"level\":4294967296", "coroutines[0].level: 4294967296 out of range"},
		{"\"states\":[{", "\"states\":[7,{", "coroutines[0].states[0]: expected an object, got an integer"},
		{"\"name\":\"_Z1fv\"", "\"n\\u0061me\":\"_Z1fv\",\"nam\":1", NULL},
	};
	for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
		char name[32];
		snprintf(name, sizeof name, "lines%zu.json", k);
		e = edit(c, lines[k].from, lines[k].to);
		CHECK(strcmp(e, c));
		same(name, e, lines[k].want);
		free(e);
	}
	static const struct {
		const char *from, *to;
		int line; /* the coroutine's line */
	} broken[] = {
		{"\"optimal\":true", "\"optimal\":tru", 3},
		{"\"optimal\":true", "\"optimal\":true,", 3},
		{"\"optimal\":true", "\"optimal\" true", 3},
		{"\"level\":2", "\"level\":02", 3},
		{"\"demangled\":null", "\"demangled\":\"x\x01\"", 4},
		{"],\"status", "]],\"status", 3},
		{"\"optimal\":true,", "\"optimal\":true,\"optimal\":false,", 3},
	};
	for (size_t k = 0; k < sizeof broken / sizeof *broken; k++) {
		char name[32], e1[512] = "", e2[512] = "";
		snprintf(name, sizeof name, "broken%zu.json", k);
		e = edit(c, broken[k].from, broken[k].to);
		CHECK(strcmp(e, c));
		const char *path = tmpfile_(name, e);
		cp_report rr = {0};
		cp_set ss = {0};
		int a = cp_report_read_json(path, &rr, e1, sizeof e1);
		int b = cp_set_add_path(&ss, path, e2, sizeof e2);
		/* "path:LINE:COLUMN: ...", the column within the line (jansson's
		 * is at the end of the token, the set's at its start) */
		char want[200];
		snprintf(want, sizeof want, "%s:%d:", path, broken[k].line);
		if (!check(a < 0 && b < 0 && !strncmp(e1, want, strlen(want)) && !strncmp(e2, want, strlen(want))
		           && !strchr(e2, '\n'), name, __LINE__))
			printf("  reader: %s\n  set:    %s\n", e1, e2);
		cp_report_free(&rr);
		cp_set_free(&ss);
		free(e);
	}
	/* cut anywhere: an error, never a crash or a report */
	for (size_t n = 0; n < strlen(c); n += 97) {
		char name[32], err2[512];
		snprintf(name, sizeof name, "cut%zu.json", n);
		char *cut = strndup(c, n);
		const char *path = tmpfile_(name, cut);
		cp_set ss = {0};
		CHECK(cp_set_add_path(&ss, path, err2, sizeof err2) < 0 && !strncmp(err2, path, strlen(path)));
		cp_set_free(&ss);
		free(cut);
	}
	free(c);

	/* valid JSON in odd forms */
	same("odd1.json", "{\"coroutines\":[],\"schema_version\":1,\"source\":\"\\ud83d\\ude00 \\/\"}", NULL);
	same("odd2.json", " {\"source\" : null ,\n\t\"coroutines\" : [ ] , \"schema_version\" : 1 , \"z\": -0} \n", NULL);

	char err[256];
	cp_set st = {0};
	CHECK(cp_set_add_path(&st, "/nonexistent/x.json", err, sizeof err) < 0);
	CHECK(!strcmp(err, "/nonexistent/x.json: No such file or directory"));
	cp_set_free(&st);
	free(s);
	cp_report_free(&r);
}

/* --- merge ---------------------------------------------------------------- */

static void test_merge(void)
{
	cp_report a = {0}, b = {0}, c = {0};
	a.source = cp_strdup("a.cpp");
	b.source = cp_strdup("b.cpp");
	coro(&a, "_Z4zetav", "zeta()", 48, 64, "packed");
	coro(&a, "_Z6inlinev", "inline()", 48, 56, "packed");   /* in a and b, same size */
	coro(&a, "_Z4tmplIiEvv", "void tmpl<int>()", 48, 64, "packed"); /* in a: 48, in c: 56 */
	coro(&b, "_Z6inlinev", "inline()", 48, 56, "packed");
	coro(&b, "_Z5alphav", "alpha()", 56, 56, "stock: dynamic alloca");
	coro(&c, "_Z4tmplIiEvv", "void tmpl<int>()", 56, 64, "packed");
	coro(&c, "_Z4tmplIiEvv2", NULL, 24, 0, "stock: no frame");
	char dir[200], cmd[300];
	snprintf(dir, sizeof dir, "%s/reports", tmpdir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s/sub", dir);
	CHECK(system(cmd) == 0);
	write_report("reports/b.json", &b, 0);
	write_report("reports/a.json", &a, 0);
	write_report("reports/notes.txt", &a, 0); /* not *.json: skipped */
	write_report("reports/sub/x.json", &a, 0); /* not directly inside: skipped */
	const char *pc = write_report("c.json", &c, 0);

	char err[512];
	cp_set s = {.keep_text = 1};
	CHECK(cp_set_add_path(&s, dir, err, sizeof err) == 0);
	CHECK(cp_set_add_path(&s, pc, err, sizeof err) == 0);
	CHECK(s.nfiles == 3 && strstr(s.files[0], "reports/a.json") && strstr(s.files[1], "reports/b.json"));
	CHECK(s.ncopies == 7 && s.n == 5);
	CHECK(s.ndisagree == 1);
	cp_set_sort(&s);
	CHECK(!strcmp(s.e[0].name, "_Z4tmplIiEvv") && !strcmp(s.e[4].name, "_Z6inlinev"));
	const cp_entry *t = cp_set_find(&s, "_Z4tmplIiEvv", NULL);
	CHECK(t && t->packed_size == 56 && t->min_size == 48 && t->copies == 2 && t->file == 2);
	const cp_entry *in = cp_set_find(&s, "_Z6inlinev", NULL);
	CHECK(in && in->copies == 2 && in->min_size == 48 && in->file == 0);
	CHECK(!cp_set_find(&s, "_Z4nonev", NULL));
	const cp_entry *g = cp_set_find(&s, "_Z4tmplIiEvv2", NULL);
	CHECK(g && !g->demangled && g->stock_size == 0 && g->status == CP_STATUS_STOCK && g->detail && !strcmp(g->detail, "no frame"));
	for (size_t k = 0; k < s.n; k++) /* the plugin's form: copied as they are */
		CHECK(s.e[k].text[0] == '{' && s.e[k].text[s.e[k].len - 1] == '}'
		      && !memchr(s.e[k].text, '\n', s.e[k].len));

	FILE *f = tmpfile();
	cp_set_write_notes(&s, f);
	char *notes = slurp(f);
	HAS(notes, "coropack: note: void tmpl<int>() (_Z4tmplIiEvv): copies disagree in size: 48 bytes in ");
	HAS(notes, "reports/a.json, 56 in ");
	HAS(notes, "c.json; keeping 56\n");
	CHECK(strchr(notes, '\n') == strrchr(notes, '\n'));
	free(notes);

	/* The merged report is what the writer gives for the same coroutines. */
	f = tmpfile();
	CHECK(cp_set_write_json(&s, f) == 0);
	char *m = slurp(f);
	const char *pm = tmpfile_("merged.json", m);
	cp_report back = {0};
	CHECK(cp_report_read_json(pm, &back, err, sizeof err) == 0);
	CHECK(back.ncoros == 5 && !back.source);
	char *again = json_of(&back, 0);
	CHECK(!strcmp(m, again));
	CHECK(back.ncoros == 5 && back.coros[0].packed_size == 56 && !strcmp(back.coros[1].name, "_Z4tmplIiEvv2"));
	free(again);
	cp_report_free(&back);

	/* Merging the merged report with its inputs changes nothing. */
	cp_set s2 = {.keep_text = 1};
	CHECK(cp_set_add_path(&s2, pm, err, sizeof err) == 0);
	CHECK(cp_set_add_path(&s2, dir, err, sizeof err) == 0);
	cp_set_sort(&s2);
	f = tmpfile();
	cp_set_write_json(&s2, f);
	char *m2 = slurp(f);
	CHECK(!strcmp(m, m2));
	free(m2);
	cp_set_free(&s2);

	/* Older, indented reports: re-printed in the report form, the same bytes
	 * whether all inputs are indented or only some. */
	snprintf(cmd, sizeof cmd, "mkdir -p %s/pretty", tmpdir);
	CHECK(system(cmd) == 0);
	const char *pa = write_report("pretty/a.json", &a, CP_JSON_PRETTY);
	const char *pb = write_report("pretty/b.json", &b, CP_JSON_PRETTY);
	const char *pcp = write_report("pretty-c.json", &c, CP_JSON_PRETTY);
	const char *const mixes[][3] = {{pa, pb, pcp}, {pa, pb, pc}};
	for (size_t k = 0; k < 2; k++) {
		cp_set sp = {.keep_text = 1};
		for (size_t i = 0; i < 3; i++)
			CHECK(cp_set_add_path(&sp, mixes[k][i], err, sizeof err) == 0);
		CHECK(sp.n == 5 && sp.ndisagree == 1);
		cp_set_sort(&sp);
		f = tmpfile();
		CHECK(cp_set_write_json(&sp, f) == 0);
		m2 = slurp(f);
		if (!CHECK(!strcmp(m, m2)))
			printf("%s\n", m2);
		free(m2);
		cp_set_free(&sp);
	}
	free(m);
	cp_set_free(&s);

	/* Whitespace, escapes and spaces inside strings of an indented report. */
	cp_report q = {0};
	coro(&q, "_Z1qv", "q<\"a b\">()", 48, 64, "stock: \\ \"quoted\"\t,\n tab");
	free(q.coros[0].items[3].type);
	q.coros[0].items[3].type = cp_strdup("%\"class.std::basic_string<char>\" ");
	const char *qi = write_report("q-indented.json", &q, CP_JSON_PRETTY);
	const char *ql = write_report("q-lines.json", &q, 0);
	char *mq[2];
	for (int k = 0; k < 2; k++) {
		cp_set sq = {.keep_text = 1};
		CHECK(cp_set_add_path(&sq, k ? ql : qi, err, sizeof err) == 0);
		CHECK(sq.n == 1);
		f = tmpfile();
		cp_set_write_json(&sq, f);
		mq[k] = slurp(f);
		cp_set_free(&sq);
	}
	CHECK(!strcmp(mq[0], mq[1]));
	HAS(mq[0], "\"status\":\"stock: \\\\ \\\"quoted\\\"\\t,\\n tab\"");
	free(mq[0]);
	free(mq[1]);
	cp_report_free(&q);

	/* Objects not in the writer's form are re-printed as jansson would. */
	const char *odd = tmpfile_("odd.json",
		"{\"source\":\"x\",\"schema_version\":1,\"coroutines\":[{\"zz\":[1.5e3,\"\\u00e9\\/\\u001f\"],"
		"\"variants\":[],\"states\":[],\"status\":\"packed\",\"stock_size\":null,\"packed_size\":16,"
		"\"optimal\":false,\"n\\u0061me\":\"_Z1gv\",\"lower_bound\":16,\"level\":0,\"items\":[],"
		"\"holes\":[],\"demangled\":\"g()\",\"align\":8}]}");
	cp_set so = {.keep_text = 1};
	CHECK(cp_set_add_path(&so, odd, err, sizeof err) == 0);
	CHECK(so.n == 1 && !strcmp(so.e[0].name, "_Z1gv"));
	f = tmpfile();
	cp_set_write_json(&so, f);
	m = slurp(f);
	json_error_t je;
	json_t *j = json_load_file(odd, 0, &je);
	json_t *jc = json_array_get(json_object_get(j, "coroutines"), 0);
	/* with the keys of this coropack that an older one did not write */
	json_object_set_new(jc, "linkage", json_string("external"));
	json_object_set_new(jc, "source", json_null());
	char *jd = json_dumps(jc, JSON_SORT_KEYS | JSON_COMPACT);
	char want[1024];
	snprintf(want, sizeof want, "{\n  \"coroutines\": [\n    %s\n  ],\n  \"schema_version\": 1,\n"
		"  \"source\": null\n}\n", jd ? jd : "");
	if (!CHECK(!strcmp(m, want)))
		printf("%s", m);
	HAS(m, "\"zz\":[1500.0,\"\xc3\xa9/\\u001F\"]");
	free(jd);
	json_decref(j);
	free(m);
	cp_set_free(&so);

	/* An empty set merges into an empty report. */
	cp_set e = {.keep_text = 1};
	f = tmpfile();
	cp_set_write_json(&e, f);
	m = slurp(f);
	CHECK(!strcmp(m, "{\n  \"coroutines\": [],\n  \"schema_version\": 1,\n  \"source\": null\n}\n"));
	free(m);
	cp_set_free(&e);

	/* A directory without reports is an error. */
	snprintf(dir, sizeof dir, "%s/reports/sub/empty", tmpdir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
	CHECK(system(cmd) == 0);
	cp_set n = {0};
	CHECK(cp_set_add_path(&n, dir, err, sizeof err) < 0 && strstr(err, "empty: no *.json reports"));
	cp_set_free(&n);

	cp_report_free(&a);
	cp_report_free(&b);
	cp_report_free(&c);
}

/* Deduplication is linear: 200000 copies of 100000 names. */
static void test_merge_many(void)
{
	FILE *f;
	char path[2][160], err[256];
	for (int k = 0; k < 2; k++) {
		snprintf(path[k], sizeof path[k], "%s/many%d.json", tmpdir, k);
		f = fopen(path[k], "w");
		fputs("{\"coroutines\": [", f);
		for (int i = 0; i < 100000; i++)
			fprintf(f, "%s{\"align\": 8, \"demangled\": null, \"holes\": [], \"items\": [], \"level\": 2, "
				"\"lower_bound\": 16, \"name\": \"c%d\", \"optimal\": true, \"packed_size\": %d, "
				"\"states\": [], \"status\": \"packed\", \"stock_size\": 32, \"variants\": []}",
				i ? ", " : "", i, 16 + 8 * k * (i % 2));
		fputs("], \"schema_version\": 1, \"source\": null}", f);
		fclose(f);
	}
	cp_set s = {0};
	CHECK(cp_set_add_path(&s, path[0], err, sizeof err) == 0);
	CHECK(cp_set_add_path(&s, path[1], err, sizeof err) == 0);
	CHECK(s.n == 100000 && s.ncopies == 200000 && s.ndisagree == 50000);
	cp_set_sort(&s);
	CHECK(!strcmp(s.e[0].name, "c0") && !strcmp(s.e[1].name, "c1") && !strcmp(s.e[2].name, "c10"));
	CHECK(cp_set_find(&s, "c99999", NULL) && cp_set_find(&s, "c99999", NULL)->packed_size == 24);
	cp_totals t;
	cp_set_totals(&s, &t);
	CHECK(t.n == 100000 && t.packed == 50000u * 16 + 50000u * 24 && t.stock == 3200000);
	cp_set_free(&s);
}

/* --- summary -------------------------------------------------------------- */

static cp_set set_of(const cp_report *r, const char *name)
{
	char err[256];
	cp_set s = {0};
	if (!CHECK(cp_set_add_path(&s, write_report(name, r, 0), err, sizeof err) == 0))
		printf("  %s\n", err);
	cp_set_sort(&s);
	return s;
}

static void test_summary(void)
{
	cp_report r = {0};
	coro(&r, "_Z1av", "a()", 48, 64, "packed");          /* saved 16 */
	coro(&r, "_Z1bv", "b()", 64, 64, "stock: byval");     /* saved 0 */
	coro(&r, "_Z1cv", "c()", 48, 96, "packed");           /* saved 48 */
	coro(&r, "_Z1dv", NULL, 24, 0, "packed");             /* stock unknown */
	cp_set s = set_of(&r, "summary.json");
	cp_totals t;
	cp_set_totals(&s, &t);
	CHECK(t.n == 4 && t.nstock == 1 && t.nunknown == 1);
	CHECK(t.packed == 184 && t.stock == 64 + 64 + 96 + 24 && t.saved == 64);

	size_t idx[4];
	const char *want[4][4] = {
		{"_Z1bv", "_Z1av", "_Z1cv", "_Z1dv"}, /* packed: 64, 48 a, 48 c, 24 */
		{"_Z1cv", "_Z1av", "_Z1bv", "_Z1dv"}, /* stock: 96, 64 a, 64 b, unknown */
		{"_Z1cv", "_Z1av", "_Z1bv", "_Z1dv"}, /* saved: 48, 16, 0, unknown */
		{"_Z1dv", "_Z1av", "_Z1bv", "_Z1cv"}, /* name: _Z1dv, a(), b(), c() */
	};
	for (int k = 0; k < 4; k++) {
		cp_set_order(&s, (cp_sort)k, idx);
		int ok = 1;
		for (int i = 0; i < 4; i++)
			ok &= !strcmp(s.e[idx[i]].name, want[k][i]);
		if (!check(ok, "summary order", __LINE__))
			printf("  sort %d: %s %s %s %s\n", k, s.e[idx[0]].name, s.e[idx[1]].name,
				s.e[idx[2]].name, s.e[idx[3]].name);
	}

	FILE *f = tmpfile();
	CHECK(cp_summary_write(&s, f, CP_SORT_PACKED, 2, 0) == 0);
	char *o = slurp(f);
	HAS(o, "    PACKED      STOCK      SAVED       %  COROUTINE\n");
	HAS(o, "        64         64          0    0.0%  b()  [stock: byval]\n"
		"        48         64         16   25.0%  a()\n");
	HAS(o, "[2 more]\n");
	HAS(o, "       184        248         64   25.8%  TOTAL: 4 coroutines, 1 left stock, "
		"1 of unknown stock size (counted as saving nothing)\n");
	LACKS(o, "c()");
	free(o);

	f = tmpfile();
	CHECK(cp_summary_write(&s, f, CP_SORT_NAME, 0, 0) == 0);
	o = slurp(f);
	HAS(o, "        24          ?          ?       ?  _Z1dv\n");
	LACKS(o, "more]");
	free(o);

	f = tmpfile();
	CHECK(cp_summary_write(&s, f, CP_SORT_SAVED, 1, 1) == 0);
	o = slurp(f);
	json_error_t je;
	json_t *j = json_loads(o, 0, &je);
	CHECK(j && json_array_size(json_object_get(j, "coroutines")) == 1);
	CHECK(json_integer_value(json_object_get(j, "more")) == 3);
	CHECK(!strcmp(json_string_value(json_object_get(j, "sort")), "saved"));
	json_t *tot = json_object_get(j, "total");
	CHECK(json_integer_value(json_object_get(tot, "packed")) == 184);
	CHECK(json_integer_value(json_object_get(tot, "saved")) == 64);
	CHECK(json_integer_value(json_object_get(tot, "left_stock")) == 1);
	HAS(o, "\"name\": \"_Z1cv\"");
	json_decref(j);
	free(o);
	cp_set_free(&s);
	cp_report_free(&r);
}

/* --- diff ------------------------------------------------------------------ */

static void test_threshold(void)
{
	cp_threshold t;
	CHECK(cp_threshold_parse("0", &t) == 0 && !t.percent && t.value == 0);
	CHECK(cp_threshold_parse("64", &t) == 0 && !t.percent && t.value == 64);
	CHECK(cp_threshold_parse("2.5%", &t) == 0 && t.percent && t.value == 2.5);
	CHECK(cp_threshold_parse("0%", &t) == 0 && t.percent);
	CHECK(cp_threshold_parse("", &t) < 0);
	CHECK(cp_threshold_parse("-1", &t) < 0);
	CHECK(cp_threshold_parse("5 %", &t) < 0);
	CHECK(cp_threshold_parse("%", &t) < 0);
	CHECK(cp_threshold_parse("1.5", &t) < 0);
	CHECK(cp_threshold_parse("12kb", &t) < 0);
	CHECK(cp_threshold_parse("inf%", &t) < 0);
	CHECK(cp_threshold_parse("99999999999999999999999", &t) < 0);

	cp_threshold_parse("0", &t);
	CHECK(cp_threshold_exceeded(&t, 48, 56, 0));
	CHECK(!cp_threshold_exceeded(&t, 48, 48, 0));
	CHECK(!cp_threshold_exceeded(&t, 56, 48, 0));
	CHECK(cp_threshold_exceeded(&t, 0, 8, 1));
	cp_threshold_parse("8", &t);
	CHECK(!cp_threshold_exceeded(&t, 48, 56, 0));
	CHECK(cp_threshold_exceeded(&t, 48, 57, 0));
	CHECK(!cp_threshold_exceeded(&t, 0, 8, 1));
	CHECK(cp_threshold_exceeded(&t, 0, 16, 1));
	cp_threshold_parse("10%", &t);
	CHECK(!cp_threshold_exceeded(&t, 80, 88, 0));
	CHECK(cp_threshold_exceeded(&t, 80, 96, 0));
	CHECK(cp_threshold_exceeded(&t, 0, 8, 1));
}

static void test_diff(void)
{
	cp_report a = {0}, b = {0};
	coro(&a, "_Z4growv", "grow()", 48, 64, "packed");
	coro(&a, "_Z6shrinkv", "shrink()", 64, 64, "packed");
	coro(&a, "_Z4samev", "same()", 48, 64, "packed");
	coro(&a, "_Z4gonev", "gone()", 56, 64, "packed");
	coro(&a, "_Z5creepv", "creep()", 80, 96, "packed");
	coro(&b, "_Z4growv", "grow()", 72, 64, "packed");
	coro(&b, "_Z6shrinkv", "shrink()", 48, 64, "packed");
	coro(&b, "_Z4samev", "same()", 48, 64, "packed");
	coro(&b, "_Z5freshv", "fresh()", 8, 0, "stock: tiny");
	coro(&b, "_Z5creepv", "creep()", 88, 96, "packed");
	cp_set o = set_of(&a, "old.json"), n = set_of(&b, "new.json");
	cp_threshold t;
	cp_diff d;

	cp_threshold_parse("0", &t);
	CHECK(cp_diff_build(&o, &n, &t, &d) == 0);
	CHECK(d.n == 5 && d.nsame == 1 && d.ngrew == 2 && d.nshrank == 1 && d.nnew == 1 && d.nremoved == 1);
	CHECK(d.old_total == 48 + 64 + 48 + 56 + 80 && d.new_total == 72 + 48 + 48 + 8 + 88);
	CHECK(d.nexceed == 3);
	/* by |delta|: gone -56, grow +24, shrink -16, fresh +8, creep +8 */
	CHECK(d.d[0].change == CP_REMOVED && d.d[0].delta == -56 && !d.d[0].after);
	CHECK(d.d[1].change == CP_GREW && d.d[1].delta == 24 && d.d[1].exceeds);
	CHECK(d.d[2].change == CP_SHRANK && d.d[2].delta == -16 && !d.d[2].exceeds);
	CHECK(d.d[3].change == CP_GREW && !strcmp(d.d[3].after->name, "_Z5creepv"));
	CHECK(d.d[4].change == CP_NEW && d.d[4].delta == 8 && d.d[4].exceeds && !d.d[4].before);

	FILE *f = tmpfile();
	CHECK(cp_diff_write_text(&d, f) == 0);
	char *s = slurp(f);
	HAS(s, "       %     DELTA      OLD      NEW  COROUTINE\n");
	HAS(s, "   [DEL]       -56       56        -  gone()\n");
	HAS(s, "  +50.0%       +24       48       72  grow()  [over threshold]\n");
	HAS(s, "  -25.0%       -16       64       48  shrink()\n");
	HAS(s, "   [NEW]        +8        -        8  fresh()  [over threshold]\n");
	HAS(s, "  -10.8%       -32      296      264  TOTAL (2 grew, 1 shrank, 1 new, 1 removed, 1 unchanged)\n");
	LACKS(s, "same()");
	free(s);

	f = tmpfile();
	CHECK(cp_diff_write_json(&d, &t, f) == 0);
	s = slurp(f);
	json_error_t je;
	json_t *j = json_loads(s, 0, &je);
	CHECK(j && json_array_size(json_object_get(j, "changes")) == 5);
	CHECK(json_integer_value(json_object_get(j, "exceeded")) == 3);
	json_t *c0 = json_array_get(json_object_get(j, "changes"), 0);
	CHECK(!strcmp(json_string_value(json_object_get(c0, "change")), "removed"));
	CHECK(json_is_null(json_object_get(c0, "new_size")) && json_is_null(json_object_get(c0, "percent")));
	CHECK(json_integer_value(json_object_get(json_object_get(j, "total"), "delta")) == -32);
	json_decref(j);
	free(s);
	cp_diff_free(&d);

	cp_threshold_parse("8", &t);
	cp_diff_build(&o, &n, &t, &d);
	CHECK(d.nexceed == 1 && d.d[1].exceeds && !d.d[3].exceeds && !d.d[4].exceeds);
	cp_diff_free(&d);
	cp_threshold_parse("20%", &t);
	cp_diff_build(&o, &n, &t, &d);
	CHECK(d.nexceed == 2); /* grow +50%, fresh (new) */
	cp_diff_free(&d);
	/* the total shrank: no total growth */
	cp_threshold_parse("0", &t);
	t.total = 1;
	cp_diff_build(&o, &n, &t, &d);
	CHECK(d.nexceed == 0 && !d.d[1].exceeds);
	cp_diff_free(&d);
	cp_diff_build(&n, &o, &t, &d);
	CHECK(d.nexceed == 1);
	cp_diff_free(&d);

	/* identical sets */
	cp_diff_build(&o, &o, &t, &d);
	CHECK(d.n == 0 && d.nsame == 5 && d.nexceed == 0 && d.old_total == d.new_total);
	cp_diff_free(&d);

	cp_set_free(&o);
	cp_set_free(&n);
	cp_report_free(&a);
	cp_report_free(&b);
}

/* --- the picture ------------------------------------------------------------ */

static void test_picture(void)
{
	cp_report r = {0};
	char err[256] = "";
	r.source = cp_strdup("pic<&>.cpp");
	coro(&r, "_Z1fv", "task<int> f()", 48, 64, "packed");
	coro(&r, "_Z1gv", "g()", 24, 24, "stock: dynamic alloca");
	cp_coroutine *h = cp_report_add(&r);
	h->name = cp_strdup("_Z1hv");
	cp_coroutine_set_status(h, CP_STATUS_STOCK, "byval argument");
	h->packed_size = h->stock_size = 40;
	cp_coroutine *c = &r.coros[0];
	FILE *f = tmpfile();
	CHECK(cp_report_write_picture(&r, f, 0, err, sizeof err) == 0);
	char *d = slurp(f);
	HAS(d, "layout_0");
	HAS(d, "layout_1");
	HAS(d, "<B>task&lt;int&gt; f()</B>");
	HAS(d, "48 bytes (stock 64, saved 16, 25.0%), lower bound 48, optimal");
	HAS(d, ">Unresumed</B>");
	HAS(d, ">Returned</B>");
	HAS(d, "<I>__resume_fn</I>");
	HAS(d, "<B>__coro_index</B>");
	HAS(d, "padding 7 bytes");
	HAS(d, "COLSPAN=\"2\""); /* c: Suspend0 and Suspend1 */
	HAS(d, "no frame items: the frame is LLVM's own");
	HAS(d, "stock: dynamic alloca");
	HAS(d, "derived from the live states");
	HAS(d, "pic&lt;&amp;&gt;.cpp");
	LACKS(d, "invalid layout");
	/* prefix and index edges are left out: c0_5 (c) -- c0_3 (a) stays */
	HAS(d, "c0_3 -- c0_5");
	LACKS(d, "c0_0 -- c0_");
	LACKS(d, "c0_6 -- c0_");
	LACKS(d, "c0_5 -- c0_6");
	LACKS(d, "c0_2 -- c0_3");
	free(d);

	f = tmpfile();
	CHECK(cp_report_write_picture(&r, f, CP_PICTURE_HEX, err, sizeof err) == 0);
	d = slurp(f);
	HAS(d, ">0x18<");
	free(d);

	c->items[5].offset = 24; /* c onto a and b: live together in Suspend0 */
	f = tmpfile();
	CHECK(cp_report_write_picture(&r, f, 0, err, sizeof err) == 0);
	d = slurp(f);
	HAS(d, "invalid layout: 2 cells owned twice, e.g. by a and c");
	free(d);
	c->items[5].offset = 32;

	char *data = NULL;
	size_t len = 0;
	CHECK(cp_report_render(&r, "svg", 0, &data, &len, err, sizeof err) == 0);
	CHECK(data && len > 100 && strstr(data, "<svg") && strstr(data, "__coro_index"));
	free(data);
	if (!CHECK(cp_report_render(&r, "png", 0, &data, &len, err, sizeof err) == 0))
		printf("  %s\n", err);
	CHECK(data && len > 8 && !memcmp(data, "\x89PNG", 4));
	free(data);
	CHECK(cp_report_render(&r, "nosuchformat", 0, &data, &len, err, sizeof err) < 0 && !data);
	CHECK(strstr(err, "graphviz: cannot render nosuchformat"));

	cp_report empty = {0};
	CHECK(cp_report_render(&empty, "svg", 0, &data, &len, err, sizeof err) == 0);
	free(data);
	cp_report_free(&r);
}

/* Report-form text mutated at random (a byte replaced, dropped or
 * doubled): the set accepts exactly what cp_report_read_json accepts, and
 * reads the same sizes. Covers reading a coroutine at a time and falling
 * back to loading the whole file. */
static void test_mutations(void)
{
	cp_report r = {0};
	coro(&r, "_Z1fv", "f()", 48, 64, "packed");
	coro(&r, "gen", NULL, 24, 0, "stock: dynamic alloca");
	char *c = json_of(&r, 0), *m = malloc(strlen(c) + 2);
	static const char pick[] = "\"\\{}[],:0-.e \n\x01\xc3\xa9ntu/9";
	uint64_t x = 88172645463325252u;
	size_t len = strlen(c), agree = 0, accepted = 0;
	for (int k = 0; k < 2000; k++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		size_t at = (x >> 8) % len, n = 0;
		int how = (int)(x % 3);
		memcpy(m, c, at);
		n = at;
		if (how == 0)
			m[n++] = pick[(x >> 40) % (sizeof pick - 1)];
		else if (how == 2)
			m[n++] = c[at], m[n++] = c[at];
		memcpy(m + n, c + at + 1, len - at - 1);
		n += len - at - 1;
		m[n] = 0;
		const char *path = tmpfile_("mutant.json", m);
		char e1[512], e2[512];
		cp_report back = {0};
		cp_set st = {0};
		int a = cp_report_read_json(path, &back, e1, sizeof e1);
		int b = cp_set_add_path(&st, path, e2, sizeof e2);
		int same = a == b;
		if (same && a == 0) {
			accepted++;
			same = st.ncopies == back.ncoros;
			for (size_t i = 0; same && i < back.ncoros; i++) {
				const cp_coroutine *bc = &back.coros[i];
				const cp_entry *e = cp_set_find(&st, bc->name, !bc->internal ? NULL
					: bc->source ? bc->source : back.source ? back.source : path);
				same = e && e->packed_size == back.coros[i].packed_size && e->stock_size == back.coros[i].stock_size
				    && e->status == bc->status
				    && !strcmp(e->detail ? e->detail : "", bc->detail ? bc->detail : "");
			}
		}
		agree += (size_t)same;
		if (!same)
			printf("  mutant %d (%d at %zu): reader %d (%s), set %d (%s)\n", k, how, at, a, e1, b, e2);
		cp_report_free(&back);
		cp_set_free(&st);
	}
	CHECK(agree == 2000);
	if (!CHECK(accepted > 200 && accepted < 700))
		printf("  %zu accepted\n", accepted);
	free(m);
	free(c);
	cp_report_free(&r);
}

/* Files read by several threads: the same set, merged bytes, notes and
 * first error as one thread reading them in turn. */
static char *merged_with(int threads, const char *const *paths, size_t n, char *err, size_t errlen)
{
	cp_set s = {.keep_text = 1, .threads = threads};
	char *out = NULL;
	if (cp_set_add_paths(&s, paths, n, err, errlen) == 0) {
		cp_set_sort(&s);
		FILE *f = tmpfile();
		fprintf(f, "%zu files, %zu copies, %zu disagree\n", s.nfiles, s.ncopies, s.ndisagree);
		for (size_t k = 0; k < s.n; k++)
			fprintf(f, "%s %zu %zu %zu\n", s.e[k].name, s.e[k].file, s.e[k].min_file, s.e[k].copies);
		cp_set_write_notes(&s, f);
		cp_set_write_json(&s, f);
		out = slurp(f);
	}
	cp_set_free(&s);
	return out;
}

static void test_threads(void)
{
	char dir[200], empty[200], cmd[512], name[64], err[512], err1[512];
	snprintf(dir, sizeof dir, "%s/many", tmpdir);
	snprintf(empty, sizeof empty, "%s/none", tmpdir);
	snprintf(cmd, sizeof cmd, "mkdir -p %s %s", dir, empty);
	CHECK(system(cmd) == 0);
	/* 40 reports, every other one indented; coroutine i in reports i % 40
	 * and (i * 7) % 40, of a size that differs in some second copies */
	for (int r = 0; r < 40; r++) {
		cp_report rep = {0};
		for (int i = 0; i < 200; i++) {
			char nm[32], dem[32];
			int second = (i * 7) % 40 == r && i % 40 != r;
			if (i % 40 != r && !second)
				continue;
			snprintf(nm, sizeof nm, "_Z1c%d", i);
			snprintf(dem, sizeof dem, "c%d()", i);
			coro(&rep, nm, dem, 48 + (second && i % 3 == 0 ? 8 : 0), 64, "packed");
		}
		snprintf(name, sizeof name, "many/r%02d.json", r);
		write_report(name, &rep, r % 2 ? CP_JSON_PRETTY : 0);
		cp_report_free(&rep);
	}
	const char *paths[] = {dir, tmpfile_("extra.json", "{\"coroutines\": [], \"schema_version\": 1, \"source\": null}")};
	char *one = merged_with(1, paths, 2, err, sizeof err);
	if (!CHECK(one))
		printf("  %s\n", err);
	HAS(one, "41 files, 390 copies, ");
	HAS(one, "copies disagree in size");
	/* the same, whatever the number of threads, and called path by path */
	for (int t = 0; t <= 8; t++) {
		char *m = merged_with(t, paths, 2, err, sizeof err);
		if (!CHECK(m && one && !strcmp(m, one)))
			printf("  %d threads\n", t);
		free(m);
	}
	cp_set a = {.keep_text = 1, .threads = 1};
	CHECK(cp_set_add_path(&a, dir, err, sizeof err) == 0 && cp_set_add_path(&a, paths[1], err, sizeof err) == 0);
	cp_set_sort(&a);
	FILE *f = tmpfile();
	fprintf(f, "%zu files, %zu copies, %zu disagree\n", a.nfiles, a.ncopies, a.ndisagree);
	for (size_t k = 0; k < a.n; k++)
		fprintf(f, "%s %zu %zu %zu\n", a.e[k].name, a.e[k].file, a.e[k].min_file, a.e[k].copies);
	cp_set_write_notes(&a, f);
	cp_set_write_json(&a, f);
	char *seq = slurp(f);
	CHECK(one && !strcmp(seq, one));
	free(seq);
	cp_set_free(&a);
	free(one);

	/* broken reports at 5 and 30 (and an empty directory after them): the
	 * message is report 5's for any number of threads */
	tmpfile_("many/r05.json", "{\"coroutines\": [1], \"schema_version\": 1, \"source\": null}");
	tmpfile_("many/r30.json", "{\"coroutines\": [");
	const char *bad[] = {paths[1], dir, empty};
	CHECK(!merged_with(1, bad, 3, err1, sizeof err1));
	if (!CHECK(strstr(err1, "r05.json: coroutines[0]: expected an object, got an integer")))
		printf("  %s\n", err1);
	for (int t = 2; t <= 8; t += 3) {
		CHECK(!merged_with(t, bad, 3, err, sizeof err));
		CHECK(!strcmp(err, err1));
	}
	/* a directory without reports before them: its message */
	const char *bad2[] = {paths[1], empty, dir};
	for (int t = 1; t <= 4; t += 3) {
		CHECK(!merged_with(t, bad2, 3, err, sizeof err));
		CHECK(strstr(err, "none: no *.json reports in this directory"));
	}
	/* a missing file among them */
	const char *bad3[] = {"/nonexistent/r.json", dir};
	CHECK(!merged_with(2, bad3, 2, err, sizeof err));
	CHECK(!strcmp(err, "/nonexistent/r.json: No such file or directory"));
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/coropack-test-tools.XXXXXX");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_reader();
	test_merge();
	test_merge_many();
	test_mutations();
	test_threads();
	test_summary();
	test_threshold();
	test_diff();
	test_picture();

	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("could not remove %s\n", tmpdir);
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
