/*
 * itest_integrators: state shared by test_integrators.c (§11 #1-#23,
 * #39-#43) and test_integrators_bulk.c (the bulk vectors #24-#38).
 */
#ifndef TEST_INTEGRATORS_H
#define TEST_INTEGRATORS_H

#include "itest.h"

extern char		*tA, *tOA1, *tOA2, *tBU1, *tOps, *tOps2;
extern char		*tc1, *tc2, *tc3;
extern long long	 d1, d2, b1, ops_id, orgK, orgS, dev_it;
extern char		 U[64], U2[64], C1[40], S1[80], C2[40], S2[80];

#define PW		"DEF123"
#define ADMIN_AU	"/api/admin/apiusers/"

char	*reg_body(const char *e, const char *t, const char *o, const char *extra);
char	*dev_body(const char *e, const char *extra);
char	*fx_reg(const char *e, const char *t, const char *o, long long *org,
	    long long *uid);
char	*get_access(const char *id, const char *secret, long *st);
int	 arr_is(const struct itest_resp *, const char *path, const char *want);
void	 v22_yield(void);
void	 v23_yield_default(void);
void	 v39_yield_off(void);
void	 v40_deactivate(void);
void	 v42_export_closed(void);
void	 v43_client_session_limits(void);
void	 x_user_get(void);
void	 x_reads_alias(void);
void	 x_delete_orgs(void);

/* POST /api/device by OA1 in country cc (+ extra keys); its yieldValue. */
long long	yield_of_new(const char *ext, const char *cc, const char *extra);

void	b24_content(void);
void	b25_upload(void);
void	b26_devices(void);
void	b27_reupload(void);
void	b28_idempotency(void);
void	b29_malformed(void);
void	b29_hostile_cells(void);
void	b30_visibility(void);
void	b31_file_flow(void);
void	b32_admin_process(void);
void	b34_read_query(void);
void	b35_reads(void);
void	b36_listed(void);
void	b37_again(void);
void	b38_older(void);
void	v41_yield_patch(void);

#define BULK_VECTORS \
	{ "#24 415; CSV_MISSING_COLUMN; CSV_UNKNOWN_COLUMN", b24_content }, \
	{ "#25 C1: 202, Completed 2 + 2 failed", b25_upload }, \
	{ "#26 uploaded devices as POST /api/device makes them", b26_devices }, \
	{ "#27 C2: identical rows Skipped", b27_reupload }, \
	{ "#28 Idempotency-Key: replay, reuse 409", b28_idempotency }, \
	{ "#29 malformed CSV answered, nothing written", b29_malformed }, \
	{ "hostile cells are stored verbatim", b29_hostile_cells }, \
	{ "#30 job visibility; Admin and ApiUser organizationId", \
	  b30_visibility }, \
	{ "#31 POST /api/file, process, status, CSV job list", \
	  b31_file_flow }, \
	{ "#32 addByAdmin process: organization checks", b32_admin_process }, \
	{ "#34 read upload query checks", b34_read_query }, \
	{ "#35 R1 Delta: per-device outcomes", b35_reads }, \
	{ "#36 the uploaded reads are ordinary reads", b36_listed }, \
	{ "#37 R1 again: duplicates, nothing stored", b37_again }, \
	{ "#38 older than the last read", b38_older }

#endif
