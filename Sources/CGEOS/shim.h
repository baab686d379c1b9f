// Only the reentrant (GEOS*_r) API is visible: nothing can use the global-context functions by mistake.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
