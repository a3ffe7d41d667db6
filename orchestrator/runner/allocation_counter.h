/* benchctl-alloc.so's interface: the worker preloads it (LD_PRELOAD) when a benchmark's
 * allocations are counted, and finds these functions with dlsym. Between start and stop, every
 * allocation (malloc, calloc, realloc, the aligned ones; C++'s new goes through malloc) and every
 * free of a block is counted, with the bytes asked for, on every thread. */
#ifndef BENCHCTL_ALLOCATION_COUNTER_H
#define BENCHCTL_ALLOCATION_COUNTER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct benchctl_allocation_counts {
  uint64_t allocations;
  uint64_t frees;
  uint64_t bytes;
};

/* Zeroes the counts and starts counting. */
void benchctl_allocations_start(void);
/* Stops counting and returns the counts since start. */
struct benchctl_allocation_counts benchctl_allocations_stop(void);

#ifdef __cplusplus
}
#endif

#endif
