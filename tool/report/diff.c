/* Frame size regressions between two report sets (report.h), in the manner
 * of bloaty's diff: only what changed, largest change first, a TOTAL row. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coropack/report.h"

int cp_threshold_parse(const char *s, cp_threshold *t)
{
	char *end;
	size_t n = strlen(s);
	memset(t, 0, sizeof *t);
	if (!n || s[0] == '-' || s[0] == '+' || (s[0] < '0' || s[0] > '9'))
		return -1;
	errno = 0;
	if (s[n - 1] == '%') {
		t->percent = 1;
		t->value = strtod(s, &end);
		if (end != s + n - 1 || errno || !isfinite(t->value))
			return -1;
		return 0;
	}
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || errno)
		return -1;
	t->value = (double)v;
	return 0;
}

int cp_threshold_exceeded(const cp_threshold *t, uint64_t old_size, uint64_t new_size, int is_new)
{
	if (new_size <= old_size && !is_new)
		return 0;
	if (is_new)
		old_size = 0;
	uint64_t grow = new_size - old_size;
	if (!grow)
		return 0;
	if (!t->percent)
		return (double)grow > t->value;
	if (!old_size)
		return 1;
	return 100.0 * (double)grow / (double)old_size > t->value;
}

static const char *shown(const cp_entry *e) { return e->demangled ? e->demangled : e->name; }

static const cp_entry *dentry(const cp_delta *d) { return d->after ? d->after : d->before; }

static const char *dname(const cp_delta *d) { return shown(dentry(d)); }

static int bydelta(const void *pa, const void *pb)
{
	const cp_delta *a = pa, *b = pb;
	uint64_t ma = (uint64_t)(a->delta < 0 ? -a->delta : a->delta);
	uint64_t mb = (uint64_t)(b->delta < 0 ? -b->delta : b->delta);
	if (ma != mb)
		return ma < mb ? 1 : -1;
	if (a->delta != b->delta)
		return a->delta < b->delta ? 1 : -1;
	int c = strcmp(dname(a), dname(b));
	return c ? c : cp_entry_keycmp(dentry(a), dentry(b));
}

int cp_diff_build(const cp_set *old, const cp_set *cur, const cp_threshold *t, cp_diff *out)
{
	size_t i = 0, j = 0;
	memset(out, 0, sizeof *out);
	if (!(out->d = malloc((old->n + cur->n + 1) * sizeof *out->d)))
		return -1;
	while (i < old->n || j < cur->n) {
		const cp_entry *a = i < old->n ? &old->e[i] : NULL, *b = j < cur->n ? &cur->e[j] : NULL;
		int c = !a ? 1 : !b ? -1 : cp_entry_keycmp(a, b);
		cp_delta d = {0};
		if (c < 0) {
			d = (cp_delta){a, NULL, CP_REMOVED, -(int64_t)a->packed_size, 0};
			out->nremoved++;
			i++;
		} else if (c > 0) {
			d = (cp_delta){NULL, b, CP_NEW, (int64_t)b->packed_size, 0};
			d.exceeds = cp_threshold_exceeded(t, 0, b->packed_size, 1);
			out->nnew++;
			j++;
		} else {
			i++;
			j++;
			if (a->packed_size == b->packed_size) {
				out->nsame++;
				out->old_total += a->packed_size;
				out->new_total += b->packed_size;
				continue;
			}
			d = (cp_delta){a, b, a->packed_size < b->packed_size ? CP_GREW : CP_SHRANK,
			               (int64_t)(b->packed_size - a->packed_size), 0};
			d.exceeds = cp_threshold_exceeded(t, a->packed_size, b->packed_size, 0);
			*(d.change == CP_GREW ? &out->ngrew : &out->nshrank) += 1;
		}
		out->old_total += d.before ? d.before->packed_size : 0;
		out->new_total += d.after ? d.after->packed_size : 0;
		if (!t->total)
			out->nexceed += (size_t)d.exceeds;
		else
			d.exceeds = 0;
		out->d[out->n++] = d;
	}
	if (t->total)
		out->nexceed = (size_t)cp_threshold_exceeded(t, out->old_total, out->new_total, 0);
	qsort(out->d, out->n, sizeof *out->d, bydelta);
	return 0;
}

void cp_diff_free(cp_diff *d)
{
	free(d->d);
	memset(d, 0, sizeof *d);
}

/* bloaty's percent column: [NEW], [DEL], or the change relative to old. */
static void percent(FILE *o, uint64_t old, int64_t delta, int isnew, int isdel)
{
	if (isnew)
		fprintf(o, "%8s", "[NEW]");
	else if (isdel)
		fprintf(o, "%8s", "[DEL]");
	else if (!old)
		fprintf(o, "%8s", delta ? "+inf%" : "+0.0%");
	else
		fprintf(o, "%+7.1f%%", 100.0 * (double)delta / (double)old);
}

static void size(FILE *o, const cp_entry *e)
{
	if (e)
		fprintf(o, " %8" PRIu64, e->packed_size);
	else
		fprintf(o, " %8s", "-");
}

int cp_diff_write_text(const cp_diff *d, FILE *o)
{
	fprintf(o, "%8s %9s %8s %8s  %s\n", "%", "DELTA", "OLD", "NEW", "COROUTINE");
	for (size_t k = 0; k < d->n; k++) {
		const cp_delta *x = &d->d[k];
		percent(o, x->before ? x->before->packed_size : 0, x->delta, x->change == CP_NEW, x->change == CP_REMOVED);
		fprintf(o, " %+9" PRId64, x->delta);
		size(o, x->before);
		size(o, x->after);
		fprintf(o, "  %s", dname(x));
		if (dentry(x)->source)
			fprintf(o, "  [internal to %s]", dentry(x)->source);
		fprintf(o, "%s\n", x->exceeds ? "  [over threshold]" : "");
	}
	int64_t total = (int64_t)(d->new_total - d->old_total);
	percent(o, d->old_total, total, 0, 0);
	fprintf(o, " %+9" PRId64 " %8" PRIu64 " %8" PRIu64 "  TOTAL (%zu grew, %zu shrank, %zu new, "
		"%zu removed, %zu unchanged)\n", total, d->old_total, d->new_total, d->ngrew, d->nshrank,
		d->nnew, d->nremoved, d->nsame);
	return ferror(o) ? -1 : 0;
}

static const char *const changename[] = {"grew", "shrank", "new", "removed"};

static json_t *jsize(const cp_entry *e)
{
	return e ? json_integer((json_int_t)e->packed_size) : json_null();
}

static json_t *jpercent(uint64_t old, int64_t delta, int defined)
{
	return defined && old ? json_real(100.0 * (double)delta / (double)old) : json_null();
}

int cp_diff_write_json(const cp_diff *d, const cp_threshold *t, FILE *o)
{
	json_t *root = json_object(), *list = json_array(), *tot = json_object(), *th = json_object();
	int err = 0;
	for (size_t k = 0; k < d->n && list; k++) {
		const cp_delta *x = &d->d[k];
		const cp_entry *e = x->after ? x->after : x->before;
		json_t *c = json_object();
		err |= json_object_set_new(c, "name", json_string(e->name));
		err |= json_object_set_new(c, "demangled", e->demangled ? json_string(e->demangled) : json_null());
		err |= json_object_set_new(c, "source", e->source ? json_string(e->source) : json_null());
		err |= json_object_set_new(c, "change", json_string(changename[x->change]));
		err |= json_object_set_new(c, "old_size", jsize(x->before));
		err |= json_object_set_new(c, "new_size", jsize(x->after));
		err |= json_object_set_new(c, "delta", json_integer(x->delta));
		err |= json_object_set_new(c, "percent", jpercent(x->before ? x->before->packed_size : 0, x->delta,
			x->before && x->after));
		err |= json_object_set_new(c, "exceeds", json_boolean(x->exceeds));
		err |= json_array_append_new(list, c);
	}
	int64_t total = (int64_t)(d->new_total - d->old_total);
	err |= json_object_set_new(tot, "old_size", json_integer((json_int_t)d->old_total));
	err |= json_object_set_new(tot, "new_size", json_integer((json_int_t)d->new_total));
	err |= json_object_set_new(tot, "delta", json_integer(total));
	err |= json_object_set_new(tot, "percent", jpercent(d->old_total, total, 1));
	err |= json_object_set_new(tot, "grew", json_integer((json_int_t)d->ngrew));
	err |= json_object_set_new(tot, "shrank", json_integer((json_int_t)d->nshrank));
	err |= json_object_set_new(tot, "new", json_integer((json_int_t)d->nnew));
	err |= json_object_set_new(tot, "removed", json_integer((json_int_t)d->nremoved));
	err |= json_object_set_new(tot, "unchanged", json_integer((json_int_t)d->nsame));
	err |= json_object_set_new(th, t->percent ? "percent" : "bytes",
		t->percent ? json_real(t->value) : json_integer((json_int_t)t->value));
	err |= json_object_set_new(th, "applies_to", json_string(t->total ? "total" : "each"));
	err |= json_object_set_new(root, "changes", list);
	err |= json_object_set_new(root, "total", tot);
	err |= json_object_set_new(root, "threshold", th);
	err |= json_object_set_new(root, "exceeded", json_integer((json_int_t)d->nexceed));
	if (!err)
		err = json_dumpf(root, o, JSON_SORT_KEYS | JSON_INDENT(2)) || fputc('\n', o) == EOF;
	json_decref(root);
	return err || ferror(o) ? -1 : 0;
}
