import Foundation
import XCTest

/// A private PostgreSQL cluster for one test class: initdb in a temporary folder, md5 password login on
/// 127.0.0.1 at a free port, stopped and removed at the end. No mock: the real server Debian ships, with
/// PostGIS. As root (CI) the server runs as the `postgres` user, which initdb requires.
final class PostgresCluster {
    let port: Int
    let user = "frontier"
    let password = "pw-\(UUID().uuidString.prefix(8))"
    private let folder: URL
    private let bin: URL

    /// The server binaries and the PostGIS extension, or a reason to skip.
    static func binaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).compactMap(Int.init).sorted()
        guard let version = versions.last(where: { FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("\($0)/bin/initdb").path) }) else {
            throw XCTSkip("no PostgreSQL server (Debian postgresql) is installed: `make test` installs it with postgresql-15-postgis-3")
        }
        guard FileManager.default.fileExists(atPath: "/usr/share/postgresql/\(version)/extension/postgis.control") else {
            throw XCTSkip("PostGIS for PostgreSQL \(version) is not installed (Debian postgresql-\(version)-postgis-3): `make test` installs it")
        }
        return root.appendingPathComponent("\(version)/bin")
    }

    init() throws {
        bin = try PostgresCluster.binaries()
        folder = URL(fileURLWithPath: "/tmp/frontier-pg-\(UUID().uuidString.prefix(12))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = try PostgresCluster.freePort()
        let pwfile = folder.appendingPathComponent("pw")
        try Data(password.utf8).write(to: pwfile)
        if getuid() == 0 {
            _ = try PostgresCluster.shell("/bin/chown", ["-R", "postgres", folder.path])
        }
        try runAsOwner("initdb", ["-D", data, "-U", user, "-A", "md5", "--pwfile", pwfile.path, "-E", "UTF8", "--locale=C.UTF-8"])
        PostgresCluster.stopsAtExit
        PostgresCluster.running.append(self)
        try start()
        try psql("postgres", "CREATE DATABASE frontier")
    }

    deinit { stop() }

    /// Stops the server and removes its folder, once. XCTest keeps test cases (and what they hold) alive to
    /// the end of the run and exits without releasing them, so every cluster is also stopped at exit.
    func stop() {
        guard !stopped else { return }
        stopped = true
        _ = try? runAsOwner("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    private var stopped = false
    nonisolated(unsafe) private static var running: [PostgresCluster] = []
    private static let stopsAtExit: Void = { atexit { for c in PostgresCluster.running { c.stop() } } }()

    private var data: String { folder.appendingPathComponent("data").path }

    /// The URL of a table in database `db`, password included (what a user types).
    func url(table: String, db: String = "frontier", password: String? = nil) -> String {
        "postgresql://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(db)?table=\(table)"
    }

    func start() throws {
        try runAsOwner("pg_ctl", ["-D", data, "-l", folder.appendingPathComponent("log").path, "-w", "-t", "60", "start",
                                  "-o", "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder.path) -c fsync=off"])
    }

    /// Stops the server at once, as a crash or a pulled cable would: open transactions are lost.
    func stopImmediately() throws {
        try runAsOwner("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"])
    }

    /// Runs SQL with psql and returns its unaligned, tuples-only output.
    @discardableResult
    func psql(_ db: String, _ sql: String) throws -> String {
        try PostgresCluster.shell(bin.appendingPathComponent("psql").path,
                                  ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", db, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                                  environment: ["PGPASSWORD": password])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func runAsOwner(_ tool: String, _ args: [String]) throws {
        let path = bin.appendingPathComponent(tool).path
        if getuid() == 0 {
            _ = try PostgresCluster.shell("/usr/sbin/runuser", ["-u", "postgres", "--", path] + args, in: "/")
        } else {
            _ = try PostgresCluster.shell(path, args, in: "/")
        }
    }

    /// Runs a tool and returns its output (stdout and stderr together). Spawned with posix_spawn and reaped
    /// with waitpid: Foundation's Process waits until every holder of its internal socket is gone, and a
    /// server that pg_ctl starts keeps holding it, so `waitUntilExit` would never return.
    @discardableResult
    static func shell(_ tool: String, _ args: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-pg-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // In `directory` through sh (posix_spawn's chdir action is not in Swift's Glibc module).
        let (tool, args) = directory.map { ("/bin/sh", ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", $0, tool] + args) } ?? (tool, args)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([tool] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw NSError(domain: "PostgresCluster", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "cannot run \(tool)"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        // Exited normally with 0: the low 7 bits (signal) and the exit code are both zero.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw NSError(domain: "PostgresCluster", code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "\(tool) \(args.joined(separator: " ")) failed: \(text)"])
        }
        return text
    }

    /// A TCP port nobody listens on now (bound to port 0, then released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NSError(domain: "PostgresCluster", code: 1) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw NSError(domain: "PostgresCluster", code: 2) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
