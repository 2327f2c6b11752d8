/*
 * bench/fcgi_min — the floor of bench/http (phase 0): a bare libfcgi
 * responder with drecd's process model and nothing else.
 *
 *   fcgi_min SOCKET WORKERS THREADS
 *
 * Listens on the unix socket SOCKET (mode 0666, backlog 1024, like drecd),
 * forks WORKERS processes of THREADS threads, each looping on
 * FCGX_Accept_r, and answers every request with the same small JSON body
 * and the headers drecd sends (Status, Content-Type, X-Request-Id,
 * Cache-Control, Content-Length).  SIGTERM or SIGINT to the master stops
 * the workers and the master.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define MAX_PROCS 64

static int listen_fd;

static void *
serve(void *unused)
{
	static const char body[] = "{\"status\":\"ok\"}";
	FCGX_Request	f;
	const char	*rid;
	char		head[512];
	int		n;

	(void)unused;
	FCGX_InitRequest(&f, listen_fd, 0);
	while (FCGX_Accept_r(&f) == 0) {
		rid = FCGX_GetParam("HTTP_X_REQUEST_ID", f.envp);
		n = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
		    "Content-Type: application/json; charset=utf-8\r\n"
		    "X-Request-Id: %.128s\r\nCache-Control: no-store\r\n"
		    "Content-Length: %zu\r\n\r\n", rid ? rid : "-",
		    sizeof(body) - 1);
		FCGX_PutStr(head, n, f.out);
		FCGX_PutStr(body, (int)sizeof(body) - 1, f.out);
		FCGX_Finish_r(&f);
	}
	return NULL;
}

static void
worker(int threads)
{
	pthread_t	tid[256];
	int		i;

	FCGX_Init();
	for (i = 0; i < threads && i < 256; i++)
		pthread_create(&tid[i], NULL, serve, NULL);
	for (i = 0; i < threads && i < 256; i++)
		pthread_join(tid[i], NULL);
	_exit(0);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_un	sun;
	pid_t			pid[MAX_PROCS];
	sigset_t		set;
	int			workers, threads, i, sig;

	if (argc != 4 || (workers = atoi(argv[2])) < 1 || workers > MAX_PROCS ||
	    (threads = atoi(argv[3])) < 1 ||
	    strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "usage: fcgi_min SOCKET WORKERS THREADS\n");
		return 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, argv[1]);
	unlink(argv[1]);
	if ((listen_fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    bind(listen_fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    chmod(argv[1], 0666) != 0 || listen(listen_fd, 1024) != 0) {
		perror("fcgi_min: listen");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < workers; i++)
		if ((pid[i] = fork()) == 0) {
			sigprocmask(SIG_UNBLOCK, &set, NULL);
			signal(SIGTERM, SIG_DFL);
			worker(threads);
		}
	sigwait(&set, &sig);
	for (i = 0; i < workers; i++)
		if (pid[i] > 0)
			kill(pid[i], SIGKILL);
	for (i = 0; i < workers; i++)
		if (pid[i] > 0)
			waitpid(pid[i], NULL, 0);
	unlink(argv[1]);
	return 0;
}
