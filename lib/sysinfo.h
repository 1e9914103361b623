/*
 * sysinfo: the XML replies of the operational RPCs mgd answers itself, built from
 * the instance (what the caller knows: host name, start time, commits, sessions,
 * daemon pids) and from Linux (/proc): get-software-information,
 * get-system-uptime-information, get-system-process-information.
 *
 * Each function appends one reply element (<software-information> ...) to out,
 * without <rpc-reply>; attributes use the junos: prefix, which the caller's
 * <rpc-reply xmlns:junos="..."> declares, as Junos does (junos:seconds="...").
 * The templates of schema/op/10-system.xml render them; the element names are the
 * ones Junos tools parse (PyEZ facts: host-name, product-model, junos-version).
 */
#ifndef ROUTEMU_SYSINFO_H
#define ROUTEMU_SYSINFO_H

#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"

/* ---- show version ---- */

struct sysinfo_version {
	const char	*sv_hostname;	/* system host-name, or NULL: no Hostname line */
	const char	*sv_model;	/* "mx960" unless the instance says otherwise */
	const char	*sv_version;	/* the release shown as "Junos:" */
};

/*
 * <software-information> with host-name, product-model, product-name,
 * junos-version and one <package-information> (name "junos", comment
 * "routemu Software Release [VERSION]": PyEZ reads the release from between the
 * brackets when junos-version is absent).
 */
void	 sysinfo_software_xml(const struct sysinfo_version *, struct buf *out);

/* ---- show system uptime ---- */

struct sysinfo_uptime {
	time_t		 su_now;
	time_t		 su_booted;	/* the instance's start (mgd) */
	time_t		 su_protocols;	/* its daemons started; 0: line omitted */
	time_t		 su_configured;	/* last commit; 0: line omitted */
	const char	*su_config_user;	/* who committed it, or NULL */
	unsigned	 su_users;	/* cli sessions */
	const char	*su_time_source;	/* NULL: "LOCAL CLOCK" (no NTP here) */
	bool		 su_load_set;	/* su_load given; else read /proc/loadavg */
	double		 su_load[3];
};

/* <system-uptime-information>, times in local time ("2017-06-29 16:59:47 PDT"). */
void	 sysinfo_uptime_xml(const struct sysinfo_uptime *, struct buf *out);

/* ---- show system processes ---- */

/*
 * <system-process-information>: a <process-summary> (top(1)-style header: last pid,
 * load, up time since booted, process and thread states, CPU, memory, swap, from
 * /proc) and one <process> per pid that still exists (ps and top columns). Pids
 * that are gone are skipped. Element names are routemu's (no Junos sample).
 */
void	 sysinfo_processes_xml(const pid_t *pids, size_t npids, time_t now, time_t booted,
	    struct buf *out);

/* ---- formats (Junos / FreeBSD), exposed for the tests ---- */

/* Junos time-length: "22w0d 19:16", "3d 04:05" (inferred), "03:57:14". */
void	 sysinfo_fmt_length(long long seconds, char *out, size_t outlen);
/* w(1) up time: "154 days, 19:16", "32 days,  5:35", "3:57", "1 hr", "5 mins". */
void	 sysinfo_fmt_uptime(long long seconds, char *out, size_t outlen);
/* top(1) up time: "87+21:25:46", "01:02:03". */
void	 sysinfo_fmt_top_uptime(long long seconds, char *out, size_t outlen);
/* top(1) sizes from KiB: "1024K", "3977M", "14G" (5 digits at most, rounded). */
void	 sysinfo_fmt_k(unsigned long long kib, char *out, size_t outlen);

#endif
