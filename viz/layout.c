/* Pictures of frame layouts (viz.h): per coroutine, a table with a column
 * per state and a row per byte range, beside its conflict graph, laid out
 * and rendered in-process by Graphviz (cgraph + gvc).
 *
 * The table. Row boundaries are 0, the frame size and every stored item's
 * start and end, so each stored item covers whole rows; in each state where
 * it is live it owns its rows' cells. Cells go out as maximal rectangles,
 * greedily in row-major order: an item live in consecutive states is one
 * box spanning their columns; free cells merge likewise. A row that no
 * item owns in any state is a hole (or the trailing padding) and spans the
 * whole width. Row heights are affine in bytes, MINH for one byte, so that
 * one-byte items stay readable; the slope shrinks for large frames. Two
 * items live in one state over one byte break the model's invariant: the
 * later one is left out there and the footer says so. */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "bitset.h"
#include "coropack/viz.h"
#include "html.h"

enum { FONT = 9, MAXEDGES = 500 };
static const double MINH = 15;   /* points: a one-byte row, one line of text */
static const double SLOPE = 2.5; /* points per further byte, at most */
static const double HMAX = 900;  /* the bytes column aims at this height */

static const char *const PREFIX = "#cfcfcf", *const INDEX = "#f6b26b", *const FREE = "#ffffff",
	*const HOLE = "#f4cccc";

/* --- text ------------------------------------------------------------------ */


/* Characters of Helvetica at size FONT that fit in w points (an estimate). */
static size_t fits(double w)
{
	double n = (w - 4) / (FONT * 0.56);
	return n < 1 ? 1 : (size_t)n;
}

static void offset(FILE *o, uint64_t v, unsigned flags)
{
	fprintf(o, flags & CP_PICTURE_HEX ? "0x%" PRIx64 : "%" PRIu64, v);
}

static void sname(FILE *o, const char *s, int abbrev)
{
	if (abbrev && !strcmp(s, "Unresumed"))
		fputc('U', o);
	else if (abbrev && !strcmp(s, "Returned"))
		fputc('R', o);
	else if (abbrev && !strncmp(s, "Suspend", 7) && s[7])
		fprintf(o, "S%s", s + 7);
	else
		cp_viz_html(o, s, 12);
}

/* A light color per item, far apart for nearby indices (golden ratio hues). */
static void color(char *buf, size_t k)
{
	/* hues from yellow-green to violet: red is for holes, orange the index */
	double x = 0.5 + (double)(k % 1000) * 0.6180339887;
	double h = 0.14 + 0.76 * (x - (double)(long)x), s = k % 2 ? 0.22 : 0.36, v = 0.97;
	double f = h * 6 - (double)(long)(h * 6), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
	double r, g, b;
	switch ((int)(h * 6) % 6) {
	case 0: r = v, g = t, b = p; break;
	case 1: r = q, g = v, b = p; break;
	case 2: r = p, g = v, b = t; break;
	case 3: r = p, g = q, b = v; break;
	case 4: r = t, g = p, b = v; break;
	default: r = v, g = p, b = q; break;
	}
	snprintf(buf, 8, "#%02x%02x%02x", (int)(r * 255), (int)(g * 255), (int)(b * 255));
}

/* --- the table ------------------------------------------------------------ */

typedef struct grid {
	const cp_coroutine *c;
	size_t ns, nr;
	uint64_t *b;          /* nr + 1 row boundaries */
	int *own;             /* nr * ns: the item owning a cell, or -1 */
	unsigned char *done;  /* nr * ns: emitted */
	unsigned char *hole;  /* per row: 0, 1 hole, 2 padding */
	double *h;            /* per row: points */
	char (*fill)[8];      /* per item */
	int clash[2];         /* two items owning one cell, or -1 */
	size_t nclash;
	double colw;
	int abbrev;
} grid;

static int u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

static int stored(const cp_item *it) { return it->offset != CP_NO_OFFSET && it->size; }

static size_t row(const grid *g, uint64_t off)
{
	size_t lo = 0, hi = g->nr;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (g->b[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void gfree(grid *g)
{
	free(g->b);
	free(g->own);
	free(g->done);
	free(g->hole);
	free(g->h);
	free(g->fill);
}

static int build(grid *g, const cp_coroutine *c)
{
	size_t nb = 0, ns = c->nstates;
	uint64_t end = c->packed_size, last = 0;
	memset(g, 0, sizeof *g);
	g->c = c;
	g->ns = ns;
	g->clash[0] = g->clash[1] = -1;
	if (!(g->b = malloc((2 * c->nitems + 2) * sizeof *g->b)))
		return -1;
	g->b[nb++] = 0;
	for (size_t i = 0; i < c->nitems; i++) {
		const cp_item *it = &c->items[i];
		if (!stored(it))
			continue;
		g->b[nb++] = it->offset;
		g->b[nb++] = it->offset + it->size;
		if (it->offset + it->size > end)
			end = it->offset + it->size;
		if (it->offset + it->size > last)
			last = it->offset + it->size;
	}
	g->b[nb++] = end;
	qsort(g->b, nb, sizeof *g->b, u64cmp);
	size_t k = 0;
	for (size_t i = 0; i < nb; i++)
		if (!k || g->b[i] != g->b[k - 1])
			g->b[k++] = g->b[i];
	g->nr = k - 1;

	size_t cells = g->nr * (ns ? ns : 1);
	g->own = malloc((cells + 1) * sizeof *g->own);
	g->done = calloc(cells + 1, 1);
	g->hole = calloc(g->nr + 1, 1);
	g->h = malloc((g->nr + 1) * sizeof *g->h);
	g->fill = malloc((c->nitems + 1) * sizeof *g->fill);
	if (!g->own || !g->done || !g->hole || !g->h || !g->fill)
		return -1;
	for (size_t i = 0; i < cells; i++)
		g->own[i] = -1;

	size_t ncolor = 0;
	for (size_t i = 0; i < c->nitems; i++) {
		const cp_item *it = &c->items[i];
		switch (it->kind) {
		case CP_ITEM_HEADER:
		case CP_ITEM_PROMISE: strcpy(g->fill[i], PREFIX); break;
		case CP_ITEM_INDEX: strcpy(g->fill[i], INDEX); break;
		default: color(g->fill[i], ncolor++); break; /* as recolor() counts */
		}
		if (!stored(it))
			continue;
		size_t r0 = row(g, it->offset), r1 = row(g, it->offset + it->size);
		for (size_t s = 0; s < ns; s++) {
			if (!cp_bs_has(it->live, s))
				continue;
			for (size_t r = r0; r < r1; r++) {
				int *o = &g->own[r * ns + s];
				if (*o < 0) {
					*o = (int)i;
				} else if (*o != (int)i) {
					if (!g->nclash++) {
						g->clash[0] = *o;
						g->clash[1] = (int)i;
					}
				}
			}
		}
	}

	uint64_t bytes = 0;
	for (size_t r = 0; r < g->nr; r++) {
		int any = 0;
		for (size_t s = 0; s < ns && !any; s++)
			any = g->own[r * ns + s] >= 0;
		if (!any)
			g->hole[r] = g->b[r] >= last ? 2 : 1;
		bytes += g->b[r + 1] - g->b[r];
	}
	double slope = bytes > g->nr ? (HMAX - MINH * (double)g->nr) / (double)(bytes - g->nr) : SLOPE;
	if (slope > SLOPE)
		slope = SLOPE;
	if (slope < 0.5 && bytes <= 2048)
		slope = 0.5;
	if (slope < 0)
		slope = 0;
	for (size_t r = 0; r < g->nr; r++)
		g->h[r] = MINH + slope * (double)(g->b[r + 1] - g->b[r] - 1);

	g->abbrev = ns > 10;
	g->colw = ns <= 4 ? 96 : ns <= 8 ? 72 : ns <= 16 ? 48 : ns <= 40 ? 34 : 28;
	return 0;
}

/* Rows r.. that item i (or free: -1) owns in column s, contiguously. */
static size_t down(const grid *g, size_t r, size_t s, int i)
{
	size_t n = 0;
	while (r + n < g->nr && !g->hole[r + n] && g->own[(r + n) * g->ns + s] == i
	       && !g->done[(r + n) * g->ns + s])
		n++;
	return n;
}

static double height(const grid *g, size_t r, size_t n)
{
	double h = 0;
	for (size_t k = 0; k < n; k++)
		h += g->h[r + k];
	return h;
}

static void cell(FILE *o, const grid *g, size_t r, size_t s)
{
	const cp_coroutine *c = g->c;
	size_t ns = g->ns;
	int i = g->own[r * ns + s];
	size_t nrow = down(g, r, s, i), ncol = 1;
	while (s + ncol < ns && down(g, r, s + ncol, i) >= nrow)
		ncol++;
	for (size_t y = r; y < r + nrow; y++)
		for (size_t x = s; x < s + ncol; x++)
			g->done[y * ns + x] = 1;
	double w = g->colw * (double)ncol, h = height(g, r, nrow);
	fputs("<TD", o);
	if (nrow > 1)
		fprintf(o, " ROWSPAN=\"%zu\"", nrow);
	if (ncol > 1)
		fprintf(o, " COLSPAN=\"%zu\"", ncol);
	if (i < 0) {
		fprintf(o, " BGCOLOR=\"%s\" COLOR=\"#d0d0d0\"></TD>", FREE);
		return;
	}
	const cp_item *it = &c->items[i];
	int prefix = it->kind == CP_ITEM_HEADER || it->kind == CP_ITEM_PROMISE;
	fprintf(o, " BGCOLOR=\"%s\"%s>", g->fill[i], it->kind == CP_ITEM_INDEX ? " STYLE=\"rounded\"" : "");
	size_t max = fits(w) + 1; /* an ellipsis takes a character too */
	fputs(prefix ? "<I>" : it->kind == CP_ITEM_INDEX ? "<B>" : "", o);
	cp_viz_html(o, it->name, max);
	fputs(prefix ? "</I>" : it->kind == CP_ITEM_INDEX ? "</B>" : "", o);
	char sz[48];
	snprintf(sz, sizeof sz, "%" PRIu64 " B%s", it->size, it->kind == CP_ITEM_ALLOCA ? ", alloca" : "");
	if (h >= 2 * MINH - 2 && strlen(sz) <= fits(w))
		fprintf(o, "<BR/><FONT POINT-SIZE=\"%d\">%s</FONT>", FONT - 2, sz);
	else if (strlen(it->name) + strlen(sz) + 1 <= max && h < 2 * MINH - 2)
		fprintf(o, " <FONT POINT-SIZE=\"%d\">%" PRIu64 "</FONT>", FONT - 2, it->size);
	fputs("</TD>", o);
}

static void sizes(FILE *o, const cp_coroutine *c)
{
	fprintf(o, "%" PRIu64 " bytes", c->packed_size);
	if (c->stock_size) {
		int64_t saved = (int64_t)(c->stock_size - c->packed_size);
		fprintf(o, " (stock %" PRIu64 ", saved %" PRId64 ", %.1f%%)", c->stock_size, saved,
			100.0 * (double)saved / (double)c->stock_size);
	} else {
		fputs(" (stock unknown)", o);
	}
}

static void title(FILE *o, const cp_coroutine *c, size_t span, int legend, int abbrev)
{
	fprintf(o, "<TR><TD COLSPAN=\"%zu\" BORDER=\"0\" ALIGN=\"LEFT\"><B>", span);
	cp_viz_html(o, c->demangled ? c->demangled : c->name, 120);
	fputs("</B><BR ALIGN=\"LEFT\"/>", o);
	sizes(o, c);
	if (c->status != CP_STATUS_STOCK)
		fprintf(o, ", lower bound %" PRIu64 "%s", c->lower_bound,
			cp_coroutine_optimal(c) ? ", optimal" : "");
	if (c->status != CP_STATUS_PACKED || c->detail) {
		char st[512];
		fputs("<BR ALIGN=\"LEFT\"/>", o);
		cp_viz_html(o, cp_status_format(st, sizeof st, c->status, c->detail), 120);
		if (legend && c->status == CP_STATUS_STOCK)
			fputs("; below, coropack's layout, not applied", o);
	}
	fputs("<BR ALIGN=\"LEFT\"/>", o);
	if (legend)
		fprintf(o, "<FONT POINT-SIZE=\"8\">%sunder each state its live bytes; <I>grey</I>: ABI prefix, "
			"<B>orange</B>: suspend index, a color per item, white: free in that state, "
			"red: hole</FONT><BR ALIGN=\"LEFT\"/>",
			abbrev ? "U = Unresumed, S<I>n</I> = Suspend<I>n</I>, R = Returned; " : "");
	fputs("</TD></TR>\n", o);
}

static int table(FILE *o, const cp_coroutine *c, unsigned flags)
{
	grid g;
	size_t nstored = 0;
	for (size_t i = 0; i < c->nitems; i++)
		nstored += (size_t)stored(&c->items[i]);
	fprintf(o, "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"1\" COLOR=\"#555555\">\n");
	if (!nstored || !c->nstates) {
		title(o, c, 1, 0, 0);
		fputs("<TR><TD BGCOLOR=\"#eeeeee\" CELLPADDING=\"6\">", o);
		fputs(nstored ? "no suspend states" : "no frame items: the frame is LLVM's own", o);
		fputs("</TD></TR>\n</TABLE>", o);
		return 0;
	}
	if (build(&g, c) < 0) {
		gfree(&g);
		return -1;
	}
	size_t ns = g.ns;
	title(o, c, ns + 1, 1, g.abbrev);

	/* state headers: name, kind, live bytes */
	fputs("<TR><TD BORDER=\"0\" ALIGN=\"RIGHT\" VALIGN=\"BOTTOM\"><FONT POINT-SIZE=\"8\">offset</FONT></TD>", o);
	for (size_t s = 0; s < ns; s++) {
		uint64_t live = 0;
		for (size_t i = 0; i < c->nitems; i++)
			if (stored(&c->items[i]) && cp_bs_has(c->items[i].live, s))
				live += c->items[i].size;
		fprintf(o, "<TD WIDTH=\"%.0f\" BGCOLOR=\"#f3f3f3\"><B>", g.colw);
		sname(o, c->states[s].name, g.abbrev);
		fprintf(o, "</B><BR/><FONT POINT-SIZE=\"%d\">%" PRIu64 "</FONT></TD>", FONT - 2, live);
	}
	fputs("</TR>\n", o);

	for (size_t r = 0; r < g.nr; r++) {
		fprintf(o, "<TR><TD BORDER=\"0\" HEIGHT=\"%.0f\" ALIGN=\"RIGHT\" VALIGN=\"TOP\">", g.h[r]);
		offset(o, g.b[r], flags);
		fputs("</TD>", o);
		if (g.hole[r]) {
			uint64_t n = g.b[r + 1] - g.b[r];
			fprintf(o, "<TD COLSPAN=\"%zu\" BGCOLOR=\"%s\" STYLE=\"dashed\" COLOR=\"#cc0000\">"
				"<FONT COLOR=\"#990000\">%s %" PRIu64 " byte%s</FONT></TD>", ns, HOLE,
				g.hole[r] == 2 ? "padding" : "hole", n, n == 1 ? "" : "s");
		} else {
			for (size_t s = 0; s < ns; s++)
				if (!g.done[r * ns + s])
					cell(o, &g, r, s);
		}
		fputs("</TR>\n", o);
	}
	fputs("<TR><TD BORDER=\"0\" ALIGN=\"RIGHT\" VALIGN=\"TOP\">", o);
	offset(o, g.b[g.nr], flags);
	fprintf(o, "</TD><TD COLSPAN=\"%zu\" BORDER=\"0\" ALIGN=\"LEFT\" VALIGN=\"TOP\">", ns);
	if (g.nclash) {
		fprintf(o, "<FONT COLOR=\"#cc0000\">invalid layout: %zu cell%s owned twice, "
			"e.g. by ", g.nclash, g.nclash == 1 ? "" : "s");
		cp_viz_html(o, c->items[g.clash[0]].name, 40);
		fputs(" and ", o);
		cp_viz_html(o, c->items[g.clash[1]].name, 40);
		fputs(" (the latter is not drawn there)</FONT>", o);
	}
	fputs("</TD></TR>\n</TABLE>", o);
	gfree(&g);
	return 0;
}

/* --- the graph ------------------------------------------------------------ */

/* Conflicts from live states, for reports read back from JSON: stored items
 * conflict when live in a common state; the prefix and the index with all. */
static uint64_t *derive(const cp_coroutine *c)
{
	size_t n = c->nitems, w = cp_bs_words(n), sw = cp_bs_words(c->nstates);
	uint64_t *m = calloc(n * w + 1, sizeof *m);
	if (!m)
		return NULL;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			const cp_item *a = &c->items[i], *b = &c->items[j];
			if (i == j || !stored(a) || !stored(b))
				continue;
			int fixed = a->kind <= CP_ITEM_INDEX || b->kind <= CP_ITEM_INDEX;
			if (fixed || (sw && cp_bs_intersects(a->live, b->live, sw)))
				cp_bs_set(m + i * w, j);
		}
	return m;
}

/* Graphviz keeps process-wide state (cgraph's error handler and graph
 * reader, the context below and its plugins): gv_lock serializes every use
 * of it here, that is cp_report_write_picture and cp_report_render, which
 * hold it throughout. gverr is the first error message of the call holding
 * it (the handler takes no context). */
static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;
static char *gverr;

static int keeperr(char *msg)
{
	if (!gverr)
		gverr = cp_strdup(msg);
	return 0;
}

static void invis(Agraph_t *g, Agnode_t *a, Agnode_t *b)
{
	Agedge_t *e = agedge(g, a, b, NULL, 1);
	if (e)
		agsafeset(e, "style", "invis", "");
}

/* The item of node "c<k>_<i>", or NULL. */
static const cp_item *itemof(Agnode_t *n, const cp_coroutine *c)
{
	const char *s = agnameof(n), *u = s ? strchr(s, '_') : NULL;
	char *end;
	if (!u || u[1] < '0' || u[1] > '9')
		return NULL;
	unsigned long i = strtoul(u + 1, &end, 10);
	return *end || i >= c->nitems ? NULL : &c->items[i];
}

/* Drops the edges of the prefix and the index: they join everything.
 * Above MAXEDGES edges dot takes minutes for a hairball: the cluster then
 * keeps one note instead, and prune returns 1. */
static int prune(Agraph_t *sub, const cp_coroutine *c, size_t k)
{
	char note[160];
	Agraph_t *g = agroot(sub);
	size_t nodes = 0, edges = 0;
	for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
		const cp_item *it = itemof(n, c);
		nodes++;
		if (!it || it->kind > CP_ITEM_INDEX)
			continue;
		Agedge_t *e = agfstedge(g, n);
		while (e) {
			Agedge_t *nx = agnxtedge(g, e, n);
			agdeledge(g, e);
			e = nx;
		}
	}
	for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n))
		edges += (size_t)agdegree(g, n, 0, 1);
	if (edges <= MAXEDGES)
		return 0;
	for (Agnode_t *n = agfstnode(sub), *nx; n; n = nx) {
		nx = agnxtnode(sub, n);
		agdelnode(g, n);
	}
	char name[64];
	snprintf(name, sizeof name, "c%zu_toolarge", k);
	Agnode_t *n = agnode(sub, name, 1);
	snprintf(note, sizeof note, "%zu items, %zu conflicts (the prefix and the index aside): "
		"too many to draw legibly", nodes, edges);
	agsafeset(n, "shape", "plaintext", "");
	agsafeset(n, "label", note, "");
	return 1;
}

/* Fills the conflict graph's nodes but the prefix with their boxes' colors:
 * the first BGCOLOR of the DOT writer's label is the node's. */
static void recolor(Agraph_t *sub, const cp_coroutine *c)
{
	Agraph_t *g = agroot(sub);
	for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n)) {
		const cp_item *it = itemof(n, c);
		char *lab = agget(n, "label"), fill[8], *at;
		if (!it || it->kind < CP_ITEM_INDEX || !lab || !(at = strstr(lab, "BGCOLOR=\"#")))
			continue;
		size_t k = 0;
		for (const cp_item *p = c->items; p < it; p++)
			k += p->kind > CP_ITEM_INDEX;
		if (it->kind == CP_ITEM_INDEX)
			strcpy(fill, INDEX);
		else
			color(fill, k);
		char *copy = cp_strdup(lab);
		if (!copy)
			return;
		memcpy(copy + (at - lab) + 9, fill, 7);
		agsafeset(n, "label", agstrdup_html(g, copy), "");
		free(copy);
	}
}

/* Above this many stored items in a picture of several coroutines, the
 * conflict graphs are left out: dot lays the stacked clusters out in time
 * that grows fast with them (ten coroutines of 128 items took 157 s; one
 * coroutine of 5,000 items takes 2.4 s, ten variant tables alone well under
 * one). */
#define GRAPH_ITEMS 300

/* v: r with the coroutines copied, each without a conflict matrix (but with
 * items) given one derived from its live states and marked in derived.
 * Needs v->coros allocated for r->ncoros; returns -1 on no memory. */
static int conflicts(const cp_report *r, cp_report *v, int *derived)
{
	for (size_t k = 0; k < r->ncoros; k++) {
		v->coros[k] = r->coros[k];
		if (!v->coros[k].conflict && v->coros[k].nitems) {
			if (!(v->coros[k].conflict = derive(&r->coros[k])))
				return -1;
			derived[k] = 1;
		}
	}
	return 0;
}

/* Sets g's spacing and its label, which names r's source. Returns 1 when
 * the picture is to hold the tables only (see GRAPH_ITEMS), 0 when not,
 * -1 on no memory. */
static int heading(Agraph_t *g, const cp_report *r)
{
	agsafeset(g, "nodesep", "0.15", "");
	agsafeset(g, "ranksep", "0.35", "");
	agsafeset(g, "labeljust", "l", "");
	char *t = NULL;
	size_t nt = 0;
	FILE *to = open_memstream(&t, &nt);
	if (!to)
		return -1;
	fputs("<B>", to);
	const char *src = r->source ? r->source : "coropack";
	for (; *src; src++)
		fputs(*src == '<' ? "&lt;" : *src == '>' ? "&gt;" : *src == '&' ? "&amp;" : (char[2]){*src, 0}, to);
	size_t items = 0;
	for (size_t k = 0; k < r->ncoros; k++)
		for (size_t i = 0; i < r->coros[k].nitems; i++)
			items += stored(&r->coros[k].items[i]);
	int tables_only = r->ncoros > 1 && items > GRAPH_ITEMS;
	if (tables_only)
		fprintf(to, "</B>: coroutine frames, a column per suspend state<BR/>"
		            "(conflict graphs left out: %zu coroutines with %zu items take minutes "
		            "to lay out; draw one coroutine for its graph)<BR/> ", r->ncoros, items);
	else
		fputs("</B>: coroutine frames, a column per suspend state, "
		      "each above its conflict graph<BR/> ", to);
	if (fclose(to) != 0)
		return -1;
	agsafeset(g, "label", agstrdup_html(g, t), "");
	free(t);
	return tables_only;
}

/* The node "layout_<k>" of g: coroutine c's table. NULL on no memory. */
static Agnode_t *tablenode(Agraph_t *g, const cp_coroutine *c, size_t k, unsigned flags)
{
	char name[64], *lab = NULL;
	size_t nlab = 0;
	FILE *o;
	snprintf(name, sizeof name, "layout_%zu", k);
	if (!(o = open_memstream(&lab, &nlab)))
		return NULL;
	int rc = table(o, c, flags);
	if (fclose(o) != 0 || rc < 0) {
		free(lab);
		return NULL;
	}
	Agnode_t *n = agnode(g, name, 1);
	agsafeset(n, "shape", "plain", "");
	agsafeset(n, "label", agstrdup_html(g, lab), "");
	free(lab);
	return n;
}

/* Deletes the cluster sub of g (NULL: none) and its nodes. */
static void dropsub(Agraph_t *g, Agraph_t *sub)
{
	for (Agnode_t *m = sub ? agfstnode(sub) : NULL, *next; m; m = next) {
		next = agnxtnode(sub, m);
		agdelnode(g, m);
	}
	if (sub)
		agdelsubg(g, sub);
}

/* Dresses the conflict cluster sub of coroutine c, the k-th: pruned,
 * recolored, labelled (its conflicts derived from the live states or not). */
static void dress(Agraph_t *g, Agraph_t *sub, const cp_coroutine *c, size_t k, int derived)
{
	prune(sub, c, k);
	recolor(sub, c);
	agsafeset(sub, "labelloc", "b", "");
	agsafeset(sub, "label", agstrdup_html(g, derived
		? "<B>conflict graph</B> (derived from the live states)<BR/>"
		  "an edge joins items that must not share bytes; the ABI prefix<BR/>"
		  "and the suspend index conflict with all: their edges are left out"
		: "<B>conflict graph</B><BR/>"
		  "an edge joins items that must not share bytes; the ABI prefix<BR/>"
		  "and the suspend index conflict with all: their edges are left out"), "");
	agsafeset(sub, "style", "rounded", "");
	agsafeset(sub, "color", "#999999", "");
}

/* The combined graph: the DOT writer's conflict clusters, a table node per
 * coroutine left of its cluster; only the tables when the picture holds
 * several coroutines and more than GRAPH_ITEMS items (the label says so). */
static Agraph_t *graph(const cp_report *r, unsigned flags, char *err, size_t errlen)
{
	cp_report v = *r;
	char *dot = NULL;
	size_t ndot = 0;
	int *derived = calloc(r->ncoros + 1, sizeof *derived);
	Agraph_t *g = NULL;
	FILE *o;
	int tables_only = 0;

	v.coros = malloc((r->ncoros + 1) * sizeof *v.coros);
	if (!v.coros || !derived || conflicts(r, &v, derived) < 0)
		goto oom;
	if (!(o = open_memstream(&dot, &ndot)))
		goto oom;
	int rc = cp_report_write_dot(&v, o);
	if (fclose(o) != 0 || rc < 0)
		goto oom;

	agseterr(AGERR);
	agseterrf(keeperr);
	if (!(g = agmemread(dot))) {
		snprintf(err, errlen, "graphviz: %s", gverr ? gverr : "cannot read the graph");
		goto out;
	}
	if ((tables_only = heading(g, r)) < 0)
		goto oom;
	Agraph_t *prev = NULL;
	Agnode_t *prev_table = NULL;
	for (size_t k = 0; k < r->ncoros; k++) {
		char cl[64];
		snprintf(cl, sizeof cl, "cluster_%zu", k);
		Agnode_t *n = tablenode(g, &r->coros[k], k, flags);
		if (!n)
			goto oom;
		Agraph_t *sub = agsubg(g, cl, 0);
		if (tables_only) {
			dropsub(g, sub);
			if (prev_table)
				invis(g, prev_table, n);
			prev_table = n;
			continue;
		}
		for (Agnode_t *m = prev ? agfstnode(prev) : NULL; m; m = agnxtnode(prev, m))
			invis(g, m, n);
		if (!sub)
			continue;
		dress(g, sub, &r->coros[k], k, derived[k]);
		for (Agnode_t *m = agfstnode(sub); m; m = agnxtnode(sub, m))
			invis(g, n, m);
		agsubnode(sub, n, 1);
		prev = sub;
	}
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
	if (g)
		agclose(g);
	g = NULL;
out:
	agseterrf(NULL);
	free(gverr);
	gverr = NULL;
	for (size_t k = 0; v.coros && k < r->ncoros; k++)
		if (derived && derived[k])
			free(v.coros[k].conflict);
	free(v.coros);
	free(derived);
	free(dot);
	return g;
}

int cp_report_write_picture(const cp_report *r, FILE *out, unsigned flags, char *err, size_t errlen)
{
	pthread_mutex_lock(&gv_lock);
	Agraph_t *g = graph(r, flags, err, errlen);
	if (!g) {
		pthread_mutex_unlock(&gv_lock);
		return -1;
	}
	int rc = agwrite(g, out);
	agclose(g);
	pthread_mutex_unlock(&gv_lock);
	if (rc != 0 || ferror(out)) {
		snprintf(err, errlen, "cannot write the picture");
		return -1;
	}
	return 0;
}

/* One context for the process, made on first use under gv_lock and kept:
 * Graphviz 2.43's pango plugin remembers the last font name by a pointer
 * into the context's font table. */
static GVC_t *gvc;

static int render(const cp_report *r, const char *format, unsigned flags, char **data, size_t *len,
	char *err, size_t errlen)
{
	Agraph_t *g = graph(r, flags, err, errlen);
	char *buf = NULL;
	unsigned n = 0;
	int rc = -1;
	*data = NULL;
	*len = 0;
	if (!g)
		return -1;
	if (!gvc && !(gvc = gvContext())) {
		agclose(g);
		snprintf(err, errlen, "graphviz: cannot create a context");
		return -1;
	}
	agseterr(AGERR);
	agseterrf(keeperr);
	if (gvLayout(gvc, g, "dot") != 0) {
		snprintf(err, errlen, "graphviz: layout failed: %s", gverr ? gverr : "unknown error");
	} else {
		if (gvRenderData(gvc, g, format, &buf, &n) != 0 || !buf)
			snprintf(err, errlen, "graphviz: cannot render %s%s%s", format, gverr ? ": " : "",
				gverr ? gverr : " (is its plugin installed?)");
		else if (!(*data = malloc(n ? n : 1)))
			snprintf(err, errlen, "out of memory");
		else {
			memcpy(*data, buf, n);
			*len = n;
			rc = 0;
		}
		if (buf)
			gvFreeRenderData(buf);
		gvFreeLayout(gvc, g);
	}
	agseterrf(NULL);
	free(gverr);
	gverr = NULL;
	agclose(g);
	return rc;
}

int cp_report_render(const cp_report *r, const char *format, unsigned flags, char **data, size_t *len,
	char *err, size_t errlen)
{
	pthread_mutex_lock(&gv_lock);
	int rc = render(r, format, flags, data, len, err, errlen);
	pthread_mutex_unlock(&gv_lock);
	return rc;
}
