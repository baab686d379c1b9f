import Foundation

/// What writing to a path means, found before anything is written. A regular file (or a new one) is
/// replaced whole: written beside it and renamed into place, so it appears complete or not at all. Anything
/// else that exists is written straight, as a shell's `>` would: a FIFO gets the bytes (its reader is not
/// left waiting on a file that replaced it), a character device such as /dev/null takes them, and
/// /dev/stdout or /dev/fd/N write through the process's own descriptor. A symbolic link is followed: its
/// target is what is replaced or written, and the link stays a link. A folder, a block device (a disk) or a
/// socket is refused: nothing sensible can be written there.
struct OutputTarget {
    enum Kind {
        /// A regular file to replace (`existing`: its status, to keep its permissions), or a new file.
        case replace(path: String, existing: stat?)
        /// An existing FIFO or character device, opened and written in place.
        case straight(path: String)
        /// One of this process's descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N), written through a copy.
        case descriptor(Int32)
    }

    /// The path as the user gave it (for messages).
    let path: String
    let kind: Kind

    /// Symbolic links followed before giving up (the kernel's own limit is 40).
    static let linkLimit = 40

    /// Resolves `path`; throws a `UsageError` for what cannot be written, naming `flag`.
    init(_ path: String, flag: String) throws {
        self.path = path
        var current = path
        for _ in 0...Self.linkLimit {
            if let fd = Self.ownDescriptor(current) {
                kind = .descriptor(fd)
                return
            }
            var st = stat()
            guard lstat(current, &st) == 0 else {
                if errno == ENOENT {
                    kind = .replace(path: current, existing: nil)
                    return
                }
                throw UsageError("\(flag) \(path): \(String(cString: strerror(errno)))")
            }
            switch st.st_mode & S_IFMT {
            case S_IFLNK:
                guard let next = Self.linkTarget(current) else { throw UsageError("\(flag) \(path): cannot read the link \(current)") }
                current = next
            case S_IFREG:
                kind = .replace(path: current, existing: st)
                return
            case S_IFIFO, S_IFCHR:
                kind = .straight(path: current)
                return
            case S_IFDIR:
                throw UsageError("\(flag) \(path) is a folder: name a file in it")
            case S_IFBLK:
                throw UsageError("\(flag) \(path) is a block device: Frontier writes files, FIFOs and character devices, never a disk")
            default:
                throw UsageError("\(flag) \(path) is a socket or another special file Frontier cannot write")
            }
        }
        throw UsageError("\(flag) \(path): more than \(Self.linkLimit) symbolic links to follow")
    }

    /// Whether writing replaces a file (so that two roles naming it would lose one of them).
    var replacesFile: Bool {
        if case .replace = kind { return true }
        return false
    }

    /// The file this target replaces, as `FileIdentity` tells files apart; nil when written straight.
    var identity: FileIdentity? {
        guard case .replace(let p, let existing) = kind else { return nil }
        if let existing { return .inode(device: UInt64(existing.st_dev), inode: UInt64(existing.st_ino)) }
        return FileIdentity.name(p)
    }

    /// The target of the link at `path`, made absolute against the link's folder.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let folder = PathParts(path).folder
        return target.hasPrefix("/") || folder.isEmpty ? target : folder + "/" + target
    }

    /// N when `path` is an entry of this process's descriptor folder (/proc/PID/fd/N, which /dev/stdout,
    /// /dev/fd/N and /proc/self/fd/N lead to): its link text names the file, not the open descriptor
    /// (a pipe's is "pipe:[123]"), so it is written through the descriptor itself.
    private static func ownDescriptor(_ path: String) -> Int32? {
        let parts = PathParts(path)
        guard !parts.name.isEmpty, parts.name.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int32(parts.name) else { return nil }
        guard let real = realpath(parts.folder.isEmpty ? "." : parts.folder, nil) else { return nil }
        defer { free(real) }
        return String(cString: real) == "/proc/\(getpid())/fd" ? n : nil
    }
}

/// One file however it is named: by device and inode when it exists (links, `./x` and hard links
/// included), else by its folder's real path and its name.
enum FileIdentity: Hashable {
    case inode(device: UInt64, inode: UInt64)
    case path(String)

    /// The file `path` names now (following links), or the name it would be created under.
    init(_ path: String) {
        var st = stat()
        if stat(path, &st) == 0 {
            self = .inode(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        } else {
            self = Self.name(path)
        }
    }

    /// A file that does not exist yet: its folder resolved (links, `..`), then its name.
    static func name(_ path: String) -> FileIdentity {
        let parts = PathParts(path)
        guard let real = realpath(parts.folder.isEmpty ? "." : parts.folder, nil) else { return .path(path) }
        defer { free(real) }
        return .path(String(cString: real) + "/" + parts.name)
    }
}

/// A path split at its last "/": the folder ("" for a bare name, "/" at the root) and the name. Written
/// here because Foundation's `NSString.deletingLastPathComponent` traps on a one-character name ("o").
struct PathParts {
    let folder: String
    let name: String

    init(_ path: String) {
        guard let slash = path.lastIndex(of: "/") else {
            folder = ""
            name = path
            return
        }
        folder = slash == path.startIndex ? "/" : String(path[..<slash])
        name = String(path[path.index(after: slash)...])
    }
}
