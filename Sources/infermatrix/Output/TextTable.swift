import Screen

/// Aligned text columns for `list`'s table format, padded by display width.
///
/// ```swift
/// TextTable(header: ["Parameter", "vLLM"], rows: [["vllm.block_size=8", "❌"]]).render()
/// ```
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func render() -> String {
        var widths = header.map { DisplayWidth.of($0) }
        for row in rows {
            for (index, field) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(field))
            }
        }
        func line(_ fields: [String]) -> String {
            fields.enumerated().map { index, field in
                index == fields.count - 1 ? field : DisplayWidth.pad(field, to: widths[index])
            }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
