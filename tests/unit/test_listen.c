/*
 * The self-bound FastCGI socket (src/http/listen.c, issue 13): mode 0660,
 * the configured group, a clear error for an unknown group, and the clean
 * close of a stop: queued connections are still accepted, new ones are
 * refused, the path is gone.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "http/server.h"
#include "unit.h"

/* A client connected to path; -1 when refused or absent. */
static int
client(const char *path)
{
	struct sockaddr_un	sun;
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
test_listen_mode_group(void)
{
	struct stat	sb;
	char		path[64], spec[80], gid[32], err[256];
	int		fd, c, a;

	snprintf(path, sizeof(path), "/tmp/drec-unit-%ld.sock", (long)getpid());
	snprintf(spec, sizeof(spec), "unix:%s", path);
	snprintf(gid, sizeof(gid), "%ld", (long)getgid());
	unlink(path);
	/* A stale file at the path is replaced. */
	CU_ASSERT_FATAL((fd = open(path, O_CREAT | O_WRONLY, 0666)) >= 0);
	close(fd);
	fd = http_listen(spec, gid, err, sizeof(err));
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(stat(path, &sb), 0);
	CU_ASSERT(S_ISSOCK(sb.st_mode));
	CU_ASSERT_EQUAL(sb.st_mode & 07777, 0660);
	CU_ASSERT_EQUAL(sb.st_gid, getgid());
	CU_ASSERT_EQUAL(http_listen_closed(fd), 0);
	/* Stop: a queued connection is still served, a new one refused. */
	CU_ASSERT((c = client(path)) >= 0);
	CU_ASSERT_EQUAL(http_listen_close(fd), 1);
	CU_ASSERT_EQUAL(http_listen_closed(fd), 1);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	CU_ASSERT((a = accept(fd, NULL, NULL)) >= 0);
	CU_ASSERT_EQUAL(accept(fd, NULL, NULL), -1);
	CU_ASSERT_EQUAL(errno, EINVAL);
	CU_ASSERT_EQUAL(client(path), -1);
	if (a >= 0)
		close(a);
	if (c >= 0)
		close(c);
	close(fd);

	/* Without a group: ours; an unknown group: a clear error. */
	fd = http_listen(spec, NULL, err, sizeof(err));
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(stat(path, &sb), 0);
	CU_ASSERT_EQUAL(sb.st_mode & 07777, 0660);
	CU_ASSERT_EQUAL(http_listen_close(fd), 1);
	close(fd);
	CU_ASSERT_EQUAL(http_listen(spec, "no-such-group-drec", err,
	    sizeof(err)), -1);
	CU_ASSERT(strstr(err, "listen_group") != NULL);
	CU_ASSERT(strstr(err, "no-such-group-drec") != NULL);
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	CU_ASSERT_EQUAL(http_listen("bogus", NULL, err, sizeof(err)), -1);
	/* A TCP listener is left alone (a shutdown would reset its queue). */
	fd = http_listen("tcp:127.0.0.1:0", NULL, err, sizeof(err));
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(http_listen_close(fd), 0);
	CU_ASSERT_EQUAL(http_listen_closed(fd), 0);
	close(fd);
}

void
register_listen_tests(void)
{
	CU_pSuite	s = CU_add_suite("http listen", NULL, NULL);

	CU_add_test(s, "unix socket: 0660, group, clean close",
	    test_listen_mode_group);
}
