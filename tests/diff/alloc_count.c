/* An allocation counter to preload into programs nobody here wrote (and
 * generated ones), so that differential runs compare what the allocator
 * receives in a stock build and in a plugin build:
 *
 *   COROPACK_ALLOC_LOG=FILE LD_PRELOAD=BUILD/libcoropack-alloc-count.so ./program
 *
 * counts every call of malloc, calloc, realloc, aligned_alloc,
 * posix_memalign and memalign (libstdc++'s operator new calls malloc or
 * aligned_alloc, so coroutine frames are counted whatever allocates them)
 * and the bytes asked for, and at exit appends one line to FILE:
 *
 *   allocations N bytes B
 *
 * The memory itself comes from glibc (its exported __libc_* entry points), so
 * free and malloc_usable_size stay glibc's. Not for sanitizer builds: their
 * runtimes replace the allocator themselves. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);

static _Atomic unsigned long long count, bytes;

static void note(size_t n)
{
	atomic_fetch_add_explicit(&count, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&bytes, n, memory_order_relaxed);
}

void *malloc(size_t n)
{
	note(n);
	return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	note(n * size);
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	note(n);
	return __libc_realloc(p, n);
}

void *aligned_alloc(size_t align, size_t n)
{
	note(n);
	return __libc_memalign(align, n);
}

void *memalign(size_t align, size_t n)
{
	note(n);
	return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	note(n);
	void *p = __libc_memalign(align, n);
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

/* At exit (a normal one: a program killed by a signal logs nothing, which
 * the scripts treat as a failed run anyway). */
__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("COROPACK_ALLOC_LOG");
	if (!path || !*path)
		return;
	char line[96];
	int len = snprintf(line, sizeof line, "allocations %llu bytes %llu\n",
	                   (unsigned long long)atomic_load(&count), (unsigned long long)atomic_load(&bytes));
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
	if (fd < 0)
		return;
	ssize_t w = write(fd, line, (size_t)len);
	(void)w;
	close(fd);
}
