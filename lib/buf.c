/*
 * buf: a growable byte buffer. Allocation failure is fatal: it is a broken invariant here.
 *
 * The printers of a 100 000-statement configuration call buf_putc/buf_puts millions of
 * times, so the common case (room left) is a test and a copy, and growing lives in a
 * function of its own that the compiler keeps out of line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void __attribute__((noinline))
buf_grow(struct buf *b, size_t need)
{
	size_t cap = b->b_cap ? b->b_cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->b_data, cap);
	if (p == NULL) {
		fputs("buf: out of memory\n", stderr);
		abort();
	}
	b->b_data = p;
	b->b_cap = cap;
}

/* Room for extra more bytes and the NUL. */
static inline void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->b_len + extra + 1;

	if (need > b->b_cap)
		buf_grow(b, need);
}

void
buf_init(struct buf *b)
{
	b->b_data = NULL;
	b->b_len = b->b_cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->b_data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->b_len = 0;
	if (b->b_data)
		b->b_data[0] = '\0';
}

void
buf_append(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->b_data + b->b_len, s, n);
	b->b_len += n;
	b->b_data[b->b_len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->b_data[b->b_len++] = c;
	b->b_data[b->b_len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	/* Format straight into the room left; only a longer text is formatted twice. */
	buf_reserve(b, 0);
	room = b->b_cap - b->b_len;
	va_copy(ap2, ap);
	n = vsnprintf(b->b_data + b->b_len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->b_data[b->b_len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->b_data + b->b_len, (size_t)n + 1, fmt, ap);
	}
	b->b_len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_indent(struct buf *b, int n)
{
	size_t k = n > 0 ? (size_t)n : 0;

	buf_reserve(b, k);
	memset(b->b_data + b->b_len, ' ', k);
	b->b_len += k;
	b->b_data[b->b_len] = '\0';
}

const char *
buf_str(const struct buf *b)
{
	return b->b_data ? b->b_data : "";
}

char *
buf_steal(struct buf *b)
{
	char *s = b->b_data;

	if (s == NULL)
		s = calloc(1, 1);
	buf_init(b);
	return s;
}
