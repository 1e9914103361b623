/*
 * mgd: the configuration daemon of one routemu instance.
 *
 * One process, one libevent loop. It owns the configuration databases (committed
 * tree, shared candidate, private candidates), the lock of `configure exclusive`,
 * the commit pipeline (validation, daemon check/apply, atomic write, rollback
 * history, confirmed-commit timer) and serves NETCONF clients (cli, automation,
 * daemons) on var/run/mgd.sock. See mgd/README.md for the RPC contract.
 */
#ifndef ROUTEMU_MGD_H
#define ROUTEMU_MGD_H

#include <sys/queue.h>
#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <event2/event.h>
#include <libxml/tree.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "netconf.h"
#include "schema.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION		"0.1.0"
#endif

#define MGD_NHIST		(1 + 49)	/* rollback 0 (active) .. 49 */
#define MGD_DAEMON_TIMEOUT	5.0		/* real seconds for a daemon's check answer */
#define MGD_USER_MAX		64

struct session;
struct daemon;
struct commit_job;

/* Metadata of one committed configuration (rollback N), kept in its file header. */
struct commit_info {
	bool		 ci_present;	/* the file exists */
	unsigned long	 ci_seq;	/* commit number, grows by one per commit (0: unknown) */
	time_t		 ci_seconds;	/* wall clock of the commit */
	char		 ci_user[MGD_USER_MAX];
	char		 ci_client[16];	/* cli, netconf, other */
	char		*ci_comment;	/* system comment: "commit confirmed, rollback in 2mins" */
	char		*ci_log;	/* the user's `commit comment` */
	long long	 ci_bytes;	/* body length declared by the header, -1 when absent */
};

enum sess_mode {
	SM_NONE,		/* operational mode */
	SM_SHARED,		/* configure */
	SM_EXCLUSIVE,		/* configure exclusive: holds the lock */
	SM_PRIVATE,		/* configure private / open-configuration private */
};

/* A received message waiting for its turn (a commit or an earlier request runs). */
struct pending_msg {
	TAILQ_ENTRY(pending_msg) pm_entry;
	xmlDocPtr	 pm_doc;	/* NULL: the message was not well-formed XML */
};

struct session {
	TAILQ_ENTRY(session) s_entry;
	struct nc_conn	*s_conn;
	unsigned	 s_id;
	uid_t		 s_uid;
	pid_t		 s_pid;		/* peer process (SO_PEERCRED) */
	char		 s_user[MGD_USER_MAX];
	char		 s_tty[32];	/* "pts/3" from the cli's hello, "" unknown */
	char		 s_client[16];	/* "cli" or "netconf" */
	time_t		 s_since;
	time_t		 s_last;	/* last request, for `idle` */
	bool		 s_hello;	/* the client's hello arrived */
	enum sess_mode	 s_mode;
	bool		 s_netconf_lock;	/* holds the lock through <lock-configuration/> */
	char		*s_level;	/* edit level words, for `status` */
	struct conf_node *s_private;	/* private candidate */
	struct conf_node *s_private_base; /* committed configuration it was copied from */
	struct daemon	*s_daemon;	/* registered daemon, or NULL */
	TAILQ_HEAD(, pending_msg) s_queue;
	bool		 s_busy;	/* an asynchronous request is outstanding */
	bool		 s_closed;	/* connection gone, freed once not busy */
};
TAILQ_HEAD(session_list, session);

/* The global state: one instance per process. */
struct mgd {
	char		*m_dir;		/* instance directory */
	struct schema	*m_schema;
	struct opschema	*m_opschema;	/* operational commands (schema/op) */
	time_t		 m_started;	/* for show system uptime */
	struct event_base *m_base;
	int		 m_listen_fd;
	struct event	*m_listen_ev;
	struct event	*m_drain_ev;	/* runs queued requests once the daemon is idle */
	struct session_list m_sessions;
	unsigned	 m_next_session;
	double		 m_daemon_timeout;

	/* committed configuration and history (history.c) */
	struct conf_node *m_committed;	/* as written: groups, inactive statements */
	struct conf_node *m_effective;	/* groups expanded: what daemons were given */
	struct commit_info m_hist[MGD_NHIST];

	/* shared candidate (db.c) */
	struct conf_node *m_candidate;
	bool		 m_cand_dirty;	/* changed since it last equalled m_committed */
	time_t		 m_cand_changed;
	struct session	*m_lock;	/* holder of the exclusive lock */

	/* candidate journal (journal.c) */
	int		 m_journal_fd;
	size_t		 m_journal_size;
	size_t		 m_journal_snap;	/* size of the last full snapshot */
	size_t		 m_journal_nrec;	/* load records in it */
	struct event	*m_journal_ev;	/* deferred compaction */

	/* confirmed commit (commit.c) */
	bool		 m_confirm_pending;
	unsigned long	 m_confirm_seq;
	time_t		 m_confirm_deadline;	/* wall clock, for restarts */
	double		 m_confirm_at;		/* the same on the instance clock */
	struct event	*m_confirm_ev;

	struct commit_job *m_job;	/* commit waiting for daemons, or NULL */
	TAILQ_HEAD(, daemon) m_daemons;
	unsigned long	 m_next_rpc;	/* message-id of mgd's own requests */
};

extern struct mgd *mgd;

/* One request being answered. The handler fills r_body (inside <rpc-reply>). */
struct rpc_req {
	struct session	*r_session;
	xmlDocPtr	 r_doc;
	xmlNodePtr	 r_op;		/* the operation element inside <rpc> */
	char		*r_msgid;	/* malloc'd or NULL */
	struct buf	 r_body;
};

enum rpc_status {
	RPC_DONE,		/* reply with r_body now */
	RPC_ASYNC,		/* the handler took the request over and replies later */
	RPC_CLOSE,		/* reply, then end the session */
	RPC_SENT,		/* the handler already replied */
};

/* main.c */
const char	*mgd_version(void);

/* session.c */
int		 session_listen(const char *path);
int		 session_start(void);
void		 session_close_all(void);
void		 session_reply(struct session *, const char *msgid, const char *body);
void		 session_done(struct session *);	/* an async request ended */
void		 session_schedule_drain(void);
const char	*session_who(const struct session *, struct buf *);
void		 session_users_list(struct buf *, const struct session *except,
		    bool as_output);
struct session	*session_find_id(unsigned);
void		 rpc_error(struct rpc_req *, const char *severity, const char *path,
		    const char *bad, const char *msg);
void		 rpc_output(struct rpc_req *, const char *text);
void		 rpc_ok(struct rpc_req *);

/* rpc_config.c */
enum rpc_status	 rpc_get_configuration(struct rpc_req *);
enum rpc_status	 rpc_load_configuration(struct rpc_req *);
enum rpc_status	 rpc_get_rollback_information(struct rpc_req *);
enum rpc_status	 rpc_get_commit_information(struct rpc_req *);
int		 config_load_apply(struct conf_node **treep, const char *action,
		    const char *format, const char *level, const char *payload,
		    xmlNodePtr xml, struct buf *body, int *nerr, int *nwarn);
int		 config_errors_to_rpc(struct buf *body, const char *errs);
int		 config_apply_errors(struct rpc_req *, const char *errs, const char *fallback);
struct conf_node *config_filter(const struct conf_node *root, xmlNodePtr filter);
struct conf_node *config_subtrees(const struct conf_node *root, char **paths,
		    size_t npaths);
void		 config_format_time(time_t, char *, size_t);
int		 config_rollback_text(struct rpc_req *, long num, long cmp, struct buf *);
void		 config_header(struct buf *, const struct commit_info *);
void		 config_print(struct buf *, const struct conf_node *at, const char *format,
		    const struct commit_info *ci, bool candidate);

/* rpc_mode.c */
enum rpc_status	 rpc_lock_configuration(struct rpc_req *);
enum rpc_status	 rpc_unlock_configuration(struct rpc_req *);
enum rpc_status	 rpc_open_configuration(struct rpc_req *);
enum rpc_status	 rpc_close_configuration(struct rpc_req *);
enum rpc_status	 rpc_routemu_configure(struct rpc_req *);
enum rpc_status	 rpc_routemu_configure_exit(struct rpc_req *);
enum rpc_status	 rpc_routemu_configure_status(struct rpc_req *);
enum rpc_status	 rpc_routemu_configure_update(struct rpc_req *);
enum rpc_status	 rpc_routemu_set_edit_level(struct rpc_req *);
void		 mode_session_closed(struct session *);
void		 mode_locked_message(struct buf *, const struct session *holder);

/* command.c */
enum rpc_status	 rpc_command(struct rpc_req *);
enum rpc_status	 rpc_get_software_information(struct rpc_req *);
enum rpc_status	 rpc_get_system_uptime_information(struct rpc_req *);
enum rpc_status	 rpc_get_system_process_information(struct rpc_req *);

/* db.c */
int		 db_init(void);
void		 db_free(void);
struct conf_node *db_target(struct session *);
bool		 db_candidate_modified(void);
void		 db_candidate_changed(void);
void		 db_candidate_reset(void);
void		 db_candidate_rebase(const struct conf_node *old_committed);
bool		 db_locked_by_other(const struct session *);
struct conf_node *db_merge3(const struct conf_node *base, const struct conf_node *mine,
		    const struct conf_node *theirs, bool prefer_mine, struct buf *conflicts);
void		 db_private_open(struct session *);
void		 db_private_close(struct session *);
int		 db_private_update(struct session *, struct buf *conflicts);

/* journal.c */
int		 journal_open_replay(void);
void		 journal_append_load(const char *action, const char *format,
		    const char *level, const char *payload);
void		 journal_append_lock(void);
void		 journal_reset(void);
void		 journal_snapshot(void);
void		 journal_close(void);

/* history.c */
int		 history_load(void);
int		 history_recover(void);
int		 history_write(const struct conf_node *tree, struct commit_info *ci,
		    struct buf *errs);
struct conf_node *history_read_tree(int n, struct buf *errs);
int		 history_read_header(const char *path, struct commit_info *ci,
		    size_t *body_off);
void		 commit_info_clear(struct commit_info *);
void		 commit_info_copy(struct commit_info *, const struct commit_info *);
int		 history_check_files(const char *dir);

/* commit.c */
enum rpc_status	 rpc_commit_configuration(struct rpc_req *);
void		 commit_restore_confirmed(void);
void		 commit_daemon_reply(struct daemon *, unsigned long id, xmlDocPtr doc);
void		 commit_daemon_gone(struct daemon *);
void		 commit_free_all(void);

/* daemons.c */
struct daemon {
	TAILQ_ENTRY(daemon) d_entry;
	struct session	*d_session;
	char		*d_name;
	char		**d_subtrees;	/* "security group-vpn" ... */
	size_t		 d_nsubtrees;
	char		**d_rpcs;	/* operational RPCs it serves */
	size_t		 d_nrpcs;
	unsigned long	 d_wait_id;	/* check request outstanding, 0 none */
	struct forward	*d_forwards;	/* operational requests outstanding */
};
enum rpc_status	 rpc_routemu_register_daemon(struct rpc_req *);
enum rpc_status	 daemon_forward_rpc(struct rpc_req *, struct daemon *);
struct daemon	*daemon_for_rpc(const char *name);
void		 daemon_reply(struct daemon *, xmlDocPtr doc);
void		 daemon_gone(struct daemon *);
bool		 daemon_subtrees_changed(const struct daemon *,
		    const struct conf_node *old_eff, const struct conf_node *new_eff);
unsigned long	 daemon_send_config(struct daemon *, const char *verb,
		    const struct conf_node *effective);

#endif
