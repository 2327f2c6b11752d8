/*
 * Bulk uploads and their jobs (integrators.md §5-6).
 */
#ifndef API_BULK_H
#define API_BULK_H

#include "api/api.h"

/* Writes the job object of §5.5, leaving it open for more keys. */
void	api_bulk_render_job(struct jw *, const struct db_job *);
/* The job if the caller may see it: 0, or answered 404 JOB_NOT_FOUND. */
int	api_bulk_job_visible(struct api_call *, int64_t id, struct db_job *);
/* Answers status with the job (re-read), Location when 202. */
void	api_bulk_reply_job(struct api_call *, int status, int64_t id, int replayed);

/* bulk_upload.c */
void	api_bulk_reads_upload(struct api_call *);
void	api_bulk_devices_upload(struct api_call *);
/* bulk_files.c */
void	api_file_upload(struct api_call *);
void	api_file_process(struct api_call *);
void	api_file_process_admin(struct api_call *);
void	api_csv_jobs(struct api_call *);
void	api_csv_job_status(struct api_call *);
/* bulk_jobs.c */
void	api_bulk_jobs(struct api_call *);
void	api_bulk_job(struct api_call *);

/*
 * The job thread (bulk_run.c): one per worker process, with its own
 * database connection.  api_jobs_start returns 0 or -1; api_jobs_stop
 * ends the current chunk, expires the lease and joins.
 */
int	api_jobs_start(struct api_ctx *);
void	api_jobs_stop(void);

#endif
