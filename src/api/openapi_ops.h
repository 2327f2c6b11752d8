/*
 * One operation of docs/openapi.json (openapi_ops.c), for openapi.c.
 */
#ifndef API_OPENAPI_OPS_H
#define API_OPENAPI_OPS_H

#include <stdio.h>

#include <json-c/json.h>

#include "http/jsonin.h"
#include "http/router.h"
#include "api/api.h"
#include "api/route_docs.h"

/*
 * The Operation Object of route r described by d, with operationId id
 * (the caller adds it to its path item); the error responses it shares
 * with others go to shared (components/responses).  An unknown error code
 * of d is printed on err and counted in *problems.
 */
struct json_object *api_oa_operation(const struct route *r,
	    const struct route_doc *d, const char *id,
	    struct json_object *shared, FILE *err, int *problems);
/*
 * The Responses Object of route r described by d (alt: the route's other
 * form, or NULL): its shared single-code responses go to shared; an
 * unknown error code is printed on err and counted in *problems
 * (openapi_errors.c).
 */
struct json_object *api_oa_responses(const struct route *r,
	    const struct route_doc *d, const struct api_route *alt,
	    struct json_object *shared, FILE *err, int *problems);
/* 1 when an ApiUser may call the route (apiuser_gate.c). */
int	 api_oa_apiuser_ok(const struct api_route *);
/*
 * The query parameter / body member that names an ApiUser's acting
 * organization on the route (api_apiuser_act), or NULL.
 */
const char *api_oa_gate_query(const struct api_route *);
const char *api_oa_gate_body(const struct api_route *);
/*
 * The JSON Schema of a typed input field, or of a table (an object of its
 * named fields; an .items table of one unnamed field: that element), as
 * http_json_decode_table() checks them (openapi_schema.c).
 */
struct json_object *api_oa_field_schema(const struct jfield *);
struct json_object *api_oa_table_schema(const struct jtable *);
/* Counts (and prints on err) each operationId of paths used twice. */
void	 api_oa_unique_ids(struct json_object *paths, FILE *err, int *problems);

#endif
