/*
 * The db_nodes list of a Galera cluster: "host[:port]" items separated by
 * commas and/or white space, in order of preference (core/config.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

/* An item is echoed in messages up to this many bytes. */
#define NODES_ECHO(n)	((int)((n) < 40 ? (n) : 40))

/* Parses "1".."65535" of length n at s; the port or -1. */
static int
nodes_port(const char *s, size_t n)
{
	long	v = 0;
	size_t	i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= 1 && v <= 65535 ? (int)v : -1;
}

/* One item s[0..n) into *node; 0 ok, -1 with err set. */
static int
nodes_item(const char *s, size_t n, int defport, struct config_node *node,
    char *err, size_t errlen)
{
	const char	*host = s, *colon = NULL, *e;
	size_t		 hlen = n, i;
	int		 port = defport;

	if (s[0] == '[') {		/* [v6] or [v6]:port */
		if ((e = memchr(s, ']', n)) == NULL) {
			snprintf(err, errlen, "\"%.*s\": no ']' after an IPv6 "
			    "address", NODES_ECHO(n), s);
			return -1;
		}
		host = s + 1;
		hlen = (size_t)(e - host);
		if (e + 1 < s + n) {
			if (e[1] != ':') {
				snprintf(err, errlen, "\"%.*s\": expected ':port' "
				    "after ']'", NODES_ECHO(n), s);
				return -1;
			}
			colon = e + 1;
		}
	} else {
		for (i = 0; i < n; i++)
			if (s[i] == ':') {
				if (colon != NULL) {
					snprintf(err, errlen, "\"%.*s\": write an "
					    "IPv6 address as [address]:port",
					    NODES_ECHO(n), s);
					return -1;
				}
				colon = s + i;
			}
		if (colon != NULL)
			hlen = (size_t)(colon - s);
	}
	if (colon != NULL &&
	    (port = nodes_port(colon + 1, (size_t)(s + n - colon - 1))) < 0) {
		snprintf(err, errlen, "\"%.*s\": the port must be 1-65535",
		    NODES_ECHO(n), s);
		return -1;
	}
	if (hlen == 0 || hlen >= sizeof(node->host)) {
		snprintf(err, errlen, "\"%.*s\": the host must be 1-%zu bytes",
		    NODES_ECHO(n), s, sizeof(node->host) - 1);
		return -1;
	}
	memcpy(node->host, host, hlen);
	node->host[hlen] = '\0';
	node->port = port;
	return 0;
}

int
config_nodes_parse(const char *text, int defport, struct config_node *out,
    int max, char *err, size_t errlen)
{
	const char	*p = text, *start;
	int		 n = 0, i;

	for (;;) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && *p != ',' && !isspace((unsigned char)*p))
			p++;
		if (n == max) {
			snprintf(err, errlen, "more than %d nodes", max);
			return -1;
		}
		if (nodes_item(start, (size_t)(p - start), defport, &out[n],
		    err, errlen) != 0)
			return -1;
		for (i = 0; i < n; i++)
			if (strcmp(out[i].host, out[n].host) == 0 &&
			    out[i].port == out[n].port) {
				snprintf(err, errlen, "node %s:%d is listed "
				    "twice", out[n].host, out[n].port);
				return -1;
			}
		n++;
	}
	if (n == 0) {
		snprintf(err, errlen, "no node (expected host[:port], ...)");
		return -1;
	}
	return n;
}
