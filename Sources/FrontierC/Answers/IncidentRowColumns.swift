import Foundation
import Frontier
import FrontierArrow

/// The Arrow columns of a per-incident answer (join, near): the input's columns, typed by what each field is
/// for (the date as date32, latitude and longitude as float64, fatalities and geo_precision as int64, every
/// other column as text, as read), then the answer's own (regions as text, null where none; distances float64).
struct IncidentRowColumns {
    let fields: [ArrowField]
    private let kept: [Int]
    private let roles: IncidentFields.Columns

    init(columns: IncidentColumns, scan: IncidentScan) {
        kept = columns.kept
        roles = scan.fieldColumns
        var fields: [ArrowField] = []
        for (position, name) in zip(columns.kept, columns.names) {
            let kind: ArrowColumn.Kind
            switch position {
            case roles.date: kind = .date32
            case roles.latitude, roles.longitude: kind = .float64
            case roles.fatalities, roles.geoPrecision: kind = .int64
            default: kind = .utf8
            }
            fields.append(ArrowField(name: name, kind: kind))
        }
        // The answers' own columns: distances in km, an attribution's flag, the rest text.
        for name in columns.appended {
            fields.append(ArrowField(name: name, kind: name.hasSuffix("_km") ? .float64 : name == "cross_border" ? .bool : .utf8))
        }
        self.fields = fields
    }

    /// One incident's row: its input values, typed, then the answer's `appended` values.
    func row(_ incident: Incident, appended: [PropertyValue]) -> [ArrowValue?] {
        var row: [ArrowValue?] = []
        row.reserveCapacity(fields.count)
        for (i, position) in kept.enumerated() {
            let value = position < incident.values.count ? incident.values[position] : .null
            switch fields[i].kind {
            case .date32:
                row.append(incident.date.map { .date(Int32($0.daysSinceEpoch)) })
            case .float64:
                row.append(Self.number(value).map(ArrowValue.double))
            case .int64:
                if position == roles.fatalities {
                    row.append(incident.fatalitiesUnknown ? nil : .int(Int64(incident.fatalities)))
                } else {
                    row.append(Self.number(value).flatMap { $0 == $0.rounded() ? .int(Int64($0)) : nil })
                }
            default:
                row.append(value.text.map(ArrowValue.text))
            }
        }
        for (k, value) in appended.enumerated() {
            let kind = fields[kept.count + k].kind
            switch value {
            case .string(let s) where s.isEmpty: row.append(nil)  // no region: null, not an empty name
            default: row.append(ArrowValue(value, as: kind))
            }
        }
        return row
    }

    private static func number(_ value: PropertyValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }
}
