/*
 * CSV bodies into bulk-job items (integrators.md §5.2-5.4): a device row
 * per item, or one item per device of a read file (rows grouped by
 * externalId ignoring case, in order of first appearance).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "api/api.h"
#include "api/bulk_parse.h"

static uint32_t
hash_ci(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		h = (h ^ ch) * 16777619u;
	}
	return h;
}

/* The item of ext (ignoring case), or a new one; NULL on no memory. */
static struct item *
item_for(struct upload *u, const char *ext, int row, int *is_new)
{
	size_t	i, k;
	int	*ns;

	if (u->nitems * 2 >= u->nslots) {
		k = u->nslots ? u->nslots * 2 : 1024;
		if ((ns = calloc(k, sizeof(*ns))) == NULL)
			return NULL;
		for (i = 0; i < u->nitems; i++) {
			size_t h = hash_ci(u->items[i].key) & (k - 1);

			while (ns[h] != 0)
				h = (h + 1) & (k - 1);
			ns[h] = (int)i + 1;
		}
		free(u->slots);
		u->slots = ns;
		u->nslots = k;
	}
	for (i = hash_ci(ext) & (u->nslots - 1); u->slots[i] != 0;
	    i = (i + 1) & (u->nslots - 1))
		if (strcasecmp(u->items[u->slots[i] - 1].key, ext) == 0) {
			*is_new = 0;
			return &u->items[u->slots[i] - 1];
		}
	if (u->nitems == u->cap) {
		struct item *ni;

		k = u->cap ? u->cap * 2 : 256;
		if ((ni = realloc(u->items, k * sizeof(*ni))) == NULL)
			return NULL;
		u->items = ni;
		u->cap = k;
	}
	u->slots[i] = (int)u->nitems + 1;
	memset(&u->items[u->nitems], 0, sizeof(struct item));
	u->items[u->nitems].key = arena_strdup(u->c->a, ext);
	u->items[u->nitems].ext = u->items[u->nitems].key;
	u->items[u->nitems].first_row = row;
	strbuf_init(&u->items[u->nitems].in);
	*is_new = 1;
	return &u->items[u->nitems++];
}

void
api_bulk_upload_cleanup(struct upload *u)
{
	size_t i;

	for (i = 0; i < u->nitems; i++)
		strbuf_cleanup(&u->items[i].in);
	free(u->items);
	free(u->slots);
}

/* The header (row 1): columns. */
static int
on_header(struct upload *u, char **f, int nf)
{
	size_t	o = 0;
	int	i;

	if ((u->code = dom_bulk_header(u->kind, f, nf, u->map, u->need_start,
	    u->msg, sizeof(u->msg))) != E_NONE) {
		u->err_row = 1;
		return -1;
	}
	for (i = 0; i < nf && o < sizeof(u->cols); i++)
		o += (size_t)snprintf(u->cols + o, sizeof(u->cols) - o, "%s%s",
		    i ? "," : "", dom_bulk_col_name(u->kind, u->map[i]));
	return 0;
}

/* A read row: [row, end, value, start, unit] into its device's item. */
static int
on_read(struct upload *u, int row, char **f, int nf)
{
	const char	*cell[RC__N] = { NULL };
	struct item	*it;
	struct jw	 w;
	int		 i, is_new;

	for (i = 0; i < nf; i++)
		cell[u->map[i]] = f[i][0] != '\0' ? f[i] : NULL;
	if (cell[RC_EXTERNAL_ID] == NULL) {
		u->code = E_CSV_MALFORMED;
		u->err_row = row;
		snprintf(u->msg, sizeof(u->msg), "row %d has no externalId", row);
		return -1;
	}
	if ((it = item_for(u, cell[RC_EXTERNAL_ID], row, &is_new)) == NULL)
		return -1;
	jw_init(&w, &it->in);
	strbuf_putc(&it->in, is_new ? '[' : ',');
	jw_arr_open(&w);
	jw_int(&w, row);
	for (i = RC_END; i < RC__N; i++)
		jw_str(&w, cell[i]);
	jw_arr_close(&w);
	it->last_row = row;
	it->n++;
	return 0;
}

/* A device row: {"_row": r, "<column>": "<cell>", ...}; "_dup": earlier. */
static int
on_device(struct upload *u, int row, char **f, int nf)
{
	struct item	*it, *first;
	struct jw	 w;
	const char	*ext = NULL;
	char		 key[32];
	int		 i, is_new;

	for (i = 0; i < nf; i++)
		if (u->map[i] == 0 && f[i][0] != '\0')
			ext = f[i];
	/* No externalId: an item of its own, judged by the job. */
	snprintf(key, sizeof(key), "\x01row%d", row);
	if ((first = item_for(u, ext ? ext : key, row, &is_new)) == NULL)
		return -1;
	it = first;
	if (!is_new) {
		/* A duplicate: an item of its own keyed by its row. */
		if ((it = item_for(u, key, row, &is_new)) == NULL)
			return -1;
		it->ext = arena_strdup(u->c->a, ext);
	}
	jw_init(&w, &it->in);
	jw_obj_open(&w);
	jw_key(&w, "_row");
	jw_int(&w, row);
	if (it != first) {
		jw_key(&w, "_dup");
		jw_int(&w, first->first_row);
	}
	for (i = 0; i < nf; i++)
		if (f[i][0] != '\0') {
			jw_key(&w, dom_bulk_col_name(BULK_DEVICES, u->map[i]));
			jw_str(&w, f[i]);
		}
	jw_obj_close(&w);
	it->last_row = row;
	it->n = 1;
	if (ext == NULL)
		it->ext = NULL;
	return 0;
}

static int
on_record(void *ctx, int row, char **f, int nf)
{
	struct upload *u = ctx;

	if (row == 1)
		return on_header(u, f, nf);
	if (++u->rows > u->max_rows) {
		u->code = E_CSV_TOO_MANY_ROWS;
		u->err_row = row;
		snprintf(u->msg, sizeof(u->msg), "the file has more than %d data "
		    "rows; split it", u->max_rows);
		return -1;
	}
	return u->kind == BULK_READS ? on_read(u, row, f, nf) :
	    on_device(u, row, f, nf);
}

/* The CSV failure e (a 400), details.row when one. */
static void
csv_fail(struct api_call *c, enum ecode e, int row, const char *msg)
{
	struct strbuf	sb;
	struct jw	w;
	char		m[900];

	if (row > 0)
		snprintf(m, sizeof(m), "row %d: %s", row, msg);
	else
		snprintf(m, sizeof(m), "%s", msg);
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_envelope(&w, e);
	jw_key(&w, "message");
	jw_str(&w, m);
	if (row > 0) {
		jw_key(&w, "details");
		jw_obj_open(&w);
		jw_key(&w, "row");
		jw_int(&w, row);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
	api_fail_send(c, e, &sb);
}

/* Parses the body; 0, or answered 400 and -1. */
int
api_bulk_parse_csv(struct upload *u, const char *body, size_t len)
{
	struct api_call		*c = u->c;
	struct csv_error	 e;
	enum csv_status		 st;
	char			*buf;
	int			 n;

	buf = arena_alloc(c->a, len + 1);
	memcpy(buf, body ? body : "", len);
	st = dom_csv_parse(buf, len, on_record, u, &e, &n);
	if (st == CSV_OK)
		return 0;
	if (st == CSV_STOPPED && u->code != E_NONE)
		csv_fail(c, u->code, u->err_row, u->msg);
	else if (st == CSV_STOPPED)
		api_db_error(c, ERR_NOMEM);
	else
		csv_fail(c, st == CSV_ENCODING ? E_CSV_INVALID_ENCODING :
		    st == CSV_SYNTAX ? E_CSV_MALFORMED : E_CSV_EMPTY, e.row,
		    st == CSV_ENCODING ? "invalid UTF-8 or a NUL byte; save the "
		    "file as UTF-8" : e.msg);
	return -1;
}

