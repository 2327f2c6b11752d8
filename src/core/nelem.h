/*
 * Element counts of arrays (arrays, never pointers: sizeof a pointer
 * divided by its element's size is no count).
 */
#ifndef CORE_NELEM_H
#define CORE_NELEM_H

#include <stddef.h>

/* The number of elements of array a, as a size_t. */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
/* The same as an int: a parameter list's length for db_exec and friends. */
#define NP(a)		((int)NELEM(a))

#endif
