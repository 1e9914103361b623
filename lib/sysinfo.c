/*
 * sysinfo: replies of show version, show system uptime and show system processes,
 * from the instance and /proc. Linux has no FreeBSD top(1); the process and memory
 * figures are mapped onto its columns as closely as the two systems allow (the
 * mapping is written next to each), since what a person compares is the layout.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sysinfo.h"

#define SI_MAX_PROCS	256	/* pids looked at; an instance runs a handful */
#define SI_MAX_THREADS	4096	/* threads counted per process */

static void
si_xml_text(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<')
			buf_puts(out, "&lt;");
		else if (c == '>')
			buf_puts(out, "&gt;");
		else if (c == '&')
			buf_puts(out, "&amp;");
		else if (c == '"')
			buf_puts(out, "&quot;");
		else if (c < 0x20 && c != '\t')
			buf_putc(out, ' ');	/* not allowed in XML 1.0 */
		else
			buf_putc(out, (char)c);
	}
}

static void
si_elem(struct buf *out, int indent, const char *name, const char *value)
{
	buf_indent(out, indent);
	buf_printf(out, "<%s>", name);
	si_xml_text(out, value);
	buf_printf(out, "</%s>\n", name);
}

static void __attribute__((format(printf, 4, 5)))
si_elemf(struct buf *out, int indent, const char *name, const char *fmt, ...)
{
	char v[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	si_elem(out, indent, name, v);
}

/* ---- formats ---- */

void
sysinfo_fmt_length(long long s, char *out, size_t outlen)
{
	long long w, d, h, m;

	if (s < 0)
		s = 0;
	w = s / (7 * 86400);
	d = s / 86400 % 7;
	h = s / 3600 % 24;
	m = s / 60 % 60;
	if (w > 0)
		snprintf(out, outlen, "%lldw%lldd %02lld:%02lld", w, d, h, m);
	else if (d > 0)
		snprintf(out, outlen, "%lldd %02lld:%02lld", d, h, m);	/* inferred */
	else
		snprintf(out, outlen, "%02lld:%02lld:%02lld", h, m, s % 60);
}

/* FreeBSD w(1): " N day(s)," then " HH:MM" (%2d), or " N hr(s)", " N min(s)", " N sec(s)". */
void
sysinfo_fmt_uptime(long long s, char *out, size_t outlen)
{
	long long days, hrs, mins;
	char part[64];
	size_t len;

	if (s < 0)
		s = 0;
	days = s / 86400;
	hrs = s / 3600 % 24;
	mins = s / 60 % 60;
	out[0] = '\0';
	if (days > 0) {
		snprintf(part, sizeof(part), "%lld day%s,", days, days > 1 ? "s" : "");
		snprintf(out, outlen, "%s", part);
	}
	if (hrs > 0 && mins > 0)
		snprintf(part, sizeof(part), " %2lld:%02lld", hrs, mins);
	else if (hrs > 0)
		snprintf(part, sizeof(part), " %lld hr%s", hrs, hrs > 1 ? "s" : "");
	else if (mins > 0)
		snprintf(part, sizeof(part), " %lld min%s", mins, mins > 1 ? "s" : "");
	else if (days > 0)
		part[0] = '\0';
	else
		snprintf(part, sizeof(part), " %lld sec%s", s, s != 1 ? "s" : "");
	len = strlen(out);
	snprintf(out + len, outlen - len, "%s", part);
	/* The XML value has neither the leading blank nor a dangling comma. */
	len = strlen(out);
	if (len > 0 && out[len - 1] == ',')
		out[--len] = '\0';
	size_t lead = strspn(out, " ");
	memmove(out, out + lead, len - lead + 1);
}

void
sysinfo_fmt_top_uptime(long long s, char *out, size_t outlen)
{
	if (s < 0)
		s = 0;
	if (s >= 86400)
		snprintf(out, outlen, "%lld+%02lld:%02lld:%02lld", s / 86400, s / 3600 % 24,
		    s / 60 % 60, s % 60);
	else
		snprintf(out, outlen, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

/* top(1)'s format_k: K, then M and G once the number would need a 5th digit. */
void
sysinfo_fmt_k(unsigned long long k, char *out, size_t outlen)
{
	const char *units = "KMGTP";
	size_t u = 0;

	while (k >= 10000 && u + 1 < strlen(units)) {
		k = (k + 512) / 1024;
		u++;
	}
	snprintf(out, outlen, "%llu%c", k, units[u]);
}

static void
si_fmt_date(time_t t, char *out, size_t outlen)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(out, outlen, "%Y-%m-%d %H:%M:%S %Z",
	    &tm) == 0)
		snprintf(out, outlen, "%lld", (long long)t);
}

/* ---- show version ---- */

void
sysinfo_software_xml(const struct sysinfo_version *v, struct buf *out)
{
	const char *model = v->sv_model ? v->sv_model : "mx960";
	const char *version = v->sv_version ? v->sv_version : "";
	char comment[256];

	buf_puts(out, "<software-information>\n");
	if (v->sv_hostname != NULL && v->sv_hostname[0] != '\0')
		si_elem(out, 4, "host-name", v->sv_hostname);
	si_elem(out, 4, "product-model", model);
	si_elem(out, 4, "product-name", model);
	si_elem(out, 4, "junos-version", version);
	buf_puts(out, "    <package-information>\n");
	si_elem(out, 8, "name", "junos");
	snprintf(comment, sizeof(comment), "routemu Software Release [%s]", version);
	si_elem(out, 8, "comment", comment);
	buf_puts(out, "    </package-information>\n");
	buf_puts(out, "</software-information>\n");
}

/* ---- show system uptime ---- */

static int
si_read_file(const char *path, char *out, size_t outlen)
{
	FILE *f = fopen(path, "r");
	size_t n;

	out[0] = '\0';
	if (f == NULL)
		return -1;
	n = fread(out, 1, outlen - 1, f);
	out[n] = '\0';
	fclose(f);
	return 0;
}

static void
si_loadavg(double load[3])
{
	char b[256];

	load[0] = load[1] = load[2] = 0;
	if (si_read_file("/proc/loadavg", b, sizeof(b)) == 0)
		if (sscanf(b, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
			load[0] = load[1] = load[2] = 0;
}

static void
si_time_block(struct buf *out, const char *name, time_t t, time_t now, const char *user)
{
	char date[64], len[64];

	si_fmt_date(t, date, sizeof(date));
	sysinfo_fmt_length((long long)(now - t), len, sizeof(len));
	buf_printf(out, "    <%s>\n", name);
	buf_printf(out, "        <date-time junos:seconds=\"%lld\">", (long long)t);
	si_xml_text(out, date);
	buf_puts(out, "</date-time>\n");
	buf_printf(out, "        <time-length junos:seconds=\"%lld\">%s</time-length>\n",
	    (long long)(now - t), len);
	if (user != NULL)
		si_elem(out, 8, "user", user);
	buf_printf(out, "    </%s>\n", name);
}

void
sysinfo_uptime_xml(const struct sysinfo_uptime *u, struct buf *out)
{
	char date[64], hm[32], up[64];
	double load[3];
	struct tm tm;

	if (u->su_load_set)
		memcpy(load, u->su_load, sizeof(load));
	else
		si_loadavg(load);
	si_fmt_date(u->su_now, date, sizeof(date));
	buf_puts(out, "<system-uptime-information>\n    <current-time>\n");
	buf_printf(out, "        <date-time junos:seconds=\"%lld\">", (long long)u->su_now);
	si_xml_text(out, date);
	buf_puts(out, "</date-time>\n    </current-time>\n");
	/* Junos writes the source with a blank on each side (" NTP CLOCK "). */
	buf_puts(out, "    <time-source> ");
	si_xml_text(out, u->su_time_source ? u->su_time_source : "LOCAL CLOCK");
	buf_puts(out, " </time-source>\n");
	si_time_block(out, "system-booted-time", u->su_booted, u->su_now, NULL);
	if (u->su_protocols != 0)
		si_time_block(out, "protocols-started-time", u->su_protocols, u->su_now, NULL);
	if (u->su_configured != 0)
		si_time_block(out, "last-configured-time", u->su_configured, u->su_now,
		    u->su_config_user ? u->su_config_user : "root");
	hm[0] = '\0';
	if (localtime_r(&u->su_now, &tm) != NULL)
		strftime(hm, sizeof(hm), "%l:%M%p", &tm);
	sysinfo_fmt_uptime((long long)(u->su_now - u->su_booted), up, sizeof(up));
	buf_puts(out, "    <uptime-information>\n");
	buf_printf(out, "        <date-time junos:seconds=\"%lld\">%s</date-time>\n",
	    (long long)u->su_now, hm[0] == ' ' ? hm + 1 : hm);
	buf_printf(out, "        <up-time junos:seconds=\"%lld\">%s</up-time>\n",
	    (long long)(u->su_now - u->su_booted), up);
	/* "1 users": Junos's own wording in the format attribute (§8c) */
	buf_printf(out, "        <active-user-count junos:format=\"%u users\">%u"
	    "</active-user-count>\n", u->su_users, u->su_users);
	si_elemf(out, 8, "load-average-1", "%.2f", load[0]);
	si_elemf(out, 8, "load-average-5", "%.2f", load[1]);
	si_elemf(out, 8, "load-average-15", "%.2f", load[2]);
	buf_puts(out, "        <user-table>\n        </user-table>\n");
	buf_puts(out, "    </uptime-information>\n</system-uptime-information>\n");
}

/* ---- show system processes ---- */

struct si_proc {
	pid_t		 p_pid;
	char		 p_state;	/* Linux state letter */
	int		 p_pgrp, p_session, p_tty, p_tpgid;
	unsigned long long p_utime, p_stime;	/* clock ticks */
	long		 p_priority, p_nice, p_threads;
	unsigned long long p_start;	/* ticks after boot */
	unsigned long long p_vsize;	/* bytes */
	long long	 p_rss;		/* pages */
	int		 p_cpu;
	char		 p_comm[64];
};

/* /proc/PID/stat (or a task's): the fields after "(comm)", which may hold blanks. */
static int
si_read_stat(const char *path, struct si_proc *p)
{
	char b[1024], *rp, *lp, *save = NULL;
	unsigned long long u[52];
	int n = 0;

	if (si_read_file(path, b, sizeof(b)) == -1)
		return -1;
	if ((lp = strchr(b, '(')) == NULL || (rp = strrchr(b, ')')) == NULL || rp < lp)
		return -1;
	p->p_pid = (pid_t)atoi(b);
	snprintf(p->p_comm, sizeof(p->p_comm), "%.*s", (int)(rp - lp - 1), lp + 1);
	rp += 2;
	if (*rp == '\0')
		return -1;
	p->p_state = *rp;
	rp++;
	/* fields 4.. of proc(5); negative ones (nice, priority) read through %lld */
	for (char *t = strtok_r(rp, " \n", &save); t != NULL && n < 52;
	    t = strtok_r(NULL, " \n", &save))
		u[n++] = (unsigned long long)strtoll(t, NULL, 10);
	if (n < 36)
		return -1;
	/* u[0] = field 4 (ppid) */
	p->p_pgrp = (int)u[1];
	p->p_session = (int)u[2];
	p->p_tty = (int)u[3];
	p->p_tpgid = (int)u[4];
	p->p_utime = u[10];
	p->p_stime = u[11];
	p->p_priority = (long)(long long)u[14];
	p->p_nice = (long)(long long)u[15];
	p->p_threads = (long)u[16];
	p->p_start = u[18];
	p->p_vsize = u[19];
	p->p_rss = (long long)u[20];
	p->p_cpu = (int)u[35];
	return 0;
}

/* ps STAT: the state letter, 's' for a session leader, '+' in the foreground. */
static void
si_ps_status(const struct si_proc *p, char *out, size_t outlen)
{
	char st = p->p_state;
	size_t n = 0;

	if (st == 't')
		st = 'T';
	else if (st == 'X')
		st = 'Z';
	out[n++] = st;
	if (p->p_pid == p->p_session && n + 1 < outlen)
		out[n++] = 's';
	if (p->p_tty != 0 && p->p_tpgid == p->p_pgrp && n + 1 < outlen)
		out[n++] = '+';
	out[n] = '\0';
}

/* ps TT: "??" without a terminal, "pN" for /dev/pts/N (FreeBSD's pty names). */
static void
si_ps_tty(int tty, char *out, size_t outlen)
{
	unsigned maj = major((dev_t)tty), min = minor((dev_t)tty);

	if (tty == 0)
		snprintf(out, outlen, "??");
	else if (maj >= 136 && maj <= 143)
		snprintf(out, outlen, "p%u", (maj - 136) * 256 + min);
	else if (maj == 4 && min < 64)
		snprintf(out, outlen, "v%u", min);
	else
		snprintf(out, outlen, "??");
}

/* top STATE: "CPUn" when running, else what it waits in (FreeBSD's wait channels). */
static void
si_top_state(const struct si_proc *p, char *out, size_t outlen)
{
	char path[64], wchan[64];
	static const struct {
		const char *linux_fn, *freebsd;
	} map[] = {
		{ "ep_poll", "kqread" },
		{ "do_epoll_wait", "kqread" },
		{ "do_select", "select" },
		{ "core_sys_select", "select" },
		{ "do_sys_poll", "poll" },
		{ "hrtimer_nanosleep", "nanslp" },
		{ "do_nanosleep", "nanslp" },
		{ "futex", "uwait" },
		{ "pipe_read", "piperd" },
		{ "unix_stream", "sbwait" },
		{ "do_wait", "wait" },
		{ "n_tty_read", "ttyin" },
		{ "wait_woken", "ttyin" },
	};

	switch (p->p_state) {
	case 'R':
		snprintf(out, outlen, "CPU%d", p->p_cpu);
		return;
	case 'Z':
	case 'X':
		snprintf(out, outlen, "zombie");
		return;
	case 'T':
	case 't':
		snprintf(out, outlen, "STOP");
		return;
	case 'D':
		snprintf(out, outlen, "biowr");
		return;
	default:
		break;
	}
	snprintf(path, sizeof(path), "/proc/%d/wchan", (int)p->p_pid);
	if (si_read_file(path, wchan, sizeof(wchan)) == 0)
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strstr(wchan, map[i].linux_fn) != NULL) {
				snprintf(out, outlen, "%s", map[i].freebsd);
				return;
			}
	snprintf(out, outlen, "sleep");
}

static void
si_username(pid_t pid, char *out, size_t outlen)
{
	char path[64], b[4096], *l;
	struct passwd pw, *res = NULL;
	char pwbuf[1024];
	unsigned uid = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	snprintf(out, outlen, "?");
	if (si_read_file(path, b, sizeof(b)) == -1 || (l = strstr(b, "\nUid:")) == NULL ||
	    sscanf(l + 5, "%u", &uid) != 1)
		return;
	if (getpwuid_r((uid_t)uid, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res != NULL)
		snprintf(out, outlen, "%.8s", pw.pw_name);
	else
		snprintf(out, outlen, "%u", uid);
}

static void
si_command(const struct si_proc *p, char *out, size_t outlen)
{
	char path[64];
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)p->p_pid);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(out, 1, outlen - 1, f);
		fclose(f);
	}
	while (n > 0 && out[n - 1] == '\0')
		n--;
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = ' ';
	if (n == 0)
		snprintf(out, outlen, "[%s]", p->p_comm);	/* a kernel thread, as ps shows it */
}

struct si_states {
	long	 s_total, s_running, s_sleeping, s_stopped, s_zombie, s_waiting;
};

/*
 * Linux states onto top(1)'s: R running, S and I sleeping, T stopped, Z zombie, D
 * (uninterruptible) waiting.
 */
static void
si_count_state(struct si_states *s, char st)
{
	s->s_total++;
	switch (st) {
	case 'R':
		s->s_running++;
		break;
	case 'T':
	case 't':
		s->s_stopped++;
		break;
	case 'Z':
	case 'X':
		s->s_zombie++;
		break;
	case 'D':
		s->s_waiting++;
		break;
	default:
		s->s_sleeping++;
	}
}

static void
si_count_threads(pid_t pid, struct si_states *s)
{
	char path[64], tpath[400];
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < SI_MAX_THREADS) {
		struct si_proc t;
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(tpath, sizeof(tpath), "%s/%s/stat", path, de->d_name);
		memset(&t, 0, sizeof(t));
		if (si_read_stat(tpath, &t) == 0) {
			si_count_state(s, t.p_state);
			n++;
		}
	}
	closedir(d);
}

static void
si_states_xml(struct buf *out, const char *name, const struct si_states *s)
{
	buf_printf(out, "        <%s>\n", name);
	si_elemf(out, 12, "total", "%ld", s->s_total);
	si_elemf(out, 12, "running", "%ld", s->s_running);
	si_elemf(out, 12, "sleeping", "%ld", s->s_sleeping);
	si_elemf(out, 12, "stopped", "%ld", s->s_stopped);
	si_elemf(out, 12, "zombie", "%ld", s->s_zombie);
	si_elemf(out, 12, "waiting", "%ld", s->s_waiting);
	buf_printf(out, "        </%s>\n", name);
}

static unsigned long long
si_meminfo(const char *b, const char *key)
{
	const char *p = b;
	size_t klen = strlen(key);

	while ((p = strstr(p, key)) != NULL) {
		if ((p == b || p[-1] == '\n') && p[klen] == ':')
			return strtoull(p + klen + 1, NULL, 10);
		p += klen;
	}
	return 0;
}

/* CPU: shares since boot from /proc/stat (top shows the last interval). */
static void
si_cpu_xml(struct buf *out)
{
	char b[512];
	unsigned long long v[8] = { 0 }, total = 0;

	if (si_read_file("/proc/stat", b, sizeof(b)) == 0)
		(void)sscanf(b, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1],
		    &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]);
	for (int i = 0; i < 8; i++)
		total += v[i];
	if (total == 0)
		total = 1;
	/* user, nice, system, interrupt = irq + softirq, idle = idle + iowait (+steal) */
	si_elemf(out, 8, "cpu-user", "%.1f", 100.0 * (double)v[0] / (double)total);
	si_elemf(out, 8, "cpu-nice", "%.1f", 100.0 * (double)v[1] / (double)total);
	si_elemf(out, 8, "cpu-system", "%.1f", 100.0 * (double)v[2] / (double)total);
	si_elemf(out, 8, "cpu-interrupt", "%.1f", 100.0 * (double)(v[5] + v[6]) /
	    (double)total);
	si_elemf(out, 8, "cpu-idle", "%.1f", 100.0 * (double)(v[3] + v[4] + v[7]) /
	    (double)total);
}

/*
 * Memory: Active and Inact are Linux's Active/Inactive, Wired the memory that is
 * never paged out (Unevictable + kernel stacks + page tables + unreclaimable slab),
 * Buf the Buffers, Free MemFree.
 */
static void
si_mem_xml(struct buf *out)
{
	char b[8192], v[32];

	if (si_read_file("/proc/meminfo", b, sizeof(b)) == -1)
		b[0] = '\0';
#define SI_MEM(elem, kib) do {						\
	sysinfo_fmt_k(kib, v, sizeof(v));				\
	si_elem(out, 8, elem, v);					\
} while (0)
	SI_MEM("memory-active", si_meminfo(b, "Active"));
	SI_MEM("memory-inactive", si_meminfo(b, "Inactive"));
	SI_MEM("memory-wired", si_meminfo(b, "Unevictable") + si_meminfo(b, "KernelStack") +
	    si_meminfo(b, "PageTables") + si_meminfo(b, "SUnreclaim"));
	SI_MEM("memory-buffer", si_meminfo(b, "Buffers"));
	SI_MEM("memory-free", si_meminfo(b, "MemFree"));
	SI_MEM("swap-total", si_meminfo(b, "SwapTotal"));
	SI_MEM("swap-free", si_meminfo(b, "SwapFree"));
#undef SI_MEM
}

static void
si_process_xml(struct buf *out, const struct si_proc *p, double uptime_s, long hz,
    long pagekib)
{
	char status[8], tty[16], user[32], state[16], cmd[1024], v[64];
	double cpu_s = (double)(p->p_utime + p->p_stime) / (double)hz;
	double alive = uptime_s - (double)p->p_start / (double)hz;
	long long cs = (long long)(cpu_s * 100.0);

	si_ps_status(p, status, sizeof(status));
	si_ps_tty(p->p_tty, tty, sizeof(tty));
	si_username(p->p_pid, user, sizeof(user));
	si_top_state(p, state, sizeof(state));
	si_command(p, cmd, sizeof(cmd));
	buf_puts(out, "    <process>\n");
	si_elemf(out, 8, "pid", "%d", (int)p->p_pid);
	si_elem(out, 8, "tty", tty);
	si_elem(out, 8, "status", status);
	/* ps TIME: minutes:seconds.hundredths */
	si_elemf(out, 8, "cpu-time", "%lld:%02lld.%02lld", cs / 6000, cs / 100 % 60, cs % 100);
	si_elem(out, 8, "command", cmd);
	si_elem(out, 8, "username", user);
	si_elemf(out, 8, "priority", "%ld", p->p_priority);
	si_elemf(out, 8, "nice", "%ld", p->p_nice);
	if (p->p_vsize == 0)
		snprintf(v, sizeof(v), "0B");
	else
		sysinfo_fmt_k(p->p_vsize / 1024, v, sizeof(v));
	si_elem(out, 8, "size", v);
	sysinfo_fmt_k((unsigned long long)(p->p_rss > 0 ? p->p_rss : 0) *
	    (unsigned long long)pagekib, v, sizeof(v));
	si_elem(out, 8, "resident", v);
	si_elem(out, 8, "state", state);
	si_elemf(out, 8, "cpu", "%d", p->p_cpu);
	/* top TIME: minutes:seconds, hours with a tenth from 1000 minutes on */
	if (cpu_s >= 1000 * 60)
		si_elemf(out, 8, "time", "%.1fH", cpu_s / 3600.0);
	else
		si_elemf(out, 8, "time", "%lld:%02lld", (long long)cpu_s / 60,
		    (long long)cpu_s % 60);
	si_elemf(out, 8, "weighted-cpu", "%.2f%%", alive > 0 ? 100.0 * cpu_s / alive : 0.0);
	buf_puts(out, "    </process>\n");
}

void
sysinfo_processes_xml(const pid_t *pids, size_t npids, time_t now, time_t booted,
    struct buf *out)
{
	struct si_proc procs[SI_MAX_PROCS];
	struct si_states ps = { 0, 0, 0, 0, 0, 0 }, ts = { 0, 0, 0, 0, 0, 0 };
	size_t n = 0;
	char b[256], v[64];
	double load[3], uptime_s = 0;
	long hz = sysconf(_SC_CLK_TCK), pagekib = sysconf(_SC_PAGESIZE) / 1024;
	struct tm tm;

	if (hz <= 0)
		hz = 100;
	if (pagekib <= 0)
		pagekib = 4;
	if (si_read_file("/proc/uptime", b, sizeof(b)) == 0)
		uptime_s = strtod(b, NULL);
	for (size_t i = 0; i < npids && n < SI_MAX_PROCS; i++) {
		char path[64];
		memset(&procs[n], 0, sizeof(procs[n]));
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pids[i]);
		if (pids[i] <= 0 || si_read_stat(path, &procs[n]) == -1)
			continue;	/* gone: not listed */
		si_count_state(&ps, procs[n].p_state);
		si_count_threads(pids[i], &ts);
		n++;
	}
	si_loadavg(load);
	buf_puts(out, "<system-process-information>\n    <process-summary>\n");
	if (si_read_file("/proc/sys/kernel/ns_last_pid", b, sizeof(b)) == 0 && b[0] != '\0')
		si_elemf(out, 8, "last-pid", "%ld", strtol(b, NULL, 10));
	else
		si_elemf(out, 8, "last-pid", "%d", 0);
	si_elemf(out, 8, "load-average-1", "%.2f", load[0]);
	si_elemf(out, 8, "load-average-5", "%.2f", load[1]);
	si_elemf(out, 8, "load-average-15", "%.2f", load[2]);
	sysinfo_fmt_top_uptime((long long)(now - booted), v, sizeof(v));
	buf_printf(out, "        <up-time junos:seconds=\"%lld\">%s</up-time>\n",
	    (long long)(now - booted), v);
	v[0] = '\0';
	if (localtime_r(&now, &tm) != NULL)
		strftime(v, sizeof(v), "%H:%M:%S", &tm);
	si_elem(out, 8, "current-time", v);
	si_states_xml(out, "processes", &ps);
	si_states_xml(out, "threads", &ts);
	si_cpu_xml(out);
	si_mem_xml(out);
	buf_puts(out, "    </process-summary>\n");
	for (size_t i = 0; i < n; i++)
		si_process_xml(out, &procs[i], uptime_s, hz, pagekib);
	buf_puts(out, "</system-process-information>\n");
}
