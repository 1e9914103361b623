/*
 * rpc_mode: who edits what. Configuration mode of cli sessions (`configure`,
 * `configure exclusive`, `configure private`, exit, `status`, `update`), the
 * NETCONF lock and private copy (lock-configuration, open-configuration), and what
 * happens to them when a session ends (junos-cli.md 1.2, 1.3).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "mgd.h"

#define MSG_DISCARD_WARNING	"uncommitted changes will be discarded on exit"

/*
 * The Junos XML protocol guide gives the text on one line: "configuration
 * database locked by: user terminal (pid PID) on since YYYY-MM-DD hh:mm:ss TZ,
 * idle hh:mm:ss exclusive [edit]". The CLI prints it on three lines like the
 * `status` list; we do the same (the line breaks are inferred).
 */
void
mode_locked_message(struct buf *b, const struct session *holder)
{
	long idle = (long)(time(NULL) - holder->s_last);

	if (idle < 0)
		idle = 0;
	buf_puts(b, "configuration database locked by:\n  ");
	session_who(holder, b);
	buf_printf(b, ", idle %02ld:%02ld:%02ld\n      exclusive [edit", idle / 3600,
	    (idle / 60) % 60, idle % 60);
	if (holder->s_level != NULL && holder->s_level[0] != '\0')
		buf_printf(b, " %s", holder->s_level);
	buf_puts(b, "]");
}

static void
mode_error_locked(struct rpc_req *r)
{
	struct buf m = BUF_INIT;

	mode_locked_message(&m, mgd->m_lock);
	rpc_error(r, "error", NULL, NULL, buf_str(&m));
	buf_free(&m);
}

/* Take the exclusive lock for s: the candidate must be unmodified (RFC 6241 7.5). */
static int
mode_lock(struct rpc_req *r, struct session *s)
{
	if (mgd->m_lock == s)
		return 0;
	if (mgd->m_lock != NULL) {
		mode_error_locked(r);
		return -1;
	}
	if (db_candidate_modified()) {
		rpc_error(r, "error", NULL, NULL, "configuration database modified");
		return -1;
	}
	mgd->m_lock = s;
	journal_append_lock();
	log_info("UI_DBASE_LOGIN_EVENT: User '%s' entering configuration mode (exclusive)",
	    s->s_user);
	return 0;
}

/*
 * Releasing the lock discards what was changed under it (Junos XML guide: "If the
 * session ends or the application emits <unlock-configuration/> before the
 * candidate configuration is committed, all changes ... are discarded").
 * Returns whether changes were discarded.
 */
static bool
mode_unlock(struct session *s)
{
	bool discarded = false;

	if (mgd->m_lock != s)
		return false;
	mgd->m_lock = NULL;
	if (db_candidate_modified()) {
		discarded = true;
		log_info("UI_DBASE_LOGOUT_EVENT: User '%s' discarded uncommitted changes",
		    s->s_user);
	}
	db_candidate_reset();
	return discarded;
}

/* Leave configuration mode. Returns whether uncommitted changes were dropped. */
static bool
mode_leave(struct session *s)
{
	bool discarded = false;

	switch (s->s_mode) {
	case SM_EXCLUSIVE:
		if (!s->s_netconf_lock)
			discarded = mode_unlock(s);
		break;
	case SM_PRIVATE:
		discarded = s->s_private != NULL && s->s_private_base != NULL &&
		    !conf_equal(s->s_private, s->s_private_base, true);
		db_private_close(s);
		break;
	default:
		break;
	}
	s->s_mode = SM_NONE;
	free(s->s_level);
	s->s_level = NULL;
	return discarded;
}

void
mode_session_closed(struct session *s)
{
	mode_leave(s);
	if (s->s_netconf_lock) {
		s->s_netconf_lock = false;
		mode_unlock(s);
	}
}

/* <routemu-configure><mode>shared|exclusive|private</mode></routemu-configure> */
enum rpc_status
rpc_routemu_configure(struct rpc_req *r)
{
	struct session *s = r->r_session;
	xmlNodePtr n = nc_xml_child(r->r_op, "mode");
	char *mode = n != NULL ? nc_xml_text(n) : NULL;
	enum sess_mode want;

	if (mode == NULL || mode[0] == '\0' || strcmp(mode, "shared") == 0)
		want = SM_SHARED;
	else if (strcmp(mode, "exclusive") == 0)
		want = SM_EXCLUSIVE;
	else if (strcmp(mode, "private") == 0)
		want = SM_PRIVATE;
	else {
		rpc_error(r, "error", NULL, mode, "syntax error");
		free(mode);
		return RPC_DONE;
	}
	free(mode);
	if (s->s_mode == want)
		return RPC_DONE;
	if (s->s_mode != SM_NONE)
		mode_leave(s);

	switch (want) {
	case SM_SHARED:
		session_users_list(&r->r_body, s, true);
		if (db_candidate_modified())
			rpc_output(r, "The configuration has been changed but not committed");
		break;
	case SM_EXCLUSIVE:
		session_users_list(&r->r_body, s, true);
		if (mode_lock(r, s) == -1)
			return RPC_DONE;
		rpc_output(r, "warning: " MSG_DISCARD_WARNING);
		break;
	case SM_PRIVATE:
		session_users_list(&r->r_body, s, true);
		if (db_candidate_modified()) {
			rpc_error(r, "error", NULL, NULL, "shared configuration database modified");
			return RPC_DONE;
		}
		db_private_open(s);
		rpc_output(r, "warning: " MSG_DISCARD_WARNING);
		break;
	case SM_NONE:
		break;
	}
	s->s_mode = want;
	if (want == SM_SHARED)
		log_info("UI_DBASE_LOGIN_EVENT: User '%s' entering configuration mode",
		    s->s_user);
	return RPC_DONE;
}

/* Leaving configuration mode; <routemu-discarded/> tells the cli changes were dropped. */
enum rpc_status
rpc_routemu_configure_exit(struct rpc_req *r)
{
	struct session *s = r->r_session;

	if (s->s_mode == SM_NONE) {
		rpc_ok(r);
		return RPC_DONE;
	}
	if (mode_leave(r->r_session))
		buf_puts(&r->r_body, "<routemu-discarded/>\n");
	log_info("UI_DBASE_LOGOUT_EVENT: User '%s' exiting configuration mode", s->s_user);
	rpc_ok(r);
	return RPC_DONE;
}

enum rpc_status
rpc_routemu_configure_status(struct rpc_req *r)
{
	struct session *s = r->r_session;
	bool modified;

	session_users_list(&r->r_body, NULL, true);
	if (s->s_mode == SM_PRIVATE && s->s_private != NULL)
		modified = !conf_equal(s->s_private, s->s_private_base, true);
	else
		modified = db_candidate_modified();
	if (modified)
		buf_puts(&r->r_body, "<database-modified/>\n");
	return RPC_DONE;
}

/* `update` in private mode: others' commits come into the private copy. */
enum rpc_status
rpc_routemu_configure_update(struct rpc_req *r)
{
	struct session *s = r->r_session;
	struct buf conflicts = BUF_INIT;

	if (s->s_mode != SM_PRIVATE) {
		rpc_ok(r);
		return RPC_DONE;
	}
	if (db_private_update(s, &conflicts) == -1)
		config_apply_errors(r, buf_str(&conflicts), "update failed");
	else
		rpc_ok(r);
	buf_free(&conflicts);
	return RPC_DONE;
}

enum rpc_status
rpc_routemu_set_edit_level(struct rpc_req *r)
{
	struct session *s = r->r_session;
	xmlNodePtr n = nc_xml_child(r->r_op, "level");

	free(s->s_level);
	s->s_level = n != NULL ? nc_xml_text(n) : NULL;
	rpc_ok(r);
	return RPC_DONE;
}

enum rpc_status
rpc_lock_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;

	if (s->s_mode == SM_PRIVATE) {
		/* Inferred text: a private copy is not shared, there is nothing to lock. */
		rpc_error(r, "error", NULL, NULL,
		    "configuration database cannot be locked in private mode");
		return RPC_DONE;
	}
	if (mode_lock(r, s) == -1)
		return RPC_DONE;
	s->s_netconf_lock = true;
	rpc_ok(r);
	return RPC_DONE;
}

enum rpc_status
rpc_unlock_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;

	if (mgd->m_lock != s) {
		/* Inferred text (RFC 6241 lock-denied has no Junos capture in the notes). */
		rpc_error(r, "error", NULL, NULL, "configuration database is not locked");
		return RPC_DONE;
	}
	s->s_netconf_lock = false;
	if (s->s_mode == SM_EXCLUSIVE)
		s->s_mode = SM_SHARED;
	mode_unlock(s);
	rpc_ok(r);
	return RPC_DONE;
}

/* <open-configuration><private/></open-configuration> (PyEZ mode='private'). */
enum rpc_status
rpc_open_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;

	if (nc_xml_child(r->r_op, "private") == NULL) {
		/* Only the private copy exists here (no ephemeral or dynamic database). */
		rpc_error(r, "error", NULL, NULL, "syntax error, expecting <private/>");
		return RPC_DONE;
	}
	if (s->s_mode == SM_PRIVATE) {
		rpc_error(r, "warning", NULL, NULL, MSG_DISCARD_WARNING);
		return RPC_DONE;
	}
	if (db_candidate_modified()) {
		rpc_error(r, "error", NULL, NULL, "shared configuration database modified");
		return RPC_DONE;
	}
	if (s->s_mode != SM_NONE)
		mode_leave(s);
	db_private_open(s);
	s->s_mode = SM_PRIVATE;
	/* PyEZ compares the warning's text with exactly this string and accepts it. */
	rpc_error(r, "warning", NULL, NULL, MSG_DISCARD_WARNING);
	return RPC_DONE;
}

enum rpc_status
rpc_close_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;

	if (s->s_mode == SM_PRIVATE)
		mode_leave(s);
	rpc_ok(r);
	return RPC_DONE;
}
