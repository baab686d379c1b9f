/// Line endings. RFC 4180 says CRLF, most files say LF; spreadsheets of the classic Mac era end lines with
/// a lone CR. The readers split records at LF (a CR before it is dropped), so a CR-only file is
/// recognised by its first line ending and read with every CR taken as LF — never as one long line.
struct LineEndings {
    private(set) var decided = false
    private(set) var crOnly = false

    /// Looks at the first bytes of an input (call with each new block until `decided`) and, once a CR-only
    /// file is recognised, rewrites its CRs as LFs; later blocks go through `normalize` too.
    mutating func inspect(_ bytes: inout [UInt8], from start: Int = 0, atEOF: Bool) {
        // A block may end on the CR whose follower decides: look again from that byte.
        let start = max(0, start - 1)
        if !decided {
            var i = start
            while i < bytes.count, bytes[i] != 10, bytes[i] != 13 { i += 1 }
            if i < bytes.count {
                if bytes[i] == 10 { decided = true }
                else if i + 1 < bytes.count { decided = true; crOnly = bytes[i + 1] != 10 }
                else if atEOF { decided = true; crOnly = true }
            } else if atEOF { decided = true }
        }
        normalize(&bytes, from: start)
    }

    /// CR → LF in a CR-only input; nothing otherwise.
    func normalize(_ bytes: inout [UInt8], from start: Int = 0) {
        guard crOnly else { return }
        bytes.withUnsafeMutableBufferPointer { b in
            for i in start..<b.count where b[i] == 13 { b[i] = 10 }
        }
    }
}
