/*
 * Unit tests for the certificate ledger (certificates.md §8, §9.3,
 * §9.7): canonical JSON byte for byte (the §8 vector, §12 vector 20),
 * hash and Ed25519 signature with the RFC 8032 test key, key ids and PEM,
 * the key file, and the chain walk of `ledger verify` (§12 vectors 21-23).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "crypto/crypto.h"
#include "crypto/ledger.h"
#include "domain/issuance.h"
#include "domain/ledger.h"
#include "issue_sim.h"
#include "unit.h"

#define T(s)	sim_ts(s)

static const char seed_hex[] =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
static const char pub_hex[] =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char vector_canonical[] =
    "{\"buyerOrganizationId\":3,\"certificateTransactionUID\":"
    "\"3b2f8a4e-6c1d-4f7a-9e2b-5d8c7a1f0e93\",\"countryCode\":\"IND\","
    "\"devices\":[{\"deviceId\":1,\"externalId\":\"Xion Mall\","
    "\"internalExternalId\":\"5f0c7a0e-2d7e-4b8e-9c61-2f1a3b4c5d6e\","
    "\"readCount\":2,\"wh\":3000}],\"energyWh\":3000,\"excessWh\":0,"
    "\"generationEndTime\":\"2025-03-01T10:45:00.000Z\","
    "\"generationStartTime\":\"2025-03-01T09:50:00.000Z\",\"id\":1,"
    "\"issuedAt\":\"2025-03-01T11:05:00.000Z\",\"keyId\":\"21fe31dfa154a261\","
    "\"kind\":\"window\",\"late\":false,\"owner\":\"org:3\",\"prevHash\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\","
    "\"reservationId\":12,\"reservationUid\":"
    "\"c87208a2-1f4e-4d3b-8a6c-9e0f1b2c3d4e\",\"version\":1,"
    "\"windowEnd\":\"2025-03-01T11:00:00.000Z\","
    "\"windowStart\":\"2025-03-01T10:00:00.000Z\"}";
static const char vector_hash[] =
    "386d7b8a87f08248fb4831a0863d225c557ca85ef754489684e6fa8fbd49a3db";
static const char vector_signature[] =
    "eb8b720f486b249a17594134d60cc5b58cb8d9b5bd3c38455362176fa8a0e9f8"
    "9abd1f7b810b29092f7e827cf7b5b735042b4d475d78a8c104c1f0bcd0759807";

static const struct dom_cert_record_device xion = { 1, "Xion Mall",
    "5f0c7a0e-2d7e-4b8e-9c61-2f1a3b4c5d6e", 2, 3000 };

static struct crypto_issuer_key *
vector_key(void)
{
	unsigned char seed[32];

	CU_ASSERT_EQUAL(crypto_hex_decode(seed_hex, seed, sizeof(seed)), 0);
	return crypto_issuer_key_from_seed(seed);
}

/* Certificate 1 of §10.1 with the test vector's identifiers. */
static void
vector_record(struct dom_cert_record *r)
{
	memset(r, 0, sizeof(*r));
	r->id = 1;
	r->buyer_organization_id = 3;
	r->transaction_uid = "3b2f8a4e-6c1d-4f7a-9e2b-5d8c7a1f0e93";
	r->country_code = "IND";
	r->devices = &xion;
	r->ndevices = 1;
	r->energy_wh = 3000;
	r->excess_wh = 0;
	r->generation_start = T("2025-03-01T09:50");
	r->generation_end = T("2025-03-01T10:45");
	r->issued_at = T("2025-03-01T11:05");
	r->key_id = "21fe31dfa154a261";
	r->kind = CERT_WINDOW;
	r->late = 0;
	r->owner = "org:3";
	r->prev_hash = dom_ledger_genesis_hash;
	r->reservation_id = 12;
	r->reservation_uid = "c87208a2-1f4e-4d3b-8a6c-9e0f1b2c3d4e";
	r->version = DOM_LEDGER_VERSION;
	r->window_start = T("2025-03-01T10:00");
	r->window_end = T("2025-03-01T11:00");
}

/* §8 test vector, §12 vector 20: bytes, hash, signature, keyId. */
static void
test_vector(void)
{
	struct crypto_issuer_key	*k = vector_key();
	struct dom_cert_record		 r;
	struct crypto_seal		 seal;
	struct strbuf			 sb;
	unsigned char			 pub[32];
	char				 hex[65], kid[17];

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	crypto_issuer_key_public(k, pub);
	crypto_hex(pub, 32, hex);
	CU_ASSERT_STRING_EQUAL(hex, pub_hex);
	crypto_ed25519_key_id(pub, kid);
	CU_ASSERT_STRING_EQUAL(kid, "21fe31dfa154a261");

	vector_record(&r);
	strbuf_init(&sb);
	CU_ASSERT_EQUAL(dom_cert_canonical(&r, &sb), 0);
	CU_ASSERT_EQUAL(sb.len, 735);
	CU_ASSERT_STRING_EQUAL(sb.buf, vector_canonical);
	crypto_ledger_hash(sb.buf, sb.len, hex);
	CU_ASSERT_STRING_EQUAL(hex, vector_hash);
	strbuf_cleanup(&sb);

	CU_ASSERT_EQUAL(crypto_ledger_seal(k, &r, &seal), 0);
	CU_ASSERT_STRING_EQUAL(seal.hash, vector_hash);
	CU_ASSERT_STRING_EQUAL(seal.signature, vector_signature);
	CU_ASSERT_TRUE(crypto_ledger_signature_ok(pub, vector_hash,
	    vector_signature));
	crypto_issuer_key_free(k);
}

/* The plan of §10.1's first pass becomes exactly the vector's record. */
static void
test_record_from_plan(void)
{
	static struct sim		 s;
	struct arena			*a = arena_new();
	struct dom_issue_input		 in;
	struct dom_issue_plan		 p;
	struct dom_cert_record		 r, want;
	struct strbuf			 sb;
	char				 owner[DOM_OWNER_MAX];

	sim_init(&s, 12, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-30T13:00"), 50000, 1);
	sim_device(&s, 1, "IND");
	s.dev[0].external_id = "Xion Mall";
	s.dev[0].internal_external_id = "5f0c7a0e-2d7e-4b8e-9c61-2f1a3b4c5d6e";
	sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T09:50"),
	    T("2025-03-01T10:15"), 1200, 0);
	sim_read(&s, 2, 1, READ_DELTA, T("2025-03-01T10:15"),
	    T("2025-03-01T10:45"), 1800, 0);
	memset(&in, 0, sizeof(in));
	in.reservation = &s.resv;
	in.memberships = s.mem;
	in.nmemberships = s.nmem;
	in.reads = s.reads;
	in.nreads = s.nreads;
	in.now = T("2025-03-01T11:05");
	in.settle_s = 300;
	in.until = DOM_NO_TIME;
	CU_ASSERT_EQUAL_FATAL(dom_issue_plan(a, &in, &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	dom_cert_record_from_plan(a, &p.steps[0].cert, &r);
	vector_record(&want);
	dom_cert_owner(NULL, 3, owner);
	CU_ASSERT_STRING_EQUAL(owner, "org:3");
	r.id = want.id;
	r.buyer_organization_id = want.buyer_organization_id;
	r.transaction_uid = want.transaction_uid;
	r.issued_at = in.now;
	r.key_id = want.key_id;
	r.owner = owner;
	r.prev_hash = want.prev_hash;
	r.reservation_id = s.resv.id;
	r.reservation_uid = want.reservation_uid;
	strbuf_init(&sb);
	CU_ASSERT_EQUAL(dom_cert_canonical(&r, &sb), 0);
	CU_ASSERT_STRING_EQUAL(sb.buf, vector_canonical);
	strbuf_cleanup(&sb);
	dom_cert_owner("0xAb12", 3, owner);
	CU_ASSERT_STRING_EQUAL(owner, "0xAb12");
	arena_free(a);
}

/* §8's string escapes, a History record, and refused records. */
static void
test_canonical_strings(void)
{
	struct dom_cert_record_device	 devs[2] = {
		{ 4, "a\"b\\c/d\x01\x1f\b\f\n\r\t\x7f\xc3\xa9", "u4", 1, 5 },
		{ 9, "z", "u9", 2, 6 },
	};
	struct dom_cert_record		 r;
	struct strbuf			 sb;

	vector_record(&r);
	r.devices = devs;
	r.ndevices = 2;
	r.kind = CERT_HISTORY;
	r.late = 1;
	strbuf_init(&sb);
	CU_ASSERT_EQUAL(dom_cert_canonical(&r, &sb), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sb.buf, "\"devices\":[{\"deviceId\":4,"
	    "\"externalId\":\"a\\\"b\\\\c/d\\u0001\\u001f\\b\\f\\n\\r\\t\x7f"
	    "\xc3\xa9\",\"internalExternalId\":\"u4\",\"readCount\":1,"
	    "\"wh\":5},{\"deviceId\":9,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(sb.buf,
	    "\"kind\":\"history\",\"late\":true,"));
	CU_ASSERT_PTR_NULL(strchr(sb.buf, ' '));	/* no whitespace */
	/* Devices out of order or repeated, a NULL string: -1, nothing. */
	strbuf_reset(&sb);
	devs[1].device_id = 4;
	CU_ASSERT_EQUAL(dom_cert_canonical(&r, &sb), -1);
	CU_ASSERT_EQUAL(sb.len, 0);
	devs[1].device_id = 9;
	r.owner = NULL;
	CU_ASSERT_EQUAL(dom_cert_canonical(&r, &sb), -1);
	CU_ASSERT_EQUAL(sb.len, 0);
	strbuf_cleanup(&sb);
}

/* §9.7: the claim's canonical form, purpose null or a string. */
static void
test_claim_canonical(void)
{
	struct crypto_issuer_key	*k = vector_key();
	struct dom_claim_record		 c;
	struct crypto_seal		 seal;
	struct strbuf			 sb;
	unsigned char			 pub[32];
	char				 hash[65];

	memset(&c, 0, sizeof(c));
	c.beneficiary = "School X";
	c.certificate_hash = vector_hash;
	c.certificate_id = 1;
	c.claimed_at = T("2025-03-02T00:00");
	c.claimed_by_user_id = 7;
	c.key_id = "21fe31dfa154a261";
	c.organization_id = 3;
	c.recorded_at = T("2025-03-02T00:00:01.5Z");
	strbuf_init(&sb);
	CU_ASSERT_EQUAL(dom_claim_canonical(&c, &sb), 0);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"beneficiary\":\"School X\","
	    "\"certificateHash\":\"386d7b8a87f08248fb4831a0863d225c557ca85ef7544"
	    "89684e6fa8fbd49a3db\",\"certificateId\":1,\"claimedAt\":"
	    "\"2025-03-02T00:00:00.000Z\",\"claimedByUserId\":7,\"keyId\":"
	    "\"21fe31dfa154a261\",\"organizationId\":3,\"purpose\":null,"
	    "\"recordedAt\":\"2025-03-02T00:00:01.500Z\"}");
	crypto_ledger_hash(sb.buf, sb.len, hash);
	strbuf_reset(&sb);
	c.purpose = "Scope 2 \xe2\x80\x94 2025";
	CU_ASSERT_EQUAL(dom_claim_canonical(&c, &sb), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(sb.buf,
	    "\"purpose\":\"Scope 2 \xe2\x80\x94 2025\",\"recordedAt\""));
	strbuf_cleanup(&sb);
	CU_ASSERT_EQUAL(crypto_ledger_seal_claim(k, &c, &seal), 0);
	CU_ASSERT(strcmp(seal.hash, hash) != 0);
	crypto_issuer_key_public(k, pub);
	CU_ASSERT_TRUE(crypto_ledger_signature_ok(pub, seal.hash,
	    seal.signature));
	c.beneficiary = NULL;
	CU_ASSERT_EQUAL(crypto_ledger_seal_claim(k, &c, &seal), -1);
	crypto_issuer_key_free(k);
}

/* Sign -> verify; another key, message or signature fails. */
static void
test_sign_verify(void)
{
	struct crypto_issuer_key	*k1 = crypto_issuer_key_generate();
	struct crypto_issuer_key	*k2 = crypto_issuer_key_generate();
	unsigned char			 p1[32], p2[32], sig[64];
	const char			 msg[] = "drec ledger";

	CU_ASSERT_PTR_NOT_NULL_FATAL(k1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k2);
	crypto_issuer_key_public(k1, p1);
	crypto_issuer_key_public(k2, p2);
	CU_ASSERT(memcmp(p1, p2, 32) != 0);
	CU_ASSERT_EQUAL(crypto_ed25519_sign(k1, msg, sizeof(msg), sig), 0);
	CU_ASSERT_TRUE(crypto_ed25519_verify(p1, msg, sizeof(msg), sig));
	CU_ASSERT_FALSE(crypto_ed25519_verify(p2, msg, sizeof(msg), sig));
	CU_ASSERT_FALSE(crypto_ed25519_verify(p1, msg, sizeof(msg) - 1, sig));
	sig[10] ^= 1;
	CU_ASSERT_FALSE(crypto_ed25519_verify(p1, msg, sizeof(msg), sig));
	CU_ASSERT_FALSE(crypto_ledger_signature_ok(p1, "zz", vector_signature));
	crypto_issuer_key_free(k1);
	crypto_issuer_key_free(k2);
	crypto_issuer_key_free(NULL);
}

/* PKCS#8 PEM out and in; SubjectPublicKeyInfo PEM of §9.3. */
static void
test_pem(void)
{
	struct crypto_issuer_key	*k = crypto_issuer_key_generate(), *k2;
	struct crypto_issuer_key	*v = vector_key();
	unsigned char			 p1[32], p2[32];
	char				*pem, *pub;
	size_t				 len;
	static const char		 garbage[] = "-----BEGIN PRIVATE KEY-----\n"
	    "AAAA\n-----END PRIVATE KEY-----\n";

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT_EQUAL_FATAL(crypto_issuer_key_private_pem(k, &pem, &len), 0);
	CU_ASSERT_EQUAL(strncmp(pem, "-----BEGIN PRIVATE KEY-----\n", 28), 0);
	CU_ASSERT_EQUAL(strlen(pem), len);
	k2 = crypto_issuer_key_from_pem(pem, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k2);
	crypto_issuer_key_public(k, p1);
	crypto_issuer_key_public(k2, p2);
	CU_ASSERT_EQUAL(memcmp(p1, p2, 32), 0);
	crypto_pem_free(pem, len);
	CU_ASSERT_PTR_NULL(crypto_issuer_key_from_pem(garbage,
	    sizeof(garbage) - 1));
	CU_ASSERT_PTR_NULL(crypto_issuer_key_from_pem("", 0));

	crypto_issuer_key_public(v, p1);
	pub = crypto_ed25519_public_pem(p1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pub);
	CU_ASSERT_STRING_EQUAL(pub, "-----BEGIN PUBLIC KEY-----\n"
	    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
	    "-----END PUBLIC KEY-----\n");
	free(pub);
	crypto_issuer_key_free(k);
	crypto_issuer_key_free(k2);
	crypto_issuer_key_free(v);
}

/* The key file: created 0600 and never replaced; loading it back. */
static void
test_key_file(void)
{
	char				 dir[] = "/tmp/drec-key-XXXXXX", path[64];
	char				 bad[64];
	struct crypto_issuer_key	*k = crypto_issuer_key_generate(), *l;
	struct stat			 st;
	unsigned char			 p1[32], p2[32];
	unsigned			 mode = 0;
	FILE				*f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/issuer.pem", dir);
	snprintf(bad, sizeof(bad), "%s/bad.pem", dir);
	CU_ASSERT_EQUAL(crypto_issuer_key_write_file(k, path), 0);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(crypto_issuer_key_write_file(k, path), -1);
	CU_ASSERT_EQUAL(errno, EEXIST);
	CU_ASSERT_EQUAL(crypto_issuer_key_load_file(path, &l, &mode),
	    KEY_FILE_OK);
	CU_ASSERT_EQUAL(mode, 0600);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	crypto_issuer_key_public(k, p1);
	crypto_issuer_key_public(l, p2);
	CU_ASSERT_EQUAL(memcmp(p1, p2, 32), 0);
	crypto_issuer_key_free(l);
	CU_ASSERT_EQUAL(crypto_issuer_key_load_file(bad, &l, NULL),
	    KEY_FILE_UNREADABLE);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_PTR_NULL(l);
	if ((f = fopen(bad, "w")) != NULL) {
		fputs("not a key\n", f);
		fclose(f);
	}
	CU_ASSERT_EQUAL(crypto_issuer_key_load_file(bad, &l, NULL),
	    KEY_FILE_INVALID);
	unlink(bad);
	unlink(path);
	rmdir(dir);
	crypto_issuer_key_free(k);
}

/* ------------------------------------------------------------------ */
/* The chain (§8 verify, §12 vectors 21-23)                            */

#define NCHAIN	5

struct chain {
	struct crypto_ledger_row	 rows[NCHAIN];
	struct dom_cert_record_device	 devs[NCHAIN];
	struct crypto_seal		 seals[NCHAIN];
	char				 uids[NCHAIN][40];
	struct crypto_ledger_key	 key;
};

/* Five certificates chained and signed with the vector key. */
static void
chain_build(struct chain *c)
{
	struct crypto_issuer_key	*k = vector_key();
	struct dom_cert_record		*r;
	int				 i;

	memset(c, 0, sizeof(*c));
	crypto_issuer_key_public(k, c->key.pub);
	crypto_ed25519_key_id(c->key.pub, c->key.key_id);
	for (i = 0; i < NCHAIN; i++) {
		r = &c->rows[i].record;
		vector_record(r);
		r->id = i + 1;
		snprintf(c->uids[i], sizeof(c->uids[i]),
		    "3b2f8a4e-6c1d-4f7a-9e2b-5d8c7a1f0e%02d", i);
		r->transaction_uid = c->uids[i];
		c->devs[i] = xion;
		c->devs[i].wh = 1000 * (i + 1);
		c->devs[i].read_count = i + 1;
		r->devices = &c->devs[i];
		r->energy_wh = 1000 * (i + 1);
		r->prev_hash = i == 0 ? dom_ledger_genesis_hash :
		    c->seals[i - 1].hash;
		CU_ASSERT_EQUAL(crypto_ledger_seal(k, r, &c->seals[i]), 0);
		c->rows[i].hash = c->seals[i].hash;
		c->rows[i].signature = c->seals[i].signature;
		c->rows[i].has_read_totals = 1;
		c->rows[i].reads_wh = 1000 * (i + 1);
		c->rows[i].reads_count = i + 1;
	}
	crypto_issuer_key_free(k);
}

static enum dom_ledger_break
chain_verify(struct chain *c, size_t n, struct crypto_chain_result *res)
{
	return crypto_ledger_verify(c->rows, n, &c->key, 1, (int64_t)n,
	    c->seals[n - 1].hash, res);
}

static void
test_chain_ok(void)
{
	static struct chain		c;
	struct crypto_chain_result	res;

	chain_build(&c);
	/* Vector 21: cert 1 starts from zeros, cert 2 from cert 1's hash. */
	CU_ASSERT_STRING_EQUAL(c.rows[0].record.prev_hash,
	    dom_ledger_genesis_hash);
	CU_ASSERT_STRING_EQUAL(c.rows[1].record.prev_hash, c.seals[0].hash);
	CU_ASSERT_EQUAL(chain_verify(&c, NCHAIN, &res), LEDGER_OK);
	CU_ASSERT_EQUAL(res.index, NCHAIN);
	CU_ASSERT_EQUAL(res.certificate_id, NCHAIN);
	/* An empty ledger with its seeded head. */
	CU_ASSERT_EQUAL(crypto_ledger_verify(NULL, 0, &c.key, 1, 0,
	    dom_ledger_genesis_hash, &res), LEDGER_OK);
}

/* Asserts the break, its row index and its printed line. */
static void
expect_break(struct chain *c, size_t n, enum dom_ledger_break why,
    size_t index, const char *line)
{
	struct crypto_chain_result	res;
	char				buf[128];

	CU_ASSERT_EQUAL(chain_verify(c, n, &res), why);
	CU_ASSERT_EQUAL(res.reason, why);
	CU_ASSERT_EQUAL(res.index, index);
	crypto_chain_result_format(&res, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, line);
}

/* Vector 22: energy + 1 on certificate 3. */
static void
test_chain_tamper(void)
{
	static struct chain c;

	chain_build(&c);
	c.rows[2].record.energy_wh += 1;
	expect_break(&c, NCHAIN, LEDGER_HASH_MISMATCH, 2,
	    "BROKEN at certificate 3: hash mismatch");
	/* Re-hashing without the key: the signature gives it away. */
	{
		struct strbuf sb;

		strbuf_init(&sb);
		dom_cert_canonical(&c.rows[2].record, &sb);
		crypto_ledger_hash(sb.buf, sb.len, c.seals[2].hash);
		strbuf_cleanup(&sb);
	}
	expect_break(&c, NCHAIN, LEDGER_BAD_SIGNATURE, 2,
	    "BROKEN at certificate 3: bad signature");
}

/* Vector 23: a deleted certificate, a read taken out; prevHash; head. */
static void
test_chain_gap_reads_head(void)
{
	static struct chain	c;

	chain_build(&c);
	memmove(&c.rows[1], &c.rows[2], 3 * sizeof(c.rows[0]));
	expect_break(&c, NCHAIN - 1, LEDGER_ID_GAP, 1,
	    "BROKEN at certificate 3: id gap");
	chain_build(&c);
	c.rows[2].reads_count--;
	c.rows[2].reads_wh -= 10;
	expect_break(&c, NCHAIN, LEDGER_READS_MISMATCH, 2,
	    "BROKEN at certificate 3: reads mismatch");
	/* A signed record whose devices do not add up (an issuer bug). */
	chain_build(&c);
	c.rows[0].has_read_totals = 0;
	c.devs[0].wh += 1;
	{
		struct crypto_issuer_key *k = vector_key();

		CU_ASSERT_EQUAL(crypto_ledger_seal(k, &c.rows[0].record,
		    &c.seals[0]), 0);
		crypto_issuer_key_free(k);
	}
	expect_break(&c, NCHAIN, LEDGER_READS_MISMATCH, 0,
	    "BROKEN at certificate 1: reads mismatch");
	chain_build(&c);
	c.rows[3].record.prev_hash = c.seals[1].hash;
	expect_break(&c, NCHAIN, LEDGER_PREV_HASH_MISMATCH, 3,
	    "BROKEN at certificate 4: prevHash mismatch");
	chain_build(&c);
	/* Truncation: the head names certificate 5, four rows remain. */
	{
		struct crypto_chain_result res;
		char buf[128];

		CU_ASSERT_EQUAL(crypto_ledger_verify(c.rows, 4, &c.key, 1, 5,
		    c.seals[4].hash, &res), LEDGER_HEAD_MISMATCH);
		CU_ASSERT_EQUAL(res.index, 4);
		crypto_chain_result_format(&res, buf, sizeof(buf));
		CU_ASSERT_STRING_EQUAL(buf,
		    "BROKEN at certificate 5: head mismatch");
	}
}

/* Unknown keyId; a key table whose key for that id is another one. */
static void
test_chain_keys(void)
{
	static struct chain		 c;
	struct crypto_issuer_key	*other = crypto_issuer_key_generate();
	struct crypto_chain_result	 res;
	struct crypto_chain_walk	 w;

	chain_build(&c);
	c.rows[0].record.key_id = "0123456789abcdef";
	expect_break(&c, NCHAIN, LEDGER_HASH_MISMATCH, 0,
	    "BROKEN at certificate 1: hash mismatch");
	chain_build(&c);
	snprintf(c.key.key_id, sizeof(c.key.key_id), "ffffffffffffffff");
	expect_break(&c, NCHAIN, LEDGER_UNKNOWN_KEY, 0,
	    "BROKEN at certificate 1: unknown key 21fe31dfa154a261");
	chain_build(&c);
	crypto_issuer_key_public(other, c.key.pub);	/* wrong key */
	expect_break(&c, NCHAIN, LEDGER_BAD_SIGNATURE, 0,
	    "BROKEN at certificate 1: bad signature");
	crypto_issuer_key_free(other);
	/* The streaming walk stops at the break and does not advance. */
	chain_build(&c);
	crypto_chain_walk_init(&w);
	CU_ASSERT_EQUAL(crypto_chain_walk_row(&w, &c.rows[0], &c.key, 1, &res),
	    LEDGER_OK);
	CU_ASSERT_EQUAL(crypto_chain_walk_row(&w, &c.rows[2], &c.key, 1, &res),
	    LEDGER_ID_GAP);
	CU_ASSERT_EQUAL(w.rows, 1);
	CU_ASSERT_EQUAL(crypto_chain_walk_row(&w, &c.rows[1], &c.key, 1, NULL),
	    LEDGER_OK);
	CU_ASSERT_EQUAL(crypto_chain_walk_head(&w, 2, c.seals[1].hash, &res),
	    LEDGER_OK);
	CU_ASSERT_EQUAL(crypto_chain_walk_head(&w, 2, c.seals[0].hash, &res),
	    LEDGER_HEAD_MISMATCH);
}

static void
test_hex_decode(void)
{
	unsigned char b[2];

	CU_ASSERT_EQUAL(crypto_hex_decode("0aFf", b, 2), 0);
	CU_ASSERT_EQUAL(b[0], 0x0a);
	CU_ASSERT_EQUAL(b[1], 0xff);
	CU_ASSERT_EQUAL(crypto_hex_decode("0aF", b, 2), -1);
	CU_ASSERT_EQUAL(crypto_hex_decode("0aFf0", b, 2), -1);
	CU_ASSERT_EQUAL(crypto_hex_decode("0g00", b, 2), -1);
	CU_ASSERT_EQUAL(crypto_hex_decode(NULL, b, 2), -1);
	CU_ASSERT_STRING_EQUAL(dom_ledger_break_name(LEDGER_PREV_HASH_MISMATCH),
	    "prevHash mismatch");
	CU_ASSERT_STRING_EQUAL(dom_ledger_break_name(LEDGER__MAX), "?");
}

void
register_ledger_tests(void)
{
	CU_pSuite s = CU_add_suite("ledger", NULL, NULL);

	CU_add_test(s, "canonical vector, hash, signature (vector 20)",
	    test_vector);
	CU_add_test(s, "record from a planned certificate", test_record_from_plan);
	CU_add_test(s, "canonical strings and refusals", test_canonical_strings);
	CU_add_test(s, "claim canonical form and seal", test_claim_canonical);
	CU_add_test(s, "Ed25519 sign and verify", test_sign_verify);
	CU_add_test(s, "PEM private and public keys", test_pem);
	CU_add_test(s, "key file", test_key_file);
	CU_add_test(s, "chain verifies (vector 21)", test_chain_ok);
	CU_add_test(s, "tampered energy (vector 22)", test_chain_tamper);
	CU_add_test(s, "id gap, reads, prevHash, head (vector 23)",
	    test_chain_gap_reads_head);
	CU_add_test(s, "unknown and wrong keys; streaming walk",
	    test_chain_keys);
	CU_add_test(s, "hex decoding, break names", test_hex_decode);
}
