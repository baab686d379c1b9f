// PROJ's public API and its geodesic routines (GeographicLib's C port, exported by libproj).
#include <proj.h>
#include <geodesic.h>
