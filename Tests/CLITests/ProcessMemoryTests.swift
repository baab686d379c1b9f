import XCTest
import CProcessMemory

/// The command line's allocator setting (`CProcessMemory.h`).
final class ProcessMemoryTests: XCTestCase {
    /// Its C file first tested `__GLIBC__` before any header had defined it, so the setting compiled to
    /// nothing on glibc and a 5M-row `hotspots` stayed at 113 MB: on Linux (glibc) it must take.
    func testOneMallocArenaIsSetOnGlibc() {
        #if os(Linux)
        XCTAssertEqual(frontier_use_one_malloc_arena(), 1)
        #endif
    }
}
