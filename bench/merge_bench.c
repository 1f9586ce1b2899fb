/* Build-wide report benchmark: prints figures, checks nothing.
 *
 * Writes per-translation-unit reports the way COROPACK_REPORT=DIR/ does
 * (one JSON file per TU, in the writer's exact report form: a line per
 * coroutine, compact JSON) for --coroutines
 * distinct coroutines spread over --tus files; a share of them (--shared,
 * percent) are inline or template coroutines whose copies appear in
 * --copies TUs each, a tenth of those with a different size in one copy.
 * Then times, in process, what the CLI commands do:
 *   merge:   read the directory, deduplicate, sort, write one report;
 *   summary: read the merged report, totals and the top 20;
 *   summary of the directory itself (read and deduplicate every TU);
 *   diff:    the merged report against itself with 1% of the frames grown.
 * Wall and CPU time (of this process) for each.
 *
 * Frame shapes: --profile small (default): 4 to 10 frame items, 3 to 6
 * states, about a simple task or generator; --profile programs: 18 to 30
 * items, 4 to 9 states, as in tests/diff/programs (a report there averages
 * 24 items and 6.5 states).
 *
 * Usage: merge_bench [--coroutines N] [--tus N] [--shared PCT] [--copies N]
 *                    [--profile small|programs] [--seed N] [--dir DIR] [--keep] */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bitset.h"
#include "coropack/frame.h"
#include "coropack/report.h"

static uint64_t rng = 88172645463325252u;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? rng % n : 0;
}

/* Sentinels the shapes are written with, replaced per coroutine. */
#define NAME "@NAME@"
#define DEM "@DEM@"
#define PACKED 987654321
#define STOCK 987654322
#define LOWER 987654323

typedef struct shape {
	char *pre, *mid1, *mid2, *mid3, *mid4, *post; /* text around the sentinels, in file order */
	uint64_t end; /* the end of its last stored item, rounded up to 8: its smallest frame */
} shape;

/* One frame shape as the writer writes it, cut at the sentinels. Keys are
 * sorted: demangled, ..., lower_bound, name, ..., packed_size, ...,
 * stock_size. */
static int mkshape(shape *sh, int nitems, int nstates)
{
	cp_report r = {0};
	cp_coroutine *c = cp_report_add(&r);
	static const char *const types[] = {"i64", "ptr", "i32", "double", "%\"class.std::string\""};
	c->name = cp_strdup(NAME);
	c->demangled = cp_strdup(DEM);
	c->level = 2;
	c->packed_size = PACKED;
	c->stock_size = STOCK;
	c->lower_bound = LOWER;
	c->align = 8;
	cp_coroutine_set_status(c, CP_STATUS_PACKED, NULL);
	c->states = calloc((size_t)nstates, sizeof *c->states);
	for (int s = 0; s < nstates; s++) {
		char nm[32];
		snprintf(nm, sizeof nm, s == 0 ? "Unresumed" : s == nstates - 1 ? "Returned" : "Suspend%d", s - 1);
		c->states[c->nstates].name = cp_strdup(nm);
		c->states[c->nstates].kind = s == 0 ? CP_STATE_UNRESUMED : s == nstates - 1 ? CP_STATE_FINAL
		                           : s == 1 ? CP_STATE_INITIAL : CP_STATE_AWAIT;
		c->states[c->nstates].loc = s ? cp_strdup("task.cpp:12") : NULL;
		c->nstates++;
	}
	uint64_t off = 0, end = 0;
	for (int i = 0; i < nitems; i++) {
		cp_item *it = cp_coroutine_add_item(c);
		char nm[32];
		it->kind = i < 2 ? CP_ITEM_HEADER : i == 2 ? CP_ITEM_PROMISE : i == 3 ? CP_ITEM_INDEX
		         : rnd(3) ? CP_ITEM_VALUE : CP_ITEM_ALLOCA;
		snprintf(nm, sizeof nm, i == 0 ? "__resume_fn" : i == 1 ? "__destroy_fn" : i == 2 ? "__promise"
		         : i == 3 ? "__suspend_index" : "%%%d", 10 + i * 7);
		it->name = cp_strdup(nm);
		it->type = cp_strdup(i < 3 ? "ptr" : i == 3 ? "i3" : types[rnd(5)]);
		it->size = i < 3 ? 8 : i == 3 ? 1 : 1u << rnd(5);
		it->align = it->size < 8 ? it->size : 8;
		off = (off + it->align - 1) / it->align * it->align;
		it->offset = off;
		end = off + it->size > end ? off + it->size : end;
		if (rnd(4))
			off += it->size;
		it->loc = i > 3 ? cp_strdup("task.cpp:7") : NULL;
		for (int s = 0; s < nstates; s++)
			if (i < 3 || (i == 3 && s) || rnd(3) == 0)
				cp_bs_set(it->live, (size_t)s);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cp_report_write_json(&r, f, 0);
	fclose(f);
	cp_report_free(&r);

	/* the coroutine object: its line in the report, without the indent */
	char *a = strstr(buf, "\n    {"), *z = a ? strchr(a + 1, '\n') : NULL;
	if (!a || !z || strncmp(z, "\n  ],\n", 6))
		return -1;
	a += 5;
	*z = 0;
	const char *marks[] = {"\"" DEM "\"", "987654323", "\"" NAME "\"", "987654321", "987654322"};
	char *parts[6], *p = a;
	for (int k = 0; k < 5; k++) {
		char *m = strstr(p, marks[k]);
		if (!m)
			return -1;
		*m = 0;
		parts[k] = strdup(p);
		p = m + strlen(marks[k]);
	}
	parts[5] = strdup(p);
	*sh = (shape){parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], (end + 7) / 8 * 8};
	free(buf);
	return 0;
}

static void put(FILE *f, const shape *sh, size_t id, uint64_t packed)
{
	fprintf(f, "%s\"coro_%zu(int, long)\"%s%" PRIu64 "%s\"_Z7coro_%zuil\"%s%" PRIu64 "%s%" PRIu64 "%s",
		sh->pre, id, sh->mid1, packed, sh->mid2, id, sh->mid3, packed, sh->mid4, packed + 16, sh->post);
}

static double now(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct timer {
	double wall, cpu;
} timer;

static timer start(void) { return (timer){now(CLOCK_MONOTONIC), now(CLOCK_PROCESS_CPUTIME_ID)}; }

static void stop(const char *what, timer t, double mb)
{
	double w = now(CLOCK_MONOTONIC) - t.wall, c = now(CLOCK_PROCESS_CPUTIME_ID) - t.cpu;
	printf("%-34s %7.3f s wall %7.3f s cpu  %7.0f MB/s (cpu)\n", what, w, c, c > 0 ? mb / c : 0);
}

static double filemb(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
}

int main(int argc, char **argv)
{
	size_t ncoro = 100000, ntus = 1000, shared = 20, copies = 4;
	const char *profile = "small", *dir = NULL;
	int keep = 0;
	char tmp[64], err[1024];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--keep")) {
			keep = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr, "usage: merge_bench [--coroutines N] [--tus N] [--shared PCT] [--copies N] "
				"[--profile small|programs] [--seed N] [--dir DIR] [--keep]\n");
			return 1;
		}
		i++;
		if (!strcmp(a, "--coroutines"))
			ncoro = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--tus"))
			ntus = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--shared"))
			shared = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--copies"))
			copies = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--profile"))
			profile = v;
		else if (!strcmp(a, "--seed"))
			rng = strtoull(v, NULL, 10) | 1;
		else if (!strcmp(a, "--dir"))
			dir = v;
		else {
			fprintf(stderr, "merge_bench: unknown option %s\n", a);
			return 1;
		}
	}
	int heavy = !strcmp(profile, "programs");
	if (!ntus || !copies || shared > 100) {
		fprintf(stderr, "merge_bench: --tus and --copies must be positive, --shared at most 100\n");
		return 1;
	}
	if (!dir) {
		snprintf(tmp, sizeof tmp, "/tmp/coropack-merge-bench.XXXXXX");
		if (!mkdtemp(tmp)) {
			perror("mkdtemp");
			return 1;
		}
		dir = tmp;
	}
	char rdir[600], merged[600], grown[600], path[700];
	snprintf(rdir, sizeof rdir, "%s/reports", dir);
	snprintf(merged, sizeof merged, "%s/merged.json", dir);
	snprintf(grown, sizeof grown, "%s/grown.json", dir);
	mkdir(rdir, 0777);

	enum { NSHAPES = 64 };
	shape sh[NSHAPES];
	for (int k = 0; k < NSHAPES; k++)
		if (mkshape(&sh[k], heavy ? 18 + (int)rnd(13) : 4 + (int)rnd(7), heavy ? 4 + (int)rnd(6) : 3 + (int)rnd(4)) < 0) {
			fprintf(stderr, "merge_bench: unexpected writer output\n");
			return 1;
		}

	/* TU t holds the private coroutines t, t + ntus, ... and copies of shared ones. */
	size_t nshared = ncoro * shared / 100, ncopies = 0;
	double inmb = 0;
	FILE **tu = calloc(ntus, sizeof *tu);
	size_t *count = calloc(ntus, sizeof *count);
	for (size_t t = 0; t < ntus; t++) {
		snprintf(path, sizeof path, "%s/tu%05zu.cpp.%08zx.json", rdir, t, t * 2654435761u % 0xffffffffu);
		if (!(tu[t] = fopen(path, "w"))) {
			perror(path);
			return 1;
		}
		fputs("{\n  \"coroutines\": [", tu[t]);
	}
	for (size_t id = 0; id < ncoro; id++) {
		const shape *s = &sh[id % NSHAPES];
		uint64_t packed = s->end + 8 * (id % 61);
		size_t n = id < nshared ? copies : 1;
		for (size_t k = 0; k < n; k++) {
			size_t t = (id * 7919 + k * (ntus / n + 1)) % ntus;
			fputs(count[t]++ ? ",\n    " : "\n    ", tu[t]);
			put(tu[t], s, id, packed + (id < nshared && id % 10 == 0 && k == n - 1 ? 8 : 0));
			ncopies++;
		}
	}
	for (size_t t = 0; t < ntus; t++) {
		fputs(count[t] ? "\n  ],\n" : "],\n", tu[t]);
		fprintf(tu[t], "  \"schema_version\": 1,\n  \"source\": \"tu%05zu.cpp\"\n}\n", t);
		fclose(tu[t]);
		snprintf(path, sizeof path, "%s/tu%05zu.cpp.%08zx.json", rdir, t, t * 2654435761u % 0xffffffffu);
		inmb += filemb(path);
	}
	free(tu);
	free(count);
	printf("profile %s: %zu coroutines (%zu shared, %zu copies each), %zu copies in %zu reports, "
		"%.1f MB (%.0f bytes per copy)\n", profile, ncoro, nshared, copies, ncopies, ntus, inmb,
		1e6 * inmb / (double)ncopies);

	/* merge */
	timer t0 = start();
	cp_set s = {.keep_text = 1};
	if (cp_set_add_path(&s, rdir, err, sizeof err) < 0) {
		fprintf(stderr, "merge_bench: %s\n", err);
		return 1;
	}
	cp_set_sort(&s);
	FILE *out = fopen(merged, "w");
	static char obuf[1 << 20];
	setvbuf(out, obuf, _IOFBF, sizeof obuf);
	if (cp_set_write_json(&s, out) < 0 || fclose(out) != 0) {
		fprintf(stderr, "merge_bench: cannot write %s\n", merged);
		return 1;
	}
	size_t kept = s.n, disagree = s.ndisagree;
	cp_set_free(&s);
	stop("merge (read, dedup, sort, write)", t0, inmb);
	printf("  merged: %zu coroutines, %zu with copies of different sizes, %.1f MB\n", kept, disagree,
		filemb(merged));

	/* summary of the merged report */
	FILE *null = fopen("/dev/null", "w");
	t0 = start();
	cp_set m = {0};
	if (cp_set_add_path(&m, merged, err, sizeof err) < 0) {
		fprintf(stderr, "merge_bench: %s\n", err);
		return 1;
	}
	cp_set_sort(&m);
	cp_summary_write(&m, null, CP_SORT_PACKED, 20, 0);
	stop("summary of the merged report", t0, filemb(merged));
	cp_totals tot;
	cp_set_totals(&m, &tot);
	printf("  totals: %zu coroutines, stock %" PRIu64 " bytes, packed %" PRIu64 " bytes, saved %" PRId64 "\n",
		tot.n, tot.stock, tot.packed, tot.saved);

	/* summary of the directory */
	t0 = start();
	cp_set d = {0};
	cp_set_add_path(&d, rdir, err, sizeof err);
	cp_set_sort(&d);
	cp_summary_write(&d, null, CP_SORT_SAVED, 20, 0);
	cp_set_free(&d);
	stop("summary of the report directory", t0, inmb);

	/* diff: 1% grown */
	FILE *g = fopen(grown, "w");
	fputs("{\n  \"coroutines\": [", g);
	for (size_t id = 0; id < ncoro; id++) {
		fputs(id ? ",\n    " : "\n    ", g);
		put(g, &sh[id % NSHAPES], id, sh[id % NSHAPES].end + 8 * (id % 61) + (id % 100 == 0 ? 8 : 0));
	}
	fputs("\n  ],\n  \"schema_version\": 1,\n  \"source\": null\n}\n", g);
	fclose(g);
	t0 = start();
	cp_set n = {0};
	cp_threshold th;
	cp_diff df;
	cp_threshold_parse("0", &th);
	cp_set_add_path(&n, grown, err, sizeof err);
	cp_set_sort(&n);
	cp_diff_build(&m, &n, &th, &df);
	cp_diff_write_text(&df, null);
	stop("diff (merged vs 1% grown)", t0, filemb(merged) + filemb(grown));
	printf("  diff: %zu changed, %zu over the threshold\n", df.n, df.nexceed);
	cp_diff_free(&df);
	cp_set_free(&n);
	cp_set_free(&m);
	fclose(null);

	if (!keep) {
		snprintf(path, sizeof path, "rm -rf '%s'", dir);
		if (dir == tmp && system(path) != 0)
			fprintf(stderr, "merge_bench: could not remove %s\n", dir);
	} else {
		printf("reports kept in %s\n", dir);
	}
	return 0;
}
