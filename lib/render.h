/*
 * render: turns the XML reply of an operational RPC into the Junos text the CLI
 * prints, with the template that the schema/op XML files give for the command and output
 * level (the language is described in schema/op/README.md, "Templates"). Nothing in
 * here knows a command: adding one is editing XML.
 *
 * Also the other views of a reply that `|` offers on operational commands:
 * `| display xml` (the reply in an <rpc-reply>), `| display xml rpc` (the request
 * instead of running it) and `| display json` (Junos's JSON form).
 *
 * Templates are compiled once, when opschema.c loads the command files; a compiled
 * template is immutable and may be shared by several threads of rendering.
 */
#ifndef ROUTEMU_RENDER_H
#define ROUTEMU_RENDER_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"

struct opsch_cmd;
struct render_tmpl;

/*
 * Compile the items of a <format> element. NULL with a message in err (the caller
 * prefixes it with the file name): "12: unknown template element <lines>".
 */
struct render_tmpl *render_compile(xmlNodePtr format, char *err, size_t errlen);
void		 render_tmpl_free(struct render_tmpl *);

/*
 * Render ctx (the reply element the template is written for) with tmpl, appending
 * to out. Never fails: absent elements print as empty fields or skip their lines.
 */
void		 render_tmpl_text(const struct render_tmpl *, xmlNodePtr ctx, struct buf *out);

/*
 * The text of a command's reply at an output level (NULL: the command's default
 * level). reply is the <rpc-reply> received, or one of its children. Inside it:
 * the element the command declares (reply=) is rendered with the level's template;
 * <multi-routing-engine-results> prints each item under its "re0:" header and a
 * line of 74 dashes, as Junos does; an <output> element (a daemon's preformatted
 * text, the `clear` commands) is copied as is. <rpc-error> and <cli> are left to the
 * caller. Returns 0, or -1 when reply holds nothing of the above (out unchanged).
 */
int		 render_reply(const struct opsch_cmd *, const char *level, xmlNodePtr reply,
		    struct buf *out);

/*
 * `| display xml`: the reply's data elements (rpc-error, ok and cli excluded) inside
 * <rpc-reply xmlns:junos="NC_NS_JUNOS">, indented by 4 as Junos prints it, then
 * `<cli><banner>BANNER</banner></cli>` (banner: "" in operational mode, "[edit]" in
 * configuration mode).
 */
void		 render_display_xml(xmlNodePtr reply, const char *banner, struct buf *out);

/* `| display xml rpc`: the request element rpc inside <rpc-reply><rpc>, same layout. */
void		 render_display_rpc(xmlNodePtr rpc, const char *banner, struct buf *out);

/*
 * `| display json`: the data elements of reply in Junos's JSON form: every element
 * is an array of objects, text in "data", attributes in "attributes", an empty
 * element is [null]; same-named siblings share one array.
 */
void		 render_display_json(xmlNodePtr reply, struct buf *out);

#endif
