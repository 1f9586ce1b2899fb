/* Build-wide totals and the top frames of a report set (report.h). The
 * merge itself is the set: cp_set_add_path deduplicates, cp_set_write_json
 * writes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* qsort_r */
#endif
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coropack/report.h"

static const char *shown(const cp_entry *e) { return e->demangled ? e->demangled : e->name; }

static int isstock(const cp_entry *e) { return e->status == CP_STATUS_STOCK; }

void cp_set_totals(const cp_set *s, cp_totals *t)
{
	memset(t, 0, sizeof *t);
	for (size_t k = 0; k < s->n; k++) {
		const cp_entry *e = &s->e[k];
		t->n++;
		t->nstock += (size_t)isstock(e);
		t->nunknown += (size_t)!e->stock_size;
		t->packed += e->packed_size;
		t->stock += e->stock_size ? e->stock_size : e->packed_size;
	}
	t->saved = (int64_t)(t->stock - t->packed);
}

typedef struct ordctx {
	const cp_entry *e;
	cp_sort by;
} ordctx;

/* Saved bytes, with unknown stock sizes below every known saving. */
static int cmpsaved(const cp_entry *a, const cp_entry *b)
{
	if (!a->stock_size || !b->stock_size)
		return !a->stock_size - !b->stock_size;
	int64_t sa = (int64_t)(a->stock_size - a->packed_size), sb = (int64_t)(b->stock_size - b->packed_size);
	return (sa < sb) - (sa > sb);
}

/* qsort_r with an ordctx. */
static int byorder(const void *pa, const void *pb, void *vc)
{
	const ordctx *k = vc;
	const cp_entry *a = &k->e[*(const size_t *)pa], *b = &k->e[*(const size_t *)pb];
	int c = 0;
	switch (k->by) {
	case CP_SORT_PACKED: c = (a->packed_size < b->packed_size) - (a->packed_size > b->packed_size); break;
	case CP_SORT_STOCK: c = (a->stock_size < b->stock_size) - (a->stock_size > b->stock_size); break;
	case CP_SORT_SAVED: c = cmpsaved(a, b); break;
	case CP_SORT_NAME: break;
	}
	if (!c)
		c = strcmp(shown(a), shown(b));
	if (!c)
		c = strcmp(a->name, b->name);
	if (c || a->source == b->source)
		return c;
	if (!a->source || !b->source)
		return a->source ? 1 : -1;
	return strcmp(a->source, b->source);
}

void cp_set_order(const cp_set *s, cp_sort sort, size_t *idx)
{
	for (size_t k = 0; k < s->n; k++)
		idx[k] = k;
	qsort_r(idx, s->n, sizeof *idx, byorder, &(ordctx){s->e, sort});
}

static const char *const sortname[] = {"packed", "stock", "saved", "name"};

static double pct(int64_t part, uint64_t whole) { return whole ? 100.0 * (double)part / (double)whole : 0.0; }

static void row(FILE *o, const cp_entry *e)
{
	fprintf(o, "%10" PRIu64, e->packed_size);
	if (e->stock_size) {
		int64_t saved = (int64_t)(e->stock_size - e->packed_size);
		fprintf(o, " %10" PRIu64 " %10" PRId64 " %6.1f%%", e->stock_size, saved, pct(saved, e->stock_size));
	} else {
		fprintf(o, " %10s %10s %7s", "?", "?", "?");
	}
	fprintf(o, "  %s", shown(e));
	if (e->source)
		fprintf(o, "  [internal to %s]", e->source);
	char st[512];
	if (isstock(e))
		fprintf(o, "  [%s]", cp_status_format(st, sizeof st, e->status, e->detail));
	fputc('\n', o);
}

static int text(const cp_set *s, FILE *o, const size_t *idx, size_t top)
{
	cp_totals t;
	cp_set_totals(s, &t);
	fprintf(o, "%10s %10s %10s %7s  %s\n", "PACKED", "STOCK", "SAVED", "%", "COROUTINE");
	for (size_t k = 0; k < top; k++)
		row(o, &s->e[idx[k]]);
	if (top < s->n)
		fprintf(o, "%10s %10s %10s %7s  [%zu more]\n", "...", "...", "...", "", s->n - top);
	fprintf(o, "%10" PRIu64 " %10" PRIu64 " %10" PRId64 " %6.1f%%  TOTAL: %zu coroutine%s",
		t.packed, t.stock, t.saved, pct(t.saved, t.stock), t.n, t.n == 1 ? "" : "s");
	if (t.nstock)
		fprintf(o, ", %zu left stock", t.nstock);
	if (t.nunknown)
		fprintf(o, ", %zu of unknown stock size (counted as saving nothing)", t.nunknown);
	fputc('\n', o);
	return ferror(o) ? -1 : 0;
}

static json_t *juint(uint64_t v) { return v > INT64_MAX ? NULL : json_integer((json_int_t)v); }

static json_t *jentry(const cp_entry *e)
{
	json_t *o = json_object();
	int err = 0;
	err |= json_object_set_new(o, "name", json_string(e->name));
	err |= json_object_set_new(o, "demangled", e->demangled ? json_string(e->demangled) : json_null());
	err |= json_object_set_new(o, "source", e->source ? json_string(e->source) : json_null());
	char st[512];
	err |= json_object_set_new(o, "status", json_string(cp_status_format(st, sizeof st, e->status, e->detail)));
	err |= json_object_set_new(o, "packed_size", juint(e->packed_size));
	err |= json_object_set_new(o, "stock_size", e->stock_size ? juint(e->stock_size) : json_null());
	err |= json_object_set_new(o, "saved", e->stock_size
		? json_integer((json_int_t)(e->stock_size - e->packed_size)) : json_null());
	if (err) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int jsonout(const cp_set *s, FILE *o, const size_t *idx, size_t top, cp_sort sort)
{
	cp_totals t;
	cp_set_totals(s, &t);
	json_t *root = json_object(), *list = json_array(), *tot = json_object();
	int err = 0;
	for (size_t k = 0; k < top && list; k++)
		err |= json_array_append_new(list, jentry(&s->e[idx[k]]));
	err |= json_object_set_new(tot, "coroutines", json_integer((json_int_t)t.n));
	err |= json_object_set_new(tot, "left_stock", json_integer((json_int_t)t.nstock));
	err |= json_object_set_new(tot, "unknown_stock", json_integer((json_int_t)t.nunknown));
	err |= json_object_set_new(tot, "stock", juint(t.stock));
	err |= json_object_set_new(tot, "packed", juint(t.packed));
	err |= json_object_set_new(tot, "saved", json_integer(t.saved));
	err |= json_object_set_new(tot, "saved_percent", json_real(pct(t.saved, t.stock)));
	err |= json_object_set_new(root, "sort", json_string(sortname[sort]));
	err |= json_object_set_new(root, "coroutines", list);
	err |= json_object_set_new(root, "more", json_integer((json_int_t)(s->n - top)));
	err |= json_object_set_new(root, "total", tot);
	if (!err)
		err = json_dumpf(root, o, JSON_SORT_KEYS | JSON_INDENT(2)) || fputc('\n', o) == EOF;
	json_decref(root);
	return err || ferror(o) ? -1 : 0;
}

int cp_summary_write(const cp_set *s, FILE *out, cp_sort sort, size_t top, int json)
{
	size_t *idx = malloc((s->n + 1) * sizeof *idx);
	if (!idx)
		return -1;
	cp_set_order(s, sort, idx);
	if (!top || top > s->n)
		top = s->n;
	int rc = json ? jsonout(s, out, idx, top, sort) : text(s, out, idx, top);
	free(idx);
	return rc;
}
