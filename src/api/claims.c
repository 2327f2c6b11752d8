/*
 * POST /api/certificate-log/:id/claim (certificates.md §9.7).
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "crypto/ledger.h"
#include "domain/ledger.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/fields.h"

struct claim_body {
	struct jstr	beneficiary;
	struct jstr	claimed_at;
	struct jstr	purpose;
	int64_t		at;
};

static const char *
c_beneficiary(struct arena *a, void *dst, void *ctx)
{
	(void)ctx;
	return api_fld_text(a, &((struct claim_body *)dst)->beneficiary, 255);
}

static const char *
c_claimed_at(struct arena *a, void *dst, void *ctx)
{
	struct claim_body	*b = dst;
	struct api_call		*c = ctx;

	if (time_parse_instant(b->claimed_at.v, &b->at) != 0)
		return arena_printf(a, "\"%.40s\" is not a valid instant; "
		    "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]", b->claimed_at.v);
	/* "In the future" = later than now plus the skew (CONVENTIONS §5). */
	if (b->at > c->now + (int64_t)c->ctx->cfg->skew_s * 1000)
		return arena_printf(a, "must not be in the future; at most now "
		    "plus %d s", c->ctx->cfg->skew_s);
	return NULL;
}

static const char *
c_purpose(struct arena *a, void *dst, void *ctx)
{
	struct claim_body	*b = dst;
	char			*v = (char *)b->purpose.v;

	(void)ctx;
	if (strlen(v) != b->purpose.len)
		return "must not contain control characters; printable text";
	dom_trim(v);
	b->purpose.len = strlen(v);
	if (b->purpose.len == 0)
		return NULL;
	return api_fld_text(a, &b->purpose, 1000);
}

static const struct jfield claim_fields[] = {
	{ "beneficiary", JT_STRING, 1,
	    offsetof(struct claim_body, beneficiary), c_beneficiary,
	    .doc = "Who the energy was claimed for" },
	{ "claimedAt", JT_STRING, 0, offsetof(struct claim_body, claimed_at),
	    c_claimed_at, .doc = "When it was claimed (an RFC 3339 instant, "
	    "not in the future; default now)" },
	{ "purpose", JT_STRING, 0, offsetof(struct claim_body, purpose),
	    c_purpose, .doc = "Why (up to 1000 characters)" },
};

const struct api_input api_in_cert_claim = {
	.size = sizeof(struct claim_body),
	.path_id = "id",
	.body = JTABLE(claim_fields, struct claim_body),
	.doc = "Claims (retires) a certificate",
};

static void
not_found(struct api_call *c, int64_t id)
{
	api_failf(c, E_CERTIFICATE_NOT_FOUND, "No certificate %lld is "
	    "visible to you", (long long)id);
}

void
api_cert_claim(struct api_call *c)
{
	struct claim_body	*b = c->in;
	struct db_certificate	 ct;
	struct dom_claim_record	 rec;
	struct crypto_seal	 seal;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 id = c->path_id;
	enum err		 e;

	if (!b->claimed_at.present)
		b->at = c->now;
	if ((e = db_cert_get(c->db, c->a, id, &ct)) == ERR_NOTFOUND ||
	    (e == ERR_OK && ct.buyer_org_id != c->user.org.id)) {
		not_found(c, id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (ct.claimed) {
		char t[TIME_ISO_LEN];

		time_format_iso(ct.claim.recorded_at, t);
		api_failf(c, E_CERTIFICATE_ALREADY_CLAIMED, "Certificate "
		    "%lld was already claimed (recorded %s)", (long long)id, t);
		return;
	}
	if (c->ctx->issuer.key == NULL) {
		api_failf(c, E_ISSUER_KEY_MISSING, "No issuer key is "
		    "readable to sign the claim");
		return;
	}
	memset(&rec, 0, sizeof(rec));
	rec.beneficiary = b->beneficiary.v;
	rec.certificate_hash = ct.hash;
	rec.certificate_id = id;
	rec.claimed_at = b->at;
	rec.claimed_by_user_id = c->user.id;
	rec.key_id = c->ctx->issuer.key_id;
	rec.organization_id = c->user.org.id;
	rec.purpose = b->purpose.present && b->purpose.len > 0 ? b->purpose.v :
	    NULL;
	rec.recorded_at = c->now;
	if (crypto_ledger_seal_claim(c->ctx->issuer.key, &rec, &seal) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	ct.claimed = 1;
	ct.claim.certificate_id = id;
	ct.claim.beneficiary = rec.beneficiary;
	ct.claim.purpose = rec.purpose;
	ct.claim.claimed_at = rec.claimed_at;
	ct.claim.recorded_at = rec.recorded_at;
	ct.claim.user_id = rec.claimed_by_user_id;
	ct.claim.org_id = rec.organization_id;
	ct.claim.key_id = rec.key_id;
	ct.claim.hash = seal.hash;
	ct.claim.signature = seal.signature;
	if ((e = db_claim_insert(c->db, &ct.claim)) == ERR_CONFLICT) {
		api_failf(c, E_CERTIFICATE_ALREADY_CLAIMED, "Certificate "
		    "%lld is already claimed", (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_claim(&w, &ct);
	api_json(c, 201, &sb);
}
