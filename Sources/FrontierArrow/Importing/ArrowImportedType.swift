import FrontierBase

/// A column's type as Frontier reads it. Its payloads are plain numbers (no indirect case), so a column can
/// switch on it per value without counting a reference.
enum ArrowImportedType: Equatable {
    case utf8, largeUTF8
    case int(bytes: Int, signed: Bool)
    case float(bytes: Int)
    case bool
    case date32, date64
    /// Units per second (1, 1_000, 1_000_000, 1_000_000_000).
    case timestamp(perSecond: Int64)
    /// Text through a dictionary: the index's width and signedness, and whether the dictionary's text has
    /// 64-bit offsets (`U`) rather than 32-bit ones (`u`).
    case dictionary(indexBytes: Int, signed: Bool, largeValues: Bool)

    /// A dictionary's values' type.
    var dictionaryValues: ArrowImportedType? {
        guard case .dictionary(_, _, let large) = self else { return nil }
        return large ? .largeUTF8 : .utf8
    }

    init(format: String, dictionary: String?, column: String, file: String) throws {
        if let dictionary {
            let values = try ArrowImportedType(format: dictionary, dictionary: nil, column: column, file: file)
            let index = try ArrowImportedType(format: format, dictionary: nil, column: column, file: file)
            guard case .int(let bytes, let signed) = index, values == .utf8 || values == .largeUTF8 else {
                throw FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' is dictionary-encoded with '\(MessageText.escaped(dictionary))' values: only text categories are read")
            }
            self = .dictionary(indexBytes: bytes, signed: signed, largeValues: values == .largeUTF8)
            return
        }
        switch format {
        case "u": self = .utf8
        case "U": self = .largeUTF8
        case "c": self = .int(bytes: 1, signed: true)
        case "C": self = .int(bytes: 1, signed: false)
        case "s": self = .int(bytes: 2, signed: true)
        case "S": self = .int(bytes: 2, signed: false)
        case "i": self = .int(bytes: 4, signed: true)
        case "I": self = .int(bytes: 4, signed: false)
        case "l": self = .int(bytes: 8, signed: true)
        case "L": self = .int(bytes: 8, signed: false)
        case "f": self = .float(bytes: 4)
        case "g": self = .float(bytes: 8)
        case "b": self = .bool
        case "tdD": self = .date32
        case "tdm": self = .date64
        case "n": self = .utf8  // null type: every value is null (no buffers are read)
        default:
            if format.hasPrefix("ts"), format.count >= 4 {
                let unit = format[format.index(format.startIndex, offsetBy: 2)]
                let perSecond: [Character: Int64] = ["s": 1, "m": 1_000, "u": 1_000_000, "n": 1_000_000_000]
                if let p = perSecond[unit] { self = .timestamp(perSecond: p); return }
            }
            throw FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' has the Arrow type '\(MessageText.escaped(format))', "
                                        + "which Frontier does not read (text, numbers, booleans, dates and timestamps are read): convert or drop it")
        }
    }
}
