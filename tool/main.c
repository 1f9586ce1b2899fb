/* coropack: frame reports for LLVM switch-ABI coroutines. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <coropack/engine.h>
#include <coropack/frame.h>
#include <coropack/report.h>
#include <coropack/viz.h>

#define VERSION "0.1.0"

static const char usage[] =
	"usage: coropack report FILE.ll|FILE.bc [options]\n"
	"       coropack show REPORT.json [--format json|text|dot|svg|png] [--hex] [-o FILE]\n"
	"       coropack merge [-o OUT.json] [--quiet] REPORT.json|DIR...\n"
	"       coropack summary REPORT.json|DIR... [--top N] [--sort packed|stock|saved|name]\n"
	"                        [--format text|json] [--quiet] [-o FILE]\n"
	"       coropack diff OLD NEW [--threshold BYTES|PERCENT%] [--total]\n"
	"                     [--format text|json] [--quiet] [-o FILE]\n"
	"       coropack --plugin-path | --version | --help\n"
	"\n"
	"report options:\n"
	"  --format json|text|dot|svg|png\n"
	"                          output format (default text); svg and png draw\n"
	"                          each frame (a column per state) and its conflict\n"
	"                          graph; they need -o unless stdout is redirected\n"
	"  --function NAME         only this coroutine (mangled, or demangled with or\n"
	"                          without its parameter list)\n"
	"  -O0 -O1 -O2 -O3         the optimization level to model (default -O2)\n"
	"  --input auto|frontend|presplit\n"
	"                          frontend: IR straight from clang (-Xclang\n"
	"                          -disable-llvm-passes); LLVM's pipeline for the level\n"
	"                          runs first. presplit: IR right before coro-split.\n"
	"                          auto (default) tells them apart.\n"
	"  --mode pack|lower|report\n"
	"                          lower (default): split coroutines as the plugin's\n"
	"                          lower mode does (the rest packed); pack: rewrite\n"
	"                          each coroutine as the plugin's pack mode does and\n"
	"                          measure the frame LLVM then builds; report: model\n"
	"                          the packed frame, change nothing\n"
	"  --hex                   offsets in hexadecimal (text and pictures)\n"
	"  --dump-liveness         print the liveness stage (values and allocas live\n"
	"                          at each suspend point) before the report\n"
	"  -o FILE                 write the report to FILE instead of stdout\n"
	"\n"
	"show prints a report written by `coropack report --format json` or by the\n"
	"plugin (COROPACK_REPORT=FILE) in another format.\n"
	"\n"
	"merge, summary and diff read reports and directories of them (every *.json\n"
	"directly inside, as COROPACK_REPORT=DIR/ writes them); a coroutine in\n"
	"several reports (inline, templates) counts once, its largest copy.\n"
	"  merge       one report of them all, coroutines by mangled name\n"
	"  summary     the largest frames and the totals (--top 0: all; default 20)\n"
	"  diff        frames that grew, shrank, appeared or vanished from OLD to NEW;\n"
	"              exit status 1 when one grew by more than the threshold\n"
	"              (default 0: any growth; --total: the total instead)\n"
	"  --quiet     no notes on stderr; diff: no table and no message either\n"
	"Exit status of merge, summary and diff: 0, 1 (diff: over threshold), 2\n"
	"(bad input or options). See docs/cli.md.\n"
	"\n"
	"The plugin: clang++ -fpass-plugin=$(coropack --plugin-path) ...\n";

/* "coropack: " and the message on one line of stderr: a control byte in it
 * (a newline in a file name, in the bytes a parser quotes) prints as '?'. */
static void say(const char *msg)
{
	fputs("coropack: ", stderr);
	for (const unsigned char *p = (const unsigned char *)msg; *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
	fputc('\n', stderr);
}

static int die(const char *fmt, const char *arg)
{
	char msg[4096];
	snprintf(msg, sizeof msg, fmt, arg);
	say(msg);
	return 1;
}

/* merge, summary and diff: bad input is exit status 2. */
static int bad(const char *fmt, const char *arg)
{
	die(fmt, arg);
	return 2;
}

static int exists(const char *p) { return access(p, R_OK) == 0; }

/* Next to the executable (build tree), ../lib/coropack (install tree), then
 * the paths known at build time. */
static int plugin_path(void)
{
	char exe[PATH_MAX], cand[PATH_MAX + 64], real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	const char *tries[4] = {0};
	int k = 0;
	char a[PATH_MAX + 64], b[PATH_MAX + 64];
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		snprintf(a, sizeof a, "%s/coropack-plugin.so", exe);
		snprintf(b, sizeof b, "%s/../lib/coropack/coropack-plugin.so", exe);
		tries[k++] = a;
		tries[k++] = b;
	}
	tries[k++] = COROPACK_PLUGIN_BUILD_PATH;
	tries[k++] = COROPACK_PLUGIN_INSTALL_PATH;
	for (int i = 0; i < k; i++) {
		snprintf(cand, sizeof cand, "%s", tries[i]);
		if (exists(cand) && realpath(cand, real)) {
			puts(real);
			return 0;
		}
	}
	return die("cannot find coropack-plugin.so next to the executable or in %s",
	           COROPACK_PLUGIN_INSTALL_PATH);
}

typedef struct textout {
	FILE *out;
	unsigned flags;
} textout;

static int text_one(void *ctx, const cp_coroutine *c, size_t i)
{
	textout *t = ctx;
	return cp_report_write_text_coro(c, i, t->out, t->flags) < 0;
}

/* show --format text: each coroutine is written as it is read, so memory is
 * the file and one coroutine, not the whole report's model. On bad input,
 * stdout has what came before it, then the error; -o FILE is written to a
 * temporary file beside it and renamed on success only. */
static int show_text(const char *file, const char *outpath, unsigned flags)
{
	char err[1024], *tmp = NULL;
	textout t = {stdout, flags};
	if (outpath) {
		int fd = -1;
		size_t n = strlen(outpath) + sizeof ".XXXXXX";
		mode_t um = umask(0);
		umask(um);
		if (!(tmp = malloc(n)) || snprintf(tmp, n, "%s.XXXXXX", outpath) < 0 || (fd = mkstemp(tmp)) < 0 ||
		    fchmod(fd, 0666 & ~um) != 0 || !(t.out = fdopen(fd, "w"))) {
			int e = errno;
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			free(tmp);
			char m[PATH_MAX + 128];
			snprintf(m, sizeof m, "cannot write %s: %s", outpath, strerror(e));
			say(m);
			return 1;
		}
	}
	int rc = cp_report_each(file, text_one, &t, err, sizeof err);
	int werr = rc > 0 || fflush(t.out) != 0;
	if (tmp) {
		werr |= fclose(t.out) != 0;
		if (rc || werr || rename(tmp, outpath) != 0) {
			werr |= rc == 0;
			unlink(tmp);
		}
		free(tmp);
	}
	if (rc < 0)
		return die("%s", err);
	return werr ? die("%s", "cannot write the report") : 0;
}

/* The options of report (analyze IR) and show (read a JSON report), which
 * share them. */
typedef struct reportopts {
	cp_run_options o;
	const char *file, *format, *outpath;
	unsigned flags;
	int picture;
} reportopts;

/* Parses the arguments of report (show: of show) into p, which holds the
 * defaults. Returns 0, or 1 after saying what is wrong. */
static int report_args(int argc, char **argv, int show, reportopts *p)
{
	cp_run_options *o = &p->o;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
#define VALUE(opt)                                                              \
	(!strcmp(a, opt) ? (i + 1 < argc ? (val = argv[++i]) : NULL)            \
	 : !strncmp(a, opt "=", sizeof opt) ? (val = a + sizeof opt) : NULL)
		if (show && (a[0] == '-' && a[1] && strcmp(a, "--hex") && strcmp(a, "-o") &&
		             strcmp(a, "--format") && strncmp(a, "--format=", 9))) {
			return die("unknown option '%s' for show (see coropack --help)", a);
		} else if (!strcmp(a, "-O0") || !strcmp(a, "-O1") || !strcmp(a, "-O2") || !strcmp(a, "-O3")) {
			o->level = a[2] - '0';
		} else if (!strcmp(a, "--hex")) {
			p->flags |= CP_TEXT_HEX;
		} else if (!show && !strcmp(a, "--dump-liveness")) {
			o->dump_liveness = stdout;
		} else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
			if (!VALUE("--format"))
				return die("%s needs a value: json, text or dot; svg or png for a picture", a);
			p->format = val;
			p->picture = !strcmp(p->format, "svg") || !strcmp(p->format, "png");
			if (strcmp(p->format, "json") && strcmp(p->format, "text") && strcmp(p->format, "dot") && !p->picture)
				return die("unknown format '%s' (json, text or dot), or svg or png for a picture", p->format);
		} else if (!strcmp(a, "--mode") || !strncmp(a, "--mode=", 7)) {
			if (!VALUE("--mode"))
				return die("%s needs a value: pack, lower or report", a);
			if (!*val || cp_mode_parse(val, &o->mode) || o->mode == CP_MODE_OFF)
				return die("unknown mode '%s' (pack, lower or report)", val);
		} else if (!strcmp(a, "--function") || !strncmp(a, "--function=", 11)) {
			if (!VALUE("--function"))
				return die("%s needs a coroutine name", a);
			o->function = val;
		} else if (!strcmp(a, "--input") || !strncmp(a, "--input=", 8)) {
			if (!VALUE("--input"))
				return die("%s needs a value: auto, frontend or presplit", a);
			if (!strcmp(val, "auto"))
				o->input = CP_INPUT_AUTO;
			else if (!strcmp(val, "frontend"))
				o->input = CP_INPUT_FRONTEND;
			else if (!strcmp(val, "presplit"))
				o->input = CP_INPUT_PRESPLIT;
			else
				return die("unknown input kind '%s' (auto, frontend or presplit)", val);
		} else if (!strcmp(a, "-o")) {
			if (i + 1 >= argc)
				return die("%s needs a file name", a);
			p->outpath = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return die("unknown option '%s' (see coropack --help)", a);
		} else if (p->file) {
			return die("more than one input file ('%s')", a);
		} else {
			p->file = a;
		}
#undef VALUE
	}
	if (!p->file)
		return die("%s", show ? "show needs a report file (see coropack --help)"
		                      : "report needs an input file (see coropack --help)");
	if (p->picture && !p->outpath && isatty(STDOUT_FILENO))
		return die("--format %s writes binary data: give -o FILE or redirect stdout", p->format);
	return 0;
}

/* report and show: the report, in the format asked for, on stdout or in
 * -o FILE. Returns the exit status. */
static int report(int argc, char **argv, int show)
{
	reportopts p = {.o = {.level = 2, .input = CP_INPUT_AUTO, .mode = CP_MODE_LOWER}, .format = "text"};
	if (report_args(argc, argv, show, &p))
		return 1;
	if (show && !strcmp(p.format, "text"))
		return show_text(p.file, p.outpath, p.flags);
	cp_report r = {0};
	char err[1024];
	if ((show ? cp_report_read_json(p.file, &r, err, sizeof err)
	          : cp_report_file(p.file, &p.o, &r, err, sizeof err)) != 0) {
		cp_report_free(&r);
		return die("%s", err);
	}
	char *data = NULL;
	size_t len = 0;
	if (p.picture && cp_report_render(&r, p.format, p.flags, &data, &len, err, sizeof err) != 0) {
		cp_report_free(&r);
		return die("%s", err);
	}
	FILE *out = stdout;
	if (p.outpath && !(out = fopen(p.outpath, p.picture ? "wb" : "w"))) {
		cp_report_free(&r);
		free(data);
		fprintf(stderr, "coropack: cannot write %s: %s\n", p.outpath, strerror(errno));
		return 1;
	}
	int rc = p.picture                   ? -(fwrite(data, 1, len, out) != len)
	         : !strcmp(p.format, "json") ? cp_report_write_json(&r, out, CP_JSON_PRETTY)
	         : !strcmp(p.format, "dot")  ? cp_report_write_dot(&r, out)
	                                     : cp_report_write_text(&r, out, p.flags);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
		rc = -1;
	cp_report_free(&r);
	free(data);
	if (rc != 0)
		return die("%s", "cannot write the report");
	return 0;
}

/* --- build-wide: merge, summary, diff --------------------------------------- */

/* Options shared by merge, summary and diff; paths collects the other
 * words, in argv's own storage (the i-th word goes to at most index i). */
typedef struct opts {
	const char *out, *format, *threshold, *sort;
	long top;
	int quiet, total;
	int npaths;
	char **paths;
} opts;

/* allowed: the options this command takes, as "-o --top ..." words. */
static int parse(int argc, char **argv, const char *cmd, const char *allowed, opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		char word[32];
		size_t n = strcspn(a, "=");
		snprintf(word, sizeof word, " %.*s ", (int)(n < 20 ? n : 20), a);
		if (a[0] != '-' || !a[1] || !strcmp(a, "--")) {
			if (!strcmp(a, "--") && ++i >= argc)
				break;
			o->paths[o->npaths++] = argv[i];
			continue;
		}
		char list[160];
		snprintf(list, sizeof list, " %s ", allowed);
		if (!strstr(list, word)) {
			fprintf(stderr, "coropack: unknown option '%s' for %s (see coropack --help)\n", a, cmd);
			return -1;
		}
		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			o->quiet = 1;
			continue;
		}
		if (!strcmp(a, "--total")) {
			o->total = 1;
			continue;
		}
		if (a[n] == '=')
			val = a + n + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		if (!val || !*val) {
			fprintf(stderr, "coropack: %.*s needs a value\n", (int)n, a);
			return -1;
		}
		if (!strncmp(a, "-o", n) && n == 2)
			o->out = val;
		else if (!strncmp(a, "--format", n))
			o->format = val;
		else if (!strncmp(a, "--threshold", n))
			o->threshold = val;
		else if (!strncmp(a, "--sort", n))
			o->sort = val;
		else if (!strncmp(a, "--top", n)) {
			char *end;
			o->top = strtol(val, &end, 10);
			if (*end || o->top < 0 || end == val) {
				fprintf(stderr, "coropack: bad --top '%s' (a count; 0 for all)\n", val);
				return -1;
			}
		}
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json")) {
		fprintf(stderr, "coropack: unknown format '%s' for %s (text or json)\n", o->format, cmd);
		return -1;
	}
	return 0;
}

/* Reads every path into s; notes on stderr unless quiet. */
static int load(cp_set *s, char **paths, int n, int quiet)
{
	char err[1024];
	if (cp_set_add_paths(s, (const char *const *)paths, (size_t)n, err, sizeof err) != 0) {
		say(err);
		return -1;
	}
	cp_set_sort(s);
	if (!quiet)
		cp_set_write_notes(s, stderr);
	return 0;
}

/* Buffered by the megabyte: a merged report is hundreds of megabytes,
 * written a coroutine (a few kilobytes) at a time. */
static FILE *output(const char *path)
{
	static char buf[1 << 20];
	FILE *f = path ? fopen(path, "w") : stdout;
	if (!f)
		fprintf(stderr, "coropack: cannot write %s: %s\n", path, strerror(errno));
	else
		setvbuf(f, buf, _IOFBF, sizeof buf);
	return f;
}

static int finish(FILE *out, int rc)
{
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
		rc = -1;
	if (rc != 0) {
		fputs("coropack: cannot write the output\n", stderr);
		return 2;
	}
	return 0;
}

static int merge(int argc, char **argv)
{
	opts o = {.paths = argv};
	cp_set s = {.keep_text = 1};
	if (parse(argc, argv, "merge", "-o --quiet -q", &o) < 0)
		return 2;
	if (!o.npaths)
		return bad("%s", "merge needs report files or directories (see coropack --help)");
	if (load(&s, o.paths, o.npaths, o.quiet) < 0) {
		cp_set_free(&s);
		return 2;
	}
	FILE *out = output(o.out);
	int rc = out ? finish(out, cp_set_write_json(&s, out)) : 2;
	cp_set_free(&s);
	return rc;
}

static int summary(int argc, char **argv)
{
	static const char *const sorts[] = {"packed", "stock", "saved", "name"};
	opts o = {.paths = argv, .top = 20};
	cp_set s = {0};
	int sort = 0;
	if (parse(argc, argv, "summary", "-o --top --sort --format --quiet -q", &o) < 0)
		return 2;
	if (o.sort) {
		while (sort < 4 && strcmp(o.sort, sorts[sort]))
			sort++;
		if (sort == 4)
			return bad("unknown sort key '%s' (packed, stock, saved or name)", o.sort);
	}
	if (!o.npaths)
		return bad("%s", "summary needs a report file or directory (see coropack --help)");
	if (load(&s, o.paths, o.npaths, o.quiet) < 0) {
		cp_set_free(&s);
		return 2;
	}
	FILE *out = output(o.out);
	int rc = out ? finish(out, cp_summary_write(&s, out, (cp_sort)sort, (size_t)o.top,
		o.format && !strcmp(o.format, "json"))) : 2;
	cp_set_free(&s);
	return rc;
}

static int diff(int argc, char **argv)
{
	opts o = {.paths = argv};
	cp_set old = {0}, cur = {0};
	cp_threshold t;
	cp_diff d;
	if (parse(argc, argv, "diff", "-o --threshold --total --format --quiet -q", &o) < 0)
		return 2;
	if (o.npaths != 2)
		return bad("%s", "diff needs two reports (or directories): OLD NEW (see coropack --help)");
	if (cp_threshold_parse(o.threshold ? o.threshold : "0", &t) < 0)
		return bad("bad threshold '%s' (bytes, or a percentage such as 5%%)", o.threshold);
	t.total = o.total;
	if (load(&old, o.paths, 1, o.quiet) < 0 || load(&cur, o.paths + 1, 1, o.quiet) < 0
	    || cp_diff_build(&old, &cur, &t, &d) < 0) {
		cp_set_free(&old);
		cp_set_free(&cur);
		return 2;
	}
	int rc = 0;
	if (!o.quiet) {
		FILE *out = output(o.out);
		rc = out ? finish(out, o.format && !strcmp(o.format, "json") ? cp_diff_write_json(&d, &t, out)
		                                                              : cp_diff_write_text(&d, out)) : 2;
	}
	if (!rc && d.nexceed) {
		if (!o.quiet) {
			if (t.total)
				fprintf(stderr, "coropack: the total grew by more than %s\n", o.threshold ? o.threshold : "0");
			else
				fprintf(stderr, "coropack: %zu coroutine%s grew by more than %s%s\n", d.nexceed,
					d.nexceed == 1 ? "" : "s", o.threshold ? o.threshold : "0",
					t.percent ? "" : " bytes");
		}
		rc = 1;
	}
	cp_diff_free(&d);
	cp_set_free(&old);
	cp_set_free(&cur);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 1;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		puts("coropack " VERSION " (LLVM 22)");
		return 0;
	}
	if (!strcmp(cmd, "--plugin-path"))
		return plugin_path();
	if (!strcmp(cmd, "report")) {
		cp_engine_exit_on_fatal_errors();
		return report(argc - 2, argv + 2, 0);
	}
	if (!strcmp(cmd, "show"))
		return report(argc - 2, argv + 2, 1);
	if (!strcmp(cmd, "merge"))
		return merge(argc - 2, argv + 2);
	if (!strcmp(cmd, "summary"))
		return summary(argc - 2, argv + 2);
	if (!strcmp(cmd, "diff"))
		return diff(argc - 2, argv + 2);
	return die(cmd[0] == '-' ? "unknown option '%s' (see coropack --help)"
	                         : "unknown command '%s' (see coropack --help)", cmd);
}
