// The structs in include/CArrow.h are the whole of this target: SwiftPM builds a C target only from a source
// file, so this one holds nothing else.
#include "CArrow.h"
