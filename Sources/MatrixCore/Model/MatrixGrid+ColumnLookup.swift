extension MatrixGrid {
    /// The key of the column a person named by its key or its title, ignoring case: the CLI
    /// takes `--column "CUDA Graph"` as readily as `--column cuda-graph`, and runs are always
    /// recorded under the key so that the grid finds them.
    ///
    /// ```swift
    /// features.columnKey(named: "KV Cache Reuse")   // "kv-cache-reuse"
    /// ```
    public func columnKey(named name: String) -> String? {
        let wanted = name.lowercased()
        return columns.first { $0.key.lowercased() == wanted || $0.title.lowercased() == wanted }?.key
    }
}
