extension Int {
    /// A count with its noun in the right number, for the status line and overlays.
    ///
    /// ```swift
    /// 1.counted("row")                      // "1 row"
    /// 15.counted("match", plural: "matches") // "15 matches"
    /// ```
    func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? singular : plural ?? singular + "s")
    }
}
