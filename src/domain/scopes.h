/*
 * ApiUser scopes (integrators.md §2.2): five areas as bits, always listed
 * in the spec's order.  Pure; no I/O.
 */
#ifndef DOMAIN_SCOPES_H
#define DOMAIN_SCOPES_H

enum {
	SCOPE_ORGANIZATIONS	= 1 << 0,
	SCOPE_DEVICES		= 1 << 1,
	SCOPE_READS		= 1 << 2,
	SCOPE_RESERVATIONS	= 1 << 3,
	SCOPE_CERTIFICATES	= 1 << 4,
};
#define SCOPE__COUNT	5
#define SCOPES_ALL	0x1fu

/* Name of scope index i (0..4), in the spec's order; NULL past the end. */
const char	*dom_scope_name(int i);
/* The bit of a scope name (any case), or 0 when unknown. */
unsigned	 dom_scope_bit(const char *name);
/* Bits of a MariaDB SET text ("devices,reads"; NULL or "" → 0). */
unsigned	 dom_scope_parse_set(const char *set);
/* Writes mask as SET text ("organizations,devices") into buf (>= 64). */
void		 dom_scope_set_text(unsigned mask, char *buf, unsigned len);
/* The scope of ACL module id 1..10 (integrators.md §2.2), 0 if none. */
unsigned	 dom_scope_of_module(int module);
/* The module id listed for a scope bit (2, 4, 7, 5, 8), 0 if none. */
int		 dom_scope_module(unsigned bit);

#endif
