/*
 * Certificates (certificates.md): declarations shared by the three files
 * of itest_certificates.
 *
 *	test_scenario.c			the helpers declared below (also
 *					linked into itest_clients)
 *	test_certificates.c		more helpers, the fixture (public key,
 *					issuer route roles), registration
 *	test_certificates_examples.c	the worked examples §10.1-10.5 run
 *					through the server and the §12
 *					vectors built on them
 *	test_certificates_more.c	the vectors beyond the examples (1-6,
 *					8, 9, 11, 27), the randomized
 *					invariant (32), the lease (18, 34),
 *					the ledger's hashes and signatures
 *					(20, 21) and the tamper tests (22,
 *					23)
 *
 * The database is shared by every test of the program (scripts/test
 * resets it once per suite): certificate ids are the ledger's, from 1.
 * Each scenario uses its own organizations, devices and reservations and
 * ends with a pass after the expiry of its reservations, which closes
 * them, so that no later pass issues anything for them.  Every user logs
 * in at the real clock (tokens then outlive every instant the tests
 * move the test clock to; CONVENTIONS §3, §11).
 */
#ifndef TEST_CERTIFICATES_H
#define TEST_CERTIFICATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/nelem.h"
#include "itest.h"

#define CT_CLOCK	"/api/test/clock"
#define CT_RUN		"/api/drec-issuer/run"
#define CT_LEDGER	"/api/certificate-log/ledger"
#define CT_CERTIFIED	"/api/certificate-log/issuer/certified/"
#define CT_BYRES	"/api/certificate-log/by-reservation-groupId"
#define CT_OFDEV	"/api/certificate-log/issuer/certifiedlogOfdevices"
#define CT_BR		"/api/buyer-reservation"
#define CT_PASSWORD	"Passw0rd1"
#define CT_ZEROS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define T(f)		{ #f, f }

struct ct_test {
	const char	*name;
	CU_TestFunc	 fn;
};

/* A user and its organization. */
struct ct_party {
	char		*tok;
	long long	 org, uid;
};

struct ct_dev {
	long long	 id;
	char		*iid;		/* internalExternalId */
	char		*ext;		/* externalId */
};

struct ct_res {
	long long	 id;
	char		*uid;		/* devicegroup_uid */
};

struct ct_state {
	char		*admin;
	long long	 admin_id;
	char		 key_id[17];
	char		 pub_hex[65];
};
extern struct ct_state ct;

/* ---- time ---- */
/* "2025-03-01T10:00:00.000Z" (also without the fraction or Z) -> ms. */
int64_t		 ct_ms(const char *);
/* ms -> "YYYY-MM-DDTHH:MM:SS.mmmZ" in one of 16 rotating buffers. */
const char	*ct_iso(int64_t);
int64_t		 ct_add_months(int64_t, int);

/* ---- requests ---- */
/* HTTP without CUnit (threads): the status, 0 on a transport failure. */
long		 ct_raw(const char *, const char *, const char *, const char *,
		    char **);
void		 ct_clock(const char *);
void		 ct_clock_clear(void);
/* The test clock's instant as last set, "" for the real clock. */
extern char	 ct_clock_now[32];
/* Registers a user with a new organization ("buyer" or "developer") at
 * the real clock and logs in. */
void		 ct_party_new(struct ct_party *, const char *, const char *);
/* The same with the organization name given (tag: the e-mail's). */
void		 ct_party_named(struct ct_party *, const char *, const char *,
		    const char *);
/* Admin A adds a user of role to org (at the real clock), logs in. */
void		 ct_party_add(struct ct_party *, long long, const char *,
		    const char *);
/* A device of tok's organization: 10 kW, yield 2000, commissioning
 * 2024-01-01, IND, changed by the JSON patch (printf format). */
struct ct_dev	 ct_device(const char *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Posts {"type":type,"unit":"Wh","reads":[reads]}; 201 asserted. */
void		 ct_reads_at(const char *, unsigned int, const char *,
		    const struct ct_dev *, const char *, const char *, ...)
		    __attribute__((format(printf, 6, 7)));
#define CT_READS(tok, dev, type, ...) \
	ct_reads_at(__FILE__, __LINE__, (tok), (dev), (type), __VA_ARGS__)
/* Read objects for CT_READS. */
char		*ct_rd(const char *, const char *, long long);	/* s/NULL,e,v */
/* A reservation (JSON body, printf format) created as tok; 201. */
struct ct_res	 ct_reserve_at(const char *, unsigned int, const char *,
		    const char *, ...) __attribute__((format(printf, 4, 5)));
#define CT_RESERVE(tok, ...) \
	ct_reserve_at(__FILE__, __LINE__, (tok), __VA_ARGS__)
/* GET /api/buyer-reservation/:id as tok (Admin when NULL); 200. */
struct json_object *ct_res_get(long long, const char *);
/* One pass at T (test clock) as Admin: 200, startedAt = T; the
 * summary (json_object_put it). */
struct json_object *ct_pass_at(const char *, unsigned int, const char *);
#define CT_PASS(t)	ct_pass_at(__FILE__, __LINE__, (t))
/* The ledger head (public route). */
long long	 ct_head(char *);	/* hash[65] or NULL */
/* The ledger entry of certificate id (json_object_put it), or NULL. */
struct json_object *ct_entry(long long);
/* Closes the reservations: a pass at t (past their expiry); each GET
 * shows closed true, or status completed. */
void		 ct_close_at(const char *, unsigned int, const char *,
		    const struct ct_res *, size_t);
#define CT_CLOSE(t, res, n) ct_close_at(__FILE__, __LINE__, (t), (res), (n))

/* Read objects. */
#define RD(s, e, v) \
	"{\"starttimestamp\":\"" s "\",\"endtimestamp\":\"" e "\",\"value\":" \
	#v "}"
#define RE(e, v)	"{\"endtimestamp\":\"" e "\",\"value\":" #v "}"
/* Instants. */
#define D25(md, hm)	"2025-" md "T" hm ":00.000Z"
#define D24(md, hm)	"2024-" md "T" hm ":00.000Z"
#define KEN		"{\"countryCode\":\"KEN\",\"latitude\":\"-1.29\"," \
			"\"longitude\":\"36.82\"%s}"

#define WANT(...)	(&(const struct ct_want){ __VA_ARGS__ })
#define RES_STATE(r, st, wh, n, thr, cl) ct_res_state_at(__FILE__, __LINE__, \
	(r), (st), (wh), (n), (thr), (cl))
#define GET_JSON(p, t)	ct_get_json_at(__FILE__, __LINE__, (p), (t))
#define ITEM_IDS(o, path, ...) ct_item_ids_at(__FILE__, __LINE__, (o), \
	(path), (const long long []){ __VA_ARGS__ }, \
	sizeof((const long long []){ __VA_ARGS__ }) / sizeof(long long))

/* "org:<organization id>" (malloc'd). */
char		*ct_owner_of(const struct ct_party *);
/* The reservation as the Admin sees it (closed < 0: not checked). */
void		 ct_res_state_at(const char *, unsigned int,
    const struct ct_res *,
		    const char *, long long, long long, const char *, int);
/* How many of the device's reads are certified (-1: SQL failed). */
long long	 ct_certified_reads(const struct ct_dev *);
/* The certificate id of the device's read ending at end (0: none). */
long long	 ct_read_cert(const struct ct_dev *, const char *);
/* GET path as tok: 200 (fatal); the body (json_object_put it). */
struct json_object *ct_get_json_at(const char *, unsigned int, const char *,
		    const char *);
/* The items of the array at path have exactly these ids, in order. */
int		 ct_item_ids_at(const char *, unsigned int,
    struct json_object *,
		    const char *, const long long *, size_t);

/* ---- what a certificate must be ---- */
struct ct_want {
	const char	*ws, *we;	/* window */
	const char	*country;
	long long	 energy, excess;
	const char	*gs, *ge;	/* generation interval */
	int		 late;
	const char	*kind;		/* "window", "history" */
	int		 nreads;	/* Σ devices[].readCount */
	int		 ndevices;
};
/* The ledger entry of id is w, of reservation res (owner: "org:<org>"
 * or the address given). */
void		 ct_cert_at(const char *, unsigned int, long long,
		    const struct ct_res *, const char *,
		    const struct ct_want *);
#define CT_CERT(id, res, owner, w) \
	ct_cert_at(__FILE__, __LINE__, (id), (res), (owner), (w))
/* summary: certificatesIssued n, certificateIds first..first+n-1. */
void		 ct_sum_ids_at(const char *, unsigned int, struct json_object *,
		    long long, long long);
#define CT_SUM_IDS(s, first, n) \
	ct_sum_ids_at(__FILE__, __LINE__, (s), (first), (n))
/* The array at path of o holds exactly the integers (n of them). */
int		 ct_ints_at(const char *, unsigned int, struct json_object *,
		    const char *, const long long *, size_t);
#define CT_INTS(o, path, ...) ct_ints_at(__FILE__, __LINE__, (o), (path), \
	(const long long []){ __VA_ARGS__ }, \
	sizeof((const long long []){ __VA_ARGS__ }) / sizeof(long long))
#define CT_NO_INTS(o, path) ct_ints_at(__FILE__, __LINE__, (o), (path), \
	NULL, 0)
/* JSON equality of the value at path with the JSON text (printf). */
int		 ct_jeq_at(const char *, unsigned int, struct json_object *,
		    const char *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
#define CT_JEQ(o, path, ...) ct_jeq_at(__FILE__, __LINE__, (o), (path), \
	__VA_ARGS__)
/* An assertion with a printf message. */
int		 ct_check_at(const char *, unsigned int, int, const char *, ...)
		    __attribute__((format(printf, 4, 5)));
#define CT_CHECK(cond, ...) ct_check_at(__FILE__, __LINE__, !!(cond), \
	__VA_ARGS__)

/* ---- listings (§9.4) ---- */
/* An item of §9.4 (full == 1) or the developer's cut of §9.6 (0). */
void		 ct_item_at(const char *, unsigned int, struct json_object *,
		    int);
#define CT_ITEM(o, full)	ct_item_at(__FILE__, __LINE__, (o), (full))
void		 ct_row_at(const char *, unsigned int, struct json_object *);
#define CT_ROW(o)		ct_row_at(__FILE__, __LINE__, (o))

/* ---- SQL and drecctl ---- */
/* Runs the SQL (printf format) through $DREC_SQL -N -B with the session
 * in UTC; the exit status, the output in *out (malloc'd) if out. */
int		 ct_sql(char **, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* The first column of the first row as an integer (-1 if none). */
long long	 ct_sql_ll(const char *, ...)
		    __attribute__((format(printf, 1, 2)));
/* `drecctl ledger verify`: exit status; the first line in line[512]. */
int		 ct_verify(char *);
/* Asserts verify OK with head id n (n < 0: any). */
void		 ct_verify_ok_at(const char *, unsigned int, long long);
#define CT_VERIFY_OK(n)	ct_verify_ok_at(__FILE__, __LINE__, (n))
/* Runs "$DREC_DRECCTL args" (a shell fragment) with output to a file;
 * the exit status and the output (malloc'd). */
int		 ct_drecctl_sh(const char *, char **);

/*
 * §7 properties P1-P5 for the reservations (ids) through SQL, at the
 * pass instant t (P4; t 0: not checked), with P6 (`ledger verify`); 0
 * when they hold, else the CT_P* bits of those that do not.
 * ct_props_probe records no assertion (tests of the checker itself).
 */
#define CT_P1	0x01
#define CT_P2	0x02
#define CT_P3	0x04
#define CT_P4	0x08
#define CT_P5	0x10
#define CT_P6	0x20
int		 ct_props_at(const char *, unsigned int, const long long *,
		    size_t, int64_t);
int		 ct_props_probe(const long long *, size_t, int64_t);
#define CT_PROPS(ids, n, t) ct_props_at(__FILE__, __LINE__, (ids), (n), (t))

/* ---- cryptography (OpenSSL) ---- */
void		 ct_sha256_hex(const void *, size_t, char [65]);
/* drec-c14n-1 of a JSON value (malloc'd). */
char		*ct_canonical(struct json_object *);
/* Ed25519 over the 32 raw bytes of hash_hex with the raw public key. */
int		 ct_ed25519_ok(const char *, const char *, const char *);
/* The ledger entry's hash (canonical form without hash/signature) and
 * signature check out against the public key pub_hex. */
int		 ct_entry_sealed(struct json_object *, const char *);

/* A scenario starts: reservations left open by an earlier failure are
 * closed through SQL (and named). */
void		 ct_scenario(const char *);

/* ---- registration ---- */
int		 ct_suite_cleanup(void);
void		 ct_examples_register(void);
void		 ct_more_register(void);

#endif /* TEST_CERTIFICATES_H */
