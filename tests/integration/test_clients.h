/*
 * itest_clients (clients.md §8): declarations shared by its files.
 *
 *	test_clients.c		helpers, §8's state, main
 *	test_clients_vectors.c	CORS (§1), paths (§2), the device routes and
 *				blockchain-properties (§5, §6.2)
 *	test_clients_examples.c	§6 on certificates.md §10's examples
 */
#ifndef TEST_CLIENTS_H
#define TEST_CLIENTS_H

#include "itest.h"

#define PW		"Passw0rd1"
#define O_UI		"Origin: http://localhost:4200"
#define ACRM_GET	"Access-Control-Request-Method: GET"
#define EXPOSE		"X-Request-Id, Location, Content-Disposition, " \
			"Idempotent-Replayed, Retry-After"
#define METHODS		"GET, POST, PUT, PATCH, DELETE"
#define HEADERS		"Authorization, Content-Type, Idempotency-Key, " \
			"X-Request-Id"
#define M1(hm)		"2025-03-01T" hm ":00.000Z"
#define D25(md, hm)	"2025-" md "T" hm ":00.000Z"
#define D24(md, hm)	"2024-" md "T" hm ":00.000Z"
#define RD(s, e, v) \
	"{\"starttimestamp\":\"" s "\",\"endtimestamp\":\"" e "\",\"value\":" \
	#v "}"
#define RE(e, v)	"{\"endtimestamp\":\"" e "\",\"value\":" #v "}"
#define CSV_HEAD	"externalId,reservation_name," \
	"certificate_issuance_startdate,certificate_issuance_enddate," \
	"readvalue_watthour,certificateTransactionUID,blockchainCertificateId\n"
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

struct party {
	char		*tok, *email;
	long long	 org, uid;
};

struct dev {
	long long	 id;
	char		*iid, *ext;
};

struct res {
	long long	 id;
	char		*uid;
};

/* §8's state (fixture() builds it once). */
struct cl_state {
	char		*admin;
	struct party	 oa1, do1, du1, oa2, bu1, bu2;
	struct dev	 dev1, dev2, other1;
	int		 ready;
};
extern struct cl_state st;

void		 fixture(void);
/* The test clock (Admin). */
void		 clock_set(const char *);
void		 clock_clear(void);
/* A user with a new organization of type (name NULL: unique); logged in. */
void		 party_new(struct party *, const char *type, const char *name);
/* A user of role in org created by the Admin; logged in. */
void		 party_add(struct party *, long long org, const char *role);
/* A device of tok's organization (10 kW, IND, ...) changed by patch. */
struct dev	 device(const char *tok, const char *patch);
void		 reads_at(const char *, unsigned, const char *,
		    const struct dev *, const char *type, const char *reads);
/* A reservation (body printf format) created as tok: 201. */
struct res	 reserve(const char *tok, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* An issuer pass at the test-clock instant t: 200. */
void		 pass(const char *t);
/* The ledger head id. */
long long	 head(void);
int		 hdr_at(const char *, unsigned, const struct itest_resp *,
		    const char *name, const char *want);
int		 jeq_at(const char *, unsigned, const struct itest_resp *,
		    const char *path, const char *json);
int		 ext_is_at(const char *, unsigned, const struct itest_resp *,
		    const char *path, const char *want);
void		 cl_vectors_register(CU_pSuite);
void		 cl_examples_register(CU_pSuite);

/* Meter reads of type (a JSON read list text); 201. */
#define READS(t, d, ty, rd)	reads_at(__FILE__, __LINE__, (t), (d), (ty), (rd))
#define HDR(r, n, w)	hdr_at(__FILE__, __LINE__, (r), (n), (w))
/* No Access-Control-* header at all. */
#define NO_ACAH(r)	ITEST_ASSERT_R((r), strcasestr((r)->headers, \
	"\nAccess-Control-") == NULL)
#define JEQ(r, p, w)	jeq_at(__FILE__, __LINE__, (r), (p), (w))
#define EXTS(r, p, w)	ext_is_at(__FILE__, __LINE__, (r), (p), (w))

#endif
