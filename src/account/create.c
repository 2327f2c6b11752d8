/*
 * Account creation shared by registration (users.md §4.1), the Admin route
 * (§4.12) and drecctl (§5): pre-checks in the spec's order, then the
 * inserts in one transaction; a unique-index violation during the write
 * answers the same conflict as the matching pre-check (CONVENTIONS §2).
 */
#include <string.h>

#include "crypto/crypto.h"
#include "account/account.h"

/* Maps a unique key name to the API conflict. */
static enum ecode
conflict_code(const char *key)
{
	if (strcmp(key, "uq_organization_name_key") == 0)
		return E_ORGANIZATION_NAME_TAKEN;
	return E_EMAIL_TAKEN;
}

/* account_create's arguments, for its transaction. */
struct account_write {
	const char		*hash;
	int64_t			 now;
	const struct account_new *n;
	int64_t			*user_id;
	enum ecode		*code;
};

/* The inserts of one account; *code names a 409's code. */
static enum err
account_write_tx(struct db_conn *db, void *arg)
{
	struct account_write	*w = arg;
	const struct account_new *n = w->n;
	const char		*hash = w->hash;
	enum ecode		*code = w->code;
	int64_t			 now = w->now, *user_id = w->user_id;
	int64_t			 org_id = n->org_id;
	char			 uid[37];
	enum err		 e;
	int			 stale;

	*code = E_NONE;
	/* A new member of an existing organization (accounts.md §6.1). */
	if (org_id != 0 && (e = db_org_lock(db, org_id)) != ERR_OK)
		goto out;
	/* A stale Pending holder of the address does not count (§2.1). */
	if ((e = db_user_delete_stale(db, n->email, now, &stale)) != ERR_OK)
		goto out;
	if ((e = db_user_email_exists(db, n->email)) != ERR_NOTFOUND) {
		if (e == ERR_OK) {
			*code = E_EMAIL_TAKEN;
			e = ERR_CONFLICT;
		}
		goto out;
	}
	if (org_id == 0) {
		if ((e = db_org_name_exists(db, n->org_name)) != ERR_NOTFOUND) {
			if (e == ERR_OK) {
				*code = E_ORGANIZATION_NAME_TAKEN;
				e = ERR_CONFLICT;
			}
			goto out;
		}
		if (n->managing_api_user_id != 0) {
			/* integrators.md §4.1: the api_user row first. */
			if ((e = db_apiuser_bump(db, n->managing_api_user_id)) !=
			    ERR_OK)
				goto out;
			e = db_org_insert_managed(db, n->org_name, n->org_type,
			    n->org_address, n->email, n->managing_api_user_id,
			    now, &org_id);
		} else
			e = db_org_insert(db, n->org_name, n->org_type,
			    n->org_address, n->email, now, &org_id);
		if (e != ERR_OK)
			goto out;
	}
	e = db_user_insert(db, org_id, n->email, hash, n->first_name,
	    n->last_name, n->role, now, user_id);
	/* integrators.md §2.1: an ApiUser's api_user row, new UUID. */
	if (e == ERR_OK && strcmp(n->role, "ApiUser") == 0)
		e = crypto_uuid_v4(uid) != 0 ? ERR_CRYPTO :
		    db_apiuser_insert(db, uid, *user_id, org_id, now);
	if (e == ERR_OK && n->mail_cfg != NULL) {
		struct account_mail m = { .tpl = "confirm_email", .to = n->email,
		    .user_id = *user_id };

		e = account_token_mail(db, n->mail_cfg, now, "confirm_email",
		    *user_id, n->email, 0, n->mail_cfg->email_confirm_ttl_s, &m);
	} else if (e == ERR_OK && !n->unconfirmed)
		e = db_user_set_confirmed(db, *user_id, now);
out:
	return e;
}

enum err
account_create(struct db_conn *db, int cost, int64_t now,
    const struct account_new *n, int64_t *user_id, enum ecode *code)
{
	struct account_write	w = { NULL, now, n, user_id, code };
	char			hash[128];
	enum err		e;

	*code = E_NONE;
	if (crypto_password_hash(n->password, cost, hash, sizeof(hash)) != 0)
		return ERR_CRYPTO;
	w.hash = hash;
	e = db_tx_retry(db, account_write_tx, &w);
	crypto_wipe(hash, sizeof(hash));
	/* A unique index refused the write: the pre-check's code. */
	if (e == ERR_CONFLICT && *code == E_NONE)
		*code = conflict_code(db_conflict_key(db));
	return e;
}
