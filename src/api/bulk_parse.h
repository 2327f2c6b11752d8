/*
 * Bulk-upload files into job items (integrators.md §5.2-5.4), shared by
 * the upload routes (bulk_upload.c) and the reference client's file flow
 * (bulk_files.c).
 */
#ifndef API_BULK_PARSE_H
#define API_BULK_PARSE_H

#include "domain/bulk_cols.h"
#include "domain/csv.h"
#include "api/api.h"

struct item {
	char		*key;		/* hashed: the externalId, or a row key */
	char		*ext;		/* as in the file (first row), or NULL */
	int		 first_row, last_row;
	struct strbuf	 in;		/* JSON input */
	int		 n;
};

struct upload {
	struct api_call	*c;
	enum bulk_kind	 kind;
	int		 map[CSV_MAX_FIELDS];
	int		 need_start;
	int		 max_rows, rows;
	enum ecode	 code;		/* the CSV failure, or E_NONE */
	int		 err_row;
	char		 msg[700];
	struct item	*items;
	size_t		 nitems, cap;
	int		*slots;		/* hash of lower(ext) → item + 1 */
	size_t		 nslots;
	char		 cols[1000];	/* columns_csv */
};

/*
 * Parses a CSV body into u->items (u->c, kind, max_rows, need_start set
 * by the caller).  0, or answered 400 (the CSV code, details.row) and -1.
 */
int	api_bulk_parse_csv(struct upload *, const char *body, size_t len);
/* Frees what api_bulk_parse_csv allocated. */
void	api_bulk_upload_cleanup(struct upload *);
/*
 * §5.1's transaction: idempotency, the open-job limit, the job and its
 * items (and, when delete_file, that upload_file row), with deadlock
 * retries (api_acct_tx).  *replay: the key answered with job *id; ERR_CONFLICT
 * with *code for a 409.
 */
enum err api_bulk_write_job(struct upload *, struct db_job_new *, int64_t *id,
	    enum ecode *code, int *replay, const char *delete_file);
/* Answers a api_bulk_write_job failure (409s, 5xx); 0 when e is ERR_OK. */
int	api_bulk_write_fail(struct api_call *, enum err, enum ecode code,
	    int64_t org, const char *key);

#endif
