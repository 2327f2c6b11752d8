/*
 * The OpenAPI 3.1 document of the API as implemented (docs/openapi.json,
 * docs/openapi.md): generated from the route table (api_routes()) and the
 * route descriptions (api_route_docs()) by `drecctl openapi`.
 */
#ifndef API_OPENAPI_H
#define API_OPENAPI_H

#include <stdio.h>

#include <json-c/json.h>

/*
 * Builds the document (the caller puts it).  Each problem — a route
 * without its description, a description without its route, an error
 * code the generator does not know, two routes with one operationId —
 * is printed on err (one line each) and counted in *problems; the
 * document is complete apart from them.  NULL on memory exhaustion.
 */
struct json_object *api_openapi(FILE *err, int *problems);

/*
 * The HTTP status of error code (CONVENTIONS §2 and the spec files), or 0
 * when the code is unknown (openapi_codes.c).
 */
int	 api_openapi_code_status(const char *code);
/* 1 when the catalogue has code with status ("CODE@NNN" entries). */
int	 api_openapi_code_at(const char *code, int status);

#endif
