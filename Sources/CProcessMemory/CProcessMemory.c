#include "CProcessMemory.h"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

int frontier_use_one_malloc_arena(void) {
// glibc defines __GLIBC__ in the headers above, and M_ARENA_MAX since 2.10.
#if defined(__GLIBC__) && defined(M_ARENA_MAX)
    return mallopt(M_ARENA_MAX, 1) == 1 ? 1 : 0;
#else
    return 0;
#endif
}
