/// Why a CSV record is not RFC 4180, read strictly (as Python's `csv` with `strict=True`): the record is
/// rejected and reading resumes on the line after the one it starts on (`CSVRecordScan`).
public struct CSVMalformation: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `5" rain`: a quote inside a field that does not start with one.
        case quoteInUnquotedField
        /// `"Kabul" x`: text between a closing quote and the delimiter. `linesLater` counts the line ends
        /// inside the quoted field: a quote opened and never closed on its own line swallows the lines below
        /// until a later quote closes it.
        case textAfterClosingQuote(linesLater: Int)
        /// A quoted field still open at the end of the input.
        case unterminatedQuote
        /// A record longer than `cap` bytes (`CSVRecordScan.maxRecordBytes`).
        case tooLong(cap: Int)
    }

    public var kind: Kind
    /// The field (0-based) the problem is in.
    public var field: Int

    public init(kind: Kind, field: Int) {
        self.kind = kind
        self.field = field
    }

    public var description: String {
        switch kind {
        case .quoteInUnquotedField:
            return "a quote inside an unquoted field (quote the whole field and double the quote: \"5\"\" rain\")"
        case .textAfterClosingQuote(0):
            return "text after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")"
        case .textAfterClosingQuote(let lines):
            return "a quote opened in this field is closed \(lines) line\(lines == 1 ? "" : "s") further down and text follows it "
                + "(a stray quote?): the lines below are read as rows of their own"
        case .unterminatedQuote:
            return "a quote opened in this field is never closed: the lines below are read as rows of their own"
        case .tooLong(let cap):
            return "the record is longer than \(Self.describe(bytes: cap)), the most one record may hold (an unclosed quote?)"
        }
    }

    /// The reason without details, for counting.
    public var summary: String {
        if case .tooLong = kind { return "record over the size limit" }
        return "malformed quoting"
    }

    /// "64 MB" (bytes in whole MB when they are, else in bytes).
    static func describe(bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
