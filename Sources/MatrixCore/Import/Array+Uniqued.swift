/// Keeping the first of repeated elements, for section and row-key lists.
///
/// ```swift
/// ["a", "b", "a"].uniqued()   // ["a", "b"]
/// ```
extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
