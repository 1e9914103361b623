/* Unit tests of lib/buf.c. */
#include "buf.h"
#include "unit.h"

static void
test_append_grows(void)
{
	struct buf b = BUF_INIT;

	UNIT_STREQ(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	UNIT_CHECK(b.b_len == 2000);
	UNIT_CHECK(strncmp(buf_str(&b), "0,1,2,", 6) == 0);
	buf_reset(&b);
	UNIT_STREQ(buf_str(&b), "");
	buf_free(&b);
}

static void
test_indent_and_steal(void)
{
	struct buf b = BUF_INIT;

	buf_indent(&b, 4);
	buf_puts(&b, "x;");
	buf_putc(&b, '\n');
	char *s = buf_steal(&b);
	UNIT_STREQ(s, "    x;\n");
	UNIT_CHECK(b.b_data == NULL && b.b_len == 0);
	free(s);
	s = buf_steal(&b);	/* an empty buffer steals as "" */
	UNIT_STREQ(s, "");
	free(s);
}

int
main(void)
{
	UNIT_RUN(test_append_grows);
	UNIT_RUN(test_indent_and_steal);
	return unit_exit();
}
