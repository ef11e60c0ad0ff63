/// The environment views `E` cycles through on a tab, for the environments a matrix has runs in:
/// the default view, the document alone, each environment alone (over the document), then the
/// document and every environment side by side (each column split into sub-columns,
/// ``MatrixGrid/sideBySide(_:document:)``).
///
/// ```swift
/// EnvironmentViews.cycle(["h100·torch 2.11", "cpu·torch 2.13"])
/// // [[], ["doc"], ["h100·torch 2.11"], ["cpu·torch 2.13"], ["doc", "h100·torch 2.11", "cpu·torch 2.13"]]
/// EnvironmentViews.next(after: ["doc"], in: ["h100·torch 2.11"])   // ["h100·torch 2.11"]
/// ```
public enum EnvironmentViews {
    public static func cycle(_ live: [String]) -> [[String]] {
        var views: [[String]] = [[], ["doc"]] + live.map { [$0] }
        if live.count >= 1 { views.append(["doc"] + live) }
        return views
    }

    /// The view after `current` (the default when `current` is not in the cycle).
    public static func next(after current: [String], in live: [String]) -> [String] {
        let views = cycle(live)
        guard let index = views.firstIndex(of: current) else { return views[0] }
        return views[(index + 1) % views.count]
    }

    /// `default (latest verdict per backend)`, `doc`, `doc | cpu·vllm 0.32`.
    public static func label(_ environments: [String]) -> String {
        environments.isEmpty ? "default (each column's backend, latest verdict)" : environments.joined(separator: " | ")
    }
}
