/* Report sets (report.h): report files read with jansson, checked with the
 * reader's own schema checks (json_read.h) and indexed by coroutine key
 * (the mangled name, and the translation unit for internal linkage), for
 * merge, summary and diff.
 *
 * A file laid out as cp_report_write_json writes it (the report form, a
 * line per coroutine, or the indented form) is read a coroutine at a time,
 * json_loadb on each coroutine's text, its coroutines cut into parts that
 * several threads read at once (cp_set.threads). Any other layout, and a file in which the line reading
 * meets anything it does not expect (errors included), is loaded whole as
 * cp_report_read_json loads it, so that the set accepts what the reader
 * accepts and words its errors the same way. The calling thread then
 * records the coroutines in file order: the set does not depend on the
 * threads. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memrchr */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "coropack/report.h"
#include "grow.h"
#include "json_read.h"

/* --- arena: the strings of the entries ------------------------------------ */

typedef struct chunk {
	struct chunk *next;
	char data[];
} chunk;

/* What a thread reading files owns: an arena (handed to the set after the
 * reading) and scratch. */
typedef struct work {
	chunk *chunks;
	char *ap;
	size_t aleft;
	char *buf; /* json_dumpb scratch */
	size_t bufcap;
} work;

static char *aalloc(work *w, size_t n)
{
	if (n > w->aleft) {
		size_t sz = n > (1u << 20) ? n : (1u << 20);
		chunk *c = malloc(sizeof *c + sz);
		if (!c)
			return NULL;
		c->next = w->chunks;
		w->chunks = c;
		w->ap = c->data;
		w->aleft = sz;
	}
	char *p = w->ap;
	w->ap += n;
	w->aleft -= n;
	return p;
}

/* A copy of s in the arena; NULL stays NULL, *fail is set when out of memory. */
static const char *acopy(work *w, const char *s, int *fail)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = aalloc(w, n);
	if (!d) {
		*fail = 1;
		return NULL;
	}
	return memcpy(d, s, n);
}

/* Hands w's arena to into and frees w's scratch. */
static void workmove(work *w, work *into)
{
	while (w->chunks) {
		chunk *c = w->chunks;
		w->chunks = c->next;
		c->next = into->chunks;
		into->chunks = c;
	}
	free(w->buf);
	memset(w, 0, sizeof *w);
}

static void workfree(work *w)
{
	while (w->chunks) {
		chunk *c = w->chunks;
		w->chunks = c->next;
		free(c);
	}
	free(w->buf);
	memset(w, 0, sizeof *w);
}

/* --- jansson's allocator ----------------------------------------------------
 * Most of the time json_loadb takes on a coroutine's line is malloc and free
 * of its many small values (bench/merge_bench: a third). While a thread
 * reads lines (read_lines), jansson allocates from that thread's bump arena
 * instead, emptied after each line, once the line's values are freed; any
 * other time, and for what does not fit, from malloc. The functions are
 * installed once, before main, for the whole process: json_set_alloc_funcs
 * is not safe to call while other threads use jansson. Values allocated in
 * an arena never leave the thread and the line that made them. */

enum { JARENA = 1 << 20 };

static _Thread_local struct jarena {
	char *p; /* NULL: not reading lines */
	size_t used;
} ja;

static void *jmalloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (ja.p && n <= JARENA - ja.used) {
		void *q = ja.p + ja.used;
		ja.used += n;
		return q;
	}
	return malloc(n);
}

static void jfree(void *q)
{
	if (ja.p && (uintptr_t)q - (uintptr_t)ja.p < JARENA)
		return;
	free(q);
}

__attribute__((constructor)) static void jinstall(void)
{
	json_set_alloc_funcs(jmalloc, jfree);
}

/* --- reading one file ----------------------------------------------------- */

/* A checked coroutine, its strings in the reading thread's arena. */
typedef struct rec {
	const char *name, *demangled, *detail;
	cp_status status;
	const char *source; /* internal linkage: the translation unit; else NULL */
	uint64_t stock, packed, lower;
	int level;
	const char *text; /* keep_text: its object in the report form, len bytes */
	size_t len;
} rec;

typedef struct map {
	char *p;
	size_t len;
	int mapped; /* mmap, else malloc */
} map;

/* A file of the call, in the set's file order. */
typedef struct file {
	const char *path;
	size_t fi;          /* index in the set's files */
	map mp;
	int rc;             /* errno (> 0) from opening or reading it; -1: err says */
	int whole;          /* to be loaded whole */
	const char *source; /* the report's "source" (arena), or its path when null */
	size_t part0, nparts; /* its parts */
	char err[1024];
} file;

/* Some coroutines of a file in the writer's layout, or (a == NULL) a whole file. */
typedef struct part {
	file *f;
	const char *a, *b;
	int last;   /* b ends the file's coroutines: the last has no comma */
	rec *recs;
	size_t n, cap;
	int rc; /* -1: a line-reading part: load the file whole; a whole one: f->err says */
} part;

static int keep_rec(part *p, const rec *r)
{
	rec *t = cp_grow(p->recs, p->n, &p->cap, sizeof *t, 64);
	if (!t)
		return -1;
	p->recs = t;
	p->recs[p->n++] = *r;
	return 0;
}

/* o, checked, as coroutine i of p's file. The report form of the object
 * (keep_text) is jansson's compact dump with sorted keys, which is what
 * the writer writes, with the keys this coropack writes that o lacks: a
 * report of an older coropack gets "linkage" (external) and "source"
 * (null), an internal coroutine that does not name its translation unit
 * gets it as "source". */
static int add_coro(part *p, work *w, json_t *o, size_t i, int keep_text, cp_jread *d)
{
	cp_coroutine c = {0};
	rec r = {0};
	int fail = 0;
	if (cp_jread_coroutine(d, o, i, &c) < 0) {
		cp_coroutine_clear(&c);
		return -1;
	}
	r.name = acopy(w, c.name, &fail);
	r.demangled = acopy(w, c.demangled, &fail);
	r.status = c.status;
	r.detail = acopy(w, c.detail, &fail);
	r.source = c.internal ? (c.source ? acopy(w, c.source, &fail) : p->f->source) : NULL;
	r.stock = c.stock_size;
	r.packed = c.packed_size;
	r.lower = c.lower_bound;
	r.level = c.level;
	if (keep_text && !fail) {
		if (!json_object_get(o, "linkage"))
			fail |= json_object_set_new(o, "linkage", json_string("external")) != 0;
		if (!json_object_get(o, "source") || (c.internal && !c.source))
			fail |= json_object_set_new(o, "source", r.source ? json_string(r.source) : json_null()) != 0;
		size_t n = json_dumpb(o, w->buf, w->bufcap, JSON_SORT_KEYS | JSON_COMPACT);
		if (n > w->bufcap) {
			free(w->buf);
			w->bufcap = n + n / 2;
			if (!(w->buf = malloc(w->bufcap)))
				w->bufcap = 0;
			n = w->buf ? json_dumpb(o, w->buf, w->bufcap, JSON_SORT_KEYS | JSON_COMPACT) : 0;
		}
		char *t = n ? aalloc(w, n) : NULL;
		if (t)
			memcpy(t, w->buf, n);
		r.text = t;
		r.len = n;
		fail |= !t;
	}
	cp_coroutine_clear(&c);
	if (fail || keep_rec(p, &r) < 0) {
		snprintf(d->err, d->errlen, "%s: out of memory", d->path);
		return -1;
	}
	return 0;
}

/* The top of a report as the writer writes it (either form), up to the
 * first coroutine, and what ends the array: between them, each coroutine
 * starts a line with "    {" and ends with "}" + "," (but the last) + a
 * newline, on the same line (the report form) or on a line "    }" (the
 * indented form, whose deeper lines are indented more). */
static const char head[] = "{\n  \"coroutines\": [\n";
static const char closer[] = "\n  ],";

/* Calls visit on each coroutine object of [a, b) (the coroutines of a file
 * in the writer's layout, or some of them; last: b ends them), parsed one at
 * a time with jansson allocating from this thread's arena. Returns where it
 * stopped: b, or the start of the first coroutine it did not expect or that
 * visit refused (returned non-zero). */
typedef int (*visit_fn)(void *ctx, json_t *o);

static const char *walk(const char *a, const char *b, int last, visit_fn visit, void *ctx)
{
	const char *q = a;
	json_error_t je;
	if (!(ja.p = malloc(JARENA)))
		return a;
	while (q < b) {
		const char *e, *nl; /* the end of the coroutine's object, of its last line */
		if (b - q < 6 || memcmp(q, "    {", 5))
			break;
		if (q[5] == '\n') { /* indented: down to the line "    }" */
			if (!(e = memmem(q + 5, (size_t)(b - q - 5), "\n    }", 6)))
				break;
			e += 6;
		} else if ((nl = memchr(q, '\n', (size_t)(b - q)))) {
			e = nl[-1] == ',' ? nl - 1 : nl;
		} else {
			break;
		}
		int comma = *e == ',';
		nl = e + comma;
		if (nl >= b || *nl != '\n' || comma == (last && nl + 1 == b))
			break;
		json_t *o = json_loadb(q + 4, (size_t)(e - q - 4), CP_JSON_LOAD, &je);
		int rc = o ? visit(ctx, o) : -1;
		json_decref(o);
		ja.used = 0;
		if (rc)
			break;
		q = nl + 1;
	}
	free(ja.p);
	ja.p = NULL;
	return q;
}

typedef struct lines {
	part *p;
	work *w;
	int keep_text;
	cp_jread d;
} lines;

static int add_line(void *ctx, json_t *o)
{
	lines *l = ctx;
	return add_coro(l->p, l->w, o, 0, l->keep_text, &l->d);
}

/* The coroutines of p, read one at a time. Returns 0, or -1 for anything
 * unexpected (the file is then loaded whole). */
static int read_lines(part *p, work *w, int keep_text)
{
	char err[16];
	lines l = {p, w, keep_text, {p->f->path, err, sizeof err}};
	return walk(p->a, p->b, p->last, add_line, &l) < p->b ? -1 : 0;
}

/* The whole file, loaded as cp_report_read_json loads it. */
static int read_whole(part *p, work *w, int keep_text)
{
	file *f = p->f;
	cp_jread d = {f->path, f->err, sizeof f->err};
	json_error_t je;
	json_t *root = json_loadb(f->mp.p ? f->mp.p : "", f->mp.len, CP_JSON_LOAD, &je), *a, *o;
	const char *src;
	size_t i;
	int fail = 0;
	if (!root) {
		cp_jread_syntax(f->path, &je, 0, f->err, sizeof f->err);
		return -1;
	}
	if (cp_jread_top(&d, root, &src) < 0 || cp_jread_coroutines(&d, root, &a) < 0)
		goto fail;
	f->source = src ? acopy(w, src, &fail) : f->path;
	if (fail) {
		snprintf(f->err, sizeof f->err, "%s: out of memory", f->path);
		goto fail;
	}
	json_array_foreach(a, i, o)
		if (add_coro(p, w, o, i, keep_text, &d) < 0)
			goto fail;
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	return -1;
}

#define STREAM_MAX ((size_t)1 << 30)

/* Whether the bytes read so far cannot start a report: their first non-blank
 * byte is there and is not '{' or '['. */
static int not_json(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
			return p[i] != '{' && p[i] != '[';
	return 0;
}

/* Maps (or, for pipes, devices and empty files, reads) f. Sets f->rc to an
 * errno value on failure. A stream is read to its end, at most STREAM_MAX
 * bytes (EFBIG beyond: /dev/zero ends), and no further than a first byte
 * that no report starts with (the parser then words the error on what was
 * read). */
static void load(file *f)
{
	struct stat st;
	map *mp = &f->mp;
	int fd = open(f->path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		f->rc = errno;
		if (fd >= 0)
			close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		f->rc = EISDIR;
		return;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		mp->len = (size_t)st.st_size;
		mp->p = mmap(NULL, mp->len, PROT_READ, MAP_PRIVATE, fd, 0);
		mp->mapped = mp->p != MAP_FAILED;
		if (!mp->mapped)
			mp->p = NULL;
		else
			posix_madvise(mp->p, mp->len, POSIX_MADV_SEQUENTIAL);
	}
	if (!mp->mapped) { /* pipes, empty files, mmap failures */
		size_t cap = 0;
		ssize_t k;
		mp->len = 0;
		for (;;) {
			char *p = cp_grow(mp->p, mp->len, &cap, 1, 65536);
			if (!p) {
				close(fd);
				f->rc = ENOMEM;
				return;
			}
			mp->p = p;
			if ((k = read(fd, mp->p + mp->len, cap - mp->len)) <= 0)
				break;
			mp->len += (size_t)k;
			if (not_json(mp->p, mp->len))
				break;
			if (mp->len > STREAM_MAX) {
				k = -1;
				errno = EFBIG;
				break;
			}
		}
		if (k < 0) {
			f->rc = errno;
			close(fd);
			return;
		}
	}
	close(fd);
}

static void unmap(map *mp)
{
	if (mp->mapped)
		munmap(mp->p, mp->len);
	else
		free(mp->p);
	*mp = (map){0};
}

/* When f is in the writer's layout: checks its end (the top-level keys after
 * the coroutines), sets its source and returns where its coroutines
 * are, [*a, *b). Returns -1 when it is not in that form. */
static int form(file *f, work *w, const char **a, const char **b)
{
	const char *p = f->mp.p, *end = p + f->mp.len, *q;
	size_t hn = sizeof head - 1, cn = sizeof closer - 1;
	if (f->mp.len < hn + cn || memcmp(p, head, hn))
		return -1;
	/* the last line that starts "  ]," */
	const char *lo = p + hn - 1;
	for (q = end;;) {
		if (!(q = memrchr(lo, '\n', (size_t)(q - lo))))
			return -1;
		if ((size_t)(end - q) >= cn && !memcmp(q, closer, cn))
			break;
	}
	/* the rest is an object once "{" is put before it */
	size_t n = (size_t)(end - (q + cn));
	char *t = malloc(n + 1);
	if (!t)
		return -1;
	t[0] = '{';
	memcpy(t + 1, q + cn, n);
	json_error_t je;
	char err[16];
	cp_jread d = {f->path, err, sizeof err};
	json_t *top = json_loadb(t, n + 1, CP_JSON_LOAD, &je);
	const char *src;
	int fail = 0, rc = -1;
	free(t);
	if (top && !json_object_get(top, "coroutines") && cp_jread_top(&d, top, &src) == 0) {
		f->source = src ? acopy(w, src, &fail) : f->path;
		rc = fail ? -1 : 0;
	}
	json_decref(top);
	*a = p + hn;
	*b = q + 1;
	return rc;
}

/* --- one report, a coroutine at a time (cp_report_each) ------------------ */

typedef struct each {
	cp_report_fn fn;
	void *ctx;
	cp_jread d;
	size_t i; /* coroutines handed to fn */
	int stop; /* fn's non-zero result */
} each;

static int each_one(void *ctx, json_t *o)
{
	each *e = ctx;
	cp_coroutine c = {0};
	int rc = cp_jread_coroutine(&e->d, o, e->i, &c);
	if (rc == 0 && (e->stop = e->fn(e->ctx, &c, e->i)) == 0)
		e->i++;
	cp_coroutine_clear(&c);
	return rc ? rc : e->stop;
}

/* The coroutines from e->i on, with the file loaded whole (as
 * cp_report_read_json does, which also words the error). */
static int each_whole(file *f, each *e)
{
	json_error_t je;
	json_t *root = json_loadb(f->mp.p ? f->mp.p : "", f->mp.len, CP_JSON_LOAD, &je), *a;
	const char *src;
	int rc = -1;
	if (!root)
		cp_jread_syntax(f->path, &je, 0, e->d.err, e->d.errlen);
	else if (cp_jread_top(&e->d, root, &src) == 0 && cp_jread_coroutines(&e->d, root, &a) == 0)
		for (rc = 0; !rc && e->i < json_array_size(a);)
			rc = each_one(e, json_array_get(a, e->i));
	json_decref(root);
	return rc;
}

int cp_report_each(const char *path, cp_report_fn fn, void *ctx, char *err, size_t errlen)
{
	file f = {.path = path};
	work w = {0};
	each e = {fn, ctx, {path, err, errlen}, 0, 0};
	const char *a, *b;
	int rc = 0;
	load(&f);
	if (f.rc) {
		snprintf(err, errlen, "%s: %s", path, strerror(f.rc));
		return -1;
	}
	/* Line by line where the layout allows; the rest (all of another
	 * layout, what follows a surprise) whole, as the reader reads it. */
	if (form(&f, &w, &a, &b) != 0 || walk(a, b, 1, each_one, &e) < b)
		rc = e.stop ? e.stop : each_whole(&f, &e);
	unmap(&f.mp);
	workfree(&w);
	return rc;
}

/* --- threads --------------------------------------------------------------- */

typedef struct pool {
	part *parts;
	size_t n, next;
	int keep_text;
	pthread_mutex_t mu;
} pool;

static void drain(pool *p, work *w)
{
	for (;;) {
		pthread_mutex_lock(&p->mu);
		size_t k = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (k >= p->n)
			return;
		part *t = &p->parts[k];
		t->rc = t->a ? read_lines(t, w, p->keep_text) : read_whole(t, w, p->keep_text);
	}
}

typedef struct helper {
	pthread_t t;
	pool *p;
	work w;
} helper;

static void *helping(void *arg)
{
	helper *h = arg;
	drain(h->p, &h->w);
	return NULL;
}

enum { MAXTHREADS = 8, PARTBYTES = 1 << 20 };

/* Reads the n parts on up to nt threads; the arenas end up in w. */
static void runparts(part *parts, size_t n, size_t nt, int keep_text, work *w)
{
	pool p = {.parts = parts, .n = n, .keep_text = keep_text};
	helper h[MAXTHREADS];
	size_t nh = 0;
	nt = nt > MAXTHREADS ? MAXTHREADS : nt;
	nt = nt > n ? n : nt;
	json_object_seed(0); /* before the threads: jansson seeds its hash once */
	pthread_mutex_init(&p.mu, NULL);
	for (; nh + 1 < nt; nh++) {
		h[nh] = (helper){.p = &p};
		if (pthread_create(&h[nh].t, NULL, helping, &h[nh]) != 0)
			break;
	}
	drain(&p, w);
	for (size_t k = 0; k < nh; k++) {
		pthread_join(h[k].t, NULL);
		workmove(&h[k].w, w);
	}
	pthread_mutex_destroy(&p.mu);
}

/* --- the set -------------------------------------------------------------- */

struct cp_set_impl {
	size_t ecap;
	size_t *tab; /* open addressing: entry index + 1, 0 for empty */
	size_t tcap; /* a power of two, at least twice n */
	work w;      /* its arena holds the entries' strings and texts */
};

static uint64_t hash(const char *name, const char *source)
{
	uint64_t h = 1469598103934665603u;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	if (source) {
		h = (h ^ 0xff) * 1099511628211u;
		for (const char *p = source; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211u;
	}
	return h ^ (h >> 29);
}

static int samesrc(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* A table of cap slots (a power of two) over the entries. */
static int rehash(cp_set *s, size_t cap)
{
	struct cp_set_impl *m = s->impl;
	size_t *t = calloc(cap, sizeof *t);
	if (!t)
		return -1;
	for (size_t k = 0; k < s->n; k++) {
		size_t h = (size_t)hash(s->e[k].name, s->e[k].source) & (cap - 1);
		while (t[h])
			h = (h + 1) & (cap - 1);
		t[h] = k + 1;
	}
	free(m->tab);
	m->tab = t;
	m->tcap = cap;
	return 0;
}

/* The slot of the key in the table: its entry or an empty slot. */
static size_t *slot(const cp_set *s, const char *name, const char *source)
{
	const struct cp_set_impl *m = s->impl;
	size_t h = (size_t)hash(name, source) & (m->tcap - 1);
	for (;; h = (h + 1) & (m->tcap - 1)) {
		size_t k = m->tab[h];
		if (!k)
			return &m->tab[h];
		const cp_entry *e = &s->e[k - 1];
		if (!strcmp(e->name, name) && samesrc(e->source, source))
			return &m->tab[h];
	}
}

/* Records r, a coroutine of file fi, in the set. */
static int entry(cp_set *set, size_t fi, const rec *r, char *err, size_t errlen)
{
	struct cp_set_impl *m = set->impl;
	if (2 * (set->n + 1) > m->tcap && rehash(set, m->tcap ? 2 * m->tcap : 1024) < 0) {
		snprintf(err, errlen, "%s: out of memory", set->files[fi]);
		return -1;
	}
	size_t *sl = slot(set, r->name, r->source);
	cp_entry *e;
	set->ncopies++;
	if (*sl) {
		e = &set->e[*sl - 1];
		int before = e->min_size != e->packed_size;
		int better = r->packed > e->packed_size
		          || (r->packed == e->packed_size && r->stock > e->stock_size);
		e->copies++;
		if (r->packed < e->min_size) {
			e->min_size = r->packed;
			e->min_file = fi;
		}
		uint64_t kept = better ? r->packed : e->packed_size;
		set->ndisagree += (size_t)(e->min_size != kept) - (size_t)before;
		if (!better)
			return 0;
	} else {
		cp_entry *ne = cp_grow(set->e, set->n, &m->ecap, sizeof *ne, 256);
		if (!ne) {
			snprintf(err, errlen, "%s: out of memory", set->files[fi]);
			return -1;
		}
		set->e = ne;
		e = &set->e[set->n];
		memset(e, 0, sizeof *e);
		e->name = r->name;
		e->source = r->source;
		e->copies = 1;
		e->min_size = r->packed;
		e->min_file = fi;
		*sl = ++set->n;
	}
	e->demangled = r->demangled;
	e->status = r->status;
	e->detail = r->detail;
	e->stock_size = r->stock;
	e->packed_size = r->packed;
	e->lower_bound = r->lower;
	e->level = r->level;
	e->file = fi;
	e->text = r->text;
	e->len = r->len;
	return 0;
}

static int byname(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends to *names (n of cap) the *.json directly inside dir, sorted by
 * name; sets *nfound. Returns 0, or an errno value. */
static int listdir(const char *dir, char ***names, size_t *n, size_t *cap, size_t *nfound)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t first = *n;
	int rc = 0;
	if (!d)
		return errno;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".json") || de->d_name[0] == '.')
			continue;
		char **t = cp_grow(*names, *n, cap, sizeof *t, 64);
		if (!t) {
			rc = ENOMEM;
			break;
		}
		*names = t;
		char *q = malloc(strlen(dir) + len + 2);
		if (!q) {
			rc = ENOMEM;
			break;
		}
		sprintf(q, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name);
		struct stat st;
		if (stat(q, &st) == 0 && S_ISDIR(st.st_mode))
			free(q);
		else
			(*names)[(*n)++] = q;
	}
	closedir(d);
	if (*n > first)
		qsort(*names + first, *n - first, sizeof **names, byname);
	*nfound = *n - first;
	return rc;
}

/* Cuts f's coroutines [a, b) into parts of about PARTBYTES before a
 * line that starts a coroutine, appended to *parts. Returns 0 or -1 when
 * out of memory. */
static int cut(file *f, const char *a, const char *b, part **parts, size_t *n, size_t *cap)
{
	f->part0 = *n;
	while (a < b) {
		const char *z = (size_t)(b - a) > PARTBYTES ? a + PARTBYTES : b;
		if (z < b) { /* before the next coroutine */
			const char *nl = memmem(z - 1, (size_t)(b - z + 1), "\n    {", 6);
			z = nl ? nl + 1 : b;
		}
		part *t = cp_grow(*parts, *n, cap, sizeof *t, 64);
		if (!t)
			return -1;
		*parts = t;
		(*parts)[(*n)++] = (part){.f = f, .a = a, .b = z, .last = z == b};
		a = z;
	}
	f->nparts = *n - f->part0;
	return 0;
}

static int wholepart(file *f, part **parts, size_t *n, size_t *cap)
{
	part *t = cp_grow(*parts, *n, cap, sizeof *t, 64);
	if (!t)
		return -1;
	*parts = t;
	f->whole = 1;
	f->part0 = *n;
	f->nparts = 1;
	(*parts)[(*n)++] = (part){.f = f};
	return 0;
}

static size_t nthreads(const cp_set *s)
{
	if (s->threads > 0)
		return (size_t)s->threads;
	long c = sysconf(_SC_NPROCESSORS_ONLN);
	return c > 0 ? (size_t)c : 1;
}

/* Reads the n files (those with rc set failed before) and records their
 * coroutines in order, up to the first failure, which it words in err. */
static int readfiles(cp_set *s, file *fs, size_t n, char *err, size_t errlen)
{
	struct cp_set_impl *m = s->impl;
	part *parts = NULL;
	size_t np = 0, cap = 0, nt = nthreads(s);
	int rc = 0, oom = 0;

	/* coroutine by coroutine the files in the writer's layout, others whole */
	for (size_t k = 0; k < n && !oom; k++) {
		file *f = &fs[k];
		const char *a, *b;
		if (f->rc)
			continue;
		load(f);
		if (f->rc)
			continue;
		oom = form(f, &m->w, &a, &b) == 0 ? cut(f, a, b, &parts, &np, &cap) < 0
		                                   : wholepart(f, &parts, &np, &cap) < 0;
	}
	if (!oom)
		runparts(parts, np, nt, s->keep_text, &m->w);
	/* then whole those in which a coroutine was not as expected */
	size_t first = np;
	for (size_t k = 0; k < n && !oom; k++) {
		file *f = &fs[k];
		int again = 0;
		for (size_t i = 0; i < f->nparts && !f->whole; i++)
			again |= parts[f->part0 + i].rc != 0;
		if (again)
			oom = wholepart(f, &parts, &np, &cap) < 0;
	}
	if (!oom && np > first)
		runparts(parts + first, np - first, nt, s->keep_text, &m->w);

	for (size_t k = 0; k < n; k++) {
		file *f = &fs[k];
		if (!rc && oom) {
			snprintf(err, errlen, "%s: out of memory", f->path);
			rc = -1;
		}
		if (!rc && f->rc > 0)
			snprintf(err, errlen, "%s: %s", f->path, strerror(f->rc));
		else if (!rc && f->rc < 0)
			snprintf(err, errlen, "%s", f->err);
		rc |= f->rc != 0;
		for (size_t i = 0; i < f->nparts && !rc; i++) {
			part *t = &parts[f->part0 + i];
			if (t->rc) {
				snprintf(err, errlen, "%s", f->err);
				rc = -1;
			}
			for (size_t j = 0; j < t->n && !rc; j++)
				rc = entry(s, f->fi, &t->recs[j], err, errlen) < 0;
		}
		unmap(&f->mp);
	}
	for (size_t i = 0; i < np; i++)
		free(parts[i].recs);
	free(parts);
	return rc ? -1 : 0;
}

int cp_set_add_paths(cp_set *s, const char *const *paths, size_t npaths, char *err, size_t errlen)
{
	char **names = NULL, bad[1024] = "";
	size_t n = 0, cap = 0;
	int rc = -1;
	if (!s->impl && !(s->impl = calloc(1, sizeof *s->impl))) {
		snprintf(err, errlen, "%s: out of memory", npaths ? paths[0] : "");
		return -1;
	}
	/* the files, in order; a directory that cannot be listed or has no
	 * report ends the list with its message */
	for (size_t k = 0; k < npaths && !*bad; k++) {
		struct stat st;
		size_t found = 0;
		if (stat(paths[k], &st) == 0 && S_ISDIR(st.st_mode)) {
			int e = listdir(paths[k], &names, &n, &cap, &found);
			if (e)
				snprintf(bad, sizeof bad, "%s: %s", paths[k], e == ENOMEM ? "out of memory" : strerror(e));
			else if (!found)
				snprintf(bad, sizeof bad, "%s: no *.json reports in this directory", paths[k]);
			continue;
		}
		char **t = cp_grow(names, n, &cap, sizeof *t, 64);
		if (!t) {
			snprintf(bad, sizeof bad, "%s: out of memory", paths[k]);
			break;
		}
		names = t;
		if (!(names[n] = cp_strdup(paths[k]))) {
			snprintf(bad, sizeof bad, "%s: out of memory", paths[k]);
			break;
		}
		n++;
	}
	size_t nf = n + (*bad != 0);
	file *fs = calloc(nf ? nf : 1, sizeof *fs);
	char **files = realloc(s->files, (s->nfiles + n + 1) * sizeof *files);
	if (files)
		s->files = files;
	if (!fs || !files) {
		snprintf(err, errlen, "%s: out of memory", npaths ? paths[0] : "");
		for (size_t k = 0; k < n; k++)
			free(names[k]);
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		fs[k].path = names[k];
		fs[k].fi = s->nfiles;
		s->files[s->nfiles++] = names[k]; /* the set owns it now */
	}
	if (*bad) {
		fs[n].rc = -1;
		snprintf(fs[n].err, sizeof fs[n].err, "%s", bad);
	}
	rc = readfiles(s, fs, nf, err, errlen);
out:
	free(names);
	free(fs);
	return rc;
}

int cp_set_add_path(cp_set *s, const char *path, char *err, size_t errlen)
{
	return cp_set_add_paths(s, &path, 1, err, errlen);
}

int cp_entry_keycmp(const cp_entry *a, const cp_entry *b)
{
	int c = strcmp(a->name, b->name);
	if (c || a->source == b->source)
		return c;
	if (!a->source || !b->source)
		return a->source ? 1 : -1;
	return strcmp(a->source, b->source);
}

static int entcmp(const void *pa, const void *pb) { return cp_entry_keycmp(pa, pb); }

void cp_set_sort(cp_set *s)
{
	if (!s->n)
		return;
	qsort(s->e, s->n, sizeof *s->e, entcmp);
	if (rehash(s, s->impl->tcap) < 0) { /* keep the table, cleared */
		memset(s->impl->tab, 0, s->impl->tcap * sizeof *s->impl->tab);
		for (size_t k = 0; k < s->n; k++)
			*slot(s, s->e[k].name, s->e[k].source) = k + 1;
	}
}

const cp_entry *cp_set_find(const cp_set *s, const char *name, const char *source)
{
	if (!s->impl || !s->impl->tcap)
		return NULL;
	size_t *sl = slot(s, name, source);
	return *sl ? &s->e[*sl - 1] : NULL;
}

void cp_set_free(cp_set *s)
{
	struct cp_set_impl *m = s->impl;
	if (m) {
		workfree(&m->w);
		free(m->tab);
		free(m);
	}
	for (size_t k = 0; k < s->nfiles; k++)
		free(s->files[k]);
	free(s->files);
	free(s->e);
	memset(s, 0, sizeof *s);
}

int cp_set_write_notes(const cp_set *s, FILE *out)
{
	for (size_t k = 0; k < s->n; k++) {
		const cp_entry *e = &s->e[k];
		if (e->min_size == e->packed_size)
			continue;
		fprintf(out, "coropack: note: %s%s%s%s: copies disagree in size: %" PRIu64 " bytes in %s, %"
			PRIu64 " in %s; keeping %" PRIu64 "\n", e->demangled ? e->demangled : e->name,
			e->demangled ? " (" : "", e->demangled ? e->name : "", e->demangled ? ")" : "",
			e->min_size, s->files[e->min_file], e->packed_size, s->files[e->file], e->packed_size);
	}
	return ferror(out) ? -1 : 0;
}

int cp_set_write_json(const cp_set *s, FILE *out)
{
	fputs("{\n  \"coroutines\": [", out);
	for (size_t k = 0; k < s->n; k++) {
		const cp_entry *e = &s->e[k];
		if (!e->text)
			return -1;
		fputs(k ? ",\n    " : "\n    ", out);
		fwrite(e->text, 1, e->len, out);
	}
	fputs(s->n ? "\n  ],\n" : "],\n", out);
	fputs("  \"schema_version\": 1,\n  \"source\": null\n}\n", out);
	return ferror(out) ? -1 : 0;
}
