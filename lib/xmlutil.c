/* xmlutil: shared pieces of the loaders of routemu's XML files (see xmlutil.h). */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#include "xmalloc.h"
#include "xmlutil.h"

void
xml_error(struct xml_loader *l, xmlNodePtr x, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->xl_failed)
		return;
	l->xl_failed = true;
	if (l->xl_file != NULL && x != NULL)
		n = snprintf(l->xl_err, l->xl_errlen, "%s:%ld: ", l->xl_file,
		    (long)xmlGetLineNo(x));
	else if (l->xl_file != NULL)
		n = snprintf(l->xl_err, l->xl_errlen, "%s: ", l->xl_file);
	else if (x != NULL)
		n = snprintf(l->xl_err, l->xl_errlen, "%ld: ", (long)xmlGetLineNo(x));
	else
		n = snprintf(l->xl_err, l->xl_errlen, "%s", "");
	if (n < 0 || (size_t)n >= l->xl_errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(l->xl_err + n, l->xl_errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

bool
xml_is(xmlNodePtr x, const char *name)
{
	return x != NULL && x->type == XML_ELEMENT_NODE && x->name != NULL &&
	    strcmp((const char *)x->name, name) == 0;
}

char *
xml_attr(xmlNodePtr x, const char *name)
{
	xmlChar *v = xmlGetProp(x, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

int
xml_check_attrs(struct xml_loader *l, xmlNodePtr x, const char *const *allowed)
{
	for (xmlAttrPtr a = x->properties; a != NULL; a = a->next) {
		bool ok = false;

		if (a->ns != NULL && (l->xl_flags & XL_F_SCHEMA))
			continue;
		for (size_t i = 0; allowed[i] != NULL && !ok; i++)
			ok = strcmp((const char *)a->name, allowed[i]) == 0;
		if (ok)
			continue;
		if (l->xl_flags & XL_F_SCHEMA)
			xml_error(l, x, "<%s>: unknown attribute '%s'", (const char *)x->name,
			    (const char *)a->name);
		else
			xml_error(l, x, "unknown attribute %s= on <%s>", (const char *)a->name,
			    (const char *)x->name);
		return -1;
	}
	return 0;
}

int
xml_attr_bool(struct xml_loader *l, xmlNodePtr x, const char *name, bool *out)
{
	char *v = xml_attr(x, name);
	int rc = 0;

	*out = false;
	if (v == NULL)
		return 0;
	if (strcmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "false") != 0) {
		if (l->xl_flags & XL_F_SCHEMA)
			xml_error(l, x, "attribute %s=\"%s\": must be \"true\" or \"false\"",
			    name, v);
		else
			xml_error(l, x, "%s=\"%s\": true or false", name, v);
		rc = -1;
	}
	free(v);
	return rc;
}

struct xml_first_error {
	int	 fe_line;
	char	*fe_msg;
	size_t	 fe_msglen;
};

#if LIBXML_VERSION >= 21200
#define XML_ERROR_ARG	const xmlError *
#else
#define XML_ERROR_ARG	xmlErrorPtr
#endif

static void
xml_keep_first(void *arg, XML_ERROR_ARG e)
{
	struct xml_first_error *fe = arg;
	size_t n;

	if (fe->fe_msg[0] != '\0' || e == NULL || e->message == NULL)
		return;
	fe->fe_line = e->line;
	snprintf(fe->fe_msg, fe->fe_msglen, "%s", e->message);
	n = strlen(fe->fe_msg);
	while (n > 0 && fe->fe_msg[n - 1] == '\n')	/* libxml2 messages end with one */
		fe->fe_msg[--n] = '\0';
}

xmlDocPtr
xml_read_file(const char *path, int options, int *line, char *msg, size_t msglen)
{
	struct xml_first_error fe = { 0, msg, msglen };
	xmlDocPtr doc;

	/* The first message: the later ones mostly follow from it. */
	msg[0] = '\0';
	xmlSetStructuredErrorFunc(&fe, xml_keep_first);
	doc = xmlReadFile(path, NULL, options | XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	*line = fe.fe_line;
	return doc;
}

static int
xml_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
xml_dir_files(const char *dir, char ***names, size_t *n)
{
	DIR *d;
	struct dirent *de;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0 || de->d_name[0] == '.')
			continue;
		*names = xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), xml_name_cmp);
	return 0;
}
