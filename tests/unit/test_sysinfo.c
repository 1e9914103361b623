/*
 * test_sysinfo: the replies mgd builds itself (lib/sysinfo.c): the Junos and
 * FreeBSD time and size formats, and each reply rendered through the product
 * templates of schema/op/ (the path `show version` etc. take at run time).
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "opschema.h"
#include "render.h"
#include "sysinfo.h"
#include "unit.h"

static struct opschema *OS;

/* Wrap a reply element in <rpc-reply> (it uses junos:) and render it. */
static char *
render_text(const char *rpc, const char *level, const char *xml)
{
	struct buf doc = BUF_INIT, out = BUF_INIT;
	const struct opsch_cmd *cmd;
	xmlDocPtr d;

	if (OS == NULL || (cmd = opschema_find_rpc(OS, rpc)) == NULL)
		return NULL;
	buf_printf(&doc, "<rpc-reply xmlns:junos=\"urn:j\">%s</rpc-reply>", xml);
	d = xmlReadMemory(buf_str(&doc), (int)doc.b_len, "reply.xml", NULL, XML_PARSE_NONET);
	buf_free(&doc);
	if (d == NULL)
		return NULL;	/* not well-formed: the checks below fail */
	if (render_reply(cmd, level, xmlDocGetRootElement(d), &out) == -1) {
		xmlFreeDoc(d);
		return NULL;
	}
	xmlFreeDoc(d);
	return buf_steal(&out);
}

static void
test_formats(void)
{
	char b[64];

#define LEN(s, want) do { sysinfo_fmt_length(s, b, sizeof(b)); UNIT_STREQ(b, want); } while (0)
#define UP(s, want) do { sysinfo_fmt_uptime(s, b, sizeof(b)); UNIT_STREQ(b, want); } while (0)
#define TOP(s, want) do { sysinfo_fmt_top_uptime(s, b, sizeof(b)); UNIT_STREQ(b, want); } while (0)
#define K(k, want) do { sysinfo_fmt_k(k, b, sizeof(b)); UNIT_STREQ(b, want); } while (0)
	/* junos-show-outputs.md §8: the seconds behind each printed length */
	LEN(13374966, "22w0d 19:16");
	LEN(2784884, "4w4d 05:34");
	LEN(4205556, "6w6d 16:12");
	LEN(14234, "03:57:14");
	LEN(5584, "01:33:04");
	LEN(90061, "1d 01:01");
	LEN(-5, "00:00:00");
	/* w(1) as in §8: "154 days, 19:16", "32 days,  5:35", "3:57" */
	UP(13374966, "154 days, 19:16");
	UP(2784900, "32 days,  5:35");
	UP(14220, "3:57");
	UP(86400, "1 day");
	UP(90000, "1 day, 1 hr");
	UP(7200, "2 hrs");
	UP(300, "5 mins");
	UP(60, "1 min");
	UP(59, "59 secs");
	UP(1, "1 sec");
	/* top(1) as in §12b */
	TOP(7593946, "87+21:25:46");
	TOP(3565584, "41+06:26:24");
	TOP(3723, "01:02:03");
	K(0, "0K");
	K(1024, "1024K");
	K(9999, "9999K");
	K(10000, "10M");
	K(3977ull * 1024, "3977M");
	K(14ull * 1024 * 1024, "14G");
	K(74ull * 1024 * 1024 + 300000, "74G");
#undef LEN
#undef UP
#undef TOP
#undef K
}

static void
test_software(void)
{
	struct sysinfo_version v = { "gm1", NULL, "24.4R1-routemu-0.1.0" };
	struct buf out = BUF_INIT;
	char *text;

	sysinfo_software_xml(&v, &out);
	UNIT_STREQ(buf_str(&out),
	    "<software-information>\n"
	    "    <host-name>gm1</host-name>\n"
	    "    <product-model>mx960</product-model>\n"
	    "    <product-name>mx960</product-name>\n"
	    "    <junos-version>24.4R1-routemu-0.1.0</junos-version>\n"
	    "    <package-information>\n"
	    "        <name>junos</name>\n"
	    "        <comment>routemu Software Release [24.4R1-routemu-0.1.0]</comment>\n"
	    "    </package-information>\n"
	    "</software-information>\n");
	text = render_text("get-software-information", NULL, buf_str(&out));
	UNIT_STREQ(text, "Hostname: gm1\nModel: mx960\nJunos: 24.4R1-routemu-0.1.0\n"
	    "routemu Software Release [24.4R1-routemu-0.1.0]\n");
	free(text);
	/* another model, a host name to escape */
	buf_reset(&out);
	v.sv_hostname = "a<b";
	v.sv_model = "mx480";
	sysinfo_software_xml(&v, &out);
	text = render_text("get-software-information", NULL, buf_str(&out));
	UNIT_CHECK(text != NULL && strncmp(text, "Hostname: a<b\nModel: mx480\n", 27) == 0);
	free(text);
	buf_free(&out);
}

static void
test_uptime(void)
{
	struct sysinfo_uptime u;
	struct buf out = BUF_INIT;
	char *text;

	memset(&u, 0, sizeof(u));
	u.su_now = 1795858293;		/* 2026-11-28 09:31:33 UTC */
	u.su_booted = u.su_now - 14234;
	u.su_protocols = u.su_booted + 139;
	u.su_configured = u.su_now - 14136;
	u.su_config_user = "admin";
	u.su_users = 1;
	u.su_load_set = true;
	u.su_load[0] = 4.29;
	u.su_load[1] = 3.81;
	u.su_load[2] = 3.72;
	sysinfo_uptime_xml(&u, &out);
	text = render_text("get-system-uptime-information", NULL, buf_str(&out));
	UNIT_STREQ(text,
	    "Current time: 2026-11-28 09:31:33 UTC\n"
	    "Time Source:  LOCAL CLOCK\n"
	    "System booted: 2026-11-28 05:34:19 UTC (03:57:14 ago)\n"
	    "Protocols started: 2026-11-28 05:36:38 UTC (03:54:55 ago)\n"
	    "Last configured: 2026-11-28 05:35:57 UTC (03:55:36 ago) by admin\n"
	    " 9:31AM  up 3:57, 1 users, load averages: 4.29, 3.81, 3.72\n");
	free(text);
	UNIT_CHECK(strstr(buf_str(&out), "<date-time junos:seconds=\"1795858293\">"
	    "2026-11-28 09:31:33 UTC</date-time>") != NULL);
	/* a fresh instance: no commit, daemons not started, a PM time, many days up */
	buf_reset(&out);
	u.su_now = 1795858293 + 6 * 3600;	/* 15:31:33 */
	u.su_booted = u.su_now - (32 * 86400 + 5 * 3600 + 35 * 60);
	u.su_protocols = 0;
	u.su_configured = 0;
	u.su_users = 0;
	u.su_time_source = "NTP CLOCK";
	sysinfo_uptime_xml(&u, &out);
	text = render_text("get-system-uptime-information", NULL, buf_str(&out));
	UNIT_STREQ(text,
	    "Current time: 2026-11-28 15:31:33 UTC\n"
	    "Time Source:  NTP CLOCK\n"
	    "System booted: 2026-10-27 09:56:33 UTC (4w4d 05:35 ago)\n"
	    " 3:31PM  up 32 days,  5:35, 0 users, load averages: 4.29, 3.81, 3.72\n");
	free(text);
	/* the host's load when not given */
	buf_reset(&out);
	u.su_load_set = false;
	sysinfo_uptime_xml(&u, &out);
	UNIT_CHECK(strstr(buf_str(&out), "<load-average-1>") != NULL);
	buf_free(&out);
}

static void
test_processes(void)
{
	pid_t pids[] = { getpid(), 0, 2000000000 };
	struct buf out = BUF_INIT;
	char *text, want[64];
	time_t now = time(NULL);

	sysinfo_processes_xml(pids, 3, now, now - 90061, &out);
	/* only the process that exists, and a well-formed reply */
	const char *x = buf_str(&out);
	UNIT_CHECK(strstr(x, "<process>") != NULL);
	UNIT_CHECK(strstr(strstr(x, "<process>") + 1, "<process>") == NULL);
	snprintf(want, sizeof(want), "<pid>%d</pid>", (int)getpid());
	UNIT_CHECK(strstr(x, want) != NULL);
	UNIT_CHECK(strstr(x, "test_sysinfo") != NULL);
	UNIT_CHECK(strstr(x, "<up-time junos:seconds=\"90061\">1+01:01:01</up-time>") != NULL);
	UNIT_CHECK(strstr(x, "<total>1</total>") != NULL);

	text = render_text("get-system-process-information", NULL, x);
	UNIT_CHECK(text != NULL && strncmp(text, "  PID  TT  STAT      TIME COMMAND\n", 34) == 0);
	snprintf(want, sizeof(want), "%5d  ", (int)getpid());
	UNIT_CHECK(text != NULL && strstr(text, want) != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "test_sysinfo") != NULL);
	free(text);
	text = render_text("get-system-process-information", "brief", x);
	UNIT_CHECK(text != NULL && strncmp(text, "last pid: ", 10) == 0);
	UNIT_CHECK(text != NULL && strstr(text, "  up 1+01:01:01    ") != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "\n1 processes:") != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "\nCPU: ") != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "\nMem: ") != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "\nSwap: ") != NULL);
	UNIT_CHECK(text != NULL && strstr(text, "PID USERNAME") == NULL);
	free(text);
	text = render_text("get-system-process-information", "summary", x);
	UNIT_CHECK(text != NULL && strstr(text, " threads:") != NULL);
	UNIT_CHECK(text != NULL && strstr(text,
	    "\n\n  PID USERNAME    PRI NICE   SIZE    RES STATE    C   TIME    WCPU COMMAND\n")
	    != NULL);
	free(text);
	/* nothing alive: the header only, no table */
	buf_reset(&out);
	sysinfo_processes_xml(pids + 1, 2, now, now, &out);
	text = render_text("get-system-process-information", NULL, buf_str(&out));
	UNIT_STREQ(text, "");
	free(text);
	buf_free(&out);
}

int
main(void)
{
	char err[512];

	setenv("TZ", "UTC", 1);
	tzset();
	OS = opschema_load_dir(UNIT_OP_SCHEMA(), err, sizeof(err));
	if (OS == NULL)
		fprintf(stderr, "%s: %s\n", UNIT_OP_SCHEMA(), err);
	UNIT_CHECK(OS != NULL);
	UNIT_RUN(test_formats);
	UNIT_RUN(test_software);
	UNIT_RUN(test_uptime);
	UNIT_RUN(test_processes);
	opschema_free(OS);
	xmlCleanupParser();
	return unit_exit();
}
