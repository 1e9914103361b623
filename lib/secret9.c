/*
 * secret9: Junos "$9$" secrets. Not encryption: a reversible obfuscation that
 * Junos applies to plain-text secrets in the configuration.
 *
 * The alphabet is 65 characters in four families. "$9$", then a salt character;
 * the salt's family f says how many random filler characters follow (3 - f).
 * Each plaintext byte is then written as k characters (k cycling with the byte's
 * position through the weight table below): the byte is split into digits of the
 * weights, and each digit d is written as the character d + 1 positions after the
 * previous character (modulo 65). Decoding measures those gaps again.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "secret9.h"

#define S9_MAGIC "$9$"
#define S9_MAGIC_LEN 3
#define S9_NALPHA 65

static const char *const s9_family[4] = {
    "QzF3n6/9CAtpu0O",
    "B1IREhcSyrleKvMW8LXx",
    "7N-dVbwsY2g4oaJZGUDj",
    "iHkq.mPf5T",
};

/* Weights of the digits of one byte, by byte position modulo 7. */
static const struct {
	int w_n;
	int w_v[4];
} s9_weights[7] = {
    {3, {1, 4, 32}}, {3, {1, 16, 32}},     {3, {1, 8, 32}},  {2, {1, 64}},
    {2, {1, 32}},    {4, {1, 4, 16, 128}}, {3, {1, 32, 64}},
};

static char s9_alpha[S9_NALPHA + 1];
static int8_t s9_index[256]; /* char -> alphabet position, -1 if none */
static int8_t s9_extra[256]; /* salt char -> number of filler chars */

static void
s9_tables(void)
{
	size_t n = 0;

	if (s9_alpha[0] != '\0')
		return;
	memset(s9_index, -1, sizeof(s9_index));
	for (int f = 0; f < 4; f++) {
		for (const char *c = s9_family[f]; *c != '\0'; c++) {
			s9_index[(unsigned char)*c] = (int8_t)n;
			s9_extra[(unsigned char)*c] = (int8_t)(3 - f);
			s9_alpha[n++] = *c;
		}
	}
	s9_alpha[n] = '\0';
}

/* A uniformly random alphabet character (rejection sampling: 256 % 65 != 0). */
static int
s9_random_char(char *out)
{
	unsigned char b;

	do {
		if (RAND_bytes(&b, 1) != 1)
			return -1;
	} while (b >= 256 - 256 % S9_NALPHA);
	*out = s9_alpha[b % S9_NALPHA];
	return 0;
}

char *
secret9_encode_salt(const char *plain, char salt, const char *fill)
{
	size_t plen, olen, o = 0;
	char *out, prev;
	int extra;

	s9_tables();
	if (plain == NULL || s9_index[(unsigned char)salt] < 0)
		return NULL;
	extra = s9_extra[(unsigned char)salt];
	plen = strlen(plain);
	if (plen > (SIZE_MAX - 16) / 4)
		return NULL;
	olen = S9_MAGIC_LEN + 1 + (size_t)extra + plen * 4 + 1;
	if ((out = malloc(olen)) == NULL)
		return NULL;
	memcpy(out, S9_MAGIC, S9_MAGIC_LEN);
	o = S9_MAGIC_LEN;
	out[o++] = salt;
	for (int i = 0; i < extra; i++) {
		char c;

		if (fill != NULL) {
			c = fill[i];
			if (c == '\0' || s9_index[(unsigned char)c] < 0)
				goto fail;
		} else if (s9_random_char(&c) == -1)
			goto fail;
		out[o++] = c;
	}
	prev = salt;
	for (size_t i = 0; i < plen; i++) {
		int n = s9_weights[i % 7].w_n;
		const int *w = s9_weights[i % 7].w_v;
		int rest = (unsigned char)plain[i], digit[4];

		/* Most significant weight first, so each digit stays below 64. */
		for (int k = n - 1; k >= 0; k--) {
			digit[k] = rest / w[k];
			rest %= w[k];
		}
		for (int k = 0; k < n; k++) {
			int pos = (s9_index[(unsigned char)prev] + digit[k] + 1) % S9_NALPHA;

			prev = out[o++] = s9_alpha[pos];
		}
	}
	out[o] = '\0';
	return out;
fail:
	free(out);
	return NULL;
}

char *
secret9_encode(const char *plain)
{
	char salt;

	s9_tables();
	if (s9_random_char(&salt) == -1)
		return NULL;
	return secret9_encode_salt(plain, salt, NULL);
}

/*
 * Strict: only strings the encoder can produce are accepted (every digit within
 * its weight's range, bytes 1..255, nothing left over), so that a plain-text
 * secret that merely starts with "$9$" is not mistaken for an encoded one.
 */
char *
secret9_decode(const char *enc)
{
	const char *p;
	char *out;
	size_t len, o = 0;
	int prev;

	s9_tables();
	if (enc == NULL || strncmp(enc, S9_MAGIC, S9_MAGIC_LEN) != 0)
		return NULL;
	p = enc + S9_MAGIC_LEN;
	len = strlen(p);
	for (size_t i = 0; i < len; i++)
		if (s9_index[(unsigned char)p[i]] < 0)
			return NULL;
	if (len < 1 || len < 1 + (size_t)s9_extra[(unsigned char)p[0]])
		return NULL;
	prev = s9_index[(unsigned char)p[0]];
	p += 1 + s9_extra[(unsigned char)p[0]];
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	while (*p != '\0') {
		int n = s9_weights[o % 7].w_n;
		const int *w = s9_weights[o % 7].w_v;
		int byte = 0;

		for (int k = 0; k < n; k++) {
			if (p[k] == '\0')
				goto fail; /* truncated */
			int cur = s9_index[(unsigned char)p[k]];
			int gap = ((cur - prev) % S9_NALPHA + S9_NALPHA) % S9_NALPHA - 1;

			if (gap < 0 || (k + 1 < n && gap >= w[k + 1] / w[k]))
				goto fail;
			byte += gap * w[k];
			prev = cur;
		}
		if (byte == 0 || byte > 255)
			goto fail;
		out[o++] = (char)byte;
		p += n;
	}
	out[o] = '\0';
	return out;
fail:
	free(out);
	return NULL;
}

bool
secret9_is_encoded(const char *s)
{
	char *plain = secret9_decode(s);

	if (plain == NULL)
		return false;
	free(plain);
	return true;
}
