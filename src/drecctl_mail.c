/*
 * drecctl mail (accounts.md §8.3): delivers the outbox over SMTP with
 * libcurl.  A pass claims one due row at a time right before sending it
 * (an autocommit UPDATE under a lease that outlasts the send, so mailers
 * on several hosts never send one row at once), records the outcome, and
 * ends when nothing is due or 60 s have passed; then housekeeping.
 * Exit 0 (also when SMTP failed: rows wait), 1 database error,
 * 2 configuration error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "drecctl_mail.h"

#define PASS_MS		60000	/* a pass stops claiming after this */
#define LEASE_EXTRA_S	120	/* lease = this + smtp_timeout_s */
#define BACKOFF_MAX_S	3600
#define ERR_MAX		1000

struct mailer {
	const struct config	*cfg;
	char			 from_addr[CONFIG_STR];
	char			 user[CONFIG_STR], pass[CONFIG_STR];
	int			 auth;
	char			 holder[128];
	int			 flush;
};

struct counts {
	int	sent, retried, failed, reaped;
};

/* ---- message text (RFC 5322, RFC 2045, RFC 2047) ---- */

static void
b64(struct strbuf *sb, const unsigned char *p, size_t n)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t	i;

	for (i = 0; i + 2 < n; i += 3) {
		strbuf_putc(sb, t[p[i] >> 2]);
		strbuf_putc(sb, t[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		strbuf_putc(sb, t[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)]);
		strbuf_putc(sb, t[p[i + 2] & 63]);
	}
	if (n - i == 1) {
		strbuf_putc(sb, t[p[i] >> 2]);
		strbuf_putc(sb, t[(p[i] & 3) << 4]);
		strbuf_puts(sb, "==");
	} else if (n - i == 2) {
		strbuf_putc(sb, t[p[i] >> 2]);
		strbuf_putc(sb, t[((p[i] & 3) << 4) | (p[i + 1] >> 4)]);
		strbuf_putc(sb, t[(p[i + 1] & 15) << 2]);
		strbuf_putc(sb, '=');
	}
}

static int
is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < ' ')
			return 0;
	return 1;
}

/*
 * A header value: as is when printable ASCII, else RFC 2047 B-encoded
 * words of at most 45 bytes (cut on UTF-8 boundaries), folded.
 */
static void
put_header_text(struct strbuf *sb, const char *v)
{
	size_t	n = strlen(v), i = 0, k;

	if (is_ascii(v)) {
		strbuf_puts(sb, v);
		return;
	}
	while (i < n) {
		k = n - i > 45 ? 45 : n - i;
		while (k > 1 && i + k < n &&
		    ((unsigned char)v[i + k] & 0xc0) == 0x80)
			k--;
		if (i > 0)
			strbuf_puts(sb, "\r\n ");
		strbuf_puts(sb, "=?UTF-8?B?");
		b64(sb, (const unsigned char *)v + i, k);
		strbuf_puts(sb, "?=");
		i += k;
	}
}

/* "Name <a@b>": the name encoded, the address as is. */
static void
put_address(struct strbuf *sb, const char *v)
{
	const char	*lt = strrchr(v, '<');
	char		 name[CONFIG_STR];
	size_t		 n;

	if (lt == NULL || is_ascii(v)) {
		strbuf_puts(sb, v);
		return;
	}
	n = (size_t)(lt - v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	snprintf(name, sizeof(name), "%.*s", (int)n, v);
	put_header_text(sb, name);
	strbuf_putc(sb, ' ');
	strbuf_puts(sb, lt);
}

/* The body with CRLF lines; quoted-printable (RFC 2045 §6.7) unless ASCII. */
static void
put_body(struct strbuf *sb, const char *body, int qp)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	int			 col = 0;

	for (p = (const unsigned char *)body; *p != '\0'; p++) {
		if (*p == '\n') {
			strbuf_puts(sb, "\r\n");
			col = 0;
			continue;
		}
		if (!qp || (*p >= ' ' && *p < 0x7f && *p != '=')) {
			if (qp && col >= 75) {
				strbuf_puts(sb, "=\r\n");
				col = 0;
			}
			strbuf_putc(sb, (char)*p);
			col++;
			continue;
		}
		if (col >= 73) {
			strbuf_puts(sb, "=\r\n");
			col = 0;
		}
		strbuf_putc(sb, '=');
		strbuf_putc(sb, hex[*p >> 4]);
		strbuf_putc(sb, hex[*p & 15]);
		col += 3;
	}
	strbuf_puts(sb, "\r\n");
}

static void
compose(const struct mailer *ml, const struct db_mail *m, struct strbuf *sb)
{
	char		date[64];
	time_t		t = time(NULL);
	struct tm	tm;
	const char	*p;
	int		qp = 0;

	/* 7bit: printable ASCII lines (RFC 2045 §2.7), else quoted-printable. */
	for (p = m->body ? m->body : ""; *p != '\0' && !qp; p++)
		qp = *p != '\n' && ((unsigned char)*p < ' ' ||
		    (unsigned char)*p >= 0x7f);

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	strbuf_puts(sb, "From: ");
	put_address(sb, ml->cfg->mail_from);
	strbuf_printf(sb, "\r\nTo: %s\r\n", m->recipient);
	if (ml->cfg->mail_reply_to[0] != '\0') {
		strbuf_puts(sb, "Reply-To: ");
		put_address(sb, ml->cfg->mail_reply_to);
		strbuf_puts(sb, "\r\n");
	}
	strbuf_puts(sb, "Subject: ");
	put_header_text(sb, m->subject);
	strbuf_printf(sb, "\r\nDate: %s\r\nMessage-ID: %s\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: %s\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "X-Drec-Template: %s\r\n\r\n", date, m->message_id,
	    qp ? "quoted-printable" : "7bit", m->template);
	put_body(sb, m->body != NULL ? m->body : "", qp);
}

/* ---- SMTP ---- */

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct upload	*u = arg;
	size_t		 n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* Sends one message; 0 accepted, else *code the last SMTP reply (0 none). */
static int
smtp_send(CURL *h, const struct mailer *ml, const struct db_mail *m,
    const char *text, long *code, char *err, size_t errlen)
{
	struct curl_slist	*rcpt = NULL;
	struct upload		 up = { text, strlen(text) };
	char			 from[CONFIG_STR + 2], to[300], cerr[CURL_ERROR_SIZE];
	const char		*tls = ml->cfg->smtp_tls;
	CURLcode		 rc;

	snprintf(from, sizeof(from), "<%s>", ml->from_addr);
	snprintf(to, sizeof(to), "<%s>", m->recipient);
	rcpt = curl_slist_append(NULL, to);
	cerr[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, ml->cfg->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE, (long)up.left);
	curl_easy_setopt(h, CURLOPT_USE_SSL, strcmp(tls, "required") == 0 ?
	    (long)CURLUSESSL_ALL : strcmp(tls, "try") == 0 ?
	    (long)CURLUSESSL_TRY : (long)CURLUSESSL_NONE);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ml->cfg->smtp_ca_file[0] != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, ml->cfg->smtp_ca_file);
	if (ml->auth) {
		curl_easy_setopt(h, CURLOPT_USERNAME, ml->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, ml->pass);
	}
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)ml->cfg->smtp_timeout_s);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)ml->cfg->smtp_timeout_s);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	rc = curl_easy_perform(h);
	*code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK)
		return 0;
	/* curl's text names hosts and replies, never the credentials. */
	snprintf(err, errlen, "%s (curl %d%s%ld)", cerr[0] ? cerr :
	    curl_easy_strerror(rc), (int)rc, *code ? ", SMTP " : "", *code);
	return -1;
}

/* ---- a pass ---- */

/* Delivers the claimed row id; updates counts.  ERR_* of the database. */
static enum err
deliver(struct db_conn *c, CURL *h, const struct mailer *ml, int64_t id,
    struct counts *n)
{
	struct arena	*a;
	struct db_mail	 m;
	struct strbuf	 text;
	char		 err[ERR_MAX + 1];
	long		 code;
	int64_t		 delay;
	enum err	 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	if ((e = db_mail_get(c, a, id, ml->holder, &m)) != ERR_OK) {
		arena_free(a);
		return e == ERR_NOTFOUND ? ERR_OK : e;
	}
	strbuf_init(&text);
	compose(ml, &m, &text);
	if (smtp_send(h, ml, &m, text.buf, &code, err, sizeof(err)) == 0) {
		e = db_mail_sent(c, id, ml->holder);
		n->sent++;
	} else if (code >= 500 && code < 600) {
		e = db_mail_fail(c, id, ml->holder, err);
		n->failed++;
	} else {
		delay = 30;
		if (m.attempts > 1)
			delay = m.attempts - 1 >= 7 ? BACKOFF_MAX_S :
			    30LL << (m.attempts - 1);
		if (delay > BACKOFF_MAX_S)
			delay = BACKOFF_MAX_S;
		e = db_mail_retry(c, id, ml->holder, err, (int)delay,
		    ml->cfg->mail_max_attempts);
		if (m.attempts >= ml->cfg->mail_max_attempts)
			n->failed++;
		else
			n->retried++;
	}
	strbuf_cleanup(&text);
	arena_free(a);
	return e;
}

static int
one_pass(const struct mailer *ml)
{
	struct db_conn	*c;
	struct counts	 n = { 0 };
	struct db_reap	 r;
	CURL		*h;
	int64_t		 start, id, now, t0 = time_mono_us();
	int		 claimed, rc = 0;
	char		 err[512];
	enum err	 e;

	if ((c = db_connect_one(ml->cfg, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "drecctl: %s\n", err);
		return 1;
	}
	if ((h = curl_easy_init()) == NULL) {
		db_close_one(c);
		return 1;
	}
	if ((e = db_mail_db_now(c, &start)) != ERR_OK)
		goto dberr;
	while (time_mono_us() - t0 < (int64_t)PASS_MS * 1000) {
		if ((e = db_mail_next(c, ml->flush, start, &id)) == ERR_NOTFOUND)
			break;
		if (e != ERR_OK ||
		    (e = db_mail_claim(c, id, ml->holder, LEASE_EXTRA_S +
		    ml->cfg->smtp_timeout_s, ml->flush, &claimed)) != ERR_OK)
			goto dberr;
		if (claimed && (e = deliver(c, h, ml, id, &n)) != ERR_OK)
			goto dberr;
	}
	if ((e = db_clock_now(c, ml->cfg->profile, &now, NULL)) != ERR_OK ||
	    (e = db_accounts_reap(c, now, ml->cfg->mail_retention_days, &r)) !=
	    ERR_OK)
		goto dberr;
	n.reaped = r.stale_users + r.tokens + r.attempts + r.mails +
	    r.invitations;
	printf("{\"sent\":%d,\"retried\":%d,\"failed\":%d,\"reaped\":%d}\n",
	    n.sent, n.retried, n.failed, n.reaped);
	fflush(stdout);
	goto out;
dberr:
	fprintf(stderr, "drecctl: mail: database error: %s\n", err_name(e));
	rc = 1;
out:
	curl_easy_cleanup(h);
	db_close_one(c);
	return rc;
}

/* ---- configuration ---- */

/* 0, or 2 with a message: smtp_url, mail_from, credentials. */
static int
mailer_init(const struct config *cfg, struct mailer *ml, int flush)
{
	const char	*u = cfg->smtp_url, *host;
	char		 line[2 * CONFIG_STR], hn[64], *colon;
	FILE		*f;
	size_t		 n;

	memset(ml, 0, sizeof(*ml));
	ml->cfg = cfg;
	ml->flush = flush;
	host = strncmp(u, "smtp://", 7) == 0 ? u + 7 :
	    strncmp(u, "smtps://", 8) == 0 ? u + 8 : NULL;
	if (host == NULL || *host == '\0' || *host == ':' || *host == '/' ||
	    strpbrk(u, " \t\r\n@?#") != NULL) {
		fprintf(stderr, "drecctl: smtp_url: must be smtp://host[:port] "
		    "or smtps://host[:port]\n");
		return 2;
	}
	if (config_mail_address(cfg->mail_from, ml->from_addr,
	    sizeof(ml->from_addr)) != 0) {
		fprintf(stderr, "drecctl: mail_from: must be \"Name <a@b>\" or "
		    "\"a@b\"\n");
		return 2;
	}
	if (cfg->smtp_credentials_file[0] != '\0') {
		if ((f = fopen(cfg->smtp_credentials_file, "r")) == NULL) {
			fprintf(stderr, "drecctl: smtp_credentials_file: cannot "
			    "read %s\n", cfg->smtp_credentials_file);
			return 2;
		}
		line[0] = '\0';
		if (fgets(line, sizeof(line), f) == NULL)
			line[0] = '\0';
		fclose(f);
		n = strlen(line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if ((colon = strchr(line, ':')) == NULL || colon == line ||
		    strlen(colon + 1) >= sizeof(ml->pass) ||
		    (size_t)(colon - line) >= sizeof(ml->user)) {
			memset(line, 0, sizeof(line));
			fprintf(stderr, "drecctl: smtp_credentials_file: one "
			    "line user:password expected\n");
			return 2;
		}
		*colon = '\0';
		snprintf(ml->user, sizeof(ml->user), "%s", line);
		snprintf(ml->pass, sizeof(ml->pass), "%s", colon + 1);
		memset(line, 0, sizeof(line));
		ml->auth = 1;
	}
	if (gethostname(hn, sizeof(hn)) != 0)
		snprintf(hn, sizeof(hn), "host");
	hn[sizeof(hn) - 1] = '\0';
	snprintf(ml->holder, sizeof(ml->holder), "%.60s:%ld:%lx", hn,
	    (long)getpid(), (unsigned long)time_mono_us());
	return 0;
}

static int
mail_status(const struct config *cfg)
{
	struct db_conn	*c;
	int64_t		 now, pending = 0, failed = 0, oldest = 0;
	char		 err[512];
	enum err	 e;

	if ((c = db_connect_one(cfg, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "drecctl: %s\n", err);
		return 1;
	}
	if ((e = db_clock_now(c, cfg->profile, &now, NULL)) == ERR_OK)
		e = db_mail_status(c, now, &pending, &failed, &oldest);
	db_close_one(c);
	if (e != ERR_OK) {
		fprintf(stderr, "drecctl: mail status: %s\n", err_name(e));
		return 1;
	}
	printf("{\"pending\":%lld,\"failed\":%lld,\"oldestPendingSeconds\":%lld}\n",
	    (long long)pending, (long long)failed, (long long)oldest);
	return 0;
}

static int
mail_retry(const struct config *cfg, const char *arg)
{
	struct db_conn	*c;
	char		*end, err[512];
	long long	 id;
	enum err	 e;

	id = strtoll(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || id < 1) {
		fprintf(stderr, "drecctl: mail retry: ID must be a positive "
		    "integer\n");
		return 2;
	}
	if ((c = db_connect_one(cfg, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "drecctl: %s\n", err);
		return 1;
	}
	e = db_mail_requeue(c, id);
	db_close_one(c);
	if (e == ERR_NOTFOUND) {
		fprintf(stderr, "drecctl: mail retry: no failed message %lld\n", id);
		return 1;
	}
	if (e != ERR_OK) {
		fprintf(stderr, "drecctl: mail retry: %s\n", err_name(e));
		return 1;
	}
	printf("message %lld requeued\n", id);
	return 0;
}

int
cmd_mail(const struct config *cfg, int argc, char *argv[])
{
	struct mailer	ml;
	int		i, every = 0, flush = 0, rc;

	if (argc >= 2 && strcmp(argv[1], "status") == 0)
		return mail_status(cfg);
	if (argc >= 3 && strcmp(argv[1], "retry") == 0)
		return mail_retry(cfg, argv[2]);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--flush") == 0)
			flush = 1;
		else if (strcmp(argv[i], "--every") == 0 && i + 1 < argc &&
		    (every = atoi(argv[i + 1])) >= 1)
			i++;
		else {
			fprintf(stderr, "usage: drecctl mail [--every S] "
			    "[--flush] | status | retry ID\n");
			return 2;
		}
	}
	if ((rc = mailer_init(cfg, &ml, flush)) != 0)
		return rc;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 1;
	for (;;) {
		rc = one_pass(&ml);
		if (every == 0)
			break;
		sleep((unsigned)every);
	}
	curl_global_cleanup();
	memset(ml.pass, 0, sizeof(ml.pass));
	return rc;
}
