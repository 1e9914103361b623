/* buf: a growable byte buffer, always NUL-terminated, used to build text output. */
#ifndef ROUTEMU_BUF_H
#define ROUTEMU_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*b_data;	/* NUL-terminated; NULL until the first append */
	size_t	 b_len;
	size_t	 b_cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);		/* length 0, keeps the memory */
void	 buf_append(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_indent(struct buf *, int);		/* that many spaces */
const char *buf_str(const struct buf *);	/* "" when empty */
char	*buf_steal(struct buf *);		/* caller frees; buffer is reset */

#endif
