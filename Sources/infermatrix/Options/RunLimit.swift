import ArgumentParser

/// `show --runs N` or `--runs all`: how many of a cell's recorded runs to list.
///
/// ```swift
/// RunLimit(argument: "all")?.limit   // Int.max
/// ```
enum RunLimit: ExpressibleByArgument, Equatable {
    case count(Int)
    case all

    init?(argument: String) {
        if argument.lowercased() == "all" { self = .all; return }
        guard let number = Int(argument), number >= 0 else { return nil }
        self = .count(number)
    }

    var limit: Int {
        switch self {
        case .count(let number): number
        case .all: Int.max
        }
    }

    var defaultValueDescription: String {
        switch self {
        case .count(let number): String(number)
        case .all: "all"
        }
    }
}
