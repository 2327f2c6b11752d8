/*
 * Queries of the routes for existing clients (clients.md §5-6).  The
 * statements are in stmt_clients.inc.
 */
#include <string.h>

#include "core/arena.h"
#include "db/clients.h"

enum err
db_cl_autocomplete(struct db_conn *c, struct arena *a, int64_t org_id,
    const char *prefix, int64_t now, struct db_device **out, int *n)
{
	struct db_param		 p[6];
	struct db_result	 r;
	char			*pat, *o;
	const char		*s;
	enum err		 e;
	int			 i;

	*n = 0;
	/* LIKE pattern: '%', '_' and the escape '!' itself taken literally. */
	if ((pat = arena_alloc(a, 2 * strlen(prefix) + 2)) == NULL)
		return ERR_NOMEM;
	for (o = pat, s = prefix; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*o++ = '!';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	p[0] = db_p_time(now);
	p[1] = db_p_time(now);
	p[2] = db_p_time(now);
	p[3] = db_p_int(org_id);
	p[4] = db_p_int(org_id);
	p[5] = db_p_str(pat);
	if ((e = db_exec(c, a, ST_CL_AUTOCOMPLETE, p, 6, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((*out = arena_alloc(a, sizeof(**out) * (size_t)(r.nrows + 1))) ==
	    NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++)
		db_device_row(&r, i, &(*out)[i]);
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_cl_cert_spans(struct db_conn *c, struct arena *a, int64_t res_id,
    int64_t dev_org, int64_t device, int64_t limit, int64_t offset,
    struct db_cl_span **out, int *n, int64_t *total)
{
	struct db_param		 p[7];
	struct db_result	 r;
	struct db_cl_span	*v;
	enum err		 e;
	int			 i;

	*n = 0;
	*total = 0;
	p[0] = db_p_int(res_id);
	p[1] = db_p_int(dev_org);
	p[2] = db_p_int(dev_org);
	p[3] = db_p_int(device);
	p[4] = db_p_int(device);
	p[5] = db_p_int(limit);
	p[6] = db_p_int(offset);
	if ((e = db_exec(c, a, ST_CL_CERT_SPANS_COUNT, p, 5, &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	*total = r.nrows > 0 ? db_cell_int(&r, 0, 0) : 0;
	if ((e = db_exec(c, a, ST_CL_CERT_SPANS, p, 7, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		v[i].device_id = db_cell_int(&r, i, 0);
		v[i].external_id = db_cell(&r, i, 1);
		v[i].internal_external_id = db_cell(&r, i, 2);
		v[i].first_start = db_cell_ms(&r, i, 3);
		v[i].last_end = db_cell_ms(&r, i, 4);
		v[i].wh = db_cell_int(&r, i, 5);
	}
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_cl_redemptions(struct db_conn *c, struct arena *a, int64_t buyer_org,
    int has_start, int64_t start, int has_end, int64_t end,
    struct db_cl_redemption **out, int *n)
{
	struct db_param			 p[6];
	struct db_result		 r;
	struct db_cl_redemption		*v;
	enum err			 e;
	int				 i;

	*n = 0;
	p[0] = db_p_int(buyer_org);
	p[1] = db_p_int(buyer_org);
	p[2] = has_start ? db_p_time(start) : db_p_null();
	p[3] = p[2];
	p[4] = has_end ? db_p_time(end) : db_p_null();
	p[5] = p[4];
	if ((e = db_exec(c, a, ST_CL_REDEMPTIONS, p, 6, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		v[i].certificate_id = db_cell_int(&r, i, 0);
		v[i].reservation_id = db_cell_int(&r, i, 1);
		v[i].reservation_uid = db_cell(&r, i, 2);
		v[i].energy_wh = db_cell_int(&r, i, 3);
		v[i].country_code = db_cell(&r, i, 4);
		v[i].beneficiary = db_cell(&r, i, 5);
		v[i].purpose = db_cell(&r, i, 6);
		v[i].claimed_at = db_cell_ms(&r, i, 7);
		v[i].recorded_at = db_cell_ms(&r, i, 8);
	}
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}
