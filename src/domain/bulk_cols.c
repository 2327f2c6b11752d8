/*
 * Bulk-upload columns and header rules (integrators.md §5.2-5.4): names
 * trimmed and matched case-insensitively against columns and aliases, in
 * any order.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/bulk_cols.h"

struct col {
	const char	*name;
	const char	*alias[3];
	int		 required;
};

static const struct col dev_cols[DC__MAX] = {
	{ "externalId", { NULL }, 1 },
	{ "address", { NULL }, 1 },
	{ "latitude", { NULL }, 1 },
	{ "longitude", { NULL }, 1 },
	{ "countryCode", { NULL }, 1 },
	{ "fuelCode", { NULL }, 1 },
	{ "deviceTypeCode", { NULL }, 1 },
	{ "capacity", { NULL }, 1 },
	{ "commissioningDate", { NULL }, 1 },
	{ "projectName", { NULL }, 0 },
	{ "gridInterconnection", { NULL }, 0 },
	{ "offTaker", { NULL }, 0 },
	{ "yieldValue", { NULL }, 0 },
	{ "impactStory", { NULL }, 0 },
	{ "images", { NULL }, 0 },
	{ "deviceDescription", { NULL }, 0 },
	{ "energyStorage", { NULL }, 0 },
	{ "energyStorageCapacity", { NULL }, 0 },
	{ "qualityLabels", { NULL }, 0 },
	{ "SDGBenefits", { NULL }, 0 },
	{ "timezone", { NULL }, 0 },
};

static const struct col read_cols[RC__N] = {
	{ "externalId", { "id", NULL }, 1 },
	{ "endtimestamp", { "timestamp", "end", NULL }, 1 },
	{ "value", { NULL }, 1 },
	{ "starttimestamp", { "start", NULL }, 0 },
	{ "unit", { NULL }, 0 },
};

static const struct col *
cols(enum bulk_kind k, int *n)
{
	*n = k == BULK_DEVICES ? DC__MAX : RC__N;
	return k == BULK_DEVICES ? dev_cols : read_cols;
}

const char *
dom_bulk_col_name(enum bulk_kind k, int col)
{
	int n;
	const struct col *t = cols(k, &n);

	return (col >= 0 && col < n) ? t[col].name : NULL;
}

int
dom_bulk_ncols(enum bulk_kind k)
{
	int n;

	cols(k, &n);
	return n;
}

/* The column of header name s, or -1. */
static int
lookup(const struct col *t, int n, const char *s)
{
	int i, j;

	for (i = 0; i < n; i++) {
		if (strcasecmp(s, t[i].name) == 0)
			return i;
		for (j = 0; j < 3 && t[i].alias[j] != NULL; j++)
			if (strcasecmp(s, t[i].alias[j]) == 0)
				return i;
	}
	return -1;
}

/* The list of a kind's columns, for messages. */
static void
col_list(const struct col *t, int n, char *out, size_t len)
{
	size_t	o = 0;
	int	i;

	out[0] = '\0';
	for (i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? ", " : "",
		    t[i].name);
}

enum ecode
dom_bulk_header(enum bulk_kind k, char **f, int nf, int *map, int need_start,
    char *msg, size_t msglen)
{
	const struct col	*t;
	char			 list[512];
	int			 n, i, j, seen[DC__MAX];

	t = cols(k, &n);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < nf; i++) {
		if (f[i][0] == '\0' || (map[i] = lookup(t, n, f[i])) < 0) {
			col_list(t, n, list, sizeof(list));
			snprintf(msg, msglen, "column %d \"%.64s\" is not a column "
			    "of a %s file; the columns are %s (aliases: id, "
			    "timestamp, end, start), separated by commas", i + 1,
			    f[i], k == BULK_DEVICES ? "device" : "read", list);
			return E_CSV_UNKNOWN_COLUMN;
		}
		if (seen[map[i]]++) {
			snprintf(msg, msglen, "column %d \"%.64s\" repeats column "
			    "%s", i + 1, f[i], t[map[i]].name);
			return E_CSV_DUPLICATE_COLUMN;
		}
	}
	for (j = 0; j < n; j++)
		if (!seen[j] && (t[j].required || (k == BULK_READS &&
		    j == RC_START && need_start))) {
			snprintf(msg, msglen, "the required column %s is missing%s",
			    t[j].name, j == RC_START ? " (History reads)" : "");
			return E_CSV_MISSING_COLUMN;
		}
	return E_NONE;
}
