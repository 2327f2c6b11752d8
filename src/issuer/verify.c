/*
 * `drecctl ledger verify` (certificates.md §8): every certificate in id
 * order, in pages, against the recorded keys, the reads and ledger_head.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "crypto/ledger.h"
#include "db/db.h"
#include "domain/ledger.h"
#include "issuer/issuer.h"

#define PAGE 500

int
issuer_record_of(struct arena *a, const struct db_certificate *c,
    const struct db_cert_device *d, int n, struct dom_cert_record *rec)
{
	struct dom_cert_record_device	*devs;
	int				 i;

	memset(rec, 0, sizeof(*rec));
	if ((devs = arena_alloc(a, sizeof(*devs) * (size_t)(n + 1))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		devs[i].device_id = d[i].device_id;
		devs[i].external_id = d[i].external_id;
		devs[i].internal_external_id = d[i].internal_external_id;
		devs[i].read_count = d[i].read_count;
		devs[i].wh = d[i].wh;
	}
	rec->id = c->id;
	rec->buyer_organization_id = c->buyer_org_id;
	rec->transaction_uid = c->transaction_uid;
	rec->country_code = c->country_code;
	rec->devices = devs;
	rec->ndevices = (size_t)n;
	rec->energy_wh = c->energy_wh;
	rec->excess_wh = c->excess_wh;
	rec->generation_start = c->generation_start;
	rec->generation_end = c->generation_end;
	rec->issued_at = c->issued_at;
	rec->key_id = c->key_id;
	rec->kind = strcmp(c->kind, "history") == 0 ? CERT_HISTORY :
	    CERT_WINDOW;
	rec->late = c->late;
	rec->owner = c->owner;
	rec->prev_hash = c->prev_hash;
	rec->reservation_id = c->reservation_id;
	rec->reservation_uid = c->reservation_uid;
	rec->version = c->version;
	rec->window_start = c->window_start;
	rec->window_end = c->window_end;
	return 0;
}

/* The verify row of a stored certificate (devices and read totals). */
static enum err
row_of(struct db_conn *db, struct arena *a, const struct db_certificate *c,
    struct crypto_ledger_row *row)
{
	struct db_cert_device	*d;
	int			 n;
	enum err		 e;

	memset(row, 0, sizeof(*row));
	if ((e = db_cert_devices(db, a, c->id, &d, &n)) != ERR_OK)
		return e;
	if (issuer_record_of(a, c, d, n, &row->record) != 0)
		return ERR_NOMEM;
	row->hash = c->hash;
	row->signature = c->signature;
	row->has_read_totals = 1;
	return db_cert_read_sum(db, c->id, &row->reads_count, &row->reads_wh);
}

static enum err
load_keys(struct db_conn *db, struct arena *a, struct crypto_ledger_key **out,
    int *n)
{
	struct db_issuer_key	*k;
	struct crypto_ledger_key *v;
	enum err		 e;
	int			 i, m = 0;

	if ((e = db_issuer_keys(db, a, &k, n)) != ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(*n + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < *n; i++) {
		if (crypto_hex_decode(k[i].public_key, v[m].pub,
		    CRYPTO_ED25519_KEY_LEN) != 0)
			continue;	/* a malformed row verifies nothing */
		snprintf(v[m].key_id, sizeof(v[m].key_id), "%s", k[i].key_id);
		m++;
	}
	*out = v;
	*n = m;
	return ERR_OK;
}

int
issuer_ledger_verify(struct db_conn *db, char *out, size_t outlen)
{
	struct arena			*keys_a, *a;
	struct crypto_ledger_key	*keys;
	struct crypto_chain_walk	 walk;
	struct crypto_chain_result	 res;
	struct crypto_ledger_row	 row;
	struct db_certificate		*certs;
	const char			*head_hash;
	int64_t				 after = 0, head_id;
	int				 nkeys, n, i, rc = -1;
	enum err			 e;

	keys_a = arena_new();
	a = arena_new();
	if (keys_a == NULL || a == NULL)
		goto done;
	if ((e = load_keys(db, keys_a, &keys, &nkeys)) != ERR_OK)
		goto dberr;
	crypto_chain_walk_init(&walk);
	for (;;) {
		arena_reset(a);
		if ((e = db_cert_range(db, a, after, PAGE, &certs, &n)) !=
		    ERR_OK)
			goto dberr;
		for (i = 0; i < n; i++) {
			if ((e = row_of(db, a, &certs[i], &row)) != ERR_OK)
				goto dberr;
			if (crypto_chain_walk_row(&walk, &row, keys,
			    (size_t)nkeys, &res) != LEDGER_OK) {
				crypto_chain_result_format(&res, out, outlen);
				rc = 1;
				goto done;
			}
			after = certs[i].id;
		}
		if (n < PAGE)
			break;
	}
	arena_reset(a);
	if ((e = db_begin(db)) != ERR_OK)
		goto dberr;
	e = db_ledger_head(db, a, 0, &head_id, &head_hash);
	db_rollback(db);
	if (e != ERR_OK)
		goto dberr;
	if (crypto_chain_walk_head(&walk, head_id, head_hash, &res) !=
	    LEDGER_OK) {
		crypto_chain_result_format(&res, out, outlen);
		rc = 1;
		goto done;
	}
	snprintf(out, outlen, "OK %zu certificates, head %lld %s", walk.rows,
	    (long long)head_id, head_hash);
	rc = 0;
	goto done;
dberr:
	snprintf(out, outlen, "database error: %s", err_name(e));
done:
	if (a != NULL)
		arena_free(a);
	if (keys_a != NULL)
		arena_free(keys_a);
	return rc;
}
