import Foundation
import FrontierBase

/// Headless Chromium turning a page into a picture (PNG) or a printed document (PDF): the page is written to a
/// private temporary folder, Chromium is run on it with no network and a time limit, and the bytes it writes
/// there are read back and handed to the caller, who writes them wherever it writes (so the caller's checks
/// on output paths hold: Chromium never writes outside the temporary folder).
public struct HeadlessChromium: Sendable {
    /// What to make of the page.
    public enum Output: Sendable, Equatable {
        /// A screenshot of a viewport `width` × `height` CSS pixels, at `scale` device pixels per CSS pixel.
        case png(width: Int, height: Int, scale: Int)
        /// The page printed as Chromium prints it (its `@media print` rules apply), without header or footer.
        case pdf
    }

    /// The names looked for on `PATH`, in order.
    public static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The executable run.
    public let executable: String
    /// Seconds Chromium may take before it is stopped and the rendering fails.
    public let timeout: TimeInterval

    /// Chromium at `executable`, or the first of `names` on `searchPath` (a `PATH`-style list; nil: this
    /// process's `PATH`).
    /// - Throws: `FrontierError.rendererUnavailable` when `executable` is not an executable file, or none of
    ///   `names` is found on the search path.
    public init(executable: String? = nil, searchPath: String? = nil, timeout: TimeInterval = 120) throws {
        self.timeout = timeout
        if let executable {
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw FrontierError.rendererUnavailable(looked: [executable])
            }
            self.executable = executable
            return
        }
        let folders = (searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        for name in Self.names {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                self.executable = folder + "/" + name
                return
            }
        }
        throw FrontierError.rendererUnavailable(looked: [Self.names.joined(separator: ", ") + " on PATH"])
    }

    /// Renders `page` (a whole HTML document that loads nothing from outside) as `output`.
    /// - Returns: the PNG or PDF bytes Chromium wrote.
    /// - Throws: `FrontierError.renderFailed` when the temporary folder cannot be made, Chromium exits with an
    ///   error, takes longer than `timeout`, or writes no file of the expected kind.
    public func render(_ page: String, as output: Output) throws -> Data {
        var template = Array((FileManager.default.temporaryDirectory.path + "/frontier-render-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw FrontierError.renderFailed(reason: "cannot make a temporary folder (\(String(cString: strerror(errno))))") }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pagePath = folder + "/page.html", result = folder + (output == .pdf ? "/page.pdf" : "/page.png"), log = folder + "/chromium.log"
        do { try Data(page.utf8).write(to: URL(fileURLWithPath: pagePath)) } catch {
            throw FrontierError.renderFailed(reason: "cannot write the page to render (\(error.localizedDescription))")
        }
        // Chromium's own switches (spelled without their dashes here, which are added below). The proxy is a
        // closed port: a page that tried to load anything would fail rather than reach the network.
        var switches = ["headless", "no-sandbox", "disable-gpu", "hide-scrollbars", "no-first-run", "no-default-browser-check",
                        "disable-extensions", "disable-background-networking", "disable-sync", "mute-audio",
                        "proxy-server=http://127.0.0.1:9", "user-data-dir=\(folder)/profile"]
        switch output {
        case .png(let width, let height, let scale):
            switches += ["window-size=\(width),\(height)", "force-device-scale-factor=\(scale)", "screenshot=\(result)"]
        case .pdf:
            switches += ["no-pdf-header-footer", "print-to-pdf=\(result)"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = switches.map { "--" + $0 } + ["file://" + pagePath]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let logHandle = FileHandle(forWritingAtPath: log)
        process.standardOutput = logHandle ?? FileHandle.nullDevice
        process.standardError = logHandle ?? FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw FrontierError.renderFailed(reason: "cannot run \(executable) (\(error.localizedDescription))")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            throw FrontierError.renderFailed(reason: "\(executable) took more than \(Int(timeout)) seconds and was stopped")
        }
        try? logHandle?.close()
        let bytes = FileManager.default.contents(atPath: result) ?? Data()
        let signature: [UInt8] = output == .pdf ? Array("%PDF".utf8) : [0x89, 0x50, 0x4E, 0x47]
        guard process.terminationStatus == 0, Array(bytes.prefix(4)) == signature else {
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            // Chromium logs harmless complaints (no D-Bus in a container): the last lines say what failed.
            let tail = said.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw FrontierError.renderFailed(reason: "\(executable) exited with status \(process.terminationStatus) and wrote no \(output == .pdf ? "PDF" : "PNG")"
                + (tail.isEmpty ? "" : ": \(tail)"))
        }
        return bytes
    }
}
