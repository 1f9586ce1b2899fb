/* Report sets (report.h): report files checked in place and indexed by
 * coroutine name, for merge, summary and diff.
 *
 * The scanner is a recursive-descent JSON parser over the file's bytes. It
 * builds a flat node array for one coroutine at a time (reused from one to
 * the next), checks it against the schema in the order cp_report_read_json
 * checks the model, and keeps of it only the entry fields and the byte range
 * of its object. It also tracks whether the object is already in the
 * report form (cp_report_write_json with flags 0: keys sorted, no
 * whitespace, jansson's string escapes, no reals): merge copies such objects
 * byte for byte and re-prints only the others.
 *
 * Coroutines in the report form, which is what the plugin and merge write,
 * first go through a quick path (fast()) that checks them in one pass with
 * no nodes and hands anything unusual to the general scanner.
 *
 * Files are read by several threads at once (cp_set.threads), each with
 * its own scratch (work); the calling thread then records their coroutines
 * in file order, so that the set does not depend on the threads.
 *
 * JSON acceptance is jansson's decoder with JSON_REJECT_DUPLICATES: RFC 8259
 * syntax, UTF-8 checked, no \u0000, integers within int64, one object at the
 * top and nothing after it. Schema errors are reported as the reader does:
 * the first in document order, after schema_version, source and coroutines
 * themselves. */
#define _POSIX_C_SOURCE 200809L
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* qsort_r */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coropack/report.h"

enum { JNULL, JFALSE, JTRUE, JINT, JREAL, JSTR, JARR, JOBJ };
enum { MAXDEPTH = 2048 }; /* jansson's JSON_PARSER_MAX_DEPTH */

/* A parsed value. Children of a container follow it; members of an object
 * are key (JSTR), value pairs. end is the index after the subtree. */
typedef struct node {
	unsigned char t;
	unsigned char esc; /* JSTR: has backslash escapes */
	uint32_t n;        /* JARR: elements; JOBJ: members */
	size_t end;
	size_t len;        /* JSTR: raw bytes between the quotes; numbers: characters */
	const char *p;     /* JSTR: after the opening quote; else the first character */
	int64_t i;         /* JINT */
} node;

typedef struct span {
	const char *p;
	size_t n;
} span;

typedef struct chunk {
	struct chunk *next;
	char data[];
} chunk;

typedef struct map {
	char *p;
	size_t len;
	int mapped; /* mmap, else malloc */
} map;

/* What a thread scanning files owns: scratch, and an arena for strings. */
typedef struct work {
	node *v;     /* scanner nodes */
	size_t vcap;
	span *f;     /* fast path scratch */
	size_t fcap;
	char *tmp;   /* decoding scratch */
	size_t tmpcap;
	chunk *chunks;
	char *ap;    /* arena cursor */
	size_t aleft;
} work;

struct cp_set_impl {
	size_t ecap;
	size_t *tab; /* open addressing: entry index + 1, 0 for empty */
	size_t tcap; /* a power of two, at least twice n */
	map *maps;   /* per file, when keep_text */
	work w;      /* the calling thread's; its arena holds the entries' strings */
};

/* --- arena --------------------------------------------------------------- */

static char *aalloc(work *m, size_t n)
{
	if (n > m->aleft) {
		size_t sz = n > (1u << 20) ? n : (1u << 20);
		chunk *c = malloc(sizeof *c + sz);
		if (!c)
			return NULL;
		c->next = m->chunks;
		m->chunks = c;
		m->ap = c->data;
		m->aleft = sz;
	}
	char *p = m->ap;
	m->ap += n;
	m->aleft -= n;
	return p;
}

/* --- scanner ------------------------------------------------------------- */

typedef struct sc {
	const char *path, *buf, *p, *end;
	work *m;
	size_t nv;
	int canon;  /* the current coroutine is in the report form so far, */
	int spaced; /* but for whitespace between tokens when this is set */
	char *err;
	size_t errlen;
} sc;

static void where(const sc *s, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *q = s->buf; q < at && q < s->end; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)*q & 0xc0) != 0x80) {
			++*col;
		}
	}
}

static int syntax(sc *s, const char *at, const char *fmt, ...)
{
	char msg[160];
	int line, col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	where(s, at, &line, &col);
	snprintf(s->err, s->errlen, "%s:%d:%d: %s", s->path, line, col, msg);
	return -1;
}

/* "near 'x'" as jansson words it: the token at q, at most 20 bytes, bytes
 * outside printable ASCII as \xNN. */
static const char *near(const sc *s, const char *q, char *buf, size_t n)
{
	size_t k = 0, o = 0;
	if (q >= s->end)
		return "end of file";
	while (q + k < s->end && k < 20 && (unsigned char)q[k] > ' ' && !strchr(",:[]{}", q[k]))
		k++;
	if (!k)
		k = 1;
	buf[o++] = '\'';
	for (size_t i = 0; i < k && o + 6 < n; i++) {
		unsigned char c = (unsigned char)q[i];
		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
	}
	buf[o++] = '\'';
	buf[o] = 0;
	return buf;
}

static size_t addnode(sc *s, int t)
{
	work *m = s->m;
	if (s->nv == m->vcap) {
		size_t cap = m->vcap ? 2 * m->vcap : 1024;
		node *v = realloc(m->v, cap * sizeof *v);
		if (!v)
			return SIZE_MAX;
		m->v = v;
		m->vcap = cap;
	}
	m->v[s->nv] = (node){.t = (unsigned char)t, .p = s->p};
	return s->nv++;
}

static int isws(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Skips whitespace. The report form has none inside a coroutine. */
static void ws(sc *s)
{
	if (s->p < s->end && isws(*s->p)) {
		s->spaced = 1;
		do
			s->p++;
		while (s->p < s->end && isws(*s->p));
	}
}

/* After a member or element of a container: "," or the closer. */
static int next(sc *s, char closer)
{
	ws(s);
	if (s->p < s->end && *s->p == ',') {
		s->p++;
		ws(s);
		return 1;
	}
	if (s->p < s->end && *s->p == closer) {
		s->p++;
		return 0;
	}
	return -1;
}

static int hex4(const char *q, unsigned *u)
{
	*u = 0;
	for (int k = 0; k < 4; k++) {
		char c = q[k];
		*u <<= 4;
		if (c >= '0' && c <= '9')
			*u |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*u |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*u |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/* Length of the valid UTF-8 sequence at q (first byte >= 0x80), or 0. */
static size_t utf8(const unsigned char *q, const unsigned char *end)
{
	unsigned c = q[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if ((size_t)(end - q) < n || q[1] < lo || q[1] > hi)
		return 0;
	for (size_t k = 2; k < n; k++)
		if ((q[k] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Escapes jansson's encoder writes: the short ones, and \u00XX (upper case)
 * for the other control characters. */
static int canonesc(const char *q)
{
	if (strchr("\"\\bfnrt", q[1]))
		return 1;
	unsigned u;
	if (q[1] != 'u' || hex4(q + 2, &u) < 0 || u >= 0x20 || strchr("\b\f\n\r\t", (int)u))
		return 0;
	for (int k = 2; k < 6; k++)
		if (q[k] >= 'a' && q[k] <= 'f')
			return 0;
	return 1;
}

/* Bytes a string holds as they are: printable ASCII but the quote and the
 * backslash. */
static const unsigned char plain[256] = {
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
	['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
	['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [' '] = 1, ['!'] = 1,
	['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
	['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1,
	['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1,
	['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1, [0x7f] = 1,
};

/* The first byte from q on that is not plain (or end): eight bytes at a
 * time where words can be read as little-endian integers. A byte's high
 * bit in m is set for a quote, a backslash, a control character or a byte
 * >= 0x80; a borrow can set it wrongly only above a byte that is rightly
 * set, so the lowest one set is right. */
static inline const char *plainend(const char *q, const char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	while (end - q >= 8) {
		uint64_t w, x, y;
		memcpy(&w, q, 8);
		x = w ^ (ones * '"');
		y = w ^ (ones * '\\');
		uint64_t m = (((x - ones) & ~x) | ((y - ones) & ~y) | ((w - ones * 0x20) & ~w) | w) & high;
		if (m)
			return q + (__builtin_ctzll(m) >> 3);
		q += 8;
	}
#endif
	while (q < end && plain[(unsigned char)*q])
		q++;
	return q;
}

/* At the opening quote. */
static int str(sc *s)
{
	size_t me = addnode(s, JSTR);
	const char *q = s->p + 1;
	if (me == SIZE_MAX)
		return syntax(s, s->p, "out of memory");
	node *n = &s->m->v[me];
	n->p = q;
	for (;;) {
		q = plainend(q, s->end);
		if (q >= s->end)
			return syntax(s, q, "premature end of input near end of file");
		unsigned char c = (unsigned char)*q;
		if (c == '"')
			break;
		if (c < 0x20)
			return syntax(s, q, "control character 0x%x near string", c);
		if (c >= 0x80) {
			size_t k = utf8((const unsigned char *)q, (const unsigned char *)s->end);
			if (!k)
				return syntax(s, q, "unable to decode byte 0x%x", c);
			q += k;
			continue;
		}
		/* backslash */
		n->esc = 1;
		if (q + 1 >= s->end)
			return syntax(s, q, "premature end of input near end of file");
		if (q[1] == 'u') {
			unsigned u, u2;
			if (s->end - q < 6 || hex4(q + 2, &u) < 0)
				return syntax(s, q, "invalid escape near string");
			if (u == 0)
				return syntax(s, q, "\\u0000 is not allowed without JSON_ALLOW_NUL");
			if (s->canon && !canonesc(q))
				s->canon = 0;
			if (u >= 0xdc00 && u <= 0xdfff)
				return syntax(s, q, "invalid Unicode '\\u%04X'", u);
			if (u >= 0xd800 && u <= 0xdbff) {
				if (s->end - q < 12 || q[6] != '\\' || q[7] != 'u' || hex4(q + 8, &u2) < 0
				    || u2 < 0xdc00 || u2 > 0xdfff)
					return syntax(s, q, "invalid Unicode '\\u%04X'", u);
				q += 6;
			}
			q += 6;
		} else if (strchr("\"\\/bfnrt", q[1])) {
			if (s->canon && !canonesc(q))
				s->canon = 0;
			q += 2;
		} else {
			return syntax(s, q, "invalid escape near string");
		}
	}
	n->len = (size_t)(q - n->p);
	n->end = me + 1;
	s->p = q + 1;
	return 0;
}

static int num(sc *s)
{
	size_t me = addnode(s, JINT);
	const char *q = s->p, *a = q;
	char tok[96];
	if (me == SIZE_MAX)
		return syntax(s, q, "out of memory");
	int neg = *q == '-', real = 0;
	uint64_t u = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	int over = 0;
	q += neg;
	if (q >= s->end || *q < '0' || *q > '9')
		return syntax(s, a, "invalid token near %s", near(s, a, tok, sizeof tok));
	if (*q == '0' && q + 1 < s->end && q[1] >= '0' && q[1] <= '9')
		return syntax(s, a, "invalid token near %s", near(s, a, tok, sizeof tok));
	for (; q < s->end && *q >= '0' && *q <= '9'; q++) {
		unsigned d = (unsigned)(*q - '0');
		if (u > (lim - d) / 10)
			over = 1;
		else
			u = u * 10 + d;
	}
	if (q < s->end && *q == '.') {
		real = 1;
		if (++q >= s->end || *q < '0' || *q > '9')
			return syntax(s, a, "invalid token near %s", near(s, a, tok, sizeof tok));
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < s->end && (*q == 'e' || *q == 'E')) {
		real = 1;
		q++;
		if (q < s->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= s->end || *q < '0' || *q > '9')
			return syntax(s, a, "invalid token near %s", near(s, a, tok, sizeof tok));
		while (q < s->end && *q >= '0' && *q <= '9')
			q++;
	}
	node *n = &s->m->v[me];
	n->len = (size_t)(q - a);
	n->end = me + 1;
	if (real) {
		char buf[64];
		n->t = JREAL;
		s->canon = 0;
		if (n->len < sizeof buf) {
			memcpy(buf, a, n->len);
			buf[n->len] = 0;
			errno = 0;
			double d = strtod(buf, NULL);
			if (errno == ERANGE && (d > 1 || d < -1))
				return syntax(s, a, "real number overflow");
		}
	} else if (over) {
		return syntax(s, a, neg ? "too big negative integer" : "too big integer");
	} else {
		n->i = neg ? (int64_t)(0 - u) : (int64_t)u;
		if (neg && !u)
			s->canon = 0;
	}
	s->p = q;
	return 0;
}

static int val(sc *s, int d);

/* Raw key order, valid when neither key has escapes. */
static int rawcmp(const node *a, const node *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	if (n && a->p[0] != b->p[0])
		return (unsigned char)a->p[0] < (unsigned char)b->p[0] ? -1 : 1;
	int c = memcmp(a->p, b->p, n);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Decodes a valid string node into d (room for n->len + 1); NUL-terminated,
 * returns its length. */
static size_t decode(const node *n, char *d)
{
	const char *q = n->p, *e = q + n->len;
	char *o = d;
	while (q < e) {
		if (*q != '\\') {
			*o++ = *q++;
			continue;
		}
		char c = q[1];
		q += 2;
		switch (c) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned u, u2;
			hex4(q, &u);
			q += 4;
			if (u >= 0xd800 && u <= 0xdbff) {
				hex4(q + 2, &u2);
				q += 6;
				u = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
			}
			if (u < 0x80) {
				*o++ = (char)u;
			} else if (u < 0x800) {
				*o++ = (char)(0xc0 | u >> 6);
				*o++ = (char)(0x80 | (u & 0x3f));
			} else if (u < 0x10000) {
				*o++ = (char)(0xe0 | u >> 12);
				*o++ = (char)(0x80 | (u >> 6 & 0x3f));
				*o++ = (char)(0x80 | (u & 0x3f));
			} else {
				*o++ = (char)(0xf0 | u >> 18);
				*o++ = (char)(0x80 | (u >> 12 & 0x3f));
				*o++ = (char)(0x80 | (u >> 6 & 0x3f));
				*o++ = (char)(0x80 | (u & 0x3f));
			}
			break;
		}
		default: *o++ = c; break; /* " \ / */
		}
	}
	*o = 0;
	return (size_t)(o - d);
}

/* A string node's bytes: the raw ones when it has no escapes, else decoded
 * into the scratch buffer slot (0 or 1). NULL when out of memory. */
static const char *sval(work *m, const node *n, size_t *len, int slot)
{
	if (!n->esc) {
		*len = n->len;
		return n->p;
	}
	size_t need = 2 * (n->len + 1);
	if (need > m->tmpcap) {
		char *t = realloc(m->tmp, need);
		if (!t)
			return NULL;
		m->tmp = t;
		m->tmpcap = need;
	}
	char *d = m->tmp + (size_t)slot * (n->len + 1);
	*len = decode(n, d);
	return d;
}

/* Objects have few keys: a quadratic check when the keys were not seen in
 * strictly ascending raw order. */
static int dupkeys(sc *s, size_t obj)
{
	node *v = s->m->v;
	size_t keys[64], *k = keys, nk = 0, cap = 64;
	for (size_t j = obj + 1; j < v[obj].end; j = v[j + 1].end) {
		if (nk == cap) {
			size_t *t = malloc(2 * cap * sizeof *t);
			if (!t)
				return syntax(s, v[obj].p, "out of memory");
			memcpy(t, k, nk * sizeof *t);
			if (k != keys)
				free(k);
			k = t;
			cap *= 2;
		}
		k[nk++] = j;
	}
	int rc = 0;
	for (size_t a = 1; a < nk && !rc; a++)
		for (size_t b = 0; b < a && !rc; b++) {
			size_t la = 0, lb = 0;
			const char *sa = sval(s->m, &v[k[a]], &la, 0);
			const char *sb = sval(s->m, &v[k[b]], &lb, 1);
			if (!sa || !sb)
				rc = syntax(s, v[obj].p, "out of memory");
			else if (la == lb && !memcmp(sa, sb, la))
				rc = syntax(s, v[k[a]].p - 1, "duplicate object key near '\"%.*s\"'",
					(int)(la > 40 ? 40 : la), sa);
		}
	if (k != keys)
		free(k);
	return rc;
}

/* After the opener: is the container empty? */
static int empty(sc *s, char closer)
{
	ws(s);
	if (s->p < s->end && *s->p == closer) {
		s->p++;
		return 1;
	}
	return 0;
}

static int obj(sc *s, int d)
{
	size_t me = addnode(s, JOBJ), prev = SIZE_MAX;
	int sorted = 1, more;
	char tok[96];
	if (me == SIZE_MAX)
		return syntax(s, s->p, "out of memory");
	if (d >= MAXDEPTH)
		return syntax(s, s->p, "maximum parsing depth reached near '{'");
	s->p++;
	if (!empty(s, '}'))
		do {
			if (s->p >= s->end || *s->p != '"')
				return syntax(s, s->p, "string or '}' expected near %s", near(s, s->p, tok, sizeof tok));
			size_t k = s->nv;
			if (str(s) < 0)
				return -1;
			node *v = s->m->v;
			if (prev != SIZE_MAX && (v[k].esc || v[prev].esc || rawcmp(&v[prev], &v[k]) >= 0)) {
				sorted = 0;
				s->canon = 0;
			}
			prev = k;
			ws(s);
			if (s->p >= s->end || *s->p != ':')
				return syntax(s, s->p, "':' expected near %s", near(s, s->p, tok, sizeof tok));
			s->p++;
			ws(s);
			if (val(s, d + 1) < 0)
				return -1;
			s->m->v[me].n++;
			if ((more = next(s, '}')) < 0)
				return syntax(s, s->p, "'}' expected near %s", near(s, s->p, tok, sizeof tok));
		} while (more);
	s->m->v[me].end = s->nv;
	if (!sorted && dupkeys(s, me) < 0)
		return -1;
	return 0;
}

static int arr(sc *s, int d)
{
	size_t me = addnode(s, JARR);
	int more;
	char tok[96];
	if (me == SIZE_MAX)
		return syntax(s, s->p, "out of memory");
	if (d >= MAXDEPTH)
		return syntax(s, s->p, "maximum parsing depth reached near '['");
	s->p++;
	if (!empty(s, ']'))
		do {
			if (val(s, d + 1) < 0)
				return -1;
			s->m->v[me].n++;
			if ((more = next(s, ']')) < 0)
				return syntax(s, s->p, "']' expected near %s", near(s, s->p, tok, sizeof tok));
		} while (more);
	s->m->v[me].end = s->nv;
	return 0;
}

static int lit(sc *s, const char *w, int t)
{
	size_t n = strlen(w);
	char tok[96];
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n))
		return syntax(s, s->p, "invalid token near %s", near(s, s->p, tok, sizeof tok));
	size_t me = addnode(s, t);
	if (me == SIZE_MAX)
		return syntax(s, s->p, "out of memory");
	s->m->v[me].end = me + 1;
	s->p += n;
	return 0;
}

/* A value at nesting depth d (the top object is at 0). */
static int val(sc *s, int d)
{
	char tok[96];
	if (s->p >= s->end)
		return syntax(s, s->p, "unexpected token near end of file");
	switch (*s->p) {
	case '{': return obj(s, d);
	case '[': return arr(s, d);
	case '"': return str(s);
	case 't': return lit(s, "true", JTRUE);
	case 'f': return lit(s, "false", JFALSE);
	case 'n': return lit(s, "null", JNULL);
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return num(s);
		return syntax(s, s->p, "invalid token near %s", near(s, s->p, tok, sizeof tok));
	}
}

/* --- schema checks, in cp_report_read_json's order and words --------------- */

/* Where a value is, for messages: base (e.g. "coroutines[3]"), then when
 * arr is set ".arr[i]". Formatted only on error. */
typedef struct loc {
	const char *base, *arr;
	size_t i;
} loc;

static int bad(sc *s, const loc *l, const char *k, const char *fmt, ...)
{
	char msg[160], at[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (l && l->arr)
		snprintf(at, sizeof at, "%s.%s[%zu]", l->base, l->arr, l->i);
	else
		snprintf(at, sizeof at, "%s", l ? l->base : "");
	if (*at || *k)
		snprintf(s->err, s->errlen, "%s: %s%s%s: %s", s->path, at, *at && *k ? "." : "", k, msg);
	else
		snprintf(s->err, s->errlen, "%s: %s", s->path, msg);
	return -1;
}

static const char *jtype(int t)
{
	static const char *const name[] = {
		[JNULL] = "null", [JFALSE] = "a boolean", [JTRUE] = "a boolean",
		[JINT] = "an integer", [JREAL] = "a real", [JSTR] = "a string",
		[JARR] = "an array", [JOBJ] = "an object",
	};
	return name[t];
}

/* The keys of the schema's objects. */
enum {
	K_NAME, K_DEMANGLED, K_LEVEL, K_STOCK, K_PACKED, K_LOWER, K_OPTIMAL, K_ALIGN, K_STATUS,
	K_STATES, K_ITEMS, K_HOLES, K_VARIANTS, K_KIND, K_LOC, K_TYPE, K_SIZE, K_OFFSET, K_LIVE,
	K_STORAGE, NKEYS
};

static const char *const keyname[NKEYS] = {
	"name", "demangled", "level", "stock_size", "packed_size", "lower_bound", "optimal", "align",
	"status", "states", "items", "holes", "variants", "kind", "loc", "type", "size", "offset",
	"live_at", "storage",
};

static int keyid(const char *p, size_t n)
{
#define IS(w, k) (n == sizeof w - 1 && !memcmp(p, w, sizeof w - 1)) ? k
	switch (p[0]) {
	case 'a': return IS("align", K_ALIGN) : -1;
	case 'd': return IS("demangled", K_DEMANGLED) : -1;
	case 'h': return IS("holes", K_HOLES) : -1;
	case 'i': return IS("items", K_ITEMS) : -1;
	case 'k': return IS("kind", K_KIND) : -1;
	case 'l': return IS("level", K_LEVEL) : IS("lower_bound", K_LOWER) : IS("loc", K_LOC)
	               : IS("live_at", K_LIVE) : -1;
	case 'n': return IS("name", K_NAME) : -1;
	case 'o': return IS("optimal", K_OPTIMAL) : IS("offset", K_OFFSET) : -1;
	case 'p': return IS("packed_size", K_PACKED) : -1;
	case 's': return IS("stock_size", K_STOCK) : IS("status", K_STATUS) : IS("states", K_STATES)
	               : IS("size", K_SIZE) : IS("storage", K_STORAGE) : -1;
	case 't': return IS("type", K_TYPE) : -1;
	case 'v': return IS("variants", K_VARIANTS) : -1;
	}
	return -1;
#undef IS
}

/* The values of an object's schema keys (SIZE_MAX: absent). */
typedef struct keys {
	size_t v[NKEYS];
} keys;

static void index_(sc *s, size_t o, keys *k)
{
	const node *v = s->m->v;
	for (int i = 0; i < NKEYS; i++)
		k->v[i] = SIZE_MAX;
	for (size_t j = o + 1; j < v[o].end; j = v[j + 1].end) {
		size_t n;
		const char *p = sval(s->m, &v[j], &n, 0);
		int id = p && n ? keyid(p, n) : -1;
		if (id >= 0)
			k->v[id] = j + 1;
	}
}

/* *out = the value of key when of type t (JTRUE: a boolean), or null and
 * nul is set. */
static int get(sc *s, const keys *o, const loc *l, int key, int t, int nul, size_t *out)
{
	static const char *const want[] = {
		[JOBJ] = "an object", [JARR] = "an array", [JSTR] = "a string",
		[JINT] = "an integer", [JTRUE] = "a boolean",
	};
	size_t x = o->v[key];
	if (x == SIZE_MAX)
		return bad(s, l, keyname[key], "missing");
	int xt = s->m->v[x].t;
	int ok = xt == t || (t == JTRUE && xt == JFALSE);
	if (!ok && !(nul && xt == JNULL))
		return bad(s, l, keyname[key], "expected %s%s, got %s", want[t], nul ? " or null" : "", jtype(xt));
	*out = x;
	return 0;
}

static int guint(sc *s, const keys *o, const loc *l, int key, int nul, uint64_t dflt, uint64_t *out)
{
	size_t x = 0;
	if (get(s, o, l, key, JINT, nul, &x) < 0)
		return -1;
	const node *n = &s->m->v[x];
	if (n->t == JNULL) {
		*out = dflt;
		return 0;
	}
	if (n->i < 0)
		return bad(s, l, keyname[key], "expected a non-negative integer, got %" PRId64, n->i);
	*out = (uint64_t)n->i;
	return 0;
}

static int gkind(sc *s, const keys *o, const loc *l, const char *const *names, int n)
{
	size_t x = 0, len;
	if (get(s, o, l, K_KIND, JSTR, 0, &x) < 0)
		return -1;
	const char *p = sval(s->m, &s->m->v[x], &len, 0);
	for (int i = 0; p && i < n; i++)
		if (len && names[i][0] == p[0] && strlen(names[i]) == len && !memcmp(p, names[i], len))
			return 0;
	return bad(s, l, "kind", "unknown kind \"%.*s\"", p ? (int)len : 0, p ? p : "");
}


/* Copies a string node into the arena, NUL-terminated. */
static char *acopyw(work *w, const node *n)
{
	char *d = aalloc(w, n->len + 1);
	if (!d)
		return NULL;
	if (n->esc)
		decode(n, d);
	else {
		memcpy(d, n->p, n->len);
		d[n->len] = 0;
	}
	return d;
}

static char *acopy(sc *s, const node *n) { return acopyw(s->m, n); }

static span sspan(sc *s, size_t x)
{
	const node *n = &s->m->v[x];
	if (!n->esc)
		return (span){n->p, n->len};
	char *d = acopy(s, n); /* rare: kept for the coroutine's checks */
	return (span){d, d ? strlen(d) : 0};
}

static const char *const skinds[] = {"unresumed", "initial", "await", "final", NULL};
static const char *const ikinds[] = {"header", "promise", "index", "value", "alloca", NULL};

static int states(sc *s, const keys *o, const loc *l0, span **names, size_t *nn)
{
	size_t a = 0, x = 0;
	keys k;
	if (get(s, o, l0, K_STATES, JARR, 0, &a) < 0)
		return -1;
	const node *v = s->m->v;
	loc l = {l0->base, "states", 0};
	*nn = 0;
	if (v[a].n && !(*names = malloc(v[a].n * sizeof **names)))
		return bad(s, l0, "states", "out of memory");
	for (size_t j = a + 1; j < v[a].end; j = v[j].end, l.i++) {
		if (v[j].t != JOBJ)
			return bad(s, &l, "", "expected an object, got %s", jtype(v[j].t));
		index_(s, j, &k);
		if (get(s, &k, &l, K_NAME, JSTR, 0, &x) < 0)
			return -1;
		span nm = sspan(s, x);
		if (!nm.p)
			return bad(s, &l, "name", "out of memory");
		if (gkind(s, &k, &l, skinds, 4) < 0 || get(s, &k, &l, K_LOC, JSTR, 1, &x) < 0)
			return -1;
		for (size_t q = 0; q < *nn; q++)
			if ((*names)[q].n == nm.n && !memcmp((*names)[q].p, nm.p, nm.n))
				return bad(s, &l, "name", "duplicate state \"%.*s\"", (int)nm.n, nm.p);
		(*names)[(*nn)++] = nm;
	}
	return 0;
}

static int items(sc *s, const keys *o, const loc *l0, const span *names, size_t nn)
{
	size_t a = 0, x = 0, len;
	uint64_t u;
	keys k;
	if (get(s, o, l0, K_ITEMS, JARR, 0, &a) < 0)
		return -1;
	const node *v = s->m->v;
	loc l = {l0->base, "items", 0};
	for (size_t j = a + 1; j < v[a].end; j = v[j].end, l.i++) {
		if (v[j].t != JOBJ)
			return bad(s, &l, "", "expected an object, got %s", jtype(v[j].t));
		index_(s, j, &k);
		uint64_t off = 0;
		if (get(s, &k, &l, K_NAME, JSTR, 0, &x) < 0
		 || gkind(s, &k, &l, ikinds, 5) < 0
		 || get(s, &k, &l, K_TYPE, JSTR, 0, &x) < 0
		 || guint(s, &k, &l, K_SIZE, 0, 0, &u) < 0
		 || guint(s, &k, &l, K_ALIGN, 0, 0, &u) < 0
		 || guint(s, &k, &l, K_OFFSET, 1, CP_NO_OFFSET, &off) < 0
		 || get(s, &k, &l, K_LOC, JSTR, 1, &x) < 0
		 || get(s, &k, &l, K_LIVE, JARR, 0, &x) < 0)
			return -1;
		/* live_at lists states in state order: look from the last one on */
		size_t q = 0;
		for (size_t e = x + 1; e < v[x].end; e = v[e].end) {
			if (v[e].t != JSTR)
				return bad(s, &l, "live_at", "expected state names, got %s", jtype(v[e].t));
			const char *p = sval(s->m, &v[e], &len, 0);
			size_t tries = 0;
			while (p && tries < nn && !(names[q].n == len && (!len || names[q].p[len - 1] == p[len - 1])
			                            && !memcmp(names[q].p, p, len))) {
				q = q + 1 < nn ? q + 1 : 0;
				tries++;
			}
			if (!p || tries == nn)
				return bad(s, &l, "live_at", "unknown state \"%.*s\"", p ? (int)len : 0, p ? p : "");
		}
		if (get(s, &k, &l, K_STORAGE, JSTR, 0, &x) < 0)
			return -1;
		const char *p = sval(s->m, &v[x], &len, 0);
		const char *want = off != CP_NO_OFFSET ? "stored" : NULL;
		if (p && !want)
			want = len == 14 && !memcmp(p, "rematerialized", 14) ? "rematerialized" : "none";
		if (!p || len != strlen(want) || memcmp(p, want, len))
			return bad(s, &l, "storage", "\"%.*s\" does not match offset %s", p ? (int)len : 0,
				p ? p : "", off == CP_NO_OFFSET ? "null" : "set");
	}
	return 0;
}

/* What entry() needs of a checked coroutine: its strings (as nodes that
 * point into the file: valid while it is mapped) and numbers. */
typedef struct raw {
	node name, demangled, status; /* demangled: JNULL or JSTR */
	uint64_t stock, packed, lower;
	int level;
} raw;

/* Checks the coroutine at node 0, the i-th of its file. */
static int coro(sc *s, size_t i, raw *r)
{
	char at[48];
	size_t x = 0;
	uint64_t u;
	span *names = NULL;
	size_t nn = 0;
	keys k;
	const node *v = s->m->v;
	snprintf(at, sizeof at, "coroutines[%zu]", i);
	loc l = {at, NULL, 0};
	if (v[0].t != JOBJ)
		return bad(s, &l, "", "expected an object, got %s", jtype(v[0].t));
	index_(s, 0, &k);
	size_t nm = 0, dem = 0, st = 0;
	if (get(s, &k, &l, K_NAME, JSTR, 0, &nm) < 0
	 || get(s, &k, &l, K_DEMANGLED, JSTR, 1, &dem) < 0
	 || get(s, &k, &l, K_LEVEL, JINT, 0, &x) < 0)
		return -1;
	r->name = v[nm];
	r->demangled = v[dem];
	if (v[x].i < INT_MIN || v[x].i > INT_MAX)
		return bad(s, &l, "level", "%" PRId64 " out of range", v[x].i);
	r->level = (int)v[x].i;
	if (guint(s, &k, &l, K_STOCK, 1, 0, &r->stock) < 0
	 || guint(s, &k, &l, K_PACKED, 0, 0, &r->packed) < 0
	 || guint(s, &k, &l, K_LOWER, 0, 0, &r->lower) < 0
	 || get(s, &k, &l, K_OPTIMAL, JTRUE, 0, &x) < 0
	 || guint(s, &k, &l, K_ALIGN, 0, 0, &u) < 0
	 || get(s, &k, &l, K_STATUS, JSTR, 0, &st) < 0)
		return -1;
	r->status = v[st];
	int rc = states(s, &k, &l, &names, &nn);
	if (!rc)
		rc = items(s, &k, &l, names, nn);
	free(names);
	if (rc < 0
	 || get(s, &k, &l, K_HOLES, JARR, 0, &x) < 0
	 || get(s, &k, &l, K_VARIANTS, JARR, 0, &x) < 0)
		return -1;
	return 0;
}

/* --- the fast path: coroutines in the report form --------------------------
 * A coroutine as cp_report_write_json writes it in the report form (keys of
 * version 1 only, in sorted order, no whitespace, jansson's short escapes,
 * no reals, no negative numbers, nothing nested deeper than FDEPTH) is
 * checked in one pass over its bytes, without nodes. fast() accepts only
 * what val() and coro() accept, and only text that is already in the
 * report form; on anything else it gives up (-1, no message) and the
 * caller scans the coroutine again the general way, which finds the error,
 * if there is one, and words it. */

enum { FDEPTH = 32 };

/* n bytes at p equal the n at w; n a constant of at most 16 (then the
 * branches fold away and a literal's words are constants). */
static inline int eqn(const char *p, const char *w, size_t n)
{
	uint64_t a, b;
	uint32_t c, d;
	if (n >= 8) {
		memcpy(&a, p, 8);
		memcpy(&b, w, 8);
		if (a != b)
			return 0;
		memcpy(&a, p + n - 8, 8);
		memcpy(&b, w + n - 8, 8);
		return a == b;
	}
	if (n >= 4) {
		memcpy(&c, p, 4);
		memcpy(&d, w, 4);
		if (c != d)
			return 0;
		memcpy(&c, p + n - 4, 4);
		memcpy(&d, w + n - 4, 4);
		return c == d;
	}
	for (size_t k = 0; k < n; k++)
		if (p[k] != w[k])
			return 0;
	return 1;
}

/* Skips the string literal w (a key with its quotes and colon, or
 * punctuation) when it is next. */
#define FL(s, w) (sizeof w - 1 <= 16 && (size_t)((s)->end - (s)->p) >= sizeof w - 1 \
                  && eqn((s)->p, w, sizeof w - 1) && ((s)->p += sizeof w - 1, 1))

/* The rest of a string from q, the first byte of it that is not plain, on;
 * as fstr. */
static int fstr_rest(sc *s, const char *a, const char *q, node *out)
{
	const char *end = s->end;
	for (;;) {
		if (q >= end)
			return -1;
		unsigned char c = (unsigned char)*q;
		if (c == '"')
			break;
		if (c == '\\') {
			if (q + 1 >= end || !memchr("\"\\bfnrt", q[1], 7))
				return -1;
			out->esc = 1;
			q += 2;
		} else if (c >= 0x80) {
			size_t k = utf8((const unsigned char *)q, (const unsigned char *)end);
			if (!k)
				return -1;
			q += k;
		} else {
			return -1;
		}
		q = plainend(q, end);
	}
	out->t = JSTR;
	out->p = a;
	out->len = (size_t)(q - a);
	s->p = q + 1;
	return 0;
}

/* A string at its opening quote; out: node fields (t, p, len, esc).
 * Accepts the escapes jansson writes in short form (\" \\ \b \f \n \r \t)
 * and valid UTF-8; gives up on \/, \u and control characters. Inline for
 * the common case, plain bytes up to the closing quote. */
static inline int fstr(sc *s, node *out)
{
	const char *a = s->p + 1, *q;
	if (s->p >= s->end || *s->p != '"')
		return -1;
	q = plainend(a, s->end);
	out->esc = 0;
	if (q < s->end && *q == '"') {
		out->t = JSTR;
		out->p = a;
		out->len = (size_t)(q - a);
		s->p = q + 1;
		return 0;
	}
	return fstr_rest(s, a, q, out);
}

/* A non-negative integer of at most 18 digits (so within int64), without
 * leading zeros, not followed by a fraction or exponent. */
static int fuint(sc *s, uint64_t *v)
{
	const char *q = s->p, *end = s->end;
	uint64_t u = 0;
	while (q < end && *q >= '0' && *q <= '9' && q - s->p < 19)
		u = u * 10 + (uint64_t)(*q++ - '0');
	size_t n = (size_t)(q - s->p);
	if (!n || n > 18 || (n > 1 && *s->p == '0') || (q < end && (*q == '.' || *q == 'e' || *q == 'E')))
		return -1;
	*v = u;
	s->p = q;
	return 0;
}

/* fuint, or null (*v = dflt). */
static int fuintn(sc *s, uint64_t dflt, uint64_t *v)
{
	if (FL(s, "null")) {
		*v = dflt;
		return 0;
	}
	return fuint(s, v);
}

/* A string or null; out->t JNULL for null. */
static int fstrn(sc *s, node *out)
{
	if (FL(s, "null")) {
		out->t = JNULL;
		return 0;
	}
	return fstr(s, out);
}

static int fany(sc *s, int d);

/* An array or an object at its opener. Object keys must ascend strictly
 * (so none repeats) and have no escapes. */
static int fcont(sc *s, int d)
{
	char open = *s->p, close = open == '[' ? ']' : '}';
	node prev = {0}, k;
	if (d >= FDEPTH)
		return -1;
	s->p++;
	if (FL(s, "]") || FL(s, "}"))
		return s->p[-1] == close ? 0 : -1;
	for (int first = 1;; first = 0) {
		if (open == '{') {
			if (fstr(s, &k) < 0 || k.esc || (!first && rawcmp(&prev, &k) >= 0) || !FL(s, ":"))
				return -1;
			prev = k;
		}
		if (fany(s, d + 1) < 0)
			return -1;
		if (s->p >= s->end)
			return -1;
		if (*s->p == close) {
			s->p++;
			return 0;
		}
		if (*s->p++ != ',')
			return -1;
	}
}

/* Any value: what val() accepts, but for reals, negative numbers, \u
 * escapes, whitespace and depth beyond FDEPTH. */
static int fany(sc *s, int d)
{
	uint64_t u;
	node n;
	if (s->p >= s->end)
		return -1;
	switch (*s->p) {
	case '{':
	case '[': return fcont(s, d);
	case '"': return fstr(s, &n);
	case 't': return FL(s, "true") ? 0 : -1;
	case 'f': return FL(s, "false") ? 0 : -1;
	case 'n': return FL(s, "null") ? 0 : -1;
	default: return fuint(s, &u);
	}
}

/* An array inside the coroutine (at depth 3). */
static int farr(sc *s)
{
	return s->p < s->end && *s->p == '[' ? fcont(s, 3) : -1;
}

/* An array whose elements elem accepts (as the writer writes them), else
 * any array through the general scanner. */
static int farray_of(sc *s, int (*elem)(sc *))
{
	const char *a = s->p;
	if (FL(s, "[]"))
		return 0;
	if (FL(s, "["))
		for (;;) {
			if (!elem(s))
				break;
			if (FL(s, "]"))
				return 0;
			if (!FL(s, ","))
				break;
		}
	s->p = a;
	return farr(s);
}

static int fhole(sc *s)
{
	uint64_t u;
	return FL(s, "{\"offset\":") && fuint(s, &u) >= 0 && FL(s, ",\"size\":") && fuint(s, &u) >= 0 &&
	       FL(s, "}");
}

static int fvariant(sc *s)
{
	uint64_t u;
	node x;
	if (!FL(s, "{\"items\":["))
		return 0;
	int ok = FL(s, "]");
	while (!ok && fstr(s, &x) == 0 && !(ok = FL(s, "]")) && FL(s, ","))
		;
	return ok && FL(s, ",\"kind\":") && fstr(s, &x) >= 0 && FL(s, ",\"live_bytes\":") &&
	       fuint(s, &u) >= 0 && FL(s, ",\"loc\":") && fstrn(s, &x) >= 0 && FL(s, ",\"name\":") &&
	       fstr(s, &x) >= 0 && FL(s, "}");
}

/* "holes" and "variants" as the writer writes them, else any array. */
static int fholes(sc *s) { return farray_of(s, fhole); }
static int fvariants(sc *s) { return farray_of(s, fvariant); }

/* A string node equal to one of the names, a list ended by NULL. */
static int fkind(const node *k, const char *const *names)
{
	if (k->esc)
		return -1;
	for (; *names; names++)
		if ((*names)[0] == k->p[0] && !strncmp(*names, k->p, k->len) && !(*names)[k->len])
			return 0;
	return -1;
}

/* Growable scratch of strings (live_at entries, state names). */
static int fgrow(work *m)
{
	size_t cap = m->fcap ? 2 * m->fcap : 256;
	span *t = realloc(m->f, cap * sizeof *t);
	if (!t)
		return -1;
	m->f = t;
	m->fcap = cap;
	return 0;
}

static inline int fpush(work *m, const node *n, size_t *nn)
{
	if (*nn == m->fcap && fgrow(m) < 0)
		return -1;
	m->f[(*nn)++] = (span){n->p, n->len};
	return 0;
}

/* The coroutine at s->p. On success fills r as coro() does. */
static int fast(sc *s, raw *r)
{
	work *m = s->m;
	node nm = {0}, dem = {0}, st = {0}, x = {0};
	uint64_t u, off;
	size_t nf = 0, nstates, nlive;

	if (!FL(s, "{\"align\":") || fuint(s, &u) < 0
	 || !FL(s, ",\"demangled\":") || fstrn(s, &dem) < 0
	 || !FL(s, ",\"holes\":") || fholes(s) < 0
	 || !FL(s, ",\"items\":["))
		return -1;
	/* live_at entries go to the scratch first; state names after them */
	if (!FL(s, "]"))
		for (;;) {
			if (!FL(s, "{\"align\":") || fuint(s, &u) < 0
			 || !FL(s, ",\"kind\":") || fstr(s, &x) < 0 || fkind(&x, ikinds) < 0
			 || !FL(s, ",\"live_at\":["))
				return -1;
			if (!FL(s, "]"))
				for (;;) {
					if (fstr(s, &x) < 0 || x.esc || fpush(m, &x, &nf) < 0)
						return -1;
					if (FL(s, "]"))
						break;
					if (!FL(s, ","))
						return -1;
				}
			if (!FL(s, ",\"loc\":") || fstrn(s, &x) < 0
			 || !FL(s, ",\"name\":") || fstr(s, &x) < 0
			 || !FL(s, ",\"offset\":") || fuintn(s, CP_NO_OFFSET, &off) < 0
			 || !FL(s, ",\"size\":") || fuint(s, &u) < 0
			 || !FL(s, ",\"storage\":"))
				return -1;
			if (off != CP_NO_OFFSET ? !FL(s, "\"stored\"")
			                        : !FL(s, "\"rematerialized\"") && !FL(s, "\"none\""))
				return -1;
			if (!FL(s, ",\"type\":") || fstr(s, &x) < 0 || !FL(s, "}"))
				return -1;
			if (FL(s, "]"))
				break;
			if (!FL(s, ","))
				return -1;
		}
	nlive = nf;
	if (!FL(s, ",\"level\":") || fuint(s, &u) < 0 || u > INT_MAX)
		return -1;
	r->level = (int)u;
	if (!FL(s, ",\"lower_bound\":") || fuint(s, &r->lower) < 0
	 || !FL(s, ",\"name\":") || fstr(s, &nm) < 0
	 || !FL(s, ",\"optimal\":") || (!FL(s, "true") && !FL(s, "false"))
	 || !FL(s, ",\"packed_size\":") || fuint(s, &r->packed) < 0
	 || !FL(s, ",\"states\":["))
		return -1;
	if (!FL(s, "]"))
		for (;;) {
			if (!FL(s, "{\"kind\":") || fstr(s, &x) < 0 || fkind(&x, skinds) < 0
			 || !FL(s, ",\"loc\":") || fstrn(s, &x) < 0
			 || !FL(s, ",\"name\":") || fstr(s, &x) < 0 || x.esc || !FL(s, "}"))
				return -1;
			for (size_t q = nlive; q < nf; q++)
				if (m->f[q].n == x.len && !memcmp(m->f[q].p, x.p, x.len))
					return -1; /* a duplicate */
			if (fpush(m, &x, &nf) < 0)
				return -1;
			if (FL(s, "]"))
				break;
			if (!FL(s, ","))
				return -1;
		}
	if (!FL(s, ",\"status\":") || fstr(s, &st) < 0
	 || !FL(s, ",\"stock_size\":") || fuintn(s, 0, &r->stock) < 0
	 || !FL(s, ",\"variants\":") || fvariants(s) < 0
	 || !FL(s, "}"))
		return -1;

	/* every live_at entry names a state; entries come in state order, so
	 * the search goes on from the last match */
	const span *names = m->f + nlive;
	nstates = nf - nlive;
	size_t q = 0;
	for (size_t e = 0; e < nlive; e++) {
		const span *l = &m->f[e];
		size_t tries = 0;
		while (tries < nstates && !(names[q].n == l->n && (!l->n || names[q].p[l->n - 1] == l->p[l->n - 1])
		                            && !memcmp(names[q].p, l->p, l->n))) {
			q = q + 1 < nstates ? q + 1 : 0;
			tries++;
		}
		if (tries == nstates)
			return -1;
	}

	r->name = nm;
	r->demangled = dem;
	r->status = st;
	return 0;
}

/* --- the set ------------------------------------------------------------- */

static uint64_t hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t k = 0; k < n; k++)
		h = (h ^ (unsigned char)p[k]) * 1099511628211u;
	return h ^ (h >> 29);
}

/* A table of cap slots (a power of two) over the entries. */
static int rehash(cp_set *s, size_t cap)
{
	struct cp_set_impl *m = s->impl;
	size_t *t = calloc(cap, sizeof *t);
	if (!t)
		return -1;
	for (size_t k = 0; k < s->n; k++) {
		const char *nm = s->e[k].name;
		size_t h = (size_t)hash(nm, strlen(nm)) & (cap - 1);
		while (t[h])
			h = (h + 1) & (cap - 1);
		t[h] = k + 1;
	}
	free(m->tab);
	m->tab = t;
	m->tcap = cap;
	return 0;
}

/* The slot of name (len bytes) in the table: its entry or an empty slot. */
static size_t *slot(const cp_set *s, const char *name, size_t len)
{
	const struct cp_set_impl *m = s->impl;
	size_t h = (size_t)hash(name, len) & (m->tcap - 1);
	for (;; h = (h + 1) & (m->tcap - 1)) {
		size_t k = m->tab[h];
		if (!k)
			return &m->tab[h];
		const char *e = s->e[k - 1].name;
		if (!strncmp(e, name, len) && !e[len])
			return &m->tab[h];
	}
}

/* A checked coroutine of a file, to be recorded in the set. */
typedef struct rec {
	raw r;
	const char *text; /* its object, len bytes */
	size_t len;
	unsigned canon;
} rec;

/* One file to read, by whichever thread takes it; the calling thread then
 * records its coroutines in file order. */
typedef struct job {
	const char *path;
	size_t fi;      /* index in the set's files */
	map mp;         /* owned until recorded */
	rec *recs;
	size_t n, cap;
	int rc;         /* -1: err holds the message */
	char err[1024];
} job;

/* Records c, a coroutine of file fi, in the set. */
static int entry(cp_set *set, size_t fi, const rec *c, char *err, size_t errlen)
{
	struct cp_set_impl *m = set->impl;
	const raw *r = &c->r;
	size_t nlen;
	const char *nm = sval(&m->w, &r->name, &nlen, 0);
	if (!nm || memchr(nm, 0, nlen)
	 || (2 * (set->n + 1) > m->tcap && rehash(set, m->tcap ? 2 * m->tcap : 1024) < 0)) {
		snprintf(err, errlen, "%s: out of memory", set->files[fi]);
		return -1;
	}
	size_t *sl = slot(set, nm, nlen);
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
		if (set->n == m->ecap) {
			size_t cap = m->ecap ? 2 * m->ecap : 256;
			cp_entry *ne = realloc(set->e, cap * sizeof *ne);
			if (!ne) {
				snprintf(err, errlen, "%s: out of memory", set->files[fi]);
				return -1;
			}
			set->e = ne;
			m->ecap = cap;
		}
		e = &set->e[set->n];
		memset(e, 0, sizeof *e);
		char *d = aalloc(&m->w, nlen + 1);
		if (!d) {
			snprintf(err, errlen, "%s: out of memory", set->files[fi]);
			return -1;
		}
		memcpy(d, nm, nlen);
		d[nlen] = 0;
		e->name = d;
		e->copies = 1;
		e->min_size = r->packed;
		e->min_file = fi;
		*sl = ++set->n;
	}
	e->demangled = r->demangled.t == JNULL ? NULL : acopyw(&m->w, &r->demangled);
	e->status = acopyw(&m->w, &r->status);
	if ((r->demangled.t != JNULL && !e->demangled) || !e->status) {
		snprintf(err, errlen, "%s: out of memory", set->files[fi]);
		return -1;
	}
	e->stock_size = r->stock;
	e->packed_size = r->packed;
	e->lower_bound = r->lower;
	e->level = r->level;
	e->canon = c->canon;
	e->file = fi;
	e->text = set->keep_text ? c->text : NULL;
	e->len = c->len;
	return 0;
}

/* Keeps the checked coroutine r, text [a, s->p), for the set. */
static int keep(sc *s, job *j, const raw *r, const char *a)
{
	if (j->n == j->cap) {
		size_t cap = j->cap ? 2 * j->cap : 64;
		rec *t = realloc(j->recs, cap * sizeof *t);
		if (!t)
			return bad(s, NULL, "", "out of memory");
		j->recs = t;
		j->cap = cap;
	}
	j->recs[j->n++] = (rec){*r, a, (size_t)(s->p - a), !s->canon ? CP_CANON_NO : s->spaced ? CP_CANON_SPACED : CP_CANON};
	return 0;
}

/* The top-level object, its coroutines one at a time, kept in j. */
static int scan(sc *s, job *j)
{
	char tok[96], pending[1024] = "";
	int version = -1, srct = -1, corot = -1; /* node types seen, -1: missing */
	int64_t vernum = 0;
	span keys[16];
	size_t nkeys = 0, ncoro = 0;

	ws(s);
	if (s->p >= s->end)
		return syntax(s, s->p, "'[' or '{' expected near end of file");
	if (*s->p != '{') {
		if (*s->p != '[')
			return syntax(s, s->p, "'[' or '{' expected near %s", near(s, s->p, tok, sizeof tok));
		s->nv = 0;
		if (val(s, 0) < 0)
			return -1;
		ws(s);
		if (s->p < s->end)
			return syntax(s, s->p, "end of file expected near %s", near(s, s->p, tok, sizeof tok));
		return bad(s, NULL, "", "expected an object at the top, got an array");
	}
	s->p++;
	ws(s);
	if (s->p < s->end && *s->p == '}')
		s->p++;
	else
		for (;;) {
			if (s->p >= s->end || *s->p != '"')
				return syntax(s, s->p, "string or '}' expected near %s", near(s, s->p, tok, sizeof tok));
			s->nv = 0;
			const char *kp = s->p;
			if (str(s) < 0)
				return -1;
			size_t klen;
			const char *k = sval(s->m, &s->m->v[0], &klen, 0);
			if (!k || (s->m->v[0].esc && !(k = acopy(s, &s->m->v[0]))))
				return syntax(s, kp, "out of memory");
			for (size_t j = 0; j < nkeys; j++)
				if (keys[j].n == klen && !memcmp(keys[j].p, k, klen))
					return syntax(s, kp, "duplicate object key near '\"%.*s\"'", (int)(klen > 40 ? 40 : klen), k);
			if (nkeys < sizeof keys / sizeof *keys)
				keys[nkeys++] = (span){k, klen};
			int which = klen == 10 && !memcmp(k, "coroutines", 10) ? 1
			          : klen == 14 && !memcmp(k, "schema_version", 14) ? 2
			          : klen == 6 && !memcmp(k, "source", 6) ? 3 : 0;
			ws(s);
			if (s->p >= s->end || *s->p != ':')
				return syntax(s, s->p, "':' expected near %s", near(s, s->p, tok, sizeof tok));
			s->p++;
			ws(s);
			if (which == 1 && s->p < s->end && *s->p == '[') {
				corot = JARR;
				s->p++;
				ws(s);
				if (s->p < s->end && *s->p == ']')
					s->p++;
				else
					for (;;) {
						const char *a = s->p;
						raw r;
						s->nv = 0;
						s->canon = 1;
						s->spaced = 0;
						int quick = !*pending && fast(s, &r) == 0;
						if (!quick) {
							s->p = a;
							s->nv = 0;
							s->canon = 1;
							s->spaced = 0;
							if (val(s, 2) < 0)
								return -1;
						}
						if (!*pending) {
							char *err = s->err;
							size_t errlen = s->errlen;
							s->err = pending;
							s->errlen = sizeof pending;
							if (quick || coro(s, ncoro, &r) == 0)
								keep(s, j, &r, a);
							s->err = err;
							s->errlen = errlen;
						}
						ncoro++;
						ws(s);
						if (s->p < s->end && *s->p == ',') {
							s->p++;
							ws(s);
							continue;
						}
						if (s->p < s->end && *s->p == ']') {
							s->p++;
							break;
						}
						return syntax(s, s->p, "']' expected near %s", near(s, s->p, tok, sizeof tok));
					}
			} else {
				s->nv = 0;
				if (val(s, 1) < 0)
					return -1;
				const node *x = &s->m->v[0];
				if (which == 1)
					corot = x->t;
				else if (which == 2) {
					version = x->t;
					vernum = x->i;
				} else if (which == 3)
					srct = x->t;
			}
			ws(s);
			if (s->p < s->end && *s->p == ',') {
				s->p++;
				ws(s);
				continue;
			}
			if (s->p < s->end && *s->p == '}') {
				s->p++;
				break;
			}
			return syntax(s, s->p, "'}' expected near %s", near(s, s->p, tok, sizeof tok));
		}
	ws(s);
	if (s->p < s->end)
		return syntax(s, s->p, "end of file expected near %s", near(s, s->p, tok, sizeof tok));

	if (version < 0)
		return bad(s, NULL, "schema_version", "missing");
	if (version != JINT)
		return bad(s, NULL, "schema_version", "expected an integer, got %s", jtype(version));
	if (vernum != CP_SCHEMA_VERSION)
		return bad(s, NULL, "schema_version", "unsupported version %" PRId64 " (this coropack reads %d)",
			vernum, CP_SCHEMA_VERSION);
	if (srct < 0)
		return bad(s, NULL, "source", "missing");
	if (srct != JSTR && srct != JNULL)
		return bad(s, NULL, "source", "expected a string or null, got %s", jtype(srct));
	if (corot < 0)
		return bad(s, NULL, "coroutines", "missing");
	if (corot != JARR)
		return bad(s, NULL, "coroutines", "expected an array, got %s", jtype(corot));
	if (*pending) {
		snprintf(s->err, s->errlen, "%s", pending);
		return -1;
	}
	return 0;
}

static int impl(cp_set *s)
{
	if (!s->impl && !(s->impl = calloc(1, sizeof *s->impl)))
		return -1;
	return 0;
}

static void unmap(map *mp)
{
	if (mp->mapped)
		munmap(mp->p, mp->len);
	else
		free(mp->p);
	*mp = (map){0};
}

/* Maps (or, for pipes and empty files, reads) j's file and scans it.
 * Touches nothing but j and w: any thread may run it. Failures to open
 * or read leave their errno in rc (> 0) for the calling thread to word. */
static void run(job *j, work *w)
{
	struct stat st;
	map *mp = &j->mp;
	int fd = open(j->path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0) {
		j->rc = errno;
		if (fd >= 0)
			close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		j->rc = EISDIR;
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
			if (mp->len == cap) {
				char *p = realloc(mp->p, cap = cap ? 2 * cap : 65536);
				if (!p) {
					close(fd);
					j->rc = ENOMEM;
					return;
				}
				mp->p = p;
			}
			if ((k = read(fd, mp->p + mp->len, cap - mp->len)) <= 0)
				break;
			mp->len += (size_t)k;
		}
		if (k < 0) {
			j->rc = errno;
			close(fd);
			return;
		}
	}
	close(fd);
	sc k = {.path = j->path, .buf = mp->p, .p = mp->p, .end = mp->p + mp->len, .m = w,
	        .err = j->err, .errlen = sizeof j->err};
	j->rc = scan(&k, j);
}

/* Jobs handed out in order to the threads that drain the pool; a failed
 * job stops the handing out of the jobs after it, which would not be
 * recorded. */
typedef struct pool {
	job *jobs;
	size_t n, next, failed;
	pthread_mutex_t mu;
} pool;

static void drain(pool *p, work *w)
{
	for (;;) {
		pthread_mutex_lock(&p->mu);
		size_t k = p->next++;
		int stop = k >= p->n || k > p->failed;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			return;
		if (!p->jobs[k].rc) /* else a failure found before reading */
			run(&p->jobs[k], w);
		if (p->jobs[k].rc) {
			pthread_mutex_lock(&p->mu);
			if (k < p->failed)
				p->failed = k;
			pthread_mutex_unlock(&p->mu);
		}
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

static void workfree(work *w)
{
	while (w->chunks) {
		chunk *c = w->chunks;
		w->chunks = c->next;
		free(c);
	}
	free(w->v);
	free(w->f);
	free(w->tmp);
	memset(w, 0, sizeof *w);
}

enum { MAXTHREADS = 8 };

/* Runs the n jobs (those with rc already set are failures found before
 * reading) on up to s->threads threads, then records their coroutines in
 * job order, up to the first failure, which it words in err. */
static int runjobs(cp_set *s, job *jobs, size_t n, char *err, size_t errlen)
{
	struct cp_set_impl *m = s->impl;
	pool p = {.jobs = jobs, .n = n, .failed = SIZE_MAX};
	helper h[MAXTHREADS];
	size_t nh = 0, nt = s->threads > 0 ? (size_t)s->threads : 0;
	int rc = 0;
	if (!nt) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nt = c > 0 ? (size_t)c : 1;
	}
	nt = nt > MAXTHREADS ? MAXTHREADS : nt;
	nt = nt > n ? n : nt;
	for (size_t k = 0; k < n; k++)
		if (jobs[k].rc && k < p.failed)
			p.failed = k;
	pthread_mutex_init(&p.mu, NULL);
	for (; nh + 1 < nt; nh++) {
		h[nh] = (helper){.p = &p};
		if (pthread_create(&h[nh].t, NULL, helping, &h[nh]) != 0)
			break;
	}
	drain(&p, &m->w);
	for (size_t k = 0; k < nh; k++) {
		pthread_join(h[k].t, NULL);
		workfree(&h[k].w);
	}
	pthread_mutex_destroy(&p.mu);

	for (size_t k = 0; k < n; k++) {
		job *j = &jobs[k];
		if (!rc && j->rc > 0)
			snprintf(err, errlen, "%s: %s", j->path, strerror(j->rc));
		else if (!rc && j->rc < 0)
			snprintf(err, errlen, "%s", j->err);
		rc |= j->rc != 0;
		for (size_t i = 0; i < j->n && !rc; i++)
			rc = entry(s, j->fi, &j->recs[i], err, errlen) < 0;
		free(j->recs);
		if (!rc && s->keep_text)
			m->maps[j->fi] = j->mp;
		else
			unmap(&j->mp);
	}
	return rc ? -1 : 0;
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
		if (*n == *cap) {
			char **t = realloc(*names, (*cap = *cap ? 2 * *cap : 64) * sizeof *t);
			if (!t) {
				rc = ENOMEM;
				break;
			}
			*names = t;
		}
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

int cp_set_add_paths(cp_set *s, const char *const *paths, size_t npaths, char *err, size_t errlen)
{
	char **names = NULL, **tofree = NULL, bad[1024] = "";
	size_t n = 0, cap = 0;
	int rc = -1;
	if (impl(s) < 0) {
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
		if (n == cap) {
			char **t = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *t);
			if (!t) {
				snprintf(bad, sizeof bad, "%s: out of memory", paths[k]);
				break;
			}
			names = t;
		}
		if (!(names[n] = cp_strdup(paths[k]))) {
			snprintf(bad, sizeof bad, "%s: out of memory", paths[k]);
			break;
		}
		n++;
	}
	tofree = names;
	size_t nj = n + (*bad != 0);
	job *jobs = calloc(nj ? nj : 1, sizeof *jobs);
	char **files = realloc(s->files, (s->nfiles + n + 1) * sizeof *files);
	if (files)
		s->files = files;
	map *maps = realloc(s->impl->maps, (s->nfiles + n + 1) * sizeof *maps);
	if (maps)
		s->impl->maps = maps;
	if (!jobs || !files || !maps) {
		snprintf(err, errlen, "%s: out of memory", npaths ? paths[0] : "");
		goto out;
	}
	for (size_t k = 0; k < n; k++) {
		jobs[k].path = names[k];
		jobs[k].fi = s->nfiles;
		s->impl->maps[s->nfiles] = (map){0};
		s->files[s->nfiles++] = names[k]; /* the set owns it now */
	}
	tofree = NULL;
	if (*bad) {
		jobs[n].rc = -1;
		snprintf(jobs[n].err, sizeof jobs[n].err, "%s", bad);
	}
	rc = runjobs(s, jobs, nj, err, errlen);
out:
	if (tofree)
		for (size_t k = 0; k < n; k++)
			free(tofree[k]);
	free(names);
	free(jobs);
	return rc;
}

int cp_set_add_path(cp_set *s, const char *path, char *err, size_t errlen)
{
	return cp_set_add_paths(s, &path, 1, err, errlen);
}

static int entcmp(const void *a, const void *b)
{
	return strcmp(((const cp_entry *)a)->name, ((const cp_entry *)b)->name);
}

void cp_set_sort(cp_set *s)
{
	if (!s->n)
		return;
	qsort(s->e, s->n, sizeof *s->e, entcmp);
	if (rehash(s, s->impl->tcap) < 0) { /* keep the table, cleared */
		memset(s->impl->tab, 0, s->impl->tcap * sizeof *s->impl->tab);
		for (size_t k = 0; k < s->n; k++)
			*slot(s, s->e[k].name, strlen(s->e[k].name)) = k + 1;
	}
}

const cp_entry *cp_set_find(const cp_set *s, const char *name)
{
	if (!s->impl || !s->impl->tcap)
		return NULL;
	size_t *sl = slot(s, name, strlen(name));
	return *sl ? &s->e[*sl - 1] : NULL;
}

void cp_set_free(cp_set *s)
{
	struct cp_set_impl *m = s->impl;
	if (m) {
		for (size_t k = 0; k < s->nfiles && m->maps; k++)
			unmap(&m->maps[k]);
		workfree(&m->w);
		free(m->maps);
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

/* --- the report form ---------------------------------------------------- */

/* Writes to d (room for n) the valid JSON text p of n bytes without the
 * whitespace between its tokens; returns the length. */
static size_t bare(char *d, const char *p, size_t n)
{
	const char *e = p + n;
	char *o = d;
	while (p < e) {
		char c = *p++;
		if (c == '"') {
			const char *q = p;
			for (;;) {
				q = plainend(q, e);
				if (q >= e || *q == '"')
					break;
				q += *q == '\\' ? 2 : 1;
			}
			q += q < e;
			*o++ = c;
			memcpy(o, p, (size_t)(q - p));
			o += q - p;
			p = q;
		} else if (!isws(c)) {
			*o++ = c;
		} else {
			uint64_t w; /* an indent: spaces by the word */
			while (e - p >= 8 && (memcpy(&w, p, 8), w == 0x2020202020202020u))
				p += 8;
		}
	}
	return (size_t)(o - d);
}

/* jansson's dump_string without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH. */
static void putstr(FILE *o, const char *p, size_t n)
{
	fputc('"', o);
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)p[k];
		switch (c) {
		case '"': fputs("\\\"", o); break;
		case '\\': fputs("\\\\", o); break;
		case '\b': fputs("\\b", o); break;
		case '\f': fputs("\\f", o); break;
		case '\n': fputs("\\n", o); break;
		case '\r': fputs("\\r", o); break;
		case '\t': fputs("\\t", o); break;
		default:
			if (c < 0x20)
				fprintf(o, "\\u%04X", c);
			else
				fputc(c, o);
		}
	}
	fputc('"', o);
}

/* jansson's jsonp_dtostr with precision 17. */
static void putreal(FILE *o, const node *n)
{
	char in[64], buf[64];
	snprintf(in, sizeof in, "%.*s", (int)(n->len < 63 ? n->len : 63), n->p);
	snprintf(buf, sizeof buf - 2, "%.17g", strtod(in, NULL));
	if (!strchr(buf, '.') && !strchr(buf, 'e'))
		strcat(buf, ".0");
	char *e = strchr(buf, 'e');
	if (e) {
		char *a = e + 1, *z = e + 2;
		if (*a == '-')
			a++;
		while (*z == '0')
			z++;
		memmove(a, z, strlen(z) + 1);
	}
	fputs(buf, o);
}

typedef struct pctx {
	work *m;
	FILE *o;
} pctx;

/* qsort_r with the keys. */
static int keycmp(const void *a, const void *b, void *keys)
{
	char **k = keys;
	return strcmp(k[*(const size_t *)a], k[*(const size_t *)b]);
}

/* Prints node i as jansson's JSON_COMPACT | JSON_SORT_KEYS does; returns
 * -1 when out of memory. */
static int pr(pctx *c, size_t i)
{
	const node *v = c->m->v, *n = &v[i];
	FILE *o = c->o;
	switch (n->t) {
	case JNULL: fputs("null", o); return 0;
	case JTRUE: fputs("true", o); return 0;
	case JFALSE: fputs("false", o); return 0;
	case JINT: fprintf(o, "%" PRId64, n->i); return 0;
	case JREAL: putreal(o, n); return 0;
	case JSTR:
		if (!n->esc) {
			fputc('"', o);
			fwrite(n->p, 1, n->len, o);
			fputc('"', o);
		} else {
			char *t = malloc(n->len + 1);
			if (!t)
				return -1;
			putstr(o, t, decode(n, t));
			free(t);
		}
		return 0;
	case JARR:
		if (!n->n) {
			fputs("[]", o);
			return 0;
		}
		fputc('[', o);
		for (size_t j = i + 1; j < n->end; j = v[j].end) {
			if (j != i + 1)
				fputc(',', o);
			if (pr(c, j) < 0)
				return -1;
		}
		fputc(']', o);
		return 0;
	case JOBJ: {
		if (!n->n) {
			fputs("{}", o);
			return 0;
		}
		size_t *ord = malloc(n->n * sizeof *ord), k = 0;
		char **keys = malloc((n->end - i) * sizeof *keys);
		int rc = 0;
		if (!ord || !keys) {
			free(ord);
			free(keys);
			return -1;
		}
		for (size_t j = i + 1; j < n->end; j = v[j + 1].end) {
			ord[k++] = j - i;
			keys[j - i] = malloc(v[j].len + 1);
			if (!keys[j - i])
				rc = -1;
			else
				decode(&v[j], keys[j - i]);
		}
		if (!rc) {
			qsort_r(ord, k, sizeof *ord, keycmp, keys);
			fputc('{', o);
			for (size_t m = 0; m < k && !rc; m++) {
				if (m)
					fputc(',', o);
				putstr(o, keys[ord[m]], strlen(keys[ord[m]]));
				fputc(':', o);
				rc = pr(c, i + ord[m] + 1);
			}
			fputc('}', o);
		}
		for (size_t m = 0; m < k; m++)
			free(keys[ord[m]]);
		free(keys);
		free(ord);
		return rc;
	}
	}
	return 0;
}

int cp_set_write_json(const cp_set *s, FILE *out)
{
	struct cp_set_impl *m = s->impl;
	char err[256], *buf = NULL;
	size_t cap = 0;
	int rc = 0;
	fputs("{\n  \"coroutines\": [", out);
	for (size_t k = 0; k < s->n && !rc; k++) {
		const cp_entry *e = &s->e[k];
		fputs(k ? ",\n    " : "\n    ", out);
		if (!e->text) {
			rc = -1;
		} else if (e->canon == CP_CANON) {
			fwrite(e->text, 1, e->len, out);
		} else if (e->canon == CP_CANON_SPACED) {
			if (e->len > cap) {
				free(buf);
				buf = malloc(cap = e->len);
			}
			if (!buf)
				rc = -1;
			else
				fwrite(buf, 1, bare(buf, e->text, e->len), out);
		} else {
			sc k = {.path = s->files[e->file], .buf = e->text, .p = e->text, .end = e->text + e->len,
			        .m = &m->w, .err = err, .errlen = sizeof err};
			pctx c = {&m->w, out};
			rc = val(&k, 2) < 0 || pr(&c, 0) < 0 ? -1 : 0;
		}
	}
	free(buf);
	if (rc)
		return -1;
	fputs(s->n ? "\n  ],\n" : "],\n", out);
	fputs("  \"schema_version\": 1,\n  \"source\": null\n}\n", out);
	return ferror(out) ? -1 : 0;
}
