/// `--format json`: an array of objects, one per row, keys in column order, numbers as numbers.
public enum JSONRowsWriter {
    public static func write(_ table: RecordTable) -> String {
        var out = "[\n"
        for (i, r) in table.records.enumerated() {
            out += JSONText.object(Array(zip(table.columns, r.values)))
            out += i + 1 < table.records.count ? ",\n" : "\n"
        }
        return out + "]\n"
    }
}
