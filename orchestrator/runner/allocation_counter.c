/* benchctl-alloc.so: counts a worker's allocations, preloaded in front of the C library's
 * allocator (allocation_counter.h) into a worker that only counts, never into a timed one. Each
 * function forwards to glibc's own (__libc_malloc and its siblings, which glibc exports for this)
 * and, while counting, adds to relaxed atomic counters. */
#define _GNU_SOURCE
#include "allocation_counter.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>

extern void* __libc_malloc(size_t size);
extern void __libc_free(void* block);
extern void* __libc_calloc(size_t count, size_t size);
extern void* __libc_realloc(void* block, size_t size);
extern void* __libc_memalign(size_t alignment, size_t size);
extern void* __libc_valloc(size_t size);
extern void* __libc_pvalloc(size_t size);

#define EXPORTED __attribute__((visibility("default")))

static atomic_int counting;
static atomic_uint_fast64_t allocations, frees, bytes;

static void count_allocation(const void* block, size_t size) {
  if (block != NULL && atomic_load_explicit(&counting, memory_order_relaxed)) {
    atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&bytes, size, memory_order_relaxed);
  }
}

static void count_free(const void* block) {
  if (block != NULL && atomic_load_explicit(&counting, memory_order_relaxed))
    atomic_fetch_add_explicit(&frees, 1, memory_order_relaxed);
}

EXPORTED void benchctl_allocations_start(void) {
  atomic_store(&allocations, 0);
  atomic_store(&frees, 0);
  atomic_store(&bytes, 0);
  atomic_store(&counting, 1);
}

EXPORTED struct benchctl_allocation_counts benchctl_allocations_stop(void) {
  atomic_store(&counting, 0);
  struct benchctl_allocation_counts counts = {atomic_load(&allocations), atomic_load(&frees),
                                              atomic_load(&bytes)};
  return counts;
}

EXPORTED void* malloc(size_t size) {
  void* block = __libc_malloc(size);
  count_allocation(block, size);
  return block;
}

EXPORTED void free(void* block) {
  count_free(block);
  __libc_free(block);
}

EXPORTED void* calloc(size_t count, size_t size) {
  void* block = __libc_calloc(count, size);
  count_allocation(block, count * size);
  return block;
}

/* A block moved or resized is a new allocation and the old one's free. */
EXPORTED void* realloc(void* old, size_t size) {
  void* block = __libc_realloc(old, size);
  if (old != NULL && (size == 0 || block != NULL))
    count_free(old);
  count_allocation(block, size);
  return block;
}

EXPORTED void* reallocarray(void* old, size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(old, total);
}

EXPORTED void* memalign(size_t alignment, size_t size) {
  void* block = __libc_memalign(alignment, size);
  count_allocation(block, size);
  return block;
}

EXPORTED void* aligned_alloc(size_t alignment, size_t size) {
  return memalign(alignment, size);
}

EXPORTED int posix_memalign(void** result, size_t alignment, size_t size) {
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0)
    return EINVAL;
  void* block = memalign(alignment, size);
  if (block == NULL && size != 0)
    return ENOMEM;
  *result = block;
  return 0;
}

EXPORTED void* valloc(size_t size) {
  void* block = __libc_valloc(size);
  count_allocation(block, size);
  return block;
}

EXPORTED void* pvalloc(size_t size) {
  void* block = __libc_pvalloc(size);
  count_allocation(block, size);
  return block;
}
