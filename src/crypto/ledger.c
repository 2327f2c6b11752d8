/*
 * The certificate ledger's hash chain (certificates.md §8): hash =
 * SHA-256 of the canonical record bytes, signature = Ed25519 over the 32
 * raw hash bytes, prevHash = the previous certificate's hash (64 zeros
 * for certificate 1), and the walk of `drecctl ledger verify`.
 */
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "crypto/crypto.h"
#include "crypto/ledger.h"

void
crypto_ledger_hash(const void *bytes, size_t len,
    char out[DOM_HASH_HEX_LEN + 1])
{
	unsigned char digest[32];

	crypto_sha256(bytes, len, digest);
	crypto_hex(digest, sizeof(digest), out);
}

/* Hashes canonical bytes and signs the raw hash into out. */
static int
seal_bytes(const struct crypto_issuer_key *k, const struct strbuf *sb,
    struct crypto_seal *out)
{
	unsigned char	digest[32], sig[CRYPTO_ED25519_SIG_LEN];

	crypto_sha256(sb->buf, sb->len, digest);
	crypto_hex(digest, sizeof(digest), out->hash);
	if (crypto_ed25519_sign(k, digest, sizeof(digest), sig) == -1)
		return -1;
	crypto_hex(sig, sizeof(sig), out->signature);
	return 0;
}

int
crypto_ledger_seal(const struct crypto_issuer_key *k,
    const struct dom_cert_record *rec, struct crypto_seal *out)
{
	struct strbuf	sb;
	int		rc = -1;

	strbuf_init(&sb);
	if (dom_cert_canonical(rec, &sb) == 0)
		rc = seal_bytes(k, &sb, out);
	strbuf_cleanup(&sb);
	return rc;
}

int
crypto_ledger_seal_claim(const struct crypto_issuer_key *k,
    const struct dom_claim_record *claim, struct crypto_seal *out)
{
	struct strbuf	sb;
	int		rc = -1;

	strbuf_init(&sb);
	if (dom_claim_canonical(claim, &sb) == 0)
		rc = seal_bytes(k, &sb, out);
	strbuf_cleanup(&sb);
	return rc;
}

int
crypto_ledger_signature_ok(const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
    const char *hash_hex, const char *sig_hex)
{
	unsigned char	digest[32], sig[CRYPTO_ED25519_SIG_LEN];

	if (crypto_hex_decode(hash_hex, digest, sizeof(digest)) == -1 ||
	    crypto_hex_decode(sig_hex, sig, sizeof(sig)) == -1)
		return 0;
	return crypto_ed25519_verify(pub, digest, sizeof(digest), sig);
}

void
crypto_chain_walk_init(struct crypto_chain_walk *w)
{
	memset(w, 0, sizeof(*w));
	memcpy(w->last_hash, dom_ledger_genesis_hash, sizeof(w->last_hash));
}

static const struct crypto_ledger_key *
find_key(const struct crypto_ledger_key *keys, size_t n, const char *key_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(keys[i].key_id, key_id) == 0)
			return &keys[i];
	return NULL;
}

/* 1 when the stored hash is the hash of the row's canonical bytes. */
static int
hash_matches(const struct crypto_ledger_row *row)
{
	struct strbuf	sb;
	char		hash[DOM_HASH_HEX_LEN + 1];
	int		ok = 0;

	strbuf_init(&sb);
	if (dom_cert_canonical(&row->record, &sb) == 0) {
		crypto_ledger_hash(sb.buf, sb.len, hash);
		ok = strcmp(hash, row->hash) == 0;
	}
	strbuf_cleanup(&sb);
	return ok;
}

/*
 * P1 (§7): energyWh + excessWh = Σ devices[].wh, and, when the row has
 * read totals, = Σ wh of the certified reads, Σ readCount = their number.
 */
static int
reads_match(const struct crypto_ledger_row *row)
{
	const struct dom_cert_record	*r = &row->record;
	int64_t				 wh = 0, count = 0, total;
	size_t				 i;

	for (i = 0; i < r->ndevices; i++) {
		if (__builtin_add_overflow(wh, r->devices[i].wh, &wh) ||
		    __builtin_add_overflow(count, r->devices[i].read_count,
		    &count))
			return 0;
	}
	if (__builtin_add_overflow(r->energy_wh, r->excess_wh, &total) ||
	    total != wh)
		return 0;
	return !row->has_read_totals ||
	    (wh == row->reads_wh && count == row->reads_count);
}

/* Records a break in *res (when not NULL) and returns it. */
static enum dom_ledger_break
broken(const struct crypto_chain_walk *w, enum dom_ledger_break why,
    int64_t id, const char *key_id, struct crypto_chain_result *res)
{
	if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->reason = why;
		res->index = w->rows;
		res->certificate_id = id;
		if (key_id != NULL)
			snprintf(res->key_id, sizeof(res->key_id), "%s", key_id);
	}
	return why;
}

/* The row's check in §8's order; LEDGER_OK or the first failure. */
static enum dom_ledger_break
check_row(const struct crypto_chain_walk *w, const struct crypto_ledger_row *row,
    const struct crypto_ledger_key *keys, size_t nkeys)
{
	const struct dom_cert_record	*r = &row->record;
	const struct crypto_ledger_key	*key;

	if (r->id != w->last_id + 1)
		return LEDGER_ID_GAP;
	if (r->prev_hash == NULL || strcmp(r->prev_hash, w->last_hash) != 0)
		return LEDGER_PREV_HASH_MISMATCH;
	if (row->hash == NULL || !hash_matches(row))
		return LEDGER_HASH_MISMATCH;
	if ((key = find_key(keys, nkeys, r->key_id)) == NULL)
		return LEDGER_UNKNOWN_KEY;
	if (!crypto_ledger_signature_ok(key->pub, row->hash, row->signature))
		return LEDGER_BAD_SIGNATURE;
	if (!reads_match(row))
		return LEDGER_READS_MISMATCH;
	return LEDGER_OK;
}

enum dom_ledger_break
crypto_chain_walk_row(struct crypto_chain_walk *w,
    const struct crypto_ledger_row *row, const struct crypto_ledger_key *keys,
    size_t nkeys, struct crypto_chain_result *res)
{
	enum dom_ledger_break why = check_row(w, row, keys, nkeys);

	if (why != LEDGER_OK)
		return broken(w, why, row->record.id,
		    why == LEDGER_UNKNOWN_KEY ? row->record.key_id : NULL, res);
	w->rows++;
	w->last_id = row->record.id;
	snprintf(w->last_hash, sizeof(w->last_hash), "%s", row->hash);
	return LEDGER_OK;
}

enum dom_ledger_break
crypto_chain_walk_head(const struct crypto_chain_walk *w, int64_t head_id,
    const char *head_hash, struct crypto_chain_result *res)
{
	if (head_id != w->last_id || head_hash == NULL ||
	    strcmp(head_hash, w->last_hash) != 0)
		return broken(w, LEDGER_HEAD_MISMATCH, head_id, NULL, res);
	return LEDGER_OK;
}

enum dom_ledger_break
crypto_ledger_verify(const struct crypto_ledger_row *rows, size_t n,
    const struct crypto_ledger_key *keys, size_t nkeys, int64_t head_id,
    const char *head_hash, struct crypto_chain_result *res)
{
	struct crypto_chain_walk	w;
	enum dom_ledger_break		why;
	size_t				i;

	crypto_chain_walk_init(&w);
	for (i = 0; i < n; i++)
		if ((why = crypto_chain_walk_row(&w, &rows[i], keys, nkeys,
		    res)) != LEDGER_OK)
			return why;
	if (head_hash != NULL &&
	    crypto_chain_walk_head(&w, head_id, head_hash, res) != LEDGER_OK)
		return LEDGER_HEAD_MISMATCH;
	if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->index = n;
		res->certificate_id = w.last_id;
	}
	return LEDGER_OK;
}

void
crypto_chain_result_format(const struct crypto_chain_result *res, char *out,
    size_t outlen)
{
	snprintf(out, outlen, "BROKEN at certificate %lld: %s%s%s",
	    (long long)res->certificate_id, dom_ledger_break_name(res->reason),
	    res->reason == LEDGER_UNKNOWN_KEY ? " " : "",
	    res->reason == LEDGER_UNKNOWN_KEY ? res->key_id : "");
}
