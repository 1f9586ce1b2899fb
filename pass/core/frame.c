/* Allocation helpers of the frame model (frame.h). Allocation failure
 * returns NULL and leaves the report as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitset.h"
#include "coropack/frame.h"

char *cp_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

char *cp_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

/* Grows *a (n elements of sz bytes) by one zeroed element. */
static void *grow(void *a, size_t n, size_t sz)
{
	char *p = realloc(a, (n + 1) * sz);
	if (p)
		memset(p + n * sz, 0, sz);
	return p;
}

cp_coroutine *cp_report_add(cp_report *r)
{
	cp_coroutine *c = grow(r->coros, r->ncoros, sizeof *c);
	if (!c)
		return NULL;
	r->coros = c;
	return &c[r->ncoros++];
}

cp_item *cp_coroutine_add_item(cp_coroutine *c)
{
	size_t w = cp_bs_words(c->nstates);
	uint64_t *live = calloc(w ? w : 1, sizeof *live);
	if (!live)
		return NULL;
	cp_item *it = grow(c->items, c->nitems, sizeof *it);
	if (!it) {
		free(live);
		return NULL;
	}
	c->items = it;
	it = &it[c->nitems++];
	it->offset = CP_NO_OFFSET;
	it->live = live;
	return it;
}

void cp_coroutine_clear(cp_coroutine *c)
{
	for (size_t i = 0; i < c->nstates; i++) {
		free(c->states[i].name);
		free(c->states[i].loc);
	}
	for (size_t i = 0; i < c->nitems; i++) {
		cp_item *it = &c->items[i];
		free(it->name);
		free(it->type);
		free(it->loc);
		free(it->live);
	}
	free(c->name);
	free(c->demangled);
	free(c->states);
	free(c->items);
	free(c->conflict);
	free(c->detail);
	free(c->source);
	memset(c, 0, sizeof *c);
}

void cp_report_free(cp_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->ncoros; i++)
		cp_coroutine_clear(&r->coros[i]);
	free(r->coros);
	free(r->source);
	memset(r, 0, sizeof *r);
}

const char *cp_item_kind_name(cp_item_kind k)
{
	switch (k) {
	case CP_ITEM_HEADER: return "header";
	case CP_ITEM_PROMISE: return "promise";
	case CP_ITEM_INDEX: return "index";
	case CP_ITEM_VALUE: return "value";
	case CP_ITEM_ALLOCA: return "alloca";
	}
	return "?";
}

const char *cp_state_kind_name(cp_state_kind k)
{
	switch (k) {
	case CP_STATE_UNRESUMED: return "unresumed";
	case CP_STATE_INITIAL: return "initial";
	case CP_STATE_AWAIT: return "await";
	case CP_STATE_FINAL: return "final";
	}
	return "?";
}

int cp_coroutine_optimal(const cp_coroutine *c)
{
	return c->lower_bound && c->packed_size == c->lower_bound;
}

void cp_coroutine_set_status(cp_coroutine *c, cp_status st, const char *detail)
{
	free(c->detail);
	c->status = st;
	c->detail = detail && *detail ? cp_strdup(detail) : NULL;
}

const char *cp_status_format(char *buf, size_t n, cp_status st, const char *detail)
{
	if (st == CP_STATUS_STOCK)
		snprintf(buf, n, "stock: %s", detail && *detail ? detail : "no reason recorded");
	else if (detail && *detail)
		snprintf(buf, n, "%s (%s)", st == CP_STATUS_LOWERED ? "lowered" : "packed", detail);
	else
		snprintf(buf, n, "%s", st == CP_STATUS_LOWERED ? "lowered" : "packed");
	return buf;
}

int cp_status_parse(const char *s, cp_status *st, const char **detail, size_t *detail_len)
{
	static const struct { const char *word; cp_status st; } forms[] = {
		{"packed", CP_STATUS_PACKED}, {"lowered", CP_STATUS_LOWERED}};
	*detail = NULL;
	*detail_len = 0;
	if (!strncmp(s, "stock: ", 7) && s[7]) {
		*st = CP_STATUS_STOCK;
		*detail = s + 7;
		*detail_len = strlen(s + 7);
		return 0;
	}
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		size_t w = strlen(forms[i].word), len = strlen(s);
		if (strncmp(s, forms[i].word, w))
			continue;
		*st = forms[i].st;
		if (!s[w])
			return 0;
		/* "<word> (<detail>)" */
		if (len < w + 4 || s[w] != ' ' || s[w + 1] != '(' || s[len - 1] != ')')
			return -1;
		*detail = s + w + 2;
		*detail_len = len - w - 3;
		return 0;
	}
	return -1;
}
