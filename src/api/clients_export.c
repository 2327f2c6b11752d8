/*
 * GET /api/certificate-log/expoert_perdevice/:id (sic; clients.md §6.5):
 * a reservation's certificate rows (certificates.md §9.5) as CSV, in the
 * reference's columns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "domain/csv.h"
#include "api/api.h"
#include "api/clients.h"
#include "api/reservations.h"

#define CSV_HEADER "externalId,reservation_name," \
	"certificate_issuance_startdate,certificate_issuance_enddate," \
	"readvalue_watthour,certificateTransactionUID,blockchainCertificateId\n"
#define NAME_MAX_CHARS 100

/*
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or
 * LF; a text that dom_csv_formula() finds formula-leading ('=', '+',
 * '-', '@') gets a leading "'" so that spreadsheets do not run it.
 */
static void
csv_text(struct strbuf *sb, const char *s)
{
	const char	*p;
	int		 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		strbuf_putc(sb, '"');
	if (dom_csv_formula(s))
		strbuf_putc(sb, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			strbuf_putc(sb, '"');
		strbuf_putc(sb, *p);
	}
	if (quote)
		strbuf_putc(sb, '"');
}

struct csv {
	struct strbuf			*sb;
	const struct db_reservation	*r;
};

/* One ROW as a CSV line (api_cert_res_rows' callback). */
static void
csv_row(void *arg, const struct db_certificate *ct,
    const struct db_cert_device *d)
{
	struct strbuf			*sb = ((struct csv *)arg)->sb;
	const struct db_reservation	*r = ((struct csv *)arg)->r;
	char				 s[TIME_ISO_LEN], e[TIME_ISO_LEN];

	time_format_iso(d->start, s);
	time_format_iso(d->end, e);
	csv_text(sb, d->external_id);
	strbuf_putc(sb, ',');
	csv_text(sb, r->name);
	strbuf_printf(sb, ",%s,%s,%lld,", s, e, (long long)d->wh);
	csv_text(sb, ct->transaction_uid);
	strbuf_printf(sb, ",%lld\n", (long long)ct->id);
}

/*
 * The Content-Disposition value for the reservation's name and today
 * (UTC): filename with characters outside [A-Za-z0-9._ -] as '_' (one
 * per UTF-8 character), cut to 100 characters; filename* in RFC 5987
 * encoding of the whole name.
 */
static const char *
disposition(struct api_call *c, const char *name)
{
	struct strbuf	 sb;
	const char	*p;
	char		 day[TIME_ISO_LEN];
	unsigned char	 b;
	int		 chars = 0;

	time_format_iso(c->now, day);
	day[10] = '\0';
	strbuf_init_arena(&sb, c->a);
	strbuf_puts(&sb, "attachment; filename=\"");
	for (p = name; *p != '\0' && chars < NAME_MAX_CHARS; p++) {
		b = (unsigned char)*p;
		if ((b & 0xc0) == 0x80)
			continue;	/* UTF-8 continuation byte */
		chars++;
		strbuf_putc(&sb, (b < 0x80 && (strchr("._ -", b) != NULL ||
		    (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' &&
		    (b | 0x20) <= 'z'))) ? (char)b : '_');
	}
	strbuf_printf(&sb, "_%s.csv\"; filename*=UTF-8''", day);
	for (p = name; *p != '\0'; p++) {
		b = (unsigned char)*p;
		/* RFC 5987 attr-char: ALPHA DIGIT !#$&+-.^_`|~ */
		if ((b >= '0' && b <= '9') || (b < 0x80 && (b | 0x20) >= 'a' &&
		    (b | 0x20) <= 'z') || (b != 0 && strchr("!#$&+-.^_`|~", b)
		    != NULL))
			strbuf_putc(&sb, (char)b);
		else
			strbuf_printf(&sb, "%%%02X", b);
	}
	strbuf_printf(&sb, "_%s.csv", day);
	return sb.buf;
}

void
api_cl_export_perdevice(struct api_call *c)
{
	struct db_reservation	 r;
	struct strbuf		 sb;
	struct csv		 csv = { &sb, &r };
	int64_t			 dev_org = 0;
	int			 full, rows;
	enum err		 e;

	if (api_res_resolve(c, 0, &r, &full) != 0)
		return;
	if (!full)
		dev_org = c->user.org.id;
	strbuf_init_arena(&sb, c->a);
	strbuf_puts(&sb, CSV_HEADER);
	if ((e = api_cert_res_rows(c, r.id, dev_org, csv_row, &csv, &rows)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (dev_org != 0 && rows == 0) {
		api_failf(c, E_RESERVATION_NOT_FOUND, "No certificate of "
		    "reservation %lld contains your devices", (long long)r.id);
		return;
	}
	http_add_header(c->req, "Cache-Control", "no-store");
	http_add_header(c->req, "Content-Disposition", disposition(c, r.name));
	http_respond(c->req, 200, "text/csv; charset=utf-8", sb.buf, sb.len);
}
