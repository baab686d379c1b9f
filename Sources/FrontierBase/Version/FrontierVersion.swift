import CBuildStamp

/// Which Frontier this is: the release it belongs to, and the exact build when `make` stamped one.
public enum FrontierVersion {
    /// The release this source tree belongs to: the top entry of CHANGELOG.md and the repository's latest
    /// `v…` tag (a test checks both).
    public static let release = "0.2.0"

    /// The build's own version: `release` when the repository sits on the release's tag, else the tag, the
    /// number of commits since it and the commit (`0.2.0+5.g1a2b3c4`, `.dirty` for uncommitted changes), as
    /// `make` stamped it from `git describe`. A build made without `make` reports `release` alone.
    public static var build: String {
        let stamp = String(cString: frontier_build_stamp())
        return stamp.isEmpty ? release : stamp
    }
}
