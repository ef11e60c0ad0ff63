import Foundation
import MatrixCore
import Screen
import Testing
@testable import Explorer

/// Issue 14 D10: a paste into the `/` line arrives as a burst of keys; the explorer folds it into
/// one refilter, and an Esc after it wins.
@Suite("Paste into the query line: one refilter per burst")
struct PasteReducerTests {
    static func querying() -> ExplorerState {
        var state = ExplorerFixtures.state()
        _ = state.apply(.openQuery)
        return state
    }

    @Test("typed characters in a burst fold into one typeText; the key after them stays its own")
    func foldsABurst() {
        let state = Self.querying()
        let keys: [Key] = "backend:vllm".map { .char($0) } + [.enter, .char("j")]
        let (action, consumed) = state.nextAction(in: keys[...])
        #expect(action == .typeText("backend:vllm"))
        #expect(consumed == 12)
        #expect(state.nextAction(in: keys[12...]).action == .acceptQuery)
    }

    @Test("one character is a plain typeQuery; outside the query line keys map one by one")
    func singleKeys() {
        let state = Self.querying()
        #expect(state.nextAction(in: [Key.char("v")][...]) == (.typeQuery("v"), 1))
        let grid = ExplorerFixtures.state()
        #expect(grid.nextAction(in: [Key.char("j"), .char("j")][...]) == (.moveCursor(dx: 0, dy: 1), 1))
    }

    @Test("Esc right after pasted text wins: the text is never filtered, the filter is cleared")
    func escapeWins() {
        var state = Self.querying()
        let keys: [Key] = String(repeating: "x", count: 5_000).map { .char($0) } + [.escape]
        let (action, consumed) = state.nextAction(in: keys[...])
        #expect(action == .clearFilter)
        #expect(consumed == 5_001)
        _ = state.apply(action!)
        #expect(state.tab.filterText.isEmpty)
        #expect(state.modal == .none)
    }

    @Test("typeText leaves the same state as typing the characters one at a time")
    func sameAsTyping() {
        var typed = Self.querying()
        for character in "backend:vllm status:failed" { _ = typed.apply(.typeQuery(character)) }
        var pasted = Self.querying()
        _ = pasted.apply(.typeText("backend:vllm status:failed"))
        #expect(pasted.tab.filterText == typed.tab.filterText)
        #expect(pasted.tab.selection == typed.tab.selection)
        #expect(pasted.tab.selection.rows.count == 15)
    }

    @Test("a paste past the query line's limit keeps the first characters and says how many were dropped")
    func longPasteIsCut() {
        var state = Self.querying()
        let text = String(repeating: "ab ", count: 400_000)     // 1.2 MB
        _ = state.apply(.typeText(text))
        #expect(state.tab.filterText.count == TabState.maximumQueryLength)
        let message = try? #require(state.statusMessage)
        #expect(message?.isError == true)
        #expect(message?.text == "query cut at \(TabState.maximumQueryLength) chars, \(text.count - TabState.maximumQueryLength) dropped")
        let frame = render(state).text()
        #expect(frame.contains("query cut at 2000 chars, 1198000 dropped"), "shown while editing:\n\(frame)")
        #expect(frame.contains("…ab ab"), "the query line shows its end:\n\(frame)")
        _ = state.apply(.typeQuery("z"))
        #expect(state.tab.filterText.count == TabState.maximumQueryLength)
    }
}
