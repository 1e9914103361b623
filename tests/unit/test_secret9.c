/* test_secret9: Junos $9$ encoding against public known pairs, and round trips. */
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "secret9.h"
#include "unit.h"

/*
 * Known pairs published with other implementations of the same encoding:
 * Crypt::Juniper's synopsis, jeremmfr/junosdecode's tests, ytti/router_crypt's
 * spec, netconan's deterministic-salt tests.
 */
static const struct {
	const char *enc;
	const char *plain;
} known[] = {
    {"$9$LbHX-wg4Z", "lc"},
    {"$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz", "testPassWord"},
    {"$9$40aikFn/9tOQFRSleXxoJGDi.CA0Ihr.PRSylXxGDi.Qn/9p0BEz3rvLNY2.P5QF/",
     "99problemsbutpwaintone"},
    {"$9$nnet/9pOBEyrv", "abc"},
    {"$9$nnet/p01RhrKM", "123"},
    {"$9$nnet9pBcSe8xdApK8xdg4aZUi.5", "netconan"},
};

static void
test_decode_known(void)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		char *p = secret9_decode(known[i].enc);

		UNIT_STREQ(p, known[i].plain);
		UNIT_CHECK(secret9_is_encoded(known[i].enc));
		free(p);
	}
}

/* With the salt and fillers fixed, encoding is deterministic: compare exactly. */
static void
test_encode_known(void)
{
	char *e;

	e = secret9_encode_salt("abc", 'n', "net");
	UNIT_STREQ(e, "$9$nnet/9pOBEyrv");
	free(e);
	e = secret9_encode_salt("netconan", 'n', "net");
	UNIT_STREQ(e, "$9$nnet9pBcSe8xdApK8xdg4aZUi.5");
	free(e);
	/* Salt 'L' (family 1) takes two fillers. */
	e = secret9_encode_salt("lc", 'L', "bH");
	UNIT_STREQ(e, "$9$LbHX-wg4Z");
	free(e);
	/* A salt outside the alphabet, or too few fillers, is refused. */
	UNIT_CHECK(secret9_encode_salt("x", '$', NULL) == NULL);
	UNIT_CHECK(secret9_encode_salt("x", 'Q', "ab") == NULL);
	UNIT_CHECK(secret9_encode_salt("x", 'Q', "a!c") == NULL);
}

static void
test_decode_invalid(void)
{
	static const char *bad[] = {
	    "",
	    "$9$",
	    "$9",
	    "9$LbHX-wg4Z",
	    "$8$LbHX-wg4Z",
	    "$9$LbHX-wg4",   /* truncated */
	    "$9$LbHX-wg4ZQ", /* one character too many */
	    "$9$LbH!-wg4Z",  /* not in the alphabet */
	    "$9$LbHX-wg 4Z",
	    "$9$Q", /* salt of family 0 wants three fillers */
	    "plain text",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = secret9_decode(bad[i]);

		if (p != NULL)
			fprintf(stderr, "accepted %s -> %s\n", bad[i], p);
		UNIT_CHECK(p == NULL);
		UNIT_CHECK(!secret9_is_encoded(bad[i]));
		free(p);
	}
	UNIT_CHECK(secret9_decode(NULL) == NULL);
	/* Changing one character of a valid string must not decode to the same text. */
	char mut[] = "$9$1HFIyKXxdsgJ-VH.Pfn6lKMXdsZUi5Qnikfz";
	mut[10] = mut[10] == 'Q' ? 'z' : 'Q';
	char *p = secret9_decode(mut);
	UNIT_CHECK(p == NULL || strcmp(p, "testPassWord") != 0);
	free(p);
}

static void
test_roundtrip_random(void)
{
	char plain[200];

	for (int i = 0; i < 5000; i++) {
		unsigned char r[200];
		size_t len;

		if (RAND_bytes(r, sizeof(r)) != 1) {
			UNIT_CHECK(0);
			return;
		}
		len = 1 + r[0] % (sizeof(plain) - 1);
		for (size_t k = 0; k < len; k++) {
			/* Printable ASCII mostly, every non-NUL byte sometimes. */
			plain[k] = (i % 4 == 0)
			               ? (char)(1 + r[k + 1 < sizeof(r) ? k + 1 : 0] % 255)
			               : (char)(' ' + r[k + 1 < sizeof(r) ? k + 1 : 0] % 95);
			if (plain[k] == '\0')
				plain[k] = 'x';
		}
		plain[len] = '\0';
		char *e = secret9_encode(plain);
		UNIT_CHECK(e != NULL && strncmp(e, "$9$", 3) == 0);
		char *d = secret9_decode(e);
		UNIT_CHECK(d != NULL && strcmp(d, plain) == 0);
		UNIT_CHECK(secret9_is_encoded(e));
		free(e);
		free(d);
	}
}

/* The random salt really varies: two encodings of the same text differ. */
static void
test_salt_varies(void)
{
	int same = 0;

	for (int i = 0; i < 20; i++) {
		char *a = secret9_encode("secret"), *b = secret9_encode("secret");

		if (a && b && strcmp(a, b) == 0)
			same++;
		free(a);
		free(b);
	}
	UNIT_CHECK(same < 5);
}

static void
test_empty(void)
{
	char *e = secret9_encode("");
	char *d = secret9_decode(e);

	UNIT_CHECK(e != NULL);
	UNIT_STREQ(d, "");
	free(e);
	free(d);
}

int
main(void)
{
	UNIT_RUN(test_decode_known);
	UNIT_RUN(test_encode_known);
	UNIT_RUN(test_decode_invalid);
	UNIT_RUN(test_roundtrip_random);
	UNIT_RUN(test_salt_varies);
	UNIT_RUN(test_empty);
	return unit_exit();
}
