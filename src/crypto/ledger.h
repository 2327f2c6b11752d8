/*
 * The issuer's Ed25519 key and the certificate ledger's cryptography
 * (certificates.md §8, §9.3): SHA-256 record hashes, Ed25519 signatures
 * over the 32 raw hash bytes (RFC 8032 pure, OpenSSL EVP_DigestSign with
 * a NULL digest), key ids, PKCS#8 / SubjectPublicKeyInfo PEM, and the
 * hash-chain walk of `drecctl ledger verify`.  Hex is lower-case.
 */
#ifndef CRYPTO_LEDGER_H
#define CRYPTO_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "domain/ledger.h"

#define CRYPTO_ED25519_KEY_LEN	32	/* raw public key, private seed */
#define CRYPTO_ED25519_SIG_LEN	64

/* The issuer's private key (an OpenSSL EVP_PKEY; opaque). */
struct crypto_issuer_key;

/* Returns a new random Ed25519 key, or NULL on failure.  Free with _free. */
struct crypto_issuer_key *crypto_issuer_key_generate(void);
/*
 * The key of a raw 32-byte RFC 8032 seed (test vectors); NULL on failure.
 */
struct crypto_issuer_key *crypto_issuer_key_from_seed(
		    const unsigned char seed[CRYPTO_ED25519_KEY_LEN]);
/*
 * Parses an unencrypted PKCS#8 PEM private key ("BEGIN PRIVATE KEY") of
 * len bytes; NULL when it is not one, is encrypted (never prompts) or is
 * not Ed25519.
 */
struct crypto_issuer_key *crypto_issuer_key_from_pem(const char *pem,
		    size_t len);

enum crypto_key_file {
	KEY_FILE_OK,
	KEY_FILE_UNREADABLE,	/* missing or not readable: errno is set */
	KEY_FILE_INVALID	/* readable, but no Ed25519 PKCS#8 PEM key */
};

/*
 * Reads the issuer_key_file (§8).  On KEY_FILE_OK *key is a new key and
 * *mode (may be NULL) the file's permission bits, so that the caller can
 * warn about a file readable by group or others.  The bytes read are
 * wiped.  Never logs.
 */
enum crypto_key_file crypto_issuer_key_load_file(const char *path,
		    struct crypto_issuer_key **key, unsigned *mode);
/*
 * Writes the key as PKCS#8 PEM to a new file at path, created with mode
 * 0600 (O_EXCL: an existing file is never replaced) and fsync'ed, for
 * `drecctl issuer-key init`.  Returns 0, or -1 with errno set (EEXIST
 * when the file exists); a partly written file is removed.
 */
int		 crypto_issuer_key_write_file(const struct crypto_issuer_key *,
		    const char *path);
/*
 * The key as PKCS#8 PEM: *pem is a NUL-terminated malloc'd string of
 * *len bytes, to be released with crypto_pem_free() (which wipes it).
 * Returns 0, or -1 on failure.
 */
int		 crypto_issuer_key_private_pem(const struct crypto_issuer_key *,
		    char **pem, size_t *len);
/* Wipes and frees a private PEM from crypto_issuer_key_private_pem(). */
void		 crypto_pem_free(char *pem, size_t len);
/* Frees a key (OpenSSL wipes it); NULL is a no-op. */
void		 crypto_issuer_key_free(struct crypto_issuer_key *);

/* The raw 32-byte public key of the private key. */
void		 crypto_issuer_key_public(const struct crypto_issuer_key *,
		    unsigned char pub[CRYPTO_ED25519_KEY_LEN]);
/*
 * keyId (§8): the first 16 hex of SHA-256 of the raw public key, into
 * out (DOM_KEY_ID_LEN + 1 bytes).
 */
void		 crypto_ed25519_key_id(
		    const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
		    char out[DOM_KEY_ID_LEN + 1]);
/*
 * The public key as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY",
 * §9.3 publicKeyPem): a malloc'd NUL-terminated string the caller frees,
 * or NULL on failure.
 */
char		*crypto_ed25519_public_pem(
		    const unsigned char pub[CRYPTO_ED25519_KEY_LEN]);

/* Signs msg (Ed25519, RFC 8032 pure) into sig; 0 ok, -1 failure. */
int		 crypto_ed25519_sign(const struct crypto_issuer_key *,
		    const void *msg, size_t len,
		    unsigned char sig[CRYPTO_ED25519_SIG_LEN]);
/* 1 when sig is pub's valid signature of msg, else 0. */
int		 crypto_ed25519_verify(
		    const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
		    const void *msg, size_t len,
		    const unsigned char sig[CRYPTO_ED25519_SIG_LEN]);

/*
 * Decodes exactly 2n lower- or upper-case hex digits (s must be that
 * long, NUL-terminated) into out; 0 ok, -1 otherwise.
 */
int		 crypto_hex_decode(const char *s, unsigned char *out, size_t n);

/* ------------------------------------------------------------------ */
/* Records (§8)                                                        */

/* A record's hash and signature, lower-case hex. */
struct crypto_seal {
	char	hash[DOM_HASH_HEX_LEN + 1];
	char	signature[DOM_SIG_HEX_LEN + 1];
};

/* hash = SHA-256 of bytes as lower-case hex into out (65 bytes). */
void		 crypto_ledger_hash(const void *bytes, size_t len,
		    char out[DOM_HASH_HEX_LEN + 1]);
/*
 * Seals a certificate record: canonical form (dom_cert_canonical), its
 * hash, and the signature over the 32 raw hash bytes.  rec->key_id must
 * be the key's id.  Returns 0, or -1 (record not writable, signing
 * failed).
 */
int		 crypto_ledger_seal(const struct crypto_issuer_key *,
		    const struct dom_cert_record *rec, struct crypto_seal *out);
/* The same for a claim record (§9.7). */
int		 crypto_ledger_seal_claim(const struct crypto_issuer_key *,
		    const struct dom_claim_record *, struct crypto_seal *out);
/*
 * 1 when hash_hex is 64 hex digits and sig_hex pub's valid signature of
 * its 32 raw bytes, else 0.
 */
int		 crypto_ledger_signature_ok(
		    const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
		    const char *hash_hex, const char *sig_hex);

/* ------------------------------------------------------------------ */
/* Chain verification (§8 `drecctl ledger verify`)                     */

/* A public key of the issuer_key table. */
struct crypto_ledger_key {
	char		 key_id[DOM_KEY_ID_LEN + 1];
	unsigned char	 pub[CRYPTO_ED25519_KEY_LEN];
};

/* One stored certificate row, with what P1 compares (§7). */
struct crypto_ledger_row {
	struct dom_cert_record	 record;	/* every hashed field, devices too */
	const char		*hash;		/* stored */
	const char		*signature;	/* stored */
	int			 has_read_totals;	/* check P1 against reads */
	int64_t			 reads_wh;	/* Σ wh of reads certified by it */
	int64_t			 reads_count;	/* their number */
};

/* The first broken link, or LEDGER_OK. */
struct crypto_chain_result {
	enum dom_ledger_break	 reason;
	size_t			 index;		/* of the row; rows seen for head */
	int64_t			 certificate_id;	/* to print */
	char			 key_id[DOM_KEY_ID_LEN + 1];	/* unknown key */
};

/* State of a walk over the rows in id order (bounded memory). */
struct crypto_chain_walk {
	size_t		 rows;		/* rows accepted */
	int64_t		 last_id;	/* 0 before the first */
	char		 last_hash[DOM_HASH_HEX_LEN + 1];
};

void		 crypto_chain_walk_init(struct crypto_chain_walk *);
/*
 * Checks the next row, in §8's order: id = last id + 1 (`id gap`),
 * prevHash = the previous row's stored hash or 64 zeros (`prevHash
 * mismatch`), the recomputed hash = the stored one (`hash mismatch`),
 * keyId among keys (`unknown key`), the signature (`bad signature`),
 * then P1: energyWh + excessWh = Σ devices[].wh, and when the row has
 * read totals also = reads_wh with Σ readCount = reads_count (`reads
 * mismatch`).  Returns LEDGER_OK and advances, or the break (filling
 * *res, which may be NULL) and does not advance.
 */
enum dom_ledger_break crypto_chain_walk_row(struct crypto_chain_walk *,
		    const struct crypto_ledger_row *,
		    const struct crypto_ledger_key *keys, size_t nkeys,
		    struct crypto_chain_result *res);
/*
 * Compares ledger_head (last_id, last_hash) with the rows walked:
 * LEDGER_OK, or LEDGER_HEAD_MISMATCH (certificate_id = head_id).
 */
enum dom_ledger_break crypto_chain_walk_head(const struct crypto_chain_walk *,
		    int64_t head_id, const char *head_hash,
		    struct crypto_chain_result *res);
/*
 * Walks rows[0..n) and then, when head_hash is not NULL, the head.
 * Returns the first break (LEDGER_OK when none) with *res filled: index
 * = the broken row (n for the head or when OK), certificate_id = the id
 * to print (the row's, or head_id).
 */
enum dom_ledger_break crypto_ledger_verify(const struct crypto_ledger_row *,
		    size_t n, const struct crypto_ledger_key *keys,
		    size_t nkeys, int64_t head_id, const char *head_hash,
		    struct crypto_chain_result *res);
/*
 * Formats a result as §8 prints it: "OK <n> certificates, head <id>
 * <hash>" is the caller's; this writes "BROKEN at certificate <id>:
 * <reason>" (with " <keyId>" for an unknown key) into out.
 */
void		 crypto_chain_result_format(const struct crypto_chain_result *,
		    char *out, size_t outlen);

#endif
