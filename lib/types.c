/*
 * types: check a value typed for a leaf or list key against its schema type, with
 * the Junos message when it is refused.
 *
 * Exact Junos texts used here: "Value N is not within range (A..B)" and the schema's
 * pattern-message. Texts marked "inferred" were not found in a reference and follow
 * Junos wording conventions.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "secret9.h"
#include "xmalloc.h"

/* isdigit() without the locale table lookup (a call in glibc): digits are 0-9 anywhere. */
static inline bool
ty_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Decimal digits of v written backwards, ending just before end; returns the first.
 * snprintf costs more than the whole rest of a check, and `load set` checks
 * hundreds of thousands of numbers and addresses.
 */
static char *
ty_utoa(uint64_t v, char *end)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return end;
}

/* "a.b.c.d" of a (host order), and "/plen" when plen >= 0: malloc'd. */
static char *
ty_format_ipv4(uint32_t a, int plen)
{
	char out[32], *p = out + sizeof(out);

	*--p = '\0';
	if (plen >= 0) {
		p = ty_utoa((uint64_t)plen, p);
		*--p = '/';
	}
	for (int i = 0; i < 4; i++) {
		p = ty_utoa((a >> (8 * i)) & 255, p);
		if (i < 3)
			*--p = '.';
	}
	return xstrdup(p);
}

/* "(1..10, 20..30)" of a type's ranges, or its own bounds when it has none. */
static void
ty_format_ranges(const struct sch_type *t, char *out, size_t outlen)
{
	size_t off = 0;

	off += (size_t)snprintf(out, outlen, "(");
	if (t->st_nranges == 0) {
		if (t->st_unsigned) {
			uint64_t max = t->st_bits == 64 ? UINT64_MAX :
			    (UINT64_C(1) << t->st_bits) - 1;
			snprintf(out + off, outlen - off, "0..%" PRIu64 ")", max);
		} else {
			int64_t max = t->st_bits == 64 ? INT64_MAX :
			    (int64_t)((UINT64_C(1) << (t->st_bits - 1)) - 1);
			snprintf(out + off, outlen - off, "%" PRId64 "..%" PRId64 ")", -max - 1,
			    max);
		}
		return;
	}
	for (size_t i = 0; i < t->st_nranges && off < outlen; i++) {
		/* uint64 ranges saturate at INT64_MAX: show the type's real maximum */
		if (t->st_unsigned && t->st_bits == 64 && t->st_ranges[i].r_max == INT64_MAX)
			off += (size_t)snprintf(out + off, outlen - off, "%s%" PRId64 "..%" PRIu64,
			    i ? ", " : "", t->st_ranges[i].r_min, UINT64_MAX);
		else
			off += (size_t)snprintf(out + off, outlen - off, "%s%" PRId64 "..%" PRId64,
			    i ? ", " : "", t->st_ranges[i].r_min, t->st_ranges[i].r_max);
	}
	if (off < outlen)
		snprintf(out + off, outlen - off, ")");
}

static int
ty_check_int(const struct sch_type *t, const char *v, char **canon, char *msg, size_t msglen)
{
	const char *p = v;
	bool neg = false, in_type = true, in_range;
	uint64_t mag = 0;
	char rbuf[256];

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (!ty_isdigit(*p)) {
		/* inferred: Junos names the type, the value and "Not a number" */
		snprintf(msg, msglen, "number: '%s': Not a number", v);
		return -1;
	}
	for (; ty_isdigit(*p); p++) {
		unsigned d = (unsigned)(*p - '0');
		if (mag > (UINT64_MAX - d) / 10) {
			in_type = false;	/* beyond 64 bits: out of any range */
			mag = UINT64_MAX;
			while (ty_isdigit(p[1]))
				p++;
			continue;
		}
		mag = mag * 10 + d;
	}
	if (*p != '\0') {
		snprintf(msg, msglen, "number: '%s': Not a number", v);	/* inferred */
		return -1;
	}
	if (neg && mag == 0)
		neg = false;	/* "-0" */

	/* The type's own bounds. */
	if (t->st_unsigned) {
		uint64_t max = t->st_bits == 64 ? UINT64_MAX : (UINT64_C(1) << t->st_bits) - 1;
		if (neg || mag > max)
			in_type = false;
	} else {
		uint64_t max = t->st_bits == 64 ? (uint64_t)INT64_MAX :
		    (UINT64_C(1) << (t->st_bits - 1)) - 1;
		if (mag > max + (neg ? 1 : 0))
			in_type = false;
	}
	in_range = in_type;
	if (in_type && t->st_nranges > 0) {
		in_range = false;
		for (size_t i = 0; i < t->st_nranges; i++) {
			const struct sch_range *r = &t->st_ranges[i];
			if (neg) {
				/* mag <= 2^63 here */
				int64_t sv = mag == (UINT64_C(1) << 63) ? INT64_MIN : -(int64_t)mag;
				if (sv >= r->r_min && sv <= r->r_max)
					in_range = true;
			} else if (mag > (uint64_t)INT64_MAX) {
				if (r->r_max == INT64_MAX && t->st_unsigned)
					in_range = true;	/* saturated: no upper bound */
			} else if ((int64_t)mag >= r->r_min && (int64_t)mag <= r->r_max)
				in_range = true;
		}
	}
	if (!in_range) {
		ty_format_ranges(t, rbuf, sizeof(rbuf));
		snprintf(msg, msglen, "Value %s is not within range %s", v, rbuf);
		return -1;
	}
	if (canon != NULL) {
		/* "007" is stored as "7", as Junos does */
		char out[32], *o = out + sizeof(out);
		*--o = '\0';
		o = ty_utoa(mag, o);
		if (neg)
			*--o = '-';
		*canon = xstrdup(o);
	}
	return 0;
}

static int
ty_check_string(const struct sch_type *t, const char *v, char *msg, size_t msglen)
{
	size_t len = strlen(v);

	if (t->st_nranges > 0) {
		bool ok = false;
		for (size_t i = 0; i < t->st_nranges; i++)
			if ((int64_t)len >= t->st_ranges[i].r_min &&
			    (int64_t)len <= t->st_ranges[i].r_max)
				ok = true;
		if (!ok) {
			const struct sch_range *r = &t->st_ranges[t->st_nranges - 1];
			if ((int64_t)len > r->r_max)	/* inferred */
				snprintf(msg, msglen, "Must be a string of %" PRId64
				    " characters or less", r->r_max);
			else				/* inferred */
				snprintf(msg, msglen, "Must be a string of at least %" PRId64
				    " characters", t->st_ranges[0].r_min);
			return -1;
		}
	}
	for (size_t i = 0; i < t->st_npatterns; i++) {
		const struct sch_pattern *p = &t->st_patterns[i];
		bool match = regexec(&p->p_re, v, 0, NULL, 0) == 0;
		if (match == p->p_negate) {
			if (p->p_message != NULL)
				snprintf(msg, msglen, "%s", p->p_message);
			else
				snprintf(msg, msglen, "Must match pattern");	/* inferred */
			return -1;
		}
	}
	return 0;
}

/* Strict dotted quad: four decimal parts 0..255, no leading '+', no blanks. */
static bool
ty_parse_ipv4(const char *s, size_t len, uint32_t *out)
{
	uint32_t a = 0;
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		if (part > 0) {
			if (i >= len || s[i] != '.')
				return false;
			i++;
		}
		while (i < len && ty_isdigit(s[i]) && digits < 4) {
			v = v * 10 + (unsigned)(s[i] - '0');
			digits++;
			i++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		a = (a << 8) | v;
	}
	if (i != len)
		return false;
	*out = a;
	return true;
}

static bool
ty_parse_ipv6(const char *s, size_t len, unsigned char out[16])
{
	char buf[INET6_ADDRSTRLEN + 1];

	if (len >= sizeof(buf) || memchr(s, ':', len) == NULL)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return inet_pton(AF_INET6, buf, out) == 1;
}

/* "/N" → N within 0..max; false on anything else. */
static bool
ty_parse_plen(const char *s, int max, int *out)
{
	int v = 0, digits = 0;

	for (; ty_isdigit(*s) && digits < 4; s++, digits++)
		v = v * 10 + (*s - '0');
	if (digits == 0 || digits > 3 || *s != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

static int
ty_check_prefix(const struct sch_type *t, const char *v, bool v6_ok, char **canon,
    char *msg, size_t msglen)
{
	const char *slash = strchr(v, '/');
	size_t alen = slash ? (size_t)(slash - v) : strlen(v);
	/* The type names are schema.c's: ipv4prefix, ipv4prefix-only, ... */
	const char *variant = strchr(t->st_name, '-');
	bool mandatory = variant != NULL && strcmp(variant, "-mandatory") == 0;
	bool only = variant != NULL && strcmp(variant, "-only") == 0;
	uint32_t a4;
	unsigned char a6[16];
	int plen;

	if (ty_parse_ipv4(v, alen, &a4)) {
		if (slash == NULL) {
			if (mandatory) {
				/* inferred */
				snprintf(msg, msglen, "Invalid prefix length");
				return -1;
			}
			plen = 32;
		} else if (!ty_parse_plen(slash + 1, 32, &plen)) {
			snprintf(msg, msglen, "Invalid prefix length");	/* inferred */
			return -1;
		}
		if (canon != NULL) {
			/* a route prefix (-only) drops host bits: 10.1.1.1/24 is 10.1.1.0/24 */
			if (only)
				a4 &= plen ? ~(uint32_t)0 << (32 - plen) : 0;
			*canon = ty_format_ipv4(a4, plen);
		}
		return 0;
	}
	if (v6_ok && ty_parse_ipv6(v, alen, a6)) {
		if (slash == NULL) {
			if (mandatory) {
				/* inferred */
				snprintf(msg, msglen, "Invalid prefix length");
				return -1;
			}
			plen = 128;
		} else if (!ty_parse_plen(slash + 1, 128, &plen)) {
			snprintf(msg, msglen, "Invalid prefix length");	/* inferred */
			return -1;
		}
		if (canon != NULL) {
			char out[INET6_ADDRSTRLEN + 8], abuf[INET6_ADDRSTRLEN];
			if (only)
				for (int i = 0; i < 16; i++) {
					int keep = plen - 8 * i;
					if (keep <= 0)
						a6[i] = 0;
					else if (keep < 8)
						a6[i] &= (unsigned char)(0xff << (8 - keep));
				}
			inet_ntop(AF_INET6, a6, abuf, sizeof(abuf));
			snprintf(out, sizeof(out), "%s/%d", abuf, plen);
			*canon = xstrdup(out);
		}
		return 0;
	}
	/* inferred */
	snprintf(msg, msglen, v6_ok ? "Invalid IP prefix" : "Invalid IPv4 prefix");
	return -1;
}

static int
ty_check_addr(const char *v, bool v6_ok, char **canon, char *msg, size_t msglen)
{
	uint32_t a4;
	unsigned char a6[16];

	if (ty_parse_ipv4(v, strlen(v), &a4)) {
		if (canon != NULL)
			*canon = xstrdup(v);
		return 0;
	}
	if (v6_ok && ty_parse_ipv6(v, strlen(v), a6)) {
		if (canon != NULL) {
			char abuf[INET6_ADDRSTRLEN];
			inet_ntop(AF_INET6, a6, abuf, sizeof(abuf));
			*canon = xstrdup(abuf);
		}
		return 0;
	}
	/* inferred */
	snprintf(msg, msglen, v6_ok ? "Invalid IP address" : "Invalid IPv4 address");
	return -1;
}

/* Decimal number of at most maxdigits digits at *p; advances *p. */
static bool
ty_number(const char **p, int maxdigits, unsigned long *out)
{
	const char *s = *p;
	unsigned long v = 0;
	int n = 0;

	while (ty_isdigit(*s) && n <= maxdigits) {
		v = v * 10 + (unsigned long)(*s - '0');
		s++;
		n++;
	}
	if (n == 0 || n > maxdigits)
		return false;
	*p = s;
	*out = v;
	return true;
}

/* Interface types named TYPE-FPC/PIC/PORT[:CHANNEL]. */
static const char *const ty_fpp_types[] = {
	"ge", "xe", "et", "fe", "so", "ms", "sp", "lt", "gr", "ip", "vt", "mo", "si",
	"rms", "rlsq", "ls", "lsq", "at", "t1", "e1", "t3", "e3", "cau4", "coc3", "oc3",
	"ce1", "ct1", "ae", "ps", "pd", "pe", "mt", "fc", "gre", "es", "umd", "vsp", "xt",
	"lc", "pfe", "pfh", "ut", NULL
};

/* Interface types named TYPE[N] (lo0, ae3, fxp0, irb). */
static const struct {
	const char	*it_name;
	bool		 it_bare;	/* may be written without a number */
} ty_num_types[] = {
	{ "lo", false }, { "ae", false }, { "fxp", false }, { "em", false }, { "me", false },
	{ "reth", false }, { "st", false }, { "pp", false }, { "ps", false }, { "fab", false },
	{ "swfab", false }, { "vme", false }, { "ppd", false }, { "ppe", false },
	{ "pimd", false }, { "pime", false }, { "mtun", false }, { "ipip", true },
	{ "gre", true }, { "irb", true }, { "vlan", true }, { "dsc", true }, { "tap", true },
	{ "lsi", true }, { "demux", false }, { "esi", true }, { "jsrv", true },
	{ "cbp", false }, { "pip", false }, { "vtep", true }, { "rbeb", true },
};

static int
ty_check_interface(const char *v, char **canon, char *msg, size_t msglen)
{
	const char *p;
	unsigned long n;
	size_t tlen = 0;

	while (islower((unsigned char)v[tlen]))
		tlen++;
	/* TYPE-F/P/P: the type may hold digits ("t1-", "oc3-"), so cut at the dash */
	size_t dash = strcspn(v, "-./:");
	if (v[dash] == '-') {
		bool known = false;
		for (size_t i = 0; ty_fpp_types[i] != NULL && !known; i++)
			if (strncmp(v, ty_fpp_types[i], dash) == 0 &&
			    ty_fpp_types[i][dash] == '\0')
				known = true;
		if (!known)
			goto badtype;
		p = v + dash + 1;
		for (int part = 0; part < 3; part++) {
			if (part > 0) {
				if (*p != '/')
					goto badname;
				p++;
			}
			if (!ty_number(&p, 3, &n))
				goto badname;
		}
		if (*p == ':') {
			p++;
			if (!ty_number(&p, 4, &n))
				goto badname;
		}
	} else {
		bool known = false, bare = false;
		for (size_t i = 0; i < sizeof(ty_num_types) / sizeof(ty_num_types[0]) && !known;
		    i++)
			if (strncmp(v, ty_num_types[i].it_name, tlen) == 0 &&
			    ty_num_types[i].it_name[tlen] == '\0') {
				known = true;
				bare = ty_num_types[i].it_bare;
			}
		if (!known || tlen == 0)
			goto badtype;
		p = v + tlen;
		if (ty_isdigit(*p)) {
			if (!ty_number(&p, 5, &n))
				goto badname;
		} else if (!bare)
			goto badname;
	}
	if (*p == '.') {
		p++;
		/* inferred bound: Junos logical units go up to 1073741823 */
		if (!ty_number(&p, 10, &n) || n > 1073741823UL)
			goto badname;
	}
	if (*p != '\0')
		goto badname;
	if (canon != NULL)
		*canon = xstrdup(v);
	return 0;
badtype:
	snprintf(msg, msglen, "invalid interface type in '%s'", v);	/* inferred */
	return -1;
badname:
	snprintf(msg, msglen, "invalid interface name '%s'", v);	/* inferred */
	return -1;
}

static int
ty_check(const struct sch_type *t, const char *v, char **canon, char *msg, size_t msglen)
{
	switch (t->st_base) {
	case ST_NONE:
	case ST_EMPTY:
		snprintf(msg, msglen, "syntax error.");
		return -1;
	case ST_STRING:
		if (ty_check_string(t, v, msg, msglen) == -1)
			return -1;
		break;
	case ST_INT:
		return ty_check_int(t, v, canon, msg, msglen);
	case ST_ENUM:
		for (size_t i = 0; i < t->st_nenums; i++)
			if (strcmp(t->st_enums[i].e_name, v) == 0)
				goto ok;
		snprintf(msg, msglen, "syntax error.");
		return -1;
	case ST_IPV4ADDR:
		return ty_check_addr(v, false, canon, msg, msglen);
	case ST_IPADDR:
		return ty_check_addr(v, true, canon, msg, msglen);
	case ST_IPV4PREFIX:
		return ty_check_prefix(t, v, false, canon, msg, msglen);
	case ST_IPPREFIX:
		return ty_check_prefix(t, v, true, canon, msg, msglen);
	case ST_INTERFACE:
		return ty_check_interface(v, canon, msg, msglen);
	case ST_UNION: {
		/* The first member that accepts wins. Refused by all: the message of the
		 * first non-string member says most ("Value 10 is not within range"). */
		char first[512] = "", best[512] = "";
		for (size_t i = 0; i < t->st_nmembers; i++) {
			char m[512];
			if (ty_check(&t->st_members[i], v, canon, m, sizeof(m)) == 0)
				return 0;
			if (i == 0)
				snprintf(first, sizeof(first), "%s", m);
			if (best[0] == '\0' && t->st_members[i].st_base != ST_STRING)
				snprintf(best, sizeof(best), "%s", m);
		}
		snprintf(msg, msglen, "%s", best[0] ? best : first);
		return -1;
	}
	}
ok:
	if (canon != NULL)
		*canon = xstrdup(v);
	return 0;
}

int
sch_check_value(const struct sch_node *n, const char *value, char **canon, char *msg,
    size_t msglen)
{
	if (canon != NULL)
		*canon = NULL;
	if (msglen)
		msg[0] = '\0';
	if (n->sn_kind != SCH_LEAF && n->sn_kind != SCH_LEAFLIST) {
		snprintf(msg, msglen, "syntax error.");
		return -1;
	}
	if (n->sn_type.st_base == ST_EMPTY) {
		if (value == NULL)
			return 0;
		snprintf(msg, msglen, "syntax error.");
		return -1;
	}
	if (value == NULL) {
		snprintf(msg, msglen, "missing argument.");
		return -1;
	}
	/*
	 * A secret is stored $9$-encoded, about three times longer than what was typed:
	 * its length and patterns apply to the clear text, so that what `set` accepted
	 * also loads back from juniper.conf.
	 */
	if ((n->sn_flags & SCH_F_SECRET) && secret9_is_encoded(value)) {
		char *plain = secret9_decode(value);
		int rc = -1;

		if (plain != NULL) {
			rc = ty_check(&n->sn_type, plain, NULL, msg, msglen) == 0 ? 0 : -1;
			explicit_bzero(plain, strlen(plain));
			free(plain);
		}
		if (rc == 0 && canon != NULL && (*canon = strdup(value)) == NULL)
			rc = -1;	/* the encoded form is kept as given */
		return rc;
	}
	return ty_check(&n->sn_type, value, canon, msg, msglen) == 0 ? 0 : -1;
}
