/*
 * Device lists with filters (devices.md §6.2, §6.6, §6.7): the one path
 * every device list route takes.
 *
 * The statement is composed per filter shape (which filters are present,
 * and each code list's length rounded up to a power of two), so that each
 * condition is a plain sargable predicate ("d.country_code IN (?, ?)")
 * rather than "(? IS NULL OR FIND_IN_SET(...))", which hides every index.
 * A shape's text depends only on the shape key; values are always bound.
 * Prepared shapes are cached per connection (db_exec_shape).
 *
 * Catalogue membership ("groupId null at now") first reads d.held_until,
 * the latest end of any membership the device ever had (160_perf.sql):
 * a device whose held_until is null or not after now is free without a
 * look at reservation_device; the others are probed through
 * idx_reservation_device_device.  Indexes covering the order and the
 * filters (idx_device_catalogue and the per-code indexes) let MariaDB walk
 * a page, a deep page (only the page's ids are joined back to the rows) or
 * a bounded count without touching the table rows.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "db/conn.h"

#define ALL_ROWS ((int64_t)1 << 62)
#define LIST_MAX 64			/* largest IN list; values are <= 50 */
/* Parameters of a shape: groupId (3), org, lists, conds, LIMIT, OFFSET. */
#define PARAMS_MAX (24 + 4 * LIST_MAX)
#define ORDER " ORDER BY d.created_at DESC, d.id DESC"

/* Shape key bits. */
#define K_COUNT		(1ULL << 0)	/* SELECT COUNT(*) */
#define K_CATALOGUE	(1ULL << 1)
#define K_ORG		(1ULL << 2)
#define K_LIST_SHIFT	3		/* 4 code lists x 3 bits: log2 size + 1 */
#define K_SDG		(1ULL << 15)
#define K_MIN		(1ULL << 16)
#define K_MAX		(1ULL << 17)
#define K_START		(1ULL << 18)
#define K_END		(1ULL << 19)
#define K_GRID		(1ULL << 20)
#define K_DEFERRED	(1ULL << 21)	/* page ids first, then the rows */
#define K_BOUNDED	(1ULL << 22)	/* COUNT over a LIMIT */
#define K_AFTER		(1ULL << 23)	/* rows after a (created_at, id) */
#define K_SEEK		(1ULL << 24)	/* rows after a device id (cursor) */
#define K_MANAGED	(1ULL << 25)	/* org_id < 0: ApiUser -org_id's union */
#define K_FAMILY	(0x44ULL << 56)	/* 'D': device lists */

static const char *const list_cols[4] = {
	"d.country_code", "d.fuel_code", "d.device_type_code", "d.off_taker"
};

/* The code lists of f, in list_cols order. */
static void
lists_of(const struct db_device_filter *f, const char *v[4])
{
	v[0] = f->countries;
	v[1] = f->fuels;
	v[2] = f->types;
	v[3] = f->offtakers;
}

/* Number of comma-separated values of s (0 for NULL or ""). */
static int
count_values(const char *s)
{
	int n = 1;

	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		n += *s == ',';
	return n;
}

/* 3-bit size code: 0 none, k > 0 for a list padded to 2^(k-1) values. */
static unsigned
size_code(int n)
{
	unsigned k = 1;

	if (n <= 0)
		return 0;
	while ((1 << (k - 1)) < n && k < 7)
		k++;
	return k;
}

static uint64_t
shape_key(const struct db_device_filter *f, int count, int deferred)
{
	const char	*v[4];
	uint64_t	 key = K_FAMILY;
	int		 i;

	lists_of(f, v);
	key |= count ? K_COUNT : 0;
	key |= f->catalogue_only ? K_CATALOGUE : 0;
	key |= f->org_id > 0 ? K_ORG : 0;
	key |= f->org_id < 0 ? K_MANAGED : 0;
	for (i = 0; i < 4; i++)
		key |= (uint64_t)size_code(count_values(v[i])) <<
		    (K_LIST_SHIFT + 3 * i);
	key |= f->sdg_mask != 0 ? K_SDG : 0;
	key |= f->has_min ? K_MIN : 0;
	key |= f->has_max ? K_MAX : 0;
	key |= f->has_start ? K_START : 0;
	key |= f->has_end ? K_END : 0;
	key |= f->grid >= 0 ? K_GRID : 0;
	key |= f->after_id > 0 ? K_SEEK : 0;
	key |= deferred ? K_DEFERRED : 0;
	key |= count && f->count_cap > 0 ? K_BOUNDED : 0;
	return key;
}

/*
 * The single-parameter conditions after the code lists, in parameter
 * order.  "groupId null at now" is a scalar subquery, not NOT EXISTS:
 * MariaDB turns NOT EXISTS into a materialized scan of every membership
 * (exists_to_in), where this stays one index probe for the few devices
 * whose held_until is after now.  K_SEEK: rows after a device given by id
 * (the cursor of docs/api.md; an unknown id matches nothing); K_AFTER:
 * rows after a (created_at, id).
 */
static const struct {
	uint64_t	 bit;
	const char	*sql;
} conds[] = {
	{ K_SDG, "(d.sdg_benefits & ?) <> 0" },
	{ K_MIN, "d.capacity_kw >= ?" },
	{ K_MAX, "d.capacity_kw <= ?" },
	{ K_START, "d.commissioning_date >= ?" },
	{ K_END, "d.commissioning_date <= ?" },
	{ K_GRID, "d.grid_interconnection = ?" },
	{ K_CATALOGUE, "(d.held_until IS NULL OR d.held_until <= ?"
	    " OR (SELECT 1 FROM reservation_device rc"
	    " WHERE rc.device_id = d.id AND rc.member_from <= ?"
	    " AND rc.member_to > ? LIMIT 1) IS NULL)" },
	{ K_SEEK, "(d.created_at < (SELECT s.created_at FROM device s"
	    " WHERE s.id = ?) OR (d.created_at = (SELECT s.created_at"
	    " FROM device s WHERE s.id = ?) AND d.id < ?))" },
	{ K_AFTER, "(d.created_at < ? OR (d.created_at = ? AND d.id < ?))" },
};

/* The WHERE clause of shape key (its parameters: filter_params order). */
static void
where(struct strbuf *sb, uint64_t key)
{
	const char	*and = " WHERE ";
	unsigned	 code;
	size_t		 k;
	int		 i, j;

	if (key & K_ORG) {
		strbuf_puts(sb, and);
		strbuf_puts(sb, "d.organization_id = ?");
		and = " AND ";
	}
	if (key & K_MANAGED) {
		/* integrators.md §4.2: the Developer organizations it manages. */
		strbuf_puts(sb, and);
		strbuf_puts(sb, "d.organization_id IN (SELECT mo.id FROM"
		    " organization mo WHERE mo.managing_api_user_id = ?"
		    " AND mo.organization_type = 'Developer')");
		and = " AND ";
	}
	for (i = 0; i < 4; i++) {
		if ((code = (key >> (K_LIST_SHIFT + 3 * i)) & 7) == 0)
			continue;
		strbuf_puts(sb, and);
		strbuf_puts(sb, list_cols[i]);
		strbuf_puts(sb, " IN (?");
		for (j = 1; j < 1 << (code - 1); j++)
			strbuf_puts(sb, ",?");
		strbuf_putc(sb, ')');
		and = " AND ";
	}
	for (k = 0; k < NELEM(conds); k++) {
		if (!(key & conds[k].bit))
			continue;
		strbuf_puts(sb, and);
		strbuf_puts(sb, conds[k].sql);
		and = " AND ";
	}
}

/* The text of shape key (db_exec_shape's callback). */
static const char *
shape_sql(struct arena *a, uint64_t key)
{
	struct strbuf	 sb;
	const char	*out;

	strbuf_init(&sb);
	if ((key & K_COUNT) && (key & K_BOUNDED)) {
		strbuf_puts(&sb, "SELECT COUNT(*) FROM (SELECT 1 FROM device d");
		where(&sb, key);
		strbuf_puts(&sb, " LIMIT ?) t");
	} else if (key & K_COUNT) {
		strbuf_puts(&sb, "SELECT COUNT(*) FROM device d");
		where(&sb, key);
	} else if (key & K_DEFERRED) {
		strbuf_puts(&sb, "SELECT ");
		strbuf_puts(&sb, db_stmt_device_cols());
		strbuf_puts(&sb, "JOIN (SELECT d.id FROM device d");
		where(&sb, key);
		strbuf_puts(&sb, ORDER " LIMIT ? OFFSET ?) k ON k.id = d.id"
		    ORDER);
	} else {
		strbuf_puts(&sb, "SELECT ");
		strbuf_puts(&sb, db_stmt_device_cols());
		where(&sb, key);
		strbuf_puts(&sb, ORDER " LIMIT ? OFFSET ?");
	}
	out = arena_strdup(a, sb.buf);
	strbuf_cleanup(&sb);
	return out;
}

/* A value of code list i: country, fuel and type codes are ASCII columns. */
static struct db_param
code_param(int i, const char *v)
{
	return i < 3 ? db_p_key(v) : db_p_str(v);
}

/*
 * Appends the parameters of where(key) for f (after: the row that K_AFTER
 * counts from); returns the new count.  Code lists are split into the
 * arena and padded with their last value.
 */
static int
filter_params(struct arena *a, const struct db_device_filter *f,
    uint64_t key, int64_t now, const struct db_device *after,
    struct db_param *p, int n)
{
	/* The parameters of conds[] but K_AFTER, in its order. */
	const struct {
		uint64_t	 bit;
		struct db_param	 v;
		int		 times;
	} one[] = {
		{ K_SDG, db_p_int(f->sdg_mask), 1 },
		{ K_MIN, db_p_double(f->min_kw), 1 },
		{ K_MAX, db_p_double(f->max_kw), 1 },
		{ K_START, db_p_time(f->start), 1 },
		{ K_END, db_p_time(f->end), 1 },
		{ K_GRID, db_p_int(f->grid), 1 },
		{ K_CATALOGUE, db_p_time(now), 3 },
		{ K_SEEK, db_p_int(f->after_id), 3 },
	};
	const char	*v[4];
	char		*copy, *tok, *save, *last;
	unsigned	 code;
	size_t		 k;
	int		 i, j, size;

	lists_of(f, v);
	if (key & K_ORG)
		p[n++] = db_p_int(f->org_id);
	if (key & K_MANAGED)
		p[n++] = db_p_int(-f->org_id);
	for (i = 0; i < 4; i++) {
		if ((code = (key >> (K_LIST_SHIFT + 3 * i)) & 7) == 0)
			continue;
		size = 1 << (code - 1);
		copy = arena_strdup(a, v[i]);
		last = copy;
		j = 0;
		for (tok = strtok_r(copy, ",", &save); tok != NULL && j < size;
		    tok = strtok_r(NULL, ",", &save), j++)
			p[n++] = code_param(i, last = tok);
		for (; j < size; j++)
			p[n++] = code_param(i, last);
	}
	for (k = 0; k < NELEM(one); k++)
		for (j = 0; (key & one[k].bit) && j < one[k].times; j++)
			p[n++] = one[k].v;
	if (key & K_AFTER) {
		p[n++] = db_p_time(after->created);
		p[n++] = db_p_time(after->created);
		p[n++] = db_p_int(after->id);
	}
	return n;
}

/* 1 when f selects exactly the devices of one organization. */
static int
org_only(const struct db_device_filter *f)
{
	return f->org_id > 0 && !f->catalogue_only && f->countries == NULL &&
	    f->fuels == NULL && f->types == NULL && f->offtakers == NULL &&
	    f->sdg_mask == 0 && !f->has_min && !f->has_max && !f->has_start &&
	    !f->has_end && f->grid < 0 && f->after_id == 0;
}

/*
 * The total of a paged list.  Exact (f->count_cap == 0): COUNT(*) of every
 * match.  Bounded: a short page gives it without a query; after a full
 * page only the matches past the page's last row are counted (at most up
 * to count_cap in all), so a deep page walks the index once, not twice; an
 * empty page counts from the start up to count_cap.
 */
static enum err
list_total(struct db_conn *c, struct arena *a,
    const struct db_device_filter *f, int64_t now, int64_t limit,
    int64_t offset, const struct db_device *devs, int n, int64_t *total)
{
	struct db_param		 p[PARAMS_MAX];
	struct db_result	 r;
	uint64_t		 key;
	int64_t			 base = 0, cap = 0;
	enum err		 e;
	int			 np;

	key = shape_key(f, 1, 0);
	if (f->count_cap > 0) {
		if (n > 0 && n < limit) {
			*total = offset + n;
			return ERR_OK;
		}
		cap = f->count_cap;
		if (n > 0) {
			key |= K_AFTER;
			base = offset + n;
			cap = f->count_cap > base ? f->count_cap - base : 1;
		}
	}
	np = filter_params(a, f, key, now, n > 0 ? &devs[n - 1] : NULL, p, 0);
	if (key & K_BOUNDED)
		p[np++] = db_p_int(cap);
	if ((e = db_exec_shape(c, a, key, shape_sql, p, np, &r)) != ERR_OK)
		return e;
	*total = base + db_cell_int(&r, 0, 0);
	return ERR_OK;
}

enum err
db_device_list(struct db_conn *c, struct arena *a,
    const struct db_device_filter *f, int64_t now, int64_t limit,
    int64_t offset, struct db_device **devs, int *n, int64_t *total)
{
	struct db_param		 p[PARAMS_MAX];
	struct db_result	 r;
	uint64_t		 key;
	enum err		 e;
	int			 np, i;

	/* db_stmt_device_cols(): groupId at now. */
	p[0] = db_p_time(now);
	p[1] = db_p_time(now);
	p[2] = db_p_time(now);
	if (org_only(f) && offset == 0) {
		/* GET /api/device/my: one fixed statement. */
		p[3] = db_p_int(f->org_id);
		p[4] = db_p_int(limit < 0 ? ALL_ROWS : limit);
		p[5] = db_p_int(offset);
		e = db_exec(c, a, ST_DEVICE_LIST_ORG, p, 6, &r, NULL, NULL);
	} else {
		key = shape_key(f, 0, offset > 0);
		np = filter_params(a, f, key, now, NULL, p, 3);
		p[np++] = db_p_int(limit < 0 ? ALL_ROWS : limit);
		p[np++] = db_p_int(offset);
		e = db_exec_shape(c, a, key, shape_sql, p, np, &r);
	}
	if (e != ERR_OK)
		return e;
	*n = r.nrows;
	*devs = arena_alloc(a, sizeof(**devs) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		db_device_read_row(&r, i, &(*devs)[i]);
	/* Unpaged (limit < 0), the total is the row count: no COUNT(*). */
	if (limit < 0) {
		*total = r.nrows;
		return ERR_OK;
	}
	return list_total(c, a, f, now, limit, offset, *devs, *n, total);
}
