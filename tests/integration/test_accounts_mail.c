/*
 * itest_accounts: delivery rows 41-43 of accounts.md §13 against a real
 * SMTP server, tests/mail/sink.py (python3-aiosmtpd), started here on a
 * loopback port the kernel chooses (port_reserve) and stopped and
 * restarted on that port to play an outage.  `$DREC_DRECCTL mail` runs
 * with DREC_SMTP_URL pointing at it and DREC_SMTP_TIMEOUT_S=2.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_accounts.h"

static struct {
	int	 port;
	int	 hold;		/* port_reserve's socket, -1 before */
	pid_t	 pid;
	char	*dir;
} sink = { 0, -1, 0, NULL };

/* 1 when something listens on 127.0.0.1:port (a connect succeeds). */
static int
port_open(int port)
{
	struct sockaddr_in	sa;
	int			fd, ok;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return ok;
}

/*
 * A loopback port for the sink, chosen by the kernel (bind to port 0, then
 * getsockname) and held until the suite ends: *fd stays bound there with
 * SO_REUSEADDR and never listens.  While it is bound, no other bind
 * without SO_REUSEADDR, no port-0 bind and no outgoing connection gets the
 * port, so two test runs on one machine never meet; the sink binds it
 * with SO_REUSEADDR too (asyncio's default on POSIX) and may listen, since
 * the held socket does not; stopped, the port refuses connections (the
 * outage), and the restarted sink gets the same port back.  Returns the
 * port, or -1.
 */
static int
port_reserve(int *fd)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof(sa);
	int			one = 1;

	if ((*fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = 0;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(*fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    getsockname(*fd, (struct sockaddr *)&sa, &len) != 0) {
		close(*fd);
		*fd = -1;
		return -1;
	}
	return ntohs(sa.sin_port);
}

static void
sink_start(void)
{
	char	port[16];
	int	i;

	snprintf(port, sizeof(port), "%d", sink.port);
	fflush(stdout);
	if ((sink.pid = fork()) == 0) {
		execl("/usr/bin/python3", "python3", "tests/mail/sink.py",
		    "--port", port, "--dir", sink.dir, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 100 && !port_open(sink.port); i++)
		usleep(100000);
	ITEST_REQUIRE(port_open(sink.port));
}

static void
sink_stop(void)
{
	int st, i;

	if (sink.pid <= 0)
		return;
	kill(sink.pid, SIGTERM);
	waitpid(sink.pid, &st, 0);
	sink.pid = 0;
	for (i = 0; i < 50 && port_open(sink.port); i++)
		usleep(100000);
}

static void
flag(const char *name, int on)
{
	char	*p = itest_fmt("%s/%s", sink.dir, name);
	FILE	*f;

	if (on && (f = fopen(p, "w")) != NULL)
		fclose(f);
	else if (!on)
		unlink(p);
	free(p);
}

/* The decoded messages the sink stored, as a JSON array (caller puts). */
static struct json_object *
sink_messages(void)
{
	struct json_object	*a = json_object_new_array(), *o;
	char			*p;
	int			 n;

	for (n = 1;; n++) {
		p = itest_fmt("%s/%d.json", sink.dir, n);
		o = access(p, R_OK) == 0 ? json_object_from_file(p) : NULL;
		free(p);
		if (o == NULL)
			break;
		json_object_array_add(a, o);
	}
	return a;
}

/* How many sink messages carry Message-ID mid. */
static int
sink_count_mid(const char *mid)
{
	struct json_object	*a = sink_messages();
	size_t			 i;
	int			 n = 0;
	const char		*m;

	for (i = 0; i < json_object_array_length(a); i++)
		if ((m = itest_ostr(json_object_array_get_idx(a, i),
		    "messageId")) != NULL && strcmp(m, mid) == 0)
			n++;
	json_object_put(a);
	return n;
}

static int
mailer(const char *flag_arg)
{
	const char *const plain[] = { "mail", NULL };
	const char *const flush[] = { "mail", flag_arg, NULL };

	return itest_drecctl(NULL, flag_arg ? flush : plain);
}

/* The newest outbox row to/tpl (a copy; caller puts). */
static struct json_object *
row(const char *to, const char *tpl)
{
	struct json_object	*m = acc_outbox(to, tpl, 1, 2000);
	struct json_object	*r = NULL;

	if (json_object_array_length(m) > 0)
		r = json_object_get(json_object_array_get_idx(m, 0));
	json_object_put(m);
	ITEST_REQUIRE(r != NULL);
	return r;
}

static void
t_sink(void)
{
	char	*dir, url[64];
	int	 p;

	p = port_reserve(&sink.hold);
	ITEST_REQUIRE(p > 0);
	sink.port = p;
	dir = itest_fmt("%s/mail-sink", itest_env("DREC_VAR_DIR", "/tmp"));
	mkdir(dir, 0700);
	sink.dir = dir;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", p);
	setenv("DREC_SMTP_URL", url, 1);
	setenv("DREC_SMTP_TIMEOUT_S", "2", 1);
	sink_start();
}

/* The sink's decoded message with Message-ID mid (a copy), or NULL. */
static struct json_object *
sink_by_mid(const char *mid)
{
	struct json_object	*a = sink_messages(), *o = NULL;
	size_t			 i;
	const char		*m;

	for (i = 0; i < json_object_array_length(a) && o == NULL; i++)
		if ((m = itest_ostr(json_object_array_get_idx(a, i),
		    "messageId")) != NULL && strcmp(m, mid) == 0)
			o = json_object_get(json_object_array_get_idx(a, i));
	json_object_put(a);
	return o;
}

static void
t41_deliver(void)
{
	struct itest_resp	 r;
	struct json_object	*rows, *msgs, *o, *u8;
	size_t			 i, n;
	const char		*mid;
	char			*tok, *u8mid;

	/* A non-ASCII sender and organization: RFC 2047 subject, QP body. */
	acc_register("zoe@x.io", "Zoe12345", "Zo\u00eb Solar", "Developer",
	    "Zo\u00eb", "Q", NULL);
	tok = itest_login("zoe@x.io", "Zoe12345");
	ITEST_REQUIRE(tok != NULL);
	itest_post("/api/invitation", tok, "{\"email\":\"u8@x.io\","
	    "\"role\":\"User\"}", &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
	free(tok);
	u8 = acc_outbox("u8@x.io", "invitation", 1, 0);
	ITEST_REQUIRE(json_object_array_length(u8) == 1);
	u8mid = strdup(itest_ostr(u8, "0.messageId"));
	json_object_put(u8);
	{
		const char *const	 one[] = { "mail", NULL };
		char			*out = NULL;

		/* Housekeeping (§8.3): #7-#13's forget-password attempts are
		 * more than 24 h old by now. */
		ITEST_ASSERT_R(NULL, itest_drecctl(&out, one) == 0 && out &&
		    strstr(out, "\"reaped\":0}") == NULL &&
		    strstr(out, "\"reaped\":") != NULL);
		free(out);
	}
	o = sink_by_mid(u8mid);
	ITEST_REQUIRE(o != NULL);
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o, "subject"),
	    "[D-REC] Zo\xc3\xab Q invited you to Zo\xc3\xab Solar") == 0);
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o,
	    "headers.Content-Transfer-Encoding"), "quoted-printable") == 0);
	ITEST_ASSERT_R(NULL, strstr(itest_ostr(o, "body"),
	    "Zo\xc3\xab Q invited you to join Zo\xc3\xab Solar") != NULL);
	json_object_put(o);
	free(u8mid);
	itest_get("/api/test/outbox?limit=100", acc.a_tok, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	rows = itest_jget(&r, "messages");
	n = json_object_array_length(rows);
	ITEST_ASSERT_R(&r, n > 10);
	msgs = sink_messages();
	ITEST_ASSERT_R(&r, json_object_array_length(msgs) == n);
	for (i = 0; i < n; i++) {
		o = json_object_array_get_idx(rows, i);
		mid = itest_ostr(o, "messageId");
		ITEST_ASSERT_R(&r, strcmp(itest_ostr(o, "status"), "sent") == 0);
		ITEST_ASSERT_R(&r, itest_oisnull(o, "body"));
		ITEST_ASSERT_R(&r, mid != NULL && sink_count_mid(mid) == 1);
	}
	o = json_object_array_get_idx(msgs, 0);
	ITEST_ASSERT_R(NULL, o && strcmp(itest_ostr(o, "from"),
	    "D-REC <no-reply@drec.test>") == 0);
	ITEST_ASSERT_R(NULL, o && strcmp(itest_ostr(o,
	    "headers.Content-Transfer-Encoding"), "7bit") == 0);
	ITEST_ASSERT_R(NULL, o && strcmp(itest_ostr(o,
	    "headers.Auto-Submitted"), "auto-generated") == 0);
	json_object_put(msgs);
	itest_resp_free(&r);
}

/*
 * FP b@x.io, then one mailer pass that cannot deliver: the row stays
 * pending after 1 attempt with its error.  Its Message-ID, malloc'd.
 */
static char *
forget_then_retry(void)
{
	struct itest_resp	 r;
	struct json_object	*o;
	char			*mid;

	itest_post("/api/user/forget-password", NULL, "{\"email\":\"b@x.io\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	usleep(300000);
	ITEST_ASSERT_R(NULL, mailer(NULL) == 0);
	o = row("b@x.io", "password_reset");
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o, "status"), "pending") == 0);
	ITEST_ASSERT_R(NULL, itest_oint(o, "attempts") == 1);
	ITEST_ASSERT_R(NULL, itest_ostr(o, "lastError") != NULL);
	mid = strdup(itest_ostr(o, "messageId"));
	json_object_put(o);
	return mid;
}

static void
t42_outage(void)
{
	struct json_object	*o;
	char			*mid;

	sink_stop();
	mid = forget_then_retry();
	sink_start();
	ITEST_ASSERT_R(NULL, mailer(NULL) == 0);
	ITEST_ASSERT_R(NULL, sink_count_mid(mid) == 0);	/* backoff */
	ITEST_ASSERT_R(NULL, mailer("--flush") == 0);
	ITEST_ASSERT_R(NULL, sink_count_mid(mid) == 1);
	o = row("b@x.io", "password_reset");
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o, "status"), "sent") == 0);
	json_object_put(o);
	free(mid);
}

static void
t43_bounce_slow(void)
{
	struct json_object	*o;
	char			*mid;
	char			*out = NULL;
	const char *const	 st[] = { "mail", "status", NULL };

	acc_register("bounce@x.io", "Bnc12345", "BounceCo", "Buyer", "Bo",
	    "Unce", NULL);
	ITEST_ASSERT_R(NULL, mailer(NULL) == 0);
	o = row("bounce@x.io", "confirm_email");
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o, "status"), "failed") == 0);
	ITEST_ASSERT_R(NULL, itest_oint(o, "attempts") == 1);
	json_object_put(o);
	ITEST_ASSERT_R(NULL, itest_drecctl(&out, st) == 0 && out != NULL &&
	    strstr(out, "\"failed\":1") != NULL);
	free(out);
	flag("SLOW", 1);
	mid = forget_then_retry();
	flag("SLOW", 0);
	ITEST_ASSERT_R(NULL, mailer("--flush") == 0);
	o = row("b@x.io", "password_reset");
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(o, "status"), "sent") == 0);
	json_object_put(o);
	ITEST_ASSERT_R(NULL, sink_count_mid(mid) == 2);
	free(mid);
}

/* §8.3: configuration errors exit 2, before any delivery. */
static void
t_mail_config(void)
{
	const char *const mail[] = { "mail", NULL };
	static const char *const bad[][2] = {
		{ "DREC_SMTP_URL", "http://127.0.0.1:25" },
		{ "DREC_SMTP_URL", "smtp://" },
		{ "DREC_MAIL_FROM", "no address" },
		{ "DREC_SMTP_CREDENTIALS_FILE", "/nonexistent/smtp" },
	};
	char	*keep = strdup(getenv("DREC_SMTP_URL"));
	size_t	 i;

	for (i = 0; i < NELEM(bad); i++) {
		setenv(bad[i][0], bad[i][1], 1);
		ITEST_ASSERT_R(NULL, itest_drecctl(NULL, mail) == 2);
		unsetenv(bad[i][0]);
		setenv("DREC_SMTP_URL", keep, 1);
	}
	free(keep);
}

static void
t_sink_stop(void)
{
	sink_stop();
	ITEST_ASSERT_R(NULL, !port_open(sink.port));
	if (sink.hold >= 0)
		close(sink.hold);
	sink.hold = -1;
}

void
acc_mail_register(CU_pSuite s)
{
	itest_add(s, "mail: start the SMTP sink", t_sink);
	itest_add(s, "#41 drecctl mail delivers every row once", t41_deliver);
	itest_add(s, "#42 server down, then back: delivered once", t42_outage);
	itest_add(s, "#43 5xx fails, a timeout after DATA resends", t43_bounce_slow);
	itest_add(s, "mail: configuration errors exit 2", t_mail_config);
	itest_add(s, "mail: stop the SMTP sink", t_sink_stop);
}
