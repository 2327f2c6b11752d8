/*
 * Public code-list routes (devices.md §6.8): static tables, no database.
 */
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "domain/codes.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/inputs.h"

static void
reply_codes(struct api_call *c, const struct code_entry *e, size_t n)
{
	struct strbuf	sb;
	struct jw	w;
	size_t		i;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "code");
		jw_str(&w, e[i].code);
		jw_key(&w, "name");
		jw_str(&w, e[i].name);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

void
api_codes_fuel(struct api_call *c)
{
	size_t n;
	const struct code_entry *e = dom_codes_fuel_list(&n);

	reply_codes(c, e, n);
}

void
api_codes_device_type(struct api_call *c)
{
	size_t n;
	const struct code_entry *e = dom_codes_device_type_list(&n);

	reply_codes(c, e, n);
}

/* GET /api/countrycode/list's query. */
struct countries_in {
	struct jstr	kw_q;
	const char	*kw;		/* trimmed; NULL: none */
};

static const char *
q_keyword(struct arena *a, void *d, void *x)
{
	struct countries_in *in = d;

	(void)x;
	in->kw = dom_trim(arena_strdup(a, in->kw_q.v));
	if (dom_utf8_len(in->kw) > 100) {
		in->kw = NULL;
		return "is too long; at most 100 characters";
	}
	if (in->kw[0] == '\0')
		in->kw = NULL;
	return NULL;
}

static const struct jfield countries_query[] = {
	{ "searchKeyWord", JT_STRING, 0, offsetof(struct countries_in, kw_q),
	    q_keyword, .doc = "Only countries whose name or codes contain it "
	    "(any case; at most 100 characters)" },
};

const struct api_input api_in_countries = {
	.size = sizeof(struct countries_in),
	.query = JTABLE(countries_query, struct countries_in),
	.doc = "Lists the country codes",
};

void
api_codes_countries(struct api_call *c)
{
	const struct country	*ct;
	const struct countries_in *in = c->in;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*kw = in->kw;
	size_t			 i, j, n;

	ct = dom_codes_country_list(&n);
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		if (kw != NULL && strcasestr(ct[i].name, kw) == NULL &&
		    strcasestr(ct[i].alpha2, kw) == NULL &&
		    strcasestr(ct[i].alpha3, kw) == NULL)
			continue;
		jw_obj_open(&w);
		jw_key(&w, "country");
		jw_str(&w, ct[i].name);
		jw_key(&w, "alpha2");
		jw_str(&w, ct[i].alpha2);
		jw_key(&w, "alpha3");
		jw_str(&w, ct[i].alpha3);
		jw_key(&w, "numeric");
		jw_str(&w, ct[i].numeric);
		jw_key(&w, "countryCode");
		jw_str(&w, ct[i].alpha3);
		jw_key(&w, "timezones");
		jw_arr_open(&w);
		for (j = 0; j < ct[i].ntimezones; j++) {
			jw_obj_open(&w);
			jw_key(&w, "name");
			jw_str(&w, ct[i].timezones[j]);
			jw_obj_close(&w);
		}
		jw_arr_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

void
api_codes_sdg(struct api_call *c)
{
	const struct sdg_entry	*s;
	struct strbuf		 sb;
	struct jw		 w;
	size_t			 i, n;

	s = dom_codes_sdg_list(&n);
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "name");
		jw_str(&w, s[i].name);
		jw_key(&w, "value");
		jw_str(&w, s[i].value);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}
