/*
 * The effective now (CONVENTIONS §11): test_clock's single row, when the
 * profile allows an override, else the system clock.
 */
#include <stddef.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "db/db.h"

/* Reads the stored override; ERR_NOTFOUND when there is none. */
static enum err
clock_read(struct db_conn *c, int64_t *ms)
{
	struct arena		*a;
	struct db_result	 r;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_CLOCK_GET, NULL, 0, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows == 0)
		e = ERR_NOTFOUND;
	if (e == ERR_OK && time_parse_instant(db_cell(&r, 0, 0), ms) != 0)
		e = ERR_DB;
	arena_free(a);
	return e;
}

enum err
db_clock_now(struct db_conn *c, enum profile prof, int64_t *ms, int *overridden)
{
	enum err e;

	if (overridden != NULL)
		*overridden = 0;
	if (prof != PROFILE_PRODUCTION) {
		e = clock_read(c, ms);
		if (e == ERR_OK) {
			if (overridden != NULL)
				*overridden = 1;
			return ERR_OK;
		}
		if (e != ERR_NOTFOUND)
			return e;
	}
	*ms = time_now_ms();
	return ERR_OK;
}

enum err
db_clock_set(struct db_conn *c, int have_value, int64_t ms)
{
	struct db_param p = db_p_time(ms);

	if (have_value)
		return db_exec(c, NULL, ST_CLOCK_SET, &p, 1, NULL, NULL, NULL);
	return db_exec(c, NULL, ST_CLOCK_CLEAR, NULL, 0, NULL, NULL, NULL);
}

enum err
db_clock_stored(struct db_conn *c, int *exists)
{
	int64_t		ms;
	enum err	e = clock_read(c, &ms);

	*exists = e == ERR_OK;
	return e == ERR_NOTFOUND ? ERR_OK : e;
}
