/*
 * netconf: NETCONF base:1.0 (RFC 6241/6242 end-of-message framing "]]>]]>") over
 * stream sockets, and the XML helpers every Junos RPC speaker needs.
 *
 * Server side (mgd, daemons): nc_conn wraps a libevent bufferevent; each complete
 * message is handed to msg_cb without its delimiter, NUL-terminated. The peer's EOF,
 * a read error or a message over the size limit end the connection: close_cb is
 * called once, then the owner calls nc_conn_free (it may do so inside a callback).
 *
 * Leading white space before a message is skipped (clients often send a newline
 * after the delimiter); an empty message is not delivered. A server using nc_conn
 * must ignore SIGPIPE (libevent writes with writev).
 *
 * Client side (cli, tests, daemons connecting to mgd): blocking calls on a plain fd.
 *
 * Replies follow Junos: <rpc-reply> with the junos namespace and the request's
 * message-id echoed (ncclient requires it), errors as <rpc-error> (shape in
 * nc_error below).
 */
#ifndef ROUTEMU_NETCONF_H
#define ROUTEMU_NETCONF_H

#include <stdbool.h>
#include <stddef.h>

#include <event2/event.h>
#include <libxml/tree.h>

#include "buf.h"

#define NC_DELIM		"]]>]]>"
#define NC_DELIM_LEN		6
#define NC_MAX_MSG		(256u * 1024 * 1024)	/* bytes, delimiter excluded */
#define NC_MAX_DEPTH		256	/* element nesting accepted by nc_parse */
#define NC_NS_BASE		"urn:ietf:params:xml:ns:netconf:base:1.0"
#define NC_NS_JUNOS		"http://xml.juniper.net/junos/24.4R1/junos"
#define NC_NS_XNM		"http://xml.juniper.net/xnm/1.1/xnm"

/* ---- server side: framed messages on a bufferevent ---- */

struct nc_conn;

/* msg is NUL-terminated (msg[len] == '\0'), valid only during the call. */
typedef void	(*nc_msg_cb)(struct nc_conn *, const char *msg, size_t len, void *arg);
/* Called once when the connection ends (EOF, error, oversize, nc_conn_shutdown done). */
typedef void	(*nc_close_cb)(struct nc_conn *, void *arg);

/* Takes ownership of fd (closed by nc_conn_free). NULL on error. */
struct nc_conn	*nc_conn_new(struct event_base *, int fd, nc_msg_cb, nc_close_cb,
		    void *arg);
/* Queue xml followed by the delimiter. 0, or -1 when the connection is closing. */
int		 nc_conn_send(struct nc_conn *, const char *xml, size_t len);
/* Convenience: send a whole struct buf. */
int		 nc_conn_send_buf(struct nc_conn *, const struct buf *);
/* Stop reading; close (and call close_cb) once queued output has been written. */
void		 nc_conn_shutdown(struct nc_conn *);
/* Free now; safe inside msg_cb/close_cb (then deferred to the callback's return). */
void		 nc_conn_free(struct nc_conn *);
/* Limit for one incoming message (default NC_MAX_MSG); for tests. */
void		 nc_conn_set_max(struct nc_conn *, size_t max);
int		 nc_conn_fd(const struct nc_conn *);
void		*nc_conn_arg(const struct nc_conn *);
/* Why the connection ended: 0 EOF/shutdown, else an errno (EMSGSIZE for oversize). */
int		 nc_conn_error(const struct nc_conn *);

/*
 * The framing scanner itself, independent of any I/O (also used by the client and
 * the fuzz targets). Feed bytes; each complete message is passed to cb. Returns 0,
 * or -1 when a message grows beyond max (the framer is then unusable). With len 0,
 * only delivers messages already buffered (after a stop).
 */
struct nc_framer {
	struct buf	 nf_buf;	/* bytes of the message being assembled */
	size_t		 nf_scan;	/* nf_buf offset already searched for the delimiter */
	size_t		 nf_max;
	int		 nf_failed;	/* a message went over nf_max */
};
/* msg NUL-terminated, valid during the call. Return 0 to go on, non-zero to stop
 * (the remaining bytes stay buffered for the next feed). */
typedef int	(*nc_frame_cb)(const char *msg, size_t len, void *arg);
void		 nc_framer_init(struct nc_framer *, size_t max);
int		 nc_framer_feed(struct nc_framer *, const char *data, size_t len,
		    nc_frame_cb, void *arg);
void		 nc_framer_free(struct nc_framer *);

/* ---- client side: blocking ---- */

/* Connect to a Unix stream socket. fd, or -1 with errno. */
int		 nc_client_open(const char *sockpath);
/* Write xml and the delimiter completely. 0 / -1. */
int		 nc_client_send(int fd, const char *xml);
/*
 * One message without the delimiter, malloc'd and NUL-terminated (*lenp may be
 * NULL). NULL on EOF, error, or when no byte arrives for timeout_ms (-1: wait
 * forever). Bytes after the delimiter are kept for the next call on the same fd.
 */
char		*nc_client_recv(int fd, int timeout_ms);
char		*nc_client_recv_len(int fd, int timeout_ms, size_t *lenp);
/* Read the server's hello, send ours. *session_id from the hello (may be NULL). 0/-1. */
int		 nc_client_hello(int fd, int timeout_ms, unsigned *session_id);
/* Close fd and drop the bytes buffered for it. */
void		 nc_client_close(int fd);

/* ---- XML ---- */

/*
 * Parse one message with libxml2 (no network, no entity expansion; a document
 * type declaration, or nesting deeper than NC_MAX_DEPTH, is refused). NULL when
 * not well-formed. Free with xmlFreeDoc.
 */
xmlDocPtr	 nc_parse(const char *msg, size_t len);
/* The <rpc> root of doc, or NULL when the root is something else. */
xmlNodePtr	 nc_rpc_node(xmlDocPtr doc);
/* The first element inside <rpc> (the operation), or NULL. */
xmlNodePtr	 nc_rpc_op(xmlDocPtr doc);
/* The root's message-id attribute, malloc'd (free()), or NULL. */
char		*nc_message_id(xmlDocPtr doc);
/* First element child of n with this local name (any namespace), or NULL. */
xmlNodePtr	 nc_xml_child(xmlNodePtr n, const char *name);
/* Next element sibling after n, or NULL. */
xmlNodePtr	 nc_xml_next(xmlNodePtr n);
/* The first element child of n, or NULL. */
xmlNodePtr	 nc_xml_first(xmlNodePtr n);
/* Text content of n, malloc'd (free()); "" for none, never NULL except on ENOMEM. */
char		*nc_xml_text(xmlNodePtr n);
/* Local-name comparison. */
bool		 nc_xml_is(xmlNodePtr n, const char *name);

/* Append s with & < > " ' escaped (for element text and attribute values). */
void		 xml_escape(struct buf *, const char *s);
void		 xml_escape_len(struct buf *, const char *s, size_t len);
/* For attribute values: also tab, newline and carriage return as character
 * references, which attribute-value normalisation would otherwise turn into spaces. */
void		 xml_escape_attr(struct buf *, const char *s);

/*
 * <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"
 *  xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos" message-id="..."> and a
 * newline; message-id omitted when NULL.
 */
void		 nc_reply_begin(struct buf *, const char *message_id);
void		 nc_reply_end(struct buf *);		/* "</rpc-reply>\n" */
/* A whole <rpc-reply ...><ok/></rpc-reply>. */
void		 nc_reply_ok(struct buf *, const char *message_id);
/*
 * Junos <rpc-error>:
 *   <rpc-error>
 *   <error-type>protocol</error-type>
 *   <error-tag>operation-failed</error-tag>
 *   <error-severity>error|warning</error-severity>
 *   [<error-path>[edit ...]</error-path>]
 *   [<error-info>
 *   <bad-element>x</bad-element>
 *   </error-info>]
 *   <error-message>text</error-message>
 *   </rpc-error>
 */
void		 nc_error(struct buf *, const char *severity, const char *path,
		    const char *bad_element, const char *message);
/* Same with another error-type/error-tag (e.g. "rpc", "operation-not-supported"). */
void		 nc_error_ex(struct buf *, const char *type, const char *tag,
		    const char *severity, const char *path, const char *bad_element,
		    const char *message);
/* The server hello with the Junos capability list and session-id (no delimiter). */
void		 nc_hello_server(struct buf *, unsigned session_id);
/* A client hello advertising base:1.0 only (keeps ]]>]]> framing). */
void		 nc_hello_client(struct buf *);
/* From a parsed hello: its session-id (0 if absent). -1 if doc is not a hello. */
int		 nc_hello_parse(xmlDocPtr doc, unsigned *session_id);

#endif
