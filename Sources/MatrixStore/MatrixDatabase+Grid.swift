import Foundation
import GRDB
import MatrixCore

/// Loading a matrix as a compact ``MatrixGrid`` from the per-row status and flag bytes, without
/// touching the cell table: a million-cell grid loads in milliseconds.
extension MatrixDatabase {
    /// ```swift
    /// let grid = try store.loadGrid("params")
    /// grid.select(try Query.parse("status:failed"))
    /// ```
    public func loadGrid(_ name: String) throws(StoreError) -> MatrixGrid {
        try read { db in
            let matrixID = try matrixID(name, in: db)
            guard let head = try GRDB.Row.fetchOne(db, sql: "SELECT * FROM matrix WHERE id = ?", arguments: [matrixID]) else {
                throw StoreError(path: path, message: "lost matrix \(name)")
            }
            let columns = try GRDB.Row.fetchAll(db, sql: "SELECT key, title, footnotes FROM matrix_column WHERE matrix_id = ? ORDER BY position",
                                                arguments: [matrixID]).map {
                Column(key: $0["key"], title: $0["title"], footnotes: JSONColumn.strings($0["footnotes"]))
            }
            let attributeNames = JSONColumn.strings(head["attribute_names"])
            let width = columns.count
            var rowKeys: [String] = []
            var sectionIndex: [Int32] = []
            var sectionNames: [String] = []
            var sectionLookup: [String: Int32] = [:]
            var attributes: [[String]] = []
            var statuses: [UInt8] = []
            var flags: [UInt8] = []
            let cursor = try GRDB.Row.fetchCursor(db, sql: """
                SELECT key, section, attributes, statuses, flags FROM matrix_row WHERE matrix_id = ? ORDER BY position
                """, arguments: [matrixID])
            while let row = try cursor.next() {
                rowKeys.append(row[0])
                if let section = row[1] as String? {
                    if let index = sectionLookup[section] {
                        sectionIndex.append(index)
                    } else {
                        let index = Int32(sectionNames.count)
                        sectionNames.append(section)
                        sectionLookup[section] = index
                        sectionIndex.append(index)
                    }
                } else {
                    sectionIndex.append(-1)
                }
                if attributeNames.isEmpty {
                    attributes.append([])
                } else {
                    let stored: [Attribute] = JSONColumn.decode(row[2] as String?) ?? []
                    attributes.append(attributeNames.map { name in stored.first { $0.name == name }?.literal ?? "" })
                }
                let rowStatuses = (row[3] as Data?) ?? Data()
                let rowFlags = (row[4] as Data?) ?? Data()
                statuses.append(contentsOf: Self.fit(rowStatuses, width: width, filler: CellStatus.untested.code))
                flags.append(contentsOf: Self.fit(rowFlags, width: width, filler: 0))
            }
            return MatrixGrid(name: head["name"], title: head["title"], kind: MatrixKind(rawValue: head["kind"]) ?? .features,
                              rowHeader: head["row_header"], columns: columns, attributeNames: attributeNames,
                              rowKeys: rowKeys, sectionIndex: sectionIndex, sectionNames: sectionNames,
                              attributes: attributes, statuses: statuses, cellFlags: flags)
        }
    }

    /// Exactly `width` bytes: a row written before a column was added is padded.
    static func fit(_ data: Data, width: Int, filler: UInt8) -> [UInt8] {
        if data.count == width { return [UInt8](data) }
        var bytes = [UInt8](data.prefix(width))
        bytes.append(contentsOf: repeatElement(filler, count: width - bytes.count))
        return bytes
    }
}
