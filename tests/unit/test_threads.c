/* The engine on several threads at once, built with ThreadSanitizer (our
 * code instrumented, libLLVM not): what a linker that runs ThinLTO backends
 * on threads of one process asks of the plugin, and what a tool that
 * analyzes files in parallel would ask of the library.
 *
 *   test_threads [--threads N] [--rounds R] [--modes report,pack,lower]
 *                [-O0|-O1|-O2|-O3 FILE.ll...]...
 *
 * Each FILE (front-end or pre-split IR) at the level given before it and in
 * each mode is an item: cp_report_file (its own LLVMContext, LLVM's
 * pipeline, the analysis, pack mode's rewrite or lower mode's split), then
 * the report as JSON, as text and as a picture in DOT (through Graphviz's
 * cgraph; its lines sorted, see picture()). R rounds run every item, taken
 * in turn by N threads from a shared list (in another order each round);
 * then every item runs on this thread alone, and each thread's result must
 * equal that reference byte for byte. Then N threads at once read the
 * reference reports as a report set (cp_set_add_path, itself reading on two
 * threads) and write the merged report and the summaries in every order,
 * which must equal what one thread writes. Exit status 0, or 1 on a
 * difference; a data race is ThreadSanitizer's report and its exit status
 * (66). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <coropack/engine.h>
#include <coropack/frame.h>
#include <coropack/report.h>
#include <coropack/viz.h>

typedef struct item {
	const char *path;
	int level;
	const char *mode;
	char *ref;  /* the reference result */
	char *json; /* the reference report as JSON, or NULL */
} item;

static item *items;
static size_t nitems;

/* LLVM prints an unnamed struct type as %"type 0x<address>": the address
 * differs from run to run, threads or not. */
static void scrub(char *s)
{
	for (char *p = s; (p = strstr(p, "type 0x"));) {
		char *q = p += 7;
		while ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f'))
			q++;
		memmove(p, q, strlen(q) + 1);
	}
}

static int bystr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The picture in DOT with its lines sorted: cgraph writes subgraphs in the
 * order of their ids, which are addresses of its interned names, so the
 * order changes from call to call, threads or not. */
static int picture(const cp_report *r, FILE *o, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0, n = 0;
	FILE *p = open_memstream(&buf, &len);
	if (!p)
		abort();
	int rc = cp_report_write_picture(r, p, 0, err, errlen);
	if (fclose(p) != 0)
		abort();
	char **line = malloc((len + 1) * sizeof *line);
	if (!line)
		abort();
	for (char *q = buf, *e; *q; q = e + 1) {
		line[n++] = q;
		if (!(e = strchr(q, '\n')))
			break;
		*e = 0;
	}
	qsort(line, n, sizeof *line, bystr);
	for (size_t k = 0; k < n; k++)
		fprintf(o, "%s\n", line[k]);
	free(line);
	free(buf);
	return rc;
}

/* Everything one item produces, as one malloc'd string; with json, the
 * report as JSON alone too (NULL after an error). */
static char *run(const item *it, char **json)
{
	char *buf = NULL, err[512] = "";
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);
	if (!o)
		abort();
	cp_run_options opt = {.level = it->level, .input = CP_INPUT_AUTO};
	if (cp_mode_parse(it->mode, &opt.mode))
		abort();
	cp_report r = {0};
	if (cp_report_file(it->path, &opt, &r, err, sizeof err) != 0) {
		fprintf(o, "error: %s\n", err);
	} else {
		if (cp_report_write_json(&r, o, 0) != 0)
			fputs("error: json\n", o);
		if (json) {
			fflush(o);
			*json = strndup(buf, len);
		}
		if (cp_report_write_text(&r, o, 0) != 0)
			fputs("error: text\n", o);
		if (picture(&r, o, err, sizeof err) != 0)
			fprintf(o, "error: picture: %s\n", err);
	}
	cp_report_free(&r);
	if (fclose(o) != 0)
		abort();
	scrub(buf);
	return buf;
}

/* --- the engine ------------------------------------------------------------ */

typedef struct round {
	size_t *order;
	char **got; /* by item */
	atomic_size_t next;
} round_;

static void *engine_worker(void *arg)
{
	round_ *r = arg;
	for (;;) {
		size_t k = atomic_fetch_add(&r->next, 1);
		if (k >= nitems)
			return NULL;
		r->got[r->order[k]] = run(&items[r->order[k]], NULL);
	}
}

/* 1 when a thread's result for it differs from the reference. */
static int differs(const item *it, const char *got)
{
	if (!strcmp(got, it->ref))
		return 0;
	size_t at = 0, line = 1;
	while (got[at] && got[at] == it->ref[at])
		line += got[at++] == '\n';
	size_t from = at > 60 ? at - 60 : 0;
	fprintf(stderr, "DIFFERENT: %s -O%d --mode %s on a thread, line %zu:\n"
	        "  reference ...%.120s\n  thread    ...%.120s\n",
	        it->path, it->level, it->mode, line, it->ref + from, got + from);
	return 1;
}

/* --- report sets ----------------------------------------------------------- */

static const char *setdir;

static char *set_outputs(void)
{
	char *buf = NULL, err[512] = "";
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);
	if (!o)
		abort();
	cp_set s = {.keep_text = 1, .threads = 2};
	if (cp_set_add_path(&s, setdir, err, sizeof err) != 0) {
		fprintf(o, "error: %s\n", err);
	} else {
		cp_set_sort(&s);
		cp_set_write_json(&s, o);
		for (cp_sort by = CP_SORT_PACKED; by <= CP_SORT_NAME; by++) {
			cp_summary_write(&s, o, by, 0, 0);
			cp_summary_write(&s, o, by, 5, 1);
		}
	}
	cp_set_free(&s);
	if (fclose(o) != 0)
		abort();
	return buf;
}

typedef struct setjob {
	const char *ref;
	int rounds;
	atomic_size_t *bad;
} setjob;

static void *set_worker(void *arg)
{
	setjob *j = arg;
	for (int r = 0; r < j->rounds; r++) {
		char *got = set_outputs();
		if (strcmp(got, j->ref) != 0) {
			atomic_fetch_add(j->bad, 1);
			fprintf(stderr, "DIFFERENT: the report set on a thread\n");
		}
		free(got);
	}
	return NULL;
}

static int usage(void)
{
	fputs("usage: test_threads [--threads N] [--rounds R] [--modes report,pack,lower] "
	      "[-O0|-O1|-O2|-O3 FILE.ll...]...\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	int nthreads = 4, rounds = 2, level = 2;
	char modes[64] = "report,pack,lower";
	items = calloc((size_t)argc * 3 + 1, sizeof *items);
	if (!items)
		abort();
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			nthreads = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--modes") && i + 1 < argc)
			snprintf(modes, sizeof modes, "%s", argv[++i]);
		else if (argv[i][0] == '-' && argv[i][1] == 'O' && argv[i][2] >= '0' && argv[i][2] <= '3' &&
		         !argv[i][3])
			level = argv[i][2] - '0';
		else if (argv[i][0] == '-')
			return usage();
		else
			for (const char *m = modes; *m;) {
				size_t n = strcspn(m, ",");
				items[nitems++] = (item){argv[i], level, strndup(m, n), NULL, NULL};
				m += n + (m[n] == ',');
			}
	}
	if (!nitems || nthreads < 1 || nthreads > 64 || rounds < 1)
		return usage();

	/* Every item on the threads, in another order each round; the threads
	 * start before anything ran, so that first-use initialization races
	 * too. */
	round_ *rd = calloc((size_t)rounds + 1, sizeof *rd);
	if (!rd)
		abort();
	for (int r = 0; r < rounds; r++) {
		rd[r].order = malloc(nitems * sizeof(size_t));
		rd[r].got = calloc(nitems, sizeof(char *));
		if (!rd[r].order || !rd[r].got)
			abort();
		for (size_t k = 0; k < nitems; k++)
			rd[r].order[k] = r % 2 ? nitems - 1 - k : (k + (size_t)r * nitems / 3) % nitems;
		atomic_init(&rd[r].next, 0);
		pthread_t t[64];
		for (int i = 0; i < nthreads; i++)
			if (pthread_create(&t[i], NULL, engine_worker, &rd[r]) != 0)
				abort();
		for (int i = 0; i < nthreads; i++)
			pthread_join(t[i], NULL);
	}

	/* The reference, on this thread alone. */
	size_t nerr = 0, bad = 0;
	for (size_t k = 0; k < nitems; k++) {
		items[k].ref = run(&items[k], &items[k].json);
		nerr += !strncmp(items[k].ref, "error:", 6);
		for (int r = 0; r < rounds; r++) {
			bad += (size_t)differs(&items[k], rd[r].got[k]);
			free(rd[r].got[k]);
		}
	}
	for (int r = 0; r < rounds; r++) {
		free(rd[r].order);
		free(rd[r].got);
	}
	free(rd);
	if (nerr)
		fprintf(stderr, "note: %zu of %zu items end in an error (the threads must agree)\n", nerr,
		        nitems);
	printf("engine: %zu items, %d rounds of them on %d threads, then on one: %zu different\n",
	       nitems, rounds, nthreads, bad);

	/* Report sets: the reference reports as files, read on threads. */
	char dir[] = "/tmp/coropack-threads.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	setdir = dir;
	size_t nfiles = 0;
	for (size_t k = 0; k < nitems; k++) {
		if (!items[k].json)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%04zu.json", dir, k);
		FILE *f = fopen(path, "w");
		if (!f || fputs(items[k].json, f) == EOF || fclose(f) != 0) {
			perror(path);
			return 1;
		}
		nfiles++;
	}
	char *sref = set_outputs();
	atomic_size_t sbad;
	atomic_init(&sbad, 0);
	setjob j = {sref, rounds, &sbad};
	pthread_t t[64];
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, set_worker, &j) != 0)
			abort();
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	printf("report sets: %zu reports read, merged and summarized on %d threads %d times: %zu different\n",
	       nfiles, nthreads, j.rounds, atomic_load(&sbad));
	if (!strncmp(sref, "error:", 6))
		fprintf(stderr, "report set: %s", sref);
	int fail = bad || atomic_load(&sbad) || !strncmp(sref, "error:", 6) || nerr == nitems;

	for (size_t k = 0; k < nitems; k++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%04zu.json", dir, k);
		unlink(path);
		free(items[k].ref);
		free(items[k].json);
		free((char *)items[k].mode);
	}
	rmdir(dir);
	free(sref);
	free(items);
	return fail;
}
