/* Conflict graphs as DOT text (viz.h). Node ids are "c<coroutine>_<item>";
 * every name reaches the output through html() or esc(), since C++ names
 * carry < > & and quotes. */
#include <inttypes.h>
#include <string.h>

#include "bitset.h"
#include "coropack/viz.h"
#include "html.h"

/* For HTML-like labels (declared in html.h, shared with layout.c). */
void cp_viz_html(FILE *o, const char *s, size_t max)
{
	size_t n = 0;
	for (; s && *s; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80 && n++ == max) {
			fputs("&#8230;", o);
			return;
		}
		switch (*s) {
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		default:
			if ((unsigned char)*s < 0x20)
				fprintf(o, "&#%d;", *s);
			else
				fputc(*s, o);
		}
	}
}

static void html(FILE *o, const char *s) { cp_viz_html(o, s, SIZE_MAX); }

/* For quoted strings (escString): control characters are dropped. */
static void esc(FILE *o, const char *s)
{
	for (; s && *s; s++)
		if (*s == '"' || *s == '\\')
			fprintf(o, "\\%c", *s);
		else if ((unsigned char)*s >= 0x20)
			fputc(*s, o);
}

static int prefix(const cp_item *it)
{
	return it->kind == CP_ITEM_HEADER || it->kind == CP_ITEM_PROMISE;
}

static const char *fill(const cp_item *it)
{
	switch (it->kind) {
	case CP_ITEM_HEADER:
	case CP_ITEM_PROMISE: return "#d9d9d9";
	case CP_ITEM_INDEX: return "#fff2cc";
	case CP_ITEM_ALLOCA: return "#dae8fc";
	case CP_ITEM_VALUE: break;
	}
	return "#ffffff";
}

static void node(FILE *o, size_t ci, size_t i, const cp_item *it)
{
	fprintf(o, "\t\tc%zu_%zu [tooltip=\"", ci, i);
	esc(o, cp_item_kind_name(it->kind));
	fputc(' ', o);
	esc(o, it->type);
	fprintf(o, "\", label=<<TABLE BORDER=\"%d\" CELLBORDER=\"1\" CELLSPACING=\"0\" "
		"CELLPADDING=\"4\" BGCOLOR=\"%s\"><TR><TD COLSPAN=\"2\">%s",
		prefix(it), fill(it), prefix(it) ? "<I>" : "<B>");
	html(o, it->name);
	fprintf(o, "%s</TD></TR><TR><TD>%" PRIu64 "@%" PRIu64 "</TD><TD>off %" PRIu64
		"</TD></TR></TABLE>>];\n", prefix(it) ? "</I>" : "</B>", it->size, it->align,
		it->offset);
}

static void cluster(FILE *o, size_t ci, const cp_coroutine *c)
{
	size_t w = cp_bs_words(c->nitems), n = 0;

	fprintf(o, "\tsubgraph cluster_%zu {\n\t\tlabel=<<B>", ci);
	html(o, c->demangled ? c->demangled : c->name);
	fprintf(o, "</B><BR/>%" PRIu64 " bytes (stock ", c->packed_size);
	if (c->stock_size)
		fprintf(o, "%" PRIu64, c->stock_size);
	else
		fputs("unknown", o);
	fprintf(o, ", lower bound %" PRIu64 ")", c->lower_bound);
	if (c->status != CP_STATUS_PACKED || c->detail) {
		char st[512];
		fputs("<BR/>", o);
		html(o, cp_status_format(st, sizeof st, c->status, c->detail));
	}
	fputs(c->conflict ? ">;\n" : "<BR/>(no conflict matrix)>;\n", o);
	for (size_t i = 0; i < c->nitems; i++)
		if (c->items[i].offset != CP_NO_OFFSET) {
			node(o, ci, i, &c->items[i]);
			n++;
		}
	if (!n)
		fprintf(o, "\t\tc%zu_none [shape=plaintext, label=\"no stored items\"];\n", ci);
	for (size_t i = 0; i < c->nitems && c->conflict; i++) {
		const cp_item *a = &c->items[i];
		if (a->offset == CP_NO_OFFSET)
			continue;
		for (size_t j = i + 1; j < c->nitems; j++) {
			const cp_item *b = &c->items[j];
			if (b->offset == CP_NO_OFFSET)
				continue;
			if (!cp_bs_has(c->conflict + i * w, j) && !cp_bs_has(c->conflict + j * w, i))
				continue;
			fprintf(o, "\t\tc%zu_%zu -- c%zu_%zu%s;\n", ci, i, ci, j,
				prefix(a) || prefix(b) ? " [style=dashed, color=\"#aaaaaa\"]" : "");
		}
	}
	fputs("\t}\n", o);
}

int cp_report_write_dot(const cp_report *r, FILE *out)
{
	fputs("graph coropack {\n\tgraph [fontname=\"Helvetica\", fontsize=11, labelloc=t, label=<", out);
	html(out, r->source ? r->source : "coropack");
	fputs(": conflict graphs<BR/>(an edge joins items that must not share bytes)>];\n"
		"\tnode [shape=plain, fontname=\"Helvetica\", fontsize=10];\n"
		"\tedge [color=\"#555555\"];\n", out);
	for (size_t i = 0; i < r->ncoros; i++)
		cluster(out, i, &r->coros[i]);
	fputs("}\n", out);
	return ferror(out) ? -1 : 0;
}
