/* The frame model as text (report.h), and the layout queries the writers
 * share. Two views per coroutine:
 *
 *   - pahole's: stored items by offset, one line each ("offset size@align"
 *     comment, name, type, kind, live states), holes inline, items that
 *     share bytes (necessarily in states that never coexist) grouped in a
 *     union, other items as comments, and a footer with the sizes;
 *   - rustc -Zprint-type-sizes': one variant per state with the stored
 *     items live in it; its size is the sum of their sizes.
 *
 * Live states are abbreviated: Unresumed U, SuspendN SN, Returned R, other
 * names in full; a run of three or more states in state order is "A-B". */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bitset.h"
#include "coropack/report.h"

size_t cp_frame_sorted(const cp_coroutine *c, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nitems; i++) {
		uint64_t off = c->items[i].offset;
		if (off == CP_NO_OFFSET)
			continue;
		size_t k = n++;
		for (; k > 0 && c->items[idx[k - 1]].offset > off; k--)
			idx[k] = idx[k - 1];
		idx[k] = i;
	}
	return n;
}

size_t cp_frame_holes(const cp_coroutine *c, const size_t *idx, size_t n, cp_range *h)
{
	uint64_t end = 0, lim = c->packed_size;
	size_t nh = 0;
	for (size_t k = 0; k < n; k++) {
		const cp_item *it = &c->items[idx[k]];
		if (!it->size)
			continue;
		if (it->offset > end && end < lim)
			h[nh++] = (cp_range){end, (it->offset < lim ? it->offset : lim) - end};
		if (it->offset + it->size > end)
			end = it->offset + it->size;
	}
	if (end < lim)
		h[nh++] = (cp_range){end, lim - end};
	return nh;
}

typedef struct tw {
	FILE *out;
	unsigned flags;
	const cp_coroutine *c;
	int woff, wsize, walign, wname, wtype, wkind; /* column widths */
} tw;

static int ndigits(uint64_t v, int hex)
{
	int n = hex ? 3 : 1;
	while (v >= (hex ? 16u : 10u)) {
		v /= hex ? 16 : 10;
		n++;
	}
	return n;
}

/* An offset right-aligned in width columns (0: no padding). */
static void off(tw *w, int width, uint64_t v)
{
	int pad = width - ndigits(v, 1);
	if (w->flags & CP_TEXT_HEX)
		fprintf(w->out, "%*s0x%" PRIx64, pad > 0 ? pad : 0, "", v);
	else
		fprintf(w->out, "%*" PRIu64, width, v);
}

static int has(const cp_coroutine *c, const cp_item *it, size_t s)
{
	return s < c->nstates && cp_bs_has(it->live, s);
}

static void sname(FILE *o, const char *s)
{
	if (!strcmp(s, "Unresumed"))
		fputc('U', o);
	else if (!strcmp(s, "Returned"))
		fputc('R', o);
	else if (!strncmp(s, "Suspend", 7) && s[7] && strspn(s + 7, "0123456789") == strlen(s + 7))
		fprintf(o, "S%s", s + 7);
	else
		fputs(s, o);
}

static void live(tw *w, const cp_item *it)
{
	const cp_coroutine *c = w->c;
	size_t n = 0;
	for (size_t s = 0; s < c->nstates; s++)
		n += has(c, it, s);
	fputs("live: ", w->out);
	if (!n) {
		fputs("none", w->out);
		return;
	}
	if (n == c->nstates) {
		fputs("all", w->out);
		return;
	}
	const char *sep = "";
	for (size_t s = 0; s < c->nstates; s++) {
		if (!has(c, it, s))
			continue;
		size_t e = s;
		while (has(c, it, e + 1))
			e++;
		fputs(sep, w->out);
		sname(w->out, c->states[s].name);
		if (e >= s + 2) {
			fputc('-', w->out);
			sname(w->out, c->states[e].name);
			s = e;
		}
		sep = " ";
	}
}

static int min(int a, int b) { return a < b ? a : b; }

static void widths(tw *w, const size_t *idx, size_t n)
{
	w->woff = w->wsize = w->walign = 1;
	w->wname = w->wtype = w->wkind = 0;
	for (size_t k = 0; k < n; k++) {
		const cp_item *it = &w->c->items[idx[k]];
		int l;
		if ((l = ndigits(it->offset, w->flags & CP_TEXT_HEX)) > w->woff)
			w->woff = l;
		if ((l = ndigits(it->size, 0)) > w->wsize)
			w->wsize = l;
		if ((l = ndigits(it->align, 0)) > w->walign)
			w->walign = l;
		if ((l = (int)strlen(it->name)) > w->wname)
			w->wname = min(l, 32);
		if ((l = (int)strlen(it->type)) > w->wtype)
			w->wtype = min(l, 40);
		if ((l = (int)strlen(cp_item_kind_name(it->kind))) > w->wkind)
			w->wkind = l;
	}
}

static void item(tw *w, const cp_item *it, const char *indent)
{
	fprintf(w->out, "%s/* ", indent);
	off(w, w->woff, it->offset);
	fprintf(w->out, " %*" PRIu64 "@%-*" PRIu64 " */ %-*s %-*s %-*s ",
		w->wsize, it->size, w->walign, it->align, w->wname, it->name,
		w->wtype, it->type, w->wkind, cp_item_kind_name(it->kind));
	live(w, it);
	fputc('\n', w->out);
}

/* The stored items idx[0..n) in offset order; a maximal run whose items
 * each start before the end of the bytes covered so far is one union. */
static void layout(tw *w, const size_t *idx, size_t n)
{
	const cp_item *items = w->c->items;
	uint64_t end = 0;
	for (size_t k = 0, j; k < n; k = j) {
		const cp_item *it = &items[idx[k]];
		uint64_t gend = it->offset + it->size;
		for (j = k + 1; j < n && it->size && items[idx[j]].offset < gend; j++)
			if (items[idx[j]].offset + items[idx[j]].size > gend)
				gend = items[idx[j]].offset + items[idx[j]].size;
		if (it->size && it->offset > end)
			fprintf(w->out, "\n\t/* XXX %" PRIu64 " bytes hole */\n\n", it->offset - end);
		if (j - k == 1) {
			item(w, it, "\t");
		} else {
			fputs("\tunion { /* offset ", w->out);
			off(w, 0, it->offset);
			fprintf(w->out, ", size %" PRIu64 " */\n", gend - it->offset);
			for (size_t m = k; m < j; m++)
				item(w, &items[idx[m]], "\t\t");
			fputs("\t};\n", w->out);
		}
		if (gend > end)
			end = gend;
	}
}

static void unstored(tw *w)
{
	const cp_coroutine *c = w->c;
	for (size_t i = 0; i < c->nitems; i++) {
		const cp_item *it = &c->items[i];
		if (it->offset != CP_NO_OFFSET)
			continue;
		fprintf(w->out, "\t/* %s %s: %s, %" PRIu64 "@%" PRIu64 ", %s, ",
			it->remat ? "rematerialized" : "not stored", it->name, it->type,
			it->size, it->align, cp_item_kind_name(it->kind));
		live(w, it);
		fputs(" */\n", w->out);
	}
}

static void footer(tw *w, const size_t *idx, size_t n, const cp_range *h, size_t nh)
{
	const cp_coroutine *c = w->c;
	uint64_t end = 0, sum = 0, pad = 0;
	char st[512];
	if (!n && c->status == CP_STATUS_STOCK) {
		/* No model of the frame LLVM builds: no holes, padding or bound to tell. */
		fprintf(w->out, "\n\t/* size: %" PRIu64 " (stock: ", c->packed_size);
		if (c->stock_size)
			fprintf(w->out, "%" PRIu64, c->stock_size);
		else
			fputs("unknown", w->out);
		fprintf(w->out, ", left %s) */\n", cp_status_format(st, sizeof st, c->status, c->detail));
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const cp_item *it = &c->items[idx[k]];
		if (it->offset + it->size > end)
			end = it->offset + it->size;
	}
	if (nh && h[nh - 1].offset + h[nh - 1].size == c->packed_size && h[nh - 1].offset >= end) {
		pad = h[nh - 1].size;
		nh--;
	}
	for (size_t i = 0; i < nh; i++)
		sum += h[i].size;
	fprintf(w->out, "\n\t/* size: %" PRIu64 " (stock: ", c->packed_size);
	if (c->stock_size)
		fprintf(w->out, "%" PRIu64, c->stock_size);
	else
		fputs("unknown", w->out);
	fprintf(w->out, ", lower bound: %" PRIu64 ", %s), holes: %zu, sum holes: %" PRIu64
		", padding: %" PRIu64, c->lower_bound, cp_coroutine_optimal(c) ? "optimal" : "not proven optimal",
		nh, sum, pad);
	if (c->stock_size) {
		int64_t saved = (int64_t)(c->stock_size - c->packed_size);
		fprintf(w->out, ", saved: %" PRId64 " bytes (%.1f%%)", saved,
			100.0 * (double)saved / (double)c->stock_size);
	}
	fputs(" */\n", w->out);
}

static void variants(tw *w, const size_t *idx, size_t n)
{
	const cp_coroutine *c = w->c;
	fprintf(w->out, "print-type-size type: `%s`: %" PRIu64 " bytes, alignment: %" PRIu64 " bytes\n",
		c->demangled ? c->demangled : c->name, c->packed_size, c->align);
	for (size_t s = 0; s < c->nstates; s++) {
		const cp_state *st = &c->states[s];
		uint64_t bytes = 0;
		for (size_t k = 0; k < n; k++)
			if (has(c, &c->items[idx[k]], s))
				bytes += c->items[idx[k]].size;
		fprintf(w->out, "print-type-size variant `%s` (%s%s%s): %" PRIu64 " bytes\n", st->name,
			cp_state_kind_name(st->kind), st->loc ? ", " : "", st->loc ? st->loc : "", bytes);
		for (size_t k = 0; k < n; k++) {
			const cp_item *it = &c->items[idx[k]];
			if (!has(c, it, s))
				continue;
			fprintf(w->out, "print-type-size     field `%s`: %" PRIu64 " bytes, offset: ",
				it->name, it->size);
			off(w, 0, it->offset);
			fprintf(w->out, ", alignment: %" PRIu64 "\n", it->align);
		}
	}
}

static int coro(tw *w)
{
	const cp_coroutine *c = w->c;
	size_t *idx = malloc((c->nitems + 1) * sizeof *idx);
	cp_range *h = malloc((c->nitems + 1) * sizeof *h);
	if (!idx || !h) {
		free(idx);
		free(h);
		return -1;
	}
	size_t n = cp_frame_sorted(c, idx);
	size_t nh = cp_frame_holes(c, idx, n, h);
	widths(w, idx, n);
	fprintf(w->out, "coroutine %s {\n", c->demangled ? c->demangled : c->name);
	char st[512];
	if (c->status != CP_STATUS_PACKED || c->detail)
		fprintf(w->out, "\t/* %s */\n", cp_status_format(st, sizeof st, c->status, c->detail));
	layout(w, idx, n);
	unstored(w);
	footer(w, idx, n, h, nh);
	fputs("};\n\n", w->out);
	variants(w, idx, n);
	free(idx);
	free(h);
	return 0;
}

int cp_report_write_text_coro(const cp_coroutine *c, size_t i, FILE *out, unsigned flags)
{
	tw w = {.out = out, .flags = flags, .c = c};
	if (i)
		fputc('\n', out);
	if (coro(&w) < 0)
		return -1;
	return ferror(out) ? -1 : 0;
}

int cp_report_write_text(const cp_report *r, FILE *out, unsigned flags)
{
	for (size_t i = 0; i < r->ncoros; i++)
		if (cp_report_write_text_coro(&r->coros[i], i, out, flags) < 0)
			return -1;
	return 0;
}
