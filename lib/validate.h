/*
 * validate: the commit-time checks of a candidate, on its effective configuration
 * (groups expanded, inactive statements dropped): mandatory statements, max-elements,
 * and every `must` constraint of the schema. Errors are appended to errs in the Junos
 * form, one block each, in display order of the configuration:
 *
 *   [edit security group-vpn member ipsec vpn v1]
 *     'ike-gateway gw1'
 *       Referenced IKE gateway must be defined under [edit security group-vpn member ike gateway]
 *
 * i.e. the path of the parent, the statement as typed (name and value, name and key,
 * or the name alone), the message. The caller ends with validate_failure_line().
 * Missing mandatory statements read
 *   [edit]
 *     'system'
 *       Missing mandatory statement: 'root-authentication'
 * Too many entries (format inferred: no reference shows it)
 *   [edit security group-vpn server ike gateway g1]
 *     'server-address'
 *       Number of elements exceeds limit of 4
 */
#ifndef ROUTEMU_VALIDATE_H
#define ROUTEMU_VALIDATE_H

#include "buf.h"
#include "conf.h"
#include "schema.h"

struct validate_result {
	int		 vr_errors;		/* all blocks written */
	int		 vr_must;		/* of which: must constraints */
	int		 vr_mandatory;		/* missing mandatory statements */
	int		 vr_max_elements;	/* too many entries */
};

/* Returns the number of errors (0: the configuration may be committed). */
int	 conf_validate(const struct conf_node *effective, struct buf *errs);
/* The same, telling the kinds apart (res may be NULL). */
int	 conf_validate_result(const struct conf_node *effective, struct buf *errs,
	    struct validate_result *res);
/*
 * The last line of a failed check: "error: configuration check-out failed", with
 * ": (missing mandatory statements)" when those were the only errors (junos-cli.md §1.6).
 */
const char *validate_failure_line(const struct validate_result *);

/*
 * Compile every must of the schema (at load). Returns -1 with err naming the
 * statement, the expression and the syntax error of the first bad one.
 */
int	 validate_compile_schema(struct schema *, char *err, size_t errlen);
/* Free what validate_compile_schema stored in sch_must.m_compiled (before schema_free). */
void	 validate_release_schema(struct schema *);

#endif
