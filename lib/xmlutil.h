/*
 * xmlutil: what the loaders of routemu's own XML files share: the configuration
 * schema (schema.c), the operational commands (opschema.c) and their output
 * templates (render.c). A loader keeps the first error with its file and line
 * (a bad file is a bug to be found at once, and later errors mostly follow from
 * the first), reads attributes through malloc'd copies and refuses attributes it
 * does not know.
 */
#ifndef ROUTEMU_XMLUTIL_H
#define ROUTEMU_XMLUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

struct xml_loader {
	const char	*xl_file;	/* messages start "FILE:LINE: ", NULL: "LINE: " */
	char		*xl_err;
	size_t		 xl_errlen;
	bool		 xl_failed;	/* xl_err holds the first error; later ones dropped */
	unsigned	 xl_flags;	/* XL_F_* */
};

/*
 * The configuration schema's dialect: attributes in a foreign namespace are
 * documentation (left unchecked), and attribute errors keep that loader's
 * wording ("<leaf>: unknown attribute 'x'" rather than "unknown attribute x= on
 * <leaf>"), which its users and tests know.
 */
#define XL_F_SCHEMA	0x01

/*
 * Record an error at element x ("FILE:LINE: message"; without a line when x is
 * NULL), unless one is recorded already.
 */
void		 xml_error(struct xml_loader *, xmlNodePtr x, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* x is an element of this name. */
bool		 xml_is(xmlNodePtr x, const char *name);
/* Attribute name of x, malloc'd, or NULL when absent. */
char		*xml_attr(xmlNodePtr x, const char *name);
/* -1 and an error when x has an attribute not in allowed (NULL-terminated). */
int		 xml_check_attrs(struct xml_loader *, xmlNodePtr x, const char *const *allowed);
/* A flag attribute: absent or "false" is false, "true" true, anything else -1. */
int		 xml_attr_bool(struct xml_loader *, xmlNodePtr x, const char *name, bool *out);
/*
 * Parse the file at path (no network; options: more XML_PARSE_* flags) without
 * libxml2 printing anything. NULL on failure, with libxml2's first message
 * (without its newline; "" when it gave none) and its line in msg (msglen > 0)
 * and *line.
 */
xmlDocPtr	 xml_read_file(const char *path, int options, int *line, char *msg,
		    size_t msglen);
/*
 * The *.xml files of dir (not hidden ones), sorted by name: 0 and *names (each
 * and the array malloc'd), or -1 with errno when dir cannot be read.
 */
int		 xml_dir_files(const char *dir, char ***names, size_t *n);

#endif
