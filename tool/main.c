/* coropack: frame reports for LLVM switch-ABI coroutines. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <coropack/engine.h>
#include <coropack/frame.h>
#include <coropack/report.h>
#include <coropack/viz.h>

#define VERSION "0.1.0"

static const char usage[] =
	"usage: coropack report FILE.ll|FILE.bc [options]\n"
	"       coropack show REPORT.json [--format json|text|dot] [--hex] [-o FILE]\n"
	"       coropack --plugin-path | --version | --help\n"
	"\n"
	"report options:\n"
	"  --format json|text|dot  output format (default text)\n"
	"  --function NAME         only this coroutine (mangled, or demangled with or\n"
	"                          without its parameter list)\n"
	"  -O0 -O1 -O2 -O3         the optimization level to model (default -O2)\n"
	"  --input auto|frontend|presplit\n"
	"                          frontend: IR straight from clang (-Xclang\n"
	"                          -disable-llvm-passes); LLVM's pipeline for the level\n"
	"                          runs first. presplit: IR right before coro-split.\n"
	"                          auto (default) tells them apart.\n"
	"  --mode pack|report      pack (default): rewrite each coroutine as the\n"
	"                          plugin does and measure the frame LLVM then builds;\n"
	"                          report: model the packed frame, change nothing\n"
	"  --hex                   text offsets in hexadecimal\n"
	"  --dump-liveness         print the liveness stage (values and allocas live\n"
	"                          at each suspend point) before the report\n"
	"  -o FILE                 write the report to FILE instead of stdout\n"
	"\n"
	"show prints a report written by `coropack report --format json` or by the\n"
	"plugin (COROPACK_REPORT=FILE) in another format.\n"
	"\n"
	"The plugin: clang++ -fpass-plugin=$(coropack --plugin-path) ...\n";

static int die(const char *fmt, const char *arg)
{
	fputs("coropack: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
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

/* report (analyze IR) and show (read a JSON report) share their options. */
static int report(int argc, char **argv, int show)
{
	cp_run_options o = {.level = 2, .input = CP_INPUT_AUTO, .pack = 1};
	const char *file = NULL, *format = "text", *outpath = NULL;
	unsigned flags = 0;
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
			o.level = a[2] - '0';
		} else if (!strcmp(a, "--hex")) {
			flags |= CP_TEXT_HEX;
		} else if (!show && !strcmp(a, "--dump-liveness")) {
			o.dump_liveness = stdout;
		} else if (!strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
			if (!VALUE("--format"))
				return die("%s needs a value: json, text or dot", a);
			format = val;
			if (strcmp(format, "json") && strcmp(format, "text") && strcmp(format, "dot"))
				return die("unknown format '%s' (json, text or dot)", format);
		} else if (!strcmp(a, "--mode") || !strncmp(a, "--mode=", 7)) {
			if (!VALUE("--mode"))
				return die("%s needs a value: pack or report", a);
			if (strcmp(val, "pack") && strcmp(val, "report"))
				return die("unknown mode '%s' (pack or report)", val);
			o.pack = !strcmp(val, "pack");
		} else if (!strcmp(a, "--function") || !strncmp(a, "--function=", 11)) {
			if (!VALUE("--function"))
				return die("%s needs a coroutine name", a);
			o.function = val;
		} else if (!strcmp(a, "--input") || !strncmp(a, "--input=", 8)) {
			if (!VALUE("--input"))
				return die("%s needs a value: auto, frontend or presplit", a);
			if (!strcmp(val, "auto"))
				o.input = CP_INPUT_AUTO;
			else if (!strcmp(val, "frontend"))
				o.input = CP_INPUT_FRONTEND;
			else if (!strcmp(val, "presplit"))
				o.input = CP_INPUT_PRESPLIT;
			else
				return die("unknown input kind '%s' (auto, frontend or presplit)", val);
		} else if (!strcmp(a, "-o")) {
			if (i + 1 >= argc)
				return die("%s needs a file name", a);
			outpath = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			return die("unknown option '%s' (see coropack --help)", a);
		} else if (file) {
			return die("more than one input file ('%s')", a);
		} else {
			file = a;
		}
#undef VALUE
	}
	if (!file)
		return die("%s", show ? "show needs a report file (see coropack --help)"
		                      : "report needs an input file (see coropack --help)");

	cp_report r = {0};
	char err[1024];
	if ((show ? cp_report_read_json(file, &r, err, sizeof err)
	          : cp_report_file(file, &o, &r, err, sizeof err)) != 0) {
		cp_report_free(&r);
		return die("%s", err);
	}
	FILE *out = stdout;
	if (outpath && !(out = fopen(outpath, "w"))) {
		cp_report_free(&r);
		fprintf(stderr, "coropack: cannot write %s: %s\n", outpath, strerror(errno));
		return 1;
	}
	int rc = !strcmp(format, "json")   ? cp_report_write_json(&r, out)
	         : !strcmp(format, "dot")  ? cp_report_write_dot(&r, out)
	                                   : cp_report_write_text(&r, out, flags);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
		rc = -1;
	cp_report_free(&r);
	if (rc != 0)
		return die("%s", "cannot write the report");
	return 0;
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
	if (!strcmp(cmd, "report"))
		return report(argc - 2, argv + 2, 0);
	if (!strcmp(cmd, "show"))
		return report(argc - 2, argv + 2, 1);
	return die(cmd[0] == '-' ? "unknown option '%s' (see coropack --help)"
	                         : "unknown command '%s' (see coropack --help)", cmd);
}
