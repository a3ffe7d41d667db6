/* benchctl-rusage: runs a command and reports how it ended and what it used.
 *
 *   benchctl-rusage PROGRAM [ARG...]
 *
 * Writes one line to fd 3:  "<exit_code> <signal> <wall_ns> <user_ns> <sys_ns> <maxrss_kb>"
 * or, when the program cannot be started, "exec-error <errno>".
 *
 * Why a separate, tiny program: wait4's ru_maxrss of a child includes the memory of the process
 * it was forked from, so a command forked directly by benchctl would report at least benchctl's
 * size. Forked from this small helper instead, it reports its own peak within the helper's few
 * hundred kilobytes. Timing here, around fork and wait, also leaves benchctl's own work out. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long nanoseconds(struct timeval tv) {
  return tv.tv_sec * 1000000000LL + tv.tv_usec * 1000LL;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: benchctl-rusage PROGRAM [ARG...]\n");
    return 2;
  }
  /* The report goes to fd 3; the command must not inherit it. */
  fcntl(3, F_SETFD, FD_CLOEXEC);
  int exec_error[2];
  if (pipe2(exec_error, O_CLOEXEC) != 0)
    return 3;

  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t child = fork();
  if (child < 0)
    return 3;
  if (child == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    execvp(argv[1], argv + 1);
    int error = errno;
    (void)!write(exec_error[1], &error, sizeof error);
    _exit(127);
  }
  close(exec_error[1]);
  int status = 0;
  struct rusage usage;
  while (wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  clock_gettime(CLOCK_MONOTONIC, &end);

  FILE* report = fdopen(3, "w");
  if (report == NULL)
    return 3;
  int error = 0;
  if (read(exec_error[0], &error, sizeof error) == (ssize_t)sizeof error) {
    fprintf(report, "exec-error %d\n", error);
    fclose(report);
    return 0;
  }
  long long wall = (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
  fprintf(report, "%d %d %lld %lld %lld %ld\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          WIFSIGNALED(status) ? WTERMSIG(status) : 0, wall, nanoseconds(usage.ru_utime),
          nanoseconds(usage.ru_stime), usage.ru_maxrss);
  fclose(report);
  return 0;
}
