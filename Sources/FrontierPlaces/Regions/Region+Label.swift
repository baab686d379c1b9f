import FrontierBase

/// The columns every answer labels a region with, written once: id, country and name, and the ISO code
/// after them when asked (`--region-code`).
extension Region {
    /// The label's column names.
    /// - Parameter code: whether `region_code` follows the triple.
    public static func labelColumns(code: Bool) -> [String] {
        ["region_id", "region_country", "region_name"] + (code ? ["region_code"] : [])
    }

    /// The label's values in `labelColumns(code:)` order; empty strings for no region (an incident outside
    /// them all).
    public static func labelValues(id: String?, country: String?, name: String?, code: String?, withCode: Bool) -> [PropertyValue] {
        [.string(id ?? ""), .string(country ?? ""), .string(name ?? "")] + (withCode ? [.string(code ?? "")] : [])
    }

    /// This region's label values.
    public func labelValues(code withCode: Bool) -> [PropertyValue] {
        Region.labelValues(id: id, country: country, name: name, code: code, withCode: withCode)
    }
}
