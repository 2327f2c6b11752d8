/*
 * Internal to tz.c and tz_file.c: a loaded zone, and the TZif file
 * (RFC 8536) with its footer's POSIX TZ rule (RFC 8536 §3.3,
 * POSIX.1-2017 §8.3), which gives the offsets after the last transition.
 */
#ifndef CORE_TZ_INT_H
#define CORE_TZ_INT_H

#include <stddef.h>
#include <stdint.h>

#define TZ_HDR_LEN	44		/* RFC 8536 §3.1 */

struct tz_rdate {
	char		 kind;		/* 'J' (Jn), 'N' (n) or 'M' (Mm.w.d) */
	int		 n;		/* Jn: 1..365; n: 0..365 */
	int		 m, w, d;	/* Mm.w.d: month, week 1..5, weekday */
	int32_t		 time;		/* local seconds after midnight */
};

struct tz_rule {
	int32_t		 std_off;	/* UTC offset, east positive */
	int32_t		 dst_off;
	int		 has_dst;
	struct tz_rdate	 start, end;	/* into and out of DST */
};

struct tz {
	const char	*name;		/* borrowed from the index */
	int64_t		*at;		/* UTC seconds where the offset changes */
	int32_t		*off;		/* offset from at[i] on */
	size_t		 n;
	int32_t		 off0;		/* before at[0]: time type 0 */
	int		 has_rule;
	int64_t		 rule_from;	/* the rule governs t >= rule_from */
	struct tz_rule	 rule;
};

/*
 * Fills z (zeroed by the caller) from the file image p of len bytes: the
 * 64-bit block of a version 2+ file (the version 1 block skipped), else
 * the 32-bit one, and the footer's TZ string.  Returns 0, or -1 when
 * malformed or out of memory; z->at and z->off are the caller's to free
 * either way.
 */
int	 tz_tzif_parse(const unsigned char *p, size_t len, struct tz *z);
/*
 * Parses a TZ string ("CET-1CEST,M3.5.0,M10.5.0/3", "<+0530>-5:30",
 * "EST5EDT" with the default US rule).  Returns 0, or -1 when malformed.
 */
int	 tz_rule_parse(const char *, struct tz_rule *);
/*
 * The rule's two transitions of the given year as UTC seconds: ev[0]
 * enters DST (offset dst_off), ev[1] leaves it (std_off).
 */
void	 tz_rule_events(const struct tz_rule *, int64_t year, int64_t ev[2]);
/* The UTC offset in seconds the rule gives at UTC second t. */
int32_t	 tz_rule_offset(const struct tz_rule *, int64_t t);
/* The proleptic Gregorian year of UTC second t shifted by off. */
int64_t	 tz_rule_year(int64_t t, int32_t off);

#endif
