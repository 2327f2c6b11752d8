/*
 * The issuer's routes (certificates.md §9.1-9.3): running a pass, the
 * public key and the public ledger.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "crypto/ledger.h"
#include "domain/ledger.h"
#include "api/api.h"
#include "api/inputs.h"

/* Records the worker's key in issuer_key (idempotent); 0 or -1 answered. */
static int
record_key(struct api_call *c)
{
	const struct issuer_key	*k = &c->ctx->issuer;
	unsigned char		 pub[CRYPTO_ED25519_KEY_LEN];
	char			 hex[2 * CRYPTO_ED25519_KEY_LEN + 1];
	enum err		 e;

	if (k->key == NULL)
		return 0;
	crypto_issuer_key_public(k->key, pub);
	crypto_hex(pub, sizeof(pub), hex);
	if ((e = db_issuer_key_add(c->db, k->key_id, hex, c->now)) != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	return 0;
}

void
api_issuer_run(struct api_call *c)
{
	struct issuer_summary	 sum;
	struct strbuf		 sb;
	struct jw		 w;
	enum issuer_result	 r;
	enum err		 e;

	if (c->ctx->issuer.key == NULL) {
		api_failf(c, E_ISSUER_KEY_MISSING, "No issuer key is "
		    "readable (issuer_key_file); create one with drecctl "
		    "issuer-key init");
		return;
	}
	if (record_key(c) != 0)
		return;
	r = issuer_pass(c->db, c->ctx->cfg, &c->ctx->issuer, c->now, 10, &sum,
	    &e);
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	switch (r) {
	case ISSUER_OK:
		issuer_summary_json(&w, &sum);
		api_json(c, 200, &sb);
		break;
	case ISSUER_BUSY:
		api_fail(c, E_ISSUER_BUSY);
		break;
	case ISSUER_KEY_MISSING:
		api_fail(c, E_ISSUER_KEY_MISSING);
		break;
	case ISSUER_PARTIAL:
		api_envelope(&w, E_ISSUER_PARTIAL);
		jw_key(&w, "message");
		jw_str(&w, arena_printf(c->a, "The pass was aborted (%s) after "
		    "committing %zu certificate(s); they stay, the next pass "
		    "goes on", err_name(e), sum.ncerts));
		jw_key(&w, "details");
		issuer_summary_json(&w, &sum);
		jw_obj_close(&w);
		api_fail_send(c, E_ISSUER_PARTIAL, &sb);
		break;
	default:
		api_db_error(c, e);
	}
	issuer_summary_free(&sum);
}

static void
key_object(struct jw *w, const char *key_id, const char *hex, int64_t created,
    int with_created)
{
	unsigned char	 pub[CRYPTO_ED25519_KEY_LEN];
	char		*pem = NULL;

	if (crypto_hex_decode(hex, pub, sizeof(pub)) == 0)
		pem = crypto_ed25519_public_pem(pub);
	jw_key(w, "keyId");
	jw_str(w, key_id);
	jw_key(w, "publicKey");
	jw_str(w, hex);
	jw_key(w, "publicKeyPem");
	jw_str(w, pem);
	if (with_created)
		jw_key_instant(w, "createdAt", created);
	free(pem);
}

int
api_issuer_current_key(struct api_call *c, struct db_issuer_key **keys, int *n,
    const char **key_id, const char **hex)
{
	enum err	e;
	int		i;

	if (record_key(c) != 0)
		return -1;
	if ((e = db_issuer_keys(c->db, c->a, keys, n)) != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if (*n == 0)
		return 0;
	/* The current key: the worker's, else the newest recorded. */
	*key_id = (*keys)[*n - 1].key_id;
	*hex = (*keys)[*n - 1].public_key;
	for (i = 0; i < *n; i++)
		if (c->ctx->issuer.key != NULL &&
		    strcmp((*keys)[i].key_id, c->ctx->issuer.key_id) == 0) {
			*key_id = (*keys)[i].key_id;
			*hex = (*keys)[i].public_key;
		}
	return 1;
}

void
api_issuer_public_key(struct api_call *c)
{
	struct db_issuer_key	*keys;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*cur_id = NULL, *cur_hex = NULL;
	int			 n, i, rc;

	if ((rc = api_issuer_current_key(c, &keys, &n, &cur_id, &cur_hex)) < 0)
		return;
	if (rc == 0) {
		api_fail(c, E_NO_ISSUER_KEY);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "algorithm");
	jw_str(&w, "Ed25519");
	jw_key(&w, "hashAlgorithm");
	jw_str(&w, "SHA-256");
	jw_key(&w, "canonicalization");
	jw_str(&w, "drec-c14n-1");
	key_object(&w, cur_id, cur_hex, 0, 0);
	jw_key(&w, "keys");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		key_object(&w, keys[i].key_id, keys[i].public_key,
		    keys[i].created, 1);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* GET /api/certificate-log/ledger's query (certificates.md §9). */
struct ledger_in {
	struct jstr	after_q, limit_q;
	int64_t		after, limit;	/* 0 and 100 when absent */
};

/* Digits only, in [lo, hi], into *v; NULL or the sentence. */
static const char *
int_query(struct arena *a, const struct jstr *q, int64_t lo, int64_t hi,
    int64_t *v)
{
	const char	*s = q->v;
	size_t		 n = q->len;

	errno = 0;
	if (n < 1 || n > 19 || strspn(s, "0123456789") != n ||
	    (*v = strtoll(s, NULL, 10)) < lo || *v > hi || errno == ERANGE)
		return arena_printf(a, "\"%.24s\" is not allowed; an integer "
		    "from %lld to %lld", s, (long long)lo, (long long)hi);
	return NULL;
}

static const char *
q_after(struct arena *a, void *d, void *x)
{
	struct ledger_in *in = d;

	(void)x;
	return int_query(a, &in->after_q, 0, INT64_MAX, &in->after);
}

static const char *
q_limit(struct arena *a, void *d, void *x)
{
	struct ledger_in *in = d;

	(void)x;
	return int_query(a, &in->limit_q, 1, 1000, &in->limit);
}

static const struct jfield ledger_query[] = {
	{ "afterId", JT_STRING, 0, offsetof(struct ledger_in, after_q),
	    q_after, .doc = "Entries after this certificate id (an integer "
	    "from 0; default 0)" },
	{ "limit", JT_STRING, 0, offsetof(struct ledger_in, limit_q), q_limit,
	    .doc = "At most this many entries (1-1000; default 100)" },
};

const struct api_input api_in_ledger = {
	.size = sizeof(struct ledger_in),
	.query = JTABLE(ledger_query, struct ledger_in),
	.doc = "Reads the public certificate ledger",
};

void
api_ledger(struct api_call *c)
{
	const struct ledger_in	*in = c->in;
	struct db_certificate	*certs;
	struct db_cert_device	*d;
	struct dom_cert_record	 rec;
	struct strbuf		 sb, one;
	struct jw		 w;
	const char		*head_hash;
	int64_t			 after = in->after_q.present ? in->after : 0;
	int64_t			 limit = in->limit_q.present ? in->limit : 100;
	int64_t			 head_id;
	int			 n, nd, i;
	enum err		 e;

	if ((e = db_begin(c->db)) != ERR_OK ||
	    (e = db_ledger_head(c->db, c->a, 0, &head_id, &head_hash)) !=
	    ERR_OK || (e = db_cert_range(c->db, c->a, after, limit + 1, &certs,
	    &n)) != ERR_OK) {
		db_rollback(c->db);
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	strbuf_init_arena(&one, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "entries");
	jw_arr_open(&w);
	for (i = 0; i < n && i < limit; i++) {
		if ((e = db_cert_devices(c->db, c->a, certs[i].id, &d, &nd)) !=
		    ERR_OK || issuer_record_of(c->a, &certs[i], d, nd, &rec) !=
		    0 || (strbuf_reset(&one), dom_cert_canonical(&rec, &one)) !=
		    0) {
			db_rollback(c->db);
			api_db_error(c, e != ERR_OK ? e : ERR_DB);
			return;
		}
		/* The canonical record plus hash and signature. */
		one.len--;
		one.buf[one.len] = '\0';
		strbuf_puts(&one, ",\"hash\":\"");
		strbuf_puts(&one, certs[i].hash);
		strbuf_puts(&one, "\",\"signature\":\"");
		strbuf_puts(&one, certs[i].signature);
		strbuf_puts(&one, "\"}");
		jw_raw(&w, one.buf);
	}
	db_rollback(c->db);
	jw_arr_close(&w);
	jw_key(&w, "nextAfterId");
	if (n > limit)
		jw_int(&w, certs[limit - 1].id);
	else
		jw_null(&w);
	jw_key(&w, "headId");
	jw_int(&w, head_id);
	jw_key(&w, "headHash");
	jw_str(&w, head_hash);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
