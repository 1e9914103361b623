/* xmalloc: allocation that cannot fail (see xmalloc.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void *
xcheck(void *p)
{
	if (p == NULL) {
		fputs("routemu: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
xmalloc(size_t n)
{
	return xcheck(malloc(n ? n : 1));
}

void *
xzalloc(size_t n)
{
	return xcheck(calloc(1, n ? n : 1));
}

void *
xcalloc(size_t nmemb, size_t size)
{
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	return xcheck(calloc(nmemb, size));
}

void *
xrealloc(void *p, size_t n)
{
	return xcheck(realloc(p, n ? n : 1));
}

char *
xstrdup(const char *s)
{
	return s == NULL ? NULL : xcheck(strdup(s));
}

char *
xstrndup(const char *s, size_t n)
{
	return xcheck(strndup(s, n));
}
