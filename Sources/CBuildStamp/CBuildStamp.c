#include "CBuildStamp.h"

// `make` writes BuildStamp.generated.h (git-ignored) and touches this file when the version changes, so the
// build recompiles this one file and relinks; nothing else depends on the stamp. A C file, because Swift has no
// way to include a file only when it exists.
#if __has_include("BuildStamp.generated.h")
#include "BuildStamp.generated.h"
#endif

#ifndef FRONTIER_BUILD_STAMP
#define FRONTIER_BUILD_STAMP ""
#endif

const char *frontier_build_stamp(void) { return FRONTIER_BUILD_STAMP; }
