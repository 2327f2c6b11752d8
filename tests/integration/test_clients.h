/*
 * itest_clients (clients.md §8): declarations shared by its files.
 *
 *	test_clients.c		helpers, §8's state, main
 *	test_clients_vectors.c	CORS (§1), paths (§2), the device routes and
 *				blockchain-properties (§5, §6.2)
 *	test_clients_examples.c	§6 on certificates.md §10's examples
 *	test_clients_accounts.c	§4: accounts.md's organization, admin and
 *				password routes as the web client spells them
 */
#ifndef TEST_CLIENTS_H
#define TEST_CLIENTS_H

#include "test_certificates.h"

#define PW		CT_PASSWORD
#define O_UI		"Origin: http://localhost:4200"
#define ACRM_GET	"Access-Control-Request-Method: GET"
#define EXPOSE		"X-Request-Id, Location, Content-Disposition, " \
			"Idempotent-Replayed, Retry-After"
#define METHODS		"GET, POST, PUT, PATCH, DELETE"
#define HEADERS		"Authorization, Content-Type, Idempotency-Key, " \
			"X-Request-Id"
#define M1(hm)		"2025-03-01T" hm ":00.000Z"
#define CSV_HEAD	"externalId,reservation_name," \
	"certificate_issuance_startdate,certificate_issuance_enddate," \
	"readvalue_watthour,certificateTransactionUID,blockchainCertificateId\n"

/* §8's state (fixture() builds it once). */
struct cl_state {
	char		*admin;
	struct ct_party	 oa1, do1, du1, oa2, bu1, bu2;
	struct ct_dev	 dev1, dev2, other1;
	int		 ready;
};
extern struct cl_state st;

void		 fixture(void);
int		 hdr_at(const char *, unsigned, const struct itest_resp *,
		    const char *name, const char *want);
int		 ext_is_at(const char *, unsigned, const struct itest_resp *,
		    const char *path, const char *want);
void		 get200_at(const char *, unsigned, const char *path,
		    const char *tok, struct itest_resp *);
void		 cl_add_tests(CU_pSuite, const struct ct_test *, size_t);
char		*drecd_log_line(const char *);
int		 drecd_log_has(const char *);
void		 cl_vectors_register(CU_pSuite);
void		 cl_examples_register(CU_pSuite);
void		 cl_accounts_register(CU_pSuite);

/* Shorter spellings of test_certificates.h's helpers. */
#define READS(t, d, ty, rd)	CT_READS((t), (d), (ty), "%s", (rd))
#define JEQ(r, p, w)	CT_JEQ((r)->json, (p), "%s", (w))
#define HDR(r, n, w)	hdr_at(__FILE__, __LINE__, (r), (n), (w))
/* No Access-Control-* header at all. */
#define NO_ACAH(r)	ITEST_ASSERT_R((r), strcasestr((r)->headers, \
	"\nAccess-Control-") == NULL)
#define EXTS(r, p, w)	ext_is_at(__FILE__, __LINE__, (r), (p), (w))
#define GET200(p, t, r)	get200_at(__FILE__, __LINE__, (p), (t), (r))

#endif
