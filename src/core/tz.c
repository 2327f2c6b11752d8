/*
 * IANA time zones read from the host's tz database (TZif, RFC 8536).
 *
 * The name index is one walk of the database directory: every regular
 * file, or symlink to one, that starts with the TZif magic, except the
 * posix/ and right/ trees, "posixrules" and "localtime".  Names are kept
 * sorted by byte order (meter-reads.md §6) with a second, case-folded
 * order for lookups (§1.3).  A zone is parsed on first use and cached for
 * the life of the process; one mutex guards the index and the cache.
 *
 * A zone is its transition table, compressed to the instants where the
 * UTC offset changes, plus the footer's POSIX TZ rule for every instant
 * from the last transition on (slim TZif files have nothing else).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/tz.h"
#include "core/tz_int.h"

#define TZ_DEFAULT_DIR	"/usr/share/zoneinfo"
#define TZ_MAX_DEPTH	8
#define TZ_MAX_FILE	(4 * 1024 * 1024)
#define TZ_MAX_PERIODS	64
/* Offsets an RFC 8536 §3.2 utoff should stay within, plus one second. */
#define TZ_OFF_EAST	93600
#define TZ_OFF_WEST	90000
#define TZ_SEC_LIMIT	(INT64_C(1) << 53)


struct strvec {
	char		**v;
	size_t		  n, cap;
};

static pthread_mutex_t	 tz_lock = PTHREAD_MUTEX_INITIALIZER;
static char		 tz_dir[PATH_MAX];
static int		 tz_built;
static char		**tz_list;	/* sorted by strcmp */
static size_t		*tz_fold;	/* indices sorted by strcasecmp */
static struct tz	**tz_cache;	/* parallel to tz_list */
static size_t		 tz_count;

/* ---- name index ---- */

static int
vec_push(struct strvec *v, const char *s)
{
	char	**nv;
	size_t	  ncap;

	if (v->n == v->cap) {
		ncap = v->cap ? v->cap * 2 : 256;
		if ((nv = realloc(v->v, ncap * sizeof(*nv))) == NULL)
			return -1;
		v->v = nv;
		v->cap = ncap;
	}
	if ((v->v[v->n] = strdup(s)) == NULL)
		return -1;
	v->n++;
	return 0;
}

/* 1 when the file at path starts with "TZif" (RFC 8536 §3.1). */
static int
has_magic(const char *path)
{
	char	buf[4];
	int	fd;
	ssize_t	r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	r = read(fd, buf, sizeof(buf));
	close(fd);
	return r == 4 && memcmp(buf, "TZif", 4) == 0;
}

static int
excluded_top(const char *name)
{
	return strcmp(name, "posix") == 0 || strcmp(name, "right") == 0 ||
	    strcmp(name, "posixrules") == 0 || strcmp(name, "localtime") == 0;
}

/*
 * Adds the zone files under root/rel (rel "" for root itself) to v.
 * Symlinked directories are not followed, so a loop cannot recur.
 * Returns 0, or -1 when out of memory.
 */
static int
walk(const char *root, const char *rel, int depth, struct strvec *v)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 path[PATH_MAX], sub[PATH_MAX];
	int		 rc = 0, len;

	len = *rel ? snprintf(path, sizeof(path), "%s/%s", root, rel) :
	    snprintf(path, sizeof(path), "%s", root);
	if (len < 0 || (size_t)len >= sizeof(path))
		return 0;
	if ((d = opendir(path)) == NULL)
		return 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || (*rel == '\0' &&
		    excluded_top(de->d_name)))
			continue;
		len = *rel ? snprintf(sub, sizeof(sub), "%s/%s", rel,
		    de->d_name) : snprintf(sub, sizeof(sub), "%s", de->d_name);
		if (len < 0 || (size_t)len >= sizeof(sub))
			continue;
		len = snprintf(path, sizeof(path), "%s/%s", root, sub);
		if (len < 0 || (size_t)len >= sizeof(path) ||
		    lstat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < TZ_MAX_DEPTH)
				rc = walk(root, sub, depth + 1, v);
			continue;
		}
		if (S_ISLNK(st.st_mode) && stat(path, &st) == -1)
			continue;
		if (S_ISREG(st.st_mode) && has_magic(path))
			rc = vec_push(v, sub);
	}
	closedir(d);
	return rc;
}

static int
cmp_byte(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_fold(const void *a, const void *b)
{
	const char	*x = tz_list[*(const size_t *)a];
	const char	*y = tz_list[*(const size_t *)b];
	int		 c;

	if ((c = strcasecmp(x, y)) != 0)
		return c;
	return strcmp(x, y);
}

static void
index_free(void)
{
	size_t	i;

	for (i = 0; i < tz_count; i++)
		free(tz_list[i]);
	free(tz_list);
	free(tz_fold);
	free(tz_cache);
	tz_list = NULL;
	tz_fold = NULL;
	tz_cache = NULL;
	tz_count = 0;
}

/* Builds the index from tz_dir (lock held); no zones is not an error. */
static void
index_build(void)
{
	struct strvec	v = { NULL, 0, 0 };
	size_t		i, j;

	tz_built = 1;
	if (walk(tz_dir, "", 0, &v) == -1 || v.n == 0)
		goto fail;
	qsort(v.v, v.n, sizeof(*v.v), cmp_byte);
	for (i = j = 1; i < v.n; i++) {
		if (strcmp(v.v[i], v.v[j - 1]) == 0)
			free(v.v[i]);
		else
			v.v[j++] = v.v[i];
	}
	v.n = j;
	tz_fold = calloc(v.n, sizeof(*tz_fold));
	tz_cache = calloc(v.n, sizeof(*tz_cache));
	if (tz_fold == NULL || tz_cache == NULL) {
		free(tz_fold);
		free(tz_cache);
		tz_fold = NULL;
		tz_cache = NULL;
		goto fail;
	}
	tz_list = v.v;
	tz_count = v.n;
	for (i = 0; i < v.n; i++)
		tz_fold[i] = i;
	qsort(tz_fold, tz_count, sizeof(*tz_fold), cmp_fold);
	return;
fail:
	for (i = 0; i < v.n; i++)
		free(v.v[i]);
	free(v.v);
}

static void
index_ensure(void)
{
	const char	*env;

	if (tz_built)
		return;
	if (tz_dir[0] == '\0') {
		env = getenv("TZDIR");
		snprintf(tz_dir, sizeof(tz_dir), "%s",
		    env != NULL && *env != '\0' ? env : TZ_DEFAULT_DIR);
	}
	index_build();
}

/* The index of name: an exact match first, else any case; -1 if none. */
static ssize_t
index_find(const char *name)
{
	size_t	lo, hi, mid;
	int	c;

	for (lo = 0, hi = tz_count; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(name, tz_list[mid])) == 0)
			return (ssize_t)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (lo = 0, hi = tz_count; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcasecmp(name, tz_list[tz_fold[mid]])) == 0)
			return (ssize_t)tz_fold[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

int
tz_init(const char *dir)
{
	int	rc;

	pthread_mutex_lock(&tz_lock);
	/* After a successful read the database stays what it was. */
	if (!tz_built || tz_count == 0) {
		index_free();
		snprintf(tz_dir, sizeof(tz_dir), "%s", dir != NULL &&
		    *dir != '\0' ? dir : "");
		tz_built = 0;
		index_ensure();
	}
	rc = tz_count > 0 ? 0 : -1;
	pthread_mutex_unlock(&tz_lock);
	return rc;
}

const char *const *
tz_names(size_t *n)
{
	static const char *const	 none[1] = { NULL };
	const char *const		*r;

	pthread_mutex_lock(&tz_lock);
	index_ensure();
	*n = tz_count;
	r = tz_count ? (const char *const *)tz_list : none;
	pthread_mutex_unlock(&tz_lock);
	return r;
}

static void
tz_free(struct tz *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->off);
	free(z);
}

/* Reads and parses the zone file of index entry i (lock held). */
static struct tz *
tz_load(size_t i)
{
	char		 path[PATH_MAX];
	unsigned char	*buf = NULL;
	struct tz	*z = NULL;
	struct stat	 st;
	size_t		 got = 0;
	ssize_t		 r;
	int		 fd = -1, len;

	len = snprintf(path, sizeof(path), "%s/%s", tz_dir, tz_list[i]);
	if (len < 0 || (size_t)len >= sizeof(path) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < TZ_HDR_LEN || st.st_size > TZ_MAX_FILE ||
	    (buf = malloc((size_t)st.st_size)) == NULL)
		goto out;
	while (got < (size_t)st.st_size) {
		r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			goto out;
		got += (size_t)r;
	}
	if ((z = calloc(1, sizeof(*z))) == NULL)
		goto out;
	z->name = tz_list[i];
	if (tz_tzif_parse(buf, got, z) == -1) {
		tz_free(z);
		z = NULL;
	}
out:
	if (fd != -1)
		close(fd);
	free(buf);
	return z;
}

const struct tz *
tz_get(const char *name)
{
	struct tz	*z = NULL;
	ssize_t		 i;

	if (name == NULL)
		return NULL;
	pthread_mutex_lock(&tz_lock);
	index_ensure();
	if ((i = index_find(name)) != -1) {
		if (tz_cache[i] == NULL)
			tz_cache[i] = tz_load((size_t)i);
		z = tz_cache[i];
	}
	pthread_mutex_unlock(&tz_lock);
	return z;
}

const char *
tz_name(const struct tz *z)
{
	return z->name;
}

/* ---- offsets ---- */

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The offset at UTC second t: table by binary search, then the rule. */
static int32_t
offset_sec(const struct tz *z, int64_t t)
{
	size_t	lo = 0, hi = z->n, mid;

	if (z->has_rule && t >= z->rule_from)
		return tz_rule_offset(&z->rule, t);
	if (z->n == 0 || t < z->at[0])
		return z->off0;
	/* The last i with at[i] <= t. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[lo];
}

int32_t
tz_offset_at(const struct tz *z, int64_t utc_ms)
{
	int64_t	t = floor_div(utc_ms, 1000);

	/* Keeps the rule's calendar arithmetic far from overflow. */
	if (t > TZ_SEC_LIMIT)
		t = TZ_SEC_LIMIT;
	else if (t < -TZ_SEC_LIMIT)
		t = -TZ_SEC_LIMIT;
	return offset_sec(z, t);
}

struct periods {
	int64_t		 start[TZ_MAX_PERIODS];	/* start[0] = window start */
	int32_t		 off[TZ_MAX_PERIODS];
	size_t		 n;
};

/* Appends "offset o from t on"; equal instants merge, no-ops vanish. */
static void
periods_add(struct periods *p, int64_t t, int32_t o)
{
	if (p->n > 1 && p->start[p->n - 1] == t) {
		p->off[p->n - 1] = o;
		if (p->off[p->n - 2] == o)
			p->n--;
		return;
	}
	if (o == p->off[p->n - 1] || p->n == TZ_MAX_PERIODS)
		return;
	p->start[p->n] = t;
	p->off[p->n++] = o;
}

/*
 * The offsets in force over the UTC seconds [lo, hi], in time order, as
 * offset_sec() gives them: table transitions, then the rule's from
 * rule_from on.  The window is two days wide, so a few periods at most.
 */
static void
periods_of(const struct tz *z, int64_t lo, int64_t hi, struct periods *p)
{
	size_t	a = 0, b = z->n, mid;
	int64_t	y, ev[2], tmp[8];
	int32_t	toff[8], so;
	int	k = 0, i, j;

	p->start[0] = lo;
	p->off[0] = offset_sec(z, lo);
	p->n = 1;
	while (a < b) {			/* the first at[] > lo */
		mid = a + (b - a) / 2;
		if (z->at[mid] <= lo)
			a = mid + 1;
		else
			b = mid;
	}
	for (; a < z->n && z->at[a] <= hi && (!z->has_rule ||
	    z->at[a] < z->rule_from); a++)
		periods_add(p, z->at[a], z->off[a]);
	if (!z->has_rule || hi < z->rule_from)
		return;
	if (z->rule_from > lo)
		periods_add(p, z->rule_from, tz_rule_offset(&z->rule,
		    z->rule_from));
	if (!z->rule.has_dst)
		return;
	/* Rule events in (max(lo, rule_from), hi], sorted, stable. */
	for (y = tz_rule_year(lo, z->rule.std_off) - 1;
	    y <= tz_rule_year(hi, z->rule.std_off) + 1 && k < 7; y++) {
		tz_rule_events(&z->rule, y, ev);
		for (i = 0; i < 2; i++) {
			if (ev[i] <= lo || ev[i] > hi || ev[i] <= z->rule_from)
				continue;
			so = i == 0 ? z->rule.dst_off : z->rule.std_off;
			for (j = k; j > 0 && tmp[j - 1] > ev[i]; j--) {
				tmp[j] = tmp[j - 1];
				toff[j] = toff[j - 1];
			}
			tmp[j] = ev[i];
			toff[j] = so;
			k++;
		}
	}
	for (i = 0; i < k; i++)
		periods_add(p, tmp[i], toff[i]);
}

int64_t
tz_local_to_utc(const struct tz *z, int64_t local_ms)
{
	struct periods	p;
	int64_t		l, rem, u;
	size_t		j;

	/* Far outside any calendar the spec parses: no zone arithmetic. */
	if (local_ms > INT64_MAX / 2 || local_ms < INT64_MIN / 2)
		return local_ms;
	l = floor_div(local_ms, 1000);
	rem = local_ms - l * 1000;
	periods_of(z, l - TZ_OFF_EAST, l + TZ_OFF_WEST, &p);
	/* Instants u with u + offset(u) = l, earliest first (overlap). */
	for (j = 0; j < p.n; j++) {
		u = l - p.off[j];
		if (u >= p.start[j] && (j + 1 == p.n || u < p.start[j + 1]))
			return u * 1000 + rem;
	}
	/* None: a gap; the offset in force before it (§1.3). */
	for (j = 1; j < p.n; j++) {
		if (p.off[j - 1] < p.off[j] &&
		    p.start[j] + p.off[j - 1] <= l &&
		    l < p.start[j] + p.off[j])
			return (l - p.off[j - 1]) * 1000 + rem;
	}
	return (l - offset_sec(z, l)) * 1000 + rem;
}
