/*
 * secret9: the Junos "$9$" reversible secret encoding (obfuscation, not crypto).
 * Secrets typed in plain text (pre-shared-key ascii-text, authentication-key ...)
 * are stored and shown in this form.
 */
#ifndef ROUTEMU_SECRET9_H
#define ROUTEMU_SECRET9_H

#include <stdbool.h>

/* malloc'd "$9$..." of plain with a random salt (OpenSSL RAND_bytes); NULL on error. */
char	*secret9_encode(const char *plain);
/*
 * Same with a given salt character and filler characters (known-answer tests): salt
 * must be in the $9$ alphabet; fill, when not NULL, holds at least the number of
 * filler characters the salt calls for (all in the alphabet). NULL if not.
 */
char	*secret9_encode_salt(const char *plain, char salt, const char *fill);
/* malloc'd plain text, or NULL when enc is not a valid $9$ string. */
char	*secret9_decode(const char *enc);
/* True when s is a well-formed $9$ string (decodes). */
bool	 secret9_is_encoded(const char *s);

#endif
