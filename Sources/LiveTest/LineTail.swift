/// The last `capacity` lines of a stream, oldest first: what a crashed harness said last.
///
/// ```swift
/// var tail = LineTail(capacity: 2); tail.append("a"); tail.append("b"); tail.append("c")
/// tail.lines   // ["b", "c"]
/// ```
public struct LineTail: Sendable, Hashable {
    public let capacity: Int
    private var buffer: [String] = []
    private var next = 0

    public init(capacity: Int = 50) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    public mutating func append(_ line: String) {
        if buffer.count < capacity {
            buffer.append(line)
        } else {
            buffer[next] = line
            next = (next + 1) % capacity
        }
    }

    public var lines: [String] { Array(buffer[next...] + buffer[..<next]) }
    public var isEmpty: Bool { buffer.isEmpty }
}
