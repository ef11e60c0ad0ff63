/// A compact, query-ready view of one matrix: row names, sections, text columns and one byte of
/// status and one byte of flags per cell, row-major.
///
/// Loading a one-million-cell matrix as `Matrix` values would cost hundreds of megabytes; a grid
/// costs two bytes a cell plus the row names. Queries and the explorer work on grids; notes and
/// literal texts are fetched for the few cells a person is looking at.
///
/// ```swift
/// let grid = MatrixGrid(matrix)
/// grid.status(row: 0, column: 1)            // .unsupported
/// grid.flags(row: 0, column: 1).contains(.note)
/// ```
public struct MatrixGrid: Sendable {
    public var name: String
    public var title: String
    public var kind: MatrixKind
    public var rowHeader: String
    public var columns: [Column]
    public var attributeNames: [String]
    public var rowKeys: [String]
    /// Index into ``sectionNames`` per row, -1 for no section.
    public var sectionIndex: [Int32]
    public var sectionNames: [String]
    /// Per row, the literal text of each attribute in ``attributeNames`` order.
    public var attributes: [[String]]
    /// `rowCount × columnCount` status codes (``CellStatus/code``), row-major.
    public var statuses: [UInt8]
    /// `rowCount × columnCount` ``CellFlags`` raw values, row-major.
    public var cellFlags: [UInt8]

    public var rowCount: Int { rowKeys.count }
    public var columnCount: Int { columns.count }

    public init(name: String, title: String, kind: MatrixKind, rowHeader: String, columns: [Column],
                attributeNames: [String], rowKeys: [String], sectionIndex: [Int32], sectionNames: [String],
                attributes: [[String]], statuses: [UInt8], cellFlags: [UInt8]) {
        precondition(statuses.count == rowKeys.count * columns.count, "statuses must be rows × columns")
        precondition(cellFlags.count == statuses.count, "flags must be rows × columns")
        self.name = name
        self.title = title
        self.kind = kind
        self.rowHeader = rowHeader
        self.columns = columns
        self.attributeNames = attributeNames
        self.rowKeys = rowKeys
        self.sectionIndex = sectionIndex
        self.sectionNames = sectionNames
        self.attributes = attributes
        self.statuses = statuses
        self.cellFlags = cellFlags
    }

    /// Builds the grid of a whole matrix.
    public init(_ matrix: Matrix) {
        var sections = SectionTable(capacity: matrix.rows.count)
        var statuses: [UInt8] = []
        var flags: [UInt8] = []
        statuses.reserveCapacity(matrix.rows.count * matrix.columns.count)
        flags.reserveCapacity(matrix.rows.count * matrix.columns.count)
        for row in matrix.rows {
            sections.append(row.section)
            for column in matrix.columns {
                let cell = row.cells[column.key]
                statuses.append((cell?.status ?? .untested).code)
                flags.append(CellFlags(cell).rawValue)
            }
        }
        self.init(
            name: matrix.name, title: matrix.title, kind: matrix.kind, rowHeader: matrix.rowHeader,
            columns: matrix.columns, attributeNames: matrix.attributeNames,
            rowKeys: matrix.rows.map(\.key), sectionIndex: sections.indices, sectionNames: sections.names,
            attributes: matrix.rows.map { row in matrix.attributeNames.map { row.attribute($0)?.literal ?? "" } },
            statuses: statuses, cellFlags: flags)
    }

    // MARK: - Cells

    public func status(row: Int, column: Int) -> CellStatus {
        CellStatus(code: statuses[row * columns.count + column]) ?? .untested
    }

    public func flags(row: Int, column: Int) -> CellFlags {
        CellFlags(rawValue: cellFlags[row * columns.count + column])
    }

    public func section(ofRow row: Int) -> String? {
        let index = sectionIndex[row]
        return index < 0 ? nil : sectionNames[Int(index)]
    }

    /// Sets one cell's status, for a live result landing in an open grid.
    public mutating func setStatus(_ status: CellStatus, row: Int, column: Int, flags: CellFlags) {
        statuses[row * columns.count + column] = status.code
        cellFlags[row * columns.count + column] = flags.rawValue
    }
}

/// Markers a cell carries besides its status.
public struct CellFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The cell has a note (an error text, a remark).
    public static let note = CellFlags(rawValue: 1 << 0)
    /// The cell cites a footnote.
    public static let footnote = CellFlags(rawValue: 1 << 1)
    /// The status shown comes from a live run on this machine, not from an imported document.
    public static let live = CellFlags(rawValue: 1 << 2)
    /// The verdicts shown for this cell differ: the live verdict from the document's, or (side by
    /// side) this environment's from another shown one. Never a regression by itself.
    public static let differs = CellFlags(rawValue: 1 << 3)
    /// The live verdict fails where the previous result on the same backend and device class passed.
    public static let regression = CellFlags(rawValue: 1 << 4)
    /// The live verdict passes where the previous result on the same backend and device class failed.
    public static let fix = CellFlags(rawValue: 1 << 5)

    public init(_ cell: Cell?) {
        var flags: CellFlags = []
        if let note = cell?.note, !note.isEmpty { flags.insert(.note) }
        if cell?.footnotes.isEmpty == false { flags.insert(.footnote) }
        self = flags
    }
}
