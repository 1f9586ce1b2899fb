/* The unit tests' one harness: CHECK, HAS and LACKS count passes and
 * failures in npass/nfail and print each failure with its line; every test
 * program ends by printing "N passed, N failed". Include once per program. */
#ifndef COROPACK_CHECK_H
#define COROPACK_CHECK_H

#include <stdio.h>
#include <string.h>

static int npass, nfail;

static int check(int ok, const char *what, int line)
{
	if (ok)
		npass++;
	else {
		nfail++;
		printf("FAIL line %d: %s\n", line, what);
	}
	return ok;
}
#define CHECK(c) check(!!(c), #c, __LINE__)
#define HAS(s, sub) (check((s) && strstr(s, sub), "contains: " sub, __LINE__) || (printf("%s\n", s ? s : "(null)"), 0))
#define LACKS(s, sub) check((s) && !strstr(s, sub), "lacks: " sub, __LINE__)

#endif
