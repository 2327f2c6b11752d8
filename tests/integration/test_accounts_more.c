/*
 * itest_accounts: the rows that run after the mail rows (accounts.md §13
 * 44-48), §7.3's empty-organization deletion and §6.1's concurrent
 * demotion.  State and helpers shared with test_accounts_inv.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_accounts.h"

#define INV	"/api/invitation"

/* ---- rows 36-39: the Admin's organization routes ---- */

static void
t36_admin_patch(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.devco), *upd;

	itest_get(p, acc.a_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jhas(&r, "invitations"));
	itest_resp_free(&r);
	itest_request("PATCH", p, acc.a_tok, NULL,
	    "{\"name\":\"DevCo2\",\"address\":\"\",\"zipCode\":\"1\"}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "DevCo2");
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "address"));
	upd = strdup(itest_jstr(&r, "updatedAt"));
	itest_resp_free(&r);
	ACC_ERR("PATCH", p, acc.a_tok, "{\"organizationType\":\"Buyer\"}", 400,
	    "FIELD_NOT_UPDATABLE");
	acc_advance(1);
	itest_request("PATCH", p, acc.a_tok, NULL, "{}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "updatedAt", upd);
	itest_resp_free(&r);
	ACC_ERR("PATCH", p, acc.a_tok, "{\"name\":\" buyco \"}", 409,
	    "ORGANIZATION_NAME_TAKEN");
	ACC_ERR("PATCH", "/api/admin/organizations/999999", acc.a_tok,
	    "{\"name\":\"Z\"}", 404, "ORGANIZATION_NOT_FOUND");
	ACC_ERR("PATCH", p, acc.b_tok, "{\"name\":\"Z\"}", 403, "FORBIDDEN");
	free(p);
	free(upd);
}

static void
t37_suspend(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.devco), *q = itest_fmt("?organizationId=%lld", acc.devco);

	itest_request("PATCH", p, acc.a_tok, NULL, "{\"status\":\"suspended\"}",
	    NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Suspended");
	itest_resp_free(&r);
	ACC_ERR("GET", "/api/user/me", inv_st.p_tok, NULL, 401, "UNAUTHORIZED");
	ITEST_ASSERT_R(NULL, itest_login("p@x.io", "Pend1234") == NULL);
	inv(acc.a_tok, q, "q@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ORGANIZATION_SUSPENDED");
	itest_resp_free(&r);
	itest_request("PATCH", p, acc.a_tok, NULL, "{\"status\":\"Active\"}",
	    NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(inv_st.p_tok);
	inv_st.p_tok = itest_login("p@x.io", "Pend1234");
	ITEST_ASSERT_R(NULL, inv_st.p_tok != NULL);
	free(p);
	free(q);
}

static void
t38_admin_org(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.super_org), *q = itest_fmt("?organizationId=%lld", acc.super_org);

	ACC_ERR("PATCH", p, acc.a_tok, "{\"status\":\"Suspended\"}", 400,
	    "CANNOT_SUSPEND_ADMIN_ORGANIZATION");
	inv(acc.a_tok, q, "q@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	itest_resp_free(&r);
	ACC_ERR("DELETE", p, acc.a_tok, NULL, 400, "ADMIN_ORGANIZATION_PROTECTED");
	free(p);
	free(q);
}

static void
t39_admin_users(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/user/%lld", inv_st.own_id);
	char			*q = itest_fmt("/api/admin/user/%lld", acc.a_id);
	char			*u = itest_fmt("/api/admin/organizations/user/%lld"
	    "?status=pending&limit=100", acc.buyco), *v;
	long long		 s1 = -1;
	size_t			 i;
	struct json_object	*a;

	itest_request("DELETE", p, acc.a_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, itest_login("own@x.io", "Own12345") == NULL);
	ACC_ERR("DELETE", q, acc.a_tok, NULL, 400, "CANNOT_CHANGE_OWN_STATUS");
	itest_get(u, acc.a_tok, &r);
	a = itest_jget(&r, "users");
	for (i = 0; a != NULL && i < json_object_array_length(a); i++)
		if (strcmp(itest_ostr(json_object_array_get_idx(a, i), "email"),
		    "s1@x.io") == 0)
			s1 = itest_oint(json_object_array_get_idx(a, i), "id");
	ITEST_ASSERT_JINT(&r, "totalCount", 50);
	itest_resp_free(&r);
	ITEST_REQUIRE(s1 > 0);
	v = itest_fmt("/api/admin/users/%lld", s1);
	ACC_ERR("PUT", v, acc.a_tok, "{\"status\":\"Active\"}", 409,
	    "USER_PENDING");
	free(u);
	u = itest_fmt("/api/admin/organizations/user/%lld", acc.buyco);
	itest_get(u, acc.a_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 52);
	itest_resp_free(&r);
	free(p);
	free(q);
	free(u);
	free(v);
}

static const struct { const char *name; CU_TestFunc fn; } admin_rows[] = {
	{ "#36 Admin PATCH organization", t36_admin_patch },
	{ "#37 suspension blocks the organization's users", t37_suspend },
	{ "#38 Admin organization protected", t38_admin_org },
	{ "#39 Admin user deletion, USER_PENDING", t39_admin_users },
};

void
acc_admin_register(CU_pSuite su)
{
	size_t i;

	for (i = 0; i < NELEM(admin_rows); i++)
		itest_add(su, admin_rows[i].name, admin_rows[i].fn);
}

/* ---- after the mail rows ---- */

static void
t45_silent(void)
{
	struct itest_resp	 r;
	long long		 id;
	char			*p;

	id = inv_ok(inv_st.p_tok, NULL, "b@x.io", "User", "DevCo2");
	ITEST_ASSERT_R(NULL, acc_outbox_count("b@x.io", "invitation") == 0);
	inv(inv_st.p_tok, NULL, "b@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_PENDING");
	itest_resp_free(&r);
	p = itest_fmt(INV "/%lld", id);
	ACC_ERR("PUT", p, acc.b_tok, "{\"status\":\"Accepted\"}", 404,
	    "INVITATION_NOT_FOUND");
	itest_request("DELETE", p, inv_st.p_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Revoked");
	itest_resp_free(&r);
	free(p);
}

static void
t46_mail_cap(void)
{
	struct itest_resp	 r;
	long long		 id = 0;
	char			*p;
	int			 i;

	for (i = 0; i < 4; i++) {
		id = inv_ok(inv_st.p_tok, NULL, "m@x.io", "User", "DevCo2");
		if (i == 3)
			break;
		p = itest_fmt(INV "/%lld", id);
		itest_request("DELETE", p, inv_st.p_tok, NULL, NULL, NULL, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
		free(p);
	}
	ITEST_ASSERT_R(NULL, acc_outbox_count("m@x.io", "invitation") == 3);
	itest_get(INV "?status=Pending", inv_st.p_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    id) >= 0);
	itest_resp_free(&r);
}

static void
t48_invitees_unseen(void)
{
	struct itest_resp	 r;
	struct json_object	*a;
	long long		 w_inv, b_inv, w_id = -1;
	size_t			 i;
	char			*p;

	w_inv = inv_ok(inv_st.p_tok, NULL, "w@x.io", "User", "DevCo2");
	b_inv = inv_ok(inv_st.p_tok, NULL, "b@x.io", "User", "DevCo2");
	itest_get(INV "?status=pending", inv_st.p_tok, &r);
	a = itest_jget(&r, "invitations");
	ITEST_ASSERT_R(&r, itest_find_int(a, "id", w_inv) >= 0 &&
	    itest_find_int(a, "id", b_inv) >= 0);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitations.0") == 9 &&
	    itest_jlen(&r, "invitations.1") == 9);
	itest_resp_free(&r);
	itest_get("/api/organization/users", inv_st.p_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	itest_resp_free(&r);
	p = itest_fmt("/api/admin/organizations/user/%lld?status=pending",
	    acc.devco);
	itest_get(p, acc.a_tok, &r);
	a = itest_jget(&r, "users");
	for (i = 0; a != NULL && i < json_object_array_length(a); i++) {
		struct json_object *u = json_object_array_get_idx(a, i);

		if (strcmp(itest_ostr(u, "email"), "w@x.io") == 0)
			w_id = itest_oint(u, "id");
		ITEST_ASSERT_R(&r, strcmp(itest_ostr(u, "email"), "b@x.io") != 0);
	}
	itest_resp_free(&r);
	free(p);
	ITEST_REQUIRE(w_id > 0);
	cr(inv_st.p_tok, acc.devco, w_id, "DeviceOwner", 404, "USER_NOT_FOUND");
	p = itest_fmt("/api/organization/user/%lld", w_id);
	ACC_ERR("DELETE", p, inv_st.p_tok, NULL, 404, "USER_NOT_FOUND");
	free(p);
	p = itest_fmt(INV "/%lld", w_inv);
	itest_request("DELETE", p, inv_st.p_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Revoked");
	itest_resp_free(&r);
	free(p);
}

/* §7.3: an empty organization is deleted, one with devices is not. */
static void
t_org_delete(void)
{
	struct itest_resp	 r;
	long long		 org;
	char			*p;

	acc_register("e@x.io", "Eee12345", "EmptyCo", "Buyer", "E", "E", &org);
	p = itest_fmt("/api/admin/organizations/%lld", org);
	itest_request("DELETE", p, acc.a_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "deletedUsers", 1);
	itest_resp_free(&r);
	ACC_ERR("GET", p, acc.a_tok, NULL, 404, "ORGANIZATION_NOT_FOUND");
	ITEST_ASSERT_R(NULL, itest_login("e@x.io", "Eee12345") == NULL);
	free(p);
	/* The name and the e-mail are free again. */
	acc_register("e@x.io", "Eee12345", "EmptyCo", "Buyer", "E", "E", NULL);
}

/* ---- #44: a stack with email_confirmation_required = true ---- */

static char	*conf_saved;	/* the stack's drec.conf before #44 */

/* SIGHUP to the stack's drecd master (it re-reads its configuration). */
static int
drecd_reload(void)
{
	char	*p = itest_fmt("%s/run/drecd.pid", itest_env("DREC_VAR_DIR",
	    "."));
	FILE	*f = fopen(p, "r");
	long	 pid = 0;

	free(p);
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return pid > 1 ? kill((pid_t)pid, SIGHUP) : -1;
}

static int
conf_write(const char *text)
{
	char	*p = itest_fmt("%s/drec.conf", itest_env("DREC_VAR_DIR", "."));
	FILE	*f = fopen(p, "w");
	int	 ok = f != NULL && fputs(text, f) >= 0;

	if (f != NULL && fclose(f) != 0)
		ok = 0;
	free(p);
	return ok ? drecd_reload() : -1;
}

/*
 * Polls GET path as tok until it answers want 20 times in a row (old
 * workers drain after a reload and may still answer for a while); at
 * most 20 s.
 */
static int
await_status(const char *path, const char *tok, long want)
{
	long	st = 0;
	int	i, row = 0;

	for (i = 0; i < 400 && row < 20; i++) {
		st = itest_raw("GET", path, tok, NULL, NULL, NULL, NULL);
		row = st == want ? row + 1 : 0;
		if (row == 0)
			usleep(50000);
	}
	if (row < 20)
		printf("\n  (GET %s kept answering %ld, not %ld)", path, st,
		    want);
	return row == 20;
}

void
acc_conf_restore(void)
{
	if (conf_saved != NULL) {
		conf_write(conf_saved);
		free(conf_saved);
		conf_saved = NULL;
	}
}

static void
t44_confirmation_required(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("%s/drec.conf",
	    itest_env("DREC_VAR_DIR", ".")), *t, *g, *h, *au, *on;

	conf_saved = acc_slurp(p);
	free(p);
	ITEST_REQUIRE(strlen(conf_saved) > 0);
	acc_register("g@x.io", "Ggg12345", "GCo", "Developer", "G", "G", NULL);
	g = itest_login("g@x.io", "Ggg12345");
	ITEST_REQUIRE(g != NULL);
	/* An unconfirmed ApiUser (integrators.md §2.1), no scope yet. */
	acc_register("au@x.io", "Auu12345", "AuCo", "ApiUser", "A", "U", NULL);
	au = itest_login("au@x.io", "Auu12345");
	ITEST_REQUIRE(au != NULL);
	on = itest_fmt("%semail_confirmation_required = true\n", conf_saved);
	ITEST_REQUIRE(conf_write(on) == 0);
	free(on);
	ITEST_ASSERT_R(NULL, await_status("/api/device/my", g, 403));
	itest_get("/api/device/my", g, &r);
	ITEST_ASSERT_ERROR(&r, 403, "EMAIL_NOT_CONFIRMED");
	itest_resp_free(&r);
	itest_get("/api/user/me", g, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	/*
	 * The restricted-session check comes before the ApiUser role step:
	 * not FORBIDDEN, API_USER_NOT_APPROVED or INVALID_FIELD, also when
	 * registering under an api_user_id.
	 */
	itest_get("/api/admin/users", au, &r);
	ITEST_ASSERT_ERROR(&r, 403, "EMAIL_NOT_CONFIRMED");
	itest_resp_free(&r);
	itest_get("/api/apiuser/organizations", au, &r);
	ITEST_ASSERT_ERROR(&r, 403, "EMAIL_NOT_CONFIRMED");
	itest_resp_free(&r);
	itest_post("/api/user/register", au, "{\"api_user_id\":\"3f1c2a44-"
	    "9b1e-4c55-8d0e-2b7f7a8a9c01\",\"organizationType\":\"buyer\"}",
	    &r);
	ITEST_ASSERT_ERROR(&r, 403, "EMAIL_NOT_CONFIRMED");
	itest_resp_free(&r);
	itest_get("/api/user/me", au, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "api_user_id") != NULL);
	itest_resp_free(&r);
	t = acc_token("g@x.io", "confirm_email", 0);
	p = itest_fmt("/api/user/confirm-email/%s", t);
	itest_request("PUT", p, NULL, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_get("/api/device/my", g, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	/* Back to the default: an unconfirmed user is not restricted. */
	acc_register("h@x.io", "Hhh12345", "HCo", "Developer", "H", "H", NULL);
	h = itest_login("h@x.io", "Hhh12345");
	ITEST_REQUIRE(h != NULL);
	acc_conf_restore();
	ITEST_ASSERT_R(NULL, await_status("/api/device/my", h, 200));
	free(p);
	free(t);
	free(g);
	free(h);
	free(au);
}

/* ---- §6.1: two managers demoting each other at once ---- */

struct demote {
	const char	*tok;
	char		*path;
	long		 status;
};

static void *
demote_run(void *arg)
{
	struct demote *d = arg;

	d->status = itest_raw("PUT", d->path, d->tok, "{\"role\":\"User\"}",
	    NULL, NULL, NULL);
	return NULL;
}

static void
t_concurrent_demotion(void)
{
	struct demote		 d[2];
	struct itest_resp	 r;
	pthread_t		 th[2];
	long long		 org, x, y;
	char			*b, *e, *tx, *ty, *p;
	int			 round, ok, i, left;

	for (round = 0; round < 5; round++) {
		e = itest_fmt("mx%d@x.io", round);
		b = itest_fmt("MCo%d", round);
		x = acc_register(e, "Mgr12345", b, "Developer", "M", "X", &org);
		tx = itest_login(e, "Mgr12345");
		free(e);
		free(b);
		e = itest_fmt("my%d@x.io", round);
		b = itest_fmt("{\"firstName\":\"M\",\"lastName\":\"Y\","
		    "\"email\":\"%s\",\"password\":\"Mgr12345\","
		    "\"confirmPassword\":\"Mgr12345\",\"role\":"
		    "\"OrganizationAdmin\",\"organizationId\":%lld}", e, org);
		itest_post("/api/admin/users", acc.a_tok, b, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 201);
		y = itest_jint(&r, "id");
		itest_resp_free(&r);
		ty = itest_login(e, "Mgr12345");
		ITEST_REQUIRE(tx != NULL && ty != NULL);
		d[0].tok = tx;
		d[0].path = itest_fmt("/api/organization/%lld/change-role/%lld",
		    org, y);
		d[1].tok = ty;
		d[1].path = itest_fmt("/api/organization/%lld/change-role/%lld",
		    org, x);
		for (i = 0; i < 2; i++)
			pthread_create(&th[i], NULL, demote_run, &d[i]);
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		ok = (d[0].status == 200) + (d[1].status == 200);
		ITEST_ASSERT_R(NULL, ok == 1);
		ITEST_ASSERT_R(NULL, (d[0].status == 200 || d[0].status == 409 ||
		    d[0].status == 403) && (d[1].status == 200 ||
		    d[1].status == 409 || d[1].status == 403));
		/* One OrganizationAdmin is left. */
		p = itest_fmt("/api/admin/organizations/user/%lld?status=Active",
		    org);
		itest_get(p, acc.a_tok, &r);
		left = (int)itest_count_str(itest_jget(&r, "users"), "role",
		    "OrganizationAdmin");
		ITEST_ASSERT_R(&r, left == 1);
		itest_resp_free(&r);
		free(p);
		free(d[0].path);
		free(d[1].path);
		free(tx);
		free(ty);
		free(e);
		free(b);
	}
}

static const struct { const char *name; CU_TestFunc fn; } later[] = {
	{ "#45 silent invitations", t45_silent },
	{ "#46 three invitation mails a day per address", t46_mail_cap },
	{ "#47 no token in nginx's or drecd's log", acc_t47_logs },
	{ "§2.4 no token in a log, in any spelling of the token routes",
	  acc_log_spellings },
	{ "§2.4 no token in nginx's error log (413, 429)", acc_log_errors },
	{ "#48 an invitee is seen only as its invitation", t48_invitees_unseen },
	{ "§7.3 delete an empty organization", t_org_delete },
	{ "§6.1 two managers demote each other at once (5 rounds)",
	  t_concurrent_demotion },
	{ "#44 email_confirmation_required = true (drecd reloaded)",
	  t44_confirmation_required },
};

void
acc_inv_later_register(CU_pSuite su)
{
	size_t i;

	for (i = 0; i < NELEM(later); i++)
		itest_add(su, later[i].name, later[i].fn);
}
