#ifndef CBUILDSTAMP_H
#define CBUILDSTAMP_H

/// The version `make` stamped into this build (`scripts/version.sh`: the repository's tag as `git describe`
/// gives it, in Debian's spelling), or an empty string for a build that did not go through `make` (a plain
/// `swift build`), which then reports the release in `FrontierVersion.release` alone.
const char *frontier_build_stamp(void);

#endif
