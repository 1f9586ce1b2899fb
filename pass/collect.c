/* Collecting frame reports around LLVM's coro-split; see collect.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include "analyze.h"
#include "collect.h"
#include "ir.h"
#include "liveness.h"
#include "shim.h"

int cp_collect_name_matches(const char *want, const char *name, const char *dem)
{
	if (!strcmp(want, name) || (dem && !strcmp(want, dem)))
		return 1;
	if (!dem)
		return 0;
	size_t n = strlen(want);
	return !strncmp(dem, want, n) && (dem[n] == '(' || dem[n] == '[');
}

void cp_collect_before(void *vc, LLVMValueRef fn)
{
	cp_collect *k = vc;
	if (!cp_ir_is_coroutine(fn))
		return;
	size_t len;
	const char *nm = LLVMGetValueName2(fn, &len);
	if (k->function) {
		char *dem = coropack_demangle(nm);
		int want = cp_collect_name_matches(k->function, nm, dem);
		free(dem);
		if (!want)
			return;
	}
	k->matched++;

	cp_coroutine *c = cp_report_add(k->out);
	if (!c)
		return;
	cp_func f;
	char why[256] = "";
	int built = cp_ir_build(fn, &f, why, sizeof why) == 0;
	if (built && k->dump) {
		cp_live l;
		cp_live_compute(&f, &l);
		cp_live_dump(&f, &l, k->dump);
	}
	if (!built || cp_analyze(&f, k->level, NULL, c, NULL) != 0) {
		char buf[300];
		snprintf(buf, sizeof buf, "stock: %s", why[0] ? why : "the solver rejected the frame");
		if (!c->name)
			c->name = cp_strdup(nm);
		if (!c->demangled)
			c->demangled = cp_strdup(f.demangled);
		c->level = k->level;
		free(c->status);
		c->status = cp_strdup(buf);
	}
	cp_func_free(&f);

	if (k->nfn == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 16;
		k->fn = realloc(k->fn, k->cap * sizeof *k->fn);
		k->coro = realloc(k->coro, k->cap * sizeof *k->coro);
		if (!k->fn || !k->coro)
			abort();
	}
	k->fn[k->nfn] = fn;
	k->coro[k->nfn++] = k->out->ncoros - 1;
}

void cp_collect_after(void *vc, LLVMValueRef fn)
{
	cp_collect *k = vc;
	for (size_t i = 0; i < k->nfn; i++) {
		if (k->fn[i] != fn)
			continue;
		cp_coroutine *c = &k->out->coros[k->coro[i]];
		size_t len;
		const char *nm = LLVMGetValueName2(fn, &len);
		char tname[1024];
		snprintf(tname, sizeof tname, "%s.Frame", nm);
		LLVMModuleRef m = LLVMGetGlobalParent(fn);
		LLVMTypeRef t = LLVMGetTypeByName2(LLVMGetModuleContext(m), tname);
		if (t && LLVMTypeIsSized(t)) {
			LLVMTargetDataRef dl = LLVMGetModuleDataLayout(m);
			c->stock_size = LLVMABISizeOfType(dl, t);
			if (!c->packed_size) {
				/* Left as stock: its frame is the stock frame. */
				c->packed_size = c->stock_size;
				c->align = LLVMABIAlignmentOfType(dl, t);
			}
		}
		k->fn[i] = k->fn[--k->nfn];
		k->coro[i] = k->coro[k->nfn];
		i--;
	}
}

void cp_collect_free(cp_collect *k)
{
	free(k->fn);
	free(k->coro);
	k->fn = NULL;
	k->coro = NULL;
	k->nfn = k->cap = 0;
}
