/* Arena allocation for the function model and its analysis. */
#include <stdlib.h>
#include <string.h>
#include "func.h"

enum { CHUNK = 64 * 1024 };

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
} chunk;

struct cp_arena {
	chunk *head;
};

cp_arena *cp_arena_new(void)
{
	cp_arena *a = calloc(1, sizeof *a);
	if (!a)
		abort();
	return a;
}

void *cp_arena_alloc(cp_arena *a, size_t size)
{
	size = (size + 15) & ~(size_t)15;
	chunk *c = a->head;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > CHUNK ? size : CHUNK;
		c = malloc(sizeof *c + cap);
		if (!c)
			abort();
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *cp_arena_strdup(cp_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	return memcpy(cp_arena_alloc(a, n), s, n);
}

void cp_arena_free(cp_arena *a)
{
	if (!a)
		return;
	for (chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
}

void cp_func_free(cp_func *f)
{
	cp_arena_free(f->arena);
	memset(f, 0, sizeof *f);
}

int cp_func_block_of(const cp_func *f, int i)
{
	int lo = 0, hi = f->nblock - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (f->block[mid].first <= i)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}
