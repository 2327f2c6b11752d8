/*
 * The caller's organization's users (users.md §4.8); GET
 * /api/organization/me is in members.c (accounts.md §6.2).
 */
#include "api/api.h"
#include "api/inputs.h"

void
api_users_page(struct api_call *c, const struct db_user_filter *f,
    int64_t page, int64_t limit)
{
	struct db_user	*u;
	struct strbuf	 sb;
	struct jw	 w;
	int64_t		 total;
	int		 n, i;
	enum err	 e;

	e = f == NULL ? db_managed_user_list(c->db, c->a, c->au.id, limit,
	    (page - 1) * limit, &u, &n, &total) :
	    db_user_list(c->db, c->a, f, limit, (page - 1) * limit, &u, &n,
	    &total);
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "users");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_user(&w, &u[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* GET /api/organization/users: paging only. */
struct org_users_in {
	struct api_pageq	pq;
	int64_t			page, limit;
};

static const struct jfield org_users_query[] = {
	API_QPAGE(struct org_users_in, pq),
	API_QLIMIT(struct org_users_in, pq, "Per page, 1-100 (default 20)"),
};

static int
org_users_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct org_users_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	return 0;
}

const struct api_input api_in_org_users = {
	.size = sizeof(struct org_users_in),
	.query = JTABLE(org_users_query, struct org_users_in),
	.code = E_INVALID_QUERY,
	.check = org_users_check,
	.doc = "Lists the members of the caller's organization",
};

void
api_org_users(struct api_call *c)
{
	const struct org_users_in *q = c->in;
	struct db_user_filter	 f = { 0 };

	if (c->role_bit == ROLE_APIUSER) {
		api_users_page(c, NULL, q->page, q->limit);	/* integrators §4.1 */
		return;
	}
	f.org_id = c->user.org.id;
	f.hide_deleted = 1;
	f.hide_pending = 1;	/* accounts.md §2.1: invitees are not members */
	f.now = c->now;
	api_users_page(c, &f, q->page, q->limit);
}
