/*
 * Black-box integration test harness: HTTP over libcurl, JSON through
 * json-c, assertions through CUnit.  Shared by every tests/integration
 * suite; it knows nothing about drec's internals, only the wire format
 * of docs/ and the environment set by scripts/test:
 *
 *	DREC_BASE_URL		required, e.g. http://127.0.0.1:18080
 *	DREC_ADMIN_EMAIL	Admin A's e-mail (default admin@drec.test)
 *	DREC_ADMIN_PASSWORD	Admin A's password (default Adm1nPass)
 *	DREC_DRECCTL		command prefix running drecctl
 *	DREC_VAR_DIR		the stack's var directory
 *
 * Every helper that talks to the server records CUnit assertions, so it
 * must be called from inside a CUnit test.  Tests may leak on a fatal
 * assertion (CUnit longjmps out); the programs are short-lived.
 */
#ifndef ITEST_H
#define ITEST_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <json-c/json.h>

#include <CUnit/CUnit.h>

struct itest_resp {
	long			 status;	/* 0: transport failure */
	char			*body;		/* NUL-terminated, never NULL */
	size_t			 len;
	struct json_object	*json;		/* NULL unless valid JSON */
	char			*content_type;	/* NULL when absent */
	char			*request_id;	/* X-Request-Id or NULL */
	char			*allow;		/* Allow or NULL */
	char			*headers;	/* final header block, raw */
	double			 elapsed;	/* seconds, whole exchange */
	char			 method[16];
	char			*path;
	char			 errbuf[256];	/* curl's error text */
};

/* Automatic checks done on every response (see itest_request). */
#define ITEST_CHECK_REQUEST_ID	0x01	/* X-Request-Id present */
#define ITEST_CHECK_JSON	0x02	/* application/json, parses */
#define ITEST_CHECK_ENVELOPE	0x04	/* >= 400: error envelope shape */
#define ITEST_CHECK_ALL		0x07
extern int	itest_checks;		/* default ITEST_CHECK_ALL */
/* CONVENTIONS §2: the one message of every 401 UNAUTHORIZED. */
#define ITEST_UNAUTHORIZED_MSG	"Missing, invalid or expired access token"

/* Environment. */
extern const char *itest_base;		/* DREC_BASE_URL */
const char	*itest_env(const char *, const char *);
#define itest_admin_email() \
	itest_env("DREC_ADMIN_EMAIL", "admin@drec.test")
#define itest_admin_password() \
	itest_env("DREC_ADMIN_PASSWORD", "Adm1nPass")

/*
 * One HTTP exchange.  token: sent as "Authorization: Bearer <token>"
 * unless NULL.  content_type: NULL means "application/json" when there
 * is a body and no Content-Type otherwise.  extra: NULL-terminated list
 * of raw header lines ("X-Request-Id: abc"; "Name;" sends it empty).
 * A body on GET is not sent.  Returns 0 or -1 on a transport failure,
 * which is also recorded as a failed assertion.  Free with
 * itest_resp_free().
 */
int	 itest_request(const char *, const char *, const char *,
	    const char *, const char *, const char *const *,
	    struct itest_resp *);
#define itest_get(p, t, r) \
	itest_request("GET", (p), (t), NULL, NULL, NULL, (r))
#define itest_post(p, t, b, r) \
	itest_request("POST", (p), (t), NULL, (b), NULL, (r))
#define itest_put(p, t, b, r) \
	itest_request("PUT", (p), (t), NULL, (b), NULL, (r))
/* (method, path, token, body, headers, status, code): one request
 * answered by that error envelope. */
void	 itest_expect_error_at(const char *, unsigned int, const char *,
	    const char *, const char *, const char *, const char *const *,
	    long, const char *);
#define itest_expect_error(...) \
	itest_expect_error_at(__FILE__, __LINE__, __VA_ARGS__)
#define ITEST_HDRS(...)	((const char *const []){ __VA_ARGS__, NULL })
void	 itest_resp_free(struct itest_resp *);
/* A response header's value, malloc'd, or NULL. */
char	*itest_header(const struct itest_resp *, const char *);

/* Logs in; the access token, malloc'd, or NULL. */
char	*itest_login(const char *, const char *);
#define itest_admin_token() \
	itest_login(itest_admin_email(), itest_admin_password())

/*
 * JSON access by dotted path; numeric components index arrays
 * ("users.0.organization.name"); "" is the value itself.  The j* forms
 * look in a response's body.
 */
struct json_object *itest_oget(struct json_object *, const char *);
int	 itest_otype(struct json_object *, const char *);  /* -1: missing */
const char *itest_ostr(struct json_object *, const char *); /* NULL */
long long itest_oint(struct json_object *, const char *);   /* -1 */
int	 itest_obool(struct json_object *, const char *);    /* -1 */
size_t	 itest_olen(struct json_object *, const char *); /* array, object */
size_t	 itest_count_str(struct json_object *, const char *, const char *);
long	 itest_find_int(struct json_object *, const char *, long long);
/* The message (a string, or any sentence of an array) contains s. */
int	 itest_message_has(const struct itest_resp *, const char *);
#define itest_ohas(o, p)	(itest_otype((o), (p)) >= 0)
#define itest_oisnull(o, p)	(itest_otype((o), (p)) == json_type_null)
#define itest_jget(r, p)	itest_oget((r)->json, (p))
#define itest_jtype(r, p)	itest_otype((r)->json, (p))
#define itest_jstr(r, p)	itest_ostr((r)->json, (p))
#define itest_jint(r, p)	itest_oint((r)->json, (p))
#define itest_jbool(r, p)	itest_obool((r)->json, (p))
#define itest_jhas(r, p)	itest_ohas((r)->json, (p))
#define itest_jisnull(r, p)	itest_oisnull((r)->json, (p))
#define itest_jlen(r, p)	itest_olen((r)->json, (p))

/* Strings. */
char	*itest_fmt(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*itest_unique(const char *);
char	*itest_unique_email(const char *);
char	*itest_urlencode(const char *);
char	*itest_json_str(const char *);		/* "quoted", escaped */
/* 2024-06-01T10:00:00.000Z exactly: epoch seconds, else -1. */
long long itest_parse_instant(const char *);
#define itest_is_instant(s)	(itest_parse_instant(s) >= 0)
const char *itest_reason(long, const char **);

/* JWT. */
char	*itest_b64url_encode(const void *, size_t);
unsigned char *itest_b64url_decode(const char *, size_t, size_t *);
void	 itest_hmac_sha256(const void *, size_t, const void *, size_t,
	    unsigned char [32]);
struct json_object *itest_jwt_part(const char *, int);
#define itest_jwt_header(t)	itest_jwt_part((t), 0)
#define itest_jwt_payload(t)	itest_jwt_part((t), 1)
/* (alg, payload JSON, key or NULL for no signature, key length) */
char	*itest_jwt_forge(const char *, const char *, const char *, size_t);
#define itest_jwt_forge_none(p)	itest_jwt_forge("none", (p), NULL, 0)
#define itest_jwt_forge_hs256(p, k) \
	itest_jwt_forge("HS256", (p), (k), strlen(k))
char	*itest_jwt_tamper(const char *);

/* Commands: runs "$DREC_DRECCTL arg...", quoted; returns the exit status
 * (-1 when it could not run), output in *out when out is not NULL. */
int	 itest_drecctl(char **, const char *const *);

/*
 * Assertions.  Each records one CUnit assertion with the caller's
 * location and prints the request and body when it fails.
 */
int	 itest_check_status(const struct itest_resp *, long, int,
	    const char *, unsigned int);
int	 itest_check_error(const struct itest_resp *, long, const char *,
	    const char *, unsigned int);
int	 itest_check_fields(const struct itest_resp *, int, const char *,
	    unsigned int, ...) __attribute__((sentinel));
int	 itest_check_str(const struct itest_resp *, const char *,
	    const char *, const char *, unsigned int);
int	 itest_check_int(const struct itest_resp *, const char *, long long,
	    const char *, unsigned int);
int	 itest_check(int, const struct itest_resp *, const char *,
	    const char *, unsigned int, int);

#define ITEST_ASSERT_STATUS(r, st) \
	itest_check_status((r), (st), 0, __FILE__, __LINE__)
#define ITEST_ASSERT_STATUS_FATAL(r, st) \
	itest_check_status((r), (st), 1, __FILE__, __LINE__)
/* Status, statusCode, error phrase, success false, code, message. */
#define ITEST_ASSERT_ERROR(r, st, code) \
	itest_check_error((r), (st), (code), __FILE__, __LINE__)
/* details.fields exactly the names given; message an array as long. */
#define itest_assert_fields(r, ...) \
	itest_check_fields((r), 1, __FILE__, __LINE__, __VA_ARGS__)
/* details.fields only (routes with one summary message). */
#define itest_assert_detail_fields(r, ...) \
	itest_check_fields((r), 0, __FILE__, __LINE__, __VA_ARGS__)
#define ITEST_ASSERT_JSTR(r, path, want) \
	itest_check_str((r), (path), (want), __FILE__, __LINE__)
#define ITEST_ASSERT_JINT(r, path, want) \
	itest_check_int((r), (path), (want), __FILE__, __LINE__)
/* A condition about a response; prints it on failure. */
#define ITEST_ASSERT_R(r, cond) \
	itest_check(!!(cond), (r), #cond, __FILE__, __LINE__, 0)
#define ITEST_ASSERT_R_FATAL(r, cond) \
	itest_check(!!(cond), (r), #cond, __FILE__, __LINE__, 1)
/* A precondition left by an earlier test; fatal. */
#define ITEST_REQUIRE(cond) \
	itest_check(!!(cond), NULL, "prerequisite: " #cond, __FILE__, \
	    __LINE__, 1)

/* Runner.  ITEST_SUITE=text in the environment runs only the suites
 * whose name holds text (the others are inactive). */
typedef void	(*itest_register_fn)(void);
CU_pSuite	 itest_suite(const char *);
void		 itest_add(CU_pSuite, const char *, CU_TestFunc);
void		 itest_skip(const char *, const char *);
int		 itest_main(int, char **, itest_register_fn);

/*
 * One exchange without CUnit assertions (safe in threads and suite
 * cleanups): method, path (appended to DREC_BASE_URL), bearer token and
 * body (may be NULL), one extra header line hdr (may be NULL).  Returns
 * the status (0: transport failure); *out and *hout (may be NULL) get the
 * malloc'd body and header block.
 */
long		 itest_raw(const char *method, const char *path, const char *tok,
		    const char *body, const char *hdr, char **out, char **hout);

/*
 * base (a JSON object) with the top-level keys of patch set; a JSON null
 * in patch deletes the key.  malloc'd; exits 2 on malformed test JSON.
 */
char		*itest_json_merge(const char *base, const char *patch);

#endif /* ITEST_H */
