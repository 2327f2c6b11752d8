/*
 * The FastCGI listening socket of a self-bound drecd (no systemd socket
 * activation): binding it, and closing it for a clean stop.
 *
 * A unix socket is created under a temporary name with mode 0660 (umask
 * 0117 during bind(2), so it is never wider), given the configured group
 * (listen_group: nginx's, e.g. www-data), and then rename(2)d over the
 * configured path.  The rename is atomic: a drecd started while another
 * runs takes the path over without a moment in which nginx finds no
 * socket, and the old one keeps its own socket to drain (a restart that
 * fails no request, docs/reliability-faults.md).
 *
 * Stopping (http_listen_close, by the master on SIGTERM): the path is
 * removed if it still names this socket, and the socket's receive side is
 * shut down.  On Linux, connect(2) to a unix listening socket shut down
 * for reading fails with ECONNREFUSED, while accept(2) still returns the
 * connections already queued and then EINVAL, waking every thread blocked
 * in it: nginx gets a clean connection error for a new request (never a
 * reset of one it has sent), and the workers serve every queued one
 * before their accept loops end (server.c).  A TCP listener is not shut
 * down (that would reset its queue), nor a socket systemd passed: systemd
 * keeps it, and its queue, for the next drecd.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/server.h"

/* The unix socket this process bound: its path and the file it made. */
static struct {
	int	bound;
	int	fd;
	char	path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	dev_t	dev;
	ino_t	ino;
} self;

/* group: a group name or a decimal gid; 0 and *gid, or -1. */
static int
group_id(const char *group, gid_t *gid)
{
	struct group	 gr, *res = NULL;
	char		 buf[4096], *end;
	long		 v;

	errno = 0;
	v = strtol(group, &end, 10);
	if (*group != '\0' && *end == '\0' && errno == 0 && v >= 0 &&
	    v <= 0x7fffffffL) {
		*gid = (gid_t)v;
		return 0;
	}
	if (getgrnam_r(group, &gr, buf, sizeof(buf), &res) != 0 || res == NULL)
		return -1;
	*gid = res->gr_gid;
	return 0;
}

/* Binds a unix socket at path (mode 0660, group), replacing any file. */
static int
listen_unix(const char *path, const char *group, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	struct stat		sb;
	char			tmp[sizeof(sun.sun_path)];
	const char		*step = "socket";
	gid_t			gid = (gid_t)-1;
	mode_t			old;
	int			fd, n;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	n = snprintf(tmp, sizeof(tmp), "%s.%ld.new", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path too long: %s (with the "
		    "suffix .PID.new it must fit in %zu bytes)", path,
		    sizeof(sun.sun_path) - 1);
		return -1;
	}
	if (group != NULL && group[0] != '\0' && group_id(group, &gid) != 0) {
		snprintf(err, errlen, "listen_group: no group \"%s\"", group);
		return -1;
	}
	memcpy(sun.sun_path, tmp, (size_t)n + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		goto fail;
	unlink(tmp);
	step = "bind";
	old = umask(0117);
	n = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(old);
	if (n != 0)
		goto fail;
	step = "chown (is drecd's user a member of listen_group?)";
	if (gid != (gid_t)-1 && chown(tmp, (uid_t)-1, gid) != 0)
		goto fail;
	step = "chmod";
	if (chmod(tmp, 0660) != 0)
		goto fail;
	step = "listen";
	if (listen(fd, 1024) != 0)
		goto fail;
	step = "rename";
	if (rename(tmp, path) != 0 || stat(path, &sb) != 0)
		goto fail;
	self.bound = 1;
	self.fd = fd;
	snprintf(self.path, sizeof(self.path), "%s", path);
	self.dev = sb.st_dev;
	self.ino = sb.st_ino;
	return fd;
fail:
	snprintf(err, errlen, "cannot listen on %s: %s: %s", path, step,
	    strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

/* Binds host:port (TCP). */
static int
listen_tcp(const char *hostport, char *err, size_t errlen)
{
	struct addrinfo	 hints, *res = NULL;
	char		 host[256];
	const char	*colon = strrchr(hostport, ':');
	int		 fd, one = 1;

	if (colon == NULL || (size_t)(colon - hostport) >= sizeof(host)) {
		snprintf(err, errlen, "listen: expected tcp:host:port");
		return -1;
	}
	memcpy(host, hostport, (size_t)(colon - hostport));
	host[colon - hostport] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &res) != 0) {
		snprintf(err, errlen, "listen: cannot resolve %s", hostport);
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    listen(fd, 1024) != 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", hostport,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

int
http_listen(const char *spec, const char *group, char *err, size_t errlen)
{
	self.bound = 0;		/* the process's listener is the new one */
	if (strncmp(spec, "unix:", 5) == 0)
		return listen_unix(spec + 5, group, err, errlen);
	if (strncmp(spec, "tcp:", 4) == 0)
		return listen_tcp(spec + 4, err, errlen);
	snprintf(err, errlen, "listen: expected unix:/path or tcp:host:port, got %s",
	    spec);
	return -1;
}

int
http_listen_close(int fd)
{
	struct stat	sb;

	if (!self.bound || fd != self.fd)
		return 0;
	/* A newer drecd may have taken the path over: leave its socket. */
	if (stat(self.path, &sb) == 0 && sb.st_dev == self.dev &&
	    sb.st_ino == self.ino)
		unlink(self.path);
	return shutdown(fd, SHUT_RD) == 0 ? 1 : 0;
}

int
http_listen_closed(int fd)
{
	struct pollfd	p = { .fd = fd, .events = POLLRDHUP };

	return self.bound && fd == self.fd && poll(&p, 1, 0) == 1 &&
	    (p.revents & POLLRDHUP);
}
