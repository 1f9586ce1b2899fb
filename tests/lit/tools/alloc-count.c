// The allocation counter the campaign and bench/asio_diff.sh preload
// (tests/diff/alloc_count.c) counts each allocation call and the bytes asked
// for, whichever entry point, and logs one line at exit; without the
// variable it logs nothing. (No stdio in the program: a stream buffer would
// be one more allocation.)
// RUN: %clang %s -o %t
// RUN: rm -f %t.log && env COROPACK_ALLOC_LOG=%t.log LD_PRELOAD=%alloc_count %t
// RUN: FileCheck %s < %t.log
// RUN: env COROPACK_ALLOC_LOG=%t.log LD_PRELOAD=%alloc_count %t 3
// RUN: FileCheck %s --check-prefix=TWICE < %t.log
// RUN: env LD_PRELOAD=%alloc_count %t
// RUN: wc -l < %t.log | FileCheck %s --check-prefix=LINES
// LINES: {{^}}2{{$}}
// CHECK: allocations 7 bytes 692{{$}}
// TWICE: allocations 7 bytes 692{{$}}
// TWICE-NEXT: allocations 8 bytes 695{{$}}
#include <malloc.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	void *p[6];
	p[0] = malloc(100);
	p[1] = calloc(2, 50);
	p[2] = aligned_alloc(64, 128);
	if (posix_memalign(&p[3], 32, 64))
		return 1;
	p[4] = memalign(16, 100);
	p[5] = realloc(malloc(0), 200); /* two calls, 200 bytes */
	if (argc > 1)
		free(malloc(3));
	for (int i = 0; i < 6; i++)
		free(p[i]);
	return 0;
}
