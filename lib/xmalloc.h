/*
 * xmalloc: allocation that cannot fail. Running out of memory in a control-plane
 * process is a broken invariant (as in OpenBSD's xmalloc): these abort instead of
 * making every caller handle NULL.
 */
#ifndef ROUTEMU_XMALLOC_H
#define ROUTEMU_XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xzalloc(size_t);			/* zeroed */
void	*xcalloc(size_t nmemb, size_t size);
void	*xrealloc(void *, size_t);		/* size 0 keeps a valid 1-byte block */
char	*xstrdup(const char *);			/* NULL stays NULL */
char	*xstrndup(const char *, size_t);

#endif
