/*
 * The response recorder of tests/fuzz/http_stub.c.
 */
#ifndef FUZZ_HTTP_STUB_H
#define FUZZ_HTTP_STUB_H

#include <stddef.h>

struct fuzz_resp {
	int		 status;	/* 0: nothing sent */
	const char	*body;		/* NUL-terminated copy */
	size_t		 len;
	int		 calls;		/* http_respond calls since the reset */
};

extern struct fuzz_resp fuzz_resp;
void	fuzz_resp_reset(void);

#endif
